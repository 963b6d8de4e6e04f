"""When, in a contact's notes (the case reader's timing, split from case.py): a time they set before
which there is no call ("not before the 11th", "call him after that"), a decision on a known day, and
how they want to be reached. Pure."""

from __future__ import annotations

import re
from datetime import date, timedelta

from bot.domain.call_text import SaidDay, _ordinal_day, said_days
from bot.domain.talking_points.facts import _ABBREVIATED
from bot.domain.talking_points.phrases import day_words, short_day

# "21.12.–5.1. Skiferien" is one clause: a dotted day's own last dot ends no sentence
_CLAUSE_RE = re.compile(
    r"(?:[^;.\n!?]|\.(?=\w|\s?[-–—]\s?\d)|(?<=\d\.\d)\.(?=\s)|(?<=\d\.\d\d)\.(?=\s)|" + _ABBREVIATED + ")+"
)

_DECISION_RE = re.compile(
    r"\b(?:award(?:ed)?\b(?!\s+(?:winning|ceremony|night|dinner|gala|do)\b)|shortlist(?:ing|ed)?|decision|(?:decide|decides|deciding|decided)(?!\s+(?:her|him|them|it|my|our)sel(?:f|ves)\b|\s+alone\b)|sign[- ]off|signs off|approv\w*|go/no-go|vote|votes|voted (?:at|on|by|in)|present(?:s|ing)? (?:it )?to (?:the |her |his |their )?(?:board|owners|committee|partners|directors|investors|management|exco)\b|"
    r"(?:board|committee|cttee|ctee|cmte|cmtee|comm|codir|comex|council|panel|trustees|partners|parish|steering group|investment committee|owners|"
    r"directors|shareholders|family|management|leadership team|exec team)\s+"
    r"(?:still\s+|then\s+|next\s+)?(?:meets|meet|meeting|sits|sit|sitting|convenes|convene|reviews|review|looks at it|"
    r"chooses|choose|picks|pick|"
    r"selects|votes|signs off)|"
    # a deadline of theirs: "tender closes 8 Jan", "bids due Fri", "board pack closes ~8 Jan"
    r"(?:tender|tenders|bid|bids|rfp|rfq|rft|submissions?|board pack|pack|applications?|entries|budget round)"
    r"\s+(?:\w+\s+)?(?:closes|close|closing|due|deadline)|deadline|"
    r"(?:order|orders|ordering)\s+(?:by|before)|order\s+cut-?off|"  # "order by 23 dec for Lyon"; a ship's cut-off is theirs
    r"(?:auto-?)?renews|(?:contract|lease|policy)\s+(?:ends|expires|runs out)|"  # "contract auto-renews 31 Jan"
    # "tech committee Fri 8 Jan", "board on the 14th": the body and its day, no verb
    r"(?:board|committee|cmte|council|panel|trustees)(?=\s+(?:still\s+)?(?:on\s+)?(?:the\s+)?(?:mon|tue|wed|thu|fri|\d)))\b",
    re.I,
)
# A time the contact set is about *them* or *the call*: "swamped until", "ring me after", "back on".
_BUSY_WORDS = re.compile(
    r"\b(?:swamped|busy|away|travel\w*|leave|holiday\w*|vacation|off|out of (?:the )?office|snowed under|"
    r"flat out|heads? down)\b",
    re.I,
)
# a busy spell of theirs, when it runs until a day: "tax audit thru mid jan", "harvest till the 20th"
_BUSY_SPELL = re.compile(
    r"\b(?:audit|year[- ]end|harvest|season|stocktake|inventory|exams?|renovation|fit-?out|closing|month[- ]end)\b",
    re.I,
)
# words before "not before …" that name a thing: "lobby armchairs not before April", "phase 2 not before May"
_A_THING_FIRST = re.compile(
    r"\s*(?!(?:and|but|so|please|just|really|definitely|absolutely)\b)"
    r"(?![^\n]*\b(?:but|pls|plz|please|interested|keen|happy)\b)"  # "interested but pls NOT before 11 Jan"
    r"[\w'’-]+(?:\s+[\w'’-]+){0,3}\s*$",
    re.I,
)
_HAPPENED = re.compile(
    r"\b(?:came|went|was|were|got|left|had|did|moved|started|joined|retired|happened)\b", re.I
)
_NO_MONEY = re.compile(r"\b(?:no|zero|nil|without)\s+(?:budget|money|funds|cash|capex|spend)\b", re.I)
_CALL_WORDS = re.compile(
    r"\b(?:call|calls|ring|phone|try|reach|contact|back|talk|speak|follow up|get in touch|catch up)\b", re.I
)


