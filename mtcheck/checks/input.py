"""MT0xx: input and alignment problems.

These findings are raised by the loader and the pipeline (not by scanning text),
so the classes here carry their code, severity and documentation only — except
control characters, which are scanned for.
"""

from __future__ import annotations

import re

from .base import Check, register


@register
class EmptyVersion(Check):
    """A version file is empty or holds only white space.

    An empty file usually means an export or a machine-translation job failed
    silently.  The version is left out of every other check.

    Example: ``fr.txt`` is 0 bytes while ``de.txt`` and ``ru.txt`` hold the article.
    """

    code = "MT001"
    name = "input.empty"
    severity = "error"
    runs_on_article = False


@register
class UnalignedVersion(Check):
    """A version could not be aligned with the other versions of its article.

    When almost nothing in a version lines up with the pivot version (no shared
    numbers or names, lengths that do not correspond), it is probably a
    different article, or a different part of it, saved under this name.
    Cross-version checks skip it.

    Example: ``de.txt`` holds last week's article while the other versions hold today's.

    The pipeline reports a version whose alignment confidence is very low.  A
    different article can still line up by sentence lengths alone (confidence up to
    0.7 was seen), so this check also asks the versions' anchors: the numbers and
    names that at least half of the other versions share.  A version that has fewer
    than ``max_share`` of them (with at least ``min_anchors`` to judge by) holds
    another text; a faithful translation keeps 40-100% of them (NTREX, 20 languages).
    """

    code = "MT002"
    name = "input.unaligned"
    severity = "error"
    options = {
        "max_share": (float, 0.2, "largest share of the shared numbers and names a foreign version keeps"),
        "min_anchors": (int, 6, "shared numbers and names needed to judge"),
    }

    def run(self, ctx):
        from ..pipeline import UNALIGNED_BELOW

        al = ctx.alignment
        max_share = ctx.option(self, "max_share")
        min_anchors = ctx.option(self, "min_anchors")
        for vid, (kept, total) in sorted(foreign_versions(ctx, min_anchors).items()):
            if al is not None and al.quality.get(vid, 1.0) < UNALIGNED_BELOW:
                continue  # the pipeline said so already
            if kept >= max_share * total:
                continue
            q = al.quality.get(vid) if al is not None else None
            yield ctx.finding(
                self, vid, 0, 0,
                message=f"version '{vid}' has {kept} of the {total} numbers and names that most other versions "
                f"share" + (f" (alignment confidence {q:.2f})" if q is not None else "") + "; is it the same article?",
                confidence=round(1.0 - kept / total, 3),
                data={"kept": kept, "anchors": total},
            )


def foreign_versions(ctx, min_anchors: int = 6) -> dict[str, tuple[int, int]]:
    """Per non-source version: (anchors it has, anchors to judge by), for the versions
    that can be judged.  The anchors are the aligner's numbers and names (names only in
    Latin-script versions) that at least half of the other versions have.  Computed once
    per article; versions with too few anchors are left out."""

    def compute():
        from ..align import _anchors, anchor_language, is_cased

        vs = [v for v in ctx.article.versions if ctx.segments.get(v.id)]
        if len(vs) < 3:
            return {}
        feats = {}
        for v in vs:
            segs = ctx.segments[v.id]
            latin = (v.script or "Latn") == "Latn"
            cased = is_cased(segs)
            lower = None if cased else anchor_language(v)  # a lower-cased version: its rarer words
            a: set[str] = set().union(*[_anchors(s.text, latin, cased, lower) for s in segs])
            feats[v.id] = ({x for x in a if x[0] == "#"}, {x for x in a if x[0] not in "#~"} if latin else set(), latin)
        # how many versions have each anchor (all of them; the Latin-script ones for
        # names): a version's "others" count is this minus its own
        from collections import Counter

        num_all = Counter(x for f in feats.values() for x in f[0])
        name_all = Counter(x for f in feats.values() if f[2] for x in f[1])
        n_latin = sum(1 for f in feats.values() if f[2])

        def split(counts, need):
            # anchors common to the others whatever this version has (>= need + 1 versions),
            # and those common unless this version is one of their holders (>= need)
            hi = {x for x, k in counts.items() if k >= need + 1}
            return hi, {x for x, k in counts.items() if need <= k < need + 1}

        num_hi, num_mid = split(num_all, 0.5 * (len(vs) - 1))
        name_hi, name_mid = split(name_all, 0.5 * (n_latin - 1))
        out = {}
        for v in vs:
            if v.is_source:
                continue
            nums, names, latin = feats[v.id]
            common = num_hi | (num_mid - nums)
            kept, total = len(nums & common), len(common)
            if latin and n_latin - 1 >= 2:
                common = name_hi | (name_mid - names)
                kept, total = kept + len(names & common), total + len(common)
            if total >= min_anchors:
                out[v.id] = (kept, total)
        return out

    return ctx.cached(f"input.foreign.{min_anchors}", compute)


@register
class UnknownLanguageTag(Check):
    """A ``.txt``/``.md`` file in an article folder has no known language tag.

    Version files are named ``<lang>[.<label>].<ext>`` with a BCP-47 or ISO 639
    tag (``fr``, ``fra``, ``pt-BR``, ``zh-Hans``).  A file that does not follow
    this is skipped, and said so, rather than guessed at.

    Example: ``french.txt`` or ``xx.txt`` beside ``de.txt`` and ``fr.txt``.
    """

    code = "MT003"
    name = "input.unknown-language"
    severity = "warning"
    runs_on_article = False


@register
class SingleVersion(Check):
    """An article has only one version, so nothing can be compared across versions.

    Names, numbers and completeness are checked by letting the versions vote;
    with one version only checks within that version run.

    Example: a folder with ``fr.txt`` alone.
    """

    code = "MT004"
    name = "input.single-version"
    severity = "info"
    runs_on_article = False


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x1b\u202a-\u202e\u2066-\u2069]+")


@register
class ControlCharacters(Check):
    """Control, terminal-escape or bidirectional-override characters in the text.

    NUL bytes, ESC sequences and the bidi overrides (U+202A–U+202E,
    U+2066–U+2069) are invisible, can reorder what a reader sees and can take
    over a terminal.  They never belong in a published article.

    Example: ``Mira Murati\\u202e`` reverses the rest of the line in a browser.
    """

    code = "MT005"
    name = "input.control-characters"
    severity = "error"

    def run(self, ctx):
        for v in ctx.article.versions:
            for m in _CONTROL.finditer(v.text):
                shown = "".join(f"U+{ord(c):04X} " for c in m.group()[:6]).strip()
                yield ctx.finding(self, v.id, m.start(), m.end(), f"control or bidi-override characters in the text ({shown})")


@register
class UnusedSuppression(Check):
    """An inline suppression comment that no longer matches any finding.

    ``<!-- mtcheck: ignore MT101 -->`` silences findings in the next block; once
    the text is fixed the comment should go, or it will hide a future error.

    Example: ``<!-- mtcheck: ignore MT101 -->`` above a paragraph where "Mulati"
    was corrected to "Murati".
    """

    code = "MT006"
    name = "input.unused-suppression"
    severity = "warning"
    runs_on_article = False
