"""Scale: --jobs (same bytes as a serial run), streaming and bounded memory,
the progress bar, the Dask executor."""

from __future__ import annotations

import gc
import io
import json
import os
import sys
import weakref
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import write_article
from mtcheck.cli import _Progress, main

EN = "The minister visited Lyon on Monday.\n\nShe met {n} workers at the plant.\n\nThe plant opened in 2019.\n"
FR = "La ministre s'est rendue à Lyon lundi.\n\nElle a rencontré {n} ouvriers à l'usine.\n\nL'usine a ouvert en 2019.\n"
DE = "Die Ministerin besuchte am Montag Lyon.\n\nSie traf {n} Arbeiter im Werk.\n\nDas Werk wurde 2019 eröffnet.\n"


def make_corpus(root: Path, n: int = 6) -> Path:
    for i in range(n):
        de = DE.format(n=120 + i)
        if i % 3 == 1:
            de = de.replace("Arbeiter", "Arbeiter\u202e")  # an MT005 error in some articles
        write_article(root / f"art{i:02d}", {
            "en.source.txt": EN.format(n=120 + i),
            "fr.txt": FR.format(n=120 + i if i % 2 else 210 + i),
            "de.txt": de,
        })
    return root


def run_cli(*args: str):
    return CliRunner().invoke(main, list(args))


def outputs_of(tmp: Path, corpus: Path, jobs: str, *extra: str) -> dict[str, bytes]:
    d = tmp / f"out-{jobs}-{len(extra)}"
    d.mkdir()
    r = run_cli("check", str(corpus), "--jobs", jobs, "-o", str(d / "r.json"), "-o", str(d / "r.jsonl"),
                "-o", str(d / "r.txt"), "-o", str(d / "r.csv"), *extra)
    assert r.exit_code in (0, 1), r.output
    out = {p.name: p.read_bytes() for p in d.iterdir()}
    out["stdout"] = r.output.encode()
    return out


def test_jobs_byte_identical_to_serial(tmp_path):
    corpus = make_corpus(tmp_path / "c", 7)
    serial = outputs_of(tmp_path, corpus, "1")
    parallel = outputs_of(tmp_path, corpus, "2")
    assert serial.keys() == parallel.keys() == {"r.json", "r.jsonl", "r.txt", "r.csv", "stdout"}
    for name in serial:
        assert serial[name] == parallel[name], name
    rep = json.loads(serial["r.json"])
    assert [a["article"] for a in rep["articles"]] == [f"art{i:02d}" for i in range(7)]  # ordered by article


def test_streamed_outputs_equal_full_run(tmp_path):
    """With only .jsonl/.txt/terminal outputs nothing is kept, and the bytes are the same."""
    corpus = make_corpus(tmp_path / "c", 5)
    full = outputs_of(tmp_path, corpus, "1")
    d = tmp_path / "stream"
    d.mkdir()
    r = run_cli("check", str(corpus), "--jobs", "1", "-o", str(d / "r.jsonl"), "-o", str(d / "r.txt"), "--statistics")
    r_full = run_cli("check", str(corpus), "--jobs", "1", "-o", str(tmp_path / "x.json"), "--statistics")
    assert r.exit_code == r_full.exit_code == 1
    assert r.output == r_full.output
    assert (d / "r.jsonl").read_bytes() == full["r.jsonl"]
    assert (d / "r.txt").read_bytes() == full["r.txt"]
    assert r.output.strip().splitlines()[-1].endswith("in 5 articles - FAIL")
    assert sorted(os.listdir(d)) == ["r.jsonl", "r.txt"]  # no temporary files left


def test_streaming_keeps_no_article_results(tmp_path, monkeypatch):
    """Bounded memory: when every output streams, no ArticleResult outlives its turn."""
    import mtcheck.pipeline as pipeline

    corpus = make_corpus(tmp_path / "c", 6)
    refs: list[weakref.ref] = []
    orig = pipeline.check_article

    def spy(article, config=None):
        res = orig(article, config)
        refs.append(weakref.ref(res))
        return res

    monkeypatch.setattr(pipeline, "check_article", spy)
    r = run_cli("check", str(corpus), "--jobs", "1", "-o", str(tmp_path / "f.jsonl"), "--format", "none")
    assert r.exit_code == 1, r.output
    gc.collect()
    assert len(refs) == 6
    assert all(ref() is None for ref in refs)
    lines = (tmp_path / "f.jsonl").read_text(encoding="utf-8").splitlines()
    assert {json.loads(x)["article"] for x in lines} >= {"art01", "art04"}


def test_collector_without_results_gives_same_gate_and_counts(tmp_path):
    from mtcheck.config import Config
    from mtcheck.pipeline import RunCollector, iter_results
    from mtcheck.report.terminal import statistics_lines, summary_line

    corpus = make_corpus(tmp_path / "c", 4)
    cfg = Config(fail_on="warning")
    kept, lean = RunCollector(cfg, [str(corpus)]), RunCollector(cfg, [str(corpus)], keep=False)
    for res in iter_results([str(corpus)], cfg):
        kept.add(res)
        lean.add(res)
    a, b = kept.finish(), lean.finish()
    assert a.gate == b.gate and a.counts() == b.counts()
    assert summary_line(a) == summary_line(b)
    assert statistics_lines(a) == statistics_lines(b)
    assert lean.results == []


