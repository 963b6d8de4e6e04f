"""What the notes say is going on (situation.py), the contact's pronoun (pronouns.py) and whom a
contact introduced you to: pure, in wordings of our own."""

from __future__ import annotations

import pytest

from bot.domain.pronouns import gendered, pronoun_of
from bot.domain.talking_points import ContactFacts
from bot.domain.talking_points.intros import introduced_by
from bot.domain.talking_points.situation import situation_of


@pytest.mark.parametrize(
    ("notes", "kind", "phrase", "lead"),
    [
        (
            "Runs two bakeries. He needs a cold room for the summer while the new site is fitted out.",
            "need",
            "a cold room for the summer",
            "",
        ),
        (
            "Head of estates. She'd like to take her apprentices round a working substation in April.",
            "plan",
            "take her apprentices round a working substation in April",
            "would like to",
        ),
        (
            "Clinic owner; has to renew the radiation permit before June.",
            "plan",
            "renew the radiation permit before June",
            "has to",
        ),
        (
            "Not happy with whoever cleans the gutters now, and the contract ends in March.",
            "worry",
            "whoever cleans the gutters now",
            "is not happy with",
        ),
        (
            "They're tendering for the ferry terminal refit.",
            "doing",
            "tendering for the ferry terminal refit",
            "",
        ),
    ],
)
def test_a_situation_is_read_whole_and_about_them(notes, kind, phrase, lead):
    found = situation_of(notes)
    assert found is not None
    assert (found.kind, found.phrase, found.lead) == (kind, phrase, lead)
    assert found.ours


@pytest.mark.parametrize(
    "notes",
    [
        "She doesn't want to certify the anchors herself.",  # negated
        "I need to send the brochure.",  # the user's own step
        "Would like to chat about it after the holidays.",  # a call, not a plan
        "Scared of a repeat.",  # leans on a sentence that is not there
        "treasurer of the rowing club",  # a label
    ],
)
def test_no_situation_where_there_is_none(notes):
    assert situation_of(notes) is None


def test_a_need_the_user_does_not_serve_is_marked_so():
    found = situation_of(
        "Needs a scaffold inspection before the insurer's visit and asked if we do it. We don't."
    )
    assert found is not None and found.kind == "need" and not found.ours


def test_a_long_need_ends_where_the_clause_turns_and_never_inside_a_parenthesis():
    found = situation_of("He needs night security for the yard (about six weeks because the fence is down")
    assert found is not None and found.phrase == "night security for the yard"


@pytest.mark.parametrize(
    ("texts", "pronoun"),
    [
        (("Dana Holt (she/her)", "", ""), "she"),
        (("Ravi", "buyer", "He wants the pricing; his boss signs."), "he"),
        (("Kim", "", "Her caretakers shovel the roof"), "she"),
        (("Sam", "", "they/them; runs the co-op"), "they"),
        (("Ola", "roofer", ""), "they"),
        (("Lena", "", "Piotr says she owns the budget; ask him first"), "she"),
    ],
)
def test_the_pronoun_comes_from_what_was_written(texts, pronoun):
    assert pronoun_of(*texts) == pronoun


@pytest.mark.parametrize(
    ("template", "pronoun", "said"),
    [
        (
            "Ask what they are working on and what they need.",
            "she",
            "Ask what she is working on and what she needs.",
        ),
        (
            "What are they planning? Do they still want it?",
            "he",
            "What is he planning? Does he still want it?",
        ),
        (
            "Thank them; their team did the work, and they've earned it.",
            "she",
            "Thank her; her team did the work, and she's earned it.",
        ),
        (
            "Whether they plan to go, and what they took away.",
            "he",
            "Whether he plans to go, and what he took away.",
        ),
        ("{contact_first_name} and they", "they", "{contact_first_name} and they"),
    ],
)
def test_the_playbook_says_she_or_he_with_the_verb_agreeing(template, pronoun, said):
    assert gendered(template, pronoun) == said


