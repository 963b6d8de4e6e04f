"""HTTP mode: Bolt behind waitress (a production WSGI server) with admission control at its door
(bot.runtime.admission), plus the probes GET /healthz (liveness: the process answers) and GET /readyz
(readiness: the database answers and the server is not draining), and GET /metrics (Prometheus)."""

from __future__ import annotations

import json
import logging
import re
import socket
import threading
import time

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_bolt.adapter.wsgi.http_response import WsgiHttpResponse
from waitress import wasyncore
from waitress.server import create_server

from bot import metrics
from bot.runtime import admission
from bot.runtime.admission import Door, busy_answer
from bot.runtime.install_door import InstallDoor
from bot.runtime.metrics import CONTENT_TYPE, Exporter
from bot.runtime.slack_http import MAX_BODY_BYTES, Refusal, dispatch, read_request
from storage.db import Database

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
# Request threads. A request thread only runs until the ack (Bolt runs the listener on its own pool
# and answers when it acks; after-ack work runs there or on BackgroundWork), and acks are milliseconds
# of Python. Every thread in flight competes for the one interpreter lock after each database round
# trip: at 16 threads a 50/s burst on PostgreSQL spent its CPU handing the lock around (40,000 futex
# calls a second, half the CPU in the kernel) and acks took 0.8 s at the median; at 4 they take 31 ms.
HTTP_THREADS = 4
# Open connections before waitress stops accepting (its default is 100). Slack opens one connection
# per request; a burst past 100 in flight would wait in the kernel's backlog instead of in waitress's
# task queue, where it is at least read and answered in order.
CONNECTION_LIMIT = 1000
MAX_KINDS = 100  # distinct request kinds counted by name; past that, "other" (bounded label values)
_COMMAND = re.compile(r"/[a-z0-9_\-]{1,32}")
_WORD = re.compile(r"[a-z_.]{1,48}")


class Readiness:
    """Whether this server should get traffic: its database answers and it is not draining (SIGTERM:
    a load balancer takes it out while the requests in flight finish)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.draining = threading.Event()

    def probe(self) -> tuple[int, dict]:
        if self.draining.is_set():
            return 503, {"ok": False, "draining": True}
        ok = self.db.ping()
        return (200 if ok else 503), {"ok": ok, "db": "ok" if ok else "unreachable"}


class RequestKinds:
    """The `kind` label of a request from Slack: its slash command, its interaction type or
    event:<type>, from a bounded set."""

    def __init__(self) -> None:
        self._seen: set[str] = set()
        self._lock = threading.Lock()

    def of(self, body: dict) -> str:
        command, kind = body.get("command"), body.get("type")
        if isinstance(command, str):
            name = command if _COMMAND.fullmatch(command) else "command:other"
        elif kind == "event_callback":
            event = (body.get("event") or {}).get("type")
            name = f"event:{event}" if isinstance(event, str) and _WORD.fullmatch(event) else "event:other"
        else:
            name = kind if isinstance(kind, str) and _WORD.fullmatch(kind) else "other"
        with self._lock:
            if name in self._seen or len(self._seen) < MAX_KINDS:
                self._seen.add(name)
                return name
        return "other"


REVOCATIONS = ("event:app_uninstalled", "event:tokens_revoked")


def make_wsgi(app: App, db: Database, signing_secret: str, readiness: Readiness | None = None):
    """The WSGI app: the probes GET /healthz and /readyz, GET /metrics, POST /slack/events read by
    bot.runtime.slack_http (size limit, signature, our parser) before Bolt sees it, or answered "busy"
    when the door refused it (bot.runtime.admission); in OAuth mode /slack/install past its door (a
    rate per client address, a valid `team`); anything else goes to Bolt's handler (its 404)."""
    slack = SlackRequestHandler(app, path=EVENTS_PATH)
    install_path = app.oauth_flow.install_path if app.oauth_flow is not None else None
    door = InstallDoor()
    readiness = readiness or Readiness(db)
    exporter = Exporter(db)
    kinds = RequestKinds()

    def wsgi(environ, start_response):
        method, path = environ.get("REQUEST_METHOD"), environ.get("PATH_INFO")
        if path == "/healthz" and method in ("GET", "HEAD"):
            return _answer(start_response, 200, {"ok": True})  # alive: no database, no Slack
        if path == "/readyz" and method in ("GET", "HEAD"):
            return _answer(start_response, *readiness.probe())
        if path == "/metrics" and method in ("GET", "HEAD"):
            data = exporter.scrape()
            start_response("200 OK", [("Content-Type", CONTENT_TYPE), ("Content-Length", str(len(data)))])
            return [data]
        ticket = admission.current()
        if path == EVENTS_PATH and method == "POST":
            return slack_events(environ, start_response, ticket)
        if ticket is not None and ticket.shed:
            start_response("503 Service Unavailable", [("Retry-After", "5"), ("Content-Length", "0")])
            return [b""]
        if path == install_path and method in ("GET", "HEAD"):
            refused = door.refusal(environ.get("REMOTE_ADDR", ""), environ.get("QUERY_STRING", ""))
            if refused is not None:
                status, headers, body = refused
                start_response(f"{status} {_REASONS[status]}", headers)
                return [body]
        return slack(environ, start_response)

    def slack_events(environ, start_response, ticket: admission.Ticket | None):
        started = ticket.enqueued if ticket is not None else time.monotonic()
        request = read_request(environ, signing_secret)
        if isinstance(request, Refusal):
            metrics.REQUESTS.labels("unread", "refused").inc()
            return _answer(start_response, request.status, {"ok": False, "error": request.error})
        kind = kinds.of(request.body)
        if ticket is not None and ticket.shed:
            status, body = busy_answer(request.body)
            metrics.REQUESTS.labels(kind, "busy").inc()
            if body is None:
                start_response("503 Service Unavailable", [("Retry-After", "5"), ("Content-Length", "0")])
                answer_body = [b""]
            else:
                answer_body = _answer(start_response, status, body)
        else:
            response = dispatch(app, request)
            answer = WsgiHttpResponse(status=response.status, headers=response.headers, body=response.body)
            start_response(answer.status, answer.get_headers())
            answer_body = answer.get_body()
            metrics.REQUESTS.labels(kind, "acked" if response.status < 400 else "failed").inc()
            if kind in REVOCATIONS and response.status == 200:
                metrics.OAUTH_REVOCATIONS.labels(kind.split(":", 1)[1]).inc()
        metrics.ACK_SECONDS.labels(kind).observe(time.monotonic() - started)
        return answer_body

    return wsgi


