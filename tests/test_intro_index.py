"""The introductions index kept up to date from the last one (others_index_after) is the index built
from scratch: same pool, text, offsets, shortlist hits and introductions, for any mix of changes."""

from __future__ import annotations

import re
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.talking_points import ContactFacts, others_index, others_index_after
from bot.domain.talking_points.facts import _combined, _profile
from bot.domain.talking_points.intros import _intro_candidates, introduced_by
from bot.domain.vocabulary import Stage

NOTES = [
    "looking for a data engineer for the payments team",
    "hiring two platform engineers in Lisbon",
    "angel investor, writes small cheques",
    "raising a seed round in spring",
    "Café owner in Zürich, looking for investors",
    "wants an intro to someone who does data pipelines",
    "data pipelines consultant",
    "",
    None,
]
ROLES = [None, "", "Platform engineer", "Angel investor", "Head of data", "Recruiter, hiring"]
STAGES = [Stage.NEW, Stage.ACTIVE, Stage.LET_GO]

facts = st.builds(
    lambda notes, role, stage, name: (notes, role, stage, name),
    st.sampled_from(NOTES),
    st.sampled_from(ROLES),
    st.sampled_from(STAGES),
    st.sampled_from(["Ana Lima", "Bo Chen", "Zoë Ünal"]),
)


def contact(cid: int, spec) -> ContactFacts:
    notes, role, stage, name = spec
    return ContactFacts(cid, f"{name} {cid}", "Acme", role, notes=notes, stage=stage)


def probe(index) -> list:
    """Use the index as /prep does, for a few askers: fills its shortlist hits; returns the intros."""
    found = []
    for notes, role in (
        ("looking for a data engineer", None),
        ("angel investor", "Angel investor"),
        ("hiring platform engineers", "CTO"),
        ("raising a seed round", None),
    ):
        me = _profile(*_combined(role, notes))
        asker = ContactFacts(10_000, "Asker", None, role, notes=notes)
        found.append(
            [(m.other.id, m.other.name, m.side, m.need) for m in _intro_candidates(asker, me, index)]
        )
    return found


@settings(max_examples=150, deadline=None)
@given(
    st.lists(facts, max_size=12),
    st.lists(st.tuples(st.integers(0, 11), facts), max_size=5),
    st.lists(facts, max_size=4),
    st.booleans(),
)
def test_an_updated_index_is_the_index_built_from_scratch(start, edits, new, used_before):
    before = [contact(i + 1, spec) for i, spec in enumerate(start)]
    index = others_index(before)
    if used_before:
        probe(index)  # hits and profiles memoized on the old version carry over
    after = {c.id: c for c in before}
    changed = []
    for position, spec in edits:
        if position < len(before):
            old = after[before[position].id]
            notes, role, stage, name = spec
            edited = replace(old, name=f"{name} renamed", stage=stage)
            if position % 2:  # some edits change the text too
                edited = replace(edited, notes=notes, role=role)
            if position % 3 == 0:  # a logged call's notes are part of the text introductions read
                edited = replace(edited, last_call_notes=f"{notes or ''}, and keen to talk")
            after[old.id] = edited
            changed.append(edited)
    added = [contact(len(before) + 1 + k, spec) for k, spec in enumerate(new)]
    for c in added:
        after[c.id] = c
    everyone = [after[cid] for cid in sorted(after)]
    fresh = others_index(everyone)

    updated = others_index_after(index, changed, added)
    if updated is None:  # membership changed (let go, back, or a text now empty): rebuilt from scratch
        texts_changed = any(
            (c.role, c.notes, c.last_call_notes) != (b.role, b.notes, b.last_call_notes)
            or (c.stage == Stage.LET_GO) != (b.stage == Stage.LET_GO)
            for c in changed
            for b in before
            if b.id == c.id
        )
        assert texts_changed
        return
    assert [o.id for o in updated.pool] == [o.id for o in fresh.pool]
    assert [o.name for o in updated.pool] == [o.name for o in fresh.pool]
    assert updated.folded == fresh.folded
    assert updated.starts == fresh.starts
    assert updated.ids == fresh.ids
    assert probe(updated) == probe(fresh)
    assert updated.hits == fresh.hits  # every pattern's hits, old ones extended and new ones found


