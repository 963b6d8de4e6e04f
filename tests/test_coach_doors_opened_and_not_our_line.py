"""Round 124's classes (SPEC §14), in wordings of our own: a door the contact opened ("offered to put
me in touch with the buyer at the abbey", "said she'd mention us to her members") is the reason to call
back, said to them as their kindness, never the user's own offer; a request the notes call "not our kind
of work" is answered honestly with a name, and an offer sharing its words is no fit; "happy with her
current supplier" rules out a pitch, and an event named in passing ("at the guild dinner") is no topic;
a decision "at board" is the board's; a template's words are never said twice ("help with help with");
note shorthand ("ppl", "w/o") is said in words. Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.playbook import _unstutter
from bot.domain.talking_points import ContactFacts, OfferFacts
from bot.domain.talking_points.case_timing import decision_noun
from bot.domain.talking_points.situation import situation_of
from bot.domain.talking_points.situation_leads import spelled_out
from bot.domain.talking_points.their_help import their_help
from tests.coach_helpers import coach

TODAY = dt.date(2026, 12, 17)
MET = dt.date(2026, 11, 30)


def test_a_door_they_opened_is_taken_up_in_the_reason_the_opener_and_the_voicemail():
    points = coach(
        ContactFacts(
            1,
            "Oona Rask",
            "Rask Mead",
            event="Honey Fair",
            met_on=MET,
            notes="runs the tasting room. offered to put me in touch with the buyer at the abbey shop",
        ),
        TODAY,
    )
    assert points.reason.entry_id == "thread-help", points.reason.text
    assert "put you in touch with the buyer at the abbey shop" in points.reason.text, points.reason.text
    assert "offered to put me in touch with the buyer" in points.opener, points.opener
    assert "take you up on" in points.voicemail and "put me in touch" in points.voicemail, points.voicemail


def test_a_door_said_as_she_would_is_read_and_the_users_own_offer_is_not():
    said = their_help("chairs the growers' club; said she'd mention us to her members at the Jan meeting")
    assert said is not None and said.what == "mention you to her members at the Jan meeting", said
    assert said.spoken == "mention us to your members at the Jan meeting", said
    assert their_help("I offered to introduce him to our bottler") is None
    assert their_help("happy to be introduced to anyone in retail") is None  # a wish of theirs, no door


def test_a_request_the_notes_call_not_our_line_gets_an_honest_answer_and_no_offer_on_shared_words():
    points = coach(
        ContactFacts(
            2,
            "Ilse Varga",
            "Varga Dairy",
            met_on=MET,
            notes="wants a cleaning checklist for her milk tanks + pumps. not our kind of work, but a good egg",
        ),
        TODAY,
        offers=[
            OfferFacts(
                1, "Cleaning checklist for fermenting tanks", topics=("checklist", "cleaning", "tanks")
            )
        ],
    )
    assert points.reason.kind == "asked" and "not your line" in points.reason.text, points.reason.text
    assert "milk tanks and pumps" in points.reason.text, points.reason.text
    assert "not quite our line" in points.opener and "working on" not in points.voicemail, points.voicemail
    assert all(alt.kind != "offer" for alt in points.alternatives), [a.text for a in points.alternatives]


def test_happy_with_the_current_supplier_is_no_need_and_an_event_in_passing_no_topic():
    points = coach(
        ContactFacts(
            3,
            "Pekka Laine",
            "Laine Bakeries",
            met_on=MET,
            notes="4 bakeries, happy with his current oven service guy. we chatted at the guild dinner about ovens",
        ),
        TODAY,
        offers=[
            OfferFacts(1, "Oven service checklist for bakeries", topics=("ovens", "service", "bakeries"))
        ],
    )
    assert points.reason.kind != "offer", points.reason.text


def test_the_other_sentence_leads_when_they_asked_if_we_do_anything_for_that():
    sit = situation_of(
        "vans out all day. wants to see where drivers are without phoning round. asked if we do anything for that"
    )
    assert sit is not None and sit.kind != "invited" and "see where drivers are" in sit.phrase, sit


def test_a_decision_at_board_and_shorthand_and_stutter_are_said_plainly():
    assert decision_noun("GM signs off the new contract at board Tue 22 Dec") == "the board's decision"
    assert spelled_out("sending ppl out w/o a plan") == "sending people out without a plan"
    assert _unstutter("then offer help with help with the move") == "then offer help with the move"
    assert _unstutter("she said that that works") == "she said that that works"
