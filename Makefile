# feit — GNU Makefile. `make` builds bin/feit and the library (build/libfeit.a, build/libfeit.so);
# `make test`, `make run`, `make bench`, `make check-asan`, `make fuzz`, `make lint-gazetteers`,
# `make man`, `make install PREFIX=... DESTDIR=...`, `make uninstall`. Dependencies come from
# scripts/install-deps (Debian packages via apt-get), never by hand.

CC      ?= cc
OPT     ?= -O2 -g
CSTD     = -std=c11 -D_GNU_SOURCE
WARN     = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wformat=2
PKGS     = jansson libutf8proc zlib sqlite3 libmicrohttpd gumbo uchardet libmagic
# asked when a recipe runs (=, not :=): on a fresh machine `deps` installs the packages first
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
# -fPIC -fvisibility=hidden: the same objects make libfeit.a and libfeit.so, which exports only
# what the public headers declare (they say so with `#pragma GCC visibility`)
CFLAGS  += $(OPT) $(CSTD) $(WARN) $(PKG_CFLAGS) -Isrc -DHASH_NONFATAL_OOM=1 -DFEIT_DATADIR=\"$(DATADIR)\" \
           -fPIC -fvisibility=hidden
# what libfeit itself calls (libmicrohttpd is `feit serve`'s): the shared library's links and
# the private dependencies of feit.pc
LIB_PKGS   = jansson libutf8proc zlib sqlite3 gumbo uchardet libmagic
LIB_LDLIBS = $(shell pkg-config --libs $(LIB_PKGS) 2>/dev/null) -lstemmer -lpthread -lm
# bin/feit and the tests link what the library calls; libmicrohttpd (with the TLS libraries it
# pulls in, a third of start-up) is loaded by `feit serve` when it starts (src/cli/mhd.c), so
# only its header is needed here (PKG_CFLAGS)
LDLIBS  += $(LIB_LDLIBS) -ldl
# bin/feit carries its own copies of the libraries only some inputs or subcommands call (SQLite:
# index, query, serve; gumbo, uchardet with the C++ runtime under it, libmagic with liblzma and
# libbz2: HTML, legacy encodings, file types): mapping and binding those eight shared objects
# at every start took ~3 ms of extract's 25 (issue 17). The rest stay shared: the stemmer's
# file is part of the caches' keys (rules_cache.c, gazcache.c, gender.c ask dladdr)
STATIC_LIBS = -Wl,-Bstatic -lsqlite3 -lgumbo -luchardet -lstdc++ -lmagic -llzma -lbz2 -Wl,-Bdynamic -static-libgcc
CLI_LDLIBS  = $(STATIC_LIBS) $(shell pkg-config --libs jansson libutf8proc zlib 2>/dev/null) -lstemmer -lpthread -lm -ldl

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
# the version, in one place: FEIT_VERSION in src/feit.h (soname libfeit.so.MAJOR)
VERSION  := $(shell sed -n 's/^\#define FEIT_VERSION "\(.*\)"/\1/p' src/feit.h)
MAJOR    := $(firstword $(subst ., ,$(VERSION)))
SONAME   := libfeit.so.$(MAJOR)
LIBSO    := $(BUILD)/libfeit.so.$(VERSION)

.PHONY: all deps test run eval bench check-asan fuzz lint-gazetteers clean models man install uninstall FORCE

all: deps $(BIN)/feit $(LIBSO) models

deps:
	@scripts/install-deps

$(BUILD)/%.o: src/%.c $(HEADERS) | deps
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

$(LIBFEIT): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(AR) rcs $@ $^

# the shared library, with its soname and the links a loader and a linker look for
$(LIBSO): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) -shared -Wl,-soname,$(SONAME) -Wl,--no-undefined $(LDFLAGS) -o $@ $^ $(LIB_LDLIBS)
	@ln -sf $(notdir $@) $(BUILD)/$(SONAME) && ln -sf $(SONAME) $(BUILD)/libfeit.so

