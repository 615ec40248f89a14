"""The facts box of an event page (a <dl class="facts">) keeps each value beside its label when
the event is upcoming and "Lägg till i kalendern" is one more value: an audit saw the labels and
values after it shift by one row. Checked as a reader sees it, in Chromium at a phone's and a
desktop's width: every <dd> lies in the row of its <dt> (or below it, in one column), never
beside another label; and in the markup: a <dl> holds only label groups, each a <dt> with its
<dd>s."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE.parent))
from subpath_server import subpath_server  # noqa: E402

pytestmark = pytest.mark.browser

# each example at a date before its event, so that the page offers "add to calendar"
PAGES = {
    "trollhattan": (ROOT / "examples" / "trollhattan", "2021-05-01", "besokssprint/var-2021/"),
    "hallstahammar": (ROOT / "content", "2023-02-01", "naringslivsstrategi/workshop-2-mars-2023/"),
}

ROWS = """() => Array.from(document.querySelectorAll("dl.facts")).map(dl => {
  const kids = Array.from(dl.children);
  return kids.map(el => { const r = el.getBoundingClientRect();
    return {tag: el.tagName, top: r.top, bottom: r.bottom, left: r.left, text: el.innerText}; });
})"""


def _check(boxes: list[list[dict]]) -> list[str]:
    """Every dd after its dt: in the same row (side by side) or below it (one column), and a
    dt's row holds no earlier label's values."""
    wrong = []
    for box in boxes:
        assert box and box[0]["tag"] == "DT", box
        label = None
        for el in box:
            if el["tag"] == "DT":
                if label is not None and el["top"] < label_bottom - 1:
                    wrong.append(f'"{el["text"]}" starts inside the row of "{label["text"]}"')
                label, label_bottom = el, el["bottom"]
                continue
            assert el["tag"] == "DD", el
            beside = abs(el["top"] - label["top"]) <= 2 or el["top"] >= label["top"]
            if not beside or el["left"] < label["left"] - 1:
                wrong.append(f'"{el["text"]}" is not beside or below "{label["text"]}"')
            label_bottom = max(label_bottom, el["bottom"])
    return wrong


@pytest.mark.parametrize("name", sorted(PAGES))
def test_each_value_stays_with_its_label(name: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    content, date, url = PAGES[name]
    with subpath_server("/") as server:
        out = tmp_path / "site"
        built = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--content",
                                str(content), "--output", str(out), "--date", date, "--no-search",
                                "--no-cache", "--base-url", server.base_url],
                               capture_output=True, text=True, timeout=600)
        assert built.returncode == 0, built.stderr
        server.folder = out
        html = (out / url / "index.html").read_text(encoding="utf-8")
        assert 'class="facts"' in html and "kalender.ics" in html  # the case the audit saw
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                        args=["--no-sandbox", "--disable-gpu"])
            try:
                for width in (390, 1280):
                    page = browser.new_page(viewport={"width": width, "height": 900})
                    page.goto(server.base_url + url)
                    boxes = page.evaluate(ROWS)
                    assert boxes and any(len(b) >= 4 for b in boxes)
                    assert not _check(boxes), (width, _check(boxes))
                    if width == 1280:  # side by side: each label's first value on its row
                        for box in boxes:
                            for i, el in enumerate(box[:-1]):
                                if el["tag"] == "DT":
                                    assert abs(box[i + 1]["top"] - el["top"]) <= 2, (el, box[i + 1])
                    page.close()
            finally:
                browser.close()


def test_the_check_catches_a_shifted_box() -> None:
    """The geometry check fails on the layout the audit saw: a value in a later label's row."""
    shifted = [[{"tag": "DT", "top": 0, "bottom": 20, "left": 0, "text": "När"},
                {"tag": "DD", "top": 0, "bottom": 20, "left": 100, "text": "18 maj"},
                {"tag": "DD", "top": 24, "bottom": 44, "left": 0, "text": "Lägg till"},
                {"tag": "DT", "top": 24, "bottom": 44, "left": 100, "text": "Plats"},
                {"tag": "DD", "top": 48, "bottom": 68, "left": 0, "text": "Rådhuset"}]]
    assert _check(shifted)
