"""`warmcall console` (SPEC §9): scripted sessions through a real subprocess, the driver in-process with
listeners of its own, and the Block Kit renderer on a sample message."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.console import console
from bot.console.render import Style, render_message
from bot.console.terminal import Terminal
from tests.world import settings_for

ROOT = Path(__file__).resolve().parent.parent
# Tuesday 24 Nov 2026, 08:00 UTC: before the 09:00 nudge time, so the scheduler stays quiet at start.
START = "2026-11-24T08:00:00+00:00"


def run_console(
    script: str,
    *args: str,
    now: str = START,
    timeout: float = 90,
    user: str | None = "Ada Lovelace",
    login: dict[str, str] | None = None,
) -> subprocess.CompletedProcess:
    """`python -m bot console` fed `script`; `user=None` runs it without --user, with the login
    variables (USER, USERNAME, LOGNAME) set to `login`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_URL"))}
    env.update(NO_COLOR="1", LOG_LEVEL="INFO", PYTHONUNBUFFERED="1")
    if login is not None:
        for name in ("USER", "USERNAME", "LOGNAME"):
            env.pop(name, None)
        env.update(login)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "bot",
            "console",
            "--tz",
            "UTC",
            *(["--user", user] if user is not None else []),
            "--now",
            now,
            *args,
        ],
        input=script,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env=env,
    )


def after(transcript: str, command: str) -> str:
    """What the console printed for one scripted line (up to the next prompt)."""
    start = transcript.index(f"> {command}\n") + len(f"> {command}\n")
    end = transcript.find("\n> ", start)
    return transcript[start:] if end == -1 else transcript[start:end]


# ---------------------------------------------------------------------------------------------------
# The renderer
# ---------------------------------------------------------------------------------------------------

SAMPLE = {
    "text": "2 calls for today",
    "blocks": [
        {"type": "header", "text": {"type": "plain_text", "text": "Calls for today"}},
        {
            "type": "section",
            "text": {
                "type": "mrkdwn",
                "text": "*Jane Doe* (Acme) · _met at PyCon_ · see <https://acme.example/post|her post> "
                "with <@U0CONSOLE> &amp; `code` &lt;3",
            },
        },
        {
            "type": "section",
            "fields": [
                {"type": "mrkdwn", "text": "*Company*\nAcme"},
                {"type": "mrkdwn", "text": "*Next call*\nThu 26 Nov"},
            ],
        },
        {"type": "section", "text": {"type": "mrkdwn", "text": "> Hi Jane, it's Ada\n```reached ██ 1```"}},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": "2 more are due · 4-day streak"}]},
        {"type": "divider"},
        {"type": "image", "image_url": "https://example.com/x.png", "alt_text": "a chart"},
        {
            "type": "actions",
            "block_id": "contact:7",
            "elements": [
                {
                    "type": "button",
                    "text": {"type": "plain_text", "text": "Prep"},
                    "action_id": "contact_prep",
                },
                {
                    "type": "button",
                    "text": {"type": "plain_text", "text": "Log call"},
                    "action_id": "contact_log",
                    "style": "primary",
                },
            ],
        },
    ],
}


def test_renderer_shows_a_message_as_readable_text_with_numbered_buttons():
    rendered = render_message(SAMPLE, names={"U0CONSOLE": "ada"}.get, first_number=3)

    assert rendered.lines == [
        "Calls for today",
        "===============",
        "Jane Doe (Acme) · met at PyCon · see her post (https://acme.example/post) with @ada & `code` <3",
        "Company: Acme",
        "Next call: Thu 26 Nov",
        "│ Hi Jane, it's Ada",
        "reached ██ 1",
        "2 more are due · 4-day streak",
        "-" * 40,
        "[image: a chart]",
        "[3] Prep  [4] Log call",
    ]
    assert [(c.number, c.element["action_id"], c.block_id) for c in rendered.clickables] == [
        (3, "contact_prep", "contact:7"),
        (4, "contact_log", "contact:7"),
    ]


