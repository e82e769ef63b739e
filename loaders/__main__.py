"""Command line: python -m loaders build [--raw DIR] [--out DIR] [--strict]."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from loaders.build import PROCESSED, RAW, REFERENCE, BuildError, run, write_tables


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, build, print a summary; return the process exit code."""
    parser = argparse.ArgumentParser(prog="python -m loaders")
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="build data/processed from data/raw")
    build.add_argument("--raw", type=Path, default=RAW)
    build.add_argument("--reference", type=Path, default=REFERENCE)
    build.add_argument("--out", type=Path, default=PROCESSED)
    build.add_argument(
        "--strict", action="store_true", help="exit 1 when any source row was rejected"
    )
    args = parser.parse_args(argv)
    try:
        result = run(args.raw, args.reference)
    except BuildError as exc:
        print(f"build failed, nothing written: {exc}", file=sys.stderr)
        return 2
    write_tables(result.tables, args.out)
    rejects = result.tables["rejects"]
    print(f"built {len(result.tables)} tables in {args.out}")
    for name, frame in result.tables.items():
        print(f"  {name:<24}{len(frame):>6} rows")
    for warning in result.warnings:
        print(f"  warning: {warning}")
    if len(rejects):
        print(f"{len(rejects)} rejects: see {args.out / 'rejects.csv'}")
    return 1 if args.strict and len(rejects) else 0


if __name__ == "__main__":
    sys.exit(main())
