"""The installation's secret that signs plan links, so a plan nobody made here is never
shown as the therapist's.

`BODYMAP_LINK_SECRET` when set (replicas behind one address must share it). Otherwise a
random secret is made once, on first use, and kept in the app's config folder
(`$BODYMAP_CONFIG_DIR`, else `$XDG_CONFIG_HOME/bodymap`, else `~/.config/bodymap`), readable
by its owner only. Several processes starting at once agree on one file: each writes its
own candidate and links it into place, and the first link wins.
"""
from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import os
import secrets
from pathlib import Path

SECRET_ENV = "BODYMAP_LINK_SECRET"
CONFIG_ENV = "BODYMAP_CONFIG_DIR"
SECRET_FILE = "link-secret"
MIN_SECRET_CHARS = 16
SIGNATURE_CHARS = 22  # 132 bits of HMAC-SHA256 in URL-safe base64: short enough for a QR code


class LinkSecretError(RuntimeError):
    """The secret cannot be read or made; the message says where and what to do."""


def config_dir() -> Path:
    configured = (os.environ.get(CONFIG_ENV) or "").strip()
    if configured:
        return Path(configured)
    base = (os.environ.get("XDG_CONFIG_HOME") or "").strip()
    return (Path(base) if base else Path.home() / ".config") / "bodymap"


def installation_secret() -> bytes:
    """The secret for this installation (see the module's note)."""
    return _secret((os.environ.get(SECRET_ENV) or "").strip(), str(config_dir()))


@functools.lru_cache(maxsize=8)
def _secret(configured: str, folder: str) -> bytes:
    if configured:
        if len(configured) < MIN_SECRET_CHARS:
            raise LinkSecretError(f"{SECRET_ENV} is {len(configured)} characters long; use at least "
                                  f"{MIN_SECRET_CHARS} random ones (e.g. from `python3 -c \"import secrets; "
                                  "print(secrets.token_urlsafe(32))\"`).")
        return configured.encode()
    path = Path(folder) / SECRET_FILE
    try:
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            candidate = path.with_name(f"{SECRET_FILE}.{os.getpid()}.{secrets.token_hex(4)}")
            fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as out:
                out.write(secrets.token_urlsafe(32) + "\n")
            try:
                os.link(candidate, path)  # atomic: fails if another process was first
            except FileExistsError:
                pass
            finally:
                candidate.unlink()
        secret = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeError) as exc:
        raise LinkSecretError(f"The link secret in {path} cannot be read or made ({exc}); set {SECRET_ENV} "
                              "or make that folder writable.") from exc
    if len(secret) < MIN_SECRET_CHARS:
        raise LinkSecretError(f"The link secret in {path} is too short; delete the file to make a new one "
                              f"or set {SECRET_ENV}.")
    return secret.encode()


def sign(message: str, secret: bytes) -> str:
    digest = hmac.new(secret, message.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode()[:SIGNATURE_CHARS]


def verify(message: str, signature: str, secret: bytes) -> bool:
    """Whether `signature` was made for `message` with `secret` (compared in constant time)."""
    return hmac.compare_digest(sign(message, secret).encode(), str(signature).encode("utf-8", "replace"))
