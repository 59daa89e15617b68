"""What the Chinese date readers are built from: numerals (三, 十二, 二〇二六, ３) and a
part read out of running text together with where it ends.

The readers see text folded to simplified characters (`date_words.ZH_FOLD`), so 兩, 點 and
週 arrive as 两, 点 and 周.
"""

from __future__ import annotations

from app.domain.date_reading import Reading
from app.domain.date_words import ZH_DIGITS

__all__ = ["NUM", "NUMBER_CHARS", "ZH_NUMERALS", "ZhPart", "zh_int"]

# Every character of a Chinese number up to 99: the digits and 十.
ZH_NUMERALS = "".join(ZH_DIGITS) + "十"
# A number as a pattern source: Arabic or full-width digits, or Chinese numerals.
NUM = rf"(?:[0-9０-９]{{1,4}}|[{ZH_NUMERALS}]{{1,3}})"
NUMBER_CHARS = frozenset("0123456789０１２３４５６７８９" + ZH_NUMERALS)


def zh_int(text: str, *, positional: bool = False) -> int | None:
    """Value of Arabic or Chinese digits: 3, ３, 三, 十, 十一, 二十三, 两; None if malformed.

    `positional` reads digit by digit, as years are written: 二〇二六.
    """
    if text[0] not in ZH_DIGITS and text[0] != "十":
        return int(text)  # ASCII or full-width digits; int() reads both
    if positional:
        return int("".join(str(ZH_DIGITS[c]) for c in text)) if "十" not in text else None
    if text == "两":
        return 2
    if "两" in text or (len(text) > 1 and ("零" in text or "〇" in text)):
        return None
    if "十" not in text:
        return ZH_DIGITS[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if (tens and tens not in ZH_DIGITS) or (ones and ones not in ZH_DIGITS):
        return None  # "十十", "三四十"
    return (ZH_DIGITS[tens] if tens else 1) * 10 + (ZH_DIGITS[ones] if ones else 0)


def is_chinese_numeral(text: str) -> bool:
    return bool(text) and all(char in ZH_NUMERALS for char in text)


class ZhPart:
    """One part of a Chinese date expression and where it ends in the text."""

    __slots__ = ("bare_hour", "end", "reading", "written_clock")

    def __init__(
        self,
        end: int,
        reading: Reading,
        written_clock: bool = False,
        *,
        bare_hour: bool = False,
    ) -> None:
        self.end, self.reading = end, reading
        # A clock hard to mistake for a count: "8点", "三点半", "3:30" (not "三点").
        self.written_clock = written_clock
        # "三点" with nothing else: a time only where a clause starts ("三点开会"), never
        # inside one ("总结三点建议").
        self.bare_hour = bare_hour
