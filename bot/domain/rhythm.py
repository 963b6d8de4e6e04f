"""How often to talk to someone after a reached call: a cadence per contact and per tag (issue 21).

A cadence is an *ideal* gap (the contact is due then) and a *latest* gap (past it they are overdue;
between the two they are "slipping"), from 1 day to 2 years, ideal ≤ latest. Which one applies:

    the contact's own cadence  >  the shortest cadence among its tags  >  the workspace default
                                                                         (§7 reached_days, no slipping)

Written as `2w`, `2 weeks`, `30 days`, `a month`, `3 months`, `1y`, or a range `21-30 days`, `3-4w`.
A single gap gets half as long again as its latest (`2w`: due after 14 days, overdue after 21).
Pure: no clock, no I/O.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from bot.domain.tags import normal_tag
from bot.domain.vocabulary import fold

MIN_DAYS = 1
MAX_DAYS = 730  # two years
_UNITS = {
    "d": 1, "day": 1, "days": 1,
    "w": 7, "wk": 7, "wks": 7, "week": 7, "weeks": 7,
    "fortnight": 14, "fortnights": 14,
    "m": 30, "mo": 30, "mos": 30, "month": 30, "months": 30,
    "q": 91, "quarter": 91, "quarters": 91,
    "y": 365, "yr": 365, "yrs": 365, "year": 365, "years": 365,
}  # fmt: skip
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "six": 6, "other": 2}
_GAP = re.compile(
    r"^(?:every\s+)?(?:(?P<a>\d{1,4}|a|an|one|two|three|four|six|other)\s*(?:(?:-|–|to)\s*(?P<b>\d{1,4}))?\s*)?"
    r"(?P<unit>[a-z]+)$"
)
_UNREADABLE = "I can't read"
EXAMPLES = "`every 2w`, `every 30 days`, `every month` or a range like `every 21-30 days`"


@dataclass(frozen=True)
class Cadence:
    ideal_days: int
    latest_days: int

    def words(self) -> str:
        """`every 2 weeks`, `every 30 days`, `every 21-30 days`."""
        if self.ideal_days == self.latest_days or self.latest_days == _default_latest(self.ideal_days):
            return f"every {_days_words(self.ideal_days)}"
        return f"every {self.ideal_days}-{self.latest_days} days"


@dataclass(frozen=True)
class Chosen:
    """The cadence that applies to one contact, and where it came from (for the reason line)."""

    cadence: Cadence
    source: str  # "contact" | "tag" | "default"
    tag: str | None = None


def _days_words(n: int) -> str:
    if n % 7 == 0 and n < 70:
        weeks = n // 7
        return "week" if weeks == 1 else f"{weeks} weeks"
    if n % 30 == 0:
        months = n // 30
        return "month" if months == 1 else f"{months} months"
    return "day" if n == 1 else f"{n} days"


def _default_latest(ideal: int) -> int:
    return min(MAX_DAYS, ideal + max(1, ideal // 2))


def parse_gap(text: str) -> Cadence | str:
    """`2w`, `every 30 days`, `a month`, `21-30 days` as a Cadence, or a sentence saying what to write.
    Bare numbers are days (`30`, `21-30`)."""
    raw = " ".join((text or "").lower().split()).replace(" - ", "-").replace(" – ", "-")
    if re.fullmatch(r"(?:every\s+)?\d{1,4}(?:\s*(?:-|–|to)\s*\d{1,4})?", raw):
        raw += " days"
    m = _GAP.match(raw)
    unit = _UNITS.get(m.group("unit")) if m else None
    if not m or unit is None:
        return f"{_UNREADABLE} “{text.strip()[:40]}” as a gap. Write it like {EXAMPLES}."
    a = m.group("a")
    count = 1 if a is None else (int(a) if a.isdigit() else _NUMBER_WORDS[a])
    ideal = count * unit
    latest = int(m.group("b")) * unit if m.group("b") else None
    return _checked(ideal, latest)


def _checked(ideal: int, latest: int | None) -> Cadence | str:
    if latest is not None and latest < ideal:
        return (
            f"The first number is the ideal gap and the second the latest, so the first can't be larger "
            f"({ideal} days after {latest}). Write it like `every 21-30 days`."
        )
    for n in (ideal, latest):
        if n is not None and not MIN_DAYS <= n <= MAX_DAYS:
            return f"A cadence runs from 1 day to 2 years; {n} days is outside that. Pick a gap in between."
    return Cadence(ideal, latest if latest is not None else _default_latest(ideal))


def split_every(text: str) -> tuple[str, Cadence | str | None]:
    """Take `every GAP` out of `/called` text after the outcome (before any `: notes`): the text left,
    and the cadence (or a sentence saying what to fix; None when the text has no `every`). The gap is
    the longest run of up to three words after `every` that reads as one (`every 2 weeks friday`)."""
    head, colon, notes = text.partition(":")
    words = head.split()
    at = next((i for i, w in enumerate(words) if w.lower() == "every"), None)
    if at is None:
        return text, None
    after = words[at + 1 :]
    found: tuple[int, Cadence] | None = None
    problem: str | None = None  # a gap that reads but can't be used ("3y": too long) says why
    for n in range(min(3, len(after)), 0, -1):
        read = parse_gap(" ".join(after[:n]))
        if isinstance(read, Cadence):
            found = (n, read)
            break
        if problem is None and not read.startswith(_UNREADABLE):
            problem = read
    if found is None:
        typed = " ".join(after[:2]) or "nothing"
        return text, problem or f"{_UNREADABLE} “{typed[:40]}” after `every`. Write it like {EXAMPLES}."
    left = " ".join(words[:at] + after[found[0] :])
    return (f"{left} {colon}{notes}".strip() if colon else left), found[1]


def choose(
    own: Cadence | None, tags: Iterable[str], by_tag: Mapping[str, Cadence], default_days: int
) -> Chosen:
    """The cadence for a contact: its own, else the shortest of its tags' (ties by the tag), else the
    workspace default (`default_days` both ideal and latest: due then, overdue after)."""
    if own is not None:
        return Chosen(own, "contact")
    tagged = sorted((by_tag[t].ideal_days, by_tag[t].latest_days, t) for t in tags if t in by_tag)
    if tagged:
        ideal, latest, tag = tagged[0]
        return Chosen(Cadence(ideal, latest), "tag", tag)
    return Chosen(Cadence(default_days, default_days), "default")


def reason_of(chosen: Chosen) -> str:
    """Why the next follow-up is then: "every 2 weeks for them", "#investor: every 30 days"."""
    if chosen.source == "contact":
        return f"{chosen.cadence.words()}, the rhythm you set for them"
    if chosen.source == "tag":
        if chosen.tag and chosen.tag.startswith("@"):
            return f"{chosen.cadence.words()}, the rhythm for everyone from {chosen.tag}"
        return f"{chosen.cadence.words()}, the rhythm for #{chosen.tag}"
    return f"{chosen.cadence.ideal_days} days after you talked"


def latest_day(on: date, chosen: Chosen) -> date | None:
    """The last day before a reached contact is overdue; None for the default (no slipping band)."""
    if chosen.source == "default":
        return None
    return on + timedelta(days=chosen.cadence.latest_days)


# --- slipping and overdue ----------------------------------------------------------------------------

DUE = "due"
SLIPPING = "slipping"
OVERDUE = "overdue"


def status(next_due: date | None, latest_due: date | None, today: date) -> str | None:
    """`due` on the ideal day, `slipping` after it up to the latest day, `overdue` after that (or
    straight after the due day when there is no latest day); None when not due yet or never."""
    if next_due is None or next_due > today:
        return None
    if next_due == today:
        return DUE
    if latest_due is not None and today <= latest_due:
        return SLIPPING
    return OVERDUE


def status_words(next_due: date | None, latest_due: date | None, today: date) -> str | None:
    """`slipping (overdue after Fri 4 Dec)`, `3 days overdue`: how far along the gap is."""
    state = status(next_due, latest_due, today)
    if state == SLIPPING and latest_due is not None:
        left = (latest_due - today).days
        return (
            "slipping: overdue tomorrow"
            if left == 1
            else f"slipping: overdue in {left} days"
            if left
            else "slipping: overdue after today"
        )
    if state == OVERDUE and latest_due is not None:
        late = (today - latest_due).days
        return "overdue by 1 day" if late == 1 else f"overdue by {late} days"
    return None


def past_latest(next_due: date, latest_due: date | None) -> date:
    """The day the digest sorts by: the latest day when there is one, else the due day (earlier first)."""
    return latest_due if latest_due is not None else next_due


# --- the per-tag table ---------------------------------------------------------------------------------
# An event counts like a tag everyone met there has: `@pycon` for "PyCon", `@pycon-us` for "PyCon US".


def event_key(event: str | None) -> str | None:
    """The table key of an event (`@pycon-us`), None without one."""
    words = re.findall(r"[\w]+", fold(event or ""))
    return ("@" + "-".join(words))[:50] if words else None


def keys_of(tags: Iterable[str], event: str | None) -> tuple[str, ...]:
    """What the table is looked up by for one contact: its tags and its event."""
    key = event_key(event)
    return (*tags, key) if key else tuple(tags)


def shown(key: str) -> str:
    """A table key as the user writes it: `#investor`, `@pycon`."""
    return key if key.startswith("@") else f"#{key}"


_TABLE_LINE = re.compile(r"^#?(?P<tag>@?[^\s:=@]+)(?:\s*[:=]\s*|\s+)(?P<gap>.+)$")


def read_tag_table(text: str, known_tags: Iterable[str]) -> dict[str, Cadence] | list[str]:
    """The "Cadence by tag" box: one `#tag GAP` a line (`#investor 30`, `#friend every 3 months`,
    `#investor 21-30`), bare numbers in days; `@PyCon 21` for everyone met at an event (spaces in
    its name as dashes: `@pycon-us`). Tags and events must be ones your contacts have. The table, or
    one sentence per line that can't be used."""
    known = sorted(set(known_tags))
    table: dict[str, Cadence] = {}
    problems: list[str] = []
    for number, line in enumerate((text or "").splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        m = _TABLE_LINE.match(line)
        if m is None:
            problems.append(
                f"Line {number}: write a tag and a gap, like `#investor 30` or `#friend every 3 months`."
            )
            continue
        raw = m.group("tag")
        tag = event_key(raw[1:]) or "@" if raw.startswith("@") else normal_tag(raw)
        if tag not in known:
            close = difflib.get_close_matches(tag, known, n=3, cutoff=0.7)
            hint = f" Did you mean {', '.join(shown(c) for c in close)}?" if close else ""
            what = "was met at" if tag.startswith("@") else "is tagged"
            problems.append(f"Line {number}: none of your contacts {what} {shown(tag)}.{hint}")
            continue
        cadence = parse_gap(m.group("gap"))
        if isinstance(cadence, str):
            problems.append(f"Line {number} ({shown(tag)}): {cadence}")
        elif tag in table:
            problems.append(f"Line {number}: {shown(tag)} is in the list twice; keep one line for it.")
        else:
            table[tag] = cadence
    return problems or table


def table_text(table: Mapping[str, Cadence]) -> str:
    """The table as the box shows it again: `#investor 21-30`, one a line, sorted by tag."""
    return "\n".join(f"{shown(tag)} {c.ideal_days}-{c.latest_days}" for tag, c in sorted(table.items()))
