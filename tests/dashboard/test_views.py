"""Thin pages: each page reads "controls -> view -> charts and tables"; its one cached view
function (dashboard/views/) does every lookup and aggregation, and returns the words it
draws."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

from dashboard.filters import Filters
from dashboard.views import engagements, membership

PAGES = Path(__file__).resolve().parents[2] / "pages"
VIEWS = {
    "overview": "overview",
    "membership": "membership",
    "meetings": "meetings",
    "engagements": "engagements",
    "country": "country",
    "mechanism": "mechanism",
    "documents": "documents",
    "data": "data_tables",
}
AGGREGATION = {
    "groupby",
    "merge",
    "join",
    "pivot",
    "pivot_table",
    "value_counts",
    "sum",
    "apply",
    "crosstab",
    "isin",
    "query",
}


def imports_of(tree: ast.Module) -> set[str]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            found |= {f"{node.module}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
    return found


@pytest.mark.parametrize("page", sorted(VIEWS))
def test_a_page_asks_its_view_and_aggregates_nothing(page):
    tree = ast.parse((PAGES / f"{page}.py").read_text(encoding="utf-8"))
    imported = imports_of(tree)
    assert f"dashboard.views.{VIEWS[page]}" in imported
    assert "dashboard.data" not in imported and "pandas" not in imported
    calls = {
        node.func.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    }
    assert not calls & AGGREGATION, calls & AGGREGATION
    view = importlib.import_module(f"dashboard.views.{VIEWS[page]}")
    assert hasattr(view, f"{VIEWS[page].removesuffix('_tables')}_view")


def test_the_engagements_view_counts_what_the_choices_leave(built):
    e = built.tables["engagements"]
    view = engagements.engagements_view(Filters(), engagements.Picked(offices=("APAC",)))
    assert view.metrics["Engagements"] == str(int((e.office == "APAC").sum()))
    assert view.by_office_chart.subtitle == "APAC"
    assert set(view.by_office.office) == {"APAC"}


def test_the_membership_view_counts_and_titles_by_mode(built):
    # The overview's heading "Africa": the document's grouping (geography is tested apart).
    africa = Filters(headings=("Africa",))
    by_role = membership.membership_view(africa, ("member",))
    by_count = membership.membership_view(africa, ("member",), "Number of mechanisms", at_least=2)
    p = built.tables["processes"]
    m = built.tables["memberships"]
    members = m[m.process_id.isin(p.loc[p.region == "Africa", "process_id"]) & (m.role == "member")]
    per_country = members.groupby("iso3").process_id.nunique()
    assert len(by_role.by_country) == len(per_country)
    assert len(by_count.by_country) == int((per_country >= 2).sum())
    assert by_count.map.title == (
        f"Countries in at least 2 of the {int((p.region == 'Africa').sum())} picked mechanisms"
    )
    assert membership.most_mechanisms(africa, ("member",)) == int(per_country.max())
    assert {"lat", "lon", "map_marker", "shape_source"} <= set(by_role.by_country.columns)


def test_one_mechanism_whose_members_all_tie_draws_without_error(built):
    # The Prague Process's 50 members each take part in the one picked mechanism: rank 1 for
    # all, more than a ranked chart draws (it used to raise on the empty top ranks).
    m = built.tables["memberships"]
    members = int(((m.process_id == "prague-process") & (m.role == "member")).sum())
    view = membership.membership_view(Filters(mechanisms=("prague-process",)), ("member",))
    assert view.ranked_top.empty and len(view.ranked) == members
    assert view.ranked_chart.subtitle.endswith(
        f"all {members} countries and territories tie at rank 1, too many to draw: see the table"
    )
