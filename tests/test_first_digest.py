"""A new user's first digest by one rule (README, "The morning DM"): first contacts saved after today's
nudge time wait for the next nudge day, whichever dispatcher pass (of two replicas) runs first:
before the profile, between the profile and the contact, or after both.
"""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from bot.delivery.dispatcher import dispatch
from bot.domain.digest_schedule import first_digest_at
from bot.services.context import Services
from handlers.blocks.digest import render_digest
from storage.profiles import unsaved_profile
from tests.world import open_home, settle, slash_command

TUESDAY, WEDNESDAY = dt.date(2026, 11, 24), dt.date(2026, 11, 25)
NY_0830 = dt.datetime(2026, 11, 24, 13, 30, tzinfo=dt.UTC)
NY_1000 = dt.datetime(2026, 11, 24, 15, 0, tzinfo=dt.UTC)
NY_WEDNESDAY_0900 = dt.datetime(2026, 11, 25, 14, 0, tzinfo=dt.UTC)
FIRST_CONTACT = "Jane Doe of Acme at PyCon on 2026-11-10"  # met two weeks ago: due at once
NEW_USERS = 12


@pytest.mark.parametrize(
    ("saved_at", "first"),
    [
        (dt.datetime(2026, 11, 24, 13, 59, tzinfo=dt.UTC), dt.datetime(2026, 11, 24, 14, 0)),
        (dt.datetime(2026, 11, 24, 14, 0, tzinfo=dt.UTC), dt.datetime(2026, 11, 24, 14, 0)),
        (dt.datetime(2026, 11, 24, 14, 0, 1, tzinfo=dt.UTC), dt.datetime(2026, 11, 25, 14, 0)),
        (dt.datetime(2026, 11, 24, 22, 0, tzinfo=dt.UTC), dt.datetime(2026, 11, 25, 14, 0)),
        (dt.datetime(2026, 11, 27, 15, 0, tzinfo=dt.UTC), dt.datetime(2026, 11, 30, 14, 0)),
        (dt.datetime(2026, 11, 28, 15, 0, tzinfo=dt.UTC), dt.datetime(2026, 11, 30, 14, 0)),
    ],
    ids=["before-nine", "nine-sharp", "a-second-after-nine", "evening", "friday-after-nine", "saturday"],
)
def test_first_digest_at(saved_at, first):
    assert first_digest_at(unsaved_profile("T1", "U1", tz="America/New_York"), saved_at) == first


def digest_days(world, user: str) -> list[dt.date]:
    return [
        dt.date.fromisoformat(m["metadata"]["event_payload"]["local_date"])
        for m in world.double.dm_messages(user)
        if (m.get("metadata") or {}).get("event_type") == "warmcall_digest"
    ]


def tick(services: Services) -> dict:
    return dispatch(services, render_digest)


def test_first_contacts_after_the_nudge_time_wait_for_the_next_nudge_day_whoever_passes_first(world):
    replica = Services(settings=world.services.settings, db=world.db, clock=world.clock)  # a second bot
    replicas = (world.services, replica)
    try:
        world.clock.set(NY_0830)
        early = world.user("UEARLY")
        slash_command(world, early, "/met", FIRST_CONTACT)  # before today's 09:00
        settle(world)

        world.clock.set(NY_1000)
        users = [world.user(f"UNEW{i:02d}") for i in range(NEW_USERS)]
        third = NEW_USERS // 3
        # The profile first (a Home visit), then a pass of one replica or the other, then the contact
        for i, user in enumerate(users[:third]):
            open_home(world, user)
            settle(world)  # their profile is stored, with their zone
            assert tick(replicas[i % 2]).get("nothing_due")  # it found them with no contact: not today
            slash_command(world, user, "/met", FIRST_CONTACT)
        # The profile, then the contact at once: no pass between them
        for user in users[third : 2 * third]:
            open_home(world, user)
            slash_command(world, user, "/met", FIRST_CONTACT)
        # Profile and contact by the one command, while both replicas pass again and again
        stop = threading.Event()

        def passes(services: Services) -> None:
            while not stop.is_set():
                tick(services)
                stop.wait(0.005)

        threads = [threading.Thread(target=passes, args=(services,)) for services in replicas]
        for thread in threads:
            thread.start()
        try:
            for user in users[2 * third :]:
                slash_command(world, user, "/met", FIRST_CONTACT)
        finally:
            stop.set()
            for thread in threads:
                thread.join()
        for services in replicas:
            tick(services)

        assert digest_days(world, early) == [TUESDAY]
        assert {user: digest_days(world, user) for user in users} == {user: [] for user in users}

        world.clock.set(NY_WEDNESDAY_0900)  # the next nudge day: everyone's first digest, once
        for services in replicas:
            tick(services)
        assert {user: digest_days(world, user) for user in users} == {user: [WEDNESDAY] for user in users}
        assert digest_days(world, early) == [TUESDAY, WEDNESDAY]
    finally:
        replica.background.shutdown()
