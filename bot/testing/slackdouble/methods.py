"""The Web API methods the double answers: each runs with the workspace lock held and returns the
fields beside `ok: true`, or raises ApiError.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.testing.slackdouble.assistant import ASSISTANT_METHODS, replied_in_thread
from bot.testing.slackdouble.files import FILE_METHODS
from bot.testing.slackdouble.functions import FUNCTION_METHODS
from bot.testing.slackdouble.records import (
    BOT_USER_ID,
    ApiError,
    Json,
    decode_cursor,
    default_auth,
    encode_cursor,
    require,
    truthy,
)
from bot.testing.slackdouble.workspace import Workspace

# Methods that take the app-level token (xapp-…) and no other; every other method refuses it.
APP_LEVEL_METHODS = frozenset({"apps.connections.open"})


def token_error(method: str, token: str) -> str | None:
    """Slack's error for a token of the wrong kind for `method`, or None when the token fits."""
    app_level = token.startswith("xapp-")
    # xwfp-: the short-lived token a function_executed event carries for that execution's calls
    if not app_level and not token.startswith(("xox", "xwfp-")):
        return "invalid_auth"
    if app_level != (method in APP_LEVEL_METHODS):
        return "not_allowed_token_type"
    return None


def _apps_connections_open(ws: Workspace, p: Json) -> Json:
    if ws.socket_links is None:
        raise ApiError("not_allowed")
    return {"url": ws.socket_links()}


def _auth_test(ws: Workspace, p: Json) -> Json:
    return default_auth()


def _conversation(ws: Workspace, channel: Any, *, allow_user: bool) -> str:
    channel = str(channel or "")
    if channel[:1] in ("U", "W"):
        if not allow_user:
            raise ApiError("channel_not_found")
        user = ws.users.get(channel)
        if user is not None and user["is_bot"]:
            raise ApiError("cannot_dm_bot")
        return ws.dm_id(channel)
    if channel[:1] in ("C", "D", "G"):
        return channel
    raise ApiError("channel_not_found")


def _message_fields(p: Json) -> Json:
    fields: Json = {"text": p.get("text", "")}
    for key in ("blocks", "attachments", "thread_ts"):
        if p.get(key) is not None:
            fields[key] = p[key]
    fields.setdefault("blocks", [])
    return fields


def _chat_post_message(ws: Workspace, p: Json) -> Json:
    channel = _conversation(ws, p.get("channel"), allow_user=True)
    if not p.get("text") and not p.get("blocks") and not p.get("attachments"):
        raise ApiError("no_text")
    ws.check_message("chat.postMessage", p)
    message = ws.store(channel, {**_message_fields(p), "metadata": p.get("metadata")})
    replied_in_thread(ws, channel, p.get("thread_ts"))
    public = {k: v for k, v in message.items() if k not in ("channel",) and v is not None}
    return {"channel": channel, "ts": message["ts"], "message": public}


def _chat_post_ephemeral(ws: Workspace, p: Json) -> Json:
    require(p, "channel", "user")
    channel = _conversation(ws, p["channel"], allow_user=True)
    if not p.get("text") and not p.get("blocks") and not p.get("attachments"):
        raise ApiError("no_text")
    ws.check_message("chat.postEphemeral", p)
    ts = ws.next_ts()
    ws.ephemeral.append({"ts": ts, "channel": channel, "user": p["user"], **_message_fields(p)})
    return {"message_ts": ts}


def _chat_update(ws: Workspace, p: Json) -> Json:
    require(p, "channel", "ts")
    channel = _conversation(ws, p["channel"], allow_user=False)
    ws.check_message("chat.update", p)
    stored = ws.find_stored({"channel": channel, "ts": p["ts"]})
    if stored is None:
        raise ApiError("message_not_found")
    for key in ("text", "blocks", "attachments", "metadata"):
        if key in p:
            stored[key] = p[key]
    stored["edited"] = {"user": BOT_USER_ID, "ts": ws.next_ts()}
    public = {k: v for k, v in stored.items() if k != "channel" and v is not None}
    return {"channel": channel, "ts": stored["ts"], "text": stored.get("text", ""), "message": public}


def _chat_delete(ws: Workspace, p: Json) -> Json:
    require(p, "channel", "ts")
    channel = _conversation(ws, p["channel"], allow_user=False)
    stored = ws.find_stored({"channel": channel, "ts": p["ts"]})
    if stored is None:
        raise ApiError("message_not_found")
    ws.history[channel].remove(stored)
    return {"channel": channel, "ts": p["ts"]}


def _conversations_open(ws: Workspace, p: Json) -> Json:
    if p.get("channel"):
        channel = _conversation(ws, p["channel"], allow_user=False)
        return {"no_op": True, "already_open": True, "channel": {"id": channel}}
    require(p, "users")
    users = [u.strip() for u in str(p["users"]).split(",") if u.strip()]
    if len(users) != 1:
        raise ApiError("not_supported_by_this_double")
    channel = _conversation(ws, users[0], allow_user=True)
    already = channel in ws.history
    ws.history.setdefault(channel, [])
    return {"no_op": already, "already_open": already, "channel": {"id": channel}}


