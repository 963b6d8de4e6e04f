"""Round 86's classes (SPEC §14), in wordings of our own: someone who wants proof you have done it
before gets a case study of yours; "not really our thing" rules out every offer but an invitation;
"X fine for now" rules out offers about X; what they already have ("loved the checklist") or were
sent on an earlier call is not offered again; a request due in days that waits on their drawings is
a call to get the drawings; an article titled "Topic — why …" is named by its topic. Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.talking_points import ContactFacts, OfferFacts
from bot.domain.talking_points.phrases import offer_name
from bot.domain.vocabulary import Stage
from tests.coach_helpers import coach

TODAY = dt.date(2026, 12, 21)
STORY = OfferFacts(
    1, "Case study: relining a bakery floor over one weekend", None, ("#casestudy", "#flooring")
)
GUIDE = OfferFacts(2, "Floor coatings checklist for food plants", None, ("checklist", "flooring", "coatings"))
DAY = OfferFacts(
    3,
    "Open day at our Almaty depot, Thu 14 Jan 2027",
    None,
    ("#invitation", "#flooring"),
    dt.date(2027, 1, 14),
)


def _contact(notes, **more):
    return ContactFacts(1, "Dina Amanova", "Amanova Foods", met_on=dt.date(2026, 11, 20), notes=notes, **more)


def test_wanting_proof_gets_a_case_study():
    points = coach(
        _contact("plant manager. wants proof we've done this before on a live line"),
        TODAY,
        offers=[GUIDE, STORY],
    )
    assert "case study" in points.reason.text or "story" in points.reason.text, points.reason.text


def test_not_really_our_thing_rules_out_every_offer_but_an_invitation():
    points = coach(
        _contact("wants new shelving for the cold room floor. not really our thing."), TODAY, offers=[GUIDE]
    )
    assert "checklist" not in points.reason.text, points.reason.text


def test_fine_for_now_rules_out_offers_about_it():
    points = coach(
        _contact("coatings fine for now, maybe next year. wants a bigger dispatch bay"), TODAY, offers=[GUIDE]
    )
    assert "checklist" not in points.reason.text, points.reason.text


def test_what_they_already_have_is_not_offered_again():
    contact = _contact(
        "floors in a bad way",
        stage=Stage.ACTIVE,
        last_outcome="voicemail",
        last_contact_on=dt.date(2026, 12, 15),
        last_call_on=dt.date(2026, 12, 15),
        last_call_notes="left a message",
        earlier_call_on=dt.date(2026, 12, 8),
        earlier_call_notes="loved the coatings checklist, passed it round the team",
    )
    points = coach(contact, TODAY, offers=[GUIDE])
    assert "checklist" not in points.reason.text, points.reason.text


def test_a_request_due_soon_that_waits_on_their_drawings_is_a_call_to_get_them():
    contact = _contact(
        "wants a price per m2 for the dispatch floor before 23 Dec, it goes in the 2027 budget",
        stage=Stage.ACTIVE,
        last_outcome="voicemail",
        ever_reached=True,
        last_contact_on=dt.date(2026, 12, 16),
        last_call_on=dt.date(2026, 12, 16),
        last_call_notes="chasing the floor plans, nothing yet",
    )
    points = coach(contact, TODAY, offers=[])
    assert "floor plans" in points.reason.text and "today" in points.reason.text, points.reason.text


def test_an_article_titled_topic_dash_why_is_named_by_its_topic():
    assert (
        offer_name("Cracked screeds — why they appear and what to do first", "offer")
        == "our piece on cracked screeds"
    )


def test_seeing_one_for_himself_gets_the_invitation_to_see_one():
    contact = _contact("won't take it to the board until she's seen one of our floors in action")
    points = coach(contact, TODAY, offers=[DAY])
    assert "Thu 14 Jan" in points.reason.text or "open day" in points.reason.text, points.reason.text


def test_a_promise_before_the_inspector_comes_takes_the_day_the_inspector_comes():
    from bot.domain.talking_points.case import read_case

    day = dt.date(2026, 12, 8)
    found = read_case(
        None,
        None,
        "auditor coming Thu 17 Dec. I'll send her our floor-care log and two dates for a walk-round before the auditor comes",
        day,
        day,
    ).deliver
    assert found.by == dt.date(2026, 12, 17) and found.thing.endswith("dates for a walk-round"), found


def test_a_contract_that_auto_renews_is_their_deadline():
    from bot.domain.talking_points.case_timing import decision_noun

    assert (
        decision_noun("current contract auto-renews 28 Feb, wants to compare before then")
        == "the contract renewal"
    )


def test_power_cuts_are_no_energy_bill():
    story = OfferFacts(9, "Case study: a hotel cut its power bill by 30%", None, ("#casestudy", "#energy"))
    contact = _contact("guests stuck in the lifts during power cuts twice this summer")
    points = coach(contact, TODAY, offers=[story])
    assert "power bill" not in points.reason.text, points.reason.text


def test_a_think_about_which_keeps_what_it_is_about():
    from bot.domain.talking_points.case import read_case

    day = dt.date(2026, 12, 8)
    found = read_case(
        None,
        None,
        "short e-mail, said I'd have a think about which caterers to put her in touch with",
        day,
        day,
    )
    assert found.deliver is not None and found.deliver.action.endswith(
        "which caterers to put her in touch with"
    )


def test_what_went_out_keeps_its_hyphenated_words_and_drops_who_it_went_to():
    contact = _contact(
        "owner, 2 shops",
        last_outcome="emailed",
        last_contact_on=dt.date(2026, 12, 9),
        last_call_on=dt.date(2026, 12, 9),
        last_call_notes="sent our price sheet + after-sales terms to Arman as Dina asked",
    )
    points = coach(contact, TODAY)
    assert "after-sales terms" in points.reason.text and "Arman" not in points.reason.text, points.reason.text
