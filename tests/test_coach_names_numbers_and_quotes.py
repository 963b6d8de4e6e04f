"""Rounds 115–116's classes (SPEC §14), in wordings of our own: "it's Dominee Vermeulen, NOT Piet"
greets him as Dominee Vermeulen; "gave my mobile" or "Anke gave me her name" is no thing sent to
follow up on; a request whose own day is said later ("asked for a quote: …, needs them by 15 Jan.
wants the quote by Tue 22 Dec") is due on the quote's day; "looking for steady studio work" is a
supplier after work, never a buyer. Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.names import address_in
from bot.domain.talking_points import ContactFacts
from bot.domain.talking_points.case import _deliverable
from bot.domain.talking_points.situation import situation_of
from bot.domain.vocabulary import Stage
from tests.coach_helpers import coach

TODAY = dt.date(2026, 12, 17)
MET = dt.date(2026, 11, 25)


def test_a_corrected_form_of_address_is_used():
    notes = "runs the parish council; it's Dominee Vermeulen, NOT Piet. tower clock stops every frost"
    assert address_in(notes, "Piet Vermeulen") == "Dominee Vermeulen"
    points = coach(ContactFacts(1, "Piet Vermeulen", "Grote Kerk", met_on=MET, notes=notes), TODAY)
    assert "Hi Piet" not in points.opener and "Dominee Vermeulen" in points.opener, points.opener


def test_a_number_or_a_name_given_is_nothing_sent():
    for said in (
        "left msg re the contract terms, gave my mobile",
        "said Anke gave me her name, asked her to ring back",
    ):
        points = coach(
            ContactFacts(
                2,
                "Rhea Blom",
                "Blom Hotels",
                met_on=MET,
                notes="front office manager",
                stage=Stage.ACTIVE,
                last_outcome="voicemail",
                last_contact_on=dt.date(2026, 12, 8),
                last_call_on=dt.date(2026, 12, 8),
                last_call_notes=said,
            ),
            TODAY,
        )
        spoken = " ".join([points.reason.text, points.opener, points.goal])
        assert "your mobile" not in spoken and "your me" not in spoken, spoken


def test_the_quote_is_due_on_its_own_day_not_the_goods():
    notes = (
        "asked for a quote: 40 printed route maps + 5 tactile ones, needs them in hand by Fri 15 Jan for the season. "
        "wants the quote by Mon 21 Dec to raise a PO before the break"
    )
    found = _deliverable(notes, dt.date(2026, 12, 6))
    assert found and found.by == dt.date(2026, 12, 21) and "quote" in found.thing, found


def test_steady_work_wanted_is_a_supplier_after_work():
    found = situation_of("session drummer. February always quiet, looking for steady studio work")
    assert found and found.kind == "need" and found.lead == "work", found
    assert situation_of("bakery, looking for steady supply of rye flour").lead != "work"
