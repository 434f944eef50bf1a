"""HTML report for reviewers: one self-contained, offline file.

``mtcheck check PATH -o report.html`` writes the versions of every article side
by side, row by row as aligned, with the findings highlighted in place; a
findings list with filters; a scorecard per version with an inline SVG chart;
the entity table.  CSS and JavaScript are inlined; nothing is fetched from
another host.

Safety: every piece of input text reaches the page through Jinja2 with
autoescape on.  This module only *splits* text at finding offsets into plain
data (pieces with a kind, the text and the finding ids); the template turns
that data into elements.  No HTML is built here by string concatenation.

Determinism: the same :class:`~mtcheck.model.RunResult` gives the same bytes
(no timestamps, no random ids, sorted mappings).

Extras are read defensively: ``extras["entities"]`` (names check) and any
score matrix found under a key containing ``matrix`` or ``pairwise`` (scores)
are rendered when present and in a shape we understand, ignored otherwise.
"""

from __future__ import annotations

import bisect
import math
import re
from importlib import resources
from typing import Any, Iterable, Mapping

import jinja2
from markupsafe import Markup

from ..checks.base import FAMILIES
from ..model import SEVERITIES, SEVERITY_RANK, ArticleResult, Finding, RunResult
from . import renderer

FAMILY_NAMES = FAMILIES  # one table of family names, kept by the check registry
SCORE_ORDER = ("quality", "chrf", "bleu", "ter")
# Characters shown as a visible U+XXXX badge instead of raw (they could reorder
# or hide text): C0/C1 controls except tab/LF/CR, zero-width and bidi controls.
_CTRL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


# --------------------------------------------------------------------------- templates

_ENV: jinja2.Environment | None = None
_ASSETS: dict[str, Markup] = {}


def _asset(name: str) -> Markup:
    """Our own CSS/JS, inlined verbatim (never input text)."""
    if name not in _ASSETS:
        text = resources.files(__package__).joinpath("templates", name).read_text(encoding="utf-8")
        if "</" in text:  # would close the <style>/<script> element early
            raise RuntimeError(f"template asset {name} must not contain '</'")
        _ASSETS[name] = Markup(text)
    return _ASSETS[name]


def _env() -> jinja2.Environment:
    global _ENV
    if _ENV is None:
        _ENV = jinja2.Environment(
            loader=jinja2.PackageLoader("mtcheck.report", "templates"),
            autoescape=True,  # every input string is escaped
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
        )
        _ENV.globals["asset"] = _asset
        _ENV.filters["vis"] = visible_text
    return _ENV


# --------------------------------------------------------------------------- helpers

def family_of(code: str) -> str:
    return code[:3]


def family_label(prefix: str) -> str:
    return FAMILY_NAMES.get(prefix, "other")


def text_parts(text: str) -> tuple[tuple[bool, str], ...]:
    """Split ``text`` into (is_control, text) parts; controls become ``U+XXXX``."""
    if not _CTRL.search(text):
        return ((False, text),)
    out: list[tuple[bool, str]] = []
    pos = 0
    for m in _CTRL.finditer(text):
        if m.start() > pos:
            out.append((False, text[pos:m.start()]))
        out.append((True, f"U+{ord(m.group()):04X}"))
        pos = m.end()
    if pos < len(text):
        out.append((False, text[pos:]))
    return tuple(out)


def visible_text(value: Any) -> str:
    """Text with control characters shown as ``U+XXXX`` (still escaped by Jinja2)."""
    text = "" if value is None else str(value)
    return _CTRL.sub(lambda m: f"U+{ord(m.group()):04X}", text) if _CTRL.search(text) else text


def _num(x: Any) -> float | None:
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        return None
    x = float(x)
    return x if math.isfinite(x) else None


def _fmt(x: Any) -> str:
    v = _num(x)
    if v is None:
        return "" if x is None else str(x)
    return f"{v:.2f}".rstrip("0").rstrip(".") if v != int(v) else str(int(v))