def test_whom_a_contact_introduced_is_found_by_whole_folded_names():
    ewa = ContactFacts(1, "Ewa Lis-Zając")
    others = [
        ContactFacts(2, "Piotr Nowak", introducer="Ewa Lis-Zajac", notes="x"),
        ContactFacts(3, "Ewan Smith", introducer="Ewan", notes="x"),
        ContactFacts(4, "Marta Ruiz", referred_by="Eva", notes="x"),
    ]
    found = introduced_by(ewa, others)
    assert found is not None and found.id == 2
    assert introduced_by(ContactFacts(5, "Ewan Smith"), others[:1]) is None


@pytest.mark.parametrize(
    ("notes", "name", "said"),
    [
        ('GP partner; signs emails "Dr Hallam" - use "Dr" please', "Oonagh Hallam", "Dr Hallam"),
        ("Runs the parish hall (address him as Father)", "Tom Keane", "Father Tom"),
        ("introduces himself as Professor Adeyemi, so use it", "Bayo Adeyemi", "Professor Adeyemi"),
        ("we use Teams for calls", "Ann Ross", None),
    ],
)
def test_how_the_notes_say_to_address_someone(notes, name, said):
    from bot.domain.names import address_in

    assert address_in(notes, name) == said


def test_something_they_asked_for_and_the_call_says_was_sent_is_not_asked_again():
    from datetime import date

    from bot.domain.talking_points import prepare
    from bot.domain.talking_points.facts import UserFacts
    from bot.services.playbook_files import load_playbook

    contact = ContactFacts(
        7,
        "Noor Haddad",
        notes="wants our maintenance price sheet before the committee meets",
        met_on=date(2026, 11, 2),
        last_outcome="reached",
        last_contact_on=date(2026, 11, 9),
        last_call_on=date(2026, 11, 9),
        last_call_notes="maintenance price sheet emailed to her; committee next week",
    )
    points = prepare(
        contact,
        user=UserFacts("Ida"),
        offers=(),
        others=(),
        today=date(2026, 11, 20),
        playbook=load_playbook(),
    )
    assert points.reason.kind != "asked"
    assert "on its way" not in points.voicemail


def test_something_broken_or_costly_is_a_problem_to_offer_a_fix_for():
    found = situation_of(
        "Bakery owner. The proving cabinet at her second shop trips the fuse twice a week, and she loses a batch each time."
    )
    assert found is None or found.kind != "problem"  # "trips the fuse" is not in our words: no guess
    found = situation_of(
        "Hotel GM. The laundry's dryer keeps breaking down in the busy season; she hires vans to cope."
    )
    assert found is not None and found.kind == "problem"
    assert found.phrase == "the laundry's dryer keeps breaking down in the busy season"


def _talking(contact, others=()):
    from datetime import date

    from bot.domain.talking_points import prepare
    from bot.domain.talking_points.facts import UserFacts
    from bot.services.playbook_files import load_playbook

    return prepare(
        contact,
        user=UserFacts("Ida"),
        offers=(),
        others=others,
        today=date(2026, 12, 10),
        playbook=load_playbook(),
    )


def test_a_job_title_or_where_they_are_is_never_the_topic():
    from datetime import date

    titled = ContactFacts(11, "Rob Kerr", notes="Procurement lead.", met_on=date(2026, 11, 20), event="Expo")
    assert "Procurement lead" not in _talking(titled).reason.text
    away = ContactFacts(
        12,
        "Lia Moreau",
        notes="Head chef.",
        met_on=date(2026, 11, 20),
        last_outcome="later",
        last_call_on=date(2026, 12, 1),
        last_contact_on=date(2026, 12, 1),
        last_call_notes="at a wine fair in Bordeaux until Fri 11 Dec, ring after",
        ever_reached=True,
    )
    assert "Bordeaux" not in _talking(away).reason.text


