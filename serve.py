"""Serve the app with its Content-Security-Policy: `streamlit run serve.py` (same options as
for app.py). Streamlit finds the `st.App` below and serves app.py through it."""
import streamlit as st
from starlette.middleware import Middleware

from ui.security import ContentSecurityPolicy

app = st.App("app.py", middleware=[Middleware(ContentSecurityPolicy)])
