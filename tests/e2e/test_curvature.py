"""End to end: the curvature page in Chromium, in English and Korean, and a click on the map moving the point."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from .helpers import IDLE, charts, no_exception, open_app

N_CHARTS = 8


def _chosen_point(page: Page) -> list[float] | None:
    """The chosen point as the Hessian map (the first chart) draws it."""
    return page.evaluate(
        """() => {
            const gd = document.querySelectorAll('.js-plotly-plot')[0];
            const t = gd.data.find((d) => d.name === 'chosen point');
            return t ? [t.x[0], t.y[0]] : null;
        }""")


def _kappa(page: Page) -> str:
    return page.evaluate(
        "() => { const a = document.querySelectorAll('.js-plotly-plot')[0]._fullLayout.annotations;"
        " return a[a.length - 1].text; }")


def test_curvature_page_in_english_and_korean(page: Page, app_url, shot):
    open_app(page, f"{app_url}/curvature?lang=en", charts=N_CHARTS, answer=True)
    expect(page.get_by_role("heading", name="Curvature: why SGD zig-zags").first).to_be_visible()
    no_exception(page)
    found = charts(page)
    assert len(found) == N_CHARTS
    hessian, eigen, rates, edge, race, eos, second_order, newton = found
    assert {"Hessian ellipse: eigenvectors × |λ|", "v1: λ = 0.1, curves up", "v2: λ = 2, curves up"} <= set(hessian["names"])
    assert "κ = 20" in _kappa(page)
    assert "GD: predicted rate 0.9048" in eigen["names"]
    assert "Momentum, measured" in rates["names"]
    assert edge["types"][0] == "heatmap" and any(n.startswith("stability edge") for n in edge["names"])
    assert race["frames"] > 1 and {"SGD", "Adam"} <= set(race["names"])
    assert "2/lr = 800 (lr = 0.0025)" in eos["names"]
    assert second_order["frames"] > 1 and {"Newton", "L-BFGS", "L-BFGS line-search trials"} <= set(second_order["names"])
    assert newton["frames"] > 1 and "Newton, damping λ = 50" in newton["names"]
    expect(page.get_by_text(re.compile(r"came within 10 % of 2/lr = 800 at step 732"))).to_be_visible()
    shot(page, "en")

    open_app(page, f"{app_url}/curvature?lang=ko", charts=N_CHARTS, answer=True)
    expect(page.get_by_role("heading", name="곡률: SGD가 지그재그로 가는 이유").first).to_be_visible()
    no_exception(page)
    assert len(charts(page)) == N_CHARTS
    expect(page.get_by_text(re.compile("732번째 걸음에서 날카로움이"))).to_be_visible()
    shot(page, "ko")


def test_clicking_the_map_moves_the_point(page: Page, app_url, shot):
    open_app(page, f"{app_url}/curvature?lang=en", charts=N_CHARTS, answer=True)
    assert _chosen_point(page) == [-7, 2]
    chart = page.locator(".js-plotly-plot").first
    chart.scroll_into_view_if_needed()
    # where (4, -3) is on the screen, from plotly's own axes (a click target of the 41 x 41 grid sits there)
    x, y = page.evaluate(
        """([x, y]) => {
            const gd = document.querySelectorAll('.js-plotly-plot')[0];
            const full = gd._fullLayout, box = gd.getBoundingClientRect();
            return [box.left + full._size.l + full.xaxis.d2p(x), box.top + full._size.t + full.yaxis.d2p(y)];
        }""",
        [4.0, -3.0],
    )
    page.mouse.move(x, y)
    page.wait_for_timeout(300)  # plotly picks the hovered point before the click
    page.mouse.click(x, y)
    page.wait_for_function(
        """() => { const gd = document.querySelectorAll('.js-plotly-plot')[0];
                   const t = gd && gd.data.find((d) => d.name === 'chosen point');
                   return t && Math.abs(t.x[0] - 4) < 1e-6 && Math.abs(t.y[0] + 3) < 1e-6; }""",
        timeout=60_000,
    )
    page.wait_for_selector(IDLE, timeout=60_000)
    no_exception(page)
    expect(page.get_by_label("Point x", exact=True)).to_have_value("4")
    expect(page.get_by_label("Point y", exact=True)).to_have_value("-3")
    assert "κ = 20" in _kappa(page)  # the same everywhere on this quadratic
    assert "cv.x=4" in page.url and "cv.y=-3" in page.url, page.url
    assert len(charts(page)) == N_CHARTS  # only the section reran; the rest of the page is still there
    page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
    shot(page, "clicked")
