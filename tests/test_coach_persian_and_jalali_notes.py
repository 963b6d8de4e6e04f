"""Round 223's and 224's classes (SPEC §14), in wordings of our own: days written in the Solar Hijri
(Jalali) calendar ("tâ 15 Dey", "۱۰ بهمن") are the Gregorian days they name; Persian typed in Latin
letters carries its waits, promises and wants verb last; French waits, answers owed and quotes keep
their days without a tail in another language. Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.call_text import notes_follow_up
from bot.domain.cue_words import in_english, the_article
from bot.domain.jalali import jalali_spelled
from bot.domain.quickadd import parse_met
from bot.domain.talking_points.as_read import reader
from bot.domain.talking_points.case import read_case
from bot.domain.talking_points.models import UserFacts

TODAY = dt.date(2026, 12, 21)
MET = dt.date(2026, 12, 1)


def test_jalali_days_are_the_gregorian_days_they_name():
    assert jalali_spelled("pish-factor tâ 12 Dey", TODAY) == "pish-factor tâ 2 Jan 2027"
    assert jalali_spelled("جلسه ۱۰ بهمن", TODAY) == "جلسه 30 Jan 2027"
    assert jalali_spelled("1 Farvardin 1406 opening", TODAY) == "21 Mar 2027 opening"
    # a short month name in another language stays as typed unless capitalised
    assert jalali_spelled("ein paar 2 mehr", TODAY) == "ein paar 2 mehr"


def test_a_persian_wait_said_verb_last_with_a_jalali_day_is_a_wait():
    day, words = notes_follow_up("monshi goft Istanbul-e, qabl az Chaharshanbe 23 Dey zang nazan", TODAY)
    assert day == dt.date(2027, 1, 13) and "13 Jan" in words, (day, words)


def test_a_persian_promise_with_a_jalali_deadline_is_stored_with_its_day():
    parsed = parse_met(
        "Nasim Ahmadi of Alborz Plast at Expo on 2026-11-20: man qol dâdam qeymat-e 3 mould tâ 18 Dey befrestam",
        dt.date(2026, 12, 6),
        "IR",
    )
    assert parsed.promise_due == dt.date(2027, 1, 8), parsed
    assert parsed.promise.startswith("send the price"), parsed.promise


def test_what_they_want_said_verb_last_in_persian_is_their_request():
    read = reader(UserFacts("Ali"), TODAY)
    notes = read("qeymat ro qabl az jalase-ye 25 Dey mikhâd, PDF ham")
    case = read_case("x", MET, notes, dt.date(2026, 12, 14), TODAY)
    assert case.deliver is not None and case.deliver.theirs and case.deliver.by == dt.date(2027, 1, 15), case
    assert "price" in case.deliver.thing, case.deliver


def test_french_waits_answers_and_quotes_keep_their_days():
    wait = read_case(
        "x", MET, "en mission à Moundou jusqu'au 4 janv — ne pas l'appeler avant le 5", TODAY, TODAY
    )
    assert wait.wait_until == dt.date(2027, 1, 5), wait
    owed = read_case("x", MET, "le comité: attend une réponse oui ou non avant le 8 janv", TODAY, TODAY)
    assert owed.deliver is not None and owed.deliver.by == dt.date(2027, 1, 8), owed
    asked = read_case("x", MET, "elle veut 2 devis avant le 11 janv pour son dossier", TODAY, TODAY)
    assert asked.deliver is not None and asked.deliver.by_words == "before 11 Jan", asked.deliver
    assert the_article("the modelo de registro") == "the modelo de registro"
    assert "asked how many" in in_english("il m'a demandé combien restent en vie")


def test_afghan_zodiac_months_and_dari_promises_are_read():
    assert jalali_spelled("decision 22 Jadi", TODAY) == "decision 12 Jan 2027"
    assert (
        jalali_spelled("met Asad 12 at the expo", TODAY) == "met Asad 12 at the expo"
    )  # a name, not a month
    parsed = parse_met(
        "Zalmai Noori of Kabul Tiles at Expo on 2026-11-28: man wada dadom price list ta panjshanbe 19 Qaws",
        dt.date(2026, 12, 6),
        "AF",
    )
    assert parsed.promise_due == dt.date(2026, 12, 10) and "price list" in parsed.promise, parsed
    assert notes_follow_up("in a meeting, goft hafta-ye ayanda", dt.date(2026, 12, 28))[1] == "next week"


def test_she_has_then_will_send_is_her_step_not_yours():
    from tests.coach_helpers import coach, met_contact

    contact = met_contact(
        3, "Lindi Dube", "Bright Agency", "events lead", met=MET, today=TODAY,
        call="good chat. she has a product launch in March, will send brief in Jan",
    )  # fmt: skip
    points = coach(contact, TODAY)
    said = " ".join([points.reason.text, points.voicemail])
    assert "I'll send" not in said and "offered to send the brief" in points.reason.text, said


def test_a_title_typed_in_capitals_is_greeted_as_a_title():
    from bot.domain.names import address_in

    assert address_in("head teacher, it's DR Zwane not Thandi", "Thandi Zwane") == "Dr Zwane"
    assert address_in("address him as PROF Motsa", "Sipho Motsa") == "Prof Motsa"


def test_pronouns_in_any_language_are_never_the_topic():
    from tests.coach_helpers import coach, met_contact

    contact = met_contact(4, "Noa Keller", "Atelier K", "iel (pronoms iel / they)", met=MET, today=TODAY)
    assert "pronoms" not in coach(contact, TODAY).reason.text


def test_back_on_a_day_then_not_before_it_in_german_is_a_wait():
    read = reader(UserFacts("Ana", day_first=True), TODAY)
    case = read_case(
        read("Einkauf. Fliegt 9.12 nach Wien, zurück 5. Jan — vorher NICHT anrufen"), MET, None, None, TODAY
    )
    assert case.wait_until == dt.date(2027, 1, 5), case
