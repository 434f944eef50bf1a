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
    assert ("maritime", "rescue", "network") in phrases["maritime"]
    assert ("coastal", "works", "agency") in phrases["coastal"]
    assert ("london", "harbour", "week") in phrases["london"]
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
    files["de.txt"] = files["de.txt"].replace(
        "der stadtrat wird im märz über die reparaturen abstimmen",
        "der stadtrat will vote on the repairs in march über die reparaturen abstimmen")
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
