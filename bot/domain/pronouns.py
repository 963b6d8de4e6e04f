"""A contact's pronoun, read from what the user wrote about them, and the playbook's "they" said as
she or he when the notes say so (SPEC §14, Word: a named person is not "they").

Pure. `pronoun_of` reads the explicit pronouns first ("(she/her)", "he/him"), then the notes: the
first "she"/"he" used as a subject ("She runs a course", "he needs edge protection"); with none, a
lone kind of pronoun ("her caretakers"), else "they". `gendered` rewrites a playbook template (never
the user's words, which are inserted after it) with the verb agreeing: "what they are working on"
→ "what she is working on", "what they need" → "what he needs".
"""

from __future__ import annotations

import re
from functools import lru_cache

_EXPLICIT = re.compile(r"\b(she|he|they)\s*/\s*(?:her|hers|him|his|them|theirs)\b", re.I)
_SUBJECT = re.compile(r"\b(she|he)(?:'s|’s|'d|’d|'ll|’ll)?\b", re.I)
_SHE = re.compile(r"\b(?:she|her|hers|herself)\b", re.I)
_HE = re.compile(r"\b(?:he|him|his|himself)\b", re.I)
# a referrer's words in a referral's notes: the referrer tells the contact, or lends their name
# "she'll tell him", "he has already told her": the referrer tells the contact (their_help.py reads it too)
REFERRER_TELLS = (
    r"\b(?:she|he|they)(?:'ll|’ll|\s+will|\s+has|\s+have|\s+already|\s+said\s+(?:she|he|they)(?:'d|’d|\s+would))?"
    r"\s*(?:already\s+)?(?:tell|told|let|mention(?:ed)?|warn(?:ed)?|brief(?:ed)?)\s+(?P<who>him|her|them)\b"
)
_TOLD_THEM = re.compile(
    REFERRER_TELLS
    + r"(?=\s+(?:know\s+)?(?:that\s+)?(?:I|we)\b|\s+about\s+(?:me|us)\b|\s+to\s+expect\b)",  # … I will call
    re.I,
)
_THEIR_NAME = re.compile(
    r"\b(?:mention|use|drop|say)\s+(?:her|his)\s+name\b|\b(?:she|he)\s+sent\s+(?:me|us|you)\b", re.I
)
_SHE_TITLES = r"s(?:œ|oe)ur|sister|mother|madame|mme|mrs|ms|miss|sra|dra|doña|hermana|irmã|frau|mevrouw"
_HE_TITLES = r"mr|fr|father|brother|monsieur|señor|padre|frère|herr|meneer|don"


def pronoun_of(*texts: str | None) -> str:
    """ "she", "he" or "they" for the person the texts (name, role, notes, call notes) describe."""
    joined = " \n ".join(t for t in texts if t)
    explicit = _EXPLICIT.search(joined)
    if explicit:
        return explicit.group(1).lower()
    if said := re.search(r"\((elle|il)\)", joined, re.I):  # "DRH (elle)": said in French
        return "she" if said.group(1).lower() == "elle" else "he"
    told = _TOLD_THEM.search(joined)  # "he'll tell her I'm calling": the referrer tells the contact
    if told:
        return {"her": "she", "him": "he"}.get(told.group("who").lower(), "they")
    joined = _THEIR_NAME.sub(" ", joined)  # "use his name": the referrer's name, never the contact's
    names = (texts[0] or "").split() if texts else []
    said = "|".join(re.escape(n) for n in names[:1] + names[-1:])  # "Fr. Jun", "Mme Barré-Omar"
    titled = names and re.search(rf"\b({_SHE_TITLES}|{_HE_TITLES})\.?\s+(?:{said})(?![\w-])", joined, re.I)
    if titled:  # "Sœur Marie-Claire runs it", "Fr. Jun": the title says it, whoever else is named
        return "she" if re.fullmatch(_SHE_TITLES, titled.group(1), re.I) else "he"
    subject = _SUBJECT.search(joined)
    if subject:
        return subject.group(1).lower()
    she, he = bool(_SHE.search(joined)), bool(_HE.search(joined))
    if she != he:
        return "she" if she else "he"
    return "they"


