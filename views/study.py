"""Study: region summary cards, muscle comparisons, the referral atlas and a quiz."""
import random

import streamlit as st

from bodymap.render.closeup_print import sized_closeup
from bodymap.lookup import silent_area
from bodymap.render.atlas import atlas_counts, atlas_drawing, count_words
from bodymap.render.figures import MAX_COMPARE, quiz_results_figure, referral_figure
from bodymap.links import StudyLink
from bodymap.picture import muscle_overlay, views_used
from bodymap.quiz import (KIND_LABELS, KINDS, QuizProgress, answer, finished, go_to, make_quiz, missed,
                          record_attempt, results_by_region, score, zone_sentence)
from bodymap.study import (CARDS_PER_PAGE, STUDY_MODE_LABELS, STUDY_MODES, area_labels, card_svg,
                           compare_closeups, compare_rows, look_alike_pairs, page_of, referral_svg,
                           region_sheet_html, rest_view)
from bodymap.render.drawing import svg_data_url
from ui.body_map import body_map
from ui.common import current_audience, load_content_or_stop
from ui.url_state import sync, update, write

PAGE = "study"
content, geometry = load_content_or_stop()
audience = current_audience()

# A link (a shared view or quiz) sets the tools; afterwards the session keeps the choices.
link, notices, from_url = sync(PAGE, StudyLink, content, geometry)
for notice in notices:
    st.info(notice, icon=":material/info:")
if from_url:
    st.session_state["study_mode"] = link.tab
    st.session_state["compare_pick"] = list(link.muscles) or [m for m in next(iter(look_alike_pairs(content)), ())]
    if link.region:
        st.session_state["cards_region"] = link.region
    if link.seed is not None or "quiz" not in st.session_state:
        st.session_state["quiz"] = QuizProgress(seed=link.seed if link.seed is not None else random.randrange(1, 10_000))
        st.session_state["quiz_seed_in"] = st.session_state["quiz"].seed
    st.session_state.setdefault("quiz_history", ())
    for key in ("study_mode", "compare_pick", "cards_region"):
        st.session_state.pop(f"_kept_{key}", None)


def remember(key: str, default=None) -> None:
    """Give a widget back its last value. Streamlit forgets the state of widgets that were
    not drawn on the last run, which happens to every tool's widgets when the tool changes."""
    store = f"_kept_{key}"
    if key not in st.session_state and store in st.session_state:
        st.session_state[key] = st.session_state[store]
    elif key not in st.session_state and default is not None:
        st.session_state[key] = default


def keep(*keys: str) -> None:
    for key in keys:
        if key in st.session_state:
            st.session_state[f"_kept_{key}"] = st.session_state[key]


st.title("Study", anchor=False)
remember("study_mode", "cards")
mode = st.segmented_control("Study tool", STUDY_MODES, format_func=STUDY_MODE_LABELS.get, key="study_mode",
                            required=True, label_visibility="collapsed") or "cards"
keep("study_mode")
url: dict[str, object] = {"tab": mode}


def picture(muscle, side: str = "right", *, anonymous: bool = False, scale: float = 1.0) -> None:
    views = views_used(geometry, muscle_overlay(geometry, muscle, side))
    zones = f"essential zone: {', '.join(area_labels(geometry, muscle.referral.essential))}"
    st.image(svg_data_url(referral_svg(geometry, muscle, side, anonymous=anonymous, views=views, crop=True)),
             width=int((190 if len(views) == 1 else 380) * scale),
             alt=f"Body picture of a referral pattern, {zones}" if anonymous
             else f"Body picture: where {muscle.name} can send pain, {zones}")


