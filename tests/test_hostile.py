"""Hostile input: every case ends in one clear line and the documented exit code
(or an MT0xx finding) -- never a traceback, never a hang, inputs untouched, no
half-written report.  Complements tests/test_cli.py (which covers the basic
binary/invalid-UTF-8 cases, a missing path, a missing output folder and the
common configuration errors)."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import check_json, findings, write_article
from mtcheck.cli import main

EN = "The minister visited Lyon on Monday.\n\nShe met 120 workers at the plant.\n"
FR = "La ministre s'est rendue à Lyon lundi.\n\nElle a rencontré 120 ouvriers à l'usine.\n"
DE = "Die Ministerin besuchte am Montag Lyon.\n\nSie traf 120 Arbeiter im Werk.\n"
RAW_UNSAFE = ("\x00", "\x1b", "\u202e", "\u2066", "\x07", "\x9b")


def invoke(*args: str, env: dict | None = None):
    return CliRunner().invoke(main, list(args), env=env)


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``root`` (symbolic links not followed): bytes and mtime."""
    out = {}
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            p = Path(dirpath) / name
            if p.is_symlink():
                out[str(p)] = (os.readlink(p).encode(), 0)
            else:
                out[str(p)] = (p.read_bytes(), p.stat().st_mtime_ns)
    return out


def one_line_error(r, exit_code: int = 2) -> str:
    assert r.exit_code == exit_code, r.output
    assert "Traceback" not in r.output
    lines = r.output.strip().splitlines()
    assert len(lines) == 1, r.output
    assert lines[0].startswith("mtcheck: error: "), r.output
    return lines[0]


def no_report_left(folder: Path) -> None:
    left = [p.name for p in folder.iterdir() if p.name.startswith(("r.", ".r."))]
    assert left == [], left


# ---------------------------------------------------------------------------- files


