"""A user's offers: things they can give (an article, a checklist, an event, an intro), matched by topic
against contact notes by the talking-points engine. Parsing and rules here; SQL in storage.offers.

Grammar: `offer add TITLE [URL] #topic … [on DATE | until DATE]`, `offer list` (also `offers`),
`offer remove N`. `on DATE` / `until DATE` (anywhere after the first title word, read by the one date
reader, the next such day) is an invitation's date (`ends_on`): after it the offer is not suggested.
`on` followed by words that are no date stays in the title ("Talk on Rust").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlsplit

from bot.domain.call_text import said_days
from bot.domain.cue_words import in_english
from bot.domain.dates import DateProblem, day_label, match_ahead, numeric_problem
from bot.domain.talking_points import OfferFacts
from bot.domain.vocabulary import fold
from bot.services.context import Services
from bot.services.profiles import ensure_profile, today_for
from storage.offers import add_offer, count_offers, delete_offer, offers_of

MAX_TITLE = 200
MAX_URL = 1000
MAX_TOPICS = 10
MAX_TOPIC = 40
MAX_OFFERS = 40  # one list message stays within Slack's 50 blocks

_SLACK_LINK = re.compile(r"^<([^|>]+)(?:\|[^>]*)?>$")  # <https://x|x> or <https://x>
_SLACK_CHANNEL = re.compile(r"^<#C[A-Z0-9]+\|([^>]*)>$")  # "#data" escaped by Slack as a channel
_TOPIC = re.compile(r"^#([\w][\w-]*)$")
_LOOKS_LIKE_LINK = re.compile(r"^(?:[a-z][a-z0-9+.-]*:/|www\.)", re.IGNORECASE)


class _Owner(Protocol):
    team_id: str
    user_id: str


@dataclass(frozen=True)
class Offer:
    id: int
    number: int  # 1-based position in the user's list
    title: str
    url: str | None
    topics: tuple[str, ...]  # with their "#"


@dataclass(frozen=True)
class NewOffer:
    title: str
    url: str | None
    topics: tuple[str, ...]
    ends_on: dt.date | None = None  # an invitation's date: not suggested after it


@dataclass(frozen=True)
class OfferProblem:
    """Nothing was saved; `message` says what to change."""

    message: str


@dataclass(frozen=True)
class OfferAdded:
    offer: Offer
    total: int


@dataclass(frozen=True)
class OfferList:
    offers: tuple[Offer, ...]


@dataclass(frozen=True)
class OfferRemoved:
    offer: Offer
    remaining: int


OfferResult = OfferAdded | OfferList | OfferRemoved | OfferProblem

ADD_EXAMPLE = "`/prep offer add Pipeline checklist https://example.com/checklist #data #hiring`"


_DATE_LEADS = ("on", "until", "till")
_INVITING = frozenset(
    {"#event", "#invite", "#invitation", "#meetup", "#workshop", "#webinar", "#openday", "#demo"}
)


def _offer_date(words: list[str], i: int, today: dt.date) -> tuple[int, dt.date] | OfferProblem | None:
    """`on DATE` / `until DATE` at word `i` (not the first title word): (words used, the day)."""
    key = fold(words[i])
    if i == 0 or key not in _DATE_LEADS or i + 1 >= len(words):
        return None
    keys = [fold(w).strip(",;.!?") for w in words[i + 1 : i + 7]]
    problem = numeric_problem(keys[0], today)
    try:
        if problem:
            raise problem
        found = match_ahead(keys, today)
    except DateProblem as bad:
        return OfferProblem(bad.sentence("`on 2026-12-10`", "`on Dec 10` or `until friday`"))
    if found is None or keys[0] in ("last", "yesterday") or (keys[0].isdigit() and found[0] == 1):
        return None
    if found[1] < today:
        return OfferProblem(
            f"{day_label(found[1], today)} has passed. Give the invitation's date from today on, or leave it out."
        )
    return found[0] + 1, found[1]


def parse_offer(text: str, today: dt.date | None = None) -> NewOffer | OfferProblem:
    """`TITLE [URL] #topic … [on DATE | until DATE]` → a NewOffer, or what to change. Words keep
    their order in the title. Dates are read only when `today` is given."""
    title_words: list[str] = []
    urls: list[str] = []
    topics: list[str] = []
    ends_on: dt.date | None = None
    words = text.split()
    i = 0
    while i < len(words):
        word = words[i]
        if today is not None and ends_on is None and (dated := _offer_date(words, i, today)):
            if isinstance(dated, OfferProblem):
                return dated
            i += dated[0]
            ends_on = dated[1]
            continue
        i += 1
        channel = _SLACK_CHANNEL.match(word)
        if channel:
            word = "#" + channel.group(1)
        link = _SLACK_LINK.match(word)
        if link:
            word = link.group(1)
        if word.startswith("#"):
            topic = _TOPIC.match(word)
            if topic is None:
                return OfferProblem(
                    f"“{word[:50]}” isn't a topic I can use: write topics as one word after #, like `#data`."
                )
            if len(topic.group(1)) > MAX_TOPIC:
                return OfferProblem(f"Topics can be at most {MAX_TOPIC} characters; shorten “{word[:50]}…”.")
            folded = "#" + topic.group(1).casefold()
            if folded not in topics:
                topics.append(folded)
        elif _LOOKS_LIKE_LINK.match(word):
            urls.append(word)
        else:
            title_words.append(word)
    title = " ".join(title_words)
    if not title:
        return OfferProblem(f"Give the offer a title, like {ADD_EXAMPLE}.")
    if len(title) > MAX_TITLE:
        return OfferProblem(f"That title is {len(title)} characters; keep it to {MAX_TITLE} or fewer.")
    if len(urls) > 1:
        return OfferProblem(
            "One link per offer, please: keep the best one and add the others as offers of their own."
        )
    url = urls[0] if urls else None
    if url is not None:
        problem = _check_url(url)
        if problem:
            return OfferProblem(problem)
    if len(topics) > MAX_TOPICS:
        return OfferProblem(
            f"That's {len(topics)} topics; use at most {MAX_TOPICS}, the ones your contacts talk about."
        )
    if ends_on is None and today is not None and _INVITING.intersection(topics):
        # "Open day at our depot, Thu 14 Jan 2027 #event": an invitation's date written in its title
        # "mar. 12 janv. 2027": a French or Spanish day read as meant (Tuesday, never March)
        said = said_days(in_english(title) or title, today)
        dated = [d.day for d in said if d.lead not in ("before", "by", "until", "till")]
        ends_on = dated[-1] if dated else None
    return NewOffer(title=title, url=url, topics=tuple(topics), ends_on=ends_on)


def _check_url(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or " " in url:
        return f"“{url[:80]}” isn't a web link I can share: it must start with http:// or https://."
    if len(url) > MAX_URL:
        return f"That link is {len(url)} characters; links can be at most {MAX_URL}."
    return None


def list_offers(services: Services, owner: _Owner) -> OfferList:
    with services.db.transaction() as session:
        rows = offers_of(session, owner.team_id, owner.user_id)
        return OfferList(tuple(_offer(row, n) for n, row in enumerate(rows, start=1)))


def add(services: Services, owner: _Owner, text: str) -> OfferAdded | OfferProblem:
    parsed = parse_offer(text, today_for(services, ensure_profile(services, owner.team_id, owner.user_id)))
    if isinstance(parsed, OfferProblem):
        return parsed
    with services.db.transaction() as session:
        total = count_offers(session, owner.team_id, owner.user_id)
        if total >= MAX_OFFERS:
            return OfferProblem(
                f"You have {total} offers, the most I keep. Remove one first: `/prep offer list`, then "
                "`/prep offer remove N`."
            )
        row = add_offer(
            session,
            owner.team_id,
            owner.user_id,
            title=parsed.title,
            url=parsed.url,
            topics=" ".join(parsed.topics),
            ends_on=parsed.ends_on,
        )
        return OfferAdded(_offer(row, total + 1), total + 1)


def remove(services: Services, owner: _Owner, which: str) -> OfferRemoved | OfferProblem:
    """Remove the Nth offer of `/prep offer list`."""
    which = which.strip().lstrip("#")
    if not which.isdigit():
        return OfferProblem(
            "Say which offer by its number in `/prep offer list`, like `/prep offer remove 2`."
        )
    number = int(which[:6])
    with services.db.transaction() as session:
        rows = offers_of(session, owner.team_id, owner.user_id)
        if not rows:
            return OfferProblem(f"You have no offers to remove. Add one with {ADD_EXAMPLE}.")
        if not 1 <= number <= len(rows):
            count = "only one offer" if len(rows) == 1 else f"{len(rows)} offers"
            return OfferProblem(
                f"There is no offer {number}: you have {count}. See the numbers with `/prep offer list`."
            )
        gone = _offer(rows[number - 1], number)
        delete_offer(session, owner.team_id, owner.user_id, gone.id)
        return OfferRemoved(gone, len(rows) - 1)


def offer_command(services: Services, owner: _Owner, text: str) -> OfferResult:
    """`add …`, `list`, `remove N` (the text after `/prep offer`)."""
    verb, _, rest = text.strip().partition(" ")
    verb = verb.casefold()
    if verb in ("", "list", "ls", "show"):
        return list_offers(services, owner)
    if verb in ("add", "new", "+"):
        return add(services, owner, rest)
    if verb in ("remove", "rm", "delete", "del", "-"):
        return remove(services, owner, rest)
    return OfferProblem(
        f"I know `/prep offer add TITLE [LINK] #topic`, `/prep offer list` and `/prep offer remove N`; "
        f"“{verb[:30]}” isn't one of them."
    )


def offer_facts(rows) -> list[OfferFacts]:
    """What the talking-points engine needs from stored offers."""
    return [
        OfferFacts(
            id=o.id,
            title=o.title,
            url=o.url,
            topics=tuple((o.topics or "").split()),
            ends_on=getattr(o, "ends_on", None),
        )
        for o in rows
    ]


def _offer(row, number: int) -> Offer:
    return Offer(row.id, number, row.title, row.url, tuple((row.topics or "").split()))
