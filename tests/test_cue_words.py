"""Notes typed half in French, Portuguese or Spanish (round 140's and 144's writers typed them so):
the cue words that carry a date, a promise, a wait or an ask are read as English by every reader, and
nothing else in the notes changes. Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.call_text import notes_follow_up
from bot.domain.cue_words import in_english
from bot.domain.quickadd import parse_met
from bot.domain.talking_points import ContactFacts
from bot.domain.vocabulary import Stage
from seeds import cue_words
from tests.coach_helpers import coach

TODAY = dt.date(2026, 12, 7)  # a Monday


def test_cue_words_are_read_and_other_words_are_left_alone():
    assert in_english("rappeler la semaine prochaine, devis demandé") == "call back next week, quote demandé"
    assert in_english("NÃO ligar antes de 11/1") == "don't call before 11/1"
    assert in_english("presupuesto hasta el viernes") == "quote until Friday"
    plain = "wants a quote by friday"
    assert in_english(plain) is plain  # nothing to read: the same notes


def test_no_cue_word_is_an_english_word():
    english = {"ate", "sol", "mar", "sex", "pro", "date", "demande", "son", "fin", "semana"}
    assert not english & set(cue_words()), english & set(cue_words())
    assert all(k == k.lower() for k in cue_words())


def test_a_call_back_next_week_in_french_is_next_week_not_months_away():
    found = notes_follow_up("en réunion avec les actionnaires, rappeler sem pro", TODAY)
    assert found is not None and found[0] == dt.date(2026, 12, 14), found


def test_a_promise_in_portuguese_keeps_its_deadline():
    parsed = parse_met(
        "Rita Sá of Sá Cosméticos at Feira on 2026-11-20: prometi mandar a proposta até 18/12",
        TODAY,
        day_first=True,
    )
    assert parsed.promise == "send a proposal" and parsed.promise_due == dt.date(2026, 12, 18), parsed


def test_a_french_wait_is_a_time_not_to_call_before():
    contact = ContactFacts(1, "Paul Ouedraogo", "Ouedraogo SA", met_on=dt.date(2026, 11, 20),
                           notes="chantier à Niamey, pas d'appel avant le 4 janvier", stage=Stage.NEW)  # fmt: skip
    points = coach(contact, TODAY)
    assert points.reason.text.startswith("Not yet") and "Mon 4 Jan 2027" in points.reason.text, (
        points.reason.text
    )


def test_a_day_written_one_way_only_is_read_without_knowing_the_country():
    found = notes_follow_up("comité confirmé 21/12, il me redit", TODAY)
    assert found is not None and found[0] == dt.date(2026, 12, 21), found
    assert notes_follow_up("open 24/7 at both sites", TODAY) is None  # a shop's hours, never 24 July
    assert notes_follow_up("wants it by 03/04", TODAY) is None  # March or April: never guessed


def test_a_french_do_not_call_and_a_latest_day_are_read():
    assert in_english("PAS appeler avant le 28 déc") == "don't call before 28 Dec"
    assert in_english("veut le rapport, au plus tard le 18/12") == "wants le rapport, by 18/12"
