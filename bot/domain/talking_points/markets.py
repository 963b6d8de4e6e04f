"""Buyers and sellers among the contacts (SPEC §14, introductions both ways): someone with produce and
no one to take it ("15 t a month from Feb, still no buyer", "a glut") meets someone short of that
produce or of what is made from it ("the sauce line is short of raw material", "ends up importing
paste"). Which goods belong together is data: `[[product]]` in seeds/vocabulary.toml. Two regex scans
over the others' folded text (cached in the index like the introductions' shortlist) find the few
sellers and buyers; the product check runs on those only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.domain.talking_points.others import OthersIndex, _fold_text, _text
from bot.domain.vocabulary import fold
from seeds import vocabulary

# they have it and no one to take it
_SELLING = re.compile(
    r"\b(?:no (?:buyers?|offtakers?|market)\b|without (?:a |any )?(?:buyers?|market)\b|"
    r"(?:looking|searching|hunting) for (?:a |new |more )?(?:buyers?|offtakers?|markets?|outlets?)\b|"
    # "looking for sub-dealers in the south", "looking for small brands in NE": people to sell through or to
    r"(?:looking|searching|hunting) for (?:a |new |more |local )?(?:sub-?dealers?|dealers?|distributors?|stockists?|"
    r"resellers?|retailers?|agents?|small (?:brands|makers|producers|shops))\b|"
    r"find(?:ing)? (?:a |new |more )?(?:buyers?|offtakers?|markets?|outlets?)\b|"
    r"(?:off|of) (?:their|his|her|our) hands\b|can'?t sell\b|cannot sell\b|"
    r"more \w+ than (?:he|she|they|we) can sell\b|unsold\b|glut\b|surplus of\b|piling up\b|sitting on\b|"
    r"wants? (?:more )?(?:restaurants|stockists|outlets|shops|distributors|retailers)\b|"
    r"wants? (?:bulk |more |new |steady |big )?(?:buyers?|offtakers?)\b|\w+ surplus\b|"  # "hay surplus, wants bulk buyers"
    # "asked if I know any European buyers", "wants a customer in France"
    r"(?:know|knew) (?:any|some|a) (?:[\w-]+ )?(?:buyers?|importers?)\b|wants? (?:a |new |more )?(?:customers?|clients?) in\b|"
    r"(?:haul|cart|truck|take) (?:it|them) (?:off|away)\b|"  # "bagasse piling up, they pay trucks to haul it off"
    # space with no one in it: "heated bay half empty, looking for tenants dec-apr"
    r"(?:looking|searching|hunting) for (?:new |more )?tenants\b|tenants? wanted\b|(?<!line )half[- ]empty\b|"
    r"wants? (?:more |new )?tenants\b|~?\d+\s?% empty\b|"
    r"(?:rooms|rms|beds) (?:\w+ )?(?:empty|vacant|free)\b|wants? (?:more )?(?:tour )?(?:groups|grps|guests|bookings)\b|"  # "~40% empty since Oct", "wants tenants badly"
    # "asked again re buyers", "the big mill wouldn't take it at her price"
    r"(?:asked|asking) (?:again )?(?:re|about|for) buyers\b|wouldn'?t take (?:it |them )?at (?:her|his|their|my|our) price\b|"
    r"spare (?:space|capacity|room|bays?|units?)\b|(?:space|room|bays?|units?) (?:to let|for rent|going spare)\b|"
    # machines with no work: "grader + water cart stand idle over the holidays"
    r"(?:stand|stands|standing|sit|sits|sitting|lie|lies|lying) idle\b|(?:looking|hunting) for (?:private |more |new )?jobs\b|"
    r"wants? (?:steady |more |regular |new )?(?:contract |paying )?(?:work|contracts|jobs)\b|"
    r"wants? (?:it|them|those|these) gone\b|"
    r"piled (?:up|high|behind|in|at|out)\b|stacked (?:up|high|in|behind)\b|(?:thinking of|about to|going to) "
    r"(?:burn|dump|bin|landfill)(?:ing)? (?:it|them)\b|(?:gave|given) (?:them|him|her) (?:till|until) \w+ to clear\b|"
    r"(?:someone|anyone|somebody) (?:who'?ll|who will|to) take\b|stuck with\b|"
    # "14 units free from 1 Feb", "furnished, empty since Sept": homes with no one in them
    r"units? (?:free|empty|vacant)\b|empty since\b|"
    # "no idea what to do w/ old frying oil": a waste someone else would take
    r"(?:no idea|not sure|doesn'?t know|don'?t know) what to do (?:w/|with) (?:the |their |his |her |all )?(?:old |used |spent )\w+|"
    # trucks with room: "mostly empty coming back south, always hunting return loads"
    r"(?:hunting|looking for|chasing) (?:return |back ?)?loads\b|empty (?:coming|going|on the way) back\b|"
    # "12 trucks idle", "half parked since the slowdown", "asked if I know forwarders w/ regular runs"
    r"(?:trucks?|lorries|camions?|vans|rigs|buses) (?:still )?(?:idle|parked)\b|half (?:parked|idle)\b|"
    r"(?:know|knew) (?:any |some )?(?:forwarders?|shippers?) (?:w/|with)\b|"
    # people who want work: "keen on paid seasonal work", "asked if I know employers"
    r"(?:know|knew) (?:any |some |of )?(?:an? )?employers?\b|if (?:any|an) employer\b|"
    r"(?:keen on|looking for|hunting for|want|wants) (?:paid |seasonal |casual |any |more )+work\b)",
    re.I,
)
# they need it and cannot get enough
_BUYING = re.compile(
    r"\b(?:short of (?:raw material|supply|stock|\w+)|shortage of \w+|run(?:s|ning)? out of \w+|"
    r"can'?t get enough\b|end up importing\b|importing \w+|"
    # "still no feed supplier, needs ~40t dry bales by 10 Jan"
    r"no (?:[\w-]+ )?suppliers?\b|needs? ~?\d+\s?(?:t|tons?|tonnes?|kg|head|hd)\b|"
    r"needs? ~?\d+(?:\s?-\s?\d+)?\s?(?:apts|apartments|flats)\b|"  # "need ~12-15 apts, 12m lease"
    # "can't find grafted trees on Gisela 6 anywhere, nurseries sold out"
    r"can'?t (?:find|get|source) [\w ,/'’-]{3,50}?\b(?:anywhere|locally|here|in small (?:lots|batches|runs|quantities))\b|"
    r"(?:all |are )?sold out\b|"
    # "looking for cheap wet feed / byproducts nearby": a buyer of what others throw away
    r"(?:looking|searching|hunting) for (?:cheap(?:er)? |more |extra |local |steady )?(?:[\w-]+ )?"
    r"(?:feed|by-?products?|raw materials?|inputs|offcuts|scrap)\b|"
    r"(?:hunting|looking|searching) (?:for )?(?:a |an )?(?:new |another |second )?(?:origin|source)s? (?:for|of)\b|"
    # "biggest headache is a steady supply of wet organics", "her supplier keeps letting her down"
    r"(?:is|getting|finding|securing) (?:a )?(?:steady|reliable|regular|consistent) (?:supply|supplies)\b|"
    r"suppliers? (?:keeps? |always |often )?(?:letting|lets|let) (?:her|him|them|us) down\b|"
    r"(?:nobody|no one|no-one) (?:has|have|stocks?|can supply) (?:the |that |enough )?(?:volume|quantity|stock|numbers)\b|"
    r"(?:always |still )?looking for (?:other|more|extra|cheaper) [\w-]+ (?:she|he|they|we) can\b|"
    r"(?:transport|haulage|freight|trucking|shipping) (?:eats|is eating|costs?|kills|is killing)\b|"
    r"would buy (?:straight|direct(?:ly)?) from\b|if someone could supply\b|"
    r"where (?:he|she|they|we) can get\b|"
    r"(?:need|needs|looking for) (?:someone|somebody|a firm|a company|a crew) with (?:a |an |the )?\w+|"
    r"(?:guarantee|secure|need|needs|want|wants|looking for|sourcing|find|finds|found)(?: \w+){0,3} "
    r"(?:steady|reliable|regular|consistent) (?:supply|supplies|volumes?)\b|"
    r"(?:need|needs|want|wants|looking for|sourcing|hunting for) (?:an? |some |more |new |local )?(?:(?!her |his |their |our |my )[\w/-]+ ){0,2}?"
    r"(?:suppliers?|growers?|producers?|farmers?|makers?)\b|"
    r"(?:need|needs|wants?|looking for) [\w -]{2,40}? from (?:new |more |local |other )?(?:growers?|farmers?|producers?|suppliers?)\b|"
    r"line (?:is )?half[- ]empty\b|"  # "krupa line half empty since Oct": short of what it runs on
    # "would love somewhere warm to park them", "asked if I know anywhere dry to store the stock"
    r"(?:somewhere|anywhere|someplace|a place|space) (?:[\w-]+ ){0,2}to (?:park|store|keep|put|house|garage)\b"
    r"(?: (?:them|it|(?:the|their|his|her) [\w-]+))?|where to (?:park|store|keep|put) (?:the |their |his |her )?\w+|"
    r"(?:need|needs|looking for|wants?) (?:more |extra |some )?(?:space|storage|parking|warehouse space)\b|"
    r"(?:need|needs|looking for|hunting for|wants?) (?:an? |some |more )?(?:[\w-]+ ){0,2}?"
    r"(?:homestays?|farmhouses?|farmstays?|guesthouses?|accommodation|lodging|rooms for)\b|"
    # nobody to do it: "can't get anyone to come out", "still nobody to grade"
    r"(?:can'?t|cannot) get any(?:one|body) to\b|\b(?:nobody|no one|no-one) (?:to (?!talk|ask|call|blame)\w+|for the \w+)|"
    # "looking for transporteur sérieux", "short ~20 casual packers"
    r"(?:looking for|need|needs|wants?) (?:an? |some )?(?:reliable |serious |good |new |decent )?"
    r"(?:transporteurs?|transporters?|hauliers?|truckers?)\b|"
    r"short (?:~\s?)?\d+\s+(?:casual |seasonal |experienced )?(?:packers|pickers|workers|hands|labourers|casuals)\b)",
    re.I,
)
_WORD = re.compile(r"[a-z]+")


@lru_cache(maxsize=1)
def _products() -> dict[str, str]:
    """word → the name of its product ("ketchup" → "tomatoes")."""
    return {fold(w): p["name"] for p in vocabulary().get("product", ()) for w in p["words"]}


@lru_cache(maxsize=1)
def _phrases() -> dict[str, tuple[str | None, str | None]]:
    """product name → how a reason says the seller's and the buyer's need, where the vocabulary says it."""
    return {p["name"]: (p.get("sells"), p.get("buys")) for p in vocabulary().get("product", ())}


def market_need(market: Market) -> str:
    """This contact's side: "looking for a buyer for bagasse", "looking for a steady supply of fruit",
    or the product's own words ("looking for tenants for their spare space")."""
    sells, buys = _phrases().get(market.kind, (None, None))
    if (sells if market.contact_sells else buys) == "as said" and market.own_words:
        return "looking for " + re.sub(
            r"^(?:anywhere|someplace)\b", "somewhere", market.own_words, flags=re.I
        )
    if market.contact_sells:
        return sells or f"looking for a buyer for {market.product}"
    return buys or f"looking for a steady supply of {market.product}"


