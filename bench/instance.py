"""Rizhi running in the background, on a store of 50,000 items:

* `rizhi` -> window visible from a background instance (the window built on that first
  show): from starting `rizhi` to the instance's first paint, against `rizhi` starting
  the window itself (process start to first paint), interleaved in one run;
* the window shown again after it was closed to the background (in process: show ->
  painted), and `rizhi` handing over to the running instance as a whole process;
* `rizhi capture "text"` as a whole process with the instance running, against
  `rizhi add` and the floor (`python -c pass`), interleaved;
* the background instance with its window never opened: resident memory, and the CPU
  time it takes while idle.

    .venv/bin/python bench/instance.py [--items 50000] [--runs 15] [--idle 60]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.capture import CAPTURE_TEXT, seed_rizhi
from bench.common import ROOT, base_env, save, summary, time_command
from bench.window import write_ui_settings

VENV_BIN = ROOT / ".venv" / "bin"
PYTHON, RIZHI = str(VENV_BIN / "python"), str(VENV_BIN / "rizhi")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


class Background:
    """`rizhi --background` on the bench's data folder, followed by its pid."""

    def __init__(self, env: dict[str, str]) -> None:
        from app.instance.address import address_for

        self.address = address_for(env["RIZHI_HOME"])
        self.process = subprocess.Popen(
            [RIZHI, "--background"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        deadline = time.monotonic() + 60
        while self.ping() is None:
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"rizhi --background did not start: {self.error()}")
            time.sleep(0.01)

    def ping(self) -> dict[str, object] | None:
        from app.instance.client import request

        return request(self.address, {"cmd": "ping"})

    def error(self) -> str:
        return self.process.stderr.read().decode(errors="replace") if self.process.stderr else ""

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime + stime

    def memory_mb(self) -> dict[str, float]:
        status = Path(f"/proc/{self.process.pid}/status").read_text().splitlines()
        values = dict(line.split(":", 1) for line in status if line.startswith("Vm"))
        return {key: int(values[key].split()[0]) / 1024 for key in ("VmRSS", "VmHWM")}

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(30)


def painted_at(report: Path, timeout: float = 60) -> float:
    deadline = time.monotonic() + timeout
    while True:
        try:
            return float(json.loads(report.read_text())["painted_at"])
        except (FileNotFoundError, ValueError):
            if time.monotonic() > deadline:
                raise RuntimeError("the window was never painted") from None
            time.sleep(0.002)


def window_shown(env: dict[str, str], runs: int) -> dict[str, dict[str, float]]:
    """`rizhi` to first paint: handed to a background instance, and started cold."""
    report = Path(env["RIZHI_HOME"]) / "probe.json"
    probed = env | {"RIZHI_STARTUP_PROBE": str(report)}  # quits at the first paint
    times: dict[str, list[float]] = {"from the background": [], "cold start": [], "client": []}
    for n in range(runs + 1):
        report.unlink(missing_ok=True)
        instance = Background(probed)  # not timed: it waits, as at login
        started = time.time()
        client = time_command([RIZHI], env)
        from_background = painted_at(report) - started
        instance.process.wait(30)
        report.unlink(missing_ok=True)
        started = time.time()
        time_command([RIZHI], probed)
        cold = painted_at(report) - started
        if n:  # the first round warms the caches
            times["from the background"].append(from_background)
            times["cold start"].append(cold)
            times["client"].append(client)
    return {name: summary(values) for name, values in times.items()}


SHOW_AGAIN = r"""
import json, os, sys, time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv)
from app.store.db import Store
from app.ui.main_window import MainWindow
from app.ui.settings import UiSettings
home = os.environ["RIZHI_HOME"]
store = Store.open(os.path.join(home, "rizhi.sqlite3"), os.path.join(home, "backups"))
window = MainWindow(store, UiSettings(os.path.join(home, "ui.ini")))
window.keep_running = lambda: True  # closing hides it, as in the background
painted = []
class Watch(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not painted:
            painted.append(time.perf_counter())
        return False
watch = Watch()
window.installEventFilter(watch)
def show():
    painted.clear()
    start = time.perf_counter()
    window.bring_to_front()
    while not painted:
        app.processEvents()
    return painted[0] - start
show()
times = []
for _ in range(int(sys.argv[1])):
    window.close()
    app.processEvents()
    times.append(show())
print(json.dumps(times))
"""


def shown_again(env: dict[str, str], runs: int) -> dict[str, float]:
    output = subprocess.run(
        [PYTHON, "-c", SHOW_AGAIN, str(runs)], env=env, capture_output=True, text=True, check=True
    ).stdout
    return summary(json.loads(output.strip().splitlines()[-1]))


def capture_against_add(env: dict[str, str], runs: int) -> dict[str, dict[str, float]]:
    """Whole processes, interleaved, with the instance running in the background."""
    commands = {
        "python -c pass (floor)": [PYTHON, "-c", "pass"],
        "rizhi add": [RIZHI, "add", CAPTURE_TEXT],
        "rizhi capture": [RIZHI, "capture", CAPTURE_TEXT],
    }
    instance = Background(env)
    try:
        for argv in commands.values():
            time_command(argv, env)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, argv in commands.items():
                times[name].append(time_command(argv, env))
        time_command([RIZHI], env)  # the first one has the window built
        while (instance.ping() or {}).get("window") != "visible":
            time.sleep(0.01)
        handover = [time_command([RIZHI], env) for _ in range(runs)]
    finally:
        instance.stop()
    stats = {name: summary(values) for name, values in times.items()}
    stats["rizhi (to the running window)"] = summary(handover)
    return stats


def idle(env: dict[str, str], seconds: float) -> dict[str, float]:
    """The background instance with its window never opened: memory once it settled
    (its first automatic backup taken), CPU over `seconds` of waiting."""
    instance = Background(env)
    try:
        time.sleep(3)  # the first look at the file and backup run at start
        memory = instance.memory_mb()
        before = instance.cpu_seconds()
        time.sleep(seconds)
        cpu = instance.cpu_seconds() - before
    finally:
        instance.stop()
    return {"rss_mb": memory["VmRSS"], "peak_rss_mb": memory["VmHWM"], "cpu_s": cpu,
            "idle_s": seconds}  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--idle", type=float, default=60.0, help="seconds of idle CPU")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rizhi-bench-") as folder:
        root = Path(folder)
        home, runtime = root / "home", root / "run"
        runtime.mkdir(mode=0o700)
        os.environ["XDG_RUNTIME_DIR"] = str(runtime)  # this process reaches the instance too
        print(f"Seeding {args.items:,} items ...", flush=True)
        seed_rizhi(home, args.items)
        write_ui_settings(home, "board")
        env = base_env() | {"RIZHI_HOME": str(home), "QT_QPA_PLATFORM": "offscreen",
                            "XDG_RUNTIME_DIR": str(runtime)}  # fmt: skip
        shown = window_shown(env, args.runs)
        again = shown_again(env, args.runs)
        commands = capture_against_add(env, args.runs * 2)
        waiting = idle(env, args.idle)
    floor = commands["python -c pass (floor)"]["median"]
    print(f"\n`rizhi` -> window painted ({args.runs} runs each, interleaved)")
    for name in ("from the background", "cold start"):
        print(f"  {name:<34}{ms(shown[name]['median'])}  p95 {ms(shown[name]['p95'])}")
    ratio = shown["from the background"]["median"] / shown["cold start"]["median"]
    print(f"  from the background / cold start: {ratio:.2f}")
    print(f"  shown again after closing to the background (in process): "
          f"{ms(again['median'])}  p95 {ms(again['p95'])}")  # fmt: skip
    print(f"\nWhole processes with the instance running ({args.runs * 2} runs, interleaved)")
    print(f"{'command':<36}{'median':>10}{'p95':>10}{'× floor':>10}")
    for name, s in commands.items():
        print(f"  {name:<34}{s['median'] * 1000:>8.1f}ms{s['p95'] * 1000:>8.1f}ms"
              f"{s['median'] / floor:>9.2f}×")  # fmt: skip
    add, capture = commands["rizhi add"]["median"], commands["rizhi capture"]["median"]
    print(f"  rizhi capture / rizhi add: {capture / add:.2f} (target: no slower, <= 1)")
    print(f"\nBackground instance, window never opened, {args.items:,} items")
    print(f"  resident memory {waiting['rss_mb']:.1f} MB (peak {waiting['peak_rss_mb']:.1f} MB; "
          f"target <= 80 MB)")  # fmt: skip
    share = waiting["cpu_s"] / waiting["idle_s"] * 100
    print(f"  CPU while idle: {waiting['cpu_s'] * 1000:.0f} ms over {waiting['idle_s']:.0f} s "
          f"({share:.3f}%)")  # fmt: skip
    path = save("instance", {"items": args.items, "window_shown": shown, "shown_again": again,
                             "commands": commands, "idle": waiting})  # fmt: skip
    print(f"\nFigures saved to {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
