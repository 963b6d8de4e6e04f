"""/met's parser on hostile lines: no 5,000-character input costs more than a small multiple of an
ordinary line of the same length, both timed in this run (a ratio; quadratic would be ~1,000x).

    python bench/quickadd.py [--quick]

Prints JSON: per hostile line, its best-of-3 time and the ratio to the ordinary line; the target
(ratio <= 40) is a speed target, reported by bench/run_all.py, never enforced in tests/.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.harness import SPEED, check  # noqa: E402
from bot.domain.quickadd import parse_met  # noqa: E402

TODAY = dt.date(2026, 11, 20)
ORDINARY = "Jane Doe of Acme at PyCon: " + "talked about pipelines and hiring, " * 140  # ~5,000 chars
HOSTILE = {
    "spaced-words": "a " * 2500,
    "of-of-of": "of " * 1600,
    "colons": ":" * 5000,
    "at-signs": "@" * 5000,
    "local-part-no-domain": "a" * 4999 + "@",
    "open-parens": "(" * 5000,
    "digits": "1 " * 2500,
    "plus-ones": "+1 " * 1666,
    "urls": "http://" * 714,
    "on-on-on": "on 1 " * 1000,
    "unclosed-mentions": "<@U1 " * 1000,
    "dotted-domain": "x@" + "a." * 2499,
    "url-closing-parens": "Jane http://a" + ")" * 4987,
    "numeric-dates": "Ann on " + "02/12/2026 " * 450,
}
MAX_RATIO = 40


def best_of(text: str, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        parse_met(text, TODAY, day_first=True)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the same run (it takes about a second)")
    parser.parse_args()
    ordinary = best_of(ORDINARY)
    rows = {}
    for name, text in HOSTILE.items():
        took = best_of(text)
        rows[name] = {"ms": round(took * 1000, 2), "ratio": round(took / max(ordinary, 1e-6), 1)}
    worst = max(r["ratio"] for r in rows.values())
    result = {
        "bench": "quickadd",
        "ordinary_ms": round(ordinary * 1000, 2),
        "hostile": rows,
        "worst_ratio": worst,
        "checks": [check("hostile_lines_within_40x_an_ordinary_one", SPEED, worst <= MAX_RATIO)],
    }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
