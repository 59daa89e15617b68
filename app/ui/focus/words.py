"""What the running timer says, wherever it shows (the status bar, the tray, notices):
plain text from a `FocusState` and the moment now, without Qt."""

from __future__ import annotations

from datetime import datetime

from app.services.focus import FocusState, PhaseEnd

BREAKS = ("break", "long_break")


def clock(seconds: float) -> str:
    """A stopwatch reading: 04:10, 23:41, 1:02:05."""
    whole = max(0, int(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def status_text(state: FocusState, now: datetime, every: int) -> str:
    """One short line: "● 23:41 MAE paper" counting up, "🍅 2/4 12:03 left" in a
    pomodoro, "Break 04:10" in a break (what is left of it), "🍅 ready" after one."""
    if state.phase in BREAKS:
        word = "Long break" if state.phase == "long_break" else "Break"
        return f"{word} {clock(state.remaining(now) or 0)}"
    if state.mode == "pomodoro":
        if state.phase == "ready":
            return f"🍅 {state.pomodoros} done, ready for the next"
        count = state.pomodoros % every + 1
        return f"🍅 {count}/{every} {clock(state.remaining(now) or 0)} left {state.title}".rstrip()
    return f"● {clock(state.elapsed(now))} {state.title}".rstrip()


def tooltip_text(state: FocusState | None, now: datetime, every: int) -> str:
    if state is None:
        return "Rizhi"
    return f"Rizhi: {status_text(state, now, every)}"


def phase_end_text(end: PhaseEnd, *, short_break: int, long_break: int) -> tuple[str, str]:
    """A notice's title and body for a Pomodoro phase that ended."""
    if end.phase == "focus":
        length = long_break if end.next_phase == "long_break" else short_break
        kind = "a long break" if end.next_phase == "long_break" else "a break"
        done = f"{end.pomodoros} pomodoro{'s' * (end.pomodoros != 1)} done"
        title = f"Pomodoro done: {end.title}" if end.title else "Pomodoro done"
        return title, f"Time for {kind} ({length} min). {done}."
    return "Break over", f"Ready for the next pomodoro{f' on {end.title}' if end.title else ''}."
