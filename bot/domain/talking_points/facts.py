"""What the talking-points engine reads and returns, and the words it reads in notes.

Matching folds case and accents (`fold`), works on whole words, strips a leading "#" and plural or
"-ing" endings ("engineers", "engineering" → "engineer"), so tags and plain words meet. A contact's
role and notes are read once into a `_Profile`: its words, where they are, what the contact needs
("hiring X", "looking for X", "needs X", "seeking X") and what it can offer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.domain.names import first_name
from bot.domain.talking_points.models import (  # noqa: F401 (re-exported: the engine's inputs and outputs)
    DIGEST_LINE_MAX,
    ContactFacts,
    OfferFacts,
    OtherFacts,
    Reason,
    SourceRef,
    TalkingPoints,
    UserFacts,
)
from bot.domain.talking_points.offload import offload_needs
from bot.domain.talking_points.unneeded import _unnegated
from bot.domain.vocabulary import MONTH_WORDS, fold
from seeds import vocabulary

# ---------------------------------------------------------------------------------------------------
# Words

_TOKEN_RE = re.compile(r"#?\w+")
_ABBREVIATED = r"(?<=\bincl)\.|(?<=\bapprox)\.|(?<=\bappr)\.|(?<=\betc)\.|(?<=\bvs)\.|(?<=\bca)\.|(?<=\bexcl)\.|(?<=\bapprox)\.|(?<=\bno)\.(?=\s*\d)|(?<=\be\.g)\.|(?<=\bi\.e)\.|(?<=\bDr)\.|(?<=\bdr)\.|(?<=\bMr)\.|(?<=\bMs)\.|(?<=\bMrs)\.|(?<=\bProf)\.|(?<=\bsc)\.|(?<=\bmag)\.|(?<=\bIng)\.|(?<=\bing)\.|(?<=\bSt)\."  # "a price incl. card payment": no sentence ends there
_CLAUSE_RE = re.compile(r"(?:[^.;!?\n]|\.(?=\w)|" + _ABBREVIATED + ")+")  # "EG.D wants": no end in a name
_CONTACT_DETAIL_RE = re.compile(r"@|https?:|www\.|\d{3}[\d\s().-]{4,}")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STOPWORDS = _words(
    """a an the and or of to in on at for with by from is are was were be been it its this that these those
    we you i he she they them her his our their my me us as about into just very so not no do does did
    has have had will would can could should there here what who which"""
)
# Words that end a "needed thing" ("looking for a designer in Berlin" → "designer").
_NEED_STOPS = (
    _STOPWORDS
    | _words(
        "asap soon now urgently next since before after because if but also too month year week every each"
    )
    # "~1500 pallets feb-apr": the months say when, not what ("may" is a verb too, so it stays)
    | frozenset(month for month in MONTH_WORDS if month != "may")
)
# Words skipped at the front of a needed thing ("a senior designer" → "designer").
_OUTAGE = {(w,) for w in ("cut", "outage", "drop", "failure", "go", "goe", "trip", "dip")}
_REFUSED = _words("t not cannot refuse refuses never")  # "won't … without", "can't … without"
_NEED_LEAD = _words(
    """a an the some more new another two three few several good great senior junior experienced strong
    skilled freelance part full time our their his her its reliable trusted decent solid affordable local
    proper dependable trustworthy better cheaper proven top"""
)


def _fast_fold(text: str) -> str:
    return text.lower() if text.isascii() else fold(text)


_VERB_S = frozenset(("does", "goes"))  # "does O&M" is no "DOE" (an agency's initials)


@lru_cache(maxsize=1 << 16)
def _stem(token: str) -> str:
    """Folded word without a leading '#' and without plural or '-ing' endings; crude on purpose."""
    word = _fast_fold(token).lstrip("#")
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 4 and word.endswith(("sses", "ches", "shes", "xes", "zes")):
        word = word[:-2]
    elif (
        len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")) and word not in _VERB_S
    ):
        word = word[:-1]
    if len(word) >= 8 and word.endswith("ing"):
        word = word[:-3]
    return word


# Offer topics and a contact's words meet on canonical forms ("recruiter" finds #hiring): seeds/vocabulary.toml.
_VOCABULARY = vocabulary()
_SYNONYMS: dict[str, str] = {
    _stem(word): topic["key"] for topic in _VOCABULARY["topic"] for word in topic["words"]
}
# Topics too broad to match alone: #hiring #engineering is for engineering hiring, not for teachers.
_GENERIC_TOPICS = frozenset(_SYNONYMS.get(_stem(w), _stem(w)) for w in _VOCABULARY["broad"])


def _topic(stem: str | None) -> str | None:
    return _SYNONYMS.get(stem, stem) if stem else stem


# topic key -> every word stem of the topic (the key's own first): what else meets a need said in one
_TOPIC_WORDS: dict[str, tuple[str, ...]] = {}
for _word, _key in _SYNONYMS.items():
    _TOPIC_WORDS.setdefault(_key, (_stem(_key),))
    if _word not in _TOPIC_WORDS[_key]:
        _TOPIC_WORDS[_key] += (_word,)


# heads of a need that say nothing of its kind: "the wine list", "a marketing plan", "the kitchen side"
# ("a CMT partner", "a delivery partner": the word before says what kind)
_EMPTY_HEADS = frozenset(
    _stem(w)
    for w in _words(
        """list partner menu plan programme program setup side bit part stuff thing work job project
        sorted fixed done resolved cleared checked treated handled solved repaired removed"""
    )
)


# a clause that says something is wrong: what fixes it is a need, though nobody said "needs"
_TROUBLE = re.compile(
    r"\b(?:keeps?|kept|fogg(?:ed|ing)|steam(?:ed|ing)|given up|gave up|awful|terrible|moan\w*|complain\w*|"
    r"brutal|leak\w*|broke(?:n)?|breaks?|fail(?:s|ed|ing)?|problems?|issues?|struggl\w*|nightmare|"
    r"doesn'?t work|not working|won'?t (?:work|start|close|open|take|handle|cope)|can'?t (?:take|handle|cope)|"
    r"retired|too (?:hot|cold|damp|wet|noisy|slow|dark))\b",
    re.I,
)
_NO_TROUBLE = re.compile(r"\bno (?:issues?|problems?|complaints?)\b|\b(?:fine|happy with|sorted)\b", re.I)


_DETERMINERS = frozenset(_words("the their our his her its a an"))
_TROUBLE_END = frozenset(_words("is are was were keeps keep has have had gave given fogged won't doesn't"))


def _trouble_words(text: str, spans, stems, k: int) -> str:
    """The words that name what is wrong: "the ventilation on the gym floor", "glass"."""
    start = k
    if (
        k
        and text[spans[k][0] : spans[k][1]].lower().endswith(("ed", "ing"))
        and not text[spans[k - 1][1] : spans[k][0]].strip()
    ):
        start = k - 1  # "glass fogged all day": what fogged comes first
    for j in range(start - 1, max(-1, start - 4), -1):
        if text[spans[j][1] : spans[j + 1][0]].strip():
            break  # a comma or a dash: another part
        if stems[j] in _DETERMINERS:
            start = j
            break
    end = k + 1
    while end < len(stems) and end - start < 6 and stems[end] not in _TROUBLE_END:
        if text[spans[end - 1][1] : spans[end][0]].strip():
            break
        end += 1
    return text[spans[start][0] : spans[end - 1][1]]


def _need_alts(words: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """A need said in one word of a topic meets the others: "a sparky" is met by "electrician" and
    "electrical contractor". Only the need's last word (its head) is swapped, never a broad topic."""
    key = _topic(words[-1])
    if key is None or key in _GENERIC_TOPICS or key not in _TOPIC_WORDS:
        if key not in _GENERIC_TOPICS and words[-1] not in _EMPTY_HEADS:
            return ()  # "a training room": a room, not training
        # "the wine list": the head says nothing, so the word that does picks the topic, met alone
        for word in reversed(words[:-1]):
            key = _topic(word)
            if key and key not in _GENERIC_TOPICS and key in _TOPIC_WORDS:
                return tuple(dict.fromkeys([words] + [(alt,) for alt in _TOPIC_WORDS[key]]))[:16]
        return ()
    alts = [words] + [(*words[:-1], alt) for alt in _TOPIC_WORDS[key] if alt != words[-1]]
    return tuple(dict.fromkeys(alts))[:16]


