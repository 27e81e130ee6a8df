# Two entry points: `make run` (build the seeds, answer the queries, draw the graph)
# and `make test` (the whole suite). Both create .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
KG     := $(BIN)/kg

.PHONY: run test lint bench docs clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

run: $(VENV)/.installed
	$(KG) build seeds --out out
	@for q in queries/*.rq; do \
		echo; echo "== $$q: $$(sed -n 's/^# *//p;q' $$q)"; \
		$(KG) query $$q --data out/kg.ttl || exit 1; \
	done
	$(KG) viz --data out/kg.ttl --out out/graph.html

test: $(VENV)/.installed
	$(BIN)/python -m pytest -q

# The whole benchmark takes about half an hour on 2 cores; `make bench BENCH_SIZES=100` is quick.
BENCH_SIZES ?= 100 1000 10000

bench: $(VENV)/.installed
	$(BIN)/python bench/bench.py --sizes $(BENCH_SIZES) --runs 3 --query-timeout 60
	$(BIN)/python bench/viz_scale.py

# docs/cli.md from the commands' own help (a test fails when it is out of date)
docs: $(VENV)/.installed
	$(BIN)/python -m tests.cli_reference

lint: $(VENV)/.installed
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

clean:
	rm -rf out .pytest_cache
