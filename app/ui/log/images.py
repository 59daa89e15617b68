"""Pictures for the log: the images entries name by URL, fetched and kept for rendering.

One `ImageCache` per Log page (passed to the day view and the editor's preview as their
image source). `image(url)` answers at once: the picture when it is known, else None,
and for a web address (http, https) it starts one fetch in the background; `loaded`
tells when a fetch brought a picture, so the page renders again. A picture on this
computer (a `file:` URL or an absolute path) is read at once.

* Nothing blocks the window on the network: QtNetwork's manager works in the
  background, and it is created (and QtNetwork imported) only when a first web picture
  is asked for, so starting the window costs nothing.
* A failure (not found, not a picture, no network, no answer within 20 s, larger than
  20 MB: the download stops as soon as it says or shows so) is remembered for the
  session: the picture stays a link and is not asked for again. Failures are logged at
  INFO: a missing picture is the web's business, not an error of Rizhi's.
* A disk cache (`cache/images` beside the data) keeps what was fetched (unless the
  server forbids it), and a picture found there is taken from it without asking the
  network, so pictures seen once show offline.
* Memory holds at most `KEEP_IMAGES` decoded pictures (the least recently shown go),
  each already shrunk to what the log can show (`MAX_IMAGE_WIDTH` on the sharpest
  screen), so a huge photo costs little.
* With web pictures turned off (`allow_web`), no request is ever made and web
  pictures are not shown; pictures on this computer still are.
* Addresses reserved for examples (RFC 2606: example.com, .test, .invalid, …) name no
  real picture: they are never requested.
"""

from __future__ import annotations

import logging
import os
import re
from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QGuiApplication, QImage, QImageReader

from app.config.paths import cache_dir
from app.ui.log.render import MAX_IMAGE_WIDTH

if TYPE_CHECKING:
    from PySide6.QtNetwork import QNetworkAccessManager, QNetworkReply

log = logging.getLogger(__name__)

KEEP_IMAGES = 64
MAX_BYTES = 20 * 1024 * 1024
TIMEOUT_MS = 20_000
DISK_CACHE_BYTES = 200 * 1024 * 1024
# A picture kept in memory is at most this many pixels wide at a device pixel ratio of 1
# (more on sharper screens), and holds at most this many pixels in all (a tall strip).
MAX_KEEP_PIXELS = 4_000_000
_WEB = ("http", "https")
_RESERVED = re.compile(
    r"(?:^|\.)(?:example\.(?:com|net|org)|example|invalid|test)$",
    re.IGNORECASE,
)
_DRIVE = re.compile(r"[A-Za-z]:[\\/]")


def _is_local(url: str) -> bool:
    return url.startswith("/") or _DRIVE.match(url) is not None


