"""Ack latency of Warmcall's slash commands against a bare Bolt app on the same server stack.

Both apps run as separate processes behind waitress (bot.runtime.server.HttpServer); the same 20 clients send
the same signed slash commands to each, alternating in short slices so both see the same machine.
Prints JSON: p50/p99/throughput per command and target, the ratios, and the targets met.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import os
import secrets
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.harness import (  # noqa: E402
    checks_of,
    emit,
    new_database,
    seed_contacts,
    start_bare,
    start_warmcall,
    summarize,
    wait_ready,
)
from bot.testing.signed import SlackRequester  # noqa: E402
from bot.testing.slackdouble import SlackDouble  # noqa: E402
from storage.db import Database  # noqa: E402

TEAM, USER = "T0001", "UBENCH"
COMMANDS = ("/met", "/prep", "/called")


class Load:
    """Closed-loop clients: each sends a command, waits for the answer, sends the next."""

    def __init__(self, names: list[str]) -> None:
        self.names = names
        self.counter = itertools.count()

    def text_for(self, command: str, n: int) -> str:
        name = self.names[n % len(self.names)]
        if command == "/met":
            return f"Bench Person {n} of Acme at PyCon yesterday: talked about data pipelines"
        if command == "/prep":
            return name
        return f"{name} reached: talked about data"

    def run(self, requester: SlackRequester, clients: int, seconds: float, results: dict) -> None:
        stop_at = time.monotonic() + seconds

        def client(index: int) -> None:
            commands = itertools.cycle(COMMANDS[index % 3 :] + COMMANDS[: index % 3])
            while time.monotonic() < stop_at:
                command = next(commands)
                n = next(self.counter)
                started = time.perf_counter()
                answered_in_ack = False
                try:
                    reply = requester.command(USER, command, self.text_for(command, n))
                    status = reply.status
                    answered_in_ack = status == 200 and bool(reply.body_text.strip())
                except Exception:
                    status = 0
                elapsed = time.perf_counter() - started
                bucket = results[command]
                bucket["latencies"].append(elapsed)
                if status != 200:
                    bucket["errors"] += 1
                if elapsed > 3:
                    bucket["over_3s"] += 1
                if answered_in_ack:
                    bucket["in_ack"] += 1

        threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()


def measure(kind: str, contacts: int, clients: int, seconds: float, slice_s: float, workdir: Path) -> dict:
    secret = secrets.token_hex(16)
    double = SlackDouble().start()
    double.add_user(USER, name="bench", real_name="Bench User", tz="UTC")
    db_url, drop = new_database(kind, workdir)
    db = Database(db_url)
    seed_contacts(db, TEAM, USER, contacts, dt.date.today())
    with db.transaction() as s:
        from storage.contacts import name_index

        names = [row[1] for row in name_index(s, TEAM, USER)][:2000]
    db.dispose()
    bot_proc, bot_url = start_warmcall(db_url, double.url, secret)
    bare_proc, bare_url = start_bare(double.url, secret)
    try:
        wait_ready(bot_url)
        wait_ready(bare_url)
        targets = {
            "bare": SlackRequester(
                bare_url + "/slack/events", secret, TEAM, response_urls=double.new_response_url
            ),
            "warmcall": SlackRequester(  # its acks are checked as Slack would show them
                bot_url + "/slack/events",
                secret,
                TEAM,
                response_urls=double.new_response_url,
                answers=double.http_ack,
            ),
        }
        load = Load(names)
        # Warm up both (imports, connection pools, first-request profile creation).
        warmup = {
            t: {c: {"latencies": [], "errors": 0, "over_3s": 0, "in_ack": 0} for c in COMMANDS}
            for t in targets
        }
        for name, requester in targets.items():
            load.run(requester, 4, 1.0, warmup[name])
        results = {
            t: {c: {"latencies": [], "errors": 0, "over_3s": 0, "in_ack": 0} for c in COMMANDS}
            for t in targets
        }
        spent = {t: 0.0 for t in targets}
        while min(spent.values()) < seconds:
            for name, requester in targets.items():
                started = time.monotonic()
                load.run(requester, clients, slice_s, results[name])
                spent[name] += time.monotonic() - started
        # A reply comes in the ack itself or later through response_url; measure how long the later
        # ones take to all arrive.
        acked = sum(len(r["latencies"]) for phase in (warmup, results) for r in phase["warmcall"].values())
        in_ack = sum(r["in_ack"] for phase in (warmup, results) for r in phase["warmcall"].values())
        later = acked - in_ack
        drain_started = time.monotonic()
        while len(double.responses) < later and time.monotonic() - drain_started < 300:
            time.sleep(0.2)
        out: dict = {
            "database": kind,
            "contacts": contacts,
            "clients": clients,
            "seconds_per_target": round(spent["warmcall"], 1),
        }
        for name in targets:
            out[name] = {
                c: summarize(r["latencies"], spent[name])
                | {"errors": r["errors"], "acks_over_3s": r["over_3s"]}
                for c, r in results[name].items()
            }
        out["replies"] = {
            "acked": acked,
            "in_the_ack": in_ack,
            "through_response_url": len(double.responses),
            "all_delivered_after_load_s": round(time.monotonic() - drain_started, 1),
        }
        out["ratio_p99"] = {
            c: round(out["warmcall"][c]["p99_ms"] / max(out["bare"][c]["p99_ms"], 0.001), 2) for c in COMMANDS
        }
        out["targets"] = {
            "p99_le_2x_bare": all(v <= 2 for v in out["ratio_p99"].values()),
            "p99_under_250ms": all(out["warmcall"][c]["p99_ms"] < 250 for c in COMMANDS),
            "zero_errors": all(out["warmcall"][c]["errors"] == 0 for c in COMMANDS),
            "zero_acks_over_3s": all(out["warmcall"][c]["acks_over_3s"] == 0 for c in COMMANDS),
            "every_reply_delivered": in_ack + len(double.responses) >= acked,
            "no_reply_refused_by_double": not double.block_errors,
        }
        out["checks"] = checks_of(
            out["targets"], {"zero_errors", "every_reply_delivered", "no_reply_refused_by_double"}, kind
        )
        return out
    finally:
        for proc in (bot_proc, bare_proc):
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
        double.stop()
        drop()


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small and short, for CI")
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--contacts", type=int)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float)
    args = parser.parse_args(argv)
    contacts = args.contacts or (1000 if args.quick else 10_000)
    seconds = args.seconds or (2.0 if args.quick else 20.0)
    slice_s = 1.0 if args.quick else 2.0
    kinds = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    with tempfile.TemporaryDirectory() as tmp:
        runs = [measure(k, contacts, args.clients, seconds, slice_s, Path(tmp)) for k in kinds]
    result = {"benchmark": "ack", "machine": f"{os.cpu_count()} cores", "quick": args.quick, "runs": runs}
    result["checks"] = [c for r in runs for c in r.pop("checks")]
    emit(result)
    return result


if __name__ == "__main__":
    main()
