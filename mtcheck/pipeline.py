"""The pipeline: load -> segment -> align -> check -> score -> gate.

``run(paths)`` returns a :class:`~mtcheck.model.RunResult`, the same object the
CLI renders.  ``iter_results(paths)`` yields one :class:`ArticleResult` at a
time for streaming over large corpora.
"""

from __future__ import annotations

import dataclasses
from typing import Iterable, Iterator, Sequence

from . import __version__
from .align import MAX_ALIGN_SEGMENTS, align_article, positional_alignment
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
    oversize = [v.id for v in article.versions if len(segments[v.id]) > MAX_ALIGN_SEGMENTS]
    if len(article.versions) > 1 and oversize:
        # aligning is quadratic in the number of sentences: a pathological file
        # (a book, a 5 MB line) is lined up by position only, and said so
        alignment = positional_alignment(article, segments)
        for vid in oversize:
            findings.append(
                _loader_finding(
                    article, vid, "MT002",
                    f"version '{vid}' has {len(segments[vid])} segments, more than the {MAX_ALIGN_SEGMENTS} that "
                    f"can be aligned; versions lined up by position only",
                )
            )
    elif len(article.versions) > 1:
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
    return sorted(_one_report_per_problem(out.values()), key=Finding.sort_key)


# A wrong-language run that fills a segment (a glued language menu, a pasted
# paragraph in another language) is one problem: the language family reports
# it; an "addition" or "boilerplate" finding on the same text would report it twice.
_SUBSUMED_BY_LANGUAGE = ("MT402", "MT504")


def _one_report_per_problem(findings: Iterable[Finding]) -> list[Finding]:
    findings = list(findings)
    lang = [f for f in findings if f.code in ("MT201", "MT202", "MT203") and f.end > f.start]
    if not lang:
        return findings
    out = []
    for f in findings:
        if f.code in _SUBSUMED_BY_LANGUAGE and f.end > f.start:
            covered = 0
            for g in lang:
                if g.version == f.version:
                    covered += max(0, min(f.end, g.end) - max(f.start, g.start))
            if covered >= 0.6 * (f.end - f.start):
                continue
        out.append(f)
    return out


def article_dirs(paths: Sequence[str], changed_since: str | None = None):
    """The (folder, article id) pairs to check; with ``changed_since`` only
    articles that hold a file changed since that git revision."""
    dirs = iter_article_dirs(list(paths))
    if changed_since:
        from .vcs import changed_files

        changed = changed_files(changed_since, [d for d, _ in dirs])
        dirs = [(d, aid) for d, aid in dirs if d.resolve() in changed]
    return dirs


def load_one(folder, article_id: str, config: Config | None = None) -> Article:
    """Load one article folder (the unit every executor starts from).

    Anything that belongs to the article before checking (its glossary, a
    per-article configuration) is attached here, so a serial, a multi-process
    and a Dask run see the same article.
    """
    return load_article(folder, article_id, glossary_path=getattr(config, "glossary", None))


def check_folder(folder, article_id: str, config: Config | None = None) -> ArticleResult:
    """Load and check one article folder (what a worker process runs)."""
    return check_article(load_one(folder, article_id, config), config)


def iter_results(
    paths: Sequence[str],
    config: Config | None = None,
    changed_since: str | None = None,
    *,
    jobs: int | None = 1,
    executor: str = "local",
    scheduler: str | None = None,
    dirs=None,
) -> Iterator[ArticleResult]:
    """Check articles one at a time, in article order (bounded memory).

    ``jobs``: worker processes (``None``: one per core; 1: in this process).
    ``executor``: ``local`` or ``dask`` (``scheduler``: a Dask scheduler
    address; a local cluster when ``None``).  Every executor yields the same
    results in the same order.  ``dirs``: the (folder, article id) pairs when
    the caller already listed them.
    """
    from .parallel import map_articles

    config = config or Config()
    if dirs is None:
        dirs = article_dirs(paths, changed_since)
    yield from map_articles(dirs, config, jobs=jobs, executor=executor, scheduler=scheduler)


