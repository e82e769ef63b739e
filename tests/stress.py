"""Browser tests under CPU contention (`make test-stress`, not part of `make test`).

Starts BURNERS processes that each keep a core busy, runs the browser suite (tests/e2e) RUNS
times in a row beside them, and stops at the first failing run. The burners are stopped
afterwards, whatever happened. Waits in the suite are on conditions, bounded by
TEST_WAIT_SECONDS (tests/waits.py).

    python -m tests.stress [--runs 3] [--burners 2] [pytest arguments...]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BURN = "while True: pass"


def start_burners(count: int) -> list[subprocess.Popen]:
    """`count` processes that each spin one core until stopped."""
    return [subprocess.Popen([sys.executable, "-c", BURN]) for _ in range(count)]


def stop(processes: Sequence[subprocess.Popen]) -> None:
    """Stop these processes (and only these), killing any that do not end in 5 s."""
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the browser suite `--runs` times beside `--burners` busy processes; the exit status
    of the first failing run, else 0."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--burners", type=int, default=2)
    args, pytest_args = parser.parse_known_args(argv)
    burners = start_burners(args.burners)
    try:
        for run in range(1, args.runs + 1):
            started = time.monotonic()
            status = subprocess.call(
                [
                    sys.executable,
                    "-m",
                    "pytest",
                    "tests/e2e",
                    "-q",
                    "-p",
                    "no:cacheprovider",
                    *pytest_args,
                ],
                cwd=ROOT,
            )
            print(
                f"stress run {run} of {args.runs} beside {args.burners} busy processes: "
                f"{'passed' if status == 0 else 'FAILED'} in "
                f"{time.monotonic() - started:.0f} s",
                flush=True,
            )
            if status != 0:
                return status
        return 0
    finally:
        stop(burners)


if __name__ == "__main__":
    sys.exit(main())
