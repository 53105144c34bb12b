"""DescentLab: the frame. Page config, language, presentation mode and navigation."""

import streamlit as st

from ui import i18n, layout

# A link in presentation mode opens on a projector: the sidebar starts folded away, the slide gets the screen.
st.set_page_config(page_title="DescentLab", page_icon="⛰️", layout="wide",
                   initial_sidebar_state="collapsed" if st.query_params.get("present") == "true" else "auto")

with st.sidebar:
    lang = i18n.language_switch()
    presentation = st.toggle(i18n.t("app.presentation"), key="present", bind="query-params",
                             help=i18n.t("app.presentation_help"))
layout.apply_presentation_mode(presentation)
layout.settle_display()

# One flat list (no section header): a header inside the navigation's list is not a list item, which screen
# readers announce as a broken list (axe: list, listitem).
PAGES = [
    st.Page("lessons/compare.py", title=i18n.t("nav.compare"), icon=":material/flag:", url_path="", default=True),
    # The home page served at /compare too (Streamlit serves the default page only at /), not in the menu.
    st.Page("lessons/compare.py", title=i18n.t("nav.compare"), icon=":material/flag:", url_path="compare",
            visibility="hidden"),
    st.Page("lessons/learning-rate.py", title=i18n.t("nav.lr1d"), icon=":material/show_chart:", url_path="learning-rate"),
    st.Page("lessons/saddles.py", title=i18n.t("nav.saddles"), icon=":material/landscape:", url_path="saddles"),
    st.Page("lessons/minibatch.py", title=i18n.t("nav.minibatch"), icon=":material/scatter_plot:", url_path="minibatch"),
    st.Page("lessons/tiny-network.py", title=i18n.t("nav.network"), icon=":material/hub:", url_path="tiny-network"),
    st.Page("lessons/lr-sweep.py", title=i18n.t("nav.sweep"), icon=":material/tune:", url_path="lr-sweep"),
    st.Page("lessons/curvature.py", title=i18n.t("nav.curvature"), icon=":material/insights:", url_path="curvature"),
    st.Page("lessons/landscape.py", title=i18n.t("nav.landscape"), icon=":material/terrain:", url_path="landscape"),
    # LESSON PAGES: add one st.Page line per lesson here, each with its own fixed url_path.
]

st.navigation(PAGES).run()
