# The two commands of the README: `make run` and `make test`. Everything else is set-up they call.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
FONTS := $(VENV)/share/fonts/prongsai
FONTS_STAMP := $(FONTS)/.installed

.PHONY: setup system-packages deb-bench run demo-cli test test-unit test-integration test-e2e lint typecheck hooks \
	bench bench-web clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==26.3"
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

# Debian packages of deb-packages.txt (Pango/HarfBuzz for PDF, Thai fonts, poppler, LibreOffice) and
# deb-packages-web.txt (Chromium for the browser tests, PostgreSQL for the second web test run): installed when
# missing and run as root; otherwise the command to run is printed.
system-packages:
	@sh tools/system-packages.sh deb-packages.txt deb-packages-web.txt

# TH Sarabun New from a PyPI wheel (fallback: Debian's Laksaman rescaled) and a private fontconfig file.
$(FONTS_STAMP): $(STAMP) src/prongsai/reports/fontsetup.py src/prongsai/reports/fontpatch.py
	$(BIN)/python -m prongsai.reports.fontsetup $(FONTS)
	touch $(FONTS_STAMP)

setup: system-packages $(STAMP) $(FONTS_STAMP)

# Debian packages only the benchmarks need (wrk, the load generator of bench-web).
deb-bench:
	@sh tools/system-packages.sh deb-packages-bench.txt

# The web application with demo data on http://127.0.0.1:8000 (SQLite in var/); prints the demo logins.
run: setup
	PRONGSAI_DATA_DIR=var $(BIN)/prongsai serve --debug --demo

# The command-line demo: score the bundled sample results.
demo-cli: setup
	$(BIN)/prongsai score src/prongsai/samples/phitsanulok_pao_2565.csv --year 2565 \
		--agency "องค์การบริหารส่วนจังหวัดพิษณุโลก"
	$(BIN)/prongsai score src/prongsai/samples/angthong_pao_2566.csv --year 2566 \
		--agency "องค์การบริหารส่วนจังหวัดอ่างทอง"

# ruff (lint and format) and mypy with django-stubs (configured in pyproject.toml); also the pre-commit hooks.
lint: setup
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools
	$(BIN)/mypy

typecheck: setup
	$(BIN)/mypy

# pre-commit (optional, pinned in requirements-hooks.lock) and its git hook: ruff and mypy before each commit.
hooks: setup
	$(BIN)/python -m pip install --quiet -r requirements-hooks.lock
	$(BIN)/pre-commit install

# The test layers (docs/testing.md): unit = the domain core and adapters called directly, no Django; integration =
# web services, selectors and views through Django's test client and the database; e2e = the CLI (tests/e2e/cli)
# and the web system from outside, in Chromium or a subprocess (tests/e2e/web).
UNIT := tests/unit
INTEGRATION := tests/integration
E2E := tests/e2e
# The tests that use the database (all the web ones), run a second time on PostgreSQL.
DATABASE_TESTS := $(INTEGRATION) $(E2E)/web

test-unit: setup
	$(BIN)/python -m pytest -q $(UNIT)

test-integration: setup
	$(BIN)/python -m pytest -q $(INTEGRATION)

test-e2e: setup
	$(BIN)/python -m pytest -q $(E2E)

# Lint, all tests on SQLite, then the database-using tests again on a private PostgreSQL server (tools/pg-test.sh
# starts it and removes it; PRONGSAI_PG_TESTS=0 skips that run).
test: lint
	$(BIN)/python -m pytest -q
	sh tools/pg-test.sh $(BIN)/python -m pytest -q $(DATABASE_TESTS)

bench: setup
	$(BIN)/python bench/national_batch.py
	$(BIN)/python bench/reports.py

# The web latency benchmark: builds its database (a few minutes), then 30 s of load with wrk.
bench-web: setup deb-bench
	$(BIN)/python bench/web_latency.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info var
