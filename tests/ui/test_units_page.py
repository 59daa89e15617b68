"""The Units view: the unit at a glance (header, goal bars, what counted, the day strip,
the unit's cards), the picker, opening items, live updates, both themes, and its place
in the window (actions, the review prompt, the review time setting)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.domain.changes import Changes
from app.domain.entities import ItemDraft
from app.domain.enums import Horizon, ItemKind
from app.domain.units import parse_goal_spec
from app.domain.weeks import Week
from app.services.item_edits import set_completed
from app.services.items import create_item
from app.services.settings import preferences, set_settings
from app.services.unit_records import unit_by_number
from app.services.units import create_unit, link_items, set_adjustment
from app.store.db import Store
from app.ui.main_window import MainWindow
from app.ui.ops import Operations
from app.ui.rows import RowCache
from app.ui.settings import UiSettings
from app.ui.settings_dialog import SettingsDialog
from app.ui.theme import Tokens, tokens_for
from app.ui.units.delegates import GoalDelegate, bar_scale
from app.ui.units.page import UnitsPage
from tests.ui.conftest import run_queued

SHANGHAI = ZoneInfo("Asia/Shanghai")
CREATED = datetime(2022, 1, 31, 9, 0, tzinfo=SHANGHAI)
DAY_SIX = datetime(2022, 2, 6, 10, 0, tzinfo=SHANGHAI)  # a Sunday inside unit 1
GOALS = ("lectures=3 Watch NYU weeks 5-6", "papers=2..3 Read two papers on SSL", "math=1",
         "coding=1 Machine translation")  # fmt: skip


def at(day: int, hour: int = 12) -> datetime:
    return datetime(2022, 2, day, hour, tzinfo=SHANGHAI)


class Sample:
    """Unit 1 (1 to 10 February 2022) with four goals, two completed items that count,
    and four unfinished linked items, two of them on the board of week 5."""

    def __init__(self, store: Store) -> None:
        self.store = store
        unit, _ = create_unit(
            store, now=CREATED, start=date(2022, 2, 1), goals=[parse_goal_spec(g) for g in GOALS]
        )
        self.unit = unit.id
        self.goals = {g.category: g.id for g in unit.goals}
        week = Week(2022, 5)
        self.lecture = self.add("NYU 5L：能量模型", tags=("lecture",))
        self.barlow = self.add("Barlow Twins", kind=ItemKind.PAPER, tags=("paper",))
        self.survey = self.add("精读：《自监督学习综述》", kind=ItemKind.PAPER, week=week)
        self.transducer = self.add("implement transducer", week=week, horizon=Horizon.WEEK)
        self.chapter = self.add("chapter 3")
        self.section = self.add("section 3.1", parent_id=self.chapter)
        set_completed(store, self.lecture, True, now=at(2))
        set_completed(store, self.barlow, True, now=at(4))
        link_items(store, self.goals["Papers"], [self.barlow, self.survey])
        link_items(store, self.goals["Coding"], [self.transducer])
        link_items(store, self.goals["Math"], [self.chapter, self.section])

    def add(self, title: str, **fields: object) -> int:
        week = fields.pop("week", None)
        record, _ = create_item(
            self.store,
            ItemDraft(title=title, **fields),  # type: ignore[arg-type]
            now=CREATED,
            week=week,  # type: ignore[arg-type]
        )
        return record.id


def fixed_ops(store: Store, now: datetime) -> Operations:
    return Operations(store, clock=lambda: now)


@pytest.fixture
def day_six_ops(store: Store, qapp: QApplication) -> Iterator[Operations]:
    operations = fixed_ops(store, DAY_SIX)
    yield operations
    operations.undo_stack.clear()


def make_page(
    qtbot: QtBot, ops: Operations, tokens: Tokens | None = None, rows: RowCache | None = None
) -> UnitsPage:
    rows = rows or RowCache(ops.store)
    page = UnitsPage(ops, rows, tokens or tokens_for(False))
    ops.changed.connect(lambda changes: (rows.invalidate(changes), page.apply(changes)))
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    qtbot.waitExposed(page)
    return page


def test_with_no_unit_the_page_explains_and_offers_to_create_one(
    qtbot: QtBot, day_six_ops: Operations
) -> None:
    page = make_page(qtbot, day_six_ops)
    assert page.stack.currentIndex() == 0
    assert page.empty.button.isVisible() and page.empty.button.text() == "New unit…"
    assert "Rizhi counts what you complete" in page.empty.text.text()


def test_the_current_unit_at_a_glance(
    qtbot: QtBot, store: Store, day_six_ops: Operations, qtmodeltester: ModelTester
) -> None:
    s = Sample(store)
    set_adjustment(store, s.goals["Math"], 1)
    page = make_page(qtbot, day_six_ops)
    assert page.stack.currentIndex() == 1
    assert page.title_label.text() == "Unit 1: 2-01 to 2-10"
    assert page.range_label.text() == "1 – 10 February 2022 · day 6 of 10 · 4 days left"
    assert not page.summary_label.isVisible()

    model = page.goal_model
    qtmodeltester.check(model)
    assert [g.goal.category for g in model.goals] == ["Lectures", "Papers", "Math", "Coding"]
    lectures, papers, math = (model.index(n, 0) for n in range(3))
    assert model.rowCount(lectures) == 1
    assert model.item_id_at(model.index(0, 0, lectures)) == s.lecture
    assert model.item_id_at(model.index(0, 0, papers)) == s.barlow
    assert model.data(papers) == "Papers: Read two papers on SSL, 1 of 2–3"
    assert model.data(math) == "Math, 1 (1 by hand) of 1"
    assert model.rowCount(math) == 0

    qtmodeltester.check(page.cards_model)
    assert page.cards_model.ids == [s.survey, s.transducer]
    assert page.cards_heading.text() == "Board cards · 2"

    days = page.strip.days
    assert [d.day.day for d in days] == list(range(1, 11))
    assert [d.completed_items for d in days[:5]] == [0, 1, 0, 1, 0]


def test_goals_are_painted_with_the_category_colour_up_to_what_was_achieved(
    qtbot: QtBot, store: Store, day_six_ops: Operations
) -> None:
    Sample(store)
    page = make_page(qtbot, day_six_ops)
    tree, model = page.tree, page.goal_model
    papers = model.index(1, 0)
    goal = model.goal_at(papers)
    assert goal is not None and bar_scale(goal) == 3  # the stretch
    rect = tree.visualRect(papers)
    image = tree.viewport().grab().toImage()
    delegate = page.goal_delegate
    assert rect.height() == delegate.goal_height(tree.font())
    # Find the bar: the row of pixels where the category's colour appears.
    colour = QColor(goal.goal.color)
    bar_rows = [
        y for y in range(rect.top(), rect.bottom())
        if any(_near(image, x, y, colour) for x in range(rect.left() + 20, rect.left() + 60))
    ]  # fmt: skip
    assert bar_rows, "the achieved part of the bar is painted in the category's colour"
    y = bar_rows[len(bar_rows) // 2]
    filled = [x for x in range(rect.left(), rect.right()) if _near(image, x, y, colour)]
    share = (max(filled) - min(filled)) / (rect.width() - 2 * 14)
    assert 0.25 < share < 0.42  # 1 of 3


def _near(image: QImage, x: int, y: int, colour: QColor, tolerance: int = 12) -> bool:
    pixel = image.pixelColor(QPoint(x, y))
    return all(
        abs(a - b) <= tolerance
        for a, b in zip(pixel.getRgb()[:3], colour.getRgb()[:3], strict=True)
    )


def test_the_day_strip_marks_empty_days_and_today(
    qtbot: QtBot, store: Store, day_six_ops: Operations
) -> None:
    Sample(store)
    page = make_page(qtbot, day_six_ops)
    strip, tokens = page.strip, page.tokens
    image = strip.grab().toImage()
    ratio = strip.devicePixelRatioF()

    def inside(index: int) -> QColor:
        cell = strip.cell_rect(index)
        return image.pixelColor(QPoint(int((cell.left() + 8) * ratio),
                                       int((cell.bottom() - 6) * ratio)))  # fmt: skip

    def edge(index: int) -> QColor:
        cell = strip.cell_rect(index)
        return image.pixelColor(
            QPoint(int((cell.center().x()) * ratio), int((cell.top() + 1) * ratio))
        )

    active, empty, today = inside(1), inside(0), inside(5)
    assert active == tokens.card_bg  # 2 Feb: a lecture watched
    assert empty != tokens.card_bg and empty.red() > empty.blue()  # 1 Feb: tinted red
    assert today == tokens.card_bg  # today is not over: not marked empty
    assert _near(
        image,
        int(strip.cell_rect(5).center().x() * ratio),
        int((strip.cell_rect(5).top() + 1) * ratio),
        tokens.accent,
        40,
    )
    assert edge(7) != tokens.accent  # days to come are only dashed


def test_enter_on_what_counted_and_on_a_card_opens_the_item(
    qtbot: QtBot, store: Store, day_six_ops: Operations
) -> None:
    s = Sample(store)
    page = make_page(qtbot, day_six_ops)
    opened: list[int] = []
    page.open_item.connect(opened.append)
    tree = page.tree
    tree.setFocus()
    tree.setCurrentIndex(page.goal_model.index(0, 0, page.goal_model.index(1, 0)))
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    tree.setCurrentIndex(page.goal_model.index(1, 0))  # a goal row opens nothing
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    page.cards.setFocus()
    page.cards.setCurrentIndex(page.cards_model.index(1))
    qtbot.keyClick(page.cards, Qt.Key.Key_Enter)
    assert opened == [s.barlow, s.transducer]


def test_the_picker_walks_through_units_and_back_to_the_current_one(
    qtbot: QtBot, store: Store, day_six_ops: Operations
) -> None:
    Sample(store)
    create_unit(store, now=CREATED, start=date(2022, 2, 11), goals=[parse_goal_spec("papers=2")])
    page = make_page(qtbot, day_six_ops)
    assert page.unit is not None and page.unit.number == 1
    assert not page.prev_button.isEnabled() and not page.current_button.isEnabled()
    page.next_button.click()
    assert page.unit.number == 2
    assert page.range_label.text().startswith("11 – 20 February 2022 · starts in 5 days")
    assert page.current_button.isEnabled() and not page.next_button.isEnabled()
    page.current_button.click()
    assert page.unit.number == 1


def test_completing_a_linked_item_moves_the_bar_at_once(
    qtbot: QtBot, store: Store, day_six_ops: Operations
) -> None:
    s = Sample(store)
    page = make_page(qtbot, day_six_ops)
    before = page.goal_model.goals[1]
    assert before.achieved == 1
    from app.services import bulk

    assert day_six_ops.run(
        "Complete", lambda now: bulk.complete_items(store, [s.survey], True, now=now),
    )  # fmt: skip
    after = page.goal_model.goals[1]
    assert after.achieved == 2 and after.met
    assert page.goal_model.rowCount(page.goal_model.index(1, 0)) == 2


def test_a_hidden_page_catches_up_when_shown(
    qtbot: QtBot, store: Store, day_six_ops: Operations
) -> None:
    page = make_page(qtbot, day_six_ops)
    page.hide()
    Sample(store)
    page.apply(Changes(units=True))
    assert page.stack.currentIndex() == 0  # not read while hidden
    page.show()
    qtbot.waitExposed(page)
    assert page.stack.currentIndex() == 1 and page.unit is not None


def test_a_reviewed_unit_shows_its_review(qtbot: QtBot, store: Store, qapp: QApplication) -> None:
    s = Sample(store)
    from app.domain.units import ReviewDecision
    from app.services.unit_review import review_unit

    decisions = dict.fromkeys([s.survey, s.transducer, s.chapter, s.section], ReviewDecision.CARRY)
    review_unit(store, s.unit, reflection="一个游戏 came out.", rating=4, decisions=decisions,
                tz=SHANGHAI, now=at(10, 22))  # fmt: skip
    ops = fixed_ops(store, datetime(2022, 2, 25, 9, tzinfo=SHANGHAI))  # after unit 2 too
    page = make_page(qtbot, ops)
    assert page.unit is not None and page.unit.number == 2  # open, waiting for its review
    page.prev_button.click()
    assert page.summary_label.isVisible()
    assert page.summary_label.text() == "Reviewed Thu 10 Feb · ★★★★☆ · “一个游戏 came out.”"
    assert not page.review_button.isEnabled()
    assert page.range_label.text().endswith("ended 15 days ago · reviewed")


def test_both_themes_paint_with_their_own_tokens_and_text_fits(
    qtbot: QtBot, store: Store, day_six_ops: Operations
) -> None:
    Sample(store)
    page = make_page(qtbot, day_six_ops)
    tree = page.tree
    rect = tree.visualRect(page.goal_model.index(0, 0))
    probe = QPoint(rect.left() + 12, rect.bottom() - 8)
    light = tree.viewport().grab().toImage().pixelColor(probe)
    dark_tokens = tokens_for(True)
    page.set_tokens(dark_tokens)
    dark = tree.viewport().grab().toImage().pixelColor(probe)
    assert light == tokens_for(False).card_bg and dark == dark_tokens.card_bg
    # Rows are as tall as their fonts need, for Chinese titles as well.
    delegate = GoalDelegate(dark_tokens)
    font = tree.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    assert delegate.goal_height(font) > delegate.goal_height(tree.font())
    child = page.goal_model.index(0, 0, page.goal_model.index(0, 0))
    assert tree.visualRect(child).height() >= tree.fontMetrics().height() + 8


# --- in the window ----------------------------------------------------------------------------


WindowAt = Callable[[datetime], MainWindow]


@pytest.fixture
def window_at(qtbot: QtBot, store: Store, ui_settings: UiSettings) -> Iterator[WindowAt]:
    made: list[MainWindow] = []

    def make(now: datetime) -> MainWindow:
        set_settings(store, {"board.rollover": "manual"})
        window = MainWindow(store, ui_settings, clock=lambda: now)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        made.append(window)
        return window

    yield make
    for window in made:
        for box in window.findChildren(QMessageBox):
            box.done(0)
        window.ops.undo_stack.clear()


def test_the_window_has_unit_actions_without_clashing_keys(
    qtbot: QtBot, store: Store, window_at: WindowAt
) -> None:
    Sample(store)
    window = window_at(DAY_SIX)
    registry = window.registry
    assert registry.conflicts() == []
    assert registry.effective_shortcut("units.review") == "Ctrl+Shift+R"
    assert registry.effective_shortcut("units.new") == "Ctrl+Shift+U"
    assert registry.effective_shortcut("units.edit") == "Ctrl+Shift+E"
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert titles.index("Units") < titles.index("Help")
    window.registry.action("view.units").trigger()
    assert window.current_view() == "units"
    qtbot.waitUntil(lambda: window.units.unit is not None)
    window.registry.action("units.review").trigger()
    from app.ui.units.review_dialog import ReviewDialog

    # Day six of ten: the review is early, so the window asks first.
    question = window.units.question
    assert question is not None and question.text() == "4 days left — review now?"
    question.button(QMessageBox.StandardButton.Yes).click()
    dialog = window.units._dialog
    assert isinstance(dialog, ReviewDialog) and dialog.unit.number == 1 and dialog.early
    dialog.reject()


def test_a_unit_that_ended_while_closed_is_asked_about_once_at_start(
    qtbot: QtBot, store: Store, window_at: WindowAt
) -> None:
    Sample(store)
    window = window_at(datetime(2022, 2, 12, 8, tzinfo=SHANGHAI))
    qtbot.waitUntil(lambda: window.review_prompt is not None)
    prompt = window.review_prompt
    assert prompt is not None
    qtbot.waitUntil(lambda: prompt.question is not None)
    question = prompt.question
    assert question is not None and "Unit 1: 2-01 to 2-10 ended on Thu 10 Feb" in question.text()
    assert prompt.notice.isVisible() and "Unit 1's review is due" in prompt.notice.text()
    question.escapeButton().click()  # Later
    assert prompt.question is None
    prompt.check()  # the timer comes round again: no new question, the notice stays
    assert prompt.question is None and prompt.notice.isVisible()
    prompt.notice.click()
    from app.ui.units.review_dialog import ReviewDialog

    dialog = window.units._dialog
    assert window.current_view() == "units" and isinstance(dialog, ReviewDialog)
    dialog.reject()


def test_a_review_due_for_weeks_is_offered_in_the_notice_but_not_asked_about(
    qtbot: QtBot, store: Store, window_at: WindowAt
) -> None:
    Sample(store)  # Unit 1 ended on 10 February 2022, as a journal imported today says
    window = window_at(datetime(2022, 3, 20, 8, tzinfo=SHANGHAI))
    qtbot.waitUntil(lambda: window.review_prompt is not None)
    prompt = window.review_prompt
    assert prompt is not None and [d.unit.number for d in prompt.due] == [1]
    prompt.check()
    assert prompt.question is None
    assert prompt.notice.isVisible() and "Unit 1's review is due" in prompt.notice.text()


def test_the_review_falls_due_at_the_chosen_time_on_the_last_day(
    qtbot: QtBot, store: Store, window_at: WindowAt
) -> None:
    Sample(store)
    assert preferences(store).review_time == time(21, 0)
    set_settings(store, {"units.review_time": "18:30"})
    window = window_at(at(10, 19))
    qtbot.waitUntil(lambda: window.review_prompt is not None)
    prompt = window.review_prompt
    assert prompt is not None and [d.unit.number for d in prompt.due] == [1]
    set_settings(store, {"units.review_time": "20:00"})
    window.reread_settings()
    assert prompt.due == [] and not prompt.notice.isVisible()
    # Waiting for 20:00 is the reminder scheduler's: tests/ui/reminders/test_builtin_reminders.py


def test_the_settings_dialog_saves_the_review_time(
    qtbot: QtBot, store: Store, window_at: WindowAt
) -> None:
    window = window_at(DAY_SIX)
    window.open_settings()
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None
    from PySide6.QtCore import QTime

    assert dialog.general.review_time_edit.time() == QTime(21, 0)
    dialog.general.review_time_edit.setTime(QTime(19, 45))
    with qtbot.waitSignal(dialog.settings_changed):
        dialog.accept()
    assert preferences(store).review_time == time(19, 45)
    assert window.prefs.review_time == time(19, 45)


def test_the_review_asks_for_units_with_no_goals_too(
    qtbot: QtBot, store: Store, day_six_ops: Operations
) -> None:
    create_unit(store, now=CREATED, start=date(2022, 1, 20))
    page = make_page(qtbot, day_six_ops)
    assert unit_by_number(store, 1).goals == ()
    assert page.goals_empty.isVisible() and not page.tree.isVisible()
    assert page.review_button.isEnabled()


def test_a_log_entry_with_a_hashtag_counts_and_fills_its_day(
    qtbot: QtBot, store: Store, day_six_ops: Operations
) -> None:
    Sample(store)
    page = make_page(qtbot, day_six_ops)
    assert page.strip.days[2].log_entries == 0  # 3 Feb
    with store.raw_write() as conn:
        conn.execute("INSERT INTO log_days (day, title) VALUES ('2022-02-03', '')")
        conn.execute(
            "INSERT INTO log_entries (uid, day, body, source, position, created_at, updated_at,"
            " heading) VALUES ('e1', '2022-02-03', 'skimmed VICReg #paper', 'user', 0,"
            " '2022-02-03T12:00:00.000000Z', '2022-02-03T12:00:00.000000Z', '')"
        )
    page.apply(Changes(log=True))
    assert page.strip.days[2].log_entries == 1
    papers = page.goal_model.index(1, 0)
    assert page.goal_model.goals[1].achieved == 2
    assert page.goal_model.data(page.goal_model.index(1, 0, papers)) == (
        "Log, Thu 3 Feb: skimmed VICReg #paper"
    )
    assert page.goal_model.item_id_at(page.goal_model.index(1, 0, papers)) is None


def test_new_unit_from_the_empty_page_shows_it_and_says_so(
    qtbot: QtBot, store: Store, day_six_ops: Operations
) -> None:
    from app.ui.units.unit_dialog import UnitDialog

    page = make_page(qtbot, day_six_ops)
    said: list[str] = []
    page.status.connect(said.append)
    page.empty.button.click()
    dialog = page._dialog
    assert isinstance(dialog, UnitDialog) and dialog.isVisible()
    dialog.goals.add_goal()
    dialog.accept()
    assert page.stack.currentIndex() == 1 and page.unit is not None
    assert page.title_label.text() == "Unit 1: 2-06 to 2-15"  # from today, ten days
    assert [g.goal.category for g in page.goal_model.goals] == ["Lectures"]
    assert said == ["Created Unit 1: 2-06 to 2-15."]


def test_review_now_opens_the_review_of_the_unit_asked_about(
    qtbot: QtBot, store: Store, window_at: WindowAt
) -> None:
    Sample(store)
    window = window_at(datetime(2022, 2, 11, 7, tzinfo=SHANGHAI))
    qtbot.waitUntil(lambda: window.review_prompt is not None)
    prompt = window.review_prompt
    assert prompt is not None
    qtbot.waitUntil(lambda: prompt.question is not None)
    question = prompt.question
    assert question is not None
    question.defaultButton().click()  # Review now
    from app.ui.units.review_dialog import ReviewDialog

    dialog = window.units._dialog
    assert isinstance(dialog, ReviewDialog) and dialog.isVisible() and dialog.unit.number == 1
    dialog.reject()


# --- a page left open overnight, a small window, drafts of reviews put off ---------------------


def test_the_page_reads_itself_again_at_midnight(
    qtbot: QtBot, store: Store, qapp: QApplication
) -> None:
    Sample(store)
    clock = {"now": datetime(2022, 2, 6, 23, 59, 58, tzinfo=SHANGHAI)}
    ops = Operations(store, clock=lambda: clock["now"])
    page = make_page(qtbot, ops)
    assert page.range_label.text() == "1 – 10 February 2022 · day 6 of 10 · 4 days left"
    clock["now"] = datetime(2022, 2, 7, 0, 0, 1, tzinfo=SHANGHAI)  # the night goes by
    qtbot.waitUntil(lambda: "day 7 of 10" in page.range_label.text(), timeout=5000)
    assert page.range_label.text() == "1 – 10 February 2022 · day 7 of 10 · 3 days left"
    assert page.strip.days[5].day == date(2022, 2, 6) and page.today == date(2022, 2, 7)
    assert page.progress is not None and date(2022, 2, 6) in page.progress.empty_days
    # Armed again for the next midnight, or within the hour (a sleeping machine).
    assert page.midnight.isActive() and page.midnight.remainingTime() <= 3600_000


def test_midnight_is_found_across_a_daylight_saving_change() -> None:
    from app.ui.units.midnight import ms_to_midnight

    berlin = ZoneInfo("Europe/Berlin")
    # 26 March 2023 has 23 hours in Berlin: from 00:00 the next midnight is 23 h away.
    assert ms_to_midnight(datetime(2023, 3, 26, 0, 0, tzinfo=berlin), berlin) == 23 * 3600_000
    assert ms_to_midnight(datetime(2022, 2, 6, 23, 0, tzinfo=SHANGHAI), SHANGHAI) == 3600_000


LONG_TITLE = "第一单元：二月上旬 自监督学习与能量模型，以及线性代数第二章和机器翻译的编码练习"


@pytest.mark.parametrize("dark", [False, True])
def test_the_units_view_fits_a_900_pixel_window_with_a_long_chinese_title(
    qtbot: QtBot, store: Store, window_at: WindowAt, dark: bool
) -> None:
    create_unit(store, now=CREATED, start=date(2022, 2, 1), title=LONG_TITLE,
                goals=[parse_goal_spec("papers=2")])  # fmt: skip
    window = window_at(DAY_SIX)
    window.theme.set_mode("dark" if dark else "light")
    window.show_view("units")
    window.resize(900, 600)
    qtbot.waitUntil(lambda: window.units.unit is not None)
    run_queued(qtbot)  # the layouts the resize and the unit asked for
    page = window.units
    assert window.width() == 900 and window.minimumSizeHint().width() <= 900
    title = page.title_label
    assert title.text() == LONG_TITLE and title.toolTip() == LONG_TITLE
    assert title.width() < title.sizeHint().width()  # shown shortened, with …
    right = page.menu_button.mapTo(page, page.menu_button.rect().bottomRight()).x()
    assert right <= page.width()
    assert [a.text() for a in page.unit_menu.actions()] == [
        "&New unit…", "&Edit unit…", "&Past reviews…",
    ]  # fmt: skip
    # No cards: "Board cards · 0" stays at the top of its column, level with "Goals".
    heading = page.cards_heading
    assert heading.text() == "Board cards · 0" and page.cards_empty.isVisible()
    top = heading.mapTo(page, heading.rect().topLeft()).y()
    assert abs(top - page.goals_heading.mapTo(page, page.goals_heading.rect().topLeft()).y()) <= 2
    image = window.grab()
    assert image.width() >= 900 * image.devicePixelRatio() - 1


def test_a_review_put_off_from_the_page_comes_back_as_it_was_left(
    qtbot: QtBot, store: Store, qapp: QApplication
) -> None:
    s = Sample(store)
    ops = fixed_ops(store, datetime(2022, 2, 11, 9, tzinfo=SHANGHAI))
    page = make_page(qtbot, ops)
    page.review(s.unit)
    from app.ui.units.review_dialog import ReviewDialog

    dialog = page._dialog
    assert isinstance(dialog, ReviewDialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.decision_list, Qt.Key.Key_B)
    qtbot.keyClick(dialog.decision_list, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.reflection, "Half written")
    qtbot.keyClick(dialog.reflection, Qt.Key.Key_Escape)
    assert not dialog.isVisible()  # no question: the page keeps the draft
    page.review(s.unit)
    again = page._dialog
    assert isinstance(again, ReviewDialog) and again is not dialog
    assert again.reflection.toPlainText() == "Half written"
    assert again.decisions.row(0).decision.value == "backlog"
    assert set(page.review_drafts) == {s.unit} and dialog.question is None
    again.reject()
