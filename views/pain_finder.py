"""Where does it hurt? Choose a body part, tap the painful areas on its close-up, and see
which muscles may refer pain there."""
import streamlit as st

from bodymap.render.body_svg import MapSpec, map_drawing
from bodymap.render.closeup_svg import PHONE_FRAME, TABLET_FRAME, CloseupSpec, closeup_drawing
from bodymap.render.drawing import Drawing, svg_data_url
from bodymap.key import SHORT, plain_reason
from bodymap.links import PainFinderLink
from bodymap.lookup import (area_label, areas_nobody_refers_to, body_parts, explorer_query, has_two_sides,
                            part_showing, picture_areas, picture_of_area, rank_muscles, regions_concerned,
                            silent_area)
from bodymap.picture import muscle_overlay, views_used
from bodymap.study import referral_svg
from ui.body_map import HEIGHT_VAR, body_map, choice_row, choice_row_height, height_css
from ui.common import current_audience, load_content_or_stop, show_safety
from ui.url_state import sync, update, write

PAGE = "pain_finder"
SHOWN_WITH_PICTURES = 8
# The list shows the best matches first and the rest on request: a large pack can have dozens
# of muscles for one spot, and each drawn result costs the page time at every press.
SHOWN_AT_FIRST = 10
WHOLE_BODY = "body"
# The width (CSS px) the picture has: a phone held upright (the picture goes edge to edge,
# less 8 px a side), a tablet upright (the columns stack below 1000 px) and the left
# column on a wider screen. The close-up gets the room of its frame (closeup_svg.PHONE_FRAME,
# TABLET_FRAME), so every area is as big a target as the close-up tests promise.
PHONE_GUTTER, TABLET_GUTTER = 16, 32
ROW_WIDTHS = (590, 788, 358)  # the button rows: wider screen, tablet, phone
DESKTOP_FRAME = (590, 700)

content, geometry = load_content_or_stop()
audience = current_audience()
link, notices, from_url = sync(PAGE, PainFinderLink, content, geometry)
for notice in notices:
    st.info(notice, icon=":material/info:")
selected = link.areas
parts = body_parts(content, geometry)
part = part_showing(parts, link.view)
# The list beside the map is a second writer of the chosen areas. It is keyed by how often
# the map (or a link) changed them, so after such a change it starts afresh from the chosen
# areas, and a stale value from before a quick press can never be sent back and undo it.
if from_url:
    st.session_state["_pain_rev"] = st.session_state.get("_pain_rev", 0) + 1
list_key = f"pain_pick_{st.session_state.get('_pain_rev', 0)}"


def _changed_areas() -> None:
    st.session_state["_pain_rev"] = st.session_state.get("_pain_rev", 0) + 1


def _on_closeup(value: object, closeup: str, side: str) -> None:
    """A press on a close-up: the map reports its whole choice among the areas it shows."""
    update(PAGE, st.session_state[PAGE].press(value, geometry, shown=picture_areas(geometry, closeup, side)))
    _changed_areas()


def _on_overview(value: object) -> None:
    """A tap on the whole body opens the close-up that shows that spot biggest; an area no
    close-up shows is chosen right there, so every area can be chosen."""
    if not isinstance(value, str) or value not in geometry.areas:
        return
    now = st.session_state[PAGE]
    picture = picture_of_area(content, geometry, value)
    if picture is None:
        update(PAGE, now.press(value, geometry))
        _changed_areas()
    else:
        update(PAGE, now.show(*picture, geometry))


def _on_part(value: str | None) -> None:
    now = st.session_state[PAGE]
    update(PAGE, now.show(None if value in (None, WHOLE_BODY) else value, now.side, geometry))


def _on_picture(value: str | None) -> None:
    closeup, _, side = (value or "").partition("|")
    now = st.session_state[PAGE]
    update(PAGE, now.show(closeup, side or now.side, geometry))


def _on_side(value: str | None) -> None:
    now = st.session_state[PAGE]
    update(PAGE, now.show(now.view, value or now.side, geometry))


def _on_pick() -> None:
    update(PAGE, st.session_state[PAGE].with_areas(st.session_state[list_key], geometry))


def _show_all(areas: tuple[str, ...]) -> None:
    # Kept with the areas it was asked for, so choosing other areas shows the short list again.
    st.session_state["pain_show_all"] = areas


def _clear() -> None:
    update(PAGE, PainFinderLink(view=st.session_state[PAGE].view, side=st.session_state[PAGE].side))
    _changed_areas()


