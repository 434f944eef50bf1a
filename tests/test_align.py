"""Alignment: planted merges, splits, omissions and additions are recovered.

Small hand-written articles (English source; French, German, Russian, Chinese,
Japanese versions: Latin, Cyrillic and CJK scripts).  Each sentence carries a number
or a name, as news sentences do, and the test checks the exact rows.
"""

from __future__ import annotations

import time

import pytest

from conftest import needs_shared
from mtcheck.align import align_article
from mtcheck.load import parse_language_tag
from mtcheck.markup import blank_markup
from mtcheck.model import Article, Version
from mtcheck.segment import segment_version

EN = [
    "The city council of Lyon approved the new bridge on Monday.",
    "It will cost 48 million euros and open in 2027.",
    "Mayor Grégory Doucet said the project would ease traffic on the Rhône.",
    "Opponents collected 12,000 signatures against it.",
    "The first stone will be laid in March, according to the council.",
    "Work is expected to last three years.",
]
FR = [
    "Le conseil municipal de Lyon a approuvé lundi le nouveau pont.",
    "Il coûtera 48 millions d'euros et ouvrira en 2027.",
    "Le maire Grégory Doucet a déclaré que le projet fluidifierait la circulation sur le Rhône.",
    "Les opposants ont recueilli 12 000 signatures contre lui.",
    "La première pierre sera posée en mars, selon le conseil.",
    "Les travaux devraient durer trois ans.",
]
DE = [
    "Der Stadtrat von Lyon hat am Montag die neue Brücke genehmigt.",
    "Sie wird 48 Millionen Euro kosten und 2027 eröffnet.",
    "Bürgermeister Grégory Doucet sagte, das Projekt werde den Verkehr an der Rhône entlasten.",
    "Gegner sammelten 12.000 Unterschriften dagegen.",
    "Der Grundstein wird laut Stadtrat im März gelegt.",
    "Die Arbeiten sollen drei Jahre dauern.",
]
RU = [
    "Городской совет Лиона в понедельник одобрил строительство нового моста.",
    "Он обойдётся в 48 миллионов евро и откроется в 2027 году.",
    "Мэр Грегори Дусе заявил, что проект разгрузит движение на Роне.",
    "Противники собрали 12 000 подписей против него.",
    "Первый камень будет заложен в марте, сообщил совет.",
    "Работы продлятся три года.",
]
ZH = [
    "里昂市议会周一批准了新桥的建设。",
    "该桥耗资4800万欧元，将于2027年开通。",
    "市长格雷戈里·杜塞表示，该项目将缓解罗讷河上的交通。",
    "反对者收集了12000个签名。",
    "据市议会称，奠基仪式将于3月举行。",
    "工程预计持续三年。",
]
JA = [
    "リヨン市議会は月曜日、新しい橋の建設を承認した。",
    "費用は4800万ユーロで、2027年に開通する予定だ。",
    "グレゴリー・ドゥセ市長は、このプロジェクトによりローヌ川の交通が緩和されると述べた。",
    "反対派は1万2000人の署名を集めた。",
    "市議会によると、着工は3月になる。",
    "工事は3年続く見込みだ。",
]
OTHER_FR = "Le festival de jazz de Vienne accueillera 85 concerts cet été."


def make_version(vid: str, sentences: list[str], per_paragraph: int = 2) -> Version:
    lang = vid.split(".")[0]
    tag = parse_language_tag(lang)
    joiner = "" if tag.language in ("zh", "ja") else " "
    paras = [joiner.join(sentences[i:i + per_paragraph]) for i in range(0, len(sentences), per_paragraph)]
    text = "\n\n".join(paras) + "\n"
    label = vid.partition(".")[2] or None
    return Version(id=vid, lang=tag.lang, language=tag.language, label=label, path=vid + ".txt", text=text,
                   check_text=blank_markup(text, "txt"), format="txt", script=tag.script)


def align(versions: list[Version]):
    art = Article(id="t", path="t", versions=tuple(versions))
    segs = {v.id: segment_version(v) for v in versions}
    return align_article(art, segs), segs


def rows_as_text(al, segs) -> list[dict[str, tuple[str, ...]]]:
    return [{vid: tuple(segs[vid][k].text for k in cell) for vid, cell in r.cells.items()} for r in al.rows]


def row_of(al, vid: str, k: int) -> int:
    return next(r.index for r in al.rows if k in r.cells[vid])


