"""The coaching scenario (docs/coaching/scenario.md) still shows what was rated (docs/coaching/ratings.md).

The scenario is typed into the real console (signed HTTP to the Bolt app, the Slack double, SQLite in
memory) by bench/coach_scenario.py. Two checks:
- the coaching in docs/coaching/outputs.md (the final digest, /prep's due list, every contact's /prep)
  is exactly what the app shows now: a change to the wording must regenerate outputs.md
  (`python bench/coach_scenario.py`) and re-rate what changed in ratings.md;
- the key facts each contact was rated on are still there, whatever the wording.
"""

from __future__ import annotations

import difflib

import pytest

from bench import coach_scenario

# Per contact: what its /prep must say (the reason and what it draws on), and its digest line where
# the final digest or /prep's due list shows one. Keep in step with docs/coaching/ratings.md.
KEY_FACTS: dict[str, tuple[tuple[str, ...], str | None]] = {
    "priya": (("book a demo of the interview loop review, in January", "Needs to hire 3 SREs"), None),
    "tomas": (("the Lumen case study", "rolling out a new client onboarding flow"), "Lumen case study"),
    "hannah": (("9 days late", "send the article on onboarding checklists", "sorry"), "9 days late"),
    "jonas": (("recap", "our hiring scorecard", "Ravi Patel"), "Recap the meeting"),
    # she asked for founder events in Berlin: the invitation is what she asked for (SPEC §14), the intro next
    "aylin": (
        ("Invite Aylin to the Founders & Funders breakfast on Thu 3 Dec", "Felix Braun"),
        "Invite Aylin",
    ),
    "felix": (("e-mail", "introduction to Aylin Demir", "raising a seed round"), None),
    "grace": (("send the Lumen case study", "vendor decision in January", "Priya Raman"), None),
    "marco": (("two-line e-mail introduction", "expanding to Germany"), "Ask Aylin Demir to introduce you"),
    "ravi": (("Jonas Weber", "hiring two platform engineers"), "Introduce Ravi to Jonas Weber"),
    "sofia": (("introduce her to Jan, our data lead", "introduce you to Jan"), "introduce her to Jan"),
    # one shared word (churn) with an onboarding case study is no longer a fit (SPEC §14: same kind of need)
    "elena": (("send our pricing for 40 seats", "decision on a pilot by 4 Dec"), None),
    "daniel": (("let go", "Revive"), None),
    "chloe": (("Founders & Funders breakfast on Thu 3 Dec", "tried you the other day"), None),
    "ben": (("SaaS Forum Lisbon", "our hiring scorecard, the Lumen case study or the Founders"), "Ask Ben"),
    "nora": (("Introduce Nora to Ravi Patel", "platform engineer", "our hiring scorecard"), "Ravi Patel"),
}
NEVER = ("just checking in", "touching base", "following up again", "you have not met", "you haven't met")


@pytest.fixture(scope="module")
def shown() -> str:
    return coach_scenario.render(coach_scenario.run(coach_scenario.scenario_lines()))


def test_the_coaching_is_what_was_rated(shown):
    committed = coach_scenario.OUTPUTS.read_text(encoding="utf-8")
    now, then = coach_scenario.coaching_text(shown), coach_scenario.coaching_text(committed)
    if now != then:
        diff = "\n".join(
            difflib.unified_diff(
                then.splitlines(), now.splitlines(), "outputs.md", "the app now", lineterm="", n=1
            )
        )
        pytest.fail(
            "What Warmcall shows for the coaching scenario changed. Run `python bench/coach_scenario.py`, "
            "re-rate the contacts that changed in docs/coaching/ratings.md, and commit both.\n" + diff
        )


@pytest.mark.parametrize("who", sorted(KEY_FACTS))
def test_each_contact_keeps_what_it_was_rated_on(shown, who):
    sections = coach_scenario.prep_sections(shown)
    prep = sections[f"/prep {who}"]
    must, line = KEY_FACTS[who]
    for words in must:
        assert words in prep, f"/prep {who} no longer says {words!r}:\n{prep}"
    if line is not None:
        listed = sections["digest"] + sections["/prep"]
        assert line in listed, f"the digest and due list no longer say {line!r} for {who}"
    lowered = prep.casefold()
    assert not [p for p in NEVER if p in lowered], prep
