"""Re-publishing App Home after any change a user makes, so it is never stale (SPEC §10)."""

from __future__ import annotations

from bot.services import Services
from handlers.request import Owner


def refresh_home(services: Services, owner: Owner) -> None:
    """Publish the user's Home view again. Call after the ack, from the listener that changed data."""
    try:
        from handlers.events.home import publish_home
    except ImportError:  # App Home not wired yet
        return
    publish_home(services, owner)
