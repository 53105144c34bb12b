"""The room's answers to a question: one bar per choice (A, B, C...), the count on each, no names."""

from __future__ import annotations

from .spec import Spec

BAR = "#0072B2"  # Okabe-Ito blue: 4.5:1 on white


def counts_figure(counts: list[int] | tuple[int, ...], title: str, projector: bool = False) -> Spec:
    """A small bar chart of ``counts`` (one per choice, in order), titled ``title`` (e.g. "Answers: 12"); larger
    type on a ``projector``."""
    labels = [chr(ord("A") + i) for i in range(len(counts))]
    size = 20 if projector else 14
    top = max([*counts, 1])
    return {
        "data": [{"type": "bar", "x": labels, "y": list(counts), "text": [str(c) for c in counts],
                  "textposition": "outside", "cliponaxis": False, "marker": {"color": BAR}, "hoverinfo": "skip",
                  "textfont": {"size": size, "color": "#1a1a1a"}}],
        "layout": {
            "title": {"text": title, "font": {"size": size}},
            "height": 200,
            "margin": {"l": 40, "r": 10, "t": 44 if projector else 36, "b": 30},
            "font": {"size": size},
            # the choices' letters as large as the story's (the theme's ticks are 12 px)
            "xaxis": {"fixedrange": True, "type": "category", "tickfont": {"size": size, "color": "#1a1a1a"}},
            "yaxis": {"fixedrange": True, "rangemode": "tozero", "range": [0, top * 1.25],
                      "tickfont": {"size": size - 4},
                      "dtick": 1 if top <= 8 else None},
            "showlegend": False, "dragmode": False, "plot_bgcolor": "white",
        },
    }
