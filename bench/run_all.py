"""Run every benchmark in bench/ (quick mode in CI) and print one JSON document.

A benchmark that crashes fails the run; a missed target is reported, not enforced, because CI
machines are noisy. Full numbers come from running each script without --quick.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
SCRIPTS = ["ack.py", "e2e.py", "prep.py", "digest.py", "search.py", "multi_workspace.py"]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    results, failed = {}, []
    for script in SCRIPTS:
        path = BENCH / script
        if not path.exists():
            continue
        started = time.monotonic()
        proc = subprocess.run(
            [sys.executable, str(path), *(["--quick"] if args.quick else [])], capture_output=True, text=True
        )
        took = round(time.monotonic() - started, 1)
        if proc.returncode != 0:
            failed.append(script)
            results[script] = {"error": proc.stderr.strip().splitlines()[-5:], "seconds": took}
            continue
        try:
            results[script] = json.loads(proc.stdout[proc.stdout.index("{") :])
        except ValueError:
            results[script] = {"output": proc.stdout.strip()[-2000:]}
        results[script]["seconds"] = took
    print(json.dumps(results, indent=2, ensure_ascii=False))
    if failed:
        print(f"bench: failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
