"""Pictures in the log: fetched from a real HTTP server on this machine (127.0.0.1) and
shown in the day page and the editor's preview; failures stay links, quietly; the
setting turns web pictures off; pictures on this computer show at once; a disk cache
shows them offline; what the page renders around them is left alone."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from datetime import date, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QUrl
from PySide6.QtGui import QColor, QImage, QTextDocument, QTextFormat, QTextImageFormat
from pytestqt.qtbot import QtBot

from app.services import log_entries
from app.store.db import Store
from app.ui.log import images as images_module
from app.ui.log.images import ImageCache
from app.ui.log.page import LogPage
from app.ui.log.render import MAX_IMAGE_WIDTH, fit_image, prepare, render_body
from app.ui.ops import Operations
from app.ui.settings import UiSettings
from app.ui.settings_dialog import GeneralPage, save_general
from app.ui.theme import tokens_for

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 20, 10, 0, tzinfo=SHANGHAI)
TODAY = NOW.date()
WAIT_MS = 5000


def png(width: int = 1200, height: int = 300, colour: str = "#2A7AB0") -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    for x in range(0, width, 40):  # a few lines, so the picture is not one flat colour
        for y in range(height):
            image.setPixelColor(x, y, QColor("#F2C14E"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs want bytes; Qt, text
    buffer.close()
    return bytes(data.data())


class Server:
    """An HTTP server on 127.0.0.1 that counts the requests it gets."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.picture = png()
        self.slow_seconds = 1.5
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests.append(self.path)
                if self.path.startswith("/plot"):
                    self._send(200, server.picture, "image/png")
                elif self.path == "/notes.png":
                    self._send(200, b"these are not the pixels you are looking for", "text/plain")
                elif self.path == "/huge.png":
                    self.send_response(200)
                    self.send_header("Content-Type", "image/png")
                    self.send_header("Content-Length", str(30 * 1024 * 1024))
                    self.end_headers()
                    with contextlib.suppress(OSError):  # bounded; the client hangs up
                        for _ in range(30):
                            self.wfile.write(b"\0" * 1024 * 1024)
                elif self.path == "/slow.png":
                    time.sleep(server.slow_seconds)
                    with contextlib.suppress(OSError):  # the client gave up
                        self._send(200, server.picture, "image/png")
                else:
                    self.send_error(404)

            def _send(self, status: int, body: bytes, kind: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass  # quiet

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.running = True

    def url(self, path: str) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}{path}"

    def stop(self) -> None:
        if self.running:
            self.running = False
            self.httpd.shutdown()
            self.httpd.server_close()
            self.thread.join(timeout=5)


@pytest.fixture
def server() -> Iterator[Server]:
    running = Server()
    yield running
    running.stop()


@pytest.fixture
def ops(store: Store, qapp: object) -> Iterator[Operations]:
    operations = Operations(store, clock=lambda: NOW)
    yield operations
    operations.undo_stack.clear()


@pytest.fixture
def settings(tmp_path: Path) -> UiSettings:
    return UiSettings(tmp_path / "ui.ini")


class Pages:
    """Opens Log pages on one store and one settings file, as the window would."""

    def __init__(self, qtbot: QtBot, ops: Operations, settings: UiSettings) -> None:
        self.qtbot, self.ops, self.settings = qtbot, ops, settings

    def open(self, *, dark: bool = False) -> LogPage:
        return open_page(self.qtbot, self.ops, self.settings, dark=dark)


@pytest.fixture
def pages(qtbot: QtBot, ops: Operations, settings: UiSettings) -> Pages:
    return Pages(qtbot, ops, settings)


def open_page(
    qtbot: QtBot, ops: Operations, settings: UiSettings, *, dark: bool = False
) -> LogPage:
    view = LogPage(ops, tokens_for(dark), settings)
    ops.changed.connect(view.apply)  # as the window does
    qtbot.addWidget(view)
    view.resize(1100, 800)
    view.show()
    qtbot.waitExposed(view)
    return view


@pytest.fixture
def page(qtbot: QtBot, ops: Operations, settings: UiSettings) -> LogPage:
    return open_page(qtbot, ops, settings)


def add(store: Store, body: str, day: date = TODAY, heading: str = "") -> int:
    record, _ = log_entries.add_entry(store, day, body, now=NOW, heading=heading)
    return record.id


def pictures(doc: QTextDocument) -> list[tuple[str, str]]:
    """(name, link) of every picture in `doc`, in order."""
    found = []
    block = doc.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fmt = fragments.fragment().charFormat()
            if fmt.isImageFormat():
                found.append((fmt.toImageFormat().name(), fmt.anchorHref()))
            fragments += 1
        block = block.next()
    return found


