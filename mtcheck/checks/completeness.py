"""MT4xx: completeness — content omitted, added or cut short in one version.

How it works (shared by the three checks, computed once per article):

1. The N-way alignment's rows are collapsed into *groups*: every row the pivot has
   content in, plus one group per run of rows the pivot lacks (the aligner makes one
   such row per version, so "only the pivot lacks it" would otherwise look like an
   addition in every other version).
2. Per version pair the expected length ratio is calibrated from the article itself
   (median log ratio over the groups both versions fill) together with its spread.
   A version's *expected* length for a group is the median over the other versions
   of their length there, scaled by the pair ratio: a majority vote on how much
   content the group holds.
3. Every version is aligned sentence by sentence to a reference (the source when there
   is one, else the pivot) with a small dynamic programme whose length cost is
   calibrated by that spread, which allows merges and splits (2-1, 3-1, 1-2, ...) and
   uses numbers as anchors.  A reference sentence linked to nothing is a candidate
   omission, a version sentence linked to nothing a candidate addition, a link far
   shorter than expected a candidate truncation.
4. A candidate is reported only when the other versions agree: the group has content
   in enough other versions (omission) or in none (addition), and the version's own
   length in the group falls short of (or exceeds) the majority's by most of the
   candidate's length.  Merged or split sentences keep the group's length, so they
   never pass this test.
"""

from __future__ import annotations

import math
import re
from statistics import median
from typing import Any

from .base import Check, register

_NUM = re.compile(r"\d+(?:[.,]\d+)*")
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_END_PUNCT = re.compile(r"[.!?。！？」』\"'»”’“‘›«)\]）…:;؟।]\s*$")  # “ ‘ « close quotes in de/cs/pl

MIN_QUALITY = 0.35  # versions aligned worse than this neither vote nor get findings
K_SMOOTH = 8.0  # chars added to both lengths before taking a log ratio
SKIP_COST = 3.5
MERGE_COST = 0.8
PARA_CROSS_COST = 1.5
NUMBER_MISS = 0.7  # the reference side has numbers, the version side none
GROUP_MISMATCH = 1.5  # a link between sentences the N-way alignment put in different rows
SIGMA = 0.28
# moves of the sentence DP (ref sentences, version sentences), in the order they are tried
_DP_MOVES = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (3, 1), (1, 3), (2, 2))
MERGED_ADD_RATIO = 1.45  # a merged link this much longer than expected may hide an addition
SPLIT_ADD_RATIO = 1.35  # ... or this much when nearly every other version has fewer sentences there
SPLIT_ADD_FULL = 1.25  # ... or this much when the excess is the whole extra sentence
MAX_SPLIT_RATE = 0.3  # ... unless the version splits sentences in this share of the other groups
SHORT_NEIGHBOUR = 0.85  # ... or the link is next to one this short (a moved sentence boundary)
LONG_NEIGHBOUR = 1.3  # ... or this long (the pasted sentence may be there)
UNFINISHED_RATIO = 0.7  # a link without closing punctuation (the reference has one) this short is cut off
KEPT_APART_RATIO = 0.93  # ... or this much shorter when the other versions keep its sentences apart
PARA_CUT_RATIO = 0.75  # a paragraph stopping in mid-sentence is cut off when its passage is this short
TAIL_RATIO = 0.85  # a sentence this short that lacks the row's numbers/names ...
TAIL_GROUP_RATIO = 0.9  # ... in a passage this short ...
TAIL_CONFIRM = 0.6  # ... which this share of the other versions have, was cut off at the end
MERGED_OMIT_RATIO = 0.8  # a merged link this much shorter than expected may hide an omission  # spread of a sentence's log length ratio to its consensus length


# a word without punctuation after it, then a capitalised word: where a glued fragment ends
_GLUE_POINT = re.compile(r"([^\W\d_])\s+([A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁΑ-Ω])")
_INNER_STOP = re.compile(r"[.!?…]\s+\S")
_MYRIAD = frozenset({"zh", "ja", "ko", "yue", "wuu"})
_LEAD_MARKS = " \t\"'“”«»„‚‘’(¿¡-–—"
_SPACES = re.compile(r"\s+")  # \s is exactly str.isspace() on str patterns
_FULLWIDTH_DIGIT = re.compile("[０-９]")
_ANY_DIGIT = re.compile(r"\d")


def _length(text: str) -> int:
    """Characters that are not white space."""
    return len(text) - sum(map(len, _SPACES.findall(text)))


def _numbers(text: str) -> frozenset[str]:
    if not _ANY_DIGIT.search(text):  # _NUM needs a digit (full-width digits are \d too)
        return frozenset()
    if _FULLWIDTH_DIGIT.search(text):
        text = text.translate(_FULLWIDTH)
    return frozenset(re.sub(r"[.,]", "", d).lstrip("0") or "0" for d in _NUM.findall(text))


