"""Cue words in the other languages notes are typed in ("prometi mandar … até 18/12", "rappeler sem
pro"), read as the English the date, promise, wait and ask readers key on. Data: seeds/cue_words.toml.
Pure: `in_english("promis devis avant ven 11/12")` → "promised quote before Fri 11/12"."""

from __future__ import annotations

import re
from functools import lru_cache

from seeds import cue_words


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    keys = sorted(cue_words(), key=len, reverse=True)  # "semaine pro" before "pro"-less words inside it
    # a cue that ends in an apostrophe runs into its word: "prima dell'11/01"
    return re.compile(r"(?<![\w'’])(?:" + "|".join(map(re.escape, keys)) + r")(?:(?<=['’])|(?![\w'’]))", re.I)


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    """The first word of every cue ("pas", "semaine", "prometi"): a note with none of them has no cue."""
    return frozenset(re.split(r"[\s']", key)[0] for key in cue_words())


_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def in_english(text: str | None) -> str | None:
    """`text` with its cue words in English; the same object when it has none (most notes: one pass
    over the words against a set, never the whole alternation)."""
    if not text:
        return text
    if _ORDINAL_DAY.search(text):  # "ring after 14th": the 14th, never two in the afternoon
        text = _ORDINAL_DAY.sub(r"\1 the \2", text)
    words = {w.lower() for w in _WORD.findall(text)}
    if not words.isdisjoint(_WEEKDAYS) and _DAY_THEN_DATE.search(text):  # "antes del mar 15 dic": Tuesday
        text = _DAY_THEN_DATE.sub(lambda m: _WEEKDAYS[m.group(1).lower()], text)
    if not words.isdisjoint(_WEEKDAYS) and _LED_DAY.search(text):  # "antes del mar 22": Tuesday the 22nd
        text = _LED_DAY.sub(lambda m: _WEEKDAYS[m.group(1).lower()], text)
    if "do" in words and _DO_DATE.search(text):  # "cjenovnik do sri 9.12", "u Dublinu do 14.12": by that day
        text = _DO_DATE.sub("by ", text)
    if _first_words().isdisjoint(words):
        return text
    said = _pattern().sub(_said, text)
    said = _RU_ORDINAL.sub(
        lambda m: f"{m[1]} the {_ordinal(int(m[2]))}", said
    )  # "после 15-го": after the 15th
    said = _ARTICLE_AFTER.sub(r"\1 the ", said)  # "le porto io i campioni": I'll bring her the samples
    return _DAY_OF_MONTH.sub(r"\1 the \2", said)  # "antes del 22", "après le 20": that day of the month


# an Italian article after a cue's English verb: "the" ("I'll send him il listino")
_ARTICLE_AFTER = re.compile(
    r"\b(send(?: him| her)?|bring(?: him| her)?|prepare|asks(?: me)? for|asked(?: me)? for|needs?) "
    r"(?:(?:i|il|lo|gli|la|le)\s+|l['’]\s*)(?=[^\W\d_])"
)


# the Slavic "do" ("до" typed in Latin letters) before a day written with numbers, never the English verb
_DO_DATE = re.compile(
    r"(?<![\w'’])do\s+(?=(?:[A-Za-zčć]{3}\s+)?\d{1,2}[./]\d{1,2}(?:[./](?:\d{2,4})?)?(?!\d)(?!\s*[^\W\d_%]|\s*%))",
    re.I,
)


def _said(m: re.Match) -> str:
    """A cue's English; one that ran into its word ("dell'11/01") is kept apart from it."""
    english = cue_words()[m.group().lower()]
    return f"{english} " if m.group()[-1] in "'’" else english


_RU_ORDINAL = re.compile(r"\b(before|after|by|until) (\d{1,2})-(?:го|ого|е)(?!\w)", re.I)


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


# "before 22" after a cue said in another language is the 22nd: never a time ("before 10h", "10:30",
# "10am") and never a day already with its month ("before 22 déc")
_DAY_OF_MONTH = re.compile(r"\b(before|after|until) (\d{1,2})(?![\d:/.h-])(?!\s*(?:am|pm|[^\W\d_]{3}))", re.I)