def _picture_css(key: str, picture: Drawing, box: tuple[float, float] | None) -> str:
    """Heights for the picture per screen: as wide as the screen allows, and for a close-up
    (`box`: the window's width and height in map units) no taller than its frame needs."""
    *_, width, height = picture.box
    aspect = height / width

    def tallest(frame: tuple[float, float], fallback: float) -> float:
        if box is None:
            return fallback
        return min(frame[0] / box[0], frame[1] / box[1]) * height

    phone = f"min({tallest(PHONE_FRAME, 560):.0f}px, calc((100vw - {PHONE_GUTTER}px) * {aspect:.4f}))"
    tablet = f"min({tallest(TABLET_FRAME, 800):.0f}px, calc((100vw - {TABLET_GUTTER}px) * {aspect:.4f}))"
    return height_css(key, f"{min(tallest(DESKTOP_FRAME, 640), 760):.0f}px", tablet, phone)


def _row_css(key: str, texts: list[str], show_label: bool) -> str:
    desktop, tablet, phone = (choice_row_height(texts, w, show_label) for w in ROW_WIDTHS)
    return height_css(key, f"{desktop}px", f"{tablet}px", f"{phone}px")


# The close-up of the chosen body part, or the whole body to choose one on.
if part is not None:
    _view, (x0, y0, x1, y1) = geometry.window(link.view, link.side)
    picture_key = f"pain_closeup_{link.view}_{link.side}"
    # Nothing marked in the SVG itself: the browser marks the chosen areas (`selected` below),
    # so the picture is the same after every tap and Streamlit does not send it again.
    # No title in the picture: the picture and side buttons above and below it name the view,
    # and a title long enough to say it ran off a phone's screen.
    spec = CloseupSpec(link.view, link.side, targets="areas", fit=False, legend=False, title=False)
    drawing = closeup_drawing(geometry, spec)
    box = (x1 - x0, y1 - y0)
    # One button per picture of the part ("close-up|side", or "close-up|" for one that looks
    # the same on both sides), on the side shown; the other side is one more button.
    pictures = [(f"{c}|{link.side if has_two_sides(geometry, c) else ''}", geometry.closeups[c].short)
                for c in part.closeups]
    shown = f"{link.view}|{link.side if has_two_sides(geometry, link.view) else ''}"
    sides = [("right", "Right side"), ("left", "Left side")] if has_two_sides(geometry, link.view) else []
else:
    picture_key = "pain_overview"
    spec = MapSpec(targets="areas", selected=frozenset(selected), views=("front", "back"), chosen_style="strong",
                   title="Whole body: press where it hurts to see that part up close")
    drawing = map_drawing(geometry, spec)
    box = None
    pictures, sides = [], []
part_options = [(WHOLE_BODY, "Whole body")] + [(p.id, p.label) for p in parts]
picture_svg = drawing.svg()
css = [_picture_css(picture_key, drawing, box), _row_css("pain_parts", [t for _, t in part_options], False)]
if len(pictures) > 1:
    css.append(_row_css("pain_pictures", [t for _, t in pictures], False))
if sides:
    css.append(_row_css("pain_sides", [t for _, t in sides], False))
# Below 1000 px the picture and the results stack, so the picture gets the screen's width; on
# a phone it goes nearly edge to edge. Inside the results, a result's picture sits above its text.
st.html("<style>" + "".join(css) + f"""
@media (max-width: 1000px) {{
  .st-key-pain_layout [data-testid="stHorizontalBlock"] {{ flex-wrap: wrap; }}
  .st-key-pain_layout [data-testid="stHorizontalBlock"] > [data-testid="stColumn"] {{
    min-width: 100% !important; flex: 1 1 100% !important; }}
}}
@media (max-width: 640px) {{
  .st-key-pain_picture {{ width: calc(100% + {PHONE_GUTTER}px); max-width: none; margin-left: -{PHONE_GUTTER // 2}px; }}
}}
</style>""")

st.title("Where does it hurt?", anchor=False)
st.markdown(
    "Choose a body part, then tap each spot that hurts on its close-up (tap again to take it away). "
    "You will see the muscles known to send pain to those spots."
)

map_col, result_col = st.container(key="pain_layout").columns([5, 4], gap="large")
with map_col:
    # One-shot buttons, like the map: the picture has several writers (these rows and a tap on
    # the whole body), and a value widget would send its stale value back after a quick press.
    choice_row("Choose a body part to see it up close", part_options, part.id if part else WHOLE_BODY,
               key="pain_parts", height=112, css_height=HEIGHT_VAR, required=True, show_label=False,
               on_choice=_on_part)
    with st.container(key="pain_picture"):
        if part is not None:
            body_map(picture_svg, key=picture_key, multi=True, height=700, css_height=HEIGHT_VAR,
                     on_select=lambda value, c=link.view, s=link.side: _on_closeup(value, c, s),
                     selected=list(selected))
        else:
            body_map(picture_svg, key=picture_key, height=640, css_height=HEIGHT_VAR, on_select=_on_overview)
    if len(pictures) > 1:
        choice_row(f"Other views of the {part.label.lower()}", pictures, shown, key="pain_pictures", height=56,
                   css_height=HEIGHT_VAR, required=True, show_label=False, on_choice=_on_picture)
    if sides:
        choice_row("Which side of the body", sides, link.side, key="pain_sides", height=56,
                   css_height=HEIGHT_VAR, required=True, show_label=False, on_choice=_on_side)
    st.multiselect(
        "Or choose the areas from a list",
        options=list(geometry.areas),
        default=list(selected),
        format_func=lambda iid: geometry.areas[iid].label,
        key=list_key,
        on_change=_on_pick,
        placeholder="Type an area, for example temple",
    )