# --- Region cards ---------------------------------------------------------------------------
if mode == "cards":
    region_ids = list(content.regions)
    remember("cards_region")
    if st.session_state.get("cards_region") not in content.regions:
        st.session_state["cards_region"] = region_ids[0]
    rid = st.segmented_control("Region", region_ids, format_func=lambda r: content.regions[r].name,
                               key="cards_region", required=True) or region_ids[0]
    keep("cards_region")
    url["region"] = rid
    region = content.regions[rid]
    muscles = content.muscles_in(rid)
    head = st.columns([3, 1], vertical_alignment="bottom")
    head[0].subheader(f"{region.name}: {len(muscles)} muscles", anchor=False)
    # Made on the tap: a region of hundreds of muscles is a sheet of megabytes. The tap must not
    # rerun the page too: Streamlit drops the reply that carries the file's address if it has not
    # gone out when that rerun starts, and the button then spins with no download.
    head[1].download_button(
        "Printable sheet", lambda: region_sheet_html(content, geometry, rid), file_name=f"{rid}-study-sheet.html",
        mime="text/html", icon=":material/print:", key="cards_download", width="stretch", on_click="ignore",
        help="A one-file page with every card; open it and print it from the browser.",
    )
    st.markdown(region.overview.student)
    with st.expander("Safety near this region", icon=":material/health_and_safety:"):
        st.markdown("\n".join(f"- {s}" for s in region.safety))
    st.caption("Pictures: each muscle drawn filled on a close-up, its neighbours pale; solid = essential zone, "
               "dotted = spillover zone, X = trigger point (right side shown).")
    page_key = f"cards_page_{rid}"  # each region keeps its own page
    remember(page_key, 1)
    shown, page, pages = page_of(muscles, st.session_state[page_key])
    st.session_state[page_key] = page

    def turn(by: int) -> None:
        st.session_state[page_key] = st.session_state[page_key] + by

    def cards_pager(where: str) -> None:
        if pages == 1:
            return
        with st.container(horizontal=True, vertical_alignment="center", key=f"cards_pager_{where}"):
            st.button("Previous", key=f"cards_prev_{where}", icon=":material/chevron_left:", on_click=turn,
                      args=(-1,), disabled=page == 1)
            if where == "top":
                st.selectbox("Cards", range(1, pages + 1), key=page_key, label_visibility="collapsed", width=260,
                             format_func=lambda p: f"Cards {(p - 1) * CARDS_PER_PAGE + 1}–"
                                                   f"{min(p * CARDS_PER_PAGE, len(muscles))} of {len(muscles)}")
            else:
                st.caption(f"Page {page} of {pages}")
            st.button("Next", key=f"cards_next_{where}", icon=":material/chevron_right:", on_click=turn,
                      args=(1,), disabled=page == pages)

    cards_pager("top")
    keep(page_key)
    # Two cards a row on a wide screen (they stack on a narrow one): each the picture beside
    # what a student checks first, the rest one tap down, so a region fits in a few screens.
    for pair in (shown[k:k + 2] for k in range(0, len(shown), 2)):
        for slot, m in zip(st.columns(2, gap="medium"), pair):
            with slot, st.container(border=True, key=f"card_{m.id}"):
                pic, text = st.columns([1, 1], gap="small")
                with pic:
                    svg, width = card_svg(content, geometry, m, height=420, most=300)
                    st.image(svg_data_url(svg), width=width,
                             alt=f"{m.name}, drawn on a close-up with where it can send pain: "
                                 f"essential zone {', '.join(area_labels(geometry, m.referral.essential))}")
                with text:
                    st.markdown(f"#### {m.name}")
                    if m.also_called:
                        st.caption("Also called: " + ", ".join(m.also_called))
                    rest = rest_view(content, geometry, m)  # the picture shows the first view only
                    st.markdown(f"**Essential zone:** {', '.join(area_labels(geometry, m.referral.essential))}  \n"
                                f"**Spillover:** {', '.join(area_labels(geometry, m.referral.spillover)) or 'none'}"
                                + (f"  \n**See the rest:** {rest}" if rest else ""))
                    st.page_link("views/explorer.py", label="Open in the body map", icon=":material/open_in_new:",
                                 query_params={"region": rid, "muscle": m.id, "audience": audience})
                with st.expander("Trigger points, key facts, nearby structures, look-alikes", icon=":material/school:"):
                    st.markdown("**Trigger points** (X in the picture)\n" + "\n".join(
                        f"{i}. {tp.description}" for i, tp in enumerate(m.trigger_points, 1)))
                    st.markdown("**Key facts**\n" + "\n".join(f"- {f}" for f in m.key_facts))
                    st.markdown(f"**Nearby structures:** {m.needling_safety}")
                    alikes = [la for la in m.look_alikes if la.muscle in content.muscles]
                    if alikes:
                        st.markdown("**Look-alikes**\n" + "\n".join(
                            f"- *{content.muscles[la.muscle].name}*: {la.how_to_tell}" for la in alikes))
    cards_pager("bottom")

