"""Learn and Sources pages in AppTest: every topic and audience renders with its sources."""
from __future__ import annotations

from tests.conftest import open_page


page = open_page


def test_every_topic_and_audience_renders(content):
    for topic in content.topics.values():
        for audience in ("patient", "clinician", "student"):
            at = page("views/learn.py", {"topic": topic.id}, audience)
            assert not at.exception, (topic.id, audience)
            assert at.header[0].value == topic.title
            body = "\n".join(m.value for m in at.markdown)
            for section in topic.sections:
                assert section.body.for_audience(audience).split(".")[0] in body
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
