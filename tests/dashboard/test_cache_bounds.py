"""Every cache whose arguments come from users (filters, rows shown) is bounded, so memory stays
bounded however many combinations users try; caches keyed by a fixed set (a table name, an
entity type) need no bound."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

from dashboard import charts, data, views

# Keyed by one of a fixed, small set: a table name, an entity type, a mechanism, a source file.
FIXED_KEYS = {
    "table",
    "theme_names_by_entity",
    "past_events",
    "past_event_hosts",
    "raw_lines",
    "other_year_report_meetings",
}


VIEW_MODULES = [
    importlib.import_module(f"dashboard.views.{m.name}")
    for m in pkgutil.iter_modules(views.__path__)
]


def cached_functions():
    for module in (data, charts, *VIEW_MODULES):
        for name, value in vars(module).items():
            if hasattr(value, "_info") and hasattr(value._info, "max_entries"):
                yield f"{module.__name__}.{name}", value


@pytest.mark.parametrize(
    ("name", "cached"), list(cached_functions()), ids=[n for n, _ in cached_functions()]
)
def test_a_cache_keyed_by_user_input_is_bounded(name, cached):
    takes_arguments = bool(inspect.signature(cached._info.func).parameters)
    if takes_arguments and name.rsplit(".", 1)[-1] not in FIXED_KEYS:
        assert cached._info.max_entries is not None, f"{name} caches without a bound"


def test_every_figure_builder_is_bounded():
    builders = [
        v
        for v in vars(charts).values()
        if callable(v) and getattr(v, "__wrapped__", None) is not None
    ]
    assert builders, "no cached figure builder found"
    # charts.cached builds one bounded cache per builder; its closure holds that cache.
    for builder in builders:
        caches = [
            c.cell_contents for c in builder.__closure__ or () if hasattr(c.cell_contents, "_info")
        ]
        assert caches and all(c._info.max_entries for c in caches), builder.__name__