# --- Compare ----------------------------------------------------------------------------
elif mode == "compare":
    names = {mid: m.name for mid, m in content.muscles.items()}
    region_order = {rid: i for i, rid in enumerate(content.regions)}
    options = sorted(content.muscles, key=lambda mid: (region_order.get(content.muscles[mid].region, 99), names[mid]))

    def set_pair(a: str, b: str) -> None:
        st.session_state["compare_pick"] = [a, b]

    remember("compare_pick", [])
    remember("compare_side", "right")
    st.markdown("**Often confused:** tap a pair to compare them.")
    with st.container(horizontal=True, key="compare_pairs"):
        for a, b in look_alike_pairs(content)[:8]:
            st.button(f"{names[a]} vs {names[b]}", key=f"pair_{a}_{b}", on_click=set_pair, args=(a, b))
    st.multiselect(
        f"Muscles to compare (up to {MAX_COMPARE})", options, key="compare_pick", max_selections=MAX_COMPARE,
        format_func=lambda mid: f"{names[mid]} ({content.regions[content.muscles[mid].region].name})",
    )
    side = st.segmented_control("Side", ["right", "left"], format_func=str.title, key="compare_side",
                                required=True) or "right"
    keep("compare_pick", "compare_side")
    chosen = [m for m in st.session_state["compare_pick"] if m in content.muscles]
    if chosen:
        url["muscles"] = tuple(chosen)
        shown = compare_closeups(content, geometry, chosen, side)
        if shown:  # each muscle on its own copy of the close-up, side by side
            with st.container(horizontal=True, gap="medium", key="compare_closeups"):
                for m, spec in shown:
                    with st.container(width="content", key=f"compare_closeup_{m.id}"):
                        st.markdown(f"**{m.name}**")
                        svg, width = sized_closeup(geometry, spec, 500 if len(shown) <= 2 else 400)
                        st.image(svg_data_url(svg), width=width,
                                 alt=f"{m.name} ({side} side) on a close-up: essential zone "
                                     f"{', '.join(area_labels(geometry, m.referral.essential))}")
            st.caption("Each muscle is drawn filled on its own copy of the close-up, its neighbours pale. "
                       "Solid = essential zone; dotted = spillover; X = trigger point. The table lists every area.")
        missing = [m for m in chosen if m not in {m.id for m, _ in shown}]
        if missing:  # a muscle whose region has no close-up: the whole-body figure
            st.plotly_chart(referral_figure(content, geometry, missing, side), key="compare_figure",
                            config={"displaylogo": False, "scrollZoom": True})
            st.caption("Each muscle has its own colour. Solid fill = essential zone; hatched with a dashed edge = "
                       "spillover; X = trigger point. Hover over an area to see which muscles refer there.")
        st.dataframe(compare_rows(content, geometry, chosen), hide_index=True, key="compare_table")
        tips = [(content.muscles[m], la) for m in chosen for la in content.muscles[m].look_alikes
                if la.muscle in chosen]
        if tips:
            st.markdown("**How to tell them apart**")
            st.markdown("\n".join(f"- *{m.name} vs {names[la.muscle]}*: {la.how_to_tell}" for m, la in tips))
    else:
        st.info("Choose two to four muscles, or tap one of the pairs above.", icon=":material/compare_arrows:")

