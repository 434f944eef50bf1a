"""MT5xx integrity checks: each case positive and negative (texts written for these tests)."""

from __future__ import annotations

import shutil

import pytest
from conftest import SHARED, REPO, check_json, findings, needs_shared

EN = "The council approved the new budget on Monday. It will fund three schools and a hospital.\n\nThe mayor said the plan was fair.\n"
DE = "Der Rat hat am Montag den neuen Haushalt gebilligt. Er finanziert drei Schulen und ein Krankenhaus.\n\nDer Bürgermeister nannte den Plan gerecht.\n"
ES = "El consejo aprobó el nuevo presupuesto el lunes. Financiará tres escuelas y un hospital.\n\nEl alcalde dijo que el plan era justo.\n"
FR = "Le conseil a approuvé le nouveau budget lundi. Il financera trois écoles et un hôpital.\n\nLe maire a dit que le plan était juste.\n"


def run(article, files, code, name="art"):
    folder = article(files, name=name)
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
    got = run(article, {"en.source.txt": EN, "fr.txt": fr, "de.txt": de}, "MT503", name="legit")
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


def test_glued_function_words_with_short_parts(article):
    """Two-letter words glued in inflecting languages (už, di) are found; endings are not."""
    cs_en = "The new standards apply now. The council will check them already this year.\n"
    cs = "Nové standardy platí hned. Rada kontrolu standardůuž letos ověří a už ji také plánuje.\n"
    it = "Le nuove norme valgono subito. Il consiglio del Museo Nazionaledi Roma le verificherà già quest'anno, prima di maggio.\n"
    got = run(article, {"en.source.txt": cs_en, "cs.txt": cs, "it.txt": it}, "MT501")
    assert sorted(f["text"] for f in got) == ["Nazionaledi", "standardůuž"]


def test_no_glue_on_prefixed_compounds_and_inflected_names(article):
    en = "Quinton Tellis said the anti-ship missiles were impenetrable. Tellis was in the car.\n"
    fr = "Quinton Tellis a dit que les missiles antinavires étaient impénétrables. Tellis était dans la voiture.\n"
    ru = "Квинтон Теллис сказал, что защита была непробиваемой. Квинтона Теллиса видели в машине.\n"
    uk = "Квінтон Телліс сказав, що захист був непробивним. Телліса бачили в машині.\n"
    got = run(article, {"en.source.txt": en, "fr.txt": fr, "ru.txt": ru, "uk.txt": uk}, "MT501")
    assert got == []


def test_doubles_in_reduplicating_languages(article):
    en = "The ambulances came slowly. Every minute they brought the dead and the wounded.\n"
    tr = "Ambulanslar yavaş yavaş geldi. Her dakika ölüleri ve ve yaralıları getirdiler.\n"
    hi = "एम्बुलेंस धीरे धीरे आईं। हर मिनट वे मृतकों और और घायलों को लाईं।\n"
    ind = "Ambulans datang perlahan-lahan. Setiap menit mereka membawa membawa korban tewas dan luka.\n"
    got = run(article, {"en.source.txt": en, "tr.txt": tr, "hi.txt": hi, "id.txt": ind}, "MT503")
    assert sorted(f["text"] for f in got) == sorted(["membawa membawa", "और और", "ve ve"])


def test_boilerplate_merged_into_a_row_is_still_found(article):
    de = DE.replace("Krankenhaus.\n", "Krankenhaus.\n\nArtikel teilen\n")
    got = run(article, {"en.source.txt": EN, "de.txt": de, "es.txt": ES, "fr.txt": FR}, "MT504")
    assert [f["text"] for f in got] == ["Artikel teilen"]


