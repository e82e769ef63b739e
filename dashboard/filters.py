"""The shared sidebar filters (region, theme, mechanism kind, mechanisms), kept across pages and
written to the URL, so an analyst can send a view.

Widgets are bound to query parameters (`bind="query-params"`): the key is the parameter name,
Streamlit checks URL values against the options and drops the ones that are not allowed.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from dashboard import data, palette

KINDS = palette.KIND_LABELS
SHARED_KEYS = ("region", "theme", "kind", "mechanism")


@dataclass(frozen=True)
class Filters:
    """The shared filters' values; an empty tuple means "no restriction"."""

    regions: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    mechanisms: tuple[str, ...] = ()

    @property
    def active(self) -> bool:
        """True when any filter restricts."""
        return bool(self.regions or self.themes or self.kinds or self.mechanisms)

    def process_ids(self) -> tuple[str, ...]:
        """The mechanisms these filters leave."""
        return data.selected_processes(self.regions, self.kinds, self.themes, self.mechanisms)

    def describe(self) -> str:
        """The filters in plain words, for chart subtitles ("All mechanisms" when none)."""
        parts = []
        if self.mechanisms:
            labels = data.process_labels()
            parts.append(", ".join(labels[p] for p in self.mechanisms))
        if self.kinds:
            parts.append(" or ".join(KINDS[k].lower() for k in self.kinds))
        if self.regions:
            parts.append("region: " + " or ".join(self.regions))
        if self.themes:
            labels = data.theme_labels()
            parts.append("theme: " + " or ".join(labels[t] for t in self.themes))
        return "; ".join(parts) if parts else "All mechanisms"


def _reset() -> None:
    for key in SHARED_KEYS:
        st.session_state[key] = []


def sidebar() -> Filters:
    """Draw the shared filters in the sidebar and return their values."""
    with st.sidebar:
        st.subheader("Filters")
        regions = st.multiselect("Mechanism region", data.regions(), key="region",
                                 bind="query-params", placeholder="All regions")
        labels = data.theme_labels()
        themes = st.multiselect("Theme", list(labels), format_func=labels.get, key="theme",
                                bind="query-params", placeholder="All themes")
        kinds = st.multiselect("Mechanism kind", list(KINDS), format_func=KINDS.get,
                               key="kind", bind="query-params", placeholder="All kinds")
        names = data.process_labels()
        mechanisms = st.multiselect("Mechanisms", list(names), format_func=names.get,
                                    key="mechanism", bind="query-params",
                                    placeholder="All mechanisms")
        st.button("Reset filters", on_click=_reset, key="reset_filters",
                  disabled=not (regions or themes or kinds or mechanisms))
        st.caption("The filters are kept in the page address: copy it to share this view.")
    return Filters(tuple(regions), tuple(themes), tuple(kinds), tuple(mechanisms))


def current() -> Filters:
    """The shared filters' values as the sidebar last set them."""
    state = st.session_state
    return Filters(*(tuple(state.get(key) or ()) for key in SHARED_KEYS))
