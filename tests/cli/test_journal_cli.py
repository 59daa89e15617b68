"""`rizhi import markdown`, `rizhi export markdown` and `rizhi log`, in process against a
real database in a temporary folder, with the clock frozen in Shanghai."""

from __future__ import annotations

import gc
import hashlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.main import main
from app.store import feed, migrate
from app.store.db import Store
from tests.cli.support import as_dict, run, run_json, run_ok
from tests.cli.test_import_cost import HEAVY, imported_modules

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "journals"
THESIS_LOG = str(FIXTURES / "002_8eea454c8e736472.txt")
UNITS_LOG = str(FIXTURES / "003_9d14d34ebda6bddb.txt")
TYPOS = "## 2021-12-08\n- a\n## 2012-12-09 Summer\n- b\n## 2021-12-10\n- c\n"

pytestmark = pytest.mark.usefixtures("frozen_clock")


def as_list(value: object) -> list[object]:
    assert isinstance(value, list)
    return value


def query(home: Path, sql: str) -> list[tuple[object, ...]]:
    store = Store.open(home / "rizhi.sqlite3", home / "backups")
    try:
        return store.raw.execute(sql).fetchall()
    finally:
        store.close()


# --- import -------------------------------------------------------------------------------


def test_import_markdown_prints_what_the_journal_holds(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "import", "markdown", THESIS_LOG)
    assert code == 0, err
    assert out == (
        f"{THESIS_LOG}: 18 days, 1 range, 18 entries, 1 note, 0 units.\nAdded 18 entries, 1 note.\n"
    )
    out = run_ok(capsys, "import", "markdown", THESIS_LOG)
    assert out.splitlines()[1:] == [
        "Already imported: everything in this file is in your log (18 entries, 1 note). "
        "Importing it again changes nothing."
    ]


def test_import_markdown_json_report(capsys: pytest.CaptureFixture[str]) -> None:
    report = as_dict(run_json(capsys, "import", "markdown", UNITS_LOG))
    assert {k: report[k] for k in ("days", "ranges", "entries", "notes", "units")} == {
        "days": 7,
        "ranges": 0,
        "entries": 8,
        "notes": 1,
        "units": 1,
    }
    assert report["added"] == {"entries": 8, "notes": 1, "units": 1, "items": 0, "categories": 0}
    assert report["anomalies"] == []
    assert report["dry_run"] is False
    assert report["direction"] == "oldest first"


