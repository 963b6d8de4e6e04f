"""Shortcuts: "Save as contact" on any message, "Log a call" from anywhere, and the picker's typeahead."""

from slack_bolt import App

from handlers.shortcuts import log_call, save_contact


def register(app: App) -> None:
    app.shortcut(save_contact.CALLBACK_ID)(save_contact.save_as_contact)
    app.shortcut(log_call.CALLBACK_ID)(log_call.log_a_call)
    app.options(log_call.PICKER_ACTION)(log_call.suggest_contacts)
    app.view(log_call.FORM)(log_call.picked_call_submitted)
