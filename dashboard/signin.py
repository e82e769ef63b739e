"""Optional sign-in through an OpenID Connect provider, with Streamlit's own `st.login`.

Off unless `.streamlit/secrets.toml` (or a file named in the `secrets.files` option) has an
`[auth]` section; then a visitor who is not signed in gets only the sign-in page, whatever URL
they open, and the router in app.py reads no data for them. Configuration: README, "Sign-in".

The gate fails closed: a secrets file that exists but cannot be read, or an `[auth]` section
that lacks a required key, shows a page saying sign-in is misconfigured instead of the data.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from enum import Enum
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit.errors import StreamlitAuthError

from dashboard import navigation, ui

LOG = logging.getLogger(__name__)
TITLE = "Migration diplomacy dashboard"
# Streamlit's default (unnamed) provider: these keys sit directly under [auth].
REQUIRED_KEYS = (
    "redirect_uri",
    "cookie_secret",
    "client_id",
    "client_secret",
    "server_metadata_url",
)


class Access(Enum):
    """What this visitor may see."""

    OPEN = "no sign-in configured: everyone sees the dashboard"
    SIGNED_IN = "signed in: the dashboard, with their name and a sign-out"
    SIGN_IN = "not signed in: only the sign-in page"
    MISCONFIGURED = "sign-in configured but unusable: only a page saying so"


KEPT_OUT = frozenset({Access.SIGN_IN, Access.MISCONFIGURED})


class UnreadableSecrets(Exception):
    """A secrets file exists but Streamlit could not read it."""


def auth_settings() -> Mapping[str, Any] | None:
    """The `[auth]` section of the app's secrets, or None when no secrets file exists or it has
    no `[auth]` section. Raises UnreadableSecrets when a secrets file exists but cannot be read,
    so that a typo in it never opens the dashboard to everyone."""
    try:
        section = st.secrets.get("auth")
    except FileNotFoundError as error:
        # Streamlit raises this for a missing file and for one it cannot parse alike.
        if any(Path(p).exists() for p in st.get_option("secrets.files")):
            raise UnreadableSecrets(str(error)) from error
        return None
    return section if isinstance(section, Mapping) else None


def missing_keys(section: Mapping[str, Any]) -> list[str]:
    """The required `[auth]` keys that `section` lacks or leaves empty, in REQUIRED_KEYS order."""
    return [key for key in REQUIRED_KEYS if not str(section.get(key, "")).strip()]


def visitor_access() -> Access:
    """What the visitor of this run may see, from the secrets and their sign-in cookie
    (`st.user`)."""
    try:
        section = auth_settings()
    except UnreadableSecrets as error:
        LOG.error("Sign-in: the secrets file cannot be read, so nobody is let in: %s", error)
        return Access.MISCONFIGURED
    if section is None:
        return Access.OPEN
    if missing := missing_keys(section):
        LOG.error(
            "Sign-in: [auth] in secrets.toml lacks %s, so nobody is let in", ", ".join(missing)
        )
        return Access.MISCONFIGURED
    return Access.SIGNED_IN if st.user.get("is_logged_in") is True else Access.SIGN_IN


def user_name() -> str:
    """How to name the signed-in user: their name, else e-mail, else subject identifier."""
    for claim in ("name", "email", "sub"):
        if value := st.user.get(claim):
            return str(value)
    return "unknown user"


def sign_in_page() -> None:
    """The page a visitor who is not signed in sees: what this is, and a sign-in button."""
    ui.header(TITLE, "Mechanisms, meetings and USCIS engagements, for signed-in users.")
    st.write("Sign in with your organisation's account to see the dashboard.")
    if st.button("Sign in", type="primary", icon=":material/login:"):
        try:
            st.login()
        except StreamlitAuthError as error:
            LOG.error("Sign-in: st.login refused the settings: %s", error)
            st.error(
                "Sign-in is not available right now. Whoever runs the dashboard can find "
                "why in the server log."
            )


def misconfigured_page() -> None:
    """The page everyone sees while sign-in is configured but unusable (details in the log)."""
    ui.header(TITLE)
    st.error(
        "Sign-in is switched on for this dashboard but its settings are incomplete or "
        "unreadable, so nobody can sign in. Whoever runs the dashboard can find what is "
        "wrong in the server log."
    )


def gate_pages(access: Access) -> list[st.Page]:
    """Fresh pages for a visitor kept out (`access` in KEPT_OUT): every menu URL draws the
    sign-in page (or the misconfigured page), so a shared link (/membership?region=Africa) opens
    it without "page not found", and the page list carries no menu titles."""
    draw = misconfigured_page if access is Access.MISCONFIGURED else sign_in_page
    return [
        st.Page(draw, title="Sign in", url_path=name, default=index == 0)
        for index, (name, _title) in enumerate(navigation.MENU)
    ]


def account() -> None:
    """In the sidebar: who is signed in, and a sign-out button."""
    with st.sidebar:
        st.markdown(f"Signed in as **{ui.escape_markdown(user_name())}**")
        if st.button("Sign out", icon=":material/logout:", key="sign_out"):
            st.logout()
