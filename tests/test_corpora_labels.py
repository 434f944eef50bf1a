"""Every planted error in the labelled corpora is where its label says it is.

`corpora/<article>/labels.tsv` (and `tests/fixtures/seed/labels.tsv`, which labels the
shared seed article as it would be placed in an article as `fr.txt`) list planted
errors with contract positions: 1-based line and column, columns in code points,
`end_*` just past the text, file decoded as UTF-8 with the BOM removed, line ends
(\\n, \\r\\n, \\r) not counted as columns. These tests check the labels against the
files, and that the corpus is varied enough to measure recall on every family.

Standard library + pytest only.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPORA = REPO / "corpora"
SEED_FIXTURES = REPO / "tests" / "fixtures" / "seed"
SHARED_SEED = REPO / ".." / "shared" / "seed"
SEED_FILE = "000_6577e15565fca9e7.txt"

HEADER = ["version", "code", "line", "column", "end_line", "end_column", "text", "expected", "note"]
CODE_RE = re.compile(r"^MT\d{3}$")
VERSION_FILE_RE = re.compile(r"^(?P<lang>[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)(?:\.(?P<label>[a-z0-9_-]+))?\.(?:txt|md)$")
LINE_END_RE = re.compile(r"\r\n|\r|\n")
FAMILIES = ("MT1", "MT2", "MT3", "MT4", "MT5")
MIN_PER_FAMILY = 3


def decode(path: Path) -> str:
    return path.read_bytes().decode("utf-8-sig")


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each line's content, line ends excluded."""
    spans, start = [], 0
    for m in LINE_END_RE.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def offset(spans: list[tuple[int, int]], line: int, column: int) -> int:
    assert 1 <= line <= len(spans), f"line {line} out of range 1..{len(spans)}"
    start, end = spans[line - 1]
    assert 1 <= column <= end - start + 1, f"column {column} out of range on line {line}"
    return start + column - 1


def read_labels(path: Path) -> list[dict[str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines, f"{path} is empty"
    assert lines[0].split("\t") == HEADER, f"{path}: bad header"
    rows = []
    for n, raw in enumerate(lines[1:], start=2):
        if not raw.strip():
            continue
        fields = raw.split("\t")
        assert len(fields) == len(HEADER), f"{path}:{n}: {len(fields)} fields"
        row = dict(zip(HEADER, fields))
        row["_where"] = f"{path.relative_to(REPO.parent) if REPO.parent in path.parents else path}:{n}"
        rows.append(row)
    return rows


def version_files(article: Path) -> dict[str, Path]:
    out = {}
    for p in sorted(article.iterdir()):
        if p.is_file() and VERSION_FILE_RE.match(p.name):
            out[p.name.rsplit(".", 1)[0]] = p
    return out


def articles() -> list[Path]:
    return sorted(p.parent for p in CORPORA.rglob("labels.tsv"))


def label_cases():
    cases = []
    for art in articles():
        files = version_files(art)
        for row in read_labels(art / "labels.tsv"):
            cases.append(pytest.param(row, files.get(row["version"]), id=row["_where"]))
    return cases


def check_row(row: dict[str, str], path: Path | None) -> None:
    where = row["_where"]
    assert path is not None and path.is_file(), f"{where}: no file for version {row['version']!r}"
    assert CODE_RE.match(row["code"]), f"{where}: bad code {row['code']!r}"
    text = decode(path)
    spans = line_spans(text)
    nums = [int(row[k]) for k in ("line", "column", "end_line", "end_column")]
    start = offset(spans, nums[0], nums[1])
    end = offset(spans, nums[2], nums[3])
    assert start <= end, f"{where}: end before start"
    assert text[start:end] == row["text"], f"{where}: file has {text[start:end]!r}, label says {row['text']!r}"
    if row["code"] == "MT401":
        assert row["text"] == "" and row["expected"], f"{where}: an omission has empty text and an expected"
    elif not row["code"].startswith("MT0"):
        assert row["text"], f"{where}: empty text is only for omissions"


@pytest.mark.parametrize(("row", "path"), label_cases())
def test_corpus_label_matches_file(row, path):
    check_row(row, path)


def test_there_are_articles():
    assert len(articles()) >= 5


@pytest.mark.parametrize("article", articles(), ids=lambda p: p.name)
def test_article_is_multilingual(article):
    files = version_files(article)
    assert len(files) >= 5, f"{article.name}: {len(files)} versions"
    # at most one .source version; an article may have none (only translations, e.g. nordlinja-electric-ferries)
    assert sum(1 for v in files if v.endswith(".source")) <= 1, f"{article.name}: more than one .source version"
    scripts = {dominant_script(decode(p)) for p in files.values()}
    assert len(scripts) >= 3, f"{article.name}: scripts {scripts}"
    other = [p.name for p in article.iterdir() if p.is_file() and p.name != "labels.tsv" and p not in files.values()]
    assert not other, f"{article.name}: unexpected files {other}"


def dominant_script(text: str) -> str:
    counts: Counter[str] = Counter()
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            script = name.split(" ")[0]
            if script in ("HIRAGANA", "KATAKANA", "CJK"):
                script = "HAN/KANA"
            counts[script] += 1
    return counts.most_common(1)[0][0]


def test_clean_articles_have_no_labels():
    clean = [a for a in articles() if "clean" in a.name]
    assert clean, "at least one article must be fully clean"
    for art in clean:
        assert read_labels(art / "labels.tsv") == [], f"{art.name} is meant to be clean"


def test_source_and_ref_versions_are_not_labelled():
    for art in articles():
        for row in read_labels(art / "labels.tsv"):
            assert not row["version"].endswith((".source", ".ref")), row["_where"]


def test_every_family_is_planted():
    per_family: Counter[str] = Counter()
    for art in articles():
        for row in read_labels(art / "labels.tsv"):
            per_family[row["code"][:3]] += 1
    for fam in FAMILIES:
        assert per_family[fam] >= MIN_PER_FAMILY, f"{fam}: {per_family[fam]} labels"


def test_seed_labels_match_shared_seed():
    seed = SHARED_SEED / SEED_FILE
    if not seed.is_file():
        pytest.skip("../shared/seed is not available")
    rows = read_labels(SEED_FIXTURES / "labels.tsv")
    assert rows
    for row in rows:
        assert row["version"] == "fr", row["_where"]
        check_row(row, seed)


def test_seed_fixture_versions_exist():
    for name in ("en.txt", "de.txt", "labels.tsv"):
        assert (SEED_FIXTURES / name).is_file(), name
