"""Session 10's coaching classes (SPEC §14), in wordings of our own: words in quotation marks are the
contact's, never a step of the user's; Christmas Eve and New Year's Eve are their own days; a bare
"the 9th" after someone's time away is after it; a dated ask from meeting them still brings the next
call before its day after a call that delivered nothing; "a quote from us" is "a quote"; a guide to
looking after a thing is no fit for someone who has none. Pure."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.domain.call_text import said_days
from bot.domain.promises import read_promise
from bot.domain.talking_points import ContactFacts, OfferFacts, UserFacts, prepare
from bot.domain.talking_points.case import read_case
from bot.domain.talking_points.case_schedule import deliver_follow_up
from bot.services.playbook_files import load_playbook

_MET = dt.date(2026, 12, 2)


def _points(notes: str, offers=(), today=dt.date(2026, 12, 10)):
    who = ContactFacts(11, "Idris Okonkwo-Baptiste", company="Harbour Lofts", met_on=_MET, notes=notes)
    return prepare(
        who, user=UserFacts("Sam"), offers=list(offers), others=[], today=today, playbook=load_playbook()
    )


@pytest.mark.parametrize(
    "notes",
    [
        'owner of two lofts. "I\'ll trust it once I see it survive a winter." open to a look in spring',
        "facilities head, blunt: “I'll sign when someone shows me real numbers”. wants a site visit",
        "I'll believe the savings when the meter shows them, he said",
    ],
)
def test_their_quoted_words_are_never_your_promise(notes):
    case = read_case(notes, _MET, None, None, dt.date(2026, 12, 10))
    assert case.deliver is None or case.deliver.theirs, case.deliver
    points = _points(notes)
    assert points.reason.kind != "promised", points.reason.text
    assert "you would believe" not in points.reason.text and "you would trust" not in points.reason.text


def test_a_quoted_remark_is_shown_without_doubled_quotation_marks():
    offer = OfferFacts(
        1, "Invitation: open evening at a client's loft — Thu 14 Jan 2027", None, ("#event", "#lofts")
    )
    points = _points('"Show me one running in a loft like mine and I\'ll listen." sceptical', offers=[offer])
    shown = " ".join([points.reason.text, points.reason.why, *(a.text for a in points.alternatives)])
    assert '""' not in shown and '“"' not in shown, shown


@pytest.mark.parametrize(
    ("words", "day"),
    [
        ("before Christmas Eve", dt.date(2026, 12, 24)),
        ("by xmas eve", dt.date(2026, 12, 24)),
        ("before New Year's Eve", dt.date(2026, 12, 31)),
        ("by new years eve", dt.date(2026, 12, 31)),
        ("before Christmas", dt.date(2026, 12, 25)),
    ],
)
def test_the_eves_are_their_own_days(words, day):
    found = said_days(f"the drawings {words}", dt.date(2026, 12, 9))
    assert found and found[0].day == day, found
    promise = read_promise(f"get him the drawings {words}", dt.date(2026, 12, 9))
    assert promise.due == day and promise.action == "get him the drawings", promise


@pytest.mark.parametrize(
    "notes",
    [
        "travelling 12 Dec – 6 Jan, don't ring before the 7th",
        "on a retreat from 11 Dec to 6 Jan. dont call before the 7th",
    ],
)
def test_a_bare_day_after_time_away_is_after_it(notes):
    case = read_case(notes, _MET, None, None, dt.date(2026, 12, 10))
    assert case.wait_until == dt.date(2027, 1, 7), case


def test_a_dated_ask_from_meeting_them_brings_the_call_before_its_day():
    weekdays = frozenset(range(5))
    met = "runs a guesthouse. needs a price from us by Fri 18 Dec to show her partner"
    found = deliver_follow_up(
        "she sent the floor plan, the 18th still stands", dt.date(2026, 12, 9), weekdays, met, _MET
    )
    assert found is not None
    day, why, thing = found
    assert dt.date(2026, 12, 9) < day < dt.date(2026, 12, 18), day
    assert thing.thing == "a price" and "Fri 18 Dec" in why
    # an ask with no day keeps the usual rhythm; a call that says it went closes it
    assert (
        deliver_follow_up("chatted about spring", dt.date(2026, 12, 9), weekdays, "wants a price", _MET)
        is None
    )
    assert deliver_follow_up("sent the price today", dt.date(2026, 12, 9), weekdays, met, _MET) is None


_UPKEEP = OfferFacts(
    2, "Winter care for shade canopies: cleaning and storage", None, ("#canopies", "#maintenance")
)


@pytest.mark.parametrize(
    "notes",
    [
        "café on the square, zero shade on the terrace, customers leave at noon",
        "wants canopies for the terrace by May",
    ],
)
def test_a_guide_to_looking_after_a_thing_is_no_fit_for_who_has_none(notes):
    points = _points(notes, offers=[_UPKEEP])
    shown = " ".join([points.reason.text, *(a.text for a in points.alternatives)])
    assert "Winter care" not in shown and "canopies: cleaning" not in shown, shown


def test_a_guide_to_looking_after_a_thing_fits_who_has_one_that_needs_it():
    points = _points(
        "hotel with six canopies on the pool deck, nobody does the cleaning or winter storage",
        offers=[_UPKEEP],
    )
    shown = " ".join([points.reason.text, *(a.text for a in points.alternatives)])
    assert "our winter care" in shown, shown
