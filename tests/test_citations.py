"""One citation format in three lengths, used by every page and the handout."""
from __future__ import annotations

from bodymap import citations
from bodymap.model import Source


def source(**kw) -> Source:
    base = dict(id="x", title="Myofascial Pain and Dysfunction: The Trigger Point Manual, Volume 1, Upper Half of Body",
                author="Simons DG, Travell JG, Simons LS",
                date="1999", kind="clinical reference", publisher="Williams & Wilkins")
    return Source(**(base | kw))


def test_three_or_more_authors_become_et_al():
    assert citations.short(source()) == "Simons DG et al. (1999)"


def test_two_authors_are_both_named():
    assert citations.short(source(author="Jull G, Falla D")) == "Jull G, Falla D (1999)"


def test_an_article_keeps_its_publisher_as_author():
    assert citations.short(source(kind="article", author="Cleveland Clinic", date="2023-05-01")) == (
        "Cleveland Clinic (2023)")


def test_a_long_title_is_cut_at_its_subtitle_in_a_line():
    assert citations.line(source()) == "Simons DG et al. (1999). Myofascial Pain and Dysfunction."


def test_the_full_reference_names_everything():
    text = citations.full(source())
    assert "Simons DG, Travell JG, Simons LS" in text and "Williams & Wilkins" in text
    assert "*Myofascial Pain and Dysfunction: The Trigger Point Manual, Volume 1, Upper Half of Body*" in text


def test_an_undated_source_says_no_date():
    assert citations.short(source(kind="article", author="Clinic blog", date="undated")) == "Clinic blog (n.d.)"
