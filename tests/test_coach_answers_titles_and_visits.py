"""Rounds 156–158's classes (SPEC §14), in wordings of our own: a question of theirs a later call
answered is no reason to call, and the call's other news is the thread; a plan said back to them speaks
to them ("before you order it yourself"); Korean family names first; French titles are who they are,
never the topic; French cue words hold the first follow-up and read the same in the digest as in
/prep; a form of address said in French; wanting to see your plant fits your open day. Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.cadence import first_follow_up
from bot.domain.names import address_in, first_name
from bot.domain.talking_points import ContactFacts, UserFacts, best_reason
from bot.domain.talking_points.case_schedule import with_their_time
from bot.domain.talking_points.models import OfferFacts
from bot.domain.talking_points.thread import _ROLE_LABEL, _you_do, to_them
from bot.domain.vocabulary import Stage
from bot.services.playbook_files import load_playbook
from tests.coach_helpers import coach

MET = dt.date(2026, 11, 24)
TODAY = dt.date(2026, 12, 14)
WEEKDAYS = frozenset(range(5))


def test_a_scope_question_answered_on_the_call_is_no_reason():
    contact = ContactFacts(
        1,
        "Mirela Dobrev",
        "Dobrev Events",
        met_on=MET,
        notes="runs corporate dinners. asked if we supply chafing fuel",
        stage=Stage.ACTIVE,
        ever_reached=True,
        last_outcome="reached",
        last_contact_on=TODAY - dt.timedelta(days=5),
        last_call_on=TODAY - dt.timedelta(days=5),
        last_call_notes="asked again about chafing fuel - told her we only do sauces. maybe 40 kg chilli base for the spring menus",
    )
    text = coach(contact, TODAY).reason.text
    assert "chafing" not in text and "straight answer" not in text, text
    assert "chilli base" in text, text


def test_a_plan_said_back_to_them_speaks_to_them():
    assert _you_do("taste the batch himself before he orders") == "taste the batch yourself before you order"
    assert to_them("she pushes it and he tries again") == "you push it and you try again"
    points = coach(
        ContactFacts(
            2,
            "Hana Kolář",
            "Kolář Foods",
            met_on=MET,
            notes="wants to taste a batch herself before she commits",
        ),
        TODAY,
    )
    spoken = f"{points.opener} {points.voicemail}"
    assert "herself" not in spoken and "she commits" not in spoken, spoken


def test_korean_family_names_come_first():
    for name, given in (("Gu Hyun-woo", "Hyun-woo"), ("Na Eun-ji", "Eun-ji"), ("Ha Ji-won", "Ji-won")):
        assert first_name(name) == given, name
    assert first_name("Sung Smith-Jones") == "Sung"  # not romanised syllables: as written


def test_french_titles_are_who_they_are():
    for title in ("responsable achats", "chef de quai", "directeur d'usine", "chef atelier méca"):
        assert _ROLE_LABEL.match(title), title
    for talk in ("chef wants a cheaper base", "owner is selling up"):
        assert not _ROLE_LABEL.match(talk), talk


def test_french_do_not_call_before_holds_the_first_follow_up():
    met = dt.date(2026, 12, 3)
    usual = first_follow_up(met, None, WEEKDAYS)
    held = with_their_time(
        usual, "audit interne jusqu'au 18/12, ne pas appeler avant le 21/12", met, met, WEEKDAYS
    )
    assert held.next_due == dt.date(2026, 12, 21), held


def test_the_digest_line_reads_notes_as_prep_does():
    contact = ContactFacts(
        3,
        "Lucie Ngoma",
        "Ngoma SA",
        met_on=MET,
        notes="resp. qualité. pas appeler avant le 21/12",
        stage=Stage.NEW,
    )
    line = best_reason(
        contact, user=UserFacts("Sam"), offers=[], others=[], today=TODAY, playbook=load_playbook()
    )
    assert line.text == coach(contact, TODAY).reason.text
    assert "21 Dec" in line.text, line.text


def test_a_form_of_address_said_in_french():
    assert (
        address_in("Ir. (call them Ingénieur). 8 techniciens", "Paul Mbemba-Lusi") == "Ingénieur Mbemba-Lusi"
    )
    assert address_in('DAF — dire "Madame la Présidente" svp', "Rose Kanku") == "Madame la Présidente"


def test_wanting_to_see_your_plant_fits_your_open_day():
    day = OfferFacts(
        4,
        "Open production day at our Gimpo plant — Wed 2027-01-20",
        "https://ex.com/open",
        ("#invitation", "#visit"),
    )
    contact = ContactFacts(
        5,
        "Yoon Da-som",
        "Seoul Deli Group",
        met_on=MET,
        notes="buyer. keen but wants to walk our line before listing us",
    )
    text = coach(contact, TODAY, offers=[day]).reason.text
    assert text.startswith("Invite Da-som to the open production day"), text
