"""Learn and Sources pages in AppTest: every topic and audience renders with its sources."""
from __future__ import annotations

import pytest

from bodymap.model import AUDIENCES
from tests.conftest import open_page

page = open_page


@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_topic_renders_for_every_audience(content, topic_id, audience):
    topic = content.topics[topic_id]
    at = page("views/learn.py", {"topic": topic_id}, audience)
    assert not at.exception
    assert at.header[0].value == topic.title
    body = "\n".join(m.value for m in at.markdown)
    for section in topic.sections:
        assert section.body.for_audience(audience).split(".")[0] in body


def test_topic_sections_cite_their_sources(content):
    at = page("views/learn.py", {"topic": next(iter(content.topics))})
    assert any(c.value.startswith("Sources: ") for c in at.caption)


def test_disagreements_are_shown_with_both_views(content):
    topic = next(t for t in content.topics.values() if t.disagreements)
    at = page("views/learn.py", {"topic": topic.id})
    labels = [e.label for e in at.expander]
    for d in topic.disagreements:
        assert f"Sources differ: {d.about}" in labels


def test_unknown_topic_gets_a_notice(content):
    at = page("views/learn.py", {"topic": "<script>x</script>"})
    assert not at.exception
    assert "asked for the topic “scriptxscript…”" in at.info[0].value
    assert at.header[0].value == next(iter(content.topics.values())).title


def test_sources_page_lists_every_source(content):
    at = page("views/sources.py")
    assert not at.exception
    text = "\n".join(m.value for m in at.markdown)
    for source in content.sources.values():
        assert source.title in text