# --- Atlas --------------------------------------------------------------------------------
elif mode == "atlas":
    st.markdown("Each area is shaded by how many muscles in this app can refer pain to it: darker means "
                "more muscles, and the key under the body gives the numbers. Click or tap an area to list them.")

    @st.cache_resource(show_spinner=False, max_entries=4)
    def atlas_svg(_content, _geometry, content_id: int) -> str:  # the content is shared, never copied
        return atlas_drawing(_content, _geometry).svg()

    def _on_atlas(value: object) -> None:
        # The map and the list below show one choice: a press on the map chooses it in the list.
        st.session_state["atlas_pick"] = value if isinstance(value, str) and value in geometry.areas else None

    picked = st.session_state.get("atlas_pick")
    body_map(atlas_svg(content, geometry, id(content)), key="atlas_map", height=620, fit_width=True, on_select=_on_atlas,
             selected=[picked] if picked else [], answers=True)
    named = st.selectbox("Or choose an area by name", list(geometry.areas), index=None, key="atlas_pick",
                         format_func=lambda iid: geometry.areas[iid].label, placeholder="Type an area, e.g. temple")
    entries = atlas_counts(content, geometry)
    if named in geometry.areas:
        shape = geometry.areas[named]
        entry = entries[shape.area]
        with st.container(border=True, key="atlas_answer"):
            if entry.muscles:
                st.markdown(f"**{shape.label}**: {count_words(entry.count)}")
                st.markdown("\n".join(f"- {name} ({kind})" for name, kind in entry.muscles))
            else:
                answer = silent_area(content, named, geometry)
                st.markdown(answer.line)
                if answer.citation:
                    st.caption(answer.citation)
    busiest = sorted(entries.values(), key=lambda e: (-e.count, e.label))[:6]
    st.markdown("**Busiest areas:** " + "; ".join(f"{e.label} ({e.count})" for e in busiest if e.count))

