"""The Streamlit layer: widgets and page helpers shared by the pages. Only this package
and the pages import streamlit; the library in bodymap/ never does."""
