"""A deal in play with the user (split from `known`): the first clause of the notes from meeting them,
else of the last call's notes, that names a proposal, a price, a contract, a decision or a pilot with
you, never one of theirs ("runs the e-bus pilot", "grant decision Feb", "asked me about charging for
the e-minibus pilot") nor one about a promise already kept. Pure."""

from __future__ import annotations

from bot.domain.talking_points.facts import _DEAL_WORDS, _clause_at, _Profile, _profile
from bot.domain.talking_points.known_words import (
    _ABOUT_A_PILOT,
    _CONTRACT,
    _PRICE_ONLY,
    _THEIR_PILOT,
    _WITH_US,
)
from bot.domain.talking_points.offer_match import _name_stems


def deal_clause(
    me: _Profile, notes_start: int, kept: frozenset[str], never_reached: bool, call_notes: str
) -> tuple[str, str, bool]:
    """(the clause, the deal word in it, whether the last call said it); ("", "", False) when none.
    `call_notes` are the last call's notes when you talked, else ""."""
    for k, stem in enumerate(me.stems):
        if stem in _DEAL_WORDS and me.spans[k][0] >= notes_start:
            clause = _clause_at(me.text, me.spans[k][0])
            near = me.text[
                max(0, me.spans[k][0] - 40) : me.spans[k][1]
            ]  # the clause may be clipped before it
            if (
                kept & _name_stems(clause)
                or _ABOUT_A_PILOT.search(near)
                or (_THEIR_PILOT.search(near) and not _WITH_US.search(clause))
            ):
                continue  # about a promise already kept, or a pilot of their own ("runs the e-bus pilot")
            loose = stem == _CONTRACT or stem in _PRICE_ONLY or stem.startswith("decid")  # "fetch a price"
            if (never_reached or loose) and not _WITH_US.search(clause):
                continue  # "needs proof before the 2027 contracts": their contracts, no deal with you yet
            return clause, me.text[me.spans[k][0] : me.spans[k][1]], False
    if call_notes:
        said = _profile(call_notes, -1)  # "decision on a pilot by 4 Dec" on the last call
        for k, stem in enumerate(said.stems):
            if stem in _DEAL_WORDS and stem not in _PRICE_ONLY:
                if _THEIR_PILOT.search(call_notes[max(0, said.spans[k][0] - 40) : said.spans[k][1]]):
                    continue  # "grant decision Feb", "runs their own pilot": theirs, no deal with you
                return (
                    _clause_at(call_notes, said.spans[k][0]),
                    call_notes[said.spans[k][0] : said.spans[k][1]],
                    True,
                )
    return "", "", False