_HIRING = _stem("hiring")
_TRAINED = frozenset(map(_stem, ("trained", "taught", "schooled", "certified", "drilled")))
_TRIGGER_FOR = frozenset({_stem("looking"), _stem("searching"), _stem("hunting"), _stem("scouting")})
_TRIGGER_ONE = frozenset(map(_stem, _words("seeking need needs wants lacks hunting sourcing")))  # no "for"
_TITLE_HEADS = frozenset(map(_stem, _words("mgr manager director lead head officer team dept department")))
_SOURCING = _stem("sourcing")
# "needs someone to build the cellar", "looking for whoever can fix the lifts": the need is the object
_SOMEONE = frozenset(
    _stem(w)
    for w in _words("someone somebody anyone anybody person people whoever somewhere someplace nobody noone")
)  # "somewhere to park 1,500 pallets": the pallets
_WHOEVER = re.compile(r"\bwhoever (?:will|can|could|would)\b|\b(?:anyone|anybody|nobody|no-?one) to\b", re.I)
_SOMEONE_LINK = frozenset(_stem(w) for w in _words("who that to will can could would"))
_PRONOUN_HEADS = frozenset(_words("him her them it me us you this that these those everyone everybody"))
_CANT_OR_TO = frozenset(
    {"t", "not", "cannot", "to", "never", "hasnt", "havent", "still", "yet"}
)  # "can't find", "cannot find", "trying to find", "still hasn't found"
_FOUND = frozenset({_stem("find"), _stem("found")})
_OTHERS_NEED = frozenset(_stem(w) for w in _words("client clients customer customers anyone anybody members"))
_HIS = ("his", "their")
_CLIENT_WANTS = frozenset(
    _stem(w) for w in ("want", "wants", "need", "needs", "generate", "produce", "create")
)
_NOBODY = frozenset({_stem("nobody"), _stem("noone")})
_JOBISH = frozenset(_stem(w) for w in _words("job role position opportunity work gig employer internship"))
_DEAL_WORDS = frozenset(
    _stem(w) for w in _words("proposal quote pricing price contract decision decide pilot")
)
_PROMISE_WORDS = frozenset(_stem(w) for w in _words("promise promised"))
_INVITE_TAGS = frozenset({"#event", "#invite", "#invitation", "#meetup", "#workshop", "#webinar", "#openday"})
_SUCCESS_TAGS = frozenset({"#success", "#case", "#case-study", "#casestudy", "#story"})


