"""App Home end to end: signed `app_home_opened` events and block actions against the real app, with
the Slack double checking every published view (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import func, insert, select

from bot.domain.vocabulary import fold
from bot.testing.signed import checkbox_values, date_value, select_value, text_values
from storage.models import Contact, Interaction, Offer, UserProfile
from storage.profiles import get_or_create_profile
from tests.world import open_home, press_on_view, publishes, settle, wait_for

TODAY = dt.date(2026, 11, 24)  # the world's clock: Tue 24 Nov 2026, 09:00 in New York


# --- the story's vocabulary -------------------------------------------------------------------------


def after_publish(world, user: str, action) -> dict:
    """Run `action` and return the Home it re-publishes."""
    before = publishes(world)
    action()
    wait_for(lambda: publishes(world) > before)
    return world.double.home_of(user)


def sections(home: dict) -> dict[str, list[int]]:
    """Contact ids listed under each of Due today / Overdue / Next 7 days."""
    found: dict[str, list[int]] = {}
    current = None
    for block in home["blocks"]:
        block_id = block.get("block_id") or ""
        if block_id in ("home_due", "home_overdue", "home_upcoming"):
            current = block_id.removeprefix("home_")
            found[current] = []
        elif block["type"] == "divider":
            current = None
        elif current and block_id.startswith("contact:"):
            found[current].append(int(block_id.removeprefix("contact:")))
    return found


def text_of(view: dict) -> str:
    parts = []
    for block in view["blocks"]:
        for key in ("text",):
            if isinstance(block.get(key), dict):
                parts.append(block[key]["text"])
        for item in block.get("fields") or []:
            parts.append(item["text"])
        for el in block.get("elements") or []:
            if isinstance(el.get("text"), str):
                parts.append(el["text"])
    return "\n".join(parts)


def add_contacts(world, user: str, dues: list[dt.date | None], **fields) -> list[int]:
    with world.db.transaction() as s:
        get_or_create_profile(s, world.team_id, user, tz="America/New_York")
        ids = []
        for due in dues:
            values = {"stage": "new", "name": f"Person {len(ids) + 1:04d}", **fields}
            contact = Contact(
                team_id=world.team_id, user_id=user, name_key=fold(values["name"]), next_due=due, **values
            )
            s.add(contact)
            s.flush()
            ids.append(contact.id)
    return ids


def profile_of(world, user: str) -> UserProfile:
    with world.db.transaction() as s:
        return s.scalar(
            select(UserProfile).where(UserProfile.team_id == world.team_id, UserProfile.user_id == user)
        )


@pytest.fixture
def u1(world):
    return world.user("U1", name="Ada Lovelace")


def days(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


# --- scenarios ------------------------------------------------------------------------------------------


def test_a_new_user_sees_how_to_start(world, u1):
    home = open_home(world, u1)
    text = text_of(home)
    assert "/met Sam Lee of Northwind at DevDays yesterday" in text
    assert "Due today" not in text  # no empty sections to wade through
    assert "Change settings" in json.dumps(home)
    assert world.double.block_errors == []
    assert profile_of(world, u1).tz == "America/New_York"  # the first visit learns the time zone


def test_the_messages_tab_publishes_nothing(world, u1):
    world.slack.event({"type": "app_home_opened", "user": u1, "channel": "DU1", "tab": "messages"})
    open_home(world, u1)  # the next Home visit does publish, so the first one had its chance
    assert publishes(world) == 1


def test_sections_show_exactly_due_overdue_and_upcoming(world, u1):
    due = add_contacts(world, u1, [TODAY] * 3)
    overdue = add_contacts(world, u1, [days(-1), days(-9)])
    upcoming = add_contacts(world, u1, [days(1), days(3), days(7), days(5)])
    add_contacts(world, u1, [days(8), None])  # later than a week, or nothing scheduled
    add_contacts(world, u1, [TODAY], stage="let_go")
    add_contacts(world, "U2", [TODAY, days(-1), days(2)])  # someone else's

    home = open_home(world, u1)

    shown = sections(home)
    assert shown["due"] == due
    assert shown["overdue"] == [overdue[1], overdue[0]]  # most overdue first
    assert shown["upcoming"] == [upcoming[0], upcoming[1], upcoming[3], upcoming[2]]
    row = next(b for b in home["blocks"] if b.get("block_id") == f"contact:{due[0]}")
    assert [e["action_id"] for e in row["elements"]] == [
        "contact_prep",
        "contact_log",
        "contact_snooze",
        "contact_let_go",
        "contact_view",
    ]
    assert world.double.block_errors == []


def test_logging_a_call_from_home_moves_the_contact(world, u1):
    jane, sam = add_contacts(world, u1, [TODAY, TODAY])
    home = open_home(world, u1)
    assert sections(home)["due"] == [jane, sam]

    press_on_view(world, u1, home, "contact_log", str(jane))
    form = wait_for(lambda: [v for v in world.double.views() if v["callback_id"] == "log_call"])[0]
    home = after_publish(
        world,
        u1,
        lambda: world.slack.view_submission(
            u1, "log_call", {"outcome": {"value": select_value("reached")}}, view=form
        ),
    )

    assert sections(home)["due"] == [sam]
    assert jane not in sections(home)["upcoming"]  # reached: next call in 30 days
    recent = [b for b in home["blocks"] if (b.get("block_id") or "").startswith("recent:")]
    assert recent[0]["accessory"]["value"] == str(jane)
    assert "reached" in recent[0]["text"]["text"]
    assert "Calls this week*\n1" in text_of(home)
    with world.db.transaction() as s:
        assert s.get(Contact, jane).next_due == days(30)
    assert world.double.block_errors == []


def test_snooze_from_home_republishes(world, u1):
    (jane,) = add_contacts(world, u1, [TODAY])
    home = open_home(world, u1)
    home = after_publish(world, u1, lambda: press_on_view(world, u1, home, "contact_snooze", f"{jane}:7"))
    assert sections(home)["due"] == []
    assert sections(home)["upcoming"] == [jane]  # snoozed a week: still within the next 7 days


def test_settings_change_moves_the_next_digest(world, u1):
    open_home(world, u1)
    assert profile_of(world, u1).next_digest_at == dt.datetime(2026, 11, 24, 14, 0)  # today 09:00 NY
    home = world.double.home_of(u1)

    press_on_view(world, u1, home, "home_settings", "open")
    form = wait_for(lambda: [v for v in world.double.views() if v["callback_id"] == "home_settings_form"])[0]
    assert form["blocks"][0]["element"]["initial_time"] == "09:00"

    def values(time_: str, pause: str | None, most: str) -> dict:
        return {
            "nudge_time": {"value": {"type": "timepicker", "selected_time": time_}},
            "nudge_days": {"value": checkbox_values(["0", "2", "4"])},
            "pause_until": {"value": date_value(pause)},
            **text_values({"max_per_digest": {"value": most}}),
        }

    refused = world.slack.view_submission(
        u1, "home_settings_form", values("25:00", "2026-11-01", "50"), view=form
    )
    assert refused.json["response_action"] == "errors"
    assert set(refused.json["errors"]) == {"nudge_time", "pause_until", "max_per_digest"}
    assert "HH:MM" in refused.json["errors"]["nudge_time"]
    assert profile_of(world, u1).nudge_minute == 9 * 60  # nothing half-saved

    home = after_publish(
        world,
        u1,
        lambda: world.slack.view_submission(u1, "home_settings_form", values("07:30", None, "3"), view=form),
    )
    profile = profile_of(world, u1)
    assert (profile.nudge_minute, profile.nudge_days, profile.max_per_digest) == (450, "0,2,4", 3)
    # Tuesday is no longer a nudge day: the next digest is Wednesday 07:30 in New York (12:30 UTC).
    assert profile.next_digest_at == dt.datetime(2026, 11, 25, 12, 30)
    assert "Next digest: Wed 25 Nov at 07:30" in text_of(home)

    home = after_publish(
        world,
        u1,
        lambda: world.slack.view_submission(
            u1, "home_settings_form", values("07:30", "2026-12-02", "3"), view=form
        ),
    )
    assert profile_of(world, u1).next_digest_at == dt.datetime(2026, 12, 4, 12, 30)  # Fri after the pause
    assert "paused until Wed 2 Dec" in text_of(home)
    assert world.double.block_errors == []


def test_paused_by_slack_shows_the_reason(world, u1):
    with world.db.transaction() as s:
        profile, _ = get_or_create_profile(s, world.team_id, u1)
        profile.paused_reason = "Slack says this account can't receive DMs (cannot_dm_bot)"
    home = open_home(world, u1)
    banner = next(b for b in home["blocks"] if b.get("block_id") == "home_paused")
    assert "can't receive DMs" in banner["text"]["text"]


def test_a_pause_slack_caused_can_be_resumed_from_home(world, u1):
    from bot.domain.digest_schedule import NEVER

    with world.db.transaction() as s:
        profile, _ = get_or_create_profile(s, world.team_id, u1)
        profile.tz = "America/New_York"
        profile.paused_reason = "Slack says this account can't receive DMs (cannot_dm_bot)"
        profile.next_digest_at = NEVER
    home = open_home(world, u1)
    resume = next(b for b in home["blocks"] if b.get("block_id") == "home_resume")
    assert resume["elements"][0]["text"]["text"] == "Resume nudges"

    home = after_publish(world, u1, lambda: press_on_view(world, u1, home, "home_resume_nudges", "resume"))
    profile = profile_of(world, u1)
    assert profile.paused_reason is None
    # The world's clock is Tue 24 Nov 2026: the next digest is today's, 09:00 in New York (14:00 UTC).
    assert profile.next_digest_at == dt.datetime(2026, 11, 24, 14, 0)
    assert not any(b.get("block_id") in {"home_paused", "home_resume"} for b in home["blocks"])
    assert world.double.block_errors == []


def test_a_pause_the_user_set_has_no_resume_button(world, u1):
    with world.db.transaction() as s:
        profile, _ = get_or_create_profile(s, world.team_id, u1)
        profile.pause_until = dt.date(2026, 12, 2)
    home = open_home(world, u1)
    assert any(b.get("block_id") == "home_paused" for b in home["blocks"])
    assert not any(b.get("block_id") == "home_resume" for b in home["blocks"])


def test_two_thousand_contacts_stay_within_slack_limits_and_page(world, u1):
    with world.db.transaction() as s:
        get_or_create_profile(s, world.team_id, u1)
        s.execute(
            insert(Contact),
            [
                {
                    "team_id": world.team_id,
                    "user_id": u1,
                    "name": f"Contact {n:04d}",
                    "name_key": f"contact {n:04d}",
                    "stage": "active",
                    "next_due": days(n % 20 - 10),
                }
                for n in range(2000)
            ],
        )
    home = open_home(world, u1)
    settle(world)
    # One opening, one publish of one page, however many contacts (its speed: bench/, not here).
    assert publishes(world) == 1
    assert len(home["blocks"]) <= 100
    assert world.double.block_errors == []
    first_page = sections(home)["overdue"]
    assert len(first_page) == 8
    assert "1–8 of 1000" in text_of(home)

    home = after_publish(world, u1, lambda: press_on_view(world, u1, home, "home_page", "overdue:1"))
    second_page = sections(home)["overdue"]
    assert len(second_page) == 8 and not set(second_page) & set(first_page)
    assert "9–16 of 1000" in text_of(home)
    assert len(home["blocks"]) <= 100
    assert world.double.block_errors == []


def test_contact_view_history_and_delete(world, u1):
    (jane,) = add_contacts(world, u1, [TODAY], name="Jane Doe", company="Acme", notes="hiring data engineers")
    with world.db.transaction() as s:
        for n in range(12):
            s.add(
                Interaction(
                    team_id=world.team_id,
                    user_id=u1,
                    contact_id=jane,
                    at=dt.datetime(2026, 11, 1, 12) + dt.timedelta(days=n),
                    on=dt.date(2026, 11, 1) + dt.timedelta(days=n),
                    outcome="voicemail",
                    notes=f"try {n + 1}",
                )
            )
    home = open_home(world, u1)
    press_on_view(world, u1, home, "contact_view", str(jane))
    card = wait_for(lambda: [v for v in world.double.views() if v["callback_id"] == "contact_view"])[0]
    text = text_of(card)
    assert "Jane Doe (Acme)" in text and "hiring data engineers" in text
    assert "1–10 of 12" in text
    assert text.index("try 12") < text.index("try 11")  # newest first
    assert "try 2\n" not in text + "\n"

    press_on_view(world, u1, card, "contact_view_history", f"{jane}:1")
    older = wait_for(
        lambda: "11–12 of 12" in text_of(world.double.view(card["id"])) and world.double.view(card["id"])
    )
    assert "try 1" in text_of(older) and "try 12" not in text_of(older)

    delete = next(
        el
        for b in older["blocks"]
        if b["type"] == "actions"
        for el in b["elements"]
        if el["action_id"] == "contact_view_delete"
    )
    assert "and 12 history entries for good" in delete["confirm"]["text"]["text"]  # asks before deleting
    home = after_publish(world, u1, lambda: press_on_view(world, u1, older, "contact_view_delete", str(jane)))
    assert "Deleted *Jane Doe*" in text_of(world.double.view(card["id"]))
    assert "Jane Doe" not in text_of(home) and "/met Sam Lee" in text_of(home)  # back to a fresh start
    with world.db.transaction() as s:
        assert s.get(Contact, jane) is None
        assert s.scalar(select(func.count()).select_from(Interaction)) == 0
    assert world.double.block_errors == []


def test_let_go_and_revive_from_the_contact_view(world, u1):
    (jane,) = add_contacts(world, u1, [TODAY], name="Jane Doe")
    home = open_home(world, u1)
    press_on_view(world, u1, home, "contact_view", str(jane))
    card = wait_for(lambda: [v for v in world.double.views() if v["callback_id"] == "contact_view"])[0]

    home = after_publish(world, u1, lambda: press_on_view(world, u1, card, "contact_view_let_go", str(jane)))
    card = world.double.view(card["id"])
    assert "You let *Jane Doe* go" in text_of(card)
    assert sections(home)["due"] == []

    home = after_publish(world, u1, lambda: press_on_view(world, u1, card, "contact_view_revive", str(jane)))
    assert "back on your list" in text_of(world.double.view(card["id"]))
    with world.db.transaction() as s:
        assert s.get(Contact, jane).stage != "let_go"


def test_offers_add_and_remove(world, u1):
    home = open_home(world, u1)
    press_on_view(world, u1, home, "home_offer_add", "open")
    form = wait_for(lambda: [v for v in world.double.views() if v["callback_id"] == "home_offer_form"])[0]

    bad = world.slack.view_submission(
        u1,
        "home_offer_form",
        text_values(
            {
                "offer_title": {"value": "Checklist"},
                "offer_link": {"value": "ftp://x"},
                "offer_topics": {"value": ""},
            }
        ),
        view=form,
    )
    assert bad.json["response_action"] == "errors" and "offer_link" in bad.json["errors"]

    fields = {
        "offer_title": {"value": "Pipeline checklist"},
        "offer_link": {"value": "https://example.com/list"},
        "offer_topics": {"value": "data, #Hiring"},
    }
    home = after_publish(
        world, u1, lambda: world.slack.view_submission(u1, "home_offer_form", text_values(fields), view=form)
    )
    with world.db.transaction() as s:
        offer = s.scalar(select(Offer))
        assert (offer.title, offer.url, offer.topics) == (
            "Pipeline checklist",
            "https://example.com/list",
            "#data #hiring",
        )
    assert "Pipeline checklist" in text_of(home)

    home = after_publish(
        world, u1, lambda: press_on_view(world, u1, home, "home_offer_remove", str(offer.id))
    )
    assert "Pipeline checklist" not in text_of(home)
    with world.db.transaction() as s:
        assert s.scalar(select(func.count()).select_from(Offer)) == 0


def test_buttons_cannot_reach_another_users_contact(world, u1):
    (theirs,) = add_contacts(world, "U2", [TODAY], name="Not Yours")
    home = open_home(world, u1)
    world.slack.block_action(u1, "contact_view", str(theirs), view=home)
    card = wait_for(lambda: [v for v in world.double.views() if v["callback_id"].startswith("contact_view")])[
        0
    ]
    assert "Not Yours" not in json.dumps(card)
    world.slack.block_action(u1, "contact_view_delete", str(theirs), view=card)
    settle(world)
    with world.db.transaction() as s:
        assert s.get(Contact, theirs) is not None


def test_edit_from_the_contact_view_opens_the_prefilled_contact_form(world, u1):
    (jane,) = add_contacts(world, u1, [TODAY], name="Jane Doe", company="Acme")
    home = open_home(world, u1)
    press_on_view(world, u1, home, "contact_view", str(jane))
    card = wait_for(lambda: [v for v in world.double.views() if v["callback_id"] == "contact_view"])[0]
    press_on_view(world, u1, card, "contact_view_edit", str(jane))
    form = wait_for(lambda: [v for v in world.double.views() if v["callback_id"] == "met_contact_form"])[0]
    assert form["previous_view_id"] == card["id"]  # pushed on top of the contact view
    name = next(b for b in form["blocks"] if b.get("block_id") == "name")
    assert name["element"]["initial_value"] == "Jane Doe"
    assert world.double.block_errors == []


# --- Home re-renders while it is in use, not for every command --------------------------------------


def test_a_command_does_not_render_a_home_nobody_has_open(world, u1):
    assert world.command(u1, "/met", "Dana Ruiz of Initech at DevDays yesterday").status == 200
    settle(world)
    assert publishes(world) == 0  # Home was never opened: nothing to keep fresh
    home = open_home(world, u1)  # the visit renders it with the change
    assert "Dana Ruiz" in json.dumps(home)


def test_a_command_refreshes_home_while_it_is_in_use_and_stops_after(world, u1):
    open_home(world, u1)
    home = after_publish(
        world, u1, lambda: world.command(u1, "/met", "Dana Ruiz of Initech at DevDays yesterday")
    )
    assert "Dana Ruiz" in json.dumps(home)
    assert profile_of(world, u1).home_seen_at == dt.datetime(2026, 11, 24, 14, 0)

    world.advance(minutes=16)  # Home has not been looked at for longer than it counts as in use
    before = publishes(world)
    assert world.command(u1, "/met", "Eli Park of Initech at DevDays yesterday").status == 200
    settle(world)
    assert publishes(world) == before
    assert "Eli Park" in json.dumps(open_home(world, u1))  # the next visit shows it


def test_called_refreshes_home_only_while_it_is_in_use(world, u1):
    first, _ = add_contacts(world, u1, [TODAY, TODAY])  # Person 0001 and Person 0002, both due today
    assert first in sections(open_home(world, u1))["due"]
    home = after_publish(world, u1, lambda: world.command(u1, "/called", "Person 0001 reached"))
    assert first not in sections(home)["due"]  # logged: its next follow-up is weeks away
    world.advance(minutes=16)
    before = publishes(world)
    assert world.command(u1, "/called", "Person 0002 reached").status == 200
    settle(world)
    assert publishes(world) == before  # Home out of use: the change waits for the next visit


def test_a_button_on_home_counts_as_using_it(world, u1):
    (jane,) = add_contacts(world, u1, [TODAY])
    home = open_home(world, u1)
    world.advance(hours=2)
    home = after_publish(world, u1, lambda: press_on_view(world, u1, home, "contact_snooze", f"{jane}:7"))
    assert sections(home)["upcoming"] == [jane]
    assert profile_of(world, u1).home_seen_at == dt.datetime(2026, 11, 24, 16, 0)
