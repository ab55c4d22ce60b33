# make install into an empty PREFIX, then, from /: the installed feit extracts with the data in
# PREFIX/share/feit (and never writes there), the man pages read with man -M, a C program builds
# with pkg-config against the installed library and runs, the installed Python package extracts,
# `python3 -m feit.dask --local 2` writes what `feit extract` writes, and make uninstall leaves
# nothing behind.
. tests/patho/lib.sh
if [ "${BUILD:-build}" != build ]; then
    echo "install: checks the default build only (BUILD=$BUILD)" >&2
    exit 0
fi
top=$(pwd)
version=$(sed -n 's/^#define FEIT_VERSION "\(.*\)"/\1/p' src/feit.h)
major=${version%%.*}
P="$T/prefix"
mkdir -p "$P"
make --no-print-directory install PREFIX="$P" >"$T/make.log" 2>&1; rc=$?
if [ "$rc" -eq 0 ]; then pass make-install; else fail make-install "exit $rc: $(tail -5 "$T/make.log")"; fi

missing=""
for f in bin/feit lib/libfeit.so.$version lib/libfeit.so.$major lib/libfeit.so lib/libfeit.a \
    include/feit.h include/feit_export.h include/feit_index.h lib/pkgconfig/feit.pc \
    share/feit/gazetteer.bin share/feit/relations.rules share/feit/predicates.tsv share/feit/roles.tsv \
    share/feit/nl/settings share/feit/feit-context.jsonld share/doc/feit/LICENSE share/doc/feit/COPYING.data.md \
    share/man/man1/feit.1 share/man/man1/feit-extract.1 share/man/man5/feit-rules.5 \
    lib/python3/dist-packages/feit/__init__.py lib/python3/dist-packages/feit/dask.py; do
    [ -e "$P/$f" ] || missing="$missing $f"
done
ok "installed-files ${missing:+(missing:$missing)}" test -z "$missing"
ok installed-data-without-readmes test -z "$(find "$P/share/feit" -name README.md)"
ok installed-so-links test "$(readlink "$P/lib/libfeit.so")" = "libfeit.so.$major" -a "$(readlink "$P/lib/libfeit.so.$major")" = "libfeit.so.$version"
sleep 1
touch "$T/stamp"

# the installed program, from /, without FEIT_DATA: the data of PREFIX/share/feit
(cd / && env -u FEIT_DATA "$P/bin/feit" extract "$top/examples/news/") >"$T/inst.out" 2>"$T/inst.err"; rc=$?
status installed-extract-exit-0 "$rc" 0
(cd / && "$FEIT" extract "$top/examples/news/") >"$T/tree.out" 2>/dev/null
ok installed-extract-as-the-tree cmp -s "$T/inst.out" "$T/tree.out"
ok installed-extract-finds-triples grep -q '"predicate":"samenwerking"' "$T/inst.out"
# a copy of the program with no share/feit beside it: the DATADIR compiled in by make install
mkdir -p "$T/elsewhere/bin"
cp "$P/bin/feit" "$T/elsewhere/bin/feit"
(cd / && env -u FEIT_DATA "$T/elsewhere/bin/feit" extract "$top/examples/news/") >"$T/copy.out" 2>"$T/copy.err"
ok installed-datadir-compiled-in cmp -s "$T/copy.out" "$T/tree.out"
# overridden by FEIT_DATA, and --data-dir over FEIT_DATA
(cd / && FEIT_DATA="$T/nothing" "$P/bin/feit" extract "$top/examples/news/") >/dev/null 2>"$T/env.err"; rc=$?
ok installed-feit-data-overrides test "$rc" -eq 2 && has installed-feit-data-named "$T/env.err" "$T/nothing"
(cd / && FEIT_DATA="$T/nothing" "$P/bin/feit" extract --data-dir "$P/share/feit" "$top/examples/news/") >"$T/dd.out" 2>&1
ok installed-data-dir-option cmp -s "$T/dd.out" "$T/tree.out"
for c in extract compile lint; do
    "$P/bin/feit" $c --help >"$T/help" 2>&1
    has "help-$c-data-dir" "$T/help" "--data-dir DIR"
