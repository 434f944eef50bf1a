"""Stage 1: find articles, decode version files, normalise language tags.

An article is a folder holding one file per version, named
``<lang>[.<label>].<ext>`` (CONTRACT.md section 1).  A corpus is a folder of
article folders, at any depth.  Nothing here prints; problems that stop the
run raise :class:`~mtcheck.errors.InputError`, problems the run can survive
become MT0xx findings attached to the article.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import InputError
from .model import Article, Version

EXTENSIONS = (".txt", ".md")
RESERVED_LABELS = ("source", "ref")
# Files that sit beside versions but are not versions (never warned about).
NOT_VERSIONS = {"readme", "license", "licence", "changelog", "notes", "labels", "glossary", "contributing"}

# Expected main script per language subtag (ISO 15924). Fallback: likely subtags.
_SCRIPTS = {
    "zh": "Hani",  # Hans/Hant both Han characters
    "ja": "Jpan",
    "ko": "Kore",
}


@dataclass(frozen=True)
class Tag:
    lang: str  # normalised BCP-47
    language: str  # language subtag
    script: str  # expected script (ISO 15924)


@lru_cache(maxsize=512)
def parse_language_tag(raw: str) -> Tag | None:
    """Normalise a BCP-47 / ISO 639-1 / ISO 639-3 tag; ``None`` if not a language."""
    import langcodes

    if not raw or not re.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*", raw):
        return None
    try:
        lang = langcodes.Language.get(raw.replace("_", "-"))
    except (langcodes.tag_parser.LanguageTagError, ValueError):
        return None
    if not lang.language or not lang.is_valid():
        return None
    if lang.language in ("und", "zxx", "mis", "mul"):
        return None
    tag = lang.to_tag()
    script = lang.script or _SCRIPTS.get(lang.language)
    if not script:
        try:
            script = lang.maximize().script or "Latn"
        except Exception:  # pragma: no cover - langcodes data missing
            script = "Latn"
    if lang.language == "zh":
        script = "Hani"
    return Tag(lang=tag, language=lang.language, script=script)


def split_version_name(filename: str) -> tuple[str, str | None, str] | None:
    """``"fr.deepl.txt"`` -> ``("fr", "deepl", ".txt")``; ``None`` if not .txt/.md."""
    lower = filename.lower()
    ext = next((e for e in EXTENSIONS if lower.endswith(e)), None)
    if ext is None:
        return None
    stem = filename[: -len(ext)]
    if not stem or stem.startswith("."):
        return None
    lang, _, label = stem.partition(".")
    return lang, (label or None), ext


def decode(data: bytes, path: str) -> str:
    """Decode a version file: UTF-8 (BOM accepted) or UTF-16 with a BOM."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise InputError(f"{path}: invalid UTF-16 at byte {e.start}") from None
    if b"\x00" in data[:8192] and data.count(b"\x00") > max(1, len(data) // 1000):
        first_nul = data.index(b"\x00")
        raise InputError(f"{path}: not a text file (binary content: NUL byte at byte {first_nul})")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError(
            f"{path}: not valid UTF-8 at byte {e.start} (0x{data[e.start]:02x}); save the file as UTF-8"
        ) from None


def display_path(p: Path) -> str:
    """Path shown in reports: relative to the working directory when below it."""
    try:
        rel = os.path.relpath(p)
    except ValueError:  # other drive on Windows
        return p.as_posix()
    if rel.startswith(".."):
        return p.as_posix()
    return Path(rel).as_posix()


def _version_files(folder: Path) -> tuple[list[tuple[Path, str, str | None, str]], list[Path]]:
    """Return (version files with their parsed names, files with unknown tags)."""
    found, unknown = [], []
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except PermissionError:
        raise InputError(f"{display_path(folder)}: permission denied") from None
    except OSError as e:
        raise InputError(f"{display_path(folder)}: cannot read folder ({e.strerror})") from None
    for entry in entries:
        try:
            if not entry.is_file():
                continue
        except OSError:
            continue
        parts = split_version_name(entry.name)
        if parts is None:
            continue
        lang, label, ext = parts
        if parse_language_tag(lang) is None:
            if lang.lower() not in NOT_VERSIONS:
                unknown.append(Path(entry.path))
            continue
        found.append((Path(entry.path), lang, label, ext))
    return found, unknown


def find_article_dirs(root: Path) -> list[Path]:
    """All folders under ``root`` (inclusive) that directly hold version files.

    Symbolic links to folders are followed once; loops are detected and skipped.
    """
    out: list[Path] = []
    seen: set[str] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            real = os.path.realpath(folder)
        except OSError:
            continue
        if real in seen:
            continue
        seen.add(real)
        files, _unknown = _version_files(folder)
        if files:
            out.append(folder)
        try:
            subdirs = sorted(
                (Path(e.path) for e in os.scandir(folder) if e.is_dir() and not e.name.startswith(".")),
                reverse=True,
            )
        except OSError:
            subdirs = []
        stack.extend(subdirs)
    return sorted(out, key=lambda p: p.as_posix())


def iter_article_dirs(paths: list[str]) -> list[tuple[Path, str]]:
    """Resolve the PATH arguments to (article folder, article id) pairs."""
    result: list[tuple[Path, str]] = []
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            raise InputError(f"{raw}: no such file or folder")
        if p.is_file():
            raise InputError(f"{raw}: is a file; give the article folder (or a corpus folder) that holds it")
        if not os.access(p, os.R_OK | os.X_OK):
            raise InputError(f"{raw}: permission denied")
        dirs = find_article_dirs(p)
        for d in dirs:
            rel = Path(os.path.relpath(d, p)).as_posix()
            article_id = rel if rel != "." else (p.resolve().name or ".")
            result.append((d, article_id))
    return result


def load_article(folder: Path, article_id: str, glossary_path: str | None = None) -> Article:
    """Read and decode every version file of one article folder."""
    from .checks.base import make_finding
    from .markup import blank_markup

    files, unknown = _version_files(folder)
    versions: list[Version] = []
    problems = []
    for path in unknown:
        problems.append(
            make_finding(
                article_id,
                version_id=path.name,
                path=display_path(path),
                text="",
                check_text="",
                code="MT003",
                start=0,
                end=0,
                message=f"file name '{path.name}' does not start with a known language tag; file skipped",
            )
        )
    seen_ids: dict[str, Path] = {}
    for path, raw_lang, label, ext in files:
        tag = parse_language_tag(raw_lang)
        assert tag is not None
        version_id = raw_lang + (f".{label}" if label else "")
        shown = display_path(path)
        if version_id in seen_ids:
            raise InputError(f"{shown}: two files for version '{version_id}' ({seen_ids[version_id].name} and {path.name})")
        seen_ids[version_id] = path
        try:
            data = path.read_bytes()
        except PermissionError:
            raise InputError(f"{shown}: permission denied") from None
        except OSError as e:
            raise InputError(f"{shown}: cannot read ({e.strerror})") from None
        text = decode(data, shown)
        fmt = "md" if ext == ".md" else "txt"
        check_text = blank_markup(text, fmt)
        version = Version(
            id=version_id,
            lang=tag.lang,
            language=tag.language,
            label=label,
            path=shown,
            text=text,
            check_text=check_text,
            format=fmt,
            script=tag.script,
        )
        if not check_text.strip():
            problems.append(
                make_finding(
                    article_id,
                    version_id=version_id,
                    path=shown,
                    text=text,
                    check_text=check_text,
                    code="MT001",
                    start=0,
                    end=0,
                    message=f"version '{version_id}' is empty; nothing to check",
                )
            )
            continue
        versions.append(version)
    sources = [v for v in versions if v.is_source]
    if len(sources) > 1:
        raise InputError(
            f"{display_path(folder)}: more than one source version ({', '.join(v.id for v in sources)})"
        )
    from .glossary import find_glossary

    depth = len([p for p in article_id.split("/") if p not in ("", ".")])
    glossary = find_glossary(folder, levels=depth - 1 if depth > 1 else 1, explicit=glossary_path)
    return Article(id=article_id, path=display_path(folder), versions=tuple(versions), problems=tuple(problems),
                   glossary=glossary)


def load(paths: list[str]) -> list[Article]:
    """Load every article under the given paths (eagerly; see :func:`iter_articles`)."""
    return [load_article(d, aid) for d, aid in iter_article_dirs(paths)]
