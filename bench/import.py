"""Importing contacts files: a 5,000-row CSV and a 5,000-card vCard (1,000 with --quick), on SQLite
and PostgreSQL.

For each file and database: preview (decode, parse, check, match against the owner's contacts, store
the batch), import (one transaction: match again, insert, spread first follow-ups), and the preview of
the same file again (every row matched, nothing to change). Baselines measured in the same run over
the same bytes: `csv.reader` alone for the CSV, `vobject.readComponents` alone for the vCard. Prints
JSON with seconds, ratios and the process's peak RSS. Targets: CSV preview < 3 s, vCard preview < 12 s
(vobject's own parse is most of it), import < 10 s, peak RSS < 150 MB.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

import vobject

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.harness import emit, new_database  # noqa: E402
from bot.domain.clock import ManualClock  # noqa: E402
from bot.services import imports  # noqa: E402
from bot.services.context import Services  # noqa: E402
from storage.db import Database  # noqa: E402
from tests.world import settings_for  # noqa: E402

TEAM, USER = "T0001", "UBENCH"
NOW = dt.datetime(2026, 11, 24, 14, 0, tzinfo=dt.UTC)
# vobject alone takes about 1-1.5 ms a card here (the baseline): a 5,000-card preview can't be 3 s.
TARGETS = {
    "csv": {"preview_s": 3.0, "import_s": 10.0},
    "vcf": {"preview_s": 12.0, "import_s": 10.0},
    "peak_rss_mb": 150.0,
}
FIRST = [
    "Ada",
    "Grace",
    "Alan",
    "Linus",
    "Margaret",
    "Ken",
    "Barbara",
    "Dennis",
    "Frances",
    "Edsger",
    "Radia",
    "Tim",
    "Sophie",
    "Guido",
    "Anita",
]
LAST = [
    "Lovelace",
    "Hopper",
    "Turing",
    "Torvalds",
    "Hamilton",
    "Thompson",
    "Liskov",
    "Ritchie",
    "Allen",
    "Dijkstra",
    "Perlman",
    "Lee",
    "Wilson",
]
COMPANIES = [
    "Acme",
    "Northwind",
    "Initech",
    "Globex",
    "Umbrella",
    "Hooli",
    "Vandelay",
    "Stark",
    "Wayne",
    "Tyrell",
    "Cyberdyne",
    "Soylent",
]
ROLES = ["CTO", "Head of Data", "VP Sales", "Staff Engineer", "Founder", "Product Manager", "Recruiter"]


def people(count: int, seed: int = 11) -> list[dict]:
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        company = f"{rng.choice(COMPANIES)} {i % 97}"
        rows.append(
            dict(
                first=first,
                last=f"{last}-{i}",
                email=f"{first.lower()}.{last.lower()}{i}@{company.split()[0].lower()}.example",
                phone=f"+1 415 555 {i % 10000:04d}",
                company=company,
                role=rng.choice(ROLES),
                url=f"https://www.linkedin.com/in/{first.lower()}-{last.lower()}-{i}",
                notes=rng.choice(["talked about hiring data engineers", "wants the pricing deck", ""]),
            )
        )
    return rows


def csv_file(rows: list[dict]) -> bytes:
    out = io.StringIO()
    out.write('Notes:\n"Exported for the benchmark."\n\n')
    writer = csv.writer(out)
    writer.writerow(
        ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
    )
    for r in rows:
        writer.writerow([r["first"], r["last"], r["url"], r["email"], r["company"], r["role"], "20 Nov 2026"])
    return out.getvalue().encode("utf-8")


def vcard_file(rows: list[dict]) -> bytes:
    cards = []
    for r in rows:
        note = f"NOTE:{r['notes']}\r\n" if r["notes"] else ""
        cards.append(
            "BEGIN:VCARD\r\nVERSION:3.0\r\n"
            f"N:{r['last']};{r['first']};;;\r\nFN:{r['first']} {r['last']}\r\n"
            f"ORG:{r['company']};\r\nTITLE:{r['role']}\r\n"
            f"EMAIL;type=INTERNET;type=WORK;type=pref:{r['email']}\r\n"
            f"TEL;type=CELL;type=VOICE;type=pref:{r['phone']}\r\n{note}END:VCARD\r\n"
        )
    return "".join(cards).encode("utf-8")


def timed(fn):
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def baseline(name: str, data: bytes) -> float:
    text = data.decode("utf-8")
    if name.endswith(".csv"):
        _, seconds = timed(lambda: sum(1 for _ in csv.reader(io.StringIO(text))))
    else:
        _, seconds = timed(lambda: sum(1 for _ in vobject.readComponents(text)))
    return seconds


def run(kind: str, name: str, data: bytes, workdir: Path) -> dict:
    url, drop = new_database(kind, workdir)
    try:
        db = Database(url)
        services = Services(
            settings=settings_for(url, "http://127.0.0.1:9/api/"), db=db, clock=ManualClock(NOW)
        )
        preview, preview_s = timed(lambda: imports.preview_import(services, TEAM, USER, data, name))
        assert isinstance(preview, imports.Preview), preview
        done, import_s = timed(lambda: imports.confirm_import(services, TEAM, USER, preview.batch_id))
        assert isinstance(done, imports.Imported) and done.added == len(preview.new), done
        again, again_s = timed(lambda: imports.preview_import(services, TEAM, USER, data, name))
        assert isinstance(again, imports.Preview) and not again.new and not again.updated, again
        base = baseline(name, data)
        db.dispose()
        return {
            "rows": len(preview.new),
            "preview_s": round(preview_s, 3),
            "import_s": round(import_s, 3),
            "preview_again_s": round(again_s, 3),
            "baseline_parse_s": round(base, 4),
            "preview_vs_baseline": round(preview_s / base, 1) if base else None,
            "follow_up_days": [str(done.first_day), str(done.last_day)],
        }
    finally:
        drop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 rows instead of 5,000")
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    args = parser.parse_args()
    count = 1_000 if args.quick else 5_000
    rows = people(count)
    files = {"contacts.csv": csv_file(rows), "contacts.vcf": vcard_file(rows)}
    kinds = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    result: dict = {
        "rows": count,
        "bytes": {n: len(d) for n, d in files.items()},
        "targets": TARGETS,
        "runs": {},
    }
    with tempfile.TemporaryDirectory() as tmp:
        for kind in kinds:
            for name, data in files.items():
                result["runs"][f"{kind}:{name}"] = run(kind, name, data, Path(tmp))
    result["peak_rss_mb"] = round(peak_rss_mb(), 1)

    def meets(key: str, run: dict) -> bool:
        target = TARGETS[key.rsplit(".", 1)[-1]]
        return run["preview_s"] < target["preview_s"] and run["import_s"] < target["import_s"]

    result["meets_targets"] = (
        all(meets(key, run) for key, run in result["runs"].items())
        and result["peak_rss_mb"] < TARGETS["peak_rss_mb"]
    )
    emit(result)
    return 0 if result["meets_targets"] else 1


if __name__ == "__main__":
    sys.exit(main())
