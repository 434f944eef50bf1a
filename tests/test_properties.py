"""Properties of the whole pipeline on random Unicode text (hypothesis).

For any 2-4 versions: checking never crashes; every finding's offsets lie in its
version, its ``text`` is exactly ``Version.text[start:end]``, and its contract
line/column round-trip through :class:`~mtcheck.model.LineIndex`; every
segment slices its version back; alignment never drops or duplicates a segment.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mtcheck.config import Config
from mtcheck.load import parse_language_tag
from mtcheck.markup import blank_markup
from mtcheck.model import Article, LineIndex, Version
from mtcheck.pipeline import check_article

LANGS = ["en", "fr", "de", "ru", "zh-Hans", "ja", "ar", "el", "pt-BR", "tr", "hi", "ko"]

# Pieces that stress segmentation and positions: sentence marks, CJK, RTL, line
# ends of every kind, digits in several scripts, markup, controls, emoji, combining marks.
PIECES = [
    "The minister met 120 workers.", "Mme Dupont a dit « oui ».", "Москва, 3 марта 2024 г.", "东京。", "「はい」と言った。",
    "مرحبا بالعالم.", "٣٫٥ مليون", "Ελλάδα; ", "Dr. Smith", "3.5%", "1,234.56", "St. Petersburg", "U.S.",
    "\n", "\n\n", "\r\n", "\r", "\u2028", "\t", "  ", "...", "?!", "# Title\n", "- item\n", "`code`", "[link](http://x.y)",
    "<!-- mtcheck: ignore MT101 -->", "\u202e", "\x00", "\x1b[31m", "👩‍👩‍👧", "e\u0301", "\ufeff", "Mulati", "Murati",
]

text_piece = st.one_of(
    st.sampled_from(PIECES),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40),
)
version_text = st.lists(text_piece, max_size=25).map(" ".join)


@st.composite
def articles(draw):
    langs = draw(st.lists(st.sampled_from(LANGS), min_size=2, max_size=4, unique=True))
    fmt = draw(st.sampled_from(["txt", "md"]))
    versions = []
    base = draw(version_text)
    for i, lang in enumerate(langs):
        # versions share material (as translations share names and numbers) or not at all
        text = draw(st.one_of(st.just(base), version_text, version_text.map(lambda t: base + t)))
        tag = parse_language_tag(lang)
        label = "source" if i == 0 and draw(st.booleans()) else None
        vid = lang + (f".{label}" if label else "")
        versions.append(Version(
            id=vid, lang=tag.lang, language=tag.language, label=label, path=f"art/{vid}.{fmt}",
            text=text, check_text=blank_markup(text, fmt), format=fmt, script=tag.script,
        ))
    return Article(id="art", path="art", versions=tuple(versions))


def setup_module(module):
    """Load every language's models once, so the deadline measures checking only."""
    text = "The minister met 120 workers in Lyon on 3 March 2024. She said yes."
    versions = []
    for lang in LANGS:
        tag = parse_language_tag(lang)
        versions.append(Version(id=lang, lang=tag.lang, language=tag.language, label=None, path=f"w/{lang}.txt",
                                text=text, check_text=text, script=tag.script))
    check_article(Article(id="warm", path="w", versions=tuple(versions)), Config())


@settings(max_examples=50, deadline=5000, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(articles())
def test_pipeline_never_crashes_and_positions_are_exact(article):
    res = check_article(article, Config())
    texts = {v.id: v.text for v in article.versions}
    for vid, segs in res.segments.items():
        check_text = article.version(vid).check_text
        for s in segs:
            assert 0 <= s.start <= s.end <= len(check_text)
            assert check_text[s.start:s.end] == s.text
    if res.alignment is not None and res.alignment.rows:
        for vid, segs in res.segments.items():
            seen = sorted(i for row in res.alignment.rows for i in row.cells.get(vid, ()))
            assert seen == list(range(len(segs))), vid  # none dropped, none duplicated
    for f in res.findings:
        assert f.severity in ("error", "warning", "info")
        text = texts.get(f.version)
        if text is None:  # loader findings about files that are not versions
            continue
        assert 0 <= f.start <= f.end <= len(text), f
        assert f.text == text[f.start:f.end], f
        li = LineIndex(text)
        assert (f.line, f.column) == li.position(f.start)
        assert (f.end_line, f.end_column) == li.position(f.end)
        assert li.offset(f.line, f.column) == f.start
        assert li.offset(f.end_line, f.end_column) == f.end
        assert f.line >= 1 and f.column >= 1
    for vr in res.versions:
        assert vr.words >= 0
