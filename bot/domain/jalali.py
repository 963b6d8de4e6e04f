"""Days written in the Solar Hijri (Jalali) calendar, as notes typed in Iran and Afghanistan give them
("qeymat tâ 15 Dey", "Panjshanbe 17 Dey", "۱۵ دی"), spelled as the Gregorian days every other reader
keys on: "5 Jan 2027". The Jalali year is the one that puts the day nearest to `today`. Pure; the
calendar arithmetic is jdatetime's."""

from __future__ import annotations

import datetime as dt
import re

import jdatetime

_MONTHS = {
    1: ("farvardin", "فروردین"),
    2: ("ordibehesht", "اردیبهشت"),
    3: ("khordad", "khordâd", "خرداد"),
    4: ("tir", "تیر"),
    5: ("mordad", "mordâd", "amordad", "امرداد", "مرداد"),
    6: ("shahrivar", "شهریور"),
    7: ("mehr", "مهر"),
    8: ("aban", "âbân", "abân", "ābān", "آبان"),
    9: ("azar", "âzar", "āzar", "آذر"),
    10: ("dey", "dei", "دی"),
    11: ("bahman", "بهمن"),
    12: ("esfand", "اسفند"),
}
# Afghanistan names the same months after the zodiac: "19 Qaws" is 19 Azar, "22 Jadi" 22 Dey
_ZODIAC = {1: ("hamal",), 2: ("sawr", "saur", "sor"), 3: ("jawza", "jauza"), 4: ("saratan",), 5: ("asad",)}
_ZODIAC |= {6: ("sonbola", "sunbula", "sumbula"), 7: ("mizan",), 8: ("aqrab",), 9: ("qaws", "qous", "qaus")}
_ZODIAC |= {10: ("jadi", "jaddi", "jadey"), 11: ("dalw", "dalwa"), 12: ("hut", "hoot")}
_NUMBER = {name: n for table in (_MONTHS, _ZODIAC) for n, names in table.items() for name in names}
# French "tir", German "mehr", the name Asad, a hut: these only when capitalised ("2 Tir", "12 Asad")
_SHORT = {"tir", "mehr", "asad", "hut", "sor"}
_PERSIAN_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
# a day of the month before a Jalali month: "15 Dey", "17-e Dey", "۱۵ دی"; never "2 tir" in another tongue
# without a digit before it
_JALALI_DAY = re.compile(
    r"(?<![\w./])([0-9۰-۹]{1,2})(?:-?(?:e|om|ôm|ام))?\s+("
    + "|".join(sorted(set(_NUMBER) - _SHORT, key=len, reverse=True))
    + r"|(?-i:Tir|Mehr|Asad|Hut|Sor))(?![\w])(?:\s+(1[34]\d\d|[۱][۳۴][۰-۹]{2}))?",
    re.I,
)


def jalali_spelled(text: str | None, today: dt.date) -> str | None:
    """`text` with its Jalali days written as Gregorian ones; the same object when it has none."""
    if not text or not _JALALI_DAY.search(text):
        return text
    return _JALALI_DAY.sub(lambda m: _gregorian(m, today) or m[0], text)


def _gregorian(m: re.Match[str], today: dt.date) -> str | None:
    day, month = int(m[1].translate(_PERSIAN_DIGITS)), _NUMBER[m[2].lower()]
    this_year = jdatetime.date.fromgregorian(date=today).year
    years = [int(m[3].translate(_PERSIAN_DIGITS))] if m[3] else [this_year - 1, this_year, this_year + 1]
    found = []
    for year in years:
        try:
            found.append(jdatetime.date(year, month, day).togregorian())
        except ValueError:
            continue  # "31 Esfand" in a year without it
    if not found:
        return None
    when = min(found, key=lambda d: abs((d - today).days))
    return f"{when.day} {when:%b %Y}"
