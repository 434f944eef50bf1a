"""Command line: ``mtcheck check``, ``mtcheck rules``, ``mtcheck explain``.

The only module that prints or exits.  Every problem that prevents checking
ends as one line on standard error and exit code 2 (never a traceback).
"""

from __future__ import annotations

import os
import sys
from typing import NoReturn

import click

from . import __version__
from .exitcodes import ExitCode


def _split_codes(values: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    for v in values:
        out.extend(p.strip().upper() for p in v.split(",") if p.strip())
    return tuple(out)


def _use_colour(stream) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _fail(message: str) -> NoReturn:
    from .report.terminal import safe

    click.echo(f"mtcheck: error: {safe(message)}", err=True)
    sys.exit(int(ExitCode.CANNOT_CHECK))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="mtcheck", message="%(prog)s %(version)s")
def main() -> None:
    """mtcheck: find machine-translation errors by lining up every version of an article."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", "outputs", multiple=True, metavar="FILE",
              help="Write a report; the format follows the extension (.json .html .md .csv .sarif .junit.xml .jsonl .txt). Repeatable.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None,
              help="Lowest severity that fails the gate (default: error).")
@click.option("--select", multiple=True, metavar="CODES", help="Only these codes (globs, comma-separated): MT1*,MT301.")
@click.option("--ignore", multiple=True, metavar="CODES", help="Skip these codes (globs, comma-separated).")
@click.option("--config", "config_path", type=click.Path(), default=None, help="Configuration file (default: mtcheck.toml or [tool.mtcheck] in pyproject.toml, searched upwards).")
@click.option("--format", "fmt", type=click.Choice(["text", "github", "none"]), default="text", help="What to print on standard output.")
@click.option("--langid", type=click.Choice(["py3langid", "langdetect"]), default=None, help="Language identification engine.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when the gate fails (still 2 when checking is impossible).")
@click.option("-q", "--quiet", is_flag=True, help="Print only the summary line.")
@click.option("--statistics", is_flag=True, help="Print counts per code.")
@click.option("--no-color", is_flag=True, help="No colour (NO_COLOR is honoured too).")
@click.option("--baseline", "baseline", type=click.Path(), default=None, metavar="FILE",
              help="Only findings not in this baseline count (see --write-baseline).")
@click.option("--write-baseline", "write_baseline", type=click.Path(), default=None, metavar="FILE",
              help="Record the current findings as accepted, then exit 0.")
@click.option("--changed-since", "changed_since", default=None, metavar="GIT_REF",
              help="Check only articles with a file changed since this git revision.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, metavar="N",
              help="Worker processes (default: one per core; 1 checks in this process). Results do not depend on it.")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local",
              help="Where articles are checked: local processes, or a Dask cluster (needs mtcheck[dask]).")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Dask scheduler address (tcp://host:8786) for --executor dask; default: a local cluster.")
def check(paths, outputs, fail_on, select, ignore, config_path, fmt, langid, exit_zero, quiet, statistics, no_color,
          baseline, write_baseline, changed_since, jobs, executor, scheduler):
    """Check the article folders (or corpus folders) at PATHS."""
    from .errors import MtcheckError

    try:
        code = _check(paths, outputs, fail_on, select, ignore, config_path, fmt, langid, exit_zero, quiet, statistics,
                      no_color, baseline, write_baseline, changed_since, jobs=jobs, executor=executor, scheduler=scheduler)
    except MtcheckError as e:
        _fail(str(e))
    except KeyboardInterrupt:
        click.echo("mtcheck: interrupted", err=True)
        sys.exit(130)
    except RecursionError:
        _fail("input too deeply nested to check")
    except MemoryError:
        _fail("out of memory while checking")
    except Exception as e:  # pragma: no cover - a bug; still one line, exit 2
        _fail(f"internal error ({type(e).__name__}: {e}); please report this with the input that caused it")
    sys.exit(int(code))


def _check(paths, outputs, fail_on, select, ignore, config_path, fmt, langid, exit_zero, quiet, statistics, no_color,
           baseline=None, write_baseline=None, changed_since=None, *, jobs=None, executor="local",
           scheduler=None) -> ExitCode:
    from .config import load_config
    from .pipeline import RunCollector, article_dirs, iter_results
    from .report import check_output_path, render_to
    from .report.terminal import finding_lines, statistics_lines, summary_line

    config = load_config(list(paths), config_path)
    overrides = {}
    if fail_on:
        overrides["fail_on"] = fail_on
    if select:
        overrides["select"] = _split_codes(select)
    if ignore:
        overrides["ignore"] = tuple(config.ignore) + _split_codes(ignore)
    if langid:
        overrides["langid_engine"] = langid
    config = config.with_overrides(**overrides)
    for out in outputs:
        check_output_path(out)
    if write_baseline:
        from .report import check_writable

        check_writable(write_baseline)
    if scheduler and executor != "dask":
        from .errors import MtcheckError

        raise MtcheckError("--scheduler needs --executor dask")
    entries = None
    if baseline:
        from .baseline import read_baseline

        entries = read_baseline(baseline)
    # Articles are checked and written out one at a time.  Line-based outputs
    # (.json, .jsonl, .txt, the terminal) stream; when nothing else is asked for, no
    # article result is kept, only counts, so memory does not grow with the corpus.
    dirs = article_dirs(list(paths), changed_since)
    _refuse_overwriting_inputs([*outputs, *([write_baseline] if write_baseline else [])], dirs)
    streams = [_StreamedReport(out) for out in outputs if _StreamedReport.handles(out)]
    full_outputs = [out for out in outputs if not _StreamedReport.handles(out)]
    keep = bool(full_outputs or write_baseline or fmt == "github")
    colour = not no_color and _use_colour(sys.stdout)
    echo_findings = fmt == "text" and not quiet and not write_baseline
    collector = RunCollector(config, list(paths), entries, keep=keep)
    progress = _Progress(len(dirs), sys.stderr)
    try:
        for art in iter_results(list(paths), config, jobs=jobs, executor=executor, scheduler=scheduler, dirs=dirs):
            art = collector.add(art)
            for st in streams:
                st.add(art)
            if echo_findings and art.findings:
                with progress.hidden():
                    for line in finding_lines(_OneArticle(art), colour):
                        click.echo(line)
            progress.advance()
        progress.close()
        result = collector.finish()
        if write_baseline:
            from .baseline import baseline_json
            from .report import write_atomic

            write_atomic(write_baseline, baseline_json(((a.id, f) for a in result.articles for f in a.findings), result.tool_version))
            click.echo(f"wrote {len(result.findings)} finding(s) to baseline {write_baseline}")
            return ExitCode.PASSED
        for out in full_outputs:
            render_to(out, result)
        for st in streams:
            st.commit(result)
    finally:
        progress.close()
        for st in streams:
            st.abort()
    if fmt == "github":
        from .report.github import github_lines

        from .report.github import append_step_summary

        for line in github_lines(result):
            click.echo(line)
        append_step_summary(result)
    if statistics:
        for line in statistics_lines(result):
            click.echo(line)
    if result.gate.fixed_baseline_entries:
        click.echo(f"{result.gate.fixed_baseline_entries} baseline entr{'y looks' if result.gate.fixed_baseline_entries == 1 else 'ies look'} fixed; refresh the baseline with --write-baseline")
    if fmt != "none" or quiet:
        click.echo(summary_line(result, colour))
    if result.gate.passed or exit_zero:
        return ExitCode.PASSED
    return ExitCode.GATE_FAILED


def _refuse_overwriting_inputs(outputs, dirs) -> None:
    """A report must never replace a version file it is checking (``-o art/fr.txt``)."""
    from pathlib import Path

    from .errors import MtcheckError
    from .load import parse_language_tag, split_version_name

    folders = {os.path.realpath(d) for d, _ in dirs}
    for out in outputs:
        target = os.path.realpath(out)
        parts = split_version_name(Path(target).name)
        if os.path.dirname(target) in folders and parts and parse_language_tag(parts[0]) is not None:
            raise MtcheckError(f"{out}: is a version file of a checked article; write the report elsewhere")


class _OneArticle:
    """One checked article in the shape the line renderers take (``.articles``)."""

    def __init__(self, article) -> None:
        self.articles = (article,)


class _StreamedReport:
    """A report written article by article (``.json``, ``.jsonl``, ``.txt``).

    Lines go to a temporary file beside the target, renamed into place when the
    run ends; a failed run removes it, so no half-written report remains.
    """

    @staticmethod
    def handles(path: str) -> bool:
        from .report import renderer_for

        return renderer_for(path)[0] in ("jsonl", "text", "json")

    def __init__(self, path: str) -> None:
        import tempfile
        from pathlib import Path

        from .report import renderer_for

        self.path = path
        self.kind = renderer_for(path)[0]
        target = Path(path)
        folder = target.parent if str(target.parent) else Path(".")
        try:
            fd, self.tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        except OSError as e:
            from .errors import MtcheckError

            raise MtcheckError(f"{path}: cannot write report ({e.strerror})") from None
        self.fh = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        self.n = 0  # articles written

    def _write(self, text: str) -> None:
        try:
            self.fh.write(text)
        except OSError as e:
            from .errors import MtcheckError

            raise MtcheckError(f"{self.path}: cannot write report ({e.strerror})") from None

    def add(self, article) -> None:
        self.n += 1
        if self.kind == "json":
            from .report.json_report import json_article

            self._write(json_article(article, self.n == 1))
        elif self.kind == "jsonl":
            from .report.csv_report import jsonl_line

            for f in article.findings:
                self._write(jsonl_line(article.id, f) + "\n")
        else:
            from .report.terminal import finding_lines

            for line in finding_lines(_OneArticle(article)):
                self._write(line + "\n")

    def commit(self, result) -> None:
        if self.kind == "text":
            from .report.terminal import summary_line

            self._write(summary_line(result) + "\n")
        try:
            self.fh.close()
            if self.kind == "json":
                self._wrap_json(result)
            os.replace(self.tmp, self.path)
        except OSError as e:
            from .errors import MtcheckError

            raise MtcheckError(f"{self.path}: cannot write report ({e.strerror})") from None
        self.tmp = None

    def _wrap_json(self, result) -> None:
        """Put the report's head and tail around the streamed articles (copied in chunks)."""
        import shutil
        import tempfile
        from pathlib import Path

        from .report.json_report import json_head, json_tail

        body = self.tmp
        target = Path(self.path)
        fd, self.tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent if str(target.parent) else ".")
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out, open(body, encoding="utf-8") as src:
                out.write(json_head(result.tool_version, result.config_hash))
                shutil.copyfileobj(src, out, 1 << 20)
                out.write(json_tail(result, self.n))
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(self.tmp, 0o666 & ~umask)
        finally:
            os.unlink(body)

    def abort(self) -> None:
        if self.tmp is None:
            return
        try:
            self.fh.close()
        except OSError:
            pass
        try:
            os.unlink(self.tmp)
        except OSError:
            pass
        self.tmp = None