def test_two_people_who_both_buy_a_thing_are_not_introduced():
    from datetime import date

    buyer = ContactFacts(
        21, "Ana Lobo", notes="Replacing the walk-in freezers at all three sites.", met_on=date(2026, 11, 2)
    )
    other = ContactFacts(
        22,
        "Rui Dias",
        notes="Opening a deli in March and will need walk-in freezers.",
        met_on=date(2026, 11, 3),
    )
    points = _talking(buyer, others=(other,))
    assert points.reason.kind != "intro" and all(a.kind != "intro" for a in points.alternatives)


def test_a_board_that_still_meets_on_a_day_is_a_decision():
    from datetime import date

    from bot.domain.talking_points.case import read_case

    case = read_case(
        None, None, "quote in; the board still meets Tue 15 Dec", date(2026, 12, 1), date(2026, 12, 2)
    )
    assert case.decision_on == date(2026, 12, 15)


def test_a_trait_is_not_a_request_and_a_need_for_a_thing_is():
    from datetime import date

    from bot.domain.talking_points.case import read_case

    assert (
        read_case("Methodical; wants figures.", date(2026, 11, 20), None, None, date(2026, 12, 1)).deliver
        is None
    )
    found = read_case(
        None, None, "keen; still needs the costing by 18 Dec", date(2026, 12, 1), date(2026, 12, 2)
    ).deliver
    assert found is not None and found.thing == "the costing" and found.by == date(2026, 12, 18)


def test_an_email_you_sent_is_never_a_call_you_had():
    from datetime import date

    emailed = ContactFacts(
        31,
        "Ines Faro",
        notes="Runs two clinics.",
        met_on=date(2026, 11, 20),
        last_outcome="emailed",
        last_call_on=date(2026, 12, 1),
        last_contact_on=date(2026, 12, 1),
        last_call_notes="short hello after the expo, asked for a 15-minute call",
    )
    points = _talking(emailed)
    said = " ".join([points.reason.text, points.opener, points.voicemail])
    assert "our call" not in said and "As we said" not in said
    assert points.reason.kind == "sent_followup"


def test_a_deadline_in_call_notes_brings_the_call_before_it():
    import datetime as dt

    from bot.domain.call_text import notes_follow_up

    day, words = notes_follow_up("they need six by March", dt.date(2026, 12, 10))
    assert day < dt.date(2027, 3, 1) and words == "by March"


def test_wanting_a_thing_to_buy_is_a_need_not_a_request():
    from datetime import date

    from bot.domain.talking_points.case import read_case

    for notes in ("wants a new walk-in freezer as part of the refit", "he wants kit that costs less to run"):
        assert read_case(notes, date(2026, 11, 20), None, None, date(2026, 12, 1)).deliver is None
    asked = read_case(
        "wants our price list by Friday", date(2026, 11, 20), None, None, date(2026, 11, 23)
    ).deliver
    assert asked is not None and asked.thing == "our price list"


def test_someone_whose_notes_only_have_a_problem_with_a_thing_does_not_supply_it():
    from datetime import date

    seeker = ContactFacts(
        41,
        "Ana Lobo",
        notes="Bistro owner; needs extraction over a charcoal grill.",
        met_on=date(2026, 11, 2),
    )
    other = ContactFacts(
        42,
        "Rui Dias",
        notes="Runs a tapas bar. The extraction over the fryers drips grease.",
        met_on=date(2026, 11, 3),
    )
    points = _talking(seeker, others=(other,))
    assert points.reason.kind != "intro" and all(a.kind != "intro" for a in points.alternatives)


def test_a_nickname_ends_at_the_sentence():
    from bot.domain.names import nickname_in

    assert nickname_in("goes by Zeca. Opening a café in May.") == "Zeca"
    assert nickname_in("prefers to be called Dr. Mendes") == "Dr. Mendes"


