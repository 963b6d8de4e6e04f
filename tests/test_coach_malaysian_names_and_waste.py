"""Round 93's classes (SPEC §14), in wordings of our own: how the notes say to address someone in
capitals ("it's DATUK Rahim, not encik") or with an engineer's title ("Ir. Tan") is used; a Chinese
name written family name first with two given syllables is called by the two, a Malay lineage title
is never a first name; the verb "does" is no tag "DOE"; "haven't actually spoken to him" is no topic;
"asked if I had a guide for that" says what that is; a plant with waste it wants off its hands meets
a maker short of a steady supply of it, both ways. Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.names import address_in, first_name
from bot.domain.talking_points import ContactFacts, OfferFacts
from bot.domain.talking_points.facts import _stem
from bot.domain.talking_points.situation import situation_of
from tests.coach_helpers import coach

TODAY = dt.date(2027, 1, 11)


def test_an_address_in_capitals_or_with_an_engineers_title_is_used():
    assert address_in("it's DATUK Rahim, not encik. runs 2 mills", "Rahim Abdullah") == "Datuk Rahim"
    assert address_in("Ir. Tan, does the council's pump stations", "Tan Boon Hock") == "Ir. Tan"


def test_family_name_first_and_lineage_titles_give_the_name_they_are_called_by():
    assert first_name("Tan Boon Hock") == "Boon Hock"
    assert first_name("Goh Mei Ling") == "Mei Ling"
    assert first_name("Stephanie Goh Mei Ling") == "Stephanie"
    assert first_name("Nik Nurul Huda Nik Hassan") == "Nurul Huda"
    assert first_name("Syed Faizal Syed Omar") == "Faizal"
    assert first_name("Wong Kar Wai") == "Wong"  # not two given syllables we can tell: as written


def test_does_is_never_the_agency_tag_doe():
    assert _stem("does") != _stem("#doe")
    checklist = OfferFacts(1, "DOE effluent discharge checklist", None, ("#doe", "#effluent"))
    points = coach(
        ContactFacts(
            2,
            "Rosli Kamarudin",
            "Kamarudin O&M",
            met_on=dt.date(2026, 12, 20),
            notes="does maintenance for small hotels",
        ),
        TODAY,
        offers=[checklist],
    )
    assert "checklist" not in points.reason.text, points.reason.text


def test_not_having_spoken_yet_is_no_topic():
    points = coach(
        ContactFacts(
            3,
            "Mei Fong Cheah",
            "Cheah Consulting",
            met_on=dt.date(2026, 12, 20),
            notes="haven't actually spoken to him yet - he left early. runs the district's drainage tenders",
        ),
        TODAY,
    )
    assert "spoken to him" not in points.reason.text, points.reason.text


def test_asking_for_a_guide_for_that_says_what_that_is():
    found = situation_of("export licence renewal due in March, asked if I had a guide for that")
    assert found is not None and found.phrase == "a guide for the export licence renewal", found


MILL = ContactFacts(
    4,
    "Faizah Mokhtar",
    "Mokhtar Poultry",
    met_on=dt.date(2026, 12, 15),
    notes="poultry plant. feathers and offal trucked to landfill at a loss, would love someone to take them off her hands",
)
MAKER = ContactFacts(
    5,
    "Daniel Raj",
    "GreenGrow Pellets",
    met_on=dt.date(2026, 12, 16),
    notes="makes organic fertiliser pellets. his problem is getting a reliable supply of organics",
)


def test_waste_off_their_hands_meets_a_maker_short_of_it_both_ways():
    points = coach(MILL, TODAY, others=[MAKER])
    assert points.reason.kind == "intro" and "Daniel" in points.reason.text, points.reason
    back = coach(MAKER, TODAY, others=[MILL])
    assert back.reason.kind == "intro" and "Faizah" in back.reason.text, back.reason
