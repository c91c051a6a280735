# The two commands of the README: `make demo` and `make test`. Everything else is a step of them.
SHELL := /bin/bash
UV := python -m uv
RUN := $(UV) run --frozen
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: demo test setup setup-test lint fmt test-sqlite test-postgres test-e2e messages check-messages

demo: setup
	STADTGESPRAECHE_DEMO=1 $(RUN) stadtgespraeche migrate --noinput
	STADTGESPRAECHE_DEMO=1 $(RUN) stadtgespraeche load_reference_data
	STADTGESPRAECHE_DEMO=1 $(RUN) stadtgespraeche load_demo
	STADTGESPRAECHE_DEMO=1 $(RUN) stadtgespraeche runserver --insecure 127.0.0.1:8000

test: setup setup-test lint test-sqlite test-postgres test-e2e

setup:
	./scripts/setup.sh

setup-test:
	./scripts/setup-test.sh

lint:
	./scripts/lint.sh

test-sqlite:
	$(RUN) pytest

test-postgres:
	./scripts/with-postgres.sh $(RUN) pytest

test-e2e:
	$(RUN) pytest -m e2e src/tests/e2e

fmt:
	$(RUN) ruff check --fix .
	$(RUN) ruff format .
	$(RUN) djangofmt src/stadtgespraeche
	$(RUN) djangofmt check --fix src/stadtgespraeche

messages:
	./scripts/messages.sh

check-fmt:
	$(RUN) ruff check --fix .
	$(RUN) ruff format .
	$(RUN) djangofmt src/stadtgespraeche
	$(RUN) djangofmt check --fix src/stadtgespraeche

messages:
	$(RUN) python scripts/check_messages.py
