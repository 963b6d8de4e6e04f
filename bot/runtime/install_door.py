"""The door of /slack/install (OAuth mode), before Bolt issues a state: each client address may start
a few installs a minute, and `team` must be a Slack team or org id. Anything else gets a short page
and writes nothing."""

from __future__ import annotations

import html
import math
import re
import threading
import time
import urllib.parse
from collections.abc import Callable

from bot.domain.rate_limit import RateLimit

TEAM_ID = re.compile(r"^[TE][A-Z0-9]{2,20}$")  # a workspace (T…) or an Enterprise Grid org (E…)
INSTALLS_PER_MINUTE = 10
INSTALL_BURST = 10

Page = tuple[int, list[tuple[str, str]], bytes]


def is_team_id(value: str) -> bool:
    return bool(TEAM_ID.match(value))


class InstallDoor:
    """Thread-safe: waitress serves requests from several threads."""

    def __init__(
        self,
        *,
        per_minute: float = INSTALLS_PER_MINUTE,
        burst: int = INSTALL_BURST,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._limit = RateLimit(per_minute=per_minute, burst=burst)
        self._clock = clock
        self._lock = threading.Lock()

    def refusal(self, address: str, query: str) -> Page | None:
        """None to let the request through to Bolt; else the page to answer with."""
        teams = urllib.parse.parse_qs(query, keep_blank_values=True).get("team", [])
        if teams and (len(teams) > 1 or not is_team_id(teams[0])):
            return _page(
                400,
                "That install link is broken",
                "Its team id is not one Slack gives out. Open the install link again without the "
                "team part, and Slack will ask which workspace to add Warmcall to.",
            )
        with self._lock:
            wait = self._limit.allow(address or "unknown", self._clock())
        if wait is not None:
            page = _page(
                429,
                "Too many installs from here",
                "This address started several installs in the last minute. Wait a minute, then open the "
                "install link again.",
            )
            return page[0], [*page[1], ("Retry-After", str(math.ceil(wait)))], page[2]
        return None


def _page(status: int, title: str, text: str) -> Page:
    body = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Warmcall</title></head>"
        f"<body style='font-family:sans-serif;max-width:36em;margin:3em auto'><h1>{html.escape(title)}</h1>"
        f"<p>{html.escape(text)}</p></body></html>"
    ).encode()
    return status, [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))], body
