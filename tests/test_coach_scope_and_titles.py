"""Round 70's classes (SPEC §14), in wordings of our own: "asked if we do X" asks whether X is your work,
answered straight; a title before their name says their pronoun, whoever else the notes name; a
company field of "freelance" or "retired" names no company; words typed in capitals are said plainly
("a PRO FORMA by TUE 22 DEC"); a trip with a return day is no topic. Pure."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.domain.pronouns import pronoun_of
from bot.domain.talking_points import ContactFacts
from bot.domain.talking_points.case import read_case
from tests.coach_helpers import coach

_MET = dt.date(2026, 11, 26)
_TODAY = dt.date(2026, 12, 15)


def _who(notes, company="Kanoa Dive", **more):
    return ContactFacts(51, "Leilani Kahale", company, met_on=_MET, event="Ocean Expo", notes=notes, **more)


@pytest.mark.parametrize(
    "said", ['asked if we "service compressors"', "asked whether we can supply dive cylinders"]
)
def test_asked_if_we_do_it_is_answered_straight(said):
    points = coach(_who(f"dive shop, 6 boats. {said}"), _TODAY)
    assert "asked whether you" in points.reason.text and "straight answer" in points.reason.text, (
        points.reason
    )
    assert "glad to" not in points.opener and "dates" not in points.opener, points.opener


def test_a_title_before_their_name_says_their_pronoun():
    notes = (
        "not met yet. Dr Kai says Sister Leilani runs the clinic and has money for a new unit. say he sent me"
    )
    assert pronoun_of("Leilani Kahale", None, notes) == "she"
    assert pronoun_of("Kai Mahoe", None, "Brother Kai keeps the books, she said") == "he"


@pytest.mark.parametrize("firm", ["freelance", "Retired", "self-employed", "independent"])
def test_a_company_field_of_no_firm_names_no_company(firm):
    points = coach(_who("ran a dive school for 20 years", company=firm), _TODAY)
    shown = " ".join([points.reason.text, points.opener, points.voicemail, points.fallback or ""])
    assert f"at {firm}" not in shown and f"{firm}'s" not in shown, shown


def test_words_in_capitals_are_said_plainly():
    case = read_case(
        "needs a PRO FORMA for two compressors by TUE 22 DEC, grant closes then", _MET, None, None, _TODAY
    )
    assert (
        case.deliver
        and case.deliver.thing.startswith("a pro forma ")
        and case.deliver.by_words.startswith("by Tue 22 Dec")
    ), case.deliver


def test_a_trip_with_a_return_day_is_no_topic():
    contact = _who("wants gear that dries faster. flying to Hilo to see suppliers, back the 10th")
    points = coach(contact, _TODAY)
    assert "flying" not in points.opener and "flying" not in points.reason.text, (
        points.reason,
        points.opener,
    )
