"""Patient handout: choose a region, muscles and exercises, add a note, download a PDF.

The page only gathers choices; bodymap.handout checks them and makes the PDF. Nothing is
saved: the PDF is made in memory when the download button is pressed.
"""
import datetime as dt

import streamlit as st

from bodymap.handout import (
    MAX_EXERCISES,
    MAX_NOTE_CHARS,
    PAPERS,
    HandoutError,
    HandoutRequest,
    build_handout,
    handout_filename,
    note_problems,
    plan_handout,
    printed_picture,
)
from bodymap.dosage import Dosage
from bodymap.render.print_picture import picture_alt, picture_for
from bodymap.share import LOCAL_ADDRESS_HELP, only_this_computer, qr_png, request_base_url
from bodymap.links import SIDE_CHOICES, HandoutLink
from bodymap.render.drawing import svg_data_url
from ui.common import load_content_or_stop, show_safety
from ui.dosage_input import dosage_input, set_dosage
from ui.url_state import sync, update, write

PAGE = "handout"
PREVIEW_PX_PER_MM = 5.5  # the printed picture at about 1.5 times its paper size, so its key reads on screen
content, geometry = load_content_or_stop()
regions = content.regions

st.title("Patient handout", anchor=False)
st.caption(
    "Build a one- or two-page PDF for a patient: the body picture, plain-language text, aftercare, "
    "red flags and their exercises, with a QR code that opens the same view in the app."
)

# Start from the link that opened the page (?region=..&muscle=..): on the first visit, and
# again whenever a new link arrives (e.g. "Make a handout" from another muscle).
link, notices, from_url = sync(PAGE, HandoutLink, content, geometry)
if from_url or "handout_region" not in st.session_state:
    region_id = link.region or next(iter(regions))
    st.session_state["handout_region"] = region_id
    st.session_state[f"handout_muscles_{region_id}"] = list(link.muscles)
    st.session_state["handout_side"] = link.side
    if link.exercises:  # chosen in the share box: the same plan, ticked and dosed
        for eid in content.exercises:
            st.session_state[f"handout_ex_{eid}"] = eid in link.exercises
            set_dosage(f"handout_dose_{eid}", dict(link.dosages).get(eid))
        st.session_state[f"handout_extra_{region_id}"] = [
            e for e in link.exercises if e not in regions[region_id].exercises]
for notice in notices:
    st.info(notice, icon=":material/info:")

choose, preview = st.columns([1, 1], gap="large")

with choose:
    st.subheader("1. Region and muscles", anchor=False)
    region_id = st.selectbox("Region", list(regions), format_func=lambda r: regions[r].name, key="handout_region")
    region = regions[region_id]
    in_region = content.muscles_in(region_id)
    muscle_ids = st.multiselect(
        "Muscles to show on the picture and explain",
        [m.id for m in in_region],
        format_func=lambda m: content.muscles[m].name,
        key=f"handout_muscles_{region_id}",
        placeholder="Choose the muscles you treated",
    )
    st.segmented_control("Draw on the", SIDE_CHOICES, key="handout_side", format_func=lambda s: f"{s} side",
                         required=True)

    st.subheader("2. Exercises", anchor=False)
    st.caption(f"Tick 1 to {MAX_EXERCISES}. Each is printed with its usual amount unless you set one as numbers; "
               "anything else for the patient goes in the note.")
    exercise_ids: list[str] = []
    dosage: dict[str, Dosage] = {}

    def exercise_row(eid: str, default: bool) -> None:
        exercise = content.exercises[eid]
        key = f"handout_ex_{eid}"
        # A link may have ticked it already (above): then the session holds its value.
        if st.checkbox(exercise.name, key=key, help=exercise.purpose,
                       **({} if key in st.session_state else {"value": default})):
            exercise_ids.append(eid)
            if (own := dosage_input(exercise, key=f"handout_dose_{eid}")) is not None:
                dosage[eid] = own

    for i, eid in enumerate(region.exercises):
        exercise_row(eid, default=i < 2)
    others = [e for e in content.exercises if e not in region.exercises]
    with st.expander("Add an exercise paired with another region"):
        extra = st.multiselect("Other exercises", others, format_func=lambda e: content.exercises[e].name,
                               key=f"handout_extra_{region_id}")
    for eid in extra:
        exercise_row(eid, default=True)

    st.subheader("3. Note and paper", anchor=False)
    # No max_chars: a longer pasted note must stay in the box, with a message, not vanish.
    note = st.text_area(
        f"A short note for the patient (optional, up to {MAX_NOTE_CHARS:,} characters)",
        key="handout_note",
        help="Printed exactly as typed, as plain text. Avoid names or anything that identifies the patient.",
    )
    for problem in note_problems(note):
        st.error(problem, icon=":material/error:")
    paper = st.segmented_control("Paper size", PAPERS, key="handout_paper", default="A4", required=True)
    st.info(
        "Nothing about the patient is stored. Your choices and the note stay in this browser session only, "
        "and the PDF is made in memory when you press Download; nothing is saved on the server.",
        icon=":material/lock:",
    )