done
"$P/bin/feit" --version >"$T/version"
ok installed-version grep -qx "feit $version" "$T/version"

# the man pages, as man finds them under PREFIX
(cd / && MANPAGER=cat MANWIDTH=80 man -M "$P/share/man" feit-extract) >"$T/man" 2>"$T/man.err"
has man-feit-extract "$T/man" "feit-extract - "
has man-feit-extract-data-dir "$T/man" "--data-dir"
(cd / && MANPAGER=cat man -M "$P/share/man" 5 feit-rules) >"$T/man5" 2>&1
has man-feit-rules-5 "$T/man5" "feit-rules - "

# a C program against the installed library, with pkg-config
export PKG_CONFIG_PATH="$P/lib/pkgconfig"
ok "pkg-config-version ($version)" test "$(pkg-config --modversion feit)" = "$version"
# the libraries libfeit calls (libmicrohttpd is bin/feit serve's, not the library's)
has pc-requires-private "$P/lib/pkgconfig/feit.pc" "Requires.private: jansson libutf8proc zlib sqlite3"
has pc-libs-private "$P/lib/pkgconfig/feit.pc" "Libs.private: -lstemmer -lpthread -lm"
if cc -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -o "$T/embed" examples/embed.c $(pkg-config --cflags --libs feit) 2>"$T/cc.err"; then
    pass embed-builds-with-pkg-config
else
    fail embed-builds-with-pkg-config "$(head -c 400 "$T/cc.err")"
fi
(cd / && LD_LIBRARY_PATH="$P/lib" "$T/embed" "Rusland en Iran gaan nauwer samenwerken.") >"$T/embed.out" 2>&1
has embed-prints-the-triple "$T/embed.out" "triple  Rusland  samenwerking  Iran"
has embed-prints-entities "$T/embed.out" "entity  Iran  -> Iran (country, name, Q794)"
LD_LIBRARY_PATH="$P/lib" ldd "$T/embed" >"$T/ldd" 2>&1
has embed-uses-the-installed-library "$T/ldd" "$P/lib/libfeit.so.$major"
# statically, with the private dependencies the .pc file names
if cc -std=c11 -o "$T/embed-static" examples/embed.c $(pkg-config --cflags feit) "$P/lib/libfeit.a" \
    $(pkg-config --static --libs feit | sed 's/-lfeit //; s/-L[^ ]* //') 2>"$T/cc2.err"; then
    pass embed-links-statically-with-libs-private
else
    fail embed-links-statically-with-libs-private "$(head -c 400 "$T/cc2.err")"
fi
(cd / && "$T/embed-static" "Rusland en Iran gaan nauwer samenwerken.") >"$T/embed2.out" 2>&1
has embed-static-runs "$T/embed2.out" "triple  Rusland  samenwerking  Iran"

# the Python package, from /, with PYTHONPATH set to the installed package
PY="$P/lib/python3/dist-packages"
(cd / && PYTHONPATH="$PY" python3 -c "import feit; print(feit.extract('Rusland en Iran gaan nauwer samenwerken.'))") >"$T/py.out" 2>&1
has python-extract-prints-the-triple "$T/py.out" "'object': 'Iran', 'object_kb': 'Q794', 'object_type': 'country', 'predicate': 'samenwerking'"
(cd / && PYTHONPATH="$PY" python3 -c "import feit; print(feit.__version__); print(feit._lib.path); print(feit.Pipeline().data_dir)") >"$T/py2.out" 2>&1
ok "python-version-from-the-library ($version)" test "$(sed -n 1p "$T/py2.out")" = "$version"
ok python-finds-the-installed-library test "$(sed -n 2p "$T/py2.out")" = "$P/lib/libfeit.so.$major"
ok python-finds-the-installed-data test "$(sed -n 3p "$T/py2.out")" = "$P/share/feit"

