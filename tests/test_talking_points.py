"""Talking points as scenarios: who the contact is decides the reason, and the words stay value-first."""

from __future__ import annotations

import dataclasses
import random
import time
from datetime import date, timedelta

import pytest

from bot.domain.talking_points import (
    ContactFacts,
    OfferFacts,
    TalkingPoints,
    UserFacts,
    best_reason,
    due_words,
    met_when,
    one_line,
    others_index,
    prepare,
    reason_line,
)
from bot.domain.vocabulary import Stage
from bot.services.playbook_files import load_playbook

TODAY = date(2026, 11, 24)  # a Tuesday
SAM = UserFacts("Sam Rivera", phone="+1 415 555 0199", email="sam@rivera.example")
CHECKLIST = OfferFacts(
    7, "Pipeline checklist", url="https://example.com/checklist", topics=("data engineers", "#data")
)
PRICING_GUIDE = OfferFacts(3, "Pricing teardown", topics=("pricing",))
MEETUP = OfferFacts(9, "Data Breakfast Berlin", topics=("#event", "lakehouse"))
VALUE_KINDS = {"offer", "intro", "client_success", "invite"}


@pytest.fixture(scope="module")
def playbook():
    return load_playbook()


@pytest.fixture
def points(playbook):
    def build(contact: ContactFacts, *, offers=(), others=(), user=SAM, **kw) -> TalkingPoints:
        return prepare(
            contact, user=user, offers=list(offers), others=list(others), today=TODAY, playbook=playbook, **kw
        )

    return build


def contact(id: int = 1, name: str = "Jane Doe", **fields) -> ContactFacts:
    return ContactFacts(id=id, name=name, **fields)


def all_texts(p: TalkingPoints) -> list[str]:
    reasons = [p.reason, *p.alternatives]
    texts = [t for r in reasons for t in (r.text, r.why, r.short)]
    texts += [p.opener, p.goal, p.fallback, p.voicemail, p.reassurance.text, p.gap_note or "", one_line(p)]
    return texts


def assert_clean(p: TalkingPoints, playbook) -> None:
    for text in all_texts(p):
        assert playbook.banned_in(text) is None, text
        assert "following up again" not in text.lower()


def test_fresh_event_contact_gets_the_matching_offer_and_the_why_names_both(points, playbook):
    jane = contact(
        company="Acme",
        event="PyCon",
        met_on=TODAY - timedelta(days=1),
        notes="Leads a team of Data Engineers; their nightly pipelines keep breaking",
    )
    p = points(jane, offers=[PRICING_GUIDE, CHECKLIST])
    assert p.reason.kind == "offer"
    assert p.reason.offer_id == 7
    assert '"Pipeline checklist"' in p.reason.why and '"Data Engineers"' in p.reason.why
    assert "our pipeline checklist" in p.reason.text  # the title as a name, not pasted whole
    assert p.reassurance.id == "R7"  # first call after an event: e-mail ahead to make it expected
    assert "PyCon" in p.voicemail and "yesterday" in p.voicemail and SAM.phone in p.voicemail
    assert "Sam Rivera" in p.voicemail
    assert p.gap_note is None and p.days_since_contact == 1
    assert 1 <= len(p.alternatives) <= 2 and all(a.kind != "offer" for a in p.alternatives)
    assert_clean(p, playbook)


def test_referral_never_spoken_to_names_the_referrer_and_asks_for_an_intro(points, playbook):
    omar = contact(
        2, "Omar Haddad", company="Northwind", referred_by="Priya Shah", met_on=TODAY - timedelta(days=2)
    )
    p = points(omar, offers=[CHECKLIST])
    assert p.reason.kind == "referral"
    assert "Priya Shah" in p.reason.text and "introduc" in p.reason.text.lower()
    assert "Priya Shah" in p.reason.why
    assert p.reassurance.id == "R6"
    assert "Priya Shah" in p.opener
    assert_clean(p, playbook)


