"""Round 143's classes (SPEC §14), in wordings of our own: a "pilot plant" or "pilot line" is a place,
no deal in play; a Chinese or Korean name written family first with a hyphenated given name ("Goh
Xiu-Mei") is greeted by the given name, a double surname ("Lee Smith-Jones") never; "said he'd pass my
no. to the dean" is a door they opened, said with the whole number. Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.names import first_name
from bot.domain.talking_points import ContactFacts
from bot.domain.talking_points.their_help import their_help
from bot.domain.vocabulary import Stage
from tests.coach_helpers import coach

MET = dt.date(2026, 11, 26)
TODAY = dt.date(2026, 12, 10)


def test_a_pilot_plant_is_a_place_not_a_deal():
    contact = ContactFacts(1, "Rafi Aziz", "Aziz Polymers", met_on=MET, stage=Stage.NEW,
                           notes="lab manager. extruders in the pilot plant trip twice a week")  # fmt: skip
    points = coach(contact, TODAY)
    assert points.reason.kind != "open_deal", points.reason
    assert "decision" not in points.reason.text.lower(), points.reason.text


def test_a_hyphenated_given_name_after_a_family_name_is_the_first_name():
    assert first_name("Goh Xiu-Mei") == "Xiu-Mei"
    assert first_name("Choi Min-jun") == "Min-jun"
    assert first_name("Lee Smith-Jones") == "Lee"
    assert first_name("Tan Brown-Okafor") == "Tan"


def test_passing_your_number_on_is_a_door_they_opened():
    helps = their_help("runs the dept. said he'd pass my no. to the dean")
    assert helps is not None and helps.what == "pass your number to the dean", helps


# Round 145–146's classes: a size range is no date; "mgr" alone is no shared need; a leave said as "off
# from a day …, back a day" leaves the days before it; back on a Sunday means the call is on the Monday.


def test_a_size_range_is_no_date_and_the_contact_is_saved():
    from bot.domain.quickadd import parse_met

    parsed = parse_met(
        "Rumana Akter of Akter Knits at Expo on 2026-11-20: promised sample markers for sizes (28/30/32) by 8 Dec",
        dt.date(2026, 12, 6),
        day_first=True,
    )
    assert parsed.promise_due == dt.date(2026, 12, 8) and "28/30/32" in parsed.promise, parsed


def test_managers_are_not_introduced_to_each_other_on_the_word_mgr():
    one = ContactFacts(
        2,
        "Aoibhinn Walsh",
        "Walsh Label",
        met_on=MET,
        stage=Stage.NEW,
        notes="sourcing mgr, small womenswear label",
    )
    two = ContactFacts(
        3, "Anil Roy", "Roy Garments", met_on=MET, stage=Stage.NEW, notes="cutting mgr, 2 lines"
    )
    for a, b in ((one, two), (two, one)):
        points = coach(a, TODAY, others=[b])
        assert points.reason.kind != "intro", points.reason


def test_a_leave_said_as_off_then_back_leaves_the_days_before_it():
    from bot.domain.talking_points.case_timing import _wait, away_span

    note = "wants two prices. she's off from 23 Dec for the holidays, back 3 Jan"
    assert away_span(note, dt.date(2026, 12, 10))[:2] == (dt.date(2026, 12, 23), dt.date(2027, 1, 3))
    assert _wait("travelling, back Sun 3 Jan", dt.date(2026, 12, 10), set())[0] == dt.date(2027, 1, 4)


def test_a_messaging_app_they_prefer_is_never_their_name():
    from bot.domain.names import nickname_in

    assert nickname_in("prefers LINE msgs to calls") is None
    assert nickname_in("prefers WeChat, not e-mail") is None
    assert nickname_in("goes by Line") == "Line"  # the Danish name, written as a name
