# The README's commands. `make install` is the idempotent step the others use.
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
# pip's find-links folder holds the local CPU build of torch; uv does not read pip's config.
FIND_LINKS ?= $(shell pip config get global.find-links 2>/dev/null || echo /opt/wheels)
export OMP_WAIT_POLICY := PASSIVE
# Python writes the bytecode of what it imports (once), instead of compiling every
# installed module up front (minutes for torch) or every import on every run
unexport PYTHONDONTWRITEBYTECODE

.PHONY: install run serve ingest seed-index test test-extra test-all eval eval-seeds eval-places eval-milvus bench lint clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	test -x $(BIN)/uv || $(BIN)/pip install -q uv
	$(BIN)/uv pip install -q --python $(PY) --find-links $(FIND_LINKS) -e '.[dev]'
	touch $@

# The served documents live in LIXIA_DOCS_DIR (data/documents/, outside the source tree),
# copied from seeds/ on the first run; uploads and deletes change that copy, never seeds/.
ingest: install
	$(BIN)/lixia-qa ingest

run: ingest
	$(BIN)/lixia-qa serve

# The fast tier (no real model, no Milvus Lite, no browser, one process): a few minutes.
FAST := not slow and not browser and not multiprocess
test: install
	$(BIN)/pytest -q -m "$(FAST)"

# The other tiers: slow (real models, training, Milvus Lite), browser (headless Chromium)
# and multiprocess (several servers over one store) tests.
test-extra: install
	$(BIN)/pytest -q -m "not ($(FAST))"

# Every tier, the fast one last (its summary closes the log).
test-all: test-extra test

# The eval asks about seeds/ itself, indexed apart from the served documents (which staff
# may have changed), so a running server never picks up the eval's index.
SEED_INDEX := build/seed-index
seed-index: install
	$(BIN)/lixia-qa ingest seeds --index $(SEED_INDEX)

# Both evals: the seeds' questions, then the other places' (each exits 1 under its guard).
eval: eval-seeds eval-places

eval-seeds: seed-index
	$(BIN)/lixia-qa eval --index $(SEED_INDEX) --json eval/results/metrics.json --run eval/results/run.jsonl --plot eval/results/chart.png

# The other places' eval (eval/places/): its questions checked against the documents,
# each place ingested into its own index under .cache/places (kept while documents,
# code and settings are unchanged), its questions asked (dev and test), figures per place
# and in total, the test split checked against eval/places/thresholds.json.
eval-places: install
	$(PY) -m eval.check_places
	$(BIN)/lixia-qa eval --places --json eval/results/places.json --run eval/results/places-run.jsonl

# The same eval with the Milvus store (a Milvus Lite file in the index directory); its
# vectors are re-used from the local index.
eval-milvus: seed-index
	LIXIA_STORE=milvus $(BIN)/lixia-qa ingest seeds --index $(SEED_INDEX)
	LIXIA_STORE=milvus $(BIN)/lixia-qa eval --index $(SEED_INDEX) --json eval/results/metrics-milvus.json

bench: install
	$(PY) bench/bench_retrieval.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy app lixia_qa ingest store retriever answer learn server ui eval
	$(BIN)/lint-imports

clean:
	rm -rf index .pytest_cache
