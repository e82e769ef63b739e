"""The Streamlit dashboard: entry point, data access, chart helpers."""
