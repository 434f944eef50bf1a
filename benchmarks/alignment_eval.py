"""How well ``mtcheck.align`` recovers the rows of multi-version articles.

Gold data: the NTREX documents (``../shared/data/ntrex-dev/<doc>/<iso3>.txt``), one
sentence per line, line-aligned across 20 languages, so sentence *i* of every language
is one unit of meaning.  For each document (or, with ``--join 2``, two consecutive
documents, ~38 sentences) we build an in-memory article with one version per language
(English as ``en.source`` unless ``--no-source``), paragraphs grouped the same way in
every language (headline alone, then groups of 1-4 sentences), and plant restructurings
in the non-source versions with a seeded ``random.Random``:

``merge``     two adjacent sentences of a paragraph become one (the first one's final
              mark turns into a comma: "A. B." -> "A, B.");
``split``     one sentence becomes two at a comma near its middle ("A, B." -> "A. B.");
``omit``      a sentence is deleted;
``add``       a sentence of another document (same language) is inserted;
``regroup``   two adjacent paragraphs are merged, or one is split in two.

``--ops`` says how many of each per version (default: one merge and one split).
``--lower`` lower-cases every version except the source (as MT pipelines like the
seed's deliver them; without ``--no-source`` the English source keeps its capitals),
``--lower-source`` the source too; offsets are kept (İ stays İ).
With ``--same-language`` a second French version (``fr.alt``) is added, planted
independently, to check that same-language versions align too.

Scoring.  Every version's text is segmented by ``segment_version``; a segment's gold
set is the set of NTREX line numbers its text comes from (an added sentence gets its
own id).  A *gold row* is a connected group of line numbers: lines that some version
merged (or that the segmenter could not separate) belong to one gold row.  For a gold
row R and a version v, the gold cell G_v(R) is the set of v's segments whose lines lie
in R (empty when v omitted them); the predicted cell A_v(R) is the union of v's cells
over every aligned row that holds a segment of R in the pivot (when the pivot has
none of R: a segment of R in v itself).  So an added sentence must sit in a row of
its own, and an omission must leave the version's cell empty.

* a *cell* (R, v) is correct when A_v(R) == G_v(R);
* a *gold row* is correct when all of its cells are correct (every version).

Printed: cell accuracy per language, and row accuracy overall; quality (the
``Alignment.quality`` of each version) and the time ``align_article`` took.  A final
check aligns each article with one version replaced by a different document and
reports the quality of that version (it must stay below 0.25, where MT002 fires)
against the lowest quality of a genuine version.

    python benchmarks/alignment_eval.py                      # merges + splits
    python benchmarks/alignment_eval.py --ops merge=1,split=1,omit=1,add=1,regroup=1
    python benchmarks/alignment_eval.py --no-source --same-language --join 2
    python benchmarks/alignment_eval.py --lower --no-source  # every version lower-cased
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mtcheck.align import align_article  # noqa: E402
from mtcheck.load import parse_language_tag  # noqa: E402
from mtcheck.markup import blank_markup  # noqa: E402
from mtcheck.model import Article, Version  # noqa: E402
from mtcheck.segment import segment_version  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "ntrex-dev"
LANGS = "eng fra deu spa ita por rus ukr pol ces tur ara zho jpn kor hin ell fin ind vie".split()
UNSPACED = {"zho", "jpn"}
CASELESS = {"ara", "zho", "jpn", "kor", "hin"}
_END = re.compile(r"[.。।!?！？]$")
_COMMA = {"zho": "，", "jpn": "、", "ara": "،"}
_STOP = {"zho": "。", "jpn": "。", "hin": "।"}


@dataclass
class Unit:
    text: str
    ids: frozenset  # NTREX line numbers (ints) or ("add", n) for an added sentence


def _paragraphs(n: int, rng: random.Random) -> list[list[int]]:
    paras, i = [[0]], 1
    while i < n:
        k = rng.randint(1, 4)
        paras.append(list(range(i, min(n, i + k))))
        i += k
    return paras


def _merge(a: str, b: str, lang: str) -> str | None:
    if not _END.search(a):
        return None
    comma = _COMMA.get(lang, ",")
    return a[:-1] + comma + ("" if lang in UNSPACED else " ") + b


def _split(s: str, lang: str) -> tuple[str, str] | None:
    comma = _COMMA.get(lang, ",")
    n = len(s)
    cands = [m.start() for m in re.finditer(re.escape(comma), s) if 0.3 * n < m.start() < 0.7 * n]
    if not cands:
        return None
    c = min(cands, key=lambda i: abs(i - n / 2))
    a, b = s[:c].rstrip(), s[c + 1:].lstrip()
    if not a or not b or not b[0].isalpha() and lang not in CASELESS:
        return None
    stop = _STOP.get(lang, ".")
    if lang not in CASELESS:
        b = b[0].upper() + b[1:]
    return a + stop, b


def plant(paras: list[list[Unit]], ops: dict[str, int], lang: str, rng: random.Random,
          others: list[str], add_no: list[int]) -> list[list[Unit]]:
    paras = [list(p) for p in paras]
    for op, k in ops.items():
        for _ in range(k):
            for _attempt in range(20):
                pi = rng.randrange(1, len(paras)) if len(paras) > 1 else 0  # keep the headline
                p = paras[pi]
                if op == "merge" and len(p) >= 2:
                    j = rng.randrange(len(p) - 1)
                    t = _merge(p[j].text, p[j + 1].text, lang)
                    if t:
                        p[j:j + 2] = [Unit(t, p[j].ids | p[j + 1].ids)]
                        break
                elif op == "split" and p:
                    j = rng.randrange(len(p))
                    r = _split(p[j].text, lang)
                    if r and len(p[j].ids) == 1:
                        p[j:j + 1] = [Unit(r[0], p[j].ids), Unit(r[1], p[j].ids)]
                        break
                elif op == "omit" and len(p) >= 2:
                    del p[rng.randrange(len(p))]
                    break
                elif op == "add" and others:
                    add_no[0] += 1
                    p.insert(rng.randrange(len(p) + 1), Unit(rng.choice(others), frozenset({("add", add_no[0])})))
                    break
                elif op == "regroup" and len(paras) > 2:
                    if rng.random() < 0.5 and pi + 1 < len(paras):
                        paras[pi:pi + 2] = [paras[pi] + paras[pi + 1]]
                        break
                    if len(p) >= 2:
                        j = rng.randrange(1, len(p))
                        paras[pi:pi + 1] = [p[:j], p[j:]]
                        break
    return [p for p in paras if p]


def render(paras: list[list[Unit]], lang: str) -> tuple[str, list[tuple[int, int, frozenset]]]:
    joiner = "" if lang in UNSPACED else " "
    text, spans = "", []
    for p in paras:
        if text:
            text += "\n\n"
        for i, u in enumerate(p):
            if i:
                text += joiner
            spans.append((len(text), len(text) + len(u.text), u.ids))
            text += u.text
    return text, spans


def make_version(vid: str, iso3: str, text: str) -> Version:
    tag = parse_language_tag(iso3)
    label = vid.partition(".")[2] or None
    return Version(id=vid, lang=tag.lang, language=tag.language, label=label, path=vid + ".txt", text=text,
                   check_text=blank_markup(text, "txt"), format="txt", script=tag.script)


def lower_keep_length(text: str) -> str:
    """Lower-case character by character, keeping every offset (as ``evaluate.py --lower``)."""
    return "".join(low if len(low := ch.lower()) == 1 else ch for ch in text)


class _DSU:
    def __init__(self):
        self.p = {}

    def find(self, x):
        self.p.setdefault(x, x)
        while self.p[x] != x:
            self.p[x] = self.p[self.p[x]]
            x = self.p[x]
        return x

    def union(self, a, b):
        self.p[self.find(a)] = self.find(b)


def score(article: Article, segments, spans_of, alignment):
    """Return ({vid: (correct cells, cells)}, correct rows, rows, failing rows)."""
    seg_ids = {}
    dsu = _DSU()
    for vid, segs in segments.items():
        spans = spans_of[vid]
        out = []
        for s in segs:
            ids = set()
            for a, b, u in spans:
                if a < s.end and s.start < b:
                    ids |= u
            out.append(frozenset(ids))
            for x in ids:
                dsu.find(x)
            first = next(iter(ids), None)
            for x in ids:
                dsu.union(first, x)
        seg_ids[vid] = out
    rows_of_seg = {vid: {} for vid in segments}
    for r in alignment.rows:
        for vid, cell in r.cells.items():
            for k in cell:
                rows_of_seg[vid].setdefault(k, []).append(r.index)
    gold: dict = {}
    for vid, ids_list in seg_ids.items():
        for k, ids in enumerate(ids_list):
            if ids:
                gold.setdefault(dsu.find(next(iter(ids))), {}).setdefault(vid, set()).add(k)
    per_version = {vid: [0, 0] for vid in segments}
    ok_rows = 0
    bad = []
    pivot = alignment.pivot

    def touched_by(vid, ks):
        out = set()
        for k in ks:
            out.update(rows_of_seg[vid].get(k, ()))
        return out

    for root, cells in gold.items():
        pivot_rows = touched_by(pivot, cells.get(pivot, ()))
        row_ok = True
        for vid in segments:
            # the rows holding the pivot's sentences of R; when the pivot has none
            # (an omission in the pivot, an addition elsewhere), the version's own
            touched = pivot_rows or touched_by(vid, cells.get(vid, ()))
            pred = set()
            for ri in touched:
                pred.update(alignment.rows[ri].cells.get(vid, ()))
            ok = pred == cells.get(vid, set())
            per_version[vid][0] += ok
            per_version[vid][1] += 1
            if not ok:
                row_ok = False
                bad.append((root, vid, sorted(cells.get(vid, set())), sorted(pred)))
        ok_rows += row_ok
    return per_version, ok_rows, len(gold), bad


def build_articles(args):
    docs = sorted(p for p in args.data.iterdir() if p.is_dir())
    lines = {d.name: {l: (d / f"{l}.txt").read_text(encoding="utf-8").splitlines() for l in LANGS} for d in docs}
    groups = [docs[i:i + args.join] for i in range(0, len(docs), args.join)]
    for gi, group in enumerate(groups):
        rng = random.Random(f"{args.seed}-{gi}")
        names = [d.name for d in group]
        per_lang = {l: [s for n in names for s in lines[n][l]] for l in LANGS}
        n = len(per_lang["eng"])
        if any(len(v) != n for v in per_lang.values()):
            continue
        layout = _paragraphs(n, rng)
        others = {l: [s for d, ls in lines.items() if d not in names for s in ls[l][1:]] for l in LANGS}
        add_no = [0]
        plan = [("eng", "en.source" if args.source else "en")] + [(l, parse_language_tag(l).lang) for l in LANGS[1:]]
        if args.same_language:
            plan.append(("fra", "fr.alt"))
        versions, spans_of = [], {}
        for iso3, vid in plan:
            paras = [[Unit(per_lang[iso3][i].strip(), frozenset({i})) for i in p] for p in layout]
            if not (args.source and vid == "en.source"):
                paras = plant(paras, args.ops, iso3, rng, others[iso3], add_no)
            text, spans = render(paras, iso3)
            if getattr(args, "lower", False) and (getattr(args, "lower_source", False) or vid != "en.source"):
                text = lower_keep_length(text)
            versions.append(make_version(vid, iso3, text))
            spans_of[vid] = spans
        yield "+".join(names), Article(id="+".join(names), path="", versions=tuple(versions)), spans_of, per_lang


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--ops", default="merge=1,split=1", help="planted operations per version, e.g. merge=1,omit=1")
    ap.add_argument("--no-source", dest="source", action="store_false", help="no en.source: the pivot is chosen")
    ap.add_argument("--same-language", action="store_true", help="add a second French version fr.alt")
    ap.add_argument("--join", type=int, default=1, help="documents per article (2 gives ~38 sentences)")
    ap.add_argument("--seed", default="0")
    ap.add_argument("--lower", action="store_true", help="lower-case every version but the source")
    ap.add_argument("--lower-source", action="store_true", help="with --lower: lower-case the source too")
    ap.add_argument("-v", "--verbose", action="store_true", help="print the wrong cells")
    args = ap.parse_args(argv)
    args.lower = args.lower or args.lower_source
    args.ops = {k: int(v) for k, v in (x.split("=") for x in args.ops.split(",") if x)} if args.ops != "none" else {}
    if not args.data.exists():
        print(f"{args.data} not found; nothing to measure", file=sys.stderr)
        return 0
    cells: dict[str, list[int]] = {}
    rows_ok = rows = 0
    times, qualities, foreign_q, lowq = [], [], [], []
    arts = list(build_articles(args))
    for k, (name, art, spans_of, _) in enumerate(arts):
        segments = {v.id: segment_version(v) for v in art.versions}
        t0 = time.process_time()  # CPU time: the machine may be shared
        al = align_article(art, segments)
        times.append(time.process_time() - t0)
        pv, ok, n, bad = score(art, segments, spans_of, al)
        rows_ok += ok
        rows += n
        for vid, (c, t) in pv.items():
            acc = cells.setdefault(vid, [0, 0])
            acc[0] += c
            acc[1] += t
        qualities.extend(q for vid, q in al.quality.items() if vid != al.pivot)
        lowq.extend(f"{name}/{vid} {q:.2f} (pivot {al.pivot})" for vid, q in al.quality.items()
                    if vid != al.pivot and q < 0.25)
        if args.verbose:
            for root, vid, g, p in bad:
                print(f"  {name} pivot={al.pivot} row {root}: {vid} gold {g} got {p}")
        # a version holding a different article
        other_art = arts[(k + 1) % len(arts)][1]
        swap = art.versions[3].id
        intruder = next(v for v in other_art.versions if v.id == swap)
        art2 = Article(id=name, path="", versions=tuple(intruder if v.id == swap else v for v in art.versions))
        seg2 = dict(segments)
        seg2[swap] = segment_version(intruder)
        al2 = align_article(art2, seg2)
        foreign_q.append(al2.quality.get(swap, 0.0))
    lowered = "no" if not args.lower else "all versions" if args.lower_source or not args.source else "all but the source"
    print(f"ops per version: {args.ops or 'none'}; source: {args.source}; lower-cased: {lowered}; articles: {len(arts)}")
    print(f"{'version':10} {'cells ok':>9}")
    for vid, (c, t) in cells.items():
        print(f"{vid:10} {100 * c / t:8.1f}%")
    tc = sum(c for c, _ in cells.values())
    tt = sum(t for _, t in cells.values())
    print(f"{'all cells':10} {100 * tc / tt:8.1f}%  ({tc}/{tt})")
    print(f"{'gold rows':10} {100 * rows_ok / rows:8.1f}%  ({rows_ok}/{rows}) correct in every version")
    low = sorted(lowq)
    print(f"quality of genuine versions: min {min(qualities):.2f}, median {statistics.median(qualities):.2f}; "
          f"{len(low)} below 0.25 (MT002){': ' + ', '.join(low[:8]) if low else ''}")
    print(f"quality of a version holding another article: max {max(foreign_q):.2f}, "
          f"median {statistics.median(foreign_q):.2f}")
    print(f"align_article CPU time: median {1000 * statistics.median(times):.1f} ms, max {1000 * max(times):.1f} ms "
          f"per article of {len(arts[0][1].versions)} versions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
