"""Stage 5: scores per version.

Two kinds of score, both stored in each version's ``scores`` with a signature
beside them in ``signatures`` (same key), so a number in a CI log can be
reproduced.

``chrf``, ``bleu``, ``ter`` (when a reference applies)
    sacrebleu corpus scores of a version against the reference of its language
    (``<lang>.ref.*``).  Which reference: one whose full tag equals the
    version's (``pt-BR.ref`` for ``pt-BR.deepl``), otherwise one of the same
    language subtag.  The source and the reference itself get no reference
    scores.

    *Units.* The article's alignment lines the versions up in rows.  A row's
    text for a version is its segments in that row joined (with a space, or
    nothing in Chinese/Japanese/Thai script).  Rows that share a line of either
    file are merged into one unit, and a unit that both files spread over the
    same number of lines is split back into those lines (the aligner may link
    two sentences 2-2), so that line-aligned input (one sentence or one
    paragraph per line in both files) is scored on exactly its lines and the
    numbers equal sacrebleu's ``corpus_chrf``/``corpus_bleu``/``corpus_ter`` on
    those lines.  Rows where one side is empty are kept with an empty string,
    so an omitted (or an added) sentence costs; rows empty on both sides are
    skipped.  Scores are computed on ``Version.check_text`` (Markdown markup,
    URLs and code blanked).

    *Tokenisation* (BLEU; TER gets ``asian_support`` for Chinese/Japanese):
    ``zh`` for Chinese (and Cantonese); ``ja-mecab`` for Japanese when
    ``sacrebleu[ja]`` is installed, otherwise ``char`` (every character a
    token — the documented fallback, visible in the signature as ``tok:char``);
    ``ko-mecab`` for Korean when ``sacrebleu[ko]`` is installed, otherwise
    ``13a``; ``char`` for Thai, Lao, Khmer and Burmese (no spaces between words);
    ``13a`` (sacrebleu's default, the WMT standard) for every other language.
    chrF is character-based and used for every language.

``quality`` (always, every version): an error-based score in the spirit of
MQM.  Each finding costs penalty points by severity (default error 10,
warning 3, info 0); the points are normalised per 1,000 words of the version
and mapped to 0–100::

    penalty          = sum(weights[f.severity] for f in the version's findings)
    penalty_per_kw   = penalty * per_words / max(words, 1)
    quality          = 100 * max(0, 1 - penalty_per_kw / max_penalty)

so with the defaults one error per 1,000 words costs 10 points and 10 errors
per 1,000 words give 0.  Weights, ``per_words`` and ``max_penalty`` are set in
the ``[quality]`` table of the configuration.  The findings counted are those
of the checks (after selection and severity overrides), never the MT9xx score
findings themselves.

Article-level extras (``extras["scores"]``, JSON-serialisable):

* ``references``: version id -> the reference version it was scored against;
* ``segment_chrf``: per aligned row, the sentence chrF of each version that has a
  reference (``None`` where the row is empty on both sides);
* ``matrix``: per language with two or more versions (systems and reference), the
  pairwise corpus chrF ``matrix[hyp][ref]`` and each version's ``agreement``:
  multi-reference chrF with all the other versions of that language as
  references — the outlier system has the lowest agreement;
* ``significance``: per language with a reference and two or more systems, a
  paired bootstrap test of chrF (sacrebleu's procedure, 1000 resamples, seed
  12345; see :func:`significance`) of every system against the best one by
  chrF: score, bootstrap mean, 95% half-interval, p-value, ``significant``
  (p < 0.05);
* ``quality``: per version, the penalty points, the findings counted by
  severity and the words.

Thresholds (``[thresholds]`` in the configuration: ``min_chrf``, ``min_bleu``,
``max_ter``, ``min_quality``) turn into MT901–MT904 findings of severity error,
placed as a zero-width span at line 1, column 1 of the version's file (the
score is about the whole file, so no text is highlighted).

sacrebleu is imported only when some language has two or more versions.
"""

from __future__ import annotations

import dataclasses

import functools
from typing import Any, Iterable, Mapping, Sequence

from .model import Finding, LineIndex

