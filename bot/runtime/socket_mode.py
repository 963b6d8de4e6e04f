"""Socket Mode: the Bolt handler `warmcall` connects to Slack with when SLACK_APP_TOKEN is set.

One place, so the tests connect the same handler to the Slack double's WebSocket
(tests/socket_world.py). Bolt's builtin client: apps.connections.open goes to SLACK_API_URL through
the app's WebClient, and it reconnects by itself after a `disconnect` envelope or a lost socket.
"""

from __future__ import annotations

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler

from bot.services.context import Services


def socket_mode_handler(app: App, services: Services) -> SocketModeHandler:
    """The handler for `app`, not yet connected (`connect()` opens the socket, `close()` ends it)."""
    return SocketModeHandler(app, services.settings.app_token, web_client=services.client)
