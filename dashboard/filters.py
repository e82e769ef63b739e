"""The shared sidebar filters (region, theme, mechanism kind, mechanisms, overview heading), kept
across pages and written to the URL, so an analyst can send a view.

Region is geography: UN M49 regions and sub-regions select countries, and a mechanism is in
scope when a member, observer, partner or named participant lies there (mechanisms with no
country list are in every region's scope). The overview document's own headings are a filter
of their own, "Overview heading".

Widgets are bound to query parameters (`bind="query-params"`): the key is the parameter name,
Streamlit checks URL values against the options and drops the ones that are not allowed, before
the page runs. `checked_in_url` reads what the URL asked for first, so the page can say which
values it did not know.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

import streamlit as st

from dashboard import data, palette, ui

KINDS = palette.KIND_LABELS
# The field order of Filters: sidebar() and current() read the widgets in this order.
SHARED_KEYS = ("region", "theme", "kind", "mechanism", "heading")
# What each shared filter's values are called in a notice ("No region called 'Narnia'").
NOUNS = {
    "region": "region",
    "theme": "theme",
    "kind": "mechanism kind",
    "mechanism": "mechanism",
    "heading": "overview heading",
}
# session_state key prefix under which a widget's unknown URL values are remembered.
UNKNOWN = "unknown_in_url_"

T = TypeVar("T")


@dataclass(frozen=True)
class Filters:
    """The shared filters' values; an empty tuple means "no restriction".

    regions: UN M49 regions or sub-regions (geography); headings: the overview's headings."""

    regions: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    mechanisms: tuple[str, ...] = ()
    headings: tuple[str, ...] = ()

    @property
    def active(self) -> bool:
        """True when any filter restricts."""
        return bool(self.regions or self.themes or self.kinds or self.mechanisms or self.headings)

    @property
    def restricts_mechanisms(self) -> bool:
        """True when a filter other than the theme restricts the mechanisms (meetings take
        the theme on their own: a meeting's or its mechanism's)."""
        return bool(self.regions or self.kinds or self.mechanisms or self.headings)

    def process_ids(self) -> tuple[str, ...]:
        """The mechanisms these filters leave."""
        return data.selected_processes(
            self.regions, self.kinds, self.themes, self.mechanisms, self.headings
        )

    def meeting_process_ids(self) -> tuple[str, ...] | None:
        """The mechanisms whose meetings these filters leave before the theme is applied to
        the meetings themselves (None: every mechanism, and meetings of none)."""
        if not self.restricts_mechanisms:
            return None
        return data.selected_processes(self.regions, self.kinds, (), self.mechanisms, self.headings)

    def countries(self) -> tuple[str, ...] | None:
        """The countries (ISO3) of the picked regions; None when no region is picked."""
        return data.countries_in(self.regions) if self.regions else None

    def describe(self, meetings: bool = False) -> str:
        """The filters in plain words, for chart subtitles ("All mechanisms" when none).
        meetings: for charts of meetings, which the region does not confine to its countries
        (it picks the mechanisms; their meetings are shown wherever held)."""
        parts = []
        if self.mechanisms:
            labels = data.process_labels()
            parts.append(", ".join(labels[p] for p in self.mechanisms))
        if self.kinds:
            parts.append(" or ".join(KINDS[k].lower() for k in self.kinds))
        if self.regions:
            where = " or ".join(self.regions)
            parts.append(
                f"meetings of the mechanisms with a participant in {where}, wherever held"
                if meetings
                else f"countries in {where}"
            )
        if self.headings:
            parts.append("overview heading: " + " or ".join(self.headings))
        if self.themes:
            labels = data.theme_labels()
            parts.append("theme: " + " or ".join(labels[t] for t in self.themes))
        return "; ".join(parts) if parts else "All mechanisms"

    def scope_note(self, meetings: bool = False) -> str:
        """With a region picked: how many mechanisms reach it, and which ones are in scope
        only because they have no country list, each labelled why; "" without a region.
        meetings: of the mechanisms whose meetings show (the theme applies to the meetings)."""
        if not self.regions:
            return ""
        # A region restricts the mechanisms, so meeting_process_ids is not None here.
        picked = (self.meeting_process_ids() if meetings else None) or self.process_ids()
        labels = data.process_labels()
        everywhere = data.without_country_list()
        reaching = [p for p in picked if p not in everywhere]
        where = " or ".join(self.regions)
        words = [
            f"{len(reaching)} mechanism{'' if len(reaching) == 1 else 's'} with a "
            f"member, observer, partner or named participant in {where}"
        ]
        for why in (data.OPEN_TO_ALL, data.NO_COUNTRY_LIST):
            names = [labels[p] for p in picked if everywhere.get(p) == why]
            if names:
                words.append(f"{', '.join(names)} ({why}: in every region's scope)")
        return "Region is geography (UN M49): " + "; ".join(words) + "."


def _reset() -> None:
    for key in SHARED_KEYS:
        st.session_state[key] = []


