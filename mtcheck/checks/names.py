"""Names (MT1xx): one entity written in different ways, within or across versions.

How a mention is judged (the analysis is shared by the three checks, computed once
per article and kept in ``ctx.cache["names"]``):

1. Every version is cut into word tokens of one script each (Latin, Cyrillic, Greek,
   Arabic, Hebrew, Indic, katakana, Hangul); Han characters are not tokenised, so
   names written in Han characters are not compared (Latin names inside Chinese or
   Japanese text are, like any Latin mention).  Each token gets a key: ``anyascii``
   transliteration reduced to a-z, plus a looser key (ck->k, w->v, y->i, ou->u,
   doubled letters collapsed) so that Альтман, Άλτμαν and Altman share one key.
2. Candidate mentions: capitalised tokens that are not sentence-initial and never
   written in lower case in their version (in lower-cased versions, and for
   sentence-initial words: tokens that resemble a name another version has in the
   same aligned row).  Common words of the version's language (``wordfreq`` Zipf
   >= 3, when installed) are never candidates: this keeps exonyms (Lontoo, Londres),
   German nouns and months out.
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

   A local rendering in a script no other version shares (Харрис in the only Russian
   version) is left alone unless the version itself contradicts it.

``expected`` keeps the mention's casing and its inflection ending ("Mulatiego" ->
"Muratiego").  ``ctx.extras["entities"]`` lists every entity with its renderings
per version, their counts and which ones were flagged.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from .base import Check, register

# ---------------------------------------------------------------------------
# tokens

_TOKEN_RE = re.compile(
    r"(?P<Latn>[A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\u1E00-\u1EFF\u0300-\u036F]+)"
    r"|(?P<Cyrl>[\u0400-\u0481\u048A-\u052F]+)"
    r"|(?P<Grek>[\u0386\u0388-\u03FF\u1F00-\u1FFF]+)"
    r"|(?P<Arab>[\u0620-\u065F\u066E-\u06D3\u06D5\u06FA-\u06FF\u0750-\u077F]+)"
    r"|(?P<Hebr>[\u05D0-\u05EA\u05B0-\u05C7]+)"
    r"|(?P<Indic>[\u0900-\u0963\u0971-\u097F\u0980-\u0DFF]+)"
    r"|(?P<Kana>[\u30A1-\u30FA\u30FC\u31F0-\u31FF]+)"
    r"|(?P<Hang>[\uAC00-\uD7AF]+)"
)
CASED = {"Latn", "Cyrl", "Grek"}
NOUN_CAPITALISING = {"de", "lb"}
_SENT_END = frozenset(".!?:;…\"“”«»„「」『』。！？\n")
_VOWELS = set("aeiouy")
_MIN_KEY = 3
COMMON_ZIPF = 2.5  # a word this frequent in the version's language is not taken for a garbled name
ROW_SLACK = 0.04  # a name in the same aligned row is accepted a little below the threshold

try:  # pragma: no cover - import guard
    from anyascii import anyascii as _anyascii
except ModuleNotFoundError:  # pragma: no cover
    import unicodedata

    def _anyascii(s: str) -> str:
        return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()


_NON_AZ = re.compile(r"[^a-z]+")


@lru_cache(maxsize=200_000)
def _key(lower: str) -> str:
    if lower.isascii():
        return _NON_AZ.sub("", lower)
    return _NON_AZ.sub("", _anyascii(lower).lower())


_LOOSE_SUBS = (("dzh", "j"), ("zh", "j"), ("dz", "j"), ("l", "r"), ("ph", "f"), ("ck", "k"), ("kh", "h"), ("ou", "u"), ("oy", "u"), ("c", "k"), ("q", "k"),
               ("w", "v"), ("y", "i"), ("z", "s"), ("x", "ks"), ("j", "i"))
_DOUBLE = re.compile(r"(.)\1+")


@lru_cache(maxsize=200_000)
def _loose(key: str) -> str:
    for a, b in _LOOSE_SUBS:
        key = key.replace(a, b)
    return _DOUBLE.sub(r"\1", key)


import jellyfish  # noqa: E402
from rapidfuzz.distance import Indel  # noqa: E402


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


_ROMAN = (("sz", "sh"), ("cz", "ch"), ("w", "v"), ("gj", "g"), ("kj", "k"))


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
    if len(dropped) == 2 and _key(dropped[0]) == "e":
        return len(form) - k <= 4
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


def tokenize(version, segments, rows_of) -> list[Token]:
    out: list[Token] = []
    text = version.check_text
    for seg in segments:
        row = rows_of.get(seg.index, -1)
        prev_end = seg.start
        first = True
        for m in _TOKEN_RE.finditer(seg.text):
            s = seg.start + m.start()
            e = seg.start + m.end()
            surface = m.group()
            gap = text[prev_end:s]
            initial = first or not _SENT_END.isdisjoint(gap)
            first = False
            prev_end = e
            lower = surface.lower()
            key = _key(lower)
            if len(key) < _MIN_KEY and len(surface) < 2:
                continue
            cls = m.lastgroup or "Latn"
            out.append(Token(s, e, surface, lower, key, _loose(key), cls, surface[0].isupper(), initial, row))
    return out


# ---------------------------------------------------------------------------
# word frequencies (optional)

_WF: dict[str, frozenset | None] = {}


def _common_words(language: str) -> frozenset | None:
    """Words of Zipf >= COMMON_ZIPF in a language, from ``wordfreq`` when installed.

    Reading a full wordfreq list costs ~0.4 s per language, so the (much smaller)
    set of common words is kept in a per-user cache file after the first use."""
    if language in _WF:
        return _WF[language]
    words = None
    try:
        import os
        import pickle

        import wordfreq

        ver = getattr(wordfreq, "__version__", "x")
        cache_dir = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "mtcheck")
        path = os.path.join(cache_dir, f"common-{language}-{COMMON_ZIPF}-{ver}.pickle")
        try:
            with open(path, "rb") as fh:
                words = pickle.load(fh)
        except (OSError, EOFError, pickle.UnpicklingError):
            if language in wordfreq.available_languages():
                min_freq = 10 ** (COMMON_ZIPF - 9)
                d = wordfreq.get_frequency_dict(language)
                words = frozenset(w for w, f in d.items() if f >= min_freq)
                try:
                    os.makedirs(cache_dir, exist_ok=True)
                    tmp = f"{path}.{os.getpid()}.tmp"
                    with open(tmp, "wb") as fh:
                        pickle.dump(words, fh, protocol=pickle.HIGHEST_PROTOCOL)
                    os.replace(tmp, path)
                except OSError:
                    pass
    except Exception:  # pragma: no cover - wordfreq missing or broken
        words = None
    _WF[language] = words
    return words


def zipf(word: str, language: str) -> float:
    """COMMON_ZIPF when ``word`` is a common word of the language, else 0."""
    words = _common_words(language)
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
    __slots__ = ("v", "tokens", "lowercased", "proper", "forms", "loose_set", "surfaces", "by_row", "lang")

    def __init__(self, v, tokens):
        self.v = v
        self.tokens = tokens
        self.lang = v.language
        cased = [t for t in tokens if t.cls in CASED]
        n_cap = sum(1 for t in cased if t.cap)
        self.lowercased = bool(cased) and n_cap <= 0.01 * len(cased)
        stats: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # n, cap_mid, lowercase
        for t in tokens:
            st = stats[t.lower]
            st[0] += 1
            if t.cap and not t.initial:
                st[1] += 1
            if not t.cap:
                st[2] += 1
        main_cased = v.script in CASED
        self.proper = set()
        for lower, (n, cap_mid, low) in stats.items():
            if low:
                continue
            if cap_mid or (not main_cased and lower != lower.upper()):
                self.proper.add(lower)
        self.forms: dict[str, list[Token]] = defaultdict(list)
        self.surfaces: dict[str, Counter] = defaultdict(Counter)
        self.by_row: dict[int, list[Token]] = defaultdict(list)
        for t in tokens:
            self.forms[t.lower].append(t)
            self.by_row[t.row].append(t)
        self.loose_set = {t.loose for t in tokens if len(t.key) >= _MIN_KEY}


def analyse(ctx, threshold: float = 0.72) -> Analysis:
    article = ctx.article
    vs: dict[str, _Version] = {}
    for v in article.versions:
        rows_of = ctx.rows_of(v.id)
        vs[v.id] = _Version(v, tokenize(v, ctx.segments.get(v.id, ()), rows_of))
    ana = Analysis()
    if not vs:
        return ana

    # where each loose key occurs: loose -> set of version ids
    occurs: dict[str, set[str]] = defaultdict(set)  # "cls:key" and loose key -> versions
    occurs_loose: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for vid, V in vs.items():
        for t in V.tokens:
            if len(t.key) >= _MIN_KEY:
                occurs[t.key].add(vid)
                occurs_loose[t.loose].add((vid, t.cls))
    # names: proper tokens of versions (German nouns only when attested elsewhere)
    name_vids: dict[str, set[str]] = defaultdict(set)  # loose key -> versions where it is a proper name
    name_keys: set[str] = set()
    row_names: dict[int, dict[str, tuple[str, str]]] = defaultdict(dict)  # row -> loose -> (key, vid)
    for vid, V in vs.items():
        noun_caps = V.lang in NOUN_CAPITALISING
        for t in V.tokens:
            if t.lower not in V.proper or len(t.key) < _MIN_KEY:
                continue
            if noun_caps and len(occurs[t.loose]) < 2:
                continue
            name_vids[t.loose].add(vid)
            name_keys.add(t.key)
            row_names[t.row].setdefault((t.cls, t.key), (t.key, vid))

    glossary = getattr(article, "glossary", None)
    gl_words = _glossary_words(glossary, vs) if glossary else {}

    def supported(V: _Version, t: Token) -> bool:
        vid = V.v.id
        if len(occurs.get(t.key, ())) > 1:
            return True
        # a Cyrillic/Greek form that transliterates to another version's name is supported
        # (Альтман ~ Altman); Latin forms are judged against Latin versions only, since the
        # loose key would hide garbles such as Vladimmir ~ Владимир
        if t.cls != "Latn" and any(ov != vid and cls != t.cls for ov, cls in occurs_loose.get(t.loose, ())):
            return True
        # compounds and derived words containing a name attested elsewhere (Nordkoreas, Amerikalıları)
        k = t.key
        for i in range(0, max(0, len(k) - 5) + 1):
            for j in range(len(k), i + 3, -1):
                if j - i <= len(k) - 2 and len(occurs.get(k[i:j], ())) > 1 and k[i:j] in name_keys:
                    return True
        # inflected: a stem attested as a name in another version (or by this version's supported form)
        lk = t.key
        for cut in range(len(lk) - 1, max(3, len(lk) - 5) - 1, -1):
            stem = lk[:cut]
            for cand in (stem, stem + "a", stem + "e", stem + "o", stem + "i", stem + "s"):
                if cand in name_keys and len(occurs.get(cand, set()) - {vid}) >= 1 and is_inflection(cand, lk):
                    return True
        return False

    flags: list[Flag] = []
    glossary_ok: set[tuple[str, int]] = set()
    for vid, V in vs.items():
        # glossary first: it takes precedence
        if gl_words:
            flags.extend(_glossary_flags(V, gl_words.get(vid, ()), glossary_ok, threshold))
        decided: dict[str, Flag | None] = {}
        for lower, toks in V.forms.items():
            t0 = toks[0]
            if len(t0.key) < _MIN_KEY or t0.cls not in CASED:
                continue
            if any((vid, t.start) in glossary_ok for t in toks):
                continue
            proper = lower in V.proper
            if not proper and not V.lowercased and t0.cls in CASED and V.v.script in CASED:
                continue  # a lower-case word in a cased text is not a name
            if zipf(lower, V.lang) >= COMMON_ZIPF:
                continue
            if supported(V, t0):
                continue
            f = _judge(V, vid, toks, vs, occurs, name_vids, row_names, supported, threshold, proper)
            if f is not None:
                decided[lower] = f
                flags.append(f)
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
    ana.entities = _entity_table(vs, flags, name_vids, glossary)
    return ana


def _judge(V, vid, toks, vs, occurs, name_vids, row_names, supported, threshold, proper):
    t0 = toks[0]
    # the best name of another version in the rows of this form's mentions
    rows = {t.row for t in toks}
    best = (0.0, "", -1, "")
    matched_rows = 0
    for r in rows:
        hit = False
        for rr in (r, r - 1, r + 1):
            for (ocls, key), (_k, ovid) in row_names.get(rr, {}).items():
                lk = _loose(key)
                if ovid == vid and not (len(name_vids.get(lk, ())) > 1):
                    continue
                if key == t0.key:
                    continue
                if ocls == t0.cls:
                    s, cut = prefix_similarity(t0.key, key)
                    s += 1.0  # a name in the same script always wins over a transliterated one
                else:
                    s, cut = prefix_similarity(t0.loose, lk)
                    cut = len(t0.key)
                if s % 1.0 >= threshold - ROW_SLACK or s >= 1.0 + threshold - ROW_SLACK:
                    hit = True
                    if s > best[0]:
                        best = (s, lk, cut, key)
        matched_rows += hit
    best = (best[0] - 1.0 if best[0] >= 1.0 else best[0],) + best[1:]
    if best[0] < threshold - ROW_SLACK:
        return None
    if not proper and matched_rows < max(1, len(rows) / 2):
        return None  # a common word that happens to resemble a name in one row
    if not proper and t0.cap and t0.initial and best[0] < 0.8:
        return None
    score, c_loose, cut, c_key = best
    if cut < len(t0.lower) and zipf(t0.lower[:cut], V.lang) >= COMMON_ZIPF:
        return None
    cls = t0.cls
    # evidence in the same script: versions that write c, versions that write something else similar
    agree: dict[str, int] = {}
    disagree: set[str] = set()
    surf = Counter()
    for ovid, OV in vs.items():
        if ovid == vid:
            continue
        n = 0
        other = False
        for lower, ts in OV.forms.items():
            t = ts[0]
            if t.cls != cls or len(t.key) < _MIN_KEY:
                continue
            if t.key == c_key or (len(t.key) > len(c_key) and t.key.startswith(c_key) and is_inflection(c_key, t.key)):
                n += len(ts)
                if t.key == c_key:
                    surf[t.surface if not V.lowercased else t.surface] += len(ts)
            elif t.key == t0.key:
                other = True
            elif (lower in OV.proper) and similarity(t.key, c_key) >= threshold:
                other = True
        if n:
            agree[ovid] = n
        elif other:
            disagree.add(ovid)
    # within the version itself
    own = Counter()
    for lower, ts in V.forms.items():
        t = ts[0]
        if t.cls == cls and t.key == c_key:
            own[t.surface] += len(ts)
    for s_own in own:
        a, b = s_own.lower(), t0.lower
        if is_inflection(a, b) or is_inflection(b, a):
            return None
    if is_inflection(c_key, t0.key) or (c_key.startswith(t0.key) and len(c_key) - len(t0.key) <= 2):
        return None
    if _romanised(t0.key) == _romanised(c_key):
        return None  # a local romanisation (Polish Zaew, Duszko for Zaev, Dushko)
    latin_support = len(name_vids.get(c_loose, ()) - {vid})
    n_agree = len(agree)
    if own and latin_support >= 1:
        code = "MT101"
        base = own.most_common(1)[0][0]
        if similarity(t0.key, _key(base.lower())) < threshold - ROW_SLACK:
            return None  # the version's own form does not resemble this mention: another name
        strong = latin_support >= 2 or n_agree >= 2
    elif n_agree >= 2 and n_agree / (n_agree + len(disagree)) >= 0.6:
        code = "MT102"
        base = surf.most_common(1)[0][0] if surf else c_key
        strong = n_agree >= 3 or (n_agree >= 2 and not disagree)
    else:
        return None
    if own and sum(own.values()) > 0:
        pass
    n_mentions = sum(agree.values())
    if code == "MT101":
        msg = (f'"{t0.surface}" here; this version writes "{base}" {sum(own.values())} time(s)'
               + (f' and {n_mentions} mention(s) in {n_agree} other version(s) read "{base}"' if n_agree else
                  f'; {latin_support} other version(s) agree'))
    else:
        msg = f'"{t0.surface}" here; {n_mentions} mention(s) in {n_agree} other version(s) read "{base}"'
        if disagree:
            msg += f" ({len(disagree)} other version(s) differ)"
    conf = min(0.99, 0.5 * score + 0.12 * min(n_agree + (1 if own else 0), 4))
    return Flag(code, vid, list(toks), base, msg, "error" if strong else "warning", conf, c_key,
                cut if cut < len(t0.key) and len(t0.lower) == len(t0.key) else -1)


def supported_any(t, occurs, c_loose) -> bool:
    return len(occurs.get(t.loose, ())) > 1


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
    found: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    canons: dict[str, Counter] = defaultdict(Counter)
    for vid, V in vs.items():
        for lower, ts in V.forms.items():
            t = ts[0]
            lo = t.loose
            if lo in keys:
                found[lo][vid][t.surface] += len(ts)
                if t.cls == "Latn" and t.cap:
                    canons[lo][t.surface] += len(ts)
            elif lower in V.proper:
                for k in range(1, 5):
                    if len(lo) - k >= 3 and lo[:-k] in keys:
                        found[lo[:-k]][vid][t.surface] += len(ts)
                        break
    for lk in sorted(keys):
        per_version = {}
        canon = canons.get(lk, Counter())
        for vid, V in vs.items():
            c = Counter(found.get(lk, {}).get(vid, {}))
            dev = deviant.get(lk, {}).get(vid, Counter())
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
            "entity": canon.most_common(1)[0][0] if canon else lk,
            "key": lk,
            "versions": per_version,
            "flagged": sum(sum(d.values()) for d in deviant.get(lk, {}).values()),
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
    language (exonyms such as Londres, Lontoo) are never flagged.

    Example::

        fi: Krona kertoi ...      expected "Wrona"
            "Krona" here; 9 mentions in 6 other versions read "Wrona"
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