request = HandoutRequest(
    region=region_id, muscles=tuple(muscle_ids), exercises=tuple(exercise_ids), dosage=dosage, note=note,
    paper=paper or "A4", date=dt.date.today(), side=st.session_state["handout_side"] or "right",
    # The printed link and QR code: the address the browser reached the app by (behind a proxy, the public one).
    base_url=request_base_url(st.context.url, st.context.headers, st.get_option("server.baseUrlPath")),
)
problems = request.problems(content)

with preview:
    st.subheader("What the PDF will contain", anchor=False)
    if problems:
        st.error("The handout cannot be made yet:\n\n" + "\n".join(f"- {p}" for p in problems),
                 icon=":material/error:")

    def make_pdf() -> bytes:
        return build_handout(content, geometry, request)

    st.download_button(
        "Download the handout (PDF)",
        data=make_pdf if not problems else b"",
        file_name=handout_filename(request),
        mime="application/pdf",
        on_click="ignore",
        type="primary",
        icon=":material/download:",
        disabled=bool(problems),
        key="handout_download",
    )

    # The picture exactly as the PDF prints it (at the size most handouts print at): the
    # close-ups, the muscles' numbers and the key.
    picture = picture_for(content, geometry, region_id, muscle_ids, request.side)
    svg, width_mm, _ = printed_picture(geometry, picture, request.paper)
    st.image(svg_data_url(svg), width=round(width_mm * PREVIEW_PX_PER_MM), alt=picture_alt(geometry, picture))

    try:
        plan = plan_handout(content, geometry, request)
    except HandoutError:
        plan = None
    if plan is not None:
        with st.container(border=True):
            st.markdown(f"**{plan.title}** · {plan.date_text} · {paper} paper")
            st.markdown(f"**About your {region.name.lower()}.** {plan.overview}")
            numbered = len(plan.muscles) > 1  # as on the picture
            for number, (name, summary) in enumerate(plan.muscles, start=1):
                st.markdown(f"**{number}. {name}.** {summary}" if numbered else f"**{name}.** {summary}")
            if plan.expect:
                st.markdown("**What to expect after a session:** " + "; ".join(s.heading for s in plan.expect))
            if plan.aftercare:
                st.markdown("**Aftercare:** " + "; ".join(s.heading for s in plan.aftercare))
            for missing in plan.missing:
                st.caption(f"Left out: {missing}.")
            st.markdown("**Exercises**")
            for sheet in plan.exercises:
                changed = " (your dosage)" if sheet.dosage_changed else ""
                st.markdown(f"- **{sheet.name}**: {len(sheet.steps)} steps. Dosage{changed}:")
                st.text(sheet.dosage)
            if plan.note:
                st.markdown("**Your note, exactly as it will print:**")
                st.text(plan.note)
            st.markdown("**Link and QR code printed on the handout** (they open the patient's plan: "
                        "the picture, these exercises and when to call)")
            if only_this_computer(plan.link):
                st.warning(LOCAL_ADDRESS_HELP, icon=":material/wifi_off:")
            qr_col, link_col = st.columns([1, 3])
            qr_col.image(qr_png(plan.link, scale=4), width=120, alt="QR code for the link beside it")
            link_col.code(plan.link, language=None, wrap_lines=True)
            st.caption(f"{len(plan.sources)} sources are listed at the end of the handout.")
    show_safety(content)

update(PAGE, HandoutLink(region_id, tuple(muscle_ids), st.session_state["handout_side"] or "right",
                         tuple(exercise_ids), tuple(dosage.items())))
write(PAGE)  # the URL keeps the region, muscles, side, exercises and dosages, so a reload restores them
