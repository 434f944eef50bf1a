"""MT3xx: numbers and dates that disagree across versions (and locale formats that must not)."""

from __future__ import annotations

import pytest

from conftest import check_json, findings, needs_shared
from mtcheck import numparse
from mtcheck.numparse import extract


def values(text: str, lang: str, strong_only: bool = True):
    return [q.key for q in extract(text, lang) if not (strong_only and q.weak)]


# ---------------------------------------------------------------------------
# numparse: one value, many ways of writing it


@pytest.mark.parametrize(
    "text,lang",
    [
        ("1,200 people", "en"),
        ("1.200 Menschen", "de"),
        ("1 200 personnes", "fr"),
        ("1\u202f200 personnes", "fr"),
        ("1\u00a0200 человек", "ru"),
        ("1'200 Personen", "de"),
        ("１２００人", "zh"),
        ("١٬٢٠٠ شخص", "ar"),
        ("१,२०० लोग", "hi"),
        ("1.200 kişi", "tr"),
    ],
)
def test_thousands_in_every_locale(text, lang):
    assert values(text, lang) == [1200]


@pytest.mark.parametrize(
    "text,lang",
    [("1.5 percent", "en"), ("1,5 %", "fr"), ("1,5 Prozent", "de"), ("%1,5", "tr"), ("١٫٥٪", "ar")],
)
def test_decimals_and_percentages(text, lang):
    qs = [q for q in extract(text, lang) if not q.weak]
    assert [q.key for q in qs] == [1.5]
    assert qs[0].kind == "pct"


@pytest.mark.parametrize(
    "text,lang,value",
    [
        ("1.5 million", "en", 1_500_000),
        ("1,5 Millionen", "de", 1_500_000),
        ("1,5 millions", "fr", 1_500_000),
        ("1,5 млн", "ru", 1_500_000),
        ("1,5 milioni", "it", 1_500_000),
        ("1,5 miljoonaa", "fi", 1_500_000),
        ("150万", "zh", 1_500_000),
        ("150만", "ko", 1_500_000),
        ("3천5백만 달러", "ko", 35_000_000),
        ("1億2000万円", "ja", 120_000_000),
        ("12亿", "zh", 1_200_000_000),
        ("2,25 мільярда", "uk", 2_250_000_000),
        ("3 triệu", "vi", 3_000_000),
        ("1.5 करोड़", "hi", 15_000_000),
    ],
)
def test_scale_words_and_cjk_multipliers(text, lang, value):
    assert values(text, lang)[0] == value


@pytest.mark.parametrize(
    "text,lang",
    [
        ("on March 3, 2024", "en"),
        ("le 3 mars 2024", "fr"),
        ("am 3. März 2024", "de"),
        ("el 3 de marzo de 2024", "es"),
        ("3 марта 2024 года", "ru"),
        ("2024年3月3日", "zh"),
        ("2024년 3월 3일", "ko"),
        ("3 Mart 2024", "tr"),
        ("3. maaliskuuta 2024", "fi"),
        ("στις 3 Μαρτίου 2024", "el"),
        ("ngày 3 tháng 3 năm 2024", "vi"),
        ("3 मार्च 2024", "hi"),
        ("2024-03-03", "en"),
    ],
)
def test_dates_across_languages(text, lang):
    qs = extract(text, lang)
    assert ("dm", 3, 3) in [q.key for q in qs]
    assert 2024 in [q.key for q in qs if q.kind == "year"]


@pytest.mark.parametrize(
    "text,lang",
    [("nine days", "en"), ("neuf jours", "fr"), ("neun Tage", "de"), ("девять дней", "ru"),
     ("nueve días", "es"), ("dziewięć dni", "pl"), ("九天", "zh")],
)
def test_spelled_out_numbers_are_read(text, lang):
    qs = extract(text, lang)
    assert [q.key for q in qs] == [9]
    assert qs[0].weak == (lang in ("zh", "fr"))  # bare CJK numerals and "neuf" (new) stay evidence


@pytest.mark.parametrize(
    "text,lang",
    [("one of the best", "en"), ("un homme neuf", "fr"), ("ein Mann", "de"), ("uno de ellos", "es"),
     ("sei bravo, Otto", "it"), ("a dozen eggs", "en"), ("hundreds of people", "en"),
     ("seven or eight boats", "en"), ("on iki kişi", "tr"), ("yüzde otuz ikisi", "tr"),
     ("tiga puluh orang", "id"), ("세 살", "ko"), ("обе стороны", "ru")],
)
def test_ambiguous_number_words_are_never_reported(text, lang):
    assert all(q.weak for q in extract(text, lang) if q.kind == "word")


