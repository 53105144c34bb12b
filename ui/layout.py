"""Page-wide look: presentation mode and shared page header."""

from __future__ import annotations

import streamlit as st

from . import browser, i18n

# How a page and its figures are laid out (``display``): for a laptop or desktop, a phone, or a projector in
# presentation mode (a 1920 x 1080 one, or a smaller one such as 1280 x 720: fonts scale with the screen).
DESKTOP, PHONE, PROJECTOR, PROJECTOR_SMALL = "desktop", "phone", "projector", "projector-small"

# Static CSS written by us (never user text): type for a projector, growing with the screen (about 25 px on a
# 1920 px wide one, 19 px on a 1280 px one): the story, its choices, captions; a smaller title, less padding,
# so that the story and its chart share one screen. The root font size stays: Streamlit sizes its header in
# rem, and a larger root would make the header cover the title.
_PRESENTATION_CSS = """
<style>
[data-testid="stAppViewContainer"] { font-size: clamp(1.05rem, 0.45rem + 0.9vw, 1.5rem); }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li,
[data-testid="stCaptionContainer"], [data-testid="stExpander"] summary p {
  font-size: clamp(1.05rem, 0.45rem + 0.9vw, 1.5rem);
}
h1 { font-size: clamp(1.5rem, 0.6rem + 1.2vw, 2.4rem) !important; padding-top: 0 !important; }
[data-testid="stMainBlockContainer"] { padding-top: 4rem; }  /* below the 3.75rem header */
/* a live class's code, read from the back row (about 7 cm tall letters on a 3 m wide screen at 1920) */
.st-key-live_code code { font-size: clamp(2rem, 1rem + 2.2vw, 3.4rem); letter-spacing: 0.14em; font-weight: 700;
  color: #1a1a1a; background: #f0f2f6; padding: 0.05em 0.3em; }
.st-key-live_code [data-testid="stMarkdownContainer"] p { margin-bottom: 0.2rem; }
/* Back / Next under a long step (a small projector, a live class's code above): held at the screen's bottom edge
   while the story goes on under them, never scrolled out of the presenter's reach */
[data-testid="stLayoutWrapper"]:has(> .st-key-story_nav) { position: sticky; bottom: 0; z-index: 3; }
.st-key-story_nav { background: white; padding: 0.35rem 0; }
.st-key-story_nav > * { flex: 1 1 0; min-width: 0; }  /* Back and Next: two equal halves of the row */
</style>
"""


# On every screen: a table wider than the page scrolls inside its own box, never the whole page sideways.
_PAGE_CSS = """
<style>
[data-testid="stMarkdownContainer"] table { display: block; max-width: 100%; overflow-x: auto; }
/* Korean breaks between words (not inside one: "시/작하는"); a long unbroken string still wraps. */
/* Wherever the keyboard is, a ring that cannot be missed (WCAG 2.4.7; some of Streamlit's controls show none). */
:focus-visible { outline: 3px solid #D55E00 !important; outline-offset: 2px; }
/* Captions in a grey that keeps 4.5:1 on white (WCAG 1.4.3; Streamlit's own faded grey is 3.9:1). */
[data-testid="stCaptionContainer"] { opacity: 1 !important; color: #5c5c66 !important; }
.stTooltipContent, .stTooltipContent [data-testid="stMarkdownContainer"] { color: #31333f !important; opacity: 1 !important; }
.stApp, [data-testid="stMarkdownContainer"] :is(p, li, h1, h2, h3), [data-testid="stCaptionContainer"],
[data-testid="stAlertContentInfo"] { word-break: keep-all; overflow-wrap: break-word; }
/* Streamlit's full-screen view redraws a chart without its animation frames: on an animated chart (one with
   play buttons) the "Larger view" button under it (ui/charts.py) takes its place. */
[data-testid="stPlotlyChart"]:has(.updatemenu-container) .modebar-btn[data-title="Fullscreen"] { display: none; }
/* plotly.js's play buttons take no keyboard focus and are too small for a finger: the row of real buttons
   under each animated chart (ui/player.py) presses them (the offline HTML export keeps them). */
[data-testid="stPlotlyChart"] .updatemenu-container { display: none; }
/* The story's row on a laptop (ui/story.py): Back a quarter, the steps half, Next a quarter, as columns 2:4:2 were. */
.st-key-story_row > * { flex: 2 1 0; min-width: 0; }
.st-key-story_row > :nth-child(2) { flex: 4 1 0; }
/* A live class's following student: the settings' widgets are not drawn (ui/settings.py), nor what goes with them. */
[data-testid="stLayoutWrapper"]:has(> .st-key-settings_quiet), .st-key-settings_quiet { display: none; }
/* A phone (or any touch screen): every control a student touches is at least 44 x 44 CSS px (WCAG 2.5.5,
   Apple's HIG); a smaller title, narrower side padding, no heading anchor links. */
@media (max-width: 640px), (pointer: coarse) {
  [data-testid^="stBaseButton"], [data-testid="stButtonGroup"] button { min-height: 44px; min-width: 44px; }
  [data-testid="stCheckbox"] label, [data-testid="stRadio"] label { min-height: 44px; align-items: center; }
  [data-testid="stExpander"] summary, [data-testid="stTab"] { min-height: 44px; }
  [data-testid="stExpandSidebarButton"], [data-testid="stMainMenuButton"] { min-width: 44px; min-height: 44px; }
  [data-testid="stHeaderActionElements"] { display: none; }
  .js-plotly-plot .legendtoggle { pointer-events: none; }  /* a static chart: its legend must not catch a swipe */
  [data-testid="stSelectbox"] [role="group"], [data-testid="stMultiSelect"] [role="group"],
  [data-testid="stNumberInputContainer"], [data-testid="stNumberInputField"],
  [data-testid="stTextInputRootElement"], [data-testid="stTextInputRootElement"] input { min-height: 44px; }
  [data-testid="stSelectbox"] [role="group"] button, [data-testid="stMultiSelect"] [role="group"] button,
  [data-testid^="stNumberInputStep"], [data-testid="stTooltipIcon"] button { min-width: 44px; min-height: 44px; }
  /* a slider's thumb: a 44 px target around the same 20 px dot (the padding is transparent) */
  [data-testid="stSlider"] [role="group"] div[style*="translate"] {
    box-sizing: content-box; width: 20px; height: 20px; padding: 12px; background-clip: content-box;
  }
}
@media (max-width: 640px) {
  h1 { font-size: 1.7rem !important; }
  [data-testid="stMainBlockContainer"] { padding-left: 0.75rem; padding-right: 0.75rem; }
}
</style>
"""


