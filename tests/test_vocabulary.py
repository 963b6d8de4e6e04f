"""seeds/vocabulary.toml on its own: well formed, and offers meet needs by meaning, not by a shared word."""

from __future__ import annotations

from collections import Counter

import pytest

from bot.domain.talking_points.facts import (
    _GENERIC_TOPICS,
    _NEED_STOPS,
    OfferFacts,
    _combined,
    _profile,
    _stem,
    _topic,
)
from bot.domain.talking_points.offer_match import _match_offer
from seeds import vocabulary


def test_every_word_belongs_to_one_topic_and_keys_are_unique():
    data = vocabulary()
    keys = [t["key"] for t in data["topic"]]
    assert len(keys) == len(set(keys))
    counts = Counter(stem for t in data["topic"] for stem in {_stem(w) for w in t["words"]})
    assert [w for w, n in counts.items() if n > 1] == []
    assert all(isinstance(w, str) and " " not in w for w in data["broad"])


def fits(tags: tuple[str, ...], role: str | None, notes: str) -> bool:
    text, role_end = _combined(role, notes)
    return _match_offer(OfferFacts(1, "An offer", None, tags), _profile(text, role_end)).strength > 0


@pytest.mark.parametrize(
    ("tags", "role", "notes", "expected"),
    [
        (("recruiting", "leadership"), None, "needs a head of sales, and headhunter fees are steep", True),
        (("recruiting", "leadership"), None, "hiring three warehouse pickers", False),  # hiring, not leaders
        (("recruiting", "leadership"), None, "wants to hire a VP of sales this quarter", True),
        (("payroll", "migration"), None, "migrating their data warehouse to a new cloud", False),
        (("payroll", "finance"), None, "finance", False),
        (("payroll", "finance"), None, "payslip runs keep failing and the finance team is fed up", True),
        (("legal", "contracts"), "counsel", "", True),
        (("legal", "contracts"), None, "needs a lawyer who knows contracts", True),
        (("procurement",), None, "sourcing new packaging suppliers", True),
        (("logistics",), None, "freight costs doubled since spring", True),
        (("security",), None, "nervous about infosec reviews from big customers", True),
        (
            ("security",),
            None,
            "security deposit for the new office",
            True,
        ),  # a word is a word: the offer's other tags must narrow it
    ],
)
def test_offers_meet_needs_by_meaning(tags, role, notes, expected):
    assert fits(tags, role, notes) is expected


def test_the_vocabulary_is_a_thesaurus_of_plain_words():
    data = vocabulary()
    keys = {t["key"] for t in data["topic"]}
    assert 200 <= len(keys) <= 300
    for topic in data["topic"]:
        # an offer tagged with the key itself meets the topic: the key is one of its words' forms
        assert _topic(_stem(topic["key"])) == topic["key"], topic["key"]
        for word in topic["words"]:
            assert word == word.lower() and word.strip() == word and " " not in word, word
            assert _stem(word) not in _NEED_STOPS, word  # "will", "may", "it": never a topic word
    # a broad word inside a topic makes the whole topic broad: only these are, on purpose
    assert sorted(k for k in _GENERIC_TOPICS if k in keys) == ["event", "hire", "migration"]


def fits_offer(title: str, tags: tuple[str, ...], notes: str, role: str | None = None) -> bool:
    """`fits` for an offer with a title: without tags its title's words stand in for them."""
    text, role_end = _combined(role, notes)
    return _match_offer(OfferFacts(2, title, None, tags), _profile(text, role_end)).strength > 0


