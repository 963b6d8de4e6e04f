"""Introductions: this contact needs what another contact has, or has what another needs, named on
both sides. A few regex scans over all the others' folded text make a shortlist; the precise
word-by-word check runs on that shortlist only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from bot.domain.playbook import INTRO_SIDES
from bot.domain.talking_points.facts import (
    _GENERIC_TOPICS,
    _INVESTOR_ALTS,
    _JOBISH,
    _NEED_LEAD,
    _STOPWORDS,
    _TOPIC_WORDS,
    ContactFacts,
    OtherFacts,
    _clause_at,
    _part_at,
    _Profile,
    _stem,
    _topic,
    _vague,
)
from bot.domain.talking_points.intro_find import (
    _PRACTICES,
    _SERVICE_HEADS,
    _SURPLUS,
    _SURPLUS_WORDS,
    _find_any,
    _free_after,
)
from bot.domain.talking_points.intro_jobs import _job_fit, _seeker
from bot.domain.talking_points.markets import market_need, markets_for
from bot.domain.talking_points.others import (  # noqa: F401 (OthersIndex and its builders are re-exported)
    OthersIndex,
    _fold_text,
    _notes,
    _pooled,
    others_index,
    others_index_after,
    profile_of,
)
from bot.domain.talking_points.pilots import pilots_for


def _word_pattern(stem: str) -> str:
    """Surface forms of a stem: "engineer" also finds "engineers" and "engineering"."""
    if stem.endswith("y"):
        return re.escape(stem[:-1]) + "(?:y|ies)"
    return re.escape(stem) + "(?:s|es|ing)?"


@lru_cache(maxsize=1 << 12)
def _shortlist_patterns(me: _Profile) -> tuple[re.Pattern, ...]:
    # Every pattern starts with a literal so the regex engine can skip ahead; a stray hit only costs
    # one precise check, so word boundaries are left to that check.
    patterns = [
        r"[ \t-]+#?".join(_word_pattern(s) for s in phrase)
        for need in me.needs
        if not need.jobish
        for phrase in need.phrases
    ]
    heads = sorted(
        {
            phrase[-1]
            for need in me.needs
            if not need.jobish and len(need.stems) > 1
            for phrase in need.phrases
        }
    )
    if heads:  # "cold rooms idle till March" for "chilled space near the port": free after the thing
        patterns.append(
            r"(?:" + "|".join(_word_pattern(h) for h in heads) + r")[ \t-]+(?:\w+[ \t-]+)?"
            r"(?:free|idle|empty|available|unused|spare)"
        )
    if heads:  # "retiring ~30 barriques" for "used red-wine casks": a surplus of the need's head word
        patterns.append(
            r"(?:"
            + "|".join(_SURPLUS_WORDS)
            + r")[ \t-]+(?:[#~]?[\w,.'’]+[ \t-]+){0,6}(?:"
            + "|".join(_word_pattern(h) for h in heads)
            + ")"
        )
    kinds = sorted(
        {
            phrase[-2]
            for need in me.needs
            for phrase in need.phrases
            if len(phrase) >= 2 and phrase[-1] in _SERVICE_HEADS and not _vague(phrase[-2])
        }
    )
    if kinds:  # "a structural assessment": a practice of that kind ("Structural Design")
        patterns.append(
            r"(?:" + "|".join(_word_pattern(k) for k in kinds) + r")[ \t-]+(?:" + _PRACTICES + ")"
        )
    if any(need.jobish for need in me.needs):
        patterns += ["hiring", "to hire"]
    if any(phrase[0] in me.provided for phrase in _INVESTOR_ALTS):
        patterns.append("rais")  # someone raising a round needs this investor
    provided = {stem for stem in me.provides if stem and stem not in _STOPWORDS and stem not in _NEED_LEAD}
    # what they offer, in its other words too: an "electrical contractor" meets "can't find a sparky"
    # (only the words of their trade: the role, else the notes' first clause, "electrical contractor; …",
    # or what a verb of supplying governs: "will take any subcontracting")
    trade_end = _trade_end(me)
    provided |= {
        alt
        for k, stem in enumerate(me.provides)
        if stem
        and stem in provided
        and _topic(stem) not in _GENERIC_TOPICS
        and (me.spans[k][0] < trade_end or (_topic(stem) in _TOPIC_WORDS and not _uses(me, k)))
        for alt in _TOPIC_WORDS.get(_topic(stem) or "", ())
    }
    if me.hiring:
        provided |= _JOBISH
    if provided:  # someone else's need that this contact can meet, a few words after the trigger
        words = "|".join(_word_pattern(stem) for stem in sorted(provided))
        tail = r"[ \t-]+(?:[#~]?[\w,.]+[ \t-]+){0,4}#?(?:" + words + ")"  # "needs room for ~1,500 pallets"
        # one pattern for all the triggers, and for "outboards keep dying" (a thing going wrong is a need
        # for whoever fixes or supplies it): one scan, and the words compiled once, not six times
        patterns.append(
            r"(?:hiring|looking for|searching for|hunting(?: for)?|scouting for|sourcing|seeking|needs?|wants?|lacks|find|"
            r"short (?:of|on)|low on|still no|without)" + tail + r"|(?:" + words + r")[ \t-]+(?:\w+[ \t-]+)?"
            r"(?:keeps?|kept|broke|fail|dying|died|leak|clog)"
            # "cupel waste piling up": a pile someone wants gone, for whoever takes it (offload.py)
             + r"|(?:" + words + r")[ \t-]+(?:\w+[ \t-]+){0,2}(?:piling|piled|stacking) up"
        )
    # compiled here: re's own cache holds 512, fewer than the distinct patterns of a large address book
    return tuple(_compiled(p) for p in patterns)


@lru_cache(maxsize=1 << 13)
def _compiled(pattern: str) -> re.Pattern:
    return re.compile(pattern)


def _shortlist(me: _Profile, index: OthersIndex, skip_id: int) -> list[int]:
    """Positions in `index.pool` of the others that may match, found by a few regex scans over all
    their folded text joined into one string, so 10,000 others cost milliseconds; the precise
    word-by-word check runs on these only."""
    patterns = _shortlist_patterns(me)
    if not patterns:
        return []
    picked: set[int] = set()
    for pattern in patterns:
        picked.update(index.positions(pattern))
    return [k for k in sorted(picked) if index.ids[k] != skip_id]


# Words just before a thing that say they buy or use it, not supply it: "refitting the display cases",
# "replacing two boilers", "buying new vans"
_USER_VERBS = frozenset(
    _stem(w)
    for w in [
        "refit",
        "refitting",
        "replace",
        "replacing",
        "buy",
        "buying",
        "upgrade",
        "upgrading",
        "renovate",
        "renovating",
        "redo",
        "redoing",
        "rent",
        "renting",
        "lease",
        "leasing",
        "order",
        "ordering",
        "fix",
        "fixing",
        "repair",
        "repairing",
        "get",
        "getting",
        "want",
        "wants",
        "need",
        "needs",
    ]  # noqa: SIM905
)


_SUPPLY_VERBS = frozenset(
    _stem(w)
    for w in [
        "sell",
        "sells",
        "selling",
        "make",
        "makes",
        "making",
        "supply",
        "supplies",
        "supplying",
        "install",
        "installs",
        "installing",
        "offer",
        "offers",
        "offering",
        "provide",
        "provides",
        "providing",
        "build",
        "builds",
        "building",
        "fit",
        "fits",
        "fitting",
        "repair",
        "repairs",
        "service",
        "services",
        "servicing",
        "distribute",
        "distributes",
        "run",
        "runs",
        "running",
        "do",
        "does",
        "doing",
        "specialise",
        "specialises",
        "specialize",
        "specializes",
        "design",
        "designs",
        "designing",
        "rent",
        "rents",
        "clean",
        "cleans",
        "cleaning",
        "deliver",
        "delivers",
        "manufacture",
        "manufactures",
        "import",
        "imports",
        "export",
        "exports",
        "train",
        "trains",
        "teach",
        "teaches",
        "coach",
        "coaches",
        "advise",
        "advises",
        "consult",
        "consults",
        "handle",
        "handles",
        "manage",
        "manages",
        "sources",
        *_SURPLUS_WORDS,  # "retiring ~30 barriques after this vintage": a surplus someone else can use
    ]  # noqa: SIM905
)


_PROJECT_VERBS = frozenset(_stem(w) for w in ("design", "designing", "build", "building"))
_ONE = frozenset(("a", "an", "the", "one"))
_RUNS_IT = frozenset(
    _stem(w)
    for w in ["manager", "managers", "supervisor", "hands", "staff", "crew", "assistant", "worker", "workers"]
)


def _trade_end(who: _Profile) -> int:
    """Where the words that say what someone does end: their role, else the first part of their notes
    ("cukrászda, 2 new girls on the machine": a pastry shop, not a machine supplier)."""
    if who.role_end >= 0 and not who.firm_only:
        return who.role_end
    start = who.role_end + 1 if who.firm_only else 0  # a firm's name, then the notes' own first part
    first = re.split(r"[.;:\n]", who.text[start:], maxsplit=1)[0]
    part = first.split(",", 1)[0]
    return start + (len(part) if len(part.split()) <= 6 else len(first))


def _uses(them: _Profile, k: int) -> bool:
    """Whether the words at `k` are something they buy or use rather than supply: a user verb within
    three words before, or words that are neither in their trade (the role, else the notes' first
    clause) nor after a verb of supplying ("the extraction over the fryers drips grease" is their
    problem; "electrical contractor" and "installs solar for farms" are what they do)."""
    if any(them.stems[j] in _USER_VERBS for j in range(max(0, k - 3), k)):
        return True
    if _free_after(them, k):
        return False  # "trucks free for return loads": theirs to let others use
    if any(them.stems[j] in _A_FIRM for j in range(k + 1, min(len(them.stems), k + 3))):
        return False  # "opened an outboard repair shop": what their shop does
    if k + 1 < len(them.stems) and them.stems[k + 1] in _RUNS_IT:
        return True  # "cellar manager", "kitchen staff": they run or work in one, they do not supply it
    if any(them.stems[j] == "for" for j in range(max(0, k - 2), k)):
        return True  # "a booking app for climbing gyms": whom they serve, not what they supply
    for j in range(k - 1, max(-1, k - 11), -1):  # "wants her leads able to do the shelving checks"
        if _CLAUSE_END.search(them.text[them.spans[j][1] : them.spans[j + 1][0]]):
            break
        if them.stems[j] in _WANT_VERBS and not _offers_to(them, j):
            return True
    # one project, not what they offer: "designing a hotel", "building 2 new sheds" (a firm builds "a platform")
    for j in range(k - 1, max(-1, k - 5), -1):
        between = them.stems[j + 1 : k]
        if them.stems[j] in _PROJECT_VERBS and any(
            w[:1].isdigit() or (w in _ONE and them.stems[j] == "design") for w in between
        ):
            return True
    trade_end = _trade_end(them)
    if them.spans[k][0] < trade_end:
        return False
    # a verb of supplying in the same clause, not one a want or a need governs: "train them. racks ok-ish"
    # is no rack supplier, nor "wants his team leads able to do the rack checks"
    for j in range(k - 1, max(-1, k - 7), -1):
        if _CLAUSE_END.search(them.text[them.spans[j][1] : them.spans[j + 1][0]]):
            return True
        # "will take any subcontracting", "they take spent cupels": what they take on, or take off your hands
        if them.stems[j] in _SUPPLY_VERBS or (
            them.stems[j] == "take"
            and (them.stems[j + 1] in _TAKEN or (j > 0 and them.stems[j - 1] in ("they", "we")))
        ):
            wanted = range(max(0, j - 8), j)
            far = k - (8 if them.stems[j] in _SURPLUS else 4)  # "rid of two tonnes of spent grain"
            return j < far or any(
                them.stems[i] in _WANT_VERBS
                and not _offers_to(them, i)
                and not _CLAUSE_END.search(them.text[them.spans[i][1] : them.spans[j][0]])
                for i in wanted
            )
    return True


def _offers_to(them: _Profile, j: int) -> bool:
    """ "would take on subcontracting", "would supply the bar": an offer to do it, not a want."""
    after = them.stems[j + 1] if j + 1 < len(them.stems) else ""
    return them.stems[j] == "would" and (after in _SUPPLY_VERBS or after == "take")


_CLAUSE_END = re.compile(r"[.;!?\n]|\s[-—–]\s")
_TAKEN = frozenset(_stem(w) for w in ("on", "any", "spent", "used", "old", "scrap", "waste", "back"))
_WANT_VERBS = frozenset(
    _stem(w) for w in ("want", "wants", "need", "needs", "asked", "hoping", "would", "trying")
)


# a buyer is found by what they buy (markets.py), never by the word: "existing customer" is yours
_CUSTOMERS = frozenset(_stem(w) for w in ("customer", "client", "buyer", "offtaker", "stockist"))
# "wants price for new plates": a price asked of you, which no other contact supplies
_ASKED_OF_YOU = frozenset(_stem(w) for w in ("price", "quote", "quotation", "estimate", "costing"))
_NO_INTRO = _CUSTOMERS | _ASKED_OF_YOU  # needs no other contact meets
_A_FIRM = frozenset(
    _stem(w) for w in ("shop", "workshop", "business", "firm", "company", "yard", "garage", "studio")
)


@dataclass(frozen=True)
class _IntroMatch:
    strength: int  # words matched, plus one for an explicit phrase
    other: OtherFacts
    side: str  # "contact_needs": the other has it; "other_needs": this contact has it
    need: str  # as said: "hiring data engineers"
    other_match: str  # the other's words that fit (contact_needs), or this contact's (other_needs)
    excerpt: str  # what the source ref quotes
    in_role: bool = False  # the words that fit are a job title, never quoted as something said
    market: bool = False  # a buyer and a seller of one product (markets.py): never the user's own work

    def key(self) -> tuple[int, int, int]:
        return (-self.strength, self.other.id, INTRO_SIDES.index(self.side))


def _also_needs(profile: _Profile, need) -> bool:
    """Whether `profile` states the same need itself ("needs repointing" on both sides)."""
    wanted = set(need.stems)
    return any(wanted & set(own.stems) for own in profile.needs if not own.jobish)


def _intro_candidates(
    contact: ContactFacts, me: _Profile, others: Sequence[OtherFacts] | OthersIndex
) -> list[_IntroMatch]:
    """The two best introductions, on either side, best first."""
    index = others if isinstance(others, OthersIndex) else others_index(others)
    best: list[_IntroMatch] = []
    for k in _shortlist(me, index, contact.id):
        other, them = index.pool[k], index.profile(k)
        found: list[_IntroMatch] = []
        for need in me.needs:  # they have what this contact needs
            if need.jobish:
                fit = _job_fit(me, them)
                if fit:
                    hiring, field = fit
                    found.append(
                        _IntroMatch(
                            2, other, "contact_needs", _seeker(need, field), hiring.display, hiring.display
                        )
                    )
                continue
            if _NO_INTRO.intersection(need.stems):
                continue  # "wants a customer in France": never met by "existing customer" (markets.py)
            hits, size = _find_any(them, need)
            if hits and _also_needs(them, need):
                continue  # they need it too: two people after the same thing are no introduction
            if hits and _uses(them, hits[0]):
                continue  # "refitting the display cases": a buyer of it too, not someone who supplies it
            if hits:
                excerpt = _part_at(them.text, them.spans[hits[0]][0])  # "will take any subcontracting"
                in_role = them.spans[hits[0]][0] < them.role_end
                found.append(
                    _IntroMatch(size + 1, other, "contact_needs", need.display, excerpt, excerpt, in_role)
                )
        for need in them.needs:  # this contact has what they need
            if need.jobish:
                fit = _job_fit(them, me)
                if fit:
                    hiring, field = fit
                    found.append(
                        _IntroMatch(
                            2, other, "other_needs", _seeker(need, field), hiring.display, need.display
                        )
                    )
                continue
            if _NO_INTRO.intersection(need.stems):
                continue
            hits, size = _find_any(me, need)
            if hits and _also_needs(me, need):
                continue
            if hits and _uses(me, hits[0]):
                continue
            if hits:
                in_role = me.spans[hits[0]][0] < me.role_end
                if in_role:  # the whole job title: "Angel investor", not "Angel"
                    mine = _clause_at(me.text, me.spans[hits[0]][0])
                else:
                    mine = me.text[me.spans[hits[0]][0] : me.spans[hits[0] + size - 1][1]]
                found.append(
                    _IntroMatch(size + 1, other, "other_needs", need.display, mine, need.display, in_role)
                )
        if found:  # each needs what the other has: the best introduction of all
            both = len({f.side for f in found}) == 2
            top = min(found, key=_IntroMatch.key)
            best.append(replace(top, strength=top.strength + 2) if both else top)
    for market in markets_for(me.text, index, contact.id):  # produce with no buyer ↔ a buyer short of it
        other = index.pool[market.other_position]
        need = market_need(market)
        theirs = market.buyer_words if market.contact_sells else market.seller_words
        best = [b for b in best if b.other.id != other.id]
        best.append(_IntroMatch(5, other, "contact_needs", need, theirs, theirs, market=True))
    for pilot in pilots_for(me.text, index, contact.id):  # after a few hotels for a pilot ↔ a hotel
        other = index.pool[pilot.other_position]
        best = [b for b in best if b.other.id != other.id]
        side, theirs = "contact_needs" if pilot.contact_seeks else "other_needs", pilot.kind_words
        best.append(_IntroMatch(5, other, side, pilot.seeker_words, theirs, theirs, market=True))
    return sorted(best, key=_IntroMatch.key)[:2]


def _named_by(others: Sequence[OtherFacts]) -> dict[str, tuple[OtherFacts, ...]]:
    found: dict[str, list[OtherFacts]] = {}
    for other in others:
        said = getattr(other, "introducer", None) or getattr(other, "referred_by", None)
        words = _fold_text(said).split() if said else []
        if words:
            found.setdefault(words[0], []).append(other)
    return {first: tuple(group) for first, group in found.items()}


def introduced_by(contact: ContactFacts, others: Sequence[OtherFacts] | OthersIndex) -> OtherFacts | None:
    """The other contact this one introduced you to ("via Ewa Lis", "referred by Ewa"), the newest
    first; None when there is none. Names meet whole words folded ("Ewa Lis-Zając" = "ewa lis-zajac"):
    the introducer's words are all in this contact's name, first name at least. An index keeps who
    names whom, built once for all the contacts of a batch."""
    mine = _fold_text(contact.name).split()
    if not mine:
        return None
    if isinstance(others, OthersIndex):
        if not others.introducers:
            others.introducers.update(_named_by(others.pool) or {"": ()})
        named = others.introducers.get(mine[0], ())
    else:
        named = _named_by(others).get(mine[0], ())
    found = None
    for other in named:
        said = getattr(other, "introducer", None) or getattr(other, "referred_by", None)
        words = _fold_text(said).split()
        if other.id != contact.id and set(words) <= set(mine) and (found is None or other.id > found.id):
            found = other
    return found
