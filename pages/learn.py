"""Learn about dry needling: the general education topics, by audience, with sources."""
import streamlit as st

from bodymap.state import quote
from ui.common import current_audience, load_content_or_stop, show_safety, sources_line
from ui.panels import disagreements

content, _ = load_content_or_stop()
audience = current_audience()
topics = content.topics

requested = st.query_params.get("topic")
if "topic_pick" not in st.session_state:
    st.session_state["topic_pick"] = requested if requested in topics else next(iter(topics))
    if requested and requested not in topics:
        st.info(f"There is no topic {quote(requested)}; showing the first one instead.", icon=":material/info:")

st.title("Learn about dry needling", anchor=False)
st.pills("Topics", list(topics), format_func=lambda tid: topics[tid].title, key="topic_pick", wrap=True,
         required=True)
topic = topics[st.session_state["topic_pick"]]
st.query_params["topic"] = topic.id

st.header(topic.title, anchor=False)
for section in topic.sections:
    st.subheader(section.heading, anchor=False)
    st.markdown(section.body.for_audience(audience))
    sources_line(content, section.sources)
if topic.disagreements:
    st.markdown("#### Where sources differ")
    disagreements(content, topic.disagreements)
show_safety(content, expanded=topic.id in ("soreness-vs-injury", "aftercare"))