def test_what_they_asked_of_you_their_deadline_and_their_headache_are_read():
    invited = situation_of(
        "Runs the chamber's breakfasts; asked if I'd give a short talk on grants in February."
    )
    assert invited is not None and invited.kind == "invited"
    assert invited.phrase == "give a short talk on grants in February"
    deadline = situation_of("The council gave her until March 3 to fix the fire doors on the annex.")
    assert deadline is not None and deadline.lead == "has until March 3 to"
    headache = situation_of("His biggest headache is finding night drivers for the new depot.")
    assert (
        headache is not None
        and headache.kind == "worry"
        and headache.phrase == "finding night drivers for the new depot"
    )
    keeps = situation_of("Patients keep missing the turn to the clinic because the sign faces the wrong way.")
    assert (
        keeps is not None
        and keeps.kind == "problem"
        and keeps.phrase.lower() == "patients keep missing the turn to the clinic"
    )


def test_lists_and_numbers_are_never_cut_at_their_commas():
    from datetime import date

    from bot.domain.talking_points.case import read_case

    need = situation_of("Wants the invoices, contracts and delivery notes scanned before the audit.")
    assert need is not None and need.phrase.startswith("the invoices, contracts and delivery notes")
    step = read_case(
        None, None, "I'll send him a cost and timing estimate by Friday", date(2026, 12, 1), date(2026, 12, 2)
    )
    assert step.deliver is not None and step.deliver.thing == "a cost and timing estimate"


def test_round_14_classes_in_our_words():
    from datetime import date

    from bot.domain.talking_points.case import read_case

    # "away from the 19th, don't call before the 5th": the day not to call before wins
    wait = read_case(
        None,
        None,
        "nice chat. Off from 21 Dec - don't ring before Wed 6 Jan.",
        date(2026, 12, 9),
        date(2026, 12, 10),
    )
    assert wait.wait_until == date(2027, 1, 6)
    # a number with a thousands comma stays in the thing
    quote = read_case(
        "wants a quote for roughly 2,500 panels", date(2026, 12, 1), None, None, date(2026, 12, 2)
    )
    assert quote.deliver is not None and quote.deliver.thing == "a quote for roughly 2,500 panels"
    # a bare abstraction is no need to offer help with
    assert situation_of("Her agronomist has no answer.") is None


def test_their_date_in_the_next_clause_and_an_aside_after_a_promise():
    from datetime import date

    from bot.domain.promises import read_promise
    from bot.domain.talking_points.case import read_case

    asked = read_case(
        "Asked for our load tables for a report he is writing; he needs them by Fri 8 Jan 2027.",
        date(2026, 12, 1),
        None,
        None,
        date(2026, 12, 2),
    )
    assert asked.deliver is not None and asked.deliver.by == date(2027, 1, 8)
    assert asked.deliver.thing == "our load tables for a report"
    promise = read_promise(
        "send the permit checklist before Fri 11 Dec — he files in January", date(2026, 12, 1)
    )
    assert promise.action == "send the permit checklist"


def test_round_15_and_16_classes_in_our_words():
    import datetime as dt

    from bot.domain.call_text import notes_follow_up
    from bot.domain.talking_points.case import read_case

    monday = notes_follow_up("stuck in a stocktake all week, ring him Monday", dt.date(2026, 12, 7))
    assert monday is not None and monday[0] == dt.date(2026, 12, 14)
    shut = notes_follow_up("the depot is closed from 23 Dec", dt.date(2026, 12, 7))
    assert shut is not None and shut[0] < dt.date(2026, 12, 23)
    off = read_case(
        None, None, "nice chat; she is off from 18 Dec", dt.date(2026, 12, 7), dt.date(2026, 12, 8)
    )
    assert off.wait_until is None  # gone from that day is no "not before"
    assert situation_of("Upgrading the dock scales can wait until spring.") is None


def test_what_they_must_produce_themselves_is_not_asked_of_you():
    from datetime import date

    from bot.domain.talking_points.case import read_case

    own = read_case(
        None,
        None,
        "they need a written retention policy for the new lab by March",
        date(2026, 12, 1),
        date(2026, 12, 2),
    )
    assert own.deliver is None


