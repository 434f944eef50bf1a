"""MT2xx: text in the wrong language or script, and untranslated passages.

One shared analysis per article (``ctx.cached("language", ...)``) feeds the
three checks, so that a passage is reported once, under the most specific code
(an untranslated sentence is not also reported as wrong-language text):

1. **Script runs** (cheap, no model): letters of a script the version's
   language does not use (Cyrillic in Turkish, Han in French, Hangul in
   Japanese ...), extended over letters glued to them, so a glued language
   menu is one finding; Latin-script *prose* (three or more words, at least two
   of them lower-case) in a non-Latin version; three or more language names in
   a row ("EnglishFrançaisDeutsch").  -> MT201
2. **Copies** (alignment): a segment identical or nearly identical to the
   aligned segment of a version in another language, that language
   identification attributes to that other language.  Copied from the source:
   MT203; copied from another translation: MT202.
3. **Same-script wrong language** (language identification): only where the
   article has another candidate language in the version's script.  Per-word
   score vectors are summed over sliding 4-word windows (a cumulative sum, no
   classifier call per window; all windows of a version are first screened in
   one batch, and only segments with a window near the margin are examined
   one by one); runs of windows where another candidate beats
   the version's expected language by a clear margin become a candidate
   fragment, which is then trimmed, re-scored with the real classifier and
   kept only when it has three or more words that are neither capitalised
   (names) nor shared by most other versions (names, quotations), and, when
   the article has a version in the detected language, when most of its words
   occur in that version (real source-language fragments are copied from it).
   -> MT202

Lower-cased versions (MT pipelines that lower-case their output) have no
capitals to mark names: ``_mark_names`` marks the words of names there from
other evidence (Title Case in a cased version, word pairs kept by versions of
two other languages, words most other languages have), and the steps above
treat them as they treat capitalised words.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable

from .base import Check, register

# ---------------------------------------------------------------------------
# scripts

_SCRIPT_RANGES = {
    "Latin": "A-Za-z\u00aa\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff\u2c60-\u2c7f\ua720-\ua7ff",
    "Cyrillic": "\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f",
    "Greek": "\u0370-\u0373\u0376-\u0377\u037b-\u037d\u037f\u0386\u0388-\u03ff\u1f00-\u1fff",
    "Armenian": "\u0531-\u0587",
    "Hebrew": "\u05d0-\u05ea\u05f0-\u05f2",
    "Arabic": "\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc",
    "Devanagari": "\u0900-\u097f",
    "Bengali": "\u0980-\u09ff",
    "Tamil": "\u0b80-\u0bff",
    "Thai": "\u0e00-\u0e7f",
    "Georgian": "\u10a0-\u10ff",
    "Hangul": "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af",
    "Kana": "\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fd-\u30ff\u31f0-\u31ff\uff66-\uff9d",
    "Han": "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f",
}
# ISO 15924 code of Version.script -> scripts its language is written in
_EXPECTED = {
    "Latn": {"Latin"},
    "Cyrl": {"Cyrillic"},
    "Grek": {"Greek"},
    "Armn": {"Armenian"},
    "Hebr": {"Hebrew"},
    "Arab": {"Arabic"},
    "Deva": {"Devanagari"},
    "Beng": {"Bengali"},
    "Taml": {"Tamil"},
    "Thai": {"Thai"},
    "Geor": {"Georgian"},
    "Hani": {"Han"},
    "Hans": {"Han"},
    "Hant": {"Han"},
    "Jpan": {"Han", "Kana"},
    "Kore": {"Hangul", "Han"},
    "Hang": {"Hangul", "Han"},
}
_DENSE = {"Han", "Kana", "Hangul"}  # one character carries a word
_CHAR_SCRIPT: dict[str, str] = {}


def _script_of(ch: str) -> str | None:
    s = _CHAR_SCRIPT.get(ch)
    if s is None:
        s = ""
        for name, rng in _SCRIPT_RANGES.items():
            if re.match(f"[{rng}]", ch):
                s = name
                break
        _CHAR_SCRIPT[ch] = s
    return s or None


@dataclass
class _FRx:
    run: re.Pattern
    letters: re.Pattern


_FOREIGN_RX: dict[frozenset, _FRx] = {}
_JOIN = r"[\s\-'’·・.,，、。:：;/|&()（）\u3000-\u303f]"


def _foreign_rx(expected: frozenset) -> _FRx:
    rx = _FOREIGN_RX.get(expected)
    if rx is None:
        cls = "".join(r for name, r in _SCRIPT_RANGES.items() if name not in expected and name != "Latin")
        run = re.compile(f"[{cls}]+(?:{_JOIN}+[{cls}]+)*")
        rx = _FOREIGN_RX[expected] = _FRx(run, re.compile(f"[{cls}]"))
    return rx


_LATIN_CLS = _SCRIPT_RANGES["Latin"]
_LATIN_WORD = re.compile(f"[{_LATIN_CLS}](?:[{_LATIN_CLS}]|[\u0300-\u036f]|['’\\-][{_LATIN_CLS}])*")
_LATIN_RUN = re.compile(
    f"[{_LATIN_CLS}0-9](?:[{_LATIN_CLS}0-9\u0300-\u036f]|[ \\t'’\\-.,:;&/!?%\"“”„«»]+(?=[{_LATIN_CLS}0-9]))*"
)
_WORD = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f\u0900-\u0903\u093a-\u094f\u0962\u0963])+(?:['’\-](?:[^\W\d_])+)*")
_LETTER = re.compile(r"[^\W\d_]")

_OPEN_CLOSE = {"(": ")", "（": "）", "[": "]", "【": "】", "「": "」", "『": "』", "《": "》", "〈": "〉",
               "“": "”", "«": "»", '"': '"', "„": "“", "‘": "’", "'": "'", "‹": "›"}

# language names as they appear in website language menus (autonyms)
_AUTONYMS = {
    "English": "en", "Français": "fr", "Francais": "fr", "Deutsch": "de", "Español": "es", "español": "es",
    "Italiano": "it", "Português": "pt", "Portugues": "pt", "Polski": "pl", "Türkçe": "tr", "Nederlands": "nl",
    "Svenska": "sv", "Suomi": "fi", "Suomalainen": "fi", "Dansk": "da", "Norsk": "no", "Čeština": "cs",
    "Slovenčina": "sk", "Magyar": "hu", "Română": "ro", "Hrvatski": "hr", "Latina": "la", "Sanskrit": "sa",
    "Indonesian": "id", "Bahasa Indonesia": "id", "Tiếng Việt": "vi", "Русский язык": "ru", "Русский": "ru",
    "Українська": "uk", "Български": "bg", "Ελληνικά": "el", "简体中文": "zh", "繁體中文": "zh",
    "繁体中文": "zh", "中文": "zh", "日本語": "ja", "한국어": "ko", "한어": "zh", "العربية": "ar", "فارسی": "fa",
    "עברית": "he", "हिन्दी": "hi", "ไทย": "th", "Melayu": "ms", "Filipino": "tl",
}
_AUTONYM_ALT = "|".join(re.escape(a) for a in sorted(_AUTONYMS, key=len, reverse=True))
_AUTONYM_RUN = re.compile(f"(?:{_AUTONYM_ALT})(?:[ \\t|/·•,]{{0,3}}(?:{_AUTONYM_ALT})){{2,}}")
_AUTONYM_ONE = re.compile(_AUTONYM_ALT)
# lower-cased versions: a menu of four or more language names without commas ("english français deutsch ...")
_AUTONYM_RUN_LOW = re.compile(f"(?:{_AUTONYM_ALT})(?:[ \t|/·•]{{0,3}}(?:{_AUTONYM_ALT})){{3,}}", re.IGNORECASE)
_AUTONYM_ONE_LOW = re.compile(_AUTONYM_ALT, re.IGNORECASE)
_AUTONYMS_LOW = {k.lower(): v for k, v in _AUTONYMS.items()}

LANG_NAMES = {
    "en": "English", "fr": "French", "de": "German", "es": "Spanish", "it": "Italian", "pt": "Portuguese",
    "pl": "Polish", "cs": "Czech", "sk": "Slovak", "tr": "Turkish", "fi": "Finnish", "id": "Indonesian",
    "ms": "Malay", "vi": "Vietnamese", "nl": "Dutch", "sv": "Swedish", "da": "Danish", "no": "Norwegian",
    "nb": "Norwegian", "hu": "Hungarian", "ro": "Romanian", "hr": "Croatian", "sl": "Slovenian", "et": "Estonian",
    "lv": "Latvian", "lt": "Lithuanian", "ca": "Catalan", "gl": "Galician", "eu": "Basque", "la": "Latin",
    "ru": "Russian", "uk": "Ukrainian", "bg": "Bulgarian", "sr": "Serbian", "mk": "Macedonian", "be": "Belarusian",
    "el": "Greek", "ar": "Arabic", "fa": "Persian", "he": "Hebrew", "hi": "Hindi", "mr": "Marathi", "ne": "Nepali",
    "sa": "Sanskrit", "bn": "Bengali", "ta": "Tamil", "th": "Thai", "zh": "Chinese", "ja": "Japanese",
    "ko": "Korean", "tl": "Tagalog", "sw": "Swahili", "af": "Afrikaans",
}


def lang_name(code: str) -> str:
    return LANG_NAMES.get(code, code)


_MOJIBAKE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]"
)


def _is_mojibake(token: str) -> bool:
    """UTF-8 read as cp1252/latin-1 ("Ã©", "Î±Î½"): an encoding problem (MT502), not a language."""
    return bool(_MOJIBAKE.search(token))


def _enclosed(text: str, start: int, end: int) -> bool:
    """Is text[start:end] the whole content of brackets or quotes (a gloss, a title)?"""
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    j = end
    while j < len(text) and text[j] in " \t.,":
        j += 1
    if i < 0 or j >= len(text):
        return False
    close = _OPEN_CLOSE.get(text[i])
    return close is not None and text[j] == close


_PAIRS = re.compile(r'\([^()\n]{0,300}\)|（[^（）\n]{0,300}）|\[[^\[\]\n]{0,300}\]|"[^"\n]{0,300}"|“[^“”\n]{0,300}”|„[^„“”\n]{0,300}[“”]|«[^«»\n]{0,300}»|「[^「」\n]{0,300}」|『[^『』\n]{0,300}』|《[^《》\n]{0,300}》')


_BRACKETS = re.compile(r'\([^()\n]{0,300}\)|（[^（）\n]{0,300}）|\[[^\[\]\n]{0,300}\]')


def _pair_spans(text: str) -> list[tuple[int, int]]:
    """Spans of bracketed or quoted text (glosses, titles, quotations)."""
    return [(m.start(), m.end()) for m in _PAIRS.finditer(text)]


def _pairs_around(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Bracket/quote spans near [start, end) that overlap it (brackets inside quotes too)."""
    out = []
    lo, hi = max(0, start - 300), min(len(text), end + 300)
    for rx in (_PAIRS, _BRACKETS):
        for m in rx.finditer(text, lo, hi):
            if m.start() < end and start < m.end() and (m.start(), m.end()) not in out:
                out.append((m.start(), m.end()))
    return out


