"""seeds/vocabulary.toml on its own: well formed, and offers meet needs by meaning, not by a shared word."""

from __future__ import annotations

from collections import Counter

import pytest

from bot.domain.talking_points import ContactFacts
from bot.domain.talking_points.facts import (
    _GENERIC_TOPICS,
    _NEED_STOPS,
    OfferFacts,
    _combined,
    _profile,
    _stem,
    _topic,
)
from bot.domain.talking_points.intros import _intro_candidates
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
    assert 380 <= len(keys) <= 500
    for topic in data["topic"]:
        # an offer tagged with the key itself meets the topic: the key is one of its words' forms
        assert _topic(_stem(topic["key"])) == topic["key"], topic["key"]
        for word in topic["words"]:
            assert word == word.lower() and word.strip() == word and " " not in word, word
            assert _stem(word) not in _NEED_STOPS, word  # "will", "may", "it": never a topic word
    # a broad word inside a topic makes the whole topic broad: only these are, on purpose ("training"
    # alone is HACCP for a kitchen or latte art for baristas: it needs the other tag to say which)
    # and "compliance" alone is GDPR, tax e-invoicing or a pharmacy's shelf rules (round 152)
    assert sorted(k for k in _GENERIC_TOPICS if k in keys) == [
        "compliance",
        "event",
        "hire",
        "migration",
        "planning",
        "training",
    ]


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


# Needs from many more trades, and the offer that meets each in other words.
MEET_TRADES = [
    ("Wine list clinic", ("sommelier",), "the new bistro wants help stocking its cellar"),
    ("Dinner pairings night", ("wine",), "floor staff can't suggest pairings for the tasting menu"),
    ("Barista training", ("barista", "training"), "their espresso is bitter and the staff need training"),
    ("Cocktail masterclass", ("mixology",), "the hotel bar wants a bartender who can build a menu"),
    ("Cold-chain haulage", ("coldchain", "logistics"), "chilled deliveries arrive warm; the haulier shrugs"),
    ("Wayfinding audit", ("wayfinding",), "patients get lost between wards, so they want clearer signage"),
    ("Accessibility audits", ("accessibility",), "wheelchair users cannot reach the upstairs gallery"),
    (
        "Lift servicing",
        ("elevator", "maintenance"),
        "the goods lift breaks down weekly and upkeep is overdue",
    ),
    ("Import paperwork", ("tariff",), "they became an importer of Italian tiles and have no EORI number"),
    ("Pallet handling", ("forklift",), "three new FLT drivers start in May"),
    ("Pest control", ("pest",), "the café found cockroaches behind the fridge"),
    ("Door supervisors", ("guard",), "short of stewards for the summer festival"),
    ("Fire drills", ("firesafety",), "the last evacuation took far too long"),
    ("Dyslexia-friendly lessons", ("neurodiversity",), "the SENCO wants resources for autistic pupils"),
    ("Streetlight upgrades", ("luminaire",), "the council's floodlights at the sports ground keep failing"),
    ("Car park resurfacing", ("paving",), "the tarmac outside the depot is breaking up"),
    ("Plastering crew", ("plaster",), "drywall in the new flats must be patched before handover"),
    ("Calibration service", ("calibration",), "their checkweighers need a UKAS-traceable check"),
    ("Powder coating", ("powdercoat",), "the railings need galvanising before winter"),
    ("Soil advice", ("agronomy",), "yields fell and they want the soil tested"),
    ("Grant writing", ("grant", "nonprofit"), "the charity wants to fund a scholarship"),
    ("Donor care", ("donor",), "their benefactors drifted away after the gala"),
    ("Film crew", ("film",), "a videographer for the product launch"),
    ("Subtitles for video", ("caption",), "their webinars have no captions"),
    ("Proofreading", ("proofread",), "the annual report needs a copyeditor"),
    ("Employment disputes", ("grievance",), "two disciplinary cases are open at the depot"),
    ("Cap table tidy-up", ("shareholder",), "the cofounders argue over vesting"),
    ("Water hygiene", ("legionella",), "a Legionnaires scare at the leisure centre"),
    ("Dementia care training", ("eldercare",), "their domiciliary carers ask for support"),
    ("First aid at work", ("defibrillator",), "the gym has no AED and nobody knows CPR"),
    ("Flu jabs at work", ("vaccine",), "wants a vaccination day for the warehouse crew"),
    ("Local meat", ("meat",), "their butcher retired last month"),
    ("Garden party cover", ("marquee",), "the garden party needs a gazebo in case of rain"),
    ("Event AV", ("audiovisual",), "the projector and microphones failed at their summit"),
    ("Linen service", ("linen",), "the guesthouse laundry can't keep up"),
    ("Confidential shredding", ("shred",), "boxes of old payslips need a shredder"),
    ("Refugee employment", ("refugee",), "they want to hire people granted asylum"),
    ("Cladding checks", ("facade",), "the insurer asks about the cladding on block B"),
]


