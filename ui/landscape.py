"""The network-landscape page's story steps made ready in the background (``ui.ahead``).

Two of its steps train networks the others do not (SGD alone at a learning rate of 5; the spirals): 0.6 and
1.5 s of the teacher's page run on the click that reached them, before any follower's screen could show the
step (BENCHMARKS.md, "The next step made ready").
"""

from __future__ import annotations

from scenes import landscape as scene

from . import datasource, engine, views


def setup(settings: dict) -> engine.Scene | None:
    """The scene the page's settings make of a step's ``settings`` (the values the widgets hold on that step, in
    the types the page reads them in: the caches key on them); None for data the step does not generate."""
    if settings.get(datasource.SOURCE_KEY, datasource.GENERATED) != datasource.GENERATED:
        return None
    names = tuple(settings["ls_opts"])
    data = scene.generated(settings["ls_data"], int(round(settings["ls_rows"])), float(settings["ls_noise"]),
                           int(round(settings["ls_seed"])))
    rates = {name: float(settings.get(f"ls.{name}.lr", scene.LEARNING_RATES[name])) for name in names}
    overrides = tuple((name, lr) for name, lr in rates.items() if lr != scene.LEARNING_RATES[name])
    centre = settings.get("ls_centre", "best")
    return engine.Scene(data, names, int(round(settings["ls_epochs"])), int(round(settings["ls_init"])),
                        int(round(settings["ls_plane"])), None if centre == "best" else centre, overrides)


def prepare(step, lang: str, display: str, secret: bool, whole: bool) -> None:
    """A story step's training runs and the figures the page draws on it: the planes (which the downloads also
    take), and the gap's and the boundary's when they are the step's section or the whole page is drawn, but not
    while the step keeps them back (its answer still a secret)."""
    made = setup(step.settings)
    if made is None:
        return
    result = engine.landscape(made)
    focus = step.section or "planes"

    def drawn(section: str) -> bool:  # the page's ``Lesson.shows`` and not ``Lesson.hidden``
        return (focus == section or whole) and not (focus == section and secret)

    views.landscape_planes(made, lang, display)
    if drawn("gap"):
        views.landscape_gap(made, lang, display)
    if result.logits is not None and drawn("boundary"):
        views.landscape_boundary(made, lang, display)
