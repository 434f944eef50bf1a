"""Shared test helpers: build article folders in tmp_path and run mtcheck on them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def write_article(folder: Path, files: dict[str, str | bytes]) -> Path:
    """Create ``folder`` with one file per version: ``{"en.txt": "...", "fr.txt": "..."}``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        p = folder / name
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            p.write_bytes(content)
        else:
            p.write_text(content, encoding="utf-8", newline="")
    return folder


def check_json(*paths: Path, args: tuple[str, ...] = ()) -> tuple[int, dict, str]:
    """Run ``mtcheck check PATHS -o report.json`` through CliRunner; returns (exit code, report, output)."""
    from click.testing import CliRunner

    from mtcheck.cli import main

    import tempfile

    out = Path(tempfile.mkdtemp(prefix="mtcheck-test-")) / "report.json"
    runner = CliRunner()
    res = runner.invoke(main, ["check", *map(str, paths), "-o", str(out), "--format", "none", *args])
    report = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
    return res.exit_code, report, res.output


def findings(report: dict, code_prefix: str = "MT") -> list[dict]:
    return [f for a in report.get("articles", []) for f in a["findings"] if f["code"].startswith(code_prefix)]


def name_findings(folder: Path) -> list[tuple[str, str, str, str]]:
    """(code, version, text, expected) of the MT1 findings of one article, sorted."""
    _c, report, _err = check_json(folder, args=("--select", "MT1*"))
    return sorted((f["code"], f["version"], f["text"], f["expected"]) for f in findings(report, "MT1"))


@pytest.fixture
def article(tmp_path):
    """Factory fixture: ``article({"en.txt": ..., "fr.txt": ...})`` -> folder path."""

    def make(files: dict[str, str | bytes], name: str = "art") -> Path:
        return write_article(tmp_path / name, files)

    return make


def needs_shared(sub: str = "") -> Path:
    """Skip the calling test when ../shared (or a part of it) is absent."""
    p = SHARED / sub if sub else SHARED
    if not p.exists():
        pytest.skip(f"{p} not available")
    return p