@pytest.mark.parametrize(("title", "tags", "notes"), MEET_TRADES, ids=[m[0] for m in MEET_TRADES])
def test_an_offer_meets_a_trade_need_in_other_words(title, tags, notes):
    assert fits_offer(title, tags, notes)


# A word they share, or a word of another trade, and a different need: no fit.
APART_TRADES = [
    ("Wine pairing dinner", ("sommelier", "restaurant"), "pairing junior developers with seniors"),
    ("Refrigerated transport", ("coldchain", "logistics"), "wants a fridge for the staff room"),
    ("Cold-chain haulage", ("coldchain",), "the walk-in freezer keeps tripping"),  # a fridge engineer's job
    ("Fridge repairs", ("refrigeration",), "chilled loads arrive warm from the supplier"),  # a haulier's
    ("Pest control", ("pest",), "the mouse on her laptop stopped working"),
    ("Fire safety", ("firesafety",), "firing two reps before Christmas"),
    ("Lift servicing", ("elevator", "maintenance"), "the new ads gave sales a lift"),
    ("Takeout platforms", ("takeout",), "the key takeaway from the workshop was pricing"),
    ("Accessibility audits", ("accessibility",), "wants API access for their data team"),
    ("Work uniforms", ("workwear",), "a uniform approach to pricing"),
    ("Currency hedging", ("fx",), "trimming the hedges around the office"),
    ("Grievance handling", ("grievance", "hr"), "airs grievances about the CRM"),
    ("Wayfinding signage", ("signage",), "wants to sign the contract by Friday"),
    ("Shuttle buses", ("minibus",), "their event bus drops messages under load"),
    ("Bathroom refits", ("bathroom",), "a gift for the baby shower"),
    ("Parquet floors", ("floorer",), "stores the data in Parquet files"),
]


@pytest.mark.parametrize(
    ("title", "tags", "notes"), APART_TRADES, ids=[a[0] + ": " + a[2] for a in APART_TRADES]
)
def test_a_word_of_another_trade_is_not_the_need(title, tags, notes):
    assert not fits_offer(title, tags, notes)


def introduces(needs: str, role: str, notes: str = "") -> bool:
    """Whether a contact whose notes say `needs` is offered an introduction to one with `role`."""
    asker = ContactFacts(1, "Asker", notes=needs)
    other = ContactFacts(2, "Helper", role=role, notes=notes)
    return any(m.other.id == 2 for m in _intro_candidates(asker, _profile(*_combined(None, needs)), [other]))


