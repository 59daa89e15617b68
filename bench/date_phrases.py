"""How well dates are read: the capture grammar against Duckling, on the date-phrase corpus
(`tests/fixtures/date_phrases/`, English, simplified and traditional Chinese), in one run.

For each language and reader, the share of lines read right, refused with an error, left
in the title, and saved with a wrong date (see `bench/date_corpus.py`). Then the two
general-purpose parsers as a fallback would meet phrases: each reads, alone, the words of
every date the grammar reads right ("by friday", "明天下午三点"), as `due PHRASE` hands
them over. Then what reading costs: per line in a warm process, and importing each reader
in a fresh one against the floor (`python -c pass`), Duckling with only the time zone it
needs and with the whole system zoneinfo.

Duckling (`pyduckling-native-phihos`) is read as it comes: the whole text goes in, the
longest time it finds is the reading; a day or longer grain is an all-day date, an
interval its start (a part of the day, four hours or more, all day). dateparser is read as
Rizhi used it until it was dropped: future dates preferred, a time only where one was
written. Either is skipped when not installed.

    .venv/bin/python bench/date_phrases.py [--show wrong|title|refused|all] [--runs 15]
"""

from __future__ import annotations

import argparse
import datetime
import importlib.util
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.domain.capture import _parse
from app.domain.dates import DueSpec
from app.domain.errors import CaptureError, InvalidInput
from bench.common import ROOT, base_env, save, summary, time_command
from bench.date_corpus import (
    LANGUAGES,
    OUTCOMES,
    TARGETS,
    Reading,
    Row,
    Score,
    describe,
    load,
    outcome,
    read_with_grammar,
    score,
)

VENV_PYTHON = ROOT / ".venv" / "bin" / "python"
SYSTEM_ZONES = Path("/usr/share/zoneinfo")
_DAY_GRAINS = frozenset({"year", "quarter", "month", "week", "day"})
_PART_OF_DAY = datetime.timedelta(hours=4)


class Duckling:
    """Duckling on a whole capture line, as it comes."""

    def __init__(self, zones: str) -> None:
        import duckling

        self._duckling = duckling
        self._zones = duckling.load_time_zones(zones)
        self._dims = duckling.parse_dimensions(["time"])
        self._locales = {
            language: duckling.default_locale_lang(duckling.parse_lang(code))
            for language, code in (("en", "EN"), ("zh_hans", "ZH"), ("zh_hant", "ZH"))
        }

    def read(self, row: Row) -> Reading:
        d = self._duckling
        # Due dates are wall-clock times: `now` is handed over as if it were UTC.
        stamp = int(row.now.replace(tzinfo=datetime.UTC).timestamp())
        reference = d.parse_ref_time(self._zones, "UTC", stamp)
        context = d.Context(reference, self._locales[row.language])
        found = [e for e in d.parse(row.text, context, self._dims, False) if e["dim"] == "time"]
        if not found:
            return None
        entity = max(found, key=lambda e: e["end"] - e["start"])
        return _reading(entity["value"])


def _moment(value: dict[str, Any]) -> datetime.datetime:
    return datetime.datetime.fromisoformat(value["value"]).replace(tzinfo=None)


def _reading(value: dict[str, Any]) -> Reading:
    if value["type"] == "interval":
        start = value.get("from") or value.get("to")
        if start is None:
            return None
        moment = _moment(start)
        end = value.get("to")
        if end is not None and _moment(end) - moment >= _PART_OF_DAY:
            return DueSpec(moment.date())
        grain = start["grain"]
    else:
        moment, grain = _moment(value), value["grain"]
    if grain in _DAY_GRAINS:
        return DueSpec(moment.date())
    return DueSpec(moment.date(), moment.time().replace(second=0, microsecond=0))


