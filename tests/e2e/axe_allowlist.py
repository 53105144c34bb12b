"""axe-core violations that come from Streamlit or plotly.js themselves and that nothing in the app can change
through a public API, each with the upstream issue and the reason (tests/e2e/test_accessibility.py skips
exactly these, by rule and by the element's selector, and fails on anything else).

Empty: every critical and serious violation axe-core 4.12 found on the app's pages was the app's own and is
fixed (issue 19):

- image-alt (critical): the QR code now has alt text (ui/share.py);
- color-contrast (serious): the grey shortcut hints of the story buttons (the keys are bound by the page's
  script instead, ui/browser.py); captions, which Streamlit dims to 2.7-3.9:1 (ui/layout.py's style);
- list, listitem (serious): the sidebar navigation's section header inside its list (a flat list, app.py);
- heading-order (moderate): a level-3 heading right under the title (level 2 now).

An entry: {"rule": "...", "selector": "...", "upstream": "https://github.com/...", "why": "..."}.
"""

ALLOWED: list[dict[str, str]] = []
