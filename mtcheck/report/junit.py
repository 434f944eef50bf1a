"""JUnit XML for CI dashboards: one test suite per article, one test case per
version and check family; a finding at or above the fail level is a failure,
others are listed in ``system-out``."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..checks.base import FAMILIES
from ..model import SEVERITY_RANK, RunResult
from . import renderer

_XML_BAD = re.compile(r"[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _x(s: str) -> str:
    """XML 1.0 cannot hold control characters: show them as escapes."""
    return _XML_BAD.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), s)


@renderer(".junit.xml", ".xml", name="junit")
def render_junit(result: RunResult) -> str:
    fail_rank = SEVERITY_RANK.get(result.gate.fail_on, 99)
    suites = ET.Element("testsuites", name="mtcheck", tests="0", failures="0")
    total_tests = total_fail = 0
    for a in result.articles:
        suite = ET.SubElement(suites, "testsuite", name=_x(a.id))
        tests = fails = 0
        for v in a.article.versions or ():
            for prefix, family in FAMILIES.items():
                fs = [f for f in a.findings if f.version == v.id and f.code.startswith(prefix)]
                case = ET.SubElement(suite, "testcase", classname=_x(f"{a.id}.{v.id}"), name=family, file=_x(v.path))
                tests += 1
                failing = [f for f in fs if SEVERITY_RANK[f.severity] >= fail_rank]
                if failing:
                    fails += 1
                    first = failing[0]
                    body = "\n".join(
                        f"{f.path}:{f.line}:{f.column}: {f.code} [{f.severity}] {f.message}" for f in failing
                    )
                    el = ET.SubElement(case, "failure", message=_x(f"{len(failing)} finding(s): {first.code} {first.message}"), type=first.code)
                    el.text = _x(body)
                rest = [f for f in fs if f not in failing]
                if rest:
                    out = ET.SubElement(case, "system-out")
                    out.text = _x("\n".join(f"{f.path}:{f.line}:{f.column}: {f.code} [{f.severity}] {f.message}" for f in rest))
        # findings on files that are not versions (unknown tags, empty files)
        orphans = [f for f in a.findings if f.version not in {v.id for v in a.article.versions}]
        if orphans:
            case = ET.SubElement(suite, "testcase", classname=_x(a.id), name="input")
            tests += 1
            failing = [f for f in orphans if SEVERITY_RANK[f.severity] >= fail_rank]
            if failing:
                fails += 1
                el = ET.SubElement(case, "failure", message=_x(failing[0].message), type=failing[0].code)
                el.text = _x("\n".join(f"{f.path}: {f.code} {f.message}" for f in failing))
        suite.set("tests", str(tests))
        suite.set("failures", str(fails))
        suite.set("errors", "0")
        total_tests += tests
        total_fail += fails
    suites.set("tests", str(total_tests))
    suites.set("failures", str(total_fail))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
