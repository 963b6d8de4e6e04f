"""Rounds 185–194's classes (SPEC §14), in wordings of our own: a visit they want is booked, never sent;
a reply asking for something is their request; Spanish and French steps on a call; lateness said in
days; a name they asked for ("wants names of someone", "asks who sells …") is never promised before
you have one; a hay surplus meets a buyer short of feed; Danish waits and a year after a dash; titles
in Arabic, Fijian and double surnames. Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.cue_words import in_english, untranslated
from bot.domain.talking_points.case import read_case
from tests.coach_helpers import coach, met_contact

TODAY = dt.date(2026, 12, 9)
MET = dt.date(2026, 11, 18)


def test_a_visit_they_asked_for_is_booked_not_sent():
    contact = met_contact(
        12,
        "Kim Ferreira",
        "Ferreira Trading",
        "buyer for Asian clients",
        met=MET,
        today=TODAY,
        call="here 5-9 Jan with 2 clients, want to see the press working",
    )
    points = coach(contact, TODAY)
    assert "send the press" not in points.reason.text and "see the press working" in points.reason.text, (
        points
    )


def test_her_reply_asking_for_something_is_her_request_yours_stays_yours():
    theirs = met_contact(
        13,
        "Meera Iyer",
        "Iyer Pharma",
        "buyer",
        met=MET,
        today=TODAY,
        call="sent our profile. she replied asking for the Ph.Eur cert + micro data",
        outcome="emailed",
    )
    points = coach(theirs, TODAY)
    assert points.reason.kind == "asked" and "Ph.Eur cert" in points.reason.text, points.reason
    mine = met_contact(
        14,
        "Ravi Menon",
        "Menon Labs",
        "buyer",
        met=MET,
        today=TODAY,
        call="emailed asking for their spec sheet",
        outcome="emailed",
    )
    assert coach(mine, TODAY).reason.kind != "asked"


def test_an_arabic_courtesy_title_is_no_first_name():
    from bot.domain.names import first_name

    assert first_name("Ustaza Amna Salih") == "Amna" and first_name("Sheikh Omar Bashir") == "Omar"


def test_asking_if_a_price_holds_is_a_question_not_a_thing_to_send():
    case = read_case(None, None, "asked if the price holds if they add a 6th van", TODAY, TODAY)
    assert case.deliver is None or "if" not in case.deliver.thing.split()[:2], case.deliver


def test_their_own_meeting_and_the_next_sentences_day_make_no_meeting_with_you():
    from bot.domain.talking_points.noted_meeting import noted_meeting

    said = "promised the quote b4 their council mtg 19 Jan. sails home Mon 30 Nov"
    assert noted_meeting((said, MET)) is None
    assert noted_meeting(("mtg at their yard Thu 10 Dec 9am", MET)) == dt.date(2026, 12, 10)


def test_a_quote_inside_a_quoted_note_keeps_its_spaces():
    contact = met_contact(
        15,
        "Lupe Taafaki",
        "Fisheries",
        "officer",
        met=MET,
        today=TODAY,
        call='planning budget, boss wants "a page" b4 they ask for more fuel',
    )
    text = coach(contact, TODAY).reason.text
    assert '"a page"b4' not in text and '"a page"before' not in text, text


def test_lateness_is_a_count_the_user_can_check():
    from bot.domain.talking_points.phrases import late_words

    assert [late_words(n) for n in (1, 9, 17, 31, 35, 40)] == [
        "a day late",
        "9 days late",
        "17 days late",
        "31 days late",
        "5 weeks late",
        "over 5 weeks late",
    ]


def test_a_booked_meeting_line_says_when_it_was_logged_not_as_the_meeting_day():
    from bot.domain.vocabulary import Stage
    from bot.services.call_changes import Logged
    from handlers.blocks.called import logged_text

    result = Logged(
        1,
        1,
        "Lani Kabua",
        "meeting",
        TODAY,
        dt.date(2026, 12, 17),
        "the day after your meeting",
        Stage.ACTIVE,
    )
    assert "(logged Wed 9 Dec)" in logged_text(result), logged_text(result)


def test_spanish_callbacks_waits_and_promises_on_a_call():
    from bot.domain.call_text import notes_follow_up

    assert notes_follow_up(in_english("temporada alta, q lo llame dsps del 20"), TODAY)[0] == dt.date(
        2026, 12, 21
    )
    assert notes_follow_up(in_english("de viaje, q no la llame antes del mar 12/1"), TODAY)[0] == dt.date(
        2027, 1, 12
    )
    mine = read_case(
        None, None, in_english("Le consigo el catálogo antes del vie 11/12"), TODAY, TODAY
    ).deliver
    assert mine is not None and not mine.theirs and mine.by == dt.date(2026, 12, 11), mine
    theirs = read_case(
        None, None, in_english("me pidió 3 precios, a más tardar vie 11"), TODAY, TODAY
    ).deliver
    assert theirs is not None and theirs.theirs and theirs.by == dt.date(2026, 12, 11), theirs
    assert in_english("los dueños no quieren gastar") == "los dueños don't want gastar"
    assert "her" not in in_english("le mandé las 2 opciones").split()  # "le" says no gender


def test_a_spanish_budget_is_no_quote():
    assert in_english("quiere cambiarlas en el presupuesto 2027") == "wants cambiarlas in the budget 2027"
    assert in_english("quiere cotiz de 2 bombas") == "wants quote for 2 bombas"


def test_french_little_words_keep_a_phrase_quoted():
    assert untranslated("veut d'abord voir une install qui marche") and untranslated("cherche vite un client")
    assert in_english("CA mardi 22/12 tranche budget 2027") == "CA Tuesday 22/12 decides budget 2027"


def test_a_closure_from_one_day_au_another_is_a_time_away():
    from bot.domain.talking_points import UserFacts, prepare
    from bot.services.playbook_files import load_playbook

    def points(today, days):
        contact = met_contact(
            16,
            "Odette Niyonzima",
            "Lycée Saint-Esprit",
            "économe",
            met=MET,
            today=today,
            call="secrétariat fermé du 23/12 au 5/01, envoyer le devis avant",
            days=days,
        )
        return prepare(
            contact,
            user=UserFacts("Sam", day_first=True),
            offers=[],
            others=[],
            today=today,
            playbook=load_playbook(),
        )

    before = points(dt.date(2026, 12, 17), 5)
    assert any("reach them by Tue 22 Dec" in h and "fermé du 23/12" in h for h in before.heed), before.heed
    during = points(dt.date(2026, 12, 28), 16)
    assert "Not yet" in during.reason.text and "Wed 6 Jan" in during.reason.text, during.reason


def test_a_written_answer_they_want_by_a_day_is_theirs_to_get():
    case = read_case(
        None, None, "wants written answer on the Gulf route by Fri 18 Dec, trip in Feb", TODAY, TODAY
    )
    assert case.deliver is not None and case.deliver.theirs and case.deliver.by == dt.date(2026, 12, 18), case


def test_a_decision_day_gone_asks_how_it_went_not_what_stands_in_its_way():
    contact = met_contact(
        17,
        "Salma Bakr",
        "Bakr Co-op",
        "co-op chair",
        met=MET,
        today=TODAY,
        call="board decides 4/12 whether to pay for testing. she's for it, treasurer says too expensive",
    )
    text = coach(contact, TODAY).reason.text
    assert "Call before then" not in text and "stands in the way" not in text, text


def test_what_they_asked_for_is_yours_to_them_when_said_aloud():
    contact = met_contact(
        18,
        "Nabil Saad",
        "Saad Foods",
        "packer",
        met=MET,
        today=TODAY,
        call="sent the label guide he asked for",
        outcome="emailed",
    )
    points = coach(contact, TODAY)
    assert "you asked for" in points.opener and "he asked for" not in points.opener, points.opener


def test_the_name_a_note_says_to_use_keeps_its_marks():
    contact = met_contact(
        19, "ʿAli Bin Saʿīd", "Saʿīd Trading", "trader. call him Sheikh ʿAli", met=MET, today=TODAY
    )
    assert coach(contact, TODAY).opener.startswith("Hi Sheikh ʿAli,")


def test_names_wanted_and_a_bare_asap_and_a_condition_make_no_thing_to_send():
    from bot.domain.talking_points.next_step import next_step

    assert next_step("boat due mid-Jan. send asap") is None
    contact = met_contact(
        20,
        "Min-ho Lee",
        "Lee Fishing",
        "fleet tech",
        met=MET,
        today=TODAY,
        call="wants names of someone local for hull repair",
    )
    assert "point them to someone local for hull repair" in coach(contact, TODAY).reason.text
    case = read_case(
        "said send quote once the 2027 plan is firm", MET, "wants quote by Fri 18 Dec", TODAY, TODAY
    )
    assert case.deliver is not None and case.deliver.thing == "the quote", case.deliver


def test_a_name_they_asked_for_is_never_promised_before_you_have_one():
    contact = met_contact(
        21,
        "Hoa Tran",
        "Tran Seafood",
        "buyer",
        met=MET,
        today=TODAY,
        call="asked if I know anyone who repairs reefer units",
    )
    points = coach(contact, TODAY)
    assert (
        "as soon as I have a good one" in points.voicemail and "text it to you now" not in points.voicemail
    ), points


def test_a_cmte_picking_on_a_day_is_a_decision_and_shorthand_reads_as_meant():
    case = read_case(
        "cmte picks the vendor Tue 8 Dec",
        MET,
        "cmte still Tue 8 Dec, 3 bidders",
        TODAY - dt.timedelta(days=3),
        TODAY,
    )
    assert case.decision_on == dt.date(2026, 12, 8), case
    from bot.domain.talking_points.situation_leads import typed_plain

    assert typed_plain("need s/o who knows Xero, send smthg") == "need someone who knows Xero, send something"


def test_a_hay_surplus_meets_a_buyer_short_of_dry_feed():
    today = dt.date(2026, 12, 23)
    buyer = met_contact(
        22,
        "Ayaan Warsame",
        "Warsame Camels",
        "exports camels",
        met=MET,
        today=today,
        call="still no feed supplier, needs ~30t dry bales by 8 Jan",
    )
    seller = met_contact(
        23,
        "Liban Hussein",
        "Hussein Farms",
        "~200t baled hay surplus after the rains, wants bulk buyers",
        met=MET,
        today=today,
    )
    assert "Liban Hussein" in coach(buyer, today, others=[seller]).reason.text
    assert "Ayaan Warsame" in coach(seller, today, others=[buyer]).reason.text


def test_asking_who_sells_something_asks_you_for_a_name():
    contact = met_contact(
        24,
        "Hodan Ali",
        "Ali Vets",
        "vet",
        met=MET,
        today=TODAY,
        call="asks who sells solar fridges for vaccines",
    )
    assert "someone who sells solar fridges" in coach(contact, TODAY).reason.text


def test_the_first_follow_up_reads_numeric_days_as_the_prep_does():
    from bot.domain.cadence import FollowUp
    from bot.domain.talking_points.case_schedule import with_their_time
    from bot.domain.vocabulary import Stage

    usual = FollowUp(TODAY + dt.timedelta(days=1), Stage.NEW, 0, "at once")
    held = with_their_time(
        usual, "på barsel, ring IKKE før man 11/1-27", MET, TODAY, frozenset(range(5)), True
    )
    assert held.next_due == dt.date(2027, 1, 11), held
    dotted = with_their_time(usual, "в отпуске, не звонить до 12.01", MET, TODAY, frozenset(range(5)))
    assert dotted.next_due == dt.date(2027, 1, 12), dotted


def test_a_later_with_no_day_is_never_said_as_their_time():
    from dataclasses import replace

    contact = met_contact(
        25,
        "Rui Neves",
        "Neves Cacau",
        "buyer",
        met=MET,
        today=TODAY,
        call="in a meeting, call me later",
        outcome="later",
        days=3,
    )
    points = coach(replace(contact, next_due=TODAY + dt.timedelta(days=87)), TODAY)
    assert "no day was named" in points.reason.text and "set the time" not in points.reason.why, points.reason
    assert "move the call" in points.reason.text
