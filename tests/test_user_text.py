"""What users type never becomes Slack markup in what the app sends: no `@channel`, `@here` or user
group ping and no forged link, in blocks or in the `text` fallback (SPEC §13), on every surface the
double records (Web API calls and response_url posts) and in the acks themselves."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from sqlalchemy import select

from bot.delivery.dispatcher import dispatch
from bot.testing.signed import date_value, text_values
from handlers.blocks.digest import render_digest
from storage.models import Contact
from tests.world import open_home, settle, slash_command, wait_for

# Markup Slack acts on in mrkdwn and in a message's `text`: special mentions, user groups, channel
# links and labelled links. A user mention (`<@U…>`) is allowed: the app shows members by name.
SLACK_MARKUP = re.compile(r"<(?:!|#|https?:|mailto:)", re.I)

HOSTILE = "<!channel> <!here> <!subteam^S123|@eng> <#C222|general> <https://evil.example|Acme docs>"


def rendered(payload) -> Iterator[str]:
    """Every string Slack renders as markup: mrkdwn text objects and messages' top-level `text`."""
    if isinstance(payload, str) and payload[:1] in "[{":
        try:
            payload = json.loads(payload)
        except ValueError:
            return
    if isinstance(payload, list):
        for item in payload:
            yield from rendered(item)
    elif isinstance(payload, dict):
        if isinstance(payload.get("text"), str) and payload.get("type") != "plain_text":
            yield payload["text"]  # a mrkdwn object, or a message's notification text
        for key, value in payload.items():
            if key not in ("text", "value", "private_metadata", "initial_value"):
                yield from rendered(value)


def markup_sent(world, acks: list) -> list[str]:
    sent = [c.params for c in world.double.calls] + [r["body"] for r in world.double.responses] + acks
    return [text for payload in sent for text in rendered(payload) if SLACK_MARKUP.search(text)]


def test_markup_typed_anywhere_is_never_sent_as_markup(world):
    world.user("U1")
    acks: list = []

    # Quick-add: markup in the name is removed at capture; elsewhere it is kept and shown escaped.
    line = f"Mal {HOSTILE} of Initech at PyCon: ask about {HOSTILE} & more"
    acks.append(slash_command(world, "U1", "/met", line))

    # The form refuses markup in a name (a name is letters, marks, digits and a little punctuation)
    # and keeps it as typed everywhere else; every surface must escape it.
    world.command("U1", "/met", "")
    form = wait_for(lambda: [v for v in world.double.views() if v["callback_id"] == "met_contact_form"])[0]
    values = {
        **text_values({"name": {"value": f"Zoe {HOSTILE}"}, "notes": {"value": HOSTILE}}),
        "met_on": {"value": date_value("2026-11-23")},
        "next_due": {"value": date_value("2026-11-24")},
    }
    refused = world.slack.view_submission("U1", form["callback_id"], values, view=form)
    assert refused.status == 200 and "name" in refused.json["errors"]
    values = {
        **text_values(
            {"name": {"value": "Zoe Quinn"}, "notes": {"value": HOSTILE}, "company": {"value": HOSTILE}}
        ),
        "met_on": {"value": date_value("2026-11-23")},
        "next_due": {"value": date_value("2026-11-24")},
    }
    assert world.slack.view_submission("U1", form["callback_id"], values, view=form).status == 200
    settle(world)

    with world.db.transaction() as s:
        names = sorted(s.scalars(select(Contact.name)).all())
    assert names[0] == "Mal"

    # 09:00 in New York: Zoe is due, so she is in the digest (and its notification text).
    for _ in range(2):  # the first pass schedules the new profile, the second sends
        dispatch(world.services, render_digest)
    digest = [m for m in world.double.dm_messages("U1") if (m.get("metadata") or {}).get("event_type")]
    assert digest and "Zoe" in digest[-1]["text"]

    for command, text in (("/prep", "Zoe"), ("/prep", ""), ("/called", "Zoe voicemail"), ("/prep", "Mal")):
        acks.append(slash_command(world, "U1", command, text))
    acks.append(slash_command(world, "U1", "/prep", f"offer add Checklist {HOSTILE}"))
    acks.append(slash_command(world, "U1", "/called", f"Nobody {HOSTILE} reached"))
    open_home(world, "U1")

    settle(world)

    assert markup_sent(world, acks) == []
    assert world.double.block_errors == []
