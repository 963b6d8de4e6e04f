"""Round 68's offer classes (SPEC §14), in wordings of our own: an offer about "your X", where X is what
the user's offers keep coming back to, fits only someone whose notes name X (a kiln checklist is not
for someone calibrating flow meters); a queue said
in other words ("the bottleneck", "a choke point") meets a story that cut queues. Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.talking_points import ContactFacts, OfferFacts
from tests.coach_helpers import coach

_MET = dt.date(2026, 11, 24)
_TODAY = dt.date(2026, 12, 9)
_KILN = OfferFacts(
    1,
    "Checklist: getting your kiln through the yearly emissions audit",
    "https://e.com/k",
    ("#audit", "#emissions", "#compliance"),
)
_KILN_DAY = OfferFacts(
    3, "Kiln open day at our Ōtāhuhu works", "https://e.com/o", ("#event",), dt.date(2027, 1, 14)
)
_DOCKS = OfferFacts(
    2,
    "Case study: Tāmaki Freight cut lorry waiting at the gate from 2 h to 20 min",
    "https://e.com/d",
    ("#casestudy", "#queues", "#gates"),
)


def _who(notes):
    return ContactFacts(31, "Mere Tūhoe", "Tūhoe Ceramics", met_on=_MET, event="Makers Fair", notes=notes)


def test_an_offer_about_your_thing_fits_someone_who_has_one():
    points = coach(_who("two gas kilns, emissions audit in March worries her"), _TODAY, [_KILN, _KILN_DAY])
    assert points.reason.kind == "offer" and "kiln" in points.reason.text, points.reason


def test_an_offer_about_your_thing_is_not_for_someone_with_another_thing():
    said = "emissions audit flagged her flow meters, compliance is the headache"
    points = coach(_who(said), _TODAY, [_KILN, _KILN_DAY])
    assert points.reason.kind != "offer", points.reason
    alone = coach(_who(said), _TODAY, [_KILN])  # one offer alone says nothing of the user's trade
    assert alone.reason.kind == "offer", alone.reason


def test_a_queue_in_other_words_meets_a_story_that_cut_queues():
    points = coach(
        _who("the lorries back up at her single gate every morning, it is the bottleneck"), _TODAY, [_DOCKS]
    )
    assert points.reason.kind in ("offer", "client_success") and "Tāmaki Freight" in points.reason.text, (
        points.reason
    )
