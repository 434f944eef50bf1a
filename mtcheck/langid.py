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
        self._word_cache: dict[str, object] = {}
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
        every window of a text cheap.  Vectors are cached per word form.
        """
        np = self._np
        _langs, cols = self._cols(candidates)
        cache = self._word_cache
        if len(cache) > 300_000:
            cache.clear()
        missing = [w for w in dict.fromkeys(words) if w not in cache]
        for i in range(0, len(missing), 2048):
            self._fill(missing[i:i + 2048])
        rows = [cache[w] for w in words]
        if not rows:
            return np.zeros((0, len(cols)), dtype=np.float32)
        return np.stack(rows)[:, cols]

    def _fill(self, words: Sequence[str]) -> None:
        """Compute and cache the score vectors of ``words`` in one gather."""
        np = self._np
        if self._visit is None:
            for w in words:
                self._word_cache[w] = self._raw(" " + w + " ")[0]
            return
        ident = self._ident
        idx: list[int] = []
        cnt: list[int] = []
        bounds = []
        for w in words:
            visits = self._visit(ident.tk_nextmove, ident._rowbase, ident.tk_output, ident._encode(" " + w + " "))
            bounds.append(len(idx))
            if visits:
                idx.extend(visits.keys())
                cnt.extend(visits.values())
        zero = np.zeros(len(self._classes), dtype=np.float32)
        if not idx:
            for w in words:
                self._word_cache[w] = zero
            return
        weights = np.log1p(np.asarray(cnt, dtype=np.float32))[:, None]
        rows = self._ptc[np.asarray(idx, dtype=np.intp)] * weights
        ends = bounds[1:] + [len(idx)]
        nonempty = [k for k in range(len(words)) if ends[k] > bounds[k]]
        sums = np.add.reduceat(rows, [bounds[k] for k in nonempty], axis=0) if nonempty else None
        for w in words:
            self._word_cache[w] = zero
        for j, k in enumerate(nonempty):
            self._word_cache[words[k]] = sums[j]

    def prior(self, candidates: Sequence[str]):
        _langs, cols = self._cols(candidates)
        return self._pc[cols]


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
