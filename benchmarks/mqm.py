"""Build labelled mtcheck corpora from real MT errors: WMT MQM and DEMETR.

Used by ``benchmarks/evaluate.py --mqm`` / ``--demetr``; the data is read at run time
from ``../shared/data`` and the corpora are written to a temporary folder (or ``--out``),
never into the repository.

MQM (``../shared/data/mqm/<pair>.<dataset>.tsv``: WMT21 TED en-de/zh-en, WMT23 news
en-de/zh-en side-by-side; one row per (system, segment, rater, error))
---------------------------------------------------------------------------------------

One article folder per document, ``<dataset>/<doc>/``:

* ``<src>.source.txt``: the source segments in document order;
* ``<tgt>.<system>.txt``: one version per system, the same segments in the same order
  (``<system>`` sanitised to ``[A-Za-z0-9-]``); the one trusted human reference is
  ``<tgt>.ref.txt`` (en-de TED ``ref``, zh-en TED ``refB`` since ``ref`` = ref.A is a poor
  one, en-de WMT23 ``refA``); any other human reference is an ordinary label
  (``en.refA.txt``).  ``max_systems`` keeps the reference plus the first N-1 other systems
  in sorted name order (deterministic; 0 = all).
* the WMT23 en-de side-by-side names ``GPT4-5shot_with_ONLINE-W`` and
  ``GPT4-5shot_with_refA`` are one output (identical text) rated twice: they become one
  version ``GPT4-5shot`` carrying both sets of ratings.

Every segment is one paragraph: segment *i* (0-based) is line ``2*i + 1`` and segments are
separated by a blank line, so the harness's rule "a zero-width span matches within one
line" means "in the same segment".

MQM categories -> mtcheck families (everything else is ignored, neither label nor clean):

====================================================  ======  =============================
MQM category                                          family  label span
====================================================  ======  =============================
Accuracy/Source language fragment, Accuracy/          MT2     the target span (the whole
Untranslated text, Non-translation!                           segment when it is empty)
Accuracy/Omission, Omission (Translation),            MT4     the span is in the *source*:
Omission (Translation 2)                                      zero-width at the start of
                                                              the segment in the target
Accuracy/Addition                                     MT4     the target span
Locale convention/Name format                         MT1     the target span
Fluency/Inconsistency, Terminology/Inconsistent*      MT1     only when the span looks like
                                                              a name (see ``looks_like_name``)
Locale convention/Date format, Currency format        MT3     the target span
====================================================  ======  =============================

Spans of one (segment, system, family) marked by several raters are merged when they
overlap; a merged span is one label and remembers how many distinct raters marked it
(``raters``), so the harness can score "at least one rater" and "at least two raters"
(only the WMT23 files have 3 ratings per segment; TED has one).  Source-side omission
spans are merged by their source offsets, and then all omissions of one (segment,
system) become ONE zero-width label (they all sit at the same place in the target, so
the harness could not tell them apart; ``expected`` lists the omitted pieces joined by
" … ", ``raters`` is that of the most-marked piece).  MT4 recall is therefore "segments
with an omission that got an MT4 finding".

A (segment, system) whose every rating is ``No-error`` is *clean*: findings there are
false findings.  Findings on segments with errors of other categories are not scored
(``other``).

DEMETR (``../shared/data/demetr``: 1000 sentences in 10 languages, English MT ``mt_en``,
human English ``ref_en``, perturbed copies ``pert_en`` with one injected error each)
---------------------------------------------------------------------------------------

mtcheck compares versions, so an injected error needs versions to be voted against.
Items of one source language are grouped by id into groups of ``group`` (10) sentences;
for each group and each perturbation type there is one article (or several when more
than ``per_copy`` items of the group carry that type) with four versions, one sentence
per paragraph:

* ``<lang>.source.txt``: ``src``;
* ``en.mt.txt``: ``mt_en`` (Google Translate, checked by the DEMETR authors);
* ``en.ref.txt``: ``ref_en`` (human);
* ``en.pert.txt``: ``mt_en`` with the perturbation applied to every item of the group
  that has this type (one error per sentence at most, one type per article).

The label is the changed text in ``en.pert`` (whitespace-token diff against ``mt_en``; a
pure deletion is zero-width at the place of the deletion): codemix -> MT2, addition -> MT4
(a single added word, so it is reported apart: mtcheck's MT402 is about added content),
ne_replaced -> MT1, ne_removed -> MT1 (a deleted name: zero-width), numbers_replaced ->
MT3.  Recall is reported per type for the mapped family and for *any* family (a
finding of any family MT1-MT4 on the same span/segment).
"""

