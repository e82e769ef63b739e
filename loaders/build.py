"""The build: data/raw + data/reference -> data/processed, validated, written atomically.

run() in three parts, as in owid/etl: load inputs, process data, save outputs. What to read
and which tables come out is declared in loaders/registry.py; this module only runs it.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from loaders import registry
from loaders.countries import CountryResolver
from loaders.geo import OUTLINES, read_outlines
from loaders.groups import CountryGroups
from loaders.registry import BuildContext, Derived, SourceFile, Step
from loaders.schemas import validate_tables

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
REFERENCE = ROOT / "data" / "reference"
PROCESSED = ROOT / "data" / "processed"


class BuildError(Exception):
    """The build cannot produce valid tables; the message says why, in words."""


@dataclass
class BuildResult:
    """Validated tables (including rejects), and warnings for the reviewer."""

    tables: dict[str, pd.DataFrame]
    warnings: list[str] = field(default_factory=list)


def source_text(data: bytes) -> str:
    """A source's text from its bytes: UTF-8, a byte order mark dropped, CRLF line ends read
    as LF; UnicodeDecodeError when the bytes are not UTF-8."""
    return data.decode("utf-8-sig").replace("\r\n", "\n")


def read_source(raw_dir: Path, name: str) -> str:
    """A source file's text (see source_text); BuildError if it is missing or not UTF-8."""
    path = raw_dir / name
    try:
        return source_text(path.read_bytes())
    except FileNotFoundError as exc:
        raise BuildError(f"missing source file {path}") from exc
    except UnicodeDecodeError as exc:
        raise BuildError(f"{path} is not UTF-8 text ({exc.reason} at byte {exc.start})") from exc


def read_source_files(raw_dir: Path, source: registry.Source) -> list[SourceFile]:
    """Every file of raw_dir a source reads, with its text; BuildError when there is none."""
    paths = source.files(raw_dir)
    if not paths:
        raise BuildError(f"missing source file: nothing in {raw_dir} matches {source.pattern}")
    return [SourceFile(p.name, read_source(raw_dir, p.name)) for p in paths]


def read_reference(reference_dir: Path, names: list[str] | None = None) -> dict[str, pd.DataFrame]:
    """The reference tables the registry's steps read (or `names`), as DataFrames of text;
    BuildError when one is missing or broken."""
    out = {}
    for name in registry.reference_names() if names is None else names:
        try:
            out[name] = pd.read_csv(reference_dir / f"{name}.csv", dtype=str, keep_default_na=False)
        except (FileNotFoundError, pd.errors.ParserError) as exc:
            raise BuildError(f"reference table {name}.csv cannot be read: {exc}") from exc
    return out


def _frame(rows: list[dict] | pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Rows as a DataFrame with the schema's columns in the schema's order."""
    if not isinstance(rows, pd.DataFrame):
        return pd.DataFrame(rows, columns=columns)
    # A frame with other columns is left as it is, for the validation to name them.
    return rows[columns] if set(rows.columns) == set(columns) else rows


def run(
    raw_dir: Path = RAW,
    reference_dir: Path = REFERENCE,
    outlines_path: Path = OUTLINES,
    steps: tuple[Step, ...] | None = None,
) -> BuildResult:
    """Build every table the registry's steps (default: registry.STEPS) declare, in order;
    never raises for a bad row (it becomes a reject)."""
    steps = registry.STEPS if steps is None else steps
    # Load inputs
    files = {s.key: read_source_files(raw_dir, s) for s in registry.sources(steps)}
    try:
        outlines = read_outlines(outlines_path)
    except Exception as exc:  # pyogrio raises several types for an unreadable file
        raise BuildError(f"country outlines {outlines_path} cannot be read: {exc}") from exc
    ctx = BuildContext(
        read_reference(reference_dir, registry.reference_names(steps)),
        CountryResolver.from_reference(reference_dir),
        CountryGroups.from_reference(reference_dir),
        outlines,
    )

    # Process data
    for step in steps:
        try:
            emitted = (
                step.build(ctx) if isinstance(step, Derived) else step.load(files[step.key], ctx)
            )
        except registry.ReferenceTableError as exc:
            raise BuildError(f"step {step.key}: {exc}") from exc
        declared = set(step.tables) | set(step.extends)
        if set(emitted) != declared:
            raise BuildError(
                f"step {step.key} emitted {sorted(emitted)}, its registry entry "
                f"declares {sorted(declared)}"
            )
        for name, schema in step.tables.items():
            ctx.tables[name] = _frame(emitted[name], list(schema.columns))
        for name in step.extends:
            columns = list(registry.schemas(steps)[name].columns)
            added = _frame(emitted[name], columns)
            ctx.tables[name] = (
                pd.concat([ctx.tables[name], added], ignore_index=True)
                if len(added)
                else ctx.tables[name]
            )

    validated, problems = validate_tables(ctx.tables, registry.schemas(steps))
    if problems:
        raise BuildError("validation failed:\n  " + "\n  ".join(problems))
    warnings = ctx.warnings + [
        f"country alias never used: {a!r}" for a in ctx.countries.unused_aliases()
    ]
    warnings += [
        f"country group never used: {g}" for g in sorted(set(ctx.groups.members) - ctx.groups.used)
    ]
    return BuildResult(validated, warnings)


def _to_csv_frame(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == bool:
            out[column] = out[column].map({True: "true", False: "false"})
    return out


def write_tables(tables: dict[str, pd.DataFrame], out_dir: Path) -> None:
    """Write every table as UTF-8 CSV into a temporary folder, then swap it into out_dir."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f"{out_dir.name}.tmp-", dir=out_dir.parent))
    try:
        for name, frame in tables.items():
            _to_csv_frame(frame).to_csv(
                tmp / f"{name}.csv", index=False, lineterminator="\n", float_format="%.4f"
            )
        old = out_dir.with_name(out_dir.name + ".old")
        if old.exists():
            shutil.rmtree(old)
        if out_dir.exists():
            out_dir.rename(old)
        tmp.rename(out_dir)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
