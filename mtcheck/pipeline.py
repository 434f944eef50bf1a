"""The pipeline: load -> segment -> align -> check -> score -> gate.

``run(paths)`` returns a :class:`~mtcheck.model.RunResult`, the same object the
CLI renders.  ``iter_results(paths)`` yields one :class:`ArticleResult` at a
time for streaming over large corpora.
"""

from __future__ import annotations

import dataclasses
from typing import Iterable, Iterator, Sequence

from . import __version__
from .align import align_article
from .checks.base import ArticleContext, all_checks, code_selected, make_finding
from .config import Config
from .gate import evaluate
from .load import iter_article_dirs, load_article
from .model import AlignedRow, Alignment, Article, ArticleResult, Finding, RunResult, Segment, VersionResult
from .segment import count_words, segment_version
from .suppress import apply_suppressions

UNALIGNED_BELOW = 0.25


def _active_checks(config: Config):
    return [
        cls()
        for code, cls in all_checks().items()
        if cls.runs_on_article and code_selected(code, config.select, config.ignore)
    ]


def _trivial_alignment(article: Article, segments) -> Alignment:
    if not article.versions:
        return Alignment(pivot="", rows=())
    v = article.versions[0]
    rows = tuple(AlignedRow(index=i, cells={v.id: (i,)}) for i in range(len(segments[v.id])))
    return Alignment(pivot=v.id, rows=rows, quality={v.id: 1.0})


def _loader_finding(article: Article, version_id: str, code: str, message: str, start: int = 0, end: int = 0) -> Finding:
    v = article.version(version_id)
    return make_finding(
        article.id, version_id=v.id, path=v.path, text=v.text, check_text=v.check_text, code=code,
        start=start, end=end, message=message,
    )


def check_article(article: Article, config: Config | None = None) -> ArticleResult:
    """Segment, align, check and score one article."""
    config = config or Config()
    segments: dict[str, tuple[Segment, ...]] = {v.id: segment_version(v) for v in article.versions}
    findings: list[Finding] = list(article.problems)
    if len(article.versions) > 1:
        alignment = align_article(article, segments)
        for vid, q in sorted(alignment.quality.items()):
            if vid != alignment.pivot and q < UNALIGNED_BELOW:
                findings.append(
                    _loader_finding(
                        article, vid, "MT002",
                        f"version '{vid}' does not line up with '{alignment.pivot}' "
                        f"(alignment confidence {q:.2f}); is it the same article?",
                    )
                )
    else:
        alignment = _trivial_alignment(article, segments)
        if article.versions:
            findings.append(
                _loader_finding(
                    article, article.versions[0].id, "MT004",
                    f"article '{article.id}' has a single version; cross-version checks skipped",
                )
            )
    ctx = ArticleContext(article=article, segments=segments, alignment=alignment, config=config)
    for check in _active_checks(config):
        findings.extend(check.run(ctx))
    findings = _finalise(findings, config)
    findings, suppressed, unused = apply_suppressions(
        article, findings, config.ignore_findings,
        lambda code, vid, start, end, msg: ctx.finding(code, vid, start, end, msg),
    )
    if unused:
        findings = _finalise(findings + unused, config)

    from .score import score_article

    version_results, extra_findings, score_extras = score_article(ctx, findings)
    if extra_findings:
        findings = _finalise(findings + list(extra_findings), config)
    extras = dict(ctx.extras)
    extras.update(score_extras)
    return ArticleResult(
        article=article,
        segments=segments,
        alignment=alignment,
        findings=tuple(findings),
        versions=tuple(version_results),
        extras=extras,
        suppressed=suppressed,
    )


def _finalise(findings: Iterable[Finding], config: Config) -> list[Finding]:
    """Apply selection and severity overrides; drop exact duplicates; sort."""
    out: dict[tuple, Finding] = {}
    for f in findings:
        if not code_selected(f.code, config.select, config.ignore):
            continue
        sev = config.severity.get(f.code)
        if sev and sev != f.severity:
            f = dataclasses.replace(f, severity=sev)
        key = (f.version, f.code, f.start, f.end)
        if key not in out:
            out[key] = f
    return sorted(out.values(), key=Finding.sort_key)


def article_dirs(paths: Sequence[str], changed_since: str | None = None):
    """The (folder, article id) pairs to check; with ``changed_since`` only
    articles that hold a file changed since that git revision."""
    dirs = iter_article_dirs(list(paths))
    if changed_since:
        from .vcs import changed_files

        changed = changed_files(changed_since, [d for d, _ in dirs])
        dirs = [(d, aid) for d, aid in dirs if d.resolve() in changed]
    return dirs


def iter_results(paths: Sequence[str], config: Config | None = None, changed_since: str | None = None) -> Iterator[ArticleResult]:
    """Check articles one at a time (bounded memory)."""
    config = config or Config()
    for folder, article_id in article_dirs(paths, changed_since):
        article = load_article(folder, article_id)
        yield check_article(article, config)


def run(
    paths: Sequence[str],
    config: Config | None = None,
    *,
    baseline: str | None = None,
    changed_since: str | None = None,
) -> RunResult:
    """Check every article under ``paths`` and apply the gate.

    ``baseline``: a baseline file; its findings are dropped and do not fail the
    gate.  ``changed_since``: a git revision; only articles with a changed file
    are checked.
    """
    config = config or Config()
    entries = None
    if baseline:
        from .baseline import read_baseline

        entries = read_baseline(baseline)
    results = list(iter_results(paths, config, changed_since))
    return finish(results, config, paths, entries)


def finish(results: Sequence[ArticleResult], config: Config, paths: Sequence[str], baseline_entries=None) -> RunResult:
    baselined = fixed = 0
    if baseline_entries is not None:
        from .baseline import subtract

        results, baselined, fixed = subtract(list(results), baseline_entries)
    gate = evaluate(results, config.fail_on, baselined=baselined, fixed=fixed)
    return RunResult(
        articles=tuple(results),
        gate=gate,
        tool_version=__version__,
        config_hash=config.hash(),
        paths=tuple(paths),
    )


def version_result(article: Article, vid: str, segments, scores, signatures) -> VersionResult:
    v = article.version(vid)
    return VersionResult(
        id=v.id, lang=v.lang, language=v.language, label=v.label, path=v.path,
        words=count_words(v.check_text), segments=len(segments[vid]), scores=scores, signatures=signatures,
    )