def test_referral_already_reached_is_not_an_intro_request(points):
    omar = contact(2, "Omar Haddad", referred_by="Priya Shah", last_outcome="reached", stage=Stage.ACTIVE)
    p = points(omar, offers=[CHECKLIST])
    assert p.reason.kind == "referrer_thanks" and "introduc" not in p.reason.text.lower()
    assert p.reassurance.id == "R9"
    thanked = points(dataclasses.replace(omar, referrer_thanked=True), offers=[CHECKLIST])
    assert thanked.reason.kind == "referral" and "introduc" not in thanked.reason.text.lower()


def test_lukewarm_contact_gets_a_gap_note_and_a_value_first_reason(points, playbook):
    lena = contact(
        3,
        "Lena Vogel",
        event="DataCon",
        met_on=TODAY - timedelta(days=200),
        last_contact_on=TODAY - timedelta(days=75),
        last_outcome="reached",
        stage=Stage.ACTIVE,
        notes="moving their warehouse to a lakehouse next year",
    )
    p = points(lena, offers=[MEETUP, CHECKLIST])
    assert p.days_since_contact == 75
    assert p.gap_note is not None and "75" in p.gap_note
    assert p.reason.kind in VALUE_KINDS
    assert p.reason.kind == "invite" and "Data Breakfast Berlin" in p.reason.text
    assert p.reassurance.id == "R5"
    assert_clean(p, playbook)


def test_lukewarm_without_anything_to_offer_still_names_the_gap(points, playbook):
    lena = contact(3, "Lena Vogel", company="Globex", met_on=TODAY - timedelta(days=90))
    p = points(lena, lukewarm_after_days=60)
    assert p.gap_note is not None
    assert p.reason.kind == "lukewarm_gap" and "Globex" in p.reason.text
    assert_clean(p, playbook)


def test_not_lukewarm_before_the_threshold(points):
    p = points(contact(met_on=TODAY - timedelta(days=60)))
    assert p.gap_note is None


def test_open_proposal_means_ask_directly(points, playbook):
    ken = contact(
        4,
        "Ken Ito",
        company="Initech",
        last_outcome="meeting",
        stage=Stage.ACTIVE,
        last_contact_on=TODAY - timedelta(days=12),
        meeting_on=TODAY - timedelta(days=8),
        meeting_confirmed=True,
        last_call_on=TODAY - timedelta(days=8),
        notes="Sent our proposal for the Q1 pilot. Decision due end of month",
    )
    p = points(ken, offers=[CHECKLIST])
    assert p.reason.kind == "open_deal"
    assert "directly" in p.reason.text or "plainly" in p.reason.text or "straight" in p.reason.text
    assert "proposal" in p.reason.why
    assert p.reassurance.id == "R8"
    assert_clean(p, playbook)


@pytest.mark.parametrize(
    ("email", "offers", "expect"),
    [
        pytest.param("ana@example.com", [CHECKLIST], "e-mail", id="email-known-switches-channel"),
        pytest.param(None, [CHECKLIST], "our pipeline checklist", id="no-email-leads-with-offer"),
        pytest.param(None, [], "not a fit", id="nothing-else-makes-no-easy"),
    ],
)
def test_three_unanswered_changes_the_approach(points, playbook, email, offers, expect):
    ana = contact(
        5,
        "Ana Lima",
        email=email,
        event="PyCon",
        met_on=TODAY - timedelta(days=20),
        last_contact_on=TODAY - timedelta(days=3),
        last_outcome="no-answer",
        unanswered_streak=3,
        notes="hires data engineers every quarter",
    )
    p = points(ana, offers=offers)
    assert p.reason.kind == "unanswered_streak"
    assert expect in p.reason.text
    assert p.reassurance.id == "R4"
    assert_clean(p, playbook)


def test_two_unanswered_is_not_yet_a_streak(points):
    p = points(contact(unanswered_streak=2, last_outcome="voicemail", notes="likes rust"))
    assert p.reason.kind != "unanswered_streak"
    assert p.reassurance.id == "R4"