with result_col:
    if selected:
        with st.container(horizontal=True, vertical_alignment="center", key="pain_chosen"):
            st.markdown("**You chose:** " + ", ".join(area_label(a, geometry) for a in selected), width="stretch")
            st.button("Clear", icon=":material/close:", on_click=_clear, key="pain_clear")
    matches = rank_muscles(content, selected, geometry) if selected else []
    # The red flags of the regions these results point to (a tap on the temple adds the neck's).
    show_safety(content, *regions_concerned(content, matches, selected))
    st.markdown(":material/forum: **Talk it over with your physical therapist.** Only an examination can tell "
                "which muscle, joint or nerve is behind your pain.")
    if not selected:
        st.subheader("Choose where it hurts", anchor=False)
        st.markdown("Choose a body part, then tap one or more areas on its close-up. Areas you choose turn "
                    "dark blue and stay chosen when you look at another body part.")
    else:
        silent = areas_nobody_refers_to(content, selected, geometry)
        if silent:
            answers = {iid: silent_area(content, iid, geometry) for iid in silent}
            st.info("  \n".join(answer.line for answer in answers.values())
                    + " Pain there may have another cause, so please ask your physical therapist or doctor about it.",
                    icon=":material/info:")
            for iid, answer in answers.items():
                for m in answer.tender:
                    st.page_link("views/explorer.py", label=f"{m.name}: open in the body map",
                                 icon=":material/open_in_new:", query_params={
                                     "region": m.region, "muscle": m.id, "side": geometry.areas[iid].side or "right",
                                     "audience": audience})
                if answer.citation:
                    st.caption(answer.citation)
        if matches:
            many = len(selected) > 1
            st.subheader(f"{len(matches)} muscle{'s' if len(matches) != 1 else ''} may refer pain here",
                         anchor=False)
            st.caption("Best matches first"
                       + (": muscles covering more of your spots come first, then in" if many else ", in")
                       + " the order the pain guides of the trigger point manuals list them, the most common "
                       "causes first.")
        showing_all = st.session_state.get("pain_show_all") == tuple(selected)
        if not showing_all:
            st.session_state.pop("pain_show_all", None)  # other areas now: back to the short list
        shown_matches = matches if showing_all else matches[:SHOWN_AT_FIRST]
        for rank, match in enumerate(shown_matches, start=1):
            m = match.muscle
            side = match.side or "right"
            with st.container(border=True, key=f"pain_result_{m.id}_{side}"):
                pic, text = st.columns([2, 3]) if rank <= SHOWN_WITH_PICTURES else (None, st.container())
                if pic is not None:
                    views = views_used(geometry, muscle_overlay(geometry, m, side))
                    pic.image(svg_data_url(referral_svg(geometry, m, side, views=views, crop=True)),
                              width=120 if len(views) == 1 else 240,
                              alt=f"Body picture: where {m.name} can send pain ({side} side)")
                region = content.regions.get(m.region)
                text.markdown(f"**{rank}. {m.name}** ({side} side)  \n"
                              f":small[Region: {region.name if region else m.region} · Why here: "
                              f"{plain_reason(match) if audience == 'patient' else match.reason}]")
                # The marks and words of the pictures' key (bodymap.key): solid, then dotted.
                if match.essential:
                    text.markdown(f":orange[■] {SHORT['essential']}: "
                                  + ", ".join(area_label(a, geometry) for a in match.essential))
                if match.spillover:
                    text.markdown(f":orange[░] {SHORT['spillover']}: "
                                  + ", ".join(area_label(a, geometry) for a in match.spillover))
                if rank <= SHOWN_WITH_PICTURES:
                    text.caption(m.summary.for_audience(audience))
                text.page_link("views/explorer.py", label="Open in the body map", icon=":material/open_in_new:",
                               query_params={**explorer_query(match), "audience": audience})
        if len(shown_matches) < len(matches):
            st.caption(f"These are the best {len(shown_matches)} of {len(matches)} matches.")
            st.button(f"Show all {len(matches)} muscles", icon=":material/expand_more:", key="pain_show_all_button",
                      on_click=_show_all, args=(tuple(selected),), width="stretch")

write(PAGE)  # the URL keeps the chosen areas and the picture, so the exact choice can be shared