# --- Quiz ---------------------------------------------------------------------------------
else:
    progress: QuizProgress = st.session_state["quiz"]
    questions = make_quiz(content, geometry, progress.seed, progress.n, progress.kinds)
    progress = progress.started(len(questions))
    st.session_state["quiz"] = progress
    url["seed"] = progress.seed

    def start(seed: int) -> None:
        kinds = tuple(st.session_state.get("quiz_kinds") or KINDS)
        st.session_state["quiz"] = QuizProgress(seed=seed, n=int(st.session_state.get("quiz_n", 10)), kinds=kinds)
        st.session_state["quiz_seed_in"] = seed

    def choose(index: int, option: int) -> None:
        new = answer(st.session_state["quiz"], index, option)
        st.session_state["quiz"] = new
        st.session_state["quiz_history"] = record_attempt(st.session_state["quiz_history"], new, index,
                                                          questions[index])

    def move(index: int) -> None:
        st.session_state["quiz"] = go_to(st.session_state["quiz"], index)

    remember("quiz_seed_in", progress.seed)
    with st.expander(f"Quiz {progress.seed}: settings and seed", icon=":material/tune:"):
        st.caption("The same seed always gives the same questions, so a class can share one quiz.")
        cols = st.columns(3)
        cols[0].number_input("Seed", min_value=0, max_value=999_999, step=1, key="quiz_seed_in")
        keep("quiz_seed_in")
        cols[1].number_input("Questions", min_value=3, max_value=30, value=progress.n, key="quiz_n")
        st.pills("Kinds of question", KINDS, format_func=KIND_LABELS.get, selection_mode="multi",
                 default=list(progress.kinds), key="quiz_kinds")
        buttons = st.columns(2)
        buttons[0].button("Start this quiz", key="quiz_start", icon=":material/play_arrow:",
                          on_click=lambda: start(int(st.session_state["quiz_seed_in"])))
        buttons[1].button("New random quiz", key="quiz_new", icon=":material/shuffle:",
                          on_click=lambda: start(random.randrange(1, 10_000)))

    right, done = score(questions, progress)
    if not questions:
        st.warning("The content does not have enough material for these kinds of question.")
    elif not finished(progress):
        i = progress.current
        q = questions[i]
        chosen_option = progress.answers[i]
        st.progress(i / len(questions), text=f"Question {i + 1} of {len(questions)} · score {right}/{done}")
        with st.container(border=True, key="quiz_card"):
            st.caption(KIND_LABELS[q.kind])
            st.markdown(f"**{q.prompt}**")
            if q.picture:
                picture(content.muscles[q.picture], anonymous=True)
            answered = chosen_option is not None
            # Answered, the right option and the reader's own say so in words and marks, at full
            # strength (not greyed out like the others), and "Next" comes straight after them.
            st.html("<style>.st-key-quiz_options button:disabled { opacity: 0.55; }"
                    ".st-key-quiz_options .st-key-quiz_right button:disabled,"
                    ".st-key-quiz_options .st-key-quiz_mine button:disabled { opacity: 1; color: inherit; }"
                    ".st-key-quiz_right button { border: 3px solid #1b7f3b !important; background: #e7f5ea !important; }"
                    ".st-key-quiz_mine button { border: 3px solid #b3261e !important; background: #fbeaea !important; }"
                    "</style>")
            with st.container(key="quiz_options"):
                for j, option in enumerate(q.options):
                    right_one, mine = answered and j == q.answer, answered and chosen_option == j
                    label = (f"{option} — right answer" + (" (your choice)" if mine else "") if right_one
                             else f"{option} — your choice" if mine else option)
                    with st.container(key="quiz_right" if right_one else "quiz_mine" if mine else None):
                        st.button(label, key=f"quiz_option_{i}_{j}", on_click=choose, args=(i, j),
                                  icon=":material/check_circle:" if right_one else ":material/cancel:" if mine else None,
                                  disabled=answered, width="stretch")
            if answered:
                last = i + 1 == len(questions)
                with st.container(horizontal=True, vertical_alignment="center"):
                    if q.is_right(chosen_option):
                        st.success(f"Right: {q.right_option}.", icon=":material/check_circle:", width="stretch")
                    else:
                        st.error(f"Not quite. The answer is {q.right_option}.", icon=":material/cancel:",
                                 width="stretch")
                    st.button("See my results" if last else "Next question", key=f"quiz_next_{i}", type="primary",
                              icon=":material/arrow_forward:", on_click=move, args=(i + 1,))
                st.markdown(q.explanation)
                picked = q.option_ids[chosen_option]
                if not q.is_right(chosen_option) and picked in content.muscles:
                    st.caption("Your choice, for comparison: " + zone_sentence(content.muscles[picked], geometry))
                if q.reveal and q.reveal != q.picture:
                    picture(content.muscles[q.reveal], scale=0.8)
    else:
        st.subheader(f"You scored {right} out of {len(questions)}", anchor=False)
        wrong = missed(questions, progress)
        if wrong:
            st.markdown("**Review what you missed**")
            for i, q, chosen_option in wrong:
                with st.expander(f"{i + 1}. {q.prompt}", icon=":material/replay:"):
                    st.markdown(f"You chose **{q.options[chosen_option]}**; the answer is **{q.right_option}**.")
                    st.markdown(q.explanation)
                    shown = q.reveal or q.picture
                    if shown:
                        picture(content.muscles[shown], scale=0.8)
        else:
            st.success("Every answer right. Well done!", icon=":material/celebration:")
        again = st.columns(2)
        again[0].button("Try the same quiz again", key="quiz_again", icon=":material/replay:",
                        on_click=lambda: start(progress.seed))
        again[1].button("New random quiz", key="quiz_new_end", icon=":material/shuffle:",
                        on_click=lambda: start(random.randrange(1, 10_000)))
    history = st.session_state["quiz_history"]
    if history:
        st.plotly_chart(quiz_results_figure(results_by_region(content, history)), key="quiz_results",
                        config={"displaylogo": False, "displayModeBar": False})

# Keep the URL in step so a view (or a quiz) can be shared.
update(PAGE, StudyLink(**url))
write(PAGE)