def _made_of(text: str) -> dict[str, str]:
    """product name → the first word of it the text says ("biomass" → "bagasse")."""
    return dict(_made_of_cached(text))


@lru_cache(maxsize=1 << 14)  # one other contact's text is read for every contact of a batch
def _made_of_cached(text: str) -> tuple[tuple[str, str], ...]:
    products, found = _products(), {}
    for w in _WORD.findall(_fold_text(text)):
        if w in products:
            found.setdefault(products[w], w)
    return tuple(found.items())


@dataclass(frozen=True)
class Market:
    other_position: int  # in the index's pool
    contact_sells: bool  # True: this contact has it and the other is short of it
    product: str  # "tomatoes"
    buyer_words: str  # the buyer's clause: "ketchup line short of raw material every Jan-Mar"
    seller_words: str  # the seller's clause: "co-op will have ~15t/month from Feb, still no buyer lined up"
    kind: str = ""  # the product's name in the vocabulary: "biomass" (product may be "bagasse")
    own_words: str = ""  # what this contact's notes say of it: "somewhere warm to park them"


def _clause(text: str, at: int) -> str:
    """The clause of `text` around position `at`, as typed."""
    start = max(text.rfind(ch, 0, at) for ch in ".;\n!?") + 1
    ends = [e for e in (text.find(ch, at) for ch in ".;\n!?") if e >= 0]
    said = " ".join(text[start : min(ends) if ends else len(text)].split()).strip(" ,-–—")
    return re.sub(r"^[\w ]{1,20}:\s+", "", said)  # "side grumble: bagasse piling up …"


