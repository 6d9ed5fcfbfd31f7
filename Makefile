# ChromoFarm build entry points. `make` alone lists them.
SHELL := /bin/bash
# pipefail: `ctest | tee` must fail when ctest does.
.SHELLFLAGS := -eo pipefail -c
.DEFAULT_GOAL := help

DATA        ?= ../shared/data
DEMO_ARGS   ?= --split val --limit-cells 20
NATIVE_DIR  ?= artifacts/native
BIN_DIR     := artifacts/bin
RESULTS_DIR := artifacts/test-results
DEMO_DIR    := artifacts/demo
JOBS        ?= 2
# The runtime the CLI is published for (ReadyToRun code and native libraries of this platform only).
RID         ?= linux-$(if $(filter aarch64 arm64,$(shell uname -m)),arm64,x64)

.PHONY: help deps native build demo services test clean

help: ## List the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z]+):.*## (.*)/  make \1\t\2/' | expand -t 16

deps: ## Install the Debian packages the native core needs (quiet when present)
	@scripts/install-deps.sh

native: deps ## Configure and build the C++ core into artifacts/native (Release, incremental)
	cmake -S src/native -B $(NATIVE_DIR) -DCMAKE_BUILD_TYPE=Release --log-level=WARNING
	@# Without MAKELEVEL the nested gmake does not print "Entering/Leaving directory" for every target.
	env -u MAKELEVEL cmake --build $(NATIVE_DIR) -j$(JOBS)

build: native ## Publish the CLI to artifacts/bin/chromofarm with the native core and default model
	@# A publish without a runtime identifier (before ReadyToRun) left every platform's native libraries here.
	rm -rf $(BIN_DIR)/runtimes
	dotnet publish src/ChromoFarm.Cli -c Release -r $(RID) -o $(BIN_DIR) --no-self-contained --nologo -v q -p:NativeBuildDir=$(abspath $(NATIVE_DIR))
	@test -f $(NATIVE_DIR)/libchromofarm_native.so || { echo "build: $(NATIVE_DIR)/libchromofarm_native.so is missing; run 'make native' and check its output" >&2; exit 1; }
	cp -p $(NATIVE_DIR)/libchromofarm_native.so $(BIN_DIR)/
	@if [ -f models/default.cfm ]; then mkdir -p $(BIN_DIR)/models && cp -p models/*.cfm $(wildcard models/*.cfs) $(BIN_DIR)/models/; \
	else echo "build: note: models/default.cfm is not in the repository yet; pass --model explicitly" >&2; fi
	@echo "built $(BIN_DIR)/chromofarm"

demo: build ## Run the embedded pipeline on sample data (DATA ?= ../shared/data, DEMO_ARGS)
	@if [ ! -d "$(DATA)" ]; then \
	  echo "demo: no images at $(DATA): get the public sets (Pki-3: Ritter & Gao 2008; BioImLab: Univ. of Padova; M-FISH: ADIR database, Univ. of Texas) laid out as DATA/pki3/manifest.csv and DATA/metaphase-mfish/, or point DATA at your own (make demo DATA=/path/to/images)" >&2; \
	  exit 2; \
	fi
	$(BIN_DIR)/chromofarm run $(DATA)/pki3/manifest.csv --out $(DEMO_DIR)/pki3-val $(DEMO_ARGS)
	$(BIN_DIR)/chromofarm run $(DATA)/metaphase-mfish/0im.png --out $(DEMO_DIR)/metaphase --model auto
	@echo "results: $(DEMO_DIR)/pki3-val/{results.csv,results.db} and $(DEMO_DIR)/metaphase/{results.csv,results.db}"

services: ## Install and start PostgreSQL, RabbitMQ and s3rver on 127.0.0.1 (idempotent; `make test` does this)
	@scripts/services.sh up >/dev/null

# The integration tests need the real services: `make test` installs and starts them (scripts/services.sh up) and
# stops, naming the service, when one cannot be had. CHROMOFARM_SKIP_SERVICES=1 is the explicit opt-out (no root,
# say): nothing is started and a test whose service is not answering is skipped, with the reason in the last line.
test: native ## Start the services, run ctest and dotnet test; the last line is "N passed, N failed, N skipped"
	@rm -rf $(RESULTS_DIR) && mkdir -p $(RESULTS_DIR)
	@if [ "$${CHROMOFARM_SKIP_SERVICES:-}" = 1 ]; then \
	  echo "test: CHROMOFARM_SKIP_SERVICES=1: no service started; a test whose service is not answering is skipped"; \
	else \
	  settings=$$(scripts/services.sh up) || { echo "test: stopped: a service the tests need could not be started (the line above says which and why); fix it, or run CHROMOFARM_SKIP_SERVICES=1 make test to skip its tests" >&2; exit 1; }; \
	  eval "$$settings"; \
	fi; \
	status=0; \
	ctest --test-dir $(NATIVE_DIR) --output-on-failure 2>&1 | tee $(RESULTS_DIR)/ctest.log || status=$$?; \
	dotnet test ChromoFarm.sln -c Release --nologo --logger trx --results-directory $(RESULTS_DIR) \
	  -p:NativeBuildDir=$(abspath $(NATIVE_DIR)) || status=$$?; \
	scripts/test-summary.sh $(RESULTS_DIR) | tee $(RESULTS_DIR)/summary.txt || status=$$?; \
	exit $$status

clean: ## Remove artifacts/
	rm -rf artifacts
