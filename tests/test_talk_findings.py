"""Issue 28's findings, each tried as a new user would: saving Settings or a tag cadence says what was
saved; the streak survives a day nobody was due; `digest` after the morning's digest tells the truth;
the console sends the weekly look back; All contacts' buttons can be pressed in the console; `export`
into a missing folder is a sentence. Over signed HTTP on both databases where storage differs; the
console in-process on SQLite.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest

from bot.console import console
from bot.console.digest import scheduler_tick
from bot.console.terminal import Terminal
from bot.domain.stats import streak_from_days
from bot.services.stats import call_streak
from bot.testing.signed import text_values
from handlers.blocks.rhythm import TAG_CADENCE_FORM, tag_cadence_modal
from storage.contacts import add_contact
from storage.models import Digest, Interaction
from tests.test_dm_replies import person, text_of
from tests.test_holidays_e2e import save_settings, settings_form
from tests.test_weekly import busy_user, weekly_dms
from tests.world import TEAM, settings_for, wait_for

D = dt.date
UTC = dt.UTC

# Where the storage path is the same on both databases, SQLite alone (the CI budget).
SQLITE_ONLY = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


# --- 1. a saved form says what was saved -------------------------------------------------------------------


def _dm_texts(world, user: str = "U1") -> list[str]:
    return [text_of(m) for m in world.double.dm_messages(user)]


@SQLITE_ONLY
def test_saving_settings_confirms_what_was_saved_and_when_the_next_digest_comes(world):
    person(world)
    answer = save_settings(world, "U1", settings_form(world, "U1"), None)
    assert answer.status == 200 and not answer.json  # the form closes, as before
    said = wait_for(lambda: [t for t in _dm_texts(world) if "Settings saved" in t])[0]
    assert "09:00 (America/New_York), Mon–Fri, with up to 5 people" in said
    assert "Next digest: Tue 24 Nov at 09:00" in said  # it is 09:00 there: today's still comes
    assert world.double.block_errors == []


@SQLITE_ONLY
def test_saving_a_tag_cadence_confirms_the_table(world):
    person(world)
    with world.db.transaction() as s:
        add_contact(s, TEAM, "U1", name="Jane Doe", stage="active", tags="investor", next_due=D(2026, 12, 1))
    from bot.services.rhythm import tag_table
    from handlers.request import Owner

    view = {**tag_cadence_modal(tag_table(world.services, Owner(TEAM, "U1"))), "id": "VTAG1"}
    values = text_values({"tag_cadence_table": {"value": "#investor every 2 weeks"}})
    assert world.slack.view_submission("U1", TAG_CADENCE_FORM, values, view=view).status == 200
    said = wait_for(lambda: [t for t in _dm_texts(world) if "Cadence by tag saved" in t])[0]
    assert "#investor every 2 weeks" in said


# --- 2. the streak and days nobody was due ------------------------------------------------------------------

MON, TUE, WED, THU = D(2026, 11, 23), D(2026, 11, 24), D(2026, 11, 25), D(2026, 11, 26)
WEEKDAYS = frozenset(range(5))


@pytest.mark.parametrize(
    "logged, digests, streak",
    [
        pytest.param({MON, WED}, {MON, WED}, 2, id="tuesday-nobody-due-is-skipped"),
        pytest.param({MON, WED}, {MON, TUE, WED}, 1, id="tuesday-asked-and-missed-breaks"),
        pytest.param({WED}, set(), 1, id="no-digest-days-no-break"),
        pytest.param({MON, TUE, WED}, {MON, TUE, WED}, 3, id="every-day"),
    ],
)
def test_a_day_nobody_was_due_does_not_break_the_streak(logged, digests, streak):
    assert streak_from_days(logged, THU, WEEKDAYS, digest_days=digests, digests_known_since=MON) == streak


def test_before_the_kept_digests_every_nudge_day_counts_as_before():
    # Friday 20 Nov had no call and is older than the digests we keep: it breaks the streak
    logged = {D(2026, 11, 19), MON, WED}
    assert streak_from_days(logged, THU, WEEKDAYS, digest_days={WED}, digests_known_since=MON) == 2
    assert streak_from_days(logged, THU, WEEKDAYS) == 1  # without digest days: as before


def test_the_streak_on_home_reads_which_days_a_digest_went_out(world):
    person(world)
    with world.db.transaction() as s:
        jane = add_contact(s, TEAM, "U1", name="Jane Doe", stage="active", next_due=D(2026, 12, 1))
        for day in (D(2026, 11, 19), D(2026, 11, 23)):  # Thursday, then Monday
            s.add(Interaction(team_id=TEAM, user_id="U1", contact_id=jane.id, on=day, outcome="reached"))
            s.add(Digest(team_id=TEAM, user_id="U1", local_date=day, state="sent"))
        # Friday 20 Nov: no digest (nobody was due), no call
    with world.db.transaction() as s:
        assert call_streak(s, TEAM, "U1", TUE, WEEKDAYS) == 2


def test_the_digest_footer_streak_skips_a_day_nobody_was_due(world):
    from tests.test_digest import digests, due_user, tick

    due_user(world, "U1")
    with world.db.transaction() as s:
        jane = add_contact(s, TEAM, "U1", name="Jane Doe", stage="active", next_due=D(2026, 12, 1))
        for day in (D(2026, 11, 19), D(2026, 11, 23)):  # Thursday and Monday; Friday nobody was due
            s.add(Interaction(team_id=TEAM, user_id="U1", contact_id=jane.id, on=day, outcome="reached"))
            s.add(Digest(team_id=TEAM, user_id="U1", local_date=day, state="sent"))
    tick(world)  # Tuesday 24 Nov, 09:00 in New York
    [digest] = digests(world, "U1")
    assert "Call streak: 2 nudge days in a row" in text_of(digest)


# --- 3. the console: digest, weekly, All contacts, export --------------------------------------------------


def run_console(db_url: str, script: str, start: str) -> str:
    out = io.StringIO()
    terminal = Terminal(stdin=io.StringIO(script), stdout=out)
    with console(
        settings_for(db_url, "http://unused/"),
        terminal,
        user_name="Ada",
        tz="UTC",
        start=dt.datetime.fromisoformat(start),
    ) as session:
        assert session.run() == 0
        assert session.double.block_errors == []
    return out.getvalue()


def after(transcript: str, command: str) -> str:
    start = transcript.index(f"> {command}\n") + len(f"> {command}\n")
    end = transcript.find("\n> ", start)
    return transcript[start:] if end == -1 else transcript[start:end]


@pytest.fixture
def sqlite_url(tmp_path, sqlite_template) -> str:
    import shutil

    path = tmp_path / "console.db"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def quick_console(monkeypatch):
    """The console's quiet spell, short: its busy tracker already waits for the app's pools."""
    import bot.console.session

    monkeypatch.setattr(bot.console.session, "QUIET_SECONDS", 0.03)


def test_digest_after_the_mornings_digest_in_an_earlier_session_shows_who_is_due(sqlite_url, quick_console):
    first = run_console(
        sqlite_url,
        "blorp\n/met Jane Doe of Acme at PyCon\n/met Ravi Patel of Initech at PyCon\nadvance 2d2h\nquit\n",
        "2026-11-24T08:00:00+00:00",
    )
    assert "your digest time" in first and "Jane Doe" in after(first, "advance 2d2h")
    # a new session on the same database: its Slack double never saw this morning's digest
    second = run_console(sqlite_url, "blorp\ndigest\nquit\n", "2026-11-26T10:00:00+00:00")
    shown = after(second, "digest")
    assert "today's digest went out at 09:00" in shown
    assert "2 people to call today" in shown and "Jane Doe" in shown and "Ravi Patel" in shown
    assert "nobody is due" not in shown
    # the same first DM as the earlier session (whose event ids the database keeps): answered, not silence
    assert "I didn't catch that" in after(second, "blorp")


@SQLITE_ONLY
def test_the_console_tick_sends_the_weekly_look_back(world):
    busy_user(world)
    world.clock.set(dt.datetime(2026, 11, 27, 14, 0, tzinfo=UTC))  # Friday 09:00 in New York
    report = scheduler_tick(world.services)
    assert report is not None and report.get("weekly_sent") == 1
    assert len(weekly_dms(world, "U1")) == 1


def _number_of(session, action_id: str) -> int:
    """The [N] the screen shows for the button with `action_id`, as a user reads it off the screen."""
    for number in range(1, session.screen.button_count() + 1):
        shown = session.screen.button(number)
        if shown is not None and shown.clickable.element.get("action_id") == action_id:
            return number
    raise AssertionError(f"no {action_id} button on screen")


def test_all_contacts_buttons_and_search_work_in_the_console(sqlite_url, tmp_path, quick_console):
    from handlers.blocks.contact_buttons import VIEW
    from handlers.blocks.contact_list import ALL_CONTACTS

    out = io.StringIO()
    terminal = Terminal(stdin=io.StringIO(""), stdout=out)
    start = dt.datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
    with console(
        settings_for(sqlite_url, "http://unused/"), terminal, user_name="Ada", tz="UTC", start=start
    ) as s:
        s.handle("/met Jane Doe of Acme at PyCon")
        s.handle("/met Ravi Patel of Initech")
        s.handle("home")
        mark = len(out.getvalue())
        s.handle(f"click {_number_of(s, ALL_CONTACTS)}")
        listed = out.getvalue()[mark:]
        assert "All contacts (modal)" in listed and "search WORDS" in listed and "Form:" not in listed
        mark = len(out.getvalue())
        s.handle("search ravi")
        searched = out.getvalue()[mark:]
        assert "1–1 of 1 contact" in searched and "Ravi Patel" in searched and "Jane Doe" not in searched
        mark = len(out.getvalue())
        s.handle(f"click {_number_of(s, VIEW)}")  # View: his card, from inside the list
        assert "Ravi Patel" in out.getvalue()[mark:] and "Initech" in out.getvalue()[mark:]
        missing = tmp_path / "no-such-folder" / "contacts.csv"
        mark = len(out.getvalue())
        s.handle(f"export {missing}")
        exported = out.getvalue()[mark:]
        assert f"There is no folder {missing.parent}" in exported and "Errno" not in exported
        assert not missing.parent.exists()
        assert s.double.block_errors == []
