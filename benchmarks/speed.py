"""Speed and memory benchmark: mtcheck against the naive alternative, in one run.

Builds corpora of 10, 100 and 1,000 articles x 8 versions from the demo texts in
``corpora/`` (in a temporary folder; paragraphs rotated and digits remapped the
same way in every version of an article, so articles differ but stay
translations of each other), then for each size:

* runs the full check through the CLI in a subprocess
  (``python -m mtcheck check DIR -o report.json --format none --jobs 2``: all
  families, JSON report) and measures wall time, peak memory of the process tree
  (sampled from /proc) and the largest single process (``getrusage`` maxrss);
* runs a naive script doing the common alternative in a subprocess
  (``langdetect`` on every sentence plus sacrebleu sentence chrF of every
  sentence of every version against the source sentence at the same index);
* prints words/s, articles/s, peak memory and the speed ratio.

Also: ``mtcheck --version`` wall time (median of 5), and with ``--profile``
the share of run time per stage and check family (Python API, one process,
each check's ``run()`` timed).

    python benchmarks/speed.py                       # 10, 100, 1000 articles
    python benchmarks/speed.py --sizes 10,100 --jobs 2 --profile
    python benchmarks/speed.py --naive-max 100       # naive script only up to 100 articles

Standard library only (plus mtcheck's own dependencies).  Targets on 2 cores:
>= 50,000 words/s with --jobs 2, >= 5x the naive script, < 1 GiB at 1,000 articles,
``mtcheck --version`` < 0.5 s.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPORA = REPO / "corpora"
VERSIONS_PER_ARTICLE = 8
_DIGITS = re.compile(r"\d")
_PARA = re.compile(r"(\n[ \t]*\n)")


# --------------------------------------------------------------------------- corpus


def _base_articles() -> list[dict[str, str]]:
    """The demo articles as {file name: text}, each cut or padded to 8 versions."""
    out = []
    for folder in sorted(p for p in CORPORA.iterdir() if p.is_dir()):
        files = {p.name: p.read_text(encoding="utf-8-sig") for p in sorted(folder.iterdir())
                 if p.suffix in (".txt", ".md") and p.name.split(".")[0].lower() not in ("readme", "labels")}
        if len(files) < 2:
            continue
        source = [n for n in files if ".source." in n]
        others = [n for n in files if n not in source]
        chosen = (source + others)[:VERSIONS_PER_ARTICLE]
        arts = {n: files[n] for n in chosen}
        k = 0
        while len(arts) < VERSIONS_PER_ARTICLE:  # pad with relabelled copies: fr.copy1.txt
            name = others[k % len(others)]
            lang, _, rest = name.partition(".")
            ext = rest.rsplit(".", 1)[-1]
            arts[f"{lang}.copy{k + 1}.{ext}"] = files[name]
            k += 1
        out.append(arts)
    if not out:
        raise SystemExit(f"no demo articles under {CORPORA}")
    return out


def _vary(files: dict[str, str], i: int) -> dict[str, str]:
    """Variant ``i`` of an article: same rotation of paragraphs and same digit map in every version."""
    shift = i % 10
    table = str.maketrans("0123456789", "".join(str((d + shift) % 10) for d in range(10)))
    parts = {n: _PARA.split(t.strip("\n")) for n, t in files.items()}
    counts = {len(p[::2]) for p in parts.values()}
    out = {}
    for name, pieces in parts.items():
        paras = pieces[::2]
        if len(counts) == 1 and len(paras) > 2:
            r = (i // 10) % len(paras)
            # keep the first paragraph (the headline) in place, rotate the body
            body = paras[1:]
            r %= len(body)
            paras = [paras[0]] + body[r:] + body[:r]
        out[name] = "\n\n".join(paras).translate(table) + "\n"
    return out


def build_corpus(root: Path, n: int) -> Path:
    bases = _base_articles()
    corpus = root / f"corpus-{n}"
    for i in range(n):
        files = _vary(bases[i % len(bases)], i // len(bases))
        folder = corpus / f"a{i:05d}"
        folder.mkdir(parents=True)
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
    return corpus


# --------------------------------------------------------------------------- measuring


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of ``pid`` and all its descendants, in KiB (Linux /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                stat = fh.read().decode("ascii", "replace")
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{entry}/statm", "rb") as fh:
                pages = int(fh.read().split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry))
        rss[int(entry)] = pages * (os.sysconf("SC_PAGE_SIZE") // 1024)
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        total += rss.get(p, 0)
        stack.extend(children.get(p, ()))
    return total


def measure(cmd: list[str], **kw) -> dict:
    """Run ``cmd``; wall time, peak tree RSS (sampled) and largest process maxrss."""
    ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    before = ru0.ru_maxrss
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)
    peak = [0]
    done = threading.Event()

    def sample():
        while not done.is_set():
            if os.path.isdir("/proc"):
                peak[0] = max(peak[0], _tree_rss_kb(proc.pid))
            done.wait(0.05)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    done.set()
    th.join()
    ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    maxrss = ru1.ru_maxrss
    return {
        "wall": wall,
        # CPU seconds of the process and its workers: a load-independent figure
        "cpu": (ru1.ru_utime + ru1.ru_stime) - (ru0.ru_utime + ru0.ru_stime),
        "returncode": proc.returncode,
        "stdout": out.decode("utf-8", "replace"),
        "stderr": err.decode("utf-8", "replace"),
        "tree_peak_mib": peak[0] / 1024,
        # RUSAGE_CHILDREN is a running maximum: only meaningful when it grew
        "max_process_mib": maxrss / 1024 if maxrss > before else None,
    }


def run_mtcheck(corpus: Path, jobs: int, workdir: Path) -> dict:
    report = workdir / f"{corpus.name}.json"
    cmd = [sys.executable, "-m", "mtcheck", "check", str(corpus), "-o", str(report), "--format", "none",
           "--jobs", str(jobs), "--exit-zero"]
    m = measure(cmd, cwd=str(workdir))
    if m["returncode"] != 0 or not report.exists():
        raise SystemExit(f"mtcheck failed on {corpus} (exit {m['returncode']}): {m['stderr'].strip()[-500:]}")
    rep = json.loads(report.read_text(encoding="utf-8"))
    m["articles"] = len(rep["articles"])
    m["words"] = sum(v["words"] for a in rep["articles"] for v in a["versions"])
    m["findings"] = sum(len(a["findings"]) for a in rep["articles"])
    report.unlink()
    return m


def run_naive(corpus: Path) -> dict:
    m = measure([sys.executable, str(Path(__file__).resolve()), "--naive", str(corpus)])
    if m["returncode"] != 0:
        raise SystemExit(f"naive script failed: {m['stderr'][-500:]}")
    m.update(json.loads(m["stdout"]))
    return m


def version_time() -> float:
    exe = shutil.which("mtcheck")
    cmd = [exe, "--version"] if exe else [sys.executable, "-m", "mtcheck", "--version"]
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


# --------------------------------------------------------------------------- naive alternative

_SENT = re.compile(r"(?<=[.!?。！？])\s+|(?<=[。！？])")


def naive_main(corpus: str) -> None:
    """The common alternative: langdetect every sentence, sentence chrF against the source."""
    import langdetect
    import sacrebleu
    from langdetect import DetectorFactory

    DetectorFactory.seed = 0
    t0 = time.perf_counter()
    sentences = detections = 0
    articles = 0
    for folder in sorted(p for p in Path(corpus).iterdir() if p.is_dir()):
        articles += 1
        versions = {}
        for f in sorted(folder.iterdir()):
            text = f.read_text(encoding="utf-8")
            versions[f.name] = [s for s in (x.strip() for x in _SENT.split(text)) if s]
        src = next((v for n, v in versions.items() if ".source." in n), next(iter(versions.values())))
        for name, sents in versions.items():
            for i, s in enumerate(sents):
                sentences += 1
                try:
                    langdetect.detect(s)
                    detections += 1
                except langdetect.LangDetectException:
                    pass
                if sents is not src:
                    ref = src[i] if i < len(src) else ""
                    sacrebleu.sentence_chrf(s, [ref])
    json.dump({"naive_seconds_inside": time.perf_counter() - t0, "sentences": sentences, "naive_articles": articles},
              sys.stdout)


# --------------------------------------------------------------------------- profile


def profile(corpus: Path, limit: int = 100) -> dict[str, float]:
    """Seconds per stage and check family over up to ``limit`` articles, in this process."""
    import mtcheck.pipeline as pipeline
    import mtcheck.score as score
    from mtcheck.checks.base import all_checks
    from mtcheck.config import Config
    from mtcheck.parallel import warm_up

    config = Config()
    warm_up(config)
    spent: dict[str, float] = {}

    def timed(key, fn):
        def wrapper(*a, **kw):
            t = time.perf_counter()
            try:
                return fn(*a, **kw)
            finally:
                spent[key] = spent.get(key, 0.0) + time.perf_counter() - t

        return wrapper

    patches = [
        (pipeline, "load_one", timed("load", pipeline.load_one)),
        (pipeline, "segment_version", timed("segment", pipeline.segment_version)),
        (pipeline, "align_article", timed("align", pipeline.align_article)),
        (score, "score_article", timed("scores (stage)", score.score_article)),
    ]
    for code, cls in all_checks().items():
        if not cls.runs_on_article:
            continue
        fam = f"{code[:3]}xx checks"

        def run(self, ctx, _orig=cls.run, _fam=fam):
            t = time.perf_counter()
            try:
                return list(_orig(self, ctx))
            finally:
                spent[_fam] = spent.get(_fam, 0.0) + time.perf_counter() - t

        patches.append((cls, "run", run))
    saved = [(obj, name, getattr(obj, name)) for obj, name, _ in patches]
    for obj, name, fn in patches:
        setattr(obj, name, fn)
    try:
        dirs = pipeline.article_dirs([str(corpus)])[:limit]
        for folder, aid in dirs[:len(_base_articles())]:  # first use of each language: models load
            pipeline.check_folder(folder, aid, config)
        spent.clear()
        t0 = time.perf_counter()
        for folder, aid in dirs:
            pipeline.check_folder(folder, aid, config)
        total = time.perf_counter() - t0
    finally:
        for obj, name, fn in saved:
            setattr(obj, name, fn)
    spent["(other: pipeline glue, findings, suppressions)"] = total - sum(spent.values())
    spent["TOTAL"] = total
    return spent


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10,100,1000", help="article counts (comma-separated)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--naive-max", type=int, default=1000, help="run the naive script only up to this size")
    ap.add_argument("--profile", action="store_true", help="time each stage and check family (Python API)")
    ap.add_argument("--keep", metavar="DIR", help="build the corpora in DIR and keep them")
    ap.add_argument("--json", metavar="OUT", help="save the numbers")
    ap.add_argument("--naive", metavar="CORPUS", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.naive:
        naive_main(args.naive)
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    root = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="mtcheck-speed-"))
    root.mkdir(parents=True, exist_ok=True)
    results: dict = {"jobs": args.jobs, "cores": os.cpu_count(), "sizes": {}}
    try:
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
        if load > (os.cpu_count() or 1) * 0.75:
            print(f"warning: load average {load:.1f} on {os.cpu_count()} cores; wall times are inflated "
                  "(the cpu columns are not)")
        vt = version_time()
        results["version_seconds"] = vt
        print(f"mtcheck --version: {vt * 1000:.0f} ms (target < 500 ms)")
        print(f"{'articles':>8} {'words':>9} {'wall s':>7} {'words/s':>9} {'art/s':>7} {'cpu s':>7} {'tree MiB':>8} "
              f"{'proc MiB':>8} | {'naive s':>8} {'cpu s':>7} {'ratio':>6} {'cpu ratio':>9}")
        for n in sizes:
            corpus = build_corpus(root, n)
            m = run_mtcheck(corpus, args.jobs, root)
            row = {k: m[k] for k in ("wall", "cpu", "articles", "words", "findings", "tree_peak_mib", "max_process_mib")}
            row["words_per_s"] = m["words"] / m["wall"]
            row["articles_per_s"] = m["articles"] / m["wall"]
            naive_s = ratio = None
            if n <= args.naive_max:
                nm = run_naive(corpus)
                naive_s = nm["wall"]
                ratio = naive_s / m["wall"]
                row.update(naive_wall=naive_s, naive_cpu=nm["cpu"], naive_sentences=nm["sentences"], ratio=ratio,
                           cpu_ratio=nm["cpu"] / max(m["cpu"], 1e-9))
            results["sizes"][n] = row
            pm = f"{row['max_process_mib']:8.0f}" if row["max_process_mib"] else f"{'-':>8}"
            print(f"{n:>8} {m['words']:>9} {m['wall']:>7.2f} {row['words_per_s']:>9.0f} {row['articles_per_s']:>7.1f} "
                  f"{m['cpu']:>7.2f} {row['tree_peak_mib']:>8.0f} {pm} | "
                  + (f"{naive_s:>8.2f} {row['naive_cpu']:>7.2f} {ratio:>5.1f}x {row['cpu_ratio']:>8.1f}x" if naive_s
                     else f"{'-':>8} {'-':>7} {'-':>6} {'-':>9}"), flush=True)
        if args.profile:
            corpus = root / f"corpus-{sizes[0]}"
            spent = profile(corpus)
            total = spent["TOTAL"]
            results["profile"] = spent
            print(f"\nshare of run time (Python API, one process, {corpus.name}, {total:.2f} s):")
            for key, sec in sorted(spent.items(), key=lambda kv: -kv[1]):
                if key != "TOTAL":
                    print(f"  {key:<48} {sec:7.3f} s  {100 * sec / total:5.1f} %")
        if args.json:
            Path(args.json).write_text(json.dumps(results, indent=2), encoding="utf-8")
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