QUALITY_SIGNATURE = "mtcheck-quality|error:{error:g}|warning:{warning:g}|info:{info:g}|per:{per_words:g}|max:{max_penalty:g}"

BOOTSTRAP_SAMPLES = 1000
BOOTSTRAP_SEED = 12345
SIGNIFICANCE_LEVEL = 0.05

# language subtags written without spaces between words (join segments with "")
_NO_SPACE_LANGS = {"zh", "yue", "wuu", "ja", "th", "lo", "km", "my"}
_CHAR_TOKENIZED = {"th", "lo", "km", "my"}

# threshold key -> (score key, check code, display name, is_minimum)
THRESHOLDS = {
    "min_chrf": ("chrf", "MT901", "chrF", True),
    "min_bleu": ("bleu", "MT902", "BLEU", True),
    "max_ter": ("ter", "MT903", "TER", False),
    "min_quality": ("quality", "MT904", "quality", True),
}


# --------------------------------------------------------------------------- quality

def quality_penalty(findings: Iterable[Finding], weights: Mapping[str, float]) -> float:
    return float(sum(weights.get(f.severity, 0.0) for f in findings if not f.code.startswith("MT9")))


def quality_score(findings: Iterable[Finding], words: int, weights: Mapping[str, float]) -> float:
    """The error-based quality score (0–100) of one version; formula in the module docstring."""
    penalty = quality_penalty(findings, weights)
    if penalty <= 0:
        return 100.0
    per_words = weights.get("per_words", 1000.0)
    max_penalty = weights.get("max_penalty", 100.0)
    norm = penalty * per_words / max(words, 1)
    return round(100.0 * max(0.0, 1.0 - norm / max_penalty), 2)


def quality_signature(weights: Mapping[str, Any]) -> str:
    return QUALITY_SIGNATURE.format(**weights)


# --------------------------------------------------------------------------- sacrebleu setup

@functools.lru_cache(maxsize=None)
def _tokenizer_works(name: str) -> bool:
    try:
        from sacrebleu.metrics import BLEU

        BLEU(tokenize=name).corpus_score(["テスト です"], [["テスト です"]])
        return True
    except Exception:  # missing optional dependency (mecab, dictionaries)
        return False


def tokenizer_for(language: str) -> str:
    """sacrebleu tokenizer for BLEU in a language (see the module docstring)."""
    if language in ("zh", "yue", "wuu"):
        return "zh"
    if language == "ja":
        return "ja-mecab" if _tokenizer_works("ja-mecab") else "char"
    if language == "ko":
        return "ko-mecab" if _tokenizer_works("ko-mecab") else "13a"
    if language in _CHAR_TOKENIZED:
        return "char"
    return "13a"


@functools.lru_cache(maxsize=None)
def metrics_for(language: str) -> dict[str, Any]:
    """chrF, BLEU and TER objects for a language (created once per process)."""
    from sacrebleu.metrics import BLEU, CHRF, TER

    return {
        "chrf": CHRF(),
        "bleu": BLEU(tokenize=tokenizer_for(language)),
        "ter": TER(asian_support=language in ("zh", "yue", "wuu", "ja")),
    }


def _signature(metric) -> str:
    return str(metric.get_signature())


# --------------------------------------------------------------------------- units

def _join(texts: Sequence[str], language: str) -> str:
    sep = "" if language in _NO_SPACE_LANGS else " "
    return sep.join(t.strip() for t in texts)


