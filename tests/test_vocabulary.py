"""seeds/vocabulary.toml on its own: well formed, and offers meet needs by meaning, not by a shared word."""

from __future__ import annotations

from collections import Counter

import pytest

from bot.domain.talking_points.facts import OfferFacts, _combined, _profile, _stem
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
