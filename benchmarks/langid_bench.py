#!/usr/bin/env python3
"""Speed and accuracy of the language-identification engines (mtcheck.langid).

Reads the NTREX development documents (``../shared/data/ntrex-dev``, one sentence
per line, 20 languages) at run time and prints, per engine:

* load time;
* accuracy on whole sentences and on 4-word fragments (consecutive words cut from
  the sentences), with classification restricted to the 20 NTREX languages — as
  mtcheck restricts it to an article's languages;
* sentences per second;
* for py3langid, also the windowed word-vector scoring that the MT202 check uses
  (sum of per-word vectors over 4-word windows): accuracy and windows per second.

Usage::

    python benchmarks/langid_bench.py [--data DIR] [--docs N] [--engines py3langid,langdetect]

Nothing from the data is written anywhere; the script only prints figures.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

DEFAULT_DATA = HERE.parent.parent / "shared" / "data" / "ntrex-dev"
ISO = {
    "eng": "en", "fra": "fr", "deu": "de", "spa": "es", "ita": "it", "por": "pt", "rus": "ru", "ukr": "uk",
    "pol": "pl", "ces": "cs", "tur": "tr", "ara": "ar", "zho": "zh", "jpn": "ja", "kor": "ko", "hin": "hi",
    "ell": "el", "fin": "fi", "ind": "id", "vie": "vi",
}
UNSPACED = {"zho", "jpn"}
WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")


def load(data: Path, docs: int):
    sents: list[tuple[str, str]] = []
    frags: list[tuple[str, str]] = []
    for d in sorted(p for p in data.iterdir() if p.is_dir())[:docs]:
        for iso, lang in ISO.items():
            f = d / f"{iso}.txt"
            if not f.exists():
                continue
            for line in f.read_text(encoding="utf-8").splitlines():
                line = line.strip()
                if not line:
                    continue
                sents.append((line, lang))
                if iso in UNSPACED:
                    chars = [c for c in line if c.isalpha()]
                    for i in range(0, len(chars) - 7, 8):
                        frags.append(("".join(chars[i:i + 8]), lang))
                else:
                    words = WORD.findall(line)
                    for i in range(0, len(words) - 3, 4):
                        frags.append((" ".join(words[i:i + 4]), lang))
    return sents, frags


def accuracy(ident, items, cands):
    t = time.perf_counter()
    ok = sum(1 for text, lang in items if ident.classify(text, cands)[0] == lang)
    dt = time.perf_counter() - t
    return ok / max(1, len(items)), len(items) / dt if dt else float("inf")


def windowed(ident, items, cands):
    """The MT202 scoring: summed per-word vectors, softmax at sqrt(bytes) temperature."""
    import numpy as np

    prior = ident.prior(cands)
    ok = 0
    n = 0
    t = time.perf_counter()
    for text, lang in items:
        words = [w.lower() for w in text.split()]
        if len(words) < 2:
            continue
        m = ident.word_scores(words, cands)
        z = (m.sum(axis=0) + prior) / math.sqrt(sum(len(w.encode()) + 1 for w in words))
        ok += cands[int(np.argmax(z))] == lang
        n += 1
    dt = time.perf_counter() - t
    return ok / max(1, n), n / dt if dt else float("inf")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--docs", type=int, default=37, help="NTREX documents to use (default all 37)")
    ap.add_argument("--engines", default="py3langid,langdetect")
    ap.add_argument("--max-langdetect", type=int, default=3000, help="items per test for the slow engine")
    args = ap.parse_args(argv)
    if not args.data.exists():
        print(f"skipped: {args.data} not found")
        return 0
    from mtcheck import langid

    sents, frags = load(args.data, args.docs)
    cands = sorted(set(ISO.values()))
    print(f"NTREX: {len(sents)} sentences, {len(frags)} 4-word fragments (8 characters in zh/ja), "
          f"{len(cands)} candidate languages")
    print(f"{'engine':<12} {'load s':>7} {'sent acc':>9} {'sent/s':>9} {'frag acc':>9} {'frag/s':>9}")
    for name in args.engines.split(","):
        name = name.strip()
        t = time.perf_counter()
        ident = langid.get_identifier(name)
        load_s = time.perf_counter() - t
        s_items, f_items = sents, frags
        if name == "langdetect":
            step_s = max(1, len(sents) // args.max_langdetect)
            step_f = max(1, len(frags) // args.max_langdetect)
            s_items, f_items = sents[::step_s], frags[::step_f]
        sa, ss = accuracy(ident, s_items, cands)
        fa, fs = accuracy(ident, f_items, cands)
        print(f"{name:<12} {load_s:7.2f} {sa:9.3f} {ss:9.0f} {fa:9.3f} {fs:9.0f}")
        if name == "py3langid":
            spaced = [(t_, l_) for t_, l_ in frags if l_ not in ("zh", "ja")]
            ident.word_scores([w.lower() for t_, _ in spaced for w in t_.split()], cands)  # warm the cache
            wa, ws = windowed(ident, spaced, cands)
            print(f"{'  windows':<12} {'':>7} {'':>9} {'':>9} {wa:9.3f} {ws:9.0f}   (summed word vectors, spaced scripts, warm cache)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
