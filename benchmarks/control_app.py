"""The control for click benchmarks: one st.button and the text it changes (the floor of
any server round trip)."""
import streamlit as st

st.session_state.setdefault("presses", 0)
if st.button("Press me"):
    st.session_state.presses += 1
st.markdown(f"Pressed {st.session_state.presses} times")
