"""Documents: the Bali Process action tracker and the RCM report on extra-regional migrants."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, data, ui

BALI = "Bali Process Ad Hoc Group, progress report on the 2016–2017 work plan"
RCM = "RCM, report of the fourth meeting of the ad-hoc working group on extra-regional migrants"

ui.header("Documents", "Two reports read into tables: the Bali Process action tracker and the "
          "RCM working group on extra-regional migrants.")
bali_tab, rcm_tab = st.tabs(["Bali Process action tracker", "RCM extra-regional migrants"])

with bali_tab:
    items = data.table("action_items")
    sections = list(dict.fromkeys(items.section))
    statuses = [s for s in charts.STATUS_COLOURS if s in set(items.status_category)]
    c1, c2 = st.columns(2)
    picked_sections = c1.multiselect("Heading", sections, key="bali_heading",
                                     bind="query-params", placeholder="All headings")
    picked_status = c2.multiselect("Status", statuses, key="bali_status", bind="query-params",
                                   placeholder="Any status")
    shown = items[items.section.isin(picked_sections or sections)
                  & items.status_category.isin(picked_status or statuses)]
    st.caption("How the status is derived: from what each action's own status text says "
               "about the action itself — completed if what it set out to deliver has been "
               "delivered (established, finalised and made available, convened for the first "
               "time), even while follow-up goes on, or if it reports only finished steps; "
               "ongoing if work is under way or a step is done and the next one set; planned "
               "if it names only future steps; dormant if it says the work stopped; unknown if "
               "it says none of these. The evidence column quotes the deciding clause.")
    st.caption("Who is empty where the report does not show which row a Who cell belongs to, "
               "or where the scrape dropped the name; the Who note says which, and quotes the "
               "text as written.")
    if shown.empty:
        ui.nothing_matches("actions")
    else:
        counts = shown.groupby(["section", "status_category"]).size().rename(
            "actions").reset_index()
        # Legend in reading order: completed, ongoing, planned, dormant, unknown.
        counts = counts.sort_values("status_category", key=lambda c: c.map(
            list(charts.STATUS_COLOURS).index), kind="stable")
        subtitle = "; ".join(filter(None, [", ".join(picked_sections),
                                           ", ".join(picked_status)])) or "All 29 actions"
        charts.show(charts.bar(counts, "section", "actions", colour="status_category",
                               order=[s for s in sections if s in set(counts.section)],
                               labels={"section": "", "actions": "Actions",
                                       "status_category": "Status"},
                               title="Bali Process actions by heading and status",
                               subtitle=subtitle, source=BALI, horizontal=True,
                               colours=charts.STATUS_COLOURS),
                    charts.file_name("bali actions", subtitle))
        ui.table(shown, {"item": "Item", "action": "Action", "who": "Who",
                         "status_category": "Status", "status_evidence": "Evidence",
                         "status": "Status text as written", "who_note": "Who note",
                         "footnotes": "Footnote", "section": "Heading"},
                 charts.file_name("bali process actions", subtitle), key="bali_table",
                 provenance="action_items")

with rcm_tab:
    report = data.table("reports").iloc[0]
    st.subheader(report.title)
    st.caption(f"{report.start_date} to {report.end_date} · {report.place}")
    by_country = data.report_countries()
    fig = charts.map_by_category(by_country, "role", "detail",
                                 colours=charts.REPORT_ROLE_COLOURS,
                                 title="Who attended the RCM working group, July 2017",
                                 subtitle=f"{len(by_country)} countries by first capacity "
                                          "(hover: every capacity); organisations and people "
                                          "listed beside the map", source=RCM, zoom=True)
    left, right = st.columns([3, 1])
    with left:
        ui.country_links(charts.show(fig, "rcm-extra-regional-2017-attendance", key="rcm_map"))
    with right:
        st.markdown("**Organisations and people**")
        for line in data.report_others():
            st.text(line)
    report_items = data.table("report_items")
    for section in dict.fromkeys(report_items.section):
        if section == "Participants":
            continue
        with st.expander(section, expanded=section in ("Conclusions And Recommendations",
                                                        "Next Steps")):
            for text in report_items.loc[report_items.section == section, "text"]:
                st.text("• " + text)