def _quotation(text: str, start: int, end: int, share: float = 0.5) -> tuple[int, int] | None:
    """The bracketed or quoted passage that [start, end) makes up most of, if any.

    A foreign passage that is (most of) a quotation or a gloss in brackets was
    kept on purpose; a fragment inside an otherwise translated quotation was not.
    """
    for a, b in _pairs_around(text, start, end):
        inner = sum(1 for c in text[a + 1:b - 1] if c.isalpha())
        if not inner:
            continue
        cov = sum(1 for c in text[max(a + 1, start):min(b - 1, end)] if c.isalpha())
        if cov >= share * inner:
            return a, b
    return None


_NORM_WORD = re.compile(r"[^\W_]+")


def _norm(text: str) -> str:
    return " ".join(_NORM_WORD.findall(text.lower()))


# ---------------------------------------------------------------------------
# shared analysis


@dataclass
class _Hit:
    code: str
    version: str
    start: int
    end: int
    message: str
    expected: str = ""
    confidence: float = 0.9
    data: dict[str, Any] = field(default_factory=dict)
    row: int | None = None


@dataclass
class _VInfo:
    vid: str
    lang: str
    script: str
    expected: frozenset
    text: str
    words: frozenset  # lower-cased word forms of the whole version
    is_source: bool


def _version_infos(ctx) -> dict[str, _VInfo]:
    out = {}
    for v in ctx.article.versions:
        exp = frozenset(_EXPECTED.get(v.script, ()))
        raw = _WORD.findall(v.check_text)
        words = frozenset(map(str.lower, set(raw)))
        info = out[v.id] = _VInfo(v.id, v.language, v.script, exp, v.check_text, words, v.is_source)
        info.__dict__["_raw"] = raw
    return out


def _raw_words(info: "_VInfo") -> list[str]:
    """The version's words as written, in text order (cached)."""
    raw = info.__dict__.get("_raw")
    if raw is None:
        raw = info.__dict__["_raw"] = _WORD.findall(info.text)
    return raw


# --- lower-cased versions ------------------------------------------------------
#
# Some MT pipelines deliver all-lower-case text.  Capitalisation is what tells a
# name kept in English ("Aviation Safety Network") from an English fragment left
# untranslated; in lower-case text that evidence has to come from the versions
# that kept their case (the source above all): a Title-Case run there is a name,
# and the same words in a lower-cased version are treated like a capitalised word
# (neutral to language identification, not "prose").

_LOWER_MAX_UPPER = 0.005  # share of upper-case letters below which a version counts as lower-cased
_ASCII_UPPER = bytes(range(65, 91))
_CONNECTOR_MAX = 4  # lower-case words up to this length may join a Title-Case run ("of", "and", "for", "de la")
_RUN_GAP = re.compile(r"[ \t\u00a0'’\-&/]*")
_SENT_END = re.compile(r"(?:^|[.!?:;\n\r]|[.!?:;][\"'’”»)\]]*)[\"'“”„«»(\[\s]*$")


def _is_lowercased(text: str) -> bool:
    """Is ``text`` (almost) all lower case, as delivered by some MT pipelines?"""
    # Cheap exact screen first: every ASCII capital is an upper-case letter and no
    # more letters than characters are cased, so a text with more ASCII capitals
    # than the share allows of its length cannot qualify.
    enc = text.encode("utf-8", "surrogatepass")
    if len(enc) - len(enc.translate(None, _ASCII_UPPER)) > _LOWER_MAX_UPPER * len(text):
        return False
    import numpy as np

    lo, hi = text.lower(), text.upper()
    if len(lo) == len(text) == len(hi):
        t = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        cased = int(np.count_nonzero(np.frombuffer(lo.encode("utf-32-le"), dtype=np.uint32)
                                     != np.frombuffer(hi.encode("utf-32-le"), dtype=np.uint32)))
        up = int(np.count_nonzero(t != np.frombuffer(lo.encode("utf-32-le"), dtype=np.uint32)))
    else:  # a character whose case changes its length (ß, İ): count one by one
        up = sum(1 for ch in text if ch.isupper())
        cased = up + sum(1 for ch in text if ch.islower())
    return cased >= 20 and up <= _LOWER_MAX_UPPER * cased


def _elided(w: str) -> str:
    """``l’institute`` -> ``institute`` (French/Italian elision before a kept name), else ``w``."""
    for q in "'’":
        i = w.find(q)
        if 0 < i <= 2:
            return w[i + 1:]
    return w


def _headline(line: str) -> bool:
    """A line in headline case ("Air Niugini Now Says One Man Is Missing"): its capitals name nothing."""
    if line.rstrip().endswith((".", "!", "?", ".\"", ".”", ".»", ".'", ".’")):
        return False  # a sentence, however many names it holds
    ws = [w for w in _WORD.findall(line) if len(w) > 3]
    return len(ws) >= 4 and sum(1 for w in ws if w[0].isupper()) >= 0.7 * len(ws)


