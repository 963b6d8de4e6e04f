"""What a digest says: which contacts are due and in what order, as a plain view a renderer turns into a DM."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from bot.domain.dates import days_spelled
from bot.domain.rhythm import past_latest, status_words
from bot.domain.talking_points.case import asked_to_call, read_case
from bot.domain.talking_points.proposed import offered_slot
from bot.domain.vocabulary import DEFAULT_MAX_PER_DIGEST, MAX_PER_DIGEST_CAP, Stage

WARM_DAYS = 14  # a new contact met within this many days is "still warm"


class DueContact(Protocol):
    """The contact fields the digest reads (plain rows of storage.digests.DIGEST_FACT_COLUMNS)."""

    @property
    def id(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def company(self) -> str | None: ...
    @property
    def stage(self) -> str: ...
    @property
    def next_due(self) -> dt.date | None: ...
    @property
    def met_on(self) -> dt.date | None: ...
    @property
    def let_go_asked(self) -> bool: ...
    @property
    def promise(self) -> str | None: ...
    @property
    def promise_done(self) -> bool: ...
    @property
    def last_outcome(self) -> str | None: ...
    @property
    def referred_by(self) -> str | None: ...
    @property
    def notes(self) -> str | None: ...
    @property
    def event(self) -> str | None: ...


@dataclass(frozen=True)
class DigestItem:
    contact_id: int
    name: str
    company: str | None
    days_overdue: int
    reason: str
    dormant: bool
    # what the row can close (SPEC §12): an open promise, a past meeting to confirm, a referrer to thank
    promise_open: bool = False
    meeting_to_confirm: bool = False
    referrer_to_thank: str | None = None
    rhythm: str | None = None  # the contact's cadence: "slipping: overdue in 3 days", "overdue by 2 days"
    reason_kind: str | None = None  # the talking-points Reason.kind; None for a plain fallback line
    phone: str | None = None  # stored E.164; shown as dialled in DigestView.country
    phone_wrong: bool = False


@dataclass(frozen=True)
class DigestView:
    team_id: str
    user_id: str
    local_date: dt.date
    items: tuple[DigestItem, ...]
    total_due: int
    streak: int
    planned: tuple[tuple[str, str], ...] = ()  # (`📅 Thu 10:30`, name) of the day's planned calls
    country: str | None = None  # the user's, for showing phone numbers (contact_details.user_country)

    @property
    def more_due(self) -> int:
        return max(0, self.total_due - len(self.items))


Renderer = Callable[[DigestView], tuple[str, list[dict]]]  # (notification text, blocks)


def due_of(contacts: Sequence[DueContact], day: dt.date) -> list:
    """The contacts due on `day` and still nudged: not let go, and not a dormant contact a digest
    already asked about ("let go?" is asked once per dormant spell; App Home still lists it).
    One comprehension, no call per contact: a batch runs this over 10,000 rows."""
    let_go, dormant = Stage.LET_GO.value, Stage.DORMANT.value
    return [
        c
        for c in contacts
        if c.next_due is not None
        and c.next_due <= day
        and c.stage != let_go
        and not (c.let_go_asked and c.stage == dormant)
    ]


def fallback_reason(contact: DueContact) -> str:
    """A plain reason to call, for when the talking-points engine has none."""
    if contact.stage == Stage.LET_GO.value:
        return "You let them go: revive them if things have changed."
    if contact.promise and not contact.promise_done:
        return f"You said you would {contact.promise}: do it, and that is your reason to call."
    if contact.stage == Stage.DORMANT.value:
        return "Several tries without an answer: ask yourself whether to let go."
    if contact.last_outcome == "meeting":
        return "You had a meeting: call to agree the next step while it is fresh."
    if contact.referred_by and not getattr(contact, "ever_reached", False):
        return f"{contact.referred_by} referred them: mention that when you call."
    if contact.notes:
        clause = contact.notes.split(".")[0].split(";")[0].strip()
        return f"Pick up from your note: “{clause[:90]}”."
    if contact.event:
        return f"You met at {contact.event}: offer something useful from that conversation."
    return "Offer one useful thing: an article, a tool or an introduction that fits their work."


def _their_date(
    contact: DueContact, day: dt.date, day_first: bool | None = None
) -> tuple[int, dt.date] | None:
    """A day the contact named that makes today's call matter (SPEC §14, Rank): (0, day) for what they
    asked for by a date within ten days (or gone within the last two weeks), or a decision day just past
    or within ten days: a price wanted in five weeks does not push a promise due tomorrow down; (1, day)
    for what they asked for by a day more than two weeks gone and not sent: owed like a late promise."""
    notes, on = getattr(contact, "last_call_notes", None), getattr(contact, "last_call_on", None)
    met_notes, met_on = getattr(contact, "notes", None), getattr(contact, "met_on", None)
    if contact.last_outcome == "no" or not (notes and on or met_notes and met_on):
        return None
    earlier = getattr(contact, "earlier_call_notes", None), getattr(contact, "earlier_call_on", None)
    # "budget freeze on 12/24" in Tokyo is a day; "КП до 25.12" is one in any country
    notes, met_notes = days_spelled(notes, day, day_first), days_spelled(met_notes, day, day_first)
    earlier = days_spelled(earlier[0], day, day_first), earlier[1]
    case = read_case(met_notes, met_on, notes, on, day, *earlier)
    asked = case.deliver
    if asked and asked.theirs and asked.by and -14 <= (asked.by - day).days <= 10:  # not a date weeks off
        return 0, asked.by
    if case.decision_on and -14 <= (case.decision_on - day).days <= 10:  # a vote next week outranks overdue
        return 0, case.decision_on
    if asked and asked.theirs and asked.by and asked.by < day:  # "quote by Fri 11 Dec", a month on
        return 1, asked.by
    return None


def digest_rank(contact: DueContact, day: dt.date, day_first: bool | None = None) -> tuple:
    """Sort key of SPEC §8 and §14's Rank: a contact's own dated request first (their date soonest),
    then promised or meeting follow-ups, then still-warm new contacts (met within WARM_DAYS), then
    the most overdue: the furthest past its latest day when its cadence has one (bot.domain.rhythm),
    else past its due day; ties by id so the order is stable."""
    theirs = _their_date(contact, day, day_first)
    if theirs is not None:  # their day soon first; what they asked for long ago is owed like your word
        return (0, 0, theirs[1], contact.id) if theirs[0] == 0 else (1, 0, theirs[1], contact.id)
    promised = bool(contact.promise and not contact.promise_done)
    asked = contact.last_outcome in ("busy", "later", "reached") and asked_to_call(
        getattr(contact, "last_call_notes", None)
    )
    notes, on = getattr(contact, "last_call_notes", None) or "", getattr(contact, "last_call_on", None)
    asked = asked or bool(
        offered_slot(notes, contact.last_outcome, on, day)
    )  # "offered Mon 14 or Thu 17 Dec"
    if promised or contact.last_outcome == "meeting" or asked:  # "ring me next week": they are waiting
        # the latest promise first: one 9 days late comes before one due on Friday
        due = getattr(contact, "promise_due", None) if promised else None
        order = 0 if promised else 1 if contact.last_outcome == "meeting" else 2  # your word first
        return (1, order, due or contact.next_due, contact.id)
    if (
        contact.stage == Stage.NEW.value
        and contact.met_on
        and contact.met_on >= day - dt.timedelta(WARM_DAYS)
    ):
        group = 2
    else:
        group = 3
    return (group, 0, past_latest(contact.next_due, getattr(contact, "latest_due", None)), contact.id)


def chosen_of(
    due: Sequence[DueContact], day: dt.date, max_per_digest: int | None, day_first: bool | None = None
) -> list:
    """The due contacts one digest shows: ranked by digest_rank, at most the user's limit (1-10).
    Open promises always appear, but chores never fill a whole digest while someone else is due:
    one place at least is kept for a call with a reason of its own (SPEC §14)."""
    limit = max(1, min(max_per_digest or DEFAULT_MAX_PER_DIGEST, MAX_PER_DIGEST_CAP))
    keyed = sorted(((digest_rank(c, day, day_first), c) for c in due), key=lambda pair: pair[0])
    ranked = [c for _, c in keyed]
    # their own dates first, always: a request due Friday is never squeezed out by your chores
    urgent = [c for key, c in keyed if key[0] == 0][:limit]
    rest = [c for key, c in keyed if key[0] != 0]
    room = limit - len(urgent)
    chores = [c for c in rest if c.promise and not c.promise_done]
    others = [c for c in rest if not (c.promise and not c.promise_done)]
    if room <= 0:
        picked = []
    elif (
        not others or len(chores) < room or room == 1 or any(not c.promise or c.promise_done for c in urgent)
    ):
        picked = rest[:room]
    else:
        picked = chores[: room - 1] + others[:1]
    kept = {c.id for c in urgent} | {c.id for c in picked}
    return [c for c in ranked if c.id in kept]


def open_story(contact, day: dt.date) -> dict:
    """What is open in a contact's story on `day`, as DigestItem's flags. Reads a stored row (its
    meeting_state and referrer_thanked_on) or ContactFacts (meeting_confirmed, referrer_thanked);
    rows without the story columns have nothing open."""
    meeting_on = getattr(contact, "meeting_on", None)
    state = getattr(contact, "meeting_state", None)
    booked = (
        state == "booked"
        if state is not None or not hasattr(contact, "meeting_confirmed")
        else (not contact.meeting_confirmed)
    )
    referrer = getattr(contact, "referred_by", None)
    thanked = getattr(contact, "referrer_thanked_on", None) is not None or bool(
        getattr(contact, "referrer_thanked", False)
    )
    talked = bool(getattr(contact, "ever_reached", False))
    return {
        "promise_open": bool(
            getattr(contact, "promise", None) and not getattr(contact, "promise_done", False)
        ),
        # asked once (a digest asked): from then on it counts as held unless the user says otherwise
        "meeting_to_confirm": booked
        and meeting_on is not None
        and meeting_on < day
        and not getattr(contact, "meeting_asked", False),
        "referrer_to_thank": referrer if referrer and talked and not thanked else None,
    }


def view_of(
    team_id: str,
    user_id: str,
    day: dt.date,
    chosen: Sequence[DueContact],
    reasons: Mapping[int, str],
    *,
    total_due: int,
    streak: int,
    kinds: Mapping[int, str] | None = None,
) -> DigestView:
    """The digest of `chosen` (in that order), each with its reason (and the reason's kind, when the
    talking-points engine gave it) by contact id."""
    items = tuple(
        DigestItem(
            contact_id=c.id,
            name=c.name,
            company=c.company,
            days_overdue=(day - c.next_due).days,  # type: ignore[operator]  # due contacts have next_due
            reason=reasons[c.id],
            reason_kind=(kinds or {}).get(c.id),
            dormant=c.stage == Stage.DORMANT.value,
            rhythm=status_words(c.next_due, getattr(c, "latest_due", None), day),
            phone=getattr(c, "phone", None),
            phone_wrong=bool(getattr(c, "phone_wrong", False)),
            **open_story(c, day),
        )
        for c in chosen
    )
    return DigestView(team_id, user_id, day, items, total_due, streak)