_HARD = pytest.mark.xfail(
    reason="known weakness: a short added sentence (20 characters) next to a short genuine one in a "
    "6-sentence article: length alone cannot tell which is the counterpart and the genuine one's number "
    "(3月) is not in the pivot; see benchmarks/alignment_eval.py --ops omit=1,add=1",
    strict=False,
)


def base_versions(**overrides: list[str]) -> list[Version]:
    texts = {"en.source": EN, "fr": FR, "de": DE, "ru": RU, "zh": ZH, "ja": JA}
    texts.update({k.replace("_", "."): v for k, v in overrides.items()})
    return [make_version(vid, t) for vid, t in texts.items()]


def test_clean_article_one_row_per_sentence():
    al, segs = align(base_versions())
    assert al.pivot == "en.source"
    assert len(al.rows) == 6
    for i, r in enumerate(al.rows):
        for vid in segs:
            assert r.cells[vid] == (i,), (vid, i, rows_as_text(al, segs)[i])
    assert all(q >= 0.6 for q in al.quality.values()), al.quality


@pytest.mark.parametrize("vid, sents", [("fr", FR), ("de", DE), ("ru", RU), ("zh", ZH), ("ja", JA)])
def test_merge_is_recovered(vid, sents):
    # the version renders sentences 1 and 2 as one sentence
    comma = "，" if vid == "zh" else "、" if vid == "ja" else ","
    joiner = "" if vid in ("zh", "ja") else " "
    merged = sents[:1] + [sents[1][:-1] + comma + joiner + sents[2]] + sents[3:]
    al, segs = align(base_versions(**{vid: merged}))
    r = row_of(al, "en.source", 1)
    assert al.rows[r].cells["en.source"] == (1, 2)
    assert al.rows[r].cells[vid] == (1,)
    for other in ("fr", "de", "ru", "zh", "ja"):
        if other != vid:
            assert al.rows[r].cells[other] == (1, 2)
    assert row_of(al, "en.source", 3) == r + 1 and al.rows[r + 1].cells[vid] == (2,)


@pytest.mark.parametrize(
    "vid, first, second",
    [
        ("fr", "Le maire Grégory Doucet a fait une déclaration.", "Selon lui, le projet fluidifierait la circulation sur le Rhône."),
        ("de", "Bürgermeister Grégory Doucet äußerte sich.", "Das Projekt werde den Verkehr an der Rhône entlasten."),
        ("ru", "Мэр Грегори Дусе сделал заявление.", "По его словам, проект разгрузит движение на Роне."),
        ("zh", "市长格雷戈里·杜塞发表了讲话。", "他表示，该项目将缓解罗讷河上的交通。"),
        ("ja", "グレゴリー・ドゥセ市長が発言した。", "このプロジェクトによりローヌ川の交通が緩和されるという。"),
    ],
)
def test_split_is_recovered(vid, first, second):
    sents = {"fr": FR, "de": DE, "ru": RU, "zh": ZH, "ja": JA}[vid]
    split = sents[:2] + [first, second] + sents[3:]
    al, segs = align(base_versions(**{vid: split}))
    r = row_of(al, "en.source", 2)
    assert al.rows[r].cells["en.source"] == (2,)
    assert al.rows[r].cells[vid] == (2, 3)
    assert al.rows[row_of(al, "en.source", 3)].cells[vid] == (4,)
    assert len(al.rows) == 6


@pytest.mark.parametrize("vid, sents", [("fr", FR), ("de", DE), ("ru", RU), ("zh", ZH), ("ja", JA)])
def test_omission_is_recovered(vid, sents):
    omitted = sents[:3] + sents[4:]  # sentence 3 (the 12,000 signatures) is missing
    al, segs = align(base_versions(**{vid: omitted}))
    assert len(al.rows) == 6
    r = row_of(al, "en.source", 3)
    assert al.rows[r].cells[vid] == ()
    assert al.rows[row_of(al, "en.source", 4)].cells[vid] == (3,)
    assert al.rows[row_of(al, "en.source", 2)].cells[vid] == (2,)


def test_addition_gets_a_row_of_its_own():
    added = FR[:4] + [OTHER_FR] + FR[4:]
    al, segs = align(base_versions(fr=added))
    extra = [r for r in al.rows if not r.cells["en.source"]]
    assert len(extra) == 1 and extra[0].cells["fr"] == (4,)
    assert all(not cell for vid, cell in extra[0].cells.items() if vid != "fr")
    assert al.rows[row_of(al, "en.source", 4)].cells["fr"] == (5,)