$(BIN)/feit: $(CLI_OBJ) $(LIBFEIT)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(LIBFEIT) $(CLI_LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/check.h tests/unit/context.h tests/unit/made_up.h $(LIBFEIT)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Itests/unit -o $@ $< $(LIBFEIT) $(LDLIBS)

# Compiled gazetteer: built from gazetteers/*.tsv by `feit compile`; the loader checks its
# magic, format version and the stemmer/word-list stamp.
models: models/gazetteer.bin
models/gazetteer.bin: $(BIN)/feit $(wildcard gazetteers/*.tsv gazetteers/*.txt models/nl/*)
	@$(BIN)/feit compile --data-dir models

test: all $(UNIT_BIN) $(BUILD)/bench/feit-stages
	@LC_ALL=C FEIT=$(BIN)/feit BUILD=$(BUILD) tests/run

# only the triples on stdout: the build's own output goes to stderr
run:
	@$(MAKE) --no-print-directory all >&2
	@$(BIN)/feit extract examples/news/

# Accuracy on the evaluation sets outside the repository (../shared): relations (recall per
# predicate and domain, share of emitted triples in the gold) and CoNLL-2002 entities.
SHARED ?= ../shared/data
eval: all
	@if [ -f $(SHARED)/relations-dev/gold.json ]; then \
	    echo "== relations: $(SHARED)/relations-dev"; \
	    scripts/eval-relations --feit $(BIN)/feit $(SHARED)/relations-dev/news.jsonl $(SHARED)/relations-dev/gold.json; \
	else echo "make eval: no $(SHARED)/relations-dev (the evaluation data lives outside the repository)"; fi
	@if [ -f $(SHARED)/conll2002/ned.testa ]; then \
	    echo "== entities: CoNLL-2002 ned.testa"; FEIT=$(BIN)/feit scripts/eval-conll $(SHARED)/conll2002/ned.testa | sed -n 1,6p; \
	else echo "make eval: no $(SHARED)/conll2002"; fi

bench: all $(BUILD)/bench/scan $(BUILD)/bench/feit-stages
	@scripts/bench

# feit built to stop after a stage ($$FEIT_STAGES, src/pipeline.c): make bench's table of where
# the time goes (not installed)
$(BUILD)/bench/pipeline-cut.o: src/pipeline.c $(HEADERS) | deps
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -DFEIT_STAGE_CUT -c $< -o $@
$(BUILD)/bench/feit-stages: $(CLI_OBJ) $(filter-out $(BUILD)/pipeline.o,$(LIB_OBJ)) $(BUILD)/bench/pipeline-cut.o
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(CLI_LDLIBS)

# the bare hash-lookup scan make bench measures feit against (no part of feit: not installed)
$(BUILD)/bench/scan: tests/bench/scan.c
	@mkdir -p $(dir $@)
	$(CC) $(OPT) $(CSTD) $(WARN) -o $@ $<

lint-gazetteers: all
	@$(BIN)/feit lint gazetteers/ models/

# (build-asan/bin/feit has no models/ beside it: FEIT_DATA names the tree's, so the compiled
# gazetteer there is built first: a fresh clone has none)
ASAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
check-asan: deps models
	@$(MAKE) --no-print-directory BUILD=build-asan BIN=build-asan/bin OPT="$(ASAN_FLAGS)" LDFLAGS="$(ASAN_FLAGS)" \
	    build-asan/bin/feit build-asan/bench/feit-stages $(UNIT_SRC:tests/unit/%.c=build-asan/tests/%)
	@LC_ALL=C ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 FEIT_DATA=$(CURDIR)/models \
	    FEIT=build-asan/bin/feit BUILD=build-asan tests/run

fuzz: deps
	@scripts/fuzz

clean:
	rm -rf build build-asan build-fuzz bin

# ---- man pages, install, uninstall ----------------------------------------------------------
# `make install PREFIX=/usr/local DESTDIR=`: bin/feit, lib/libfeit.so.MAJOR (+ the .so link)
# and libfeit.a, include/feit*.h, lib/pkgconfig/feit.pc, share/feit/ (the data: models/ without
# its READMEs), share/doc/feit/ (LICENSE, COPYING.data.md), share/man/man1 and man5 (scdoc),
# and the Python package in lib/python3/dist-packages/feit. The installed library and program
# carry DATADIR = PREFIX/share/feit compiled in: they are linked in $(BUILD)/prefix/ from the
# same objects plus a pipeline.o built for that PREFIX (rebuilt when PREFIX changes), so the
# build of the source tree stays as it is.
LIBDIR      ?= $(PREFIX)/lib
INCLUDEDIR  ?= $(PREFIX)/include
MANDIR      ?= $(PREFIX)/share/man
DOCDIR      ?= $(PREFIX)/share/doc/feit
PYTHONDIR   ?= $(LIBDIR)/python3/dist-packages
INSTALL     ?= install
PUBLIC_H    := src/feit.h src/feit_export.h src/feit_index.h
MAN_SRC     := $(wildcard man/*.scd)
MAN_OUT     := $(MAN_SRC:man/%.scd=$(BUILD)/man/%)
PY_SRC      := $(wildcard python/feit/*.py)
PREFIXED    := $(BUILD)/prefix
INST_OBJ    := $(filter-out $(BUILD)/pipeline.o,$(LIB_OBJ)) $(PREFIXED)/pipeline.o

# the man pages' date: the last commit that touched man/ (reproducible), else now
man: $(MAN_OUT)
$(BUILD)/man/%: man/%.scd | deps
	@mkdir -p $(dir $@)
	SOURCE_DATE_EPOCH=$$(git log -1 --format=%ct -- man 2>/dev/null | grep . || date +%s) scdoc <$< >$@

# rewritten only when DATADIR changes, so that pipeline.o is rebuilt only then
$(PREFIXED)/datadir: FORCE
	@mkdir -p $(dir $@)
	@echo '$(DATADIR)' | cmp -s - $@ || echo '$(DATADIR)' >$@
$(PREFIXED)/pipeline.o: src/pipeline.c $(HEADERS) $(PREFIXED)/datadir | deps
	$(CC) $(CFLAGS) -c $< -o $@
$(PREFIXED)/libfeit.a: $(INST_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^
$(PREFIXED)/libfeit.so.$(VERSION): $(INST_OBJ)
	$(CC) -shared -Wl,-soname,$(SONAME) -Wl,--no-undefined $(LDFLAGS) -o $@ $^ $(LIB_LDLIBS)
$(PREFIXED)/feit: $(CLI_OBJ) $(PREFIXED)/libfeit.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(PREFIXED)/libfeit.a $(CLI_LDLIBS)
$(PREFIXED)/feit.pc: Makefile src/feit.h $(PREFIXED)/datadir
	@printf '%s\n' 'prefix=$(PREFIX)' 'libdir=$(LIBDIR)' 'includedir=$(INCLUDEDIR)' 'datadir=$(DATADIR)' '' \
	    'Name: feit' 'Description: named entities and relations from Dutch news (libfeit)' \
	    'Version: $(VERSION)' \
	    'Requires.private: $(LIB_PKGS)' 'Libs: -L$${libdir} -lfeit' \
	    'Libs.private: -lstemmer -lpthread -lm' 'Cflags: -I$${includedir}' >$@

install: all man $(PREFIXED)/feit $(PREFIXED)/libfeit.a $(PREFIXED)/libfeit.so.$(VERSION) $(PREFIXED)/feit.pc
	$(INSTALL) -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR) \
	    $(DESTDIR)$(DATADIR) $(DESTDIR)$(DOCDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
	    $(DESTDIR)$(PYTHONDIR)/feit
	$(INSTALL) -m 755 $(PREFIXED)/feit $(DESTDIR)$(PREFIX)/bin/feit
	$(INSTALL) -m 755 $(PREFIXED)/libfeit.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libfeit.so.$(VERSION)
	ln -sf libfeit.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libfeit.so
	$(INSTALL) -m 644 $(PREFIXED)/libfeit.a $(DESTDIR)$(LIBDIR)/libfeit.a
	$(INSTALL) -m 644 $(PREFIXED)/feit.pc $(DESTDIR)$(LIBDIR)/pkgconfig/feit.pc
	$(INSTALL) -m 644 $(PUBLIC_H) $(DESTDIR)$(INCLUDEDIR)/
	cd models && find . -type f ! -name README.md ! -name '*.tmp*' | sort | while read -r f; do \
	    $(INSTALL) -D -m 644 "$$f" "$(DESTDIR)$(DATADIR)/$$f" || exit 1; done
	$(INSTALL) -m 644 LICENSE COPYING.data.md $(DESTDIR)$(DOCDIR)/
	$(INSTALL) -m 644 $(filter %.1,$(MAN_OUT)) $(DESTDIR)$(MANDIR)/man1/
	$(INSTALL) -m 644 $(filter %.5,$(MAN_OUT)) $(DESTDIR)$(MANDIR)/man5/
	$(INSTALL) -m 644 $(PY_SRC) $(DESTDIR)$(PYTHONDIR)/feit/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/feit $(DESTDIR)$(LIBDIR)/libfeit.so.$(VERSION) \
	    $(DESTDIR)$(LIBDIR)/$(SONAME) $(DESTDIR)$(LIBDIR)/libfeit.so $(DESTDIR)$(LIBDIR)/libfeit.a \
	    $(DESTDIR)$(LIBDIR)/pkgconfig/feit.pc $(PUBLIC_H:src/%=$(DESTDIR)$(INCLUDEDIR)/%) \
	    $(patsubst $(BUILD)/man/%.1,$(DESTDIR)$(MANDIR)/man1/%.1,$(filter %.1,$(MAN_OUT))) \
	    $(patsubst $(BUILD)/man/%.5,$(DESTDIR)$(MANDIR)/man5/%.5,$(filter %.5,$(MAN_OUT)))
	rm -rf $(DESTDIR)$(DATADIR) $(DESTDIR)$(DOCDIR) $(DESTDIR)$(PYTHONDIR)/feit
