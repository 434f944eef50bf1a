"""Stage 3: N-way alignment of the versions of one article.

Every version is aligned to one pivot (the ``source`` version when there is one,
otherwise the version the others align with best) by dynamic programming over
sentence segments, with moves 1-1, 1-0, 0-1, 2-1, 1-2, 1-3 and 1-4.  The cost of
linking a group of pivot sentences to a group of sentences of the other version
combines signals that work across scripts:

* relative length, Gale–Church style: the expected ratio of the two lengths is the
  ratio of the two versions' totals (calibrated per pair from the article itself),
  with a spread that shrinks as sentences get longer;
* anchors: numbers (compared digit run by digit run, so 1,5 = 1.5 and 10 000 =
  10,000) and Latin-script tokens both sides share (names, acronyms; in a pair of
  versions of the same language, every word);
* in a lower-cased version (no capitals to tell names), its rarer words of 4 letters
  or more that versions of another language have too (see LOWER_MIN_LETTERS);
* paragraph structure: a link whose two sides do not both start a paragraph costs a
  little, a group that spans a paragraph break costs more;
* relative position in the text.

The dynamic program runs one pivot row at a time with numpy over the other
version's sentences (the 0-1 moves of a row are a running minimum), so a pair
costs O(n*m) vector work and an article of 20 versions x 40 sentences aligns in
a few milliseconds.

The pairwise alignments are then merged into rows: one row per group of pivot
sentences (pivot sentences are grouped when some version renders them as one
sentence), plus one row for each run of sentences only one version has.
``Alignment.quality[v]`` is the share of the sentences of the pivot and of ``v``
that sit in confident links; a version that holds a different article gets a
quality near 0.
"""

from __future__ import annotations

import functools
import math
import re
from typing import Mapping, Sequence

from .model import AlignedRow, Alignment, Article, Segment
from .wordlists import common_words

# a number: thousands groups joined ("12,000" = "12 000" = "12.000" = 12000), other
# digit runs apart ("1,5" and "1.5" both give 1 and 5)
_DIGITS = re.compile(r"\d{1,3}(?:[,.\u00a0\u202f' ]\d{3})+(?!\d)|\d+")
_SEP = re.compile(r"[,.\u00a0\u202f' ]")
_ANY_DIGIT = re.compile(r"\d")  # a quick test before the slower number pattern
_WORD = re.compile(r"[^\W_]+")
_HAN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_SPACE = re.compile(r"\s+")

# costs are in "nats": -log of a rough probability
SKIP_COST = 4.5  # 1-0 / 0-1: a sentence with no counterpart
MERGE_COST = 2.2  # 2-1 / 1-2: a version merges or splits a sentence
TRIPLE_COST = 4.0  # 1-3: a version splits a sentence in three
PARA_MISMATCH = 0.6  # only one side of a link starts a paragraph
PARA_CROSS = 2.0  # a group spans a paragraph break
POSITION_WEIGHT = 3.0
FUSE_MARGIN = 2.0  # a 2-1 link must beat "1-1 + omission" by this much to fuse two pivot rows
PART_UNANCHORED = 1.5  # a part of a merge/split shares no anchor with the other side
CONFIDENT_COST = 2.0  # a link this cheap or cheaper counts fully toward quality
CONSENSUS_VAR = 0.03  # length variance (log ratio) against the consensus pivot
CONSENSUS_MAX_COST = 3.0
CONFIRMED_MISS = 2.0  # a pivot sentence has numbers most versions keep; the counterpart has no number  # 1-1 links up to this cost vote on the consensus length

# moves (pivot sentences, other sentences, fixed cost); 0-1 is handled apart
_MOVES = ((1, 1, 0.0), (1, 0, SKIP_COST), (2, 1, MERGE_COST), (1, 2, MERGE_COST), (1, 3, TRIPLE_COST),
          (1, 4, TRIPLE_COST + 2.0))
_LINK_MOVES = tuple((di, dj, c) for di, dj, c in _MOVES if dj)

_LAT = "A-Za-z\u00c0-\u024f\u1e00-\u1eff"
_LATIN_TOKEN = re.compile(r"[" + _LAT + r"][" + _LAT + r"0-9]+")
# capitalised Cyrillic / Greek words (names), for transliteration
_CAP_CYRL_GREK = re.compile(r"[\u0400-\u042f\u0386-\u03ab][\u0370-\u03ff\u0400-\u04ff]+")
_LEAD = " \t\"'“”«»„‚‘’(¿¡-–—*#"
# Marks most translations keep: quotation, question, exclamation, brackets, percent.
_PUNCT_KEY = {c: "~q" for c in "\"“”«»„「」『』"}
_PUNCT_KEY.update({"?": "~?", "？": "~?", "¿": "~?", "؟": "~?", "!": "~!", "！": "~!", "(": "~(",
                   "（": "~(", "%": "~%", "％": "~%"})