def _name_phrases(texts: list[str], raws: list[list[str]] | None = None) -> tuple[dict[str, set[tuple[tuple[str, ...], tuple[int, ...]]]], set[str]]:
    """Names written in Title Case in cased versions: (phrases of 2+ words by first word, single words).

    A phrase is a run of capitalised words, possibly joined by short lower-case
    words ("Government of Wales Act", "Brigham and Women's Hospital"), and every
    part of it that starts and ends with a capitalised word; it is kept with the
    positions of its capitalised words (the joining words stay ordinary words).
    A single word counts when it is capitalised inside a sentence and never
    written in lower case in that version ("Tellis", "Jacquemus").  Headline-case
    lines are skipped.  ``raws``: the texts' ``_WORD`` tokens, when already at hand.
    """
    phrases: dict[str, set[tuple[tuple[str, ...], tuple[int, ...]]]] = {}
    singles: set[str] = set()
    for t_i, text in enumerate(texts):
        raw = raws[t_i] if raws is not None else _WORD.findall(text)
        lower_used = {w.lower() for w in set(raw) if w[0].islower()}
        for line in text.splitlines():
            if line.islower():
                continue  # no capital letter: starts no run (the loop below would find none)
            if not line.strip() or _headline(line):
                continue
            toks = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(line)]
            n_toks = len(toks)
            j = 0
            # only capitalised words start a run; those inside a run already taken are skipped
            for i in [k for k, t in enumerate(toks) if t[2][0].isupper()]:
                if i < j:
                    continue
                run = [i]
                j = i + 1
                while j < n_toks:
                    gap = line[toks[j - 1][1]:toks[j][0]]
                    if not _RUN_GAP.fullmatch(gap):
                        break
                    w = toks[j][2]
                    if w[0].isupper():
                        run.append(j)
                        j += 1
                        continue
                    # connectors: short lower-case words followed by a capitalised word
                    k = j
                    while k < n_toks and k - j < 2 and not toks[k][2][0].isupper() and len(toks[k][2]) <= _CONNECTOR_MAX \
                            and _RUN_GAP.fullmatch(line[toks[k - 1][1]:toks[k][0]]):
                        k += 1
                    if k < n_toks and k > j and toks[k][2][0].isupper() and _RUN_GAP.fullmatch(line[toks[k - 1][1]:toks[k][0]]):
                        run.extend(range(j, k + 1))
                        j = k + 1
                        continue
                    break
                if j == i + 1:
                    # one capitalised word (most runs): no phrase; a single name only
                    # when not at a sentence start (tested last: the regex is the dear part)
                    lw = _elided(toks[i][2].lower())
                    if len(lw) > 1 and lw not in lower_used and not _SENT_END.search(line[:toks[i][0]]):
                        singles.add(lw)
                    continue
                words = [toks[x][2] for x in range(run[0], run[-1] + 1)]
                low = tuple(_elided(w.lower()) for w in words)
                initial = bool(_SENT_END.search(line[:toks[run[0]][0]]))
                caps = [x for x, w in enumerate(words) if w[0].isupper()]
                for a in caps:
                    if a == 0 and initial and len(caps) > 1:
                        continue  # "The Clarion Ledger" at a sentence start: also without "The"
                    for b in caps:
                        if b - a >= 1 and b - a < 8:
                            phrases.setdefault(low[a], set()).add(
                                (low[a:b + 1], tuple(x - a for x in caps if a <= x <= b)))
                for x in caps:
                    if (x > 0 or not initial) and low[x] not in lower_used and len(low[x]) > 1:
                        singles.add(low[x])
    return phrases, singles


_PAIR_LONG = 4  # letters of both words of a pair that one other language suffices for


def _word_toks(info: "_VInfo") -> tuple[list[int], list[int], list[str], list[bool]]:
    """Per version (cached): word starts, ends, lower-cased forms without elision
    (``l’institute`` -> ``institute``), and whether each word stands right before
    the next one (only spaces between)."""
    got = info.__dict__.get("_wtoks")
    if got is None:
        text = info.text
        ms = list(_WORD.finditer(text))
        starts = [m.start() for m in ms]
        ends = [m.end() for m in ms]
        forms = [m.group().lower() for m in ms]
        if "'" in text or "’" in text:
            forms = [_elided(w) if ("'" in w or "’" in w) else w for w in forms]
        glued = [(text[b:c] == " " or (b < c and not text[b:c].strip(" \t\u00a0"))) for b, c in zip(ends, starts[1:])]
        glued.append(False)
        got = info.__dict__["_wtoks"] = (starts, ends, forms, glued)
    return got


def _shared_pairs(infos: dict[str, "_VInfo"], wanted: set[str] | None = None,
                  wanted_pairs: set[str] | None = None) -> tuple[dict[str, set[str]], dict[str, set[str]], set[str]]:
    """Word pairs ("w x") and words of the article: the languages of the versions that
    write them; and the pairs of the source.

    The source (and versions in its language) are left out of the counts: a phrase
    left in the source language is in the source by definition; a name kept in that
    language by the translators of two other languages is a name.

    ``wanted``, ``wanted_pairs``: the only words and pairs whose languages are asked
    for (the others are left out).
    """
    src_langs = {i.lang for i in infos.values() if i.is_source}
    by_lang: dict[str, tuple[set[str], set[str]]] = {}
    src_pairs: set[str] = set()
    for vid in sorted(infos):
        info = infos[vid]
        if info.is_source or info.lang in src_langs:
            if info.is_source:
                _s, _e, forms, glued = _word_toks(info)
                src_pairs.update(f"{w} {x}" for w, x, g in zip(forms, forms[1:], glued) if g)
            continue
        _s, _e, forms, glued = _word_toks(info)
        ps, ws = by_lang.setdefault(info.lang, (set(), set()))
        ps.update(f"{w} {x}" for w, x, g in zip(forms, forms[1:], glued) if g)
        ws.update(forms)
    pairs: dict[str, set[str]] = {}
    words: dict[str, set[str]] = {}
    for lang in sorted(by_lang):
        ps, ws = by_lang[lang]
        for p in (ps if wanted_pairs is None else ps & wanted_pairs):
            pairs.setdefault(p, set()).add(lang)
        for w in (ws if wanted is None else ws & wanted):
            words.setdefault(w, set()).add(lang)
    return pairs, words, src_pairs


def _mark_names(infos: dict[str, "_VInfo"]) -> None:
    """Mark, in every lower-cased version, the words of names.

    Evidence that capitalisation no longer gives: the phrase is written in Title
    Case in a cased version (the source above all), or the same two words stand
    side by side in versions of two other languages (not the source), or the
    word is in most versions of other languages.
    """
    lowered = {vid for vid, i in infos.items() if _is_lowercased(i.text)}
    if not lowered:
        return
    cased_ids = [v for v in sorted(infos) if v not in lowered]
    phrases, singles = _name_phrases([infos[v].text for v in cased_ids],
                                     [_raw_words(infos[v]) for v in cased_ids]) if cased_ids else ({}, set())
    # only the lower-cased versions' words and pairs are looked up
    low_words: set[str] = set()
    low_pairs: set[str] = set()
    for v in lowered:
        _s, _e, forms, glued = _word_toks(infos[v])
        low_words.update(forms)
        low_pairs.update(f"{w} {x}" for w, x, g in zip(forms, forms[1:], glued) if g)
    pairs, words, src_pairs = _shared_pairs(infos, low_words, low_pairs)
    by_first = {k: sorted(v, key=lambda p: (-len(p[0]), p)) for k, v in phrases.items()}
    all_langs = {i.lang for i in infos.values() if not i.is_source}
    for vid in sorted(lowered):
        info = infos[vid]
        lang = info.lang
        starts, _ends, forms, glued = _word_toks(info)
        n = len(forms)
        hit = [False] * n
        need_word = max(3, math.ceil(0.5 * len(all_langs - {lang})))
        for k in range(n):
            f = forms[k]
            ls = words.get(f)
            if ls is not None and len(ls) - (lang in ls) >= need_word:
                hit[k] = True
            if glued[k]:
                nxt = forms[k + 1]
                pair = f"{f} {nxt}"
                ls = pairs.get(pair)
                if ls is not None:
                    c = len(ls) - (lang in ls)
                    # in two other languages; in one when both are long words the
                    # source has too ("policy research" kept in German and French)
                    if c >= 2 or (c == 1 and len(f) >= _PAIR_LONG and len(nxt) >= _PAIR_LONG and pair in src_pairs):
                        hit[k] = hit[k + 1] = True
        if by_first or singles:
            i = 0
            while i < n:
                got = 0
                for ph, caps in by_first.get(forms[i], ()):
                    if tuple(forms[i:i + len(ph)]) == ph:
                        got = len(ph)
                        for x in caps:
                            hit[i + x] = True
                        break
                if got:
                    i += got
                    continue
                if forms[i] in singles:
                    hit[i] = True
                i += 1
        info.__dict__["_masked"] = frozenset(s for s, h in zip(starts, hit) if h)


def _masked(info) -> frozenset:
    """Start offsets of words that are names written in lower case (see _mark_names)."""
    return info.__dict__.get("_masked", frozenset())


