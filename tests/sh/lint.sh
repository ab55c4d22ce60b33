# Gazetteer checks: `feit lint` reports each bad line as file:line:column; extract stops with
# file:line:column and exit 2 on a malformed list given with --gazetteers, loading nothing.
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
"$FEIT" lint tests/lint/bad.tsv >"$out/lint" 2>"$out/err"; rc=$?
[ "$rc" -eq 1 ] && echo "PASS lint: exit 1 on problems" || echo "FAIL lint: exit $rc, want 1"
check() { # expected line of lint output
    grep -qF -- "$1" "$out/lint" && echo "PASS lint: $1" || { echo "FAIL lint: missing '$1'"; cat "$out/lint"; }
}
check "tests/lint/bad.tsv:4:1: duplicate country 'Rusland' (first at tests/lint/bad.tsv:1)"
check "tests/lint/bad.tsv:5:6: unknown type 'land'"
check "tests/lint/bad.tsv:6:13: unknown attribute 'bevolking'"
check "tests/lint/bad.tsv:7:15: pop must be a whole number"
check "tests/lint/bad.tsv:8:14: kb must be a Wikidata id"
check "tests/lint/bad.tsv:9:5: expected 'canonical<TAB>type"
check "tests/lint/bad.tsv:10:1: empty canonical name"
check "tests/lint/bad.tsv:11:17: empty item in list"
n=$(wc -l <"$out/lint")
[ "$n" -eq 8 ] && echo "PASS lint: 8 problems reported" || echo "FAIL lint: $n problems reported, want 8"

mkdir "$out/gaz"; cp tests/lint/bad.tsv "$out/gaz/"
echo "Rusland en Iran." | "$FEIT" extract --gazetteers "$out/gaz" --input-format text - >"$out/o" 2>"$out/e"; rc=$?
[ "$rc" -eq 2 ] && echo "PASS lint: extract exits 2 on a bad list" || echo "FAIL lint: extract exit $rc, want 2"
grep -q "bad.tsv:5:6: unknown type 'land'" "$out/e" && echo "PASS lint: extract names file:line:column" || { echo "FAIL lint: extract message"; cat "$out/e"; }
[ ! -s "$out/o" ] && echo "PASS lint: nothing extracted with a half-loaded list" || echo "FAIL lint: output written"

"$FEIT" lint gazetteers/ models/ >"$out/real" 2>&1 && echo "PASS lint: the bundled gazetteers and rules are clean" || { echo "FAIL lint: bundled data has problems"; head "$out/real"; }
