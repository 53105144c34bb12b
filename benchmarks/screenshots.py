"""Screenshots of every lesson page in Chromium, for looking at a version before and after a change.

    python benchmarks/screenshots.py                      # HEAD
    python benchmarks/screenshots.py --source 1a9212f     # any git ref, or worktree
    python benchmarks/screenshots.py --play 2.5           # also one shot of the first chart mid-playback

For each page that app.py declares, one full-page PNG per language in
benchmarks/out/screens-<source>/<page>-<lang>.png (1440 x 1000 viewport, the server started as
benchmarks/load.py starts it, from the ref unpacked to a temporary folder). With ``--play S`` the first
chart's Play button is pressed and a second shot is taken S seconds later.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._browser import ARGS, CHROMIUM  # noqa: E402
from benchmarks._server import Server, out_dir, snapshot  # noqa: E402
from benchmarks.load import app_url_paths  # noqa: E402

IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", default="HEAD", help="git ref or 'worktree' (default HEAD)")
    parser.add_argument("--langs", default="en,ko")
    parser.add_argument("--play", type=float, default=0.0, help="seconds of playback before a second shot (0: none)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    app_dir, folder = snapshot(args.source)
    folder_name = re.sub(r"[^\w.-]", "_", args.source)
    out = out_dir() / f"screens-{folder_name}"
    out.mkdir(exist_ok=True)
    server = Server(None, app_dir)
    try:
        server.wait_healthy()
        paths = list(dict.fromkeys(app_url_paths(app_dir)))
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            page = browser.new_page(viewport={"width": 1440, "height": 1000})
            for lang in args.langs.split(","):
                for path in paths:
                    page.goto(f"http://127.0.0.1:{server.port}/{path}?lang={lang}")
                    page.wait_for_selector(IDLE, timeout=120_000)
                    page.wait_for_selector(".js-plotly-plot", timeout=120_000)
                    page.wait_for_timeout(1500)
                    name = path or "compare"
                    page.screenshot(path=str(out / f"{name}-{lang}.png"), full_page=True)
                    if args.play > 0 and page.locator(".js-plotly-plot .updatemenu-button").count():
                        page.locator(".js-plotly-plot .updatemenu-button").first.click()
                        page.wait_for_timeout(args.play * 1000)
                        page.screenshot(path=str(out / f"{name}-{lang}-playing.png"))
                    print(f"{out.name}/{name}-{lang}.png", flush=True)
            browser.close()
    finally:
        server.stop()
        if folder is not None:
            folder.cleanup()


if __name__ == "__main__":
    main()
