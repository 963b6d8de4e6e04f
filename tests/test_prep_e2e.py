"""/prep, its buttons and offers, end to end: signed requests to the real app, the Slack double, and
SQLite and PostgreSQL. Tuesday 24 Nov 2026, 09:00 in New York (conftest.DEFAULT_NOW).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import func, select

from bot.services.context import Services
from storage.contacts import add_contact
from storage.models import Offer
from tests.world import TEAM, click, seen_text, settle, slash_command, wait_for

D = dt.date
TODAY = D(2026, 11, 24)
BANNED = ("just checking in", "touching base", "following up again", "circle back")


# --- the story's vocabulary -------------------------------------------------------------------------


def contact(world, name: str, user: str = "U1", **fields) -> int:
    defaults = dict(stage="new", met_on=D(2026, 11, 23), next_due=D(2026, 11, 30), unanswered_streak=0)
    with world.db.transaction() as s:
        return add_contact(s, TEAM, user, name=name, **{**defaults, **fields}).id


def prep(world, text: str = "", user: str = "U1") -> dict:
    return slash_command(world, user, "/prep", text)


def text_of(body: dict) -> str:
    """Every piece of text a user reads in a message: top-level text, sections, fields, context."""
    parts = [body.get("text", "")]
    for block in body.get("blocks", []):
        parts.append((block.get("text") or {}).get("text", ""))
        parts += [f.get("text", "") for f in block.get("fields", [])]
        parts += [e.get("text", "") for e in block.get("elements", []) if isinstance(e.get("text"), str)]
    return "\n".join(parts)


def block(body: dict, block_id: str) -> str:
    found = [b for b in body.get("blocks", []) if b.get("block_id") == block_id]
    assert found, f"no block {block_id} in {[b.get('block_id') for b in body.get('blocks', [])]}"
    b = found[0]
    return (b.get("text") or {}).get("text", "") + "\n".join(f["text"] for f in b.get("fields", []))


def buttons(body: dict) -> list[tuple[str, str, str]]:
    """(action_id, text, value) of every button, in order."""
    found = []
    for b in body.get("blocks", []):
        elements = list(b.get("elements", [])) + ([b["accessory"]] if b.get("accessory") else [])
        found += [
            (e["action_id"], e["text"]["text"], e.get("value")) for e in elements if e["type"] == "button"
        ]
    return found


def offers_stored(world, user: str = "U1") -> list[tuple[str, str | None, str]]:
    with world.db.transaction() as s:
        rows = s.scalars(select(Offer).where(Offer.team_id == TEAM, Offer.user_id == user).order_by(Offer.id))
        return [(o.title, o.url, o.topics) for o in rows]


@pytest.fixture
def w(world):
    world.user("U1", name="Sam Rivera")
    world.user("U2", name="Other Person")
    yield world
    settle(world)
    assert world.double.block_errors == []
    everything = seen_text(world).casefold()  # acks, response_url posts, chat.* and views.*: one list
    for phrase in BANNED:
        assert phrase not in everything


# --- /prep NAME ------------------------------------------------------------------------------------


def test_offer_matching_the_notes_is_the_reason_and_the_why_names_both(w):
    added = prep(w, "offer add Pipeline checklist https://example.com/x #data #hiring")
    assert "Pipeline checklist" in text_of(added)
    contact(
        w,
        "Jane Doe",
        company="Acme",
        role="Head of Data",
        event="PyCon",
        notes="Hiring data engineers for the new platform team",
    )

    body = prep(w, "Jane")

    reason = block(body, "prep_reason")
    assert "Pipeline checklist" in reason
    why = reason.split("Why this one:")[1]
    assert "Pipeline checklist" in why and "data" in why.casefold()
    ids = [b.get("block_id") for b in body["blocks"]]
    spec_order = ["prep_who", "prep_history", "prep_reason", "prep_opener", "prep_goal", "prep_voicemail"]
    assert [i for i in ids if i in spec_order] == spec_order  # SPEC §6 order
    assert body["blocks"][0]["type"] == "header" and "Jane Doe" in body["blocks"][0]["text"]["text"]
    who = block(body, "prep_who")
    assert "Jane Doe" in who and "Acme" in who and "PyCon" in who and "yesterday" in who
    assert "Not called yet" in block(body, "prep_history")
    assert "Sam Rivera" in block(body, "prep_voicemail")  # the user's Slack name
    assert "PyCon" in block(body, "prep_voicemail")
    assert re.search(r":bulb: \*.+\.\*", text_of(body))  # one reassurance
    assert [(a, t) for a, t, _ in buttons(body)] == [
        ("contact_log", "Log call"),
        ("contact_plan", "Plan it"),
        ("contact_snooze", "Snooze 1w"),
    ]
    assert body["response_type"] == "ephemeral"


def test_same_contact_same_points(w):
    contact(w, "Jane Doe", notes="Wants to move their reporting to a lakehouse", event="PyCon")
    assert prep(w, "jane doe")["blocks"] == prep(w, "JANE")["blocks"]


def test_unkept_promise_comes_first_and_referrer_is_shown(w):
    contact(
        w,
        "Ravi Patel",
        company="Globex",
        referred_by="Maria",
        promise="the pricing deck",
        notes="runs the platform team",
    )
    body = prep(w, "Ravi")
    assert "pricing deck" in block(body, "prep_reason")
    assert "Referred by Maria" in block(body, "prep_who")


def test_lukewarm_contact_gets_the_gap_note(w):
    contact(
        w,
        "Lena Berg",
        stage="active",
        met_on=D(2026, 5, 1),
        last_outcome="reached",
        last_contact_on=D(2026, 6, 1),
        notes="building a design system",
    )
    history = block(prep(w, "Lena"), "prep_history")
    days = (TODAY - D(2026, 6, 1)).days
    assert f"{days} days ago" in history
    assert ":hourglass:" in history  # acknowledge the gap


def test_ambiguous_name_offers_picks_and_a_pick_shows_points(w):
    jane_a = contact(w, "Jane Doe", company="Acme")
    jane_b = contact(w, "Jane Smith", company="Initech", notes="organises the Berlin data meetup")

    body = prep(w, "Jane")

    assert "Several contacts match" in text_of(body)
    picks = buttons(body)
    assert [(t, v) for _, t, v in picks] == [
        ("Jane Doe · Acme · met 23 Nov", str(jane_a)),
        ("Jane Smith · Initech · met 23 Nov", str(jane_b)),
    ]
    chosen = click(w, picks[1][0], picks[1][2], block_id="prep_pick")
    assert "Jane Smith" in chosen["blocks"][0]["text"]["text"]
    assert chosen.get("replace_original") is True


def test_unknown_name_suggests_the_closest(w):
    contact(w, "Jane Doe")
    body = prep(w, "Jnae")
    assert "can't find “Jnae”" in text_of(body) and "Jane Doe" in text_of(body)
    nothing = prep(w, "Zebulon")
    assert "/met Zebulon" in text_of(nothing)


def test_names_are_owner_scoped(w):
    contact(w, "Secret Sarah", user="U2", notes="confidential acquisition talks")
    body = prep(w, "Sarah")
    assert "can't find" in text_of(body)
    assert "confidential" not in text_of(body)


# --- /prep alone and the Prep button ---------------------------------------------------------------


def test_prep_alone_lists_due_contacts_as_buttons_and_a_click_shows_points(w):
    due = contact(w, "Omar Haddad", next_due=TODAY, notes="looking for a security audit")
    overdue = contact(w, "Mia Rossi", stage="active", next_due=D(2026, 11, 16), promise="the intro to Li")
    contact(w, "Tom Later", next_due=D(2026, 12, 10))
    contact(w, "Gone Gina", stage="let_go", next_due=D(2026, 11, 1))
    contact(w, "Not Mine", user="U2", next_due=TODAY)

    body = prep(w)

    assert "2 contacts are due: 1 today, 1 overdue" in text_of(body)
    preps = [(a, v) for a, _, v in buttons(body)]
    assert preps == [("contact_prep", str(overdue)), ("contact_prep", str(due))]  # promise first
    assert "intro to Li" in block(body, f"prep_due:{overdue}")  # each row has its reason
    assert "Tom Later" not in text_of(body) and "Gina" not in text_of(body)

    points = click(w, "contact_prep", str(due), block_id=f"prep_due:{due}")
    assert "Before you call Omar Haddad" in points["blocks"][0]["text"]["text"]
    assert points.get("replace_original") is False  # the list stays
    assert "prep_reason" in [b.get("block_id") for b in points["blocks"]]


def test_nothing_due_says_who_is_next(w):
    contact(w, "Tom Later", company="Hooli", next_due=D(2026, 11, 26))
    body = prep(w)
    assert "Nothing is due today" in text_of(body)
    assert "Tom Later" in text_of(body) and "Thu 26 Nov" in text_of(body)
    assert buttons(body) == []


def test_due_uses_the_users_local_date(w):
    w.user("U3", name="Kenji Sato", tz="Pacific/Auckland")  # already Wed 25 Nov, 03:00 there
    contact(w, "Kiwi Kate", user="U3", next_due=D(2026, 11, 25))
    assert "1 contact is due today" in text_of(prep(w, user="U3"))


def test_prep_button_on_someone_elses_contact_is_refused_and_leaks_nothing(w):
    theirs = contact(w, "Secret Sarah", user="U2", company="Umbrella", notes="confidential acquisition talks")
    body = click(w, "contact_prep", str(theirs), block_id=f"contact:{theirs}")
    shown = text_of(body)
    assert "can't find that contact" in shown
    assert "Sarah" not in shown and "Umbrella" not in shown and "confidential" not in shown
    for junk in ("", "abc", "-1", "99999999999999999999999"):
        assert "can't find" in text_of(click(w, "contact_prep", junk))


def test_prep_button_from_home_posts_an_ephemeral_in_the_dm(w):
    mine = contact(w, "Ana Silva", notes="wants a pilot of the new dashboard")
    before = len(w.double.calls_to("chat.postEphemeral"))
    answer = w.slack.block_action(
        "U1", "contact_prep", str(mine), view={"id": "VHOME", "type": "home", "blocks": []}
    )
    assert answer.status == 200
    wait_for(lambda: len(w.double.calls_to("chat.postEphemeral")) > before)
    shown = [m for m in w.double.ephemerals("U1") if "Ana Silva" in text_of(m)]
    assert shown and "prep_reason" in [b.get("block_id") for b in shown[-1]["blocks"]]


# --- offers ----------------------------------------------------------------------------------------


def test_offers_add_list_remove(w):
    prep(w, "offer add Pipeline checklist https://example.com/x #data #hiring")
    prep(w, "offer add Data Breakfast invite #event #Data")
    prep(w, "offer add Lakehouse primer <https://example.com/lake|example.com/lake> #lakehouse")
    assert offers_stored(w) == [
        ("Pipeline checklist", "https://example.com/x", "#data #hiring"),
        ("Data Breakfast invite", None, "#event #data"),
        ("Lakehouse primer", "https://example.com/lake", "#lakehouse"),
    ]

    listed = text_of(prep(w, "offer list"))
    assert re.search(
        r"1\.\* Pipeline checklist.*2\.\* Data Breakfast invite.*3\.\* Lakehouse primer", listed, re.S
    )
    assert text_of(prep(w, "offers")) == listed

    removed = text_of(prep(w, "offer remove 2"))
    assert "Removed offer “Data Breakfast invite”" in removed and "2 left" in removed
    assert [t for t, _, _ in offers_stored(w)] == ["Pipeline checklist", "Lakehouse primer"]
    assert "2.* Lakehouse primer" in text_of(prep(w, "offer list"))  # renumbered


@pytest.mark.parametrize(
    ("text", "says"),
    [
        pytest.param("offer add https://example.com/x #data", "Give the offer a title", id="no-title"),
        pytest.param("offer add", "Give the offer a title", id="nothing"),
        pytest.param("offer add Checklist ftp://example.com/x", "must start with http", id="ftp-url"),
        pytest.param("offer add Checklist www.example.com", "must start with http", id="no-scheme"),
        pytest.param("offer add Checklist https:// #data", "must start with http", id="no-host"),
        pytest.param("offer add " + "x" * 201, "keep it to 200", id="long-title"),
        pytest.param(
            "offer add Guide " + " ".join(f"#t{i}" for i in range(11)), "at most 10", id="eleven-topics"
        ),
        pytest.param("offer add Guide #", "isn't a topic", id="empty-topic"),
        pytest.param("offer remove 99", "no offer 99", id="out-of-range"),
        pytest.param("offer remove two", "by its number", id="not-a-number"),
        pytest.param("offer frobnicate", "isn't one of them", id="unknown-verb"),
    ],
)
def test_bad_offer_input_says_what_to_change_and_saves_nothing(w, text, says):
    prep(w, "offer add Pipeline checklist #data")
    body = prep(w, text)
    assert says in text_of(body)
    assert ":warning:" in text_of(body)
    assert offers_stored(w) == [("Pipeline checklist", None, "#data")]


def test_offers_are_owner_scoped(w):
    prep(w, "offer add Mine #data", user="U1")
    prep(w, "offer add Theirs #data", user="U2")
    assert "Theirs" not in text_of(prep(w, "offer list", user="U1"))
    assert "no offer 2" in text_of(prep(w, "offer remove 2", user="U1"))
    with w.db.transaction() as s:
        assert s.scalar(select(func.count()).select_from(Offer)) == 2


def test_empty_offer_list_explains_offers(w):
    assert "You have no offers yet" in text_of(prep(w, "offer list"))


def test_help_mentions_offers(w):
    body = prep(w, "help")
    assert "/prep offer add" in text_of(body) and "/prep Jane Doe" in text_of(body)


def test_introductions_follow_contact_changes(w):
    """The user's other contacts are cached between requests; adds, edits and deletes still show."""
    from storage.contacts import delete_contact, get_contact, update_contact

    contact(w, "Jane Doe", company="Acme", notes="Hiring a product designer for the mobile app")
    assert "Ada Byron" not in text_of(prep(w, "Jane Doe"))

    ada = contact(w, "Ada Byron", notes="Senior product designer, wants a new challenge")
    assert "Ada Byron" in text_of(prep(w, "Jane Doe"))

    with w.db.transaction() as s:
        update_contact(get_contact(s, TEAM, "U1", ada), notes="Retired, gardening")
    assert "Ada Byron" not in text_of(prep(w, "Jane Doe"))

    with w.db.transaction() as s:
        update_contact(get_contact(s, TEAM, "U1", ada), notes="Senior product designer again")
    assert "Ada Byron" in text_of(prep(w, "Jane Doe"))
    with w.db.transaction() as s:  # same notes, new name: the index swaps the facts in place
        update_contact(get_contact(s, TEAM, "U1", ada), name="Ada Lovelace")
    assert "Ada Lovelace" in text_of(prep(w, "Jane Doe"))
    with w.db.transaction() as s:
        delete_contact(s, TEAM, "U1", ada)
    assert "Ada Lovelace" not in text_of(prep(w, "Jane Doe"))


def test_the_contact_index_cache_belongs_to_its_services(w):
    """Two containers in one process (two apps, or a test beside the console) never share cached contacts."""
    contact(w, "Jane Doe", company="Acme", notes="Hiring a product designer for the mobile app")
    prep(w, "Jane Doe")
    other = Services(settings=w.services.settings, db=w.db, clock=w.clock)
    assert w.services.contact_indexes.get((TEAM, "U1")) is not None
    assert other.contact_indexes.get((TEAM, "U1")) is None
    assert other.contact_indexes is not w.services.contact_indexes
