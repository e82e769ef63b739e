"""The proxy's configuration (deploy/proxy.py, deploy/nginx.conf.template): what the rendered
file says, what it refuses to render, and that nginx itself accepts it."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from deploy.proxy import (
    AFFINITY_COOKIE,
    content_security_policy,
    inline_script_hashes,
    main,
    nginx_binary,
    render_nginx_config,
    streamlit_index_html,
)

# One inline script and one external one, as in Streamlit's index.html. The hash is
# `printf 'x=1' | openssl dgst -sha256 -binary | base64`.
EXAMPLE_HTML = '<script>x=1</script><script type="module" src="./a.js"></script>'
EXAMPLE_HASH = "'sha256-HyBrEcI+KMwlDe1/wAmNOCOoRnpUNA8axOU1y4VEST8='"


def render(tmp_path: Path, **overrides) -> str:
    values = {
        "listen": "127.0.0.1:8080",
        "upstreams": ["127.0.0.1:8601", "127.0.0.1:8602"],
        "hosts": ["localhost", "127.0.0.1"],
        "run_dir": tmp_path,
        "csp": "default-src 'self'",
    }
    return render_nginx_config(**{**values, **overrides})


def test_inline_scripts_are_allowed_by_their_hash_only():
    assert inline_script_hashes(EXAMPLE_HTML) == [EXAMPLE_HASH]
    script_src = next(
        d for d in content_security_policy(EXAMPLE_HTML).split("; ") if d.startswith("script-src")
    )
    assert script_src == f"script-src 'self' 'wasm-unsafe-eval' {EXAMPLE_HASH}"


def test_the_policy_allows_no_eval_no_framing_and_nothing_from_elsewhere():
    policy = content_security_policy(streamlit_index_html())
    directives = dict(d.split(" ", 1) for d in policy.split("; "))
    assert "'unsafe-eval'" not in policy
    assert directives["frame-ancestors"] == "'none'"
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    # Streamlit's index.html has one inline script today; it is allowed by hash, not by
    # 'unsafe-inline'.
    assert directives["script-src"].count("'sha256-") == 1
    assert "'unsafe-inline'" not in directives["script-src"]
    assert all(
        source.startswith("'") or source in ("data:", "blob:")
        for value in directives.values()
        for source in value.split()
    )


def test_rendered_config_names_every_worker_and_host(tmp_path):
    text = render(tmp_path)
    assert "server 127.0.0.1:8601 max_fails=1 fail_timeout=10s;" in text
    assert "server 127.0.0.1:8602 max_fails=1 fail_timeout=10s;" in text
    assert "server_name localhost 127.0.0.1;" in text
    assert f"map $cookie_{AFFINITY_COOKIE} $affinity" in text
    assert "hash $affinity consistent;" in text
    assert "listen 127.0.0.1:8080 default_server;" in text
    assert f"pid {tmp_path}/nginx.pid;" in text
    assert "@" not in text.replace("@…@", "")


@pytest.mark.parametrize(
    "override",
    [
        {"listen": "127.0.0.1:8080; include /etc/passwd"},
        {"upstreams": ["127.0.0.1:8601 backup"]},
        {"upstreams": []},
        {"hosts": []},
        {"hosts": ["evil;"]},
        {"run_dir": Path("/tmp/with space")},
        {"csp": "default-src 'self'\"; add_header X 1"},
        {"csp": "default-src $host"},
    ],
)
def test_values_that_could_break_the_file_are_refused(tmp_path, override):
    with pytest.raises(ValueError):
        render(tmp_path, **override)


def test_a_placeholder_left_unfilled_is_refused(tmp_path):
    with pytest.raises(ValueError, match="@NEW@"):
        render(tmp_path, template="listen @LISTEN@; @NEW@")


def test_nginx_accepts_the_rendered_config(tmp_path):
    config = tmp_path / "nginx.conf"
    config.write_text(render(tmp_path, csp=content_security_policy(streamlit_index_html())))
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp_path / "tmp" / sub).mkdir(parents=True)
    check = subprocess.run(
        [str(nginx_binary()), "-p", str(tmp_path), "-c", str(config), "-e", "stderr", "-t"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert check.returncode == 0, check.stderr
    assert "syntax is ok" in check.stderr


def test_render_prints_the_config_for_workers_started_elsewhere(tmp_path, capsys):
    assert (
        main(
            [
                "--render",
                "--workers",
                "3",
                "--worker-port",
                "8601",
                "--port",
                "8080",
                "--listen",
                "0.0.0.0",
                "--hosts",
                "dashboard.example.org",
                "--run-dir",
                str(tmp_path),
            ]
        )
        == 0
    )
    text = capsys.readouterr().out
    assert [line.strip() for line in text.splitlines() if line.strip().startswith("server 1")] == [
        f"server 127.0.0.1:{p} max_fails=1 fail_timeout=10s;" for p in (8601, 8602, 8603)
    ]
    assert "listen 0.0.0.0:8080;" in text and "server_name dashboard.example.org;" in text


def test_render_needs_the_worker_port():
    with pytest.raises(SystemExit):
        main(["--render"])
