"""``-o FILE.segments.csv``: the per-segment table (:mod:`mtcheck.table`) as CSV.

One line per aligned row of every article, with each version's text,
sentence chrF against its reference (where one applies) and finding counts.
UTF-8, comma-separated, RFC 4180 quoting, ``\\n`` line ends, deterministic.
(``FILE.csv`` alone is the CSV of findings, another renderer.)
"""

from __future__ import annotations

from ..model import RunResult
from . import renderer


@renderer(".segments.csv", name="segments-csv")
def render_segments_csv(result: RunResult) -> str:
    from ..table import segment_table

    df = segment_table(result)
    return df.to_csv(index=False, lineterminator="\n", float_format="%.2f")
