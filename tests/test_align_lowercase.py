"""Alignment of lower-cased versions (some MT pipelines deliver all-lower-case text).

A capital no longer marks a name, so a lower-cased version takes its rarer words
as name anchors (common words of its language left out; Cyrillic and Greek ones
transliterated), and the aligner keeps only the ones another language shares.
These tests check that such articles line up one row per sentence, with and
without a source, and that none of their versions is taken for another article.
"""

from __future__ import annotations

import pytest

from conftest import check_json, findings
from mtcheck.align import _anchors, align_article
from mtcheck.load import parse_language_tag
from mtcheck.markup import blank_markup
from mtcheck.model import Article, Version
from mtcheck.segment import segment_version

EN = [
    "Cardiff museum reopens after flood repairs",
    "The National Slate Museum in Cardiff reopened on Saturday after eighteen months of repairs.",
    "Floods in February 2024 had damaged 340 objects and the whole ground floor.",
    "Director Eluned Prydderch said the new gallery would show quarry tools from Snowdonia.",
    "The repairs cost 6.5 million pounds, most of it paid by the Welsh government.",
    "Visitors queued for two hours in the rain before the doors opened.",
    "A second gallery about miners in Patagonia will open in May.",
    "Entry to the museum remains free.",
]
FR = [
    "Le musée de Cardiff rouvre après des réparations dues aux inondations",
    "Le musée national de l'ardoise de Cardiff a rouvert samedi après dix-huit mois de travaux.",
    "Les inondations de février 2024 avaient endommagé 340 objets et tout le rez-de-chaussée.",
    "La directrice Eluned Prydderch a déclaré que la nouvelle galerie montrerait des outils de carrière de Snowdonia.",
    "Les travaux ont coûté 6,5 millions de livres, payés pour l'essentiel par le gouvernement gallois.",
    "Les visiteurs ont fait la queue deux heures sous la pluie avant l'ouverture des portes.",
    "Une deuxième galerie consacrée aux mineurs de Patagonie ouvrira en mai.",
    "L'entrée du musée reste gratuite.",
]
DE = [
    "Museum in Cardiff nach Hochwasserschäden wieder geöffnet",
    "Das Nationale Schiefermuseum in Cardiff hat am Samstag nach achtzehn Monaten Reparaturen wieder geöffnet.",
    "Das Hochwasser im Februar 2024 hatte 340 Objekte und das gesamte Erdgeschoss beschädigt.",
    "Direktorin Eluned Prydderch sagte, die neue Galerie zeige Steinbruchwerkzeuge aus Snowdonia.",
    "Die Reparaturen kosteten 6,5 Millionen Pfund, größtenteils bezahlt von der walisischen Regierung.",
    "Besucher standen zwei Stunden im Regen Schlange, bevor sich die Türen öffneten.",
    "Eine zweite Galerie über Bergleute in Patagonien wird im Mai eröffnet.",
    "Der Eintritt in das Museum bleibt frei.",
]
RU = [
    "Музей в Кардиффе вновь открылся после ремонта",
    "Национальный музей сланца в Кардиффе вновь открылся в субботу после восемнадцати месяцев ремонта.",
    "Наводнение в феврале 2024 года повредило 340 экспонатов и весь первый этаж.",
    "Директор Элунед Придерх сказала, что в новой галерее покажут инструменты каменоломен Сноудонии.",
    "Ремонт обошёлся в 6,5 миллиона фунтов, большую часть оплатило правительство Уэльса.",
    "Посетители два часа стояли в очереди под дождём, пока не открылись двери.",
    "Вторая галерея, посвящённая шахтёрам Патагонии, откроется в мае.",
    "Вход в музей по-прежнему бесплатный.",
]
JA = [
    "カーディフの博物館、洪水の修復を終えて再開",
    "カーディフの国立スレート博物館は、18か月の修復を経て土曜日に再開した。",
    "2024年2月の洪水で、340点の展示品と1階全体が被害を受けた。",
    "エルネド・プリザーチ館長は、新しい展示室でスノードニアの採石道具を紹介すると述べた。",
    "修復費用は650万ポンドで、大半をウェールズ政府が負担した。",
    "来館者は開館前、雨の中で2時間並んだ。",
    "パタゴニアの鉱山労働者を紹介する第2展示室は5月に開く。",
    "入館は引き続き無料だ。",
]
ES = [
    "El museo de Cardiff reabre tras las reparaciones por la inundación",
    "El Museo Nacional de la Pizarra de Cardiff reabrió el sábado tras dieciocho meses de obras.",
    "Las inundaciones de febrero de 2024 dañaron 340 objetos y toda la planta baja.",
    "La directora Eluned Prydderch dijo que la nueva galería mostrará herramientas de cantera de Snowdonia.",
    "Las obras costaron 6,5 millones de libras, pagadas en su mayor parte por el gobierno galés.",
    "Los visitantes hicieron cola dos horas bajo la lluvia antes de que se abrieran las puertas.",
    "Una segunda galería sobre los mineros de la Patagonia abrirá en mayo.",
    "La entrada al museo sigue siendo gratuita.",
]
# another article, for the "is it the same article?" check
OTHER_DE = [
    "Neue Fähre zwischen Kiel und Oslo",
    "Die Reederei Nordlicht stellt im Herbst eine neue Fähre in Dienst.",
    "Das Schiff bietet Platz für 1200 Passagiere und 400 Autos.",
    "Es soll dreimal pro Woche zwischen Kiel und Oslo verkehren.",
    "Die Überfahrt dauert neunzehn Stunden.",
    "Der Bau in einer finnischen Werft kostete 210 Millionen Euro.",
    "Kritiker bemängeln den hohen Verbrauch an Schweröl.",
    "Tickets sind ab Juni erhältlich.",
]
TEXTS = {"en": EN, "fr": FR, "de": DE, "ru": RU, "ja": JA, "es": ES}


