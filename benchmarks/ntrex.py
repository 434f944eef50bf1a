"""Build mtcheck article folders from the NTREX development documents.

The NTREX data (``../shared/data/ntrex-dev/``) holds 37 news documents, one file per
language (``eng.txt fra.txt ...``, ISO 639-3 names), one sentence per line, line-aligned
across the 20 languages.  This module turns them into two corpora for the evaluation
harness (``benchmarks/evaluate.py``):

``clean``
    every document as an article folder ``<doc>/eng.source.txt`` + ``<doc>/<iso3>.txt``,
    text unchanged.  Professional translations: every finding on them is a *candidate*
    false finding (read it before calling it one; the references are not perfect).

``planted``
    the same folders with errors injected into the non-source versions by a seeded
    ``random.Random(seed)``, and a ``labels.tsv`` per article in the format of
    ``docs/ARCHITECTURE.md`` (contract positions computed from the final file text).

Sentences are grouped into paragraphs deterministically per document (the headline alone,
then groups of 1-4 sentences; the same grouping for every language of a document);
paragraphs are separated by a blank line; sentences in a paragraph are joined by a space,
for ``zho``/``jpn`` by nothing.

The injected error types (one injection per sentence, at most ``row_cap`` injections per
aligned sentence across versions, none in ``eng.source``):

======  ========================================================================
family  injections (label code)
======  ========================================================================
MT1     a Latin-script name shared by the English source and the version is garbled
        (l/r swap, vowel change, doubled or dropped consonant) in ONE occurrence
        (MT101) or ALL occurrences (MT102) of that version; in rus/ukr versions the
        Cyrillic rendering found by transliteration (Трамп, Трампа) is garbled instead
        (л/р swap, vowel change, doubled consonant); every replaced mention is
        labelled, ``expected`` = the original form.  Note prefix "name garbled".
        In kor/jpn/zho/ara/hin/ell versions, the version's own rendering of a Latin
        source name (best transliteration match in the aligned sentences, kept only
        when unambiguous, see ``script_forms``) gets one character replaced by a
        similar-sounding one: a Hangul vowel or initial (트럼프 -> 트럼브), a kana of
        the same row or its voiced pair (スコット -> スコッタ), a near-homophone
        transliteration character (布雷特 -> 布莱特), a Greek/Arabic/Devanagari letter
        (Φορντ -> Φορμτ); one or all mentions ("name script garbled one/all").
        In Latin-script versions, a name replaced by the pinyin of the zho version's
        Han rendering (Kavanaugh -> Kawanuo, "name romanised from zho one/all"), or a
        surname that is also a word translated literally from a small per-language
        table ``LITERAL_NAMES`` (Baker -> Boulanger, "name translated literally
        one/all").  MT101 when some mention (or an inflected form) of the name stays
        right, MT102 when every mention is changed
MT2     a sentence replaced by the aligned sentence of another language with the same
        script (MT202); a sentence replaced by the English source sentence (MT203);
        a 3-8-word English fragment inserted into a sentence (MT202 in Latin-script
        versions, MT201 otherwise; span = the fragment); a glued language menu line
        as its own paragraph (MT201, span = the whole line); a 2-4-word Cyrillic or
        Han run from the rus/zho sentence inserted into a Latin-script sentence (MT201)
MT3     one digit of a number that also occurs in the aligned English sentence is
        changed (MT301, span = the number, ``expected`` = the original number)
MT4     a sentence deleted (MT401, zero-width label at the start of the following
        sentence, or at the end of the paragraph when it was the last one;
        ``expected`` = the deleted sentence); a sentence of another document of the
        same language inserted (MT402, span = the inserted sentence); a sentence cut
        to its first third (MT403, span = the kept text, ``expected`` = the full
        original sentence)
MT5     2-3 words glued together (MT501, span = the glued token); a word mojibaked
        (utf-8 bytes decoded as cp1252, MT502, span = the garbled word); a word
        doubled (MT503, span = the whole doubled pair "the the", ``expected`` = the
        single word); a boilerplate line ("Mehr zum Thema") as its own paragraph
        (MT504, span = the line)
======  ========================================================================

Command line (to look at the corpora)::

    python benchmarks/ntrex.py --out /tmp/ntrex [--langs fra,deu,rus] [--seed 0]
"""

from __future__ import annotations

import argparse
import difflib
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "ntrex-dev"
SOURCE_LANG = "eng"
ALL_LANGS = (
    "eng fra deu spa ita por rus ukr pol ces tur ara zho jpn kor hin ell fin ind vie"
).split()
UNSPACED = {"zho", "jpn"}
LATIN = {"eng", "fra", "deu", "spa", "ita", "por", "pol", "ces", "tur", "fin", "ind", "vie"}
CYRILLIC = {"rus", "ukr"}
FAMILIES = ("MT1", "MT2", "MT3", "MT4", "MT5")
LABEL_HEADER = ("version", "code", "line", "column", "end_line", "end_column", "text",
                "expected", "note")

# Written for this benchmark (not taken from any corpus).
BOILERPLATE = {
    "eng": ["Share this article", "Read more: Today's top stories"],
    "fra": ["Lire aussi : Les dernières actualités", "Partager cet article",
            "Abonnez-vous à notre newsletter"],
    "deu": ["Mehr zum Thema", "Artikel teilen",
            "Lesen Sie auch: Die wichtigsten Nachrichten des Tages"],
    "spa": ["Compartir este artículo", "Lee también: Las noticias más leídas"],
    "ita": ["Leggi anche: Le notizie più lette", "Condividi questo articolo"],
    "por": ["Leia também: As notícias mais lidas", "Compartilhe este artigo"],
    "rus": ["Читайте также: Главные новости дня", "Поделиться статьей"],
    "ukr": ["Читайте також: Головні новини дня", "Поділитися статтею"],
    "pol": ["Czytaj także: Najważniejsze wiadomości dnia", "Udostępnij ten artykuł"],
    "ces": ["Čtěte také: Nejdůležitější zprávy dne", "Sdílet tento článek"],
    "tur": ["Ayrıca okuyun: Günün önemli haberleri", "Bu makaleyi paylaş"],
    "ara": ["اقرأ أيضا: أهم أخبار اليوم", "شارك هذا المقال"],
    "zho": ["相关阅读：今日要闻", "分享这篇文章"],
    "jpn": ["関連記事：今日の主なニュース", "この記事をシェアする"],
    "kor": ["함께 읽기: 오늘의 주요 뉴스", "이 기사 공유하기"],
    "hin": ["यह भी पढ़ें: आज की मुख्य खबरें", "यह लेख साझा करें"],
    "ell": ["Διαβάστε επίσης: Οι σημαντικότερες ειδήσεις της ημέρας",
            "Κοινοποιήστε αυτό το άρθρο"],
    "fin": ["Lue myös: Päivän tärkeimmät uutiset", "Jaa tämä artikkeli"],
    "ind": ["Baca juga: Berita utama hari ini", "Bagikan artikel ini"],
    "vie": ["Đọc thêm: Tin tức nổi bật trong ngày", "Chia sẻ bài viết này"],
}
MENU_LATIN = ["English", "Français", "Deutsch", "Español", "Italiano", "Português",
              "Polski", "Türkçe"]
MENU_CYRILLIC = ["Русский", "Русский язык", "Українська"]
MENU_HAN = ["中文", "日本語", "繁體中文"]
MENU_OTHER = ["한국어", "العربية", "हिन्दी", "Ελληνικά"]

