"""HTTP mode: Bolt behind waitress (a production WSGI server), plus GET /healthz."""

from __future__ import annotations

import io
import json
import logging
import threading
from urllib.parse import parse_qsl

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

from storage.db import Database

log = logging.getLogger(__name__)


def make_wsgi(app: App, db: Database):
    slack = SlackRequestHandler(app, path="/slack/events")

    def wsgi(environ, start_response):
        if environ.get("PATH_INFO") == "/healthz" and environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
            ok = db.ping()
            body = json.dumps({"ok": ok, "db": "ok" if ok else "unreachable"}).encode()
            start_response(
                "200 OK" if ok else "503 Service Unavailable",
                [("Content-Type", "application/json"), ("Content-Length", str(len(body)))],
            )
            return [body]
        if environ.get("REQUEST_METHOD") == "POST":
            raw = _read_body(environ)
            if not _well_formed(raw, environ.get("CONTENT_TYPE", "")):
                # Bolt parses the body before verifying it; garbage is the client's fault, not a 500.
                body = b'{"ok": false, "error": "bad_request"}'
                start_response(
                    "400 Bad Request",
                    [("Content-Type", "application/json"), ("Content-Length", str(len(body)))],
                )
                return [body]
        return slack(environ, start_response)

    return wsgi


def _read_body(environ) -> bytes:
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    raw = environ["wsgi.input"].read(length) if length > 0 else b""
    environ["wsgi.input"] = io.BytesIO(raw)
    return raw


def _well_formed(raw: bytes, content_type: str) -> bool:
    """The body is something Bolt can parse (mirrors slack_bolt.request.internals.parse_body)."""
    try:
        text = raw.decode("utf-8")
        if not text:
            return True
        if content_type == "application/json" or text.startswith("{"):
            return isinstance(json.loads(text), dict)
        if "payload" in text:
            payload = dict(parse_qsl(text, keep_blank_values=True)).get("payload")
            return payload is None or isinstance(json.loads(payload), dict)
        return True
    except ValueError:  # includes UnicodeDecodeError and JSONDecodeError
        return False


class HttpServer:
    """A waitress server that can run in the foreground (production) or a thread (tests, console)."""

    def __init__(self, app: App, db: Database, *, host: str = "0.0.0.0", port: int = 3000, threads: int = 16):
        from waitress.server import create_server

        self._server = create_server(
            make_wsgi(app, db),
            host=host,
            port=port,
            threads=threads,
            ident="warmcall",
            clear_untrusted_proxy_headers=True,
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

    def stop(self) -> None:
        """Close the sockets from inside waitress's loop (closing them from here races its select)."""
        from waitress import wasyncore

        server = self._server
        if self._thread is None or not self._thread.is_alive():
            server.close()
            return
        try:
            server.trigger.pull_trigger(lambda: wasyncore.close_all(server._map))
        except OSError:  # the loop already closed its trigger: it is on its way out
            pass
        self._thread.join(timeout=5)
        server.task_dispatcher.shutdown()
