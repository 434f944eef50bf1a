"""Language identification behind one small interface.

``get_identifier(engine)`` returns an :class:`Identifier`, loaded once per
process (a module-level cache), so every article and every check shares one
model.  Two engines:

``py3langid`` (default)
    Naive Bayes over byte n-grams (the langid.py model), deterministic, about
    0.7 s to load.  Classification is *restricted to candidate languages* (the
    languages of the article's versions, plus English): restricted, it was the
    most accurate engine we measured on real multilingual news (99.7% of
    sentences, 97.2% of 4-word fragments, 88.1% of 2-word fragments, 20
    languages) and the fastest (~16,000 sentences/s).  It also gives per-word
    score vectors (:meth:`Py3LangidIdentifier.word_scores`), which lets the
    language check score thousands of sliding windows with a cumulative sum
    instead of thousands of classifier calls.
``langdetect``
    The engine the design card names.  Seeded (``DetectorFactory.seed = 0``)
    so that results are deterministic; slower (~765 sentences/s), less
    accurate on short text (98.9 / 92.7 / 83.9% at sentence / 4-word /
    2-word length) and unmaintained since 2021.  Kept as an option
    (``langid_engine = "langdetect"``).

``benchmarks/langid_bench.py`` measures both engines (speed, and accuracy on
sentences and 4-word fragments) and is how the default was chosen.

Language codes are ISO 639-1 subtags as in ``Version.language`` (``zh`` for
both Chinese scripts).  ``rank(text, candidates)`` returns probabilities
normalised over the candidates that the engine knows, best first.
"""

from __future__ import annotations

import math
import threading
import unicodedata
from typing import Iterable, Sequence

ENGINES = ("py3langid", "langdetect")
DEFAULT_ENGINE = "py3langid"

_LOCK = threading.Lock()
_CACHE: dict[str, "Identifier"] = {}


class Identifier:
    """What the checks may ask of a language identifier."""

    name = ""

    def languages(self) -> frozenset[str]:
        """Language codes this engine can return."""
        raise NotImplementedError

    def supported(self, candidates: Iterable[str]) -> tuple[str, ...]:
        known = self.languages()
        return tuple(sorted({c for c in candidates if c in known}))

    def rank(self, text: str, candidates: Sequence[str] | None = None) -> list[tuple[str, float]]:
        """``[(lang, probability), ...]`` best first, normalised over ``candidates``."""
        raise NotImplementedError

    def classify(self, text: str, candidates: Sequence[str] | None = None) -> tuple[str, float]:
        r = self.rank(text, candidates)
        return r[0] if r else ("und", 0.0)

    def word_scores(self, words: Sequence[str], candidates: Sequence[str]):
        """Per-word log-score matrix (len(words) x len(candidates)) or ``None``.

        Engines that cannot decompose a score over words return ``None`` and
        callers fall back to :meth:`rank` on each window.
        """
        return None


# ---------------------------------------------------------------------------
# py3langid