@_HARD
def test_all_at_once_in_several_versions():
    fr = FR[:1] + [FR[1][:-1] + ", " + FR[2]] + FR[3:]  # merge
    ru = RU[:3] + RU[4:]  # omission
    ja = JA[:5] + ["パリでは同じ日に85のコンサートが開かれた。"] + JA[5:]  # addition
    al, segs = align(base_versions(fr=fr, ru=ru, ja=ja))
    assert al.rows[row_of(al, "en.source", 1)].cells["fr"] == (1,)
    assert al.rows[row_of(al, "en.source", 3)].cells["ru"] == ()
    assert al.rows[row_of(al, "en.source", 5)].cells["ja"] == (6,)
    assert any(r.cells["ja"] == (5,) and not r.cells["en.source"] for r in al.rows)


def test_same_language_versions_align():
    deepl = FR[:2] + ["Selon le maire Grégory Doucet, le projet fluidifiera la circulation sur le Rhône."] + FR[3:]
    google = FR[:4] + FR[5:]
    al, segs = align([make_version("en.source", EN), make_version("fr.deepl", deepl), make_version("fr.google", google)])
    for i in range(6):
        r = al.rows[row_of(al, "en.source", i)]
        assert r.cells["fr.deepl"] == (i,)
        assert r.cells["fr.google"] == ((i,) if i < 4 else () if i == 4 else (i - 1,))


def test_pivot_without_source_and_without_english():
    al, segs = align([make_version(v, t) for v, t in (("fr", FR), ("de", DE), ("ru", RU), ("zh", ZH), ("ja", JA[:2] + JA[3:]))])
    assert al.pivot in ("fr", "de", "ru", "zh")
    for i in range(6):
        r = al.rows[row_of(al, al.pivot, i)]
        assert all(r.cells[v] == (i,) for v in ("fr", "de", "ru", "zh"))


def test_a_different_article_has_low_quality():
    other = [
        "Le festival de jazz de Vienne accueillera 85 concerts cet été.",
        "Les billets sont en vente depuis le 4 avril sur le site officiel.",
        "Marcus Miller et Norah Jones sont attendus au théâtre antique.",
        "L'an dernier, 210 000 spectateurs étaient venus.",
        "La ville prévoit des navettes gratuites depuis Lyon-Part-Dieu.",
        "Le programme complet sera publié en mai.",
    ]
    al, _ = align(base_versions(fr=other))
    assert al.quality["fr"] < 0.25, al.quality
    assert all(q >= 0.5 for vid, q in al.quality.items() if vid != "fr"), al.quality


def test_twenty_versions_of_forty_sentences_align_fast():
    langs = ["en.source", "fr", "de", "es", "it", "pt", "nl", "ru", "uk", "pl", "cs", "tr", "ar", "zh", "ja", "ko",
             "hi", "el", "fi", "id"]
    texts = {"en": EN, "fr": FR, "de": DE, "ru": RU, "uk": RU, "zh": ZH, "ja": JA}
    versions = [make_version(v, (texts.get(v.split(".")[0], FR) * 7)[:40], 4) for v in langs]
    art = Article(id="t", path="t", versions=tuple(versions))
    segs = {v.id: segment_version(v) for v in versions}
    align_article(art, segs)  # warm up (numpy import)
    t0 = time.process_time()
    for _ in range(3):
        al = align_article(art, segs)
    per = (time.process_time() - t0) / 3
    assert len(al.rows) >= 40
    assert per < 0.15, f"{per * 1000:.0f} ms"  # ~10 ms on a quiet machine; generous for CI


def test_ntrex_rows_with_planted_merges_and_splits():
    needs_shared("data/ntrex-dev")
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("alignment_eval", Path(__file__).resolve().parents[1] / "benchmarks" / "alignment_eval.py")
    mod = importlib.util.module_from_spec(spec)
    import sys

    sys.modules["alignment_eval"] = mod
    spec.loader.exec_module(mod)
    import argparse

    args = argparse.Namespace(data=mod.DATA, ops={"merge": 1, "split": 1}, source=True, same_language=False, join=1, seed="0")
    ok = total = 0
    for k, (name, art, spans_of, _) in enumerate(mod.build_articles(args)):
        if k >= 8:
            break
        segs = {v.id: segment_version(v) for v in art.versions}
        pv, _, _, _ = mod.score(art, segs, spans_of, align_article(art, segs))
        ok += sum(c for c, _ in pv.values())
        total += sum(t for _, t in pv.values())
    assert ok / total >= 0.95
