"""Many users share one process: no script run may change a module-level object of dashboard/
(a list, dict or set a page appends to, a figure template, a rebound global), or one user's
run would show in another's. Every page runs, with and without a filter, and each module's
globals must be the same objects with the same values afterwards."""

from __future__ import annotations
import __future__

import contextvars
import copy
import types
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import charts, data, exports, filters, navigation, settings, ui

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "dashboard" / "app.py")
MODULES = [charts, data, exports, filters, navigation, settings, ui]
PAGES = {
    "overview": {},
    "membership": {"view": "Number of mechanisms"},
    "meetings": {},
    "engagements": {},
    "country": {"country": "Mexico"},
    "mechanism": {"mechanism_profile": "PIDC"},
    "documents": {},
    "data": {},
}


def module_values(module: types.ModuleType) -> dict[str, object]:
    """A module's own globals that are data (not modules, functions, classes or
    `from __future__` flags)."""
    return {
        name: value
        for name, value in vars(module).items()
        # A ContextVar holds a value per thread (per session's run): checked apart.
        if not isinstance(value, contextvars.ContextVar)
        and not name.startswith("__")
        and not callable(value)
        and not isinstance(value, types.ModuleType | type | __future__._Feature)
    }


@pytest.mark.parametrize("page", sorted(PAGES))
def test_a_run_leaves_module_globals_as_they_were(page):
    before = {m.__name__: module_values(m) for m in MODULES}
    snapshot = copy.deepcopy(before)
    for region in ([], ["Africa"]):
        at = AppTest.from_file(APP, default_timeout=120)
        for key, value in PAGES[page].items():
            at.query_params[key] = value
        if region:
            at.query_params["region"] = region
        at.run()
        at.switch_page(f"../pages/{page}.py").run()
        assert not at.exception
    for module in MODULES:
        for name, value in vars(module).items():
            if isinstance(value, contextvars.ContextVar):
                # Set inside a run's own context only: this thread's value is still unset.
                assert value.get(None) is None, f"{module.__name__}.{name} was left set"
        after = module_values(module)
        name = module.__name__
        assert after.keys() == before[name].keys(), f"{name}: globals added or removed"
        for key, value in after.items():
            assert value is before[name][key], f"{name}.{key} was rebound by a run"
            assert value == snapshot[name][key], f"{name}.{key} was changed by a run"
