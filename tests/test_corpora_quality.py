"""The bundled labelled corpora, checked end to end through the CLI and scored with the
evaluation script: no family may report a false finding, and recall may not fall below
what we measured (docs/MEASUREMENTS.md).  A change that makes a check cry wolf on our
own articles fails here, not in a user's CI."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import evaluate as ev  # noqa: E402

# measured recall on corpora/ (labels found / labels); a floor, not a target
RECALL_FLOOR = {"MT1": 0.84, "MT2": 1.0, "MT3": 1.0, "MT4": 1.0, "MT5": 0.9}


def test_bundled_corpora_precision_and_recall(tmp_path):
    corpus = ROOT / "corpora"
    out = tmp_path / "numbers.json"
    rc = ev.main(["--corpus", str(corpus), "--json", str(out)])
    assert rc == 0
    fams = json.loads(out.read_text(encoding="utf-8"))["corpus"]["families"]
    for fam, floor in RECALL_FLOOR.items():
        r = fams[fam]
        assert r["fp"] == 0, f"{fam}: {r['fp']} false finding(s) on the bundled corpora"
        assert r["recall"] >= floor - 1e-9, f"{fam}: recall {r['recall']:.3f} < {floor}"
