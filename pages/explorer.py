"""Body map explorer: tap a region, see its muscles, referral zones, fit and exercises."""
import streamlit as st

from bodymap.body_svg import MapSpec, render_map
from bodymap.choices import render_choices
from bodymap.overlay import muscle_overlay
from bodymap.state import SIDES, VIEWS, select_muscle, select_region
from ui.body_map import body_map
from ui.common import current_audience, load_content_or_stop
from bodymap.share import base_url, qr_svg, view_url
from bodymap.state import to_query
from ui.panels import present_panel, region_panel
from ui.url_state import STATE_KEY, read_state, update, write_state

content, geometry = load_content_or_stop()
state, notices = read_state(content)
present = state.mode == "present"
audience = "patient" if present else current_audience()

# Widgets mirror the stored state; their callbacks change it before the next run.
st.session_state["region_pick"] = state.region
st.session_state["view_pick"] = state.view
st.session_state["side_pick"] = state.side
st.session_state["present_pick"] = present


def _on_map(target: object) -> None:
    st.session_state[STATE_KEY] = select_region(st.session_state[STATE_KEY], target, content)


def _on_region() -> None:
    _on_map(st.session_state["region_pick"])


def _on_muscle(muscle: str | None) -> None:
    st.session_state[STATE_KEY] = select_muscle(st.session_state[STATE_KEY], muscle, content)


def _share_box() -> None:
    # The link opens the normal view; from present mode it opens the patient's text.
    query = {key: value for key, value in to_query(state).items() if key != "mode"}
    if present:
        query["audience"] = "patient"
    link = view_url(base_url(), **query)
    with st.popover("Share this view", icon=":material/qr_code_2:"):
        st.markdown("Scan the code with a phone, or copy the link (button at the right of the link).")
        st.image(qr_svg(link, scale=5), caption="Opens this page, as on screen now", width=220,
                 alt="QR code for the link below")
        st.code(link, language=None, wrap_lines=True)


regions = content.regions
with st.container(horizontal=True, vertical_alignment="bottom", gap="medium"):
    st.title("Body map", anchor=False, width="content")
    st.segmented_control(
        "Choose a region (or tap it on the body)",
        options=list(regions),
        format_func=lambda rid: regions[rid].name,
        key="region_pick",
        on_change=_on_region,
    )
    st.toggle("Present to a patient (large, plain view)", key="present_pick",
              on_change=lambda: update(mode="present" if st.session_state["present_pick"] else "explore"))
    _share_box()
for notice in notices:
    st.info(notice, icon=":material/info:")

map_col, panel_col = st.container(key="explorer_layout").columns([5, 4], gap="large")
muscle = content.muscles.get(state.muscle) if state.muscle else None
with map_col:
    map_slot = st.container()
    controls = st.columns(2)
    controls[0].segmented_control("Show", VIEWS, key="view_pick", format_func=str.title, required=True,
                                  on_change=lambda: update(view=st.session_state["view_pick"] or "both"))
    if muscle is not None:
        controls[1].segmented_control("Draw on the", SIDES, key="side_pick", format_func=lambda s: f"{s} side", required=True,
                                      on_change=lambda: update(side=st.session_state["side_pick"] or "right"))
    views = ("front", "back") if state.view == "both" else (state.view,)
    spec = MapSpec(
        regions=tuple((r.id, r.name, tuple(r.areas)) for r in regions.values()),
        selected=frozenset([state.region] if state.region else []),
        views=views,
        overlay=muscle_overlay(geometry, muscle, state.side) if muscle else MapSpec().overlay,
        title="Body map: press a region to see its muscles",
    )
    with map_slot:
        body_map(render_map(geometry, spec), key="explorer_map", height=620 if present else 580, on_select=_on_map)

with panel_col:
    if state.region is None:
        st.subheader("Where would you like to start?", anchor=False)
        st.markdown(
            "Tap a region on the body, or choose it above. You will see the muscles often treated "
            "there, where each one can send pain, who tends to benefit from needling, and the "
            "exercises that go with it."
        )
        st.markdown("\n".join(
            f"- **{region.name}**: {len(content.muscles_in(region.id))} muscles, {len(region.exercises)} exercises"
            for region in regions.values()
        ))
    else:
        region = regions[state.region]
        st.header(region.name, anchor=False)
        choices = render_choices(
            "Muscles treated here: choose one to draw its pain pattern",
            [(m.id, m.name) for m in content.muscles_in(region.id)],
            state.muscle,
        )
        body_map("", key="explorer_muscles", choices=choices, height=182, on_choice=_on_muscle)
        if present:
            present_panel(content, geometry, region, muscle, state.side)
        else:
            region_panel(content, geometry, region, audience, muscle, state.side)

write_state(st.session_state[STATE_KEY])
