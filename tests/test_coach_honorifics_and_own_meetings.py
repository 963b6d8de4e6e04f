"""Rounds 171–174's classes (SPEC §14, Word and Meetings), in wordings of our own: the form of address
the notes insist on is the greeting ("He's U Thein, not Ko Thein", "address him Pehin Yusof",
'dit "Docteur" svp'); pinyin written with its tones ("Lǚ Xiǎomíng") is family name first; a meeting of
the contact's own ("she has a staff mtg Tue 15 Dec") is never one with you. Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.names import address_in, first_name
from bot.domain.talking_points.noted_meeting import noted_meeting
from tests.coach_helpers import coach, met_contact

TODAY = dt.date(2026, 12, 16)


def test_the_form_the_notes_insist_on_is_the_greeting():
    assert address_in("plant owner. He's U Thein, not Ko Thein, v formal", "Thein Aung") == "U Thein"
    assert address_in("back from hajj, address him Pehin Yusof pls", "Yusof Salleh") == "Pehin Yusof"
    assert address_in('pharmacienne, dit "Docteur" svp', "Awa Diop") == "Docteur Diop"
    assert address_in("she's the buyer, not the owner", "Mia Holt") is None  # no name in it
    contact = met_contact(
        1,
        "Thein Aung",
        "Aung Dye Works",
        "He's U Thein, not Ko Thein. dye house, steam leaks on the jiggers",
        met=dt.date(2026, 11, 30),
        today=TODAY,
    )
    assert coach(contact, TODAY).opener.startswith("Hi U Thein"), coach(contact, TODAY).opener


def test_pinyin_with_its_tones_is_family_name_first():
    assert first_name("Lǚ Xiǎomíng") == "Xiǎomíng"
    assert first_name("Wáng Fāng") == "Fāng"
    assert first_name("Wang Wei") == "Wang"  # no tones: either order, so the first word
    assert first_name("Chén Dupont") == "Chén"


def test_their_own_meeting_is_not_one_with_you():
    on = dt.date(2026, 12, 9)
    assert noted_meeting(("she has a staff mtg Tue 15 Dec, I'll send the menu before", on)) is None
    assert noted_meeting(("has a mtg with us Tue 15 Dec at the depot", on)) == dt.date(2026, 12, 15)
    assert noted_meeting(("said mtg Tue 15 Dec 10am their office", on)) == dt.date(2026, 12, 15)