def _analyse(ctx) -> list[_Hit]:
    infos = _version_infos(ctx)
    _mark_names(infos)
    hits: list[_Hit] = []
    for info in infos.values():
        if info.expected:
            hits.extend(_script_hits(ctx, info, infos))
    copies = _copy_hits(ctx, infos)
    hits.extend(copies)
    taken: dict[str, list[tuple[int, int]]] = {}
    for h in hits:
        taken.setdefault(h.version, []).append((h.start, h.end))
    hits.extend(_wrong_language_hits(ctx, infos, taken))
    hits.extend(_source_word_hits(infos))
    return _dedupe(hits)


# Single source-language words left in a translation ("zaplacena" in an English
# version of a Czech article).  Language identification cannot judge one word,
# but the article can: the word is in the source, is a common word of the
# source language, is no word of the version's language, is written in lower
# case (not a name) and no other translation has it (not a term or a loanword).
_SOURCE_WORD_MIN_LEN = 5
_SOURCE_WORD_MIN_ZIPF = 2.5  # a word of the source language (not a rare form)
_TARGET_WORD_MAX_ZIPF = 1.5  # (almost) unknown in the version's language
_SOURCE_WORD_MIN_ZIPF_NOCASE = 3.5  # a common word of the source language, when its case cannot tell


_LOANWORD_LANGS = ("en", "de", "fr", "es", "it", "nl", "pt", "sv", "pl", "id")


def _international(word: str, skip: set, lexicon, zipf) -> bool:
    """Is ``word`` a word of at least two other major Latin-script languages?"""
    n = 0
    for lang in _LOANWORD_LANGS:
        if lang in skip:
            continue
        lex = lexicon(lang)
        if lex is not None and zipf(lex, word) > _TARGET_WORD_MAX_ZIPF:
            n += 1
            if n >= 2:
                return True
    return False


def _source_word_hits(infos: dict[str, _VInfo]) -> list[_Hit]:
    src = next((i for i in infos.values() if i.is_source), None)
    if src is None:
        return []
    from .integrity import _lexicon, _zipf

    src_lex = _lexicon(src.lang)
    if src_lex is None:
        return []
    # words the source writes in lower case (a capitalised source word is a name,
    # which a lower-cased version can no longer show)
    src_lower = {w for w in _raw_words(src) if w.islower()}
    # without case, names are told from common words by frequency alone
    min_zipf = _SOURCE_WORD_MIN_ZIPF_NOCASE if _is_lowercased(src.text) else _SOURCE_WORD_MIN_ZIPF
    hits: list[_Hit] = []
    for info in infos.values():
        if info.is_source or info.lang == src.lang or info.script != src.script:
            continue
        # the words that pass the first test, from the distinct forms (most versions have none)
        cand = {w for w in set(_raw_words(info)) if len(w) >= _SOURCE_WORD_MIN_LEN and w.islower() and w in src_lower}
        if not cand:
            continue
        lex = None
        others = [o for o in infos.values() if o.vid not in (info.vid, src.vid)]
        for m in _WORD.finditer(info.text):
            w = m.group()
            if w not in cand:
                continue
            if any(w in o.words for o in others):
                continue
            if _zipf(src_lex, w) < min_zipf:
                continue
            if lex is None:
                lex = _lexicon(info.lang)
                if lex is None:
                    break
            if _zipf(lex, w) > _TARGET_WORD_MAX_ZIPF:
                continue
            if _international(w, {src.lang, info.lang}, _lexicon, _zipf):
                continue  # a loanword many languages share (handball, snorkel)
            if _quotation(info.text, m.start(), m.end(), share=0.0):
                continue  # inside a quotation or brackets: kept on purpose
            src_name = lang_name(src.lang)
            hits.append(_Hit(
                "MT202", info.vid, m.start(), m.end(),
                f"'{w}' is a {src_name} word from the source, left untranslated in the "
                f"{lang_name(info.lang)} version (no other version has it)",
                confidence=0.8, data={"detected": src.lang, "expected_language": info.lang, "kind": "source word"},
            ))
    return hits


def _dedupe(hits: list[_Hit]) -> list[_Hit]:
    """One finding per passage: copies first, then script runs, then language identification."""
    prio = {"MT203": 0, "MT201": 1, "MT202": 2}
    kept: list[_Hit] = []
    for h in sorted(hits, key=lambda h: (prio[h.code] if not h.data.get("copied_from") else 0, h.start)):
        clash = False
        for k in kept:
            if k.version == h.version and h.start < k.end and k.start < h.end:
                clash = True
                break
        if not clash:
            kept.append(h)
    return sorted(kept, key=lambda h: (h.version, h.start))


# --- MT201 ------------------------------------------------------------------


_DENSE_RX = re.compile("[" + "".join(_SCRIPT_RANGES[n] for n in ("Han", "Kana", "Hangul")) + "]")
_LATIN_RX = re.compile(f"[{_SCRIPT_RANGES['Latin']}]")
_SCRIPT_RX = {name: re.compile(f"[{rng}]") for name, rng in _SCRIPT_RANGES.items()}


def _script_names(text: str) -> list[str]:
    """Scripts present in ``text``, in order of first appearance."""
    found = []
    for name, rx in _SCRIPT_RX.items():
        m = rx.search(text)
        if m:
            found.append((m.start(), name))
    return [n for _, n in sorted(found)]


def _shared_elsewhere(snippet: str, info: _VInfo, infos: dict[str, _VInfo], exclude_langs: set[str]) -> bool:
    """Does ``snippet`` occur verbatim in most other versions (a name or a quotation)?"""
    others = [o for o in infos.values() if o.vid != info.vid and o.lang != info.lang and o.lang not in exclude_langs]
    if len(others) < 2:
        return False
    low = snippet.lower()
    n = sum(1 for o in others if low in o.text.lower())
    return n >= max(2, math.ceil(0.5 * len(others)))


_CHAR_SCRIPTS: dict[str, frozenset] = {}
_NO_SCRIPT: frozenset = frozenset()


def _scripts_present(text: str) -> set[str]:
    """Every script of _SCRIPT_RANGES with a letter in ``text`` (no ASCII character is in a non-Latin range)."""
    chars = set(text)
    missing = [ch for ch in chars if ch >= "\x80" and ch not in _CHAR_SCRIPTS]
    if missing:
        if len(_CHAR_SCRIPTS) > 200_000:
            _CHAR_SCRIPTS.clear()
            missing = [ch for ch in chars if ch >= "\x80"]
        for ch in missing:
            _CHAR_SCRIPTS[ch] = frozenset(name for name, r in _SCRIPT_RX.items() if r.match(ch))
    get = _CHAR_SCRIPTS.get
    return set().union(*{get(ch, _NO_SCRIPT) for ch in chars})


