"""The shortcuts of introductions (intros.py) never change what they find: a need whose words another
contact does not offer (`_need_keys`) is one `_find_any` could not meet there either; the pair check
gives what the plain word-by-word check of every shortlisted pair gives; and the shortlist's split
patterns find the texts its one pattern found."""

from __future__ import annotations

import re
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.talking_points import ContactFacts, others_index
from bot.domain.talking_points.facts import _clause_at, _combined, _part_at, _profile
from bot.domain.talking_points.intro_find import _find_any, _need_keys
from bot.domain.talking_points.intro_jobs import _job_fit, _seeker
from bot.domain.talking_points.intro_uses import _uses
from bot.domain.talking_points.intros import (
    _NO_INTRO,
    _intro_candidates,
    _IntroMatch,
    _shortlist,
    _shortlist_patterns,
)
from bot.domain.talking_points.markets import market_need, markets_for
from bot.domain.talking_points.pilots import pilots_for

NOTES = [
    "looking for a data engineer for the payments team",
    "hiring two platform engineers in Lisbon",
    "angel investor, writes small cheques",
    "raising a seed round in spring",
    "data pipelines consultant",
    "needs repointing on the old mill; bank won't lend without a structural survey",
    "Ōshiro Structural Design, does assessments for lenders",
    "retiring ~30 barriques after this vintage",
    "looking for used red-wine casks for the sour programme",
    "6 trucks free for return loads, hunting return loads",
    "short of pallets, needs room for ~1,500 pallets feb-apr",
    "warehouse with spare bays; sells pallets",
    "can't find a sparky for the barn",
    "electrical contractor, installs solar for farms",
    "refitting the display cases, wants a shopfitter",
    "shopfitter; builds display cases",
    "outboards keep dying, looking for a marine mechanic",
    "opened an outboard repair shop",
    "platform engineer looking for a new role",
    "talked about data and cloud; looking for security help",
    "talked about security and ml; looking for data help",
    "cupel waste piling up, asked if anyone takes it",
    "they take spent cupels",
    "",
]
ROLES = [None, "", "Platform engineer", "Angel investor", "Head of data", "Recruiter, hiring", "Electrician"]
spec = st.tuples(st.sampled_from(NOTES), st.sampled_from(NOTES), st.sampled_from(ROLES))


def _contact(cid: int, notes: tuple[str, str, str | None]) -> ContactFacts:
    first, second, role = notes
    return ContactFacts(cid, f"Person {cid}", None, role, notes=f"{first}. {second}".strip(". "))


def _plain(contact: ContactFacts, me, index) -> list[_IntroMatch]:
    """Every shortlisted pair checked word by word, with nothing skipped or shared: the pair check as
    it was before its shortcuts."""
    best = []
    for k in _shortlist(me, index, contact.id):
        other, them = index.pool[k], index.profile(k)
        found = []
        for side, seeker, supplier in (("contact_needs", me, them), ("other_needs", them, me)):
            for need in seeker.needs:
                if need.jobish:
                    fit = _job_fit(seeker, supplier)
                    if fit:
                        hiring, field = fit
                        theirs = hiring.display if side == "contact_needs" else need.display
                        found.append(
                            _IntroMatch(2, other, side, _seeker(need, field), hiring.display, theirs)
                        )
                    continue
                if _NO_INTRO.intersection(need.stems):
                    continue
                hits, size = _find_any(supplier, need)
                also = any(set(need.stems) & set(own.stems) for own in supplier.needs if not own.jobish)
                if not hits or also or _uses(supplier, hits[0]):
                    continue
                at = supplier.spans[hits[0]][0]
                in_role = at < supplier.role_end
                if side == "contact_needs":
                    excerpt = _part_at(supplier.text, at)
                    found.append(_IntroMatch(size + 1, other, side, need.display, excerpt, excerpt, in_role))
                else:
                    end = supplier.spans[hits[0] + size - 1][1]
                    mine = _clause_at(supplier.text, at) if in_role else supplier.text[at:end]
                    found.append(
                        _IntroMatch(size + 1, other, side, need.display, mine, need.display, in_role)
                    )
        if found:
            top = min(found, key=_IntroMatch.key)
            best.append(replace(top, strength=top.strength + 2) if len({f.side for f in found}) == 2 else top)
    for market in markets_for(me.text, index, contact.id):
        other = index.pool[market.other_position]
        theirs = market.buyer_words if market.contact_sells else market.seller_words
        best = [b for b in best if b.other.id != other.id]
        best.append(_IntroMatch(5, other, "contact_needs", market_need(market), theirs, theirs, market=True))
    for pilot in pilots_for(me.text, index, contact.id):
        other = index.pool[pilot.other_position]
        best = [b for b in best if b.other.id != other.id]
        side, theirs = "contact_needs" if pilot.contact_seeks else "other_needs", pilot.kind_words
        best.append(_IntroMatch(5, other, side, pilot.seeker_words, theirs, theirs, market=True))
    return sorted(best, key=_IntroMatch.key)[:2]