def resource(doc: QTextDocument, url: str) -> QImage:
    found = doc.resource(QTextDocument.ResourceType.ImageResource, QUrl(url))
    assert isinstance(found, QImage), type(found)
    return found


def logical_width(image: QImage) -> float:
    return image.width() / image.devicePixelRatio()


# --- the day page and the preview ---------------------------------------------------------


def test_a_web_picture_is_fetched_once_and_shown_in_the_page_and_the_preview(
    qtbot: QtBot, page: LogPage, store: Store, server: Server
) -> None:
    url = server.url("/plot.png")
    entry = add(
        store, f"## Ablation\n- [DONE] loss went down ![loss curve]({url})\n- next: `![x]({url})`"
    )
    page.reload()
    doc = page.day_view.document()
    # Asked for, not there yet: a link for now.
    assert "Image: loss curve" in page.day_view.toPlainText()
    qtbot.waitUntil(lambda: pictures(doc) == [(url, url)], timeout=WAIT_MS)
    picture = resource(doc, url)
    assert not picture.isNull()
    assert 100 < logical_width(picture) <= MAX_IMAGE_WIDTH  # 1200 px wide, shown 560
    assert picture.width() <= 1200  # never enlarged
    text = page.day_view.toPlainText()
    assert "Image: loss curve" not in text
    assert f"![x]({url})" in text  # in code it stays code
    assert "Done" in text  # the line keeps its status chip
    # The picture is on a line of its own: the chip's line is not as tall as the picture.
    chip = page.day_view.document().find("Done")
    line = page.day_view.cursorRect(chip)
    assert line.height() < 40
    # The editor's preview takes it from memory: no second request.
    page.drafts.edit(entry)
    preview = page.editor.preview.document()
    assert pictures(preview) == [(url, url)]
    assert logical_width(resource(preview, url)) <= MAX_IMAGE_WIDTH
    assert server.requests == ["/plot.png"]


def test_a_missing_picture_and_one_that_is_not_a_picture_stay_links(
    qtbot: QtBot, page: LogPage, store: Store, server: Server
) -> None:
    gone, notes = server.url("/gone.png"), server.url("/notes.png")
    add(store, f"![gone]({gone})\n\n![notes]({notes})")
    page.reload()
    qtbot.waitUntil(
        lambda: page.images.pending() == 0 and len(server.requests) == 2, timeout=WAIT_MS
    )
    failure = page.images.failure(gone)
    assert failure is not None and "Not Found" in failure
    assert (page.images.failure(notes) or "").startswith("not a picture")
    page.reload()
    text = page.day_view.toPlainText()
    assert "Image: gone" in text and "Image: notes" in text
    assert pictures(page.day_view.document()) == []
    anchors = _anchors(page.day_view.document())
    assert gone in anchors and notes in anchors  # still links to click
    # Remembered for the session: showing the day again asks nothing. Both draw at once,
    # and a picture asked for is a fetch under way from then on.
    page.day_view.render_again()
    page.drafts.edit(page.page_data.entries[0].id)  # type: ignore[union-attr]
    assert "Image: gone" in page.editor.preview.toPlainText()
    assert page.images.pending() == 0
    assert sorted(server.requests) == ["/gone.png", "/notes.png"]


def test_a_download_over_20_mb_is_stopped(
    qtbot: QtBot, page: LogPage, store: Store, server: Server
) -> None:
    url = server.url("/huge.png")
    add(store, f"![huge]({url})")
    page.reload()
    qtbot.waitUntil(lambda: page.images.failure(url) is not None, timeout=WAIT_MS)
    assert "20 MB" in (page.images.failure(url) or "")
    assert "Image: huge" in page.day_view.toPlainText()


