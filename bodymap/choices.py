"""A row of plain HTML toggle buttons (the muscles of a region), shown by
ui.body_map.choice_row; why plain buttons and not a Streamlit widget is explained there."""
from __future__ import annotations

from html import escape


def render_choices(label: str, options: list[tuple[str, str]], selected: str | None, *, required: bool = False,
                   show_label: bool = True, one_line: bool = False) -> str:
    """A labelled group of toggle buttons; every text is escaped. In a `required` group a
    press on the chosen button keeps it chosen instead of switching it off. A hidden label
    is still read out by screen readers. A `one_line` group scrolls sideways when it does not
    fit (a phone) instead of wrapping out of its fixed-height box."""
    buttons = "".join(
        f'<button type="button" class="bm-choice" data-choice="{escape(value)}" '
        f'aria-pressed="{str(value == selected).lower()}">{escape(text)}</button>'
        for value, text in options
    )
    return (
        f'<div class="bm-choices" role="group" aria-label="{escape(label)}"{" data-required" if required else ""}{" data-one-line" if one_line else ""}>'
        f'<span class="bm-choices-label{"" if show_label else " bm-sr-only"}">{escape(label)}</span>{buttons}</div>'
    )
