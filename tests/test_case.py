"""The case reader (bot.domain.talking_points.case) and the words it needs, on their own: what a note
says is to be delivered, waited for or decided, and when; how a person is addressed; the digest's
rank and its cap on chores. Wordings are our own."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from bot.domain.cadence import business_days
from bot.domain.digest_view import chosen_of, digest_rank
from bot.domain.names import first_name, is_pronouns
from bot.domain.talking_points.case import read_case
from bot.domain.talking_points.case_schedule import deliver_follow_up

SUN = dt.date(2026, 12, 6)
WEEKDAYS = frozenset(range(5))


def case(call_notes: str, notes: str | None = None, today: dt.date = SUN):
    return read_case(notes, SUN, call_notes, SUN, today)


@pytest.mark.parametrize(
    ("note", "thing", "by", "theirs"),
    [
        ("asked for our rate card by Thursday", "our rate card", dt.date(2026, 12, 10), True),
        ("needs a signed NDA back before the kickoff on the 15th", None, None, None),  # "needs" alone: a need
        (
            "wants two reference calls before her board sits on the 21st",
            "two reference calls",
            dt.date(2026, 12, 21),
            True,
        ),
        ("wants a demo of the scheduler", "a demo of the scheduler", None, True),
        (
            "I'll get her the revised SOW before Friday's steering call",
            "the revised SOW",
            dt.date(2026, 12, 11),
            False,
        ),
        ("next step: share the onboarding deck and suggest a pilot", "the onboarding deck", None, False),
        ("wants a reliable bookkeeper", None, None, None),  # a person to find is an intro, not a thing
        ("wants to expand into Austria", None, None, None),  # a plan, not something asked of you
    ],
)
def test_what_to_deliver_and_by_when(note, thing, by, theirs):
    found = case(note).deliver
    if thing is None:
        assert found is None
        return
    assert found is not None and found.thing == thing and found.by == by and found.theirs is theirs


def test_a_step_the_user_took_on_is_the_action_without_its_deadline_words():
    found = case("I'll get her the revised SOW before Friday's steering call").deliver
    # "get her …" reads right to you, and to her it is said "get you the revised SOW" (phrases.spoken)
    assert found.action == "get her the revised SOW" and found.by_words == "before Friday's steering call"


def test_the_name_a_note_says_they_go_by_is_the_name():
    from bot.domain.names import nickname_in

    assert nickname_in("site manager, goes by Bex, hates long calls") == "Bex"
    assert nickname_in("prefers Tom to Thomas") == "Tom"
    assert nickname_in("goes by the book on safety") is None


@pytest.mark.parametrize(
    ("note", "until"),
    [
        ("in the field all week, do not ring before the 14th", dt.date(2026, 12, 14)),
        ("no sooner than 4 January please", dt.date(2027, 1, 4)),
        ("travelling until 11 Jan, ring me after that", dt.date(2027, 1, 11)),
        ("call me back after Thu 17 Dec", dt.date(2026, 12, 17)),
        ("budget talk went well, revenue is up", None),
    ],
)
def test_a_time_they_set(note, until):
    assert case(note).wait_until == until


def test_a_decision_day_counts_ahead_and_for_a_month_after():
    note = "liked the pilot; the operations board decides on 18 Dec"
    assert case(note).decision_on == dt.date(2026, 12, 18)
    later = case(note, today=dt.date(2026, 12, 22))
    assert later.decision_on == dt.date(2026, 12, 18)
    assert case(note, today=dt.date(2027, 2, 1)).decision_on is None


def test_their_date_is_nudged_well_before_it_never_on_it():
    day, why, found = deliver_follow_up("asked for our rate card by Monday the 14th", SUN, WEEKDAYS) or (
        None,
        None,
        None,
    )
    # two working days on (Tue 8 Dec), not the Friday before their Monday: it goes out while fresh
    assert found is not None and day == dt.date(2026, 12, 8) and "Mon 14 Dec" in why
    near, _, _ = deliver_follow_up("needs the site drawings by Wednesday", SUN, WEEKDAYS)
    assert near == dt.date(2026, 12, 8)  # their Wednesday is close: Tuesday, a working day before it
    assert deliver_follow_up("lovely chat about sailing", SUN, business_days(WEEKDAYS)) is None


@pytest.mark.parametrize(
    ("name", "first"),
    [
        ("Dr. Hana Kobayashi", "Hana"),
        ("Prof Dieter Brandt", "Dieter"),
        ('Oluwaseun "Seun" Adeyemi', "Seun"),
        ("Rui Costa (he/him)", "Rui"),
        ("Maya Stein they/them", "Maya"),
        ("Lena Vogt, MBA", "Lena"),
        ("Ines 🌱 Moreau", "Ines"),
        ("Mrs. Whitfield", "Mrs. Whitfield"),
        ("Anne-Sophie Lefèvre", "Anne-Sophie"),
    ],
)
def test_a_person_is_addressed_by_first_name(name, first):
    assert first_name(name) == first


def test_pronouns_are_recognised_alone():
    assert is_pronouns("(she/her)") and is_pronouns("they/them") and not is_pronouns("(Acme)")


def _row(cid, *, due, promise=None, notes=None, on=None):
    return SimpleNamespace(
        id=cid,
        name=f"C{cid}",
        company=None,
        stage="active",
        next_due=due,
        met_on=dt.date(2026, 10, 1),
        let_go_asked=False,
        promise=promise,
        promise_done=False,
        promise_due=None,
        last_outcome="reached",
        referred_by=None,
        notes=None,
        event=None,
        last_call_notes=notes,
        last_call_on=on,
        latest_due=None,
    )


def test_a_dated_request_comes_before_overdue_and_chores_never_fill_the_digest():
    today = dt.date(2026, 12, 9)
    chores = [_row(i, due=dt.date(2026, 12, 1), promise="send the deck") for i in range(1, 6)]
    overdue = _row(7, due=dt.date(2026, 11, 20))
    asked = _row(8, due=today, notes="asked for our rate card by the 11th", on=dt.date(2026, 12, 4))
    chosen = chosen_of([*chores, overdue, asked], today, 5)
    assert chosen[0].id == 8  # their dated request first
    assert len(chosen) == 5 and sum(1 for c in chosen if c.promise) == 4  # one place kept for a real call
    assert digest_rank(asked, today) < digest_rank(chores[0], today) < digest_rank(overdue, today)


def test_a_kind_marked_not_useful_ranks_behind_other_reasons_but_a_promise_never_does():
    from bot.domain.talking_points import ContactFacts, OfferFacts, UserFacts, prepare
    from bot.services.playbook_files import load_playbook

    playbook = load_playbook()
    guide = OfferFacts(
        1, "Field guide to cold-chain audits", "https://example.com/g", ("cold-chain", "audit")
    )
    tove = ContactFacts(
        7,
        "Tove Lind",
        company="Kylfrakt",
        event="Supply Summit",
        met_on=dt.date(2026, 11, 30),
        notes="preparing their first cold-chain audit, worried about the paperwork",
    )
    args = {"user": UserFacts("Sam"), "offers": [guide], "others": [], "today": SUN, "playbook": playbook}
    assert prepare(tove, **args).reason.kind == "offer"
    assert prepare(tove, **args, demoted=frozenset({"offer"})).reason.kind != "offer"
    promised = ContactFacts(8, "Ivo Berg", promise="send the audit checklist", met_on=dt.date(2026, 11, 30))
    assert prepare(promised, **args, demoted=frozenset({"promised"})).reason.kind == "promised"


def test_an_introduction_is_offered_on_both_sides_when_one_needs_what_the_other_does():
    from bot.domain.talking_points import ContactFacts, UserFacts, prepare
    from bot.services.playbook_files import load_playbook

    playbook = load_playbook()
    seeker = ContactFacts(
        1, "Pia Holm", company="Norda", notes="needs a reliable customs broker before the Asia launch"
    )
    broker = ContactFacts(
        2, "Emre Kaya", company="Kaya Clearance", notes="customs broker, keen on new importers"
    )
    both = [seeker, broker]
    args = {"user": UserFacts("Sam"), "offers": [], "others": both, "today": SUN, "playbook": playbook}
    for one, other in ((seeker, "Emre Kaya"), (broker, "Pia Holm")):
        reason = prepare(one, **args).reason
        assert reason.kind == "intro" and other in reason.text, reason.text


@pytest.mark.parametrize(
    ("notes", "heed"),
    [
        (
            "site foreman, do not ring him before 3pm, no small talk",
            ("do not ring him before 3pm", "no small talk"),
        ),
        ("wants everything in writing", ("wants everything in writing",)),
        ("runs two cafés, loves a chat", ()),
    ],
)
def test_how_they_want_to_be_reached_is_kept_in_their_words(notes, heed):
    assert read_case(notes, SUN, None, None, SUN).heed == heed


def test_one_shared_word_with_a_two_topic_offer_is_no_fit_but_the_job_title_or_an_invitation_is():
    from bot.domain.talking_points.facts import OfferFacts, _combined, _profile
    from bot.domain.talking_points.offer_match import _match_offer

    def fits(tags, role, notes):
        text, role_end = _combined(role, notes)
        return _match_offer(OfferFacts(1, "An offer", None, tags), _profile(text, role_end)).strength > 0

    assert not fits(("conservation", "grant"), None, "treasurer chasing a sports capital grant")
    assert fits(("conservation", "grant"), None, "needs a grant for the conservation of the old mill")
    assert fits(("conservation", "grant"), "Conservation officer", "")
    assert fits(("#event", "founder", "fundraising"), None, "first-time founder in Leeds")


def test_two_people_after_the_same_thing_are_no_introduction():
    from bot.domain.talking_points import ContactFacts, UserFacts, prepare
    from bot.services.playbook_files import load_playbook

    one = ContactFacts(1, "Ola Berg", company="Mill House", notes="needs a stonemason for the chimney")
    two = ContactFacts(2, "Ken Ito", company="Old Forge", notes="needs a stonemason too, before spring")
    args = {
        "user": UserFacts("Sam"),
        "offers": [],
        "others": [one, two],
        "today": SUN,
        "playbook": load_playbook(),
    }
    assert prepare(one, **args).reason.kind != "intro"


@pytest.mark.parametrize(
    ("note", "action", "by"),
    [
        ("quote needed by 8 Jan for the gable end", "send the quote", dt.date(2027, 1, 8)),
        ("needs a written price before the 14th", "send a written price", dt.date(2026, 12, 14)),
    ],
)
def test_a_request_said_noun_first(note, action, by):
    found = case(note).deliver
    assert found is not None and found.action == action and found.by == by


def test_a_committee_sitting_on_a_day_is_a_decision_day():
    assert case("their finance committee sits on the 15th").decision_on == dt.date(2026, 12, 15)


def test_a_deadline_with_an_ordinal_and_a_month_leaves_no_words_behind():
    from bot.domain.promises import read_promise

    found = read_promise("send a rough price by the 20th Dec", SUN)
    assert found.action == "send a rough price" and found.due == dt.date(2026, 12, 20)


@pytest.mark.parametrize(
    "notes",
    ["Ola brought him over at the coffee break", "never got talking to him, swapped cards"],
)
def test_how_you_met_is_no_thread_to_ask_about(notes):
    from bot.domain.talking_points import ContactFacts, UserFacts, prepare
    from bot.services.playbook_files import load_playbook

    who = ContactFacts(
        3, "Dan Roe", company="Roe & Co", event="Trade Fair", met_on=dt.date(2026, 12, 1), notes=notes
    )
    args = {"user": UserFacts("Sam"), "offers": [], "others": [], "today": SUN, "playbook": load_playbook()}
    shown = prepare(who, **args)
    assert "coffee break" not in shown.reason.text and "never got" not in shown.reason.text


@pytest.mark.parametrize(
    ("region", "met_on"),
    [("PT", dt.date(2026, 12, 2)), ("US", dt.date(2026, 2, 12)), (None, None)],
)
def test_a_numeric_met_date_reads_in_the_order_of_the_users_country(region, met_on):
    from bot.domain.dates import day_first_in
    from bot.domain.quickadd import ParseError, parse_met

    found = parse_met("Rui Lopes of Solar Norte at Expo on 02/12/2026", SUN, day_first=day_first_in(region))
    if met_on is None:
        assert isinstance(found, ParseError)  # no country: 02/12 is never guessed
    else:
        assert found.met_on == met_on


def test_a_time_set_in_the_met_notes_holds_the_first_follow_up():
    from bot.domain.cadence import first_follow_up
    from bot.domain.talking_points.case_schedule import with_their_time

    met = dt.date(2026, 11, 26)
    usual = first_follow_up(met, None, WEEKDAYS)
    held = with_their_time(usual, "swamped until mid-January, then keen", met, SUN, WEEKDAYS)
    assert held.next_due == dt.date(2027, 1, 15) and "mid" in held.reason
    assert with_their_time(usual, "keen to talk soon", met, SUN, WEEKDAYS) == usual


@pytest.mark.parametrize(
    ("name", "first"), [("Irmã Lúcia Faria", "Lúcia"), ("Eng.ª Leonor Prates", "Leonor")]
)
def test_more_titles_are_never_a_name(name, first):
    assert first_name(name) == first


def test_a_bare_want_of_something_people_send_is_a_request_and_before_then_refers_back():
    asked = case("out in the yards all week, wants per-hectare figures for the drone run").deliver
    assert asked is not None and asked.thing == "the per-hectare figures for the drone run"
    assert case("wants goats on the hill").deliver is None  # a wish, not a thing to send
    assert case("back 11 Jan, don't ring before then").wait_until == dt.date(2027, 1, 11)


def test_an_emailed_note_is_labelled_an_email():
    from bot.domain.talking_points import ContactFacts, last_touch_label

    on = dt.date(2026, 12, 3)
    assert (
        last_touch_label(ContactFacts(1, "A B", last_outcome="emailed", last_contact_on=on, last_call_on=on))
        == "Last e-mail"
    )
    assert (
        last_touch_label(ContactFacts(1, "A B", last_outcome="reached", last_contact_on=on, last_call_on=on))
        == "Last call"
    )


def test_what_they_asked_for_is_not_offered_again_as_a_second_topic():
    from bot.domain.talking_points import ContactFacts, UserFacts, prepare
    from bot.services.playbook_files import load_playbook

    ana = ContactFacts(
        9,
        "Ana Ruiz",
        company="Acme",
        event="Expo",
        met_on=dt.date(2026, 12, 4),
        notes="wants our rate card by Friday",
    )
    shown = prepare(ana, user=UserFacts("Sam"), offers=[], others=[], today=SUN, playbook=load_playbook())
    assert shown.reason.kind == "asked" and "rate card" in shown.reason.text
    assert all("rate card" not in alt.text for alt in shown.alternatives)


def test_a_time_of_day_to_ring_back_is_the_next_working_day_and_kept_as_theirs():
    from bot.domain.call_text import when_from
    from bot.domain.vocabulary import Outcome

    fri = dt.date(2026, 12, 11)
    said = when_from(Outcome.LATER, None, "with a customer, try me after 4pm on a weekday", fri)
    assert (said.follow_up_on, said.follow_up_words) == (dt.date(2026, 12, 14), "after 4pm on a weekday")
    said = when_from(Outcome.BUSY, None, "driving; ring this evening", fri)
    assert said.follow_up_on == dt.date(2026, 12, 14)
    assert when_from(Outcome.REACHED, None, "happy to talk after 4pm any day", fri).follow_up_on is None
    assert when_from(Outcome.LATER, None, "ring after 4 January", fri).follow_up_on == dt.date(2027, 1, 5)
    assert read_case(None, SUN, "on site till lunch; phone her after 15h", SUN, SUN).heed == (
        "phone her after 15h",
    )


def test_a_state_they_want_reached_is_not_a_thing_they_asked_you_for():
    assert case("audit in March; wants his training records up to date before it").deliver is None
    assert case("wants the permits in order before the spring").deliver is None


def test_a_decision_day_brings_the_call_before_it_and_hearing_back_stays_on_the_day():
    from bot.domain.call_text import when_from
    from bot.domain.vocabulary import Outcome

    mon = dt.date(2026, 12, 7)
    said = when_from(Outcome.REACHED, None, "proposal in; the trustees choose a supplier on Thu 17 Dec", mon)
    assert said.follow_up_on == dt.date(2026, 12, 15)
    said = when_from(Outcome.REACHED, None, "she will know on Thu 17 Dec whether the budget holds", mon)
    assert said.follow_up_on == dt.date(2026, 12, 17)


def test_your_own_step_beats_what_they_want_and_takes_its_subject():
    said = case(
        "the inspector wants to see a signed fire-door log; I'll send him a blank template by Thursday"
    )
    assert not said.deliver.theirs and said.deliver.by == dt.date(2026, 12, 10)
    assert said.deliver.thing == "a blank template of a signed fire-door log"


def test_call_after_that_waits_for_the_day_before_it():
    from bot.domain.call_text import when_from
    from bot.domain.vocabulary import Outcome

    notes = "trustees meet on Thu 17 Dec to choose, ring her after that"
    assert when_from(Outcome.REACHED, None, notes, SUN).follow_up_on == dt.date(2026, 12, 18)
    said = read_case(
        "Finance chair; the panel decides on Fri 11 Dec - asked to phone after then.", SUN, None, None, SUN
    )
    assert said.wait_until == dt.date(2026, 12, 14)  # the first weekday after it


def test_a_weekday_written_before_its_date_goes_with_the_date():
    from bot.domain.promises import read_promise

    said = read_promise("send her the fire-door log by Thu 2026-12-10", dt.date(2026, 12, 1))
    assert said.action == "send her the fire-door log" and said.due == dt.date(2026, 12, 10)


def test_before_a_month_is_the_end_of_the_month_before():
    assert case("I'll find her a second supplier before February").deliver.by == dt.date(2027, 1, 31)


def test_a_long_step_keeps_the_thing_and_a_passed_not_before_is_no_warning():
    said = case(
        "I'll get him the name of our contact at the Direction régionale de l'environnement Nord before Thu 17 Dec"
    )
    assert said.deliver.thing == "the name of our contact" and said.deliver.by == dt.date(2026, 12, 17)
    old = read_case(
        "site manager; don't call before 8 Dec, busy with the audit", SUN, None, None, dt.date(2026, 12, 10)
    )
    assert old.wait_until is None and old.heed == ()


def test_a_decision_next_week_outranks_the_most_overdue():
    today = dt.date(2026, 12, 9)
    overdue = _row(9, due=dt.date(2026, 11, 20))
    voting = _row(10, due=today, notes="the trustees vote on Fri 18 Dec", on=dt.date(2026, 12, 2))
    far = _row(11, due=today, notes="the trustees vote on Fri 15 Jan", on=dt.date(2026, 12, 2))
    assert digest_rank(voting, today) < digest_rank(overdue, today) < digest_rank(far, today)
