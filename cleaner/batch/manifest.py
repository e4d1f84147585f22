"""The manifest: the append-only record of finished inputs in the output folder.

It is what makes a run resumable on either engine: only the process that
drives the run (the parent, or the Dask client) writes it, one line per
finished input, after that input's output exists.
"""

from __future__ import annotations

import array
import bisect
import fcntl
import hashlib
import json
import os
from pathlib import Path
from typing import Sequence

from .options import BatchUsageError
from .walk import InputFile

MANIFEST_NAME = ".cleaner-manifest.jsonl"
def _key(*parts: object) -> int:
    """A 64-bit key for a manifest fact: sorted arrays of these stay small."""
    text = "\0".join(str(p) for p in parts)
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big")


class _KeySet:
    """A compact set of 64-bit keys: a sorted array (8 bytes per key)."""

    def __init__(self):
        self.keys = array.array("Q")

    def add(self, key: int) -> None:
        self.keys.append(key)

    def freeze(self) -> None:
        self.keys = array.array("Q", sorted(self.keys))

    def __contains__(self, key: int) -> bool:
        i = bisect.bisect_left(self.keys, key)
        return i < len(self.keys) and self.keys[i] == key


def file_digest(path: str) -> str:
    """Content hash of a file, read in blocks."""
    digest = hashlib.blake2b(digest_size=16)
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class Manifest:
    """The append-only record of finished inputs in ``OUTDIR``.

    The first line holds the run settings; every other line one finished
    input. A torn last line (a kill mid-write) is cut off on open. Holding
    the manifest open takes an exclusive lock: two runs cannot write one
    output folder."""

    def __init__(self, outdir: Path, settings: dict, *, force: bool, retry_failed: bool):
        self.path = outdir / MANIFEST_NAME
        self.file = open(self.path, "a+b")
        try:
            fcntl.flock(self.file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self.file.close()
            raise BatchUsageError(f"another batch is writing to {outdir} (its manifest is locked)") from None
        # per status ("ok", "failed"): keys of (path, size, mtime) and of (path, hash)
        self.by_stat = {"ok": _KeySet(), "failed": _KeySet()}
        self.by_hash = {"ok": _KeySet(), "failed": _KeySet()}
        self.by_path = _KeySet()
        self.stream_end = 0
        if force:
            self.file.truncate(0)
            self.file.seek(0)
        else:
            try:
                self._load(settings, retry_failed)
            except BaseException:
                self.file.close()
                raise
        if self.file.tell() == 0:
            self._write_lines([json.dumps({"cleaner_batch": 1, "settings": settings})])
        for keys in (*self.by_stat.values(), *self.by_hash.values(), self.by_path):
            keys.freeze()

    def _load(self, settings: dict, retry_failed: bool) -> None:
        self.file.seek(0)
        good_end = 0
        for number, raw in enumerate(self.file):
            if not raw.endswith(b"\n"):
                break  # torn last line (killed mid-write): cut below, its input is redone
            good_end += len(raw)
            try:
                entry = json.loads(raw)
            except ValueError:
                continue  # a damaged line in the middle: its input is redone
            if number == 0:
                if entry.get("settings") != settings:
                    raise BatchUsageError(
                        f"{self.path.parent} holds output made with other settings; "
                        "use --force to redo everything, or another output folder"
                    )
                continue
            failed = entry.get("status") == "failed" or entry.get("failed_records")
            status = "failed" if failed else "ok"
            if status == "failed" and retry_failed:
                continue
            self.by_stat[status].add(_key(entry["path"], entry["size"], entry["mtime_ns"]))
            self.by_hash[status].add(_key(entry["path"], entry["hash"]))
            self.by_path.add(_key(entry["path"]))
            self.stream_end = max(self.stream_end, entry.get("stream_end") or 0)
        self.file.truncate(good_end)
        self.file.seek(good_end)

    def finished_status(self, item: InputFile) -> str | None:
        """"ok" or "failed" when finished before: same path with the same
        size and mtime, or (when only the mtime changed, e.g. a copy) the
        same content hash; None when it is still to do."""
        stat_key = _key(item.path, item.size, item.mtime_ns)
        for status, keys in self.by_stat.items():
            if stat_key in keys:
                return status
        if _key(item.path) not in self.by_path:
            return None
        try:
            hash_key = _key(item.path, file_digest(item.path))
        except OSError:
            return None
        return next((status for status, keys in self.by_hash.items() if hash_key in keys), None)

    def record(self, entries: Sequence[dict]) -> None:
        """Append finished inputs; durable before this returns."""
        if entries:
            # ASCII: a path with undecodable bytes (lone surrogates) reads back as written
            self._write_lines([json.dumps(e) for e in entries])

    def _write_lines(self, lines: Sequence[str]) -> None:
        self.file.write(("\n".join(lines) + "\n").encode())
        self.file.flush()
        os.fsync(self.file.fileno())

    def close(self) -> None:
        self.file.close()
