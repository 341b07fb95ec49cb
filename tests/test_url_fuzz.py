"""Whatever arrives in a link, every page still renders: arbitrary strings, very long values,
repeated keys and markup thrown at every query parameter (property-based, with hypothesis).

After each run: no exception, the page's title is there, no injected markup reaches any
element (text, labels, options, component data), and notices quote only sanitised text.
"""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from bodymap.content import load_content
from bodymap.links import PAGE_LINKS, Settings
from tests.conftest import ROOT
from tests.apptest_text import shown_text

pytestmark = pytest.mark.slow  # minutes: run with everything in CI, skip locally with -m "not slow"

CONTENT = load_content(ROOT / "data")

# page -> (path for switch_page, its title, the parameters it reads: its link's and the shell's)
PATHS = {
    "explorer": (None, "Body map"),
    "learn": ("views/learn.py", "Learn about dry needling"),
    "pain_finder": ("views/pain_finder.py", "Where does it hurt?"),
    "study": ("views/study.py", "Study"),
    "handout": ("views/handout.py", "Patient handout"),
    "plan": ("views/plan.py", "Your plan"),
}
PAGES = {page: (*PATHS[page], [*link.PARAMS, *Settings.PARAMS]) for page, link in PAGE_LINKS.items()}

# Markup a link might carry. Each is checked for verbatim in everything the app sends out.
MARKUP = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<svg onload=alert(1)>",
    '"><img src=x onerror=alert(1)>',
    "' onmouseover='alert(1)",
    "<iframe src=javascript:alert(1)>",
    "[click](javascript:alert(1))",
    "<b>bold</b>",
    "&lt;script&gt;",
    "{{7*7}}",
]
# The app's own exercise pictures are <img> tags of SVG it drew (data:image/svg+xml;base64); any
# other <img> (and the payloads above, checked as echoed) would be markup from the URL.
RAW_TAGS = re.compile(r"<\s*(script|iframe)\b|<\s*img\b(?![^>]*\bsrc=\"data:image/svg\+xml;base64,)"
                      r"|javascript:|onerror\s*=|onload\s*=|onmouseover\s*=", re.I)

VALID = sorted({*CONTENT.regions, *CONTENT.muscles, *CONTENT.topics, "neck,calf", "temple-right",
                "heel-left,calf-left", "quiz", "compare", "atlas", "cards", "42", "left", "back",
                "front", "present", "clinician", "student", "patient"})

markup = st.sampled_from(MARKUP)
plain = st.text(max_size=40)
values = st.one_of(
    plain,
    st.sampled_from(VALID),
    markup,
    st.builds(lambda a, m, b: a + m + b, plain, markup, plain),  # markup inside other text
    st.builds(lambda v, m: v + m, st.sampled_from(VALID), markup),  # a good value with a tail
    st.builds(lambda s, n: s * n, st.text(min_size=1, max_size=5), st.integers(500, 5_000)),  # very long
    st.sampled_from(["", " ", "\x00", "%00", "../../etc/passwd", "a" * 100_000, "🦴" * 3_000,
                     ",,,,", "-1", "99999999999999999999", "9" * 5_000, "1" * 4_301, "9" * 100_000,
                     ",".join(["temple-left"] * 2_000)]),
)


def params_for(keys: list[str]):
    key = st.one_of(st.sampled_from(keys), st.sampled_from(keys), plain, markup)
    value = st.one_of(values, st.lists(values, min_size=2, max_size=4))  # a list = the key repeated
    return st.dictionaries(key, value, max_size=6)


def open_with(page: str, query: dict[str, str | list[str]]) -> AppTest:
    path, _, _ = PAGES[page]
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if path is None:
        at.query_params.update(query)
        return at.run()
    at.run()
    at.switch_page(path)
    at.query_params.clear()
    at.query_params.update(query)
    return at.run()


def injected(query: dict[str, str | list[str]]) -> list[str]:
    everything = [k for k in query] + [v for vs in query.values() for v in ([vs] if isinstance(vs, str) else vs)]
    return [m for m in MARKUP if any(m in text for text in everything)]


QUOTED = re.compile(r"“([^”]*)”")
SAFE_QUOTE = re.compile(r"[A-Za-z0-9_-]*…?")


def check_page(at: AppTest, page: str, query) -> None:
    assert not at.exception, (query, [e.value for e in at.exception])
    titles = [t.value for t in at.title]
    assert titles and titles[0].startswith(PAGES[page][1]), query
    text = shown_text(at)
    echoed = [m for m in injected(query) if m in text]
    assert not echoed, f"injected markup echoed as is: {echoed} for {query!r}"
    raw = RAW_TAGS.findall(text)
    assert not raw, f"raw markup in the page: {raw} for {query!r}"
    notices = [n.value for kind in (at.info, at.warning, at.error, at.toast) for n in kind]
    for notice in notices:
        for quoted in QUOTED.findall(notice):
            assert SAFE_QUOTE.fullmatch(quoted), f"a notice quotes unsanitised text: {notice!r}"


@pytest.mark.parametrize("page", PAGES)
def test_any_link_renders_safely(page):
    @settings(max_examples=20, deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])
    @given(query=params_for(PAGES[page][2]))
    def run(query):
        check_page(open_with(page, query), page, query)

    run()


@pytest.mark.parametrize("page", PAGES)
def test_every_parameter_with_each_markup_payload(page):
    """The same check without chance: each payload in each parameter the page reads (the
    region also repeated). Every parameter carries a payload in each run, a different one
    each time, so every pair is tried in len(MARKUP) runs of the page, not one run per pair."""
    keys = PAGES[page][2]
    for turn in range(len(MARKUP)):
        query = {}
        for i, key in enumerate(keys):
            payload = MARKUP[(i + turn) % len(MARKUP)]
            query[key] = [payload, "neck"] if key == "region" else payload
        check_page(open_with(page, query), page, query)
