#!/bin/sh
# feit export --format csv: one flat RFC 4180 file; Python's csv reader gets every record back
# field for field (names with quotes, commas, backslashes, evidence with newlines and tabs).
fx=tests/export
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for f in triples odd-names; do
    "$FEIT" export --format csv -o "$tmp/$f.csv" "$fx/$f.jsonl" 2>"$tmp/err"; rc=$?
    [ "$rc" -eq 0 ] && echo "PASS csv-export-$f" || echo "FAIL csv-export-$f: exit $rc $(head -1 "$tmp/err")"
    python3 "$fx/check_csv.py" "$tmp/$f.csv" "$fx/$f.jsonl" | sed "s/^\(PASS\|FAIL\) /\1 $f-/"
done
