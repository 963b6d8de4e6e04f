"""Round 215's classes (SPEC §14), in wordings of our own: Azerbaijani and Turkish say "by", "after"
and "before" after the day, with a case ending on it ("16 dekabra qədər", "27-dən sonra", "10
Şubat'tan önce"), and put the verb last ("smeta … istəyir", "söz verdim … göndərim"); their waits,
promises, requests and decision days are read all the same, and their phrases stay quoted. Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.call_text import notes_follow_up
from bot.domain.cue_words import in_english, untranslated
from bot.domain.talking_points.case import read_case
from tests.coach_helpers import coach, met_contact

TODAY = dt.date(2026, 12, 9)
MET = dt.date(2026, 12, 1)


def test_a_day_with_its_ending_before_the_word_for_before_is_a_wait():
    assert "don't call before 20 February" in in_english("anbar təmiri, 20 fevraldan tez zəng etmə")
    assert "don't call before 10 February" in in_english("envanter sayımı, 10 Şubat'tan önce aramayın")
    contact = met_contact(
        1,
        "Tural Məmmədli",
        "Xəzər Logistika",
        "anbar təmiri, 20 fevraldan tez zəng etmə",
        met=MET,
        today=TODAY,
    )
    reason = coach(contact, TODAY, day_first=True).reason.text
    assert "Not yet" in reason and "20 Feb" in reason, reason


def test_a_promise_said_verb_last_is_yours_with_its_day():
    case = read_case("SÖZ VERDİM 16 dekabra qədər smeta göndərim, hər iki anbar", MET, None, None, TODAY)
    assert case.deliver is not None and not case.deliver.theirs, case.deliver
    assert case.deliver.by == dt.date(2026, 12, 16) and "quote" in case.deliver.thing, case.deliver


def test_what_they_want_by_a_day_said_verb_last_is_their_request():
    case = read_case("ofis binası", MET, "smeta 11 yanvara qədər istəyir, ƏDV ilə", TODAY, TODAY)
    assert case.deliver is not None and case.deliver.theirs, case.deliver
    assert case.deliver.by == dt.date(2027, 1, 11) and "quote" in case.deliver.thing, case.deliver
    turkish = read_case("otel", MET, "fiyat teklifi 14 Ocak'a kadar lazım", TODAY, TODAY)
    assert turkish.deliver is not None and turkish.deliver.by == dt.date(2027, 1, 14), turkish.deliver


def test_a_decision_on_a_day_with_its_ending_is_that_day():
    case = read_case(
        "klinika", MET, "direktorlar 22.12-də qərar verəcək, sonra özü zəng edəcək", TODAY, TODAY
    )
    assert case.decision_on == dt.date(2026, 12, 22), case


def test_call_after_a_bare_day_with_its_ending_is_after_that_day():
    day, words = notes_follow_up("bayram tələsikliyi, 27-dən sonra zəng edin", TODAY)
    assert day >= dt.date(2026, 12, 28) and "after the 27th" in words, (day, words)
    turkish = notes_follow_up("yılbaşı yoğunluğu, 29'undan sonra arayın", TODAY)
    assert turkish is not None and turkish[0] >= dt.date(2026, 12, 30), turkish


def test_their_phrases_stay_quoted_and_english_is_left_alone():
    assert untranslated("hələ də yer axtarır") and untranslated("şəhər mərkəzində")
    assert untranslated("müşteri için değil")
    assert not untranslated("a site near the station")
    assert in_english("took 3 kids after school, back at 5") == "took 3 kids after school, back at 5"
    assert "still looking for site" in in_english("hələ də site axtarır")


def test_a_day_after_the_promise_that_belongs_to_someone_else_is_not_its_deadline():
    from bot.domain.quickadd import parse_met

    parsed = parse_met(
        "Mele Tauiliili of Apia Park Hotel at Chamber lunch on 2026-12-03: GM. promised rough costs for "
        "the 2 cabins by Thu 7 Jan, trustees sit late Jan. away till 4 Jan",
        dt.date(2026, 12, 6),
        "WS",
    )
    assert parsed.promise_due == dt.date(2027, 1, 7), parsed
    assert parsed.promise == "send rough costs for the 2 cabins", parsed.promise


def test_a_thing_your_offer_titles_share_is_your_work_never_an_introduction():
    from bot.domain.talking_points.models import OfferFacts

    offers = [
        OfferFacts(1, "Storm checklist for garden cabins", None, ("#storm",)),
        OfferFacts(2, "Case study: 6 garden cabins rebuilt at a lodge", None, ("#casestudy",)),
    ]
    owner = met_contact(
        2, "Sefa Lemalu", "Lemalu Lodge", "has 6 garden cabins, two roofs leaking", met=MET, today=TODAY
    )
    seeker = met_contact(
        3,
        "Iosefa Tui",
        "Tui Youth Trust",
        "wants a garden cabin for the youth group, ~30 ppl",
        met=MET,
        today=TODAY,
    )
    for one, other in ((owner, seeker), (seeker, owner)):
        text = coach(one, TODAY, offers=offers, others=[other]).reason.text
        assert "Introduce" not in text and other.name.split()[0] not in text, text


def test_german_waits_promises_requests_and_decisions_are_read():
    from bot.domain.quickadd import parse_met

    wait = read_case("Treuhandbüro, bitte erst ab dem 12.1. anrufen, Inventur", MET, None, None, TODAY)
    assert wait.wait_until == dt.date(2027, 1, 12), wait
    parsed = parse_met(
        "Anna Frick of Frick Bau AG at Gewerbeapéro on 2026-12-03: GF. hab ihm versprochen die Preisliste "
        "bis Mi 16.12. zu schicken",
        dt.date(2026, 12, 6),
        "LI",
        day_first=True,
    )
    assert parsed.promise == "send him the Preisliste" and parsed.promise_due == dt.date(2026, 12, 16), parsed
    asked = read_case("Hotel", MET, "braucht eine Offerte bis 14. Januar fürs Budget", TODAY, TODAY)
    assert asked.deliver is not None and asked.deliver.theirs and asked.deliver.by == dt.date(2027, 1, 14)
    assert "quote" in asked.deliver.thing, asked.deliver
    decided = read_case("Stiftung", MET, "Stiftungsrat entscheidet am 21.12., dann Rückmeldung", TODAY, TODAY)
    assert decided.decision_on == dt.date(2026, 12, 21), decided
    assert "Thu 17.12." in in_english("Termin am Do 17.12. um 10")
    assert in_english("cjenovnik do 17.12") == "price list by 17.12"


def test_papers_they_need_from_you_by_a_day_are_their_request():
    case = read_case(
        "grants officer",
        MET,
        "can add us to the approved builders list, need copy of trade licence + 4 photos of finished jobs by Fri 29 Jan",
        TODAY,
        TODAY,
    )
    assert case.deliver is not None and case.deliver.theirs and case.deliver.by == dt.date(2027, 1, 29)
    assert "trade licence" in case.deliver.thing, case.deliver
    mine = read_case("grants officer", MET, "I need copy of their floor plan first", TODAY, TODAY)
    assert mine.deliver is None or not mine.deliver.theirs, mine.deliver


def test_an_answer_they_need_by_a_day_comes_before_what_they_asked_for():
    contact = met_contact(
        4,
        "Losa Vaifale",
        "Uni Business School",
        "lecturer in entrepreneurship",
        met=MET,
        today=TODAY,
        call="wants a guest talk for his students in March, how we started out. needs a yes/no by 12 Jan for the syllabus",
    )
    reason = coach(contact, TODAY).reason.text
    assert "a yes or no on a guest talk for his students" in reason and "12 Jan" in reason, reason


def test_swiss_german_waits_holidays_and_callbacks_are_read():
    away = read_case("Zahnarztpraxis. 22.12.–4.1. Skiferien Davos", MET, None, None, dt.date(2026, 12, 23))
    assert away.wait_until == dt.date(2027, 1, 5), away
    early = read_case("Praxis im Dorf, nie vor 10:30 aalüüte", MET, None, None, TODAY)
    assert early.heed and "before 10:30" in early.heed[0], early
    day, words = notes_follow_up("Preisliste chunnt nach Neujohr, er lüütet zrugg", TODAY)
    assert day.year == 2027 and "New Year" in words, (day, words)


def test_what_they_asked_for_by_a_day_long_gone_ranks_like_a_late_promise():
    from bot.domain.digest_view import digest_rank

    day = dt.date(2027, 1, 11)
    asked = met_contact(
        5,
        "Rahel Tekle",
        "Tekle Haulage",
        "ops. quote for 9 drivers by Fri 11 Dec!! takes it to her GM",
        met=dt.date(2026, 11, 1),
        today=day,
    )
    quiet = met_contact(
        4, "Yonas Berhe", "Berhe Salt", "card only", met=dt.date(2026, 11, 1), today=day, days=40
    )
    assert digest_rank(asked, day) < digest_rank(quiet, day)


def test_a_visit_any_day_after_a_date_is_no_meeting_booked():
    from bot.domain.talking_points.noted_meeting import noted_meeting

    said_on = dt.date(2026, 12, 20)
    assert (
        noted_meeting(("scope fine. site visit any day after 12 Jan, he arranges the pass", said_on)) is None
    )
    assert noted_meeting(("site visit Thu 14 Jan 9am at gate 2", said_on)) == dt.date(2027, 1, 14)


def test_a_promise_followed_by_her_own_day_in_spanish_keeps_its_own_deadline():
    from bot.domain.quickadd import parse_met

    parsed = parse_met(
        "Rosa Ndong of Clínica Esperanza at Foro Salud on 2026-11-18: le prometí cotización ANTES del mar 22/12, "
        "ella cierra las cuentas el 23",
        dt.date(2026, 12, 6),
        "GQ",
        day_first=True,
    )
    assert parsed.promise_due == dt.date(2026, 12, 22) and "ella" not in parsed.promise, parsed


def test_a_thing_with_an_article_of_another_language_or_my_reads_in_english():
    case = read_case(
        "farmacia", MET, "bien. I'll get her el libro de registro + etiquetas by Fri 18 Dec", TODAY, TODAY
    )
    assert case.deliver.action == "get her the libro de registro + etiquetas", case.deliver
    mine = met_contact(
        7, "Lulu Remengesau", "Koror Hotel", "HR", met=MET, today=TODAY, call="asked my day rate by Fri"
    )
    text = coach(mine, TODAY).reason.text
    assert "our day rate" in text and "my day rate" not in text, text


def test_a_sisters_title_is_never_her_name():
    contact = met_contact(
        8, "Sor Benedicta Mangue", "Dispensario San Juan", "lleva la farmacia", met=MET, today=TODAY
    )
    opener = coach(contact, TODAY).opener
    assert "Hi Sor," not in opener and "Benedicta" in opener, opener


def test_call_then_after_a_day_is_the_day_to_call():
    day, words = notes_follow_up("on leave from 18 Dec, office reopens Tue 5 Jan — call then", TODAY)
    assert day == dt.date(2027, 1, 5), (day, words)


def test_frying_oil_in_other_languages_is_the_same_product():
    from bot.domain.talking_points.markets import market_need  # noqa: F401  (the product table loads)
    from seeds import vocabulary

    products = [p for p in vocabulary()["product"] if p["name"] == "used cooking oil"]
    assert {"freidora", "friture", "frittura"} <= set(products[0]["words"])


def test_a_referrer_who_passed_you_the_number_needs_no_introduction_first():
    from bot.domain.talking_points import ContactFacts

    for notes in (
        "not spoken yet. Aster says he runs 30 trucks. number saved from Aster",
        "Aster gave me his number",
    ):
        contact = ContactFacts(
            9, "Dawit Haile", "Haile Transport", met_on=MET, notes=notes, referred_by="Aster Kidane"
        )
        reason = coach(contact, TODAY).reason.text
        assert "passed you the number" in reason and "introduction first" not in reason, reason


def test_the_first_week_of_a_month_typed_short_is_that_week_not_its_first_day():
    notes = (
        "yes in principle for 8 staff. GM signs off the training budget 1st wk Jan, then she confirms dates"
    )
    case = read_case("HR", MET, notes, TODAY, TODAY)
    assert case.decision_on == dt.date(2027, 1, 4), case


def test_west_african_french_asks_and_leaves_are_read():
    case = read_case(
        "elle me demande une proposition écrite AVANT LE 30 déc pr son comité", MET, None, None, TODAY
    )
    assert case.deliver is not None and case.deliver.theirs and case.deliver.by == dt.date(2026, 12, 30), case
    assert case.deliver.thing == "the written proposal", case.deliver
    assert "on leave from 23 Dec, back on 11 Jan" in in_english(
        "en congé à partir du 23 déc, retour le 11 janv"
    )


def test_caribbean_english_waits_promises_and_wants_are_read():
    wait = read_case("deaconess, seh doh call she before Mon 4 Jan", MET, None, None, TODAY)
    assert wait.wait_until == dt.date(2027, 1, 4), wait
    promised = read_case(
        "landlord", MET, "nice chat. I promise she a price list fuh the flats by Fri 18 Dec", TODAY, TODAY
    )
    assert promised.deliver is not None and not promised.deliver.theirs, promised
    assert promised.deliver.action == "send her a price list for the flats", promised.deliver


def test_a_meeting_of_theirs_is_no_meeting_with_you():
    from bot.domain.talking_points.noted_meeting import noted_meeting

    said_on = dt.date(2026, 12, 20)
    assert (
        noted_meeting(("reached: Heritage Board meeting Thu 14 Jan, she needs the survey by then", said_on))
        is None
    )
    assert noted_meeting(("she meeting the tenants Sat 9th", said_on)) is None
    assert noted_meeting(("booked a site meeting Thu 14 Jan 9am", said_on)) == dt.date(2027, 1, 14)


def test_waiting_on_a_budget_is_no_request_of_yours():
    case = read_case(
        "council", MET, "pilot waiting on Budget 2027, get on the approved list first", TODAY, TODAY
    )
    assert case.deliver is None or "Budget" not in case.deliver.thing, case.deliver


def test_when_to_call_is_never_the_topic_of_the_call():
    day = dt.date(2027, 1, 5)
    contact = met_contact(
        9, "Yvette Gomes", "St Luke's", "deaconess. nights at the ward so afternoons only", met=MET, today=day
    )
    reason = coach(contact, day).reason.text
    assert "afternoons only" not in reason, reason