@pytest.mark.parametrize(
    "text,lang,value",
    [("fifty-eight", "en", 58), ("twenty one", "en", 21), ("vingt-trois", "fr", 23),
     ("trente et un", "fr", 31), ("soixante-dix", "fr", 70), ("quatre-vingts", "fr", 80),
     ("quatre-vingt-dix", "fr", 90), ("achtundfünfzig", "de", 58), ("treinta y cinco", "es", 35),
     ("veintitrés", "es", 23), ("cinquantotto", "it", 58), ("trentatré", "it", 33)],
)
def test_compound_number_words(text, lang, value):
    qs = extract(text, lang)
    assert [(q.key, q.weak) for q in qs] == [(value, False)]


def test_units_scales_codes_and_cjk_times():
    (q,) = extract("475 miles", "en")
    assert q.unit.startswith("len:")
    (a,), (b,) = extract("53 meters", "en"), extract("83 meters", "en")
    assert not numparse.converted(a, b)  # the same unit: no conversion
    (a,), (b,) = extract("475 miles", "en"), extract("1000 pounds", "en")
    assert not numparse.converted(a, b) and not numparse.converted(b, a)  # length vs mass
    (a,), (b,) = extract("10 miles", "en"), extract("16 km", "fr")
    assert numparse.converted(b, a)
    assert [q.key for q in extract("1000万千瓦", "zh")] == [10_000_000]  # 千瓦 = kW
    assert [q.key for q in extract("15时50分", "zh")] == [("t", 3, 50)]
    assert [q.key for q in extract("the F-35 and COVID-19", "en")] == [("code", 35), ("code", 19)]
    assert [q.key for q in extract("in mid-2019", "en")] == [2019]


def test_codes_and_times_are_not_plain_numbers():
    assert values("the G7 summit and an A320", "en") == []
    assert extract("at 12:55 p.m.", "en")[0].kind == "time"
    assert extract("à 12h55", "fr")[0].key == ("t", 0, 55)


def test_format_number_follows_the_locale_and_the_written_token():
    assert numparse.format_number(1140, "de", like="1.410") == "1.140"
    assert numparse.format_number(1600, "ru", like="1 800") == "1 600"
    assert numparse.format_number(4.5, "fr", like="5,4") == "4,5"
    assert numparse.format_number(870, "tr", like="780") == "870"


# ---------------------------------------------------------------------------
# the check, end to end through the CLI

EN = "The cooperative now has 1,200 members. The plant opened on March 3, 2024, after nine days of tests.\n"
CLEAN = {
    "en.source.txt": EN,
    "fr.txt": "La coopérative compte désormais 1\u202f200 membres. L'usine a ouvert le 3 mars 2024, après neuf jours d'essais.\n",
    "de.txt": "Die Genossenschaft hat inzwischen 1.200 Mitglieder. Das Werk wurde am 3. März 2024 nach neun Tagen Tests eröffnet.\n",
    "ru.txt": "Сейчас в кооперативе 1 200 членов. Завод открылся 3 марта 2024 года после девяти дней испытаний.\n",
    "zh.txt": "该合作社目前有1200名成员。经过九天的测试，工厂于2024年3月3日开业。\n",
    "ja.txt": "組合の会員は現在1,200人です。9日間の試験を経て、工場は2024年3月3日に開業しました。\n",
    "es.txt": "La cooperativa cuenta ya con 1.200 socios. La planta abrió el 3 de marzo de 2024, tras nueve días de pruebas.\n",
}


def mt3(report):
    return findings(report, "MT3")


def test_locale_formats_are_not_reported(article):
    code, report, _ = check_json(article(CLEAN), args=("--select", "MT3*"))
    assert mt3(report) == []
    assert code == 0


def test_changed_number_is_reported_at_its_span_with_expected(article):
    files = dict(CLEAN)
    files["de.txt"] = files["de.txt"].replace("1.200", "1.600")
    _, report, _ = check_json(article(files), args=("--select", "MT3*"))
    fs = mt3(report)
    assert len(fs) == 1
    f = fs[0]
    assert (f["code"], f["version"], f["text"], f["expected"]) == ("MT301", "de", "1.600", "1.200")
    assert f["severity"] == "error"
    assert "1.600 here" in f["message"] and "1,200" in f["message"]


