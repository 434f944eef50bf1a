"""Sentence-boundary quality of ``mtcheck.segment`` on the NTREX documents.

Each line of ``../shared/data/ntrex-dev/<doc>/<iso3>.txt`` is one sentence, and the
lines are aligned across 20 languages.  For every document and language we rebuild a
plain-text article: the headline alone, then paragraphs of ``--group`` sentences joined
by a space (nothing for Chinese/Japanese), paragraphs separated by a blank line.  A line
that does not end in sentence punctuation (a sub-heading, a photo credit) closes its
paragraph, as it would in a real article, since no segmenter can find that boundary.

The gold boundaries are the offsets where one line starts inside a paragraph; the
predicted boundaries are the starts of the segments ``segment_version`` returns inside
a paragraph.  Paragraph starts are not counted (they are free).  Printed per language:
boundary precision, recall and F1, and the wrong splits / missed splits when ``-v``.

    python benchmarks/segmentation_eval.py [--langs fra,deu] [--group 4] [-v]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mtcheck.load import parse_language_tag  # noqa: E402
from mtcheck.markup import blank_markup  # noqa: E402
from mtcheck.model import Version  # noqa: E402
from mtcheck.segment import segment_version  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "ntrex-dev"
LANGS = "eng fra deu spa ita por rus ukr pol ces tur ara zho jpn kor hin ell fin ind vie".split()
UNSPACED = {"zho", "jpn"}
_ENDS = re.compile(r"[.!?。！？…।؟:;\"'”»)\]」』）]\s*$")


def build(lines: list[str], lang: str, group: int) -> tuple[str, set[int]]:
    """Return (text, gold inner boundaries)."""
    joiner = "" if lang in UNSPACED else " "
    paras: list[list[str]] = []
    cur: list[str] = []
    for k, line in enumerate(lines):
        line = line.strip()
        if not line:
            continue
        cur.append(line)
        if k == 0 or len(cur) >= group or not _ENDS.search(line):
            paras.append(cur)
            cur = []
    if cur:
        paras.append(cur)
    text = ""
    gold: set[int] = set()
    for p in paras:
        if text:
            text += "\n\n"
        for i, s in enumerate(p):
            if i:
                text += joiner
                gold.add(len(text))
            text += s
    return text, gold


def version_for(text: str, lang: str) -> Version:
    tag = parse_language_tag(lang)
    return Version(id=lang, lang=tag.lang, language=tag.language, label=None, path=lang, text=text,
                   check_text=blank_markup(text, "txt"), format="txt", script=tag.script)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--langs", default=",".join(LANGS))
    ap.add_argument("--group", type=int, default=4, help="sentences per paragraph")
    ap.add_argument("-v", "--verbose", action="store_true", help="print the errors")
    args = ap.parse_args(argv)
    if not args.data.exists():
        print(f"{args.data} not found; nothing to measure", file=sys.stderr)
        return 0
    docs = sorted(p for p in args.data.iterdir() if p.is_dir())
    tot_tp = tot_fp = tot_fn = 0
    chars = 0
    elapsed = 0.0
    print(f"{'lang':5} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5}")
    for lang in args.langs.split(","):
        tp = fp = fn = 0
        for d in docs:
            f = d / f"{lang}.txt"
            if not f.exists():
                continue
            text, gold = build(f.read_text(encoding="utf-8").splitlines(), lang, args.group)
            v = version_for(text, lang)
            t0 = time.perf_counter()
            segs = segment_version(v)
            elapsed += time.perf_counter() - t0
            chars += len(text)
            para_starts = set()
            last_para = None
            pred = set()
            for s in segs:
                if s.paragraph != last_para:
                    para_starts.add(s.start)
                    last_para = s.paragraph
                else:
                    pred.add(s.start)
            tp += len(pred & gold)
            fp += len(pred - gold)
            fn += len(gold - pred)
            if args.verbose:
                for b in sorted(pred - gold):
                    print(f"  {lang} {d.name} WRONG SPLIT: …{text[max(0, b - 50):b]}|{text[b:b + 30]}…")
                for b in sorted(gold - pred):
                    print(f"  {lang} {d.name} MISSED:      …{text[max(0, b - 50):b]}|{text[b:b + 30]}…")
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{lang:5} {100 * p:6.1f} {100 * r:6.1f} {100 * f1:6.1f} {tp + fn:5d}")
        tot_tp, tot_fp, tot_fn = tot_tp + tp, tot_fp + fp, tot_fn + fn
    p = tot_tp / (tot_tp + tot_fp) if tot_tp + tot_fp else 1.0
    r = tot_tp / (tot_tp + tot_fn) if tot_tp + tot_fn else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"{'all':5} {100 * p:6.1f} {100 * r:6.1f} {100 * f1:6.1f} {tot_tp + tot_fn:5d}")
    print(f"speed: {chars / max(elapsed, 1e-9) / 1e6:.1f} M chars/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
