"""/called — log what happened on a call (SPEC §5)."""

from slack_bolt import Ack, App

from bot.services import Services
from handlers.blocks import ephemeral, error_reply, section

USAGE = (
    "*/called* logs how a follow-up went and schedules the next one.\n"
    "`/called Jane Doe reached: she wants the checklist`\n"
    "Outcomes: reached, voicemail, no-answer, emailed, meeting [date], later, no."
)


def register(app: App, services: Services) -> None:
    @app.command("/called")
    def called(ack: Ack, command: dict) -> None:
        text = (command.get("text") or "").strip()
        if text.lower() in ("", "help", "?"):
            ack(ephemeral([section(USAGE)], USAGE))
            return
        ack(error_reply("I couldn't read that yet. Try `/called help` for examples."))
