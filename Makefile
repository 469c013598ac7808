# Ekbom's set-up lives here: `make run` and `make test` work on a fresh clone.
# Both create .venv/ at the repository root when missing and install what they need.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint check-format bench load install chromium clean

run: install
	DJANGO_DEBUG=true $(BIN)/python manage.py migrate --no-input
	DJANGO_DEBUG=true $(BIN)/python manage.py collectstatic --no-input -v 0
	DJANGO_DEBUG=true $(BIN)/python manage.py seed_demo
	DJANGO_DEBUG=true $(BIN)/python manage.py refresh_findings --if-rules-changed
	@echo ""
	@echo "  Ekbom is running on http://$(HOST):$(PORT)/"
	@echo "  Demo logins (password ekbom-demo): demo-doctor, demo-doctor2 (doctors), demo-admin (clinic admin)"
	@echo ""
	DJANGO_DEBUG=true $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install chromium lint
	$(BIN)/pytest

lint: export DJANGO_DEBUG := true
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy clinic rls
	$(BIN)/python manage.py makemigrations --check --dry-run

# The clinic size of `make bench`; 100,000 takes minutes of both cores to seed.
BENCH_PATIENTS ?= 100000

# The pages are timed with production settings (DEBUG off: no template debugging, hashed
# static names); the key is a throw-away one, as the bench serves nobody.
BENCH_ENV := DJANGO_DEBUG=false DJANGO_SECRET_KEY=bench-only-not-a-secret DJANGO_SECURE_SSL_REDIRECT=false

bench: install
	$(BIN)/python -m rls.bench
	$(BENCH_ENV) $(BIN)/python manage.py collectstatic --no-input -v 0
	$(BENCH_ENV) $(BIN)/python manage.py bench_caseload --patients $(BENCH_PATIENTS)

# A doctor's round by 32 locust users for 60 s against gunicorn on 127.0.0.1 (loadtest/run.py).
LOAD_PATIENTS ?= 5000

load: install
	$(BIN)/python loadtest/run.py --patients $(LOAD_PATIENTS)

install: $(STAMP) $(NODE_STAMP)

# Reinstall whenever a pinned requirement changes.
$(STAMP): requirements/base.txt requirements/dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "Ekbom needs Python 3.11 or newer as $(PYTHON)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements/dev.txt
	touch $@

# Bootstrap comes from the npm registry, pinned by package-lock.json; never a CDN.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Browser tests drive Debian's Chromium (Playwright cannot download its own here).
chromium:
	@test -x /usr/bin/chromium || { \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
		else \
			echo "Browser tests need Chromium: sudo apt-get install -y chromium"; exit 1; \
		fi; }

clean:
	rm -rf $(VENV) node_modules staticfiles test-results
