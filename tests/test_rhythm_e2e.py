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


# --- cadence per contact and per tag ---------------------------------------------------------------------

TUE_8_DEC, TUE_15_DEC = D(2026, 12, 8), D(2026, 12, 15)


@pytest.fixture
def s(world):
    from tests.story_helpers import Story

    story = Story(world)
    yield story
    assert world.double.block_errors == []


def _contact_row(world, name: str):
    from tests.test_met_e2e import contacts

    return next(c for c in contacts(world) if c.name == name)


def test_a_cadence_in_words_sets_the_gap_and_slipping_then_overdue_show_everywhere(s):
    from tests.story_helpers import text_of as screen

    s.met("Jane Doe of Acme at PyCon: wants the case study")
    body = s.called("Jane reached every 2w: liked the case study")
    said = screen(body)
    assert "Tue 8 Dec" in said and "every 2 weeks, the rhythm you set for them" in said
    assert "Your rhythm with *Jane Doe*: every 2 weeks after you talk." in said
    jane = _contact_row(s.world, "Jane Doe")
    assert (jane.next_due, jane.latest_due) == (TUE_8_DEC, D(2026, 12, 15))
    assert (jane.cadence_ideal_days, jane.cadence_latest_days) == (14, 21)

    s.on(D(2026, 12, 10))  # past the ideal day, before the latest: slipping
    digest = s.digest()
    assert "slipping: overdue in 5 days" in digest.row(jane.id)
    assert "Slipping: overdue in 5 days" in screen(s.prep("Jane"))
    assert "slipping: overdue in 5 days" in s.home().row(jane.id)

    s.on(D(2026, 12, 17))  # two days past the latest day: overdue
    digest = s.digest()
    assert "overdue by 2 days" in digest.row(jane.id)
    assert "Overdue by 2 days" in screen(s.prep("Jane"))
    assert "overdue by 2 days" in s.home().row(jane.id)

    s.called("Jane reached")  # her own rhythm holds without saying it again
    jane = _contact_row(s.world, "Jane Doe")
    assert jane.next_due == D(2026, 12, 31) and jane.latest_due == D(2027, 1, 7)


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("every 3y", "from 1 day to 2 years"),
        ("every 30-20 days", "the first can't be larger"),
        ("every fortnightly", "after `every`"),
    ],
)
def test_a_bad_cadence_in_words_is_refused_and_nothing_is_written(s, typed, says):
    from tests.story_helpers import text_of as screen

    s.met("Jane Doe of Acme")
    before = _contact_row(s.world, "Jane Doe")
    assert says in screen(s.called(f"Jane reached {typed}"))
    after = _contact_row(s.world, "Jane Doe")
    assert (after.last_outcome, after.next_due, after.cadence_ideal_days) == (None, before.next_due, None)


def test_undo_puts_the_old_rhythm_back(w):
    jane = contact(w, "Jane Doe", stage="active", cadence_ideal_days=30, cadence_latest_days=45)
    body = called(w, "Jane reached every 1 week")
    assert schedule(w, jane)["cadence_ideal_days"] == 7
    _, value, block = buttons(body)["called_undo"]
    click(w, "called_undo", value, block_id=block)
    after = schedule(w, jane)
    assert (after["cadence_ideal_days"], after["cadence_latest_days"], after["latest_due"]) == (30, 45, None)


def _tag_modal(s):
    from handlers.blocks.rhythm import TAG_CADENCE, TAG_CADENCE_FORM

    return s.open_modal(s.home(), TAG_CADENCE, "open", TAG_CADENCE_FORM)


def _save_table(s, modal: dict, text: str):
    from bot.testing.signed import text_values

    answer = s.world.slack.view_submission(
        s.user, modal["callback_id"], text_values({"tag_cadence_table": {"value": text}}), view=modal
    )
    assert answer.status == 200
    return answer.json


