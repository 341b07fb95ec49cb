"""Where does it hurt? Tap the painful areas; see which muscles may refer pain there."""
import streamlit as st

from bodymap.body_svg import MapSpec, render_map
from bodymap.links import PainFinderLink
from bodymap.lookup import area_label, areas_nobody_refers_to, explorer_query, rank_muscles, regions_concerned
from bodymap.picture import muscle_overlay, views_used
from bodymap.study import referral_svg
from ui.body_map import body_map
from ui.common import current_audience, load_content_or_stop, show_safety
from ui.url_state import sync, update, write

PAGE = "pain_finder"
SHOWN_WITH_PICTURES = 8
VIEW_LABELS = {"both": "Front and back", "front": "Front", "back": "Back"}

content, geometry = load_content_or_stop()
audience = current_audience()
link, notices, from_url = sync(PAGE, PainFinderLink, content, geometry)
for notice in notices:
    st.info(notice, icon=":material/info:")
selected = link.areas
# The list beside the map is a second writer of the chosen areas. It is keyed by how often
# the map (or a link) changed them, so after such a change it starts afresh from the chosen
# areas, and a stale value from before a quick press can never be sent back and undo it.
if from_url:
    st.session_state["_pain_rev"] = st.session_state.get("_pain_rev", 0) + 1
list_key = f"pain_pick_{st.session_state.get('_pain_rev', 0)}"


def _on_map(value: object) -> None:
    update(PAGE, st.session_state[PAGE].press(value, geometry))
    st.session_state["_pain_rev"] = st.session_state.get("_pain_rev", 0) + 1


def _on_pick() -> None:
    update(PAGE, st.session_state[PAGE].with_areas(st.session_state[list_key], geometry))


def _clear() -> None:
    update(PAGE, PainFinderLink())
    st.session_state["_pain_rev"] = st.session_state.get("_pain_rev", 0) + 1


# On a tablet in portrait the map and the list stay side by side, so each tap shows its
# result at once; inside the narrower list, a result's picture sits above its text.
st.html("""<style>
@media (max-width: 1000px) {
  [class*="st-key-pain_result_"] [data-testid="stHorizontalBlock"] { flex-wrap: wrap; }
  [class*="st-key-pain_result_"] [data-testid="stHorizontalBlock"] > [data-testid="stColumn"] {
    min-width: 100% !important; flex: 1 1 100% !important; }
}
</style>""")

st.title("Where does it hurt?", anchor=False)
st.markdown(
    "Tap each spot where you feel the pain, on the front or the back of the body. "
    "Tap a spot again to take it away. The list shows muscles that are known to send pain to those spots."
)

map_col, result_col = st.container(key="pain_layout").columns([5, 4], gap="large")
with map_col:
    view = st.segmented_control("Show", list(VIEW_LABELS), format_func=VIEW_LABELS.get, key="pain_view",
                                default="both", required=True) or "both"
    views = ("front", "back") if view == "both" else (view,)
    spec = MapSpec(targets="areas", selected=frozenset(selected), views=views, chosen_style="strong",
                   title="Body map: press each area where you feel pain")
    # One view alone gets a taller box, so its areas are bigger targets for a finger.
    body_map(render_map(geometry, spec), key="pain_map", multi=True, on_select=_on_map,
             height=640 if view == "both" else 820)
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
        st.markdown("Tap one or more areas on the body. Areas you choose turn dark blue.")
    else:
        silent = areas_nobody_refers_to(content, selected, geometry)
        if silent:
            st.info(
                "No muscle in this app is known to send pain to "
                + ", ".join(area_label(a, geometry) for a in silent)
                + ". Pain there may have another cause, so please ask your physical therapist or doctor about it.",
                icon=":material/info:",
            )
        if matches:
            many = len(selected) > 1
            st.subheader(f"{len(matches)} muscle{'s' if len(matches) != 1 else ''} may refer pain here",
                         anchor=False)
            st.caption("Best matches first: muscles whose main (essential) zone covers your spots come before "
                       "those whose wider (spillover) zone does"
                       + ("; muscles covering more of your spots come first" if many else "")
                       + ". Then the muscles that the pain guides of the trigger point manuals list as the "
                       "most common causes come first.")
        for rank, match in enumerate(matches, start=1):
            m = match.muscle
            side = match.side or "right"
            with st.container(border=True, key=f"pain_result_{m.id}_{side}"):
                pic, text = st.columns([2, 3]) if rank <= SHOWN_WITH_PICTURES else (None, st.container())
                if pic is not None:
                    views = views_used(geometry, muscle_overlay(geometry, m, side))
                    pic.image(referral_svg(geometry, m, side, views=views, crop=True),
                              width=120 if len(views) == 1 else 240,
                              alt=f"Body picture: where {m.name} can send pain ({side} side)")
                region = content.regions.get(m.region)
                text.markdown(f"**{rank}. {m.name}** ({side} side)  \n"
                              f":small[Region: {region.name if region else m.region} · Why here: {match.reason}]")
                if match.essential:
                    text.markdown(":material/circle: Main zone covers: "
                                  + ", ".join(area_label(a, geometry) for a in match.essential))
                if match.spillover:
                    text.markdown(":material/blur_on: Wider zone covers: "
                                  + ", ".join(area_label(a, geometry) for a in match.spillover))
                if rank <= SHOWN_WITH_PICTURES:
                    text.caption(m.summary.for_audience(audience))
                text.page_link("views/explorer.py", label="Open in the body map", icon=":material/open_in_new:",
                               query_params={**explorer_query(match), "audience": audience})

write(PAGE)  # the URL keeps the chosen areas, so the exact choice can be shared
