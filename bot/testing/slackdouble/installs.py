"""Installs in the double: many workspaces (and Grid orgs), each with its own bot token.

The OAuth v2 flow as Slack runs it: the app sends the browser to `/oauth/v2/authorize` (here a test
calls `authorize(url, team_id)` in the user's place and gets the `code` Slack would put on the
redirect), and the app trades the code at `oauth.v2.access` (client id and secret by HTTP Basic auth
or as parameters). With token rotation on, the answer carries `refresh_token` and `expires_in`; a
refresh (`grant_type=refresh_token`) gives a new token pair and revokes the refresh token used, as
Slack's token-rotation guide describes; the old access token works until it expires. `apps.uninstall`
(or `uninstall()`) revokes every token of the installation.

Tokens the double never issued (the test suite's `xoxb-test-token`) still act for the default team
(TEAM_ID), so single-workspace tests are unchanged. A member placed in a team (`place`) is only
visible to tokens of that team, or of its org for an org-wide install.
"""

from __future__ import annotations

import base64
import itertools
import secrets
import urllib.parse
from dataclasses import dataclass, field

from bot.testing.slackdouble.records import (
    APP_ID,
    TEAM_ID,
    ApiError,
    Json,
    decode_cursor,
    default_auth,
    encode_cursor,
)
from bot.testing.slackdouble.workspace import Workspace

NO_TOKEN_METHODS = frozenset({"oauth.v2.access"})
# Methods whose target member must be visible to the caller, and the error Slack gives otherwise.
_TARGETS = {
    "users.info": ("user", "user_not_found"),
    "chat.postMessage": ("channel", "channel_not_found"),
    "chat.postEphemeral": ("user", "user_not_found"),
    "views.publish": ("user_id", "user_not_found"),
    "conversations.open": ("users", "user_not_found"),
}


@dataclass
class Grant:
    """One installation's bot token as Slack issued it."""

    token: str
    team_id: str | None  # None for an org-wide install
    team_name: str
    enterprise_id: str | None
    org_wide: bool
    bot_user_id: str
    bot_id: str
    scope: str
    expires_at: float | None = None  # epoch seconds; None when rotation is off
    revoked: bool = False

    @property
    def tenant(self) -> str:
        return (self.enterprise_id if self.org_wide else self.team_id) or ""


@dataclass
class _Pending:
    grant: Grant
    refresh_token: str | None = None
    used: bool = False


@dataclass
class OAuthApp:
    client_id: str = "1111.2222"
    client_secret: str = "double-client-secret"
    token_rotation: bool = False
    token_lifetime: int = 43_200  # Slack's 12 hours
    scopes: tuple[str, ...] = ()


