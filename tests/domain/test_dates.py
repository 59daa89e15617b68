"""Due-date phrases: the English and Chinese reader, whole phrases and dates in running text."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest

from app.domain.dates import DueSpec, find_chinese_dates, match_fast, parse_date_phrase
from app.domain.errors import CaptureError

FRI = datetime(2026, 11, 20, 10, 0)  # a Friday, 10:00
SAT = datetime(2026, 11, 21, 10, 0)
MON = datetime(2026, 11, 16, 10, 0)
ROOT = Path(__file__).resolve().parents[2]


def test_fixed_nows_fall_on_the_days_the_tests_assume() -> None:
    assert (FRI.weekday(), SAT.weekday(), MON.weekday()) == (4, 5, 0)


def due(month: int, day: int, hour: int | None = None, minute: int = 0) -> DueSpec:
    at = None if hour is None else time(hour, minute)
    return DueSpec(date(2026 if month >= 11 else 2027, month, day), at)


ENGLISH_ON_FRIDAY = [
    ("today", due(11, 20)),
    ("tonight", due(11, 20, 20)),
    ("tomorrow", due(11, 21)),
    ("tmr", due(11, 21)),
    ("tmrw", due(11, 21)),
    ("Tomorrow", due(11, 21)),
    ("day after tomorrow", due(11, 22)),
    ("the day after tomorrow", due(11, 22)),
    ("yesterday", due(11, 19)),
    # Weekdays: the next occurrence on or after today, so on a Friday "fri" is today.
    ("fri", due(11, 20)),
    ("friday", due(11, 20)),
    ("this fri", due(11, 20)),
    ("sat", due(11, 21)),
    ("sun", due(11, 22)),
    ("mon", due(11, 23)),
    ("monday", due(11, 23)),
    ("tue", due(11, 24)),
    ("tues", due(11, 24)),
    ("wed", due(11, 25)),
    ("thu", due(11, 26)),
    ("thur", due(11, 26)),
    ("thurs", due(11, 26)),
    ("thursday", due(11, 26)),
    ("next fri", due(11, 27)),
    ("next mon", due(11, 23)),
    ("next sunday", due(11, 29)),
    ("next week", due(11, 23)),
    ("next month", due(12, 1)),
    ("in 3 days", due(11, 23)),
    ("3 days", due(11, 23)),
    ("in 1 day", due(11, 21)),
    ("in 2 weeks", due(12, 4)),
    ("2 weeks", due(12, 4)),
    ("in a week", due(11, 27)),
    ("in 1 month", due(12, 20)),
    ("in 3 months", due(2, 20)),
    ("3 days later", due(11, 23)),
    ("in 3 hours", due(11, 20, 13)),
    ("2 hours from now", due(11, 20, 12)),
    ("in 90 minutes", due(11, 20, 11, 30)),
    ("2026-12-01", due(12, 1)),
    ("2026/12/01", due(12, 1)),
    ("2026-12-01T15:00", due(12, 1, 15)),
    ("2026-12-01 15:00", due(12, 1, 15)),
    ("2026-12-1", due(12, 1)),
    ("dec 1", due(12, 1)),
    ("Dec 1", due(12, 1)),
    ("dec. 1", due(12, 1)),
    ("1 dec", due(12, 1)),
    ("december 1st", due(12, 1)),
    ("1st of december", due(12, 1)),
    ("dec 1 2026", due(12, 1)),
    ("dec 1, 2026", due(12, 1)),
    ("1 December 2026", due(12, 1)),
    ("nov 20", due(11, 20)),  # on or after today: today itself
    ("nov 3", DueSpec(date(2027, 11, 3))),  # passed this year
    ("jan 5", due(1, 5)),
    ("13/4", due(4, 13)),  # a part above 12 must be the day
    ("4/13", due(4, 13)),
    ("4/4", due(4, 4)),  # both readings agree
    ("12/25/2026", due(12, 25)),
    ("25.12.2026", due(12, 25)),
    ("3pm", due(11, 20, 15)),
    ("3:30pm", due(11, 20, 15, 30)),
    ("3 pm", due(11, 20, 15)),
    ("3 p.m.", due(11, 20, 15)),
    ("15:00", due(11, 20, 15)),
    ("at 3pm", due(11, 20, 15)),
    ("noon", due(11, 20, 12)),
    ("midnight", due(11, 21, 0)),
    ("afternoon", due(11, 20, 15)),
    ("evening", due(11, 20, 18)),
    ("morning", due(11, 21, 9)),  # 09:00 has passed at 10:00: tomorrow morning
    ("9am", due(11, 21, 9)),
    ("12am", due(11, 21, 0)),
    ("12pm", due(11, 20, 12)),
    ("fri 3pm", due(11, 20, 15)),
    ("3pm fri", due(11, 20, 15)),
    ("friday at 3pm", due(11, 20, 15)),
    ("on fri at 3pm", due(11, 20, 15)),
    ("by tomorrow", due(11, 21)),
    ("tomorrow at 9:30", due(11, 21, 9, 30)),
    ("tomorrow 3pm", due(11, 21, 15)),
    ("tomorrow morning", due(11, 21, 9)),
    ("tomorrow evening", due(11, 21, 18)),
    ("this afternoon", due(11, 20, 15)),
    ("tonight at 9:30", due(11, 20, 21, 30)),  # the evening makes 9:30 mean 21:30
    ("dec 1 at 3pm", due(12, 1, 15)),
    ("  next   fri  ", due(11, 27)),
]


@pytest.mark.parametrize(("phrase", "expected"), ENGLISH_ON_FRIDAY)
def test_english_phrases_on_a_friday(phrase: str, expected: DueSpec) -> None:
    assert match_fast(phrase, FRI) == expected
    assert parse_date_phrase(phrase, FRI) == expected


CHINESE_ON_FRIDAY = [
    ("今天", due(11, 20)),
    ("今日", due(11, 20)),
    ("明天", due(11, 21)),
    ("明日", due(11, 21)),
    ("后天", due(11, 22)),
    ("大后天", due(11, 23)),
    ("昨天", due(11, 19)),
    ("今晚", due(11, 20, 20)),
    ("今晚8点", due(11, 20, 20)),
    ("今晚八点半", due(11, 20, 20, 30)),
    ("明晚", due(11, 21, 20)),
    ("周五", due(11, 20)),  # on or after today: today
    ("星期五", due(11, 20)),
    ("礼拜五", due(11, 20)),
    ("周六", due(11, 21)),
    ("周日", due(11, 22)),
    ("星期天", due(11, 22)),
    ("星期日", due(11, 22)),
    ("周一", due(11, 23)),
    ("下周五", due(11, 27)),
    ("下星期五", due(11, 27)),
    ("下礼拜五", due(11, 27)),
    ("下周一", due(11, 23)),
    ("下下周五", due(12, 4)),
    ("这周五", due(11, 20)),
    ("本周五", due(11, 20)),
    ("这周日", due(11, 22)),
    ("下周", due(11, 23)),
    ("下个月", due(12, 1)),
    ("三天后", due(11, 23)),
    ("3天后", due(11, 23)),
    ("３天后", due(11, 23)),
    ("三天以后", due(11, 23)),
    ("十天后", due(11, 30)),
    ("两周后", due(12, 4)),
    ("两个星期后", due(12, 4)),
    ("一个月后", due(12, 20)),
    ("三小时后", due(11, 20, 13)),
    ("两个小时后", due(11, 20, 12)),
    ("半小时后", due(11, 20, 10, 30)),
    ("三天后下午两点", due(11, 23, 14)),
    ("12月1日", due(12, 1)),
    ("12月1号", due(12, 1)),
    ("十二月一日", due(12, 1)),
    ("十二月二十三号", due(12, 23)),
    ("1月5日", due(1, 5)),
    ("2027年1月5日", due(1, 5)),
    ("二〇二七年一月五日", due(1, 5)),
    ("25号", due(11, 25)),
    ("1号", due(12, 1)),
    ("三十一号", due(12, 31)),  # November has no 31st
    ("8点", due(11, 20, 20)),  # at 10:00, eight o'clock next is 20:00
    ("11点", due(11, 20, 11)),
    ("三点半", due(11, 20, 15, 30)),  # nobody plans for 03:30: this afternoon
    ("十点十五分", due(11, 20, 10, 15)),
    ("十点一刻", due(11, 20, 10, 15)),
    ("下午三点", due(11, 20, 15)),
    ("下午3:30", due(11, 20, 15, 30)),
    ("下午15点", due(11, 20, 15)),
    ("晚上8点", due(11, 20, 20)),
    ("晚上十一点", due(11, 20, 23)),
    ("晚上12点", due(11, 21, 0)),  # the midnight that ends today
    ("中午12点", due(11, 20, 12)),
    ("中午1点", due(11, 20, 13)),
    ("凌晨1点", due(11, 21, 1)),
    ("上午十点半", due(11, 20, 10, 30)),
    ("早上9点", due(11, 21, 9)),
    ("傍晚", due(11, 20, 18)),
    ("下午", due(11, 20, 15)),
    ("明天下午三点", due(11, 21, 15)),
    ("明天 下午 三点", due(11, 21, 15)),
    ("明天上午", due(11, 21, 9)),
    ("明早", due(11, 21, 9)),
    ("后天晚上7点", due(11, 22, 19)),
    ("下周五上午10点", due(11, 27, 10)),
    ("周五下午三点半", due(11, 20, 15, 30)),
    ("12月1日下午3点", due(12, 1, 15)),
    ("周五前", due(11, 20)),  # "by Friday"
    ("明天下午三点之前", due(11, 21, 15)),
]


@pytest.mark.parametrize(("phrase", "expected"), CHINESE_ON_FRIDAY)
def test_chinese_phrases_on_a_friday(phrase: str, expected: DueSpec) -> None:
    assert match_fast(phrase, FRI) == expected
    assert parse_date_phrase(phrase, FRI) == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("fri", date(2026, 11, 27)),
        ("周五", date(2026, 11, 27)),
        ("星期五", date(2026, 11, 27)),
        ("下周五", date(2026, 11, 27)),
        ("sat", date(2026, 11, 21)),
        ("周六", date(2026, 11, 21)),
        ("next sat", date(2026, 11, 28)),
        ("下周六", date(2026, 11, 28)),
        # "这周五" is this ISO week's Friday, already past on Saturday (see dates.py).
        ("这周五", date(2026, 11, 20)),
        ("next week", date(2026, 11, 23)),
        ("下周", date(2026, 11, 23)),
    ],
)
def test_weekdays_on_a_saturday(phrase: str, expected: date) -> None:
    assert parse_date_phrase(phrase, SAT) == DueSpec(expected)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("fri", date(2026, 11, 20)),
        ("next fri", date(2026, 11, 27)),  # never this week's Friday
        ("下周五", date(2026, 11, 27)),
        ("mon", date(2026, 11, 16)),
        ("next mon", date(2026, 11, 23)),
        ("next week", date(2026, 11, 23)),
    ],
)
def test_weekdays_on_a_monday(phrase: str, expected: date) -> None:
    assert parse_date_phrase(phrase, MON) == DueSpec(expected)


def test_a_time_alone_is_today_while_ahead_and_tomorrow_once_passed() -> None:
    afternoon = FRI.replace(hour=16)
    assert parse_date_phrase("3pm", afternoon) == DueSpec(date(2026, 11, 21), time(15))
    assert parse_date_phrase("下午三点", afternoon) == DueSpec(date(2026, 11, 21), time(15))
    assert parse_date_phrase("5pm", afternoon) == DueSpec(date(2026, 11, 20), time(17))
    at_three = FRI.replace(hour=15)  # exactly now is no longer ahead
    assert parse_date_phrase("3pm", at_three) == DueSpec(date(2026, 11, 21), time(15))


def test_month_ends_and_leap_days() -> None:
    jan31 = datetime(2027, 1, 31, 9)
    assert parse_date_phrase("in 1 month", jan31) == DueSpec(date(2027, 2, 28))
    assert parse_date_phrase("feb 29", jan31) == DueSpec(date(2028, 2, 29))
    assert parse_date_phrase("next month", datetime(2026, 12, 15)) == DueSpec(date(2027, 1, 1))
    assert parse_date_phrase("下个月", datetime(2026, 12, 15)) == DueSpec(date(2027, 1, 1))
    new_year = parse_date_phrase("jan 1", datetime(2026, 12, 31, 23, 0))
    assert new_year == DueSpec(date(2027, 1, 1))


def test_an_aware_now_is_read_as_its_local_wall_clock() -> None:
    aware = FRI.replace(tzinfo=timezone(timedelta(hours=8)))
    assert parse_date_phrase("tomorrow 3pm", aware) == DueSpec(date(2026, 11, 21), time(15))
    assert parse_date_phrase("三小时后", aware) == DueSpec(date(2026, 11, 20), time(13))
    assert parse_date_phrase("3pm", aware).time == time(15)


@pytest.mark.parametrize("phrase", ["3/4", "1/2/2027", "03/04", "1.2.2027"])
def test_numeric_dates_that_read_both_ways_are_refused(phrase: str) -> None:
    with pytest.raises(CaptureError, match="ambiguous") as caught:
        parse_date_phrase(phrase, FRI)
    assert "YYYY-MM-DD" in str(caught.value)
    assert caught.value.words == phrase
    with pytest.raises(CaptureError, match="ambiguous"):
        match_fast(phrase, FRI)


@pytest.mark.parametrize("phrase", ["2026-02-30", "feb 30", "2026-13-01", "2月30日", "april 31"])
def test_dates_that_do_not_exist_are_refused(phrase: str) -> None:
    with pytest.raises(CaptureError, match="no such date"):
        parse_date_phrase(phrase, FRI)


def test_unreadable_phrases_name_the_words() -> None:
    with pytest.raises(CaptureError) as caught:
        parse_date_phrase("xyzzy  plugh", FRI)
    assert str(caught.value) == (
        "Could not read the date 'xyzzy plugh'. Try a weekday, 'tomorrow 3pm', or 2026-12-01."
    )
    assert caught.value.words == "xyzzy plugh"
    with pytest.raises(CaptureError):
        parse_date_phrase("   ", FRI)


@pytest.mark.parametrize(
    "phrase",
    ["xyzzy", "fri sat", "3pm 4pm", "in", "at", "on fri at", "3", "chapter 3", "25", "march"],
)
def test_the_fast_parser_says_none_for_what_it_does_not_know(phrase: str) -> None:
    assert match_fast(phrase, FRI) is None


def test_far_offsets_are_refused_not_crashed() -> None:
    with pytest.raises(CaptureError, match="too far"):
        match_fast("in 9999 months", datetime(9990, 1, 1))
    with pytest.raises(CaptureError, match="too far"):
        match_fast("9999天后", datetime(9999, 12, 1))


# --- phrases read whole, and phrases no reader guesses at ----------------------------------


def test_all_day_phrases_stay_all_day_and_timed_ones_timed() -> None:
    assert parse_date_phrase("2 weeks from tomorrow", FRI) == DueSpec(date(2026, 12, 5))
    assert parse_date_phrase("December the 3rd", FRI) == DueSpec(date(2026, 12, 3))
    assert parse_date_phrase("the day before yesterday", FRI) == DueSpec(date(2026, 11, 18))
    timed = parse_date_phrase("the 1st of december at 3pm", FRI)
    assert timed == DueSpec(date(2026, 12, 1), time(15))
    midnight = parse_date_phrase("the 1st of december at 0:00", FRI)
    assert midnight == DueSpec(date(2026, 12, 1), time(0))


@pytest.mark.parametrize(
    "phrase",
    ["December 2026", "in a few days", "mid december", "friday week", "sometime soon"],
)
def test_a_phrase_naming_no_one_day_is_refused_not_guessed(phrase: str) -> None:
    # dateparser, the fallback these once went to, read "December 2026" as 20 December.
    assert match_fast(phrase, FRI) is None
    with pytest.raises(CaptureError, match="Could not read the date") as caught:
        parse_date_phrase(phrase, FRI)
    assert caught.value.words == phrase


# --- Chinese dates inside running text -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("明天下午三点开组会", ["明天下午三点"]),
        ("读论文 下周五", ["下周五"]),
        ("读论文下周五", ["下周五"]),
        ("8点开会", ["8点"]),
        ("三点半开会", ["三点半"]),
        ("下午三点开会", ["下午三点"]),
        ("交报告周五前", ["周五前"]),
        ("上周五的会议纪要", []),  # last week: not a due date
        ("每周五组会", []),  # every week: not a due date
        ("总结三点建议", []),  # "three points"
        ("下午茶", []),  # afternoon tea
        ("去3号楼", []),  # building 3
        ("第3号", []),
        ("读第十三号文件", []),
        ("周一到周五", ["周一", "周五"]),
        ("read the paper", []),
    ],
)
def test_chinese_dates_are_found_inside_text(text: str, found: list[str]) -> None:
    spans = find_chinese_dates(text, FRI)
    assert [text[start:end] for start, end, _ in spans] == found


def test_importing_capture_imports_no_third_party_reader() -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import app.domain.capture"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    modules = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()}
    assert "app.domain.capture" in modules
    third_party = ("dateparser", "duckling", "regex", "pytz")
    heavy = {name for name in modules if name.split(".")[0] in third_party}
    assert not heavy


def test_english_text_does_not_load_the_chinese_rules() -> None:
    code = (
        "import sys\n"
        "from datetime import datetime\n"
        "from app.domain.capture import parse_capture\n"
        "now = datetime(2026, 11, 20, 10, 0)\n"
        "parse_capture('read MAE paper #paper !high ~2h fri 3pm', now)\n"
        "print('app.domain.date_phrases_zh' in sys.modules)\n"
        "parse_capture('读论文 明天下午三点', now)\n"
        "print('app.domain.date_phrases_zh' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "True"]
