"""bench/e2e.py's reading of a run: each phase's end-to-end and ack rows, and its targets, speed
(reported) and correctness (what the user must always get: CI fails on a miss).
"""

from __future__ import annotations

import math
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from bench.harness import CORRECTNESS, SPEED, check, checks_of, percentile
from bot.testing.slackdouble.seen import ack_problems

if TYPE_CHECKING:
    from bench.e2e import ReplyWatch, Request

TARGET_RATIO_AT, TARGET_RATIO = 100, 3.0
SLOW_MS, TARGET_FIRST_SLOW_RATE = 250.0, 300
SLACK_ACK_WINDOW_S = 3.0


def ms(values: list[float], p: float) -> float | None:
    """Percentile in ms; None when it falls on an unanswered request."""
    value = percentile(values, p) if values else math.inf
    return None if math.isinf(value) else round(value * 1000, 2)


def refusal(reply: dict) -> str | None:
    """What a reply says when it is not an answer: "busy" (load shed), "apology" (an error), or None."""
    shown = str(reply.get("text") or "").lower()
    if "busy" in shown and "try again" in shown:
        return "busy"
    if "something went wrong" in shown:
        return "apology"
    return None


def summarize_phase(requests: list[Request], watch: ReplyWatch) -> tuple[dict, dict]:
    """(the end-to-end row, the ack row) for one target at one rate."""
    e2e, by_command = [], defaultdict(list)
    counts, errors = defaultdict(int), defaultdict(int)
    for r in requests:
        latency = math.inf
        arrival = watch.arrivals.get(r.response_url)
        reply = None
        if r.error or r.status != 200:
            counts["errors"] += 1
            errors[r.error or f"http_{r.status}"] += 1
        elif r.ack_reply is not None and r.acked - r.sent > SLACK_ACK_WINDOW_S:
            counts["ack_reply_too_late"] += 1  # Slack has given up on the request: nobody sees it
        elif r.ack_reply is not None:
            latency, reply = r.acked - r.sent, r.ack_reply
            counts["in_ack"] += 1
            counts["rejected_by_double"] += bool(ack_problems(r.ack_reply))  # Slack would not show it
            counts["also_posted"] += arrival is not None
        elif arrival is not None:
            latency, reply = arrival[0] - r.sent, arrival[1]["body"]
            counts["via_response_url"] += 1
            counts["rejected_by_double"] += arrival[1].get("status") != 200
        else:
            counts["missing"] += 1
        if reply is not None and (kind := refusal(reply)):
            counts[kind] += 1
        e2e.append(latency)
        by_command[r.command].append(latency)
    e2e.sort()
    acks = sorted(r.acked - r.sent for r in requests if r.acked)
    lags = sorted(max(r.sent - r.due, 0.0) for r in requests)
    sent = [r.sent for r in requests]
    span = max(sent) - min(sent)
    e2e_row = {
        "sent": len(requests),
        "achieved_rps": round((len(requests) - 1) / span, 1) if span else None,
        "p50_ms": ms(e2e, 50),
        "p99_ms": ms(e2e, 99),
        "max_ms": ms(e2e, 100),
        "p99_ms_by_command": {c: ms(sorted(v), 99) for c, v in sorted(by_command.items())},
        "replies": {k: counts[k] for k in ("in_ack", "via_response_url", "also_posted")},
        "replies_missing": counts["missing"],
        "ack_replies_after_3s": counts["ack_reply_too_late"],
        "errors": counts["errors"],
        "error_kinds": dict(sorted(errors.items())),
        "busy_replies": counts["busy"],
        "apologies": counts["apology"],
        "rejected_by_double": counts["rejected_by_double"],
        "schedule_lag_ms": {"p50": ms(lags, 50), "p99": ms(lags, 99), "max": ms(lags, 100)},
    }
    ack_row = {
        "p50_ms": ms(acks, 50),
        "p99_ms": ms(acks, 99),
        "max_ms": ms(acks, 100),
        "over_3s": sum(a > SLACK_ACK_WINDOW_S for a in acks),
        "unanswered": len(requests) - len(acks),
    }
    return e2e_row, ack_row


def ratio_target(row: dict | None) -> bool | None:
    """p99 within TARGET_RATIO of the bare app's at TARGET_RATIO_AT; None when that rate was not run
    (or the bare app had no p99 to compare with)."""
    if row is None or row["bare"]["p99_ms"] is None:
        return None
    return row["ratio_p99"] is not None and row["ratio_p99"] <= TARGET_RATIO


def fast_up_to_target(rows: list[dict]) -> bool | None:
    """p99 at most SLOW_MS at every rate run up to TARGET_FIRST_SLOW_RATE, that rate included; None
    when that rate was not run (a rate not run is not measured, never met)."""
    if not any(r["rate"] == TARGET_FIRST_SLOW_RATE for r in rows):
        return None
    p99s = [r["warmcall"]["p99_ms"] for r in rows if r["rate"] <= TARGET_FIRST_SLOW_RATE]
    return all(p is not None and p <= SLOW_MS for p in p99s)


def checks(kind: str, rows: list[dict], ack_rows: list[dict], app_log: dict, targets: dict) -> list[dict]:
    """The run's targets for bench/run_all.py: what the user must always get (correctness, at every
    rate) and how fast (speed, reported only)."""
    found = checks_of(targets, set(), kind)
    for row, ack_row in zip(rows, ack_rows, strict=True):
        ours, at = row["warmcall"], f"at_{row['rate']}_per_s"
        found += [
            check(f"every_command_answered_{at}", CORRECTNESS, ours["replies_missing"] == 0, kind),
            check(f"no_errors_nor_apologies_{at}", CORRECTNESS, not ours["errors"] + ours["apologies"], kind),
            check(f"no_reply_refused_by_double_{at}", CORRECTNESS, ours["rejected_by_double"] == 0, kind),
            check(f"no_reply_twice_{at}", CORRECTNESS, ours["replies"]["also_posted"] == 0, kind),
            check(f"acks_within_slacks_3s_{at}", SPEED, ack_row["warmcall"]["over_3s"] == 0, kind),
        ]
    found.append(check("no_errors_in_the_app_log", CORRECTNESS, app_log["errors"] == 0, kind))
    return found


def first_slow_rate(rows: list[dict]) -> int | None:
    for row in rows:
        p99 = row["warmcall"]["p99_ms"]
        if p99 is None or p99 > SLOW_MS:
            return row["rate"]
    return None


def log_summary(path: Path) -> dict:
    lines = path.read_text(errors="replace").splitlines() if path.exists() else []
    errors = [line for line in lines if " ERROR " in line or line.startswith("Traceback")]
    return {
        "errors": len(errors),
        "warnings": sum(" WARNING " in line for line in lines),
        "first_error": errors[0][:300] if errors else None,
    }
