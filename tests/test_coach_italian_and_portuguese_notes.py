"""Rounds 195–198's classes (SPEC §14), in wordings of our own: notes typed in Italian or Portuguese
carry their waits, asks, promises and deadlines ("non chiamarlo prima dell'8/01", "gli servono entro
…", "pediu p/ n ligar antes de …"); an abbreviation's dot before "+" keeps a promise whole; a thing
they want to buy ("6 info kiosks") is a need, never a thing to send; a trip "in Lisbon 20/12 - 4/1"
is a time away; old frying oil meets its buyer; a name you promised is found among your contacts;
a permit, or accessibility, is no need of one kind; how to address them is no topic. Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.cue_words import in_english, untranslated
from bot.domain.talking_points.case import read_case
from tests.coach_helpers import coach, met_contact

TODAY = dt.date(2026, 12, 14)
MET = dt.date(2026, 11, 24)


def test_an_italian_wait_that_runs_into_its_day_is_a_wait():
    assert "don't call before 8/01" in in_english("chiusura bilancio, NON richiamarlo prima dell'8/01")
    contact = met_contact(
        1,
        "Ornella Gatti",
        "Gatti Arredi",
        "showroom nuovo a Rimini. non chiamarla prima dell'8/01, inventario",
        met=MET,
        today=TODAY,
    )
    points = coach(contact, TODAY, day_first=True)  # an Italian user writes the day first
    assert "Fri 8 Jan" in points.reason.text and "Not yet" in points.reason.text, points.reason


def test_what_they_need_from_you_by_a_day_in_italian_is_their_request():
    case = read_case(
        "studio tecnico. mi chiede il listino ricambi, gli serve entro gio 17/12 per il budget",
        MET,
        None,
        None,
        TODAY,
    )
    assert case.deliver is not None and case.deliver.theirs, case.deliver
    assert case.deliver.by == dt.date(2026, 12, 17) and "price list" in case.deliver.thing, case.deliver


def test_an_italian_promise_on_a_call_is_yours_with_its_day():
    contact = met_contact(
        3,
        "Bruno Casadei",
        "Casadei Hotels",
        "direttore acquisti",
        met=MET,
        today=TODAY,
        call="ok sulle finiture, gli porto io i campioni prima della riunione di ven 18/12",
    )
    case = read_case(contact.notes, MET, contact.last_call_notes, contact.last_call_on, TODAY)
    assert case.deliver is not None and not case.deliver.theirs, case.deliver
    assert case.deliver.by == dt.date(2026, 12, 18) and "the samples" in case.deliver.thing, case.deliver
    assert " i samples" not in coach(contact, TODAY).reason.text


def test_a_portuguese_ask_not_to_ring_before_a_day_waits_for_it():
    said = in_english("em viagem até 15/12. pediu p/ n ligar antes de seg 4/01")
    assert "asked me not to call before Mon 4/01" in said, said
    contact = met_contact(
        4,
        "Joana Lobo",
        "Lobo Agro",
        "cooperativa de café",
        met=MET,
        today=TODAY,
        call="em viagem até 15/12. pediu p/ n ligar antes de seg 4/01",
    )
    assert "Mon 4 Jan" in coach(contact, TODAY, day_first=True).reason.text


def test_an_abbreviation_dot_before_a_plus_keeps_the_promise_whole():
    from bot.domain.quickadd import _promise

    action, due = _promise("coop de café. prometi orçamento 3 secad. + 2 medidores até qui 17/12", TODAY)
    assert due == dt.date(2026, 12, 17) and "2 medidores" in (action or ""), action


def test_a_number_of_things_to_buy_is_a_need_not_a_thing_to_send():
    case = read_case("they want 6 info kiosks for the new terminal", MET, None, None, TODAY)
    assert case.deliver is None, case.deliver
    asked = read_case("she wants price lists for the kiosks by Fri 18 Dec", MET, None, None, TODAY)
    assert asked.deliver is not None and asked.deliver.theirs, asked.deliver


def test_italian_and_portuguese_phrases_stay_quoted():
    assert untranslated("vuole entrare nel giro delle strutture")
    assert untranslated("não tem stock")
    assert not untranslated("wants a site visit per month")


def test_web_accessibility_is_not_a_buildings_accessibility():
    from tests.test_vocabulary import fits_offer

    braille = ("Guida segnaletica accessibile: Braille, rilievo, contrasti", ("braille", "segnaletica"))
    assert not fits_offer(*braille, "il portale clienti deve passare l'audit WCAG a marzo")
    assert not fits_offer("Braille signs that pass inspection", ("braille",), "their app must meet WCAG 2.2")
    assert fits_offer(
        "Braille signs that pass inspection", ("braille",), "wheelchair users can't find the lifts"
    )


def test_a_trip_to_a_place_between_two_days_is_a_time_away():
    contact = met_contact(
        5,
        "Inès Barros",
        "Hotel Azul",
        "GM",
        met=MET,
        today=TODAY,
        call="thanks for the intro to Rui. she's in Lisbon 19 Dec - 6 Jan, at the hotel again after",
        days=6,
    )
    points = coach(contact, dt.date(2026, 12, 21))
    assert "Not yet" in points.reason.text and "Thu 7 Jan" in points.reason.text, points.reason


def test_old_frying_oil_meets_a_biodiesel_buyer_both_ways():
    today = dt.date(2026, 12, 16)
    kitchen = met_contact(
        6,
        "Tuan Pham",
        "Saigon Rooftop",
        "F&B manager. not sure what to do with used fryer oil",
        met=MET,
        today=today,
    )
    buyer = met_contact(
        7,
        "Maya Okoro",
        "Okoro Biofuels",
        "biodiesel plant, needs more restaurant/hotel suppliers",
        met=MET,
        today=today,
    )
    assert "Maya Okoro" in coach(kitchen, today, others=[buyer]).reason.text
    assert "Tuan Pham" in coach(buyer, today, others=[kitchen]).reason.text


def test_a_name_you_promised_is_found_among_your_contacts():
    today = dt.date(2026, 12, 16)
    owner = met_contact(
        8,
        "Clara Vidal",
        "Vidal Rooms",
        "guesthouse owner, buying a second old house",
        met=MET,
        today=today,
        call="I'll find her the name of an architect who knows listed buildings before she signs",
    )
    architect = met_contact(
        9, "Tomás Reis", "Reis Studio", "arquitecto, wants small heritage jobs", met=MET, today=today
    )
    points = coach(owner, today, others=[architect])
    assert points.reason.kind == "promised" and "Tomás Reis" in points.reason.text, points.reason
    assert "Check with Tomás" in points.reason.text
    assert all("Tomás Reis" not in alt.text for alt in points.alternatives), points.alternatives


def test_asked_if_you_know_how_is_a_question_to_answer():
    contact = met_contact(
        10,
        "Owen Pace",
        "Pace Scaffolding",
        "asked if I know how to get a pavement licence fast for a job in Sliema, he's stuck",
        met=MET,
        today=TODAY,
    )
    points = coach(contact, TODAY)
    assert "asked how to get a pavement licence fast" in points.reason.text, points.reason


def test_a_road_permit_is_not_a_planning_permit():
    from tests.test_vocabulary import fits_offer

    assert not fits_offer(
        "Guide: planning permits for shopfront works",
        ("permits", "shopfront"),
        "needs a road closure permit for the crane",
    )


def test_how_to_address_them_or_which_language_is_no_topic():
    for notes in (
        "Dott.ssa Ferri (ci tiene al titolo). clinica nuova a Cesena",
        "mezzo fr mezzo ita :) clinica nuova a Cesena",
        "PT fraco, EN ok. clinica nuova a Cesena",
    ):
        contact = met_contact(11, "Giulia Ferri", "Clinica Ferri", notes, met=MET, today=TODAY)
        text = coach(contact, TODAY).reason.text
        assert "titolo" not in text and "mezzo" not in text and "fraco" not in text, (notes, text)


def test_a_routine_to_run_through_each_shift_is_met_by_a_checklist():
    from bot.domain.talking_points.models import OfferFacts

    checklist = OfferFacts(
        4,
        "Checklist: 10 checks before the first firing of the day",
        "https://example.com/c",
        ("checklist", "safety"),
    )
    contact = met_contact(
        12,
        "Hana Kowalczyk",
        "Kowalczyk Ceramics",
        "owner wants sth the crew can run through every shift b4 starting the kilns",
        met=MET,
        today=TODAY,
    )
    points = coach(contact, TODAY, offers=[checklist])
    assert points.reason.kind == "offer" and "10 checks" in points.reason.text, points.reason


def test_a_thank_you_said_on_the_call_is_no_topic():
    contact = met_contact(
        13,
        "Pierre Lemoine",
        "Lemoine Group",
        "hotel owner",
        met=MET,
        today=TODAY,
        call="merci for sending Rui my way, second site in spring",
    )
    text = coach(contact, TODAY).reason.text
    assert "merci" not in text and "second site" in text, text


def test_a_passed_date_says_send_it_if_not_sent():
    contact = met_contact(
        14,
        "Ngozi Bello",
        "Bello Foods",
        "buyer",
        met=MET,
        today=TODAY,
        call="wants our price list by Wed 9 Dec, board sits after",
        days=8,
    )
    text = coach(contact, TODAY).reason.text
    assert "If you have not sent" in text and "has not gone" not in text, text


def test_a_word_that_starts_with_for_is_no_ask():
    case = read_case(
        None, MET, "no answer, emailed asking format + page count for the tender annex", TODAY, TODAY
    )
    assert case.deliver is None or "mat" not in case.deliver.thing.split(), case.deliver
    contact = met_contact(
        15,
        "Lars Berg",
        "Berg Hotels",
        "sales",
        met=MET,
        today=TODAY,
        call="emailed asking format + page count",
        days=2,
    )
    points = coach(contact, TODAY)
    assert " the mat " not in " ".join(r.text for r in (points.reason, *points.alternatives)), points


def test_no_benchmark_to_show_is_met_by_a_client_story():
    from bot.domain.talking_points.models import OfferFacts

    story = OfferFacts(
        5, "Case study: a ferry operator back in service 30h after the storm", None, ("#casestudy",)
    )
    contact = met_contact(
        16,
        "Ida Moreau",
        "Moreau Ferries",
        'board keeps asking "how fast could we sail again?" — she has no benchmark to give them',
        met=MET,
        today=TODAY,
    )
    points = coach(contact, TODAY, offers=[story])
    assert points.reason.kind == "client_success" and 'says "she has no benchmark' in points.reason.text, (
        points
    )


def test_a_weekday_after_something_that_happened_again_is_past():
    from bot.domain.call_text import notes_follow_up

    tuesday = dt.date(2026, 12, 8)
    assert notes_follow_up("the board asked again on Friday for a date", tuesday) is None
    assert notes_follow_up("try again on Friday", tuesday) == (dt.date(2026, 12, 11), "on Friday")


def test_shorthand_for_someone_is_read_as_meant():
    from bot.domain.talking_points.situation_leads import typed_plain

    assert (
        typed_plain("wants smbdy to check the roof b4 snow") == "wants somebody to check the roof before snow"
    )


def test_people_to_be_trained_in_something_need_whoever_teaches_it():
    from tests.test_vocabulary import introduces

    assert introduces(
        "wants the drivers trained in CPR before summer, no trainer yet",
        "",
        "runs CPR and defib courses for firms",
    )
    assert not introduces(
        "wants the drivers trained in CPR before summer", "", "runs forklift courses for firms"
    )


def test_montenegrin_and_croatian_waits_promises_and_asks_are_read():
    said = in_english("obecao sam mu cenovnik + 3 CV do pon 14.12, NE zvati prije 8.1. - na Kubi")
    assert "I promised him price list" in said and "by Mon 14.12" in said and "don't call before 8.1." in said
    assert in_english("koliko do 3.5 ljudi") == "koliko do 3.5 ljudi"  # a decimal, never a day
    contact = met_contact(
        17,
        "Jelena Kovač",
        "Hotel Rivijera",
        "direktorica. NE zvati prije 11.1. - godisnji odmor",
        met=MET,
        today=TODAY,
    )
    assert "Mon 11 Jan" in coach(contact, TODAY, day_first=True).reason.text


def test_what_they_asked_for_and_went_the_same_day_is_not_owed():
    for call in (
        "asked for the Kotor case study for the board pack - sent it by e-mail same day",
        "trazila case study Kotor za materijal - poslala mejlom isti dan",
    ):
        case = read_case(None, MET, call, dt.date(2026, 12, 7), TODAY)
        assert case.deliver is None, (call, case.deliver)
    owed = read_case(None, MET, "asked for the price list, sent the brochure", dt.date(2026, 12, 7), TODAY)
    assert owed.deliver is not None and "price list" in owed.deliver.thing


def test_a_promise_before_that_is_due_by_the_day_said_before_it():
    from bot.domain.quickadd import _promise

    action, due = _promise(
        "their capex freezes 22 Dec - promised him the service estimate before that, both options", TODAY
    )
    assert due == dt.date(2026, 12, 22) and "before that" not in (action or ""), (action, due)


def test_a_bare_check_after_their_question_says_what_to_check():
    case = read_case("asked whether our kit runs on 110V?? said I'd check", MET, None, None, TODAY)
    assert case.deliver is not None and case.deliver.action == "check whether our kit runs on 110V", (
        case.deliver
    )


def test_a_call_back_day_they_set_beats_a_deliver_first_date():
    from bot.domain.day_patterns import callback_set

    assert callback_set("he'll ask the head teacher. call him back around the 28th")
    assert callback_set("trazi ponudu, zvati nakon 20.12") is False
    assert not callback_set("wants the data before the committee")


def test_albanian_waits_promises_and_thanks_are_read():
    assert in_english("mos e thirr para 12 jan, ne Itali") == "don't call before 12 jan, ne Itali"
    assert in_english("i premtova ofertë deri 18/12") == "I promised quote by 18/12"
    assert in_english("faleminderit për prezantimin").startswith("thanks for")
    assert untranslated("pyetjet për kapacitetin")


def test_forms_of_address_said_in_other_ways():
    from bot.domain.names import address_in, first_name

    assert address_in('dekane. "Profesoreshë", jo Arta', "Arta Leka") == "Profesoreshë"
    assert address_in("very formal, always address as Dasho la", "Pema Wangdi") == "Dasho Pema"
    assert first_name("Aum Sonam Choki") == "Sonam"


def test_a_vendor_pick_after_a_dash_is_the_decision_day_not_the_deadline():
    case = read_case(
        "asked for our spec sheet + 2 refs by 15 Dec - owners meet in Delhi 18th to pick a vendor",
        dt.date(2026, 11, 20),
        None,
        None,
        dt.date(2026, 12, 7),
    )
    assert case.decision_on == dt.date(2026, 12, 18) and case.deliver.by == dt.date(2026, 12, 15), case


def test_who_decides_is_no_day_it_is_decided():
    case = read_case("ops head. 9 staff moving in Q1, she decides", MET, None, None, TODAY)
    assert case.decision_on is None, case


def test_an_ordinal_day_with_its_month_is_that_month():
    from bot.domain.call_text import said_days

    assert [d.day for d in said_days("NEEDS IT BY 12th Jan for the audit", TODAY)] == [dt.date(2027, 1, 12)]


def test_call_her_after_a_vote_is_the_day_after_it():
    from bot.domain.call_text import notes_follow_up

    day = dt.date(2026, 12, 10)
    assert notes_follow_up("the trustees vote Thu 17th, call her after", day)[0] == dt.date(2026, 12, 18)


def test_a_later_with_only_an_hour_in_another_language_is_tomorrow():
    from bot.domain.call_text import when_from
    from bot.domain.vocabulary import Outcome

    when = when_from(Outcome.LATER, None, "в порту, перезвонить после 15:00", dt.date(2026, 12, 8))
    assert when.follow_up_on == dt.date(2026, 12, 9), when


def test_a_quote_for_a_survey_is_sent_not_booked():
    case = read_case("asked for quote soil survey - needs it by 9 Jan", MET, None, None, TODAY)
    assert case.deliver.action.startswith("send"), case.deliver


def test_a_bare_find_out_is_no_promise():
    assert read_case("team lead. said I'd find out", MET, None, None, TODAY).deliver is None


def test_still_needing_a_price_typed_without_a_is_still_owed():
    case = read_case(
        None,
        MET,
        "sent the visa checklist. they still need fee quote per hire before 6 Jan",
        dt.date(2026, 12, 9),
        TODAY,
    )
    assert case.deliver is not None and case.deliver.by == dt.date(2027, 1, 6), case.deliver


def test_empty_flats_meet_a_firm_needing_flats_for_its_staff():
    today = dt.date(2026, 12, 21)
    owner = met_contact(
        18,
        "Nikos Pavlou",
        "Pavlou Homes",
        "developer. 10 units free from 1 Mar, furnished, wants a corporate tenant",
        met=MET,
        today=today,
    )
    firm = met_contact(
        19,
        "Dana Cohen",
        "Bytecraft",
        "moving 18 devs here by May, need ~10 apts near the office",
        met=MET,
        today=today,
    )
    assert "Dana Cohen" in coach(owner, today, others=[firm]).reason.text


def test_a_polite_not_before_is_a_wait():
    for notes in ("keen but pls NOT before 12 Jan, audit then leave", "happy to talk, pls not before 12 Jan"):
        case = read_case(notes, dt.date(2026, 12, 3), None, None, dt.date(2026, 12, 6))
        assert case.wait_until == dt.date(2027, 1, 12), (notes, case)


def test_french_weeks_promises_and_returns_are_read():
    from bot.domain.call_text import notes_follow_up

    assert notes_follow_up("clôture annuelle, rappeler la semaine du 4", dt.date(2026, 12, 9))[0] == dt.date(
        2027, 1, 4
    )
    assert "promised to send them" in in_english("promis de lui envoyer le devis avant le 15/12")
    case = read_case(
        "directrice. rentre le 4.01 — PAS l'appeler avant", dt.date(2026, 12, 3), None, None, TODAY
    )
    assert case.wait_until == dt.date(2027, 1, 4), case


def test_romanian_waits_and_deadlines_are_read():
    assert in_english("NU suna înainte de 12 ian!!") == "don't call before 12 Jan!!"
    assert "by Tuesday" in in_english("trimit oferta până marți")
    assert untranslated("tipografie nouă pt etichete")


def test_the_name_promised_is_the_one_the_promise_asks_for():
    today = dt.date(2026, 12, 16)
    owner = met_contact(
        20,
        "Rita Sousa",
        "Sousa Rooms",
        "needs an architect for the old house",
        met=MET,
        today=today,
        call="I'll get her the name of an accountant who knows rental tax before Friday",
    )
    architect = met_contact(
        21, "Ivo Matos", "Matos Studio", "architect, wants small jobs", met=MET, today=today
    )
    accountant = met_contact(
        22, "Lia Pinto", "Pinto Contas", "accountant for landlords", met=MET, today=today
    )
    text = coach(owner, today, others=[architect, accountant]).reason.text
    assert "Lia Pinto" in text and "Ivo Matos" not in text, text
