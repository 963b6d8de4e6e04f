"""Session 9's coaching classes (SPEC §14), each in wordings of our own: a deadline or a committee of
theirs named in a call is a decision day the next call comes before; what they want to see is a look at
it, never "the how …"; a thing another firm owes them is not the user's to send; what went out closes
the ask for it; a bare "the quote" says what it was for; a verb of supplying counts only in its own
clause. Pure."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.domain.talking_points import ContactFacts, UserFacts, prepare
from bot.domain.talking_points.case import read_case
from bot.domain.talking_points.case_schedule import before_their_decision, deliver_follow_up
from bot.domain.talking_points.case_timing import decision_noun
from bot.services.playbook_files import load_playbook


@pytest.mark.parametrize(
    ("words", "named"),
    [
        ("bids due Thu 14 Jan at five", "the bid deadline"),
        ("the RFQ closes on the 20th", "the RFQ deadline"),
        ("finance committee Tue 12 Jan", "the finance committee's decision"),
        ("their trustees meet 3 Feb", "the trustees' decision"),
        ("supplier decision in February", "the supplier decision"),
        ("decision on a second site by March", "the decision on a second site"),
        ("they decide after the audit", "the decision"),
    ],
)
def test_a_decision_or_deadline_has_a_short_name_never_the_note(words, named):
    assert decision_noun(words) == named


def _shown(cid: int, name: str, today: dt.date, offers=(), **facts):
    """What /prep says about one contact met on 1 Dec with these facts."""
    facts.setdefault("met_on", dt.date(2026, 12, 1))
    who = ContactFacts(cid, name, company="Co", **facts)
    return prepare(
        who, user=UserFacts("Sam"), offers=list(offers), others=[], today=today, playbook=load_playbook()
    )


def _nudge_days():
    return frozenset(range(5))  # Monday to Friday, no holidays


def test_a_deadline_named_on_a_call_brings_the_next_call_before_it():
    on = dt.date(2026, 12, 9)
    for said in ("applications close Fri 15 Jan, she is still missing two site photos", "panel Fri 15 Jan"):
        found = before_their_decision(dt.date(2027, 1, 15), None, None, on, _nudge_days(), call_notes=said)
        assert found is not None, said
        assert found[0] == dt.date(2027, 1, 13) and "Fri 15 Jan" in found[1], found
    # a day after the deadline moves back before it too
    late = before_their_decision(
        dt.date(2027, 1, 18), None, None, on, _nudge_days(), call_notes="tenders due Fri 15 Jan"
    )
    assert late is not None and late[0] < dt.date(2027, 1, 15) and "tender deadline" in late[1]
    # "ring me after it": the day they said wins, never a call before the deadline
    assert (
        before_their_decision(
            dt.date(2027, 1, 18),
            None,
            None,
            on,
            _nudge_days(),
            call_notes="bids due Fri 15 Jan, call after that",
        )
        is None
    )


def test_the_prep_before_a_deadline_names_it_without_pasting_the_note():
    shown = _shown(
        41,
        "Ilse Varga",
        dt.date(2027, 1, 12),
        met_on=dt.date(2026, 12, 1),
        notes="facilities lead, two plants",
        last_outcome="reached",
        last_call_on=dt.date(2026, 12, 8),
        last_call_notes="bids due Fri 15 Jan, they still lack the insurance letter from their broker",
    )
    texts = [shown.reason.text, *(a.text for a in shown.alternatives)]
    assert any("the bid deadline coming on Fri 15 Jan" in t for t in texts), texts
    assert "insurance letter" not in shown.reason.text  # their broker owes it, not the user
    assert "Send Ilse" not in shown.reason.short


@pytest.mark.parametrize(
    ("said", "thing"),
    [
        ("keen to see how we label the bays on site", "a chance to see how we label the bays on site"),
        ("wants to read what we did for the dairy", "a word on what we did for the dairy"),
    ],
)
def test_what_they_want_to_see_is_a_look_at_it_never_the_how(said, thing):
    found = read_case(None, None, said.replace("keen", "wants"), dt.date(2026, 12, 8), dt.date(2026, 12, 9))
    assert found.deliver is not None and found.deliver.thing == thing
    reply = deliver_follow_up(said.replace("keen", "wants"), dt.date(2026, 12, 8), _nudge_days())
    assert reply is not None and "the how" not in reply[1] and "the what" not in reply[1]


def test_a_thing_another_firm_owes_them_is_no_ask_of_yours():
    day = dt.date(2026, 12, 8)
    assert read_case(None, None, "still needs the signed drawings from Kettle Ltd", day, day).deliver is None
    assert (
        read_case(None, None, "still needs the signed drawings from us by Fri 18 Dec", day, day).deliver
        is not None
    )


def test_what_went_out_closes_the_ask_and_a_promise_told_them_stays_yours():
    met = (
        "head of ops. told him I'd send the floor plan + a price by Tue 22 Dec. also wants our audit template"
    )
    found = read_case(
        met, dt.date(2026, 12, 1), "emailed the audit template", dt.date(2026, 12, 9), dt.date(2026, 12, 14)
    )
    assert found.deliver is not None and not found.deliver.theirs
    assert found.deliver.thing.startswith("the floor plan") and found.deliver.by == dt.date(2026, 12, 22)
    gone = read_case(
        "also wants our audit template",
        dt.date(2026, 12, 1),
        "sent him the audit template",
        dt.date(2026, 12, 9),
        dt.date(2026, 12, 14),
    )
    assert gone.deliver is None


def test_a_bare_quote_says_what_it_was_for():
    found = read_case(
        "plant owner. wants price mezzanine over the packing area, for the spring",
        dt.date(2026, 12, 1),
        "still waiting on the price, by Fri 18 Dec",
        dt.date(2026, 12, 9),
        dt.date(2026, 12, 14),
    )
    assert found.deliver is not None
    assert found.deliver.thing == "the price for mezzanine over the packing area", found.deliver


def test_a_sent_thing_is_never_said_with_the_day_word_of_the_note():
    shown = _shown(
        42,
        "Pavel Dvořák",
        dt.date(2026, 12, 14),
        notes="quality manager",
        last_outcome="emailed",
        last_call_on=dt.date(2026, 12, 8),
        last_call_notes="sent him our test report this morning",
    )
    said = " ".join([shown.reason.text, *(a.text for a in shown.alternatives), shown.voicemail, shown.opener])
    assert "test report" in said and "this morning" not in said and "today" not in said


def test_a_supply_verb_in_another_sentence_or_under_a_want_makes_no_supplier():
    def people(*rows):
        return [
            ContactFacts(cid, name, company="Co", event="Expo", met_on=dt.date(2026, 12, 2), notes=notes)
            for cid, name, notes in rows
        ]

    buyer, other_buyer, trainee = people(
        (51, "Lena Fors", "plant mgr. moving to a bigger hall in March, will need new shelving"),
        (52, "Ari Kask", "hired 4 pickers, wants someone to coach them. shelving a bit wobbly, 8 yrs old"),
        (53, "Tove Berg", "wants her own leads able to do the shelving checks themselves"),
    )
    args = {
        "user": UserFacts("Sam"),
        "offers": [],
        "others": [buyer, other_buyer, trainee],
        "today": dt.date(2026, 12, 14),
    }
    for who in (buyer, other_buyer, trainee):
        shown = prepare(who, **args, playbook=load_playbook())
        texts = [shown.reason.text, *(a.text for a in shown.alternatives)]
        assert all("shelving" not in t or "Introduce" not in t for t in texts), texts
        assert shown.reason.kind != "intro", shown.reason.text


def test_shared_as_an_adjective_is_nothing_sent():
    from bot.domain.talking_points.case_items import SENT_AFTER_RE

    assert SENT_AFTER_RE.search("no budget of their own; would co-fund a shared van") is None
    assert SENT_AFTER_RE.search("a pooled minibus, happy with a shared driver") is None
    found = SENT_AFTER_RE.search("good talk; price list emailed Monday")
    assert found is not None and found.group("obj") == "price list"


def test_waiting_on_their_figures_before_you_can_price_is_blocked():
    from bot.domain.talking_points.proposed import blocked_on_it

    assert blocked_on_it("sent the form: need shift times and head count before I can price")
    assert not blocked_on_it("she will price it herself before Friday")


def test_a_look_they_want_is_booked_not_sent():
    shown = _shown(
        43,
        "Rania Lahlou",
        dt.date(2026, 12, 9),
        met_on=dt.date(2026, 12, 2),
        notes="site lead. wants to see a cooling unit actually running before she signs anything",
    )
    assert shown.reason.kind == "asked", shown.reason
    assert "a day and a time" in shown.opener and "gives you what you need" not in shown.opener
    assert "a day and a time are agreed" in shown.goal.lower()


def test_a_need_of_what_your_offers_are_about_is_your_work_not_a_maybe():
    from bot.domain.talking_points import OfferFacts

    offers = [
        OfferFacts(1, "Checklist: monthly shelving inspection", "https://example.com/1", ("#checklist",)),
        OfferFacts(
            2, "Shelving safety morning at our depot, Thu 14 Jan 2027", "https://example.com/2", ("#event",)
        ),
    ]
    shown = _shown(
        44, "Jonas Meri", dt.date(2026, 12, 9), offers, notes="depot boss. needs new shelving for the annex"
    )
    said = " ".join([shown.reason.text, *(a.text for a in shown.alternatives)])
    assert "outside what you do" not in said
    hiring = ContactFacts(
        45,
        "Eva Kallas",
        company="K",
        met_on=dt.date(2026, 12, 2),
        notes="hiring two shelving fitters for spring",
    )
    from bot.domain.talking_points.offer_match import need_is_ours

    assert need_is_ours("new shelving for the annex", offers)
    assert not need_is_ours(hiring.notes, offers)  # a person to hire is never your own work


def test_an_abbreviation_never_cuts_your_step_and_their_own_things_are_no_ask():
    day = dt.date(2026, 12, 8)
    step = read_case(
        None, None, "I'll get him the yearly fee incl. spares + travel before Fri 18th", day, day
    )
    assert step.deliver is not None and step.deliver.thing.endswith("incl. spares + travel")
    assert read_case("wants to see his vans on the border routes too", day, None, None, day).deliver is None


def test_a_call_back_they_asked_for_that_never_came_is_owned_first():
    asked = {
        "notes": "yard manager, 30 trucks",
        "last_outcome": "later",
        "last_call_on": dt.date(2026, 12, 7),  # a Monday
        "last_call_notes": "driving, ring back wednesday morning",
    }
    late = _shown(46, "Noé Ferrand", dt.date(2026, 12, 14), **asked)
    assert late.gap_note is not None and "call back on Wed 9 Dec" in late.gap_note
    assert "I owe you a call" in late.gap_note
    on_time = _shown(46, "Noé Ferrand", dt.date(2026, 12, 9), **asked)
    assert on_time.gap_note is None or "call back" not in on_time.gap_note
    reached = _shown(46, "Noé Ferrand", dt.date(2026, 12, 14), **{**asked, "last_outcome": "reached"})
    assert reached.gap_note is None or "call back" not in reached.gap_note


def test_what_their_notes_say_they_do_not_have_is_never_matched_to_an_offer():
    from bot.domain.talking_points import OfferFacts

    guide = OfferFacts(
        1,
        "Guide: logging temperatures in refrigerated vans",
        "https://example.com/g",
        ("#refrigerated", "#vans"),
    )
    shown = _shown(
        47, "Lior Ben-Ami", dt.date(2026, 12, 14), [guide], notes="bakery, 3 vans, non-refrigerated"
    )
    said = " ".join([shown.reason.text, *(a.text for a in shown.alternatives)])
    assert "guide" not in said.lower(), said
    lack = _shown(
        48, "Mira Chen", dt.date(2026, 12, 14), [guide], notes="her refrigerated vans were never inspected"
    )
    assert lack.reason.kind in ("offer", "thread") or any(a.kind == "offer" for a in lack.alternatives)


def test_what_your_email_asked_them_for_blocks_their_quote_and_is_no_ask_of_theirs():
    day = dt.date(2026, 12, 8)
    mine = read_case(
        None, None, "sent our intro + asked for their van sizes and drops per day so I can price it", day, day
    )
    assert mine.deliver is None  # you asked them: they owe you, not you them
    shown = _shown(
        49,
        "Awa Sarr",
        dt.date(2026, 12, 14),
        notes="runs 12 vans. she asked me for a quote, needs it by 15 Jan for her investors",
        last_outcome="emailed",
        last_call_on=day,
        last_call_notes="sent our intro + asked for their van sizes and drops per day so I can price it",
    )
    assert "the questions on their van sizes and drops per day" in shown.reason.text, shown.reason.text
    assert "15 Jan" in shown.reason.text and "intro +" not in shown.reason.text


@pytest.mark.parametrize(
    "said",
    [
        "talks fast, texts only",
        "prefers e-mail, no calls please",
        "only on WhatsApp",
        "prefers WhatsApp to calls",
    ],
)
def test_a_contact_who_wants_no_calls_gets_a_message_to_send_and_no_voicemail(said):
    shown = _shown(50, "Kofi Mensah", dt.date(2026, 12, 14), notes=f"ops lead, 20 vans. {said}")
    assert shown.opener.startswith("Write, don't ring"), shown.opener
    assert shown.voicemail == "" and "good moment" not in shown.opener
    rings = _shown(51, "Kofi Mensah", dt.date(2026, 12, 14), notes="ops lead, 20 vans. don't ring before 10")
    named = _shown(
        52, "Ama Owusu", dt.date(2026, 12, 14), notes="Dr Owusu, GP. don't call her Ama, she hates it"
    )
    assert not named.opener.startswith("Write") and named.voicemail
    assert not rings.opener.startswith("Write")  # a time of day is when to ring, not never


def test_a_surplus_meets_a_need_on_its_head_word_and_a_style_is_no_need():
    from bot.domain.talking_points.situation import situation_of

    seeker, owner = (
        ContactFacts(
            61,
            "Tamás Ritter",
            company="T",
            met_on=dt.date(2026, 12, 1),
            notes="cider maker, hunting used rum casks",
        ),
        ContactFacts(
            62,
            "Ines Lobo",
            company="L",
            met_on=dt.date(2026, 12, 2),
            notes="offloading 40 old barrels after the move",
        ),
    )
    args = {"user": UserFacts("Sam"), "offers": [], "others": [seeker, owner], "today": dt.date(2026, 12, 14)}
    for who, other in ((seeker, "Ines"), (owner, "Tamás")):
        shown = prepare(who, **args, playbook=load_playbook())
        said = " ".join([shown.reason.text, *(a.text for a in shown.alternatives)])
        assert other in said, said
    assert situation_of("wants plain numbers not a sales pitch") is None
    assert situation_of("needs a new gutter not just patching") is not None


def test_everyone_calls_her_a_title_and_she_is_greeted_so():
    from bot.domain.names import address_in

    assert address_in("chemist - everyone calls her Doktorka", "Vesna Horvat") == "Doktorka Horvat"
    assert address_in("call him Monday about it", "Ivo Kos") is None  # a weekday is no name


@pytest.mark.parametrize("said", ["prefers WhatsApp to calls", "prefers Signal", "call him Friday"])
def test_a_channel_or_a_day_after_prefers_is_never_a_name(said):
    from bot.domain.names import nickname_in

    assert nickname_in(f"ops lead, {said}") is None


def test_several_quotes_they_must_collect_ask_you_for_one():
    day = dt.date(2026, 12, 5)
    found = read_case(
        "her lender needs three competing quotes on file by 15 Jan", day, None, None, day
    ).deliver
    assert found is not None and found.thing == "a quote" and found.by == dt.date(2027, 1, 15)


def test_a_request_form_sent_is_not_the_quote_and_what_their_staff_owe_you_is_no_ask():
    met = "clinic director. she wants a quote before Tue 22 Dec, her budget closes then"
    notes = "sent our quote request form, waiting for the tank sizes from her site manager"
    found = read_case(met, dt.date(2026, 12, 4), notes, dt.date(2026, 12, 9), dt.date(2026, 12, 16)).deliver
    assert found is not None and found.thing == "a quote" and found.by == dt.date(2026, 12, 22)
