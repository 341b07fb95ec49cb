"""Links and QR codes that open a view of the app: for the share box and the handout.

A link carries the view in its query string (``?region=neck&muscle=upper-trapezius&
audience=patient``), the same deep-link format the pages read from ``st.query_params``.
The app's address is $BODYMAP_BASE_URL when set (a clinic that hosts the app sets it once
for the app and the command line); otherwise the address the browser used to reach the
app, honouring a reverse proxy's X-Forwarded-Host/-Proto. An address that only works on
this computer (localhost, 127.x, ::1) is flagged, so nobody hands a patient a dead link.
"""
from __future__ import annotations

import functools
import io
import ipaddress
import os
from collections.abc import Iterable, Mapping
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import segno

BASE_URL_ENV = "BODYMAP_BASE_URL"
DEFAULT_BASE_URL = "http://localhost:8501"
MAX_BASE_URL_CHARS = 300


def base_url() -> str:
    """The app's public address: $BODYMAP_BASE_URL, or the local default."""
    return (os.environ.get(BASE_URL_ENV) or "").strip() or DEFAULT_BASE_URL


def _first(headers: Mapping[str, str], name: str) -> str:
    # A proxy chain lists one value per hop; the first is what the browser asked for.
    for key, value in headers.items():
        if key.lower() == name.lower() and value:
            return value.split(",")[0].strip()
    return ""


def request_base_url(page_url: str | None, headers: Mapping[str, str], base_path: str = "") -> str:
    """The app's address as the browser reached it: $BODYMAP_BASE_URL when set, else the
    request's scheme and host (the forwarded ones behind a proxy) plus the app's base path."""
    configured = (os.environ.get(BASE_URL_ENV) or "").strip()
    if configured:
        return configured
    page = urlsplit(page_url or "")
    scheme = _first(headers, "X-Forwarded-Proto") or page.scheme or "http"
    host = _first(headers, "X-Forwarded-Host") or _first(headers, "Host") or page.netloc
    if scheme not in ("http", "https") or not host or any(ch in host for ch in "/\\@ ") or len(host) > 255:
        return DEFAULT_BASE_URL
    path = "/" + base_path.strip("/") if base_path.strip("/") else ""
    return f"{scheme}://{host}{path}"


def only_this_computer(url: str) -> bool:
    """Whether an address can only be opened on the computer running the app."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return True
    if host in ("localhost", "") or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


LOCAL_ADDRESS_HELP = (
    "This link only opens on this computer, so a patient's phone cannot use it. Open the app with this "
    "computer's network address instead (for example `http://192.168.1.20:8501`, on the same Wi-Fi as "
    "the phone), or ask whoever runs the app to set `BODYMAP_BASE_URL` to its public address."
)


def base_url_problem(url: str) -> str | None:
    """A message saying what is wrong with a base URL, or None when it can be used."""
    if not url:
        return "The app address (base URL) is empty."
    if len(url) > MAX_BASE_URL_CHARS:
        return f"The app address (base URL) is {len(url)} characters long; the limit is {MAX_BASE_URL_CHARS}."
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        return f"The app address {url!r} is not a valid URL ({exc})."
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"The app address {url!r} must start with http:// or https:// and name a host."
    if any(ch.isspace() for ch in url):
        return f"The app address {url!r} contains spaces."
    return None


def view_url(
    base: str,
    region: str | None = None,
    muscle: str | Iterable[str] | None = None,
    audience: str | None = "patient",
    **extra: str | Iterable[str] | None,
) -> str:
    """The address that opens `region` (and `muscle`) for `audience` in the app.

    Values are URL-encoded; None and empty values are left out. A list of muscles
    becomes repeated ``muscle=`` parameters. Any query already in `base` is kept,
    except for the keys set here.
    """
    params: dict[str, str | list[str]] = {}
    for key, value in {"region": region, "muscle": muscle, "audience": audience, **extra}.items():
        if value is None or value == "":
            continue
        if isinstance(value, str):
            params[key] = value
        else:
            values = [str(v) for v in value if v]
            if values:
                params[key] = values
    parts = urlsplit(base.strip())
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in params]
    query = urlencode(kept + list(params.items()), doseq=True)
    # "/bodymap/", never "/bodymap": a proxy serving the app under a sub-path matches the slash.
    return urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/") + "/", query, ""))


def plan_url(base: str, query: Mapping[str, str | Iterable[str]]) -> str:
    """The address of the patient's plan page (`/plan` under the app's address)."""
    parts = urlsplit(base.strip())
    return urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/") + "/plan", urlencode(
        [(k, v) for k, vs in query.items() for v in ([vs] if isinstance(vs, str) else vs) if v], doseq=False), ""))


def _qr(url: str) -> segno.QRCode:
    # micro=False: phone cameras read only full-size QR codes reliably.
    return segno.make(url, error="m", micro=False)


@functools.lru_cache(maxsize=256)
def qr_svg(url: str, scale: float = 4, dark: str = "#1f2a33", for_print: bool = False) -> str:
    """The QR code as an inline SVG string (no XML declaration), with a quiet zone.

    for_print=True: a viewBox instead of a width and height, to be drawn at any size, and no
    quiet zone (the paper around it is one), as the PDF handout draws it.
    """
    return _qr(url).svg_inline(scale=scale, dark=dark, light=None if for_print else "#ffffff",
                               border=0 if for_print else 4, omitsize=for_print)


def qr_png(url: str, scale: int = 6) -> bytes:
    """The QR code as PNG bytes, `scale` pixels per module, with a quiet zone."""
    buffer = io.BytesIO()
    _qr(url).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()