def test_models_load_once_per_worker(tmp_path, monkeypatch):
    import mtcheck.parallel as parallel
    from mtcheck.config import Config
    from mtcheck.pipeline import article_dirs

    log = tmp_path / "warm.log"
    orig = parallel.warm_up

    def warm(config):
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(f"{os.getpid()}\n")
        orig(config)

    monkeypatch.setattr(parallel, "warm_up", warm)
    corpus = make_corpus(tmp_path / "c", 8)
    dirs = article_dirs([str(corpus)])
    results = list(parallel.map_articles(dirs, Config(), jobs=2))
    assert [r.id for r in results] == [aid for _, aid in dirs]
    pids = log.read_text().split()
    assert len(pids) == len(set(pids)) <= 2  # once per worker, not per article
    assert str(os.getpid()) not in pids


def test_one_article_or_jobs_1_stays_in_process(tmp_path, monkeypatch):
    import mtcheck.parallel as parallel

    def boom(*a, **k):
        raise AssertionError("a process pool was started")

    monkeypatch.setattr(parallel, "_process_map", boom)
    corpus = make_corpus(tmp_path / "c", 3)
    assert run_cli("check", str(corpus / "art00"), "--jobs", "4").exit_code in (0, 1)
    assert run_cli("check", str(corpus), "--jobs", "1").exit_code in (0, 1)


def test_bad_file_in_a_worker_is_one_line_exit_2(tmp_path):
    corpus = make_corpus(tmp_path / "c", 6)
    (corpus / "art04" / "fr.txt").write_bytes(b"caf\xe9\n")
    out = tmp_path / "r.jsonl"
    r = run_cli("check", str(corpus), "--jobs", "2", "-o", str(out), "--format", "none")
    assert r.exit_code == 2
    assert r.output.count("\n") == 1 and "art04/fr.txt: not valid UTF-8" in r.output
    assert "Traceback" not in r.output
    assert not out.exists() and list(tmp_path.glob(".r.jsonl*")) == []


def test_jobs_and_executor_usage_errors(tmp_path):
    corpus = make_corpus(tmp_path / "c", 2)
    for args, needle in (
        (("--jobs", "0"), "--jobs"),
        (("--executor", "spark"), "--executor"),
        (("--scheduler", "tcp://127.0.0.1:1"), "--scheduler needs --executor dask"),
    ):
        r = run_cli("check", str(corpus), *args)
        assert r.exit_code == 2 and needle in r.output, (args, r.output)


def test_no_progress_bar_when_not_a_terminal(tmp_path):
    corpus = make_corpus(tmp_path / "c", 3)
    r = CliRunner().invoke(main, ["check", str(corpus), "--jobs", "1", "--format", "none"])
    assert r.stderr == ""


class FakeTTY(io.StringIO):
    def isatty(self):
        return True


def test_progress_bar_on_a_terminal(monkeypatch):
    monkeypatch.delenv("TERM", raising=False)
    stream = FakeTTY()
    p = _Progress(3, stream)
    for _ in range(3):
        p.advance()
    text = stream.getvalue()
    assert "3/3 articles" in text and "/s" in text and "left" in text
    with p.hidden():
        pass
    p.close()
    assert stream.getvalue().endswith("\r\x1b[K")  # the bar is wiped at the end
    quiet = io.StringIO()  # not a terminal: nothing
    q = _Progress(3, quiet)
    q.advance()
    q.close()
    assert quiet.getvalue() == ""


def test_dask_missing_is_one_line_exit_2(tmp_path, monkeypatch):
    corpus = make_corpus(tmp_path / "c", 2)
    monkeypatch.setitem(sys.modules, "dask", None)
    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    monkeypatch.setitem(sys.modules, "distributed", None)
    r = run_cli("check", str(corpus), "--executor", "dask")
    assert r.exit_code == 2
    assert r.output.strip() == "mtcheck: error: --executor dask needs Dask; install it with: pip install 'mtcheck[dask]'"


def test_dask_cluster_same_results_as_local(tmp_path):
    pytest.importorskip("dask.distributed", reason="the mtcheck[dask] extra is not installed")
    from dask.distributed import LocalCluster

    corpus = make_corpus(tmp_path / "c", 5)
    local = outputs_of(tmp_path, corpus, "1")
    # workers as threads of this (already warm) process keep the test fast
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        remote = outputs_of(tmp_path, corpus, "1", "--executor", "dask", "--scheduler", cluster.scheduler_address)
    for name in local:
        assert local[name] == remote[name], name


def test_config_glossary_reaches_every_executor(tmp_path):
    proj = tmp_path / "proj"
    for i in range(4):
        write_article(proj / f"a{i}", {"en.txt": "The minister Mira Murati visited Lyon.\n",
                                       "fr.txt": "La ministre Mira Mulati a visité Lyon.\n"})
    (proj / "terms.toml").write_text('[[name]]\ncanonical = "Mira Murati"\nreject = ["Mulati"]\n', encoding="utf-8")
    (proj / "mtcheck.toml").write_text('glossary = "terms.toml"\n', encoding="utf-8")
    for jobs in ("1", "2"):
        r = run_cli("check", str(proj), "--select", "MT103", "--jobs", jobs)
        assert r.exit_code == 1, r.output
        assert r.output.count("MT103") == 4, r.output
