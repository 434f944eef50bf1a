"""Meta-tests of the check registry: stable codes, names, and docstrings that
serve as documentation (summary line, explanation, an example)."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from mtcheck.checks.base import FAMILIES, all_checks
from mtcheck.cli import main

CHECKS = all_checks()


def test_every_family_has_checks():
    prefixes = {code[:3] for code in CHECKS}
    assert prefixes == set(FAMILIES), prefixes


@pytest.mark.parametrize("code", sorted(CHECKS))
def test_check_is_documented(code):
    cls = CHECKS[code]
    assert re.fullmatch(r"MT\d{3}", cls.code)
    assert re.fullmatch(r"[a-z]+\.[a-z0-9-]+(\.[a-z0-9-]+)*", cls.name), cls.name
    family = {"MT0": "input", "MT1": "names", "MT2": "language", "MT3": "numbers",
              "MT4": "completeness", "MT5": "integrity", "MT9": "scores"}[code[:3]]
    assert cls.name.split(".")[0] == family, (code, cls.name)
    doc = cls.documentation()
    lines = [line for line in doc.splitlines()]
    assert lines and lines[0].strip().endswith("."), f"{code}: summary line must be a sentence"
    assert len(doc.split()) >= 25, f"{code}: docstring too short to document the check"
    assert "example" in doc.lower() or "e.g." in doc.lower(), f"{code}: docstring needs an example"
    for key, spec in cls.options.items():
        assert len(spec) == 3 and isinstance(spec[2], str) and spec[2], (code, key)


def test_names_are_unique():
    names = [cls.name for cls in CHECKS.values()]
    assert len(names) == len(set(names))


def test_rules_lists_every_check():
    out = CliRunner().invoke(main, ["rules"]).output
    for code in CHECKS:
        assert code in out


@pytest.mark.parametrize("code", sorted(CHECKS))
def test_explain(code):
    r = CliRunner().invoke(main, ["explain", code])
    assert r.exit_code == 0 and code in r.output and CHECKS[code].name in r.output
