"""The playbook data: every seeds entry loads, fits Slack, stays value-first, and bad edits are named."""

from __future__ import annotations

import re
import shutil
import tomllib
from pathlib import Path

import pytest

from bot.domain.playbook import (
    PLACEHOLDERS,
    REASON_KINDS,
    REASSURANCE_IDS,
    PlaybookError,
)
from bot.domain.playbook_build import FILES
from bot.domain.talking_points import DIGEST_LINE_MAX
from bot.domain.vocabulary import fold
from bot.services.playbook_files import load_playbook

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
SECTION_TEXT_MAX = 3000  # Block Kit section text
NEVER_SAY = (
    "just checking in",
    "touching base",
    "following up again",
    "circle back",
    "checking in",
    "just wanted to follow up",
    "any update",
    "are you ready to buy",
    "got any referrals",
    "just catching up",
)

TYPICAL = {
    "user_name": "Sam Rivera",
    "callback": "+1 415 555 0199",
    "contact_name": "Jane Doe",
    "contact_first_name": "Jane",
    "company": "Acme Analytics",
    "role": "Head of Data",
    "event": "PyCon US",
    "met_when": "on 20 November",
    "days_since": "75",
    "referrer": "Priya Shah",
    "introducer": "Jane Doe",
    "promise": "send our pipeline checklist",
    "promise_spoken": "send you our pipeline checklist",
    "promise_who": "Ana Ruiz",
    "promise_who_first": "Ana",
    "promise_who_why": "a heritage architect",
    "promise_due": "due Fri",
    "promise_late": "3 days late",
    "offer_title": "Pipeline checklist",
    "offer_name": "our pipeline checklist",
    "offer_url": "https://example.com/checklist",
    "matched": "data engineers",
    "need": "hiring data engineers",
    "other_name": "Bob Smith",
    "other_company": "Initech",
    "other_match": "data engineer looking for a job",
    "thread": "moving the warehouse to a lakehouse",
    "deal_note": "sent the proposal for the Q1 pilot",
    "meeting_when": "on Fri 4 Dec",
    "meeting_note": "walk round the laundry and basement at 10h",
    "let_go_when": "on Sun 29 Nov",
    "next_step": "send the case study",
    "call_note": "wants the case study, budget in Q1",
    "call_when": "on Tuesday",
    "matched_note": "rolling out a new client onboarding flow",
    "step_note": "wants the case study",
    "step_when": "in January",
    "offers_named": "our hiring scorecard or the Lumen case study",
    "wait_when": "on Mon 11 Jan",
    "wait_day": "Mon 11 Jan",
    "wait_note": "not before 11 January",
    "later_default": "no day was named, so it waits the usual 90 days",
    "decision_when": "on Tue 15 Dec",
    "decision_note": "board decides on 15 Dec",
    "decision_what": "the board's decision",
    "ask_action": "send two customer references",
    "ask_thing": "two customer references",
    "ask_note": "wants two customer references before her board meets",
    "ask_by": "before her board meets on the 20th (Sun 20 Dec)",
    "ask_by_day": "on Sun 20 Dec",
    "ask_soon": "in two days",
    "decision_snag": "we're about 12% above the other one",
    "chat_app": "WhatsApp",
    "theirs_first": "the food-court roof drawings",
    "ask_past": "on Fri 11 Dec",
    "decision_past": "on Tue 15 Dec",
    "thread_doing": "migrating their data warehouse",
    "thread_doing_spoken": "migrating your data warehouse",
    "ask_thing_bare": "site survey",
    "ask_thing_spoken": "the figures from a client your size",
    "thread_invited": "give a short talk at their spring breakfast",
    "thread_invited_spoken": "give a short talk at your spring breakfast",
    "thread_scope": "supply CO2 cylinders",
    "thread_scope_spoken": "supply CO2 cylinders",
    "thread_help": "introduce you to the diocese",
    "proposed_slot": "the Thu 17 Dec slot",
    "next_week": "in the week of Mon 4 Jan",
    "thread_question": "what she has to do to be legal",
    "thread_question_spoken": "what you have to do to be legal",
    "proof_asked": "proof you have done this for shops before",
    "invite_asked": "MLRO events",
    "thread_query": "xray",
    "invite_went": "the open morning",
    "invite_went_when": "on Thu 17 Dec",
    "referrer_told": "is letting Nasser know you will call",
    "sent_invite": "our open day invite",
    "thread_help_spoken": "introduce me to the diocese",
    "thread_problem": "the walk-in freezer at his second site keeps tripping",
    "thread_problem_spoken": "the walk-in freezer at your second site keeps tripping",
    "sent_thing": "your price sheet for winter servicing",
    "their_thing": "the photos of the bin store",
    "asked_them_for": "their last three energy bills",
    "asked_them_for_spoken": "your last three energy bills",
    "their_thing_spoken": "the photos of your bin store",
    "thread_need_spoken": "a stand-in bookkeeper for your spring",
    "thread_need_elsewhere_spoken": "a forklift licence course",
    "thread_plan_spoken": "you'd like to open a second kitchen by the summer",
    "thread_worry_spoken": "the new caterer missing deliveries",
    "sent_thing_spoken": "our price sheet for winter servicing",
    "introduced_name": "Paul Okafor",
    "introduced_first": "Paul",
    "thread_need": "a stand-in bookkeeper for the spring",
    "thread_need_elsewhere": "a forklift licence course",
    "thread_need_near": "our guide to winter payroll checks",
    "blocked_on": "your site questionnaire",
    "promise_for": "the spring open day",
    "next_step_spoken": "book a tasting for your buyers",
    "thread_work": "more fit-out jobs in the new year",
    "thread_work_spoken": "more fit-out jobs in the new year",
    "proposed_step": "a walk round the bottling line",
    "proposed_step_spoken": "the walk round the bottling line",
    "proposed_by": "Your e-mail",
    "thread_told_spoken": "your payslips go out late every other month",
    "thread_told": "their payslips go out late every other month",
    "thread_heard": "her last cheese shipment to Zurich was sent back",
    "ask_it": "them",
    "thread_need_unserved": "a forklift licence course",
    "thread_need_ours": "someone to look at the bent racks",
    "callback_day": "Thu 10 Dec",
    "callback_when": "on Thu 10 Dec",
    "callback_after": "after Mon 14 Dec",
    "they_ring_when": "after the 17th",
    "invite_yes": "wants to come to the open day with two colleagues",
    "invite_yes_name": "the open day on Thu 14 Jan",
    "thread_name_asked": "a firm that does energy audits of sports halls",
    "thread_name_asked_spoken": "a firm that does energy audits of your sports halls",
    "thread_plan": "open a second kitchen by the summer",
    "thread_plan_lead": "would like to",
    "thread_worry": "the new caterer missing deliveries",
    "thread_worry_lead": "is worried about",
}
# The longest values the engine ever passes in (it clips names to 100, excerpts to 80, titles to 120).
LONGEST = {key: "W" * (300 if key in ("offer_url", "callback") else 120) for key in PLACEHOLDERS}


