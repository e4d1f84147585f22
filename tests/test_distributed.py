"""The Dask path: documents cleaned by workers, the Cleaner shipped pickled."""

from __future__ import annotations

import pytest

from cleaner import clean
from conftest import sample_inputs

dask = pytest.importorskip("dask", reason="Dask is optional: pip install 'cleaner[dask]'")

from cleaner.distributed import clean_bag, read_files  # noqa: E402


@pytest.mark.parametrize("scheduler", ["synchronous", "processes"])
def test_bag_of_files_matches_clean(scheduler, tmp_path):
    paths = sample_inputs("seeds")[:3]
    missing = tmp_path / "missing.txt"
    records = clean_bag(read_files([*paths, missing], partition_size=2)).compute(scheduler=scheduler)
    by_path = {r["path"]: r for r in records}
    for path in paths:
        expected = clean(path.read_bytes())
        assert by_path[str(path)]["text"] == expected.text
        assert by_path[str(path)]["title"] == expected.title
    assert "cannot read" in by_path[str(missing)]["error"]


def test_bag_of_records_with_urls_and_bad_input():
    import dask.bag as db

    records = [
        {"text": "A headline about talks\n\nThe talks in Doha resumed on Tuesday, officials said.", "url": "https://thehill.com/x"},
        {"raw": b"\x00\x01\x02 binary"},
    ]
    good, bad = clean_bag(db.from_sequence(records)).compute(scheduler="synchronous")
    assert good["source"] == "The Hill" and good["title"] == "A headline about talks"
    assert "binary" in bad["error"]
