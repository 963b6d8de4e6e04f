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
    return frozenset(_key(re.split(r"[\s']", key)[0]) for key in cue_words())


_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _key(said: str) -> str:
    """A cue as typed, matched as the pattern matches it: "VERDİM", "verdim" and "verdım" are one word."""
    return said.lower().replace("i\u0307", "i").replace("ı", "i")


@lru_cache(maxsize=1)
def _by_key() -> dict[str, str]:
    return {_key(k): v for k, v in cue_words().items()}


def in_english(text: str | None) -> str | None:
    """`text` with its cue words in English; the same object when it has none (most notes: one pass
    over the words against a set, never the whole alternation)."""
    if not text:
        return text
    if "zang" in text and _NOT_BEFORE_FA.search(text):  # "qabl az Shanbe 19 Dey zang nazan"
        text = _NOT_BEFORE_FA.sub(r"don't call before \1", text)
    if _POSTPOSED_WORDS.search(text):  # "8 yanvara qədər", "25-dən sonra": by 8 January, after the 25th
        text = _turned_round(text)
    if _ORDINAL_DAY.search(text):  # "ring after 14th": the 14th, never two in the afternoon
        text = _ORDINAL_DAY.sub(r"\1 the \2", text)
    words = {_key(w) for w in _WORD.findall(text)}
    if not words.isdisjoint(_WEEKDAYS) and _DAY_THEN_DATE.search(text):  # "antes del mar 15 dic": Tuesday
        text = _DAY_THEN_DATE.sub(lambda m: _WEEKDAYS[m.group(1).lower()], text)
    if not words.isdisjoint(_WEEKDAYS) and _LED_DAY.search(text):  # "antes del mar 22": Tuesday the 22nd
        text = _LED_DAY.sub(lambda m: _WEEKDAYS[m.group(1).lower()], text)
    if "do" in words and _GERMAN_DO.search(text):  # "bis Do 17.12.", "am Do 17.12.": Thursday
        text = _GERMAN_DO.sub("Thu", text)
    if "do" in words and _DO_DATE.search(text):  # "cjenovnik do sri 9.12", "u Dublinu do 14.12": by that day
        text = _DO_DATE.sub("by ", text)
    if _first_words().isdisjoint(words):
        return text
    said = _pattern().sub(_said, text)
    said = _RU_ORDINAL.sub(
        lambda m: f"{m[1]} the {_ordinal(int(m[2]))}", said
    )  # "после 15-го": after the 15th
    said = _TO_SEND_LAST.sub(
        lambda m: f"I promised to send{m[1] or ''} {m[2]}", said
    )  # "versprochen Offerte bis Fr 18.12. zu schicken"
    said = _ARTICLE_AFTER.sub(r"\1 the ", said)  # "le porto io i campioni": I'll bring her the samples
    return _DAY_OF_MONTH.sub(r"\1 the \2", said)  # "antes del 22", "après le 20": that day of the month


# a German promise with its verb last: "I promised quote by Fri 18.12. zu schicken"
_TO_SEND_LAST = re.compile(r"\bI promised( him| her)? (.{3,80}?) zu (?:schicken|senden|mailen)\b", re.I)


# an Italian article after a cue's English verb: "the" ("I'll send him il listino")
_ARTICLE_AFTER = re.compile(
    r"\b(send(?: him| her)?|bring(?: him| her)?|prepare|asks(?: me)? for|asked(?: me)? for|needs?) "
    r"(?:(?:i|il|lo|gli|la|le|les|une|un|des|die|den|das|der|dem|eine|einen|ein)\s+|l['’]\s*)(?=[^\W\d_])"
)


# a Persian wait said verb last: "qabl az Shanbe 19 Dey zang nazan" is "don't call before Saturday 19 Dey"
_NOT_BEFORE_FA = re.compile(r"\b(?:qabl|ghabl) az\s+(.{3,40}?)\s*,?\s+zang nazan(?:id|in)?\b", re.I)


# the German "Do" (Thursday) after "bis", "am", "ab" or "vor", before a date
_GERMAN_DO = re.compile(
    r"(?:(?<=\bbis )|(?<=\bab )|(?<=\bam )|(?<=\bvor ))do\.?(?=\s+\d{1,2}\.\d{1,2}\b)", re.I
)


# the Slavic "do" ("до" typed in Latin letters) before a day written with numbers, never the English verb
_DO_DATE = re.compile(
    r"(?<![\w'’])do\s+(?=(?:[A-Za-zčć]{3}\s+)?\d{1,2}[./]\d{1,2}(?:[./](?:\d{2,4})?)?(?!\d)(?!\s*[^\W\d_%]|\s*%))",
    re.I,
)


