"""Re-publishing App Home after any change a user makes, so it is never stale (SPEC §10).

The refresh runs on the background pool and is coalesced per user: while one is waiting to run,
another change adds nothing (the waiting one will read the newest data). A burst of twenty logs then
costs one or two publishes instead of twenty.
"""

from __future__ import annotations

import threading

from bot.services.context import Services
from handlers.request import Owner

_waiting: set[tuple[int, str, str]] = set()
_lock = threading.Lock()


def refresh_home(services: Services, owner: Owner) -> None:
    """Schedule a publish of the user's Home view. Call after the change is committed."""
    key = (id(services), owner.team_id, owner.user_id)
    with _lock:
        if key in _waiting:
            return
        _waiting.add(key)

    def publish() -> None:
        with _lock:
            _waiting.discard(key)  # changes from now on schedule another publish
        from handlers.events.home import publish_home

        publish_home(services, owner)

    services.background.submit(publish)
