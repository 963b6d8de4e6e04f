"""OAuth mode: Bolt's install flow at /slack/install and /slack/oauth_redirect, installations in our
database (bot.services.installations), pages in our own words.

Only bot tokens are kept (`installation_store_bot_only`): Warmcall never acts as a user. Slack's
authorize page sits beside its Web API (`https://slack.com/api/` → `https://slack.com/oauth/v2/authorize`),
so SLACK_API_URL also moves the install flow (GovSlack, the Slack double in tests).
"""

from __future__ import annotations

import html
import logging
import urllib.parse

from slack_bolt import BoltResponse
from slack_bolt.oauth.callback_options import CallbackOptions, FailureArgs, SuccessArgs
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk.oauth import AuthorizeUrlGenerator

from bot import metrics
from bot.runtime.install_door import is_team_id
from bot.services import installations, oauth_states
from bot.services.context import Services

log = logging.getLogger(__name__)

INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"
NOT_INSTALLED = (
    "Warmcall is not installed in this workspace (or was removed). Ask a workspace admin to add it "
    "again from the install link of whoever runs Warmcall for you."
)
# The bot scopes of manifest.distribution.yml (tests/test_foundation.py keeps them the same).
BOT_SCOPES = (
    "commands",
    "chat:write",
    "users:read",
    "im:history",
    "im:write",
    "files:read",
    "files:write",
    "assistant:write",  # the agent messaging surface (handlers/events/assistant.py)
)


LOGGED_ERROR_CHARS = 100  # `?error=` on the redirect is whatever the browser was sent with


class EncodedAuthorizeUrlGenerator(AuthorizeUrlGenerator):
    """slack_sdk's generator pastes `team` (from /slack/install?team=) into the URL as it came, so it
    could add its own `redirect_uri=` or `scope=`: here only a Slack team id goes, URL-encoded."""

    def generate(self, state: str, team: str | None = None) -> str:
        url = super().generate(urllib.parse.quote(state, safe=""))
        if team is not None and is_team_id(team):
            url += "&team=" + urllib.parse.quote(team, safe="")
        return url


def loggable(value: object, limit: int = LOGGED_ERROR_CHARS) -> str:
    """Text from a request, as one log line may hold it: at most `limit` characters, with control
    and non-ASCII characters escaped (no forged second line)."""
    text = str(value)
    shown = text[:limit].encode("unicode_escape").decode("ascii")
    return shown + (f"... ({len(text) - limit} more characters)" if len(text) > limit else "")


def authorization_url(api_url: str) -> str:
    base = api_url.rstrip("/").removesuffix("/api")
    return f"{base}/oauth/v2/authorize"


def _page(status: int, title: str, text: str) -> BoltResponse:
    body = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Warmcall</title></head>"
        f"<body style='font-family:sans-serif;max-width:36em;margin:3em auto'><h1>{html.escape(title)}</h1>"
        f"<p>{html.escape(text)}</p></body></html>"
    )
    return BoltResponse(status=status, body=body, headers={"Content-Type": "text/html; charset=utf-8"})


def oauth_settings(services: Services) -> OAuthSettings | None:
    """Bolt's OAuth settings in OAuth mode; None with a single SLACK_BOT_TOKEN."""
    settings, store = services.settings, services.installations
    if not settings.oauth or store is None:
        return None

    def success(args: SuccessArgs) -> BoltResponse:
        found = args.installation
        tenant = installations.tenant_of_installation(
            found.enterprise_id, found.team_id, bool(found.is_enterprise_install)
        )
        installations.reinstalled(services.db, tenant)
        metrics.OAUTH_INSTALLS.labels("installed").inc()
        log.info("Warmcall installed in %s", tenant)
        return _page(
            200,
            "Warmcall is installed",
            "Go back to Slack and type /met with the name of someone you met; Warmcall will remind you "
            "to call them. App Home (click Warmcall in the sidebar) shows what is due.",
        )

    def failure(args: FailureArgs) -> BoltResponse:
        metrics.OAUTH_INSTALLS.labels("failed").inc()
        log.warning("an install did not complete: %s", loggable(args.reason))
        return _page(
            args.suggested_status_code,
            "Warmcall was not installed",
            "Something went wrong while Slack and Warmcall shook hands (the link may have expired). "
            f"Start again from {INSTALL_PATH} on this server; if it keeps failing, ask the person who "
            "runs Warmcall to check its logs.",
        )

    oauth = OAuthSettings(
        client_id=settings.client_id,
        client_secret=settings.client_secret,
        scopes=list(BOT_SCOPES),
        install_path=INSTALL_PATH,
        redirect_uri_path=REDIRECT_PATH,
        install_page_rendering_enabled=False,  # straight to Slack's own page
        authorization_url=authorization_url(settings.api_url),
        installation_store=store,
        installation_store_bot_only=True,
        token_rotation_expiration_minutes=installations.BOLT_ROTATE_MINUTES,
        state_store=oauth_states.state_store(services.db),
        callback_options=CallbackOptions(success=success, failure=failure),
    )
    generated = oauth.authorize_url_generator
    oauth.authorize_url_generator = EncodedAuthorizeUrlGenerator(
        client_id=generated.client_id,
        redirect_uri=generated.redirect_uri,
        scopes=generated.scopes,
        user_scopes=generated.user_scopes,
        authorization_url=generated.authorization_url,
    )
    return oauth