@dataclass
class Installs:
    """The double's installations; every method runs with the workspace lock held by the caller or
    takes it itself."""

    ws: Workspace
    app: OAuthApp = field(default_factory=OAuthApp)
    grants: dict[str, Grant] = field(default_factory=dict)  # access token → grant
    refresh_tokens: dict[str, Grant] = field(default_factory=dict)  # live refresh token → grant
    codes: dict[str, _Pending] = field(default_factory=dict)
    member_teams: dict[str, str] = field(default_factory=dict)  # user id → team id
    team_orgs: dict[str, str] = field(default_factory=dict)  # team id → enterprise id
    # Per-workspace limits (Slack's are per app per workspace): (tenant, method) → ...
    refusals: dict[tuple[str, str], tuple[int, float | None]] = field(
        default_factory=dict
    )  # retry_after, until
    limits: dict[tuple[str, str], tuple[float, list[float]]] = field(
        default_factory=dict
    )  # per second, stamps
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    # -- set-up (tests) -----------------------------------------------------------------------------

    def configure(
        self,
        client_id: str = "1111.2222",
        client_secret: str = "double-client-secret",
        *,
        token_rotation: bool = False,
        token_lifetime: int = 43_200,
    ) -> OAuthApp:
        with self.ws.lock:
            self.app = OAuthApp(client_id, client_secret, token_rotation, token_lifetime)
            return self.app

    def place(self, user_id: str, team_id: str, enterprise_id: str | None = None) -> None:
        """Make a member (added with `add_user`) belong to `team_id` (in org `enterprise_id`)."""
        with self.ws.lock:
            self.member_teams[user_id] = team_id
            if enterprise_id:
                self.team_orgs[team_id] = enterprise_id

    def authorize(
        self,
        authorize_url: str,
        team_id: str | None,
        *,
        team_name: str | None = None,
        enterprise_id: str | None = None,
        org_wide: bool = False,
    ) -> str:
        """The user approves the install on Slack's page: the `code` for the app's redirect. Checks
        the URL the app sent the browser to (client_id, scope) as Slack would."""
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(authorize_url).query))
        with self.ws.lock:
            if query.get("client_id") != self.app.client_id:
                raise ValueError(f"authorize URL has client_id {query.get('client_id')!r}")
            if not query.get("scope"):
                raise ValueError("authorize URL asks for no scope")
            n = next(self._ids)
            if team_id and enterprise_id:
                self.team_orgs[team_id] = enterprise_id
            grant = Grant(
                token="",
                team_id=None if org_wide else team_id,
                team_name=team_name or f"Workspace {team_id or enterprise_id}",
                enterprise_id=enterprise_id,
                org_wide=org_wide,
                bot_user_id=f"UBOT{n}",
                bot_id=f"B{n:04d}",
                scope=query["scope"],
            )
            code = f"{n}.{secrets.token_hex(8)}"
            self.codes[code] = _Pending(grant)
            return code

    def tokens_of(self, tenant: str) -> list[str]:
        """Every bot token issued to a workspace or org-wide install, oldest first."""
        with self.ws.lock:
            return [t for t, g in self.grants.items() if g.tenant == tenant]

    def tenant_of(self, token: str | None) -> str | None:
        with self.ws.lock:
            grant = self.grants.get(token or "")
            return grant.tenant if grant else None

    def expire(self, tenant: str | None = None) -> None:
        """Every token issued so far (to `tenant`, or to anyone) expires now."""
        with self.ws.lock:
            now = self.ws.now().timestamp()
            for grant in self.grants.values():
                if tenant is None or grant.tenant == tenant:
                    grant.expires_at = min(grant.expires_at or now, now)

    def uninstall(self, tenant: str) -> None:
        """The workspace removes the app: all its tokens are revoked (the app gets app_uninstalled)."""
        with self.ws.lock:
            for grant in self.grants.values():
                if grant.tenant == tenant:
                    grant.revoked = True
            for refresh, grant in list(self.refresh_tokens.items()):
                if grant.tenant == tenant:
                    del self.refresh_tokens[refresh]

    def rate_limit(
        self, tenant: str, method: str = "*", retry_after: int = 1, *, for_seconds: float | None = None
    ) -> None:
        """Every call of `method` ("*": any) with a token of `tenant` answers 429 with Retry-After,
        for `for_seconds` (on the double's clock) or until `clear_limits()`; other workspaces go on."""
        with self.ws.lock:
            until = self.ws.seconds() + for_seconds if for_seconds is not None else None
            self.refusals[(tenant, method)] = (retry_after, until)

    def limit_rate(self, tenant: str, method: str, per_second: float) -> None:
        """`tenant`'s tokens get 429 (Retry-After 1) past `per_second` calls of `method` in a second."""
        with self.ws.lock:
            self.limits[(tenant, method)] = (per_second, [])

    def clear_limits(self) -> None:
        with self.ws.lock:
            self.refusals.clear()
            self.limits.clear()

    # -- the server's hooks (lock held) ---------------------------------------------------------------

    def throttled(self, method: str, token: str | None) -> int | None:
        """Retry-After seconds when this workspace's limit refuses the call, else None."""
        grant = self.grants.get(token or "")
        if grant is None:
            return None
        now = self.ws.seconds()
        for key in ((grant.tenant, method), (grant.tenant, "*")):
            refusal = self.refusals.get(key)
            if refusal is not None:
                retry_after, until = refusal
                if until is None or now < until:
                    return retry_after
                del self.refusals[key]
        limit = self.limits.get((grant.tenant, method))
        if limit is not None:
            per_second, stamps = limit
            stamps[:] = [t for t in stamps if now - t < 1.0]
            if len(stamps) >= per_second:
                return 1
            stamps.append(now)
        return None

    def token_error(self, method: str, token: str | None) -> str | None:
        grant = self.grants.get(token or "")
        if grant is None:
            return None
        if grant.revoked:
            return "token_revoked"
        if grant.expires_at is not None and grant.expires_at <= self.ws.now().timestamp():
            return "token_expired"
        return None

    def visible(self, token: str | None, user_id: str) -> bool:
        team = self.member_teams.get(user_id)
        if team is None:
            return True
        grant = self.grants.get(token or "")
        if grant is None:
            return team == TEAM_ID
        if grant.org_wide:
            return self.team_orgs.get(team) == grant.enterprise_id
        return team == grant.team_id

    def refuse_target(self, method: str, params: Json, token: str | None) -> str | None:
        target = _TARGETS.get(method)
        if target is None:
            return None
        value = str(params.get(target[0]) or "")
        users = [u.strip() for u in value.split(",") if u.strip()[:1] in ("U", "W")]
        return target[1] if any(not self.visible(token, u) for u in users) else None

    def team_of_member(self, user_id: str) -> str:
        return self.member_teams.get(user_id, TEAM_ID)

    # -- methods (lock held) ------------------------------------------------------------------------

    def oauth_v2_access(self, p: Json, basic: tuple[str, str] | None) -> Json:
        client_id, client_secret = basic or (str(p.get("client_id") or ""), str(p.get("client_secret") or ""))
        if client_id != self.app.client_id:
            raise ApiError("invalid_client_id")
        if client_secret != self.app.client_secret:
            raise ApiError("bad_client_secret")
        if p.get("grant_type") == "refresh_token":
            old = self.refresh_tokens.pop(str(p.get("refresh_token") or ""), None)
            if old is None:
                raise ApiError("invalid_refresh_token")
            return self._issue(Grant(**{**old.__dict__, "token": "", "expires_at": None}))
        pending = self.codes.get(str(p.get("code") or ""))
        if pending is None or pending.used:
            raise ApiError("invalid_code")
        pending.used = True
        return self._issue(pending.grant)

    def _issue(self, template: Grant) -> Json:
        tenant = template.team_id or template.enterprise_id or "T"
        token = f"xoxb-{tenant}-{next(self._ids)}-{secrets.token_hex(6)}"
        grant = Grant(**{**template.__dict__, "token": token})
        answer: Json = {
            "app_id": APP_ID,
            "authed_user": {"id": "UINSTALLER"},
            "access_token": token,
            "token_type": "bot",
            "scope": grant.scope,
            "bot_user_id": grant.bot_user_id,
            "team": None if grant.org_wide else {"id": grant.team_id, "name": grant.team_name},
            "enterprise": {"id": grant.enterprise_id, "name": f"Org {grant.enterprise_id}"}
            if grant.enterprise_id
            else None,
            "is_enterprise_install": grant.org_wide,
        }
        if self.app.token_rotation:
            refresh = f"xoxe-1-{secrets.token_hex(10)}"
            grant.expires_at = self.ws.now().timestamp() + self.app.token_lifetime
            self.refresh_tokens[refresh] = grant
            answer.update(refresh_token=refresh, expires_in=self.app.token_lifetime)
        self.grants[token] = grant
        return answer

    def auth_test(self, token: str | None) -> Json:
        grant = self.grants.get(token or "")
        if grant is None:
            return default_auth()
        answer: Json = {
            "url": f"https://{(grant.team_id or grant.enterprise_id or 'org').lower()}.slack.com/",
            "team": grant.team_name,
            "user": "warmcall",
            "team_id": grant.team_id or grant.enterprise_id,
            "user_id": grant.bot_user_id,
            "bot_id": grant.bot_id,
            "is_enterprise_install": grant.org_wide,
        }
        if grant.enterprise_id:
            answer["enterprise_id"] = grant.enterprise_id
        return answer

    def apps_uninstall(self, p: Json, token: str | None) -> Json:
        grant = self.grants.get(token or "")
        if p.get("client_id") != self.app.client_id or p.get("client_secret") != self.app.client_secret:
            raise ApiError("invalid_client_id")
        if grant is None:
            raise ApiError("invalid_auth")
        self.uninstall(grant.tenant)
        return {}

    def users_info(self, p: Json, token: str | None) -> Json:
        user = self.ws.users.get(str(p.get("user") or ""))
        if user is None:
            raise ApiError("user_not_found")
        return {"user": self._member(user)}

    def users_list(self, p: Json, token: str | None) -> Json:
        members = [u for u in self.ws.users.values() if self.visible(token, u["id"])]
        limit = int(p.get("limit") or 0) or len(members) or 1
        start = decode_cursor(p.get("cursor"))
        page = members[start : start + limit]
        has_more = start + limit < len(members)
        return {
            "members": [self._member(u) for u in page],
            "cache_ts": int(self.ws.now().timestamp()),
            "response_metadata": {"next_cursor": encode_cursor(start + limit) if has_more else ""},
        }

    def _member(self, user: Json) -> Json:
        shown = self.ws.user_view(user)
        team = self.team_of_member(user["id"])
        shown["team_id"] = team
        shown["profile"] = {**shown.get("profile", {}), "team": team}
        return shown


def basic_auth(header: str) -> tuple[str, str] | None:
    if not header.startswith("Basic "):
        return None
    try:
        decoded = base64.b64decode(header.removeprefix("Basic ").strip()).decode()
    except ValueError:
        return None
    client_id, _, secret = decoded.partition(":")
    return client_id, secret