_RAISING = frozenset({_stem("raising"), _stem("raise"), _stem("fundraising")})
_FUNDING = frozenset(
    _stem(w) for w in _words("seed pre-seed round funding capital money series investment investors")
)
# Who meets a "raising a seed round" need: any of these in their role or notes.
# A tuple in this order (a frozenset's order changes from run to run, and so would the words shown).
_INVESTOR_ALTS = tuple((_stem(w),) for w in ["investor", "invest", "vc", "angel"]) + (("venture", "capital"),)


@dataclass(frozen=True)
class _Need:
    stems: tuple[str, ...]
    display: str  # "hiring data engineers", "looking for a job", "raising a seed round"
    jobish: bool
    alts: tuple[tuple[str, ...], ...] = ()  # phrases that meet it, when not `stems` itself

    @property
    def phrases(self) -> tuple[tuple[str, ...], ...]:
        return self.alts or (self.stems,)


@dataclass(frozen=True)
class _Profile:
    """A contact's role and notes, tokenized once: words, their spans, needs, and what they can offer."""

    text: str
    role_end: int  # characters before this belong to the role
    stems: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    needs: tuple[_Need, ...]
    provides: tuple[str | None, ...]  # stems with the need phrases blanked out
    hiring: bool
    provided: frozenset[str | None]  # set(provides): a need whose first word is not in here cannot be
    # met, which rules out most pairs before _find walks the words
    topic_stems: tuple[str, ...] = ()  # stems with synonyms folded, for offer topics
    firm_only: bool = False  # the text before role_end is their firm's name alone, not a job title


