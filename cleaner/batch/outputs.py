"""Writing outputs so that a kill at any moment leaves no partial file.

Workers write each output to a temp file and rename it into place; a rerun
(or the end of a run) sweeps the temp files a killed worker left behind.
"""

from __future__ import annotations

import os
from pathlib import Path

from .options import BatchConfig, BatchUsageError

# Temp files carry this tag so a rerun can sweep what a killed run left.
TMP_TAG = ".cleaner-tmp-"


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers (and a rerun after a kill)
    see either the old file or the whole new one, never a partial one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}{TMP_TAG}{os.getpid()}")
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fdatasync(f.fileno())  # on disk before the manifest says it is
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def sweep_temp_files(outdir: Path) -> int:
    """Delete temp files a killed run left behind; how many."""
    removed = 0
    for folder, _, files in os.walk(outdir):
        for name in files:
            if TMP_TAG in name:
                try:
                    os.unlink(os.path.join(folder, name))
                except FileNotFoundError:
                    continue  # a worker renamed it into place meanwhile
                removed += 1
    return removed


def open_stream(config: BatchConfig, stream_end: int, force: bool):
    """The JSONL output stream, cut back to what the manifest records
    (``stream_end``), so articles of inputs a killed run did not finish are
    not written twice; None when the run writes a tree."""
    if config.stream is None:
        return None
    path = Path(config.stream)
    path.parent.mkdir(parents=True, exist_ok=True)
    f = open(path, "a+b")
    size = f.seek(0, os.SEEK_END)
    if force:
        f.truncate(0)
    elif size < stream_end:
        f.close()
        raise BatchUsageError(f"{path} is shorter than its manifest records; use --force to redo everything")
    else:
        f.truncate(stream_end)
    f.seek(0, os.SEEK_END)
    return f