def test_renderer_uses_ansi_only_when_asked():
    plain = render_message(SAMPLE).text
    coloured = render_message(SAMPLE, style=Style(color=True)).text
    assert "\033[" not in plain
    assert "\033[1mJane Doe\033[0m" in coloured  # bold
    assert "\033[2m2 more are due" in coloured  # context dimmed


NOT_EMOJI = {":memory:", ":tel:"}  # SQLite's in-memory database name; vCard 4.0's `VALUE=uri:tel:` phone URIs
SHORTCODE = re.compile(r":[a-z][a-z0-9_]*:")


def shortcodes_in_the_code() -> dict[str, str]:
    """Every `:shortcode:` the app's text can carry (handlers/, bot/, seeds/), with where it is used."""
    found: dict[str, str] = {}
    for folder in ("handlers", "bot", "seeds"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix not in (".py", ".toml", ".yaml", ".yml", ".json") or path.name == "render.py":
                continue
            for code in SHORTCODE.findall(path.read_text(encoding="utf-8")):
                found.setdefault(code, str(path.relative_to(ROOT)))
    return {code: where for code, where in found.items() if code not in NOT_EMOJI}


def test_every_shortcode_the_app_uses_is_shown_as_an_emoji():
    from bot.console.render import _EMOJI

    used = shortcodes_in_the_code()
    assert ":handshake:" in used  # the grep finds what Home uses
    assert {code: where for code, where in used.items() if code not in _EMOJI} == {}


def test_shortcodes_render_as_emoji_in_mrkdwn_plain_text_and_rich_text():
    message = {
        "blocks": [
            {"type": "header", "text": {"type": "plain_text", "text": ":seedling: Revived"}},
            {
                "type": "section",
                "text": {"type": "mrkdwn", "text": ":handshake: Jane · `:x:` :no_such_code:"},
            },
            {
                "type": "rich_text",
                "elements": [{"type": "rich_text_section", "elements": [{"type": "emoji", "name": "gift"}]}],
            },
            {
                "type": "actions",
                "elements": [
                    {
                        "type": "button",
                        "text": {"type": "plain_text", "text": ":wastebasket: Delete"},
                        "action_id": "x",
                    }
                ],
            },
        ]
    }
    lines = render_message(message).lines
    assert lines == [
        "🌱 Revived",
        "=" * len("🌱 Revived"),
        "🤝 Jane · `:x:` :no_such_code:",
        "🎁",
        "[1] 🗑️ Delete",
    ]


# ---------------------------------------------------------------------------------------------------
# The driver, in-process, with a form of its own (independent of the product's features)
# ---------------------------------------------------------------------------------------------------


def _add_test_listeners(app) -> None:
    form = {
        "type": "modal",
        "callback_id": "console_test_form",
        "title": {"type": "plain_text", "text": "Test form"},
        "submit": {"type": "plain_text", "text": "Save"},
        "blocks": [
            {
                "type": "input",
                "block_id": "name",
                "label": {"type": "plain_text", "text": "Name"},
                "hint": {"type": "plain_text", "text": "Who you met"},
                "element": {"type": "plain_text_input", "action_id": "value", "initial_value": "Jane"},
            },
            {
                "type": "input",
                "block_id": "on",
                "label": {"type": "plain_text", "text": "Met on"},
                "element": {"type": "datepicker", "action_id": "value", "initial_date": "2026-11-23"},
            },
            {
                "type": "input",
                "block_id": "kind",
                "optional": True,
                "label": {"type": "plain_text", "text": "Kind"},
                "element": {
                    "type": "static_select",
                    "action_id": "value",
                    "options": [
                        {"text": {"type": "plain_text", "text": "Client"}, "value": "client"},
                        {"text": {"type": "plain_text", "text": "Partner"}, "value": "partner"},
                    ],
                },
            },
        ],
    }

    @app.command("/console-test")
    def open_menu(ack):
        ack(
            {
                "response_type": "ephemeral",
                "text": "menu",
                "blocks": [
                    {
                        "type": "actions",
                        "elements": [
                            {
                                "type": "button",
                                "text": {"type": "plain_text", "text": "Forget"},
                                "action_id": "console_test_forget",
                                "value": "7",
                                "confirm": {
                                    "title": {"type": "plain_text", "text": "Sure?"},
                                    "text": {"type": "plain_text", "text": "This forgets them."},
                                    "confirm": {"type": "plain_text", "text": "Forget"},
                                    "deny": {"type": "plain_text", "text": "Keep"},
                                },
                            },
                            {
                                "type": "button",
                                "text": {"type": "plain_text", "text": "Add"},
                                "action_id": "console_test_add",
                                "value": "x",
                            },
                        ],
                    }
                ],
            }
        )

    @app.action("console_test_forget")
    def forget(ack, respond, body):
        ack()
        respond(text=f"Forgot {body['actions'][0]['value']}", replace_original=True)

    @app.action("console_test_add")
    def add(ack, body, client):
        ack()
        client.views_open(trigger_id=body["trigger_id"], view=form)

    @app.view("console_test_form")
    def submitted(ack, body, view, client):
        values = view["state"]["values"]
        name = values["name"]["value"]["value"]
        if name == "bad":
            ack(response_action="errors", errors={"name": "Use a real name."})
            return
        ack()
        kind = (values["kind"]["value"]["selected_option"] or {}).get("value")
        on = values["on"]["value"]["selected_date"]
        user = body["user"]["id"]
        client.chat_postEphemeral(channel=user, user=user, text=f"Saved *{name}* met {on} as {kind}")


def run_in_process(db_url: str, script: str, monkeypatch) -> str:
    import handlers.commands

    monkeypatch.setattr(handlers.commands, "COMMANDS", (*handlers.commands.COMMANDS, "/console-test"))
    out = io.StringIO()
    terminal = Terminal(stdin=io.StringIO(script), stdout=out)
    start = dt.datetime.fromisoformat(START)
    with console(
        settings_for(db_url, "http://unused/"), terminal, user_name="Ada", tz="UTC", start=start
    ) as s:
        _add_test_listeners(s.app)
        assert s.run() == 0
        assert s.double.block_errors == []
    return out.getvalue()


def test_a_form_is_asked_field_by_field_and_inline_errors_are_re_asked(db_url, monkeypatch):
    transcript = run_in_process(
        db_url,
        "/console-test\nclick 2\nbad\n2026-11-30\n2\nGrace Hopper\nquit\n",
        monkeypatch,
    )
    assert "[1] Forget  [2] Add" in transcript
    assert "── Form: Test form ──" in transcript
    assert "Name (required)" in transcript and "Who you met" in transcript
    assert "? [Jane] bad" in transcript
    assert "? (a date: 2026-12-04, friday, tomorrow) [2026-11-23] 2026-11-30" in transcript
    assert "1) Client" in transcript and "2) Partner" in transcript
    # the app's inline error is shown, and only that field is asked again
    assert (
        "The app sent the form back to change:\n  Name (required)\n    Who you met\n    ✘ Use a real name."
        in transcript
    )
    assert transcript.count("Met on") == 1
    assert "? [bad] Grace Hopper" in transcript
    assert "Saved Grace Hopper met 2026-11-30 as partner" in transcript
    assert "Traceback" not in transcript


def test_confirm_dialogs_ask_first_and_a_bad_answer_is_asked_again(db_url, monkeypatch):
    transcript = run_in_process(
        db_url,
        "/console-test\nclick 1\nn\nclick 1\ny\nclick 9\nclick 2\n\nnot-a-date\n\n3\n\nquit\n",
        monkeypatch,
    )
    assert "Sure? This forgets them." in transcript
    assert "(cancelled — nothing was sent)" in transcript
    assert "── Warmcall (updated, only visible to you) ──\n  Forgot 7" in transcript
    assert "There is no button [9]" in transcript
    assert "I couldn't read `not-a-date` as a date" in transcript
    assert "Pick a number from 1 to 2." in transcript
    assert "Saved Jane met 2026-11-23 as None" in transcript  # Enter kept every default


def test_unknown_input_gets_help_and_bad_commands_say_what_to_type(db_url, monkeypatch):
    transcript = run_in_process(db_url, "hello there\n/nope\nadvance soon\nclick\n", monkeypatch)
    assert "DM from Warmcall" in after(transcript, "hello there")  # any other line is a DM to the app
    assert "called Jane, voicemail" in after(transcript, "hello there")
    assert "/nope is not a Warmcall command" in transcript
    assert "Say how far: `advance 3d`" in transcript
    assert "Say which button" in transcript


# ---------------------------------------------------------------------------------------------------
# Acceptance: a real `python -m bot console` fed a script on stdin
# ---------------------------------------------------------------------------------------------------

STORY = """\
# the morning after PyCon
/met Jane Doe of Acme at PyCon yesterday: hiring data engineers; promised her our pipeline checklist
/prep Jane
what now
advance 2d
digest
click 3
reached
2030-01-01
sent the checklist, she liked it
1
2026-11-26
home
quit
"""


@pytest.fixture(scope="module")
def story() -> subprocess.CompletedProcess:
    return run_console(STORY, "--db", ":memory:")


def test_story_runs_cleanly_as_a_transcript(story):
    assert story.returncode == 0, story.stderr
    assert "Traceback" not in story.stdout + story.stderr
    assert "\033[" not in story.stdout  # piped: no colour
    assert "in memory" in story.stdout.splitlines()[0]
    assert "> # the morning after PyCon" in story.stdout  # comments are echoed, not sent


def test_story_met_quick_add_is_confirmed(story):
    reply = after(story.stdout, STORY.splitlines()[1])
    assert "(only visible to you)" in reply
    assert "Jane Doe" in reply and "Acme" in reply and "PyCon" in reply
    assert re.search(r"\[\d+\] Undo", reply)


def test_story_prep_gives_talking_points(story):
    reply = after(story.stdout, "/prep Jane")
    assert "Jane Doe" in reply
    assert "checklist" in reply.lower()  # the promise comes first
    assert "Log call" in reply
    assert "couldn't read" not in reply


def test_story_unknown_input_gets_help(story):
    reply = after(story.stdout, "what now")
    assert "DM from Warmcall" in reply and "called Jane, voicemail" in reply


def test_story_digest_after_two_days_lists_the_contact_with_a_reason(story):
    assert "It is now Thu 26 Nov 2026, 08:00 (UTC)." in after(story.stdout, "advance 2d")
    digest = after(story.stdout, "digest")
    assert "DM from Warmcall" in digest
    assert "Jane Doe (Acme)" in digest
    assert "our pipeline checklist" in digest  # the value-first reason: the promise
    assert "[1] ✓ Promise kept  [2] Prep  [3] Log call  [4] Plan it  [5] Snooze 1w  [6] Let go" in digest


def test_story_log_call_form_re_asks_a_refused_date_and_confirms(story):
    form = after(story.stdout, "click 3")
    assert "── Form: Log call ──" in form
    assert "Outcome (required)" in form and "1) ✅ Reached" in form
    assert "? (a date: 2026-12-04, friday, tomorrow) 2030-01-01" in form
    assert "The app sent the form back to change:" in form
    assert re.search(r"✘ [^\n]*2030 is in the future\.", form)
    assert (
        "? (a date: 2026-12-04, friday, tomorrow) [2030-01-01] 2026-11-26" in form
    )  # only the refused field is asked again
    assert form.count("Outcome (required)") == 1
    assert "Reached: Jane Doe (Thu 26 Nov)" in form
    assert "Next follow-up" in form


def test_story_home_shows_the_call_logged(story):
    home = after(story.stdout, "home")
    assert "App Home" in home
    assert "Jane Doe" in home
    assert "Reached" in home or "reached" in home


def test_a_sqlite_file_keeps_contacts_between_two_runs(tmp_path):
    db = f"sqlite:///{tmp_path / 'console.db'}"
    first = run_console("/met Grace Hopper of Navy at SC26\nquit\n", "--db", db)
    assert first.returncode == 0, first.stderr
    assert "Grace Hopper" in first.stdout
    assert (tmp_path / "console.db").exists()

    second = run_console("advance 3d\ndigest\n", "--db", db)
    assert second.returncode == 0, second.stderr
    assert "Grace Hopper (Navy)" in after(second.stdout, "digest")


def test_a_new_tz_reaches_the_profile_kept_from_an_earlier_run(tmp_path):
    from sqlalchemy import select

    from storage.db import Database
    from storage.models import UserProfile

    db = f"sqlite:///{tmp_path / 'console.db'}"
    first = run_console("/met Grace Hopper of Navy at SC26\nquit\n", "--db", db)  # --tz UTC
    assert first.returncode == 0, first.stderr
    second = run_console("quit\n", "--db", db, "--tz", "Asia/Tokyo")
    assert second.returncode == 0, second.stderr
    database = Database(db)
    try:
        with database.transaction() as s:
            profile = s.scalar(select(UserProfile))
            assert profile.tz == "Asia/Tokyo"
            # Rescheduled in the new zone: it is 17:00 in Tokyo, so today's 09:00 digest (00:00 UTC)
            # may still go out before 18:00.
            assert profile.next_digest_at == dt.datetime(2026, 11, 24, 0, 0)
    finally:
        database.dispose()


def test_a_bad_database_url_is_one_line_not_a_traceback():
    result = run_console("quit\n", "--db", "nonsense")
    assert result.returncode == 2
    assert result.stderr.strip().startswith("warmcall: --db 'nonsense' is not a database URL")
    assert "Traceback" not in result.stderr


def test_after_nudge_time_the_scheduler_tick_delivers_and_digest_shows_it_again():
    result = run_console(
        "/met Ravi Patel from Globex at PyCon yesterday\nadvance 2d\ndigest\nclick 4\n",
        "--db",
        ":memory:",
        now="2026-11-24T10:00:00+00:00",  # 10:00 UTC: past the 09:00 nudge time
    )
    assert result.returncode == 0, result.stderr
    moved = after(result.stdout, "advance 2d")
    assert "── DM from Warmcall ──" in moved and "Ravi Patel (Globex)" in moved
    again = after(result.stdout, "digest")
    assert "today's digest, delivered earlier" in again and "Ravi Patel (Globex)" in again
    snoozed = after(result.stdout, "click 4")  # Snooze 1w on the digest itself
    assert "── Warmcall (updated) ──" in snoozed
    assert "snoozed until Thu 3 Dec" in snoozed


# ---------------------------------------------------------------------------------------------------
# Who the console user is, the mornings `advance` passes, and a clock kept between runs
# ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "option, login, name, guessed",
    [
        ("Grace Hopper", {"USER": "root"}, "Grace Hopper", False),
        (None, {"USER": "jane.doe"}, "Jane Doe", True),
        (None, {"USER": "ravi"}, "Ravi", True),
        (None, {"USERNAME": "maria_lopez"}, "Maria Lopez", True),
        (None, {"USER": "root"}, "Alex", True),
        (None, {}, "Alex", True),
        ("you", {}, "Alex", True),
    ],
    ids=["--user", "dotted login", "login", "windows login", "root", "no login", "--user you"],
)
def test_the_console_user_has_a_real_looking_name(option, login, name, guessed):
    from bot.console import console_user_name

    assert console_user_name(option, login) == (name, guessed)


