"""Body map explorer: tap a region, see its muscles, referral zones, fit and exercises."""
from dataclasses import replace

import streamlit as st

from bodymap.dosage import Dosage
from bodymap.links import NUDGE_EXERCISES, SIDE_CHOICES, ExplorerLink, HandoutLink, PlanLink
from bodymap.render.body_svg import MapSpec, cached_map, render_map, window_frame
from bodymap.render.closeup_svg import completing_view, live_closeups, zones_outside
from bodymap.picture import muscle_overlay, views_used
from bodymap.share import LOCAL_ADDRESS_HELP, only_this_computer, plan_url, qr_svg, request_base_url
from bodymap.render.drawing import svg_data_url
from ui.body_map import body_map, choice_row, live_closeup
from ui.dosage_input import dosage_input
from ui.share_link import share_link
from ui.common import current_audience, load_content_or_stop
from ui.panels import present_panel, region_panel
from ui.url_state import (MODE_KEY, current_settings, set_setting, settings_from_url, sync, update, value_widget,
                          write)

PAGE = "explorer"
content, geometry = load_content_or_stop()
state, notices, from_url = sync(PAGE, ExplorerLink, content, geometry)
present = current_settings().presenting
audience = current_audience()



def _change(**changes) -> None:
    update(PAGE, replace(st.session_state[PAGE], **changes))


def _on_map(target: object) -> None:
    update(PAGE, st.session_state[PAGE].select_region(target, content))


def _on_muscle(muscle: str | None) -> None:
    update(PAGE, st.session_state[PAGE].select_muscle(muscle, content))


def _share_box() -> dict[str, str]:
    """A link and QR code for the patient: this muscle and the exercises chosen here, opened
    as the patient's plan on a phone. The link never carries free text. Returns the same
    prescription for the handout's link (one prescription: the handout prints this plan)."""
    # A short label, so the header's tools fit one row on a phone.
    with st.popover("Share", icon=":material/qr_code_2:",
                    help="A link and a QR code that open the patient's own plan on their phone"):
        if state.muscle is None:
            # A plan opens on a muscle's picture: with none chosen there is nothing to hand over.
            st.markdown("**Choose a muscle first.** The patient's plan opens on that muscle's picture, "
                        "then the exercises you choose here.")
            return {}
        region = regions[state.region]
        chosen = st.multiselect("Exercises for this patient", region.exercises, key=f"share_ex_{region.id}",
                                format_func=lambda e: content.exercises[e].name,
                                placeholder="Choose the exercises you gave")
        if len(chosen) > NUDGE_EXERCISES:
            st.warning(f"{len(chosen)} exercises is a lot to do at home; most people keep up with "
                       f"{NUDGE_EXERCISES} or fewer.", icon=":material/lightbulb:")
        dosages: list[tuple[str, Dosage]] = []
        for eid in chosen:
            if (dosage := dosage_input(content.exercises[eid], key=f"share_dose_{eid}")) is not None:
                dosages.append((eid, dosage))
        plan = PlanLink(state.region, (state.muscle,), state.side, tuple(chosen), tuple(dosages)).signed()
        base = request_base_url(st.context.url, st.context.headers, st.get_option("server.baseUrlPath"))
        link = plan_url(base, {**plan.to_query(), "audience": "patient"})
        if only_this_computer(link):
            st.warning(LOCAL_ADDRESS_HELP, icon=":material/wifi_off:")
        else:
            st.markdown("The patient scans the code with a phone camera, or you send them the link.")
            st.image(svg_data_url(qr_svg(link, scale=5)), caption="Opens the patient's plan", width=220,
                     alt="QR code for the link below")
        share_link(link, key="share_link")
        handout = HandoutLink(state.region, (state.muscle,), state.side, tuple(chosen), tuple(dosages))
        return {k: v for k, v in handout.to_query().items() if k in ("ex", "dose")}


regions = content.regions
with st.container(horizontal=True, vertical_alignment="bottom", gap="medium", key="explorer_header"):
    st.title("Body map", anchor=False, width="content")
    # One-shot buttons, like the map: the region has several controls, and a value widget
    # would send its stale value back after a quick second press.
    choice_row("Choose a region (or tap it on the body)", [(r.id, r.name) for r in regions.values()], state.region,
               key="explorer_regions", height=56, on_choice=_on_map, required=True, show_label=False, grow=True,
               width=min(620, sum(len(r.name) * 8 + 32 for r in regions.values()) + 10))
    # Shorter in present mode, where the type is larger, so the header stays one row.
    value_widget(lambda default, **kw: st.toggle("Present mode" if present else "Present to a patient",
                                                 value=bool(default),
                                                 help="Large, plain view for the patient: no menus, patient text only",
                                                 **kw),
                 "present_pick", present, settings_from_url(),
                 lambda: set_setting(MODE_KEY, "present" if st.session_state["present_pick"] else "explore"))
    prescription = _share_box()
    handout_query = {"region": state.region or "", **({"muscle": state.muscle, "side": state.side} if state.muscle
                                                       else {}), **prescription}
    if present:
        # At the chair: to the handout in one tap, with the same muscle, exercises and dosages.
        with st.container(key="present_handout", width="content"):
            st.page_link("views/handout.py", label="Handout", icon=":material/description:",
                         query_params={k: v for k, v in handout_query.items() if v})