def _combined(role: str | None, notes: str | None) -> tuple[str, int]:
    role = (role or "").strip()
    notes = _unnegated(notes or "")
    return (f"{role}\n{notes}", len(role)) if role else (notes, -1)


@lru_cache(maxsize=1 << 15)
def _vague(stem: str) -> bool:
    return _topic(stem) not in _TOPIC_WORDS or _topic(stem) in _GENERIC_TOPICS


def _profile(text: str, role_end: int, firm_only: bool = False) -> _Profile:
    matches = list(_TOKEN_RE.finditer(text))
    raw = [_stem(m.group()) for m in matches]
    # "pig farm ~800 head": a count of animals, never a head of anything
    stems = tuple(
        "livestock" if s == "head" and k and raw[k - 1][:1].isdigit() else s for k, s in enumerate(raw)
    )
    spans = tuple(m.span() for m in matches)

    def joined(a: int, b: int) -> bool:
        return text[spans[a][1] : spans[b][0]].strip(" \t-~≈+'’") == ""  # "~1500 pallets", "brewers' grain"

    needs: list[_Need] = []
    blank: set[int] = set()
    n = len(stems)
    i = 0
    while i < n:
        stem, verb, start, doing = stems[i], "", i + 1, ""
        if stem in _RAISING:  # "raising a seed round": a need investors meet
            k = i + 1
            while k < n and k <= i + 4 and stems[k] not in _FUNDING and joined(k - 1, k):
                k += 1
            if k < n and k <= i + 4 and stems[k] in _FUNDING and joined(k - 1, k):
                while k + 1 < n and stems[k + 1] in _FUNDING and joined(k, k + 1):
                    k += 1
                display = text[spans[i][0] : spans[k][1]]
                needs.append(
                    _Need(("investor",), f"raising {display.split(None, 1)[1]}", False, _INVESTOR_ALTS)
                )
                blank.update(range(i, k + 1))
                i = k + 1
                continue
        if stem == _HIRING:
            verb = "hiring"
        elif (stem in _TRIGGER_FOR or (stem == "waiting" and i + 2 < n and stems[i + 2] in ("a", "an"))) and (
            i + 1 < n and stems[i + 1] == "for" and joined(i, i + 1)
        ):
            verb, start = "looking for", i + 2  # "sat 9 days waiting for a truck": a truck to find
        elif (
            stem in ("short", "low") and i + 1 < n and stems[i + 1] in ("of", "on") and joined(i, i + 1)
        ) or (stem == "still" and i + 1 < n and stems[i + 1] == "no"):
            verb, start = "looking for", i + 2  # "short of used oil", "low on pallets", "still no trucks"
        elif (
            stem in _TRIGGER_ONE and not (stem == _SOURCING and i + 1 < n and stems[i + 1] in _TITLE_HEADS)
        ) or (
            stem in _FOUND and i >= 1 and stems[i - 1] in _CANT_OR_TO
        ):  # "seeking oak chips", "can't find a sparky", "hasn't found anyone"; "sourcing mgr" is a job title
            verb = "looking for"
        elif stem in _NOBODY and i + 1 < n and stems[i + 1] == "to":
            verb, start = "looking for", i  # "nobody to make the uprights": someone to make them
        elif stem == "without" and _REFUSED.intersection(stems[max(0, i - 3) : i]):
            verb, start = "looking for", i + 1  # "bank won't lend without a structural survey": the survey
        if verb and start + 1 < n and stems[start] in ("is", "are") and joined(start - 1, start):
            start += 1  # "what she really wants is a cyclone checklist": the checklist
        if verb and start + 1 < n and stems[start] == "to" and stems[start + 1] == "hire":
            verb, start = "hiring", start + 2
        gap = text[spans[i - 1][1] : spans[i][0]].strip() if i else "."  # "… huge. need his meter readings"
        mine = start < n and stems[start] in _HIS and gap != "" and not gap.endswith(",")  # nobody said it
        verb = "" if mine or (i and stems[i - 1] in _OTHERS_NEED) else verb  # yours; or "if my clients need"
        if not verb or start >= n or (start > i and not joined(start - 1, start)) or stems[start] == "to":
            i += 1
            continue
        j = start
        while j < n and stems[j] in _NEED_LEAD and (j == start or joined(j - 1, j)):
            j += 1
        # "someone local to finish the plumbing", "someone reliable who can": past the describing word
        said = 1 if j + 3 < n and stems[j + 1] not in _SOMEONE_LINK | _NEED_STOPS else 0
        if j + 2 < n and stems[j] in _SOMEONE and stems[j + 1] == "for":
            j += 2  # "someone for the supply upgrade": the need is what follows
            while j < n and stems[j] in _NEED_LEAD:
                j += 1
        elif j + 2 + said < n and stems[j] in _SOMEONE and stems[j + 1 + said] in _SOMEONE_LINK:
            j += 2 + said  # past "someone to", then the verb ("build"), then its object
            while j < n and stems[j] in _SOMEONE_LINK:
                j += 1
            if j < n and _topic(stems[j]) in _TOPIC_WORDS and _topic(stems[j]) not in _GENERIC_TOPICS:
                doing = stems[j]  # "someone to rewire the barn": the verb says what kind of help
            j += 1
            while j < n and (stems[j] in _NEED_LEAD or stems[j].isdigit()):
                j += 1  # "somewhere to park 1,500 pallets": the pallets
        elif j + 1 < n and stems[j] == _stem("whoever") and stems[j + 1] in _SOMEONE_LINK:
            j += 3
            while j < n and stems[j] in _NEED_LEAD:
                j += 1
        if j + 3 < n and stems[j + 1] in _TRAINED and stems[j + 2] in ("in", "on"):
            j += 3  # "wants supervisors trained in wound care": what they are to learn is the need
        head_start, words = j, []
        while j < n and len(words) < 4 and stems[j] not in _NEED_STOPS and joined(j - 1, j):
            words.append(stems[j])
            j += 1
        if doing and words and _vague(words[-1]):  # "rewire the old barn" is met by an electrician
            words = [doing]
        if len(words) > 1 and words[0] in ("people", "staff"):  # "drill his people + teach them": a teacher
            words = [w for w in words if _topic(w) not in _GENERIC_TOPICS] or words
        if words and (words[0] in _PRONOUN_HEADS or all(w.isdigit() for w in words)):
            words = []  # "needs him on board": a person already named, never a need to meet
        if words and j + 1 < n and stems[j] in ("that", "who") and stems[j + 1] in _CLIENT_WANTS:
            # "looking for estancias that want grazing plans": customers for what they sell, no need of
            # theirs; what those customers want is what they offer
            blank.update(range(i, j + 2))
            i = j + 2
            continue
        if words:
            display = _WHOEVER.sub("someone to", f"{verb} {text[spans[start][0] : spans[j - 1][1]]}")
            jobish = words[-1] in _JOBISH
            needs.append(_Need(tuple(words), display, jobish, () if jobish else _need_alts(tuple(words))))
            blank.update(range(i, j))
            i = j
        else:
            i = max(head_start, i + 1)
    for head, said in offload_needs(text, _stem):  # "cupel waste piling up, asked if anyone takes it"
        needs.append(_Need((head,), said, False, ()))
    for clause in _CLAUSE_RE.finditer(text):  # "glass fogged all day, the contractor gave up": a need too
        if len(needs) >= 4 or clause.start() < role_end or not _TROUBLE.search(clause.group()):
            continue
        if _NO_TROUBLE.search(clause.group()):
            continue  # "their saunas are new, no issues"
        trouble = [clause.start() + m.start() for m in _TROUBLE.finditer(clause.group())]
        inside = [
            k for k, (a, _) in enumerate(spans) if clause.start() <= a < clause.end() and k not in blank
        ]
        # the thing nearest to what is wrong: "the fuse board won't take …", not "moving the laundry"
        # what the thing is beats who sells it: "her cheese supplier keeps letting her down" is cheese
        for k in sorted(
            inside, key=lambda k: (_topic(stems[k]) == "supplier", min(abs(spans[k][0] - t) for t in trouble))
        ):
            key = _topic(stems[k])
            if key and key not in _GENERIC_TOPICS and key in _TOPIC_WORDS:
                said = _trouble_words(text, spans, stems, k)
                needs.append(_Need((stems[k],), f"struggling with {said}", False, _need_alts((stems[k],))))
                blank.add(k)
                break
    provides = tuple(None if k in blank else s for k, s in enumerate(stems))
    hiring = any(need.display.startswith("hiring") for need in needs)
    topic_stems = tuple(  # "power cuts", "when the power drops": an outage, not what power costs
        "generator" if s == "power" and stems[k + 1 : k + 2] in _OUTAGE else _SYNONYMS.get(s, s)
        for k, s in enumerate(stems)
    )
    return _Profile(
        text,
        role_end,
        stems,
        spans,
        tuple(needs),
        provides,
        hiring,
        frozenset(provides),
        topic_stems,
        firm_only,
    )


