"""Issue 28's leftovers: a text or chat message is logged as `messaged` (scheduled like an e-mail, shown
as "Last message", undoable), a first `/called Ana at 4pm thursday` from a user Warmcall has not seen
yet plans the call, and snoozing a contact whose planned call has passed drops the plan and says so.
Rules are pure-function tables; the rest goes over signed HTTP against the Slack double.

Tuesday 24 Nov 2026, 09:00 in New York (conftest.DEFAULT_NOW); nudge days Mon–Fri.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from bot.domain import cadence
from bot.domain.cadence import ContactState, next_follow_up, parse_outcome, split_outcome
from bot.domain.dm_reply import Verb, natural_order, read_reply
from bot.domain.stats import BAD_OUTCOMES, REACHED_OUTCOMES
from bot.domain.talking_points import ContactFacts, last_touch_label
from bot.domain.vocabulary import UNANSWERED, Outcome, Stage
from bot.services import plans
from bot.services.home import contact_card
from handlers.blocks.called import UNDO_ACTION
from handlers.blocks.contact_card import contact_modal, last_touch_words
from handlers.commands.called import USAGE
from handlers.request import Owner
from storage.models import Interaction
from storage.plans import CANCELLED, PlannedCall
from tests.test_dm_replies import (
    console_transcript,
    contact,
    history,
    person,
    press_in,
    row,
    say,
    stored,
    text_of,
)
from tests.test_plan_e2e import NY, THURSDAY_1030, at, drain, next_due, reminders
from tests.world import TEAM, click, press, slash_command, wait_for

D = dt.date
TUESDAY = D(2026, 11, 24)
WEEKDAYS = frozenset(range(5))
SQLITE_ONLY = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


# --- reading and scheduling a message (pure) ---------------------------------------------------------


@pytest.mark.parametrize(
    "line, called",
    [
        ("texted Ana: running late", "Ana messaged: running late"),
        ("messaged Tom", "Tom messaged"),
        ("sent Ravi a message", "Ravi messaged"),
        ("WhatsApped Lea", "Lea messaged"),
        ("sent a text to Ravi", "Ravi messaged"),
        ("I texted Ana Ruiz yesterday: the deck", "Ana Ruiz messaged yesterday: the deck"),
        ("sent Tom Lee a message: the deck", "Tom Lee messaged: the deck"),
    ],
)
def test_a_text_or_chat_message_reads_as_a_messaged_log_line(line, called):
    assert natural_order(line) == called
    assert read_reply(line) == read_reply(line).__class__(Verb.CALLED, called, typed_verb=True)


def test_messaged_is_an_outcome_word_scheduled_like_an_email_and_no_try():
    assert parse_outcome("texted") is parse_outcome("messaged") is Outcome.MESSAGED
    assert split_outcome("Ana Ruiz messaged: running late") == (
        "Ana Ruiz",
        Outcome.MESSAGED,
        ": running late",
    )
    state = ContactState(Stage.ACTIVE, unanswered_streak=2)
    message = next_follow_up(state, Outcome.MESSAGED, TUESDAY, WEEKDAYS)
    email = next_follow_up(state, Outcome.EMAILED, TUESDAY, WEEKDAYS)
    assert (message.next_due, message.stage, message.unanswered_streak) == (email.next_due, Stage.ACTIVE, 2)
    assert message.next_due == D(2026, 11, 26) and message.reason == "2 business days after your message"
    assert Outcome.MESSAGED not in REACHED_OUTCOMES | BAD_OUTCOMES
    assert "messaged" not in UNANSWERED and "messaged" not in plans.TRY_OUTCOMES
    assert cadence.OUTCOME_LABELS[Outcome.MESSAGED] == "💬 Messaged"


def test_a_message_is_the_last_message_never_the_last_call():
    on = TUESDAY
    facts = ContactFacts(1, "A B", last_outcome="messaged", last_contact_on=on, last_call_on=on)
    assert last_touch_label(facts) == "Last message" and last_touch_words("messaged") == "Last message"
    older = ContactFacts(1, "A B", last_outcome="messaged", last_contact_on=on, last_call_on=D(2026, 11, 2))
    assert last_touch_label(older) == "Earlier call"  # the note came with a call before the newest message
    assert last_touch_words("emailed") == "Last e-mail" and last_touch_words("reached") == "Last call"
    assert "messaged (a text or chat)" in USAGE


# --- over signed HTTP ---------------------------------------------------------------------------------


def test_texted_in_the_dm_logs_a_message_with_undo(world):
    """Both databases: the outcome is stored as its own kind."""
    person(world)
    tom = contact(world, "Tom Lee", company="Globex", unanswered_streak=2)
    answer = say(world, "texted Tom: running late")
    said = text_of(answer)
    assert "Tom Lee" in said and "Messaged" in said and "isn't a kind of its own" not in said
    stored_row = row(world, tom)
    assert (stored_row.last_outcome, stored_row.last_call_notes) == ("messaged", "running late")
    # + 2 business days, not a try (Thu 26 Nov is Thanksgiving in her US calendar)
    assert (stored_row.next_due, stored_row.unanswered_streak) == (D(2026, 11, 27), 2)
    assert history(world, tom) == ["messaged"]
    last = text_of(say(world, "what happened with Tom last?"))
    assert "last message Tue 24 Nov: you sent a message" in last and "last call" not in last
    card = json.dumps(contact_modal(contact_card(world.services, Owner(TEAM, "U1"), tom)))
    assert "Last message today" in card and "Last call" not in card
    assert "`texted Ana: running late`" in text_of(say(world, "Log a call"))
    week = text_of(say(world, "how did my week go?"))
    assert "1 try with 1 person, 0 reached" in week and "1 message" in week and "unanswered" not in week

    press_in(world, answer, UNDO_ACTION)
    wait_for(lambda: "Undone" in text_of(stored(world, answer)))
    assert history(world, tom) == []
    assert row(world, tom).next_due == D(2026, 11, 30)


@SQLITE_ONLY
def test_called_messaged_logs_a_message_and_the_help_lists_it(world):
    person(world)
    ana = contact(world, "Ana Ruiz")
    reply = slash_command(world, "U1", "/called", "Ana messaged: sent the venue")
    assert "Ana Ruiz" in reply["text"] and "Messaged" in json.dumps(reply)
    assert history(world, ana) == ["messaged"] and row(world, ana).next_due == D(2026, 11, 27)
    assert "messaged" in slash_command(world, "U1", "/called", "help")["text"]


@SQLITE_ONLY
def test_a_first_called_with_a_time_plans_for_a_user_with_no_profile_yet(world):
    world.user("U1", name="Ada Lovelace")  # Slack knows her zone; Warmcall has stored nothing yet
    ana = contact(world, "Ana Ruiz")
    reply = slash_command(world, "U1", "/called", "Ana at 4pm thursday", after_ack=True)
    assert "📅 Thu 16:00" in reply["text"]
    assert next_due(world, ana) == D(2026, 11, 27)
    assert history(world, ana) == []  # planned, not logged
    with world.db.reading() as s:
        plan = s.query(PlannedCall).one()
        assert plan.at == dt.datetime(2026, 11, 26, 16, 0, tzinfo=NY).astimezone(dt.UTC).replace(tzinfo=None)


@SQLITE_ONLY
def test_snoozing_after_the_planned_time_drops_the_plan_and_says_so(world):
    owner = Owner(TEAM, person(world))
    ana = contact(world, "Ana Ruiz")
    plans.plan_call(world.services, owner, ana, THURSDAY_1030, None, key="k")
    at(world, THURSDAY_1030 + dt.timedelta(days=1, hours=-1, minutes=-30))  # Fri 27 Nov 09:00: missed
    said = json.dumps(
        click(world, "contact_snooze", f"{ana}:7", block_id=f"contact:{ana}"), ensure_ascii=False
    )
    assert "snoozed until *Fri 4 Dec*" in said
    assert "your planned call (📅 Thu 26 Nov 10:30) had passed, so I dropped it" in said
    assert next_due(world, ana) == D(2026, 12, 4)
    drain(world)
    assert reminders(world) == []  # the dropped plan's reminder sends nothing
    with world.db.reading() as s:
        assert s.query(PlannedCall.state).scalar() == CANCELLED
        snooze_id = s.query(Interaction.id).filter(Interaction.outcome == "snooze").scalar()

    press(world, UNDO_ACTION, str(snooze_id), response_url=world.double.new_response_url())
    wait_for(lambda: next_due(world, ana) == D(2026, 11, 27))  # due again, as after any missed plan
    with world.db.reading() as s:
        assert s.query(PlannedCall.state).scalar() == CANCELLED


@SQLITE_ONLY
def test_the_console_logs_a_whatsapp_message_with_undo(db_url):
    script = "/met Lea Park of Initech at PyCon yesterday\nWhatsApped Lea: sent the venue\nquit\n"
    transcript = console_transcript(db_url, script)
    logged = transcript.split("> WhatsApped Lea: sent the venue\n", 1)[1].split("\n> ", 1)[0]
    assert "Lea Park" in logged and "Messaged" in logged and "Undo" in logged
    assert "Reached" not in logged and "Voicemail" not in logged
