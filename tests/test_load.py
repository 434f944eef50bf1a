"""Loading: language tags, labels, formats, encodings, positions, bad input."""

from __future__ import annotations

import pytest

from conftest import check_json, findings, write_article
from mtcheck.errors import InputError
from mtcheck.load import load_article, parse_language_tag, split_version_name
from mtcheck.model import LineIndex
from mtcheck.segment import segment_version

EN = "The mayor of Lyon opened the new bridge on Monday.\nIt cost 12 million euros.\n"
FR = "Le maire de Lyon a inauguré le nouveau pont lundi.\nIl a coûté 12 millions d'euros.\n"
DE = "Der Bürgermeister von Lyon hat die neue Brücke am Montag eröffnet.\nSie kostete 12 Millionen Euro.\n"


@pytest.mark.parametrize(
    "raw, lang, language, script",
    [
        ("fr", "fr", "fr", "Latn"),
        ("fra", "fr", "fr", "Latn"),
        ("FR", "fr", "fr", "Latn"),
        ("pt-BR", "pt-BR", "pt", "Latn"),
        ("pt_br", "pt-BR", "pt", "Latn"),
        ("zh-Hans", "zh-Hans", "zh", "Hani"),
        ("zho", "zh", "zh", "Hani"),
        ("deu", "de", "de", "Latn"),
        ("rus", "ru", "ru", "Cyrl"),
        ("ara", "ar", "ar", "Arab"),
        ("jpn", "ja", "ja", "Jpan"),
        ("kor", "ko", "ko", "Kore"),
    ],
)
def test_language_tags_are_normalised(raw, lang, language, script):
    tag = parse_language_tag(raw)
    assert tag is not None
    assert (tag.lang, tag.language, tag.script) == (lang, language, script)


@pytest.mark.parametrize("raw", ["xx", "zz", "xyz", "readme", "notes", "", "12", "f"])
def test_unknown_tags(raw):
    assert parse_language_tag(raw) is None


def test_file_names_and_labels():
    assert split_version_name("fr.txt") == ("fr", None, ".txt")
    assert split_version_name("fr.deepl.txt") == ("fr", "deepl", ".txt")
    assert split_version_name("en.source.md") == ("en", "source", ".md")
    assert split_version_name("pt-BR.ref.txt") == ("pt-BR", "ref", ".txt")
    assert split_version_name("fr.docx") is None
    assert split_version_name(".txt") is None


def test_versions_labels_and_formats(tmp_path):
    folder = write_article(tmp_path / "a", {
        "en.source.txt": EN, "fr.ref.md": "# " + FR, "fr.deepl.txt": FR, "fra.google.txt": FR,
        "pt-BR.txt": "O prefeito de Lyon inaugurou a nova ponte na segunda-feira.\n",
        "notes.txt": "not a version", "labels.tsv": "x",
    })
    art = load_article(folder, "a")
    by_id = {v.id: v for v in art.versions}
    assert set(by_id) == {"en.source", "fr.ref", "fr.deepl", "fra.google", "pt-BR"}
    assert by_id["en.source"].is_source and by_id["en.source"].label == "source"
    assert by_id["fr.ref"].is_ref and by_id["fr.ref"].format == "md"
    assert by_id["fra.google"].language == "fr" and by_id["fra.google"].label == "google"
    assert by_id["pt-BR"].lang == "pt-BR" and by_id["pt-BR"].language == "pt"
    assert not art.problems  # notes.txt is not a version and not an unknown tag


def test_bom_is_removed_and_positions_count_from_the_text(tmp_path):
    folder = write_article(tmp_path / "a", {"en.txt": EN, "fr.txt": b"\xef\xbb\xbf" + FR.encode("utf-8")})
    fr = load_article(folder, "a").version("fr")
    assert fr.text == FR  # no U+FEFF
    segs = segment_version(fr)
    assert segs[0].start == 0 and fr.text[segs[0].start:segs[0].end].startswith("Le maire")


def test_crlf_positions(tmp_path):
    crlf = FR.replace("\n", "\r\n")
    folder = write_article(tmp_path / "a", {"en.txt": EN, "fr.txt": crlf})
    fr = load_article(folder, "a").version("fr")
    assert fr.text == crlf  # line ends kept
    segs = segment_version(fr)
    assert [s.text for s in segs] == ["Le maire de Lyon a inauguré le nouveau pont lundi.", "Il a coûté 12 millions d'euros."]
    idx = LineIndex(fr.text)
    assert idx.position(segs[1].start) == (2, 1)
    assert idx.position(segs[1].end) == (2, len("Il a coûté 12 millions d'euros.") + 1)
    for s in segs:
        assert "\r" not in s.text and fr.text[s.start:s.end] == s.text


