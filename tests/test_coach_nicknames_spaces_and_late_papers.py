"""Rounds 167–170's classes (SPEC §14 and §4), in wordings of our own: "call her Nana" says how to greet
her, never what to talk about; "he'll WhatsApp the serial numbers" is something they owe you; a yard
that is "30% empty" meets someone asking where to keep their containers, and a guesthouse with empty
rooms meets a tour firm hunting for homestays ("wants more guests in winter" is custom to win, never
a thing they asked you for); "rappeler après le 20" and "no llamar antes del 22" are those days of
the month; an e-mail that only said hello and that the price list is "coming" leaves the request
open; a /met day written in French or Spanish ("on 4 déc", "el 2 dic") is read. Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.call_text import notes_follow_up
from bot.domain.cue_words import in_english
from bot.domain.quickadd import parse_met
from bot.domain.talking_points.case import read_case
from tests.coach_helpers import coach, met_contact

MET = dt.date(2026, 11, 26)
TODAY = dt.date(2026, 12, 15)


def _c(n, name, company, notes, call=None, outcome="reached", days=5):
    return met_contact(n, name, company, notes, met=MET, today=TODAY, call=call, outcome=outcome, days=days)


def test_call_her_by_a_nickname_is_no_topic():
    contact = _c(1, "Abena Owusu", "Owusu Mills", "call her Nana. cassava mill, the dryer stops twice a week")
    points = coach(contact, TODAY)
    assert "call her" not in points.reason.text, points.reason.text
    assert "dryer" in points.reason.text, points.reason.text


def test_what_they_will_whatsapp_you_is_theirs_to_send():
    contact = _c(
        2,
        "Kofi Mensah",
        "Mensah Foods",
        "bottling line, seals leak",
        call="leak is at the filler head. he'll WhatsApp the serial numbers tomorrow",
    )
    reason = coach(contact, TODAY).reason.text
    assert "serial numbers" in reason and "Kofi said he would send" in reason, reason


def test_a_half_empty_yard_meets_someone_with_containers_to_keep():
    yard = _c(
        3, "Lina Haddad", "Haddad Depot", "bonded yard by the port, ~30% empty since summer. wants tenants"
    )
    importer = _c(
        4,
        "Omar Saleh",
        "Saleh Machines",
        "presses arriving Jan, 2 cntrs. asked where to store the containers",
    )
    one = coach(yard, TODAY, others=[importer]).reason.text
    other = coach(importer, TODAY, others=[yard]).reason.text
    assert "Omar Saleh" in one and "introduction" in one, one
    assert "Lina Haddad" in other, other


def test_a_guesthouse_with_empty_rooms_meets_a_tour_firm_after_homestays():
    house = _c(
        5, "Dechen Wangmo", "Wangmo Guesthouse", "6 rms, rooms empty in winter, wants more guests in winter"
    )
    tours = _c(6, "Arjun Rai", "Rai Treks", "winter treks, looking for village homestays near the pass")
    one = coach(house, TODAY, others=[tours]).reason.text
    assert "Arjun Rai" in one and "asked you for" not in one, one
    assert read_case(house.notes, MET, None, None, TODAY).deliver is None


def test_a_bare_day_after_a_french_or_spanish_cue_is_that_day():
    assert in_english("rappeler après le 20") == "call back after the 20"
    assert notes_follow_up(in_english("sur le chantier, rappeler après le 20"), TODAY)[0] == dt.date(
        2026, 12, 21
    )
    assert in_english("no llamar antes del 22") == "don't call before the 22"
    assert in_english("appeler avant 10h") == "appeler before 10h"  # an hour stays an hour
    assert in_english("devis avant le 20 déc") == "quote before 20 Dec"


def test_an_email_that_only_says_the_paper_is_coming_leaves_the_request_open():
    contact = _c(
        7,
        "Sofia Brandt",
        "Brandt Hotel",
        "asked for our rate sheet + photos of past jobs by 18 Dec, her owner signs off then",
        call="sent hello, said rate sheet coming - still finishing 2027 prices",
        outcome="emailed",
        days=8,
    )
    reason = coach(contact, TODAY).reason.text
    assert "rate sheet" in reason and "Fri 18 Dec" in reason, reason
    assert "hello" not in reason, reason


def test_a_met_day_in_french_or_spanish_is_read():
    for text, day in (
        ("Idriss Mahamat of Ets Mahamat at Salon BTP on 4 déc: ok", dt.date(2026, 12, 4)),
        ("Ana Vela of Vela SL at Feria on 2 dic.: ok", dt.date(2026, 12, 2)),
        ("Jo Kent of Kent Ltd at Expo on 28 novembre: ok", dt.date(2026, 11, 28)),
    ):
        parsed = parse_met(text, TODAY)
        assert parsed.met_on == day and "déc" not in (parsed.event or ""), (text, parsed)
    assert parse_met("Ola Berg of Berg AS at Mess 3 days ago: ok", TODAY).met_on == dt.date(2026, 12, 12)


def test_end_of_a_month_in_french_is_when_to_call_back():
    said = in_english("chantier en pause, rappeler fin janv quand le gros œuvre reprend")
    assert "end of Jan" in said, said
    assert notes_follow_up(said, TODAY)[0] == dt.date(2027, 1, 25)
    assert in_english("fin director, wants our rates") == "fin director, wants our rates"  # finance, no month
    assert "found elsewhere" in in_english("bétonnière trouvée ailleurs")


def test_a_need_still_in_french_is_never_put_into_an_english_sentence():
    contact = _c(8, "Zara Mahamat", "Mahamat Traiteur", "traiteur, cherche du mil en gros pr les fêtes")
    points = coach(contact, TODAY)
    assert "needs du" not in points.reason.text and "needing du" not in points.opener, points.reason.text
    english = _c(9, "Zoe Marsh", "Marsh Catering", "caterer, needs millet in bulk for the holidays")
    assert "millet" in coach(english, TODAY).reason.text


def test_an_invitations_day_in_french_is_its_day():
    from bot.services.offers import parse_offer

    offer = parse_offer("Atelier pompes — mer. 13 janv. 2027, 9h, notre dépôt #event #pompes", TODAY)
    assert offer.ends_on == dt.date(2027, 1, 13), offer


def test_a_promised_quote_never_ends_on_a_dangling_word():
    parsed = parse_met(
        "Léa Morel of Morel SARL at Salon PME on 1 déc: veut devis 3 imprimantes. promis devis avant ven 11/12",
        TODAY,
        "FR",
        True,
    )
    assert parsed.promise == "send a quote" and parsed.promise_due == dt.date(2026, 12, 11), parsed


def test_a_day_said_as_an_ordinal_without_the_is_that_day():
    said = in_english("stocktake all week, said ring after 16th")
    assert notes_follow_up(said, TODAY)[0] == dt.date(2026, 12, 17), said
    assert in_english("call back by 3rd Jan") == "call back by 3rd Jan"  # its month is said