# feit.dask on a LocalCluster of two worker processes (loopback), three shards, against feit extract
dpy=""
for py in python3 /usr/bin/python3; do
    if "$py" -c "import distributed" 2>/dev/null; then dpy=$py; break; fi
done
if [ -z "$dpy" ]; then
    fail dask-interpreter "no python3 here imports distributed (Debian: python3-distributed)"
else
    pass "dask-interpreter ($dpy)"
    mkdir -p "$T/shards"
    python3 - "$T/shards" examples/news <<'EOF'
import gzip, json, os, sys
out, src = sys.argv[1], sys.argv[2]
texts = []
for name in sorted(os.listdir(src)):
    texts += [l.strip() for l in open(os.path.join(src, name), encoding="utf-8") if len(l.strip()) > 20]
def lines(k):
    # every other record without an id: its id is "<file>:<line>", as feit extract makes it
    return "".join(json.dumps(dict({"text": t, "shard": k}, **({"id": "d%d" % i} if i % 2 else {})), ensure_ascii=False) + "\n"
                   for i, t in enumerate(texts) if i % 3 == k)
open(os.path.join(out, "a.jsonl"), "w", encoding="utf-8").write(lines(0))
with gzip.open(os.path.join(out, "b.jsonl.gz"), "wt", encoding="utf-8") as f:
    f.write(lines(1))
open(os.path.join(out, "c.jsonl"), "w", encoding="utf-8").write(lines(2) + '{"text": broken\n')
EOF
    cd "$T/shards" || exit 2
    for s in a.jsonl b.jsonl.gz c.jsonl; do "$P/bin/feit" extract "$s" >"ref-$s" 2>>ref.err; done
    PYTHONPATH="$PY" "$dpy" -m feit.dask --local 2 -o out a.jsonl b.jsonl.gz c.jsonl >dask.out 2>dask.err; rc=$?
    status dask-exit-1-for-a-skipped-line "$rc" 1
    ok dask-shard-a-as-feit-extract cmp -s out/a.jsonl ref-a.jsonl
    ok dask-shard-b-gz-as-feit-extract sh -c 'gzip -t out/b.jsonl.gz && zcat out/b.jsonl.gz | cmp -s - ref-b.jsonl.gz'
    ok dask-shard-c-as-feit-extract cmp -s out/c.jsonl ref-c.jsonl
    ok dask-output-not-empty test "$(cat ref-a.jsonl ref-b.jsonl.gz ref-c.jsonl | grep -c predicate)" -gt 5
    has dask-reports-the-skip-as-feit-extract dask.err "feit.dask: $(sed 's/^feit: //' ref.err)"
    has dask-summary dask.err "feit.dask: 3 shards on 2 workers"
    ok dask-stdout-empty test ! -s dask.out
    # a shard that fails (here: missing) is retried, named, exit 2; the others are written
    PYTHONPATH="$PY" "$dpy" -m feit.dask --local 2 --retries 1 -o out2 a.jsonl missing.jsonl >/dev/null 2>fail.err; rc=$?
    status dask-failed-shard-exit-2 "$rc" 2
    has dask-failed-shard-named fail.err "feit.dask: missing.jsonl: failed after 2 attempts"
    has dask-failed-shard-in-summary fail.err "1 failed: missing.jsonl"
    ok dask-other-shards-written cmp -s out2/a.jsonl ref-a.jsonl
    ok dask-no-output-for-failed test ! -e out2/missing.jsonl
    cd "$top" || exit 2
fi

# nothing under share/feit changed while all of that ran
changed=$(find "$P/share/feit" -newer "$T/stamp" | head -3 | tr '\n' ' ')
ok "data-dir-never-written ${changed:+($changed)}" test -z "$changed"

make --no-print-directory uninstall PREFIX="$P" >"$T/un.log" 2>&1; rc=$?
status make-uninstall "$rc" 0
left=$(find "$P" -type f -o -type l | head -5 | tr '\n' ' ')
ok "uninstall-leaves-nothing ${left:+($left)}" test -z "$left"
