"""Rounds 129–130's classes (SPEC §14), in wordings of our own: "ring him next wk" is next week, never a
quarter away; "Fri 8 Jan latest" is a deadline; "need the floor plans from him first" is what you need
from them, never their ask; "he said I must meet Tomas" is their advice, never your promise, while
"said id send her two names" is; a door opened and already walked through (the introduction is on file)
is a thank-you; "keep me posted on any events" lets an invitation through a time they set; "xray?" on
its own is the question to ask; "at work until Mon 21 Dec then away until Tue 5 Jan" leaves today. Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.call_text import notes_follow_up, said_days
from bot.domain.talking_points import ContactFacts, OfferFacts
from bot.domain.talking_points.case import read_case
from bot.domain.vocabulary import Stage
from tests.coach_helpers import coach

MET = dt.date(2026, 11, 24)


def _called(n, name, notes, outcome, on, call_notes, **more):
    return ContactFacts(
        n, name, "Firm", met_on=MET, notes=notes, stage=Stage.ACTIVE, last_outcome=outcome, ever_reached=True,
        last_contact_on=on, last_call_on=on, last_call_notes=call_notes, **more,
    )  # fmt: skip


def test_next_wk_and_latest_are_read_as_written():
    assert notes_follow_up("on site all day, ring him next wk", dt.date(2026, 12, 9))[0] == dt.date(
        2026, 12, 14
    )
    days = said_days("wants the menu, Fri 8 Jan latest, printer is strict", dt.date(2026, 12, 9))
    assert [(d.day, d.lead) for d in days] == [(dt.date(2027, 1, 8), "by")], days


def test_what_you_need_from_them_is_no_ask_of_theirs():
    case = read_case("ops lead. need the floor plans from him first", MET, None, None, dt.date(2026, 12, 9))
    assert case.deliver is None, case


def test_their_advice_is_no_promise_and_said_id_is_one():
    advised = coach(ContactFacts(1, "Ruvimbo Dube", "Dube Farms", met_on=MET,
                                 notes="agronomist. said I must meet Tomas at the co-op"), dt.date(2026, 12, 9))  # fmt: skip
    assert advised.reason.kind != "promised", advised.reason.text
    promised = coach(_called(2, "Chipo Moyo", "lecturer", "emailed", dt.date(2026, 12, 7),
                             "thanked her, said id send her two names of farms"), dt.date(2026, 12, 10))  # fmt: skip
    assert promised.reason.kind == "promised" and "two names of farms" in promised.reason.text, (
        promised.reason
    )


def test_a_door_already_walked_through_is_a_thank_you():
    faisal = ContactFacts(
        3, "Anesu Gumbo", "Gumbo Bank", met_on=MET, notes="CFO. offered to intro me to Tariro at the insurer"
    )
    tariro = ContactFacts(
        4, "Tariro Nyathi", "Shield Insure", met_on=dt.date(2026, 12, 1), introducer="Anesu Gumbo"
    )
    points = coach(faisal, dt.date(2026, 12, 9), others=[tariro])
    assert points.reason.kind == "introducer_thanks" and "while the offer is fresh" not in points.reason.text


def test_keep_me_posted_on_events_lets_an_invitation_through_their_wait():
    points = coach(
        _called(5, "Nyasha Chari", "compliance lead", "reached", dt.date(2026, 12, 10),
                'no budget until Q3. "keep me posted on any compliance events pls"'),
        dt.date(2026, 12, 16),
        offers=[OfferFacts(1, "Invitation: Compliance breakfast, Thu 14 Jan 2027", topics=("#event", "#kyc"),
                           ends_on=dt.date(2027, 1, 14))],
    )  # fmt: skip
    assert points.reason.kind == "invite" and "posted on compliance events" in points.reason.text, (
        points.reason
    )


def test_a_one_word_question_is_what_to_ask():
    points = coach(
        ContactFacts(6, "Tafadzwa Shumba", "Shumba Vets", met_on=MET, notes="vet. xray?"),
        dt.date(2026, 12, 9),
    )
    assert points.reason.entry_id == "thread-query" and "xray" in points.opener, points.opener


def test_at_work_until_today_then_away_leaves_today():
    points = coach(
        _called(7, "Rudo Banda", "bursar", "reached", dt.date(2026, 12, 11),
                "I'll get her the quote before the committee Wed 6 Jan. at work until Mon 21 Dec then away until Tue 5 Jan"),
        dt.date(2026, 12, 21),
    )  # fmt: skip
    assert points.reason.kind == "promised", points.reason.text
    assert any("today" in h for h in points.heed), points.heed


def test_proof_they_asked_for_is_your_client_story_by_name():
    points = coach(
        _called(8, "Lindiwe Dube", "ops lead, 12 depots", "reached", dt.date(2026, 12, 10),
                'interested, wants "proof we\'ve done this for depots before". board in Feb'),
        dt.date(2026, 12, 16),
        offers=[OfferFacts(1, "Case study: cutting pallet losses at a 9-depot grocer", topics=("#pallets", "#losses"))],
    )  # fmt: skip
    assert points.reason.entry_id == "success-proof", points.reason
    assert "proof you have done this for depots" in points.reason.text, points.reason.text
    assert "cutting pallet losses" in points.reason.text.lower(), points.reason.text


def test_a_need_said_badly_is_said_without_the_adverb():
    points = coach(ContactFacts(9, "Themba Sibanda", "Sibanda Labs", met_on=MET,
                                notes="founder. want a first hospital client badly"), dt.date(2026, 12, 9))  # fmt: skip
    assert "badly" not in " ".join([points.reason.text, points.opener, points.fallback]), points.reason.text
