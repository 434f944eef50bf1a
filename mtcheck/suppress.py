"""Inline suppressions in Markdown versions, and the per-article ignore list.

In a ``.md`` version::

    <!-- mtcheck: ignore MT101 -->          the next block (paragraph, heading, item)
    <!-- mtcheck: ignore -->                the next block, every code
    <!-- mtcheck: disable MT2* -->          from here ...
    <!-- mtcheck: enable MT2* -->           ... to here (``enable`` alone ends all)

For ``.txt`` versions (which cannot hold comments), the configuration's
``ignore_findings`` list names findings to ignore::

    [[ignore_findings]]
    code = "MT101"
    article = "openai-cto"     # optional
    version = "fr"             # optional
    text = "mulati"            # optional: the flagged text
    reason = "the paper spells it this way"

A suppression that matches nothing any more is reported (MT006), so stale
suppressions do not pile up.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass

from .model import Article, Finding

_DIRECTIVE = re.compile(r"<!--\s*mtcheck:\s*(ignore|disable|enable)\b([^>]*?)-->", re.I)


@dataclass
class _Rule:
    version: str
    codes: tuple[str, ...]
    start: int
    end: int
    at: int  # offset of the comment (for the unused-suppression finding)
    at_end: int
    used: bool = False

    def matches(self, f: Finding) -> bool:
        if f.version != self.version or not (self.start <= f.start < self.end or (f.start == f.end == self.end)):
            return False
        return not self.codes or any(fnmatch.fnmatchcase(f.code, c) for c in self.codes)


def _codes(raw: str) -> tuple[str, ...]:
    return tuple(c.upper() for c in re.split(r"[\s,]+", raw.strip()) if c)


def _next_block_end(text: str, pos: int) -> tuple[int, int]:
    """(start, end) of the first non-blank block after ``pos``."""
    m = re.compile(r"\S").search(text, pos)
    if not m:
        return len(text), len(text)
    start = m.start()
    end_m = re.compile(r"\r?\n[ \t]*\r?\n|\r\r").search(text, start)
    return start, (end_m.start() if end_m else len(text))


def inline_rules(article: Article) -> list[_Rule]:
    rules: list[_Rule] = []
    for v in article.versions:
        if v.format != "md" or "mtcheck:" not in v.text:
            continue
        open_ranges: list[tuple[tuple[str, ...], int, int, int]] = []
        for m in _DIRECTIVE.finditer(v.text):
            verb, codes = m.group(1).lower(), _codes(m.group(2))
            if verb == "ignore":
                s, e = _next_block_end(v.text, m.end())
                rules.append(_Rule(v.id, codes, s, e, m.start(), m.end()))
            elif verb == "disable":
                open_ranges.append((codes, m.end(), m.start(), m.end()))
            else:  # enable
                keep = []
                for r in open_ranges:
                    if not codes or set(codes) & set(r[0]) or not r[0]:
                        rules.append(_Rule(v.id, r[0], r[1], m.start(), r[2], r[3]))
                    else:
                        keep.append(r)
                open_ranges = keep
        for codes, s, at, at_end in open_ranges:
            rules.append(_Rule(v.id, codes, s, len(v.text), at, at_end))
    return rules


def apply_suppressions(article: Article, findings: list[Finding], ignore_list, ctx_finding) -> tuple[list[Finding], int, list[Finding]]:
    """Remove suppressed findings.

    Returns (kept findings, number suppressed, MT006 findings for unused inline
    suppressions).  ``ctx_finding(code, version_id, start, end, message)``
    builds a finding.
    """
    rules = inline_rules(article)
    if not rules and not ignore_list:
        return findings, 0, []
    kept: list[Finding] = []
    suppressed = 0
    used_entries: set[int] = set()
    for f in findings:
        hit = False
        for r in rules:
            if r.matches(f):
                r.used = True
                hit = True
        for i, entry in enumerate(ignore_list):
            if _entry_matches(entry, article.id, f):
                used_entries.add(i)
                hit = True
        if hit:
            suppressed += 1
        else:
            kept.append(f)
    unused = [
        ctx_finding("MT006", r.version, r.at, r.at_end,
                    f"suppression for {', '.join(r.codes) or 'all codes'} matches no finding any more; remove it")
        for r in rules if not r.used
    ]
    return kept, suppressed, unused


def _entry_matches(entry, article_id: str, f: Finding) -> bool:
    if not fnmatch.fnmatchcase(f.code, entry["code"].upper()):
        return False
    if "article" in entry and not fnmatch.fnmatchcase(article_id, entry["article"]):
        return False
    if "version" in entry and entry["version"] != f.version:
        return False
    if "text" in entry and entry["text"] != f.text:
        return False
    return True
