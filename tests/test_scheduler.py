"""The long-running process's periodic jobs (SPEC §8): a constant set, daily jobs on one replica."""

from __future__ import annotations

import datetime as dt
import threading

from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.runtime.scheduler import once_a_day, scheduled_jobs
from bot.services.jobs import daily_run
from handlers.blocks.digest import render_digest
from storage.db import Database


def test_the_jobs_are_the_dispatcher_and_two_daily_jobs_at_fixed_hours(world):
    jobs = {job.id: job for job in scheduled_jobs(world.services, render_digest)}
    assert sorted(jobs) == ["clean_up", "dispatch", "queue", "time_zones"]
    assert isinstance(jobs["dispatch"].trigger, IntervalTrigger)
    assert jobs["dispatch"].trigger.interval == dt.timedelta(seconds=world.services.settings.tick_seconds)
    start = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)
    hour = world.services.settings.maintenance_hour
    for job_id, minute in (("time_zones", 0), ("clean_up", 30)):
        trigger = jobs[job_id].trigger
        assert isinstance(trigger, CronTrigger)
        fire = trigger.get_next_fire_time(None, start)
        assert (fire.hour, fire.minute) == (hour, minute)
        assert fire.date() == dt.date(2026, 12, 2)  # the fixed hour has passed today: tomorrow


def test_a_daily_job_runs_once_a_day_however_many_replicas_fire_it(world):
    runs: list[str] = []
    job = once_a_day(world.services, "test_job", lambda services: runs.append("ran") or {})
    replica_two = once_a_day(world.services, "test_job", lambda services: runs.append("two") or {})
    assert job() == {}
    assert replica_two() is None  # same day, another replica: skipped
    assert job() is None
    world.advance(days=1)
    assert replica_two() == {}
    assert runs == ["ran", "two"]


def test_a_replica_holding_the_lock_keeps_others_out_while_it_runs(world):
    # While one replica is inside today's run, another (another Database: another connection pool,
    # as another process would have) neither runs it nor claims the day.
    other = Database(world.db.engine.url.render_as_string(hide_password=False))
    inside, release = threading.Event(), threading.Event()
    seen: dict[str, bool] = {}

    def first() -> None:
        with daily_run(world.services, "locked_job", dt.date(2026, 12, 1)) as mine:
            seen["first"] = mine
            inside.set()
            release.wait(10)

    thread = threading.Thread(target=first)
    thread.start()
    try:
        assert inside.wait(10)
        with other.exclusive("warmcall-job:locked_job") as got:
            seen["other_lock"] = got
    finally:
        release.set()
        thread.join(10)
        other.dispose()
    assert seen["first"] is True
    assert seen["other_lock"] is False  # SQLite: an flock beside the file, as HTTP workers share it
