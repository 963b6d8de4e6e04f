"""A need nothing on file fits (SPEC §14): said as near the work of one of the user's offers, or as
none of them, never as an idea the caller does not have; and what a note reports they said is said
back as what they told you, not quoted. Pure, in wordings of our own."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.domain.talking_points import ContactFacts, OfferFacts, UserFacts, prepare
from bot.domain.talking_points.offer_match import offer_near_need
from bot.domain.talking_points.thread import told_you
from bot.services.playbook_files import load_playbook

TODAY = dt.date(2026, 12, 14)
OFFERS = (
    OfferFacts(
        1,
        "Checklist: servicing sliding gates before the winter",
        "https://example.com/c",
        ("automation", "servicing"),
    ),
    OfferFacts(
        2,
        "Case study: a bonded warehouse that stopped losing forklift hours",
        "https://example.com/s",
        ("forklifts", "warehouse"),
    ),
    OfferFacts(3, "Yard safety evening, Thu 7 Jan 2027", "https://example.com/e", ("event", "safety")),
)


def _prep(notes: str, offers=OFFERS):
    who = ContactFacts(
        5, "Oskar Lindqvist", company="Hamnlager", event="Port Day", met_on=dt.date(2026, 12, 2), notes=notes
    )
    args = {"user": UserFacts("Sam"), "offers": list(offers), "others": [], "today": TODAY}
    return prepare(who, **args, playbook=load_playbook())


@pytest.mark.parametrize(
    ("need", "near"),
    [
        ("someone to look at the gates at the depot", "our checklist"),
        ("a second pair of hands on the forklift fleet", "our case study"),
        ("a caterer for the staff party in December", ""),  # no word of any offer
        ("help over the winter", ""),  # a season is when, not what
    ],
)
def test_a_need_is_near_an_offer_only_by_a_word_of_what_it_is_about(need, near):
    found = offer_near_need(need, OFFERS, TODAY)
    assert found.startswith(near) if near else found == "", found


def test_a_need_near_an_offer_names_it_and_the_voicemail_promises_no_idea():
    shown = _prep("Site manager. Wants someone to look at the gates at the depot.")
    assert shown.reason.kind == "thread"
    assert "close to the work behind our checklist" in shown.reason.text
    assert "first idea" not in shown.voicemail and "where that stands" in shown.voicemail
    assert all("decide what you can bring" not in alt.text for alt in shown.alternatives)


def test_a_need_no_offer_is_about_says_so_and_brings_a_name():
    shown = _prep("Site manager. Needs a caterer for the staff party in December.")
    assert "none of your offers is about it" in shown.reason.text
    assert "someone who does it well" in shown.reason.text
    assert shown.reason.short.startswith("Bring Oskar a name")


def test_without_offers_the_need_is_worded_as_before():
    shown = _prep("Site manager. Needs a caterer for the staff party in December.", offers=())
    assert "none of your offers" not in shown.reason.text and "caterer" in shown.reason.text


@pytest.mark.parametrize(
    ("clause", "said"),
    [
        (
            "says they only learn a lorry is stuck when the driver rings",
            "they only learn a lorry is stuck when the driver rings",
        ),
        ("told me the night shift keeps skipping the checks", "the night shift keeps skipping the checks"),
        ("mentioned that nobody owns the gate keys", "nobody owns the gate keys"),
        ("says hi to Jo", ""),  # not a report of how things are
        ("wants a quote", ""),
        ("says their roof leaks every…", ""),  # cut short: never said back
    ],
)
def test_what_they_told_you_is_read_from_the_note(clause, said):
    assert told_you(clause) == said


def test_what_they_told_you_is_said_back_not_quoted_and_never_cut_mid_sentence():
    shown = _prep(
        "ops lead, 14 depots in the north; says they only learn a lorry is stuck when the driver "
        "rings from the lay-by hours later — wants to know before the customer does."
    )
    assert shown.reason.text.startswith(
        "Oskar told you they only learn a lorry is stuck when the driver rings from the lay-by hours later."
    )
    assert '"' not in shown.reason.text and "…" not in shown.reason.text
    assert "You told me you only learn a lorry is stuck" in shown.opener


def test_a_step_your_email_proposed_comes_before_what_they_asked_for():
    who = ContactFacts(
        6,
        "Ines Varga",
        company="Kettle & Co",
        event="Port Day",
        met_on=dt.date(2026, 12, 1),
        notes="ops director. Wants a price for relining the yard drains before their inspection in March.",
        last_outcome="emailed",
        last_call_on=dt.date(2026, 12, 9),
        last_call_notes="short hello, suggested a site visit on a weekday morning",
    )
    args = {"user": UserFacts("Sam"), "offers": list(OFFERS), "others": [], "today": TODAY}
    shown = prepare(who, **args, playbook=load_playbook())
    assert shown.reason.kind == "awaiting"
    assert "proposed a site visit on a weekday morning on the way to a price" in shown.reason.text
    assert all(alt.kind != "asked" for alt in shown.alternatives)
    assert "the site visit on a weekday morning I suggested" in shown.opener
    assert "a day that suits" in shown.voicemail


@pytest.mark.parametrize(
    ("outcome", "notes"),
    [
        ("reached", "suggested a site visit; she said Tuesday works"),  # on a call they answered it
        ("emailed", "sent the brochure and suggested she reads page 4"),  # nothing to book
    ],
)
def test_no_proposal_is_read_where_none_waits_for_an_answer(outcome, notes):
    from bot.domain.talking_points.proposed import proposed_step

    assert proposed_step(notes, outcome) is None


def test_a_title_word_of_when_is_no_fit():
    guide = OfferFacts(9, "Guide: resealing loading bays before the frost", None, ("loading", "maintenance"))
    shown = _prep("Wants a second quote on their lift maintenance before the audit.", offers=(guide,))
    assert shown.reason.kind != "offer"