# One contact's need, and another contact whose role or trade meets it in other words.
INTRO_FITS = [
    ("Opening a wine bar in May; needs pairings for the tasting menu", "Sommelier", ""),
    ("Their hotel restaurant can't find a sommelier", "Wine buyer", "supplies three restaurants"),
    ("Clinic expansion; looking for wayfinding before the new wing opens", "Signage designer", ""),
    ("Care home group, needs a chiropodist for residents", "Podiatrist", ""),
    ("Runs a sports club and is looking for an osteopath", "Chiropractor", ""),
    ("Refitting flats; needs a plasterer", "Drylining contractor", ""),
    ("New rooftop bar, seeking a bartender", "Mixologist", "runs cocktail training for hotels"),
    ("Half-marathon organiser, needs a paramedic for race day", "Ambulance service manager", ""),
    ("Two partners fell out; looking for a mediator", "Mediation practice lead", ""),
    ("Secondary school, needs an invigilator for the summer", "Exam officer", ""),
    ("Gym chain that needs a dietitian", "Nutritionist", ""),
    ("Launching a brand film and needs a videographer", "Filmmaker", ""),
    ("Hospice fundraiser, looking for a proofreader", "Copyeditor", ""),
    ("Riding school that can't find a farrier", "Equine services", "shoes horses across the county"),
]


@pytest.mark.parametrize(("needs", "role", "notes"), INTRO_FITS, ids=[i[0] for i in INTRO_FITS])
def test_a_need_meets_the_trade_that_serves_it(needs, role, notes):
    assert introduces(needs, role, notes)


INTRO_APART = [
    ("Wine shop owner; needs a wine importer", "Sommelier", ""),  # importing, not choosing bottles
    ("Office block owner; needs a structural engineer", "Software engineer", ""),
    ("Looking for a lift engineer for the car park", "Backend engineer", "Python and Go"),
    ("Bistro owner; needs a new freezer", "Cold-chain haulier", ""),
    ("Needs a wedding photographer", "Wine buyer", "supplies three restaurants"),
]


@pytest.mark.parametrize(("needs", "role", "notes"), INTRO_APART, ids=[i[0] for i in INTRO_APART])
def test_a_shared_word_makes_no_introduction(needs, role, notes):
    assert not introduces(needs, role, notes)


# What they see, not the name of the fix: a symptom in the notes meets the offer that remedies it.
MEET_SYMPTOMS = [
    (
        "Dry shipping containers",
        ("humidity", "desiccant"),
        "the sofas from Vietnam land with mildew on the frames",
    ),
    ("Damp-proofing survey", ("dampproofing",), "the holiday cottages smell musty every March"),
    (
        "Drop-test your boxes",
        ("packaging", "droptest"),
        "one candle jar in ten reaches the customer as a breakage",
    ),
    (
        "GS1 barcodes done right",
        ("barcode", "gs1"),
        "the distributor rejects pallets whose EAN codes are unscannable",
    ),
    ("Pest control", ("pest",), "squirrels gnawed through the loft wiring"),
    ("Garden clearance", ("landscaping",), "the yard behind the depot is overgrown with knotweed"),
    ("Graffiti removal", ("graffiti",), "the shutters were defaced twice this month"),
    ("Alarm systems", ("alarm", "intruder"), "the tool store was burgled over Easter"),
    ("Draught-proofing", ("insulation",), "the old schoolrooms are draughty all winter"),
    ("Drain unblocking", ("drainage",), "the car park is waterlogged after every shower"),
    ("Stock planning", ("inventory",), "two stockouts before Christmas cost them shelf space"),
    ("Pick accuracy", ("warehouse", "wms"), "mispicks are up since the peak temps started"),
    ("Credit control", ("creditcontrol", "invoicing"), "their invoices pile up unpaid for ninety days"),
    ("Debt recovery", ("debtrecovery",), "three latepayers owe them half the quarter"),
    ("Workplace physio", ("physio", "msk"), "half the packers complain of backache"),
    ("Dental plan for staff", ("dental",), "the drivers keep phoning in with toothache"),
    ("Mediation", ("mediation",), "the two founders have been feuding since the spring"),
    ("Anti-bullying training", ("grievance", "hr"), "the HR lead has a bullying complaint on her desk"),
    ("Wellbeing programme", ("wellbeing",), "the night shift is overworked and demotivated"),
    ("Email deliverability", ("deliverability", "dmarc"), "their order confirmations land in spam"),
    ("Brand protection", ("trademark",), "counterfeits of their trainers sell on market stalls"),
    ("Chargeback defence", ("payment",), "chargebacks ate the margin on the webshop"),
    ("Infection control", ("infection",), "a norovirus outbreak closed two wards"),
    ("Filling your open days", ("event", "marketing"), "turnout at their open days has halved"),
    ("Anti-corrosion coatings", ("corrosion",), "the railings by the harbour are badly corroded"),
]


