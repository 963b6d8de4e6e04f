"""Feedback on reasons (issue 30), end to end: "Useful / Not useful" pressed under the digest and /prep
as Slack sends it (signed requests to the real app, the Slack double), on SQLite and PostgreSQL.
Tuesday 24 Nov 2026, 09:00 in New York (conftest.DEFAULT_NOW)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from sqlalchemy import select

from bot.console import console
from bot.console.terminal import Terminal
from bot.delivery.dispatcher import dispatch
from bot.domain.feedback import KIND_WORDS, read_button_value
from bot.services.feedback import demoted_for
from handlers.blocks.digest import render_digest
from handlers.blocks.feedback import FEEDBACK
from handlers.blocks.weekly import render_weekly
from handlers.request import Owner
from storage.contacts import add_contact
from storage.models import Interaction, ReasonFeedback
from storage.profiles import get_or_create_profile
from tests.world import TEAM, click, open_home, settings_for, slash_command

D = dt.date


@pytest.fixture
def w(world):
    world.user("U1", name="Sam Rivera")
    world.user("U2", name="Other Person")
    yield world
    assert world.double.block_errors == []


def contact(world, name: str, user: str = "U1", **fields) -> int:
    defaults = dict(stage="active", met_on=D(2026, 10, 1), next_due=D(2026, 11, 20), unanswered_streak=0)
    with world.db.transaction() as s:
        get_or_create_profile(s, TEAM, user, tz="America/New_York")
        return add_contact(s, TEAM, user, name=name, **{**defaults, **fields}).id


def feedback_buttons(message: dict) -> dict[str, dict]:
    """The feedback_buttons element of each context_actions block, by block id."""
    return {
        b["block_id"]: b["elements"][0]
        for b in message.get("blocks", [])
        if b["type"] == "context_actions" and b["elements"][0]["type"] == "feedback_buttons"
    }


def press_feedback(world, element: dict, block_id: str, useful: bool, user: str = "U1", message=None) -> dict:
    """Press one side of a feedback_buttons element: Slack sends the element's action_id and type
    with the pressed side's value. The presser's note, as posted to the response_url."""
    side = element["positive_button" if useful else "negative_button"]
    return click(
        world,
        element["action_id"],
        side["value"],
        user,
        action_type="feedback_buttons",
        block_id=block_id,
        message=message,
    )


def stored(world) -> list[tuple[str, str, int, bool, str]]:
    with world.db.transaction() as s:
        rows = s.scalars(select(ReasonFeedback).order_by(ReasonFeedback.id)).all()
        return [(r.user_id, r.kind, r.contact_id, r.useful, r.surface) for r in rows]


def test_useful_in_the_digest_is_stored_a_press_replaces_it_home_and_the_look_back_show_it(w):
    jane = contact(w, "Jane Doe", company="Acme", promise="send our pipeline checklist")
    dispatch(w.services, render_digest)
    [message] = [m for m in w.double.dm_messages("U1") if m.get("metadata")]
    buttons = feedback_buttons(message)
    element = buttons[f"feedback:{jane}"]
    assert element["action_id"] == FEEDBACK
    assert len(message["blocks"]) <= 50
    kind = read_button_value(element["positive_button"]["value"])[0].kind

    note = press_feedback(w, element, f"feedback:{jane}", True, message=message)
    assert note["response_type"] == "ephemeral" and note.get("replace_original") is not True
    assert "Thanks — noted" in note["text"]
    assert stored(w) == [("U1", kind, jane, True, "digest")]

    press_feedback(w, element, f"feedback:{jane}", False, message=message)  # changed their mind
    assert stored(w) == [("U1", kind, jane, False, "digest")]
    press_feedback(w, element, f"feedback:{jane}", True, message=message)

    home = open_home(w, "U1")
    said = [e["text"] for b in home["blocks"] if b["type"] == "context" for e in b["elements"]]
    assert any(f"Useful for you: {KIND_WORDS[kind]} (1 of 1)" in t for t in said), said

    # Friday's look back says the same
    with w.db.transaction() as s:
        get_or_create_profile(s, TEAM, "U1")[0].weekly_review = True
        s.add(Interaction(team_id=TEAM, user_id="U1", contact_id=jane, on=D(2026, 11, 25), outcome="reached"))
    w.clock.set(dt.datetime(2026, 11, 27, 14, 0, tzinfo=dt.UTC))  # Fri 09:00 in New York
    dispatch(w.services, render_digest, weekly_renderer=render_weekly)
    [weekly] = [m for m in w.double.dm_messages("U1") if m["metadata"]["event_type"] == "warmcall_weekly"]
    said = [e["text"] for b in weekly["blocks"] if b["type"] == "context" for e in b["elements"]]
    assert any(f"Useful for you: {KIND_WORDS[kind]} (1 of 1)" in t for t in said), said


def test_not_useful_three_times_in_prep_demotes_that_kind_for_that_user_only(w):
    ids = [contact(w, name, promise="send the pricing sheet") for name in ("Ann One", "Bo Two", "Cy Three")]
    kinds = set()
    for n, name in enumerate(("Ann One", "Bo Two", "Cy Three")):
        points = slash_command(w, "U1", "/prep", name)
        element = feedback_buttons(points)["prep_feedback"]
        target, _ = read_button_value(element["negative_button"]["value"])
        assert target.contact_id == ids[n]
        kinds.add(target.kind)
        note = press_feedback(w, element, "prep_feedback", False)
        assert "Thanks — noted" in note["text"]
        if n < 2:
            assert demoted_for(w.services, Owner(TEAM, "U1")) == frozenset()
    [kind] = kinds  # the same kind of reason for the three
    assert "come lower" in note["text"]
    assert demoted_for(w.services, Owner(TEAM, "U1")) == {kind}
    assert demoted_for(w.services, Owner(TEAM, "U2")) == frozenset()
    assert {row[4] for row in stored(w)} == {"prep"}

    home = open_home(w, "U1")
    said = [e["text"] for b in home["blocks"] if b["type"] == "context" for e in b["elements"]]
    assert any(f"Less useful for you: {KIND_WORDS[kind]} (0 of 3)" in t for t in said), said


def test_a_vote_is_only_ever_the_pressers_own(w):
    jane = contact(w, "Jane Doe", promise="send the deck")
    points = slash_command(w, "U1", "/prep", "Jane")
    element = feedback_buttons(points)["prep_feedback"]

    # U2 replays U1's button (U1's contact in the value): nothing is stored for either of them
    note = press_feedback(w, element, "prep_feedback", False, user="U2")
    assert "couldn't note that" in note["text"]
    # a value with a user id tucked in is not ours at all
    forged = {**element, "negative_button": {**element["negative_button"]}}
    forged["negative_button"]["value"] += "|U1"
    note = press_feedback(w, forged, "prep_feedback", False, user="U2")
    assert "couldn't note that" in note["text"]
    assert stored(w) == []

    press_feedback(w, element, "prep_feedback", True)
    assert [(row[0], row[2]) for row in stored(w)] == [("U1", jane)]


def test_the_console_shows_the_buttons_and_a_click_records_the_vote():
    script = (
        "/met Jane Doe of Acme at PyCon yesterday: promised her our checklist\n/prep Jane\nclick 1\nquit\n"
    )
    out = io.StringIO()
    start = dt.datetime(2026, 11, 24, 8, 0, tzinfo=dt.UTC)
    settings = settings_for("sqlite:///:memory:", "http://unused/")
    with console(
        settings, Terminal(stdin=io.StringIO(script), stdout=out), user_name="Ada", tz="UTC", start=start
    ) as s:
        assert s.run() == 0
        assert s.double.block_errors == []
        with s.services.db.reading() as session:
            [vote] = session.scalars(select(ReasonFeedback)).all()
    transcript = out.getvalue()
    assert "[1] Useful  [2] Not useful" in transcript
    assert "Thanks — noted" in transcript.split("> click 1", 1)[1]
    assert (vote.useful, vote.surface) == (True, "prep")
