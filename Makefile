# The two commands of the README: `make demo` and `make test`. Everything else is a step of them.
SHELL := /bin/bash
UV := python -m uv
RUN := $(UV) run --frozen
PYTEST := $(RUN) pytest -ra
# The database legs run in pytest-xdist workers, one per core of the 2-core machines
# (`make test-sqlite PYTEST_WORKERS=0` runs serially); every leg lists its 25 slowest tests.
# --dist load keeps pytest-django's order within each worker (transactional tests, which
# empty the seeded tables, after the others); loadfile, loadscope and worksteal do not.
PYTEST_WORKERS ?= 2
XDIST := -n $(PYTEST_WORKERS) --dist load
DURATIONS := --durations=25

.PHONY: demo demo-code test setup setup-test lint fmt test-sqlite test-postgres test-e2e test-summary \
	clean-test-results messages check-messages

demo: setup
	STADTGESPRAECHE_DEMO=1 $(RUN) stadtgespraeche migrate --noinput
	STADTGESPRAECHE_DEMO=1 $(RUN) stadtgespraeche load_reference_data
	STADTGESPRAECHE_DEMO=1 $(RUN) stadtgespraeche load_demo
	RUN="$(RUN)" ./scripts/demo-server.sh

demo-code:
	@STADTGESPRAECHE_DEMO=1 $(RUN) stadtgespraeche demo_code

# Lint, then the three legs; each leg writes its one-line summary to test-results/legs/.
test: setup setup-test clean-test-results lint test-sqlite test-postgres test-e2e test-summary

setup:
	./scripts/setup.sh

setup-test:
	./scripts/setup-test.sh

lint:
	./scripts/lint.sh

fmt:
	$(RUN) ruff check --fix .
	$(RUN) ruff format .
	$(RUN) djangofmt src/stadtgespraeche
	$(RUN) djangofmt check --fix src/stadtgespraeche

test-sqlite:
	@echo "==> Test leg: SQLite"
	STADTGESPRAECHE_TEST_LEG=sqlite $(PYTEST) $(XDIST) $(DURATIONS)

test-postgres:
	@echo "==> Test leg: PostgreSQL"
	STADTGESPRAECHE_TEST_LEG=postgresql ./scripts/with-postgres.sh $(PYTEST) $(XDIST) $(DURATIONS)

# Serial: one live server and one axe report (test-results/axe.*) for the whole leg.
test-e2e:
	@echo "==> Test leg: browser (Chromium, axe-core)"
	STADTGESPRAECHE_TEST_LEG=browser $(PYTEST) -n 0 -m e2e src/tests/e2e $(DURATIONS) \
		--screenshot=only-on-failure --tracing=retain-on-failure

clean-test-results:
	rm -rf test-results

test-summary:
	@echo
	@echo "==> Test legs"
	@cat test-results/legs/sqlite.txt test-results/legs/postgresql.txt test-results/legs/browser.txt
	@echo
	@echo "==> axe-core per page (test-results/axe.md, details in test-results/axe.json)"
	@cat test-results/axe.md

messages:
	./scripts/messages.sh

check-messages:
	$(RUN) python scripts/check_messages.py