class Py3LangidIdentifier(Identifier):
    name = "py3langid"

    def __init__(self) -> None:
        import numpy as np
        import py3langid.langid as m

        self._np = np
        self._m = m
        ident = m.LanguageIdentifier.from_model_file(m.MODEL_FILE, norm_probs=True)
        self._ident = ident
        self._classes = list(ident.nb_classes)
        # first column of every label (py3langid may alias scripts: srl -> sr)
        self._col: dict[str, int] = {}
        for i, c in enumerate(self._classes):
            self._col.setdefault(c, i)
        self._ptc = np.asarray(ident.nb_ptc, dtype=np.float32)  # float16 gathers are slow
        self._pc = np.asarray(ident.nb_pc, dtype=np.float32)
        self._langs = frozenset(self._col)
        self._word_cache: dict[tuple[int, ...], _WordTable] = {}
        # the tokenizer DFA as numpy arrays, for walking many words at once
        self._nm = np.frombuffer(ident.tk_nextmove, dtype=np.uint32) if getattr(ident.tk_nextmove, "itemsize", 0) == 4 else np.asarray(ident.tk_nextmove, dtype=np.intp)
        self._rowbase = np.asarray(ident._rowbase, dtype=np.intp)
        self._output = np.asarray(ident.tk_output, dtype=np.intp)
        self._visit = getattr(m, "visit_counts", None)

    def languages(self) -> frozenset[str]:
        return self._langs

    def _cols(self, candidates: Sequence[str] | None) -> tuple[list[str], list[int]]:
        if candidates is None:
            langs = sorted(self._col)
        else:
            langs = [c for c in dict.fromkeys(candidates) if c in self._col]
        return langs, [self._col[c] for c in langs]

    def _raw(self, text: str):
        """Raw NB log-likelihood features of ``text`` over all classes (no prior)."""
        np = self._np
        data = self._ident._encode(text)
        if self._visit is not None:
            visits = self._visit(self._ident.tk_nextmove, self._ident._rowbase, self._ident.tk_output, data)
            if not visits:
                return np.zeros(len(self._classes), dtype=np.float32), len(data)
            idx = np.fromiter(visits.keys(), dtype=np.intp, count=len(visits))
            counts = np.fromiter(visits.values(), dtype=np.float32, count=len(visits))
            return (np.log1p(counts) @ self._ptc[idx]).astype(np.float32), len(data)
        fv = self._ident.instance2fv(data)  # older py3langid: dense counts, linear model
        return (fv @ self._ptc).astype(np.float32), len(data)

    def _softmax(self, scores, nbytes: int):
        np = self._np
        s = scores * (1.0 / math.sqrt(nbytes or 1))
        s = np.exp(s - s.max())
        return s / s.sum()

    def rank(self, text: str, candidates: Sequence[str] | None = None) -> list[tuple[str, float]]:
        langs, cols = self._cols(candidates)
        if not langs:
            return []
        raw, nbytes = self._raw(text)
        if not raw.any():
            return [(c, 1.0 / len(langs)) for c in langs]
        probs = self._softmax(raw[cols] + self._pc[cols], nbytes)
        return sorted(zip(langs, probs.tolist()), key=lambda x: -x[1])

    def word_scores(self, words: Sequence[str], candidates: Sequence[str]):
        """Log-score of each word (with its surrounding spaces) for each candidate.

        Summing rows over a window approximates the window's score (n-grams
        that straddle two words are left out), which is what makes scanning
        every window of a text cheap.  Vectors are cached per word form and
        per set of candidate columns (a run sees few such sets): one matrix
        per set, a word's row computed once, only for the columns asked for.
        """
        np = self._np
        _langs, cols = self._cols(candidates)
        key = tuple(cols)
        table = self._word_cache.get(key)
        if table is None or table.size > 300_000:
            if len(self._word_cache) > 64:
                self._word_cache.clear()
            table = self._word_cache[key] = _WordTable(np, len(cols))
        index = table.index
        missing = [w for w in dict.fromkeys(words) if w not in index]
        for i in range(0, len(missing), 2048):
            self._fill(table, cols, missing[i:i + 2048])
        if not words:
            return np.zeros((0, len(cols)), dtype=np.float32)
        rows = np.fromiter(map(index.__getitem__, words), dtype=np.intp, count=len(words))
        return table.mat[rows]

    def _walk(self, words: Sequence[str]):
        """The n-gram features of every word of ``words`` (each with a space on both sides).

        Runs py3langid's DFA over all words at once (one numpy step per byte
        position).  Returns ``(features, counts, bounds)``: word k's features are
        ``features[bounds[k]:bounds[k + 1]]`` in order of first occurrence, with
        their counts: what ``visit_counts`` gives for each word on its own.
        """
        np = self._np
        encs = []
        for w in words:  # LanguageIdentifier._encode, inlined
            t = " " + w + " "
            if t.isupper():
                t = t.lower()
            encs.append(unicodedata.normalize("NFC", t).encode("utf8", errors="surrogatepass"))
        B = len(encs)
        if not B:
            return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp), np.zeros(1, dtype=np.intp)
        lens = np.fromiter(map(len, encs), dtype=np.intp, count=B)
        perm = np.argsort(-lens, kind="stable")  # longest first: the words still walking are a prefix
        slens = lens[perm]
        flat = np.frombuffer(b"".join([encs[k] for k in perm.tolist()]), dtype=np.uint8).astype(np.intp)
        starts = np.concatenate([[0], np.cumsum(slens)[:-1]])
        width = int(slens[0])
        active = np.searchsorted(-slens, -np.arange(width), side="left")  # words longer than t
        offs = np.concatenate([[0], np.cumsum(active)])
        out_f = np.empty(int(offs[-1]), dtype=np.intp)  # position-major: step t holds words 0..active[t]-1
        state = np.zeros(B, dtype=np.intp)
        nm, rowbase, output = self._nm, self._rowbase, self._output
        for t in range(width):
            a = int(active[t])
            st = nm[rowbase[state[:a]] + flat[starts[:a] + t]]
            state[:a] = st
            out_f[offs[t]:offs[t + 1]] = output[st]
        word = perm[np.arange(len(out_f)) - np.repeat(offs[:-1], active)]  # index in ``words``
        ok = out_f >= 0
        nf = len(output) + 1
        # distinct (word, feature) pairs; the first index is the earliest position
        keys, first, counts = np.unique(word[ok] * nf + out_f[ok], return_index=True, return_counts=True)
        owner = keys // nf
        order = np.argsort(owner * (len(out_f) + 1) + first)  # by word, then by first occurrence
        keys, counts, owner = keys[order], counts[order], owner[order]
        bounds = np.searchsorted(owner, np.arange(B + 1), side="left")
        return keys % nf, counts, bounds

    def _fill(self, table: "_WordTable", cols: list[int], words: Sequence[str]) -> None:
        """Compute the score vectors of ``words`` over ``cols`` in one gather and add them to ``table``.

        Each vector is the sum, in feature order, of ``log1p(count) * P(feature|lang)``
        (float32), the same numbers as the corresponding columns of the full
        vector over all classes.
        """
        np = self._np
        if self._visit is None:
            vecs = np.stack([self._raw(" " + w + " ")[0][cols] for w in words]) if words else None
            table.add(words, vecs)
            return
        idx, cnt, bounds = self._walk(words)
        vecs = np.zeros((len(words), len(cols)), dtype=np.float32)
        if len(idx):
            weights = np.log1p(cnt.astype(np.float32))[:, None]
            rows = self._ptc[np.ix_(idx.astype(np.intp), np.asarray(cols, dtype=np.intp))] * weights
            nonempty = np.nonzero(bounds[1:] > bounds[:-1])[0]
            vecs[nonempty] = np.add.reduceat(rows, bounds[nonempty], axis=0)
        table.add(words, vecs)

    def prior(self, candidates: Sequence[str]):
        _langs, cols = self._cols(candidates)
        return self._pc[cols]


