"""The things in a contact's notes (split from `case`): what went out ("sent her the CSRD article"), and
what a bare "the quote" was for. Pure."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.domain.talking_points.next_step import BOOKABLE as _BOOKABLE
from bot.domain.vocabulary import fold

# Something already handed over ("sent her the CSRD article", "shared our checklist"): never offered again
SENT_RE = re.compile(
    r"(?<!\bthe )(?<!\ba )(?<!\bour )(?<!\btheir )(?<!\bits )\b(?:sent|shared|forwarded|gave|emailed|e-mailed|passed on|handed|posted)\s+(?:(?:her|him|them)\s+)?"
    r"(?!(?:for|to|on|by|in|at|via|over|off|out|back|through|with|from|asking|requesting|about)\b)"
    r"(?!(?:a\s+|my\s+)?(?:hello|hi|greetings|thanks|thank you|note|quick note|msg|message|text)\b)"  # "sent hello"
    # "gave my mobile", "Koen gave me her name": a way to reach you, or a name given you, never a thing sent
    r"(?!(?:me|us)\b|(?:(?:her|him|them)\s+)?(?:my|our|his|her|their|[A-Z][\w-]*['’]s)\s+(?:mobile|number|no\b|nr\b|cell|"
    r"phone|card|details|contact|name|email|e-mail)\b)"  # "sent (him) Femke's no.": a name given, no thing
    r"(?P<obj>[^,.;\n]+)",
    re.I,
)
# The same said the other way round: "ballpark figure sent for the board pack", "quote emailed Tuesday"
SENT_AFTER_RE = re.compile(
    r"(?:^|[,.;:]\s*)(?!said\b|told\b|would\b|will\b|could\b|can\b|might\b)(?P<obj>(?:the |our |my |a |an )?[\w'’ -]{3,60}?)\s+(?:sent|emailed|e-mailed|"
    r"(?<!keep him )(?<!keep her )(?<!keep them )(?<!keep you )posted|"
    r"delivered|handed over|dropped off|shared)\b"
    # "quote emailed Tuesday", "samples delivered, she liked…"; never "would co-fund a shared run"
    r"(?=\s*(?:$|[,.;:!?\n(—–-]|(?:for|to|on|by|in|at|via|over|yesterday|today|this|last|earlier|already|and|but|"
    r"so|mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|\d)\b))(?P<tail>[^,.;\n]*)",
    re.I,
)

# the things people send: within a few words of a bare "wants …" they make it a thing to hand over
# ("wants a quote", "wants per-hectare numbers for drone vs plane"); a determiner alone is not enough
# ("wants a new hood", "wants kit that costs less to run": a need, something to sell them, not to send)
_DELIVERABLE = (
    r"numbers|figures|costings?|prices?|pricing|rates|quotes?|quotations?|pro ?formas?|invoices?|estimates?|"
    r"ballparks?|samples?|specs?|details|"
    r"references?|examples?|case stud(?:y|ies)|brochures?|deck|datasheets?|paperwork|certs|certificates?|"
    r"plans|drawings?|reports?|data|checklists?|templates?|contracts?|proposals?|info|information|"
    r"list|breakdown|comparison|photos|videos?|demo|walkthrough|trial|intro|introduction|visit|survey|tour|"
    r"walk-round|assessment|consultation|invite|invitation|links?|names?(?!\s+(?:\w+ed|sewn|on|in)\b)|contacts?|"
    r"guide|article|deck|(?:litres|liters|kwh|kg|hours|costs?|figures|rates?|prices?) per \w+|"
    r"policy|checklist|sheet|letter|copy|pack|cv|portfolio|menu|schedule|timeline|programme|agenda|cards?|"
    r"catalogues?|catalogs?|terms|price list|options|layouts?|designs?|mock-?ups?|sketches|renderings?|"
    r"pages?|(?:one|two|1|2)-?pagers?|memos?|summary|summaries|write-?ups?|overview|profile|tips?|piece|blurb|paragraph|column"
)
# a need that is a request for the user's thing: "wants our checklist", "wants quote drive-in racking"
ASKED_NEED = re.compile(r"(?:our|my) |(?:an? |the )?(?:quote|price|estimate|costing|ballpark)s?\b", re.I)
_BARE_THING = re.compile(r"the (quote|price|estimate|proposal|costing|ballpark)", re.I)


def _thing_of(text: str, noun: str) -> re.Match[str] | None:
    """ "quote drive-in racking ~40 bays", "a quote for 3 chillers": what a bare quote was for."""
    return re.search(
        rf"\b{noun}s?\s+(?:for\s+|on\s+)?(?!by\b|before\b|needed\b|due\b|asap\b|sent\b|in\b|coming\b|ready\b|arriving\b)"
        r"(?P<what>[\w~+-][\w~+' -]{2,40}?)(?=\s+(?:for|by|before|needs?|asap|so|on (?:his|her|their|my|the) desk)\b|[,.;:!?\n]|$)",
        text,
        re.I,
    )


def _sent_words(*texts: str | None) -> frozenset[str]:
    """The head words of what newer notes say went out: "sent the inspection checklist" → checklist,
    "sent quote request form" → form (never "quote": a request form is not the quote)."""
    found = (
        m
        for t in texts
        for m in (*SENT_RE.finditer(t or ""), *SENT_AFTER_RE.finditer(t or ""), *_THEY_HAVE.finditer(t or ""))
    )
    return frozenset(head for m in found if (head := head_word(m.group("obj"))))


# they have it now: "got our tariff", "has our rate card", "received my proposal", "read our case study"
_THEY_HAVE = re.compile(
    r"(?:^|[,.;:]\s*|\b(?:she|he|they)\s+)(?:got|has|have|has had|received|rec'?d|recvd|read)\s+(?P<obj>(?:our|my)\s+[^,.;\n]+)",
    re.I,
)


def gone_already(thing: str, gone: frozenset[str]) -> bool:
    """Whether a newer note says the thing went out: its head word ("the tariff sheet": sheet) or the
    word naming it ("tariff", when the note said "got our tariff")."""
    words = [w for w in re.findall(r"[a-z]{3,}", fold(_HEAD_CUT.split(thing)[0])) if w not in _NOT_A_THING]
    head = _PRICED.get(words[-1], words[-1]) if words else ""  # head_word's own reading, done once
    return bool(words) and (head in gone or (len(words) > 1 and words[-2] in gone))


def head_word(thing: str) -> str:
    """The word that says what a thing is: "the inspection checklist for the depot" → "checklist"."""
    words = [w for w in re.findall(r"[a-z]{3,}", fold(_HEAD_CUT.split(thing)[0])) if w not in _NOT_A_THING]
    return _PRICED.get(words[-1], words[-1]) if words else ""


# a price by any name: "sent the quote" answers "wants a price for a small digester"
_PRICED = dict.fromkeys(
    "quote quotes quotation price prices pricing estimate estimates costing costings ballpark budget proposal".split(),  # noqa: SIM905
    "price",
)


_HEAD_CUT = re.compile(
    r"\s(?:for|to|with|on|by|from|in|at|and|so|before|after|incl\.?|this|last|earlier|already|just)\s|"
    r"\s(?:today|yesterday|tonight)\b|\s*[+&(,]",
    re.I,
)
_NOT_A_THING = frozenset(
    "your their them with from that this today yesterday over about before after then first soon later asap now".split()  # noqa: SIM905
)  # "emailed the proposal after": the proposal

_THING_STOP = re.compile(
    r"\s+(?:by|before|after|on|next|this|tomorrow|today|when|once|if|since|because|as (?:she|he|they)|so (?:I|we)|and (?:I|we|she|he|they))\b.*$",
    re.I,
)
# what YOUR message asked them for: "asked for their last three bills", "asked her to send the floor plan"
# time together, asked for: "20 mins this week", "a call", "half an hour" — a meeting to fix, never a thing
TIME_TOGETHER = r"(?:(?:a|an|another|\d+|ten|fifteen|twenty|thirty|half an?)\s+)?(?:mins?|minutes?|hours?|call|chat|meeting|slot)\b"
_YOU_ASKED = re.compile(
    r"(?<!replied )(?<!wrote back )(?<!responded )(?<!answered )(?<!came back )"  # "she replied asking for": hers
    r"\b(?:asked|requested|asking|requesting)\s+(?:(?:her|him|them)\s+)?"
    r"(?:for\b|to send(?: me| us)?|to share|to forward|(?<=asking )(?=(?:the|their|his|her|exact|full|final)\s))\s*"
    r"(?=\S)(?!" + TIME_TOGETHER + r")"  # "asked for 20 mins this week": a meeting to fix, never a thing
    r"(?P<x>(?:[^,;.!?]|\.(?=[A-Za-z]))+)",  # "emailed asking exact room count + pillow sizes"
    re.I,
)


# Words in quotation marks are someone else's: "“I'll believe it when I see one running”" is what the
# contact said, never a step of the user's
_QUOTED = re.compile(r"\"[^\"\n]*(?:\"|$)|“[^”\n]*(?:”|$)|«[^»\n]*(?:»|$)|„[^“”\n]*(?:[“”]|$)")
# what "I'll …" says that is no deed: "I'll believe it when I see it", "I'll bet"
NO_DEED = re.compile(
    r"(?:believe|trust|bet|admit|wait and see|love|like|hate|be honest)\b|"
    # "said I'd think about it": no deed to keep; what they asked is the thing
    r"(?:think (?:about|on|over) (?:it|that|this)|think it over|mull (?:it|that) over|sleep on it|have a think)"
    r"\s*(?:[.;,!]|$)|"
    # "said I'd try again thu": another call, never a deed to keep
    r"(?:try|call|ring|phone)(?:\s+(?:her|him|them))?\s+(?:again|back|later)\b|"
    r"\s*$",  # "said I'd find out", with no question before it (see `checked`): nothing said to keep
    re.I,
)


def quoted_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where quoted speech starts and ends in `text`."""
    return tuple(m.span() for m in _QUOTED.finditer(text))


