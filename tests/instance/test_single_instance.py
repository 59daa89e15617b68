"""One instance per user and data folder, as real processes: a second start brings the
first forward and ends, a socket left by `kill -9` is cleaned up, two starts at the same
moment end with one instance, and `rizhi --background` is followed and stopped by its
pid."""

from __future__ import annotations

import re
import signal

from tests.instance.processes import TIMEOUT, Place, alive, wait_for


def test_rizhi_background_runs_as_the_process_started_and_stops_on_sigterm(
    place: Place,
) -> None:
    process = place.start("--background")
    reply = place.answering(window="none")
    assert reply["pid"] == process.pid  # no fork: the pid a session manager knows
    assert reply["writing"] is True
    assert place.socket.exists()
    process.send_signal(signal.SIGTERM)
    assert process.wait(TIMEOUT) == 0, place.log()
    assert not place.socket.exists()  # a clean stop leaves nothing behind
    assert place.ping() is None


def test_a_second_start_brings_the_first_forward_and_ends_without_qt(place: Place) -> None:
    first = place.start("--background")
    place.answering(window="none")
    result = place.command(python=("-X", "importtime"))
    assert result.returncode == 0, result.stderr[-2000:]
    imported = set(re.findall(r"\|\s*(\S+)\s*$", result.stderr, re.MULTILINE))
    assert not {name for name in imported if name.startswith(("PySide6", "shiboken6"))}
    reply = place.answering(window="visible")  # the first one's window, built and shown
    assert reply["pid"] == first.pid and first.poll() is None


def test_a_second_window_start_ends_and_the_first_keeps_running(place: Place) -> None:
    first = place.start()
    place.answering(window="visible")
    second = place.start()
    assert second.wait(TIMEOUT) == 0, place.log()
    assert place.answering()["pid"] == first.pid and first.poll() is None


def test_a_socket_left_by_kill_9_is_cleaned_up_by_the_next_start(place: Place) -> None:
    killed = place.start("--background")
    place.answering(pid=killed.pid)
    killed.send_signal(signal.SIGKILL)
    killed.wait(TIMEOUT)
    assert place.socket.exists()  # stale: nobody listens, connecting is refused
    assert place.ping() is None
    second = place.start("--background")
    assert place.answering()["pid"] == second.pid, place.log()


def test_starts_at_the_same_moment_end_with_exactly_one_instance(place: Place) -> None:
    starts = [place.start("--background") for _ in range(3)]
    # The ones that found another instance end by themselves, successfully.
    wait_for(lambda: sum(p.poll() is not None for p in starts) == 2, "two starts to end")
    assert [p.returncode for p in starts if p.poll() is not None] == [0, 0], place.log()
    (running,) = [p for p in starts if p.poll() is None]
    assert place.answering()["pid"] == running.pid
    assert all(alive(p.pid) == (p is running) for p in starts)


def test_quit_ends_the_instance(place: Place) -> None:
    process = place.start("--background")
    place.answering(pid=process.pid)
    assert place.ask("quit") == {"ok": True, "pid": process.pid}
    assert process.wait(TIMEOUT) == 0
    assert not place.socket.exists()


def test_a_background_start_that_could_never_be_reached_refuses(place: Place) -> None:
    (place.run / "rizhi").write_text("a file where the socket's folder would be")
    result = place.command("--background")
    assert result.returncode == 3
    assert "not a folder of yours" in result.stderr
