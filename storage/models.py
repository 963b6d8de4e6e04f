"""SQLAlchemy models for SPEC §3. Every row carries its Slack team and owner user."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class UserProfile(Base):
    """A Slack user's settings. Times are naive UTC; dates are the user's local dates."""

    __tablename__ = "user_profiles"
    __table_args__ = (
        UniqueConstraint("team_id", "user_id", name="uq_user_profiles_owner"),
        # "users whose digest is due": WHERE next_digest_at <= now
        Index("ix_user_profiles_next_digest_at", "next_digest_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    display_name: Mapped[str | None] = mapped_column(String(200))
    tz: Mapped[str] = mapped_column(String(64), default="UTC")
    tz_fetched_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    nudge_minute: Mapped[int] = mapped_column(Integer, default=9 * 60)
    nudge_days: Mapped[str] = mapped_column(String(20), default="0,1,2,3,4")
    pause_until: Mapped[dt.date | None] = mapped_column(Date)
    paused_reason: Mapped[str | None] = mapped_column(String(300))
    max_per_digest: Mapped[int] = mapped_column(Integer, default=5)
    dm_channel_id: Mapped[str | None] = mapped_column(String(32))
    next_digest_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    weekly_review: Mapped[bool] = mapped_column(Boolean, default=False)  # opted in to the Friday look back
    home_seen_at: Mapped[dt.datetime | None] = mapped_column(DateTime)  # last App Home visit or Home button
    # whose public holidays skip digests and next tries: `DE`, `GB-SCT`, `none`; NULL: the tz's country
    holiday_country: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class Contact(Base):
    __tablename__ = "contacts"
    __table_args__ = (
        # "due contacts of a user": WHERE team_id=? AND user_id=? AND next_due <= today
        Index("ix_contacts_owner_due", "team_id", "user_id", "next_due"),
        Index("ix_contacts_owner_name", "team_id", "user_id", "name_key"),
        # the contact index's fingerprint: count, max id, max updated_at of one owner, index only
        Index("ix_contacts_owner_updated", "team_id", "user_id", "updated_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(100))
    name_key: Mapped[str] = mapped_column(String(100))
    company: Mapped[str | None] = mapped_column(String(200))
    company_key: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str | None] = mapped_column(String(200))
    event: Mapped[str | None] = mapped_column(String(200))
    met_on: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)
    promise: Mapped[str | None] = mapped_column(String(500))
    promise_due: Mapped[dt.date | None] = mapped_column(Date)
    promise_done: Mapped[bool] = mapped_column(Boolean, default=False)  # closed: kept or dropped
    promise_outcome: Mapped[str | None] = mapped_column(String(8))  # "kept" | "dropped" once closed
    promise_closed_on: Mapped[dt.date | None] = mapped_column(Date)
    email: Mapped[str | None] = mapped_column(String(320))
    phone: Mapped[str | None] = mapped_column(String(40))
    url: Mapped[str | None] = mapped_column(String(1000))
    slack_user_id: Mapped[str | None] = mapped_column(String(32))
    referred_by: Mapped[str | None] = mapped_column(String(200))  # "referred by X": a warm lead
    introducer: Mapped[str | None] = mapped_column(String(200))  # "via X": who introduced you (you met)
    referrer_thanked_on: Mapped[dt.date | None] = mapped_column(Date)
    stage: Mapped[str] = mapped_column(String(16), default="new")
    next_due: Mapped[dt.date | None] = mapped_column(Date)
    next_due_reason: Mapped[str | None] = mapped_column(String(300))
    unanswered_streak: Mapped[int] = mapped_column(Integer, default=0)
    last_outcome: Mapped[str | None] = mapped_column(String(16))
    last_contact_on: Mapped[dt.date | None] = mapped_column(Date)
    let_go_asked: Mapped[bool] = mapped_column(Boolean, default=False)
    let_go_on: Mapped[dt.date | None] = mapped_column(Date)
    # The story of the calls (SPEC §12), kept on the contact so every screen reads it without a join.
    ever_reached: Mapped[bool] = mapped_column(Boolean, default=False)  # a reached call or a held meeting
    last_call_on: Mapped[dt.date | None] = mapped_column(Date)  # the newest call outcome's day
    last_call_notes: Mapped[str | None] = mapped_column(Text)  # that call's notes (the user's words)
    # the conversation before a one-way touch with notes of its own (migration 0013): never hidden by it
    earlier_call_notes: Mapped[str | None] = mapped_column(Text)
    earlier_call_on: Mapped[dt.date | None] = mapped_column(Date)
    meeting_on: Mapped[dt.date | None] = mapped_column(Date)  # the booked meeting's day
    meeting_state: Mapped[str | None] = mapped_column(String(12))  # booked | held | moved | cancelled
    meeting_asked: Mapped[bool] = mapped_column(Boolean, default=False)  # "did it happen?" was asked
    # Rhythm (migration 0006): a wrong phone, tags, and this contact's own cadence after a reached call.
    phone_wrong: Mapped[bool] = mapped_column(Boolean, default=False)  # a call reached a wrong number
    tags: Mapped[str | None] = mapped_column(String(500))  # space-separated, lower-case, no "#"
    cadence_ideal_days: Mapped[int | None] = mapped_column(Integer)  # due this long after a reached call
    cadence_latest_days: Mapped[int | None] = mapped_column(Integer)  # overdue after this long
    latest_due: Mapped[dt.date | None] = mapped_column(Date)  # past next_due and up to it: "slipping"
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    interactions: Mapped[list[Interaction]] = relationship(
        back_populates="contact", cascade="all, delete-orphan", passive_deletes=True
    )


class Interaction(Base):
    """One logged event on a contact: a call outcome, or a snooze / let go / revive."""

    __tablename__ = "interactions"
    __table_args__ = (
        Index("ix_interactions_owner_at", "team_id", "user_id", "at"),
        Index("ix_interactions_contact", "contact_id"),
        # the same click delivered twice must log once
        UniqueConstraint("team_id", "user_id", "idempotency_key", name="uq_interactions_idempotency"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    on: Mapped[dt.date] = mapped_column(Date)  # the user's local date of the interaction
    outcome: Mapped[str] = mapped_column(String(16))
    notes: Mapped[str | None] = mapped_column(Text)
    next_due: Mapped[dt.date | None] = mapped_column(Date)
    reason: Mapped[str | None] = mapped_column(String(300))
    previous_state: Mapped[dict | None] = mapped_column(JSON)  # what Undo restores
    idempotency_key: Mapped[str | None] = mapped_column(String(200))

    contact: Mapped[Contact] = relationship(back_populates="interactions")


class TagCadence(Base):
    """How often to talk to everyone with one tag: an ideal and a latest gap in days."""

    __tablename__ = "tag_cadences"
    __table_args__ = (UniqueConstraint("team_id", "user_id", "tag", name="uq_tag_cadences_owner_tag"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    tag: Mapped[str] = mapped_column(String(50))
    ideal_days: Mapped[int] = mapped_column(Integer)
    latest_days: Mapped[int] = mapped_column(Integer)


class Offer(Base):
    """Something the user can give: an article, an event, an intro."""

    __tablename__ = "offers"
    __table_args__ = (Index("ix_offers_owner", "team_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(200))
    url: Mapped[str | None] = mapped_column(String(1000))
    topics: Mapped[str] = mapped_column(String(500), default="")  # space separated, lower-case
    ends_on: Mapped[dt.date | None] = mapped_column(Date)  # an invitation's day: not offered after it
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Digest(Base):
    """One daily DM per user per local date; the unique key is what makes it exactly-once."""

    __tablename__ = "digests"
    __table_args__ = (
        UniqueConstraint("team_id", "user_id", "local_date", name="uq_digests_owner_day"),
        Index("ix_digests_state_retry", "state", "not_before"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    local_date: Mapped[dt.date] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(16), default="claimed")  # claimed|sending|sent|skipped|failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    owner: Mapped[str | None] = mapped_column(String(100))
    lease_until: Mapped[dt.datetime | None] = mapped_column(DateTime)
    not_before: Mapped[dt.datetime | None] = mapped_column(DateTime)
    channel_id: Mapped[str | None] = mapped_column(String(32))
    message_ts: Mapped[str | None] = mapped_column(String(32))
    contact_ids: Mapped[list | None] = mapped_column(JSON)
    error: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class SeenRequest(Base):
    """Slack event ids and action keys already handled (Slack retries; users double-click)."""

    __tablename__ = "seen_requests"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    seen_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class QueuedJob(Base):
    """Work an ack promised that still has to run after it: a mentioned member's name to look up, a
    command waiting for its owner's time zone, a reply Slack could not take. Any replica claims a job
    with a lease (`lease_until`); a finished job is deleted, one that kept failing stays as `failed`."""

    __tablename__ = "queued_jobs"
    __table_args__ = (Index("ix_queued_jobs_state_due", "state", "not_before"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict] = mapped_column(JSON)  # what the job needs (text, ids, response_url)
    progress: Mapped[dict | None] = mapped_column(JSON)  # what an earlier attempt already committed
    state: Mapped[str] = mapped_column(String(16), default="queued")  # queued | failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    not_before: Mapped[dt.datetime] = mapped_column(DateTime)
    lease_until: Mapped[dt.datetime | None] = mapped_column(DateTime)
    lease_owner: Mapped[str | None] = mapped_column(String(100))
    error: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)  # when the command came


class ImportBatch(Base):
    """One contacts file imported (or only previewed): what it read, and what it changed, so an undo
    removes exactly the contacts it added and puts back the fields it updated."""

    __tablename__ = "import_batches"
    __table_args__ = (Index("ix_import_batches_owner", "team_id", "user_id", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    state: Mapped[str] = mapped_column(String(16), default="previewed")  # previewed|imported|cancelled|undone
    file_name: Mapped[str | None] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(8))  # csv | vcard
    rows: Mapped[list | None] = mapped_column(JSON)  # the checked rows until imported or cancelled
    problems: Mapped[list | None] = mapped_column(JSON)  # [[line, reason, skipped], ...]
    counts: Mapped[dict | None] = mapped_column(JSON)  # new, updated, unchanged, skipped
    added_ids: Mapped[list | None] = mapped_column(JSON)  # contacts this import created
    previous: Mapped[dict | None] = mapped_column(JSON)  # {contact id: {field: value before}} it updated
    imported_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    undone_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class WeeklyReview(Base):
    """One weekly look back per user per week (Monday's date); the unique key makes it exactly-once."""

    __tablename__ = "weekly_reviews"
    __table_args__ = (
        UniqueConstraint("team_id", "user_id", "week_start", name="uq_weekly_reviews_owner_week"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    week_start: Mapped[dt.date] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(16))  # sending | sent | skipped | failed
    message_ts: Mapped[str | None] = mapped_column(String(32))
    error: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class ReasonFeedback(Base):
    """A user's verdict on one reason kind, for one contact, under one day's digest or /prep (issue 30):
    one row per (team, user, kind, contact, day); pressing again replaces the verdict."""

    __tablename__ = "reason_feedback"
    __table_args__ = (
        UniqueConstraint("team_id", "user_id", "kind", "contact_id", "on", name="uq_reason_feedback_vote"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(40))  # a Reason.kind of bot.domain.talking_points
    contact_id: Mapped[int] = mapped_column(Integer)  # no foreign key: the verdict outlives the contact
    on: Mapped[dt.date] = mapped_column(Date)  # the local day of the digest or /prep it was under
    useful: Mapped[bool] = mapped_column(Boolean)
    surface: Mapped[str] = mapped_column(String(16))  # digest | prep
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
