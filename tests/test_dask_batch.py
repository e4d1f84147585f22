"""cleaner batch --engine dask: the same files as the local engine, on a real
LocalCluster (worker processes over TCP on localhost), through a worker
killed mid-run, a client killed mid-run, learned boilerplate and inputs that
kill their worker; clean_dataframe through Parquet and JSON lines."""

from __future__ import annotations

import gzip
import json
import os
import signal
import sys
import threading
import time
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed", reason='the dask engine is optional: pip install "cleaner[dask]"')
pd = pytest.importorskip("pandas", reason='Dask DataFrames are optional: pip install "cleaner[dask]"')
pytest.importorskip("pyarrow", reason='Parquet needs pyarrow: pip install "cleaner[dask]"')

import dask.dataframe as dd  # noqa: E402

from cleaner import Cleaner, CleanerError  # noqa: E402
from cleaner.batch import MANIFEST_NAME, TMP_TAG, run_batch  # noqa: E402
from cleaner.batch import dask_engine  # noqa: E402
from cleaner.distributed import clean_dataframe  # noqa: E402
from test_batch import (  # noqa: E402
    FOOTER, CrashingCleaner, _finished_count, _run_cli_process, _wait_for_progress, article_text, make_folder,
    manifest_entries, run_cli, tree_hashes,
)

FILES = 80