_REASONS = {
    200: "OK",
    400: "Bad Request",
    401: "Unauthorized",
    413: "Payload Too Large",
    429: "Too Many Requests",
    503: "Service Unavailable",
}


def _answer(start_response, status: int, body: dict) -> list[bytes]:
    data = json.dumps(body).encode()
    start_response(
        f"{status} {_REASONS[status]}",
        [("Content-Type", "application/json"), ("Content-Length", str(len(data)))],
    )
    return [data]


class HttpServer:
    """A waitress server that can run in the foreground (production) or a thread (tests, console)."""

    def __init__(
        self,
        app: App,
        db: Database,
        *,
        host: str = "0.0.0.0",
        port: int = 3000,
        threads: int = HTTP_THREADS,
        signing_secret: str | None = None,
        sock: socket.socket | None = None,
        door: Door | None = None,
    ):
        """`sock`: an already listening socket to serve on (an HTTP worker's, inherited), instead of
        binding host:port. `door`: the request queue with its admission rules (bot.runtime.admission;
        the defaults when not given)."""
        # Bolt keeps the secret it verifies with; ours must be the same one.
        secret = signing_secret if signing_secret is not None else app._signing_secret
        where = {"sockets": [sock]} if sock is not None else {"host": host, "port": port}
        self.readiness = Readiness(db)
        self.door = door if door is not None else Door()
        self.door.set_thread_count(threads)
        self._server = create_server(
            make_wsgi(app, db, secret, self.readiness),
            **where,
            threads=threads,
            ident="warmcall",
            clear_untrusted_proxy_headers=True,
            connection_limit=CONNECTION_LIMIT,
            max_request_body_size=MAX_BODY_BYTES,  # waitress refuses a larger body (413) before buffering it
            _dispatcher=self.door,
        )
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return self._server.effective_port

    @property
    def url(self) -> str:
        host = self._server.effective_host
        host = "127.0.0.1" if host in ("0.0.0.0", "") else host
        return f"http://{host}:{self.port}"

    def serve_forever(self) -> None:
        self._server.run()

    def start(self) -> HttpServer:
        self._thread = threading.Thread(target=self._server.run, name="warmcall-http", daemon=True)
        self._thread.start()
        return self

    def begin_drain(self) -> None:
        """From now on /readyz answers 503 (draining); everything else is still served."""
        self.readiness.draining.set()

    def shutdown(self, timeout: float = 5.0) -> bool:
        """Stop accepting connections at once, give the requests in flight up to `timeout` seconds to
        finish and send their answer (an ack is a promise kept only once it is sent), then close every
        connection. True when nothing was cut off. For a server started with `start()`. /readyz
        answers 503 from the start (to a probe on a connection still open)."""
        self.begin_drain()
        server = self._server
        if self._thread is None or not self._thread.is_alive():
            server.close()
            self.door.shutdown(timeout=1)
            return True
        try:  # the listening socket only; the trigger and the open connections stay
            server.trigger.pull_trigger(lambda: wasyncore.dispatcher.close(server))
        except OSError:
            pass
        deadline = time.monotonic() + timeout
        idle = self._idle()
        while not idle and time.monotonic() < deadline:
            time.sleep(0.01)
            idle = self._idle()
        if not idle:
            log.warning("closing HTTP connections with requests still in flight")
        self.stop()
        return idle

    def _idle(self) -> bool:
        """No request queued or being served, and every answer written out."""
        server = self._server
        if self.door.busy():
            return False
        channels = list(server.active_channels.values())
        return all(not channel.requests and not channel.total_outbufs_len for channel in channels)

    def stop(self) -> None:
        """Close the sockets from inside waitress's loop (closing them from here races its select)."""
        server = self._server
        if self._thread is None or not self._thread.is_alive():
            server.close()
            self.door.shutdown(timeout=1)  # its threads, which close() leaves running
            return
        try:
            server.trigger.pull_trigger(lambda: wasyncore.close_all(server._map))
        except OSError:  # the loop already closed its trigger: it is on its way out
            pass
        self._thread.join(timeout=5)
        server.task_dispatcher.shutdown()
