"""Talking to Warmcall in its DM (issue 28): questions in plain words get answers from the same queries
the screens use, log lines in the order people say them are logged, and a line nobody can read gets
the list of what can be asked. Readers are pure-function tables; the answers go over signed HTTP.

Tuesday 24 Nov 2026, 09:00 in New York (conftest.DEFAULT_NOW); nudge days Mon–Fri.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from bot.domain.dm_reply import Verb, natural_order, read_reply
from bot.domain.questions import Ask, Question, is_planning, read_question
from bot.services.home import contact_card
from handlers.blocks.contact_card import contact_modal
from handlers.request import Owner
from storage.interactions import contact_interactions
from tests.test_dm_replies import contact, history, person, row, say, text_of
from tests.world import TEAM

D = dt.date

# Where the storage path is the same on both databases, SQLite alone (the CI budget).
SQLITE_ONLY = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


# --- reading a question (pure) ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, kind, about",
    [
        pytest.param("what should I do today?", Ask.DUE_TODAY, "", id="issue-what-should-i-do"),
        pytest.param("Who should I call today?", Ask.DUE_TODAY, "", id="prompt-call-today"),
        pytest.param("hey, who's due", Ask.DUE_TODAY, "", id="whos-due"),
        pytest.param("who is due this week?", Ask.DUE_WEEK, "", id="this-week"),
        pytest.param("who do I owe something?", Ask.PROMISES, "", id="issue-owe"),
        pytest.param("What did I promise?", Ask.PROMISES, "", id="prompt-promise"),
        pytest.param("who do I know at Globex?", Ask.AT_COMPANY, "Globex", id="issue-globex"),
        pytest.param("who works at Initech Labs", Ask.AT_COMPANY, "Initech Labs", id="works-at"),
        pytest.param("who did I meet at Web Summit?", Ask.FROM_EVENT, "Web Summit", id="met-at"),
        pytest.param("who do I know from PyCon", Ask.FROM_EVENT, "PyCon", id="know-from"),
        pytest.param("who is tagged investor?", Ask.WITH_TAG, "investor", id="tagged"),
        pytest.param("#board", Ask.WITH_TAG, "board", id="hash"),
        pytest.param("what happened with Jean-Luc last?", Ask.LAST_WITH, "Jean-Luc", id="last-with"),
        pytest.param("when did I last talk to Ana Ruiz", Ask.LAST_WITH, "Ana Ruiz", id="last-talk"),
        pytest.param("how did my week go?", Ask.MY_WEEK, "", id="week"),
        pytest.param("Log a call", Ask.HOW_TO_LOG, "", id="prompt-log"),
        pytest.param("what can I ask?", Ask.WHAT_TO_ASK, "", id="what-to-ask"),
    ],
)
def test_a_question_is_read_with_its_argument(line, kind, about):
    assert read_question(line) == Question(kind, about)


@pytest.mark.parametrize(
    "line",
    [
        "called jane, voicemail",
        "Jane reached: what should I do today was her question",
        "spoke to jean-luc, he'll come to the breakfast",
        "snooze ravi 2w",
        "hello there, how are you?",
        "plan ana friday 2pm",
        "call ana thursday 10am",
        "",
        "who " * 200,
    ],
)
def test_log_lines_planning_and_chat_are_no_questions(line):
    assert read_question(line) is None


def test_planning_lines_are_left_to_the_planner():
    assert is_planning("plan ana friday 2pm") and is_planning("call ana thursday 10am")
    # the agent surface's suggested prompt asks for today's list, whose rows carry Plan it
    assert not is_planning("Plan my calls") and read_question("Plan my calls") == Question(Ask.DUE_TODAY)
    assert not is_planning("called ana, voicemail") and not is_planning("call ana back")


# --- natural log orders (pure) --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, called",
    [
        ("spoke to jean-luc, he'll come to the breakfast", "jean-luc reached: he'll come to the breakfast"),
        ("talked to Jean-Luc: wants the agenda first", "Jean-Luc reached: wants the agenda first"),
        ("spoke with Ana yesterday: budget in Q1", "Ana reached yesterday: budget in Q1"),
        ("Ana Ruiz picked up.", "Ana Ruiz reached"),
        ("Ravi picked up - wants the deck", "Ravi reached: wants the deck"),
        ("left Ravi a voicemail", "Ravi voicemail"),
        ("left a voicemail for Ravi Patel", "Ravi Patel voicemail"),
        ("emailed Tom Lee: sent him the checklist", "Tom Lee emailed: sent him the checklist"),
        ("sent Tom an e-mail", "Tom emailed"),
    ],
)
def test_natural_orders_become_the_called_text(line, called):
    assert natural_order(line) == called
    reply = read_reply(line)
    assert (reply.verb, reply.rest, reply.typed_verb) == (Verb.CALLED, called, True)


@pytest.mark.parametrize(
    "line, called",
    [
        ("texted Ana", "Ana messaged"),
        ("sent Tom Lee a message: the deck", "Tom Lee messaged: the deck"),
        ("sent a text to Ravi", "Ravi messaged"),
    ],
)
def test_texts_and_chat_messages_are_logged_as_messages_not_calls(line, called):
    reply = read_reply(line)
    assert (reply.verb, reply.rest) == (Verb.CALLED, called)  # tests/test_messages.py logs them


@pytest.mark.parametrize("line", ["talked to him", "emailed: sent him the checklist", "left early today"])
def test_pronouns_and_thread_replies_are_no_natural_order(line):
    assert natural_order(line) is None


# --- answers over signed HTTP, both databases -------------------------------------------------------------


def _world_of_contacts(world) -> dict[str, int]:
    person(world)
    return {
        "jane": contact(
            world,
            "Jane Doe",
            company="Globex",
            event="PyCon",
            next_due=D(2026, 11, 24),
            next_due_reason="a week after you met",
            promise="send the case study",
            promise_due=D(2026, 11, 27),
            tags="investor board",
        ),
        "ravi": contact(world, "Ravi Patel", company="Initech", event="Web Summit", next_due=D(2026, 11, 20)),
        "tom": contact(world, "Tom Lee", company="Globex", event="Web Summit", next_due=D(2026, 11, 27)),
        "ana": contact(
            world, "Ana Ruiz", company="Hooli", event="PyCon", next_due=D(2026, 12, 10), tags="vip"
        ),
    }


def test_each_kind_of_question_is_answered_from_the_contacts(world):
    ids = _world_of_contacts(world)

    today = text_of(say(world, "Who should I call today?"))
    assert "2 people to call today" in today
    assert "Jane Doe" in today and "Ravi Patel" in today and "Tom Lee" not in today
    assert "overdue since Fri 20 Nov" in today
    # each says why to call, as the morning list does: the coach's reason, never the schedule's
    assert "a week after you met" not in today
    assert today.count("·") >= 2 and "Ravi" in today.split("Ravi Patel", 1)[1], today

    week = text_of(say(world, "who is due this week?"))
    assert "3 people due by Sun 29 Nov" in week and "Tom Lee" in week and "Ana Ruiz" not in week

    promised = text_of(say(world, "What did I promise?"))
    assert "1 open promise" in promised
    assert "Jane Doe" in promised and "send the case study" in promised and "by Fri 27 Nov" in promised

    globex = text_of(say(world, "who do I know at globex?"))
    assert "2 people at “globex”" in globex and "Jane Doe" in globex and "Tom Lee" in globex
    assert "Ravi" not in globex

    summit = text_of(say(world, "who did I meet at Web Summit?"))
    assert "Ravi Patel" in summit and "Tom Lee" in summit and "Jane" not in summit

    tagged = text_of(say(world, "who is tagged investor?"))
    assert "1 person tagged #investor" in tagged and "Jane Doe" in tagged and "Ana" not in tagged

    # an event asked as a company still finds them, and says where it looked
    pycon = text_of(say(world, "who do I know at PyCon?"))
    assert "you met at “PyCon”" in pycon and "Ana Ruiz" in pycon

    say(world, "spoke to jane, she'll bring the CFO")
    last = text_of(say(world, "what happened with Jane last?"))
    assert "Jane Doe" in last and "last call Tue 24 Nov: you spoke" in last
    assert "she'll bring the CFO" in last

    week_so_far = text_of(say(world, "how did my week go?"))
    assert "1 try with 1 person, 1 reached" in week_so_far
    assert "Promises kept: 0 · still open: 1" in week_so_far

    assert history(world, ids["jane"]) == ["reached"]
    assert world.double.block_errors == []


def test_nobody_is_an_answer_too_and_an_unknown_name_gets_suggestions(world):
    person(world)
    contact(world, "Jane Doe", next_due=D(2026, 12, 1))
    assert "Nobody is due today" in text_of(say(world, "what should I do today?"))
    assert "no open promises" in text_of(say(world, "who do I owe something?"))
    assert "I don't know anyone at “Umbrella”" in text_of(say(world, "who do I know at Umbrella?"))
    assert "Did you mean Jane Doe?" in text_of(say(world, "what happened with Jame last?"))


@SQLITE_ONLY
def test_an_unclear_line_gets_the_list_of_what_can_be_asked(world):
    person(world)
    answer = text_of(say(world, "hello there, how are you?"))
    assert "I didn't catch that" in answer
    assert "who should I call today?" in answer and "what did I promise?" in answer
    assert "spoke to Jane" in answer


# --- natural logging, and e-mails logged as e-mails, end to end ---------------------------------------------


@SQLITE_ONLY
def test_spoke_to_and_picked_up_are_logged_as_reached_with_the_notes(world):
    person(world)
    jl = contact(world, "Jean-Luc Picard", company="Starfleet")
    ana = contact(world, "Ana Ruiz")
    answer = text_of(say(world, "spoke to jean-luc, he'll come to the breakfast"))
    assert "Jean-Luc Picard" in answer
    assert history(world, jl) == ["reached"]
    assert row(world, jl).last_call_notes == "he'll come to the breakfast"
    say(world, "Ana picked up")
    say(world, "left Ana a voicemail")
    assert sorted(history(world, ana)) == ["reached", "voicemail"]


@SQLITE_ONLY
def test_an_email_from_the_dm_is_logged_and_shown_as_an_email(world):
    person(world)
    tom = contact(world, "Tom Lee", company="Globex")
    answer = text_of(say(world, "emailed Tom: sent him the checklist"))
    assert "Tom Lee" in answer and "Emailed" in answer
    stored = row(world, tom)
    assert (stored.last_outcome, stored.last_call_notes) == ("emailed", "sent him the checklist")
    with world.db.transaction() as s:
        assert [i.outcome for i in contact_interactions(s, TEAM, "U1", tom)] == ["emailed"]
    last = text_of(say(world, "what happened with Tom last?"))
    assert "last e-mail Tue 24 Nov: you e-mailed" in last and "Last call" not in last
    card = json.dumps(contact_modal(contact_card(world.services, Owner(TEAM, "U1"), tom)))
    assert "Last e-mail today" in card and "Last call" not in card
    # a text message is logged as a message, never as a call (tests/test_messages.py)
    texted = text_of(say(world, "texted Tom: running late"))
    assert "Messaged" in texted
    assert history(world, tom) == ["emailed", "messaged"]
