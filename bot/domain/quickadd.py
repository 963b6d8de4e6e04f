"""The `/met <text>` quick-add parser: one line in, a ParsedContact (or a ParseError saying what to fix) out.
bot.domain.quickadd_header reads the line's tokens, met date and header; this module turns them into
the checked contact (notes, the promise, the limits).

Pure: no Slack types, no I/O, no clock (`today` is passed in). Linear-ish in the input length; never raises.

Heuristics (SPEC §4 leaves these to us):
- Special tokens are found first, anywhere in the text: Slack mentions and links `<…>`, URLs
  (http/https/www), e-mails (plus tags allowed), phone numbers (valid for `phonenumbers`, stored as
  E.164). The first of each kind fills its field and is cut out of the text; extra ones stay in the notes.
- The notes colon is the first `:` outside those tokens and not inside a word, so
  `https://x.com:8443/a?b=c:d`, `10:30` and `re:Invent` never start the notes (`Jane:` and `Jane : x` do).
- NAME is everything before the first keyword. The first `of`/`from` starts the company; after that
  `of`, `from` and `&` are ordinary words (Bank of America, AT&T). Inside an event `of` is ordinary
  (Festival of Code) but `from` still starts the company; inside `via`, both belong to the referrer.
- A parenthesised group right after the name is the company, and nothing inside it is a keyword.
- `of`, `from`, `at`, `via`, `referred by`, `promised` count as keywords only when something follows
  them; `at` starts the event once, later `at`s belong to the event (PyCon at the Hilton); the first
  `at` ends a company.
- `via X`: X introduced you (`introducer`); you have met. `referred by X`: X suggested the contact and
  you have not spoken yet (`referred_by`, a warm lead). Inside either, `of` and `from` belong to it.
- `promised to ACTION [by DATE]` before the notes takes the rest of the line, with no keywords or
  dates of its own; in the notes, `promised (to) …`, `I'll send …`, `owe her …` up to the end of the
  sentence is the promise. Either is read by bot.domain.promises: the action (`promise`, "send the
  deck") and the deadline (`promise_due`, the next such day). The notes keep the words as typed.
- Dates anywhere: `today`, `yesterday`, `N days ago`, `N weeks ago`, `last <weekday>`, ISO `YYYY-MM-DD`.
  After `on` also a weekday (`fri`/`friday`), `Nov 20`, `20 Nov`, optionally with a year. A bare weekday
  is not a date (it may be part of an event name). `on friday` is the most recent Friday, today
  included (said on a Friday it means today); `last friday` is strictly before today. A month and day
  without a year is the most recent such day. The first date wins; later ones are plain words.
- A date it can't read is an error, never part of a name, company or event: `on 31/11`, `on 11/30`,
  `30.11.2026` (numbers with slashes or dots: day and month order differs, so it asks for `Nov 30` or
  an ISO date), `on next friday` / `on next week` (the day you met is not ahead), a day in the future,
  or one more than two years back.
- A name holds letters, marks, digits, spaces, apostrophes, hyphens, dots and commas (and emoji);
  any other character is an error naming it (bot.domain.names). Control characters and terminal
  escapes are removed from the whole text first.
- A Slack mention in the name position is the contact (`slack_user_id`; the name may then be empty); a
  mention in `via` or `referred by` is kept as `<@U…>`; mentions elsewhere stay as typed.
- Other Slack markup (`<!here>`, `<!channel>`, `<#C…|general>`, `<!subteam^S…|@eng>`) is removed from
  the name, the introducer and the referrer, which name people (SPEC §4); elsewhere it stays as typed.
- Tags: `#word` anywhere (or Slack's `<#C…|word>` channel link for it) is a tag (bot.domain.tags).
  Before the notes colon a tag is taken out of the text, so it never lands in a name, company or event;
  in the notes it is kept as typed (the notes are the user's words) and still counts as a tag.
- Words left over after a date or a parenthesised company go to the start of the notes.
- Fields are whitespace-collapsed and lose trailing punctuation (`Inc.`-style abbreviations keep their
  dot); notes keep their sentence punctuation. Limits: name 100, company/event/introducer/referrer 200,
  promise 500, notes 3000.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bot.domain.call_text import said_days
from bot.domain.contact_details import stray_phone, stray_phone_problem
from bot.domain.cue_words import in_english
from bot.domain.dates import numeric_in_order, spelled_dates
from bot.domain.jalali import jalali_spelled
from bot.domain.names import clean_text, name_problem
from bot.domain.promises import MAX_PROMISE, PromiseProblem, read_promise, with_article
from bot.domain.quickadd_header import (
    ParseError,
    _blanked,
    _clean,
    _DateProblem,
    _find_spans,
    _Header,
    _notes_colon,
    _parse_header,
    _Span,
    _tokens,
)
from bot.domain.tags import MAX_TAGS, tags_in, without_tags

MAX_NAME = 100
MAX_FIELD = 200
MAX_NOTES = 3000

EXAMPLE = "`/met Jane Doe of Acme at PyCon`"

MET_HELP = """*Log someone you just met* with one line:
`/met NAME [of COMPANY | (COMPANY)] [at EVENT] [on DATE] [via WHO | referred by WHO] \
[promised to ACTION by DATE] [: NOTES]`

