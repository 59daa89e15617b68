"""Reading a paper in passes: the pass it is read to, and where it stands, in words.

A paper is read in up to three passes (skim, careful read, re-derivation; "after every
pass you can drop out"). Its *target* pass is the one the user chose to read it to;
with none chosen it is read to the last. Every view says a paper's pass against that
chosen pass ("pass 1/2"): the board's cards, the backlog, the editor, the command line.
Cheap to import: the command line's item output uses it.
"""

from __future__ import annotations

from app.domain.entities import ItemRecord
from app.domain.enums import MAX_READING_PASS, ItemKind


def chosen_pass(target_pass: int | None) -> int:
    """The pass a paper is read to: its target, or the last pass when none is chosen."""
    return target_pass if target_pass else MAX_READING_PASS


def pass_fraction(record: ItemRecord) -> str:
    """ "1/2": the pass reached over the chosen pass."""
    return f"{record.reading_pass}/{chosen_pass(record.target_pass)}"


def pass_text(record: ItemRecord) -> str:
    """ "pass 1/2" for a paper, as a card or a row shows it; "" for other kinds."""
    return f"pass {pass_fraction(record)}" if record.kind is ItemKind.PAPER else ""


def kind_text(record: ItemRecord) -> str:
    """The item's kind as a list shows it: "Task", or "Paper · pass 1/2" for a paper."""
    label = record.kind.value.capitalize()
    return f"{label} · {pass_text(record)}" if record.kind is ItemKind.PAPER else label


def short_of_target(record: ItemRecord) -> bool:
    """Whether a paper has a target pass it has not reached."""
    return (
        record.kind is ItemKind.PAPER
        and bool(record.target_pass)
        and record.reading_pass < chosen_pass(record.target_pass)
    )


def completed_short_text(record: ItemRecord) -> str:
    """What is said when a paper is completed short of the pass chosen for it; "" when
    it is not. Completing is not refused: dropping out after a pass is a way to finish."""
    if not (record.done and short_of_target(record)):
        return ""
    return (
        f"“{record.title}” completed at pass {record.reading_pass} of "
        f"{chosen_pass(record.target_pass)}, short of the pass chosen for it."
    )
