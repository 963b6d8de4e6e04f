"""The HTTP server's probes: GET /healthz says the process is alive (no database, no Slack), GET /readyz
says it should get traffic: 200 while its database answers, 503 when it does not or while it drains."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

from bot.runtime.server import HttpServer
from storage.db import Database
from tests.world import slash_command

UNREACHABLE = "postgresql+psycopg://postgres@127.0.0.1:1/nowhere?connect_timeout=1"


def probe(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as refused:
        return refused.code, json.loads(refused.read())


def test_ready_with_its_database_and_alive_without_it(world):
    assert probe(world.server.url + "/healthz") == (200, {"ok": True})
    assert probe(world.server.url + "/readyz") == (200, {"ok": True, "db": "ok"})

    unreachable = Database(UNREACHABLE)
    server = HttpServer(world.app, unreachable, host="127.0.0.1", port=0).start()
    try:
        assert probe(server.url + "/healthz") == (200, {"ok": True})  # restarting it would not help
        assert probe(server.url + "/readyz") == (503, {"ok": False, "db": "unreachable"})
    finally:
        server.stop()
        unreachable.dispose()


def test_not_ready_while_draining_yet_still_answering_slack(world):
    world.user("U1")
    world.server.begin_drain()  # what SIGTERM does first
    assert probe(world.server.url + "/readyz") == (503, {"ok": False, "draining": True})
    assert probe(world.server.url + "/healthz") == (200, {"ok": True})
    said = slash_command(world, "U1", "/met", "Jane Doe of Acme")  # a request already on its way
    assert "Jane Doe" in json.dumps(said)
