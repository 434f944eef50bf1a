"""SARIF 2.1.0 for code-scanning dashboards (GitHub, Azure DevOps, ...).

Rules are described from the check docstrings; ``ruleId`` is the stable code;
``partialFingerprints`` carries the line-independent fingerprint; paths are
relative; levels map error/warning/info to error/warning/note.
"""

from __future__ import annotations

import json

from ..model import RunResult
from . import renderer

LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def sarif_dict(result: RunResult) -> dict:
    from ..checks.base import all_checks

    checks = all_checks()
    used = sorted({f.code for f in result.findings})
    rules = []
    index = {}
    for code in sorted(checks):
        cls = checks[code]
        doc = cls.documentation()
        index[code] = len(rules)
        rules.append({
            "id": code,
            "name": cls.name,
            "shortDescription": {"text": cls.summary() or cls.name},
            "fullDescription": {"text": doc or cls.name},
            "help": {"text": doc or cls.name, "markdown": doc or cls.name},
            "defaultConfiguration": {"level": LEVELS[cls.severity]},
            "properties": {"family": cls.family(), "used": code in used},
        })
    results = []
    for a in result.articles:
        for f in a.findings:
            region = {
                "startLine": f.line,
                "startColumn": f.column,
                "endLine": f.end_line,
                "endColumn": f.end_column,
            }
            if f.text:
                region["snippet"] = {"text": f.text}
            msg = f.message + (f" (expected: {f.expected})" if f.expected else "")
            results.append({
                "ruleId": f.code,
                "ruleIndex": index.get(f.code, 0),
                "level": LEVELS[f.severity],
                "message": {"text": msg},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": f.path, "uriBaseId": "%SRCROOT%"},
                        "region": region,
                    }
                }],
                "partialFingerprints": {"mtcheck/v1": f.fingerprint},
                "properties": {"article": a.id, "version": f.version, "check": f.check, "expected": f.expected},
            })
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "mtcheck",
                "version": result.tool_version,
                "semanticVersion": result.tool_version,
                "informationUri": "https://pypi.org/project/mtcheck/",
                "rules": rules,
            }},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": "./"}},
            "results": results,
            "properties": {"gate": result.gate.to_dict(), "configHash": result.config_hash},
        }],
    }


@renderer(".sarif", ".sarif.json", name="sarif")
def render_sarif(result: RunResult) -> str:
    return json.dumps(sarif_dict(result), ensure_ascii=False, indent=2) + "\n"
