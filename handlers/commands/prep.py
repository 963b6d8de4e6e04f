"""/prep — talking points before a call, today's due list, and offers (SPEC §6)."""

import logging

from slack_bolt import Ack, BoltContext, Respond

from bot.services import offers, prep
from bot.services.context import Services
from bot.services.profiles import known_profile
from handlers.blocks.kit import SORRY, SORRY_REPLY, busy_reply, ephemeral, error_reply, section
from handlers.blocks.prep import (
    due_reply,
    not_found_text,
    offer_added_reply,
    offer_removed_reply,
    offers_reply,
    pick_reply,
    points_reply,
)
from handlers.home_refresh import refresh_home
from handlers.request import Owner, owner_of

log = logging.getLogger(__name__)

USAGE = (
    "*/prep* gives you talking points before a call.\n"
    "`/prep Jane Doe` — a reason to call, an opener, a goal and a voicemail script.\n"
    "`/prep` alone lists whom to call today.\n"
    "*Offers* are things you can give (an article, a checklist, an invite); they become reasons to call "
    "when a contact's notes share a topic:\n"
    "`/prep offer add Pipeline checklist https://example.com/checklist #data #hiring`\n"
    "`/prep offer list` · `/prep offer remove 2`"
)

_RENDER = {
    prep.Prepared: points_reply,
    prep.DueList: due_reply,
    prep.AskPick: pick_reply,
    prep.NotFound: lambda r: error_reply(not_found_text(r)),
    prep.Refused: lambda r: error_reply(r.message),
    offers.OfferList: offers_reply,
    offers.OfferAdded: offer_added_reply,
    offers.OfferRemoved: offer_removed_reply,
    offers.OfferProblem: lambda r: error_reply(r.message),
}


def render(result) -> dict:
    return _RENDER[type(result)](result)


def prep_command(ack: Ack, command: dict, respond: Respond, services: Services, context: BoltContext) -> None:
    text = (command.get("text") or "").strip()
    if text.lower() in ("help", "?"):
        ack(ephemeral([section(USAGE)], USAGE))
        return
    owner = owner_of(context)
    profile = known_profile(services, owner.team_id, owner.user_id)
    if profile is not None:
        # A known owner: /prep needs no Slack call, only our database and a few milliseconds of
        # talking points, so the ack itself carries the answer (no response_url round trip).
        try:
            result = prep.prep_command(services, owner, text, profile)
        except Exception:
            log.exception("/prep failed before its ack")
            ack(error_reply(SORRY))
            return
        ack(render(result))
        if isinstance(result, offers.OfferAdded | offers.OfferRemoved):
            refresh_home(services, owner)  # Home lists the offers
        return
    # A first-time user: their profile (time zone, name) comes from Slack first, after the ack.
    if not services.background.has_room():  # a reply minutes late is worse than "try again"
        ack(busy_reply())
        return
    ack()
    services.background.submit(
        answer_prep, services, owner, text, respond, on_error=lambda: respond(**SORRY_REPLY)
    )


def answer_prep(services: Services, owner: Owner, text: str, respond: Respond) -> None:
    """After the ack: talking points, today's list or an offer change, answered through response_url."""
    result = prep.prep_command(services, owner, text)
    respond(**render(result))
    if isinstance(result, offers.OfferAdded | offers.OfferRemoved):
        refresh_home(services, owner)  # Home lists the offers
