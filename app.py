"""DescentLab: the frame. Page config, language, presentation mode and navigation."""

import streamlit as st

from ui import ahead, i18n, layout, live

_PAGES = "_pages"  # (language, the pages made for it)

# A link in presentation mode opens on a projector: the sidebar starts folded away, the slide gets the screen.
st.set_page_config(page_title="DescentLab", page_icon="⛰️", layout="wide",
                   initial_sidebar_state="collapsed" if st.query_params.get("present") == "true" else "auto")

with st.sidebar:
    lang = i18n.language_switch()
    # A student following a live class has the teacher's slide on the projector: no toggle for it (one widget
    # fewer in each of the forty page runs a Next makes); exploring, they get it back.
    presentation = False if live.follows_here() else st.toggle(i18n.t("app.presentation"), key="present",
                                                             bind="query-params", help=i18n.t("app.presentation_help"))
layout.apply_presentation_mode(presentation)
layout.settle_display()


def pages() -> list:
    """Every page, titled in the current language. One flat list (no section header): a header inside the
    navigation's list is not a list item, which screen readers announce as a broken list (axe: list, listitem)."""
    return [
        st.Page("lessons/compare.py", title=i18n.t("nav.compare"), icon=":material/flag:", url_path="", default=True),
        # The home page served at /compare too (Streamlit serves the default page only at /), not in the menu.
        st.Page("lessons/compare.py", title=i18n.t("nav.compare"), icon=":material/flag:", url_path="compare",
                visibility="hidden"),
        st.Page("lessons/learning-rate.py", title=i18n.t("nav.lr1d"), icon=":material/show_chart:",
                url_path="learning-rate"),
        st.Page("lessons/saddles.py", title=i18n.t("nav.saddles"), icon=":material/landscape:", url_path="saddles"),
        st.Page("lessons/minibatch.py", title=i18n.t("nav.minibatch"), icon=":material/scatter_plot:",
                url_path="minibatch"),
        st.Page("lessons/tiny-network.py", title=i18n.t("nav.network"), icon=":material/hub:", url_path="tiny-network"),
        st.Page("lessons/lr-sweep.py", title=i18n.t("nav.sweep"), icon=":material/tune:", url_path="lr-sweep"),
        st.Page("lessons/curvature.py", title=i18n.t("nav.curvature"), icon=":material/insights:",
                url_path="curvature"),
        st.Page("lessons/landscape.py", title=i18n.t("nav.landscape"), icon=":material/terrain:", url_path="landscape"),
        # LESSON PAGES: add one st.Page line per lesson here, each with its own fixed url_path.
    ]


# Made once a session and language, not on every run: ten st.Page objects (each looks its script up on disk) cost
# ~0.9 ms a run, and a live class's every Next makes forty runs at once, one per student.
made = st.session_state.get(_PAGES)
if made is None or made[0] != lang:
    made = st.session_state[_PAGES] = (lang, pages())
with ahead.page_run():  # the story's next steps are made in the background once the page runs are over
    st.navigation(made[1]).run()
