# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8501
CHROMIUM ?= /usr/bin/chromium
WORKERS ?= 2
SERVE_PORT ?= 8080
# Debian's nginx binary, unpacked into the venv (no system service, no root needed to run it).
NGINX    := $(VENV)/nginx/usr/sbin/nginx

RAW_AND_CODE := $(wildcard data/raw/* data/reference/* data/geo/* loaders/*.py loaders/*/*.py)
PROCESSED    := data/processed/rejects.csv

.PHONY: run serve test loadtest test-stress lint data chromium nginx clean

# The launcher (dashboard/serve.py) runs `streamlit run dashboard/app.py` with Streamlit's
# public-IP look-up switched off.
run: $(VENV)/.runtime $(PROCESSED)
	$(BIN)/python -m dashboard.serve --server.port $(PORT)

# WORKERS app processes behind nginx on SERVE_PORT (loopback; LISTEN=0.0.0.0 and
# HOSTS="dashboard.example.org" to serve a team). See docs/deploy.md.
LISTEN ?= 127.0.0.1
HOSTS  ?= localhost 127.0.0.1
serve: $(VENV)/.runtime $(PROCESSED) nginx
	$(BIN)/python -m deploy.proxy --workers $(WORKERS) --port $(SERVE_PORT) \
		--listen $(LISTEN) --hosts "$(HOSTS)"

test: lint $(PROCESSED) chromium nginx
	CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest

# Not part of `make test`: 1, 5, 10, 25 and 50 sessions for 60 s each, direct and through the
# proxy (about 20 minutes); writes docs/reliability.md. LOADTEST_ARGS="--seconds 10" for a try.
loadtest: $(VENV)/.dev $(PROCESSED) chromium nginx
	CHROMIUM=$(CHROMIUM) $(BIN)/python -m tests.load.loadtest $(LOADTEST_ARGS)

# Not part of `make test`: the browser tests with two CPU-burning processes beside them.
test-stress: $(VENV)/.dev $(PROCESSED) chromium nginx
	CHROMIUM=$(CHROMIUM) $(BIN)/python -m tests.stress $(STRESS_ARGS)

# The same commands as .pre-commit-config.yaml. mypy reads its settings (loaders/ strict,
# dashboard/ basic) from pyproject.toml.
lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# Rebuild the processed tables only when a source, reference table or loader is newer.
data: $(PROCESSED)
$(PROCESSED): $(RAW_AND_CODE) | $(VENV)/.runtime
	$(BIN)/python -m loaders build

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

# Browser tests drive the system Chromium through Playwright; nothing downloads a browser.
chromium:
	@if [ -x "$(CHROMIUM)" ]; then exit 0; fi; \
	if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; \
	else \
		echo "Chromium is missing at $(CHROMIUM). Install it with: sudo apt-get install chromium" >&2; \
		echo "(or set CHROMIUM=/path/to/chromium)" >&2; exit 1; \
	fi

# `apt-get download` + `dpkg-deb -x`: Debian's package, without installing it system-wide, so
# no system nginx is left running on port 80. apt-get update only when the lists are empty.
nginx: $(NGINX)
$(NGINX): | $(BIN)/python
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; cd "$$tmp"; \
	if ! apt-get download nginx >/dev/null 2>&1; then \
		if [ "$$(id -u)" = "0" ]; then apt-get update -qq && apt-get download nginx >/dev/null; \
		else echo "apt-get download nginx failed; run 'sudo apt-get update' first" >&2; exit 1; fi; \
	fi; \
	dpkg-deb -x nginx_*.deb "$(CURDIR)/$(VENV)/nginx"
	$(NGINX) -v

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache test-artifacts
