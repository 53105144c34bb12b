"""What a screen reader is given: the ARIA snapshot (Chromium's accessibility tree, as Playwright reads it) of a
page's main area, in each language; written to docs/accessibility-tree.md.

    python benchmarks/aria_tree.py                              # /learning-rate, step 2, en and ko
    python benchmarks/aria_tree.py --path saddles --step 1 --out -   # to stdout
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._browser import ARGS, CHROMIUM  # noqa: E402
from benchmarks._server import Server, snapshot  # noqa: E402

IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", default="worktree", help="git ref or 'worktree' (default)")
    parser.add_argument("--path", default="learning-rate")
    parser.add_argument("--step", type=int, default=2)
    parser.add_argument("--out", default=str(ROOT / "docs" / "accessibility-tree.md"), help="a file, or - for stdout")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    app_dir, folder = snapshot(args.source)
    server = Server(None, app_dir, name="aria")
    parts = [f"# What a screen reader is given: /{args.path}, story step {args.step}\n",
             "Chromium's accessibility tree of the page's main area (Playwright's ARIA snapshot), made by "
             "`python benchmarks/aria_tree.py`. Read it as a screen reader does: the page's language, the "
             "headings, the story panel (its step pills, the question and its choices, Show answer), each chart "
             "as a figure named by its text alternative, and the play controls under it.\n"]
    try:
        server.wait_healthy()
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            for lang in ("en", "ko"):
                page = browser.new_page(viewport={"width": 1440, "height": 1000})
                page.goto(f"http://127.0.0.1:{server.port}/{args.path}?lang={lang}&step={args.step}")
                page.wait_for_selector(IDLE, timeout=120_000)
                page.wait_for_timeout(2000)
                page.wait_for_selector(IDLE, timeout=120_000)
                html_lang = page.evaluate("() => document.documentElement.lang")
                tree = page.locator("[data-testid='stMain']").aria_snapshot()
                parts.append(f"## {lang} (`<html lang=\"{html_lang}\">`)\n\n```yaml\n{tree}\n```\n")
                page.close()
            browser.close()
    finally:
        server.stop()
        if folder is not None:
            folder.cleanup()
    text = "\n".join(parts)
    if args.out == "-":
        print(text)
    else:
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
