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
  paired bootstrap test (sacrebleu's ``PairedTest``, 1000 resamples, seed
  12345) of every system against the best one by chrF, for chrF and BLEU;
* ``quality``: per version, the penalty points, the findings counted by
  severity and the words.

Thresholds (``[thresholds]`` in the configuration: ``min_chrf``, ``min_bleu``,
``max_ter``, ``min_quality``) turn into MT901–MT904 findings of severity error,
placed as a zero-width span at line 1, column 1 of the version's file (the
score is about the whole file, so no text is highlighted).

sacrebleu is imported only when some language has two or more versions.
"""

from __future__ import annotations

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

    def lines(self, vid: str) -> list[tuple[int, int]]:
        """(first line, last line) of every segment of a version."""
        out = self._lines.get(vid)
        if out is None:
            li = LineIndex(self.ctx.article.version(vid).text)
            out = [(li.position(s.start)[0], li.position(max(s.start, s.end - 1))[0]) for s in self.ctx.segments[vid]]
            self._lines[vid] = out
        return out

    def row_text(self, vid: str, idxs: Sequence[int]) -> str:
        segs = self.ctx.segments[vid]
        return _join([segs[i].text for i in idxs], self.ctx.article.version(vid).language)


def units(ctx, texts: _Texts, vids: Sequence[str]) -> tuple[list[list[str]], list[list[int]]]:
    """Group aligned rows into scoring units for the versions ``vids``.

    Returns ``(streams, row_groups)``: ``streams[k][u]`` is the text of version
    ``vids[k]`` in unit ``u``; ``row_groups[u]`` the row indices of unit ``u``.
    Consecutive rows that share a line of any of the files are one unit; a
    unit that every version spreads over the same number (> 1) of lines is split
    back into those lines, paired in order; rows empty in every one of ``vids``
    are skipped.
    """
    rows = ctx.alignment.rows if ctx.alignment is not None else ()
    lines = {vid: texts.lines(vid) for vid in vids}
    groups: list[tuple[list[int], dict[str, list[int]]]] = []
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
            g_rows, g_cells = groups[-1]
            g_rows.append(row.index)
            for vid, idxs in cells.items():
                g_cells[vid].extend(idxs)
            cur_keys |= keys
        else:
            groups.append(([row.index], {vid: list(idxs) for vid, idxs in cells.items()}))
            cur_keys = keys
    # Split a unit back into lines when every version spreads it over the same
    # number of lines (the aligner may link two line-aligned sentences 2-2).
    cells_out: list[dict[str, list[int]]] = []
    rows_out: list[list[int]] = []
    for g_rows, g_cells in groups:
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
            n = len(by_line[vids[0]])
            for k in range(n):
                cells_out.append({vid: by_line[vid][k] for vid in vids})
                rows_out.append(g_rows)
        else:
            cells_out.append({vid: sorted(set(g_cells[vid])) for vid in vids})
            rows_out.append(g_rows)
    streams = [[texts.row_text(vid, c[vid]) for c in cells_out] for vid in vids]
    return streams, rows_out


# --------------------------------------------------------------------------- reference scores

def _pick_reference(v, refs) -> Any:
    same = [r for r in refs if r.language == v.language and r.id != v.id]
    exact = [r for r in same if r.lang == v.lang]
    return (exact or same or [None])[0]


def _round(x: float) -> float:
    return round(float(x), 2)


def reference_scores(ctx, texts: _Texts, hyp, ref) -> tuple[dict[str, float], dict[str, str], dict[int, float]]:
    """Corpus chrF/BLEU/TER of ``hyp`` against ``ref`` and per-row chrF."""
    metrics = metrics_for(hyp.language)
    (h, r), _groups = units(ctx, texts, [hyp.id, ref.id])
    scores: dict[str, float] = {}
    sigs: dict[str, str] = {}
    if not h:
        return scores, sigs, {}
    for key in ("chrf", "bleu", "ter"):
        m = metrics[key]
        scores[key] = _round(m.corpus_score(h, [r]).score)
        sigs[key] = _signature(m)
    # per-row sentence chrF (rows, not merged units: one number per aligned row)
    chrf = metrics["chrf"]
    row_ids, rh, rr = [], [], []
    for row in ctx.alignment.rows:
        hi, ri = row.cells.get(hyp.id, ()), row.cells.get(ref.id, ())
        if not hi and not ri:
            continue
        row_ids.append(row.index)
        rh.append(texts.row_text(hyp.id, hi))
        rr.append(texts.row_text(ref.id, ri))
    per_row = {}
    if row_ids:
        stats = chrf._extract_corpus_statistics(rh, [rr])
        for rid, st in zip(row_ids, stats):
            per_row[rid] = _round(chrf._compute_score_from_stats(st).score)
    return scores, sigs, per_row


def chrf_matrix(ctx, texts: _Texts, group: Sequence) -> dict[str, Any]:
    """Pairwise chrF and multi-reference agreement within one language."""
    chrf = metrics_for(group[0].language)["chrf"]
    ids = [v.id for v in group]
    matrix: dict[str, dict[str, float]] = {a: {} for a in ids}
    sig = ""
    for a in ids:
        for b in ids:
            if a == b:
                continue
            (h, r), _ = units(ctx, texts, [a, b])
            if h:
                matrix[a][b] = _round(chrf.corpus_score(h, [r]).score)
                sig = _signature(chrf)
    agreement: dict[str, float] = {}
    agreement_sig = ""
    if len(ids) >= 2:
        for a in ids:
            others = [b for b in ids if b != a]
            streams, _ = units(ctx, texts, [a, *others])
            if streams[0]:
                agreement[a] = _round(chrf.corpus_score(streams[0], streams[1:]).score)
                agreement_sig = _signature(chrf)
    return {"versions": ids, "chrf": matrix, "signature": sig, "agreement": agreement, "agreement_signature": agreement_sig}


def significance(ctx, texts: _Texts, ref, systems: Sequence, chrf_scores: Mapping[str, float]) -> dict[str, Any] | None:
    """Paired bootstrap of every system against the best one (by chrF)."""
    from sacrebleu.metrics import BLEU, CHRF
    from sacrebleu.significance import PairedTest

    order = sorted(systems, key=lambda v: (-chrf_scores.get(v.id, 0.0), v.id))
    ids = [v.id for v in order]
    streams, _ = units(ctx, texts, [ref.id, *ids])
    refs, hyps = streams[0], streams[1:]
    if len(refs) < 2:
        return None
    metrics = {"chrf": CHRF(), "bleu": BLEU(tokenize=tokenizer_for(ref.language))}
    test = PairedTest(
        named_systems=list(zip(ids, hyps)), metrics=metrics, references=[refs],
        test_type="bs", n_samples=BOOTSTRAP_SAMPLES,
    )
    test._seed = BOOTSTRAP_SEED  # fixed, whatever SACREBLEU_SEED says
    sigs, results = test()
    # sacrebleu keys its results by metric name ("chrF2", "BLEU"), in the order given
    keys = dict(zip(metrics, [k for k in results if k != "System"]))
    out: dict[str, Any] = {
        "reference": ref.id, "baseline": ids[0], "test": "paired bootstrap",
        "n_samples": BOOTSTRAP_SAMPLES, "seed": BOOTSTRAP_SEED, "units": len(refs),
        "signatures": {ours: str(sigs[theirs]) for ours, theirs in keys.items()}, "systems": {},
    }
    for i, vid in enumerate(ids):
        entry: dict[str, Any] = {}
        for name in metrics:
            res = results[keys[name]][i]
            d = {"score": _round(res.score)}
            if res.mean is not None:
                d["mean"] = _round(res.mean)
            if res.ci is not None:
                d["ci95"] = _round(res.ci)
            if res.p_value is not None:
                d["p_value"] = round(float(res.p_value), 4)
                d["significant"] = bool(res.p_value < SIGNIFICANCE_LEVEL)
            entry[name] = d
        out["systems"][vid] = entry
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
    need_sacrebleu = ctx.alignment is not None and any(len(g) >= 2 for g in groups.values())

    ref_scores: dict[str, tuple[dict, dict]] = {}
    references: dict[str, str] = {}
    per_row: dict[int, dict[str, float]] = {}
    extras: dict[str, Any] = {}
    if need_sacrebleu:
        for v in versions:
            if v.is_source or v.is_ref or not ctx.segments.get(v.id):
                continue
            ref = _pick_reference(v, refs)
            if ref is None:
                continue
            s, sig, rows = reference_scores(ctx, texts, v, ref)
            if s:
                ref_scores[v.id] = (s, sig)
                references[v.id] = ref.id
                for rid, val in rows.items():
                    per_row.setdefault(rid, {})[v.id] = val
        matrices = {lang: chrf_matrix(ctx, texts, g) for lang, g in sorted(groups.items()) if len(g) >= 2}
        sig_tests = {}
        for lang, g in sorted(groups.items()):
            systems = [v for v in g if not v.is_ref and v.id in ref_scores]
            if len(systems) >= 2:
                ref = ctx.article.version(references[systems[0].id])
                same_ref = [v for v in systems if references[v.id] == ref.id]
                if len(same_ref) >= 2:
                    res = significance(ctx, texts, ref, same_ref, {v.id: ref_scores[v.id][0]["chrf"] for v in same_ref})
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
        results.append(version_result(ctx.article, v.id, ctx.segments, scores, sigs))
        if thresholds:
            extra_findings.extend(threshold_findings(ctx, v.id, scores, sigs, thresholds, references.get(v.id)))
    extras["quality"] = quality_info
    return results, extra_findings, {"scores": extras}
