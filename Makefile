# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8501
CHROMIUM ?= /usr/bin/chromium

RAW_AND_CODE := $(wildcard data/raw/* data/reference/* data/geo/* loaders/*.py)
PROCESSED    := data/processed/rejects.csv

.PHONY: run test lint data chromium clean

run: $(VENV)/.runtime $(PROCESSED)
	$(BIN)/streamlit run dashboard/app.py --server.port $(PORT)

test: $(VENV)/.dev $(PROCESSED) chromium
	$(BIN)/ruff check .
	CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest

lint: $(VENV)/.dev
	$(BIN)/ruff check .

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

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache test-artifacts