@pytest.mark.parametrize(("title", "tags", "notes"), MEET_SYMPTOMS, ids=[m[0] for m in MEET_SYMPTOMS])
def test_a_symptom_meets_the_offer_that_remedies_it(title, tags, notes):
    assert fits_offer(title, tags, notes)


# A symptom of another remedy, or a word of the symptom in another sense: no fit.
APART_SYMPTOMS = [
    (
        "Dry shipping containers",
        ("humidity", "desiccant"),
        "the flat roof leaks over the stockroom",
    ),  # a roofer
    ("Roof leak repairs", ("leak", "roof"), "condensation drips inside the containers"),  # not a roof
    ("EU packaging rules", ("packaging", "ppwr"), "the scanners can't read the carton barcodes"),
    ("EU packaging rules", ("packaging", "ppwr", "regulation"), "cartons arrive dented and crushed"),
    ("Credit control", ("creditcontrol", "invoicing"), "an unpaid internship for the summer"),
    ("Business loans", ("loan",), "needs a debt collector for two old customers"),
    ("Pest control", ("pest",), "the bug tracker is full of crash reports"),
    ("Email deliverability", ("deliverability",), "their web shop is slow at checkout"),
    ("Blog writing", ("blog",), "needs a copywriter for the spring catalogue"),  # a form, not a topic
    ("Workplace physio", ("physio",), "a backlog of orders after the strike"),
]


@pytest.mark.parametrize(
    ("title", "tags", "notes"), APART_SYMPTOMS, ids=[a[0] + ": " + a[2] for a in APART_SYMPTOMS]
)
def test_a_symptom_of_another_remedy_is_not_the_need(title, tags, notes):
    assert not fits_offer(title, tags, notes)


def test_a_format_word_leaves_the_topic_of_an_offer_about_writing():
    # "#copywriting" and "#content" say what the offer is about; only "#blog" is its form
    assert fits_offer("Copy that sells", ("copywriting", "seo"), "needs a copywriter who knows SEO")
    assert not fits_offer("Copy that sells", ("copywriting", "seo"), "their SEO agency ranks them well")


SYMPTOM_INTROS = [
    ("Runs six holiday cabins and needs the damp sorted", "Damp-proofing contractor", ""),
    (
        "Ceramics studio; wants the breakages to stop",
        "Packaging engineer",
        "designs mailers for fragile goods",
    ),
    ("Bakery chain, needs the stockouts fixed", "Inventory planner", ""),
    ("Needs a fitter for the new kitchen", "Tradesman", "joinery and kitchen installs"),
]


@pytest.mark.parametrize(("needs", "role", "notes"), SYMPTOM_INTROS, ids=[i[0] for i in SYMPTOM_INTROS])
def test_a_symptom_meets_the_trade_that_fixes_it(needs, role, notes):
    assert introduces(needs, role, notes)


SYMPTOM_INTROS_APART = [
    ("Refitting the café; needs a kitchen fitter", "Head chef", ""),  # fits kitchens, does not cook
    ("Looking for a debt collector", "Business lender", ""),  # chasing what is owed, not borrowing
    ("Runs six holiday cabins and needs the damp sorted", "Roofer", ""),
]