# a weekday's short form in Spanish, Portuguese or French, before a day and a month ("mar 15 dic",
# "ter 15/12", "mer 9 déc"): "mar" is Tuesday there, never March
_WEEKDAYS = {
    **dict.fromkeys(("lun", "seg", "lunes"), "Mon"),
    **dict.fromkeys(("mar", "ter", "martes"), "Tue"),
    **dict.fromkeys(("mié", "mie", "miér", "mier", "qua", "mer", "merc", "miércoles"), "Wed"),
    **dict.fromkeys(("jue", "qui", "jeu", "gio", "jueves"), "Thu"),
    **dict.fromkeys(("vie", "sex", "ven", "viernes"), "Fri"),
    **dict.fromkeys(("sáb", "sab", "sam", "sábado"), "Sat"),
    **dict.fromkeys(("dom", "dim", "domingo"), "Sun"),
    # Serbian, Croatian, Bosnian and Montenegrin, only before a date: "do sri 9.12", "pet 18.12"
    **{"pon": "Mon", "uto": "Tue", "sri": "Wed", "sre": "Wed", "čet": "Thu", "cet": "Thu", "pet": "Fri"},
    **{"sub": "Sat", "ned": "Sun"},
    # Danish and Norwegian, only ever before a date here: "ring IKKE før man 4/1-27"
    **dict.fromkeys(("man", "mandag"), "Mon"),
    **dict.fromkeys(("tir", "tirsdag"), "Tue"),
    **dict.fromkeys(("ons", "onsdag"), "Wed"),
    **dict.fromkeys(("tor", "torsdag"), "Thu"),
    **dict.fromkeys(("fre", "fredag"), "Fri"),
}
_DAY_THEN_DATE = re.compile(
    r"(?<![\w'’])(" + "|".join(sorted(_WEEKDAYS, key=len, reverse=True)) + r")\.?(?=\s+\d{1,2}"
    r"(?:/\d|\.\d|\s+(?:de\s+)?(?:ene|feb|mar|abr|may|jun|jul|ago|sep|set|oct|nov|dic|dez|d[ée]c|janv|f[ée]v|avr|mai|juin|juil|ao[uû]t"
    r"|gen|mag|giu|lug|ott)))",
    re.I,
)


# the little words of French, Spanish and Portuguese that cue words leave as typed: a phrase with one in
# it is still in that language ("du gombo", "qqn pr préparer le dossier") and is never put into an
# English sentence; English has none of them ("son", "con", "as" and "do" are left out for that reason)
_FOREIGN_LITTLE_WORDS = frozenset(
    "du des le les la pr pour qqn ses sa avec aux qd ds et au el los las del para una uma dos das de "  # noqa: SIM905
    "al que pero por sus muy más também une un qui dans chez pas très tres vite aussi encore déjà mais donc "
    # Italian and Portuguese ("per", "non" and "con" are English words too)
    "il della dello delle degli nel nella alla sul che anche sono molto gli perché não com pra ela ele nós está "
    "për që të dhe në një nga za sa od iz kod "  # Albanian; Serbian, Croatian and Bosnian
    "și în din să că pe cu pt sau".split()  # Romanian
)


def untranslated(phrase: str) -> bool:
    """Whether a phrase read from notes is still in another language (one of its little words, or a
    letter of another script: "частных переработчиков" is never put into an English sentence)."""
    return bool(_OTHER_SCRIPT.search(phrase)) or not _FOREIGN_LITTLE_WORDS.isdisjoint(
        w.lower() for w in _WORD.findall(phrase)
    )


# Greek, Cyrillic, Armenian, Hebrew, Arabic and every script after them; Latin letters with their accents stay
_OTHER_SCRIPT = re.compile(r"[\u0370-\u1dff\u2e80-\ua6ff\uac00-\ud7ff\uf900-\ufaff]")


_ORDINAL_DAY = re.compile(
    r"\b(after|before|by|until|till|from) (\d{1,2}(?:st|nd|rd|th))\b"
    r"(?!\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))",  # "by 3rd Jan" has its month
    re.I,
)


# a weekday's short form and a bare day after a Spanish or French "the" ("antes del mar 22", "hasta el
# jue 17", "avant le mer 9"): that weekday; an English "mar 22" stays March
_LED_DAY = re.compile(
    r"(?:(?<=\bdel )|(?<=\bel )|(?<=\ble )|(?<=\bau )|(?<=\btardar ))("
    + "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
    + r")\.?(?=\s+\d{1,2}\b(?![/.:]\d))",
    re.I,
)
