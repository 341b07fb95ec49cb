"""The explorer's region panel: overview, muscles, suitability, exercises and sources."""
from __future__ import annotations

import streamlit as st

from bodymap import citations
from bodymap.content import Content
from bodymap.geometry import BodyGeometry
from bodymap.key import SHORT
from bodymap.model import Disagreement, Exercise, Muscle, Region

from .common import show_safety, sources_line
from .exercise_pictures import exercise_pictures


def bullets(items: list[str]) -> str:
    return "\n".join(f"- {x}" for x in items)


def area_names(geometry: BodyGeometry, areas: list[str]) -> str:
    return ", ".join(geometry.base_areas[a][0].lower() for a in areas) or "none"


def muscle_details(content: Content, geometry: BodyGeometry, muscle: Muscle, audience: str, side: str) -> None:
    st.subheader(muscle.name, anchor=False)
    if muscle.also_called:
        st.caption("Also called: " + ", ".join(muscle.also_called))
    st.markdown(muscle.summary.for_audience(audience))
    trigger_points = "\n".join(f"{i}. {tp.description}" for i, tp in enumerate(muscle.trigger_points, 1))
    # Patients read the key's words (bodymap.key); the manuals' terms and the referral note,
    # written in them, are for clinicians and students.
    patient = audience == "patient"
    note = f"\n- {muscle.referral.note}" if muscle.referral.note and not patient else ""
    solid, dotted = ((SHORT["essential"], SHORT["spillover"]) if patient else ("Essential zone", "Spillover zone"))
    st.markdown(
        f"**Where the pain may be felt** (drawn on the {side} side)\n"
        f"- {solid} (solid): {area_names(geometry, muscle.referral.essential)}\n"
        f"- {dotted} (dotted): {area_names(geometry, muscle.referral.spillover)}{note}\n\n"
        f"**Trigger points** (X on the body)\n{trigger_points}\n\n"
        f"**What people often notice**\n{bullets(muscle.patients_notice)}\n\n"
        f"**Common aggravators**\n{bullets(muscle.aggravators)}"
    )
    if audience == "clinician":
        st.markdown(f"**Palpation.** {muscle.palpation}\n\n**Needling safety.** {muscle.needling_safety}")
    if audience == "student":
        st.markdown(f"**Key facts**\n{bullets(muscle.key_facts)}\n\n**Nearby structures.** {muscle.needling_safety}")
    if audience != "patient" and muscle.look_alikes:
        st.markdown("**Look-alikes**\n" + bullets([
            f"*{content.muscles[la.muscle].name}*: {la.how_to_tell}" for la in muscle.look_alikes
        ]))
    disagreements(content, muscle.disagreements)
    sources_line(content, muscle.sources)


def disagreements(content: Content, items: list[Disagreement]) -> None:
    for d in items:
        with st.expander(f"Sources differ: {d.about}", icon=":material/compare_arrows:"):
            for view in d.views:
                names = "; ".join(citations.short(content.sources[s]) for s in view.sources)
                st.markdown(f"- {view.says} — *{names}*")


def exercise_text(content: Content, exercise: Exercise, *, dosage: bool = True) -> str:
    """The exercise as markdown; `dosage=False` leaves the usual dosage out (a therapist's
    own dosage is shown instead, as plain text)."""
    steps = "\n".join(f"{i}. {step}" for i, step in enumerate(exercise.steps, 1))
    stop = "\n".join(f"- {x}" for x in exercise.stop_if)
    how_much = f"**How much:** {exercise.dosage}\n\n" if dosage else ""
    return (
        f"**Why:** {exercise.purpose}\n\n{steps}\n\n{how_much}"
        f"**What you should feel:** {exercise.feel}\n\n**Make it harder:** {exercise.progression}  \n"
        f"**Make it easier:** {exercise.regression}\n\n**Stop and check with your therapist if:**\n{stop}"
    )