NOT_NAMES = set("""
January February March April May June July August September October November December
Monday Tuesday Wednesday Thursday Friday Saturday Sunday
The This That These Those There They Their Then When What Which While Where Who Why How
And But For Not Now Our Its His Her She You Yes Mr Mrs Ms Dr
""".split())

NUMBER_RE = re.compile(r"[0-9]+(?:[.,][0-9]+)*")
WORD_RE = re.compile(r"[^\W\d_]+")
VOWELS = "aeiou"
CYR_VOWELS = "аоеиуыэяюіїє"
CYR2LAT = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ",
                   "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya "
                   "i yi ye g".split()))
CYR2LAT["ъ"] = CYR2LAT["ь"] = ""


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (0x3040 <= o <= 0x30FF or 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF
            or 0xAC00 <= o <= 0xD7AF or 0xFF00 <= o <= 0xFFEF)


def _is_han(ch: str) -> bool:
    o = ord(ch)
    return 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF


def _is_cyrillic(ch: str) -> bool:
    return 0x0400 <= ord(ch) <= 0x04FF


def _word_pat(w: str) -> re.Pattern:
    return re.compile(r"(?<![^\W_])" + re.escape(w) + r"(?![^\W_])")


def _is_latin_word(w: str) -> bool:
    return all(c.isalpha() and ord(c) < 0x250 for c in w)


# ---------------------------------------------------------------------------
# data


def available(data_dir: Path | str = DEFAULT_DATA) -> bool:
    return Path(data_dir).is_dir()


def load_docs(data_dir: Path | str = DEFAULT_DATA) -> dict[str, dict[str, list[str]]]:
    """doc id -> language -> sentences (all languages, in sorted doc order)."""
    data_dir = Path(data_dir)
    docs: dict[str, dict[str, list[str]]] = {}
    for d in sorted(p for p in data_dir.iterdir() if p.is_dir()):
        langs = {}
        for f in sorted(d.glob("*.txt")):
            lines = f.read_text(encoding="utf-8-sig").splitlines()
            langs[f.stem] = [s.strip() for s in lines]
        if SOURCE_LANG in langs:
            n = len(langs[SOURCE_LANG])
            if all(len(v) == n for v in langs.values()):
                docs[d.name] = langs
    return docs


def paragraph_groups(doc_id: str, n: int) -> list[list[int]]:
    """Deterministic grouping of sentence indices: headline alone, then 1-4 per paragraph."""
    rng = random.Random(f"paragraphs:{doc_id}")
    groups = [[0]] if n else []
    i = 1
    while i < n:
        k = rng.randint(1, 4)
        groups.append(list(range(i, min(n, i + k))))
        i += k
    return groups


def version_file(lang: str) -> str:
    return f"{lang}.source.txt" if lang == SOURCE_LANG else f"{lang}.txt"


def version_id(lang: str) -> str:
    return f"{lang}.source" if lang == SOURCE_LANG else lang


def joiner(lang: str) -> str:
    return "" if lang in UNSPACED else " "


# ---------------------------------------------------------------------------
# editable version model


@dataclass
class Label:
    start: int  # local offsets into Sent.text
    end: int
    code: str
    expected: str = ""
    note: str = ""


@dataclass
class Sent:
    text: str
    row: int | None  # aligned sentence index; None for inserted material
    locked: bool = False
    labels: list[Label] = field(default_factory=list)


@dataclass
class VersionState:
    lang: str
    paragraphs: list[list[Sent]]
    extra_paragraph_kinds: set[str] = field(default_factory=set)

    def sents(self):
        for p in self.paragraphs:
            yield from p

    def by_row(self, row: int) -> Sent | None:
        for s in self.sents():
            if s.row == row:
                return s
        return None

    def render(self) -> tuple[str, list[tuple[int, int, Label]]]:
        """Final text and the labels with global offsets."""
        out: list[str] = []
        pos = 0
        labels = []
        j = joiner(self.lang)
        for pi, p in enumerate(self.paragraphs):
            if pi:
                out.append("\n\n")
                pos += 2
            for si, s in enumerate(p):
                if si:
                    out.append(j)
                    pos += len(j)
                for lab in s.labels:
                    labels.append((pos + lab.start, pos + lab.end, lab))
                out.append(s.text)
                pos += len(s.text)
        out.append("\n")
        return "".join(out), labels


def render_clean(sents: list[str], groups: list[list[int]], lang: str) -> str:
    j = joiner(lang)
    return "\n\n".join(j.join(sents[i] for i in g) for g in groups) + "\n"


def line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    start = text.rfind("\n", 0, offset) + 1
    return line, offset - start + 1


# ---------------------------------------------------------------------------
# MT1 in other scripts: finding a Latin name's rendering, garbling it like MT does

SCRIPT_LANGS = {"kor", "jpn", "zho", "ara", "hin", "ell", "heb", "tha"}
_HANGUL_RE = re.compile(r"[\uac00-\ud7a3]+")
_KATAKANA_RE = re.compile(r"[\u30a1-\u30fa\u30fc]+")  # ・ (30FB) splits names
_HAN_RE = re.compile(r"[\u3400-\u9fff]+")
_GREEK_RE = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]+")
_ARABIC_RE = re.compile(r"[\u0621-\u064a\u0671-\u06d3]+")
_DEVANAGARI_RE = re.compile(r"[\u0900-\u0963]+")
_HEBREW_RE = re.compile(r"[\u05d0-\u05ea\u05b0-\u05c7]+")
_ARABIC_PREFIX = "وبلفك"
KOR_PARTICLES = set("""은 는 이 가 을 를 의 에 와 과 도 로 으로 에서 에게 께서 이다 였다 이었다 처럼 만
부터 까지 씨 측 과의 와의 에게서 에서는 에는 으로부터 로부터 이라고 라고 이라는 라는 과는 와는 조차 마저
보다 한테 은요 이나 나 에도 에서도 로는 으로는 이며 이고 며 고 의원 감독 대통령 선수""".split())
# Han characters Chinese uses to transliterate foreign names (a rendering is a run of them)
TRANSLIT_HAN = set(
    "阿埃艾爱安昂敖奥巴拜班邦鲍贝本比彼毕宾滨波伯勃博布采查柴彻达戴丹道德邓迪狄蒂丁东"
    "杜顿多厄恩尔二法凡范菲斐费芬丰冯弗福富盖甘冈戈格根贡古瓜圭哈海汉豪赫黑亨胡华怀霍基"
    "吉加贾杰捷金卡凯坎康考柯科克肯库夸奎昆拉腊莱赖兰朗劳勒雷蕾里理丽利莉连林琳伦罗洛卢"
    "鲁路吕马玛迈麦曼芒梅美门蒙米密缪莫默姆穆纳娜奈南内妮尼纽努诺欧帕派潘庞佩彭皮珀普奇"
    "齐恰乔切琴琼丘萨塞赛桑瑟森沙莎山善绍舍申圣施什史舒斯松宋苏索塔泰坦汤唐特滕提蒂汀廷"
    "通图托瓦万旺威韦维温沃乌伍西希锡夏谢辛休许逊雅亚扬耶叶伊依因尤于约泽扎詹珍祖佐卓")
# near-homophone pairs used in transliterations (特朗普 -> 特郎普 style garbles)
HAN_SWAP = {}
for _a, _b in ("尔儿 斯丝 特德 克科 里利 拉腊 森逊 曼门 顿登 伯博 布卜 罗洛 莱雷 娜纳 莎沙"
               " 丽莉 尼妮 马玛 维韦 亚雅 奥欧 艾埃 杰吉 琼乔 密米 普蒲 朗郎 卡加 金京 汤唐"
               " 西锡 斯司 托陀 塔达 丁汀 蒂迪 彼比 林琳 威韦 格戈 泰太 纽钮 费菲 福弗").split():
    HAN_SWAP.setdefault(_a, _b)
    HAN_SWAP.setdefault(_b, _a)
