"""One way to cite a source, in three lengths: short (in running text), line (under a
section or on the handout's source list) and full (the Sources page)."""
from __future__ import annotations

from .model import Source


def _who(source: Source) -> str:
    """First author, then "et al." for three or more; an article keeps its publisher's name."""
    authors = [a.strip() for a in source.author.split(",") if a.strip()]
    if source.kind == "article" or not authors:
        return source.author
    return authors[0] + (" et al." if len(authors) > 2 else f", {authors[1]}" if len(authors) == 2 else "")


def year(source: Source) -> str:
    """The year, or "n.d." for a source without a date."""
    return source.date[:4] if source.date[:4].isdigit() else "n.d."


def short(source: Source) -> str:
    """Author and year, e.g. "Simons, Travell (1999)"."""
    return f"{_who(source)} ({year(source)})"


def line(source: Source) -> str:
    """Author, year and title (cut at its subtitle when long)."""
    title = source.title.split(": ")[0] if len(source.title) > 70 else source.title
    return f"{short(source)}. {title.rstrip('.')}."


def full(source: Source) -> str:
    """The whole reference, as markdown."""
    publisher = f" {source.publisher}." if source.publisher else ""
    detail = f" {source.detail}" if source.detail else ""
    date = source.date if source.date[:4].isdigit() else year(source)  # "n.d.", as everywhere else
    return f"**{source.author}** ({date}). *{source.title}*.{publisher}{detail}"


def distinct_shorts(sources: list[Source]) -> list[str]:
    """`short` for each source, with a, b ... after the year where two would read the same
    ("Halle, Halle (2016a)" and "(2016b)"), so a list never prints one citation twice."""
    plain = [short(s) for s in sources]
    out = []
    for i, (source, text) in enumerate(zip(sources, plain)):
        twins = [j for j, other in enumerate(plain) if other == text]
        if len(twins) > 1:
            text = f"{_who(source)} ({year(source)}{'abcdefghijklmnopqrstuvwxyz'[twins.index(i) % 26]})"
        out.append(text)
    return out
