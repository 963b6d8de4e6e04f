"""Builds the Bolt app: signature verification on, our WebClient, every listener registered."""

from __future__ import annotations

import logging

from slack_bolt import App, BoltResponse

import handlers
from bot.runtime import postack, replays
from bot.services.context import Services
from handlers.blocks.kit import SORRY

log = logging.getLogger(__name__)


def build_app(services: Services) -> App:
    settings = services.settings
    app = App(
        client=services.client,
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
    return app
