"""Common words of a language, from ``wordfreq`` when installed (optional).

Shared by the aligner (a lower-cased version's uncommon words are its name anchors)
and the names check (a common word is no garbled name).  Reading a full wordfreq list
costs ~0.4 s per language, so the (much smaller) set of common words is kept in a
per-user cache file after the first use, and in memory per process.
"""

from __future__ import annotations

_WF: dict[tuple[str, float], frozenset | None] = {}


def common_words(language: str, min_zipf: float) -> frozenset | None:
    """Words of Zipf >= ``min_zipf`` in ``language``; None without wordfreq or the language."""
    if (language, min_zipf) in _WF:
        return _WF[(language, min_zipf)]
    words = None
    try:
        import os
        import pickle

        import wordfreq

        ver = getattr(wordfreq, "__version__", "x")
        cache_dir = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "mtcheck")
        path = os.path.join(cache_dir, f"common-{language}-{min_zipf}-{ver}.pickle")
        try:
            with open(path, "rb") as fh:
                words = pickle.load(fh)
        except (OSError, EOFError, pickle.UnpicklingError):
            if language in wordfreq.available_languages():
                min_freq = 10 ** (min_zipf - 9)
                d = wordfreq.get_frequency_dict(language)
                words = frozenset(w for w, f in d.items() if f >= min_freq)
                try:
                    os.makedirs(cache_dir, exist_ok=True)
                    tmp = f"{path}.{os.getpid()}.tmp"
                    with open(tmp, "wb") as fh:
                        pickle.dump(words, fh, protocol=pickle.HIGHEST_PROTOCOL)
                    os.replace(tmp, path)
                except OSError:
                    pass
    except Exception:  # pragma: no cover - wordfreq missing or broken
        words = None
    _WF[(language, min_zipf)] = words
    return words
