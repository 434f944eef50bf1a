"""Names in scripts without capitals (Hangul, kana, Arabic...) and names romanised from
Chinese characters: our own texts, with the inflection traps (particles, clitics)."""

from __future__ import annotations

from conftest import name_findings

EN = ("Anna Ferrante opened the new library in Verona on Monday.\n\n"
      "Ferrante said the building cost 12 million euros.\n\n"
      "The mayor thanked Ferrante for her patience.\n\n"
      "According to Ferrante, the library will open on Sundays.\n\n"
      "Ferrante also announced a reading prize.\n")
IT = ("Anna Ferrante ha inaugurato lunedì la nuova biblioteca di Verona.\n\n"
      "Ferrante ha detto che l'edificio è costato 12 milioni di euro.\n\n"
      "Il sindaco ha ringraziato Ferrante per la sua pazienza.\n\n"
      "Secondo Ferrante, la biblioteca aprirà la domenica.\n\n"
      "Ferrante ha anche annunciato un premio di lettura.\n")
FR = ("Anna Ferrante a inauguré lundi la nouvelle bibliothèque de Vérone.\n\n"
      "Ferrante a déclaré que le bâtiment avait coûté 12 millions d'euros.\n\n"
      "Le maire a remercié Ferrante pour sa patience.\n\n"
      "Selon Ferrante, la bibliothèque ouvrira le dimanche.\n\n"
      "Ferrante a également annoncé un prix de lecture.\n")
KO = ("안나 페란테는 월요일 베로나에서 새 도서관을 열었다.\n\n"
      "페란테는 건물에 1200만 유로가 들었다고 말했다.\n\n"
      "시장은 페란테의 인내심에 감사를 표했다.\n\n"
      "{x}에 따르면 도서관은 일요일에도 문을 연다.\n\n"
      "페란테가 독서상도 발표했다.\n")
AR = ("افتتحت آنا فيرانتي يوم الاثنين المكتبة الجديدة في فيرونا.\n\n"
      "وقالت فيرانتي إن المبنى كلف 12 مليون يورو.\n\n"
      "وشكر رئيس البلدية {x} صبرها.\n\n"
      "ووفقا لفيرانتي، ستفتح المكتبة أيام الأحد.\n\n"
      "وأعلنت فيرانتي أيضا عن جائزة للقراءة.\n")
JA = ("アンナ・フェランテ氏は月曜日、ヴェローナで新しい図書館を開いた。\n\n"
      "フェランテ氏は、建物に1200万ユーロかかったと述べた。\n\n"
      "市長は{x}氏の忍耐に感謝した。\n\n"
      "フェランテ氏によると、図書館は日曜日も開館する。\n\n"
      "フェランテ氏は読書賞も発表した。\n")


def _mt1(article, files):
    return name_findings(article(files))


def test_consonant_slip_in_hangul_arabic_katakana_flagged_with_particle_kept(article):
    got = _mt1(article, {"en.txt": EN, "it.txt": IT, "fr.txt": FR, "ko.txt": KO.format(x="베란테"),
                         "ar.txt": AR.format(x="لفيرامتي"), "ja.txt": JA.format(x="フェダンテ")})
    assert got == [("MT101", "ar", "لفيرامتي", "لفيرانتي"), ("MT101", "ja", "フェダンテ", "フェランテ"),
                   ("MT101", "ko", "베란테에", "페란테에")]


def test_particles_clitics_and_vowel_variants_not_flagged(article):
    # 페란테는/페란테의/페란테가/페란테에: particles; لفيرانتي: a clitic; 페런테 and
    # فيرانتا differ in a vowel only, which careful translators vary too
    got = _mt1(article, {"en.txt": EN, "it.txt": IT, "fr.txt": FR, "ko.txt": KO.format(x="페런테"),
                         "ar.txt": AR.format(x="لفيرانتا"), "ja.txt": JA.format(x="フェランテ")})
    assert got == []


ZH = ("恒远公司创始人林国栋宣布退休。\n\n"
      "公司与德国沃尔塔罗公司合建的工厂将于明年投产。\n\n"
      "沃尔塔罗首席执行官表示对此完全有信心。\n")
EN_ZH = ("Hengyuan founder Lin Guodong announced his retirement.\n\n"
         "The plant built with Germany's Voltaro will start production next year.\n\n"
         "The chief executive of Voltaro said he had complete confidence.\n")
ES_ZH = ("El fundador de Hengyuan, Lin Guodong, anunció su retiro.\n\n"
         "La planta construida con la alemana Voltaro comenzará a producir el próximo año.\n\n"
         "El consejero delegado de Voltaro dijo tener plena confianza.\n")
DE_ZH = ("Hengyuan-Gründer Lin Guodong hat seinen Rückzug angekündigt.\n\n"
         "Das mit der deutschen Voltaro gebaute Werk soll nächstes Jahr die Produktion aufnehmen.\n\n"
         "Der Vorstandschef von Voltaro sagte, er habe volles Vertrauen.\n")
