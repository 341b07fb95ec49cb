"""Dry Needling Body Map: the Streamlit entry point (navigation and the shared sidebar)."""
from pathlib import Path

import streamlit as st

from ui.common import audience_setting, page_style, present_style
from ui.menu import close_menu_on_choice
from ui.url_state import default_audience, settings

# An emoji icon is inlined as data; a :material: icon would make the browser fetch it from Google.
st.set_page_config(page_title="Dry Needling Body Map", page_icon="🩺", layout="wide")

HERE = Path(__file__).parent
MENU = {
    "Explore": [
        ("views/explorer.py", "Body map", ":material/accessibility_new:"),
        ("views/pain_finder.py", "Where does it hurt?", ":material/touch_app:"),
        ("views/learn.py", "Learn about dry needling", ":material/menu_book:"),
    ],
    "For clinicians and students": [
        ("views/handout.py", "Patient handout", ":material/description:"),
        ("views/study.py", "Study", ":material/school:"),
        ("views/sources.py", "Sources", ":material/library_books:"),
    ],
}
shell, shell_notices, _ = settings()
present = shell.presenting
page = st.navigation(
    {
        group: [
            st.Page(path, title=title, icon=icon, default=path == "views/explorer.py")
            for path, title, icon in items
            if (HERE / path).exists()
        ]
        for group, items in MENU.items()
    } | {"": [st.Page("views/plan.py", title="Your plan", url_path="plan", visibility="hidden")]},
    position="hidden" if present else "top",
)
page_style()
close_menu_on_choice()
if page.url_path == "study":
    default_audience("student")  # students read key facts and look-alikes, unless they chose otherwise
if present:
    # Shown to a patient: patient text only, no menus, large type and tap targets.
    present_style()
else:
    # The plan is always the patient's text: no switch that would do nothing there.
    audience_setting(switch=page.url_path != "plan")
for notice in shell_notices:
    st.info(notice, icon=":material/info:")
page.run()
