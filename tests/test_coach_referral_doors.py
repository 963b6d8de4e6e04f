"""A referral whose door is already open (SPEC §14, "an introducer or referrer"), in wordings of our own:
the referrer's own notes or newest call say they told the contact about you, introduced you, or said to
ring them; or the referral's notes say to use the referrer's name or that the contact expects the call.
Then the coach never asks the referrer for an introduction first: it says to call and name the referrer.
A reported plan ("K. says hes rebuilding the cold store") is what the contact is doing. Pure."""

from __future__ import annotations

import datetime as dt

from bot.domain.talking_points import ContactFacts
from bot.domain.talking_points.situation import situation_of
from bot.domain.talking_points.their_help import referrer_door, referrer_told
from bot.domain.vocabulary import Stage
from tests.coach_helpers import coach

MET = dt.date(2026, 11, 20)
TODAY = dt.date(2026, 12, 10)


def _referral(notes="", name="Pavla Horáková", by="Tomasz Wróbel", n=2):
    return ContactFacts(
        n, name, "Horák Mills", met_on=MET, notes=notes, referred_by=by, stage=Stage.NEW, event="Agri Expo"
    )


def _referrer(notes="", call="", n=1, name="Tomasz Wróbel"):
    return ContactFacts(
        n,
        name,
        "Wróbel Feeds",
        met_on=MET,
        notes=notes,
        stage=Stage.ACTIVE,
        ever_reached=bool(call),
        last_outcome="reached" if call else None,
        last_call_on=TODAY - dt.timedelta(days=3) if call else None,
        last_call_notes=call or None,
    )


def test_the_referrers_call_saying_ring_her_opens_the_door():
    pavla = _referral("mill owner, 3 sites")
    tomasz = _referrer("runs the feed co-op", call="all good. suggested I ring Pavla this week")
    assert referrer_door(pavla, [tomasz]) == "name"
    points = coach(pavla, TODAY, others=[tomasz])
    assert "introduction first" not in points.reason.text, points.reason.text
    assert "Tomasz" in points.reason.text and "suggested" in points.reason.text, points.reason.text


def test_the_referrers_notes_saying_they_briefed_her_count_as_told():
    for said in (
        "briefed Pavla on us already",
        "pavla's expecting our call",
        "intro'd me to Pavla by mail",
        "cc'd me on an email to Pavla",
    ):
        assert referrer_door(_referral(), [_referrer(said)]) == "told", said


def test_a_mention_of_her_without_a_door_still_asks_for_the_introduction():
    for said in ("Pavla left the co-op board", "told Pavla no", "pavla? not sure she buys"):
        assert referrer_door(_referral(), [_referrer(said)]) == "", said
    points = coach(_referral("mill owner"), TODAY, others=[_referrer("Pavla left the co-op board")])
    assert "introduction" in points.reason.text, points.reason.text


def test_another_contact_of_the_same_first_name_is_not_the_referrer():
    stranger = _referrer("said call Pavla", name="Tomasz Nowak", n=3)
    assert referrer_door(_referral(), [stranger]) == ""


def test_the_referrals_own_notes_lend_the_referrers_name():
    for said, door in (
        ("ring her and mention T. when you do", "name"),
        ("say Tomasz sent you", "name"),
        ("use Tomasz's name, she trusts him", "name"),
        ("she's expecting my call after the 10th", "told"),
        ("mentions trade fairs a lot", ""),
    ):
        assert referrer_told(_referral(said)) == door, said


def test_a_reported_plan_is_what_they_are_doing():
    found = situation_of("never met him - K. says hes rebuilding the cold store in spring")
    assert found is not None and found.kind == "doing", found
    assert found.phrase.startswith("rebuilding the cold store"), found
    assert situation_of("says nothing much") is None
