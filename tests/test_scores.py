"""Scores: sacrebleu against a reference, chrF matrix, bootstrap, quality, MT9xx thresholds, segment table."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conftest import REPO, check_json, findings

# Hand-written, line-aligned French: a reference and two systems, one sentence per line.
REF = [
    "Le conseil municipal a voté mardi un budget de 12 millions d'euros pour le nouveau pont.",
    "Les travaux commenceront au printemps et dureront deux ans.",
    "La maire, Claire Dubois, a salué un projet attendu depuis longtemps.",
    "Les commerçants du quartier craignent toutefois des embouteillages.",
    "Une réunion publique aura lieu le 14 mars à la salle des fêtes.",
]
SYS_A = [
    "Le conseil municipal a adopté mardi un budget de 12 millions d'euros pour le nouveau pont.",
    "Les travaux débuteront au printemps et dureront deux ans.",
    "La maire, Claire Dubois, a salué un projet attendu de longue date.",
    "Les commerçants du quartier redoutent cependant des embouteillages.",
    "Une réunion publique se tiendra le 14 mars à la salle des fêtes.",
]
SYS_B = [
    "Mardi, le conseil de la ville a approuvé 12 millions d'euros de budget pour le pont neuf.",
    "Le chantier démarrera au printemps pour une durée de deux années.",
    "Madame le maire Claire Dubois a accueilli favorablement ce projet.",
    "Cependant les marchands du quartier ont peur des bouchons.",
    "Il y aura une réunion publique le 14 mars dans la salle des fêtes.",
]
SOURCE = [
    "The city council on Tuesday voted a budget of 12 million euros for the new bridge.",
    "Work will start in spring and last two years.",
    "The mayor, Claire Dubois, welcomed a long-awaited project.",
    "Local shopkeepers, however, fear traffic jams.",
    "A public meeting will be held on 14 March in the village hall.",
]


def _lines(xs: list[str]) -> str:
    return "\n".join(xs) + "\n"


def _files(**extra: str) -> dict[str, str]:
    files = {
        "en.source.txt": _lines(SOURCE),
        "fr.ref.txt": _lines(REF),
        "fr.deepl.txt": _lines(SYS_A),
        "fr.google.txt": _lines(SYS_B),
    }
    files.update(extra)
    return files


def _versions(report: dict) -> dict[str, dict]:
    return {v["version"]: v for v in report["articles"][0]["versions"]}


WITH_TER = 'metrics = ["chrf", "bleu", "ter"]\n'


def test_ter_is_opt_in(article):
    vs = _versions(check_json(article(_files()))[1])
    assert "ter" not in vs["fr.deepl"]["scores"] and "bleu" in vs["fr.deepl"]["scores"]
    vs = _versions(check_json(article({**_files(), "mtcheck.toml": "[thresholds]\nmax_ter = 99\n"}, name="thr"))[1])
    assert "ter" in vs["fr.deepl"]["scores"]


def test_scores_equal_sacrebleu_on_line_aligned_input(article):
    import sacrebleu

    code, report, out = check_json(article({**_files(), "mtcheck.toml": WITH_TER}))
    assert code == 0, out
    vs = _versions(report)
    for vid, hyp in (("fr.deepl", SYS_A), ("fr.google", SYS_B)):
        s = vs[vid]["scores"]
        assert abs(s["chrf"] - sacrebleu.corpus_chrf(hyp, [REF]).score) < 0.006
        assert abs(s["bleu"] - sacrebleu.corpus_bleu(hyp, [REF]).score) < 0.006
        assert abs(s["ter"] - sacrebleu.corpus_ter(hyp, [REF]).score) < 0.006
        sig = vs[vid]["signatures"]
        assert sig["chrf"].startswith("nrefs:1|") and "nc:6" in sig["chrf"]
        assert "tok:13a" in sig["bleu"]
        assert "tok:tercom" in sig["ter"]
        assert sig["quality"].startswith("mtcheck-quality|")
    assert vs["fr.deepl"]["scores"]["chrf"] > vs["fr.google"]["scores"]["chrf"]
    # every version has quality; reference scores only where a reference applies
    for vid in ("en.source", "fr.ref"):
        assert set(vs[vid]["scores"]) == {"quality"}
    assert all("quality" in v["scores"] for v in vs.values())


def test_multi_sentence_lines_still_equal_sacrebleu(article):
    """A line with two sentences is one unit, so the numbers stay sacrebleu's on lines."""
    import sacrebleu

    ref = [REF[0] + " " + REF[1], REF[2], REF[3] + " " + REF[4]]
    hyp = [SYS_B[0] + " " + SYS_B[1], SYS_B[2], SYS_B[3] + " " + SYS_B[4]]
    src = [SOURCE[0] + " " + SOURCE[1], SOURCE[2], SOURCE[3] + " " + SOURCE[4]]
    code, report, out = check_json(article({"en.source.txt": _lines(src), "fr.ref.txt": _lines(ref), "fr.google.txt": _lines(hyp), "mtcheck.toml": WITH_TER}))
    s = _versions(report)["fr.google"]["scores"]
    assert abs(s["chrf"] - sacrebleu.corpus_chrf(hyp, [ref]).score) < 0.006
    assert abs(s["bleu"] - sacrebleu.corpus_bleu(hyp, [ref]).score) < 0.006
    assert abs(s["ter"] - sacrebleu.corpus_ter(hyp, [ref]).score) < 0.006


