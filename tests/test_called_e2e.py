"""/called, the Log call modal, Snooze / Let go / Revive and Undo, end to end on SQLite and PostgreSQL.

Tuesday 24 Nov 2026, 09:00 in New York (conftest.DEFAULT_NOW); nudge days Mon–Fri.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from bot.services.calls import SCHEDULE_FIELDS
from bot.testing.signed import date_value, select_value, text_values
from handlers.blocks.contact_buttons import contact_buttons
from storage.contacts import add_contact, get_contact
from storage.interactions import contact_interactions, count_interactions
from storage.models import Interaction
from tests.world import TEAM, click, slash_command, wait_for

D = dt.date
TODAY = D(2026, 11, 24)


# --- the story's vocabulary -------------------------------------------------------------------------


def contact(world, name: str, user: str = "U1", **fields) -> int:
    defaults = dict(stage="new", met_on=D(2026, 11, 20), next_due=D(2026, 11, 24), unanswered_streak=0)
    with world.db.transaction() as s:
        return add_contact(s, TEAM, user, name=name, **{**defaults, **fields}).id


def schedule(world, contact_id: int, user: str = "U1") -> dict:
    with world.db.transaction() as s:
        c = get_contact(s, TEAM, user, contact_id)
        return {f: getattr(c, f) for f in SCHEDULE_FIELDS}


def history(world, contact_id: int, user: str = "U1") -> list[Interaction]:
    with world.db.transaction() as s:
        return list(contact_interactions(s, TEAM, user, contact_id))


def interactions(world, user: str = "U1") -> int:
    with world.db.transaction() as s:
        return count_interactions(s, TEAM, user)


def called(world, text: str, user: str = "U1") -> dict:
    return slash_command(world, user, "/called", text)


def text_of(body: dict) -> str:
    parts = [body.get("text", "")]
    for block in body.get("blocks", []):
        parts.append((block.get("text") or {}).get("text", ""))
        parts += [e.get("text", "") for e in block.get("elements", []) if isinstance(e.get("text"), str)]
    return "\n".join(parts)


def buttons(body: dict) -> dict[str, tuple[str, str, str]]:
    """action_id → (button text, value, block_id) for every button in a reply."""
    found = {}
    for block in body.get("blocks", []):
        elements = list(block.get("elements", []))
        if block.get("accessory"):
            elements.append(block["accessory"])
        for e in elements:
            if e.get("type") == "button":
                found[e["action_id"]] = (e["text"]["text"], e.get("value"), block.get("block_id", ""))
    return found


@pytest.fixture
def w(world):
    world.user("U1")
    world.user("U2")
    yield world
    assert world.double.block_errors == []


# --- every outcome word and a synonym (SPEC §5, §7) -------------------------------------------------

OUTCOMES = [
    # word, synonym, next due, stage, streak, reply mentions
    # Thu 26 Nov is Thanksgiving in New York: no next try on it, so business days skip it (SPEC §14)
    ("reached", "spoke", D(2026, 12, 24), "active", 0, "Thu 24 Dec"),
    ("voicemail", "vm", D(2026, 11, 30), "active", 1, "Mon 30 Nov"),
    ("no-answer", "missed", D(2026, 11, 30), "active", 1, "Mon 30 Nov"),
    ("busy", "line-busy", D(2026, 11, 25), "active", 1, "Wed 25 Nov"),
    ("wrong-number", "wrong", D(2026, 11, 25), "active", 0, "Wed 25 Nov"),
    ("emailed", "e-mailed", D(2026, 11, 27), "active", 0, "Fri 27 Nov"),
    ("meeting", "booked", D(2026, 12, 1), "active", 0, "Tue 1 Dec"),
    ("later", "not-now", D(2027, 2, 22), "active", 0, "Mon 22 Feb"),
    ("no", "declined", None, "let_go", 0, "No more nudges"),
]


@pytest.mark.parametrize("word, synonym, due, stage, streak, shown", OUTCOMES, ids=[o[0] for o in OUTCOMES])
def test_each_outcome_word_and_a_synonym(w, word, synonym, due, stage, streak, shown):
    for typed, name in ((word, "Jane Doe"), (synonym, "Bob Stone")):
        cid = contact(w, name)
        body = called(w, f"{name.lower()} {typed}: talked about the pilot")
        assert body["response_type"] == "ephemeral"
        assert name in text_of(body) and shown in text_of(body)
        assert "called_undo" in buttons(body)
        after = schedule(w, cid)
        assert (after["next_due"], after["stage"], after["unanswered_streak"]) == (due, stage, streak)
        assert after["last_outcome"] == word and after["last_contact_on"] == TODAY
        [logged] = history(w, cid)
        assert (logged.outcome, logged.on, logged.notes, logged.next_due) == (
            word,
            TODAY,
            "talked about the pilot",
            due,
        )


def test_a_date_and_notes_are_read(w):
    jane, bob, ann = contact(w, "Jane Doe"), contact(w, "Bob Stone"), contact(w, "Ann Lee")
    body = called(w, "Jane Doe voicemail yesterday: left my number")
    assert "Fri 27 Nov" in text_of(body)  # Mon 23 + 3 business days, Thanksgiving (Thu 26) skipped
    [logged] = history(w, jane)
    assert (logged.on, logged.notes) == (D(2026, 11, 23), "left my number")

    called(w, "Bob Stone meeting friday")
    assert schedule(w, bob)["next_due"] == D(2026, 11, 30)  # the business day after Fri 27 Nov
    called(w, "Ann Lee meeting on 2026-12-04: demo")
    assert schedule(w, ann)["next_due"] == D(2026, 12, 7)


def test_the_sixth_unanswered_try_turns_the_contact_dormant(w):
    cid = contact(w, "Jane Doe", stage="active", unanswered_streak=5, let_go_asked=True)
    body = called(w, "Jane no answer")
    assert "let go" in text_of(body)
    after = schedule(w, cid)
    assert (after["stage"], after["unanswered_streak"], after["let_go_asked"]) == ("dormant", 6, False)
    assert after["next_due"] == D(2026, 11, 25)


def test_names_match_without_case_or_accents_then_by_company(w):
    jose = contact(w, "José Núñez", company="Bank of America")
    globex = contact(w, "Hank Scorpio", company="Globex")
    called(w, "jose nunez reached")
    called(w, "globex later")
    assert schedule(w, jose)["last_outcome"] == "reached"
    assert schedule(w, globex)["last_outcome"] == "later"


def test_several_matches_offer_a_pick_and_the_pick_logs(w):
    doe = contact(w, "Jane Doe", company="Acme")
    roe = contact(w, "Jane Roe", company="Globex")
    body = called(w, "jane emailed: sent the deck")
    assert "Several contacts match" in text_of(body)
    choices = {text: (aid, value, block) for aid, (text, value, block) in buttons(body).items()}
    assert set(choices) == {"Jane Doe · Acme · met 20 Nov", "Jane Roe · Globex · met 20 Nov"}
    assert interactions(w) == 0

    aid, value, block = choices["Jane Roe · Globex · met 20 Nov"]
    done = click(w, aid, value, block_id=block)
    assert "Jane Roe" in text_of(done) and "Fri 27 Nov" in text_of(done)  # Thanksgiving skipped
    assert [i.notes for i in history(w, roe)] == ["sent the deck"]
    assert history(w, doe) == []


def test_a_name_alone_or_an_unknown_outcome_offers_the_outcomes(w):
    cid = contact(w, "Jane Doe")
    body = called(w, "Jane Doe")
    assert "How did it go with *Jane Doe*" in text_of(body)
    offered = buttons(body)
    assert {aid for aid in offered} == {
        f"called_outcome_{o}"
        for o in (
            "reached",
            "voicemail",
            "no-answer",
            "busy",
            "wrong-number",
            "emailed",
            "messaged",
            "meeting",
        )
    } | {"called_outcome_later", "called_outcome_no"}
    body = called(w, "Jane Doe blorp: she was driving")
    assert "blorp" in text_of(body)
    _, value, block = buttons(body)["called_outcome_voicemail"]
    done = click(w, "called_outcome_voicemail", value, block_id=block)
    # Tue + 3 business days, Thanksgiving (Thu 26 Nov in New York) skipped
    assert "Mon 30 Nov" in text_of(done) and done.get("replace_original") is True
    [logged] = history(w, cid)
    assert (logged.outcome, logged.notes) == ("voicemail", "she was driving")


def test_an_unknown_name_gets_the_closest_names(w):
    contact(w, "Jane Doe")
    contact(w, "Bob Stone")
    body = called(w, "Jnae Doe reached")
    assert "can't find" in text_of(body) and "Jane Doe" in text_of(body)
    assert "Bob Stone" not in text_of(body)
    assert interactions(w) == 0


def test_undo_restores_the_previous_schedule_exactly(w):
    cid = contact(
        w,
        "Jane Doe",
        stage="dormant",
        unanswered_streak=6,
        next_due=D(2026, 11, 20),
        next_due_reason="six tries",
        last_outcome="no-answer",
        last_contact_on=D(2026, 11, 19),
        let_go_asked=True,
    )
    before = schedule(w, cid)
    body = called(w, "Jane Doe reached: finally")
    assert schedule(w, cid) != before
    _, value, block = buttons(body)["called_undo"]
    undone = click(w, "called_undo", value, block_id=block)
    assert "Undone" in text_of(undone)
    assert schedule(w, cid) == before
    assert history(w, cid) == []

    again = click(w, "called_undo", value, block_id=block)
    assert "already undone" in text_of(again)
    assert schedule(w, cid) == before


def test_only_the_newest_change_can_be_undone(w):
    cid = contact(w, "Jane Doe")
    first = called(w, "Jane voicemail")
    called(w, "Jane reached")
    middle = schedule(w, cid)
    _, value, block = buttons(first)["called_undo"]
    refused = click(w, "called_undo", value, block_id=block)
    assert "newer" in text_of(refused)
    assert schedule(w, cid) == middle and len(history(w, cid)) == 2


# --- the Log call modal ------------------------------------------------------------------------------


def test_log_call_button_opens_the_modal_and_the_submission_logs_once(w):
    cid = contact(w, "Jane Doe", company="Acme")
    answer = w.slack.block_action("U1", "contact_log", str(cid), block_id=f"contact:{cid}")
    assert answer.status == 200
    view = wait_for(lambda: w.double.views())[-1]
    assert view["callback_id"] == "log_call" and "Jane Doe (Acme)" in json.dumps(view["blocks"])

    values = {
        "outcome": {"value": select_value("meeting")},
        "date": {"value": date_value("2026-12-04")},
        **text_values({"notes": {"value": "demo for the data team"}}),
    }
    done = w.slack.view_submission("U1", "log_call", values, view=w.double.view(view["id"]))
    assert done.json["response_action"] == "update"
    assert "Mon 7 Dec" in json.dumps(done.json["view"])
    again = w.slack.view_submission("U1", "log_call", values, view=w.double.view(view["id"]))
    assert "already logged" in json.dumps(again.json["view"])
    [logged] = history(w, cid)
    assert (logged.outcome, logged.on, logged.notes) == ("meeting", TODAY, "demo for the data team")
    assert schedule(w, cid)["next_due"] == D(2026, 12, 7)

    shown = {**done.json["view"], "id": view["id"], "type": "modal"}
    _, value, block = buttons(shown)["called_undo"]
    assert w.slack.block_action("U1", "called_undo", value, block_id=block, view=shown).status == 200
    wait_for(lambda: "Undone" in json.dumps(w.double.view(view["id"])["blocks"]))
    assert schedule(w, cid)["next_due"] == D(2026, 11, 24) and history(w, cid) == []


def test_the_modal_refuses_bad_fields_inline_and_writes_nothing(w):
    cid = contact(w, "Jane Doe")
    w.slack.block_action("U1", "contact_log", str(cid), block_id=f"contact:{cid}")
    view = wait_for(lambda: w.double.views())[-1]
    before = schedule(w, cid)

    def submit(outcome: str, day: str | None, notes: str) -> dict:
        values = {
            "outcome": {"value": select_value(outcome)},
            "date": {"value": date_value(day)},
            **text_values({"notes": {"value": notes}}),
        }
        return w.slack.view_submission("U1", "log_call", values, view=w.double.view(view["id"])).json

    assert "notes" in submit("reached", None, "x" * 3001)["errors"]
    assert "future" in submit("reached", "2026-12-01", "")["errors"]["date"]
    assert "date" in submit("reached", "2026-02-30", "")["errors"]
    assert schedule(w, cid) == before and interactions(w) == 0


# --- buttons in any message: Snooze, Let go, Revive ---------------------------------------------------


def digest_like_message(w, *contact_ids: int) -> dict:
    """A DM with a row of contact buttons per contact, as the digest sends."""
    blocks = []
    for cid in contact_ids:
        blocks += [{"type": "section", "text": {"type": "mrkdwn", "text": f"contact {cid}"}}]
        blocks += [contact_buttons(cid)]
    posted = w.services.client.chat_postMessage(channel="U1", text="Your calls", blocks=blocks)
    return {**posted["message"], "channel": posted["channel"]}


def test_snooze_let_go_and_revive_from_a_digest_row(w):
    jane, bob = contact(w, "Jane Doe", stage="active"), contact(w, "Bob Stone")
    message = digest_like_message(w, jane, bob)
    block = f"contact:{jane}"

    click(w, "contact_snooze", f"{jane}:7", block_id=block, message=message)
    assert schedule(w, jane)["next_due"] == D(2026, 12, 1)
    shown = w.double.messages("U1")[-1]["blocks"]
    assert "snoozed until *Tue 1 Dec*" in shown[1]["text"]["text"]
    assert shown[1]["accessory"]["action_id"] == "called_undo"
    assert shown[3]["block_id"] == f"contact:{bob}"  # the other row is untouched

    undo_value = shown[1]["accessory"]["value"]
    click(w, "called_undo", undo_value, block_id=block, message=w.double.messages("U1")[-1])
    assert schedule(w, jane)["next_due"] == D(2026, 11, 24)
    assert w.double.messages("U1")[-1]["blocks"][1]["elements"][0]["action_id"] == "contact_prep"

    click(w, "contact_let_go", str(jane), block_id=block, message=w.double.messages("U1")[-1])
    assert (schedule(w, jane)["stage"], schedule(w, jane)["next_due"]) == ("let_go", None)
    snoozed = click(w, "contact_snooze", f"{jane}:7", block_id=block)
    assert "Revive them first" in text_of(snoozed)

    body = click(w, "contact_revive", str(jane), block_id=block)
    assert "back on your list" in text_of(body)
    assert (schedule(w, jane)["stage"], schedule(w, jane)["next_due"]) == ("active", D(2026, 11, 25))
    assert [i.outcome for i in history(w, jane)] == ["let-go", "revive"]


def test_the_same_click_delivered_twice_logs_once(w):
    cid = contact(w, "Jane Doe")
    body = called(w, "Jane Doe")
    _, value, block = buttons(body)["called_outcome_reached"]
    first = click(w, "called_outcome_reached", value, block_id=block, action_ts="1764000000.000100")
    second = click(w, "called_outcome_reached", value, block_id=block, action_ts="1764000000.000100")
    assert "already logged" not in text_of(first) and "already logged" in text_of(second)
    assert len(history(w, cid)) == 1

    click(w, "contact_snooze", f"{cid}:3", block_id=f"contact:{cid}", action_ts="1764000001.000200")
    click(w, "contact_snooze", f"{cid}:3", block_id=f"contact:{cid}", action_ts="1764000001.000200")
    assert [i.outcome for i in history(w, cid)] == ["reached", "snooze"]


def test_another_users_contact_cannot_be_touched_even_with_forged_values(w):
    theirs = contact(w, "Jane Doe", user="U2", stage="active")
    called(w, "Jane Doe voicemail", user="U2")  # waits for its reply, so later clicks read their own
    wait_for(lambda: history(w, theirs, user="U2"))
    their_undo = history(w, theirs, user="U2")[0].id
    before = schedule(w, theirs, user="U2")
    forged = json.dumps({"c": theirs, "o": "no", "t": ""})

    for action_id, value in (
        ("contact_snooze", f"{theirs}:30"),
        ("contact_let_go", str(theirs)),
        ("contact_revive", str(theirs)),
        ("called_outcome_no", forged),
        ("called_pick_0", forged),
        ("called_undo", str(their_undo)),
        ("contact_log", str(theirs)),
    ):
        body = click(w, action_id, value, block_id=f"contact:{theirs}")
        assert "can't find" in text_of(body) or "already undone" in text_of(body), action_id
    assert w.double.views() == []
    assert schedule(w, theirs, user="U2") == before
    assert len(history(w, theirs, user="U2")) == 1 and interactions(w, "U1") == 0
    assert "no contacts yet" in text_of(called(w, "Jane Doe no"))
    assert schedule(w, theirs, user="U2") == before


@pytest.mark.parametrize(
    "text, says",
    [
        ("", "Tell me whom you called"),
        ("reached", "Tell me whom you called"),
        ("Jane Doe reached 2026-02-30", "isn't a real date"),
        ("Jane Doe reached someday soon", "couldn't read"),
        ("Jane Doe voicemail tomorrow", "in the future"),
        ("Jane Doe reached: " + "x" * 3001, "limit is 3,000"),
    ],
    ids=["empty", "no-name", "impossible-date", "unreadable-date", "future-call", "long-notes"],
)
def test_bad_input_gets_a_clear_error_and_nothing_is_written(w, text, says):
    cid = contact(w, "Jane Doe")
    before = schedule(w, cid)
    body = called(w, text)
    assert body["response_type"] == "ephemeral" and says in text_of(body)
    assert schedule(w, cid) == before and interactions(w) == 0


def test_help_is_kept(w):
    body = called(w, "help")
    assert "Outcomes:" in text_of(body) and "Undo" in text_of(body)


# --- the workspace's cadence file -------------------------------------------------------------------


def test_a_cadence_file_overrides_the_table_end_to_end(db, tmp_path, monkeypatch):
    from bot.runtime.config import load_settings
    from tests import world as world_module
    from tests.conftest import DEFAULT_NOW

    path = tmp_path / "cadence.toml"
    path.write_text("[cadence]\nreached_days = 21\nsnooze_days = 3\n", encoding="utf-8")
    settings = load_settings({"WARMCALL_CADENCE_FILE": str(path), "DATABASE_URL": db.url}, mode="console")
    original = world_module.settings_for
    monkeypatch.setattr(
        world_module,
        "settings_for",
        lambda url, api, **kw: original(url, api, **{**kw, "cadence_file": settings.cadence_file}),
    )
    w = world_module.World(db, now=DEFAULT_NOW)
    try:
        w.user("U1")
        cid = contact(w, "Jane Doe")
        body = called(w, "Jane Doe reached")
        assert "21 days after you talked" in text_of(body)
        assert schedule(w, cid)["next_due"] == D(2026, 12, 15)
        click(w, "contact_snooze", str(cid), block_id=f"contact:{cid}")
        assert schedule(w, cid)["next_due"] == D(2026, 11, 27)
        assert w.double.block_errors == []
    finally:
        w.close()
