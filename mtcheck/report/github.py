"""GitHub Actions workflow commands (``--format github``) and the job summary.

``::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`` with
the escaping GitHub requires: in the message ``%``, CR and LF; in property
values additionally ``:`` and ``,``.
"""

from __future__ import annotations

import os

from ..model import RunResult
from .terminal import safe

LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def github_lines(result: RunResult) -> list[str]:
    lines = []
    for a in result.articles:
        for f in a.findings:
            props = [
                f"file={escape_property(safe(f.path))}",
                f"line={f.line}",
                f"col={f.column}",
                f"endLine={f.end_line}",
                f"endColumn={f.end_column}",
                f"title={escape_property(f'{f.code} {f.check}')}",
            ]
            msg = f.message + (f" (expected: {f.expected})" if f.expected else "")
            lines.append(f"::{LEVEL[f.severity]} {','.join(props)}::{escape_data(safe(msg))}")
    return lines


def append_step_summary(result: RunResult) -> bool:
    """Append the Markdown summary to $GITHUB_STEP_SUMMARY when it is set."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return False
    from .markdown import render_markdown

    with open(target, "a", encoding="utf-8") as fh:
        fh.write(render_markdown(result))
        fh.write("\n")
    return True