def test_omitted_sentence_costs(article):
    """A dropped sentence is scored against an empty string, so chrF falls."""
    full = _versions(check_json(article(_files(), name="full"))[1])["fr.deepl"]["scores"]["chrf"]
    dropped = SYS_A[:2] + SYS_A[3:]
    rep = check_json(article(_files(**{"fr.deepl.txt": _lines(dropped)}), name="dropped"))[1]
    assert _versions(rep)["fr.deepl"]["scores"]["chrf"] < full - 5


def test_article_extras_matrix_agreement_bootstrap_segments(article):
    code, report, _ = check_json(article(_files()))
    sc = report["articles"][0]["scores"]
    assert sc["references"] == {"fr.deepl": "fr.ref", "fr.google": "fr.ref"}
    m = sc["matrix"]["fr"]
    assert set(m["versions"]) == {"fr.deepl", "fr.google", "fr.ref"}
    assert m["chrf"]["fr.deepl"]["fr.ref"] == _versions(report)["fr.deepl"]["scores"]["chrf"]
    assert m["agreement"]["fr.google"] < m["agreement"]["fr.deepl"]  # the outlier stands out
    assert "nrefs:2" in m["agreement_signature"]
    sig = sc["significance"]["fr"]
    assert sig["baseline"] == "fr.deepl" and sig["n_samples"] == 1000 and sig["seed"] == 12345
    g = sig["systems"]["fr.google"]["chrf"]
    assert 0 < g["p_value"] <= 1 and isinstance(g["significant"], bool)
    assert sig["signature"].startswith("nrefs:1|bs:1000|seed:12345|")
    rows = sc["segment_chrf"]
    n_rows = len(report["articles"][0]["alignment"]["rows"])
    assert [r["row"] for r in rows] == list(range(n_rows))
    assert all(set(r["chrf"]) == {"fr.deepl", "fr.google"} for r in rows)
    # deterministic (fixed seed)
    again = check_json(article(_files(), name="again"))[1]["articles"][0]["scores"]["significance"]
    assert again == sc["significance"]
    json.dumps(sc)


def test_bootstrap_equals_sacrebleu_paired_test(article, monkeypatch):
    """Our vectorised bootstrap gives sacrebleu PairedTest's numbers (same seed)."""
    from sacrebleu.metrics import CHRF
    from sacrebleu.significance import PairedTest

    monkeypatch.setenv("SACREBLEU_SEED", "12345")
    sys_c = [SYS_A[0], SYS_B[1], SYS_A[2], SYS_B[3], SYS_B[4]]
    code, report, _ = check_json(article(_files(**{"fr.mixed.txt": _lines(sys_c)})))
    sig = report["articles"][0]["scores"]["significance"]["fr"]
    assert sig["units"] == 5
    order = [sig["baseline"]] + [v for v in sig["systems"] if v != sig["baseline"]]
    hyps = {"fr.deepl": SYS_A, "fr.google": SYS_B, "fr.mixed": sys_c}
    _sigs, res = PairedTest([(v, hyps[v]) for v in order], {"chrF": CHRF()}, [REF], test_type="bs", n_samples=1000)()
    for k, vid in enumerate(order):
        ours, theirs = sig["systems"][vid]["chrf"], res["chrF2"][k]
        assert ours["score"] == pytest.approx(theirs.score, abs=0.006)
        assert ours["mean"] == pytest.approx(theirs.mean, abs=0.006)
        assert ours["ci95"] == pytest.approx(theirs.ci, abs=0.006)
        if k:
            assert ours["p_value"] == pytest.approx(theirs.p_value, abs=0.0011)


