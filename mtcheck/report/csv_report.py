"""CSV of findings (``.csv``) and JSON Lines of findings (``.jsonl``).

One row/line per finding with the contract fields plus the article id.  (The
per-segment score table is ``.segments.csv``.)
"""

from __future__ import annotations

import csv
import io
import json

from ..model import RunResult
from . import renderer

FIELDS = ("article", "code", "check", "severity", "version", "path", "line", "column", "end_line",
          "end_column", "text", "expected", "message", "fingerprint")


def finding_rows(result: RunResult):
    for a in result.articles:
        for f in a.findings:
            d = f.to_dict()
            d["article"] = a.id
            yield d


@renderer(".csv", name="csv")
def render_csv(result: RunResult) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=FIELDS, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for row in finding_rows(result):
        w.writerow(row)
    return buf.getvalue()


def jsonl_line(article_id: str, finding) -> str:
    d = finding.to_dict()
    d["article"] = article_id
    return json.dumps(d, ensure_ascii=False, sort_keys=True)


@renderer(".jsonl", ".ndjson", name="jsonl")
def render_jsonl(result: RunResult) -> str:
    return "".join(jsonl_line(a.id, f) + "\n" for a in result.articles for f in a.findings)
