"""Names (MT1xx): one entity written in different ways, within or across versions.

How a mention is judged (the analysis is shared by the three checks, computed once
per article and kept in ``ctx.cache["names"]``):

1. Only words that can be names are built as tokens: capitalised words of the cased
   scripts (Latin, Cyrillic, Greek) and katakana runs; every word of a lower-cased
   version.  Latin names inside Chinese or Japanese text are compared like any Latin
   mention.  Names in Han characters are only checked within a version (runs of
   transliteration characters written two ways, 卡瓦略 / 卡尔瓦略, where the other
   versions have one name in both sentences).  Hangul, katakana, Arabic, Hebrew and
   Devanagari names are compared within a version (``_script_names``): in each aligned
   row the word (particles and clitics cut off) that transliterates closest to a Latin
   name the other versions write there is that name's mention, and a mention one
   consonant off the version's own form is flagged (vowels vary in careful translations
   too).  A Latin token that is the pinyin of Han characters of its row (woertaluo for
   沃尔塔罗) where the Latin versions agree on another name is flagged
   (``_romanised_names``), and so is, in a lower-cased version, a word standing where
   the name is missing that resembles it (césar for kaiser, ``_literal_names``).
   What is left: a name garbled in every mention of the only version of its script
   (칼리두 for 칼라두, 페라리 for 페리) has no evidence but a transliteration model.
   Sentence-initial and dictionary-looking words are judged by the aligned row only:
   flagged when most versions of the script write a very similar name there and this
   version has none (``_row_rule``).  Each token gets a key: ``anyascii``
   transliteration reduced to a-z, plus a looser key (ck->k, w->v, y->i, ou->u,
   doubled letters collapsed) so that Альтман, Άλτμαν and Altman share one key.
2. Candidate mentions: capitalised tokens that are not sentence-initial and never
   written in lower case in their version (in lower-cased versions, and for
   sentence-initial words: tokens that resemble a name another version has in the
   same aligned row).  Common words of the version's language (``wordfreq`` Zipf
   >= 3, when installed) are never candidates: this keeps exonyms (Lontoo, Londres),
   German nouns and months out.  In a lower-cased version nothing marks a name: a
   word written identically by >= 3 languages in a row counts as a name there
   (``_LowerView``), and a common word with an ending, a derived word, a
   respelling (mikronezya) or one of several languages' renderings (katalunya,
   cataluña) is not taken for a garble (``_lower_local_form``).
3. A mention is *supported* when its loose key, or its stem (inflection: Altmana,
   Altmanin, Muratiego, Альтману, 알트먼은), occurs in another version.  Supported
   mentions are never flagged: distinct people with similar names (Brockman/Altman,
   Schulman/Shear) and father/son pairs are each attested elsewhere.
4. An unsupported mention is compared (mean of Indel ratio and metaphone ratio,
   >= ``threshold``) with the names the other versions have in the same aligned row
   (+-1).  It is flagged when the best match ``c`` is what the versions of the same
   script agree on (>= 2 versions, >= 60 % of those with a similar name), or what
   the version itself writes elsewhere:

   * MT101 when the version itself also has the right form (within-version evidence,
     even when the wrong form is the version's majority, as "mulati" in the seed);
   * MT102 when only the other versions reveal it (every mention wrong);
   * MT103 (instead of either) when a glossary entry covers the name: the
     glossary's forms win over the automatic evidence.

   A mention that is supported (it is another name of the article: Hollis for Hollins)
   or too short/common to be a candidate (Wang Dao for Wang Tao) is still flagged MT102
   when, in every sentence where only this Latin-script version writes it, >= 3
   independent versions of >= 2 languages write one name one edit away, and the version
   never writes that name (``_one_edit_swaps``).

   A local rendering in a script no other version shares (Харрис in the only Russian
   version) is left alone unless the version itself contradicts it -- or it is one of
   the two slips of a system translating through Chinese or Japanese, which write one
   sound for l and r: a Cyrillic or Greek name whose closest Latin name (>= 3 independent
   versions in its sentences) differs only in l/r (Мулати, Тлампа, Καράντο for
   Murati, Trump, Calado: ``_lr_slip``), or that doubles a letter no Latin version
   doubles (Аррмитаж: ``_doubled``).  Greek μπ, ντ, γκ, τζ are read as b, d, g, j so that
   Τζέρεμι keys as Jeremy.  Kana, Hangul and Greek renderings cannot write l/r or a
   doubled letter the Latin way, so they never count as support for a Latin form that
   >= 3 Latin versions write with the other letter (エリン is no witness for Erin
   against Elin).  National spellings of one name (c/k, w/v, y/i, z/s: Democrat,
   Demokrat) are variants, not slips.

``expected`` keeps the mention's casing and its inflection ending ("Mulatiego" ->
"Muratiego").  ``ctx.extras["entities"]`` lists every entity with its renderings
per version, their counts and which ones were flagged.
"""

from __future__ import annotations

import gc
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat

from ..wordlists import common_words
from .base import Check, register

# ---------------------------------------------------------------------------
# tokens

try:  # pragma: no cover - import guard
    from anyascii import anyascii as _anyascii
except ModuleNotFoundError:  # pragma: no cover
    import unicodedata

    def _anyascii(s: str) -> str:
        return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()


_NON_AZ = re.compile(r"[^a-z]+")


@lru_cache(maxsize=20_000)
def _char_key(ch: str) -> str:
    return _NON_AZ.sub("", _anyascii(ch).lower())


@lru_cache(maxsize=200_000)
def _key(lower: str) -> str:
    if lower.isascii():
        if lower.isalpha() and lower.islower():
            return lower  # a-z only
        return _NON_AZ.sub("", lower)
    if "τζ" in lower or "μπ" in lower or "ντ" in lower or "γκ" in lower:
        lower = _greek_digraphs(lower)
    # anyascii transliterates code point by code point: one cached look-up per character
    return "".join([c if "a" <= c <= "z" else c.lower() if "A" <= c <= "Z" else "" if c.isascii() else _char_key(c)
                    for c in lower])


_GREEK_INITIAL = re.compile(r"(?<![αεηιουωάέήίόύώϊϋΐΰ])(μπ|ντ|γκ)")  # at the start or after a consonant
_GREEK_DIGRAPH = {"μπ": "mb", "ντ": "nd", "γκ": "ng"}
_GREEK_INITIAL_SOUND = {"μπ": "b", "ντ": "d", "γκ": "g"}


def _greek_digraphs(lower: str) -> str:
    """Greek writes b, d, g and j with two letters (Μπους, Ντόναλντ, Γκρίνμπεργκ, Τζέρεμι):
    read them as such, so that the key of Τζέρεμι is that of Jeremy (dzeremi -> loose
    jeremi), not tzeremi."""
    lower = _GREEK_INITIAL.sub(lambda m: _GREEK_INITIAL_SOUND[m[1]], lower).replace("τζ", "dz")
    if lower.endswith(("μπ", "ντ")):  # Τραμπ: Trump
        lower = lower[:-2] + ("mp" if lower[-2] == "μ" else "nt")
    for a, b in _GREEK_DIGRAPH.items():
        lower = lower.replace(a, b)
    return lower


_LOOSE_SUBS = (("dzh", "j"), ("zh", "j"), ("dz", "j"), ("l", "r"), ("ph", "f"), ("ck", "k"), ("kh", "h"), ("ou", "u"), ("oy", "u"), ("c", "k"), ("q", "k"),
               ("w", "v"), ("y", "i"), ("z", "s"), ("x", "ks"), ("j", "i"))
_DOUBLE = re.compile(r"(.)\1+")


def _first_group(m) -> str:  # a function replacement: faster than the template r"\1"
    return m[1]


@lru_cache(maxsize=200_000)
def _loose(key: str) -> str:
    for a, b in _LOOSE_SUBS:
        if a in key:
            key = key.replace(a, b)
    return _DOUBLE.sub(_first_group, key)


@lru_cache(maxsize=200_000)
def _lr(key: str) -> str:
    """The l and r letters of an a-z key, doubled ones once (Brett -> "r", Блетт -> "l",
    Tellis -> "l"): the loose key merges l and r for Hangul and kana, which do not tell
    them apart; scripts that do must agree on them."""
    return "".join([c for c in _DOUBLE.sub(_first_group, key) if c == "l" or c == "r"])


_SEMI_SUBS = tuple(sub for sub in _LOOSE_SUBS if sub != ("l", "r"))


@lru_cache(maxsize=100_000)
def _semi_loose(key: str) -> str:
    """The loose key without its merging of l and r and of doubled letters: spelling
    variants of one name across Latin-script languages (Cristina / Kristina) share it,
    the slips of a translation system (Selgio, Bareira for Sergio, Barreira) do not."""
    for a, b in _SEMI_SUBS:
        if a in key:
            key = key.replace(a, b)
    return key


import jellyfish  # noqa: E402
from rapidfuzz.distance import Indel, Levenshtein  # noqa: E402
from rapidfuzz.process import cdist as _cdist  # noqa: E402


@lru_cache(maxsize=400_000)
def _metaphone(key: str) -> str:
    try:
        return jellyfish.metaphone(key) or key
    except Exception:  # pragma: no cover
        return key


@lru_cache(maxsize=400_000)
def similarity(a: str, b: str) -> float:
    """Mean of the Indel ratio of two a-z keys and of their metaphone codes."""

    s1 = Indel.normalized_similarity(a, b)
    if s1 < 0.45:
        return s1
    return (s1 + Indel.normalized_similarity(_metaphone(a), _metaphone(b))) / 2


def prefix_similarity(form: str, name: str) -> tuple[float, int]:
    """Best similarity of ``form`` (maybe inflected) to ``name``: (score, length of
    the part of ``form`` that matched; the rest is an inflection ending)."""
    best, best_len = similarity(form, name), len(form)
    if len(form) > len(name) + 1:
        for cut in range(len(name) - 1, min(len(form), len(name) + 2)):
            if cut < _MIN_KEY or len(form) - cut > 5 or form[0] != name[0]:
                continue
            s = similarity(form[:cut], name) - 0.01 * (len(form) - cut)
            if s > best:
                best, best_len = s, cut
    return best, best_len


_ROMAN = (("sz", "sh"), ("cz", "ch"), ("tsh", "ch"), ("ts", "ch"), ("w", "v"), ("gj", "g"), ("kj", "k"))  # ts: Finnish tš (Kovaltšuk)


def _romanised(key: str) -> str:
    """Key with the usual differences between national romanisations removed (no letter
    doubling is touched, so Vladimmir stays apart from Vladimir)."""
    for a, b in _ROMAN:
        key = key.replace(a, b)
    return key


def is_inflection(base: str, form: str) -> bool:
    """``form`` is ``base`` with a case/possessive ending (lower-case, same script)."""
    if form == base:
        return True
    if len(base) < 2:
        return False
    if form.startswith(base):
        return len(form) - len(base) <= 5
    if base.endswith("s") and form.startswith(base[:-1] + "ks"):  # Finnish: Nicklaus -> Nicklauksen
        return True
    # Arabic/Hebrew clitics in front: وألتمان, לאלטמן
    for pre in (1, 2, 3):
        if form[pre:].startswith(base) and len(form) - len(base) - pre <= 3 and not form[:pre].isascii():
            return True
    # final vowel dropped (Wrona -> Wrony, Мира -> Миры) or fleeting e (Marek -> Marka)
    k = 0
    n = min(len(base), len(form))
    while k < n and base[k] == form[k]:
        k += 1
    if k < max(3, len(base) - 2):
        return False
    dropped = base[k:]
    if all(_key(c)[:1] in _VOWELS for c in dropped) and len(dropped) <= 2:
        return len(form) - k <= 5
    if dropped in ("um", "us", "os") and len(form) - k <= 3:  # Latin/Greek endings: Momentum -> Momenta
        return True
    if len(dropped) == 2 and _key(dropped[0]) == "e":  # fleeting e: Marek -> Marka, Piotrek -> Piotrka
        rest = form[k:]
        return len(rest) >= 2 and rest[0] == dropped[1] and _key(rest[1])[:1] in _VOWELS and len(rest) <= 4
    return False


@dataclass(slots=True)
class Token:
    start: int
    end: int
    surface: str
    lower: str
    key: str
    loose: str
    cls: str
    cap: bool
    initial: bool
    row: int


def _ranges(pred, spans) -> str:
    """A regex character class body for the code points of ``spans`` that satisfy ``pred``."""
    out, run = [], None
    for lo, hi in spans:
        for cp in range(lo, hi + 1):
            if pred(chr(cp)):
                if run and run[1] == cp - 1:
                    run[1] = cp
                else:
                    if run:
                        out.append(run)
                    run = [cp, cp]
    if run:
        out.append(run)
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in out)


_LATN = [(0x41, 0x5A), (0x61, 0x7A), (0xC0, 0xD6), (0xD8, 0xF6), (0xF8, 0x24F), (0x1E00, 0x1EFF)]
_CYRL = [(0x400, 0x481), (0x48A, 0x52F)]
_GREK = [(0x386, 0x386), (0x388, 0x3FF), (0x1F00, 0x1FFF)]
_LETTERS = (
    "A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\u1E00-\u1EFF\u0300-\u036F\u0400-\u0481\u048A-\u052F"
    "\u0386\u0388-\u03FF\u1F00-\u1FFF\u0620-\u065F\u066E-\u06D3\u06D5\u06FA-\u06FF\u0750-\u077F"
    "\u05D0-\u05EA\u05B0-\u05C7\u0900-\u0963\u0971-\u097F\u0980-\u0DFF\u30A1-\u30FA\u30FC\u31F0-\u31FF\uAC00-\uD7AF"
)
_UPPER = {name: _ranges(str.isupper, spans) for name, spans in (("Latn", _LATN), ("Cyrl", _CYRL), ("Grek", _GREK))}
_LOWER_ALL = _ranges(str.islower, _LATN + _CYRL + _GREK)
_UNCASED = (
    r"|(?P<Arab>[\u0620-\u065F\u066E-\u06D3\u06D5\u06FA-\u06FF\u0750-\u077F]+)"
    r"|(?P<Hebr>[\u05D0-\u05EA\u05B0-\u05C7]+)"
    r"|(?P<Indic>[\u0900-\u0963\u0971-\u097F\u0980-\u0DFF]+)"
    r"|(?P<Kana>[\u30A1-\u30FA\u30FC\u31F0-\u31FF]+)"
    r"|(?P<Hang>[\uAC00-\uD7AF]+)"
)
_LATN_BODY = r"A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\u1E00-\u1EFF\u0300-\u036F"
_CYRL_BODY = r"\u0400-\u0481\u048A-\u052F"
_GREK_BODY = r"\u0386\u0388-\u03FF\u1F00-\u1FFF"
_TOKEN_RE = re.compile(
    rf"(?P<Latn>[{_LATN_BODY}]+)|(?P<Cyrl>[{_CYRL_BODY}]+)|(?P<Grek>[{_GREK_BODY}]+)" + _UNCASED
)
# only what can be a name: capitalised words of the cased scripts, every word of the others
_CAND_RE = re.compile(
    rf"(?<![{_LETTERS}])(?:(?P<Latn>[{_UPPER['Latn']}][{_LATN_BODY}]*)|(?P<Cyrl>[{_UPPER['Cyrl']}][{_CYRL_BODY}]*)"
    rf"|(?P<Grek>[{_UPPER['Grek']}][{_GREK_BODY}]*)|(?P<Kana>[\u30A1-\u30FA\u30FC\u31F0-\u31FF]+))"
)
# where a candidate can start (its first letter, not preceded by a letter): a pattern that opens with a
# character set is scanned much faster than one opening with a look-behind; _CAND_RE.match reads the word
_CAND_START = re.compile(
    rf"[{_UPPER['Latn']}{_UPPER['Cyrl']}{_UPPER['Grek']}\u30A1-\u30FA\u30FC\u31F0-\u31FF](?<![{_LETTERS}].)"
)
_LOW_RE = re.compile(rf"(?<![{_LETTERS}])[{_LOWER_ALL}][{_LETTERS}]*")
CASED = {"Latn", "Cyrl", "Grek"}
NOUN_CAPITALISING = {"de", "lb"}
# languages whose names take case endings that replace the last letters (Шотландского/Шотландскому)
APOSTROPHE_ENDINGS = {"tr", "az"}  # a name's case ending follows an apostrophe (Delacroix'nın): the token is the bare name
INFLECTING = {"ru", "uk", "be", "bg", "pl", "cs", "sk", "sl", "hr", "sr", "bs", "lt", "lv", "fi", "et", "hu", "tr", "el", "ka"}
_SENT_END = frozenset(".!?:;…\"“”«»„「」『』。！？\n")
_VOWELS = set("aeiouy")
_MIN_KEY = 3
COMMON_ZIPF = 2.5  # a word this frequent in the version's language is not taken for a garbled name
ROW_SLACK = 0.04  # a name in the same aligned row is accepted a little below the threshold (strong evidence only)
ROW_RULE_MIN = 0.8  # stricter similarity for sentence-initial / dictionary-word look-alikes


