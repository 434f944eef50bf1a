"""The per-segment table: aligned rows x versions, as a pandas DataFrame.

One DataFrame row per aligned row of every article.  Columns:

* ``article``, ``row``, ``confidence`` (the alignment's confidence in the row);
* per version ``V`` (in the order the versions appear):

  - ``V:text``: the version's segments in that row, joined, as in the file
    (empty when the version has nothing for the row);
  - ``V:chrf``: sentence chrF of the row against the version's reference —
    only for versions with a reference (see :mod:`mtcheck.score`), ``NaN``
    where the row is empty on both sides;
  - ``V:findings``: the number of findings in that row of the version;
  - ``V:codes``: their codes, space-separated, sorted (``"MT301 MT503"``).

Findings about a whole file (MT001–MT004, MT9xx) are not counted in rows.
Articles with different versions share one table; a column a version of
another article does not have is empty there.

Python API::

    import mtcheck
    from mtcheck.table import segment_table
    df = segment_table(mtcheck.run(["corpora/solar-cooperative"]))
    df.sort_values("fr.google:chrf").head()

pandas is imported only when a table is asked for.
"""

from __future__ import annotations

import bisect
from typing import Any

from .model import ArticleResult, RunResult

WHOLE_FILE_CODES = {"MT001", "MT002", "MT003", "MT004"}


def _row_of_findings(a: ArticleResult) -> dict[tuple[str, int], list[str]]:
    """(version id, row index) -> codes of the findings in that row."""
    out: dict[tuple[str, int], list[str]] = {}
    if a.alignment is None:
        return out
    seg_row: dict[str, dict[int, int]] = {}
    for row in a.alignment.rows:
        for vid, idxs in row.cells.items():
            for i in idxs:
                seg_row.setdefault(vid, {})[i] = row.index
    starts = {vid: [s.start for s in segs] for vid, segs in a.segments.items()}
    for f in a.findings:
        if f.code in WHOLE_FILE_CODES or f.code.startswith("MT9"):
            continue
        row = f.row
        if row is None:
            st = starts.get(f.version)
            if not st:
                continue
            i = max(0, bisect.bisect_right(st, f.start) - 1)
            row = seg_row.get(f.version, {}).get(i)
            if row is None:
                continue
        out.setdefault((f.version, row), []).append(f.code)
    return out


def table_records(result: RunResult) -> tuple[list[dict[str, Any]], list[str]]:
    """The table as plain records and the column order (no pandas needed)."""
    from .score import _join

    columns = ["article", "row", "confidence"]
    seen: set[str] = set()
    records: list[dict[str, Any]] = []
    for a in result.articles:
        if a.alignment is None:
            continue
        scores = a.extras.get("scores", {}) if isinstance(a.extras, dict) else {}
        refs = scores.get("references", {})
        seg_chrf = {r["row"]: r["chrf"] for r in scores.get("segment_chrf", [])}
        by_row = _row_of_findings(a)
        versions = list(a.article.versions)
        for v in versions:
            if v.id not in seen:
                seen.add(v.id)
                columns.append(f"{v.id}:text")
                columns.append(f"{v.id}:chrf")
                columns.append(f"{v.id}:findings")
                columns.append(f"{v.id}:codes")
        for row in a.alignment.rows:
            rec: dict[str, Any] = {"article": a.id, "row": row.index, "confidence": round(float(row.confidence), 3)}
            for v in versions:
                segs = a.segments.get(v.id, ())
                idxs = row.cells.get(v.id, ())
                rec[f"{v.id}:text"] = _join([v.text[segs[i].start:segs[i].end] for i in idxs], v.language)
                if v.id in refs:
                    rec[f"{v.id}:chrf"] = seg_chrf.get(row.index, {}).get(v.id)
                codes = sorted(by_row.get((v.id, row.index), ()))
                rec[f"{v.id}:findings"] = len(codes)
                rec[f"{v.id}:codes"] = " ".join(codes)
            records.append(rec)
    # drop chrF columns no article has a reference for
    used = {k for r in records for k in r}
    columns = [c for c in columns if not c.endswith(":chrf") or c in used]
    return records, columns


def segment_table(result: RunResult):
    """Per-segment DataFrame (rows x versions) of a run; see the module docstring."""
    import pandas as pd

    records, columns = table_records(result)
    df = pd.DataFrame.from_records(records, columns=columns)
    for c in columns:
        if c.endswith(":chrf"):
            df[c] = pd.to_numeric(df[c], errors="coerce").astype("float64")
        elif c.endswith(":findings"):
            df[c] = df[c].fillna(0).astype("int64")
    return df