def make_mixed_folder(root: Path, count: int) -> Path:
    """``count`` inputs over four site folders: text, HTML, gzipped text and
    HTML, JSONL feeds (one broken line each, urls of two hosts, a footer
    every document repeats), and bad files (binary, corrupt gzip)."""
    for i in range(count):
        site = root / f"site{i % 4}"
        site.mkdir(parents=True, exist_ok=True)
        text = article_text(i, extra=FOOTER if i % 4 == 0 else ())
        paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
        page = f"<html><head><title>Story {i}</title></head><body><nav>Home News Sport</nav><article>{paragraphs}</article></body></html>"
        kind = i % 10
        if kind < 3:
            (site / f"doc{i}.txt").write_text(text, encoding="utf-8")
        elif kind == 3:
            (site / f"doc{i}.txt.gz").write_bytes(gzip.compress(text.encode()))
        elif kind < 6:
            (site / f"page{i}.html").write_text(page, encoding="utf-8")
        elif kind == 6:
            (site / f"page{i}.htm.gz").write_bytes(gzip.compress(page.encode()))
        elif kind == 7:
            rows = [
                json.dumps({"text": article_text(1000 + 10 * i + j, extra=FOOTER), "url": f"https://www.site{j % 2}.example/{i}/{j}"})
                for j in range(4)
            ]
            (site / f"feed{i}.jsonl").write_text("\n".join(rows[:2] + ["{broken"] + rows[2:]) + "\n")
        elif kind == 8:
            rows = [json.dumps({"html": f"<html><body><article><p>{article_text(2000 + 10 * i + j)}</p></article></body></html>"}) for j in range(2)]
            (site / f"feed{i}.jsonl.gz").write_bytes(gzip.compress(("\n".join(rows) + "\n").encode()))
        elif i % 20 == 9:
            (site / f"image{i}.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)))
        else:
            good = gzip.compress(text.encode())
            (site / f"broken{i}.txt.gz").write_bytes(good[:12] + b"\xff" * 8 + good[20:])
    return root


def outputs(outdir: Path) -> dict[str, str]:
    tree = tree_hashes(outdir)
    tree.pop(MANIFEST_NAME)
    return tree


def assert_same_run(got: Path, want: Path, inputs: Path) -> None:
    """Byte-identical outputs, the same manifest entries, each input once, no temp file."""
    assert outputs(got) == outputs(want)
    entries = manifest_entries(got)
    assert sorted(e["path"] for e in entries) == sorted(str(p.resolve()) for p in inputs.rglob("*") if p.is_file())
    assert sorted(map(json.dumps, entries)) == sorted(map(json.dumps, manifest_entries(want)))
    assert not [p for p in got.rglob("*") if TMP_TAG in p.name]


@pytest.fixture(scope="module")
def mixed(tmp_path_factory) -> Path:
    return make_mixed_folder(tmp_path_factory.mktemp("mixed") / "in", FILES)


@pytest.fixture(scope="module")
def reference(mixed, tmp_path_factory) -> Path:
    """The local engine's run on the mixed folder (--jobs 2)."""
    out = tmp_path_factory.mktemp("reference") / "out"
    summary = run_batch([mixed], out, fmt="json", jobs=2, progress=False)
    assert summary.files_failed > 0 and summary.records_failed > 0 and summary.files_ok > 0
    return out


@pytest.fixture(scope="module")
def cluster():
    """A real LocalCluster: two worker processes of one thread, over TCP on localhost."""
    cluster = dask_engine.local_cluster(2)
    with distributed.Client(cluster, set_as_default=False) as client:
        client.wait_for_workers(2, timeout=120)
    yield cluster
    cluster.close()


def worker_pids(cluster) -> dict[str, int]:
    with distributed.Client(cluster, set_as_default=False) as client:
        client.wait_for_workers(2, timeout=120)
        return client.run(os.getpid)


# --- same files -------------------------------------------------------------------


def test_dask_engine_writes_the_local_engines_files(mixed, reference, cluster, tmp_path):
    out = tmp_path / "out"
    summary = run_batch([mixed], out, fmt="json", engine="dask", scheduler=cluster.scheduler_address, progress=False)
    assert summary.files_ok + summary.files_failed == FILES
    assert summary.exit_code == 1  # bad files and broken records, as the local engine
    assert_same_run(out, reference, mixed)
    rerun = run_batch([mixed], out, fmt="json", engine="dask", scheduler=cluster.scheduler_address, progress=False)
    assert (rerun.files_ok, rerun.files_skipped) == (0, FILES)


def test_stream_output_holds_the_same_articles(mixed, cluster, tmp_path):
    site = mixed / "site3"
    runs = {}
    for engine in ("local", "dask"):
        stream = tmp_path / f"{engine}.jsonl"
        scheduler = cluster.scheduler_address if engine == "dask" else None
        run_batch([site], tmp_path / engine, stream=stream, jobs=2, engine=engine, scheduler=scheduler, progress=False)
        runs[engine] = sorted(stream.read_text(encoding="utf-8").splitlines())
    assert runs["dask"] == runs["local"] and len(runs["local"]) > 10


def test_learned_boilerplate_is_the_same_on_both_engines(mixed, cluster, tmp_path):
    sites = [mixed / "site0", mixed / "site3"]  # a footer on every page; feeds with it, of two hosts
    learned = {}
    for engine in ("local", "dask"):
        scheduler = cluster.scheduler_address if engine == "dask" else None
        summary = run_batch(
            sites, tmp_path / engine, fmt="json", jobs=2, engine=engine, scheduler=scheduler,
            learn_boilerplate=True, progress=False,
        )
        assert summary.removed_chars["corpus.repeated-line"] > 0
        learned[engine] = json.loads((tmp_path / engine / ".cleaner-boilerplate.json").read_text(encoding="utf-8"))
    assert learned["dask"] == learned["local"]
    assert set(FOOTER) <= set(learned["local"]["site0.example"])  # per url host for feeds
    assert set(FOOTER) <= set(learned["local"][str(mixed / "site0")])  # per folder for files
    assert outputs(tmp_path / "dask") == outputs(tmp_path / "local")


# --- faults -----------------------------------------------------------------------


def test_a_worker_killed_halfway_is_replaced_and_its_tasks_rerun(mixed, reference, cluster, tmp_path):
    out = tmp_path / "out"
    before = worker_pids(cluster)
    victim = max(before.values())
    killed = {}

    def kill_halfway():
        deadline = time.monotonic() + 120
        while _finished_count(out) < FILES // 3 and time.monotonic() < deadline:
            time.sleep(0.01)
        killed["finished"] = _finished_count(out)
        os.kill(victim, signal.SIGKILL)

    killer = threading.Thread(target=kill_halfway)
    killer.start()
    try:
        run_batch([mixed], out, fmt="json", engine="dask", scheduler=cluster.scheduler_address, progress=False)
    finally:
        killer.join()
    assert 0 < killed["finished"] < FILES, "the kill must land mid-run"
    after = worker_pids(cluster)
    assert victim not in after.values() and len(after) == 2  # the nanny started a new worker
    assert_same_run(out, reference, mixed)


def test_the_client_interrupted_then_killed_then_rerun_equals_an_uninterrupted_run(mixed, reference, cluster, tmp_path):
    out = tmp_path / "out"
    args = [str(mixed), "-o", str(out), "-f", "json", "--engine", "dask"]
    # on a LocalCluster of its own; the signals reach the whole process
    # group, as a terminal's Ctrl-C would: the client and its workers
    first = _run_cli_process([*args, "-j", "2"])
    _wait_for_progress(first, out, FILES // 4)
    os.killpg(first.pid, signal.SIGINT)
    assert first.wait(timeout=120) == 130
    said = first.stderr.read().decode()
    assert "interrupted: run the same command again to finish" in said and "Traceback" not in said
    after_ctrl_c = _finished_count(out)
    assert 0 < after_ctrl_c < FILES, "Ctrl-C must land mid-run"

    # the engine is no setting of the run: the rerun may use another cluster;
    # killed, its tasks on the shared cluster may go on writing the same bytes
    on_cluster = [*args, "-q", "--scheduler", cluster.scheduler_address]
    second = _run_cli_process(on_cluster)
    _wait_for_progress(second, out, after_ctrl_c + FILES // 4)
    os.killpg(second.pid, signal.SIGKILL)
    second.wait()
    assert after_ctrl_c < _finished_count(out) < FILES, "the kill must land mid-run"

    rerun = _run_cli_process(on_cluster)
    assert rerun.wait(timeout=300) == 1, rerun.stderr.read().decode()
    assert_same_run(out, reference, mixed)


def test_the_client_keeps_a_bounded_number_of_chunks_in_flight(cluster, tmp_path, monkeypatch):
    src = tmp_path / "in"
    make_folder(src, 48)
    in_flight = []
    fill = dask_engine._Window._fill

    def counting_fill(window, chunk_iter):
        fill(window, chunk_iter)
        in_flight.append(len(window.pending))

    monkeypatch.setattr(dask_engine._Window, "_fill", counting_fill)
    summary = run_batch([src], tmp_path / "out", engine="dask", scheduler=cluster.scheduler_address, chunk_size=1, progress=False)
    assert summary.files_ok == 48
    # two worker threads, four chunks each: never the 48 chunks at once
    assert max(in_flight) == 2 * dask_engine.WINDOW_PER_JOB


def test_an_input_that_kills_its_workers_is_recorded_and_the_run_goes_on(cluster, tmp_path, monkeypatch):
    # the scheduler gives up on a task the first time its worker dies (by
    # default after four deaths, each a worker restart: only slower)
    monkeypatch.setattr(cluster.scheduler, "allowed_failures", 0)
    src = tmp_path / "in"
    src.mkdir()
    for i in range(12):
        (src / f"doc{i}.txt").write_text(article_text(i), encoding="utf-8")
    (src / "deadly.txt").write_text(article_text(5, extra=("segfault",)), encoding="utf-8")
    summary = run_batch(
        [src], tmp_path / "out", engine="dask", scheduler=cluster.scheduler_address, cleaner=CrashingCleaner(),
        chunk_size=4, progress=False,
    )
    assert (summary.files_ok, summary.files_failed) == (12, 1)
    entries = manifest_entries(tmp_path / "out")
    assert len(entries) == 13 and len({e["path"] for e in entries}) == 13
    (failure,) = [e for e in entries if e["status"] == "failed"]
    assert failure["path"].endswith("deadly.txt") and "worker process died" in failure["error"]


# --- usage ------------------------------------------------------------------------


def test_an_unreachable_scheduler_is_one_line_and_nothing_is_made(mixed, tmp_path, monkeypatch):
    monkeypatch.setattr(dask_engine, "CONNECT_SECONDS", 1)
    result = run_cli(mixed, "-o", tmp_path / "out", "--scheduler", "tcp://127.0.0.1:9")
    assert result.exit_code == 2
    assert result.output.startswith("cleaner batch: error: cannot reach the Dask scheduler at tcp://127.0.0.1:9")
    assert len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()
    local = run_cli(mixed, "-o", tmp_path / "out", "--engine", "local", "--scheduler", "tcp://127.0.0.1:9")
    assert local.exit_code == 2 and "needs the dask engine" in local.output
    unknown = run_cli(mixed, "-o", tmp_path / "out", "--engine", "spark")
    assert unknown.exit_code == 2 and "engine must be one of local, dask" in unknown.output


def test_without_dask_the_engine_names_the_extra_to_install(mixed, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed
    monkeypatch.delitem(sys.modules, "cleaner.batch.dask_engine", raising=False)
    result = run_cli(mixed, "-o", tmp_path / "out", "--engine", "dask")
    assert result.exit_code == 2
    assert 'pip install "cleaner[dask]"' in result.output and len(result.output.strip().splitlines()) == 1


def test_workers_that_do_not_see_the_output_folder_stop_the_run(cluster, tmp_path, monkeypatch):
    src = tmp_path / "in"
    src.mkdir()
    (src / "doc.txt").write_text(article_text(1), encoding="utf-8")
    # as a worker on another machine would: the client's manifest is not there
    monkeypatch.setattr(dask_engine, "MANIFEST_NAME", "not-shared.jsonl")
    result = run_cli(src, "-o", tmp_path / "out", "--scheduler", cluster.scheduler_address)
    assert result.exit_code == 2
    assert "is not on a filesystem this worker shares with the client" in result.output
    assert len(result.output.strip().splitlines()) == 1


# --- data frames ------------------------------------------------------------------


def documents_frame() -> pd.DataFrame:
    rows = [{"id": i, "text": article_text(3000 + i), "html": None, "url": f"https://www.site{i % 2}.example/{i}"} for i in range(5)]
    page = f"<html><body><article><h1>A page title here</h1><p>{article_text(3100, title=False)}</p></article></body></html>"
    rows.append({"id": 5, "text": None, "html": page, "url": None})
    rows.append({"id": 6, "text": None, "html": None, "url": None})
    return pd.DataFrame(rows)


def expected_article(row: dict, cleaner: Cleaner):
    url = row["url"] if isinstance(row["url"], str) else None  # a missing value is NaN
    if isinstance(row["text"], str):
        return cleaner.clean(row["text"], kind="text", url=url)
    return cleaner.clean(row["html"], kind="html", url=url)


@pytest.mark.filterwarnings("ignore:The inplace keyword:DeprecationWarning")  # inside dask's Parquet reader
@pytest.mark.parametrize("storage", ["parquet", "jsonl"])
def test_clean_dataframe_round_trip(storage, tmp_path):
    frame = documents_frame()
    source = dd.from_pandas(frame, npartitions=3)
    if storage == "parquet":
        source.to_parquet(tmp_path / "in", write_index=False)
        documents = dd.read_parquet(tmp_path / "in")
    else:
        source.to_json(tmp_path / "in-*.jsonl", orient="records", lines=True)
        # a file whose column holds no string at all would read as floats: say what they are
        documents = dd.read_json(str(tmp_path / "in-*.jsonl"), lines=True, dtype=dict.fromkeys(["text", "html", "url"], "string"))
    cleaned = clean_dataframe(documents, removals=True)
    if storage == "parquet":
        cleaned.to_parquet(tmp_path / "out", write_index=False)
        back = dd.read_parquet(tmp_path / "out")
    else:
        cleaned.to_json(tmp_path / "out-*.jsonl", orient="records", lines=True)
        strings = [name for name, dtype in cleaned.dtypes.items() if name != "id"]
        back = dd.read_json(str(tmp_path / "out-*.jsonl"), lines=True, dtype=dict.fromkeys(strings, "string"))
    result = back.compute(scheduler="synchronous").set_index("id").sort_index()
    assert list(result.index) == list(range(7))
    cleaner = Cleaner()
    for row in frame.to_dict("records")[:6]:
        article = expected_article(row, cleaner)
        got = result.loc[row["id"]]
        assert got["article_text"] == article.text and got["article_title"] == article.title
        assert got["article_language"] == article.language and pd.isna(got["article_error"])
        assert json.loads(got["article_removed"]) == article.to_dict()["removed"]
    assert result.loc[1, "article_source"] == expected_article(frame.iloc[1].to_dict(), cleaner).source
    assert result.loc[6, "article_error"] == "no text or HTML in this row" and pd.isna(result.loc[6, "article_text"])
    assert result.loc[0, "text"] == frame.loc[0, "text"]  # the input columns stay


def test_clean_dataframe_on_the_cluster_names_its_columns(cluster):
    documents = dd.from_pandas(documents_frame(), npartitions=2).rename(columns={"text": "body"})
    cleaned = clean_dataframe(documents, text_column="body", prefix="clean_")
    assert [c for c in cleaned.columns if c.startswith("clean_")] == [
        "clean_text", "clean_title", "clean_date", "clean_source", "clean_language", "clean_error"
    ]
    with distributed.Client(cluster, set_as_default=False) as client:
        result = client.compute(cleaned).result()
    assert result["clean_text"].notna().sum() == 6
    with pytest.raises(CleanerError, match="already has the column 'clean_text'"):
        clean_dataframe(cleaned, text_column="body", prefix="clean_")