def _clauses(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in _CLAUSE_RE.finditer(text) if m.group().strip()]


def _in(day: SaidDay, start: int, end: int) -> bool:
    return start <= day.start < end


_AFTER_THEN = re.compile(
    r"\b(?:(?:call|ring|phone|try|contact)\s+(?:\w+\s+){0,2}|(?:said|asked)\s+(?:to\s+)?(?:call|ring|phone)\s+(?:\w+\s+)?)"
    r"after(?: (?:that|then|it|this)\b|(?=\s*(?:[.;,!?]|$)))",  # "… decide 21 Dec. call him after"
    re.I,
)
_NOT_BEFORE_THEN = re.compile(
    r"\b(?:don'?t|do not|no need to|not|never)\s+(?:\w+\s+){0,3}(?:before|until|till|earlier|sooner)"
    r"(?: (?:then|that)\b|\s*(?:[.;!]|(?=,\s*(?:then|after|and|but)\b)|$))",
    re.I,  # "back 11 Jan, don't call before": the sentence ends where "then" would be; "…, then WhatsApp"
)


_NOBODY_CAN = re.compile(
    r"\W*(?:and |but |so )?(?:no|every|any)\s+(?!(?:calls?|contact|ringing|phone|meetings?|one)\b)\w+\s+"
    r"(?:can|could|will|would|is|are|has)\b",
    re.I,
)


def _wait(text: str, day: date, taken: set[int]) -> tuple[date, str] | None:
    after = _AFTER_THEN.search(text)
    if after:  # "the committee decides on Tue 15 Dec — she said ring her after that": not before the 16th
        earlier = [d for d in said_days(text, day) if d.end <= after.start()]
        if earlier:
            said = earlier[-1]
            words = " ".join(text[after.start() : after.end()].split())
            decided = _DECISION_RE.search(text[max(0, said.start - 80) : after.start()])
            after_day = said.day + timedelta(days=1) if decided else said.day  # after a vote: the next day
            while after_day.weekday() >= 5:  # the first weekday after it
                after_day += timedelta(days=1)
            return after_day, f"{words} ({said.day:%a} {said.day.day} {said.day:%b})"
    then = _NOT_BEFORE_THEN.search(text)
    if then:  # "back 11 Jan — don't ring before then": the day said just before it
        earlier = [d for d in said_days(text, day) if d.end <= then.start()]
        if earlier:
            said = earlier[-1]
            words = " ".join(text[said.start : then.end()].replace("—", ",").split()).rstrip(" .;!")
            return said.day, words.replace(" ,", ",")
    days = said_days(text, day)
    # "away from 19 Dec, don't call before Tue 5 Jan": the day they said not to call before wins
    days = [d for d in days if d.lead == "not before"] + [d for d in days if d.lead != "not before"]
    for said in days:
        if said.start in taken:
            continue
        marks = (". ", ";", ",", ":", "!", "?", "\n", " - ", " — ")  # "till 10.1 - DON'T call …": "DON'T"
        start = max((at + len(m) if (at := text.rfind(m, 0, said.start)) >= 0 else 0) for m in marks)
        clause = text[start : said.end]  # "didn't get to talk to him, opening a gym in March": no wait
        if _HAPPENED.search(text[start : said.start]):
            continue  # "the porter came back in July": what happened then, never a time to wait for
        if _NO_MONEY.search(clause) and not _CALL_WORDS.search(clause):
            continue  # "no budget till Q2": when money comes, not a time to wait before calling
        about_them = (
            _BUSY_WORDS.search(clause)
            or _CALL_WORDS.search(clause)
            or (said.lead in ("until", "till") and _BUSY_SPELL.search(clause))  # "tax audit thru mid jan"
        )
        if said.lead == "not before" and not about_them and _A_THING_FIRST.match(text[start : said.start]):
            continue  # "lobby armchairs not before April": when that one thing is wanted, not when to call
        if said.lead == "not before" and _NOBODY_CAN.match(clause):
            continue  # "no engineer can come before March": their trouble finding one, no time to wait
        back = (  # "travelling, back 11 Jan": away until then; "off from 23 Dec, back 3 Jan" is a leave (below)
            not said.lead
            and re.search(r"\bback\s+(?:on\s+)?$", text[start : said.start], re.I)
            and not away_span(text, day)
        )
        if (
            said.lead == "not before"
            or back
            or (
                said.lead in ("after", "until", "till", "in", "on")
                and about_them  # "off from the 19th" is no wait
            )
        ):
            # the words of the clause that set it: "she can't talk about the tender until 15 Jan"
            words = " ".join(text[start : said.end].strip(" ,;:.").split())
            if not 2 <= len(words.split()) <= 14:
                words = " ".join(text[said.start : said.end].strip(" ,;:.").split())
            back_on = said.day
            while back and back_on.weekday() >= 5:  # back on a Sunday: the first call is on the Monday
                back_on += timedelta(days=1)
            return back_on, words
    return None


