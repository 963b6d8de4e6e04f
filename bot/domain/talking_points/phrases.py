"""Phrases the templates are filled with: a promise as an action, said to the contact; how late it is;
days in words; an offer's title as a short name; the next step named in a call's notes.

Every function is pure and cached: the digest calls them for every due contact of every user.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from bot.domain.promises import with_article
from bot.domain.talking_points.spoken_verbs import _YOU_VERB, _plain_verb
from bot.domain.vocabulary import MONTH_WORDS, WEEKDAY_NAMES, WEEKDAY_WORDS, fold

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DETERMINERS = frozenset(
    [
        "the",
        "a",
        "an",
        "our",
        "my",
        "your",
        "his",
        "her",
        "their",
        "this",
        "that",
        "these",
        "those",
        "some",
        "any",
        "another",
        "one",
        "two",
        "three",
    ]
)

# ---------------------------------------------------------------------------------------------------
# Promises


@lru_cache(maxsize=1 << 12)
def as_action(promise: str) -> str:
    """The promise as an action verb phrase. The parser stores actions already ("send the deck"); text
    stored before it may be a bare thing ("our pipeline checklist", "the intro to Li"), which becomes
    "send our pipeline checklist" / "make the intro to Li". "intro her to X" reads "introduce her to X"."""
    text = " ".join(promise.split()).strip(" .;,").replace(" + ", " and ").replace(" & ", " and ")
    text = re.sub(r"^(?:(?:i\s+)?promised\s+(?:to\s+)?|i\s+will\s+|i'll\s+|to\s+)", "", text, flags=re.I)
    if not text:
        return promise.strip()
    first, _, rest = text.partition(" ")
    low = first.lower()
    if low == "intro" and rest:
        return f"introduce {rest}"
    if low in _DETERMINERS:
        head = rest.split(" ", 1)[0].lower() if rest else ""
        verb = "make" if head in ("intro", "introduction") else "send"
        return f"{verb} {low} {rest}".rstrip()
    # "send him quote for the audit" → "send him the quote for the audit": said aloud, with its article
    return (
        f"{first} {with_article(rest)}"
        if rest and low in ("send", "get", "share", "email", "forward")
        else text
    )


# "them" is the contact only as the object of a verb said to people ("send them the price", "introduce
# them to Ana"); "the video on how to close them" is about things and keeps its "them"
_TO_PEOPLE = frozenset(
    [
        "introduce",
        "intro",
        "tell",
        "call",
        "ring",
        "remind",
        "invite",
        "connect",
        "help",
        "put",
        "ask",
        "meet",
        "visit",
        "update",
        "phone",
        "brief",
        "walk",
        "take",
        "let",
    ]
)
_GIVING = frozenset(
    [
        "get",
        "send",
        "give",
        "bring",
        "email",
        "e-mail",
        "mail",
        "show",
        "forward",
        "pass",
        "lend",
        "hand",
        "text",
    ]
)
_AFTER_OBJECT_HER = _DETERMINERS | frozenset(
    ["to", "about", "over", "up", "in", "on", "at", "with", "for", "into", "through", "along", "back"]
)


@lru_cache(maxsize=1 << 12)
def spoken(action: str, first_name: str) -> str:
    """The action as said to the contact: "introduce her to our CTO" -> "introduce you to our CTO",
    "send Olga their deck" -> "send you your deck"."""
    words = action.split(" ")
    first = fold(first_name)
    out: list[str] = []
    verb_of_you = False
    for i, word in enumerate(words):
        low = word.lower()
        following = words[i + 1] if i + 1 < len(words) else ""
        own_name = bool(first) and fold(word) == first and not following[:1].isupper()
        if verb_of_you:  # "plants he can call" → "plants you can call", "he needs" → "you need"
            verb_of_you = False
            out.append(_YOU_VERB.get(low) or (_plain_verb(word) if low.endswith("s") else word))
        elif low in ("he", "she") and i > 0 and not any(w[:1].isupper() for w in words[1:i]):
            # "intro him to Ana, she …" is Ana: only a he or she with no one else named before it
            out.append("you")
            verb_of_you = True
        elif (
            own_name
            or low == "him"
            or (low == "them" and i > 0 and words[i - 1].lower() in _GIVING | _TO_PEOPLE)
        ):
            out.append("you")
        elif low == "her":
            # "get her Malle Org's number": her as the one it goes to, before a name, is "you"
            to_her = not following or following.lower() in _AFTER_OBJECT_HER or following[:1].isupper()
            given = not to_her and i > 0 and words[i - 1].lower() in _GIVING and following[:1].isalnum()
            given = given and "back" not in words[i + 1 :]  # "send her report back": hers, returned
            # "get her test results": to you, and the results ("get you the test results", "send you 3 quotes")
            out.append(
                ("you the" if following[:1].isalpha() else "you") if given else "you" if to_her else "your"
            )
        elif low in ("his", "their"):
            out.append("your")
        elif low in ("himself", "herself", "themselves"):
            out.append("yourself")
        else:
            out.append(word)
    return " ".join(out)


def late_words(days: int) -> str:
    """ "a day late", "17 days late", "5 weeks late", "over 5 weeks late": a count the user can check."""
    if days <= 1:
        return "a day late"
    if days <= 31:
        return f"{days} days late"
    return f"{days // 7} weeks late" if days % 7 == 0 else f"over {days // 7} weeks late"


# ---------------------------------------------------------------------------------------------------
# Days


def short_day(day: date, today: date) -> str:
    """ "Fri 4 Dec", with the year when it is not this year's."""
    text = f"{WEEKDAY_NAMES[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"
    return text if day.year == today.year else f"{text} {day.year}"