_PUNCT_CLASSES = re.compile("[" + re.escape("".join(_PUNCT_KEY)) + "]")
_STEM = 5  # names are compared on their first letters: Kavanaugh ~ Kavanaughowi ~ Кавано


def indicator_matrix(sets, column: Mapping[str, int], width: int):
    """0/1 int32 matrix: row r has a 1 in column[t] for every token t of sets[r] that has a column."""
    import numpy as np

    m = np.zeros((len(sets), width), dtype=np.int32)
    for r, st in enumerate(sets):
        for t in st:
            c = column.get(t)
            if c is not None:
                m[r, c] = 1
    return m


def is_cased(segs: Sequence[Segment]) -> bool:
    """Does the version use capitals (sentence starts upper case)?  Lower-casing pipelines
    (the seed's) leave a few capitals behind (Turkish İ has no one-letter lower case): a
    version counts as cased when at least half of its first 50 sentence starts that
    have a case are upper case (cased news: 83-100%; lower-cased Turkish: 7-25%)."""
    up = low = 0
    for s in segs[:50]:
        c = s.text.lstrip(_LEAD)[:1]
        up += c.isupper()
        low += c.islower()
    return up > 0 and up >= low


# Lower-cased versions (some MT pipelines deliver all lower case): a capital no longer
# marks a name, so the name anchors of a version of a cased script are its words of at
# least LOWER_MIN_LETTERS letters that are not among the most common words of its
# language (wordfreq Zipf >= LOWER_COMMON_ZIPF: that, werden, также; names like
# london or trump stay, they are below), and the aligner keeps only those that
# versions of LOWER_MIN_LANGS languages (its own and two others) have (see
# _keep_shared_lower_anchors).
# Measured with benchmarks/alignment_eval.py --lower [--no-source] and
# benchmarks/evaluate.py --ntrex --lower --no-source: 6 letters, or Zipf 3.5-4.5,
# align worse; keeping every word does better on omissions, worse on merges and on
# the NTREX completeness findings.
LOWER_MIN_LETTERS = 4
LOWER_COMMON_ZIPF = 5.5
LOWER_MIN_LANGS = 3
LOWER_QUALITY_LANGS = 2  # MT002's alignment quality asks the words two languages share
CASED_SCRIPTS = ("Latn", "Cyrl", "Grek")
_CYRL_GREK_WORD = re.compile(r"[\u0370-\u03ff\u0400-\u04ff\u1f00-\u1fff]{%d,}" % LOWER_MIN_LETTERS)


def _lower_common(language: str) -> frozenset:
    """The most common words of ``language`` (cached in :mod:`mtcheck.wordlists`)."""
    return common_words(language, LOWER_COMMON_ZIPF) or frozenset()


def anchor_language(version) -> str | None:
    """The language whose common words are no name anchors when ``version`` is lower-cased
    (None for scripts without case: there nothing changes)."""
    return version.language if (version.script or "Latn") in CASED_SCRIPTS else None


