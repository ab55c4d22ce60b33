# feit — GNU Makefile. `make` builds bin/feit; `make test`, `make run`, `make bench`,
# `make check-asan`, `make fuzz`, `make lint-gazetteers`. Dependencies come from
# scripts/install-deps (Debian packages via apt-get), never by hand.

CC      ?= cc
OPT     ?= -O2 -g
CSTD     = -std=c11 -D_GNU_SOURCE
WARN     = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wformat=2
PKGS     = jansson libutf8proc zlib sqlite3 libmicrohttpd
# asked when a recipe runs (=, not :=): on a fresh machine `deps` installs the packages first
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CFLAGS  += $(OPT) $(CSTD) $(WARN) $(PKG_CFLAGS) -Isrc -DHASH_NONFATAL_OOM=1 -DFEIT_DATADIR=\"$(DATADIR)\"
LDLIBS  += $(PKG_LIBS) -lstemmer -lpthread -lm

PREFIX  ?= /usr/local
DATADIR ?= $(PREFIX)/share/feit
BUILD   ?= build
BIN     ?= bin

# the library: the pipeline's top (src/*.c) and its layers (src/<layer>/*.c); see docs/architecture.md
LAYERS   := core text io entities discourse relations kg store
LIB_SRC  := $(filter-out src/main.c,$(wildcard src/*.c)) $(foreach l,$(LAYERS),$(wildcard src/$(l)/*.c))
HEADERS  := $(wildcard src/*.h src/*/*.h)
CLI_SRC  := src/main.c $(wildcard src/cli/*.c)
LIB_OBJ  := $(LIB_SRC:src/%.c=$(BUILD)/%.o)
CLI_OBJ  := $(CLI_SRC:src/%.c=$(BUILD)/%.o)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
LIBFEIT  := $(BUILD)/libfeit.a

.PHONY: all deps test run bench check-asan fuzz lint-gazetteers clean models

all: deps $(BIN)/feit models

deps:
	@scripts/install-deps

$(BUILD)/%.o: src/%.c $(HEADERS) | deps
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

$(LIBFEIT): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(AR) rcs $@ $^

$(BIN)/feit: $(CLI_OBJ) $(LIBFEIT)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(LIBFEIT) $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/check.h $(LIBFEIT)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Itests/unit -o $@ $< $(LIBFEIT) $(LDLIBS)

# Compiled gazetteer: built from gazetteers/*.tsv by `feit compile`; the loader checks its
# magic, format version and the stemmer/word-list stamp.
models: models/gazetteer.bin
models/gazetteer.bin: $(BIN)/feit $(wildcard gazetteers/*.tsv gazetteers/*.txt models/nl/*)
	@$(BIN)/feit compile --data-dir models

test: all $(UNIT_BIN)
	@LC_ALL=C FEIT=$(BIN)/feit BUILD=$(BUILD) tests/run

run: all
	@$(BIN)/feit extract examples/

bench: all
	@scripts/bench

lint-gazetteers: all
	@$(BIN)/feit lint gazetteers/ models/

# (build-asan/bin/feit has no models/ beside it: FEIT_DATA names the tree's)
ASAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
check-asan: deps
	@$(MAKE) --no-print-directory BUILD=build-asan BIN=build-asan/bin OPT="$(ASAN_FLAGS)" LDFLAGS="$(ASAN_FLAGS)" \
	    build-asan/bin/feit $(UNIT_SRC:tests/unit/%.c=build-asan/tests/%)
	@LC_ALL=C ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 FEIT_DATA=$(CURDIR)/models \
	    FEIT=build-asan/bin/feit BUILD=build-asan tests/run

fuzz: deps
	@scripts/fuzz

clean:
	rm -rf build build-asan build-fuzz bin
