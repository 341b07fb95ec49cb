"""The explorer's region panel: overview, muscles, suitability, exercises and sources."""
from __future__ import annotations

import streamlit as st

from bodymap.content import Content
from bodymap.geometry import BodyGeometry
from bodymap.model import Disagreement, Exercise, Muscle, Region

from .common import show_safety, sources_line


def area_names(geometry: BodyGeometry, areas: list[str]) -> str:
    return ", ".join(geometry.base_areas[a][0].lower() for a in areas) or "none"


def muscle_details(content: Content, geometry: BodyGeometry, muscle: Muscle, audience: str, side: str) -> None:
    st.subheader(muscle.name, anchor=False)
    if muscle.also_called:
        st.caption("Also called: " + ", ".join(muscle.also_called))
    st.markdown(muscle.summary.for_audience(audience))

    st.markdown(f"**Where the pain may be felt** (drawn on the {side} side)")
    st.markdown(
        f"- Essential zone (solid): {area_names(geometry, muscle.referral.essential)}\n"
        f"- Spillover zone (hatched): {area_names(geometry, muscle.referral.spillover)}"
        + (f"\n- {muscle.referral.note}" if muscle.referral.note else "")
    )
    st.markdown("**Trigger points** (X on the body)")
    st.markdown("\n".join(f"{i}. {tp.description}" for i, tp in enumerate(muscle.trigger_points, 1)))

    left, right = st.columns(2)
    with left:
        st.markdown("**What people often notice**")
        st.markdown("\n".join(f"- {x}" for x in muscle.patients_notice))
    with right:
        st.markdown("**Common aggravators**")
        st.markdown("\n".join(f"- {x}" for x in muscle.aggravators))

    if audience == "clinician":
        st.markdown(f"**Palpation.** {muscle.palpation}")
        st.markdown(f"**Needling safety.** {muscle.needling_safety}")
    if audience == "student":
        st.markdown("**Key facts**")
        st.markdown("\n".join(f"- {x}" for x in muscle.key_facts))
        st.markdown(f"**Nearby structures.** {muscle.needling_safety}")
    if audience != "patient" and muscle.look_alikes:
        st.markdown("**Look-alikes**")
        st.markdown("\n".join(
            f"- *{content.muscles[la.muscle].name}*: {la.how_to_tell}" for la in muscle.look_alikes
        ))
    disagreements(content, muscle.disagreements)
    sources_line(content, muscle.sources)


def disagreements(content: Content, items: list[Disagreement]) -> None:
    for d in items:
        with st.expander(f"Sources differ: {d.about}", icon=":material/compare_arrows:"):
            for view in d.views:
                names = ", ".join(content.sources[s].author.split(",")[0] + f" ({content.sources[s].date})"
                                  for s in view.sources)
                st.markdown(f"- {view.says} — *{names}*")


def exercise_card(content: Content, exercise: Exercise) -> None:
    with st.expander(exercise.name, icon=":material/fitness_center:"):
        st.markdown(f"**Why:** {exercise.purpose}")
        st.markdown("\n".join(f"{i}. {step}" for i, step in enumerate(exercise.steps, 1)))
        st.markdown(f"**How much:** {exercise.dosage}")
        st.markdown(f"**What you should feel:** {exercise.feel}")
        st.markdown(f"**Make it harder:** {exercise.progression}  \n**Make it easier:** {exercise.regression}")
        st.markdown("**Stop and check with your therapist if:**\n" + "\n".join(f"- {x}" for x in exercise.stop_if))
        sources_line(content, exercise.sources)


def region_tabs(content: Content, region: Region, audience: str) -> None:
    labels = ["Is needling a fit?", "Exercises"]
    if audience != "patient":
        labels.append("Safety notes")
    labels.append("Sources")
    tabs = dict(zip(labels, st.tabs(labels)))
    with tabs["Is needling a fit?"]:
        st.markdown("**Often helps when…**")
        st.markdown("\n".join(f"- {x}" for x in region.suitability.helps))
        st.markdown("**Less helpful, or not the first step, when…**")
        st.markdown("\n".join(f"- {x}" for x in region.suitability.less_helpful))
        st.markdown("**Who should not be needled, or needs a check first**")
        st.markdown("\n".join(f"- {x}" for x in content.safety.not_for_needling + content.safety.check_first))
    with tabs["Exercises"]:
        st.markdown(region.exercise_pairing)
        for exercise in content.exercises_for(region.id):
            exercise_card(content, exercise)
    if "Safety notes" in tabs:
        with tabs["Safety notes"]:
            st.markdown("\n".join(f"- {x}" for x in region.safety))
    with tabs["Sources"]:
        ids = dict.fromkeys(region.sources + [s for m in content.muscles_in(region.id) for s in m.sources])
        for sid in ids:
            s = content.sources[sid]
            st.markdown(f"- {s.author} ({s.date}). *{s.title}*. {s.detail}")


def region_panel(content: Content, geometry: BodyGeometry, region: Region, audience: str,
                 muscle: Muscle | None, side: str, muscle_picker) -> None:
    """Headed by the region; the chosen muscle comes first, as it is what the map now shows."""
    st.header(region.name, anchor=False)
    muscle_picker()
    if muscle is not None:
        with st.container(border=True):
            muscle_details(content, geometry, muscle, audience, side)
    show_safety(content)
    st.markdown(region.overview.for_audience(audience))
    region_tabs(content, region, audience)
    sources_line(content, region.sources)
