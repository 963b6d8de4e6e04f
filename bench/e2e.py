"""Time to the reply the user sees, under an open-loop rate, against a bare Bolt app (issue 16).

    python bench/e2e.py            # 25-600 commands/s, 10 s each, SQLite and PostgreSQL
    python bench/e2e.py --quick    # 100 and 300/s, 2 s each, for CI

A generator sends /met, /prep and /called (40/30/30) on a fixed schedule, whether or not earlier ones
were answered, to `python -m bot serve --http` (a fresh user with 1,000 contacts for each rate) and, at
the same rate in the same run, to bench/bare_app.py replying the same way (in the ack, or through
response_url after it). End to end runs from sending a request to the reply the user sees: the ack's
own body when it carries the reply, else the response_url post arriving at the Slack double. A request
that fails, is never answered, or carries its reply in an ack later than Slack's 3 s counts as
infinitely slow, so a p99 is null when over 1% went unanswered. The generator, the double and the reply watcher share this process; how late the generator
sent (schedule lag) is reported beside every rate. Prints JSON, with its targets (bench/e2e_summary.py):
speed (p99 at 100/s within 3x the bare app's; p99 at most 250 ms at every rate up to 300/s, "not
measured" when 300/s was not run) and, at every rate, correctness (every command answered, once, in
blocks Slack accepts, without an error or an apology).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import gc
import json
import os
import resource
import secrets
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import select, text  # noqa: E402

from bench.e2e_summary import (  # noqa: E402
    SLOW_MS,
    TARGET_FIRST_SLOW_RATE,
    TARGET_RATIO,
    TARGET_RATIO_AT,
    checks,
    fast_up_to_target,
    first_slow_rate,
    log_summary,
    ratio_target,
    summarize_phase,
)
from bench.harness import (  # noqa: E402
    emit,
    new_database,
    seed_contacts,
    settle,
    start_bare,
    start_warmcall,
    stop,
    wait_ready,
)
from bot.testing.signed import SlackRequester  # noqa: E402
from bot.testing.slackdouble import SlackDouble  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.models import Contact  # noqa: E402

TEAM = "T0001"
COMMANDS = ("/met", "/prep", "/called")
# 40/30/30, interleaved so every second of the run carries the same mix.
MIX = ("/met", "/prep", "/called", "/met", "/called", "/prep", "/met", "/prep", "/called", "/met")
# Up to twice the knee (about 300/s on 2 cores): past it, admission control (bot/runtime/admission.py)
# must answer "busy, try again" in time rather than ack after 3 s (`ack.over_3s`, `busy_replies`).
FULL_RATES = (25, 50, 100, 200, 300, 400, 600)
QUICK_RATES = (100, 300)
ACK_TIMEOUT_S = 10.0  # how long the generator waits (past Slack's window, to see how late acks are)
WARMUP_EACH = 5


@dataclass
class Request:
    """One slash command: its bytes, when it was due and sent, and what the ack said."""

    command: str
    offset: float  # seconds after the start of the run it is due
    response_url: str
    data: bytes
    due: float = 0.0
    sent: float = 0.0
    acked: float = 0.0
    status: int = 0
    ack_reply: dict | None = None
    error: str | None = None


class ReplyWatch(threading.Thread):
    """Notes when each response_url post first appears in the double (polled every half millisecond)."""

    def __init__(self, double: SlackDouble) -> None:
        super().__init__(name="reply-watch", daemon=True)
        self.double = double
        self.arrivals: dict[str, tuple[float, dict]] = {}
        self._halt = threading.Event()

    def run(self) -> None:
        seen = 0
        while not self._halt.is_set():
            posts = self.double.responses
            count = len(posts)
            if count > seen:
                now = time.perf_counter()
                for entry in posts[seen:count]:
                    self.arrivals.setdefault(entry["url"], (now, entry))
                seen = count
            else:
                time.sleep(0.0005)

    def halt(self) -> None:
        self._halt.set()
        self.join()


class Commands:
    """Builds signed slash-command requests for one user, as Slack sends them."""

    def __init__(self, signer: SlackRequester, double: SlackDouble, names: list[str]) -> None:
        self.signer = signer
        self.double = double
        self.names = names

    def text_for(self, command: str, n: int) -> str:
        if command == "/met":
            return f"Bench Person {n} of Acme at PyCon yesterday: talked about data pipelines"
        if command == "/prep":
            return self.names[n % len(self.names)]
        return f"{self.names[(n * 7 + 3) % len(self.names)]} reached: talked about data"

    def build(self, user: str, command: str, n: int, offset: float, port: int) -> Request:
        channel = f"D{user}"
        response_url = self.double.new_response_url(channel=channel, user_id=user)
        form = {
            "token": "verification-token-unused",
            "team_id": TEAM,
            "team_domain": self.signer.team_domain,
            "channel_id": channel,
            "channel_name": "directmessage",
            "user_id": user,
            "user_name": user.lower(),
            "command": command,
            "text": self.text_for(command, n),
            "api_app_id": "A0001",
            "is_enterprise_install": "false",
            "response_url": response_url,
            "trigger_id": f"{n}.{int(time.time())}.trigger",
        }
        body = urllib.parse.urlencode(form).encode()
        headers = {
            "Host": f"127.0.0.1:{port}",
            "Content-Type": "application/x-www-form-urlencoded",
            "Content-Length": str(len(body)),
            **self.signer.sign(body),
        }
        head = "POST /slack/events HTTP/1.0\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        return Request(command, offset, response_url, head.encode() + b"\r\n" + body)

    def schedule(self, user: str, rate: float, seconds: float, port: int) -> list[Request]:
        count = max(1, round(rate * seconds))
        return [self.build(user, MIX[i % len(MIX)], i, i / rate, port) for i in range(count)]


async def send(port: int, request: Request) -> None:
    request.sent = time.perf_counter()
    writer = None
    try:
        async with asyncio.timeout(ACK_TIMEOUT_S):
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(request.data)
            raw = await reader.read()  # HTTP/1.0: the server closes after its answer
        request.acked = time.perf_counter()
    except TimeoutError:
        request.error = "ack_timeout"
        return
    except OSError as exc:
        request.error = type(exc).__name__
        return
    finally:
        if writer is not None:
            writer.close()
    head, _, body = raw.partition(b"\r\n\r\n")
    try:
        request.status = int(head.split(b" ", 2)[1])
    except (IndexError, ValueError):
        request.error = "bad_http_answer"
        return
    if request.status == 200 and body.strip():
        # Slack shows a non-empty ack body as the reply: a message as JSON, or plain text (Bolt's ack("…")).
        try:
            answer = json.loads(body)
        except ValueError:
            answer = None
        if isinstance(answer, dict) and ("text" in answer or "blocks" in answer):
            request.ack_reply = answer
        else:
            request.ack_reply = {"text": body.decode("utf-8", "replace")}


async def fire(port: int, requests: list[Request]) -> None:
    """Send each request at its due time (open loop: never waits for an answer before the next)."""
    start = time.perf_counter() + 0.05
    tasks = []
    for request in requests:
        request.due = start + request.offset
        delay = request.due - time.perf_counter()
        await asyncio.sleep(max(delay, 0))
        tasks.append(asyncio.create_task(send(port, request)))
    await asyncio.gather(*tasks)


def drain(requests: list[Request], watch: ReplyWatch, deadline: float) -> None:
    """Wait until every acknowledged request that has no reply in its ack got its response_url post."""
    waiting = [r for r in requests if r.status == 200 and r.ack_reply is None]
    while time.perf_counter() < deadline:
        waiting = [r for r in waiting if r.response_url not in watch.arrivals]
        if not waiting:
            return
        time.sleep(0.05)


def run_phase(port: int, requests: list[Request], watch: ReplyWatch, drain_s: float) -> tuple[dict, dict]:
    load_before = round(os.getloadavg()[0], 1)
    calls_before = len(watch.double.calls)
    gc.collect()
    gc.disable()  # a full collection of this process (the double's records) would delay the generator
    try:
        wall, cpu = time.perf_counter(), time.process_time()
        asyncio.run(fire(port, requests))
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        drain(requests, watch, time.perf_counter() + drain_s)
    finally:
        gc.enable()
    e2e_row, ack_row = summarize_phase(requests, watch)
    # The generator, the double and the watcher share this process: what they took of the machine.
    e2e_row["bench_process_cpu_pct"] = round(100 * cpu / wall, 1)
    # Other jobs on the machine skew every number: the 1-minute load average when the phase began.
    e2e_row["load_average_before"] = load_before
    methods = Counter(call.method for call in watch.double.calls[calls_before:])
    e2e_row["web_api_calls"] = dict(sorted(methods.items()))
    return e2e_row, ack_row


def warm_up(port: int, commands: Commands, user: str, watch: ReplyWatch) -> dict[str, dict[str, int]]:
    """A few of each command one at a time (imports, pools, the user's contact index); how each replied."""
    paths: dict[str, dict[str, int]] = {c: defaultdict(int) for c in COMMANDS}
    for i in range(WARMUP_EACH * len(COMMANDS)):
        command = COMMANDS[i % len(COMMANDS)]
        request = commands.build(user, command, 1_000_000 + i, 0.0, port)
        asyncio.run(send(port, request))
        drain([request], watch, time.perf_counter() + 10)
        if request.ack_reply is not None:
            paths[command]["ack"] += 1
        elif request.response_url in watch.arrivals:
            paths[command]["response_url"] += 1
        else:
            paths[command]["none"] += 1
    return {c: dict(seen) for c, seen in paths.items()}


def mostly_in_ack(paths: dict[str, dict[str, int]]) -> list[str]:
    """The commands that answered in the ack more often than not."""
    return [c for c, seen in paths.items() if seen.get("ack", 0) * 2 > sum(seen.values())]


def measure(
    kind: str,
    rates: list[int],
    contacts: int,
    seconds: float,
    drain_s: float,
    workdir: Path,
    log_dir: Path,
    workers: int,
) -> dict:
    secret = secrets.token_hex(16)
    double = SlackDouble().start()
    db_url, drop = new_database(kind, workdir)
    users = [f"UE2E{i:03d}" for i in range(len(rates))]
    db = Database(db_url)
    for user in users:
        double.add_user(user, name=user.lower(), real_name="Bench User", tz="UTC")
        seed_contacts(db, TEAM, user, contacts, dt.date.today())
    with db.transaction() as s:
        names = list(s.scalars(select(Contact.name).where(Contact.user_id == users[0]).order_by(Contact.id)))
    if not db.is_sqlite:
        with db.engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT").execute(text("VACUUM ANALYZE"))
    db.dispose()
    watch = ReplyWatch(double)
    watch.start()
    bot_log, bare_log = log_dir / f"warmcall-{kind}.log", log_dir / f"bare-{kind}.log"
    bot_proc, bot_url = start_warmcall(db_url, double.url, secret, log_path=bot_log, workers=workers)
    bare_proc = None
    try:
        wait_ready(bot_url, bot_proc)
        bot_port = int(bot_url.rsplit(":", 1)[1])
        signer = SlackRequester(bot_url + "/slack/events", secret, TEAM)
        commands = Commands(signer, double, names)  # every user was seeded alike: same names
        paths = warm_up(bot_port, commands, users[0], watch)
        # The baseline replies the way Warmcall was seen to: through response_url unless in the ack.
        via = [c for c in COMMANDS if c not in mostly_in_ack(paths)]
        bare_proc, bare_url = start_bare(double.url, secret, reply_via_response_url=via, log_path=bare_log)
        wait_ready(bare_url, bare_proc)
        bare_port = int(bare_url.rsplit(":", 1)[1])
        bare_paths = warm_up(bare_port, commands, users[0], watch)
        e2e_rows, ack_rows = [], []
        for rate, user in zip(rates, users, strict=True):
            if user != users[0]:
                warm_up(bot_port, commands, user, watch)
            row, ack_row = {"rate": rate}, {"rate": rate}
            for target, port in (("bare", bare_port), ("warmcall", bot_port)):
                requests = commands.schedule(user, rate, seconds, port)
                waited = settle([bot_proc.pid, bare_proc.pid], timeout=drain_s)
                row[target], ack_row[target] = run_phase(port, requests, watch, drain_s)
                row[target]["settled_before_s"] = waited
            bare_p99, ours_p99 = row["bare"]["p99_ms"], row["warmcall"]["p99_ms"]
            row["ratio_p99"] = round(ours_p99 / bare_p99, 2) if ours_p99 and bare_p99 else None
            e2e_rows.append(row)
            ack_rows.append(ack_row)
        first_slow = first_slow_rate(e2e_rows)
        at_target = next((r for r in e2e_rows if r["rate"] == TARGET_RATIO_AT), None)
        targets = {
            f"e2e_p99_at_{TARGET_RATIO_AT}_le_{TARGET_RATIO:g}x_bare": ratio_target(at_target),
            f"e2e_p99_le_{SLOW_MS:g}ms_up_to_{TARGET_FIRST_SLOW_RATE}_per_s": fast_up_to_target(e2e_rows),
        }
        app_log = {"warmcall": log_summary(bot_log), "bare": log_summary(bare_log)}
        return {
            "database": kind,
            "contacts": contacts,
            "reply_path_seen_in_warmup": paths,
            "bare_reply_path_seen_in_warmup": bare_paths,
            "e2e": e2e_rows,
            "ack": ack_rows,
            "ratio_e2e_p99": {str(r["rate"]): r["ratio_p99"] for r in e2e_rows},
            "first_rate_e2e_p99_over_250ms": first_slow,
            "highest_rate_tested": max(rates),
            "targets": targets,
            "checks": checks(kind, e2e_rows, ack_rows, app_log["warmcall"], targets),
            "app_log": app_log,
        }
    finally:
        watch.halt()
        for proc in (bot_proc, bare_proc):
            if proc is not None:
                stop(proc)
        double.stop()
        drop()


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="two rates, 2 s each, for CI")
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument(
        "--rates", help="comma-separated commands per second (default 25,50,100,200,300,400,600)"
    )
    parser.add_argument("--seconds", type=float, help="seconds per rate and target (default 10; quick 2)")
    parser.add_argument("--contacts", type=int, default=1000)
    parser.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        help="Warmcall's HTTP worker processes (default: one per core, as the README advises)",
    )
    parser.add_argument("--log-dir", type=Path, help="keep the apps' logs here (default: removed at the end)")
    parser.add_argument("--drain", type=float, help="seconds to wait for late replies (default 30; quick 5)")
    args = parser.parse_args(argv)
    rates = (
        [int(r) for r in args.rates.split(",")]
        if args.rates
        else list(QUICK_RATES if args.quick else FULL_RATES)
    )
    rates.sort()
    seconds = args.seconds or (2.0 if args.quick else 10.0)
    drain_s = args.drain or (5.0 if args.quick else 30.0)
    kinds = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    # Open loop: hundreds of connections can be in flight at once.
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    with tempfile.TemporaryDirectory() as tmp:
        log_dir = args.log_dir or Path(tmp)
        log_dir.mkdir(parents=True, exist_ok=True)
        runs = [
            measure(k, rates, args.contacts, seconds, drain_s, Path(tmp), log_dir, args.workers)
            for k in kinds
        ]
    result = {
        "benchmark": "e2e",
        "machine": f"{os.cpu_count()} cores",
        "warmcall_workers": args.workers,
        "quick": args.quick,
        "seconds_per_rate": seconds,
        "mix": {"/met": 0.4, "/prep": 0.3, "/called": 0.3},
        "rates": rates,
        "ratio_e2e_p99": {r["database"]: r["ratio_e2e_p99"] for r in runs},
        "first_rate_e2e_p99_over_250ms": {r["database"]: r["first_rate_e2e_p99_over_250ms"] for r in runs},
        "targets": {r["database"]: r["targets"] for r in runs},
        "checks": [c for r in runs for c in r.pop("checks")],
        "runs": runs,
        "bench_process_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    emit(result)
    return result


if __name__ == "__main__":
    main()
