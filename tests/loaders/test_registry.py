"""The registry is the one list of tables: the build writes exactly its tables, with its
schemas' columns, and the data dictionary (data/README.md) documents every one of them and
nothing else."""

from __future__ import annotations

import re
from pathlib import Path

from loaders import registry

DICTIONARY = Path(__file__).resolve().parents[2] / "data" / "README.md"


def tables_section(text: str) -> str:
    """The "## Tables" part of the data dictionary."""
    start = text.index("\n## Tables\n")
    end = text.index("\n## ", start + 1)
    return text[start:end]


def blocks(section: str) -> list[str]:
    """The section cut at each "### " heading (a heading and its text)."""
    return ["### " + part for part in section.split("\n### ")[1:]]


def named_tables(text: str) -> set[str]:
    """The processed tables a text names: `name.csv` not inside a path (reference/…)."""
    return set(re.findall(r"(?<![/\w])([a-z0-9_]+)\.csv", text))


def column_rows(block: str) -> list[str]:
    """Column names a block lists: its heading's "— a, b, c" and the first cells of its
    `| column | meaning |` tables."""
    heading = block.splitlines()[0]
    listed: list[str] = []
    if " — " in heading:
        tail = [t.strip() for t in heading.split(" — ", 1)[1].split(",")]
        if all(re.fullmatch(r"[a-z0-9_]+", t) for t in tail):
            listed += tail
    in_table = False
    for line in block.splitlines():
        if line.startswith("| column |"):
            in_table = True
            continue
        if not line.startswith("|"):
            in_table = False
        elif in_table and not line.startswith("|---"):
            listed += [c.strip() for c in line.split("|")[1].split(",")]
    return listed


def documentation(table: str, section: str) -> str:
    """The text of the blocks whose heading names `table`, or, for a table documented inside
    another's block (the link tables), of the blocks that name it."""
    named = [b for b in blocks(section) if table in named_tables(b.splitlines()[0])]
    return "\n".join(named or [b for b in blocks(section) if table in named_tables(b)])


def test_the_build_writes_exactly_the_registry_tables_with_their_columns(built):
    assert list(built.tables) == registry.table_names()
    for name, frame in built.tables.items():
        assert list(frame.columns) == list(registry.schemas()[name].columns), name


def test_every_table_in_the_dictionary_is_a_registry_table_and_back():
    section = tables_section(DICTIONARY.read_text(encoding="utf-8"))
    assert named_tables(section) == set(registry.table_names())


def test_every_column_is_documented():
    section = tables_section(DICTIONARY.read_text(encoding="utf-8"))
    missing = []
    for table, schema in registry.schemas().items():
        text = documentation(table, section)
        missing += [
            f"{table}.{column}"
            for column in schema.columns
            if not re.search(rf"(?<![\w.]){re.escape(column)}(?!\w)", text)
        ]
    assert missing == []


def test_no_documented_column_is_missing_from_its_table():
    section = tables_section(DICTIONARY.read_text(encoding="utf-8"))
    schemas = registry.schemas()
    unknown = []
    for block in blocks(section):
        tables = named_tables(block.splitlines()[0]) or named_tables(block)
        columns = {c for t in tables & set(schemas) for c in schemas[t].columns}
        unknown += [f"{sorted(tables)}: {c}" for c in column_rows(block) if c not in columns]
    assert unknown == []


def test_the_dictionary_check_sees_a_missing_column():
    # The check itself, on a small made-up dictionary.
    section = (
        "\n## Tables\n### things.csv — thing_id, name\nA note.\n"
        "| column | meaning |\n|---|---|\n| colour | what colour |\n## Next\n"
    )
    text = documentation("things", tables_section(section))
    assert re.search(r"(?<![\w.])name(?!\w)", text)
    assert not re.search(r"(?<![\w.])size(?!\w)", text)
    assert column_rows(blocks(tables_section(section))[0]) == ["thing_id", "name", "colour"]


def test_every_reference_table_a_step_reads_exists():
    reference = Path(__file__).resolve().parents[2] / "data" / "reference"
    assert all((reference / f"{name}.csv").is_file() for name in registry.reference_names())


def test_each_source_file_is_read_by_one_source():
    raw = Path(__file__).resolve().parents[2] / "data" / "raw"
    for path in raw.iterdir():
        readers = [s.key for s in registry.sources() if s.matches(path.name)]
        assert len(readers) == 1, (path.name, readers)
