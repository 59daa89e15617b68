"""Helpers shared by the benchmarks: timing whole processes and summarising."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def time_command(argv: Sequence[str], env: Mapping[str, str]) -> float:
    """Wall-clock seconds for one run of a whole process, output discarded."""
    start = time.perf_counter()
    subprocess.run(
        argv, env=dict(env), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True
    )
    return time.perf_counter() - start


def percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def summary(values: Sequence[float]) -> dict[str, float]:
    return {
        "median": statistics.median(values),
        "p95": percentile(values, 0.95),
        "min": min(values),
        "runs": len(values),
    }


def base_env() -> dict[str, str]:
    # Any non-empty PYTHONDONTWRITEBYTECODE disables the bytecode cache, which a user's
    # machine has; without it every run would recompile Rizhi's modules from source.
    skip = ("RIZHI_", "TASK", "PYTHONDONTWRITEBYTECODE")
    return {k: v for k, v in os.environ.items() if not k.startswith(skip)}


def save(name: str, data: object) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return path
