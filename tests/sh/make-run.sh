# `make run` prints only the triples on stdout (the build's own output goes to stderr), so that
# `make run > facts.jsonl` is a file of triples.
. tests/patho/lib.sh
if [ "${BUILD:-build}" != build ]; then
    echo "make-run: checks the default build only (BUILD=$BUILD)" >&2
    exit 0
fi
# a source newer than its object: the build has something to say
touch src/main.c
make --no-print-directory run >"$T/out" 2>"$T/err"; rc=$?
status make-run-exit-0 "$rc" 0
ok make-run-built-on-stderr grep -q 'main\.o' "$T/err"
jsonl_valid make-run-stdout-only-json-lines "$T/out"
ok make-run-stdout-has-triples grep -q '"predicate":' "$T/out"
bad=$(grep -cv '"predicate":' "$T/out")
ok "make-run-every-line-a-triple ($bad others)" test "$bad" -eq 0
