"""MT2xx: foreign script, wrong language, untranslated — and what must not be flagged."""

from __future__ import annotations

import shutil

import pytest

from conftest import REPO, SHARED, check_json, findings

EN = (
    "Harbour Bridge repairs\n\n"
    "The city council approved the repair of the old harbour bridge on Monday.\n\n"
    "Work will start in March and should last about eighteen months, the mayor said.\n\n"
    "Traffic will be diverted through the northern district while the deck is replaced.\n\n"
    "Local shop owners fear that fewer customers will come during the works.\n"
)
FR = (
    "Réparation du pont du port\n\n"
    "Le conseil municipal a approuvé lundi la réparation du vieux pont du port.\n\n"
    "Les travaux commenceront en mars et devraient durer environ dix-huit mois, a déclaré le maire.\n\n"
    "La circulation sera déviée par le quartier nord pendant le remplacement du tablier.\n\n"
    "Les commerçants du quartier craignent que les clients se fassent plus rares pendant les travaux.\n"
)
DE = (
    "Reparatur der Hafenbrücke\n\n"
    "Der Stadtrat hat am Montag die Reparatur der alten Hafenbrücke genehmigt.\n\n"
    "Die Arbeiten beginnen im März und sollen etwa achtzehn Monate dauern, sagte der Bürgermeister.\n\n"
    "Der Verkehr wird durch den nördlichen Bezirk umgeleitet, während die Fahrbahn ersetzt wird.\n\n"
    "Die örtlichen Ladenbesitzer befürchten, dass während der Arbeiten weniger Kunden kommen.\n"
)
ES = (
    "Reparación del puente del puerto\n\n"
    "El ayuntamiento aprobó el lunes la reparación del viejo puente del puerto.\n\n"
    "Las obras comenzarán en marzo y deberían durar unos dieciocho meses, dijo el alcalde.\n\n"
    "El tráfico se desviará por el distrito norte mientras se sustituye el tablero.\n\n"
    "Los comerciantes locales temen que lleguen menos clientes durante las obras.\n"
)
IT = (
    "Riparazione del ponte del porto\n\n"
    "Il consiglio comunale ha approvato lunedì la riparazione del vecchio ponte del porto.\n\n"
    "I lavori inizieranno a marzo e dovrebbero durare circa diciotto mesi, ha detto il sindaco.\n\n"
    "Il traffico sarà deviato attraverso il quartiere nord mentre viene sostituito l'impalcato.\n\n"
    "I negozianti della zona temono che durante i lavori arrivino meno clienti.\n"
)
RU = (
    "Ремонт портового моста\n\n"
    "В понедельник городской совет одобрил ремонт старого портового моста.\n\n"
    "Работы начнутся в марте и продлятся около восемнадцати месяцев, сообщил мэр.\n\n"
    "Движение будет перенаправлено через северный район на время замены настила.\n\n"
    "Местные владельцы магазинов опасаются, что во время работ покупателей станет меньше.\n"
)
ZH = (
    "港口大桥维修\n\n"
    "市议会周一批准了维修旧港口大桥的计划。\n\n"
    "市长说，工程将于三月开始，预计持续约十八个月。\n\n"
    "更换桥面期间，交通将改道经过北区。\n\n"
    "当地店主担心施工期间顾客会减少。\n"
)


def base(**overrides):
    files = {"en.source.txt": EN, "fr.txt": FR, "de.txt": DE, "es.txt": ES, "it.txt": IT, "ru.txt": RU, "zh.txt": ZH}
    files.update(overrides)
    return files


def mt2(article, files):
    code, report, out = check_json(article(files), args=("--select", "MT2*"))
    assert code in (0, 1), out
    return findings(report, "MT2")


def test_clean_article_has_no_language_findings(article):
    assert mt2(article, base()) == []


def test_glued_menu_is_one_finding_over_the_whole_line(article):
    menu = "한어Русский языкEnglishFrançaisIndonesian日本語DeutschPortuguêsΕλληνικάespañolItaliano"
    fr = FR.replace("\n\nLe conseil", f"\n\n{menu}\n\nLe conseil")
    fs = mt2(article, base(**{"fr.txt": fr}))
    assert len(fs) == 1
    f = fs[0]
    assert (f["code"], f["version"], f["text"]) == ("MT201", "fr", menu)
    assert f["column"] == 1
    assert {"ru", "en", "ja", "el"} <= set(f["data"]["detected"])
    assert f["data"]["expected"] == "fr"
    assert "language menu" in f["message"]


def test_cyrillic_and_han_runs_in_latin_text(article):
    de = DE.replace("die Fahrbahn", "die Fahrbahn северный район")
    fr = FR.replace("du tablier", "du tablier 更换桥面")
    fs = mt2(article, base(**{"de.txt": de, "fr.txt": fr}))
    got = {(f["version"], f["code"], f["text"]) for f in fs}
    assert got == {("de", "MT201", "северный район"), ("fr", "MT201", "更换桥面")}
    assert all(0 < f["confidence"] <= 1 for f in fs)