def _worst(sevs: Iterable[str]) -> str:
    best = "info"
    for s in sevs:
        if SEVERITY_RANK.get(s, 0) > SEVERITY_RANK[best]:
            best = s
    return best


# --------------------------------------------------------------------------- rows and highlights

class _Rows:
    """Aligned rows as (row index, {version id: segment positions}), with every
    segment covered exactly once (segments the alignment left out get rows of
    their own at the end, so their findings still show)."""

    def __init__(self, a: ArticleResult, vids: list[str]) -> None:
        segs = a.segments
        rows: list[tuple[int, dict[str, tuple[int, ...]], float]] = []
        covered: dict[str, set[int]] = {v: set() for v in vids}
        if a.alignment is not None and a.alignment.rows:
            for r in a.alignment.rows:
                cells = {}
                for vid in vids:
                    idx = tuple(i for i in (r.cells.get(vid) or ()) if 0 <= i < len(segs.get(vid, ())))
                    cells[vid] = idx
                    covered[vid].update(idx)
                rows.append((r.index, cells, float(r.confidence)))
        else:
            n = max((len(segs.get(v, ())) for v in vids), default=0)
            for i in range(n):
                cells = {v: ((i,) if i < len(segs.get(v, ())) else ()) for v in vids}
                for v in vids:
                    covered[v].update(cells[v])
                rows.append((i, cells, 1.0))
        next_index = max((r[0] for r in rows), default=-1) + 1
        for vid in vids:
            for i in range(len(segs.get(vid, ()))):
                if i not in covered[vid]:
                    rows.append((next_index, {v: ((i,) if v == vid else ()) for v in vids}, 0.0))
                    next_index += 1
        self.rows = rows
        self.pos = {r[0]: k for k, r in enumerate(rows)}
        self.seg_row: dict[str, list[int]] = {v: [0] * len(segs.get(v, ())) for v in vids}
        for ridx, cells, _c in rows:
            for vid, idx in cells.items():
                for i in idx:
                    self.seg_row[vid][i] = ridx


def _place(a: ArticleResult, rows: _Rows, vids: set[str]):
    """Where each finding is shown.

    Returns ``spans`` ((version, segment position) -> [(lo, hi, finding index)],
    lo == hi for a point marker), ``gaps`` ((row, version) -> [finding index])
    for omissions in a version that lacks the row, ``frow`` (finding index ->
    row) and the findings that have no place in the text.
    """
    spans: dict[tuple[str, int], list[tuple[int, int, int]]] = {}
    gaps: dict[tuple[int, str], list[int]] = {}
    frow: dict[int, int] = {}
    unplaced: list[int] = []
    starts = {v: [s.start for s in a.segments.get(v, ())] for v in vids}
    for fi, f in enumerate(a.findings):
        vid = f.version
        if vid not in vids:
            unplaced.append(fi)
            continue
        segs = a.segments.get(vid, ())
        if f.row is not None and f.row in rows.pos and f.start == f.end:
            cells = rows.rows[rows.pos[f.row]][1]
            if not cells.get(vid):
                gaps.setdefault((f.row, vid), []).append(fi)
                frow[fi] = f.row
                continue
        if not segs:
            unplaced.append(fi)
            continue
        st = starts[vid]
        k = bisect.bisect_right(st, f.start) - 1
        if f.end > f.start:
            j = max(k, 0)
            hit = False
            while j < len(segs) and segs[j].start < f.end:
                s = segs[j]
                lo, hi = max(f.start, s.start), min(f.end, s.end)
                if lo < hi:
                    spans.setdefault((vid, j), []).append((lo, hi, fi))
                    frow.setdefault(fi, rows.seg_row[vid][j])
                    hit = True
                j += 1
            if hit:
                continue
        # zero-width finding, or one that lies between segments: a point marker
        if k < 0:
            k, pos = 0, segs[0].start
        else:
            pos = min(max(f.start, segs[k].start), segs[k].end)
        spans.setdefault((vid, k), []).append((pos, pos, fi))
        frow.setdefault(fi, rows.seg_row[vid][k])
    return spans, gaps, frow, unplaced


