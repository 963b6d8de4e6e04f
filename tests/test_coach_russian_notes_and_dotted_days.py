"""Rounds 181–182's classes (SPEC §14 and §12's dates), in wordings of our own: a day written with dots
("до 17.12", "bis 7.01.2027") is a day in every country, a decimal, a price or a time never; notes typed
in Russian carry their asks, waits, decisions and promises; "don't call before, then …" after a day
waits for that day; a note is quoted back as the user typed it, never half translated; and a phrase in
another script is quoted, never put into an English sentence. Pure."""

from __future__ import annotations

import datetime as dt
import re

from bot.domain.cue_words import in_english, untranslated
from bot.domain.dates import dotted_dates, spelled_dates
from bot.domain.talking_points import UserFacts, prepare
from bot.domain.talking_points.as_typed import in_own_words
from bot.domain.talking_points.case import read_case
from bot.services.playbook_files import load_playbook
from tests.coach_helpers import coach, met_contact

TODAY = dt.date(2026, 12, 9)
MET = dt.date(2026, 11, 18)
_QUOTES = re.compile(r'"[^"]*"|“[^”]*”')
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def _all_text(points) -> str:
    return " ".join([points.reason.text, points.reason.why, *(a.text for a in points.alternatives)])


def test_a_day_written_with_dots_is_a_day_anywhere():
    assert dotted_dates("смета нужна до 17.12, иначе", TODAY) == "смета нужна до 17 Dec, иначе"
    assert dotted_dates("Angebot bis 7.01.2027 bitte", TODAY) == "Angebot bis 7 Jan 2027 bitte"
    assert dotted_dates("board meets 21.12.", TODAY) == "board meets 21 Dec"
    assert spelled_dates("ring after 4.01, then", TODAY, True) == "ring after 4 Jan, then"


def test_a_decimal_a_price_or_a_time_with_dots_stays_as_typed():
    for typed in (
        "pump 2.5 kW",
        "diesel at 1.10 USD",
        "margin up 3.05 on last year",
        "call at 10.15 sharp",
        "встреча в 11.00",
        "firmware v2.11",
        "ratio 2.12 per unit",
    ):
        assert dotted_dates(typed, TODAY) == typed, typed


def test_russian_cue_words_read_as_english():
    assert in_english("просила набрать на след неделе") == "asked me to call next week"
    assert in_english("им не нужны насосы") == "им don't need насосы"
    assert in_english("я обещала смету до пятницу") == "I promised estimate by Friday"
    assert in_english("просто визитка") == "просто визитка"  # no cue: the same note


def test_a_request_typed_in_russian_with_a_dotted_day_leads_the_call():
    contact = met_contact(
        1, "Oleg Sarkisov", "Kaspi Pumps", "технолог. просит смету на 3 насоса до 17.12", met=MET, today=TODAY
    )
    points = coach(contact, TODAY)
    assert "Thu 17 Dec" in points.reason.text and points.reason.kind != "thread", points.reason
    case = read_case(in_english(dotted_dates(contact.notes, TODAY)), MET, None, None, TODAY)
    assert case.deliver is not None and case.deliver.theirs and case.deliver.by == dt.date(2026, 12, 17)


def test_dont_call_before_then_waits_for_the_day_said_first():
    for notes in (
        "на выставке в Дубае до 4.01, не звонить раньше, потом Telegram",
        "at a fair in Dubai until 4 Jan, don't ring before, then Telegram",
    ):
        contact = met_contact(2, "Lola Yusupova", "Yusupov Trade", notes, met=MET, today=TODAY)
        points = coach(contact, TODAY)
        assert "Mon 4 Jan" in points.reason.text and "Not yet" in points.reason.text, (notes, points.reason)


def test_a_decision_in_russian_is_asked_after_its_day():
    contact = met_contact(
        3, "Timur Ganiev", "Ganiev Build", "решение по тендеру 30.11, монтаж с марта", met=MET, today=TODAY
    )
    points = coach(contact, TODAY)
    assert "Mon 30 Nov" in points.reason.text, points.reason
    assert '"решение по тендеру 30.11' in points.reason.text, points.reason  # quoted as typed


