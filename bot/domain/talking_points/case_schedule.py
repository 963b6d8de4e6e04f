"""When the next nudge comes, from the case (SPEC §14): a thing to deliver is nudged before their
date, never on it; a new contact's first follow-up waits for a time they set. Split from `case`."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from bot.domain.cadence import FollowUp, NudgeDays, add_business_days, last_nudge_day, next_nudge_day
from bot.domain.dates import days_spelled
from bot.domain.talking_points.case import Deliverable, read_case
from bot.domain.talking_points.case_timing import decision_noun


def deliver_follow_up(
    notes: str | None,
    on: date,
    nudge_days: NudgeDays,
    met_notes: str | None = None,
    met_on: date | None = None,
) -> tuple[date, str, Deliverable] | None:
    """When a call's notes hand the user something to deliver, the next follow-up (SPEC §14): a
    working day before the contact's date, never on it (and not before the next working day); with
    no date, two working days on (deliver it, then a short call once they have had it). A dated ask
    from meeting them that is still open counts too ("needs a quote by Wed 23 Dec", then a call that
    says "23rd still the deadline"). None when nothing is to be delivered."""
    found = read_case(None, None, notes, on, on).deliver if notes else None
    if found is None and met_notes:
        found = read_case(met_notes, met_on, notes, on, on).deliver
        if found is not None and not (found.theirs and found.by and found.by > on):
            found = None  # an undated ask from meeting them keeps the usual rhythm
    if found is None:
        return None
    soonest = add_business_days(on, 1, nudge_days)
    if found.by and found.by > on:
        # at least a working day before their date, and no later than two working days on: the thing
        # goes out while it is fresh, with time left before their date
        before = last_nudge_day(found.by - timedelta(days=1), nudge_days)
        day = max(min(before, add_business_days(on, 2, nudge_days)), soonest)
        when = f"{found.by:%a} {found.by.day} {found.by:%b}"
        return day, f"well before their date ({when}), so {found.thing} reaches them in time", found
    seeing = found.thing.removeprefix("a chance to see ")
    first = (
        f"to fix a time for them to see {seeing}"
        if seeing != found.thing
        else f"to get {found.thing} to them first"
    )
    return add_business_days(on, 2, nudge_days), f"two working days, {first}", found


def with_their_time(
    usual: FollowUp,
    notes: str | None,
    met_on: date,
    today: date,
    nudge_days: NudgeDays,
    day_first: bool | None = None,
) -> FollowUp:
    """A new contact's first follow-up, held back to a time the notes say they set ("swamped until
    mid-January", "don't ring before the 11th"): never a nudge before it (SPEC §14). Numeric days are
    read in the user's order (`day_first`), as the prep reads them."""
    if not notes or usual.next_due is None:
        return usual
    notes = days_spelled(notes, today, day_first)
    case = read_case(notes, met_on, None, None, today)
    if case.wait_until is None or case.wait_until <= usual.next_due:
        return usual
    day = next_nudge_day(case.wait_until, nudge_days)
    return replace(usual, next_due=day, reason=f"your notes say {case.wait_words}")


def before_their_decision(
    due: date | None,
    notes: str | None,
    met_on: date | None,
    on: date,
    nudge_days: NudgeDays,
    call_notes: str | None = None,
) -> tuple[date, str] | None:
    """A decision day or deadline of theirs that the notes from meeting them, or this call's, give
    ("the committee picks a supplier on Tue 22 Dec", "tender closes 8 Jan") and that the next
    follow-up would reach only on the day or after it: the call comes two working days before it, to
    help them get there (SPEC §14), never before the next working day. None when it changes nothing."""
    if due is None or not (notes or call_notes):
        return None
    case = read_case(notes if met_on else None, met_on, call_notes, on if call_notes else None, on)
    decision = case.decision_on
    if case.wait_until is not None:
        return None  # "ring her after that": they said when, and it is not before the decision
    if decision is None or decision <= on or due < decision:
        return None
    day = max(last_nudge_day(decision - timedelta(days=2), nudge_days), add_business_days(on, 1, nudge_days))
    if day >= due or day >= decision:
        return None
    what = decision_noun(case.decision_words).removeprefix("the ")
    return day, f"before their {what} on {decision:%a} {decision.day} {decision:%b}"
