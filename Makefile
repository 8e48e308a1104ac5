# The two commands of the README: `make demo` and `make test`. Each creates the
# virtual environment .venv on first use and reinstalls when pyproject.toml changes.

PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed
DEMO_OUT ?= demo-output

.PHONY: demo test check clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/vaktbot demo --out $(DEMO_OUT)

test: $(STAMP)
	scripts/ensure-postgres
	# Two pytest workers, one per core; each starts its own throwaway PostgreSQL.
	VAKTBOT_REQUIRE_POSTGRES=1 $(VENV)/bin/pytest -q -n 2

check: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

clean:
	rm -rf $(VENV) $(DEMO_OUT) .pytest_cache .mypy_cache .ruff_cache