JANE = contact(
    10,
    "Jane Doe",
    company="Acme",
    event="PyCon",
    met_on=TODAY - timedelta(days=1),
    notes="Hiring data engineers for the Berlin office",
)
BOB = contact(
    11,
    "Bob Smith",
    event="PyCon",
    met_on=TODAY - timedelta(days=1),
    notes="Data engineer looking for a job, happy to relocate",
)


def test_introductions_work_on_both_sides(points, playbook):
    crowd = [
        contact(100 + n, f"Filler {n}", notes=f"talked about sailing and tomatoes {n}") for n in range(20)
    ]
    for_jane = points(JANE, others=[BOB, *crowd])
    for_bob = points(BOB, others=[JANE, *crowd])

    assert for_jane.reason.kind == "intro" and for_jane.reason.contact_id == BOB.id
    assert "Bob Smith" in for_jane.reason.text and "Bob Smith" in for_jane.reason.why

    assert for_bob.reason.kind == "intro" and for_bob.reason.contact_id == JANE.id
    assert "Jane Doe" in for_bob.reason.text and "hiring data engineers" in for_bob.reason.text.lower()
    assert "Acme" in for_bob.reason.text
    assert "Jane Doe" in for_bob.goal
    assert_clean(for_jane, playbook)
    assert_clean(for_bob, playbook)


def test_an_intro_needs_someone_who_has_it_not_someone_who_wants_it_too(points):
    rival = contact(12, "Rita Roe", company="Globex", notes="also hiring data engineers")
    p = points(JANE, others=[rival])
    assert p.reason.kind != "intro"


def test_let_go_contacts_are_not_suggested_for_intros(points):
    p = points(JANE, others=[dataclasses.replace(BOB, stage=Stage.LET_GO)])
    assert p.reason.kind != "intro"


def test_role_counts_as_what_someone_does(points):
    dev = contact(13, "Dev Patel", role="Senior Data Engineer", notes="met at the sprint table")
    p = points(JANE, others=[dev])
    assert p.reason.kind == "intro" and "Dev Patel" in p.reason.text
    assert "Senior Data Engineer" in p.reason.text


def test_an_unkept_promise_comes_first_even_with_a_matching_offer(points, playbook):
    jane = dataclasses.replace(
        JANE,
        promise="our pipeline checklist",
        promise_due=date(2026, 11, 27),
        notes="Hiring data engineers; their pipelines keep breaking",
    )
    p = points(jane, offers=[CHECKLIST], others=[BOB])
    assert p.reason.kind == "promised"
    assert "you would send our pipeline checklist" in p.reason.text and "due Fri" in p.reason.text
    assert one_line(p) in {
        "Do what you said (due Fri): send our pipeline checklist",
        "You said you would send our pipeline checklist (due Fri)",
    }
    # the checklist IS the promise: it is not offered again beside it
    assert [a.kind for a in p.alternatives][:1] == ["intro"]
    assert all(a.offer_id != CHECKLIST.id for a in p.alternatives)
    kept = points(dataclasses.replace(jane, promise_done=True), offers=[CHECKLIST], others=[BOB])
    assert kept.reason.kind != "promised"
    assert_clean(p, playbook)


def test_dormant_contact_gets_a_respectful_let_go_check(points, playbook):
    p = points(
        contact(stage=Stage.DORMANT, unanswered_streak=6, last_outcome="no-answer", notes="pricing questions")
    )
    assert p.reason.kind == "dormant_check"
    assert p.reassurance.id == "R10"
    assert_clean(p, playbook)


def test_nothing_known_falls_back_to_the_event(points, playbook):
    p = points(contact(event="PyCon", met_on=TODAY - timedelta(days=3)))
    assert p.reason.kind == "thread" and "PyCon" in p.reason.text
    assert p.alternatives and p.alternatives[0].text != p.reason.text
    assert p.reassurance.id == "R7"
    assert_clean(p, playbook)


