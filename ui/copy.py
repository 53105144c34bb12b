"""A link with a "Copy link" button (``st.components.v2``: a few hundred bytes of HTML and script).

It replaces ``st.code``, whose copy button came with Streamlit's 1.6 MB syntax highlighter: the sidebar's
share link made every page fetch it (issue 18). Here the link is plain text (selectable, wrapped at any
character) and the button is a real ``<button>`` (44 x 44 px at least, an ``aria-label``, keyboard focus):

- ``navigator.clipboard.writeText`` where the browser allows it (HTTPS, localhost);
- else (a classroom server at ``http://192.168.x.y`` is not a secure context, so phones have no
  ``navigator.clipboard`` there) the link is selected and ``document.execCommand("copy")`` copies the
  selection; when even that fails the link stays selected and the line under it says how to copy it;
- "Copied" (or that line) is announced (``role=status``) and fades after a few seconds.

The link is written with ``textContent``: whatever its query holds, it is never parsed as HTML.
"""

from __future__ import annotations

import streamlit as st

from . import i18n

_HTML = """
<div class="copy">
  <p class="url" translate="no"></p>
  <div class="row">
    <button type="button"><svg aria-hidden="true" focusable="false" width="18" height="18" viewBox="0 0 24 24">
      <path fill="currentColor" d="M8 3h9a2 2 0 0 1 2 2v11h-2V5H8z M5 7h9a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V9a2 2 0 0 1 2-2z M5 9v11h9V9z"/>
    </svg><span class="label"></span></button>
    <span class="status" role="status" aria-live="polite"></span>
  </div>
</div>
"""

_CSS = """
.copy { font-family: inherit; margin: 0 0 4px; }
/* system monospace fonts only: naming Streamlit's "Source Code Pro" would download it */
.url { margin: 0 0 6px; padding: 8px 10px; border-radius: 8px; background: #f0f2f6; color: #1a1a1a;
  font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
  font-size: 0.85rem; line-height: 1.4;
  overflow-wrap: anywhere; word-break: break-all; user-select: all; -webkit-user-select: all; }
.row { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; }
button { min-width: 44px; min-height: 44px; padding: 0 14px; font: inherit; font-size: 1rem;
  display: inline-flex; align-items: center; justify-content: center; gap: 6px;
  color: #fff; background: #0072B2; border: 1px solid #0072B2; border-radius: 8px; cursor: pointer; }
button:hover { background: #005a8c; }
button:focus-visible { outline: 3px solid #D55E00; outline-offset: 2px; }
.status { font-size: 0.95rem; color: #1a1a1a; }
"""

_JS = """
export default function ({ data: sent, parentElement }) {
  const data = sent[0];
  const root = parentElement;
  const url = root.querySelector(".url");
  const button = root.querySelector("button");
  const status = root.querySelector(".status");
  url.textContent = data.url;
  root.querySelector(".label").textContent = data.labels.copy;
  button.setAttribute("aria-label", data.labels.aria);
  button.title = data.labels.aria;
  root.__data = data;
  if (root.__wired) return;
  root.__wired = true;
  let timer = null;
  const say = (text) => {
    status.textContent = text;
    clearTimeout(timer);
    timer = setTimeout(() => { status.textContent = ""; }, 4000);
  };
  const selectLink = () => {
    const selection = window.getSelection();
    selection.removeAllRanges();
    const range = document.createRange();
    range.selectNodeContents(url);
    selection.addRange(range);
  };
  const fallback = () => {
    selectLink();
    let done = false;
    try { done = document.execCommand("copy"); } catch (error) { done = false; }
    say(done ? root.__data.labels.copied : root.__data.labels.select);
  };
  button.addEventListener("click", () => {
    const text = root.__data.url;
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(() => say(root.__data.labels.copied), fallback);
    } else {
      fallback();
    }
  });
}
"""

_component = st.components.v2.component("descentlab.copy_link", html=_HTML, css=_CSS, js=_JS)


def link(url: str, key: str) -> None:
    """``url`` as selectable text with a "Copy link" button under it (``key``: the element's Streamlit key,
    ``.st-key-<key>``)."""
    t = i18n.t
    labels = {"copy": t("share.copy"), "copied": t("share.copied"), "select": t("share.copy_select"),
              "aria": t("share.copy_aria")}
    _component(data=[{"url": url, "labels": labels}], key=key)  # ui.player: why a list