@pytest.mark.parametrize(
    ("needs", "role", "notes"), SYMPTOM_INTROS_APART, ids=[i[0] for i in SYMPTOM_INTROS_APART]
)
def test_a_symptom_makes_no_introduction_to_another_trade(needs, role, notes):
    assert not introduces(needs, role, notes)


# Needs of IT and data-room leads, plant, quality and compliance managers, HR, marketing, public buyers,
# labs, architects and developers, said in other words than the offer's.
MEET_FIELDS = [
    (
        "Alerts that page you",
        ("monitoring",),
        "the on-call engineer wants PagerDuty wired to their Zabbix checks",
    ),
    ("Staying up", ("outage",), "the failover never kicked in when the primary site went dark"),
    ("Standby power audit", ("generator",), "brownouts keep resetting the tills in the shop"),
    ("Panel checks", ("electrical", "inspection"), "the switchgear in hall 2 was never inspected"),
    ("Infrared surveys", ("thermography",), "their insurer wants an RCD and busbar check"),
    ("Hot comms rooms", ("hvac",), "the CRAC unit in their comms room can't keep up in August"),
    ("Space for your servers", ("datacentre",), "they want their kit in a colo near the ring road"),
    ("Laptops under control", ("mdm",), "laptops are set up by hand and they are trialling Intune"),
    ("Virtual desktops", ("virtualisation",), "the VMware renewal tripled after the buyout"),
    ("Branch networks", ("connectivity",), "the branch VPN drops every afternoon"),
    ("Managed detection", ("security",), "their auditor wants a SIEM before the renewal"),
    ("Root-cause workshops", ("defect",), "a customer complaint needs a CAPA and a fresh FMEA"),
    ("Lean on the shop floor", ("kaizen",), "OEE on the bottling line sits at 55%"),
    (
        "Grease schedules",
        ("lubrication",),
        "the fitters over-grease the bearings; they want a tribology survey",
    ),
    ("Explosive atmospheres", ("atex",), "the grain dryer needs a DSEAR assessment"),
    ("Health surveillance", ("occhealth",), "the sanders are due spirometry and audiometry"),
    ("Face-fit testing", ("rpe",), "the spray booth crew wear respirators nobody has fitted"),
    ("Anti-bribery training", ("bribery",), "a distributor abroad asked for a kickback"),
    ("Ethical sourcing", ("slavery",), "a retailer asked whether their cotton comes from sweatshops"),
    ("Privacy impact", ("compliance",), "they need a DPIA before the new CCTV goes live"),
    ("Shift planning", ("rota",), "the care home managers build rosters in Excel"),
    ("Hiring abroad", ("payroll",), "hiring two engineers in Spain through a PEO"),
    ("Staff helpline", ("wellbeing",), "the union asked for an EAP after the restructure"),
    ("Drafting support", ("cad",), "the practice needs a draughtsman who knows Revit"),
    ("Cost planning", ("estimator",), "the contractor has a bill of quantities but no BOQ checker"),
    ("Ecology surveys", ("ecology",), "great crested newts stalled the planning application"),
    ("Green building ratings", ("breeam",), "the developer is aiming for Passivhaus on the new school"),
    ("Lab software", ("laboratory",), "samples are tracked on paper and they want a LIMS"),
    ("Inspection readiness", ("gmp",), "the FDA visit is booked for June"),
    ("Month-end close", ("accounting",), "bank reconciliations take the bookkeeper a week"),
    ("R&D tax relief", ("tax",), "they never claimed RDEC on their firmware work"),
    ("Account-based selling", ("marketing",), "they want ABM for twelve target accounts"),
    ("Brand refresh", ("branding",), "a rebrand is planned before the merger"),
    ("Bid writing", ("tender",), "the council sent a PQQ due Friday"),
    ("Energy data", ("energy",), "they want submetering for each tenant"),
    ("Driver cameras", ("fleet",), "they want dashcams after two claims"),
    ("Loading bay doors", ("dockleveller",), "the roller shutters at bay 4 jam every morning"),
    ("Handling aggressive visitors", ("deescalation",), "reception staff face aggression from patients"),
    ("Spill kits", ("hazmat",), "the COSHH assessment for the cleaning store is years old"),
    ("Near-miss reporting", ("safety",), "two near misses went unreported until a RIDDOR"),
]