def quoted_at(spans: tuple[tuple[int, int], ...], position: int) -> bool:
    return any(a < position < b for a, b in spans)


# a question they put to you on the call: "asked which VGM method we can certify and a price per box"
_THEY_ASKED = re.compile(
    r"\b(?:she|he|they)?\s*(?:asked|wants? to know|wanted to know|needs? to know|would like to know)\s+"
    r"(?:me\s+|us\s+|from (?:me|us)\s+)?(?P<q>(?:which|what|how|when|whether)\s"
    r"(?!(?:I|we) (?:thought|think)\b)[^.;!?\n]{3,120})",
    re.I,
)


def asked_question(text: str | None) -> tuple[str, str] | None:
    """What they asked you to answer on a call ("which VGM method we can certify and a price per box"),
    as a thing to send ("an answer on which VGM method we can certify, and a price per box") and the
    clause it came from; None when the notes put no question to you."""
    found = _THEY_ASKED.search(text or "")
    if found is None:
        return None
    question = " ".join(found.group("q").split()).rstrip(" ,")
    # "how long the warranty runs, she'll pass on my answer": the question ends where the next clause starts
    question = re.split(r",\s*(?=(?:she|he|they|so|but|then|i|we)\b)|\s[-—–]\s", question, flags=re.I)[0]
    question = re.sub(r"\s+and\s+(an?|the)\s+(price|quote|cost|estimate)\b", r", and \1 \2", question)
    if chased := _WHEN_COMING.match(question):  # "asked when quote coming": they are chasing the quote
        return f"the {chased.group('thing')}", " ".join(found.group().split())
    return f"an answer on {question}", " ".join(found.group().split())


