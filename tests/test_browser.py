"""The HTML report in a real headless Chromium: what a reviewer sees and can do.

Uses Debian's /usr/bin/chromium driven by Playwright for Python (the browser
Playwright would download is not needed: ``executable_path`` points at the
system one).  Skipped cleanly when Chromium or Playwright is absent.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from mtcheck.report.html import render_html

from test_html import ATTR, IMG, SCRIPT, make_result

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium): browser tests skipped", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright for Python not installed (pip install playwright)")


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def report_file(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("browser")
    r1, _ = make_result(tmp, "a1")
    r2, _ = make_result(tmp, "a2")
    # a corpus of two articles: the second without findings
    corpus = dataclasses.replace(r1, articles=(r1.articles[0], dataclasses.replace(r2.articles[0], findings=())))
    path = tmp / "report.html"
    path.write_text(render_html(corpus), encoding="utf-8")
    return path


class Page:
    """A loaded report page that records console errors, page errors, dialogs and requests."""

    def __init__(self, browser, path: Path, width: int = 1280):
        self.context = browser.new_context(viewport={"width": width, "height": 900})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")

    def close(self):
        self.context.close()


@pytest.fixture
def page(browser, report_file):
    p = Page(browser, report_file)
    yield p
    p.close()


def visible_tip(pg) -> str:
    tip = pg.locator("#tip")
    sync_api.expect(tip).to_be_visible(timeout=2000)
    return tip.inner_text()


def test_loads_without_errors_or_requests(page, report_file):
    pg = page.page
    assert pg.title().startswith("mtcheck report")
    assert pg.locator("section.article").count() == 2
    assert page.errors == []
    assert all(u.startswith("file://") for u in page.requests), page.requests


def test_hover_shows_message_code_and_expected(page):
    pg = page.page
    mark = pg.locator("#art-0 mark.hl:not(.pt)", has_text="Mulati").first
    mark.scroll_into_view_if_needed()
    mark.hover()
    text = visible_tip(pg)
    assert "MT101" in text and "Murati" in text and "other versions" in text
    pg.mouse.move(2, 2)
    sync_api.expect(pg.locator("#tip")).to_be_hidden()


def test_keyboard_focus_shows_message(page):
    pg = page.page
    # the skip link is the first stop and leads to the report
    pg.keyboard.press("Tab")
    assert pg.evaluate("document.activeElement.className") == "skip"
    pg.locator("#art-0 table.par").scroll_into_view_if_needed()
    # Tab from the row header link just before the first highlight
    first = pg.locator("#art-0 table.par mark.hl").first
    row_link = first.locator("xpath=ancestor::tr/th//a")
    row_link.focus()
    for _ in range(10):
        pg.keyboard.press("Tab")
        if pg.evaluate("document.activeElement.matches('mark.hl')"):
            break
    assert pg.evaluate("document.activeElement.matches('mark.hl')")
    assert visible_tip(pg)
    pg.keyboard.press("Escape")
    sync_api.expect(pg.locator("#tip")).to_be_hidden()


def test_findings_list_jumps_to_highlight(page):
    pg = page.page
    link = pg.locator("#art-0 ol.flist li[data-fam='MT1'] a.jump").first
    href = link.get_attribute("href")
    link.click()
    assert pg.evaluate("document.activeElement.id") == href[1:]
    assert "MT101" in visible_tip(pg)
    assert pg.locator(href).is_visible()


def _shown(pg, sel: str) -> int:
    return pg.locator(sel).evaluate_all("els => els.filter(e => !e.hidden).length")


@pytest.mark.parametrize("kind,value", [("sev", "error"), ("fam", "MT5"), ("v", None)])
def test_filters_hide_and_show(page, kind, value):
    pg = page.page
    form = pg.locator("#art-0 form.filters")
    box = form.locator(f"input[data-k='{kind}']" + (f"[value='{value}']" if value else "")).first
    value = box.get_attribute("value")
    attr = {"sev": "data-sev", "fam": "data-fam", "v": "data-v"}[kind]
    total = pg.locator("#art-0 li.f").count()
    matching = pg.locator(f"#art-0 li.f[{attr}='{value}']").count()
    assert 0 < matching < total
    box.uncheck()
    assert _shown(pg, "#art-0 li.f") == total - matching
    assert _shown(pg, f"#art-0 li.f[{attr}='{value}']") == 0
    assert f"{total - matching} of {total}" in form.locator("output").inner_text()
    # a highlight whose findings are all filtered out is switched off
    off = pg.locator("#art-0 mark.hl.off")
    assert off.count() > 0
    assert off.first.get_attribute("tabindex") == "-1"
    box.check()
    assert _shown(pg, "#art-0 li.f") == total
    assert pg.locator("#art-0 mark.hl.off").count() == 0


def test_only_rows_with_findings(page):
    pg = page.page
    rows = pg.locator("#art-0 tr.row")
    n = rows.count()
    pg.locator("#art-0 form.filters input[name=only]").check()
    shown = _shown(pg, "#art-0 tr.row")
    assert 0 < shown < n
    pg.locator("#art-0 form.filters input[name=only]").uncheck()
    assert _shown(pg, "#art-0 tr.row") == n


def test_hostile_input_stays_inert(page):
    pg = page.page
    # hover and focus every highlight: tooltips clone the escaped text, nothing runs
    marks = pg.locator("mark.hl")
    for i in range(marks.count()):
        m = marks.nth(i)
        if m.is_visible():
            m.hover()
            m.focus()
    assert page.dialogs == []
    assert page.errors == []
    assert pg.evaluate("document.querySelectorAll('img').length") == 0
    assert pg.evaluate("document.scripts.length") == 1
    assert pg.evaluate("[...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length") == 0
    body = pg.locator("body").inner_text()
    for s in (SCRIPT, IMG, ATTR):
        assert s in body


def test_overview_sorts(page):
    pg = page.page
    table = pg.locator("table.overview-table")
    names = lambda: table.locator("tbody tr td:first-child").all_inner_texts()  # noqa: E731
    assert names() == ["a1", "a2"]
    status = table.locator("thead button", has_text="Status")
    status.click()  # ascending: fail before clean
    assert names() == ["a1", "a2"]
    status.click()
    assert names() == ["a2", "a1"]
    assert table.locator("thead th[aria-sort='descending']").count() == 1


def test_narrow_screen_has_no_page_overflow(browser, report_file):
    p = Page(browser, report_file, width=400)
    try:
        pg = p.page
        # wide tables scroll inside their own boxes; the page itself does not scroll sideways
        assert pg.evaluate("document.documentElement.scrollWidth") <= 400
        cell = pg.locator("#art-0 table.par td").first.bounding_box()
        assert cell["width"] > 250  # a readable column on a phone
        assert p.errors == []
    finally:
        p.close()


def test_choose_versions_side_by_side(page):
    pg = page.page
    pick = pg.locator("#art-0 form.colpick")
    n = pg.locator("#art-0 table.par thead th").count()
    pick.locator("input").nth(1).uncheck()
    pick.locator("input").nth(2).uncheck()
    assert pg.locator("#art-0 table.par thead th").evaluate_all("els => els.filter(e => e.offsetParent).length") == n - 2
    pick.locator("input").nth(1).check()
    assert pg.locator("#art-0 table.par thead th").evaluate_all("els => els.filter(e => e.offsetParent).length") == n - 1