def _decision(text: str, day: date) -> tuple[date, str] | None:
    days = said_days(text, day)
    for start, clause in _clauses(text):
        if not _DECISION_RE.search(clause):
            continue
        inside = [d for d in days if _in(d, start, start + len(clause))]
        parts = [
            p for p in re.split(r",|\s[—–-]\s", clause) if _DECISION_RE.search(p)
        ]  # "decision after Q2 planning"
        # "3 brokers shortlisted, board decides 29 Dec": the part with the decision's day in it
        dated = (
            p
            for p in parts
            if any(_in(d, start + clause.find(p), start + clause.find(p) + len(p)) for d in inside)
        )
        part = next(dated, parts[0] if parts else clause)
        at = start + clause.find(part)
        # "price by 11 Jan, committee sits 12 Jan": the day in the decision's own part, else the clause's
        said = next((d for d in inside if _in(d, at, at + len(part))), None)
        if said is None and (ordinal := _BARE_ORDINAL.search(part)):  # "owners meet in Kolkata 17th"
            # the next such day on or after the note's own day
            hit = _ordinal_day([ordinal.group().lower()], 0, day - timedelta(days=1))
            return (hit[1] if hit else day), " ".join(part.split())
        if said is None and _WHO_DECIDES.match(part):
            continue  # "12 ppl in Q1, he decides": who decides, not when
        if said is None and inside and not _IN_A_MEETING.search(part):
            said = inside[0]  # the clause's day, unless it is when to ring ("in a meeting, call back Fri")
            if _CALL_WORDS.search(text[max(start, said.start - 25) : said.start]):
                said = None
        if said is not None:
            return said.day, " ".join(part.split())
    return None


_WHO_DECIDES = re.compile(
    r"\s*(?:and\s+|but\s+)?(?:he|she|they|\w+)\s+(?:decides?|signs? off|has the final say)\s*[.!]*\s*$", re.I
)
_BARE_ORDINAL = re.compile(r"\b([12]?\d|3[01])(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?[A-Za-z]{3})", re.I)


# "in a committee meeting" is where they are now, not a day a decision comes
_IN_A_MEETING = re.compile(r"\b(?:in|at|into|from)\s+(?:a|an|the|his|her|their)\s+(?:\w+\s+)?meeting\b", re.I)