@pytest.fixture(scope="module")
def playbook():
    return load_playbook()


def every_entry(pb):
    return [*pb.reasons, *pb.openers, *pb.goals, *pb.fallbacks, *pb.voicemails, *pb.gap_notes]


def test_placeholder_samples_cover_the_vocabulary():
    assert set(TYPICAL) == PLACEHOLDERS


def test_packaged_seeds_load_and_cover_every_kind(playbook):
    assert {e.kind for e in playbook.reasons} == set(REASON_KINDS)
    assert [r.id for r in playbook.reassurances] == list(REASSURANCE_IDS)
    assert all(r.title and r.text and r.situations for r in playbook.reassurances)
    for kind in REASON_KINDS:
        assert playbook.reasons_of(kind), kind


def test_a_folder_copy_loads_the_same(tmp_path, playbook):
    shutil.copytree(SEEDS, tmp_path / "pb")
    assert load_playbook(tmp_path / "pb") == playbook
    assert load_playbook(str(tmp_path / "pb")) == playbook


def test_several_variants_per_reason_kind(playbook):
    for kind in REASON_KINDS:
        assert len(playbook.reasons_of(kind)) >= 2, kind


def test_every_text_fits_block_kit(playbook):
    for entry in every_entry(playbook):
        assert len(entry.render(LONGEST)) <= SECTION_TEXT_MAX, entry.id
        assert len(entry.render(TYPICAL)) <= SECTION_TEXT_MAX, entry.id
        if entry.short:
            assert len(entry.render_short(TYPICAL)) <= DIGEST_LINE_MAX, entry.id
    for reassurance in playbook.reassurances:
        assert len(reassurance.text) <= SECTION_TEXT_MAX and len(reassurance.title) <= 150


def test_voicemails_say_who_calls_and_how_to_call_back(playbook):
    for entry in playbook.voicemails:
        text = entry.render(TYPICAL)
        assert "Sam Rivera" in text and "+1 415 555 0199" in text, entry.id


def test_no_banned_phrase_in_any_rendered_text(playbook):
    rendered = [entry.render(TYPICAL) for entry in every_entry(playbook)]
    rendered += [entry.render_short(TYPICAL) for entry in playbook.reasons]
    rendered += [t for r in playbook.reassurances for t in (r.title, r.text)]
    rendered.append(playbook.callback_unknown)
    for text in rendered:
        folded = fold(text)
        for phrase in (*NEVER_SAY, *playbook.banned):
            assert fold(phrase) not in folded, (phrase, text)


@pytest.mark.parametrize("name", [n for n in FILES if n != "banned.toml"])
def test_no_banned_phrase_in_the_raw_files(name, playbook):
    raw = fold((SEEDS / name).read_text(encoding="utf-8"))
    for phrase in (*NEVER_SAY, *playbook.banned):
        assert fold(phrase) not in raw, phrase


def test_banned_list_holds_the_playbook_failures(playbook):
    banned = {fold(p) for p in playbook.banned}
    assert {fold(p) for p in NEVER_SAY} <= banned


def test_banned_in_is_whole_word_and_accent_insensitive(playbook):
    assert playbook.banned_in("Just CHECKING in, Jane") == "just checking in"
    assert playbook.banned_in("Any updatés?") == "any updates"
    assert playbook.banned_in("checking inventory levels") is None


