"""The network-landscape page in Chromium with the student's own CSV (the data pages' source picker): a good file
trains the 1-16-16-1 network and draws both planes; a file with a missing cell gets its message in Korean, with
the line and the column, and nothing is drawn until the data can be used."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from .helpers import IDLE, no_exception


def _upload(page: Page, name: str, data: bytes) -> None:
    page.locator("[data-testid='stSidebar'] input[type='file']").set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": data}])
    page.wait_for_timeout(500)
    page.wait_for_selector(IDLE, timeout=90_000)


def planes(page: Page) -> int:
    """How many plotly charts carry a raster landscape (the two planes' figure has one per plane)."""
    return page.evaluate("() => [...document.querySelectorAll('.js-plotly-plot')]"
                         ".filter(g => g.layout && (g.layout.images || []).length >= 2).length")


def test_the_network_trains_on_an_uploaded_csv_and_a_bad_file_says_where(page: Page, app_url, shot):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{app_url}/landscape?lang=ko&data=CSV")
    page.wait_for_selector(IDLE, timeout=120_000)
    assert planes(page) == 0
    no_exception(page)

    # hours of study -> passed (0/1), semicolons and decimal commas, as a Korean spreadsheet may export
    rows = "\n".join(f"{0.25 * i:.2f};{int(i * 7 % 10 > 3 if 8 < i < 30 else i >= 30)}".replace(".", ",")
                     for i in range(60))
    _upload(page, "공부.csv", ("시간;합격\n" + rows + "\n").encode())
    expect(page.get_by_text("공부.csv: 60행, 2열.", exact=False).first).to_be_attached(timeout=60_000)
    page.wait_for_function("() => [...document.querySelectorAll('.js-plotly-plot')]"
                           ".some(g => g.layout && (g.layout.images || []).length >= 2)", timeout=120_000)
    no_exception(page)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    shot(page, "landscape-upload-ko")

    _upload(page, "빈칸.csv", "시간,합격\n1,0\n2,\n3,1\n4,1\n5,0\n".encode())
    # in the sidebar, next to the file (folded away on a phone until opened)
    expect(page.get_by_text('3번째 줄, "합격" 열: 칸이 비어 있습니다.', exact=False)).to_be_attached(timeout=60_000)
    assert planes(page) == 0
    no_exception(page)
