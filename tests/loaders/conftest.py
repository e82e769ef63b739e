"""Hypothesis settings for the loader tests: no deadline (the house has no timed tests; speed
goals go to benchmarks), and the blob to replay a failing example; the country resolver and
country groups read from the committed reference tables, once."""

from __future__ import annotations

import pytest
from hypothesis import settings

from loaders.countries import CountryResolver
from loaders.groups import CountryGroups

settings.register_profile("loaders", deadline=None, print_blob=True)
settings.load_profile("loaders")


@pytest.fixture(scope="session")
def countries() -> CountryResolver:
    return CountryResolver.from_reference()


@pytest.fixture(scope="session")
def groups() -> CountryGroups:
    return CountryGroups.from_reference()