@pytest.mark.parametrize(("title", "tags", "notes"), MEET_FIELDS, ids=[m[0] for m in MEET_FIELDS])
def test_an_offer_meets_a_field_need_in_other_words(title, tags, notes):
    assert fits_offer(title, tags, notes)


# A word they share in another sense, or one word of a two-topic offer: no fit.
APART_FIELDS = [
    ("Uptime monitoring", ("monitoring", "servers"), "air-quality monitoring by the school gates"),
    ("Incident alerting", ("monitoring",), "their dashboard of sales KPIs lives in Power BI"),
    ("Backup power", ("generator",), "the tender is in its blackout period until March"),
    ("Backup power", ("generator",), "blackout blinds for all eighty hotel rooms"),
    ("UPS battery swaps", ("generator",), "UPS lost two parcels this week"),
    ("Batteries for UPS", ("generator",), "advises start-ups on their follow-ups"),
    ("Failover design", ("outage", "cloud"), "machine downtime on the press line"),
    ("Thermal imaging", ("thermography", "maintenance"), "wifi hotspots keep dropping in the lobby"),
    ("Colocation space", ("datacentre",), "the dogs' cages at the kennels need replacing"),
    ("Anti-bribery", ("bribery",), "corrupted backup files after the crash"),
    ("Lubrication surveys", ("lubrication",), "the drains are clogged with kitchen grease"),
    ("Timesheet app", ("rota", "payroll"), "a roster of blue-chip clients"),
    ("Month-end close", ("accounting",), "hoping to reconcile the two founders"),
    ("Hiring abroad", ("payroll",), "needs an EORI number for the imports"),
    ("Bid writing", ("tender",), "short of places for initial teacher training (ITT)"),
    ("Plant automation", ("automation",), "Acme Holdings plc wants a board adviser"),
    ("Cost estimating", ("estimator",), "they estimated the deal at 40k"),
    ("De-escalation training", ("deescalation",), "an aggressive rollout plan for Q3"),
    ("Habitat surveys", ("ecology", "construction"), "the Habitat store down the road is closing"),
    ("Cyber drills", ("security",), "a growth hacker for the launch"),
]


@pytest.mark.parametrize(
    ("title", "tags", "notes"), APART_FIELDS, ids=[a[0] + ": " + a[2] for a in APART_FIELDS]
)
def test_a_shared_word_of_another_field_is_not_the_need(title, tags, notes):
    assert not fits_offer(title, tags, notes)


FIELD_INTROS = [
    ("Plant manager; needs a thermographer before the insurer's visit", "Electrical contractor", ""),
    ("Architects need a draughtsman for the spring", "CAD technician", "Revit and AutoCAD"),
    ("Developer needs an ecologist for the newt survey", "Ecology consultant", ""),
    ("Care group, looking for a rostering tool", "Workforce management lead", "sells rota software"),
]


@pytest.mark.parametrize(("needs", "role", "notes"), FIELD_INTROS, ids=[i[0] for i in FIELD_INTROS])
def test_a_field_need_meets_the_trade_that_serves_it(needs, role, notes):
    assert introduces(needs, role, notes)


def test_a_board_is_no_topic_on_its_own():
    # "#boards" on an offer for housing-association boards never fits "the fire board flagged the doors"
    assert not fits(
        ("modernisation", "boards"), None, "the fire board inspection flagged the stairwell doors"
    )
    assert fits(("modernisation", "boards"), None, "board wants the old lift modernisation costed")