def test_a_new_contact_appends_and_a_call_swaps_in_place():
    before = [
        ContactFacts(1, "Ana", None, None, notes="hiring two platform engineers"),
        ContactFacts(2, "Bo", None, None, notes="angel investor"),
    ]
    index = others_index(before)
    assert probe(index)[0] == []  # nobody has data engineering yet
    called = replace(before[1], stage=Stage.ACTIVE, name="Bo Chen")  # a call: same notes
    met = ContactFacts(3, "Cy", None, "Data engineer", notes="wants a new role")
    updated = others_index_after(index, [called], [met])
    assert updated is not None and updated.folded.startswith(index.folded)
    assert [o.name for o in updated.pool] == ["Ana", "Bo Chen", "Cy"]
    assert probe(updated) == probe(others_index([before[0], called, met]))
    let_go = replace(before[0], stage=Stage.LET_GO)
    assert others_index_after(index, [let_go], []) is None  # leaves the pool: built again


def test_the_contact_index_update_keeps_id_order_for_any_changes():
    from bot.services.contact_index import ContactIndex, _other, _updated

    def row(cid, notes="hiring a data engineer", name=None):
        return (cid, name or f"P{cid}", f"p{cid}", None, None, None, notes, "active", None, None, None, None)

    old_rows = tuple(row(c) for c in (2, 4, 6))
    old = ContactIndex(old_rows, tuple(_other(r) for r in old_rows))
    assert old.intro_index.ids == (2, 4, 6)  # built: the next version carries it over
    edited_and_new = _updated(old, [row(4, name="Renamed"), row(9), row(8)])
    assert edited_and_new.ids == (2, 4, 6, 8, 9)
    assert [r[1] for r in edited_and_new.rows] == ["P2", "Renamed", "P6", "P8", "P9"]
    assert "intro_index" in edited_and_new.__dict__  # carried, not built again
    assert edited_and_new.intro_index.ids == (2, 4, 6, 8, 9)
    late = _updated(old, [row(3)])  # an id below the newest (a late commit): merged
    assert late.ids == (2, 3, 4, 6) and "intro_index" not in late.__dict__
    gone = _updated(old, [row(7)], alive={2, 6, 7})
    assert gone.ids == (2, 6, 7) and [o.id for o in gone.others] == [2, 6, 7]
    assert gone.intro_index.ids == others_index(gone.others).ids


def test_what_the_newest_call_said_someone_does_can_make_an_introduction():
    notes = "opening a second shop in March and needs a bookkeeper who knows retail"
    asker = ContactFacts(10_000, "Asker", None, None, notes=notes)
    me = _profile(*_combined(None, notes))
    quiet = ContactFacts(1, "Rafa Gil", None, None, notes="met at the fair, nice chat")
    said = replace(quiet, last_call_notes="does bookkeeping for six small shops and has room for two more")
    assert [m.other.id for m in _intro_candidates(asker, me, others_index([quiet]))] == []
    assert [m.other.id for m in _intro_candidates(asker, me, others_index([said]))] == [1]


def test_a_search_for_whoever_does_a_thing_meets_the_person_who_does_it_on_both_sides():
    bistro = ContactFacts(
        1,
        "Noa Levi",
        None,
        None,
        notes="Opening a wine bar in May, still hunting for whoever can build the wine list.",
    )
    expert = ContactFacts(
        2, "Tal Amir", None, None, notes="Sommelier, freelance since the spring; wants a steady post."
    )
    for me, other, side in ((bistro, expert, "contact_needs"), (expert, bistro, "other_needs")):
        found = _intro_candidates(me, _profile(*_combined(me.role, me.notes)), others_index([other]))
        assert [(m.other.id, m.side) for m in found] == [(other.id, side)]
        assert "someone to build the wine list" in found[0].need


def test_someone_who_runs_or_works_in_the_thing_does_not_supply_it():
    notes = "Opening a brewery tap room; still looking for someone to design the kitchen."
    asker = ContactFacts(10_000, "Asker", None, None, notes=notes)
    me = _profile(*_combined(None, notes))
    runs = ContactFacts(1, "Oda Berg", None, "Kitchen manager", notes="runs a busy hotel kitchen")
    designs = ContactFacts(2, "Per Holt", None, "Kitchen designer", notes="designs commercial kitchens")
    found = _intro_candidates(asker, me, others_index([runs, designs]))
    assert [m.other.id for m in found] == [2]


