"""Tests of the MQM / DEMETR evaluation (benchmarks/mqm.py, evaluate.py --mqm/--demetr).

The unit tests and the end-to-end test on a tiny hand-written MQM file need no shared
data; the tests that read ../shared/data/{mqm,demetr} skip when it is absent.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from conftest import needs_shared

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCH))

import evaluate as ev  # noqa: E402
import mqm  # noqa: E402

HEADER = ("doc\tseg_id\tdoc_seg_id\tsystem\trater\tsource\ttarget\tcategory\tseverity\t"
          "error_span\tspan_in\tspan_start\tspan_end\tcomment")


# --------------------------------------------------------------------------- units


def test_sanitise_and_system_key():
    assert mqm.sanitise("NLLB_MBR_BLEU") == "NLLB-MBR-BLEU"
    assert mqm.sanitise("news_bbc.124:en-de") == "news-bbc-124-en-de"
    assert mqm.system_key("GPT4-5shot_with_refA") == "GPT4-5shot"
    assert mqm.system_key("ONLINE-W") == "ONLINE-W"


@pytest.mark.parametrize("span,target,source,lang,expected", [
    ("Kovalenko", "Yesterday Kovalenko said no.", "", "en", True),
    ("U.S.", "The U.S. said no.", "", "en", True),
    ("The", "The chart shows it.", "", "en", False),
    ("percent", "the top 20 percent", "", "en", False),
    ("Schwarzen Loch", "zu einem Schwarzen Loch", "into a black hole", "de", False),
    ("Brandvik", "Gestern sagte Brandvik", "Yesterday Brandvik said", "de", True),
])
def test_looks_like_name(span, target, source, lang, expected):
    start = target.index(span)
    assert mqm.looks_like_name(span, target, start, source, lang) is expected


def test_diff_span_replacement_deletion_and_hunks():
    mt = "The ferry left Tromsø at 7 am on Monday."
    s, e = mqm.diff_span(mt, "The ferry left Bergen at 7 am on Monday.")
    assert "The ferry left Bergen at 7 am on Monday."[s:e] == "Bergen"
    pert = "The ferry left at 7 am on Monday."
    s, e = mqm.diff_span(mt, pert)
    assert s == e == pert.index("at 7")
    pert = "The ferry left Bergen at 9 am on Monday."
    s, e = mqm.diff_span(mt, pert)
    assert pert[s:e] == "Bergen at 9"


def test_merge_spans_counts_raters():
    spans = [(5, 10, "r1", "c", "x"), (7, 12, "r2", "c", "y"), (20, 25, "r1", "c", "z")]
    out = mqm._merge_spans(spans)
    assert [(c["start"], c["end"], len(c["raters"])) for c in out] == [(5, 12, 2), (20, 25, 1)]


# --------------------------------------------------------------------------- end to end


def _row(doc, seg, system, rater, src, tgt, cat="No-error", span="", span_in="", s="", e=""):
    return "\t".join([doc, str(seg), str(seg), system, rater, src, tgt, cat,
                      "Major" if cat != "No-error" else "No-error", span, span_in,
                      str(s), str(e), ""])


def test_end_to_end_tiny_mqm(tmp_path):
    """A Han fragment left in one English system output is a TP; clean rows count words."""
    src = ["渡轮公司宣布新航线。", "票价为每人三十元。", "首航将于周一启航。"]
    good = ["The ferry company announced a new route.",
            "Tickets cost thirty yuan per person.",
            "The first voyage sets sail on Monday."]
    bad = list(good)
    bad[1] = "Tickets cost thirty 人民币 per person."
    rows = [HEADER]
    for sysname, texts in (("SysA", good), ("SysB", bad), ("SysC", good)):
        for i, (s_, t_) in enumerate(zip(src, texts), 1):
            if sysname == "SysB" and i == 2:
                k = t_.index("人民币")
                rows.append(_row("doc1", i, sysname, "r1", s_, t_,
                                 "Accuracy/Source language fragment", "人民币", "target", k,
                                 k + 3))
            else:
                rows.append(_row("doc1", i, sysname, "r1", s_, t_))
    data = tmp_path / "data"
    (data / "mqm").mkdir(parents=True)
    (data / "mqm" / "zh-en.wmt23-news-sxs.tsv").write_text("\n".join(rows) + "\n",
                                                         encoding="utf-8")
    out = tmp_path / "out.json"
    rc = ev.main(["--mqm", "--data", str(data), "--json", str(out), "--out",
                  str(tmp_path / "corpus"), "--jobs", "1"])
    assert rc == 0
    res = json.loads(out.read_text(encoding="utf-8"))["mqm"]
    fam = res["raters>=1"]["families"]["MT2"]
    assert fam["labels"] == 1 and fam["tp"] == 1
    assert res["clean_segments"] == 8
    art = tmp_path / "corpus" / "mqm" / "zh-en.wmt23-news-sxs" / "doc1"
    assert sorted(p.name for p in art.glob("*.txt")) == ["en.SysA.txt", "en.SysB.txt",
                                                         "en.SysC.txt", "zh.source.txt"]
    assert (art / "en.SysB.txt").read_text(encoding="utf-8").split("\n")[2] == bad[1]


# --------------------------------------------------------------------------- shared data


def test_mqm_labels_point_at_their_text():
    data = needs_shared("data/mqm")
    arts, stats = mqm.load_mqm(data, max_systems=0)
    assert stats["skipped_rows"] == 0
    assert {a.dataset for a in arts} == set(mqm.MQM_FILES)
    n = 0
    for a in arts:
        assert a.clean <= a.rated
        ref = [v for v in a.versions if v.endswith(".ref")]
        assert len(ref) <= 1
        for lab in a.labels:
            seg = a.versions[lab.version][lab.seg]
            assert seg[lab.start:lab.end] == lab.text
            assert (lab.version, lab.seg) not in a.clean
            if lab.family == "MT4" and "Addition" not in "".join(lab.categories):
                assert lab.start == lab.end == 0  # source-side omission: zero-width
            n += 1
    assert n > 500
    # the WMT23 en-de side-by-side GPT4 outputs become one version
    ende = [a for a in arts if a.dataset == "en-de.wmt23-news-sxs"][0]
    assert "de.GPT4-5shot" in ende.versions and "de.ref" in ende.versions
    zhen_ted = [a for a in arts if a.dataset == "zh-en.wmt21-ted"][0]
    assert "en.ref" in zhen_ted.versions and "en.refA" in zhen_ted.versions


def test_mqm_articles_one_segment_per_paragraph(tmp_path):
    data = needs_shared("data/mqm")
    arts, _ = mqm.load_mqm(data, max_systems=3, files={"en-de.wmt21-ted"})
    mqm.write_mqm(arts[:1], tmp_path)
    a = arts[0]
    folder = tmp_path / a.article
    for vid, segs in a.versions.items():
        lines = (folder / f"{vid}.txt").read_text(encoding="utf-8").split("\n")
        assert [lines[2 * i] for i in range(len(segs))] == segs
    assert len(a.versions) == 3


def test_demetr_labels():
    data = needs_shared("data/demetr")
    arts = mqm.load_demetr(data)
    labels = [lab for a in arts for lab in a.labels]
    assert len(labels) == 3733
    by_type = {}
    for a in arts:
        assert len(a.source) == len(a.mt) == len(a.ref) == len(a.perturbed)
        for lab in a.labels:
            assert a.perturbed[lab.seg][lab.start:lab.end] == lab.text
            assert a.perturbed[lab.seg] != a.mt[lab.seg]
            by_type.setdefault(lab.pert, []).append(lab)
    assert all(lab.text for lab in by_type["codemix"])
    # a removed name is mostly a pure deletion (zero-width), sometimes a rewritten phrase
    zero = sum(lab.start == lab.end for lab in by_type["ne_removed"])
    assert 0.3 * len(by_type["ne_removed"]) < zero < len(by_type["ne_removed"])
