"""Throughput and memory of ``cleaner batch``: jobs 1 against jobs 2.

    python bench/batch_speed.py               # 10,000 files
    python bench/batch_speed.py --files 2000  # quicker

Generates a folder of mixed inputs in a temp dir (text from ../shared/seeds
or samples/, whole-page text dumps from ../shared/bench/aeb/dumps, small
generated HTML pages, JSONL record files, a few binary files), cleans it with
``--jobs 1`` and ``--jobs 2``, and prints files/s, MB/s and their ratio. Peak
RSS is measured for two folder sizes (the full one and a quarter of it) to
show memory does not grow with the number of files. Each run happens in its
own child process, so ``ru_maxrss`` belongs to that run alone.

Speed lives here, never in the test suite: timings on a shared machine vary.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FILES_PER_FOLDER = 500
RECORDS_PER_JSONL = 5


def load_texts() -> list[str]:
    """Real scraped texts: the seeds and, when present, the benchmark's page dumps."""
    texts = []
    for folder in (SHARED / "seeds", ROOT / "samples"):
        if folder.is_dir():
            texts += [p.read_text(encoding="utf-8", errors="replace") for p in sorted(folder.glob("*.txt"))]
    dumps = SHARED / "bench" / "aeb" / "dumps"
    for dump in sorted(dumps.glob("*.json")) if dumps.is_dir() else []:
        texts += list(json.loads(dump.read_text(encoding="utf-8")).values())
    if not texts:
        sys.exit("no texts found: need ../shared/seeds or samples/")
    return texts


def html_page(rng: random.Random, text: str, n: int) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n")[:6] if p.strip())
    return (
        f"<!doctype html><html><head><title>Page {n}</title></head><body>"
        f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>Page {n}</h1>{paragraphs}</article>"
        f"<footer>Copyright {rng.randint(2000, 2025)} Example</footer></body></html>"
    )


def generate(root: Path, count: int, texts: list[str], seed: int = 0) -> int:
    """``count`` input files under ``root``; returns their total size in bytes."""
    rng = random.Random(seed)
    total = 0
    for n in range(count):
        folder = root / f"site{n // FILES_PER_FOLDER:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        text = rng.choice(texts) + f"\n\nReference {n}.\n"
        roll = rng.random()
        if roll < 0.005:
            path, data = folder / f"broken{n}.txt", bytes(rng.randrange(256) for _ in range(512))
        elif roll < 0.10:
            lines = [json.dumps({"text": rng.choice(texts), "url": f"https://www.site{n % 7}.example/{n}/{i}"})
                     for i in range(RECORDS_PER_JSONL)]
            path, data = folder / f"feed{n}.jsonl", ("\n".join(lines) + "\n").encode()
        elif roll < 0.25:
            path, data = folder / f"page{n}.html", html_page(rng, text, n).encode()
        else:
            path, data = folder / f"doc{n}.txt", text.encode()
        path.write_bytes(data)
        total += len(data)
    return total


class DescendantSampler:
    """Peak RSS (VmHWM) and CPU time of this process's descendants, sampled
    from /proc: pool workers are children of multiprocessing's fork server,
    so RUSAGE_CHILDREN never sees them."""

    def __init__(self, interval: float = 0.1):
        self.interval = interval
        self.peak_kb: dict[int, int] = {}
        self.cpu_ticks: dict[int, int] = {}
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stopped.set()
        self.thread.join()

    def _run(self):
        while not self.stopped.wait(self.interval):
            self.sample()

    def sample(self) -> None:
        parents = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    stat = Path(f"/proc/{entry}/stat").read_text()
                except OSError:
                    continue
                fields = stat.rsplit(")", 1)[1].split()
                parents[int(entry)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
        me = os.getpid()
        for pid, (ppid, ticks) in parents.items():
            ancestor, depth = ppid, 0
            while ancestor not in (me, 0, 1) and depth < 8:
                ancestor, depth = parents.get(ancestor, (0, 0))[0], depth + 1
            if ancestor != me:
                continue
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            hwm = next((int(l.split()[1]) for l in status.splitlines() if l.startswith("VmHWM:")), 0)
            self.peak_kb[pid] = max(self.peak_kb.get(pid, 0), hwm)
            self.cpu_ticks[pid] = max(self.cpu_ticks.get(pid, 0), ticks)


def child(src: str, out: str, jobs: int) -> None:
    """One measured run (in its own process): prints wall time, CPU time
    and peak RSS of the parent and of the largest worker."""
    sys.path.insert(0, str(ROOT))
    from cleaner.batch import run_batch

    started = time.monotonic()
    with DescendantSampler() as workers:
        summary = run_batch([src], out, jobs=jobs, progress=False)
    wall = time.monotonic() - started
    own = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({
        "wall": wall,
        "files": summary.files_ok + summary.files_failed,
        "failed": summary.files_failed,
        "bytes_in": summary.bytes_in,
        "rss_parent_mb": own.ru_maxrss / 1024,
        "rss_worker_mb": max(workers.peak_kb.values(), default=0) / 1024,
        "cpu": own.ru_utime + own.ru_stime + sum(workers.cpu_ticks.values()) / os.sysconf("SC_CLK_TCK"),
    }))


def measure(src: Path, jobs: int, scratch: Path) -> dict:
    out = scratch / f"out-{src.name}-j{jobs}"
    shutil.rmtree(out, ignore_errors=True)
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(src), str(out), str(jobs)],
        check=True, capture_output=True, text=True,
    )
    shutil.rmtree(out, ignore_errors=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def row(name: str, r: dict) -> str:
    mb = r["bytes_in"] / 2**20
    return (f"| {name} | {r['files']} | {r['failed']} | {r['wall']:.1f} | {r['files'] / r['wall']:.0f} | "
            f"{mb / r['wall']:.2f} | {r['cpu']:.1f} | {r['rss_parent_mb']:.0f} | {r['rss_worker_mb']:.0f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=10_000, help="size of the large folder (default 10000)")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child[0], args.child[1], int(args.child[2]))

    texts = load_texts()
    with tempfile.TemporaryDirectory(prefix="batch-speed-") as tmp:
        scratch = Path(tmp)
        large, small = scratch / "large", scratch / "small"
        size = generate(large, args.files, texts)
        generate(small, args.files // 4, texts, seed=1)
        print(f"{args.files} files, {size / 2**20:.1f} MB; {len(texts)} distinct texts; "
              f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} before the runs")
        one = measure(large, 1, scratch)
        two = measure(large, 2, scratch)
        quarter = measure(small, 2, scratch)
        print("| run | files | failed | wall s | files/s | MB/s | cpu s | peak RSS parent MB | peak RSS worker MB |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        print(row(f"jobs 1, {args.files} files", one))
        print(row(f"jobs 2, {args.files} files", two))
        print(row(f"jobs 2, {args.files // 4} files", quarter))
        ratio = one["wall"] / two["wall"]
        verdict = "meets" if ratio >= 1.7 else "misses"
        print(f"speed-up jobs 2 / jobs 1: {ratio:.2f}x ({verdict} the 1.7x target); "
              f"load average {os.getloadavg()[0]:.1f} after the runs")


if __name__ == "__main__":
    main()