from __future__ import annotations

import argparse
import csv
import difflib
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

csv.field_size_limit(1 << 30)

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"

# ---------------------------------------------------------------------------
# MQM

MQM_FILES = {
    # file stem: (source lang, target lang, system used as <tgt>.ref, other human refs)
    "en-de.wmt21-ted": ("en", "de", "ref", ()),
    "zh-en.wmt21-ted": ("zh", "en", "refB", ("ref",)),
    "en-de.wmt23-news-sxs": ("en", "de", "refA", ()),
    "zh-en.wmt23-news-sxs": ("zh", "en", None, ()),
}

MT2_CATS = {"Accuracy/Source language fragment", "Accuracy/Untranslated text",
            "Non-translation!"}
OMISSION_CATS = {"Accuracy/Omission", "Accuracy/Omission (Translation)",
                 "Accuracy/Omission (Translation 2)"}
ADDITION_CATS = {"Accuracy/Addition"}
NAME_CATS = {"Locale convention/Name format"}
INCONSISTENT_CATS = {"Fluency/Inconsistency", "Terminology/Inconsistent use of terminology",
                     "Terminology/Inconsistent"}
MT3_CATS = {"Locale convention/Date format", "Locale convention/Currency format"}

# characters str.splitlines() treats as line ends but the harness does not: blanked
_LINE_BREAKS = re.compile("[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def sanitise(name: str) -> str:
    s = re.sub(r"[^A-Za-z0-9-]+", "-", name).strip("-")
    return s or "x"


def system_key(system: str) -> str:
    """``GPT4-5shot_with_refA`` -> ``GPT4-5shot`` (one output rated side by side twice)."""
    return system.split("_with_")[0]


def _clean_line(text: str) -> str:
    return _LINE_BREAKS.sub(" ", text.strip())


def looks_like_name(span: str, target: str, start: int, source: str, tgt_lang: str) -> bool:
    """Does an MQM inconsistency span look like a name (so that MT1 should catch it)?

    A word of the span must start with a capital letter (or be an acronym) and:

    * German targets (all nouns capitalised): the word, or its first 4 letters, occurs
      capitalised in the English source (names are kept across en->de; "Schwarzen Loch"
      is not in the source, "Türkiye"/"Big Bang" would be);
    * English targets: it is not the first word of a sentence (or it is an acronym /
      has a second capital: "U.S.", "KMT", "McCarthy"), and it is not "I".

    A span with a digit ("February 10") is never a name.
    """
    if re.search(r"\d", span):  # dates and amounts are not names
        return False
    words = [(m.start() + start, m.group()) for m in _WORD.finditer(span)]
    if tgt_lang == "de":
        src_caps = {w for w in _WORD.findall(source) if w[:1].isupper()}
        prefixes = {w[:4] for w in src_caps if len(w) >= 4}
        for _, w in words:
            if w[:1].isupper() and (w.rstrip(".'’") in src_caps or
                                    (len(w) >= 4 and w[:4] in prefixes)):
                return True
        return False
    for pos, w in words:
        if not w[:1].isupper() or w == "I":
            continue
        if sum(c.isupper() for c in w) >= 2:
            return True
        before = target[:pos].rstrip()
        if before and before[-1] not in ".!?:\"“”'‘’-–—":
            return True
    return False


@dataclass
class MqmLabel:
    article: str
    version: str
    seg: int  # 0-based segment index
    family: str
    code: str
    start: int  # offsets in the segment's target text (or 0/0 for zero-width)
    end: int
    text: str
    categories: set = field(default_factory=set)
    raters: set = field(default_factory=set)
    src_span: str = ""  # omission: the omitted source text
    kind: str = ""  # "name" / "digits" / "text" / "omission" ...


@dataclass
class MqmArticle:
    article: str  # "<dataset>/<doc>"
    dataset: str
    doc: str
    src_lang: str
    tgt_lang: str
    source: list  # segment texts
    versions: dict  # version id -> list of segment texts
    systems: dict  # version id -> original system name(s)
    clean: set  # (version id, seg) rated No-error by every rater
    rated: set  # (version id, seg) with any rating
    labels: list  # MqmLabel
    multi_rater: bool = False  # some (version, seg) has ratings by two or more raters


def read_tsv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def _kind(lab_text: str, family: str, category: str, src_span: str = "",
          src_lang: str = "en") -> str:
    """A coarse kind of a label, to split recall into what mtcheck is built to see.

    MT4: omission/addition, ``long`` when the omitted source span (or the added text)
    is a clause: >= 6 words (>= 12 characters of Chinese), else ``short`` (a word or a
    punctuation mark).  MT2: ``digits`` (Arabic digits a rater wanted in words),
    ``han`` (source script left in the target), ``1-2 words`` (mostly names and
    loanwords), ``3+ words`` (a phrase), ``non-translation``.  Others: ``name`` /
    ``digits`` / ``text``.
    """
    if family == "MT4":
        if category in OMISSION_CATS:
            n = (len(re.sub(r"\W", "", src_span)) / 2 if src_lang == "zh"
                 else len(src_span.split()))
            return "omission long" if n >= 6 else "omission short"
        return "addition long" if len(lab_text.split()) >= 4 else "addition short"
    if category == "Non-translation!":
        return "non-translation"
    if re.fullmatch(r"[\s\d.,:%/-]+", lab_text or "x"):
        return "digits"
    if family == "MT2":
        if _HAN.search(lab_text):
            return "han"
        return "3+ words" if len(_WORD.findall(lab_text)) >= 3 else "1-2 words"
    words = _WORD.findall(lab_text)
    if words and any(w[:1].isupper() for w in words):
        return "name"
    return "text"


def map_category(row: dict, tgt_lang: str, target: str, start: int) -> tuple[str, str] | None:
    """(family, expected code) for an MQM row, or None when the category is ignored."""
    cat = row["category"]
    span = row["error_span"]
    if cat in MT2_CATS:
        if cat == "Non-translation!":
            return "MT2", "MT203"
        src_script_han = bool(_HAN.search(span))
        return "MT2", ("MT201" if src_script_han and tgt_lang != "zh" else "MT202")
    if cat in OMISSION_CATS:
        return "MT4", "MT401"
    if cat in ADDITION_CATS:
        return "MT4", "MT402"
    if cat in NAME_CATS:
        return "MT1", "MT102"
    if cat in INCONSISTENT_CATS and row["span_in"] == "target" and \
            looks_like_name(span, target, start, row["source"], tgt_lang):
        return "MT1", "MT101"
    if cat in MT3_CATS:
        return "MT3", "MT302" if "Date" in cat else "MT301"
    return None


def _merge_spans(spans: list[tuple[int, int, str, str, str]]) -> list[dict]:
    """Merge overlapping (start, end, rater, category, text) spans into clusters."""
    spans = sorted(spans, key=lambda s: (s[0], s[1]))
    out: list[dict] = []
    for s, e, rater, cat, text in spans:
        if out and (s < out[-1]["end"] or (s == e == out[-1]["start"] == out[-1]["end"])
                    or (s == out[-1]["start"])):
            c = out[-1]
            c["end"] = max(c["end"], e)
            c["raters"].add(rater)
            c["cats"].add(cat)
        else:
            out.append({"start": s, "end": e, "raters": {rater}, "cats": {cat}, "text": text})
    return out


def load_mqm(data: Path, max_systems: int = 6, files=None) -> tuple[list[MqmArticle], dict]:
    """Read the MQM TSVs into articles with labels. Returns (articles, stats)."""
    data = Path(data)
    stats: dict = {"skipped_rows": 0, "files": {}}
    articles: list[MqmArticle] = []
    for stem, (sl, tl, ref_sys, other_refs) in MQM_FILES.items():
        if files and stem not in files:
            continue
        path = data / f"{stem}.tsv"
        if not path.is_file():
            continue
        rows = read_tsv(path)
        by_doc: dict[str, list[dict]] = defaultdict(list)
        for r in rows:
            by_doc[r["doc"]].append(r)
        systems_all = sorted({system_key(r["system"]) for r in rows})
        others = [s for s in systems_all if s != ref_sys]
        chosen = ([ref_sys] if ref_sys in systems_all else [])
        chosen += others if max_systems <= 0 else others[: max(0, max_systems - len(chosen))]
        stats["files"][stem] = {"systems": chosen, "docs": len(by_doc)}
        for doc in sorted(by_doc):
            drows = by_doc[doc]
            segs = sorted({int(r["doc_seg_id"]) for r in drows})
            seg_index = {s: i for i, s in enumerate(segs)}
            src_var: dict[int, Counter] = defaultdict(Counter)
            tgt_var: dict[tuple, Counter] = defaultdict(Counter)
            for r in drows:
                src_var[seg_index[int(r["doc_seg_id"])]][r["source"].strip()] += 1
                key = system_key(r["system"])
                if key in chosen:
                    tgt_var[(key, seg_index[int(r["doc_seg_id"])])][r["target"].strip()] += 1
            source = [_clean_line(src_var[i].most_common(1)[0][0]) for i in range(len(segs))]
            vid_of = {}
            for s in chosen:
                if s == ref_sys:
                    vid_of[s] = f"{tl}.ref"
                else:
                    lab = sanitise(s)
                    if lab.lower() in ("ref", "source"):
                        lab = lab + "A"
                    vid_of[s] = f"{tl}.{lab}"
            versions, systems = {}, {}
            for s in chosen:
                texts = []
                for i in range(len(segs)):
                    var = tgt_var.get((s, i))
                    texts.append(_clean_line(var.most_common(1)[0][0]) if var else "")
                versions[vid_of[s]] = texts
                systems[vid_of[s]] = s
            article = f"{stem}/{sanitise(doc.split(':')[0])}"
            # ratings per (version, seg)
            ratings: dict[tuple, list[dict]] = defaultdict(list)
            for r in drows:
                key = system_key(r["system"])
                if key in chosen:
                    ratings[(vid_of[key], seg_index[int(r["doc_seg_id"])])].append(r)
            clean = {k for k, rs in ratings.items() if all(r["category"] == "No-error" for r in rs)}
            labels: list[MqmLabel] = []
            for (vid, i), rs in sorted(ratings.items()):
                tgt = versions[vid][i]
                groups: dict[tuple, list] = defaultdict(list)
                for r in rs:
                    if r["category"] == "No-error":
                        continue
                    raw_t = r["target"]
                    lead = len(raw_t) - len(raw_t.lstrip())
                    if _clean_line(raw_t) != tgt:
                        stats["skipped_rows"] += 1
                        continue
                    if r["span_in"] == "target" and r["span_start"] != "":
                        s0, e0 = int(r["span_start"]) - lead, int(r["span_end"]) - lead
                        s0, e0 = max(0, s0), min(len(tgt), e0)
                    else:
                        s0 = e0 = 0
                    fam = map_category(r, tl, tgt, s0)
                    if fam is None:
                        continue
                    family_, code = fam
                    if r["span_in"] == "source":
                        ss = int(r["span_start"] or 0)
                        se = int(r["span_end"] or 0)
                        groups[(family_, code, "source")].append(
                            (ss, se, r["rater"], r["category"], r["error_span"]))
                    else:
                        if e0 <= s0:  # empty target span: the whole segment
                            s0, e0 = 0, len(tgt)
                        groups[(family_, code, "target")].append(
                            (s0, e0, r["rater"], r["category"], tgt[s0:e0]))
                for (family_, code, side), spans in groups.items():
                    clusters = _merge_spans(spans)
                    if side == "source" and len(clusters) > 1:
                        # all source-side omissions of a segment are zero-width at the
                        # same place in the target: one label (raters: best cluster)
                        best = max(clusters, key=lambda c: len(c["raters"]))
                        clusters = [{"start": clusters[0]["start"], "end": clusters[-1]["end"],
                                     "raters": best["raters"],
                                     "cats": set().union(*(c["cats"] for c in clusters)),
                                     "text": " … ".join(c["text"] for c in clusters),
                                     "parts": clusters}]
                    for c in clusters:
                        cat = sorted(c["cats"])[0]
                        if side == "source":
                            parts = c.get("parts", [c])
                            src_span = " … ".join(
                                source[i][p["start"]:p["end"]] if p["end"] <= len(source[i])
                                else p["text"] for p in parts)
                            lab = MqmLabel(article, vid, i, family_, code, 0, 0, "",
                                           c["cats"], c["raters"], src_span=src_span)
                        else:
                            lab = MqmLabel(article, vid, i, family_, code, c["start"], c["end"],
                                           tgt[c["start"]:c["end"]], c["cats"], c["raters"])
                        lab.kind = _kind(lab.text, family_, cat, lab.src_span, sl)
                        labels.append(lab)
            multi = any(len({r["rater"] for r in rs}) > 1 for rs in ratings.values())
            articles.append(MqmArticle(article, stem, doc, sl, tl, source, versions, systems,
                                       clean, set(ratings), labels, multi))
    return articles, stats


def write_mqm(articles: list[MqmArticle], root: Path) -> None:
    """Write the article folders (and a labels.tsv per article, for inspection)."""
    for a in articles:
        d = Path(root) / a.article
        d.mkdir(parents=True, exist_ok=True)
        (d / f"{a.src_lang}.source.txt").write_text("\n\n".join(a.source) + "\n",
                                                   encoding="utf-8", newline="")
        for vid, segs in a.versions.items():
            (d / f"{vid}.txt").write_text("\n\n".join(segs) + "\n", encoding="utf-8",
                                          newline="")
        rows = ["version\tcode\tline\tcolumn\tend_line\tend_column\ttext\texpected\tnote"]
        for lab in a.labels:
            line = 2 * lab.seg + 1
            rows.append("\t".join([lab.version, lab.code, str(line), str(lab.start + 1),
                                   str(line), str(lab.end + 1), lab.text,
                                   lab.src_span, label_note(lab)]))
        (d / "mqm-labels.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def label_note(lab: MqmLabel) -> str:
    return f"{'+'.join(sorted(lab.categories))}|{lab.kind}|raters={len(lab.raters)}"


# ---------------------------------------------------------------------------
# DEMETR

DEMETR_LANGS = {"chinese_simple": "zh", "czech": "cs", "french": "fr", "german": "de",
                "hindi": "hi", "italian": "it", "japanese": "ja", "polish": "pl",
                "russian": "ru", "spanish": "es"}
PERT_TYPES = {
    # pert_name: (short name, family, code)
    "critical_id4_codemix": ("codemix", "MT2", "MT202"),
    "critical_id6_addition": ("addition", "MT4", "MT402"),
    "critical_id9_ne_replaced": ("ne_replaced", "MT1", "MT102"),
    "critical_id10_numbers_replaced": ("numbers_replaced", "MT3", "MT301"),
    "critical_id25_ne_removed": ("ne_removed", "MT1", "MT102"),
}


def diff_span(mt: str, pert: str) -> tuple[int, int]:
    """(start, end) in ``pert`` of what differs from ``mt`` (whitespace tokens).

    Several hunks give one span from the first to the last; a pure deletion is
    zero-width at the place of the deletion.
    """
    a = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", mt)]
    b = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", pert)]
    sm = difflib.SequenceMatcher(a=[t for *_, t in a], b=[t for *_, t in b], autojunk=False)
    starts, ends = [], []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        if j2 > j1:
            starts.append(b[j1][0])
            ends.append(b[j2 - 1][1])
        else:  # deletion: zero-width before token j1 (or at the end)
            p = b[j1][0] if j1 < len(b) else len(pert.rstrip())
            starts.append(p)
            ends.append(p)
    if not starts:
        return 0, 0
    return min(starts), max(ends)


@dataclass
class DemetrLabel:
    article: str
    version: str
    seg: int
    family: str
    code: str
    start: int
    end: int
    text: str
    pert: str  # short type
    item: str
    mt_changed: str = ""


@dataclass
class DemetrArticle:
    article: str
    src_lang: str
    pert: str
    source: list
    mt: list
    ref: list
    perturbed: list
    pert_segs: set
    labels: list


def load_demetr(data: Path, group: int = 10, per_copy: int = 10,
                types=None) -> list[DemetrArticle]:
    data = Path(data)
    items = read_tsv(data / "items.tsv")
    perts = read_tsv(data / "perturbations.tsv")
    by_lang: dict[str, list[dict]] = defaultdict(list)
    for it in items:
        by_lang[it["lang"]].append(it)
    pert_of: dict[tuple, dict] = {}
    for p in perts:
        pert_of[(p["pert_name"], p["id"])] = p
    out: list[DemetrArticle] = []
    for lang in sorted(by_lang):
        code = DEMETR_LANGS.get(lang, lang[:2])
        its = sorted(by_lang[lang], key=lambda r: int(r["id"]))
        for g in range(0, len(its), group):
            grp = its[g:g + group]
            src = [_clean_line(r["src"]) for r in grp]
            mt = [_clean_line(r["mt_en"]) for r in grp]
            ref = [_clean_line(r["ref_en"]) for r in grp]
            for pname, (short, fam, pcode) in PERT_TYPES.items():
                if types and short not in types:
                    continue
                idx = [i for i, r in enumerate(grp) if (pname, r["id"]) in pert_of]
                for c in range(0, len(idx), max(1, per_copy)):
                    chunk = idx[c:c + max(1, per_copy)]
                    art = f"demetr/{code}-{g // group + 1:02d}/{short}" + \
                          (f"-{c // per_copy + 1}" if len(idx) > per_copy else "")
                    pert_texts = list(mt)
                    labels = []
                    for i in chunk:
                        p = pert_of[(pname, grp[i]["id"])]
                        ptxt = _clean_line(p["pert_en"])
                        pert_texts[i] = ptxt
                        s, e = diff_span(mt[i], ptxt)
                        labels.append(DemetrLabel(art, "en.pert", i, fam, pcode, s, e,
                                                  ptxt[s:e], short, grp[i]["id"],
                                                  p["mt_changed"]))
                    out.append(DemetrArticle(art, code, short, src, mt, ref, pert_texts,
                                             set(chunk), labels))
    return out


def write_demetr(articles: list[DemetrArticle], root: Path) -> None:
    for a in articles:
        d = Path(root) / a.article
        d.mkdir(parents=True, exist_ok=True)
        for name, segs in ((f"{a.src_lang}.source", a.source), ("en.mt", a.mt),
                           ("en.ref", a.ref), ("en.pert", a.perturbed)):
            (d / f"{name}.txt").write_text("\n\n".join(segs) + "\n", encoding="utf-8",
                                           newline="")


# ---------------------------------------------------------------------------


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Build the MQM / DEMETR article folders "
                                             "(to look at them; evaluate.py scores them).")
    ap.add_argument("--data", default=str(DEFAULT_DATA))
    ap.add_argument("--out", required=True)
    ap.add_argument("--systems", type=int, default=6, help="MQM systems per article (0 = all)")
    ap.add_argument("--per-copy", type=int, default=10, help="DEMETR perturbed items per copy")
    args = ap.parse_args(argv)
    mqm_dir = Path(args.data) / "mqm"
    if mqm_dir.is_dir():
        arts, stats = load_mqm(mqm_dir, args.systems)
        write_mqm(arts, Path(args.out) / "mqm")
        print(f"mqm: {len(arts)} articles, {sum(len(a.labels) for a in arts)} labels -> "
              f"{Path(args.out) / 'mqm'}")
    dem = Path(args.data) / "demetr"
    if dem.is_dir():
        arts = load_demetr(dem, per_copy=args.per_copy)
        write_demetr(arts, Path(args.out))
        print(f"demetr: {len(arts)} articles -> {Path(args.out) / 'demetr'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
