"""Rounds 157–160's classes (SPEC §14, introductions both ways; a decision pending on a known date), in
wordings of our own: people who want work meet a firm short of hands; idle trucks meet someone looking
for a haulier they can rely on, also when the other's notes say it in French; a passed step before a
decision ("board pack closed Mon") never hides the decision still ahead; a late promise says the
decision it must reach first. Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.talking_points.case import read_case
from tests.coach_helpers import coach, met_contact

MET = dt.date(2026, 11, 25)
TODAY = dt.date(2026, 12, 14)


def _c(n, name, company, notes, call=None, outcome="reached", days=5):
    return met_contact(n, name, company, notes, met=MET, today=TODAY, call=call, outcome=outcome, days=days)


def test_people_who_want_work_meet_a_firm_short_of_hands():
    grower = _c(
        1,
        "Teuila Mase",
        "Mase Mango Farm",
        "export run Feb-Apr, short 15 seasonal pickers, lost the last crew",
    )
    leader = _c(
        2,
        "Ioane Fiso",
        "Youth Trust",
        "30 school leavers keen on paid seasonal work. asked if I know any employers",
    )
    one = coach(grower, TODAY, others=[leader]).reason.text
    other = coach(leader, TODAY, others=[grower]).reason.text
    assert "Ioane Fiso" in one, one
    assert "Teuila Mase" in other, other


def test_idle_trucks_meet_someone_who_needs_a_haulier():
    haulier = _c(
        3,
        "Gregor Vasić",
        "Vasić Transport",
        "40 trucks, mostly busy",
        call="still 8 trucks idle since the mine closed",
    )
    forwarder = _c(
        4,
        "Edina Kos",
        "Kos Forwarding",
        "two no-shows last month, looking for reliable truckers on the port run",
    )
    assert "Edina Kos" in coach(haulier, TODAY, others=[forwarder]).reason.text
    assert "Gregor Vasić" in coach(forwarder, TODAY, others=[haulier]).reason.text


def test_the_others_notes_are_read_in_english_too():
    haulier = _c(5, "Moussa Diallo", "Diallo Transports", "15 camions, half parked since the rains")
    shipper = _c(6, "Awa Ndour", "Ndour Export", "cherche transporteur sérieux pour le port")
    assert "Awa Ndour" in coach(haulier, TODAY, others=[shipper]).reason.text


def test_a_passed_step_never_hides_the_decision_ahead():
    case = read_case(
        "reviewing suppliers, board decides Fri 18 Dec",
        MET,
        "board pack closed mon, I'll send the audit report before fri",
        dt.date(2026, 12, 9),
        TODAY,
    )
    assert case.decision_on == dt.date(2026, 12, 18), case


def test_a_late_promise_names_the_decision_it_must_reach():
    contact = _c(
        7,
        "Lindiwe Dube",
        "Dube Hotels",
        "purchasing, board decides Thu 17 Dec",
        call="I'll send her the audit report and recall plan by Wed 9 Dec",
        days=8,
    )
    text = coach(contact, TODAY).reason.text
    assert "late" in text and "17 Dec" in text, text
