"""Stage 2: split a version into paragraphs and sentences with exact offsets.

Blocks first: every line of a ``.txt`` file is a block (blank lines separate
paragraphs); in Markdown, consecutive non-blank lines form one block unless a
line starts a heading or a list item.  Then sentences, with a guarded regular
expression: a sentence ends at ``. ! ?`` (plus closing quotes/brackets) followed
by white space, or right after ``。！？`` and the danda, except after known
abbreviations, initials, ordinal numbers (in languages that write "3. März"),
and never at an ellipsis.  Decimals (1.5, 1,5) never split since no space
follows the mark.

Measured against pysbd, sentencex and blingfire on real multilingual news, a
well-guarded regex had the best boundary F1 and is ~100x faster than pysbd.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .model import Segment, Version

# Abbreviations (lower-cased, without the final dot) that do not end a sentence.
_ABBREV_COMMON = {
    "dr", "prof", "mr", "mrs", "ms", "st", "mt", "vs", "etc", "no", "nr", "inc", "ltd", "co", "corp",
    "jr", "sr", "gen", "gov", "sen", "rep", "col", "lt", "sgt", "capt", "rev", "fig", "vol", "p", "pp",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx",
    "e.g", "i.e", "u.s", "u.k", "u.n", "a.m", "p.m", "ca", "cf", "al", "dept", "est", "min", "max",
}
_ABBREV = {
    "fr": {"m", "mm", "mme", "mmes", "mlle", "mlles", "av", "apr", "j.-c", "env", "cf", "p.ex", "ex", "boul", "bd", "ste", "st", "me", "mgr", "pr"},
    "de": {"z.b", "bzw", "usw", "hr", "fr", "nr", "vgl", "d.h", "u.a", "ca", "bspw", "evtl", "ggf", "inkl", "jh", "mio", "mrd", "str", "s", "tel", "u.ä", "z.t", "o.ä", "dr", "st"},
    "es": {"sr", "sra", "srta", "dña", "d", "ud", "uds", "ee.uu", "pág", "núm", "aprox", "gral", "lic", "ing", "arq", "av", "avda", "dra", "sres", "cía"},
    "it": {"sig", "sigg", "sig.ra", "dott", "ecc", "avv", "ing", "prof.ssa", "pag", "sen", "on", "geom", "arch", "dott.ssa", "s.p.a", "n"},
    "pt": {"sr", "sra", "srs", "dra", "av", "pág", "etc", "n.º", "eua", "s.a", "ltda", "prof.ª"},
    "nl": {"bijv", "dhr", "mevr", "drs", "ir", "ing", "mr", "nl", "o.a", "d.w.z", "m.a.w", "z.g.a.n", "blz", "ca"},
    "ru": {"т.е", "т.д", "т.п", "т.к", "г", "гг", "им", "ул", "д", "стр", "см", "тыс", "млн", "млрд", "руб", "проф", "акад", "др", "пр", "т.н", "с", "ок", "н.э", "до н.э"},
    "uk": {"т.д", "т.п", "т.зв", "р", "рр", "ім", "вул", "див", "тис", "млн", "млрд", "грн", "проф", "ст", "с"},
    "pl": {"np", "m.in", "tzw", "ok", "ul", "prof", "dr", "mgr", "inż", "tj", "ds", "nr", "r", "godz", "tys", "mln", "mld", "zł", "św", "al", "płk", "gen", "im", "pt", "b.r"},
    "cs": {"např", "tzv", "atd", "apod", "tj", "resp", "mj", "č", "ing", "mgr", "dr", "prof", "sv", "str", "tis", "mil", "mld", "kč", "n.l"},
    "tr": {"vb", "vs", "dr", "prof", "doç", "sn", "yy", "bkz", "örn", "av", "st", "no", "tel", "cad", "sok", "mah", "m.ö", "m.s"},
    "fi": {"esim", "mm", "ns", "tri", "ks", "jne", "yms", "n", "s", "klo", "milj", "mrd", "v", "ym", "eaa", "jaa", "prof", "os", "ts"},
    "el": {"κ", "π.χ", "κ.λπ", "δηλ", "σελ", "αρ", "δρ", "καθ", "κα", "εκ", "χιλ", "π.μ", "μ.μ"},
    "id": {"dll", "dr", "ir", "prof", "drs", "jl", "no", "tn", "ny", "sdr", "h", "hj", "s.h", "st", "kab", "bpk"},
    "vi": {"tp", "ths", "ts", "gs", "pgs", "ông", "bà", "nxb", "tr"},
    "en": set(),
    "hi": {"डॉ", "श्री", "श्रीमती", "प्रो"},
    "ar": set(),
}
# Languages that write ordinal numbers with a dot ("3. März", "5. května").
_ORDINAL_DOT = {"de", "da", "nb", "no", "nn", "fi", "cs", "sk", "pl", "hu", "tr", "sl", "hr", "sr", "bs", "et", "lv", "lt", "is", "fo"}

_CJK_LANGS = {"zh", "ja", "ko", "yue", "wuu"}

_CLOSERS = "\"'»”’)]}」』）】〉》›"
_OPENERS = "\"'«“‘([{「『（【〈《‹¿¡"

# Candidate boundaries.  Group 1: the mark(s) and closers; the boundary is at m.end(1).
_LATIN_BOUNDARY = re.compile(
    r"([.!?;؟؛।॥։።።][" + re.escape(_CLOSERS) + r"]*)(?=\s+\S)"
)
_CJK_BOUNDARY = re.compile(r"([。！？!?．｡][" + re.escape(_CLOSERS) + r"]*)(?=\s*\S)")
_DANDA_BOUNDARY = re.compile(r"([।॥][" + re.escape(_CLOSERS) + r"]*)(?=\s*\S)")

_TOKEN_BEFORE = re.compile(r"(?:^|\s|[" + re.escape(_OPENERS) + r"])([^\s" + re.escape(_OPENERS) + r"]*)$")


@lru_cache(maxsize=64)
def _abbrevs(language: str) -> frozenset[str]:
    return frozenset(_ABBREV_COMMON | _ABBREV.get(language, set()))


def _is_boundary(text: str, mark_start: int, mark: str, after: int, language: str, abbrevs: frozenset[str]) -> bool:
    """Decide whether a '.'-like mark at ``mark_start`` ends a sentence."""
    first = mark[0]
    if first == ";":
        # Greek question mark; elsewhere a semicolon is not a sentence end.
        if language != "el":
            return False
    if first in "!?؟":
        return True
    if first in "。！？．｡।॥":
        return True
    if first != ".":
        return False
    # ellipsis: "...", "…" never end a sentence here
    head = text[max(0, mark_start - 3):mark_start]
    if head.endswith("..") or head.endswith("…") or text[mark_start:mark_start + 2] == "..":
        return False
    m = _TOKEN_BEFORE.search(text, max(0, mark_start - 40), mark_start)
    token = m.group(1) if m else ""
    if not token:
        return False
    low = token.lower()
    if low in abbrevs:
        return False
    # inner dots: U.S., z.B., J.-C. -> treat as abbreviation unless followed by a capital after two spaces
    if "." in token and len(token) <= 8 and all(len(p) <= 3 for p in token.split(".") if p):
        return False
    # initials: single letter (J. R. R. Tolkien)
    if len(token) == 1 and token.isalpha():
        return False
    # ordinal numbers: "3. März", "1. alors" at the start of a line (list numbering)
    if token.isdigit() and len(token) <= 3:
        if language in _ORDINAL_DOT:
            return False
        line_start = text.rfind("\n", 0, mark_start) + 1
        if text[line_start:mark_start].strip() == token:
            return False
    # next token starts with a lower-case letter after an abbreviation-like short token
    nxt = text[after:after + 40].lstrip()
    if nxt[:1].islower() and len(token) <= 3 and token.isalpha() and not token.islower():
        return False
    return True


def _sentence_spans(text: str, start: int, end: int, language: str) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` (one block) into trimmed sentence spans."""
    abbrevs = _abbrevs(language)
    cuts = [start]
    block = text
    rxs = [_LATIN_BOUNDARY]
    if language in _CJK_LANGS or re.search(r"[。！？]", text[start:end]):
        rxs.append(_CJK_BOUNDARY)
    if language in ("hi", "mr", "ne", "bn", "sa"):
        rxs.append(_DANDA_BOUNDARY)
    marks: dict[int, bool] = {}
    for rx in rxs:
        for m in rx.finditer(block, start, end):
            cut = m.end(1)
            if cut in marks or cut >= end:
                continue
            marks[cut] = _is_boundary(block, m.start(1), m.group(1), cut, language, abbrevs)
    for cut in sorted(marks):
        if marks[cut]:
            cuts.append(cut)
    cuts.append(end)
    spans = []
    for a, b in zip(cuts, cuts[1:]):
        seg = text[a:b]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg) - len(seg.rstrip())
        s, e = a + lead, b - trail
        if e > s:
            spans.append((s, e))
    return spans


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_MD_BLOCK_START = re.compile(r"^[ \t]{0,3}(?:#{1,6}[ \t]|[-*+][ \t]|\d{1,9}[.)][ \t]|>)")


