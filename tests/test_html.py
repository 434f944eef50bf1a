"""Structural tests of the HTML report: parsed, never string-matched alone.

The findings are made up here (not produced by the checks), so these tests do
not change when checks are added or tuned.  ``make_result`` is shared with
tests/test_browser.py.
"""

from __future__ import annotations

import dataclasses
import re
import time
from pathlib import Path

import pytest
from lxml import html as lxml_html

from mtcheck.config import Config
from mtcheck.load import load_article
from mtcheck.model import (
    AlignedRow, Alignment, Article, ArticleResult, Finding, GateResult, LineIndex, RunResult, Segment, Version,
    VersionResult,
)
from mtcheck.pipeline import check_article, finish
from mtcheck.report.html import render_html

from conftest import write_article

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
ATTR = '"onmouseover=alert(1)'

EN = (
    "The mayor opened the new bridge on Monday.\n\n"
    "Mira Murati attended the ceremony with 300 guests.\n\n"
    "The bridge cost 12 million euros.\n\n"
    "Traffic will start next week.\n"
)
FR = (
    "Le maire a inauguré le nouveau pont lundi.\n\n"
    f"Mira Mulati a assisté à la cérémonie avec 300 invités {SCRIPT}.\n\n"
    f"Le pont a coûté 12 millions d'euros {IMG}.\n\n"
    f"La circulation commencera\u202e la semaine prochaine {ATTR}.\n"
)
DE = (
    "Der Bürgermeister hat die neue Brücke am Montag eröffnet.\n\n"
    "Mira Murati nahm mit 300 Gästen an der Feier teil.\n\n"
    "Der Verkehr beginnt nächste Woche.\n"
)
AR = (
    "افتتح رئيس البلدية الجسر الجديد يوم الاثنين.\n\n"
    "حضرت ميرا موراتي الحفل مع 300 ضيف.\n\n"
    "كلف الجسر 12 مليون يورو.\n\n"
    "ستبدأ حركة المرور الأسبوع المقبل.\n"
)


def _finding(a: Article, vid: str, code: str, start: int, end: int, message: str, *, severity="error",
             expected="", row=None, n=0) -> Finding:
    v = a.version(vid)
    li = LineIndex(v.text)
    line, col = li.position(start)
    eline, ecol = li.position(end)
    return Finding(
        code=code, check=f"test.{code.lower()}", severity=severity, version=vid, path=v.path,
        line=line, column=col, end_line=eline, end_column=ecol, text=v.text[start:end], expected=expected,
        message=message, fingerprint=f"fp{code}{vid}{start}{n}", start=start, end=end, row=row,
    )


def make_result(tmp_path: Path, name: str = 'art <b>&"x') -> tuple[RunResult, dict]:
    """A real article run through load/segment/align (no checks), then made-up findings and extras."""
    folder = write_article(tmp_path / name, {"en.source.txt": EN, "fr.txt": FR, "de.txt": DE, "ar.txt": AR})
    config = Config(select=("MT999",))  # run no checks: findings are planted below
    art = load_article(folder, name)
    res = check_article(art, config)
    fr = art.version("fr").text
    s_mul = fr.index("Mulati")
    s_img = fr.index(IMG)
    s_sent = fr.index("Le pont")
    s_attr = fr.index(ATTR)
    # the row where German has nothing (the cost sentence)
    gap_row = next(r.index for r in res.alignment.rows if not r.cells.get("de"))
    de_text = art.version("de").text
    planted = [
        _finding(art, "fr", "MT101", s_mul, s_mul + 6, '"Mulati" here; 3 mentions in other versions read "Murati"', expected="Murati"),
        # overlapping findings: a sentence-wide warning and an error inside it
        _finding(art, "fr", "MT501", s_sent, s_img + len(IMG), f"hostile message {IMG} {SCRIPT}", severity="warning", expected=ATTR),
        _finding(art, "fr", "MT502", s_img, s_img + len(IMG), "markup in a translation", expected="x"),
        _finding(art, "fr", "MT201", s_attr, s_attr + len(ATTR), "quote and handler", severity="info"),
        # an omission: zero-width, in a row the version lacks
        _finding(art, "de", "MT401", de_text.index("Der Verkehr"), de_text.index("Der Verkehr"),
                 "omission: 1 sentence that the other versions have", expected="The bridge cost 12 million euros.", row=gap_row),
        # a zero-width finding inside a sentence (not an omission)
        _finding(art, "en.source", "MT402", EN.index("300"), EN.index("300"), "a point marker", severity="info"),
    ]
    extras = {
        "entities": [
            {"entity": "Murati", "versions": {
                "en.source": {"renderings": {"Murati": 1}, "deviant": []},
                "fr": {"renderings": {"Mulati": 1}, "deviant": ["Mulati"]},
                "de": {"renderings": {"Murati": 1}, "deviant": []},
                "ar": {"renderings": {"موراتي": 1}, "deviant": []},
            }},
            {"entity": SCRIPT, "versions": {"fr": {"renderings": {IMG: 2}}}},
        ],
        "scores": {"chrf_matrix": {"fr": {"fr": 100.0, "de": 41.5}, "de": {"fr": 40.25, "de": 100.0}}},
    }
    planted.sort(key=Finding.sort_key)
    res = dataclasses.replace(res, findings=tuple(planted), extras=extras)
    result = finish([res], config, [str(folder)])
    return result, {"planted": planted, "gap_row": gap_row}


