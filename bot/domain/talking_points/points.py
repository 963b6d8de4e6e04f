"""`prepare`: the talking points for one call, the best reason with up to two alternatives of other
kinds, and the opener, goal, fallback, voicemail, gap note and reassurance that go with it.

A lukewarm contact also gets `gap_note` (name the gap first); the reason stays value-first (R5).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from bot.domain.playbook import Playbook
from bot.domain.talking_points.candidates import _Candidate, _candidates, _know
from bot.domain.talking_points.facts import (
    ContactFacts,
    OfferFacts,
    OtherFacts,
    Reason,
    TalkingPoints,
    UserFacts,
)
from bot.domain.talking_points.intros import OthersIndex
from bot.domain.talking_points.wording import _reassurance, _render, _render_reason, _situations
from bot.domain.vocabulary import fold


def prepare(
    contact: ContactFacts,
    *,
    user: UserFacts,
    offers: Sequence[OfferFacts],
    others: Sequence[OtherFacts] | OthersIndex,
    today: date,
    playbook: Playbook,
    lukewarm_after_days: int = 60,
) -> TalkingPoints:
    """Talking points for calling `contact` today. `others` are the user's other contacts (for intros),
    or an `others_index` of them shared by many calls."""
    known = _know(contact, user, offers, today, playbook, lukewarm_after_days)
    candidates = sorted(_candidates(known, offers, others), key=_Candidate.key)
    facts, stage, note_words = known.facts, known.stage, known.note_words
    lukewarm, days_since = known.lukewarm, known.days_since

    seed = f"{contact.id}:{fold(contact.name)}"
    used: set[str] = set()
    rendered: list[tuple[Reason, _Candidate]] = []
    for cand in candidates:
        reason = _render_reason(cand, facts, playbook, seed, used)
        if reason is not None:
            rendered.append((reason, cand))
    primary, primary_cand = rendered[0]
    alternatives: list[Reason] = []
    kinds = {primary.kind}
    for reason, _cand in rendered[1:]:
        if reason.kind not in kinds and len(alternatives) < 2:
            alternatives.append(reason)
            kinds.add(reason.kind)
    if not alternatives and len(rendered) > 1:
        alternatives.append(rendered[1][0])

    ctx_facts = {**facts, **primary_cand.facts, "reason": primary.kind}
    ctx_values = dict(primary_cand.values)
    fallback_values = {
        k: v for k, v in ctx_values.items() if not (k == "thread" and primary.kind == "thread")
    }
    gap_note = (
        _render(playbook.gap_notes, ctx_facts, ctx_values, playbook, f"{seed}:gap") if lukewarm else None
    )

    return TalkingPoints(
        reason=primary,
        alternatives=tuple(alternatives),
        opener=_render(playbook.openers, ctx_facts, ctx_values, playbook, f"{seed}:opener") or "",
        goal=_render(playbook.goals, ctx_facts, ctx_values, playbook, f"{seed}:goal") or "",
        fallback=_render(playbook.fallbacks, ctx_facts, fallback_values, playbook, f"{seed}:fallback") or "",
        voicemail=_render(playbook.voicemails, ctx_facts, ctx_values, playbook, f"{seed}:voicemail") or "",
        reassurance=_reassurance(playbook, _situations(facts, primary.kind, note_words, stage)),
        gap_note=gap_note,
        days_since_contact=days_since,
    )