# surface -> (lower, key, loose key, capitalised, too short): words recur across versions and articles
_SURFACE_MEMO: dict[str, tuple] = {}
_MEMO_MAX = 200_000
_MEMO_DICTS = [_SURFACE_MEMO]  # module-level memos (cleared when they grow past _MEMO_MAX)

LOWERCASED_MAX_CAPS = 0.03  # share of capitalised words below which a text is lower-cased (a cased one has
# >= 5 % from sentence starts alone; a lower-casing pipeline may leave a few: Turkish İ)


def tokenize(version, segments, rows_of) -> tuple[list[Token], bool, set[str]]:
    """Candidate tokens of a version, whether it is written in lower case, its lower-case words.

    Only tokens that can be names are built (capitalised words of cased scripts, every
    word of uncased ones; every word in a lower-cased version): the many lower-case
    words of a normal text are only collected as a set, in C."""
    text = version.check_text
    lows_list = _LOW_RE.findall(text)
    lows = set(lows_list)
    match = _CAND_RE.match
    cand = [m for m in map(match, repeat(text), [c.start() for c in _CAND_START.finditer(text)]) if m is not None]
    n_cap = sum(1 for m in cand if m.lastgroup != "Kana")
    n_cased = n_cap + len(lows_list)
    lowercased = n_cased > 0 and n_cap <= LOWERCASED_MAX_CAPS * n_cased
    if lowercased:
        cand = list(_TOKEN_RE.finditer(text))
    segs = sorted(segments, key=lambda s: s.start)
    starts = [s.start for s in segs]
    n_segs = len(starts)
    out: list[Token] = []
    memo = _SURFACE_MEMO
    if len(memo) > _MEMO_MAX:
        memo.clear()
    i = -1  # the last segment starting at or before the token (tokens come in text order)
    for m in cand:
        surface = m.group()
        info = memo.get(surface)
        if info is None:
            lower = surface.lower()
            key = _key(lower)
            info = memo[surface] = (lower, key, _loose(key), surface[0].isupper(), len(key) < _MIN_KEY and len(surface) < 2)
        if info[4]:
            continue
        s = m.start()
        while i + 1 < n_segs and starts[i + 1] <= s:
            i += 1
        if i < 0 or s >= segs[i].end:
            row, seg_start = -1, max(0, s - 200)
        else:
            row, seg_start = rows_of.get(segs[i].index, -1), segs[i].start
        j = s - 1
        initial = True
        while j >= seg_start:
            ch = text[j]
            if ch in _SENT_END:
                break
            if ch.isalnum():
                initial = False
                break
            j -= 1
        out.append(Token(s, m.end(), surface, info[0], info[1], info[2], m.lastgroup or "Latn", info[3], initial, row))
    return out, lowercased, lows


# ---------------------------------------------------------------------------
# word frequencies (optional)

def zipf(word: str, language: str) -> float:
    """COMMON_ZIPF when ``word`` is a common word of the language, else 0."""
    words = common_words(language, COMMON_ZIPF)
    if not word.isascii():
        word = word.casefold()  # as wordfreq's lists write it: της -> τησ, ließ -> liess
    return COMMON_ZIPF if words and word in words else 0.0


# ---------------------------------------------------------------------------
# analysis


@dataclass
class Flag:
    code: str
    version: str
    tokens: list[Token]
    expected_base: str  # consensus surface, before casing/inflection adaptation
    message: str
    severity: str
    confidence: float
    entity: str
    suffix_cut: int = -1  # length of the matched stem in token.lower (-1: whole token)


@dataclass
class Analysis:
    flags: list[Flag] = field(default_factory=list)
    entities: list[dict] = field(default_factory=list)


def _adapt(expected: str, tok: Token, cut: int) -> str:
    ending = tok.surface[cut:] if 0 <= cut < len(tok.surface) else ""
    s = expected + ending
    if tok.surface.islower():
        return s.lower()
    if tok.surface.isupper() and len(tok.surface) > 1:
        return s.upper()
    return s


class _Version:
    __slots__ = ("v", "tokens", "lowercased", "proper", "forms", "by_row", "lang", "lows")

    def __init__(self, v, tokens, lowercased, lows):
        self.v = v
        self.tokens = tokens
        self.lang = v.language
        self.lowercased = lowercased
        self.lows = lows
        forms: dict[str, list[Token]] = {}
        by_row: dict[int, list[Token]] = defaultdict(list)
        for t in tokens:
            lst = forms.get(t.lower)
            if lst is None:
                forms[t.lower] = [t]
            else:
                lst.append(t)
            by_row[t.row].append(t)
        self.forms = forms
        self.by_row = by_row
        proper = set()
        if not lowercased:
            for lower, ts in forms.items():
                if ts[0].cls not in CASED or lower in lows:
                    continue
                if any(t.cap and not t.initial for t in ts):
                    proper.add(lower)
        self.proper = proper

    def surfaces_of(self, key: str) -> str:
        c = Counter()
        for lower in self.proper:
            ts = self.forms[lower]
            if ts[0].key == key:
                c[ts[0].surface] += len(ts)
        return c.most_common(1)[0][0] if c else key


def _top(counts: dict):
    """The most frequent key of a {key: count} dict, the first one on a tie (as
    ``Counter.most_common(1)``)."""
    best, best_n = None, None
    for k, n in counts.items():
        if best_n is None or n > best_n:
            best, best_n = k, n
    return best


def _same_stem(a: str, b: str) -> bool:
    """Two forms of one word with different case endings (shotlandskogo / shotlandskomu)."""
    k = 0
    n = min(len(a), len(b))
    while k < n and a[k] == b[k]:
        k += 1
    return k >= 6 and len(a) - k <= 2 and len(b) - k <= 2


def _derived(form: str, name: str) -> bool:
    """``form`` (loose key) is a word derived from ``name`` (Kalifornijczyk, Parlamentskollegin)."""
    return len(name) >= 5 and len(form) >= len(name) + 2 and form.startswith(name[:-1])


NEAR_COPY = 0.85  # share of words two versions of one language must have in common to count as one witness


def _near_copies(vs) -> dict[str, str]:
    """version -> representative of its group of near-identical same-language versions
    (an MT output and a copy of it with one word changed are one witness, not two)."""
    by_lang: dict[str, list[str]] = defaultdict(list)
    for vid, V in vs.items():
        by_lang[V.lang].append(vid)
    out: dict[str, str] = {}
    for vids in by_lang.values():
        if len(vids) < 2:
            continue
        bags = {vid: Counter(vs[vid].v.check_text.split()) for vid in vids}
        sizes = {vid: sum(b.values()) for vid, b in bags.items()}
        for i, a in enumerate(vids):
            for b in vids[i + 1:]:
                if out.get(b, b) != b or not sizes[a] or not sizes[b]:
                    continue
                small, big = (a, b) if sizes[a] <= sizes[b] else (b, a)
                if sizes[small] < NEAR_COPY * sizes[big]:
                    continue
                common = sum(min(n, bags[big].get(w, 0)) for w, n in bags[small].items())
                if common >= NEAR_COPY * sizes[big]:
                    out[b] = out.get(a, a)
    return out


COMPOUNDING = {"de", "lb", "nl", "sv", "da", "nb", "nn", "no", "is", "af"}
_CAMEL = re.compile(r"^[A-Z][a-z]{2,}(?=[A-Z][a-z]{2,}$)")


def _compound_of_words(surface: str, language: str) -> bool:
    """The word splits into two common words of the language (Präsidenten|pokal,
    Computer|modell in German; Sun|Bank written in CamelCase): vocabulary, not a
    garbled name."""
    lower = surface.lower()
    words = common_words(language, COMMON_ZIPF)
    if not words or len(lower) < 6 or not lower.isalpha():
        return False
    if language not in COMPOUNDING:
        m = _CAMEL.match(surface)
        return bool(m) and lower[:m.end()] in words and lower[m.end():] in words
    for i in range(4, len(lower) - 3):  # parts of >= 4 letters: short "words" of the lists are noise (ner, bra)
        head, tail = lower[:i], lower[i:]
        if tail not in words:
            continue
        if (head in words or head + "e" in words or (head[-1] == "s" and len(head) > 4 and head[:-1] in words)
                or (head[-2:] in ("en", "er", "es") and len(head) > 5 and head[:-2] in words)):
            return True
    return False


class _Index:
    """Per-article indexes over every version's candidate tokens."""

    def __init__(self, vs: dict[str, _Version]):
        occ_key: dict[str, set[str]] = {}
        occ_loose: dict[str, set[tuple[str, str, str]]] = {}  # loose key -> (version, script, l/r letters)
        bykey: dict[tuple[str, str], dict[str, int]] = {}  # (cls, key) -> version -> mentions
        prefix: dict[tuple[str, str], set[str]] = {}  # (cls, key[:3]) -> keys
        surf: dict[tuple[str, str], dict[str, int]] = {}  # (cls, key) -> surface -> mentions (read with _top)
        row_vers: dict[tuple[int, str], set[str]] = {}  # (row, script) -> versions
        row_caps: dict[int, dict[tuple[str, str], set[str]]] = {}  # capitalised words, any position
        for vid, V in vs.items():
            for r, ts in V.by_row.items():
                rc = row_caps.get(r)
                if rc is None:
                    rc = row_caps[r] = {}
                for cls in {t.cls for t in ts}:
                    sv = row_vers.get((r, cls))
                    if sv is None:
                        row_vers[(r, cls)] = {vid}
                    else:
                        sv.add(vid)
                # dict, not set: the first-seen order of the row's words is kept
                for ck in {(t.cls, t.key): None for t in ts if t.cap}:
                    sv = rc.get(ck)
                    if sv is None:
                        rc[ck] = {vid}
                    else:
                        sv.add(vid)
            for ts in V.forms.values():
                t = ts[0]
                key = t.key
                if len(key) < _MIN_KEY:
                    continue
                n = len(ts)
                sv = occ_key.get(key)
                if sv is None:
                    occ_key[key] = {vid}
                else:
                    sv.add(vid)
                sv = occ_loose.get(t.loose)
                if sv is None:
                    occ_loose[t.loose] = {(vid, t.cls, _lr(key))}
                else:
                    sv.add((vid, t.cls, _lr(key)))
                ck = (t.cls, key)
                d = bykey.get(ck)
                if d is None:
                    bykey[ck] = {vid: n}
                    surf[ck] = {t.surface: n}
                    pk = (t.cls, key[:3])
                    sv = prefix.get(pk)
                    if sv is None:
                        prefix[pk] = {key}
                    else:
                        sv.add(key)
                else:
                    d[vid] = d.get(vid, 0) + n
                    sd = surf[ck]
                    sd[t.surface] = sd.get(t.surface, 0) + n
        name_vids: dict[str, set[str]] = {}  # loose key -> versions where it is a name
        name_keys: set[str] = set()
        row_names: dict[int, dict[tuple[str, str], set[str]]] = {}
        for vid, V in vs.items():
            noun_caps = V.lang in NOUN_CAPITALISING
            for lower in V.proper:
                ts = V.forms[lower]
                t = ts[0]
                if len(t.key) < _MIN_KEY:
                    continue
                if noun_caps and len(occ_key[t.key]) < 2:
                    continue
                name_vids.setdefault(t.loose, set()).add(vid)
                name_keys.add(t.key)
                for x in ts:
                    rn = row_names.get(x.row)
                    if rn is None:
                        rn = row_names[x.row] = {}
                    rn.setdefault((x.cls, x.key), set()).add(vid)
        self.occ_key, self.occ_loose, self.bykey, self.prefix = occ_key, occ_loose, bykey, prefix
        self.surf, self.row_vers, self.name_vids, self.name_keys, self.row_names = surf, row_vers, name_vids, name_keys, row_names
        self.row_caps = row_caps
        self.lang = {vid: V.lang for vid, V in vs.items()}
        self.source = {vid for vid, V in vs.items() if V.v.label == "source"}
        self.cluster = _near_copies(vs)
        self._shared: dict[tuple[int, str], list] = {}
        self._by2: dict[str, list] | None = None

    def keys_by2(self, k: str) -> list:
        """(key, versions) of every form whose key starts with the same two letters as ``k``."""
        if self._by2 is None:
            by2: dict[str, list] = {}
            for key, vids in self.occ_key.items():
                by2.setdefault(key[:2], []).append((key, vids))
            self._by2 = by2
        return self._by2.get(k[:2], [])

    def shared_names(self, row: int, cls: str) -> list[tuple[str, str, set[str]]]:
        """Names of script ``cls`` that >= 3 versions write in ``row``: (key, loose, versions)."""
        k = (row, cls)
        out = self._shared.get(k)
        if out is None:
            out = [(key, _loose(key), vids) for (c, key), vids in self.row_caps.get(row, {}).items()
                   if c == cls and len(vids) >= 3 and len(key) >= _MIN_KEY]
            self._shared[k] = out
        return out

    def agreeing(self, cls: str, key: str, t_key: str) -> Counter:
        """version -> mentions of ``key`` or its inflections in script ``cls``, without the
        forms that are just as well inflections of the mention itself (Czech "Čunkem" is
        an inflection of both Čunk and Čunek: no evidence for either)."""
        c = Counter(self.bykey.get((cls, key), ()))
        for k in self.prefix.get((cls, key[:3]), ()):
            if len(k) > len(key) and k.startswith(key) and is_inflection(key, k) and not is_inflection(t_key, k):
                c.update(self.bykey[(cls, k)])
        return c

    def units(self, vids) -> int:
        """Independent witnesses among ``vids``: near-copies of one text (en.mt, en.pert)
        count once."""
        cl = self.cluster
        if not cl:  # no near-copies in the article (the usual case)
            return len(vids) if isinstance(vids, (set, frozenset, dict)) else len(set(vids))
        return len({cl.get(v, v) for v in vids})

    def mentions(self, cls: str, key: str) -> Counter:
        """version -> mentions of ``key`` or its inflections in script ``cls``."""
        c = Counter(self.bykey.get((cls, key), ()))
        for k in self.prefix.get((cls, key[:3]), ()):
            if len(k) > len(key) and k.startswith(key) and is_inflection(key, k):
                c.update(self.bykey[(cls, k)])
        return c


