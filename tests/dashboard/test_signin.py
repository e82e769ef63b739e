"""Optional sign-in through the real router (dashboard/app.py): off without an [auth] section;
with one, a visitor who is not signed in gets only the sign-in page, a signed-in user the
dashboard with their name and a sign-out; settings that cannot work keep everyone out."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit import config
from streamlit.runtime.secrets import Secrets
from streamlit.testing.v1 import AppTest

from dashboard import signin

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "dashboard" / "app.py")
AUTH = {
    "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
    "cookie_secret": "a-cookie-secret-for-tests-only",
    "client_id": "dashboard",
    "client_secret": "a-client-secret-for-tests-only",
    "server_metadata_url": "http://127.0.0.1:9400/.well-known/openid-configuration",
}


def run_app(auth: dict[str, str] | None, user: dict[str, object]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    if auth is not None:
        at.secrets["auth"] = auth
    at.user = user
    return at.run()


def shows_data(at: AppTest) -> bool:
    """Whether any element that carries the tables' content was drawn."""
    return bool(at.metric or at.dataframe or at.get("plotly_chart") or at.sidebar.children)


def test_without_auth_settings_the_dashboard_opens_as_before():
    at = run_app(None, {"email": "test@example.com"})
    assert not at.exception
    assert shows_data(at)
    assert not [b for b in at.button if b.label in ("Sign in", "Sign out")]


def test_a_visitor_not_signed_in_gets_only_the_sign_in_page():
    at = run_app(AUTH, {"is_logged_in": False})
    assert not at.exception
    assert [b.label for b in at.button] == ["Sign in"]
    assert [t.value for t in at.title] == [signin.TITLE]
    assert not shows_data(at)


def test_a_signed_in_user_sees_the_dashboard_with_their_name_and_a_sign_out():
    at = run_app(AUTH, {"is_logged_in": True, "name": "Ana *Analyst*", "email": "ana@x.org"})
    assert not at.exception
    assert at.metric, "the overview's headline figures are missing"
    names = [m.value for m in at.sidebar.markdown if m.value.startswith("Signed in as")]
    # The provider's name is text: markdown in it is escaped, shown as written.
    assert names == [r"Signed in as **Ana \*Analyst\***"]
    assert at.sidebar.button(key="sign_out").label == "Sign out"


def test_signing_out_leads_back_to_the_sign_in_page():
    at = run_app(AUTH, {"is_logged_in": True, "name": "Ana Analyst"})
    at.sidebar.button(key="sign_out").click().run()
    at.run()
    assert not at.exception
    assert [b.label for b in at.button] == ["Sign in"]
    assert not shows_data(at)


def test_a_sign_in_that_streamlit_refuses_is_said_in_words(caplog):
    # AppTest's st.secrets has [auth], but st.login checks the server's own secrets files,
    # which have none here: Streamlit refuses, as it would with settings it cannot use.
    at = run_app(AUTH, {"is_logged_in": False})
    at.button[0].click().run()
    assert not at.exception
    assert "Sign-in is not available" in at.error[0].value
    assert not shows_data(at)
    assert "st.login refused the settings" in caplog.text


def test_a_user_without_a_name_claim_is_named_by_email():
    at = run_app(AUTH, {"is_logged_in": True, "email": "ana@example.org"})
    assert [m.value for m in at.sidebar.markdown if m.value.startswith("Signed in as")] == [
        r"Signed in as **ana@example\.org**"
    ]


@pytest.mark.parametrize("missing", ["client_secret", "cookie_secret", "server_metadata_url"])
def test_incomplete_auth_settings_keep_everyone_out(missing):
    auth = {key: value for key, value in AUTH.items() if key != missing}
    for user in ({"is_logged_in": False}, {"is_logged_in": True, "name": "Ana"}):
        at = run_app(auth, user)
        assert not at.exception
        assert "settings are incomplete or unreadable" in at.error[0].value
        assert not at.button and not shows_data(at)


def test_missing_keys_counts_an_empty_value_as_missing():
    assert signin.missing_keys({**AUTH, "cookie_secret": " ", "client_id": ""}) == [
        "cookie_secret",
        "client_id",
    ]
    assert signin.missing_keys(AUTH) == []


@pytest.fixture
def secrets_files(monkeypatch):
    """Point Streamlit's `secrets.files` option at test files and give st.secrets a fresh
    store, restoring both afterwards."""
    before = config.get_option("secrets.files")
    monkeypatch.setattr(st, "secrets", Secrets())

    def point_at(*paths: Path) -> None:
        config.set_option("secrets.files", [str(p) for p in paths])

    yield point_at
    config.set_option("secrets.files", before)


def test_no_secrets_file_means_no_sign_in(secrets_files, tmp_path):
    secrets_files(tmp_path / "secrets.toml")
    assert signin.auth_settings() is None
    assert signin.visitor_access() is signin.Access.OPEN


def test_a_secrets_file_without_auth_means_no_sign_in(secrets_files, tmp_path):
    (tmp_path / "secrets.toml").write_text('other = "value"\n', encoding="utf-8")
    secrets_files(tmp_path / "secrets.toml")
    assert signin.auth_settings() is None
    assert signin.visitor_access() is signin.Access.OPEN


def test_auth_settings_in_a_secrets_file_ask_for_sign_in(secrets_files, tmp_path):
    lines = ["[auth]"] + [f'{key} = "{value}"' for key, value in AUTH.items()]
    (tmp_path / "secrets.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    secrets_files(tmp_path / "secrets.toml")
    assert dict(signin.auth_settings()) == AUTH
    # Outside a session nobody is signed in.
    assert signin.visitor_access() is signin.Access.SIGN_IN


def test_an_unreadable_secrets_file_keeps_everyone_out(secrets_files, tmp_path):
    # A typo (an unclosed string) must not turn sign-in off.
    (tmp_path / "secrets.toml").write_text('[auth]\nclient_id = "dashboard\n', encoding="utf-8")
    secrets_files(tmp_path / "secrets.toml")
    with pytest.raises(signin.UnreadableSecrets):
        signin.auth_settings()
    assert signin.visitor_access() is signin.Access.MISCONFIGURED