@lru_cache(maxsize=64)
def _words_of(kind: str) -> re.Pattern:
    """Any word of one product, as a pattern ("kuraga|apricots|…")."""
    words = [w for w, product in _products().items() if product == kind]
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", re.I)


def _said_of(text: str, at: int, kind: str) -> str:
    """The seller's clause at `at`, or, when it does not name the goods ("asked if I know any European
    buyers"), the notes' first clause that does ("sun-dried kuraga, no sulphur, around 200 t a year"),
    never the firm's name on the role's line ("Kodikara Grass Farm")."""
    said = _clause(text, at)
    if _made_of(said).get(kind):
        return said
    named = _words_of(kind)
    found = named.search(text, text.find("\n") + 1) or named.search(text)
    return _clause(text, found.start()) if found else said


_PLACES = frozenset(
    """abattoir slaughterhouse nursery nurseries mill miller brewery winery vineyard apiary roastery ginnery
    creamery sawmill feedmill depot warehouse park garage shed sheds premises unit units""".split()  # noqa: SIM905
)


def _goods_word(text: str, kind: str) -> str:
    """How the notes name the goods ("kuraga", "lamb"; never a place: "slaughterhouse"), else the
    product's name ("planting stock")."""
    products = _products()
    said = (w for w in _WORD.findall(_fold_text(text[text.find("\n") + 1 :])) if products.get(w) == kind)
    word = next((w for w in said if w not in _PLACES), kind)
    # as typed: "hrečka", not its folded "hrecka"
    return next((t.lower() for t in re.findall(r"[^\W\d_]+", text) if _fold_text(t.lower()) == word), word)