# --- broken copies -----------------------------------------------------------------------------------


@pytest.fixture
def broken(tmp_path):
    """A copy of seeds/ to damage; returns a function that edits one file and loads the copy."""
    folder = tmp_path / "pb"
    shutil.copytree(SEEDS, folder)

    def edit(name: str, change) -> PlaybookError:
        path = folder / name
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
        with pytest.raises(PlaybookError) as caught:
            load_playbook(folder)
        message = str(caught.value)
        assert "\n" not in message
        assert message.startswith(str(path) + ":"), message
        return caught.value

    return edit


def test_bad_toml_names_the_file_and_the_line(broken):
    error = broken("goals.toml", lambda text: text + "\n[[goal]\nid = 'x'\n")
    assert "not valid TOML" in str(error) and "line" in str(error)


def test_unknown_placeholder_names_entry_and_choices(broken):
    error = broken(
        "reasons.toml",
        lambda text: text.replace(
            "{offer_name} with {contact_first_name}", "{foo} with {contact_first_name}", 1
        ),
    )
    assert 'entry "offer-1": unknown placeholder {foo}; use one of' in str(error)
    assert "{contact_first_name}" in str(error)


def test_missing_reassurance_is_named(broken):
    def drop_r7(text: str) -> str:
        return re.sub(r'\[\[reassurance\]\]\nid = "R7".*?(?=\n\[\[reassurance\]\])', "", text, flags=re.S)

    error = broken("reassurances.toml", drop_r7)
    assert 'entry "R7": missing' in str(error)


def test_duplicate_id_is_named(broken):
    error = broken("goals.toml", lambda text: text.replace('id = "goal-deal"', 'id = "goal-dormant"'))
    assert 'entry "goal-dormant": duplicate id' in str(error)


def test_duplicate_id_across_files_is_named(broken):
    error = broken("fallbacks.toml", lambda text: text.replace('id = "fb-event"', 'id = "offer-1"'))
    assert 'entry "offer-1": duplicate id (already used in reasons.toml)' in str(error)


def test_banned_phrase_is_named(broken):
    error = broken(
        "openers.toml",
        lambda text: text.replace("Is now a good moment for two minutes?", "Just checking in!"),
    )
    assert 'entry "opener-plain"' in str(error) and 'banned phrase "just checking in"' in str(error)


@pytest.mark.parametrize(
    ("name", "old", "new", "expected"),
    [
        pytest.param(
            "reasons.toml", 'kind = "offer"', 'kind = "gossip"', "unknown kind 'gossip'", id="unknown-kind"
        ),
        pytest.param(
            "openers.toml",
            "when = { lukewarm = true }",
            'when = { lukewarm = "yes" }',
            'condition "lukewarm" must be true or false',
            id="bool-type",
        ),
        pytest.param(
            "openers.toml",
            "when = { lukewarm = true }",
            "when = { moon_phase = 3 }",
            'unknown condition "moon_phase"',
            id="unknown-condition",
        ),
        pytest.param(
            "openers.toml",
            "days_since_contact_max = 30 }",
            'days_since_contact_max = "30" }',
            'condition "days_since_contact_max" must be a whole number',
            id="int-type",
        ),
        pytest.param(
            "goals.toml",
            'when = { reason = ["open_deal"] }',
            'when = { reason = ["small_talk"] }',
            "unknown value 'small_talk'",
            id="unknown-reason-value",
        ),
        pytest.param(
            "voicemail.toml",
            "ten minutes at most; you can reach me at {callback}, and",
            "ten minutes at most; and",
            "must use {callback}",
            id="voicemail-without-callback",
        ),
        pytest.param(
            "reassurances.toml",
            'situations = ["lukewarm"]',
            'situations = ["bad_hair_day"]',
            "unknown situation 'bad_hair_day'",
            id="unknown-situation",
        ),
        pytest.param(
            "reasons.toml",
            "priority = 2",
            'priority = "high"',
            '"priority" must be a whole number',
            id="priority",
        ),
        pytest.param(
            "goals.toml",
            '[[goal]]\nid = "goal-plain"',
            '[[goal]]\nid = "goal-plain"\ncolour = 1',
            "unknown key 'colour'",
            id="unknown-key",
        ),
    ],
)
def test_other_mistakes_are_named(broken, name, old, new, expected):
    def change(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)

    assert expected in str(broken(name, change))


def test_missing_file_is_named(tmp_path):
    folder = tmp_path / "pb"
    shutil.copytree(SEEDS, folder)
    (folder / "goals.toml").unlink()
    with pytest.raises(PlaybookError, match=r"goals\.toml: file is missing"):
        load_playbook(folder)


def test_a_section_needs_a_default_entry(broken):
    error = broken("goals.toml", lambda text: text.split('[[goal]]\nid = "goal-plain"')[0])
    assert "needs one entry with no `when`" in str(error)


def test_the_packaged_files_are_valid_toml():
    for name in FILES:
        tomllib.loads((SEEDS / name).read_text(encoding="utf-8"))
