"""The case (SPEC §14, Read): what a contact's notes and last call say the next touch is *for*.

Pure. It reads the newest call's notes (dated from that call) and the notes from meeting them, and finds:
- `deliver`: something to hand over first. Either the contact asked for it ("wants two customer
  references before her board meets on the 20th", "asked for the rates by Friday"), or the user took
  it on ("I'll get him the pilot pricing before Friday's review"). The deadline words are the date.
- `wait_until`: a time the contact set that a call should not come before ("not before the 9th",
  "no sooner than 11 Jan", "ring me after the 12th", "away until 4 January", while "on leave 24 Dec-4 Jan").
- `decision_on`: a decision they will take on a known day ("board decides on 15 Dec", "decision
  after their Q2 planning"): before it, help them decide; never ask whether it goes ahead.
Nothing here words a sentence: `candidates` decides and the playbook words it."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from bot.domain.call_text import said_days
from bot.domain.cue_words import the_article
from bot.domain.talking_points.answer_owed import THEIR_ANSWER_BY, answer_owed
from bot.domain.talking_points.case_items import (
    _ACRONYM,
    _BARE_THING,
    _DETERMINER_FIRST,
    _FITTED,
    _IN_HAND,
    _ONCE,
    _OUTCOME_WANTED,
    _QUARTER,
    _SEE_IT_WORK,
    BEFORE_IT,
    BEFORE_THEN,
    NO_DEED,
    SEEN_PAPER,
    SEVERAL_QUOTES,
    VERB_AFTER_WANT,
    YOU_WROTE,
    _sent_words,
    _stand_in_for,
    _thing_of,
    abstract_want,
    ask_action,
    asked_question,
    checked,
    gone_already,
    head_word,
    listed_things,
    names_a_person,
    ours,
    quoted_at,
    quoted_spans,
    refined,
    said_with_tail,
    sent_back,
    unshout,
)
from bot.domain.talking_points.case_timing import _clauses, _decision, _heed, _in, _wait, away_wait, needed_by
from bot.domain.talking_points.case_words import (
    _ASK_NOUN_RE,
    _ASK_RE,
    _FROM_YOU,
    _ON_ITS_WAY,
    _STEP_RE,
    _THING_END,
    _YOURS_TO_GIVE,
)
from bot.domain.talking_points.facts import _words
from bot.domain.talking_points.next_step import SOMEONE_ELSE
from bot.domain.talking_points.situation_leads import typed_plain
from bot.domain.vocabulary import fold


@dataclass(frozen=True)
class Deliverable:
    action: str  # "send two customer references", "get Lea the pilot pricing": what the user does
    thing: str  # "two customer references", "the pilot pricing"
    by: date | None  # their date (a deadline), None when the note names none
    by_words: str  # the note's words for it: "before her board meets on the 20th"
    theirs: bool  # True: the contact asked; False: the user took it on
    note: str  # the clause it came from, the user's words
    from_call: bool = True  # in the newest call's notes (else in the notes from meeting them)


@dataclass(frozen=True)
class Case:
    deliver: Deliverable | None = None
    wait_until: date | None = None
    wait_words: str = ""
    decision_on: date | None = None
    decision_words: str = ""
    heed: tuple[str, ...] = ()  # how they want to be reached, in the notes' words (at most two)


_NOT_A_THING = _words("to a an the it that this more some call talk chat meet know hear speak keep get go be")
# "might want", "may be interested in", "could maybe use": a hope you could propose, not their request
_HEDGED = re.compile(r"\b(?:might|may|could|perhaps|possibly|maybe|probably)\s+(?:\w+\s+)?$", re.I)
# the next clause puts a date on the thing just asked for: "she needs them by", "wants it before"
_BY_THEN = re.compile(
    r"^[\s;,.—–-]*(?:and\s+)?(?:she|he|they|we)\s+(?:needs?|wants?|must have|has to have)\s+(?:them|it|those|these)\s+$",
    re.I,
)
_PREPOSITIONS = _words(
    "in on at to into onto out over up off through around ahead back "
    "behind with for from by under across along inside outside near"
)
# They asked for the call: "call me next week", "asked me to phone her about a replacement", "ring him after"
_ASKED_TO_CALL = re.compile(
    r"\b(?:(?:call|ring|phone) (?:me|us)\b|asked (?:me|us) to (?:call|ring|phone)|(?:said|told me) to "
    r"(?:call|ring|phone)|wants? (?:a|me to) (?:call|ring)|asked for a call)",
    re.I,
)


def asked_to_call(*texts: str | None) -> bool:
    """Whether the notes say the contact asked to be called ("call me next week", "asked me to ring")."""
    return any(_ASKED_TO_CALL.search(t) for t in texts if t)


_ASKED_ABOUT = re.compile(r"\basked (?:me |us )?about ([^.;,(]+?(?:\s*\([^)]*\))?)\s*(?:[.;,]|$)", re.I)


def _thing(rest: str, deadline_at: int | None) -> str:
    words = rest[:deadline_at] if deadline_at is not None else rest
    # "SDS (safety sheets, in Spanish) for all our blends": a gloss in brackets, never where the thing ends
    words = re.sub(r"\s*\([^()]{1,80}\)", "", words)
    words = re.split(r"\s[—–]\s|\s-\s", words, maxsplit=1)[0]  # "… + TCO numbers — needs them by Fri"
    # "… we have in stock", '… "if the price is right"': the thing, never where it sits or the condition
    words = re.sub(
        r"\s+(?:(?:that |which )?(?:we|i) (?:have|had|keep|hold)|[\"“‘']?(?:if|unless))\b.*$",
        "",
        words,
        flags=re.I,
    )
    words = listed_things(words.strip(" :")) or _THING_END.sub("", words).strip(" ,:-–—'\"")
    words = re.sub(
        r"\s+(?:back|over|across|through|before|after|then|first|asap|too)$", "", words, flags=re.I
    )
    words = re.sub(
        r"(?<!into)(?<!\bon)(?<!\bup)(?<!\bout)(?<!about)\s+(?:she|he|they|we|i|it)$", "", words, flags=re.I
    )
    # "2 references she can phone before her board": the thing, not what they will do with it
    words = re.sub(
        r"\s+(?:that\s+|which\s+)?(?:she|he|they|(?:her|his|their|the)\s+\w+)\s+(?:can|could|will|would|may|might)\s.*$",
        "",
        words,
        flags=re.I,
    )
    words = re.sub(
        r"\s+to\s+(?:attach|include|submit|present|show|use|share|enclose)$", "", words, flags=re.I
    )
    if words.count("(") > words.count(")"):  # "the tech sheets (g-value, impact class)": cut at a comma
        words = words[: words.rfind("(")].rstrip(" ,")
    parts, limit = words.split(), 18 if " and " in words else 12  # two things said with "and" run longer
    if len(parts) > limit:  # "… our contact at the Agence de l'eau Rhône-Méditerranée": the thing, not where
        head = re.split(r"\s(?:before|after|by|until)\s", words, maxsplit=1)[0].split()  # its time goes first
        if not 2 <= len(head) <= 12:
            head = re.split(r"\s(?:at|in|from|with|for|before|after|by|plus)\s", words, maxsplit=1)[0].split()
        parts = head if 2 <= len(head) <= 12 else parts
    if not parts or len(parts) > limit or (len(parts) == 1 and fold(parts[0]) in _NOT_A_THING):
        return ""
    if fold(parts[0]) in _PREPOSITIONS:
        return ""  # "wants to get in front of the new growers": a place to be, not a thing
    return " ".join(parts)


# a day in a "not before" note (never an hour: "not before 3pm" holds every day)
_PASSED_DAY = re.compile(
    r"\b(?:before|until|till)\s+(?:the\s+)?(?:\d{4}-\d{2}-\d{2}|\d{1,2}(?:st|nd|rd|th)?(?:\s+[a-z]{3,9})?(?![:.\d]|\s*(?:am|pm|h)\b)|"
    r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+\d)",
    re.I,
)
_SAID_TODAY = re.compile(r"\b(?:today|tonight|this (?:morning|afternoon|evening)|tomorrow)\b", re.I)
_DEADLINE_LEADS = ("before", "by", "until", "till", "ahead", "for", "on")
_BACK_REF = re.compile(r"(?:both|them|it|those|these|everything|all of it|all three|the lot)", re.I)


def _deliverable(text: str, day: date, gone: frozenset[str] = frozenset()) -> Deliverable | None:
    """The thing the notes say is to be delivered. When they name both what the contact wants ("her
    auditor wants to see a filled-in declaration") and a step you took on ("I'll get her a worked
    example before 24 Dec"), your step is the thing, with its date (or theirs when yours has none)."""
    # "also wants our checklist", then "sent the inspection checklist" or "got our checklist": it went
    found = [d for d in _deliverables(text, day) if not gone_already(d.thing, gone) and not sent_back(d)]
    mine = next((d for d in found if not d.theirs), None)
    if (
        mine is None
        and len(found) > 1
        and found[1].by
        and head_word(found[1].thing) == head_word(found[0].thing)
    ):
        # "asked for a quote: …, needs them by 15 Jan. wants the quote by Tue 22 Dec": the quote's own day
        return replace(found[0], by=found[1].by, by_words=found[1].by_words)
    if mine is None:
        return found[0] if found else None
    theirs = next((d for d in found if d.theirs), None)
    if _BACK_REF.fullmatch(mine.thing) and theirs is None:  # asked for in the same clause, before your step
        before = re.split(r"\s[-—–]\s|[,:]\s*(?=(?:told|said|promised|I)\b)", mine.note)[0]
        theirs = (
            next((d for d in _deliverables(before, day) if d.theirs), None) if before != mine.note else None
        )
    if theirs is not None and _BACK_REF.fullmatch(mine.thing):  # "wants the data + spec sheet, I'd send both"
        verb = mine.action.split()[0]
        mine = replace(mine, thing=theirs.thing, action=f"{verb} {theirs.thing}")
    if theirs is not None and _stand_in_for(mine.thing, of := theirs.thing):  # "a worked example" of it
        mine = replace(mine, thing=f"{mine.thing} of {of}", action=f"{mine.action} of {of}")
    if mine.by is None:
        dated = next((d for d in found if d.by is not None), None)
        if dated is not None:
            mine = replace(mine, by=dated.by, by_words=dated.by_words)
    if mine.by is None and (needed := THEIR_ANSWER_BY.search(text)):
        # "need a yes/no by Tue 22 Dec … told them I'd check with Pita": your step is due by their day
        by = next(
            (d for d in said_days(text, day) if d.start >= needed.end() - 1 and d.lead in ("by", "before")),
            None,
        )
        mine = replace(mine, by=by.day, by_words=" ".join(text[by.start : by.end].split())) if by else mine
    return mine


# "asked if the sensors log in a moving van - I need to check and get back to him": finding out is yours
_CHECK_BACK = re.compile(
    r"\basked (?:me |us )?(?:if|whether) (?P<q>[^;]+?)\s*(?:[-—–,]\s*|\s+and\s+)(?:said )?(?:I|we)(?:'ll|’ll|'d|’d| will|"
    r" would| need to| have to| must| should| promised to)\s+(?:check|find out|confirm|look into it|get back|see|look)\b",
    re.I,
)


def _deliverables(text: str, day: date):
    days = said_days(text, day)
    quoted = quoted_spans(text)
    for start, clause in _clauses(text):
        end = start + len(clause)
        back = _CHECK_BACK.search(clause)
        if back and 2 <= len(back.group("q").split()) <= 16:
            question = " ".join(back.group("q").split())
            # "asked if I had a checklist": said in the user's voice, "whether we have a checklist"
            question = re.sub(r"^(?:I|we) (?:had|have)\b", "we have", question, flags=re.I)
            question = re.sub(r"^(?:I|we) (could|can|did|do)\b", r"we \1", question, flags=re.I)
            yield Deliverable(
                action=f"find out whether {question}",
                thing=f"an answer on whether {question}",
                by=None,
                by_words="",
                theirs=False,
                note=" ".join(clause.split()),
            )
            continue
        for pattern, theirs in (
            (_STEP_RE, False),
            (_ON_ITS_WAY, False),
            (_ASK_RE, True),
            (_ASK_NOUN_RE, True),
        ):
            found = pattern.search(clause)
            if not found:
                continue
            rest = checked(found, text[: start + found.start()], theirs, pattern is _ON_ITS_WAY)
            if not theirs and (quoted_at(quoted, start + found.start()) or NO_DEED.match(rest)):
                continue  # "“I'll believe it when I see one running”": their words, no step of yours
            if theirs and (
                VERB_AFTER_WANT.match(rest)
                or (SOMEONE_ELSE.search(clause[: found.start()]) and not _YOURS_TO_GIVE.search(rest))
            ):
                continue  # "bank wants the report": a demand on them from elsewhere; "lender needs 3 quotes": yours
            if (
                theirs
                and YOU_WROTE.search(clause[: found.start()])
                and found.group().lower().startswith("asked")
            ):
                continue  # "sent intro + asked for scooter models": you asked them, in your e-mail
            if theirs and re.search(
                r"\b(?:asked|asking)\s+(?:if|whether)\s+(?:she|he|they)\s*$", clause[: found.start()]
            ):
                continue  # "asked if she wants the spec sheet as PDF": your question, not her request
            if (
                theirs
                and (
                    re.search(r"\bfrom (?:her|him|them)\b", rest)
                    and not re.search(r"\b(?:she|he|they)\b", clause[: found.start()], re.I)
                    or re.match(r"(?:my|a|your|our|the)\s+(?:call|ring|phone call)\b", rest, re.I)
                )
            ):  # "need branch counts from her first": yours from them; "Cécile is waiting for my call": a call
                continue
            if theirs and _HEDGED.search(clause[: found.start()]):
                continue  # "might want a guest session": an idea to propose, not a request to fill
            if (
                theirs
                and "waiting" in found.group()
                and (re.match(r"(?:her|his|their)\s", rest, re.I) or _ONCE.search(clause[: found.start()]))
            ):  # "waiting for her stuffing date": you wait on them; "Oct: one ship stuck waiting on certs": past
                continue
            rest_at = start + found.start("rest")
            dated = [d for d in days if _in(d, rest_at, end) and d.lead in _DEADLINE_LEADS]
            # "two seats for the 14 Jan open day and a sample before Christmas Eve": "before" says when
            deadline = next((d for d in dated if d.lead not in ("for", "on")), dated[0] if dated else None)
            if deadline is None:
                # "asked for our measurements; she needs them by Fri 8 Jan": their date in the next clause
                deadline = next(
                    (
                        d
                        for d in days
                        if end <= d.start <= end + 80
                        and d.lead in ("before", "by", "until", "till")
                        and _BY_THEN.search(text[end : d.start])
                    ),
                    None,
                )
            then_words = ""
            if deadline is None and (then := BEFORE_THEN.search(rest)):
                # "the committee picks on Mon 21 Dec and she wants our final price before then"; "inspector
                # coming Mon 21 Dec … I'll get her the checklist before the inspector comes": that day
                who = (then.group("who") or "").lower()
                # "asked for the SDS — audit Mon 21 Dec, he needs them before that": a day said in between;
                # "owners meet Wed 23 Dec to set Q1 spend … before then": the meeting's day, not the quarter's
                earlier = [
                    d
                    for d in days
                    if d.end <= rest_at + then.start() and who in text[max(0, d.start - 60) : d.end].lower()
                ]
                earlier = [d for d in earlier if not _QUARTER.search(text[d.start : d.end])] or earlier
                if earlier:
                    deadline = earlier[-1]
                    then_words = f"before {deadline.day:%a} {deadline.day.day} {deadline.day:%b}"
                    rest = rest[: then.start()]
            cut = deadline.start - rest_at if deadline and deadline.start < end and not then_words else None
            thing = _thing(rest, cut)
            if not thing:
                continue
            if theirs and names_a_person(thing):
                continue
            if theirs and re.search(r"\bfrom (?:(?!us\b|me\b|you\b)[A-Z]|(?:her|his|their|them)\b)", thing):
                continue  # "still need the signed letter from Baltic Ports": another's to give, not yours
            if theirs and _OUTCOME_WANTED.search(thing):
                continue
            if theirs and re.fullmatch(
                r"(?:an?\s+|the\s+)?(?:\d+[\s-]*min\w*\s+)?(?:slot|call|chat|time|catch-?up|meeting)s?\b.*",
                thing,
                re.I,
            ):
                continue  # "asked for a slot": a meeting proposed, by you, never a thing they want from you
            if theirs and re.match(
                r"(?:his|her|their|the)?\s*\w+\s+(?:into|onto|up to|over to)\b", thing, re.I
            ):
                continue  # "wants to get his team into timber": a change they want, not a thing to send
            if theirs and re.search(r"\w\s+(?:not|rather than|instead of)\s+\w", thing, re.I):
                continue  # "wants numbers not brochures": how they like things, not a request
            if theirs and abstract_want(thing):
                continue  # "a proper answer", "an update": what they want to hear, not a thing to send
            if (
                theirs
                and not _DETERMINER_FIRST.match(thing)
                and len(thing.split()) < 2
                and pattern is _ASK_RE
                and not (
                    found.group().lower().startswith("asked")
                    and (_ACRONYM.fullmatch(thing) or re.fullmatch(_FROM_YOU, thing, re.I))
                )  # "asked for SDS", "asked for prices": one word that is a thing of yours
            ):
                continue  # "very structured, wants numbers": how they like things, not a request
            seen = theirs and re.search(r"\bto see\s*$", clause[: found.start("rest")], re.I)
            if theirs and re.match(r"(?:how|what|where|which|whether|why)\b", thing, re.I):
                # "wants to see how we log inspections": a look at it, never "the how we log …"
                thing = f"{'a chance to see' if seen else 'a word on'} {thing}"
            if theirs and SEVERAL_QUOTES.match(thing):
                thing = "a quote"  # "needs 3 comparable quotes on file": yours is one of them, not all three
            if (
                theirs
            ):  # "a quote from us": the user is who sends it, said once; "a report in hand": the report
                thing = re.sub(r"\s+from (?:us|me|you)\b|\s+in hand$", "", thing, flags=re.I)
            if theirs and not _DETERMINER_FIRST.match(thing):
                thing = f"the {thing}"  # "quote needed by 8 Jan": send the quote
            if theirs:
                thing = re.sub(
                    r"^(?:her|his|their|him|them)\s+(?=\S)", "", thing, flags=re.I
                )  # "her founder events"
                thing = re.sub(
                    r"\s+(?:in|into)\s+(?:his|her|their|the)\s+inbox\b|:\s.*$", "", thing, flags=re.I
                )
                action = ask_action(thing)
            else:
                if re.match(
                    r"(?:call|ring|phone|contact|e-?mail|text|message|meet)\s+(?!him|her|them)[A-Z]", thing
                ):
                    break  # "told him I'll call Sanna": a step with someone else, not a promise to this contact
                action = thing  # "get her the pricing": said to them it becomes "get you the pricing"
                if (it := re.search(r"\s(?:it|that)$", action)) and (q := _ASKED_ABOUT.search(text[:start])):
                    action = thing = (
                        f"{action[: it.start()]} {q.group(1)}"  # "look into it": into the gas question
                    )
                thing = re.sub(r"^\S+\s+(?:(?:him|her|them|you)\s+)?", "", thing) or thing
            if seen and re.match(r"(?:her|his|their|its|it|them) ", found.group("rest"), re.I):
                continue  # "wants to see her trucks on the Mali side", "to see it on real ovens": theirs, no thing to send
            if seen and (
                thing.startswith("a chance to see ")
                or _SEE_IT_WORK.search(thing)
                or not SEEN_PAPER.match(head_word(thing))
            ):
                # a demonstration: a time to fix, not a thing to post
                thing = _IN_HAND.sub(
                    "", thing if thing.startswith("a chance") else f"a chance to see {thing}"
                )
                action = f"book {thing}"  # "to see the hardware in hand": a chance to see the hardware
            elif theirs and _FITTED.search(thing):  # "2 sample locks fitted on the new doors": a visit to fix
                action = f"book {thing}"
            by_words = then_words or (
                said_with_tail(text, deadline.start, deadline.end, end) if deadline else ""
            )
            if (
                deadline
                and deadline.lead == "on"
                and (ahead := BEFORE_IT.search(text, rest_at, deadline.start))
            ):
                by_words = text[
                    ahead.start() : deadline.end
                ]  # "before he takes it to his brothers on 27 Dec"
            by_words = by_words.rstrip(" .;,")
            yield Deliverable(
                action=action,
                thing=thing,
                by=deadline.day if deadline else None,
                by_words=" ".join(by_words.split()),
                theirs=theirs,
                note=" ".join(clause.split()),
            )
            break  # one thing per clause


_CLOSES = re.compile(r"\b(?:closes|close|closing|due|deadline)\b", re.I)  # a step before the decision


@lru_cache(maxsize=1 << 12)
def read_case(
    notes: str | None,
    met_on: date | None,
    call_notes: str | None,
    call_on: date | None,
    today: date,
    earlier_notes: str | None = None,
    earlier_on: date | None = None,
) -> Case:
    """The case from the newest call's notes, the call before a later e-mail or voicemail, then meeting them.
    A date that has passed still counts for `deliver` (the thing is late); a wait or a decision only while ahead."""
    call_notes, earlier_notes, notes = map(typed_plain, (call_notes, earlier_notes, notes))  # "pas avant"
    said = ((call_notes, call_on, True), (earlier_notes, earlier_on, True), (notes, met_on, False))
    sources = [(t, d) for t, d, _ in said if t and t.strip() and d]
    from_a_call = [c for t, d, c in said if t and t.strip() and d]
    deliver = wait = decision = None
    for k, (text, day) in enumerate(sources):
        if deliver is None:  # what a newer note says went out is no longer to deliver
            deliver = _deliverable(text, day, _sent_words(*(t for t, _ in sources[:k])))
            if deliver is not None and not from_a_call[k]:
                deliver = replace(deliver, from_call=False)
        found = _decision(text, day)  # "pack closes fri", passed, is a step; "decides Tue 22 Dec" ahead wins
        if decision is None or (found and found[0] >= today > decision[0] and _CLOSES.search(decision[1])):
            decision = found or decision
        taken: set[int] = set()
        if deliver and deliver.by and deliver.note in " ".join(text.split()):
            taken = {d.start for d in said_days(text, day) if d.day == deliver.by}
        if decision:
            taken |= {d.start for d in said_days(text, day) if d.day == decision[0] and d.lead != "after"}
        wait = wait or _wait(text, day, taken)
    if deliver and deliver.by is None:  # "wants interpreter options in the quote": the quote asked before
        deliver = next((r for t, d in sources[1:] if (r := refined(deliver, _deliverable(t, d)))), deliver)
    if deliver is None and call_notes and (q := asked_question(call_notes)):  # "asked which method we …"
        deliver = Deliverable(f"send {q[0]}", q[0], None, "", True, q[1])
    elif deliver is None and call_notes and call_on and (owed := answer_owed(call_notes, call_on)):
        deliver = Deliverable(*owed, True, " ".join(call_notes.split()))  # "… needs a yes/no by 12 Jan"
    if deliver and deliver.theirs and deliver.by is None and (said := needed_by(sources)):
        deliver = replace(deliver, by=said[0], by_words=said[1])  # "… needs it by 15 jan", said apart
    if deliver and deliver.theirs and (bare := _BARE_THING.fullmatch(deliver.thing)):
        # "still wants quote by 30 dec" after "wants quote drive-in racking ~40 bays": the quote for that
        said = (_thing_of(t, bare.group(1)) for t, _ in sources)
        what = next((m.group("what").strip(" ~") for m in said if m), "")
        what = (
            "" if re.match(r"(?:when|once|if|after|as soon as|until|till)\b", what, re.I) else what
        )  # a condition
        what = what if what.startswith("to ") or not what else f"for {what}"  # "quote to recharge 40 units"
        if what:
            deliver = replace(deliver, thing=f"{deliver.thing} {what}", action=f"{deliver.action} {what}")
    if deliver:  # "needs a PRO FORMA by FRI 18 DEC": a pro forma, by Fri 18 Dec
        deliver = replace(
            deliver,
            action=the_article(
                ours(unshout(deliver.action), deliver.theirs)
            ),  # "get her el modelo": get her the modelo
            thing=the_article(ours(unshout(deliver.thing), deliver.theirs)),
            by_words=the_article(unshout(deliver.by_words)),
        )
    wait, away = away_wait(sources, today, wait)  # "on leave 24 Dec-4 Jan": not while away; before, heed it
    wait_until, wait_words = wait if wait and wait[0] > today else (None, "")
    # a decision day stays in the case for a month after it: then the question is how it went
    recent = decision and (today - decision[0]).days <= 30
    decision_on, decision_words = decision if recent else (None, "")
    # "call back after 15:00 today" said on 10 Dec is no warning on the 21st
    heed = _heed([t for t, d in sources if d >= today or not _SAID_TODAY.search(t)])
    if wait_until is None:  # "don't call before 14 Dec" once the 14th has passed is no warning any more
        heed = tuple(h for h in heed if not _PASSED_DAY.search(h))
    heed = (*away, *heed)[:2]  # "… then off until Tue 5 Jan: reach them today" stands
    return Case(deliver, wait_until, wait_words, decision_on, decision_words, heed)
