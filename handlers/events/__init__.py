"""Listeners for events."""

from slack_bolt import App

from handlers.events.assistant import context_changed, messages_tab, messages_tab_opened, thread_started
from handlers.events.cards import card_photos, shared_card_photos
from handlers.events.file_shared import shared_import_file
from handlers.events.home import home_opened
from handlers.events.messages import dm_received, take_dm
from handlers.events.user_change import user_changed


def register(app: App) -> None:
    app.event("user_change")(user_changed)
    # the Messages tab: suggested prompts (handlers/events/assistant.py); before Home's listener
    app.event("app_home_opened", matchers=[messages_tab])(messages_tab_opened)
    app.event("assistant_thread_started")(thread_started)
    app.event("assistant_thread_context_changed")(context_changed)
    app.event("app_home_opened")(home_opened)
    # a file shared in the DM with "import …" (handlers/events/file_shared.py); before the catch-all
    # photos with no words are business cards (handlers/events/cards.py); before the import's listener
    app.event({"type": "message", "subtype": "file_share"}, matchers=[card_photos])(shared_card_photos)
    app.event({"type": "message", "subtype": "file_share"})(shared_import_file)
    app.event("message", middleware=[take_dm])(dm_received)