FR_ZH = ("le fondateur de hengyuan, lin guodong, a annoncé son départ à la retraite.\n\n"
         "l'usine construite avec l'allemand woertaluo entrera en production l'an prochain.\n\n"
         "le directeur général de voltaro s'est dit pleinement confiant.\n")


def test_name_romanised_from_chinese_flagged_pinyin_people_names_not(article):
    got = _mt1(article, {"zh.source.txt": ZH, "en.txt": EN_ZH, "es.txt": ES_ZH, "de.txt": DE_ZH, "fr.txt": FR_ZH})
    # "lin guodong" is the pinyin of 林国栋 too, but every Latin version writes it
    assert got == [("MT101", "fr", "woertaluo", "voltaro")]


def test_consonant_swap_helper():
    from mtcheck.checks.names import _consonant_swap

    assert _consonant_swap("베란테", "페란테", "Kore")
    assert not _consonant_swap("페런테", "페란테", "Kore")  # vowel
    assert _consonant_swap("ホンバ", "ボンバ", "Jpan")
    assert not _consonant_swap("セリヒオ", "セルヒオ", "Jpan")  # vowel
    assert _consonant_swap("مالتن", "مارتن", "Arab")
    assert not _consonant_swap("رانجرز", "رينجرز", "Arab")  # long vowel letter
    assert _consonant_swap("ट्रन्प", "ट्रम्प", "Deva")
    assert not _consonant_swap("मैसिडोनिया", "मैसेडोनिया", "Deva")  # vowel sign
    assert not _consonant_swap("جراهام", "غراهام", "Arab")  # an English g either way
    assert not _consonant_swap("जेरार्ड", "गेरार्ड", "Deva")
    from mtcheck.checks.names import _kana_vowel_swap

    assert _kana_vowel_swap("エクランド", "エクルンド") and not _kana_vowel_swap("ボンバ", "ホンバ")


def test_han_name_with_less_common_transliteration_character(article):
    # 隆 is a transliteration character too (埃克隆德 for Eklund next to the version's 埃克伦德)
    files = {
        "en.txt": "Lars Eklund founded the firm.\n\nEklund still chairs the board.\n\nThe talks were led by Eklund.\n",
        "fr.txt": "Lars Eklund a fondé l'entreprise.\n\nEklund préside toujours le conseil.\n\nLes négociations ont été menées par Eklund.\n",
        "de.txt": "Lars Eklund gründete die Firma.\n\nEklund leitet weiterhin den Aufsichtsrat.\n\nDie Verhandlungen führte Eklund.\n",
        "zh.txt": "拉斯·埃克伦德创立了这家公司。\n\n埃克伦德仍担任董事长。\n\n谈判由埃克隆德主导。\n",
    }
    assert _mt1(article, files) == [("MT101", "zh", "埃克隆德", "埃克伦德")]


def test_lowercased_name_translated_as_a_word_flagged_pronoun_not(article):
    # fr (lower-cased MT output) writes "césar" for Kaiser in one sentence and "kaiser"
    # elsewhere; in another sentence it says "il" for Kaiser: nothing to flag there
    files = {
        "en.txt": "Markus Kaiser runs the plant.\n\nKaiser said the line starts in May.\n\n"
                  "Kaiser will attend the opening.\n\nThe mayor thanked Kaiser.\n",
        "de.txt": "Markus Kaiser leitet das Werk.\n\nKaiser sagte, die Linie starte im Mai.\n\n"
                  "Kaiser wird an der Eröffnung teilnehmen.\n\nDer Bürgermeister dankte Kaiser.\n",
        "es.txt": "Markus Kaiser dirige la planta.\n\nKaiser dijo que la línea arranca en mayo.\n\n"
                  "Kaiser asistirá a la inauguración.\n\nEl alcalde agradeció a Kaiser.\n",
        "it.txt": "Markus Kaiser dirige lo stabilimento.\n\nKaiser ha detto che la linea parte a maggio.\n\n"
                  "Kaiser parteciperà all'inaugurazione.\n\nIl sindaco ha ringraziato Kaiser.\n",
        "fr.txt": "markus kaiser dirige l'usine.\n\ncésar a déclaré que la ligne démarrera en mai.\n\n"
                  "il assistera à l'inauguration.\n\nle maire a remercié kaiser.\n",
    }
    assert _mt1(article, files) == [("MT101", "fr", "césar", "kaiser")]


def test_han_forms_read_alike_once_each_not_flagged(article):
    # 莫利纳里 / 莫利纳利 are both "molinali": one mention each, nothing tells the slip
    files = {
        "en.txt": "Francesco Molinari won in Paris.\n\nFans cheered Molinari at the club.\n",
        "fr.txt": "Francesco Molinari a gagné à Paris.\n\nLes fans ont acclamé Molinari au club.\n",
        "de.txt": "Francesco Molinari gewann in Paris.\n\nDie Fans jubelten Molinari im Klub zu.\n",
        "zh.txt": "弗朗切斯科·莫利纳里在巴黎获胜。\n\n球迷们在俱乐部为莫利纳利欢呼。\n",
    }
    assert _mt1(article, files) == []
