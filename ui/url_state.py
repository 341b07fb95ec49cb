"""Keeps the explorer's ViewState and the page URL in step."""
from __future__ import annotations

from dataclasses import replace

import streamlit as st

from bodymap.content import Content
from bodymap.state import ViewState, parse_query, to_query

from .common import current_audience

STATE_KEY = "view_state"
LAST_QUERY_KEY = "_last_query"


def read_state(content: Content) -> tuple[ViewState, list[str]]:
    """The current state. A URL we did not write ourselves (a new link, a reload) wins."""
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    if STATE_KEY not in st.session_state or st.query_params.to_dict() != st.session_state.get(LAST_QUERY_KEY):
        state, notices = parse_query(params, content)
        st.session_state[STATE_KEY] = state
        return state, notices
    return st.session_state[STATE_KEY], []


def write_state(state: ViewState) -> None:
    state = replace(state, audience=current_audience())
    st.session_state[STATE_KEY] = state
    query = to_query(state)
    if st.query_params.to_dict() != query:
        st.query_params.from_dict(query)
    st.session_state[LAST_QUERY_KEY] = query


def presenting() -> bool:
    """Whether the explorer is in present mode. app.py asks before the page runs: the
    stored state already holds any change a callback just made; a new link may not yet."""
    state = st.session_state.get(STATE_KEY)
    if state is not None and st.query_params.to_dict() == st.session_state.get(LAST_QUERY_KEY):
        return state.mode == "present"
    return st.query_params.get("mode") == "present"


def update(**changes) -> None:
    """For widget callbacks: change the stored state before the page reruns."""
    st.session_state[STATE_KEY] = replace(st.session_state[STATE_KEY], **changes)
