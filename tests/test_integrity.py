"""MT5xx integrity checks: each case positive and negative (texts written for these tests)."""

from __future__ import annotations

from conftest import check_json, findings

EN = "The council approved the new budget on Monday. It will fund three schools and a hospital.\n\nThe mayor said the plan was fair.\n"
DE = "Der Rat hat am Montag den neuen Haushalt gebilligt. Er finanziert drei Schulen und ein Krankenhaus.\n\nDer Bürgermeister nannte den Plan gerecht.\n"
ES = "El consejo aprobó el nuevo presupuesto el lunes. Financiará tres escuelas y un hospital.\n\nEl alcalde dijo que el plan era justo.\n"
FR = "Le conseil a approuvé le nouveau budget lundi. Il financera trois écoles et un hôpital.\n\nLe maire a dit que le plan était juste.\n"


def run(article, files, code):
    folder = article(files)
    _rc, report, _out = check_json(folder, args=("--select", code))
    return findings(report, code)


def test_glued_words_found(article):
    fr = FR.replace("le nouveau budget", "lenouveau budget")
    got = run(article, {"en.source.txt": EN, "de.txt": DE, "es.txt": ES, "fr.txt": fr}, "MT501")
    assert [f["text"] for f in got] == ["lenouveau"]
    assert got[0]["expected"] == "le nouveau"


def test_glued_words_not_brands_or_compounds(article):
    en = EN.replace("The mayor", "The iPhone maker OpenAI and the mayor")
    de = DE.replace("Der Bürgermeister", "Der iPhone-Hersteller OpenAI und der Bürgermeister")
    got = run(article, {"en.source.txt": en, "de.txt": de, "es.txt": ES, "fr.txt": FR}, "MT501")
    assert got == []


def test_mojibake_found_and_accents_left_alone(article):
    fr = FR.replace("écoles", "Ã©coles")
    got = run(article, {"en.source.txt": EN, "fr.txt": fr, "de.txt": DE}, "MT502")
    assert [f["text"] for f in got] == ["Ã©coles"]
    assert got[0]["expected"] == "écoles"
    got = run(article, {"en.source.txt": EN, "fr.txt": FR, "de.txt": DE}, "MT502")
    assert got == []


def test_replacement_character(article):
    got = run(article, {"en.source.txt": EN, "fr.txt": FR.replace("hôpital", "h\ufffdpital")}, "MT502")
    assert len(got) == 1 and "\ufffd" in got[0]["text"]


def test_doubled_word_and_legit_reduplication(article):
    es = ES.replace("el nuevo", "el el nuevo")
    got = run(article, {"en.source.txt": EN, "es.txt": es, "de.txt": DE}, "MT503")
    assert [f["text"] for f in got] == ["el el"]
    fr = FR.replace("Le maire a dit", "Nous nous sommes trompés, a dit le maire")
    de = DE.replace("Der Rat", "Die Stadt, die die Schulen baut,")
    got = run(article, {"en.source.txt": EN, "fr.txt": fr, "de.txt": de}, "MT503")
    assert got == []


def test_repeated_sentence(article):
    es = ES.replace("Financiará tres escuelas y un hospital.", "Financiará tres escuelas y un hospital. Financiará tres escuelas y un hospital.")
    got = run(article, {"en.source.txt": EN, "es.txt": es, "de.txt": DE, "fr.txt": FR}, "MT503")
    assert len(got) == 1 and got[0]["text"] == "Financiará tres escuelas y un hospital."


def test_boilerplate_only_in_one_version(article):
    de = DE + "\nMehr zum Thema\n"
    got = run(article, {"en.source.txt": EN, "de.txt": de, "es.txt": ES, "fr.txt": FR}, "MT504")
    assert [f["text"] for f in got] == ["Mehr zum Thema"]


def test_boilerplate_present_in_all_versions_is_content(article):
    files = {
        "en.source.txt": EN + "\nRead more: council budgets explained\n",
        "fr.txt": FR + "\nLire aussi : les budgets des conseils expliqués\n",
        "de.txt": DE + "\nLesen Sie auch: Haushalte der Räte erklärt\n",
        "es.txt": ES + "\nLee también: los presupuestos explicados\n",
    }
    assert run(article, files, "MT504") == []
