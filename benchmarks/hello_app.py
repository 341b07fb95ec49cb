# The control for the cold start and server-time benchmarks.
import streamlit as st

st.write("hello")
