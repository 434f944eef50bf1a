"""The CLI through click's CliRunner: exit codes and output together, bad input,
every output format parsed back, baselines, suppressions, configuration."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import SHARED, check_json, findings, write_article
from mtcheck import __version__
from mtcheck.cli import main

EN = "The minister visited Lyon on Monday.\n\nShe met 120 workers at the plant.\n"
FR = "La ministre s'est rendue à Lyon lundi.\n\nElle a rencontré 120 ouvriers à l'usine.\n"
DE = "Die Ministerin besuchte am Montag Lyon.\n\nSie traf 120 Arbeiter im Werk.\n"
# U+202E (right-to-left override) is an MT005 error wherever it appears
BAD_DE = "Die Ministerin besuchte am Montag Lyon.\n\nSie traf 120 Arbeiter\u202e im Werk.\n"


def invoke(*args: str, env: dict | None = None):
    return CliRunner().invoke(main, list(args), env=env)


def test_version():
    r = invoke("--version")
    assert r.exit_code == 0
    assert r.output.strip() == f"mtcheck {__version__}"


def test_python_m_and_console_script_version():
    p = subprocess.run([sys.executable, "-m", "mtcheck", "--version"], capture_output=True, text=True)
    assert p.returncode == 0 and p.stdout.strip() == f"mtcheck {__version__}"


def test_rules_and_explain():
    r = invoke("rules")
    assert r.exit_code == 0
    assert "MT001" in r.output and "input.empty" in r.output
    r = invoke("explain", "MT005")
    assert r.exit_code == 0 and "bidi" in r.output.lower()
    r = invoke("explain", "input.empty")
    assert r.exit_code == 0 and "MT001" in r.output
    r = invoke("explain", "MT999")
    assert r.exit_code == 2 and "unknown check" in r.output


def test_clean_article_passes(tmp_path):
    art = write_article(tmp_path / "a", {"en.txt": EN, "fr.txt": FR, "de.txt": DE})
    r = invoke("check", str(art), "--select", "MT0*")
    assert r.exit_code == 0, r.output
    assert r.output.strip().endswith("- PASS")


def test_error_fails_gate_and_line_format(tmp_path):
    art = write_article(tmp_path / "a", {"en.txt": EN, "fr.txt": FR, "de.txt": BAD_DE})
    r = invoke("check", str(art), "--select", "MT0*")
    assert r.exit_code == 1
    lines = r.output.strip().splitlines()
    assert any(":3:22: MT005 [error]" in line for line in lines), r.output
    assert "\u202e" not in r.output  # never raw on the terminal
    assert lines[-1] == "1 error, 0 warnings in 1 article - FAIL"
    assert invoke("check", str(art), "--select", "MT0*", "--exit-zero").exit_code == 0
    assert invoke("check", str(art), "--ignore", "MT005").exit_code in (0, 1)
    r = invoke("check", str(art), "--select", "MT0*", "--ignore", "MT00*")
    assert r.exit_code == 0


@pytest.mark.parametrize(
    "files,needle",
    [
        ({"en.txt": EN, "fr.txt": b"caf\xe9 au lait\n"}, "not valid UTF-8 at byte 3"),
        ({"en.txt": EN, "fr.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"}, "not a text file"),
    ],
)
def test_bad_files_exit_2_one_line(tmp_path, files, needle):
    art = write_article(tmp_path / "a", files)
    before = {p.name: p.read_bytes() for p in art.iterdir()}
    r = invoke("check", str(art), "-o", str(tmp_path / "r.json"))
    assert r.exit_code == 2
    assert needle in r.output and "fr.txt" in r.output
    assert len(r.output.strip().splitlines()) == 1
    assert "Traceback" not in r.output
    assert not (tmp_path / "r.json").exists()
    assert {p.name: p.read_bytes() for p in art.iterdir()} == before


def test_missing_path_and_bad_output(tmp_path):
    r = invoke("check", str(tmp_path / "nope"))
    assert r.exit_code == 2 and "no such file or folder" in r.output
    art = write_article(tmp_path / "a", {"en.txt": EN, "fr.txt": FR})
    r = invoke("check", str(art), "-o", str(tmp_path / "missing" / "r.json"))
    assert r.exit_code == 2 and "does not exist" in r.output
    r = invoke("check", str(art), "-o", str(tmp_path / "r.unknownformat"))
    assert r.exit_code == 2 and "unknown report format" in r.output


def test_empty_version_and_unknown_tag_and_single_version(tmp_path):
    art = write_article(tmp_path / "c" / "a", {"en.txt": EN, "fr.txt": "", "xx.txt": "hello\n", "labels.tsv": "x"})
    write_article(tmp_path / "c" / "b", {"fr.txt": FR})
    code, rep, _ = check_json(tmp_path / "c")
    assert code == 1
    codes = {(f["code"], Path(f["path"]).name) for f in findings(rep)}
    assert ("MT001", "fr.txt") in codes
    assert ("MT003", "xx.txt") in codes
    assert ("MT004", "fr.txt") in codes
    assert [a["article"] for a in rep["articles"]] == ["a", "b"]


def test_utf16_bom_and_utf8_bom(tmp_path):
    art = write_article(tmp_path / "a", {"en.txt": "\ufeff" + EN, "fr.txt": FR.encode("utf-16"), "de.txt": DE})
    code, rep, out = check_json(art, args=("--select", "MT0*"))
    assert code == 0, out


def _contract_ok(rep: dict, root: Path | None = None) -> None:
    from mtcheck.load import decode
    from mtcheck.model import LineIndex

    for a in rep["articles"]:
        for f in a["findings"]:
            p = Path(f["path"])
            text = decode(p.read_bytes(), str(p))
            li = LineIndex(text)
            s = li.offset(f["line"], f["column"])
            e = li.offset(f["end_line"], f["end_column"])
            assert text[s:e] == f["text"], f


def test_every_format_parses(tmp_path, monkeypatch):
    art = write_article(tmp_path / "corpus" / "a", {"en.txt": EN, "fr.txt": FR, "de.txt": BAD_DE})
    monkeypatch.chdir(tmp_path)
    outs = ["r.json", "r.sarif", "r.junit.xml", "r.csv", "r.jsonl", "r.txt"]
    args = ["check", "corpus", "--select", "MT0*"]
    for o in outs:
        args += ["-o", o]
    r = invoke(*args)
    assert r.exit_code == 1, r.output
    rep = json.loads(Path("r.json").read_text(encoding="utf-8"))
    assert rep["schema_version"] == 1 and rep["tool"]["name"] == "mtcheck"
    assert rep["gate"]["passed"] is False and rep["gate"]["fail_on"] == "error"
    f = findings(rep)[0]
    for key in ("code", "check", "severity", "version", "path", "line", "column", "end_line", "end_column",
                "text", "expected", "message", "fingerprint"):
        assert key in f
    assert f["path"] == "corpus/a/de.txt"
    assert rep["articles"][0]["alignment"]["rows"]
    _contract_ok(rep)
    sarif = json.loads(Path("r.sarif").read_text(encoding="utf-8"))
    res = sarif["runs"][0]["results"]
    assert res[0]["ruleId"] == "MT005" and res[0]["level"] == "error"
    assert res[0]["partialFingerprints"]["mtcheck/v1"] == f["fingerprint"]
    assert res[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "corpus/a/de.txt"
    schema_path = SHARED / "schemas" / "sarif-schema-2.1.0.json"
    if schema_path.exists():
        import jsonschema

        jsonschema.validate(sarif, json.loads(schema_path.read_text(encoding="utf-8")))
    root = ET.parse("r.junit.xml").getroot()
    assert root.tag == "testsuites" and int(root.get("failures")) == 1
    assert root.find("testsuite").get("name") == "a"
    rows = list(csv.DictReader(io.StringIO(Path("r.csv").read_text(encoding="utf-8"))))
    assert rows[0]["code"] == "MT005" and rows[0]["article"] == "a"
    lines = [json.loads(x) for x in Path("r.jsonl").read_text(encoding="utf-8").splitlines()]
    assert lines[0]["fingerprint"] == f["fingerprint"]
    assert "MT005" in Path("r.txt").read_text(encoding="utf-8")


def test_github_format_escaping(tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    art = write_article(tmp_path / "a,b:c", {"en.txt": EN, "fr.txt": FR, "de.txt": BAD_DE})
    r = invoke("check", str(art), "--select", "MT0*", "--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert r.exit_code == 1
    line = next(x for x in r.output.splitlines() if x.startswith("::"))
    assert line.startswith("::error file=")
    props, _, msg = line[len("::error "):].partition("::")
    assert "a%2Cb%3Ac" in props  # ',' and ':' escaped in property values
    assert "line=3,col=22,endLine=3,endColumn=23,title=MT005 input.control-characters" in props
    assert "\n" not in msg and "%0A" not in msg
    from mtcheck.report.github import escape_data, escape_property

    assert escape_data("50%\r\nx") == "50%25%0D%0Ax"
    assert escape_property("a:b,c") == "a%3Ab%2Cc"


def test_baseline_survives_shift_and_catches_new(tmp_path):
    art = write_article(tmp_path / "a", {"en.txt": EN, "fr.txt": FR, "de.txt": BAD_DE})
    base = tmp_path / "baseline.json"
    r = invoke("check", str(art), "--select", "MT0*", "--write-baseline", str(base))
    assert r.exit_code == 0 and base.exists()
    assert invoke("check", str(art), "--select", "MT0*", "--baseline", str(base)).exit_code == 0
    # text added above: the finding moves down two lines but stays baselined
    (art / "de.txt").write_text("Eine neue Zeile.\n\n" + BAD_DE, encoding="utf-8")
    r = invoke("check", str(art), "--select", "MT0*", "--baseline", str(base))
    assert r.exit_code == 0, r.output
    assert "(1 baselined)" in r.output
    # a new error still fails
    (art / "fr.txt").write_text(FR.replace("lundi", "lundi\u202e"), encoding="utf-8")
    r = invoke("check", str(art), "--select", "MT0*", "--baseline", str(base))
    assert r.exit_code == 1
    assert "fr.txt" in r.output
    # fixing the old one is reported
    (art / "de.txt").write_text(DE, encoding="utf-8")
    r = invoke("check", str(art), "--select", "MT0*", "--baseline", str(base))
    assert "1 baseline entry looks fixed" in r.output
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    r = invoke("check", str(art), "--baseline", str(bad))
    assert r.exit_code == 2 and "not valid JSON" in r.output


def test_inline_suppression_markdown(tmp_path):
    md_de = "# Titel\n\n<!-- mtcheck: ignore MT005 -->\nSie traf 120 Arbeiter\u202e im Werk.\n\n<!-- mtcheck: ignore MT1* -->\nNoch ein Satz.\n"
    art = write_article(tmp_path / "a", {"en.md": "# Title\n\nShe met 120 workers.\n\nOne more sentence.\n", "de.md": md_de})
    code, rep, out = check_json(art, args=("--select", "MT0*"))
    codes = [f["code"] for f in findings(rep)]
    assert "MT005" not in codes
    assert codes.count("MT006") == 1  # the MT1* suppression matches nothing
    assert code == 0  # MT006 is a warning


def test_config_errors_exit_2(tmp_path):
    art = write_article(tmp_path / "a", {"en.txt": EN, "fr.txt": FR})
    cases = {
        "fail_on = 'sometimes'\n": "'fail_on' must be one of",
        "colour = true\n": "unknown key 'colour'",
        "[thresholds]\nmin_chrf = 'high'\n": "'thresholds.min_chrf' must be a number",
        "select = [\n": "TOML syntax error",
        "[checks.MT999]\nx = 1\n": "'checks.MT999' is not a check code",
        "glossary = '../../../etc/passwd'\n": "points outside the project folder",
    }
    for text, needle in cases.items():
        (art / "mtcheck.toml").write_text(text, encoding="utf-8")
        r = invoke("check", str(art))
        assert r.exit_code == 2, (text, r.output)
        assert needle in r.output and "mtcheck.toml" in r.output, (text, r.output)
        assert len(r.output.strip().splitlines()) == 1


def test_config_found_upwards_and_cli_overrides(tmp_path):
    root = tmp_path / "proj"
    art = write_article(root / "corpus" / "a", {"en.txt": EN, "fr.txt": FR, "de.txt": BAD_DE})
    (root / "pyproject.toml").write_text("[tool.mtcheck]\nselect = ['MT0*']\n[tool.mtcheck.severity]\nMT005 = 'warning'\n", encoding="utf-8")
    r = invoke("check", str(art))
    assert r.exit_code == 0, r.output  # downgraded to a warning
    assert "[warning]" in r.output
    assert invoke("check", str(art), "--fail-on", "warning").exit_code == 1


def test_changed_since(tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    write_article(repo / "a", {"en.txt": EN, "fr.txt": FR, "de.txt": BAD_DE})
    write_article(repo / "b", {"en.txt": EN, "fr.txt": FR})
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@e"}
    for cmd in (["init", "-q"], ["add", "."], ["commit", "-qm", "x"]):
        subprocess.run(["git", *cmd], cwd=repo, check=True, env=env)
    monkeypatch.chdir(repo)
    (repo / "b" / "fr.txt").write_text(FR + "\nEncore.\n", encoding="utf-8")
    code, rep, out = check_json(Path("."), args=("--changed-since", "HEAD", "--select", "MT0*"))
    assert [a["article"] for a in rep["articles"]] == ["b"], out
    r = invoke("check", ".", "--changed-since", "no-such-ref")
    assert r.exit_code == 2


def test_no_half_written_report_on_failure(tmp_path):
    art = write_article(tmp_path / "a", {"en.txt": EN, "fr.txt": b"\xff\xfe\x00"})
    r = invoke("check", str(art), "-o", str(tmp_path / "r.json"))
    assert r.exit_code == 2
    assert list(tmp_path.glob("*.json")) == [] and list(tmp_path.glob(".r.json*")) == []


def test_streamed_json_equals_rendered_json(tmp_path):
    """The CLI streams .json article by article; the bytes equal the renderer's."""
    import mtcheck
    from mtcheck.config import Config
    from mtcheck.report.json_report import render_json

    write_article(tmp_path / "c" / "a", {"en.txt": EN, "fr.txt": FR, "de.txt": BAD_DE})
    write_article(tmp_path / "c" / "b", {"en.txt": EN, "fr.txt": FR})
    out = tmp_path / "r.json"
    r = invoke("check", str(tmp_path / "c"), "-o", str(out), "--format", "none", "--jobs", "1")
    assert r.exit_code == 1
    expected = render_json(mtcheck.run([str(tmp_path / "c")], Config()))
    assert out.read_text(encoding="utf-8") == expected
    rep = json.loads(expected)
    assert rep["summary"]["articles"] == 2 and len(rep["articles"]) == 2
