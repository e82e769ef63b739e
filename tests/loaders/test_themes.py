"""Theme rules (data/reference/theme_rules.csv) on the phrases that fooled earlier versions."""

from __future__ import annotations

import pandas as pd
import pytest

from loaders.build import REFERENCE
from loaders.themes import theme_links


@pytest.fixture(scope="module")
def rules() -> pd.DataFrame:
    return pd.read_csv(REFERENCE / "theme_rules.csv", dtype=str, keep_default_na=False)


@pytest.mark.parametrize(("text", "theme", "expected"), [
    ("Migration and development; remittances", "development", True),
    ("IGAD-RCP (Inter-governmental Authority on Development)", "development", False),
    ("The website is under development", "development", False),
    ("a Roadmap for the Development and Implementation of strategies", "development", False),
    ("Social integration of migrants", "integration", True),
    ("Regional Economic Integration, Trade and Infrastructure", "integration", False),
    ("Free Movement of Persons for Regional Integration", "integration", False),
    ("Voluntary return of migrants", "returns", True),
    ("Combating trafficking in persons", "trafficking", True),
])
def test_theme_rule(rules, text, theme, expected):
    links = theme_links("process", {"p": text}, rules)
    assert (theme in {link["theme_id"] for link in links}) is expected


def test_every_link_explains_itself(rules):
    [link] = theme_links("meeting", {"m": "A workshop on migrant smuggling"},
                         rules[rules.theme_id == "smuggling"])
    assert link["matched"] == "smuggling"
    assert "migrant smuggling" in link["evidence"]