class _Analysis:
    """Per-article length model and sentence-level alignments to a reference."""

    def __init__(self, ctx) -> None:
        al = ctx.alignment
        self.ok = False
        if al is None or not al.rows:
            return
        versions = ctx.versions
        segs = ctx.segments
        self.segs = segs
        self.versions = versions
        ids = [vid for vid in versions if segs.get(vid)]
        q = al.quality
        self.usable = [vid for vid in ids if q.get(vid, 0.0) >= MIN_QUALITY or vid == al.pivot]
        if len(self.usable) < 2:
            return
        self.pivot = al.pivot
        self.seg_len = {vid: [_length(s.text) for s in segs[vid]] for vid in self.usable}
        self.seg_num = {vid: [_numbers(s.text) for s in segs[vid]] for vid in self.usable}
        # page furniture ("Read also: ...", "Share this article"): MT504 reports it, and the
        # sentence DP passes over it for free, so it neither absorbs a real sentence's link
        # nor turns into an addition
        self.furniture = {vid: _furniture(versions[vid], segs[vid]) for vid in self.usable}
        # groups: pivot rows, and runs of rows the pivot lacks
        groups: list[dict[str, list[int]]] = []
        gap = False
        for row in al.rows:
            has_pivot = bool(row.cells.get(al.pivot))
            if has_pivot or not gap:
                groups.append({})
            gap = not has_pivot
            g = groups[-1]
            for vid, cell in row.cells.items():
                if cell and vid in self.seg_len:
                    g.setdefault(vid, []).extend(cell)
        self.groups = groups
        self.group_of: dict[str, dict[int, int]] = {vid: {} for vid in self.usable}
        self.glen: list[dict[str, int]] = []
        for gi, g in enumerate(groups):
            lens = {}
            for vid, idx in g.items():
                for i in idx:
                    self.group_of[vid][i] = gi
                lens[vid] = sum(self.seg_len[vid][i] for i in idx)
            self.glen.append(lens)
        self._ratio: dict[tuple[str, str], tuple[float, float]] = {}
        src = [vid for vid in self.usable if versions[vid].is_source]
        self.reference = src[0] if src else al.pivot
        if self.reference not in self.usable:
            self.reference = self.usable[0]
        # second reference for the reference itself: the best-aligned other version
        others = sorted((vid for vid in self.usable if vid != self.reference), key=lambda v: (-q.get(v, 0.0), v))
        self.reference2 = others[0] if others else None
        self.links: dict[str, list] = {}
        self._anch: dict[str, list[frozenset[str]]] = {}
        self._npos: dict[tuple[str, int], dict[str, int]] = {}
        self._cons: dict[str, list[float]] = {}
        self._nsizes: dict[tuple[str, int], Any] = {}
        self.ok = True

    def number_positions(self, vid: str, i: int) -> dict[str, int]:
        key = (vid, i)
        r = self._npos.get(key)
        if r is None:
            r = self._npos[key] = _number_positions(self.segs[vid][i].text) if self.seg_num[vid][i] else {}
        return r

    def anchors(self, vid: str) -> list[frozenset[str]]:
        """Per sentence, the aligner's anchors: numbers, names, quotation and question marks."""
        a = self._anch.get(vid)
        if a is None:
            from ..align import _anchors, is_cased

            segs = self.segs[vid]
            latin = (self.versions[vid].script or "Latn") == "Latn"
            cased = is_cased(segs)
            a = self._anch[vid] = [_anchors(s.text, latin, cased) for s in segs]
        return a

    def repick(self, vid: str, j: int) -> int:
        """The sentence to report when ``j`` looks added: ``j`` or a neighbour.

        When a sentence is pasted next to a real one, the sentence DP may link the pasted
        one to the reference and leave the real one over (the lengths fit either way).
        For a neighbour ``c`` linked on its own to reference sentences ``r``, "``j``
        renders ``r`` and ``c`` was added" wins when ``j`` has clearly more of ``r``'s
        anchors (numbers, names, quotation marks) than ``c`` does, at least one of them a
        number or a name, and its length fits ``r``.
        """
        ref = self.ref_for(vid)
        va, ra = self.anchors(vid), self.anchors(ref)
        if not va[j]:
            return j
        el = self.elen(vid, ref)
        lv = self.seg_len[vid]
        best, best_gain = j, 0.0
        for p, o, _c in self.align(vid):
            rest = tuple(x for x in o if x != j)
            if not p or len(rest) != 1 or abs(rest[0] - j) != 1:
                continue
            c = rest[0]
            r = frozenset().union(*(ra[i] for i in p))
            if not r:
                continue
            # the share of the row's anchors each side has (German capitalises every noun,
            # so a share of the union would drown the names in nouns)
            if not any(a[0] != "~" for a in va[j] & r):
                continue
            sj = len(va[j] & r) / len(r)
            sc = len(va[c] & r) / len(r)
            e = sum(el[i] for i in p)
            if sj - sc < 0.3 or abs(math.log((lv[j] + K_SMOOTH) / (e + K_SMOOTH))) > 0.5:
                continue
            if sj - sc > best_gain:
                best, best_gain = c, sj - sc
        return best

    def consensus(self, ref: str) -> list[float]:
        """Length of each sentence of ``ref`` as the majority of versions renders it (in ref's units).

        A group's length is the median over the versions with content there, each
        scaled to ``ref`` by the pair ratio; the group's sentences of ``ref`` share it
        in proportion to their own lengths.  One translation's long or short
        rendering of a sentence then does not make the others look truncated or
        padded.
        """
        c = self._cons.get(ref)
        if c is not None:
            return c
        own = self.seg_len[ref]
        c = [float(x) for x in own]
        for gi, g in enumerate(self.groups):
            idx = g.get(ref)
            if not idx:
                continue
            lens = self.glen[gi]
            mine = lens.get(ref, 0)
            est = [float(mine)]
            for w, lw in lens.items():
                if w != ref and lw:
                    est.append(lw * math.exp(self.ratio(ref, w)[0]))
            if len(est) < 3 or mine <= 0:
                continue
            k = median(est) / mine
            for i in idx:
                c[i] = own[i] * k
        self._cons[ref] = c
        return c

    def kept_apart(self, vid: str, ref: str, p, o) -> bool:
        """The reference sentences ``p`` are as many sentences in nearly every other version
        (>= 80% of at least 3) and fewer in ``vid``: a merge nobody else made."""
        gs = sorted({self.group_of[ref].get(i) for i in p} - {None})
        if not gs:
            return False
        k = len(p)
        if sum(len(self.groups[g].get(vid, ())) for g in gs) >= k:
            return False
        same = total = 0
        for w in self.usable:
            if w in (vid, ref):
                continue
            nw = sum(len(self.groups[g].get(w, ())) for g in gs)
            if nw:
                total += 1
                same += nw >= k
        return total >= 3 and same >= 0.8 * total

    def elen(self, vid: str, ref: str) -> list[float]:
        """Expected length in ``vid`` of each sentence of ``ref``."""
        scale = math.exp(self.ratio(vid, ref)[0])
        return [x * scale for x in self.consensus(ref)]

    # -- length model --------------------------------------------------------------
    def ratio(self, a: str, b: str) -> tuple[float, float]:
        """(log of expected len(a)/len(b), spread of that log ratio at group level)."""
        key = (a, b)
        r = self._ratio.get(key)
        if r is None:
            logs = []
            for lens in self.glen:
                la, lb = lens.get(a, 0), lens.get(b, 0)
                if la >= 10 and lb >= 10:
                    logs.append(math.log(la / lb))
            if logs:
                m = median(logs)
                mad = median(abs(x - m) for x in logs) * 1.4826 if len(logs) >= 4 else 0.2
            else:
                ta = sum(self.seg_len[a]) or 1
                tb = sum(self.seg_len[b]) or 1
                m, mad = math.log(ta / tb), 0.25
            r = (m, min(0.45, max(0.1, mad)))
            self._ratio[key] = r
            self._ratio[(b, a)] = (-r[0], r[1])
        return r

    def expected(self, vid: str, gi: int) -> tuple[float, int, int]:
        """(expected length of ``vid`` in group gi, versions with content, versions voting)."""
        lens = self.glen[gi]
        preds = []
        voters = 0
        for w in self.usable:
            if w == vid:
                continue
            voters += 1
            lw = lens.get(w, 0)
            if lw:
                preds.append(lw * math.exp(self.ratio(vid, w)[0]))
        if not preds:
            return 0.0, 0, voters
        # versions without content vote 0 as well: a majority vote on the length
        allp = sorted(preds + [0.0] * (voters - len(preds)))
        return median(allp), len(preds), voters

    # -- sentence-level alignment to a reference ------------------------------------
    def ref_for(self, vid: str) -> str | None:
        if vid == self.reference:
            return self.reference2
        return self.reference

    def checked_pairs(self, versions):
        """(version, its reference) for every usable non-source version that has one."""
        for vid in self.usable:
            ref = self.ref_for(vid)
            if ref is not None and not versions[vid].is_source:
                yield vid, ref

    def _link_costs(self, vid: str, ref: str, e: list[float], l: list[int]) -> dict:
        """Cost of linking ref sentences [i, i+di) to vid sentences [j, j+dj), for every link move.

        ``{(di, dj): table}`` with ``table[i][j]`` a float, computed with numpy for
        all (i, j) at once, with the same operations in the same order as a
        sentence-by-sentence loop would use (so the costs are bit-identical).
        """
        import numpy as np

        from ..align import indicator_matrix

        n, m = len(e), len(l)
        en, ln = self.seg_num[ref], self.seg_num[vid]
        ep = np.asarray([s.paragraph for s in self.segs[ref]])
        lp = np.asarray([s.paragraph for s in self.segs[vid]])
        gr = np.asarray([self.group_of[ref].get(i, -1) for i in range(n)])
        gv = np.asarray([self.group_of[vid].get(j, -2) for j in range(m)])
        two_s2 = 2 * SIGMA * SIGMA
        ea = np.asarray(e, dtype=np.float64)
        la = np.asarray(l, dtype=np.float64)
        # numbers: indicator matrices over the numbers both sides have
        shared = sorted(set().union(*en) & set().union(*ln)) if en and ln else []
        col = {t: k for k, t in enumerate(shared)}
        K = max(1, len(col))
        ie = indicator_matrix(en, col, K)
        il = indicator_matrix(ln, col, K)
        same_group = gr[:, None] == gv[None, :]
        out = {}
        for di, dj in _DP_MOVES:
            if not (di and dj):
                continue
            N, Mv = n - di + 1, m - dj + 1
            if N <= 0 or Mv <= 0:
                continue
            es = ea[:N].copy()
            for t in range(1, di):
                es = es + ea[t:t + N]
            ls = la[:Mv].copy()
            for t in range(1, dj):
                ls = ls + la[t:t + Mv]
            ratio = (ls[None, :] + K_SMOOTH) / (es[:, None] + K_SMOOTH)
            dev = np.asarray(list(map(math.log, ratio.ravel().tolist())), dtype=np.float64).reshape(N, Mv)
            c = dev * dev / two_s2
            ge = np.minimum(sum(ie[t:t + N] for t in range(di)), 1)
            gl = np.minimum(sum(il[t:t + Mv] for t in range(dj)), 1)
            inter = ge @ gl.T
            na = self._num_sizes(ref, di)[:, None]
            nb = self._num_sizes(vid, dj)[None, :]
            union = na + nb - inter
            has = union > 0
            c = np.where(has, c - 1.5 * inter / np.maximum(union, 1), c)
            c = np.where(has & (na > 0) & (nb > 0) & (inter == 0), c + 1.0,
                         np.where(has & (na > 0) & (nb == 0), c + NUMBER_MISS, c))
            grp = sum(same_group[a:a + N, b:b + Mv] for a in range(di) for b in range(dj))
            c = np.where(grp > 0, c, c + GROUP_MISMATCH)
            extra = di + dj - 2
            if extra:
                c = c + MERGE_COST * extra
                if di > 1:
                    c = np.where((ep[:N] != ep[di - 1:di - 1 + N])[:, None], c + PARA_CROSS_COST, c)
                if dj > 1:
                    c = np.where((lp[:Mv] != lp[dj - 1:dj - 1 + Mv])[None, :], c + PARA_CROSS_COST, c)
            out[(di, dj)] = c.tolist()
        return out

    def _num_sizes(self, vid: str, size: int):
        """How many distinct numbers each run of ``size`` consecutive sentences of ``vid`` holds."""
        key = (vid, size)
        r = self._nsizes.get(key)
        if r is None:
            import numpy as np

            nums = self.seg_num[vid]
            r = self._nsizes[key] = np.asarray(
                [len(frozenset().union(*nums[i:i + size])) for i in range(len(nums) - size + 1)], dtype=np.int64)
        return r

    def align(self, vid: str) -> list[tuple[tuple[int, ...], tuple[int, ...], float]]:
        if vid in self.links:
            return self.links[vid]
        ref = self.ref_for(vid)
        if ref is None:
            self.links[vid] = []
            return []
        e = self.elen(vid, ref)
        l = self.seg_len[vid]
        n, m = len(e), len(l)
        INF = float("inf")
        band = max(8, int(0.1 * max(n, m)) + abs(n - m))
        link_cost = self._link_costs(vid, ref, e, l)
        cost = [[INF] * (m + 1) for _ in range(n + 1)]
        back: list[list[Any]] = [[None] * (m + 1) for _ in range(n + 1)]
        cost[0][0] = 0.0
        # The moves of _DP_MOVES written out.  Sources are taken in the same order
        # (rows, then columns), so ties resolve as in a loop over the moves.
        empty: list[float] = []
        T = {mv: link_cost.get(mv) for mv in _DP_MOVES if mv[0] and mv[1]}
        # skipping page furniture is free (MT504 reports it)
        fr_, fv_ = self.furniture.get(ref, frozenset()), self.furniture.get(vid, frozenset())
        skip_r = [0.0 if i in fr_ else SKIP_COST for i in range(n)] + [SKIP_COST]
        skip_v = [0.0 if j in fv_ else SKIP_COST for j in range(m)] + [SKIP_COST]
        for i in range(n + 1):
            jc = int(i * m / n) if n else 0
            r0, b0 = cost[i], back[i]
            h1, h2, h3 = i + 1 <= n, i + 2 <= n, i + 3 <= n
            r1, b1 = (cost[i + 1], back[i + 1]) if h1 else (empty, empty)
            r2, b2 = (cost[i + 2], back[i + 2]) if h2 else (empty, empty)
            r3, b3 = (cost[i + 3], back[i + 3]) if h3 else (empty, empty)
            t11 = T[(1, 1)][i] if h1 and T[(1, 1)] is not None else empty
            t12 = T[(1, 2)][i] if h1 and T[(1, 2)] is not None else empty
            t13 = T[(1, 3)][i] if h1 and T[(1, 3)] is not None else empty
            t21 = T[(2, 1)][i] if h2 and T[(2, 1)] is not None else empty
            t22 = T[(2, 2)][i] if h2 and T[(2, 2)] is not None else empty
            t31 = T[(3, 1)][i] if h3 and T[(3, 1)] is not None else empty
            for j in range(max(0, jc - band), min(m, jc + band) + 1):
                base = r0[j]
                if base == INF:
                    continue
                src = (i, j)
                j1, j2, j3 = j + 1 <= m, j + 2 <= m, j + 3 <= m
                if h1:
                    if j1:
                        t = base + t11[j]
                        if t < r1[j + 1]:
                            r1[j + 1] = t
                            b1[j + 1] = src
                    t = base + skip_r[i]
                    if t < r1[j]:
                        r1[j] = t
                        b1[j] = src
                    if j2:
                        t = base + t12[j]
                        if t < r1[j + 2]:
                            r1[j + 2] = t
                            b1[j + 2] = src
                    if j3:
                        t = base + t13[j]
                        if t < r1[j + 3]:
                            r1[j + 3] = t
                            b1[j + 3] = src
                if j1:
                    t = base + skip_v[j]
                    if t < r0[j + 1]:
                        r0[j + 1] = t
                        b0[j + 1] = src
                if h2:
                    if j1:
                        t = base + t21[j]
                        if t < r2[j + 1]:
                            r2[j + 1] = t
                            b2[j + 1] = src
                    if j2:
                        t = base + t22[j]
                        if t < r2[j + 2]:
                            r2[j + 2] = t
                            b2[j + 2] = src
                if h3 and j1:
                    t = base + t31[j]
                    if t < r3[j + 1]:
                        r3[j + 1] = t
                        b3[j + 1] = src
        links = []
        i, j = n, m
        if cost[n][m] == INF:
            self.links[vid] = []
            return []
        while (i, j) != (0, 0):
            pi, pj = back[i][j]
            links.append((tuple(range(pi, i)), tuple(range(pj, j)), cost[i][j] - cost[pi][pj]))
            i, j = pi, pj
        links.reverse()
        self.links[vid] = links
        return links


