"""Documents: the Bali Process action tracker and the RCM report on extra-regional migrants."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, filters, ui
from dashboard.views import documents as view_of

ui.header(
    "Documents",
    "Two reports read into tables: the Bali Process action tracker and the "
    "RCM working group on extra-regional migrants.",
)
choices = view_of.document_choices()
bali_tab, rcm_tab = st.tabs(["Bali Process action tracker", "RCM extra-regional migrants"])

with bali_tab:
    c1, c2 = st.columns(2)
    sections, unknown_sections = filters.checked_multiselect(
        c1, "Heading", choices.sections, "bali_heading", "All headings"
    )
    statuses, unknown_statuses = filters.checked_multiselect(
        c2, "Status", choices.statuses, "bali_status", "Any status"
    )
    filters.unknown_notice("Bali Process heading", unknown_sections, "left out of the filter.")
    filters.unknown_notice("action status", unknown_statuses, "left out of the filter.")
view = view_of.documents_view(tuple(sections), tuple(statuses))

with bali_tab:
    st.caption(
        "How the status is derived: from what each action's own status text says "
        "about the action itself — completed if what it set out to deliver has been "
        "delivered (established, finalised and made available, convened for the first "
        "time), even while follow-up goes on, or if it reports only finished steps; "
        "ongoing if work is under way or a step is done and the next one set; planned "
        "if it names only future steps; dormant if it says the work stopped; unknown if "
        "it says none of these. The evidence column quotes the deciding clause."
    )
    st.caption(
        "Who is empty where the report does not show which row a Who cell belongs to, "
        "or where the scrape dropped the name; the Who note says which, and quotes the "
        "text as written."
    )
    if view.actions.empty:
        ui.nothing_matches("actions")
    else:
        c = view.actions_chart
        charts.show(
            charts.bar(
                view.counts,
                "section",
                "actions",
                colour="status_category",
                order=view.section_order,
                labels={"section": "", "actions": "Actions", "status_category": "Status"},
                title=c.title,
                subtitle=c.subtitle,
                source=c.source,
                horizontal=True,
                colours=charts.STATUS_COLOURS,
            ),
            c.file_name,
        )
        ui.table(
            view.actions,
            {
                "item": "Item",
                "action": "Action",
                "who": "Who",
                "status_category": "Status",
                "status_evidence": "Evidence",
                "status": "Status text as written",
                "who_note": "Who note",
                "footnotes": "Footnote",
                "section": "Heading",
            },
            view.actions_file,
            key="bali_table",
            provenance="action_items",
        )

with rcm_tab:
    st.subheader(view.report_title)
    st.caption(view.report_when)
    c = view.attendance_chart
    fig = charts.map_by_category(
        view.attendance,
        "role",
        "detail",
        colours=charts.REPORT_ROLE_COLOURS,
        title=c.title,
        subtitle=c.subtitle,
        source=c.source,
        zoom=True,
        shapes=view.shapes,
        share=3 / 4,
    )
    left, right = ui.side_by_side([3, 1])
    with left:
        ui.map_with_links(fig, c.file_name, key="rcm_map")
    with right:
        st.markdown("**Organisations and people**")
        for line in view.others:
            st.text(line)
    for section, paragraphs, expanded in view.report_sections:
        with st.expander(section, expanded=expanded):
            for text in paragraphs:
                st.text("• " + text)