def exercise_card(content: Content, exercise: Exercise) -> None:
    # Lazy: the steps are only sent to the browser once the card is opened.
    card = st.expander(exercise.name, icon=":material/fitness_center:", key=f"exercise_{exercise.id}",
                       on_change="rerun")
    if card.open:
        with card:
            exercise_pictures(exercise)
            st.markdown(exercise_text(content, exercise))
            sources_line(content, exercise.sources)


def region_tabs(content: Content, region: Region, audience: str) -> None:
    """Suitability, exercises, safety notes and sources. Only the open tab is drawn, which
    keeps a region press fast."""
    labels = ["Is needling a fit?", "Exercises"]
    if audience != "patient":
        labels.append("Safety notes")
    labels.append("Sources")
    tabs = dict(zip(labels, st.tabs(labels, key=f"region_tab_{audience}", on_change="rerun")))
    if tabs["Is needling a fit?"].open:
        with tabs["Is needling a fit?"]:
            st.markdown(
                f"**Often helps when…**\n{bullets(region.suitability.helps)}\n\n"
                f"**Less helpful, or not the first step, when…**\n{bullets(region.suitability.less_helpful)}\n\n"
                f"**Who should not be needled, or needs a check first**\n"
                f"{bullets(content.safety.not_for_needling + content.safety.check_first)}"
            )
    if tabs["Exercises"].open:
        with tabs["Exercises"]:
            st.markdown(region.exercise_pairing)
            for exercise in content.exercises_for(region.id):
                exercise_card(content, exercise)
    if "Safety notes" in tabs and tabs["Safety notes"].open:
        with tabs["Safety notes"]:
            st.markdown(bullets(region.safety))
    if tabs["Sources"].open:
        with tabs["Sources"]:
            ids = dict.fromkeys(region.sources + [s for m in content.muscles_in(region.id) for s in m.sources])
            st.markdown(bullets([citations.full(content.sources[sid]) for sid in ids]))


def region_panel(content: Content, geometry: BodyGeometry, region: Region, audience: str,
                 muscle: Muscle | None, side: str, prescription: dict[str, str] | None = None) -> None:
    """Below the region's name and muscle buttons: the chosen muscle first (it is what the
    map now shows), then safety, the overview and the tabs."""
    if muscle is None:
        st.caption("Choose a muscle above the body to draw where it can send pain.")
    else:
        with st.container(border=True):
            muscle_details(content, geometry, muscle, audience, side)
    show_safety(content, region.id)
    st.page_link(
        "views/handout.py", label="Make a patient handout for this", icon=":material/description:",
        # With the exercises and dosages chosen in Share, so the handout prints the same plan.
        query_params={"region": region.id, **({"muscle": muscle.id, "side": side} if muscle else {}),
                      **(prescription or {})},
    )
    st.markdown(region.overview.for_audience(audience))
    region_tabs(content, region, audience)
    sources_line(content, region.sources)


def present_panel(content: Content, geometry: BodyGeometry, region: Region, muscle: Muscle | None,
                  side: str) -> None:
    """What a patient sees at the chair: plain words, the picture's key, safety; no clinician notes."""
    if muscle is None:
        st.markdown(region.overview.patient)
    else:
        st.subheader(muscle.name, anchor=False)
        st.markdown(muscle.summary.patient)
        st.markdown(
            f"**Where you may feel it:** {area_names(geometry, muscle.referral.essential)}"
            + (f"; sometimes also {area_names(geometry, muscle.referral.spillover)}"
               if muscle.referral.spillover else "")
            + f" (drawn on the {side} side).\n\n**You may notice:**\n{bullets(muscle.patients_notice)}"
        )
    show_safety(content, region.id)
    st.markdown(f"**Your exercises for the {region.name.lower()}:** {region.exercise_pairing}")
    st.markdown(bullets([f"**{e.name}**: {e.dosage}" for e in content.exercises_for(region.id)]))
