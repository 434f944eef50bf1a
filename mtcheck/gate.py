"""Stage 7: decide pass/fail from the findings and the configured fail level."""

from __future__ import annotations

from typing import Iterable

from .model import SEVERITY_RANK, ArticleResult, GateResult


def evaluate(articles: Iterable[ArticleResult], fail_on: str, baselined: int = 0, fixed: int = 0) -> GateResult:
    """Fail when any finding is at or above ``fail_on`` (``never`` never fails).

    Score thresholds surface as MT9xx findings of severity error, so they fail
    the gate through the same rule.
    """
    counts: dict[str, int] = {}
    scores_failed = 0
    for a in articles:
        for f in a.findings:
            counts[f.severity] = counts.get(f.severity, 0) + 1
            if f.code.startswith("MT9") and f.severity == "error":
                scores_failed += 1
    reasons: list[str] = []
    if fail_on != "never":
        level = SEVERITY_RANK[fail_on]
        for sev in ("error", "warning", "info"):
            if SEVERITY_RANK[sev] >= level and counts.get(sev):
                n = counts[sev]
                reasons.append(f"{n} {sev}{'s' if n != 1 else ''} at or above fail level '{fail_on}'")
        if scores_failed and not reasons:
            reasons.append(f"{scores_failed} score threshold(s) missed")
    return GateResult(passed=not reasons, fail_on=fail_on, reasons=tuple(reasons), baselined=baselined, fixed_baseline_entries=fixed)
