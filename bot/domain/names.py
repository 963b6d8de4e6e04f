"""Text as people type it, made safe to keep and show: control characters out, names checked.

Pure. The rules (SPEC §4, §12):
- `clean_text`: every field loses control characters and terminal escape sequences whole
  (`Acme\\x1b[31m` → `Acme`, `Ctrl\\x07Char2` → `CtrlChar2`); tabs, newlines, carriage returns, form
  and line feeds become spaces or stay newlines, so words never run together because of them.
- `name_problem`: a person's name holds letters (any script), marks, digits, spaces, apostrophes
  (`'`, `’`, `ʼ`), hyphens and dashes, dots and commas, plus emoji. Anything else (brackets,
  semicolons, quotes, `=`, `<`, `*`, …) is refused with a sentence naming the first such character.
  A Slack mention `<@U…>` alone is a name too (a contact known by their Slack member).
- `possessive`: `James's`, `Robert's`, `O'Neill's`; never `''s`.
"""

from __future__ import annotations

import re
import unicodedata

from bot.domain.name_order import _COMPOUND_FIRST, _COMPOUND_SECOND, _family_first, given_names, shouted_title
from bot.domain.vocabulary import fold

# CSI (`ESC [ … m`), OSC (`ESC ] … BEL` or `ESC ] … ESC \`), other two-character escapes, and the
# one-byte CSI (0x9b) form.
_ANSI = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[@-Z\\-_]"
    r"|\x9b[0-?]*[ -/]*[@-~]"
)
_SPACES = re.compile(r"[\x0b\x0c\x85\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_MENTION = re.compile(r"<@[UW][A-Z0-9]+>")
_NAME_PUNCT = frozenset("'’ʼ-.,\u00b7")  # also the middle dot of Catalan names (l·l)
_JOINERS = frozenset("\u200d\ufe0f\ufe0e")  # emoji sequences
_DESCRIBED = {"`": "the backtick", " ": "the space"}


def clean_text(text: str | None) -> str:
    """`text` without control characters or terminal escapes (tab and newline stay; a carriage
    return before a newline goes, alone it is a newline)."""
    if not text:
        return text or ""
    text = _ANSI.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SPACES.sub(" ", text)
    return _CONTROL.sub("", text)


def _allowed(ch: str) -> bool:
    if ch in _NAME_PUNCT or ch in _JOINERS or ch == " ":
        return True
    if ch.isascii():  # ASCII punctuation and symbols other than the few above: `^`, `_`, `#`, …
        return ch.isalnum()
    category = unicodedata.category(ch)
    return category[0] in "LMN" or category in ("Zs", "Pd", "So", "Sk")


def name_problem(name: str) -> str | None:
    """Why `name` can't be a person's name (the first character to take out), or None."""
    rest = _MENTION.sub(" ", name or "")
    for ch in rest:
        if not _allowed(ch):
            shown = _DESCRIBED.get(ch) or (
                f"`{ch}`" if ch.isprintable() else f"the character U+{ord(ch):04X}"
            )
            return (
                f"A name can hold letters, digits, spaces, apostrophes, hyphens, dots and commas: "
                f"take out {shown}."
            )
    return None


def possessive(name: str) -> str:
    """`James's`, `Robert's`: the name with `'s`, never a doubled apostrophe."""
    base = (name or "").rstrip().rstrip("'’ʼ")
    return f"{base}'s" if base else name


# Words before a name that are not how you greet someone ("Hi Prof.," is wrong), folded and without dots.
_TITLES = frozenset(
    [
        "dr",
        "doctor",
        "prof",
        "professor",
        "mr",
        "mrs",
        "ms",
        "mx",
        "miss",
        "sir",
        "dame",
        "lord",
        "lady",
        "herr",
        "frau",
        "fr",
        "rev",
        "revd",
        "mme",
        "mlle",
        "m",
        "dott",
        "dottssa",
        "dottsa",
        "dottoressa",
        "dottore",
        "profssa",
        "professoressa",
        "professore",
        "avv",
        "avvocato",
        "arch",
        "geom",
        "sig",
        "sigra",
        "signora",
        "signore",
        "eng",
        "enga",
        "irma",
        "madre",
        "padre",
        "pe",
        "sister",
        "brother",
        "father",
        "cllr",
        "ing",
        "dipl",
        *("sr", "sra", "srta", "dra", "hr"),
        "fru",
        "mevr",
        "dhr",
        "pr",
        # Malaysia and Brunei: an engineer, honours and courtesy forms ("Ir. Lim", "Dato' Zulkifli")
        "ir",
        "dato",
        "datuk",
        "datin",
        "puan",
        "encik",
        "cik",
        "tuan",
        "haji",
        "hajjah",
        "hj",
        # Sudan and the Arab world: a lady, a teacher ("Sit Elnafar", "Ustaza Amna")
        "sit",
        "sitt",
        "ustaz",
        "ustaza",
        "ustadh",
        "ustadha",
        "sheikh",
        "ratu",  # Fiji: a chief's title ("Ratu Josefa")
        *("profesoreshë", "dasho", "aum", "ap", "lyonpo"),  # Albania; Bhutan (see _BEFORE_FIRST)
        *("sor", "hermana", "suor", "fray"),  # Spanish and Italian religious titles (see _BEFORE_FIRST)
    ]
)
# Letters after a name: credentials and suffixes, never a first name.
_CREDENTIALS = frozenset(
    [
        "phd",
        "md",
        "mba",
        "cpa",
        "cfa",
        "esq",
        "jr",
        "sr",
        "ii",
        "iii",
        "iv",
        "msc",
        "bsc",
        "ma",
        "ba",
        "llm",
        "jd",
        "pe",
        "pmp",
        "frcs",
        "dds",
        "rn",
        "cfp",
        "acca",
    ]
)
_PRONOUNS = re.compile(
    r"\(?\b(?:he|she|they|ze|xe|it)\s*/\s*(?:him|her|them|hir|xem|it|his|hers|theirs|they|she|he)"
    r"(?:\s*/\s*\w+)?\)?",
    re.I,
)
# a nickname in quotes stands apart: the apostrophes inside "Ng'ang'a" or "O'Neil" are letters, no quotes
_QUOTED = re.compile(r"(?<![\w'’])[\"“”‘’']([^\"“”‘’']{2,30})[\"“”‘’'](?![\w'’])|\(([^()/]{2,30})\)")


def is_pronouns(text: str) -> bool:
    """ "(she/her)", "they/them": a person's pronouns, nothing else."""
    return bool(_PRONOUNS.fullmatch(text.strip()))


def _is_word(token: str) -> bool:
    return any(unicodedata.category(ch)[0] == "L" for ch in token)


def first_name(name: str) -> str:
    """How a person is addressed: `Prof. Ines Varga` → `Ines`, `Adaeze "Ada" Nwosu` → `Ada`,
    `Sam Ortiz (he/him)` → `Sam`, `Tom 🚀 Berg` → `Tom`, `Jane Roe, PhD` → `Jane`. Titles, pronouns,
    credentials and emoji are never a name; a name that is nothing but a title stays as typed."""
    if _MENTION.fullmatch((name or "").strip()):
        return name.strip()
    text = _PRONOUNS.sub(" ", name or "")
    nick = _QUOTED.search(text)
    if nick:
        quoted = (nick.group(1) or nick.group(2) or "").strip()
        if quoted and _is_word(quoted) and " " not in quoted and quoted.casefold().rstrip(".") not in _TITLES:
            return quoted
    title = ""
    words = []
    for token in text.replace(",", " ").split():
        bare = token.strip(".'’\"“”()")
        key = fold(bare).replace(".", "").replace("ª", "a").replace("º", "o")
        if not bare or not _is_word(bare) or key in _CREDENTIALS:
            continue
        if key in _TITLES or (
            "-" in key and all(part in _TITLES for part in key.split("-") if part)
        ):  # Dipl.-Ing.
            title = title or token
            continue
        words.append("".join(ch for ch in bare if unicodedata.category(ch)[0] in "LMN" or ch in "'’-"))
    if len(words) == 1 and title:
        return f"{title} {words[0]}"  # "Mr. Smith": with no first name, the title is the polite form
    if words and _family_first(words):
        return words[-1]  # "Võ Ngọc Bích" → "Bích", "Park Ji-hoon" → "Ji-hoon"
    if words and (given := given_names(words)):
        return given  # "Lim Chee Keong" → "Chee Keong", "Wan Nor Azlina Wan Ismail" → "Nor Azlina"
    if (
        len(words) >= 3
        and fold(words[0]).lower() in _COMPOUND_FIRST
        and fold(words[1]).lower() in _COMPOUND_SECOND
    ):
        return f"{words[0]} {words[1]}"  # "Anna Maria De Luca" is Anna Maria, "José Luis García" José Luis
    if words:
        return words[0]
    words = (name or "").split()
    return words[0] if words else (name or "")


_NOT_A_NAME = (
    r"WhatsApp|Whatsapp|Signal|Telegram|SMS|Teams|Zoom|Slack|Email|E-mail|Skype|Viber|LinkedIn|Messenger|"
    r"LINE|WeChat|Wechat|Zalo|KakaoTalk|Kakao|iMessage|Imo|IMO|Text|Texts|Voice ?notes?|"
    r"Mon|Tue|Wed|Thu|Fri|Sat|Sun|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"January|February|March|April|June|July|August|September|October|November|December|"
    # "prefers Spanish, fine in English": a language, never a name
    r"English|Spanish|French|Portuguese|German|Italian|Dutch|Arabic|Mandarin|Chinese|Cantonese|Hindi|Urdu|"
    r"Swahili|Russian|Turkish|Japanese|Korean|Vietnamese|Thai|Khmer|Lao|Malay|Indonesian|Tagalog|Creole|"
    r"Kriol|Afrikaans|Greek|Polish|Romanian|Hebrew|Persian|Farsi|Bengali|Tamil|Sinhala|Nepali|Mongolian|Kazakh|"
    r"Uzbek|Azerbaijani|Georgian|Amharic|Hausa|Yoruba|Igbo|Zulu|Xhosa|Tswana|Setswana|Shona|Bemba|Tok Pisin"
)
_NICKNAME = re.compile(
    r"\b(?:goes by|prefers(?: to be (?:called|addressed as))?|likes to be (?:called|addressed as)|"
    r"wants to be (?:called|addressed as)|known as|introduces (?:herself|himself|themselves) as|"
    r"call (?:her|him|them|me)|(?:badge|card|name ?tag|list|email|e-mail) (?:said|says) [\w'’-]+,?\s*[—–-]*\s*it'?s)\s+[\"“‘']?"
    # one name ("Fi"), or a form of address of up to three capitalised words ("Dr Walsh", "Pani Doktor")
    # ("Dr. Walsh": a dot only after a title's short form, never a sentence's end: "goes by Kiko. Starting")
    r"(?!(?:" + _NOT_A_NAME + r")\b)"  # "prefers WhatsApp to calls": a channel, never a name
    r"(?P<name>(?:(?:Dr|Prof|Mr|Mrs|Ms|Mx|St|Fr|Sr|Eng|Arq|Dra)\.\s+)?[A-ZÀ-Þ][\w'’-]{1,30}"
    r"(?:[ \t]+[ʿʻ]?[A-ZÀ-ÞĀ-ſḀ-ỿ][\w'’-]{1,30}){0,2})",  # "Sheikh ʿAwaḍ", "Ṭāhir"
)


def nickname_in(notes: str | None) -> str | None:
    """The name a note says a person goes by: "goes by Fi", "prefers Kev", "call him Jimmy", or how they
    want to be addressed: "introduces herself as "Dr Okafor", so use it"."""
    for found in _NICKNAME.finditer(notes or ""):
        if not _NEGATED.search((notes or "")[: found.start()]):  # "do NOT call her Hellen": not the name
            return found.group("name")
    return None


# "do NOT call her Hellen", "never call him Bob": how not to address them
_NEGATED = re.compile(r"\b(?:not|never|don'?t|do not|no)\s*$", re.I)


# How a note says to address someone: "address her as Sister", 'use "Dr" until she says otherwise',
# "prefers the title Professor"
_ADDRESS = re.compile(
    r"\b(?:address(?:es)? (?:her|him|them|herself|himself|themselves)(?: as)?|(?:always )?address as|(?:prefers|likes|wants|asks) to be (?:addressed as|called)|calls? (?:her|him|them)|"
    r"wants(?=\s+[\"“'][^\"”']{2,40}[\"”'],? not (?:her |his |their )?first name)|"
    r"(?:introduce|greet|refer to) (?:her|him|them)(?: always)? as|(?:goes|likes to go) by|"
    r"introduce[sd]? (?:herself|himself|themselves) as|use|prefers? the title|uses the title|(?:dire|dit|say|says)(?=\s+[\"“]))\s+"
    r"[\"“‘']?(?!(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b)"
    r"(?P<form>(?:[A-ZÀ-Þ]|(?=(?:doktor|doctor|dr|prof|professor|ing|ingeniera?|ingeniero|mag|sister|father)\b)[a-z])"
    r"[\w'’-]{1,20}\.?(?:\s+(?:(?:la|le|de|du)\s+)?(?!NOT\b|Not\b)[ʿʻ]?[A-ZÀ-ÞĀ-ſḀ-ỿ][\w'’-]{1,30}){0,2})[\"”’']?"  # "as Tuala NOT Ioane": Tuala
)
_PARTICLES = frozenset(
    [
        "de",
        "di",
        "da",
        "del",
        "della",
        "dei",
        "degli",
        "van",
        "von",
        "der",
        "den",
        "le",
        "la",
        "du",
        "dos",
        "das",
        "do",
        "lo",
        "ter",
        "ten",
        "bin",
        "al",
    ]
)
# titles said before the first name (Sister Bríd, Father Tom); the others go before the surname
_BEFORE_FIRST = frozenset(
    [
        *("dasho", "aum", "ap", "lyonpo"),  # Bhutan, before the given name: "Dasho Kinley", "Aum Tandin"
        *("sor", "hermana", "suor", "fray", "madre", "padre"),  # "Sor Inmaculada", "Suor Anna", "Fray Luis"
        "sister",
        "father",
        "brother",
        "mother",
        "sr",
        "fr",
        "br",
        "imam",
        "rabbi",
        "pastor",
        "sœur",
        "soeur",
        "frère",
        "père",
        "hajia",  # Hajia Mariama, Alhaji Issah: said before the first name in Ghana and beyond
        "alhaji",
        "khun",  # Khun Apinya: Thai, before the first name
    ]
)
_TITLE_WORDS = (
    _TITLES
    | _BEFORE_FIRST
    | frozenset(
        [
            "councillor",
            "cllr",
            "judge",
            "senator",
            "captain",
            "reverend",
            "doutora",
            "doutor",
            "ingeniera",
            "ingeniero",
            "ing",
            "licenciada",
            "licenciado",
            "lic",
            "arquitecta",
            "arquitecto",
            "arq",
            "magister",
            "mag",
            "dra",
            "doktor",
            "doctora",
            "docteur",
            "dottore",
            "dottoressa",
            "professora",
            "profesora",
            "profesorka",
            "profesor",
            "doktorka",
            "professeur",
            "engenheiro",
            "engenheira",
            "ingeniero",
            "senhora",
            "senhor",
            "señora",
            "señor",
            "madame",
            "monsieur",
            "signora",
            "signor",
            "pani",
            "pan",
            "me",  # Maître, for a lawyer in French: "Me Gungah"
            "maître",
            "maitre",
            "perit",  # an architect in Malta
            "ingénieur",  # in French-speaking Africa an engineer is greeted "Ingénieur Kayembe"
            "ingénieure",
            "ingenieur",
            "pr",
        ]  # noqa: SIM905
    )
)


_LEADING_TITLE = re.compile(
    r"\s*(?P<form>(?:Dr|Dra|Prof|Profa|Lic|Ing|Arq|Mtro|Mtra|Dott|Dott\.ssa|Avv)\.?\s+"
    r"(?P<who>[A-ZÀ-Þ][\w'’-]+(?:\s+[A-ZÀ-Þ][\w'’-]+)?))(?=[\s,.;(])"
)
# a title before one of their names anywhere in the notes: "Perit Vassallo – use the title", "Sœur Marie"
_TITLED = re.compile(
    r"(?<![\w'’])(?P<title>[^\W\d_][\w'’]{0,9}?)(?P<dot>\.)?(?=\s+(?P<who>[^\W\d_][\w'’-]+))"
)
_PAREN_TITLE = re.compile(
    r"\((?P<form>(?:Ms|Mrs|Mr|Miss|Mx|Dr|Prof|Sr|Sra|Srta|Anh|Chị|Chi|Cô|Co)\.?\s+(?P<who>[^\W\d_][\w'’-]{0,30}))\)"
)


_CORRECTED = re.compile(
    r"(?:\b(?:it'?s|it’s|(?i:she|he)(?:'s|’s| is)|call (?:her|him|them)|address (?:her|him|them) as)\s+[\"“']?|[\"“])"
    r"(?P<form>(?:[A-ZÀ-Þ][\w'’.-]*\s+){0,2}[A-ZÀ-Þ][\w'’-]+)[\"”']?,?\s+(?:NOT|not|never|jo|nicht|pas|non|nie)\s+[\"“']?"
    r"(?P<no>[A-ZÀ-Þ][\w'’-]+(?:\s+[A-ZÀ-Þ][\w'’-]+)?)"  # "She's DAW Nilar, not Ma Nilar": Ma Nilar
)


def address_in(notes: str | None, name: str) -> str | None:
    """How the notes say to address this person, as a greeting would say it: `use "Dr"` for
    Ngozi Adébáyọ̀-Walsh → "Dr Adébáyọ̀-Walsh"; "address her as Sister" for Bríd Ní Mhurchú →
    "Sister Bríd"; "introduces herself as Pani Doktor" → "Pani Doktor". None when they say nothing."""
    corrected = _CORRECTED.search(notes or "")  # "it's Kanunnik D'Hooghe, NOT Luc": the form to use
    if corrected and set(fold(corrected.group("no")).lower().split()) & set(fold(name or "").lower().split()):
        form = shouted_title(corrected.group("form"), _TITLE_WORDS).split()  # "DAW Nilar": "Daw Nilar"
        return " ".join(
            w.capitalize() if len(w) > 2 and w.isupper() and i < len(form) - 1 else w
            for i, w in enumerate(form)
        )
    found = next(
        (m for m in _ADDRESS.finditer(notes or "") if not _NEGATED.search((notes or "")[: m.start()])), None
    )
    if not found:
        leading = _LEADING_TITLE.match(notes or "")
        if leading and fold(leading.group("who").split()[-1]).lower() in fold(name or "").lower().split():
            form = leading.group("form").split()  # notes that open "Dra. Ochoa-Lugo, medical director"
            return " ".join(form[:1] + form[-1:] if len(form) > 2 else form)  # "Ing. Alex Soto": "Ing. Soto"
        polite = _PAREN_TITLE.search(notes or "")
        if polite and fold(polite.group("who")).lower() in fold(name or "").lower().split():
            return " ".join(polite.group("form").split())  # "(Ms. Bích)": the form they go by
        for titled in _TITLED.finditer(notes or ""):  # "Fr Ġwann, the parish priest", "it's Me Gungah"
            title, who = titled.group("title"), titled.group("who")
            if title.casefold() in ("revd", "rev", "reverend"):
                break  # "Revd Mair Hopcyn (minister)": the written style; on the phone she is Mair
            if titled.start() == 0 and title.casefold() in _BEFORE_FIRST and who[:1].isupper():
                return f"{title}{'.' if titled.group('dot') else ''} {who}"  # "Fr. Jun, parish priest": what he goes by
            if (
                not (title[0].isupper() and who[0].isupper())
                or title.casefold().rstrip("'’") not in _TITLE_WORDS
            ):
                continue
            title = title.capitalize() if len(title) > 2 and title.isupper() else title  # "DATO' Zulkifli"
            parts = re.split(r"[\s-]+", fold(name or "").lower())
            if fold(who).lower() in parts or fold(who).lower() in fold(name or "").lower().split():
                # "Dra. Cárdenas" of Cárdenas-Poma; "Dr Abdullahi-Garba" of Hauwa Abdullahi-Garba
                title = "Maître" if title == "Me" else title + ("." if titled.group("dot") else "")
                return f"{title} {who}"
        return nickname_in(notes) if notes and " " in (nickname_in(notes) or "") else None
    form = shouted_title(found.group("form").strip(), _TITLE_WORDS)  # "it's DR Kunene": Dr Kunene
    stop = re.search(r"\.\s", form)
    head = form[: stop.start()].casefold().replace(".", "") if stop else ""
    if stop and (head not in _TITLE_WORDS or len(head) > 5):
        # "goes by Bernie. Interested in…", "call him Father. Oct storm…": the name ends with its
        # sentence; only a short title's dot ("Dr. Walsh", "Prof. Ilić") runs on into the name
        form = form[: stop.start()]
    words = form.split()
    if words and words[0].endswith(".") and len(words[0]) > 5:
        words[0] = words[0].rstrip(".")  # "address her as Ingeniera. 3 naves…": the sentence's full stop
        form = " ".join(words)
    key = words[0].casefold().rstrip(".")
    words[0] = words[0][:1].upper() + words[0][1:]  # "introduced herself as doktor": "Doktor Saar-Rebane"
    if key in ("oknha", "lok", "neak"):  # Cambodian honours said alone: "everyone calls him Oknha"
        return words[0]
    if len(words) > 1 or key not in _TITLE_WORDS:
        return form if len(words) > 1 else None  # a bare word that is no title: a nickname, read elsewhere
    parts = [
        w for w in _PRONOUNS.sub(" ", name or "").split() if w.casefold().rstrip(".") not in _TITLE_WORDS
    ]
    if not parts:
        return None
    if key in _BEFORE_FIRST:
        return f"{words[0]} {parts[0]}"
    surname = [parts[-1]]
    for part in reversed(parts[1:-1]):  # "De Luca", "van Dijk", "da Silva": the particle goes with it
        if part.casefold() not in _PARTICLES:
            break
        surname.insert(0, part)
    return f"{words[0]} {' '.join(surname)}"
