"""mtcheck: find machine-translation errors by lining up every version of an article.

Python API::

    import mtcheck
    result = mtcheck.run(["corpora/"])          # -> mtcheck.model.RunResult
    for article in result.articles:
        for f in article.findings:
            print(f.path, f.line, f.code, f.message)
"""

__version__ = "0.1.0"


def run(paths, config=None):
    """Check the articles under ``paths``; returns a :class:`mtcheck.model.RunResult`."""
    from .pipeline import run as _run

    if isinstance(paths, str):
        paths = [paths]
    return _run(list(paths), config)


__all__ = ["__version__", "run"]
