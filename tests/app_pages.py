"""The pages app.py declares, read from its st.Page calls: tests parametrised over them cover a new page
as soon as it is declared."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

APP = Path(__file__).resolve().parents[1] / "app.py"


@dataclass(frozen=True)
class DeclaredPage:
    file: str        # the page script, relative to app.py ("lessons/compare.py")
    url_path: str    # "" for the page served at the root
    title_key: str   # text key of its title in ui/texts ("nav.compare")
    hidden: bool     # left out of the navigation menu


def declared_pages(app: Path = APP) -> list[DeclaredPage]:
    """Every ``st.Page("<file>", title=i18n.t("<key>"), ..., url_path="<path>")`` in app.py, in order."""
    pages = []
    for node in ast.walk(ast.parse(app.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and ast.unparse(node.func) == "st.Page"):
            continue
        keywords = {k.arg: k.value for k in node.keywords}
        title = keywords["title"]
        assert isinstance(title, ast.Call) and ast.unparse(title.func) == "i18n.t", ast.unparse(node)
        pages.append((node.lineno, DeclaredPage(
            file=ast.literal_eval(node.args[0]),
            url_path=ast.literal_eval(keywords["url_path"]),
            title_key=ast.literal_eval(title.args[0]),
            hidden="visibility" in keywords and ast.literal_eval(keywords["visibility"]) == "hidden",
        )))
    assert pages, f"no st.Page call in {app}"
    return [page for _, page in sorted(pages, key=lambda item: item[0])]


def one_per_script() -> list[DeclaredPage]:
    """The first declaration of each page script (the home page is declared at / and, hidden, at /compare)."""
    first: dict[str, DeclaredPage] = {}
    for page in declared_pages():
        first.setdefault(page.file, page)
    return list(first.values())
