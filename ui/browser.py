"""What only the browser can do, from one small script (``st.components.v2``, Streamlit's public API for
trusted page scripts; no user text ever reaches it):

- the page's language: ``<html lang>`` follows the app's language, so that a screen reader reads Korean
  with Korean rules (Streamlit writes ``lang="en"`` into every page);
- keys: a key pressed on the page (not in a text field, a slider or a menu) clicks the button that a
  page bound to it, e.g. Page Down (what a presenter's clicker sends) the story's Next. Buttons drawn
  with Streamlit's own ``shortcut=`` show the key in a grey that is too faint to read; these do not;
- bringing a part of the page into view: when a story step is about a section further down, the page
  scrolls to it once, as the step opens (smoothly unless the reader asks for reduced motion);
- the screen: Streamlit cannot see it, so the script reports its size class (``SCREEN_TIERS``) when it
  first runs and whenever a resize moves it to another class (one rerun then); ``ui.layout`` lays the
  page and its figures out for it.
- a live class's follower: the script polls the room's version route (``ui.live.poll`` gives what to poll)
  and asks for a page run when the room moved.

Pages call ``bind`` while they draw their buttons and ``mount`` once, last (``ui.story`` does both).
"""

from __future__ import annotations

import streamlit as st

# Keys are ``KeyboardEvent.key`` names; values are the Streamlit keys of buttons (``.st-key-<key>``).
_BINDINGS = "_browser_keys"

KEY = "descentlab_page"  # its state (what the script reports) in st.session_state
# phone: narrower than 640 CSS px (where Streamlit stacks columns); large: a 1920 x 1080 class screen;
# medium: everything between (laptops, a 1280 x 720 projector).
SCREEN_TIERS = ("phone", "medium", "large")

# The script's poll (said here, not in the script: it goes to the browser with every page run).
# A live class's follower (data.poll: the room's version route, the version shown, the interval): a long poll of
# the version (``?seen=`` the version shown: the answer waits until the teacher moves the room, or 4 s, and the
# next request goes at once; an answer that came at once, unchanged, is followed by one ``interval`` later, or 3 s
# while the tab is hidden). When the version moved, the trigger "moved" asks for a page run, which mounts the script
# again with the version it shows; should none come within 5 s of asking (a run that changed nothing), it asks
# again. A request unanswered after 12 s is given up (and counts as a failure), so that a lost connection never
# stops the poll. Three answers in a row other than 200, 404 or 429 (a proxy that does not pass the route, a
# network error) set the state "broken": the session goes back to the fragment's poll (ui/live.py). A page run
# without data.poll (the class is over, or the student is the teacher now) stops it.
_JS = """
// One listener of each kind for the whole tab; every mount (a new page, new data) only updates what they read.
const tierOf = () => window.innerWidth < 640 ? "phone"
  : (window.innerWidth >= 1600 && window.innerHeight >= 850 ? "large" : "medium");

function report() {
  const page = window.__descentlab;
  const tier = tierOf();
  if (page && tier !== page.tier) {
    page.tier = tier;
    page.setStateValue("screen", { tier, width: window.innerWidth, height: window.innerHeight });
  }
}

function busy(el) {  // a key pressed here belongs to the element (typing, a slider, a menu...)
  if (!el || el === document.body) return false;
  if (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName)) return true;
  const role = el.getAttribute && el.getAttribute("role");
  return ["slider", "spinbutton", "combobox", "listbox", "option", "menu", "menuitem", "tab", "radio",
          "textbox"].includes(role);
}

function onKey(event) {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || busy(event.target)) return;
  const key = ((window.__descentlab || {}).keys || {})[event.key];
  if (!key) return;
  // the button on screen (Streamlit also keeps a hidden copy of a button, to measure it)
  const button = Array.from(document.querySelectorAll(".st-key-" + CSS.escape(key) + " button"))
    .find((b) => b.getClientRects().length > 0);
  if (!button || button.disabled) return;
  event.preventDefault();
  button.click();
}

// A control pressed from the keyboard (Enter, Space) that the page then redraws (Streamlit reruns; a button
// that changes its look is drawn anew) would leave the focus on <body>: a keyboard user would start again
// from the top. The control's key is remembered and, once it is back on the page, it has the focus again.
function rememberPressed(event) {
  if (event.key !== "Enter" && event.key !== " ") return;
  const holder = event.target.closest && event.target.closest('[class*="st-key-"]');
  const key = holder && Array.from(holder.classList).find((c) => c.startsWith("st-key-"));
  if (key) window.__descentlabRefocus = { key, time: Date.now() };
}

function refocus() {
  const pressed = window.__descentlabRefocus;
  if (!pressed || (document.activeElement && document.activeElement !== document.body)) return;
  if (Date.now() - pressed.time > 8000) { window.__descentlabRefocus = null; return; }
  const shown = (el) => el.getClientRects().length > 0;
  const same = Array.from(document.querySelectorAll("." + CSS.escape(pressed.key) + " :is(button, summary, input)"))
    .filter(shown);
  let target = same.find((el) => !el.disabled);
  if (!target && same.length) {  // it is there but disabled now (Next on the last step): the control after it
    const focusable = Array.from(document.querySelectorAll("button, summary, input, select, a[href], [tabindex='0']"))
      .filter((el) => shown(el) && !el.disabled);
    target = focusable.find((el) => same[0].compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
  }
  if (target) {
    target.focus({ preventScroll: true });
    window.__descentlabRefocus = null;
  }
}

function tick() {
  const s = window.__descentlabLive;
  if (!s.url || !s.host || !s.host.isConnected) { s.timer = null; return; }  // no class on this page now
  const again = (waited) => { s.timer = setTimeout(tick, document.hidden ? 3000 : (waited ? 0 : s.interval)); };
  if (s.asked && Date.now() - s.askedAt < 5000) { again(false); return; }
  const started = Date.now();
  const url = (typeof s.seen === "number" && !document.hidden) ? s.url + "?seen=" + s.seen : s.url;
  s.asking = url;  // what is asked, and the last answer (window.__descentlabLive, for a look from the browser)
  const abort = new AbortController();  // an answer that never comes (a connection lost on the way) ends the wait
  const limit = setTimeout(() => abort.abort(), 12000);
  fetch(url, { cache: "no-store", credentials: "same-origin", signal: abort.signal }).then(async (r) => {
    s.answered = [r.status, Date.now() - started];
    if (r.status === 200) {
      s.failed = 0;
      const body = await r.json();
      s.answered.push(body.version);
      if (body.version !== s.seen) { s.asked = true; s.askedAt = Date.now(); s.setTriggerValue("moved", body.version); }
    } else if (r.status === 404 || r.status === 429) {  // the room is gone (or ask the page): one page run
      s.failed = 0;
      s.asked = true; s.askedAt = Date.now(); s.setTriggerValue("moved", -1);
    } else {
      fail(r.status);
    }
  }).catch(() => fail(0)).finally(() => { clearTimeout(limit); s.asking = null; again(Date.now() - started > 1000); });
}

function fail(status) {  // three in a row (not one: a long poll cut by a replica's restart): the fragment's poll
  const s = window.__descentlabLive;
  s.failed = (s.failed || 0) + 1;
  if (s.failed >= 3) { s.url = null; s.setStateValue("broken", status); }
}

function follow(poll, host, setTriggerValue, setStateValue) {
  const s = window.__descentlabLive || (window.__descentlabLive = {});
  if (!poll) { s.url = null; return; }  // the timer's next tick stops
  Object.assign(s, { url: poll.url, seen: poll.seen, interval: 1000 * poll.interval, asked: false, host,
                     setTriggerValue, setStateValue });
  if (!s.timer) s.timer = setTimeout(tick, s.interval);
}

export default function ({ data: sent, parentElement, setStateValue, setTriggerValue }) {
  const data = sent[0];
  document.documentElement.lang = data.lang;
  follow(data.poll, parentElement, setTriggerValue, setStateValue);
  window.__descentlab = { keys: data.keys || {}, tier: data.tier, setStateValue };
  if (!window.__descentlabListening) {
    window.__descentlabListening = true;
    document.addEventListener("keydown", onKey);
    document.addEventListener("keydown", rememberPressed, true);
    new MutationObserver(refocus).observe(document.body, { childList: true, subtree: true });
    let timer = null;
    window.addEventListener("resize", () => { clearTimeout(timer); timer = setTimeout(report, 250); });
  }
  report();
  if (data.scroll && window.__descentlabScrolled !== data.scroll_id) {
    window.__descentlabScrolled = data.scroll_id;
    const smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    let tries = 0;
    const go = () => {
      const target = document.querySelector(".st-key-" + CSS.escape(data.scroll));
      if (target) {
        target.scrollIntoView({ behavior: smooth ? "smooth" : "auto", block: "start" });
      } else if (tries++ < 20) {
        setTimeout(go, 150);
      }
    };
    setTimeout(go, 100);
  }
}
"""