# Words that show a phrase named a time of day, so dateparser's 00:00 is meant.
_TIME_CUE = (
    r"[0-9]\s*(?:am|pm|a\.m|p\.m)|[0-9]:[0-9]|[点點时時]"
    r"|\b(?:noon|midnight|hours?|hrs?|minutes?|mins?|o'clock)\b"
)


def read_with_dateparser(row: Row) -> Reading:
    """dateparser on the text, as Rizhi's fallback read it."""
    import re

    import dateparser

    settings = {"PREFER_DATES_FROM": "future", "RELATIVE_BASE": row.now}
    try:
        found = dateparser.parse(row.text, settings=settings, languages=["en", "zh"])
    except Exception:  # a third-party parser on arbitrary text: any failure is no date
        return None
    if found is None:
        return None
    named = re.search(_TIME_CUE, row.text, re.IGNORECASE) is not None
    if not named and found.time() in (datetime.time(0), row.now.time()):
        return DueSpec(found.date())
    return DueSpec(found.date(), found.time().replace(second=0, microsecond=0))


def date_phrases(rows: list[Row]) -> list[Row]:
    """Each line the grammar reads right, as the words its date was read from ("due fri",
    "by May 3", "明天下午三点"), without the marker or the word `due`."""
    phrases = []
    for row in rows:
        try:
            parsed = _parse(row.text, row.now)
        except (CaptureError, InvalidInput):
            continue
        words = parsed.due_words
        if words is None or outcome(row, parsed.capture.due) != "right":
            continue
        for marker in ("due ", "due:", "@"):
            if words.casefold().startswith(marker):
                words = words[len(marker) :]
        phrases.append(row._replace(text=words))
    return phrases


def per_line_ms(rows: list[Row], reader: Callable[[Row], Reading]) -> dict[str, float]:
    """Per-line reading time in a warm process (a first pass pays for imports)."""
    for row in rows:
        reader(row)
    times = []
    for row in rows:
        start = time.perf_counter()
        reader(row)
        times.append((time.perf_counter() - start) * 1000)
    ordered = sorted(times)
    return {
        "median": statistics.median(times),
        "p95": ordered[round(0.95 * (len(ordered) - 1))],
        "max": ordered[-1],
    }


def cold_costs(runs: int, zones: str) -> dict[str, dict[str, float]]:
    """Whole processes: the floor, then importing each reader and reading one phrase."""
    python = str(VENV_PYTHON if VENV_PYTHON.exists() else Path(sys.executable))
    duck = (
        "import datetime, duckling as d\n"
        "z = d.load_time_zones({zones!r})\n"
        "c = d.Context(d.parse_ref_time(z, 'UTC', 1800000000),"
        " d.default_locale_lang(d.parse_lang('EN')))\n"
        "d.parse('in a fortnight', c, d.parse_dimensions(['time']), False)\n"
    )
    programs = {
        "python -c pass (floor)": "pass",
        "import dateparser, one phrase": (
            "import dateparser\ndateparser.parse('in a fortnight', languages=['en', 'zh'])"
        ),
    }
    if importlib.util.find_spec("duckling") is not None:
        programs["import duckling, UTC only, one phrase"] = duck.format(zones=zones)
        if SYSTEM_ZONES.is_dir():
            programs["import duckling, all zoneinfo, one phrase"] = duck.format(
                zones=str(SYSTEM_ZONES)
            )
    env = base_env()
    for program in programs.values():  # warm the page cache
        time_command([python, "-c", program], env)
    times: dict[str, list[float]] = {name: [] for name in programs}
    for _ in range(runs):
        for name, program in programs.items():
            times[name].append(time_command([python, "-c", program], env))
    return {name: summary(values) for name, values in times.items()}


