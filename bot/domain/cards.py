"""A business card's text laid out into a contact: name, title, company, e-mail, phones, website, and
the rest as notes, each with a flag when the reading is unsure.

Pure. Input is what an OCR engine gives: lines of text with their box on the image and a confidence.
The rules, in order: e-mail (bot.domain.contact_details.EMAIL), phones (phonenumbers, the user's
region for numbers without a country code), website; then, of the lines left, the name is the
person-like line (two to four capitalised words, no digits) that is tallest or that the e-mail's local
part spells; the title is the line with a job word, nearest the name; the company is the line with a
company form (GmbH, Inc., …) or that the e-mail's or website's domain spells, else the tallest line
left. Everything else goes to the notes, top to bottom.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import phonenumbers

from bot.domain.contact_details import EMAIL, PHONE_REGION, country_of_domain, e164_anywhere
from bot.domain.names import clean_text, first_name, is_pronouns, name_problem
from bot.domain.vocabulary import fold

FIELDS = ("name", "title", "company", "email", "phone", "website")
UNSURE_SCORE = 0.85  # an OCR confidence under this marks the field it fills as uncertain
MAX_LINES = 60  # a card has a dozen lines; a page of text is not a card

# Words that make a line a job title ("Head of Partnerships", "Senior Data Engineer"), folded.
_JOB_TEXT = """
ceo cto cfo coo cmo cio cso vp svp evp founder cofounder co-founder owner partner president chair chairman
chairwoman director head manager lead leader engineer developer designer architect analyst consultant advisor
adviser officer specialist scientist researcher professor lecturer coordinator associate assistant executive
representative agent accountant attorney lawyer counsel editor writer producer journalist strategist recruiter
principal chief senior junior intern sales marketing product operations account investor nurse physician
therapist broker administrator technician teacher curator photographer trainer coach gerente directeur
directrice leiter leiterin geschaftsfuhrer geschaftsfuhrerin ingenieur ingenieure responsable fondateur
fondatrice directora jefe jefa
"""
# Legal forms and words that make a line a company ("Müller & Söhne GmbH", "Acme Labs Inc."), folded.
_COMPANY_TEXT = """
inc inc. llc ltd ltd. limited gmbh ag sa s.a. sas sarl srl s.r.l. spa s.p.a. bv b.v. nv n.v. plc co co. corp
corp. corporation company group labs lab studio studios partners holdings ventures capital consulting solutions
systems technologies technology tech software analytics agency foundation institute university bank ab oy as
aps kg ug kft pty pte llp lp
"""
_FREE_MAIL_TEXT = (
    "gmail googlemail yahoo hotmail outlook live icloud me mac aol proton protonmail gmx web yandex mail"
)
_JOB_WORDS = frozenset(_JOB_TEXT.split())
_COMPANY_WORDS = frozenset(_COMPANY_TEXT.split())
_FREE_MAIL = frozenset(_FREE_MAIL_TEXT.split())
_LABEL = re.compile(
    r"^\s*(?:e-?mail|mail|email|tel(?:ephone)?|phone|ph|mob(?:ile)?|cell|office|direct|m|t|p|e|w|f|fax|web"
    r"|website)\s*[.:|/]\s*",
    re.I,
)
_INITIAL_DOT = re.compile(r"^\s*[A-Za-z]\.[A-Za-z]")
_FAX = re.compile(r"^\s*(?:f|fax)\s*[.:|/]", re.I)
_URL = re.compile(
    r"(?<![\w@.])(?:https?://)?(?:www\.)?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:/[^\s]*)?(?![\w@])",
    re.I,
)
_DIGITS = re.compile(r"\d")
_PHONE_CHARS = re.compile(r"\+?[\d(][\d ()./-]{5,}\d")


@dataclass(frozen=True)
class OcrLine:
    """One line an OCR engine read: its text, its box (left, top, right, bottom) and its confidence."""

    text: str
    box: tuple[float, float, float, float]
    score: float = 1.0

    @property
    def height(self) -> float:
        return self.box[3] - self.box[1]

    @property
    def middle(self) -> tuple[float, float]:
        return (self.box[0] + self.box[2]) / 2, (self.box[1] + self.box[3]) / 2


@dataclass(frozen=True)
class Card:
    """What one card said. `uncertain` names the fields to check; `phones` are E.164, the first is kept
    as the contact's phone and the others go to the notes."""

    name: str | None = None
    title: str | None = None
    company: str | None = None
    email: str | None = None
    phones: tuple[str, ...] = ()
    website: str | None = None
    notes: str | None = None
    uncertain: frozenset[str] = field(default_factory=frozenset)

    @property
    def phone(self) -> str | None:
        return self.phones[0] if self.phones else None


