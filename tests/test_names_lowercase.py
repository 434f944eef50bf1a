"""Names family on lower-cased versions (MT pipelines that deliver all-lower-case text):
exonyms, derived words and local spellings stay silent, garbled names are still flagged."""

from __future__ import annotations

from conftest import check_json, findings


def names_findings(path):
    _code, report, _out = check_json(path, args=("--select", "MT1*"))
    return sorted((f["code"], f["version"], f["text"], f["expected"]) for f in findings(report, "MT1"))


def test_lowercased_exonyms_silent_garbled_name_flagged(article):
    # mikronezya (tr), mikronesia (id), mikronésii (cs), mikronesien (de): each language's
    # own rendering of Micronesia; "kavamagh" beside the version's own "kavanagh" is a garble
    a = article({
        "en.txt": ("A plane crashed in a lagoon in Micronesia on Friday.\n\n"
                   "The airline Air Niugini said that Peter Kavanagh led the rescue.\n\n"
                   "Kavanagh told reporters in Micronesia that all passengers were safe.\n"),
        "tr.txt": ("cuma günü mikronezya'da bir uçak lagüne düştü.\n\n"
                   "havayolu air niugini, kurtarma çalışmalarını peter kavanagh'ın yönettiğini söyledi.\n\n"
                   "kavanagh, mikronezya'da gazetecilere tüm yolcuların güvende olduğunu söyledi.\n"),
        "id.txt": ("sebuah pesawat jatuh di laguna di mikronesia pada hari jumat.\n\n"
                   "maskapai air niugini mengatakan bahwa peter kavanagh memimpin penyelamatan.\n\n"
                   "kavamagh mengatakan kepada wartawan di mikronesia bahwa semua penumpang selamat.\n"),
        "cs.txt": ("v pátek se v laguně v mikronésii zřítilo letadlo.\n\n"
                   "letecká společnost air niugini uvedla, že záchranu vedl peter kavanagh.\n\n"
                   "kavanagh řekl novinářům v mikronésii, že všichni cestující jsou v bezpečí.\n"),
        "es.txt": ("un avión se estrelló el viernes en una laguna de micronesia.\n\n"
                   "la aerolínea air niugini dijo que peter kavanagh dirigió el rescate.\n\n"
                   "kavanagh dijo a los periodistas en micronesia que todos los pasajeros estaban a salvo.\n"),
        "de.txt": ("am freitag stürzte in mikronesien ein flugzeug in eine lagune.\n\n"
                   "die fluggesellschaft air niugini erklärte, dass peter kavanagh die rettung leitete.\n\n"
                   "kavanagh sagte reportern in mikronesien, alle passagiere seien in sicherheit.\n"),
        "fr.txt": ("vendredi, un avion s'est écrasé dans un lagon en micronésie.\n\n"
                   "la compagnie air niugini a déclaré que peter kavanagh avait dirigé les secours.\n\n"
                   "kavanagh a déclaré aux journalistes en micronésie que tous les passagers étaient sains et saufs.\n"),
    })
    assert names_findings(a) == [("MT101", "id", "kavamagh", "kavanagh")]


def test_lowercased_derived_words_and_local_spellings_silent(article):
    # mazedonien/mazedonische (de), skopie (es), zaewa (pl), makedon (tr) are the
    # languages' spellings and derived words; "zeav" beside "zaev" is a garble
    a = article({
        "en.txt": ("Macedonia votes on Sunday on a new name.\n\n"
                   "The Macedonian government of Zoran Zaev backs the change.\n\n"
                   "Most voters in Skopje support the plan, Zaev said.\n"),
        "de.txt": ("mazedonien stimmt am sonntag über einen neuen namen ab.\n\n"
                   "die mazedonische regierung von zoran zaev unterstützt die änderung.\n\n"
                   "die meisten wähler in skopje unterstützen den plan, sagte zaev.\n"),
        "es.txt": ("macedonia vota el domingo un nuevo nombre.\n\n"
                   "el gobierno macedonio de zoran zaev apoya el cambio.\n\n"
                   "la mayoría de los votantes de skopie apoya el plan, dijo zaev.\n"),
        "pl.txt": ("macedonia głosuje w niedzielę nad nową nazwą.\n\n"
                   "macedoński rząd zorana zaewa popiera zmianę.\n\n"
                   "większość wyborców w skopje popiera plan, powiedział zaew.\n"),
        "fr.txt": ("la macédoine vote dimanche sur un nouveau nom.\n\n"
                   "le gouvernement macédonien de zoran zaev soutient le changement.\n\n"
                   "la plupart des électeurs de skopje soutiennent le projet, a déclaré zaev.\n"),
        "tr.txt": ("makedonya pazar günü yeni bir isim için oy kullanıyor.\n\n"
                   "zoran zaev'in makedon hükümeti değişikliği destekliyor.\n\n"
                   "skopje'deki seçmenlerin çoğu planı destekliyor, dedi zaev.\n"),
        "it.txt": ("la macedonia vota domenica su un nuovo nome.\n\n"
                   "il governo macedone di zoran zaev sostiene il cambiamento.\n\n"
                   "la maggior parte degli elettori di skopje sostiene il piano, ha detto zeav.\n"),
    })
    assert names_findings(a) == [("MT101", "it", "zeav", "zaev")]


