# A user's mistakes get a clear answer (issue 14): index given triples, a named input that is
# not there, --progress on stdin, --stats order whatever the threads, make run's stdout, one
# message prefix, query dates and predicates, lint on a file it does not check, and
# --max-doc-bytes with K/M/G.
. tests/patho/lib.sh
: "${BUILD:=build}"

# --- feit index given the triples extract writes by default: refused, the fix named, exit 1,
#     no index created ---
"$FEIT" extract examples/ >"$T/triples.jsonl" 2>/dev/null
"$FEIT" index -d "$T/x.db" "$T/triples.jsonl" >"$T/i.out" 2>"$T/i.err"
status index-triples-exit "$?" 1
has index-triples-names-fix "$T/i.err" "feit index: $T/triples.jsonl:1: a \`feit extract --emit triples\` record, not a document: the index loads the output of \`feit extract --emit documents\`"
ok index-triples-nothing-written test ! -e "$T/x.db"
"$FEIT" extract --emit entities examples/ >"$T/entities.jsonl" 2>/dev/null
"$FEIT" index -d "$T/x.db" "$T/entities.jsonl" 2>"$T/i.err"
status index-entities-exit "$?" 1
has index-entities-names-fix "$T/i.err" "a \`feit extract --emit entities\` record, not a document"
# documents load; a triple record further on in the same file is a bad line
"$FEIT" extract --emit documents examples/news/ >"$T/docs.jsonl" 2>/dev/null
head -n 1 "$T/triples.jsonl" >>"$T/docs.jsonl"
"$FEIT" index -d "$T/x.db" "$T/docs.jsonl" 2>"$T/i.err"
status index-mixed-exit "$?" 1
has index-mixed-report "$T/i.err" "docs.jsonl:4: a \`feit extract --emit triples\` record, not a document"
has index-mixed-loaded "$T/i.err" "3 documents loaded, 1 lines skipped"

# --- a named input that does not exist: exit 2, before anything is written ---
"$FEIT" extract -o "$T/out.jsonl" examples/ "$T/nope.txt" >"$T/m.out" 2>"$T/m.err"
status missing-input-exit "$?" 2
has missing-input-message "$T/m.err" "feit extract: $T/nope.txt: No such file or directory"
ok missing-input-no-output test ! -e "$T/out.jsonl"

