"""Rounds 137–138's classes (SPEC §14), in wordings of our own: a sentence begun with their verb and no
subject ("knows two buyers, will send names") keeps them as the subject of what follows, so what they
will send is theirs to send, never your step; "passed on Leni's no." is a name given you, never a thing
you sent; a need in a relative clause ("a grower who wants cold space") belongs to someone else; a
question they asked in their own words ('asked "what do I owe my drivers…?"') is answered to them, said
about them, with a goal and a voicemail that carry it. Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.talking_points import ContactFacts
from bot.domain.talking_points.case_items import SENT_RE
from bot.domain.talking_points.next_step import next_step
from bot.domain.talking_points.situation import situation_of
from bot.domain.talking_points.situation_leads import asked_what
from bot.domain.vocabulary import Stage
from tests.coach_helpers import coach

MET = dt.date(2026, 11, 18)
TODAY = dt.date(2026, 12, 14)


def _called(notes, call_notes, outcome="reached", on=dt.date(2026, 12, 9)):
    return ContactFacts(
        1, "Ruairí Obi", "Obi Transport", met_on=MET, notes=notes, stage=Stage.ACTIVE, last_outcome=outcome,
        ever_reached=True, last_contact_on=on, last_call_on=on, last_call_notes=call_notes,
    )  # fmt: skip


def test_what_they_will_send_after_their_own_verb_is_theirs():
    assert next_step("knows two buyers in Cork, will send names") is None
    assert next_step("has a spare trailer for us, will forward the spec sheet") is None
    # your own step stays yours, and so does one where you are named in the sentence
    assert next_step("will send the spec sheet") == ("send the spec sheet", "will send the spec sheet")
    assert next_step("has questions, I will send the spec sheet")[0] == "send the spec sheet"


def test_their_promise_after_their_verb_is_waited_for_not_done_by_you():
    points = coach(
        _called("haulier, 12 trucks", "yes to a swap in Jan. knows 3 firms for us, will send names"), TODAY
    )
    assert points.reason.kind != "call_next_step", points.reason
    assert "offered to send the names" in points.reason.text, points.reason.text
    assert "Do it today" not in points.reason.text


def test_a_name_and_number_passed_on_is_nothing_you_sent():
    for note in ("passed on Leni's no. again", "sent Kofi's number over", "forwarded Aoife’s details"):
        found = SENT_RE.search(note)
        assert found is None, (note, found and found.group("obj"))
    assert SENT_RE.search("sent the rate card over").group("obj") == "the rate card over"


def test_a_need_in_a_relative_clause_belongs_to_someone_else():
    sit = situation_of("mentioned a grower (Dara?) who wants cold space in Feb, will pass on my number")
    assert sit is None or "cold space" not in sit.phrase, sit
    assert situation_of("a grower, wants cold space in Feb").phrase == "cold space in Feb"


def test_a_question_in_their_own_words_is_said_about_them():
    assert asked_what('asked "what do I owe my drivers if the contract ends early?"') == (
        "what they owe their drivers if the contract ends early"
    )
    assert asked_what("wanted to know “can we claim the fuel duty back, new rules?”") == (
        "whether they can claim the fuel duty back"
    )
    assert (
        asked_what('asked "do I need a permit for the night runs?"')
        == "whether they need a permit for the night runs"
    )
    # a question whose verb cannot be moved plainly is left to the notes
    assert asked_what('asked "is the levy per truck?"') == ""
    assert asked_what('asked "what should my clerk file in Jan?"') == ""


def test_a_question_they_asked_leads_the_call_with_a_goal_and_a_voicemail():
    contact = ContactFacts(
        2, "Nnamdi Eze", "Eze Cold", met_on=MET, notes='reefer fleet of 9. asked "what do I do about the new tachograph rules?"',
        stage=Stage.NEW,
    )  # fmt: skip
    points = coach(contact, TODAY)
    assert "asked what they do about the new tachograph rules" in points.reason.text, points.reason.text
    assert "You asked me what you do about the new tachograph rules" in points.opener
    assert "plain answer to what they do about the new tachograph rules" in points.goal
    assert "You asked me what you do about the new tachograph rules" in points.voicemail
