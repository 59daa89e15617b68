"""Property tests: any text either captures cleanly or fails with a typed, explained error.

A successful capture must account for every character typed: what is not in the title was
read as a tag, marker or date (`_parse` reports those pieces), so nothing is silently dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.capture import Capture, _parse
from app.domain.errors import CaptureError, InvalidInput

NOW = datetime(2026, 11, 20, 10, 0)  # a Friday
MARKER_STARTS = ("#", "!", "~", "^", "@", "＃", "！", "～")

FAST = settings(deadline=None, database=None, max_examples=800)

NOISE = ["Read", "paper", "MAE", "draft", "Bob", "alpha", "组会", "读论文", "实验", "报告", "数据"]
ENGLISH_DATES = [
    "fri",
    "tomorrow",
    "tomorrow 3pm",
    "3pm",
    "next week",
    "next fri",
    "dec 1",
    "in 3 days",
    "2026-12-01",
    "at noon",
    "morning",
]
CHINESE_DATES = [
    "明天",
    "下午三点",
    "明天下午三点",
    "下周五",
    "三天后",
    "今晚8点",
    "周五",
    "12月1日",
]
CHINESE_DATES += ["8点", "三点半", "两周后"]
MARKERS = ["#paper", "#vision", "#论文", "#Ideas", "!high", "!!", "!", "!低", "~2h", "~30m"]
MARKERS += ["~1h30m", "^week", "^someday", "@tomorrow", "@fri", "due:2026-12-01", "due fri"]
MARKERS += ["due 明天下午三点", "due next week"]
ESCAPES = ["\\#x", "\\due", "\\明天", "\\!", "\\", "\\\\y"]
BAD = ["!foo", "~abc", "^never", "#", "@", "#a.b", "due:", "3/4"]
SEPARATORS = st.sampled_from([" ", " ", " ", "", "  ", "\t", "\u3000"])


def check(text: str) -> Capture | None:
    """Parse `text`; on success assert the invariants, on failure require a typed error."""
    try:
        parsed = _parse(text, NOW)
    except (CaptureError, InvalidInput):
        return None
    capture = parsed.capture
    title_words = capture.title.split()
    assert title_words, "the title is never empty"
    assert capture.title == " ".join(title_words), "single spaces, no padding"
    literals = {token[1:] for token in text.split() if token.startswith("\\") and len(token) > 1}
    for word in title_words:
        if word.startswith(MARKER_STARTS) or word.casefold().startswith("due:"):
            assert word in literals, f"unescaped marker {word!r} left in the title"
    typed = Counter("".join(text.split()))
    accounted = Counter("".join(title_words) + "".join("".join(p.split()) for p in parsed.consumed))
    assert typed == accounted, "every character is in the title or in a recognised piece"
    for tag in capture.tags:
        assert f"#{tag}" in text or f"＃{tag}" in text
    return capture


@FAST
@given(st.text(max_size=60))
def test_arbitrary_text(text: str) -> None:
    check(text)


@FAST
@given(st.text(alphabet="#!~^@\\ 明天下午三点周五后2026-12/:abcdue", max_size=40))
def test_text_made_of_grammar_characters(text: str) -> None:
    check(text)


@st.composite
def capture_lines(draw: st.DrawFn) -> str:
    """A line of noise words, dates, markers, escapes and mistakes, glued or spaced."""
    pools = [NOISE] * 5 + [ENGLISH_DATES, CHINESE_DATES, MARKERS, MARKERS, ESCAPES, BAD]
    text = ""
    for _ in range(draw(st.integers(min_value=0, max_value=8))):
        text += draw(SEPARATORS) + draw(st.sampled_from(draw(st.sampled_from(pools))))
    return text


@FAST
@given(capture_lines())
def test_composed_capture_lines(text: str) -> None:
    capture = check(text)
    if capture is None:
        return
    tokens = text.split()
    # A noise word standing alone is never taken for anything else.
    noise = Counter(token for token in tokens if token in NOISE)
    assert not noise - Counter(capture.title.split()), "a noise word was lost"
    tags = {token[1:].casefold() for token in tokens if re.fullmatch(r"#[\w-]+", token)}
    assert tags == {tag.casefold() for tag in capture.tags}


@FAST
@given(
    st.sampled_from(NOISE),
    st.sampled_from(CHINESE_DATES),
    st.sampled_from(["", " "]),
    st.booleans(),
)
def test_one_chinese_date_is_always_taken_out_of_the_title(
    noise: str, when: str, gap: str, date_first: bool
) -> None:
    text = f"{when}{gap}{noise}" if date_first else f"{noise}{gap}{when}"
    capture = check(text)
    assert capture is not None
    assert capture.title == noise
    assert capture.due is not None


@FAST
@given(st.lists(st.sampled_from(NOISE + ENGLISH_DATES + ["the", "of", "3"]), max_size=4))
def test_due_phrases_of_any_words(words: list[str]) -> None:
    check("Write report due " + " ".join(words) + " #x")
    check("Write report @" + "-".join(words))


# Ordinary English words: no reader takes any of them, alone or with others, as a date.
PLAIN = ["Write", "up", "notes", "diligence", "slides", "seminar", "flight", "review", "Bob"]
PLAIN += ["process", "paper", "with", "class"]
# Words that connect a title to a date, and words dates are made of: "may" and "sun" are
# ordinary words too, "the" and "of" make "the 1st of december", and "and", "just" and
# "from" go next to dates without being part of them.
CONNECTING = ["for", "by", "on", "at", "until", "till", "before", "due", "Due"]
DATE_WORDS = ["may", "3", "next", "month", "week", "fri", "tomorrow", "noon", "morning"]
DATE_WORDS += ["sun", "a", "one", "in", "days", "3pm", "dec", "1", "this", "the", "of"]
DATE_WORDS += ["and", "just", "from"]


def is_subsequence(part: list[str], whole: list[str]) -> bool:
    rest = iter(whole)
    return all(word in rest for word in part)


@settings(deadline=None, database=None, max_examples=400)
@given(st.lists(st.sampled_from(PLAIN + CONNECTING + DATE_WORDS), max_size=9))
def test_plain_words_lose_nothing_unless_a_date_was_read(words: list[str]) -> None:
    text = " ".join(["Write", *words])
    try:
        capture = _parse(text, NOW).capture
    except CaptureError as error:
        # The refusals plain words can earn: two dates written ("due fri due 3pm"), a
        # weekday with a date not on it ("fri dec 1", 1 December being a Tuesday), and a
        # time at the end that could go with either of two days ("fri ... dec 1 ... 3pm").
        if "two due dates" in str(error):
            assert words.count("due") + words.count("Due") > 1
        else:
            assert "does not name one day" in str(error) or "could go with" in str(error)
        return
    assert check(text) == capture
    title = capture.title.split()
    if capture.due is None:
        assert capture.title == text, "no date was read, yet words went"
        return
    assert is_subsequence(title, text.split()), "the title is the words typed, in order"
    plain = Counter(word for word in text.split() if word in PLAIN)
    assert not plain - Counter(title), f"an ordinary word went with the date in {text!r}"


@FAST
@given(
    st.lists(st.sampled_from(PLAIN), min_size=1, max_size=4),
    st.sampled_from(CONNECTING),
    st.lists(st.sampled_from(PLAIN), max_size=3),
)
def test_a_connecting_word_stays_unless_a_date_follows_it(
    before: list[str], connector: str, after: list[str]
) -> None:
    text = " ".join([*before, connector, *after])
    capture = check(text)
    assert capture is not None and (capture.title, capture.due) == (text, None)


@FAST
@given(
    st.lists(st.sampled_from(PLAIN), min_size=1, max_size=4),
    st.sampled_from(["for", "by", "on", "before", "until", "due", "due on", "due by"]),
    st.sampled_from(["May 3", "next month", "fri", "tomorrow 3pm", "dec 1", "next week"]),
)
def test_a_connecting_word_goes_with_the_date_after_it(
    before: list[str], connector: str, when: str
) -> None:
    capture = check(" ".join([*before, connector, when]))
    assert capture is not None and capture.due is not None
    assert capture.title == " ".join(before)
