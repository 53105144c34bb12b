"""Screenshots of every lesson page in Chromium, for looking at a version before and after a change.

    python benchmarks/screenshots.py                      # HEAD
    python benchmarks/screenshots.py --source 1a9212f     # any git ref, or worktree
    python benchmarks/screenshots.py --play 2.5           # also one shot of the first chart mid-playback
    python benchmarks/screenshots.py --source worktree --stories   # every story step, as a projector shows it

For each page that app.py declares, one full-page PNG per language in
benchmarks/out/screens-<source>/<page>-<lang>.png (1440 x 1000 viewport, the server started as
benchmarks/load.py starts it, from the ref unpacked to a temporary folder). With ``--play S`` the first
chart's Play button is pressed and a second shot is taken S seconds later.

With ``--stories``, instead: every step of every page's guided story (``?step=k``) in presentation mode,
in each language and each of ``--viewports`` (default 1920x1080 and 1280x720, a projector's and a
small one's), the screen as the room sees it (not the full page), in
benchmarks/out/stories-<source>/<page>-step<k>-<lang>-<w>x<h>.png; a page that shows an exception
is reported and the exit status is 1.
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
    parser.add_argument("--stories", action="store_true", help="every story step in presentation mode instead")
    parser.add_argument("--viewports", default="1920x1080,1280x720", help="with --stories: WxH,WxH")
    args = parser.parse_args()
    if args.stories:
        sys.exit(stories(args))
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
                    settle(page)
                    name = path or "compare"
                    page.screenshot(path=str(out / f"{name}-{lang}.png"), full_page=True)
                    if args.play > 0 and page.locator("[class*='_player'] button[data-act='play']").count():
                        page.locator("[class*='_player'] button[data-act='play']").first.click()
                        page.wait_for_timeout(args.play * 1000)
                        page.screenshot(path=str(out / f"{name}-{lang}-playing.png"))
                    print(f"{out.name}/{name}-{lang}.png", flush=True)
            browser.close()
    finally:
        server.stop()
        if folder is not None:
            folder.cleanup()


def settle(page) -> None:
    """Wait until the page's script has reported the screen's size and the rerun for it is over (the page
    is laid out for its screen), then a moment for plotly to draw."""
    page.wait_for_selector(IDLE, timeout=120_000)
    page.wait_for_function("() => window.__descentlab !== undefined", timeout=60_000)
    page.wait_for_timeout(1000)
    page.wait_for_selector(IDLE, timeout=120_000)
    page.wait_for_timeout(1200)


def story_steps(app_dir: Path) -> dict[str, int]:
    """url path -> number of steps of the story its page script imports from ui/stories/."""
    import importlib

    sys.path.insert(0, str(app_dir))
    steps = {}
    for path, file in page_files(app_dir).items():
        found = re.search(r"^from ui\.stories import (\w+)", (app_dir / file).read_text(encoding="utf-8"), re.M)
        if found:
            steps[path] = len(importlib.import_module(f"ui.stories.{found.group(1)}").STORY.steps)
    return steps


def page_files(app_dir: Path) -> dict[str, str]:
    """url path -> page script, from app.py's st.Page calls (the first path of each script)."""
    found = re.findall(r'st\.Page\("([^"]+)".*?url_path="([^"]*)"', (app_dir / "app.py").read_text(encoding="utf-8"),
                       re.S)
    files = {}
    for file, path in found:
        if file not in files.values():
            files[path] = file
    return files


def stories(args) -> int:
    from playwright.sync_api import sync_playwright

    app_dir, folder = snapshot(args.source)
    folder_name = re.sub(r"[^\w.-]", "_", args.source)
    out = out_dir() / f"stories-{folder_name}"
    out.mkdir(exist_ok=True)
    viewports = [tuple(int(v) for v in size.split("x")) for size in args.viewports.split(",")]
    failures = []
    server = Server(None, app_dir)
    try:
        server.wait_healthy()
        steps = story_steps(app_dir)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            for width, height in viewports:
                page = browser.new_page(viewport={"width": width, "height": height})
                for lang in args.langs.split(","):
                    for path, count in steps.items():
                        for k in range(1, count + 1):
                            page.goto(f"http://127.0.0.1:{server.port}/{path}?lang={lang}&step={k}&present=true")
                            settle(page)
                            name = f"{path or 'compare'}-step{k}-{lang}-{width}x{height}.png"
                            page.screenshot(path=str(out / name))
                            if page.locator("[data-testid='stException']").count():
                                failures.append(name)
                            print(f"{out.name}/{name}", flush=True)
                page.close()
            browser.close()
    finally:
        server.stop()
        if folder is not None:
            folder.cleanup()
    for name in failures:
        print(f"EXCEPTION shown: {name}")
    return 1 if failures else 0


if __name__ == "__main__":
    main()
