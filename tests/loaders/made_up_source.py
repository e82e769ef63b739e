"""A sixth source that exists only in the tests: one loader and one registry entry, to prove
that adding a source needs nothing else.

The made-up document lists ministerial visits, tab-separated: date, country, mechanism.
"""

from __future__ import annotations

import pandera.pandas as pa

from loaders import registry
from loaders.registry import BuildContext, Source, SourceFile

FILE = "ministerial_visits_2017.txt"
TEXT = (
    "Ministerial visits 2017\n"
    "\n"
    "Date\tCountry\tMechanism\n"
    "2017-03-02\tAruba\tRegional Conference on Migration (RCM)\n"
    "2017-05-09\tGreenland\tBudapest Process\n"
    "2017-06-01\tAtlantis\tBudapest Process\n"
    "2017-07-01 no tabs here\n"
)
# Read from TEXT: two visits, Aruba (ABW) and Greenland (GRL), on lines 4 and 5; Atlantis is
# no country (line 6) and line 7 has one cell: both rejects.
SCHEMA = pa.DataFrameSchema(
    {
        "visit_date": pa.Column(str, pa.Check.str_matches(r"^\d{4}-\d{2}-\d{2}$"), coerce=True),
        "iso3": pa.Column(str, pa.Check.str_matches(r"^[A-Z]{3}$"), coerce=True),
        "process_id": pa.Column(str, coerce=True),
        "source_line": pa.Column("Int64", coerce=True),
    },
    strict=True,
)


def load_visits(files: list[SourceFile], ctx: BuildContext) -> dict[str, list[dict]]:
    """The visits of the one file; a row with no known country or not three cells is a
    reject."""
    rows = []
    source = files[0]
    processes = ctx.processes()
    for number, line in enumerate(source.text.split("\n"), start=1):
        cells = line.split("\t")
        if len(cells) == 1 or cells[0] == "Date":
            if line.strip() and line[:4].isdigit():
                ctx.rejects.add(source.name, number, "row", line, "expected 3 cells, found 1")
            continue
        iso3 = ctx.countries.resolve(cells[1])
        if iso3 is None:
            ctx.rejects.add(source.name, number, "country", cells[1], "no such country")
            continue
        for process_id in processes.resolve(cells[2]):
            rows.append(
                {
                    "visit_date": cells[0],
                    "iso3": iso3,
                    "process_id": process_id,
                    "source_line": number,
                }
            )
    return {"visits": rows}


VISITS = Source("visits", FILE, load_visits, {"visits": SCHEMA}, title="Ministerial visits")


def steps_with_visits() -> tuple[registry.Step, ...]:
    """The registry's steps with the made-up source added after the other sources (before the
    derived steps, so countries and rejects see its rows)."""
    sources = tuple(registry.sources())
    derived = tuple(s for s in registry.STEPS if s not in sources)
    return (*sources, VISITS, *derived)