def _find(stems: tuple[str | None, ...], phrase: tuple[str, ...]) -> list[int]:
    """Where `phrase` starts in `stems` (the first word is found by tuple.index, in C)."""
    size, first = len(phrase), phrase[0]
    found: list[int] = []
    k = -1
    while True:
        try:
            k = stems.index(first, k + 1)
        except ValueError:
            return found
        if size == 1 or stems[k : k + size] == phrase:
            found.append(k)


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    if cut.count("(") > cut.count(")") and len(cut[: cut.rfind("(")].split()) >= 3:
        return cut[: cut.rfind("(")].rstrip(
            " ,;:-"
        )  # "… the tender doc (dB at 7m, louvres, fire…": up to the aside
    return cut.rstrip(",;:-") + "…"


def _inner(said: str) -> str:
    """Words quoted whole by whoever shows them: their own outer quotation marks go, inner ones turn
    single (pump "sounds like gravel" → pump 'sounds like gravel')."""
    said, marks = said.strip(), '"“”«»„'
    if said[:1] in marks:  # "“I'll believe it when…”": the whole is a quote
        said = said.strip(marks).strip()
    elif sum(said.count(m) for m in marks) % 2:
        said = said.rstrip(marks).rstrip()  # a quote the clause cut open
    return said.replace('"', "'").replace("“", "‘").replace("”", "’")


def _clause_at(text: str, position: int, limit: int = 80) -> str:
    for clause in _CLAUSE_RE.finditer(text):
        if clause.start() <= position < clause.end():
            # quoted as a whole by whoever shows it: its own quotation marks go (""I'll believe it…")
            return _clip(_inner(clause.group()), limit)
    return ""


def _part_at(text: str, position: int, limit: int = 80) -> str:
    """The comma-separated part of the clause at `position`: what one note says about one thing."""
    for clause in _CLAUSE_RE.finditer(text):
        if clause.start() <= position < clause.end():
            at = clause.start()
            for part in re.split(r",(?!\d)", clause.group()):  # "(4,000m)" is one number, not two parts
                if at <= position < at + len(part) + 1:
                    return _clip(_inner(part), limit)
                at += len(part) + 1
    return _clause_at(text, position, limit)


_first_name = first_name
