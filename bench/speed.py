"""Speed against peers, side by side in one process: ratios, not timings.

    python -m bench.speed [--aeb DIR] [--rounds 3] [--limit N] [--skip cold,big,batch]

Each table compares cleaner with a peer run interleaved with it, so that both
see the same machine load; the best round counts. Shared, noisy machines make
one absolute timing meaningless, so the point of every table is its ratio.
Times are CPU time (of this process, or of the child processes measured), so
other processes' load costs neither side; ``--clock wall`` measures elapsed
time instead, for the in-process tables.

1. **docs/s**: text mode on the AEB html-text dumps against jusText on the same
   lines; HTML mode on the raw pages against ``trafilatura.extract(with_metadata=True)``.
2. **steps**: where cleaner's own time goes, per pipeline step (rules,
   detector, language, metadata, ...), as a share of its time and per document.
3. **rules**: the rule packs' line screen per line and per pack: the literal
   screen (:class:`cleaner.rules.LineScreen`) against the screen it replaced
   (every line fullmatched against the ``|``-join of all line rules), and what
   share of rules has a literal and of lines reaches a rule.
4. **cold start**: ``cleaner clean`` of one AEB page and of one seed, and
   ``cleaner --version``, each a fresh process, against ``trafilatura -i`` on
   the same page: medians of ``--cold-runs`` runs, interleaved. (``-i`` reads
   the page as a list of URLs: that is trafilatura's start-up alone; its
   extraction of the page, ``trafilatura < page.html``, is shown beside it.)
   The processes write their bytecode, as a user's install does, though this
   machine sets ``PYTHONDONTWRITEBYTECODE`` (an editable install would compile
   cleaner's sources at every start: 0.1 s).
5. **big inputs**: a 10 MB one-line text (cleaned), a 10 MB text of short
   lines, and a 50 MB one (refused by the default size limit).
6. **batch**: ``cleaner batch`` with 2 jobs against 1 (bench/batch_speed.py), wall time.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Sequence

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_AEB = ROOT.parent / "shared" / "bench" / "aeb"
SECTIONS = ("rules", "cold", "big", "batch")

CLOCKS = {"cpu": time.process_time, "wall": time.perf_counter}


def best_time(run: Callable[[], None], rounds: int, clock: Callable[[], float] = time.process_time) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = clock()
        run()
        best = min(best, clock() - start)
    return best


def justext_lines(text: str) -> str:
    import justext

    paragraphs = justext.justext(text.replace("\n", "\n\n"), justext.get_stoplist("English"))
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def trafilatura_with_metadata(page: bytes):
    import trafilatura

    return trafilatura.extract(page, with_metadata=True)


def compare(
    name: str, docs: Sequence, ours: Callable, peer: Callable, peer_name: str, rounds: int, clock: str = "cpu"
) -> dict:
    ours(docs[0]), peer(docs[0])  # warm caches (rule packs, stop-lists, profiles)
    t_ours = t_peer = float("inf")
    for _ in range(rounds):  # interleave: both see the same load
        t_ours = min(t_ours, best_time(lambda: [ours(d) for d in docs], 1, CLOCKS[clock]))
        t_peer = min(t_peer, best_time(lambda: [peer(d) for d in docs], 1, CLOCKS[clock]))
    return {
        "mode": name,
        "docs": len(docs),
        "cleaner_docs_per_s": len(docs) / t_ours,
        "peer": peer_name,
        "peer_docs_per_s": len(docs) / t_peer,
        "speed_ratio": t_peer / t_ours,
    }


# --- 2. steps ------------------------------------------------------------------------------

#: pipeline step -> the functions it runs, as the pipeline module names them
STEPS = {
    "html extraction": [("cleaner.pipeline", "_extract_html")],
    "normalise": [("cleaner.pipeline", "normalize")],
    "run-on breaking": [("cleaner.pipeline", "break_run_on_text")],
    "rules": [("cleaner.rules", "RuleSet.apply"), ("cleaner.rules", "RuleSet.apply_edges")],
    "metadata": [("cleaner.pipeline", "find_structure"), ("cleaner.pipeline", "_dump_headline")],
    "language": [("cleaner.pipeline", "page_language"), ("cleaner.pipeline", "text_language")],
    "detector": [("cleaner.pipeline", "detect")],
    "line bookkeeping": [("cleaner.pipeline", "surviving_lines"), ("cleaner.pipeline", "split_lines")],
}


@contextmanager
def step_timers(totals: dict[str, float]):
    """Wrap each step's functions with a CPU timer adding to ``totals``
    (a call inside another timed call counts for the outer one only)."""
    import importlib

    depth = [0]
    saved = []

    def timed(step, fn):
        def wrapper(*args, **kwargs):
            if depth[0]:
                return fn(*args, **kwargs)
            depth[0] += 1
            start = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                totals[step] = totals.get(step, 0.0) + time.process_time() - start
                depth[0] -= 1
        return wrapper

    for step, targets in STEPS.items():
        for module, path in targets:
            owner = importlib.import_module(module)
            *parents, name = path.split(".")
            for parent in parents:
                owner = getattr(owner, parent)
            saved.append((owner, name, getattr(owner, name)))
            setattr(owner, name, timed(step, getattr(owner, name)))
    try:
        yield totals
    finally:
        for owner, name, fn in reversed(saved):
            setattr(owner, name, fn)


def step_costs(clean: Callable, docs: Sequence) -> dict:
    totals: dict[str, float] = {}
    start = time.process_time()
    with step_timers(totals):
        for doc in docs:
            clean(doc)
    whole = time.process_time() - start
    totals["other"] = max(0.0, whole - sum(totals.values()))
    return {"total_s": whole, "ms_per_doc": {k: 1000 * v / len(docs) for k, v in totals.items()},
            "share": {k: v / whole for k, v in totals.items()}}


def print_steps(name: str, costs: dict) -> None:
    print(f"\n{name}: {1000 * costs['total_s'] / costs['docs']:.1f} ms per document in all (CPU)")
    print(f"| step | ms per doc | share |\n| --- | ---: | ---: |")
    for step, ms in sorted(costs["ms_per_doc"].items(), key=lambda kv: -kv[1]):
        print(f"| {step} | {ms:.1f} | {100 * costs['share'][step]:.0f}% |")


# --- 3. the rules' line screen ---------------------------------------------------------------


class UnionScreen:
    """The screen :class:`cleaner.rules.LineScreen` replaced, kept here as the
    peer: every line fullmatched against the ``|``-join of the line rules'
    patterns, and the keyed rules' keywords searched one by one."""

    def __init__(self, ruleset):
        import regex

        from cleaner.rules import LINE_KINDS, MAX_LABELLED_CHARS, anchor_headings

        line_rules = [r for r in ruleset.rules if r.kind in LINE_KINDS and not r.within]
        self.screened = [r for r in line_rules if not r.keywords]
        self.keyed = [r for r in line_rules if r.keywords]
        self.keywords = tuple(dict.fromkeys(k for r in self.keyed for k in r.keywords))
        union = "|".join(f"(?:{r.pattern.pattern})" for r in self.screened)
        self.screen = regex.compile(union) if union else None
        labels = [r for r in ruleset.rules if r.kind == "end_marker"]
        self.labels = {r.id: r.labelled() for r in labels}
        self.label_screen = anchor_headings(labels, labelled=True) if labels else None
        self.short = max((r.max_chars for r in line_rules), default=0)
        self.limit = max(self.short, MAX_LABELLED_CHARS if labels else 0)

    def match(self, text: str) -> list[str]:
        from cleaner.rules import has_keyword, matches_line

        ids = []
        short = len(text) <= self.short
        if short and self.screen is not None and self.screen.fullmatch(text):
            ids += [r.id for r in self.screened if matches_line(r, text)]
        if short and self.keywords and has_keyword(self.keywords, text):
            ids += [r.id for r in self.keyed if matches_line(r, text)]
        if self.label_screen is not None and self.label_screen.fullmatch(text):
            ids += [next(i for i, label in self.labels.items() if label.match(text))][:1]
        return ids


