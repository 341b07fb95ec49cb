"""The shape of the library: no import circles, no module too long to read, no Streamlit.

The import graph is read from the source (every import, including the lazy ones inside
functions and those under TYPE_CHECKING), so a circle cannot hide behind a lazy import.
"""
from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

LIBRARY = ROOT / "bodymap"
MAX_LINES = 500


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(LIBRARY.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The library modules `name` imports (a package's own __init__ counts as the package)."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = ".".join(package[: len(package) - node.level + 1] + [node.module or ""]).strip(".") \
                if node.level else node.module or ""
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        elif isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
                break
    return found


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while (w := stack.pop()) != v:
                group.append(w)
            if group:
                out.append(sorted([v, *group]))

    for v in graph:
        if v not in index:
            visit(v)
    return out


def test_the_library_has_no_import_circle():
    modules = _modules()
    graph = {name: _imports(name, path, modules) for name, path in modules.items()}
    assert graph["bodymap.model"] >= {"bodymap.poses.skeleton"}, "the graph is read (the model checks poses)"
    assert _circles(graph) == []


def test_a_circle_is_found():
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_content_model_does_not_load_drawing_code():
    modules = _modules()
    assert _imports("bodymap.model", modules["bodymap.model"], modules) <= {"bodymap.poses.skeleton", "bodymap.poses"}


def test_no_library_module_is_longer_than_500_lines():
    lengths = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in _modules().items()}
    assert {name: n for name, n in lengths.items() if n > MAX_LINES} == {}


def test_the_library_never_imports_streamlit():
    users = [name for name, path in _modules().items()
             if any(isinstance(node, (ast.Import, ast.ImportFrom))
                    and any((alias.name if isinstance(node, ast.Import) else node.module or "").startswith("streamlit")
                            for alias in node.names)
                    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))))]
    assert users == []
