"""Feedback on reasons to call (issue 30): "Useful / Not useful" under each reason, counted per reason
kind. Pure rules: what a button carries, which kinds rank lower for a user, and how a tally reads.

A press judges one reason kind for one contact on one day (the day of the digest or /prep it was
under): pressing again replaces the earlier verdict. The user who pressed is never in the value.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

DEMOTE_AFTER = 3  # "not useful" this many times (and more often than "useful") ranks a kind lower
SHOWN_KINDS = 4  # how many kinds a summary line names


class Surface(StrEnum):
    DIGEST = "digest"
    PREP = "prep"


# Each reason kind (bot.domain.playbook.REASON_KINDS) in the user's words, as a plural: "Useful for
# you: introductions (4 of 5)". A kind added later reads as its own name until it is given words here.
KIND_WORDS: dict[str, str] = {
    "let_go": "notes on people you let go",
    "meeting_ahead": "getting ready for booked meetings",
    "meeting_check": "checking a meeting happened",
    "meeting_followup": "follow-ups after a meeting",
    "call_next_step": "next steps from your calls",
    "referrer_thanks": "thanking whoever referred someone",
    "promised": "promises you made",
    "dormant_check": "asking whether to let go",
    "open_deal": "open deals",
    "referral": "referrals",
    "unanswered_streak": "new ways to reach people who don't answer",
    "intro": "introductions",
    "offer": "offers",
    "client_success": "client stories",
    "invite": "event invitations",
    "thread": "picking up where you left off",
    "lukewarm_gap": "reconnecting after a gap",
    "wrong_number": "fixing a wrong number",
    "not_yet": "waiting for the time they set",
    "asked": "what contacts asked you for",
    "decision_pending": "helping with a decision",
    "sent_followup": "following up on what you sent",
    "awaiting": "what they said they would send",
    "introducer_thanks": "thanking whoever introduced you",
}


def kind_words(kind: str) -> str:
    return KIND_WORDS.get(kind) or kind.replace("_", " ")


@dataclass(frozen=True)
class Vote:
    kind: str
    useful: bool


@dataclass(frozen=True)
class VoteTarget:
    """What one press judges: a reason kind, for one contact, under the digest or /prep of one day."""

    kind: str
    contact_id: int
    on: dt.date
    surface: Surface


# --- the button value -------------------------------------------------------------------------------

_KIND = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_MAX_ID = 2**31  # ids are 32-bit integers (PostgreSQL INTEGER)
_USEFUL, _NOT_USEFUL = "+", "-"


def button_value(target: VoteTarget, useful: bool) -> str:
    """'+|intro|42|2026-11-24|digest': at most ~70 characters (Slack allows 2000)."""
    verdict = _USEFUL if useful else _NOT_USEFUL
    return f"{verdict}|{target.kind}|{target.contact_id}|{target.on.isoformat()}|{target.surface.value}"


def read_button_value(value: object) -> tuple[VoteTarget, bool] | None:
    """The target and verdict of a button value, or None when it is not one of ours (a forged or
    stale value): every part is checked, nothing in it names a user."""
    if not isinstance(value, str) or len(value) > 100:
        return None
    parts = value.split("|")
    if len(parts) != 5:
        return None
    verdict, kind, contact, on, surface = parts
    if verdict not in (_USEFUL, _NOT_USEFUL) or not _KIND.match(kind) or not contact.isdigit():
        return None
    contact_id = int(contact)
    if not 0 < contact_id < _MAX_ID:
        return None
    try:
        day = dt.date.fromisoformat(on)
        where = Surface(surface)
    except ValueError:
        return None
    return VoteTarget(kind, contact_id, day, where), verdict == _USEFUL


# --- what the votes say -----------------------------------------------------------------------------


@dataclass(frozen=True)
class KindTally:
    kind: str
    useful: int
    total: int

    @property
    def not_useful(self) -> int:
        return self.total - self.useful

    @property
    def words(self) -> str:
        return kind_words(self.kind)


def tallies(votes: Iterable[Vote]) -> tuple[KindTally, ...]:
    """Votes counted per kind: the most useful first (by count, then share), ties by kind."""
    useful: dict[str, int] = {}
    total: dict[str, int] = {}
    for vote in votes:
        total[vote.kind] = total.get(vote.kind, 0) + 1
        useful[vote.kind] = useful.get(vote.kind, 0) + (1 if vote.useful else 0)
    found = [KindTally(kind, useful[kind], n) for kind, n in total.items()]
    return tuple(sorted(found, key=lambda t: (-t.useful, -t.useful / t.total, t.kind)))


def is_demoted(tally: KindTally) -> bool:
    return tally.not_useful >= DEMOTE_AFTER and tally.not_useful > tally.useful


def demoted_kinds(votes: Iterable[Vote]) -> frozenset[str]:
    """The reason kinds this user marked "not useful" at least DEMOTE_AFTER times, and more often than
    "useful": the talking-points ranking puts them after the other kinds for this user."""
    return frozenset(t.kind for t in tallies(votes) if is_demoted(t))


def _listed(found: list[KindTally]) -> str:
    return ", ".join(f"{t.words} ({t.useful} of {t.total})" for t in found[:SHOWN_KINDS])


def useful_line(counted: Iterable[KindTally]) -> str | None:
    """ "Useful for you: introductions (4 of 5), offers (2 of 2)", or None before any "useful"."""
    found = [t for t in counted if t.useful > 0 and not is_demoted(t)]
    return f"Useful for you: {_listed(found)}" if found else None


def less_useful_line(counted: Iterable[KindTally]) -> str | None:
    """The kinds that now rank lower: "Less useful for you: event invitations (0 of 3)"."""
    found = sorted((t for t in counted if is_demoted(t)), key=lambda t: (-t.not_useful, t.kind))
    return f"Less useful for you: {_listed(found)}" if found else None


def thanks_text(kind: str, useful: bool, demoted_now: bool) -> str:
    """The short answer to a press, only the presser sees it."""
    if useful:
        return f"Thanks — noted. {kind_words(kind).capitalize()} count as useful for you."
    if demoted_now:
        return (
            f"Thanks — noted. You've found {kind_words(kind)} not useful {DEMOTE_AFTER} times or more, "
            "so they'll come lower in your suggestions."
        )
    return "Thanks — noted. A reason like this marked not useful three times comes lower for you."
