"""Round 115's classes (SPEC §14), in wordings of our own: an invitation's place ("…, Sat 16 Jan,
Ghent") is no topic a contact "outside Ghent" shares; a question asked of you ends where the next
clause starts ("asked how long the guarantee runs, he'll pass my answer on"); an invitation to join
something ("asked if we'd be in") is answered on the call, never promised a yes in the opener;
"wants more chapel jobs" is a supplier after work. Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.talking_points import ContactFacts, OfferFacts
from bot.domain.talking_points.case_items import asked_question
from bot.domain.talking_points.situation import situation_of
from tests.coach_helpers import coach

TODAY = dt.date(2026, 12, 21)
MET = dt.date(2026, 11, 26)
OPEN_DAY = OfferFacts(
    1,
    "Foundry open day, see a bell cast - Sat 16 Jan 2027, Ghent",
    "https://x.example/open",
    ("#invitation", "#event"),
)


def test_an_invitations_place_is_no_shared_topic():
    roofer = ContactFacts(
        1,
        "Wout Claes",
        "Claes Daken",
        met_on=MET,
        notes="slate roofer. wants more chapel jobs in Limburg, outside Ghent",
    )
    points = coach(roofer, TODAY, offers=[OPEN_DAY])
    assert points.reason.kind != "offer" and "open day" not in points.reason.text, points.reason.text


def test_more_jobs_wanted_is_a_supplier_after_work():
    found = situation_of("slate roofer. wants more chapel jobs in Limburg")
    assert found and found.kind == "need" and found.lead == "work", found


def test_a_question_ends_where_the_next_clause_starts():
    found = asked_question(
        "the dean asked how long the guarantee on the new clappers runs, he'll pass my answer on if I write"
    )
    assert found and found[0] == "an answer on how long the guarantee on the new clappers runs", found


def test_asked_to_join_is_answered_on_the_call_not_promised():
    points = coach(
        ContactFacts(
            2,
            "Roos Peeters",
            "vzw Klokkenzomer",
            met_on=MET,
            notes="runs the summer concerts. looking for sponsors for 2027, packages from 500 EUR. asked if we'd be in",
        ),
        TODAY,
    )
    assert "glad to" not in points.opener and "glad to" not in points.voicemail, (
        points.opener,
        points.voicemail,
    )


def test_things_asked_for_in_the_plural_are_them():
    points = coach(
        ContactFacts(
            3, "Lien Goossens", "Goossens Hoeve", met_on=MET, notes="asked for 3 reference sites near Lier"
        ),
        TODAY,
    )
    assert "3 reference sites" in points.reason.text and " it " not in f" {points.reason.text} ", (
        points.reason.text
    )
    assert "them" in points.reason.text, points.reason.text


def test_wanting_fewer_of_something_is_a_plan_to_cut_down():
    found = situation_of(
        "runs the help desk. agents swamped by the same questions every week, wants fewer tickets"
    )
    assert found and found.kind == "plan" and found.phrase == "cut down on tickets", found