def parse(text: str):
    return lxml_html.document_fromstring(text)


def mark_text(el) -> str:
    """Text of a highlight without control-character badges or nested tips."""
    parts = [el.text or ""]
    for child in el:
        if "cc" not in (child.get("class") or "").split():
            parts.append(mark_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


@pytest.fixture
def report(tmp_path):
    result, info = make_result(tmp_path)
    text = render_html(result)
    return result, info, text, parse(text)


def test_highlights_are_where_the_findings_are(report):
    result, info, text, doc = report
    a = result.articles[0]
    for fi, f in enumerate(a.findings):
        fid = f"0-{fi}"
        marks = [m for m in doc.iter("mark") if fid in (m.get("data-f") or "").split()]
        assert marks, f"no highlight for {f.code}"
        if f.end > f.start:
            got = "".join(mark_text(m) for m in marks if "pt" not in m.get("class").split())
            assert got == f.text, (f.code, got, f.text)
        else:
            assert all("pt" in m.get("class").split() for m in marks)
        # the highlight sits in the column of its version
        col = {v.id: i for i, v in enumerate(a.article.versions)}
        for m in marks:
            td = next(m.iterancestors("td"))
            th = doc.xpath(f"//section[@id='art-0']//table[contains(@class,'par')]/thead/tr/th")[
                list(td.getparent()).index(td)]
            assert th.xpath("string(.//span[@class='vid'])") == f.version
        del col
        # each finding has a description the highlight points to, and a list entry linking to it
        li = doc.get_element_by_id(f"l{fid}")
        assert li.get("data-sev") == f.severity and li.get("data-fam") == f.code[:3]
        link = li.xpath(".//a[@class='jump']/@href")
        assert link and doc.get_element_by_id(link[0][1:]) is not None
        assert f"d{fid}" in marks[0].get("aria-describedby").split()
    # the overlapping error inside the warning: its highlight is nested in both findings
    img_marks = [m for m in doc.iter("mark") if len((m.get("data-f") or "").split()) == 2]
    assert img_marks and mark_text(img_marks[0]) == IMG
    assert "s-error" in img_marks[0].get("class")


def test_omission_shows_as_gap(report):
    result, info, text, doc = report
    row = doc.get_element_by_id(f"r0-{info['gap_row']}")
    gaps = row.xpath(".//td[contains(concat(' ', @class, ' '), ' gap ')]")
    assert len(gaps) == 1
    assert "nothing in de" in gaps[0].text_content()
    pt = gaps[0].xpath(".//mark[contains(@class,'pt')]")
    assert len(pt) == 1 and pt[0].get("tabindex") == "0"


def test_text_cells_have_lang_and_dir(report):
    result, info, text, doc = report
    cells = doc.xpath("//table[contains(@class,'par')]//td")
    langs = {c.get("lang") for c in cells}
    assert {"en", "fr", "de", "ar"} <= langs
    assert all(c.get("dir") == "auto" for c in cells)
    # the file text of every version is shown, segment by segment
    a = result.articles[0]
    heads = doc.xpath("//table[contains(@class,'par')]/thead//span[@class='vid']/text()")
    assert heads[0] == "en.source" and sorted(heads) == sorted(v.id for v in a.article.versions)
    for v in a.article.versions:
        shown = "".join(
            mark_text(td) for td in doc.xpath("//table[contains(@class,'par')]//td")
            if td.get("class").split()[0] == f"c{heads.index(v.id)}"
        )
        for s in a.segments[v.id]:
            seg = v.text[s.start:s.end].replace("\u202e", "")
            assert seg.replace("‸", "") in shown.replace("‸", "").replace("U+202E", "")


def test_hostile_input_is_escaped(report):
    result, info, text, doc = report
    scripts = doc.xpath("//script")
    assert len(scripts) == 1 and "alert(1)" not in scripts[0].text_content()
    assert not doc.xpath("//img") and not doc.xpath("//b")
    for el in doc.iter():
        for attr in el.attrib:
            assert not attr.lower().startswith("on"), (el.tag, attr)
    body = doc.text_content()
    for s in (SCRIPT, IMG, ATTR):
        assert s in body
    assert "<script>alert" not in text and "<img" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    # the article id (folder name) with markup is text too
    assert 'art <b>&"x' in doc.xpath("string(//section[@id='art-0']/h2)")
    # the bidi override is shown as a visible badge, never raw
    assert "\u202e" not in text and "U+202E" in body


def test_no_external_urls(report):
    result, info, text, doc = report
    for el in doc.iter():
        for attr in ("src", "href", "action", "xlink:href", "srcset", "poster", "data"):
            v = el.get(attr)
            if v is not None:
                assert not re.match(r"\s*(https?:|//|ftp:)", v, re.I), (el.tag, attr, v)
    for style in doc.xpath("//style"):
        assert "url(" not in style.text_content() and "@import" not in style.text_content()
    assert not doc.xpath("//link[@rel='stylesheet']") and not doc.xpath("//script[@src]")


def test_deterministic_bytes(tmp_path):
    r1, _ = make_result(tmp_path / "one")
    r2, _ = make_result(tmp_path / "two")
    t1, t2 = render_html(r1), render_html(r2)
    assert t1 == render_html(r1)
    # same content in another folder: only the paths differ
    assert t1.replace(str(tmp_path / "one"), "X") == t2.replace(str(tmp_path / "two"), "X")
    assert not re.search(r"20\d\d-\d\d-\d\dT\d\d:", t1)


def test_scorecard_chart_entities_filters(report):
    result, info, text, doc = report
    sec = doc.get_element_by_id("art-0")
    rows = sec.xpath(".//table[@class='scorecard']/tbody/tr")
    assert [r.xpath("string(th//span[@class='vid'])") for r in rows][0] == "en.source"  # source first
    assert sec.xpath(".//details[@class='sig']/summary")  # signatures on demand
    assert sec.xpath(".//figure[@class='chart']//svg//rect[contains(@class,'bar')]")
    heat = sec.xpath(".//figure[contains(@class,'heat')]//svg")
    assert heat and "41.5" in heat[0].text_content()
    ent = sec.xpath(".//table[@class='entities']")[0]
    dev = ent.xpath(".//span[contains(@class,'dev')]")
    assert {d.text_content().split("×")[0].replace("deviant: ", "") for d in dev} == {"Mulati"}
    assert SCRIPT in ent.text_content() and IMG in ent.text_content()
    form = sec.xpath(".//form[@class='filters']")[0]
    fams = form.xpath(".//input[@data-k='fam']/@value")
    assert fams == ["MT1", "MT2", "MT4", "MT5"]
    sev = {i.get("value"): i.getparent().xpath("string(.//span[@class='cnt'])") for i in form.xpath(".//input[@data-k='sev']")}
    assert sev == {"error": "3", "warning": "1", "info": "2"}
    assert form.xpath(".//input[@data-k='v']")


def test_overview_for_a_corpus(tmp_path):
    r1, _ = make_result(tmp_path, "a1")
    r2, _ = make_result(tmp_path, "a2")
    both = dataclasses.replace(r1, articles=(r1.articles[0], dataclasses.replace(r2.articles[0], findings=())))
    doc = parse(render_html(both))
    table = doc.xpath("//table[contains(@class,'overview-table')]")[0]
    assert "sortable" in table.get("class")
    rows = table.xpath("./tbody/tr")
    assert [r.xpath("string(td[1])") for r in rows] == ["a1", "a2"]
    assert [r.xpath("string(td[2])") for r in rows] == ["fail", "clean"]
    assert table.xpath(".//thead//button")
    assert doc.get_element_by_id("art-1") is not None


def test_absent_and_odd_extras_are_tolerated(tmp_path):
    result, _ = make_result(tmp_path)
    a = result.articles[0]
    for extras in ({}, {"entities": "oops"}, {"entities": [1, None, {"x": 2}]}, {"scores": {"matrix": [[1, 2]]}},
                   {"entities": {"Murati": {"fr": ["Mulati", "Murati"]}}}, {"chrf_matrix": {"fr": 3}}):
        r = dataclasses.replace(result, articles=(dataclasses.replace(a, extras=extras),))
        doc = parse(render_html(r))
        assert doc.get_element_by_id("art-0") is not None


def test_version_without_findings_or_segments(tmp_path):
    folder = write_article(tmp_path / "e", {"en.txt": "One sentence here.\n", "fr.txt": "   \n"})
    art = load_article(folder, "e")
    res = check_article(art, Config(select=("MT0*",)))
    result = finish([res], Config(), [str(folder)])
    doc = parse(render_html(result))
    assert doc.get_element_by_id("art-0") is not None


def _big_result(n_versions: int = 20, n_rows: int = 60) -> RunResult:
    versions, segments, findings = [], {}, []
    for k in range(n_versions):
        vid = f"v{k:02d}"
        sents = [f"Sentence {i} of version {k} mentions Mira Murati and 1,{i:03d} people." for i in range(n_rows)]
        text = "\n\n".join(sents) + "\n"
        v = Version(id=vid, lang="fr", language="fr", label=None, path=f"big/{vid}.txt", text=text, check_text=text)
        versions.append(v)
        segs, pos = [], 0
        for i, s in enumerate(sents):
            segs.append(Segment(version=vid, index=i, start=pos, end=pos + len(s), text=s, paragraph=i))
            pos += len(s) + 2
        segments[vid] = tuple(segs)
        for i in range(0, n_rows, 4):
            s = segs[i]
            st = s.start + s.text.index("Murati")
            findings.append(Finding("MT101", "names.inconsistent", "error", vid, v.path, i * 2 + 1, 1, i * 2 + 1, 7,
                                    "Murati", "Mulati", "msg", f"f{vid}{i}", st, st + 6, i))
    rows = tuple(AlignedRow(index=i, cells={v.id: (i,) for v in versions}) for i in range(n_rows))
    art = Article(id="big", path="big", versions=tuple(versions))
    vr = tuple(VersionResult(v.id, v.lang, v.language, None, v.path, 600, n_rows, {"quality": 50.0}, {"quality": "sig"}) for v in versions)
    ar = ArticleResult(article=art, segments=segments, alignment=Alignment(pivot="v00", rows=rows), findings=tuple(findings), versions=vr)
    return RunResult(articles=(ar,), gate=GateResult(False, "error", ("x",)), tool_version="0", config_hash="h")


def test_big_article_renders_fast():
    result = _big_result()
    render_html(result)  # warm up: template compilation happens once per process
    t = time.perf_counter()
    text = render_html(result)
    elapsed = time.perf_counter() - t
    assert text.count('<mark class="hl') == 20 * 15
    assert elapsed < 0.5, elapsed  # typically ~30 ms; generous for slow CI machines


def test_cli_writes_html(tmp_path):
    from click.testing import CliRunner

    from mtcheck.cli import main

    folder = write_article(tmp_path / "c", {"en.txt": EN, "fr.txt": FR, "de.txt": DE})
    out = tmp_path / "r.html"
    r = CliRunner().invoke(main, ["check", str(folder), "-o", str(out), "--format", "none"])
    assert r.exit_code in (0, 1), r.output
    doc = parse(out.read_text(encoding="utf-8"))
    assert doc.xpath("//table[contains(@class,'par')]")


def test_score_extras_matrix_and_segment_scores(tmp_path):
    """The shape the scores stage writes: a chrF matrix per language and per-row chrF."""
    result, _ = make_result(tmp_path)
    a = result.articles[0]
    row = a.alignment.rows[1].index
    extras = {"scores": {
        "segment_chrf": [{"row": row, "chrf": {"fr": 31.5, "de": 88.0}}, {"row": "bad"}, 7],
        "matrix": {"fr": {"versions": ["fr", "de"], "chrf": {"fr": {"de": 55.25}, "de": {"fr": 54.0}},
                          "signature": "nrefs:1|case:mixed|version:2.6.0", "agreement": {"fr": 55.25, "de": 54.0}}},
    }}
    doc = parse(render_html(dataclasses.replace(result, articles=(dataclasses.replace(a, extras=extras),))))
    heat = doc.xpath("//figure[contains(@class,'heat')]")
    assert len(heat) == 1 and "55.2" in heat[0].text_content() and "nrefs:1|case:mixed" in heat[0].text_content()
    badges = doc.xpath(f"//tr[@id='r0-{row}']//span[contains(@class,'segscore')]")
    assert sorted(b.text_content() for b in badges) == ["chrF 31.5", "chrF 88"]
    assert ["low" in b.get("class") for b in badges if "31.5" in b.text_content()] == [True]
