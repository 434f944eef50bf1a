"""Tests of the evaluation harness (benchmarks/evaluate.py, benchmarks/ntrex.py).

The matching tests use small hand-made reports and labels and need no mtcheck; the
planting test needs ../shared/data/ntrex-dev and is skipped without it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCH))

import evaluate as ev  # noqa: E402
import ntrex  # noqa: E402

TEXT_FR = (
    "Mira Murati quitte OpenAI\n"
    "\n"
    "Mira Mulati a annoncé son départ. Elle restera 3 mois.\n"
    "\n"
    "EnglishFrançaisDeutsch日本語Русский язык\n"
)
HEADER = "\t".join(ev.LABEL_FIELDS) + "\n"


def pos(text, sub, nth=0):
    """(line, column, end_line, end_column) of the nth occurrence of sub in text."""
    i = -1
    for _ in range(nth + 1):
        i = text.index(sub, i + 1)
    idx = ev.TextIndex(text)

    def lc(off):
        line = text.count("\n", 0, off) + 1
        return line, off - idx.starts[line - 1] + 1

    return (*lc(i), *lc(i + len(sub)))


def label_row(version, code, span, text=TEXT_FR, nth=0, expected="", note=""):
    l1, c1, l2, c2 = pos(text, span, nth)
    return "\t".join([version, code, str(l1), str(c1), str(l2), str(c2), span, expected, note])


def finding(version, code, span, text=TEXT_FR, nth=0, article="a1", **kw):
    l1, c1, l2, c2 = pos(text, span, nth) if span else kw.pop("at")
    d = {"code": code, "check": "x", "severity": "error", "version": version,
         "path": f"corpora/{article}/{version}.txt", "line": l1, "column": c1,
         "end_line": l2, "end_column": c2, "text": span, "expected": "", "message": "m",
         "fingerprint": f"{code}:{span}"}
    d.update(kw)
    return d


def make_corpus(tmp_path, labels_rows, text=TEXT_FR, article="a1", labelled=True):
    art = tmp_path / "corpus" / article
    art.mkdir(parents=True)
    (art / "fr.txt").write_text(text, encoding="utf-8")
    (art / "en.source.txt").write_text("Mira Murati leaves OpenAI\n", encoding="utf-8")
    if labelled:
        (art / "labels.tsv").write_text(HEADER + "".join(r + "\n" for r in labels_rows),
                                        encoding="utf-8")
    return tmp_path / "corpus"


def score(corpus, findings_list, families=None):
    report = {"schema_version": 1, "articles": [{"article": a, "versions": [], "findings": fs}
                                                for a, fs in findings_list.items()]}
    labels_by_art = ev.load_corpus_labels(corpus)
    labels = [lab for labs in labels_by_art.values() for lab in labs]
    finds = ev.findings_from_report(report)
    unl = {f.article for f in finds if f.article not in labels_by_art}
    ev.match_items(labels, finds, ev.Texts(corpus), unl)
    return ev.summarise(labels, finds, families), labels, finds


def test_overlap_same_family_is_tp_and_other_family_is_fp(tmp_path):
    corpus = make_corpus(tmp_path, [label_row("fr", "MT101", "Mulati", expected="Murati")])
    s, labels, finds = score(corpus, {"a1": [
        finding("fr", "MT102", "Mira Mulati"),        # overlaps, same family MT1 -> TP
        finding("fr", "MT501", "Mulati"),             # same span, other family -> FP
    ]})
    assert s["families"]["MT1"] == {**s["families"]["MT1"], "labels": 1, "tp": 1, "fp": 0,
                                    "fn": 0, "precision": 1.0, "recall": 1.0}
    assert s["families"]["MT5"]["fp"] == 1 and s["families"]["MT5"]["labels"] == 0
    assert [f.status for f in finds] == ["tp", "fp"]
    # per code: the label code's recall and the finding code's precision
    assert s["codes"]["MT101"]["recall"] == 1.0
    assert s["codes"]["MT102"]["precision"] == 1.0


def test_no_overlap_wrong_version_or_article(tmp_path):
    corpus = make_corpus(tmp_path, [label_row("fr", "MT101", "Mulati")])
    s, labels, finds = score(corpus, {"a1": [
        finding("fr", "MT101", "Murati"),             # same line, no overlap -> FP
        finding("en.source", "MT101", "Mulati"),      # other version -> FP
    ], "other": [finding("fr", "MT101", "Mulati", article="other")]})  # unlabelled article
    fam = s["families"]["MT1"]
    assert (fam["tp"], fam["fp"], fam["fn"], fam["unlabelled"]) == (0, 2, 1, 1)
    assert fam["recall"] == 0.0 and fam["precision"] == 0.0
    assert finds[2].status == "unlabelled"


def test_duplicates_are_neither_tp_nor_fp(tmp_path):
    corpus = make_corpus(tmp_path, [label_row("fr", "MT201", "日本語Русский язык")])
    s, _, finds = score(corpus, {"a1": [
        finding("fr", "MT201", "日本語"),
        finding("fr", "MT201", "Русский язык"),
        finding("fr", "MT201", "日本語Русский"),     # smaller overlap than "Русский язык"
    ]})
    fam = s["families"]["MT2"]
    assert (fam["tp"], fam["fp"], fam["dup"], fam["fn"]) == (1, 0, 2, 0)
    assert fam["precision"] == 1.0
    assert [f.status for f in finds] == ["dup", "tp", "dup"]  # best overlap (IoU) wins


def test_each_label_matched_once_greedy_best_overlap(tmp_path):
    corpus = make_corpus(tmp_path, [
        label_row("fr", "MT101", "Mira", nth=1),
        label_row("fr", "MT101", "Mulati"),
    ])
    s, labels, finds = score(corpus, {"a1": [finding("fr", "MT101", "Mira Mulati")]})
    fam = s["families"]["MT1"]
    # one finding covers both labels: it matches one (the better overlap), the other is FN
    assert (fam["labels"], fam["tp"], fam["fn"], fam["fp"]) == (2, 1, 1, 0)
    assert labels[1].status == "tp"  # "Mulati" has the larger overlap with the finding


def test_zero_width_label_matches_within_one_line(tmp_path):
    text = TEXT_FR
    i = text.index("Elle")
    idx = ev.TextIndex(text)
    line = text.count("\n", 0, i) + 1
    col = i - idx.starts[line - 1] + 1
    row = "\t".join(["fr", "MT401", str(line), str(col), str(line), str(col), "",
                     "Elle a dit au revoir.", "deleted"])
    corpus = make_corpus(tmp_path, [row])
    # an omission finding pointing at the previous line (the blank line) matches
    s, _, finds = score(corpus, {"a1": [
        finding("fr", "MT401", "", at=(line - 1, 1, line - 1, 1)),
        finding("fr", "MT401", "", at=(line + 2, 1, line + 2, 1)),   # 2 lines away -> FP
    ]})
    fam = s["families"]["MT4"]
    assert (fam["tp"], fam["fp"], fam["fn"]) == (1, 1, 0)
    assert [f.status for f in finds] == ["tp", "fp"]


def test_zero_width_finding_matches_span_label(tmp_path):
    corpus = make_corpus(tmp_path, [label_row("fr", "MT403", "Mira Mulati a annoncé")])
    s, _, _ = score(corpus, {"a1": [finding("fr", "MT403", "", at=(3, 40, 3, 40))]})
    assert s["families"]["MT4"]["tp"] == 1


def test_family_filter_and_empty_labels_file_means_clean(tmp_path):
    corpus = make_corpus(tmp_path, [])  # header only: clean article, findings are FP
    s, _, finds = score(corpus, {"a1": [finding("fr", "MT101", "Mulati"),
                                        finding("fr", "MT301", "3")]}, families=["MT3"])
    assert list(s["families"]) == ["MT3"]
    assert s["families"]["MT3"]["fp"] == 1 and s["families"]["MT3"]["precision"] == 0.0
    assert s["families"]["MT3"]["recall"] is None


def test_positions_use_code_points_and_crlf(tmp_path):
    text = "Ligne un\r\n\r\nÉtude 日本語 Mulati ici\r\n"
    corpus = make_corpus(tmp_path, [label_row("fr", "MT101", "Mulati", text=text)], text=text)
    lab = ev.load_corpus_labels(corpus)["a1"][0]
    assert (lab.line, lab.column) == (3, 11)
    s, labels, _ = score(corpus, {"a1": [finding("fr", "MT101", "Mulati", text=text)]})
    assert labels[0].start == text.index("Mulati")
    assert s["families"]["MT1"]["tp"] == 1


def test_evaluate_main_with_existing_report(tmp_path, capsys):
    corpus = make_corpus(tmp_path, [label_row("fr", "MT101", "Mulati"),
                                    label_row("fr", "MT301", "3")])
    report = {"schema_version": 1, "articles": [{"article": "a1", "versions": [], "findings": [
        finding("fr", "MT101", "Mulati"), finding("fr", "MT504", "EnglishFrançais")]}]}
    rp = tmp_path / "r.json"
    rp.write_text(json.dumps(report), encoding="utf-8")
    out_json = tmp_path / "numbers.json"
    rc = ev.main(["--corpus", str(corpus), "--report", str(rp), "--json", str(out_json),
                  "--show-false", "5", "--show-missed", "5"])
    assert rc == 0
    out = capsys.readouterr().out
    assert "MT1" in out and "MT504" in out
    nums = json.loads(out_json.read_text(encoding="utf-8"))["corpus"]
    assert nums["families"]["MT1"]["recall"] == 1.0
    assert nums["families"]["MT3"]["fn"] == 1
    assert nums["families"]["MT5"]["fp"] == 1


def test_count_words():
    assert ev.count_words("Un deux  trois\nquatre", "fra") == 4
    assert ev.count_words("日本語です。 はい", "jpn") == 4.0


# ---------------------------------------------------------------------------
# planting (needs the shared NTREX data)

DATA = ntrex.DEFAULT_DATA
needs_data = pytest.mark.skipif(not DATA.is_dir(), reason="../shared/data/ntrex-dev absent")


@needs_data
def test_planted_labels_match_file_text(tmp_path):
    summary = ntrex.build_planted(tmp_path / "planted", seed=3, per_doc=12)
    assert summary["articles"] == 37
    fams = {code[:3] for code in summary["labels"]}
    assert fams == set(ntrex.FAMILIES)
    n = 0
    for art in sorted((tmp_path / "planted").iterdir()):
        for lab in ev.read_labels(art / "labels.tsv", art.name):
            assert lab.version != "eng.source"
            text = ev.read_text(art / f"{lab.version}.txt")
            idx = ev.TextIndex(text)
            a = idx.offset(lab.line, lab.column)
            b = idx.offset(lab.end_line, lab.end_column)
            assert text[a:b] == lab.text, (art.name, lab)
            if lab.code == "MT401":
                assert a == b and lab.expected
            else:
                assert b > a
            n += 1
    assert n > 200


@needs_data
def test_planting_is_deterministic_and_clean_is_unchanged(tmp_path):
    ntrex.build_planted(tmp_path / "p1", langs="fra,deu,zho", seed=1, per_doc=6)
    ntrex.build_planted(tmp_path / "p2", langs="fra,deu,zho", seed=1, per_doc=6)
    for f in sorted((tmp_path / "p1").rglob("*")):
        if f.is_file():
            assert f.read_bytes() == (tmp_path / "p2" / f.relative_to(tmp_path / "p1")).read_bytes()
    ntrex.build_clean(tmp_path / "clean", langs="fra,zho")
    art = next(iter(sorted((tmp_path / "clean").iterdir())))
    assert sorted(p.name for p in art.iterdir()) == ["eng.source.txt", "fra.txt", "zho.txt"]
    src = (DATA / art.name / "fra.txt").read_text(encoding="utf-8").split()
    assert (art / "fra.txt").read_text(encoding="utf-8").split() == src
    zho = (art / "zho.txt").read_text(encoding="utf-8")
    assert "".join(zho.split()) == "".join((DATA / art.name / "zho.txt").read_text(
        encoding="utf-8").split())


@needs_data
def test_perfect_report_on_planted_scores_one(tmp_path):
    """A report holding exactly the labels (as findings) has recall and precision 1."""
    planted = tmp_path / "planted"
    ntrex.build_planted(planted, langs="fra,rus,jpn", seed=5, per_doc=8)
    labels_by_art = ev.load_corpus_labels(planted)
    arts = []
    for art, labs in labels_by_art.items():
        fs = [{"code": lab.code, "version": lab.version, "line": lab.line,
               "column": lab.column, "end_line": lab.end_line, "end_column": lab.end_column,
               "text": lab.text} for lab in labs]
        # plus a duplicate of the first finding: neither TP nor FP
        arts.append({"article": art, "findings": fs + fs[:1]})
    labels = [lab for labs in labels_by_art.values() for lab in labs]
    finds = ev.findings_from_report({"articles": arts})
    ev.match_items(labels, finds, ev.Texts(planted))
    total = ev.summarise(labels, finds)["total"]
    assert total["labels"] == len(labels) > 50
    assert total["recall"] == 1.0 and total["precision"] == 1.0
    assert total["dup"] == sum(1 for a in arts if a["findings"])
