"""The command line's side of the protocol: None when nobody listens (no socket, or a
stale one a killed instance left), the reply when someone does, an error when what
listens does not answer or answers nonsense."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from app.instance.address import Address
from app.instance.client import request
from app.instance.errors import InstanceError
from app.instance.protocol import decode, encode, ok


@pytest.fixture
def address(tmp_path: Path) -> Address:
    return Address(str(tmp_path / "i.sock"), str(tmp_path / "i.lock"))


@contextmanager
def serve_once(address: Address, answer: Callable[[socket.socket], None]) -> Iterator[None]:
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(address.socket)
    listener.listen(1)

    def run() -> None:
        conn, _ = listener.accept()
        with conn:
            answer(conn)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    yield
    thread.join(5)
    listener.close()


def test_nobody_there_is_none(address: Address) -> None:
    assert request(address, {"cmd": "ping"}) is None


def test_a_stale_socket_left_by_a_killed_instance_is_none(address: Address) -> None:
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(address.socket)
    listener.close()  # the file stays, as after kill -9: connecting is refused
    assert Path(address.socket).exists()
    assert request(address, {"cmd": "ping"}) is None


def test_the_reply_to_one_line_of_json(address: Address) -> None:
    seen: list[dict[str, object]] = []

    def answer(conn: socket.socket) -> None:
        seen.append(decode(conn.recv(4096).split(b"\n")[0]))
        conn.sendall(encode(ok(pid=7, text="日知")))

    with serve_once(address, answer):
        assert request(address, {"cmd": "ping"}) == {"ok": True, "pid": 7, "text": "日知"}
    assert seen == [{"cmd": "ping"}]


def test_an_instance_that_does_not_answer_in_time_is_an_error(address: Address) -> None:
    release = threading.Event()
    with serve_once(address, lambda conn: release.wait(5)):
        with pytest.raises(InstanceError, match="did not answer"):
            request(address, {"cmd": "ping"}, timeout=0.2)
        release.set()


def test_something_else_answering_is_an_error(address: Address) -> None:
    def answer(conn: socket.socket) -> None:
        conn.recv(4096)  # the request first: closing before it came would be a quit
        conn.sendall(b"HTTP/1.0 400\n")

    with (
        serve_once(address, answer),
        pytest.raises(InstanceError, match="Something other than Rizhi"),
    ):
        request(address, {"cmd": "ping"})


def test_closed_without_a_word_is_an_instance_quitting(address: Address) -> None:
    with serve_once(address, lambda conn: conn.recv(4096) and None):
        assert request(address, {"cmd": "ping"}) is None