def test_latin_names_and_glosses_in_cjk_are_not_flagged(article):
    zh = ZH.replace("市长说", "BBC Scotland 的 Alasdair Lamont 说，市长霍莉·威洛比（Holly Willoughby）说")
    ru = RU.replace("сообщил мэр", "сообщил мэр (Mayor of the Harbour District)")
    assert mt2(article, base(**{"zh.txt": zh, "ru.txt": ru})) == []


def test_latin_prose_in_chinese_is_flagged(article):
    zh = ZH.replace("预计持续", "should last about eighteen months 预计持续")
    fs = mt2(article, base(**{"zh.txt": zh}))
    assert [(f["code"], f["text"]) for f in fs] == [("MT201", "should last about eighteen months")]
    assert fs[0]["data"]["detected"] == "en"


def test_english_fragment_in_german_sentence_reports_the_fragment(article):
    de = DE.replace("während die Fahrbahn ersetzt wird", "while the deck is replaced")
    fs = mt2(article, base(**{"de.txt": de}))
    assert [(f["code"], f["text"]) for f in fs] == [("MT202", "while the deck is replaced")]
    f = fs[0]
    assert f["data"]["detected"] == "en" and f["data"]["expected"] == "de"
    assert "English" in f["message"] and "German" in f["message"]


def test_spanish_sentence_in_italian_version(article):
    sent = "El tráfico se desviará por el distrito norte mientras se sustituye el tablero."
    it = IT.replace("Il traffico sarà deviato attraverso il quartiere nord mentre viene sostituito l'impalcato.", sent)
    fs = mt2(article, base(**{"it.txt": it}))
    assert [(f["code"], f["version"], f["text"]) for f in fs] == [("MT202", "it", sent)]
    assert fs[0]["data"]["detected"] == "es"


def test_untranslated_sentence_copied_from_source(article):
    sent = "Traffic will be diverted through the northern district while the deck is replaced."
    it = IT.replace("Il traffico sarà deviato attraverso il quartiere nord mentre viene sostituito l'impalcato.", sent)
    ru = RU.replace("Движение будет перенаправлено через северный район на время замены настила.", sent)
    fs = mt2(article, base(**{"it.txt": it, "ru.txt": ru}))
    got = sorted((f["code"], f["version"], f["text"]) for f in fs)
    assert got == [("MT203", "it", sent), ("MT203", "ru", sent)]
    assert all(f["data"]["copied_from"] == "en.source" for f in fs)


def test_quotation_kept_in_every_version_is_not_flagged(article):
    motto = "« Liberté, égalité, fraternité »"
    files = base()
    for name, sep in (("en.source.txt", "The mayor quoted"), ("fr.txt", "Le maire a cité"), ("de.txt", "Der Bürgermeister zitierte"),
                      ("es.txt", "El alcalde citó"), ("it.txt", "Il sindaco ha citato"), ("ru.txt", "Мэр процитировал"),
                      ("zh.txt", "市长引用了")):
        files[name] = files[name] + f"\n{sep} {motto}.\n"
    assert mt2(article, files) == []


def test_short_headings_and_names_are_not_flagged(article):
    fr = FR.replace("Réparation du pont du port", "points forts:\n\nRéparation du pont du port")
    de = DE.replace("sagte der Bürgermeister", "sagte Bürgermeister wojciech zaremba")
    en = EN.replace("the mayor said", "mayor wojciech zaremba said")
    es = ES.replace("dijo el alcalde", "dijo el alcalde wojciech zaremba")
    assert mt2(article, base(**{"fr.txt": fr, "de.txt": de, "en.source.txt": en, "es.txt": es})) == []


def test_mojibake_is_not_a_foreign_script(article):
    ru = RU.replace("старого", "Ð¿Ñ€Ð¸ ÑÑ‚Ð°Ñ€Ð¾Ð³Ð¾")
    assert [f for f in mt2(article, base(**{"ru.txt": ru})) if f["code"] == "MT201"] == []


def test_langdetect_engine_is_seeded_and_deterministic():
    from mtcheck.langid import get_identifier

    ld = get_identifier("langdetect")
    assert ld is get_identifier("langdetect")  # loaded once
    text = "Los comerciantes locales temen que lleguen menos clientes durante las obras."
    first = ld.rank(text, ["es", "it", "pt"])
    assert first[0][0] == "es"
    assert all(ld.rank(text, ["es", "it", "pt"]) == first for _ in range(3))


def test_py3langid_restricted_rank_and_word_scores():
    from mtcheck.langid import get_identifier

    p = get_identifier("py3langid")
    assert p is get_identifier()
    r = p.rank("Der Verkehr wird durch den nördlichen Bezirk umgeleitet.", ["de", "en", "nl"])
    assert r[0][0] == "de" and abs(sum(x for _, x in r) - 1) < 1e-5
    m = p.word_scores(["the", "deck", "is", "replaced"], ["en", "fr"])
    assert m.shape == (4, 2)
    with pytest.raises(ValueError):
        get_identifier("nope")