class ImageCache(QObject):
    """Decoded pictures by URL as written; see the module's docstring."""

    loaded = Signal(str)  # a fetch brought the picture at this URL

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        folder: str | None = None,
        allow_web: Callable[[], bool] = lambda: True,
        keep: int = KEEP_IMAGES,
    ) -> None:
        super().__init__(parent)
        self._folder = folder  # None: cache/images in the data folder, found when needed
        self._allow_web = allow_web
        self._keep = keep
        self._images: OrderedDict[str, QImage] = OrderedDict()
        self._failed: dict[str, str] = {}  # URL → why, for the session
        self._pending: dict[str, QNetworkReply] = {}
        self._too_big: set[str] = set()
        self._from_disk: set[str] = set()  # fetches asking the disk cache only
        self._manager: QNetworkAccessManager | None = None

    # --- asking -------------------------------------------------------------------------

    def image(self, url: str) -> QImage | None:
        """The picture at `url` if known now; else None (and a web picture is fetched)."""
        web = QUrl(url).scheme().lower() in _WEB
        if web and not self._allow_web():
            return None
        known = self._images.get(url)
        if known is not None:
            self._images.move_to_end(url)
            return known
        if url in self._failed or url in self._pending:
            return None
        if web:
            self._fetch(url)
        elif url.lower().startswith("file:") or _is_local(url):
            self._read_file(url)
            return self._images.get(url)
        return None

    def failure(self, url: str) -> str | None:
        """Why the picture at `url` could not be shown, once that is known."""
        return self._failed.get(url)

    def pending(self) -> int:
        """How many fetches are under way."""
        return len(self._pending)

    def held(self) -> int:
        """How many decoded pictures are held in memory."""
        return len(self._images)

    # --- pictures on this computer ------------------------------------------------------

    def _read_file(self, url: str) -> None:
        path = QUrl(url).toLocalFile() if url.lower().startswith("file:") else url
        try:
            size = os.path.getsize(path)
        except OSError as exc:
            self._fail(url, exc.strerror or "the file cannot be read")
            return
        if size > MAX_BYTES:
            self._fail(url, "the file is larger than 20 MB")
            return
        reader = QImageReader(path)
        self._decode(url, reader)

    # --- pictures from the web ----------------------------------------------------------

    def _network(self) -> QNetworkAccessManager:
        if self._manager is None:
            from PySide6.QtNetwork import QNetworkAccessManager, QNetworkDiskCache

            manager = QNetworkAccessManager(self)
            disk = QNetworkDiskCache(manager)
            disk.setCacheDirectory(self._folder or os.path.join(cache_dir(), "images"))
            disk.setMaximumCacheSize(DISK_CACHE_BYTES)
            manager.setCache(disk)
            manager.setTransferTimeout(TIMEOUT_MS)
            self._manager = manager
        return self._manager

    def _fetch(self, url: str) -> None:
        host = QUrl(url).host()
        if not host or _RESERVED.search(host):
            self._fail(url, "the address names no real server")
            return
        self._request(url, from_disk=self._network().cache().metaData(QUrl(url)).isValid())

    def _request(self, url: str, *, from_disk: bool) -> None:
        from PySide6.QtNetwork import QNetworkRequest

        request = QNetworkRequest(QUrl(url))
        request.setTransferTimeout(TIMEOUT_MS)
        # Fetched before: taken from the disk cache however old (Qt's PreferCache would
        # still ask the network for a copy without an expiry date), since offline that
        # is all there is, and a picture at a URL rarely changes.
        load = QNetworkRequest.CacheLoadControl
        request.setAttribute(
            QNetworkRequest.Attribute.CacheLoadControlAttribute,
            load.AlwaysCache if from_disk else load.PreferNetwork,
        )
        reply = self._network().get(request)
        self._pending[url] = reply
        if from_disk:
            self._from_disk.add(url)
        reply.downloadProgress.connect(
            lambda received, total: self._progress(url, int(received), int(total))
        )
        reply.finished.connect(lambda: self._finished(url))

    def _progress(self, url: str, received: int, total: int) -> None:
        """Stop a download once it says (Content-Length) or shows it is too large."""
        reply = self._pending.get(url)
        if reply is not None and max(received, total) > MAX_BYTES and url not in self._too_big:
            self._too_big.add(url)
            reply.abort()

    def _finished(self, url: str) -> None:
        from PySide6.QtNetwork import QNetworkReply, QNetworkRequest

        reply = self._pending.pop(url, None)
        if reply is None:
            return
        reply.deleteLater()
        if url in self._too_big:
            self._too_big.discard(url)
            self._fail(url, "the picture is larger than 20 MB")
            return
        from_disk = url in self._from_disk
        self._from_disk.discard(url)
        if reply.error() != QNetworkReply.NetworkError.NoError:
            if from_disk:  # the copy on disk is damaged or gone: ask the network
                self._request(url, from_disk=False)
                return
            self._fail(url, reply.errorString())
            return
        status = reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute)
        if isinstance(status, int) and not 200 <= status < 300:
            self._fail(url, f"the server answered {status}")
            return
        data = reply.readAll()
        buffer = QBuffer()
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        shown = self._decode(url, QImageReader(buffer))
        buffer.close()
        if shown:
            self.loaded.emit(url)

    # --- both ---------------------------------------------------------------------------

    def _decode(self, url: str, reader: QImageReader) -> bool:
        """Read the picture, shrunk to what the log can show; True when it could be."""
        reader.setAutoTransform(True)  # a photo's EXIF rotation
        size = reader.size()
        if size.isValid():
            fitted = _keep_size(size)
            if fitted != size:
                reader.setScaledSize(fitted)  # decoders such as JPEG's shrink as they read
        picture = reader.read()
        if picture.isNull():
            self._fail(url, f"not a picture ({reader.errorString()})")
            return False
        fitted = _keep_size(picture.size())
        if fitted != picture.size():  # the reader did not know its size beforehand
            picture = picture.scaled(
                fitted,
                Qt.AspectRatioMode.IgnoreAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        self._remember(url, picture)
        return True

    def _remember(self, url: str, picture: QImage) -> None:
        self._images[url] = picture
        self._images.move_to_end(url)
        while len(self._images) > self._keep:
            self._images.popitem(last=False)

    def _fail(self, url: str, why: str) -> None:
        self._failed[url] = why
        if self._manager is not None:  # no copy of what cannot be shown stays on disk
            cache = self._manager.cache()
            if cache is not None:
                cache.remove(QUrl(url))
        log.info("picture not shown: %s: %s", url, why)


def _keep_size(size: QSize) -> QSize:
    """`size` shrunk (never grown) to what the log shows on the sharpest screen, and to
    MAX_KEEP_PIXELS in all."""
    app = QGuiApplication.instance()
    ratio = max(app.devicePixelRatio(), 1.0) if isinstance(app, QGuiApplication) else 1.0
    width = min(size.width(), round(MAX_IMAGE_WIDTH * ratio))
    scale = width / size.width() if size.width() else 1.0
    height = size.height() * scale
    if width * height > MAX_KEEP_PIXELS:
        scale *= (MAX_KEEP_PIXELS / (width * height)) ** 0.5
    if scale >= 1.0:
        return size
    return QSize(max(1, round(size.width() * scale)), max(1, round(size.height() * scale)))
