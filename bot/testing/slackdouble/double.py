"""`SlackDouble`: start and stop the fake, set up members and faults, read back what the app did."""

from __future__ import annotations

import json
from typing import Any, Literal
from zoneinfo import ZoneInfo

from bot.testing.slackdouble import files
from bot.testing.slackdouble.faults import Fault, Faults
from bot.testing.slackdouble.installs import Installs
from bot.testing.slackdouble.records import Call, Clock, Json, ResponseUrl
from bot.testing.slackdouble.seen import Shown, request_kind
from bot.testing.slackdouble.server import HttpFront
from bot.testing.slackdouble.socket_mode import SocketModeFront
from bot.testing.slackdouble.workspace import Workspace


class SlackDouble:
    """A thread-safe fake of the Slack Web API and response URLs, served over real HTTP."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        clock: Clock | None = None,
        response_url_max_uses: int = 5,
    ) -> None:
        self._ws = Workspace(clock)
        self._lock = self._ws.lock
        self._faults = Faults(self._lock, self._ws.seconds)
        self._http = HttpFront(
            self._ws, self._faults, host, port, response_url_max_uses=response_url_max_uses
        )
        self._socket_mode = SocketModeFront(self._ws, host)
        self._ws.socket_links = self._socket_mode.issue_url

    # -- lifecycle --------------------------------------------------------------------------------

    def start(self) -> SlackDouble:
        """Start serving in a daemon thread; returns self."""
        self._http.start()
        return self

    def stop(self) -> None:
        self._socket_mode.stop()
        self._http.stop()

    def stop_web_api(self) -> None:
        """Stop answering the Web API (and response_urls) while the Socket Mode socket stays up, as
        when Slack's API is down but an open connection keeps delivering envelopes."""
        self._http.stop()

    def __enter__(self) -> SlackDouble:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base(self) -> str:
        """`http://127.0.0.1:PORT` (the server must be started)."""
        return self._http.base

    @property
    def url(self) -> str:
        """The Web API base for `WebClient(base_url=...)`."""
        return f"{self.base}/api/"

    @property
    def installs(self) -> Installs:
        """Workspaces and orgs that installed the app through OAuth, each with its own tokens
        (configure the app, approve installs, expire and revoke tokens, place members in teams)."""
        return self._http.installs

    @property
    def socket_mode(self) -> SocketModeFront:
        """The Socket Mode WebSocket (started by the first apps.connections.open): send envelopes,
        read their acks, send `disconnect`, drop the socket."""
        return self._socket_mode

    def use_clock(self, clock: Clock | None) -> None:
        """Follow an injected clock (time-travel tests, the console) for timestamps and fault windows."""
        with self._lock:
            self._ws.clock = clock

    # -- what the app did -------------------------------------------------------------------------

    @property
    def calls(self) -> list[Call]:
        """Every Web API call received since the last reset, in arrival order."""
        return self._ws.calls

    @property
    def block_errors(self) -> list[str]:
        """Block Kit, view and metadata errors the double refused (tests assert this is empty)."""
        return self._ws.block_errors

    @property
    def seen(self) -> list[Shown]:
        """What the user saw: every reply wherever it arrived (HTTP and Socket Mode acks,
        response_url posts, chat.*, views.*), in arrival order, each with its Block Kit problems."""
        with self._lock:
            return list(self._ws.seen)

    def http_ack(self, body: bytes, content_type: str, status: int, answer: str) -> None:
        """Take the app's HTTP answer to a request Slack sent (`body`) as Slack does: show it when
        that kind of request lets the ack answer (checked like any message or view), else ignore it.
        `SlackRequester(answers=double.http_ack)` calls this for every request it sends."""
        if status != 200 or not answer.strip():
            return
        try:
            kind, payload = request_kind(body, content_type)
        except ValueError:
            return  # not a request Slack would send; the app's answer goes nowhere
        if not isinstance(payload, dict):
            return
        try:
            shown = json.loads(answer)
        except ValueError:
            shown = {"text": answer}
        self._ws.show_ack("http", kind, payload, shown)

    @property
    def warnings(self) -> list[str]:
        """Payloads Slack accepts but degrades (no notification text, over-long text)."""
        return self._ws.warnings

    @property
    def responses(self) -> list[Json]:
        """Every response_url post: `{"url", "body", "status"}`."""
        return self._ws.responses

    def calls_to(self, method: str) -> list[Call]:
        with self._lock:
            return [c for c in self._ws.calls if c.method == method]

    def messages(self, channel_or_user: str) -> list[Json]:
        """Messages stored in a conversation (a user id means the app's DM with them), oldest first."""
        with self._lock:
            return [dict(m) for m in self._ws.history.get(self._ws.dm_id(channel_or_user), [])]

    def dm_messages(self, user_id: str) -> list[Json]:
        return self.messages(user_id)

    def ephemerals(self, user_id: str | None = None) -> list[Json]:
        """Ephemeral messages (chat.postEphemeral and response_url replies), optionally for one user."""
        with self._lock:
            return [dict(m) for m in self._ws.ephemeral if user_id in (None, m.get("user"))]

    def set_agent_surface(self, available: bool) -> None:
        """Whether the workspace has Slack's agent messaging surface (assistant.threads.* answer)."""
        with self._lock:
            self._ws.agent_surface = available

    def start_function(self, execution_id: str) -> None:
        """A custom step's execution starts (Slack sends its function_executed event now)."""
        with self._lock:
            self._ws.function_runs[execution_id] = {"state": "running"}

    def function_run(self, execution_id: str) -> Json | None:
        """The execution's state (running, completed with outputs, failed with error)."""
        with self._lock:
            run = self._ws.function_runs.get(execution_id)
            return dict(run) if run is not None else None

    def thread_statuses(self) -> tuple[list[tuple[str, str, str]], dict[tuple[str, str], str]]:
        """Every assistant.threads.setStatus (channel, thread_ts, status), and the statuses still shown."""
        with self._lock:
            return list(self._ws.assistant_status_log), dict(self._ws.assistant_status)

    def home_of(self, user_id: str) -> Json | None:
        """The Home tab view last published for a user."""
        with self._lock:
            return self._ws.homes.get(user_id)

    def views(self) -> list[Json]:
        """Modal views currently open (opened, pushed or updated), in opening order."""
        with self._lock:
            return list(self._ws.views.values())

    def view(self, view_id: str) -> Json | None:
        with self._lock:
            return self._ws.views.get(view_id)

    # -- set-up -----------------------------------------------------------------------------------

    def reset(self) -> None:
        """Forget calls, messages, views, responses and faults (users stay registered)."""
        with self._lock:
            self._ws.reset()
            self._faults.clear()
        self._socket_mode.reset()

    def member(self, user_id: str) -> dict | None:
        """A member as users.info shows them (the `user` of a user_change event), or None."""
        with self._lock:
            user = self._ws.users.get(user_id)
        return self._ws.user_view(user) if user is not None else None

    def add_user(
        self,
        user_id: str,
        name: str | None = None,
        real_name: str | None = None,
        tz: str = "America/New_York",
        deleted: bool = False,
        is_bot: bool = False,
        title: str = "",
    ) -> None:
        """Register (or replace) a workspace member for users.info / users.list."""
        ZoneInfo(tz)  # fail early on a bad zone name
        name = name or user_id.lower()
        with self._lock:
            self._ws.users[user_id] = {
                "id": user_id,
                "name": name,
                "real_name": real_name or name,
                "tz": tz,
                "deleted": deleted,
                "is_bot": is_bot,
                "title": title,
            }

    def add_file(
        self,
        name: str,
        content: bytes,
        user_id: str,
        *,
        filetype: str | None = None,
        redirect_to: str | None = None,
        drip_seconds: float = 0.0,
    ) -> Json:
        """A file `user_id` uploaded (to a modal's file_input or a DM): the file object Slack shows.
        Its download can answer with a redirect to `redirect_to`, or send a byte every `drip_seconds`."""
        with self._lock:
            return files.add_file(
                self._ws,
                self.base,
                name,
                content,
                user_id,
                filetype=filetype,
                redirect_to=redirect_to,
                drip_seconds=drip_seconds,
            )

    def add_remote_file(self, name: str, external_url: str, user_id: str) -> Json:
        """A remote file (a link another app registered with files.remote.add) that `user_id` shared:
        files.info gives `is_external`, mode "external" and the link as `url_private`."""
        with self._lock:
            return files.add_remote_file(self._ws, name, external_url, user_id)

    def uploaded_files(self) -> list[tuple[Json, bytes]]:
        """Files the app sent with files_upload_v2, and their bytes."""
        return files.uploaded(self._ws)

    def new_response_url(
        self, original: Json | None = None, *, channel: str | None = None, user_id: str | None = None
    ) -> str:
        """A response_url on this server; `original` is the message a `replace_original` acts on.

        If `original` has the `channel` and `ts` of a stored message, replace/delete act on that message.
        """
        with self._lock:
            url = f"{self.base}/response/{next(self._ws.ids)}"
            self._ws.response_urls[url] = ResponseUrl(
                url, channel, user_id, dict(original) if original else None
            )
            return url

    def original_of(self, response_url: str) -> Json | None:
        """The current state of a response_url's original message (None when deleted or unknown)."""
        with self._lock:
            record = self._ws.response_urls.get(response_url)
            if record is None or record.original is None:
                return None
            stored = self._ws.find_stored(record.original)
            return dict(stored) if stored else dict(record.original)

    # -- fault injection ----------------------------------------------------------------------------

    def fail(
        self,
        method: str,
        error: str = "user_not_found",
        *,
        status: int | None = None,
        times: int | None = None,
        for_seconds: float | None = None,
        when: dict[str, Any] | None = None,
    ) -> None:
        """Answer `method` ("*" for any) with `ok: false, error` or, given `status`, that HTTP status.

        Without `times` or `for_seconds` the fault lasts until `clear_faults()`.
        """
        kind: Literal["error", "status"] = "error" if status is None else "status"
        self._faults.add(Fault(method, kind, error=error, status=status or 200), times, for_seconds, when)

    def rate_limit(
        self,
        method: str,
        retry_after: int = 1,
        *,
        times: int | None = None,
        for_seconds: float | None = None,
        when: dict[str, Any] | None = None,
    ) -> None:
        """Answer HTTP 429 with `Retry-After` and `{"ok": false, "error": "ratelimited"}`."""
        self._faults.add(Fault(method, "ratelimit", retry_after=retry_after), times, for_seconds, when)

    def delay(
        self, method: str, seconds: float, *, times: int | None = None, when: dict[str, Any] | None = None
    ) -> None:
        """Sleep before answering `method` (to exercise timeouts and the 3-second ack)."""
        self._faults.add(Fault(method, "delay", seconds=seconds), times, None, when)

    def limit_rate(self, method: str, per_second: float = 50) -> None:
        """Answer 429 (Retry-After 1) once `method` is called more than `per_second` times in a second."""
        self._faults.limit_rate(method, per_second)

    def distributed_app(self, per_minute: int | None = 1, messages: int = 15) -> None:
        """Slack's limits for an app distributed outside the Marketplace: conversations.history and
        .replies answer 429 with Retry-After past `per_minute` calls a minute per workspace (on the
        double's clock), and at most `messages` messages a call. `per_minute=None` lifts them."""
        with self._lock:
            self._http.history_limit.configure(per_minute, messages)

    def clear_faults(self) -> None:
        self._faults.clear()