def test_lone_cr_line_ends(tmp_path):
    folder = write_article(tmp_path / "a", {"en.txt": EN, "fr.txt": FR.replace("\n", "\r")})
    fr = load_article(folder, "a").version("fr")
    segs = segment_version(fr)
    assert len(segs) == 2 and LineIndex(fr.text).position(segs[1].start) == (2, 1)


def test_markdown_positions_point_into_the_file(tmp_path):
    md = (
        "# Le nouveau pont\r\n\r\n"
        "Le maire de [Lyon](https://fr.wikipedia.org/wiki/Lyon) a inauguré le pont `v2.1` lundi.\r\n\r\n"
        "<!-- note interne : ne pas traduire -->\r\n"
        "```\r\ncode_sample(12)\r\n```\r\n\r\n"
        "- Il a coûté 12 millions d'euros.\r\n"
        "- Voir https://example.org/pont pour les détails.\r\n"
    )
    folder = write_article(tmp_path / "a", {"en.txt": EN, "fr.md": b"\xef\xbb\xbf" + md.encode("utf-8")})
    fr = load_article(folder, "a").version("fr")
    assert fr.text == md and len(fr.check_text) == len(md)
    ct = fr.check_text
    # blanked, but every other character in place
    for gone in ("https://fr.wikipedia.org", "v2.1", "note interne", "code_sample", "https://example.org", "#", "```"):
        assert gone not in ct
    for kept in ("Le nouveau pont", "Lyon", "Il a coûté 12 millions d'euros.", "pour les détails."):
        assert kept in ct and ct.index(kept) == md.index(kept)
    assert [i for i, c in enumerate(md) if c in "\r\n"] == [i for i, c in enumerate(ct) if c in "\r\n"]
    segs = segment_version(fr)
    texts = [s.text for s in segs]
    assert texts[0] == "Le nouveau pont"
    assert any(t.startswith("Le maire de") and t.endswith("lundi.") for t in texts)
    assert "Il a coûté 12 millions d'euros." in texts
    assert not any("code_sample" in t or "note interne" in t for t in texts)
    idx = LineIndex(md)
    seg = next(s for s in segs if s.text == "Il a coûté 12 millions d'euros.")
    line, col = idx.position(seg.start)
    assert md.replace("\r\n", "\n").split("\n")[line - 1][col - 1:].startswith("Il a coûté")
    # the heading is a paragraph of its own; each list item is its own segment
    assert segs[0].paragraph != segs[1].paragraph
    assert texts[-1].endswith("pour les détails.") and texts[-2] == "Il a coûté 12 millions d'euros."


def test_unknown_tag_is_mt003_and_empty_file_is_mt001(tmp_path):
    folder = write_article(tmp_path / "a", {"en.txt": EN, "fr.txt": FR, "xx.txt": "quelque chose", "de.txt": " \n\n"})
    code, report, _ = check_json(folder)
    got = {(f["code"], f["path"].rsplit("/", 1)[-1]) for f in findings(report, "MT00")}
    assert ("MT003", "xx.txt") in got and ("MT001", "de.txt") in got
    assert code in (0, 1)


def test_single_version_is_mt004(tmp_path):
    folder = write_article(tmp_path / "a", {"fr.txt": FR})
    code, report, _ = check_json(folder)
    assert [f["code"] for f in findings(report, "MT004")] == ["MT004"]
    assert code in (0, 1)


@pytest.mark.parametrize(
    "content, offset",
    [
        ("Le maire a dit : ".encode("utf-8") + b"\xff\xfe oui.\n", len("Le maire a dit : ".encode("utf-8"))),
        (b"caf\xc3 au lait\n", 3),
    ],
)
def test_invalid_utf8_exit_2_names_file_and_byte(tmp_path, content, offset):
    folder = write_article(tmp_path / "a", {"en.txt": EN, "fr.txt": content})
    with pytest.raises(InputError) as e:
        load_article(folder, "a")
    assert "fr.txt" in str(e.value) and f"byte {offset}" in str(e.value)
    code, report, out = check_json(folder)
    assert code == 2 and report == {}
    lines = [x for x in out.splitlines() if x.strip()]
    assert len(lines) == 1 and "fr.txt" in lines[0] and f"byte {offset}" in lines[0]


def test_binary_file_exit_2(tmp_path):
    blob = b"PK\x03\x04" + bytes(range(256)) * 8
    folder = write_article(tmp_path / "a", {"en.txt": EN, "fr.txt": blob})
    code, _, out = check_json(folder)
    lines = [x for x in out.splitlines() if x.strip()]
    assert code == 2 and len(lines) == 1 and "fr.txt" in lines[0] and "byte" in lines[0]


def test_missing_path_exit_2(tmp_path):
    from click.testing import CliRunner

    from mtcheck.cli import main

    r = CliRunner().invoke(main, ["check", str(tmp_path / "nope")])
    assert r.exit_code == 2
    assert "nope" in r.output and "Traceback" not in r.output