def test_changed_date_is_reported(article):
    files = dict(CLEAN)
    files["fr.txt"] = files["fr.txt"].replace("3 mars 2024", "3 mai 2024")
    _, report, _ = check_json(article(files), args=("--select", "MT3*"))
    fs = mt3(report)
    assert [(f["code"], f["version"], f["text"], f["expected"]) for f in fs] == [
        ("MT302", "fr", "3 mai 2024", "3 mars 2024")]


def test_changed_year_is_reported(article):
    files = dict(CLEAN)
    files["zh.txt"] = files["zh.txt"].replace("2024年", "2025年")
    _, report, _ = check_json(article(files), args=("--select", "MT3*"))
    assert [(f["code"], f["version"], f["text"]) for f in mt3(report)] == [("MT302", "zh", "2025")]


def test_cjk_multiplier_mismatch(article):
    files = {
        "en.source.txt": "The fund raised 1.5 million dollars.\n",
        "fr.txt": "Le fonds a levé 1,5 million de dollars.\n",
        "de.txt": "Der Fonds sammelte 1,5 Millionen Dollar.\n",
        "zh.txt": "该基金筹集了15万美元。\n",
        "ko.txt": "이 펀드는 150만 달러를 모았다.\n",
    }
    _, report, _ = check_json(article(files), args=("--select", "MT3*"))
    fs = mt3(report)
    assert [(f["version"], f["text"], f["expected"]) for f in fs] == [("zh", "15万", "150万")]


def test_spelled_out_number_supports_and_is_compared(article):
    files = {
        "en.source.txt": "The strike lasted nine days.\n",
        "fr.txt": "La grève a duré neuf jours.\n",
        "de.txt": "Der Streik dauerte 9 Tage.\n",
        "ru.txt": "Забастовка длилась девять дней.\n",
        "es.txt": "La huelga duró 7 días.\n",
    }
    _, report, _ = check_json(article(files), args=("--select", "MT3*"))
    assert [(f["version"], f["text"]) for f in mt3(report)] == [("es", "7")]


def test_conversions_rounding_and_dropped_numbers_stay_silent(article):
    files = {
        "en.source.txt": "The storm moved 10 miles inland and cut power to 1.52 million homes in 2019.\n",
        "fr.txt": "La tempête a progressé de 16 km dans les terres et privé 1,5 million de foyers d'électricité en 2019.\n",
        "de.txt": "Der Sturm zog 16 Kilometer ins Landesinnere und ließ 2019 rund 1,5 Millionen Haushalte ohne Strom.\n",
        "es.txt": "La tormenta avanzó 10 millas tierra adentro y dejó sin luz a 1,52 millones de hogares en 2019.\n",
        "it.txt": "La tempesta è avanzata nell'entroterra e ha lasciato senza corrente 1,52 milioni di case nel 2019.\n",
    }
    _, report, _ = check_json(article(files), args=("--select", "MT3*"))
    assert mt3(report) == []


def test_plain_disagreement_without_majority_is_not_reported(article):
    files = {
        "en.source.txt": "About 300 people attended.\n",
        "fr.txt": "Environ 400 personnes étaient présentes.\n",
        "de.txt": "Etwa 500 Menschen nahmen teil.\n",
    }
    _, report, _ = check_json(article(files), args=("--select", "MT3*"))
    assert mt3(report) == []


def test_check_documentation():
    from mtcheck.checks.base import get_check

    for code in ("MT301", "MT302"):
        cls = get_check(code)
        assert cls is not None and "Example" in cls.documentation()


def test_ntrex_clean_false_findings_are_rare(tmp_path):
    """At most 1 finding per 10,000 words on professionally translated NTREX documents."""
    data = needs_shared("data/ntrex-dev")
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    ntrex = pytest.importorskip("ntrex")
    docs = sorted(p.name for p in data.iterdir() if p.is_dir())[:12]
    words = 0
    for doc in docs:
        files = {}
        for f in sorted((data / doc).glob("*.txt")):
            text = "\n".join(f.read_text(encoding="utf-8-sig").splitlines()) + "\n"
            files[ntrex.version_file(f.stem)] = text
            words += len(text.split())
        from conftest import write_article

        write_article(tmp_path / "c" / doc, files)
    _, report, _ = check_json(tmp_path / "c", args=("--select", "MT3*"))
    assert len(mt3(report)) <= max(1, words / 10_000)


