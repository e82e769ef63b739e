"""The paragraph labels of the overview's participants and observers cells come from
data/reference/participant_labels.csv: the table is read, in order, and checked."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from loaders.__main__ import main
from loaders.build import RAW, REFERENCE
from loaders.countries import CountryResolver
from loaders.groups import CountryGroups
from loaders.organisations import OrganisationNames
from loaders.overview import load_overview, participant_labels
from loaders.rejects import RejectLog
from tests.loaders.test_quirks import rcp_row


def label_table() -> pd.DataFrame:
    return pd.read_csv(REFERENCE / "participant_labels.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def reference() -> dict:
    return {
        "countries": CountryResolver.from_reference(),
        "groups": CountryGroups.from_reference(),
        "organisations": OrganisationNames(
            pd.read_csv(REFERENCE / "organisations.csv", dtype=str, keep_default_na=False)
        ),
    }


def read_row(row: str, table: pd.DataFrame, reference: dict):
    ids = pd.DataFrame(
        {
            "process_id": ["test-process"],
            "name_starts": ["Test Process"],
            "short_name": ["Test Process"],
        }
    )
    return load_overview(
        row,
        ids,
        reference["countries"],
        reference["groups"],
        RejectLog(),
        reference["organisations"],
        participant_labels(table),
    )


def test_every_label_row_says_where_it_was_seen():
    table = label_table()
    assert (table.seen_in.str.startswith("iscm_overview.txt: ")).all()
    assert table.pattern.is_unique


def test_the_shipped_overview_uses_every_label(built):
    assert not [w for w in built.warnings if w.startswith("participant label never used")]


def test_a_new_phrase_needs_only_a_table_row(reference):
    row = rcp_row("<p>Belize</p>", "<p>Friends of the process: France, Chile</p>")
    before = read_row(row, label_table(), reference)
    # Without a label the paragraph is a list with the cell's role, and its first item,
    # "Friends of the process: France", names no country.
    assert {(m["iso3"], m["role"]) for m in before.memberships} == {
        ("BLZ", "member"),
        ("CHL", "observer"),
    }
    friends = pd.DataFrame(
        [
            {
                "pattern": r"^friends of the process:",
                "role": "guest",
                "entity": "country",
                "seen_in": "test",
                "note": "",
            }
        ]
    )
    after = read_row(row, pd.concat([friends, label_table()], ignore_index=True), reference)
    assert {(m["iso3"], m["role"]) for m in after.memberships} == {
        ("BLZ", "member"),
        ("FRA", "guest"),
        ("CHL", "guest"),
    }


def test_the_first_matching_label_wins(reference):
    # "Current chair pro tempore: …" (RCM) is read by the general chair label, the first row.
    row = rcp_row("<p>Belize</p> <p>Current chair pro tempore: Government of El Salvador</p>")
    assert read_row(row, label_table(), reference).processes[0]["chair"] == (
        "Government of El Salvador"
    )
    as_note = pd.DataFrame(
        [
            {
                "pattern": r"^current chair",
                "role": "note",
                "entity": "any",
                "seen_in": "test",
                "note": "",
            }
        ]
    )
    table = pd.concat([as_note, label_table()], ignore_index=True)
    process = read_row(row, table, reference).processes[0]
    assert process["chair"] == ""
    assert process["membership_notes"] == "Current chair pro tempore: Government of El Salvador"


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("role", "friend", "role 'friend' or entity"),
        ("entity", "person", "entity 'person' unknown"),
        ("pattern", "^(unclosed", "does not compile"),
    ],
)
def test_a_broken_label_row_is_named(column, value, message):
    table = label_table()
    table.loc[3, column] = value
    with pytest.raises(ValueError, match=message) as error:
        participant_labels(table)
    assert "participant_labels.csv line 5" in str(error.value)


def test_a_broken_label_table_fails_the_build_cleanly(tmp_path: Path, capsys):
    reference = tmp_path / "reference"
    shutil.copytree(REFERENCE, reference)
    table = label_table()
    table.loc[0, "role"] = "friend"
    table.to_csv(reference / "participant_labels.csv", index=False)
    out = tmp_path / "processed"
    assert main(["build", "--raw", str(RAW), "--reference", str(reference), "--out", str(out)]) == 2
    assert "participant_labels.csv line 2" in capsys.readouterr().err
    assert not out.exists()