# How a person wants to be reached: an hour, a channel, a manner. Shown as your note, never reworded.
_HEED_RE = re.compile(
    r"\b(?:(?:don'?t|do not|never|not|no)\s+(?:\w+\s+){0,2}(?:ring|call|phone|calls|small talk|cold calls?|"
    r"voicemails?|texts?|whatsapp|e-?mails?)(?!\s+(?:yet|so far|from|back|since)\b)|(?:only|best|prefers?)\s+(?:\w+\s+){0,2}(?:e-?mail|text|"
    r"whatsapp|in writing|mornings?|afternoons?|evenings?|after \d|before \d)|in writing|"
    r"(?:mornings?|afternoons?|evenings?) only|(?:whatsapp|texts?|sms|e-?mails?|messages?) only|"
    r"(?:call|ring|phone|try)\s+(?:\w+\s+){0,2}(?:after|before|between|from)\s+\d{1,2}(?:[:.h]\d{2})?\s*(?:h|am|pm)?|"
    r"(?:never|not|no calls?)\s+(?:before|after)\s+\d{1,2}(?:[:.h]\d{2})?\s*(?:h|am|pm)|"  # "never before 10am"
    r"(?:says|prefers?|use|via)\s+whatsapp|(?:mornings?|afternoons?|evenings?)\s+(?:before|after)\s+\d{1,2})\b",
    re.I,
)


def _heed(texts: list[str]) -> tuple[str, ...]:
    found: list[str] = []
    for text in texts:
        for _start, clause in _clauses(text):
            for part in clause.split(","):
                if _HEED_RE.search(part) and len(found) < 2:
                    found.append(
                        re.sub(r"^(?:and|but|so|also)\s+", "", " ".join(part.split()), flags=re.I)[:120]
                    )
    return tuple(dict.fromkeys(found))


_DEADLINE_OF = re.compile(
    r"\b(tender|bid|rfp|rfq|rft|submission|board pack|application|entr(?:y|ies)|budget round)s?\b"
    r"(?=\s+(?:\w+\s+)?(?:closes|close|closing|due|deadline))",
    re.I,
)
_BODY = re.compile(
    r"\b(?:(?P<kind>[a-z][\w-]*)\s+)?(?P<body>board|committee|council|panel|trustees|governors|cabinet|steering group)\b",
    re.I,
)
_NOT_A_KIND_WORDS = (
    "the their his her its our your a an and then next still when after before until till whole full "
    "at in on by to for from with of into goes go went sits meets"
)
_NOT_A_KIND = frozenset(_NOT_A_KIND_WORDS.split())


_RENEWS = frozenset(
    ("insurance", "policy", "lease", "licence", "license", "contract", "subscription", "permit")
)


def decision_noun(words: str) -> str:
    """A short name for a decision on a known day, from the note's words: "the tender deadline"
    ("tender closes 8 Jan noon"), "the tech committee" ("tech committee Fri 8 Jan decides"), else
    "the decision". Never the note pasted whole."""
    deadline = _DEADLINE_OF.search(words)
    if deadline:
        noun = "entry" if deadline.group(1).lower().startswith("entr") else deadline.group(1).lower()
        return f"the {noun.upper() if noun.startswith('rf') else noun} deadline"
    body = _BODY.search(words)
    if body:
        kind = body.group("kind") or ""
        keep = kind and kind.lower() not in _NOT_A_KIND and not kind.lower().endswith(("'s", "’s"))
        kind = kind.lower() + " " if keep else ""
        said = body.group("body").lower()
        return f"the {kind}{said}{chr(39) if said.endswith('s') else chr(39) + 's'} decision"  # trustees' decision
    if re.search(r"\bdeadline\b", words, re.I):
        return "the deadline"
    if re.search(r"\b(?:award(?:ed)?|shortlist\w*)\b", words, re.I):  # "award still 22 dec"
        return "the shortlist" if re.search(r"\bshortlist", words, re.I) else "the award"
    if re.search(r"\border(?:s|ing)?\s+(?:by|before)\b|cut-?off", words, re.I):
        return "the order deadline"
    if renews := re.search(r"\b(?:(\w+)\s+)?(?:renews|renewal)\b|\b(?:ends|expires|runs out)\b", words, re.I):
        what = (renews.group(1) or "").lower()  # "insurance renews Fri 8 Jan": the insurance renewal
        return f"the {what if what in _RENEWS else 'contract'} renewal"
    said = _DECISION_OF.search(words)  # "vendor decision in January", "decision on a pilot by 4 Dec"
    if said:
        kind = said.group("kind") or ""
        kind = kind.lower() + " " if kind and kind.lower() not in _NOT_A_KIND else ""
        return f"the {kind}decision{' ' + said.group('on') if said.group('on') else ''}"
    return "the decision"


