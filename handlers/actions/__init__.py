"""Button clicks: every action id and the listener that answers it."""

import re

from slack_bolt import App

from handlers.actions import cards as card_actions
from handlers.actions import contact, contact_list, feedback, home, imports, met, plan, prep, story
from handlers.blocks import called as called_blocks
from handlers.blocks import cards as card_blocks
from handlers.blocks import contact_buttons as buttons
from handlers.blocks import contact_card as card
from handlers.blocks import contact_list as list_blocks
from handlers.blocks import feedback as feedback_blocks
from handlers.blocks import home as home_blocks
from handlers.blocks import imports as import_blocks
from handlers.blocks import met as met_blocks
from handlers.blocks import plan as plan_blocks
from handlers.blocks import prep as prep_blocks
from handlers.blocks import story as story_blocks
from handlers.views import erase, tag_cadence


def _prefixed(action_id: str, suffix: str = "") -> re.Pattern[str]:
    return re.compile("^" + re.escape(action_id) + suffix)


def register(app: App) -> None:
    # A contact's schedule (digest rows, /prep lists, /called replies, the Log call modal)
    app.action(buttons.LOG_CALL)(contact.open_log_call)
    app.action(buttons.SNOOZE)(contact.snooze)
    app.action(buttons.LET_GO)(contact.let_go)
    app.action(buttons.REVIVE)(contact.revive)
    app.action(_prefixed(called_blocks.OUTCOME_ACTION))(contact.outcome_clicked)
    app.action(_prefixed(called_blocks.PICK_ACTION))(contact.contact_picked)
    app.action(called_blocks.UNDO_ACTION)(contact.undo_change)

    # Planned calls: Plan it opens the form (handlers.views.plan saves it), Undo takes it back
    app.action(buttons.PLAN)(plan.open_planner)
    app.action(plan_blocks.UNDO)(plan.undo_clicked)

    # A contact's story: promises, meetings, referrals
    app.action(story_blocks.PROMISE_KEPT)(story.promise_kept)
    app.action(story_blocks.PROMISE_DROPPED)(story.promise_dropped)
    app.action(story_blocks.MEETING_HELD)(story.meeting_held)
    app.action(story_blocks.MEETING_MOVED)(story.meeting_moved)
    app.action(story_blocks.MEETING_CANCELLED)(story.meeting_cancelled)
    app.action(story_blocks.THANK)(story.thank)

    # /met replies
    app.action(met_blocks.EDIT)(met.edit_added)
    app.action(met_blocks.UNDO)(met.undo_added)
    app.action(met_blocks.DUPLICATE_UPDATE)(met.duplicate_answered)
    app.action(met_blocks.DUPLICATE_NEW)(met.duplicate_answered)

    # Talking points
    app.action(buttons.PREP)(prep.prep_clicked)
    app.action(_prefixed(prep_blocks.PICK_ACTION, r"\d+$"))(prep.prep_picked)

    # "Useful / Not useful" under a reason (digest rows, /prep)
    app.action(feedback_blocks.FEEDBACK)(feedback.reason_feedback)

    # App Home and the contact modal
    app.action(buttons.VIEW)(home.view_contact)
    app.action(card.HISTORY)(home.history_page)
    app.action(f"{card.HISTORY}_newer")(home.history_page)
    app.action(card.EDIT)(home.edit_contact)
    app.action(card.LET_GO)(home.let_go_or_revive)
    app.action(card.REVIVE)(home.let_go_or_revive)
    app.action(card.DELETE)(home.delete_contact)
    app.action(home_blocks.PAGE)(home.home_page)
    app.action(f"{home_blocks.PAGE}_first")(home.home_page)
    app.action(home_blocks.SETTINGS)(home.open_settings)
    app.action(tag_cadence.TAG_CADENCE)(tag_cadence.open_tag_cadence)
    app.action(home_blocks.RESUME)(home.resume)
    app.action(home_blocks.OFFER_ADD)(home.open_offer_form)
    app.action(home_blocks.OFFER_REMOVE)(home.offer_removed)

    # All contacts (App Home): the list modal, its search, stage filter and pages
    app.action(list_blocks.ALL_CONTACTS)(contact_list.open_contact_list)
    app.action(list_blocks.SEARCH_ACTION)(contact_list.contact_list_changed)
    app.action(list_blocks.STAGE_ACTION)(contact_list.contact_list_changed)
    app.action(_prefixed(list_blocks.PAGE_ACTION))(contact_list.contact_list_changed)
    app.view(list_blocks.CALLBACK)(contact_list.contact_list_searched)  # its Search button

    # Contacts files: import preview, result, App Home's import and export
    app.action(import_blocks.CONFIRM)(imports.import_clicked)
    app.action(import_blocks.CONFIRM_ALL)(imports.import_all_clicked)
    app.action(import_blocks.CANCEL)(imports.cancel_clicked)
    app.action(import_blocks.UNDO)(imports.undo_clicked)
    app.action(import_blocks.OPEN_MODAL)(imports.open_import_modal)
    app.action(import_blocks.EXPORT)(imports.export_clicked)
    app.action(import_blocks.ERASE)(erase.open_erase_modal)

    # Business cards by photo: App Home's button, the DM preview's Review and save and Cancel
    app.action(card_blocks.OPEN)(card_actions.open_cards_modal)
    app.action(card_blocks.REVIEW_OPEN)(card_actions.review_clicked)
    app.action(card_blocks.CANCEL)(card_actions.cancel_clicked)
