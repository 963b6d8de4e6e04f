"""Domain vocabulary shared by every rule: outcomes, stages, weekdays. Knows nothing of Slack."""

from __future__ import annotations

import enum
import unicodedata

WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
DEFAULT_NUDGE_DAYS: frozenset[int] = frozenset({0, 1, 2, 3, 4})  # date.weekday(): Monday is 0
DEFAULT_NUDGE_MINUTE = 9 * 60
DEFAULT_MAX_PER_DIGEST = 5
MAX_PER_DIGEST_CAP = 10  # 10 contacts x 3 blocks + header and footer stay well under 50 blocks
LATEST_DIGEST_MINUTE = 18 * 60  # a digest missed while the bot was down is skipped after 18:00 local

# Words people type for days and months (date.weekday() numbering; months 1-12).
WEEKDAY_WORDS: dict[str, int] = {
    name: i
    for i, names in enumerate(
        [
            ("mon", "monday"),
            ("tue", "tues", "tuesday"),
            ("wed", "weds", "wednesday"),
            ("thu", "thur", "thurs", "thursday"),
            ("fri", "friday"),
            ("sat", "saturday"),
            ("sun", "sunday"),
        ]
    )
    for name in names
}
MONTH_WORDS: dict[str, int] = {
    name: i + 1
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ]
    )
    for name in names
}
# the same months as French, Spanish, Portuguese and German write them short or whole ("3 déc",
# "15 dic", "2 janv."); never a word with an English sense ("set", "ago", "mar" stays March)
MONTH_WORDS.update(
    {
        name: i + 1
        for i, names in enumerate(
            [
                ("janv", "janvier", "ene", "enero", "janeiro", "januar", "jän", "jaen"),
                ("fév", "févr", "fev", "fevr", "février", "fevrier", "febrero", "fevereiro", "februar"),
                ("mars", "marzo", "março", "marco", "märz", "maerz"),
                ("avr", "avril", "abr", "abril"),
                ("mai", "mayo", "maio"),
                ("juin", "junio", "junho", "juni"),
                ("juil", "juillet", "julio", "julho", "juli"),
                ("août", "aout", "agosto"),
                ("septembre", "septiembre", "setembro"),
                ("octobre", "octubre", "outubro", "okt", "out"),
                ("novembre", "noviembre", "novembro"),
                ("déc", "décembre", "decembre", "dic", "diciembre", "dez", "dezembro", "dezember"),
            ]
        )
        for name in names
        if name not in ("out",)
    }
)


class Outcome(enum.StrEnum):
    """What happened on a follow-up attempt (SPEC §5)."""

    REACHED = "reached"
    VOICEMAIL = "voicemail"
    NO_ANSWER = "no-answer"
    BUSY = "busy"  # a busy signal: an unanswered try (not a voicemail), so call back the next business day
    WRONG_NUMBER = "wrong-number"  # the phone reached someone else: the number is marked wrong
    EMAILED = "emailed"
    MESSAGED = "messaged"  # a text or chat message (SMS, WhatsApp, a DM): scheduled like an e-mail
    MEETING = "meeting"
    LATER = "later"
    NO = "no"


class Action(enum.StrEnum):
    """Interactions that are not calls but still change the schedule."""

    MET = "met"
    SNOOZE = "snooze"
    LET_GO = "let-go"
    REVIVE = "revive"
    PROMISE_KEPT = "promise-kept"  # the promise was kept (closes it)
    PROMISE_DROPPED = "promise-dropped"  # no longer promised (closes it)
    MEETING_HELD = "meeting-held"  # the booked meeting happened
    MEETING_MOVED = "meeting-moved"  # the booked meeting moved to another day
    MEETING_CANCELLED = "meeting-off"  # the booked meeting will not happen
    THANKED = "thanked"  # the referrer was told how the first conversation went


# Outcome values that leave the contact unanswered: each adds one to the unanswered streak
UNANSWERED = frozenset({"voicemail", "no-answer", "busy"})


class Stage(enum.StrEnum):
    NEW = "new"
    ACTIVE = "active"
    DORMANT = "dormant"
    LET_GO = "let_go"


def fold(text: str) -> str:
    """Case-, accent- and whitespace-insensitive key used for names and companies."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def nudge_days_to_text(days: frozenset[int] | set[int]) -> str:
    return ",".join(str(d) for d in sorted(days))


def nudge_days_from_text(text: str) -> frozenset[int]:
    return frozenset(int(p) for p in text.split(",") if p.strip() != "")


# how busy notes write the words that date a call: "quote b4 Xmas", "call her next wk", "away til the 5th"
SHORT_DAY_WORDS = {
    "b4": "before",
    "til": "until",
    "thru": "until",  # "tax audit thru mid jan": until then
    "wk": "week",
    "wks": "weeks",
    "nxt": "next",
    "tmrw": "tomorrow",
}
