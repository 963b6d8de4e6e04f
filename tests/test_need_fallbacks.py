"""A need nothing on file fits (SPEC §14): said as near the work of one of the user's offers, or as
none of them, never as an idea the caller does not have; and what a note reports they said is said
back as what they told you, not quoted. Pure, in wordings of our own."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.domain.talking_points import ContactFacts, OfferFacts, UserFacts, prepare
from bot.domain.talking_points.offer_near import offer_near_need
from bot.domain.talking_points.thread import told_you
from bot.services.playbook_files import load_playbook

TODAY = dt.date(2026, 12, 14)
OFFERS = (
    OfferFacts(
        1,
        "Checklist: servicing sliding gates before the winter",
        "https://example.com/c",
        ("automation", "servicing"),
    ),
    OfferFacts(
        2,
        "Case study: a bonded warehouse that stopped losing forklift hours",
        "https://example.com/s",
        ("forklifts", "warehouse"),
    ),
    OfferFacts(3, "Yard safety evening, Thu 7 Jan 2027", "https://example.com/e", ("event", "safety")),
)


def _prep(notes: str, offers=OFFERS):
    who = ContactFacts(
        5, "Oskar Lindqvist", company="Hamnlager", event="Port Day", met_on=dt.date(2026, 12, 2), notes=notes
    )
    args = {"user": UserFacts("Sam"), "offers": list(offers), "others": [], "today": TODAY}
    return prepare(who, **args, playbook=load_playbook())


@pytest.mark.parametrize(
    ("need", "near"),
    [
        ("someone to look at the gates at the depot", "our checklist"),
        ("two more forklifts for the cold store", "our case study"),
        ("a safety audit for the forklift lanes", ""),  # the head (an audit) is not what the offer is about
        ("a caterer for the staff party in December", ""),  # no word of any offer
        ("help over the winter", ""),  # a season is when, not what
    ],
)
def test_a_need_is_near_an_offer_only_by_a_word_of_what_it_is_about(need, near):
    found = offer_near_need(need, OFFERS, TODAY)
    assert found.startswith(near) if near else found == "", found


def test_a_need_near_an_offer_names_it_and_the_voicemail_promises_no_idea():
    shown = _prep("Site manager. Wants someone to look at the gates at the depot.")
    assert shown.reason.kind == "thread"
    assert "close to the work behind our checklist" in shown.reason.text
    assert "first idea" not in shown.voicemail and "where that stands" in shown.voicemail
    assert all("decide what you can bring" not in alt.text for alt in shown.alternatives)


def test_a_need_no_offer_is_about_offers_your_own_work_first_then_a_name():
    shown = _prep("Site manager. Needs a caterer for the staff party in December.")
    assert "outside what you do" in shown.reason.text
    assert "someone who does it well" in shown.reason.text
    assert shown.reason.short.startswith("Offer Oskar a first step")


def test_without_offers_the_need_is_worded_as_before():
    shown = _prep("Site manager. Needs a caterer for the staff party in December.", offers=())
    assert "If that is work you take on" not in shown.reason.text and "caterer" in shown.reason.text


@pytest.mark.parametrize(
    ("clause", "said"),
    [
        (
            "says they only learn a lorry is stuck when the driver rings",
            "they only learn a lorry is stuck when the driver rings",
        ),
        ("told me the night shift keeps skipping the checks", "the night shift keeps skipping the checks"),
        ("mentioned that nobody owns the gate keys", "nobody owns the gate keys"),
        ("says hi to Jo", ""),  # not a report of how things are
        ("wants a quote", ""),
        ("says their roof leaks every…", ""),  # cut short: never said back
    ],
)
def test_what_they_told_you_is_read_from_the_note(clause, said):
    assert told_you(clause) == said


def test_what_they_told_you_is_said_back_not_quoted_and_never_cut_mid_sentence():
    shown = _prep(
        "ops lead, 14 depots in the north; says they only learn a lorry is stuck when the driver "
        "rings from the lay-by hours later — wants to know before the customer does."
    )
    assert shown.reason.text.startswith(
        "Oskar told you they only learn a lorry is stuck when the driver rings from the lay-by hours later."
    )
    assert '"' not in shown.reason.text and "…" not in shown.reason.text
    assert "You told me you only learn a lorry is stuck" in shown.opener


def test_a_step_your_email_proposed_comes_before_what_they_asked_for():
    who = ContactFacts(
        6,
        "Ines Varga",
        company="Kettle & Co",
        event="Port Day",
        met_on=dt.date(2026, 12, 1),
        notes="ops director. Wants a price for relining the yard drains before their inspection in March.",
        last_outcome="emailed",
        last_call_on=dt.date(2026, 12, 9),
        last_call_notes="short hello, suggested a site visit on a weekday morning",
    )
    args = {"user": UserFacts("Sam"), "offers": list(OFFERS), "others": [], "today": TODAY}
    shown = prepare(who, **args, playbook=load_playbook())
    assert shown.reason.kind == "awaiting"
    assert "proposed a site visit on a weekday morning on the way to a price" in shown.reason.text
    assert all(alt.kind != "asked" for alt in shown.alternatives)
    assert "the site visit on a weekday morning I suggested" in shown.opener
    assert "a day that suits" in shown.voicemail


@pytest.mark.parametrize(
    ("outcome", "notes"),
    [
        ("reached", "suggested a site visit; she said Tuesday works"),  # on a call they answered it
        ("emailed", "sent the brochure and suggested she reads page 4"),  # nothing to book
    ],
)
def test_no_proposal_is_read_where_none_waits_for_an_answer(outcome, notes):
    from bot.domain.talking_points.proposed import proposed_step

    assert proposed_step(notes, outcome) is None


def test_a_title_word_of_when_is_no_fit():
    guide = OfferFacts(9, "Guide: resealing loading bays before the frost", None, ("loading", "maintenance"))
    shown = _prep("Wants a second quote on their lift maintenance before the audit.", offers=(guide,))
    assert shown.reason.kind != "offer"


def _people(*rows: tuple[int, str, str]) -> list[ContactFacts]:
    return [
        ContactFacts(cid, name, company="Co", event="Port Day", met_on=dt.date(2026, 12, 2), notes=notes)
        for cid, name, notes in rows
    ]


def test_a_pronoun_is_never_a_need_to_meet_nor_an_introduction():
    one, two = _people(
        (11, "Mara Quist", "her partner is cautious, needs him convinced before we sign"),
        (12, "Olle Brant", "told me to ring him after lunch, he runs two depots"),
    )
    args = {"user": UserFacts("Sam"), "offers": [], "others": [one, two], "today": TODAY}
    for who in (one, two):
        shown = prepare(who, **args, playbook=load_playbook())
        assert shown.reason.kind != "intro", shown.reason.text
        assert "him convinced" not in shown.fallback


def test_someone_described_before_what_they_should_do_is_still_the_need():
    seeker, fitter = _people(
        (13, "Pia Lund", "needs someone dependable to rewire the old barn before spring"),
        (14, "Jon Ekdal", "electrician, two vans, covers the whole valley"),
    )
    args = {"user": UserFacts("Sam"), "offers": [], "others": [seeker, fitter], "today": TODAY}
    shown = prepare(seeker, **args, playbook=load_playbook())
    assert shown.reason.kind == "intro" and "Jon Ekdal" in shown.reason.text


def test_a_supplier_after_more_work_is_brought_a_lead_not_sent_to_someone_who_does_it():
    (who,) = _people((15, "Ansel Moe", "tiler, January is always quiet, wants bathroom jobs round Gävle"))
    shown = prepare(
        who, user=UserFacts("Sam"), offers=list(OFFERS), others=[], today=TODAY, playbook=load_playbook()
    )
    assert "is after bathroom jobs round Gävle" in shown.reason.text and "a lead" in shown.reason.text
    assert "someone who does it well" not in shown.reason.text


def test_asked_whether_you_had_done_something_is_no_invitation():
    from bot.domain.talking_points.situation import situation_of

    assert situation_of("she asked if I'd emailed the landlord yet") is None
    assert situation_of("asked whether we'd ever built one this size") is None
    assert situation_of("asked if I could judge their apprentice awards").kind == "invited"


@pytest.mark.parametrize(
    "note", ["better after lunch", "mornings are best", "said she's swamped, try Friday", "they're flat out"]
)
def test_when_to_ring_and_how_busy_they_are_is_no_topic(note):
    from bot.domain.talking_points.thread import _thread_of

    assert _thread_of(note, load_playbook()) == ""


def test_a_need_for_options_in_their_inbox_by_then_is_a_request_with_that_day():
    from bot.domain.talking_points.case import read_case

    found = read_case(
        "estates",
        dt.date(2026, 12, 1),
        "panel sits 12 Jan — wants two layouts in her inbox by then",
        dt.date(2026, 12, 8),
        TODAY,
    ).deliver
    assert found is not None and found.thing == "two layouts" and found.by == dt.date(2027, 1, 12)


@pytest.mark.parametrize(
    ("notes", "step", "when"),
    [
        (
            "she'd like a briefing on grid tariffs for her buyers",
            "book a briefing on grid tariffs for her buyers",
            "",
        ),
        ("wants the revised drawings on Monday", "send the revised drawings", "on Monday"),
        ("keen on a walkthrough in March", "book a walkthrough", "in March"),
    ],
)
def test_a_step_about_a_subject_keeps_its_subject_and_only_a_day_is_its_time(notes, step, when):
    from bot.domain.talking_points.next_step import next_step, step_when

    assert next_step(notes)[0] == step and step_when(notes) == when


def test_a_day_of_the_month_said_after_a_date_is_in_that_dates_month():
    from bot.domain.call_text import said_days

    found = said_days("sailing round the Cape till 12 Feb, don't ring before the 14th", dt.date(2026, 12, 6))
    assert [(d.day, d.lead) for d in found] == [
        (dt.date(2027, 2, 12), "till"),
        (dt.date(2027, 2, 14), "not before"),
    ]


def test_anyone_asked_for_is_the_need_said_before_it_and_something_is_no_need():
    from bot.domain.talking_points.situation import situation_of

    asked = situation_of("runs a ferry app, looking for a marine insurer, asked if I knew anyone")
    assert (asked.phrase, asked.lead) == ("a marine insurer", "asked")
    assert situation_of('wants "something solid for the trustees"') is None


def test_whom_a_supplier_serves_is_not_what_they_supply():
    gym, app = _people(
        (21, "Elin Ask", "wants a sauna suite in the old boiler house"),
        (22, "Rolf Dahl", "scheduling software for sauna suite operators, raising a seed round"),
    )
    args = {"user": UserFacts("Sam"), "offers": [], "others": [gym, app], "today": TODAY}
    assert prepare(gym, **args, playbook=load_playbook()).reason.kind != "intro"


@pytest.mark.parametrize(
    ("notes", "phrase"),
    [
        (
            "two goods lifts due for their annual check in March, asked if we do that",
            "take on two goods lifts due for their annual check in March",
        ),
        ("asked whether we service old gas boilers", "service old gas boilers"),
    ],
)
def test_asked_whether_you_do_something_is_a_question_to_answer(notes, phrase):
    from bot.domain.talking_points.situation import situation_of

    found = situation_of(notes)
    assert (found.kind, found.phrase) == ("invited", phrase)


def test_an_invitation_dated_in_its_title_and_named_in_the_last_call_is_the_reason():
    from bot.services.offers import parse_offer

    parsed = parse_offer(
        "Yard day: forklifts on battery power, Fri 15 Jan 2027 https://example.com/y #event #yard", TODAY
    )
    assert parsed.ends_on == dt.date(2027, 1, 15)
    yard = OfferFacts(4, parsed.title, parsed.url, parsed.topics, ends_on=parsed.ends_on)
    who = ContactFacts(
        31,
        "Tove Arvid",
        company="Hamn",
        event="Port Day",
        met_on=dt.date(2026, 12, 2),
        notes="ops lead",
        last_outcome="reached",
        last_call_on=dt.date(2026, 12, 8),
        last_call_notes="wants to see battery forklifts in action before the fleet renewal. keen on the yard day",
    )
    shown = prepare(
        who, user=UserFacts("Sam"), offers=[yard], others=[], today=TODAY, playbook=load_playbook()
    )
    assert shown.reason.kind == "invite" and "the yard day on Fri 15 Jan" in shown.reason.text


def test_what_your_email_asked_of_them_is_never_their_request():
    who = ContactFacts(
        32,
        "Britt Holm",
        company="Holm",
        event="Port Day",
        met_on=dt.date(2026, 12, 2),
        notes="runs a depot",
        last_outcome="emailed",
        last_call_on=dt.date(2026, 12, 8),
        last_call_notes="quick hello, asked for 20 min early January",
    )
    shown = prepare(who, user=UserFacts("Sam"), offers=[], others=[], today=TODAY, playbook=load_playbook())
    assert "Britt asked you" not in shown.reason.text
    assert "proposed a 20-minute call early January" in shown.reason.text


@pytest.mark.parametrize(
    ("notes", "kind", "phrase"),
    [
        (
            "still hunting for who teaches forklift refreshers",
            "need",
            "someone who teaches forklift refreshers",
        ),
        ("Nordgas wants 9 months to upgrade the connection", None, None),  # their utility's want, not theirs
    ],
)
def test_who_does_it_and_someone_elses_want(notes, kind, phrase):
    from bot.domain.talking_points.situation import situation_of

    found = situation_of(notes)
    assert (found.kind, found.phrase) == (kind, phrase) if kind else found is None


def test_a_shared_thing_is_not_a_thing_you_sent():
    from bot.domain.talking_points.case_items import SENT_RE

    assert SENT_RE.search("pipes through the shared plant room need every tenant's consent") is None
    assert SENT_RE.search("shared the consent template with her") is not None


def test_a_name_with_a_dot_inside_is_one_clause():
    from bot.domain.talking_points.situation import situation_of

    found = situation_of("Their grid operator E.ON said 8 months; she needs a stopgap for the spring")
    assert found is not None and found.phrase == "a stopgap for the spring"


def test_the_decision_day_is_the_one_said_with_the_decision():
    from bot.domain.talking_points.case import read_case

    found = read_case(
        "wants the unit rates by 8 Feb, the trustees vote 10 Feb", dt.date(2026, 12, 1), None, None, TODAY
    )
    assert found.decision_on == dt.date(2027, 2, 10)


@pytest.mark.parametrize(
    ("notes", "day", "lead"),
    [
        ("skiing till 9.1 - no calls before Tue 12.1", dt.date(2027, 1, 12), "not before"),
        ("wants the drawings by 18.12.", dt.date(2026, 12, 18), "by"),
        ("board meets 3.2.2027", dt.date(2027, 2, 3), ""),
    ],
)
def test_a_date_written_with_dots_is_day_first(notes, day, lead):
    from bot.domain.call_text import said_days

    assert (
        said_days(notes, dt.date(2026, 12, 6))[-1].day,
        said_days(notes, dt.date(2026, 12, 6))[-1].lead,
    ) == (day, lead)


def test_a_promise_dated_with_dots_leaves_the_date_and_the_aside_out():
    from bot.domain.promises import read_promise

    found = read_promise("send the service quote by Thu 17.12 - must not slip", dt.date(2026, 12, 6))
    assert (found.action, found.due) == ("send the service quote", dt.date(2026, 12, 17))


def test_a_busy_word_before_the_comma_sets_no_wait_for_an_opening_after_it():
    from bot.domain.talking_points.case import read_case

    case = read_case(
        "never got to talk to her, opening a second shop in April", dt.date(2026, 12, 1), None, None, TODAY
    )
    assert case.wait_until is None


def test_a_touch_that_says_the_promised_thing_went_keeps_the_promise():
    from bot.domain.talking_points.thread import sent_keeps

    assert sent_keeps(
        "get her the Latvian rate card + delivery times", "sent rate card + delivery times today"
    )
    assert not sent_keeps("get her the Latvian rate card", "sent a thank-you note")


def test_what_is_wrong_is_a_need_an_introduction_can_meet():
    pool, air = _people(
        (
            41,
            "Saga Berg",
            "runs the new lido, opens in March. changing-room mirrors steamed up all day, the last contractor gave up",
        ),
        (42, "Ivo Lund", "HVAC, does moisture control for pools and spas. wants council work"),
    )
    args = {
        "user": UserFacts("Sam"),
        "offers": [],
        "others": [pool, air],
        "today": TODAY,
        "playbook": load_playbook(),
    }
    # from the side of what is wrong; the supplier's side would need a scan of every note for trouble
    # words on each /prep, which cost 1.7x the p99 at 10,000 contacts (bench/prep.py), so it is not made
    shown = prepare(pool, **args)
    assert shown.reason.kind == "intro" and "Ivo Lund" in shown.reason.text, shown.reason.text
    assert "struggling with" in shown.reason.text


def test_a_part_that_says_nothing_is_wrong_matches_no_offer():
    guide = OfferFacts(
        5, "Article: keeping steam rooms dry - ventilation and mould", None, ("#ventilation", "#mould")
    )
    (who,) = _people((43, "Elle Voss", "gym manager. her two steam rooms are new, no issues"))
    shown = prepare(
        who, user=UserFacts("Sam"), offers=[guide], others=[], today=TODAY, playbook=load_playbook()
    )
    assert shown.reason.kind != "offer"


def test_a_number_with_a_dot_is_no_date_and_an_abbreviation_ends_no_clause():
    from bot.domain.call_text import said_days
    from bot.domain.talking_points.situation import situation_of

    found = said_days("lead time for the 2.4 m mangle before Thu 17 Dec", dt.date(2026, 12, 6))
    assert [d.day for d in found] == [dt.date(2026, 12, 17)]
    assert situation_of("wants a quote incl. delivery and two years of service").phrase == (
        "a quote incl. delivery and two years of service"
    )


def test_someone_for_a_job_and_an_old_tradesman_retiring_meet_a_tradesman():
    hotel, sparks = _people(
        (
            44,
            "Rada Pek",
            "guest house. the switchboard won't take the new dryers and her electrician retired",
        ),
        (45, "Dino Mar", "electrical contractor, quiet January, wants hotel jobs"),
    )
    args = {
        "user": UserFacts("Sam"),
        "offers": [],
        "others": [hotel, sparks],
        "today": TODAY,
        "playbook": load_playbook(),
    }
    assert "Dino Mar" in prepare(hotel, **args).reason.text


def test_a_referral_note_and_a_preference_are_no_topic_and_no_request():
    from bot.domain.talking_points.case import read_case
    from bot.domain.talking_points.case_timing import _wait
    from bot.domain.talking_points.thread import _thread_of

    assert _thread_of("haven't spoken to him yet, Ola gave me his number", load_playbook()) == ""
    assert (
        read_case("sharp, wants figures not glossy decks", dt.date(2026, 12, 1), None, None, TODAY).deliver
        is None
    )
    found = read_case(
        "asked for the data sheets (U-value, fire class) and a rough price",
        dt.date(2026, 12, 1),
        None,
        None,
        TODAY,
    )
    assert found.deliver.thing == "the data sheets and a rough price"  # the gloss in brackets is left out
    assert _wait("off sailing, back 11 Jan, don't ring before", TODAY, set())[0] == dt.date(2027, 1, 11)


def test_their_dated_requests_always_make_the_digest_whatever_your_chores():
    from bot.domain.digest_view import chosen_of
    from tests.test_case import _row

    def row(cid, *, promise=None, notes=None):
        return _row(cid, due=TODAY, promise=promise, notes=notes, on=dt.date(2026, 12, 8))

    chores = [row(i, promise="send the deck") for i in range(1, 7)]
    asked = [row(20 + i, notes=f"asked for our price list by the {17 + i}th") for i in range(2)]
    chosen = {c.id for c in chosen_of([*chores, *asked], TODAY, 5)}
    assert {20, 21} <= chosen and len(chosen) == 5


def test_how_to_reach_them_and_what_they_hardly_have_match_no_offer():
    offices = OfferFacts(6, "Why corner offices overheat and what blinds change", None, ("#heat", "#offices"))
    glass = OfferFacts(7, "Glass safety checklist for nurseries", None, ("#safety", "#nurseries"))
    (who,) = _people(
        (
            46,
            "Tor Aas",
            "yard manager. needs a safety plan for the pallet racking. hardly any glass on site. mobile only, office line goes to reception",
        )
    )
    shown = prepare(
        who, user=UserFacts("Sam"), offers=[offices, glass], others=[], today=TODAY, playbook=load_playbook()
    )
    assert (
        shown.reason.kind not in ("offer", "client_success")
        and "close to the work behind" not in shown.reason.text
    )


def test_a_surface_that_is_peeling_is_a_problem_to_offer_a_fix_for():
    from bot.domain.talking_points.situation import situation_of

    found = situation_of("the coating on the pool hall beams is flaking and stained, wants it redone")
    assert found is not None and found.kind == "problem"


def test_space_for_goods_meets_someone_with_empty_racks_from_both_sides():
    shop, store = _people(
        (51, "Mia Holt", "toy shop online, out of room. needs somewhere to keep ~900 pallets mar-may"),
        (
            52,
            "Leo Brun",
            "runs a pallet store by the port. half the racks empty since autumn, hunting short tenants",
        ),
    )
    args = {
        "user": UserFacts("Sam"),
        "offers": [],
        "others": [shop, store],
        "today": TODAY,
        "playbook": load_playbook(),
    }
    assert "Leo Brun" in prepare(shop, **args).reason.text
    assert "Mia Holt" in prepare(store, **args).reason.text


def test_what_they_will_do_either_way_and_a_call_to_someone_else_are_no_things():
    from bot.domain.promises import read_promise
    from bot.domain.talking_points.case import read_case

    assert read_case(None, None, "told her I'll ring Jonas at the depot", TODAY, TODAY).deliver is None
    found = read_promise(
        "the fleet case study by thu 17 dec, he takes it to the board mon 21 dec", dt.date(2026, 12, 6)
    )
    assert (found.action, found.due) == ("send the fleet case study", dt.date(2026, 12, 17))
    who = ContactFacts(
        53,
        "Ada Lind",
        company="Lind",
        met_on=dt.date(2026, 12, 1),
        notes="head of logistics",
        last_outcome="reached",
        last_call_on=dt.date(2026, 12, 8),
        last_call_notes="board decides wed 16 dec, she'll email either way",
    )
    shown = prepare(who, user=UserFacts("Sam"), offers=[], others=[], today=TODAY, playbook=load_playbook())
    assert "either way" not in shown.opener and "either way" not in shown.reason.text


def test_a_thing_someone_uses_in_their_notes_is_not_what_they_supply():
    bakery, bistro = _people(
        (61, "Vera Ott", "bakery, the new staff on the oven, loaves come out pale, wants it fixed by Easter"),
        (62, "Emil Sand", "harbour bistro, shut for a refit till March, wants a new oven for the reopening"),
    )
    args = {
        "user": UserFacts("Sam"),
        "offers": [],
        "others": [bakery, bistro],
        "today": TODAY,
        "playbook": load_playbook(),
    }
    assert prepare(bistro, **args).reason.kind != "intro"


def test_training_alone_is_no_fit_for_training_of_another_kind():
    workshop = OfferFacts(
        8,
        "Pour-over workshop, Thu 14 Jan 2027",
        None,
        ("#event", "#baristas", "#training"),
        ends_on=dt.date(2027, 1, 14),
    )
    (who,) = _people(
        (63, "Kai Rost", "canteen manager. needs training for new kitchen staff on food hygiene")
    )
    shown = prepare(
        who, user=UserFacts("Sam"), offers=[workshop], others=[], today=TODAY, playbook=load_playbook()
    )
    assert shown.reason.kind != "invite"


def test_not_yet_never_claims_they_asked_for_the_wait():
    who = ContactFacts(
        64,
        "Eli Rand",
        company="Rand",
        met_on=dt.date(2026, 12, 1),
        notes="office manager",
        last_outcome="reached",
        last_call_on=dt.date(2026, 12, 8),
        last_call_notes="party on the 18th; then we talk about the lease in February",
    )
    shown = prepare(who, user=UserFacts("Sam"), offers=[], others=[], today=TODAY, playbook=load_playbook())
    assert (
        shown.reason.kind == "not_yet"
        and "asked" not in shown.reason.text
        and "your note" in shown.reason.text
    )


def test_a_promise_for_an_event_long_gone_is_owned_not_delivered():
    who = ContactFacts(
        65,
        "Lina Berg",
        company="Berg",
        met_on=dt.date(2026, 12, 2),
        notes="office manager",
        last_outcome="reached",
        last_call_on=dt.date(2026, 12, 8),
        last_call_notes="open day Fri 18 Dec. I'll get her the demo stand there before the open day",
        promise="get her the demo stand there before the open day",
        promise_due=dt.date(2026, 12, 18),
    )
    shown = prepare(
        who, user=UserFacts("Sam"), offers=[], others=[], today=dt.date(2027, 1, 5), playbook=load_playbook()
    )
    assert "the open day has passed" in shown.reason.text and "Do it today" not in shown.reason.text
    assert "How did the open day go?" in shown.opener


def test_a_wait_keeps_what_they_asked_for_in_view():
    who = ContactFacts(
        66,
        "Ivo Sand",
        company="Sand Parks",
        met_on=dt.date(2026, 11, 25),
        notes="runs a logistics park. wants 2 reference sites + running-cost numbers — needs them by Fri 8 Jan",
        last_outcome="later",
        last_call_on=dt.date(2026, 12, 14),
        last_call_notes="board prep, ring after the holidays",
        next_due=dt.date(2027, 1, 5),
    )
    shown = prepare(
        who, user=UserFacts("Sam"), offers=[], others=[], today=dt.date(2027, 1, 4), playbook=load_playbook()
    )
    assert (
        shown.reason.kind == "not_yet"
        and "2 reference sites" in shown.reason.text
        and "Fri 8 Jan" in shown.reason.text
    )


def test_spanish_professional_titles_and_a_full_stop_after_them():
    from bot.domain.names import address_in

    assert (
        address_in("uses the title, address him as Arquitecto. two sites", "Tomás Vidal")
        == "Arquitecto Vidal"
    )
    assert address_in("address her as Licenciada", "Rosa Peña") == "Licenciada Peña"


def test_keep_him_posted_is_nothing_sent_and_a_question_to_check_is_yours():
    from bot.domain.talking_points.case import read_case
    from bot.domain.talking_points.case_items import SENT_AFTER_RE

    assert SENT_AFTER_RE.search("thanked her for the intro, said I'd keep her posted") is None
    found = read_case(
        None,
        None,
        "asked whether the tags survive a wash cycle - I'll check and get back to her",
        TODAY,
        TODAY,
    ).deliver
    assert (
        found is not None
        and not found.theirs
        and found.action == "find out whether the tags survive a wash cycle"
    )


def test_a_let_down_supplier_meets_a_maker_of_the_thing():
    inn, maker = _people(
        (
            71,
            "Rut Alm",
            "country inn, tasting evenings. her cheese supplier keeps letting her down, wants someone local",
        ),
        (72, "Ola Berg", "goat cheese, small dairy up the valley. trying to get into hotels"),
    )
    args = {
        "user": UserFacts("Sam"),
        "offers": [],
        "others": [inn, maker],
        "today": TODAY,
        "playbook": load_playbook(),
    }
    assert "Ola Berg" in prepare(inn, **args).reason.text


def test_round_37_classes_complaints_states_long_steps_and_ruled_out_offers():
    from bot.domain.talking_points.case import read_case

    day = dt.date(2026, 12, 8)
    # a complaint about waiting is no request; "we'll be on the list" is no step of yours
    assert (
        read_case(None, None, "tenants keep moaning about waiting for heat in the mornings", day, day).deliver
        is None
    )
    assert read_case(None, None, "tender out in Feb, we'll be on the shortlist", day, day).deliver is None
    # a long step keeps its thing; "needs it by" on the call dates what they asked for when you met
    long = read_case(
        None,
        None,
        "I'll get him a test plan + price for the pool and the two plunge tubs before 9 January",
        day,
        day,
    )
    assert long.deliver.thing.startswith("a test plan + price") and long.deliver.by == dt.date(2027, 1, 9)
    dated = read_case(
        "wants a survey price for both sites",
        dt.date(2026, 12, 2),
        "ok on both. she needs it by 14 jan for her board",
        day,
        day,
    )
    assert dated.deliver.by == dt.date(2027, 1, 14)
    # an offer for what the notes say is not your thing is never suggested
    loggers = OfferFacts(
        9, "Article: temperature logging for vaccine fridges", None, ("#temperature", "#logging", "#fridges")
    )
    who = ContactFacts(
        81,
        "Dr Ines Vale",
        company="Clinic",
        met_on=dt.date(2026, 12, 1),
        notes="head of infection control. main headache = temperature logging for the vaccine fridges",
        last_outcome="reached",
        last_call_on=day,
        last_call_notes="fridge loggers still top of her list, told her not our thing",
    )
    shown = prepare(
        who, user=UserFacts("Sam"), offers=[loggers], others=[], today=TODAY, playbook=load_playbook()
    )
    assert shown.reason.kind != "offer"


def test_round_38_classes_sent_quotes_their_contracts_and_holiday_waits():
    sent = ContactFacts(
        91,
        "Mara Kos",
        company="Park",
        met_on=dt.date(2026, 11, 19),
        notes="head of FM. asked for a written quote by 18 Dec",
        last_outcome="emailed",
        last_call_on=dt.date(2026, 12, 16),
        last_call_notes="quote for the two floors sent, a day early",
        earlier_call_notes="plans coming by email, quote still needed by 18 Dec",
        earlier_call_on=dt.date(2026, 12, 8),
    )
    theirs = ContactFacts(
        92,
        "Dan Saar",
        company="Kronos",
        met_on=dt.date(2026, 12, 3),
        notes="head of people",
        last_outcome="reached",
        last_call_on=dt.date(2026, 12, 15),
        last_call_notes="their cleaning contract is up end of Jan, still looking around",
    )
    waiting = ContactFacts(
        93,
        "Oto Vlk",
        company="Stavby",
        met_on=dt.date(2026, 11, 26),
        notes="small builder",
        last_outcome="later",
        last_call_on=dt.date(2026, 12, 15),
        last_call_notes="on site, call after New Year",
        next_due=dt.date(2027, 1, 4),
    )
    args = {
        "user": UserFacts("Sam"),
        "offers": [],
        "others": [],
        "today": dt.date(2026, 12, 29),
        "playbook": load_playbook(),
    }
    assert "asked you for" not in prepare(sent, **args).reason.text
    assert "straight answer on the deal" not in prepare(theirs, **args).reason.text
    shown = prepare(waiting, **args)
    assert shown.reason.kind == "not_yet" and "Fri 1 Jan" not in shown.reason.text


def test_round_39_classes_call_words_win_past_months_first_weeks_and_lowercase_titles():
    from bot.domain.call_text import notes_follow_up
    from bot.domain.names import address_in

    day = dt.date(2026, 12, 10)
    assert notes_follow_up("two bids due before Christmas, ring after New Year", day)[1] == "after New Year"
    assert notes_follow_up("her old plumber retired in Nov, nobody since", day) is None
    assert notes_follow_up("phone him the second week of Feb", day)[0] == dt.date(2027, 2, 8)
    assert address_in("vet, introduced himself as doktor, use it", "Karl Tamm") == "Doktor Tamm"


def test_her_before_a_name_is_who_it_goes_to():
    from bot.domain.talking_points.phrases import spoken

    assert spoken("get her Ivo Lind's number", "Mia") == "get you Ivo Lind's number"
    assert spoken("send her report back", "Mia") == "send your report back"


def test_how_they_want_it_is_no_need():
    from bot.domain.talking_points.situation import situation_of

    assert situation_of("the committee wants cheapest, as ever") is None
    assert situation_of("needs repointing before winter").phrase == "repointing before winter"


def test_a_year_in_an_event_name_is_never_a_phone():
    from bot.domain.quickadd import parse_met

    found = parse_met(
        "Tom Weber of Druckerei Faber at Green Office Awards 2026 on 2026-11-12: card", TODAY, "LU"
    )
    assert found.phone is None and "2026" in (found.event or "")
    kept = parse_met("Ana Lux of Lux SA at Expo: call +352 621 123 456", TODAY, "LU")
    assert kept.phone == "+352621123456"


def test_why_you_sent_something_stays_private():
    who = ContactFacts(
        94,
        "Jo Berg",
        company="Berg",
        met_on=dt.date(2026, 11, 19),
        notes="finance lead",
        last_outcome="emailed",
        last_call_on=dt.date(2026, 12, 8),
        last_call_notes="sent her the tax-rules explainer to keep her warm",
    )
    shown = prepare(who, user=UserFacts("Sam"), offers=[], others=[], today=TODAY, playbook=load_playbook())
    assert "warm" not in shown.voicemail and "tax-rules explainer" in shown.voicemail


def test_round_42_classes_a_yes_or_no_to_give_blocked_quotes_and_grumbles():
    from bot.domain.call_text import said_days

    found = said_days("I'll get him a yes or no from our side before 15 Jan", dt.date(2026, 12, 10))
    assert [d.lead for d in found] == ["before"]
    blocked = ContactFacts(
        95,
        "Rita Paz",
        company="Paz",
        met_on=dt.date(2026, 12, 3),
        notes="needs a formal quote for a mixing tank for her grant file",
        last_outcome="emailed",
        last_call_on=dt.date(2026, 12, 9),
        last_call_notes="sent her our site questionnaire - can't price it without it",
    )
    shown = prepare(
        blocked,
        user=UserFacts("Sam"),
        offers=[],
        others=[],
        today=dt.date(2027, 1, 4),
        playbook=load_playbook(),
    )
    assert shown.reason.kind == "awaiting" and "can't go until it comes back" in shown.reason.text
    grumble = ContactFacts(
        96,
        "Ana Rey",
        company="Rey",
        met_on=dt.date(2026, 11, 26),
        notes="complaining that her water bill doubled this year",
    )
    opener = prepare(
        grumble, user=UserFacts("Sam"), offers=[], others=[], today=TODAY, playbook=load_playbook()
    ).opener
    assert "complaining" not in opener and "your water bill doubled" in opener


def test_a_loose_decision_time_is_said_as_given():
    who = ContactFacts(
        97,
        "Ines Mar",
        company="Mar",
        met_on=dt.date(2026, 11, 28),
        notes="olive oil, 40 ha. harvest in April, decides by end of Feb",
    )
    shown = prepare(
        who, user=UserFacts("Sam"), offers=[], others=[], today=dt.date(2027, 1, 4), playbook=load_playbook()
    )
    said = " ".join([shown.reason.text, *(a.text for a in shown.alternatives), shown.goal, shown.voicemail])
    assert "Thu 25 Feb" not in said and "25 Feb" not in said


def test_a_need_said_to_them_says_you():
    from bot.domain.talking_points.situation import situation_of
    from bot.domain.talking_points.thread import _situation_values

    found = _situation_values(situation_of("looking for any cheap feed she can mix in"))
    assert found["thread_need_spoken"] == "any cheap feed you can mix in"


def test_round_43_classes_a_slot_asked_for_a_change_wanted_and_a_late_voicemail():
    from bot.domain.talking_points.case import read_case

    day = dt.date(2026, 12, 10)
    assert (
        read_case(None, None, "left a message, mentioned the school + asked for a slot", day, day).deliver
        is None
    )
    assert (
        read_case("wants to get her crew onto timber frames", dt.date(2026, 11, 12), None, None, day).deliver
        is None
    )
    late = ContactFacts(
        98,
        "Ana Berzina",
        company="B",
        met_on=dt.date(2026, 11, 20),
        notes="asked for our span tables by Fri 18 Dec",
    )
    shown = prepare(
        late, user=UserFacts("Sam"), offers=[], others=[], today=dt.date(2027, 1, 6), playbook=load_playbook()
    )
    assert "in good time" not in shown.voicemail and "missed your date" in shown.voicemail


def test_round_44_classes_busy_with_a_day_their_intro_offer_and_ordinals_before_a_date():
    from bot.domain.cadence import picked_up
    from bot.domain.call_text import notes_follow_up, said_days
    from bot.domain.quickadd import parse_met
    from bot.domain.vocabulary import Outcome

    day = dt.date(2026, 12, 9)
    assert notes_follow_up("said call Thursday", day)[0] == dt.date(2026, 12, 10)
    assert notes_follow_up("met Monday, all good", day) is None
    assert picked_up(Outcome.BUSY, ": said she's flat out", dated=False) is Outcome.BUSY
    assert picked_up(Outcome.BUSY, ": said call Thursday", dated=True) is Outcome.LATER
    assert (
        parse_met("Eva Holm of Holm at Expo: kind, will intro me to her cousin at the port", day).promise
        is None
    )
    found = said_days("the council votes Thu 17 Dec. I'll get her the price before the 14th", day)
    assert [d.day for d in found] == [dt.date(2026, 12, 17), dt.date(2026, 12, 14)]