def test_anomalies_are_listed_with_line_text_and_suggestion(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "typos.md"
    path.write_text(TYPOS, encoding="utf-8")
    code, out, _ = run(capsys, "import", "markdown", str(path))
    assert code == 0
    assert out.splitlines()[2:] == [
        "1 date to check (line, as written, placed on, why):",
        "  line 3: '2012-12-09 Summer' -> 2021-12-09: 2012-12-09 is out of sequence between "
        "2021-12-08 and 2021-12-10",
        "Flagged entries are on the suggested day; `rizhi log show DAY` shows them.",
    ]
    report = as_dict(run_json(capsys, "import", "markdown", str(path), "--dry-run"))
    assert report["anomalies"] == [
        {
            "line": 3,
            "original": "2012-12-09 Summer",
            "suggested": "2021-12-09",
            "reason": "2012-12-09 is out of sequence between 2021-12-08 and 2021-12-10",
        }
    ]


def test_front_matter_that_is_not_yaml_is_reported_not_fatal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "post.md"
    path.write_text("---\ntags: [a, b\n---\n## 2021-06-12\n- a\n", encoding="utf-8")
    code, out, err = run(capsys, "import", "markdown", str(path))
    assert (code, err) == (0, "")
    assert out.splitlines()[1:] == [
        "Added 1 entry, 1 note.",
        "The front matter (lines 1 to 3) is not valid YAML at line 3, column 1 (expected ',' "
        "or ']', but got '<stream end>'). Its text is kept as written, in a note; its values "
        "are not read.",
    ]


def test_a_unit_whose_number_is_taken_is_imported_under_the_next_free_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    run_ok(capsys, "unit", "new", "--start", "2022-01-01")  # unit 1, on other days
    out = run_ok(capsys, "import", "markdown", UNITS_LOG)
    assert out.splitlines()[1:] == [
        "Added 8 entries, 1 note, 1 unit.",
        "Unit 1 (line 3, 2022-02-01 to 2022-02-10) is imported as unit 2: unit 1 is already "
        "on other days (2022-01-01 to 2022-01-10).",
    ]
    units = [as_dict(unit) for unit in as_list(run_json(capsys, "unit", "list"))]
    assert [(unit["number"], unit["start"]) for unit in units] == [
        (1, "2022-01-01"),
        (2, "2022-02-01"),
    ]


def test_repaired_dates_are_listed_to_confirm(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "repairs.md"
    path.write_text(
        "## 2021-05-17\n- a\n## 2021-05-16\n- b\n## 2021-05-1\n- c\n## 2021-05-14\n- d\n"
        "## 2021-03-02 ~ 2021-0304\n- e\n",
        encoding="utf-8",
    )
    out = run_ok(capsys, "import", "markdown", str(path))
    assert out.splitlines()[2:5] == [
        "2 dates to check (line, as written, placed on, why):",
        "  line 5: '2021-05-1' -> 2021-05-15: 2021-05-1 is out of sequence between 2021-05-14 "
        "and 2021-05-16, and a digit of its day looks missing (15)",
        "  line 9: '2021-03-02 ~ 2021-0304' -> 2021-03-02: the range end '2021-0304' is read "
        "as 2021-03-04 (a separator is missing between month and day)",
    ]
    shown = run_ok(capsys, "log", "show", "2021-03-02")
    assert "[entry 5, 2021-03-02 to 2021-03-04, flagged: the range end" in shown


def test_dry_run_writes_nothing(capsys: pytest.CaptureFixture[str], home: Path) -> None:
    code, out, _ = run(capsys, "import", "markdown", UNITS_LOG, "--dry-run")
    assert code == 0
    assert out.splitlines()[1:] == [
        "Would add 8 entries, 1 note, 1 unit.",
        "Dry run: nothing was written.",
    ]
    assert query(home, "SELECT COUNT(*) FROM log_entries") == [(0,)]
    assert query(home, "SELECT COUNT(*) FROM study_units") == [(0,)]


@pytest.mark.parametrize("dry_run", [[], ["--dry-run"]])
def test_a_file_with_no_dates_is_refused_and_nothing_is_saved(
    capsys: pytest.CaptureFixture[str], home: Path, tmp_path: Path, dry_run: list[str]
) -> None:
    path = tmp_path / "thoughts.md"
    path.write_text("# Ideas\n\njust some thoughts\n- a list\n- 4th of May: talk\n")
    code, out, err = run(capsys, "import", "markdown", str(path), *dry_run)
    assert (code, out) == (2, "")
    assert err.startswith(f"rizhi: {path} has no dated day headings, so nothing was imported.")
    assert "`## 2021-06-12`, `### 2021-3-9 Summer workshop`, `2022-02-01`" in err
    assert not home.exists()  # no store was even opened
    assert as_list(run_json(capsys, "log", "search", "thoughts")) == []


def files_in(folder: Path) -> dict[str, str]:
    """Every file under `folder` with a digest of its bytes; the `-shm` file only by
    name: it is SQLite's shared-memory index, which every reader writes to. A command
    run in process leaves its store to the garbage collector: collected first, the last
    connection's checkpoint on closing has happened before the files are read."""
    gc.collect()
    return {
        str(path.relative_to(folder)): (
            "" if path.name.endswith("-shm") else hashlib.sha256(path.read_bytes()).hexdigest()
        )
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_a_dry_run_creates_no_data_folder_and_no_database(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    assert not home.exists()
    report = as_dict(run_json(capsys, "import", "markdown", UNITS_LOG, "--dry-run"))
    assert report["added"] == {"entries": 8, "notes": 1, "units": 1, "items": 0, "categories": 0}
    assert not home.exists()
    # What it reported is what importing into the new store then does.
    real = as_dict(run_json(capsys, "import", "markdown", UNITS_LOG))
    assert real["added"] == report["added"]


def test_a_dry_run_changes_no_file(capsys: pytest.CaptureFixture[str], home: Path) -> None:
    run_ok(capsys, "import", "markdown", THESIS_LOG)
    before = files_in(home)
    report = as_dict(run_json(capsys, "import", "markdown", THESIS_LOG, "--dry-run"))
    assert report["skipped"] == {"entries": 18, "notes": 1, "units": 0}
    assert files_in(home) == before


def test_a_dry_run_does_not_upgrade_an_older_database(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    run_ok(capsys, "import", "markdown", THESIS_LOG)
    migrate.downgrade(home / "rizhi.sqlite3", "0006")
    before = files_in(home)
    report = as_dict(run_json(capsys, "import", "markdown", UNITS_LOG, "--dry-run"))
    assert report["added"]["entries"] == 8 and report["added"]["units"] == 1
    assert files_in(home) == before  # no upgrade, no backup made for one
    again = as_dict(run_json(capsys, "import", "markdown", THESIS_LOG, "--dry-run"))
    assert again["skipped"] == {"entries": 18, "notes": 1, "units": 0}


def test_a_dry_run_leaves_an_empty_database_file_empty(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    home.mkdir()
    (home / "rizhi.sqlite3").write_bytes(b"")
    report = as_dict(run_json(capsys, "import", "markdown", UNITS_LOG, "--dry-run"))
    assert report["added"]["entries"] == 8
    assert files_in(home) == {"rizhi.sqlite3": hashlib.sha256(b"").hexdigest()}


def test_a_dry_run_on_a_damaged_database_is_a_storage_failure(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    home.mkdir()
    (home / "rizhi.sqlite3").write_bytes(b"not a database " * 100)
    before = files_in(home)
    code, out, err = run(capsys, "import", "markdown", UNITS_LOG, "--dry-run")
    assert (code, out) == (3, "")
    assert "cannot be read (file is not a database). Nothing was changed." in err
    assert files_in(home) == before


def test_import_tells_an_open_window(capsys: pytest.CaptureFixture[str], home: Path) -> None:
    run_ok(capsys, "import", "markdown", UNITS_LOG)
    store = Store.open(home / "rizhi.sqlite3", home / "backups")
    try:
        changes = feed.since(store.raw, 0).changes
    finally:
        store.close()
    assert changes.log and changes.units


def test_preamble_as_items(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "todo.md"
    path.write_text("## Today\n- read MAE #paper\n## LongTerm\n- thesis\n2022-02-01\n- a\n")
    report = as_dict(run_json(capsys, "import", "markdown", str(path), "--preamble-as-items"))
    assert report["items"] == 2
    items = as_list(run_json(capsys, "list"))
    assert sorted((as_dict(i)["title"], as_dict(i)["horizon"]) for i in items) == [
        ("read MAE", "week"),
        ("thesis", "long"),
    ]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["import", "json", "x.json", "--dry-run"], "Only markdown takes --dry-run"),
        (["import", "json", "x.json", "--preamble-as-items"], "--preamble-as-items"),
        (["export", "json", "-o", "x.json", "--jekyll"], "Only markdown takes --jekyll/--hugo"),
        (["export", "json", "-o", "x.json", "--from", "2021-01-01"], "Only markdown takes --from"),
        (["import", "markdown", "/no/such/journal.md"], "Cannot read /no/such/journal.md"),
        (
            ["export", "markdown", "-o", "-", "--from", "2021-06-02", "--to", "2021-06-01"],
            "before --from",
        ),
        (["export", "markdown", "-o", "-", "--from", "blorf"], "Could not read the date"),
    ],
)
def test_bad_requests_are_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert message in err
    assert out == ""


def test_jekyll_and_hugo_are_one_or_the_other(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["export", "markdown", "-o", "-", "--jekyll", "--hugo"])
    assert exited.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


# --- export -------------------------------------------------------------------------------


def test_export_markdown_to_a_file_and_back(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, home: Path
) -> None:
    run_ok(capsys, "import", "markdown", THESIS_LOG)
    target = tmp_path / "log.md"
    code, out, _ = run(capsys, "export", "markdown", "-o", str(target), "--newest-first")
    assert code == 0
    assert out == f"Exported 18 entries over 18 days (2019-11-04 to 2019-11-29) to {target}\n"
    text = target.read_text(encoding="utf-8")
    assert text.startswith("## 2019-11-29\n\nHoliday\n\n## 2019-11-28\n")
    assert "## 2019-11-06 ~ 2019-11-08\n" in text
    out = run_ok(capsys, "import", "markdown", str(target))
    assert out.splitlines()[1] == (
        "Already imported: everything in this file is in your log (18 entries). "
        "Importing it again changes nothing."
    )


def test_export_a_blog_post_of_some_days_to_standard_output(
    capsys: pytest.CaptureFixture[str],
) -> None:
    run_ok(capsys, "import", "markdown", UNITS_LOG)
    code, out, _ = run(
        capsys, "export", "markdown", "-o", "-", "--from", "2022-02-05", "--to", "2022-02-06",
        "--jekyll",
    )  # fmt: skip
    assert code == 0
    assert out.startswith(
        '---\nlayout: "post"\ntitle: "Research log, 2022-02-05 to 2022-02-06"\n'
        'date: "2026-11-20 10:00:00 +0800"\n---\n\n## 2022-02-05\n\n- Trained some toy models'
    )
    assert out.count("## 2022-02-05\n") == 2
    assert "## 2022-02-27" not in out


# --- rizhi log ----------------------------------------------------------------------------


def test_log_add_today_another_day_and_a_range(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "log", "add", "-", "[DONE]", "wrote", "the", "importer")
    assert (code, out) == (0, "Logged entry 1 on 2026-11-20.\n")
    entry = as_dict(run_json(capsys, "log", "add", "读论文", "--day", "昨天"))
    assert (entry["day"], entry["body"], entry["source"]) == ("2026-11-19", "读论文", "user")
    out = run_ok(capsys, "log", "add", "trip", "--day", "2026-11-10", "--to", "2026-11-12")
    assert out == "Logged entry 3 on 2026-11-10 to 2026-11-12.\n"
    code, _, err = run(capsys, "log", "add", "trip", "--day", "2026-11-10", "--to", "2026-11-01")
    assert code == 2 and "on or after its first day" in err


def test_log_add_reads_standard_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("1. plan\n   - detail\n"))
    entry = as_dict(run_json(capsys, "log", "add", "-"))
    assert entry["body"] == "1. plan\n   - detail"


def test_log_show_a_day_with_what_the_board_did(capsys: pytest.CaptureFixture[str]) -> None:
    run_ok(capsys, "add", "Read MAE paper #paper")
    run_ok(capsys, "done", "1")
    run_ok(capsys, "log", "add", "- [DELAY] ablations")
    code, out, _ = run(capsys, "log", "show")
    assert code == 0
    assert out == (
        "2026-11-20 Friday\n"
        "\n"
        "[entry 1]\n"
        "- [DELAY] ablations\n"
        "\n"
        "From the board:\n"
        "  10:00  captured   Read MAE paper (item 1)\n"
        "  10:00  completed  Read MAE paper (item 1)\n"
    )
    page = as_dict(run_json(capsys, "log", "show", "2026-11-20"))
    assert [as_dict(a)["kind"] for a in as_list(page["auto"])] == ["captured", "completed"]
    out = run_ok(capsys, "log", "show", "2026-11-01")
    assert out == "2026-11-01 Sunday\nNothing logged. `rizhi log add TEXT` writes an entry.\n"


def test_log_show_marks_a_flagged_entry(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "typos.md"
    path.write_text(TYPOS, encoding="utf-8")
    run_ok(capsys, "import", "markdown", str(path))
    out = run_ok(capsys, "log", "show", "2021-12-09")
    assert out.splitlines()[2] == (
        "[entry 2, flagged: 2012-12-09 is out of sequence between 2021-12-08 and 2021-12-10]"
        " 2012-12-09 Summer"
    )


def test_log_search(capsys: pytest.CaptureFixture[str]) -> None:
    run_ok(capsys, "import", "markdown", UNITS_LOG)
    run_ok(capsys, "log", "add", "- ~~读论文~~ 太累了\n- [DONE] 组会")
    out = run_ok(capsys, "log", "search", "NYU", "6L")
    # Best match first; each hit shows its line with the most of the words.
    assert out.splitlines() == [
        "2022-02-04      4  - Watched NYU 6 and NYU 7L",
        "2022-02-05      5  - First half of [NYU 6L] on latent EBMs",
        "2022-02-05      6  - Second half of [NYU 6L] on latent EBMs",
    ]
    hits = as_list(run_json(capsys, "log", "search", "论文"))
    assert [as_dict(h)["status"] for h in hits] == ["struck"]
    out = run_ok(capsys, "log", "search", "--status", "done")
    assert out == "2026-11-20      9  [done] - [DONE] 组会\n"
    code, out, err = run(capsys, "log", "search", "nothing-like-this")
    assert (code, out, err) == (0, "", "No entries.\n")
    code, _, err = run(capsys, "log", "search")
    assert code == 2 and "--status" in err


def test_log_streak(capsys: pytest.CaptureFixture[str]) -> None:
    for day in ("2026-11-17", "2026-11-18", "2026-11-19"):
        run_ok(capsys, "log", "add", "x", "--day", day)
    out = run_ok(capsys, "log", "streak")
    lines = out.splitlines()
    assert lines[:2] == [
        "Current streak: 3 days, since 2026-11-17 (log today to keep it)",
        "Longest streak: 3 days, 2026-11-17 to 2026-11-19.",
    ]
    grid = lines[3:10]
    assert [row[:4].strip() for row in grid] == ["Mon", "", "Wed", "", "Fri", "", "Sun"]
    assert grid[1].rstrip().endswith("█") and grid[2].rstrip().endswith("█")  # Tue, Wed
    assert lines[10].startswith("    less ░▒▓█ more")
    data = as_dict(run_json(capsys, "log", "streak"))
    assert as_dict(data["streaks"])["current"] == 3
    heat = as_list(data["heatmap"])
    assert as_dict(heat[-1]) == {"day": "2026-11-20", "entries": 0, "completed": 0}
    assert as_dict(heat[0])["day"] == "2025-11-17"  # 53 weeks (this one too), from a Monday
    assert len(heat) == 52 * 7 + 5


def test_import_markdown_imports_nothing_heavy(home: Path) -> None:
    """The import's half-second budget has no room for SQLAlchemy or Alembic."""
    env = dict(os.environ, RIZHI_HOME=str(home))
    first = [sys.executable, "-m", "app", "list"]
    subprocess.run(first, env=env, check=True, capture_output=True)  # creates the database
    names = imported_modules(["-m", "app", "import", "markdown", UNITS_LOG], env)
    assert not names & set(HEAVY), sorted(names & set(HEAVY))
