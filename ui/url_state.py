"""One rule for the URL and the session, for every page and for the shell's settings.

A press changes the session (in a widget callback, before the page runs) and the page then
writes its link to the URL. The browser sends its URL back with every later press, and it
may still be an older one: a press that follows another within a few hundred milliseconds
carries the URL from before the first press's run wrote its own. So the session remembers
every query it wrote (before writing it, so a run cut short by a newer press leaves nothing
unrecorded), and a URL counts as a *new link* only when the app did not write it. The rule:

- a new link (a URL the app did not write) replaces the state, with notices for what was
  ignored;
- arriving on a page through a link that carries its parameters (e.g. "Open in the body
  map") replaces that page's state too;
- otherwise the session wins, so the newest press is never overwritten by a stale URL.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Generic, NamedTuple, TypeVar

import streamlit as st

from bodymap.content import Content
from bodymap.geometry import BodyGeometry
from bodymap.links import MODES, Settings, page_params
from bodymap.model import AUDIENCES

L = TypeVar("L")

WRITTEN_KEY = "_urls_written"  # queries this session wrote or already applied, newest last
SENT_KEY = "_url_sent"  # the query last sent to the browser
PAGE_KEY = "_url_page"  # the page the last run showed
AUDIENCE_KEY = "audience"  # the shell's settings, each in one session key
MODE_KEY = "mode"
SETTINGS_FROM_URL = "_settings_from_url"
AUDIENCE_CHOSEN = "_audience_chosen"  # the reader (or a link) chose the audience: pages keep it
MAX_REMEMBERED = 64


class Synced(NamedTuple, Generic[L]):
    link: L
    notices: list[str]
    from_url: bool  # the link was (re)read from the URL this run: widgets must show it


def _url() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def _fingerprint(params: dict[str, list[str]] | dict[str, str]) -> str:
    items = sorted((k, tuple([v] if isinstance(v, str) else v)) for k, v in params.items())
    return repr(items)


def _remember(params) -> None:
    fingerprint = _fingerprint(params)
    written = [f for f in st.session_state.get(WRITTEN_KEY, ()) if f != fingerprint]
    st.session_state[WRITTEN_KEY] = (*written[-(MAX_REMEMBERED - 1):], fingerprint)


def _is_ours(params) -> bool:
    return _fingerprint(params) in st.session_state.get(WRITTEN_KEY, ())


def settings() -> Synced[Settings]:
    """The shell's settings (audience, present mode) for this run: a new link that sets
    them wins, otherwise the session keeps what the user chose."""
    params = _url()
    new_link = not _is_ours(params) and any(key in params for key in Settings.PARAMS)
    notices: list[str] = []
    from_url = new_link or AUDIENCE_KEY not in st.session_state or MODE_KEY not in st.session_state
    if from_url:
        parsed, notices = Settings.parse(params)
        if new_link and AUDIENCE_KEY in params:
            st.session_state[AUDIENCE_CHOSEN] = True
        for key, value in ((AUDIENCE_KEY, parsed.audience), (MODE_KEY, parsed.mode)):
            if key not in st.session_state or (new_link and key in params):
                st.session_state[key] = value
    st.session_state[SETTINGS_FROM_URL] = from_url
    return Synced(current_settings(), notices, from_url)


def settings_from_url() -> bool:
    """Whether this run took the shell's settings from the URL (widgets must show them)."""
    return st.session_state.get(SETTINGS_FROM_URL, True)


def current_settings() -> Settings:
    audience = st.session_state.get(AUDIENCE_KEY)
    mode = st.session_state.get(MODE_KEY)
    return Settings(audience if audience in AUDIENCES else "patient", mode if mode in MODES else "explore")


def set_setting(key: str, value: str) -> None:
    """For widget callbacks: change one of the shell's settings before the next run."""
    st.session_state[key] = value
    if key == AUDIENCE_KEY:
        st.session_state[AUDIENCE_CHOSEN] = True


def default_audience(audience: str) -> None:
    """A page's own audience (Study: the student's text) until the reader chooses one."""
    if not st.session_state.get(AUDIENCE_CHOSEN) and st.session_state.get(AUDIENCE_KEY) != audience:
        st.session_state[AUDIENCE_KEY] = audience
        st.session_state.pop("audience_pick", None)  # the switch starts afresh, showing it


def sync(page: str, link_type: type[L], content: Content, geometry: BodyGeometry) -> Synced[L]:
    """This page's link for this run, by the module's rule, and notices about a new link.

    The link lives in the session under `page`; widget callbacks change it with `update`.
    """
    params = _url()
    arrived = st.session_state.get(PAGE_KEY) != page
    st.session_state[PAGE_KEY] = page
    carries = any(key in params for key in link_type.PARAMS)
    if page not in st.session_state or not _is_ours(params) or (arrived and carries):
        link, notices = link_type.parse(page_params(params), content, geometry)
        st.session_state[page] = link
        _remember(params)  # the browser may send this URL again with the next press
        return Synced(link, notices, True)
    return Synced(st.session_state[page], [], False)


def value_widget(make: Callable[..., object], key: str, value: object, from_url: bool,
                 on_change: Callable[[], None]) -> object:
    """A value widget (segmented control, toggle) that shows `value` and reports changes
    through `on_change`. `make(key=, default=, on_change=)` creates it.

    The widget is the one writer of its setting: its value is set from the state only when
    a link set the state, because a widget whose value is re-set on every run sends its old
    value back when a run is cut short by a newer press, and its callback would undo that
    press. (Presses that several controls share, like the region, are one-shot triggers.)
    A widget new to this session starts at `value`; if the browser already had it (a page
    that reconnected to a restarted server) and sends another value, that is a press the
    session had no callback for yet: it is applied and the page drawn again.
    """
    fresh = key not in st.session_state
    if from_url and not fresh:
        st.session_state[key] = value
    shown = make(key=key, default=value if fresh else None, on_change=on_change)
    if fresh and shown is not None and shown != value:
        on_change()
        st.rerun()
    return shown


def update(page: str, link) -> None:
    """For widget callbacks: the page's new link, applied before the page reruns."""
    st.session_state[page] = link


def write(page: str) -> None:
    """Put the page's link and the shell's settings in the URL, so the view can be shared
    and a reload restores it. Call at the end of the page's run."""
    query = {**st.session_state[page].to_query(), **current_settings().to_query()}
    _remember(query)  # before the URL changes: an interrupted run must not leave it unknown
    # The URL this run started with may be older than one already on its way to the
    # browser, so compare with what was last sent as well.
    sent = _fingerprint(query)
    if sent != st.session_state.get(SENT_KEY) or _fingerprint(_url()) != sent:
        st.query_params.from_dict(query)
        st.session_state[SENT_KEY] = sent  # after: a run stopped inside from_dict sent nothing