KANA_ROWS = ["アイウエオ", "カキクケコ", "ガギグゲゴ", "サシスセソ", "ザジズゼゾ", "タチツテト",
             "ダヂヅデド", "ナニヌネノ", "ハヒフヘホ", "バビブベボ", "パピプペポ", "マミムメモ",
             "ラリルレロ"]
KANA_PAIRS = [("カキクケコ", "ガギグゲゴ"), ("サシスセソ", "ザジズゼゾ"), ("タチツテト", "ダヂヅデド"),
              ("ハヒフヘホ", "バビブベボ"), ("パピプペポ", "バビブベボ")]
GREEK_SWAP = {"α": "ε", "ε": "α", "ο": "α", "ι": "ε", "η": "ε", "ω": "ο", "ά": "έ", "έ": "ά",
              "ό": "ά", "ί": "έ", "ή": "έ", "ώ": "ό", "λ": "ρ", "ρ": "λ", "μ": "ν", "ν": "μ",
              "κ": "γ", "γ": "κ", "τ": "δ", "δ": "τ", "π": "μ"}
ARABIC_SWAP = {"ل": "ر", "ر": "ل", "ا": "و", "و": "ا", "ي": "ا", "د": "ت", "ت": "د", "س": "ص",
               "ص": "س", "ك": "ق", "ق": "ك", "ز": "ذ", "ن": "م", "م": "ن"}
DEVANAGARI_SWAP = {"ा": "ो", "ो": "ा", "ि": "ी", "ी": "ि", "ु": "ू", "ू": "ु", "े": "ै", "ै": "े",
                   "ल": "र", "र": "ल", "ट": "त", "त": "ट", "ड": "द", "द": "ड", "स": "श", "श": "स",
                   "न": "म", "म": "न"}
HEBREW_SWAP = {"ל": "ר", "ר": "ל", "ו": "י", "י": "ו", "ד": "ת", "ת": "ט", "ס": "ש", "כ": "ק"}
_HANGUL_V = {0: (4, 1), 4: (0, 8), 1: (5,), 5: (1, 20), 8: (4, 13), 13: (8, 18), 18: (13, 20),
             20: (18, 5)}
_HANGUL_L = {5: (2,), 2: (5,), 7: (17,), 17: (7,), 3: (16,), 16: (3,), 0: (15,), 15: (0,),
             12: (14,), 14: (12,)}


def _ascii_key(s: str) -> str:
    from anyascii import anyascii
    return re.sub(r"[^a-z]", "", anyascii(s).lower())


def _skeleton(k: str) -> str:
    """Consonant skeleton across scripts: voicing, l/r and doubled letters merged."""
    k = re.sub(r"[aeiouyhw]", "", k)
    k = k.replace("zh", "j").replace("ch", "j").replace("sh", "s").replace("ng", "n")
    k = k.translate(str.maketrans("lbdgvfzcqxm", "rptkppskksn"))
    return re.sub(r"(.)\1+", r"\1", k)


def name_similarity(name: str, rendering: str) -> float:
    """How well a rendering in another script (transliterated) matches a Latin name, 0..1."""
    a, b = _ascii_key(name), _ascii_key(rendering)
    if any(0xAC00 <= ord(c) <= 0xD7A3 for c in rendering):
        b = b.replace("eu", "")  # Korean epenthetic vowel (트럼프 teureompeu)
    if not a or not b:
        return 0.0
    r1 = difflib.SequenceMatcher(None, a, b).ratio()
    sa, sb = _skeleton(a), _skeleton(b)
    if r1 < 0.5 or min(len(sa), len(sb)) < 3:
        return r1  # a skeleton of one or two consonants says little (Shawn ~ 수만)
    return (r1 + difflib.SequenceMatcher(None, sa, sb).ratio()) / 2


def rendering_spans(text: str, lang: str):
    """(start, end) of the spans of ``text`` that could be a transliterated name in ``lang``.

    Korean: a Hangul word, or without a trailing particle (트럼프는 -> 트럼프);
    Japanese: a katakana run; Chinese: a whole run of 2-6 transliteration characters;
    Arabic: a word without the article, or without a one-letter prefix (وترامب -> ترامب); Greek,
    Devanagari, Hebrew: a capitalised / whole word.
    """
    out = []
    if lang == "kor":
        for m in _HANGUL_RE.finditer(text):
            a, b = m.span()
            for e in range(b, a + 1, -1):
                if e == b or text[e:b] in KOR_PARTICLES:
                    out.append((a, e))
    elif lang == "jpn":
        for m in _KATAKANA_RE.finditer(text):
            if m.end() - m.start() >= 2:
                out.append(m.span())
    elif lang == "zho":
        for m in _HAN_RE.finditer(text):
            for r in re.finditer("[%s]{2,6}" % "".join(sorted(TRANSLIT_HAN)), m.group()):
                if (r.start() == 0 or m.group()[r.start() - 1] not in TRANSLIT_HAN) and (
                        r.end() == len(m.group()) or m.group()[r.end()] not in TRANSLIT_HAN):
                    out.append((m.start() + r.start(), m.start() + r.end()))
    elif lang == "ara":
        for m in _ARABIC_RE.finditer(text):
            a, b = m.span()
            if m.group().startswith(("ال", "وال", "بال", "لل")):
                continue  # the article: a common noun, not a transliterated name
            if b - a >= 3:
                out.append((a, b))
            if text[a] in _ARABIC_PREFIX and b - a >= 4:
                out.append((a + 1, b))
    else:
        rx = {"ell": _GREEK_RE, "hin": _DEVANAGARI_RE, "heb": _HEBREW_RE}.get(lang)
        if rx is None:
            return out
        for m in rx.finditer(text):
            if m.end() - m.start() >= 3 and (lang != "ell" or m.group()[0].isupper()):
                out.append(m.span())
    return out


def best_rendering(name: str, text: str, lang: str):
    """The span of ``text`` most like ``name`` as (score, start, end), or None."""
    best = None
    for a, b in rendering_spans(text, lang):
        sc = name_similarity(name, text[a:b])
        # on ties: Korean prefers the span without a particle, the others the longer span
        ln = a - b if lang == "kor" else b - a
        if best is None or (sc, ln) > best[3:]:
            best = (sc, a, b, sc, ln)
    return best[:3] if best else None


