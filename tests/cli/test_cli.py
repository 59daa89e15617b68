"""The `rizhi` command line, run in-process against a real database in a temp folder."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.main import EXIT_PIPE, main
from tests.cli.support import as_dict, run, run_json, run_ok

pytestmark = pytest.mark.usefixtures("frozen_clock")


def test_add_english_example_prints_the_parsed_item(capsys: pytest.CaptureFixture[str]) -> None:
    item = run_json(capsys, "add", "Read MAE paper #paper #vision !high ~2h due fri 3pm")
    assert isinstance(item, dict)
    assert item["title"] == "Read MAE paper"
    assert item["tags"] == ["paper", "vision"]
    assert item["kind"] == "paper"
    assert item["priority"] == "high"
    assert item["estimate_minutes"] == 120
    assert (item["due_date"], item["due_time"]) == ("2026-11-20", "15:00")
    assert item["week"] is None


@pytest.mark.parametrize(
    ("text", "title", "due_date", "due_time"),
    [
        ("明天下午三点 组会", "组会", "2026-11-21", "15:00"),
        ("下周五 交报告", "交报告", "2026-11-27", None),
        ("三天后 复现实验", "复现实验", "2026-11-23", None),
        ("今晚8点 读论文", "读论文", "2026-11-20", "20:00"),
        ("周五 写周报", "写周报", "2026-11-20", None),
        ("submit draft due:2026-12-01", "submit draft", "2026-12-01", None),
        ("email advisor @tomorrow", "email advisor", "2026-11-21", None),
        ("read MAE paper #paper !high fri", "read MAE paper", "2026-11-20", None),
    ],
)
def test_add_dates(
    capsys: pytest.CaptureFixture[str], text: str, title: str, due_date: str, due_time: str | None
) -> None:
    item = run_json(capsys, "add", text)
    assert isinstance(item, dict)
    assert (item["title"], item["due_date"], item["due_time"]) == (title, due_date, due_time)


def test_unreadable_date_is_exit_2_names_the_words_and_saves_nothing(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_ok(capsys, "add", "existing item")
    code, out, err = run(capsys, "add", "review notes @blorf-wibble")
    assert code == 2 and out == ""
    assert "blorf-wibble" in err
    code, _, err = run(capsys, "add", "x due:blorf", "--json")
    assert code == 2 and json.loads(err)["exit_code"] == 2
    with sqlite3.connect(home / "rizhi.sqlite3") as conn:
        assert conn.execute("SELECT COUNT(*) FROM items").fetchone()[0] == 1


@pytest.mark.parametrize(
    ("text", "title", "due_date"),
    [
        ("Prepare slides for May 3", "Prepare slides", "2027-05-03"),
        ("Book flight for next month", "Book flight", "2026-12-01"),
        ("Prepare slides for the seminar", "Prepare slides for the seminar", None),
        ("Write up due diligence notes", "Write up due diligence notes", None),
        ("截止周五提交报告", "提交报告", "2026-11-20"),
    ],
)
def test_add_keeps_every_word_that_is_not_the_date(
    capsys: pytest.CaptureFixture[str], text: str, title: str, due_date: str | None
) -> None:
    item = run_json(capsys, "add", text)
    assert isinstance(item, dict)
    assert (item["title"], item["due_date"]) == (title, due_date)


def test_add_with_week_plans_onto_this_weeks_board(capsys: pytest.CaptureFixture[str]) -> None:
    item = run_json(capsys, "add", "Write related work ~3h ^week")
    assert isinstance(item, dict)
    assert (item["horizon"], item["week"], item["column"]) == ("week", "2026-W47", "todo")
    run_json(capsys, "add", "Read later ^someday")
    board = run_json(capsys, "list", "--week")
    assert isinstance(board, list)
    assert [i["title"] for i in board] == ["Write related work"]


def test_week_board_move_done_and_list(capsys: pytest.CaptureFixture[str]) -> None:
    a = run_json(capsys, "add", "--week", "write intro ~1h")
    b = run_json(capsys, "add", "--week", "run baseline")
    assert isinstance(a, dict) and isinstance(b, dict)
    assert a["week"] == "2026-W47" and a["column"] == "todo"
    moved = run_json(capsys, "move", str(b["id"]), "active")
    assert isinstance(moved, dict) and moved["column"] == "active"
    done = run_json(capsys, "done", str(a["id"]))
    assert isinstance(done, dict) and done["column"] == "done" and done["completed_at"]
    board = run_json(capsys, "list", "--week")
    assert isinstance(board, list)
    assert [(i["title"], i["column"]) for i in board] == [
        ("run baseline", "active"),
        ("write intro", "done"),
    ]
    assert run_json(capsys, "list", "--column", "active") == [moved]
    assert [i["title"] for i in run_json(capsys, "list")] == ["run baseline"]  # type: ignore[attr-defined]
    code, out, _ = run(capsys, "list", "--week", "2026-W48")
    assert code == 0 and out == ""


def test_move_onto_another_week_and_list_by_tag_and_kind(
    capsys: pytest.CaptureFixture[str],
) -> None:
    item = run_json(capsys, "add", "Barlow twins #paper #ssl")
    assert isinstance(item, dict)
    run_json(capsys, "move", str(item["id"]), "todo", "--week", "2026-W49")
    assert [i["week"] for i in run_json(capsys, "list", "--tag", "ssl")] == ["2026-W49"]  # type: ignore[attr-defined]
    assert len(run_json(capsys, "list", "--kind", "paper")) == 1  # type: ignore[arg-type]
    assert run_json(capsys, "list", "--kind", "idea") == []


def test_show_edit_and_search(capsys: pytest.CaptureFixture[str]) -> None:
    item = run_json(capsys, "add", "自监督学习 survey #reading")
    assert isinstance(item, dict)
    ident = str(item["id"])
    edited = run_json(
        capsys,
        "edit",
        ident,
        "--title",
        "自监督学习综述",
        "--due",
        "下周五",
        "--priority",
        "medium",
        "--estimate",
        "1h30m",
        "--tag",
        "ssl",
        "--untag",
        "reading",
        "--kind",
        "paper",
        "--pass",
        "1",
    )
    assert isinstance(edited, dict)
    assert edited["title"] == "自监督学习综述" and edited["due_date"] == "2026-11-27"
    assert (edited["priority"], edited["estimate_minutes"]) == ("medium", 90)
    assert edited["tags"] == ["ssl"] and edited["kind"] == "paper" and edited["reading_pass"] == 1
    assert run_json(capsys, "show", ident) == edited
    cleared = run_json(capsys, "edit", ident, "--no-due", "--no-estimate")
    assert isinstance(cleared, dict) and cleared["due_date"] is None
    assert [i["id"] for i in run_json(capsys, "search", "监督学习")] == [item["id"]]  # type: ignore[attr-defined]
    code, out, _ = run(capsys, "show", ident)
    assert code == 0 and "自监督学习综述" in out


def test_edit_reads_fields_as_the_item_editor_does(capsys: pytest.CaptureFixture[str]) -> None:
    item = run_json(capsys, "add", "Ablation #ml")
    assert isinstance(item, dict)
    ident = str(item["id"])
    edited = run_json(
        capsys, "edit", ident, "--tag", "gpu, #thesis", "--tag", "＃GPU", "--untag", "ML"
    )
    assert isinstance(edited, dict)
    assert edited["tags"] == ["gpu", "thesis"]
    edited = run_json(capsys, "edit", ident, "--priority", "!!!", "--estimate", "1h 30m")
    assert isinstance(edited, dict)
    assert (edited["priority"], edited["estimate_minutes"]) == ("high", 90)
    code, _, err = run(capsys, "edit", ident, "--estimate", "a while")
    assert code == 2 and "Write minutes or hours" in err
    code, _, err = run(capsys, "edit", ident, "--priority", "urgent")
    assert code == 2 and "Unknown priority 'urgent'" in err


def test_not_found_and_bad_input_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "show", "42")[0] == 1
    assert run(capsys, "done", "42")[0] == 1
    assert run(capsys, "move", "42", "active")[0] == 1
    assert run(capsys, "rm", "42")[0] == 1
    item = run_json(capsys, "add", "x")
    assert isinstance(item, dict)
    assert run(capsys, "edit", str(item["id"]))[0] == 2  # nothing to change
    assert run(capsys, "edit", str(item["id"]), "--due", "blorf")[0] == 2
    assert run(capsys, "list", "--week", "2026-W99")[0] == 2
    with pytest.raises(SystemExit) as exit_info:
        main(["move", "1", "sideways"])
    assert exit_info.value.code == 2


def test_rm_goes_to_trash_and_comes_back(capsys: pytest.CaptureFixture[str]) -> None:
    item = run_json(capsys, "add", "fragile idea")
    assert isinstance(item, dict)
    code, out, _ = run(capsys, "rm", str(item["id"]))
    assert code == 0 and "trash" in out
    assert run_json(capsys, "list") == []
    assert [i["title"] for i in run_json(capsys, "trash", "list")] == ["fragile idea"]  # type: ignore[attr-defined]
    assert run(capsys, "trash", "restore", str(item["id"]))[0] == 0
    assert [i["title"] for i in run_json(capsys, "list")] == ["fragile idea"]  # type: ignore[attr-defined]


def test_export_import_round_trip_through_the_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    run_json(capsys, "add", "--week", "Read MAE #paper !high due fri 3pm")
    run_json(capsys, "add", "明天下午三点 组会 #meeting")
    first = tmp_path / "first.json"
    assert run(capsys, "export", "json", "-o", str(first))[0] == 0
    monkeypatch.setenv("RIZHI_HOME", str(tmp_path / "elsewhere"))
    report = run_json(capsys, "import", "json", str(first))
    assert isinstance(report, dict) and report["exact"] is True
    second = tmp_path / "second.json"
    run_ok(capsys, "export", "json", "-o", str(second))
    strip = lambda d: {k: v for k, v in d.items() if k != "exported_at"}  # noqa: E731
    assert strip(json.loads(first.read_text())) == strip(json.loads(second.read_text()))
    again = run_json(capsys, "import", "json", str(first))
    assert isinstance(again, dict) and again["added"] == {} and again["skipped"]["items"] == 2
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "rizhi-export", "version": 1, "items": [', encoding="utf-8")
    code, _, err = run(capsys, "import", "json", str(broken))
    assert code == 2 and "not valid JSON" in err


def test_backup_and_restore_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run_json(capsys, "add", "keep me")
    target = tmp_path / "b.sqlite3"
    code, out, _ = run(capsys, "backup", "-o", str(target))
    assert code == 0 and target.exists()
    run_json(capsys, "add", "added later")
    code, out, _ = run(capsys, "restore", str(target))
    assert code == 0 and "saved as" in out
    assert [i["title"] for i in run_json(capsys, "list")] == ["keep me"]  # type: ignore[attr-defined]
    not_db = tmp_path / "notes.txt"
    not_db.write_text("hello", encoding="utf-8")
    code, _, err = run(capsys, "restore", str(not_db))
    assert code == 2 and "not a SQLite database" in err
    assert [i["title"] for i in run_json(capsys, "list")] == ["keep me"]  # type: ignore[attr-defined]


def test_cli_changes_reach_the_change_feed(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from app.store import feed
    from app.store.db import Store

    store = Store.open(home / "rizhi.sqlite3", home / "backups")
    seen = feed.latest(store.raw).last_seq
    version = feed.data_version(store.raw)
    item = run_json(capsys, "add", "--week", "from the terminal")
    assert isinstance(item, dict)
    assert feed.data_version(store.raw) != version  # what the window polls
    read = feed.since(store.raw, seen)
    seq, changes = read.last_seq, read.changes
    assert seq > seen and item["id"] in changes.items and changes.board
    store.close()


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    from app import __version__

    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert __version__ in capsys.readouterr().out
    assert main([]) == 0
    assert "add" in capsys.readouterr().out


def test_a_reader_that_stops_early_gets_no_traceback(home: Path) -> None:
    body = "\n".join(f"- line {n}: 读论文 and a few more words" for n in range(50))
    assert main(["log", "add", body]) == 0
    proc = subprocess.Popen(
        [sys.executable, "-m", "app", "log", "show"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # like `| head -0`: gone before the first line is written
    error = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == EXIT_PIPE
    assert "Traceback" not in error and "Exception ignored" not in error, error


def test_a_papers_pass_is_shown_against_its_chosen_pass(
    capsys: pytest.CaptureFixture[str],
) -> None:
    paper = as_dict(run_json(capsys, "add", "MAE paper #paper"))
    ident = str(paper["id"])
    run_ok(capsys, "edit", ident, "--kind", "paper", "--pass", "1", "--target-pass", "2")
    assert "(paper, pass 1/2)" in run_ok(capsys, "list")
    assert "  reading pass: 1/2 (target 2)" in run_ok(capsys, "show", ident).splitlines()
    other = as_dict(run_json(capsys, "add", "BERT paper #paper"))
    run_ok(capsys, "edit", str(other["id"]), "--kind", "paper", "--pass", "1")
    assert "  reading pass: 1/3 (no target)" in run_ok(capsys, "show", str(other["id"]))


def test_done_says_when_a_paper_is_short_of_its_chosen_pass(
    capsys: pytest.CaptureFixture[str],
) -> None:
    paper = as_dict(run_json(capsys, "add", "MAE paper #paper"))
    ident = str(paper["id"])
    run_ok(capsys, "edit", ident, "--kind", "paper", "--pass", "1", "--target-pass", "2")
    out = run_ok(capsys, "done", ident).splitlines()
    assert out[0].startswith("Done ") and len(out) == 2
    assert out[1] == "“MAE paper” completed at pass 1 of 2, short of the pass chosen for it."
    code, out, err = run(capsys, "done", ident, "--json")  # stdout stays JSON
    assert code == 0 and json.loads(out)["completed_at"] and "pass 1 of 2" in err
    # Read to its target, or with no target chosen, completing says nothing more.
    run_ok(capsys, "done", ident, "--reopen")
    run_ok(capsys, "edit", ident, "--pass", "2")
    assert len(run_ok(capsys, "done", ident).splitlines()) == 1
    untargeted = as_dict(run_json(capsys, "add", "BERT paper"))
    run_ok(capsys, "edit", str(untargeted["id"]), "--kind", "paper")
    assert len(run_ok(capsys, "done", str(untargeted["id"])).splitlines()) == 1