@settings(max_examples=200, deadline=None)
@given(spec, st.lists(spec, min_size=1, max_size=10))
def test_the_pair_check_finds_what_the_plain_check_finds(mine, theirs):
    contact = _contact(10_000, mine)
    me = _profile(*_combined(contact.role, contact.notes))
    index = others_index([_contact(i + 1, notes) for i, notes in enumerate(theirs)])
    assert _intro_candidates(contact, me, index) == _plain(contact, me, index)


@settings(max_examples=300, deadline=None)
@given(spec, spec)
def test_a_need_is_never_met_by_someone_offering_none_of_its_words(seeker, supplier):
    needs = _profile(*_combined(seeker[2], _contact(1, seeker).notes)).needs
    them = _profile(*_combined(supplier[2], _contact(2, supplier).notes))
    for need in needs:
        if _find_any(them, need)[0]:
            assert not them.provided.isdisjoint(_need_keys(need)), need


def _one_pattern(me) -> re.Pattern | None:
    """The shortlist's pattern for others' needs this contact meets, as one scan with every ending
    (as it was before it was split): the reference the split patterns must agree with."""
    patterns = _shortlist_patterns(me)
    words = patterns[-1].pattern.split(")[ \\t-]+(?:(?:")[0][3:] if patterns else ""
    if not words or "piling" not in patterns[-1].pattern:
        return None
    tail = r"[ \t-]+(?:[#~]?[\w,.]+[ \t-]+){0,4}#?(?:" + words + ")"
    return re.compile(
        r"(?:hiring|looking for|searching for|hunting(?: for)?|scouting for|sourcing|seeking|needs?|wants?|lacks|"
        r"find|short (?:of|on)|low on|still no|without)" + tail + r"|(?:" + words + r")[ \t-]+(?:\w+[ \t-]+)?"
        r"(?:keeps?|kept|broke|fail|dying|died|leak|clog)"
        r"|(?:" + words + r")[ \t-]+(?:\w+[ \t-]+){0,2}(?:piling|piled|stacking) up"
    )


SAID = [
    "looking for engineers",
    "needs data pipelines",
    "hunting for a cloud engineering lead",
    "the boilers keep dying",
    "outboard engine keeps failing",
    "pallets piling up behind the shed",
    "security help",
    "wants a #designer asap",
    "short of casks",
    "still no electrician",
    "without a survey",
    "the securities desk",
    "engineering, data, ml",
    "scouting for ~1,500 pallets, racks and more",
    "sourcing cyber security-audits",
]


FRAMES = [
    "{} keeps dying",
    "the {} unit broke again",
    "{} old stock piling up",
    "{}s stacking up",
    "{} waste and scrap piling up",
    "looking for two new {}s",
    "needs ~1,500 {}",
    "hunting for #{}ing",
    "wants {}-ish things",
    "{} and more",
]


@settings(max_examples=400, deadline=None)
@given(
    spec,
    st.lists(st.sampled_from(SAID + NOTES), max_size=3),
    st.lists(st.tuples(st.sampled_from(FRAMES), st.integers(0, 40)), max_size=3),
)
def test_the_split_need_patterns_find_the_others_the_one_pattern_finds(mine, said, framed):
    me = _profile(*_combined(mine[2], _contact(1, mine).notes))
    one = _one_pattern(me)
    if one is None:
        return
    offered = sorted({s for s in me.provides if s})
    said = said + [frame.format(offered[k % len(offered)]) for frame, k in framed]
    text = "; ".join(said).lower()
    split = _shortlist_patterns(me)[-2:]
    assert bool(one.search(text)) == any(p.search(text) for p in split), text
