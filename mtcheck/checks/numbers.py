"""MT3xx: numbers, amounts, percentages, years and dates that disagree across versions.

Every aligned row is a small vote.  Each version's quantities are extracted and
normalised by :mod:`mtcheck.numparse` (locale separators, scripts, scale words,
dates, spelled-out numbers), then a quantity is reported only when

* no other version has it in any reading (nor a rounding, a unit conversion, a
  12-hour clock or a two-digit decade of a value another version has), and
* a value of the same kind that at least two other versions agree on is missing
  from this version, so the two can be paired: "1,600 here; 5 other versions have
  1,200".  A value the ``source`` backs makes the finding an error with two
  supporters; in a source/translation pair the source alone is enough for a warning.

A number that only some versions mention, a value written in words, a converted
unit or a version that simply drops a number therefore stays silent: precision
first, since real human translations differ in their digits in 1-20% of sentences.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterable

from .. import numparse
from ..model import Finding
from .base import ArticleContext, Check, register

_KIND_CLASS = {"num": "num", "pct": "num", "year": "num", "date": "date", "month": "month",
               "time": "time", "word": "num", "code": "code"}


def _items_by_row(ctx: ArticleContext) -> dict:
    """Per version: per row index, the quantities of its segments (offsets into the file)."""

    def compute():
        out: dict[str, dict[int, list[numparse.Quantity]]] = {}
        if ctx.alignment is None:
            return out
        seg_cache: dict[tuple[str, int], list] = {}
        versions = ctx.versions
        words = True
        for row in ctx.alignment.rows:
            for vid, idxs in row.cells.items():
                if not idxs or vid not in versions:
                    continue
                lang = versions[vid].language
                qs: list[numparse.Quantity] = []
                for i in idxs:
                    key = (vid, i, words)
                    if key not in seg_cache:
                        seg = ctx.segments[vid][i]
                        found = numparse.extract(seg.text, lang, words=words) if seg.text else []
                        seg_cache[key] = [_shift(q, seg.start) for q in found]
                    qs.extend(seg_cache[key])
                out.setdefault(vid, {})[row.index] = qs
        return out

    return ctx.cached("numbers.items", compute)


def _shift(q: numparse.Quantity, off: int) -> numparse.Quantity:
    meta = q.meta
    if meta:
        day_span, month_span, day, mo = meta
        meta = (
            (day_span[0] + off, day_span[1] + off) if day_span else None,
            (month_span[0] + off, month_span[1] + off) if month_span else None,
            day, mo,
        )
    return numparse.Quantity(
        q.start + off, q.end + off, q.kind, q.key, q.alts, q.text, q.weak, q.mult,
        q.num_start + off, q.num_end + off, q.sig, q.decimals, q.unit, meta,
    )


_FLIP = {"ms": "mu", "mu": "ms"}


def _own_keys(q: numparse.Quantity) -> set:
    """The readings of a quantity itself (not the parts it is evidence for).

    A mantissa key looks for its counterpart: "1,5 Millionen" (``("ms", 1.5)``) is backed
    by "1,5 millió" whose scale word we do not know (``("mu", 1.5)``), not by
    "1,5 Milliarden" whose scale we do know and which says something else.
    """
    if q.kind in ("date", "month"):
        return {q.key} | {k for k in q.alts if isinstance(k, tuple) and k[0] == q.key[0]}
    if q.kind == "time":
        return {q.key}
    return {(_FLIP[k[0]], k[1]) if isinstance(k, tuple) and k[0] in _FLIP else k for k in _keys(q)}


def _keys(q: numparse.Quantity) -> set:
    ks = set(q.alts)
    ks.add(q.key)
    return ks


def _fuzzy(a: numparse.Quantity, b: numparse.Quantity) -> bool:
    """Two numeric quantities that are plausibly the same fact written differently."""
    x, y = a.numeric, b.numeric
    if x is None or y is None or a.weak or b.weak:
        return False
    if numparse.rounding_of(a, y, b.sig, b.decimals):
        return True  # this version rounded what the other one says
    if numparse.converted(a, b) or numparse.converted(b, a):
        return True
    for s, t in ((x, y),):
        if s < 100 and float(s).is_integer() and 1000 <= t <= 2100 and t % 100 == s:
            return True  # "the 90s" / "1990s", "2018-19"
        if s <= 21 and float(s).is_integer() and 1000 <= t <= 2100 and t % 100 == 0 and t // 100 + 1 == s:
            return True  # "the 19th century" / "1800-luvulla"
    if max(x, y) <= 24 and abs(x - y) == 12:
        return True  # 3 p.m. / 15 h
    if abs(x * 100 - y) < 1e-9 or abs(y * 100 - x) < 1e-9:
        return True  # 0.15 / 15 %
    return False


def _digits(k) -> str:
    if isinstance(k, tuple):
        return "".join(str(p) for p in k[1:])
    if isinstance(k, float) and not k.is_integer():
        return repr(k).replace(".", "")
    return str(int(k))


def _edit(a: str, b: str) -> int:
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def ex_vid(by_vid: dict, ex) -> str:
    return next(v for v, q in by_vid.items() if q is ex)


def _comparable(q: numparse.Quantity, ex: numparse.Quantity, dist: int) -> bool:
    """Could ``q`` be a changed ``ex`` (rather than an unrelated number)?"""
    x, y = q.numeric, ex.numeric
    if x is None or y is None:
        return True
    if sorted(_digits(q.key)) == sorted(_digits(ex.key)) or dist <= max(1, len(_digits(ex.key)) // 2):
        return True
    if x and y and 0.1 <= x / y <= 10:
        return True
    return False


class _NumberVote:
    """The row-by-row vote shared by MT301 and MT302 (computed once per article)."""

    def __init__(self, ctx: ArticleContext, window: int, min_share: float):
        self.ctx = ctx
        self.window = window
        self.min_share = min_share
        self.items = _items_by_row(ctx)
        self.source = next((v.id for v in ctx.article.versions if v.is_source), None)
        self._row_keys: dict = {}

    def row_keys(self, vid: str, r: int) -> set:
        ck = (vid, r)
        ks = self._row_keys.get(ck)
        if ks is None:
            ks = self._row_keys[ck] = {k for q in self.items.get(vid, {}).get(r, ()) for k in _keys(q)}
        return ks

    def surplus_near(self, vid: str, r: int, refs) -> list:
        """``vid``'s quantities in the neighbouring rows that ``refs`` lack in those same rows.

        Only these can stand for a value of row ``r`` that slipped into a neighbour: a
        "10th century" that every version has in the next row is that row's own number and
        must not explain away a "2012" here against "2010" elsewhere.
        """
        rows = self.items.get(vid, {})
        out = []
        for rr in range(r - self.window, r + self.window + 1):
            if rr == r:
                continue
            qs = rows.get(rr)
            if not qs:
                continue
            ref_keys = [self.row_keys(o, rr) for o in refs]
            for q in qs:
                own = _own_keys(q)
                held = sum(1 for ks in ref_keys if ks & own)
                if not ref_keys or 2 * held < len(ref_keys):
                    out.append(q)
        return out

    def near(self, vid: str, r: int) -> list:
        rows = self.items.get(vid, {})
        out = []
        for rr in range(r - self.window, r + self.window + 1):
            out.extend(rows.get(rr, ()))
        return out

    @staticmethod
    def _explained_nearby(q, my_near, others_near) -> bool:
        own = _own_keys(q)
        mine = sum(1 for o in my_near if _own_keys(o) & own)
        for qs in others_near.values():
            if sum(1 for o in qs if _keys(o) & own) >= mine:
                return True
        return False

    def rel(self, vid: str, r: int, q) -> float:
        """Relative position (0..1) of a quantity among the quantities of its row."""
        qs = [x for x in self.items.get(vid, {}).get(r, ()) if not x.weak]
        if len(qs) <= 1:
            return 0.5
        for i, x in enumerate(qs):
            if x is q:
                return i / (len(qs) - 1)
        return 0.5

    def _count(self, key, vid: str, r: int) -> int:
        return sum(1 for q in self.near(vid, r) if key in _keys(q))

    def _has_enough(self, key, vid: str, r: int, supporters) -> bool:
        """Does ``vid`` mention ``key`` near row ``r`` as often as the supporters do (median)?"""
        if key in {k for q in self.items.get(vid, {}).get(r, ()) for k in _keys(q)}:
            return True
        counts = sorted(self._count(key, s, r) for s in supporters)
        if not counts:
            return True
        return self._count(key, vid, r) >= counts[len(counts) // 2]

    def run(self) -> list[tuple]:
        """(version, row, quantity, expected key, supporters, present) for each disagreement."""
        results = []
        if self.ctx.alignment is None:
            return results
        for row in self.ctx.alignment.rows:
            present = [vid for vid, idx in row.cells.items() if idx and vid in self.items]
            if len(present) < 2:
                continue
            r = row.index
            row_items = {vid: self.items[vid].get(r, []) for vid in present}
            if not any(q for qs in row_items.values() for q in qs if not q.weak):
                continue
            keysets = {vid: {k for q in qs for k in _keys(q)} for vid, qs in row_items.items()}
            # key -> versions that have it (any reading)
            holders: dict = defaultdict(set)
            for vid, ks in keysets.items():
                for k in ks:
                    holders[k].add(vid)
            # key -> (kind class, example quantity per version) from strong quantities
            strong: dict = {}
            for vid, qs in row_items.items():
                for q in qs:
                    if not q.weak:
                        strong.setdefault(q.key, {})[vid] = q
            for vid in present:
                mine = row_items[vid]
                cand = []
                lone = set()  # quantities that one other (non-source) version shares
                for q in mine:
                    if q.weak:
                        continue
                    sharing = set()
                    for k in _own_keys(q):
                        sharing |= holders.get(k, set()) - {vid}
                    if q.kind == "time":  # "15:50" is backed by "15 h 50" (two numbers)
                        mi = q.key[2]
                        for h in q.alts:
                            if h != mi:
                                sharing |= holders.get(h, set()) & holders.get(mi, set())
                        sharing.discard(vid)
                    if not sharing:
                        cand.append(q)
                    elif len(sharing) == 1 and self.source not in sharing and len(present) >= 6:
                        cand.append(q)
                        lone.add(id(q))
                if not cand:
                    continue
                # widen to neighbouring rows (alignment slips), counting occurrences so that
                # a value the neighbours use elsewhere does not explain an extra one here
                others_near = {o: self.near(o, r) for o in present if o != vid}
                my_near = self.near(vid, r)
                cand = [q for q in cand if id(q) in lone or not self._explained_nearby(q, my_near, others_near)]
                # fuzzy matches (rounding, conversion, decade): the others' own row, plus what
                # their neighbouring rows have that this version's neighbouring rows lack
                near_numeric = [q for o in others_near for q in row_items[o] if q.numeric is not None]
                near_numeric += [q for o in others_near for q in self.surplus_near(o, r, (vid,))
                                 if q.numeric is not None]
                cand = [q for q in cand if not (q.numeric is not None and any(_fuzzy(q, o) for o in near_numeric))]
                if not cand:
                    continue
                my_keys = {k for q in my_near for k in _keys(q)}
                n_others = len(present) - 1
                missing = []
                for key, by_vid in strong.items():
                    if key in my_keys and self._has_enough(key, vid, r, holders[key] - {vid}):
                        continue
                    sup = sorted(holders[key] - {vid})
                    if not sup:
                        continue
                    # at least two other versions agree, or the source alone when it is the
                    # only other version of the row (a source/translation pair)
                    if len(sup) < 2 and not (n_others == 1 and sup == [self.source]):
                        continue
                    if len(sup) < self.min_share * n_others:
                        continue
                    example = next(iter(by_vid.values()))
                    if example.numeric is not None and any(
                        q.numeric is not None and _fuzzy(q, example)
                        for q in mine + self.surplus_near(vid, r, sup)
                    ):
                        continue
                    missing.append((key, sup, by_vid))
                if not missing:
                    continue
                pairs = []
                for q in cand:
                    for key, sup, by_vid in missing:
                        ex = by_vid.get(self.source) or next(
                            (x for x in by_vid.values() if x.text.isascii()), next(iter(by_vid.values())))
                        if _KIND_CLASS[q.kind] != _KIND_CLASS[ex.kind]:
                            continue
                        d = _edit(_digits(q.key), _digits(key))
                        if not _comparable(q, ex, d):
                            continue
                        if id(q) in lone and len(sup) < max(4, 0.75 * n_others):
                            continue  # two versions against the rest: only when the rest is a clear majority
                        drift = abs(self.rel(vid, r, q) - self.rel(ex_vid(by_vid, ex), r, ex))
                        pairs.append((d, round(drift, 1), -len(sup), q.start, q, key, sup, ex))
                pairs.sort(key=lambda t: t[:4])
                used_q, used_k = set(), set()
                for d, _, _, _, q, key, sup, ex in pairs:
                    if id(q) in used_q or key in used_k:
                        continue
                    used_q.add(id(q))
                    used_k.add(key)
                    results.append((vid, r, q, key, sup, ex, n_others, d))
        return results


def _vote(ctx: ArticleContext, check: Check) -> list[tuple]:
    window = ctx.option(check, "window")
    share = ctx.option(check, "min_share")
    return ctx.cached(f"numbers.vote.{window}.{share}", lambda: _NumberVote(ctx, window, share).run())


def _expected(q: numparse.Quantity, key, ex: numparse.Quantity, lang: str, text: str) -> str:
    """The agreed value written the way this version writes it (or neutrally)."""
    if isinstance(key, tuple):
        if key[0] == "dm" and q.kind == "date" and q.meta and q.meta[0]:
            (ds, de), (ms, me), _, _ = q.meta
            month_words = numparse.MONTH_IN_DATE.get(lang)
            mtxt = text[ms:me]
            if any(c.isdigit() for c in numparse.normalise_digits(mtxt)):
                new_m = numparse.normalise_digits(mtxt).replace(
                    "".join(c for c in numparse.normalise_digits(mtxt) if c.isdigit()), str(key[1]), 1)
            elif month_words:
                new_m = month_words.split()[key[1] - 1]
            else:
                return numparse.neutral(key)
            parts = sorted([((ds, de), str(key[2])), ((ms, me), new_m)])
            out, pos = [], q.start
            for (a, b), rep in parts:
                out.append(text[pos:a])
                out.append(rep)
                pos = b
            out.append(text[pos:q.end])
            return "".join(out)
        if key[0] == "m" and q.kind == "month":
            month_words = numparse.MONTH_IN_DATE.get(lang)
            return month_words.split()[key[1] - 1] if month_words else numparse.neutral(key)
        if key[0] == "t":
            m = re.fullmatch(r"(\d{1,2})([:h.])(\d\d)", numparse.normalise_digits(q.text))
            if m:  # "14:50" -> "15:50", keeping this version's 24-hour or 12-hour style
                h = key[1] + (12 if int(m.group(1)) >= 12 else 0)
                return f"{h}{m.group(2)}{key[2]:02d}"
            return ex.text
        return numparse.neutral(key)
    value = float(key)
    if q.kind == "word":  # "nine" -> "seven", "Five" -> "Three"
        word = numparse.spell(key, lang, like=q.text)
        if word:
            return word
    if q.num_end > q.num_start and q.kind != "time" and ex.mult != q.mult and ex.mult > 1 \
            and value / (q.mult or 1) < 1:
        # the scale word is what differs ("1,2 mil millones" for 1.2 million): write both
        scale = next((w for w, f in numparse.patterns(lang).scales.items()
                      if f == ex.mult and len(w) > 2), None)
        if scale:
            mant = numparse.format_number(value / ex.mult, lang, like=text[q.num_start:q.num_end])
            return f"{mant} {scale}"
        return numparse.neutral(key)
    if q.num_end > q.num_start and q.kind != "time":
        mant = value / q.mult if q.mult else value
        if abs(mant - round(mant, 3)) < 1e-9:
            dec = ex.decimals if ex.mult == q.mult else None
            s = numparse.format_number(mant, lang, like=text[q.num_start:q.num_end], decimals=dec)
            return text[q.start:q.num_start] + s + text[q.num_end:q.end]
    return numparse.neutral(key)


def _findings(check: Check, ctx: ArticleContext, date_family: bool) -> Iterable[Finding]:
    for vid, r, q, key, sup, ex, n_others, dist in _vote(ctx, check):
        is_date = q.kind in ("year", "date", "month") or ex.kind in ("year", "date", "month")
        if is_date != date_family:
            continue
        v = ctx.article.version(vid)
        expected = _expected(q, key, ex, v.language, v.text)
        n = len(sup)
        strong_vote = n >= 3 or (n >= 2 and any(ctx.article.version(s).is_source for s in sup))
        close = dist <= max(1, len(_digits(key)) // 2) or sorted(_digits(key)) == sorted(_digits(q.key))
        severity = "error" if strong_vote and close else "warning"
        names = ", ".join(sup[:4]) + (f" +{n - 4}" if n > 4 else "")
        written = v.text[q.start:q.end]
        other = ex.text or numparse.neutral(key)
        what = "version has" if n == 1 else "other versions have"
        message = (f"{written} here; {n} {what} {other} ({names})"
                   + ("" if n_others == n else f"; {n_others - n} other version(s) do not say"))
        yield ctx.finding(
            check, vid, q.start, q.end, message=message, expected=expected, severity=severity,
            row=r, confidence=min(1.0, n / max(1, n_others)) * (1.0 if close else 0.6),
            data={"value": numparse.neutral(q.key), "expected_value": numparse.neutral(key),
                  "supporters": list(sup)},
        )


_OPTIONS = {
    "window": (int, 1, "aligned rows on each side also searched for the same value (alignment slips)"),
    "min_share": (float, 0.5, "share of the other versions of a row that must agree on the expected value"),
}


@register
class NumberMismatch(Check):
    """A number, amount or percentage disagrees with what the other versions agree on.

    Why: a changed digit is the most damaging silent error a translation can make
    (a price, a casualty count, an interest rate), and it is invisible to a reader who
    sees one version only.  The versions vote row by row after normalising locale
    conventions (``1,5``/``1.5``, ``1 200``/``1.200``/``1,200``/``1'200``, full-width
    and Arabic-Indic digits, ``150万``, ``1,5 Millionen``, "nine"/"neuf"/"девять").
    A value is reported only when no other version has it (nor a rounding or a unit
    conversion of it) and at least two other versions agree on a value this version
    lacks (in a source/translation pair, the source alone).  It is an ``error`` when
    three versions, or two including the source, agree and the numbers differ by a
    digit or two; a ``warning`` when the vote is thin or the numbers look unrelated.

    Example (``de.txt``): "Die Genossenschaft zählt inzwischen 1.410 Mitglieder."
    while ``en.source`` has "1,140 members", ``fr`` "1 140 membres" and ``it``
    "1.140 soci": reported at ``1.410`` with expected ``1.140``.
    """

    code = "MT301"
    name = "numbers.mismatch"
    severity = "error"
    options = _OPTIONS

    def run(self, ctx: ArticleContext) -> Iterable[Finding]:
        yield from _findings(self, ctx, date_family=False)


@register
class DateMismatch(Check):
    """A date, month or year disagrees with what the other versions agree on.

    Why: a wrong day or year moves an event (a deadline, an election, a court date)
    and no spell checker sees it.  Dates are compared as (month, day) and year after
    parsing each language's way of writing them ("3 mars 2024", "March 3, 2024",
    "2024年3月3日", "3. März 2024", "3 марта 2024", "3 Μαρτίου 2024").  The vote is the
    one of MT301: reported only against a value at least two other versions agree on.

    Example (``fr.txt``): "La vente aux enchères aura lieu le 14 mai 2024." while
    ``en.source`` says "14 March 2024" and ``de`` "14. März 2024": reported at
    ``14 mai 2024`` with expected ``14 mars 2024``.
    """

    code = "MT302"
    name = "numbers.date-mismatch"
    severity = "error"
    options = _OPTIONS

    def run(self, ctx: ArticleContext) -> Iterable[Finding]:
        yield from _findings(self, ctx, date_family=True)
