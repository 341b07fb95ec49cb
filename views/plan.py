"""Your plan: what a therapist hands a patient by link or QR code, laid out for a phone.

The picture of the muscle and its pain pattern first, then only the exercises the therapist
chose (with their dosage), then when to call, then the rest. Always the patient's text.
"""
import streamlit as st

from bodymap.key import key_markdown
from bodymap.links import PlanLink
from bodymap.render.closeup_print import sized_closeup
from bodymap.study import muscle_closeups, referral_svg
from bodymap.render.drawing import svg_data_url
from ui.common import load_content_or_stop, show_safety, sources_line
from ui.exercise_pictures import exercise_pictures
from ui.panels import area_names, bullets, exercise_text
from ui.url_state import sync, write

PAGE = "plan"
USUAL_EXERCISES = 2  # shown when a link is not this installation's, as the handout ticks them
content, geometry = load_content_or_stop()
plan, notices, _ = sync(PAGE, PlanLink, content, geometry)
region = content.regions.get(plan.region) if plan.region else None
muscles = [content.muscles[m] for m in plan.muscles]  # known ids: the link's parse dropped any others

named = muscles[0].name if len(muscles) == 1 else region.name if region else "dry needling"
st.title(f"Your plan: {named}", anchor=False)
for notice in notices:
    st.info(notice, icon=":material/info:")

if region is None:
    st.markdown("This page shows the plan your physical therapist made for you: the muscle they treated, "
                "your exercises and when to call. Open the link or scan the code they gave you.")
    st.page_link("views/explorer.py", label="Explore the body map instead", icon=":material/accessibility_new:")
    show_safety(content, expanded=True)
    st.stop()

for muscle in muscles:  # the picture first, as large as the screen: where the pain comes from and goes
    if len(muscles) > 1:
        st.subheader(muscle.name, anchor=False)
    alt = f"where {muscle.name} can send pain ({plan.side} side)"
    specs = muscle_closeups(content, geometry, muscle, plan.side)
    if not specs:  # a region without close-ups: the whole body, cropped
        st.image(svg_data_url(referral_svg(geometry, muscle, plan.side, crop=True)), width="stretch",
                 alt=f"Body picture: {alt}")
    for number, spec in enumerate(specs):  # the first as wide as a phone; the view that completes it a tap away
        label = geometry.closeups[spec.closeup].label
        box = st.container() if number == 0 else st.expander(f"Also see: {label}", icon=":material/visibility:")
        with box, st.container(key=f"plan_picture_{muscle.id}_{number}"):
            st.image(svg_data_url(sized_closeup(geometry, spec, 560, most=720)[0]), width="stretch",
                     alt=f"Body picture: {alt}" if number == 0 else f"{label}: {alt}")
if muscles:
    st.markdown(key_markdown())

st.header("Your exercises", anchor=False)
if plan.trusted:
    exercises = [content.exercises[e] for e in plan.exercises]
    if not exercises:
        st.markdown(f"Your therapist did not choose exercises in this link. The usual ones for the "
                    f"{region.name.lower()} are on the body map page.")
else:
    # Hand-made, edited or from another installation: the picture stands, the plan does not.
    exercises = [content.exercises[e] for e in region.exercises[:USUAL_EXERCISES]]
    st.warning("This plan was not made by this clinic's app, so it may not be what your therapist chose. "
               f"Below are the usual exercises for the {region.name.lower()}, with the usual amounts. "
               "Ask your therapist for a new link or code.", icon=":material/gpp_maybe:")
for number, exercise in enumerate(exercises, 1):
    with st.container(border=True, key=f"plan_exercise_{exercise.id}"):
        st.subheader(f"{number}. {exercise.name}", anchor=False)
        exercise_pictures(exercise, key=f"plan_{exercise.id}")
        dosage = plan.dosage_for(exercise.id) if plan.trusted else None
        if dosage:
            st.markdown(f"**How much (set by your therapist):** {dosage.words()}")
        st.markdown(exercise_text(content, exercise, dosage=not dosage))
        sources_line(content, exercise.sources)

st.header("When to call us", anchor=False)
show_safety(content, region.id, expanded=True)  # with the region's own red flags

st.header(f"More about your {region.name.lower()}", anchor=False)
for muscle in muscles:
    st.subheader(muscle.name, anchor=False)
    st.markdown(muscle.summary.patient)
    st.markdown(f"**Where you may feel it:** {area_names(geometry, muscle.referral.essential)}"
                + (f"; sometimes also {area_names(geometry, muscle.referral.spillover)}"
                   if muscle.referral.spillover else "")
                + f".\n\n**You may notice:**\n{bullets(muscle.patients_notice)}")
    sources_line(content, muscle.sources)
st.markdown(region.overview.patient)
st.page_link("views/explorer.py", label="Open the body map", icon=":material/accessibility_new:",
             query_params={"region": region.id, **({"muscle": muscles[0].id} if muscles else {}), "side": plan.side})

write(PAGE)