class _WordTable:
    """Score vectors of word forms over one set of candidate columns: a growing matrix and a row index."""

    __slots__ = ("np", "index", "mat", "size")

    def __init__(self, np, ncols: int) -> None:
        self.np = np
        self.index: dict[str, int] = {}
        self.mat = np.zeros((1024, ncols), dtype=np.float32)
        self.size = 0

    def add(self, words: Sequence[str], vecs) -> None:
        if not words:
            return
        np = self.np
        need = self.size + len(words)
        if need > len(self.mat):
            grown = np.zeros((max(need, 2 * len(self.mat)), self.mat.shape[1]), dtype=np.float32)
            grown[:self.size] = self.mat[:self.size]
            self.mat = grown
        self.mat[self.size:need] = vecs
        for k, w in enumerate(words, self.size):
            self.index[w] = k
        self.size = need


# ---------------------------------------------------------------------------
# langdetect

_LANGDETECT_MAP = {"zh-cn": "zh", "zh-tw": "zh"}


class LangdetectIdentifier(Identifier):
    name = "langdetect"

    def __init__(self) -> None:
        from langdetect import DetectorFactory
        from langdetect.detector_factory import init_factory

        DetectorFactory.seed = 0
        init_factory()
        from langdetect import detector_factory

        self._factory = detector_factory._factory
        self._langs = frozenset(_LANGDETECT_MAP.get(c, c) for c in self._factory.get_lang_list())

    def languages(self) -> frozenset[str]:
        return self._langs

    def rank(self, text: str, candidates: Sequence[str] | None = None) -> list[tuple[str, float]]:
        from langdetect.lang_detect_exception import LangDetectException

        cands = None if candidates is None else [c for c in dict.fromkeys(candidates) if c in self._langs]
        if cands is not None and not cands:
            return []
        det = self._factory.create()
        det.seed = 0  # deterministic whatever ran before
        det.append(text)
        try:
            probs = det.get_probabilities()
        except LangDetectException:
            probs = []
        merged: dict[str, float] = {}
        for p in probs:
            lang = _LANGDETECT_MAP.get(p.lang, p.lang)
            merged[lang] = merged.get(lang, 0.0) + p.prob
        if cands is not None:
            merged = {c: merged.get(c, 0.0) for c in cands}
        total = sum(merged.values())
        if total <= 0:
            return [(c, 1.0 / len(merged)) for c in sorted(merged)] if merged else []
        return sorted(((c, p / total) for c, p in merged.items()), key=lambda x: -x[1])


def get_identifier(engine: str = DEFAULT_ENGINE) -> Identifier:
    """The identifier for ``engine`` (``py3langid`` or ``langdetect``), loaded once per process."""
    engine = engine or DEFAULT_ENGINE
    ident = _CACHE.get(engine)
    if ident is not None:
        return ident
    with _LOCK:
        ident = _CACHE.get(engine)
        if ident is None:
            if engine == "py3langid":
                ident = Py3LangidIdentifier()
            elif engine == "langdetect":
                ident = LangdetectIdentifier()
            else:
                raise ValueError(f"unknown language identification engine {engine!r}; use one of {', '.join(ENGINES)}")
            _CACHE[engine] = ident
    return ident