def test_a_room_for_training_is_not_training():
    notes = "Fitting out the new depot and needs a training room with a projector."
    asker = ContactFacts(10_000, "Asker", None, None, notes=notes)
    trainer = ContactFacts(1, "Ivo Lind", None, "Forklift trainer", notes="runs courses for warehouse teams")
    assert _intro_candidates(asker, _profile(*_combined(None, notes)), others_index([trainer])) == []


def test_the_index_is_carried_over_while_other_requests_fill_its_shortlist():
    import threading

    before = [ContactFacts(k, f"P{k}", None, None, notes=NOTES[k % 7] or "x") for k in range(1, 400)]
    index = others_index(before)
    stop = threading.Event()
    failures: list[BaseException] = []

    def fill() -> None:  # as /prep does on the shared index: new patterns, new profiles
        patterns = [re.compile(f"nomatch{k}") for k in range(200)]
        k = 0
        while not stop.is_set():  # the dicts change size all the time, and stay small
            k += 1
            index.hits[patterns[k % 200]] = ()
            index.hits.pop(patterns[(k + 100) % 200], None)
            index.profiles.pop(k % 399, None)
            index.profile(k % 399)

    threads = [threading.Thread(target=fill) for _ in range(2)]
    for t in threads:
        t.start()
    try:
        for n in range(300):
            called = replace(before[n], last_call_notes=f"call {n}: keen on ops help")
            try:
                assert others_index_after(index, [called], []) is not None
                assert others_index_after(
                    index, [], [ContactFacts(1000 + n, "New", None, None, notes="data")]
                )
            except RuntimeError as error:  # "dictionary changed size during iteration"
                failures.append(error)
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert failures == []


SAID = [None, "Ewa Lis", "ewa", "Bo Chen", "Ewa Lis-Zając", "<@U123>"]
person = st.tuples(st.sampled_from(SAID), st.sampled_from(SAID), st.sampled_from(NOTES[:3] + [None]))


@settings(max_examples=150, deadline=None)
@given(
    st.lists(person, max_size=10),
    st.lists(st.tuples(st.integers(0, 9), person), max_size=4),
    st.lists(person, max_size=3),
    st.booleans(),
)
def test_an_updated_index_names_introducers_as_one_built_from_scratch(start, edits, new, used_before):
    def named(cid, spec, name="Ewa Lis"):
        introducer, referred_by, notes = spec
        return ContactFacts(
            cid, f"{name} {cid}", None, "Chef", notes=notes, introducer=introducer, referred_by=referred_by
        )

    askers = [ContactFacts(10_000, name, None, None) for name in ("Ewa Lis", "Bo Chen", "Ewa", "Zoë")]
    before = [named(i + 1, spec, "Bo Chen" if i % 2 else "Ewa Lis") for i, spec in enumerate(start)]
    index = others_index(before)
    if used_before:
        [introduced_by(asker, index) for asker in askers]  # built on the old version: carried over
    after = {c.id: c for c in before}
    changed = []
    for position, spec in edits:
        if position < len(before):
            edited = replace(named(before[position].id, spec), name=f"Ewa Lis renamed {position}")
            after[edited.id] = edited
            changed.append(edited)
    added = [named(len(before) + 1 + k, spec) for k, spec in enumerate(new)]
    everyone = [after[cid] for cid in sorted(after)] + added
    updated = others_index_after(index, changed, added)
    if updated is None:
        return
    fresh = others_index(everyone)
    for asker in askers:
        assert introduced_by(asker, updated) == introduced_by(asker, fresh)
    assert updated.introducers == fresh.introducers


def test_a_rewritten_text_joins_or_leaves_the_hits_in_position_order():
    notes = ["hiring a data engineer", "angel investor", "hiring a data engineer", "angel investor"]
    before = [ContactFacts(i + 1, f"P{i + 1}", None, None, notes=n) for i, n in enumerate(notes)]
    index = others_index(before)
    probe(index)
    now_hiring = replace(before[1], notes="hiring a data engineer, and an angel investor")
    no_longer = replace(before[2], notes="angel investor")
    for changed in ([now_hiring], [no_longer], [now_hiring, no_longer]):
        after = {c.id: c for c in before} | {c.id: c for c in changed}
        fresh = others_index([after[cid] for cid in sorted(after)])
        updated = others_index_after(index, changed, [])
        assert probe(updated) == probe(fresh)
        assert updated.hits == fresh.hits