def test_a_note_is_quoted_as_typed_never_half_translated():
    typed = ["dueña, quiere la lista de precios del aceite"]
    read = in_english
    said = 'Start from your note, "wants the price list del aceite": ask what changed.'
    assert in_own_words(said, typed, read) == (
        'Start from your note, "quiere la lista de precios del aceite": ask what changed.'
    )
    english = 'Ask about "wants the price list"'
    assert in_own_words(english, ["wants the price list"], read) == english
    contact = met_contact(
        4, "Pilar Ochoa", "Ochoa Cafés", "cafetería, el precio del azúcar subió mucho", met=MET, today=TODAY
    )
    text = _all_text(coach(contact, TODAY))
    for quote in _QUOTES.findall(text):
        assert "price" not in quote, text


def test_a_phrase_in_another_script_is_quoted_never_put_into_a_sentence():
    assert untranslated("частных переработчиков") and untranslated("新的设备")
    assert not untranslated("a new boiler for the école") and not untranslated("Ærø ferry timetable")
    for notes in (
        "ищут дилеров в регионах, скидка от объёма",
        "хочет новые линии к сезону, но денег нет",
    ):
        contact = met_contact(5, "Aziza Kurbanova", "Kurban Agro", notes, met=MET, today=TODAY)
        points = prepare(
            contact,
            user=UserFacts("Sam", day_first=True),
            offers=[],
            others=[],
            today=TODAY,
            playbook=load_playbook(),
        )
        outside = _QUOTES.sub("", _all_text(points) + " " + points.opener + " " + points.goal)
        assert not _CYRILLIC.search(outside), (notes, outside)


def test_a_present_tense_ask_is_their_request():
    for notes in ("asks for a price on 40 crates by Fri 18 Dec", "is asking us for the spec sheet by 18/12"):
        case = read_case(spelled_dates(notes, TODAY, True), MET, None, None, TODAY)
        assert case.deliver is not None and case.deliver.theirs, notes
        assert case.deliver.by == dt.date(2026, 12, 18), (notes, case.deliver)


def test_a_spanish_want_with_its_day_is_their_request():
    case = read_case(None, None, in_english("quiere el precio de 50 cajas antes del mié 16/12"), TODAY, TODAY)
    assert case.deliver is not None and case.deliver.theirs and case.deliver.by == dt.date(2026, 12, 16)


def test_the_weekday_they_are_closed_is_no_day_to_call():
    monday, tuesday = dt.date(2026, 12, 14), dt.date(2026, 12, 15)
    for notes in (
        "bakery, wants flour prices. shut on Mondays",
        "panadería, quiere precios de harina. los lunes cierra",
        "пекарня. по понедельникам выходной",
    ):
        contact = met_contact(6, "Rosa Quispe", "Quispe Pan", notes, met=MET, today=monday)
        closed = coach(contact, monday)
        assert "Not yet" in closed.reason.text and "Tue 15 Dec" in closed.reason.text, (notes, closed.reason)
        opened = coach(contact, tuesday)
        assert "Not yet" not in opened.reason.text, (notes, opened.reason)
        assert any(w in " ".join(opened.heed) for w in ("Mondays", "lunes", "понедельникам")), opened.heed
    friday_off = coach(met_contact(7, "Ana Reyes", "Reyes", "open every day", met=MET, today=monday), monday)
    assert "Not yet" not in friday_off.reason.text


