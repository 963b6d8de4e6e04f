"""Rhythm end to end (issue 21) on SQLite and PostgreSQL: busy and wrong-number from /called, the
buttons and the Log call modal; what /prep shows after them; Undo.

Tuesday 24 Nov 2026, 09:00 in New York (conftest.DEFAULT_NOW); nudge days Mon–Fri.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from bot.testing.signed import date_value, select_value, text_values
from tests.test_called_e2e import buttons, called, contact, history, schedule, text_of
from tests.world import click, slash_command, wait_for

D = dt.date
TODAY = D(2026, 11, 24)
WED = D(2026, 11, 25)


@pytest.fixture
def w(world):
    world.user("U1")
    world.user("U2")
    yield world
    assert world.double.block_errors == []


def prep(world, name: str, user: str = "U1") -> str:
    return text_of(slash_command(world, user, "/prep", name))


# --- busy ----------------------------------------------------------------------------------------------


def test_busy_calls_back_the_next_business_day_and_counts_as_an_unanswered_try(w):
    jane = contact(w, "Jane Doe", phone="+14155550199")
    body = called(w, "jane busy: line engaged twice")
    assert "Wed 25 Nov" in text_of(body) and "busy line" in text_of(body)
    after = schedule(w, jane)
    assert (after["next_due"], after["unanswered_streak"], after["last_outcome"]) == (WED, 1, "busy")
    [logged] = history(w, jane)
    assert (logged.outcome, logged.notes) == ("busy", "line engaged twice")

    called(w, "jane line busy")  # the same day: logged, but the streak counts the day once
    assert schedule(w, jane)["unanswered_streak"] == 1 and len(history(w, jane)) == 2


# --- wrong number ---------------------------------------------------------------------------------------


def test_a_wrong_number_flags_the_phone_in_prep_and_undo_clears_it(w):
    jane = contact(w, "Jane Doe", phone="+14155550199", email="jane@acme.com", stage="active")
    before = schedule(w, jane)
    body = called(w, "Jane Doe wrong number: a dentist answered")
    assert "Wed 25 Nov" in text_of(body) and "number was wrong" in text_of(body)
    after = schedule(w, jane)
    assert after["phone_wrong"] is True and after["last_outcome"] == "wrong-number"
    assert after["unanswered_streak"] == 0

    shown = prep(w, "Jane")
    assert "(⚠ marked wrong)" in shown
    assert "reached someone else" in shown and "Write an e-mail" in shown

    _, value, block = buttons(body)["called_undo"]
    click(w, "called_undo", value, block_id=block)
    assert schedule(w, jane) == before
    assert "marked wrong" not in prep(w, "Jane")


def test_a_new_phone_in_the_form_clears_the_flag(w):
    jane = contact(w, "Jane Doe", phone="+14155550199")
    called(w, "Jane wrong")
    assert schedule(w, jane)["phone_wrong"] is True
    from bot.services.contacts import contact_for_edit, submit_form

    shown = contact_for_edit(w.services, "T0001", "U1", jane)
    assert shown.phone_wrong
    values = {"name": "Jane Doe", "phone": "+1 415 555 0123", "met_on": "2026-11-20"}
    saved = submit_form(w.services, "T0001", "U1", jane, values, shown.next_due)
    assert not isinstance(saved, dict), saved
    assert saved.contact.phone_wrong is False and schedule(w, jane)["phone_wrong"] is False
    assert "marked wrong" not in prep(w, "Jane")


# --- buttons and the Log call modal follow the outcomes ---------------------------------------------------


def test_the_outcome_buttons_offer_busy_and_wrong_number_and_log_them(w):
    jane = contact(w, "Jane Doe")
    body = called(w, "Jane Doe")
    labels = {text for text, _, _ in buttons(body).values()}
    assert {"📞 Busy line", "❌ Wrong number"} <= labels
    action = next(a for a, (text, _, _) in buttons(body).items() if text == "📞 Busy line")
    _, value, block = buttons(body)[action]
    click(w, action, value, block_id=block)
    assert schedule(w, jane)["last_outcome"] == "busy"


def test_the_log_call_modal_logs_a_wrong_number(w):
    jane = contact(w, "Jane Doe", phone="+14155550199")
    answer = w.slack.block_action("U1", "contact_log", str(jane), block_id=f"contact:{jane}")
    assert answer.status == 200
    view = wait_for(lambda: w.double.views())[-1]
    assert "Wrong number" in json.dumps(view["blocks"]) and "Busy line" in json.dumps(view["blocks"])
    values = {
        "outcome": {"value": select_value("wrong-number")},
        "date": {"value": date_value(None)},
        **text_values({"notes": {"value": ""}}),
    }
    done = w.slack.view_submission("U1", "log_call", values, view=w.double.view(view["id"]))
    assert done.json["response_action"] == "update"
    assert "Wed 25 Nov" in json.dumps(done.json["view"])
    assert schedule(w, jane)["phone_wrong"] is True


# --- tags ----------------------------------------------------------------------------------------------


def test_tags_from_met_show_in_the_reply_prep_home_and_the_form(w):
    from tests.test_met_e2e import buttons as met_buttons
    from tests.test_met_e2e import contacts, everything_said, input_block, open_view, submit
    from tests.world import open_home, press

    message = slash_command(
        w, "U1", "/met", "Jane Doe #investor of Acme <#C0PYCON|pycon> at PyCon: raising a seed round #fintech"
    )
    said = everything_said(message)
    assert "*Tags*\n#investor #pycon #fintech" in said
    [jane] = contacts(w)
    assert (jane.name, jane.company, jane.event, jane.tags) == (
        "Jane Doe",
        "Acme",
        "PyCon",
        "investor pycon fintech",
    )
    assert jane.notes == "raising a seed round #fintech"

    assert "Tags: #investor #pycon #fintech." in prep(w, "Jane")
    home = json.dumps(open_home(w, "U1"))
    assert "*Jane Doe* (Acme) #investor #pycon #fintech" in home

    press(w, "met_edit", met_buttons(message)["met_edit"], user="U1")
    view = open_view(w, 1)
    assert input_block(view, "tags")["element"]["initial_value"] == "#investor #pycon #fintech"
    refused = submit(w, "U1", view, tags="#investor 2026")
    assert "can't be a tag" in refused.json["errors"]["tags"]
    assert submit(w, "U1", view, tags="Friend, #investor").body_text == ""
    [jane] = contacts(w)
    assert jane.tags == "friend investor"
    view = open_view(w, 1)
    assert submit(w, "U1", view, tags="").body_text == ""
    assert not contacts(w)[0].tags
