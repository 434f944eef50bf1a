"""The JSON report of CONTRACT.md section 3 (schema_version 1)."""

from __future__ import annotations

import json
from typing import Any

from ..model import ArticleResult, RunResult
from . import renderer

SCHEMA_VERSION = 1


def alignment_dict(a: ArticleResult) -> dict[str, Any] | None:
    """Each row with the position of its segment(s) in each version."""
    if a.alignment is None:
        return None
    segs = a.segments
    versions = {v.id: v for v in a.article.versions}
    rows = []
    for row in a.alignment.rows:
        cells = {}
        for vid, idxs in row.cells.items():
            if vid not in versions:
                continue
            cells[vid] = [
                {"segment": i, "start": segs[vid][i].start, "end": segs[vid][i].end}
                for i in idxs
            ]
        rows.append({"row": row.index, "confidence": row.confidence, "cells": cells})
    return {"pivot": a.alignment.pivot, "quality": dict(a.alignment.quality), "rows": rows}


def segments_dict(a: ArticleResult) -> dict[str, Any]:
    from ..checks.base import LineIndex

    out = {}
    for v in a.article.versions:
        li = LineIndex(v.text)
        items = []
        for s in a.segments.get(v.id, ()):
            line, col = li.position(s.start)
            end_line, end_col = li.position(s.end)
            items.append({
                "segment": s.index, "paragraph": s.paragraph, "start": s.start, "end": s.end,
                "line": line, "column": col, "end_line": end_line, "end_column": end_col,
            })
        out[v.id] = items
    return out


def article_dict(a: ArticleResult) -> dict[str, Any]:
    d: dict[str, Any] = {
        "article": a.id,
        "path": a.article.path,
        "versions": [v.to_dict() for v in a.versions],
        "findings": [f.to_dict() for f in a.findings],
        "counts": a.counts(),
        "segments": segments_dict(a),
        "alignment": alignment_dict(a),
    }
    for key, value in sorted(a.extras.items()):
        if not key.startswith("_"):
            d[key] = value
    return d


def report_dict(result: RunResult) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "mtcheck", "version": result.tool_version, "config_hash": result.config_hash},
        "articles": [article_dict(a) for a in result.articles],
        "summary": {**result.counts(), "articles": len(result.articles)},
        "gate": result.gate.to_dict(),
    }


# The report is written in three parts so that a run over a large corpus can
# stream it article by article (the CLI does); render_json joins the same parts,
# so both give the same bytes.


def dumps(obj: Any) -> str:
    # No indentation: it would force the pure-Python encoder (5x slower on big corpora).
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), default=_default)


def json_head(tool_version: str, config_hash: str) -> str:
    tool = {"name": "mtcheck", "version": tool_version, "config_hash": config_hash}
    return '{"schema_version":' + str(SCHEMA_VERSION) + ',"tool":' + dumps(tool) + ',"articles":['


def json_article(a: ArticleResult, first: bool) -> str:
    return ("" if first else ",") + dumps(article_dict(a))


def json_tail(result: RunResult, n_articles: int) -> str:
    return '],"summary":' + dumps({**result.counts(), "articles": n_articles}) + ',"gate":' + dumps(result.gate.to_dict()) + "}\n"


@renderer(".json", name="json")
def render_json(result: RunResult) -> str:
    parts = [json_head(result.tool_version, result.config_hash)]
    parts.extend(json_article(a, i == 0) for i, a in enumerate(result.articles))
    parts.append(json_tail(result, len(result.articles)))
    return "".join(parts)


def _default(o: Any) -> Any:
    if isinstance(o, (set, frozenset, tuple)):
        return list(o)
    if hasattr(o, "to_dict"):
        return o.to_dict()
    raise TypeError(f"not JSON serialisable: {type(o).__name__}")
