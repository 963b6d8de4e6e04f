"""Talking points for one call (SPEC §6): the best value-first reason, why it was chosen, and what to say.

Pure and deterministic: the same facts give the same points, whatever the order of `offers` and
`others`. Wording comes from the playbook (seeds/); this package decides which kind of reason fits.

- `facts`       the value types in and out, and the words read in notes (stems, needs, what a contact offers)
- `intros`      introductions between two of the user's contacts, and the index many calls share
- `candidates`  every reason that could apply, ranked (the order is in its docstring); `best_reason`
- `phrases`     what fills the templates: a promise as an action and said to the contact, lateness, days
                in words, an offer's title as a short name, the next step named in call notes
- `wording`     rendering through the playbook, situations and reassurance, dates in words, digest lines
- `points`      `prepare`, the whole set of talking points for /prep
"""

from bot.domain.talking_points.candidates import best_reason
from bot.domain.talking_points.intros import OthersIndex, others_index, others_index_after
from bot.domain.talking_points.models import (
    DIGEST_LINE_MAX,
    ContactFacts,
    OfferFacts,
    OtherFacts,
    Reason,
    SourceRef,
    TalkingPoints,
    UserFacts,
)
from bot.domain.talking_points.phrases import as_action, day_words, late_words, offer_name, short_day
from bot.domain.talking_points.points import last_touch_label, prepare
from bot.domain.talking_points.wording import due_words, met_when, one_line, reason_line

__all__ = [
    "DIGEST_LINE_MAX",
    "ContactFacts",
    "OfferFacts",
    "OtherFacts",
    "OthersIndex",
    "Reason",
    "SourceRef",
    "TalkingPoints",
    "UserFacts",
    "as_action",
    "best_reason",
    "day_words",
    "due_words",
    "last_touch_label",
    "late_words",
    "met_when",
    "offer_name",
    "one_line",
    "others_index",
    "others_index_after",
    "prepare",
    "reason_line",
    "short_day",
]
