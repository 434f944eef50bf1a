"""Lower-cased versions (some MT pipelines deliver all-lower-case text).

Capitalisation no longer tells a kept English name from an untranslated
fragment, and lower-cased mojibake ("ã©" for "Ã©") no longer decodes; these
tests hold the checks to the same precision and recall on lower-cased text.
"""

from __future__ import annotations

from conftest import check_json, findings

from mtcheck.checks.language import _is_lowercased, _name_phrases

EN = (
    "Bridge inspectors sound the alarm\n\n"
    "Data from the Maritime Rescue Network shows that forty ferries were delayed last winter.\n\n"
    "The report was presented at London Harbour Week, an annual meeting of port operators.\n\n"
    "Inspectors from the Coastal Works Agency said the old pier must be closed before the storms.\n\n"
    "The city council will vote on the repairs in March, the mayor said.\n"
)
DE = (
    "Brückeninspektoren schlagen Alarm\n\n"
    "Daten des Maritime Rescue Network zeigen, dass im letzten Winter vierzig Fähren verspätet waren.\n\n"
    "Der Bericht wurde auf der London Harbour Week vorgestellt, einem jährlichen Treffen der Hafenbetreiber.\n\n"
    "Inspektoren der Coastal Works Agency sagten, der alte Pier müsse vor den Stürmen geschlossen werden.\n\n"
    "Der Stadtrat wird im März über die Reparaturen abstimmen, sagte der Bürgermeister.\n"
)
FR = (
    "Les inspecteurs des ponts tirent la sonnette d'alarme\n\n"
    "Les données du réseau de sauvetage maritime montrent que quarante ferries ont été retardés l'hiver dernier.\n\n"
    "Le rapport a été présenté lors de la semaine du port de Londres, une réunion annuelle des exploitants portuaires.\n\n"
    "Les inspecteurs de l'agence des travaux côtiers ont déclaré que la vieille jetée devait être fermée avant les tempêtes.\n\n"
    "Le conseil municipal votera sur les réparations en mars, a déclaré le maire.\n"
)
ES = (
    "Los inspectores de puentes dan la alarma\n\n"
    "Los datos de la red de rescate marítimo muestran que cuarenta transbordadores se retrasaron el invierno pasado.\n\n"
    "El informe se presentó en la semana del puerto de Londres, una reunión anual de operadores portuarios.\n\n"
    "Los inspectores de la agencia de obras costeras dijeron que el viejo muelle debe cerrarse antes de las tormentas.\n\n"
    "El ayuntamiento votará las reparaciones en marzo, dijo el alcalde.\n"
)
RU = (
    "Инспекторы мостов бьют тревогу\n\n"
    "Данные Maritime Rescue Network показывают, что прошлой зимой сорок паромов опоздали.\n\n"
    "Доклад был представлен на London Harbour Week, ежегодной встрече операторов портов.\n\n"
    "Инспекторы Coastal Works Agency заявили, что старый пирс нужно закрыть до штормов.\n\n"
    "Городской совет проголосует за ремонт в марте, сообщил мэр.\n"
)


def lower(files):
    return {k: (v if ".source." in k else v.lower()) for k, v in files.items()}


def with_english_fragment(de: str) -> str:
    """The lower-cased German version with an English fragment left in one sentence."""
    return de.replace("der stadtrat wird im märz über die reparaturen abstimmen",
                      "der stadtrat will vote on the repairs in march über die reparaturen abstimmen")


def mt(article, files, prefix):
    code, report, out = check_json(article(files), args=("--select", f"{prefix}*"))
    assert code in (0, 1), out
    return findings(report, prefix)


def base():
    return {"en.source.txt": EN, "de.txt": DE, "fr.txt": FR, "es.txt": ES, "ru.txt": RU}


def test_is_lowercased():
    assert _is_lowercased(DE.lower())
    assert not _is_lowercased(DE)
    assert not _is_lowercased("ok")  # too few letters to tell


def test_name_phrases_from_title_case_runs():
    phrases, singles = _name_phrases([EN])
    assert (("maritime", "rescue", "network"), (0, 1, 2)) in phrases["maritime"]
    assert (("coastal", "works", "agency"), (0, 1, 2)) in phrases["coastal"]
    assert (("london", "harbour", "week"), (0, 1, 2)) in phrases["london"]
    # joining words are part of the phrase but stay ordinary words
    phrases, _ = _name_phrases(["He works for the Institute for Policy Research in Skopje."])
    assert (("institute", "for", "policy", "research"), (0, 2, 3)) in phrases["institute"]
    # the sentence-initial "The" is no name
    assert "the" not in phrases and "the" not in singles
    # headline-case lines name nothing
    phrases, _ = _name_phrases(["Bridge Inspectors Sound The Alarm Over Ferries\n\nThey met."])
    assert not phrases


def test_cased_article_is_clean(article):
    assert mt(article, base(), "MT2") == []


def test_kept_english_names_in_lower_case_are_not_fragments(article):
    # "maritime rescue network" in lower-cased German/French/Spanish/Russian reads
    # as English, but the source writes it in Title Case: a name kept in English
    assert mt(article, lower(base()), "MT2") == []