def apply_presentation_mode(on: bool) -> None:
    """The page's own style, and the projector's on top when ``on``."""
    st.html(_PAGE_CSS + (_PRESENTATION_CSS if on else ""))


def presentation() -> bool:
    return bool(st.session_state.get("present", False))


_AGENT_TIER = "_agent_tier"  # the guess from the user agent, until the browser reports its screen


def screen_tier() -> str:
    """The screen's size class (``browser.SCREEN_TIERS``): as the browser reported it, or, before it has, a
    guess from the user agent (a phone says "Mobi"; anything else is taken for a laptop)."""
    reported = browser.screen_tier()
    if reported is not None:
        return reported
    guess = st.session_state.get(_AGENT_TIER)
    if guess is None:  # once a session: a session's browser does not change, and the headers cost ~0.5 ms a read
        agent = (st.context.headers or {}).get("User-Agent", "") if st.context.headers is not None else ""
        guess = st.session_state[_AGENT_TIER] = "phone" if "Mobi" in agent else "medium"
    return guess


_DISPLAY = "_display"  # this run's (see ``settle``)


def settle_display() -> str:
    """Decide, once per run (the frame calls it first), what the page is laid out for (``display``): reading
    the request's headers costs half a millisecond, and a page asks a dozen times."""
    tier = screen_tier()
    if presentation():
        chosen = PROJECTOR if tier == "large" else PROJECTOR_SMALL
    else:
        chosen = PHONE if tier == "phone" else DESKTOP
    st.session_state[_DISPLAY] = (chosen, tier)
    return chosen


def display() -> str:
    """What the page is laid out for: ``PROJECTOR`` / ``PROJECTOR_SMALL`` in presentation mode (by the
    screen's size), ``PHONE`` on a narrow screen, ``DESKTOP`` otherwise (as ``settle_display`` decided)."""
    decided = st.session_state.get(_DISPLAY)
    return decided[0] if decided else settle_display()


def settled_tier() -> str:
    """The screen's size class this run was laid out for."""
    decided = st.session_state.get(_DISPLAY)
    return decided[1] if decided else screen_tier()


def header(title_key: str, intro_key: str) -> None:
    """The page's title and introduction (in presentation mode and on a phone the title only: the story
    panel tells what the step is about, and the chart stays closer to the top of the screen)."""
    st.title(i18n.t(title_key), anchor=False)  # no "link to heading": one tab stop less before the story
    if display() == DESKTOP:
        st.write(i18n.t(intro_key))