def test_word_scores_equal_one_word_at_a_time():
    """The batched DFA walk and the per-candidate-set tables give exactly the
    numbers of scoring each word on its own (columns of the full vector)."""
    import numpy as np

    from mtcheck.langid import get_identifier

    p = get_identifier("py3langid")
    ident = p._ident

    def one(w):  # the DFA walk of one word, the gather and the row sum as py3langid lays them out
        visits = p._visit(ident.tk_nextmove, ident._rowbase, ident.tk_output, ident._encode(" " + w + " "))
        if not visits:
            return np.zeros(len(p._classes), dtype=np.float32)
        weights = np.log1p(np.asarray(list(visits.values()), dtype=np.float32))[:, None]
        return np.add.reduceat(p._ptc[np.asarray(list(visits.keys()))] * weights, [0], axis=0)[0]

    words = ["the", "été", "straße", "ÉTÉ", "x", "'", "привет", "überraschungsangriffsplanung" * 3,
             "deck", "the", "naïve", "jalapeño", "çağ", "zażółć", "9"]
    for cands in (["en", "fr", "de"], ["en", "de", "es", "fr", "it", "pt", "pl", "tr"], ["ru", "uk", "en"]):
        _langs, cols = p._cols(cands)
        want = np.stack([one(w)[cols] for w in words])
        assert np.array_equal(p.word_scores(words, cands), want)
        assert np.array_equal(p.word_scores(words[::-1], cands), want[::-1])  # from the cache
    assert p.word_scores([], ["en", "fr"]).shape == (0, 2)


def test_seed_menu_flagged_once_and_nothing_else(tmp_path):
    seed_dir = SHARED / "seed"
    files = sorted(seed_dir.glob("*.txt")) if seed_dir.exists() else []
    if not files:
        pytest.skip("shared seed not available")
    art = tmp_path / "seed"
    art.mkdir()
    shutil.copy(files[0], art / "fr.txt")
    for name in ("en.txt", "de.txt"):
        p = REPO / "tests" / "fixtures" / "seed" / name
        if p.exists():
            shutil.copy(p, art / name)
    code, report, out = check_json(art, args=("--select", "MT2*"))
    fs = findings(report, "MT2")
    fr = [f for f in fs if f["version"] == "fr"]
    assert len(fr) == 1, fr
    assert fr[0]["code"] == "MT201" and fr[0]["text"].startswith("한어Русский язык") and fr[0]["text"].endswith("Latina")
    assert [f for f in fs if f["code"] == "MT202"] == []


def test_fragment_kept_by_other_same_language_translations_is_not_flagged(article):
    """Several German systems all keep the English onomatopoeia of the source: a choice, not an error."""
    from conftest import check_json, findings

    src = "The bell rang: ding, ding, ding, and the whole class ran outside into the rain.\n"
    de = [
        "Die Glocke läutete: ding, ding, ding, und die ganze Klasse rannte hinaus in den Regen.\n",
        "Die Glocke klingelte: ding, ding, ding, und die gesamte Klasse lief hinaus in den Regen.\n",
        "Es läutete: ding, ding, ding, und die ganze Klasse rannte nach draußen in den Regen.\n",
    ]
    folder = article({"en.source.txt": src, "de.a.txt": de[0], "de.b.txt": de[1], "de.c.txt": de[2]})
    _, rep, _ = check_json(folder)
    assert not findings(rep, "MT202")


def test_single_source_word_left_untranslated(article):
    """One Czech word left in the English MT: only the source can tell (no LID on one word)."""
    from conftest import check_json, findings

    folder = article({
        "cs.source.txt": "Faktura byla zaplacena včas a firma pak rozšířila výrobu v Brně.\n",
        "en.mt.txt": "The invoice was paid on time and the company then expanded production in Brno.\n",
        "en.ref.txt": "The bill was paid promptly, and the firm then grew its output in Brno.\n",
        "en.pert.txt": "The invoice was zaplacena on time and the company then expanded production in Brno.\n",
    })
    _, rep, _ = check_json(folder)
    got = [(f["version"], f["text"]) for f in findings(rep, "MT2")]
    assert got == [("en.pert", "zaplacena")]


def test_loanwords_and_quoted_source_words_are_not_flagged(article):
    from conftest import check_json, findings

    folder = article({
        "en.source.txt": 'He wrote: "The being formally known as Kanye" and scored a handball goal.\n',
        "id.txt": 'Dia menulis: "The being formally known as Kanye" dan mencetak gol handball.\n',
        "fr.txt": 'Il a écrit : « L\'être officiellement connu sous le nom de Kanye » et a marqué au handball.\n',
    })
    _, rep, _ = check_json(folder)
    assert not [f for f in findings(rep, "MT202") if f["text"] in ("formally", "handball")]