def _script_hits(ctx, info: _VInfo, infos) -> list[_Hit]:
    text = info.text
    spans: list[list] = []  # [start, end, menu?]
    # letters of a script the language does not use (the combined patterns are only
    # compiled for a version that has such letters)
    if any(x not in info.expected and x != "Latin" for x in _scripts_present(text)):
        rx = _foreign_rx(info.expected)
        for m in rx.run.finditer(text):
            s, e = m.start(), m.end()
            while e > s and not _LETTER.match(text[e - 1]):
                e -= 1
            run = text[s:e]
            letters = sum(1 for c in run if _LETTER.match(c))
            dense = bool(_DENSE_RX.search(run))
            glued = (s > 0 and _LETTER.match(text[s - 1])) or (e < len(text) and _LETTER.match(text[e]))
            if letters < (2 if dense else 3) and not glued:
                continue
            if not glued and _enclosed(text, s, e) and letters <= 16:
                continue  # a gloss in brackets: "Xi Jinping (习近平)"
            # extend over letters glued to the run (a language menu without spaces)
            while s > 0 and _LETTER.match(text[s - 1]):
                s -= 1
            while e < len(text) and _LETTER.match(text[e]):
                e += 1
            spans.append([s, e, bool(glued)])
    for m in _AUTONYM_RUN.finditer(text):
        spans.append([m.start(), m.end(), True])
    lowered = "_masked" in info.__dict__
    if lowered:
        for m in _AUTONYM_RUN_LOW.finditer(text):
            spans.append([m.start(), m.end(), True])
    if "Latin" not in info.expected and "Latin" in _SCRIPT_RANGES:
        spans.extend(_latin_prose_spans(text, _masked(info)))
    if not spans:
        return []
    spans.sort()
    merged: list[list] = []
    for s, e, menu in spans:
        if merged and s <= merged[-1][1] + 3 and not _LETTER.search(text[merged[-1][1]:s]):
            merged[-1][1] = max(merged[-1][1], e)
            merged[-1][2] = merged[-1][2] or menu or s > merged[-1][0]
            merged[-1].append(True)
        else:
            merged.append([s, e, menu])
    out = []
    sjis = None
    for item in merged:
        s, e, menu = item[0], item[1], item[2]
        n_parts = len(item) - 2
        run = text[s:e]
        if any(_is_mojibake(t) for t in run.split()):
            continue
        if sjis is None:
            from .integrity import _SJIS_LEADS, _sjis_spans

            sjis = _sjis_spans(text) if _SJIS_LEADS.search(text) else []
        if any(a < e and s < b for a, b, _fix in sjis):
            continue  # Japanese mojibake (MT502), not a foreign script
        scripts = _script_names(run)
        foreign_scripts = [x for x in scripts if x not in info.expected]
        autonyms = [a for a in (_AUTONYM_ONE_LOW if lowered else _AUTONYM_ONE).findall(run)]
        is_menu = len(set(autonyms)) >= 3 or (menu and len(scripts) >= 3)
        if not is_menu and _shared_elsewhere(run, info, infos, set()):
            continue
        # a whole line taken up by the run: report the line
        ls = text.rfind("\n", 0, s) + 1
        le = text.find("\n", e)
        le = len(text) if le < 0 else le
        line = text[ls:le]
        if is_menu and not _LETTER.search(text[ls:s] + text[e:le]):
            s, e = ls + len(line) - len(line.lstrip()), le - (len(line) - len(line.rstrip()))
            run = text[s:e]
        row = None
        if is_menu:
            langs = list(dict.fromkeys(_AUTONYMS.get(a) or _AUTONYMS_LOW[a.lower()] for a in autonyms))
            named = ", ".join(lang_name(x) for x in langs) if langs else ", ".join(scripts)
            msg = (f"glued run of text in other languages ({named}; scripts: {', '.join(scripts)}) "
                   f"inside the {lang_name(info.lang)} version: probably a website language menu copied into the article")
            conf = 0.97
            data = {"detected": langs or foreign_scripts, "scripts": scripts, "expected": info.lang, "kind": "menu"}
        elif foreign_scripts and foreign_scripts != ["Latin"]:
            letters = sum(1 for c in run if _LETTER.match(c))
            msg = (f"{'/'.join(foreign_scripts)} text '{run}' inside the {lang_name(info.lang)} version, "
                   f"whose language is written in {'/'.join(sorted(info.expected))} script")
            conf = min(0.95, 0.6 + 0.05 * letters)
            data = {"detected": foreign_scripts, "scripts": scripts, "expected": info.lang, "kind": "script-run"}
        else:  # Latin prose in a non-Latin version
            detected = _guess_latin_language(ctx, run, infos)
            msg = (f"Latin-script {lang_name(detected) if detected else ''} text '{_short(run)}' inside the "
                   f"{lang_name(info.lang)} version: left untranslated?").replace("  ", " ")
            conf = 0.85
            data = {"detected": detected or "Latin", "scripts": scripts, "expected": info.lang, "kind": "latin-prose"}
        del n_parts
        out.append(_Hit("MT201", info.vid, s, e, msg, "", conf, data, row))
    return out


def _short(t: str, n: int = 80) -> str:
    return t if len(t) <= n else t[: n - 1] + "…"


def _latin_prose_spans(text: str, masked: frozenset = frozenset()) -> list[list]:
    out = []
    for m in _LATIN_RUN.finditer(text):
        s, e = m.start(), m.end()
        run = text[s:e]
        wms = list(_LATIN_WORD.finditer(run))
        words = [w.group() for w in wms]
        if len(words) < 3:
            continue
        if s > 0 and text[s - 1] in "#@":
            continue
        # words of names written in lower case count as capitalised
        lower = [w.group() for w in wms if w.group()[0].islower() and not any(c.isupper() for c in w.group()[1:])
                 and len(w.group()) > 1 and s + w.start() not in masked]
        if len(lower) < 2 or len(lower) < 0.5 * len(words):
            continue  # Title Case: a name ("Member of the Welsh Parliament")
        if _quotation(text, s, e):
            continue  # a gloss in brackets or a quotation
        if any(_is_mojibake(w) for w in words):
            continue
        out.append([s, e, False])
    return out


def _guess_latin_language(ctx, run: str, infos) -> str | None:
    cands = sorted({i.lang for i in infos.values() if "Latin" in i.expected} | {"en"})
    try:
        ident = ctx.langid()
        r = ident.rank(run, ident.supported(cands))
    except Exception:  # pragma: no cover - engine missing
        return None
    return r[0][0] if r else None


# --- MT203 / copies -----------------------------------------------------------


def _few_lower_latin(text: str, masked: frozenset = frozenset(), base: int = 0) -> bool:
    """Does ``text`` start with a Latin-script word and hold fewer than two lower-case words?

    Words of names written in lower case (``masked``: offsets in the version, ``text``
    starting at ``base``) count as capitalised."""
    it = _WORD.finditer(text)
    m = next(it, None)
    if m is None or not _LATIN_RX.match(m.group()):
        return False
    low = 1 if m.group()[0].islower() and base + m.start() not in masked else 0
    for m in it:
        if low >= 2:
            return False
        if m.group()[0].islower() and base + m.start() not in masked:
            low += 1
    return low < 2