def test_english_fragment_in_lower_case_version_is_still_found(article):
    files = lower(base())
    files["de.txt"] = with_english_fragment(files["de.txt"])
    hits = mt(article, files, "MT2")
    assert [(h["version"], h["code"]) for h in hits] == [("de", "MT202")]
    assert "vote on the repairs" in hits[0]["text"]


def test_english_prose_in_lower_case_cyrillic_version_is_still_found(article):
    files = lower(base())
    files["ru.txt"] = files["ru.txt"].replace(
        "городской совет проголосует за ремонт в марте",
        "the city council will vote on the repairs in march")
    hits = mt(article, files, "MT2")
    assert [(h["version"], h["code"]) for h in hits] == [("ru", "MT201")] or \
        [(h["version"], h["code"]) for h in hits] == [("ru", "MT203")]


def test_passage_of_common_own_words_is_not_foreign():
    from mtcheck.checks.language import _all_native

    # valid Spanish that reads like French; valid Ukrainian that reads like Russian
    assert _all_native(["comité", "de", "la"], "es", "fr")
    assert _all_native(["членство", "в", "нато", "принесе"], "uk", "ru")
    # English left in German: "vote", "on", "the" are no German words
    assert not _all_native(["vote", "on", "the", "repairs"], "de", "en")


# --- lower-cased mojibake (MT502) -------------------------------------------------

RU_TEXT = (
    "инспекторы мостов бьют тревогу.\n\n"
    "в этом контексте буква w произносится примерно как у, сообщил мэр.\n\n"
    "городской совет проголосует за ремонт в марте.\n"
)
PT_TEXT = (
    "a câmara municipal votará as reparações em março, disse o presidente.\n\n"
    "os comerciantes temem que os clientes não venham durante as obras.\n\n"
    "a minha irmã” disse que a ponte está velha, e a «irmã» concordou.\n\n"
    "as informações da câmara são públicas.\n"
)


def mojibake(s: str) -> str:
    """UTF-8 read as cp1252, then lower-cased (as an MT pipeline that lower-cases would deliver it)."""
    return s.encode("utf-8").decode("cp1252", errors="replace").lower()


def test_mojibake_helper_gives_lower_case_mojibake():
    assert mojibake("буква") == "ð±ñƒðºð²ð°"
    assert mojibake("déclaré") == "dã©clarã©"


def test_lower_cased_mojibake_is_repaired(article):
    ru = RU_TEXT.replace("буква", mojibake("буква"))
    pt = PT_TEXT.replace("reparações", mojibake("reparações")).replace("câmara", mojibake("câmara"), 1)
    hits = mt(article, {"en.source.txt": EN, "ru.txt": ru, "pt.txt": pt}, "MT502")
    got = sorted((h["version"], h["text"], h["expected"]) for h in hits)
    assert got == [("pt", "cã¢mara", "câmara"), ("pt", "reparaã§ãµes", "reparações"), ("ru", "ð±ñƒðºð²ð°", "буква")]


def test_lower_cased_mojibake_in_other_scripts():
    from mtcheck.checks.integrity import _repair_lowered

    known = set("χόλιουκηştürkçegörüşmeleriżeąęالقديمة")
    assert _repair_lowered(mojibake("χόλιουκ"), "cp1252", "Grek", known)[0] == "χόλιουκ"
    assert _repair_lowered(mojibake("görüşmelerin"), "cp1252", "Latn", known)[0] == "görüşmelerin"
    assert _repair_lowered(mojibake("القديمة"), "cp1252", "Arab", known)[0] == "القديمة"
    # cp1251 mojibake (Russian read as Windows-1251), lower-cased
    bad = "привет".encode("utf-8").decode("cp1251").lower()
    assert _repair_lowered(bad, "cp1251", "Cyrl", set("привет"))[0] == "привет"


def test_lower_case_accents_and_quotes_are_not_mojibake(article):
    # "irmã”", "«irmã»": a word-final letter before a closing quote; "tässä”" in Finnish
    fi = "kaupunginvaltuusto äänestää korjauksista maaliskuussa, sanoi pormestari tässä” ja muualla.\n"
    hits = mt(article, {"en.source.txt": EN, "pt.txt": PT_TEXT, "fi.txt": fi, "fr.txt": "le maire l’a déclaré à « l’été »…\n"}, "MT502")
    assert hits == []


def test_lone_pairs_word_initial_capital_and_inside_a_word(article):
    de = ("der stadtrat hat die änderungen am montag genehmigt. die " + mojibake("Änderungen")
          + " betreffen den hafen.\n")
    vi = "Hội đồng thành phố sẽ bỏ phiếu vào tháng ba " + "năm".encode().decode("cp1252") + " nay, năm tới.\n"
    hits = mt(article, {"en.source.txt": EN, "de.txt": de, "vi.txt": vi}, "MT502")
    got = sorted((h["version"], h["text"], h["expected"]) for h in hits)
    assert got == [("de", "ã„nderungen", "änderungen"), ("vi", "nÄƒm", "năm")]


