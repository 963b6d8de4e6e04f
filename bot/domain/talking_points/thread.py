"""The thread of a contact's notes (`_thread_of`): the clause most worth asking about, and what it says
is going on (a need, a plan, a problem, a worry, what they are doing: situation.py) as values the
playbook says in its own sentences, never a clipped quote. Split from `known`."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.domain.cue_words import untranslated
from bot.domain.names import is_pronouns
from bot.domain.playbook import Playbook
from bot.domain.talking_points.case import Case
from bot.domain.talking_points.case_items import SENT_AFTER_RE, SENT_RE
from bot.domain.talking_points.case_timing import _HEED_RE
from bot.domain.talking_points.facts import (
    _CLAUSE_RE,
    _CONTACT_DETAIL_RE,
    _PROMISE_WORDS,
    _STOPWORDS,
    _TOKEN_RE,
    ContactFacts,
    _clip,
    _fast_fold,
    _stem,
)
from bot.domain.talking_points.offer_match import _name_stems
from bot.domain.talking_points.situation import _MULLING, Situation, _ends, situation_of
from bot.domain.talking_points.situation_leads import HOURS, spelled_out
from bot.domain.vocabulary import fold

_MET_WORDS = frozenset({"met", "meet", "meeting"})
# Words that make a clause of the notes a live thread, not a label ("churn is their big worry").
_THREAD_SIGNALS = frozenset(
    _stem(w)
    for w in [
        "need",
        "needs",
        "want",
        "wants",
        "wanted",
        "asked",
        "worry",
        "worried",
        "problem",
        "struggle",
        "struggles",
        "stuck",
        "hard",
        "mess",
        "pain",
        "issue",
        "challenge",
        "plan",
        "plans",
        "launch",
        "launched",
        "expand",
        "hire",
        "invests",
        "invest",
        "raise",
        "evaluating",
        "looking",
    ]
)

# A part of the notes about your own tries ("2nd message, left my mobile") or about how you met ("Órla
# brought him over at the coffee break", "never got talking to him") is nothing to ask them about
_OWN_TRIES = re.compile(
    r"\b(?:left (?:a |my |another )?(?:message|voicemail|vm|number|mobile)|(?:\d+(?:st|nd|rd|th)|another) "
    r"(?:message|voicemail|try|attempt)|tried (?:again|twice|her|him|them)|no answer|no reply|rang out|"
    r"went to voicemail|my mobile|my number|brought (?:him|her|them|me) over|introduced (?:us|me|him|her|them)|"
    r"(?:at|over) (?:the )?(?:coffee|lunch|tea|drinks|bar|stand|booth|break|reception|dinner)|"
    r"never (?:got|had a chance) (?:to )?(?:talk|chat|speak)|didn'?t (?:actually |really )?get (?:to )?(?:talk|chat|speak)|"
    r"pointed (?:him|her|them) out|(?:he|she|they) left early|expecting (?:my|your|a|the) call|"
    r"gave (?:me |us )?(?:my|our|his|her|their) (?:mobile|number|cell|card|details|name)|"
    r"told (?:\w+ )?about (?:me|us)\b|nothing in it for (?:us|me)|not a (?:fit|prospect)|(?:tell|told) (?:her|him|them) about me|"
    r"(?:haven'?t|have not|not yet|never) (?:yet )?(?:spoken|talked|met|called)|didn'?t (?:actually )?meet|"
    r"(?:swapped|exchanged|got (?:his|her|their)) (?:cards?|numbers?)|card only|only (?:said|exchanged))",
    re.I,
)


# a job title alone: "Purchasing manager", "Head of marketing", "Senior buyer, EMEA"
_ROLE_LABEL = re.compile(
    r"^(?:[\w&/'’-]+\s+){0,3}(?:manager|director|head|lead|officer|owner|buyer|coordinator|specialist|"
    r"consultant|partner|founder|co-founder|ceo|cto|cfo|coo|cmo|vp|president|engineer|chef|architect|"
    r"planner|analyst|administrator|supervisor|superintendent|controller|executive|assistant|secretary|"
    r"treasurer|chair|principal|dean|registrar|agent|broker|advisor|adviser|"
    r"sup|supt|super|mgr|mngr|dir|coord|eng|hod|gm|md|technologist|pharmacist|tech)\.?"
    r"(?:\s+(?:of|for|in|at|de|du|des|d['’])\s*(?:the\s+|la\s+|l['’])?[\w&/. -]{1,30})?$"  # "QC lead in the lab"
    # French titles name the department without a preposition: "chef atelier élec", "responsable achats"
    r"|^(?:chef|responsable|resp|directeur|directrice|dir|g[ée]rante?|ing[ée]nieur|technicien(?:ne)?|dg|pdg|daf|drh)"
    r"(?!\s+(?:wants|needs|is|has|said|says|asked|will|was|likes|hates|loves|runs)\b)(?:\s+[\w.’'-]+){0,2}\.?$",
    re.I,
)
_NOT_DONE = re.compile(
    r"\s*no\s+[a-z]{3,}(?:ing)?\s*$", re.I
)  # "no compounding", "no lab": what they do not do
# where they are, not what they are doing: "at a fair in Munich until Sun 13 Dec", "away until the 4th"
# how you heard of them, not what is going on: "NOT met her, Zé's tip", "say he sent me"
_HEARD_OF = re.compile(
    r"\b(?:not met|never met|haven'?t (?:actually |yet )?(?:met|spoken|talked)|not (?:actually )?spoken|\w+(?:'s|’s) tip|tip from|(?:say|said|tell her|tell him) "
    r"(?:he|she|they|\w+) sent me|(?:use|mention|drop) (?:his|her|their|\w+'s) name|"
    r"(?:walked|brought|took) me over|introduced us|introduced me|"
    r"(?:wasn'?t|was not|weren'?t|didn'?t come|did not come) (?:at|to) the \w+|(?:wasn'?t|was not) there)\b",
    re.I,
)
_AWAY = re.compile(
    r"\b(?:(?<!\bit )(?<!\bthem )(?<!\bthat )away|travell?ing|abroad|on (?:holiday|leave|vacation)|out of (?:the )?office|off sick|"
    r"(?:flying|flies|driving|going) (?:to|back to|home to)\s+[A-Z][\w'’ -]*|(?:is|'s|’s|are) (?:on|in|at) "
    r"(?:the|a) [\w -]{2,20} all (?:morning|afternoon|day))\b|"  # "flying to Miami", "she's on the log yard all morning"
    r"^\s*(?:(?:he|she|they)(?:'s|’s| is| are) )?(?:on|in|at) (?:the )?[\w -]{2,20} (?:every|each|all) (?:morning|afternoon|day)\b|"
    r"\b(?:at|in)\s+(?:a |the )?[\w'’ -]{2,40}?\s+(?:until|till)\b|"
    # "at a pork fair in Guatemala", "in a committee meeting", "loading pigs": where they were when you rang
    r"^\s*(?:(?:at|in|on)\s+(?:a|an|the)\s+[\w'’ -]{0,30}?(?:fair|show|expo|conference|congress|meeting|call|trip|"
    r"site|visit|funeral|wedding|course|training)\b|in the middle of\b|(?:driving|loading|boarding|on the road)\b|"
    r"(?:\w+\s+)?(?:says?|said)\s+(?:month|year|quarter)-?end\b|(?:month|year|quarter)-?end (?:closing|close)\b)",
    re.I,
)
_HOW_TO_ADDRESS = re.compile(
    r"\b(?:address(?:es)? (?:her|him|them) as|uses? the title|prefers? the title|use [\"“']|introduces "
    r"(?:herself|himself|themselves) as|goes by|prefers to be called|so use it|(?:badge|card|name ?tag) (?:said|says)|"
    r"wants? (?:the|her|his|their) (?:title|name|surname)\b|known as|"
    r"(?:call|calls|calling) (?:him|her|them)\s+(?-i:[A-Z])|"  # "call him Ba'i": a name to use, no topic
    # the same in Italian, Portuguese, Spanish and French: "ci tiene al titolo", "gosta q a tratem por"
    r"tiene al titolo|tient à son titre|gosta (?:q|que) (?:a|o) tratem|le gusta que (?:la|le|lo) llamen|"
    # the language to speak: "PT fraco, EN ok", "mezzo fr mezzo ita", "speaks French only"
    r"\b(?-i:EN|FR|PT|ES|IT|DE|ENG|ITA|ESP|FRA)\s+(?:ok|fraco|fraca|weak|only|good|fluent|so-so|basic|bueno|bon)\b|"
    r"\b(?:mezzo|half|metà|meio|mitad)\s+\w{2,8}\s*(?:[,/+&]|e|and|y)?\s*(?:mezzo|half|metà|meio|mitad)\s+\w{2,8}|"
    r"\bspeaks?\s+(?:only\s+)?(?:english|french|spanish|portuguese|italian|german|arabic|russian)\b(?:\s+only)?)",
    re.I,
)

# a thank-you said on the call, in any of the languages notes are typed in
_THANKED = re.compile(
    r"(?:thanks|thanked (?:her|him|them)|thank(?:ed)? (?:her|him|them|you)|said thanks|merci|grazzi|grazie|gracias|"
    r"obrigad[oa]|danke|dank je|tack|takk|tak for|спасибо|shukran|asante)\b(?:\s+(?:again|a lot|lots|so much|beaucoup))?"
    r"\s+(?:for|pour|per|por|para|für|voor|за)\b",
    re.I,
)

_THEIR = re.compile(
    r"\b(?:their|his|her(?=\s+[\w-]))\b", re.I
)  # "for her" at the end is "for you": see _situation_values
# what follows a verb in "-ing" when it is something they are doing: "migrating their", "hiring 20",
# "launching a", "opening the", "moving to", "looking for"
_DOING_NEXT = re.compile(
    r"^(?:their|his|her|the|a|an|two|three|new|more|\d+|to|for|into|up|out|over|in)$", re.I
)


_SCHEDULING = re.compile(
    r"\b(?:try|call|ring|phone|reach)\s+(?:\w+\s+){0,2}(?:again|back|later|next|tomorrow|after|before|on)\b|"
    r"\bcall ?back\b|\b(?:in a|at a|at an) (?:meeting|offsite|off-site|workshop|conference)\b|\bbad time\b|"
    r"\b(?:left|leave) (?:a |my )?(?:message|voicemail|name)\b|\bno answer\b|\bline (?:was )?(?:engaged|busy)\b|"
    # "better after lunch", "mornings are best", "best before 9": when to ring, not what to talk about
    r"^(?:(?:is|are|it's|its)\s+)?(?:better|best|easier)\s+(?:after|before|in|on|at|from|by)\b|"
    r"^(?:mornings?|afternoons?|evenings?|lunchtimes?|weekends?)\s+(?:are|is|work)\s+(?:best|better)\b|"
    r"^(?:in the )?(?:mornings?|afternoons?|evenings?)\s+(?:she|he|they)(?:'s|’s|'re|’re| is| are)\b|"
    # "brewing from 5am", "on the boats till 2pm": the hours they keep say when to ring, not what about
    r"\b(?:after|before) (?:lunch|work|hours|school run)\s*$|" + HOURS + r"|"
    # "said he's slammed", "swamped till the 15th": how busy they are is when to ring, not a topic
    r"^(?:(?:said|says)\s+)?(?:(?:he|she|they|i|we)(?:'s|’s|'re|’re| is| are)\s+)?(?:really |very |too |so )?"
    r"(?:busy|slammed|swamped|snowed under|flat out|stretched|drowning)\b",
    re.I,
)


def _doing(thread: str) -> tuple[str, str] | None:
    """ "migrating their data warehouse to the cloud" -> (as written, "migrating your data warehouse
    to the cloud"): a note that starts with what they are doing reads inside a question, unquoted."""
    words = thread.split()
    if len(words) < 3 or not (words[0].lower().endswith("ing") and len(words[0]) >= 6 and words[0].isalpha()):
        return None
    if not _DOING_NEXT.match(words[1]):
        return None  # "coping stones are loose": a noun, not something they are doing
    if words[0].lower() in _MULLING or words[1][:1].isupper():
        return None  # "considering a podcast", "Managing Partner": no thing they are doing
    if any(w.lower() in ("i", "i'm", "i'll", "me", "my", "we", "our") for w in words):
        return None  # about you, not them
    said = words[0][:1].lower() + words[0][1:]
    rest = _ends(" ".join([said, *words[1:]]))  # "opening a second site and still hunting for…": the first
    if len(rest.split()) > _SPOKEN_WORDS:  # "opening a café next spring with a rooftop for …": the first part
        rest = re.split(r"\s(?:with|including|plus|as well as|complete with)\s", rest, maxsplit=1)[0]
    if rest.endswith("…") or not 3 <= len(rest.split()) <= _SPOKEN_WORDS:
        return None  # too long to say in one breath: a clipped note is never read out
    return rest, _THEIR.sub("your", rest)


_SPOKEN_WORDS = 14
_PRONOUN_WORDS = frozenset(
    [
        "she",
        "her",
        "hers",
        "he",
        "him",
        "his",
        "they",
        "them",
        "theirs",
        "xe",
        "xem",
        "iel",
        "iels",
        "pronoms",
    ]
    + ["pronouns", "elle", "il", "ela", "ele", "sie", "er", "ella", "él"]
)  # "Ing. Alex Soto (they/them)", "iel (pronoms iel / they)": how to refer to them, no topic


def _outside_brackets(parts: list[str]) -> list[str]:
    """Comma-split parts joined back where the comma was inside brackets: "(fire doors, compartments)"."""
    joined: list[str] = []
    for part in parts:
        if joined and joined[-1].count("(") > joined[-1].count(")"):
            joined[-1] += "," + part
        else:
            joined.append(part)
    return joined


_DASH_RE = re.compile(r"\s[—–-]+\s")
# "says they only find out a branch went dark …": what they told you, said back as "told you …"
_TOLD_RE = re.compile(
    r"^(?:(?:he|she|they)\s+)?(?:says|said|told me|tells me|mentioned|explained|complained)(?:\s+that)?\s+"
    r"(?P<x>(?:they|their|the|it|there|a|an|his|her|most|every|nobody|no|nothing)\b.{8,})$",
    re.I,
)


# what someone else told you of them: "Dragan says his export to Zurich was sent back"
REPORTED = re.compile(
    r"^\s*(?P<who>[A-Z][\w'’-]+)\s+(?:says|said|reckons|tells me|told me|mentioned)(?:\s+that)?\s+(?P<x>\w.{8,})$"
)


def heard_values(thread: str, referrer: str | None) -> dict[str, str]:
    """ "Dragan says his export was sent back", of a referral by Dragan: what the referrer told you, the
    first thing to ask about ({"thread_heard": …}); {} for anything else."""
    reported = REPORTED.match(thread) if referrer else None
    if not reported or fold(reported.group("who")).lower() not in fold(referrer or "").lower().split():
        return {}
    return {"thread_heard": spelled_out(reported.group("x").rstrip(" .;,"))}


def told_you(thread: str) -> str:
    """What a note says they told you, as it is said back ("they only find out when …"); "" if the note
    is not a report of their words, or is cut short."""
    m = _TOLD_RE.match(thread.strip())
    if not m:
        return ""
    said = m.group("x").rstrip(" .;,…")
    return said if not thread.rstrip().endswith("…") else ""


_SPOKEN_THEY = re.compile(r"\b(?:they|their|them|theirs|he|she|him|his|hers|her(?=\s+[a-z]))\b", re.I)
_TO_YOU = {"they": "you", "their": "your", "them": "you", "theirs": "yours", "he": "you", "she": "you"}
_TO_YOU |= {"him": "you", "his": "your", "hers": "yours", "her": "your"}  # "keeps killing him": you


def to_them(said: str) -> str:
    """What they told you, said back to them: "they only learn of it late" → "you only learn of it late"."""
    said = _SPOKEN_THEY.sub(lambda m: _TO_YOU[m.group().lower()], _you_do(said))
    return re.sub(r"\byou (is|has|was|does|doesn't)\b", lambda m: "you " + _AGREE[m.group(1)], said)


_AGREE = {"is": "are", "has": "have", "was": "were", "does": "do", "doesn't": "don't", "goes": "go"}
_SHE_DOES = re.compile(r"\b(?:she|he)\s+([a-z]+)\b", re.I)


def _agree(verb: str) -> str:
    """ "signs" → "sign", "tries" → "try", "pushes" → "push"; other words as they are."""
    if verb in _AGREE:
        return _AGREE[verb]
    if len(verb) > 4 and verb.endswith("ies"):
        return verb[:-3] + "y"
    if re.search(r"(?:ss|sh|ch|x|z)es$", verb):
        return verb[:-2]
    return verb[:-1] if re.search(r"[^su]s$", verb) else verb


def _you_do(said: str) -> str:
    """Said to their face: "before she signs anything herself" → "before you sign anything yourself"."""
    said = re.sub(r"\b(?:herself|himself|themselves|themself)\b", "yourself", said)
    return _SHE_DOES.sub(lambda m: f"you {_agree(m.group(1).lower())}", said)


def _thread_of(notes: str, playbook: Playbook, avoid: frozenset[str] = frozenset()) -> str:
    """The clause of the notes most worth asking about: not a promise, not contact details, not how
    you met ("met at the booth, building a recommender team" gives "building a recommender team").

    A clause that says what is going on (something they are doing, need or struggle with:
    "raising a seed round", "churn is their big worry") beats one that only labels them ("co-founder",
    "head of growth", "platform engineer"); among equals the first one wins."""
    best, best_score = "", 0
    for clause in _CLAUSE_RE.finditer(notes):
        for part in _outside_brackets(
            [
                piece
                for dashed in _DASH_RE.split(clause.group())  # "… a WhatsApp photo — wants to hear it first"
                for piece in re.split(r",(?!\d)(?!\s+(?:[\w'’-]+\s+){0,3}(?:and|or)\s)", dashed)
            ]
        ):
            tokens = _TOKEN_RE.findall(part)
            words = [_stem(w) for w in tokens]
            if len(words) < 2 or words[0] in _MET_WORDS or _PROMISE_WORDS.intersection(words):
                continue
            if _CONTACT_DETAIL_RE.search(part) or playbook.banned_in(part) or _OWN_TRIES.search(part):
                continue
            if (
                _ROLE_LABEL.match(part.strip())
                or _AWAY.search(part)
                or _HEARD_OF.search(part)
                or _NOT_DONE.match(part)
            ):
                continue  # "Purchasing manager" is who they are; "in Munich until the 13th" is when
            if SENT_RE.search(part) or SENT_AFTER_RE.search(part):
                continue  # "ballpark figure sent for the board pack": what you did, not their topic
            if _ANSWERED.match(part.strip()) or (
                re.match(r"(?:asked|q\b|question)", part.strip(), re.I) and _ANSWERED.search(notes)
            ):
                continue  # "asked re drapes - told him we do seating not drapes": a question answered
            if _THANKED.match(part.strip()):
                continue  # "merci for the intro to Mathieu": said and done on the call, no topic
            if _SCHEDULING.search(part.strip()) or _HEED_RE.search(part):
                continue  # "asked me to try again next week", "afternoons only": when to call, not a topic
            if _HOW_TO_ADDRESS.search(part) or all(
                t[:1].isupper() or is_pronouns(t) or t.lower() in _PRONOUN_WORDS for t in tokens
            ):
                continue  # "use "Dr" until she says otherwise", "Dr Ana Ruiz": how to greet, not a topic
            if avoid and avoid & _name_stems(part):
                continue  # about a promise already kept: it never comes up again
            content = sum(1 for w in words if w not in _STOPWORDS)
            lowered = [_fast_fold(t) for t in tokens]
            doing = any((len(t) >= 6 and t.endswith("ing")) or _stem(t) in _THREAD_SIGNALS for t in lowered)
            score = (
                3 if doing or told_you(part) or REPORTED.match(part.strip()) else 2 if content >= 3 else 0
            )  # a bare label ("head of procurement") is no thread; what they told you is the most telling
            if score > best_score:
                best, best_score = _clip(part.strip(), 120), score
                if score == 3:
                    return best
    return best


def _sent_stems(text: str) -> frozenset[str]:
    """The words of what a note says was sent: "sent her the CSRD article", "quote emailed Tuesday"."""
    found: frozenset[str] = frozenset()
    for sent in SENT_RE.finditer(text):
        found |= _name_stems(sent.group("obj"))
    for sent in SENT_AFTER_RE.finditer(text):  # "ballpark figure sent for the board pack": all of it
        found |= _name_stems(f"{sent.group('obj')} {sent.group('tail')}")
    return found


def sent_keeps(promise: str, notes: str | None) -> bool:
    """Whether a touch's notes say the promised thing was sent: "sent price sheet + lead times" keeps
    "get her the Estonian price sheet + heater lead times" (two words of it, or all of a short one)."""
    if not notes:
        return False
    wanted = _name_stems(promise)
    return bool(wanted) and len(_sent_stems(notes) & wanted) >= min(2, len(wanted))


# a call that answered whether it is your work: "told him we do seating not drapes", "explained we can't"
_ANSWERED = re.compile(
    r"\b(?:told|explained\s+to|said\s+to|confirmed\s+to|reminded)\s+(?:him|her|them)\s+(?:that\s+)?(?:we|I)\s+"
    r"(?:do|don'?t|don’t|do\s+not|only|can'?t|can’t|cannot|could|can|just|won'?t|no\s+longer)\b"
    r"|\b(?:answered|cleared\s+up)\s+(?:his|her|their|the)\s+question\b",
    re.I,
)


def _situation(contact: ContactFacts, call_notes: str, case: Case) -> Situation | None:
    """What is going on for them, from the last call's notes when they are the thread, else the notes
    from meeting them; never the thing they asked for (that is the reason already)."""
    sit = situation_of(call_notes) if call_notes else None
    sit = sit or situation_of(contact.notes)
    if sit and sit.kind == "invited" and sit.lead == "scope" and _ANSWERED.search(call_notes or ""):
        # "asked if we do drapes" when you met, "told him we do seating not drapes" on the call: answered
        sit = situation_of((contact.notes or "").replace(sit.clause, ""))
    if sit and case.deliver and (sit.clause in case.deliver.note or case.deliver.note in sit.clause):
        return None
    if sit and untranslated(sit.phrase):
        return None  # "cherche du gombo": never "you mentioned needing du gombo"; the note is quoted instead
    if sit and sit.kind == "need" and (one := _JUST_ONE.fullmatch(sit.phrase)):
        # "lose their chandler in Jan, need a new one": a new chandler; with no thing named before, no need
        named = _NAMED_BEFORE.findall(sit.clause[: max(0, sit.clause.rfind(sit.phrase))])
        sit = replace(sit, phrase=f"{one['lead'] or 'a '}{named[-1]}") if named else None
    return sit


_JUST_ONE = re.compile(
    r"(?P<lead>(?:a|an)\s+(?:new|better|replacement|second|another)\s+|another\s+)?(?:one|ones)", re.I
)
_NAMED_BEFORE = re.compile(
    r"\b(?:their|his|her|the|a|an|our|its)\s+((?:[\w-]+\s+)?[a-z][\w-]{2,})\b(?=\s+(?:in|on|at|from|for|by|,)|\s*[,;]|\s*$)",
    re.I,
)


_THEY_MODAL = re.compile(r"\b(?:he|she|they)\s+(can|could|will|would|may|might|should|must|needs?)\b", re.I)
# how the reason's lead is said to them in an opener: "would like to" → "you'd like to"
_SPOKEN_LEAD = {
    "would like to": "you'd like to",
    "wants to": "you want to",
    "plans to": "you're planning to",
    "hopes to": "you're hoping to",
    "has to": "you have to",
    "is trying to": "you're trying to",
}


# a clause that starts with its verb, the subject left out as notes do: "bought 5 more ha by the river"
_NO_SUBJECT = re.compile(
    r"(?:bought|built|got|had|lost|took|made|sold|went|put|opened|started|moved|switched|tried|planted|"
    r"added|expanded|replaced|installed|hired|signed|changed|upgraded|bid|won|needed)\s",
    re.I,
)


def _situation_values(sit: Situation) -> dict[str, str]:
    said = _you_do(_THEY_MODAL.sub(r"you \1", _THEIR.sub("your", sit.phrase)))  # "… he can" → "you can"
    said = re.sub(r"\b(?:her|him|them)$", "you", said)  # "someone to bottle 2-3k a week for her": for you
    phrase, spoken = _clip(sit.phrase, 200), _clip(said, 200)
    if sit.kind == "need" and sit.lead == "work":
        return {"thread_work": phrase, "thread_work_spoken": spoken}
    if sit.kind == "need" and sit.lead == "asked":
        return {"thread_name_asked": phrase, "thread_name_asked_spoken": spoken}
    if sit.kind == "need":
        key = "thread_need" if sit.ours else "thread_need_elsewhere"
        return {key: phrase, f"{key}_spoken": spoken}
    if sit.kind == "plan":
        return {
            "thread_plan": phrase,
            "thread_plan_lead": sit.lead,
            "thread_plan_spoken": f"{_SPOKEN_LEAD.get(sit.lead, 'you want to')} {spoken}",
        }
    if sit.kind == "invited" and sit.lead == "scope" and not sit.ours:
        return {}  # "asked if we do tracking - he meant GPS, not our thing": answered already
    if sit.kind == "invited" and sit.lead == "scope":  # "asked if we do water": is it work you do?
        return {"thread_scope": phrase, "thread_scope_spoken": phrase}
    if sit.kind == "invited":
        return {"thread_invited": phrase, "thread_invited_spoken": spoken}
    if sit.kind == "problem" and _NO_SUBJECT.match(phrase):  # "bought 5 more ha, wind keeps …": who did
        return {"thread_problem": f"they {phrase}", "thread_problem_spoken": f"you {spoken}"}
    if sit.kind == "problem":
        return {"thread_problem": phrase, "thread_problem_spoken": spoken}
    if sit.kind == "worry":
        return {"thread_worry": phrase, "thread_worry_lead": sit.lead, "thread_worry_spoken": spoken}
    return {"thread_doing": sit.phrase, "thread_doing_spoken": _THEIR.sub("your", sit.phrase)}


def _whole(clause: str, limit: int = 160) -> str:
    """A clause quoted whole; a long one ends at the last word that fits, never inside a parenthesis.
    Pronouns in brackets ("(they/them) collects …") are for you, never quoted."""
    clause = re.sub(
        r"^\s*\((?:she|he|they|ze|xe)/\w+\)\s*|\s*\((?:she|he|they|ze|xe)/\w+\)", "", clause, flags=re.I
    )
    if clause.count('"') % 2:  # '" — she has no benchmark': the end of a quote cut off before it
        clause = re.sub(r'^\s*"\s*[—–-]?\s*|\s*[—–-]?\s*"\s*$', "", clause, count=1)
    if len(clause) <= limit:
        return clause
    cut = clause[:limit].rsplit(" ", 1)[0]
    if cut.count("(") > cut.count(")"):
        cut = cut[: cut.rfind("(")]
    return cut.rstrip(" ,;:") + "…"


def _whole_note(note: str, limit: int = 140) -> str:
    """A note quoted whole, or to the last whole word that fits."""
    note = " ".join(note.split()).rstrip(".;")
    if len(note) <= limit:
        return note
    return note[:limit].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


_HAD_IT = re.compile(
    r"\b(?:loved|liked|read|got|received|has read|enjoyed|forwarded|passed round|shared)\s+(?:(?:the|our|your|my)\s+)?"
    r"(?P<obj>[\w-]+(?:\s+[\w-]+)?)",
    re.I,
)


def had_stems(text: str) -> frozenset[str]:
    """The words of what a note says they already have: "loved the checklist, passed it round"."""
    found: frozenset[str] = frozenset()
    for had in _HAD_IT.finditer(text):
        found |= _name_stems(had.group("obj"))
    return found
