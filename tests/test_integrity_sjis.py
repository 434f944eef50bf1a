"""MT502: Japanese UTF-8 read as Shift_JIS, and MT201 leaving it to MT502."""

from __future__ import annotations

from conftest import check_json, findings

from mtcheck.checks.integrity import _sjis_spans

EN = "The company said it would test the vaccine on pregnant women next year.\n"
JA = "同社は来年、妊婦を対象にワクチンの試験を行うと述べた。\n"


def sjis(s: str) -> str:
    return s.encode("utf-8").decode("cp932")


def test_spans_repaired_and_clean_text_left_alone():
    bad = JA.replace("ワクチン", sjis("ワクチン"))
    assert sjis("ワクチン") == "繝ｯ繧ｯ繝√Φ"
    assert _sjis_spans(bad) == [(bad.index("繝"), bad.index("繝") + 7, "ワクチン")]
    # lower-cased (Φ -> φ) still decodes
    assert _sjis_spans(bad.lower())[0][2] == "ワクチン"
    # real Japanese and Chinese text, even with the rare kanji 縲/繧, is no mojibake
    assert _sjis_spans(JA) == []
    assert _sjis_spans("他用繧线缠绕，纺织厂的工人说。") == []


def test_mojibake_in_japanese_version_is_mt502_not_a_menu(article):
    files = {"en.source.txt": EN, "ja.txt": JA.replace("ワクチン", sjis("ワクチン"))}
    code, report, out = check_json(article(files), args=("--select", "MT2*,MT502"))
    assert code in (0, 1), out
    got = [(f["code"], f["text"], f.get("expected")) for f in findings(report, "MT")]
    assert got == [("MT502", "繝ｯ繧ｯ繝√Φ", "ワクチン")]