class _Texts:
    """Per-version lookups shared by every comparison of one article."""

    def __init__(self, ctx) -> None:
        self.ctx = ctx
        self._lines: dict[str, list[tuple[int, int]]] = {}
        self._groups: dict[str, list[list[int]]] = {}
        self._rank: dict[str, list[int]] = {}

    def lines(self, vid: str) -> list[tuple[int, int]]:
        """(first line, last line) of every segment of a version."""
        out = self._lines.get(vid)
        if out is None:
            li = LineIndex(self.ctx.article.version(vid).text)
            out = [(li.position(s.start)[0], li.position(max(s.start, s.end - 1))[0]) for s in self.ctx.segments[vid]]
            self._lines[vid] = out
        return out

    def line_groups(self, vid: str) -> list[list[int]]:
        """Segment indices grouped by the line they start on (content lines, in order)."""
        out = self._groups.get(vid)
        if out is None:
            out, rank, last = [], [], None
            for i, (first, _last) in enumerate(self.lines(vid)):
                if first != last:
                    out.append([])
                    last = first
                out[-1].append(i)
                rank.append(len(out) - 1)
            self._groups[vid] = out
            self._rank[vid] = rank
        return out

    def rank(self, vid: str) -> list[int]:
        self.line_groups(vid)
        return self._rank[vid]

    def row_text(self, vid: str, idxs: Sequence[int]) -> str:
        segs = self.ctx.segments[vid]
        return _join([segs[i].text for i in idxs], self.ctx.article.version(vid).language)


LINE_MODE_AGREEMENT = 0.8


def line_aligned(ctx, texts: _Texts, vids: Sequence[str]) -> bool:
    """Are these versions line-aligned: the same number of content lines, and
    the alignment pairing (nearly always) line k with line k?"""
    n = len(texts.line_groups(vids[0]))
    if n == 0 or any(len(texts.line_groups(v)) != n for v in vids[1:]):
        return False
    if ctx.alignment is None:
        return False
    rank0 = texts.rank(vids[0])
    for v in vids[1:]:
        rank = texts.rank(v)
        both = agree = 0
        for row in ctx.alignment.rows:
            a, b = row.cells.get(vids[0], ()), row.cells.get(v, ())
            if a and b:
                both += 1
                if {rank0[i] for i in a} & {rank[i] for i in b}:
                    agree += 1
        if both == 0 or agree < LINE_MODE_AGREEMENT * both:
            return False
    return True


def units(ctx, texts: _Texts, vids: Sequence[str]) -> list[list[str]]:
    """Scoring units for the versions ``vids``: ``streams[k][u]`` is the text
    of version ``vids[k]`` in unit ``u``.

    Line-aligned versions (:func:`line_aligned`) are scored line by line.
    Otherwise consecutive aligned rows that share a line of any of the files
    are one unit; a unit that every version spreads over the same number (> 1)
    of lines is split back into those lines, paired in order; rows empty in
    every one of ``vids`` are skipped.
    """
    if line_aligned(ctx, texts, vids):
        return [[texts.row_text(vid, g) for g in texts.line_groups(vid)] for vid in vids]
    rows = ctx.alignment.rows if ctx.alignment is not None else ()
    lines = {vid: texts.lines(vid) for vid in vids}
    groups: list[dict[str, list[int]]] = []
    cur_keys: set = set()
    for row in rows:
        cells = {vid: row.cells.get(vid, ()) for vid in vids}
        if not any(cells.values()):
            continue
        keys = set()
        for vid, idxs in cells.items():
            ln = lines[vid]
            for i in idxs:
                a, b = ln[i]
                keys.add((vid, a))
                keys.add((vid, b))
        if groups and keys & cur_keys:
            for vid, idxs in cells.items():
                groups[-1][vid].extend(idxs)
            cur_keys |= keys
        else:
            groups.append({vid: list(idxs) for vid, idxs in cells.items()})
            cur_keys = keys
    # Split a unit back into lines when every version spreads it over the same
    # number of lines (the aligner may link two line-aligned sentences 2-2).
    cells_out: list[dict[str, list[int]]] = []
    for g_cells in groups:
        by_line = {}
        for vid in vids:
            runs: list[list[int]] = []
            last = None
            for i in sorted(set(g_cells[vid])):
                ln = lines[vid][i][0]
                if ln != last:
                    runs.append([])
                    last = ln
                runs[-1].append(i)
            by_line[vid] = runs
        counts = {len(r) for r in by_line.values()}
        if len(counts) == 1 and counts.pop() > 1:
            for k in range(len(by_line[vids[0]])):
                cells_out.append({vid: by_line[vid][k] for vid in vids})
        else:
            cells_out.append({vid: sorted(set(g_cells[vid])) for vid in vids})
    return [[texts.row_text(vid, c[vid]) for c in cells_out] for vid in vids]