def all_lower(files):
    return {k: v.lower() for k, v in files.items()}


def test_names_kept_by_other_translations_when_all_versions_are_lower_case(article):
    # no cased version at all (the source is lower-cased too): "maritime rescue
    # network" standing in the German and the Russian version is a kept name
    assert mt(article, all_lower(base()), "MT2") == []


def test_fragment_found_when_all_versions_are_lower_case(article):
    files = all_lower(base())
    files["de.txt"] = with_english_fragment(files["de.txt"])
    hits = mt(article, files, "MT2")
    assert [(h["version"], h["code"]) for h in hits] == [("de", "MT202")]


def test_gloss_in_brackets_inside_a_quotation_is_not_prose(article):
    files = lower(base())
    files["ru.txt"] = files["ru.txt"].replace(
        "городской совет проголосует за ремонт в марте, сообщил мэр.",
        "«городской совет (the city harbour board) проголосует за ремонт в марте», сообщил мэр.")
    assert mt(article, files, "MT2") == []


# --- lower-cased names in MT501 / MT503 -----------------------------------------

EN_HOTEL = (
    "The Roa Roa Hotel collapsed during the earthquake, and Thorbjorn Olesen helped the rescuers.\n\n"
    "The city council will vote on the repairs in March, the mayor said.\n"
)
RU_HOTEL = (
    "отель роа роа рухнул во время землетрясения, и торбьорн олесен помогал спасателям.\n\n"
    "городской совет проголосует за ремонт в марте, сообщил мэр.\n"
)
PL_HOTEL = (
    "hotel roa roa zawalił się podczas trzęsienia ziemi, a spasatele widzieli thorbjorna olesena przy gruzach.\n\n"
    "rada miasta zagłosuje nad naprawami w marcu, powiedział burmistrz.\n"
)
DE_HOTEL = (
    "Das Hotel Roa Roa stürzte beim Erdbeben ein, und Thorbjorn Olesen half den Rettern.\n\n"
    "Der Stadtrat wird im März über die Reparaturen abstimmen, sagte der Bürgermeister.\n"
)


def test_doubled_name_in_lower_case_is_no_repetition(article):
    files = {"en.source.txt": EN_HOTEL, "ru.txt": RU_HOTEL, "pl.txt": PL_HOTEL, "de.txt": DE_HOTEL}
    assert mt(article, files, "MT503") == []
    # a real double is still found
    files["ru.txt"] = RU_HOTEL.replace("за ремонт", "за за ремонт")
    hits = mt(article, files, "MT503")
    assert [(h["version"], h["text"]) for h in hits] == [("ru", "за за")]


def test_inflected_name_in_lower_case_is_not_glued(article):
    files = {"en.source.txt": EN_HOTEL, "ru.txt": RU_HOTEL, "pl.txt": PL_HOTEL, "de.txt": DE_HOTEL}
    assert mt(article, files, "MT501") == []


def test_sentence_in_another_translations_language_still_found_in_lower_case(article):
    from test_language import EN as EN_B, ES as ES_B, FR as FR_B, IT as IT_B, DE as DE_B

    files = {"en.source.txt": EN_B, "es.txt": ES_B.lower(), "fr.txt": FR_B.lower(), "de.txt": DE_B.lower(),
             "it.txt": IT_B.lower().replace(
                 "i negozianti della zona temono che durante i lavori arrivino meno clienti.",
                 "los comerciantes locales temen que durante las obras lleguen muy pocos clientes nuevos.")}
    hits = mt(article, files, "MT2")
    assert [(h["version"], h["code"]) for h in hits] == [("it", "MT202")]


def test_source_sentence_glued_in_lower_case_version_is_untranslated(article):
    # lower-cased text has no capital to start a sentence, so the copied source
    # sentence stays glued to the translated one: found by a case-blind search
    en = EN + "\nTom Baker is mayor for the Port of Leith.\n"
    files = lower(base())
    files["en.source.txt"] = en
    files["ru.txt"] = files["ru.txt"].rstrip("\n") + " tom baker is mayor for the port of leith.\n"
    for k, t in (("de.txt", "tom baker ist bürgermeister des hafens von leith."),
                 ("fr.txt", "tom baker est le maire du port de leith."),
                 ("es.txt", "tom baker es el alcalde del puerto de leith.")):
        files[k] += "\n" + t + "\n"
    hits = mt(article, files, "MT2")
    assert [(h["version"], h["code"], h["text"]) for h in hits] == [("ru", "MT203", "tom baker is mayor for the port of leith.")]


def test_lower_cased_latin_language_menu(article):
    files = lower(base())
    files["de.txt"] = files["de.txt"].replace(
        "\n\ndaten des", "\n\nenglish français deutsch español italiano português\n\ndaten des")
    # a list of languages in running text is no menu
    files["fr.txt"] = files["fr.txt"].replace(
        "le conseil municipal votera", "des cours en español, italiano et português existent. le conseil municipal votera")
    hits = mt(article, files, "MT201")
    assert [(h["version"], h["text"]) for h in hits] == [("de", "english français deutsch español italiano português")]
