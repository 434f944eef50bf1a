"""Tests of the MT1 planting in benchmarks/ntrex.py: names garbled in other scripts,
romanised from Chinese, translated literally.

The helpers are tested on our own strings; the planting tests need
../shared/data/ntrex-dev and are skipped without it.
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import ntrex  # noqa: E402

DATA = ntrex.DEFAULT_DATA
needs_data = pytest.mark.skipif(not DATA.is_dir(), reason="../shared/data/ntrex-dev absent")


@pytest.mark.parametrize("lang,form", [
    ("kor", "트럼프"), ("jpn", "アルトマン"), ("zho", "布雷特"), ("ell", "Τσέιμπερς"),
    ("ara", "ترامب"), ("hin", "मार्टिन"),
])
def test_garble_script_changes_one_character(lang, form):
    for seed in range(5):
        g = ntrex.garble_script(form, lang, random.Random(seed))
        assert g is not None and g != form and len(g) == len(form)
        assert sum(a != b for a, b in zip(g, form)) == 1


def test_garble_script_keeps_alphabetic_first_and_last_letter():
    for seed in range(10):
        g = ntrex.garble_script("Τσέιμπερς", "ell", random.Random(seed))
        assert g[0] == "Τ" and g[-1] == "ς"


def test_name_similarity_accepts_renderings_and_rejects_short_skeletons():
    assert ntrex.name_similarity("Trump", "트럼프") >= 0.72
    assert ntrex.name_similarity("Tellis", "Τέλις") >= 0.9
    assert ntrex.name_similarity("Trump", "ट्रम्प") >= 0.9
    # consonant skeletons of one or two letters say nothing: Shawn is not 수만 ("tens of
    # thousands"), Webb is not 부바
    assert ntrex.name_similarity("Shawn", "수만") < 0.72
    assert ntrex.name_similarity("Webb", "부바") < 0.72


def test_rendering_spans_strip_korean_particles_and_arabic_article():
    text = "트럼프는 말했다"
    spans = {text[a:b] for a, b in ntrex.rendering_spans(text, "kor")}
    assert "트럼프" in spans and "트럼프는" in spans
    assert ntrex.best_rendering("Trump", text, "kor")[1:] == (0, 3)
    ar = "قال ترامب للعالميين"
    assert all(not ar[a:b].startswith("ال") for a, b in ntrex.rendering_spans(ar, "ara"))
    w = "وترامب"
    assert {w[a:b] for a, b in ntrex.rendering_spans(w, "ara")} >= {"ترامب"}


def test_form_matches_respects_boundaries():
    assert ntrex.Planter.form_matches("トランプ", "トランプ氏とトランプタワー", "jpn") == [(0, 4)]
    assert ntrex.Planter.form_matches("트럼프", "트럼프는 트럼프타워", "kor") == [(0, 3)]
    assert ntrex.Planter.form_matches("ترامب", "وترامب قال", "ara") == [(1, 6)]


def _labels(root: Path) -> list[dict]:
    out = []
    for f in sorted(root.glob("*/labels.tsv")):
        with open(f, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                row["article"] = f.parent.name
                out.append(row)
    return out


@needs_data
def test_mt1_planting_has_the_new_kinds_and_exact_spans(tmp_path):
    ntrex.build_planted(tmp_path / "p", seed=0, per_doc=10, families=["MT1"])
    labels = _labels(tmp_path / "p")
    kinds = {lab["note"].split(":")[0] for lab in labels}
    for k in ("name script garbled one", "name script garbled all", "name romanised from zho",
              "name translated literally"):
        assert any(x.startswith(k) for x in kinds), k
    for lab in labels:
        assert lab["code"] in ("MT101", "MT102")
        text = (tmp_path / "p" / lab["article"] / ntrex.version_file(lab["version"])).read_text(
            encoding="utf-8")
        lines = text.split("\n")
        assert lab["line"] == lab["end_line"]
        line = lines[int(lab["line"]) - 1]
        assert line[int(lab["column"]) - 1:int(lab["end_column"]) - 1] == lab["text"]
        assert lab["text"] != lab["expected"]
        if lab["note"].startswith("name script garbled"):
            assert len(lab["text"]) == len(lab["expected"])
            assert sum(a != b for a, b in zip(lab["text"], lab["expected"])) == 1


@needs_data
def test_mt1_planting_does_not_move_the_other_families(tmp_path):
    """MT2-MT5 planting draws nothing from the MT1 code: same labels with or without it."""
    docs = ntrex.load_docs(DATA)
    ntrex.build_planted(tmp_path / "a", langs="fra,rus,zho,kor", seed=2, per_doc=8,
                        families=["MT2", "MT3", "MT4", "MT5"], docs=docs)
    saved = ntrex.Planter.OPS["MT1"]
    try:
        ntrex.Planter.OPS["MT1"] = saved[:2]  # the planting as it was before the new kinds
        ntrex.build_planted(tmp_path / "b", langs="fra,rus,zho,kor", seed=2, per_doc=8,
                            families=["MT2", "MT3", "MT4", "MT5"], docs=docs)
    finally:
        ntrex.Planter.OPS["MT1"] = saved
    assert _labels(tmp_path / "a") == _labels(tmp_path / "b")