def print_scores(scores: dict[str, dict[str, Score]], *, targets: bool = True) -> None:
    print(f"\n{'language':<10}{'reader':<11}{'lines':>6}", end="")
    print("".join(f"{name:>9}" for name in OUTCOMES), end="")
    print(f"{' right+refused':>14}{'target':>8}" if targets else "")
    for language, by_reader in scores.items():
        for reader, result in by_reader.items():
            shares = "".join(f"{result.share(name):>9.1%}" for name in OUTCOMES)
            print(f"{language:<10}{reader:<11}{result.total:>6}{shares}", end="")
            good = result.share("right", "refused")
            print(f"{good:>14.1%}{TARGETS[language]:>8.0%}" if targets else "")


def print_misses(scores: dict[str, dict[str, Score]], show: str) -> None:
    for language, by_reader in scores.items():
        for reader, result in by_reader.items():
            misses = [m for m in result.misses if show == "all" or m[2] == show]
            if not misses:
                continue
            print(f"\n{language}, {reader}: {len(misses)} {show}")
            for row, reading, scored in misses:
                print(
                    f"  {row.line:>4} {scored:<8} {row.now:%a %m-%d %H:%M}  {row.text!r}"
                    f"  read {describe(reading)}, meant {' | '.join(row.expected)}"
                )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", choices=("wrong", "title", "refused", "all"), default="wrong")
    parser.add_argument("--runs", type=int, default=15, help="processes per cold measurement")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rizhi-zones-") as zones:
        # Duckling falls back to UTC for a zone it was not given: an empty folder is enough.
        readers: dict[str, Callable[[Row], Reading]] = {"grammar": read_with_grammar}
        fallbacks: dict[str, Callable[[Row], Reading]] = {}
        if importlib.util.find_spec("duckling") is not None:
            readers["duckling"] = fallbacks["duckling"] = Duckling(zones).read
        else:
            print("Duckling is not installed (pip install pyduckling-native-phihos); skipped.")
        if importlib.util.find_spec("dateparser") is not None:
            fallbacks["dateparser"] = read_with_dateparser
        corpus = {language: load(language) for language in LANGUAGES}
        scores = {
            language: {name: score(rows, reader) for name, reader in readers.items()}
            for language, rows in corpus.items()
        }
        phrases = {language: date_phrases(rows) for language, rows in corpus.items()}
        as_fallback = {
            language: {name: score(rows, reader) for name, reader in fallbacks.items()}
            for language, rows in phrases.items()
        }
        every_row = [row for rows in corpus.values() for row in rows]
        timing = {name: per_line_ms(every_row, reader) for name, reader in readers.items()}
        cold = cold_costs(args.runs, zones)
    print_scores(scores)
    print_misses(scores, args.show)
    if fallbacks:
        print("\nAs a fallback: each parser alone on the date phrases the grammar reads right")
        print_scores(as_fallback, targets=False)
    print(f"\n{'reading one line, warm':<44}{'median':>10}{'p95':>10}{'max':>10}")
    for name, t in timing.items():
        print(f"{name:<44}{t['median']:>8.3f}ms{t['p95']:>8.3f}ms{t['max']:>8.3f}ms")
    floor = cold["python -c pass (floor)"]["median"]
    print(f"\n{'a fresh process':<44}{'median':>10}{'p95':>10}{'- floor':>10}")
    for name, s in cold.items():
        extra = (s["median"] - floor) * 1000
        print(f"{name:<44}{s['median'] * 1000:>8.1f}ms{s['p95'] * 1000:>8.1f}ms{extra:>8.1f}ms")
    figures = {
        "scores": _counts(scores),
        "as_fallback": _counts(as_fallback),
        "per_line_ms": timing,
        "cold": cold,
    }
    path = save("date_phrases", figures)
    print(f"Figures saved to {path.relative_to(ROOT)}")
    return 0


def _counts(scores: dict[str, dict[str, Score]]) -> dict[str, dict[str, dict[str, int]]]:
    return {
        language: {
            reader: {"lines": result.total, **{name: result.counts[name] for name in OUTCOMES}}
            for reader, result in by_reader.items()
        }
        for language, by_reader in scores.items()
    }


if __name__ == "__main__":
    sys.exit(main())