def next_week_words(today: date) -> str:
    """ "next week", or "in the week of Mon 4 Jan" when next week holds Christmas Day or New Year's
    Day: a time to suggest for a call that most people can keep."""
    monday = today + timedelta(days=7 - today.weekday())
    while any((monday + timedelta(days=n)).strftime("%m-%d") in ("12-25", "01-01") for n in range(5)):
        monday += timedelta(days=7)
    return (
        "next week" if monday - today <= timedelta(days=7) else f"in the week of {short_day(monday, today)}"
    )


_PLAIN_DATE_WORDS = (
    frozenset(MONTH_WORDS)
    | frozenset(WEEKDAY_WORDS)
    | frozenset("by before until till on the at latest eod cob end of day next this st nd rd th".split())  # noqa: SIM905
)


_TIME_TAIL = re.compile(r",?\s+(?:before|by|ahead of|in time for|until|till)\s+[^,;]*$", re.I)


def fit_words(text: str, limit: int) -> str:
    """`text` within `limit` characters without cutting a phrase: a trailing "before the Old Year's
    rush" goes first (the day is said elsewhere), then the words after the last comma; else "" (clip)."""
    while len(text) > limit:
        shorter = _TIME_TAIL.sub("", text)
        if shorter == text:
            shorter = text.rsplit(",", 1)[0] if "," in text else ""
        if not shorter or len(shorter) < limit // 3:
            return ""
        text = shorter.rstrip(" ,;")
    return text


def plain_by(by_words: str, day: date, today: date) -> str:
    """ "by dec 28 latest" → "by Mon 28 Dec": a deadline said only as a date is said our way; one tied
    to something of theirs ("before her board meets on the 20th") is not (""), so it keeps their words."""
    tokens = re.findall(r"[a-z]+|\d+", fold(by_words))
    if not tokens or not all(t.isdigit() or t in _PLAIN_DATE_WORDS for t in tokens):
        return ""
    lead = tokens[0] if tokens[0] in ("by", "before", "until", "till") else "by"
    return f"{lead} {short_day(day, today)}"


