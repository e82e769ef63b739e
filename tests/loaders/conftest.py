"""Hypothesis settings for the loader tests: no deadline (the house has no timed tests; speed
goals go to benchmarks), and the blob to replay a failing example."""

from __future__ import annotations

from hypothesis import settings

settings.register_profile("loaders", deadline=None, print_blob=True)
settings.load_profile("loaders")
