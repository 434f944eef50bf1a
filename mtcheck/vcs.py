"""Git helpers for ``--changed-since``: which files changed since a revision."""

from __future__ import annotations

import subprocess
from pathlib import Path

from .errors import MtcheckError


def _git(args: list[str], cwd: Path) -> str:
    try:
        p = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=60)
    except FileNotFoundError:
        raise MtcheckError("--changed-since needs git, which is not installed") from None
    except subprocess.TimeoutExpired:
        raise MtcheckError("--changed-since: git did not answer within 60 s") from None
    if p.returncode != 0:
        msg = (p.stderr.strip().splitlines() or ["git failed"])[-1]
        raise MtcheckError(f"--changed-since: {msg}")
    return p.stdout


def changed_files(revision: str, folders: list[Path]) -> set[Path]:
    """Resolved article folders holding a file changed since ``revision``
    (committed, staged, unstaged or untracked)."""
    if not folders:
        return set()
    if revision.startswith("-"):
        raise MtcheckError(f"--changed-since: bad revision {revision!r}")
    start = folders[0].resolve()
    top = Path(_git(["rev-parse", "--show-toplevel"], start).strip())
    _git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], top)
    names = set(_git(["diff", "--name-only", "-z", revision, "--"], top).split("\0"))
    names |= set(_git(["ls-files", "--others", "--exclude-standard", "-z"], top).split("\0"))
    changed_dirs = {(top / n).resolve().parent for n in names if n}
    return {f.resolve() for f in folders if f.resolve() in changed_dirs}
