"""The quick-capture grammar: markers, due dates in English and Chinese, escapes, errors."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from app.domain.capture import Capture, parse_capture
from app.domain.dates import DueSpec
from app.domain.enums import Horizon, ItemKind, Priority
from app.domain.errors import CaptureError, InvalidInput

FRI = datetime(2026, 11, 20, 10, 0)  # a Friday, 10:00
SAT = datetime(2026, 11, 21, 10, 0)


def cap(text: str, now: datetime = FRI) -> Capture:
    return parse_capture(text, now)


def due(month: int, day: int, hour: int | None = None, minute: int = 0) -> DueSpec:
    return DueSpec(date(2026, month, day), None if hour is None else time(hour, minute))


def test_the_full_example() -> None:
    capture = cap("Read MAE paper #paper #vision !high ~2h due fri 3pm")
    assert capture == Capture(
        title="Read MAE paper",
        kind=ItemKind.PAPER,
        tags=("paper", "vision"),
        priority=Priority.HIGH,
        estimate_minutes=120,
        due=due(11, 20, 15),  # "fri" on a Friday is today, and 15:00 is still ahead
        horizon=None,
    )


def test_plain_text_is_a_task_with_nothing_else() -> None:
    assert cap("  Write   the   intro  ") == Capture(
        title="Write the intro",
        kind=ItemKind.TASK,
        tags=(),
        priority=Priority.NONE,
        estimate_minutes=None,
        due=None,
        horizon=None,
    )


def test_to_dict_is_json_ready() -> None:
    capture = cap("Read MAE paper #paper !high ~1h30m ^week due 2026-12-01 15:00")
    assert capture.to_dict() == {
        "title": "Read MAE paper",
        "kind": "paper",
        "tags": ["paper"],
        "priority": 3,
        "estimate_minutes": 90,
        "due_date": "2026-12-01",
        "due_time": "15:00",
        "horizon": "week",
    }
    all_day = cap("x @tomorrow").to_dict()
    assert (all_day["due_date"], all_day["due_time"]) == ("2026-11-21", None)
    assert cap("x").to_dict()["due_date"] is None


def test_capture_is_immutable() -> None:
    with pytest.raises(AttributeError):
        cap("x").title = "y"  # type: ignore[misc]


# --- tags and kinds ------------------------------------------------------------------------


def test_tags_keep_order_and_spelling_and_drop_case_insensitive_repeats() -> None:
    capture = cap("#ML x #Vision #ml #vision #论文 #a_b-c")
    assert capture.tags == ("ML", "Vision", "论文", "a_b-c")


@pytest.mark.parametrize(
    ("tag", "kind"),
    [
        ("paper", ItemKind.PAPER),
        ("papers", ItemKind.PAPER),
        ("Paper", ItemKind.PAPER),
        ("idea", ItemKind.IDEA),
        ("ideas", ItemKind.IDEA),
        ("experiment", ItemKind.EXPERIMENT),
        ("experiments", ItemKind.EXPERIMENT),
        ("note", ItemKind.NOTE),
        ("notes", ItemKind.NOTE),
        ("task", ItemKind.TASK),
        ("tasks", ItemKind.TASK),
        ("论文", ItemKind.PAPER),
        ("实验", ItemKind.EXPERIMENT),
        ("vision", ItemKind.TASK),
    ],
)
def test_a_kind_tag_sets_the_kind_and_stays_a_tag(tag: str, kind: ItemKind) -> None:
    capture = cap(f"something #{tag}")
    assert capture.kind == kind
    assert capture.tags == (tag,)


def test_the_first_kind_tag_wins() -> None:
    assert cap("x #vision #idea #paper").kind == ItemKind.IDEA


@pytest.mark.parametrize("token", ["#", "#a.b", "#tag,", "##x", "#a#b"])
def test_malformed_tags_are_errors(token: str) -> None:
    with pytest.raises(CaptureError, match="not a tag") as caught:
        cap(f"x {token}")
    assert caught.value.words == token


# --- priority, estimate, horizon -------------------------------------------------------------


@pytest.mark.parametrize(
    ("token", "priority"),
    [
        ("!high", Priority.HIGH),
        ("!HIGH", Priority.HIGH),
        ("!h", Priority.HIGH),
        ("!3", Priority.HIGH),
        ("!!!", Priority.HIGH),
        ("!高", Priority.HIGH),
        ("！高", Priority.HIGH),  # full-width, as Chinese input methods type it
        ("!medium", Priority.MEDIUM),
        ("!med", Priority.MEDIUM),
        ("!m", Priority.MEDIUM),
        ("!2", Priority.MEDIUM),
        ("!!", Priority.MEDIUM),
        ("!中", Priority.MEDIUM),
        ("!low", Priority.LOW),
        ("!l", Priority.LOW),
        ("!1", Priority.LOW),
        ("!", Priority.LOW),
        ("!低", Priority.LOW),
    ],
)
def test_priorities(token: str, priority: Priority) -> None:
    assert cap(f"x {token}").priority == priority


@pytest.mark.parametrize("token", ["!foo", "!!!!", "!4", "!urgent"])
def test_unknown_priorities_are_named_in_the_error(token: str) -> None:
    with pytest.raises(CaptureError) as caught:
        cap(f"x {token}")
    assert token in str(caught.value)
    assert caught.value.words == token


def test_contradicting_priorities_are_an_error_but_repeats_are_not() -> None:
    with pytest.raises(CaptureError, match="two priority"):
        cap("x !high !low")
    assert cap("x !high !h").priority == Priority.HIGH


@pytest.mark.parametrize(
    ("token", "minutes"),
    [
        ("~2h", 120),
        ("~30m", 30),
        ("~45min", 45),
        ("~1h30m", 90),
        ("~1h30", 90),
        ("~1.5h", 90),
        ("~0.25h", 15),
        ("~90", 90),
        ("~2H", 120),
        ("~2hours", 120),
        ("~2小时", 120),
        ("～30分钟", 30),
    ],
)
def test_estimates(token: str, minutes: int) -> None:
    assert cap(f"x {token}").estimate_minutes == minutes


@pytest.mark.parametrize("token", ["~abc", "~", "~0", "~2x", "~h", "~1.5", "~-3"])
def test_unreadable_estimates_are_errors(token: str) -> None:
    with pytest.raises(CaptureError, match="estimate") as caught:
        cap(f"x {token}")
    assert caught.value.words == token


@pytest.mark.parametrize(
    ("token", "horizon"),
    [
        ("^week", Horizon.WEEK),
        ("^short", Horizon.SHORT),
        ("^short-term", Horizon.SHORT),
        ("^long", Horizon.LONG),
        ("^Long-Term", Horizon.LONG),
        ("^someday", Horizon.SOMEDAY),
    ],
)
def test_horizons(token: str, horizon: Horizon) -> None:
    assert cap(f"x {token}").horizon == horizon


@pytest.mark.parametrize("token", ["^never", "^", "^weeks"])
def test_unknown_horizons_are_errors(token: str) -> None:
    with pytest.raises(CaptureError, match="horizon"):
        cap(f"x {token}")


def test_markers_can_stand_anywhere() -> None:
    capture = cap("!high #paper Read ~2h the ^week paper")
    assert (capture.title, capture.tags, capture.priority) == ("Read the paper", ("paper",), 3)
    assert (capture.estimate_minutes, capture.horizon) == (120, Horizon.WEEK)


# --- explicit due dates --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("x due:2026-12-01", due(12, 1)),
        ("x DUE:tomorrow", due(11, 21)),
        ("x due:明天", due(11, 21)),
        ("x @today", due(11, 20)),
        ("x @tomorrow", due(11, 21)),
        ("x @fri", due(11, 20)),
        ("x @2026-12-01", due(12, 1)),
        ("x @3pm", due(11, 20, 15)),
        ("x due fri", due(11, 20)),
        ("x Due next fri", due(11, 27)),
        ("x due tomorrow at 9:30 #y", due(11, 21, 9, 30)),
    ],
)
def test_explicit_due_dates(text: str, expected: DueSpec) -> None:
    capture = cap(text)
    assert capture.title == "x"
    assert capture.due == expected


def test_a_due_phrase_runs_to_the_next_marker() -> None:
    capture = cap("Read MAE due fri 3pm #paper more words")
    assert (capture.title, capture.due) == ("Read MAE more words", due(11, 20, 15))


def test_a_due_phrase_may_be_long() -> None:
    assert cap("x due the 1st of december").due == due(12, 1)
    assert cap("x due the first monday of december at 3pm #y").due == due(12, 7, 15)


def test_a_due_phrase_takes_the_date_it_starts_with_and_leaves_the_rest() -> None:
    capture = cap("Homework due fri for class #school")
    assert (capture.title, capture.due) == ("Homework for class", due(11, 20))
    capture = cap("Reply to emails due today in the inbox")
    assert (capture.title, capture.due) == ("Reply to emails in the inbox", due(11, 20))


@pytest.mark.parametrize(
    "text",
    [
        "Write up due diligence notes",
        "Pay bill due xyzzy",
        "Discuss due process #law",
        "Give credit where credit is due to Ann",
    ],
)
def test_due_before_words_that_are_no_date_is_a_plain_word(text: str) -> None:
    capture = cap(text)
    assert capture.due is None
    assert capture.title == text.removesuffix(" #law")


@pytest.mark.parametrize(
    ("text", "title", "expected"),
    [
        ("Call due 3pm and", "Call and", due(11, 20, 15)),
        ("Call due and fri", "Call due and", due(11, 20)),  # "due" is not followed by a date
        ("Call due from fri", "Call due from", due(11, 20)),
    ],
)
def test_words_around_a_due_phrase_that_are_no_date_stay_in_the_title(
    text: str, title: str, expected: DueSpec
) -> None:
    capture = cap(text)
    assert (capture.title, capture.due) == (title, expected)


def test_due_as_a_plain_word_leaves_the_date_at_the_end_to_be_read() -> None:
    capture = cap("Write up due diligence notes by fri")
    assert (capture.title, capture.due) == ("Write up due diligence notes", due(11, 20))


@pytest.mark.parametrize(
    ("text", "message"),
    [("Pay due feb 30", "no such date: 'feb 30'"), ("Pay due 3/4", "ambiguous")],
)
def test_a_due_phrase_in_a_date_form_naming_no_date_is_an_error(text: str, message: str) -> None:
    with pytest.raises(CaptureError, match=message) as caught:
        cap(text)
    assert "\\due" in str(caught.value)


def test_the_word_due_without_a_phrase_stays_in_the_title() -> None:
    assert cap("Pay what is due").title == "Pay what is due"
    assert cap("Pay what is due #bills").title == "Pay what is due"
    assert cap("Pay the dues").title == "Pay the dues"
    assert cap("Overdue review").title == "Overdue review"


@pytest.mark.parametrize("text", ["x @", "x due:", "x @bob", "x due:someday-maybe"])
def test_empty_or_unreadable_at_and_due_colon_are_errors(text: str) -> None:
    with pytest.raises(CaptureError):
        cap(text)


def test_an_ambiguous_date_is_an_error_when_written_as_due() -> None:
    with pytest.raises(CaptureError, match="ambiguous"):
        cap("x @3/4")


@pytest.mark.parametrize(
    "text",
    [
        "x @fri @sat",
        "x due:fri due sat",
        "x @fri 明天",
        "明天 开会 后天",
        "明天 #x 下午三点",  # a marker splits the phrase in two dates
        "周一到周五 跑步",
    ],
)
def test_two_due_dates_are_an_error(text: str) -> None:
    with pytest.raises(CaptureError, match="two due dates: "):
        cap(text)


# --- Chinese dates inside the text ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "title", "expected"),
    [
        ("明天下午三点开组会", "开组会", due(11, 21, 15)),
        ("明天下午三点 组会 #meeting", "组会", due(11, 21, 15)),
        ("读论文 下周五", "读论文", due(11, 27)),
        ("读论文下周五", "读论文", due(11, 27)),
        ("三天后 交报告", "交报告", due(11, 23)),
        ("今晚8点 看 paper", "看 paper", due(11, 20, 20)),
        ("周五 组会", "组会", due(11, 20)),
        ("组会 明天 下午 三点", "组会", due(11, 21, 15)),
        ("下周五上午10点 答辩", "答辩", due(11, 27, 10)),
        ("12月1日 提交", "提交", due(12, 1)),
        ("交报告周五前", "交报告", due(11, 20)),
        ("8点开会", "开会", due(11, 20, 20)),  # at 10:00, eight o'clock next is tonight's
        ("两周后 review", "review", due(12, 4)),
    ],
)
def test_chinese_dates_anywhere_in_the_text(text: str, title: str, expected: DueSpec) -> None:
    capture = cap(text)
    assert (capture.title, capture.due) == (title, expected)


def test_chinese_weekday_on_a_saturday_is_next_week() -> None:
    assert cap("周五 组会", SAT).due == due(11, 27)
    assert cap("组会 星期五", SAT).due == due(11, 27)


@pytest.mark.parametrize("text", ["上周五的会议纪要", "总结三点建议", "下午茶", "去3号楼开会"])
def test_chinese_words_that_are_not_due_dates_stay_in_the_title(text: str) -> None:
    capture = cap(text)
    assert (capture.title, capture.due) == (text, None)


def test_a_chinese_date_alone_leaves_an_empty_title() -> None:
    with pytest.raises(InvalidInput, match="title is empty"):
        cap("明天下午三点")


# --- a bare English date at the end --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "title", "expected"),
    [
        ("read MAE paper #paper !high fri", "read MAE paper", due(11, 20)),
        ("call Bob tomorrow 3pm", "call Bob", due(11, 21, 15)),
        ("call Bob tomorrow at 3pm", "call Bob", due(11, 21, 15)),
        ("Submit report dec 1", "Submit report", due(12, 1)),
        ("Submit report 2026-12-01", "Submit report", due(12, 1)),
        ("Lunch with Ann at noon", "Lunch with Ann", due(11, 20, 12)),
        ("Plan talks next week", "Plan talks", due(11, 23)),
        ("write fri #draft", "write", due(11, 20)),
        ("ship it in 3 days", "ship it", due(11, 23)),
        ("call tomorrow morning", "call", due(11, 21, 9)),
        ("Meet in a fortnight", "Meet", due(12, 4)),
    ],
)
def test_a_trailing_english_date(text: str, title: str, expected: DueSpec) -> None:
    capture = cap(text)
    assert (capture.title, capture.due) == (title, expected)


@pytest.mark.parametrize(
    "text",
    [
        "Fix chapter 12",
        "Read section 3/4",  # ambiguous as a date: kept as text
        "Upgrade to Python 3.13",
        "Enjoy the sun",
        "Where I sat",
        "fri",  # the title would be empty
        "tomorrow 3pm",  # not split into a title "tomorrow" due at 3pm
        "Review \\fri",  # a literal word is never a date
        "Wish me well",
    ],
)
def test_trailing_words_that_stay_in_the_title(text: str) -> None:
    capture = cap(text)
    assert capture.due is None
    assert capture.title == text.replace("\\", "")


@pytest.mark.parametrize("text", ["Good morning", "Work in the evening", "Stay till noon"])
def test_a_trailing_time_of_day_word_alone_is_not_a_date(text: str) -> None:
    assert cap(text) == cap(text, SAT)
    assert cap(text).due is None


def test_the_trailing_date_takes_at_most_seven_words() -> None:
    capture = cap("Talk on the day after tomorrow at 3pm")
    assert (capture.title, capture.due) == ("Talk", due(11, 22, 15))
    assert cap("Talk day after tomorrow").due == due(11, 22)
    # Seven words of date, and the connecting word before them.
    capture = cap("Meet Ann on the first monday of december at 3pm")
    assert (capture.title, capture.due) == ("Meet Ann", due(12, 7, 15))


@pytest.mark.parametrize(
    ("text", "title", "expected"),
    [
        ("Prepare slides for May 3", "Prepare slides", DueSpec(date(2027, 5, 3))),
        ("Book flight for next month", "Book flight", due(12, 1)),
        ("Wait for tomorrow", "Wait", due(11, 21)),
        ("Submit the form by fri", "Submit the form", due(11, 20)),
        ("Finish draft before dec 1", "Finish draft", due(12, 1)),
        ("Stay home until next week", "Stay home", due(11, 23)),
        ("Poster is due on dec 1", "Poster is", due(12, 1)),
        ("Call Ann after dec 1", "Call Ann after", due(12, 1)),  # a start, kept in the title
    ],
)
def test_connecting_words_go_with_the_trailing_date(
    text: str, title: str, expected: DueSpec
) -> None:
    capture = cap(text)
    assert (capture.title, capture.due) == (title, expected)


@pytest.mark.parametrize(
    "text",
    [
        "Prepare slides for the seminar",
        "Vote for May",  # not a date
        "Stand by me",
        "Run the ablation for 3 days",  # how long, not when
        "Sleep for an hour",
        "for May 3",  # the title would be empty
        "Wait for \\fri",
    ],
)
def test_connecting_words_stay_when_no_due_date_follows(text: str) -> None:
    capture = cap(text)
    assert (capture.title, capture.due) == (text.replace("\\", ""), None)


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Submit by @fri", "Submit"),
        ("Report due @fri", "Report"),
        ("Report due on @fri #x", "Report"),
        ("Report due:2026-11-20", "Report"),
        ("Report for due fri", "Report"),
        ("Report due for fri", "Report"),
        ("Report due before fri", "Report"),
        ("Submit \\by @fri", "Submit by"),  # a literal word stays
        ("Meet by #x @fri", "Meet by"),  # a marker in between: not right before the date
    ],
)
def test_connecting_words_go_with_an_explicit_date(text: str, title: str) -> None:
    capture = cap(text)
    assert (capture.title, capture.due) == (title, due(11, 20))


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("截止周五提交报告", "提交报告"),
        ("报告截止到 周五", "报告"),
        ("最迟周五交报告", "交报告"),
        ("直到周五 休假", "休假"),
        ("会议将于周五举行", "会议将 举行"),
        ("于周五提交", "提交"),
        ("我们在周五开会", "我们 开会"),
        ("Submit by 周五", "Submit"),
        ("报名周五截止", "报名 截止"),  # after the date, 截止 is the sentence's verb
    ],
)
def test_chinese_connecting_words_go_with_the_date(text: str, title: str) -> None:
    capture = cap(text)
    assert (capture.title, capture.due) == (title, due(11, 20))


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("关于周五开会", "关于 开会"),
        ("现在周五开会", "现在 开会"),
        ("由于周五停电", "由于 停电"),
    ],
)
def test_words_ending_in_a_connecting_character_stay_whole(text: str, title: str) -> None:
    assert cap(text).title == title


def test_the_trailing_rule_yields_to_an_explicit_due_date() -> None:
    capture = cap("Plan for tomorrow @fri")
    assert (capture.title, capture.due) == ("Plan for tomorrow", due(11, 20))


# --- escapes and empty titles ----------------------------------------------------------------


def test_a_backslash_keeps_a_word_literal() -> None:
    capture = cap(r"Fix \#42 and \!important \~tilde \^caret \@home \due \明天 \\x")
    assert capture.title == r"Fix #42 and !important ~tilde ^caret @home due 明天 \x"
    assert (capture.tags, capture.priority, capture.due) == ((), Priority.NONE, None)


def test_a_lone_backslash_is_text() -> None:
    assert cap("a \\ b").title == "a \\ b"


@pytest.mark.parametrize("text", ["", "   ", "#paper !high", "@tomorrow ~2h", "明天下午三点"])
def test_an_empty_title_is_invalid_input(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        cap(text)
    assert str(caught.value) == "Nothing to capture: the title is empty."
    assert not isinstance(caught.value, CaptureError)