def test_a_search_for_a_person_is_a_need_and_two_things_they_do_are_told_apart():
    sit = situation_of(
        "Runs a tapas bar. Moving to a bigger kitchen in May and still searching for whoever can train "
        "the new line cooks."
    )
    assert (sit.kind, sit.phrase) == ("need", "someone to train the new line cooks")
    from bot.domain.talking_points.thread import _doing

    said = _doing(
        "Launching a mobile repair van this spring with a booking app, a loyalty card and three new hires"
    )
    assert said == ("launching a mobile repair van this spring", "launching a mobile repair van this spring")
    assert (
        _doing("Fitting out a shop and a workshop and a showroom and a garden centre and a cafe by June")
        is None
    )


def test_a_sentence_that_says_a_topic_never_came_up_is_no_need_to_meet():
    from bot.domain.talking_points.facts import OfferFacts, _combined, _profile
    from bot.domain.talking_points.offer_match import _match_offer

    offer = OfferFacts(1, "Keeping loading bays safe", None, ("forklift", "safety"))

    def fits(notes: str) -> bool:
        return _match_offer(offer, _profile(*_combined(None, notes))).strength > 0

    assert fits("Runs the depot; she needs forklift safety training for the night shift.")
    assert fits(
        "Bakery chain. We never talked about forklifts at all. Needs forklift safety training though."
    )
    assert not fits("Runs a bakery chain. We never talked about forklifts at all.")
    assert not fits("Wants a new website. No need for safety training, they have it in house.")


def test_being_asked_for_a_name_is_a_need_someone_else_meets():
    sit = situation_of(
        "Facilities lead. Asked whether I could recommend an installer who does EV chargers for the staff car park."
    )
    assert (sit.kind, sit.lead, sit.ours) == ("need", "asked", False)
    assert sit.phrase == "an installer who does EV chargers for the staff car park"
    long = situation_of(
        "Asked if we knew someone who repairs old church organs in the north before the Easter concerts start."
    )
    assert long.phrase == "someone who repairs old church organs in the north"


def test_names_written_family_name_first_and_a_polite_form_in_brackets():
    from bot.domain.names import address_in, first_name

    assert first_name("Phạm Thị Lan") == "Lan" and first_name("Đỗ Minh Khoa") == "Khoa"
    assert first_name("Nguyen Van Minh") == "Minh"
    assert first_name("Kim Seo-yeon") == "Seo-yeon"
    assert first_name("Kim Basinger") == "Kim" and first_name("Lee Marvin") == "Lee"
    assert address_in("buyer (Ms. Lan), careful with numbers", "Phạm Thị Lan") == "Ms. Lan"
    assert address_in("buyer; her manager (Mr. Quang) signs", "Phạm Thị Lan") is None


def test_a_deal_word_about_their_own_business_is_no_deal_with_you():
    from datetime import date

    theirs = ContactFacts(
        41,
        "Rhea Fox",
        notes="Runs fleet ops; needs proof it works before the 2027 contracts are signed.",
        met_on=date(2026, 12, 1),
    )
    assert _talking(theirs).reason.kind != "open_deal"
    ours = ContactFacts(
        42, "Rhea Fox", notes="Wants our pricing for a pilot at two depots.", met_on=date(2026, 12, 1)
    )
    assert _talking(ours).reason.kind in ("open_deal", "asked")


def test_titles_with_a_question_or_a_kind_after_the_colon_get_a_short_name():
    from bot.domain.talking_points.next_step import next_step
    from bot.domain.talking_points.phrases import offer_name

    assert (
        offer_name("GDPR for clinics: what the new rules mean for patient files", "offer")
        == "our piece on GDPR for clinics"
    )
    assert (
        offer_name("Winter slabs: a 9-step checklist for pouring in frost", "offer")
        == "our winter slabs checklist"
    )
    assert next_step("he'll send the site plans; the owner wants a fix before Easter") is None
    assert next_step("wants the site plans before Easter")[0] == "send the site plans"


