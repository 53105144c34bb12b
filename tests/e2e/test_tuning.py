"""The fair race in Chromium: the tune button puts the tuned learning rates in the URL, and that link
opens the same tuned race."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from playwright.sync_api import Page, expect

from scenes import OptimizerConfig, tuning

from .helpers import IDLE, no_exception, open_app

BOOK = (OptimizerConfig.of("sgd", lr=0.95), OptimizerConfig.of("momentum", lr=0.1),
        OptimizerConfig.of("adagrad", lr=1.5), OptimizerConfig.of("adam", lr=0.3))


def test_tuned_rates_go_into_the_url_and_a_link_reopens_them(page: Page, app_url, shot):
    open_app(page, f"{app_url}/?lang=en")
    page.get_by_role("button", name="Tune the learning rates").click()
    page.wait_for_function("() => location.search.includes('adagrad.lr=')", timeout=60_000)
    page.wait_for_selector(IDLE, timeout=60_000)
    no_exception(page)
    expect(page.get_by_text("A tuned race")).to_be_visible()
    result = tuning.tune("anisotropic", BOOK, (-7.0, 2.0), 30)
    adagrad = result.table().set_index("optimizer").loc["adagrad"]
    query = dict(parse_qsl(urlsplit(page.url).query))
    assert float(query["adagrad.lr"]) == adagrad["lr_tuned"] == 7.94
    final = f"{adagrad['loss_tuned']:.6g}"  # as the race's summary table prints it
    expect(page.get_by_text(final).first).to_be_visible()
    shot(page, "tuned")
    page.goto(page.url)  # the link, opened afresh
    page.wait_for_selector(IDLE, timeout=60_000)
    no_exception(page)
    expect(page.get_by_text(final).first).to_be_visible()  # AdaGrad's final loss at its tuned rate
    assert float(page.evaluate("() => new URLSearchParams(location.search).get('adagrad.lr')")) == 7.94