def _copy_hits(ctx, infos) -> list[_Hit]:
    from rapidfuzz import fuzz

    al = ctx.alignment
    if al is None or len(infos) < 2:
        return []
    min_sim = float(ctx.option(Untranslated, "similarity")) * 100
    min_words = int(ctx.option(Untranslated, "min_words"))
    segs = ctx.segments
    has_source = any(i.is_source for i in infos.values())
    norm: dict[tuple[str, int], str] = {}
    exact: dict[str, list[tuple[str, int]]] = {}
    nwords: dict[tuple[str, int], int] = {}
    for vid, ss in segs.items():
        for sg in ss:
            n = _norm(sg.text)
            norm[(vid, sg.index)] = n
            nwords[(vid, sg.index)] = n.count(" ") + 1 if n else 0
            exact.setdefault(n, []).append((vid, sg.index))
    rows_of = {vid: ctx.rows_of(vid) for vid in segs}
    # a near-identical copy shares its longest words: compare only such pairs
    # (the two longest distinct words, ties in alphabetical order)
    keys: dict[tuple[str, int], tuple[str, ...]] = {}
    for key, n in norm.items():
        keys[key] = tuple(sorted(sorted(set(n.split())), key=len, reverse=True)[:2])
    row_cells = {r.index: r.cells for r in al.rows}
    # per row: (version, its segments, their key words, their non-empty normalised texts)
    row_info: dict[int, list] = {}

    def cells_of(row: int) -> list:
        ri = row_info.get(row)
        if ri is None:
            ri = row_info[row] = [
                (wid, idxs, frozenset(k for i in idxs for k in keys[(wid, i)]),
                 [norm[(wid, i)] for i in idxs if norm[(wid, i)]])
                for wid, idxs in row_cells[row].items() if idxs
            ]
        return ri
    ident = None
    out = []
    for vid, ss in segs.items():
        info = infos[vid]
        if info.is_source:
            continue
        for sg in ss:
            n = norm[(vid, sg.index)]
            if nwords[(vid, sg.index)] < min_words and len(_DENSE_RX.findall(sg.text)) < 2 * min_words + 4:
                continue
            lowered_v = "_masked" in info.__dict__
            if _few_lower_latin(sg.text, _masked(info), sg.start):
                continue  # names, titles
            row = rows_of[vid].get(sg.index)
            cand: dict[str, float] = {}
            part: dict[str, tuple[int, int]] = {}
            # aligned counterparts
            if row is not None:
                mine = set(keys[(vid, sg.index)])
                for wid, idxs, their_keys, their_norms in cells_of(row):
                    if infos[wid].lang == info.lang:
                        continue
                    if mine.isdisjoint(their_keys):
                        for t in their_norms:
                            if t in n:
                                break
                        else:
                            continue
                    for i in idxs:  # a copied sentence glued to a translated one
                        t = segs[wid][i].text
                        if len(t) < len(sg.text) and nwords[(wid, i)] >= min_words:
                            off = sg.text.find(t)
                            if off < 0 and lowered_v:  # the copy was lower-cased with the version
                                low_t, low_s = t.lower(), sg.text.lower()
                                if len(low_t) == len(t) and len(low_s) == len(sg.text):
                                    off = low_s.find(low_t)
                            if off >= 0:
                                part.setdefault(wid, (sg.start + off, sg.start + off + len(t)))
                    texts = [norm[(wid, i)] for i in idxs]
                    if len(idxs) > 1:
                        texts.append(" ".join(texts))
                    best = 0.0
                    for t in texts:
                        if not t or not (0.75 <= len(t) / max(1, len(n)) <= 1.33):
                            continue
                        best = max(best, fuzz.ratio(n, t))
                    if best >= min_sim:
                        cand[wid] = best
            # exact copies anywhere (robust to misalignment)
            for wid, _i in exact.get(n, ()):
                if infos[wid].lang != info.lang and wid != vid:
                    cand[wid] = 100.0
            span = (sg.start, sg.end)
            if not cand and part:
                for wid in part:
                    cand[wid] = 100.0
                wid0 = sorted(part, key=lambda w: (not infos[w].is_source, w))[0]
                span = part[wid0]
            if not cand:
                continue
            other_langs = {i.lang for i in infos.values() if i.lang != info.lang}
            copied_langs = {infos[w].lang for w in cand}
            if len(other_langs) >= 3 and len(copied_langs) >= 0.6 * len(other_langs):
                continue  # quoted identically in most versions: a quotation, a name
            wid = sorted(cand, key=lambda w: (not infos[w].is_source, -cand[w], w))[0]
            wlang = infos[wid].lang
            if ident is None:
                ident = ctx.langid()
            pair = ident.supported([info.lang, wlang])
            detected = wlang
            if len(pair) == 2:
                r = dict(ident.rank(info.text[span[0]:span[1]], pair))
                if r.get(wlang, 0) - r.get(info.lang, 0) < 0.3:
                    continue  # reads as the version's own language: the other version is the copy
            elif not infos[wid].is_source:
                continue
            sim = cand[wid] / 100
            code = "MT203" if (infos[wid].is_source or not has_source) else "MT202"
            what = "the source" if infos[wid].is_source else f"version '{wid}'"
            if code == "MT203":
                msg = (f"segment {'identical' if sim >= 0.999 else 'nearly identical'} to {what} "
                       f"({lang_name(wlang)}): copied instead of translated into {lang_name(info.lang)}")
            else:
                msg = (f"{lang_name(wlang)} sentence in the {lang_name(info.lang)} version "
                       f"({'identical' if sim >= 0.999 else 'nearly identical'} to {what})")
            seg_row = row
            out.append(_Hit(code, vid, span[0], span[1], msg, "", round(0.75 + 0.25 * sim, 3),
                            {"detected": detected, "expected": info.lang, "copied_from": wid,
                             "similarity": round(sim, 3)}, seg_row))
    return out


# --- MT202 ------------------------------------------------------------------


def _wrong_language_hits(ctx, infos, taken) -> list[_Hit]:
    margin = float(ctx.option(WrongLanguage, "margin"))
    min_words = max(3, int(ctx.option(WrongLanguage, "min_words")))
    win = max(2, int(ctx.option(WrongLanguage, "window")))
    extra = [x.strip() for x in str(ctx.option(WrongLanguage, "extra_languages")).split(",") if x.strip()]
    out: list[_Hit] = []
    ident = None
    for info in infos.values():
        if len(info.expected) != 1:
            continue
        script = next(iter(info.expected))
        same = {i.lang for i in infos.values() if i.expected == info.expected}
        if script == "Latin":
            same |= set(extra)
        if len(same) < 2:
            continue
        if ident is None:
            ident = ctx.langid()
        cands = list(ident.supported(same))
        if info.lang not in cands or len(cands) < 2:
            continue
        li = cands.index(info.lang)
        broad = list(ident.supported(set(cands) | _BROAD.get(script, set())))
        out.extend(_scan_version(ctx, ident, info, infos, cands, li, margin, min_words, win, taken.get(info.vid, []), broad))
    return out


# Whole sentences may be in a language no version of the article has (a German
# sentence in a French/English article): they are tested against these too.
_BROAD = {
    "Latin": {"en", "fr", "de", "es", "it", "pt", "nl", "pl", "cs", "tr", "fi", "id", "vi", "sv", "da", "ro", "hu"},
    "Cyrillic": {"ru", "uk", "bg", "sr"},
}
SENTENCE_MIN_WORDS = 6
SENTENCE_MARGIN = 0.8


def _scan_version(ctx, ident, info, infos, cands, li, margin, min_words, win, taken, broad=()):
    import numpy as np

    script = next(iter(info.expected))
    first = _SCRIPT_RX[script]
    # word form -> None when it cannot be a scored token (another script, all
    # capitals, mojibake), else (lower-cased form, UTF-8 bytes + 1, capitalised?)
    masked = _masked(info)
    plain = _TOKEN_MEMO.get(script)
    if plain is None or len(plain) > 200_000:
        plain = _TOKEN_MEMO[script] = {}
    text = info.text
    toks: list[tuple[int, int, str, int]] = []  # start, end, word, segment
    words: list[str] = []  # lower-cased, one per token
    sizes: list[int] = []
    seg_bounds = []
    # the two per-token position tests are only needed when the text has a # or @ at all,
    # or names written in lower case
    tag_marks = "#" in text or "@" in text
    by_pos = tag_marks or bool(masked)
    plain_get, toks_append, words_append, sizes_append = plain.get, toks.append, words.append, sizes.append
    for sg in ctx.segments[info.vid]:
        if any(a < sg.end and sg.start < b and (b - a) >= 0.8 * (sg.end - sg.start) for a, b in taken):
            continue
        k0 = len(toks)
        sg_start, sg_index = sg.start, sg.index
        for m in _WORD.finditer(sg.text):
            w = m.group()
            memo = plain_get(w, _UNSEEN)
            if memo is _UNSEEN:
                memo = plain[w] = (
                    (w.lower(), len(w.lower().encode("utf-8")) + 1, w[0].isupper())
                    if first.match(w) and not (len(w) > 1 and w.isupper()) and not _is_mojibake(w) else None
                )
            if memo is None:
                continue
            s = sg_start + m.start()
            if by_pos:
                if tag_marks and s > 0 and text[s - 1] in "#@":
                    continue
                if s in masked:
                    continue  # a name the cased versions write in Title Case (neutral, like a capitalised word)
            if memo[2]:
                if k0 != len(toks):
                    continue  # capitalised inside a sentence: a name (neutral)
                if _is_name_like(w, info, infos):
                    continue
            toks_append((s, s + len(w), w, sg_index))
            words_append(memo[0])
            sizes_append(memo[1])
        if len(toks) - k0 >= min_words:
            seg_bounds.append((k0, len(toks), sg))
        else:
            del toks[k0:], words[k0:], sizes[k0:]
    if not seg_bounds:
        return []
    outside = [c for c in broad if c not in cands]
    MB = None
    if not hasattr(ident, "word_scores"):
        M = None
    elif outside and set(cands) <= set(broad):
        # one lookup over the broad languages; the candidates' columns are the same numbers
        MB = ident.word_scores(words, broad)
        M = MB[:, [broad.index(c) for c in cands]] if MB is not None else ident.word_scores(words, cands)
    else:
        M = ident.word_scores(words, cands)
    out = []
    prior = ident.prior(cands) if M is not None else None
    nbytes = np.asarray(sizes, dtype=np.float32)
    if M is not None:
        cs = np.vstack([np.zeros((1, M.shape[1]), dtype=np.float32), np.cumsum(M, axis=0, dtype=np.float64)])
        cb = np.concatenate([[0.0], np.cumsum(nbytes)])
    if MB is None and outside and M is not None:
        MB = ident.word_scores(words, broad)
    # Cheap screens over all segments at once: a segment can only give a finding when
    # some window (or the whole sentence) comes near the margin.  The screens use a
    # slack far larger than any rounding difference, so they never drop a segment the
    # exact per-segment test below would keep.
    maybe_window = maybe_sentence = None
    if M is not None:
        maybe_window = _screen_windows(np, cs, cb, prior, seg_bounds, win, li, margin - _SCREEN_SLACK)
        if MB is not None:
            maybe_sentence = _screen_sentences(np, MB, cb, ident.prior(broad), seg_bounds,
                                               broad.index(info.lang), [c not in cands for c in broad],
                                               SENTENCE_MARGIN - _SCREEN_SLACK)
    for sx, (k0, k1, sg) in enumerate(seg_bounds):
        n = k1 - k0
        if MB is not None and n >= SENTENCE_MIN_WORDS and maybe_sentence[sx]:
            hit = _sentence_outside(ident, info, infos, broad, MB, nbytes, k0, k1, sg, words, cands)
            if hit:
                out.append(hit)
                continue
        if maybe_window is not None and n >= win and not maybe_window[sx]:
            continue
        w = min(win, n)
        starts = np.arange(k0, k1 - w + 1)
        if M is not None:
            S = cs[starts + w] - cs[starts] + prior
            T = np.sqrt(cb[starts + w] - cb[starts])[:, None]
            Z = S / T
            Z = np.exp(Z - Z.max(axis=1, keepdims=True))
            P = Z / Z.sum(axis=1, keepdims=True)
        else:
            P = np.array([[dict(ident.rank(" ".join(words[a:a + w]), cands)).get(c, 0.0) for c in cands] for a in starts])
        Pother = P.copy()
        Pother[:, li] = -1
        best = Pother.argmax(axis=1)
        gap = Pother[np.arange(len(starts)), best] - P[:, li]
        flagged = gap >= margin
        if not flagged.any():
            continue
        # group consecutive flagged windows
        i = 0
        while i < len(starts):
            if not flagged[i]:
                i += 1
                continue
            j = i
            while j + 1 < len(starts) and flagged[j + 1]:
                j += 1
            langs = Counter(int(best[x]) for x in range(i, j + 1))
            xi = langs.most_common(1)[0][0]
            a, b = int(starts[i]), int(starts[j]) + w  # token range [a, b)
            if M is not None:
                while a < b and M[a, xi] - M[a, li] <= 0:
                    a += 1
                while b > a and M[b - 1, xi] - M[b - 1, li] <= 0:
                    b -= 1
            hit = _verify(ctx, ident, info, infos, cands, li, xi, toks, words, a, b, sg, margin, min_words)
            if hit:
                out.append(hit)
            i = j + 1
    return out


