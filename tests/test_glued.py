"""MT501 glued words: two-word glues (function words, common pairs, script changes,
Vietnamese syllables) and the compounds, suffixes and names that must stay silent.
Texts written for these tests."""

from __future__ import annotations

import pytest
from conftest import check_json, findings

pytest.importorskip("wordfreq")

EN = ("The minister said a woman should be at the top. Officials need a written document before the "
      "meeting, and the file was acclaimed by the president.\n\nThe incident happened thirty years ago.\n")


def glued(article, files, name="art"):
    folder = article(files, name=name)
    _rc, report, _out = check_json(folder, args=("--select", "MT501"))
    return sorted((f["version"], f["text"], f["expected"]) for f in findings(report, "MT501"))


def test_function_word_and_common_word_pairs(article):
    fr = ("La ministre a dit qu'une femme devraêtre au sommet. Les responsables veulent un documentécrit "
          "avant la réunion, et le dossier a été salué par le président.\n\nL'incident a eu lieu il y a trente ans.\n")
    it = ("La ministra ha detto che una donna dovrebbe essere al vertice. I funzionari vogliono un documento "
          "scritto prima della riunione, e il dossier è stato acclamatoda il presidente.\n\n"
          "L'incidente è avvenuto trent'anni fa.\n")
    pt = ("A ministra disse que uma mulher deveria estar no topo. Os funcionários querem um documento escrito "
          "antes da reunião, e alguns tratamentos foram elogiados pelo presidente.\n\nO incidente aconteceu há trinta anos.\n")
    got = glued(article, {"en.source.txt": EN, "fr.txt": fr, "it.txt": it, "pt.txt": pt})
    assert got == [("fr", "devraêtre", "devra être"), ("fr", "documentécrit", "document écrit"),
                   ("it", "acclamatoda", "acclamato da")]


def test_rare_listed_typo_and_lowercase_word_before_a_name(article):
    es = ("La ministra dijo que por primeravez una mujer debe estar en la cima. El expediente fue aplaudido "
          "por el presidente.\n\nEl incidente ocurrió hace treinta años.\n")
    pl = ("Ministra powiedziała, że kobieta powinna być na szczycie. Dokument został pochwalony przezPrezydenta "
          "tuż przed spotkaniem.\n\nIncydent wydarzył się trzydzieści lat temu.\n")
    got = glued(article, {"en.source.txt": EN, "es.txt": es, "pl.txt": pl})
    assert got == [("es", "primeravez", "primera vez"), ("pl", "przezPrezydenta", "przez Prezydenta")]


def test_latin_name_run_into_a_word_of_another_script(article):
    en = "The candidate also shared his views on Twitter after the vote.\n"
    hi = "मतदान के बाद उम्मीदवार ने भी Twitterपर अपने विचार बताए।\n"
    ko = "투표 후 후보자도 Twitter에 자신의 견해를 밝혔다.\n"
    ja = "投票の後、候補者もTwitterで意見を述べた。\n"
    ru = "После голосования кандидат также высказался в Twitterе о своих взглядах.\n"
    got = glued(article, {"en.source.txt": en, "hi.txt": hi, "ko.txt": ko, "ja.txt": ja, "ru.txt": ru})
    assert got == [("hi", "Twitterपर", "Twitter पर")]


def test_vietnamese_glued_syllables_but_not_ascii_names(article):
    en = "The prosecutor cited the file on Saturday. Kavanaugh is only a judge.\n"
    vi = "Công tố viên dẫn hồsơ vào thứ Bảy. Kavanaugh chỉlà một thẩm phán.\n"
    got = glued(article, {"en.source.txt": en, "vi.txt": vi})
    assert got == [("vi", "chỉlà", "chỉ là"), ("vi", "hồsơ", "hồ sơ")]


def test_turkish_word_pairs_but_not_suffixes_or_finnish_compounds(article):
    en = ("Thirty-six years have passed since the incident. The holes were found in the ships, the shares fell the same day.\n\n"
          "The bag was decorated with orange reeds.\n")
    tr = ("Olayınüzerinden otuz altı yıl geçti. Gemilerdeki deliklerde su bulundu, hisseleriaynı gün düştü.\n\n"
          "Çanta turuncu sazlarla süslenmişti.\n")
    fi = ("Tapahtumasta on kulunut kolmekymmentäkuusi vuotta. Reiät löytyivät laivoista.\n\n"
          "Laukku oli koristeltu oranssikaislakoristeella.\n")
    got = glued(article, {"en.source.txt": en, "tr.txt": tr, "fi.txt": fi})
    assert got == [("tr", "Olayınüzerinden", "olayın üzerinden"), ("tr", "hisseleriaynı", "hisseleri aynı")]


def test_names_with_article_like_endings_stay_silent(article):
    en = "Quinton Tellis was seen with Quinn in the car. The header of the page was changed.\n"
    el = "Ο Κουίντον Τέλις εθεάθη στο αυτοκίνητο. Η κεφαλίδα της σελίδας άλλαξε.\n"
    de = "Quinton Tellis wurde im Auto gesehen. Die Kopfzeile der Seite wurde geändert.\n"
    got = glued(article, {"en.source.txt": en, "el.txt": el, "de.txt": de})
    assert got == []
