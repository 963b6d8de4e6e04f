"""The user's working calendar (SPEC §14 "Calendar"): their nudge weekdays minus the public holidays of
their country, so no digest and no next try lands on 25 Dec, 1 Jan or a substitute bank holiday.

Pure. Holidays come from the `holidays` package (public holidays, substitute days included); the
country of a Slack time zone from the tz database's `zone.tab` (one country per zone), shipped with
the `tzdata` package. A region is an ISO 3166 code, `DE`, optionally with a subdivision, `DE-BY`.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.resources
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import holidays

from bot.domain.vocabulary import DEFAULT_NUDGE_DAYS, fold

NO_HOLIDAYS = "none"  # stored when the user chose no public holidays (NULL: the time zone's country)
_SEARCH_DAYS = 366  # holidays never fill a year: a working day is always found within it


@dataclass(frozen=True)
class Region:
    """A place whose public holidays can apply: `code` `GB-SCT`, `name` `Britain (UK): Scotland`."""

    code: str
    name: str


@dataclass(frozen=True)
class WorkingDays:
    """The days nudges may land on: `weekdays` (date.weekday() numbers; Mon–Fri when empty) that are not
    a public holiday of `region` (None: no holidays)."""

    weekdays: frozenset[int]
    region: str | None = None

    def __post_init__(self) -> None:
        days = frozenset(d for d in self.weekdays if 0 <= d <= 6)
        object.__setattr__(self, "weekdays", days or DEFAULT_NUDGE_DAYS)

    def holiday(self, day: dt.date) -> str | None:
        """The name of the public holiday on `day`, or None."""
        return holiday_name(self.region, day)

    def is_working(self, day: dt.date) -> bool:
        return day.weekday() in self.weekdays and self.holiday(day) is None

    def next_working(self, day: dt.date) -> dt.date:
        """`day` if nudges may land on it, else the first day after it that they may."""
        for _ in range(_SEARCH_DAYS):
            if self.is_working(day):
                return day
            day += dt.timedelta(days=1)
        return day

    def last_working(self, day: dt.date) -> dt.date:
        """`day` if nudges may land on it, else the last day before it that they may."""
        for _ in range(_SEARCH_DAYS):
            if self.is_working(day):
                return day
            day -= dt.timedelta(days=1)
        return day

    def holidays_between(self, first: dt.date, last: dt.date) -> list[tuple[dt.date, str]]:
        """The public holidays from `first` to `last` (both included) that fall on a nudge weekday:
        the days a nudge skipped because of a holiday, in order."""
        found = []
        day = first
        while day <= last:
            name = self.holiday(day) if day.weekday() in self.weekdays else None
            if name:
                found.append((day, name))
            day += dt.timedelta(days=1)
        return found


def holiday_name(region: str | None, day: dt.date) -> str | None:
    """The public holiday on `day` in `region` (`DE`, `GB-SCT`), or None (also when `region` is None
    or unknown to the `holidays` package)."""
    if not region or region == NO_HOLIDAYS:
        return None
    return _holidays_of(region, day.year).get(day)


def is_holiday(region: str | None, day: dt.date) -> bool:
    return holiday_name(region, day) is not None


def next_try_within_week(today: dt.date, next_try: dt.date | None) -> bool:
    """Whether a next try on `next_try` falls in the same Monday-to-Sunday week as `today` (and not
    before today): only then may a voicemail promise "I'll try you again later this week"."""
    if next_try is None or next_try < today:
        return False
    monday = today - dt.timedelta(days=today.weekday())
    return next_try < monday + dt.timedelta(days=7)


# --- regions -------------------------------------------------------------------------------------------


def holiday_region(chosen: str | None, tz: str | None) -> str | None:
    """The region whose holidays apply to a user: the one they chose, none when they chose none, else
    the country of their time zone when the `holidays` package knows it (UTC, Etc/*: none)."""
    if chosen == NO_HOLIDAYS:
        return None
    if chosen:
        return chosen
    country = country_of_zone(tz)
    return country if country in _countries() else None


def country_of_zone(tz: str | None) -> str | None:
    """The ISO 3166 country of an IANA time zone (`Europe/Berlin` → `DE`), from the tz database's
    zone.tab; None for a zone no single country has (UTC, Etc/GMT+1) or an unknown name."""
    return _zone_countries().get(tz or "")


def parse_region(text: str) -> str | None:
    """The region code a user typed (`de`, `Germany`, `DE-BY`, `gb-sct`, `Scotland`), NO_HOLIDAYS for
    `none`/`no`/`off`, or None when no supported region matches."""
    key = fold(text).replace("_", "-")
    if key in ("none", "no", "off", "no holidays", "-"):
        return NO_HOLIDAYS
    for region in regions():
        if key in (region.code.casefold(), fold(region.name)):
            return region.code
    for region in regions():  # a subdivision by its own name: `Scotland`, `Bayern`
        if ": " in region.name and key == fold(region.name.split(": ", 1)[1]):
            return region.code
    return None


def region_name(code: str | None) -> str:
    """How a region is shown: `Germany (DE)`, `Britain (UK): Scotland (GB-SCT)`, `no public holidays`."""
    if not code or code == NO_HOLIDAYS:
        return "no public holidays"
    name = _names_by_code().get(code)
    return f"{name} ({code})" if name else code


def find_regions(query: str, limit: int = 100) -> list[Region]:
    """Regions whose name or code contains `query` (accent- and case-insensitive): the one with that
    exact code first, then countries by name, then subdivisions; at most `limit`."""
    key = fold(query)
    also = _other_names()
    found = [
        r
        for r in regions()
        if key in fold(r.name) or key == r.code.casefold() or key in also.get(r.code.partition("-")[0], "")
    ]
    return sorted(found, key=lambda r: (r.code.casefold() != key, "-" in r.code, r.name))[:limit]


@functools.cache
def regions() -> tuple[Region, ...]:
    """Every region the `holidays` package has public holidays for: its countries, then their
    subdivisions, by name."""
    names = _country_names()
    countries, subdivisions = [], []
    for code, subdivs in _countries().items():
        country = names.get(code, code)
        countries.append(Region(code, country))
        aliases = getattr(getattr(holidays, code), "subdivisions_aliases", None) or {}
        named = {subdiv: name for name, subdiv in aliases.items()}
        for subdiv in subdivs:
            subdivisions.append(Region(f"{code}-{subdiv}", f"{country}: {named.get(subdiv, subdiv)}"))
    return tuple(sorted(countries, key=lambda r: r.name)) + tuple(sorted(subdivisions, key=lambda r: r.name))


@functools.cache
def _names_by_code() -> dict[str, str]:
    return {region.code: region.name for region in regions()}


# --- data ---------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=512)
def _holidays_of(region: str, year: int) -> dict[dt.date, str]:
    country, _, subdiv = region.partition("-")
    if country not in _countries() or (subdiv and subdiv not in _countries()[country]):
        return {}
    cls = getattr(holidays, country)
    language = None if str(cls.default_language or "").startswith("en") else "en_US"
    if language not in (cls.supported_languages or ()):
        language = None
    found = holidays.country_holidays(country, subdiv=subdiv or None, years=year, language=language)
    return dict(found.items())


@functools.cache
def _countries() -> dict[str, tuple[str, ...]]:
    """Country code → its subdivision codes, for every country with public holidays."""
    return {
        code: tuple(subdivs)
        for code, subdivs in holidays.list_supported_countries(include_aliases=False).items()
        if len(code) == 2
    }


def _tab_rows(name: str) -> Iterator[list[str]]:
    """The rows of one of the tz database's tables (tzdata's copy, else the system's)."""
    text = None
    try:
        text = importlib.resources.files("tzdata").joinpath("zoneinfo", name).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        for folder in zoneinfo.TZPATH:
            path = Path(folder) / name
            if path.is_file():
                text = path.read_text(encoding="utf-8")
                break
    for line in (text or "").splitlines():
        if line and not line.startswith("#"):
            yield line.split("\t")


@functools.cache
def _other_names() -> dict[str, str]:
    """Country code → the `holidays` package's own name for it, folded (`united kingdom` for GB, whose
    tz database name is `Britain (UK)`), so a search finds it by either."""
    return {entry[1]: fold(key.replace("_", " ")) for key, entry in holidays.registry.COUNTRIES.items()}


@functools.cache
def _zone_countries() -> dict[str, str]:
    return {row[2]: row[0] for row in _tab_rows("zone.tab") if len(row) >= 3}


@functools.cache
def _country_names() -> dict[str, str]:
    return {row[0]: row[1] for row in _tab_rows("iso3166.tab") if len(row) >= 2}


def country_workdays(tz: str | None) -> frozenset[int] | None:
    """The working days of the country of `tz` when its weekend is not Saturday and Sunday (date.weekday()
    numbers: Asia/Qatar → Sun–Thu, {6, 0, 1, 2, 3}); None where the week is Mon–Fri or unknown. The
    weekend is the `holidays` package's, kept by its maintainers country by country."""
    country = country_of_zone(tz)
    if country not in _countries():
        return None
    weekend = frozenset(holidays.country_holidays(country).weekend)
    days = frozenset(range(7)) - weekend
    return None if days == DEFAULT_NUDGE_DAYS or not days else days
