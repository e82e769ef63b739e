"""Deployment settings: the handling marking and the "as of" line.

Read from .streamlit/dashboard.toml; the environment variable DASHBOARD_MARKING overrides the
marking so one deployment can set it without editing files.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

CONFIG = Path(__file__).resolve().parents[1] / ".streamlit" / "dashboard.toml"


@dataclass(frozen=True)
class Settings:
    """marking: "" or one line shown on every chart and page; as_of: the sources' date."""

    marking: str = ""
    as_of: str = "2017"


def load_settings(path: Path = CONFIG, environ: dict[str, str] | None = None) -> Settings:
    """The settings from `path` (defaults when it is missing), with the environment's override.

    A marking is one line of plain text: line breaks become spaces.
    """
    environ = dict(os.environ) if environ is None else environ
    values: dict[str, object] = {}
    if path.exists():
        with path.open("rb") as f:
            values = tomllib.load(f)
    marking = str(environ.get("DASHBOARD_MARKING", values.get("marking", "")))
    return Settings(marking=" ".join(marking.split()), as_of=str(values.get("as_of", "2017")))


SETTINGS = load_settings()