@functools.lru_cache(maxsize=8192)  # the aligner, completeness and MT002 ask for the same sentences
def _anchors(text: str, latin_script: bool, cased: bool, lower_lang: str | None = None) -> frozenset[str]:
    """Numbers and name-like tokens of a sentence, in a form comparable across languages.

    Numbers: every digit run (any script) as an integer, so "1,5" ~ "1.5" and
    "10 000" ~ "10,000".  Names: Latin-script tokens, capitalised in a Latin-script
    version (any Latin token in other scripts), and capitalised Cyrillic/Greek tokens
    transliterated to Latin; all cut to their first letters so that inflected forms
    match.  The first word of a sentence is skipped (its capital says nothing).

    ``lower_lang``: in a version of a cased script that is not cased (see
    :func:`is_cased`), the language of the version: names are then its words of
    LOWER_MIN_LETTERS letters or more that are not common words of that language
    (Cyrillic and Greek ones transliterated).  Without it a lower-cased Latin-script
    version takes its words of 6 letters or more.
    """
    a = {"#" + str(int(_SEP.sub("", d))) for d in _DIGITS.findall(text) if len(d) < 20} if _ANY_DIGIT.search(text) else set()
    for mark in _PUNCT_CLASSES.findall(text):
        a.add(_PUNCT_KEY[mark])
    head = text.lstrip(_LEAD)
    toks = _LATIN_TOKEN.findall(text)
    if lower_lang and not cased:
        common = _lower_common(lower_lang)
        for t in toks:
            if not latin_script:
                a.add(t.lower()[:_STEM])  # Latin in another script: as in a cased version
            elif len(t) >= LOWER_MIN_LETTERS:
                w = t.lower()
                if (w if w.isascii() else w.casefold()) not in common:
                    a.add(w[:_STEM])
        words = _CYRL_GREK_WORD.findall(text)
        if words:
            from anyascii import anyascii

            for t in words:
                w = t.lower()
                if w.casefold() not in common:
                    a.add(anyascii(w).lower()[:_STEM])
        return frozenset(a)
    if toks:
        if latin_script:
            if toks and head.startswith(toks[0]):
                toks = toks[1:]
            if cased:
                a.update(t.lower()[:_STEM] for t in toks if t[0].isupper())
            else:
                a.update(t[:_STEM] for t in toks if len(t) >= 6)
        else:
            a.update(t.lower()[:_STEM] for t in toks)
    caps = _CAP_CYRL_GREK.findall(text)
    if caps:
        from anyascii import anyascii

        if head.startswith(caps[0]):
            caps = caps[1:]
        a.update(anyascii(t).lower()[:_STEM] for t in caps)
    return frozenset(a)


class _VersionFeats:
    """Per-version features used by the alignment."""

    __slots__ = ("n", "length", "para_start", "anchors", "_words", "_segs", "confirmed", "_usizes", "lowered",
                 "latin", "qanchors")

    def __init__(self, segs: Sequence[Segment], latin_script: bool, lower_lang: str | None = None) -> None:
        self.confirmed: list[frozenset[str]] | None = None
        self._usizes: dict[tuple, object] = {}  # group union sizes and other per-version arrays
        self.n = len(segs)
        self._segs = segs
        self._words: list[frozenset[str]] | None = None
        cased = is_cased(segs)
        if cased:
            lower_lang = None
        self.latin = latin_script
        self.qanchors: list[frozenset[str]] | None = None  # anchors for _quality, when not self.anchors
        self.lowered = bool(lower_lang)  # anchors from a lower-cased text (see LOWER_MIN_LETTERS)
        length, starts, anchors = [], [], []
        prev = None
        for s in segs:
            text = s.text
            # CJK characters carry about two letters' worth of content each
            # (non-space characters: str.split and \s agree on what a space is)
            length.append(float(len("".join(text.split())) + (0 if text.isascii() else len(_HAN.findall(text)))))
            starts.append(s.paragraph != prev)
            prev = s.paragraph
            anchors.append(_anchors(text, latin_script, cased, lower_lang))
        self.length, self.para_start, self.anchors = length, starts, anchors

    @property
    def words(self) -> list[frozenset[str]]:
        if self._words is None:
            self._words = [frozenset(w.lower() for w in _WORD.findall(s.text)) for s in self._segs]
        return self._words


def _group_union_sizes(sets: list[frozenset[str]], size: int) -> list[int]:
    if size == 1:
        return [len(s) for s in sets]
    return [len(frozenset().union(*sets[i:i + size])) for i in range(len(sets) - size + 1)]


def _concat_union_sizes(others: list["_VersionFeats"], same_language: bool, size: int):
    """Union sizes of every ``size`` consecutive sentences over the concatenated versions (float32 array).

    Each version's sizes are computed once (both alignment passes use them); a
    group that would run across two versions gets 0 (such links are impossible).
    """
    import numpy as np

    key = (same_language, size)
    parts = []
    for o in others:
        arr = o._usizes.get(key)
        if arr is None:
            sizes = _group_union_sizes(o.words if same_language else o.anchors, size)
            arr = o._usizes[key] = np.asarray(sizes + [0] * (o.n - len(sizes)), dtype=np.float32)
        parts.append(arr)
    out = np.concatenate(parts) if parts else np.zeros(0, dtype=np.float32)
    return out[:max(0, len(out) - size + 1)]


def _has_number(o: "_VersionFeats") -> list[bool]:
    """Per sentence: does it hold a number anchor (cached on the version's features)?"""
    key = ("#", 0)
    r = o._usizes.get(key)
    if r is None:
        r = o._usizes[key] = [any(t[0] == "#" for t in x) for x in o.anchors]
    return r


