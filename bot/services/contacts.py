"""Capturing contacts (SPEC §4): saving (quick-add parses in bot.services.quick_add), the form, likely
duplicates, edit and undo.

Every operation takes the owner (team_id, user_id) and loads rows with it; ids that come from
buttons or modal metadata are never trusted alone. Results are plain dataclasses that know nothing
of Block Kit, so the handlers decide how to show them.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace

from sqlalchemy.orm import Session

from bot.domain.cadence import first_follow_up
from bot.domain.clock import naive_utc, zone
from bot.domain.contact_details import user_country
from bot.domain.contact_form import (
    ContactDraft,
    draft_problems,
    is_likely_duplicate,
    read_form,
)
from bot.domain.dates import day_first_in
from bot.domain.quickadd import MAX_NOTES
from bot.domain.resolve import loose_key
from bot.domain.rhythm import Cadence
from bot.domain.tags import merged, tags_of
from bot.domain.talking_points.case_schedule import with_their_time
from bot.domain.vocabulary import DEFAULT_NUDGE_DAYS, Stage, fold
from bot.domain.work_calendar import WorkingDays
from bot.services.context import Services
from bot.services.first_digest import hold_first_digest
from bot.services.profiles import ensure_profile, working_days_of
from bot.services.queue import NAME, Gone, Queued, job_of
from storage.contacts import (
    add_contact,
    claim_once,
    contacts_by_loose_name,
    delete_contact,
    get_contact,
    update_contact,
)
from storage.models import Contact
from storage.profiles import get_profile
from storage.queue import add_job, job_progress, record_progress

PICKED_REASON = "the date you picked"


@dataclass(frozen=True)
class ContactSummary:
    """A saved contact as the user sees it (or, with id None, the blank form's defaults)."""

    id: int | None
    name: str
    company: str | None
    role: str | None
    event: str | None
    met_on: dt.date | None
    notes: str | None
    promise: str | None
    promise_due: dt.date | None
    email: str | None
    phone: str | None
    url: str | None
    slack_user_id: str | None
    referred_by: str | None
    stage: str
    next_due: dt.date | None
    next_due_reason: str | None
    introducer: str | None = None
    promise_outcome: str | None = None  # "kept" | "dropped" once the promise is closed
    promise_closed_on: dt.date | None = None
    ever_called: bool = False  # a call was logged: the next follow-up is no longer the first
    phone_wrong: bool = False  # a call reached a wrong number; a new phone clears it
    tags: tuple[str, ...] = ()  # lower-case, without "#"
    cadence: str | None = None  # the contact's own rhythm in words ("every 2 weeks"), None: none set
    phone_region: str | None = None  # the owner's country when known: their numbers show nationally


@dataclass(frozen=True)
class Saved:
    contact: ContactSummary
    updated: bool = False  # True: an existing contact was changed (an undo would delete too much)
    deactivated_member: str | None = None  # the mentioned member's Slack account is deactivated
    home_in_use: bool | None = None  # whether the owner has App Home in use; None: not looked up


@dataclass(frozen=True)
class Duplicate:
    """Not saved: the owner already has someone who looks the same. Ask before saving twice."""

    draft: ContactDraft
    existing: ContactSummary
    nonce: str  # names this question, so only the first answer to it counts


@dataclass(frozen=True)
class Problem:
    """Nothing was written; `message` says what to change, `field` names the culprit if any."""

    message: str
    field: str | None = None


@dataclass(frozen=True)
class Removed:
    """Undo: `name` of the contact deleted now, or None when it was already gone."""

    name: str | None


@dataclass(frozen=True)
class OwnerDay:
    today: dt.date
    nudge_days: frozenset[int]
    home_seen_at: dt.datetime | None = None  # when the owner last had App Home in front of them
    holidays: str | None = None  # the region whose public holidays are no nudge days (None: none)
    country: str | None = None  # the user's country, for phone numbers (bot.domain.contact_details)

    @property
    def working(self) -> WorkingDays:
        """The nudge days less the public holidays: what the cadence rules count in."""
        return WorkingDays(self.nudge_days, self.holidays)


# What an "Update" from a duplicate prompt may change; the name stays as first saved.
MERGED_FIELDS = (
    "company",
    "role",
    "event",
    "met_on",
    "promise",
    "promise_due",
    "email",
    "phone",
    "url",
    "slack_user_id",
    "referred_by",
    "introducer",
)
ANSWERED = Problem("You already answered that question, so nothing more was saved.")
GONE = Problem("That contact isn't in your list any more, so there is nothing to change.")


# --- the owner's calendar ------------------------------------------------------------------------------


def owner_day(
    services: Services, team_id: str, user_id: str, *, ask_slack: bool = True, at: dt.datetime | None = None
) -> OwnerDay:
    """The owner's local date (now, or at the instant `at`) and their nudge days. `ask_slack=False`
    never calls Slack (for code that must answer within Slack's 3 seconds): a user we have never seen
    is on UTC until then."""
    instant = at or services.clock.now()
    if ask_slack:
        profile = ensure_profile(services, team_id, user_id)
    else:
        with services.db.reading() as session:
            profile = get_profile(session, team_id, user_id)
    if profile is None:
        return OwnerDay(instant.astimezone(zone("UTC")).date(), DEFAULT_NUDGE_DAYS)
    working, country = working_days_of(profile), user_country(profile.holiday_country, profile.tz)
    today = instant.astimezone(zone(profile.tz)).date()
    return OwnerDay(today, working.weekdays, holidays=working.region, country=country)


def known_day_in(session: Session, services: Services, team_id: str, user_id: str) -> OwnerDay | None:
    profile = get_profile(session, team_id, user_id)
    if profile is None or profile.tz_fetched_at is None:
        return None
    working, country = working_days_of(profile), user_country(profile.holiday_country, profile.tz)
    today = services.clock.now().astimezone(zone(profile.tz)).date()
    return OwnerDay(today, working.weekdays, profile.home_seen_at, working.region, country)


def first_problem(draft: ContactDraft, today: dt.date) -> Problem | None:
    """The first thing wrong with a draft, as the Problem a save answers with; None when it can be saved."""
    problems = draft_problems(draft, today)
    if not problems:
        return None
    key, message = next(iter(problems.items()))
    return Problem(message, key)


# --- reading -------------------------------------------------------------------------------------------


def summary_of(contact: Contact) -> ContactSummary:
    return ContactSummary(
        id=contact.id,
        name=contact.name,
        company=contact.company,
        role=contact.role,
        event=contact.event,
        met_on=contact.met_on,
        notes=contact.notes,
        promise=contact.promise,
        promise_due=contact.promise_due,
        email=contact.email,
        phone=contact.phone,
        url=contact.url,
        slack_user_id=contact.slack_user_id,
        referred_by=contact.referred_by,
        stage=contact.stage,
        next_due=contact.next_due,
        next_due_reason=contact.next_due_reason,
        introducer=contact.introducer,
        promise_outcome=contact.promise_outcome if contact.promise_done else None,
        promise_closed_on=contact.promise_closed_on if contact.promise_done else None,
        ever_called=contact.last_outcome is not None,
        phone_wrong=bool(contact.phone_wrong),
        tags=tags_of(contact.tags),
        cadence=_cadence_words(contact),
    )


def _cadence_words(contact: Contact) -> str | None:
    if not (contact.cadence_ideal_days and contact.cadence_latest_days):
        return None
    return Cadence(contact.cadence_ideal_days, contact.cadence_latest_days).words()


def _cadence_columns(cadence: str | None) -> dict[str, int | None]:
    """The draft's rhythm ("14-21", "" to clear, None to keep) as contact columns."""
    if cadence is None:
        return {}
    ideal, _, latest = cadence.partition("-")
    if not (ideal.isdigit() and latest.isdigit()):
        return {"cadence_ideal_days": None, "cadence_latest_days": None}
    return {"cadence_ideal_days": int(ideal), "cadence_latest_days": int(latest)}


def contact_for_edit(
    services: Services, team_id: str, user_id: str, contact_id: object
) -> ContactSummary | None:
    """The owner's contact, or None when it is gone or someone else's."""
    with services.db.transaction() as session:
        contact = get_contact(session, team_id, user_id, contact_id)  # type: ignore[arg-type]
        return summary_of(contact) if contact else None


def blank_form(services: Services, team_id: str, user_id: str) -> ContactSummary:
    """Defaults for the "New contact" form: met today, first follow-up by the cadence rule. No Slack call."""
    day = owner_day(services, team_id, user_id, ask_slack=False)
    follow_up = first_follow_up(day.today, None, day.working, services.cadence)
    return ContactSummary(
        id=None,
        name="",
        company=None,
        role=None,
        event=None,
        met_on=day.today,
        notes=None,
        promise=None,
        promise_due=None,
        email=None,
        phone=None,
        url=None,
        slack_user_id=None,
        referred_by=None,
        stage=Stage.NEW.value,
        next_due=follow_up.next_due,
        next_due_reason=follow_up.reason,
    )


# --- writing -------------------------------------------------------------------------------------------


def save_new(
    services: Services,
    team_id: str,
    user_id: str,
    draft: ContactDraft,
    *,
    day: OwnerDay | None = None,
    check_duplicates: bool = False,
    once: str | None = None,
    job_id: int | None = None,
    name_lookup: str | None = None,
) -> Saved | Duplicate | Problem | Queued | Gone:
    """Save a new contact with its first follow-up (SPEC §7), or say why not. With `once` (a duplicate
    question's nonce) only the first call saves; a double click gets ANSWERED. With `job_id` (a queued
    /met) the job row records the contact, so a second run of the job returns it instead of saving
    again. With `name_lookup` (the command's response_url) a job to look the mentioned member's name
    up is queued in the same transaction, and the result is Queued."""
    day = day or owner_day(services, team_id, user_id, ask_slack=False)
    with services.db.transaction() as session:
        return save_new_in(
            session,
            services,
            team_id,
            user_id,
            draft,
            day,
            check_duplicates=check_duplicates,
            once=once,
            job_id=job_id,
            name_lookup=name_lookup,
        )


def save_new_in(
    session: Session,
    services: Services,
    team_id: str,
    user_id: str,
    draft: ContactDraft,
    day: OwnerDay,
    *,
    check_duplicates: bool = False,
    once: str | None = None,
    job_id: int | None = None,
    name_lookup: str | None = None,
    replay_key: str | None = None,
) -> Saved | Duplicate | Problem | Queued | Gone:
    """save_new in the caller's transaction (for a caller that read the owner's day in it).
    `replay_key`: the delivery key of the command asking for it; a repeated delivery saves nothing
    and answers Gone (nothing to say)."""
    if problem := first_problem(draft, day.today):
        return problem
    met_on = draft.met_on or day.today
    if draft.next_due:
        next_due, reason = draft.next_due, PICKED_REASON
    else:
        follow_up = first_follow_up(
            met_on, draft.promise_due, day.working, services.cadence, entered_on=day.today
        )
        follow_up = with_their_time(
            follow_up, draft.notes, met_on, day.today, day.working, day_first_in(day.country)
        )
        next_due, reason = follow_up.next_due, follow_up.reason
    if job_id is not None:
        earlier = job_progress(session, job_id)
        if earlier is None:  # another worker finished the job
            return Gone()
        if "contact_id" in earlier:  # an earlier run saved it and died before replying
            saved = get_contact(session, team_id, user_id, earlier["contact_id"])
            return Saved(summary_of(saved)) if saved else Gone()
    if replay_key is not None and not claim_once(session, team_id, user_id, replay_key):
        return Gone()
    if once is not None and not claim_once(session, team_id, user_id, f"met_dup:{once}"):
        return ANSWERED
    if check_duplicates:
        company_key = fold(draft.company) if draft.company else None
        for other in contacts_by_loose_name(session, team_id, user_id, loose_key(draft.name)):
            if is_likely_duplicate(company_key, other.company_key):
                return Duplicate(draft, summary_of(other), secrets.token_hex(6))
    values = {f.name: getattr(draft, f.name) for f in fields(ContactDraft)}
    values.update(_cadence_columns(values.pop("cadence")))
    values.update(met_on=met_on, next_due=next_due, next_due_reason=reason)
    contact = add_contact(session, team_id, user_id, stage=Stage.NEW.value, unanswered_streak=0, **values)
    hold_first_digest(session, services.clock, team_id, user_id, [contact.id])
    if job_id is not None:
        record_progress(session, job_id, contact_id=contact.id)
    if name_lookup is not None:
        payload = {"contact_id": contact.id, "member": draft.slack_user_id, "response_url": name_lookup}
        job = add_job(session, team_id, user_id, NAME, payload, now=naive_utc(services.clock.now()))
        return Queued(job_of(job))
    return Saved(summary_of(contact))


def merge_into(
    services: Services,
    team_id: str,
    user_id: str,
    contact_id: object,
    draft: ContactDraft,
    *,
    once: str | None = None,
) -> Saved | Problem:
    """The "Update" answer to a duplicate: what was typed fills or replaces the existing fields, the
    new notes go below the old ones, and a still-new contact gets its first follow-up again."""
    day = owner_day(services, team_id, user_id, ask_slack=False)
    if problem := first_problem(draft, day.today):
        return problem
    with services.db.transaction() as session:
        contact = get_contact(session, team_id, user_id, contact_id)  # type: ignore[arg-type]
        if contact is None:
            return GONE
        if once is not None and not claim_once(session, team_id, user_id, f"met_dup:{once}"):
            return ANSWERED
        changes: dict[str, object] = {}
        for key in MERGED_FIELDS:
            if getattr(draft, key) is not None:
                changes[key] = getattr(draft, key)
        if draft.notes:
            notes = f"{contact.notes}\n{draft.notes}" if contact.notes else draft.notes
            if len(notes) > MAX_NOTES:
                return Problem(
                    f"With the notes {contact.name} already has, that makes {len(notes):,} characters; "
                    f"keep them to {MAX_NOTES:,}. Use Edit on the contact to trim them.",
                    "notes",
                )
            changes["notes"] = notes
        if "promise" in changes:
            changes.update(promise_done=False, promise_outcome=None, promise_closed_on=None)
        if draft.tags:  # the tags typed join the ones the contact has
            changes["tags"] = merged(contact.tags, tags_of(draft.tags))
        if changes.get("phone", contact.phone) != contact.phone:
            changes["phone_wrong"] = False  # a new number has not been tried yet
        update_contact(contact, **changes)
        if contact.stage == Stage.NEW.value:
            met, promised, rules = contact.met_on or day.today, contact.promise_due, services.cadence
            follow_up = first_follow_up(met, promised, day.working, rules, entered_on=day.today)
            contact.next_due, contact.next_due_reason = follow_up.next_due, follow_up.reason
        session.flush()
        return Saved(summary_of(contact), updated=True)


def save_form(
    services: Services,
    team_id: str,
    user_id: str,
    contact_id: object | None,
    draft: ContactDraft,
    shown_follow_up: dt.date | None,
) -> Saved | Problem:
    """Save the contact form: a new contact when `contact_id` is None, else an edit of the owner's.

    `shown_follow_up` is the follow-up date the form was opened with: left unchanged, the date keeps
    following the rule (a new or still-new contact whose meeting or promise date moved is rescheduled;
    an edited contact that has been called keeps its schedule). Changed, it is the user's pick.
    """
    picked = draft.next_due if draft.next_due != shown_follow_up else None
    draft = replace(draft, next_due=picked)
    if contact_id is None:
        result = save_new(services, team_id, user_id, draft)
        assert not isinstance(result, Duplicate)  # save_new only reports duplicates when asked to
        return result
    day = owner_day(services, team_id, user_id, ask_slack=False)
    if problem := first_problem(draft, day.today):
        return problem
    with services.db.transaction() as session:
        contact = get_contact(session, team_id, user_id, contact_id)  # type: ignore[arg-type]
        if contact is None:
            return GONE
        met_on = draft.met_on or contact.met_on or day.today
        dates_moved = met_on != contact.met_on or draft.promise_due != contact.promise_due
        changes = {
            f.name: getattr(draft, f.name)
            for f in fields(ContactDraft)
            if f.name not in ("slack_user_id", "next_due", "met_on")
        }
        if draft.tags is None:  # a form without the Tags field keeps the stored tags
            del changes["tags"]
        else:
            changes["tags"] = draft.tags or None
        changes.update(_cadence_columns(changes.pop("cadence")))
        if draft.promise != contact.promise:
            changes.update(promise_done=False, promise_outcome=None, promise_closed_on=None)
        if draft.phone != contact.phone:
            changes["phone_wrong"] = False  # a new number has not been tried yet
        update_contact(contact, met_on=met_on, **changes)
        if picked is not None:
            contact.next_due, contact.next_due_reason = picked, PICKED_REASON
        elif contact.stage == Stage.NEW.value and dates_moved:
            follow_up = first_follow_up(
                met_on, draft.promise_due, day.working, services.cadence, entered_on=day.today
            )
            contact.next_due, contact.next_due_reason = follow_up.next_due, follow_up.reason
        session.flush()
        return Saved(summary_of(contact), updated=True)


def undo_add(services: Services, team_id: str, user_id: str, contact_id: object) -> Removed:
    """Undo of a quick-add: delete the owner's contact; a second undo finds it already gone."""
    with services.db.transaction() as session:
        contact = get_contact(session, team_id, user_id, contact_id)  # type: ignore[arg-type]
        if contact is None:
            return Removed(None)
        name = contact.name
        delete_contact(session, team_id, user_id, contact.id)
        return Removed(name)


def submit_form(
    services: Services,
    team_id: str,
    user_id: str,
    contact_id: object | None,
    values: Mapping[str, str | None],
    shown_follow_up: dt.date | None,
) -> Saved | dict[str, str]:
    """Check and save the contact form in one go: the saved contact, or problems by field name.
    No Slack call, so a modal submission can answer within Slack's 3 seconds."""
    day = owner_day(services, team_id, user_id, ask_slack=False)
    draft = read_form(values, day.today, shown_follow_up, day.country)
    if isinstance(draft, dict):
        return draft
    result = save_form(services, team_id, user_id, contact_id, draft, shown_follow_up)
    if isinstance(result, Problem):
        return {result.field or "name": result.message}
    return replace(result, contact=replace(result.contact, phone_region=day.country))  # shown as at home
