"""Rounds 181–184's classes (SPEC §14 and §12's dates), in wordings of our own: a day written with dots
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
