"""SendPacer (bot/delivery/pacer.py): how the dispatcher keeps under a rate limit it learns from 429s.

The pacer reads time only through the clock it is given; these tests drive a manual one, so nothing
sleeps and every instant is exact.
"""

from __future__ import annotations

import pytest

from bot.delivery.pacer import ManualMonotonic, SendPacer


def limited_at(observed: int, clock: ManualMonotonic) -> SendPacer:
    """A pacer that saw `observed` posts succeed in the last second, then a 429 with no wait."""
    pacer = SendPacer(clock=clock)
    for _ in range(observed):
        pacer.succeeded()
    pacer.rate_limited(0.0)
    return pacer


def test_unlimited_until_the_first_429():
    clock = ManualMonotonic()
    pacer = SendPacer(clock=clock)
    assert [pacer.reserve() for _ in range(100)] == [0.0] * 100
    started = clock.monotonic()
    for _ in range(100):
        pacer.admit()
    assert clock.monotonic() - started < 0.1


def test_after_a_429_posts_are_spaced_under_what_got_through():
    pacer = limited_at(50, ManualMonotonic())
    waits = [pacer.reserve() for _ in range(5)]
    gaps = [b - a for a, b in zip(waits, waits[1:], strict=False)]
    assert all(abs(gap - 1 / 46) < 0.005 for gap in gaps), gaps  # 92% of 50 a second


def test_after_a_429_no_more_than_four_under_the_observed_count_leave_in_any_second():
    clock = ManualMonotonic()
    pacer = limited_at(50, clock)
    started = clock.monotonic()
    for _ in range(46):
        pacer.admit()
    assert clock.monotonic() - started < 0.2
    pacer.admit()  # the 47th waits for the first to leave the window
    assert clock.monotonic() - started >= 0.95


def test_after_a_429_every_second_holds_at_most_the_window_cap():
    clock = ManualMonotonic()
    pacer = limited_at(50, clock)
    left = []
    for _ in range(46 * 3 + 1):
        pacer.admit()
        left.append(clock.monotonic())
    assert max(sum(1 for t in left if start <= t < start + 1.0) for start in left) == 46


def test_refusals_of_posts_already_in_flight_do_not_lower_the_rate_again():
    clock = ManualMonotonic()
    pacer = SendPacer(clock=clock)
    for _ in range(50):
        pacer.succeeded()
    pacer.rate_limited(1.0)
    for _ in range(7):  # the other workers' posts that left before the first 429 came back
        pacer.rate_limited(1.0)
    first, second = pacer.reserve(), pacer.reserve()  # a one-second Retry-After is waited out
    assert first is not None and second is not None and first > 0.9
    assert abs((second - first) - 1 / 46) < 0.005


def test_nothing_leaves_before_retry_after_then_the_pace_holds():
    clock = ManualMonotonic()
    pacer = SendPacer(clock=clock)
    for _ in range(50):
        pacer.succeeded()
    pacer.rate_limited(1.0)
    assert pacer.gate() == 1.0
    clock.advance(0.5)
    assert pacer.reserve() == 0.5  # still inside Retry-After: wait out the rest
    clock.advance(0.5)
    assert pacer.gate() == pytest.approx(1 / 46)  # the next post one paced slot later


def test_a_long_retry_after_gives_the_claim_back():
    pacer = SendPacer(clock=ManualMonotonic())
    pacer.succeeded()
    pacer.rate_limited(30.0)
    assert pacer.reserve() is None  # ...but not a long one: the claim goes back to the database
