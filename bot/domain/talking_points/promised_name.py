"""A name you promised ("I'll get her the name of an architect for old houses"), found among your
other contacts (SPEC §14, introductions): the promise is kept with a real person, checked with them
first."""

from __future__ import annotations

import re

from bot.domain.names import first_name
from bot.domain.talking_points.facts import ContactFacts, _combined, _profile
from bot.domain.talking_points.intro_find import linked
from bot.domain.talking_points.intros import _intro_candidates, _IntroMatch
from bot.domain.talking_points.phrases import _said

# a promise to find them someone: "get her the name of an architect", "find him a good lawyer", "intro
# to someone who…"
_NAME_PROMISED = re.compile(
    r"\b(?:names?|contacts?|intro(?:duction)?s?|introduce|someone|somebody|recommendation)\b|"
    r"\bfind (?:her|him|them) (?:a|an)\b",
    re.I,
)


# who they are to be given: "the name of an architect who knows …", "find her a lawyer"
_SOUGHT = re.compile(
    r"\b(?:names? (?:of|for)|contacts? (?:of|for)|intro(?:duction)? to|introduce (?:her|him|them) to|"
    r"find (?:her|him|them))\s+(?P<who>(?:an?|some|someone|somebody|a good)\b.{3,80})",
    re.I,
)


def promised_name(
    values: dict[str, str], first: str, intros: list[_IntroMatch], contact: ContactFacts, others
) -> tuple[dict[str, str], str] | None:
    """When you promised someone a name and another contact of yours fits their need, the promise's
    values with who it is ({"promise_who": …, "promise_who_first": …, "promise_who_why": "perit"}) and
    why; None otherwise. When the promise says whom ("the name of an architect who knows listed
    buildings"), that is the need met; else `intros`, the contact's own introductions."""
    if not _NAME_PROMISED.search(values["promise"]):
        return None
    if sought := _SOUGHT.search(values["promise"]):  # whom the promise names, never another need's match
        said = _intro_candidates(contact, _profile(*_combined(None, f"needs {sought['who']}")), others)
        intros = [i for i in said if not linked(contact, i.other)]
    found = next((i for i in intros if i.side == "contact_needs" and i.other_match), None)
    if found is None:
        return None
    who = found.other.name
    named = {"promise_who": who, "promise_who_first": first_name(who)}
    named["promise_who_why"] = _said(found.other_match, found.in_role)
    return {**values, **named}, f"you told {first} you would {values['promise']}, and {who} fits"
