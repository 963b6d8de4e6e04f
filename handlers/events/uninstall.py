"""`app_uninstalled` and `tokens_revoked` (OAuth mode): the workspace's digests stop at once and its
data is deleted after WARMCALL_UNINSTALL_GRACE_DAYS, unless it installs Warmcall again before then.

Slack sends both after the tokens are dead, so Bolt runs these listeners without an auth.test; the
tenant comes from the context (the event's `authorizations`), like every other request.
"""

from __future__ import annotations

from slack_bolt import App, BoltContext

from bot.services import installations
from bot.services.context import Services
from handlers.request import owner_of


def app_uninstalled(services: Services, context: BoltContext) -> None:
    _gone(services, context)


def tokens_revoked(event: dict, services: Services, context: BoltContext) -> None:
    # User tokens alone are not ours to mind (Warmcall keeps none); the bot's token is the install.
    if (event.get("tokens") or {}).get("bot"):
        _gone(services, context)


def _gone(services: Services, context: BoltContext) -> None:
    settings = services.settings
    installations.uninstalled(
        services.db,
        services.clock,
        owner_of(context).team_id,
        client_id=settings.client_id,
        grace_days=settings.uninstall_grace_days,
    )


def register(app: App) -> None:
    app.event("app_uninstalled")(app_uninstalled)
    app.event("tokens_revoked")(tokens_revoked)
