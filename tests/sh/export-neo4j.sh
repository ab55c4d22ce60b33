#!/bin/sh
# feit export --format neo4j: nodes.csv + relationships.csv with neo4j-admin import headers.
# Kuzu (an embedded property-graph database, npm package `kuzu`, pinned in tests/export/node/)
# loads both files as they are and a Cypher query answers the same question as the SPARQL test;
# every record comes back with its properties. Installs Kuzu with `npm ci` on first run.
fx=tests/export
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "FAIL kuzu: node and npm are needed (Debian nodejs; npm ships with it or as Debian npm)"
    exit 1
fi
if [ ! -f "$fx/node/node_modules/kuzu/package.json" ]; then
    (cd "$fx/node" && npm ci --silent --no-audit --no-fund >"$tmp/npm.log" 2>&1) ||
        { echo "FAIL kuzu-install: npm ci failed: $(tail -3 "$tmp/npm.log" | tr '\n' ' ')"; exit 1; }
fi
for f in triples odd-names; do
    "$FEIT" export --format neo4j -o "$tmp/$f" "$fx/$f.jsonl" 2>"$tmp/err"; rc=$?
    [ "$rc" -eq 0 ] && [ -s "$tmp/$f/nodes.csv" ] && [ -s "$tmp/$f/relationships.csv" ] &&
        echo "PASS neo4j-export-$f" || echo "FAIL neo4j-export-$f: exit $rc $(head -1 "$tmp/err")"
    node "$fx/node/kuzu-check.js" "$tmp/$f" "$fx/$f.jsonl" | sed "s/^\(PASS\|FAIL\) /\1 $f-/"
done
exit 0
