"""The build command: exit codes, atomic output, clear messages for bad input."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from loaders.__main__ import main
from loaders.build import RAW


@pytest.fixture
def raw_copy(tmp_path: Path) -> Path:
    target = tmp_path / "raw"
    shutil.copytree(RAW, target)
    for path in target.iterdir():
        path.chmod(0o644)
    return target


def test_build_writes_every_table_and_strict_flags_rejects(raw_copy, tmp_path, capsys):
    out = tmp_path / "processed"
    assert main(["build", "--raw", str(raw_copy), "--out", str(out)]) == 0
    assert (out / "processes.csv").exists() and (out / "rejects.csv").exists()
    assert "rejects" in capsys.readouterr().out
    # The shipped sources leave no reject; one bad calendar row makes --strict fail.
    assert main(["build", "--raw", str(raw_copy), "--out", str(out), "--strict"]) == 0
    calendar = raw_copy / "iscm_calendar_2017.txt"
    calendar.write_text(
        calendar.read_text(encoding="utf-8") + "\njust one cell\twith two\n", encoding="utf-8"
    )
    assert main(["build", "--raw", str(raw_copy), "--out", str(out), "--strict"]) == 1


def test_missing_source_fails_cleanly_and_leaves_output_alone(raw_copy, tmp_path, capsys):
    out = tmp_path / "processed"
    assert main(["build", "--raw", str(raw_copy), "--out", str(out)]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (raw_copy / "iscm_calendar_2017.txt").unlink()
    assert main(["build", "--raw", str(raw_copy), "--out", str(out)]) == 2
    assert "missing source file" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_bad_calendar_row_becomes_a_reject_not_a_traceback(raw_copy, tmp_path):
    calendar = raw_copy / "iscm_calendar_2017.txt"
    calendar.write_text(
        calendar.read_text(encoding="utf-8") + "\n"
        "Sometime\tNowhere\tUnknown Process\tExtra row\n"
        "just one cell\twith two\n",
        encoding="utf-8",
    )
    out = tmp_path / "processed"
    assert main(["build", "--raw", str(raw_copy), "--out", str(out)]) == 0
    rejects = (out / "rejects.csv").read_text(encoding="utf-8")
    assert "Sometime" in rejects and "just one cell" in rejects
    assert "Extra row" in (out / "meetings.csv").read_text(encoding="utf-8")


def test_non_utf8_source_is_reported(raw_copy, tmp_path, capsys):
    (raw_copy / "uscis_raio_engagements.txt").write_bytes(b"Office\t\xff\xfe broken\n")
    assert main(["build", "--raw", str(raw_copy), "--out", str(tmp_path / "p")]) == 2
    assert "not UTF-8" in capsys.readouterr().err
