"""Whether another contact's words are something they supply or something they buy or use (intros.py):
"electrical contractor" and "installs solar for farms" are what they do; "refitting the display cases" is
their own project. Pure; split from intros.py."""

from __future__ import annotations

import re

from bot.domain.talking_points.facts import _Profile, _stem
from bot.domain.talking_points.intro_find import _SURPLUS, _SURPLUS_WORDS, _free_after

_A_FIRM = frozenset(
    _stem(w) for w in ("shop", "workshop", "business", "firm", "company", "yard", "garage", "studio")
)

# Words just before a thing that say they buy or use it, not supply it: "refitting the display cases",
# "replacing two boilers", "buying new vans"
_USER_VERBS = frozenset(
    _stem(w)
    for w in [
        "refit",
        "refitting",
        "replace",
        "replacing",
        "buy",
        "buying",
        "upgrade",
        "upgrading",
        "renovate",
        "renovating",
        "redo",
        "redoing",
        "rent",
        "renting",
        "lease",
        "leasing",
        "order",
        "ordering",
        "fix",
        "fixing",
        "repair",
        "repairing",
        "get",
        "getting",
        "want",
        "wants",
        "need",
        "needs",
    ]  # noqa: SIM905
)


_SUPPLY_VERBS = frozenset(
    _stem(w)
    for w in [
        "sell",
        "sells",
        "selling",
        "make",
        "makes",
        "making",
        "supply",
        "supplies",
        "supplying",
        "install",
        "installs",
        "installing",
        "offer",
        "offers",
        "offering",
        "provide",
        "provides",
        "providing",
        "build",
        "builds",
        "building",
        "fit",
        "fits",
        "fitting",
        "repair",
        "repairs",
        "service",
        "services",
        "servicing",
        "distribute",
        "distributes",
        "run",
        "runs",
        "running",
        "do",
        "does",
        "doing",
        "specialise",
        "specialises",
        "specialize",
        "specializes",
        "design",
        "designs",
        "designing",
        "rent",
        "rents",
        "clean",
        "cleans",
        "cleaning",
        "deliver",
        "delivers",
        "manufacture",
        "manufactures",
        "import",
        "imports",
        "export",
        "exports",
        "train",
        "trains",
        "teach",
        "teaches",
        "coach",
        "coaches",
        "advise",
        "advises",
        "consult",
        "consults",
        "handle",
        "handles",
        "manage",
        "manages",
        "sources",
        *_SURPLUS_WORDS,  # "retiring ~30 barriques after this vintage": a surplus someone else can use
    ]  # noqa: SIM905
)


_PROJECT_VERBS = frozenset(_stem(w) for w in ("design", "designing", "build", "building"))
_ONE = frozenset(("a", "an", "the", "one"))
_RUNS_IT = frozenset(
    _stem(w)
    for w in ["manager", "managers", "supervisor", "hands", "staff", "crew", "assistant", "worker", "workers"]
)


def _trade_end(who: _Profile) -> int:
    """Where the words that say what someone does end: their role, else the first part of their notes
    ("cukrászda, 2 new girls on the machine": a pastry shop, not a machine supplier)."""
    if who.role_end >= 0 and not who.firm_only:
        return who.role_end
    start = who.role_end + 1 if who.firm_only else 0  # a firm's name, then the notes' own first part
    first = re.split(r"[.;:\n]", who.text[start:], maxsplit=1)[0]
    part = first.split(",", 1)[0]
    return start + (len(part) if len(part.split()) <= 6 else len(first))


def _uses(them: _Profile, k: int) -> bool:
    """Whether the words at `k` are something they buy or use rather than supply: a user verb within
    three words before, or words that are neither in their trade (the role, else the notes' first
    clause) nor after a verb of supplying ("the extraction over the fryers drips grease" is their
    problem; "electrical contractor" and "installs solar for farms" are what they do)."""
    if any(them.stems[j] in _USER_VERBS for j in range(max(0, k - 3), k)):
        return True
    if _free_after(them, k):
        return False  # "trucks free for return loads": theirs to let others use
    if any(them.stems[j] in _A_FIRM for j in range(k + 1, min(len(them.stems), k + 3))):
        return False  # "opened an outboard repair shop": what their shop does
    if k + 1 < len(them.stems) and them.stems[k + 1] in _RUNS_IT:
        return True  # "cellar manager", "kitchen staff": they run or work in one, they do not supply it
    if any(them.stems[j] == "for" for j in range(max(0, k - 2), k)):
        return True  # "a booking app for climbing gyms": whom they serve, not what they supply
    for j in range(k - 1, max(-1, k - 11), -1):  # "wants her leads able to do the shelving checks"
        if _CLAUSE_END.search(them.text[them.spans[j][1] : them.spans[j + 1][0]]):
            break
        if them.stems[j] in _WANT_VERBS and not _offers_to(them, j):
            return True
    # one project, not what they offer: "designing a hotel", "building 2 new sheds" (a firm builds "a platform")
    for j in range(k - 1, max(-1, k - 5), -1):
        between = them.stems[j + 1 : k]
        if them.stems[j] in _PROJECT_VERBS and any(
            w[:1].isdigit() or (w in _ONE and them.stems[j] == "design") for w in between
        ):
            return True
    trade_end = _trade_end(them)
    if them.spans[k][0] < trade_end:
        return False
    # a verb of supplying in the same clause, not one a want or a need governs: "train them. racks ok-ish"
    # is no rack supplier, nor "wants his team leads able to do the rack checks"
    for j in range(k - 1, max(-1, k - 7), -1):
        if _CLAUSE_END.search(them.text[them.spans[j][1] : them.spans[j + 1][0]]):
            return True
        # "will take any subcontracting", "they take spent cupels": what they take on, or take off your hands
        if them.stems[j] in _SUPPLY_VERBS or (
            them.stems[j] == "take"
            and (them.stems[j + 1] in _TAKEN or (j > 0 and them.stems[j - 1] in ("they", "we")))
        ):
            wanted = range(max(0, j - 8), j)
            far = k - (8 if them.stems[j] in _SURPLUS else 4)  # "rid of two tonnes of spent grain"
            return j < far or any(
                them.stems[i] in _WANT_VERBS
                and not _offers_to(them, i)
                and not _CLAUSE_END.search(them.text[them.spans[i][1] : them.spans[j][0]])
                for i in wanted
            )
    return True


def _offers_to(them: _Profile, j: int) -> bool:
    """ "would take on subcontracting", "would supply the bar": an offer to do it, not a want."""
    after = them.stems[j + 1] if j + 1 < len(them.stems) else ""
    return them.stems[j] == "would" and (after in _SUPPLY_VERBS or after == "take")


_CLAUSE_END = re.compile(r"[.;!?\n]|\s[-—–]\s")
_TAKEN = frozenset(_stem(w) for w in ("on", "any", "spent", "used", "old", "scrap", "waste", "back"))
_WANT_VERBS = frozenset(
    _stem(w) for w in ("want", "wants", "need", "needs", "asked", "hoping", "would", "trying")
)
