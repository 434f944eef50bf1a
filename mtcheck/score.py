"""Stage 5: scores per version.

``quality`` (always): an error-based score in the spirit of MQM.  Each finding
costs penalty points by severity (default error 10, warning 3, info 0); the
points are normalised per 1,000 words of the version and mapped to 0–100::

    penalty_per_kw = sum(weights[f.severity] for f in findings) * per_words / words
    quality = 100 * max(0, 1 - penalty_per_kw / max_penalty)

so with the defaults one error per 1,000 words costs 10 points and 10 errors
per 1,000 words give 0.  Weights, ``per_words`` and ``max_penalty`` are set in
the ``[quality]`` table of the configuration.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from .model import Finding

QUALITY_SIGNATURE = "mtcheck-quality|error:{error:g}|warning:{warning:g}|info:{info:g}|per:{per_words:g}|max:{max_penalty:g}"


def quality_score(findings: Iterable[Finding], words: int, weights: Mapping[str, float]) -> float:
    penalty = sum(weights.get(f.severity, 0.0) for f in findings)
    per_words = weights.get("per_words", 1000.0)
    max_penalty = weights.get("max_penalty", 100.0)
    if penalty <= 0:
        return 100.0
    norm = penalty * per_words / max(words, 1)
    return round(100.0 * max(0.0, 1.0 - norm / max_penalty), 2)


def quality_signature(weights: Mapping[str, Any]) -> str:
    return QUALITY_SIGNATURE.format(**weights)


def score_article(ctx, findings: list[Finding]):
    """Scores for every version of an article.

    Returns ``(version results, extra findings, extras)``: the MT9xx threshold
    findings and report extras (chrF matrices, per-segment scores) come from here.
    """
    from .config import DEFAULT_QUALITY
    from .pipeline import version_result

    weights = dict(DEFAULT_QUALITY)
    if ctx.config is not None:
        weights.update(ctx.config.quality)
    by_version: dict[str, list[Finding]] = {}
    for f in findings:
        by_version.setdefault(f.version, []).append(f)
    results = []
    sig = quality_signature(weights)
    for v in ctx.article.versions:
        vr = version_result(ctx.article, v.id, ctx.segments, {}, {})
        q = quality_score(by_version.get(v.id, ()), vr.words, weights)
        results.append(
            version_result(ctx.article, v.id, ctx.segments, {"quality": q}, {"quality": sig})
        )
    return results, [], {}