def day_words(day: date, today: date) -> str:
    """ "today", "tomorrow", "yesterday", else "on Fri 4 Dec": fits "you're meeting {…}" and "you met {…}"."""
    days = (day - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    return f"on {short_day(day, today)}"


# ---------------------------------------------------------------------------------------------------
# Offers as names

_LABELS = {
    "case study": "case study",
    "etude de cas": "case study",  # the label in the user's own language: "Étude de cas : …"
    "estudio de caso": "case study",
    "caso de estudio": "case study",
    "caso de exito": "story",
    "caso di studio": "case study",
    "estudo de caso": "case study",
    "fallstudie": "case study",
    "client story": "story",
    "customer story": "story",
    "success story": "story",
    "story": "story",
    **dict.fromkeys(("invitation", "invite", "event", "invitacion", "evento"), ""),
    **dict.fromkeys(("case", "caso"), "case study"),  # "Case: a café cut waste by 40%"
    "articulo": "article",
    **{
        w: w
        for w in "webinar workshop meetup guide checklist template article report talk video tool".split()  # noqa: SIM905
    },
}
_STORY_LABELS = frozenset({"case study", "story"})
_NOUN_LABELS = frozenset({"guide", "checklist", "template", "article", "report", "talk", "video", "tool"})
_NAME_NOUNS = (
    "checklist",
    "template",
    "guide",
    "playbook",
    "primer",
    "scorecard",
    "report",
    "article",
    "kit",
    "audit",
    "workshop",
    "webinar",
    "dinner",
    "breakfast",
    "lunch",
    "meetup",
    "talk",
    "video",
    "course",
    "deck",
)
_CUT_WORDS = frozenset(
    ["for", "on", "about", "to", "with", "that", "in", "from", "at", "by", "-", "–", "—", "|"]
)
_QUESTION_WORDS = frozenset(
    ["how", "what", "why", "when", "where", "who", "we", "i", "our", "my", "the", "a", "an"]
)
_EVENT_LABELS = frozenset(
    ["webinar", "workshop", "masterclass", "seminar", "talk", "clinic", "session", "course"]
)
_ASKING = frozenset(["how", "what", "why", "when", "where", "who", "which"])
_TITLE_SPLIT_RE = re.compile(r"^([^:–—|]{1,30}?)\s*(?::|–|—|\|| - )\s*(.+)$")


def _is_capitalized(word: str) -> bool:
    return word[:1].isupper() or not word[:1].isalpha()


@lru_cache(maxsize=1 << 12)
def offer_name(title: str, kind: str) -> str:
    """A short name for an offer, to use inside a sentence ("Share {offer_name} with Jane"):
    "Case study: how Northwind cut churn 30%" -> "the Northwind case study";
    "Invitation: Founders & Operators dinner" -> "the Founders & Operators dinner";
    "Hiring scorecard for engineering managers" -> "our hiring scorecard";
    "Data Breakfast Berlin" (a name) stays as it is. `kind` is offer, client_success or invite."""
    text = " ".join(title.split()).strip(" .!")
    label: str | None = None
    body = text
    split = _TITLE_SPLIT_RE.match(text)
    if split and fold(split.group(1)) in _LABELS:
        label, body = _LABELS[fold(split.group(1))], split.group(2).strip()
    words = body.split()
    if not words:
        return "our offer" if kind != "invite" else "the event"
    if label in _NOUN_LABELS and len(words) > 12 and re.search(r"\s[—–-]\s", body):
        body = re.split(r"\s[—–-]\s", body, maxsplit=1)[0]  # "Article: keeping food safe on board — logs …"
        words = body.split()
    if label in _NOUN_LABELS and kind != "invite" and 2 <= len(words) <= 12:
        # "Checklist: acoustics before you open a new hotel" → our checklist, "Acoustics before you …";
        # a long one up to a word that starts its tail: "Running rooftop solar alongside your diesel genset"
        cut = next(
            (k for k in range(4, len(words)) if fold(words[k]) in _CUT_WORDS | {"without", "when", "so"}), 0
        )
        body = " ".join(words[:cut]) if len(body) > 48 and cut else body
        return f'our {label}, "{body[:1].upper()}{body[1:]}"'
    if label in _STORY_LABELS or (label is None and kind == "client_success"):
        noun = label if label else ("case study" if "case study" in fold(text) else "story")
        for k, word in enumerate(words):
            core = word.strip("'\".,;:!?()")
            if not core or (k == 0 and fold(core) in _QUESTION_WORDS) or fold(core) in _QUESTION_WORDS:
                continue
            if _is_capitalized(core) and core[:1].isalpha():
                run = [core]  # the client's whole name: "Granja Porcina El Guarco", "Lumen Labs"
                for raw in [] if word[-1:] in ",:;" else words[k + 1 : k + 4]:
                    more = raw.strip("'\".,;:!?()")
                    if not more[:1].isalpha() or not (
                        _is_capitalized(more)
                        or more in ("El", "La", "de", "del")
                        or (more[1:2] in "'’" and more[2:3].isupper())  # "Coll d'Ordino"
                    ):
                        break
                    run.append(more)
                    if raw[-1:] in ",:;":
                        break
                name = " ".join(run).removesuffix("’s").removesuffix(chr(39) + "s")
                return f"the {name} {noun}"
        about = re.split(r"\s*[(—–]|\s-\s|\s(?:after|before|with|by|in|for)\s", body, maxsplit=1)[0]
        quoted = f'"{about[:1].upper()}{about[1:]}"'  # our case study, "Merging 3 retail loyalty databases"
        return f"our {noun}, {quoted}" if 2 <= len(about.split()) <= 7 else f"our {noun}"
    head, colon, tail = body.partition(":")
    if colon and kind != "invite" and 1 <= len(head.split()) <= 4 and fold(head.split()[-1]) in _NAME_NOUNS:
        # "Pre-audit checklist: 14 documents to pull together …" → our pre-audit checklist
        return f"our {head[:1].lower() if not head[1:2].isupper() else head[:1]}{head[1:]}"
    dash_head, dashed, dash_tail = (
        re.split(r"\s[—–-]\s", body, maxsplit=1)[0],
        " — " in body or " - " in body,
        "",
    )
    if dashed and label is None and kind != "invite":
        dash_tail = re.split(r"\s[—–-]\s", body, maxsplit=1)[1]
        if (
            2 <= len(dash_head.split()) <= 6
            and fold(dash_tail.split()[0] if dash_tail.split() else "") in _ASKING
        ):
            # "Ice dams on flat roofs — why internal drains freeze …" → our piece on ice dams on flat roofs
            return f"our piece on {dash_head[:1].lower() if not dash_head[1:2].isupper() else dash_head[:1]}{dash_head[1:]}"
    asked = head.split() if label is None and kind != "invite" and fold(words[0]) in _ASKING else []
    if asked and not any(fold(w).strip(",;:.") in _NAME_NOUNS for w in tail.split()):
        # "Why insurers care about pre-1981 buildings" → our piece on why insurers care about …
        cut = next((k for k in range(4, len(asked)) if fold(asked[k]) in _CUT_WORDS), len(asked))
        said = " ".join(asked[: cut if len(asked) > 10 else len(asked)]).rstrip(",;")
        return f"our piece on {said[:1].lower()}{said[1:]}"
    if (
        colon
        and kind != "invite"
        and 1 <= len(head.split()) <= 5
        and fold(tail.split()[0] if tail.split() else "") in _ASKING
    ):
        topic = head.split()  # "EU PPWR: what changes for export cartons" → "our piece on EU PPWR"
        topic[0] = (
            topic[0] if topic[0][1:2].isupper() or topic[0].isupper() else topic[0][:1].lower() + topic[0][1:]
        )
        return f"our piece on {' '.join(topic)}"
    noun = next((n for n in _NAME_NOUNS if n in [fold(w).strip(",;:.") for w in tail.split()]), None)
    if colon and kind != "invite" and noun and fold(head.split()[0]) in _ASKING and len(tail.split()) <= 5:
        return "our " + re.sub(
            r"^(?:an?|the|our)\s+", "", tail.strip(), flags=re.I
        )  # "Why oak splits…: a checklist"
    if colon and kind != "invite" and noun and 1 <= len(head.split()) <= 5 and noun not in fold(head):
        topic = head.split()  # "Container rain: a 12-point checklist for …" → "our container rain checklist"
        topic[0] = (
            topic[0] if topic[0][1:2].isupper() or topic[0].isupper() else topic[0][:1].lower() + topic[0][1:]
        )
        return f"our {' '.join(topic)} {noun}"
    head, colon, _ = body.partition(":")
    if colon and kind == "invite" and label is None and 1 <= len(head.split()) <= 4:
        # "Yard day: forklifts on battery power, Fri 15 Jan": the event by its name before the colon
        topic = head.split()
        topic[0] = topic[0] if topic[0][1:2].isupper() else topic[0][:1].lower() + topic[0][1:]
        return f"the {' '.join(topic)}"
    for k in range(2, len(words)):
        if fold(words[k]) in _CUT_WORDS or words[k - 1].endswith(","):
            words = words[:k]
            break
    if (
        kind == "invite"
        and label in _EVENT_LABELS
        and 2 <= len(words) <= 10
        and not _is_capitalized(words[1])
    ):
        # "Webinar – Writing manuals that translate cleanly (Wed 20 Jan)": the webinar, by its subject
        subject = re.sub(r"\s*\(.*$", "", body).strip(" ,;:")
        return f'the {label} "{subject[:1].upper()}{subject[1:]}"'
    if kind == "invite" and len(words) > 1 and fold(words[-1]) in ("invite", "invitation"):
        words = words[:-1]
    words = [w.strip(",;:") for w in words if w.strip(",;:")]
    folded = [fold(w) for w in words]
    if len(words) > 5:
        noun = next((n for n in _NAME_NOUNS if n in folded), None)
        if noun:
            # "Flat-roof snow clearing: 12-point safety checklist" → "our flat-roof snow clearing checklist"
            head, colon, _ = body.partition(":")
            topic = head.split()
            if colon and 1 <= len(topic) <= 5 and noun not in fold(head) and kind != "invite":
                topic[0] = topic[0] if topic[0][1:2].isupper() else topic[0][:1].lower() + topic[0][1:]
                return f"our {' '.join(topic)} {noun}"
            return f"the {noun}" if kind == "invite" else f"our {noun}"
        head, colon, _ = body.partition(":")
        if colon and 1 <= len(head.split()) <= 6 and kind != "invite":
            topic = head.split()
            topic[0] = topic[0] if topic[0][1:2].isupper() else topic[0][:1].lower() + topic[0][1:]
            return f"our piece on {' '.join(topic)}"  # "Harness inspection: how often…"
        return "the event" if kind == "invite" else "our write-up"
    if (
        all(_is_capitalized(w) for w in words if fold(w) not in _CUT_WORDS and fold(w) != "&")
        and len(words) > 1
    ):
        if kind == "invite" and folded[-1] not in _NAME_NOUNS:
            return " ".join(words)  # a proper name: "Data Breakfast Berlin"
        return "the " + " ".join(words) if folded[0] not in _DETERMINERS else " ".join(words)
    if words[0][:1].isupper() and not words[0].isupper() and all(not w[:1].isupper() for w in words[1:]):
        words[0] = words[0][:1].lower() + words[0][1:]  # sentence case: "Pipeline checklist"
    if fold(words[0]) in _DETERMINERS:
        words[0] = words[0].lower()
        return " ".join(words)
    return ("the " if kind == "invite" or label == "" else "our ") + " ".join(words)


_ISO_DAY = re.compile(
    r"\b(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(\d{4})-(\d{2})-(\d{2})\b", re.I
)  # "back Mon 2027-01-11": the weekday is said again with the day


def _said_day(m: re.Match, today: date) -> str:
    try:
        return short_day(date(int(m.group(1)), int(m.group(2)), int(m.group(3))), today)
    except ValueError:
        return m.group()


def iso_days_said(value: str, today: date) -> str:
    """ISO days in a value said as days: "before her owners' meeting on 2027-01-08" → "on Fri 8 Jan"."""
    return _ISO_DAY.sub(lambda m: _said_day(m, today), value) if _ISO_DAY.search(value) else value


def _said(words: str, in_role: bool) -> str:
    """Words from the notes inside a sentence: "Invests in seed" -> "invests in seed"; a job title,
    an acronym or a name keeps its capitals."""
    if in_role or not words[:1].isupper() or words[1:2].isupper():
        return words
    first = words.split(" ", 1)[0]
    return words if first in ("I", "I'm") else words[:1].lower() + words[1:]


_COUNT = re.compile(
    r"^(?:(?:the|our|your|my|her|his|their)\s+)?(?:both|all|several|two|three|four|five|six|[2-9]|\d{2,})\b",
    re.I,
)


def plural_thing(thing: str) -> bool:
    """Whether a thing asked for is said as "them": "3 apiary sites", "the references", "both specs";
    "a quote", "the SDS for all our blends", "the price list" are "it"."""
    if _COUNT.match(thing):
        return True
    head = re.split(r"\s+(?:for|of|with|on|in|to|from|by|at|and|\+|&)\s+", thing, maxsplit=1)[0].split()
    word = head[-1] if head else ""
    return (
        word.lower().endswith("s")
        and not word.isupper()
        and not re.search(r"(?:ss|us|is|sis)$", word.lower())
    )
