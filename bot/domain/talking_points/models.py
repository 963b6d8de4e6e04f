"""What the talking-points engine reads and returns: a contact's facts, the user's offers and the
reasons, talking points and sources it gives back. Split from `facts` (which re-exports them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from bot.domain.playbook import Reassurance
from bot.domain.vocabulary import Stage

# ---------------------------------------------------------------------------------------------------
# Inputs and outputs


@dataclass(frozen=True)
class ContactFacts:
    id: int
    name: str
    company: str | None = None
    role: str | None = None
    event: str | None = None
    met_on: date | None = None
    notes: str | None = None
    promise: str | None = None
    promise_due: date | None = None
    promise_done: bool = False  # the promise is closed (kept or dropped): it never shows again
    referred_by: str | None = None  # the REFERRER: a warm lead you have not spoken to yet
    stage: Stage = Stage.NEW
    last_outcome: str | None = None
    last_contact_on: date | None = None
    unanswered_streak: int = 0
    email: str | None = None
    phone: str | None = None
    introducer: str | None = None  # "via X": who introduced you. You HAVE met
    referrer_thanked: bool = False  # the user told the referrer how the first conversation went
    referrer_is_member: bool = False  # the referrer is a Slack member: a Thank button exists
    ever_reached: bool = False  # any reached call or held meeting in the whole history
    meeting_on: date | None = None  # a booked meeting's day
    meeting_confirmed: bool = False  # the user said it was held; False and past: ask once
    last_call_on: date | None = None  # the newest logged call outcome's day
    last_call_notes: str | None = None  # that call's notes, the user's own words
    earlier_call_notes: str | None = None  # the conversation before a later one-way touch with notes
    earlier_call_on: date | None = None
    let_go_on: date | None = None  # when the contact was let go (stage let_go)
    phone_wrong: bool = False  # a call reached a wrong number: find the right one, or write
    tags: tuple[str, ...] = ()  # the contact's tags, lower-case, without "#"
    next_due: date | None = None  # when the next call is due
    latest_due: date | None = None  # the contact's cadence: past next_due up to this day, "slipping"


@dataclass(frozen=True)
class OfferFacts:
    id: int
    title: str
    url: str | None = None
    topics: tuple[str, ...] = ()
    ends_on: date | None = None  # an invitation's day: after it, never suggested


@dataclass(frozen=True)
class UserFacts:
    name: str
    phone: str | None = None
    email: str | None = None
    day_first: bool | None = None  # how their country writes "12/11": day first, month first, unknown


@dataclass(frozen=True)
class SourceRef:
    """Where a reason came from: kind is "offer", "contact", "note", "promise", "referrer" or "event"."""

    kind: str
    id: int | None = None
    excerpt: str | None = None


@dataclass(frozen=True)
class Reason:
    kind: str
    text: str
    why: str
    short: str  # the digest line
    entry_id: str  # which seeds entry worded it
    sources: tuple[SourceRef, ...] = ()

    @property
    def offer_id(self) -> int | None:
        return next((s.id for s in self.sources if s.kind == "offer"), None)

    @property
    def contact_id(self) -> int | None:
        return next((s.id for s in self.sources if s.kind == "contact"), None)


@dataclass(frozen=True)
class TalkingPoints:
    reason: Reason
    alternatives: tuple[Reason, ...]
    opener: str
    goal: str
    fallback: str
    voicemail: str
    reassurance: Reassurance
    gap_note: str | None
    days_since_contact: int | None
    # "Last call, Tue 1 Dec (you spoke). Your note: wants the case study", None without a logged call
    last_call: str | None = None
    # how they want to be reached, as the notes say it: "don't ring her before 3pm", "no small talk"
    heed: tuple[str, ...] = ()


DIGEST_LINE_MAX = 150


class OtherFacts(Protocol):
    """What introductions read of the other contacts: a ContactFacts, or any row with these fields
    (the digest passes its plain database rows, so 100 contacts per user cost no objects). `stage`
    may be the plain stored string: Stage is a StrEnum."""

    id: int
    name: str
    company: str | None
    role: str | None
    notes: str | None
    stage: str
    last_call_notes: str | None  # what the newest call said they do or have: "hosts groups of 40"
