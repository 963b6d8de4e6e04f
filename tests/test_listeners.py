"""Listeners called directly, as plain functions: a real `Services` on a SQLite file and a Slack double,
a real Bolt `Ack`, and a `Respond` stand-in that keeps what the user was told through response_url."""

from __future__ import annotations

import datetime as dt
import json
import threading

import pytest
from slack_bolt import Ack, BoltContext

from bot.domain.clock import ManualClock
from bot.domain.resolve import Candidate
from bot.services.context import Services
from bot.testing.slackdouble import SlackDouble, validate_blocks
from handlers.commands.called import called_command
from handlers.commands.met import met_command
from handlers.views.log_call import log_call_modal, log_call_submitted
from storage.contacts import add_contact, list_contacts
from tests.conftest import DEFAULT_NOW
from tests.world import TEAM, settings_for

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


class Replies:
    """A Respond stand-in: what the listener sent through response_url, in order."""

    def __init__(self) -> None:
        self.sent: list[dict] = []
        self._changed = threading.Condition()

    def __call__(self, **message) -> None:
        with self._changed:
            self.sent.append(message)
            self._changed.notify_all()

    def first(self, timeout: float = 5.0) -> dict:
        """The first reply; the work after an ack runs on the background pool, so wait for it."""
        with self._changed:
            assert self._changed.wait_for(lambda: self.sent, timeout), "no reply through response_url"
            return self.sent[0]


@pytest.fixture
def services(db):
    double = SlackDouble().start()
    double.add_user("U1", name="ada", real_name="Ada Lovelace")
    services = Services(settings=settings_for(db.url, double.url), db=db, clock=ManualClock(DEFAULT_NOW))
    yield services
    services.background.shutdown()
    double.stop()


def asker() -> BoltContext:
    """The context Bolt builds for a request from U1 (handlers.request.owner_of reads it)."""
    return BoltContext(team_id=TEAM, user_id="U1", is_enterprise_install=False)


def slash(text: str) -> dict:
    return {
        "team_id": TEAM,
        "user_id": "U1",
        "text": text,
        "trigger_id": "trigger-1",
        "channel_id": "C1",
        "response_url": "https://hooks.slack.test/commands/1",
    }


def acked(ack: Ack) -> dict:
    assert ack.response is not None, "the listener never acked"
    return json.loads(ack.response.body) if ack.response.body else {}


def said(message: dict) -> str:
    return json.dumps(message.get("blocks") or []) + message.get("text", "")


def contact(services: Services, name: str) -> int:
    with services.db.transaction() as s:
        met = dt.date(2026, 11, 20)
        return add_contact(s, TEAM, "U1", name=name, stage="new", met_on=met, next_due=met).id


def names(services: Services) -> list[str]:
    with services.db.transaction() as s:
        return [c.name for c in list_contacts(s, TEAM, "U1")]


def test_met_help_acks_with_the_grammar_and_saves_nothing(services):
    ack, respond = Ack(), Replies()
    met_command(ack, slash("help"), respond, services.client, services, asker())
    answer = acked(ack)
    assert answer["response_type"] == "ephemeral"
    assert "/met NAME [of COMPANY | (COMPANY)] [at EVENT]" in said(answer)
    assert validate_blocks(answer["blocks"], "message") == []
    assert respond.sent == [] and names(services) == []


def test_met_quick_add_acks_at_once_then_confirms_what_it_saved(services):
    ack, respond = Ack(), Replies()
    met_command(ack, slash("Jane Doe of Acme at PyCon"), respond, services.client, services, asker())
    assert acked(ack) == {}
    reply = respond.first()
    assert "Saved *Jane Doe (Acme)*" in said(reply)
    assert validate_blocks(reply["blocks"], "message") == []
    assert names(services) == ["Jane Doe"]


def test_called_with_an_unknown_name_answers_with_the_closest_names(services):
    contact(services, "Jane Doe")
    contact(services, "Bob Stone")
    ack, respond = Ack(), Replies()
    called_command(ack, slash("Jnae Doe reached"), respond, services, asker())
    assert acked(ack) == {}
    reply = respond.first()
    assert "can't find" in said(reply) and "Jane Doe" in said(reply)
    assert "Bob Stone" not in said(reply)


def test_called_without_text_says_how_to_use_it_in_the_ack(services):
    ack, respond = Ack(), Replies()
    called_command(ack, slash(""), respond, services, asker())
    assert "/called Jane Doe reached" in said(acked(ack))
    assert respond.sent == []


def test_log_call_form_without_an_outcome_is_refused_on_the_field(services):
    jane = contact(services, "Jane Doe")
    view = {**log_call_modal(Candidate(jane, "Jane Doe", None)), "id": "V1", "state": {"values": {}}}
    ack = Ack()
    log_call_submitted(ack, view, services, asker())
    assert acked(ack) == {"response_action": "errors", "errors": {"outcome": "Pick what happened."}}