def test_source_translation_pair_gives_a_warning(article):
    files = {"en.source.txt": "Unemployment fell to 4.5% in May.\n",
             "fr.txt": "Le chômage est tombé à 5,4 % en mai.\n"}
    _, report, _ = check_json(article(files), args=("--select", "MT3*"))
    fs = mt3(report)
    assert [(f["version"], f["text"], f["expected"], f["severity"]) for f in fs] == [
        ("fr", "5,4 %", "4,5 %", "warning")]


def _vote(article, files):
    _, report, _ = check_json(article(files), args=("--select", "MT3*"))
    return [(f["version"], f["code"], f["text"], f["expected"]) for f in mt3(report)]


def test_a_neighbour_row_does_not_hide_a_clear_disagreement(article):
    """The "10th" of the next row (in every version) must not explain "2012" for "2010"."""
    nxt = "The style peaked between the 10th–11th century and the 14th century.\n"
    files = {
        "en.ref.txt": "UN peacekeepers, who arrived in Haiti after the 2010 earthquake, are blamed "
                      "for the spread of the disease.\n\n" + nxt,
        "en.mt.txt": "UN peacekeepers who came to Haiti after the 2010 earthquake are accused of "
                     "spreading the disease.\n\n" + nxt,
        "en.pert.txt": "UN peacekeepers, who arrived in Haiti after the 2012 earthquake, are blamed "
                       "for the spread of the disease.\n\n" + nxt,
    }
    assert _vote(article, files) == [("en.pert", "MT302", "2012", "2010")]


def test_a_value_slipped_into_the_neighbour_row_still_explains(article):
    """Alignment slips: a value the others have in this row and this version in the next."""
    files = {
        "en.source.txt": "The bridge opened in 1998. It is 378 metres long.\n\nTraffic doubled.\n",
        "fr.txt": "Le pont a ouvert en 1998. Il mesure 378 mètres.\n\nLe trafic a doublé.\n",
        "de.txt": "Die Brücke wurde 1998 eröffnet. Sie ist 378 Meter lang.\n\nDer Verkehr hat sich verdoppelt.\n",
    }
    assert _vote(article, files) == []


def test_spelled_out_number_changed_is_reported(article):
    files = {
        "de.source.txt": "Der Film lief sieben Jahre lang im Kino.\n",
        "en.ref.txt": "The film ran in cinemas for seven years.\n",
        "en.mt.txt": "The film ran for 7 years in cinemas.\n",
        "en.pert.txt": "The film ran in cinemas for nine years.\n",
    }
    assert _vote(article, files) == [("en.pert", "MT301", "nine", "seven")]


def test_scale_word_changed_is_reported(article):
    files = {
        "en.source.txt": "The fund raised 1.2 million dollars.\n",
        "fr.txt": "Le fonds a levé 1,2 million de dollars.\n",
        "de.txt": "Der Fonds sammelte 1,2 Millionen Dollar.\n",
        "es.txt": "El fondo recaudó 1,2 mil millones de dólares.\n",
    }
    (v, code, text, _), = _vote(article, files)
    assert (v, code, text) == ("es", "MT301", "1,2 mil millones")


def test_cjk_scale_misread_is_reported(article):
    files = {
        "zh.source.txt": "该项目投资1.2亿元。\n",
        "en.ref.txt": "The project cost 120 million yuan.\n",
        "en.mt.txt": "The project invested 120 million yuan.\n",
        "en.pert.txt": "The project invested 12 million yuan.\n",
    }
    assert [(v, t) for v, _, t, _ in _vote(article, files)] == [("en.pert", "12 million")]


def test_changed_time_is_reported_with_this_versions_clock(article):
    files = {
        "zh.source.txt": "7月24日15时50分，警方接到报警。\n",
        "en.ref.txt": "At 15:50 on July 24, police received a call.\n",
        "en.mt.txt": "At 15:50 on July 24, the police received a report.\n",
        "en.pert.txt": "At 14:50 on July 24, the police received a report.\n",
    }
    assert _vote(article, files) == [("en.pert", "MT301", "14:50", "15:50")]


def test_spelled_number_converted_unit_stays_silent(article):
    files = {
        "en.source.txt": "It is about 15 feet long.\n",
        "de.txt": "Das ist etwa fünf Meter lang.\n",
        "fr.txt": "Il mesure environ 15 pieds de long.\n",
        "es.txt": "Mide unos 15 pies de largo.\n",
    }
    assert _vote(article, files) == []