def _pieces(text: str, start: int, end: int, spans, sev: list[str], anchored: set[int], prefix: str):
    """Split one segment into pieces: ``(kind, parts, finding ids, description ids, severity, anchor)``.

    ``kind`` is ``text`` (no finding), ``mark`` (text under one or more
    findings) or ``point`` (a zero-width marker).
    """
    if not spans:
        return [("text", text_parts(text[start:end]), "", "", "", "")]
    bounds = sorted({start, end, *(lo for lo, _h, _f in spans), *(hi for _l, hi, _f in spans)})
    points: dict[int, list[int]] = {}
    ranges = []
    for lo, hi, fi in spans:
        if lo == hi:
            points.setdefault(lo, []).append(fi)
        else:
            ranges.append((lo, hi, fi))
    out = []

    def ids(fis: list[int]) -> tuple[str, str]:
        return " ".join(f"{prefix}-{x}" for x in fis), " ".join(f"d{prefix}-{x}" for x in fis)

    def anchor(fis: list[int]) -> str:
        for fi in fis:
            if fi not in anchored:
                anchored.add(fi)
                return f"h{prefix}-{fi}"
        return ""

    for i, b in enumerate(bounds):
        if b in points:
            fis = sorted(points[b])
            out.append(("point", (), *ids(fis), _worst(sev[x] for x in fis), anchor(fis)))
        if i + 1 < len(bounds):
            nb = bounds[i + 1]
            fis = sorted(fi for lo, hi, fi in ranges if lo <= b and hi >= nb)
            parts = text_parts(text[b:nb])
            if fis:
                out.append(("mark", parts, *ids(fis), _worst(sev[x] for x in fis), anchor(fis)))
            else:
                out.append(("text", parts, "", "", "", ""))
    return out


# --------------------------------------------------------------------------- extras