def test_a_bare_name_still_gets_complete_points(points, playbook):
    p = points(contact(name="Mo"), user=UserFacts("Sam"))
    assert p.reason.kind == "thread" and "Mo" in p.reason.text
    assert p.alternatives
    assert all([p.opener, p.goal, p.fallback, p.voicemail])
    assert "the number I'm calling from" in p.voicemail
    assert p.reassurance.id == "R2"  # thin notes
    assert p.days_since_contact is None
    assert_clean(p, playbook)


def test_thread_quotes_what_they_said_but_never_a_banned_phrase(points, playbook):
    p = points(contact(notes="Said we should touch base in spring. Launching a climate app in March"))
    assert p.reason.kind == "thread"
    assert "Launching a climate app in March" in p.reason.text
    assert_clean(p, playbook)


@pytest.mark.parametrize(
    ("notes", "topics"),
    [
        pytest.param("Ingénieurs DONNÉES à Lyon", ("ingenieur",), id="accents-and-case"),
        pytest.param("we talked #Security all night", ("security",), id="tag-in-notes"),
        pytest.param("the security team is small", ("#security",), id="tag-in-topics"),
        pytest.param("data engineering is their pain", ("data engineers",), id="stems"),
    ],
)
def test_offer_matching_folds_words(points, notes, topics):
    p = points(contact(notes=notes), offers=[OfferFacts(1, "The guide", topics=topics)])
    assert p.reason.kind == "offer", p.reason


def test_offer_matching_uses_whole_words(points):
    p = points(
        contact(notes="they build database tooling"), offers=[OfferFacts(1, "Guide", topics=("data",))]
    )
    assert p.reason.kind != "offer"


def test_client_story_tag_makes_it_a_client_success(points):
    story = OfferFacts(4, "How Initech cut pipeline failures", topics=("#success", "pipelines"))
    p = points(contact(notes="their pipelines fail weekly"), offers=[story])
    assert p.reason.kind == "client_success" and "the Initech story" in p.reason.text
    assert "How Initech cut pipeline failures" in p.reason.why


def test_same_input_same_output_whatever_the_order(points):
    crowd = [
        contact(
            200 + n, f"Person {n}", role="designer" if n % 3 else None, notes=f"looking for a designer {n}"
        )
        for n in range(50)
    ]
    offers = [CHECKLIST, PRICING_GUIDE, MEETUP, OfferFacts(1, "Another data guide", topics=("data",))]
    others = [BOB, *crowd, contact(12, "Dee Data", role="data engineer")]
    first = points(JANE, offers=offers, others=others)
    assert first == points(JANE, offers=offers, others=others)
    shuffled_offers, shuffled_others = offers[:], others[:]
    random.Random(4).shuffle(shuffled_offers)
    random.Random(5).shuffle(shuffled_others)
    assert first == points(JANE, offers=shuffled_offers, others=shuffled_others)
    assert first.reason.contact_id == 11  # a tie on strength goes to the lower id


def test_wording_varies_between_contacts_but_not_between_calls(points):
    texts = {
        points(contact(n, f"Person{n}", event="PyCon")).reason.text.replace(f"Person{n}", "X")
        for n in range(30)
    }
    assert len(texts) >= 2


def test_one_line_fits_the_digest(points):
    long_promise = "the long write-up " * 20
    p = points(contact(promise=long_promise, promise_due=TODAY))
    assert len(one_line(p)) <= 150


@pytest.mark.parametrize(
    ("days", "words"),
    [(0, "today"), (1, "yesterday"), (4, "on Friday"), (30, "on 25 October"), (400, "in October 2025")],
)
def test_met_when(days, words):
    assert met_when(TODAY - timedelta(days=days), TODAY) == words


@pytest.mark.parametrize(
    ("days", "words"),
    [
        (-3, "overdue since Sat 21 Nov"),
        (0, "due today"),
        (1, "due tomorrow"),
        (3, "due Fri"),
        (9, "due 3 Dec"),
    ],
)
def test_due_words(days, words):
    assert due_words(TODAY + timedelta(days=days), TODAY) == words


