"""The app as it is served: `streamlit run serve.py` (same options as for app.py; the README's
start command and the replicas use it). Streamlit finds the `st.App` below and serves app.py
through it, with the security headers of ui/security.py on every response, compressed.

Compression: Streamlit leaves its own front end (2.7 MB of scripts and styles, most of a
first open) uncompressed, counting on a proxy; without one, a patient's phone would fetch all
of it. Starlette's GZipMiddleware compresses what the browser accepts and leaves alone what is
already compressed. Behind the nginx site the replicas are not asked to compress (nginx
compresses once, for everyone)."""
import streamlit as st
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware

from ui.security import SecurityHeaders

app = st.App("app.py", middleware=[Middleware(GZipMiddleware, minimum_size=1000, compresslevel=6),
                                   Middleware(SecurityHeaders)])
