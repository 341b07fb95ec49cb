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
    return f"**{source.author}** ({source.date}). *{source.title}*.{publisher}{detail}"
