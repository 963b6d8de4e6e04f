"""Every template of every seeds file, rendered against a grid of awkward values, reads right.

The grid holds action phrases (with and without "the", with pronouns, "intro her to our CTO"), noun
phrases, names with apostrophes and non-ASCII names, companies, events, referrers, offer names and
every way a date is put into words. The checker fails on doubled words ("send send", "the the"), a
dangling "has <verb>" ("Noah has send …"), "''s" and "'s's", unfilled braces, double spaces, a space
before punctuation, two articles in a row and a sentence that starts in lower case. Its own tests
show it fails on deliberately bad templates, so a pass means something.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from bot.domain.playbook import PLACEHOLDERS, Entry
from bot.domain.talking_points import ContactFacts, OfferFacts, UserFacts, due_words, met_when, prepare
from bot.domain.talking_points.facts import _first_name
from bot.domain.talking_points.phrases import as_action, day_words, late_words, offer_name, spoken
from bot.domain.vocabulary import Stage
from bot.services.playbook_files import load_playbook

TODAY = date(2026, 12, 1)  # a Tuesday

ACTIONS = (
    "send the deck",
    "send deck",
    "send migration template",
    "introduce her to our CTO",
    "intro her to our CTO",
    "share the pricing sheet",
    "send them our pricing sheet",
    "call him back about the pilot",
    "make the intro to Li",
    "book a demo",
    "send José Núñez's team the case study",
)
NAMES = (
    "Siobhán O'Brien",
    "D'Angelo",
    "José Núñez",
    "Zoë",
    "王伟",
    "Noah Berg",
    "Anne-Marie Dupont",
    "O'Brien",
    "James",
)
COMPANIES = ("Acme", "O'Reilly Media", "Café Crème", "Bank of America", "AT&T", "Müller GmbH", "王氏集团")
EVENTS = ("PyCon", "Money20/20", "the Berlin Data Days", "Web Summit 2026", "D'Arcy's breakfast")
PEOPLE = ("Jane Doe", "Priya O'Neill", "François Dupré", "李娜", "Maria Lopez")
ROLES = ("VP People", "Head of Data", "CTO", "Ingénieure sécurité", "founder")
OFFER_TITLES = (
    ("Case study: how Northwind cut churn 30%", "client_success"),
    ("Invitation: Founders & Operators dinner", "invite"),
    ("Engineering hiring checklist", "offer"),
    ("Hiring scorecard for engineering managers", "offer"),
    ("Data Breakfast Berlin", "invite"),
    ("Data Breakfast invite", "invite"),
    ("The guide", "offer"),
    ("How Initech cut pipeline failures", "client_success"),
    ("O'Reilly's pricing primer", "offer"),
    ("Ten things we learned shipping Rust services fast", "offer"),
)
NOUNS = (
    "data engineers",
    "the nightly pipelines",
    "hire and SREs",
    "Zoë's café",
    "pricing, churn and onboarding",
    "building a recommender team",
)
DAYS = (TODAY, TODAY + timedelta(days=1), TODAY - timedelta(days=1), date(2026, 12, 4), date(2027, 1, 8))
PAST = (TODAY, TODAY - timedelta(days=1), TODAY - timedelta(days=4), date(2026, 10, 20), date(2025, 3, 2))


def _grid() -> dict[str, tuple[str, ...]]:
    firsts = tuple(_first_name(n) for n in NAMES)
    actions = tuple(as_action(a) for a in ACTIONS)
    return {
        "user_name": ("Sam Rivera", "Seán O'Brien", "李雷", "me"),
        "callback": ("+1 415 555 0199", "sam@rivera.example", "the number I'm calling from"),
        "contact_name": NAMES,
        "contact_first_name": firsts,
        "company": COMPANIES,
        "role": ROLES,
        "event": EVENTS,
        "met_when": tuple(met_when(d, TODAY) for d in PAST),
        "days_since": ("61", "75", "400"),  # only shown past the lukewarm threshold, never "1 days"
        "referrer": PEOPLE,
        "introducer": tuple(reversed(PEOPLE)),
        "promise": actions,
        "promise_spoken": tuple(spoken(a, f) for a, f in zip(actions, firsts * 2, strict=False)),
        "promise_who": PEOPLE,
        "promise_who_first": tuple(_first_name(p) for p in PEOPLE),
        "promise_who_why": ("perit", "a lime mortar specialist"),
        "promise_due": tuple(due_words(d, TODAY) for d in DAYS if d >= TODAY),
        "promise_late": tuple(late_words(n) for n in (1, 3, 13, 20)),
        "offer_title": tuple(t for t, _ in OFFER_TITLES),
        "offer_name": tuple(offer_name(t, k) for t, k in OFFER_TITLES),
        "offer_url": ("https://example.com/checklist", "https://example.com/a?b=c&d=e"),
        "matched": NOUNS,
        "need": ("hiring data engineers", "looking for a job", "raising a seed round", "seeking cloud help"),
        "other_name": tuple(reversed(NAMES)),
        "other_company": tuple(reversed(COMPANIES)),
        "other_match": ("Senior Data Engineer", "data engineer looking for a job", "invests in seed rounds"),
        "thread": NOUNS,
        "deal_note": ("Sent our proposal for the Q1 pilot", "decision due end of month"),
        "meeting_when": tuple(day_words(d, TODAY) for d in DAYS + PAST),
        "meeting_note": (
            "walk round the laundry and basement at 10h",
            "demo for the board, bring the pricing",
        ),
        "let_go_when": tuple(day_words(d, TODAY) for d in PAST),
        "next_step": actions,
        "call_note": ("wants the case study, budget in Q1", "loved the deck; sent it", "José's CFO decides"),
        "call_when": tuple(met_when(d, TODAY) for d in PAST),
        "matched_note": (
            "rolling out a new client onboarding flow",
            "Hiring 5 data engineers in Berlin",
            "CFO",
        ),
        "step_note": ("wants the case study", "asked for our pricing for 40 seats", "José wants a demo"),
        "step_when": ("in January", "by Friday", "after the holidays", "next week"),
        "offers_named": ("our hiring scorecard", "our scorecard, the Lumen case study or the Data Breakfast"),
        "wait_when": ("on Mon 11 Jan", "tomorrow", "on Mon 8 Mar 2027"),
        "wait_day": ("Mon 11 Jan", "Mon 8 Mar 2027"),
        "wait_note": ("not before 11 January", "ring me after the 12th"),
        "later_default": ("no day was named, so it waits the usual 90 days",),
        "decision_when": ("on Tue 15 Dec", "tomorrow"),
        "decision_note": ("board decides on 15 Dec", "decision after their Q2 planning"),
        "decision_what": ("the decision", "the tender deadline"),
        "ask_action": ("send two customer references", "book a demo"),
        "ask_thing": ("two customer references", "the security questionnaire", "a demo"),
        "ask_note": ("wants two customer references before her board meets",),
        "ask_by": ("before her board meets on the 20th (Sun 20 Dec)", "by Fri 11 Dec"),
        "ask_by_day": ("on Sun 20 Dec",),
        "ask_soon": ("in two days", "tomorrow"),
        "decision_snag": ("we're about 12% above the other one", "price is the issue"),
        "chat_app": ("WhatsApp",),
        "theirs_first": ("the food-court roof drawings",),
        "ask_past": ("on Fri 11 Dec", "yesterday"),
        "decision_past": ("on Tue 15 Dec", "yesterday"),
        "thread_doing": ("migrating their data warehouse", "hiring two welders"),
        "thread_doing_spoken": ("migrating your data warehouse", "hiring two welders"),
        "ask_thing_bare": ("site survey",),
        "ask_thing_spoken": ("the figures from a client your size",),
        "thread_invited": ("give a short talk at their spring breakfast",),
        "thread_invited_spoken": ("give a short talk at your spring breakfast",),
        "thread_scope": ("do water", "supply CO2 cylinders"),
        "thread_scope_spoken": ("do water", "supply CO2 cylinders"),
        "thread_question": ("what she has to do to be legal", "how they would start"),
        "thread_question_spoken": ("what you have to do to be legal", "how you would start"),
        "proof_asked": ("proof you have done this for shops before", "references from other clinics"),
        "invite_asked": ("MLRO events", "events"),
        "thread_query": ("xray", "the new wing"),
        "invite_went": ("the open morning", "our yard day"),
        "invite_went_when": ("on Thu 17 Dec", "last Friday"),
        "referrer_told": ("is letting Nasser know you will call", "is letting Ana know you will call"),
        "sent_invite": ("our open day invite for Kai and Mali", "the invitation to our tasting"),
        "next_week": ("next week", "in the week of Mon 4 Jan"),
        "proposed_slot": ("the Thu 17 Dec slot", "a slot on Mon 21 or Tue 22 Dec"),
        "thread_help": ("put you in touch with Eirik in Bergen", "walk you round the depot"),
        "thread_help_spoken": ("put me in touch with Eirik in Bergen", "walk me round the depot"),
        "thread_problem": ("the walk-in freezer at his second site keeps tripping",),
        "thread_problem_spoken": ("the walk-in freezer at your second site keeps tripping",),
        "sent_thing": ("your price sheet for winter servicing",),
        "their_thing": ("the photos of the bin store", "their floor plans"),
        "asked_them_for": ("their last three energy bills",),
        "asked_them_for_spoken": ("your last three energy bills",),
        "their_thing_spoken": ("the photos of your bin store", "your floor plans"),
        "thread_need_spoken": ("a stand-in bookkeeper for your spring",),
        "thread_need_elsewhere_spoken": ("a forklift licence course",),
        "thread_plan_spoken": ("you'd like to open a second kitchen by the summer",),
        "thread_worry_spoken": ("the new caterer missing deliveries",),
        "sent_thing_spoken": ("our price sheet for winter servicing",),
        "introduced_name": ("Paul Okafor",),
        "introduced_first": ("Paul",),
        "thread_need": ("a stand-in bookkeeper for the spring",),
        "thread_need_elsewhere": ("a forklift licence course",),
        "thread_need_near": ("our guide to winter payroll checks",),
        "blocked_on": ("your site questionnaire",),
        "promise_for": ("the spring open day",),
        "next_step_spoken": ("book a tasting for your buyers",),
        "thread_work": ("more fit-out jobs in the new year",),
        "thread_work_spoken": ("more fit-out jobs in the new year",),
        "proposed_step": ("a walk round the bottling line",),
        "proposed_step_spoken": ("the walk round the bottling line",),
        "proposed_by": ("Your e-mail",),
        "thread_told_spoken": ("your payslips go out late every other month",),
        "thread_told": ("their payslips go out late every other month",),
        "thread_heard": ("her last cheese shipment to Zurich was sent back",),
        "ask_it": ("it", "them"),
        "thread_need_unserved": ("a forklift licence course",),
        "thread_need_ours": ("someone to look at the bent racks",),
        "callback_day": ("Thu 10 Dec", "Mon 4 Jan 2027", "the week of 14 Dec"),
        "callback_after": ("after Mon 14 Dec",),
        "they_ring_when": ("after the 17th", "once the board has met"),
        "invite_yes": ("wants to come to the open day with two colleagues",),
        "invite_yes_name": ("the open day on Thu 14 Jan",),
        "callback_when": ("on Thu 10 Dec", "after Mon 14 Dec", "in the week of 14 Dec"),
        "thread_name_asked": ("a firm that does energy audits of sports halls",),
        "thread_name_asked_spoken": ("a firm that does energy audits of your sports halls",),
        "thread_plan": ("open a second kitchen by the summer", "get certified before the audit"),
        "thread_plan_lead": ("would like to", "has to"),
        "thread_worry": ("the new caterer missing deliveries",),
        "thread_worry_lead": ("is worried about", "is not happy with"),
    }


GRID = _grid()

_DOUBLED_RE = re.compile(r"\b(\w+)\s+\1\b", re.I | re.U)
_HAS_VERB_RE = re.compile(
    r"\b(?:has|have|had)\s+(?:send|share|introduce|intro|book|make|call|forward|give|email)\b", re.I
)
_TWO_ARTICLES_RE = re.compile(r"\b(?:a|an|the|our|your|my)\s+(?:a|an|the|our|your|my)\b", re.I)
_LOWER_START_RE = re.compile(r"(?:^|[.!?]\s+)([a-z])")
_SPACE_BEFORE_RE = re.compile(r"\s[,.;:!?)]")


def problems(text: str) -> list[str]:
    """What reads wrong in one rendered text (empty when it reads right)."""
    found = []
    if "{" in text or "}" in text:
        found.append("unfilled brace")
    for match in _DOUBLED_RE.finditer(text):
        first, second = match.group(0).split()[0], match.group(0).split()[-1]
        if first != second and second.isupper():
            continue  # "at AT&T" is a word and an acronym
        found.append(f"doubled word {match.group(0)!r}")
    if _HAS_VERB_RE.search(text):
        found.append(f"dangling {_HAS_VERB_RE.search(text).group(0)!r}")
    if "''s" in text or "'s's" in text or "’s’s" in text or "'s'" in text:
        found.append("broken possessive")
    if "  " in text:
        found.append("double space")
    if _SPACE_BEFORE_RE.search(text):
        found.append(f"space before punctuation {_SPACE_BEFORE_RE.search(text).group(0)!r}")
    if re.search(r"[,;:]\s*[,;:.]|\.\.(?!\.)|\(\s*\)", text):
        found.append("stray punctuation")
    if _TWO_ARTICLES_RE.search(text):
        found.append(f"two articles {_TWO_ARTICLES_RE.search(text).group(0)!r}")
    if _LOWER_START_RE.search(text):
        found.append("sentence starts in lower case")
    return found


def renderings(entry: Entry) -> list[str]:
    """`entry` (text and short) with every grid value of every placeholder it uses at least once."""
    rounds = max(len(values) for values in GRID.values())
    out = []
    for n in range(rounds):
        values = {key: options[(n + k) % len(options)] for k, (key, options) in enumerate(GRID.items())}
        out.append(entry.render(values))
        if entry.short:
            out.append(entry.render_short(values))
    return out


@pytest.fixture(scope="module")
def playbook():
    return load_playbook()


def every_entry(pb):
    return [*pb.reasons, *pb.openers, *pb.goals, *pb.fallbacks, *pb.voicemails, *pb.gap_notes]


def test_the_grid_covers_every_placeholder():
    assert set(GRID) == PLACEHOLDERS


def test_every_template_reads_right_for_every_value(playbook):
    bad = []
    for entry in every_entry(playbook):
        for text in renderings(entry):
            bad.extend(f"{entry.id}: {p}: {text}" for p in problems(text))
    assert not bad, "\n".join(bad[:20])


# --- the checker can fail -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Send send migration template you promised", "doubled word"),
        ("Noah has send migration template.", "dangling"),
        ("Olga has intro her to our CTO.", "dangling"),
        ("Ask about O'Brien''s work.", "broken possessive"),
        ("Ask about Zoë's's team.", "broken possessive"),
        ("Share {offer_name} with Jane.", "unfilled brace"),
        ("Share it  with Jane.", "double space"),
        ("Share it , then call.", "space before punctuation"),
        ("Share the the deck.", "doubled word"),
        ("Share the our checklist.", "two articles"),
        ("It is late. a day late: send it.", "sentence starts in lower case"),
        ("Call her,, then rest.", "stray punctuation"),
    ],
)
def test_the_checker_catches_each_mistake(text, problem):
    assert any(p.startswith(problem) for p in problems(text)), problems(text)


def test_the_checker_passes_good_sentences():
    for text in (
        "You said you would introduce her to our CTO (3 days late).",
        "Hi Siobhán, it's Seán O'Brien; we met at Money20/20 on Friday.",
        "Send Zoë the Northwind case study (https://example.com/a?b=c&d=e) and ask whether it helps.",
        "Ask about O'Reilly Media's current focus.",
    ):
        assert problems(text) == [], (text, problems(text))


def test_a_bad_template_fails_the_grid():
    """The grid finds what the old templates did: "Send send …", "Noah has send …"."""
    for template, problem in (
        ("Send {promise} you promised", "doubled word"),
        ("{contact_first_name} has {promise}.", "dangling"),
        ("Ask about {contact_first_name}'s work; {contact_first_name}''s team.", "broken possessive"),
        ("Share the {offer_name} now.", "two articles"),
    ):
        entry = Entry("bad", template, fields=frozenset())
        found = [p for text in renderings(entry) for p in problems(text)]
        assert any(p.startswith(problem) for p in found), (template, found)


# --- what the engine puts into the templates reads right too -------------------------------------------


def _story_contacts():
    """Each name with each action across the story states: promise due, late or kept; introducer,
    referral before and after reaching; meetings ahead, unconfirmed and held; a call's next step;
    let go; a streak of unanswered tries."""
    out = []
    n = 0
    for name in NAMES:
        for k, action in enumerate(ACTIONS):
            n += 1
            base = dict(
                id=n,
                name=name,
                company=COMPANIES[n % len(COMPANIES)],
                role=ROLES[n % len(ROLES)] if n % 3 else None,
                event=EVENTS[n % len(EVENTS)] if n % 4 else None,
                met_on=TODAY - timedelta(days=(n * 5) % 120),
                notes=("met at the booth, building a recommender team; hiring data engineers", None)[n % 2],
                promise=action,
                promise_due=TODAY + timedelta(days=(k % 7) - 4),
            )
            states = [
                {},
                {"promise_done": True, "introducer": PEOPLE[n % len(PEOPLE)]},
                {"referred_by": PEOPLE[n % len(PEOPLE)], "promise": None},
                {"referred_by": PEOPLE[n % len(PEOPLE)], "ever_reached": True, "last_outcome": "voicemail"},
                {"meeting_on": TODAY + timedelta(days=3)},
                {"meeting_on": TODAY - timedelta(days=3)},
                {"meeting_on": TODAY - timedelta(days=6), "meeting_confirmed": True, "promise_done": True},
                {
                    "last_outcome": "reached",
                    "last_call_on": TODAY - timedelta(days=2),
                    "last_call_notes": "wants the case study, budget in Q1",
                    "promise_done": True,
                },
                {"stage": Stage.LET_GO, "let_go_on": TODAY - timedelta(days=9)},
                {"unanswered_streak": 3, "last_outcome": "no-answer", "email": "x@example.com"},
            ]
            out.extend(ContactFacts(**{**base, **state}) for state in states)
    return out


def test_prepared_points_read_right_for_every_story(playbook):
    offers = [
        OfferFacts(1, "Case study: how Northwind cut churn 30%", topics=("#case-study", "recommender")),
        OfferFacts(2, "Engineering hiring checklist", topics=("#hiring", "#engineering")),
        OfferFacts(3, "Invitation: Founders & Operators dinner", topics=("#event", "data engineers")),
    ]
    user = UserFacts("Seán O'Brien", phone="+1 415 555 0199")
    bad = []
    contacts = _story_contacts()
    for someone in contacts:
        p = prepare(someone, user=user, offers=offers, others=contacts[:40], today=TODAY, playbook=playbook)
        texts = [p.reason.text, p.reason.short, p.opener, p.goal, p.fallback, p.voicemail, p.gap_note or ""]
        texts += [t for a in p.alternatives for t in (a.text, a.short)]
        for text in filter(None, texts):
            bad.extend(f"{someone.name} / {someone.promise}: {prob}: {text}" for prob in problems(text))
    assert not bad, "\n".join(bad[:20])