def _entity_table(extras: Mapping[str, Any], vids: list[str], findings: tuple[Finding, ...]):
    """Normalise ``extras["entities"]`` (any reasonable shape) to rows of
    ``(name, [per version: [(form, count, deviant)]])``; None when absent."""
    raw = extras.get("entities") if isinstance(extras, Mapping) else None
    if not raw:
        return None
    items: list[tuple[str, Any]] = []
    if isinstance(raw, Mapping):
        for k in sorted(raw, key=str):
            v = raw[k]
            items.append((str(k), v))
    elif isinstance(raw, (list, tuple)):
        for v in raw:
            items.append(("", v))
    else:
        return None
    flagged: set[tuple[str, str]] = {
        (f.version, f.text.casefold()) for f in findings if f.code.startswith("MT1") and f.text
    }
    vset = set(vids)
    rows = []
    for name, ent in items:
        per: dict[str, dict[str, list]] = {}  # vid -> form -> [count, deviant]
        explicit_dev: set[tuple[str, str]] = set()
        render_src: Any = ent
        if isinstance(ent, Mapping):
            for key in ("canonical", "entity", "name", "label", "key", "id"):
                if not name and isinstance(ent.get(key), str):
                    name = ent[key]
            render_src = None
            for key in ("renderings", "versions", "forms", "by_version", "mentions"):
                if key in ent:
                    render_src = ent[key]
                    break
            dev = ent.get("deviants", ent.get("deviant"))
            if isinstance(dev, Mapping):
                for vid, forms in dev.items():
                    for form in ([forms] if isinstance(forms, str) else forms or ()):
                        if isinstance(form, str):
                            explicit_dev.add((str(vid), form.casefold()))
            elif isinstance(dev, (list, tuple)):
                for d in dev:
                    if isinstance(d, Mapping) and isinstance(d.get("version"), str):
                        form = d.get("form", d.get("text"))
                        if isinstance(form, str):
                            explicit_dev.add((d["version"], form.casefold()))

        def add(vid: Any, form: Any, count: Any = 1, deviant: Any = False) -> None:
            if not isinstance(form, str) or str(vid) not in vset:
                return
            slot = per.setdefault(str(vid), {}).setdefault(form, [0, False])
            c = _num(count)
            slot[0] += int(c) if c is not None else 1
            slot[1] = slot[1] or bool(deviant)

        if isinstance(render_src, Mapping):
            for vid in sorted(render_src, key=str):
                val = render_src[vid]
                if isinstance(val, str):
                    add(vid, val)
                elif isinstance(val, Mapping):
                    inner = next((val[k] for k in ("renderings", "forms", "counts", "mentions")
                                  if isinstance(val.get(k), (Mapping, list, tuple))), val)
                    vdev = next((val[k] for k in ("deviant", "deviants") if k in val), None)
                    if inner is not val and isinstance(vdev, (list, tuple)):
                        explicit_dev.update((str(vid), d.casefold()) for d in vdev if isinstance(d, str))
                    elif inner is not val and isinstance(vdev, str):
                        explicit_dev.add((str(vid), vdev.casefold()))
                    if isinstance(inner, Mapping):
                        for form in sorted(inner, key=str):
                            cnt = inner[form]
                            if isinstance(cnt, Mapping):
                                add(vid, form, cnt.get("count", 1), cnt.get("deviant"))
                            else:
                                add(vid, form, cnt)
                    else:
                        for it in inner:
                            if isinstance(it, str):
                                add(vid, it)
                            elif isinstance(it, Mapping):
                                add(vid, it.get("form", it.get("text")), it.get("count", 1), it.get("deviant"))
                elif isinstance(val, (list, tuple)):
                    for it in val:
                        if isinstance(it, str):
                            add(vid, it)
                        elif isinstance(it, Mapping):
                            add(vid, it.get("form", it.get("text")), it.get("count", 1), it.get("deviant"))
                        elif isinstance(it, (list, tuple)) and len(it) == 2:
                            add(vid, it[0], it[1])
        elif isinstance(render_src, (list, tuple)):
            for it in render_src:
                if isinstance(it, Mapping):
                    add(it.get("version"), it.get("form", it.get("text")), it.get("count", 1), it.get("deviant"))
        if not per:
            continue
        cells = []
        for vid in vids:
            forms = per.get(vid, {})
            cells.append([
                (form, cnt, dev or (vid, form.casefold()) in explicit_dev or (vid, form.casefold()) in flagged)
                for form, (cnt, dev) in sorted(forms.items(), key=lambda kv: (-kv[1][0], kv[0]))
            ])
        rows.append((name or "?", cells, any(d for c in cells for _f, _n, d in c)))
    return rows or None