def _number_positions(text: str) -> dict[str, int]:
    """Where each number of a sentence first occurs, keyed as the aligner's anchors ("#2023")."""
    from ..align import _DIGITS, _SEP

    out: dict[str, int] = {}
    for m in _DIGITS.finditer(text):
        if len(m.group()) < 20:
            out.setdefault("#" + str(int(_SEP.sub("", m.group()))), m.start())
    return out


def _furniture(v, segs) -> frozenset[int]:
    """Segments lying on a line that starts like page boilerplate (MT504's list)."""
    from .integrity import Boilerplate

    lines = Boilerplate._lines(v, 25)
    if not lines:
        return frozenset()
    out = set()
    for a, b, _rel in lines:
        for s in segs:
            if s.start >= a and s.end <= b:
                out.add(s.index)
    return frozenset(out)


def analysis(ctx) -> _Analysis:
    return ctx.cached("completeness", lambda: _Analysis(ctx))


def _gap_position(ctx, ref: str, vid: str, best: int, p, o) -> int:
    """Where in ``vid`` the reference sentence ``best`` of the merged link p-o is missing.

    Past the link's end when it is the link's last sentence, else before its start; and
    on the side of the paragraph break the reference puts it on: a sentence that ends
    its paragraph in the reference is missing at the end of the version's previous
    sentence, not at the start of the next paragraph (and the other way round)."""
    segs, rs = ctx.segments[vid], ctx.segments[ref]
    if best == p[-1] and best != p[0]:
        first_of_para = best > 0 and rs[best - 1].paragraph != rs[best].paragraph
        nxt = o[-1] + 1
        if first_of_para and nxt < len(segs) and segs[nxt].paragraph != segs[o[-1]].paragraph:
            return segs[nxt].start
        return segs[o[-1]].end
    last_of_para = best + 1 < len(rs) and rs[best + 1].paragraph != rs[best].paragraph
    prev = o[0] - 1
    if last_of_para and prev >= 0 and segs[prev].paragraph != segs[o[0]].paragraph:
        return segs[prev].end
    return segs[o[0]].start


