"""Learn about dry needling: the general education topics, by audience, with sources."""
import streamlit as st

from bodymap.links import LearnLink
from ui.common import current_audience, load_content_or_stop, show_safety, sources_line
from ui.panels import disagreements
from ui.url_state import sync, update, write

PAGE = "learn"
content, geometry = load_content_or_stop()
audience = current_audience()
topics = content.topics

link, notices, from_url = sync(PAGE, LearnLink, content, geometry)
for notice in notices:
    st.info(notice + " The first topic is shown instead.", icon=":material/info:")
if from_url or "topic_pick" not in st.session_state:
    st.session_state["topic_pick"] = link.topic or next(iter(topics))

st.title("Learn about dry needling", anchor=False)
st.pills("Topics", list(topics), format_func=lambda tid: topics[tid].title, key="topic_pick", wrap=True,
         required=True)
topic = topics[st.session_state["topic_pick"]]
update(PAGE, LearnLink(topic.id))
write(PAGE)

st.header(topic.title, anchor=False)
for section in topic.sections:
    st.subheader(section.heading, anchor=False)
    st.markdown(section.body.for_audience(audience))
    sources_line(content, section.sources)
if topic.disagreements:
    st.markdown("#### Where sources differ")
    disagreements(content, topic.disagreements)
show_safety(content, expanded=topic.id in ("soreness-vs-injury", "aftercare"))
