"""Round 89's classes (SPEC §14), in wordings of our own: "did anyone do X?" asks you for a name; a
gerund that is talked about ("cooling isn't the problem") is nothing they are doing; a pilot they run
is no deal with you; someone short of space to keep things meets someone with space to let, both
ways; a span something is needed for ("store them until March") is no time to call. Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.call_text import notes_follow_up
from bot.domain.talking_points import ContactFacts
from bot.domain.vocabulary import Stage
from tests.coach_helpers import coach

TODAY = dt.date(2027, 1, 18)
CALLED = dt.date(2027, 1, 11)


def _called(name, notes, call_notes, **more):
    return ContactFacts(
        3,
        name,
        "Samarqand Fresh",
        met_on=dt.date(2026, 12, 10),
        notes=notes,
        stage=Stage.ACTIVE,
        last_outcome="reached",
        last_call_on=CALLED,
        last_contact_on=CALLED,
        ever_reached=True,
        last_call_notes=call_notes,
        **more,
    )


def _said(points):
    return " ".join((points.reason.text, points.opener, points.goal, points.fallback, points.voicemail))


def test_asking_whether_anyone_does_it_asks_you_for_a_name():
    points = coach(
        _called(
            "Dilnoza Rahimova",
            "packhouse manager, 4 cold stores",
            "asked if anybody services ammonia compressors out in the regions",
        ),
        TODAY,
    )
    assert points.reason.kind == "thread", points.reason
    assert "ammonia compressors" in points.reason.text, points.reason.text
    assert "someone who" in points.reason.text, points.reason.text


def test_a_gerund_talked_about_is_nothing_they_are_doing():
    points = coach(
        _called(
            "Dilnoza Rahimova",
            "packhouse manager",
            "cooling isn't the problem, it's the humidity in the apple rooms",
        ),
        TODAY,
    )
    assert "cooling isn't the problem is going" not in _said(points), _said(points)
    assert all("cooling isn't" not in a.text.split("(")[0] for a in points.alternatives), points.alternatives


def test_a_pilot_they_run_is_no_deal_with_you():
    points = coach(
        _called(
            "Jasur Nazarov",
            "leads the city's electric taxi pilot, 30 cars. keen to stay in touch",
            "charging at night is fine, the heating eats the range",
        ),
        TODAY,
    )
    assert points.reason.kind != "open_deal", points.reason
    assert "decision" not in points.goal and "deal" not in points.goal, points.goal


def test_someone_short_of_space_meets_someone_with_space_to_let_both_ways():
    seeker = _called(
        "Bekzod Aliyev",
        "runs 9 refrigerated trailers, they stand outside all winter. would love somewhere covered to keep them",
        "asked if I know anywhere dry to store the trailers",
    )
    landlord = ContactFacts(
        4,
        "Shahnoza Yusupova",
        "Chilonzor Logistics",
        met_on=dt.date(2026, 12, 10),
        notes="runs a depot by the ring road. two sheds standing empty, looking for tenants through spring",
    )
    points = coach(seeker, TODAY, others=[landlord])
    assert points.reason.kind == "intro" and "Shahnoza" in points.reason.text, points.reason
    assert "store the trailers" in points.reason.why, points.reason.why
    back = coach(landlord, TODAY, others=[seeker])
    assert back.reason.kind == "intro" and "Bekzod" in back.reason.text, back.reason
    assert "tenants for spare space" in back.reason.text, back.reason.text


def test_space_is_no_match_for_someone_who_wants_goods():
    seeker = _called(
        "Bekzod Aliyev", "fruit exporter", "looking for new growers of apricots, asked if I know any"
    )
    landlord = ContactFacts(
        4, "Shahnoza Yusupova", "Chilonzor Logistics", notes="warehouse half empty, looking for tenants"
    )
    points = coach(seeker, TODAY, others=[landlord])
    assert "Shahnoza" not in points.reason.text, points.reason.text


def test_a_span_something_is_needed_for_is_no_time_to_call():
    called = dt.date(2027, 1, 11)
    assert notes_follow_up("asked if I know somewhere to park the buses till march", called) is None
    assert notes_follow_up("they need cover until the end of april, send a quote", called) is None
    assert notes_follow_up("tied up until March, ring her then", called)[0] == dt.date(2027, 3, 1)
    assert notes_follow_up("out of the country till the 25th", called)[0] == dt.date(2027, 1, 25)
