#!/usr/bin/env python3
"""Evaluation harness for mtcheck: run the real CLI, score its JSON report.

Modes (default: both that apply):

``--corpus DIR`` (default ``corpora/``)
    run ``python -m mtcheck check DIR -o report.json`` and match the findings against
    every article's ``labels.tsv``; print labels, TP, FP, FN, precision and recall per
    family and per code.

``--ntrex``
    build a *clean* and a *planted* corpus from ``../shared/data/ntrex-dev`` (see
    ``benchmarks/ntrex.py``), run mtcheck on both, print per family the false findings
    on clean text (count and rate per 10,000 words) and recall / precision on the
    planted copies.

Matching rules (see ``benchmarks/README.md``):

* a finding and a label can match only when they have the same article, the same
  version id and the same family (first three characters of the code, ``MT1``);
* two non-empty spans match when they overlap (character offsets computed from
  line/column in the version's file); when either one is zero-width (an omission), they
  match when they are at most one line apart;
* each label is matched at most once and each finding matches at most one label,
  greedily by best overlap (intersection over union; zero-width pairs rank below any
  real overlap, nearer first);
* an unmatched finding that overlaps an (already matched) label of its family is a
  *duplicate*: neither TP nor FP; any other unmatched finding is a false positive;
* an unmatched label is a false negative;
* articles without ``labels.tsv`` are *unlabelled*: their findings are counted apart,
  not as false positives (a ``labels.tsv`` with only the header marks a clean article).

Exit status: 0 when the numbers were printed (whatever they are) or a mode was skipped;
2 when the harness could not evaluate (bad arguments, mtcheck produced no report).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_CORPUS = REPO / "corpora"
DEFAULT_DATA = REPO.parent / "shared" / "data"
LABEL_FIELDS = ("version", "code", "line", "column", "end_line", "end_column", "text",
                "expected", "note")
UNSPACED_LANGS = {"zho", "jpn", "zh", "ja", "cmn", "yue", "wuu", "lzh"}
VERSION_EXTS = (".txt", ".md")


class HarnessError(Exception):
    """The harness could not evaluate (no report, unreadable labels)."""


def family(code: str) -> str:
    return (code or "")[:3]


# ---------------------------------------------------------------------------
# texts and positions


class TextIndex:
    """Contract (line, column) <-> 0-based code-point offsets of one decoded file."""

    def __init__(self, text: str):
        self.text = text
        starts = [0]
        i, n = 0, len(text)
        while i < n:
            c = text[i]
            if c == "\n":
                starts.append(i + 1)
            elif c == "\r":
                if i + 1 < n and text[i + 1] == "\n":
                    i += 1
                starts.append(i + 1)
            i += 1
        self.starts = starts

    def offset(self, line: int, column: int) -> int:
        line = max(1, min(int(line), len(self.starts)))
        return self.starts[line - 1] + max(1, int(column)) - 1

    def line_text(self, line: int) -> str:
        line = max(1, min(int(line), len(self.starts)))
        a = self.starts[line - 1]
        b = self.starts[line] if line < len(self.starts) else len(self.text)
        return self.text[a:b].rstrip("\r\n")


def read_text(path: Path) -> str:
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as fh:
        return fh.read()


class Texts:
    """Finds and caches the text of (corpus, article, version)."""

    def __init__(self, corpus: Path, cwd: Path = REPO):
        self.corpus = Path(corpus)
        self.cwd = Path(cwd)
        self.cache: dict[tuple[str, str], TextIndex | None] = {}

    def get(self, article: str, version: str, hint_path: str | None = None) -> TextIndex | None:
        key = (article, version)
        if key in self.cache:
            return self.cache[key]
        idx = None
        cands = [self.corpus / article / (version + ext) for ext in VERSION_EXTS]
        if hint_path:
            p = Path(hint_path)
            cands.append(p if p.is_absolute() else self.cwd / p)
        for p in cands:
            if p.is_file():
                idx = TextIndex(read_text(p))
                break
        self.cache[key] = idx
        return idx


@dataclass
class Item:
    """A label or a finding, with its span resolved to offsets."""

    kind: str  # "label" | "finding"
    article: str
    version: str
    code: str
    line: int
    column: int
    end_line: int
    end_column: int
    text: str = ""
    expected: str = ""
    message: str = ""
    note: str = ""
    check: str = ""
    severity: str = ""
    fingerprint: str = ""
    path: str = ""
    start: int = 0
    end: int = 0
    status: str = ""  # findings: tp | dup | fp | unlabelled ; labels: tp | fn
    match: "Item | None" = field(default=None, repr=False)

    @property
    def family(self) -> str:
        return family(self.code)

    @property
    def zero(self) -> bool:
        return self.start == self.end

    def resolve(self, idx: TextIndex | None) -> None:
        if idx is not None:
            self.start = idx.offset(self.line, self.column)
            self.end = max(self.start, idx.offset(self.end_line, self.end_column))
        else:  # no text: order positions by (line, column)
            self.start = self.line * 10_000_000 + self.column
            self.end = max(self.start, self.end_line * 10_000_000 + self.end_column)


def _int(x, default=1) -> int:
    try:
        return int(x)
    except (TypeError, ValueError):
        return default


def read_labels(path: Path, article: str) -> list[Item]:
    items = []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        lines = fh.read().splitlines()
    if not lines:
        return items
    header = lines[0].split("\t")
    missing = [f for f in LABEL_FIELDS[:6] if f not in header]
    if missing:
        raise HarnessError(f"{path}: header lacks {missing}")
    for ln in lines[1:]:
        if not ln.strip():
            continue
        parts = ln.split("\t")
        row = dict(zip(header, parts + [""] * (len(header) - len(parts))))
        items.append(Item("label", article, row["version"], row["code"],
                          _int(row["line"]), _int(row["column"]),
                          _int(row["end_line"]), _int(row["end_column"]),
                          text=row.get("text", ""), expected=row.get("expected", ""),
                          note=row.get("note", "")))
    return items


def find_articles(corpus: Path) -> list[str]:
    """Article ids (folder paths relative to ``corpus``) of folders holding version files."""
    corpus = Path(corpus)
    out = []
    for dirpath, dirnames, filenames in os.walk(corpus):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        if any(f.endswith(VERSION_EXTS) and not f.startswith(".") for f in filenames) \
                or "labels.tsv" in filenames:
            rel = Path(dirpath).relative_to(corpus).as_posix()
            out.append("." if rel == "." else rel)
    return out


def load_corpus_labels(corpus: Path) -> dict[str, list[Item]]:
    """article id -> labels, for every article folder that has a labels.tsv."""
    out = {}
    for art in find_articles(corpus):
        p = Path(corpus) / art / "labels.tsv"
        if p.is_file():
            out[art] = read_labels(p, art)
    return out


def findings_from_report(report: dict) -> list[Item]:
    items = []
    for art in report.get("articles", []) or []:
        aid = art.get("article", "")
        for f in art.get("findings", []) or []:
            line = _int(f.get("line"), 1)
            col = _int(f.get("column"), 1)
            items.append(Item(
                "finding", aid, str(f.get("version", "")), str(f.get("code", "")),
                line, col, _int(f.get("end_line"), line), _int(f.get("end_column"), col),
                text=f.get("text") or "", expected=f.get("expected") or "",
                message=f.get("message") or "", check=f.get("check") or "",
                severity=f.get("severity") or "", fingerprint=f.get("fingerprint") or "",
                path=f.get("path") or ""))
    return items


# ---------------------------------------------------------------------------
# matching


def line_gap(a: Item, b: Item) -> int:
    if a.end_line < b.line:
        return b.line - a.end_line
    if b.end_line < a.line:
        return a.line - b.end_line
    return 0


def matches(a: Item, b: Item) -> bool:
    if a.zero or b.zero:
        return line_gap(a, b) <= 1
    return a.start < b.end and b.start < a.end


def match_score(a: Item, b: Item) -> float:
    if a.zero or b.zero:
        dist = min(abs(a.start - b.start), abs(a.start - b.end), abs(a.end - b.start),
                   abs(a.end - b.end))
        return -(line_gap(a, b) * 1_000_000 + dist)  # always below any real overlap
    inter = min(a.end, b.end) - max(a.start, b.start)
    union = max(a.end, b.end) - min(a.start, b.start)
    return inter / union


def match_items(labels: list[Item], findings: list[Item], texts: Texts | None = None,
                unlabelled: set[str] | frozenset = frozenset()) -> None:
    """Set ``status``/``match`` on every label and finding (in place).

    ``unlabelled``: article ids whose findings are not scored (no labels.tsv).
    """
    for it in list(labels) + list(findings):
        idx = texts.get(it.article, it.version, it.path or None) if texts else None
        it.resolve(idx)
        it.status, it.match = "", None
    groups: dict[tuple, tuple[list, list]] = defaultdict(lambda: ([], []))
    for lab in labels:
        groups[(lab.article, lab.version, lab.family)][0].append(lab)
    for f in findings:
        if f.article in unlabelled:
            f.status = "unlabelled"
            continue
        groups[(f.article, f.version, f.family)][1].append(f)
    for labs, fins in groups.values():
        pairs = []
        for i, lab in enumerate(labs):
            for j, f in enumerate(fins):
                if matches(lab, f):
                    pairs.append((-match_score(lab, f), i, j))
        pairs.sort()
        for _, i, j in pairs:
            lab, f = labs[i], fins[j]
            if lab.match is None and f.match is None:
                lab.match, f.match = f, lab
                lab.status, f.status = "tp", "tp"
        for lab in labs:
            if lab.match is None:
                lab.status = "fn"
        for f in fins:
            if f.match is None:
                f.status = "dup" if any(matches(lab, f) for lab in labs) else "fp"


def _ratio(a: int, b: int):
    return round(a / b, 4) if b else None


def summarise(labels: list[Item], findings: list[Item], families=None) -> dict:
    """Per family and per code: labels, tp, fp, dup, fn, precision, recall."""
    fams = set(families) if families else None
    per_family: dict[str, dict] = {}
    per_code: dict[str, dict] = {}

    def row(table, key):
        return table.setdefault(key, {"labels": 0, "tp": 0, "fp": 0, "dup": 0, "fn": 0,
                                      "findings": 0, "unlabelled": 0})

    for lab in labels:
        if fams and lab.family not in fams:
            continue
        for table, key in ((per_family, lab.family), (per_code, lab.code)):
            r = row(table, key)
            r["labels"] += 1
            if lab.status == "fn":
                r["fn"] += 1
    for f in findings:
        if fams and f.family not in fams:
            continue
        for table, key in ((per_family, f.family), (per_code, f.code)):
            r = row(table, key)
            r["findings"] += 1
            if f.status == "unlabelled":
                r["unlabelled"] += 1
            elif f.status in ("fp", "dup"):
                r[f.status] += 1
        if f.status == "tp":
            row(per_family, f.family)["tp"] += 1
    # per code: TP counted on the label side for recall, on the finding side for precision
    for lab in labels:
        if lab.status == "tp" and (not fams or lab.family in fams):
            row(per_code, lab.code)["tp"] += 1
    for f in findings:
        if f.status == "tp" and (not fams or f.family in fams):
            row(per_code, f.code)["tp_findings"] = row(per_code, f.code).get("tp_findings", 0) + 1
    for table in (per_family, per_code):
        for r in table.values():
            tpf = r.get("tp_findings", r["tp"]) if table is per_code else r["tp"]
            r["precision"] = _ratio(tpf, tpf + r["fp"])
            r["recall"] = _ratio(r["tp"], r["labels"])
    total = {k: sum(per_family[f][k] for f in per_family)
             for k in ("labels", "tp", "fp", "dup", "fn", "findings", "unlabelled")}
    total["precision"] = _ratio(total["tp"], total["tp"] + total["fp"])
    total["recall"] = _ratio(total["tp"], total["labels"])
    return {"families": dict(sorted(per_family.items())), "codes": dict(sorted(per_code.items())),
            "total": total}


# ---------------------------------------------------------------------------
# running mtcheck


def select_args(args) -> list[str]:
    """``--select MT1*,MT2*`` for ``--families`` (the findings are filtered anyway)."""
    return ["--select", ",".join(f + "*" for f in args.families)] if args.families else []


def run_mtcheck(path: Path, out_json: Path, jobs: int | None = None, timeout: float = 3600,
                extra_args=()) -> dict:
    """Run ``python -m mtcheck check PATH -o OUT`` and return the parsed report.

    Exit codes 0 and 1 are both "checked".  ``--jobs`` is dropped when the CLI rejects it.
    """
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    base = [sys.executable, "-m", "mtcheck", "check", str(path), "-o", str(out_json),
            *extra_args]
    attempts = [base + ["--jobs", str(jobs)], base] if jobs else [base]
    last = None
    for cmd in attempts:
        if out_json.exists():
            out_json.unlink()
        try:
            proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True,
                                  timeout=timeout)
        except subprocess.TimeoutExpired as e:
            raise HarnessError(f"mtcheck timed out after {timeout}s: {' '.join(cmd)}") from e
        last = proc
        if proc.returncode in (0, 1) and out_json.is_file():
            with open(out_json, encoding="utf-8") as fh:
                return json.load(fh)
    err = (last.stderr or last.stdout or "").strip().splitlines()[-8:]
    raise HarnessError(f"mtcheck exited {last.returncode} without a report: "
                       f"{' '.join(attempts[-1])}\n    " + "\n    ".join(err))


# ---------------------------------------------------------------------------
# printing


def _fmt(x) -> str:
    return "-" if x is None else f"{x:.3f}"


def print_table(summary: dict, title: str, out=None, codes=True) -> None:
    out = out or sys.stdout
    print(title, file=out)
    hdr = f"  {'':7} {'labels':>6} {'TP':>5} {'FP':>5} {'dup':>5} {'FN':>5} {'prec':>6} {'recall':>6}"
    print(hdr, file=out)

    def line(name, r):
        print(f"  {name:7} {r['labels']:6d} {r['tp']:5d} {r['fp']:5d} {r['dup']:5d} {r['fn']:5d}"
              f" {_fmt(r['precision']):>6} {_fmt(r['recall']):>6}", file=out)

    for fam, r in summary["families"].items():
        line(fam, r)
    line("all", summary["total"])
    if summary["total"].get("unlabelled"):
        print(f"  ({summary['total']['unlabelled']} findings in articles without labels.tsv "
              "not scored)", file=out)
    if codes and summary["codes"]:
        print("  per code:", file=out)
        for code, r in summary["codes"].items():
            line("  " + code, r)


def context(texts: Texts, it: Item, width: int = 50) -> str:
    idx = texts.get(it.article, it.version, it.path or None)
    if idx is None:
        return ""
    t = idx.text
    a, b = it.start, it.end
    left = t[max(0, a - width):a].replace("\n", "⏎")
    right = t[b:b + width].replace("\n", "⏎")
    return f"…{left}⟦{t[a:b]}⟧{right}…"


def show_items(items: list[Item], texts: Texts, n: int, what: str, families=None,
               out=None) -> None:
    out = out or sys.stdout
    by_fam: dict[str, list[Item]] = defaultdict(list)
    for it in items:
        if not families or it.family in families:
            by_fam[it.family].append(it)
    for fam in sorted(by_fam):
        lst = by_fam[fam]
        print(f"  {what} {fam}: {len(lst)} (showing {min(n, len(lst))})", file=out)
        for it in lst[:n]:
            head = f"    {it.article}/{it.version}:{it.line}:{it.column} {it.code}"
            body = f" text={it.text!r}"
            if it.expected:
                body += f" expected={it.expected[:80]!r}"
            if it.message:
                body += f" — {it.message}"
            if it.note:
                body += f" [{it.note}]"
            print(head + body, file=out)
            ctx = context(texts, it)
            if ctx:
                print(f"      {ctx}", file=out)


# ---------------------------------------------------------------------------
# words


def count_words(text: str, lang: str) -> float:
    """Whitespace tokens; for zho/jpn (no spaces) non-space characters / 2."""
    if lang.split("-")[0].lower() in UNSPACED_LANGS:
        return sum(1 for c in text if not c.isspace()) / 2
    return len(text.split())


def corpus_words(corpus: Path) -> dict[tuple[str, str], float]:
    out = {}
    for art in find_articles(corpus):
        for p in sorted((Path(corpus) / art).iterdir()):
            if p.suffix in VERSION_EXTS and p.is_file():
                out[(art, p.name[: -len(p.suffix)])] = count_words(read_text(p),
                                                                   p.name.split(".")[0])
    return out


# ---------------------------------------------------------------------------
# modes


def evaluate_corpus(corpus: Path, args, workdir: Path, report_path: Path | None = None) -> dict:
    corpus = Path(corpus)
    if report_path:
        with open(report_path, encoding="utf-8") as fh:
            report = json.load(fh)
    else:
        report = run_mtcheck(corpus, workdir / "corpus-report.json", args.jobs, args.timeout,
                             select_args(args))
    labels_by_art = load_corpus_labels(corpus)
    labels = [lab for labs in labels_by_art.values() for lab in labs]
    findings = findings_from_report(report)
    if "." in labels_by_art:  # the corpus is one article folder: mtcheck names it by the folder
        for f in findings:
            if f.article == corpus.resolve().name:
                f.article = "."
    unlabelled = {a for a in find_articles(corpus) if a not in labels_by_art}
    unlabelled |= {f.article for f in findings if f.article not in labels_by_art}
    texts = Texts(corpus)
    match_items(labels, findings, texts, unlabelled)
    summ = summarise(labels, findings, args.families)
    print_table(summ, f"== corpus {corpus} ({len(labels_by_art)} labelled articles, "
                      f"{len(unlabelled)} unlabelled)")
    if args.show_false:
        show_items([f for f in findings if f.status == "fp"], texts, args.show_false,
                   "false", args.families)
    if args.show_missed:
        show_items([lab for lab in labels if lab.status == "fn"], texts, args.show_missed,
                   "missed", args.families)
    return summ


def lower_keep_length(text: str) -> str:
    """Lower-case character by character, keeping every offset (İ stays İ, not i + dot)."""
    return "".join(low if len(low := ch.lower()) == 1 else ch for ch in text)


def lowercase_corpus(root: Path) -> None:
    """Make every non-source version all lower case, as some MT pipelines deliver it
    (the seed article is): labels keep their positions, their text is lower-cased too."""
    for art in sorted(p for p in root.iterdir() if p.is_dir()):
        for f in sorted(art.iterdir()):
            if f.suffix in (".txt", ".md") and ".source." not in f.name:
                f.write_text(lower_keep_length(f.read_text(encoding="utf-8")), encoding="utf-8")
        labels = art / "labels.tsv"
        if labels.is_file():
            rows = labels.read_text(encoding="utf-8").split("\n")
            out = rows[:1]
            for row in rows[1:]:
                cols = row.split("\t")
                if len(cols) >= 8 and not cols[0].endswith("source"):
                    cols[6], cols[7] = lower_keep_length(cols[6]), lower_keep_length(cols[7])
                out.append("\t".join(cols))
            labels.write_text("\n".join(out), encoding="utf-8")


def drop_source(root: Path) -> None:
    """Delete the source version of every article (and its labels): all versions are then
    machine translations of an original mtcheck does not see."""
    for art in sorted(p for p in root.iterdir() if p.is_dir()):
        for f in sorted(art.glob("*.source.*")):
            f.unlink()
        labels = art / "labels.tsv"
        if labels.is_file():
            rows = labels.read_text(encoding="utf-8").split("\n")
            keep = rows[:1] + [r for r in rows[1:] if not r.split("\t", 1)[0].endswith("source")]
            labels.write_text("\n".join(keep), encoding="utf-8")


def evaluate_ntrex(args, workdir: Path) -> dict | None:
    sys.path.insert(0, str(HERE))
    import ntrex  # noqa: E402

    data = Path(args.data) / "ntrex-dev"
    if not data.is_dir():
        print(f"== ntrex: skipped ({data} not found)")
        return None
    root = Path(args.out) if args.out else workdir / "ntrex"
    clean_dir, planted_dir = root / "clean", root / "planted"
    for d in (clean_dir, planted_dir):
        if d.exists():
            shutil.rmtree(d)
    docs = ntrex.load_docs(data)
    ntrex.build_clean(clean_dir, args.langs, docs=docs)
    psum = ntrex.build_planted(planted_dir, args.langs, seed=args.seed, per_doc=args.per_doc,
                               docs=docs)
    if args.lower:
        for d in (clean_dir, planted_dir):
            lowercase_corpus(d)
    if args.no_source:
        for d in (clean_dir, planted_dir):
            drop_source(d)
    result: dict = {"corpus_dir": str(root), "seed": args.seed, "langs": psum["langs"]}

    # clean: every finding is a candidate false finding
    clean_report = run_mtcheck(clean_dir, workdir / "ntrex-clean.json", args.jobs, args.timeout,
                               select_args(args))
    clean_f = findings_from_report(clean_report)
    for f in clean_f:
        f.status = "fp"
    words = corpus_words(clean_dir)
    total_words = sum(words.values())
    fams = sorted({f.family for f in clean_f} | set(ntrex.FAMILIES))
    if args.families:
        fams = [f for f in fams if f in args.families]
    clean_counts = {fam: sum(1 for f in clean_f if f.family == fam) for fam in fams}
    result["clean"] = {
        "articles": len(docs), "versions": len(words), "words": round(total_words),
        "families": {fam: {"false": n, "per_10k_words": round(n / total_words * 10000, 3)
                           if total_words else None} for fam, n in clean_counts.items()},
        "codes": {},
    }
    for f in clean_f:
        if not args.families or f.family in args.families:
            result["clean"]["codes"][f.code] = result["clean"]["codes"].get(f.code, 0) + 1
    result["clean"]["codes"] = dict(sorted(result["clean"]["codes"].items()))

    # planted
    planted_report = run_mtcheck(planted_dir, workdir / "ntrex-planted.json", args.jobs,
                                 args.timeout, select_args(args))
    labels_by_art = load_corpus_labels(planted_dir)
    labels = [lab for labs in labels_by_art.values() for lab in labs]
    pf = findings_from_report(planted_report)
    ptexts = Texts(planted_dir)
    match_items(labels, pf, ptexts)
    summ = summarise(labels, pf, args.families)
    # background: false positives on planted text that also fire on the clean text
    clean_keys = {(f.article, f.version, f.code, f.text) for f in clean_f}
    clean_fps = {(f.article, f.fingerprint) for f in clean_f if f.fingerprint}
    new_fp: dict[str, int] = defaultdict(int)
    new_fp_items = []
    for f in pf:
        if f.status == "fp" and (f.article, f.version, f.code, f.text) not in clean_keys \
                and (f.article, f.fingerprint) not in clean_fps:
            new_fp[f.family] += 1
            new_fp_items.append(f)
    for fam, r in summ["families"].items():
        r["fp_new"] = new_fp.get(fam, 0)
        r["precision_new"] = _ratio(r["tp"], r["tp"] + r["fp_new"])
    notes: dict[str, dict] = {}
    for lab in labels:
        if args.families and lab.family not in args.families:
            continue
        key = f"{lab.family} {lab.note.split(':')[0]}"  # injection kind: "name garbled one"
        n = notes.setdefault(key, {"labels": 0, "tp": 0})
        n["labels"] += 1
        n["tp"] += lab.status == "tp"
    for n in notes.values():
        n["recall"] = _ratio(n["tp"], n["labels"])
    result["planted"] = {"summary": summ, "injections": dict(sorted(notes.items())),
                         "label_codes": psum["labels"]}

    # print
    ctexts = Texts(clean_dir)
    print(f"== ntrex ({len(docs)} documents, {len(psum['langs'])} languages, "
          f"{len(words)} versions, {round(total_words)} words; seed {args.seed}; "
          f"corpora in {root})")
    print(f"  {'':5} {'clean':>6} {'/10kw':>7} | {'labels':>6} {'TP':>5} {'FP':>5} "
          f"{'FPnew':>5} {'dup':>5} {'recall':>6} {'prec':>6} {'precN':>6}")
    fam_rows = sorted(set(fams) | set(summ["families"]))
    for fam in fam_rows:
        c = result["clean"]["families"].get(fam, {"false": 0, "per_10k_words": 0.0})
        r = summ["families"].get(fam, {"labels": 0, "tp": 0, "fp": 0, "fp_new": 0, "dup": 0,
                                       "recall": None, "precision": None,
                                       "precision_new": None})
        rate = c["per_10k_words"]
        print(f"  {fam:5} {c['false']:6d} {('-' if rate is None else f'{rate:.2f}'):>7} | "
              f"{r['labels']:6d} {r['tp']:5d} {r['fp']:5d} {r.get('fp_new', 0):5d} "
              f"{r['dup']:5d} {_fmt(r['recall']):>6} {_fmt(r['precision']):>6} "
              f"{_fmt(r.get('precision_new')):>6}")
    if result["clean"]["codes"]:
        print("  false findings on clean text per code:",
              ", ".join(f"{k} {v}" for k, v in result["clean"]["codes"].items()))
    print("  recall per injection:")
    for key, n in result["planted"]["injections"].items():
        print(f"    {key:45} {n['tp']:4d}/{n['labels']:<4d} {_fmt(n['recall'])}")
    if args.show_false:
        for f in clean_f:
            f.resolve(ctexts.get(f.article, f.version, f.path or None))
        show_items(clean_f, ctexts, args.show_false, "clean false", args.families)
        show_items(new_fp_items, ptexts, args.show_false, "planted false (not on the clean text)", args.families)
    if args.show_missed:
        show_items([lab for lab in labels if lab.status == "fn"], ptexts, args.show_missed,
                   "missed", args.families)
    return result


# ---------------------------------------------------------------------------
# real MT errors: MQM and DEMETR (corpora built by benchmarks/mqm.py)


def _seg_of(it: Item) -> int:
    """Segment index of an item in an mqm.py article (segment i is line 2*i+1)."""
    return max(0, (it.line - 1) // 2)


def _label_item(article: str, version: str, code: str, seg: int, start: int, end: int,
                text: str, expected: str = "", note: str = "") -> Item:
    line = 2 * seg + 1
    return Item("label", article, version, code, line, start + 1, line, end + 1,
                text=text, expected=expected, note=note)


def _rate(n: int, words: float):
    return round(n / words * 10000, 3) if words else None


def _fam_rows(summ: dict, findings: list[Item], fams, words: float) -> dict:
    """Per family: labels/TP/FP/other/dup/FN/src/precision/recall/fp per 10k clean words."""
    out = {}
    for fam in fams:
        r = dict(summ["families"].get(fam, {"labels": 0, "tp": 0, "fp": 0, "dup": 0, "fn": 0,
                                              "findings": 0}))
        fs = [f for f in findings if f.family == fam]
        r["other"] = sum(f.status == "other" for f in fs)
        r["source"] = sum(f.status == "source" for f in fs)
        r["precision"] = _ratio(r["tp"], r["tp"] + r["fp"])
        r["recall"] = _ratio(r["tp"], r["labels"])
        r["fp_per_10k_clean_words"] = _rate(r["fp"], words)
        out[fam] = {k: r[k] for k in ("labels", "tp", "fp", "other", "dup", "fn", "source",
                                      "precision", "recall", "fp_per_10k_clean_words")}
    return out


def _print_fam_table(rows: dict, title: str, out=None) -> None:
    out = out or sys.stdout
    print(title, file=out)
    print(f"  {'':5} {'labels':>6} {'TP':>5} {'FP':>5} {'other':>5} {'dup':>5} {'FN':>5} "
          f"{'src':>4} {'prec':>6} {'recall':>6} {'FP/10kw':>8}", file=out)
    for fam, r in rows.items():
        rate = r["fp_per_10k_clean_words"]
        print(f"  {fam:5} {r['labels']:6d} {r['tp']:5d} {r['fp']:5d} {r['other']:5d} "
              f"{r['dup']:5d} {r['fn']:5d} {r['source']:4d} {_fmt(r['precision']):>6} "
              f"{_fmt(r['recall']):>6} {('-' if rate is None else f'{rate:.2f}'):>8}", file=out)


def evaluate_mqm(args, workdir: Path) -> dict | None:
    """MQM: real system outputs, expert error spans (see benchmarks/mqm.py)."""
    sys.path.insert(0, str(HERE))
    import mqm  # noqa: E402

    data = Path(args.data) / "mqm"
    if not data.is_dir():
        print(f"== mqm: skipped ({data} not found)")
        return None
    root = (Path(args.out) if args.out else workdir) / "mqm"
    if root.exists():
        shutil.rmtree(root)
    arts, stats = mqm.load_mqm(data, args.mqm_systems)
    mqm.write_mqm(arts, root)
    report = run_mtcheck(root, workdir / "mqm.json", args.jobs, args.timeout, select_args(args))
    by_art = {a.article: a for a in arts}
    texts = Texts(root)
    fams = [f for f in ("MT1", "MT2", "MT3", "MT4", "MT5")
            if not args.families or f in args.families]

    def classify(findings: list[Item]) -> None:
        for f in findings:
            if f.status != "fp":
                continue
            a = by_art.get(f.article)
            if f.version.endswith(".source"):
                f.status = "source"
            elif a is None or (f.version, _seg_of(f)) not in a.clean:
                f.status = "other"

    clean_words: dict[str, float] = defaultdict(float)
    for a in arts:
        for vid, seg in a.clean:
            clean_words[a.dataset] += count_words(a.versions[vid][seg], a.tgt_lang)
    total_clean = sum(clean_words.values())
    result: dict = {"systems": stats["files"], "max_systems": args.mqm_systems,
                    "articles": len(arts), "clean_segments": sum(len(a.clean) for a in arts),
                    "rated_segments": sum(len(a.rated) for a in arts),
                    "clean_words": round(total_clean)}
    all_labels: list[Item] = []
    for min_raters in (1, 2):
        labels, meta = [], []
        for a in arts:
            if min_raters > 1 and not a.multi_rater:
                continue
            for lab in a.labels:
                if len(lab.raters) >= min_raters:
                    labels.append(_label_item(a.article, lab.version, lab.code, lab.seg,
                                              lab.start, lab.end, lab.text, lab.src_span,
                                              mqm.label_note(lab)))
                    meta.append((a, lab))
        keep = {a.article for a in arts if min_raters == 1 or a.multi_rater}
        findings = [f for f in findings_from_report(report) if f.article in keep]
        match_items(labels, findings, texts)
        classify(findings)
        summ = summarise(labels, findings, fams)
        words = total_clean if min_raters == 1 else sum(
            w for d, w in clean_words.items() if any(a.dataset == d and a.multi_rater for a in arts))
        key = "raters>=1" if min_raters == 1 else "raters>=2"
        res = {"families": _fam_rows(summ, findings, fams, words), "clean_words": round(words)}
        if min_raters == 1:
            all_labels, all_findings = labels, findings
            # per dataset
            per_ds = {}
            for ds in sorted({a.dataset for a in arts}):
                ls = [lab for lab, (a, _) in zip(labels, meta) if a.dataset == ds]
                fs = [f for f in findings if by_art[f.article].dataset == ds]
                s2 = summarise(ls, fs, fams)
                per_ds[ds] = _fam_rows(s2, fs, fams, clean_words.get(ds, 0))
            res["datasets"] = per_ds
            # per MQM category and span kind
            kinds: dict[str, dict] = {}
            cats: dict[str, dict] = {}
            for lab, (a, ml) in zip(labels, meta):
                for table, k in ((kinds, f"{lab.family} {ml.kind}"),
                                 (cats, f"{lab.family} {sorted(ml.categories)[0]}")):
                    n = table.setdefault(k, {"labels": 0, "tp": 0})
                    n["labels"] += 1
                    n["tp"] += lab.status == "tp"
            for n in list(kinds.values()) + list(cats.values()):
                n["recall"] = _ratio(n["tp"], n["labels"])
            res["kinds"] = dict(sorted(kinds.items()))
            res["categories"] = dict(sorted(cats.items()))
            res["clean_codes"] = dict(sorted(Counter(f.code for f in findings
                                                     if f.status == "fp").items()))
        result[key] = res

    r1 = result["raters>=1"]
    print(f"== mqm ({len(arts)} documents, {len(stats['files'])} datasets, "
          f"{'all' if args.mqm_systems <= 0 else args.mqm_systems} systems per document; "
          f"{result['clean_segments']}/{result['rated_segments']} (system, segment) pairs "
          f"clean = {round(total_clean)} words; corpus in {root})")
    _print_fam_table(r1["families"], "  labels marked by >= 1 rater:")
    _print_fam_table(result["raters>=2"]["families"],
                     f"  labels marked by >= 2 raters (WMT23 only, "
                     f"{result['raters>=2']['clean_words']} clean words):")
    print("  FP = findings on segments every rater judged No-error (FP/10kw: per 10,000 words "
          "of them); other = on segments with other errors; src = in the source")
    print("  recall per dataset (TP/labels) and FP:")
    for ds, rows in r1["datasets"].items():
        cells = "  ".join(f"{fam} {r['tp']}/{r['labels']} fp {r['fp']}" for fam, r in rows.items()
                          if r["labels"] or r["fp"])
        print(f"    {ds:22} {cells}")
    print("  recall per MQM category | per label kind (see benchmarks/mqm.py _kind):")
    left = [f"{k:44} {n['tp']:4d}/{n['labels']:<4d}" for k, n in r1["categories"].items()]
    right = [f"{k:22} {n['tp']:4d}/{n['labels']:<4d}" for k, n in r1["kinds"].items()]
    for i in range(max(len(left), len(right))):
        print(f"    {left[i] if i < len(left) else '':55} | {right[i] if i < len(right) else ''}")
    if r1["clean_codes"]:
        print("  false findings on clean segments per code:",
              ", ".join(f"{k} {v}" for k, v in r1["clean_codes"].items()))
    if args.show_false:
        show_items([f for f in all_findings if f.status == "fp"], texts, args.show_false,
                   "false (clean segment)", args.families)
        show_items([f for f in all_findings if f.status == "source"], texts, args.show_false,
                   "false (source)", args.families)
        show_items([f for f in all_findings if f.status == "other"], texts, args.show_false,
                   "unscored (segment with other MQM errors)", args.families)
    if args.show_missed:
        show_items([lab for lab in all_labels if lab.status == "fn"], texts, args.show_missed,
                   "missed", args.families)
    return result


def evaluate_demetr(args, workdir: Path) -> dict | None:
    """DEMETR: one injected error per perturbed sentence (see benchmarks/mqm.py)."""
    sys.path.insert(0, str(HERE))
    import mqm  # noqa: E402

    data = Path(args.data) / "demetr"
    if not data.is_dir():
        print(f"== demetr: skipped ({data} not found)")
        return None
    root = Path(args.out) if args.out else workdir
    if (root / "demetr").exists():
        shutil.rmtree(root / "demetr")
    arts = mqm.load_demetr(data, per_copy=args.demetr_per_copy)
    mqm.write_demetr(arts, root)
    # findings are filtered by family below; --select would hide other-family hits
    report = run_mtcheck(root / "demetr", workdir / "demetr.json", args.jobs, args.timeout)
    by_art = {a.article[len("demetr/"):]: a for a in arts}
    texts = Texts(root / "demetr")
    labels, meta = [], []
    for a in arts:
        aid = a.article[len("demetr/"):]
        for lab in a.labels:
            labels.append(_label_item(aid, lab.version, lab.code, lab.seg, lab.start, lab.end,
                                      lab.text, lab.mt_changed, f"{lab.pert}:{lab.item}"))
            meta.append((a, lab))
    findings = findings_from_report(report)
    match_items(labels, findings, texts)
    fams = ("MT1", "MT2", "MT3", "MT4", "MT5")
    for f in findings:
        if f.status != "fp":
            continue
        a = by_art.get(f.article)
        if f.version.endswith(".source"):
            f.status = "source"
        elif f.version in ("en.mt", "en.ref"):
            f.status = "clean"
        elif a is not None and _seg_of(f) in a.pert_segs:
            f.status = "other"
    # any-family hit: a finding of MT1-MT4 on the label's span (or its segment if zero-width)
    fin_by = defaultdict(list)
    for f in findings:
        if f.family in ("MT1", "MT2", "MT3", "MT4"):
            fin_by[(f.article, f.version)].append(f)
    per_type: dict[str, dict] = {}
    for lab, (a, dl) in zip(labels, meta):
        hits = [f for f in fin_by[(lab.article, lab.version)] if matches(lab, f)]
        t = per_type.setdefault(dl.pert, {"family": dl.family, "labels": 0, "tp": 0,
                                          "any": 0, "codes": Counter(), "langs": {}})
        t["labels"] += 1
        t["tp"] += lab.status == "tp"
        t["any"] += bool(hits)
        for code in {f.code for f in hits}:
            t["codes"][code] += 1
        lg = t["langs"].setdefault(a.src_lang, [0, 0])
        lg[0] += lab.status == "tp"
        lg[1] += 1
    for t in per_type.values():
        t["recall"] = _ratio(t["tp"], t["labels"])
        t["recall_any_family"] = _ratio(t["any"], t["labels"])
        t["codes"] = dict(t["codes"].most_common())
    # precision on en.pert, clean rate on en.mt + en.ref: those two files are the same in
    # every article of a sentence group, so each group's copy is counted once
    seen_groups: set = set()
    clean_words = 0.0
    for a in arts:
        g = a.article.split("/")[1]
        if g not in seen_groups:
            seen_groups.add(g)
            clean_words += sum(count_words("\n".join(x), "en") for x in (a.mt, a.ref))
    seen_clean: set = set()
    for f in findings:
        if f.status == "clean":
            key = (f.article.split("/")[0], f.version, f.code, f.line, f.column, f.text)
            if key in seen_clean:
                f.status = "clean-dup"
            seen_clean.add(key)
    pert_words = sum(count_words("\n".join(a.perturbed), "en") for a in arts)
    fam_rows = {}
    for fam in fams:
        fs = [f for f in findings if f.family == fam]
        tp = sum(f.status == "tp" for f in fs)
        fp = sum(f.status == "fp" for f in fs)
        clean = sum(f.status == "clean" for f in fs)
        fam_rows[fam] = {"labels": sum(1 for lab in labels if lab.family == fam), "tp": tp,
                         "fp_pert": fp, "other": sum(f.status == "other" for f in fs),
                         "dup": sum(f.status == "dup" for f in fs),
                         "source": sum(f.status == "source" for f in fs),
                         "precision": _ratio(tp, tp + fp),
                         "recall": _ratio(sum(1 for lab in labels if lab.family == fam
                                              and lab.status == "tp"),
                                          sum(1 for lab in labels if lab.family == fam)),
                         "clean": clean, "clean_per_10k_words": _rate(clean, clean_words),
                         "fp_pert_per_10k_words": _rate(fp, pert_words)}
    result = {"articles": len(arts), "per_copy": args.demetr_per_copy,
              "clean_words": round(clean_words), "types": dict(sorted(per_type.items())),
              "families": fam_rows}
    print(f"== demetr ({len(arts)} articles: <lang>.source, en.mt, en.ref, en.pert with up to "
          f"{args.demetr_per_copy} perturbed sentences of one type; corpus in {root / 'demetr'})")
    print(f"  {'type':17} {'fam':4} {'labels':>6} {'TP':>5} {'recall':>6} {'any':>6}  "
          f"codes hitting it / recall per source language")
    for name, t in result["types"].items():
        codes = " ".join(f"{k}:{v}" for k, v in list(t["codes"].items())[:5])
        langs = " ".join(f"{lg} {v[0]}/{v[1]}" for lg, v in sorted(t["langs"].items()))
        print(f"  {name:17} {t['family']:4} {t['labels']:6d} {t['tp']:5d} "
              f"{_fmt(t['recall']):>6} {_fmt(t['recall_any_family']):>6}  {codes}")
        print(f"  {'':17} {langs}")
    print(f"  {'':5} {'labels':>6} {'TP':>5} {'FP':>5} {'other':>5} {'dup':>5} {'src':>4} "
          f"{'prec':>6} {'recall':>6} {'clean':>5} {'/10kw':>6}")
    for fam, r in fam_rows.items():
        if args.families and fam not in args.families:
            continue
        rate = r["clean_per_10k_words"]
        print(f"  {fam:5} {r['labels']:6d} {r['tp']:5d} {r['fp_pert']:5d} {r['other']:5d} "
              f"{r['dup']:5d} {r['source']:4d} {_fmt(r['precision']):>6} "
              f"{_fmt(r['recall']):>6} {r['clean']:5d} "
              f"{('-' if rate is None else f'{rate:.2f}'):>6}")
    print("  FP = findings on unperturbed sentences of en.pert; other = elsewhere in a "
          "perturbed sentence; clean, /10kw = findings in en.mt and en.ref (once per sentence "
          "group; per 10,000 words)")
    if args.show_false:
        show_items([f for f in findings if f.status in ("fp", "clean")], texts,
                   args.show_false, "false", args.families)
    if args.show_missed:
        show_items([lab for lab in labels if lab.status == "fn"], texts, args.show_missed,
                   "missed", args.families)
    return result


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        description="Score mtcheck's JSON report against labels (corpora/) and on NTREX.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", nargs="?", const=str(DEFAULT_CORPUS), default=None,
                    help="labelled corpus folder (default corpora/); selects corpus mode")
    ap.add_argument("--report", help="score this existing JSON report of --corpus instead of "
                                     "running mtcheck")
    ap.add_argument("--ntrex", action="store_true", help="selects the NTREX mode")
    ap.add_argument("--data", default=str(DEFAULT_DATA), help="the shared data folder")
    ap.add_argument("--out", help="write the NTREX clean/ and planted/ corpora here "
                                  "(default: a temporary directory, removed afterwards)")
    ap.add_argument("--langs", default="", help="NTREX languages, comma-separated ISO 639-3 "
                                                "(default all 20; eng is always the source)")
    ap.add_argument("--seed", type=int, default=0, help="planting seed")
    ap.add_argument("--no-source", action="store_true",
                    help="NTREX: delete the English source of every article (versions only)")
    ap.add_argument("--lower", action="store_true",
                    help="NTREX: lower-case every non-source version (clean and planted), like "
                         "MT pipelines that deliver lower-cased text (the seed article)")
    ap.add_argument("--per-doc", type=int, default=10, help="injections per NTREX document")
    ap.add_argument("--families", default="", help="restrict to families, e.g. MT1,MT2")
    ap.add_argument("--show-false", type=int, default=0, metavar="N",
                    help="print up to N false findings per family")
    ap.add_argument("--show-missed", type=int, default=0, metavar="N",
                    help="print up to N missed labels per family")
    ap.add_argument("--json", help="save the numbers to this JSON file")
    ap.add_argument("--jobs", type=int, help="passed to mtcheck as --jobs if it accepts it")
    ap.add_argument("--timeout", type=float, default=3600, help="seconds per mtcheck run")
    ap.add_argument("--mqm", action="store_true",
                    help="selects the MQM mode (real MT outputs with expert error spans)")
    ap.add_argument("--mqm-systems", type=int, default=6, metavar="N",
                    help="MQM: systems per document, the human reference first (0 = all)")
    ap.add_argument("--demetr", action="store_true",
                    help="selects the DEMETR mode (injected errors in real MT)")
    ap.add_argument("--demetr-per-copy", type=int, default=10, metavar="K",
                    help="DEMETR: perturbed sentences per en.pert version (1 = one per article)")
    return ap


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    args.families = [f.strip().upper()[:3] for f in args.families.split(",") if f.strip()]
    do_corpus = args.corpus is not None or args.report is not None
    do_ntrex = args.ntrex
    if not do_corpus and not do_ntrex and not args.mqm and not args.demetr:
        do_corpus = do_ntrex = True
    corpus = Path(args.corpus or DEFAULT_CORPUS)
    results: dict = {}
    workdir = Path(tempfile.mkdtemp(prefix="mtcheck-eval-"))
    try:
        if do_corpus:
            if not corpus.is_dir() or not find_articles(corpus):
                print(f"== corpus {corpus}: skipped (no article folders)")
            else:
                results["corpus"] = evaluate_corpus(corpus, args, workdir,
                                                    Path(args.report) if args.report else None)
        if do_ntrex:
            r = evaluate_ntrex(args, workdir)
            if r is not None:
                results["ntrex"] = r
        if args.mqm:
            r = evaluate_mqm(args, workdir)
            if r is not None:
                results["mqm"] = r
        if args.demetr:
            r = evaluate_demetr(args, workdir)
            if r is not None:
                results["demetr"] = r
    except HarnessError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(results, fh, ensure_ascii=False, indent=2)
        print(f"numbers saved to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