_OBJECT = {"she": "her", "he": "him"}
_POSSESSIVE = {"she": "her", "he": "his"}
_OWN = {"she": "hers", "he": "his"}
_SELF = {"she": "herself", "he": "himself"}
_BE = {"are": "is", "were": "was", "have": "has", "do": "does", "don't": "doesn't", "aren't": "isn't"}
_CONTRACTED = {"they're": "{p}'s", "they've": "{p}'s", "they'll": "{p}'ll", "they'd": "{p}'d"}
# after "they", words that stay as they are: modals, past forms, adverbs before the verb
_KEEP = frozenset(
    [
        "will",
        "would",
        "can",
        "could",
        "should",
        "might",
        "may",
        "must",
        "shall",
        "did",
        "didn't",
        "won't",
        "can't",
        "couldn't",
        "wouldn't",
        "shouldn't",
    ]
)
_ADVERB = frozenset(
    ["still", "also", "really", "usually", "often", "never", "just", "already", "always", "only", "even"]
)
_WORD = re.compile(r"\{[^}]*\}|[A-Za-z’']+|[^A-Za-z’'{]+")


def _third(verb: str) -> str:
    if verb in _BE:
        return _BE[verb]
    if re.search(r"(?:s|sh|ch|x|z|o)$", verb):
        return verb + "es"
    if re.search(r"[^aeiou]y$", verb):
        return verb[:-1] + "ies"
    return verb + "s"


def _is_base_verb(word: str) -> bool:
    low = word.lower()
    if low in _BE:
        return True
    if low in _KEEP or not word.isalpha() or not word.islower():
        return False
    if low.endswith("ing") or (low.endswith("ed") and not low.endswith("eed")):
        return False  # "they working" never happens; "they needed" is past
    return low not in ("took", "made", "said", "got", "went", "came", "gave", "had", "led", "sent")


@lru_cache(maxsize=4096)
def gendered(template: str, pronoun: str) -> str:
    """The template with its "they/them/their" for one person said as `pronoun` ("she" or "he");
    placeholders ({...}) are left alone. With "they" the template is returned unchanged."""
    if pronoun not in _OBJECT:
        return template
    tokens = _WORD.findall(template)
    out: list[str] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        low = tok.lower().replace("’", "'")
        cap = tok[:1].isupper()

        def said(word: str, cap: bool = cap) -> str:
            return word[:1].upper() + word[1:] if cap else word

        if low == "they":
            inverted = len(out) >= 2 and out[-1] == " " and out[-2].lower() in _BE
            if inverted:
                # "what are they working on" → "what is she working on"
                before = out[-2]
                out[-2] = _BE[before.lower()].capitalize() if before[:1].isupper() else _BE[before.lower()]
            out.append(said(pronoun))
            # the verb after it (maybe after one adverb) agrees: "they still need" → "she still needs"
            j = i + 1
            if j + 1 < len(tokens) and tokens[j] == " " and tokens[j + 1].lower() in _ADVERB:
                out.extend(tokens[j : j + 2])
                j += 2
            if not inverted and j + 1 < len(tokens) and tokens[j] == " " and _is_base_verb(tokens[j + 1]):
                out.extend([tokens[j], _third(tokens[j + 1].lower())])
                j += 2
            i = j
            continue
        if low in _CONTRACTED:
            out.append(said(_CONTRACTED[low].format(p=pronoun)))
        elif low == "them":
            out.append(said(_OBJECT[pronoun]))
        elif low == "their":
            out.append(said(_POSSESSIVE[pronoun]))
        elif low == "theirs":
            out.append(said(_OWN[pronoun]))
        elif low == "themselves":
            out.append(said(_SELF[pronoun]))
        else:
            out.append(tok)
        i += 1
    return "".join(out)
