"""Markdown summary (``-o summary.md``), short enough for a pull-request comment
and used as the GitHub job summary ($GITHUB_STEP_SUMMARY).

The gate result, findings per article and family, then the worst findings with
their locations (capped; the rest are counted).  Text from the input (finding
texts, messages, paths) is escaped so the comment renders as plain text:
Markdown punctuation is backslash-escaped, ``<``/``>``/``&`` become entities,
line breaks and control characters are neutralised, and ``@mentions``,
``#123`` references and bare URLs are broken with an invisible joiner so that
nothing in a translation pings people or links anywhere.
"""

from __future__ import annotations

import re

from ..model import SEVERITY_RANK, Finding, RunResult
from . import renderer

MAX_FINDINGS = 20  # worst findings listed
MAX_ARTICLES = 30  # rows of the per-article table
MAX_TEXT = 80  # characters of a flagged text / expected form
MAX_MESSAGE = 160
FAMILIES = ("MT0", "MT1", "MT2", "MT3", "MT4", "MT5", "MT9")
ICON = {"error": "🔴", "warning": "🟡", "info": "🔵"}

_CTRL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_MD_PUNCT = re.compile(r"([\\`*_\[\]#!|~$])")
_MD_LEAD = re.compile(r"^(\s*)([-+=>]|\d+(?=[.)]))")  # list markers, headings, quotes at the start
_WJ = "\u2060"  # word joiner: invisible, breaks mentions, references and autolinks


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def md_escape(text: str, limit: int | None = None) -> str:
    """Make input text safe inside a Markdown paragraph or table cell."""
    text = text.replace("\r\n", " ").replace("\r", " ").replace("\n", " ").replace("\t", " ")
    text = _CTRL.sub(lambda m: f"U+{ord(m.group()):04X}", text)
    if limit:
        text = _clip(text, limit)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_PUNCT.sub(r"\\\1", text)
    m = _MD_LEAD.match(text)
    if m:
        if m.group(2)[0].isdigit():
            end = m.end()
            text = text[:end] + "\\" + text[end:]
        else:
            text = text[: m.start(2)] + "\\" + text[m.start(2):]
    # @user, org/repo#1, bare URLs and www. links: break them without changing what is read
    text = re.sub(r"@(?=\w)", "@" + _WJ, text)
    text = re.sub(r"#(?=\w)", "#" + _WJ, text)
    text = re.sub(r"(?i)(https?|ftp|mailto)(?=:)", lambda m: m.group(1)[0] + _WJ + m.group(1)[1:], text)
    text = re.sub(r"(?i)\bwww(?=\.)", "w" + _WJ + "ww", text)
    return text


def _quoted(text: str) -> str:
    return "“" + md_escape(text, MAX_TEXT) + "”" if text else "—"


def _worst_key(f: Finding, order: int) -> tuple:
    conf = f.confidence if f.confidence is not None else 1.0
    return (-SEVERITY_RANK.get(f.severity, 0), -conf, order)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


@renderer(".md", ".markdown", name="markdown")
def render_markdown(result: RunResult) -> str:
    c = result.counts()
    gate = result.gate
    n_art = len(result.articles)
    lines: list[str] = []
    status = "✅ PASS" if gate.passed else "❌ FAIL"
    lines.append(f"## mtcheck: {status}")
    lines.append("")
    summary = f"{_plural(c['error'], 'error')}, {_plural(c['warning'], 'warning')}, {c['info']} info in {_plural(n_art, 'article')}"
    if gate.baselined:
        summary += f" ({gate.baselined} baselined)"
    summary += f"; fail level `{gate.fail_on}`."
    lines.append(summary)
    if gate.reasons:
        lines.append("")
        lines.extend(f"- {md_escape(r)}" for r in gate.reasons)
    if gate.fixed_baseline_entries:
        lines.append("")
        n = gate.fixed_baseline_entries
        lines.append(f"{n} baseline {'entry looks' if n == 1 else 'entries look'} fixed.")

    # findings per article and family
    fams = [fam for fam in FAMILIES if any(f.code.startswith(fam) for f in result.findings)]
    fams += sorted({f.code[:3] for f in result.findings} - set(fams))
    with_findings = [a for a in result.articles if a.findings]
    if with_findings:
        ranked = sorted(
            with_findings,
            key=lambda a: (-a.counts()["error"], -a.counts()["warning"], -len(a.findings), a.id),
        )
        lines.append("")
        lines.append("| article | errors | warnings | info | " + " | ".join(f"{fam}xx" for fam in fams) + " |")
        lines.append("| --- | ---: | ---: | ---: | " + " | ".join("---:" for _ in fams) + " |")
        for a in ranked[:MAX_ARTICLES]:
            ac = a.counts()
            per = [sum(1 for f in a.findings if f.code.startswith(fam)) for fam in fams]
            lines.append(
                f"| {md_escape(a.id, MAX_TEXT)} | {ac['error']} | {ac['warning']} | {ac['info']} | "
                + " | ".join(str(n) if n else "·" for n in per) + " |"
            )
        rest = len(ranked) - MAX_ARTICLES
        if rest > 0:
            lines.append("")
            lines.append(f"… and {_plural(rest, 'more article')} with findings.")
        clean = n_art - len(with_findings)
        if clean:
            lines.append("")
            lines.append(f"{_plural(clean, 'article')} without findings.")

        # the worst findings with their locations
        allf = [(a, f) for a in result.articles for f in a.findings]
        order = sorted(range(len(allf)), key=lambda i: _worst_key(allf[i][1], i))
        top = [allf[i] for i in order[:MAX_FINDINGS]]
        lines.append("")
        lines.append(f"### Worst findings ({len(top)} of {len(allf)})")
        lines.append("")
        lines.append("| | code | location | found | expected | message |")
        lines.append("| --- | --- | --- | --- | --- | --- |")
        for _a, f in top:
            loc = md_escape(f"{f.path}:{f.line}:{f.column}", 120)
            lines.append(
                f"| {ICON.get(f.severity, '')} {f.severity} | {md_escape(f.code)} | {loc} | "
                f"{_quoted(f.text)} | {_quoted(f.expected)} | {md_escape(f.message, MAX_MESSAGE)} |"
            )
        more = len(allf) - len(top)
        if more > 0:
            lines.append("")
            lines.append(f"… and {_plural(more, 'more finding')} (see the HTML or JSON report).")
    else:
        lines.append("")
        lines.append("No findings.")
    lines.append("")
    lines.append(f"<sub>mtcheck {md_escape(result.tool_version)} · configuration {md_escape(result.config_hash)}</sub>")
    return "\n".join(lines) + "\n"
