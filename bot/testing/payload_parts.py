"""Pieces of Slack payloads a test fills in: view-state values for a modal's fields, and where an
Enterprise Grid request comes from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

Json = dict[str, Any]


@dataclass(frozen=True)
class Grid:
    """Where an Enterprise Grid request comes from, in the fields Slack sends (the shapes follow
    bolt-python's tests/scenario_tests and tests/slack_bolt/request/test_internals.py).

    `user_team_id`: the member's home workspace (`user.team_id`), which in Grid need not be the
    workspace the app is installed in (`team.id`). `org_wide`: an org-wide install
    (`is_enterprise_install: true`); its interactivity payloads carry `team: null`, its events an
    authorization with `team_id: null`.
    """

    enterprise_id: str = "E0001"
    user_team_id: str | None = None
    org_wide: bool = False
    enterprise_name: str = "Warmcall Org"

    @property
    def enterprise(self) -> Json:
        return {"id": self.enterprise_id, "name": self.enterprise_name}


def text_values(fields: Mapping[str, Mapping[str, str | None]]) -> Json:
    """Build view state for plain_text_input fields: `{"block": {"action": "text"}}`."""
    return {
        block_id: {
            action_id: {"type": "plain_text_input", "value": value} for action_id, value in actions.items()
        }
        for block_id, actions in fields.items()
    }


def select_value(value: str, text: str | None = None) -> Json:
    """View state for one static_select choice."""
    return {
        "type": "static_select",
        "selected_option": {"text": {"type": "plain_text", "text": text or value}, "value": value},
    }


def date_value(iso_date: str | None) -> Json:
    """View state for a datepicker (`None` when left empty)."""
    return {"type": "datepicker", "selected_date": iso_date}


def checkbox_values(values: list[str]) -> Json:
    """View state for checkboxes with these option values ticked."""
    return {
        "type": "checkboxes",
        "selected_options": [{"text": {"type": "plain_text", "text": v}, "value": v} for v in values],
    }


def file_share_event(user: str, files: list[Json], text: str, ts: str, **extra: Any) -> Json:
    """A `message` event of subtype `file_share` in the app's DM with `user` (channel `D` + user id),
    as the Events API sends it when files are shared there with `text`; `extra` adds fields such as
    `upload` or `display_as_bot`."""
    return {
        "type": "message",
        "subtype": "file_share",
        "channel": f"D{user}",
        "channel_type": "im",
        "user": user,
        "text": text,
        "files": files,
        **extra,
        "ts": ts,
    }
