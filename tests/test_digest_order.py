"""The digest's order (SPEC §8, §12): among promises, the latest one leads."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from bot.domain.digest_view import chosen_of

DAY = dt.date(2026, 11, 26)


def _row(cid: int, **fields) -> SimpleNamespace:
    base = dict(
        id=cid,
        name=f"P{cid}",
        company=None,
        stage="active",
        next_due=DAY - dt.timedelta(days=13),
        met_on=DAY - dt.timedelta(days=20),
        let_go_asked=False,
        promise=None,
        promise_done=False,
        promise_due=None,
        last_outcome=None,
        referred_by=None,
        notes=None,
        event=None,
        latest_due=None,
    )
    return SimpleNamespace(**(base | fields))


def test_a_promise_nine_days_late_comes_before_one_due_on_friday():
    due_friday = _row(1, promise="send the deck", promise_due=DAY + dt.timedelta(days=1))
    late = _row(2, promise="send the article", promise_due=DAY - dt.timedelta(days=9), next_due=DAY)
    plain = _row(3, next_due=DAY - dt.timedelta(days=30))
    assert [c.id for c in chosen_of([due_friday, late, plain], DAY, 5)] == [2, 1, 3]