def _said(m: re.Match) -> str:
    """A cue's English; one that ran into its word ("dell'11/01") is kept apart from it."""
    english = _by_key()[_key(m.group())]
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
    # German, only ever before a date here: "bis Di 15.12.", "Fr 18.12."
    **{"mo": "Mon", "di": "Tue", "mi": "Wed", "fr": "Fri"},
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
    "du des le les la pr pour qqn ses sa avec aux qd ds et au el los las del para una uma dos das de en "  # noqa: SIM905
    "al que pero por sus muy más também une un qui dans chez pas très tres vite aussi encore déjà mais donc "
    # Italian and Portuguese ("per", "non" and "con" are English words too)
    "il della dello delle degli nel nella alla sul che anche sono molto gli perché não com pra ela ele nós está "
    "për që të dhe në një nga za sa od iz kod "  # Albanian; Serbian, Croatian and Bosnian
    "și în din să că pe cu pt sau "  # Romanian
    "und der das den dem des ein eine einen mit für auf ist nicht noch auch aber wir ich sie zu im bei vom zum "
    "zur über nur schon sehr "  # German
    "və ilə üçün hələ də çox yox var deyil amma ki ya bir bu o ve ile için çok değil ama".split()  # Azerbaijani, Turkish
)


# an article of another language at the start of a thing, or after its verb and whom it goes to
_ARTICLE_LEAD = re.compile(
    r"^((?:[^\W\d_]+\s+(?:her|him|them|you)\s+|[^\W\d_]+\s+)?)(?:el|los|las|il|lo|gli|der|das|den)\s+(?=[^\W\d_])",
    re.I,
)


# the English a cue word leaves before a tail in another language: "before 11 Jan pour son dossier"
_ENGLISH_END = re.compile(
    r"^(?:quotes?|proposals?|prices?|estimates?|samples?|answer|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|"
    r"dec|january|february|march|april|june|july|august|september|october|november|december|\d+\w*)[.,]?$",
    re.I,
)


def the_article(phrase: str) -> str:
    """ "el modelo de registro", "get her el modelo": "the modelo de registro", "get her the modelo"; and
    a tail still in another language after English words goes ("before 11 Jan pour son dossier")."""
    if not phrase:
        return phrase
    phrase = _ARTICLE_LEAD.sub(r"\1the ", phrase, count=1)
    words = phrase.split(" ")
    cut = next((i for i, w in enumerate(words) if i >= 2 and w.lower() in _FOREIGN_LITTLE_WORDS), None)
    if cut is None or untranslated(" ".join(words[:cut])) or not _ENGLISH_END.search(words[cut - 1]):
        return phrase  # all of it in their words ("the modelo de registro"): quoted as it is
    return " ".join(words[:cut]).rstrip(" ,;:(-–—")


def untranslated(phrase: str) -> bool:
    """Whether a phrase read from notes is still in another language (one of its little words, or a
    letter of another script: "частных переработчиков" is never put into an English sentence)."""
    return bool(
        _OTHER_SCRIPT.search(phrase) or _TURKIC_LETTER.search(phrase)
    ) or not _FOREIGN_LITTLE_WORDS.isdisjoint(w.lower() for w in _WORD.findall(phrase))


# letters only Azerbaijani and Turkish write ("ə", the dotless "ı", "ğ"): a phrase with one is theirs
_TURKIC_LETTER = re.compile(r"[əƏığĞ]")
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


