"""Loaders: turn the five source documents in data/raw/ into validated, normalised tables."""