def _match_statistics(h, r) -> list[int]:
    """``CHRF._get_match_statistics(h, r)`` (the same integers), with the intersection
    of the n-grams walked in C: [hyp count if the ref has any, ref count, matches]."""
    common = h.keys() & r.keys()
    return [sum(h.values()) if r else 0, sum(r.values()),
            sum(map(min, map(h.__getitem__, common), map(r.__getitem__, common)))]


class ChrfCache:
    """sacrebleu's chrF with the character n-grams of each string extracted once.

    The statistics are sacrebleu's own (``extract_all_char_ngrams``,
    ``CHRF._get_match_statistics``, best reference by F-score, as in
    ``CHRF._compute_segment_statistics``) and the score comes from
    ``CHRF._compute_score_from_stats``, so the numbers are sacrebleu's; only
    the repeated n-gram extraction of the same segment for the matrix,
    the per-row scores and the agreement is saved.
    """

    def __init__(self) -> None:
        from sacrebleu.metrics import CHRF

        self.metric = CHRF()
        self._ngrams: dict[str, list] = {}
        self._pairs: dict[tuple[str, str], list[int]] = {}
        self._sigs: dict[int, str] = {}

    def ngrams(self, s: str) -> list:
        g = self._ngrams.get(s)
        if g is None:
            from sacrebleu.metrics.helpers import extract_all_char_ngrams

            m = self.metric
            g = self._ngrams[s] = extract_all_char_ngrams(s, m.char_order, m.whitespace)
        return g

    def pair_stats(self, hyp: str, ref: str) -> list[int]:
        """sacrebleu's [hyp, ref, match] triples per order for one pair (cached both ways)."""
        key = (hyp, ref)
        st = self._pairs.get(key)
        if st is None:
            hg, rg = self.ngrams(hyp), self.ngrams(ref)
            st = []
            for h, r in zip(hg, rg):
                st.extend(_match_statistics(h, r))
            self._pairs[key] = st
            # the reverse direction has the same matches, totals swapped
            rev = []
            for k, (h, r) in enumerate(zip(hg, rg)):
                n_h, n_r, n_m = sum(h.values()), st[3 * k + 1], st[3 * k + 2]
                rev.extend([n_r if h else 0, n_h, n_m])
            self._pairs[(ref, hyp)] = rev
        return st

    def segment_stats(self, hyp: str, refs: Sequence[str]) -> list[int]:
        """Best statistics over the references, as ``CHRF._compute_segment_statistics``."""
        m = self.metric
        best: list[int] = []
        best_f = -1.0
        for r in refs:
            stats = self.pair_stats(hyp, r)
            f = m._compute_f_score(stats)
            if f > best_f:
                best_f, best = f, stats
        return best

    def score(self, stats: list[int]) -> float:
        return float(self.metric._compute_score_from_stats(stats).score)

    def corpus(self, hyps: Sequence[str], ref_streams: Sequence[Sequence[str]]) -> float:
        total: list[int] = []
        for k, h in enumerate(hyps):
            st = self.segment_stats(h, [rs[k] for rs in ref_streams])
            total = st if not total else [a + b for a, b in zip(total, st)]
        return self.score(total) if total else 0.0

    def signature(self, nrefs: int) -> str:
        sig = self._sigs.get(nrefs)
        if sig is None:
            from sacrebleu.metrics import CHRF

            m = CHRF()
            m.corpus_score(["a"], [["a"]] * nrefs)
            sig = self._sigs[nrefs] = str(m.get_signature())
        return sig


# --------------------------------------------------------------------------- reference scores

def _pick_reference(v, refs) -> Any:
    same = [r for r in refs if r.language == v.language and r.id != v.id]
    exact = [r for r in same if r.lang == v.lang]
    return (exact or same or [None])[0]


def _round(x: float) -> float:
    return round(float(x), 2)


