"""'Delete all my data' from App Home: a modal that asks for the word DELETE, then removes everything
in one transaction and says what was removed."""

from __future__ import annotations

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot.services.context import Services
from bot.services.erase import CONFIRM_WORD, confirmed, delete_everything, what_would_go
from handlers.blocks.kit import modal, section, state_value, text_input
from handlers.home_refresh import refresh_home
from handlers.request import owner_of

CALLBACK = "erase_all"
TYPED = "erase_typed"


def _plural(n: int, one: str) -> str:
    return f"{n:,} {one}" if n == 1 else f"{n:,} {one}s"


def open_erase_modal(
    ack: Ack, body: dict, client: WebClient, services: Services, context: BoltContext
) -> None:
    ack()
    owner = owner_of(context)
    going = what_would_go(services, owner.team_id, owner.user_id)
    blocks = [
        section(
            f"This removes all your Warmcall data: {_plural(going.contacts, 'contact')}, "
            f"{_plural(going.calls, 'history entry').replace('entrys', 'entries')}, your offers, digests, "
            "imports and settings. It can't be undone; use *Export contacts* first to keep a copy."
        ),
        text_input(TYPED, f"Type {CONFIRM_WORD} to confirm", max_length=20, placeholder=CONFIRM_WORD),
    ]
    client.views_open(
        trigger_id=body["trigger_id"],
        view=modal(CALLBACK, "Delete all my data", blocks, submit="Delete everything"),
    )


def erase_submitted(ack: Ack, view: dict, services: Services, context: BoltContext) -> None:
    if not confirmed(state_value(view["state"], TYPED)):
        ack(
            response_action="errors", errors={TYPED: f"Type {CONFIRM_WORD} in capitals to delete everything."}
        )
        return
    owner = owner_of(context)
    erased = delete_everything(services, owner.team_id, owner.user_id)
    done = (
        f"Deleted {_plural(erased.contacts, 'contact')}, {_plural(erased.calls, 'history entry')}"
        f", {_plural(erased.offers, 'offer')} and {erased.other_rows:,} other records (digests, imports, "
        "settings). Warmcall starts afresh the next time you use it."
    ).replace("entrys", "entries")
    ack(
        response_action="update",
        view=modal(CALLBACK + "_done", "Data deleted", [section(done)], submit=None, close="Close"),
    )
    refresh_home(services, owner, from_home=True)  # a form opened from Home: Home is behind it