_WHEN_COMING = re.compile(
    r"when (?:the |our |my |his |her |their |your )?(?P<thing>[\w' -]{2,30}?) (?:is |are |was |will be |would be )?"
    r"(?:coming|arriving|ready|due|going out|on its way)\b",
    re.I,
)


_SHOUTED = re.compile(r"\b[A-Z]{2,}(?:\s+(?:\d+\s+)?[A-Z]{2,})+\b")  # "PRO FORMA", "FRI 18 DEC"
_DAY_OR_MONTH = re.compile(
    r"(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*", re.I
)


def unshout(text: str) -> str:
    """Words typed in capitals to stress them, said plainly: "a PRO FORMA" → "a pro forma", "by FRI 18
    DEC" → "by Fri 18 Dec"; a lone acronym ("RO", "CSSD") stays as it is."""

    def plain(m: re.Match[str]) -> str:
        return " ".join(w.title() if _DAY_OR_MONTH.fullmatch(w) else w.lower() for w in m.group().split())

    return _SHOUTED.sub(plain, text)


# What a request is not (read by case._deliverables)
# "wants to see a drone actually fly", "would like to see one running": a demonstration to book
_SEE_IT_WORK = re.compile(
    r"\b(?:fly|flying|run|running|working|work|in action|operate|operating|live|done|installed|in use|"
    r"at scale|charging|overnight|on site|in practice|for real|day to day|in hand|in person|up close)\b",
    re.I,
)
# "to see the hardware in hand": a chance to see the hardware
_IN_HAND = re.compile(r"\s+(?:in hand|in person|up close)$", re.I)
# "2 sample locks fitted on the new doors": a visit to book, not a parcel
_FITTED = re.compile(r"\b(?:fitted|installed|mounted|put in|set up)\s+(?:on|in|at|to)\b", re.I)
# "wants the damp sorted", "needs the boiler looked at": an outcome they want, a need, not a thing to send
_OUTCOME_WANTED = re.compile(
    r"\b(?:sorted|fixed|done|finished|resolved|solved|repaired|replaced|installed|upgraded|cleaned|"
    r"checked|serviced|looked at|sorted out|taken care of|dealt with|in place|up and running|in order|"
    r"in shape|up to date|ready|straight|compliant|tidied up)$",
    re.I,
)
# "Oct: one ship stuck 5 days waiting on certs": what happened once, no request
_ONCE = re.compile(
    r"\b(?:stuck|was|were|had|spent|sat|lost)\b|^\s*(?:in\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s*:",
    re.I,
)


