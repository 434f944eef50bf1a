"""MT9xx: quality scores below (or above) a configured threshold.

These findings are produced by :mod:`mtcheck.score` after the checks have run
(``runs_on_article = False``); the classes here carry the code, the severity
and the documentation.  Thresholds live in the ``[thresholds]`` table of
``mtcheck.toml`` (or ``[tool.mtcheck.thresholds]`` in ``pyproject.toml``)::

    [thresholds]
    min_chrf = 50
    min_bleu = 25
    max_ter = 60
    min_quality = 80

A threshold finding is a zero-width span at line 1, column 1 of the version's
file (the score is about the whole file, so no text is highlighted); its
message names the score, the threshold and the sacrebleu signature, and its
``data`` holds them as fields.  Severity error, so the gate fails (exit 1).
"""

from __future__ import annotations

from .base import Check, register


@register
class MinChrf(Check):
    """chrF against the reference is below the configured minimum (``thresholds.min_chrf``).

    chrF (character n-gram F-score, sacrebleu) compares a version with the
    trusted human translation of its language (``fr.ref.txt``).  It works for
    every language and script, rewards partly right word forms in
    morphologically rich languages, and is the score to gate on first.  Omitted
    sentences count (scored against an empty string).

    Example: with ``min_chrf = 50``, ``fr.google.txt`` scores chrF 41.8 against
    ``fr.ref.txt`` because two sentences were dropped and one hallucinated
    ("Le projet a également été salué par le Premier ministre…"):
    ``MT901 chrF 41.80 against fr.ref is below the configured minimum 50
    (thresholds.min_chrf; nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0)``.
    """

    code = "MT901"
    name = "scores.min-chrf"
    severity = "error"
    runs_on_article = False


@register
class MinBleu(Check):
    """BLEU against the reference is below the configured minimum (``thresholds.min_bleu``).

    BLEU (sacrebleu, corpus-level, tokeniser per language: ``13a``, ``zh``,
    ``ja-mecab`` or ``char``) counts shared word n-grams with the reference.
    It is the historical score of the field and what many dashboards track;
    on a single article it is noisy, so set its threshold with margin.

    Example: with ``min_bleu = 30``, ``fr.deepl.txt`` gets BLEU 27.4 against
    ``fr.ref.txt``: ``MT902 BLEU 27.40 against fr.ref is below the configured
    minimum 30 (thresholds.min_bleu; nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0)``.
    """

    code = "MT902"
    name = "scores.min-bleu"
    severity = "error"
    runs_on_article = False


@register
class MaxTer(Check):
    """TER against the reference is above the configured maximum (``thresholds.max_ter``).

    TER (translation edit rate, sacrebleu) is the number of word edits —
    insertions, deletions, substitutions and phrase shifts — needed to turn the
    version into the reference, per reference word, in percent: a proxy for
    post-editing effort.  Lower is better, so the threshold is a maximum.

    Example: with ``max_ter = 60``, ``fr.google.txt`` needs 64.2 edits per 100
    reference words: ``MT903 TER 64.20 against fr.ref is above the configured
    maximum 60 (thresholds.max_ter; nrefs:1|case:lc|tok:tercom|norm:no|punct:yes|asian:no|version:2.6.0)``.
    """

    code = "MT903"
    name = "scores.max-ter"
    severity = "error"
    runs_on_article = False


@register
class MinQuality(Check):
    """The error-based quality score is below the configured minimum (``thresholds.min_quality``).

    ``quality`` exists for every version, with or without a reference: penalty
    points per finding by severity (error 10, warning 3, info 0 by default),
    per 1,000 words, mapped to 0–100 (``100 * max(0, 1 - penalty_per_1000_words
    / 100)``; weights in the ``[quality]`` table).  It turns the findings into
    one number a release gate can hold, in the spirit of MQM.

    Example: with ``min_quality = 80``, a 420-word ``de.txt`` with a changed
    member count ("1.410" for 1,140) and leaked "Artikel teilen" boilerplate
    (two errors, 20 points, 47.6 per 1,000 words) scores 52.38:
    ``MT904 quality 52.38 is below the configured minimum 80
    (thresholds.min_quality; mtcheck-quality|error:10|warning:3|info:0|per:1000|max:100)``.
    """

    code = "MT904"
    name = "scores.min-quality"
    severity = "error"
    runs_on_article = False