def garble_script(form: str, lang: str, rng: random.Random) -> str | None:
    """``form`` with one character replaced by a similar-sounding one, the way MT does it
    (페리 -> 펠리, アルトマン -> アルトメン, 特朗普 -> 特郎普, Τραμπ -> Τρεμπ); None if none."""
    opts = []
    n = len(form)
    for i, c in enumerate(form):
        o = ord(c)
        if lang == "kor" and 0xAC00 <= o <= 0xD7A3:
            x = o - 0xAC00
            lead, vow, tail = x // 588, (x % 588) // 28, x % 28
            for v2 in _HANGUL_V.get(vow, ()):
                opts.append((i, chr(0xAC00 + lead * 588 + v2 * 28 + tail)))
            for l2 in _HANGUL_L.get(lead, ()):
                opts.append((i, chr(0xAC00 + l2 * 588 + vow * 28 + tail)))
        elif lang == "jpn":
            if i + 1 < n and form[i + 1] in "ァィゥェォャュョ":
                continue
            for row in KANA_ROWS:
                if c in row:
                    opts.extend((i, c2) for c2 in row if c2 != c and c2 not in "ヂヅ")
            for ra, rb in KANA_PAIRS:
                for r1, r2 in ((ra, rb), (rb, ra)):
                    if c in r1:
                        if r2[r1.index(c)] not in "ヂヅ":
                            opts.append((i, r2[r1.index(c)]))
        elif lang == "zho" and c in HAN_SWAP:
            opts.append((i, HAN_SWAP[c]))
        elif 1 <= i < n - 1:  # alphabetic scripts: keep the first letter and the ending
            table = {"ell": GREEK_SWAP, "ara": ARABIC_SWAP, "hin": DEVANAGARI_SWAP,
                     "heb": HEBREW_SWAP}.get(lang, {})
            if c in table:
                opts.append((i, table[c]))
    opts = sorted(set(opts))
    if not opts:
        return None
    i, c2 = rng.choice(opts)
    return form[:i] + c2 + form[i + 1:]


_OTHER_TEXTS: dict = {}

# Surnames (and name parts) that are also words, with the word's translation: an MT
# system that translates them literally writes Mark Baker as "Marc Boulanger".
LITERAL_NAMES = {
    "Baker": ("fra Boulanger|deu Bäcker|spa Panadero|ita Fornaio|por Padeiro|"
              "pol Piekarz|ces Pekař|tur Fırıncı|fin Leipuri"),
    "Smith": ("fra Forgeron|deu Schmied|spa Herrero|ita Fabbro|por Ferreiro|"
              "pol Kowal|ces Kovář|tur Demirci|fin Seppä"),
    "Brown": ("fra Brun|deu Braun|spa Marrón|ita Marrone|por Marrom|"
              "pol Brązowy|ces Hnědý|tur Kahverengi|fin Ruskea|ind Cokelat|"
              "vie Nâu"),
    "White": ("fra Blanc|deu Weiß|spa Blanco|ita Bianco|por Branco|pol Biały|"
              "ces Bílý|tur Beyaz|fin Valkoinen|ind Putih|vie Trắng"),
    "Black": ("fra Noir|deu Schwarz|spa Negro|ita Nero|por Preto|pol Czarny|"
              "ces Černý|tur Siyah|fin Musta|ind Hitam|vie Đen"),
    "Young": ("fra Jeune|deu Jung|spa Joven|ita Giovane|por Jovem|pol Młody|"
              "ces Mladý|tur Genç|fin Nuori|ind Muda|vie Trẻ"),
    "King": ("fra Roi|deu König|spa Rey|ita Re|por Rei|pol Król|ces Král|"
             "tur Kral|fin Kuningas|ind Raja|vie Vua"),
    "Fox": ("fra Renard|deu Fuchs|spa Zorro|ita Volpe|por Raposa|pol Lis|"
            "ces Liška|tur Tilki|fin Kettu|ind Rubah|vie Cáo"),
    "Bush": ("fra Buisson|deu Busch|spa Arbusto|ita Cespuglio|por Arbusto|"
             "pol Krzak|ces Keř|tur Çalı|fin Pensas|ind Semak"),
    "Stone": ("fra Pierre|deu Stein|spa Piedra|ita Pietra|por Pedra|"
              "pol Kamień|ces Kámen|tur Taş|fin Kivi|ind Batu|vie Đá"),
    "Rice": ("fra Riz|deu Reis|spa Arroz|ita Riso|por Arroz|pol Ryż|ces Rýže|"
             "tur Pirinç|fin Riisi|ind Nasi|vie Gạo"),
    "Woods": ("fra Bois|deu Wälder|spa Bosques|ita Boschi|por Bosques|"
              "pol Lasy|ces Lesy|tur Ormanlar|fin Metsät|ind Hutan|vie Rừng"),
    "Tiger": ("fra Tigre|spa Tigre|ita Tigre|por Tigre|pol Tygrys|ces Tygr|"
              "tur Kaplan|fin Tiikeri|ind Harimau|vie Hổ"),
    "West": ("fra Ouest|deu Westen|spa Oeste|ita Ovest|por Oeste|pol Zachód|"
             "ces Západ|tur Batı|fin Länsi|ind Barat|vie Tây"),
    "Ford": ("fra Gué|deu Furt|spa Vado|ita Guado|por Vau|pol Bród|ces Brod|"
             "fin Kahlaamo"),
    "Waters": ("fra Eaux|deu Gewässer|spa Aguas|ita Acque|por Águas|pol Wody|"
               "ces Vody|tur Sular|fin Vedet|ind Perairan"),
    "Reed": ("fra Roseau|deu Schilf|spa Caña|ita Canna|por Junco|pol Trzcina|"
             "ces Rákos|tur Kamış|fin Ruoko|ind Buluh|vie Sậy"),
    "Hatch": ("fra Trappe|deu Luke|spa Escotilla|ita Botola|por Escotilha|"
              "pol Właz|ces Poklop|tur Kapak|fin Luukku"),
    "Love": ("fra Amour|deu Liebe|spa Amor|ita Amore|por Amor|pol Miłość|"
             "ces Láska|tur Aşk|fin Rakkaus|ind Cinta"),
    "Hearts": ("fra Cœurs|deu Herzen|spa Corazones|ita Cuori|por Corações|"
               "pol Serca|ces Srdce|tur Kalpler|fin Sydämet"),
    "Kaiser": ("fra César|deu Kaiser|spa César|ita Cesare|por César|pol Cesarz|"
               "ces Císař|fin Keisari"),
}
LITERAL_NAMES = {w: dict(x.split(" ", 1) for x in t.split("|")) for w, t in LITERAL_NAMES.items()}


# ---------------------------------------------------------------------------
# injections


