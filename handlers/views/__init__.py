"""Modal submissions: every callback id and the listener that answers it."""

from slack_bolt import App

from handlers.blocks import cards as card_blocks
from handlers.blocks.plan import CALLBACK as PLAN_CALLBACK
from handlers.views import cards as card_views
from handlers.views import erase, import_modal, log_call, meeting, met_modal, plan, settings, tag_cadence


def register(app: App) -> None:
    app.view(log_call.CALLBACK_ID)(log_call.log_call_submitted)
    app.view(PLAN_CALLBACK)(plan.plan_submitted)
    app.view(met_modal.CALLBACK)(met_modal.contact_form_submitted)
    app.view(settings.SETTINGS_FORM)(settings.settings_saved)
    app.view(settings.OFFER_FORM)(settings.offer_added)
    app.options(settings.HOLIDAY_COUNTRY)(settings.suggest_holiday_countries)
    app.view(tag_cadence.TAG_CADENCE_FORM)(tag_cadence.tag_cadence_saved)
    app.view(meeting.MOVED_FORM)(meeting.meeting_moved_saved)
    app.view(import_modal.CALLBACK)(import_modal.import_submitted)
    app.view(erase.CALLBACK)(erase.erase_submitted)
    app.view(card_blocks.UPLOAD)(card_views.cards_submitted)  # business cards by photo
    app.view(card_blocks.REVIEW)(card_views.review_submitted)