def _costs(p: _VersionFeats, others: list[_VersionFeats], same_language: bool, var0: float = 0.045,
           memo: dict | None = None):
    """Cost of every link move between the pivot and each of ``others``.

    Returns {(di, dj): array (len(others), n - di + 1, M - dj + 1)} where M is the
    largest sentence count of ``others``; impossible links cost inf.  All other
    versions are handled in one batch (their sentences concatenated).

    ``memo`` (a dict shared by the two passes of :func:`align_article`, which differ
    only in the pivot's lengths and confirmed numbers) keeps the anchor,
    paragraph and position terms of each move, added to the cost in the same
    order, so the second pass gives the numbers a fresh computation would.
    """
    import numpy as np

    n = p.n
    V = len(others)
    ms = [o.n for o in others]
    M = max(ms)
    offs = np.cumsum([0] + ms)
    T = int(offs[-1])
    lp = np.asarray(p.length)
    lo = np.concatenate([np.asarray(o.length) for o in others])
    ver = np.repeat(np.arange(V), ms)  # version of each concatenated sentence
    ratio_v = np.asarray([(sum(o.length) + 1.0) / (lp.sum() + 1.0) for o in others])
    if memo is None:
        memo = {}
    if "vocab" not in memo:
        psets = p.words if same_language else p.anchors
        osets: list[frozenset[str]] = []
        for o in others:
            osets.extend(o.words if same_language else o.anchors)
        shared = set().union(*psets) & set().union(*osets) if psets and osets else set()
        vocab = {t: i for i, t in enumerate(shared)}
        K = max(len(vocab), 1)
        # integer matrices: numpy multiplies them itself, without BLAS threads (which
        # oversubscribe a busy machine and cost far more than these small products)
        ip = indicator_matrix(psets, vocab, K)
        io = indicator_matrix(osets, vocab, K)
        memo.update(vocab=vocab, K=K, psets=psets, osets=osets, ip=ip, io=io)
    vocab, K, psets, osets, ip, io = (memo[k] for k in ("vocab", "K", "psets", "osets", "ip", "io"))
    ipc = has_c = None
    if p.confirmed is not None and not same_language:
        ipc = np.zeros((n, K), dtype=np.int32)
        for r, st in enumerate(p.confirmed):
            for t in st:
                col = vocab.get(t)
                if col is not None:
                    ipc[r, col] = 1
        has_c = np.asarray([len(x) > 0 for x in p.confirmed])
        num_o = np.asarray([h for o in others for h in _has_number(o)], dtype=np.int32)
    out = {}
    for di, dj, fixed in _LINK_MOVES:
        res = np.full((V, max(n - di + 1, 0), max(M - dj + 1, 0)), np.inf)
        if n - di + 1 <= 0 or T - dj + 1 <= 0:
            out[(di, dj)] = res
            continue
        npg, tg = n - di + 1, T - dj + 1
        gl_p = np.convolve(lp, np.ones(di), "valid")
        gl_o = np.convolve(lo, np.ones(dj), "valid")
        gver = ver[:tg]
        terms = memo.get((di, dj))
        if terms is None:
            terms = memo[(di, dj)] = _fixed_terms(np, p, others, same_language, memo, di, dj, fixed, npg, tg, ver, offs, ms)
        anchor_terms, gi_o, later_terms, valid = terms
        # length (Gale-Church with a log ratio; short sentences vary more)
        a = gl_p[:, None] * ratio_v[gver][None, :]
        b = gl_o[None, :]
        x = np.log((b + 4.0) / (a + 4.0))
        c = x * x / (2.0 * (var0 + 3.0 / (a + b + 4.0)))
        np.minimum(c, 12.0, out=c)
        for sign, term in anchor_terms:
            if sign < 0:
                c -= term
            else:
                c += term
        # anchors most versions share with a pivot sentence: a counterpart lacking all of them is unlikely
        if ipc is not None:
            gnum_o = np.convolve(num_o, np.ones(dj, dtype=np.int32), "valid") > 0
            for t in range(di):
                subc = ipc[t:t + npg] @ gi_o.T
                c += CONFIRMED_MISS * (has_c[t:t + npg, None] & (subc == 0) & ~gnum_o[None, :])
        for term in later_terms:
            c += term
        c[:, ~valid] = np.inf
        for v in range(V):
            w = ms[v] - dj + 1
            if w > 0:
                res[v, :, :w] = c[:, offs[v]:offs[v] + w]
        out[(di, dj)] = res
    return out


