"""Recognising the line that starts a day in a journal, and reading its date as written.

A date line is a Markdown heading at any level, or a plain line starting at column 0, whose
text begins with a date, optionally after a weekday and inside emphasis or brackets:

    ## 2021-06-12            ### 2021-3-9 Summer workshop      2022-02-01
    ### Monday 04-11-2019    **2021.06.12** (Sat)              ## 2021年6月12日 周六
    ### Wednesday 06-11-2019 till Friday 08-11-2019            2021-05-18 ~ 19
    ## 2019-11-16/17         ## Nov 4, 2019                    ## 2021-0829

Whether a line is a date line depends on that line alone, never on its neighbours; which
date it means may not: `04-11-2019` is 4 November or 11 April, and a typo like `20201-02-16`
has several possible corrections. This module reports every reading and every correction
it can see; `sequence.py` chooses among them with the help of the surrounding dates.

Years are read from 1900 to 2199. A four-digit number outside that range is not a year,
so `## 1850-01-01` is text; a three- or five-digit year is a typo only when inserting or
deleting one digit gives a year in range.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import NamedTuple

from app.domain.date_words import (
    EN_MONTHS,
    EN_ORDINAL_SUFFIXES,
    EN_WEEKDAYS,
    ZH_DAY_MARKS,
    ZH_WEEK_WORDS,
    ZH_WEEKDAYS,
    alternation,
)

__all__ = [
    "DateLine",
    "DateToken",
    "EndToken",
    "calendar_date",
    "escape_date_line",
    "read_date_line",
    "unescape_date_line",
]

FIRST_YEAR = 1900
LAST_YEAR = 2199


class DateToken(NamedTuple):
    """A date as written, with every date it can mean.

    `readings` are real dates the text names as written, preferred first; `styles` says
    how each was read ("ymd", "dmy", "mdy", "name"). When the text names no real date
    (`problem` says why), `repairs` are the corrections one small edit away, best first;
    `exact_repairs` are those of them that keep the month and day as written (the year
    or a separator was wrong), where the others are guesses (a day clamped into its month).
    """

    text: str
    readings: tuple[date, ...]
    styles: tuple[str, ...]
    repairs: tuple[date, ...] = ()
    problem: str = ""
    exact_repairs: tuple[date, ...] = ()


class EndToken(NamedTuple):
    """The end of a range: a whole date, or a month and day or just a day after the start."""

    text: str
    full: DateToken | None = None
    month: int | None = None
    day: int = 0


class DateLine(NamedTuple):
    """What a date line says; `date_text` is the date (and range) part as written."""

    level: int  # the number of '#', 0 for a plain line
    start: DateToken
    end: EndToken | None
    weekday: int | None  # Monday is 0, as written before or after the start date
    end_weekday: int | None
    title: str
    date_text: str
    content: str  # the line without its heading marks, stripped: the original text


def read_date_line(line: str) -> DateLine | None:
    """The date line `line` is, or None when it is not one."""
    if not line or not _MAY_START.match(line):
        return None
    heading = _HEADING.match(line)
    if heading:
        level = len(heading.group(1))
        pos = heading.end()
    elif line[0].isspace():
        return None  # an indented line belongs to whatever is above it
    else:
        level, pos = 0, 0
    opened = _OPENERS.match(line, pos)
    openers = opened.group(0).replace(" ", "").replace("\t", "") if opened else ""
    pos = opened.end() if opened else pos
    date_from = pos
    weekday = None
    before = _WEEKDAY_BEFORE.match(line, pos)
    if before:
        weekday = _weekday_number(before.group(1))
        pos = before.end()
    token = _read_token(line, pos)
    if token is None:
        return None
    start, pos = token
    after = _WEEKDAY_AFTER.match(line, pos)
    if after and weekday is None:
        weekday = _weekday_number(after.group(1))
        pos = after.end()
    end, end_weekday, pos = _read_range(line, pos)
    date_end = pos
    closers = _closers(openers)
    closed = _skip_closers(line, pos, closers)
    if closed > pos:
        # "**2021-06-12** (Sat)": a weekday may follow the closing marks.
        closers, pos = "", closed
        after = _WEEKDAY_AFTER.match(line, pos)
        if after and weekday is None and end is None:
            weekday = _weekday_number(after.group(1))
            pos = after.end()
    return DateLine(
        level=level,
        start=start,
        end=end,
        weekday=weekday,
        end_weekday=end_weekday,
        title=_title(line[pos:], closers),
        date_text=line[date_from:date_end].strip(),
        content=line[heading.end() if heading else 0 :].strip(),
    )


def escape_date_line(line: str) -> str:
    """A line of an entry's text that would start a day, with a backslash in front so that
    it does not (in Markdown, `\\#` is a literal #); other lines as they are."""
    return "\\" + line if read_date_line(line) is not None else line


def unescape_date_line(line: str) -> str:
    """The inverse of `escape_date_line`: an escaped date line loses its backslash."""
    if line[:1] == "\\" and read_date_line(line[1:]) is not None:
        return line[1:]
    return line


# --- vocabulary ---------------------------------------------------------------------------
# The names themselves are in `date_words`, which the due-date phrase reader shares.

_ZH_WEEKDAY = rf"(?:{alternation(ZH_WEEK_WORDS)})[{''.join(ZH_WEEKDAYS)}]"  # 周六, 星期六
_WEEKDAY = rf"(?:(?:{alternation(EN_WEEKDAYS)})\.?(?![A-Za-z])|{_ZH_WEEKDAY})"
_MONTH = rf"(?:{alternation(EN_MONTHS)})(?![A-Za-z])"
_ORDINAL = rf"(?:{alternation(EN_ORDINAL_SUFFIXES)})"  # 1st, 2nd
_DAY_MARK = rf"[{ZH_DAY_MARKS}]"  # 12日, 12号

# A cheap first look: most lines of a journal cannot be date lines at all. Runs of spaces
# are matched possessively (*+) everywhere: a line of ten thousand spaces after a weekday
# must not make the expressions try every way of splitting them.
_MAY_START = re.compile(rf"(?:[ ]{{0,3}}#|[0-9*_\[(【（「]|{_WEEKDAY}|{_MONTH})", re.IGNORECASE)
_HEADING = re.compile(r"[ ]{0,3}(#{1,6})[ \t]*+")
# Emphasis opens only when text follows at once: "* 2021-06-12" is a list item.
_OPENERS = re.compile(r"(?:(?:\*\*|__|\*|_)(?=\S)|[\[(【（「][ \t]*+)+")
_CLOSERS = {"**": "**", "__": "__", "*": "*", "_": "_", "[": "]", "(": ")", "【": "】"}
_CLOSERS |= {"（": "）", "「": "」"}
_WEEKDAY_BEFORE = re.compile(rf"({_WEEKDAY})[ \t]*+[,，.]?[ \t]*+(?=[0-9]|{_MONTH})", re.IGNORECASE)
_WEEKDAY_AFTER = re.compile(
    rf"[ \t]*+[,，]?[ \t]*+[(（]?[ \t]*+({_WEEKDAY})[ \t]*+[)）]?", re.IGNORECASE
)
_RANGE_WORD = re.compile(
    r"[ \t]*+(~|～|〜|--|-|–|—|至|到|(?:to|till|until|thru|through)(?![A-Za-z]))[ \t]*+",
    re.IGNORECASE,
)
# After a range separator a weekday may come before the end date ("till Friday 08-11-2019").
_END_WEEKDAY_BEFORE = re.compile(rf"({_WEEKDAY})[ \t]*+[,，]?[ \t]*+(?=[0-9])", re.IGNORECASE)
_SLASH_DAY = re.compile(r"/([0-9]{1,2})(?![0-9/.\-:])")
_END_MONTH_DAY = re.compile(r"([0-9]{1,2})[-/.]([0-9]{1,2})(?![0-9])(?![-/.][0-9])")
_END_DAY = re.compile(rf"([0-9]{{1,2}})(?![0-9/.:])[ \t]*+{_DAY_MARK}?")
# After a day-only end written with a dash, only the end of the line or closing marks may
# follow: "2021-05-18 - 3 papers read" is a day with a title, not a 16-day range.
_DASHES = frozenset({"-", "--", "–", "—"})
_ONLY_CLOSERS = re.compile(r"[ \t]*+[*_\])）】」]*+[ \t]*+$")

_YMD_ZH = re.compile(
    rf"([0-9]{{3,5}})[ \t]*+年[ \t]*+([0-9]{{1,2}})[ \t]*+月[ \t]*+([0-9]{{1,2}})"
    rf"[ \t]*+{_DAY_MARK}?"
)
_YMD = re.compile(r"([0-9]{3,5})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})(?![0-9])")
_Y_MMDD = re.compile(r"([0-9]{4,5})[-/.]([0-9]{2})([0-9]{2})(?![0-9])")
_COMPACT = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})(?![0-9])")
_DMY = re.compile(r"([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4,5})(?![0-9])")
_NAME_MDY = re.compile(
    rf"({_MONTH})\.?[ \t]++([0-9]{{1,2}}){_ORDINAL}?,?[ \t]++([0-9]{{4}})(?![0-9])",
    re.IGNORECASE,
)
_NAME_DMY = re.compile(
    rf"([0-9]{{1,2}}){_ORDINAL}?[ \t]++({_MONTH})\.?,?[ \t]++([0-9]{{4}})(?![0-9])",
    re.IGNORECASE,
)
_TITLE_SEPARATORS = ":：-–—|,，"