def _conversations_history(ws: Workspace, p: Json) -> Json:
    require(p, "channel")
    channel = _conversation(ws, p["channel"], allow_user=False)
    if channel not in ws.history:
        raise ApiError("channel_not_found")
    inclusive = truthy(p.get("inclusive"))
    oldest, latest = float(p.get("oldest") or 0), float(p.get("latest") or 0) or float("inf")

    def in_range(ts: float) -> bool:
        if inclusive:
            return oldest <= ts <= latest
        return oldest < ts < latest

    newest_first = [m for m in reversed(ws.history[channel]) if in_range(float(m["ts"]))]
    limit = int(p.get("limit") or 100)
    start = decode_cursor(p.get("cursor"))
    page = newest_first[start : start + limit]
    has_more = start + limit < len(newest_first)
    with_metadata = truthy(p.get("include_all_metadata"))
    messages = []
    for m in page:
        shown = {k: v for k, v in m.items() if k != "channel" and v is not None}
        if not with_metadata:
            shown.pop("metadata", None)
        messages.append(shown)
    return {
        "messages": messages,
        "has_more": has_more,
        "pin_count": 0,
        "channel_actions_ts": None,
        "channel_actions_count": 0,
        "response_metadata": {"next_cursor": encode_cursor(start + limit) if has_more else ""},
    }


def _chat_get_permalink(ws: Workspace, p: Json) -> Json:
    require(p, "channel", "message_ts")
    channel = _conversation(ws, p["channel"], allow_user=False)
    ts = str(p["message_ts"])
    return {
        "channel": channel,
        "permalink": f"https://warmcall-test.slack.com/archives/{channel}/p{ts.replace('.', '')}",
    }


def _users_info(ws: Workspace, p: Json) -> Json:
    require(p, "user")
    user = ws.users.get(str(p["user"]))
    if user is None:
        raise ApiError("user_not_found")
    return {"user": ws.user_view(user)}


def _users_list(ws: Workspace, p: Json) -> Json:
    members = list(ws.users.values())
    limit = int(p.get("limit") or 0) or len(members) or 1
    start = decode_cursor(p.get("cursor"))
    page = members[start : start + limit]
    has_more = start + limit < len(members)
    return {
        "members": [ws.user_view(u) for u in page],
        "cache_ts": int(ws.now().timestamp()),
        "response_metadata": {"next_cursor": encode_cursor(start + limit) if has_more else ""},
    }


def _views_open(ws: Workspace, p: Json) -> Json:
    require(p, "trigger_id", "view")
    view = ws.check_view("views.open", p["view"])
    if view["type"] != "modal":
        raise ApiError("invalid_arguments")
    rendered = ws.render_view(view)
    ws.views[rendered["id"]] = rendered
    return {"view": rendered}


def _views_push(ws: Workspace, p: Json) -> Json:
    require(p, "trigger_id", "view")
    view = ws.check_view("views.push", p["view"])
    previous = list(ws.views.values())[-1] if ws.views else None
    rendered = ws.render_view(view, previous=previous)
    ws.views[rendered["id"]] = rendered
    return {"view": rendered}


def _views_update(ws: Workspace, p: Json) -> Json:
    require(p, "view")
    if p.get("view_id"):
        current = ws.views.get(str(p["view_id"]))
    elif p.get("external_id"):
        current = next((v for v in ws.views.values() if v["external_id"] == p["external_id"]), None)
    else:
        raise ApiError("invalid_arguments")
    if current is None:
        raise ApiError("not_found")
    if p.get("hash") and p["hash"] != current["hash"]:
        raise ApiError("hash_conflict")
    view = ws.check_view("views.update", p["view"])
    rendered = ws.render_view(view, view_id=current["id"], previous=current)
    rendered["root_view_id"], rendered["previous_view_id"] = (
        current["root_view_id"],
        current["previous_view_id"],
    )
    ws.views[current["id"]] = rendered
    return {"view": rendered}


def _views_publish(ws: Workspace, p: Json) -> Json:
    require(p, "user_id", "view")
    view = ws.check_view("views.publish", p["view"])
    if view["type"] != "home":
        raise ApiError("invalid_arguments")
    current = ws.homes.get(str(p["user_id"]))
    if p.get("hash") and current and p["hash"] != current["hash"]:
        raise ApiError("hash_conflict")
    rendered = ws.render_view(view, view_id=current["id"] if current else None)
    ws.homes[str(p["user_id"])] = rendered
    return {"view": rendered}


METHODS: dict[str, Callable[[Workspace, Json], Json]] = {
    "apps.connections.open": _apps_connections_open,
    "auth.test": _auth_test,
    "chat.postMessage": _chat_post_message,
    "chat.postEphemeral": _chat_post_ephemeral,
    "chat.update": _chat_update,
    "chat.delete": _chat_delete,
    "chat.getPermalink": _chat_get_permalink,
    "conversations.open": _conversations_open,
    "conversations.history": _conversations_history,
    "users.info": _users_info,
    "users.list": _users_list,
    "views.open": _views_open,
    "views.push": _views_push,
    "views.update": _views_update,
    "views.publish": _views_publish,
}
METHODS.update(FILE_METHODS)  # files.info and files_upload_v2's two methods
METHODS.update(ASSISTANT_METHODS)  # the agent messaging surface
METHODS.update(FUNCTION_METHODS)  # Workflow Builder custom steps
