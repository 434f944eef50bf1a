"""The check registry and the context every check runs in.

One class per check, registered by its stable code.  The class docstring is the
check's documentation (``mtcheck explain CODE`` prints it): a one-line summary,
then why it matters, then an example from a real-looking translation.
Checks return findings; they never print, exit or read files.
"""

from __future__ import annotations

import fnmatch
import inspect
from dataclasses import dataclass, field
from typing import Any, Callable, ClassVar, Iterable, Iterator, Mapping

from ..model import SEVERITIES, Alignment, Article, Finding, LineIndex, Segment, Version, fingerprint

REGISTRY: dict[str, type["Check"]] = {}

FAMILIES = {
    "MT0": "input and alignment",
    "MT1": "names",
    "MT2": "language",
    "MT3": "numbers",
    "MT4": "completeness",
    "MT5": "integrity",
    "MT9": "scores",
}


class Check:
    """Base class of all checks (not itself a check)."""

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    severity: ClassVar[str] = "warning"
    # option key -> (type, default, description); set in [checks.<code or name>] of the config
    options: ClassVar[Mapping[str, tuple[type, Any, str]]] = {}
    # False for checks whose findings are produced elsewhere (loader, scorer)
    runs_on_article: ClassVar[bool] = True

    def run(self, ctx: "ArticleContext") -> Iterable[Finding]:  # pragma: no cover - interface
        return ()

    @classmethod
    def summary(cls) -> str:
        doc = inspect.getdoc(cls) or ""
        return doc.strip().splitlines()[0] if doc.strip() else ""

    @classmethod
    def documentation(cls) -> str:
        return inspect.getdoc(cls) or ""

    @classmethod
    def family(cls) -> str:
        return FAMILIES.get(cls.code[:3], "other")


def register(cls: type[Check]) -> type[Check]:
    """Class decorator: add a check to the registry under its code."""
    if not (len(cls.code) == 5 and cls.code.startswith("MT") and cls.code[2:].isdigit()):
        raise ValueError(f"bad check code {cls.code!r} on {cls.__name__}")
    if cls.code in REGISTRY and REGISTRY[cls.code] is not cls:
        raise ValueError(f"check code {cls.code} registered twice")
    if cls.severity not in SEVERITIES:
        raise ValueError(f"bad severity on {cls.code}")
    REGISTRY[cls.code] = cls
    return cls


def all_checks() -> dict[str, type[Check]]:
    """Every registered check, importing the family modules on first use."""
    from . import load_all

    load_all()
    return dict(sorted(REGISTRY.items()))


def get_check(code_or_name: str) -> type[Check] | None:
    checks = all_checks()
    key = code_or_name.strip()
    if key.upper() in checks:
        return checks[key.upper()]
    for cls in checks.values():
        if cls.name == key:
            return cls
    return None


def code_selected(code: str, select: Iterable[str], ignore: Iterable[str]) -> bool:
    """Glob selection of codes: ``--select MT1* --ignore MT103``."""
    select = list(select)
    if select and not any(fnmatch.fnmatchcase(code, p.upper()) for p in select):
        return False
    return not any(fnmatch.fnmatchcase(code, p.upper()) for p in ignore)


def _context(text: str, start: int, end: int, width: int = 24) -> str:
    return text[max(0, start - width):start] + "\u241f" + text[end:end + width]


def make_finding(
    article_id: str,
    *,
    version_id: str,
    path: str,
    text: str,
    check_text: str,
    code: str,
    start: int,
    end: int,
    message: str,
    expected: str = "",
    severity: str | None = None,
    row: int | None = None,
    confidence: float | None = None,
    data: Mapping[str, Any] | None = None,
    line_index: LineIndex | None = None,
) -> Finding:
    """Build a contract-conforming finding from offsets into ``text``."""
    cls = REGISTRY.get(code)
    if cls is None:  # loader findings before the registry is imported
        cls = get_check(code)
    if cls is None:
        raise KeyError(f"unknown check code {code}")
    li = line_index or LineIndex(text)
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    line, column = li.position(start)
    end_line, end_column = li.position(end)
    flagged = text[start:end]
    return Finding(
        code=code,
        check=cls.name,
        severity=severity or cls.severity,
        version=version_id,
        path=path,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        text=flagged,
        expected=expected,
        message=message,
        fingerprint=fingerprint(article_id, version_id, code, flagged, _context(check_text or text, start, end), expected),
        start=start,
        end=end,
        row=row,
        confidence=confidence,
        data=dict(data or {}),
    )


@dataclass
class ArticleContext:
    """What a check sees of one article."""

    article: Article
    segments: Mapping[str, tuple[Segment, ...]]
    alignment: Alignment | None
    config: Any  # mtcheck.config.Config
    cache: dict[str, Any] = field(default_factory=dict)
    extras: dict[str, Any] = field(default_factory=dict)
    _line_index: dict[str, LineIndex] = field(default_factory=dict)
    _langid: Any = None

    @property
    def versions(self) -> dict[str, Version]:
        return {v.id: v for v in self.article.versions}

    def line_index(self, version_id: str) -> LineIndex:
        li = self._line_index.get(version_id)
        if li is None:
            li = self._line_index[version_id] = LineIndex(self.article.version(version_id).text)
        return li

    def option(self, check: Check | type[Check], key: str) -> Any:
        """The configured value of one of a check's options (or its default)."""
        cls = check if isinstance(check, type) else type(check)
        typ, default, _doc = cls.options[key]
        if self.config is None:
            return default
        return self.config.check_option(cls, key, default)

    def langid(self):
        """The language identifier (loaded once per process)."""
        if self._langid is None:
            from ..langid import get_identifier

            engine = getattr(self.config, "langid_engine", "py3langid") if self.config is not None else "py3langid"
            self._langid = get_identifier(engine)
        return self._langid

    def cached(self, key: str, compute: Callable[[], Any]) -> Any:
        """Analysis shared between checks of one family (computed once per article)."""
        if key not in self.cache:
            self.cache[key] = compute()
        return self.cache[key]

    def finding(
        self,
        check: Check | type[Check] | str,
        version_id: str,
        start: int,
        end: int,
        message: str,
        expected: str = "",
        severity: str | None = None,
        row: int | None = None,
        confidence: float | None = None,
        data: Mapping[str, Any] | None = None,
    ) -> Finding:
        code = check if isinstance(check, str) else check.code
        v = self.article.version(version_id)
        return make_finding(
            self.article.id,
            version_id=version_id,
            path=v.path,
            text=v.text,
            check_text=v.check_text,
            code=code,
            start=start,
            end=end,
            message=message,
            expected=expected,
            severity=severity,
            row=row,
            confidence=confidence,
            data=data,
            line_index=self.line_index(version_id),
        )

    def rows_of(self, version_id: str) -> dict[int, int]:
        """segment index -> row index for one version."""
        out: dict[int, int] = {}
        if self.alignment is None:
            return out
        for row in self.alignment.rows:
            for i in row.cells.get(version_id, ()):
                out[i] = row.index
        return out


def iter_findings(checks: Iterable[Check], ctx: ArticleContext) -> Iterator[Finding]:
    for check in checks:
        yield from check.run(ctx)