def test_no_reference_no_sacrebleu_numbers(article):
    code, report, _ = check_json(article({"en.txt": _lines(SOURCE), "fr.txt": _lines(SYS_A)}))
    vs = _versions(report)
    assert all(set(v["scores"]) == {"quality"} for v in vs.values())
    assert "matrix" not in report["articles"][0]["scores"]


def test_two_systems_without_reference_get_matrix_only(article):
    code, report, _ = check_json(article({"en.source.txt": _lines(SOURCE), "fr.a.txt": _lines(SYS_A), "fr.b.txt": _lines(SYS_B)}))
    sc = report["articles"][0]["scores"]
    assert set(sc["matrix"]["fr"]["chrf"]["fr.a"]) == {"fr.b"}
    assert "significance" not in sc and "references" not in sc


def test_quality_formula():
    from mtcheck.config import DEFAULT_QUALITY
    from mtcheck.model import Finding
    from mtcheck.score import quality_score

    def f(sev, code="MT301"):
        return Finding(code, "x", sev, "fr", "p", 1, 1, 1, 1, "", "", "", "fp")

    w = dict(DEFAULT_QUALITY)
    assert quality_score([], 500, w) == 100.0
    assert quality_score([f("error")], 1000, w) == 90.0
    assert quality_score([f("error"), f("warning")], 500, w) == 74.0  # 13 points / 500 words = 26 per 1000
    assert quality_score([f("error")] * 20, 1000, w) == 0.0
    assert quality_score([f("info")], 10, w) == 100.0
    assert quality_score([f("error", "MT901")], 100, w) == 100.0  # score findings are not counted
    w2 = {**w, "warning": 10.0, "max_penalty": 50.0}
    assert quality_score([f("warning")], 1000, w2) == 80.0


def test_tokenizers():
    from mtcheck.score import _tokenizer_works, tokenizer_for

    assert tokenizer_for("zh") == "zh"
    assert tokenizer_for("fr") == "13a"
    assert tokenizer_for("th") == "char"
    assert tokenizer_for("ja") == ("ja-mecab" if _tokenizer_works("ja-mecab") else "char")


def test_chinese_and_japanese_scores(article):
    import sacrebleu

    from mtcheck.score import tokenizer_for

    zref = ["市议会周二通过了一千二百万欧元的新桥预算。", "工程将于春季开工，持续两年。"]
    zhyp = ["市议会周二批准了新桥一千二百万欧元的预算。", "工程春天开始，为期两年。"]
    jref = ["市議会は火曜日、新しい橋の予算を可決した。", "工事は春に始まり、二年間続く。"]
    jhyp = ["市議会は火曜日に新しい橋の予算を承認した。", "工事は春に始まって二年続く。"]
    src = ["The city council on Tuesday passed the budget for the new bridge.", "Work starts in spring and lasts two years."]
    folder = article({
        "en.source.txt": _lines(src), "zh.ref.txt": _lines(zref), "zh.mt.txt": _lines(zhyp),
        "ja.ref.txt": _lines(jref), "ja.mt.txt": _lines(jhyp), "mtcheck.toml": WITH_TER,
    })
    vs = _versions(check_json(folder)[1])
    z = vs["zh.mt"]
    assert "tok:zh" in z["signatures"]["bleu"] and "asian:yes" in z["signatures"]["ter"]
    assert abs(z["scores"]["bleu"] - sacrebleu.corpus_bleu(zhyp, [zref], tokenize="zh").score) < 0.006
    assert abs(z["scores"]["chrf"] - sacrebleu.corpus_chrf(zhyp, [zref]).score) < 0.006
    j = vs["ja.mt"]
    tok = tokenizer_for("ja")
    assert f"tok:{tok}" in j["signatures"]["bleu"]
    assert abs(j["scores"]["bleu"] - sacrebleu.corpus_bleu(jhyp, [jref], tokenize=tok).score) < 0.006


def _write_config(folder: Path, body: str) -> None:
    (folder / "mtcheck.toml").write_text(body, encoding="utf-8")


