"""The app as it is served: `streamlit run serve.py` (same options as for app.py; the README's
start command and the replicas use it). Streamlit finds the `st.App` below and serves app.py
through it, with the security headers of ui/security.py on every response, compressed, and
warmed up before the first request.

Compression: Streamlit leaves its own front end (2.7 MB of scripts and styles, most of a
first open) uncompressed, counting on a proxy; without one, a patient's phone would fetch all
of it. Starlette's GZipMiddleware compresses what the browser accepts and leaves alone what is
already compressed. Behind the nginx site the replicas are not asked to compress (nginx
compresses once, for everyone).

Icons (ui/icon_font.py): Streamlit's page fetches its whole icon font (375 kB) at every first
open; the app sends it cut to the icons in use (16 kB).

Warm start (ui/warm.py): the content, geometry and pictures are built before the server
answers its health check, so the first press after a restart is answered like any other.
"""
import asyncio
import contextlib
import logging

import streamlit as st
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware

from ui.icon_font import IconFont
from ui.security import SecurityHeaders
from ui.warm import warm_up


@contextlib.asynccontextmanager
async def warm_start(_app):
    seconds = await asyncio.to_thread(warm_up)
    logging.getLogger("bodymap").info("Warm start: content and pictures built in %.1f s", seconds)
    yield


app = st.App("app.py", lifespan=warm_start,
             middleware=[Middleware(GZipMiddleware, minimum_size=1000, compresslevel=6), Middleware(SecurityHeaders),
                         Middleware(IconFont)])