def test_italian_titles_compound_given_names_and_a_nickname_that_ends_its_sentence():
    from bot.domain.names import address_in, first_name, nickname_in

    assert address_in("Dean of nursing; address her as Professoressa, please.", "Lucia Maria Di Stefano") == (
        "Professoressa Di Stefano"
    )
    assert first_name("Maria Teresa Conti") == "Maria Teresa" and first_name("Maria Conti") == "Maria"
    assert first_name("Dott.ssa Paola Neri") == "Paola"
    notes = "Office manager, goes by Tess. Keen on a quote."
    assert address_in(notes, "Teresa Holm") is None and nickname_in(notes) == "Tess"


def test_when_to_call_thinking_about_a_thing_and_a_job_title_are_no_topic():
    from bot.domain.talking_points.thread import _doing, _thread_of
    from bot.services.playbook_files import load_playbook

    playbook = load_playbook()
    assert _thread_of("on a site visit; said to ring back on Thursday", playbook) == ""
    assert _doing("considering a customer newsletter for the spring") is None
    assert _doing("Managing Director of a small brewery") is None
    sit = situation_of("Considering a loyalty app for the three cafés.")
    assert sit is None or sit.kind != "doing"


def test_what_they_have_none_of_is_said_with_its_article():
    assert (
        situation_of("Clinic manager; has no floor plan of the new wing.").phrase
        == "a floor plan of the new wing"
    )
    assert situation_of("Clinic manager; has no budget for the new wing.").phrase == "budget for the new wing"


def test_asked_if_you_had_a_thing_is_a_lead_to_find_and_brackets_keep_their_commas():
    from bot.domain.talking_points.thread import _thread_of
    from bot.services.playbook_files import load_playbook

    sit = situation_of(
        "Asked if we had a template for lift inspections (passenger, goods). Outside our field."
    )
    assert (sit.kind, sit.lead, sit.ours) == ("need", "asked", False)
    assert _thread_of("Owns two hostels (Porto, Braga) and a café", load_playbook()).startswith(
        "Owns two hostels (Porto, Braga)"
    )


def test_notes_that_open_with_a_title_and_surname_say_how_to_greet():
    from bot.domain.names import address_in

    assert address_in(
        "Dra. Ibarra-Soto, head of the clinic; wants consent forms in English", "Lucía Ibarra-Soto"
    ) == ("Dra. Ibarra-Soto")
    assert address_in("Dr. Reyes from the other firm sends regards", "Ana Lopez") is None


def test_before_then_takes_the_day_said_before_it_and_a_webinar_is_named_by_its_subject():
    import datetime as dt

    from bot.domain.talking_points.case import read_case
    from bot.domain.talking_points.phrases import offer_name

    day = dt.date(2026, 12, 10)
    said = read_case(
        None, None, "the board meets on Fri 18 Dec and wants our revised quote before then", day, day
    )
    assert (said.deliver.thing, said.deliver.by) == ("our revised quote", dt.date(2026, 12, 18))
    assert (
        offer_name("Workshop – keeping night shifts safe (Tue 12 Jan)", "invite")
        == 'the workshop "Keeping night shifts safe"'
    )


def test_a_referrer_is_named_in_full_once_then_by_first_name():
    from bot.domain.talking_points.wording import _once_in_full

    said = _once_in_full(
        "Ask Ana Ruiz-Soto first; then say Ana Ruiz-Soto suggested it.", {"referrer": "Ana Ruiz-Soto"}
    )
    assert said == "Ask Ana Ruiz-Soto first; then say Ana suggested it."


def test_a_state_someone_wants_is_no_need():
    sit = situation_of("has a storeroom of old uniforms he wants gone before the audit")
    assert sit is None or sit.phrase != "gone"