def test_threshold_fails_gate_through_cli(tmp_path):
    from conftest import write_article

    root = tmp_path / "proj"
    art = write_article(root / "art", _files())
    _write_config(root, "[thresholds]\nmin_chrf = 70\n")
    code, report, out = check_json(art)
    assert code == 1, out
    mt = findings(report, "MT9")
    assert [f["version"] for f in mt] == ["fr.google"]
    f = mt[0]
    assert f["code"] == "MT901" and f["check"] == "scores.min-chrf" and f["severity"] == "error"
    assert (f["line"], f["column"], f["end_line"], f["end_column"], f["text"]) == (1, 1, 1, 1, "")
    assert "chrF" in f["message"] and "70" in f["message"] and "nrefs:1|" in f["message"] and "fr.ref" in f["message"]
    assert f["data"]["threshold"] == 70 and f["data"]["signature"].startswith("nrefs:1")
    assert report["gate"]["passed"] is False


def test_threshold_met_passes_and_pyproject_config(tmp_path):
    from conftest import write_article

    root = tmp_path / "proj"
    art = write_article(root / "art", _files())
    (root / "pyproject.toml").write_text("[tool.mtcheck.thresholds]\nmin_chrf = 10\nmax_ter = 99\nmin_quality = 50\n", encoding="utf-8")
    code, report, out = check_json(art)
    assert code == 0, out
    assert not findings(report, "MT9")


def test_each_threshold_kind(tmp_path):
    from conftest import write_article

    root = tmp_path / "proj"
    art = write_article(root / "art", _files())
    _write_config(root, "[thresholds]\nmin_bleu = 99\nmax_ter = 1\nmin_quality = 100.5\n")
    code, report, _ = check_json(art)
    assert code == 1
    got = {(f["code"], f["version"]) for f in findings(report, "MT9")}
    assert {("MT902", "fr.deepl"), ("MT902", "fr.google"), ("MT903", "fr.deepl"), ("MT903", "fr.google")} <= got
    assert {("MT904", v) for v in ("en.source", "fr.ref", "fr.deepl", "fr.google")} <= got


def test_explain_and_rules_know_mt9xx():
    from mtcheck.checks.base import all_checks

    checks = all_checks()
    for code, name in (("MT901", "scores.min-chrf"), ("MT902", "scores.min-bleu"), ("MT903", "scores.max-ter"), ("MT904", "scores.min-quality")):
        cls = checks[code]
        assert cls.name == name and cls.severity == "error" and cls.runs_on_article is False
        doc = cls.documentation()
        assert len(doc.splitlines()) > 4 and "Example" in doc


def test_segment_table_and_csv(article, tmp_path):
    import mtcheck
    from mtcheck.report import render_to
    from mtcheck.table import segment_table

    folder = article(_files())
    result = mtcheck.run([str(folder)])
    df = segment_table(result)
    n_rows = len(result.articles[0].alignment.rows)
    assert len(df) == n_rows
    assert list(df.columns[:3]) == ["article", "row", "confidence"]
    assert "fr.deepl:chrf" in df.columns and "fr.ref:chrf" not in df.columns
    assert " ".join(df["fr.google:text"]) == " ".join(SYS_B)
    assert df["fr.deepl:findings"].dtype.kind == "i"
    assert (df["fr.deepl:chrf"] > df["fr.google:chrf"]).all()
    out = tmp_path / "t.segments.csv"
    render_to(str(out), result)
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == n_rows and rows[0]["fr.ref:text"] == REF[0]
    per_row = result.articles[0].extras["scores"]["segment_chrf"]
    assert float(rows[2]["fr.google:chrf"]) == pytest.approx(per_row[2]["chrf"]["fr.google"], abs=0.01)


def test_version_stays_light():
    import subprocess
    import sys

    code = "import sys, mtcheck.score, mtcheck.table, mtcheck.checks.scores; print('sacrebleu' in sys.modules, 'pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False"]


def test_demo_corpus_when_present():
    demo = REPO / "corpora" / "solar-cooperative"
    if not (demo / "fr.ref.txt").exists():
        pytest.skip("demo article not present")
    import mtcheck

    result = mtcheck.run([str(demo)])
    vs = {v.id: v.scores for v in result.articles[0].versions}
    assert vs["fr.deepl"]["chrf"] > vs["fr.google"]["chrf"]
    assert all("quality" in s for s in vs.values())