def markets_for(text: str, index: OthersIndex, skip_id: int) -> list[Market]:
    """The others this contact (role and notes in `text`) could sell to or buy from, best first."""
    mine = _made_of(text)
    if not mine:
        return []
    found: list[Market] = []
    for pattern, other_pattern, sells in ((_SELLING, _BUYING, True), (_BUYING, _SELLING, False)):
        own = _last(pattern, text)  # the newest words: a call's notes come after the notes from meeting
        if own is None:
            continue
        own_words = pattern.match(text, own).group()
        for k in index.positions(other_pattern):
            other = index.pool[k]
            if other.id == skip_id:
                continue
            theirs = _text(other)
            them = _made_of(theirs)
            common = sorted(mine.keys() & them.keys())
            if not common:
                continue  # another product: no match, and no regex spent on it
            there = _last(other_pattern, theirs)
            if there is None or pattern.search(theirs):
                continue  # short of it themselves, or selling the same: no match
            buyer, seller = (
                (_clause(theirs, there), _said_of(text, own, common[0]))
                if sells
                else (_clause(text, own), _said_of(theirs, there, common[0]))
            )
            # a seller's own word ("a buyer for bagasse"); what a buyer needs by its kind ("a supply of fruit")
            word = _goods_word(text, common[0]) if sells else common[0]
            found.append(Market(k, sells, word, buyer, seller, common[0], own_words))
    return found[:2]


def _last(pattern: re.Pattern, text: str) -> int | None:
    starts = [m.start() for m in pattern.finditer(text)]
    return starts[-1] if starts else None
