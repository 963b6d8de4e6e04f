"""Round 113's classes (SPEC §14), in wordings of our own: someone who "can't find bare-root apple
whips anywhere, every nursery sold out" and a nursery with "6,000 whips unsold" are introduced, both
ways; a note that the contact is no prospect ("nothing in it for us"), that a referee "is expecting my
call", or when someone else is out ("afternoons he's on the boats") is never the topic to ask about;
and a thread with no trouble in it is not asked about as a cost. Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.talking_points import ContactFacts
from bot.domain.talking_points.thread import _thread_of
from bot.services.playbook_files import load_playbook
from tests.coach_helpers import coach

TODAY = dt.date(2026, 12, 18)
MET = dt.date(2026, 11, 24)

SHORT = ContactFacts(
    1,
    "Emrys Pugh",
    "Pugh Orchards",
    met_on=MET,
    notes="replanting 12 ha in February, can't find bare-root apple whips anywhere, every nursery sold out. asked if I know anyone",
)
SPARE = ContactFacts(
    2,
    "Nia Vaughan",
    "Vaughan Nursery",
    met_on=MET,
    notes="family nursery. grew too many this year, ~6,000 whips unsold, has to shift them before they outgrow the beds",
)


def test_sold_out_everywhere_meets_a_nursery_with_stock_unsold_both_ways():
    one = coach(SHORT, TODAY, others=[SPARE])
    assert one.reason.kind == "intro" and "Nia" in one.reason.text, one.reason.text
    other = coach(SPARE, TODAY, others=[SHORT])
    assert other.reason.kind == "intro" and "Emrys" in other.reason.text, other.reason.text


def test_notes_about_fit_referrals_and_someone_elses_hours_are_no_topic():
    playbook = load_playbook()
    assert "nothing in it" not in _thread_of(
        "60 ha barley, self-pollinating so nothing in it for us. lovely man", playbook
    )
    assert _thread_of("rang his cousin, told Owen about me, he's expecting my call", playbook) == ""
    assert _thread_of("ring after 2, afternoons he's on the boats", playbook) == ""


def test_a_plain_note_is_not_asked_about_as_a_cost():
    points = coach(
        ContactFacts(3, "Cerys Lloyd", "Lloyd Dairy", met_on=MET, notes="runs 300 head on the coast road"),
        TODAY,
    )
    assert "costing" not in points.reason.text, points.reason.text


def test_wool_nobody_will_buy_meets_a_felt_maker_short_of_fleece_both_ways():
    maker = ContactFacts(
        4,
        "Aled Rhys",
        "Rhys Felt",
        met_on=MET,
        notes="makes felt underlay. can't get enough local fleece, wants a steady supply, 5 t a year",
    )
    farm = ContactFacts(
        5,
        "Gwen Pryce",
        "Pryce Farm",
        met_on=MET,
        notes="300 ewes. last year's wool stacked up in the barn, about to burn it, shearing costs more than it fetches",
    )
    one = coach(maker, TODAY, others=[farm])
    assert one.reason.kind == "intro" and "Gwen" in one.reason.text, one.reason.text
    other = coach(farm, TODAY, others=[maker])
    assert other.reason.kind == "intro" and "Aled" in other.reason.text and "wool" in other.reason.text, (
        other.reason.text
    )