def blocks(version: Version) -> list[tuple[int, int, int]]:
    """(start, end, paragraph) of each block of the version's check text."""
    text = version.check_text
    original = version.text
    out: list[tuple[int, int, int]] = []
    para = 0
    pos = 0
    n = len(text)
    in_para = False
    cur_start = cur_end = -1
    while pos < n:
        nl = pos
        while nl < n and text[nl] not in "\r\n":
            nl += 1
        line_end = nl
        if nl < n:
            nl += 2 if text[nl] == "\r" and nl + 1 < n and text[nl + 1] == "\n" else 1
        line = text[pos:line_end]
        if not line.strip():
            if cur_start >= 0:
                out.append((cur_start, cur_end, para))
                cur_start = -1
            if in_para:
                para += 1
                in_para = False
        else:
            if version.format == "md":
                starts_block = bool(_MD_BLOCK_START.match(original[pos:line_end]))
                if cur_start >= 0 and starts_block:
                    out.append((cur_start, cur_end, para))
                    cur_start = -1
                if cur_start < 0:
                    cur_start = pos
                cur_end = line_end
            else:
                out.append((pos, line_end, para))
            in_para = True
        pos = nl
    if cur_start >= 0:
        out.append((cur_start, cur_end, para))
    return out


def segment_version(version: Version) -> tuple[Segment, ...]:
    """Split a version into sentence segments with exact offsets."""
    text = version.check_text
    segs: list[Segment] = []
    for b_start, b_end, para in blocks(version):
        for s, e in _sentence_spans(text, b_start, b_end, version.language):
            segs.append(Segment(version=version.id, index=len(segs), start=s, end=e, text=text[s:e], paragraph=para))
    return tuple(segs)


_WORD = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{1,2}|[^\W_]+(?:['’\-][^\W_]+)*")


def count_words(text: str) -> int:
    """Words for rates and scores: word tokens; in Chinese/Japanese script, one per two characters."""
    return sum(1 for _ in _WORD.finditer(text))