def reference_scores(ctx, texts: _Texts, chrf: ChrfCache, hyp, ref, wanted: Sequence[str] = ("chrf", "bleu", "ter")) -> tuple[dict[str, float], dict[str, str], dict[int, float]]:
    """Corpus chrF (always) and the ``wanted`` BLEU/TER of ``hyp`` against ``ref``, and per-row chrF."""
    metrics = metrics_for(hyp.language)
    h, r = units(ctx, texts, [hyp.id, ref.id])
    scores: dict[str, float] = {}
    sigs: dict[str, str] = {}
    if not h:
        return scores, sigs, {}
    scores["chrf"] = _round(chrf.corpus(h, [r]))
    sigs["chrf"] = chrf.signature(1)
    for key in ("bleu", "ter"):
        if key not in wanted:
            continue
        m = metrics[key]
        scores[key] = _round(m.corpus_score(h, [r]).score)
        sigs[key] = _signature(m)
    # per-row sentence chrF (rows, not merged units: one number per aligned row)
    per_row = {}
    for row in ctx.alignment.rows:
        hi, ri = row.cells.get(hyp.id, ()), row.cells.get(ref.id, ())
        if hi or ri:
            st = chrf.segment_stats(texts.row_text(hyp.id, hi), [texts.row_text(ref.id, ri)])
            per_row[row.index] = _round(chrf.score(st))
    return scores, sigs, per_row


def chrf_matrix(ctx, texts: _Texts, chrf: ChrfCache, group: Sequence) -> dict[str, Any]:
    """Pairwise chrF and multi-reference agreement within one language."""
    ids = [v.id for v in group]
    matrix: dict[str, dict[str, float]] = {a: {} for a in ids}
    for a in ids:
        for b in ids:
            if a != b:
                h, r = units(ctx, texts, [a, b])
                if h:
                    matrix[a][b] = _round(chrf.corpus(h, [r]))
    agreement: dict[str, float] = {}
    for a in ids:
        streams = units(ctx, texts, [a, *(b for b in ids if b != a)])
        if streams[0]:
            agreement[a] = _round(chrf.corpus(streams[0], streams[1:]))
    return {
        "versions": ids, "chrf": matrix, "signature": chrf.signature(1),
        "agreement": agreement, "agreement_signature": chrf.signature(len(ids) - 1),
    }


def _chrf_vectorised(sums, beta: int = 2):
    """``CHRF._compute_f_score`` (chrF2, no eps smoothing) over rows of summed statistics."""
    import numpy as np

    sums = np.asarray(sums, dtype="float64")
    n_hyp, n_ref, n_match = sums[:, 0::3], sums[:, 1::3], sums[:, 2::3]
    eps = 1e-16
    with np.errstate(divide="ignore", invalid="ignore"):
        prec = np.where(n_hyp > 0, n_match / np.where(n_hyp > 0, n_hyp, 1), eps)
        rec = np.where(n_ref > 0, n_match / np.where(n_ref > 0, n_ref, 1), eps)
    valid = (n_hyp > 0) & (n_ref > 0)
    eff = valid.sum(1)
    safe = np.where(eff > 0, eff, 1)
    ap = np.where(eff > 0, (prec * valid).sum(1) / safe, 0.0)
    ar = np.where(eff > 0, (rec * valid).sum(1) / safe, 0.0)
    f = beta ** 2
    denom = f * ap + ar
    return np.where(ap + ar > 0, 100 * (1 + f) * ap * ar / np.where(denom > 0, denom, 1), 0.0)