def test_cadence_by_tag_from_home_with_precedence_contact_then_shortest_tag_then_default(s):
    s.met("Bob Stone #investor #friend of Beta")
    s.met("Cara Diaz #friend")
    s.met("Jane Doe #investor of Acme")
    s.met("Ann Lee of Acme")

    modal = _tag_modal(s)
    assert "#investor" in json.dumps(modal["blocks"]) and "#friend" in json.dumps(modal["blocks"])
    refused = _save_table(s, modal, "#invester 30\n#friend every 3y")
    problems = refused["errors"]["tag_cadence_table"]
    assert "none of your contacts is tagged #invester. Did you mean #investor?" in problems
    assert "from 1 day to 2 years" in problems
    saved = _save_table(s, modal, "#investor 21-30\n#friend every 3 months")
    assert not (saved or {}).get("errors")
    assert "#friend 90-135\n#investor 21-30" in json.dumps(_tag_modal(s)["blocks"]).replace("\\n", "\n")

    for name in ("Bob", "Cara", "Jane", "Ann"):
        s.called(f"{name} reached" + (" every 10 days" if name == "Jane" else ""))
    rows = {n: _contact_row(s.world, n) for n in ("Bob Stone", "Cara Diaz", "Jane Doe", "Ann Lee")}
    assert rows["Bob Stone"].next_due == D(2026, 12, 15)  # the shorter tag: #investor's 21 days
    assert rows["Bob Stone"].next_due_reason == "every 21-30 days, the rhythm for #investor"
    assert rows["Cara Diaz"].next_due == D(2027, 2, 22)  # #friend: 90 days
    assert rows["Jane Doe"].next_due == D(2026, 12, 4)  # her own 10 days beat #investor
    assert rows["Ann Lee"].next_due == D(2026, 12, 24) and rows["Ann Lee"].latest_due is None  # the default


def test_the_contact_form_sets_and_clears_the_rhythm(s):
    from tests.test_met_e2e import buttons as met_buttons
    from tests.test_met_e2e import input_block, open_view, submit
    from tests.world import press

    message = s.met("Jane Doe of Acme #investor")
    s.called("Jane reached every 3 weeks")
    press(s.world, "met_edit", met_buttons(message)["met_edit"], user=s.user)
    view = open_view(s.world, 1)
    assert input_block(view, "cadence")["element"]["initial_value"] == "every 3 weeks"
    refused = submit(s.world, s.user, view, cadence="every 3 years")
    assert "from 1 day to 2 years" in refused.json["errors"]["cadence"]
    assert submit(s.world, s.user, view, cadence="10-12 days").body_text == ""
    jane = _contact_row(s.world, "Jane Doe")
    assert (jane.cadence_ideal_days, jane.cadence_latest_days, jane.tags) == (10, 12, "investor")
    view = open_view(s.world, 1)
    assert submit(s.world, s.user, view, cadence="").body_text == ""
    jane = _contact_row(s.world, "Jane Doe")
    assert (jane.cadence_ideal_days, jane.cadence_latest_days) == (None, None)


def test_an_update_from_the_duplicate_question_adds_tags(s):
    from tests.test_met_e2e import contacts

    s.met("Jane Doe of Acme #investor")
    asked = s.met("Jane Doe of Acme #friend #investor")
    from tests.story_helpers import button

    action, _, value, block_id = button(asked, "met_dup_update")
    from tests.world import press

    press(s.world, action, value, s.user, block_id=block_id)
    wait_for(lambda: contacts(s.world)[0].tags == "investor friend")
    assert len(contacts(s.world)) == 1


def test_a_wrong_number_leads_the_morning_dm(s):
    s.met("Jane Doe of Acme +1 415 555 0199 jane@acme.com")
    s.called("Jane wrong number")
    s.on(D(2026, 11, 25))
    digest = s.digest()
    jane = _contact_row(s.world, "Jane Doe")
    assert "Wrong number: e-mail Jane and ask for the right one" in digest.row(jane.id)


def test_everyone_from_one_event_in_one_step(s):
    s.met("Bob Stone of Beta at PyCon US")
    s.met("Cara Diaz at PyCon US #investor")
    s.met("Dan Roe at JSConf")
    modal = _tag_modal(s)
    assert "@pycon-us" in json.dumps(modal["blocks"]) and "@jsconf" in json.dumps(modal["blocks"])
    refused = _save_table(s, modal, "@pycon 21")
    assert "none of your contacts was met at @pycon. Did you mean @pycon-us?" in json.dumps(refused)
    assert not (_save_table(s, modal, "@PyCon-US every 3 weeks\n#investor 10") or {}).get("errors")
    for name in ("Bob", "Cara", "Dan"):
        s.called(f"{name} reached")
    bob, cara, dan = (_contact_row(s.world, n) for n in ("Bob Stone", "Cara Diaz", "Dan Roe"))
    assert (bob.next_due, bob.latest_due) == (D(2026, 12, 15), D(2026, 12, 25))
    assert bob.next_due_reason == "every 3 weeks, the rhythm for everyone from @pycon-us"
    assert cara.next_due == D(2026, 12, 4)  # her #investor 10 days is shorter than the event's 21
    assert dan.next_due == D(2026, 12, 24) and dan.latest_due is None