def _matrices(extras: Mapping[str, Any], vids: list[str]):
    """Find score matrices among the extras: ``{a: {b: x}}`` or
    ``{"versions": [...], "matrix": [[...]]}`` under a key that mentions a
    matrix; returns ``[(title, labels, values)]``."""
    out = []
    vset = set(vids)

    def as_matrix(obj: Any):
        if not isinstance(obj, Mapping):
            return None
        labels = next((obj[k] for k in ("versions", "labels", "systems", "ids") if isinstance(obj.get(k), (list, tuple))), None)
        values = next((obj[k] for k in ("matrix", "values", "scores", "chrf") if isinstance(obj.get(k), (list, tuple, Mapping))), None)
        if labels is not None and isinstance(values, Mapping):  # {"versions": [...], "chrf": {a: {b: x}}}
            labels = [str(x) for x in labels]
            if not all(isinstance(values.get(r, {}), Mapping) for r in labels):
                return None
            return labels, [[_num(values.get(r, {}).get(c)) for c in labels] for r in labels]
        if labels is not None and values is not None:
            labels = [str(x) for x in labels]
            if len(values) == len(labels) and all(isinstance(r, (list, tuple)) and len(r) == len(labels) for r in values):
                return labels, [[_num(x) for x in r] for r in values]
            return None
        keys = [k for k in obj if isinstance(k, str)]
        if len(keys) >= 2 and all(k in vset and isinstance(obj[k], Mapping) for k in keys):
            labels = [v for v in vids if v in obj]
            cols = sorted({str(c) for k in keys for c in obj[k]} | set(labels), key=lambda x: (x not in vset, vids.index(x) if x in vset else 0, x))
            if not all(_num(x) is not None or x is None for k in keys for x in obj[k].values()):
                return None
            labels = [c for c in cols]
            return labels, [[_num(obj.get(r, {}).get(c)) if r in obj else None for c in labels] for r in labels]
        return None

    def notes(obj: Any) -> list[tuple[str, str]]:
        """Scalar companions of a matrix (signature, agreement per version)."""
        out_notes: list[tuple[str, str]] = []
        if not isinstance(obj, Mapping):
            return out_notes
        for k in sorted(obj, key=str):
            v = obj[k]
            if isinstance(v, str) and "signature" in str(k):
                out_notes.append((str(k), v))
            elif isinstance(v, Mapping) and v and all(_num(x) is not None for x in v.values()):
                out_notes.append((str(k), ", ".join(f"{a} {_fmt(round(_num(x), 2))}" for a, x in sorted(v.items(), key=lambda kv: str(kv[0])))))
        return out_notes[:6]

    def visit(obj: Any, path: list[str], depth: int) -> None:
        if depth > 4 or not isinstance(obj, Mapping):
            return
        for k in sorted(obj, key=str):
            key = str(k)
            if key.startswith("_"):
                continue
            sub = path + [key]
            if any(w in key.lower() for w in ("matrix", "pairwise")):
                m = as_matrix(obj[k])
                if m:
                    out.append((" / ".join(sub), *m, notes(obj[k])))
                    continue
                if isinstance(obj[k], Mapping):  # grouped, e.g. by language
                    for g in sorted(obj[k], key=str):
                        m = as_matrix(obj[k][g])
                        if m:
                            out.append((" / ".join(sub + [str(g)]), *m, notes(obj[k][g])))
                    continue
            visit(obj[k], sub, depth + 1)

    visit(extras, [], 0)
    return out[:8]


def _segment_scores(extras: Mapping[str, Any]) -> dict[tuple[int, str], float]:
    """Per-row scores (``segment_chrf``: ``[{"row": 3, "chrf": {"fr.google": 46.5}}]``) if present."""
    out: dict[tuple[int, str], float] = {}
    if not isinstance(extras, Mapping):
        return out
    sc = extras.get("scores")
    raw = (sc.get("segment_chrf") if isinstance(sc, Mapping) else None) or extras.get("segment_chrf")
    if not isinstance(raw, (list, tuple)):
        return out
    for item in raw:
        if not isinstance(item, Mapping) or not isinstance(item.get("row"), int):
            continue
        vals = item.get("chrf", item.get("scores"))
        if isinstance(vals, Mapping):
            for vid, x in vals.items():
                v = _num(x)
                if v is not None:
                    out[(item["row"], str(vid))] = v
    return out


def _heat(v: float | None, lo: float, hi: float) -> str:
    if v is None:
        return "#eeeeee"
    t = 0.5 if hi <= lo else (v - lo) / (hi - lo)
    t = min(1.0, max(0.0, t))
    # red (low agreement) -> green (high), light enough for dark text
    hue = int(round(t * 120))
    return f"hsl({hue}, 65%, {int(round(78 - 10 * t))}%)"


def _heatmap(title: str, labels: list[str], values: list[list[float | None]], notes=()):
    nums = [x for r in values for x in r if x is not None]
    lo, hi = (min(nums), max(nums)) if nums else (0.0, 1.0)
    cell = 46
    longest = max((len(x) for x in labels), default=4)
    label_w = min(200, 12 + 7 * longest)
    top = min(130, 16 + int(5 * longest))  # room for the slanted column labels
    cells = []
    for i, row in enumerate(values):
        for j, v in enumerate(row):
            cells.append({
                "x": label_w + j * cell, "y": top + i * cell, "fill": _heat(v, lo, hi),
                "text": "–" if v is None else _fmt(round(v, 1)),
                "title": f"{labels[i]} vs {labels[j]}: {'n/a' if v is None else _fmt(v)}",
            })
    return {
        "title": title, "labels": labels, "cells": cells, "cell": cell, "label_w": label_w, "notes": list(notes),
        "top": top, "width": label_w + cell * len(labels) + 60, "height": top + cell * len(labels) + 8,
    }