def analyse(ctx, threshold: float = 0.72) -> Analysis:
    """The names analysis of one article (see the module docstring).

    The analysis builds ~10 container objects per token, all alive until it ends: the
    cyclic garbage collector can free none of them, and its passes over a process's
    large heap (word lists, caches) cost as much as the analysis itself.  It is paused
    meanwhile; what the analysis leaves is freed by reference counting."""
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        return _analyse(ctx, threshold)
    finally:
        if paused:
            gc.enable()


def _analyse(ctx, threshold: float) -> Analysis:  # noqa: C901
    article = ctx.article
    vs: dict[str, _Version] = {}
    for v in article.versions:
        toks, lowercased, lows = tokenize(v, ctx.segments.get(v.id, ()), ctx.rows_of(v.id))
        vs[v.id] = _Version(v, toks, lowercased, lows)
    ana = Analysis()
    if not vs:
        return ana
    ix = _Index(vs)
    glossary = getattr(article, "glossary", None)
    gl_words = _glossary_words(glossary, vs) if glossary else {}

    def supported(vid: str, t: Token) -> bool:
        n = len(ix.occ_key.get(t.key, ()))
        doubtful = False
        if t.cls == "Latn" and n > 1:
            n_lat = len(ix.bykey.get(("Latn", t.key), ()))
            if n_lat < n and _latin_lr_double_variant(ix, t.key):
                # katakana エリン, Greek Μπαρέιρα read erin, bareira: no witness for Elin, Barreira
                n, doubtful = n_lat, True
        if n > 2:
            return True
        if n == 2:  # one other version shares the form: only an overwhelming majority outvotes it
            return "weak"
        # a Cyrillic/Greek form that transliterates to another version's name is supported
        # (Альтман ~ Altman); Latin forms are judged against Latin versions only, since the
        # loose key would hide garbles such as Vladimmir ~ Владимир.  The loose key's l = r
        # is for scripts without the distinction (Hangul, kana): Cyrillic and Greek forms need
        # a form with their l and r, so Блетт is no rendering of Brett (the slip of a system
        # translating through Chinese), and katakana ブレット supports neither
        latin_contra = False  # Latin versions write the name with the other l/r (Moretti for Молетти)
        if t.cls != "Latn":
            lr = _lr(t.key) if t.cls in CASED else None
            cross = [(cls, olr) for ov, cls, olr in ix.occ_loose.get(t.loose, ()) if ov != vid and cls != t.cls]
            if lr is None:
                if cross:
                    return True
            else:
                latin_contra = any(cls == "Latn" and olr != lr for cls, olr in cross) and not any(
                    cls == "Latn" and olr == lr for cls, olr in cross)
                if not latin_contra and any(olr == lr and cls in CASED for cls, olr in cross):
                    return True  # (Greek Μολέτι is no support for Russian Молетти where Latin writes Moretti)
        # compounds and derived words containing a name attested elsewhere (Nordkoreas, Amerikalıları):
        # a name of >= 4 letters, >= 2 shorter than the form, written by >= 2 versions, starting
        # at offset <= len - 5 (looked up by its first four letters)
        k = t.key
        n_k = len(k)
        for i in range(0, max(0, n_k - 5) + 1):
            for sub in multi_by4.get(k[i:i + 4], ()):
                if len(sub) <= n_k - 2 and i + len(sub) <= n_k and k.startswith(sub, i):
                    return True
        # inflected: a stem attested as a name in another version (the stem, cut after
        # max(3, len - 5) .. len - 1 letters, maybe + a, e, o, i or s, is a name)
        lo_cut = max(3, n_k - 5)
        for cand in names_by3.get(k[:3], ()):
            n_c = len(cand)
            if not ((lo_cut <= n_c < n_k and k.startswith(cand))
                    or (lo_cut < n_c <= n_k and cand[-1] in "aeois" and k.startswith(cand[:-1]))):
                continue
            others = ix.occ_key.get(cand, set()) - {vid}
            if latin_contra:  # only the mention's own script speaks for it
                others &= set(ix.bykey.get((t.cls, cand), ()))
            if doubtful and others and not others.intersection(ix.bykey.get(("Latn", cand), ())):
                continue  # only renderings that cannot write the Latin versions' l/r or doubled letter
            if others and is_inflection(cand, k):
                return True
        return False

    # for supported(): names by their first letters (only any() of them is asked: order is irrelevant)
    multi_by4: dict[str, list[str]] = {}
    names_by3: dict[str, list[str]] = {}
    for nk in ix.name_keys:
        names_by3.setdefault(nk[:3], []).append(nk)
        if len(nk) >= 4 and len(ix.occ_key.get(nk, ())) > 1:
            multi_by4.setdefault(nk[:4], []).append(nk)

    flags: list[Flag] = []
    glossary_ok: set[tuple[str, int]] = set()
    row_members = None
    cjk_cache: dict = {}
    for vid, V in vs.items():
        # glossary first: it takes precedence
        if gl_words:
            flags.extend(_glossary_flags(V, gl_words.get(vid, ()), glossary_ok, threshold))
        weak: list[Token] = []
        for lower, toks in V.forms.items():
            t0 = toks[0]
            if len(t0.key) < _MIN_KEY or t0.cls not in CASED:
                continue
            if glossary_ok and any((vid, t.start) in glossary_ok for t in toks):
                continue
            proper = lower in V.proper
            if (proper and len(ix.occ_key.get(t0.key, ())) == 1) or (V.lowercased and _DOUBLE.search(t0.key) and not any(
                    w != vid for w in ix.bykey.get((t0.cls, t0.key), ()))):  # lower-cased: Hangul 팔루 is no witness for pallu
                f = _doubled(V, vid, toks, _lower_view(ix, vs) if V.lowercased else ix)
                if f is not None:
                    flags.append(f)
                    continue
            if V.lowercased:  # decided before the support look-up: a lower-cased text is mostly common words
                common = zipf(lower, V.lang) >= COMMON_ZIPF or (
                    t0.cls == "Latn" and V.v.script != "Latn" and zipf(lower, "en") >= COMMON_ZIPF)
                if common:
                    continue
            sup = supported(vid, t0)
            if sup is True:
                continue
            if sup and V.lowercased and not any(w != vid for w in ix.bykey.get((t0.cls, t0.key), ())):
                sup = False  # only a transliteration shares the form (Hangul 술라웨시 ~ sullawesi): no support
            if not V.lowercased:
                common = zipf(lower, V.lang) >= COMMON_ZIPF or (
                    t0.cls == "Latn" and V.v.script != "Latn" and zipf(lower, "en") >= COMMON_ZIPF)
            if (not proper and not V.lowercased) or common:
                if not V.lowercased and not sup:
                    weak.extend(t for t in toks if t.cap and t.row >= 0)
                continue
            if len(lower) >= 5 and t0.surface.isupper():
                continue  # a headline word in capitals
            if t0.cap and not V.lowercased and t0.cls == V.v.script and _compound_of_words(t0.surface, V.lang):
                continue  # Präsidentenpokal, SunBank: two common words, not a garbled name
            f = _judge(V, vid, toks, vs, _lower_view(ix, vs) if V.lowercased else ix, threshold, proper, weak=bool(sup))
            if f is not None:
                flags.append(f)
        if weak:
            flags.extend(_row_rule(V, vid, weak, ix, threshold))
        if V.v.script in ("Hans", "Hant", "Hani", "Jpan"):
            flags.extend(_han_names(V, vid, ctx, ix))
        if V.v.script == "Latn" and vid not in ix.source:
            flags.extend(_romanised_names(V, vid, vs, ctx, ix, {t.start for f in flags if f.version == vid for t in f.tokens},
                                          cjk_cache))
        if V.v.script == "Latn" and vid not in ix.source:
            flags.extend(_literal_names(V, vid, vs, ix, {t.start for f in flags if f.version == vid for t in f.tokens}))
        if V.v.script in _SCRIPT_WORD and vid not in ix.source:
            # lower-cased Latin versions mark no names: their names come from the lower-cased view
            ixs = _lower_view(ix, vs) if any(W.lowercased for W in vs.values()) else ix
            flags.extend(_script_names(V, vid, ctx, ixs, {t.start for f in flags if f.version == vid for t in f.tokens}))
        if row_members is None:
            row_members, near_cache = _row_members(ctx), {}
        if vid not in ix.source and not V.lowercased and V.v.script in CASED and V.lang not in NOUN_CAPITALISING:
            flagged = {t.start for f in flags if f.version == vid for t in f.tokens}
            if V.v.script == "Latn":
                swaps = _one_edit_swaps(V, vid, ix, flagged)
                flags.extend(swaps)
                flagged.update(t.start for f in swaps for t in f.tokens)
            flags.extend(f for f in _replaced_names(V, vid, vs, ix, row_members, threshold, near_cache)
                         if f.tokens[0].start not in flagged)
    # inflected deviant forms keep their ending: Kronan -> Wronan when Krona -> Wrona
    by_ent: dict[tuple[str, str], list[Flag]] = defaultdict(list)
    for f in flags:
        by_ent[(f.version, f.entity)].append(f)
    for group in by_ent.values():
        for f in group:
            lw = f.tokens[0].lower
            for g in group:
                gl = g.tokens[0].lower
                if g is not f and g.suffix_cut < 0 and len(gl) < len(lw) and lw.startswith(gl) and len(lw) - len(gl) <= 5:
                    f.suffix_cut = len(gl)
                    break
    ana.flags = flags
    ana.entities = _entity_table(vs, flags, ix.name_vids, glossary)
    ix.__dict__.pop("_lower_view", None)  # the view refers to the index: no cycle left for the collector
    return ana


def _lr_double_skeleton(key: str) -> str:
    return _DOUBLE.sub(_first_group, key).replace("l", "r")


def _latin_lr_double_variant(ix, key: str) -> bool:
    """>= 3 Latin-script versions write a form that differs from ``key`` only in l/r or in a
    doubled letter, which kana, Hangul and Greek renderings cannot tell apart."""
    sk = _lr_double_skeleton(key)
    for k2 in ix.occ_key:
        if k2[0] == key[0] and abs(len(k2) - len(key)) <= 2 and k2 != key and _lr_double_skeleton(k2) == sk \
                and len(ix.bykey.get(("Latn", k2), ())) >= 3:
            return True
    return False


CYR_LATIN_MIN = 3  # Latin-script versions that must write the other Cyrillic version's form
_CYR_NORM = str.maketrans({"є": "е", "э": "е", "ё": "е", "і": "и", "ї": "и", "ы": "и", "й": "и", "ґ": "х", "г": "х",
                           "ю": "у", "я": "а", "ь": None, "ъ": None, "'": None, "’": None})
_CYR_VOWELS = set("аеиоуюяэыієї")


def _one_vowel_apart(a: str, b: str) -> bool:
    """Two Cyrillic forms differ in exactly one vowel, once the regular Russian/Ukrainian
    differences (є/е, і/и, г/х, soft signs, doubled letters) are removed: Фанау / Финау,
    not Заєв / Заев nor Флексмен / Флаксман."""
    if not b or a[:1] != b[:1]:
        return False
    na, nb = _DOUBLE.sub(_first_group, a.translate(_CYR_NORM)), _DOUBLE.sub(_first_group, b.translate(_CYR_NORM))
    if len(na) != len(nb) or na == nb:
        return False
    diff = [(i, x, y) for i, (x, y) in enumerate(zip(na, nb)) if x != y]
    if len(diff) != 1 or diff[0][0] >= len(na) - 2:
        return False  # several letters, or a case ending (Зінсгаймі / Зинсхайме)
    _i, x, y = diff[0]
    # а/е and у/а/о render one English or German vowel in either language (Фляйшер /
    # Флейшер, Самбунг / Сумбунг for Sumbung): not evidence of a slip
    return x in _CYR_VOWELS and y in _CYR_VOWELS and {x, y} != {"а", "е"} and "у" not in (x, y)


_UK_TO_RU = str.maketrans({"і": "и", "ї": "и", "є": "е", "ґ": "г", "І": "И", "Є": "Е"})


def _latin_prefers(ix, rows, near, t_loose: str, c_loose: str) -> bool:
    """>= CYR_LATIN_MIN Latin-script versions write, in the mention's sentences, a name
    that is closer to ``c`` than to the mention (Ryan: Райан rather than Ройан)."""
    wit: set[str] = set()
    for ocls, key in near:
        if ocls != "Latn":
            continue
        lk = _loose(key)
        sc = Indel.normalized_similarity(lk, c_loose)
        if sc < 0.6 or sc <= Indel.normalized_similarity(lk, t_loose):
            continue
        for r in rows:
            for rr in (r - 1, r, r + 1):
                wit |= ix.row_names.get(rr, {}).get((ocls, key), set())
    return ix.units(wit) >= CYR_LATIN_MIN


DOUBLED_MIN = 3  # independent versions that write the name with a single letter in the mention's sentence


def _doubled(V, vid, toks, ix):
    """A consonant doubled by mistake (Pfallz, Christinne, Сімпссон): the mention with one
    letter of a doubled consonant removed is exactly the name >= 3 other versions write in
    the same sentences, and no other version (nor the source) doubles it.  The loose key
    collapses doubled letters and inflection endings can hide such a slip ("Christinne" as
    a case form of Christine), so this is decided before the mention counts as supported."""
    t0 = toks[0]
    k = t0.key
    if len(k) < 5 or zipf(t0.lower, V.lang) >= COMMON_ZIPF:
        return None
    rows = {t.row for t in toks if t.row >= 0}
    if not rows:
        return None
    for i in range(1, len(k) - 1):
        if k[i] != k[i + 1] or k[i] in _VOWELS:
            continue
        c = k[:i] + k[i + 1:]
        # a Cyrillic or Greek form is compared with the Latin versions' names through the
        # loose key (Аррмитаж: arrmitazh ~ Armitage, which has no rr)
        translit = t0.cls in _LR_SWAP and V.v.script == t0.cls and t0.cap and not V.lowercased
        if c not in ix.name_keys and not translit:
            continue
        dd = k[i:i + 2]
        wit: set[str] = set()
        in_rows = True
        for r in rows:
            here = set()
            for rr in (r - 1, r, r + 1):
                for (_cls, key), vids in ix.row_names.get(rr, {}).items():
                    if key == c or (key.startswith(c) and is_inflection(c, key)):
                        here |= vids
                    elif (translit and _cls == "Latn" and dd not in key and k[i] in key and len(key) >= 4
                          and _lr(key) == _lr(k) and prefix_similarity(t0.loose, _loose(key))[0] >= LR_SLIP_SIM):
                        here |= vids
            here.discard(vid)
            if not here:
                in_rows = False
                break
            wit |= here
        if not in_rows or ix.units(wit) < DOUBLED_MIN:
            continue
        if translit and any(
                _cls == "Latn" and dd in key and prefix_similarity(t0.loose, _loose(key))[0] >= LR_SLIP_SIM
                for r in rows for rr in (r - 1, r, r + 1) for (_cls, key) in ix.row_names.get(rr, {})):
            continue  # a Latin version doubles the letter too (Italian Filippina beside Filipina)
        if any(r2 in rows for x in V.tokens if x.key == c for r2 in (x.row,)):
            continue  # both forms in one sentence: two names
        # the doubled letter is nowhere else: no other version has a form with it
        dd = k[: i + 2]
        if any(dd in key and any(w != vid for w in ix.bykey.get((t0.cls, key), ())) for key, _v in ix.keys_by2(k) if key != k):
            continue  # (in the mention's script: Hangul 팔루에 reads pallue)
        surface = t0.surface
        expected = None
        for j in range(len(surface) - 1):
            if surface[j] == surface[j + 1]:
                cand = surface[:j] + surface[j + 1:]
                if _key(cand.lower()) == c:
                    expected = cand
                    break
        if expected is None:
            continue
        own = sum(len(ts) for lw, ts in V.forms.items() if ts[0].cap and is_inflection(c, ts[0].key))
        code = "MT101" if own else "MT102"
        langs = sorted({ix.lang[w] for w in wit})
        msg = (f'"{surface}" here; {len(wit)} other version(s) ({", ".join(langs)}) write "{expected}" in this sentence'
               + (f' and this version writes it {own} time(s)' if own else "") + " (a doubled letter)")
        return Flag(code, vid, list(toks), expected, msg, "error" if ix.units(wit) >= 4 else "warning",
                    min(0.95, 0.6 + 0.05 * ix.units(wit)), _loose(c))
    return None


