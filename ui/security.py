"""A Content-Security-Policy for every response: the browser may load from the app's own
origin and nowhere else.

Content text cannot place pictures from other hosts (`check` refuses markdown images, and
HTML in text is shown as text), so this is the second wall: should anything slip through,
the browser itself refuses to contact another host. Streamlit's own page needs inline
styles and scripts, eval (its charts) and data:/blob: URLs, all of them local.
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
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
])


class ContentSecurityPolicy:
    """ASGI middleware: adds the policy header to every HTTP response (not to the WebSocket)."""

    def __init__(self, app: ASGIApp, policy: str = POLICY):
        self.app, self.policy = app, policy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_policy(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)["Content-Security-Policy"] = self.policy
            await send(message)

        await self.app(scope, receive, send_with_policy)
