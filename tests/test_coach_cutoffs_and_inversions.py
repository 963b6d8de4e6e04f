"""Rounds 117–118's classes (SPEC §14), in wordings of our own: a ship's or a container's cut-off is a
deadline for work they need from you, never "their decision"; "needs the survey report in hand before
the sailing" is an ask, due by that day; "waiting for her loading date" is you waiting on them;
"nobody wants to drive up there" never becomes "wants to drive up there"; "has no idea what forms the
buyer needs" is a need for a steer; "what he really wants is X" is X; "the export side is all sorted"
rules out an offer about it; "still keen on an importer in Spain" is a person to find, never a thing
to send. Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.talking_points import ContactFacts, OfferFacts
from bot.domain.talking_points.situation import situation_of
from bot.domain.vocabulary import Stage
from tests.coach_helpers import coach

TODAY = dt.date(2026, 12, 15)
MET = dt.date(2026, 11, 27)


def test_a_ships_cut_off_is_no_decision_of_theirs():
    points = coach(
        ContactFacts(
            1,
            "Kalo Ruru",
            "Ruru Exports",
            met_on=MET,
            notes="needs 25 bags graded + certs before the reefer cut-off Mon 21 Dec",
        ),
        TODAY,
    )
    assert points.reason.kind != "decision" and "Whether it goes ahead" not in points.reason.text, (
        points.reason.text
    )


def test_a_report_in_hand_before_the_sailing_is_an_ask_and_her_date_is_hers():
    points = coach(
        ContactFacts(
            2,
            "Anya Kromo",
            "Kromo Hout",
            met_on=MET,
            notes="exporter. needs the survey report in hand before vessel cutoff MON 21 DEC",
            stage=Stage.ACTIVE,
            last_outcome="emailed",
            last_contact_on=dt.date(2026, 12, 7),
            last_call_on=dt.date(2026, 12, 7),
            last_call_notes="sent my open days 14-18 dec, waiting for her loading date",
        ),
        TODAY,
    )
    assert "survey report" in points.reason.text and "21 Dec" in points.reason.text, points.reason.text
    assert "loading date" not in points.reason.text.split(".")[0], points.reason.text


def test_needs_read_the_right_way_round():
    assert (situation_of("logs stacked at the landing, nobody wants to drive up there") or None) is None or (
        "wants to drive"
        not in situation_of("logs stacked at the landing, nobody wants to drive up there").phrase
    )
    steer = situation_of("co-op treasurer. has no idea what forms the buyer needs")
    assert steer and steer.phrase.startswith("a steer on what forms"), steer
    really = situation_of("cocoa not coffee! what he really wants is bean-count grading")
    assert really and really.phrase == "bean-count grading", really


def test_a_side_that_is_sorted_takes_no_offer_and_a_wanted_importer_is_no_parcel():
    offer = OfferFacts(
        1, "Checklist: export paperwork for the EU", "https://x.example/eu", ("export", "paperwork")
    )
    sorted_out = coach(
        ContactFacts(
            3,
            "Mele Tau",
            "Tau Vanilla",
            met_on=MET,
            notes="vanilla grower. says the export side is all sorted, broker does paperwork",
        ),
        TODAY,
        offers=[offer],
    )
    assert "paperwork" not in sorted_out.reason.text.lower(), sorted_out.reason.text
    keen = coach(
        ContactFacts(
            4,
            "Sione Vea",
            "Vea Growers",
            met_on=MET,
            notes="co-op chair",
            stage=Stage.ACTIVE,
            last_outcome="reached",
            last_contact_on=dt.date(2026, 12, 9),
            last_call_on=dt.date(2026, 12, 9),
            ever_reached=True,
            last_call_notes="3 t ready in Feb. still keen on an importer in Spain",
        ),
        TODAY,
    )
    assert "send an importer" not in keen.reason.text, keen.reason.text


def test_without_waiting_on_someone_asks_nothing_of_you():
    points = coach(
        ContactFacts(
            5,
            "Dunstan Prospere",
            "Choiseul Secondary",
            met_on=MET,
            notes="headteacher. his governors keep asking how other schools found the money without waiting on the Ministry",
        ),
        TODAY,
    )
    assert "asked you for the Ministry" not in points.reason.text and points.reason.kind != "asked", (
        points.reason.text
    )


def test_on_its_way_is_your_step_and_a_quote_with_her_by_a_day_is_due_then():
    from bot.domain.talking_points.case import _deliverables

    mine = [
        d
        for d in _deliverables("thanked him, said the tender pack is on its way", dt.date(2026, 12, 9))
        if not d.theirs
    ]
    assert mine and mine[0].action == "send the tender pack", mine
    due = list(
        _deliverables(
            "grazing lease ends April. quote has to be with him by Tue 22 Dec latest", dt.date(2026, 12, 9)
        )
    )
    assert due and due[0].by == dt.date(2026, 12, 22) and "quote" in due[0].thing, due


def test_one_word_asks_dates_and_time_only_plans():
    from bot.domain.talking_points.case import _deliverables
    from bot.domain.talking_points.case_items import ask_action

    prices = list(_deliverables("runs the marina events. asked for prices", dt.date(2026, 12, 9)))
    assert prices and "prices" in prices[0].thing, prices
    assert ask_action("a date") == "book a date"
    assert situation_of("canal warden. wants to try Feb-Apr") is None