def _snippet(ctx, vid: str, idx) -> str:
    v = ctx.versions[vid]
    segs = ctx.segments[vid]
    return " ".join(v.text[segs[i].start:segs[i].end] for i in idx)


def _severity(share: float, base: str = "warning") -> str:
    return "error" if share >= 0.9 else base


@register
class Omission(Check):
    """A sentence that most other versions have is missing from this version.

    Why: a dropped sentence is the most damaging silent MT error — the text still
    reads well, so nobody notices that a fact, a figure or a quote is gone.
    Legitimate restructuring (two sentences merged into one, one split in two,
    paragraphs regrouped) keeps the content and is not reported: the version's
    length over the aligned group must fall short of what the other versions
    predict by most of the missing sentence, and at least ``min_support`` other
    versions (and ``min_share`` of them) must have the content.  A short sentence
    that the aligner merged into its neighbour's link is reported when the link is
    short by at least half of it and 80% of the other versions keep the two
    sentences apart (this version alone "merged" them).  The position is on the
    side of the paragraph break where the reference has the sentence.

    Example: ``en.source`` says "In January it raised $2.3 billion at a
    valuation of $31 billion." and the German, French and Chinese versions say it
    too, but ``ru.txt`` goes straight from the previous sentence to the next one.
    The finding points at the place in ``ru.txt`` where the sentence is missing
    (empty ``text``) and ``expected`` holds the source sentence.
    """

    code = "MT401"
    name = "completeness.omission"
    severity = "warning"
    options = {
        "min_support": (int, 2, "other versions that must have the content"),
        "min_share": (float, 0.6, "share of the other versions that must have the content"),
        "min_chars": (int, 20, "ignore missing content shorter than this (datelines, bylines)"),
    }

    def run(self, ctx):
        an = analysis(ctx)
        if not an.ok:
            return
        min_support = ctx.option(self, "min_support")
        min_share = ctx.option(self, "min_share")
        min_chars = ctx.option(self, "min_chars")
        for vid, ref in an.checked_pairs(ctx.versions):
            links = an.align(vid)
            segs = ctx.segments[vid]
            rsegs = ctx.segments[ref]
            k = 0
            while k < len(links):
                p, o, _c = links[k]
                if not (p and not o):
                    k += 1
                    continue
                # a run of skipped reference sentences
                run = list(p)
                k2 = k + 1
                while k2 < len(links) and links[k2][0] and not links[k2][1]:
                    run.extend(links[k2][0])
                    k2 += 1
                prev_v = next((links[x][1][-1] for x in range(k - 1, -1, -1) if links[x][1]), None)
                next_v = next((links[x][1][0] for x in range(k2, len(links)) if links[x][1]), None)
                k = k2
                ref_chars = sum(an.seg_len[ref][i] for i in run)
                if ref_chars < min_chars:
                    continue
                el = an.elen(vid, ref)
                e_missing = sum(el[i] for i in run)
                groups = sorted({an.group_of[ref][i] for i in run if i in an.group_of[ref]})
                if not groups:
                    continue
                exp_total = have_total = 0.0
                support_ok = True
                shares = []
                for gi in groups:
                    exp, support, voters = an.expected(vid, gi)
                    if support < min_support or voters == 0 or support / voters < min_share:
                        support_ok = False
                        break
                    shares.append(support / voters)
                    exp_total += exp
                    have_total += an.glen[gi].get(vid, 0)
                if not support_ok:
                    continue
                deficit = exp_total - have_total
                if deficit < 0.5 * e_missing:
                    continue
                # where it is missing
                last = run[-1]
                same_para_next = last + 1 < len(rsegs) and rsegs[last + 1].paragraph == rsegs[last].paragraph
                if next_v is not None and (same_para_next or prev_v is None):
                    at = segs[next_v].start
                elif prev_v is not None:
                    at = segs[prev_v].end
                else:
                    at = 0
                expected = _snippet(ctx, ref, run)
                share = min(shares)
                conf = min(1.0, deficit / max(e_missing, 1.0)) * share
                yield ctx.finding(
                    self, vid, at, at,
                    message=f"omission: {len(run)} sentence(s) that {round(share * 100)}% of the other versions have "
                    f"are missing here (shown as in '{ref}')",
                    expected=expected,
                    severity=_severity(share),
                    row=groups[0],
                    confidence=round(conf, 3),
                    data={"reference": ref, "support": share},
                )


