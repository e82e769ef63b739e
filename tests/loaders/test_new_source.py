"""Adding a source = one loader module + one registry entry: a made-up sixth source
(tests/loaders/made_up_source.py) is read, validated, joined to the countries table, its bad
rows land in rejects with file and line, and its table is written, with no other change."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from loaders import registry
from loaders.build import RAW, BuildError, run, write_tables
from tests.loaders import made_up_source
from tests.loaders.test_registry import DICTIONARY, named_tables, tables_section


@pytest.fixture(scope="module")
def raw_with_visits(tmp_path_factory) -> Path:
    raw = tmp_path_factory.mktemp("raw")
    for path in RAW.iterdir():
        shutil.copy(path, raw / path.name)
    (raw / made_up_source.FILE).write_text(made_up_source.TEXT, encoding="utf-8")
    return raw


@pytest.fixture(scope="module")
def with_visits(raw_with_visits):
    return run(raw_with_visits, steps=made_up_source.steps_with_visits())


def test_the_new_table_is_built_and_typed_by_its_schema(with_visits):
    visits = with_visits.tables["visits"]
    assert visits[["visit_date", "iso3", "process_id"]].values.tolist() == [
        ["2017-03-02", "ABW", "rcm"],
        ["2017-05-09", "GRL", "budapest-process"],
    ]
    assert visits.source_line.tolist() == [4, 5]
    assert str(visits.source_line.dtype) == "Int64"


def test_derived_tables_follow_the_new_source(with_visits, built):
    # Aruba and Greenland appear in no shipped document: only the new source brings them.
    assert not {"ABW", "GRL"} & set(built.tables["countries"].iso3)
    assert {"ABW", "GRL"} <= set(with_visits.tables["countries"].iso3)
    rejects = with_visits.tables["rejects"]
    mine = rejects[rejects.source == made_up_source.FILE]
    assert mine[["line", "field", "text"]].values.tolist() == [
        [6, "country", "Atlantis"],
        [7, "row", "2017-07-01 no tabs here"],
    ]
    assert list(with_visits.tables)[-1] == "rejects"


def test_every_other_table_is_unchanged(with_visits, built):
    for name, frame in built.tables.items():
        if name not in ("countries", "rejects"):
            assert with_visits.tables[name].equals(frame), name


def test_the_new_table_is_written_with_the_others(with_visits, tmp_path):
    write_tables(with_visits.tables, tmp_path / "processed")
    written = (tmp_path / "processed" / "visits.csv").read_text(encoding="utf-8")
    assert written.splitlines() == [
        "visit_date,iso3,process_id,source_line",
        "2017-03-02,ABW,rcm,4",
        "2017-05-09,GRL,budapest-process,5",
    ]


def test_the_dictionary_check_asks_for_the_new_table(monkeypatch):
    monkeypatch.setattr(registry, "STEPS", made_up_source.steps_with_visits())
    documented = named_tables(tables_section(DICTIONARY.read_text(encoding="utf-8")))
    assert set(registry.table_names()) - documented == {"visits"}


def test_a_missing_file_of_the_new_source_stops_the_build(raw_with_visits, tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(raw_with_visits, raw)
    (raw / made_up_source.FILE).unlink()
    with pytest.raises(BuildError, match="missing source file"):
        run(raw, steps=made_up_source.steps_with_visits())
