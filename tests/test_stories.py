"""A contact's story (SPEC §12, issue 17), end to end: one user types /met, /called and /prep over
signed HTTP, presses the buttons the app showed, opens App Home, and gets the daily digest from the
real dispatcher as the clock moves on. Each story asserts what the digest, /prep and Home each show,
and that they agree on who is due and why. SQLite and PostgreSQL (the `world` fixture).

The clock starts on Tuesday 24 Nov 2026 at 09:00 in New York, the user's nudge time.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from bot.testing.signed import date_value
from tests.story_helpers import Digest, Story, block_text, button, buttons, has_button, text_of
from tests.world import never_said, press, reply, settle, wait_for

D = dt.date
TUE, WED, THU, FRI = D(2026, 11, 24), D(2026, 11, 25), D(2026, 11, 26), D(2026, 11, 27)
MON = D(2026, 11, 30)


@pytest.fixture
def s(world):
    story = Story(world)
    yield story
    settle(world)
    # Never in anything the user read, on any pipe (acks, response_url, digests, Home, modals), whatever
    # the story (issue 17, items 2 and 9): tests.world.NEVER_SAID and seeds/banned.toml.
    assert [e for shown in world.double.seen for e in shown.errors] == []
    assert never_said(world.double.seen) == []


def agree(s: Story, digest: Digest | None) -> set[int]:
    """The digest just sent, /prep alone and App Home list the same contacts as due; returns them."""
    home = s.home()
    listed = s.prep_list()
    in_digest = set(digest.ids) if digest else set()
    assert in_digest == set(home.due_ids) == set(listed.ids), (in_digest, home.sections, listed.text)
    return in_digest


def reason(body: dict) -> str:
    return block_text(body, "prep_reason")


def everything_about(s: Story, name: str, contact_id: int, digest: Digest | None) -> str:
    """What each screen says about one contact: its /prep, its Home row, its digest row."""
    home = s.home()
    parts = [text_of(s.prep(name))]
    if contact_id in home.rows:
        parts.append(home.row(contact_id))
    if digest and contact_id in digest.rows:
        parts.append(digest.row(contact_id))
    return "\n".join(parts)


def next_follow_up(s: Story, answer: dict) -> dt.date:
    """The day a reply names as the next follow-up ("Next follow-up *Thu 24 Dec*"), on or after today."""
    label = re.search(r"[Ff]ollow-up:?\*? \*?(\w{3} \d+ \w{3})", text_of(answer))[1]
    for year in (s.today.year, s.today.year + 1):
        day = dt.datetime.strptime(f"{label} {year}", "%a %d %b %Y").date()
        if day >= s.today and day.strftime("%a") == label[:3]:
            return day
    raise AssertionError(label)


def contact_id(saved: dict) -> int:
    return int(button(saved, "met_undo")[2])


# ------------------------------------------------------------------------------------------------
# 1. Promises are closed: the /called reply, the Log call modal, Undo
# ------------------------------------------------------------------------------------------------


def test_a_promise_kept_from_the_called_reply_never_comes_back_anywhere(s):
    jose = contact_id(
        s.met("José Núñez of Bank of America at Money20/20 yesterday: promised to send the deck by friday")
    )
    assert "send the deck (by Fri 27 Nov)" in text_of(s.prep("jose")) or "send the deck, by Fri 27 Nov" in (
        text_of(s.prep("jose"))
    )
    s.on(WED)
    digest = s.digest()
    assert "send the deck" in digest.row(jose) and has_button(digest.message, "story_promise_kept")
    home = s.home()
    assert "send the deck" in home.row(jose)  # Home gives the digest's reason: the promise
    assert agree(s, digest) == {jose}

    called = s.called("jose reached: loved the deck")
    assert "You promised to send the deck. Done?" in text_of(called)
    kept = s.click(called, "story_promise_kept")
    assert "Promise to *José Núñez* marked kept" in text_of(kept)

    def no_promise(text: str) -> None:
        for words in (
            "send the deck",
            "promised",
            "promise",
            "said you would",
            "said I would",
            "keep my word",
        ):
            assert words not in text.casefold(), (words, text)

    prep = s.prep("jose")
    no_promise(text_of(prep).replace("Promise kept", ""))
    assert not has_button(prep, "story_promise_kept")
    assert "your note: loved the deck" in text_of(prep)  # the user's own words, as a note
    s.on(next_follow_up(s, called))  # a month on
    digest = s.digest()
    no_promise(digest.row(jose))
    no_promise(s.home().row(jose))
    no_promise(reason(s.prep("jose")))
    assert agree(s, digest) == {jose}


def test_the_log_call_modals_kept_my_promise_closes_it(s):
    jose = contact_id(
        s.met("José Núñez of Bank of America at Money20/20 yesterday: promised to send the deck by friday")
    )
    home = s.home()
    form = s.open_modal(home, "contact_log", str(jose), "log_call")
    assert "I kept my promise" in text_of(form) and "You promised to send the deck" in text_of(form)
    answer = s.log_call_form(form, "reached", notes="sent it over, she liked it", kept=True)
    assert "Reached" in text_of(answer["view"])

    prep = s.prep("jose")
    assert "send the deck" not in text_of(prep) and not has_button(prep, "story_promise_kept")
    home = s.home()
    card = s.card(home, jose)
    assert "kept Tue 24 Nov" in text_of(card)  # the history shows it as kept, with its day
    assert "send the deck" not in everything_about(s, "jose", jose, None).replace(
        "promised to send the deck by friday", ""
    )


def test_undo_of_a_promise_kept_brings_the_promise_back_everywhere(s):
    jose = contact_id(s.met("José Núñez of Bank of America yesterday: promised to send the deck by friday"))
    kept = s.click(s.prep("jose"), "story_promise_kept")
    assert "send the deck" not in reason(s.prep("jose"))
    undone = s.click(kept, "called_undo")
    assert "Undone (promise kept)" in text_of(undone)

    prep = s.prep("jose")
    assert "send the deck" in reason(prep) and has_button(prep, "story_promise_kept")
    assert "send the deck" in s.home().row(jose)
    s.on(WED)
    digest = s.digest()
    assert "send the deck" in digest.row(jose) and has_button(digest.message, "story_promise_kept", str(jose))
    assert agree(s, digest) == {jose}


def test_a_kept_promise_shows_in_the_contact_cards_history_as_promise_kept(s):
    jose = contact_id(s.met("José Núñez of Bank of America yesterday: promised to send the deck by friday"))
    s.on(WED)
    digest = s.digest()
    kept = s.click(digest.message, "story_promise_kept", str(jose))
    assert "marked kept" in text_of(kept)
    card = text_of(s.card(s.home(), jose))
    assert "*Wed 25 Nov* · Promise kept" in card
    assert "send the deck (by Fri 27 Nov) · kept Wed 25 Nov" in card
    again = s.click(digest.message, "story_promise_kept", str(jose))  # the old digest's button
    assert "already" in text_of(again)


# ------------------------------------------------------------------------------------------------
# 2. Promise wording and deadlines
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "action", "deadline"),
    [
        ("promised to send migration template tomorrow", "send migration template", WED),
        ("promised to intro her to our CTO by friday", "introduce her to our CTO", FRI),
        ("promised our pricing sheet tomorrow", "send our pricing sheet", WED),
        ("promised to send the deck on 2026-12-02", "send the deck", D(2026, 12, 2)),
    ],
    ids=["action-tomorrow", "intro-by-friday", "noun-tomorrow", "iso-date"],
)
def test_a_promise_reads_as_an_action_and_the_first_follow_up_is_not_after_its_deadline(
    s, typed, action, deadline
):
    saved = s.met(f"Noah O'Brien of Initech at PyCon today: {typed}")
    noah = contact_id(saved)
    label = f"{deadline:%a} {deadline.day} {deadline:%b}"
    assert f"{action} (by {label})" in text_of(saved)
    first = re.search(r"First follow-up:\* (\w{3} \d+ \w{3})", text_of(saved))[1]
    first_day = dt.datetime.strptime(f"{first} 2026", "%a %d %b %Y").date()
    assert first_day <= deadline

    prep = s.prep("noah")
    spoken = action.replace("send migration", "send the migration")  # said aloud with its article
    assert spoken in reason(prep)
    assert "tomorrow, as I said" not in text_of(prep) and f"{action} tomorrow" not in text_of(prep)
    assert action in s.home().row(noah) or spoken in s.home().row(noah)
    s.on(first_day)
    digest = s.digest()
    assert spoken in digest.row(noah)
    assert agree(s, digest) == {noah}


def test_an_overdue_promise_says_by_how_much(s):
    noah = contact_id(s.met("Noah Berg of Initech on monday: promised to send the deck by wednesday"))
    s.on(FRI)
    digest = s.digest()
    row = digest.row(noah)
    assert "send the deck" in row and re.search(r"\b2 days late|late by 2 days|2 days overdue", row), row
    assert "send the deck" in reason(s.prep("noah"))
    assert agree(s, digest) == {noah}


# ------------------------------------------------------------------------------------------------
# 3. Introductions (via X) and referrals (referred by X)
# ------------------------------------------------------------------------------------------------


def test_via_is_who_introduced_you_and_never_reads_as_not_met(s):
    anna = contact_id(s.met("Anna Schmidt of SAP at PyCon last tue via Jane Doe"))
    banned = ("not spoken", "not met", "get an intro", "introduction first", "does not know you")

    def check(text: str) -> None:
        for words in banned:
            assert words not in text.casefold(), (words, text)

    prep = s.prep("anna")
    assert "Introduced by Jane Doe" in text_of(prep)
    assert "Jane Doe introduced us" in text_of(prep)
    check(text_of(prep))
    digest = s.digest()  # met a week ago: overdue today
    check(digest.row(anna))
    assert agree(s, digest) == {anna}

    s.called("anna emailed")
    s.on(FRI)  # two business days: Thu 26 Nov is Thanksgiving in New York (SPEC §14 Calendar)
    digest = s.digest()
    check(everything_about(s, "anna", anna, digest))
    assert agree(s, digest) == {anna}


def test_referred_by_asks_for_an_intro_until_the_first_conversation_then_to_thank_once(s):
    ravi = contact_id(s.met("Ravi Patel of Globex referred by Maria Lopez"))
    assert "Referred by Maria Lopez" in text_of(s.prep("ravi"))
    first = reason(s.prep("ravi"))
    assert "Maria Lopez" in first and "introduction" in first
    s.called("ravi emailed")  # not a conversation yet
    s.on(FRI)  # two business days: Thu 26 Nov is Thanksgiving in New York (SPEC §14 Calendar)
    digest = s.digest()
    assert "Maria Lopez" in digest.row(ravi) and "thank" not in digest.row(ravi).casefold()
    assert "introduc" in reason(s.prep("ravi"))
    assert agree(s, digest) == {ravi}

    called = s.called("ravi reached: good first chat")
    assert "Maria Lopez referred Ravi Patel" in text_of(called)
    prep = s.prep("ravi")
    said = reason(prep).casefold()
    assert "maria lopez" in said and ("how it went" in said or "thank" in said) and "introduc" not in said
    assert has_button(prep, "story_thank")
    thanked = s.click(prep, "story_thank")
    assert "Thank-you to the referrer noted" in text_of(thanked)
    posted_to = {c.params.get("channel") for c in s.world.double.calls_to("chat.postMessage")}
    assert posted_to <= {s.user, f"D{s.user}"}  # a typed name is no one to DM: only noted

    s.on(D(2026, 12, 28))  # the next follow-up, a month on: the loop stays closed
    digest = s.digest()
    home = s.home()
    for said in (reason(s.prep("ravi")), digest.row(ravi), home.row(ravi)):
        assert "thank" not in said.casefold() and "introduc" not in said.casefold(), said
    assert "how it went" not in everything_about(s, "ravi", ravi, digest)
    assert not has_button(s.prep("ravi"), "story_thank")
    assert agree(s, digest) == {ravi}


def test_a_slack_member_referrer_gets_a_thank_you_dm_only_when_the_user_presses_thank(s):
    s.world.user("U0042", name="Maria Lopez")
    lee = contact_id(s.met("Lee Chen of Hooli referred by <@U0042>"))
    assert "Referred by <@U0042>" in text_of(s.prep("lee"))
    called = s.called("lee reached: nice chat")
    assert "<@U0042> referred Lee Chen" in text_of(called)
    thank = button(called, "story_thank")
    assert thank[1] == "Thank them"
    settle(s.world)
    assert s.world.double.dm_messages("U0042") == []  # nothing until pressed

    # A month on, Lee is due again with the thank-you still open: Home lists Lee with the Thank button
    # (it used to pass when Lee was missing from Home altogether).
    s.on(D(2026, 12, 24))
    s.digest()
    home = s.home()
    assert home.due_ids == [lee] and has_button(home.view, "story_thank", str(lee))
    assert s.world.double.dm_messages("U0042") == []

    thanked = s.click(called, "story_thank")
    assert "Thank-you to the referrer noted for *Lee Chen*" in text_of(thanked)
    [dm] = wait_for(lambda: s.world.double.dm_messages("U0042"))
    assert "<@U1>" in dm["text"] and "Lee Chen" in dm["text"]
    assert not has_button(s.prep("lee"), "story_thank")
    s.click(called, "story_thank")  # pressed again: noted once, no second DM
    settle(s.world)
    assert len(s.world.double.dm_messages("U0042")) == 1


# ------------------------------------------------------------------------------------------------
# 4. Dormant: asked once, then due nowhere; revive
# ------------------------------------------------------------------------------------------------


def six_unanswered(s: Story) -> int:
    wang = contact_id(s.met("Wang Li of Acme at PyCon on 2026-11-02"))
    for _ in range(6):
        s.called("wang voicemail")
        s.next_day()
    return wang


def test_after_the_digest_asks_let_go_the_contact_is_due_nowhere_and_gone_quiet_on_home(s):
    zed = contact_id(s.met("Zed Other of Foo at PyCon on 2026-11-02"))
    wang = six_unanswered(s)
    assert s.today == MON
    digest = s.digest()
    assert "Time to let go?" in digest.row(wang)
    home = s.home()
    assert home.where(wang) == "quiet" and "Gone quiet" in home.text
    listed = s.prep_list()
    assert wang not in listed.ids and "1 contact is overdue" in listed.text

    s.next_day()
    digest = s.digest()
    assert wang not in digest.ids and "That's everyone due today" in digest.text
    assert agree(s, digest) == {zed}
    assert s.home().where(wang) == "quiet"


def test_a_contact_revived_from_gone_quiet_is_due_again_everywhere(s):
    wang = six_unanswered(s)
    s.digest()  # asks "let go?"
    home = s.home()
    assert home.where(wang) == "quiet"
    home = s.press_on_home(home, "contact_revive", str(wang))
    assert home.where(wang) == "upcoming" and "revived" in home.row(wang)
    s.next_day()
    digest = s.digest()
    assert "let go" not in digest.row(wang).casefold()
    assert agree(s, digest) == {wang}


def test_let_go_from_the_digest_takes_the_contact_off_every_screen(s):
    omar = contact_id(s.met("Omar Haddad of Initech on 2026-11-18"))
    mia = contact_id(s.met("Mia Rossi of Acme on 2026-11-18"))
    digest = s.digest()
    assert set(digest.ids) == {omar, mia}
    s.click(digest.message, "contact_let_go", str(omar))
    assert agree(s, digest_without(digest, omar)) == {mia}
    prep = s.prep("omar")
    assert "let go" in text_of(prep) and has_button(prep, "contact_revive")
    assert s.home().where(omar) is None


def digest_without(digest: Digest, contact: int) -> Digest:
    rest = Digest(digest.message, {k: v for k, v in digest.rows.items() if k != contact})
    return rest


def test_snooze_from_the_digest_moves_the_contact_a_week_on_every_screen(s):
    omar = contact_id(s.met("Omar Haddad of Initech on 2026-11-18"))
    digest = s.digest()
    snoozed = s.click(digest.message, "contact_snooze", f"{omar}:7")
    assert "snoozed until" in text_of(snoozed)
    assert agree(s, None) == set()
    assert s.home().where(omar) == "upcoming"
    s.on(D(2026, 12, 1))
    assert agree(s, s.digest()) == {omar}


# ------------------------------------------------------------------------------------------------
# 5/6. Dates
# ------------------------------------------------------------------------------------------------


def test_a_numeric_date_reads_in_the_users_order(s):
    # the story's user is in New York: 11/10 is November 10 there (in Lisbon it would be 11 October)
    assert "Tue 10 Nov" in text_of(s.met("Anne of Acme on 11/10"))


@pytest.mark.parametrize(
    "typed",
    [
        "Anne of Acme on 31/11",
        "Anne of Acme on feb 30",
    ],
)
def test_a_date_it_cannot_read_is_refused_with_a_sentence_and_nothing_is_saved(s, typed):
    answer = text_of(s.met(typed))
    assert ":warning:" in answer and "date" in answer
    assert "Saved" not in answer
    home = s.home()
    assert home.rows == {} and "Acme on" not in home.text
    assert "can't find" in text_of(s.prep("anne"))


def test_met_dates_far_back_or_ahead_are_refused_and_another_years_dates_show_the_year(s):
    for typed, says in [
        ("Past Guy of Acme on 1999-01-01", "more than 2 years ago"),
        ("Next Week Person on next friday", "in the future"),
        ("Future Guy on 2027-03-01", "in the future"),
    ]:
        answer = text_of(s.met(typed))
        assert says in answer and ":warning:" in answer and "Saved" not in answer
    assert s.home().rows == {}

    old = contact_id(s.met("Old Timer of Acme on 2025-06-01"))
    assert "June 2025" in text_of(s.prep("old timer"))
    digest = s.digest()
    assert old in digest.ids and "10192" not in digest.text
    jane = contact_id(s.met("Jane Roe of Acme on 2026-11-20"))
    refused = text_of(s.called("jane roe reached 2026-11-19"))
    assert "You met Jane Roe on Fri 20 Nov, so a call can't be dated Thu 19 Nov" in refused
    assert "Not called yet" in text_of(s.prep("jane roe"))
    s.called("jane roe meeting 2027-12-31")
    prep = s.prep("jane roe")
    assert "Meeting on Fri 31 Dec 2027" in text_of(prep)
    assert jane not in s.home().due_ids


# ------------------------------------------------------------------------------------------------
# 7. Let go after a no
# ------------------------------------------------------------------------------------------------


def test_a_contact_who_said_no_is_let_go_with_revive_and_no_coaching(s):
    zoe = contact_id(s.met("Zoë Martin of Northwind at PyCon yesterday: promised to send the checklist"))
    called = s.called("zoe no: not interested")
    assert "They said no" in text_of(called)
    prep = s.prep("zoe")
    shown = text_of(prep)
    assert "*Zoë Martin* said no on Tue 24 Nov" in shown and has_button(
        prep, "contact_revive"
    )  # their answer
    for coaching in ("Your reason to call", "Open with", "voicemail", "checklist", "Ask Zoë", "wrong moment"):
        assert coaching not in shown, coaching
    assert not has_button(prep, "story_promise_kept")
    assert s.home().where(zoe) is None
    s.on(D(2026, 12, 28))
    assert zoe not in s.prep_list().ids
    assert s.digest() is None


# ------------------------------------------------------------------------------------------------
# 8. Meetings and call notes
# ------------------------------------------------------------------------------------------------


def test_a_meeting_is_shown_ahead_then_asked_about_then_its_follow_up_is_the_reason(s):
    tom = contact_id(
        s.met("Tom Baker of Hooli at PyCon yesterday: met at the booth, building a recommender team")
    )
    called = s.called("tom meeting friday: wants the case study")
    assert "Meeting booked" in text_of(called) and "Fri 27 Nov" in text_of(called)

    for day in (TUE, THU, FRI):  # before and on the day: a meeting, not a call to make
        s.on(day)
        home = s.home()
        assert "meeting on Fri 27 Nov" in home.row(tom)
        assert tom not in home.due_ids and tom not in s.prep_list().ids
        assert "Meeting on Fri 27 Nov" in text_of(s.prep("tom"))
        assert s.digest() is None
    assert "your note: wants the case study" in text_of(s.prep("tom"))

    s.on(MON, at=dt.time(13, 0))  # the business day after, before the digest: did it happen?
    prep = s.prep("tom")
    assert "Did your meeting on Fri 27 Nov happen?" in text_of(prep) and has_button(
        prep, "story_meeting_held"
    )
    s.on(MON)
    digest = s.digest()
    assert "Fri 27 Nov" in digest.row(tom) and "happen" in digest.row(tom)
    assert has_button(digest.message, "story_meeting_held", str(tom))
    # the digest asks once; /prep never says "you met" until the user says it happened (SPEC §14)
    assert "Did your meeting" in text_of(s.prep("tom")) and "You met on" not in text_of(s.prep("tom"))
    assert agree(s, digest) == {tom}

    held = s.click(digest.message, "story_meeting_held", str(tom))
    assert "noted as held" in text_of(held)
    prep = s.prep("tom")
    assert "fri 27 nov" in reason(prep).casefold() and "case study" in reason(prep)
    assert "3 days ago" in block_text(prep, "prep_history")  # counted from the meeting day
    assert "booth" not in reason(prep) and not has_button(prep, "story_meeting_held")
    s.on(D(2026, 12, 1))
    digest = s.digest()
    assert "meeting" in digest.row(tom).casefold() and "happen" not in digest.row(tom)
    assert "· meeting on" not in s.home().row(tom)  # no longer ahead
    assert agree(s, digest) == {tom}


def test_a_moved_meeting_is_ahead_again_and_asked_about_after_the_new_day(s):
    tom = contact_id(s.met("Tom Baker of Hooli at PyCon yesterday"))
    s.called("tom meeting friday")
    s.on(MON)
    digest = s.digest()
    action, _, value, block_id = button(digest.message, "story_meeting_moved", str(tom))
    press(s.world, action, value, s.user, block_id=block_id)
    form = wait_for(
        lambda: next(
            (v for v in s.world.double.views() if v["callback_id"] == "story_meeting_moved_form"), None
        )
    )
    assert "When will you meet *Tom Baker* now?" in text_of(form)
    saved = s.world.slack.view_submission(
        s.user, "story_meeting_moved_form", {"day": {"value": date_value("2026-12-04")}}, view=form
    )
    assert saved.status == 200 and not (saved.json or {}).get("errors")
    home = s.home()
    assert "meeting on Fri 4 Dec" in home.row(tom) and tom not in home.due_ids
    assert agree(s, None) == set()
    assert "Meeting on Fri 4 Dec" in text_of(s.prep("tom"))

    s.on(D(2026, 12, 7))
    digest = s.digest()
    assert "Fri 4 Dec" in digest.row(tom) and has_button(digest.message, "story_meeting_held", str(tom))
    assert agree(s, digest) == {tom}


def test_a_cancelled_meeting_makes_the_contact_due_now(s):
    ida = contact_id(s.met("Ida Lund of Hooli at PyCon yesterday"))
    s.called("ida meeting friday")
    s.on(MON)
    digest = s.digest()
    cancelled = s.click(digest.message, "story_meeting_cancelled", str(ida))
    assert "cancelled: they're due *Mon 30 Nov* to book another" in text_of(cancelled)
    home = s.home()
    assert home.where(ida) == "due" and "meeting on" not in home.row(ida)
    prep = s.prep("ida")
    assert "Did your meeting" not in text_of(prep) and not has_button(prep, "story_meeting_held")
    assert ida in s.prep_list().ids


def test_a_held_meeting_with_an_open_promise_keeps_the_promise_first(s):
    tom = contact_id(s.met("Tom Baker of Hooli at PyCon yesterday: promised to send the pricing sheet"))
    s.called("tom meeting friday")
    s.on(MON)
    digest = s.digest()
    s.click(digest.message, "story_meeting_held", str(tom))
    prep = s.prep("tom")
    assert "send the pricing sheet" in reason(prep) and has_button(prep, "story_promise_kept")
    s.click(prep, "story_promise_kept")
    prep = s.prep("tom")
    assert "pricing sheet" not in reason(prep) and "meeting" in reason(prep).casefold()


def test_notes_that_say_when_set_the_next_follow_up_and_the_reply_says_so(s):
    jose = contact_id(s.met("José Núñez of Bank of America yesterday"))
    called = s.called("jose later: try again in Q1")
    assert "your notes say in Q1" in text_of(called)
    assert "Mon 4 Jan" in text_of(called)
    listed = s.prep_list()
    assert jose not in listed.ids and "Mon 4 Jan" in listed.text
    assert s.home().where(jose) is None
    s.on(D(2026, 12, 28))
    assert s.digest() is None
    s.on(D(2027, 1, 4))
    digest = s.digest()
    assert agree(s, digest) == {jose}
    assert "try again in Q1" in text_of(s.prep("jose"))


def test_the_last_calls_note_feeds_prep_as_your_note(s):
    contact_id(s.met("Ana Silva of Acme yesterday"))
    s.called("ana reached: wants the case study, budget in Q1")
    prep = s.prep("ana")
    assert "*Last call, Tue 24 Nov* — your note: wants the case study, budget in Q1" in text_of(prep)
    assert "case study" in text_of(prep)


# ------------------------------------------------------------------------------------------------
# 9. Notes are your note
# ------------------------------------------------------------------------------------------------


def test_notes_are_shown_as_your_note_never_as_the_contacts_words(s):
    tom = contact_id(
        s.met("Tom Baker of Hooli at PyCon yesterday: met at the booth, building a recommender team")
    )
    prep = s.prep("tom")
    # what they are doing reads inside the question, marked as coming from your notes (SPEC §12, §14)
    assert "building a recommender team" in reason(prep) and "your notes" in reason(prep)
    s.on(D(2026, 11, 25))
    digest = s.digest()
    for text in (text_of(prep), digest.row(tom), s.home().row(tom)):
        assert "told you" not in text and "said" not in text, text
    assert agree(s, digest) == {tom}


# ------------------------------------------------------------------------------------------------
# 10. Same-day repeats
# ------------------------------------------------------------------------------------------------


def test_five_voicemails_on_one_day_count_once(s):
    wang = contact_id(s.met("Wang Li of Acme at PyCon on 2026-11-20"))
    notices = [text_of(s.called("wang voicemail")) for _ in range(5)]
    assert "A second try today" not in notices[0]
    assert all(
        "A second try today: it's logged, and the streak counts one try a day." in n for n in notices[1:]
    )
    home = s.home()
    assert home.stat("Calls this week") == "1" and home.stat("Streak") == "1 nudge day"
    prep = s.prep("wang")
    assert "tries in a row" not in text_of(prep) and "dormant" not in text_of(prep)
    assert home.where(wang) == "upcoming"  # 3 business days after a voicemail, not let-go territory


def test_from_the_third_unanswered_try_the_voicemail_suggests_another_channel(s):
    contact_id(s.met("Wang Li of Acme at PyCon on 2026-11-02"))
    s.called("wang voicemail")
    s.next_day()
    second = block_text(s.prep("wang"), "prep_voicemail")  # for the second try
    assert "try you again" in second or "try again" in second
    s.called("wang no answer")
    s.next_day()
    third = block_text(s.prep("wang"), "prep_voicemail")  # for the third try, after two unanswered
    assert "e-mail or text" in third and "try you again" not in third and "try again" not in third


# ------------------------------------------------------------------------------------------------
# 11. Names
# ------------------------------------------------------------------------------------------------


def test_a_name_with_code_in_it_is_refused_with_a_clear_sentence(s):
    answer = text_of(s.met("Robert'); DROP TABLE contacts;-- of Acme"))
    assert ":warning:" in answer and "A name can hold letters" in answer and "take out `)`" in answer
    assert s.home().rows == {}


def test_control_characters_are_removed_from_names_and_companies(s):
    saved = s.met("Ctrl\x07Char2 of Acme\x1b[31m")
    who = contact_id(saved)
    assert "Saved *CtrlChar2 (Acme)*" in text_of(saved)
    assert "[31m" not in text_of(s.prep("ctrlchar2"))
    s.on(FRI)  # the first follow-up: Thu 26 Nov is Thanksgiving in New York (SPEC §14 Calendar)
    digest = s.digest()
    assert digest.row(who).startswith("*CtrlChar2 (Acme)*")


def test_two_contacts_with_the_same_name_get_pick_buttons_told_apart(s):
    first = contact_id(s.met("José Núñez of Bank of America at Money20/20 yesterday"))
    dup = s.met("José Nunez of Bank of America at Web Summit on 2026-11-10")
    assert "Is this the same person?" in text_of(dup)
    saved = s.click(dup, "met_dup_new")
    assert "Saved" in text_of(saved)
    picks = s.called("jose reached")
    labels = [label for action, label, _, _ in buttons(picks) if action.startswith("called_pick")]
    assert len(labels) == 2 and len(set(labels)) == 2
    assert any("Money20/20" in lab and "23 Nov" in lab for lab in labels)
    assert any("Web Summit" in lab and "10 Nov" in lab for lab in labels)
    prep_labels = [label for action, label, _, _ in buttons(s.prep("jose")) if action.startswith("prep_pick")]
    assert prep_labels == labels
    chosen = next(b for b in buttons(picks) if "Money20/20" in b[1])
    before = len(s.world.double.responses)
    press(s.world, chosen[0], chosen[2], s.user, block_id=chosen[3])
    assert "Reached" in text_of(reply(s.world, before + 1))
    home = s.home()
    assert first not in home.due_ids


# ------------------------------------------------------------------------------------------------
# 12. Offers
# ------------------------------------------------------------------------------------------------


def test_offers_go_to_contacts_whose_topics_match_and_a_dated_invitation_expires(s):
    s.prep("offer add Hiring workshop #workshop #hiring")
    s.prep("offer add Founders dinner #event #founders until 2026-11-27")
    ana = contact_id(s.met("Ana Silva of Acme at PyCon yesterday: needs to hire 3 SREs"))
    bo = contact_id(s.met("Bo Berg of Globex at PyCon yesterday: building a design system"))
    cy = contact_id(s.met("Cy Fox of Seedly at PyCon yesterday: founder raising a seed round"))
    assert "hiring workshop" in reason(s.prep("ana"))
    assert "workshop" not in text_of(s.prep("bo")).casefold()
    assert "founders dinner" in reason(s.prep("cy"))
    assert "dinner" not in text_of(s.prep("bo")).casefold()

    s.on(MON)
    digest = s.digest()
    assert agree(s, digest) == {ana, bo, cy}
    assert "workshop" not in digest.row(bo).casefold()
    cy_now = text_of(s.prep("cy"))
    assert "dinner" not in cy_now.casefold() and "dinner" not in digest.row(cy).casefold()


# ------------------------------------------------------------------------------------------------
# The screens count alike
# ------------------------------------------------------------------------------------------------


def test_prep_counts_due_today_and_overdue_exactly_as_homes_sections(s):
    tuesday = s.today
    s.on(dt.date(2026, 11, 19))  # entered last Thursday, their first follow-up long gone: due then
    over = [contact_id(s.met(f"Over Due{n} of Foo on 2026-11-1{n}")) for n in (6, 7)]
    s.on(tuesday)
    today = contact_id(s.met("Tess Ng of Foo on 2026-11-20"))
    contact_id(s.met("Later Larry of Foo yesterday"))
    home = s.home()
    assert sorted(home.sections["overdue"]) == sorted(over) and home.sections["due"] == [today]
    listed = s.prep_list()
    assert "3 contacts are due: 1 today, 2 overdue" in listed.text
    assert "*Overdue* · 2" in home.text and "*Due today* · 1" in home.text
    assert agree(s, s.digest()) == {today, *over}


# ------------------------------------------------------------------------------------------------
# 13. The smaller things, end to end
# ------------------------------------------------------------------------------------------------


def test_a_phone_is_shown_as_people_write_it_and_the_delete_confirmation_counts_right(s):
    pat = contact_id(s.met("Pat Kim of Acme yesterday: +14155550100"))
    assert "<tel:+14155550100|(415) 555-0100>" in block_text(s.prep("pat"), "prep_who")  # tap to call
    assert "+14155550100" not in text_of(s.prep("pat")).replace("<tel:+14155550100|", "")
    s.called("pat reached: liked the demo")
    card = s.card(s.home(), pat)
    [confirm] = [
        e["confirm"]["text"]["text"]
        for b in card["blocks"]
        for e in b.get("elements") or []
        if e.get("action_id") == "contact_view_delete"
    ]
    assert "This removes Pat Kim and 1 history entry for good" in confirm


def test_notes_over_the_limit_say_nothing_was_saved(s):
    answer = text_of(s.met("Long Notes of Acme yesterday: " + "word " * 700))
    assert "nothing was saved" in answer and "Edit" in answer
    assert s.home().rows == {} and "can't find" in text_of(s.prep("long notes"))


def test_updating_a_contact_after_a_call_says_next_follow_up_not_first(s):
    pat = contact_id(s.met("Pat Kim of Acme yesterday"))
    s.called("pat reached: liked the demo")
    asked = s.met("Pat Kim of Acme: now leads the platform team")
    updated = s.click(asked, "met_dup_update", None)
    shown = text_of(updated)
    assert "First follow-up" not in shown and "follow-up" in shown.casefold()
    assert "now leads the platform team" in shown
    assert s.home().where(pat) is None  # still a month out after the call


def test_more_due_than_one_digest_holds_is_counted_alike_everywhere(s):
    tuesday = s.today
    s.on(dt.date(2026, 11, 20))  # entered last Friday, due then (never before the day entered)
    ids = [contact_id(s.met(f"Person {chr(65 + n)}ee of Acme{n} on 2026-11-1{n}")) for n in range(8)]
    s.on(tuesday)
    digest = s.digest()
    home = s.home()
    listed = s.prep_list()
    assert set(home.due_ids) == set(listed.ids) == set(ids)
    assert set(digest.ids) < set(ids)
    more = len(ids) - len(digest.ids)
    assert f"{more} more due" in digest.text
    assert f"{len(ids)} contacts are overdue" in listed.text and "*Overdue* · 8" in home.text


def test_an_introduced_contact_with_an_open_promise_shows_the_promise_everywhere_and_thanks_no_one(s):
    anna = contact_id(
        s.met("Anna Schmidt of SAP at PyCon on monday via Jane Doe: promised to send the slides")
    )
    s.on(WED)
    digest = s.digest()
    home = s.home()
    prep = s.prep("anna")
    assert "send the slides" in digest.row(anna) and "send the slides" in home.row(anna)
    assert "send the slides" in reason(prep)
    for shown in (digest.message, home.view, prep):
        assert has_button(shown, "story_promise_kept", str(anna)) and not has_button(shown, "story_thank")
    assert agree(s, digest) == {anna}
    called = s.called("anna reached: loved the slides")
    assert "story_thank" not in [b[0] for b in buttons(called)]  # an introducer is not a referrer


def test_the_promise_kept_button_on_home_closes_it_for_the_digest_and_prep_too(s):
    olga = contact_id(s.met("Olga Ivanova of Umbrella at PyCon on monday: promised to intro her to our CTO"))
    s.on(WED)
    home = s.home()
    assert "introduce her to our CTO" in home.row(olga)
    home = s.press_on_home(home, "story_promise_kept", str(olga))
    assert "promised" not in home.row(olga) and not has_button(home.view, "story_promise_kept")
    digest = s.digest()
    assert "CTO" not in digest.row(olga) and not has_button(digest.message, "story_promise_kept")
    assert "CTO" not in reason(s.prep("olga"))
    assert agree(s, digest) == {olga}


def test_a_held_meeting_ends_the_intro_ask_for_a_referred_contact(s):
    ravi = contact_id(s.met("Ravi Patel of Globex referred by Maria Lopez"))
    s.called("ravi meeting friday")
    s.on(MON)
    digest = s.digest()
    s.click(digest.message, "story_meeting_held", str(ravi))
    prep = s.prep("ravi")
    assert "introduc" not in reason(prep).casefold() and "not spoken" not in text_of(prep)
    assert has_button(prep, "story_thank")  # now tell Maria how it went


def test_the_voicemail_follows_the_reason(s):
    s.prep("offer add Hiring workshop #workshop #hiring")
    contact_id(s.met("José Núñez of Bank of America yesterday: promised to send the deck by friday"))
    contact_id(s.met("Ana Silva of Acme at PyCon yesterday: needs to hire 3 SREs"))
    jose = s.prep("jose")
    assert "send the deck" in reason(jose) and "send the deck" in block_text(jose, "prep_voicemail")
    ana = s.prep("ana")
    assert "workshop" in reason(ana) and "workshop" in block_text(ana, "prep_voicemail").casefold()


# --- stories that found bugs, fixed since ---------------------------------------------------------


def test_a_slack_member_referrer_reads_as_a_mention_in_reasons_not_as_escaped_text(s):
    s.world.user("U0042", name="Maria Lopez")
    lee = contact_id(s.met("Lee Chen of Hooli referred by <@U0042>"))
    before = s.prep("lee")
    assert "&lt;@" not in text_of(before), reason(before)
    s.on(FRI)  # the first follow-up: Thu 26 Nov is Thanksgiving in New York (SPEC §14 Calendar)
    digest = s.digest()
    assert "&lt;@" not in digest.row(lee), digest.row(lee)
    s.called("lee reached: nice chat")
    assert "&lt;@" not in text_of(s.prep("lee")), reason(s.prep("lee"))


def test_the_called_reply_shows_the_year_of_a_follow_up_in_another_year(s):
    s.met("Jane Roe of Acme yesterday")
    answer = text_of(s.called("jane roe later: try again in Q1"))
    assert "Mon 4 Jan 2027" in answer, answer
    s.met("Lots Lee of Acme yesterday")
    answer = text_of(s.called("lots meeting 2027-12-31"))
    assert "Fri 31 Dec 2027" in answer and "Mon 3 Jan 2028" in answer, answer


def test_a_date_word_inside_a_name_is_not_folded_into_the_company(s):
    saved = text_of(s.met("Due Today of Foo on 2026-11-20"))
    assert "Foo on 2026-11-20" not in saved, saved