_DECISION_OF = re.compile(
    r"\b(?:(?P<kind>[a-z][\w-]*)\s+)?decision(?:\s+(?P<on>(?:on|about)\s+(?:a |an |the |their |which )?"
    r"(?!(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\b)[a-z][\w-]*"
    r"(?:\s+(?!by\b|in\b|before\b|on\b|after\b|at\b|for\b|due\b)[a-z][\w-]*)?))?",
    re.I,
)


_LOOSE_WHEN = re.compile(
    r"\b(?:(?:in|by|after|before|from)\s+(?:the\s+)?(?:(?:early|mid|late|end of)\s+)?|early|mid|late|end of)\s*"
    r"(?:the\s+)?(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|q[1-4]|spring|summer|autumn|fall|winter|new year)\b",
    re.I,
)


def _lead_lower(phrase: str) -> str:
    """ "In March" -> "in March": the leading word lower-cased, a month keeps its capital."""
    return f"{phrase.partition(' ')[0].lower()} {phrase.partition(' ')[2]}"


def decision_when(words: str, on: date, today: date) -> str:
    """When a decision is, as the note said it: "decision in March" is a month, not "on Mon 1 Mar"
    (never a day the note did not give); a day said is "on Fri 8 Jan"."""
    loose = _LOOSE_WHEN.search(words) if not re.search(r"\d", words) else None
    return _lead_lower(loose.group(0)) if loose else day_words(on, today)


def missed_callback(
    back: tuple[date, str] | None, said_on: date | None, today: date
) -> tuple[str, str] | None:
    """When a call-back the contact asked for ("later: try Thursday") has gone by without the call: the
    words for when they asked ("on Thu 10 Dec", "the week of 14 Dec") and for the day owed, or None.
    Only a time that has really passed is owed: "after the 15th" is any day after it, so calling later
    is on time; "next week" is owed once that week is over, "next month" once the month is, and "in
    two weeks" a few days after its day. Never a day the contact did not name."""
    if back is None or said_on is None:
        return None
    day, words = back
    said = words.lower()
    if said.startswith("after"):  # any day after it: owed only a week on, else simply due
        named = said_days(words, said_on)
        when = f"after {short_day(named[0].day if named else day, today)}"
        return (when, when, (today - day).days > 7) if 0 < (today - day).days <= 30 else None
    if said.startswith("not before"):
        return None
    if "month" in said:
        ends = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
        late, owed = (today - ends).days >= 0, f"{day:%B}"
        return (f"in {owed}", owed, True) if late and (today - ends).days <= 30 else None
    if "week" in said and not re.search(r"\d", said):
        late = (today - day).days >= 7 and (today - day).days <= 30
        monday = day - timedelta(days=day.weekday())  # "later this week", said on a Tuesday: that week
        owed = f"the week of {monday.day} {monday:%b}"
        return (f"in {owed}", owed, True) if late else None
    if re.match(r"in (?:a|an|one|two|three|four|\d+|a few|a couple of) ", said):
        late = 3 < (today - day).days <= 30  # "in two weeks" is about then, not that very day
        owed = f"around {day.day} {day:%b}"
        return (owed, owed, True) if late else None
    if 0 < (today - day).days <= 30:
        return (f"on {short_day(day, today)}", short_day(day, today), True)
    return None


_AWAY = re.compile(
    r"\b(?:away|on leave|leave|off|out of (?:the )?office|ooo|on holiday|holidays?|vacation|travell?ing|abroad|"
    r"closed|shut|gone)\b|"
    # "she's in France 18/12 - 5/1", "visiting Lyon from 20 Dec": a place, then the days
    r"\b(?:in|to|visiting)\s+(?-i:[A-Z])[\w'’-]+(?=(?:\s+[A-Z][\w'’-]+)?\s+(?:from\s+)?\d{1,2}\b)",
    re.I,
)
_SPAN_DASH = re.compile(r"(?<=[A-Za-z\d.])\s*[-–—]\s*(?=\d)")  # "24 Dec-4 Jan", "20 Dec – 5 Jan"
_SPAN_TO = re.compile(r"(?<=[A-Za-z\d.])\s+(?:au|al|bis|до|по)\s+(?=\d)", re.I)  # "fermé du 24/12 au 4/01"