class Planter:
    def __init__(self, doc_id, doc, all_docs, langs, rng, row_cap=2):
        self.doc_id = doc_id
        self.doc = doc
        self.all_docs = all_docs
        self.rng = rng
        self.row_cap = row_cap
        self.n = len(doc[SOURCE_LANG])
        self.groups = paragraph_groups(doc_id, self.n)
        self.versions = {
            lang: VersionState(lang, [[Sent(doc[lang][i], i) for i in g] for g in self.groups])
            for lang in langs
            if lang != SOURCE_LANG
        }
        self.row_uses = [0] * self.n
        self._source_names: list[str] | None = None
        self._script_forms: dict[str, dict] = {}

    # helpers ----------------------------------------------------------------
    def eng(self, row):
        return self.doc[SOURCE_LANG][row]

    def free(self, v: VersionState, min_len=1, skip_headline=False):
        out = []
        for s in v.sents():
            if s.locked or s.row is None or self.row_uses[s.row] >= self.row_cap:
                continue
            if skip_headline and s.row == 0:
                continue
            if len(s.text) >= min_len:
                out.append(s)
        return out

    def use(self, s: Sent):
        s.locked = True
        if s.row is not None:
            self.row_uses[s.row] += 1

    def word_spans(self, text):
        """(start, end) of whitespace-separated tokens."""
        return [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]

    def mid_boundary(self, text, lang):
        """An insertion point roughly in the middle of a sentence (between words)."""
        if lang in UNSPACED:
            lo, hi = len(text) // 3, 2 * len(text) // 3
            cands = [i for i in range(max(1, lo), hi) if _is_cjk(text[i - 1]) and _is_cjk(text[i])]
            return self.rng.choice(cands) if cands else None
        spaces = [m.start() for m in re.finditer(" ", text)]
        spaces = [i for i in spaces if len(text) * 0.25 <= i <= len(text) * 0.75]
        return self.rng.choice(spaces) if spaces else None

    def insert_run(self, s: Sent, lang: str, run: str, code: str, note: str) -> bool:
        at = self.mid_boundary(s.text, lang)
        if at is None:
            return False
        if lang in UNSPACED:
            s.text = s.text[:at] + run + s.text[at:]
            start = at
        else:  # at is a space: "a| b" -> "a run b"
            s.text = s.text[:at] + " " + run + s.text[at:]
            start = at + 1
        s.labels.append(Label(start, start + len(run), code, "", note))
        self.use(s)
        return True

    # MT1 ----------------------------------------------------------------------
    def replace_mentions(self, sents, chosen, w: str, new: str, code: str, note: str) -> None:
        """Write ``new`` for the chosen mentions ``(sentence, start)`` of ``w``, one label each."""
        delta = len(new) - len(w)
        for s in sents.values():
            starts = sorted(st for s2, st in chosen if s2 is s)
            for k, st in enumerate(starts):
                st2 = st + k * delta
                s.text = s.text[:st2] + new + s.text[st2 + len(w):]
                s.labels.append(Label(st2, st2 + len(new), code, w, note))
            self.use(s)

    def source_names(self) -> list[str]:
        """Capitalised words of the English source that most Latin versions keep verbatim."""
        if self._source_names is not None:
            return self._source_names
        eng_text = " ".join(self.doc[SOURCE_LANG])
        lower = set(w.lower() for w in WORD_RE.findall(eng_text) if w[0].islower())
        mid = set()
        for sent in self.doc[SOURCE_LANG]:
            words = WORD_RE.findall(sent)
            mid.update(words[1:])
        cands = set()
        for w in mid:
            if (len(w) >= 3 and w[0].isupper() and w[1:].islower() and _is_latin_word(w)
                    and w.lower() not in lower and w not in NOT_NAMES):
                cands.add(w)
        # A name is kept verbatim by most Latin-script translations; a common word that
        # happens to be quoted in one of them ("Member of ...") is not.
        latin = [x for x in LATIN - {SOURCE_LANG} if x in self.doc]
        names = []
        for w in sorted(cands):
            pat = _word_pat(w)
            if latin and sum(1 for x in latin if any(pat.search(t) for t in self.doc[x])) \
                    < 0.6 * len(latin):
                continue
            names.append(w)
        self._source_names = names
        return names

    def name_candidates(self, v: VersionState):
        out = []
        for w in self.source_names():
            pat = _word_pat(w)
            occ = [(s, m.start()) for s in v.sents() for m in pat.finditer(s.text)]
            if occ:
                out.append((w, occ))
            elif v.lang in CYRILLIC:
                out.extend(self.cyrillic_renderings(w, v))
        return out

    def cyrillic_renderings(self, w: str, v: VersionState):
        """Cyrillic tokens of ``v`` whose transliteration resembles the Latin name ``w``."""
        found: dict[str, list] = {}
        for s in v.sents():
            for m in WORD_RE.finditer(s.text):
                c = m.group()
                if len(c) < 3 or not c[0].isupper() or not all(_is_cyrillic(x) for x in c):
                    continue
                t = "".join(CYR2LAT.get(x, x) for x in c.lower())
                if t[0] != w[0].lower():
                    continue
                stem = t[: len(w) + 1]
                if difflib.SequenceMatcher(None, w.lower(), stem).ratio() >= 0.72:
                    found.setdefault(c, []).append((s, m.start()))
        return sorted(found.items(), key=lambda x: x[0])

    def garble(self, w: str) -> str | None:
        rng = self.rng
        ops = []
        cyr = any(_is_cyrillic(x) for x in w)
        lr, vowels, skip = ("лр", CYR_VOWELS, "йьъ") if cyr else ("lr", VOWELS, "hwy")
        # keep the ending: changing it could make another case form of the name
        # (Форде -> Форда), which is no error in an inflecting language
        last = len(w) - (2 if cyr else 1)
        for i in range(1, last):
            c = w[i]
            if c in lr:
                ops.append(("swap", i))
            if c in vowels:
                ops.append(("vowel", i))
            if c.isalpha() and c not in vowels and c not in skip:
                if i + 1 < len(w) and w[i + 1] == c:
                    ops.append(("drop", i))
                elif w[i - 1] != c:
                    ops.append(("double", i))
        rng.shuffle(ops)
        doc_text = " ".join(" ".join(v) for v in self.doc.values())
        for op, i in ops:
            if op == "swap":
                g = w[:i] + (lr[1] if w[i] == lr[0] else lr[0]) + w[i + 1:]
            elif op == "vowel":
                g = w[:i] + rng.choice([x for x in vowels[:5] if x != w[i]]) + w[i + 1:]
            elif op == "drop":
                g = w[:i] + w[i + 1:]
            else:
                g = w[:i] + w[i] + w[i:]
            if g != w and g not in doc_text:
                return g
        return None

    def plant_name(self, v: VersionState, all_occurrences: bool) -> bool:
        cands = self.name_candidates(v)
        self.rng.shuffle(cands)
        for w, occ in cands:
            if all_occurrences:
                chosen = occ
            else:
                chosen = [self.rng.choice(occ)]
            sents = {id(s): s for s, _ in chosen}
            if any(s.locked or (s.row is not None and self.row_uses[s.row] >= self.row_cap)
                   for s in sents.values()):
                continue
            g = self.garble(w)
            if g is None:
                continue
            code = "MT101" if len(occ) > len(chosen) else "MT102"
            self.replace_mentions(sents, chosen, w, g, code,
                                  ("name garbled one" if not all_occurrences else "name garbled all") + f": {w}->{g}")
            return True
        return False

    # MT1 in other scripts, romanised and literal names ------------------------
    def name_rows(self, w: str) -> list[int]:
        pat = _word_pat(w)
        return [r for r in range(self.n) if pat.search(self.eng(r))]

    @staticmethod
    def form_matches(form: str, text: str, lang: str) -> list[tuple[int, int]]:
        """(start, end) of the mentions of the rendering ``form`` in ``text``."""
        out = []
        i = text.find(form)
        while i >= 0:
            a, b = i, i + len(form)
            before = text[a - 1] if a else " "
            after = text[b] if b < len(text) else " "
            if lang == "zho":
                ok = True
            elif lang == "jpn":
                ok = not _KATAKANA_RE.match(before) and not _KATAKANA_RE.match(after)
            elif lang == "kor":
                m = _HANGUL_RE.match(text, b)
                ok = not _HANGUL_RE.match(before) and (m is None or m.group() in KOR_PARTICLES)
            elif lang == "ara":
                pre = text[a - 2] if a >= 2 else " "
                ok = (not _ARABIC_RE.match(after)
                      and (not _ARABIC_RE.match(before)
                           or (before in _ARABIC_PREFIX and not _ARABIC_RE.match(pre))))
            else:
                ok = not before.isalpha() and not after.isalpha() and not (
                    0x0900 <= ord(after) <= 0x097F or 0x0591 <= ord(after) <= 0x05C7)
            if ok:
                out.append((a, b))
            i = text.find(form, i + 1)
        return out

    def script_forms(self, lang: str) -> dict[str, tuple[str, bool]]:
        """Latin source name -> (its rendering in ``lang``'s clean text, single form?).

        Kept only when we are sure: the rendering is the best transliteration match in
        the aligned sentences (score >= 0.72, or >= 0.55 and the same form in two or more
        sentences), no other name matches it better, and it occurs only in sentences whose
        English has the name.  ``single``: every aligned sentence uses that one form.
        """
        if lang in self._script_forms:
            return self._script_forms[lang]
        text = self.doc[lang]
        found: dict[str, list] = {}
        claim: dict[str, tuple[float, str]] = {}
        for w in self.source_names():
            for r in self.name_rows(w):
                b = best_rendering(w, text[r], lang)
                if b and b[0] >= 0.5:
                    f = text[r][b[1]:b[2]]
                    found.setdefault(w, []).append((r, b[0], f))
                    if f not in claim or b[0] > claim[f][0]:
                        claim[f] = (b[0], w)
        out = {}
        for w, lst in sorted(found.items()):
            counts: dict[str, int] = {}
            for _, _, f in lst:
                counts[f] = counts.get(f, 0) + 1
            f, k = max(sorted(counts.items()), key=lambda x: x[1])
            sc = max(x for _, x, ff in lst if ff == f)
            if claim[f][1] != w or len(f) < 2 or not (sc >= 0.72 or (k >= 2 and sc >= 0.55)):
                continue
            rows = set(self.name_rows(w))
            if any(r not in rows for r in range(self.n) if self.form_matches(f, text[r], lang)):
                continue
            # a word that other documents use without this name is a word, not the name
            if any(not _word_pat(w).search(od_text[SOURCE_LANG])
                   and self.form_matches(f, od_text[lang], lang)
                   for od, od_text in self.other_doc_texts(lang)):
                continue
            out[w] = (f, len(counts) == 1)
        self._script_forms[lang] = out
        return out

    def other_doc_texts(self, lang: str):
        """(doc id, {lang: text, eng: text}) of the other documents that have ``lang``."""
        key = (id(self.all_docs), lang)
        if key not in _OTHER_TEXTS:
            _OTHER_TEXTS[key] = {d: {lang: " ".join(doc[lang]),
                                     SOURCE_LANG: " ".join(doc[SOURCE_LANG])}
                                 for d, doc in self.all_docs.items() if lang in doc}
        return [(d, t) for d, t in sorted(_OTHER_TEXTS[key].items()) if d != self.doc_id]

    def blocked(self, sents) -> bool:
        return any(s.locked or (s.row is not None and self.row_uses[s.row] >= self.row_cap)
                   for s in sents)

    def doc_text(self) -> str:
        return " ".join(" ".join(v) for v in self.doc.values())

    def plant_script_name(self, v: VersionState, all_occurrences: bool) -> bool:
        """Garble the version's own rendering of a Latin name (트럼프, トランプ, 特朗普, Τραμπ...)."""
        if v.lang not in SCRIPT_LANGS or v.lang not in self.doc:
            return False
        cands = sorted(self.script_forms(v.lang).items())
        self.rng.shuffle(cands)
        for w, (f, single) in cands:
            occ = [(s, a, b) for s in v.sents() for a, b in self.form_matches(f, s.text, v.lang)]
            if not occ:
                continue
            chosen = occ if all_occurrences else [self.rng.choice(occ)]
            if self.blocked({id(s): s for s, _, _ in chosen}.values()):
                continue
            g = garble_script(f, v.lang, self.rng)
            if g is None or g in self.doc_text():
                continue
            code = "MT101" if len(occ) > len(chosen) or not single else "MT102"
            kind = "all" if all_occurrences else "one"
            for s, a, b in chosen:  # same length: offsets stay valid
                s.text = s.text[:a] + g + s.text[b:]
                s.labels.append(Label(a, b, code, f,
                                      f"name script garbled {kind}: {v.lang} {w}: {f}->{g}"))
                self.use(s)
            return True
        return False

    def replace_latin_name(self, v, w, new, all_occurrences, kind) -> bool:
        pat = _word_pat(w)
        occ = [(s, m.start()) for s in v.sents() for m in pat.finditer(s.text)]
        if not occ:
            return False
        chosen = occ if all_occurrences else [self.rng.choice(occ)]
        sents = {id(s): s for s, _ in chosen}
        if self.blocked(sents.values()):
            return False
        # an inflected form left intact (Trumpa) makes it one wrong form among right ones
        inflected = re.compile(r"(?<![^\W_])" + re.escape(w) + r"[^\W\d_]+")
        other = any(inflected.search(s.text) for s in v.sents())
        code = "MT101" if len(occ) > len(chosen) or other else "MT102"
        self.replace_mentions(sents, chosen, w, new, code, f"{kind}: {w}->{new}")
        return True

    def plant_pinyin_name(self, v: VersionState, all_occurrences: bool) -> bool:
        """A Latin name replaced by the pinyin of its Chinese rendering (Voltaro -> Woertaluo),
        as a system translating through Chinese writes it."""
        if v.lang not in LATIN or "zho" not in self.doc:
            return False
        cands = []
        for w, (f, _) in sorted(self.script_forms("zho").items()):
            if not all(_is_han(c) for c in f):
                continue
            py = _ascii_key(f).capitalize()
            if py.lower() != w.lower() and py not in self.doc_text():
                cands.append((w, py))
        self.rng.shuffle(cands)
        kind = "name romanised from zho " + ("all" if all_occurrences else "one")
        return any(self.replace_latin_name(v, w, py, all_occurrences, kind) for w, py in cands)

    def plant_literal_name(self, v: VersionState, all_occurrences: bool) -> bool:
        """A surname that is also a word translated as the word (Baker -> Boulanger)."""
        cands = []
        for w in self.source_names():
            new = LITERAL_NAMES.get(w, {}).get(v.lang)
            if new and new != w and not any(_word_pat(new).search(t) for t in self.doc[v.lang]):
                cands.append((w, new))
        self.rng.shuffle(cands)
        kind = "name translated literally " + ("all" if all_occurrences else "one")
        return any(self.replace_latin_name(v, w, new, all_occurrences, kind) for w, new in cands)

    # MT2 ----------------------------------------------------------------------
    def plant_same_script(self, v: VersionState) -> bool:
        lang = v.lang
        if lang in LATIN:
            others = sorted(LATIN - {lang, SOURCE_LANG})
        elif lang in CYRILLIC:
            others = sorted(CYRILLIC - {lang})
        else:
            return False
        others = [o for o in others if o in self.doc]
        if not others:
            return False
        cands = self.free(v, skip_headline=True)
        self.rng.shuffle(cands)
        for s in cands:
            other = self.rng.choice(others)
            new = self.doc[other][s.row]
            if new == s.text or len(new.split()) < 4:
                continue
            s.text = new
            s.labels.append(Label(0, len(new), "MT202", "", f"other-language sentence: {other}"))
            self.use(s)
            return True
        return False

    def plant_untranslated(self, v: VersionState) -> bool:
        cands = self.free(v, skip_headline=True)
        self.rng.shuffle(cands)
        for s in cands:
            new = self.eng(s.row)
            if new == s.text or len(new.split()) < 4:
                continue
            s.text = new
            s.labels.append(Label(0, len(new), "MT203", "", "untranslated sentence: eng"))
            self.use(s)
            return True
        return False

    def plant_fragment(self, v: VersionState) -> bool:
        cands = self.free(v)
        self.rng.shuffle(cands)
        for s in cands:
            words = self.eng(s.row).split()
            if len(words) < 5:
                continue
            k = self.rng.randint(3, min(8, len(words)))
            i = self.rng.randint(0, len(words) - k)
            frag = " ".join(words[i:i + k]).strip(".,;:!?\"'“”‘’«»()")
            if len(frag.split()) < 3 or frag in s.text:
                continue
            code = "MT202" if v.lang in LATIN else "MT201"
            if self.insert_run(s, v.lang, frag, code, "English fragment: eng"):
                return True
        return False

    def plant_menu(self, v: VersionState) -> bool:
        if "menu" in v.extra_paragraph_kinds:
            return False
        rng = self.rng
        items = (rng.sample(MENU_LATIN, rng.randint(2, 4)) + [rng.choice(MENU_CYRILLIC)]
                 + [rng.choice(MENU_HAN)] + rng.sample(MENU_OTHER, rng.randint(0, 2)))
        rng.shuffle(items)
        menu = "".join(items)
        at = rng.randint(1, len(v.paragraphs))  # after the headline at the earliest
        v.paragraphs.insert(at, [Sent(menu, None, True, [Label(0, len(menu), "MT201", "",
                                                                 "language menu: glued")])])
        v.extra_paragraph_kinds.add("menu")
        return True

    def plant_foreign_run(self, v: VersionState) -> bool:
        if v.lang not in LATIN:
            return False
        cands = self.free(v)
        self.rng.shuffle(cands)
        for s in cands:
            src = self.rng.choice([x for x in ("rus", "zho") if x in self.doc])
            other = self.doc[src][s.row]
            if src == "rus":
                words = [w.strip(".,;:!?\"'«»()—–-") for w in other.split()]
                words = [w for w in words if w and all(_is_cyrillic(c) or c == "-" for c in w)]
                if len(words) < 2:
                    continue
                k = self.rng.randint(2, min(4, len(words)))
                i = self.rng.randint(0, len(words) - k)
                run = " ".join(words[i:i + k])
            else:
                runs = re.findall(r"[\u3400-\u9fff]{3,}", other)
                if not runs:
                    continue
                r = self.rng.choice(runs)
                k = self.rng.randint(3, min(6, len(r)))
                i = self.rng.randint(0, len(r) - k)
                run = r[i:i + k]
            if self.insert_run(s, v.lang, run, "MT201", f"foreign-script run: {src}"):
                return True
        return False

    # MT3 ----------------------------------------------------------------------
    @staticmethod
    def numbers(text):
        out = []
        for m in NUMBER_RE.finditer(text):
            a, b = m.start(), m.end()
            before = text[a - 1] if a else ""
            after = text[b] if b < len(text) else ""
            bad = lambda ch: ch and (ch.isalnum() or ch == "_") and not _is_cjk(ch)  # noqa: E731
            if bad(before) or bad(after):
                continue
            out.append((a, b, m.group()))
        return out

    def plant_number(self, v: VersionState) -> bool:
        cands = self.free(v)
        self.rng.shuffle(cands)
        for s in cands:
            eng_nums = {t for _, _, t in self.numbers(self.eng(s.row))}
            nums = [n for n in self.numbers(s.text) if n[2] in eng_nums]
            if not nums:
                continue
            a, b, t = self.rng.choice(nums)
            digits = [i for i, c in enumerate(t) if c.isdigit()]
            i = self.rng.choice(digits)
            choices = [d for d in "0123456789" if d != t[i] and not (i == 0 and d == "0"
                                                                      and len(digits) > 1)]
            new = t[:i] + self.rng.choice(choices) + t[i + 1:]
            s.text = s.text[:a] + new + s.text[b:]
            s.labels.append(Label(a, a + len(new), "MT301", t, "digit changed: " + str(i + 1)))
            self.use(s)
            return True
        return False

    # MT4 ----------------------------------------------------------------------
    def plant_delete(self, v: VersionState) -> bool:
        opts = []
        for p in v.paragraphs:
            if len(p) < 2:
                continue
            for i, s in enumerate(p):
                nb = p[i + 1] if i + 1 < len(p) else p[i - 1]
                if s.locked or s.row is None or self.row_uses[s.row] >= self.row_cap:
                    continue
                if nb.locked:
                    continue
                opts.append((p, i))
        if not opts:
            return False
        p, i = self.rng.choice(opts)
        s = p.pop(i)
        self.use(s)
        if i < len(p):  # label at the start of the following sentence
            nb = p[i]
            nb.labels.append(Label(0, 0, "MT401", s.text, "sentence deleted: before next sentence"))
        else:  # it was the last: label at the end of the paragraph
            nb = p[i - 1]
            nb.labels.append(Label(len(nb.text), len(nb.text), "MT401", s.text,
                                   "sentence deleted: end of paragraph"))
        nb.locked = True
        return True

    def plant_insert_other(self, v: VersionState) -> bool:
        others = [d for d in self.all_docs if d != self.doc_id and v.lang in self.all_docs[d]]
        if not others:
            return False
        od = self.rng.choice(others)
        sents = self.all_docs[od][v.lang][1:]
        sents = [x for x in sents if len(x) >= 20]
        if not sents:
            return False
        new = self.rng.choice(sents)
        paras = [p for p in v.paragraphs[1:] if p and p[0].row is not None]
        if not paras:
            return False
        p = self.rng.choice(paras)
        at = self.rng.randint(0, len(p))
        p.insert(at, Sent(new, None, True, [Label(0, len(new), "MT402", "",
                                                  f"sentence from other doc: {od}")]))
        return True

    def plant_truncate(self, v: VersionState) -> bool:
        cands = self.free(v, skip_headline=True)
        self.rng.shuffle(cands)
        for s in cands:
            if v.lang in UNSPACED:
                if len(s.text) < 24:
                    continue
                cut = len(s.text) // 3
            else:
                spans = self.word_spans(s.text)
                if len(spans) < 9:
                    continue
                cut = spans[len(spans) // 3 - 1][1]
            orig = s.text
            s.text = orig[:cut]
            s.labels.append(Label(0, cut, "MT403", orig, "truncated: first third kept"))
            self.use(s)
            return True
        return False

    # MT5 ----------------------------------------------------------------------
    def plant_glue(self, v: VersionState) -> bool:
        if v.lang in UNSPACED:
            return False
        cands = self.free(v)
        self.rng.shuffle(cands)
        for s in cands:
            spans = self.word_spans(s.text)
            k = self.rng.choice((2, 2, 3))
            opts = [i for i in range(len(spans) - k + 1)
                    if all(s.text[a:b].isalpha() and b - a >= 2 for a, b in spans[i:i + k])]
            if not opts:
                continue
            i = self.rng.choice(opts)
            a, b = spans[i][0], spans[i + k - 1][1]
            orig = s.text[a:b]
            glued = "".join(orig.split())
            s.text = s.text[:a] + glued + s.text[b:]
            s.labels.append(Label(a, a + len(glued), "MT501", orig, f"words glued: {k}"))
            self.use(s)
            return True
        return False

    def plant_mojibake(self, v: VersionState) -> bool:
        cands = self.free(v)
        self.rng.shuffle(cands)
        for s in cands:
            if v.lang in UNSPACED:
                words = [(m.start(), m.end()) for m in re.finditer(r"[\u3400-\u9fff]{2,3}", s.text)]
            else:
                words = [(m.start(), m.end()) for m in WORD_RE.finditer(s.text)
                         if any(ord(c) > 127 for c in m.group())]
            self.rng.shuffle(words)
            for a, b in words:
                w = s.text[a:b]
                try:
                    bad = w.encode("utf-8").decode("cp1252")
                except UnicodeDecodeError:
                    continue
                if any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in bad):
                    continue
                s.text = s.text[:a] + bad + s.text[b:]
                s.labels.append(Label(a, a + len(bad), "MT502", w, "mojibake: utf-8 read as cp1252"))
                self.use(s)
                return True
        return False

    def plant_double(self, v: VersionState) -> bool:
        if v.lang in UNSPACED:
            return False
        cands = self.free(v)
        self.rng.shuffle(cands)
        for s in cands:
            spans = [(a, b) for a, b in self.word_spans(s.text) if s.text[a:b].isalpha()]
            if not spans:
                continue
            a, b = self.rng.choice(spans)
            w = s.text[a:b]
            s.text = s.text[:b] + " " + w + s.text[b:]
            s.labels.append(Label(a, b + 1 + len(w), "MT503", w, "word doubled: pair labelled"))
            self.use(s)
            return True
        return False

    def plant_boilerplate(self, v: VersionState) -> bool:
        if "boilerplate" in v.extra_paragraph_kinds or v.lang not in BOILERPLATE:
            return False
        line = self.rng.choice(BOILERPLATE[v.lang])
        at = self.rng.choice([len(v.paragraphs), len(v.paragraphs),
                              self.rng.randint(1, len(v.paragraphs))])
        v.paragraphs.insert(at, [Sent(line, None, True, [Label(0, len(line), "MT504", "",
                                                                 "boilerplate: own paragraph")])])
        v.extra_paragraph_kinds.add("boilerplate")
        return True

    OPS = {
        "MT1": [("name_one", lambda self, v: self.plant_name(v, False)),
                ("name_all", lambda self, v: self.plant_name(v, True)),
                ("name_script_one", lambda self, v: self.plant_script_name(v, False)),
                ("name_script_all", lambda self, v: self.plant_script_name(v, True)),
                ("name_pinyin",
                 lambda self, v: self.plant_pinyin_name(v, self.rng.random() < 0.5)),
                ("name_literal",
                 lambda self, v: self.plant_literal_name(v, self.rng.random() < 0.5))],
        "MT2": [("same_script", plant_same_script), ("untranslated", plant_untranslated),
                ("fragment", plant_fragment), ("menu", plant_menu),
                ("foreign_run", plant_foreign_run)],
        "MT3": [("number", plant_number)],
        "MT4": [("delete", plant_delete), ("insert_other", plant_insert_other),
                ("truncate", plant_truncate)],
        "MT5": [("glue", plant_glue), ("mojibake", plant_mojibake), ("double", plant_double),
                ("boilerplate", plant_boilerplate)],
    }

    def plant(self, family: str, attempts: int = 25) -> str | None:
        langs = sorted(self.versions)
        for _ in range(attempts):
            name, op = self.rng.choice(self.OPS[family])
            v = self.versions[self.rng.choice(langs)]
            if op(self, v):
                return name
        return None