@dataclass(frozen=True)
class Unreadable:
    """Nothing on the image reads as a card; `message` says what to try."""

    message: str


NO_TEXT = (
    "I couldn't read any text on that image. Photograph the card flat, filling the frame, "
    "in good light, and send it again."
)
NO_PERSON = (
    "I read some text on that image but no name, e-mail or phone number, so I saved nothing from it. "
    "If it is a card, photograph it closer and in better light."
)


def box_of(points: list[list[float]] | tuple) -> tuple[float, float, float, float]:
    """The upright box around an OCR quadrilateral (four corner points)."""
    xs = [float(p[0]) for p in points]
    ys = [float(p[1]) for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def read_card(lines: list[OcrLine], region: str = PHONE_REGION) -> Card | Unreadable:
    """Lay a card's OCR lines out into fields (see the module docstring)."""
    lines = _reading_order(
        [OcrLine(t, ln.box, ln.score) for ln in lines[:MAX_LINES] if (t := _tidy(ln.text))]
    )
    if not lines:
        return Unreadable(NO_TEXT)
    unsure: set[str] = set()
    rest: list[OcrLine] = []
    email = website = None
    phones: list[str] = []
    extra: list[str] = []  # fax numbers and second e-mails: kept, in the notes
    likely = _countries_named(lines)
    for line in lines:
        used = False
        if found := _email_in(line.text):
            if email is None:
                email = found
                if line.score < UNSURE_SCORE:
                    unsure.add("email")
            else:
                extra.append(line.text)
            used = True
        elif numbers := _phones_in(line.text, region, likely):
            if _FAX.match(line.text):
                extra.append(line.text)
            else:
                phones.extend(n for n in numbers if n not in phones)
                if line.score < UNSURE_SCORE:
                    unsure.add("phone")
            used = True
        elif website is None and (site := _website_in(line.text, bare=False)):
            website = site
            used = True
            if line.score < UNSURE_SCORE:
                unsure.add("website")
        if not used:
            rest.append(line)
    if website is None:  # no www. or http line: a bare domain alone on its line ("acme.io")
        for line in rest:
            if site := _website_in(line.text, bare=True):
                website = site
                rest.remove(line)
                unsure.add("website")
                break
    domain = _domain_key(email, website)
    found_name = _name_line(rest, email)
    name_line, name = found_name or (None, None)
    if name_line is not None:
        rest.remove(name_line)
        if name_line.score < UNSURE_SCORE or not _spelled_by(name, email):
            unsure.add("name")
    rest = [OcrLine(_respaced(ln.text), ln.box, ln.score) for ln in rest]
    title_line = _title_line(rest, name_line)
    if title_line is not None:
        rest.remove(title_line)
        if title_line.score < UNSURE_SCORE:
            unsure.add("title")
    company_line, sure = _company_line(rest, domain)
    if company_line is not None:
        rest.remove(company_line)
        if not sure or company_line.score < UNSURE_SCORE:
            unsure.add("company")
    if name is None and email is None and not phones:
        return Unreadable(NO_PERSON)
    if name is None:
        unsure.add("name")
    notes = [ln.text for ln in rest if _worth_keeping(ln.text)] + extra
    notes += [f"Also: {p}" for p in phones[1:]]
    return Card(
        name=name,
        title=title_line.text if title_line else None,
        company=_strip_label(company_line.text) if company_line else None,
        email=email,
        phones=tuple(phones),
        website=website,
        notes="\n".join(notes) or None,
        uncertain=frozenset(unsure),
    )


# --- lines -----------------------------------------------------------------------------------------------


def _tidy(text: str) -> str:
    text = clean_text(text or "").replace("\n", " ")
    return " ".join(text.split()).strip(" |·•")


def _reading_order(lines: list[OcrLine]) -> list[OcrLine]:
    """Top to bottom, left to right for lines on the same row (within half a line's height)."""
    ordered = sorted(lines, key=lambda ln: ln.middle[1])
    rows: list[list[OcrLine]] = []
    for line in ordered:
        if rows and abs(rows[-1][0].middle[1] - line.middle[1]) < 0.5 * max(line.height, 1):
            rows[-1].append(line)
        else:
            rows.append([line])
    return [ln for row in rows for ln in sorted(row, key=lambda ln: ln.box[0])]


_LOWER, _UPPER = "a-zß-öø-ÿ", "A-ZÀ-ÖØ-Þ"  # Latin-1's accented letters too ("PetraKühn")
_GLUED = re.compile(
    rf"(?<=[{_LOWER}])(?=[{_UPPER}](?:[{_LOWER}]|['’][{_UPPER}]))|(?<=[{_UPPER}])(?=[{_UPPER}][{_LOWER}]{{2}})"
)
_GLUED_OF = re.compile(r"\b([A-Za-z]{2,}?)(of|for)\b")
_AMPERSAND = re.compile(r"(?<=\w)\s*&\s*(?=\w)")
_DOT_FOR_SPACE = re.compile(r"(?<=[a-z]{2})\.(?=[A-Z][a-z])")


def _respaced(text: str) -> str:
    """OCR drops the space between words of one style ("MarketingDirector", "Head ofPartnerships",
    "Founder& CEO", "Robotics.Inc."): put it back. Never used on names (McNamara, DeVito)."""
    text = _DOT_FOR_SPACE.sub(" ", _AMPERSAND.sub(" & ", text))
    text = _GLUED_OF.sub(lambda m: f"{m[1]} {m[2]}" if fold(m[1]) in _JOB_WORDS else m[0], text)
    return " ".join(
        _GLUED.sub(" ", word) if not word.startswith(("Mc", "Mac")) else word for word in text.split()
    )


def _strip_label(text: str) -> str:
    return _LABEL.sub("", text, count=1).strip()


def _email_in(text: str) -> str | None:
    # OCR reads "jane @ acme.com" or "jane@acme .com": spaces around @ and dots go first.
    # "p.kuehn@…" starts with an initial, not the label "P." (phone)
    body = text if _INITIAL_DOT.match(text) else _strip_label(text)
    squeezed = re.sub(r"\s*([@.])\s*", r"\1", body)
    found = EMAIL.search(squeezed)
    if not found:
        return None
    address = found.group(0).lower().strip(".'")
    before = squeezed[: found.start()].split()
    # "anna berg@…", "kofi _mensah@…": an underscore read as a space; the line holds nothing else
    if len(before) == 1 and before[0].isalnum() and before[0].islower():
        glue = "" if address[0] in "._" else "_"
        address = before[0] + glue + address
    return address


def _countries_named(lines: list[OcrLine]) -> tuple[str, ...]:
    """The countries the card's e-mail and web domains name (`.fr`, `.co.uk`): where a number printed
    without its country code is likely from when it is not one of the user's."""
    hosts = [(_email_in(ln.text) or "").partition("@")[2] for ln in lines]
    hosts += [m.group(0).split("/")[0] for ln in lines for m in _URL.finditer(ln.text)]
    return tuple(dict.fromkeys(c for h in hosts if (c := country_of_domain(h))))


def _phones_in(text: str, region: str, likely: tuple[str, ...] = ()) -> list[str]:
    """The line's numbers as E.164: read in the user's `region`, else in the country they are written
    with or a `likely` one; a number of no country we can tell stays text (in the notes)."""
    body = _strip_label(text)
    if _URL.search(body) and not _PHONE_CHARS.search(body):
        return []
    raws: list[str] = []
    try:
        matches = phonenumbers.PhoneNumberMatcher(body, region, leniency=phonenumbers.Leniency.POSSIBLE)
        raws = [match.raw_string for match in matches]
    except Exception:  # a number we can't read stays text, never a crash
        return []
    numbers = [n for raw in raws if (n := e164_anywhere(raw, region, likely))]
    if not numbers:  # OCR glues a label to the digits ("T+4930…") or drops the spaces
        numbers = [n for raw in _PHONE_CHARS.findall(body) if (n := e164_anywhere(raw, region, likely))]
    return numbers


def _website_in(text: str, *, bare: bool) -> str | None:
    """The line's web address: one with www. or http, or (`bare`) a lower-case domain alone on it."""
    body = _strip_label(text)
    for found in _URL.finditer(body):
        site = found.group(0).rstrip(".,;")
        lowered = site.lower()
        if lowered.startswith(("www.", "http")):
            return site
        if bare and site == lowered and body.strip() == site and not _DIGITS.search(site.split("/")[0]):
            return site
    return None


def _domain_key(email: str | None, website: str | None) -> str | None:
    """The organisation's name as its e-mail or web domain spells it ("mueller-soehne.de" → muellersoehne)."""
    host = None
    if email:
        host = email.partition("@")[2]
    elif website:
        host = re.sub(r"^(?:https?://)?(?:www\.)?", "", website.lower()).split("/")[0]
    if not host:
        return None
    label = host.split(".")[0]
    return None if label in _FREE_MAIL else _letters(label)


def _letters(text: str) -> str:
    folded = fold(text).replace("ß", "ss")
    return "".join(ch for ch in folded if ch.isalnum())


def _words(text: str) -> list[str]:
    return [w.strip(".,()'\"") for w in fold(text).split()]


# --- name, title, company ------------------------------------------------------------------------------


def _is_job(text: str) -> bool:
    return any(w in _JOB_WORDS for w in _words(text))


def _is_company(text: str) -> bool:
    words = _words(text)
    return any(w in _COMPANY_WORDS for w in words[1:]) or "&" in text and len(words) <= 5


def _person_like(text: str) -> bool:
    if _DIGITS.search(text) or "@" in text or name_problem(text) or is_pronouns(text):
        return False
    words = [w for w in re.split(r"[\s,]+", text) if w]
    letters = [w for w in words if any(ch.isalpha() for ch in w)]
    if not 2 <= len(letters) <= 5:
        return False
    if _is_job(text) or _is_job(_respaced(text)) or _is_company(text):
        return False
    return all(_capitalised(w) or w.islower() and len(w) <= 3 for w in letters)  # "van", "de", "da"


def _capitalised(word: str) -> bool:
    """ "Jane", "O'Connell", and OCR's "o'Connell" (the capital after the apostrophe kept)."""
    return word[0].isupper() or (len(word) > 3 and word[1] in "'’" and word[2].isupper())


def _spelled_by(name: str | None, email: str | None) -> bool:
    if not name or not email:
        return False
    local = _letters(email.partition("@")[0])
    parts = [_letters(p) for p in name.split() if len(_letters(p)) >= 3]
    return (
        any(p in local for p in parts) or _letters(first_name(name))[:1] + _letters(name.split()[-1]) == local
    )


def _name_line(lines: list[OcrLine], email: str | None) -> tuple[OcrLine, str] | None:
    """The line with the person's name, and the name as it reads (glued words apart: "WeiZhang")."""
    people = []
    for line in lines:
        text = line.text if " " in line.text else _GLUED.sub(" ", line.text)
        if _person_like(text):
            people.append((line, _name_text(text)))
    if not people:
        return None
    spelled = [p for p in people if _spelled_by(p[1], email)]
    if spelled:
        return max(spelled, key=lambda p: p[0].height)
    return max(people, key=lambda p: (p[0].height, -p[0].box[1]))


def _name_text(text: str) -> str:
    """The name as written; a name in capitals reads as one ("JANE DOE" → "Jane Doe")."""
    if text.isupper():
        return " ".join(w.capitalize() if len(w) > 1 else w for w in text.split())
    return " ".join(
        w[0].upper() + w[1:] if w[0].islower() and w[1:2] in ("'", "’") else w for w in text.split()
    )


def _title_line(lines: list[OcrLine], name_line: OcrLine | None) -> OcrLine | None:
    jobs = [ln for ln in lines if _is_job(ln.text) and not _DIGITS.search(ln.text)]
    if not jobs:
        return None
    if name_line is None:
        return jobs[0]
    return min(jobs, key=lambda ln: _distance(ln, name_line))


def _distance(a: OcrLine, b: OcrLine) -> float:
    (ax, ay), (bx, by) = a.middle, b.middle
    return abs(ay - by) + 0.3 * abs(ax - bx)


def _company_line(lines: list[OcrLine], domain: str | None) -> tuple[OcrLine | None, bool]:
    """The company's line and whether its choice is sure (a legal form or the domain spells it)."""
    candidates = [ln for ln in lines if any(ch.isalpha() for ch in ln.text) and len(ln.text) <= 80]
    if domain:
        for line in candidates:
            key = _letters(line.text)
            if len(key) >= 3 and (key in domain or domain in key or _initials(line.text) == domain):
                return line, True
    for line in candidates:
        if _is_company(line.text):
            return line, True
    plain = [ln for ln in candidates if not _DIGITS.search(ln.text) and len(ln.text.split()) <= 5]
    plain = [ln for ln in plain if len(_letters(ln.text)) >= 3]
    if not plain:
        return None, False
    return max(plain, key=lambda ln: ln.height), False


def _initials(text: str) -> str:
    return "".join(w[0] for w in _words(text) if w)


def _worth_keeping(text: str) -> bool:
    """Notes keep real words, not the odd letter a logo or a smudge reads as."""
    letters = sum(1 for ch in text if unicodedata.category(ch)[0] in "LN")
    return letters >= 3