@register
class Addition(Check):
    """Content in this version that no other version has.

    Why: machine translation sometimes invents a clause or a whole sentence
    (a hallucination), and copy-paste slips bring in a sentence from another
    article.  Readers take it for part of the original.

    The version's sentence must be linked to nothing in the reference version,
    and the aligned group must be longer in this version than the other
    versions predict by most of the sentence's length (or be empty in all of
    them).  A sentence split in two keeps the group's length and is not reported.
    Page furniture (MT504's "Read also:", share buttons, cookie notices) is left to
    MT504.  When the pasted sentence took the real one's place in the alignment,
    the sentence without the row's numbers and names is the one reported.

    A smaller excess suffices where this version alone has an extra sentence
    (>= 3/4 of at least 3 other versions have fewer sentences there): the link is
    1.35x its expected length (1.25x when the excess is the whole sentence), the
    rest fits the expected length, and the sentence shares no number or name with
    the reference row.  It stays silent for translators who split sentences as a
    habit, next to links that fall short or run long (a moved sentence boundary),
    for repeated sentences (MT503), bracketed notes and lower-cased versions.  A
    sentence that no other version has anything for, linked where the N-way
    alignment puts another sentence of this version, is reported too.

    Example: ``fr.google.txt`` adds "Le projet a également été salué par le
    Premier ministre portugais lors d'une visite sur place." which neither the
    English source nor the other five versions mention.
    """

    code = "MT402"
    name = "completeness.addition"
    severity = "warning"
    options = {
        "min_versions": (int, 2, "other versions that must lack the content"),
        "max_share": (float, 0.25, "largest share of the other versions that may have content in the group"),
        "min_chars": (int, 20, "ignore added content shorter than this"),
    }

    def run(self, ctx):
        an = analysis(ctx)
        if not an.ok:
            return
        min_versions = ctx.option(self, "min_versions")
        max_share = ctx.option(self, "max_share")
        min_chars = ctx.option(self, "min_chars")
        for vid in an.usable:
            if len(an.usable) - 1 < min_versions:
                break
            if ctx.versions[vid].is_source:
                continue
            links = an.align(vid)
            segs = ctx.segments[vid]
            merged = list(self._merged(ctx, an, vid, links, min_chars))
            yield from merged
            more = list(self._split_alone(ctx, an, vid, links, min_chars, {f.start for f in merged}))
            yield from more
            yield from self._displaced(ctx, an, vid, links, min_chars, {f.start for f in merged + more})
            k = 0
            while k < len(links):
                p, o, _c = links[k]
                if not (o and not p):
                    k += 1
                    continue
                run = list(o)
                k2 = k + 1
                while k2 < len(links) and links[k2][1] and not links[k2][0]:
                    run.extend(links[k2][1])
                    k2 += 1
                k = k2
                # report each paragraph of the run on its own
                for part in _split_by_paragraph(segs, run):
                    part = [i for i in part if i not in an.furniture[vid]]  # MT504's
                    if not part:
                        continue
                    if len(part) == 1:
                        part = [an.repick(vid, part[0])]
                    chars = sum(an.seg_len[vid][i] for i in part)
                    if chars < min_chars:
                        continue
                    if _page_line(ctx, vid, part, chars) or _repeated(segs, part):  # MT504's, MT503's
                        continue
                    groups = sorted({an.group_of[vid][i] for i in part if i in an.group_of[vid]})
                    if not groups:
                        continue
                    ok = True
                    shares = []
                    exp_total = have_total = 0.0
                    for gi in groups:
                        exp, support, voters = an.expected(vid, gi)
                        if voters < min_versions:
                            ok = False
                            break
                        shares.append(support / voters)
                        exp_total += exp
                        have_total += an.glen[gi].get(vid, 0)
                    if not ok:
                        continue
                    share = max(shares)
                    excess = have_total - exp_total
                    if share > max_share and excess < 0.6 * chars:
                        continue
                    if share > max_share and have_total < 1.5 * exp_total:
                        continue
                    start, end = segs[part[0]].start, segs[part[-1]].end
                    conf = (1.0 - share) * min(1.0, excess / max(chars, 1))
                    yield ctx.finding(
                        self, vid, start, end,
                        message=f"addition: {len(part)} sentence(s) that no other version has"
                        if share == 0 else
                        f"addition: this content has no counterpart in the reference and makes the passage "
                        f"{have_total / exp_total:.1f}x as long as the other versions" if exp_total >= 1 else
                        f"addition: this content has no counterpart in the reference; "
                        f"{share:.0%} of the other versions have anything here",
                        severity=_severity(1.0 - share) if share == 0 else "warning",
                        row=groups[0],
                        confidence=round(max(0.0, conf), 3),
                        data={"share_with_content": round(share, 3)},
                    )


    def _merged(self, ctx, an, vid, links, min_chars):
        """A version sentence the aligner merged into a link that is too long by about its length."""
        ref = an.ref_for(vid)
        if ref is None:
            return
        lr, spread = an.ratio(vid, ref)
        el = an.elen(vid, ref)
        segs = ctx.segments[vid]
        for p, o, _c in links:
            if not p or len(o) < 2:
                continue
            e = sum(el[i] for i in p)
            l = sum(an.seg_len[vid][j] for j in o)
            if l < MERGED_ADD_RATIO * e or math.log((l + K_SMOOTH) / (e + K_SMOOTH)) < max(0.22, 2.0 * spread):
                continue
            j = min(o, key=lambda j: abs(math.log((l - an.seg_len[vid][j] + K_SMOOTH) / (e + K_SMOOTH))))
            j = an.repick(vid, j)
            lj = an.seg_len[vid][j]
            if lj < min_chars or j in an.furniture[vid] or _page_line(ctx, vid, [j], lj) or _repeated(segs, [j]):
                continue
            if abs(math.log((l - lj + K_SMOOTH) / (e + K_SMOOTH))) > 0.35:
                continue
            gi = an.group_of[vid].get(j)
            if gi is None:
                continue
            exp, support, voters = an.expected(vid, gi)
            have = an.glen[gi].get(vid, 0)
            if voters < 2 or have - exp < 0.6 * lj or have < MERGED_ADD_RATIO * exp or math.log((have + K_SMOOTH) / (exp + K_SMOOTH)) < max(0.22, 2.0 * spread):
                continue
            yield ctx.finding(
                self, vid, segs[j].start, segs[j].end,
                message=f"addition: this sentence has no counterpart in '{ref}' and makes the passage "
                f"{have / exp:.1f}x as long as the other versions" if exp >= 1 else
                f"addition: this sentence has no counterpart in '{ref}'; {support} of {voters} other versions have anything here",
                row=gi,
                confidence=round(min(1.0, (have - exp) / max(lj, 1)), 3),
            )


    def _split_alone(self, ctx, an, vid, links, min_chars, done):
        """A merged link holding more sentences than nearly every other version has there.

        Mirror of the omission's ``kept_apart``: when >= 80% of at least 3 other
        versions have fewer sentences than ``vid`` in the link's groups (nobody else
        split there), the extra sentence is suspect, and a smaller excess is enough:
        the link is >= ``SPLIT_ADD_RATIO`` x its expected length, the excess is most of
        the sentence (or two adjacent sentences), the rest then fits the expected length,
        and the sentence shares no number or name with the reference row while the rest
        shares at least as many.  A legitimate split keeps the row's length and stays
        silent.
        """
        ref = an.ref_for(vid)
        if ref is None or _lower_cased(ctx.versions[vid].text) or _lower_cased(ctx.versions[ref].text):
            return  # without capitals the names that tell a split from an addition are gone
        spread = an.ratio(vid, ref)[1]
        el = an.elen(vid, ref)
        lv = an.seg_len[vid]
        va, ra = an.anchors(vid), an.anchors(ref)
        segs = ctx.segments[vid]
        tol = max(0.35, 2.0 * spread)
        for k, (p, o, _c) in enumerate(links):
            if not p or len(o) < 2 or any(segs[j].start in done for j in o):
                continue
            e = sum(el[i] for i in p)
            l = sum(lv[j] for j in o)
            if e <= 0 or l < SPLIT_ADD_FULL * e:
                continue
            nv, counts, gs = _sentence_counts(an, vid, o)
            if not _fewer_elsewhere(nv, counts, nv) or _split_rate(ctx, an, vid, gs) > MAX_SPLIT_RATE:
                continue
            # next to a link that falls short (or a skipped reference sentence) the extra
            # sentence may be the rest of its content (a moved sentence boundary); next to
            # one far too long, the pasted sentence may sit there and this one be real
            if _odd_link(links, k - 1, el, lv) or _odd_link(links, k + 1, el, lv):
                continue
            # ... or one holding a page line (a menu, a share button) the DP linked by its length
            if any(_page_line(ctx, vid, [x], lv[x]) for kk in (k - 1, k + 1) if 0 <= kk < len(links)
                   for x in links[kk][1]):
                continue
            if _repeated(segs, o):  # a sentence said twice (MT503's) explains the excess
                continue
            r = frozenset().union(*(ra[i] for i in p))
            best = None
            for span in _spans(o):
                ls = sum(lv[j] for j in span)
                if ls < min_chars or l - e < (0.6 if l >= SPLIT_ADD_RATIO * e else 1.0) * ls:
                    continue
                if not _fewer_elsewhere(nv, counts, len(span)):
                    continue
                fit = abs(math.log((l - ls + K_SMOOTH) / (e + K_SMOOTH)))
                if fit > tol:
                    continue
                mine = _hard(frozenset().union(*(va[j] for j in span)) & r)
                rest = _hard(frozenset().union(*(va[j] for j in o if j not in span)) & r)
                if mine or (r and not rest and len(span) < len(o) - 1):
                    continue
                if any(j in an.furniture[vid] for j in span) or _page_line(ctx, vid, list(span), ls):
                    continue
                if _bracketed(segs, span):  # a credit or note in brackets: MT504's
                    continue
                if best is None or fit < best[0]:
                    best = (fit, span, ls)
            if best is None:
                continue
            _fit, span, ls = best
            gi = an.group_of[vid].get(span[0])
            if gi is None:
                continue
            exp, support, voters = an.expected(vid, gi)
            if voters < 2:
                continue
            yield ctx.finding(
                self, vid, segs[span[0]].start, segs[span[-1]].end,
                message=f"addition: {len(span)} sentence(s) with no counterpart in '{ref}': this version alone has "
                f"an extra sentence here and the passage is {l / e:.1f}x as long as expected",
                row=gi,
                confidence=round(min(1.0, (l - e) / max(ls, 1)) * 0.8, 3),
            )


    def _displaced(self, ctx, an, vid, links, min_chars, done):
        """A sentence the N-way alignment leaves alone, linked in place of one that the
        alignment puts with the reference sentence.

        When the sentence DP links a pasted sentence ``j`` to reference sentences ``p``
        (the lengths fit either way), the real rendering ``c`` of ``p`` ends up merged
        into a neighbouring link.  Reported when no other version has content in ``j``'s
        group, ``c`` is in ``p``'s group, ``c``'s length fits ``p`` and its merged link
        is too long by about ``c`` (without it, that link fits).
        """
        ref = an.ref_for(vid)
        if ref is None:
            return
        spread = an.ratio(vid, ref)[1]
        tol = max(0.35, 2.0 * spread)
        el = an.elen(vid, ref)
        lv = an.seg_len[vid]
        segs = ctx.segments[vid]
        link_of = {j: k for k, (_p, o, _c) in enumerate(links) for j in o}
        for p, o, _c in links:
            if not p or len(o) != 1 or segs[o[0]].start in done:
                continue
            j = o[0]
            gj = an.group_of[vid].get(j)
            if gj is None or lv[j] < min_chars or j in an.furniture[vid] or _page_line(ctx, vid, [j], lv[j]):
                continue
            # an.expected's (support, voters) without its length vote: other versions with
            # content in the group, other versions
            lens = an.glen[gj]
            others = [w for w in an.usable if w != vid]
            if any(lens.get(w, 0) for w in others) or len(others) < 3:
                continue
            gp = {an.group_of[ref].get(i) for i in p} - {None}
            ep = sum(el[i] for i in p)
            for c in sorted(i for i, g in an.group_of[vid].items() if g in gp):
                k2 = link_of.get(c)
                if k2 is None or c == j:
                    continue
                p2, o2, _c2 = links[k2]
                if not p2 or len(o2) < 2:
                    continue
                e2 = sum(el[i] for i in p2)
                l2 = sum(lv[x] for x in o2)
                if l2 < SPLIT_ADD_RATIO * e2 or abs(math.log((l2 - lv[c] + K_SMOOTH) / (e2 + K_SMOOTH))) > tol:
                    continue
                if abs(math.log((lv[c] + K_SMOOTH) / (ep + K_SMOOTH))) > tol:
                    continue
                yield ctx.finding(
                    self, vid, segs[j].start, segs[j].end,
                    message=f"addition: no other version has this sentence; it stands where '{ref}' has a "
                    f"sentence which this version renders next to it",
                    row=gj,
                    confidence=0.7,
                )
                break