# what follows "wants" that is no request: "wants to expand", and time together is no thing to send
VERB_AFTER_WANT = re.compile(
    r"^to\s+(?!see\b|read\b|get\b|have\b|review\b|receive\b)\w+|^" + TIME_TOGETHER + "|"
    # "wants to get paid earlier", "wants to get it sorted": a state they want, not a thing to send
    r"^(?:paid|done|sorted|fixed|started|going|rid|ahead|back|moving|approved|certified|registered|insured|"
    r"covered|funded|financed|listed|cleared|it (?:done|sorted|fixed))\b",
    re.I,
)

# "sent intro + asked for scooter models": what you asked for in your own message
YOU_WROTE = re.compile(
    r"\b(?:sent|emailed|e-mailed|email|e-mail|wrote|messaged|texted|left (?:a )?(?:message|voicemail|vm))\b"
    r".*(?:[+&,]|\band)\s*$",
    re.I,
)


# "before then", "before the inspector comes": a day said earlier in the note; "before he takes it … on 27 Dec"
BEFORE_THEN = re.compile(
    r"\b(?:before|by) (?:then|that|the (?P<who>\w+) (?:comes|arrives|visits|is here|starts|meets))\b|"
    r"\bbefore\s*[.;!?]*$",  # "fieldwork starts Mon 18 Jan, she needs the gap explained before"
    re.I,
)
BEFORE_IT = re.compile(r"\b(?:before|ahead of)\b", re.I)


# a list of things asked for with commas only: "reg cert, ISO 9001 copy, 3 customer refs, to her email"
_ITEM = (
    r"(?!(?:she|he|they|i|we|it|her|his|their|call|ring|then|to|by|before|after|for|via|in|on|at|so|but|"
    r"and|asap|please|pls|if|when|until|till|latest)\b)[\w'’/-][\w'’/ -]{1,40}?"
)
_COMMA_LIST = re.compile(rf"^\s*(?P<items>{_ITEM}(?:\s*,\s*{_ITEM}){{2,5}})\s*(?=,|$)", re.I)


def listed_things(words: str) -> str:
    """ "company reg cert, ISO copy, 3 refs, to her email" → "company reg cert, ISO copy and 3 refs"
    (three to six short items); "" when the words are no such list."""
    found = _COMMA_LIST.match(words)
    if not found:
        return ""
    items = [" ".join(item.split()) for item in found.group("items").split(",")]
    if any(len(item.split()) > 5 for item in items) or sum(len(i.split()) for i in items) > 16:
        return ""
    return f"{', '.join(items[:-1])} and {items[-1]}"


# what "wants to see" can be sent: papers and numbers ("wants to see the figures"); anything else is
# to be seen in person ("wants to see the mats at her site office": a visit to fix, never a parcel)
SEEN_PAPER = re.compile(
    r"^(?:numbers|figures?|costings?|prices?|pricing|rates|quotes?|estimates?|ballparks?|specs?|details|"
    r"references?|study|studies|brochures?|deck|datasheets?|paperwork|certs?|certificates?|plans?|drawings?|"
    r"reports?|data|checklists?|templates?|contracts?|proposals?|list|breakdown|comparison|photos|videos?|"
    r"policy|sheets?|letter|copy|pack|terms|options|layouts?|designs?|results|tests?|summary|accounts|cv|logs?|"
    r"records|register|manuals?|files?|samples?|invoices?|minutes|books?|statements?|certs?|evidence|proof|"
    r"agreements?|forms?|grids?|fees|directory)$",
    re.I,
)


