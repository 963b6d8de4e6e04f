"""Listeners for events."""

from slack_bolt import App

from handlers.events.file_shared import shared_import_file
from handlers.events.home import home_opened
from handlers.events.messages import dm_received, take_dm
from handlers.events.user_change import user_changed


def register(app: App) -> None:
    app.event("user_change")(user_changed)
    app.event("app_home_opened")(home_opened)
    # a file shared in the DM with "import …" (handlers/events/file_shared.py); before the catch-all
    app.event({"type": "message", "subtype": "file_share"})(shared_import_file)
    app.event("message", middleware=[take_dm])(dm_received)
