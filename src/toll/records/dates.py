"""Reading dates as lists write them: full or partial, in words or numbers, exact or approximate.

A date becomes the text as written, the earliest and the latest day it can mean, and a precision.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from toll.records.text import VALUE_CACHE, fold, words
from toll.records.vocabulary import TOKEN, is_unknown, strip_approximate, word_lists

MIN_YEAR = 1800


@dataclass(frozen=True)
class DateValue:
    """A date as precise as the list gives it: the earliest and latest days it can mean."""

    earliest: date | None = None
    latest: date | None = None
    # day, part_of_month, month, season, part_of_year, year, decade, range or approximate
    precision: str | None = None
    problem: str | None = None

    @property
    def year(self) -> int | None:
        """The year, when the date cannot fall in two different years."""
        if self.earliest and self.latest and self.earliest.year == self.latest.year:
            return self.earliest.year
        return None


_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_YMD = re.compile(r"^(\d{4})[./](\d{1,2})[./](\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})\s*[./\- ]\s*(\d{1,2})\s*[./\- ]\s*(\d{4}|\d{2})$")
_MY = re.compile(r"^(\d{1,2})\s*[./\-]\s*(\d{4})$")
_YM = re.compile(r"^(\d{4})\s*[./\-]\s*(\d{1,2})$")
_Y = re.compile(r"^(\d{4})$")
_DECADE = re.compile(r"^(\d{3}0)\s*'?\s*-?\s*(s|е|х|x|ые|ых|ых гг|ci iller\w*|iller\w*)$")
_RANGE = re.compile(
    r"\s*(?:–|—|-|/|\.\.|\bto\b|\btill\b|\buntil\b|\bпо\b|\bдо\b|\band\b|\bи\b|\bile\b)\s*"
)
_RANGE_OPENERS = re.compile(r"^(?:between|from|между|с|от|з)\s+")
_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})(?!\d)")
_DATE_INSIDE = re.compile(
    r"(?<![\d.])(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./]\d{1,2}[./]\d{4}|\d{4})(?![\d.])"
)
_SERIAL = re.compile(r"[2-5]\d{4}")  # 20000-59999: 1954-2064 as spreadsheet day numbers


@lru_cache(maxsize=VALUE_CACHE)
def parse_date(text: str, month_first: bool = False) -> DateValue:
    """Read a full or partial date: "26.02.1992", "05.1960", "Feb 1992", "spring 1992", "~1960".

    Numbers are read day first unless `month_first` (a column written 02/26/1992, see
    `uses_month_first`) or unless the second number cannot be a month.
    """
    raw = text.strip()
    if not raw or is_unknown(raw):
        return DateValue()
    if _SERIAL.fullmatch(raw):
        return _from_spreadsheet_day(int(raw))
    cleaned, approximate = strip_approximate(fold(raw))
    if month_first:
        cleaned = _NUMERIC_DATE.sub(lambda m: f"{m[2]}.{m[1]}.{m[3]}", cleaned)
    value = _parse_exact_or_range(_drop_trailing_year_words(cleaned))
    if value.earliest is None:
        value = _date_within(cleaned) or value
    if value.earliest is None:
        return DateValue(problem=value.problem or "not a date")
    problem = _implausible_year(value)
    if problem:
        return DateValue(problem=problem)
    return _widen(value) if approximate else value


def uses_month_first(texts: list[str]) -> bool:
    """True when a column writes dates month first (02/26/1992): some second numbers exceed 12
    and no first number does."""
    pairs = [(int(m[1]), int(m[2])) for t in texts for m in _NUMERIC_DATE.finditer(t)]
    return any(b > 12 for _, b in pairs) and not any(a > 12 for a, _ in pairs)


def _date_within(text: str) -> DateValue | None:
    """The one date written inside longer text: "26.02.1992 (Khojaly)", "погиб 26.02.1992"."""
    found = set(_DATE_INSIDE.findall(text))
    if len(found) != 1:
        return None
    (inner,) = found
    value = _parse_single(inner)
    if value.earliest is None:
        return None
    return DateValue(value.earliest, value.latest, value.precision, f'read as "{inner}"')


def _parse_exact_or_range(text: str) -> DateValue:
    single = _parse_single(text)
    if single.earliest is not None:
        return single
    return _parse_range(text) or single


def _parse_range(text: str) -> DateValue | None:
    body = _RANGE_OPENERS.sub("", text)
    for match in _RANGE.finditer(body):
        left, right = body[: match.start()].strip(), body[match.end() :].strip()
        if not left or not right:
            continue
        end = _parse_single(right)
        if end.earliest is None:
            continue
        start = _parse_single(left)
        if start.earliest is None:
            start = _parse_single(_borrow_from(left, right, end))
        if start.earliest is not None and start.earliest <= end.latest:
            return DateValue(start.earliest, end.latest, "range", start.problem or end.problem)
    return None


def _borrow_from(left: str, right: str, end: DateValue) -> str:
    """Complete the left side of "10-12.02.1992" or "1960-62" from the right side."""
    if re.fullmatch(r"\d{4}", left) and re.fullmatch(r"\d{2}", right):
        return left
    if re.fullmatch(r"\d{1,2}", left) and end.precision == "day":
        return f"{left}.{end.earliest.month}.{end.earliest.year}"
    if re.fullmatch(r"\d{1,2}[./]\d{1,2}", left) and end.precision == "day":
        return f"{left}.{end.earliest.year}"
    if re.fullmatch(r"\d{1,2}", left) and end.precision == "month":
        return f"{left}.{end.earliest.year}"
    return left


def _parse_single(text: str) -> DateValue:
    text = text.strip(" ,;")
    if re.fullmatch(r"\d{4}\s*[-–—/]\s*\d{2}", text):  # "1960-62", unless "1960-05"
        first, last = re.findall(r"\d+", text)
        end_year = int(first[:2] + last)
        if int(last) > 12 and end_year > int(first):
            return DateValue(date(int(first), 1, 1), date(end_year, 12, 31), "range")
    for pattern, reader in _NUMERIC_READERS:
        match = pattern.match(text)
        if match:
            return reader(*match.groups())
    return _parse_with_words(text)


def _from_spreadsheet_day(number: int) -> DateValue:
    """A date cell exported as a bare number: days since 1899-12-30, as Excel counts them."""
    day = date(1899, 12, 30) + timedelta(days=number)
    return DateValue(day, day, "day", f"a spreadsheet day number, read as {day.isoformat()}")


def _drop_trailing_year_words(text: str) -> str:
    """ "26.02.1992г." -> "26.02.1992", "1960 г.р." -> "1960"."""
    tokens = re.sub(r"(?<=\d)(?=[^\W\d_])", " ", text).split()
    year_words = word_lists()["year_words"]
    while len(tokens) > 1 and words(tokens[-1]) and year_words.matches(tokens[-1]):
        tokens.pop()
    return " ".join(tokens)


def _from_iso(year: str, month: str, day: str, *_: str) -> DateValue:
    return _from_dmy(day, month, year)


def _from_dmy(day: str, month: str, year: str) -> DateValue:
    d, m = int(day), int(month)
    if m > 12 and d <= 12:  # month first, as in the US: 02/26/1992
        d, m = m, d
    if d == 0:  # 00.05.1960 or 00.00.1960: databases' way of saying "day (and month) unknown"
        return _year(int(year)) if m == 0 and len(year) == 4 else _month(int(year), m)
    if len(year) == 2:
        full = _two_digit_year(int(year))
        value = _day(full, m, d)
        if value.earliest:
            return DateValue(value.earliest, value.latest, "day", f"two-digit year read as {full}")
        return value
    return _day(int(year), m, d)


def _two_digit_year(yy: int) -> int:
    return 2000 + yy if yy <= date.today().year % 100 else 1900 + yy


def _day(year: int, month: int, day: int) -> DateValue:
    try:
        exact = date(year, month, day)
    except ValueError:
        return DateValue(problem=f"no such day ({day:02d}.{month:02d}.{year})")
    return DateValue(exact, exact, "day")


def _month(year: int, month: int) -> DateValue:
    if not 1 <= month <= 12 or not 1 <= year <= 9999:
        return DateValue(problem=f"no month {month} in a year")
    return DateValue(date(year, month, 1), _month_end(year, month), "month")


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _year(year: int) -> DateValue:
    if not 1 <= year <= 9999:
        return DateValue(problem="not a year")
    return DateValue(date(year, 1, 1), date(year, 12, 31), "year")


def _part_of_month(year: int, month: int, part_start: int) -> DateValue:
    """ "late February 1992": the words for a part of a year (early, mid, late) said of a
    month mean its first, middle or last ten days or so (the 21st to the month's end)."""
    whole = _month(year, month)
    if whole.earliest is None:
        return whole
    first, last = {1: (1, 10), 5: (11, 20)}.get(part_start, (21, whole.latest.day))
    return DateValue(date(year, month, first), date(year, month, last), "part_of_month")


def _months_span(year: int, start: int, count: int, precision: str) -> DateValue:
    first_year, first_month = (year - 1, 12) if start == 12 else (year, start)
    last_index = first_year * 12 + first_month - 1 + count - 1
    last_year, last_month = divmod(last_index, 12)
    if not 1 <= first_year or last_year > 9999:
        return DateValue(problem="not a year")
    return DateValue(
        date(first_year, first_month, 1), _month_end(last_year, last_month + 1), precision
    )


_NUMERIC_READERS = [
    (_ISO, _from_iso),
    (_YMD, lambda y, m, d: _day(int(y), int(m), int(d))),
    (_DMY, _from_dmy),
    (_MY, lambda m, y: _month(int(y), int(m))),
    (_YM, lambda y, m: _month(int(y), int(m))),
    (_Y, lambda y: _year(int(y))),
    (
        _DECADE,
        lambda y, _s: (
            DateValue(date(int(y), 1, 1), date(int(y) + 9, 12, 31), "decade")
            if int(y) >= 1
            else DateValue(problem="not a year")
        ),
    ),
]


def _parse_with_words(text: str) -> DateValue:
    """Dates with month names, seasons or parts of a year: "26 февраля 1992", "yaz 1992"."""
    lists = word_lists()
    tokens = TOKEN.findall(text)
    numbers: list[str] = []
    month: int | None = None
    span: tuple[str, int, int] | None = None
    i = 0
    while i < len(tokens):
        if tokens[i].isdigit():
            numbers.append(tokens[i])
            i += 1
        elif found := _month_at(tokens, i):
            month, i = found[0], i + found[1]
        elif found := _span_at(tokens, i):
            span, i = found[0], i + found[1]
        elif skipped := lists["year_words"].match_at(tokens, i):
            i += skipped
        else:
            return DateValue(problem=f'not a date: "{tokens[i]}" not understood')
    years = [n for n in numbers if len(n) == 4]
    days = [n for n in numbers if len(n) <= 2]
    if len(years) != 1 or len(numbers) > 2 or len(days) > 1 or (days and not month):
        return DateValue(problem="not a date")
    year = int(years[0])
    if month and days:
        return _day(year, month, int(days[0]))
    if month and span and span[0] == "part_of_year":
        return _part_of_month(year, month, span[1])
    if month:
        return _month(year, month)
    if span:
        precision, start, count = span
        return _months_span(year, start, count, precision)
    return _year(year)


def _month_at(tokens: list[str], i: int) -> tuple[int, int] | None:
    """(month number, tokens used) when a month name starts at token i."""
    for number, wordlist in word_lists()["months"].items():
        if length := wordlist.match_at(tokens, i):
            return number, length
    return None


def _span_at(tokens: list[str], i: int) -> tuple[tuple[str, int, int], int] | None:
    """((precision, first month, months), tokens used) for a season or part of a year at i."""
    for precision, start, count, wordlist in word_lists()["spans"]:
        if length := wordlist.match_at(tokens, i):
            return (precision, start, count), length
    return None


def _implausible_year(value: DateValue) -> str | None:
    latest_allowed = date.today().year + 1
    if value.earliest.year < MIN_YEAR or value.latest.year > latest_allowed:
        return f"year outside {MIN_YEAR}-{latest_allowed}"
    return None


def _widen(value: DateValue) -> DateValue:
    """An approximate date: ±2 years around a year, ±1 month around a month or a day."""
    if value.precision in ("day", "month"):
        start_index = value.earliest.year * 12 + value.earliest.month - 2
        end_index = value.latest.year * 12 + value.latest.month
        sy, sm = divmod(start_index, 12)
        ey, em = divmod(end_index, 12)
        earliest, latest = date(sy, sm + 1, 1), _month_end(ey, em + 1)
    else:
        earliest = date(value.earliest.year - 2, 1, 1)
        latest = date(min(value.latest.year + 2, 9999), 12, 31)
    return DateValue(earliest, latest, "approximate", value.problem)
