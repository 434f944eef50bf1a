"""Terminal report: one line per finding, then a one-line summary.

``path:line:col: MT101 [error] message`` — the format editors and CI logs
recognise.  Text from the input is made safe for a terminal: control
characters, escape sequences and bidi overrides are shown as ``\\x1b``-style
escapes, never written raw.
"""

from __future__ import annotations

import re
from collections import Counter

from ..model import RunResult
from . import renderer

_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def safe(text: str) -> str:
    """Escape characters that could change what a terminal shows."""
    return _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text.replace("\n", "\\n").replace("\r", "\\r").replace("\t", " "))


_COLOURS = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_RESET = "\x1b[0m"


def finding_lines(result: RunResult, colour: bool = False) -> list[str]:
    lines = []
    for a in result.articles:
        for f in a.findings:
            sev = f"[{f.severity}]"
            if colour:
                sev = f"{_COLOURS[f.severity]}{sev}{_RESET}"
            lines.append(f"{safe(f.path)}:{f.line}:{f.column}: {f.code} {sev} {safe(f.message)}")
    return lines


def summary_line(result: RunResult, colour: bool = False) -> str:
    c = result.counts()
    parts = []
    for sev in ("error", "warning", "info"):
        n = c.get(sev, 0)
        if n or sev != "info":
            parts.append(f"{n} {sev}{'s' if n != 1 else ''}")
    n_art = len(result.articles)
    line = f"{', '.join(parts)} in {n_art} article{'s' if n_art != 1 else ''}"
    if result.gate.baselined:
        line += f" ({result.gate.baselined} baselined)"
    status = "PASS" if result.gate.passed else "FAIL"
    if colour:
        status = ("\x1b[32m" if result.gate.passed else "\x1b[31;1m") + status + _RESET
    return f"{line} - {status}"


def statistics_lines(result: RunResult) -> list[str]:
    counts: Counter[tuple[str, str]] = Counter()
    for f in result.findings:
        counts[(f.code, f.check)] += 1
    return [f"{n:6d}  {code}  {name}" for (code, name), n in sorted(counts.items())]


@renderer(".txt", ".log", name="text")
def render_text(result: RunResult) -> str:
    lines = finding_lines(result)
    lines.append(summary_line(result))
    return "\n".join(lines) + "\n"
