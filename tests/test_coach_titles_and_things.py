"""Round 77's text classes (SPEC §14), in wordings of our own: a case study labelled in the user's own
language is named by its client, never by its label; "them" about things stays "them" when a promise
is said to the contact's face. Pure."""

from __future__ import annotations

from bot.domain.talking_points.phrases import offer_name, spoken


def test_a_case_study_labelled_in_another_language_is_named_by_its_client():
    assert (
        offer_name("Estudio de caso: Panadería Los Olivos, mermas del 18 % al 4 %", "client_success")
        == "the Panadería Los Olivos case study"
    )
    assert offer_name("Fallstudie: Gärtnerei Vogt halbiert den Ausschuss", "client_success") == (
        "the Gärtnerei Vogt case study"
    )


def test_them_about_things_stays_them_and_them_as_the_person_becomes_you():
    assert (
        spoken("send the clip on how to fold them flat", "Kwame") == "send the clip on how to fold them flat"
    )
    assert spoken("send them the price list", "Kwame") == "send you the price list"
    assert spoken("introduce them to Ama at the depot", "Kwame") == "introduce you to Ama at the depot"
