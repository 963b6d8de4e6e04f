"""The bot token only goes to Slack's file hosts: a remote file (a link another app registered) is
refused with a sentence, redirects leave nothing for a stranger, and a download has one deadline.
The real app over signed HTTP against the Slack double, on both databases; a stranger's host is a
small HTTP server of the test that records every request it gets."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import select

from bot.services import file_download, slack_files
from bot.testing.payload_parts import file_share_event
from storage.models import Contact
from tests.conftest import DEFAULT_NOW
from tests.oauth_world import OAuthWorld
from tests.world import wait_for

CSV = b"Name,Company\nAnn Lee,Acme\nBo Chen,Globex\n"
API = "http://127.0.0.1:8080/api/"


class StrangersHost:
    """An HTTP server that is not Slack: it serves a CSV to anyone and records the headers it got."""

    def __init__(self) -> None:
        self.seen: list[dict[str, str]] = []
        host = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                host.seen.append(dict(self.headers.items()))
                self.send_response(200)
                self.send_header("Content-Type", "text/csv")
                self.send_header("Content-Length", str(len(CSV)))
                self.end_headers()
                self.wfile.write(CSV)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/contacts.csv"
        threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def stranger():
    host = StrangersHost()
    yield host
    host.close()


def share_in_dm(world, user: str, file: dict) -> dict:
    """`import` typed with the file shared in the app's DM; the app's answer there."""
    before = len(world.double.dm_messages(user))
    event = file_share_event(user, [file], "import", "1796000000.000100")
    assert world.slack.event(event).status == 200
    return wait_for(
        lambda: (
            world.double.dm_messages(user)[before] if len(world.double.dm_messages(user)) > before else None
        )
    )


def saved(world) -> set[str]:
    with world.db.reading() as s:
        return set(s.scalars(select(Contact.name)).all())


@pytest.mark.parametrize("link", ["stranger", "file:///etc/passwd"])
def test_a_remote_file_is_refused_and_its_host_never_sees_the_token(world, stranger, link):
    world.user("U1")
    url = stranger.url if link == "stranger" else link
    file = world.double.add_remote_file("contacts.csv", url, "U1")
    answer = share_in_dm(world, "U1", file)
    assert "share the file itself, not a link" in answer["text"]
    assert stranger.seen == []  # not even a request without the token
    assert saved(world) == set()
    assert world.services.settings.bot_token not in answer["text"]


def test_a_redirect_to_another_host_is_not_followed(world, stranger):
    world.user("U1")
    file = world.double.add_file("contacts.csv", CSV, "U1", redirect_to=stranger.url)
    answer = share_in_dm(world, "U1", file)
    assert "couldn't download that file from Slack" in answer["text"]
    assert not any("Authorization" in headers for headers in stranger.seen)
    assert saved(world) == set()


def test_a_redirect_within_slacks_file_host_is_followed_with_the_token(world):
    world.user("U1")
    real = world.double.add_file("real.csv", CSV, "U1")
    moved = world.double.add_file("contacts.csv", b"", "U1", redirect_to=real["url_private_download"])
    answer = share_in_dm(world, "U1", moved)
    assert "Ready to import" in answer["text"] and "2 new contacts" in answer["text"]


def test_a_download_that_never_ends_stops_at_its_one_deadline(world, monkeypatch):
    # Each byte arrives well within any per-read timeout; only a deadline for the whole download ends it.
    monkeypatch.setattr(slack_files, "DOWNLOAD_DEADLINE_SECONDS", 0.5)
    world.user("U1")
    file = world.double.add_file("contacts.csv", CSV * 100, "U1", drip_seconds=0.02)
    answer = share_in_dm(world, "U1", file)
    assert "took too long" in answer["text"]
    assert saved(world) == set()


@pytest.mark.parametrize(
    "url, allowed",
    [
        ("https://files.slack.com/files-pri/T1-F1/a.csv", True),
        ("https://FILES.SLACK.COM:443/files-pri/T1-F1/a.csv", True),
        ("https://files.slack-gov.com/files-pri/T1-F1/a.csv", True),
        ("http://127.0.0.1:8080/files-pri/T1-F1/a.csv", True),  # the origin of SLACK_API_URL
        ("http://files.slack.com/files-pri/T1-F1/a.csv", False),  # not https
        ("https://files.slack.com:8443/a.csv", False),
        ("https://files.slack.com.example.org/a.csv", False),
        ("https://evil@files.slack.com/a.csv", False),
        ("https://example.org/a.csv", False),
        ("http://127.0.0.1:8081/a.csv", False),  # same host, another port
        ("https://127.0.0.1:8080/a.csv", False),  # same host and port, another scheme
        ("file:///etc/passwd", False),
        ("ftp://files.slack.com/a.csv", False),
        ("//files.slack.com/a.csv", False),
        ("https://files.slack.com:99999/a.csv", False),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_the_token_goes_only_to_slacks_file_hosts(url, allowed):
    assert file_download.token_may_go_to(url, API) is allowed


def test_in_oauth_mode_a_file_is_fetched_with_its_workspaces_own_token(db):
    w = OAuthWorld(db, now=DEFAULT_NOW)
    try:
        token = w.install("T0AAA")
        w.user("UA1", "T0AAA")
        file = w.double.add_file("contacts.csv", CSV, "UA1")
        event = file_share_event("UA1", [file], "import", "1796000000.000300")
        assert w.slack.event(event, team_id="T0AAA").status == 200
        answer = wait_for(lambda: w.double.dm_messages("UA1")[0] if w.double.dm_messages("UA1") else None)
        assert "Ready to import" in answer["text"] and "2 new contacts" in answer["text"]
        assert {c.token for c in w.double.calls_to("files.info")} == {token}
    finally:
        w.close()


def test_through_an_https_proxy_the_download_is_a_tunnel_and_the_proxy_never_sees_the_token():
    seen: list[str] = []

    class Proxy(BaseHTTPRequestHandler):
        def do_CONNECT(self) -> None:
            seen.append(f"{self.requestline}\n{self.headers}")
            self.send_response(403)  # a proxy that refuses: enough to see what it was asked
            self.end_headers()

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Proxy)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        with pytest.raises(file_download.DownloadFailed):
            file_download.download(
                "https://files.slack.com/files-pri/T1-F1/download/a.csv",
                "xoxb-secret-token",
                api_url=API,
                limit=1000,
                seconds=5,
                proxy=f"http://ops:pw@127.0.0.1:{server.server_address[1]}",
            )
    finally:
        server.shutdown()
        server.server_close()
    assert len(seen) == 1 and seen[0].startswith("CONNECT files.slack.com:443 ")
    assert "Proxy-Authorization: Basic b3BzOnB3" in seen[0] and "xoxb-secret-token" not in seen[0]
