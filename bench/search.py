"""All contacts search and the Log call picker's typeahead for a user with 10,000 contacts (1,000
with --quick), on SQLite and PostgreSQL, server side.

- search: bot.services.contact_search.find_contacts (a page of 20 and the count) plus the modal's
  Block Kit, for a mix of queries: a first name, a company, a word from the notes, two words, a stage
  filter, and nothing typed; baseline: the same queries for a user with a single contact.
- typeahead: contact_search.suggest for two- and three-letter prefixes plus the options answer
  (at most 100); baseline: the same for the single-contact user.
Prints JSON with p50/p99/mean (ms) and ratios; the target is p99 < 300 ms (Slack shows the modal or
the options only after our answer; its own limit is 3 s).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.harness import SPEED, check, emit, new_database, seed_contacts, summarize  # noqa: E402
from bot.domain.clock import ManualClock  # noqa: E402
from bot.services import contact_search  # noqa: E402
from bot.services.context import Services  # noqa: E402
from bot.testing.slackdouble import SlackDouble  # noqa: E402
from handlers.blocks.contact_list import contact_list_modal  # noqa: E402
from handlers.blocks.kit import plain  # noqa: E402
from handlers.request import Owner  # noqa: E402
from storage.contacts import add_contact  # noqa: E402
from storage.db import Database  # noqa: E402
from tests.world import settings_for  # noqa: E402

TEAM, BIG, SMALL = "T0001", "UBIG", "USMALL"
NOW = dt.datetime(2026, 11, 24, 14, 0, tzinfo=dt.UTC)
TARGET_P99_MS = 300.0
TARGET_CONTACTS = 10_000
SEARCHES = [
    ("jane", "all", 0),
    ("company 42", "all", 0),
    ("fundraising", "all", 0),
    ("ravi security", "all", 0),
    ("", "active", 0),
    ("", "all", 3),
    ("pycon data", "all", 1),
    ("zzz-nobody", "all", 0),
]
PREFIXES = ["ja", "rav", "co", "zo", "li", "kim", "com", "x"]


def time_search(services: Services, user: str, rounds: int) -> dict:
    owner = Owner(TEAM, user)
    contact_search.find_contacts(services, owner, "jane", "all", 0)  # warm the pool and caches
    latencies = []
    started = time.perf_counter()
    for i in range(rounds):
        query, stage, page = SEARCHES[i % len(SEARCHES)]
        t0 = time.perf_counter()
        listing = contact_search.find_contacts(services, owner, query, stage, page)
        contact_list_modal(listing)
        latencies.append(time.perf_counter() - t0)
    return summarize(latencies, time.perf_counter() - started)


def time_typeahead(services: Services, user: str, rounds: int) -> dict:
    owner = Owner(TEAM, user)
    contact_search.suggest(services, owner, "ja")
    latencies, most = [], 0
    started = time.perf_counter()
    for i in range(rounds):
        t0 = time.perf_counter()
        choices = contact_search.suggest(services, owner, PREFIXES[i % len(PREFIXES)])
        options = [{"text": plain(c.choice_label, 75), "value": str(c.id)} for c in choices]
        latencies.append(time.perf_counter() - t0)
        most = max(most, len(options))
    result = summarize(latencies, time.perf_counter() - started)
    result["most_options"] = most
    return result


def ratio(big: dict, base: dict, key: str = "p99_ms") -> float | None:
    return round(big[key] / base[key], 1) if base.get(key) else None


def run(kind: str, contacts: int, rounds: int, workdir: Path) -> dict:
    url, drop = new_database(kind, workdir)
    db = Database(url)
    double = SlackDouble().start()
    try:
        t0 = time.perf_counter()
        seed_contacts(db, TEAM, BIG, contacts, NOW.date())
        with db.transaction() as s:
            add_contact(s, TEAM, SMALL, name="Solo Contact", event="PyCon", notes="talked about data")
        seeded = round(time.perf_counter() - t0, 2)
        services = Services(settings=settings_for(url, double.url), db=db, clock=ManualClock(NOW))
        search = time_search(services, BIG, rounds)
        search_base = time_search(services, SMALL, rounds)
        suggest = time_typeahead(services, BIG, rounds)
        suggest_base = time_typeahead(services, SMALL, rounds)
        return {
            "contacts": contacts,
            "seed_seconds": seeded,
            "search": search,
            "search_baseline_1_contact": search_base,
            "search_ratio_p99": ratio(search, search_base),
            "typeahead": suggest,
            "typeahead_baseline_1_contact": suggest_base,
            "typeahead_ratio_p99": ratio(suggest, suggest_base),
            "target_p99_ms": TARGET_P99_MS,
            # The target is named at TARGET_CONTACTS: a smaller run (--quick) does not measure it.
            "target_met": (search["p99_ms"] < TARGET_P99_MS and suggest["p99_ms"] < TARGET_P99_MS)
            if contacts == TARGET_CONTACTS
            else None,
        }
    finally:
        double.stop()
        db.dispose()
        drop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 contacts and fewer rounds (CI)")
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    args = parser.parse_args()
    contacts, rounds = (1_000, 40) if args.quick else (10_000, 200)
    kinds = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    with tempfile.TemporaryDirectory() as tmp:
        results = {kind: run(kind, contacts, rounds, Path(tmp)) for kind in kinds}
    found = [
        check(
            f"search_and_typeahead_p99_under_{TARGET_P99_MS:g}ms_at_{TARGET_CONTACTS}",
            SPEED,
            r["target_met"],
            kind,
        )
        for kind, r in results.items()
    ]
    emit({"benchmark": "search", "quick": args.quick, **results, "checks": found})
    return 0


if __name__ == "__main__":
    sys.exit(main())