def checked_in_url(
    key: str, labels: Iterable[str], draw: Callable[[], T]
) -> tuple[T, tuple[str, ...]]:
    """Draw a widget bound to the query parameter `key` (draw()) and return its value and the
    values the page address asked for that are not among its option `labels` (what the widget
    drops in silence). Those are remembered until the widget's value changes, so the notice
    stays while the page shows what it fell back to."""
    unknown = unknown_in_url(key, labels)
    value = draw()
    frozen = tuple(value) if isinstance(value, list | tuple) else value
    remembered = UNKNOWN + key
    if unknown:
        st.session_state[remembered] = (unknown, frozen)
    elif remembered in st.session_state and st.session_state[remembered][1] != frozen:
        del st.session_state[remembered]
    return value, st.session_state[remembered][0] if remembered in st.session_state else ()


def checked_multiselect(
    where: object,
    label: str,
    options: Mapping[str, str] | Sequence[str],
    key: str,
    placeholder: str,
    help: str | None = None,
) -> tuple[list[str], tuple[str, ...]]:
    """A multiselect in `where` (st, a column or the sidebar) bound to the query parameter
    `key`, checked against the page address (checked_in_url): the values picked, and the
    labels the address asked for that are not options. `options`: value -> label, or values
    shown as written."""
    labels = options if isinstance(options, Mapping) else {o: o for o in options}
    return checked_in_url(
        key,
        labels.values(),
        lambda: where.multiselect(  # type: ignore[attr-defined]
            label,
            list(labels),
            format_func=labels.__getitem__,
            key=key,
            bind="query-params",
            placeholder=placeholder,
            help=help,
        ),
    )


def unknown_in_url(key: str, labels: Iterable[str]) -> tuple[str, ...]:
    """The values the page address gives for `key` that are not among `labels`, read before
    the widget bound to it is drawn (it drops them)."""
    known = set(labels)
    return tuple(v for v in st.query_params.get_all(key) if v not in known)


def checked_country_finder() -> tuple[str | None, tuple[str, ...]]:
    """The page's "Find a country on the map" (ui.country_finder, bound to `find`): the ISO3
    picked, and the names the page address gave that are not countries."""
    return checked_in_url("find", data.country_names().values(), ui.country_finder)


def not_found(noun: str, values: Iterable[str]) -> str:
    """ "No region called 'Narnia'" ("… 'A' or 'B'" for several)."""
    return f"No {noun} called " + " or ".join(f"'{v}'" for v in values)


def unknown_notice(noun: str, values: tuple[str, ...], fallback: str) -> None:
    """Say, on the page, which values of the address are not options and what shows instead."""
    if values:
        st.warning(f"{not_found(noun, values)}: {fallback}", icon=":material/link_off:")


def sidebar() -> Filters:
    """Draw the shared filters in the sidebar and return their values; a value of the page
    address that is not an option gets a notice on the page."""
    unknown: dict[str, tuple[str, ...]] = {}
    with st.sidebar:
        st.subheader("Filters")
        # Regions by plain name (each region followed by its sub-regions): the URL carries
        # the label.
        regions, unknown["region"] = checked_multiselect(
            st,
            "Region (countries, UN M49)",
            data.region_options(),
            "region",
            "All regions",
            help="Countries in these UN M49 regions or sub-regions. A mechanism is in scope "
            "when a member, observer, partner or named participant lies there; those "
            "with no country list (open to all, or members given only as groups) are in "
            "every region's scope.",
        )
        themes, unknown["theme"] = checked_multiselect(
            st,
            "Theme",
            data.theme_labels(),
            "theme",
            "All themes",
            help="A mechanism's themes come from its own text; a meeting is about a theme "
            "when its own text or one of its mechanisms is.",
        )
        kinds, unknown["kind"] = checked_multiselect(
            st, "Mechanism kind", KINDS, "kind", "All kinds"
        )
        mechanisms, unknown["mechanism"] = checked_multiselect(
            st, "Mechanisms", data.process_labels(), "mechanism", "All mechanisms"
        )
        chosen_headings, unknown["heading"] = checked_multiselect(
            st,
            "Overview heading",
            data.headings(),
            "heading",
            "All headings",
            help="The heading the IOM overview files a mechanism under: the document's "
            "grouping, not geography (the Bali Process and the IGC are under 'Others').",
        )
        st.button(
            "Reset filters",
            on_click=_reset,
            key="reset_filters",
            disabled=not (regions or themes or kinds or mechanisms or chosen_headings),
        )
        st.caption("The filters are kept in the page address: copy it to share this view.")
    for key, values in unknown.items():
        unknown_notice(NOUNS[key], values, "left out of the filters.")
    return Filters(
        tuple(regions), tuple(themes), tuple(kinds), tuple(mechanisms), tuple(chosen_headings)
    )


def current() -> Filters:
    """The shared filters' values as the sidebar last set them."""
    state = st.session_state
    return Filters(*(tuple(state.get(key) or ()) for key in SHARED_KEYS))