• Start with the name; everything after it can come in any order.
• *When:* `today`, `yesterday`, `on friday`, `last tue`, `3 days ago`, `on 2026-11-20`, `on Nov 20`. \
Leave it out and I'll use today. Write days with a month name or as `2026-11-20`: `11/30` or \
`30.11.` can mean different days, so I ask instead of guessing.
• *Who put you in touch:* `via Sam` when Sam introduced you (you've met), `referred by Sam` when Sam \
suggested them and you haven't spoken yet. `@sam` works too.
• *A promise:* `promised to send the deck by friday` (or in the notes). The deadline becomes a \
reminder; I'll ask whether you kept it.
• *After a colon:* what you talked about, in your own words.
• Drop an e-mail, phone number, link or `@mention` anywhere and I'll file it in the right place.

*Examples*
• `/met Jane Doe of Acme at PyCon yesterday via @sam: hiring data engineers; promised her our \
pipeline checklist by friday. jane@acme.com +1 415 555 0100`
• `/met José Núñez (Bank of America) at Money20/20 on monday: wants the fraud-model write-up`
• `/met Olga Petrova of Yandex referred by Tom Baker: building a search team`
• `/met @priya from AT&T 3 days ago: ask about the Q1 pilot`
• `/met Wang Wei at the Shanghai meetup on 2026-11-20 +86 138 0013 8000`

Type `/met` on its own to fill in a form instead."""


@dataclass(frozen=True)
class ParsedContact:
    """What `/met <text>` understood. `met_on=None` means not given (the caller uses today)."""

    name: str
    company: str | None = None
    event: str | None = None
    met_on: date | None = None
    referred_by: str | None = None
    notes: str | None = None
    email: str | None = None
    phone: str | None = None
    url: str | None = None
    slack_user_id: str | None = None
    promise: str | None = None  # an action: "send the deck" (bot.domain.promises)
    introducer: str | None = None  # `via X`: X introduced you; you have met
    promise_due: date | None = None  # the promise's deadline, when it named one
    tags: tuple[str, ...] = ()  # `#investor` anywhere: "investor" (bot.domain.tags)


# --- cleaning --------------------------------------------------------------------------------------


_EMPTY_PARENS = re.compile(r"\(\s*\)|\[\s*\]")
_SPACE_BEFORE_PUNCT = re.compile(r" ([,.;:!?])")


def _clean_notes(text: str) -> str:
    text = " ".join(text.split())
    text = _EMPTY_PARENS.sub("", text)
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", " ".join(text.split()))
    text = text.lstrip(",;:-–—· ")
    return text.rstrip(",;:-–—· ")


# A promise in the notes runs to the end of its sentence (a dot followed by a space or the end).
# An abbreviation's dot before "+" or "&" runs on: "quote 4 ferment. boxes + 1 dryer", "prev. + photos".
_SENTENCE = r"((?:[^.;!?\n]|\.(?=\S|\s+[+&])){1,400})"
_PROMISE = re.compile(
    # "owe her one" is a favour owed, not a thing to send: the introduction it repays is known already
    r"\b(?:promised|i promise|owe(?=\s+(?:her|him|them)\b(?!\s+(?:one|a favou?r|big time)\b)))\s*[:\-–—]?\s+(?:to\s+)?"
    + _SENTENCE
    # "will intro me to Ragnar": their offer to you, never your promise (the object "me" says whose)
    # "I said I'd send our checklist by Fri 11 Dec", "told her I'd share the case study": yours too
    + r"|\b(?:i['’]?ll|i will|will|(?:i\s+)?(?:said|told (?:her|him|them))\s+i['’]?d)\s+"
    + r"((?:send|share|forward|intro|introduce)\b(?!\s+(?:me|us)\b|\s+(?:her|his|their)\s+own\b)"
    + _SENTENCE
    + ")",
    re.I,
)


# "before that", "by then": the day said just before the promise
_THAT_DAY = re.compile(r"\b(before|by)\s+(?:that|then)\b", re.I)


# a thing's name that is also a verb, right after "promised" without "to": the thing
_NOUN_FIRST = re.compile(
    r"(?:quote|price|prices|estimate|costing|list|sample|samples|spec|specs)\b(?!\s+(?:the|a|an|them|it|her|him)\b)",
    re.I,
)


# what they asked for just before a bare "I'll send": the thing the promise is about
_ASKED_FOR = re.compile(
    r"\b(?:asked(?: me| us)? for|wants?|wanted|requested)\s+([^,.;:()\n]+?)\s*(?=[,.;:()\n]|\s[-–—]\s|$)",
    re.I,
)


def _promise(
    text: str | None, today: date, day_first: bool | None = None, since: date | None = None
) -> tuple[str | None, date | None]:
    """The promise in `text` (the notes, or the words after `promised` in the header): its action
    and deadline. Raises _DateProblem when its deadline can't be read or has passed."""
    if not text:
        return None, None
    text = jalali_spelled(in_english(text), today)  # "prometi mandar … até 18/12", "qol dâdam tâ 15 Dey"
    m = _PROMISE.search(text)
    clause = (m.group(1) or m.group(2)) if m else None
    if not clause:
        return None, None
    if m.group(1) and _NOUN_FIRST.match(clause) and not re.search(r"\bto\s*$", text[m.start() : m.start(1)]):
        clause = f"the {clause}"  # "promised quote + refs by 24 Dec": a thing to send, not "to quote"
    if (ref := _THAT_DAY.search(clause)) and (days := said_days(text[: m.start()], today)):
        # "budget locks 30 Dec — promised her the quote BEFORE that": before 30 Dec
        d = days[-1].day
        clause = f"{clause[: ref.start()]}{ref.group(1).lower()} {d.day} {d:%b %Y}{clause[ref.end() :]}"
    if day_first is not None:  # "by Fri 12/11" in Tokyo: the day is read, and leaves the action
        clause = spelled_dates(clause, today, day_first) or clause
    read = read_promise(_clean(clause), today, since)
    if isinstance(read, PromiseProblem):
        raise _DateProblem(ParseError(read.message, "promise"))
    # "promis devis avant mer 9/12" reads "send a quote for" + a day: no preposition left hanging
    action = re.sub(r"\s+(?:for|of|to|on|with|about)$", "", read.action or "", flags=re.I)
    if action and len(action.split()) == 1 and (asked := _ASKED_FOR.findall(text[: m.start()])):
        action = (
            f"{action} {with_article(asked[-1].strip())}"  # "asked for quote X - told her i'd send by tue"
        )
    return action or None, read.due


# --- the parser ------------------------------------------------------------------------------------


def parse_met(
    text: str, today: date, default_region: str = "US", day_first: bool | None = None
) -> ParsedContact | ParseError:
    """Read `/met` quick-add text (SPEC §4). Never raises: anything unreadable becomes a ParseError.
    `day_first` is how the user's country writes numeric dates (True: 02/12 is 2 December; False:
    February 12; None: unknown, so a date like 02/12 is refused rather than guessed)."""
    try:
        text = clean_text(text or "")
        if day_first is not None:
            text = numeric_in_order(text, today, day_first)
        return _parse(text, today, (default_region or "US").upper(), day_first)
    except _DateProblem as problem:
        return problem.error
    except Exception:  # a parser bug must not turn into a Slack error page
        return ParseError(f"I couldn't make sense of that. Try the plain form, like {EXAMPLE}.")


def _parse(raw: str, today: date, region: str, day_first: bool | None = None) -> ParsedContact | ParseError:
    text = " ".join(raw.split())
    if not text:
        return ParseError(f"Tell me who you met, like {EXAMPLE}. Type `/met help` for more.", "name")
    spans = _find_spans(text, region)
    colon = _notes_colon(text, spans)
    tags = tags_in(text)
    if tags:
        head, notes_part = (text[:colon], text[colon:]) if colon >= 0 else (text, "")
        text = " ".join((without_tags(head) + notes_part).split())
        spans = _find_spans(text, region)
        colon = _notes_colon(text, spans)
    head_end = colon if colon >= 0 else len(text)
    if raw_phone := stray_phone(_blanked(text[:head_end], spans)):
        return ParseError(stray_phone_problem(raw_phone, region), "phone")
    h = _parse_header(_tokens(text, 0, head_end, spans), today)

    stray = _clean(" ".join(h.parts["extra"]))
    notes_text = _notes_body(text, colon, spans, h)
    notes = _clean_notes(" — ".join(p for p in (stray, _clean_notes(notes_text), " ".join(h.spare)) if p))

    name = _clean(" ".join(h.parts["name"]))
    company = h.company or _clean(" ".join(h.parts["company"])) or None
    event = _clean(" ".join(h.parts["event"])) or None
    introducer = _clean(" ".join(h.parts["via"])) or None
    referrer = _clean(" ".join(h.parts["referrer"])) or None
    promised = " ".join(h.parts["promise"])
    promise, promise_due = _promise(
        f"promised {promised}" if promised else notes,
        today,
        day_first,
        h.met_on if h.met_on != today else None,
    )

    if not name and not h.slack_user_id:
        return _no_name(h)
    if len(name) > MAX_NAME:
        return ParseError(
            f"That name is {len(name):,} characters long; names can be up to {MAX_NAME}. "
            "If part of it is notes, put a `:` before them.",
            "name",
        )
    if problem := name_problem(name):
        return ParseError(f"{problem} Details about them go after a `:` as notes.", "name")
    if promise and len(promise) > MAX_PROMISE:
        return ParseError(
            f"The promise is {len(promise):,} characters long; keep it to {MAX_PROMISE} "
            "and put the details in the notes.",
            "promise",
        )
    for label, value, fld in (
        ("company", company, "company"),
        ("event", event, "event"),
        ("introducer", introducer, "introducer"),
        ("referrer", referrer, "referred_by"),
    ):
        if value and len(value) > MAX_FIELD:
            return ParseError(
                f"The {label} is {len(value):,} characters long; keep it to {MAX_FIELD}. "
                "Put longer details after a `:` as notes.",
                fld,
            )
    if len(tags) > MAX_TAGS:
        return ParseError(f"That is {len(tags)} tags; keep it to {MAX_TAGS} per contact.", "tags")
    if len(notes) > MAX_NOTES:
        return ParseError(
            f"Your notes are {len(notes):,} characters long and the limit is {MAX_NOTES:,}, so nothing "
            "was saved. Shorten them and send it again; once the contact is saved, Edit can add more.",
            "notes",
        )
    return ParsedContact(
        name=name,
        company=company,
        event=event,
        met_on=h.met_on,
        referred_by=referrer,
        notes=notes or None,
        email=h.found.get("email"),
        phone=h.found.get("phone"),
        url=h.found.get("url"),
        slack_user_id=h.slack_user_id,
        promise=promise,
        introducer=introducer,
        promise_due=promise_due,
        tags=tags,
    )


def _notes_body(text: str, colon: int, spans: list[_Span], h: _Header) -> str:
    """The notes after the colon, with the first e-mail/phone/URL not yet found cut out into `h.found`."""
    if colon < 0:
        return ""
    pieces: list[str] = []
    pos = colon + 1
    for s in spans:
        if s.start > colon and s.kind in ("email", "url", "phone") and s.kind not in h.found:
            h.found[s.kind] = s.value
            pieces.append(text[pos : s.start])
            pos = s.end
    pieces.append(text[pos:])
    return " ".join(pieces)


_NO_NAME_HINTS = {
    "email": "I found an e-mail address but no name.",
    "phone": "I found a phone number but no name.",
    "url": "I found a link but no name.",
}


def _no_name(h: _Header) -> ParseError:
    found = next((_NO_NAME_HINTS[k] for k in ("email", "phone", "url") if k in h.found), None)
    lead = found or "I couldn't find a name."
    return ParseError(f"{lead} Start with who you met, like {EXAMPLE}.", "name")
