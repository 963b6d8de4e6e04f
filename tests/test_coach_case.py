"""The coach's judgement (SPEC §14) through the real app: signed slash commands, the dispatcher's
digest and /prep, on SQLite and PostgreSQL. One test per row of §14's table that the case reader
decides (a time they set, something they asked for by a date, a step the user took on, a decision
day, a meeting nobody confirmed) and for the words (a title is not a name). Wordings are new: not
the issue's examples nor any scenario's.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.story_helpers import Story, block_text, has_button, text_of
from tests.world import never_said, settle

D = dt.date
TUE = D(2026, 11, 24)


@pytest.fixture
def s(world):
    story = Story(world)
    story.on(TUE)
    yield story
    settle(world)
    assert [e for shown in world.double.seen for e in shown.errors] == []
    assert never_said(world.double.seen) == []


def contact_id(body: dict) -> int:
    for block in body.get("blocks", []):
        for element in block.get("elements", []):
            if element.get("action_id", "").startswith("met_") and str(element.get("value", "")).isdigit():
                return int(element["value"])
    raise AssertionError(f"no contact id in {body}")


def reason(body: dict) -> str:
    return block_text(body, "prep_reason")


def test_a_time_they_set_keeps_them_out_and_prep_says_not_yet(s):
    s.met("Noor Haddad of Brightpath at Supply Summit yesterday: runs procurement for three plants")
    logged = text_of(s.called("noor reached: off on parental leave, do not ring before 11 Jan"))
    assert "Mon 11 Jan" in logged  # that day itself, not two days before it

    s.on(D(2026, 12, 2))
    prep = s.prep("noor")
    assert "Not yet" in reason(prep) and "Mon 11 Jan" in reason(prep)
    assert "good moment" not in text_of(prep)  # no call script for today
    digest = s.digest()
    assert digest is None or "Noor" not in digest.text


def test_their_request_with_a_date_is_delivered_first_and_nudged_well_before_it(s):
    s.met("Keiko Sato of Harbor Freight Co at Supply Summit yesterday: moving warehouses in spring")
    logged = text_of(
        s.called("keiko reached: asked for our data-retention policy before her audit on the 10th")
    )
    # two working days on (Thanksgiving skipped), well before Thu 10 Dec, never on it
    assert "Fri 27 Nov" in logged and "Thu 10 Dec" in logged

    s.on(D(2026, 12, 9))
    prep = s.prep("keiko")
    assert "data-retention policy" in reason(prep) and "Thu 10 Dec" in reason(prep)
    digest = s.digest()
    assert digest is not None and "data-retention policy" in digest.text


def test_a_step_the_user_took_on_in_a_call_is_a_promise_with_its_day(s):
    s.met("Lars Eklund of Norrhamn at Supply Summit yesterday: evaluating routing software")
    s.called("lars reached: good chat. I'll send him the onboarding timeline by Thursday")

    s.on(D(2026, 11, 25))
    prep = s.prep("lars")
    assert "onboarding timeline" in reason(prep) and "Lars" in reason(prep)
    assert has_button(prep, "story_promise_kept")  # a promise: Done closes it everywhere
    assert "Pick up the thread" not in reason(prep)


def test_a_decision_day_is_helped_before_and_asked_about_after(s):
    s.met("Mo Farah-Lind of Vireo at Supply Summit yesterday: weighing two freight platforms")
    s.called("mo reached: demo went fine; their steering group votes on 14 Dec")

    s.on(D(2026, 12, 8))
    before = reason(s.prep("mo"))
    assert "14 Dec" in before and "how it went" not in before
    assert "plainly" not in before and "straight answer" not in before  # no "does it go ahead?" yet

    s.on(D(2026, 12, 16))
    after = reason(s.prep("mo"))
    assert "how it went" in after and "14 Dec" in after


def test_titles_pronouns_and_credentials_are_never_a_first_name(s):
    s.met("Dr. Amara Osei (she/her) of Lumen Labs at Supply Summit yesterday: building a cold-chain pilot")
    s.met("Prof. Jan de Vries, PhD of TU Delft at Supply Summit yesterday")
    s.on(D(2026, 12, 1))
    for name, first in (("amara", "Amara"), ("jan de vries", "Jan")):
        shown = text_of(s.prep(name))
        assert f"Hi {first}" in shown or f"Ask {first}" in shown, shown
        for wrong in ("Hi Dr.", "Ask Dr.", "Hi Prof.", "Ask Prof.", "Hi Dr,", "she/her"):
            assert wrong not in shown


def test_a_meeting_date_in_numbers_reads_in_the_users_order(s):
    s.met("Ines Park of Harbor Freight Co at Supply Summit yesterday: comparing two carriers")
    logged = text_of(s.called("ines meeting 12/10: walkthrough with her ops lead"))
    assert "Thu 10 Dec" in logged  # New York writes the month first


def test_numeric_dates_in_day_first_countries():
    from bot.domain.dates import numeric_in_order

    sun = D(2026, 12, 6)
    assert numeric_in_order("10.12: walkthrough", sun, True, ahead=True) == "2026-12-10: walkthrough"
    assert numeric_in_order("02/12/2026", sun, True) == "2026-12-02"
    assert (
        numeric_in_order("20/11: the 3/4 plan", sun, True) == "20/11: the 3/4 plan"
    )  # one reading; notes stay


def test_what_the_notes_say_is_going_on_is_said_in_its_own_sentence(s):
    s.met(
        "Ines Faro of Moinho Hotel at Supply Summit yesterday: GM. The laundry's tumble dryer keeps breaking down in high season"
    )
    s.met(
        "Olu Bank of Greenway at Supply Summit yesterday: ops lead. He needs a temporary generator for the March festival"
    )
    s.on(D(2026, 12, 1))
    problem = reason(s.prep("ines"))
    assert "the laundry's tumble dryer keeps breaking down in high season" in problem and "idea" in problem
    need = s.prep("olu")
    assert "needs a temporary generator for the March festival" in reason(need)
    assert "Hi Olu" in text_of(need) and "needing a temporary generator" in text_of(need)  # said to him
    assert "your note says" not in reason(need)


def test_an_introducer_is_thanked_and_an_email_you_sent_is_followed_up(s):
    s.met("Kemi Ade of Northpoint at Supply Summit yesterday: runs a facilities consultancy")
    s.met("Lars Holm of Bayside at Supply Summit yesterday via Kemi Ade: site manager at two depots")
    s.met("Tova Berg of Quayline at Supply Summit yesterday: fleet manager")
    s.called("tova emailed: sent our depot-audit checklist")
    s.on(D(2026, 12, 1))
    kemi = s.prep("kemi")
    assert "Lars" in text_of(kemi) and "thank" in text_of(kemi).lower()
    tova = s.prep("tova")
    assert "depot-audit checklist" in reason(tova) and "our call" not in text_of(tova)


def test_a_time_of_day_a_booked_meetings_note_and_a_referral_never_met(s):
    s.met("Ilse Brandt of Kantine Nord at Supply Summit yesterday: runs staff canteens for two plants")
    logged = text_of(s.called("ilse later: in the middle of the lunch rush, ring her after 3pm on a weekday"))
    assert "Wed 25 Nov" in logged  # the next working day, not weeks away
    s.on(D(2026, 11, 25))
    prep = s.prep("ilse")
    assert "after 3pm" in text_of(prep)
    assert "I have something" not in text_of(prep)  # no promise of a thing it does not name

    s.met("Oskar Lind of Lind Bakeries at Supply Summit yesterday: four bakeries, ovens are old")
    s.called("oskar meeting 2026-12-03: tour of the Malmö bakery at 9, bring the energy figures")
    prep = s.prep("oskar")
    assert "tour of the Malmö bakery at 9" in reason(prep)
    assert 'your note "four bakeries' not in reason(prep)

    s.met("Pia Berg of Berg Mills referred by Oskar Lind: owns two flour mills")
    prep = s.prep("pia")
    assert "since you met" not in text_of(prep) and "Oskar" in reason(prep)


def test_what_they_said_they_would_send_is_the_next_calls_subject(s):
    s.met("Hedda Moe of Fjord Cabins at Supply Summit yesterday: twelve cabins, mould in two of them")
    s.called("hedda reached: the mould is behind the bathroom panels; she'll send photos of the worst cabin")
    s.on(D(2026, 12, 1))
    prep = s.prep("hedda")
    assert "the photos of the worst cabin" in reason(prep) and "Hedda" in reason(prep)
    assert " they would" not in reason(prep)  # she, from "she'll send"
    assert text_of(prep).count("the photos of the worst cabin") >= 3  # reason, opener and voicemail


def test_what_your_email_asked_them_for_is_chased_and_a_bare_thing_sent_is_ours(s):
    s.met("Rune Dahl of Dahl Bygg at Supply Summit yesterday: runs six rental blocks; heating bills doubled")
    s.called("rune emailed: quick thanks, asked him for last winter's meter readings")
    s.met("Siv Aas of Aas Dairy at Supply Summit yesterday: plant manager")
    s.called("siv reached: estimate sent, good talk")
    s.on(D(2026, 12, 1))
    prep = s.prep("rune")
    assert "last winter's meter readings" in reason(prep) and "Thank you for offering" not in text_of(prep)
    prep = s.prep("siv")
    assert "Siv estimate" not in text_of(prep) and "our estimate" in text_of(prep)


def test_a_decision_day_from_meeting_them_brings_the_next_call_before_it(s):
    s.met(
        "Lotte Ahn of Ahn Tiles at Supply Summit yesterday: the board chooses a glaze supplier on Thu 10 Dec"
    )
    logged = text_of(s.called("lotte reached: samples delivered, she liked the matte finish"))
    assert "Tue 8 Dec" in logged and "Thu 10 Dec" in logged  # two working days before, not weeks after
    s.on(D(2026, 12, 8))
    digest = s.digest()
    assert digest is not None and "Lotte" in digest.text
    assert "decision" in reason(s.prep("lotte")).lower()


def test_a_digest_line_with_their_date_shows_no_overdue_count_beside_it(s):
    s.met("Yara Costa of Costa Labs at Supply Summit yesterday: lab manager for two sites")
    s.called("yara reached: asked for our insurance certificate before the audit on Fri 11 Dec")
    s.on(D(2026, 12, 3))
    digest = s.digest()
    assert digest is not None and "insurance certificate" in digest.text
    line = next(part for part in digest.text.split("\n") if "Yara" in part and "·" in part)
    assert "overdue" not in line and "due today" in line


def test_before_christmas_is_a_deadline(s):
    s.met("Nell Park of Park Dental at Supply Summit yesterday: two clinics")
    logged = text_of(s.called("nell reached: needs something to show her partners before Christmas"))
    assert "Wed 23 Dec" in logged
    s.met("Ola Berg of Berg Homes at Supply Summit yesterday: builds ten houses a year")
    logged = text_of(s.called("ola reached: our quote is still needed before 2026-12-28"))
    assert "Thu 24 Dec" in logged  # 25 Dec is a holiday: the nudge moves back, never onto their date


def test_a_need_for_what_your_client_stories_show_you_do_is_never_an_introduction(s):
    s.prep(
        "offer add Case study: re-roofing a school gym over the summer https://x.example/gym #casestudy #roofing #schools"
    )
    s.met(
        "Pål Moe of Moe Eiendom at Supply Summit yesterday: property manager; needs roofing quotes for two warehouses"
    )
    s.met("Siri Dahl of Dahl Lager at Supply Summit yesterday: would like roofing done by one firm")
    prep = s.prep("pål")
    assert "Siri" not in reason(prep)  # another buyer of what you sell is no introduction


def test_a_need_nothing_fits_is_worded_from_the_users_offers_and_a_proposal_waits_for_its_day(s):
    s.prep(
        "offer add Checklist: descaling boilers before the heating season https://x.example/b #descaling #checklist"
    )
    s.met(
        "Rhea Olsen of Fjordhus at Supply Summit yesterday: estates lead. Needs someone to service the boilers in the east wing"
    )
    s.met("Piet Maas of Maasbouw at Supply Summit yesterday: wants a florist for the opening party")
    s.met(
        "Ida Kron of Kronlag at Supply Summit yesterday: asked for a price to replace the boiler flues by 18 Dec"
    )
    s.called("ida emailed: said hello, suggested a site visit next week")

    s.on(D(2026, 12, 2))
    rhea, piet, ida = s.prep("rhea"), s.prep("piet"), s.prep("ida")
    assert "close to the work behind our checklist" in reason(rhea)
    assert "first idea" not in text_of(rhea)
    assert "outside what you do" in reason(piet)
    assert "proposed a site visit on the way to a price" in reason(ida) and "a price" in reason(ida)
    assert "a day that suits" in text_of(ida)


def test_busy_with_their_words_is_an_answered_call_and_a_no_is_their_answer(s):
    s.met("Vera Lind of Lindtrans at Supply Summit yesterday: fleet manager, 40 vans")
    s.met("Cato Berg of Bergbygg at Supply Summit yesterday: site lead")
    logged = text_of(s.called("vera busy: she said she's flat out this week, try Thursday"))
    assert "Later" in logged and "Thu 26 Nov" in logged
    s.called("cato no: happy with the crew they have, maybe next year")

    s.on(D(2026, 11, 26))
    vera, cato = s.prep("vera"), s.prep("cato")
    assert "unanswered" not in text_of(vera) and "flat out" not in reason(vera)
    assert "said no" in text_of(cato) and "maybe next year" in text_of(cato)


def test_an_email_that_says_the_promised_thing_went_closes_the_promise(s):
    s.met("Liis Org of Rannaspa at Supply Summit yesterday: spa manager")
    s.called("liis reached: I'll get her the rate card + delivery times by Friday")
    logged = text_of(s.called("liis emailed: sent rate card + delivery times (3-4 wks)"))
    assert "marked kept" in logged
    s.on(D(2026, 11, 27))
    prep = s.prep("liis")
    assert "keep my word" not in text_of(prep) and not has_button(prep, "story_promise_kept")


def test_an_email_after_a_call_never_hides_what_the_call_said(s):
    s.met("Ilse Stark of Harbour Arena at Supply Summit yesterday: ops director, arena and two pools")
    s.called("ilse reached: the board picks the supplier on Thu 10 Dec, she wants our offer before then")
    s.on(D(2026, 11, 26))
    s.called("ilse emailed: sent the offer, 12 months, monthly visits")
    s.on(D(2026, 12, 8))
    prep = s.prep("ilse")
    assert "Thu 10 Dec" in text_of(prep) and "decision" in reason(prep).lower()


def test_a_call_after_an_email_after_a_call_is_logged_and_undone(s):
    s.met("Jon Pike of Clinic North at Supply Summit yesterday: nursing lead, wants sample sets to try")
    s.called("jon reached: two sets each size, must be at the clinic by Thu 3 Dec")
    s.on(D(2026, 11, 26))
    s.called("jon emailed: samples couriered this morning")
    s.on(D(2026, 12, 9))
    logged = s.called("jon reached: nurses wearing them through Christmas, feedback first week of Jan")
    assert "Reached" in text_of(logged) and "Mon 4 Jan" in text_of(logged)
    undone = s.click(logged, "called_undo")
    assert "undid" in text_of(undone).lower() or "undone" in text_of(undone).lower(), text_of(undone)


def test_a_deadline_named_on_a_call_brings_the_next_call_before_it_and_is_named(s):
    s.met("Brigid Nyland of Nyland Cold at Supply Summit yesterday: runs two cold stores")
    logged = text_of(
        s.called("brigid reached: good talk. bids due Thu 10 Dec at noon, she is still collecting references")
    )
    assert "Tue 8 Dec" in logged and "bid deadline" in logged  # two working days before it, never on it
    s.on(D(2026, 12, 8))
    digest = s.digest()
    assert digest is not None and "Brigid" in digest.text
    prep = reason(s.prep("brigid"))
    assert (
        "the bid deadline coming on Thu 10 Dec" in prep and "your note" not in prep.split("Why this one")[0]
    )
    assert "the bid deadline is on Thu 10 Dec" in prep