def _weekday_number(word: str) -> int:
    text = word.lower().rstrip(".")
    if text in EN_WEEKDAYS:
        return EN_WEEKDAYS[text]
    return ZH_WEEKDAYS[text[-1]]


# --- tokens -------------------------------------------------------------------------------


def _read_token(line: str, pos: int) -> tuple[DateToken, int] | None:
    """The date starting at `pos` and where it ends, or None."""
    for pattern in (_YMD_ZH, _YMD):
        match = pattern.match(line, pos)
        if match:
            token = _ymd(match.group(0), *match.groups()[-3:])
            return (token, match.end()) if token else None
    match = _Y_MMDD.match(line, pos)
    if match:
        token = _missing_separator(match.group(0), *match.groups())
        return (token, match.end()) if token else None
    match = _COMPACT.match(line, pos)
    if match:
        y, m, d = (int(g) for g in match.groups())
        day = calendar_date(y, m, d)
        if day is None or not FIRST_YEAR <= y <= LAST_YEAR:
            return None
        return DateToken(match.group(0), (day,), ("ymd",)), match.end()
    match = _DMY.match(line, pos)
    if match:
        token = _dmy(match.group(0), *match.groups())
        return (token, match.end()) if token else None
    match = _NAME_MDY.match(line, pos)
    if match:
        month, day_text, year = match.groups()
        token = _named(match.group(0), year, EN_MONTHS[month.lower()], day_text)
        return (token, match.end()) if token else None
    match = _NAME_DMY.match(line, pos)
    if match:
        day_text, month, year = match.groups()
        token = _named(match.group(0), year, EN_MONTHS[month.lower()], day_text)
        return (token, match.end()) if token else None
    return None


