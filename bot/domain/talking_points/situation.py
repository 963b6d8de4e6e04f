"""What the notes say is going on for a contact, read into a phrase a reason can say in its own
sentence (SPEC §14, Word: never a clipped note pasted into a template).

Pure. `situation_of` reads each clause of the notes for, best first:
- need:  "he needs temporary edge protection for three weeks" → need "temporary edge protection
         for three weeks"; `ours` is False when the notes say it is not something the user does
         ("asked if we do racking. We don't.")
- plan:  "she'd like to bring twenty students to see the kit in March" → "bring twenty students
         to see the kit in March", lead "would like to"; "has to renew the permit" → lead "has to"
- worry: "not happy with whoever services the lifts now" → "whoever services the lifts now", lead "is not happy with"
- doing: "They're bidding for the depot job" → "bidding for the depot job"
The phrase ends where the clause turns to something else ("… while the installers are up there", "…
because the tender closes", "… and she …"), keeps whole words, never cut mid-word or inside a parenthesis.
A phrase that leans on the sentence before ("terrified of a repeat") cannot stand alone: no situation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.domain.talking_points.facts import _ABBREVIATED
from bot.domain.talking_points.next_step import SOMEONE_ELSE
from bot.domain.talking_points.situation_leads import (
    _HOW_TO_REACH,
    _LEAVING,
    _NAME_ASKED,
    _ONLY_TALK,
    _PROBLEM,
    BACK_ONLY,
    IF_BRANCH,
    LIST_COMMA,
    _after_leaver,
    _plan_lead,
    _present,
    _worry_lead,
    named_pile,
    need_of_thing,
    problem_part,
    reframed,
    spelled_out,
)

_CLAUSE = re.compile(r"(?:[^.;!?\n]|\.(?=\w)|" + _ABBREVIATED + r")+[.;!?]?")
_SUBJECT = r"(?:(?:she|he|they|it|we|[A-Z][\w'’-]+)(?:\s+(?:also|still|really|badly|urgently|now|too))?\s+)?"
_NEED = re.compile(
    r"\b(?:needs|need|wants|want|would like|would love|is keen on|are keen on|is looking for|are looking for|(?:'s|’s|'re|’re) looking for|looking for|is after|"
    r"are after|is searching for|is hunting for|(?:still\s+)?(?:hunting|searching|scouting) for|on the hunt for|requires|has no|have no|"
    r"lacks|hunting|chasing)\s+(?!to\b|for\b)(?P<x>.+)",
    re.I,
)
_WAIT_ON = re.compile(r"\bwaiting (?:on|for)\s+(?P<x>(?:the|a|an|their|his|her)\s.+)", re.I)
_PLAN = re.compile(
    r"\b(?P<lead>would like to|(?:'d|’d) like to|wants to|want to|plans to|is planning to|are planning to|"
    r"(?:'s|’s|'re|’re) planning to|hopes to|is hoping to|intends to|aims to|needs to|has to(?! be\b)|have to(?! be\b)|"
    r"is trying to|are trying to|(?:'s|’s|'re|’re) trying to|must(?! be\b)|"  # "refs must be industrial": a rule
    r"(?:was|were|has been|have been) told to|told (?:them|him|her) to|"
    r"(?:gave|has given|have given|given) (?:him|her|them|us) until [\w ]{2,20}? to)\s+(?P<x>[a-z].+)",
    re.I,
)
# they asked something of you that is not a thing to send: "asked if I'd give a talk at their breakfast"
_INVITED = re.compile(
    # "asked if we do that", "asked whether we can supply": whether it is work you take on
    r"\basked (?:me |us )?(?:if|whether) (?:I|we)(?: can| could)? (?P<v>do|offer|handle|cover|take on|service|install|"
    r"fit|repair|inspect|certify|recertify|supply|sell|provide)(?:\s+(?P<z>[a-z].+)|\s*[.;,!?]|\s*$)|"
    # "asked if I'd phoned Marguerite yet" asks whether you did it, never for something to do
    r"\basked (?:if|whether) (?:I|we)(?:'d|’d| would| could| can| might)\s+(?!(?:recommend|suggest)\b)"
    r"(?![a-z]+ed\b|ever\b|been\b|done\b|sent\b|spoken\b|heard\b|seen\b|got\b|had\b|found\b|made\b|met\b|told\b|gone\b)(?P<x>[a-z].+)|"
    r"\basked (?:me|us) to (?P<y>(?:give|speak|present|run|host|join|judge|mentor|sit|chair|write|lead|teach|come)\b.+)",
    re.I,
)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() or len(text) == 1 else text


_WORRY = re.compile(
    # "lads who aren't scared of a roof": someone else's fear denied, no worry of theirs
    r"(?<!n't )(?<!n’t )(?<!not )(?<!never )"
    r"\b(?P<lead>worried about|worries about|terrified of|scared of|afraid of|anxious about|concerned about|"
    r"not happy with|unhappy with|fed up with|frustrated with|frustrated by|struggling with|struggles with|"
    r"sick of|tired of|stuck with|stuck on|burned by|burnt by|"
    r"(?:main |big |biggest |real )?(?:headache|worry|problem|challenge|struggle|pain point) (?:is|right now is))\s+(?P<x>.+)",
    re.I,
)
_DOING = re.compile(
    r"^\s*(?:(?:[A-Z][\w'’.-]*\s+)?(?:says|said|reckons|mentioned)\s+(?:that\s+)?(?=\S+\s+\S+ing\b))?"  # "S. says"
    r"(?:(?:she|he|they|we|[A-Z][\w'’-]+)(?:\s+(?:is|are|was|were)\s+|(?:'s|’s|'re|’re)\s+)|(?:shes|hes|theyre)\s+)?"
    r"(?P<x>[A-Za-z][a-z]{2,}ing\s+"  # "starting isn't the issue": the gerund is only what they talk about
    r"(?!(?:is|isn['’]t|was|wasn['’]t|are|aren['’]t|has|hasn['’]t|will|won['’]t|can['’]t|doesn['’]t|does|did|"
    r"didn['’]t|seems?|looks?|costs?|takes?)\b).+)",
)
# where the phrase stops: the clause turns to a reason, a time aside, another subject or person
_END = re.compile(
    r"\s*(?:[,:–—-]\s|\s\((?![^)]*\))|\bwhile\b|\bbecause\b|\bsince\b|\bso that\b|\bso\b|\bbut\b|\bwhich\b|"
    r"\bthough\b|\balthough\b|\bunless\b|\bas (?:their|his|her|the)\b|"
    r"\band (?:still |also |now )?(?=[a-z]+ing\b)|"  # "starting a second truck and hunting for kit": two things
    r"\band (?:she|he|they|i|we|it|that|this|the contract|asked|says|said|wants|needs|will|would|can|could|"
    r"may|might|is|are|has|have|had|was|were)\b).*$",
    re.I,
)
_NOT_OURS = re.compile(
    r"\b(?:we|i)\s+(?:don'?t|do not|can'?t|cannot|no longer|never)\b(?:\s+(?:do|offer|cover|handle|provide|"
    r"sell|make|supply|install)\b)?|\bnot (?:something|a thing) (?:we|i) do\b|\boutside (?:our|my) "
    r"(?:field|scope|line|area)\b|\bnot (?:really |quite )?(?:our|my) (?:[\w-]+ )?(?:field|thing|area|line|game|kit|"
    r"stuff|business|speciality|specialty|(?:kind|sort|type) of [\w-]+)\b|\bwe (?:only )?do [\w-]+ not [\w-]+|^said (?:not really|no)\b",
    re.I,
)
# a phrase that leans on what was said before it: "a repeat", "it", "that", "the same"
_LEANING = re.compile(
    r"^(?:a repeat|repeats?|it|that|this|them|the same|more of (?:it|that|the same))$", re.I
)
_MAX_WORDS = 16
# nouns said without "a": "has no staff", "has no budget"
_MASS = frozenset(
    [
        "staff",
        "money",
        "time",
        "budget",
        "data",
        "information",
        "advice",
        "equipment",
        "software",
        "training",
        "help",
        "support",
        "experience",
        "insurance",
        "evidence",
        "proof",
        "funding",
        "capacity",
        "space",
        "storage",
        "parking",
        "access",
        "power",
        "water",
        "stock",
        "cover",
        "internet",
        "wifi",
        "signal",
        "heating",
        "cooling",
        "light",
        "furniture",
        "feedback",
    ]
)
# mulling is no doing; travel is where they are ("flying to Dubai Sunday"); a job title ("marketing mgr")
_MULLING = frozenset(
    """considering thinking wondering debating weighing mulling pondering hoping contemplating asking telling
    talking saying mentioning
    flying travelling traveling driving heading leaving marketing purchasing engineering accounting housekeeping catering crewing manning staffing consulting""".split()  # noqa: SIM905
)
# not theirs: the user's ("I need to"), negated ("doesn't want to"), others' ("if my clients need storage")
_NOT_THEIRS = re.compile(
    r"(?:\b(?:i|we|you|clients?|customers?|anyone|anybody|nobody|no one|no-one|members)(?:['’]d|['’]ll| would| will)?|\b(?:don'?t|doesn'?t|didn'?t|do not|does not|"
    r"not|never|no longer|won'?t)|"
    # "both his cheesemakers are over 60 and want to stop": what people of theirs want, not their plan
    r"\b(?:his|her|their|both)\s+(?:[\w-]+\s+){0,2}?[\w-]+s\b(?:\s+[\w\s-]{0,25}?\s+and)?)\s+$",
    re.I,
)
_POINTS_BACK = re.compile(
    r"^(?:them|it|this|that|those|these|one|some)\b|^more(?:\s+(?:of|than)\b|\s*$)", re.I
)
_REFERS_BACK = re.compile(
    r"\b(?:they|them|those|these)\b|\bit$|^(?:him|it|me|us|you|that|this|something|anything|stuff|nothing|none)\b|^her (?:on board|in|back|over)\b|^(?:one|two|three|four|five|six|seven|eight|nine|ten|a dozen|\d+)\s+(?:by|before|from|for|in|this|next)\b",
    re.I,
)
# something broken or costly that the user may be able to fix: the whole clause is the problem
_PROBLEM_END = re.compile(
    r"\s*(?:[,;]|\band (?:he|she|they|i|we)\b|\bbut\b|\bso\b|\bbecause\b|\bsince\b).*$", re.I
)
_GRUMBLE = re.compile(
    r"^(?:(?:he|she|they)(?:'s|’s| is| was| are| were)?\s+)?(?:moaning|moaned|complaining|complained|grumbling|grumbled|"
    r"ranting|said|says|told me)(?:\s+(?:all through \w+|about how|that))?\s+",
    re.I,
)
_COMMON_START = frozenset(
    ["the", "his", "her", "their", "our", "a", "an", "its", "my", "your", "every", "each", "one"]
)
# what a supplier wants more of: "more installs", "clients in the north", "January work"
_WORK_WANTED = re.compile(
    r"^(?:[\w'’-]+\s+){0,2}(?:installs|installations|jobs|work|"
    r"clients|customers|tenants|leads|projects|contracts|bookings|referrals|gigs|orders|commissions)\b|"
    r"^(?:steady|regular|paid|paying)\s+(?!(?:supply|supplies|stock|sources?|volumes?|deliver\w*|flow)\b)"
    r"(?!\s+(?:done|doing|sorted|finished|carried out|fixed))"  # "electrical work done": a need to meet
)
_PEOPLE_WORDS = frozenset(
    [
        "He",
        "She",
        "They",
        "I",
        "We",
        "It",
        "Its",
        "His",
        "Her",
        "Their",
        "My",
        "Our",
        "The",
        "This",
        "That",
        "These",
        "Those",
        "A",
        "An",
        "Also",
        "And",
        "But",
        "Still",
        "Now",
        "Really",
        "Biggest",
        "Main",
        "Only",
        "Everyone",
        "Someone",
        "Nobody",
        "Both",
        "Each",
        "Every",
        "Just",
        "So",
        "Then",
    ]
)
_PRONOUN_START = re.compile(r"^(?:she|he|they)\s+", re.I)


@dataclass(frozen=True)
class Situation:
    kind: str  # "invited", "need", "plan", "problem", "worry" or "doing"
    phrase: str  # what it is, about them, in the notes' words: "temporary edge protection for three weeks"
    lead: str = ""  # "would like to", "has to", "is not happy with"; "asked": they asked you for a name;
    # "work": a supplier after more work ("wants installs out Paarl way")
    clause: str = ""  # the clause it came from, the user's words
    ours: bool = True  # False: the notes say this is not something the user does


_LEADS_NOWHERE = re.compile(r"\s+(?:before|b4|after|by|until|till|til|for|to|with|from|badly|asap|urgently)$")


def _ends(text: str) -> str:
    text = LIST_COMMA.sub("\x00", text)
    phrase = (
        _END.sub("", text)
        .replace("\x00", ",")
        .replace('"', "")
        .replace("“", "")
        .replace("”", "")
        .strip(" ,;:.!?'")
    )
    # "commercial fit-out work to fill it": the purpose leans on the sentence before; the need stands alone
    phrase = re.sub(r"\s+(?:to|so as to|in order to)\s+\w+(?:\s+\w+)?\s+(?:it|them|that|this)$", "", phrase)
    if phrase.count("(") > phrase.count(")"):
        phrase = phrase[: phrase.rfind("(")].rstrip(" ,")
    # "whoever will build the cellar" → "someone to build the cellar": a person to find, said plainly
    phrase = _WHOEVER.sub(
        lambda m: "someone who " if m.group().lower().startswith("who ") else "someone to ", phrase
    )
    # "washing before", "… to see which": a word that leads nowhere
    phrase = _LEADS_NOWHERE.sub("", phrase)
    phrase = re.sub(r"\s+(?:to|so as to) (?:see|check|find out|know|learn|test)$", "", phrase)
    return " ".join(spelled_out(phrase).split())  # "w/ shoppers": with shoppers


_WHOEVER = re.compile(
    r"^(?:(?:whoever|someone who|somebody who|anyone who|a person who)\s+(?:will|can|could|would)\s+|"
    r"who\s+(?=(?:runs|does|offers|teaches|provides|sells|makes|fixes|handles|installs)\b))",
    re.I,
)


def _fits(phrase: str) -> bool:
    """Two to sixteen words; one word only when it names a thing ("repointing"), never a bare
    abstraction ("answer", "help", "time") that means nothing without its sentence."""
    words = phrase.split()
    if re.search(
        r"\w\s+(?:not|rather than|instead of)\s+(?:an?\s+|the\s+)?(?:sales\s+)?(?:pitch|brochures?|slides|decks?|"
        r"hard sell|spiel|fluff|jargon|waffle|theory|talk|promises|marketing)\b",
        phrase,
        re.I,
    ):
        return False  # "straight advice not a pitch": how they like things, not a need
    if len(words) == 1:
        word = words[0].lower()
        if word.endswith("iest") or word in _HOW_WORDS:
            return False  # "wants cheapest": how, not what
        return len(words[0]) >= 4 and not _LEANING.match(phrase) and word not in _ABSTRACT_ONE
    return 2 <= len(words) <= _MAX_WORDS


_HOW_WORDS = frozenset(
    [
        "cheap",
        "cheaper",
        "cheapest",
        "quicker",
        "quickest",
        "faster",
        "fastest",
        "better",
        "best",
        "sooner",
        "lowest",
        "highest",
        "biggest",
        "simplest",
        "newest",
        "latest",
        "smallest",
    ]
)
_ABSTRACT_ONE = frozenset(
    [
        "gone",  # "bedding she wants gone": a state, not a thing
        "done",
        "sorted",
        "fixed",
        "away",
        "back",
        "answer",
        "answers",
        "help",
        "advice",
        "time",
        "support",
        "input",
        "feedback",
        "idea",
        "ideas",
        "clarity",
        "certainty",
        "news",
        "luck",
        "money",
        "budget",
        "info",
        "information",
        "guidance",
        "direction",
    ]  # noqa: SIM905
)


@lru_cache(maxsize=1 << 12)
def situation_of(notes: str | None) -> Situation | None:
    """The best situation in the notes (need, plan, worry, doing; the first of a kind in order), or None."""
    if not notes:
        return None
    notes = re.sub(
        r'(?<=\s)["“]([^"”\n]{1,40})["”](?=\s*(?:[,.;!?]|$))', r"\1", notes
    )  # asked if we "do water"
    notes = _HOW_TO_REACH.sub("", notes)  # "brewing from 5am", "wants the title used": how to reach, no topic
    notes = IF_BRANCH.sub("", notes).replace("->", ";").replace("→", ";")  # "if they lose -> …": a branch
    clauses = [" ".join(m.group().split()) for m in _CLAUSE.finditer(notes) if m.group().strip()]
    found: dict[str, Situation] = {}
    for n, clause in enumerate(clauses):
        after = " ".join(clauses[n : n + 2])
        ours = not _NOT_OURS.search(after)
        invited = _INVITED.search(clause) if "invited" not in found else None
        if invited:
            phrase = _ends(invited.group("x") or invited.group("y") or "")
            if invited.group("v"):
                what = _ends(invited.group("z") or "that")
                before = clause[: invited.start()].rstrip(" ,;:—–-")
                before = re.split(r"[,;:—–]\s*|\s-\s", before)[-1].strip() if before else ""
                if BACK_ONLY.fullmatch(what):  # "6 auto-belays due for recert in Jan, asked if we do that"
                    if not before and n and _NEED.search(clauses[n - 1]):
                        continue  # "wants X. asked if we do anything for that": the need said before leads
                    what = re.sub(r"\s+(?:and|but|so)$", "", before, flags=re.I)
                    wanted = _NEED.search(
                        clause[: invited.start()]
                    )  # "needs X and asked if we do it": a need
                    verb = invited.group("v").lower()  # "cylinders from Oruro late, asked if we can supply"
                    if goods := verb in ("supply", "sell", "provide"):
                        what = re.split(r"\s(?:from|for|always|never|are|is|keeps?|in|at|late)\b", what)[0]
                    ok = 1 <= len(what.split()) <= 12 and not wanted
                    phrase = f"{verb if goods else 'take on'} {_lower_first(what)}" if ok else ""
                else:
                    phrase = f"{invited.group('v').lower()} {what}"
            if phrase and _fits(phrase) and not _REFERS_BACK.search(phrase):
                scope = (
                    "scope" if invited.group("v") and not phrase.startswith("take on") else ""
                )  # "do water"
                found["invited"] = Situation("invited", phrase, scope, clause.rstrip(".;!? "), ours)
        asked = _NAME_ASKED.search(clause) if "need" not in found else None
        if asked:
            phrase = _ends(
                asked.group("x")
                or (f"someone who {_present(asked.group('u'))}" if asked.group("u") else "")
                or f"someone who {asked.group('v')} {asked.group('w')}"
            )
            phrase = re.sub(r"^any(?:thing|thing useful) (?:on|about|re|for)\b", "a good lead on", phrase)
            phrase = re.sub(r"(?<![\w'’])['‘\"“]|['’\"”](?![\w'’])", "", phrase)  # "an 'inspection checklist"
            if (back := re.search(r"\s(?:for|about|on) (?:that|it|this)$", phrase)) and (
                said := re.split(r"[,;:]\s*", clause[: asked.start()].rstrip(" ,;:"))[-1]
            ):  # "renewal audit in Feb, asked if I had a checklist for that": for the renewal audit
                said = re.sub(
                    r"\s+(?:due\s+|coming\s+)?(?:in|by|on|before|from|due)\s+\w+(?:\s+\d+)?$", "", said
                )
                phrase = f"{phrase[: back.start()]} for the {said}" if 1 <= len(said.split()) <= 6 else phrase
            phrase = named_pile(phrase, clause[: asked.start()], clauses[n - 1] if n else "")
            if len(phrase.split()) > 12:  # "… of the sports halls before the budget is fixed": the who
                phrase = re.split(r"\s(?:before|by|ahead of|in time for)\s", phrase, maxsplit=1)[0]
            if re.fullmatch(r"(?:any|some)(?:one|body)(?: (?:good|decent|reliable))?", phrase, re.I):
                # "looking for funding, asked if I know anyone": the need said before it is what to find
                before = clause[: asked.start()]
                need = _NEED.search(before) or _WAIT_ON.search(before)
                if (
                    not need and n
                ):  # "the bank is still waiting on the roof certificate. asked if I know anyone"
                    need = _NEED.search(clauses[n - 1]) or _WAIT_ON.search(clauses[n - 1])
                gone = None if need else _LEAVING.search(clause[: asked.start()])
                phrase = _ends(need.group("x")) if need else _after_leaver(gone) if gone else ""
            if phrase and _fits(phrase) and not _REFERS_BACK.search(phrase):
                found["need"] = Situation("need", phrase, "asked", clause.rstrip(".;!? "), False)
        for kind, pattern in (("need", _NEED), ("plan", _PLAN), ("worry", _WORRY)):
            if kind in found:
                continue
            hit = pattern.search(clause)
            if not hit:
                continue
            if _NOT_THEIRS.search(clause[: hit.start()]) or (
                kind == "need" and SOMEONE_ELSE.search(clause[: hit.start()])
            ):
                continue  # "brand wants suppliers on green power": their buyer's demand, not their own need
            subject = clause[: hit.start()].split()[-1:]
            if subject and re.fullmatch(r"[A-Z][\w.&’'-]*", subject[0]) and subject[0] not in _PEOPLE_WORDS:
                continue  # "EG.D wants 11 months": what their utility or landlord wants is not their need
            phrase = re.sub(r"^(?:is|are)\s+", "", _ends(hit.group("x")))  # "what she really wants is X": X
            if kind == "need":
                phrase = need_of_thing(clause[: hit.start()], phrase)  # "slopes need revegetating"
            if kind == "need" and not clause[: hit.start()].strip() and phrase.startswith(("his ", "their ")):
                continue  # "need his gas meter readings" with no one saying it: your note to yourself
            if kind == "plan":
                if (worry := _WORRY.search(clause)) and worry.start() < hit.start():
                    continue  # "her problem is cash at harvest — has to pay farmers": the problem leads
                phrase = _PRONOUN_START.sub("", phrase)
                if _ONLY_TALK.match(phrase):
                    continue  # "wants to chat about it": a call, not a plan to help with
            if not _fits(phrase) or _LEANING.match(phrase) or _POINTS_BACK.match(phrase):
                continue
            if _REFERS_BACK.search(phrase):
                continue  # "someone to explain what they mean for her": "they" is in another sentence
            if kind == "need" and re.search(
                r"\b(?:has|have) no|lacks$", hit.group()[: hit.start("x") - hit.start()].strip(), re.I
            ):
                phrase = re.sub(
                    r"^(?:idea|clue)\s+(?=what|how|which|where|who|whether)", "a steer on ", phrase
                )
                head = phrase.split()[0].lower()
                if (
                    not re.match(r"(?:a|an|the|any|some|\d)\b", phrase, re.I)
                    and not head.endswith("s")
                    and head not in _MASS
                ):
                    phrase = f"a {phrase}"  # "has no figure in euros" → needs "a figure in euros"
            lead = hit.group("lead") if "lead" in pattern.groupindex else ""
            lead = _plan_lead(lead) if kind == "plan" else _worry_lead(lead) if kind == "worry" else ""
            if kind == "need" and _WORK_WANTED.match(phrase):
                lead = "work"  # "wants installs out Paarl way": a supplier after work, not a buyer
            kind, phrase, lead = reframed(kind, phrase, lead, "plan" in found)  # "wants fewer calls"
            found[kind] = Situation(kind, phrase, lead, clause.rstrip(".;!? "), ours)
        if "problem" not in found and _PROBLEM.search(clause) and not _NOT_THEIRS.search(clause[:4]):
            part = problem_part(clause, _PROBLEM.search(clause).start())  # "bought 5 ha, wind keeps …"
            phrase = _PROBLEM_END.sub("", " ".join(part.rstrip(".;!? ").split()))
            phrase = _GRUMBLE.sub("", phrase)  # "moaning that her bill doubled": the bill doubled
            if 4 <= len(phrase.split()) <= 26 and not _REFERS_BACK.search(phrase):
                first, _, rest = phrase.partition(" ")
                if first.lower() in _COMMON_START:
                    phrase = f"{first.lower()} {rest}"
                found["problem"] = Situation("problem", phrase, "", clause.rstrip(".;!? "), ours)
        if "doing" not in found:
            hit = _DOING.match(clause)
            if hit:
                if re.search(r"\s(?:can|could|will|would|should|must|may|might)\b", hit.group("x"), re.I):
                    continue  # "calibrating the scales can come later": a thing for later, not what they do
                phrase = _ends(hit.group("x"))
                first_word, _, after = phrase.partition(" ")
                if first_word.lower() in _MULLING or after[:1].isupper():
                    continue  # "considering a podcast", "Managing Partner": nothing they are doing
                if re.match(r"[a-z]+s?\s+(?:runs?|is|are|was|has|goes|takes|needs)\b", after):
                    continue  # "pelleting line runs days": a thing named by what it does, then its verb
                phrase = phrase[:1].lower() + phrase[1:]  # "Starting a second truck" → "starting a …"
                if _fits(phrase) and len(phrase.split()) >= 2 and not _REFERS_BACK.search(phrase):
                    found["doing"] = Situation("doing", phrase, "", clause.rstrip(".;!? "), ours)
    for kind in ("invited", "need", "plan", "problem", "worry", "doing"):
        if kind in found:
            return found[kind]
    return None