for notice in notices:
    st.info(notice, icon=":material/info:")

# Presenting, the close-up fills the screen: most of the width, and no overview beside it.
map_col, panel_col = st.container(key="explorer_layout").columns([7, 3] if present else [5, 4], gap="large")
muscle = content.muscles.get(state.muscle) if state.muscle else None
region_specs = tuple((r.id, r.name, tuple(r.button_areas)) for r in regions.values())
WHOLE_BODY = MapSpec(regions=region_specs, title="Body map: press a region to see its muscles")
whole_body = cached_map(geometry, WHOLE_BODY)
with map_col:
    if state.region is None:
        # The whole body is where a region is chosen.
        body_map(whole_body, key="explorer_map", height=620 if present else 580, on_select=_on_map, selected=[])
    else:
        region = regions[state.region]
        closeups = [c for c in region.closeups if c in geometry.closeups]
        live = (live_closeups(geometry, closeups, content.muscles_in(region.id), state.side,
                              pinned=state.view if state.view in closeups else None) if closeups else None)
        opens = live.opens_on if live is not None and state.view != "body" else {"": "body"}
        view = opens.get(muscle.id if muscle else "", opens[""])
        views = {c: geometry.closeups[c].short for c in closeups} | {"body": "Whole body"}
        # One-shot buttons: a muscle press changes the picture too, so no widget owns it.
        choice_row("Picture", list(views.items()), view, key="explorer_views", height=56, required=True,
                   show_label=False, one_line=True, on_choice=lambda v: _change(view=v or "auto"),
                   width=sum(len(t) * 8 + 34 for t in views.values()) + 10, group=True)
        overlay = muscle_overlay(geometry, muscle, state.side) if muscle else MapSpec().overlay
        if view == "body":
            # Front and back, and a side view when the pattern reaches it (temple, outer hip).
            used = views_used(geometry, overlay)
            spec = MapSpec(regions=region_specs, selected=frozenset([region.id]), overlay=overlay,
                           views=tuple(v for v in geometry.views if v in ("front", "back") or v in used),
                           title="Body map: press a region to see its muscles")
            body_map(render_map(geometry, spec), key="explorer_map", height=620 if present else 580,
                     on_select=_on_map)
        else:
            closeup = live.spec(view, state.side, content.muscles_in(region.id), muscle, overlay)
            big, small = (st.container(), None) if present else st.columns([5, 1], gap="small")
            with big:
                # Draws a muscle chosen on it or on the muscle buttons at once, in the browser.
                live_closeup(live, key="explorer_closeup", follow="explorer_muscles", views_row="explorer_views",
                             height=1000 if present else 900, on_select=_on_muscle)
            if small is not None:
                with small, st.container(key="explorer_overview_box"):
                    # The same picture as the whole body the region was chosen on, sent once:
                    # the browser marks the region and frames the close-up shown (the views
                    # row tells it which). The same key too: a press on the whole body just as
                    # a region's press swaps it for this overview reaches the same component
                    # (a press on a component the last run left out has no value in Python).
                    frames = {c: window_frame(geometry, WHOLE_BODY, geometry.window(c, state.side)[0], box)
                              for c, box in live.windows.items()}
                    body_map(whole_body, key="explorer_map", height=300, on_select=_on_map, selected=[region.id],
                             frames=frames, frames_follow="explorer_views")
            if muscle is not None and (elsewhere := zones_outside(geometry, closeup)):
                st.caption(f"Also part of this pattern, not in this picture: {', '.join(elsewhere).lower()}.")
            # The rest of the pattern is one tap away: the view that completes this one.
            if muscle is not None and (rest := completing_view(geometry, closeups, muscle, state.side, view)):
                st.button(f"See the rest: {geometry.closeups[rest].short}", icon=":material/visibility:",
                          key="explorer_rest", on_click=_change, kwargs={"view": rest})
        if muscle is not None:
            # Under the picture, so on a phone the picture and its key come first.
            # Presenting, the buttons say it: the picture keeps the room of the label.
            value_widget(lambda **kw: st.segmented_control("Draw the pattern on the", SIDE_CHOICES,
                                                           format_func=lambda s: f"{s} side", required=True,
                                                           label_visibility="collapsed" if present else "visible",
                                                           **kw),
                         "side_pick", state.side, from_url, lambda: _change(side=st.session_state["side_pick"] or "right"))

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
        with st.container(key="explorer_region_title"):
            st.header(region.name, anchor=False)
        choice_row(
            "Muscles treated here: choose one to draw its pain pattern",
            [(m.id, m.name) for m in content.muscles_in(region.id)],
            state.muscle,
            key="explorer_muscles", height=182, on_choice=_on_muscle, group=True, grow=True,
        )
        if present:
            present_panel(content, geometry, region, muscle, state.side)
        else:
            region_panel(content, geometry, region, audience, muscle, state.side, prescription)

write(PAGE)
