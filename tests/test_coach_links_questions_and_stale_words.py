"""Rounds 131–134's classes (SPEC §14), in wordings of our own: two people already linked through your
records (one introduced the other) are never offered to each other; "reminded me Ana is waiting for my
call" is a call to make, never a thing to send; "if they win -> …" is a branch, no need yet; what they
told you is said back to them ("keeps killing him" → "you"); "got proposal v2" means they have it; "call
back after 3pm today" said last week is no warning now; "asked what she has to do to comply" is a
question to answer; "say I sent you" means no introduction to wait for; wants "Dr Sarkis" not first name
is how to greet, never a need; "pumps delivered Mon 28 Dec" said before it is no thing you sent. Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.names import address_in
from bot.domain.talking_points import ContactFacts
from bot.domain.talking_points.case import read_case
from bot.domain.talking_points.situation import situation_of
from bot.domain.talking_points.thread import to_them
from bot.domain.vocabulary import Stage
from tests.coach_helpers import coach

MET = dt.date(2026, 11, 24)
TODAY = dt.date(2026, 12, 21)


def _called(n, name, notes, on, call_notes, outcome="reached"):
    return ContactFacts(
        n, name, "Firm", met_on=MET, notes=notes, stage=Stage.ACTIVE, last_outcome=outcome, ever_reached=True,
        last_contact_on=on, last_call_on=on, last_call_notes=call_notes,
    )  # fmt: skip


def test_people_already_linked_are_never_introduced_to_each_other():
    aunt = ContactFacts(1, "Mireille Joseph", "Joseph Build", met_on=MET,
                        notes="contractor, needs someone who writes tenders; brought her niece over to meet me")  # fmt: skip
    niece = ContactFacts(2, "Lina Joseph", "Joseph Bids", met_on=MET, introducer="Mireille Joseph",
                         notes="writes tenders for small builders, wants more clients")  # fmt: skip
    for one, other in ((aunt, niece), (niece, aunt)):
        points = coach(one, TODAY, others=[other])
        assert not (points.reason.kind == "intro" and other.name.split()[0] in points.reason.text), (
            points.reason
        )


def test_a_call_someone_waits_for_is_no_thing_to_send():
    case = read_case(
        "board member", MET, "reminded me Ana Pierre is waiting for my call", dt.date(2026, 12, 10), TODAY
    )
    assert case.deliver is None, case


def test_a_branch_on_an_outcome_is_no_need_yet():
    assert situation_of("tender result due Fri. if they lose -> wants help with the debrief") is None


def test_what_they_told_you_is_said_back_to_them():
    assert (
        to_them("the annex keeps killing him and she has no time")
        == "the annex keeps killing you and you have no time"
    )


def test_they_got_it_and_stale_today_words_are_dropped():
    got = read_case(
        "CIO. wants proposal v2 w/ timings",
        MET,
        "got proposal v2 Wed. board decides Fri",
        dt.date(2026, 12, 10),
        TODAY,
    )
    points = coach(_called(3, "Omar Haddad", "CIO. wants proposal v2 w/ timings", dt.date(2026, 12, 10),
                           "got proposal v2 Wed. board decides Fri 18 Dec"), TODAY)  # fmt: skip
    assert got.deliver is not None and points.reason.kind != "asked", points.reason
    stale = read_case(
        "CEO", MET, "in a meeting, asked me to call back after 3pm today", dt.date(2026, 12, 10), TODAY
    )
    assert stale.heed == (), stale.heed


def test_a_question_they_asked_is_answered_to_them():
    points = coach(ContactFacts(4, "Dilnoza Karimova", "Karimova Pay", met_on=MET,
                                notes="founder. new rules from Jan, asked what she actually has to do to comply"), TODAY)  # fmt: skip
    assert points.reason.entry_id == "thread-question", points.reason
    assert (
        "what you have to do to comply" in points.opener
        and "has to do to comply." not in points.reason.text[:20]
    )


def test_say_i_sent_you_and_a_title_wish_and_a_delivery_to_come():
    told = coach(ContactFacts(5, "Aizada Bekova", "Bekova Ltd", met_on=MET, referred_by="Timur Ali",
                              notes='Timur says they lost money to a fake invoice. "call her, say I sent you"'), TODAY)  # fmt: skip
    assert "no introduction to wait for" in told.reason.text, told.reason.text
    wish = 'chairs the panel, wants "Dr Sarkis" not first name'
    assert address_in(wish, "Anoush Sarkis") == "Dr Sarkis" and situation_of(wish) is None
    later = coach(_called(6, "Gohar Petrosyan", "owner, 3 ponds", dt.date(2026, 12, 16),
                          "pumps delivered Mon 28 Dec, wants us there for the start"), TODAY)  # fmt: skip
    assert later.reason.kind != "sent_followup", later.reason


def test_found_one_is_no_invitation_and_a_question_about_their_papers_is_answered_to_them():
    assert situation_of("talked about the studio move, asked if i'd found one for him yet") is None
    points = coach(ContactFacts(7, "Nok Chaiyaporn", "Chaiyaporn Spa", met_on=MET,
                                notes="Khun Nok, owner. asked what licences they're supposed to have for the spa music"),
                   TODAY)  # fmt: skip
    assert points.reason.entry_id == "thread-question", points.reason
    assert points.opener.startswith("Hi Khun Nok") and "you're supposed to have" in points.opener, (
        points.opener
    )


def test_email_first_means_the_opener_is_written_and_says_so():
    points = coach(ContactFacts(8, "Claire Dubois", "Riverside Hotel", met_on=MET,
                                notes="GM. prefers email first then a call", promise="send her a quote",
                                promise_due=dt.date(2026, 12, 24)), TODAY)  # fmt: skip
    assert points.opener.startswith("Write") and "I'm calling" not in points.opener, points.opener
    assert points.voicemail == "", points.voicemail