def _sentence_counts(an, vid: str, o):
    """(sentences of ``vid`` in the groups of its sentences ``o``, the other versions'
    sentence counts there where they have content, the groups)."""
    gs = tuple(sorted({an.group_of[vid].get(j) for j in o} - {None}))
    nv = sum(len(an.groups[g].get(vid, ())) for g in gs)
    counts = []
    for w in an.usable:
        if w != vid:
            nw = sum(len(an.groups[g].get(w, ())) for g in gs)
            if nw:
                counts.append(nw)
    return nv, sorted(counts), gs


def _fewer_elsewhere(nv: int, counts, k: int) -> bool:
    """>= 80% of at least 3 other versions have fewer sentences than ``nv`` there (nobody
    else split there) and, without ``k`` of its sentences, the version has as many as
    most of them."""
    if len(counts) < 3 or sum(c < nv for c in counts) < 0.75 * len(counts):
        return False
    return median(counts) >= nv - k


def _split_rate(ctx, an, vid: str, skip) -> float:
    """Share of the groups (other than ``skip``) where ``vid`` has more sentences than
    nearly every other version: a translator who splits long sentences as a habit
    makes an extra sentence weak evidence of an addition."""
    def compute():
        out = []
        for gi, g in enumerate(an.groups):
            if vid in g:
                nv, counts, _gs = _sentence_counts(an, vid, g[vid])
                out.append((gi, _fewer_elsewhere(nv, counts, nv)))
        return out
    flags = ctx.cached("completeness.split_rate." + vid, compute)
    rest = [f for gi, f in flags if gi not in skip]
    return sum(rest) / len(rest) if rest else 0.0


def _odd_link(links, k: int, el, lv) -> bool:
    """Link ``k`` has reference sentences and is shorter than ``SHORT_NEIGHBOUR`` or
    longer than ``LONG_NEIGHBOUR`` times their expected length (empty: skipped)."""
    if not 0 <= k < len(links):
        return False
    p, o, _c = links[k]
    if not p:
        return False
    e = sum(el[i] for i in p)
    l = sum(lv[j] for j in o)
    return l < SHORT_NEIGHBOUR * e or l > LONG_NEIGHBOUR * e


def _repeated(segs, span) -> bool:
    """A sentence of ``span`` says the same as the sentence before or after it."""
    def norm(i):
        return _SPACES.sub(" ", segs[i].text).strip().casefold() if 0 <= i < len(segs) else None

    return any(norm(j) in (norm(j - 1), norm(j + 1)) for j in span)


def _lower_cased(text: str) -> bool:
    """The text has letters with case and none of them is a capital (a lower-cased MT output)."""
    head = text[:5000]
    return not any(map(str.isupper, head)) and any(map(str.islower, head))


def _bracketed(segs, span) -> bool:
    """A sentence of ``span`` is wholly in brackets: "(compiled by ...)", "[photo: ...]"."""
    for j in span:
        t = segs[j].text.strip()
        if len(t) > 2 and t[0] in "([（【" and t[-1] in ")]）】":
            return True
    return False


def _spans(o):
    """Single sentences and pairs of adjacent sentences of a link, each leaving some of it."""
    out = [(j,) for j in o]
    if len(o) >= 3:
        out += [(o[k], o[k + 1]) for k in range(len(o) - 1)]
    return out


def _hard(anchors) -> frozenset:
    """Numbers and names among the aligner's anchors (not quotation or question marks)."""
    return frozenset(a for a in anchors if a[0] != "~")


def _page_line(ctx, vid: str, part, chars: int) -> bool:
    """A short line standing alone with no closing punctuation: a share button, a
    "Read more" link or a language menu, which MT504/MT201 report as page leftovers;
    an added sentence ends like a sentence."""
    segs = ctx.segments[vid]
    a, b = part[0], part[-1]
    alone = (a == 0 or segs[a - 1].paragraph != segs[a].paragraph) and (
        b + 1 >= len(segs) or segs[b + 1].paragraph != segs[b].paragraph)
    if not alone or chars > 60:
        return False
    return not _END_PUNCT.search(ctx.versions[vid].check_text[segs[a].start:segs[b].end])


def _split_by_paragraph(segs, run):
    parts: list[list[int]] = []
    for i in run:
        if parts and segs[parts[-1][-1]].paragraph == segs[i].paragraph and parts[-1][-1] + 1 == i:
            parts[-1].append(i)
        else:
            parts.append([i])
    return parts