# The screens' slack: probabilities are compared this far below the margin.  The
# screens sum float32 word scores in float64; the exact test sums them in float32,
# which moves a probability by ~1e-4 on a long sentence, far less than the slack.
_SCREEN_SLACK = 0.05
_TOKEN_MEMO: dict[str, dict[str, Any]] = {}
_UNSEEN = object()


def _softmax_rows(np, Z):
    Z = np.exp(Z - Z.max(axis=1, keepdims=True))
    return Z / Z.sum(axis=1, keepdims=True)


def _screen_windows(np, cs, cb, prior, seg_bounds, win, li, margin):
    """Per segment with at least ``win`` words: may one of its windows beat the expected language by ``margin``?"""
    maybe = np.ones(len(seg_bounds), dtype=bool)
    full = [(sx, k0, k1) for sx, (k0, k1, _sg) in enumerate(seg_bounds) if k1 - k0 >= win]
    if not full:
        return maybe
    counts = np.asarray([k1 - k0 - win + 1 for _sx, k0, k1 in full])
    owner = np.repeat(np.asarray([sx for sx, _k0, _k1 in full]), counts)
    base = np.repeat(np.asarray([k0 for _sx, k0, _k1 in full]), counts)
    starts = base + np.arange(len(owner)) - np.repeat(np.cumsum(counts) - counts, counts)
    P = _softmax_rows(np, (cs[starts + win] - cs[starts] + prior) / np.sqrt(cb[starts + win] - cb[starts])[:, None])
    Pother = P.copy()
    Pother[:, li] = -1
    gap = Pother.max(axis=1) - P[:, li]
    hit = np.zeros(len(seg_bounds), dtype=bool)
    hit[owner[gap >= margin]] = True
    maybe[[sx for sx, _k0, _k1 in full]] = hit[[sx for sx, _k0, _k1 in full]]
    return maybe


def _screen_sentences(np, MB, cb, prior, seg_bounds, li, outside, margin):
    """Per segment: may the whole sentence read as a language outside the candidates by ``margin``?"""
    csb = np.vstack([np.zeros((1, MB.shape[1])), np.cumsum(MB, axis=0, dtype=np.float64)])
    k0 = np.asarray([b[0] for b in seg_bounds])
    k1 = np.asarray([b[1] for b in seg_bounds])
    P = _softmax_rows(np, (csb[k1] - csb[k0] + prior) / np.sqrt(cb[k1] - cb[k0])[:, None])
    out_mask = np.asarray(outside, dtype=bool)
    if not out_mask.any():
        return np.zeros(len(seg_bounds), dtype=bool)
    return P[:, out_mask].max(axis=1) - P[:, li] >= margin


def _sentence_outside(ident, info, infos, broad, MB, nbytes, k0, k1, sg, words, cands):
    """A whole sentence in a language that no version of the article has."""
    import numpy as np

    L = info.lang
    li = broad.index(L)
    z = (MB[k0:k1].sum(axis=0) + ident.prior(broad)) / math.sqrt(float(nbytes[k0:k1].sum()))
    z = np.exp(z - z.max())
    p = z / z.sum()
    xi = int(p.argmax())
    x = broad[xi]
    if x in cands or p[xi] - p[li] < SENTENCE_MARGIN:
        return None
    thirds = [o for o in infos.values() if o.vid != info.vid and o.lang not in (L, x)]
    need = max(1, math.ceil(0.5 * len(thirds))) if thirds else 10**9
    own = [wd for wd in words[k0:k1] if sum(1 for o in thirds if wd in o.words) < need]
    if len(own) < SENTENCE_MIN_WORDS:
        return None
    r = dict(ident.rank(sg.text, broad))
    px, pl = r.get(x, 0.0), r.get(L, 0.0)
    if px - pl < SENTENCE_MARGIN or px < max(r.values()) - 1e-9:
        return None
    msg = (f"sentence in {lang_name(x)} (p={px:.2f}) inside the {lang_name(L)} version "
           f"({lang_name(L)} p={pl:.2f}): left untranslated or pasted from another text?")
    data = {"detected": x, "expected": L, "kind": "sentence", "p_detected": round(px, 3), "p_expected": round(pl, 3)}
    return _Hit("MT202", info.vid, sg.start, sg.end, msg, "", round(min(0.99, 0.5 + 0.5 * (px - pl)), 3), data)


def _is_name_like(w: str, info, infos) -> bool:
    """A capitalised word that most other-language versions also have (a name)."""
    cache = info.__dict__.setdefault("_names", {})
    r = cache.get(w)
    if r is None:
        low = w.lower()
        others = info.__dict__.get("_other_langs")
        if others is None:
            others = info.__dict__["_other_langs"] = [o for o in infos.values() if o.vid != info.vid and o.lang != info.lang]
        r = cache[w] = bool(others) and sum(1 for o in others if low in o.words) >= max(1, 0.5 * len(others))
    return r


def _quoted_elsewhere(passage: str, others) -> bool:
    fw = [m.group().lower() for m in _WORD.finditer(passage)]
    pairs = [f" {p} {q} " for p, q in zip(fw, fw[1:])]
    if not pairs:
        return False
    seqs = [_word_seq(o) for o in others]
    return sum(1 for pq in pairs if any(pq in sq for sq in seqs)) >= 0.5 * len(pairs)


def _word_seq(info: _VInfo) -> str:
    seq = info.__dict__.get("_seq")
    if seq is None:
        seq = info.__dict__["_seq"] = " " + " ".join([w.lower() for w in _raw_words(info)]) + " "
    return seq


_NATIVE_MIN_ZIPF = 3.0  # a common word of the version's language ...
_NATIVE_SLACK = 1.0  # ... at most this much rarer there than in the detected language


def _all_native(words: list[str], lang: str, other: str) -> bool:
    """Are all ``words`` common words of ``lang``, about as common there as in ``other``?

    Such a passage is the version's own language that happens to read like the
    other one ("comité de la" in Spanish, "членство в нато принесе" in
    Ukrainian), not a passage left in that language: a real one has words the
    version's language does not use ("one", "take" in German are English).
    """
    from .integrity import _lexicon, _zipf

    lex, olex = _lexicon(lang), _lexicon(other)
    if lex is None or olex is None or not words:
        return False
    for w in dict.fromkeys(words):
        z = _zipf(lex, w)
        if z < _NATIVE_MIN_ZIPF or z < _zipf(olex, w) - _NATIVE_SLACK:
            return False
    return True