# ---------------------------------------------------------------------------
# corpus builders


def _select_langs(langs):
    if not langs:
        return list(ALL_LANGS)
    if isinstance(langs, str):
        langs = [x.strip() for x in langs.split(",") if x.strip()]
    langs = [x for x in langs if x in ALL_LANGS]
    if SOURCE_LANG not in langs:
        langs = [SOURCE_LANG] + langs
    return langs


def build_clean(out_dir, langs=None, data_dir=DEFAULT_DATA, docs=None) -> dict:
    """Write the unchanged documents as article folders under ``out_dir``."""
    out_dir = Path(out_dir)
    docs = docs if docs is not None else load_docs(data_dir)
    langs = _select_langs(langs)
    n_files = 0
    for doc_id, doc in docs.items():
        groups = paragraph_groups(doc_id, len(doc[SOURCE_LANG]))
        art = out_dir / doc_id
        art.mkdir(parents=True, exist_ok=True)
        for lang in langs:
            if lang in doc:
                (art / version_file(lang)).write_text(render_clean(doc[lang], groups, lang),
                                                      encoding="utf-8", newline="\n")
                n_files += 1
    return {"articles": len(docs), "files": n_files, "langs": langs}


def build_planted(out_dir, langs=None, seed=0, per_doc=10, families=FAMILIES,
                  data_dir=DEFAULT_DATA, docs=None, row_cap=2) -> dict:
    """Write planted copies with a ``labels.tsv`` per article; return a summary."""
    out_dir = Path(out_dir)
    docs = docs if docs is not None else load_docs(data_dir)
    langs = _select_langs(langs)
    families = [f for f in FAMILIES if f in set(families or FAMILIES)]
    rng = random.Random(seed)
    summary = {"articles": 0, "labels": {}, "injections": {}, "failed": {}, "langs": langs}
    if len([x for x in langs if x != SOURCE_LANG]) == 0:
        raise ValueError("need at least one non-source language")
    for doc_id, doc in docs.items():
        pl = Planter(doc_id, doc, docs, [x for x in langs if x in doc], rng, row_cap=row_cap)
        fams = [families[i % len(families)] for i in range(per_doc)]
        rng.shuffle(fams)
        for fam in fams:
            name = pl.plant(fam)
            if name is None:
                summary["failed"][fam] = summary["failed"].get(fam, 0) + 1
            else:
                summary["injections"][name] = summary["injections"].get(name, 0) + 1
        art = out_dir / doc_id
        art.mkdir(parents=True, exist_ok=True)
        rows = []
        groups = paragraph_groups(doc_id, len(doc[SOURCE_LANG]))
        (art / version_file(SOURCE_LANG)).write_text(
            render_clean(doc[SOURCE_LANG], groups, SOURCE_LANG), encoding="utf-8", newline="\n")
        for lang in sorted(pl.versions):
            text, labels = pl.versions[lang].render()
            (art / version_file(lang)).write_text(text, encoding="utf-8", newline="\n")
            for start, end, lab in sorted(labels, key=lambda x: (x[0], x[1])):
                l1, c1 = line_col(text, start)
                l2, c2 = line_col(text, end)
                span = text[start:end]
                fields = (version_id(lang), lab.code, str(l1), str(c1), str(l2), str(c2),
                          span, lab.expected, lab.note)
                assert all("\t" not in f and "\n" not in f for f in fields), fields
                rows.append(fields)
                summary["labels"][lab.code] = summary["labels"].get(lab.code, 0) + 1
        with open(art / "labels.tsv", "w", encoding="utf-8", newline="\n") as fh:
            fh.write("\t".join(LABEL_HEADER) + "\n")
            for r in rows:
                fh.write("\t".join(r) + "\n")
        summary["articles"] += 1
    return summary


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, help="directory to write clean/ and planted/ into")
    ap.add_argument("--data", default=str(DEFAULT_DATA))
    ap.add_argument("--langs", default="", help="comma-separated ISO 639-3 codes (default: all)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--per-doc", type=int, default=10, help="injections per document")
    ap.add_argument("--families", default=",".join(FAMILIES))
    args = ap.parse_args(argv)
    if not available(args.data):
        print(f"skip: {args.data} not found")
        return 0
    docs = load_docs(args.data)
    out = Path(args.out)
    c = build_clean(out / "clean", args.langs, docs=docs)
    p = build_planted(out / "planted", args.langs, seed=args.seed, per_doc=args.per_doc,
                      families=args.families.split(","), docs=docs)
    print(f"clean: {c['articles']} articles, {c['files']} files -> {out / 'clean'}")
    print(f"planted: {p['articles']} articles -> {out / 'planted'}")
    print("  labels:", dict(sorted(p["labels"].items())))
    print("  injections:", dict(sorted(p["injections"].items())))
    if p["failed"]:
        print("  failed:", p["failed"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