@register
class Truncation(Check):
    """A segment far shorter than its aligned counterparts imply: cut off mid-sentence.

    Why: output length limits and broken post-editing cut sentences short; the
    fragment that remains often still looks like a sentence ("Critics point out
    that the plant depends.") and its meaning is changed.

    The expected length ratio of each version pair is calibrated from the
    article itself; a segment is reported when it is shorter than ``max_ratio``
    of its expected length (70% when it stops without the closing punctuation its
    reference sentence has) and the version's whole aligned group falls short of
    the other versions by most of the difference.  Also reported: a paragraph of
    several sentences that stops without punctuation where the other versions end
    the passage with one and the passage is short; and a sentence closed with a full
    stop that lacks the last numbers of its row (as most versions write them) just
    where it stops ("Nordlinja transportó el año pasado 2,3 millones.").

    Example: ``pt-BR.txt`` has "O ministro da Cultura, Paolo Ferri, chamou o
    acordo de" where the source has "Culture minister Paolo Ferri called the
    deal "a bridge between two Mediterranean cultures"."
    """

    code = "MT403"
    name = "completeness.truncation"
    severity = "warning"
    options = {
        "max_ratio": (float, 0.5, "report segments shorter than this share of their expected length"),
        "min_chars": (int, 40, "ignore segments whose expected length is below this (in the version's characters)"),
        "min_support": (int, 2, "other versions that must have content in the group"),
    }

    def run(self, ctx):
        an = analysis(ctx)
        if not an.ok:
            return
        seen = set()
        for f in self._by_links(ctx, an):
            seen.add((f.version, f.start, f.end))
            yield f
        for f in self._paragraph_ends(ctx, an):
            if not any(v == f.version and a < f.end and f.start < b for v, a, b in seen):
                yield f

    def _paragraph_ends(self, ctx, an):
        """A paragraph that ends in mid-sentence: its last sentence has no closing punctuation,
        and the reference and nearly all other versions end the same rows with one.  The
        length test is left out on purpose: the sentence DP misplaces a cut-off sentence
        (its length fits no reference sentence), so its row can be the wrong one, but a
        paragraph of several sentences that stops without punctuation is the cut itself.
        A line on its own (a headline, a subheading, a caption) is not considered."""
        min_support = ctx.option(self, "min_support")
        for vid, ref in an.checked_pairs(ctx.versions):
            segs = ctx.segments[vid]
            fin = [bool(_END_PUNCT.search(s.text)) for s in segs]
            for j, sg in enumerate(segs):
                if fin[j] or j == 0 or segs[j - 1].paragraph != sg.paragraph:
                    continue  # finished, or alone / first in its paragraph
                if j + 1 < len(segs) and segs[j + 1].paragraph == sg.paragraph:
                    continue  # not the paragraph's last (the segmenter split here for a reason)
                if j in an.furniture[vid] or len(sg.text.split()) < 2 and an.seg_len[vid][j] < 6:
                    continue
                if j + 1 < len(segs) and segs[j + 1].text.lstrip(_LEAD_MARKS)[:1].islower():
                    continue  # the sentence goes on in the next paragraph
                gi = an.group_of[vid].get(j)
                if gi is None:
                    continue
                ends = total = 0
                for w, idx in an.groups[gi].items():
                    if w == vid or not idx:
                        continue
                    total += 1
                    ends += bool(_END_PUNCT.search(an.segs[w][max(idx)].text))
                if total < max(min_support, 3) or ends < 0.9 * total:
                    continue
                exp, _support, _voters = an.expected(vid, gi)
                if an.glen[gi].get(vid, 0) > PARA_CUT_RATIO * exp:
                    continue  # the passage is all there: a missing full stop, not a cut
                ridx = an.groups[gi].get(ref)
                expected = _snippet(ctx, ref, ridx) if ridx else ""
                yield ctx.finding(
                    self, vid, sg.start, sg.end,
                    message=f"truncation: the paragraph stops in mid-sentence (no closing punctuation; "
                    f"{ends} of {total} other versions end this passage with one)",
                    expected=expected,
                    row=gi,
                    confidence=round(ends / total * 0.8, 3),
                    data={"reference": ref},
                )

    def _by_links(self, ctx, an):
        max_ratio = ctx.option(self, "max_ratio")
        min_chars = ctx.option(self, "min_chars")
        min_support = ctx.option(self, "min_support")
        for vid, ref in an.checked_pairs(ctx.versions):
            segs = ctx.segments[vid]
            vtext = ctx.versions[vid].check_text
            spread = an.ratio(vid, ref)[1]
            el = an.elen(vid, ref)
            for p, o, _c in an.align(vid):
                if not (p and o):
                    continue
                if len(p) == 2 and len(o) == 1:
                    f = self._glued_fragment(ctx, an, vid, ref, p, o[0], el, spread)
                    if f is not None:
                        yield f
                        continue
                if len(p) == len(o) > 1:
                    # a k-k link: the aligner may have paired a cut-off sentence and its
                    # neighbour as a block because their summed lengths fit; test the pairs
                    found = list(self._pairs(ctx, an, vid, ref, p, o, el, max_ratio, min_chars, min_support))
                    if found:
                        yield from found
                        continue
                e = sum(el[i] for i in p)
                l = sum(an.seg_len[vid][j] for j in o)
                if e < min_chars:
                    continue
                best = None
                cut = False
                if l < UNFINISHED_RATIO * e and len(o) == 1 and not _END_PUNCT.search(
                        vtext[segs[o[0]].start:segs[o[0]].end]):
                    # the reference sentence ends like a sentence and this one stops mid-way
                    rtext = ctx.versions[ref].check_text
                    rs = ctx.segments[ref]
                    cut = bool(_END_PUNCT.search(rtext[rs[p[-1]].start:rs[p[-1]].end]))
                if l >= max_ratio * e and not cut:
                    # a merged link that is short by about one reference sentence: content missing
                    # inside the merge (an omitted or cut-off sentence the aligner merged away)
                    if len(p) < 2:
                        if len(o) == 1 and l < TAIL_RATIO * e:
                            f = self._tail_cut(ctx, an, vid, ref, p[0], o[0], e, l)
                            if f is not None:
                                yield f
                        continue
                    voted = False
                    if l >= MERGED_OMIT_RATIO * e or math.log((l + K_SMOOTH) / (e + K_SMOOTH)) > -max(0.22, 2.0 * spread):
                        # within length noise: enough only when the other versions keep the
                        # reference's sentences apart here and this version has fewer
                        if l >= KEPT_APART_RATIO * e or not an.kept_apart(vid, ref, p, o):
                            continue
                        voted = True
                    best = min(p, key=lambda i: abs(math.log((l + K_SMOOTH) / (e - el[i] + K_SMOOTH))))
                    if voted and (e - l < 0.45 * el[best] or el[best] < 0.5 * min_chars):
                        continue
                    if el[best] < 0.5 * min_chars:
                        # no whole sentence explains the gap: a sentence cut short and
                        # merged with its neighbour (the fragment lost its full stop)
                        best = None
                groups = sorted({an.group_of[vid][j] for j in o if j in an.group_of[vid]}
                                | {an.group_of[ref][i] for i in p if i in an.group_of[ref]})
                if not groups:
                    continue
                exp_total = have_total = 0.0
                ok = True
                for gi in groups:
                    exp, support, voters = an.expected(vid, gi)
                    if support < min_support:
                        ok = False
                        break
                    exp_total += exp
                    have_total += an.glen[gi].get(vid, 0)
                if not ok or exp_total - have_total < 0.5 * (e - l):
                    continue
                start, end = segs[o[0]].start, segs[o[-1]].end
                unfinished = not _END_PUNCT.search(vtext[start:end])
                if best is not None and not unfinished:
                    # a whole reference sentence merged away: an omission inside the merge
                    at = _gap_position(ctx, ref, vid, best, p, o)
                    yield ctx.finding(
                        "MT401", vid, at, at,
                        message=f"omission: a sentence of '{ref}' has no counterpart here; the passage is "
                        f"{l / e:.0%} of its expected length",
                        expected=_snippet(ctx, ref, (best,)),
                        row=groups[0],
                        confidence=round(min(1.0, 1.0 - l / e), 3),
                        data={"reference": ref, "ratio": round(l / e, 3)},
                    )
                    continue
                yield ctx.finding(
                    self, vid, start, end,
                    message=f"truncation: {l / e:.0%} of the expected length"
                    + (" and no closing punctuation" if unfinished else "")
                    + f" (compared with '{ref}')",
                    expected=_snippet(ctx, ref, p),
                    severity="error" if unfinished and l < 0.45 * e else "warning",
                    row=groups[0],
                    confidence=round(min(1.0, 1.0 - l / e), 3),
                    data={"reference": ref, "ratio": round(l / e, 3)},
                )

    def _glued_fragment(self, ctx, an, vid, ref, p, j, el, spread):
        """A cut-off sentence that lost its full stop and was read as one sentence with the
        next: "Il rapper Kanye All'annunciare sabato il cambiamento ...".  In a cased
        script, a capitalised word after a word without punctuation splits the segment
        into a short head (15-60% of the first reference sentence) and a tail whose length
        fits the second one, where the other versions keep the two apart.  Not when the
        segment holds a full stop of its own (the segmenter kept an abbreviation together)
        or the capitalised word is one of the row's names (a name inside a sentence)."""
        seg = ctx.segments[vid][j]
        text = seg.text
        if not text[:1].isupper() or _INNER_STOP.search(text) or not an.kept_apart(vid, ref, p, (j,)):
            return None
        e1, e2 = el[p[0]], el[p[1]]
        total = an.seg_len[vid][j]
        tol = max(0.25, 2.0 * spread)
        names = an.anchors(ref)[p[0]] | an.anchors(ref)[p[1]]
        for m in _GLUE_POINT.finditer(text):
            k = m.start(2)
            head = _length(text[:k])
            if head >= 0.6 * e1:
                break
            if head < 0.15 * e1 or len(text[:k].split()) < 2:
                continue
            tail = total - head
            if abs(math.log((tail + K_SMOOTH) / (e2 + K_SMOOTH))) > tol:
                continue
            word = text[k:].split(None, 1)[0]
            from ..align import _anchors

            if _anchors("x " + word, True, True) & names or word.lower()[:5] in names:
                continue
            start, end = seg.start, seg.start + len(text[:k].rstrip())
            return ctx.finding(
                self, vid, start, end,
                message=f"truncation: {head / e1:.0%} of the expected length, run into the next sentence "
                f"without punctuation (compared with '{ref}')",
                expected=_snippet(ctx, ref, (p[0],)),
                severity="error" if head < 0.45 * e1 else "warning",
                row=an.group_of[vid].get(j),
                confidence=round(min(1.0, 1.0 - head / e1), 3),
                data={"reference": ref, "ratio": round(head / e1, 3)},
            )
        return None

    def _tail_cut(self, ctx, an, vid, ref, i, j, e, l):
        """A sentence that ends like a sentence but lacks the numbers that the
        reference sentence and most other versions have in this row, and is shorter than
        expected: its end was cut off and a full stop put after the fragment
        ("Nordlinja transportó el año pasado 2,3 millones." for "... 2.3 million
        passengers last year, 9% more than in 2023.")."""
        gi = an.group_of[vid].get(j)
        if gi is None or an.group_of[ref].get(i) != gi or not an.seg_num[ref][i]:
            return None
        if ctx.versions[vid].language in _MYRIAD:
            return None  # 7.7万, 22억 5천만: numbers written with myriads are not comparable here
        # numbers only: names are translated, transliterated and dropped legitimately
        pos = an.number_positions(ref, i)
        mine = an.number_positions(vid, j)
        if any(a not in pos for a in mine):
            return None  # a number the reference lacks: a changed number (MT3xx), not a cut
        # a number in brackets is a conversion or an aside ("800 kph (497 mph)"), often dropped
        rtext = ctx.segments[ref][i].text
        want = [a for a, x in sorted(pos.items()) if a not in mine
                and rtext.rfind("(", 0, x) <= rtext.rfind(")", 0, x)]
        if not want:
            return None
        others = [w for w, idx in sorted(an.groups[gi].items()) if w not in (vid, ref) and idx]
        if len(others) < 3:
            return None
        has = {w: set().union(*(an.number_positions(w, x) for x in an.groups[gi][w])) for w in others}
        missing = [a for a in want if sum(a in has[w] for w in others) >= TAIL_CONFIRM * len(others)]
        if not missing:
            return None
        # the cut is at the end: every missing number comes after every number the two share,
        # and the first of them sits about where this version's sentence stops
        rlen = len(rtext)
        shared = [x for a, x in pos.items() if a in mine]
        first_missing = min(pos[a] for a in missing)
        if shared and max(shared) > first_missing:
            return None
        if first_missing < 0.4 * rlen or abs(first_missing / rlen - l / e) > 0.2:
            return None
        exp, support, _voters = an.expected(vid, gi)
        if support < 3 or an.glen[gi].get(vid, 0) > TAIL_GROUP_RATIO * exp:
            return None
        sg = ctx.segments[vid][j]
        shown = ", ".join(a.lstrip("#") for a in missing[:3])
        return ctx.finding(
            self, vid, sg.start, sg.end,
            message=f"truncation: {l / e:.0%} of the expected length and without {shown}, which "
            f"the other versions have here (compared with '{ref}')",
            expected=_snippet(ctx, ref, (i,)),
            row=gi,
            confidence=round(min(1.0, 1.0 - l / e), 3),
            data={"reference": ref, "ratio": round(l / e, 3), "missing": missing},
        )

    def _pairs(self, ctx, an, vid, ref, p, o, el, max_ratio, min_chars, min_support):
        """Sentence pairs of a k-k link (k-th reference sentence with k-th version sentence)
        where the version sentence is short, has no closing punctuation and the version's
        groups fall short of the other versions by most of the difference."""
        segs = ctx.segments[vid]
        vtext = ctx.versions[vid].check_text
        for i, j in zip(p, o):
            e, l = el[i], an.seg_len[vid][j]
            if e < min_chars or l >= max_ratio * e:
                continue
            start, end = segs[j].start, segs[j].end
            if _END_PUNCT.search(vtext[start:end]):
                continue
            groups = sorted({an.group_of[vid][x] for x in o if x in an.group_of[vid]}
                            | {an.group_of[ref][x] for x in p if x in an.group_of[ref]})
            if not groups:
                continue
            exp_total = have_total = 0.0
            ok = True
            for gi in groups:
                exp, support, voters = an.expected(vid, gi)
                if support < min_support:
                    ok = False
                    break
                exp_total += exp
                have_total += an.glen[gi].get(vid, 0)
            if not ok or exp_total - have_total < 0.5 * (e - l):
                continue
            yield ctx.finding(
                self, vid, start, end,
                message=f"truncation: {l / e:.0%} of the expected length and no closing punctuation "
                f"(compared with '{ref}')",
                expected=_snippet(ctx, ref, (i,)),
                severity="error" if l < 0.45 * e else "warning",
                row=groups[0],
                confidence=round(min(1.0, 1.0 - l / e), 3),
                data={"reference": ref, "ratio": round(l / e, 3)},
            )