def said_with_tail(text: str, start: int, end: int, clause_end: int) -> str:
    """ "before Friday's review", not "before Friday's": up to three words more to the clause's end."""
    tail = text[end:clause_end]
    cut = re.split(r"[,;:]", tail, maxsplit=1)[0]
    if len(cut.split()) <= 3:
        end += len(cut)
    return " ".join(text[start:end].strip(" ,;:").split())


_PAPERS = frozenset(
    [
        "report",
        "certificate",
        "cert",
        "sheet",
        "list",
        "letter",
        "summary",
        "result",
        "pdf",
        "file",
        "document",
        "quote",
    ]
)


_A_PRICE_FOR = re.compile(
    r"(?:the |a |an |our )?(?:quote|quotation|price|pricing|estimate|costing|proposal)s?\b", re.I
)


def ask_action(thing: str) -> str:
    """ "book a demo", "make the intro", "send the quote": what doing a thing they asked for is."""
    core = re.split(r"\s+(?:with|w/|incl\.?|including)\s+", thing, maxsplit=1, flags=re.I)[
        0
    ]  # "… WITH certs"
    folded = [fold(w).rstrip("s") for w in core.split()]
    if folded and (
        folded[-1] in _PAPERS or _A_PRICE_FOR.match(core)
    ):  # "the survey report", "quote (for) a survey"
        return f"send {thing}"
    if folded and folded[-1] in ("date", "slot", "day"):  # "a date from me": a day to fix, not a paper
        return f"book {thing}"
    if any(w in _BOOKABLE for w in folded[:3]) or folded[-1] in _BOOKABLE:
        return f"book {thing}"
    if "intro" in folded[:4] or "introduction" in folded[:4]:
        return f"make {thing}"
    return f"send {thing}"


# "needs 3 comparable quotes on file": yours is one of them, not all three
SEVERAL_QUOTES = re.compile(
    r"(?:the\s+)?(?:\d+|two|three|four|several|multiple)\s+(?:\w+\s+)?(?:quotes|quotations|bids|estimates)\b",
    re.I,
)


_QUARTER = re.compile(r"\b[QH][1-4]\b", re.I)
_ACRONYM = re.compile(r"[A-Z][A-Z0-9]{1,5}s?")  # "asked for SDS", "asked for COAs": one word that is a thing


# "wants a good lawyer", "would like a supplier": a person to find is a need (an introduction), not a thing
_PEOPLE = re.compile(
    r"\b(?:supplier|partner|lawyer|attorney|accountant|designer|developer|agency|vendor|provider|consultant|"
    r"advisor|adviser|mentor|cfo|cto|coo|hire|candidate|investor|contractor|someone|somebody|person|people|"
    r"expert|specialist|installer|freelancer|coach|recruiter|head of|manager|engineer|\w*keeper|\w*ician|"
    r"\w*grapher|\w*writer|caterer|plumber|architect|builder|translator|auditor|broker|agent|buyer|"
    r"distributor|wholesaler|retailer|manufacturer|landlord|therapist|nanny|tutor|mechanic)s?\b",
    re.I,
)


def names_a_person(thing: str) -> bool:
    """Whether a wanted thing is a person to find ("a good broker in Khujand"), not a paper of theirs
    that names one ("our broker contract", "the supplier list"): the person word is not a modifier."""
    for found in _PEOPLE.finditer(" ".join(thing.split()[:4])):
        after = thing[found.end() :].split()
        per = (
            re.search(r"\b(?:per|each)\s*$", thing[: found.start()], re.I) and found.group().lower() == "hire"
        )
        if not (per or (after and SEEN_PAPER.match(after[0].lower().strip(",.;:")))):  # "fee per hire"
            return True
    return False


_DETERMINER_FIRST = re.compile(
    r"^(?:a|an|the|our|my|your|his|her|their|some|more|two|three|four|five|several|a few|one|something|anything|it|them|this|that|these|those|\d+)\b",
    re.I,
)
_ABSTRACT = re.compile(
    # "wants steady contract work", "wants more clients": custom to find for them, never a thing to send
    r"\b(?:answer|reply|response|update|word|steer|view|opinion|idea|ideas|sense|feel|work|jobs?|contracts?|"
    r"business|clients?|customers?|orders?|buyers?|tenants?|groups?|grps|guests?|bookings?|tourists?|visitors?|pax)s?"
    r"(?:\s+(?:in|for|during|over|from|this|next|all)\s+[\w-]+)?$",  # "wants tour grps in winter": custom
    re.I,
)


