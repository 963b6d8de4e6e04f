"""Talking points as scenarios: who the contact is decides the reason, and the words stay value-first."""

from __future__ import annotations

import dataclasses
import random
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
    # what they are doing reads inside the question, unquoted (the note's words, lower-cased)
    assert "launching a climate app in March" in p.reason.text and "touch base" not in p.reason.text
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
    # how fast is bench/prep.py's to say (10,000 contacts); here: the right answer from that many
    p = points(jane, offers=[CHECKLIST, PRICING_GUIDE], others=others)
    assert p.reason.kind == "intro" and p.reason.contact_id in {o.id for o in others}


# --- the digest's reason-only path ----------------------------------------------------------------

_SCENARIO_OFFERS = [
    CHECKLIST,
    PRICING_GUIDE,
    MEETUP,
    OfferFacts(4, "How Initech cut pipeline failures", topics=("#success", "pipelines")),
    OfferFacts(5, "Hiring scorecard for engineering managers"),
    OfferFacts(6, "Café security audit", url="https://example.com/audit", topics=("sécurité", "cloud")),
    OfferFacts(8, "Case study: how Northwind cut churn 30%", topics=("#case-study", "pricing")),
    OfferFacts(10, "Invitation: Data dinner", topics=("#event", "data"), ends_on=TODAY - timedelta(days=1)),
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
                introducer=rng.choice([None, None, "Jane Doe"]),
                referrer_thanked=rng.random() < 0.3,
                ever_reached=rng.random() < 0.4,
                meeting_on=rng.choice([None, None, TODAY + timedelta(days=rng.randint(-10, 10))]),
                meeting_confirmed=rng.random() < 0.5,
                last_call_on=rng.choice([None, TODAY - timedelta(days=rng.randint(0, 30))]),
                last_call_notes=rng.choice(
                    [None, "wants the case study", "send the proposal", "left a message"]
                ),
                let_go_on=rng.choice([None, TODAY - timedelta(days=rng.randint(0, 30))]),
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


# --- a contact's story (issue 17) -------------------------------------------------------------------

DEC1 = date(2026, 12, 1)  # a Tuesday


@pytest.fixture
def on_dec1(playbook):
    def build(contact: ContactFacts, *, offers=(), others=(), user=SAM, today=DEC1) -> TalkingPoints:
        return prepare(
            contact, user=user, offers=list(offers), others=list(others), today=today, playbook=playbook
        )

    return build


def said(p: TalkingPoints) -> list[str]:
    """What the user reads as coaching: the reasons, opener, goal and voicemail."""
    return [t for r in (p.reason, *p.alternatives) for t in (r.text, r.short)] + [
        p.opener,
        p.goal,
        p.voicemail,
    ]


def test_new_story_fields_have_defaults():
    bare = ContactFacts(1, "Mo")
    assert (bare.introducer, bare.referrer_thanked, bare.referrer_is_member, bare.ever_reached) == (
        None,
        False,
        False,
        False,
    )
    assert (bare.meeting_on, bare.meeting_confirmed, bare.last_call_on, bare.last_call_notes) == (
        None,
        False,
        None,
        None,
    )
    assert bare.let_go_on is None and OfferFacts(1, "Guide").ends_on is None


def test_a_kept_promise_never_shows_again(on_dec1):
    """/met José … promised to send the deck by friday; /called jose reached: loved the deck, sent it."""
    jose = contact(
        40,
        "José Núñez",
        company="Bank of America",
        event="Money20/20",
        met_on=date(2026, 11, 30),
        promise="send the deck",
        promise_due=date(2026, 12, 4),
    )
    open_ = on_dec1(jose)
    assert open_.reason.kind == "promised" and "you would send the deck" in open_.reason.text
    kept = dataclasses.replace(
        jose,
        promise_done=True,
        ever_reached=True,
        last_outcome="reached",
        last_contact_on=DEC1,
        last_call_on=DEC1,
        last_call_notes="loved the deck, sent it",
        stage=Stage.ACTIVE,
    )
    later = on_dec1(kept, today=DEC1 + timedelta(weeks=3))
    assert later.reason.kind != "promised"
    assert not [t for t in said(later) if "deck" in t or "as I said I would" in t]


@pytest.mark.parametrize(
    ("name", "promise"),
    [
        ("Noah Berg", "send the migration template"),
        ("Olga Ivanova", "introduce her to our CTO"),
        ("Priya Shah", "share the pricing sheet"),
        ("Ken Ito", "send the deck"),
    ],
)
def test_a_promise_reads_right_for_any_action(on_dec1, name, promise):
    p = on_dec1(contact(41, name, promise=promise, promise_due=DEC1 + timedelta(days=3)))
    first = name.split()[0]
    assert p.reason.kind == "promised" and f"you would {promise}" in p.reason.text
    for text in said(p):
        assert "send send" not in text.lower() and f"{first} has " not in text, text
        assert "Send send" not in text and "share share" not in text.lower()
    assert "your word" in p.goal.lower() or "kept" in p.goal.lower()


def test_a_hurried_promise_is_said_with_its_article(on_dec1):
    p = on_dec1(
        contact(43, "Ines Roca", promise="send her 2027 price sheet", promise_due=DEC1 + timedelta(days=3))
    )
    assert "you would send her the 2027 price sheet" in p.reason.text, p.reason.text
    assert "send you the 2027 price sheet" in p.opener, p.opener


def test_a_promise_said_to_the_contact_speaks_to_them(on_dec1):
    p = on_dec1(contact(42, "Olga Ivanova", promise="introduce her to our CTO"))
    assert "I said I would introduce you to our CTO" in p.opener
    assert "introduce you to our CTO" in p.voicemail
    assert "you would introduce her to our CTO" in p.reason.text  # to the user, about Olga


def test_an_overdue_promise_says_by_how_much_and_owns_it(on_dec1):
    p = on_dec1(contact(43, "José Núñez", promise="send the deck", promise_due=DEC1 - timedelta(days=3)))
    assert "3 days late" in p.reason.text and "3 days late" in p.reason.short
    assert "3 days late" in p.opener and "sorry" in p.opener.lower()
    assert "3 days late" in p.voicemail
    assert "3 days late" in p.reason.why


def test_via_means_you_met_and_names_the_introducer_warmly(on_dec1):
    """/met Anna Schmidt of SAP at PyCon last tue via Jane Doe; later /called anna emailed."""
    anna = contact(
        44, "Anna Schmidt", company="SAP", event="PyCon", met_on=date(2026, 11, 24), introducer="Jane Doe"
    )
    emailed = dataclasses.replace(anna, last_outcome="emailed", last_contact_on=DEC1 - timedelta(days=1))
    for p in (on_dec1(anna), on_dec1(emailed, today=DEC1 + timedelta(weeks=3))):
        texts = said(p) + [r.why for r in (p.reason, *p.alternatives)] + [p.gap_note or "", p.fallback]
        for text in texts:
            low = text.lower()
            assert "not spoken" not in low and "not met" not in low and "haven't" not in low, text
            assert "intro from jane" not in low and "referred" not in low, text
        assert p.reason.kind != "referral"
    assert "Jane Doe introduced us" in on_dec1(anna).opener


def test_a_referral_asks_for_an_intro_until_reached_then_thanks_the_referrer_once(on_dec1):
    ravi = contact(45, "Ravi Patel", company="Globex", referred_by="Maria Lopez", met_on=DEC1)
    before = on_dec1(ravi)
    assert before.reason.kind == "referral" and "Maria Lopez" in before.reason.text
    assert "introduc" in before.reason.text.lower()
    # reached once, then a voicemail: last_outcome says voicemail, but they HAVE talked
    talked = dataclasses.replace(ravi, ever_reached=True, last_outcome="voicemail", stage=Stage.ACTIVE)
    after = on_dec1(talked)
    assert after.reason.kind == "referrer_thanks"
    assert "Maria Lopez" in after.reason.text
    assert "how it went" in after.reason.text or "thank" in after.reason.text.lower()
    assert all("introduc" not in t.lower() for t in said(after))
    member = on_dec1(dataclasses.replace(talked, referrer_is_member=True))
    assert "Thank Maria Lopez" in member.reason.text
    thanked = on_dec1(dataclasses.replace(talked, referrer_thanked=True))
    assert thanked.reason.kind != "referrer_thanks"
    assert all(r.kind != "referrer_thanks" for r in thanked.alternatives)
    assert all("introduc" not in t.lower() for t in said(thanked))


def test_let_go_gets_no_coaching_and_no_promise(on_dec1):
    """/called zoe no: not interested, with an open promise."""
    zoe = contact(
        46,
        "Zoë Müller",
        stage=Stage.LET_GO,
        let_go_on=date(2026, 11, 29),
        last_outcome="no",
        promise="send the checklist",
        notes="needs a security review",
    )
    p = on_dec1(zoe, offers=[OfferFacts(1, "Security checklist", topics=("security",))])
    assert p.reason.kind == "let_go"
    assert "Zoë said no on Sun 29 Nov" in p.reason.text and "Revive" in p.reason.text  # her answer, not yours
    assert p.alternatives == () and p.opener == "" and p.goal == "" and p.voicemail == ""
    assert "checklist" not in p.reason.text and "once" not in p.reason.text
    assert reason_line(best_reason(zoe, user=SAM, offers=[], others=[], today=DEC1, playbook=load_playbook()))
    dormant = on_dec1(contact(47, "Dora", stage=Stage.DORMANT, unanswered_streak=6, last_outcome="no-answer"))
    assert dormant.reason.kind == "dormant_check"


TOM = contact(
    48,
    "Tom Ng",
    company="Initech",
    event="PyCon",
    met_on=date(2026, 11, 20),
    notes="met at the booth, building a recommender team",
    last_outcome="meeting",
    last_contact_on=date(2026, 11, 23),
    ever_reached=True,
    stage=Stage.ACTIVE,
)


def test_a_meeting_ahead_is_prepared_for_not_called(on_dec1):
    p = on_dec1(dataclasses.replace(TOM, meeting_on=date(2026, 12, 4)))
    assert p.reason.kind == "meeting_ahead"
    assert "You're meeting Tom on Fri 4 Dec" in p.reason.text and "prepare" in p.reason.text.lower()
    assert all(a.kind not in ("unanswered_streak", "referral", "dormant_check") for a in p.alternatives)


def test_a_past_unconfirmed_meeting_asks_whether_it_happened(on_dec1):
    p = on_dec1(dataclasses.replace(TOM, meeting_on=date(2026, 11, 27)))
    assert p.reason.kind == "meeting_check"
    assert "Fri 27 Nov" in p.reason.text and ("happen" in p.reason.text or "held" in p.reason.text)


def test_a_held_meeting_is_followed_up_and_counts_as_the_last_contact(on_dec1, playbook):
    held = dataclasses.replace(TOM, meeting_on=date(2026, 12, 4), meeting_confirmed=True)
    week_on = date(2026, 12, 11)
    p = on_dec1(held, today=week_on)
    assert p.reason.kind == "meeting_followup" and "Fri 4 Dec" in p.reason.text
    assert "recap" in p.reason.text
    assert p.days_since_contact == 7  # from the meeting day, not from the booking
    assert "PyCon" not in p.opener and "from PyCon" not in p.voicemail
    line = reason_line(best_reason(held, user=SAM, offers=[], others=[], today=week_on, playbook=playbook))
    assert "met at the booth" not in line


def test_the_last_call_feeds_prep_and_names_the_next_step(on_dec1):
    lia = contact(
        49,
        "Lia Park",
        company="Acme",
        ever_reached=True,
        last_outcome="reached",
        last_contact_on=DEC1,
        last_call_on=DEC1,
        last_call_notes="wants the case study, budget in Q1",
        stage=Stage.ACTIVE,
    )
    p = on_dec1(lia, today=DEC1 + timedelta(days=2))
    assert p.last_call == "Last call, Tue 1 Dec (you spoke). Your note: wants the case study, budget in Q1"
    assert p.reason.kind == "call_next_step" and "send the case study" in p.reason.text
    assert "your note" in p.reason.text.lower() or "your note" in p.reason.why.lower()
    story = OfferFacts(5, "Case study: how Northwind cut churn 30%", topics=("#case-study", "churn"))
    with_offer = on_dec1(lia, offers=[story], today=DEC1 + timedelta(days=2))
    assert "send the Northwind case study" in with_offer.reason.text
    assert with_offer.reason.offer_id == 5
    assert "Northwind case study" in with_offer.voicemail
    assert all(a.offer_id != 5 for a in with_offer.alternatives)
    assert on_dec1(contact(50, "No Calls")).last_call is None


def test_notes_are_your_notes_and_a_role_is_never_quoted(on_dec1):
    tom = contact(51, "Tom Ng", notes="building a recommender team", role="VP People")
    p = on_dec1(tom)
    for text in [t for r in (p.reason, *p.alternatives) for t in (r.text, r.why)] + [p.fallback]:
        assert "told you" not in text and '"VP People"' not in text, text
    assert "your note" in p.reason.text.lower()
    dev = contact(52, "Dev Patel", role="Senior Data Engineer")
    intro = on_dec1(JANE, others=[dev])
    assert intro.reason.kind == "intro"
    assert (
        "works as Senior Data Engineer" in intro.reason.why
        and '"Senior Data Engineer"' not in intro.reason.why
    )


HIRING_CHECKLIST = OfferFacts(60, "Engineering hiring checklist", topics=("#hiring", "#engineering"))
SRE_KIT = OfferFacts(61, "SRE hiring kit", topics=("#hiring", "#sre"))


def test_offers_match_word_forms_and_synonyms(on_dec1):
    kai = contact(53, "Kai Lee", notes="needs to hire 3 SREs")
    assert on_dec1(kai, offers=[SRE_KIT]).reason.offer_id == SRE_KIT.id
    recruiter = contact(54, "Rae", role="Technical recruiter", notes="growing the engineering org")
    assert on_dec1(recruiter, offers=[HIRING_CHECKLIST]).reason.offer_id == HIRING_CHECKLIST.id
    only_hiring = OfferFacts(62, "Interview guide", topics=("#hiring",))
    assert (
        on_dec1(contact(55, "Hal", notes="recruiting all year"), offers=[only_hiring]).reason.offer_id == 62
    )


def test_a_broad_topic_alone_does_not_push_a_specific_offer(on_dec1):
    teacher = contact(56, "Tess", notes="hiring teachers for the new school year")
    p = on_dec1(teacher, offers=[HIRING_CHECKLIST, SRE_KIT])
    assert all(r.offer_id is None for r in (p.reason, *p.alternatives))
    client = OfferFacts(63, "Client onboarding kit", topics=("client onboarding",))
    hr = contact(57, "Hana", notes="fixing employee onboarding this quarter")
    assert all(r.offer_id is None for r in (on_dec1(hr, offers=[client]).reason,))
    ops = contact(58, "Ola", notes="our client onboarding takes weeks")
    assert on_dec1(ops, offers=[client]).reason.offer_id == 63


def test_invitations_need_a_topic_and_a_date_still_ahead(on_dec1):
    dinner = OfferFacts(64, "Invitation: Founders & Operators dinner", topics=("#event", "founders"))
    stranger = contact(59, "Eve", event="PyCon", met_on=DEC1 - timedelta(days=2), notes="likes sailing")
    assert all(r.offer_id is None for r in (on_dec1(stranger, offers=[dinner]).reason,))
    founder = contact(60, "Fay", event="PyCon", met_on=DEC1 - timedelta(days=2), notes="talked to founders")
    p = on_dec1(founder, offers=[dinner])
    assert p.reason.kind == "invite" and "the Founders & Operators dinner" in p.reason.text
    assert "Invitation:" not in " ".join(said(p))
    past = dataclasses.replace(dinner, ends_on=DEC1 - timedelta(days=1))
    assert all(r.offer_id is None for r in (on_dec1(founder, offers=[past]).reason,))
    today_ = dataclasses.replace(dinner, ends_on=DEC1)
    assert on_dec1(founder, offers=[today_]).reason.offer_id == 64


def test_an_offer_title_is_used_as_a_short_name(on_dec1):
    story = OfferFacts(65, "Case study: how Northwind cut churn 30%", topics=("#case-study", "churn"))
    zoe = contact(61, "Zoë", notes="churn is killing them")
    p = on_dec1(zoe, offers=[story])
    assert p.reason.kind == "client_success" and "the Northwind case study" in p.reason.text
    for text in said(p):
        assert "Case study: how" not in text and "Zoë has Case" not in text, text
    assert "Northwind case study" in p.goal


def test_introductions_appear_once_and_angles_do_not_contradict(on_dec1):
    crowd = [BOB, contact(12, "Dee Data", role="data engineer")]
    p = on_dec1(JANE, others=crowd)
    assert [r.kind for r in (p.reason, *p.alternatives)].count("intro") == 1
    ref = contact(
        62,
        "Omar",
        referred_by="Priya Shah",
        promise="send the pipeline checklist",
        notes="needs data engineers",
    )
    q = on_dec1(ref, offers=[CHECKLIST])
    assert q.reason.kind == "promised"
    assert all(a.kind != "referral" for a in q.alternatives)  # "send it" and "get an intro first" clash
    assert all(a.offer_id != CHECKLIST.id for a in q.alternatives)  # the promised checklist, not offered


def test_voicemail_follows_the_reason_and_switches_channel_from_the_third_try(on_dec1):
    deck = contact(63, "Maria Lopez", event="PyCon", met_on=DEC1 - timedelta(days=3), promise="send the deck")
    assert "deck" in on_dec1(deck).voicemail
    story = OfferFacts(66, "Case study: how Northwind cut churn 30%", topics=("#case-study", "churn"))
    zoe = contact(64, "Zoë", notes="churn is killing them", event="PyCon", met_on=DEC1 - timedelta(days=3))
    assert "the Northwind case study" in on_dec1(zoe, offers=[story]).voicemail
    for streak, switches in ((0, False), (1, False), (2, True), (5, True)):
        for someone in (deck, zoe, contact(65, "Plain Person"), contact(66, "Evan", event="PyCon")):
            vm = on_dec1(
                dataclasses.replace(someone, unanswered_streak=streak, last_outcome="voicemail"),
                offers=[story],
            ).voicemail
            # from the third try the script moves to another channel; before it, never
            assert ("e-mail" in vm or "text" in vm) is switches, (streak, vm)
            if switches:
                assert "try you again" not in vm and "try again" not in vm, vm


def test_generic_reasons_vary_across_one_list(playbook):
    shorts = [
        reason_line(
            best_reason(
                contact(70 + n, f"P{n}", company="Acme"),
                user=SAM,
                offers=[],
                others=[],
                today=DEC1,
                playbook=playbook,
            )
        )
        for n in range(3)
    ]
    assert len(set(shorts)) == 3, shorts
    many = [
        reason_line(
            best_reason(
                contact(n, f"Q{n}", company="Acme"),
                user=SAM,
                offers=[],
                others=[],
                today=DEC1,
                playbook=playbook,
            )
        )
        for n in range(100, 130)
    ]
    assert max(many.count(s) for s in many) <= 10
    assert many.count("Ask about Acme's current focus") <= 10


def test_a_founder_raising_and_an_investor_are_introduced_on_both_sides(on_dec1, playbook):
    fay = contact(80, "Fay Okafor", role="Founder", company="Nimbus", notes="raising a seed round in Q1")
    ian = contact(81, "Ian Vest", role="Angel investor", company="Seedcamp", notes="asked for founder events")
    for_fay, for_ian = on_dec1(fay, others=[ian]), on_dec1(ian, others=[fay])
    assert for_fay.reason.kind == "intro" and for_fay.reason.contact_id == ian.id
    assert "Ian Vest" in for_fay.reason.text and "works as Angel investor" in for_fay.reason.why
    assert for_ian.reason.kind == "intro" and for_ian.reason.contact_id == fay.id
    assert "raising a seed round" in for_ian.reason.text and "Angel investor" in for_ian.reason.why
    shared = others_index([fay, ian])
    fast = best_reason(ian, user=SAM, offers=[], others=shared, today=DEC1, playbook=playbook)
    assert fast == for_ian.reason


def test_the_last_call_is_the_thread_when_it_names_no_next_step(on_dec1):
    anna = contact(
        82,
        "Anna Schmidt",
        company="SAP",
        notes="met at the booth, building a recommender team",
        ever_reached=True,
        last_outcome="reached",
        last_contact_on=DEC1 - timedelta(days=20),
        last_call_on=DEC1 - timedelta(days=20),
        last_call_notes="budget frozen until January",
        stage=Stage.ACTIVE,
    )
    p = on_dec1(anna)
    assert p.reason.kind == "thread" and 'your note "budget frozen until January"' in p.reason.text.replace(
        "note says", "note"
    )
    assert "last call" in p.reason.why
    assert "budget frozen" not in p.fallback  # the spare topic is not the reason again