def _row_members(ctx) -> dict[int, set[str]]:
    """row -> versions that have text in it."""
    out: dict[int, set[str]] = {}
    if ctx.alignment is not None:
        for row in ctx.alignment.rows:
            out[row.index] = {vid for vid, cells in row.cells.items() if cells}
    return out


REPLACED_MIN = 3  # versions (of >= 2 languages) that must share a name for its replacement to be flagged


def _has_name(tokens, nk: str, nl: str) -> bool:
    f, g = nk[:1], nl[:1]
    for x in tokens:
        if x.key[:1] != f and x.loose[:1] != g:
            continue
        if x.loose == nl or x.key == nk or is_inflection(nk, x.key) or is_inflection(x.key, nk):
            return True
        if x.loose[:1] == nl[:1] and Indel.normalized_similarity(x.loose, nl) >= 0.6:
            return True
    return False


def _replaced_names(V, vid, vs, ix, row_members, threshold, near_cache):
    """A name replaced by an unrelated one: every other version of a cased script (>= 3
    of them, >= 2 languages, e.g. the source and two translations) names N in this row,
    this version has nothing like N there and exactly one capitalised word that no other
    version has ("goods imported from Virat" where the others read "Central America")."""
    out = []
    for r, mine in V.by_row.items():
        members = row_members.get(r)
        if r < 0 or not members or len(members) < REPLACED_MIN + 1:
            continue
        others = [w for w in sorted(members) if w != vid]  # sorted: the result must not depend on hash order
        cased = [w for w in others if vs[w].v.script == V.v.script]  # same script: no transliteration doubt
        if len(cased) < 2:
            continue
        # unexplained capitalised words of this version in the row
        cands, local = [], []
        for x in mine:
            if not x.cap or x.initial or x.cls != V.v.script or len(x.key) < 4 or x.lower in V.lows:
                continue  # sentence-initial: any word is capitalised there (Czterdziestojednoletni)
            if any(y.row != r for y in V.forms[x.lower]):
                local.append(x)  # used in other sentences too: if unexplained, a local rendering (Pipsa for Peppa)
                continue
            if zipf(x.lower, V.lang) >= COMMON_ZIPF or any(
                    zipf(x.lower[:k], V.lang) >= COMMON_ZIPF for k in range(len(x.lower) - 1, max(3, len(x.lower) // 2 - 1), -1)):
                continue  # a word of the language or derived from one: an exonym (Şili, Şililerin), a title
            cands.append(x)
        if not cands:
            continue
        near = {}
        for w in members:
            lst = near_cache.get((w, r))
            if lst is None:
                lst = near_cache[(w, r)] = [x for rr in (r - 1, r, r + 1) for x in vs[w].by_row.get(rr, ())]
            near[w] = lst
        unexplained = [x for x in cands + local if not any(_has_name(near[w], x.key, x.loose) for w in others)]
        if len(unexplained) != 1:
            continue
        x = unexplained[0]
        if x in local:
            continue
        # names every cased version in the row shares, which this version lacks
        w0 = cased[0]
        missing = []
        seen = set()
        for n in near[w0]:
            if n.row != r or not n.cap or n.initial or len(n.key) < 4 or n.loose in seen:
                continue
            seen.add(n.loose)
            if n.lower not in vs[w0].proper or zipf(n.lower, vs[w0].lang) >= COMMON_ZIPF + 1.5:
                continue
            if not all(_has_name(near[w], n.key, n.loose) for w in cased[1:]):
                continue
            wit = [w for w in others if w == w0 or _has_name(near[w], n.key, n.loose)]
            if ix.units(wit) < REPLACED_MIN or len({ix.lang[w] for w in wit}) < 2:
                continue
            if _has_name(near[vid], n.key, n.loose) or n.lower in V.lows:
                continue
            missing.append((n, wit))
        if not missing:
            continue
        names = " ".join(n.surface for n, _ in missing)
        wit = missing[0][1]
        langs = sorted({ix.lang[w] for w in wit})
        out.append(Flag(
            "MT102", vid, [x], names,
            f'"{x.surface}" here; {len(wit)} other version(s) ({", ".join(langs)}) name "{names}" in this sentence '
            f'and this version does not', "warning", 0.5, missing[0][0].loose,
        ))
    return out


SWAP_MIN = 3  # independent versions (of >= 2 languages) that must agree on the one-edit-away form
SWAP_MAX_ZIPF = 3.5  # a word this frequent in the version's language is an exonym or a word (Tokio, Londres)


def _very_common(word: str, lang: str) -> bool:
    words = common_words(lang, SWAP_MAX_ZIPF)
    return bool(words) and word in words


_SPELL = (("ph", "f"), ("ce", "se"), ("ci", "si"), ("cy", "si"), ("ck", "k"), ("c", "k"), ("q", "k"), ("h", ""),
          ("w", "v"), ("y", "i"), ("z", "s"), ("x", "ks"), ("j", "i"))


@lru_cache(maxsize=50_000)
def _spelling(key: str) -> str:
    """Key with spelling-only differences removed (Barselona/Barcelona, Rham/Rahm/Ram)."""
    for a, b in _SPELL:
        key = key.replace(a, b)
    return _DOUBLE.sub(_first_group, key)


def _w_for_u(a: str, b: str) -> bool:
    """Two keys that differ only in one w written u (Malawi / Malaui): a local spelling."""
    if len(a) != len(b):
        return False
    diff = [(x, y) for x, y in zip(a, b) if x != y]
    return len(diff) == 1 and set(diff[0]) == {"u", "w"}


def _one_edit_swaps(V, vid, ix, flagged):
    """Mentions of an entity one letter off what the others agree on: in each row
    where this (Latin-script) version writes the form and no other version does,
    >= SWAP_MIN independent other versions of >= 2 languages write a Latin name one edit
    away (same last letter, not a spelling or romanisation variant), and this version
    never writes the agreed form.  This catches a mention that is itself a name of the
    article (Hollis for Hollins, where Hollis is another person) or a short or
    dictionary-looking token (Wang Dao for Wang Tao)."""
    out = []
    my_keys = {ts[0].key for ts in V.forms.values()}
    for lower in V.proper:
        toks = V.forms[lower]
        t0 = toks[0]
        if t0.cls != "Latn" or len(t0.key) < _MIN_KEY or any(t.start in flagged for t in toks):
            continue
        k = t0.key
        cands = None
        bad_rows = set()
        for r in {t.row for t in toks if t.row >= 0}:
            here = ix.row_caps.get(r, {})
            if any(w != vid for w in here.get(("Latn", k), ())):
                continue  # another version writes this very form in the sentence: a right mention
            row_c = {}
            for rr in (r - 1, r, r + 1):
                for (cls, c), vids in ix.row_caps.get(rr, {}).items():
                    if cls != "Latn" or c == k or abs(len(c) - len(k)) > 1 or len(c) < _MIN_KEY or c[-1] != k[-1]:
                        continue
                    if Levenshtein.distance(c, k, score_cutoff=1) > 1:
                        continue
                    row_c.setdefault(c, set()).update(w for w in vids if w != vid)
            row_c = {c: w for c, w in row_c.items() if ix.units(w) >= SWAP_MIN and len({ix.lang[x] for x in w}) >= 2}
            if not row_c and any(w != vid for rr in (r - 1, r + 1) for w in ix.row_caps.get(rr, {}).get(("Latn", k), ())):
                continue  # the others write this form in a neighbouring sentence: a right mention, shifted
            cands = row_c if cands is None else {c: cands[c] | w for c, w in row_c.items() if c in cands}
            if not cands:
                break
            bad_rows.add(r)
        if not cands or len(cands) != 1:
            continue
        c, wit = next(iter(cands.items()))
        cl = _loose(c)
        if (cl == t0.loose or _romanised(c) == _romanised(k) or _spelling(c) == _spelling(k) or _w_for_u(c, k) or c in my_keys
                or _variant_of(V, k, t0.loose, c, cl)):
            continue
        if any(is_inflection(c, x) for x in my_keys if x[:3] == c[:3]):
            continue
        if _very_common(lower, V.lang):  # last: loading a word list costs time
            continue
        surf = ix.surf.get(("Latn", c))
        expected = _top(surf) if surf else c
        langs = sorted({ix.lang[w] for w in wit})
        out.append(Flag(
            "MT102", vid, [t for t in toks if t.row in bad_rows], expected,
            f'"{t0.surface}" where {len(wit)} other version(s) ({", ".join(langs)}) write "{expected}" '
            f'in the same sentences, and this version never writes "{expected}"', "warning", 0.6, cl,
        ))
    return out


def _variant_of(V, t_key: str, t_loose: str, c_key: str, c_loose: str) -> bool:
    """The mention is a legitimate variant of ``c``: an inflection, a derived word, a
    local romanisation, a case ending of an inflecting language."""
    if is_inflection(c_key, t_key) or (c_key.startswith(t_key) and len(c_key) - len(t_key) <= 2):
        return True
    if t_loose != c_loose and _derived(t_loose, c_loose):
        return True
    if (len(c_loose) >= 4 and c_loose[-1] in _VOWELS and len(t_loose) - len(c_loose) <= 2
            and t_loose.startswith(c_loose[:-1]) and t_loose[len(c_loose) - 1:] not in ("", c_loose[-1])):
        return True  # the final vowel replaced by a case ending (Jessica -> Jessiki)
    if _romanised(t_key) == _romanised(c_key):
        return True  # a local romanisation (Polish Zaew, Duszko for Zaev, Dushko)
    if t_loose == c_loose and _semi_loose(t_key) == _semi_loose(c_key):
        return True  # a national spelling: c/k, w/v, y/i, z/s (Democrat in French beside Demokrat)
    if V.lang in INFLECTING and V.lang not in APOSTROPHE_ENDINGS and _same_stem(t_key, c_key):
        return True
    if V.lang in SLAVIC_ALTERNATING and _alternated(t_key, c_key):
        return True
    return False


SLAVIC_ALTERNATING = {"pl", "cs", "sk", "sl", "hr", "sr", "bs"}
# the consonant of a stem changes before the locative/dative ending (w Trieście, v Praze,
# o Ameryce, Petře): (stem end, written before the ending), both as a-z keys
_ALTERNATIONS = (("st", "sc"), ("zd", "zdz"), ("t", "c"), ("d", "dz"), ("r", "rz"), ("k", "c"),
                 ("g", "dz"), ("g", "z"), ("h", "z"), ("ch", "sz"), ("ch", "s"), ("sk", "sc"))


def _alternated(t_key: str, c_key: str) -> bool:
    """``t_key`` is ``c_key`` (its final vowel dropped) with the last consonant alternated
    and a case ending of <= 3 letters: Trieście for Trieste, Praze for Praha."""
    stem = c_key[:-1] if c_key[-1:] in _VOWELS else c_key
    if len(stem) < 4:
        return False
    for a, b in _ALTERNATIONS:
        if stem.endswith(a):
            alt = stem[: len(stem) - len(a)] + b
            if t_key.startswith(alt) and 0 < len(t_key) - len(alt) <= 3 and t_key[len(alt)] in _VOWELS:
                return True
    return False


LOWER_NAME_LANGS = 3  # languages writing one word identically in a sentence: a name, even lower-cased
LOWER_COMMON_NAME_LANGS = 5  # ... when most of them list it as a common word (trump, paris; not pista)


class _LowerView:
    """The article's indexes as a lower-cased version sees them.  Nothing marks a name
    in lower-cased text, so besides the names of the cased versions, a word written
    identically by versions of >= LOWER_NAME_LANGS languages in one aligned row is taken
    for a name there (trump in eleven lower-cased versions, where the cased source only
    has it at sentence starts).  Internationalisms are not: a word a cased version
    writes in lower case (rapper), or a common word of most of these languages that no
    cased version capitalises and fewer than LOWER_COMMON_NAME_LANGS write (pista)."""

    def __init__(self, ix, vs):
        self._ix = ix
        # row -> (version, its (script, key)s), for the keys >= LOWER_NAME_LANGS versions have
        multi = {k for k, w in ix.occ_key.items() if len(w) >= LOWER_NAME_LANGS and len(k) > _MIN_KEY} | ix.name_keys
        row_sets: dict[int, list[tuple[str, set]]] = defaultdict(list)
        for vid, V in vs.items():
            mine: dict[int, set] = defaultdict(set)
            for ts in V.forms.values():
                if ts[0].key in multi and ts[0].cls in CASED:
                    for t in ts:
                        if t.row >= 0:
                            mine[t.row].add((t.cls, t.key))
            for r, ks in mine.items():
                row_sets[r].append((vid, ks))
        row_names = {r: {k: set(v) for k, v in d.items()} for r, d in ix.row_names.items()}
        name_vids = {k: set(v) for k, v in ix.name_vids.items()}
        name_keys = set(ix.name_keys)
        caps = {ck for rc in ix.row_caps.values() for ck in rc}
        worded: dict[str, set[str]] = defaultdict(set)  # script -> keys a cased version writes in lower case
        for V in vs.values():
            if not V.lowercased:
                worded[V.v.script].update(_key(w) for w in V.lows)
        per_row: dict[int, tuple[dict, Counter]] = {}
        for r in sorted(row_sets):
            per_lang: dict[str, set] = defaultdict(set)
            for vid, ks in row_sets[r]:
                per_lang[ix.lang[vid]] |= ks
            n_langs = Counter()
            for ks in per_lang.values():
                n_langs.update(ks)
            per_row[r] = (per_lang, n_langs)
        # a word found a name in one sentence (>= LOWER_NAME_LANGS languages) is one in every
        # sentence two languages write it: where a version garbles it (mulati), the others
        # are one language short
        seen_name = {ck for _pl, n_langs in per_row.values() for ck, n in n_langs.items() if n >= LOWER_NAME_LANGS}
        for r in sorted(per_row):
            per_lang, n_langs = per_row[r]
            for ck in sorted(ck for ck, n in n_langs.items() if n >= LOWER_NAME_LANGS or ck[1] in ix.name_keys
                             or (n >= 2 and ck in seen_name)):
                vids = {vid for vid, ks in row_sets[r] if ck in ks}
                # not a word a cased version writes in lower case (rapper), nor, unless it is
                # capitalised there or >= LOWER_COMMON_NAME_LANGS languages write it, one most
                # of its languages list as a word: internationalisms (pista)
                if ck[1] not in ix.name_keys and (ck[1] in worded.get(ck[0], ()) or ck not in caps and (
                        n_langs[ck] < LOWER_COMMON_NAME_LANGS and 2 * sum(
                            _row_word_common(vs, vids, r, ck, lg) for lg in per_lang if ck in per_lang[lg]) >= n_langs[ck])):
                    continue
                row_names.setdefault(r, {}).setdefault(ck, set()).update(vids)
                name_keys.add(ck[1])
                name_vids.setdefault(_loose(ck[1]), set()).update(vids)
        self.row_names, self.name_vids, self.name_keys = row_names, name_vids, name_keys

    def __getattr__(self, attr):
        return getattr(self._ix, attr)


def _row_word_common(vs, vids, r, ck, lang) -> bool:
    """The word of key ``ck`` that a version of ``lang`` writes in row ``r`` is a common word."""
    for vid in sorted(vids):
        V = vs[vid]
        if V.lang == lang:
            for t in V.by_row.get(r, ()):
                if (t.cls, t.key) == ck:
                    return zipf(t.lower, lang) > 0
    return False


def _lower_view(ix, vs) -> _LowerView:
    view = getattr(ix, "_lower_view", None)
    if view is None:
        view = ix._lower_view = _LowerView(ix, vs)
    return view


LOWER_COMPOUNDING = COMPOUNDING | {"fi", "et", "hu"}
LOWER_EXONYM_LANGS = 2  # other languages whose own rendering of a name deviates: the name is localised


@lru_cache(maxsize=50_000)
def _spelled(key: str) -> str:
    """Key with local spelling patterns removed (k for c or qu, s/z, j/i for y, f for
    ph, Spanish e before s + consonant), doubled letters kept: Mikronezya/Micronesia,
    Skopie/Skopje, Junnan/Yunnan, esnórquel/snorkel."""
    if key[:2] == "es" and len(key) > 4 and key[2] not in _VOWELS:
        key = key[1:]
    key = key.replace("qu", "k")
    for a, b in _SPELL:
        if b or a != "h":  # h is kept: Kavanauggh is no inflection of Kavanaugh
            key = key.replace(a, b)
    return key


def _lower_local_form(V, vid, toks, rows, vs, ix, c_key: str, threshold: float) -> bool:
    """In a lower-cased version nothing marks a word as a name, and a form close to a
    name of the other versions is more often a word of the language or the local
    rendering of the name (an exonym) than a garble.  True when the form is

    * a common word with an ending (senatör|ün, demokrat|in, Finnish räppäri ->
      räppäreistä) or after a prefix (afro|amerikan), or a compound of common words
      (Finnish ranta|kassi);
    * the name respelled by the usual local patterns, maybe with a case ending or a
      derivation (mikronezya, mikronésii, mazedonischen, skopie, junnan for Micronesia,
      Macedonia, Skopje, Yunnan);
    * an inflection of a stem the version writes which the name also inflects (Czech
      cupů, Finnish cupinsa beside "ryder cup" where the others have "cups");
    * one of several renderings: versions of >= LOWER_EXONYM_LANGS other languages
      write, in the same sentences, their own deviating form of the name (Turkish
      katalunya, Spanish cataluña, German katalonien for Catalonia)."""
    t0 = toks[0]
    lw, k = t0.lower, t0.key
    words = common_words(V.lang, COMMON_ZIPF)
    if words:
        if not lw.isascii():
            lw = lw.casefold()  # as wordfreq writes it
        # a common word with an ending; an inflecting language may replace its final vowel
        # (räppäri -> räppäreistä, pompa -> pompanın); ultra|man stays a name, and so does
        # a form one letter off the name (thomes, ferrerl: thoma, ferrer are in the lists)
        inflecting = V.lang in INFLECTING
        min_base = max(5, -(-(6 if inflecting else 7) * len(lw) // 10))
        one_off = Levenshtein.distance(k, c_key, score_cutoff=2) <= 1
        for i in range(len(lw) - 1, max(3, len(lw) - 6), -1) if not one_off else ():
            p = lw[:i]
            for base in (p, p + "a", p + "e", p + "i", p + "o") if inflecting else (p,):
                if (len(base) >= min_base and base in words and (inflecting or len(lw) - i <= 4)
                        and _key(base) != c_key and not is_inflection(c_key, _key(base)) and is_inflection(base, lw)):
                    return True
        for i in range(2, len(lw) - 4):
            s = lw[i:]
            if len(s) >= 0.6 * len(lw) and s in words and similarity(_key(s), c_key) >= threshold:
                return True
        if len(lw) >= 8 and lw.isalpha():
            for i in range(4, len(lw) - 3):
                if lw[:i] in words and lw[i:] in words:
                    return True
                if len(lw) >= 10 and len(lw) - i >= 5 and V.lang in LOWER_COMPOUNDING and lw[i:] in words:
                    return True  # a compound ending in a word (Finnish raffia|laukku)
    # a word the version writes on its own, after a prefix (не|президент|ським): derived
    for i in (1, 2, 3):
        for j in range(len(lw), i + 4, -1):
            sub = lw[i:j]
            if 2 * len(sub) >= len(lw) and sub in V.forms and similarity(_key(sub), c_key) >= threshold:
                return True
    st, sc = _spelled(k), _spelled(c_key)
    if st == sc or _variant_of(V, st, st, sc, sc):
        return True
    for i in range(max(3, len(c_key) - 2), len(k)):
        p = k[:i]
        if p in V.forms and len(ix.occ_key.get(p, ())) >= 2 and is_inflection(p, k) and is_inflection(p, c_key):
            return True
    return _exonym_family(V, vid, t0, rows, vs, ix, c_key, threshold)


def _exonym_family(V, vid, t0, rows, vs, ix, c_key: str, threshold: float) -> bool:
    """Versions of >= LOWER_EXONYM_LANGS other languages write, in the mention's
    sentences, their own renderings of the name ``c``, other than ``c`` respelled and
    in >= 2 different spellings (katalonien, cataluña beside Turkish katalunya): a
    name each language localises.  Short names are not judged (too many look-alikes)."""
    if len(c_key) < 5:
        return False
    sc, st = _spelled(c_key), _spelled(t0.key)
    near_c = prefix_similarity(st, sc)[0] - 0.05
    firsts = (c_key[:1], sc[:1], t0.key[:1])
    letters = tuple(dict.fromkeys(firsts))
    by_first = ix.__dict__.setdefault("_by_first", {})  # (version, row) -> first letter -> tokens (>= 3 letters)

    def near_tokens(u, U):
        """The version's tokens in the mention's rows (+-1) whose key starts with one of
        ``firsts``, in the order of a plain scan of the rows."""
        for r in rows:
            if r < 0:
                continue
            for rr in (r - 1, r, r + 1):
                idx = by_first.get((u, rr))
                if idx is None:
                    idx = by_first[(u, rr)] = {}
                    for x in U.by_row.get(rr, ()):
                        if len(x.key) >= _MIN_KEY:
                            idx.setdefault(x.key[0], []).append(x)
                if len(letters) == 1:
                    yield from idx.get(letters[0], ())
                else:
                    group = [x for f in letters for x in idx.get(f, ())]
                    group.sort(key=lambda x: x.start)  # tokens of one row: in text order
                    yield from group

    langs: set[str] = set()
    spellings: set[str] = set()
    for u, U in vs.items():
        if u == vid or u in ix.source or U.lang == V.lang or U.lang in langs:
            continue
        for x in near_tokens(u, U):
            if (x.cls != t0.cls or x.key in (c_key, t0.key) or len(x.key) < _MIN_KEY or x.key[:1] not in firsts
                    or is_inflection(c_key, x.key)):
                continue
            sx = _spelled(x.key)
            # a rendering of c that deviates towards the mention (the same localisation:
            # cataluña, catalunha for katalunya), not one nearer c than the mention (Parigi for Peris)
            to_c = prefix_similarity(sx, sc)[0]
            to_t = prefix_similarity(st, sx)[0]
            if sx != sc and to_c >= threshold and (to_t > to_c or to_t >= near_c):
                langs.add(U.lang)
                spellings.add(sx)
                break
        if len(langs) >= LOWER_EXONYM_LANGS and len(spellings) >= 2:
            return True
    return False


def _judge(V, vid, toks, vs, ix, threshold, proper, weak=False):
    t0 = toks[0]
    # the best name of another version in the rows of this form's mentions
    rows = {t.row for t in toks}
    if t0.cls in _LR_SWAP and proper:
        # decided first: the name of another person of the version (Γκραντ) would otherwise
        # win as the same-script match over the Latin name it confuses l/r in (Καράντο, Calado)
        f = _lr_slip(V, vid, toks, ix, rows, None, threshold)
        if f is not None:
            return f
    best = (0.0, "", -1, "")
    matched_rows = 0
    near: set[tuple[str, str]] = set()  # names in the rows of the mentions
    for r in rows:
        hit = False
        for rr in (r, r - 1, r + 1):
            for (ocls, key), ovids in ix.row_names.get(rr, {}).items():
                near.add((ocls, key))
                if key == t0.key:
                    continue
                lk = _loose(key)
                if ovids == {vid} and len(ix.name_vids.get(lk, ())) < 2:
                    continue
                if ocls == t0.cls:
                    s, cut = prefix_similarity(t0.key, key)
                    if lk == t0.loose and s < LR_SAME_SIM:
                        s, cut = LR_SAME_SIM, len(t0.key)  # one name but for l/r (Liley, Riley): metaphone scores it low
                    s += 1.0  # a name in the same script always wins over a transliterated one
                else:
                    s, cut = prefix_similarity(t0.loose, lk)
                    s = min(s, 0.999999)  # (1.0 would read as a same-script 0.0 below)
                    cut = len(t0.key)
                if s % 1.0 >= threshold - ROW_SLACK:
                    hit = True
                    if s > best[0]:
                        best = (s, lk, cut, key)
        matched_rows += hit
    score = best[0] - 1.0 if best[0] >= 1.0 else best[0]
    if score < threshold - ROW_SLACK:
        return None
    if not proper and matched_rows < max(1, len(rows) / 2):
        return None  # a common word that happens to resemble a name in one row
    _s, c_loose, cut, c_key = best
    if cut < len(t0.key) and score < threshold + 0.05:
        return None  # only part of the word resembles the name: want a close match
    if cut < len(t0.lower) and zipf(t0.lower[:cut], V.lang) >= COMMON_ZIPF:
        return None
    if _variant_of(V, t0.key, t0.loose, c_key, c_loose):
        return None
    if V.lowercased and not proper and _lower_local_form(V, vid, toks, rows, vs, ix, c_key, threshold):
        return None  # lower-cased: a word of the language or the local rendering of the name
    cls = t0.cls
    # evidence in the same script: versions that write c, versions that write something else similar
    if V.lang in NOUN_CAPITALISING and not any(ix.lang[x] != V.lang for x in ix.name_vids.get(c_loose, ())):
        return None  # German capitalises nouns: a word only same-language versions have is vocabulary
    agree = ix.agreeing(cls, c_key, t0.key)
    agree.pop(vid, None)
    disagree: set[str] = set()
    for (ocls, key) in near:
        if ocls != cls or key == c_key or key.startswith(c_key):
            continue
        if key == t0.key or similarity(key, c_key) >= threshold:
            for r in rows:
                for rr in (r, r - 1, r + 1):
                    disagree |= ix.row_names.get(rr, {}).get((ocls, key), set())
    disagree.discard(vid)
    disagree -= set(agree)
    # within the version itself
    own = Counter()
    own_rows: set[int] = set()
    for lower, ts in V.forms.items():
        t = ts[0]
        # a match in another script (Latin Kowalenko for Greek Καβαλένκο): the version's own
        # form is found by its loose key (Κοβαλένκο)
        if t.cls == cls and (t.key == c_key or (best[0] < 1.0 and t.loose == c_loose and t.key != t0.key)) and (
                lower in V.proper or V.lowercased):
            own[t.surface] += len(ts)
            own_rows.update(x.row for x in ts)
    if not V.lowercased and any(t.row in own_rows and t.row >= 0 for t in toks):
        return None  # both forms in one sentence: two people (Vladimir Putin and Volodymyr Zelensky)
    for s_own in own:
        a, b = s_own.lower(), t0.lower
        if is_inflection(a, b) or (a.startswith(b) and len(a) - len(b) <= 4):
            return None
    latin_support = ix.units(ix.name_vids.get(c_loose, set()) - {vid})
    n_agree = ix.units(agree)  # independent witnesses: near-copies of one text count once
    agree_langs = {ix.lang[x] for x in agree}
    is_source = vid in ix.source
    if is_source and (sum(own.values()) < 2 or n_agree < 2):
        return None  # the source is the reference point: only its own strong evidence flags it
    if score < threshold and n_agree < 3:
        return None
    if weak and (n_agree < 5 or n_agree < 4 * len(ix.occ_key.get(t0.key, ()))
                 or (t0.loose == c_loose and (cls != "Latn" or _semi_loose(t0.key) == _semi_loose(c_key)))):
        return None
    if own and latin_support >= 1:
        code = "MT101"
        base = own.most_common(1)[0][0]
        bk = _key(base.lower())
        if similarity(t0.key, bk) < threshold and _loose(bk) != t0.loose:
            return None  # the version's own form does not resemble this mention: another name
        if not n_agree and latin_support < 2:
            return None
        strong = latin_support >= 2 or n_agree >= 2
    elif (n_agree >= 2 and n_agree / (n_agree + ix.units(disagree)) >= 0.75 and (n_agree >= 3 or not disagree)
          and not (len(agree_langs) == 1 and V.lang not in agree_langs)):  # one language does not overrule another
        code = "MT102"
        sf = ix.surf.get((cls, c_key))
        base = _top(sf) if sf else c_key
        strong = n_agree >= 3 or (n_agree >= 2 and not disagree) or latin_support >= 4
    elif (cls == "Cyrl" and n_agree == 1 and not disagree and not own
          and _one_vowel_apart(t0.lower, _top(ix.surf.get((cls, c_key)) or {"": 1}).lower())
          and _latin_prefers(ix, rows, near, t0.loose, c_loose)):
        # the only other Cyrillic version writes c, which is exactly what the Latin versions
        # write (Финау ~ Finau), and the mention differs from it by one vowel that the
        # Russian/Ukrainian spelling differences do not explain (Фанау)
        code = "MT102"
        base = _top(ix.surf[(cls, c_key)])
        if V.lang == "ru":
            base = base.translate(_UK_TO_RU)
        strong = False
    else:
        return _lr_slip(V, vid, toks, ix, rows, near, threshold)
    n_mentions = sum(agree.values())
    if code == "MT101":
        msg = (f'"{t0.surface}" here; this version writes "{base}" {sum(own.values())} time(s)'
               + (f' and {n_mentions} mention(s) in {len(agree)} other version(s) read "{base}"' if n_agree else
                  f'; {latin_support} other version(s) agree'))
    else:
        msg = f'"{t0.surface}" here; {n_mentions} mention(s) in {len(agree)} other version(s) read "{base}"'
        if latin_support > n_agree:
            msg += f" ({latin_support} version(s) in all scripts)"
        if disagree:
            msg += f" ({len(disagree)} other version(s) differ)"
    conf = min(0.99, 0.5 * score + 0.12 * min(n_agree + (1 if own else 0), 4))
    return Flag(code, vid, list(toks), base, msg, "error" if strong else "warning", conf, c_key,
                cut if cut < len(t0.key) and len(t0.lower) == len(t0.key) else -1)


LR_SAME_SIM = 0.8  # similarity given to two forms of one script that differ only in l/r or doubled letters
LR_SLIP_MIN = 3  # independent Latin-script versions that must write the name with the other letter
LR_SLIP_SIM = 0.8  # similarity of the mention's loose key (l = r) to that name
_LR_SWAP = {"Cyrl": str.maketrans("лрЛР", "рлРЛ"), "Grek": str.maketrans("λρΛΡ", "ρλΡΛ")}


def _lr_slip(V, vid, toks, ix, rows, near, threshold):
    """A Cyrillic or Greek name with l where the Latin-script versions write r, or the
    reverse (Мулати for Murati, Тлампа for Трампа, Фьюлик for Фьюрик): the slip of a system
    translating through Chinese or Japanese, which do not tell the letters apart.  The
    mention matches a Latin name of its sentences (>= LR_SLIP_MIN independent versions, the
    majority of the Latin versions writing a similar name there) once l and r are merged,
    but not letter for letter; no other version of its script writes it."""
    t0 = toks[0]
    swap = _LR_SWAP.get(t0.cls)
    if swap is None or V.v.script != t0.cls:
        return None  # (a Cyrillic word in a Latin text is quoted or leaked, not this version's rendering)
    lr = _lr(t0.key)
    if not lr or len(t0.key) < 4:
        return None
    if near is None:
        near = {ck for r in rows for rr in (r - 1, r, r + 1) for ck in ix.row_names.get(rr, {})}
    same = max([prefix_similarity(t0.loose, _loose(key))[0] for ocls, key in near
                if ocls == "Latn" and len(key) >= 4 and _lr(key) == lr] or [0.0])
    best = None
    for ocls, key in near:
        if ocls != "Latn" or len(key) < 4:
            continue
        okey = _lr(key)
        if len(okey) != len(lr) or okey == lr:
            continue
        if prefix_similarity(t0.loose, _loose(key))[0] <= max(LR_SLIP_SIM, same):
            continue  # not the closest Latin name: one with the mention's l and r is (Blasey for Блейси)
        wit: set[str] = set()
        for r in rows:
            for rr in (r - 1, r, r + 1):
                wit |= ix.row_names.get(rr, {}).get((ocls, key), set())
        wit.discard(vid)
        if best is None or len(wit) > len(best[1]):
            best = (key, wit)
    if best is None or ix.units(best[1]) < LR_SLIP_MIN:
        return None
    c_key, wit = best
    # the Latin versions with a similar name in these sentences mostly write this one
    others: set[str] = set()
    for ocls, key in near:
        if ocls == "Latn" and key != c_key and _loose(key) == _loose(c_key) and _lr(key) == lr:
            for r in rows:
                for rr in (r - 1, r, r + 1):
                    others |= ix.row_names.get(rr, {}).get((ocls, key), set())
    if ix.units(others - {vid}) * 3 >= ix.units(wit):
        return None
    # the expected form: each run of l/r letters (a doubled letter is one) takes the Latin one
    want = _lr(c_key)
    exp: list[str] = []
    g, prev = -1, ""
    for ch in t0.surface:
        ck = _char_key(ch)
        if ck in ("l", "r"):
            if ck != prev:
                g += 1
            if g >= len(want):
                return None
            if want[g] != ck:
                ch = ch.translate(swap)
        prev = ck
        exp.append(ch)
    expected = "".join(exp)
    if expected == t0.surface:
        return None
    sf = ix.surf.get(("Latn", c_key))
    latin = _top(sf) if sf else c_key
    n = ix.units(wit)
    own = len(V.forms.get(expected.lower(), ()))
    msg = (f'"{t0.surface}" here; {n} Latin-script version(s) write "{latin}" in this sentence, '
           f'which reads "{expected}" in this script (l and r confused)'
           + (f'; this version writes "{expected}" {own} time(s)' if own else ""))
    return Flag("MT101" if own else "MT102", vid, list(toks), expected, msg, "error" if n >= 6 or own else "warning",
                min(0.95, 0.55 + 0.05 * n), _loose(c_key))


# characters Chinese uses to transliterate foreign names
_HAN_TRANSLIT = set(
    "阿埃艾爱安昂奥澳巴拜班邦保鲍贝本比彼毕庇波伯博布采查达戴丹道德迪蒂丁东杜敦多厄恩尔法凡菲费芬丰"
    "弗福盖甘冈戈格古瓜哈海汉豪赫亨胡华霍基吉加贾杰捷金卡凯坎康科克肯库奎拉莱赖兰朗劳勒雷蕾里利莉"
    "林琳卢鲁伦罗洛略马玛迈麦曼梅门蒙米敏明莫姆穆纳娜奈南内尼妮纽诺帕潘佩彭皮珀普奇乔切琴琼丘萨塞桑"
    "瑟森沙尚舍什施斯松苏索塔泰坦汤唐特滕提汀图托瓦万威韦维温沃乌伍西希锡谢辛休雅亚扬耶伊因英尤约泽扎詹兹祖佐"
    "隆娅薇琪柯嘉黛莎丝茨腊登蒲钮陀达郎"
)
_HAN_RUN = re.compile("[" + "".join(sorted(_HAN_TRANSLIT)) + "]{3,8}")


def _han_names(V, vid, ctx, ix):
    """Names written in Han characters: one entity written two ways in one version
    (卡瓦略 then 卡尔瓦略), when the other versions have the same name in both sentences.
    The form of the first mention is taken as the version's own; the other is flagged."""
    text = V.v.check_text
    rows_of = ctx.rows_of(vid)
    segs = sorted(ctx.segments.get(vid, ()), key=lambda s: s.start)
    starts = [s.start for s in segs]
    runs: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for m in _HAN_RUN.finditer(text):
        i = bisect_right(starts, m.start()) - 1
        row = rows_of.get(segs[i].index, -1) if i >= 0 else -1
        runs[m.group()].append((m.start(), m.end(), row))
    if len(runs) < 2:
        return []

    def row_names(r):
        return {_loose(k) for (_c, k), vids in ix.row_names.get(r, {}).items() if len(vids - {vid}) >= 2}

    out = []
    forms = sorted(runs, key=lambda f: runs[f][0][0])
    for i, a in enumerate(forms):
        for b in forms[i + 1:]:
            if abs(len(a) - len(b)) > 1 or Levenshtein.distance(a, b) != 1 or a[0] != b[0]:
                continue
            if a.startswith(b) or b.startswith(a) or a.endswith(b) or b.endswith(a):
                continue  # a neighbouring character glued to the name (卡瓦诺 / 卡瓦诺法官)
            common = set.union(*(row_names(r) for _s, _e, r in runs[a])) & set.union(*(row_names(r) for _s, _e, r in runs[b]))
            ka, kb = _loose(_key(a)), _loose(_key(b))
            common = {c for c in common if max(Indel.normalized_similarity(c, ka), Indel.normalized_similarity(c, kb)) >= 0.5}
            if not common:
                continue
            # a is mentioned first; flag b unless b is clearly the version's majority
            if len(runs[a]) == len(runs[b]) and _key(a) == _key(b):
                continue  # one mention each, read alike (拉帕洛斯 / 拉帕罗斯): nothing tells which is the slip
            good, bad = (a, b) if len(runs[a]) >= len(runs[b]) else (b, a)
            if len(runs[b]) > len(runs[a]) and len(runs[b]) < 2 * len(runs[a]):
                good, bad = a, b
            for s0, e0, r in runs[bad]:
                t = Token(s0, e0, bad, bad, _key(bad), _loose(_key(bad)), "Hani", False, False, r)
                out.append(Flag("MT101", vid, [t], good,
                                f'"{bad}" here; this version writes "{good}" {len(runs[good])} time(s) for the same name '
                                f'("{sorted(common)[0]}" in the other versions)', "warning", 0.6, _loose(_key(good))))
    return out


# names in scripts without capital letters, compared by aligned row with the Latin versions
_SCRIPT_WORD = {
    "Kore": re.compile(r"[\uAC00-\uD7AF]{2,}"),
    "Jpan": re.compile(r"[\u30A1-\u30FA\u30FC\u31F0-\u31FF]{2,}"),
    "Arab": re.compile(r"[\u0620-\u065F\u066E-\u06D3\u06D5\u06FA-\u06FF\u0750-\u077F]{3,}"),
    "Hebr": re.compile(r"[\u05D0-\u05EA\u05B0-\u05C7]{3,}"),
    "Deva": re.compile(r"[\u0900-\u0963\u0971-\u097F]{2,}"),
}
_ARAB_MARKS = re.compile(r"[\u064B-\u065F\u05B0-\u05C7]")
_ARAB_PREFIXES = ("وال", "بال", "فال", "كال", "ولل", "لل", "ال", "و", "ف", "ب", "ل", "ك")
_HEBR_PREFIXES = ("וה", "וב", "ול", "ומ", "וש", "שה", "מה", "ה", "ו", "ב", "ל", "מ", "ש", "כ")
_KOR_PARTICLES = frozenset(
    "은 는 이 가 을 를 의 에 와 과 도 로 만 께 나 랑 에서 에게 으로 부터 까지 처럼 보다 라고 이라고 한테 께서 이나 와의 과의 "
    "에는 에도 에서는 에게는 으로는 로는 이다 였다 이었다 이며 이자 측은 측이 측의 씨는 씨가 씨의 씨".split())
SCRIPT_ANCHOR_MIN = 0.4  # transliteration similarity of a word to the row's Latin name (best in row; abjads drop vowels)


def _affix_splits(word: str, script: str) -> list[tuple[str, str, str]]:
    """(prefix, stem, suffix) readings of a word: Korean particles after the name
    (페리는, 페리가, 페리의), Arabic and Hebrew clitics before it (والتمان, לאלטמן)."""
    out = [("", word, "")]
    if script == "Kore":
        for k in (1, 2, 3):
            if len(word) - k >= 2 and word[-k:] in _KOR_PARTICLES:
                out.append(("", word[:-k], word[-k:]))
    elif script in ("Arab", "Hebr"):
        for p in (_ARAB_PREFIXES if script == "Arab" else _HEBR_PREFIXES):
            if word.startswith(p) and len(word) - len(p) >= 3:
                out.append((p, word[len(p):], ""))
    return out


@lru_cache(maxsize=100_000)
def _script_key(stem: str, script: str, loose: bool = True) -> str:
    """Loose a-z key of a word in a script without capitals, with the sounds the script
    cannot write made equal on both sides (Korean f/p, v/b; the epenthetic 으)."""
    k = _key(_ARAB_MARKS.sub("", stem).lower())
    if script == "Kore":
        k = k.replace("eu", "").replace("eo", "o")
    return (_loose(k) if loose else k).replace("f", "p").replace("v", "b")


@lru_cache(maxsize=100_000)
def _word_readings(word: str, script: str) -> tuple[tuple[str, str, str, str, float], ...]:
    """(prefix, stem, suffix, stem key, penalty) of the readings of a word whose key has
    >= 3 letters; an ending the key does not show (페런테에: the 에 merges) costs nothing."""
    whole = _script_key(word, script)
    out = []
    for pre, stem, suf in _affix_splits(word, script):
        sk = _script_key(stem, script)
        if len(sk) >= 3:
            out.append((pre, stem, suf, sk, 0.0 if sk == whole else 0.02 * (len(pre) + len(suf))))
    return tuple(out)


_DEVA_CONS = re.compile(r"[\u0915-\u0939\u0958-\u095F]")
_ARAB_WEAK = set("اويىةءأإآؤئ")
_HEBR_WEAK = set("ויאה")


_G_LETTERS = ({"ج", "غ"}, {"ج", "ق"}, {"غ", "ق"}, {"ज", "ग"}, {"ג", "ג"})


def _kana_vowel_swap(a: str, b: str) -> bool:
    """One katakana replaced by another of its consonant row (エクルンド / エクランド)."""
    if len(a) != len(b):
        return False
    diff = [(x, y) for x, y in zip(a, b) if x != y]
    if len(diff) != 1:
        return False
    kx, ky = (_key(c) for c in diff[0])
    return len(kx) >= 2 and len(ky) >= 2 and kx[:-1] == ky[:-1] and kx[-1] != ky[-1]


def _consonant_swap(a: str, b: str, script: str) -> bool:
    """``a`` is ``b`` with one consonant replaced (페란테 / 베란테, मार्टिन / मार्तिन,
    مارتن / مالتن, ボンバ / ホンバ): the slips machine translation makes.  Vowel letters
    and vowel signs are not compared: careful translators vary them (마케도니아 /
    마케도냐, मैसिडोनिया / मैसेडोनिया, رانجرز / رينجرز)."""
    if len(a) != len(b) or a == b:
        return False
    diff = [(x, y) for x, y in zip(a, b) if x != y]
    if len(diff) != 1:
        return False
    x, y = diff[0]
    if {x, y} in _G_LETTERS:
        return False  # an English g written either way (غراهام / جراهام, गेरार्ड / जेरार्ड)
    if script == "Kore":
        ox, oy = ord(x) - 0xAC00, ord(y) - 0xAC00
        if not (0 <= ox < 11172 and 0 <= oy < 11172):
            return False
        lx, vx, tx = ox // 588, (ox % 588) // 28, ox % 28
        ly, vy, ty = oy // 588, (oy % 588) // 28, oy % 28
        return vx == vy and (lx != ly) + (tx != ty) == 1
    if script == "Jpan":
        kx, ky = _key(x), _key(y)
        return bool(kx) and bool(ky) and kx[-1:] == ky[-1:] and kx[:-1] != ky[:-1] and "n" not in (kx, ky)
    if script == "Deva":
        return bool(_DEVA_CONS.match(x) and _DEVA_CONS.match(y))
    if script == "Arab":
        return x not in _ARAB_WEAK and y not in _ARAB_WEAK and not _ARAB_MARKS.match(x) and not _ARAB_MARKS.match(y)
    if script == "Hebr":
        return x not in _HEBR_WEAK and y not in _HEBR_WEAK
    return False


def _latin_key_for(lk: str) -> str:
    return lk.replace("f", "p").replace("v", "b")


def _script_names(V, vid, ctx, ix, flagged):
    """A name in Hangul, katakana, Arabic, Hebrew or Devanagari written two ways in one
    version (알트먼 in four sentences, 알트만 in one), where the Latin-script versions
    write one name in all these sentences.  Each sentence's mention is the word of the
    version's script that transliterates closest to that name (particles and clitics
    cut off: 알트먼은, والتمان); the version's majority form is expected."""
    script = V.v.script
    rx = _SCRIPT_WORD.get(script)
    if rx is None:
        return []
    rows_of = ctx.rows_of(vid)
    segs = sorted(ctx.segments.get(vid, ()), key=lambda s: s.start)
    seg_rows = [(seg, rows_of.get(seg.index, -1)) for seg in segs]

    def words_of(keep) -> dict[int, list[tuple[int, int, str]]]:
        out_w: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
        for seg, r in seg_rows:
            if r >= 0 and keep(r):
                out_w[r].extend((seg.start + m.start(), seg.start + m.end(), m.group()) for m in rx.finditer(seg.text))
        return out_w

    # only the sentences where other versions write Latin names are read word by word
    words = words_of(lambda r: r in ix.row_names)
    every: list = []  # all sentences' words, read only when a flag is about to be raised
    # anchor (Latin loose key) -> [(row, start, end, word, prefix, stem, suffix, score)]
    mentions: dict[str, list[tuple]] = defaultdict(list)
    stems_of: dict[str, set[str]] = defaultdict(set)  # stem -> anchors it was taken for
    anchor_rows: dict[str, set[int]] = defaultdict(set)
    raw_n: dict[str, tuple[int, str]] = {}  # loose key -> (versions, the a-z key most of them write)
    for r in sorted(words):
        names = ix.row_names.get(r)
        if not names:
            continue
        anchors: dict[str, set[str]] = {}
        for (cls, key), vids in names.items():
            if cls != "Latn" or len(key) < 4:
                continue
            w = vids - {vid}
            if ix.units(w) >= 2:
                lk = _loose(key)
                anchors[lk] = anchors.get(lk, set()) | w
                if lk not in raw_n or (len(w), key) > raw_n[lk]:
                    raw_n[lk] = (len(w), key)
        if not anchors:
            continue
        alist = sorted((lk, _latin_key_for(lk)) for lk in anchors)
        for lk, _ in alist:
            anchor_rows[lk].add(r)
        best_word: dict[str, tuple] = {}
        # every reading of every word against every name of the row, in one C call
        split_wi: list[int] = []
        splits: list[tuple] = []
        for wi, (s, e, w) in enumerate(words[r]):
            rd = _word_readings(w, script)
            if rd:
                split_wi.extend([wi] * len(rd))
                splits.extend(rd)
        if not splits:
            continue
        sims = _cdist([x[3] for x in splits], [an for _lk, an in alist], scorer=Indel.normalized_similarity).tolist()
        by_word: dict[int, list] = defaultdict(list)
        for wi, x, row_sims in zip(split_wi, splits, sims):
            by_word[wi].append((x, row_sims))
        for wi, (s, e, w) in enumerate(words[r]):
            best = None
            for (pre, stem, suf, _sk, pen), row_sims in by_word.get(wi, ()):
                scs = [v - pen for v in row_sims] if pen else row_sims
                m = max(scs)
                if best is None or m > best[0]:
                    j = scs.index(m)
                    best = (m, alist[j][0], pre, stem, suf)
                elif m == best[0]:
                    j = next(i for i, (lk, _an) in enumerate(alist) if lk == best[1])
                    if scs[j] == m:
                        best = (m, best[1], pre, stem, suf)
            if best is None or best[0] < SCRIPT_ANCHOR_MIN:
                continue
            sc, lk, pre, stem, suf = best
            cur = best_word.get(lk)
            if cur is None or sc > cur[-1]:
                best_word[lk] = (r, s, e, w, pre, stem, suf, sc)
        for lk, m in best_word.items():
            mentions[lk].append(m)
            stems_of[m[5]].add(lk)
    out = []
    for lk in sorted(mentions):
        ms = mentions[lk]
        if len(ms) < 2:
            continue
        cnt = Counter(m[5] for m in ms)
        good, n_good = sorted(cnt.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        if len(stems_of[good]) > 1:
            continue
        an_raw = _latin_key_for(raw_n[lk][1])
        if n_good == 1:  # one mention each: the one closer to the Latin name is the version's form
            ranked = sorted(cnt, key=lambda x: (-Indel.normalized_similarity(_script_key(x, script, False), an_raw), x))
            good = ranked[0]
        for m in ms:
            r, s, e, w, pre, stem, suf, sc = m
            if stem == good or s in flagged or cnt[stem] > 1 or cnt[stem] > n_good:
                continue
            if (stem.startswith(good) or good.startswith(stem) or stem.endswith(good) or good.endswith(stem)
                    or abs(len(stem) - len(good)) > 1):
                continue  # a particle or an ending glued to the name, a longer name (맨시티 / 시티)
            if not _consonant_swap(stem, good, script) and not (
                    script == "Jpan" and n_good >= 2 and _kana_vowel_swap(stem, good)):
                continue  # vowel spellings vary in careful translations too (मैसिडोनिया / मैसेडोनिया)
            if script == "Kore" and stem[:-1] == good[:-1] and stem[-1] in _KOR_PARTICLES and good[-1] in _KOR_PARTICLES:
                continue  # two particles after one name (캐버노가 / 캐버노의)
            sb, sg = (Indel.normalized_similarity(_script_key(x, script, False), an_raw) for x in (stem, good))
            if sb > sg or (n_good < 2 and sb > sg - 0.05):
                continue  # the form is as close to the name as the majority's: a variant, not a slip
            if Indel.normalized_similarity(_script_key(stem, script), _script_key(good, script)) < 0.6:
                continue
            if len(stems_of[stem]) > 1:
                continue  # also the best match of another name: two entities
            # the form is written where the name is not: a word of the language
            if not every:
                every.append(words_of(lambda r: True))
            if any(x[2] == stem or x[2].startswith(stem) for rr, ws in every[0].items() if rr not in anchor_rows[lk] for x in ws):
                continue
            wit = ix.units(set().union(*(v for (c, k), v in ix.row_names.get(r, {}).items()
                                         if c == "Latn" and _loose(k) == lk)) - {vid})
            base = pre + good + suf
            t = Token(s, e, w, w, _key(w), _loose(_key(w)), script, False, False, r)
            sf = ix.surf.get(("Latn", next((k for (c, k) in ix.row_names.get(r, {}) if c == "Latn" and _loose(k) == lk), lk)))
            latin = _top(sf) if sf else lk
            out.append(Flag(
                "MT101", vid, [t], base,
                f'"{w}" here; this version writes "{good}" {n_good} time(s) for "{latin}", '
                f'which {wit} other version(s) write in this sentence',
                "error" if n_good >= 3 and wit >= 3 else "warning", min(0.9, 0.4 + 0.1 * n_good + 0.05 * wit), lk))
    return out


_CJK_CHAR = re.compile(r"[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]")  # Han: pinyin, one syllable a character
_CJK_RUN = re.compile(r"[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]+")
ROMAN_MIN_KEY = 5  # shorter romanisations match too many syllable pairs by chance


def _cjk_row_keys(ctx, wid: str, r: int, cache: dict) -> list[list[str]]:
    """Runs of Han / kana / Hangul characters of version ``wid`` in row ``r``, each as the
    list of its characters' romanisations (沃尔塔罗 -> wo er ta luo)."""
    k = (wid, r)
    out = cache.get(k)
    if out is not None:
        return out
    out = []
    row = ctx.alignment.rows[r] if ctx.alignment is not None and 0 <= r < len(ctx.alignment.rows) else None
    segs = ctx.segments.get(wid, ())
    if row is not None and row.index == r:
        for i in row.cells.get(wid, ()):
            out.extend([_key(ch) for ch in run] for run in _CJK_RUN.findall(segs[i].text))
    cache[k] = out
    return out


ROMAN_MAX_KEY = 60  # longest a-z key looked up as a romanisation


def _romanisations(ctx, wid: str, r: int, cache: dict) -> list[tuple[str, list[int], set[int]]]:
    """The runs of version ``wid`` in row ``r`` as romanised strings with the offsets where
    characters start (沃尔塔罗 -> "woertaluo", [0, 2, 4, 6, 9])."""
    k = ("str", wid, r)
    out = cache.get(k)
    if out is None:
        out = []
        for run in _cjk_row_keys(ctx, wid, r, cache):
            offs, n = [], 0
            for syl in run:
                offs.append(n)
                n += len(syl)
            offs.append(n)
            out.append(("".join(run), offs, set(offs)))
        cache[k] = out
    return out


def _romanised_in(key: str, runs) -> bool:
    """``key`` is the romanisation of >= 2 consecutive characters of one of the runs."""
    for s, offs, bounds in runs:
        i = s.find(key)
        while i >= 0:
            j = i + len(key)
            if i in bounds and j in bounds and offs.index(j) - offs.index(i) >= 2:
                return True
            i = s.find(key, i + 1)
    return False


def _is_romanisation(key: str, runs: list[list[str]]) -> str | None:
    """The characters of a run whose romanisations concatenate to ``key`` (>= 2 of them)."""
    for run in runs:
        for i in range(len(run)):
            acc = ""
            for j in range(i, len(run)):
                acc += run[j]
                if len(acc) >= len(key):
                    if acc == key and j > i:
                        return "".join(run[i:j + 1])
                    break
                if not key.startswith(acc):
                    break
    return None


def _romanised_names(V, vid, vs, ctx, ix, flagged, cache):
    """A name romanised from a Chinese, Japanese or Korean version instead of written as
    the other Latin-script versions write it: "woertaluo" (the pinyin of 沃尔塔罗) where
    every other Latin version names Voltaro in the sentence.  Machine translation does
    this with names it does not know.  Flagged when the token is exactly the syllable-by-
    syllable romanisation of characters of that sentence in a CJK version, no other
    version writes it, and the other Latin versions agree on one name this version lacks
    in the sentence."""
    cjk = [w for w, W in vs.items() if w != vid and W.v.script in ("Hani", "Hans", "Hant", "Jpan", "Kore")]
    if not cjk or ctx.alignment is None:
        return []
    # every CJK run of these versions romanised, one string: a key that is no part of it is
    # the romanisation of no run of any sentence (a cheap test before the row-by-row one)
    ck = ("all", tuple(cjk))
    got = cache.get(ck)
    if got is None:
        everything = "|".join("".join([_key(ch) for ch in run]) for w in cjk
                              for seg in ctx.segments.get(w, ()) for run in _CJK_RUN.findall(seg.text))
        got = cache[ck] = (everything, {everything[i:i + ROMAN_MIN_KEY] for i in range(len(everything) - ROMAN_MIN_KEY + 1)})
    everything, grams = got
    out = []
    for lower, toks in V.forms.items():
        t0 = toks[0]
        if (t0.cls != "Latn" or len(t0.key) < ROMAN_MIN_KEY or t0.key[:ROMAN_MIN_KEY] not in grams or t0.key not in everything
                or any(t.start in flagged for t in toks)):
            continue
        occ = ix.occ_key.get(t0.key, ())
        if len(occ) > 1 or (occ and vid not in occ) or len(t0.key) > ROMAN_MAX_KEY:
            continue  # another version writes it too (Lin Guodong in every Latin version)
        rows = sorted({t.row for t in toks if t.row >= 0 and any(
            _romanised_in(t.key, _romanisations(ctx, w, t.row, cache)) for w in cjk)})
        if not rows:
            continue
        # the names the other Latin versions (>= 2, of >= 2 languages) agree on in every
        # sentence of the token, which this version lacks in at least one of them
        cands = None
        for r in rows:
            agreed = {}
            for (cls, key), vids in ix.row_names.get(r, {}).items():
                w = {x for x in vids if x != vid and vs[x].v.script == "Latn"}
                if cls == "Latn" and len(key) >= 4 and ix.units(w) >= 2 and len({ix.lang[x] for x in w}) >= 2:
                    agreed[key] = w
            cands = agreed if cands is None else {k: cands[k] | w for k, w in agreed.items() if k in cands}
        lacking = [k for k in sorted(cands) if any(
            not _has_name([x for x in V.by_row.get(r, ()) if x.key != t0.key], k, _loose(k)) for r in rows)]
        if len(lacking) != 1:
            continue
        expected = (lacking[0], cands[lacking[0]])
        bad = [t for t in toks if t.row in rows]
        if not bad or expected is None:
            continue
        if zipf(lower, V.lang) >= COMMON_ZIPF:
            continue
        key, wit = expected
        own = sum(len(ts) for ts in V.forms.values() if ts[0].key == key)
        base = V.surfaces_of(key) if own and not V.lowercased else None
        if base is None or base == key:
            sf = ix.surf.get(("Latn", key))
            base = _top(sf) if sf else key
        langs = sorted({ix.lang[x] for x in wit})
        msg = (f'"{t0.surface}" here, the romanisation of the name\'s CJK characters; '
               f'{len(wit)} other version(s) ({", ".join(langs)}) write "{base}" in this sentence')
        if own:
            msg += f' and this version writes it {own} time(s) elsewhere'
        out.append(Flag("MT101" if own else "MT102", vid, bad, base, msg,
                        "error" if ix.units(wit) >= 3 else "warning", min(0.9, 0.5 + 0.1 * ix.units(wit)), _loose(key)))
    return out


LITERAL_MIN_SIM = 0.65  # lower-cased text: similarity a row's unexplained word needs to a name missing there (César ~ Kaiser)


def _literal_names(V, vid, vs, ix, flagged):
    """A name translated as a word, or replaced, in one sentence: >= 3 independent versions
    of >= 2 languages write the name N there, this version writes N in other sentences but
    not in this one, and it has in its place one capitalised word that no other version
    writes near this sentence and that it uses nowhere else ("Helena Bataklık" in a
    Turkish text that writes Marsh elsewhere).  In a lower-cased version nothing marks a
    name, so the word must also resemble N (césar for kaiser), above a lower threshold
    than elsewhere: the sentence is strong evidence."""
    if not V.lowercased or V.v.script != "Latn":
        return []  # in cased text a capitalised stand-in is mostly an inflected or local form (measured on ntrex)
    out = []
    own_by3: dict[str, list] = {}  # key[:3] -> [(a-z key, the version's tokens of it)], built on first use
    rows_cache: dict[str, set[int]] = {}
    row_missing: dict[int, list] = {}
    lack_rows: dict[str, set[int]] = defaultdict(set)
    for r in sorted(V.by_row):
        if r < 0:
            continue
        mine = V.by_row[r]
        missing = []
        for (cls, key), vids in ix.row_names.get(r, {}).items():
            if cls != "Latn" or len(key) < 4:
                continue
            w = vids - {vid}
            if ix.units(w) < 3 or len({ix.lang[x] for x in w}) < 2:
                continue
            rows_here = rows_cache.get(key)
            if rows_here is None:  # an inflection shares the name's first three letters
                if not own_by3:
                    for lower, ts in V.forms.items():
                        if V.lowercased or lower in V.proper:
                            k = ts[0].key
                            lst = own_by3.get(k[:3])
                            if lst is None:
                                own_by3[k[:3]] = [(k, ts)]
                            else:
                                lst.append((k, ts))
                rows_here = rows_cache[key] = {t.row for k, ts in own_by3.get(key[:3], ()) if k == key or is_inflection(key, k)
                                               for t in ts}
            if not rows_here or r in rows_here:
                continue  # the version never writes N (not its rendering), or writes it here
            if any(x.loose == _loose(key) or is_inflection(key, x.key) for x in mine):
                continue
            missing.append((key, w))
        if len(missing) == 1:
            row_missing[r] = missing
            lack_rows[missing[0][0]].add(r)
    for r, missing in sorted(row_missing.items()):
        mine = V.by_row[r]
        key, wit = missing[0]
        near_keys = set()
        for rr in (r - 1, r, r + 1):
            for (_c, k), vids in ix.row_caps.get(rr, {}).items():
                if vids - {vid}:
                    near_keys.add(k)
        cands = []
        for x in mine:
            if x.cls != "Latn" or len(x.key) < 4 or x.start in flagged or x.key == key:
                continue
            if not V.lowercased and (not x.cap or x.initial or x.lower in V.lows or x.surface.isupper()):
                continue
            if x.key in near_keys or any(is_inflection(k, x.key) or is_inflection(x.key, k) for k in near_keys if k[:2] == x.key[:2]):
                continue  # another version writes it here: a name of the sentence
            if not {t.row for t in V.forms[x.lower]} <= lack_rows[key]:
                continue  # used in other sentences too: a word or a local rendering
            if V.lowercased:
                if x.loose[:1] != _loose(key)[:1]:
                    continue  # a word of the sentence, not the name (Turkish gececiler beside Czeisler)
                s = max(similarity(x.key, key), similarity(x.loose, _loose(key)))
                if s < LITERAL_MIN_SIM:
                    continue
                cands.append((s, x))
            else:
                cands.append((0.0, x))
        if V.lowercased:
            cands.sort(key=lambda c: (-c[0], c[1].start))
            if not cands or (len(cands) > 1 and cands[1][0] > cands[0][0] - 0.1):
                continue
        elif len(cands) != 1:
            continue
        x = cands[0][1]
        if V.lowercased:
            base = key
        else:
            base = V.surfaces_of(key)
            if base == key:
                sf = ix.surf.get(("Latn", key))
                base = _top(sf) if sf else key
        langs = sorted({ix.lang[w] for w in wit})
        out.append(Flag(
            "MT101", vid, [x], base,
            f'"{x.surface}" here; {len(wit)} other version(s) ({", ".join(langs)}) name "{base}" in this sentence, '
            f'and this version writes "{base}" elsewhere (a name translated as a word?)',
            "warning", 0.55, _loose(key)))
    return out


def _own_name(V, vid, t, ix, V_keys):
    """A sentence-initial mention in the only version of its script, close to a name the
    version itself writes mid-sentence which the other versions (any script) write in this
    row: "Линдквест была ..." in a Russian text that has Линдквист elsewhere."""
    if len(t.key) < 5 or zipf(t.lower, V.lang) >= COMMON_ZIPF:
        return None
    loose_here: dict[str, set[str]] = defaultdict(set)
    for (_c, key), vids in ix.row_names.get(t.row, {}).items():
        loose_here[_loose(key)] |= vids - {vid}
    best = None
    for c_key in V_keys:
        if c_key == t.key or abs(len(c_key) - len(t.key)) > 2 or c_key[:1] != t.key[:1]:
            continue
        lk = _loose(c_key)
        if len(loose_here.get(lk, ())) < 2:
            continue
        s = similarity(t.key, c_key)
        if s >= ROW_RULE_MIN and not _variant_of(V, t.key, t.loose, c_key, lk) and (best is None or s > best[0]):
            best = (s, c_key, len(loose_here[lk]))
    if best is None:
        return None
    s, c_key, n = best
    base = V.surfaces_of(c_key)
    return Flag("MT101", vid, [t], base,
                f'"{t.surface}" here; this version writes "{base}" elsewhere and {n} other version(s) have that name in this sentence',
                "error" if n >= 3 else "warning", min(0.95, 0.5 * s + 0.1 * min(n, 4)), c_key)


def _row_rule(V, vid, weak, ix, threshold):
    """Sentence-initial or dictionary-looking capitalised words: flagged only when most
    versions of the script (>= 3) write a very similar name N in the same aligned row and
    this version has no N in that row (Aer Niugini at the start of a sentence, "Past" for
    Post).  A form the version uses in several sentences is a local rendering, not a slip."""
    out = []
    row_loose: dict[int, set[str]] = {}
    rows_of_form: dict[str, set[int]] = defaultdict(set)
    for t in V.tokens:
        rows_of_form[t.lower].add(t.row)
    V_keys = {x.key for x in V.tokens if x.lower in V.proper}
    for t in weak:
        shared = ix.shared_names(t.row, t.cls)
        if not shared:
            f = _own_name(V, vid, t, ix, V_keys)
            if f is None and t.cls in _LR_SWAP and len(ix.occ_key.get(t.key, ())) == 1 \
                    and zipf(t.lower, V.lang) < COMMON_ZIPF:
                f = _lr_slip(V, vid, [t], ix, {t.row}, None, threshold) or _doubled(V, vid, [t], ix)
            if f is not None:
                out.append(f)
            continue
        several = len(rows_of_form[t.lower])
        if several > 2:
            continue  # used in several sentences: a local rendering (Czech Paulu for Palu)
        common = zipf(t.lower, V.lang) >= COMMON_ZIPF
        n_script = len(ix.row_vers.get((t.row, t.cls), ()) - {vid})
        best = None
        for key, lk, vids in shared:
            if key == t.key or abs(len(key) - len(t.key)) > 3 or len(t.key) < 4:
                continue
            n = len({ix.lang[x] for x in vids} - {V.lang})  # languages, not versions (fr.deepl, fr.google)
            # N must be what most versions of this script write in the row: an exonym or a
            # cognate noun (Eropa, Parlemen) differs from language to language
            if n < 3 or n < 0.6 * n_script:
                continue
            s = similarity(t.key, key)
            if s < ROW_RULE_MIN and not (t.loose == lk and _lr(t.key) != _lr(key)):
                continue  # (one name but for l and r, which metaphone scores low: Selgio for Sergio)
            if common and (len(key) != len(t.key) or Levenshtein.distance(key, t.key) > 1):
                continue  # a dictionary word: only a one-letter substitution (Past for Post)
            if common and _w_for_u(key, t.key):
                continue  # a common word, the name's w written u: an exonym (Spanish Malaui for Malawi)
            mine = row_loose.get(t.row)
            if mine is None:
                mine = row_loose[t.row] = {x.loose for x in V.by_row.get(t.row, ())}
            if any(m == lk or (m.startswith(lk[:-1]) and len(m) - len(lk) <= 5) for m in mine if m != t.loose):
                continue  # this version has N (or an inflection of it) in the row
            if _variant_of(V, t.key, t.loose, key, lk):
                continue
            if best is None or s > best[0]:
                best = (s, lk, key, n)
        if best is None:
            continue
        s, lk, c_key, n = best
        if several > 1 and c_key not in V_keys:
            continue  # used in several sentences and never contradicted in the version: a local rendering
        sf = ix.surf.get((t.cls, c_key))
        base = _top(sf) if sf else c_key
        own = ix.bykey.get((t.cls, c_key), {}).get(vid, 0)
        code = "MT101" if own and c_key in V_keys else "MT102"
        if code == "MT102" and (vid in ix.source or (V.lang in NOUN_CAPITALISING and not any(
                ix.lang[x] != V.lang for x in ix.name_vids.get(lk, ())))):
            continue  # the source is the reference point; German nouns only other languages can call names
        msg = f'"{t.surface}" here; {n} other version(s) write "{base}" in the same sentence'
        if code == "MT101":
            msg += f' and this version writes "{base}" {own} time(s) elsewhere'
        out.append(Flag(code, vid, [t], base, msg, "error" if n >= 4 else "warning",
                        min(0.95, 0.5 * s + 0.1 * min(n, 4)), c_key))
    return out


# ---------------------------------------------------------------------------
# glossary


def _glossary_words(glossary, vs):
    """version id -> [(entry, accepted lower words, rejected lower words)]"""
    out = {}
    for vid, V in vs.items():
        lst = []
        for e in glossary.entries:
            acc = []
            for form in e.forms_for(V.v.lang, V.v.language):
                acc.extend(m.group() for m in _TOKEN_RE.finditer(form))
            rej = [m.group() for r in e.reject for m in _TOKEN_RE.finditer(r)]
            lst.append((e, acc, rej))
        out[vid] = lst
    return out


def _glossary_flags(V, entries, glossary_ok, threshold):
    vid = V.v.id
    flags = []
    for e, acc, rej in entries:
        acc_l = [(a, a.lower(), _key(a.lower())) for a in acc if len(_key(a.lower())) >= _MIN_KEY]
        rej_l = {_key(r.lower()) for r in rej}
        if not acc_l:
            continue
        acc_cls = {m.lastgroup for a, _, _ in acc_l for m in _TOKEN_RE.finditer(a)}
        for lower, toks in V.forms.items():
            t0 = toks[0]
            if len(t0.key) < _MIN_KEY:
                continue
            if any(lower == al or (e.inflect and is_inflection(al, lower)) for _, al, _ in acc_l):
                glossary_ok.update((vid, t.start) for t in toks)
                continue
            rejected = t0.key in rej_l or any(t0.key.startswith(r) and is_inflection(r, t0.key) for r in rej_l)
            if not rejected:
                if t0.cls not in acc_cls:
                    continue
                if t0.cls in CASED and not V.lowercased and lower not in V.proper:
                    continue
                if zipf(lower, V.lang) >= COMMON_ZIPF:
                    continue
            best = max(((prefix_similarity(t0.key, ak), a) for a, _, ak in acc_l), key=lambda x: x[0][0])
            (s, cut), a = best
            if not rejected and s < threshold:
                continue
            glossary_ok.update((vid, t.start) for t in toks)
            conf = 0.95 if rejected else min(0.95, s)
            flags.append(Flag(
                "MT103", vid, list(toks), a,
                f'"{t0.surface}" here; the glossary ({e.canonical}) '
                + ("rejects this form and " if rejected else "")
                + f'accepts "{a}"' + (f" for {V.v.lang}" if e.has_forms_for(V.v.lang, V.v.language) else ""),
                "error", conf, e.canonical,
                cut if cut < len(t0.key) and len(t0.lower) == len(t0.key) else -1,
            ))
    return flags


# ---------------------------------------------------------------------------
# entity table


def _entity_table(vs, flags, name_vids, glossary) -> list[dict]:
    deviant: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    for f in flags:
        deviant[_loose(_key(f.entity.lower().split()[-1])) if f.code == "MT103" else _loose(f.entity)][f.version][f.tokens[0].surface] += len(f.tokens)
    keys = {lk for lk, vids in name_vids.items() if len(vids) >= 2 and len(lk) >= 4} | set(deviant)
    entities = []
    # one pass over every version's forms: loose key (or its stem) -> renderings
    found: dict[str, dict[str, dict[str, int]]] = {}
    canons: dict[str, dict[str, int]] = {}
    for vid, V in vs.items():
        proper = V.proper
        for lower, ts in V.forms.items():
            t = ts[0]
            lo = t.loose
            exact = lo in keys
            if exact:
                hit = lo
            elif lower in proper:
                hit = None
                for k in range(1, 5):
                    if len(lo) - k >= 3 and lo[:-k] in keys:
                        hit = lo[:-k]
                        break
                if hit is None:
                    continue
            else:
                continue
            n = len(ts)
            fl = found.get(hit)
            if fl is None:
                fl = found[hit] = {}
            fv = fl.get(vid)
            if fv is None:
                fv = fl[vid] = {}
            fv[t.surface] = fv.get(t.surface, 0) + n
            if exact and t.cls == "Latn" and t.cap:
                cd = canons.get(lo)
                if cd is None:
                    cd = canons[lo] = {}
                cd[t.surface] = cd.get(t.surface, 0) + n
    empty: dict = {}
    for lk in sorted(keys):
        per_version = {}
        canon = canons.get(lk)
        f_lk, d_lk = found.get(lk, empty), deviant.get(lk, empty)
        for vid in vs:
            if vid not in f_lk and vid not in d_lk:
                continue  # nothing for this version (most versions, most keys)
            c = dict(f_lk.get(vid, empty))
            dev = d_lk.get(vid, empty)
            for surface, n in dev.items():
                c[surface] = n
            if c:
                per_version[vid] = {
                    "renderings": dict(sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))),
                    "deviant": sorted(dev),
                }
        if len(per_version) < 2 and lk not in deviant:
            continue
        entities.append({
            "entity": _top(canon) if canon else lk,
            "key": lk,
            "versions": per_version,
            "flagged": sum(sum(d.values()) for d in deviant.get(lk, empty).values()),
        })
    entities.sort(key=lambda e: (-e["flagged"], -len(e["versions"]), e["key"]))
    return entities


# ---------------------------------------------------------------------------
# checks


def _analysis(ctx, check) -> Analysis:
    thr = ctx.option(InconsistentName, "threshold")

    def compute():
        ana = analyse(ctx, threshold=thr)
        ctx.extras["entities"] = ana.entities
        return ana

    return ctx.cached("names", compute)


def _emit(ctx, check, code):
    ana = _analysis(ctx, check)
    for f in ana.flags:
        if f.code != code:
            continue
        for t in f.tokens:
            yield ctx.finding(
                check, f.version, t.start, t.end,
                message=f.message,
                expected=_adapt(f.expected_base, t, f.suffix_cut),
                severity=f.severity,
                row=t.row if t.row >= 0 else None,
                confidence=f.confidence,
                data={"entity": f.entity},
            )


_OPTIONS = {"threshold": (float, 0.72, "similarity (mean of Indel and metaphone ratios) above which two names are one entity")}


@register
class InconsistentName(Check):
    """One entity written in different ways within a version.

    Machine translation garbles names, and not consistently: the same person gets
    two or three spellings in one text, and readers take them for different people.
    A mention is flagged when the version itself also uses the right form (the one
    the other versions confirm), even when the wrong form is the version's majority;
    inflected forms (Altmana, Altmanin, Альтману) are never flagged.

    Example (machine-translated French, lower-cased)::

        mulati a promis de faire pression ... et murati a repris son poste
        ^^^^^^ expected "murati": this version writes "murati" 2 times and
               14 mentions in 6 other versions read "Murati"
    """

    code = "MT101"
    name = "names.inconsistent"
    severity = "error"
    options = _OPTIONS

    def run(self, ctx):
        yield from _emit(ctx, self, self.code)


@register
class CrossVersionName(Check):
    """A version's rendering of a name differs from what the other versions agree on.

    When every mention in a version is wrong there is no evidence inside the version:
    only the other versions of the same script reveal it (a Finnish text writing
    "Krona" throughout where every other version has "Wrona").  A local rendering in
    a script no other version shares is left alone; common words of the version's
    language (exonyms such as Londres, Lontoo) are never flagged.  The ``source``
    version is never flagged from translation evidence; near-copies of one text
    (en.mt, en.pert) count as one witness; one language's majority does not overrule
    another language's rendering; in German (nouns capitalised) a word is a name only
    if a version in another language has it.  A name replaced by an unrelated one
    (every other version of the script, and the source, name N in the sentence; this
    version has one capitalised word nobody else has) is a warning.  A Cyrillic or
    Greek name with l where the Latin versions write r (or the reverse), or with a
    doubled letter none of them doubles, is flagged even as the only version of its
    script: the slips of a system translating through Chinese.

    Example::

        fi: Krona kertoi ...      expected "Wrona"
            "Krona" here; 9 mentions in 6 other versions read "Wrona"
        ru: Мулати заявила ...    expected "Мурати"
            "Мулати" here; 7 Latin-script version(s) write "Murati" in this sentence,
            which reads "Мурати" in this script (l and r confused)
    """

    code = "MT102"
    name = "names.cross-version"
    severity = "error"
    options = _OPTIONS

    def run(self, ctx):
        yield from _emit(ctx, self, self.code)


@register
class GlossaryName(Check):
    """A mention that deviates from the user's name glossary (``names.toml``).

    The glossary lists canonical names and their accepted forms, per language when
    needed, and known wrong forms (``reject``).  Its forms take precedence over the
    automatic evidence: a form the glossary accepts is never flagged by MT101/MT102,
    and a near miss of an accepted form is flagged here even when the other versions
    share the mistake.

    Example (``names.toml`` has ``canonical = "Mira Murati"``, ``ru = ["Мурати"]``)::

        ru: ... заявила Мулати.     expected "Мурати"
    """

    code = "MT103"
    name = "names.glossary"
    severity = "error"
    options = {}

    def run(self, ctx):
        yield from _emit(ctx, self, self.code)