# Azerbaijani and Turkish say "by", "after" and "before" after the day, with a case ending on it:
# "8 yanvara qədər" (by 8 January), "25-dən sonra" (after the 25th), "15 Ocak'tan önce" (before 15
# January), "11 yanvardan tez zəng etmə" (don't call before 11 January), "18.12-də" (on 18.12)
_POSTPOSITIONS = {"qədər": "by", "qeder": "by", "dək": "by", "kadar": "by", "sonra": "after"}
_POSTPOSITIONS |= {"əvvəl": "before", "evvel": "before", "önce": "before"}
_MONTHS_AFTER_DAY = {
    **dict.fromkeys(("yanvar", "ocak"), "January"),
    **dict.fromkeys(("fevral", "şubat", "subat"), "February"),
    **dict.fromkeys(("mart",), "March"),
    **dict.fromkeys(("aprel", "nisan"), "April"),
    **dict.fromkeys(("may", "mayıs"), "May"),
    **dict.fromkeys(("iyun", "haziran"), "June"),
    **dict.fromkeys(("iyul", "temmuz"), "July"),
    **dict.fromkeys(("avqust", "ağustos", "agustos"), "August"),
    **dict.fromkeys(("sentyabr", "eylül", "eylul"), "September"),
    **dict.fromkeys(("oktyabr", "ekim"), "October"),
    **dict.fromkeys(("noyabr", "kasım", "kasim"), "November"),
    **dict.fromkeys(("dekabr", "aralık", "aralik"), "December"),
}
_MONTH_BY_KEY = {_key(k): v for k, v in _MONTHS_AFTER_DAY.items()}
_DAY_WITH_ENDING = (
    r"(?<![\w./-])(?P<day>\d{1,2}(?:[./]\d{1,2}(?:[./]\d{2,4})?)?)"
    r"(?:\s*(?P<month>"
    + "|".join(sorted(_MONTHS_AFTER_DAY, key=len, reverse=True))
    + r")[^\W\d_]*(?:['’][^\W\d_]+)?"
    r"|[-'’]?[^\W\d_]{1,5})?"
)
_DONT_CALL = r"\s+(?:tez|erkən|əvvəl|evvel|önce)\s+(?:zəng\s+|zeng\s+)?(?:etmə|etme|eləmə|arama)[^\W\d_]*"
_NOT_BEFORE_DAY = re.compile(_DAY_WITH_ENDING + _DONT_CALL, re.I)
_POSTPOSED = re.compile(
    _DAY_WITH_ENDING + r"\s+(?P<post>" + "|".join(_POSTPOSITIONS) + r")(?![^\W\d_])", re.I
)
_ON_DAY = re.compile(
    r"(?<![\w./-])(\d{1,2}[./]\d{1,2}(?:[./]\d{2,4})?)[-'’](?:də|da|de|te|ta|tə)(?![^\W\d_])", re.I
)
# what they want or need, said verb last: "KP by 8 January istəyir" is "wants KP by 8 January"
_VERBS_LAST = {"istəyir": "wants", "isteyir": "wants", "istiyor": "wants", "axtarır": "looking for"}
_VERBS_LAST |= {"arıyor": "looking for", "lazımdır": "needs", "lazım": "needs"}
_VERBS_LAST |= {"mikhâd": "wants", "mikhad": "wants", "mikhân": "want"}  # Persian: "qeymat ro … mikhâd"
_WANTED_VERB_LAST = re.compile(
    r"(?:^|(?<=[,.;:!?—–]))(?P<lead>\s*)(?P<what>[^,.;:!?—–\n]{2,60}?)\s+(?P<verb>"
    + "|".join(_VERBS_LAST)
    + r")(?![^\W\d_])",
    re.I,
)
_VERB_BY_KEY = {_key(k): v for k, v in _VERBS_LAST.items()}
_FOR_SOME = re.compile(r"(?<![^\W\d_])(?P<what>(?:hər\s+)?\d+\s+[^\W\d_]+)\s+üçün(?![^\W\d_])", re.I)


_POSTPOSED_WORDS = re.compile(
    r"\d\S*(?:\s+[^\W\d_]+(?:['’][^\W\d_]+)?)?\s+(?:"
    + "|".join(_POSTPOSITIONS)
    + r"|tez|erkən)(?![^\W\d_])|\s(?:"
    + "|".join(_VERBS_LAST)
    + r"|üçün)(?![^\W\d_])|\d[-'’](?:də|da|de|te|ta|tə)\b",
    re.I,
)
# a promise said verb last: "söz verdim by 10 December smeta göndərim" is "I promised to send smeta by 10 December"
_PROMISED_VERB_LAST = re.compile(
    r"\b(?:söz|soz) ver(?:dim|mişəm|dik)\s+(?P<when>(?:by|before|after|on) (?:the )?\d\S*(?: [A-Z][a-z]+)?\s+)?"
    r"(?P<what>[^\s,;.!?]+(?:\s+[^\s,;.!?]+){0,3}?)\s+(?:göndər|gonder)(?:im|əcəm|əcəyəm|ərəm|eceğim)(?![^\W\d_])",
    re.I,
)


_STILL = re.compile(r"(?:hələ də|hələ|hala|yenə|yine)\s+", re.I)


def _verb_first(m: re.Match) -> str:
    """ "KP by 8 January istəyir": wants KP by 8 January; "hələ də site axtarır": still looking for site."""
    what, verb = re.sub(r"\s+ro\b", "", m.group("what")), _VERB_BY_KEY[_key(m.group("verb"))]  # Persian "ro"
    still = _STILL.match(what)
    if still:
        return f"{m.group('lead')}still {verb} {what[still.end() :]}"
    return f"{m.group('lead')}{verb} {what}"


def _day_said(m: re.Match) -> str:
    day, month = m.group("day"), m.group("month")
    if month:
        return f"{day} {_MONTH_BY_KEY[_key(month)]}"
    return day if not day.isdigit() else f"the {_ordinal(int(day))}"


def _turned_round(text: str) -> str:
    """The day before its "by", "after" or "before" (see above), in English order."""
    text = _NOT_BEFORE_DAY.sub(lambda m: f"don't call before {_day_said(m)}", text)
    text = _POSTPOSED.sub(lambda m: f"{_POSTPOSITIONS[_key(m.group('post'))]} {_day_said(m)}", text)
    text = _ON_DAY.sub(r"on \1", text)
    text = _FOR_SOME.sub(r"for \g<what>", text)
    text = _WANTED_VERB_LAST.sub(_verb_first, text)
    return _PROMISED_VERB_LAST.sub(
        lambda m: (
            f"I promised to send {m.group('what')}{' ' + m.group('when').strip() if m.group('when') else ''}"
        ),
        text,
    )
