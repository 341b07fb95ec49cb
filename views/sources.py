"""Every source the app cites, grouped by kind, with what cites it."""
from collections import defaultdict

import streamlit as st

from bodymap.citations import full as citation
from ui.common import load_content_or_stop

content, _ = load_content_or_stop()

cited_by: dict[str, list[str]] = defaultdict(list)
for region in content.regions.values():
    for sid in region.sources:
        cited_by[sid].append(f"{region.name} (region)")
for muscle in content.muscles.values():
    for sid in muscle.sources:
        cited_by[sid].append(muscle.name)
for exercise in content.exercises.values():
    for sid in exercise.sources:
        cited_by[sid].append(f"{exercise.name} (exercise)")
for topic in content.topics.values():
    for sid in {s for section in topic.sections for s in section.sources}:
        cited_by[sid].append(f"Learn: {topic.title}")

st.title("Sources", anchor=False)
st.markdown(
    "Every fact in this app cites at least one of these. The general pages draw on five public "
    "articles about dry needling; muscle, trigger point and referral content comes from the "
    "trigger point manuals and the research that followed them. The text is written in our own words."
)
kinds = {"article": "Articles", "clinical reference": "Clinical references", "study": "Studies",
         "guideline": "Guidelines"}
for kind, heading in kinds.items():
    sources = sorted((s for s in content.sources.values() if s.kind == kind), key=lambda s: (s.author, s.date))
    if not sources:
        continue
    st.header(f"{heading} ({len(sources)})", anchor=False)
    for s in sources:
        st.markdown(citation(s))
        users = cited_by.get(s.id, [])
        if users:
            st.caption("Used for: " + ", ".join(users[:8]) + (f" and {len(users) - 8} more" if len(users) > 8 else ""))