def distinct_lines(texts: Sequence[str], limit: int) -> list[str]:
    from cleaner.lines import split_lines
    from cleaner.normalize import normalize

    lines = []
    for text in texts:
        seen = set()
        for line in split_lines(normalize(text)):
            t = line.stripped
            if t and len(t) <= limit and t not in seen:
                seen.add(t)
                lines.append(t)
    return lines


def rules_screen(texts: Sequence[str], rounds: int) -> dict:
    """Per line and per pack: the literal screen against the union screen."""
    from cleaner.rules import RuleSet, default_rules_dir, pack_files

    files = pack_files(default_rules_dir())
    everything = RuleSet.load([default_rules_dir()])
    lines = distinct_lines(texts, everything.screen.limit)
    rows = []
    for name, ruleset in [("all packs", everything), *((f.stem, RuleSet.load([f])) for f in files)]:
        screen, union = ruleset.screen, UnionScreen(ruleset)
        assert [screen.match(t) for t in lines[:3000]] == [union.match(t) for t in lines[:3000]], name
        t_screen = t_union = float("inf")
        for _ in range(rounds):
            t_screen = min(t_screen, best_time(lambda: [screen.match(t) for t in lines], 1))
            t_union = min(t_union, best_time(lambda: [union.match(t) for t in lines], 1))
        with_literals = sum(1 for found in screen.literals.values() if found is not None)
        always = screen._screen.always
        reached = sum(1 for t in lines if screen._screen.candidates(t) - always)
        rows.append({
            "packs": name, "rules": len(ruleset.rules), "screened": len(screen.literals),
            "with_literals": with_literals, "literals": screen._screen.literal_count,
            "lines": len(lines), "lines_reaching_a_literal_rule": reached,
            "slow_path_rules": len(always),
            "us_per_line": 1e6 * t_screen / len(lines), "union_us_per_line": 1e6 * t_union / len(lines),
            "speed_ratio": t_union / t_screen,
        })
    return {"rows": rows}


