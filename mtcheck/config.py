"""Configuration: ``mtcheck.toml`` or ``[tool.mtcheck]`` in ``pyproject.toml``.

Looked up from the first checked path upwards, then from the working directory
upwards; the first file found wins, and command-line options override it.
Every key is validated: an unknown key, a wrong type or a TOML syntax error is
a :class:`~mtcheck.errors.ConfigError` naming the file, the key and what was
expected.

Example ``mtcheck.toml``::

    fail_on = "warning"
    select = ["MT1*", "MT2*"]
    ignore = ["MT403"]
    langid_engine = "py3langid"     # or "langdetect"
    metrics = ["chrf", "bleu", "ter"]   # reference metrics; TER is opt-in (slow)
    glossary = "names.toml"

    [severity]
    MT202 = "warning"

    [thresholds]
    min_chrf = 45.0
    min_quality = 80

    [quality]             # error-based quality score, formula in score.py
    error = 10            # penalty points per finding of each severity
    warning = 3
    info = 0
    per_words = 1000      # penalties are counted per this many words
    max_penalty = 100     # penalty per per_words at which quality reaches 0

    [checks."names.inconsistent"]
    threshold = 0.72
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Mapping

from .errors import ConfigError
from .model import SEVERITIES

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

CONFIG_FILES = ("mtcheck.toml", ".mtcheck.toml", "pyproject.toml")
FAIL_LEVELS = ("error", "warning", "info", "never")
THRESHOLD_KEYS = ("min_chrf", "min_bleu", "max_ter", "min_quality")
QUALITY_KEYS = ("error", "warning", "info", "per_words", "max_penalty")
LANGID_ENGINES = ("py3langid", "langdetect")
METRICS = ("chrf", "bleu", "ter")

DEFAULT_QUALITY = {"error": 10.0, "warning": 3.0, "info": 0.0, "per_words": 1000.0, "max_penalty": 100.0}


@dataclass(frozen=True)
class Config:
    fail_on: str = "error"
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    thresholds: Mapping[str, float] = field(default_factory=dict)
    quality: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_QUALITY))
    langid_engine: str = "py3langid"
    metrics: tuple[str, ...] = ("chrf", "bleu")  # reference metrics (see score.reference_metrics)
    glossary: str | None = None  # absolute path, resolved against the config file
    checks: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # code -> options
    ignore_findings: tuple[Mapping[str, str], ...] = ()  # per-article ignore list (see suppress.py)
    source: str | None = None  # the file this came from

    def check_option(self, cls, key: str, default: Any) -> Any:
        opts = self.checks.get(cls.code) or {}
        return opts.get(key, default)

    def severity_of(self, code: str, default: str) -> str:
        return self.severity.get(code, default)

    def hash(self) -> str:
        d = {
            "fail_on": self.fail_on,
            "select": list(self.select),
            "ignore": list(self.ignore),
            "severity": dict(sorted(self.severity.items())),
            "thresholds": dict(sorted(self.thresholds.items())),
            "quality": dict(sorted(self.quality.items())),
            "langid_engine": self.langid_engine,
            "metrics": list(self.metrics),
            "glossary": os.path.basename(self.glossary) if self.glossary else None,
            "checks": {k: dict(sorted(v.items())) for k, v in sorted(self.checks.items())},
        }
        return hashlib.sha256(json.dumps(d, sort_keys=True, default=str).encode()).hexdigest()[:12]

    def with_overrides(self, **kw: Any) -> "Config":
        kw = {k: v for k, v in kw.items() if v is not None}
        return replace(self, **kw)


def _type_name(t: Any) -> str:
    return {str: "a string", float: "a number", int: "an integer", bool: "true or false", list: "a list"}.get(t, str(t))


def _expect(value: Any, typ: Any, where: str, key: str) -> Any:
    if typ is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ConfigError(f"{where}: '{key}' must be a number, got {value!r}")
        return float(value)
    if typ is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{where}: '{key}' must be an integer, got {value!r}")
        return value
    if typ is bool:
        if not isinstance(value, bool):
            raise ConfigError(f"{where}: '{key}' must be true or false, got {value!r}")
        return value
    if typ is str:
        if not isinstance(value, str):
            raise ConfigError(f"{where}: '{key}' must be a string, got {value!r}")
        return value
    if typ is list:
        if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
            raise ConfigError(f"{where}: '{key}' must be a list of strings, got {value!r}")
        return value
    return value


def parse_config(data: Mapping[str, Any], where: str, base_dir: Path) -> Config:
    """Validate a parsed TOML table into a :class:`Config`."""
    from .checks.base import all_checks, code_selected, get_check

    known = {"fail_on", "select", "ignore", "severity", "thresholds", "quality", "langid_engine", "metrics", "glossary", "checks", "ignore_findings"}
    for key in data:
        if key not in known:
            raise ConfigError(f"{where}: unknown key '{key}' (expected one of: {', '.join(sorted(known))})")
    cfg: dict[str, Any] = {"source": where}
    if "fail_on" in data:
        v = _expect(data["fail_on"], str, where, "fail_on")
        if v not in FAIL_LEVELS:
            raise ConfigError(f"{where}: 'fail_on' must be one of {', '.join(FAIL_LEVELS)}, got {v!r}")
        cfg["fail_on"] = v
    codes = all_checks()
    for key in ("select", "ignore"):
        if key in data:
            pats = _expect(data[key], list, where, key)
            for p in pats:
                if not any(code_selected(c, [p], []) for c in codes):
                    raise ConfigError(f"{where}: '{key}' pattern {p!r} matches no check code (codes look like MT101, globs like MT1*)")
            cfg[key] = tuple(p.upper() for p in pats)
    if "severity" in data:
        sev = data["severity"]
        if not isinstance(sev, dict):
            raise ConfigError(f"{where}: 'severity' must be a table of CODE = \"error|warning|info\"")
        out = {}
        for code, level in sev.items():
            cls = get_check(code)
            if cls is None:
                raise ConfigError(f"{where}: 'severity.{code}' is not a check code")
            if level not in SEVERITIES:
                raise ConfigError(f"{where}: 'severity.{code}' must be one of error, warning, info, got {level!r}")
            out[cls.code] = level
        cfg["severity"] = out
    if "thresholds" in data:
        th = data["thresholds"]
        if not isinstance(th, dict):
            raise ConfigError(f"{where}: 'thresholds' must be a table")
        out = {}
        for k, v in th.items():
            if k not in THRESHOLD_KEYS:
                raise ConfigError(f"{where}: unknown key 'thresholds.{k}' (expected one of: {', '.join(THRESHOLD_KEYS)})")
            out[k] = _expect(v, float, where, f"thresholds.{k}")
        cfg["thresholds"] = out
    if "quality" in data:
        q = data["quality"]
        if not isinstance(q, dict):
            raise ConfigError(f"{where}: 'quality' must be a table")
        out = dict(DEFAULT_QUALITY)
        for k, v in q.items():
            if k not in QUALITY_KEYS:
                raise ConfigError(f"{where}: unknown key 'quality.{k}' (expected one of: {', '.join(QUALITY_KEYS)})")
            val = _expect(v, float, where, f"quality.{k}")
            if val < 0 or (k in ("per_words", "max_penalty") and val <= 0):
                raise ConfigError(f"{where}: 'quality.{k}' must be positive, got {v!r}")
            out[k] = val
        cfg["quality"] = out
    if "langid_engine" in data:
        v = _expect(data["langid_engine"], str, where, "langid_engine")
        if v not in LANGID_ENGINES:
            raise ConfigError(f"{where}: 'langid_engine' must be one of {', '.join(LANGID_ENGINES)}, got {v!r}")
        cfg["langid_engine"] = v
    if "metrics" in data:
        ms = _expect(data["metrics"], list, where, "metrics")
        for m in ms:
            if m not in METRICS:
                raise ConfigError(f"{where}: 'metrics' entries must be among {', '.join(METRICS)}, got {m!r}")
        cfg["metrics"] = tuple(dict.fromkeys(["chrf", *ms]))
    if "glossary" in data:
        v = _expect(data["glossary"], str, where, "glossary")
        cfg["glossary"] = resolve_inside(base_dir, v, where, "glossary")
    if "checks" in data:
        ch = data["checks"]
        if not isinstance(ch, dict):
            raise ConfigError(f"{where}: 'checks' must be a table of check tables")
        out = {}
        for name, opts in ch.items():
            cls = get_check(name)
            if cls is None:
                raise ConfigError(f"{where}: 'checks.{name}' is not a check code or name")
            if not isinstance(opts, dict):
                raise ConfigError(f"{where}: 'checks.{name}' must be a table")
            o = {}
            for k, v in opts.items():
                if k not in cls.options:
                    allowed = ", ".join(sorted(cls.options)) or "none"
                    raise ConfigError(f"{where}: unknown key 'checks.{name}.{k}' (options of {cls.code}: {allowed})")
                typ = cls.options[k][0]
                o[k] = _expect(v, typ, where, f"checks.{name}.{k}")
            out[cls.code] = o
        cfg["checks"] = out
    if "ignore_findings" in data:
        items = data["ignore_findings"]
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise ConfigError(f"{where}: 'ignore_findings' must be an array of tables like {{code = \"MT101\", text = \"mulati\"}}")
        allowed = {"code", "article", "version", "text", "reason"}
        for i, item in enumerate(items):
            for k, v in item.items():
                if k not in allowed:
                    raise ConfigError(f"{where}: unknown key 'ignore_findings[{i}].{k}' (expected one of: {', '.join(sorted(allowed))})")
                _expect(v, str, where, f"ignore_findings[{i}].{k}")
            if "code" not in item:
                raise ConfigError(f"{where}: 'ignore_findings[{i}]' needs a 'code'")
        cfg["ignore_findings"] = tuple(dict(i) for i in items)
    return Config(**cfg)


def resolve_inside(base_dir: Path, value: str, where: str, key: str) -> str:
    """Resolve a path from the config; it must stay inside the project folder."""
    p = (base_dir / value).resolve()
    root = base_dir.resolve()
    if root != p and root not in p.parents:
        raise ConfigError(f"{where}: '{key}' = {value!r} points outside the project folder {root}")
    return str(p)


def read_toml(path: Path, what: str = "") -> dict:
    """Parse a TOML file; every problem is a one-line :class:`ConfigError` naming the file."""
    where = str(path)
    what = f" {what}" if what else ""
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise ConfigError(f"{where}: cannot read{what} ({e.strerror})") from None
    try:
        return tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ConfigError(f"{where}:{what or ' file'} is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{where}: TOML syntax error: {e}") from None


def read_config_file(path: Path) -> Config | None:
    """Parse one config file; ``None`` for a pyproject.toml without [tool.mtcheck]."""
    where = str(path)
    data = read_toml(path)
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict) or "mtcheck" not in tool:
            return None
        data = tool["mtcheck"]
        where = f"{where} [tool.mtcheck]"
        if not isinstance(data, dict):
            raise ConfigError(f"{where}: must be a table")
    return parse_config(data, where, path.parent)


def find_config_file(start: Path) -> Path | None:
    """The nearest config file from ``start`` upwards (pyproject.toml only with [tool.mtcheck])."""
    start = start.resolve()
    folder = start if start.is_dir() else start.parent
    for d in (folder, *folder.parents):
        for name in CONFIG_FILES:
            f = d / name
            if f.is_file():
                if name == "pyproject.toml":
                    try:
                        if b"[tool.mtcheck" not in f.read_bytes():
                            continue
                    except OSError:
                        continue
                return f
    return None


def load_config(paths: list[str], explicit: str | None = None) -> Config:
    """Find and read the configuration for a run."""
    if explicit:
        p = Path(explicit)
        if not p.is_file():
            raise ConfigError(f"{explicit}: configuration file not found")
        return read_config_file(p) or Config(source=str(p))
    candidates = [Path(p) for p in paths if Path(p).exists()] + [Path.cwd()]
    for c in candidates:
        f = find_config_file(c)
        if f is not None:
            cfg = read_config_file(f)
            if cfg is not None:
                return cfg
    return Config()