def test_russian_callbacks_promises_and_offers_to_introduce():
    from bot.domain.call_text import notes_follow_up
    from bot.domain.quickadd import _promise

    assert notes_follow_up("закрывают год, перезвоните после 17-го", TODAY) == (
        dt.date(2026, 12, 18),
        "after the 17th",
    )
    assert notes_follow_up("отчётность, перезвонить после 3-го", TODAY)[0] == dt.date(
        2027, 1, 4
    )  # a Sunday: Monday
    assert _promise("обещал смету + фото объектов до 22.12", TODAY, True) == (
        "send the estimate + фото объектов",
        dt.date(2026, 12, 22),
    )
    assert (
        in_english("обещала свести с Ахмедом") == "offered to introduce me to Ахмедом"
    )  # theirs, no promise
    assert _promise("обещала свести с Ахмедом", TODAY, True) == (None, None)
    contact = met_contact(
        8, "Ilya Brandt", "Brandt Mills", "просил НЕ звонить раньше 11.01!", met=MET, today=TODAY
    )
    points = coach(contact, TODAY)
    assert "Not yet" in points.reason.text and "Mon 11 Jan" in points.reason.text, points.reason
    assert all("asked you for" not in a.text for a in points.alternatives), points.alternatives


def test_a_thing_promised_without_to_is_sent_not_done():
    from bot.domain.quickadd import _promise

    assert (
        _promise("promised quote + two site refs by Fri 18 Dec", TODAY, True)[0]
        == "send the quote + two site refs"
    )
    assert _promise("promised to quote the roof by Fri 18 Dec", TODAY, True)[0] == "quote the roof"
    assert _promise("promised price list for the co-op by Fri 18 Dec", TODAY, True)[0] == (
        "send the price list for the co-op"
    )


def test_call_after_a_vote_is_the_next_working_day_once():
    from bot.domain.call_text import notes_follow_up

    assert notes_follow_up("committee picks suppliers Fri 18 Dec, ring them after that", TODAY)[0] == dt.date(
        2026, 12, 21
    )
    assert notes_follow_up("trade fair Thu 17 Dec, call after that", TODAY)[0] == dt.date(2026, 12, 18)


def test_a_need_for_a_new_one_names_the_thing_lost():
    from dataclasses import replace

    contact = replace(
        met_contact(
            9,
            "Tomasi Vea",
            "Vea Fishing",
            "their tuna boats lose their ice supplier in Feb, need a new one",
            met=MET,
            today=TODAY,
        ),
        referred_by="Ana Fifita",
    )
    text = coach(contact, TODAY).reason.text
    assert "a new one" not in text and "ice supplier" in text, text


def test_a_job_gerund_is_what_they_are_not_what_they_do():
    contact = met_contact(
        10, "Rey Santos", "Santos Crewing", "crewing agent for 200 seafarers on reefers", met=MET, today=TODAY
    )
    points = coach(contact, TODAY)
    assert all("how crewing agent" not in r.text for r in (points.reason, *points.alternatives)), points


def test_a_past_meeting_not_known_held_comes_before_what_was_to_be_brought_to_it():
    from dataclasses import replace

    contact = replace(
        met_contact(
            11,
            "Lani Kabua",
            "Kabua Fishing",
            "buyer. asked for samples",
            met=MET,
            today=TODAY,
            call="at her office 10am, bring the samples + price sheet",
            outcome="meeting",
            days=8,
        ),
        meeting_on=TODAY - dt.timedelta(days=2),
    )
    points = coach(contact, TODAY)
    assert points.reason.kind == "meeting_check", points.reason
    assert "samples" not in points.opener and "samples" not in points.voicemail, (
        points.opener,
        points.voicemail,
    )


def test_a_long_labelled_title_is_named_by_its_part_before_the_dash():
    from bot.domain.talking_points.phrases import offer_name

    title = "Guide: storing seed potatoes through a wet winter — humidity logs, sprout checks and the crates we use"
    assert offer_name(title, "offer") == 'our guide, "Storing seed potatoes through a wet winter"'
    assert offer_name("Case: a bakery cut flour waste by a third", "offer").startswith("our case study")
    assert (
        offer_name("Caso: la Panadería Ruiz redujo la merma 30%", "offer") == "the Panadería Ruiz case study"
    )


def test_spanish_spoilage_and_blackout_words_meet_their_topics():
    from bot.domain.talking_points.facts import _SYNONYMS, _stem

    assert _SYNONYMS[_stem("merma")] == _SYNONYMS[_stem("podrido")] == "spoilage"
    assert _SYNONYMS[_stem("apagones")] == "generator"


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
