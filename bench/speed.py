"""Speed against peers, side by side in one process: ratios, not timings.

    python -m bench.speed [--aeb DIR] [--rounds 3] [--limit N]

Text mode: cleaner on the html-text dumps against jusText on the same lines.
HTML mode: cleaner on the raw pages against trafilatura.extract.
Each system runs ``--rounds`` times, interleaved with its peer so that both
see the same machine load; the best round counts. Shared, noisy machines make
one absolute timing meaningless, so the table's point is the ratio column.
Times are CPU time of this process by default (``--clock cpu``): other
processes' load then costs neither side wall time (all systems here are
single-threaded); ``--clock wall`` measures elapsed time as before.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path
from typing import Callable, Sequence

DEFAULT_AEB = Path(__file__).resolve().parent.parent.parent / "shared" / "bench" / "aeb"


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


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--aeb", type=Path, default=DEFAULT_AEB)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--clock", choices=sorted(CLOCKS), default="cpu", help="CPU time of this process (default) or wall time")
    parser.add_argument("--json", type=Path, default=None, help="also write the table as JSON")
    args = parser.parse_args(argv)
    if not (args.aeb / "ground-truth.json").is_file():
        print(f"bench.speed: no benchmark data at {args.aeb}", file=sys.stderr)
        return 2

    import trafilatura

    from cleaner import Cleaner

    cleaner = Cleaner()
    ids = sorted(json.loads((args.aeb / "ground-truth.json").read_text()))[: args.limit]
    dumps = json.loads((args.aeb / "dumps" / "html-text.json").read_text())
    texts = [dumps[i] for i in ids]
    pages = [gzip.decompress((args.aeb / "html" / f"{i}.html.gz").read_bytes()) for i in ids]

    rows = [
        compare("text (html-text dumps)", texts, lambda t: cleaner.clean(t, kind="text"), justext_lines, "jusText", args.rounds, args.clock),
    ]
    try:
        cleaner.clean(pages[0], kind="html")
    except Exception as exc:  # HTML support missing in this build
        print(f"bench.speed: HTML mode skipped: {exc}", file=sys.stderr)
    else:
        rows.append(
            compare("html (raw pages)", pages, lambda p: cleaner.clean(p, kind="html"), trafilatura.extract, "trafilatura", args.rounds, args.clock)
        )

    print(f"{'mode':<24} {'docs':>5} {'cleaner/s':>10} {'peer':<12} {'peer/s':>8} {'ratio':>6}")
    for r in rows:
        print(
            f"{r['mode']:<24} {r['docs']:>5} {r['cleaner_docs_per_s']:>10.1f} {r['peer']:<12} "
            f"{r['peer_docs_per_s']:>8.1f} {r['speed_ratio']:>5.2f}x"
        )
    print("ratio = peer time / cleaner time (above 1: cleaner is faster)")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(rows, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
