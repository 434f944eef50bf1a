"""Find numbers, amounts, percentages, dates and years in text, with normalised values.

``extract(text, lang)`` returns :class:`Quantity` objects with exact offsets into
``text`` and a value that does not depend on how the language writes it:

* digits of every script (full-width, Arabic-Indic, Persian, Devanagari, Bengali, Thai)
  count as ASCII digits;
* group and decimal marks follow the language (``1 200``, ``1.200``, ``1,200``,
  ``1'200``, narrow no-break spaces; ``1,5`` and ``1.5``); a token that could be read
  both ways (``1,200`` in German) carries the other reading in ``alts``;
* scale words multiply (``1,5 Millionen``, ``150万``, ``1億2000万``, ``3,2 млрд``,
  ``2 lakh``), and the bare mantissa is kept as a weak alternative reading;
* dates in the major languages become ``("dm", month, day)`` keys (``3 mars 2024``,
  ``March 3, 2024``, ``2024年3月3日``, ``3. März 2024``, ``3 марта 2024``); a month
  named without a day becomes ``("m", month)``; four-digit years stay numbers of kind
  ``year``;
* times (``12:55``, ``12h55``, ``12.55 Uhr``) become ``("t", h % 12, m)`` plus their
  hour and minute as alternatives;
* small spelled-out numbers ("nine days", "neuf jours", "neun Tage", "девять дней",
  "九天") are *weak* quantities: they count as evidence that a version has a value,
  never as something to report on their own.

The module is pure (no I/O) and compiled patterns are cached per language, so the
cost is a few regular-expression passes per sentence.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

# ---------------------------------------------------------------------------
# digits of every script -> ASCII (one character for one, so offsets are kept)


def _digit_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for zero in (0xFF10, 0x0660, 0x06F0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6,
                 0x0C66, 0x0CE6, 0x0D66, 0x0E50, 0x0ED0, 0x1040, 0x17E0, 0x1810):
        for i in range(10):
            table[zero + i] = str(i)
    table[0x066B] = "."  # Arabic decimal separator
    table[0x066C] = ","  # Arabic thousands separator
    table[0x066A] = "%"  # Arabic percent sign
    table[0xFF05] = "%"  # full-width percent
    table[0x2212] = "-"
    return table


_DIGITS = _digit_table()


_NEEDS_TRANSLATION = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_DIGITS)) + "]")
_ANY_DIGIT = re.compile(r"\d")


def normalise_digits(text: str) -> str:
    """Same-length copy of ``text`` with all decimal digits as ASCII."""
    if _NEEDS_TRANSLATION.search(text) is None:
        return text
    return text.translate(_DIGITS)


# ---------------------------------------------------------------------------
# language conventions

# Languages whose decimal mark is the comma (their thousands mark is ".", " " or "'").
COMMA_DECIMAL = {
    "fr", "de", "es", "it", "pt", "ru", "uk", "pl", "cs", "sk", "tr", "fi", "id", "vi", "el",
    "nl", "da", "nb", "no", "nn", "sv", "ro", "hu", "hr", "sr", "sl", "bg", "lt", "lv", "et",
    "be", "ca", "gl", "eu", "az", "kk", "is", "sq", "mk", "bs",
}
# Languages that group thousands with a plain space ("1 200").
SPACE_GROUP = {
    "fr", "ru", "uk", "pl", "cs", "sk", "fi", "sv", "nb", "no", "nn", "et", "lv", "lt", "hu",
    "bg", "be", "kk", "sl", "hr", "sr", "el", "pt", "de", "es", "it", "ro", "ca",
}
# How the expected value is written per language: (group mark, decimal mark).
STYLE = {
    "fr": ("\u202f", ","), "ru": ("\u00a0", ","), "uk": ("\u00a0", ","), "pl": ("\u00a0", ","),
    "cs": ("\u00a0", ","), "sk": ("\u00a0", ","), "fi": ("\u00a0", ","), "sv": ("\u00a0", ","),
    "nb": ("\u00a0", ","), "et": ("\u00a0", ","), "lt": ("\u00a0", ","), "lv": ("\u00a0", ","),
    "hu": ("\u00a0", ","), "bg": ("\u00a0", ","),
    "de": (".", ","), "es": (".", ","), "it": (".", ","), "pt": (".", ","), "tr": (".", ","),
    "id": (".", ","), "vi": (".", ","), "el": (".", ","), "nl": (".", ","), "da": (".", ","),
    "ro": (".", ","), "hr": (".", ","), "sr": (".", ","), "sl": (".", ","),
}

# Scale words per language (value multiplier).  Matched right after a number.
_SCALES_COMMON = {"k": 1e3, "bn": 1e9, "mn": 1e6, "m": 1e6}
_GLUED_ONLY = {"k", "m", "M", "K", "B"}  # "$5m", "£3k": only glued to a number after a currency sign
SCALES: dict[str, dict[str, float]] = {
    "en": {"thousand": 1e3, "million": 1e6, "millions": 1e6, "billion": 1e9, "billions": 1e9,
           "trillion": 1e12, "lakh": 1e5, "crore": 1e7, "mln": 1e6, "bln": 1e9},
    "fr": {"mille": 1e3, "million": 1e6, "millions": 1e6, "milliard": 1e9, "milliards": 1e9,
           "billion": 1e12, "billions": 1e12, "Md": 1e9, "Mds": 1e9, "M": 1e6},
    "de": {"Tausend": 1e3, "tausend": 1e3, "Million": 1e6, "Millionen": 1e6, "Mio": 1e6,
           "Milliarde": 1e9, "Milliarden": 1e9, "Mrd": 1e9, "Billion": 1e12, "Billionen": 1e12},
    "nl": {"duizend": 1e3, "miljoen": 1e6, "miljard": 1e9, "mln": 1e6, "mld": 1e9},
    "es": {"mil": 1e3, "millón": 1e6, "millones": 1e6, "mil millones": 1e9, "millardo": 1e9,
           "millardos": 1e9, "billón": 1e12, "billones": 1e12},
    "it": {"mila": 1e3, "mille": 1e3, "milione": 1e6, "milioni": 1e6, "miliardo": 1e9,
           "miliardi": 1e9, "mln": 1e6, "mld": 1e9, "mrd": 1e9},
    "pt": {"mil": 1e3, "milhão": 1e6, "milhões": 1e6, "milhao": 1e6, "milhoes": 1e6,
           "bilhão": 1e9, "bilhões": 1e9, "mil milhões": 1e9, "bilião": 1e12, "biliões": 1e12,
           "trilhão": 1e12, "trilhões": 1e12},
    "ru": {"тыс": 1e3, "тысяч": 1e3, "тысячи": 1e3, "тысяча": 1e3, "тысячу": 1e3,
           "млн": 1e6, "миллион": 1e6, "миллиона": 1e6, "миллионов": 1e6,
           "млрд": 1e9, "миллиард": 1e9, "миллиарда": 1e9, "миллиардов": 1e9,
           "трлн": 1e12, "триллион": 1e12, "триллиона": 1e12, "триллионов": 1e12},
    "uk": {"тис": 1e3, "тисяч": 1e3, "тисячі": 1e3, "тисяча": 1e3, "тисячу": 1e3,
           "млн": 1e6, "мільйон": 1e6, "мільйони": 1e6, "мільйона": 1e6, "мільйонів": 1e6,
           "млрд": 1e9, "мільярд": 1e9, "мільярди": 1e9, "мільярда": 1e9, "мільярдів": 1e9,
           "трлн": 1e12},
    "pl": {"tys": 1e3, "tysiąc": 1e3, "tysięcy": 1e3, "tysiące": 1e3, "mln": 1e6,
           "milion": 1e6, "miliony": 1e6, "milionów": 1e6, "miliona": 1e6, "mld": 1e9,
           "miliard": 1e9, "miliardy": 1e9, "miliardów": 1e9, "miliarda": 1e9, "bln": 1e12,
           "bilion": 1e12, "biliony": 1e12, "bilionów": 1e12},
    "cs": {"tis": 1e3, "tisíc": 1e3, "tisíce": 1e3, "mil": 1e6, "milion": 1e6, "miliony": 1e6,
           "milionů": 1e6, "milionu": 1e6, "mld": 1e9, "miliarda": 1e9, "miliardy": 1e9,
           "miliard": 1e9, "bilion": 1e12},
    "tr": {"bin": 1e3, "milyon": 1e6, "milyar": 1e9, "trilyon": 1e12},
    "fi": {"tuhatta": 1e3, "tuhat": 1e3, "miljoonaa": 1e6, "miljoona": 1e6, "milj": 1e6,
           "miljardia": 1e9, "miljardi": 1e9, "mrd": 1e9, "biljoonaa": 1e12},
    "sv": {"tusen": 1e3, "miljon": 1e6, "miljoner": 1e6, "milj": 1e6, "miljard": 1e9,
           "miljarder": 1e9, "mdr": 1e9},
    "id": {"ribu": 1e3, "juta": 1e6, "miliar": 1e9, "milyar": 1e9, "triliun": 1e12},
    "vi": {"nghìn": 1e3, "ngàn": 1e3, "triệu": 1e6, "tỷ": 1e9, "tỉ": 1e9},
    "el": {"χιλιάδες": 1e3, "χιλ": 1e3, "εκατομμύρια": 1e6, "εκατομμύριο": 1e6, "εκατ": 1e6,
           "δισεκατομμύρια": 1e9, "δισεκατομμύριο": 1e9, "δισ": 1e9, "τρισεκατομμύρια": 1e12},
    "ar": {"ألف": 1e3, "آلاف": 1e3, "مليون": 1e6, "ملايين": 1e6, "مليار": 1e9, "مليارات": 1e9,
           "بليون": 1e9, "تريليون": 1e12},
    "hi": {"हज़ार": 1e3, "हजार": 1e3, "लाख": 1e5, "करोड़": 1e7, "करोड": 1e7, "मिलियन": 1e6,
           "बिलियन": 1e9, "अरब": 1e9, "खरब": 1e11},
    "zh": {"千": 1e3, "万": 1e4, "萬": 1e4, "十万": 1e5, "百万": 1e6, "千万": 1e7, "亿": 1e8,
           "億": 1e8, "万亿": 1e12, "兆": 1e12},
    "ja": {"千": 1e3, "万": 1e4, "十万": 1e5, "百万": 1e6, "千万": 1e7, "億": 1e8, "兆": 1e12},
    "ko": {"천": 1e3, "만": 1e4, "십만": 1e5, "백만": 1e6, "천만": 1e7, "억": 1e8, "조": 1e12},
}

PERCENT_WORDS = {
    "en": ["per cent", "percent", "pct"], "fr": ["pour cent", "pourcent"],
    "de": ["Prozent"], "es": ["por ciento"], "it": ["per cento"], "pt": ["por cento"],
    "ru": ["процент", "процента", "процентов"], "uk": ["відсоток", "відсотки", "відсотків"],
    "pl": ["procent", "procenty", "procentów"], "cs": ["procent", "procenta", "procento"],
    "fi": ["prosenttia", "prosentti"], "id": ["persen"], "vi": ["phần trăm"],
    "el": ["τοις εκατό"], "hi": ["प्रतिशत", "फ़ीसदी", "फीसदी"], "ar": ["بالمائة", "بالمئة", "في المائة", "في المئة"],
    "tr": ["yüzde"], "nl": ["procent"], "sv": ["procent"],
}

# Month names: (regex alternatives per month 1..12).  Matched as whole words.
_MONTHS_RAW: dict[str, list[str]] = {
    "en": ["January|Jan", "February|Feb", "March|Mar", "April|Apr", "May", "June|Jun",
           "July|Jul", "August|Aug", "September|Sept|Sep", "October|Oct", "November|Nov",
           "December|Dec"],
    "fr": ["janvier", "février|fevrier", "mars", "avril", "mai", "juin", "juillet",
           "août|aout", "septembre", "octobre", "novembre", "décembre|decembre"],
    "de": ["Januar|Jänner", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
           "September", "Oktober", "November", "Dezember"],
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre|setiembre", "octubre", "noviembre", "diciembre"],
    "it": ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
           "settembre", "ottobre", "novembre", "dicembre"],
    "pt": ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
           "setembro", "outubro", "novembro", "dezembro"],
    "ru": ["январ[ья]|январе", "феврал[ья]|феврале", "марта?|марте", "апрел[ья]|апреле",
           "ма[йяе]", "июн[ья]|июне", "июл[ья]|июле", "августа?|августе",
           "сентябр[ья]|сентябре", "октябр[ья]|октябре", "ноябр[ья]|ноябре",
           "декабр[ья]|декабре"],
    "uk": ["січ(?:ня|ень|ні)", "лют(?:ого|ий|ому)", "берез(?:ня|ень|ні)", "квіт(?:ня|ень|ні)",
           "трав(?:ня|ень|ні)", "черв(?:ня|ень|ні)", "лип(?:ня|ень|ні)", "серп(?:ня|ень|ні)",
           "верес(?:ня|ень|ні)", "жовт(?:ня|ень|ні)", "листопад(?:а|і)?", "груд(?:ня|ень|ні)"],
    "pl": ["stycz(?:eń|nia|niu)", "lut(?:y|ego|ym)", "mar(?:zec|ca|cu)", "kwie(?:cień|tnia|tniu)",
           "maj(?:a|u)?", "czerw(?:iec|ca|cu)", "lip(?:iec|ca|cu)", "sierp(?:ień|nia|niu)",
           "wrze(?:sień|śnia|śniu)", "październik(?:a|u)?", "listopad(?:a|zie)?",
           "grud(?:zień|nia|niu)"],
    "cs": ["led(?:en|na|nu)", "únor(?:a|u)?", "břez(?:en|na|nu)", "dub(?:en|na|nu)",
           "květ(?:en|na|nu)", "červ(?:en|na|nu)", "červen(?:ec|ce|ci)", "srp(?:en|na|nu)",
           "září", "říj(?:en|na|nu)", "listopad(?:u)?", "prosin(?:ec|ce|ci)"],
    "tr": ["Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos",
           "Eylül", "Ekim", "Kasım", "Aralık"],
    "fi": ["tammikuu(?:ta|ssa|n)?", "helmikuu(?:ta|ssa|n)?", "maaliskuu(?:ta|ssa|n)?",
           "huhtikuu(?:ta|ssa|n)?", "toukokuu(?:ta|ssa|n)?", "kesäkuu(?:ta|ssa|n)?",
           "heinäkuu(?:ta|ssa|n)?", "elokuu(?:ta|ssa|n)?", "syyskuu(?:ta|ssa|n)?",
           "lokakuu(?:ta|ssa|n)?", "marraskuu(?:ta|ssa|n)?", "joulukuu(?:ta|ssa|n)?"],
    "id": ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
           "September", "Oktober", "November", "Desember"],
    "el": ["Ιανουαρίου|Ιανουάριος|Ιανουάριο", "Φεβρουαρίου|Φεβρουάριος|Φεβρουάριο",
           "Μαρτίου|Μάρτιος|Μάρτιο", "Απριλίου|Απρίλιος|Απρίλιο", "Μαΐου|Μάιος|Μάιο",
           "Ιουνίου|Ιούνιος|Ιούνιο", "Ιουλίου|Ιούλιος|Ιούλιο", "Αυγούστου|Αύγουστος|Αύγουστο",
           "Σεπτεμβρίου|Σεπτέμβριος|Σεπτέμβριο", "Οκτωβρίου|Οκτώβριος|Οκτώβριο",
           "Νοεμβρίου|Νοέμβριος|Νοέμβριο", "Δεκεμβρίου|Δεκέμβριος|Δεκέμβριο"],
    "ar": ["يناير|كانون الثاني", "فبراير|شباط", "مارس|آذار", "أبريل|إبريل|نيسان", "مايو|أيار",
           "يونيو|حزيران", "يوليو|تموز", "أغسطس|آب", "سبتمبر|أيلول", "أكتوبر|تشرين الأول",
           "نوفمبر|تشرين الثاني", "ديسمبر|كانون الأول"],
    "hi": ["जनवरी", "फ़रवरी|फरवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त",
           "सितंबर|सितम्बर", "अक्टूबर|अक्तूबर", "नवंबर|नवम्बर", "दिसंबर|दिसम्बर"],
    "sv": ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
           "september", "oktober", "november", "december"],
}
# How a month is written in a date (for `expected`), per language.
MONTH_IN_DATE = {
    "en": "January February March April May June July August September October November December",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
    "ru": "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
    "uk": "січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня",
    "pl": "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia",
    "cs": "ledna února března dubna května června července srpna září října listopadu prosince",
    "tr": "Ocak Şubat Mart Nisan Mayıs Haziran Temmuz Ağustos Eylül Ekim Kasım Aralık",
    "fi": "tammikuuta helmikuuta maaliskuuta huhtikuuta toukokuuta kesäkuuta heinäkuuta elokuuta syyskuuta lokakuuta marraskuuta joulukuuta",
    "id": "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember",
    "el": "Ιανουαρίου Φεβρουαρίου Μαρτίου Απριλίου Μαΐου Ιουνίου Ιουλίου Αυγούστου Σεπτεμβρίου Οκτωβρίου Νοεμβρίου Δεκεμβρίου",
    "hi": "जनवरी फ़रवरी मार्च अप्रैल मई जून जुलाई अगस्त सितंबर अक्टूबर नवंबर दिसंबर",
    "ar": "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر",
    "sv": "januari februari mars april maj juni juli augusti september oktober november december",
}
# Month names that must be capitalised to count (English "may", "march"; Indonesian "mei").
_MONTH_CASE_SENSITIVE = {"en", "de", "tr", "id", "el", "fr", "es", "it", "pt", "nl", "sv",
                         "ru", "uk", "pl", "cs", "fi"}

# Spelled-out small numbers: value -> word pattern (prefix stems allowed for inflected languages).
_WORDS_RAW: dict[str, dict[int, str]] = {
    "en": {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight",
           9: "nine", 10: "ten", 11: "eleven", 12: "twelve|dozen", 13: "thirteen",
           14: "fourteen", 15: "fifteen", 16: "sixteen", 17: "seventeen", 18: "eighteen",
           19: "nineteen", 20: "twenty", 30: "thirty", 40: "forty", 50: "fifty", 60: "sixty",
           70: "seventy", 80: "eighty", 90: "ninety", 100: "hundred", 1000: "thousand", 1000000: "million"},
    "fr": {2: "deux", 3: "trois", 4: "quatre", 5: "cinq", 6: "six", 7: "sept",
           8: "huit", 9: "neuf", 10: "dix", 11: "onze", 12: "douze", 13: "treize",
           14: "quatorze", 15: "quinze", 16: "seize", 20: "vingt", 30: "trente",
           40: "quarante", 50: "cinquante", 60: "soixante", 100: "cent|cents", 1000: "mille"},
    "de": {2: "zwei", 3: "drei", 4: "vier",
           5: "fünf", 6: "sechs", 7: "sieben", 8: "acht", 9: "neun", 10: "zehn",
           11: "elf", 12: "zwölf|Dutzend", 20: "zwanzig", 30: "dreißig", 40: "vierzig",
           50: "fünfzig", 60: "sechzig", 70: "siebzig", 80: "achtzig", 90: "neunzig",
           100: "hundert", 1000: "tausend"},
    "nl": {2: "twee", 3: "drie", 4: "vier", 5: "vijf", 6: "zes", 7: "zeven", 8: "acht",
           9: "negen", 10: "tien", 11: "elf", 12: "twaalf"},
    "es": {2: "dos", 3: "tres", 4: "cuatro", 5: "cinco", 6: "seis",
           7: "siete", 8: "ocho", 9: "nueve", 10: "diez", 11: "once", 12: "doce",
           13: "trece", 14: "catorce", 15: "quince", 20: "veinte", 30: "treinta",
           40: "cuarenta", 50: "cincuenta", 60: "sesenta", 70: "setenta", 80: "ochenta",
           90: "noventa", 100: "cien|ciento|cientos", 1000: "mil"},
    "it": {2: "due", 3: "tre", 4: "quattro", 5: "cinque", 6: "sei",
           7: "sette", 8: "otto", 9: "nove", 10: "dieci", 11: "undici", 12: "dodici",
           15: "quindici", 20: "venti", 30: "trenta", 40: "quaranta", 50: "cinquanta",
           60: "sessanta", 70: "settanta", 80: "ottanta", 90: "novanta",
           100: "cento", 1000: "mille|mila"},
    "pt": {2: "dois|duas", 3: "três", 4: "quatro", 5: "cinco", 6: "seis",
           7: "sete", 8: "oito", 9: "nove", 10: "dez", 11: "onze", 12: "doze", 15: "quinze",
           20: "vinte", 30: "trinta", 40: "quarenta", 50: "cinquenta", 100: "cem|cento",
           1000: "mil"},
    "ru": {2: "дв(?:а|е|ух|ум|умя)|оба|обе",
           3: "тр(?:и|ех|ём|ем|ёх|ям|емя|ое|оих)", 4: "четыр(?:е|ех|ёх|ем|ём|ьмя)|четверо",
           5: "пят(?:ь|и|ью|еро)", 6: "шест(?:ь|и|ью|еро)", 7: "сем(?:ь|и|ью)",
           8: "вос(?:емь|ьми|емью)", 9: "девят(?:ь|и|ью)", 10: "десят(?:ь|и|ью|ок|ка)",
           11: "одиннадцат[ьи]", 12: "двенадцат[ьи]|дюжин\\w*", 15: "пятнадцат[ьи]",
           20: "двадцат[ьи]", 30: "тридцат[ьи]", 40: "сорок\\w*", 50: "пятьдесят|пятидесяти",
           100: "сто|ста|сотн\\w*", 1000: "тысяч\\w*"},
    "uk": {2: "дв(?:а|і|ох|ом|ома)|обидва|обидві",
           3: "тр(?:и|ьох|ьом|ома|оє)", 4: "чотир(?:и|ьох|ьом|ма)", 5: "п'?ят(?:ь|и|ьох|ьом|ьма)",
           6: "шіст(?:ь|и|ьох)", 7: "сім|семи|сьом\\w*", 8: "вісім|восьми", 9: "дев'?ят(?:ь|и)",
           10: "десят(?:ь|и|ок|ка)", 12: "дванадцят[ьи]", 20: "двадцят[ьи]", 100: "сто|сотн\\w*",
           1000: "тисяч\\w*"},
    "pl": {2: "dw(?:a|ie|óch|oma|u)|obaj|obie",
           3: "trz(?:y|ech|em|ema)|troje", 4: "czter(?:y|ech|em)|czworo", 5: "pię(?:ć|ciu)",
           6: "sze(?:ść|ściu)", 7: "sied(?:em|miu)", 8: "osi(?:em|miu)", 9: "dziewię(?:ć|ciu)",
           10: "dziesię(?:ć|ciu)", 12: "dwanaści[ea]|dwunastu|tuzin\\w*", 20: "dwadzieścia|dwudziestu",
           100: "sto|stu", 1000: "tysi[ąę]c\\w*"},
    "cs": {2: "dv(?:a|ě|ou|ěma)|oba|obě", 3: "tř(?:i|í|ech|em)",
           4: "čty(?:ři|ř|řech|řem)", 5: "pět|pěti", 6: "šest|šesti", 7: "sedm|sedmi",
           8: "osm|osmi", 9: "devět|devíti", 10: "deset|deseti", 12: "dvanáct|dvanácti|tucet",
           20: "dvacet|dvaceti", 100: "sto|sta", 1000: "tisíc\\w*"},
    "tr": {2: "iki", 3: "üç", 4: "dört", 5: "beş", 6: "altı", 7: "yedi", 8: "sekiz",
           9: "dokuz", 10: "on", 20: "yirmi", 30: "otuz", 40: "kırk", 50: "elli", 100: "yüz",
           1000: "bin"},
    "fi": {2: "kaksi|kahden|kahta|kahdessa", 3: "kolme|kolmen|kolmea",
           4: "neljä|neljän", 5: "viisi|viiden|viittä", 6: "kuusi|kuuden|kuutta",
           7: "seitsemän|seitsemää", 8: "kahdeksan|kahdeksaa", 9: "yhdeksän|yhdeksää",
           10: "kymmenen|kymmentä", 12: "kaksitoista", 20: "kaksikymmentä", 100: "sata|sadan",
           1000: "tuhat|tuhannen|tuhatta"},
    "sv": {2: "två", 3: "tre", 4: "fyra", 5: "fem", 6: "sex", 7: "sju", 8: "åtta", 9: "nio",
           10: "tio", 12: "tolv"},
    "id": {2: "dua", 3: "tiga", 4: "empat", 5: "lima", 6: "enam", 7: "tujuh",
           8: "delapan", 9: "sembilan", 10: "sepuluh", 11: "sebelas", 12: "dua belas|lusin",
           20: "dua puluh", 100: "seratus", 1000: "seribu"},
    "vi": {2: "hai", 3: "ba", 4: "bốn|tư", 6: "sáu", 7: "bảy", 8: "tám",
           9: "chín", 10: "mười", 100: "trăm", 1000: "nghìn|ngàn"},
    "el": {2: "δύο|δυο", 3: "τρεις|τρία|τριών",
           4: "τέσσερις|τέσσερα|τεσσάρων", 5: "πέντε", 6: "έξι", 7: "επτά|εφτά", 8: "οκτώ|οχτώ",
           9: "εννέα|εννιά", 10: "δέκα", 11: "έντεκα", 12: "δώδεκα", 20: "είκοσι",
           100: "εκατό", 1000: "χίλια|χιλιάδες"},
    "ar": {2: "اثنان|اثنين|اثنتين|اثنتان|مرتين", 3: "ثلاثة|ثلاث", 4: "أربعة|أربع",
           5: "خمسة|خمس", 6: "ستة|ست", 7: "سبعة|سبع", 8: "ثمانية|ثماني|ثمان", 9: "تسعة|تسع",
           10: "عشرة|عشر", 12: "اثني عشر|اثنا عشر|اثنتا عشرة|اثنتي عشرة", 20: "عشرين|عشرون", 100: "مائة|مئة",
           1000: "ألف"},
    "hi": {2: "दो", 3: "तीन", 4: "चार", 5: "पांच|पाँच", 6: "छह|छः", 7: "सात", 8: "आठ",
           9: "नौ", 10: "दस", 11: "ग्यारह", 12: "बारह", 15: "पंद्रह", 20: "बीस", 100: "सौ",
           1000: "हज़ार|हजार"},
    "ko": {2: "두|둘", 3: "세|셋", 4: "네|넷", 5: "다섯", 6: "여섯", 7: "일곱", 8: "여덟", 9: "아홉",
           10: "열", 20: "스무|스물", 100: "백", 1000: "천"},
}
# Spelled numbers that stay evidence only (never reported): words that are also
# something else ("neuf" new, "sei" you are, "Otto", "Lima", "ba" Mrs, "on" front,
# "altı" under, "ست" lady), "both", "dozen", ordinals.
_NOT_REPORTABLE = {
    "en": frozenset({"dozen"}), "fr": frozenset({"neuf"}), "de": frozenset({"acht", "dutzend"}),
    "nl": frozenset({"acht"}), "it": frozenset({"sei", "otto"}),
    "ru": frozenset({"оба", "обе", "семью"}), "uk": frozenset({"обидва", "обидві", "сім"}),
    "pl": frozenset({"obaj", "obie"}), "cs": frozenset({"oba", "obě", "tucet"}),
    "tr": frozenset({"on", "altı"}), "id": frozenset({"lima", "lusin"}),
    "vi": frozenset({"ba", "tư", "chín", "hai"}), "ar": frozenset({"ست", "سبع", "مرتين", "عشر"}),
}
# the next word continues the number: "dua belas" (id), "otuz ikisi", "kırk sekizdi" (tr)
_WORD_NUMBER_AFTER = {
    "id": re.compile(r"[\s-]*(?:belas|puluh|ratus|ribu|juta)\b", re.IGNORECASE),
    "tr": re.compile(r"\s+(?:bir|iki|üç|dört|beş|altı|yedi|sekiz|dokuz|ve\s)", re.IGNORECASE),
}
_WORD_GAP = re.compile(r"[\s\-\u2010,/]*(?:و|und|et|y|e|and|or|ou|oder|o|a|или|ή|veya|atau|hoặc)?[\s\-\u2010]*")


def _weak(q: "Quantity") -> "Quantity":
    return q if q.weak else Quantity(q.start, q.end, q.kind, q.key, q.alts, q.text, True)


_NO_REPORT_LANGS = frozenset({"ko"})  # 세 (years old), 네 (yes), 두 ...

# Compound number words: tens + units (value tables) and the pattern joining them.
_TENS = {
    "en": {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
           "eighty": 80, "ninety": 90},
    "de": {"zwanzig": 20, "dreißig": 30, "dreissig": 30, "vierzig": 40, "fünfzig": 50,
           "sechzig": 60, "siebzig": 70, "achtzig": 80, "neunzig": 90},
    "fr": {"vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
           "quatre-vingt": 80},
    "es": {"treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70,
           "ochenta": 80, "noventa": 90, "veinti": 20},
    "it": {"vent": 20, "trent": 30, "quarant": 40, "cinquant": 50, "sessant": 60,
           "settant": 70, "ottant": 80, "novant": 90},
}
_UNITS = {
    "en": {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9},
    "de": {"ein": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7,
           "acht": 8, "neun": 9},
    "fr": {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
           "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13,
           "quatorze": 14, "quinze": 15, "seize": 16, "dix-sept": 17, "dix-huit": 18,
           "dix-neuf": 19},
    "es": {"uno": 1, "un": 1, "una": 1, "dos": 2, "dós": 2, "tres": 3, "trés": 3, "cuatro": 4,
           "cinco": 5, "seis": 6, "séis": 6, "siete": 7, "ocho": 8, "nueve": 9},
    "it": {"uno": 1, "due": 2, "tre": 3, "tré": 3, "quattro": 4, "cinque": 5, "sei": 6,
           "sette": 7, "otto": 8, "nove": 9},
}
_JOIN = {"en": "[-\u2010 ]", "de": "und", "fr": "(?:-et-|-| et )", "es": "(?:(?<=i)| y )",
         "it": "[ai]?"}


def _compound_pattern(lang: str):
    tens, units = _TENS.get(lang), _UNITS.get(lang)
    if not tens:
        return None
    t, u = _alt(tens), _alt(units)
    if lang == "de":
        body = rf"(?P<u>{u}){_JOIN[lang]}(?P<t>{t})"
    elif lang == "fr":  # "vingt-trois", "trente et un", "soixante-dix", "quatre-vingt-dix"
        body = rf"(?P<t>{t})(?:(?<=vingt)s)?(?:{_JOIN[lang]}(?P<u>{u}))?(?(u)|(?<=vingt|ingts))"
    else:
        body = rf"(?P<t>{t}){_JOIN[lang]}(?P<u>{u})"
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


def _compound_value(lang: str, m: re.Match):
    t = _TENS[lang].get(m.group("t").lower())
    u = m.group("u")
    u = _UNITS[lang].get(u.lower()) if u else 0
    if t is None or u is None:
        return None
    return t + u


_CJK_NUMERAL = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5,
                "六": 6, "七": 7, "八": 8, "九": 9}
_CJK_UNIT = {"十": 10, "百": 100, "千": 1000}
_CJK_BIG = {"万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8, "兆": 1e12}

# Scripts whose letters glued before a number make it part of a code ("G7", "A320").
_WORD_BEFORE = re.compile(r"[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]")
# A capitalised word right before "-19": "COVID-19", "Covid-19", "MH-17" (not "mid-2019").
_CODE_BEFORE = re.compile(r"(?<![\w])[A-ZА-ЯΑ-Ω][\w]*$")


@dataclass(frozen=True)
class Quantity:
    """A number, amount, percentage, year, date, month or time found in a text."""

    start: int
    end: int  # offsets into the text given to ``extract``
    kind: str  # "num" | "pct" | "year" | "date" | "month" | "time" | "word" | "code"
    key: object  # normalised value: float/int for numbers, tuple for dates/times
    alts: frozenset = frozenset()  # other readings and components (also count as evidence)
    text: str = ""
    weak: bool = False  # evidence only (spelled-out words, bare CJK numerals): never reported
    mult: float = 1.0  # scale-word multiplier applied to the written mantissa
    num_start: int = 0  # offsets of the written digits (for `expected`)
    num_end: int = 0
    sig: int = 0  # significant digits as written
    decimals: int = 0
    unit: str = ""  # "dim:token" of a unit of measure after it (km, miles, °C, kg, 公里, ...)
    meta: tuple = field(default=(), compare=False)  # dates: (day_span, month_span, day, month)

    @property
    def is_date(self) -> bool:
        return self.kind in ("date", "month", "year")

    @property
    def numeric(self) -> float | None:
        return self.key if isinstance(self.key, (int, float)) else None


@lru_cache(maxsize=65536)
def nkey(v: float):
    """Canonical key of a numeric value (ints stay ints, floats rounded to 10 digits; memoised:
    equal numbers, int or float, have the same key)."""
    if v != v or math.isinf(v):
        return None
    r = float(f"{v:.10g}")
    return int(r) if r == int(r) and abs(r) < 1e18 else r


# ---------------------------------------------------------------------------
# compiled patterns per language


def _trie(words: list[str]) -> str:
    """A regex matching exactly ``words``, shared prefixes factored out, longest first."""
    if not words:
        return ""
    groups: dict[str, list[str]] = {}
    end = False
    for w in words:
        if w:
            groups.setdefault(w[0], []).append(w[1:])
        else:
            end = True
    alts = [re.escape(c) + (f"(?:{_trie(rest)})" if rest != [""] else "") for c, rest in sorted(groups.items())]
    body = "|".join(alts)
    if end:
        return f"(?:{body})?" if body else ""
    return body


def _alt(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


@dataclass(frozen=True)
class _LangPatterns:
    lang: str
    number: frozenset  # group marks of the language
    after: re.Pattern  # scale / percent / time marks right after a number
    scales: dict
    months: re.Pattern | None
    month_of: dict  # lower-cased group name -> month
    words: re.Pattern | None
    word_val: dict
    compound: re.Pattern | None = None


_SEP_ALWAYS = "\u00a0\u202f\u2009'’"


@lru_cache(maxsize=None)
def patterns(lang: str) -> _LangPatterns:
    lang = (lang or "en").split("-")[0].lower()
    group_chars = ",." + _SEP_ALWAYS + (" " if lang in SPACE_GROUP else "")
    number = frozenset(group_chars)
    scales = dict(_SCALES_COMMON)
    scales.update(SCALES.get(lang, {}))
    pct = PERCENT_WORDS.get(lang, [])
    cjk = lang in ("zh", "ja", "ko")
    space = r"[ \u00a0\u202f]?" if cjk else r"[ \u00a0\u202f]*"
    after = re.compile(
        rf"(?P<pct>{space}%|[ \u00a0]?(?:{_alt(pct) if pct else '(?!x)x'})(?!\w))"
        rf"|(?P<scale>{space}(?:{_alt(scales)})(?:\.|(?!\w)|(?=[\u3000-\u9fff\uac00-\ud7af])))"
        if not cjk else
        rf"(?P<pct>{space}%|{space}(?:{_alt(pct) if pct else '(?!x)x'}))"
        rf"|(?P<scale>{space}(?:{_alt(SCALES.get(lang, {}))})(?!(?<=千)[瓦米克卡]))"
    )
    months = None
    month_of: dict[str, int] = {}
    raw = _MONTHS_RAW.get(lang)
    if raw:
        parts = []
        for i, alts in enumerate(raw, 1):
            parts.append(f"(?P<m{i}>{alts})")
        flags = 0 if lang in _MONTH_CASE_SENSITIVE else re.IGNORECASE
        # Lower-case month languages also accept the capitalised form at a sentence start.
        body = "|".join(parts)
        plain = {w: i for i, alts in enumerate(raw, 1) for w in alts.split("|")}
        if all(re.fullmatch(r"[^\\()\[\]?*+|.]+", w) for w in plain):
            # plain names: a trie-shaped pattern and a dict (several times faster)
            month_of = plain if not flags else {w.lower(): i for w, i in plain.items()}
            months = re.compile(rf"(?<!\w)(?:{_trie(sorted(plain))})(?!\w)", flags)
        else:
            months = re.compile(rf"(?<!\w)(?:{body})(?!\w)", flags)
    words = None
    word_val: dict[str, int] = {}
    wraw = _WORDS_RAW.get(lang)
    if wraw:
        parts = []
        # longest patterns first: "dua belas" (12) before "dua" (2)
        for v, pat in sorted(wraw.items(), key=lambda kv: -max(map(len, kv[1].split("|")))):
            parts.append(f"(?P<w{v}>{pat})")
        if lang == "ko":
            words = re.compile(rf"(?<![\uac00-\ud7af])(?:{'|'.join(parts)})(?=\s|[\uac00-\ud7af])")
        else:
            plain = {w.lower(): v for v, pat in wraw.items() for w in pat.split("|")}
            if all(re.fullmatch(r"[^\\()\[\]?*+|.]+", w) for w in plain):
                # plain words: one trie-shaped pattern and a dict (3x faster than named groups)
                word_val = plain
                words = re.compile(rf"(?<!\w)(?:{_trie(sorted(plain))})(?!\w)", re.IGNORECASE)
            else:
                words = re.compile(rf"(?<!\w)(?:{'|'.join(parts)})(?!\w)", re.IGNORECASE)
    return _LangPatterns(lang, number, after, scales, months, month_of, words, word_val,
                         _compound_pattern(lang))


@lru_cache(maxsize=65536)
def _parse_number(tok: str, lang: str) -> tuple[float, tuple[float, ...], int, int]:
    """(value, other readings, significant digits, decimals) of a written number (memoised: an immutable result)."""
    comma_dec = lang in COMMA_DECIMAL
    t = tok
    for ch in _SEP_ALWAYS:
        t = t.replace(ch, "")
    t = t.replace(" ", "") if " " in t else t
    alts: list[float] = []
    n_comma, n_dot = t.count(","), t.count(".")
    if n_comma and n_dot:
        dec = "." if t.rfind(".") > t.rfind(",") else ","
        grp = "," if dec == "." else "."
        s = t.replace(grp, "").replace(dec, ".")
    elif n_comma + n_dot == 0:
        s = t
    else:
        sep = "," if n_comma else "."
        count = n_comma or n_dot
        tail = t.rsplit(sep, 1)[1]
        if count > 1:
            s = t.replace(sep, "")  # 1,200,000 / 1.200.000
            if re.fullmatch(r"\d{1,2}(?:,\d\d)+,\d{3}", t):  # Indian 12,34,567
                s = t.replace(",", "")
        elif len(tail) == 3 and t.split(sep)[0] != "0":
            grouping = s_group = t.replace(sep, "")
            decimal = t.replace(sep, ".")
            default_decimal = (sep == ",") == comma_dec
            if default_decimal:
                s = decimal
                alts.append(float(grouping))
            else:
                s = s_group
                alts.append(float(decimal))
        else:
            s = t.replace(sep, ".")
    try:
        val = float(s)
    except ValueError:
        val = float("nan")
    digits = s.replace(".", "").lstrip("0")
    decimals = len(s.split(".")[1]) if "." in s else 0
    sig = len(digits.rstrip("0")) if decimals == 0 else len(digits)
    return val, tuple(alts), max(sig, 1), decimals


def _cjk_numeral(s: str) -> float | None:
    total, section, num = 0.0, 0.0, None
    for ch in s:
        if ch in _CJK_NUMERAL:
            num = _CJK_NUMERAL[ch]
        elif ch in _CJK_UNIT:
            section += (num if num is not None else 1) * _CJK_UNIT[ch]
            num = None
        elif ch in _CJK_BIG:
            section += num or 0
            total += (section or 1) * _CJK_BIG[ch]
            section, num = 0.0, None
        else:
            return None
    return total + section + (num or 0)


_CJK_NUM_RE = re.compile(r"[〇零一二两兩三四五六七八九十百千万萬亿億]+")
_CJK_COUNTER = re.compile(r"[个個名人位天年月日次种種家只隻项項条條岁歲倍分秒周週小层層座台辆輛架艘场場件本张張户戶起所国國亿億万萬千百%％元美英公里米吨噸度点點时時つ]")
_UNIT_DIMS = {
    # length (and speed: "mph", "km/h" count as length for the conversion factors)
    "len": r"km|kilomet|kilómet|chilomet|mph|mi\b|mil\b|mile|milla|meil|mll|m\b|met|mèt|mét|metr|ft\b|feet|foot|"
           r"fuß|fuss|pied|pie\b|inch|pouce|zoll|pulg|poleg|cm|centim|mm\b|км|ми|метр|фут|дюйм|"
           r"公里|千米|英里|米|英尺|英寸|マイル|メートル|フィート|インチ|킬로미터|마일|미터|피트|인치|"
           r"كم|ميل|متر|قدم|أقدام|بوصة|किमी|मील|मीटर|फ़ुट|फुट|इंच|χλμ|χιλιόμετρ|μίλι|μέτρ|πόδ|ίντσ|"
           r"jalan|kaki|dặm|stop|cal\b",
    "mass": r"lb|pound|livre|pfund|libra|kg|kilog|килогр|кг|фунт|磅|公斤|千克|ポンド|파운드|رطل|पाउंड|"
            r"λίβρ|κιλ|pao|funt",
    "temp": r"°|º|degr|grad|grau|гра|度|도|درجة|डिग्री|βαθμ|độ",
    "area": r"acre|hect|ha\b|акр|гект|英亩|公顷|エーカー|ヘクタール|에이커|헥타르|فدان|هكتار|एकड़|हेक्टेयर|στρέμ|dönüm",
    "vol": r"gallon|gal\b|lit|l\b|гал|лит|加仑|升|ガロン|リットル|갤런|리터|جالون|لتر|गैलन|लीटर|γαλόν|λίτρ",
    "any": r"kilo|キロ|킬로|كيلو|किलो",  # kilometres or kilograms
}
_UNIT_RE = re.compile(
    r"[\s\u00a0\u202f-]?(?:" + "|".join(f"(?P<{d}>{p})" for d, p in _UNIT_DIMS.items()) + ")",
    re.IGNORECASE)


def unit_of(norm: str, end: int, start: int) -> str:
    """``"dim:token"`` of the unit written right after a number ("" when there is none)."""
    m = _UNIT_RE.match(norm, end)
    if m:
        tok = norm[m.start(m.lastgroup):m.start(m.lastgroup) + 3].lower()
        return f"{m.lastgroup}:{tok}"
    if start and norm[start - 1] in "°":
        return "temp:°"
    return ""


def same_dimension(a: str, b: str) -> bool:
    """Could quantities with units ``a`` and ``b`` be one measure converted (different units)?"""
    da, ta = a.split(":", 1)
    db, tb = b.split(":", 1)
    if da != db and "any" not in (da, db):
        return False
    if da == db and da != "temp" and ta == tb:
        return False  # "53 meters" is not a conversion of "83 meters"
    return True


_CJK_UNITS = "万亿|千(?![瓦米克卡])|[百천백万萬億亿兆만억조]"  # 千瓦 kW, 千米 km, 千克 kg
_CJK_COMPOUND = re.compile(rf"\d+(?:\.\d+)?\s?(?:{_CJK_UNITS})(?:\s?(?:\d+(?:\.\d+)?)?\s?(?:{_CJK_UNITS}))*(?:\d+(?!\s?[年月日년월일]))?")
_CJK_PART = re.compile(rf"(\d+(?:\.\d+)?)|({_CJK_UNITS})")
_CJK_SMALL = {"千": 1e3, "천": 1e3, "百": 1e2, "백": 1e2}
_CJK_LARGE = {"万": 1e4, "萬": 1e4, "만": 1e4, "億": 1e8, "亿": 1e8, "억": 1e8, "兆": 1e12, "조": 1e12,
              "万亿": 1e12}


def _cjk_compound(s: str) -> tuple[float, float, float]:
    """Value of "3千5百万", "1億2000万", "1만 2천", "1.5万亿": (value, first mantissa, last big unit)."""
    total, section, cur, first, last_big = 0.0, 0.0, None, None, 1.0
    for m in _CJK_PART.finditer(s):
        if m.group(1):
            cur = float(m.group(1))
            first = cur if first is None else first
        else:
            u = m.group(2)
            if u in _CJK_SMALL:
                section += (cur if cur is not None else 1) * _CJK_SMALL[u]
            else:
                section += cur or 0
                total += (section or 1) * _CJK_LARGE[u]
                section, last_big = 0.0, _CJK_LARGE[u]
            cur = None
    return total + section + (cur or 0), first or 0.0, last_big


_TIME_RE = re.compile(r"(?<![\d.,:])([01]?\d|2[0-3])([:h.])([0-5]\d)(?!\d)(?![.,]\d)")
_TIME_AFTER = re.compile(r"\s?(?:Uhr|h\b|godz|klo|WIB|siang|pagi|sore|malam|[ap]\.?m\b|horas|hs\b)")
_TIME_BEFORE = re.compile(r"(?:pukul|kello|klo\.?|godz\.?|jam|ore|alle|kl\.|las|às|as|um|om|à|at|o|lúc)\s$")
_CJK_MONTH_RANGE = re.compile(r"(?<![\d.])(1[0-2]|0?[1-9])\s?[～~〜\-–—至到]\s?$")
_CJK_TIME = re.compile(r"(?<!\d)([01]?\d|2[0-3])\s?[时時点點시]\s?([0-5]?\d)\s?[分분]")
_ISO_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_DMY_DATE = re.compile(r"(?<![\d.,])(\d{1,2})([./])(\d{1,2})\2((?:19|20)\d\d)(?!\d)")


_NUM_RUN = re.compile(r"[0-9]+(?:[,.'’\u00a0\u202f\u2009 ][0-9]+)*")


_NON_DIGIT_SPLIT = re.compile(r"([^0-9])")
# a digit, a date/time separator, a digit: every numeric date and time has one
_DATE_TIME_PRE = re.compile(r"\d[-/.:h]\d")


def _number_spans(norm: str, group_marks: frozenset):
    """Spans of written numbers: ``1 200``, ``1.200,5``, ``1,5``; ``2019 200`` is two numbers."""
    for m in _NUM_RUN.finditer(norm):
        s, base = m.group(), m.start()
        if s.isdigit():  # no separator: one number
            yield base, m.end()
            continue
        parts = _NON_DIGIT_SPLIT.split(s)  # digits, sep, digits, ...
        i = 0
        while i < len(parts):
            start = base + sum(len(p) for p in parts[:i])
            j = i + 1
            group = None
            if len(parts[i]) <= 3:
                while j + 1 < len(parts) and len(parts[j + 1]) == 3 and parts[j] in group_marks \
                        and (group is None or parts[j] == group):
                    group = parts[j]
                    j += 2
            if j + 1 < len(parts) and parts[j] in ".," and parts[j] != group:
                j += 2  # decimals
            end = base + sum(len(p) for p in parts[:j])
            yield start, end
            i = j + 1


def extract(text: str, lang: str, words: bool = True) -> list[Quantity]:
    """Every quantity in ``text`` (offsets into ``text``), in text order.

    ``words=False`` skips spelled-out numbers (evidence only: useless when no
    version of a sentence has digits).
    """
    lang = (lang or "en").split("-")[0].lower()
    P = patterns(lang)
    norm = normalise_digits(text)
    out: list[Quantity] = []
    taken: list[tuple[int, int]] = []  # spans already consumed (dates, times)

    def free(a: int, b: int) -> bool:
        for x, y in taken:
            if not (b <= x or a >= y):
                return False
        return True

    has_digit = _ANY_DIGIT.search(norm) is not None

    # --- numeric dates and times ---------------------------------------------
    if has_digit:
        dt = _DATE_TIME_PRE.search(norm) is not None  # else no numeric date or clock time below
        for m in _ISO_DATE.finditer(norm) if dt else ():
            y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
            if 1 <= mo <= 12 and 1 <= d <= 31:
                out.append(Quantity(m.start(), m.end(), "date", ("dm", mo, d), frozenset({y, d, mo}),
                                    text[m.start():m.end()]))
                out.append(Quantity(m.start(1), m.end(1), "year", y, frozenset(), m.group(1), sig=4,
                                    num_start=m.start(1), num_end=m.end(1)))
                taken.append(m.span())
        for m in _DMY_DATE.finditer(norm) if dt else ():
            if not free(*m.span()):
                continue
            a, b, y = int(m.group(1)), int(m.group(3)), int(m.group(4))
            cands = []
            if 1 <= b <= 12 and 1 <= a <= 31:
                cands.append(("dm", b, a))
            if 1 <= a <= 12 and 1 <= b <= 31:
                cands.append(("dm", a, b))
            if not cands:
                continue
            key = cands[0] if (lang != "en" or len(cands) == 1) else cands[-1]
            alts = frozenset(set(cands) - {key}) | {a, b, y}
            out.append(Quantity(m.start(), m.start(4), "date", key, alts, text[m.start():m.start(4)]))
            out.append(Quantity(m.start(4), m.end(4), "year", y, frozenset(), m.group(4), sig=4,
                                num_start=m.start(4), num_end=m.end(4)))
            taken.append(m.span())
        for m in _TIME_RE.finditer(norm) if dt and (":" in norm or "h" in norm or "." in norm) else ():
            ts, te = m.span()
            if not free(ts, te):
                continue
            if m.group(2) == "." and not (_TIME_AFTER.match(norm, te)
                                          or _TIME_BEFORE.search(norm[max(0, ts - 8):ts])):
                continue
            h, mi = int(m.group(1)), int(m.group(3))
            alts = {h, mi, h % 12, h + 12 if h < 12 else h}
            out.append(Quantity(ts, te, "time", ("t", h % 12, mi), frozenset(alts),
                                text[ts:te], num_start=ts, num_end=te))
            taken.append((ts, te))
        if lang in ("zh", "ja", "ko"):
            for m in _CJK_TIME.finditer(norm):
                ts, te = m.span()
                if not free(ts, te):
                    continue
                h, mi = int(m.group(1)), int(m.group(2))
                out.append(Quantity(ts, te, "time", ("t", h % 12, mi),
                                    frozenset({h, mi, h % 12, h + 12 if h < 12 else h}),
                                    text[ts:te], num_start=ts, num_end=te))
                taken.append((ts, te))

    # --- month names and CJK months ------------------------------------------
    months: list[tuple[int, int, int]] = []  # (start, end, month)
    if P.months is not None:
        for m in P.months.finditer(norm):
            if P.month_of:
                mo = P.month_of.get(m.group() if P.months.flags & re.IGNORECASE == 0 else m.group().lower())
                if mo is None:
                    continue
            else:
                mo = int(m.lastgroup[1:])
            if lang == "en" and m.group() in ("Mar", "May") and m.end() < len(norm) and norm[m.end()] == ".":
                pass
            if lang == "en" and m.group() == "May":
                # "May" the month, not the modal verb at a sentence start: need a day or year near it
                around = norm[max(0, m.start() - 6):m.end() + 7]
                if not re.search(r"\d", around):
                    continue
            months.append((m.start(), m.end(), mo))
    if has_digit and lang in ("zh", "ja", "ko"):
        for m in re.finditer(r"(?<![\d.])(1[0-2]|0?[1-9])\s?[月월](?!\s?\d*\s?[份])", norm):
            months.append((m.start(), m.end(), int(m.group(1))))
            # "1～9月" (January to September): the first number of the range is a month too
            rm = _CJK_MONTH_RANGE.search(norm, max(0, m.start() - 5), m.start())
            if rm:
                months.append((rm.start(1), rm.end(1), int(rm.group(1))))
    if has_digit and lang == "vi":
        for m in re.finditer(r"(?i)tháng\s+(1[0-2]|0?[1-9])(?!\d)", norm):
            months.append((m.start(), m.end(), int(m.group(1))))
    for ms, me, mo in months:
        if not free(ms, me):
            continue
        day = None
        span = [ms, me]
        day_span = None
        # day before the month: "3 mars", "3. März", "3 de marzo", "3rd of March", "ngày 3 tháng 3"
        left = norm[max(0, ms - 14):ms]
        lm = re.search(r"(?<![\d.,])(\d{1,2})(?:st|nd|rd|th|er|re|e|º|ª|ο|η|-?го|-?е|-?я)?\.?"
                       r"(?:\s+(?:de|of|tháng))?[\s\u00a0]*(?:ngày\s*)?$", left)
        if lang in ("zh", "ja", "ko"):
            lm = None
        if lm and 1 <= int(lm.group(1)) <= 31:
            day = int(lm.group(1))
            off = ms - len(left)
            day_span = (off + lm.start(1), off + lm.end(1))
            span[0] = day_span[0]
        else:
            right = norm[me:me + 8]
            if lang in ("zh", "ja", "ko"):
                rm = re.match(r"\s?(\d{1,2})\s?[日일号號]", right)
            else:
                rm = re.match(r"\s?(\d{1,2})(?:st|nd|rd|th)?(?![\d.,]\d)(?!\d)", right)
            if rm and 1 <= int(rm.group(1)) <= 31 and not (lang not in ("zh", "ja", "ko")
                                                          and re.match(r"\s?\d{1,2}\s*[:h]\d", right)):
                day = int(rm.group(1))
                day_span = (me + rm.start(1), me + rm.end(1))
                span[1] = me + rm.end()
        # the year right after (or before, in CJK)
        ym = re.match(r"[\s,.]*(?:de\s+|del\s+|năm\s+|of\s+)?((?:1[89]|20)\d\d)(?!\d)", norm[span[1]:span[1] + 12])
        if ym:
            span[1] += ym.end()
        if not free(*span):
            continue
        if day is not None:
            out.append(Quantity(span[0], span[1], "date", ("dm", mo, day), frozenset({day, ("m", mo)}),
                                text[span[0]:span[1]], meta=(day_span, (ms, me), day, mo)))
            taken.append((day_span[0], day_span[1]))
            taken.append((ms, me))
        else:
            out.append(Quantity(ms, me, "month", ("m", mo), frozenset(), text[ms:me],
                                meta=(None, (ms, me), None, mo)))
            taken.append((ms, me))

    # --- numbers ----------------------------------------------------------------
    if has_digit:
        for a, b in _number_spans(norm, P.number):
            if not free(a, b):
                continue
            if a and _WORD_BEFORE.match(norm[a - 1]):
                continue
            if a >= 2 and norm[a - 1] in "-‐" and _WORD_BEFORE.match(norm[a - 2]) and b - a <= 3 \
                    and _CODE_BEFORE.search(norm, max(0, a - 12), a - 1):
                # a code such as "COVID-19", "F-16", "MH-17", "Су-27": compared with codes only
                out.append(Quantity(a, b, "code", ("code", int(norm[a:b])), frozenset(), text[a:b],
                                    num_start=a, num_end=b))
                taken.append((a, b))
                continue
            tok = norm[a:b]
            val, alts, sig, decimals = _parse_number(tok, lang)
            if val != val:
                continue
            kind = "num"
            mult = 1.0
            end = b
            cm = _CJK_COMPOUND.match(norm, a) if lang in ("zh", "ja", "ko") else None
            am = P.after.match(norm, b)
            if cm and not free(a, cm.end()):
                cm = None
            if cm:
                value, first, mult = _cjk_compound(cm.group())
                end = cm.end()
                pm = P.after.match(norm, end)
                if pm and pm.group("pct"):
                    kind, end = "pct", pm.end()
                val = value / mult
                am = None
            elif am:
                if am.group("pct"):
                    kind = "pct"
                    end = am.end()
                elif am.group("scale"):
                    word = am.group("scale").strip().rstrip(".")
                    f = P.scales.get(word) or P.scales.get(word.lower())
                    if f and word in _GLUED_ONLY:
                        f = f if (am.group("scale") == word and a and norm[a - 1] in "$£€¥") else None
                    if f:
                        mult = f
                        end = am.end()
            start = a
            if kind == "num" and a and norm[a - 1] == "%":
                kind = "pct"  # Turkish/Arabic "%15"
                start = a - 1
            value = val * mult
            keys = {nkey(x) for x in alts}
            if mult != 1.0:
                # the bare mantissa, for a version whose scale word we do not know ("1,5 millió");
                # tagged so that "1.2 billion" is not explained by "1.2 million" (see mantissa_keys)
                keys.add(("ms", nkey(val)))
            elif end < len(norm) - 2 and (norm[end].isalpha() or (norm[end] in " \u00a0" and norm[end + 1].isalpha())):
                keys.add(("mu", nkey(val)))  # a word after it: maybe a scale word we do not know
                keys |= {nkey(x * mult) for x in alts}
            if kind == "num" and mult == 1.0 and decimals == 0 and sig <= 4 and len(tok) == 4 \
                    and 1800 <= val <= 2100 and tok.isdigit():
                kind = "year"
            keys.discard(None)
            keys.discard(nkey(value))
            unit = unit_of(norm, end, start)
            out.append(Quantity(start, end, kind, nkey(value), frozenset(keys), text[start:end],
                                mult=mult, num_start=a, num_end=b, sig=sig, decimals=decimals,
                                unit=unit))
            taken.append((a, end))
    # --- CJK numerals (evidence only) -----------------------------------------------
    if lang in ("zh", "ja"):
        for m in _CJK_NUM_RE.finditer(norm):
            a, b = m.span()
            s = m.group()
            nxt = norm[b:b + 1]
            if len(s) == 1 and s in "一" and not _CJK_COUNTER.match(nxt):
                continue
            if len(s) == 1 and s in _CJK_BIG:
                continue
            v = _cjk_numeral(s)
            if v is None or not free(a, b):
                continue
            if not (_CJK_COUNTER.match(nxt) or len(s) > 1):
                continue
            out.append(Quantity(a, b, "word", nkey(v), frozenset(), text[a:b], weak=True))
    # --- spelled-out numbers ---------------------------------------------------------
    if P.words is not None and words:
        if P.compound is not None:  # "fifty-eight", "vingt-trois", "achtundfünfzig"
            for m in P.compound.finditer(norm):
                a, b = m.span()
                if not free(a, b):
                    continue
                v = _compound_value(lang, m)
                if v is None:
                    continue
                taken.append((a, b))
                out.append(Quantity(a, b, "word", v, frozenset(), text[a:b], weak=False, sig=2,
                                    unit=unit_of(norm, b, a)))
        rep_words = _NOT_REPORTABLE.get(lang, frozenset())
        first_word = len(out)
        for m in P.words.finditer(norm):
            v = P.word_val.get(m.group().lower()) if P.word_val else int(m.lastgroup[1:])
            if v is None:  # a case-folding oddity ("İki")
                continue
            a, b = m.span()
            if not free(a, b):
                continue
            val = float(v)
            # "two million", "trois milliards": a scale word after the spelled number
            am = P.after.match(norm, b)
            scaled = False
            if am and am.group("scale"):
                word = am.group("scale").strip().rstrip(".")
                f = P.scales.get(word) or P.scales.get(word.lower())
                if f and len(word) > 2:
                    val *= f
                    b = am.end()
                    scaled = True
            taken.append((a, b))
            # an unambiguous small number word ("nine days", "neuf jours") is reported like
            # digits; "one"/"un"/"ein" (articles), "neuf" (new), "sei" (you are), "dozen",
            # "hundred" and "thousands of" stay evidence only
            weak = (scaled or not 2 <= v <= 99 or lang in _NO_REPORT_LANGS
                    or m.group().lower() in rep_words)
            if not weak and lang in _WORD_NUMBER_AFTER and _WORD_NUMBER_AFTER[lang].match(norm, b):
                weak = True  # "dua belas", "tiga puluh": a compound we do not parse
            out.append(Quantity(a, b, "word", nkey(val), frozenset({v}), text[a:b], weak=weak,
                                sig=1, unit=unit_of(norm, b, a) if not weak else ""))
        # two number words in a row ("on iki", "otuz sekiz", "اثني عشر"): a compound we do
        # not parse, or "seven or eight": evidence only
        ws = out[first_word:]
        for i in range(len(ws) - 1):
            x, y = ws[i], ws[i + 1]
            if y.start - x.end <= 5 and _WORD_GAP.fullmatch(norm, x.end, y.start):
                ws[i] = _weak(x)
                ws[i + 1] = _weak(y)
        out[first_word:] = ws
    out.sort(key=lambda q: (q.start, q.end))
    return out


# ---------------------------------------------------------------------------
# comparing values


def sig_round(x: float, sig: int) -> float:
    if x == 0:
        return 0.0
    return round(x, sig - 1 - int(math.floor(math.log10(abs(x)))))


# Conversions human translators make in news: miles/km, feet/m, inches/cm, lb/kg,
# acres/ha, square miles/km², gallons/litres (and back).  °F/°C is handled apart.
_FACTORS = (1.609344, 0.621371, 0.3048, 3.28084, 2.54, 0.393701, 0.453592, 2.20462,
            0.404686, 2.47105, 2.58999, 0.386102, 3.78541, 0.264172)


def rounding_of(coarse: "Quantity", fine_value: float, fine_sig: int, fine_decimals: int) -> bool:
    """Is ``coarse`` the value ``fine_value`` rounded to fewer significant digits?"""
    c = coarse.key
    if not isinstance(c, (int, float)) or c == 0 or fine_value == 0 or coarse.kind == "year":
        return False
    if float(fine_value).is_integer() and 1800 <= fine_value <= 2100 and fine_sig == 4:
        return False  # a year is not rounded
    if not (fine_sig >= 3 or fine_decimals > 0) or coarse.sig >= fine_sig or coarse.sig < 2:
        return False
    for s in range(1, fine_sig):
        if abs(sig_round(fine_value, s) - c) <= 1e-9 * abs(c):
            return True
    return False


def _unit(q_value: float, sig: int, decimals: int) -> float:
    """Half a unit of the last written digit of a value (its rounding tolerance)."""
    if decimals:
        return 0.5 * 10 ** -decimals
    if q_value == 0:
        return 0.5
    mag = int(math.floor(math.log10(abs(q_value))))
    return 0.5 * 10 ** max(0, mag - sig + 1)


def converted(a: "Quantity", b: "Quantity") -> bool:
    """Could ``a`` be ``b`` in another unit (miles/km, °F/°C, lb/kg, ...), as rounded in ``a``?"""
    x, y = a.numeric, b.numeric
    if not x or not y or a.kind == "year" or b.kind == "year" or not (a.unit and b.unit):
        return False
    if not same_dimension(a.unit, b.unit):
        return False
    tol = min(2 * _unit(x, a.sig, a.decimals), 0.05 * abs(x)) + 0.01 * abs(x)
    if a.kind == "word" or b.kind == "word":
        tol = 0.15 * abs(x)  # "etwa fünf Meter" for "15 feet": spelled numbers are round
    for f in _FACTORS:
        if abs(y * f - x) <= tol:
            return True
    tol = min(2 * _unit(x, a.sig, a.decimals), 0.05 * abs(x)) + 0.5
    if abs((y - 32) * 5 / 9 - x) <= tol or abs(y * 9 / 5 + 32 - x) <= tol:
        return True
    return False


def format_number(value: float, lang: str, like: str = "", decimals: int | None = None) -> str:
    """``value`` written as ``lang`` writes numbers (following the separators of ``like``)."""
    lang = (lang or "en").split("-")[0].lower()
    group, dec = STYLE.get(lang, (",", "."))
    like_n = normalise_digits(like)
    seps = [c for c in like_n if not c.isdigit()]
    if len(seps) >= 2 and seps[-1] != seps[0]:
        group, dec = seps[0], seps[-1]
    elif len(seps) == 1:
        tail = like_n.split(seps[0])[-1]
        if len(tail) == 3 and (seps[0] != dec or lang not in COMMA_DECIMAL):
            group = seps[0]
        else:
            dec = seps[0]
    elif len(seps) > 1:
        group = seps[0]
    if decimals is None:
        decimals = 0 if float(value).is_integer() else min(6, len(repr(float(value)).split(".")[1]))
    s = f"{abs(value):,.{decimals}f}"
    ip, _, fp = s.partition(".")
    use_group = bool([c for c in like_n if not c.isdigit()]) or abs(value) >= 10000
    if like_n and not [c for c in like_n if not c.isdigit()]:
        use_group = False
    ip = ip.replace(",", group if use_group else "")
    out = ip + (dec + fp if fp else "")
    return ("-" if value < 0 else "") + out


def spell(value, lang: str, like: str = "") -> str | None:
    """``value`` as a number word of ``lang`` ("seven"), capitalised like ``like``; None if unknown."""
    lang = (lang or "en").split("-")[0].lower()
    pat = _WORDS_RAW.get(lang, {}).get(value) if isinstance(value, int) else None
    if pat is None:
        return None
    word = pat.split("|")[0]
    if not word.isalpha():
        return None
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def neutral(q_key) -> str:
    """A value written in a language-neutral way (for messages)."""
    if isinstance(q_key, tuple):
        if q_key[0] == "dm":
            return f"{q_key[2]} {MONTH_IN_DATE['en'].split()[q_key[1] - 1]}"
        if q_key[0] == "m":
            return MONTH_IN_DATE["en"].split()[q_key[1] - 1]
        if q_key[0] == "t":
            return f"{q_key[1]}:{q_key[2]:02d}"
        if q_key[0] == "code":
            return str(q_key[1])
        return str(q_key)
    if isinstance(q_key, float) and not q_key.is_integer():
        return f"{q_key:,.6g}" if abs(q_key) < 1e6 else f"{q_key:,.0f}"
    return f"{int(q_key):,}" if isinstance(q_key, (int, float)) else str(q_key)