def lower(s: str) -> str:
    return "".join(low if len(low := ch.lower()) == 1 else ch for ch in s)


def make_version(vid: str, sentences: list[str], lowered: bool) -> Version:
    tag = parse_language_tag(vid.split(".")[0])
    joiner = "" if tag.language in ("zh", "ja") else " "
    paras = [sentences[0]] + [joiner.join(sentences[i:i + 2]) for i in range(1, len(sentences), 2)]
    text = "\n\n".join(paras) + "\n"
    if lowered:
        text = lower(text)
    return Version(id=vid, lang=tag.lang, language=tag.language, label=vid.partition(".")[2] or None,
                   path=vid + ".txt", text=text, check_text=blank_markup(text, "txt"), format="txt",
                   script=tag.script)


def align(texts: dict[str, list[str]], lowered: set[str]):
    versions = tuple(make_version(vid, s, vid in lowered) for vid, s in texts.items())
    segs = {v.id: segment_version(v) for v in versions}
    return align_article(Article(id="t", path="t", versions=versions), segs), segs


def assert_one_row_per_sentence(al, segs):
    assert len(al.rows) == len(EN), [r.cells for r in al.rows]
    for i, r in enumerate(al.rows):
        for vid in segs:
            assert r.cells[vid] == (i,), (vid, i, r.cells)


@pytest.mark.parametrize("with_source", [False, True])
def test_all_lower_cased_versions_line_up(with_source):
    texts = dict(TEXTS)
    if with_source:
        texts = {"en.source": texts.pop("en"), **texts}
    al, segs = align(texts, set(texts))
    assert_one_row_per_sentence(al, segs)
    assert all(q >= 0.4 for q in al.quality.values()), al.quality  # ja: 18か月, 1階, 5月 are numbers only there


def test_lower_cased_translations_of_a_cased_source_line_up():
    texts = {"en.source": EN, **{k: v for k, v in TEXTS.items() if k != "en"}}
    al, segs = align(texts, set(texts) - {"en.source"})
    assert al.pivot == "en.source"
    assert_one_row_per_sentence(al, segs)
    assert all(q >= 0.4 for q in al.quality.values()), al.quality  # ja: 18か月, 1階, 5月 are numbers only there


def test_lower_cased_merge_and_split_are_recovered():
    fr = list(FR)
    fr[2:4] = [fr[2][:-1] + ", et " + fr[3][0].lower() + fr[3][1:]]  # 2 + 3 merged
    de = list(DE)
    de[4:5] = ["Die Reparaturen kosteten 6,5 Millionen Pfund.",
               "Größtenteils bezahlt hat sie die walisische Regierung."]  # 4 split
    texts = {"en.source": EN, **dict(TEXTS, fr=fr, de=de)}
    del texts["en"]
    al, segs = align(texts, set(texts))
    assert al.pivot == "en.source"
    cells = {r.cells["en.source"]: r.cells for r in al.rows}
    assert cells[(2, 3)]["fr"] == (2,) and cells[(2, 3)]["de"] == (2, 3)
    assert cells[(4,)]["de"] == (4, 5) and cells[(4,)]["fr"] == (3,)
    assert cells[(7,)]["de"] == (8,) and cells[(7,)]["ru"] == (7,)


def test_lower_cased_names_are_anchors_and_common_words_are_not():
    a = _anchors("director eluned prydderch said the new gallery would show tools from snowdonia.", True, False, "en")
    assert {"elune", "prydd", "snowd"} <= a
    assert not {"said", "would", "from", "the"} & a
    # Cyrillic: names transliterated, as capitalised ones are in a cased version
    r = _anchors("директор элунед придерх также сказала, что покажут инструменты сноудонии.", False, False, "ru")
    assert "elune" in r and "snoud" in r
    assert "takzh" not in r  # также: one of the most common words
    # without the language (or in a cased version) nothing changes
    assert _anchors("Director Eluned Prydderch said so.", True, True, "en") == _anchors(
        "Director Eluned Prydderch said so.", True, True)


def test_no_mt002_on_a_lower_cased_article(article):
    files = {f"{vid}.txt": "\n\n".join([lower(s[0])] + [lower(" ".join(s[i:i + 2])) if vid != "ja" else
                                                     lower("".join(s[i:i + 2])) for i in range(1, len(s), 2)]) + "\n"
             for vid, s in TEXTS.items()}
    code, report, out = check_json(article(files), args=("--select", "MT0*"))
    assert not findings(report, "MT002"), findings(report, "MT002")


def test_a_lower_cased_foreign_article_is_still_reported(article):
    texts = dict(TEXTS, de=OTHER_DE)
    files = {f"{vid}.txt": "\n\n".join([lower(s[0])] + [lower(("" if vid == "ja" else " ").join(s[i:i + 2]))
                                                     for i in range(1, len(s), 2)]) + "\n"
             for vid, s in texts.items()}
    code, report, out = check_json(article(files), args=("--select", "MT0*"))
    assert [f["version"] for f in findings(report, "MT002")] == ["de"], findings(report, "MT002")
