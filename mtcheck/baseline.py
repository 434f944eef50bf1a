"""Baselines: accept today's findings, fail only on new ones (detect-secrets style).

A baseline entry's identity is (path, code, fingerprint).  Fingerprints are
built from the flagged text and a little context, never from line numbers, so
text added or removed above a finding leaves it matched.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Iterable

from .errors import MtcheckError
from .model import ArticleResult, Finding

BASELINE_VERSION = 1


def identity(f: Finding) -> tuple[str, str, str]:
    return (f.path, f.code, f.fingerprint)


def baseline_json(findings: Iterable[tuple[str, Finding]], tool_version: str) -> str:
    entries = [
        {"article": aid, "path": f.path, "version": f.version, "code": f.code, "fingerprint": f.fingerprint, "text": f.text}
        for aid, f in findings
    ]
    entries.sort(key=lambda e: (e["path"], e["code"], e["fingerprint"]))
    return json.dumps({"mtcheck_baseline": BASELINE_VERSION, "tool_version": tool_version, "entries": entries},
                      ensure_ascii=False, indent=2) + "\n"


def read_baseline(path: str) -> dict[tuple[str, str, str], dict]:
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise MtcheckError(f"{path}: baseline file not found (create it with --write-baseline)") from None
    except (OSError, UnicodeDecodeError) as e:
        raise MtcheckError(f"{path}: cannot read baseline ({e})") from None
    except json.JSONDecodeError as e:
        raise MtcheckError(f"{path}: baseline is not valid JSON (line {e.lineno}: {e.msg})") from None
    if not isinstance(data, dict) or data.get("mtcheck_baseline") != BASELINE_VERSION or not isinstance(data.get("entries"), list):
        raise MtcheckError(f"{path}: not an mtcheck baseline file (expected 'mtcheck_baseline': 1 and 'entries')")
    out = {}
    for i, e in enumerate(data["entries"]):
        try:
            out[(e["path"], e["code"], e["fingerprint"])] = e
        except (KeyError, TypeError):
            raise MtcheckError(f"{path}: entry {i} needs 'path', 'code' and 'fingerprint'") from None
    return out


def subtract(results: list[ArticleResult], baseline: dict[tuple[str, str, str], dict]) -> tuple[list[ArticleResult], int, int]:
    """Drop baselined findings.  Returns (results, findings baselined, entries that look fixed).

    An entry looks fixed when its file was checked and the finding is gone.
    """
    matched: set[tuple[str, str, str]] = set()
    checked_paths: set[str] = set()
    out = []
    n = 0
    for a in results:
        checked_paths.update(v.path for v in a.article.versions)
        kept = []
        for f in a.findings:
            key = identity(f)
            if key in baseline:
                matched.add(key)
                n += 1
            else:
                kept.append(f)
        out.append(replace(a, findings=tuple(kept), suppressed=a.suppressed + (len(a.findings) - len(kept))))
    fixed = sum(1 for k in baseline if k[0] in checked_paths and k not in matched)
    return out, n, fixed