def _bar_chart(vrows: list[dict]):
    """Findings per version, stacked by severity."""
    maxn = max((sum(v["sev"].values()) for v in vrows), default=0)
    label_w = min(220, 16 + 7 * max((len(v["id"]) for v in vrows), default=4))
    bar_w = 360
    h = 22
    bars = []
    for i, v in enumerate(vrows):
        x = label_w
        segs = []
        for sev in SEVERITIES:
            n = v["sev"].get(sev, 0)
            if n:
                w = bar_w * n / maxn if maxn else 0
                segs.append({"x": round(x, 1), "w": round(max(w, 1.5), 1), "sev": sev, "n": n})
                x += w
        total = sum(v["sev"].values())
        bars.append({"y": 8 + i * h, "label": v["id"], "segs": segs, "total": total, "tx": round(x + 6, 1)})
    return {"bars": bars, "label_w": label_w, "width": label_w + bar_w + 50, "height": 16 + h * len(vrows), "h": h}


# --------------------------------------------------------------------------- view model

def _version_order(a: ArticleResult) -> list:
    vs = list(a.article.versions)
    return sorted(vs, key=lambda v: (0 if v.is_source else 1 if v.is_ref else 2, vs.index(v)))


def _article_view(ai: int, a: ArticleResult, fail_rank: int | None) -> dict[str, Any]:
    prefix = str(ai)
    versions = _version_order(a)
    vids = [v.id for v in versions]
    vindex = {v: i for i, v in enumerate(vids)}
    vset = set(vids)
    findings = a.findings
    sev = [f.severity for f in findings]
    rows = _Rows(a, vids)
    spans, gaps, frow, unplaced = _place(a, rows, vset)
    anchored: set[int] = set()

    row_views = []
    rows_with = set(frow.values())
    seg_scores = _segment_scores(a.extras)
    for ridx, cells, conf in rows.rows:
        cviews = []
        for vid in vids:
            v = versions[vindex[vid]]
            idx = cells.get(vid, ())
            if not idx:
                fis = gaps.get((ridx, vid), [])
                pieces = []
                if fis:
                    pieces.append(("point", (), " ".join(f"{prefix}-{x}" for x in fis),
                                   " ".join(f"d{prefix}-{x}" for x in fis), _worst(sev[x] for x in fis),
                                   f"h{prefix}-{fis[0]}"))
                    for fi in fis:
                        anchored.add(fi)
                cviews.append((vindex[vid], v.lang, True, vid, pieces, None))
                continue
            pieces = []
            segs = a.segments[vid]
            for n, si in enumerate(idx):
                s = segs[si]
                if n:
                    pieces.append(("text", ((False, " "),), "", "", "", ""))
                pieces.extend(_pieces(v.text, s.start, s.end, spans.get((vid, si), ()), sev, anchored, prefix))
            sc = seg_scores.get((ridx, vid))
            cviews.append((vindex[vid], v.lang, False, vid, pieces, None if sc is None else (_fmt(round(sc, 1)), sc < 50)))
        # rows and cells are tuples: unpacked in the template, no attribute lookups
        row_views.append((ridx, ridx in rows_with, cviews))

    vres = {r.id: r for r in a.versions}
    fam_counts: dict[str, dict[str, int]] = {vid: {} for vid in vids}
    sev_counts: dict[str, dict[str, int]] = {vid: {s: 0 for s in SEVERITIES} for vid in vids}
    f_views = []
    for fi, f in enumerate(findings):
        fam = family_of(f.code)
        if f.version in fam_counts:
            fam_counts[f.version][fam] = fam_counts[f.version].get(fam, 0) + 1
            sev_counts[f.version][f.severity] = sev_counts[f.version].get(f.severity, 0) + 1
        row = frow.get(fi)
        target = f"h{prefix}-{fi}" if fi in anchored else (f"r{prefix}-{row}" if row is not None else "")
        f_views.append({
            "i": fi, "id": f"{prefix}-{fi}", "code": f.code, "check": f.check, "fam": fam, "sev": f.severity,
            "vi": vindex.get(f.version, -1), "version": f.version,
            "lang": versions[vindex[f.version]].lang if f.version in vindex else "", "path": f.path, "line": f.line, "column": f.column,
            "message": f.message, "text": f.text, "expected": f.expected, "target": target,
            "row": row, "placed": fi not in unplaced,
        })

    fams_present = sorted({family_of(f.code) for f in findings})
    score_keys = sorted({k for r in a.versions for k in r.scores}, key=lambda k: (SCORE_ORDER.index(k) if k in SCORE_ORDER else 99, k))
    quality = a.alignment.quality if a.alignment is not None else {}
    vrows = []
    for v in versions:
        r = vres.get(v.id)
        scores = dict(r.scores) if r else {}
        vrows.append({
            "id": v.id, "vi": vindex[v.id], "lang": v.lang, "label": v.label or "", "path": v.path,
            "words": r.words if r else 0, "segments": r.segments if r else len(a.segments.get(v.id, ())),
            "align": _fmt(round(quality[v.id], 2)) if v.id in quality else "",
            "scores": [_fmt(scores.get(k)) if k in scores else "" for k in score_keys],
            "signatures": sorted((str(k), str(s)) for k, s in (r.signatures.items() if r else ())),
            "fam": fam_counts[v.id], "sev": sev_counts[v.id], "total": sum(sev_counts[v.id].values()),
            "pivot": a.alignment is not None and a.alignment.pivot == v.id,
        })

    counts = a.counts()
    worst_rank = max((SEVERITY_RANK[s] for s in sev), default=-1)
    if fail_rank is not None and worst_rank >= fail_rank:
        status = "fail"
    elif findings:
        status = "pass"
    else:
        status = "clean"
    worst_q = None
    for r in a.versions:
        q = _num(r.scores.get("quality"))
        if q is not None and (worst_q is None or q < worst_q[0]):
            worst_q = (q, r.id)

    ent = _entity_table(a.extras, vids, findings)
    mats = [_heatmap(*m) for m in _matrices(a.extras, vids)]
    return {
        "ai": ai, "prefix": prefix, "id": a.id, "path": a.article.path, "status": status,
        "versions": vrows, "score_keys": score_keys, "rows": row_views, "findings": f_views,
        "unplaced": [f_views[i] for i in unplaced],
        "fams": fams_present, "fam_counts": {fam: sum(1 for f in findings if family_of(f.code) == fam) for fam in fams_present},
        "sev_counts": counts, "ver_counts": [sum(sev_counts[v].values()) for v in vids],
        "words": sum(v["words"] for v in vrows), "worst_quality": worst_q,
        "chart": _bar_chart(vrows) if findings else None, "entities": ent, "matrices": mats,
        "suppressed": a.suppressed, "ncols": len(vids), "nrows": len(row_views),
        "rows_with": len(rows_with),
    }


def build_view(result: RunResult) -> dict[str, Any]:
    fail_rank = None if result.gate.fail_on == "never" else SEVERITY_RANK.get(result.gate.fail_on)
    arts = [_article_view(i, a, fail_rank) for i, a in enumerate(result.articles)]
    fams = sorted({f for a in arts for f in a["fams"]})
    return {
        "gate": result.gate, "counts": result.counts(), "articles": arts, "families": fams,
        "family_names": FAMILY_NAMES, "tool_version": result.tool_version, "config_hash": result.config_hash,
        "nfindings": sum(len(a["findings"]) for a in arts), "severities": SEVERITIES,
        "fmt": _fmt,
    }


@renderer(".html", ".htm", name="html")
def render_html(result: RunResult) -> str:
    view = build_view(result)
    return _env().get_template("report.html.j2").render(**view)