def significance(ctx, texts: _Texts, chrf: ChrfCache, ref, systems: Sequence, chrf_scores: Mapping[str, float]) -> dict[str, Any] | None:
    """Paired bootstrap resampling of chrF: every system against the best one.

    This is sacrebleu's paired bootstrap test (``PairedTest(test_type="bs")``,
    i.e. Koehn 2004 as in Moses): the same resampling (``numpy`` generator
    seeded with 12345, ``rng.choice(n, (1000, n))`` shared by all systems),
    the same test statistic and sacrebleu's own ``_compute_p_value`` and
    ``estimate_ci``.  Only the 1000 chrF scores per system are computed from
    the (cached) sufficient statistics with numpy instead of one Python call
    each, which makes the test ~50x cheaper; ``tests/test_scores.py`` checks
    the results against ``PairedTest``.  BLEU is not bootstrapped: on one
    article it is too noisy to be tested meaningfully.
    """
    import numpy as np
    from sacrebleu.significance import _compute_p_value, estimate_ci

    order = sorted(systems, key=lambda v: (-chrf_scores.get(v.id, 0.0), v.id))
    ids = [v.id for v in order]
    streams = units(ctx, texts, [ref.id, *ids])
    refs, hyps = streams[0], streams[1:]
    n = len(refs)
    if n < 2:
        return None
    rng = np.random.default_rng(BOOTSTRAP_SEED)
    idxs = rng.choice(n, size=(BOOTSTRAP_SAMPLES, n), replace=True)
    real, samples = [], []
    for h in hyps:
        seg = [chrf.pair_stats(x, r) for x, r in zip(h, refs)]
        real.append(chrf.score([sum(c) for c in zip(*seg)]))
        arr = np.array(seg, dtype="float32")
        samples.append(_chrf_vectorised(arr[idxs].sum(1)))
    sig = chrf.signature(1).replace("nrefs:1|", f"nrefs:1|bs:{BOOTSTRAP_SAMPLES}|seed:{BOOTSTRAP_SEED}|", 1)
    out: dict[str, Any] = {
        "reference": ref.id, "baseline": ids[0], "metric": "chrf", "test": "paired bootstrap",
        "n_samples": BOOTSTRAP_SAMPLES, "seed": BOOTSTRAP_SEED, "units": n,
        "signature": sig, "systems": {},
    }
    for k, vid in enumerate(ids):
        mean, ci = estimate_ci(samples[k])
        d: dict[str, Any] = {"score": _round(real[k]), "mean": _round(mean), "ci95": _round(ci)}
        if k > 0:
            diffs = np.abs(samples[k] - samples[0])
            p = _compute_p_value(diffs - diffs.mean(), abs(real[0] - real[k]))
            d["p_value"] = round(float(p), 4)
            d["significant"] = bool(p < SIGNIFICANCE_LEVEL)
        out["systems"][vid] = {"chrf": d}
    return out


# --------------------------------------------------------------------------- thresholds

def threshold_findings(ctx, vid: str, scores: Mapping[str, float], sigs: Mapping[str, str], thresholds: Mapping[str, float], ref_id: str | None) -> list[Finding]:
    out = []
    for key, limit in sorted(thresholds.items()):
        spec = THRESHOLDS.get(key)
        if spec is None:
            continue
        score_key, code, shown, is_min = spec
        value = scores.get(score_key)
        if value is None:
            continue
        missed = value < limit if is_min else value > limit
        if not missed:
            continue
        word = "below the configured minimum" if is_min else "above the configured maximum"
        against = f" against {ref_id}" if ref_id and score_key != "quality" else ""
        sig = sigs.get(score_key, "")
        op = ">=" if is_min else "<="
        out.append(ctx.finding(
            code, vid, 0, 0,
            message=f"{shown} {value:.2f}{against} is {word} {limit:g} (thresholds.{key}; {sig})",
            expected=f"{shown} {op} {limit:g}",
            data={"score": score_key, "value": value, "threshold": limit, "threshold_key": key, "signature": sig, "reference": ref_id if score_key != "quality" else None},
        ))
    return out


# --------------------------------------------------------------------------- entry point

def reference_metrics(config) -> tuple[str, ...]:
    """Which reference metrics to compute: ``metrics`` in the configuration
    (default chrF and BLEU), plus any metric a threshold names.

    TER is opt-in (``metrics = ["chrf", "bleu", "ter"]`` or a ``max_ter``
    threshold): sacrebleu's TER, with its shift search, cost about 80% of the
    whole scoring stage on paragraph-long lines in our measurements, for a
    number that rarely changes a decision that chrF does not already make.
    """
    wanted = list(getattr(config, "metrics", None) or ("chrf", "bleu"))
    thresholds = getattr(config, "thresholds", None) or {}
    for key, metric in (("min_chrf", "chrf"), ("min_bleu", "bleu"), ("max_ter", "ter")):
        if key in thresholds and metric not in wanted:
            wanted.append(metric)
    return tuple(wanted)


