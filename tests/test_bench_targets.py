"""The benchmarks' targets (issue 31): a flag is true only when the thing was measured at the rate or
size it names and met it; a rate not run is "not measured"; bench/run_all.py fails CI on a missed
correctness target only."""

from __future__ import annotations

from bench.e2e_summary import fast_up_to_target, ratio_target
from bench.harness import CORRECTNESS, SPEED, check
from bench.run_all import missed_correctness, table


def rows(*p99_by_rate: tuple[int, float | None]) -> list[dict]:
    return [{"rate": rate, "warmcall": {"p99_ms": p99}} for rate, p99 in p99_by_rate]


def test_the_250_ms_target_is_not_measured_when_300_per_s_was_not_run():
    assert fast_up_to_target(rows((100, 20.0), (200, 30.0))) is None


def test_the_250_ms_target_is_missed_when_the_app_is_saturated_at_300_per_s():
    assert fast_up_to_target(rows((100, 20.0), (300, 2300.0))) is False
    assert fast_up_to_target(rows((100, 20.0), (300, None))) is False  # over 1% unanswered: no p99


def test_the_250_ms_target_is_met_up_to_300_per_s_whatever_happens_above():
    assert fast_up_to_target(rows((100, 20.0), (300, 240.0), (400, 5000.0))) is True


def test_the_ratio_target_is_not_measured_without_its_rate_or_a_baseline():
    assert ratio_target(None) is None
    assert ratio_target({"bare": {"p99_ms": None}, "ratio_p99": None}) is None
    assert ratio_target({"bare": {"p99_ms": 20.0}, "ratio_p99": None}) is False  # ours unanswered
    assert ratio_target({"bare": {"p99_ms": 20.0}, "ratio_p99": 2.9}) is True


def test_only_a_missed_correctness_target_fails_the_run():
    found = [
        ("e2e.py", check("no_reply_twice_at_300_per_s", CORRECTNESS, True, "sqlite")),
        ("e2e.py", check("e2e_p99_at_100_le_3x_bare", SPEED, False, "sqlite")),
        ("prep.py", check("server_side_p50_under_100ms_at_10000", SPEED, None, "sqlite")),
        ("search.py", check("ran", CORRECTNESS, None)),
    ]
    assert missed_correctness(found) == []
    lost = ("digest.py", check("zero_lost_zero_duplicates", CORRECTNESS, False, "postgresql"))
    assert missed_correctness([*found, lost]) == ["digest.py zero_lost_zero_duplicates (postgresql)"]
    assert table([*found, lost]).splitlines()[-1] == (
        "targets: 1 met, 2 missed (1 of correctness), 2 not measured"
    )