def test_seed_glued_words(tmp_path):
    """The seed article: its glued 'openaiexisterialeader' is found, nothing else in it is MT5xx."""
    seed_dir = needs_shared("seed")
    seeds = sorted(seed_dir.glob("*.txt"))
    if not seeds:
        pytest.skip("no seed text")
    art = tmp_path / "seed"
    art.mkdir()
    for name in ("en.txt", "de.txt"):
        shutil.copy(REPO / "tests" / "fixtures" / "seed" / name, art / name)
    shutil.copy(seeds[0], art / "fr.txt")
    _rc, report, _out = check_json(art, args=("--select", "MT5*"))
    got = [(f["version"], f["code"], f["line"], f["column"], f["text"]) for f in findings(report, "MT5")]
    labels = [line.split("\t") for line in (REPO / "tests/fixtures/seed/labels.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    want = [(r[0], r[1], int(r[2]), int(r[3]), r[6]) for r in labels if r[1].startswith("MT5")]
    assert want and got == want


def test_inflections_are_not_glued_words(article):
    """Inflected and derived forms the word list lacks (conditional -łaby, enclitic -rlos,
    adjective -ndem, Greek genitive -των, Indonesian -nya) are not split; real glues are."""
    en = "The change would undermine it. Mothers lose babies days after giving birth to them. The minister said it.\n"
    pl = "Zmiana podważyłaby ją. Matki tracą dzieci. Minister tak powiedział.\n"
    es = "Las madres pierden a sus bebés días después de parirlos. El ministro lo dijo.\n"
    fr = "Les mères perdent leurs bébés. Le ministre a parlé de mesures découlantde ces actions.\n"
    got = run(article, {"en.source.txt": en, "pl.txt": pl, "es.txt": es, "fr.txt": fr}, "MT501")
    assert [f["text"] for f in got] == ["découlantde"]


def test_inflection_evidence_from_word_beginnings_and_endings():
    from mtcheck.checks.integrity import GluedWords, _lexicon

    cases = [("pl", "podważyłaby", ["podważył", "aby"], True), ("es", "parirlos", ["parir", "los"], True),
             ("de", "fühlendem", ["fühlen", "dem"], True), ("fr", "découlantde", ["découlant", "de"], False),
             ("es", "alhospital", ["al", "hospital"], False)]
    for lang, tok, parts, want in cases:
        lex = _lexicon(lang)
        if lex is None:
            pytest.skip("wordfreq not installed")
        assert GluedWords._inflection(tok, parts, lex) is want, tok


def test_word_list_is_compact():
    """The word list is a hashed table, not wordfreq's dict (which would stay in memory for good)."""
    from mtcheck.checks.integrity import _lexicon

    lex = _lexicon("fr")
    if lex is None:
        pytest.skip("wordfreq not installed")
    assert not isinstance(lex, dict)
    assert lex.get("nouveau") > 1e-4 and lex.get("xqzvw", 0.0) == 0.0 and "maison" in lex
    assert lex.keys.itemsize * len(lex.keys) < 8 * 1024 * 1024


def test_german_compounds_and_hyphenated_spellings(article):
    """A noun compound is German even when another version hyphenates or splits it."""
    en = "I spoke with 30 health and wellness experts. Her Democrat colleagues cannot do much.\n"
    de_a = "Ich sprach mit 30 Gesundheits- und Wellnessexperten. Ihre Demokratenkollegen können nicht viel tun.\n"
    de_b = "Ich sprach mit 30 Gesundheits- und Wellness-Experten. Ihre Demokraten Kollegen können nicht viel tun.\n"
    got = run(article, {"en.source.txt": en, "de.a.txt": de_a, "de.b.txt": de_b}, "MT501")
    assert got == []


def test_hindi_names_suffixes_and_lost_spaces(article):
    en = "President Joko Widodo was lucky. Only five weeks are left. It is funny to some extent.\n"
    hi = "राष्ट्रपति जोको विडोडो किस्मतवाला था। अब सिर्फ़ पाँच हफ़्ते रहगए हैं। यह कुछ हद तक मज़ाकिया है।\n"
    got = run(article, {"en.source.txt": en, "hi.txt": hi}, "MT501")
    assert [f["text"] for f in got] == ["रहगए"]


def test_korean_mimetic_reduplication(article):
    en = "Squeeze, squeeze it out and feed the baby. The change is the change.\n"
    ko = "쭉욱 쭉욱 짜내서 아기에게 젖을 주고. 변화란 변화란 그런 것이다.\n"
    got = run(article, {"en.source.txt": en, "ko.txt": ko}, "MT503")
    assert [f["text"] for f in got] == ["변화란 변화란"]


def test_word_table_finds_words_in_every_bucket():
    """The hashed word table must find a word whatever bucket its hash falls in
    (the last bucket once ended at offset 0, so results depended on PYTHONHASHSEED),
    and a table restored from its saved state must answer the same."""
    from mtcheck.checks.integrity import _Lex

    from mtcheck.checks.integrity import _h

    words = [f"wort{i}" for i in range(5000)]
    lex = _Lex([words])
    top = [w for w in words if (_h(w) << 10) >> lex.shift == len(lex.offs) - 2]
    i = 5000
    while not top:  # make sure some word falls in the last bucket
        w = f"wort{i}"
        i += 1
        if (_h(w) << 10) >> lex.shift == len(lex.offs) - 2:
            top.append(w)
            words.append(w)
            lex = _Lex([words])
    assert all(w in lex for w in words)
    again = _Lex(None, state=lex.state())
    assert all(w in again for w in words) and "nichtdrin" not in again
    assert again.endings == lex.endings