def _fixed_terms(np, p, others, same_language, memo, di, dj, fixed, npg, tg, ver, offs, ms):
    """The terms of a move's cost that do not depend on sentence lengths (see :func:`_costs`).

    Returns (anchor terms as (sign, array) in order, the other side's group
    indicator matrix, paragraph and position terms in order, valid columns).
    """
    n = p.n
    psets, osets, ip, io = memo["psets"], memo["osets"], memo["ip"], memo["io"]
    base = memo.get("base")
    if base is None:
        base = memo["base"] = ip @ io.T  # shared anchors of single sentences (n, T)
        memo["has_p"] = np.asarray([len(x) > 0 for x in psets])
        memo["has_o"] = np.asarray([len(x) > 0 for x in osets])
        memo["pstart"] = np.asarray(p.para_start, dtype=bool)
        memo["ostart"] = np.concatenate([np.asarray(o.para_start, dtype=bool) for o in others])
    has_p, has_o, pstart, ostart = memo["has_p"], memo["has_o"], memo["pstart"], memo["ostart"]
    T = int(offs[-1])
    local = np.arange(T) - offs[:-1][ver]  # index within its version
    gi_p = np.minimum(sum(ip[t:t + npg] for t in range(di)), 1)
    gi_o = np.minimum(sum(io[t:t + tg] for t in range(dj)), 1)
    inter = (gi_p @ gi_o.T).astype(np.float64)
    sp = np.asarray(_group_union_sizes(psets, di), dtype=np.float32)[:, None]
    so = memo.get(("so", dj))
    if so is None:
        so = memo[("so", dj)] = _concat_union_sizes(others, same_language, dj)[None, :]
    gver = ver[:tg]
    valid = ver[dj - 1:] == gver  # the group stays inside one version
    tot = sp + so
    dice = 2.0 * inter / np.maximum(tot, 1.0)
    anchor_terms = []
    if same_language:
        anchor_terms.append((-1, 6.0 * dice))
        anchor_terms.append((1, 3.0 * (1.0 - dice) * ((sp > 2) & (so > 2))))
    else:
        anchor_terms.append((-1, 2.5 * dice + 0.6 * np.minimum(inter, 3.0)))
        anchor_terms.append((1, 1.2 * ((sp > 0) & (so > 0) & (inter == 0))))
        anchor_terms.append((1, 0.25 * (np.minimum(sp, 3.0) * (so == 0) + np.minimum(so, 3.0) * (sp == 0))))
    # in a merge or split, every part with anchors should share one with the other side
    if di > 1 or dj > 1:
        parts = np.zeros((npg, tg))
        if di > 1:
            for t in range(di):
                sub = sum(base[t:t + npg, u:u + tg] for u in range(dj))
                parts += has_p[t:t + npg, None] & (so > 0) & (sub == 0)
        if dj > 1:
            for u in range(dj):
                sub = sum(base[t:t + npg, u:u + tg] for t in range(di))
                parts += has_o[None, u:u + tg] & (sp > 0) & (sub == 0)
        anchor_terms.append((1, PART_UNANCHORED * parts))
    # paragraphs
    later = [PARA_MISMATCH * (pstart[:npg, None] != ostart[None, :tg])]
    if di > 1:
        later.append(PARA_CROSS * sum(pstart[t:npg + t] for t in range(1, di))[:, None])
    if dj > 1:
        later.append(PARA_CROSS * sum(ostart[t:tg + t] for t in range(1, dj))[None, :])
    # position
    pi = (np.arange(npg) + di / 2.0) / max(n, 1)
    pj = (local[:tg] + dj / 2.0) / np.asarray(ms, dtype=float)[gver]
    later.append(POSITION_WEIGHT * np.abs(pi[:, None] - pj[None, :]) + fixed)
    return anchor_terms, gi_o, later, valid


