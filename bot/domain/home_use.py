"""When App Home counts as in use (SPEC §10): opened, or a button pressed on it, in the last 15 minutes.
While it is, a change re-publishes it at once; otherwise the next visit renders it fresh."""

from __future__ import annotations

import datetime as dt

HOME_IN_USE = dt.timedelta(minutes=15)


def in_use(seen_at: dt.datetime | None, now: dt.datetime) -> bool:
    """`seen_at`: the stored naive-UTC instant Home was last seen; `now`: any aware or naive-UTC instant."""
    if seen_at is None:
        return False
    if now.tzinfo is not None:
        now = now.astimezone(dt.UTC).replace(tzinfo=None)
    return now - seen_at <= HOME_IN_USE