class RunCollector:
    """Accumulate checked articles into a run: baseline, counts, gate.

    ``keep=False`` keeps no :class:`ArticleResult` (only counts per severity
    and code), for runs whose outputs are all streamed; the summary line, the
    statistics and the gate are the same either way.
    """

    def __init__(self, config: Config, paths: Sequence[str], baseline_entries=None, keep: bool = True) -> None:
        self.config = config
        self.paths = tuple(paths)
        self.baseline_entries = baseline_entries
        self.keep = keep
        self.results: list[ArticleResult] = []
        self.n_articles = 0
        self.baselined = 0
        self.fixed = 0
        self.by_code: dict[tuple[str, str, str], int] = {}  # (code, check, severity) -> count
        self._entries_by_path: dict[str, dict] = {}
        for key, entry in (baseline_entries or {}).items():
            self._entries_by_path.setdefault(key[0], {})[key] = entry

    def add(self, result: ArticleResult) -> ArticleResult:
        """Apply the baseline to one article and count it; returns the article as reported."""
        if self.baseline_entries is not None:
            from .baseline import subtract

            # an entry's identity holds its file's path, so only this article can
            # match or fix it: per-article counts add up to the whole run's
            mine: dict = {}
            for path in {v.path for v in result.article.versions} | {f.path for f in result.findings}:
                mine.update(self._entries_by_path.get(path, {}))
            (result,), n, fixed = subtract([result], mine)
            self.baselined += n
            self.fixed += fixed
        self.n_articles += 1
        for f in result.findings:
            key = (f.code, f.check, f.severity)
            self.by_code[key] = self.by_code.get(key, 0) + 1
        if self.keep:
            self.results.append(result)
        return result

    def finish(self) -> RunResult:
        if self.keep:
            articles = self.results
        else:
            articles = [_Tally(self.by_code)]
        gate = evaluate(articles, self.config.fail_on, baselined=self.baselined, fixed=self.fixed)
        if self.keep:
            return RunResult(articles=tuple(self.results), gate=gate, tool_version=__version__,
                             config_hash=self.config.hash(), paths=self.paths)
        return StreamedRunResult(articles=_ArticleCount(self.n_articles), gate=gate, tool_version=__version__,
                                 config_hash=self.config.hash(), paths=self.paths, by_code=dict(self.by_code))


class _Tally:
    """Stands in for all articles of a streamed run where only severities and codes matter."""

    def __init__(self, by_code):
        self._by_code = by_code

    @property
    def findings(self):
        import itertools
        from types import SimpleNamespace

        return itertools.chain.from_iterable(
            itertools.repeat(SimpleNamespace(code=c, check=name, severity=sev), n)
            for (c, name, sev), n in sorted(self._by_code.items())
        )


class _ArticleCount(tuple):
    """``len()`` of the articles of a streamed run, whose results were not kept."""

    def __new__(cls, n: int):
        obj = super().__new__(cls)
        obj.n = n
        return obj

    def __len__(self) -> int:
        return self.n


@dataclasses.dataclass(frozen=True)
class StreamedRunResult(RunResult):
    """A :class:`RunResult` of a streamed run: counts, gate, no article results."""

    by_code: dict = dataclasses.field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        c = {"error": 0, "warning": 0, "info": 0}
        for (_code, _name, sev), n in self.by_code.items():
            c[sev] = c.get(sev, 0) + n
        return c

    @property
    def findings(self):
        return _Tally(self.by_code).findings


def run(
    paths: Sequence[str],
    config: Config | None = None,
    *,
    baseline: str | None = None,
    changed_since: str | None = None,
    jobs: int | None = 1,
    executor: str = "local",
    scheduler: str | None = None,
) -> RunResult:
    """Check every article under ``paths`` and apply the gate.

    ``baseline``: a baseline file; its findings are dropped and do not fail the
    gate.  ``changed_since``: a git revision; only articles with a changed file
    are checked.  ``jobs``/``executor``/``scheduler``: see :func:`iter_results`.
    """
    config = config or Config()
    entries = None
    if baseline:
        from .baseline import read_baseline

        entries = read_baseline(baseline)
    collector = RunCollector(config, paths, entries)
    for result in iter_results(paths, config, changed_since, jobs=jobs, executor=executor, scheduler=scheduler):
        collector.add(result)
    return collector.finish()


def finish(results: Sequence[ArticleResult], config: Config, paths: Sequence[str], baseline_entries=None) -> RunResult:
    collector = RunCollector(config, paths, baseline_entries)
    for r in results:
        collector.add(r)
    return collector.finish()


def version_result(article: Article, vid: str, segments, scores, signatures) -> VersionResult:
    v = article.version(vid)
    return VersionResult(
        id=v.id, lang=v.lang, language=v.language, label=v.label, path=v.path,
        words=count_words(v.check_text), segments=len(segments[vid]), scores=scores, signatures=signatures,
    )