def test_a_server_that_does_not_answer_in_time_is_given_up(
    qtbot: QtBot, pages: Pages, store: Store, server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(images_module, "TIMEOUT_MS", 300)
    page = pages.open()
    url = server.url("/slow.png")
    add(store, f"![slow]({url})")
    page.reload()
    qtbot.waitUntil(lambda: page.images.failure(url) is not None, timeout=WAIT_MS)
    assert "Image: slow" in page.day_view.toPlainText()


def test_with_the_setting_off_no_request_is_made_and_local_pictures_still_show(
    qtbot: QtBot, pages: Pages, store: Store, server: Server, tmp_path: Path
) -> None:
    settings = pages.settings
    settings.set_show_web_images(False)
    local = tmp_path / "plot.png"
    local.write_bytes(png(300, 120))
    web = server.url("/plot.png")
    entry = add(store, f"![web]({web})\n\n![here]({local})")
    page = pages.open()
    page.reload()
    page.drafts.edit(entry)  # the page and the preview draw at once: a fetch would be under way
    assert page.images.pending() == 0
    assert server.requests == []
    assert "Image: web" in page.day_view.toPlainText()
    href = QUrl.fromLocalFile(str(local)).toString()
    assert pictures(page.day_view.document()) == [(str(local), href)]
    assert pictures(page.editor.preview.document()) == [(str(local), href)]
    # Turned on (the window reloads the page after the settings change): fetched.
    settings.set_show_web_images(True)
    page.reload()
    qtbot.waitUntil(lambda: len(pictures(page.day_view.document())) == 2, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: len(pictures(page.editor.preview.document())) == 2, timeout=WAIT_MS)
    assert server.requests == ["/plot.png"]
    # And off again: the web picture is a link again, in the page and the preview.
    settings.set_show_web_images(False)
    page.reload()
    assert [name for name, _ in pictures(page.day_view.document())] == [str(local)]
    assert [name for name, _ in pictures(page.editor.preview.document())] == [str(local)]


def test_a_file_url_shows_at_once(page: LogPage, store: Store, tmp_path: Path) -> None:
    local = tmp_path / "figure 3.png"
    local.write_bytes(png(2400, 600))
    url = QUrl.fromLocalFile(str(local)).toString(QUrl.ComponentFormattingOption.FullyEncoded)
    assert "%20" in url
    add(store, f"1. figure ![figure 3]({url})\n2. missing ![nothing]({tmp_path / 'none.png'})")
    page.reload()  # no waiting: read at once
    doc = page.day_view.document()
    assert pictures(doc) == [(url, url)]
    picture = resource(doc, url)
    assert logical_width(picture) <= MAX_IMAGE_WIDTH
    assert "Image: nothing" in page.day_view.toPlainText()


def test_a_second_page_shows_the_picture_offline_from_the_disk_cache(
    qtbot: QtBot, pages: Pages, store: Store, server: Server, home: Path
) -> None:
    page = pages.open()
    url = server.url("/plot.png")
    add(store, f"![loss]({url})")
    page.reload()
    qtbot.waitUntil(lambda: pictures(page.day_view.document()) == [(url, url)], timeout=WAIT_MS)
    assert (home / "cache" / "images").is_dir()
    server.stop()
    later = pages.open()  # a new session's memory, the same data folder
    assert later.images is not page.images and later.images.held() == 0
    later.reload()
    doc = later.day_view.document()
    qtbot.waitUntil(lambda: pictures(doc) == [(url, url)], timeout=WAIT_MS)
    assert not resource(doc, url).isNull()
    assert later.images.failure(url) is None
    assert server.requests == ["/plot.png"]


def test_a_picture_arriving_leaves_the_editor_and_the_scroll_alone(
    qtbot: QtBot, page: LogPage, ops: Operations, store: Store, server: Server
) -> None:
    url = server.url("/slow.png")
    server.slow_seconds = 0.6
    long_entry = "\n".join(f"- line {n}" for n in range(80))
    entry = add(store, f"{long_entry}\n\n![late]({url})", heading="Long day")
    saved: list[object] = []
    ops.changed.connect(saved.append)
    page.reload()
    page.drafts.edit(entry)
    page.editor.focus_text()
    cursor = page.editor.text.textCursor()
    cursor.setPosition(10)
    page.editor.text.setTextCursor(cursor)
    bar = page.day_view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    scroll = bar.value()
    assert scroll > 0
    qtbot.waitUntil(lambda: len(pictures(page.day_view.document())) == 1, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: len(pictures(page.editor.preview.document())) == 1, timeout=WAIT_MS)
    assert bar.value() == scroll
    assert page.editor.text.textCursor().position() == 10
    assert page.editor.text.hasFocus()
    assert page.editor.entry is not None and page.editor.entry.id == entry
    assert saved == []  # nothing was saved for it
    assert server.requests == ["/slow.png"]


def test_pictures_fit_a_narrow_page(
    qtbot: QtBot, page: LogPage, store: Store, tmp_path: Path
) -> None:
    local = tmp_path / "wide.png"
    local.write_bytes(png(1600, 200))
    add(store, f"![wide]({local})")
    page.reload()
    wide = logical_width(resource(page.day_view.document(), str(local)))
    assert wide == MAX_IMAGE_WIDTH
    page.resize(760, 800)  # the calendar keeps its 300 px: the day gets about 400
    qtbot.waitUntil(
        lambda: logical_width(resource(page.day_view.document(), str(local))) < wide,
        timeout=WAIT_MS,
    )
    shown = logical_width(resource(page.day_view.document(), str(local)))
    assert shown <= page.day_view.viewport().width()


# --- the cache ------------------------------------------------------------------------


def test_the_cache_keeps_a_bounded_number_of_pictures(qapp: object, tmp_path: Path) -> None:
    cache = ImageCache(keep=2, folder=str(tmp_path / "cache"))
    paths = []
    for n in range(3):
        path = tmp_path / f"p{n}.png"
        path.write_bytes(png(50 + n, 20))
        paths.append(str(path))
        assert cache.image(str(path)) is not None
    assert cache.held() == 2
    newest = cache.image(paths[2])
    assert newest is not None and newest.width() == 52
    # The first one went and comes back from its file.
    assert cache.image(paths[0]) is not None and cache.held() == 2


def test_reserved_example_addresses_are_never_requested(qapp: object, tmp_path: Path) -> None:
    cache = ImageCache(folder=str(tmp_path / "cache"))
    for url in ("https://example.org/loss.png", "http://plots.example/a.png",
                "https://x.invalid/b.png", "https://www.example.com/c.png"):  # fmt: skip
        assert cache.image(url) is None
        assert cache.pending() == 0 and cache.failure(url) is not None


# --- rendering --------------------------------------------------------------------------


def test_prepare_keeps_a_picture_the_source_has_and_links_the_others() -> None:
    asked: list[str] = []
    blue = QImage(10, 10, QImage.Format.Format_RGB32)

    def source(url: str) -> QImage | None:
        asked.append(url)
        return blue if url.endswith("have.png") else None

    body = (
        "- ![a](https://h.org/have.png) and ![b](https://h.org/not.png)\n"
        "- `![c](https://h.org/have.png)`"
    )
    text, _ = prepare(body, 1, source)
    assert "![a](https://h.org/have.png)" in text
    assert "[Image: b](https://h.org/not.png)" in text
    assert "`![c](https://h.org/have.png)`" in text
    assert asked == ["https://h.org/have.png", "https://h.org/not.png"]  # not the one in code
    without, _ = prepare(body, 1)
    assert "[Image: a](https://h.org/have.png)" in without


def test_fit_image_shrinks_never_enlarges_and_uses_the_screens_pixels(qapp: object) -> None:
    def fitted(width: int, ratio: float) -> tuple[int, float]:
        image = fit_image(QImage(width, 100, QImage.Format.Format_RGB32), 560, ratio)
        return image.width(), round(logical_width(image), 3)

    assert fitted(2000, 1.0) == (560, 560)
    assert fitted(2000, 2.0) == (1120, 560)  # sharp on a high-density screen
    assert fitted(800, 2.0) == (800, 560)  # every pixel it has, none made up
    assert fitted(300, 2.0) == (300, 300)  # a small picture stays its size
    assert fitted(300, 1.0) == (300, 300)


def test_render_body_registers_the_picture_and_links_it(qapp: object) -> None:
    doc = QTextDocument()
    picture = QImage(1000, 250, QImage.Format.Format_RGB32)
    picture.fill(QColor("white"))
    url = "https://h.org/a%20b.png?run=3&step=2"
    render_body(doc, f"before ![run 3]({url}) after", tokens_for(False), 0, lambda _url: picture)
    assert pictures(doc) == [(url, url)]
    shown = resource(doc, url)
    assert logical_width(shown) == MAX_IMAGE_WIDTH
    fmt = doc.find("after").charFormat()
    assert not fmt.isAnchor()  # the words after the picture are not part of its link
    alt = _image_format(doc).property(QTextFormat.Property.ImageAltText)
    assert alt == "run 3" and _image_format(doc).toolTip() == "run 3"


# --- the setting ------------------------------------------------------------------------


def test_the_setting_is_on_by_default_and_kept(tmp_path: Path, qtbot: QtBot) -> None:
    ini = tmp_path / "ui.ini"
    settings = UiSettings(ini)
    assert settings.show_web_images is True
    general = GeneralPage(settings)
    qtbot.addWidget(general)
    assert general.web_images_check.isChecked()
    general.web_images_check.setChecked(False)
    assert save_general(settings, general.values()) is True
    assert UiSettings(ini).show_web_images is False
    with pytest.raises(ValueError):
        settings.set_show_web_images("no")  # type: ignore[arg-type]
    ini.write_text("[log]\nshow_web_images=perhaps\n", encoding="utf-8")
    assert UiSettings(ini).show_web_images is True  # hand-edited nonsense: the default


# --- helpers ----------------------------------------------------------------------------


def _anchors(doc: QTextDocument) -> set[str]:
    found = set()
    block = doc.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fmt = fragments.fragment().charFormat()
            if fmt.isAnchor():
                found.add(fmt.anchorHref())
            fragments += 1
        block = block.next()
    return found


def _image_format(doc: QTextDocument) -> QTextImageFormat:
    block = doc.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fmt = fragments.fragment().charFormat()
            if fmt.isImageFormat():
                return fmt.toImageFormat()
            fragments += 1
        block = block.next()
    raise AssertionError("no picture")
