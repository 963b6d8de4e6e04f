"""Builds the Bolt app: signature verification on, our WebClient, every listener registered."""

from __future__ import annotations

import logging

from slack_bolt import App, BoltResponse

import handlers
from bot.runtime import postack, replays
from bot.runtime.oauth import NOT_INSTALLED, oauth_settings
from bot.services.context import Services
from handlers.blocks.kit import SORRY
from handlers.events import uninstall

log = logging.getLogger(__name__)


def build_app(services: Services) -> App:
    settings = services.settings
    oauth = oauth_settings(services)  # OAuth mode: a token per installation; else SLACK_BOT_TOKEN
    app = App(
        client=services.client,
        oauth_settings=oauth,
        installation_store_bot_only=True if oauth is not None else None,
        user_facing_authorize_error_message=NOT_INSTALLED if oauth is not None else None,
        signing_secret=settings.signing_secret or "socket-mode-does-not-sign",
        # Socket Mode has no signatures; HTTP mode always verifies them (Bolt's default).
        request_verification_enabled=True,
        process_before_response=False,
        logger=logging.getLogger("warmcall.bolt"),
        listener_executor=postack.listener_executor(),
    )
    postack.install(app)
    replays.install(app, services)

    @app.error
    def on_error(error: Exception, body: dict, respond, logger) -> BoltResponse | None:
        # No traceback reaches a user: log it for operators, tell the user in a sentence.
        logger.exception("listener failed: %s", type(error).__name__, exc_info=error)
        if isinstance(body, dict) and body.get("response_url"):
            try:
                respond(text=SORRY, response_type="ephemeral", replace_original=False)
            except Exception:  # the user may simply not get the apology; never raise from here
                logger.warning("could not send the apology to the user")
        return None

    handlers.register(app, services)
    if oauth is not None:
        uninstall.register(app)
    return app