def test_ten_thousand_others_is_fast(points):
    rng = random.Random(7)
    vocab = [
        "data",
        "platform",
        "engineer",
        "designer",
        "marketing",
        "sales",
        "growth",
        "cloud",
        "security",
        "python",
        "pricing",
        "launch",
    ]
    others = []
    for n in range(10_000):
        w = rng.sample(vocab, 5)
        need = f" Looking for a {w[3]} {w[4]}." if n % 4 == 0 else ""
        others.append(
            contact(
                1000 + n,
                f"Person {n}",
                role=w[2] if n % 2 else None,
                notes=f"Talked {w[0]} and {w[1]}.{need}",
            )
        )
    jane = dataclasses.replace(JANE, notes="Hiring data engineers; building a new security platform")
    points(jane, others=others[:10])  # warm the module, not the cache of these others
    start = time.perf_counter()
    p = points(jane, offers=[CHECKLIST, PRICING_GUIDE], others=others)
    elapsed = time.perf_counter() - start
    print(f"prepare() with 10,000 others: {elapsed * 1000:.1f} ms")
    assert p.reason.kind == "intro"
    assert elapsed < 1.0


# --- the digest's reason-only path ----------------------------------------------------------------

_SCENARIO_OFFERS = [
    CHECKLIST,
    PRICING_GUIDE,
    MEETUP,
    OfferFacts(4, "How Initech cut pipeline failures", topics=("#success", "pipelines")),
    OfferFacts(5, "Hiring scorecard for engineering managers"),
    OfferFacts(6, "Café security audit", url="https://example.com/audit", topics=("sécurité", "cloud")),
]


def _scenario_contacts() -> list[ContactFacts]:
    """The contacts of the scenarios above, one of each kind of reason."""
    met = TODAY - timedelta(days=1)
    return [
        JANE,
        BOB,
        contact(20, "Ana Lima", company="Acme", event="PyCon", met_on=met, notes="Leads Data Engineers"),
        contact(21, "Ref Erred", referred_by="Kim Park", notes="runs growth at a fintech"),
        contact(22, "Ref Reached", referred_by="Kim Park", last_outcome="reached", stage=Stage.ACTIVE),
        contact(23, "Luke Warm", last_contact_on=TODAY - timedelta(days=90), notes="likes data tooling"),
        contact(24, "Cold Only", last_contact_on=TODAY - timedelta(days=61)),
        contact(25, "Deal Maker", notes="Waiting on our proposal; decision next week", stage=Stage.ACTIVE),
        contact(26, "Un Answered", unanswered_streak=3, last_outcome="no-answer", notes="pricing talk"),
        contact(27, "Un Reachable", unanswered_streak=4, email="u@example.com", last_outcome="voicemail"),
        contact(28, "Pro Mised", promise="the pipeline checklist", promise_due=TODAY - timedelta(days=2)),
        contact(29, "Doris Dormant", stage=Stage.DORMANT, unanswered_streak=5, notes="data engineers"),
        contact(30, "Gone Away", stage=Stage.LET_GO, notes="looking for a designer"),
        contact(31, "Eve Event", event="Berlin Data Days", met_on=TODAY - timedelta(days=40)),
        contact(32, "Bare Name"),
        contact(33, "Rita Roe", company="Globex", notes="also hiring data engineers"),
        contact(34, "Dev Patel", role="Senior Data Engineer", notes="met at the sprint table"),
        contact(35, "Zoë Müller", role="Ingénieure sécurité", notes="Cherche un café; seeking cloud help"),
        contact(36, "Quinn", notes="We should circle back about following up again on pricing."),
        contact(37, "Sol", notes="Searching for data-engineers; wants to hire a designer ASAP"),
        contact(38, "Tess", role="#designer", notes="Needs security review before launch"),
        contact(39, "Long Promise", promise="the long write-up " * 20, promise_due=TODAY),
    ]


