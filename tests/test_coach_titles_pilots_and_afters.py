"""Rounds 147–148's classes (SPEC §14), in wordings of our own: a job title with where they work ("QC
lead in the lab", "senior pharmacist at the clinic") is who they are, never the topic; "no dispensing, no
lab" is work they do not do, never a topic or an offer's fit; a pilot of theirs they asked you about
("asked me about fuel for the hydrogen-bus pilot") is no deal with you; "the owners decide on 21 Dec…
call him after" is a wait until the day after. Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.talking_points import ContactFacts
from bot.domain.talking_points.case_timing import _wait
from bot.domain.talking_points.models import OfferFacts
from bot.domain.talking_points.thread import _ROLE_LABEL
from bot.domain.vocabulary import Stage
from tests.coach_helpers import coach

MET = dt.date(2026, 11, 23)
TODAY = dt.date(2026, 12, 9)


def _met(notes, n=1, name="Rana Saleh"):
    return ContactFacts(n, name, "Saleh Labs", met_on=MET, notes=notes, stage=Stage.NEW)


def test_a_title_with_its_workplace_is_who_they_are():
    for said in ("QC lead in the lab", "senior pharmacist at the clinic", "lab technologist"):
        assert _ROLE_LABEL.match(said), said
    points = coach(_met("QC lead in the lab. controls fail twice a week, reruns eat the budget"), TODAY)
    assert "QC lead in the lab" not in points.reason.text, points.reason.text


def test_work_they_do_not_do_is_no_topic_and_no_fit():
    offer = OfferFacts(
        1, "Guide: choosing scales for dispensing", "https://ex.com/scales", ("#dispensing", "#scales")
    )
    points = coach(_met("pharmacy, boxed meds only, no dispensing, no lab", n=2), TODAY, offers=[offer])
    assert "dispensing" not in points.reason.text.lower(), points.reason.text


def test_a_pilot_of_theirs_they_asked_about_is_no_deal():
    points = coach(
        _met("asked me about fuel for the hydrogen-bus pilot, think he confused us with the gas firm", n=3),
        TODAY,
    )
    assert points.reason.kind != "open_deal", points.reason
    assert "deal" not in points.reason.text.lower(), points.reason.text


def test_call_him_after_a_dated_decision_waits_for_the_day_after():
    found = _wait("board meets 21 Dec and decides, she'll back us. call her after", TODAY, set())
    assert found is not None and found[0] == dt.date(2026, 12, 22), found
    assert _wait("call her after 5pm", TODAY, set()) is None


def test_a_part_asked_for_on_a_call_keeps_the_whole_and_its_day():
    from bot.domain.talking_points.case import read_case

    case = read_case(
        "transport mgr. asked for a quote by Thu 17 Dec, budget closes after that",
        MET,
        "mailed him the rates sheet. he replied, wants the night rates in the quote",
        dt.date(2026, 12, 4),
        TODAY,
    )
    assert case.deliver.by == dt.date(2026, 12, 17), case.deliver
    assert case.deliver.thing == "a quote with the night rates", case.deliver
    alone = read_case("transport mgr", MET, "wants the night rates in the quote", dt.date(2026, 12, 4), TODAY)
    assert alone.deliver.by is None and "night rates" in alone.deliver.thing, alone.deliver


# Rounds 151–152: "said ring back Fri" after `later` is that Friday, never the 90-day park; an offer
# tagged only "#compliance" plus another trade's word fits no tax or privacy need on "compliance" alone.


def test_said_ring_back_on_a_weekday_is_that_day():
    from bot.domain.call_text import notes_follow_up

    assert notes_follow_up("in a site mtg, said ring back Thu", TODAY)[0] == dt.date(2026, 12, 10)
    assert notes_follow_up("spoke Thursday, all fine", TODAY) is None  # what happened, never a day ahead


def test_compliance_alone_is_no_shared_need():
    offer = OfferFacts(
        1, "Checklist: pharmacy shelf rules", "https://ex.com/shelf", ("#compliance", "#pharmacy")
    )
    points = coach(
        _met("kiosk chain, e-invoicing compliance headaches with the tax office", n=4), TODAY, offers=[offer]
    )
    assert "shelf rules" not in points.reason.text, points.reason.text


def test_a_referrers_words_in_a_referrals_notes_are_the_referrers():
    from bot.domain.pronouns import pronoun_of

    assert pronoun_of("Maeve Ryan", "", "he'll tell her I'm calling on Monday") == "she"
    assert pronoun_of("Maeve Ryan", "", "office mgr. use his name when you ring") == "they"
    assert pronoun_of("Maeve Ryan", "", "she will let him know the price") == "she"  # her own words
    referral = ContactFacts(5, "Idris Khan", "Khan Lets", met_on=MET, notes="lettings, 40 flats. say I sent you",
                            referred_by="Bronagh Doyle", stage=Stage.NEW)  # fmt: skip
    text = coach(referral, TODAY).reason.text
    assert "say who sent you" in text and "letting Idris know" not in text, text


# Rounds 153–154: "sent him Waqas's no." is a name passed on, never a thing you sent; a promise said as a
# bare "told her I'd send by Tue 15 Dec" is about what she asked for just before it.


def test_a_name_passed_on_after_a_pronoun_is_no_thing_sent():
    from bot.domain.talking_points.case_items import SENT_RE

    assert SENT_RE.search("sent him Bilal's no. (courier acct mgr)") is None
    assert SENT_RE.search("sent him the shot list").group("obj") == "the shot list"


def test_a_bare_send_promise_takes_the_thing_asked_for_before_it():
    from bot.domain.quickadd import parse_met

    parsed = parse_met(
        "Hira Baig of Baig Foods at Expo on 2026-11-20: asked me for quote on 40 packshots - told her i'd send by tue 15 dec",
        dt.date(2026, 12, 6),
    )
    assert parsed.promise == "send the quote on 40 packshots" and parsed.promise_due == dt.date(
        2026, 12, 15
    ), parsed
