"""Saving a line from the capture popup: an item with its links, on the board when it
goes to this week, or a line in today's log; each one use case, announced in the feed."""

from __future__ import annotations

from datetime import timedelta

from app.domain.changes import Changes
from app.domain.enums import Column, ItemKind
from app.domain.quick_capture import Destination, read_line
from app.services.item_details import item_details
from app.services.items import get_item
from app.services.log_entries import get_entry
from app.services.quick_capture import save_line
from app.services.settings import board_week
from app.store import feed
from app.store.db import Store
from tests.conftest import NOW


def last_feed_record(store: Store) -> Changes:
    before = feed.latest(store.raw).last_seq - 1
    return feed.since(store.raw, before).changes


def test_a_paper_line_saves_the_item_with_its_link(store: Store) -> None:
    line = read_line("Masked autoencoders https://arxiv.org/abs/2111.06377 #vision", NOW)
    saved, changes = save_line(store, line, now=NOW)
    assert saved.destination is Destination.BACKLOG and saved.text == "Masked autoencoders"
    assert saved.item_id is not None and saved.entry_id is None
    details = item_details(store, saved.item_id)
    assert details.record.kind is ItemKind.PAPER and details.record.tags == ("vision",)
    assert [(link.url, link.title) for link in details.links] == [
        ("https://arxiv.org/abs/2111.06377", "arXiv 2111.06377")
    ]
    assert details.record.placement is None
    assert changes.items == {saved.item_id} and changes.tags
    assert last_feed_record(store).items == {saved.item_id}


def test_a_line_for_this_week_goes_on_the_board(store: Store) -> None:
    saved, changes = save_line(store, read_line("write related work", NOW, Destination.WEEK),
                               now=NOW)  # fmt: skip
    assert saved.item_id is not None and changes.board
    placement = get_item(store, saved.item_id).placement
    assert placement is not None
    assert (placement.week, placement.column) == (str(board_week(store, NOW)), Column.TODO)


def test_a_log_line_is_a_new_entry_on_today(store: Store) -> None:
    late = NOW.replace(hour=23, minute=50)  # still today where the user is
    line = read_line("^log ran the ablation, loss flat #exp", late)
    saved, changes = save_line(store, line, now=late)
    assert saved.entry_id is not None and saved.item_id is None
    entry = get_entry(store, saved.entry_id)
    assert (entry.day, entry.body) == (late.date(), "ran the ablation, loss flat #exp")
    assert changes.entries == {saved.entry_id}
    tomorrow = late + timedelta(minutes=20)
    again, _ = save_line(store, read_line("second", tomorrow, Destination.LOG), now=tomorrow)
    assert again.entry_id is not None
    assert get_entry(store, again.entry_id).day == late.date() + timedelta(days=1)