_page = st.components.v2.component("descentlab.page", js=_JS)


def bind(key_name: str, button_key: str) -> None:
    """Pressing ``key_name`` (e.g. "PageDown", "ArrowRight") on the page clicks button ``button_key``."""
    st.session_state.setdefault(_BINDINGS, {})[key_name] = button_key


def unbind_all() -> None:
    """Forget the bindings of the previous run (a page starts with none)."""
    st.session_state[_BINDINGS] = {}


def poll_broken() -> bool:
    """Whether the live class's poll failed in this browser (``mount``'s poll: the state "broken")."""
    state = st.session_state.get(KEY)
    return hasattr(state, "get") and state.get("broken") is not None


def screen_tier() -> str | None:
    """The screen's size class as the page script last reported it (``SCREEN_TIERS``), None before it has."""
    state = st.session_state.get(KEY)
    reported = state.get("screen") if hasattr(state, "get") else None
    tier = reported.get("tier") if isinstance(reported, dict) else None
    return tier if tier in SCREEN_TIERS else None


def mount(lang: str, tier: str, scroll: str | None = None, scroll_id: str = "", poll: dict | None = None) -> None:
    """The page script, with the language, this run's key bindings, the screen class the page was laid out
    for (``tier``: the script reports only another one), when given the keyed element to bring into view
    (once per ``scroll_id``: a rerun of the same step does not scroll again) and a live class's ``poll``
    (``ui.live.poll``: the route, the version shown and the interval; None stops polling)."""
    data = {"lang": lang, "keys": dict(st.session_state.get(_BINDINGS, {})), "scroll": scroll,
            "scroll_id": scroll_id, "tier": tier, "poll": poll}
    with st.sidebar:
        _page(data=[data], key=KEY, on_screen_change=_reported)  # ui.player: why a list


def _reported() -> None:
    """A new screen class: the rerun that follows lays the page out for it."""