def test_spelling_patterns_keep_doubled_letters_and_h():
    from mtcheck.checks.names import _key, _spelled, is_inflection

    assert _spelled(_key("mikronezya")) == _spelled("micronesia")
    assert _spelled("skopie") == _spelled("skopje") and _spelled("junnan") == _spelled("yunnan")
    assert _spelled(_key("esnórquel")) == _spelled("snorkel")  # Spanish e before s + consonant, qu for k
    # a doubled letter or an extra h is a garble, not a spelling pattern
    assert _spelled("kavanauggh") != _spelled("kavanaugh")
    assert not is_inflection(_spelled("kavanaugh"), _spelled("kavanauggh"))
    assert _spelled("christinne") != _spelled("christine")


# five lower-cased versions of five languages write "trump" in the same sentences; the
# Indonesian one writes "trimp"
_TRUMP_LOWER = {
    "fr.txt": ("trump a parlé aux électeurs de l'ohio lundi.\n\n"
               "trump a déclaré que le plan créerait des emplois.\n\n"
               "le gouverneur de l'ohio a salué le plan.\n"),
    "es.txt": ("trump habló con los votantes de ohio el lunes.\n\n"
               "trump dijo que el plan crearía empleos.\n\n"
               "el gobernador de ohio celebró el plan.\n"),
    "it.txt": ("trump ha parlato agli elettori dell'ohio lunedì.\n\n"
               "trump ha detto che il piano creerà posti di lavoro.\n\n"
               "il governatore dell'ohio ha accolto il piano.\n"),
    "de.txt": ("trump sprach am montag mit wählern in ohio.\n\n"
               "trump sagte, der plan werde arbeitsplätze schaffen.\n\n"
               "der gouverneur von ohio begrüßte den plan.\n"),
    "id.txt": ("trimp berbicara kepada para pemilih di ohio pada hari senin.\n\n"
               "trimp mengatakan bahwa rencana itu akan menciptakan lapangan kerja.\n\n"
               "gubernur ohio menyambut rencana itu.\n"),
}


def test_lowercased_name_only_sentence_initial_in_the_source_is_still_a_name(article):
    # the cased source writes Trump only at sentence starts; five lower-cased versions of
    # five languages write "trump" in the same sentences, so "trimp" is a garble
    a = article({
        "en.txt": ("Trump spoke to voters in Ohio on Monday.\n\n"
                   "Trump said that the plan would create jobs.\n\n"
                   "The governor of Ohio welcomed the plan.\n"),
        **_TRUMP_LOWER,
    })
    assert names_findings(a) == [("MT102", "id", "trimp", "trump")] * 2


def test_lowercased_doubled_letter_flagged(article):
    a = article({
        "en.txt": ("The new pump from Elvie was shown in London.\n\n"
                   "The founder of Elvie, Tania Boler, said it was quiet.\n\n"
                   "Boler said that Elvie would sell it in shops.\n"),
        "fr.txt": ("le nouveau tire-lait d'elvvie a été présenté à londres.\n\n"
                   "la fondatrice d'elvvie, tania boler, a déclaré qu'il était silencieux.\n\n"
                   "boler a déclaré qu'elvvie le vendrait en magasin.\n"),
        "es.txt": ("el nuevo sacaleches de elvie se presentó en londres.\n\n"
                   "la fundadora de elvie, tania boler, dijo que era silencioso.\n\n"
                   "boler dijo que elvie lo vendería en tiendas.\n"),
        "it.txt": ("il nuovo tiralatte di elvie è stato presentato a londra.\n\n"
                   "la fondatrice di elvie, tania boler, ha detto che era silenzioso.\n\n"
                   "boler ha detto che elvie lo venderà nei negozi.\n"),
        "de.txt": ("die neue milchpumpe von elvie wurde in london vorgestellt.\n\n"
                   "die gründerin von elvie, tania boler, sagte, sie sei leise.\n\n"
                   "boler sagte, elvie werde sie in geschäften verkaufen.\n"),
        "pt.txt": ("a nova bomba de leite da elvie foi apresentada em londres.\n\n"
                   "a fundadora da elvie, tania boler, disse que era silenciosa.\n\n"
                   "boler disse que a elvie a venderia nas lojas.\n"),
    })
    assert names_findings(a) == [("MT102", "fr", "elvvie", "elvie")] * 3


def test_all_versions_lowercased_name_still_found(article):
    # no cased version at all, not even the source: "trump", written by five languages
    # in the same sentences, is a name although every word list has it as a word
    files = {
        "en.txt": ("trump spoke to voters in ohio on monday.\n\n"
                   "trump said that the plan would create jobs.\n\n"
                   "the governor of ohio welcomed the plan.\n"),
        **_TRUMP_LOWER,
    }
    assert names_findings(article(files)) == [("MT102", "id", "trimp", "trump")] * 2


def test_a_few_capitals_left_by_the_lower_casing_pipeline_still_lower_cased():
    # str.lower() pipelines may leave Turkish İ: two capitals in 80 words is lower-cased text
    from types import SimpleNamespace

    from mtcheck.checks.names import tokenize

    words = ["seçmenlerle"] * 78
    text = "İlk " + " ".join(words[:40]) + ". İspanya " + " ".join(words[40:]) + ".\n"
    _toks, lowercased, _lows = tokenize(SimpleNamespace(check_text=text), (), {})
    assert lowercased
    cased = "Trump " + " ".join(words[:8]) + ". Ohio " + " ".join(words[8:16]) + ".\n"
    assert not tokenize(SimpleNamespace(check_text=cased), (), {})[1]
