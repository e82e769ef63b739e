"""The made-up sixth source (tests/loaders/made_up_source.py) reaches the dashboard with no
change to it: its table is listed, read with its schema's types, exported in the workbook and
its rows show the lines they were read from."""

from __future__ import annotations

import io
import shutil

import openpyxl
import pytest
import streamlit as st

from dashboard import data
from loaders import registry
from loaders.build import RAW, run, write_tables
from tests.dashboard.test_pages import open_page, texts
from tests.loaders import made_up_source


@pytest.fixture(scope="module")
def build_with_visits(tmp_path_factory):
    raw = tmp_path_factory.mktemp("raw")
    for path in RAW.iterdir():
        shutil.copy(path, raw / path.name)
    (raw / made_up_source.FILE).write_text(made_up_source.TEXT, encoding="utf-8")
    processed = tmp_path_factory.mktemp("build") / "processed"
    write_tables(run(raw, steps=made_up_source.steps_with_visits()).tables, processed)
    return raw, processed


@pytest.fixture
def dashboard_with_visits(build_with_visits, monkeypatch):
    raw, processed = build_with_visits
    monkeypatch.setattr(registry, "STEPS", made_up_source.steps_with_visits())
    monkeypatch.setattr(data, "PROCESSED", processed)
    monkeypatch.setattr(data, "RAW", raw)
    st.cache_data.clear()
    yield
    st.cache_data.clear()


def test_the_new_table_is_read_with_its_types_and_provenance(dashboard_with_visits):
    assert "visits" in data.table_names() and data.missing_tables() == []
    visits = data.table("visits")
    assert str(visits.source_line.dtype) == "Int64"
    assert data.row_provenance("visits", visits.iloc[1]) == (made_up_source.FILE, (5,))
    assert data.source_lines(made_up_source.FILE, (5,)) == [
        (5, "2017-05-09\tGreenland\tBudapest Process")
    ]


def test_the_workbook_has_a_sheet_for_the_new_table(dashboard_with_visits):
    book = openpyxl.load_workbook(io.BytesIO(data.workbook()), read_only=True)
    assert book.sheetnames == data.table_names() and "visits" in book.sheetnames
    assert [row[1] for row in book["visits"].iter_rows(values_only=True)] == ["iso3", "ABW", "GRL"]


def test_the_data_page_lists_the_new_table_and_its_source_lines(dashboard_with_visits):
    at = open_page("data", table="visits")
    assert not at.exception
    assert "2 rows" in texts(at)
    at.session_state["data_visits_rows"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    assert at.code[0].value == "4: 2017-03-02\tAruba\tRegional Conference on Migration (RCM)"
