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
        labelled, ``expected`` = the original form
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
    def name_candidates(self, v: VersionState):
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
        out = []
        for w in sorted(cands):
            pat = re.compile(r"(?<![^\W_])" + re.escape(w) + r"(?![^\W_])")
            if latin and sum(1 for x in latin if any(pat.search(t) for t in self.doc[x])) \
                    < 0.6 * len(latin):
                continue
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
            delta = len(g) - len(w)
            for s in sents.values():
                starts = sorted(st for s2, st in chosen if s2 is s)
                for k, st in enumerate(starts):
                    st2 = st + k * delta
                    s.text = s.text[:st2] + g + s.text[st2 + len(w):]
                    s.labels.append(Label(st2, st2 + len(g), code, w,
                                          ("name garbled one" if not all_occurrences
                                           else "name garbled all") + f": {w}->{g}"))
                self.use(s)
            return True
        return False

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
                ("name_all", lambda self, v: self.plant_name(v, True))],
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
