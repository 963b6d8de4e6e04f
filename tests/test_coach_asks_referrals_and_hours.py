"""Rounds 111 and 112's classes (SPEC §14), in wordings of our own: a request with a gloss in
brackets ("asked for COAs (lab certificates, signed)") and its day said after it ("— inspection Thu
17 Dec, she needs them before that") is an ask due by that day; "needs a weekly rate from me before
then" after "the board sits on Tue 22 Dec to set Q1 budgets" is due on the board's day, not the
quarter's; a referral's first question is what the referrer told you, never "he left early"; the
hours they keep ("milking from 4am") and "wants the title used" are how to reach them, no topic; a
product that "tastes of cardboard" or an account "they could lose" is a problem to help with. Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.talking_points import ContactFacts
from bot.domain.talking_points.case import _deliverables
from bot.domain.vocabulary import Stage
from tests.coach_helpers import coach

TODAY = dt.date(2026, 12, 14)
MET = dt.date(2026, 11, 27)


def test_an_ask_with_a_bracketed_gloss_and_its_day_after_a_dash():
    notes = (
        "QA lead, small bakery group. asked for COAs (lab certificates, signed) for every flour lot we ship — "
        "hygiene inspection Thu 17 Dec, she needs them before that. buys from a wholesaler now"
    )
    found = [d for d in _deliverables(notes, TODAY) if d.theirs]
    assert found and found[0].by == dt.date(2026, 12, 17), found
    assert "(" not in found[0].thing and "COAs" in found[0].thing, found
    points = coach(ContactFacts(1, "Inés Baltar", "Pan Baltar", met_on=MET, notes=notes), TODAY)
    assert "COAs" in points.reason.text and "17 Dec" in points.reason.text, points.reason.text
    assert "costing" not in points.reason.text, points.reason.text


def test_needs_a_figure_from_me_before_then_is_due_on_the_meeting_not_the_quarter():
    call = "the board sits on Tue 22 Dec to set Q1 budgets. she'll argue for it, needs a weekly rate from me before then"
    found = [d for d in _deliverables(call, dt.date(2026, 12, 9)) if d.theirs]
    assert found and found[0].by == dt.date(2026, 12, 22) and found[0].thing == "a weekly rate", found
    points = coach(
        ContactFacts(
            2,
            "Maud Fenwick",
            "Fenwick Creamery",
            met_on=MET,
            notes="runs the cheese room",
            stage=Stage.ACTIVE,
            last_outcome="reached",
            last_contact_on=dt.date(2026, 12, 9),
            last_call_on=dt.date(2026, 12, 9),
            ever_reached=True,
            last_call_notes=call,
        ),
        dt.date(2026, 12, 18),
    )
    assert "weekly rate" in points.reason.text and "from me" not in points.reason.text, points.reason.text


def test_a_referral_starts_from_what_the_referrer_told_you():
    points = coach(
        ContactFacts(
            3,
            "Oskar Lind",
            "Lind Chark",
            met_on=MET,
            referred_by="Freya Holm",
            notes="not spoken yet. Freya pointed him out but he left early. Freya says two of his smoked-fish lots were sent back by a Danish buyer",
        ),
        TODAY,
    )
    assert "left early" not in points.reason.text and "pointed" not in points.reason.text, points.reason.text
    assert "sent back by a Danish buyer" in points.reason.text and "Freya" in points.reason.text, (
        points.reason.text
    )


def test_the_hours_they_keep_and_a_wanted_title_are_no_topic():
    early = coach(
        ContactFacts(
            4,
            "Colm Rafferty",
            "Rafferty Farm",
            met_on=MET,
            notes="owner. milking from 4am, never ring before 10:30. buyer says his butter tastes of cardboard after two weeks on the shelf",
        ),
        TODAY,
    )
    assert "4am" not in early.reason.text and "4am" not in early.opener, early.reason.text
    assert "cardboard" in early.reason.text, early.reason.text
    titled = coach(
        ContactFacts(
            5,
            "Halina Wrona",
            "Wrona Foods",
            met_on=MET,
            notes="Prof. Wrona (food science, Lublin) - she wants the title used in letters. wants to run blind tastings w/ students to see which recipe wins",
        ),
        TODAY,
    )
    assert "title used" not in titled.reason.text and "blind tastings" in titled.reason.text, (
        titled.reason.text
    )
    assert "w/" not in titled.reason.text and not titled.reason.text.split(".")[0].endswith("to see"), (
        titled.reason.text
    )