class _Progress:
    """A progress bar on standard error (articles done, rate, time left), only on a terminal."""

    WIDTH = 24

    def __init__(self, total: int, stream) -> None:
        import time

        self.total = total
        self.stream = stream
        self.done = 0
        self.start = time.monotonic()
        self.last = 0.0
        self.shown = False
        try:
            self.active = total > 1 and stream.isatty() and os.environ.get("TERM") != "dumb"
        except (AttributeError, ValueError):
            self.active = False

    def _line(self, now: float) -> str:
        elapsed = max(now - self.start, 1e-9)
        rate = self.done / elapsed
        filled = int(self.WIDTH * self.done / max(self.total, 1))
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        left = (self.total - self.done) / rate if rate > 0 else 0.0
        eta = f"{int(left) // 60}:{int(left) % 60:02d}" if self.done else "?"
        return f"[{bar}] {self.done}/{self.total} articles  {rate:.1f}/s  {eta} left"

    def advance(self) -> None:
        import time

        self.done += 1
        if not self.active:
            return
        now = time.monotonic()
        if now - self.last < 0.1 and self.done < self.total:
            return
        self.last = now
        self.stream.write("\r\x1b[K" + self._line(now))
        self.stream.flush()
        self.shown = True

    def _clear(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False

    def hidden(self):
        """Context: take the bar off the screen while lines are printed."""
        import contextlib

        @contextlib.contextmanager
        def ctx():
            self._clear()
            yield

        return ctx()

    def close(self) -> None:
        if self.active:
            self._clear()
            self.active = False


@main.command()
def rules() -> None:
    """List every check: code, name, default severity, summary."""
    from .checks.base import all_checks

    for code, cls in all_checks().items():
        click.echo(f"{code}  {cls.name:<28} {cls.severity:<8} {cls.summary()}")


@main.command()
@click.argument("code")
def explain(code: str) -> None:
    """Print the documentation of one check (by code or name)."""
    from .checks.base import get_check

    cls = get_check(code)
    if cls is None:
        _fail(f"unknown check '{code}'; 'mtcheck rules' lists them")
    click.echo(f"{cls.code} {cls.name} (default severity: {cls.severity}; family: {cls.family()})\n")
    click.echo(cls.documentation())
    if cls.options:
        click.echo("\nOptions (in [checks.\"%s\"] of mtcheck.toml):" % cls.name)
        for key, (typ, default, doc) in cls.options.items():
            click.echo(f"  {key} = {default!r}  ({typ.__name__}) {doc}")