# An offer and a note from many trades that say the same need in different words.
MEET = [
    ("Winter roof safety", (), "Every winter the caretakers shovel the drifts off the mall's roof"),
    (
        "Snow on flat roofs",
        ("snow", "roof"),
        "Every winter the caretakers shovel the drifts off the mall's roof",
    ),
    (
        "Racking inspections",
        ("racking", "inspection"),
        "their shelving was not inspected since a forklift hit it",
    ),
    ("Logistics park intro", ("warehousing",), "wants warehouse-size jobs"),
    ("Boiler care plan", ("hvac", "maintenance"), "the boiler and ventilation upkeep is overdue"),
    ("Care staffing guide", ("nurses", "hiring"), "recruiting carers for two care homes"),
    ("Teacher recruiting", ("teachers", "recruitment"), "hiring tutors for the spring term"),
    ("Solar subsidies explained", ("solar", "grant"), "wants subsidies for photovoltaic panels on the barn"),
    ("ESG report template", ("esg", "report"), "the board wants a sustainability report by March"),
    ("Carbon accounting 101", ("carbon",), "customers ask for their CO2 emissions per pallet"),
    ("Payroll for small firms", ("payroll", "accounting"), "their bookkeeper also runs the payslips"),
    ("Fractional CFO network", ("cfo",), "needs a part-time comptroller"),
    ("Dispute playbook", ("litigation", "legal"), "a supplier lawsuit drags on and they need an attorney"),
    ("Protect your brand", ("trademark",), "wants to patent the new valve"),
    ("Fleet insurance review", ("insurance",), "their insurer refused to renew the policy"),
    ("Forklift courses", ("forklift", "training"), "needs upskilling for the pallet handlers"),
    ("Allergen rules for kitchens", ("haccp", "restaurant"), "the bistro failed its allergen check"),
    ("Shipping for online shops", ("ecommerce", "logistics"), "their webshop parcels keep arriving late"),
    ("Interpreters on call", ("translation",), "wants an interpreter for the Osaka trade fair"),
    ("Phishing drills", ("cybersecurity", "audit"), "the bank's auditor asked about phishing"),
    ("Cloud move guide", ("cloud", "migration"), "migrating their servers to Azure this year"),
    ("CRM setup", ("crm",), "their reps live in spreadsheets; evaluating HubSpot"),
    ("UX review", ("ux", "design"), "wants a designer to fix the usability of their checkout"),
    ("Press list", ("pr",), "needs a publicist before the launch"),
    ("Storm damage checklist", ("storm", "roof"), "the hurricane tore the gutters off"),
    ("Flood barriers", ("flood",), "the basement keeps flooding"),
    ("Office cleaning rota", ("cleaning", "office"), "the janitorial contract for their office ends soon"),
    ("Pest control", ("pest",), "rodents in the grain store again"),
    ("Lift upkeep", ("elevator", "maintenance"), "the escalator servicing contract is up for renewal"),
    ("Welding apprenticeships", ("apprenticeship", "welding"), "wants to take on trainee welders"),
    ("Grants for charities", ("grant", "nonprofit"), "the charity is chasing subsidies for a minibus"),
    ("Moving staff abroad", ("visa", "relocation"), "needs immigration help and expat housing for new hires"),
    ("ISO 9001 in a month", ("certification",), "wants to get accredited before the tender"),
    ("Decarbonization roadmap", ("decarbonization",), "their decarbonisation plan is late"),
    ("Find an accountant", ("accounting",), "their accountancy firm is retiring"),
    ("Electricians on call", ("electrician",), "can't find a sparky for the new units"),
    ("Bricklayers wanted", ("bricklayer", "hiring"), "hiring two brickies before spring"),
]


@pytest.mark.parametrize(("title", "tags", "notes"), MEET, ids=[m[0] for m in MEET])
def test_an_offer_meets_the_same_need_in_other_words(title, tags, notes):
    assert fits_offer(title, tags, notes)


def test_a_job_title_alone_meets_its_topic():
    assert fits_offer("HR partner circle", ("hr",), "", role="HRBP")
    assert fits_offer("HR partner circle", ("hr",), "", role="Head of Personnel")


# A word they share, and a different need: no fit.
APART = [
    ("Sales leaders dinner", ("sales", "leadership"), "needs a head of data"),
    ("Data leaders dinner", ("data", "leadership"), "hiring a head of sales"),
    ("Engineering leaders", ("leadership", "engineer"), "new head of marketing"),
    ("Warehouse safety", ("warehouse", "forklift"), "migrating their data warehouse to Snowflake"),
    ("Snow on flat roofs", ("snow", "roof"), "moving their data warehouse to Snowflake"),
    ("Winter roof safety", ("winter", "roof"), "decision after winter, once the budget is set"),
    ("Care staffing guide", ("nurses", "hiring"), "hiring ten sales reps"),
    ("Office cleaning rota", ("cleaning", "office"), "cleaning up their CRM data"),
    ("Phishing drills", ("cybersecurity", "audit"), "security guards for the new warehouse"),
    ("Guards on call", ("cctv", "guard"), "needs a security review of their cloud"),
    ("Investor pitch clinic", ("pitch", "investor"), "the roof pitch is too steep for solar"),
    ("Forklift courses", ("training", "forklift"), "their train to Hamburg was cancelled"),
    ("Event catering", ("event", "catering"), "met at the conference, wants help with pricing"),
    ("Fleet insurance review", ("insurance", "fleet"), "their insurer covers the office"),
    ("Mortgage brokers", ("mortgage",), "a loan for a new truck"),
    ("Counselling for staff", ("counselling",), "needs legal counsel on a contract"),
    ("Tariff guide", ("tariff",), "custom software for their shop"),
    ("EV chargers", ("charger",), "charging too much for delivery"),
    ("Landlord rights", ("landlord",), "letting two sales reps go"),
    ("Heat pumps", ("hvac",), "their crew struggles in the heatwave"),
]


@pytest.mark.parametrize(("title", "tags", "notes"), APART, ids=[a[0] + ": " + a[2] for a in APART])
def test_a_shared_word_is_not_a_shared_need(title, tags, notes):
    assert not fits_offer(title, tags, notes)