@pytest.mark.parametrize(
    "name,content,needle",
    ids=["elf-binary", "mp4-binary", "latin-1", "truncated-utf8", "odd-utf16"],
    argvalues=[
        ("de.md", b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00>\x00" * 40, "not a text file"),
        ("fr.deepl.txt", b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 8, "not a text file"),
        ("fr.txt", "Élan".encode("latin-1") + b" vital\n", "not valid UTF-8 at byte 0"),
        ("fr.txt", FR.encode("utf-8")[:-3] + b"\xe2\x82", "not valid UTF-8"),  # truncated multibyte sequence
        ("fr.txt", b"\xff\xfe" + "Bonjour".encode("utf-16-le") + b"\x00", "invalid UTF-16"),
    ],
)
def test_undecodable_versions_in_a_corpus(tmp_path, name, content, needle):
    """After a good article, with every kind of output asked for (workers: tests/test_parallel.py)."""
    corpus = tmp_path / "corpus"
    write_article(corpus / "a-good", {"en.txt": EN, "fr.txt": FR})
    write_article(corpus / "bad", {"en.txt": EN, name: content})
    before = snapshot(corpus)
    r = invoke("check", str(corpus), "--jobs", "1", "--select", "MT0*", "-o", str(tmp_path / "r.json"),
               "-o", str(tmp_path / "r.jsonl"), "-o", str(tmp_path / "r.txt"), "--format", "none")
    line = one_line_error(r)
    assert needle in line and f"bad/{name}" in line, line
    no_report_left(tmp_path)
    assert snapshot(corpus) == before


def test_utf16_with_bom_is_decoded(tmp_path):
    """UTF-16 LE and BE with a BOM: decoded, positions counted in the decoded text."""
    bad = "Sie traf 120 Arbeiter\u202e im Werk."
    art = write_article(tmp_path / "a", {
        "en.txt": EN,
        "de.txt": ("Die Ministerin besuchte am Montag Lyon.\n\n" + bad + "\n").encode("utf-16"),
        "fr.txt": b"\xfe\xff" + FR.encode("utf-16-be"),
    })
    before = snapshot(art)
    code, rep, out = check_json(art, args=("--select", "MT0*"))
    assert code == 1, out
    (f,) = findings(rep, "MT005")
    assert (f["version"], f["line"], f["column"], f["text"]) == ("de", 3, 22, "\u202e")
    words = {v["version"]: v["words"] for v in rep["articles"][0]["versions"]}
    assert words["fr"] > 5 and words["de"] > 5
    assert snapshot(art) == before


def test_empty_and_blank_versions_are_mt001_errors(tmp_path):
    art = write_article(tmp_path / "a", {"en.txt": EN, "fr.txt": b"", "de.txt": " \n\t\r\n", "es.md": "<!-- -->\n"})
    code, rep, out = check_json(art)
    assert code == 1, out  # MT001 is an error: the gate fails
    empty = {(f["version"], f["severity"]) for f in findings(rep, "MT001")}
    assert empty == {("fr", "error"), ("de", "error"), ("es", "error")}
    # the remaining single version is still checked, and said so
    assert {f["code"] for f in findings(rep)} >= {"MT001", "MT004"}


def test_every_version_empty(tmp_path):
    art = write_article(tmp_path / "a", {"en.txt": b"", "fr.txt": b"\n"})
    code, rep, out = check_json(art)
    assert code == 1, out
    assert len(findings(rep, "MT001")) == 2


def test_single_version_article_with_jobs(tmp_path):
    corpus = tmp_path / "c"
    write_article(corpus / "one", {"fr.txt": FR})
    write_article(corpus / "two", {"en.txt": EN, "fr.txt": FR})
    code, rep, out = check_json(corpus, args=("--jobs", "2"))
    assert code in (0, 1), out
    single = findings(rep, "MT004")
    assert [(f["version"], f["severity"]) for f in single] == [("fr", "info")]
    assert single[0]["path"].endswith("one/fr.txt")


def test_unknown_language_tags_are_mt003_and_skipped(tmp_path):
    art = write_article(tmp_path / "a", {
        "en.txt": EN, "fr.txt": FR, "french.txt": FR, "qq.txt": FR, "x-klingon.md": "Qapla'\n", "README.md": "notes\n",
    })
    code, rep, out = check_json(art)
    assert code in (0, 1), out
    unknown = sorted(Path(f["path"]).name for f in findings(rep, "MT003"))
    assert unknown == ["french.txt", "qq.txt", "x-klingon.md"]  # README is not a version and not warned about
    assert {v["version"] for v in rep["articles"][0]["versions"]} == {"en", "fr"}


def _one_line(size: int) -> str:
    words = ("the minister visited Lyon on Monday and met 120 workers at the plant near the harbour "
             "while unions asked for more time ").split()
    return " ".join(words[i % len(words)] for i in range(size // 5))[:size]


def test_one_5mb_line_finishes(tmp_path):
    """A version that is one 5 MB line: loaded, segmented (capped), aligned and reported
    in seconds, positions exact.  (All families on it: see the scaling test below and
    benchmarks/README.md.)"""
    line = _one_line(5_000_000)
    art = write_article(tmp_path / "a", {"en.txt": line, "fr.txt": FR, "de.txt": DE})
    t0 = time.monotonic()
    code, rep, out = check_json(art, args=("--jobs", "1", "--select", "MT0*"))
    elapsed = time.monotonic() - t0
    assert code in (0, 1), out
    assert elapsed < 60, f"{elapsed:.0f} s for a 5 MB line"
    en = next(v for v in rep["articles"][0]["versions"] if v["version"] == "en")
    assert en["words"] > 800_000
    for f in findings(rep):
        if f["version"] == "en":
            assert f["line"] == 1 and f["end_line"] == 1
            assert line[f["column"] - 1:f["end_column"] - 1] == f["text"]


def test_one_long_line_all_families_scale_linearly(tmp_path):
    """Every family on one long line: 4x the text may not cost 10x the time (quadratic: 16x)."""
    from mtcheck.config import Config
    from mtcheck.pipeline import check_folder

    times = []
    for size in (60_000, 240_000):
        art = write_article(tmp_path / f"a{size}", {"en.txt": _one_line(size), "fr.txt": FR, "de.txt": DE})
        check_folder(art, "warm", Config())  # first use: models load
        t0 = time.perf_counter()
        res = check_folder(art, "a", Config())
        times.append(time.perf_counter() - t0)
        for f in res.findings:
            v = res.article.version(f.version)
            assert v.text[f.start:f.end] == f.text
    assert times[1] < 10 * max(times[0], 0.05), times


def test_segment_cap_keeps_offsets_exact():
    from mtcheck.model import Segment
    from mtcheck.segment import MAX_SEGMENT_CHARS, cap_segments

    text = ("wordy " * 3000) + "x" * (3 * MAX_SEGMENT_CHARS) + " 漢字" * 2000
    seg = Segment(version="en", index=0, start=0, end=len(text), text=text, paragraph=0)
    pieces = cap_segments((seg,))
    assert len(pieces) > 5
    assert all(0 < p.end - p.start <= MAX_SEGMENT_CHARS for p in pieces)
    assert "".join(p.text for p in pieces) == text
    assert [p.index for p in pieces] == list(range(len(pieces)))
    assert all(text[p.start:p.end] == p.text for p in pieces)
    assert pieces[0].text.endswith(" ")  # cut at white space where there is some


def test_too_many_segments_aligned_by_position(tmp_path):
    from mtcheck.align import MAX_ALIGN_SEGMENTS

    many = "".join(f"Sentence number {i} is here. " for i in range(MAX_ALIGN_SEGMENTS + 10))
    art = write_article(tmp_path / "a", {"en.txt": many, "fr.txt": FR})
    code, rep, out = check_json(art, args=("--select", "MT0*"))
    assert code == 1, out
    (f,) = [f for f in findings(rep, "MT002") if f["version"] == "en"]
    assert "aligned" in f["message"] and str(MAX_ALIGN_SEGMENTS) in f["message"]


# ---------------------------------------------------------------------------- what reaches the terminal


NASTY = "Sie traf 120 Arbeiter\x00 im \x1b[2J\x1b]0;pwned\x07Werk \u202eabc\u202c und \u2066x\u2069 \x9b31m.\n"


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_control_characters_never_reach_the_terminal_raw(tmp_path, fmt):
    art = write_article(tmp_path / "a\x1b[31m", {"en.txt": EN, "fr.txt": FR, "de.txt": DE.replace("Sie traf 120 Arbeiter im Werk.\n", NASTY),
                                                  "fr.\x1b[1mdeepl\u202e.txt": FR + "Encore\x1b[0m.\n"})
    before = snapshot(art)
    r = invoke("check", str(art), "--format", fmt, "-o", str(tmp_path / "r.txt"), "-o", str(tmp_path / "r.json"))
    assert r.exit_code == 1, r.output
    assert "MT005" in r.output
    for ch in RAW_UNSAFE:
        assert ch not in r.output, (repr(ch), r.output)
        assert ch not in (tmp_path / "r.txt").read_text(encoding="utf-8")
    assert "\\x1b" in r.output or "%1B" in r.output.upper()
    rep = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    texts = {f["text"] for f in findings(rep, "MT005")}
    assert "\x00" in texts and "\u202e" in texts  # the JSON report keeps the exact characters (escaped by JSON)
    assert snapshot(art) == before


def test_error_message_with_control_characters_is_escaped(tmp_path):
    art = write_article(tmp_path / "evil\x1b[2J\u202e", {"en.txt": EN, "fr.txt": b"\xc3\x28 bad"})
    r = invoke("check", str(art))
    line = one_line_error(r)
    for ch in RAW_UNSAFE:
        assert ch not in line
    assert "not valid UTF-8" in line


# ---------------------------------------------------------------------------- folders and paths


def test_symbolic_link_loop_terminates(tmp_path):
    corpus = tmp_path / "corpus"
    write_article(corpus / "a", {"en.txt": EN, "fr.txt": FR})
    write_article(corpus / "deep" / "b", {"en.txt": EN, "de.txt": DE})
    (corpus / "deep" / "b" / "up").symlink_to(corpus, target_is_directory=True)
    (corpus / "self").symlink_to(".", target_is_directory=True)
    (corpus / "a" / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (corpus / "a" / "de.txt").symlink_to(corpus / "a" / "de.txt")  # a link to itself (ELOOP)
    before = snapshot(corpus)
    t0 = time.monotonic()
    code, rep, out = check_json(corpus, args=("--jobs", "1"))
    assert time.monotonic() - t0 < 30
    assert code in (0, 1), out
    assert [a["article"] for a in rep["articles"]] == ["a", "deep/b"]
    assert snapshot(corpus) == before


def test_unreadable_file(tmp_path, monkeypatch):
    """chmod 000 does not stop root, so the read itself is made to fail."""
    art = write_article(tmp_path / "a", {"en.txt": EN, "fr.txt": FR})
    os.chmod(art / "fr.txt", 0)
    try:
        if os.geteuid() == 0 or os.access(art / "fr.txt", os.R_OK):
            real = Path.read_bytes

            def read_bytes(self):
                if self.name == "fr.txt":
                    raise PermissionError(13, "Permission denied", str(self))
                return real(self)

            monkeypatch.setattr(Path, "read_bytes", read_bytes)
        r = invoke("check", str(art), "--jobs", "1", "-o", str(tmp_path / "r.json"))
        line = one_line_error(r)
        assert "fr.txt: permission denied" in line
        no_report_left(tmp_path)
    finally:
        os.chmod(art / "fr.txt", 0o644)


def test_unreadable_folder(tmp_path, monkeypatch):
    corpus = tmp_path / "c"
    write_article(corpus / "a", {"en.txt": EN, "fr.txt": FR})
    if os.geteuid() == 0:
        real = os.scandir

        def scandir(path="."):
            if str(path).endswith("/a"):
                raise PermissionError(13, "Permission denied", str(path))
            return real(path)

        monkeypatch.setattr(os, "scandir", scandir)
        r = invoke("check", str(corpus / "a"), "--jobs", "1")
    else:  # pragma: no cover - not root
        os.chmod(corpus / "a", 0)
        try:
            r = invoke("check", str(corpus / "a"))
        finally:
            os.chmod(corpus / "a", 0o755)
    line = one_line_error(r)
    assert "permission denied" in line


def test_paths_that_do_not_exist_or_are_files(tmp_path):
    art = write_article(tmp_path / "a", {"en.txt": EN, "fr.txt": FR})
    r = invoke("check", str(art), str(tmp_path / "missing"), "-o", str(tmp_path / "r.json"))
    assert "missing: no such file or folder" in one_line_error(r)
    no_report_left(tmp_path)
    r = invoke("check", str(art / "fr.txt"))
    assert "is a file" in one_line_error(r)
    r = invoke("check", str(tmp_path / "a" / "x\x1b[2J"))
    assert "\x1b" not in one_line_error(r)


def test_empty_folder_checks_nothing(tmp_path):
    (tmp_path / "empty").mkdir()
    r = invoke("check", str(tmp_path / "empty"))
    assert r.exit_code == 0 and "in 0 articles" in r.output


# ---------------------------------------------------------------------------- configuration


@pytest.mark.parametrize(
    "name,text,needle",
    [
        ("mtcheck.toml", b"\xff\xfe bad", "not UTF-8"),
        ("mtcheck.toml", b"fail_on = 'error'\nfail_on = 'warning'\n", "TOML syntax error"),
        ("mtcheck.toml", b"[thresholds]\nmin_bleu = 10\nmax_speed = 3\n", "unknown key 'thresholds.max_speed'"),
        ("mtcheck.toml", b"[quality]\nerror = -1\n", "'quality.error' must be positive"),
        ("mtcheck.toml", b"select = 'MT1*'\n", "'select' must be a list"),
        ("mtcheck.toml", b"[severity]\nMT101 = 'fatal'\n", "'severity.MT101' must be one of"),
        ("mtcheck.toml", b"[checks.'names.inconsistent']\nthreshhold = 0.5\n", "unknown key 'checks.names.inconsistent.threshhold'"),
        ("pyproject.toml", b"[tool.mtcheck]\nfail_on = 3\n", "'fail_on' must be a string"),
        ("mtcheck.toml", b"glossary = '/etc/passwd'\n", "points outside the project folder"),
    ],
)
def test_bad_configuration(tmp_path, name, text, needle):
    art = write_article(tmp_path / "proj" / "a", {"en.txt": EN, "fr.txt": FR})
    (tmp_path / "proj" / name).write_bytes(text)
    before = snapshot(tmp_path / "proj")
    r = invoke("check", str(art), "-o", str(tmp_path / "r.json"))
    line = one_line_error(r)
    assert needle in line and name in line, line
    no_report_left(tmp_path)
    assert snapshot(tmp_path / "proj") == before


def test_glossary_symlink_escaping_the_project(tmp_path):
    outside = tmp_path / "outside.toml"
    outside.write_text("[names]\n", encoding="utf-8")
    proj = tmp_path / "proj"
    art = write_article(proj / "a", {"en.txt": EN, "fr.txt": FR})
    (proj / "names.toml").symlink_to(outside)
    (proj / "mtcheck.toml").write_text("glossary = 'names.toml'\n", encoding="utf-8")
    line = one_line_error(invoke("check", str(art)))
    assert "points outside the project folder" in line


def test_explicit_config_missing(tmp_path):
    art = write_article(tmp_path / "a", {"en.txt": EN, "fr.txt": FR})
    line = one_line_error(invoke("check", str(art), "--config", str(tmp_path / "nope.toml")))
    assert "configuration file not found" in line


# ---------------------------------------------------------------------------- outputs


def test_output_cannot_be_written(tmp_path, monkeypatch):
    art = write_article(tmp_path / "a", {"en.txt": EN, "fr.txt": FR})
    (tmp_path / "out").mkdir()
    # a folder where a file should go
    line = one_line_error(invoke("check", str(art), "-o", str(tmp_path / "out")))
    assert "unknown report format" in line or "is a folder" in line
    (tmp_path / "out.json").mkdir()
    assert "is a folder" in one_line_error(invoke("check", str(art), "-o", str(tmp_path / "out.json")))
    # a folder that cannot be written (simulated: root writes anywhere)
    import mtcheck.report as report

    real_access = os.access
    monkeypatch.setattr(report.os, "access", lambda p, mode, **kw: False if str(p).endswith("out") else real_access(p, mode, **kw))
    line = one_line_error(invoke("check", str(art), "-o", str(tmp_path / "out" / "r.json")))
    assert "is not writable" in line
    assert list((tmp_path / "out").iterdir()) == []


@pytest.mark.parametrize("ext", ["json", "jsonl"])
def test_disk_full_while_writing_leaves_no_report(tmp_path, monkeypatch, ext):
    art = write_article(tmp_path / "a", {"en.txt": EN, "fr.txt": FR, "de.txt": DE})
    (tmp_path / "out").mkdir()
    real = os.replace

    def replace(src, dst):
        if str(dst).endswith(f"r.{ext}"):
            raise OSError(28, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    line = one_line_error(invoke("check", str(art), "--jobs", "1", "-o", str(tmp_path / "out" / f"r.{ext}")))
    assert "cannot write report (No space left on device)" in line
    assert list((tmp_path / "out").iterdir()) == []


def test_report_never_overwrites_an_input(tmp_path):
    art = write_article(tmp_path / "a", {"en.txt": EN, "fr.txt": FR})
    before = snapshot(art)
    for target in ("fr.txt", "de.txt", "en.md"):
        line = one_line_error(invoke("check", str(art), "-o", str(art / target)))
        assert "is a version file of a checked article" in line
    r = invoke("check", str(art), "--write-baseline", str(art / "fr.txt"))
    assert "is a version file" in one_line_error(r)
    assert snapshot(art) == before