_BARE_DOTTED = re.compile(r"(?<![\w/.])(?<!from )(?<!since )(\d{1,2}\.\d{1,2}\.?)(?=\s+until\b)")


def away_span(text: str, day: date) -> tuple[date, date, str] | None:
    """A stretch they are away, said as two days ("on leave 24 Dec-4 Jan", "away from 23 Dec to 6 Jan"):
    its first and last day and the words that say it, or None."""
    for _start, clause in _clauses(text):
        if not _AWAY.search(clause):
            continue
        said = _SPAN_TO.sub(" until ", _SPAN_DASH.sub(" until ", clause))
        said = _BARE_DOTTED.sub(r"from \1", said)  # "Skiferien 21.12.–5.1.": a dotted day needs its lead
        days = said_days(said, day)
        # "off from 23 Dec for christmas, back 3 Jan": the day they are back ends it, whatever is between
        last = next((d for d in days[1:] if re.search(r"\bback\s+(?:on\s+)?$", said[: d.start], re.I)), None)
        last = last or (days[1] if len(days) >= 2 else None)
        if last and days[0].day < last.day and (last.day - days[0].day).days <= 62:
            between = said[days[0].start : last.end]
            if re.search(r"\b(?:to|until|till|through|thru|back)\b", between, re.I):
                # "in school until Mon 21 Dec then off until Tue 5 Jan": away from the day after the first
                first = days[0].day + timedelta(days=1) if days[0].lead in ("until", "till") else days[0].day
                return first, last.day, " ".join(clause.strip(" ,;:.").split())
    return None


_TOLD_NOT = re.compile(r"\b(?:not|don'?t|dont|no sooner|never)\b", re.I)


_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAYS = r"(?P<d>mon|tue|wed|thu|fri|sat|sun)(?:day|s)?s?"
# a day of the week they are closed or never take calls: "closed Mondays", "on Mondays closed", "not on Fridays"
_CLOSED_ON = re.compile(
    r"\b(?:closed|shut|off)\s+(?:on\s+|all\s+day\s+)?" + _DAYS + r"\b|"
    r"\b(?:on\s+)?"
    + _DAYS.replace("?P<d>", "?P<e>")
    + r"\s+(?:they\s+are\s+|it\s+is\s+|is\s+|are\s+)?(?:closed|shut|off)\b|"
    r"\b(?:no\s+calls?|don'?t\s+(?:call|ring)|never|not)\s+on\s+" + _DAYS.replace("?P<d>", "?P<f>") + r"s\b",
    re.I,
)


def _closed_day(sources: list[tuple[str, date]]) -> tuple[int, str] | None:
    """The day of the week the notes say they are closed, and the words that say it."""
    for text, _day in sources:
        for _start, clause in _clauses(text):
            if m := _CLOSED_ON.search(clause):
                short = (m["d"] or m["e"] or m["f"]).lower()
                weekday = next(i for i, name in enumerate(_WEEKDAY_NAMES) if name.startswith(short))
                return weekday, " ".join(clause.strip(" ,;:.").split())[:120]
    return None


def away_wait(
    sources: list[tuple[str, date]], today: date, wait: tuple[date, str] | None
) -> tuple[tuple[date, str] | None, tuple[str, ...]]:
    """While they are away, the wait runs to the first weekday after they are back; in the week before
    they go, the stretch is a thing to heed ("on leave 24 Dec-4 Jan": reach them before it). The wait
    already read, when it is still ahead, stands. On the day of the week they are closed ("los lunes
    cierra"), the call waits for the next open working day; on other days that is a thing to heed."""
    wait, heed = _leave_wait(sources, today, wait)
    closed = _closed_day(sources)
    if closed is None:
        return wait, heed
    weekday, words = closed
    if today.weekday() != weekday:
        return wait, (*heed, words)
    if wait and wait[0] > today:
        return wait, heed
    open_day = today + timedelta(days=1)
    while open_day.weekday() >= 5 or open_day.weekday() == weekday:
        open_day += timedelta(days=1)
    return (open_day, words), heed


