"""Numbers about a user's own activity, shared by the digest footer and App Home: pure arithmetic on
logged (date, outcome) pairs; bot.services.stats reads them from the database."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from bot.domain.vocabulary import UNANSWERED, Outcome
from bot.domain.work_calendar import holiday_name

CALL_OUTCOMES = tuple(o.value for o in Outcome)
STREAK_LOOKBACK_DAYS = 400


def streak_from_days(
    logged: set[dt.date],
    today: dt.date,
    nudge_days: frozenset[int],
    holidays: str | None = None,
    *,
    digest_days: set[dt.date] | None = None,
    digests_known_since: dt.date | None = None,
) -> int:
    """Consecutive nudge days, counting back from today, with at least one logged call.

    Today counts when a call is already logged, but an empty today does not break the streak (the
    digest arrives in the morning, before the day's calls). Days that are not nudge days are skipped,
    and so are the public holidays of the region `holidays` (no digest asked for a call on them).
    With `digest_days` (the days a digest went out), a nudge day without a call breaks the streak
    only when a digest asked for one: on a day nobody was due there was no call to make. Before
    `digests_known_since` (digests are kept for a while, not for ever) every nudge day counts again.
    """

    def counts(day: dt.date) -> bool:
        return day.weekday() in nudge_days and holiday_name(holidays, day) is None

    def asked(day: dt.date) -> bool:
        if digest_days is None or (digests_known_since is not None and day < digests_known_since):
            return True
        return day in digest_days

    streak = 1 if today in logged and counts(today) else 0
    day = today - dt.timedelta(days=1)
    for _ in range(STREAK_LOOKBACK_DAYS):
        if counts(day):
            if day in logged:
                streak += 1
            elif asked(day):
                break
        day -= dt.timedelta(days=1)
    return streak


# ---------------------------------------------------------------------------------------------------
# App Home stats (SPEC §10): pure functions of (local date, outcome) pairs and the user's local today
# ---------------------------------------------------------------------------------------------------

# "Reached" means you got the person: a talk, a booked meeting, a "not now" or a "no" all count.
REACHED_OUTCOMES = frozenset({Outcome.REACHED, Outcome.MEETING, Outcome.LATER, Outcome.NO})
# Attempts that end without a welcome: nobody answered (a busy line included), or they declined. A
# wrong number is neither: it says nothing about how people take your calls, so it is not reached and
# not counted against you.
BAD_OUTCOMES = frozenset({Outcome.VOICEMAIL, Outcome.NO_ANSWER, Outcome.BUSY, Outcome.NO})
MIX_DAYS = 30
RECENT_ATTEMPTS = 10  # the "most recent attempts" the R4 note looks at
R4_MIN_ATTEMPTS = 5  # too few calls say nothing about the approach
BAR_WIDTH = 12

R4_NOTE = (
    "Most of your latest calls didn't turn into a conversation. That is normal, not a verdict on you: "
    "people are in meetings, driving, or let unknown numbers ring out. Leave a short message (your name, "
    "where you met, how to reach you), note when to try again, and move on to the next name. It is only "
    "worth rethinking your approach if nearly everyone you *do* reach turns you down."
)


@dataclass(frozen=True)
class CallStats:
    """What App Home shows about a user's calls, all counted on the user's local dates."""

    today: dt.date
    this_week: int  # Monday to today
    this_month: int  # the 1st to today
    attempts: int  # in the last MIX_DAYS days, today included
    reached: int
    mix: tuple[tuple[Outcome, int], ...]  # outcome counts over MIX_DAYS, largest first, zeros left out
    streak: int
    discouraged: bool  # most recent attempts ended badly: show the R4 note

    @property
    def reach_rate(self) -> float | None:
        return self.reached / self.attempts if self.attempts else None


def week_start(today: dt.date) -> dt.date:
    return today - dt.timedelta(days=today.weekday())


def month_start(today: dt.date) -> dt.date:
    return today.replace(day=1)


def mix_start(today: dt.date) -> dt.date:
    return today - dt.timedelta(days=MIX_DAYS - 1)


def stats_window_start(today: dt.date) -> dt.date:
    """The earliest local date `stats_from` looks at."""
    return min(week_start(today), month_start(today), mix_start(today))


def stats_from(logs: list[tuple], today: dt.date, streak: int = 0) -> CallStats:
    """Stats from (local date, outcome[, contact id]) tuples. Non-call entries (snooze, let go…) and
    dates after `today` are ignored; "recent" means newest by date (ties keep the given order, newest
    first). With contact ids, unanswered tries count once per contact per day (SPEC §12): five
    voicemails to one person on one afternoon are one try."""
    calls = []
    tried: set[tuple] = set()
    for entry in logs:
        on, o = entry[0], entry[1]
        if o not in CALL_OUTCOMES or on > today:
            continue
        if len(entry) > 2 and o in UNANSWERED:
            if (entry[2], on) in tried:
                continue
            tried.add((entry[2], on))
        calls.append((on, Outcome(o)))
    calls.sort(key=lambda pair: pair[0], reverse=True)
    week, month, mixed = week_start(today), month_start(today), mix_start(today)
    last_30 = [o for on, o in calls if on >= mixed]
    counts = Counter(last_30)
    order = list(Outcome)
    mix = tuple(sorted(counts.items(), key=lambda item: (-item[1], order.index(item[0]))))
    recent = last_30[:RECENT_ATTEMPTS]
    bad = sum(1 for o in recent if o in BAD_OUTCOMES)
    return CallStats(
        today=today,
        this_week=sum(1 for on, _ in calls if on >= week),
        this_month=sum(1 for on, _ in calls if on >= month),
        attempts=len(last_30),
        reached=sum(1 for o in last_30 if o in REACHED_OUTCOMES),
        mix=mix,
        streak=streak,
        discouraged=len(recent) >= R4_MIN_ATTEMPTS and bad * 2 > len(recent),
    )


def outcome_bars(mix: tuple[tuple[Outcome, int], ...], width: int = BAR_WIDTH) -> str:
    """A compact monospace bar chart, one line per outcome (`reached    ██████ 3`); "" when empty."""
    if not mix:
        return ""
    top = max(count for _, count in mix)
    label_width = max(len(o.value) for o, _ in mix)
    lines = []
    for outcome, count in mix:
        bar = "█" * max(1, round(count * width / top))
        lines.append(f"{outcome.value.ljust(label_width)} {bar} {count}")
    return "\n".join(lines)
