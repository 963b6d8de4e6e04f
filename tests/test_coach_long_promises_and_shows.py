"""Round 91's classes (SPEC §14), in wordings of our own: a long promise is never cut mid-phrase (its
time clause goes first, the day is said elsewhere) and "+" reads "and"; "said I'd mull it over" is no
deed to keep, and "asked who I know that would X" asks you for a name; an open house that shows the
thing running answers "wants to see one working". Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.talking_points import ContactFacts, OfferFacts
from bot.domain.talking_points.phrases import fit_words
from bot.domain.vocabulary import Stage
from tests.coach_helpers import coach

TODAY = dt.date(2027, 2, 8)


def _contact(notes, **more):
    return ContactFacts(
        11, "Keisha Baptiste-Lewis", "Lewis Bottling", met_on=dt.date(2027, 1, 20), notes=notes, **more
    )


def test_a_long_promise_drops_its_time_clause_instead_of_being_cut():
    promise = (
        "send her the descaling guide + a price for inline filters on their two bottling lines "
        "before the Carnival Monday shutdown"
    )
    points = coach(
        _contact("told her I'd send the guide", promise=promise, promise_due=dt.date(2027, 2, 10)), TODAY
    )
    for said in (points.reason.text, points.opener, points.voicemail, points.reason.short):
        assert "…" not in said, said
    assert "inline filters on their two bottling lines" in points.reason.text, points.reason.text
    assert "descaling guide and a price" in points.reason.text, points.reason.text


def test_fit_words_keeps_short_text_and_gives_up_rather_than_gut_it():
    assert fit_words("send the spec sheet", 40) == "send the spec sheet"
    assert fit_words("send the spec sheet and the price list, before the board meets in March", 40) == (
        "send the spec sheet and the price list"
    )
    assert fit_words("x" * 90, 40) == ""


def test_mulling_it_over_is_no_deed_and_who_you_know_is_a_name_asked():
    points = coach(
        _contact(
            "runs a testing lab, wants regular work from food plants",
            stage=Stage.ACTIVE,
            last_outcome="reached",
            last_call_on=dt.date(2027, 2, 1),
            last_contact_on=dt.date(2027, 2, 1),
            ever_reached=True,
            last_call_notes="asked who I know that would want monthly water tests. said I'd mull it over",
        ),
        TODAY,
    )
    said = " ".join((points.reason.text, points.opener, points.voicemail))
    assert "mull" not in said and "keep my word" not in said, said
    assert "someone who wants monthly water tests" in points.reason.text, points.reason.text


def test_an_open_house_that_shows_it_running_answers_wanting_to_see_one():
    day = OfferFacts(
        1,
        "Open day at our Arima workshop — filters running live, Thu 25 Feb 2027",
        None,
        ("#invitation", "#demo"),
        dt.date(2027, 2, 25),
    )
    points = coach(
        _contact("poultry plant, scale everywhere. needs to see one working first"), TODAY, offers=[day]
    )
    assert points.reason.kind == "invite", points.reason
    assert "chance to see one working" not in points.opener, points.opener
