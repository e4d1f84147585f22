"""What the driver of a run shows: the live progress bar and the final summary."""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Callable, Iterator

from .work import ItemResult

# Failures kept in the summary (the manifest keeps them all).
MAX_SUMMARY_FAILURES = 200


@dataclass
class BatchSummary:
    """What a run did. ``exit_code``: 0 all ok, 1 some input or record
    failed (in this run, or in an earlier one and skipped now)."""

    files_ok: int = 0
    files_failed: int = 0
    files_skipped: int = 0
    failed_before: int = 0  # skipped inputs that had failed in an earlier run
    records_ok: int = 0
    records_failed: int = 0
    bytes_in: int = 0
    bytes_out: int = 0
    removed_chars: Counter = field(default_factory=Counter)
    languages: Counter = field(default_factory=Counter)
    failures: list[dict] = field(default_factory=list)
    failures_not_listed: int = 0
    boilerplate_learned: bool = False
    boilerplate_sites: int = 0
    boilerplate_lines: int = 0
    elapsed: float = 0.0
    interrupted: bool = False

    @property
    def exit_code(self) -> int:
        return 1 if self.files_failed or self.records_failed or self.failed_before else 0

    def add(self, result: ItemResult) -> None:
        self.bytes_in += result.size
        self.bytes_out += result.bytes_out
        self.removed_chars.update(result.removed_chars)
        self.languages.update(result.languages)
        self.records_ok += result.records_ok
        self.records_failed += result.records_failed
        if result.status == "ok":
            self.files_ok += 1
        else:
            self.files_failed += 1
        errors = [result.error] if result.error else result.record_errors
        for error in errors:
            if len(self.failures) < MAX_SUMMARY_FAILURES:
                self.failures.append({"path": result.display, "error": error})
            else:
                self.failures_not_listed += 1

    def learned(self, boilerplate: dict[str, list[str]]) -> None:
        self.boilerplate_learned = True
        self.boilerplate_sites = len(boilerplate)
        self.boilerplate_lines = sum(map(len, boilerplate.values()))

    def to_dict(self) -> dict:
        data = asdict(self)
        data["removed_chars"] = dict(self.removed_chars.most_common())
        data["languages"] = dict(self.languages.most_common())
        data["exit_code"] = self.exit_code
        return data

    def describe(self) -> str:
        """The human summary printed at the end of a run."""
        mb = 2**20
        rate = (self.files_ok + self.files_failed) / self.elapsed if self.elapsed else 0.0
        lines = [
            f"files: {self.files_ok} ok, {self.files_failed} failed, {self.files_skipped} skipped (finished before"
            + (f", {self.failed_before} of them failed; --retry-failed redoes those)" if self.failed_before else ")"),
            f"bytes: {self.bytes_in / mb:.1f} MB in, {self.bytes_out / mb:.1f} MB out; "
            f"{self.elapsed:.1f}s, {rate:.1f} files/s",
        ]
        if self.records_ok or self.records_failed:
            lines.append(f"records (JSONL inputs): {self.records_ok} ok, {self.records_failed} failed")
        if self.boilerplate_learned:
            lines.append(f"learned boilerplate: {self.boilerplate_lines} lines on {self.boilerplate_sites} sites")
        if self.removed_chars:
            top = ", ".join(f"{rule} {chars}" for rule, chars in self.removed_chars.most_common(8))
            lines.append(f"characters removed by rule: {top}")
        if self.languages:
            lines.append("languages: " + ", ".join(f"{k} {v}" for k, v in self.languages.most_common(8)))
        for failure in self.failures[:10]:
            lines.append(f"failed: {failure['path']}: {failure['error']}")
        more = len(self.failures) - 10 + self.failures_not_listed
        if more > 0:
            lines.append(f"... and {more} more failures (see the manifest or --report)")
        if self.interrupted:
            lines.append("interrupted: run the same command again to finish")
        return "\n".join(lines)


class Progress:
    """A live bar on a terminal (files/s, MB/s, ETA); silent otherwise."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.started = time.monotonic()
        self.files = self.bytes = 0
        self.bar = None
        if enabled:
            from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
            from rich.progress import Progress as RichProgress

            self.bar = RichProgress(
                TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.fields[rates]}"), TimeRemainingColumn(),
                transient=False, refresh_per_second=4,
            )
            self.bar.start()
        self.task = None

    def stage(self, description: str, total: int | None) -> None:
        self.started, self.files, self.bytes = time.monotonic(), 0, 0
        if self.bar is not None:
            if self.task is not None:
                self.bar.remove_task(self.task)
            self.task = self.bar.add_task(description, total=total, rates="")

    def set_total(self, total: int) -> None:
        if self.bar is not None and self.task is not None:
            self.bar.update(self.task, total=total)

    def advance(self, files: int, size: int) -> None:
        self.files += files
        self.bytes += size
        if self.bar is not None:
            elapsed = max(time.monotonic() - self.started, 1e-6)
            rates = f"{self.files / elapsed:.0f} files/s {self.bytes / elapsed / 2**20:.2f} MB/s"
            self.bar.update(self.task, advance=files, rates=rates)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def count_in_background(count: Callable[[], Iterator], progress: Progress) -> None:
    """Give the bar a total (for the ETA) without holding the walk in memory."""
    if not progress.enabled:
        return

    def run():
        total = sum(1 for _ in count())
        progress.set_total(total)

    threading.Thread(target=run, daemon=True).start()
