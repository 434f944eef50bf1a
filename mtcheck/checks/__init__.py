"""Checks, one module per family.  Importing a module registers its checks."""

from __future__ import annotations

import importlib

FAMILY_MODULES = ("input", "names", "language", "numbers", "completeness", "integrity", "scores")

_loaded = False


def load_all() -> None:
    """Import every family module once (each registers its check classes)."""
    global _loaded
    if _loaded:
        return
    for mod in FAMILY_MODULES:
        try:
            importlib.import_module(f"{__name__}.{mod}")
        except ModuleNotFoundError as e:  # a family not written yet
            if e.name != f"{__name__}.{mod}":
                raise
    _loaded = True
