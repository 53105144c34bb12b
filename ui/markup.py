"""Text shown exactly as it is inside Streamlit's Markdown (st.caption, st.error, st.subheader, help=, ...).

A typed formula is full of Markdown: ``x**2/20 + y**2`` loses its asterisks to bold, ``__class__`` its
underscores, ``$`` starts LaTeX. Pure functions, no Streamlit.
"""

from __future__ import annotations

import re

# CommonMark punctuation that could start emphasis, code, links, HTML or a heading, "$" (LaTeX in Streamlit's
# Markdown) and ":" (Streamlit's :icon: and :color[...] directives): each is shown as itself.
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|$~^:-])")


def code(text: str) -> str:
    """``text`` as a Markdown code span: shown literally, in a monospace font, as a student must type it."""
    text = str(text).replace("\r", " ").replace("\n", " ")
    if not text:
        return ""
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    # A span that starts or ends with a backtick or a blank needs a blank on both sides, which Markdown removes.
    pad = " " if text[0] in "` " or text[-1] in "` " else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def escape(text: str) -> str:
    """``text`` with every character Markdown could read as markup escaped: shown as plain text."""
    return _SPECIAL.sub(r"\\\1", str(text).replace("\r", " ").replace("\n", " "))