def score_article(ctx, findings: list[Finding]):
    """Scores for every version of an article.

    Returns ``(version results, extra findings, extras)``: the MT9xx threshold
    findings and the report extras (``extras["scores"]``) come from here.
    """
    from .config import DEFAULT_QUALITY
    from .pipeline import version_result

    config = ctx.config
    weights = dict(DEFAULT_QUALITY)
    if config is not None:
        weights.update(config.quality)
    thresholds = dict(getattr(config, "thresholds", {}) or {})
    versions = list(ctx.article.versions)
    by_version: dict[str, list[Finding]] = {}
    for f in findings:
        by_version.setdefault(f.version, []).append(f)

    # language groups (sources excluded), references
    groups: dict[str, list] = {}
    for v in versions:
        if not v.is_source and ctx.segments.get(v.id):
            groups.setdefault(v.language, []).append(v)
    refs = [v for v in versions if v.is_ref and ctx.segments.get(v.id)]
    texts = _Texts(ctx)
    wanted = reference_metrics(config)
    need_sacrebleu = ctx.alignment is not None and any(len(g) >= 2 for g in groups.values())

    ref_scores: dict[str, tuple[dict, dict]] = {}
    references: dict[str, str] = {}
    per_row: dict[int, dict[str, float]] = {}
    extras: dict[str, Any] = {}
    if need_sacrebleu:
        chrf = ChrfCache()
        for v in versions:
            if v.is_source or v.is_ref or not ctx.segments.get(v.id):
                continue
            ref = _pick_reference(v, refs)
            if ref is None:
                continue
            s, sig, rows = reference_scores(ctx, texts, chrf, v, ref, wanted)
            if s:
                ref_scores[v.id] = (s, sig)
                references[v.id] = ref.id
                for rid, val in rows.items():
                    per_row.setdefault(rid, {})[v.id] = val
        matrices = {lang: chrf_matrix(ctx, texts, chrf, g) for lang, g in sorted(groups.items()) if len(g) >= 2}
        sig_tests = {}
        for lang, g in sorted(groups.items()):
            systems = [v for v in g if not v.is_ref and v.id in ref_scores]
            if len(systems) >= 2:
                ref = ctx.article.version(references[systems[0].id])
                same_ref = [v for v in systems if references[v.id] == ref.id]
                if len(same_ref) >= 2:
                    res = significance(ctx, texts, chrf, ref, same_ref, {v.id: ref_scores[v.id][0]["chrf"] for v in same_ref})
                    if res is not None:
                        sig_tests[lang] = res
        if references:
            extras["references"] = references
            extras["segment_chrf"] = [{"row": rid, "chrf": per_row[rid]} for rid in sorted(per_row)]
        if matrices:
            extras["matrix"] = matrices
        if sig_tests:
            extras["significance"] = sig_tests

    results = []
    extra_findings: list[Finding] = []
    qsig = quality_signature(weights)
    quality_info = {}
    for v in versions:
        base = version_result(ctx.article, v.id, ctx.segments, {}, {})
        vf = by_version.get(v.id, ())
        q = quality_score(vf, base.words, weights)
        scores: dict[str, float] = {}
        sigs: dict[str, str] = {}
        if v.id in ref_scores:
            scores.update(ref_scores[v.id][0])
            sigs.update(ref_scores[v.id][1])
        scores["quality"] = q
        sigs["quality"] = qsig
        counts = {s: 0 for s in ("error", "warning", "info")}
        for f in vf:
            if not f.code.startswith("MT9"):
                counts[f.severity] = counts.get(f.severity, 0) + 1
        quality_info[v.id] = {"penalty": quality_penalty(vf, weights), "words": base.words, "findings": counts}
        results.append(dataclasses.replace(base, scores=scores, signatures=sigs))
        if thresholds:
            extra_findings.extend(threshold_findings(ctx, v.id, scores, sigs, thresholds, references.get(v.id)))
    extras["quality"] = quality_info
    return results, extra_findings, {"scores": extras}