def _verify(ctx, ident, info, infos, cands, li, xi, toks, words, a, b, sg, margin, min_words):
    if b - a < min_words:
        return None
    x = cands[xi]
    L = info.lang
    frag_words = words[a:b]
    # names and quotations: words that most versions in a third language also have
    thirds = [o for o in infos.values() if o.vid != info.vid and o.lang not in (L, x)]
    keep = list(range(a, b))
    s0, e0 = toks[a][0], toks[b - 1][1]
    for qa, qb in _pairs_around(info.text, s0, e0):
        if _quotation(info.text, max(s0, qa + 1), min(e0, qb - 1)):
            quoted_in = [o for o in infos.values() if o.vid != info.vid and o.lang != L]
            if info.text[qa] in "([（【" or _quoted_elsewhere(info.text[max(s0, qa + 1):min(e0, qb - 1)], quoted_in):
                # a gloss in brackets, or a quotation that other versions (the source) have word for word
                keep = [k for k in keep if not (qa <= toks[k][0] < qb)]
    frag_words = [words[k] for k in keep]
    if thirds:
        need = max(1, math.ceil(0.5 * len(thirds)))
        own = [wd for wd in frag_words if sum(1 for o in thirds if wd in o.words) < need]
    else:
        own = list(frag_words)
    if len(own) < min_words:
        return None
    s, e = toks[a][0], toks[b - 1][1]
    text = info.text[s:e]
    # other translations into the same language kept the same words: a deliberate
    # choice (an onomatopoeia, a quoted title), not a fragment left untranslated
    same = [o for o in infos.values() if o.vid != info.vid and o.lang == L]
    if len(same) >= 2:
        seq = " " + " ".join(m.group().lower() for m in _WORD.finditer(text)) + " "
        kept = sum(1 for o in same if seq in _word_seq(o))
        if kept >= max(2, math.ceil(0.5 * len(same))):
            return None
    r = dict(ident.rank(text, cands))
    px, pl = r.get(x, 0.0), r.get(L, 0.0)
    if px - pl < margin or px < max(r.values()) - 1e-9:
        return None
    if _all_native(own, L, x):
        return None
    # whole sentence?
    seg_words = [m for m in _WORD.finditer(sg.text) if _LETTER.match(m.group())]
    covered = sum(1 for m in seg_words if s <= sg.start + m.start() < e)
    whole = covered >= 0.8 * len(seg_words)
    support_versions = [o for o in infos.values() if o.lang == x and o.vid != info.vid]
    if support_versions:
        vocab = frozenset().union(*(o.words for o in support_versions))
        support = sum(1 for wd in own if wd in vocab) / len(own)
        if support < 0.6:
            return None
        if not whole:
            # a fragment left in another language reads like that language's version:
            # most of its word pairs occur there; loanwords ("los fourballs y
            # foursomes") do not
            fw = [m.group().lower() for m in _WORD.finditer(text)]
            pairs = [f" {p} {q} " for p, q in zip(fw, fw[1:])]
            seqs = [_word_seq(o) for o in support_versions]
            linked = sum(1 for pq in pairs if any(pq in sq for sq in seqs))
            if linked < 0.5 * len(pairs):
                return None
    else:
        support = None
        if len(own) < min_words + 1 or px - pl < 0.8:
            return None
    if whole:
        s, e = sg.start, sg.end
        kind = "sentence"
    else:
        kind = "fragment"
    conf = round(min(0.99, 0.5 + 0.5 * (px - pl) * min(1.0, len(own) / 5)), 3)
    what = "sentence" if whole else f"{len(frag_words)}-word fragment"
    msg = (f"{what} in {lang_name(x)} (p={px:.2f}) inside the {lang_name(L)} version "
           f"({lang_name(L)} p={pl:.2f}): left untranslated or pasted from another version?")
    data = {"detected": x, "expected": L, "kind": kind, "p_detected": round(px, 3), "p_expected": round(pl, 3)}
    if support is not None:
        data["support"] = round(support, 3)
    return _Hit("MT202", info.vid, s, e, msg, "", conf, data)


# ---------------------------------------------------------------------------
# checks


class _LanguageCheck(Check):
    def run(self, ctx) -> Iterable:
        hits = ctx.cached("language.hits", lambda: _analyse(ctx))
        for h in hits:
            if h.code != self.code:
                continue
            yield ctx.finding(self, h.version, h.start, h.end, h.message, expected=h.expected,
                              row=h.row, confidence=h.confidence, data=h.data)


@register
class ForeignScript(_LanguageCheck):
    """Text in a script the version's language is not written in.

    A run of Hangul, Cyrillic, Han, Kana, Greek, Arabic, Devanagari ... letters
    inside a Latin-script version, or Latin-script prose (three or more words,
    several in lower case) inside a non-Latin version, is text the translation
    engine did not touch: a website's language menu scraped with the article, a
    phrase the engine left in the source language, a caption in another
    language.  Letters glued to the run are part of it, so a glued language
    menu is one finding naming the languages it lists.  Names and glosses in
    brackets (``霍莉·威洛比（Holly Willoughby）``), Latin-script names in CJK
    text (``BBC Scotland 的 Alasdair Lamont``), hashtags, handles and text that
    most versions quote identically are not flagged.

    Example (French version of a Chinese news article)::

        2024-10-04
        한어Русский языкEnglishFrançaisIndonesianSanskrit日本語DeutschPortuguêsΕλληνικάespañolItalianoSuomalainenLatina
        points forts:

    The second line is one MT201 finding (a glued language menu: Korean,
    Russian, English, French ... in Hangul, Cyrillic, Latin, Han and Greek).
    """

    code = "MT201"
    name = "language.foreign-script"
    severity = "error"


@register
class WrongLanguage(_LanguageCheck):
    """A sentence or fragment in another language written in the same script.

    A Spanish sentence in the Italian version, an English sentence left in
    the German one, or a three-to-ten-word source-language fragment in the
    middle of a translated sentence.  Language identification (restricted to
    the article's languages) scores sliding windows of words; a passage is
    reported only when another language beats the version's own by a clear
    margin, when it has at least three words that are not names, and, when the
    article has a version in that other language, when most of its words occur
    there.  Two versions in different languages holding the same sentence is
    reported here too when the sentence was copied from another translation
    (copies of the source are MT203).  A passage made of common words of the
    version's own language is not foreign ("comité de la" in Spanish).

    Lower-cased versions (some MT pipelines deliver all-lower-case text) lose
    the capitals that mark names; there a name is what a cased version (the
    source) writes in Title Case ("aviation safety network" for "Aviation
    Safety Network"), a word pair that versions of two other languages also
    keep, or a word most other languages have.

    Example (German version)::

        Die Firma will bis 2027 rund 2.000 Stellen for the new site schaffen.

    ``for the new site`` is reported as an English fragment (expected German).
    """

    code = "MT202"
    name = "language.wrong-language"
    severity = "error"
    options = {
        "margin": (float, 0.5, "probability by which another language must beat the expected one"),
        "min_words": (int, 3, "fewest non-name words of a reported fragment (never below 3)"),
        "window": (int, 4, "words per language-identification window"),
        "extra_languages": (str, "en", "candidate languages besides the article's own (comma-separated)"),
    }


@register
class Untranslated(_LanguageCheck):
    """A segment copied from a version in another language instead of translated.

    When a sentence of a version is identical (or nearly: punctuation, case,
    a changed digit) to its aligned sentence in the source, and reads as the
    source language, the translation engine skipped it.  A passage that most
    versions quote identically (a motto, a song title) is a quotation and is
    not reported; neither are segments of fewer than ``min_words`` words.

    Example (Italian version of an English article)::

        Lo scorso anno i soci hanno ricevuto ... Last year the members received a dividend of 4.5%.

    The second sentence equals the English source sentence: MT203.
    """

    code = "MT203"
    name = "language.untranslated"
    severity = "error"
    options = {
        "similarity": (float, 0.9, "similarity (0-1) from which a segment counts as a copy"),
        "min_words": (int, 4, "fewest words of a reported segment"),
    }
