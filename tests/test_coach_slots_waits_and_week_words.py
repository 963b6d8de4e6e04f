"""Rounds 124–126's classes (SPEC §14), in wordings of our own: days the user offered in an e-mail
("gave her two dates, Tue 15 or Fri 18 Dec") are a slot to lock in, the passed one left out; "asked us
not to send anything until after the panel" is a wait, never a step to send; a request for dates that
an e-mailed invitation answered is done, and the call is about who is coming; a promise to someone on a
chat app is kept there; "no one has serviced them since 2019" is a problem to prepare for while they
are away; "next week" is never Christmas week; "the governors" decide in the plural; an insurance
renews, it is no contract; "Revd" is a written style, not a name; "b4", "til" and "vols" are said in
words. Pure."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from bot.domain.digest_view import chosen_of, digest_rank
from bot.domain.names import address_in
from bot.domain.talking_points import ContactFacts, OfferFacts
from bot.domain.talking_points.case_timing import decision_noun
from bot.domain.talking_points.phrases import next_week_words
from bot.domain.talking_points.situation_leads import spelled_out
from bot.domain.vocabulary import Stage
from tests.coach_helpers import coach

MET = dt.date(2026, 11, 24)


def _called(n, name, notes, outcome, on, call_notes, **more):
    return ContactFacts(
        n, name, "Firm", met_on=MET, notes=notes, stage=Stage.ACTIVE, last_outcome=outcome,
        last_contact_on=on, last_call_on=on, last_call_notes=call_notes, **more,
    )  # fmt: skip


def test_days_offered_in_an_email_are_a_slot_to_lock_in_without_the_passed_one():
    points = coach(
        _called(1, "Wiremu Tane", "runs the depot. wants his scales checked asap", "emailed", dt.date(2026, 12, 9),
                "sent the price, gave her two dates, Tue 15 or Fri 18 Dec"),
        dt.date(2026, 12, 16),
    )  # fmt: skip
    assert "the Fri 18 Dec slot" in points.reason.text and "15 Dec" not in points.reason.text, (
        points.reason.text
    )
    assert "hold it" in points.opener and "the Fri 18 Dec slot" in points.voicemail, points.opener


def test_asked_not_to_send_anything_until_later_is_never_a_step_to_send():
    points = coach(
        _called(2, "Mereana Pohatu", "facilities lead, grant panel in Dec", "reached", dt.date(2026, 12, 8),
                "panel sits Tue 15 Dec. asked us not to send anything until after the panel", ever_reached=True),
        dt.date(2026, 12, 18),
    )  # fmt: skip
    assert points.reason.kind != "call_next_step", points.reason.text
    assert "send anything" not in points.reason.text and "send anything" not in points.voicemail, (
        points.voicemail
    )


def test_an_invitation_emailed_answers_a_request_for_dates_and_the_call_is_who_comes():
    points = coach(
        _called(3, "Tama Rewi", 'two new starters, wants them trained. asked for dates of "any courses"', "emailed",
                dt.date(2026, 12, 7), "sent her the workshop invite for both starters, 12 Jan"),
        dt.date(2026, 12, 15),
        offers=[OfferFacts(1, "Hands-on workshop, Tue 12 Jan 2027", topics=("#event", "#training"),
                           ends_on=dt.date(2027, 1, 12))],
    )  # fmt: skip
    assert points.reason.kind == "sent_followup" and "who would like to come" in points.reason.text, (
        points.reason
    )
    assert "workshop invite" in points.opener, points.opener


def test_a_promise_to_someone_on_a_chat_app_is_kept_there():
    points = coach(
        ContactFacts(4, "Hana Kereama", "Kereama Ltd", met_on=MET, notes="site manager. happier on Signal than email",
                     promise="send her the spec sheet", promise_due=dt.date(2026, 12, 4)),
        dt.date(2026, 12, 10),
    )  # fmt: skip
    assert "Signal" in points.reason.text and "Write on Signal" in points.opener, points.opener


def test_upkeep_nobody_did_is_what_to_prepare_while_they_are_away():
    points = coach(
        ContactFacts(5, "Ari Ngata", "Ngata Stores", met_on=MET,
                     notes="3 cold stores, compressors no one has serviced since 2019. away til Mon 11 Jan, dont ring before"),
        dt.date(2026, 12, 15),
    )  # fmt: skip
    assert points.reason.kind == "not_yet" and "compressors" in points.reason.text, points.reason.text


def test_next_week_steps_over_christmas_and_new_year():
    assert next_week_words(dt.date(2026, 12, 10)) == "next week"
    assert next_week_words(dt.date(2026, 12, 18)) == "in the week of Mon 4 Jan 2027"
    points = coach(
        ContactFacts(6, "Rua Tipene", "Tipene Farms", met_on=MET, notes="farm manager", stage=Stage.ACTIVE,
                     last_outcome="no-answer", unanswered_streak=3, last_contact_on=dt.date(2026, 12, 16)),
        dt.date(2026, 12, 22),
    )  # fmt: skip
    assert "next week" not in points.opener, points.opener


def test_plural_boards_renewals_reverends_and_shorthand():
    assert decision_noun("the governors meet Wed 13 Jan") == "the governors' decision"
    assert decision_noun("lease renews 1 Feb") == "the lease renewal"
    assert address_in("Revd Awhina Potae (vicar), parish hall", "Awhina Potae") is None
    assert spelled_out("wants vols trained b4 the fair, away til March") == (
        "wants volunteers trained before the fair, away until March"
    )


def _due(cid, *, outcome="reached", notes=None, on=None, promise=None, promise_due=None):
    return SimpleNamespace(
        id=cid, name=f"C{cid}", company=None, stage="active", next_due=dt.date(2026, 12, 1),
        met_on=dt.date(2026, 10, 1), let_go_asked=False, promise=promise, promise_done=False,
        promise_due=promise_due, last_outcome=outcome, referred_by=None, notes=None, event=None,
        last_call_notes=notes, last_call_on=on, latest_due=None,
    )  # fmt: skip


def test_a_price_wanted_in_five_weeks_waits_behind_a_promise_due_tomorrow_and_a_slot_to_lock():
    today = dt.date(2026, 12, 21)
    later = _due(1, notes="wants a price for the new hall by Fri 29 Jan", on=dt.date(2026, 12, 10))
    tomorrow = _due(2, promise="send the fee sheet", promise_due=dt.date(2026, 12, 22))
    slot = _due(
        3, outcome="emailed", notes="sent the quote, offered Tue 22 or Wed 23 Dec", on=dt.date(2026, 12, 14)
    )
    plain = _due(4)
    assert digest_rank(tomorrow, today) < digest_rank(later, today)
    assert digest_rank(slot, today) < digest_rank(plain, today)
    assert [c.id for c in chosen_of([plain, later, slot, tomorrow], today, 2)] == [2, 3]


def test_a_decision_on_their_own_grant_is_no_deal_with_you():
    points = coach(
        _called(7, "Ngaio Parata", "youth choir, touring in spring. needs a portable stage", "reached",
                dt.date(2026, 12, 10), "still after a second-hand stage, budget about 4k, funding decision in Feb",
                ever_reached=True),
        dt.date(2026, 12, 17),
    )  # fmt: skip
    assert points.reason.kind != "open_deal" and "straight answer on the deal" not in points.goal, points.goal
