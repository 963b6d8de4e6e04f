"""Workflow Builder custom steps (Bolt's `app.function`): every callback id and its listener."""

from slack_bolt import App

from handlers.functions import add_contacts


def register(app: App) -> None:
    app.function(add_contacts.CALLBACK)(add_contacts.add_contacts_step)
