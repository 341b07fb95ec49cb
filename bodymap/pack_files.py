"""The one door every content-pack file comes in by: the content YAML and the geometry.

A pack may come from anyone (`BODYMAP_CONTENT_DIR`), so reading it must not hang, grow
without bound or crash the server, whatever is in the folder. Before any parser sees a
file, it must be a regular file (not a FIFO, device or socket: reading those never ends or
never stops), inside the pack folder (a symlink may not lead out of it), under a byte limit,
valid UTF-8, and its YAML no deeper than a limit and without aliases. The depth is counted
from libyaml's event stream, which is iterative: the C loader recurses and overflows the C
stack on ~25,000 nested `[`, taking the whole server down.

Every problem comes back as a `ContentError` naming the file (and field), never a traceback.
"""
from __future__ import annotations

import gc
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

MAX_FILE_BYTES = 2_000_000  # the shipped files are a few kB; anything this big is a mistake
MAX_DEPTH = 20  # the deepest shipped file nests 8 levels

_FAST_LOADER = getattr(yaml, "CSafeLoader", None)  # libyaml: about 7x faster (benchmarks/README.md)
_OPENERS = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSERS = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
_FILE_KINDS = {stat.S_IFIFO: "a FIFO (named pipe)", stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device",
               stat.S_IFSOCK: "a socket", stat.S_IFDIR: "a folder"}


@dataclass(frozen=True)
class ContentError:
    file: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.field}" if self.field else self.file
        return f"{where}: {self.message}"


class ContentErrors(Exception):
    def __init__(self, errors: list[ContentError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


class _Refused(Exception):
    """A pack file that is not read, with the reason in plain words."""


class _Unsafe(yaml.MarkedYAMLError):
    """Valid YAML that pack files may not use (aliases, deep nesting)."""


def rel(path: Path, root: Path) -> str:
    """How messages name a file: from the pack folder's own name (`content/muscles/neck.yaml`)."""
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def field_path(loc: Iterable[object], data: object = None) -> str:
    """A pydantic error location as the author wrote it: `areas[3] (temple).polygon[2]`.

    With `data` (the parsed file), a list item that has an `id` is named by it too.
    """
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
            item = data[part] if isinstance(data, list) and 0 <= part < len(data) else None
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                out += f" ({item['id']})"
            data = item
        else:
            out += f".{part}" if out else str(part)
            data = data.get(part) if isinstance(data, dict) else None
    return out


def _message(error: dict) -> str:
    kind = error["type"]
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown field (check the spelling)"
    if kind == "model_type":
        return f"must be a mapping of fields, not {type(error['input']).__name__}"
    return error["msg"].removeprefix("Value error, ")


def validation_errors(exc: ValidationError, file: str, data: object, prefix: tuple = ()) -> list[ContentError]:
    """pydantic's errors for (part of) a file, each naming the file and the field.

    `data` is the whole parsed file and `prefix` where the validated part sits in it, so a
    list item with an `id` is named by it: `muscles[0] (upper-trapezius).palpation`.
    """
    return [ContentError(file, field_path((*prefix, *e["loc"]), data), _message(e)) for e in exc.errors()]


def read_bytes(path: Path, root: Path, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of one pack file, or `_Refused` saying why not (never blocks, never reads
    more than `max_bytes`)."""
    try:
        target, inside = path.resolve(), root.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a loop of links (Python < 3.13)
        raise _Refused("is a link that leads round in a loop") from None
    if inside not in target.parents:
        raise _Refused(f"is a link to {target}, outside the content folder; copy the file into the folder instead")
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; fstat below refuses it anyway.
        fd = os.open(target, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise _Refused(f"cannot be read: {exc.strerror}") from None
    try:
        info = os.fstat(fd)
        kind = stat.S_IFMT(info.st_mode)
        if kind != stat.S_IFREG:
            raise _Refused(f"is {_FILE_KINDS.get(kind, 'not a regular file')}, not a regular file")
        if info.st_size > max_bytes:
            raise _Refused(f"file is {info.st_size:,} bytes; pack files must be under {max_bytes:,}")
        with os.fdopen(os.dup(fd), "rb") as handle:
            raw = handle.read(max_bytes + 1)  # the file may have grown since fstat
        if len(raw) > max_bytes:
            raise _Refused(f"file is over {max_bytes:,} bytes; pack files must be under {max_bytes:,}")
        return raw
    except OSError as exc:
        raise _Refused(f"cannot be read: {exc.strerror}") from None
    finally:
        os.close(fd)


def _check_events(text: str) -> None:
    """Walk the YAML event stream once: refuse aliases (a few lines can expand to gigabytes)
    and nesting deeper than MAX_DEPTH, before any loader builds a tree."""
    loader = (_FAST_LOADER or yaml.SafeLoader)(text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.AliasEvent):
                raise _Unsafe(None, None, "YAML aliases (*name) are not allowed in pack files", event.start_mark)
            if isinstance(event, _OPENERS):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _Unsafe(None, None, f"nested more than {MAX_DEPTH} levels deep; pack files never need "
                                  "that many", event.start_mark)
            elif isinstance(event, _CLOSERS):
                depth -= 1
    finally:
        loader.dispose()


def parse_yaml(text: str) -> object:
    _check_events(text)
    # The collector would walk the growing tree again and again while the loader builds
    # it (4x the time for 100,000 small lists); a tree without aliases has no cycles to find.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return yaml.load(text, Loader=_FAST_LOADER or yaml.SafeLoader)  # noqa: S506 - a safe loader
    finally:
        if collecting:
            gc.enable()


def read_yaml(path: Path, root: Path, max_bytes: int = MAX_FILE_BYTES) -> tuple[object, list[ContentError]]:
    """One pack file parsed, or (None, the errors naming the file and, for YAML, the line)."""
    name = rel(path, root)
    try:
        text = read_bytes(path, root, max_bytes).decode("utf-8")
    except _Refused as exc:
        return None, [ContentError(name, "", str(exc))]
    except UnicodeDecodeError as exc:
        return None, [ContentError(name, "", f"not valid UTF-8 text (bad byte at position {exc.start}); "
                                             "save the file as UTF-8")]
    try:
        data = parse_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "YAML"
        problem = getattr(exc, "problem", None) or str(exc)
        return None, [ContentError(name, where, problem if isinstance(exc, _Unsafe) else f"YAML syntax error: {problem}")]
    except (ValueError, OverflowError) as exc:  # a value PyYAML cannot build: 2026-13-45, a 5,000-digit number
        return None, [ContentError(name, "", f"a value cannot be read ({exc}); put it in quotes if it is text")]
    if data is None:
        return None, [ContentError(name, "", "file is empty")]
    return data, []
