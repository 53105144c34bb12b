"""Headless Chromium (Debian's) for the benchmarks: Playwright cannot download browsers here."""

from __future__ import annotations

import contextlib
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
OUT = Path(__file__).resolve().parent / "out"


def out_dir() -> Path:
    """benchmarks/out/, kept out of git by its own .gitignore."""
    OUT.mkdir(exist_ok=True)
    ignore = OUT / ".gitignore"
    if not ignore.exists():
        ignore.write_text("*\n")
    return OUT


@contextlib.contextmanager
def browser_page(width: int = 1200, height: int = 640):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            yield page
        finally:
            browser.close()


def open_figure(page, html_path: Path, timeout_ms: int = 30_000) -> None:
    page.goto(html_path.as_uri())
    page.wait_for_function("() => document.querySelector('.js-plotly-plot') && "
                           "document.querySelector('.js-plotly-plot')._fullLayout", timeout=timeout_ms)
    page.wait_for_timeout(300)


def screenshot(fig, name: str, width: int = 1200, height: int = 640) -> Path:
    """Render ``fig`` offline in Chromium and save a PNG in benchmarks/out/."""
    import plotting

    out = out_dir()
    html = out / f"{name}.html"
    html.write_text(plotting.offline_html(fig), encoding="utf-8")
    png = out / f"{name}.png"
    with browser_page(width, height) as page:
        open_figure(page, html)
        page.screenshot(path=str(png), full_page=True)
    return png