def calendar_date(year: int, month: int, day: int) -> date | None:
    """The date `year`-`month`-`day`, or None when the calendar has no such day."""
    if not (1 <= month <= 12 and 1 <= day <= 31 and 1 <= year <= 9999):
        return None
    if day > calendar.monthrange(year, month)[1]:
        return None
    return date(year, month, day)


def _years(text: str) -> tuple[list[int], str]:
    """The years a year as written may mean, and what is wrong with it ('' if nothing)."""
    if len(text) == 4:
        year = int(text)
        return ([year], "") if FIRST_YEAR <= year <= LAST_YEAR else ([], "")
    if len(text) == 5:
        options = [text[:i] + text[i + 1 :] for i in range(5)]
        problem = f"the year {text} has five digits"
    elif text.startswith(("19", "20")):
        # The century is the part of a year least often mistyped: "100.5.3" is a version.
        options = [text[:i] + digit + text[i:] for i in range(4) for digit in "0123456789"]
        problem = f"the year {text} has three digits"
    else:
        return [], ""
    years: list[int] = []
    for option in options:
        year = int(option)
        if option[0] != "0" and FIRST_YEAR <= year <= LAST_YEAR and year not in years:
            years.append(year)
    return years, problem


def _month_day_repairs(year: int, month: int, day: int) -> list[date]:
    """Corrections of a month and day that name no date, best first: swapped, then
    clamped into the calendar."""
    repairs = []
    swapped = calendar_date(year, day, month)
    if swapped:
        repairs.append(swapped)
    clamped_month = min(max(month, 1), 12)
    last = calendar.monthrange(year, clamped_month)[1]
    clamped = date(year, clamped_month, min(max(day, 1), last))
    if clamped not in repairs:
        repairs.append(clamped)
    return repairs


def _ymd(text: str, year_text: str, month_text: str, day_text: str) -> DateToken | None:
    years, year_problem = _years(year_text)
    if not years:
        return None
    month, day = int(month_text), int(day_text)
    if not year_problem:
        found = calendar_date(years[0], month, day)
        if found:
            return DateToken(text, (found,), ("ymd",))
        return DateToken(
            text,
            (),
            (),
            tuple(_month_day_repairs(years[0], month, day)),
            _no_such_day(year_text, month, day),
        )
    repairs: list[date] = []
    exact: list[date] = []
    for year in years:
        found = calendar_date(year, month, day)
        options = [found] if found else _month_day_repairs(year, month, day)
        repairs.extend(d for d in options if d not in repairs)
        exact.extend([found] if found and found not in exact else [])
    return DateToken(text, (), (), tuple(repairs), year_problem, tuple(exact))


def _no_such_day(year_text: str, month: int, day: int) -> str:
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    return f"{year_text}-{month:02d} has no day {day}"