# --- --progress on stdin: documents and MB read, no bar and no ETA (the size is unknown) ---
cat examples/news/*.txt | "$FEIT" extract --progress - >/dev/null 2>"$T/p.err"
status progress-stdin-exit "$?" 0
line=$(tr '\r' '\n' <"$T/p.err" | grep 'docs' | tail -n 1)
case "$line" in
"1 docs  0.0 MB  "*" MB/s"*) pass progress-stdin-line ;;
*) fail progress-stdin-line "got '$line'" ;;
esac
ok progress-stdin-no-eta test "$(grep -c 'ETA\|\[#' "$T/p.err")" -eq 0
cat examples/news/*.txt | "$FEIT" extract --progress --input-format text - 2>&1 >/dev/null | tr '\r' '\n' | grep -q '^1 docs  0\.0 MB' && pass progress-stdin-bytes || fail progress-stdin-bytes "no sane byte count"

# --- --stats: predicates by count, then name; the same for 1, 2 and 4 threads ---
for n in 1 2 4; do
    "$FEIT" extract --threads $n --stats examples/ tests/inputs/html/ >/dev/null 2>"$T/s$n.err"
    sed -n '/^triples/,/^time/p' "$T/s$n.err" | grep '^  ' >"$T/p$n"
done
ok stats-has-predicates test "$(grep -c . "$T/p1")" -ge 5
ok stats-same-2-threads cmp -s "$T/p1" "$T/p2"
ok stats-same-4-threads cmp -s "$T/p1" "$T/p4"
if python3 - "$T/p1" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1])]
keys = [(-int(n), p) for p, n in rows]
sys.exit(0 if keys == sorted(keys) and len(set(n for _, n in rows)) < len(rows) else 1)
PY
then pass stats-count-then-name; else fail stats-count-then-name "$(tr '\n' '|' <"$T/p1")"; fi

# --- make run: the build's lines go to stderr, stdout holds only records. make -n into an
#     empty build directory: every compile line is printed (nothing is run but the recursive
#     make, which is also -n) and the recipe sends them to stderr ---
make --no-print-directory -n run BUILD="$T/nobuild" BIN="$T/nobuild/bin" >"$T/mk.out" 2>"$T/mk.err"
has make-run-build-on-stderr "$T/mk.err" "-c src/lint.c -o $T/nobuild/lint.o"
ok make-run-stdout-no-compiler test "$(grep -c 'src/lint.c\|-o ' "$T/mk.out")" -eq 0
ok make-run-stdout-runs-extract grep -q "nobuild/bin/feit extract examples/" "$T/mk.out"
ok make-run-built-nothing test ! -e "$T/nobuild"

# --- one prefix: every message of extract starts with "feit extract: " ---
"$FEIT" extract --bogus examples/ >/dev/null 2>"$T/u.err"
status unknown-option-exit "$?" 2
has unknown-option-prefix "$T/u.err" "feit extract: unknown option or missing value: '--bogus'"
"$FEIT" extract -x examples/ >/dev/null 2>"$T/u.err"
has unknown-short-option-prefix "$T/u.err" "feit extract: unknown option '-x'"
printf '{"id":1}\n' >"$T/bad.jsonl"
"$FEIT" extract "$T/bad.jsonl" "$T/nope-dir/" >/dev/null 2>"$T/u.err"
"$FEIT" extract "$T/bad.jsonl" >/dev/null 2>>"$T/u.err"
"$FEIT" extract --data-dir "$T/no-data" examples/ >/dev/null 2>>"$T/u.err"
ok one-prefix test "$(grep -vc '^feit extract: \|^usage\|^  \|^Exit\|^2 usage' "$T/u.err")" -eq 0

# --- query: dates of the calendar, predicate names of the vocabulary ---
"$FEIT" index -q -d "$T/q.db" "$T/docs.jsonl" 2>/dev/null
"$FEIT" query -d "$T/q.db" --from 2020-13-45 Rusland >/dev/null 2>"$T/q.err"
status query-bad-date-exit "$?" 2
has query-bad-date-message "$T/q.err" "feit query: '2020-13-45' is not a date"
"$FEIT" query -d "$T/q.db" --to 2023-02-29 Rusland >/dev/null 2>"$T/q.err"
status query-not-leap-exit "$?" 2
"$FEIT" query -d "$T/q.db" --from 2024-02-29 --predicate president >/dev/null 2>"$T/q.err"
ok query-leap-day-ok test "$?" -ne 2
"$FEIT" query -d "$T/q.db" --predicate bogus >/dev/null 2>"$T/q.err"
status query-bad-predicate-exit "$?" 2
has query-bad-predicate-message "$T/q.err" "feit query: unknown predicate 'bogus'"
has query-lists-vocabulary "$T/q.err" "the relation vocabulary: samenwerking, overeenkomst, overleg, bezoek"
has query-lists-index "$T/q.err" "in this index: "
"$FEIT" query -d "$T/q.db" --predicate overname >/dev/null 2>"$T/q.err"
status query-known-predicate-no-facts "$?" 1

# --- lint names what it does not check ---
"$FEIT" lint README.md >"$T/l.out" 2>"$T/l.err"
status lint-readme-exit "$?" 1
has lint-readme-named "$T/l.out" "README.md: not checked: not a gazetteer list (*.tsv), a rule file (*.rules) or a directory of them"
has lint-readme-counted "$T/l.err" "feit lint: 1 problem"

# --- --max-doc-bytes with K, M and G ---
head -c 3000 /dev/zero | tr '\0' a >"$T/big.txt"; printf ' Rusland en Iran gaan samenwerken.\n' >>"$T/big.txt"
extract --max-doc-bytes 2K "$T/big.txt" >/dev/null 2>"$T/x.err"
status maxdoc-2K-skips "$?" 1
has maxdoc-2K-message "$T/x.err" "document larger than the maximum of 2048 bytes"
extract --max-doc-bytes 4K "$T/big.txt" >/dev/null 2>"$T/x.err"
status maxdoc-4K-reads "$?" 0
extract --max-doc-bytes 1M "$T/big.txt" >/dev/null 2>&1
status maxdoc-1M "$?" 0
extract --max-doc-bytes 2G "$T/big.txt" >/dev/null 2>&1
status maxdoc-2G "$?" 0
for bad in 3G 0 1T 12x -5 K; do
    extract --max-doc-bytes "$bad" "$T/big.txt" >/dev/null 2>"$T/x.err"
    status "maxdoc-rejects-$bad" "$?" 2
done
has maxdoc-message "$T/x.err" "feit extract: --max-doc-bytes must be a number of bytes from 1 to 2G (K, M and G: KiB, MiB, GiB), not 'K'"
