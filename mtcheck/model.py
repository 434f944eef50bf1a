"""The data that flows between the pipeline stages.

load -> segment -> align -> check -> score -> report -> gate

Every stage takes and returns these frozen dataclasses.  Nothing here does I/O.
Offsets (``start``/``end``) are 0-based code-point indices into ``Version.text``
(the decoded file, BOM removed, line ends kept as in the file).  Contract
positions (1-based line/column) are derived from them with :class:`LineIndex`.
"""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field
from typing import Any, Mapping

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


class LineIndex:
    """Map code-point offsets of a text to contract (line, column) positions.

    Line ends are ``\\n``, ``\\r\\n`` and a lone ``\\r``; they are not counted as
    columns.  Lines and columns are 1-based; columns count code points.
    """

    __slots__ = ("_starts",)

    def __init__(self, text: str) -> None:
        starts = [0]
        i = 0
        n = len(text)
        find_n = text.find
        # Fast path: most files use \n only.
        if "\r" not in text:
            while True:
                j = find_n("\n", i)
                if j < 0:
                    break
                starts.append(j + 1)
                i = j + 1
        else:
            while i < n:
                c = text[i]
                if c == "\n":
                    starts.append(i + 1)
                elif c == "\r":
                    if i + 1 < n and text[i + 1] == "\n":
                        i += 1
                    starts.append(i + 1)
                i += 1
        self._starts = starts

    def position(self, offset: int) -> tuple[int, int]:
        """Return the 1-based (line, column) of ``offset``."""
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def offset(self, line: int, column: int) -> int:
        """Inverse of :meth:`position`."""
        return self._starts[line - 1] + column - 1

    @property
    def line_count(self) -> int:
        return len(self._starts)


@dataclass(frozen=True)
class Version:
    """One file of an article: one translation (or the source, or a reference)."""

    id: str  # file name without extension: "fr", "fr.deepl", "en.source"
    lang: str  # normalised BCP-47 tag: "fr", "pt-BR", "zh-Hans"
    language: str  # the language subtag alone: "fr", "pt", "zh"
    label: str | None  # "deepl", "source", "ref" or None
    path: str  # path as shown in reports (relative to the working directory when possible)
    text: str  # decoded text exactly as in the file (BOM removed)
    check_text: str  # same length as text; markup/code/URLs blanked with spaces
    format: str = "txt"  # "txt" or "md"
    script: str = "Latn"  # expected main script of the language (ISO 15924)

    @property
    def is_source(self) -> bool:
        return self.label == "source"

    @property
    def is_ref(self) -> bool:
        return self.label == "ref"


@dataclass(frozen=True)
class Article:
    """An article: a folder of versions of the same text."""

    id: str  # folder path relative to the PATH given ("." for the PATH itself)
    path: str  # folder path as shown in reports
    versions: tuple[Version, ...]
    problems: tuple["Finding", ...] = ()  # MT0xx findings raised while loading
    config: Any = None  # effective Config for this article (see config.py)
    glossary: Any = None  # parsed name glossary that applies to this article (see glossary.py)

    def version(self, version_id: str) -> Version:
        for v in self.versions:
            if v.id == version_id:
                return v
        raise KeyError(version_id)


@dataclass(frozen=True)
class Segment:
    """A sentence (or sentence-like unit) of one version, with exact offsets."""

    version: str  # version id
    index: int  # 0-based order within the version
    start: int
    end: int
    text: str  # Version.check_text[start:end]  (equal to the file text where not blanked)
    paragraph: int  # 0-based paragraph number within the version


@dataclass(frozen=True)
class AlignedRow:
    """One unit of meaning across versions.

    ``cells`` maps a version id to the indices of its segments in this row; an
    empty tuple means the version has nothing for this row (an omission, or an
    addition in the others).
    """

    index: int
    cells: Mapping[str, tuple[int, ...]]
    confidence: float = 1.0


@dataclass(frozen=True)
class Alignment:
    pivot: str  # version id the others were aligned to
    rows: tuple[AlignedRow, ...]
    # per version id: mean confidence of its links to the pivot (1.0 for the pivot)
    quality: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Finding:
    code: str
    check: str
    severity: str
    version: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    expected: str
    message: str
    fingerprint: str
    start: int = 0  # offsets into Version.text (not part of the contract)
    end: int = 0
    row: int | None = None  # aligned row index, when the finding belongs to one
    confidence: float | None = None
    data: Mapping[str, Any] = field(default_factory=dict)  # check-specific extras

    @property
    def family(self) -> str:
        return self.code[:3] + "xx"

    def sort_key(self) -> tuple:
        return (self.path, self.start, self.end, self.code, self.message)

    def to_dict(self) -> dict[str, Any]:
        d = {
            "code": self.code,
            "check": self.check,
            "severity": self.severity,
            "version": self.version,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "text": self.text,
            "expected": self.expected,
            "message": self.message,
            "fingerprint": self.fingerprint,
            "offset": self.start,
            "end_offset": self.end,
            "row": self.row,
        }
        if self.confidence is not None:
            d["confidence"] = round(self.confidence, 3)
        if self.data:
            d["data"] = dict(self.data)
        return d


def fingerprint(article_id: str, version_id: str, code: str, text: str, context: str, expected: str) -> str:
    """Identity of a finding that does not depend on its line number.

    Built from the article, version, code, flagged text, the expected text and
    a little surrounding context (so two identical mistakes in different
    sentences stay apart), never from positions.
    """
    h = hashlib.sha1()
    for part in (article_id, version_id, code, text, context, expected):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()[:20]


@dataclass(frozen=True)
class VersionResult:
    id: str
    lang: str
    language: str
    label: str | None
    path: str
    words: int
    segments: int
    scores: Mapping[str, float]
    signatures: Mapping[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": self.id,
            "language": self.lang,
            "label": self.label,
            "path": self.path,
            "words": self.words,
            "segments": self.segments,
            "scores": dict(self.scores),
            "signatures": dict(self.signatures),
        }


@dataclass(frozen=True)
class ArticleResult:
    article: Article
    segments: Mapping[str, tuple[Segment, ...]]
    alignment: Alignment | None
    findings: tuple[Finding, ...]
    versions: tuple[VersionResult, ...]
    extras: Mapping[str, Any] = field(default_factory=dict)  # entities, chrF matrix, ...
    suppressed: int = 0  # findings removed by baseline or inline suppression

    @property
    def id(self) -> str:
        return self.article.id

    def counts(self) -> dict[str, int]:
        c = {s: 0 for s in SEVERITIES}
        for f in self.findings:
            c[f.severity] += 1
        return c


@dataclass(frozen=True)
class GateResult:
    passed: bool
    fail_on: str
    reasons: tuple[str, ...]
    baselined: int = 0
    fixed_baseline_entries: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "passed": self.passed,
            "fail_on": self.fail_on,
            "reasons": list(self.reasons),
            "baselined": self.baselined,
            "fixed_baseline_entries": self.fixed_baseline_entries,
        }


@dataclass(frozen=True)
class RunResult:
    articles: tuple[ArticleResult, ...]
    gate: GateResult
    tool_version: str
    config_hash: str
    paths: tuple[str, ...] = ()

    def counts(self) -> dict[str, int]:
        c = {s: 0 for s in SEVERITIES}
        for a in self.articles:
            for k, v in a.counts().items():
                c[k] += v
        return c

    @property
    def findings(self) -> list[Finding]:
        return [f for a in self.articles for f in a.findings]