def _align_batch(p: _VersionFeats, others: list[_VersionFeats], costs) -> list[list]:
    """Dynamic programming of the pivot against every version of ``others`` at once."""
    import numpy as np

    n = p.n
    V = len(others)
    M = max(o.n for o in others)
    inf = np.inf
    steps = SKIP_COST * np.arange(M + 1)
    D = np.empty((n + 1, V, M + 1))
    move = np.full((n + 1, V, M + 1), -1, dtype=np.int8)  # index into _MOVES; -2 = 0-1
    D[0] = steps[None, :]
    move[0, :, 1:] = -2
    for i in range(1, n + 1):
        best = np.full((V, M + 1), inf)
        bm = np.full((V, M + 1), -1, dtype=np.int8)
        for mi, (di, dj, fixed) in enumerate(_MOVES):
            if di > i:
                continue
            if dj == 0:
                cand = D[i - di] + fixed
            else:
                if M - dj + 1 <= 0:
                    continue
                cand = np.full((V, M + 1), inf)
                cand[:, dj:] = D[i - di, :, : M + 1 - dj] + costs[(di, dj)][:, i - di]
            better = cand < best
            best[better] = cand[better]
            bm[better] = mi
        run = np.minimum.accumulate(best - steps, axis=1) + steps
        bm[run < best - 1e-9] = -2
        D[i] = run
        move[i] = bm
    result = []
    c11 = costs[(1, 1)]
    for v, o in enumerate(others):
        links = []
        i, j = n, o.n
        mv_v = move[:, v, :]
        D_v = D[:, v, :]
        while i > 0 or j > 0:
            mv = int(mv_v[i, j])
            if mv == -2:
                links.append(((), (j - 1,), SKIP_COST))
                j -= 1
                continue
            di, dj, _ = _MOVES[mv]
            c = float(D_v[i, j] - D_v[i - di, j - dj])
            if di == 2 and dj == 1:
                # A merge fuses two pivot rows for every version: keep it only when it
                # clearly beats linking one of the two and leaving the other empty.
                ca = float(c11[v, i - 2, j - 1])
                cb = float(c11[v, i - 1, j - 1])
                if min(ca, cb) + SKIP_COST - c < FUSE_MARGIN:
                    if ca <= cb:
                        links.append(((i - 1,), (), SKIP_COST))
                        links.append(((i - 2,), (j - 1,), ca))
                    else:
                        links.append(((i - 1,), (j - 1,), cb))
                        links.append(((i - 2,), (), SKIP_COST))
                    i, j = i - 2, j - 1
                    continue
            links.append((tuple(range(i - di, i)), tuple(range(j - dj, j)), c))
            i, j = i - di, j - dj
        links.reverse()
        result.append(links)
    return result


def align_versions(p: _VersionFeats, others: list[_VersionFeats], same_language: list[bool],
                   var0: float = 0.045, memo: dict | None = None) -> list[list]:
    """Align the pivot with each other version; per version, (pivot idx, other idx, cost) links.

    ``memo``: pass the same dict to a second call with the same versions whose
    pivot differs only in its lengths and confirmed numbers (see :func:`_costs`).
    """
    out: list[list] = [[] for _ in others]
    for flag in (False, True):
        idx = [k for k, o in enumerate(others) if same_language[k] == flag and o.n and p.n]
        if not idx:
            continue
        sub = [others[k] for k in idx]
        fm = memo.setdefault(flag, {}) if memo is not None else None
        for k, links in zip(idx, _align_batch(p, sub, _costs(p, sub, flag, var0, fm))):
            out[k] = links
    for k, o in enumerate(others):
        if not (o.n and p.n):
            out[k] = [((i,), (), SKIP_COST) for i in range(p.n)] + [((), (j,), SKIP_COST) for j in range(o.n)]
    return out


def align_pair(p: _VersionFeats, o: _VersionFeats, same_language: bool = False) -> list:
    """Align two versions; returns (pivot indices, other indices, cost) links in order."""
    return align_versions(p, [o], [same_language])[0]


def _link_confidence(cost: float, size: int) -> float:
    """Map a link cost to [0, 1]: 1 for a confident link, 0 for a hopeless one."""
    extra = MERGE_COST if size == 3 else TRIPLE_COST if size >= 4 else 0.0
    return 1.0 / (1.0 + math.exp(1.6 * (cost - extra - CONFIDENT_COST - 1.0)))


def _quality(links, pf: _VersionFeats, of: _VersionFeats) -> float:
    """Share of the two versions' sentences in confident links, times anchor agreement.

    Anchor agreement: among the links where both sides hold numbers or names, the
    share where they have one in common.  Versions of the same article agree on most;
    a version holding another article agrees on almost none, even when the lengths
    happen to line up.
    """
    good = 0.0
    pairs = shared = 0
    # Most words a lower-cased version takes for names are words (cognates) that a
    # version in another script cannot have: between such two versions only the
    # anchors they share somewhere in the text are asked.  (Versions with capitals,
    # or both in Latin script: as before.)
    pa = pf.anchors if pf.qanchors is None else pf.qanchors
    oa = of.anchors if of.qanchors is None else of.qanchors
    common = None
    if (pf.lowered or of.lowered) and not (pf.latin and of.latin):
        common = frozenset().union(*pa) & frozenset().union(*oa)
    for p, o, c in links:
        if p and o:
            good += _link_confidence(c, len(p) + len(o)) * (len(p) + len(o))
            a = {t for k in p for t in pa[k] if t[0] != "~"}
            b = {t for k in o for t in oa[k] if t[0] != "~"}
            if common is not None:
                a &= common
                b &= common
            if a and b:
                pairs += 1
                shared += bool(a & b)
    q = good / max(pf.n + of.n, 1)
    if pairs >= 3:
        q *= min(1.0, shared / pairs / 0.5)
    return round(max(0.0, min(1.0, q)), 3)


