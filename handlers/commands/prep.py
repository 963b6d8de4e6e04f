"""/prep — talking points before a call (SPEC §6)."""

from slack_bolt import Ack, App

from bot.services import Services
from handlers.blocks import ephemeral, error_reply, section

USAGE = (
    "*/prep* gives you talking points before a call.\n"
    "`/prep Jane Doe` — a reason to call, an opener, a goal and a voicemail script.\n"
    "`/prep` alone lists whom to call today."
)


def register(app: App, services: Services) -> None:
    @app.command("/prep")
    def prep(ack: Ack, command: dict) -> None:
        text = (command.get("text") or "").strip()
        if text.lower() in ("", "help", "?"):
            ack(ephemeral([section(USAGE)], USAGE))
            return
        ack(error_reply("I couldn't read that yet. Try `/prep help` for examples."))