def test_without_user_the_scripts_name_alex_and_the_banner_says_how_to_change_it():
    result = run_console(
        "/met José Núñez of Bank of America at PyCon yesterday: hiring engineers\n/prep jose\nquit\n",
        "--db",
        ":memory:",
        user=None,
        login={"USER": "root"},
    )
    assert result.returncode == 0, result.stderr
    banner = result.stdout.split("\n> ", 1)[0]
    assert "you are Alex" in banner and '--user "Your Name"' in banner
    prepared = after(result.stdout, "/prep jose")
    assert "Alex" in prepared
    assert "you here" not in result.stdout and "me here" not in result.stdout


ADVANCE_WEEK = """\
/met Jane Doe of Acme at PyCon yesterday: hiring data engineers
advance 1w
quit
"""


def test_advance_a_week_delivers_each_mornings_digest_in_order():
    result = run_console(ADVANCE_WEEK, "--db", ":memory:")
    assert result.returncode == 0, result.stderr
    moved = after(result.stdout, "advance 1w")
    mornings = re.findall(r"^(\w{3} \d\d \w{3} 2026, 09:00): your digest time\.$", moved, re.MULTILINE)
    # Tue 24 Nov 08:00 + 1 week: every nudge day's 09:00 on the way, weekends skipped.
    assert mornings == [
        "Tue 24 Nov 2026, 09:00",
        "Wed 25 Nov 2026, 09:00",
        "Thu 26 Nov 2026, 09:00",
        "Fri 27 Nov 2026, 09:00",
        "Mon 30 Nov 2026, 09:00",
    ]
    first, rest = moved.split("Wed 25 Nov 2026, 09:00: your digest time.", 1)
    assert "(no digest: nobody was due)" in first  # Jane comes due on Wed 25 Nov
    days = re.findall(r"Your calls for (\w{3} \d+ \w{3})", rest)
    assert days == ["Wed 25 Nov", "Thu 26 Nov", "Fri 27 Nov", "Mon 30 Nov"]
    assert rest.count("Jane Doe (Acme)") == 4
    assert moved.rstrip().endswith("It is now Tue 01 Dec 2026, 08:00 (UTC).")