def print_rules(result: dict) -> None:
    print("\nrule packs' line screen, per distinct line of the html-text dumps (CPU):")
    print("| packs | rules | screened | with a literal | lines reaching a rule | slow-path rules | µs/line | union µs/line | ratio |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in result["rows"]:
        print(f"| {r['packs']} | {r['rules']} | {r['screened']} | {r['with_literals']} | "
              f"{100 * r['lines_reaching_a_literal_rule'] / r['lines']:.1f}% | {r['slow_path_rules']} | "
              f"{r['us_per_line']:.1f} | {r['union_us_per_line']:.1f} | {r['speed_ratio']:.1f}x |")


# --- 4. cold start -------------------------------------------------------------------------------


def run_child(
    argv: list[str], timeout: float = 600, env: dict | None = None, stdin: Path | None = None
) -> tuple[float, float, int | None]:
    """(wall s, CPU s of the child, exit code or None when it ran past
    ``timeout`` s and was stopped) of one fresh process, run in this tree
    (``python -m cleaner`` imports the cleaner beside this bench), reading
    ``stdin`` (a file) if given."""
    start = time.perf_counter()
    with open(stdin if stdin is not None else os.devnull, "rb") as source:
        proc = subprocess.Popen(
            argv, stdin=source, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=env
        )
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            return time.perf_counter() - start, usage.ru_utime + usage.ru_stime, os.waitstatus_to_exitcode(status)
        if time.perf_counter() - start > timeout:
            proc.kill()
            _, status, usage = os.wait4(proc.pid, 0)
            return time.perf_counter() - start, usage.ru_utime + usage.ru_stime, None
        time.sleep(0.02)


def cold_start(page: Path, seed: Path, runs: int) -> dict:
    trafilatura = str(Path(sys.executable).parent / "trafilatura")
    cleaner = [sys.executable, "-m", "cleaner"]
    commands = {
        "trafilatura -i page.html": [trafilatura, "-i", str(page)],
        "trafilatura < page.html": [trafilatura],
        "cleaner clean page.html": [*cleaner, "clean", str(page)],
        "cleaner clean seed.txt": [*cleaner, "clean", str(seed)],
        "cleaner --version": [*cleaner, "--version"],
    }
    stdin = {"trafilatura < page.html": page}
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # (bytecode, as installed)
    for name, argv in commands.items():  # fill the caches (the first run after an install)
        run_child(argv, env=env, stdin=stdin.get(name))
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(runs):  # interleaved
        for name, argv in commands.items():
            wall, cpu, code = run_child(argv, env=env, stdin=stdin.get(name))
            assert code == 0, f"{name} exited {code}"
            times[name].append((wall, cpu))
    peer = "trafilatura -i page.html"
    base_wall = statistics.median(w for w, _ in times[peer])
    base_cpu = statistics.median(c for _, c in times[peer])
    rows = []
    for name, pairs in times.items():
        wall, cpu = statistics.median(w for w, _ in pairs), statistics.median(c for _, c in pairs)
        rows.append({"command": name, "wall_ms": 1000 * wall, "cpu_ms": 1000 * cpu,
                     "wall_ratio": wall / base_wall, "cpu_ratio": cpu / base_cpu})
    return {"runs": runs, "page": page.name, "seed": seed.name, "rows": rows}


def print_cold(result: dict) -> None:
    print(f"\ncold start, medians of {result['runs']} fresh processes (page {result['page'][:16]}..., seed {result['seed']}):")
    print("| command | wall ms | CPU ms | wall / trafilatura | CPU / trafilatura |\n| --- | ---: | ---: | ---: | ---: |")
    for r in result["rows"]:
        print(f"| `{r['command']}` | {r['wall_ms']:.0f} | {r['cpu_ms']:.0f} | {r['wall_ratio']:.2f}x | {r['cpu_ratio']:.2f}x |")


# --- 5. big inputs ---------------------------------------------------------------------------------


def big_text(size: int, separator: str) -> str:
    """Sentences of prose joined by ``separator`` up to ``size`` characters."""
    import random

    rng = random.Random(size)
    words = ("the council said on monday that new bridge would open next spring after years of delays and "
             "costs rose by third officials told reporters in city hall").split()
    parts, total = [], 0
    while total < size:
        sentence = " ".join(rng.choice(words) for _ in range(rng.randint(8, 25))).capitalize() + rng.choice(".!?.")
        parts.append(sentence)
        total += len(sentence) + 1
    return separator.join(parts)[:size]


#: a big input still running after this many seconds is stopped (the issue's bar is 60 s)
BIG_TIMEOUT = 90


def big_inputs(scratch: Path) -> dict:
    rows = []
    for name, size, separator in (("10 MB, one line", 10_000_000, " "), ("10 MB, short lines", 10_000_000, "\n"),
                                  ("50 MB, one line", 50_000_000, " ")):
        path = scratch / f"big-{size}.txt"
        path.write_text(big_text(size, separator), encoding="utf-8")
        wall, cpu, code = run_child([sys.executable, "-m", "cleaner", "clean", str(path)], timeout=BIG_TIMEOUT)
        rows.append({"input": name, "bytes": path.stat().st_size, "wall_s": wall, "cpu_s": cpu, "exit_code": code,
                     "mb_per_cpu_s": size / 1e6 / cpu})
        path.unlink()
    return {"rows": rows}


def print_big(result: dict) -> None:
    print("\nbig inputs, `cleaner clean FILE` in a fresh process:")
    print("| input | exit code | wall s | CPU s | MB per CPU s |\n| --- | ---: | ---: | ---: | ---: |")
    for r in result["rows"]:
        code = "stopped" if r["exit_code"] is None else r["exit_code"]
        print(f"| {r['input']} | {code} | {r['wall_s']:.1f} | {r['cpu_s']:.1f} | {r['mb_per_cpu_s']:.2f} |")


# --- 6. batch ---------------------------------------------------------------------------------------


def batch_jobs(files: int, scratch: Path) -> dict:
    from bench import batch_speed

    src = scratch / "batch"
    size = batch_speed.generate(src, files, batch_speed.load_texts())
    one = batch_speed.measure(src, 1, scratch)
    two = batch_speed.measure(src, 2, scratch)
    shutil.rmtree(src, ignore_errors=True)
    return {"files": files, "mb": size / 2**20, "jobs1_wall_s": one["wall"], "jobs2_wall_s": two["wall"],
            "jobs1_cpu_s": one["cpu"], "jobs2_cpu_s": two["cpu"], "speed_up": one["wall"] / two["wall"],
            "load_average": os.getloadavg()[0]}


def print_batch(result: dict) -> None:
    print(f"\nbatch, {result['files']} files ({result['mb']:.1f} MB), wall time: jobs 1 {result['jobs1_wall_s']:.1f} s "
          f"(CPU {result['jobs1_cpu_s']:.1f} s), jobs 2 {result['jobs2_wall_s']:.1f} s (CPU {result['jobs2_cpu_s']:.1f} s): "
          f"{result['speed_up']:.2f}x; load average {result['load_average']:.1f} (other processes share the cores)")


# --- main -----------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--aeb", type=Path, default=DEFAULT_AEB)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--clock", choices=sorted(CLOCKS), default="cpu", help="CPU time of this process (default) or wall time")
    parser.add_argument("--cold-runs", type=int, default=5)
    parser.add_argument("--batch-files", type=int, default=600)
    parser.add_argument("--skip", default="", help=f"comma-separated sections to leave out: {', '.join(SECTIONS)}")
    parser.add_argument("--json", type=Path, default=None, help="also write the tables as JSON")
    args = parser.parse_args(argv)
    skip = {s for s in args.skip.split(",") if s}
    if not (args.aeb / "ground-truth.json").is_file():
        print(f"bench.speed: no benchmark data at {args.aeb}", file=sys.stderr)
        return 2

    from cleaner import Cleaner

    cleaner = Cleaner()
    ids = sorted(json.loads((args.aeb / "ground-truth.json").read_text()))[: args.limit]
    dumps = json.loads((args.aeb / "dumps" / "html-text.json").read_text())
    texts = [dumps[i] for i in ids]
    pages = [gzip.decompress((args.aeb / "html" / f"{i}.html.gz").read_bytes()) for i in ids]
    report: dict = {}

    def text_mode(t):
        return cleaner.clean(t, kind="text")

    def html_mode(p):
        return cleaner.clean(p, kind="html")

    report["docs_per_s"] = [
        compare("text (html-text dumps)", texts, text_mode, justext_lines, "jusText", args.rounds, args.clock),
        compare("html (raw pages)", pages, html_mode, trafilatura_with_metadata,
                "trafilatura.extract(with_metadata=True)", args.rounds, args.clock),
    ]
    print(f"{'mode':<24} {'docs':>5} {'cleaner/s':>10} {'peer':<40} {'peer/s':>8} {'ratio':>6}")
    for r in report["docs_per_s"]:
        print(f"{r['mode']:<24} {r['docs']:>5} {r['cleaner_docs_per_s']:>10.1f} {r['peer']:<40} "
              f"{r['peer_docs_per_s']:>8.1f} {r['speed_ratio']:>5.2f}x")
    print("ratio = peer time / cleaner time (above 1: cleaner is faster)")

    report["steps"] = {"text": step_costs(text_mode, texts), "html": step_costs(html_mode, pages)}
    for mode, costs in report["steps"].items():
        costs["docs"] = len(texts)
        print_steps(f"{mode} mode, per step", costs)

    from cleaner.rules import RuleSet

    if "rules" not in skip and hasattr(RuleSet, "screen"):  # (a cleaner from before the literal screen has none)
        report["rules"] = rules_screen(texts, args.rounds)
        print_rules(report["rules"])

    with tempfile.TemporaryDirectory(prefix="bench-speed-") as tmp:
        scratch = Path(tmp)
        if "cold" not in skip:
            page = scratch / "page.html"
            page.write_bytes(pages[0])
            seeds = sorted((ROOT / "samples" / "seeds").glob("*.txt"))
            seed = next(p for p in seeds if ".expected" not in p.name)
            report["cold_start"] = cold_start(page, seed, args.cold_runs)
            print_cold(report["cold_start"])
        if "big" not in skip:
            report["big"] = big_inputs(scratch)
            print_big(report["big"])
        if "batch" not in skip:
            report["batch"] = batch_jobs(args.batch_files, scratch)
            print_batch(report["batch"])

    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
