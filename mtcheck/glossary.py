"""The user's name glossary (``names.toml``): canonical names and their accepted forms.

Modelled on Vale's vocabularies: a small file the user controls, read once when
the article is loaded (see :func:`mtcheck.load.load_article`) and attached to
``Article.glossary``; the names checks (MT1xx) never read files.  The glossary's
forms take precedence over the automatic cross-version evidence.

Where it is found: the file named by ``glossary = "..."`` in the configuration,
otherwise the nearest ``names.toml`` in the article folder or one of its parents,
up to the PATH given on the command line.

Format::

    # names.toml
    [[name]]
    canonical = "Mira Murati"          # required: the name as the source writes it
    forms = ["Murati", "Mira Murati"]   # accepted in every language (default: [canonical])
    reject = ["Mulati"]                 # known wrong forms, flagged wherever they occur
    inflect = true                      # accept inflected forms (Muratiego, Muratin); default true
    note = "CTO of OpenAI"              # free text, shown in messages

    [name.languages]                    # accepted forms per language (BCP-47 or ISO 639)
    ru = ["Мурати"]
    ja = ["ムラティ"]

Every mistake (unknown key, wrong type, empty form, a form both accepted and
rejected) is a :class:`~mtcheck.errors.ConfigError` naming the file, the entry
and what was expected.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from .errors import ConfigError

GLOSSARY_FILE = "names.toml"
ENTRY_KEYS = {"canonical", "forms", "reject", "inflect", "note", "languages"}


@dataclass(frozen=True)
class GlossaryEntry:
    canonical: str
    forms: tuple[str, ...]
    languages: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # normalised tag -> forms
    reject: tuple[str, ...] = ()
    inflect: bool = True
    note: str = ""

    def forms_for(self, lang: str, language: str) -> tuple[str, ...]:
        """Accepted forms for a version's language (full tag first, then subtag, then all)."""
        for key in (lang, language):
            if key in self.languages:
                return self.languages[key]
        return self.forms

    def has_forms_for(self, lang: str, language: str) -> bool:
        return lang in self.languages or language in self.languages

    def to_dict(self) -> dict[str, Any]:
        return {
            "canonical": self.canonical,
            "forms": list(self.forms),
            "languages": {k: list(v) for k, v in self.languages.items()},
            "reject": list(self.reject),
        }


@dataclass(frozen=True)
class Glossary:
    path: str
    entries: tuple[GlossaryEntry, ...]

    def __len__(self) -> int:
        return len(self.entries)


def _norm_lang(tag: str, where: str) -> str:
    from .load import parse_language_tag

    t = parse_language_tag(tag)
    if t is None:
        raise ConfigError(f"{where}: '{tag}' is not a language tag (expected e.g. ru, pt-BR, zho)")
    return t.lang


def _str_list(value: Any, where: str, what: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        raise ConfigError(f"{where}: '{what}' must be a list of strings, got {value!r}")
    out = []
    for x in value:
        if not x.strip():
            raise ConfigError(f"{where}: '{what}' holds an empty name")
        out.append(" ".join(x.split()))
    return tuple(out)


def parse_glossary(data: Mapping[str, Any], where: str) -> Glossary:
    """Validate a parsed ``names.toml`` table."""
    for key in data:
        if key != "name":
            raise ConfigError(f"{where}: unknown key '{key}' (expected [[name]] entries)")
    raw = data.get("name", [])
    if not isinstance(raw, list) or not all(isinstance(e, dict) for e in raw):
        raise ConfigError(f"{where}: 'name' must be an array of tables: write each entry as [[name]]")
    entries = []
    seen: dict[str, int] = {}
    for i, e in enumerate(raw):
        label = f"{where}: [[name]] #{i + 1}"
        if "canonical" in e and isinstance(e["canonical"], str):
            label += f" ({e['canonical']!r})"
        for k in e:
            if k not in ENTRY_KEYS:
                raise ConfigError(f"{label}: unknown key '{k}' (expected one of: {', '.join(sorted(ENTRY_KEYS))})")
        if "canonical" not in e:
            raise ConfigError(f"{label}: missing 'canonical' (the name as the source writes it)")
        canonical = e["canonical"]
        if not isinstance(canonical, str) or not canonical.strip():
            raise ConfigError(f"{label}: 'canonical' must be a non-empty string, got {canonical!r}")
        canonical = " ".join(canonical.split())
        forms = _str_list(e.get("forms", [canonical]), label, "forms")
        reject = _str_list(e.get("reject", []), label, "reject")
        inflect = e.get("inflect", True)
        if not isinstance(inflect, bool):
            raise ConfigError(f"{label}: 'inflect' must be true or false, got {inflect!r}")
        note = e.get("note", "")
        if not isinstance(note, str):
            raise ConfigError(f"{label}: 'note' must be a string, got {note!r}")
        langs_raw = e.get("languages", {})
        if not isinstance(langs_raw, dict):
            raise ConfigError(f"{label}: 'languages' must be a table of language = [\"form\", ...]")
        langs: dict[str, tuple[str, ...]] = {}
        for tag, fl in langs_raw.items():
            norm = _norm_lang(tag, f"{label}: languages")
            langs[norm] = _str_list(fl, label, f"languages.{tag}")
            # also reachable by the bare language subtag (ru-RU -> ru) unless given
        accepted = {f.casefold() for f in forms} | {f.casefold() for fl in langs.values() for f in fl}
        clash = [r for r in reject if r.casefold() in accepted]
        if clash:
            raise ConfigError(f"{label}: {clash[0]!r} is both accepted and rejected")
        key = canonical.casefold()
        if key in seen:
            raise ConfigError(f"{label}: duplicate of entry #{seen[key] + 1} (same canonical name)")
        seen[key] = i
        entries.append(GlossaryEntry(canonical, forms, langs, reject, inflect, note))
    return Glossary(path=where, entries=tuple(entries))


def read_glossary(path: Path) -> Glossary:
    from .config import read_toml

    return parse_glossary(read_toml(path, "glossary"), str(path))


_CACHE: dict[tuple[str, float], Glossary] = {}


def find_glossary(folder: Path, levels: int = 1, explicit: str | None = None) -> Glossary | None:
    """The glossary for an article folder: ``explicit`` (from the config) or the nearest
    ``names.toml`` in ``folder`` or up to ``levels`` parents.  Parsed once per file."""
    if explicit:
        p = Path(explicit)
        if not p.is_file():
            raise ConfigError(f"{explicit}: glossary file not found (set by 'glossary' in the configuration)")
    else:
        p = None
        d = folder
        for _ in range(max(1, levels) + 1):
            f = d / GLOSSARY_FILE
            if f.is_file():
                p = f
                break
            if d.parent == d:
                break
            d = d.parent
        if p is None:
            return None
    key = (str(p.resolve()), p.stat().st_mtime)
    g = _CACHE.get(key)
    if g is None:
        g = _CACHE[key] = read_glossary(p)
    return g
