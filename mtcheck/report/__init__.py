"""Stage 6: one report model (:class:`~mtcheck.model.RunResult`), many renderers.

A renderer is registered for one or more file suffixes; ``-o FILE`` picks the
renderer from the file name (longest matching suffix wins, so ``.junit.xml``
beats ``.xml``).  Renderers return text (or bytes); writing is atomic: a
temporary file in the target folder, then a rename, so a failed run never
leaves a half-written report.
"""

from __future__ import annotations

import importlib
import os
import tempfile
from pathlib import Path
from typing import Callable

from ..errors import MtcheckError
from ..model import RunResult

Renderer = Callable[[RunResult], str]

RENDERERS: dict[str, tuple[str, Renderer]] = {}  # suffix -> (format name, function)

_MODULES = ("json_report", "terminal", "csv_report", "segments_csv", "html", "markdown", "sarif", "junit", "github")
_loaded = False


def renderer(*suffixes: str, name: str):
    """Decorator: register a renderer for file suffixes such as ``.json``."""

    def deco(fn: Renderer) -> Renderer:
        for s in suffixes:
            RENDERERS[s.lower()] = (name, fn)
        return fn

    return deco


def load_renderers() -> None:
    global _loaded
    if _loaded:
        return
    for mod in _MODULES:
        try:
            importlib.import_module(f"{__name__}.{mod}")
        except ModuleNotFoundError as e:
            if e.name != f"{__name__}.{mod}":
                raise
    _loaded = True


def renderer_for(path: str) -> tuple[str, Renderer]:
    load_renderers()
    lower = path.lower()
    best = None
    for suffix, entry in RENDERERS.items():
        if suffix.startswith(".") and lower.endswith(suffix) and (best is None or len(suffix) > len(best[0])):
            best = (suffix, entry)
    if best is None:
        known = ", ".join(sorted(s for s in RENDERERS if s.startswith(".")))
        raise MtcheckError(f"{path}: unknown report format (known extensions: {known})")
    return best[1]


def check_output_path(path: str) -> None:
    """Fail early (before checking) when a report cannot be written there."""
    renderer_for(path)
    check_writable(path)


def check_writable(path: str) -> None:
    """Fail early when ``path``'s folder is missing or not writable."""
    folder = Path(path).parent if Path(path).parent != Path("") else Path(".")
    if not folder.is_dir():
        raise MtcheckError(f"{path}: output folder '{folder}' does not exist")
    if not os.access(folder, os.W_OK):
        raise MtcheckError(f"{path}: output folder '{folder}' is not writable")
    if Path(path).is_dir():
        raise MtcheckError(f"{path}: is a folder, not a file")


def write_atomic(path: str, content: str | bytes) -> None:
    """Write via a temporary file and rename, so no half-written report remains."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        # mkstemp creates 0600; a report is an ordinary file (CI artifacts, web servers)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def render_to(path: str, result: RunResult) -> None:
    _name, fn = renderer_for(path)
    try:
        content = fn(result)
        write_atomic(path, content)
    except OSError as e:
        raise MtcheckError(f"{path}: cannot write report ({e.strerror})") from None