def abstract_want(thing: str) -> bool:
    """Whether what they want is to hear something or to win custom ("an update", "more clients",
    "tour groups in winter"): never a thing to send."""
    found = _ABSTRACT.search(thing)
    return bool(found) and len(thing[: found.start()].split()) + 1 <= 3


_PART_OF = re.compile(r"\s+(?:in|for|on|with|into)\s+(?:the|our|your|that|this)\s+([\w-]+)$", re.I)


def refined(newer, older):
    """ "wants interpreter options in the quote" after "asked for a quote by Fri 18 Dec": the quote with
    the interpreter options, still by Fri 18 Dec (both Deliverables); None when the newer ask is not a
    part of the older one, or has a date of its own."""
    if newer is None or older is None or newer.by or not older.by:
        return None
    part = _PART_OF.search(newer.thing)
    if not part or head_word(part.group(1)) != head_word(older.thing):
        return None
    extra = newer.thing[: part.start()]
    said = {"thing": f"{older.thing} with {extra}", "action": f"{older.action} with {extra}"}
    return replace(older, **said, note=newer.note, from_call=newer.from_call)  # asked again on the call


_STAND_IN = re.compile(r"\b(?:example|sample|copy|version|draft|template|mock-?up|one)$", re.I)


def _stand_in_for(mine: str, theirs: str) -> bool:
    """Whether your step names a stand-in for what they want ("a worked example" of "a filled-in
    declaration"), not the same thing said twice ("the sample" of "a sample panel")."""
    return bool(_STAND_IN.search(mine)) and len(mine.split()) <= 3 and head_word(mine) not in theirs


# "asked for the case study - sent it by e-mail same day": what they asked for went in that breath
_SENT_BACK = re.compile(
    r"^[^.;]*?[-—–,;]\s*(?:and\s+)?(?:i\s+)?(?:sent|emailed|e-mailed|mailed|forwarded)"
    r"(?:\s+(?:it|them|this|those|over|across|off))?(?:\s+(?:by|via|the same|same|that|right|straight|at once)\b|\s*(?:$|[,.;!]))",
    re.I,
)


def sent_back(d) -> bool:
    """Whether what they asked for (a Deliverable of theirs) went in the same breath."""
    thing = re.sub(r"^(?:the|a|an|our|your|some)\s+", "", d.thing.lower())  # "the case study" as "case study"
    at = d.note.lower().find(thing)
    return d.theirs and at >= 0 and bool(_SENT_BACK.search(d.note[at + len(thing) :]))


# "asked if a purifier fixes that?? said I'd check": what you are to check is their question
_BARE_CHECK = re.compile(
    r"(?:check|find out|look into it|look into that|see|confirm|ask around)[\s?!.]*", re.I
)
_ASKED_IF = re.compile(r"\basked (?:me |us )?(?:if|whether) (?P<q>[^.;?!]{3,80})", re.I)


def checked(found: re.Match, before: str, theirs: bool, on_its_way: bool = False) -> str:
    """A step's words ("send …" for a thing on its way), with a bare "check" said after their question
    (in `before`) made whole: "check whether a purifier fixes that"."""
    rest = found.group("rest")
    if on_its_way:
        return f"send {rest}"
    asked = None if theirs or not _BARE_CHECK.fullmatch(rest) else list(_ASKED_IF.finditer(before))[-1:]
    if asked:
        return f"check whether {asked[0]['q'].strip()}"
    bare = not theirs and _BARE_CHECK.fullmatch(rest) and not re.search(r"\basked\b", before, re.I)
    return "" if bare else rest  # "said I'd find out", about nothing they asked: no deed


_MY_THING = re.compile(r"^((?:[^\W\d_]+\s+){0,2})my\b", re.I)


def ours(thing: str, theirs: bool) -> str:
    """What they asked for: "asked my rate" in the user's notes is the firm's rate, "our rate", right in a
    reason to the user and in words said to the contact alike (never "asked you for my rate"). A step of
    the user's own keeps their words ("check with my partner")."""
    return _MY_THING.sub(r"\1our", thing, count=1) if thing and theirs else thing
