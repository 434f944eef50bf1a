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
    """

    code = "MT002"
    name = "input.unaligned"
    severity = "error"
    runs_on_article = False


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
