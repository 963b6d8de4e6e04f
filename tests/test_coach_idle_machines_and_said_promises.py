"""Round 92's classes (SPEC §14), in wordings of our own: "I said I'd send X by <day>" in the notes is
a promise kept on record (its condition "once we've …" is no part of the deed); "wants to see
something working" asks for a chance to see something working; machines standing idle meet someone
who can't get anyone out to do the work, both ways; "pass on anything I hear of" is a lead to find,
not a thing to send. Pure, plus the /met parser."""

from __future__ import annotations

import datetime as dt

from bot.domain.quickadd import parse_met
from bot.domain.talking_points import ContactFacts
from bot.domain.vocabulary import Stage
from tests.coach_helpers import coach

TODAY = dt.date(2027, 3, 10)


def test_i_said_id_send_is_a_promise_with_its_day():
    parsed = parse_met(
        "Ilse Kandjii of Erongo Roads at Expo on 2027-03-01: I said I'd send our spraying schedule "
        "by Fri 12 Mar once we've fixed the rates",
        TODAY,
    )
    assert parsed.promise == "send our spraying schedule", parsed.promise
    assert parsed.promise_due == dt.date(2027, 3, 12)
    told = parse_met(
        "Ilse Kandjii of Erongo Roads at Expo on 2027-03-01: told her I'd share the rates", TODAY
    )
    assert told.promise == "share the rates", told.promise


def test_wanting_to_see_something_working_reads_as_said():
    points = coach(
        ContactFacts(
            1,
            "Petrus Shikongo",
            "Oshakati Works",
            met_on=dt.date(2027, 3, 1),
            notes="wants to see something working before he asks his board",
        ),
        TODAY,
    )
    said = " ".join((points.reason.text, points.opener, points.goal))
    assert "the something" not in said, said


LODGE = ContactFacts(
    2,
    "Magdalena Ndjavera",
    "Brandberg Rest Camp",
    met_on=dt.date(2027, 2, 20),
    notes="owner. 9 km track to the camp is washboard, guests complain. can't get anybody to come out and fix it",
)
CONTRACTOR = ContactFacts(
    3,
    "Hendrik Ya Toivo",
    "Toivo Earthworks",
    met_on=dt.date(2027, 2, 21),
    notes="small plant-hire firm. two graders and a tipper sitting idle till the mine reopens",
    stage=Stage.ACTIVE,
    last_outcome="reached",
    last_call_on=dt.date(2027, 3, 3),
    last_contact_on=dt.date(2027, 3, 3),
    ever_reached=True,
    last_call_notes="machines free all of March. pass on any jobs that come up",
)


def test_idle_machines_meet_someone_who_cannot_get_anyone_out_both_ways():
    points = coach(LODGE, TODAY, others=[CONTRACTOR])
    assert points.reason.kind == "intro" and "Hendrik" in points.reason.text, points.reason
    back = coach(CONTRACTOR, TODAY, others=[LODGE])
    assert back.reason.kind == "intro" and "Magdalena" in back.reason.text, back.reason


def test_passing_on_any_jobs_is_a_lead_to_find_not_a_thing_to_send():
    points = coach(CONTRACTOR, TODAY)
    said = " ".join((points.reason.text, points.opener, points.voicemail))
    assert "send any jobs" not in said and "jobs that come up" not in points.opener, said
