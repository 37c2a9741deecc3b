# Two commands do all the set-up: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= data/funnel.db
PORT ?= 8501

.PHONY: run test test-fast lint format demo venv clean bench screenshots

$(BIN)/.installed: requirements.txt requirements-dev.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

venv: $(BIN)/.installed

## Start the app; fills a demo database on first run.
run: venv
	@if [ ! -f "$(DB)" ]; then echo "Eerste start: demodatabase aanmaken in $(DB)"; $(BIN)/python -m funnel --db "$(DB)" demo; fi
	@echo "Open http://127.0.0.1:$(PORT) in uw browser (Ctrl+C stopt de app)."
	FUNNEL_DB="$(DB)" STREAMLIT_BROWSER_GATHER_USAGE_STATS=false $(BIN)/streamlit run streamlit_app.py --server.port $(PORT) --server.address 127.0.0.1 --server.headless true

## Fill (or refill) the demo database.
demo: venv
	rm -f "$(DB)" "$(DB)-wal" "$(DB)-shm"
	$(BIN)/python -m funnel --db "$(DB)" demo

## All tests: lint, format, types, domain, app (AppTest) and browser (Playwright + Debian chromium).
## In parallel (pytest-xdist, one worker per core); each browser test file runs on one worker with its server.
## mypy runs beside pytest (it waits on disk and cache, pytest's browser workers on the browser);
## both must pass.
test: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@$(BIN)/mypy > .mypy.log 2>&1 & mypy=$$!; \
	$(BIN)/python -m pytest -q -n auto --dist loadgroup; status=$$?; \
	if wait $$mypy; then echo "mypy: $$(tail -1 .mypy.log)"; else cat .mypy.log; status=1; fi; \
	rm -f .mypy.log; exit $$status

## Domain and AppTest tests only (no browser).
test-fast: venv
	$(BIN)/python -m pytest -q -n auto -m "not browser"

## ruff (lint and format) and mypy on funnel/, as the pre-commit hook runs them.
## The browser tests with a screenshot of every screen they pass, in tests/browser/screenshots.
screenshots: venv
	FUNNEL_SCREENSHOTS=1 $(BIN)/python -m pytest -q -m browser

## ruff (lint and format) and mypy on funnel/, as the pre-commit hook runs them.
lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## The benchmark of issue 7 (10k, 100k and 1M attendance rows; about 10 minutes on an idle machine): benchmarks/RESULTS.md
bench: venv
	@command -v sqlite3 >/dev/null || (apt-get update -qq && apt-get install -y -qq sqlite3 >/dev/null)
	$(BIN)/python benchmarks/bench.py --before --out benchmarks/RESULTS.md --json benchmarks/results.json

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