def _missing_separator(
    text: str, year_text: str, month_text: str, day_text: str
) -> DateToken | None:
    month, day = int(month_text), int(day_text)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None  # "2021-2022" is a span of years, not a date
    token = _ymd(text, year_text, month_text, day_text)
    if token is None:
        return None
    repairs = token.readings + token.repairs
    exact = token.readings + token.exact_repairs
    problem = "a separator is missing between month and day"
    if token.problem:
        problem = f"{problem}, and {token.problem}"
    return DateToken(text, (), (), repairs, problem, exact)


def _dmy(text: str, first: str, second: str, year_text: str) -> DateToken | None:
    years, year_problem = _years(year_text)
    if not years:
        return None
    a, b = int(first), int(second)
    readings: list[date] = []
    styles: list[str] = []
    for year in years[:1]:
        for style, (month, day) in (("dmy", (b, a)), ("mdy", (a, b))):
            found = calendar_date(year, month, day)
            if found and found not in readings:
                readings.append(found)
                styles.append(style)
    if readings and not year_problem:
        return DateToken(text, tuple(readings), tuple(styles))
    repairs: list[date] = []
    exact: list[date] = []
    for year in years:
        for month, day in ((b, a), (a, b)):
            found = calendar_date(year, month, day)
            options = [found] if found else _month_day_repairs(year, month, day)
            repairs.extend(d for d in options if d not in repairs)
            exact.extend([found] if found and found not in exact else [])
    problem = year_problem or f"neither {a}-{b} nor {b}-{a} is a day of {year_text}"
    return DateToken(text, (), (), tuple(repairs), problem, tuple(exact))


def _named(text: str, year_text: str, month: int, day_text: str) -> DateToken | None:
    years, _ = _years(year_text)
    if not years:
        return None
    found = calendar_date(years[0], month, int(day_text))
    if found:
        return DateToken(text, (found,), ("name",))
    repairs = tuple(_month_day_repairs(years[0], month, int(day_text))[-1:])
    return DateToken(text, (), (), repairs, _no_such_day(year_text, month, int(day_text)))


# --- ranges and titles --------------------------------------------------------------------


def _read_range(line: str, pos: int) -> tuple[EndToken | None, int | None, int]:
    """The end of a range starting at `pos`, the weekday written with it, and where the
    date part of the line ends."""
    slash = _SLASH_DAY.match(line, pos)
    if slash:
        return EndToken(slash.group(0), day=int(slash.group(1))), None, slash.end()
    if pos < len(line) and line[pos] in ":：":
        return None, None, pos  # a colon right after the date starts the title
    word = _RANGE_WORD.match(line, pos)
    if not word:
        return None, None, pos
    at = word.end()
    weekday = None
    before = _END_WEEKDAY_BEFORE.match(line, at)
    if before:
        weekday = _weekday_number(before.group(1))
        at = before.end()
    full = _read_token(line, at)
    if full is not None:
        token, end = full
        end_token = EndToken(line[at:end], full=token)
    else:
        month_day = _END_MONTH_DAY.match(line, at)
        day_only = None if month_day else _END_DAY.match(line, at)
        if month_day:
            end = month_day.end()
            month_text, day_text = month_day.groups()
            end_token = EndToken(month_day.group(0), month=int(month_text), day=int(day_text))
        elif day_only and (
            word.group(1) not in _DASHES or _ONLY_CLOSERS.match(line, day_only.end())
        ):
            end = day_only.end()
            end_token = EndToken(day_only.group(0).strip(), day=int(day_only.group(1)))
        else:
            return None, None, pos
    after = _WEEKDAY_AFTER.match(line, end)
    if after and weekday is None:
        weekday = _weekday_number(after.group(1))
        end = after.end()
    return end_token, weekday, end


def _closers(openers: str) -> str:
    """The closing marks for `openers`, innermost first: "]**" for "**[" ."""
    marks = []
    i = 0
    while i < len(openers):
        size = 2 if openers.startswith(("**", "__"), i) else 1
        marks.append(_CLOSERS.get(openers[i : i + size], ""))
        i += size
    return "".join(reversed(marks))


def _skip_closers(line: str, pos: int, closers: str) -> int:
    """Where the closing marks right after `pos` end (`pos` when there are none)."""
    at = pos
    while at < len(line) and line[at] in " \t":
        at += 1
    if closers and line.startswith(closers, at):
        return at + len(closers)
    return pos


def _title(rest: str, closers: str) -> str:
    """The words after the date. A colon right after the date keeps everything after it;
    otherwise unclosed marks that wrap the whole line and one separator are dropped."""
    text = rest.strip()
    if rest[:1] in (":", "："):
        return text[1:].strip()
    if closers and text.endswith(closers):
        text = text[: -len(closers)].rstrip()  # "**2021-06-12 Summer workshop**"
    if text[:1] and text[0] in _TITLE_SEPARATORS:
        text = text[1:].strip()
    return text
