"""Rounds 127–128's classes (SPEC §14), in wordings of our own: "address her as Mele NOT Ana" greets her
as Mele; a leave that has not started ("off from Thu 24 Dec till 8 Jan") leaves days to reach them, never a
wait to January; "call back end of Dec" said early in December is the end of this month, never a quarter
away; a request the notes say went out ("sent 2/12", "sent it the same afternoon") is done; a quoted
decision on their own funding is no deal; "lol" and "!!" are never spoken; "before Xmas" after a day in
January is still Christmas. Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.call_text import notes_follow_up, said_days
from bot.domain.names import address_in
from bot.domain.talking_points import ContactFacts, OfferFacts
from bot.domain.talking_points.situation_leads import spelled_out, typed_plain
from bot.domain.vocabulary import Stage
from tests.coach_helpers import coach

MET = dt.date(2026, 11, 24)


def test_a_corrected_single_name_is_the_greeting():
    assert address_in("owner. address her as Mele NOT Ana (her son put me right)", "Ana Vaipulu") == "Mele"
    points = coach(ContactFacts(1, "Ana Vaipulu", "Vaipulu Ltd", met_on=MET,
                                notes="owner. address her as Mele NOT Ana. wants a price for 2 vans"),
                   dt.date(2026, 12, 9))  # fmt: skip
    assert points.opener.startswith("Hi Mele") and "NOT" not in points.opener, points.opener


def test_a_leave_not_yet_started_leaves_days_to_reach_them():
    points = coach(
        ContactFacts(2, "Tevita Fonua", "Fonua Farms", met_on=MET, notes="farm manager", stage=Stage.ACTIVE,
                     last_outcome="reached", ever_reached=True, last_contact_on=dt.date(2026, 12, 11),
                     last_call_on=dt.date(2026, 12, 11),
                     last_call_notes="keen on a site visit for the dairy. off from Thu 24 Dec till 8 Jan."),
        dt.date(2026, 12, 21),
    )  # fmt: skip
    assert points.reason.kind != "not_yet" and "8 Jan" not in points.reason.short, points.reason.text


def test_end_of_this_month_is_this_month():
    found = notes_follow_up("budget not set yet, call back end of Dec", dt.date(2026, 12, 7))
    assert found is not None and found[0].month == 12 and found[0].year == 2026, found


def test_a_request_the_notes_say_went_out_is_done():
    for said in (
        "wanted our price list in writing, sent 2/12 done",
        "wants a quote for 40 boxes, sent it the same afternoon",
    ):
        points = coach(
            ContactFacts(3, "Sione Latu", "Latu Co", met_on=MET, notes=said), dt.date(2026, 12, 10)
        )
        assert points.reason.kind != "asked", (said, points.reason.text)


def test_laughter_and_shouting_are_never_spoken_and_xmas_stays_christmas():
    assert spelled_out("the alarms keep tripping lol") == "the alarms keep tripping"
    assert typed_plain("wants quote b4 Xmas") == "wants quote before Xmas"
    days = said_days("yard open from Mon 4 Jan. wants the quote before Xmas", dt.date(2026, 12, 8))
    assert [d.day for d in days] == [dt.date(2027, 1, 4), dt.date(2026, 12, 25)], days


def test_a_service_they_want_is_booked_never_sent():
    points = coach(
        ContactFacts(4, "Mele Taufa", "Taufa Lab", met_on=MET,
                     notes="lab mgr. incubator drifting, wants local calibration WITH certs for her auditors"),
        dt.date(2026, 12, 9),
    )  # fmt: skip
    said = " ".join([points.reason.text, points.opener, points.voicemail])
    assert "Send it" not in said and "send them" not in said.lower() and "WITH" not in said, said


def test_help_they_would_give_is_a_door_and_their_answer_day_dates_your_step():
    points = coach(
        ContactFacts(5, "Vika Moala", "retired", met_on=MET,
                     notes="retired teacher, would happily run workshops if someone books the hall"),
        dt.date(2026, 12, 9),
    )  # fmt: skip
    assert points.reason.entry_id == "thread-help" and "run workshops" in points.reason.text, (
        points.reason.text
    )
    dated = coach(
        ContactFacts(6, "Paea Lolo", "Lolo Club", met_on=MET, stage=Stage.ACTIVE, last_outcome="reached",
                     ever_reached=True, last_contact_on=dt.date(2026, 12, 14), last_call_on=dt.date(2026, 12, 14),
                     last_call_notes="they need an answer by Fri 18 Dec. told them I'd check w/ my partner"),
        dt.date(2026, 12, 17),
    )  # fmt: skip
    assert "due tomorrow" in dated.reason.text and "check with my partner" in dated.reason.text, (
        dated.reason.text
    )


def test_a_referrer_who_has_told_them_means_no_introduction_to_wait_for():
    told = ContactFacts(
        7,
        "Losa Fifita",
        "Fifita Foods",
        met_on=MET,
        referred_by="Siaosi Tonga",
        notes="Siaosi says she needs a cold room checked before the audit. he'll tell her I'm calling",
    )
    points = coach(told, dt.date(2026, 12, 9))  # fmt: skip
    assert "no introduction to wait for" in points.reason.text and "Ask Siaosi" not in points.reason.text, (
        points.reason
    )
    plain = coach(ContactFacts(8, "Ana Piutau", "Piutau Ltd", met_on=MET, referred_by="Siaosi Tonga",
                               notes="Siaosi says she needs a cold room checked"), dt.date(2026, 12, 9))  # fmt: skip
    assert "introduction" in plain.reason.text and "no introduction to wait for" not in plain.reason.text


def test_a_yes_to_an_invitation_now_past_is_asked_about_never_offered_again():
    day = OfferFacts(1, "Open day at our Nukuʻalofa yard, Tue 15 Dec 2026", topics=("#event", "#training"),
                     ends_on=dt.date(2026, 12, 15))  # fmt: skip
    points = coach(
        ContactFacts(9, "Seini Havili", "Havili Clinic", met_on=MET,
                     notes="practice nurse, wants training on the new monitors. invited to the open day - YES, bringing 2 staff"),
        dt.date(2026, 12, 21), offers=[day],
    )  # fmt: skip
    assert points.reason.entry_id == "invite-went" and "how" in points.reason.short, points.reason
    assert "Invite" not in points.reason.text and "on Tue 15 Dec" in points.opener, points.opener
