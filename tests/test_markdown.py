"""The Markdown summary: short, complete about the gate, safe to paste into a PR comment."""

from __future__ import annotations

import dataclasses
import re

from mtcheck.model import GateResult, RunResult
from mtcheck.report.markdown import MAX_FINDINGS, md_escape, render_markdown

from test_html import IMG, SCRIPT, make_result


def _cells(line: str) -> list[str]:
    """Split a GFM table row on unescaped pipes."""
    assert line.startswith("|") and line.endswith("|"), line
    return re.split(r"(?<!\\)\|", line[1:-1])


def _tables(md: str) -> list[list[str]]:
    out, cur = [], []
    for line in md.splitlines():
        if line.startswith("|"):
            cur.append(line)
        elif cur:
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out


def test_summary_has_gate_counts_and_tables(tmp_path):
    result, _ = make_result(tmp_path, "bridge")
    md = render_markdown(result)
    assert md.startswith("## mtcheck: ❌ FAIL")
    assert "3 errors, 1 warning, 2 info in 1 article" in md
    assert "- 3 errors at or above fail level" in md
    tables = _tables(md)
    assert len(tables) == 2
    art, worst = tables
    assert [c.strip() for c in _cells(art[0])] == ["article", "errors", "warnings", "info", "MT1xx", "MT2xx", "MT4xx", "MT5xx"]
    assert [c.strip() for c in _cells(art[2])] == ["bridge", "3", "1", "2", "1", "1", "2", "2"]
    for table in tables:  # every row has as many cells as the header: no pipe leaked from the input
        assert len({len(_cells(row)) for row in table}) == 1
    # the worst findings come first, with their locations
    first = _cells(worst[2])
    assert "error" in first[0] and re.search(r"(fr|de)\.txt:\d+:\d+", first[2])
    assert "(6 of 6)" in md and "more finding" not in md


def test_hostile_text_is_inert(tmp_path):
    result, _ = make_result(tmp_path, "bridge")
    a = result.articles[0]
    f0 = a.findings[0]
    nasty = dataclasses.replace(
        f0, text="a|b <b>x</b> **bold** [link](javascript:alert(1)) `code`",
        expected="@octocat #12 https://evil.example/x www.evil.example\nsecond line",
        message=f"{SCRIPT} {IMG} ![img](x.png) <!-- c --> _i_ ~s~ $x$",
    )
    r = dataclasses.replace(result, articles=(dataclasses.replace(a, findings=(nasty,) + a.findings[1:]),))
    md = render_markdown(r)
    assert "<script" not in md and "<img" not in md and "<b>" not in md and "<!--" not in md
    assert "&lt;script&gt;" in md
    assert "](" not in md.replace("\\](", "")  # no live link syntax
    assert "\\*\\*bold\\*\\*" in md and "\\[link\\]" in md and "\\`code\\`" in md and "\\!\\[img\\]" in md
    assert "@octocat" not in md and "#12" not in md and "https://" not in md and "www.evil" not in md
    assert "second line" in md and "\nsecond line" not in md
    for table in _tables(md):
        assert len({len(_cells(row)) for row in table}) == 1


def test_long_list_is_capped(tmp_path):
    result, _ = make_result(tmp_path, "bridge")
    a = result.articles[0]
    many = tuple(dataclasses.replace(a.findings[0], start=i, fingerprint=str(i), message=f"m{i}") for i in range(57))
    r = dataclasses.replace(result, articles=(dataclasses.replace(a, findings=many),))
    md = render_markdown(r)
    assert f"### Worst findings ({MAX_FINDINGS} of 57)" in md
    assert f"… and {57 - MAX_FINDINGS} more findings" in md
    assert len(_tables(md)[1]) == 2 + MAX_FINDINGS
    assert len(md) < 10_000


def test_pass_without_findings(tmp_path):
    result, _ = make_result(tmp_path, "bridge")
    r = RunResult(
        articles=(dataclasses.replace(result.articles[0], findings=()),),
        gate=GateResult(True, "error", ()), tool_version="1.2.3", config_hash="abc",
    )
    md = render_markdown(r)
    assert md.startswith("## mtcheck: ✅ PASS") and "No findings." in md and "|" not in md


def test_md_escape_units():
    assert md_escape("1. item") == "1\\. item"
    assert md_escape("- item") == "\\- item"
    assert md_escape("a & b < c") == "a &amp; b &lt; c"
    assert md_escape("x\u202ey") == "xU+202Ey"
    assert md_escape("a" * 200, 20).endswith("…") and len(md_escape("a" * 200, 20)) == 20


def test_markdown_via_cli_and_step_summary(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from mtcheck.cli import main

    from conftest import write_article
    from test_html import DE, EN, FR

    folder = write_article(tmp_path / "c", {"en.txt": EN, "fr.txt": FR, "de.txt": DE})
    out = tmp_path / "summary.md"
    step = tmp_path / "step.md"
    r = CliRunner().invoke(main, ["check", str(folder), "-o", str(out), "--format", "github"], env={"GITHUB_STEP_SUMMARY": str(step)})
    assert r.exit_code in (0, 1), r.output
    assert out.read_text(encoding="utf-8").startswith("## mtcheck: ")
    assert step.read_text(encoding="utf-8").startswith("## mtcheck: ")