def test_a_restarted_console_goes_on_from_its_kept_clock(tmp_path):
    db = f"sqlite:///{tmp_path / 'console.db'}"
    first = run_console("/met Grace Hopper of Navy at SC26\nadvance 3w\nquit\n", "--db", db)
    assert first.returncode == 0, first.stderr
    assert "It is now Tue 15 Dec 2026, 08:00 (UTC)." in after(first.stdout, "advance 3w")
    assert (tmp_path / "console.db.console-clock").exists()

    # Started again with the same --now: the clock does not go back behind the calls and digests.
    second = run_console("advance 1m\n/called grace reached\nquit\n", "--db", db)
    assert second.returncode == 0, second.stderr
    banner = second.stdout.split("\n> ", 1)[0]
    assert "goes on from your last session" in banner and "Tue 15 Dec 2026" in banner
    assert re.search(r"It is now Tue 15 Dec 2026, 08:0\d \(UTC\)\.", after(second.stdout, "advance 1m"))
    assert "(Tue 15 Dec)" in after(second.stdout, "/called grace reached")


def test_the_kept_clock_never_moves_the_start_back(tmp_path):
    from bot.console.saved_clock import SavedClock, clock_file_for, starting_instant

    real = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)
    requested = dt.datetime(2026, 11, 24, 8, 0, tzinfo=dt.UTC)
    path = clock_file_for(f"sqlite:///{tmp_path / 'w.db'}")
    assert path == tmp_path / "w.db.console-clock"
    assert clock_file_for("sqlite://") is None

    saved = SavedClock(path)
    assert starting_instant(requested, saved, real) == (requested, False)  # nothing kept yet
    saved.save(dt.datetime(2026, 12, 15, 8, 0, tzinfo=dt.UTC), real)
    an_hour_later = real + dt.timedelta(hours=1)
    assert starting_instant(requested, saved, an_hour_later) == (
        dt.datetime(2026, 12, 15, 9, 0, tzinfo=dt.UTC),
        True,
    )
    later = dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
    assert starting_instant(later, saved, an_hour_later) == (later, False)
    path.write_text("not json")
    assert starting_instant(requested, saved, real) == (requested, False)


