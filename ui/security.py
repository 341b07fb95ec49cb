"""The security headers every response carries, in every start mode: the README's
`streamlit run serve.py`, the replicas (which run serve.py) and nginx in front of them
(deploy/bodymap.nginx.conf.template sets the same values; a test compares them).

- Content-Security-Policy: the browser may load from the app's own origin and nowhere else.
  Content text cannot place pictures from other hosts (`check` refuses markdown images, and
  HTML in text is shown as text), so this is the second wall: should anything slip through,
  the browser itself refuses to contact another host. Streamlit's own page needs inline
  styles and scripts, eval (its charts) and data:/blob: URLs, all of them local.
  `frame-ancestors 'self'`: no other site may show the app inside a frame of its own.
- X-Content-Type-Options: nosniff: a file is only ever what its type says.
- Referrer-Policy: no-referrer: a patient's plan link (region, muscle, exercises) is never
  sent to another site that a page links to.
"""
from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline' 'unsafe-eval' blob:",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "media-src 'self' data: blob:",
    "connect-src 'self'",  # CSP 3: 'self' also covers the app's own ws:// stream
    "worker-src 'self' blob:",
    "frame-src 'self' blob: data:",
    "frame-ancestors 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
])

HEADERS = {
    "Content-Security-Policy": POLICY,
    "X-Frame-Options": "SAMEORIGIN",  # frame-ancestors for browsers that predate it
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


class SecurityHeaders:
    """ASGI middleware: adds `HEADERS` to every HTTP response (not to the WebSocket)."""

    def __init__(self, app: ASGIApp, headers: dict[str, str] | None = None):
        self.app, self.headers = app, dict(headers or HEADERS)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                out = MutableHeaders(scope=message)
                for name, value in self.headers.items():
                    out[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)