def _generated_contacts(count: int, seed: int) -> list[ContactFacts]:
    rng = random.Random(seed)
    things = ["data engineers", "a designer", "security help", "cloud", "pricing", "a job", "sales leads"]
    roles = [None, "Data Engineer", "Designer", "CTO", "Head of Sales", "Ingénieur cloud", "#recruiter"]
    phrases = [
        "hiring {t}",
        "looking for {t}",
        "seeking {t}",
        "needs {t} soon",
        "wants to hire {t}",
        "talked about {t}",
        "proposal for {t} sent",
        "promised to send {t}",
        "Zoë said {t} matters; café chat",
        "",
    ]
    out = []
    for n in range(count):
        notes = "; ".join(rng.choice(phrases).format(t=rng.choice(things)) for _ in range(rng.randint(0, 3)))
        last = rng.choice([None, TODAY - timedelta(days=rng.randint(0, 200))])
        out.append(
            contact(
                1000 + n,
                rng.choice(["Ana", "Bo", "Zoë", "Li"]) + f" Person{n}",
                company=rng.choice([None, "Acme", "Globex", "Café Crème"]),
                role=rng.choice(roles),
                event=rng.choice([None, "PyCon", "Data Days"]),
                met_on=rng.choice([None, TODAY - timedelta(days=rng.randint(0, 500))]),
                notes=notes or None,
                promise=rng.choice([None, None, None, "the deck"]),
                promise_due=rng.choice([None, TODAY + timedelta(days=rng.randint(-5, 10))]),
                promise_done=rng.random() < 0.3,
                referred_by=rng.choice([None, None, "Kim Park"]),
                stage=rng.choice(list(Stage)),
                last_outcome=rng.choice([None, "reached", "voicemail", "no-answer", "meeting", "no"]),
                last_contact_on=last,
                unanswered_streak=rng.choice([0, 0, 1, 3, 5]),
                email=rng.choice([None, "x@example.com"]),
            )
        )
    return out


@pytest.mark.parametrize(
    ("crowd", "offers"),
    [
        (_scenario_contacts(), _SCENARIO_OFFERS),
        (_scenario_contacts(), []),
        (_scenario_contacts() + _generated_contacts(300, 1), _SCENARIO_OFFERS),
        (_generated_contacts(200, 2), _SCENARIO_OFFERS[:3]),
        ([c for c in _generated_contacts(150, 3) if c.notes is None or c.notes.isascii()], _SCENARIO_OFFERS),
    ],
    ids=["scenarios", "scenarios-no-offers", "scenarios-and-300", "200-generated", "150-ascii-only"],
)
def test_best_reason_gives_the_same_line_as_full_points(playbook, crowd, offers):
    shared = others_index(crowd)  # one per batch, as the digest builds it
    kinds = set()
    for someone in crowd:
        full = prepare(someone, user=SAM, offers=offers, others=crowd, today=TODAY, playbook=playbook)
        fast = best_reason(someone, user=SAM, offers=offers, others=shared, today=TODAY, playbook=playbook)
        assert reason_line(fast) == one_line(full), someone
        assert fast == full.reason
        kinds.add(fast.kind)
    assert len(kinds) >= 4  # the crowds really exercise different reasons


def test_the_digest_path_finds_introductions_through_the_shared_index(playbook):
    crowd = [JANE, BOB, dataclasses.replace(BOB, id=12, name="Bo Gone", stage=Stage.LET_GO)]
    shared = others_index(crowd)
    for_jane = best_reason(JANE, user=SAM, offers=[], others=shared, today=TODAY, playbook=playbook)
    for_bob = best_reason(BOB, user=SAM, offers=[], others=shared, today=TODAY, playbook=playbook)
    assert for_jane.kind == "intro" and for_jane.contact_id == BOB.id and "Bob Smith" in reason_line(for_jane)
    assert for_bob.kind == "intro" and for_bob.contact_id == JANE.id and "Jane Doe" in reason_line(for_bob)
    assert len(reason_line(for_bob)) <= 150
