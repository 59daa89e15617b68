"""Dates as people write them, in the capture grammar: each way of writing a date that was
once lost, rounded or saved wrong, and the words that look like dates and are none."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from app.domain.capture import parse_capture
from app.domain.dates import DueSpec
from app.domain.errors import CaptureError

WED = datetime(2026, 3, 11, 9, 15)  # a Wednesday morning
EARLY = datetime(2026, 6, 2, 4, 30)  # a Tuesday, before dawn
LATE = datetime(2026, 11, 20, 22, 40)  # a Friday night


def test_the_fixed_nows_fall_on_the_days_the_tests_assume() -> None:
    assert (WED.weekday(), EARLY.weekday(), LATE.weekday()) == (2, 1, 4)


def due(day: str, at: str | None = None) -> DueSpec:
    return DueSpec(date.fromisoformat(day), None if at is None else time.fromisoformat(at))


def read(text: str, now: datetime) -> tuple[str, DueSpec | None]:
    capture = parse_capture(text, now)
    return capture.title, capture.due


@pytest.mark.parametrize(
    ("text", "title", "expected"),
    [
        ("Coffee with Ann at a quarter past 3", "Coffee with Ann", due("2026-03-11", "15:15")),
        ("Call back at half past 3 pm", "Call back", due("2026-03-11", "15:30")),
        ("Leave 20 minutes to 2pm", "Leave", due("2026-03-11", "13:40")),
        ("Meet Sam at quarter to 5", "Meet Sam", due("2026-03-11", "16:45")),
        ("Yoga at ten past six", "Yoga", due("2026-03-11", "18:10")),
        ("Standup at half nine tomorrow", "Standup", due("2026-03-12", "09:30")),
        ("Pick up Leo at three o'clock", "Pick up Leo", due("2026-03-11", "15:00")),
        ("三点零五开始直播", "开始直播", due("2026-03-11", "15:05")),
        ("差五分三点出发", "出发", due("2026-03-11", "14:55")),
        ("下午两点四十去机场", "去机场", due("2026-03-11", "14:40")),
    ],
)
def test_minutes_written_in_words_are_kept(text: str, title: str, expected: DueSpec) -> None:
    assert read(text, WED) == (title, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Backup the server tonight at 11", due("2026-11-20", "23:00")),
        ("Call mom tomorrow afternoon at 5", due("2026-11-21", "17:00")),
        ("Brunch on Sunday at 11", due("2026-11-22", "11:00")),
        ("Write the summary due thursday at 5", due("2026-11-26", "17:00")),
    ],
)
def test_a_time_after_a_day_or_part_of_the_day_is_kept(text: str, expected: DueSpec) -> None:
    assert read(text, LATE)[1] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Call with Berlin at 3:30", due("2026-06-02", "15:30")),
        ("三点开会", due("2026-06-02", "15:00")),
        ("三點半接仔", due("2026-06-02", "15:30")),
        ("Run the backup at 05:00", due("2026-06-02", "05:00")),  # 24-hour: as written
        ("Leave for work at 7:30", due("2026-06-02", "07:30")),  # the next 7:30
    ],
)
def test_a_bare_clock_before_dawn_is_this_afternoon(text: str, expected: DueSpec) -> None:
    assert read(text, EARLY)[1] == expected


def test_a_bare_clock_late_at_night_is_tomorrow_afternoon() -> None:
    assert read("Call Sydney at 3:30", LATE)[1] == due("2026-11-21", "15:30")
    assert read("七點起身跑步", LATE)[1] == due("2026-11-21", "07:00")


def test_twelve_alone_is_noon_or_midnight_and_no_time() -> None:
    assert read("十二点前睡觉", LATE) == ("十二点前睡觉", None)
    assert read("Lunch at 12:30", WED)[1] == due("2026-03-11", "12:30")
    assert read("Lunch tomorrow at 12", WED)[1] == due("2026-03-12", "12:00")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("今天3:30pm开会", due("2026-06-02", "15:30")),
        ("明天10am开会", due("2026-06-03", "10:00")),
        ("周四 5pm 交 proposal", due("2026-06-04", "17:00")),
        ("聽日 10:00am 見工", due("2026-06-03", "10:00")),
    ],
)
def test_english_times_inside_chinese_text(text: str, expected: DueSpec) -> None:
    assert read(text, EARLY)[1] == expected


@pytest.mark.parametrize(
    ("text", "title", "expected"),
    [
        ("週五交報告", "交報告", due("2026-03-13")),
        ("禮拜三下晝開會", "開會", due("2026-03-11", "15:00")),
        ("2月15號交稅", "交稅", due("2027-02-15")),
        ("後天去睇醫生", "去睇醫生", due("2026-03-13")),
        ("下個月 去旅行", "去旅行", due("2026-04-01")),
        ("三時開會", "開會", due("2026-03-11", "15:00")),
        ("聽日交報告", "交報告", due("2026-03-12")),
        ("聽朝十點同老細傾", "同老細傾", due("2026-03-12", "10:00")),
        ("三點三開會", "開會", due("2026-03-11", "15:15")),  # minutes in fives: 3:15
        ("四點三個字見客", "見客", due("2026-03-11", "16:15")),
        ("三點搭一開始直播", "開始直播", due("2026-03-11", "15:05")),
        ("下午三時正簽約", "簽約", due("2026-03-11", "15:00")),
        ("半個鐘後提我飲水", "提我飲水", due("2026-03-11", "09:45")),
    ],
)
def test_traditional_characters_and_cantonese(text: str, title: str, expected: DueSpec) -> None:
    assert read(text, WED) == (title, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Team offsite first tuesday of october", due("2026-10-06")),
        ("十月第一个星期一开会", due("2026-10-05")),
        ("Pay the card 20 of next month", due("2026-04-20")),
        ("下个月20号交房租", due("2026-04-20")),
        ("Conference call friday after next", due("2026-03-27")),
        ("Review budget wednesday next week", due("2026-03-18")),
        ("Seminar Friday, March 13 at 4pm", due("2026-03-13", "16:00")),
        ("Thesis meeting Monday the 16th", due("2026-03-16")),
        ("3月13日周五交报告", due("2026-03-13")),
        ("Board review the monday after next", due("2026-03-23")),
        ("Pay rent on the 1st", due("2026-04-01")),
        ("Tax forms due the last friday of march", due("2026-03-27")),
        ("Follow up a week from tomorrow", due("2026-03-19")),
    ],
)
def test_ordinal_and_anchored_dates(text: str, expected: DueSpec) -> None:
    assert read(text, WED)[1] == expected


@pytest.mark.parametrize("text", ["Seminar Friday, March 14", "讲座3月14日周五"])
def test_a_weekday_with_a_date_not_on_it_is_refused(text: str) -> None:
    with pytest.raises(CaptureError, match="does not name one day"):
        read(text, WED)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Check the oven in half an hour", due("2026-03-11", "09:45")),
        ("Call back in a couple of hours", due("2026-03-11", "11:15")),
        ("Check results in an hour and a half", due("2026-03-11", "10:45")),
        ("Call mum 3 fridays from now", due("2026-03-27")),
        ("Revisit the idea in a fortnight", due("2026-03-25")),
        ("Renew the lease in six months", due("2026-09-11")),
        ("一个半小时后出发", due("2026-03-11", "10:45")),
        ("两周内回复审稿人", due("2026-03-25")),
    ],
)
def test_offsets(text: str, expected: DueSpec) -> None:
    assert read(text, WED)[1] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Family dinner xmas at 6 pm", due("2026-12-25", "18:00")),
        ("Wrap presents on christmas eve", due("2026-12-24")),
        ("Order the turkey for thanksgiving", due("2026-11-26")),
        ("儿童节带孩子去公园", due("2027-06-01")),
        ("聖誕節聚餐", due("2026-12-25")),
    ],
)
def test_holidays_with_a_date_of_their_own(text: str, expected: DueSpec) -> None:
    assert read(text, LATE)[1] == expected


def test_what_the_old_fallback_read_wrong() -> None:
    assert read("Print handouts 15h", WED)[1] == due("2026-03-11", "15:00")
    assert read("Lecture at 1030", WED)[1] == due("2026-03-11", "10:30")
    assert read("Expense the dinner from last sunday", WED)[1] == due("2026-03-08")
    # "74" could be 1974 or 2074: refused, where a guess once made it 2074.
    with pytest.raises(CaptureError, match="Write the year in full"):
        read("Scan the letter due 10/31/74", WED)
    assert read("Scan the letter dated 10/31/74", WED)[1] is None
    assert read("Order the cake for 12/25/26", WED)[1] == due("2026-12-25")


@pytest.mark.parametrize(
    "text",
    [
        "Watch Tomorrow Never Dies",
        "Listen to the Monday Morning podcast",
        "Sleep 8 hours",
        "Compare the 4/5 star reviews",
        "Upgrade to Python 3.12",
        "Review PR 1030",
        "看电影《后天》",
        "读周日的报纸",
        "总结三点建议",
        "三点水的字",
        "一点也不急",
        "留意三號風球",
        "二號出口等",
        "写4.2节",
        "以后天天锻炼",
    ],
)
def test_words_that_look_like_dates_stay_in_the_title(text: str) -> None:
    assert read(text, WED) == (text, None)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Submit the form by feb 30", "feb 30"),
        ("Lunch with Ana on 5/6", "5/6"),
        ("Check the 31st of june", "the 31st of june"),
        ("2月30日交报告", "2月30日"),
    ],
)
def test_a_date_form_naming_no_date_is_refused_with_its_words(text: str, words: str) -> None:
    with pytest.raises(CaptureError) as caught:
        read(text, WED)
    assert caught.value.words == words


@pytest.mark.parametrize(
    ("text", "title", "expected"),
    [
        ("Meeting tomorrow with Ann at 3pm", "Meeting with Ann", due("2026-11-21", "15:00")),
        ("Feb 10th dentist 8am", "dentist", due("2027-02-10", "08:00")),
        ("3pm call Ann tomorrow", "call Ann", due("2026-11-21", "15:00")),
        ("Friday standup at 9:30", "standup", due("2026-11-20", "09:30")),
    ],
)
def test_a_time_at_the_end_takes_its_day_from_the_title(
    text: str, title: str, expected: DueSpec
) -> None:
    assert read(text, LATE.replace(hour=8)) == (title, expected)


def test_a_time_that_could_go_with_two_days_is_refused() -> None:
    with pytest.raises(CaptureError, match="could go with 'Tomorrow' or with 'June 3'"):
        read("Tomorrow call Bob about the June 3 report at 3pm", WED)


def test_a_capitalised_day_inside_a_title_is_a_name() -> None:
    assert read("Watch Tomorrow Never Dies at 9pm", WED) == (
        "Watch Tomorrow Never Dies",
        due("2026-03-11", "21:00"),
    )


def test_a_day_after_every_is_a_repeat_due_on_its_first_occurrence() -> None:
    # The weekday after "every" names no one day: the item repeats (docs/capture.md).
    plants = parse_capture("Water plants every monday", WED)
    assert (plants.title, plants.due) == ("Water plants", due("2026-03-16"))
    assert plants.repeat_rule == "FREQ=WEEKLY;BYDAY=MO"
    gym = parse_capture("Gym each friday at 6pm", WED)
    assert (gym.title, gym.due) == ("Gym", due("2026-03-13", "18:00"))
    assert gym.repeat_rule == "FREQ=WEEKLY;BYDAY=FR"


def test_seven_or_eight_on_a_named_day_is_refused_without_am_or_pm() -> None:
    with pytest.raises(CaptureError, match="Write 7am or 7pm"):
        read("Team dinner friday at 7", WED)
    assert read("Team dinner friday at 7pm", WED)[1] == due("2026-03-13", "19:00")
    assert read("Dinner on friday evening at 7", WED)[1] == due("2026-03-13", "19:00")
    assert read("Call the bank tomorrow at 9", WED)[1] == due("2026-03-12", "09:00")
    # Chinese says 晚上 for the evening: 明天八点 is the morning.
    assert read("明天八点出发", WED)[1] == due("2026-03-12", "08:00")


def test_a_written_hour_after_a_part_of_the_day_is_kept() -> None:
    # "十点体" is no count of anything once 上午 says it is a time.
    assert read("十月二号上午十点体检", WED) == ("体检", due("2026-10-02", "10:00"))


@pytest.mark.parametrize(
    ("text", "title", "expected"),
    [
        ("下周周五交", "交", due("2026-03-20")),
        ("这周周四开会", "开会", due("2026-03-12")),
        ("下個禮拜禮拜三 開會", "開會", due("2026-03-18")),
        ("第三周周五交", "第三周周五交", None),  # week three of a term
        ("星期一至五上班", "星期一至五上班", None),  # Monday to Friday
        ("周一到周五的课表", "周一到周五的课表", None),
    ],
)
def test_weeks_and_their_days_in_chinese(text: str, title: str, expected: DueSpec | None) -> None:
    assert read(text, WED) == (title, expected)


@pytest.mark.parametrize(
    "text",
    [
        "Yoga tues/thurs 6pm",
        "Yoga tuesday and thursday 6pm",
        "Yoga on tuesdays 6pm",
        "gym mon wed fri 7am",
        "standup weekdays 9:30",
    ],
)
def test_a_time_beside_several_days_or_a_habit_stays_in_the_title(text: str) -> None:
    # Read alone, the time would be due today (or on one of the days): saved wrong.
    capture = parse_capture(text, WED)
    assert capture.due is None and capture.title == text


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Buy sun cream tomorrow 3pm", "Buy sun cream"),
        ("sat the exam tomorrow 9am", "sat the exam"),
        ("Prepare Monday's slides by Friday 5pm", "Prepare Monday's slides"),
    ],
)
def test_a_short_day_name_or_a_possessive_in_the_title_is_only_a_word(
    text: str, title: str
) -> None:
    capture = parse_capture(text, WED)
    assert capture.title == title and capture.due is not None
