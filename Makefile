# A thin wrapper over CMake. Every target builds what it needs first.
#
#   make deps                     install Debian 12 packages (scripts/install-deps.sh)
#   make build                    configure and build everything into $(BUILD_DIR)
#   make test                     every test: unit, PostgreSQL, integration, the YAML REST
#                                 conformance suite, then the ftest
#   make es-conformance           Elasticsearch's YAML REST tests against a fresh es-emulator
#   make ftest NAME=postgresql [DATA_SIZE=small|medium|large]
#   make demo                     the whole flow on sample data, start to finish
#   make clean

BUILD_DIR ?= build
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc)
NAME ?= postgresql
DATA_SIZE ?= medium
CMAKE_FLAGS ?=
ES_SPEC ?= $(CURDIR)/../shared/es-spec

.PHONY: all deps configure build test unit-test es-conformance ftest demo clean

all: build

deps:
	scripts/install-deps.sh

$(BUILD_DIR)/CMakeCache.txt:
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_FLAGS)

configure: $(BUILD_DIR)/CMakeCache.txt

build: deps configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

unit-test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

test: unit-test
	$(MAKE) es-conformance
	$(MAKE) ftest NAME=postgresql DATA_SIZE=small

es-conformance: build
	$(BUILD_DIR)/ftest/yaml_runner/es-yaml-runner --spec $(ES_SPEC) \
	  --emulator $(BUILD_DIR)/ftest/es_emulator/es-emulator \
	  --skip-list ftest/yaml_runner/skipped-tests.txt

ftest: build
	$(BUILD_DIR)/ftest/ftest --name $(NAME) --data-size $(DATA_SIZE)

demo: build
	$(BUILD_DIR)/ftest/demo

clean:
	rm -rf $(BUILD_DIR)
