# The two commands a newcomer needs: `make run` (the demo: web + worker) and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
ADDR ?= 127.0.0.1:8000
PYTEST_ARGS ?=

.PHONY: run test lint audit bench install-check stop clean

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(INSTALLED)

run: $(INSTALLED)  ## migrate, load the demo, serve web + worker until Ctrl-C (offline GitHub unless GITHUB_API_URL)
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py migrate --noinput
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py seed_demo
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py runstack --addr $(ADDR) \
		$(if $(GITHUB_API_URL),,--loopback-github var/demo-github)

test: $(INSTALLED)  ## the whole suite (DATABASE_URL / REDIS_URL when set, else SQLite + embedded Redis)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(INSTALLED)  ## ruff, mypy (django-stubs) and Django's own consistency checks
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DEBUG=1 $(BIN)/mypy .
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run

audit: $(INSTALLED)  ## known vulnerabilities in the installed dependencies (PyPI advisories); fails on any found
	@report=$$(mktemp); \
	$(BIN)/pip-audit --vulnerability-service pypi --skip-editable --progress-spinner off >$$report 2>&1; \
	status=$$?; cat $$report; \
	skipped=$$(grep -c 'could not be audited' $$report); \
	if [ "$$skipped" -gt 0 ]; then \
		echo "WARNING: pip-audit could not audit $$skipped package(s); see the skip reasons above." >&2; \
		echo "WARNING: their vulnerabilities are unknown, not absent. AUDIT_STRICT=1 makes this an error." >&2; \
		if [ -n "$$AUDIT_STRICT" ]; then status=1; fi; \
	fi; \
	rm -f $$report; exit $$status

install-check:  ## pip install . into a fresh virtualenv and run the demo from it, without tests/ on the path
	bash .ci/install-check

bench: $(INSTALLED)  ## performance scripts; they print figures (see docs/performance.md)
	@for script in benchmarks/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

stop:  ## stop the embedded Redis that `make run` or `make test` may have left running
	-$(BIN)/python -c "from pathlib import Path; from hiring.platform.embedded_redis import stop_embedded_redis; stop_embedded_redis(Path('var/redis'))"

clean: stop
	rm -rf $(VENV) var staticfiles .pytest_cache .mypy_cache .ruff_cache
