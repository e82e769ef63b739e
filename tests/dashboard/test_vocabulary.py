"""One vocabulary for loaders, schemas and dashboard: every value a loader can emit (the values
the schemas allow) has a label, a colour where the dashboard colours by it, and an order."""

from __future__ import annotations

import pandas as pd

from dashboard import palette
from loaders import registry, vocabulary

# The vocabularies the dashboard's charts colour by (maps, timeline, bars).
COLOURED = {
    "country_roles",
    "report_roles",
    "bali_statuses",
    "mechanism_regions",
    "country_regions",
    "date_precisions",
    "meeting_sources",
}


def missing_display(
    vocabularies: dict[str, tuple[str, ...]],
    labels: dict[str, dict[str, str]],
    colours: dict[str, dict[str, str]],
) -> list[str]:
    """Every value with no label, every coloured value with no colour, and every colour map
    whose order is not its vocabulary's."""
    problems = []
    for name, values in vocabularies.items():
        problems += [
            f"{name}: {value!r} has no label"
            for value in values
            if value not in labels.get(name, {})
        ]
        if name in colours:
            problems += [
                f"{name}: {value!r} has no colour" for value in values if value not in colours[name]
            ]
            if [v for v in colours[name] if v in values] != list(values):
                problems.append(f"{name}: colours not in the vocabulary's order")
    return problems


def allowed_values(check) -> tuple[str, ...] | None:
    if check.name != "isin":
        return None
    return tuple(check.statistics["allowed_values"])


def test_every_value_has_a_label_a_colour_and_an_order():
    assert missing_display(vocabulary.VOCABULARIES, palette.LABELS, palette.COLOURS) == []
    assert set(palette.COLOURS) >= COLOURED


def test_a_new_value_without_a_colour_or_label_is_found():
    extended = dict(vocabulary.VOCABULARIES)
    extended["bali_statuses"] = (*vocabulary.BALI_STATUSES, "abandoned")
    assert missing_display(extended, palette.LABELS, palette.COLOURS) == [
        "bali_statuses: 'abandoned' has no label",
        "bali_statuses: 'abandoned' has no colour",
        "bali_statuses: colours not in the vocabulary's order",
    ]


def test_every_closed_column_of_every_table_takes_its_values_from_the_vocabulary():
    known = {frozenset(values) for values in vocabulary.VOCABULARIES.values()}
    closed = []
    for table, schema in registry.schemas().items():
        for column_name, column in schema.columns.items():
            for check in column.checks:
                values = allowed_values(check)
                if values is not None:
                    closed.append(f"{table}.{column_name}")
                    assert frozenset(values) in known, f"{table}.{column_name}: {values}"
    # The columns the issue names: roles, kinds, regions, statuses, date precisions.
    assert {
        "memberships.role",
        "process_organisations.role",
        "report_participants.role",
        "processes.kind",
        "processes.region",
        "countries.region",
        "action_items.status_category",
        "meetings.date_precision",
    } <= set(closed)


def test_the_built_tables_hold_only_vocabulary_values(built):
    pairs = {
        ("memberships", "role"): vocabulary.COUNTRY_ROLES,
        ("process_organisations", "role"): vocabulary.ORGANISATION_ROLES,
        ("report_participants", "role"): vocabulary.REPORT_ROLES,
        ("processes", "region"): vocabulary.MECHANISM_REGIONS,
        ("action_items", "status_category"): vocabulary.BALI_STATUSES,
        ("meetings", "date_precision"): vocabulary.DATE_PRECISIONS,
    }
    for (table, column), values in pairs.items():
        assert set(built.tables[table][column]) <= set(values), (table, column)


def test_every_theme_a_rule_can_link_has_a_label():
    reference = pd.read_csv(vocabulary.REFERENCE / "themes.csv", dtype=str, keep_default_na=False)
    rules = pd.read_csv(vocabulary.REFERENCE / "theme_rules.csv", dtype=str, keep_default_na=False)
    assert tuple(reference.theme_id) == vocabulary.theme_ids()
    assert set(rules.theme_id) <= set(vocabulary.theme_ids())
    assert reference.label.ne("").all()
