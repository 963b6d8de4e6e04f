"""Run every benchmark in bench/, print what each measured (JSON), then one table of their targets:
met, missed, or not measured (a rate or size the run did not try is never "met").

    python bench/run_all.py --quick    # CI (.ci/run)

Exits 1 when a correctness target is missed (anything lost, duplicated, unanswered, refused by the
Slack double, or an error) or a benchmark crashes. Speed targets (ratios, bounds) are reported, not
enforced: these machines are noisy. Full numbers come from running each script without --quick.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

from bench.harness import CORRECTNESS, SPEED, check  # noqa: E402

SCRIPTS = [
    "ack.py",
    "e2e.py",
    "prep.py",
    "digest.py",
    "search.py",
    "multi_workspace.py",
    "import.py",
    "quickadd.py",
    "cards.py",
]
# --quick (CI) runs two lanes side by side first, then the latency benchmarks alone on a quiet machine:
# a lane's speed figures are its own ratios against a baseline taken in the same run, under the same
# load, and its correctness targets (nothing lost, duplicated or refused) do not depend on the load.
# The full run keeps every benchmark alone.
QUICK_LANES = (
    ("multi_workspace.py", "import.py", "cards.py"),
    ("prep.py", "digest.py", "search.py", "quickadd.py"),
)
QUICK_ALONE = ("ack.py", "e2e.py")


def checks_in(script: str, result: dict) -> list[dict]:
    """A benchmark's targets: its own `checks`, or for one that names none, what its JSON says."""
    if "checks" in result:
        return result["checks"]
    if "skipped" in result:
        return [check("ran", CORRECTNESS, None, result["skipped"])]
    if "meets_targets" in result:  # bench/import.py: preview and import times against its TARGETS
        return [check("preview_and_import_within_targets", SPEED, result["meets_targets"])]
    return [check("names_its_targets", SPEED, None)]


def run(script: str, quick: bool) -> tuple[dict, list[dict]]:
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, str(BENCH / script), *(["--quick"] if quick else [])], capture_output=True, text=True
    )
    took = round(time.monotonic() - started, 1)
    try:
        result = json.loads(proc.stdout[proc.stdout.index("{") :])
    except ValueError:
        # No JSON: it crashed (bench/import.py also exits 1 on a missed target, with its JSON).
        error = (proc.stderr.strip() or proc.stdout.strip()).splitlines()[-5:]
        return {"error": error, "exit_code": proc.returncode, "seconds": took}, [
            check("ran_to_the_end", CORRECTNESS, False)
        ]
    result["seconds"], result["exit_code"] = took, proc.returncode
    return result, checks_in(script, result)


def missed_correctness(rows: list[tuple[str, dict]]) -> list[str]:
    """The correctness targets a run missed (what fails CI); a speed miss or "not measured" never does."""
    return [
        f"{s} {c['name']} ({c['where'] or '-'})"
        for s, c in rows
        if c["met"] is False and c["kind"] == CORRECTNESS
    ]


def table(rows: list[tuple[str, dict]]) -> str:
    shown = {True: "met", False: "MISSED", None: "not measured"}
    lines = [f"{'bench':<19}{'where':<12}{'kind':<13}{'target':<58}result"]
    for script, c in rows:
        lines.append(f"{script:<19}{c['where'] or '-':<12}{c['kind']:<13}{c['name']:<58}{shown[c['met']]}")
    count = {m: sum(1 for _, c in rows if c["met"] is m) for m in (True, False, None)}
    wrong = sum(1 for _, c in rows if c["met"] is False and c["kind"] == CORRECTNESS)
    lines.append(
        f"targets: {count[True]} met, {count[False]} missed ({wrong} of correctness), "
        f"{count[None]} not measured"
    )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small and short, for CI")
    args = parser.parse_args()
    done: dict[str, tuple[dict, list[dict]]] = {}
    if args.quick:
        with ThreadPoolExecutor(max_workers=len(QUICK_LANES)) as pool:
            for lane in pool.map(lambda lane: [(s, run(s, True)) for s in lane], QUICK_LANES):
                done.update(lane)
        done.update((script, run(script, True)) for script in QUICK_ALONE)
    else:
        done.update((script, run(script, False)) for script in SCRIPTS)
    results, rows = {}, []
    for script in SCRIPTS:  # reported in one order, however they ran
        results[script], found = done[script]
        rows += [(script, c) for c in found]
    print(json.dumps(results, indent=2, ensure_ascii=False))
    print(table(rows))
    failed = missed_correctness(rows)
    if failed:
        print("bench: missed correctness targets: " + "; ".join(failed), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