def _consensus(pf: _VersionFeats, others: list[_VersionFeats], all_links: list[list]) -> "_VersionFeats | None":
    """A copy of the pivot's features whose sentence lengths are the versions' median."""
    n = pf.n
    total_p = sum(pf.length) + 1.0
    votes: list[list[float]] = [[x] for x in pf.length]
    seen = [0] * n
    hits: list[dict[str, int]] = [{} for _ in range(n)]
    for o, links in zip(others, all_links):
        scale = total_p / (sum(o.length) + 1.0)
        for p, oo, c in links:
            if len(p) == 1 and oo and c < CONSENSUS_MAX_COST + (len(oo) - 1) * MERGE_COST:
                i = p[0]
                votes[i].append(scale * sum(o.length[j] for j in oo))
                seen[i] += 1
                h = hits[i]
                for j in oo:
                    for t in o.anchors[j] & pf.anchors[i]:
                        h[t] = h.get(t, 0) + 1
    if max(len(v) for v in votes) < 3:
        return None
    cf = object.__new__(_VersionFeats)
    cf.n, cf.para_start, cf.anchors, cf._segs = n, pf.para_start, pf.anchors, pf._segs
    cf._words = pf._words
    cf.lowered, cf.latin, cf.qanchors = pf.lowered, pf.latin, pf.qanchors
    cf._usizes = {}
    cf.length = [sorted(v)[len(v) // 2] if len(v) >= 3 else v[0] for v in votes]
    # numbers of a pivot sentence that most versions linked to it also have
    cf.confirmed = []
    for i in range(n):
        cands = [t for t in pf.anchors[i] if t[0] == "#"]
        conf = frozenset()
        if cands and seen[i] >= 2:
            conf = frozenset(t for t in cands if hits[i].get(t, 0) >= max(2, 0.6 * seen[i]))
        cf.confirmed.append(conf)
    return cf


def _keep_shared_lower_anchors(feats: Mapping[str, _VersionFeats], language: Mapping[str, str]) -> None:
    """In lower-cased versions, keep only the name anchors that two other languages have too.

    A word of one language (or of two, a cognate pair) is mostly no name: it cannot match
    across languages and would only make every link look like one without a shared
    name (and a merge look like one with an unanchored part).  Numbers and marks
    stay.  Versions with capitals are left as they are.
    """
    low = sorted(vid for vid, f in feats.items() if f.lowered)
    if not low:
        return
    langs_of: dict[str, set] = {}
    for vid in sorted(feats):
        lang = language.get(vid, vid)
        for st in feats[vid].anchors:
            for t in st:
                if t[0] not in "#~":
                    langs_of.setdefault(t, set()).add(lang)
    for vid in low:
        f = feats[vid]
        # the alignment quality (is it the same article?) is judged on the words two
        # languages share: with three, a lower-cased version of another article keeps
        # too few to tell (benchmarks/alignment_eval.py --lower --no-source)
        f.qanchors = [frozenset(t for t in st if t[0] in "#~" or len(langs_of[t]) >= LOWER_QUALITY_LANGS)
                      for st in f.anchors]
        f.anchors = [frozenset(t for t in st if t[0] in "#~" or len(langs_of[t]) >= LOWER_MIN_LANGS)
                     for st in f.anchors]


def _choose_pivot(article: Article, feats: Mapping[str, _VersionFeats]) -> str:
    ids = [v.id for v in article.versions if feats[v.id].n]
    for v in article.versions:
        if v.is_source and feats[v.id].n:
            return v.id
    # The version whose structure is the most typical: segment count and paragraph
    # count nearest the medians; then a reference, then English, then the id.
    counts = sorted(feats[i].n for i in ids)
    med = counts[len(counts) // 2]
    paras = {i: sum(feats[i].para_start) for i in ids}
    pmed = sorted(paras.values())[len(ids) // 2]
    return min(
        ids,
        key=lambda i: (
            abs(feats[i].n - med) + abs(paras[i] - pmed),
            not article.version(i).is_ref,
            article.version(i).language != "en",
            i,
        ),
    )


def align_article(article: Article, segments: Mapping[str, Sequence[Segment]]) -> Alignment:
    """Align all versions of an article into rows."""
    versions = {v.id: v for v in article.versions}
    feats = {
        vid: _VersionFeats(segs, versions[vid].script == "Latn" if vid in versions else True,
                           anchor_language(versions[vid]) if vid in versions else None)
        for vid, segs in segments.items()
    }
    _keep_shared_lower_anchors(feats, {vid: v.language for vid, v in versions.items()})
    ids = [v.id for v in article.versions if v.id in feats and feats[v.id].n]
    if not ids:
        return Alignment(pivot="", rows=(), quality={})
    pivot = _choose_pivot(article, feats)
    pf = feats[pivot]
    n = pf.n
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    quality: dict[str, float] = {pivot: 1.0}
    others = [vid for vid in ids if vid != pivot]
    same = [versions[vid].language == versions[pivot].language for vid in others]
    ofeats = [feats[vid] for vid in others]
    memo: dict = {}  # what the two passes share
    all_links = align_versions(pf, ofeats, same, memo=memo)
    if len(others) >= 2:
        # Second pass against a consensus pivot: the length of each pivot sentence is
        # replaced by the median over all versions that link it one to one, so a
        # merge, a split, an omission or an addition is judged against what the
        # majority of versions say the sentence holds, not against one translation.
        cf = _consensus(pf, ofeats, all_links)
        if cf is not None:
            all_links = align_versions(cf, ofeats, same, var0=CONSENSUS_VAR, memo=memo)
    pair_links: dict[str, list] = dict(zip(others, all_links))
    for vid, links in pair_links.items():
        quality[vid] = _quality(links, pf, feats[vid])
        for p, o, _ in links:
            if len(p) > 1 and o:
                for k in p[1:]:
                    parent[find(k)] = find(p[0])
    # rows for pivot groups, in order
    group_of = [find(k) for k in range(n)]
    order: list[int] = []
    members: dict[int, list[int]] = {}
    for k in range(n):
        g = group_of[k]
        if g not in members:
            members[g] = []
            order.append(g)
        members[g].append(k)
    pos_of_group = {g: i for i, g in enumerate(order)}
    cells: dict[int, dict[str, list[int]]] = {g: {pivot: list(members[g])} for g in order}
    confid: dict[int, list[float]] = {g: [] for g in order}
    inserts: dict[int, list[tuple[str, list[int]]]] = {}  # after group position (-1 = before the first)
    for vid, links in pair_links.items():
        last = -1
        run: list[int] = []
        for p, o, c in links:
            if p:
                if run:
                    inserts.setdefault(last, []).append((vid, run))
                    run = []
                g = group_of[p[0]]
                last = pos_of_group[g]
                if o:
                    cells[g].setdefault(vid, []).extend(o)
                    confid[g].append(_link_confidence(c, len(p) + len(o)))
            else:
                run.extend(o)
        if run:
            inserts.setdefault(last, []).append((vid, run))
    rows: list[AlignedRow] = []

    def add_row(c: Mapping[str, list[int]], conf: float) -> None:
        full = {vid: tuple(sorted(set(c.get(vid, ())))) for vid in ids}
        rows.append(AlignedRow(index=len(rows), cells=full, confidence=round(conf, 3)))

    for vid, o in inserts.get(-1, []):
        add_row({vid: o}, 0.5)
    for gi, g in enumerate(order):
        cs = confid[g]
        add_row(cells[g], sum(cs) / len(cs) if cs else 1.0)
        for vid, o in inserts.get(gi, []):
            add_row({vid: o}, 0.5)
    return Alignment(pivot=pivot, rows=tuple(rows), quality=quality)


# An article with more segments than MAX_ALIGN_SEGMENTS in a version is lined up
# by position only (the DP would take too long); the pipeline reports it as MT002.
MAX_ALIGN_SEGMENTS = 5000


def positional_alignment(article: Article, segments) -> Alignment:
    """Rows by relative position: pivot segment i takes the others' segments at the same share of the text."""
    ids = [v.id for v in article.versions if segments.get(v.id)]
    if not ids:
        return Alignment(pivot="", rows=(), quality={})
    pivot = next((v.id for v in article.versions if v.is_source and segments.get(v.id)), ids[0])
    n = len(segments[pivot])
    rows = []
    for i in range(n):
        cells = {}
        for vid in ids:
            m = len(segments[vid])
            cells[vid] = (i,) if vid == pivot else tuple(range(i * m // n, (i + 1) * m // n))
        rows.append(AlignedRow(index=i, cells=cells, confidence=0.0))
    return Alignment(pivot=pivot, rows=tuple(rows), quality={vid: (1.0 if vid == pivot else 0.0) for vid in ids})
