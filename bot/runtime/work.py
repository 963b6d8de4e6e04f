"""Every kind of durable-queue job and what runs it: the listeners' work (handlers.commands) and the
outbound work delivery does with handlers' Block Kit (a planned call's reminder)."""

from __future__ import annotations

from bot.delivery.plan_reminders import reminder_work
from bot.services import queue
from handlers.blocks.plan import render_reminder
from handlers.commands import QUEUED_WORK as LISTENER_WORK

QUEUED_WORK: dict[str, queue.Work] = {**LISTENER_WORK, **reminder_work(render_reminder)}
