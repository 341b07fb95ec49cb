"""The app as it is served: `streamlit run serve.py` (same options as for app.py; the README's
start command and the replicas use it). Streamlit finds the `st.App` below and serves app.py
through it, with the security headers of ui/security.py on every response."""
import streamlit as st
from starlette.middleware import Middleware

from ui.security import SecurityHeaders

app = st.App("app.py", middleware=[Middleware(SecurityHeaders)])
