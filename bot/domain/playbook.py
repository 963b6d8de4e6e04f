"""The playbook's model: seeds/*.toml as frozen dataclasses, and the names its files may use. Building
and checking it from parsed TOML is bot.domain.playbook_build; reading the files is
bot.services.playbook_files.

Every problem raises `PlaybookError` with one line naming the file, the entry and what to change.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.domain.pronouns import gendered
from bot.domain.vocabulary import Outcome, Stage, fold

REASON_KINDS = (
    "let_go",  # stage let_go: no call to make; says when, and that Revive brings them back
    "meeting_ahead",  # a booked meeting today or later: prepare for it, not a call to make
    "meeting_check",  # a booked meeting's day has passed unconfirmed: did it happen?
    "meeting_followup",  # a held meeting with no call since: send the recap and the next step
    "call_next_step",  # the newest call's notes name a next step ("wants the case study")
    "referrer_thanks",  # a referral you have now spoken to: tell the referrer how it went
    "promised",
    "dormant_check",
    "open_deal",
    "referral",
    "unanswered_streak",
    "intro",
    "offer",
    "client_success",
    "invite",
    "thread",
    "lukewarm_gap",
    "wrong_number",  # the phone reached a wrong number: find the right one, or write an e-mail
    "not_yet",  # the contact set a time that has not come: no call yet; what to have ready by then
    "asked",  # the contact asked for something (by a date): deliver it first, then a short call
    "decision_pending",  # a decision on a known day: help them decide, never "does it go ahead?" before
    "sent_followup",  # the last touch sent them something: ask whether it answers what they need
    "introducer_thanks",  # this contact introduced you to another: thank them, say how it is going
    "awaiting",  # the last call says THEY would send something ("she'll send photos"): has it come?
)

PLACEHOLDERS: frozenset[str] = frozenset(
    {
        "user_name",  # the Warmcall user
        "callback",  # how to reach the user: phone, else e-mail, else voicemail.toml callback_unknown
        "contact_name",
        "contact_first_name",
        "company",
        "role",
        "event",
        "met_when",  # "yesterday", "on Monday", "on 20 November", "in March 2025"
        "days_since",  # whole days since the last contact (or since meeting)
        "referrer",
        "introducer",  # "via X": who introduced you (you have met)
        "promise",  # an action: "send the deck", "introduce her to our CTO"; write "you said you would {promise}"
        "promise_spoken",  # the same, said to the contact: "introduce you to our CTO"
        "promise_who",  # the contact of yours who fits a name you promised: "Ġorġ Cassar"
        "promise_who_first",  # their first name
        "promise_who_why",  # why they fit, in the notes' words: "perit"
        "promise_due",  # only while not late: "due today", "due Fri", "due 3 Dec"
        "promise_late",  # only when late: "a day late", "3 days late"
        "offer_title",  # the offer's title as entered (for why lines; templates use offer_name)
        "offer_name",  # a short name for the offer: "the Northwind case study", "our hiring checklist"
        "offer_url",
        "matched",  # the note words an offer matched, as written in the notes
        "need",  # "hiring data engineers", "looking for a job"
        "other_name",  # the other contact in an introduction
        "other_company",
        "other_match",  # what makes the other contact relevant, in their notes' words
        "thread",  # a clause from the notes, something they said
        "thread_doing",  # a thread that says what they are doing: "migrating their data warehouse"
        "thread_doing_spoken",  # the same said to them: "migrating your data warehouse"
        "asked_them_for",  # what your last e-mail or message asked them for: "their last three energy bills"
        "asked_them_for_spoken",  # the same, said to them: "your last three energy bills"
        "their_thing",  # what the last call says they would send you: "the photos of the bin store"
        "their_thing_spoken",  # the same, said to them: "the photos of your bin store"
        "sent_thing",  # what the last touch sent them, said to the user: "your rate card for installs"
        "introduced_name",  # whom this contact introduced you to: "Paul Okafor"
        "introduced_first",  # that person's first name: "Paul"
        "thread_need",  # what the notes say they need: "temporary edge protection for three weeks"
        "thread_need_elsewhere",  # the same, when the notes say it is not something the user does
        "thread_need_unserved",  # the need, when the user has offers and none shares a word with it
        "ask_it",  # the thing asked for as a pronoun: "it" (a quote), "them" (3 apiary sites)
        "thread_heard",  # what the referrer told you of them: "his cheese export to Zurich was sent back"
        "thread_told",  # what a note says they told you, said back: "they only find out when a branch goes dark"
        "thread_told_spoken",  # the same said to them: "you only find out when a branch goes dark"
        "proposed_step",  # what the user's last e-mail, message or voicemail proposed: "a site survey"
        "proposed_step_spoken",  # the same, said to them: "the site survey"
        "proposed_by",  # "Your e-mail", "Your message", "Your voicemail"
        "thread_work",  # what a supplier wants more of: "installs out Paarl way", "January work"
        "thread_work_spoken",
        "next_step_spoken",  # the next step said to them: "book a lunch-and-learn for your team"
        "promise_for",  # the event a late promise was for, now past: "the party"
        "blocked_on",  # what you sent that must come back first: "your spec sheet" (can't quote without it)
        "thread_need_near",  # the user's offer whose own words share one with the need: "our thermography guide"
        "thread_plan",  # what they want or have to do: "bring twenty students to see the kit"
        "thread_plan_lead",  # "would like to", "has to", "plans to"
        "thread_worry",  # what bothers them: "whoever services the lifts now"
        "thread_worry_lead",  # "is not happy with", "is worried about"
        "thread_need_spoken",  # the need said to them: "temporary edge protection for your roof"
        "thread_need_elsewhere_spoken",
        "thread_name_asked",  # they asked whether you know someone: "a firm that does energy audits"
        "thread_name_asked_spoken",
        "thread_plan_spoken",  # "you'd like to bring your students to see the kit"
        "thread_invited",  # what they asked the user to do: "give a short talk at their winter breakfast"
        "thread_invited_spoken",  # the same said to them: "give a short talk at your winter breakfast"
        "thread_scope",  # work they asked whether you do: "do water", "supply CO2 cylinders"
        "thread_scope_spoken",
        "thread_problem",  # something broken or costly: "the glycol chiller on his fermenters ices up"
        "thread_problem_spoken",  # said to them: "the glycol chiller on your fermenters ices up"
        "thread_worry_spoken",  # "whoever services your lifts now"
        "sent_thing_spoken",  # what you sent, said to them: "our rate card for installs"
        "deal_note",  # the clause of the notes that shows a deal is open
        "meeting_when",  # "today", "tomorrow", "on Fri 4 Dec", "yesterday"
        "meeting_note",  # the note logged with the booked meeting: "walk round the laundry at 10h"
        "let_go_when",  # "today", "yesterday", "on 3 November"
        "next_step",  # an action from the last call's notes: "send the case study"
        "call_note",  # the last call's note, the user's own words
        "call_when",  # "today", "yesterday", "on Tuesday", "on 20 November"
        "matched_note",  # the part of the notes an offer matched: "rolling out a new client onboarding flow"
        "step_note",  # the words of the last call's note that name the next step: "wants the case study"
        "step_when",  # when that step is for, as the note says: "in January", "by Friday"
        "offers_named",  # little on file: the user's offers by name, "our scorecard or the Lumen case study"
        "wait_when",  # a time the contact set: "on Mon 11 Jan"
        "wait_day",  # the same day without "on": "Mon 11 Jan"
        "wait_note",  # the note's words for it: "not before 11 January"
        "later_default",  # a "later" with no day: "no day was named, so it waits the usual 90 days"
        "decision_when",  # the day of a pending decision: "on Tue 15 Dec"
        "decision_note",  # the note's words: "board decides on 15 Dec"
        "thread_need_ours",  # a need of what the user's offers are about (trade_of): theirs to meet
        "decision_what",
        "thread_help",  # what they offered to do for the user: "put you in touch with Eirik in Bergen"
        "thread_help_spoken",
        "thread_question",  # what they asked, said about them: "what she has to do to be legal"
        "thread_question_spoken",  # the same said to them: "what you have to do to be legal"
        "proof_asked",  # the proof they asked for: "proof you have done this for shops before"
        "invite_asked",  # the events they asked to hear of ("keep me posted on any MLRO events"): "MLRO events"
        "thread_query",  # little noted, but a question: "xray" from "vet. xray?"
        "invite_went",  # an invitation of yours they said yes to, now past: "the open morning"
        "invite_went_when",  # its day: "on Thu 17 Dec"
        "referrer_told",  # the referrer is telling them you will call: "is letting Nasser know you will call"
        "sent_invite",  # an invitation you sent, said to them: "our open day invite for Kai + Mali"
        "next_week",  # when to suggest a call: "next week", or "in the week of Mon 4 Jan" across Christmas
        "proposed_slot",  # days the user offered them to pick: "the Thu 17 Dec slot", "a slot on Mon 21 or Tue 22 Dec"  # the same said to them: "put me in touch with Eirik in Bergen"
        "callback_when",  # when they asked you to call back: "on Thu 10 Dec", "after Mon 14 Dec"
        "callback_day",  # the day they asked you to call back, now past: "Thu 10 Dec", "the week of 14 Dec"
        "callback_after",  # a call-back they asked for after a day that has now come: "after Mon 14 Dec"
        "invite_yes_name",  # the invitation they said yes to, by its short name
        "invite_yes",  # your note that they said yes to an invitation: "wants to come to the demo day with 2 students"
        "they_ring_when",  # when they said they would ring you: "after the 17th", "once the board has met"
        "ask_action",  # what the contact asked for, as an action: "send two customer references"
        "ask_thing",  # the thing itself: "two customer references"
        "ask_thing_spoken",  # the thing said to them: "the numbers from a grower your size"
        "ask_thing_bare",  # without its article: "site survey" for "a site survey"
        "ask_note",  # the note's words: "wants two customer references before her board meets"
        "ask_by",  # their date as the note says it: "before her board meets on the 20th"
        "ask_by_day",  # the same day in words: "on Sun 20 Dec"
        "ask_soon",
        "decision_snag",
        "theirs_first",  # what must come from them before the thing they asked for can go: "the roof drawings"
        "chat_app",  # the message app the notes say they use: "WhatsApp"  # what the notes say stands in the way of a yes: "we're about 12% above the other one"  # their date is three days off or less: how near, "in two days"
        "ask_past",  # their date when it has passed: "on Fri 11 Dec"
        "decision_past",  # the decision's day when it has passed: "on Tue 15 Dec"
    }
)
# Always known, so an entry using only these can serve as the default of its section.
ALWAYS_KNOWN: frozenset[str] = frozenset({"user_name", "callback", "contact_name", "contact_first_name"})

SITUATIONS = (
    "dormant",
    "unanswered",
    "open_deal",
    "referral",
    "lukewarm",
    "first_call",
    "referral_reached",
    "thin_notes",
    "no_offers",
    "any",
)
REASSURANCE_IDS = tuple(f"R{n}" for n in range(1, 11))
INTRO_SIDES = ("contact_needs", "other_needs")

LIST_CONDITIONS: dict[str, tuple[str, ...]] = {
    "stage": tuple(s.value for s in Stage),
    "reason": REASON_KINDS,
    "last_outcome": tuple(o.value for o in Outcome),
}
BOOL_CONDITIONS = (
    "has_referrer",
    "never_reached",
    "has_event",
    "has_notes",
    "has_offers",
    "has_open_deal",
    "has_promise",
    "has_email",
    "has_phone",
    "lukewarm",
    "has_introducer",
    "promise_late",
    "met_last",  # the last contact was the first meeting (nothing reached or held since)
    "meeting_held",  # a confirmed meeting in the past
    "referrer_is_member",
    "ask_past",  # the contact's own date for what they asked has passed
    "decision_past",  # the day of a decision they named has passed: now ask how it went
    "asked_to_call",  # the notes say they asked to be called: never "tell them no is fine"
    "ask_bookable",  # what they asked for is a visit, a survey, a demo: a time to fix, not a thing to send
    "ask_elsewhere",  # the notes say what they asked for is not the user's line: answer, with a name
    "callback_missed",  # they asked you to call back on a day ("later: call back Thursday") that has passed
    "phone_only",  # the notes say to reach them by phone only ("phone only, no email"): never "write instead"
)
INT_CONDITIONS = ("unanswered_min", "unanswered_max", "days_since_contact_min", "days_since_contact_max")
# What a "thread" reason is about, from the placeholder its wording uses ("{thread_problem}" → problem):
# a goal or an opener can then fit the reason the contact actually got
THREAD_ABOUTS = (
    "need_ours",
    "need_near",
    "need_elsewhere",
    "need_unserved",
    "need",
    "name_asked",
    "work",
    "invited",
    "scope",
    "problem",
    "worry",
    "plan",
    "help",
    "question",
    "told",
    "doing",
)
STR_CONDITIONS: dict[str, tuple[str, ...]] = {"intro_side": INTRO_SIDES, "thread_about": THREAD_ABOUTS}
CONDITION_KEYS = (*LIST_CONDITIONS, *BOOL_CONDITIONS, *INT_CONDITIONS, *STR_CONDITIONS)

MAX_TEXT = 800  # rendered with values still far below Block Kit's 3000-character section limit
MAX_SHORT = 100  # the digest line is cut at 150 after rendering


class PlaybookError(ValueError):
    """A seeds file is missing, malformed or says something it must not."""


@dataclass(frozen=True)
class Conditions:
    """When an entry applies. Unset fields match anything; all set fields must hold."""

    stage: frozenset[str] | None = None
    reason: frozenset[str] | None = None
    last_outcome: frozenset[str] | None = None
    has_referrer: bool | None = None
    never_reached: bool | None = None
    has_event: bool | None = None
    has_notes: bool | None = None
    has_offers: bool | None = None
    has_open_deal: bool | None = None
    has_promise: bool | None = None
    has_email: bool | None = None
    has_phone: bool | None = None
    lukewarm: bool | None = None
    has_introducer: bool | None = None
    promise_late: bool | None = None
    met_last: bool | None = None
    meeting_held: bool | None = None
    referrer_is_member: bool | None = None
    ask_past: bool | None = None
    decision_past: bool | None = None
    ask_bookable: bool | None = None
    ask_elsewhere: bool | None = None
    asked_to_call: bool | None = None
    callback_missed: bool | None = None
    phone_only: bool | None = None
    unanswered_min: int | None = None
    unanswered_max: int | None = None
    days_since_contact_min: int | None = None
    days_since_contact_max: int | None = None
    intro_side: str | None = None
    thread_about: str | None = None
    # Derived once (the engine asks for them hundreds of times per digest): how many conditions are
    # set, since among equal priorities the more specific entry wins; and only the set conditions, as
    # (fact name, wanted) pairs in the order `matches` tests them.
    count: int = field(default=0, init=False, compare=False, repr=False)
    _in: tuple[tuple[str, frozenset[str]], ...] = field(default=(), init=False, compare=False, repr=False)
    _equal: tuple[tuple[str, Any], ...] = field(default=(), init=False, compare=False, repr=False)
    _bounds: tuple[tuple[str, int, bool], ...] = field(default=(), init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "count", sum(getattr(self, key) is not None for key in CONDITION_KEYS))
        set_(
            self,
            "_in",
            tuple((k, getattr(self, k)) for k in LIST_CONDITIONS if getattr(self, k) is not None),
        )
        set_(
            self,
            "_equal",
            tuple(
                (k, getattr(self, k))
                for k in (*BOOL_CONDITIONS, *STR_CONDITIONS)
                if getattr(self, k) is not None
            ),
        )
        set_(
            self,
            "_bounds",
            tuple(
                (key.rsplit("_", 1)[0], getattr(self, key), key.endswith("_min"))
                for key in INT_CONDITIONS
                if getattr(self, key) is not None
            ),
        )

    @property
    def empty(self) -> bool:
        return self.count == 0

    def matches(self, facts: Mapping[str, Any]) -> bool:
        """`facts` holds the same names without suffixes: stage, unanswered, days_since_contact, …"""
        for key, wanted in self._in:
            if facts.get(key) not in wanted:
                return False
        for key, wanted in self._equal:
            if facts.get(key) != wanted:
                return False
        for key, bound, is_min in self._bounds:
            value = facts.get(key)
            if value is None:
                return False
            if value < bound if is_min else value > bound:
                return False
        return True


@dataclass(frozen=True)
class Entry:
    """One text template: a reason, opener, goal, fallback topic, voicemail script or gap note."""

    id: str
    text: str
    when: Conditions = field(default_factory=Conditions)
    priority: int = 0
    kind: str = ""  # reasons only
    short: str = ""  # reasons only: the digest line
    fields: frozenset[str] = frozenset()  # placeholders used by text and short

    def render(self, values: Mapping[str, str]) -> str:
        """The text with its placeholders filled; "they" said as the contact's pronoun when the
        values carry one (`_pronoun`: "she" or "he", from bot.domain.pronouns.pronoun_of)."""
        return _unstutter(gendered(self.text, values.get("_pronoun", "they")).format_map(values))

    def render_short(self, values: Mapping[str, str]) -> str:
        return _unstutter(gendered(self.short, values.get("_pronoun", "they")).format_map(values))


# a template's words meeting the same words at the start of a filled value: "offer help with help with
# verifying the pumps", "about the about the". "that that" and "had had" can be right: never one word
_STUTTER = re.compile(r"\b([a-z]+(?:\s+[a-z]+){1,2})\s+\1\b", re.I)


def _unstutter(text: str) -> str:
    return _STUTTER.sub(r"\1", text) if " " in text else text


@dataclass(frozen=True)
class Reassurance:
    id: str  # "R1" … "R10"
    title: str
    text: str
    situations: tuple[str, ...]


@dataclass(frozen=True)
class Playbook:
    reasons: tuple[Entry, ...]
    openers: tuple[Entry, ...]
    goals: tuple[Entry, ...]
    fallbacks: tuple[Entry, ...]
    voicemails: tuple[Entry, ...]
    gap_notes: tuple[Entry, ...]
    reassurances: tuple[Reassurance, ...]
    banned: tuple[str, ...]
    callback_unknown: str
    _banned_re: re.Pattern[str] | None = field(default=None, compare=False, repr=False)
    _reasons_by_kind: dict[str, tuple[Entry, ...]] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )

    def __post_init__(self) -> None:
        by_kind: dict[str, list[Entry]] = {}
        for entry in self.reasons:
            by_kind.setdefault(entry.kind, []).append(entry)
        object.__setattr__(self, "_reasons_by_kind", {k: tuple(v) for k, v in by_kind.items()})

    def reasons_of(self, kind: str) -> tuple[Entry, ...]:
        return self._reasons_by_kind.get(kind, ())

    def reassurance(self, rid: str) -> Reassurance:
        return next(r for r in self.reassurances if r.id == rid)

    def banned_in(self, text: str) -> str | None:
        """The first banned phrase `text` contains (case- and accent-insensitive, whole words), or None."""
        pattern = self._banned_re or banned_pattern(self.banned)
        found = pattern.search(_fast_fold(text))
        return found.group(0) if found else None


def _fast_fold(text: str) -> str:
    """fold(), without the Unicode normalisation pass for plain ASCII (where it changes nothing)."""
    if text.isascii():
        return " ".join(text.lower().split())
    return fold(text)


def banned_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    alternatives = sorted({re.escape(fold(p)) for p in phrases if fold(p)}, key=len, reverse=True)
    if not alternatives:
        return re.compile(r"(?!x)x")
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")