def _leave_wait(
    sources: list[tuple[str, date]], today: date, wait: tuple[date, str] | None
) -> tuple[tuple[date, str] | None, tuple[str, ...]]:
    for text, day in sources:
        span = away_span(text, day)
        if span is None:
            continue
        first, last, words = span
        # the wait read from the leave itself ("on leave from Wed 23 Dec til 11 Jan") is no wait before it starts
        leave_only = (
            bool(wait)
            and first > today
            and wait[0] >= first
            and wait[1] in words
            and not _TOLD_NOT.search(wait[1])
        )  # but "away 12 Dec – 6 Jan, don't ring before the 7th" was said as a wait, and stands
        if wait and wait[0] > today and not leave_only:
            return wait, ()  # a wait of its own still ahead stands
        wait = None if leave_only else wait
        if first <= today <= last:
            back = last + timedelta(days=1)
            while back.weekday() >= 5:
                back += timedelta(days=1)
            return (back, words), ()
        last_day = first - timedelta(days=1)
        while last_day.weekday() >= 5:
            last_day -= timedelta(days=1)
        if 0 <= (last_day - today).days <= 7:
            by = "today" if last_day == today else f"by {day_words(last_day, today).removeprefix('on ')}"
            return wait, (f"{words}: reach them {by}",)
    return wait, ()


_NEEDS_IT_BY = re.compile(
    r"\bneeds? (?:it|them|that|this|those) (?:by|before|no later than)\b|"
    # "their budget closes Fri 18 Dec, after that it's next year's money": the price is needed before then
    r"\b(?:budget|books?|window|submissions?|call for \w+) (?:closes?|shuts?|is frozen|freezes)\b",
    re.I,
)


def needed_by(sources: list[tuple[str, date]]) -> tuple[date, str] | None:
    """The day a thing they asked for is needed, said apart from the ask ("wants an RA price for all 3"
    when you met; on the call, or later that day, "needs it by 15 jan"): the day and its words."""
    for text, on in sources:
        it = _NEEDS_IT_BY.search(text)
        day = next((d for d in said_days(text, on) if it and d.start >= it.start()), None)
        if day is not None:
            words = " ".join(text[day.start : day.end].split()).rstrip(" ,.;")
            if not words.startswith(("by ", "before ", "no later")):
                words = f"before {day.day:%a} {day.day.day} {day.day:%b}"  # "budget closes Fri 18 Dec"
            elif words.split(" ", 1)[-1].isupper():  # "by WED 23 DEC": by Wed 23 Dec
                words = f"{day.lead} {day.day:%a} {day.day.day} {day.day:%b}"
            return day.day, words
    return None


# what stands in the way of a yes before their decision: "price is the issue", "we're 12% above the other"
_SNAG = re.compile(
    r"[^.;!?\n]*\b(?:(?:price|cost|budget|timing|lead time|delivery time)s?\s+(?:is|are|was)\s+(?:the|their|a|an|our)?\s*"
    r"(?:(?:big|main|only|real)\s+)?(?:issue|problem|sticking point|worry|concern|hurdle|catch)|"
    r"\d+\s*%\s+(?:above|over|higher than|dearer than|more than|pricier than)|too (?:expensive|dear|pricey)|"
    r"over (?:the |their )?budget|(?:think|thinks|said) we(?:'re|’re| are) (?:dear|expensive|pricey))[^.;!?\n]*",
    re.I,
)


def snag_in(text: str | None) -> str:
    """The clause or two of the notes that say what stands in the way: "price is the issue, we're about
    12% above the other one"; "" when they name none."""
    found = _SNAG.search(text or "")
    return " ".join(found.group().split()).strip(" ,") if found else ""
