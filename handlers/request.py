"""Who a request acts for: one owner, resolved the same way for commands, actions, views and events.

The owner comes from Bolt's context (slack_bolt.request.internals.build_context), never from fields a
listener picks out of the body itself: a button's `user.team_id` is the member's home workspace in
Enterprise Grid (not the workspace the app is installed in), and Slack Connect events carry the
sender's team at the top level but the installation in `authorizations`. Bolt resolves the
installation's team (`team.id`, `view.app_installed_team_id`, `authorizations[0]`) for every kind.
"""

from __future__ import annotations

from dataclasses import dataclass

from slack_bolt import BoltContext

_MAX_ID = 32
# Context key: a command's delivery key, for the listener to claim in the transaction of its change
# (bot.runtime.replays puts it there for the commands that do; it claims the others itself).
REPLAY_KEY = "replay_key"


@dataclass(frozen=True)
class Owner:
    team_id: str  # the workspace the app is installed in, or the org for an org-wide install
    user_id: str


def owner_of(context: BoltContext) -> Owner:
    """The tenant and user a request acts for. Never taken from button values (those can be forged).

    An org-wide (Enterprise Grid) install is one installation for every workspace of the org, and
    its interactivity payloads may have no team at all: its tenant is the enterprise id, so one
    user's contacts are the same whichever workspace they type in.
    """
    enterprise_id = context.enterprise_id or ""
    if context.is_enterprise_install and enterprise_id:
        tenant = enterprise_id
    else:
        tenant = context.team_id or enterprise_id
    return Owner(team_id=str(tenant)[:_MAX_ID], user_id=str(context.user_id or "")[:_MAX_ID])


def on_home(body: dict) -> bool:
    """Whether an interaction came from a button on App Home (so Home is in front of the user)."""
    view = body.get("view")
    return isinstance(view, dict) and view.get("type") == "home"
