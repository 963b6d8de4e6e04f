"""/met — capture a contact (SPEC §4)."""

from slack_bolt import Ack, App

from bot.services import Services
from handlers.blocks import ephemeral, error_reply, section

USAGE = (
    "*/met* saves someone you just met.\n"
    "`/met Jane Doe of Acme at PyCon yesterday: hiring data engineers`\n"
    "`/met` alone opens a form."
)


def register(app: App, services: Services) -> None:
    @app.command("/met")
    def met(ack: Ack, command: dict) -> None:
        text = (command.get("text") or "").strip()
        if text.lower() in ("help", "?"):
            ack(ephemeral([section(USAGE)], USAGE))
            return
        ack(error_reply("Quick-add is coming soon. Try `/met help`."))