def test_the_settings_form_takes_a_time_as_people_type_it():
    # Tue 24 Nov 08:00 UTC: 07:30 has passed today, so the next digest is Wednesday's.
    # Enter keeps a field as it is: days, pause, most per list, look back, country for holidays
    result = run_console("home\nclick 1\nhalf past seven\n7:30\n\n\n\n\n\nhome\nquit\n", "--db", ":memory:")
    assert result.returncode == 0, result.stderr
    form = after(result.stdout, "click 1")
    assert "── Form: Settings ──" in form
    assert "✘ Use a time like 7:30, 07:30, 7:30am, 7pm or 19:30." in form
    home = result.stdout.rsplit("> home\n", 1)[1]
    assert "Nudges at 07:30 (UTC)" in home
    assert "Next digest: Wed 25 Nov at 07:30" in home


def test_the_country_for_public_holidays_is_picked_by_typing_a_few_letters():
    # Mon 30 Nov 2026, 08:00 UTC, St Andrew's Day in Scotland. The console's user is on UTC, which names
    # no country: no public holidays until one is chosen.
    script = (
        "home\nclick 1\n\n\n\n\n\nscot\n1\n/met Jane Doe of Acme at PyCon last tue\nhome\n"
        "digest\nadvance 1d\ndigest\nquit\n"
    )
    result = run_console(script, "--db", ":memory:", now="2026-11-30T08:00:00+00:00")
    assert result.returncode == 0, result.stderr
    form = after(result.stdout, "click 1")
    assert "Country for public holidays" in form and "1) Britain (UK): Scotland (GB-SCT)" in form
    first_home = result.stdout.split("click 1", 1)[0]
    assert "Public holidays: none (your time zone names no country)" in first_home
    home = result.stdout.rsplit("> home\n", 1)[1]
    assert "Public holidays: Britain (UK): Scotland (GB-SCT)" in home
    # Jane has been due since Thu 26 Nov: no digest on the holiday, Tuesday's lists her
    assert "(no digest now: today is Saint Andrew's Day, a public holiday" in after(result.stdout, "digest")
    assert "Jane Doe" in result.stdout.split("> advance 1d\n", 1)[1]


def test_console_date_fields_take_the_words_commands_take():
    from bot.console.answers import parse_answer

    tuesday = dt.date(2026, 11, 24)
    state, problem = parse_answer("datepicker", "friday", [], today=tuesday, ahead=True)
    assert (state["selected_date"], problem) == ("2026-11-27", None)  # a follow-up: the coming Friday
    state, problem = parse_answer("datepicker", "friday", [], today=tuesday, ahead=False)
    assert (state["selected_date"], problem) == ("2026-11-20", None)  # the day you met: the last one
    state, problem = parse_answer("datepicker", "tomorrow", [], today=tuesday)
    assert state["selected_date"] == "2026-11-25"
    _, problem = parse_answer("datepicker", "31/11", [], today=tuesday)
    assert problem and "31/11" in problem


def test_a_met_field_reads_a_weekday_backwards(db_url, monkeypatch):
    transcript = run_in_process(
        db_url, "/console-test\nclick 2\nbad\nfriday\n2\nGrace Hopper\nquit\n", monkeypatch
    )
    assert "? (a date: 2026-12-04, friday, tomorrow) [2026-11-23] friday" in transcript
    assert "Saved Grace Hopper met 2026-11-20 as partner" in transcript  # the Friday before Tue 24 Nov
