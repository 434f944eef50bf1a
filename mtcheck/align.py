"""Stage 3: N-way alignment of the versions of one article.

Every version is aligned to one pivot (the ``source`` version when there is
one, otherwise the version the others align with best) by dynamic programming
over sentence segments, with moves 1-1, 1-0, 0-1, 2-1, 1-2 (and 2-2).  The
cost of linking two groups of sentences combines signals that work across
scripts:

* relative length, calibrated per version pair from the article itself
  (Gale–Church style: the expected ratio is the ratio of the two totals);
* anchors: numbers, and Latin-script tokens shared by both sides (names,
  acronyms), compared as sets;
* relative position in the text, and paragraph breaks.

The pairwise alignments are then merged into rows: one row per group of pivot
sentences (grown when any version merges pivot sentences), plus rows for
content only one version has.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Mapping, Sequence

from .model import AlignedRow, Alignment, Article, Segment

_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_LATIN_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9'’\-]{2,}")
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")

SKIP_COST = 2.6
MERGE_PENALTY = 0.35


@dataclass(frozen=True)
class _Feat:
    length: int
    digits: frozenset[str]
    latin: frozenset[str]
    paragraph: int


def _features(seg: Segment, latin_script: bool) -> _Feat:
    text = seg.text.translate(_FULLWIDTH)
    digits = frozenset(re.sub(r"[.,]", "", d).lstrip("0") or "0" for d in _DIGITS.findall(text))
    if latin_script:
        latin = frozenset(t.lower() for t in _LATIN_TOKEN.findall(text) if t[0].isupper() or any(c.isdigit() for c in t))
    else:
        latin = frozenset(t.lower() for t in _LATIN_TOKEN.findall(text))
    length = sum(1 for c in seg.text if not c.isspace())
    return _Feat(length, digits, latin, seg.paragraph)


def _merge_feats(fs: Sequence[_Feat]) -> _Feat:
    if len(fs) == 1:
        return fs[0]
    return _Feat(
        sum(f.length for f in fs),
        frozenset().union(*(f.digits for f in fs)),
        frozenset().union(*(f.latin for f in fs)),
        fs[0].paragraph,
    )


def _link_cost(a: _Feat, b: _Feat, ratio: float, pos_a: float, pos_b: float) -> float:
    k = 12.0
    cost = abs(math.log((b.length + k) / (ratio * (a.length + k)))) * 2.2
    # anchors
    for sa, sb, w in ((a.digits, b.digits, 1.4), (a.latin, b.latin, 1.0)):
        if sa or sb:
            inter = len(sa & sb)
            union = len(sa | sb)
            cost -= w * inter / union
            if sa and sb and inter == 0:
                cost += 0.5 * w
    cost += abs(pos_a - pos_b) * 3.0
    return cost


def align_pair(
    pivot: Sequence[_Feat], other: Sequence[_Feat], ratio: float
) -> list[tuple[tuple[int, ...], tuple[int, ...], float]]:
    """Align two sequences; returns (pivot indices, other indices, cost) links in order."""
    n, m = len(pivot), len(other)
    INF = float("inf")
    band = max(12, int(0.15 * max(n, m)) + abs(n - m))
    cost = [[INF] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    moves = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2))
    for i in range(n + 1):
        jc = int(i * m / n) if n else 0
        j_lo, j_hi = max(0, jc - band), min(m, jc + band)
        for j in range(j_lo, j_hi + 1):
            base = cost[i][j]
            if base == INF:
                continue
            for di, dj in moves:
                ni, nj = i + di, j + dj
                if ni > n or nj > m:
                    continue
                if di and dj:
                    a = _merge_feats(pivot[i:ni])
                    b = _merge_feats(other[j:nj])
                    c = _link_cost(a, b, ratio, (i + di / 2) / max(n, 1), (j + dj / 2) / max(m, 1))
                    if di + dj > 2:
                        c += MERGE_PENALTY * (di + dj - 2)
                        # do not merge across paragraphs on the side that merges
                        if di == 2 and pivot[i].paragraph != pivot[i + 1].paragraph:
                            c += 1.0
                        if dj == 2 and other[j].paragraph != other[j + 1].paragraph:
                            c += 1.0
                else:
                    c = SKIP_COST
                total = base + c
                if total < cost[ni][nj]:
                    cost[ni][nj] = total
                    back[ni][nj] = (i, j)
    links = []
    i, j = n, m
    if cost[n][m] == INF:  # pragma: no cover - band too narrow; fall back to no links
        return [((k,), (), SKIP_COST) for k in range(n)] + [((), (k,), SKIP_COST) for k in range(m)]
    while (i, j) != (0, 0):
        pi, pj = back[i][j]  # type: ignore[misc]
        links.append((tuple(range(pi, i)), tuple(range(pj, j)), cost[i][j] - cost[pi][pj]))
        i, j = pi, pj
    links.reverse()
    return links


def _ratio(a: Sequence[_Feat], b: Sequence[_Feat]) -> float:
    la = sum(f.length for f in a) or 1
    lb = sum(f.length for f in b) or 1
    return lb / la


def _choose_pivot(article: Article, feats: Mapping[str, list[_Feat]]) -> str:
    ids = [v.id for v in article.versions if feats.get(v.id)]
    for v in article.versions:
        if v.is_source and feats.get(v.id):
            return v.id
    # prefer an English version, then the one whose segment count is the median
    counts = sorted(len(feats[i]) for i in ids)
    median = counts[len(counts) // 2]
    return min(ids, key=lambda i: (abs(len(feats[i]) - median), article.version(i).language != "en", i))


def align_article(article: Article, segments: Mapping[str, Sequence[Segment]]) -> Alignment:
    """Align all versions of an article into rows."""
    latin = {v.id: v.script == "Latn" for v in article.versions}
    feats = {vid: [_features(s, latin.get(vid, True)) for s in segs] for vid, segs in segments.items()}
    ids = [v.id for v in article.versions if feats.get(v.id)]
    if not ids:
        return Alignment(pivot="", rows=(), quality={})
    pivot = _choose_pivot(article, feats)
    n = len(feats[pivot])
    # group id per pivot segment (union-find over merges)
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    pair_links: dict[str, list] = {}
    quality: dict[str, float] = {pivot: 1.0}
    for vid in ids:
        if vid == pivot:
            continue
        links = align_pair(feats[pivot], feats[vid], _ratio(feats[pivot], feats[vid]))
        pair_links[vid] = links
        matched = [c for p, o, c in links if p and o]
        skipped = sum(len(p) + len(o) for p, o, _ in links if not (p and o))
        total = n + len(feats[vid])
        conf = 1.0 - skipped / max(total, 1)
        if matched:
            conf *= 1.0 / (1.0 + max(0.0, sum(matched) / len(matched)))
        quality[vid] = round(max(0.0, min(1.0, conf)), 3)
        for p, o, _ in links:
            if len(p) > 1 and o:
                for k in p[1:]:
                    parent[find(k)] = find(p[0])
    # rows for pivot groups, in order
    group_of = [find(k) for k in range(n)]
    group_rows: dict[int, list[int]] = {}
    order: list[int] = []
    for k in range(n):
        g = group_of[k]
        if g not in group_rows:
            group_rows[g] = []
            order.append(g)
        group_rows[g].append(k)
    # cells[group][vid] -> list of segment indices; extras after a group: list of (vid, idx tuple)
    cells: dict[int, dict[str, list[int]]] = {g: {pivot: list(group_rows[g])} for g in order}
    confid: dict[int, list[float]] = {g: [] for g in order}
    inserts: dict[int, list[tuple[str, tuple[int, ...]]]] = {}  # key: group index in order (-1 = before first)
    pos_of_group = {g: i for i, g in enumerate(order)}
    for vid, links in pair_links.items():
        last_group = -1
        for p, o, c in links:
            if p and o:
                g = group_of[p[0]]
                cells[g].setdefault(vid, []).extend(o)
                confid[g].append(1.0 / (1.0 + max(0.0, c)))
                last_group = pos_of_group[g]
            elif p:
                last_group = pos_of_group[group_of[p[0]]]
                cells[group_of[p[0]]].setdefault(vid, [])
            else:
                inserts.setdefault(last_group, []).append((vid, o))
    rows: list[AlignedRow] = []

    def add_row(c: dict[str, list[int]], conf: float) -> None:
        full = {vid: tuple(sorted(set(c.get(vid, ())))) for vid in ids}
        rows.append(AlignedRow(index=len(rows), cells=full, confidence=round(conf, 3)))

    for vid, o in inserts.get(-1, []):
        add_row({vid: list(o)}, 0.5)
    for gi, g in enumerate(order):
        cs = confid[g]
        add_row(cells[g], sum(cs) / len(cs) if cs else 1.0)
        for vid, o in inserts.get(gi, []):
            add_row({vid: list(o)}, 0.5)
    return Alignment(pivot=pivot, rows=tuple(rows), quality=quality)
