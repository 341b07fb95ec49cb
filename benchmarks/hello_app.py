import streamlit as st; st.write("hello")  # the control for cold start and server-time benchmarks
