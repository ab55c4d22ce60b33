#!/bin/sh
# End to end: `feit extract` on a short Dutch text piped into `feit export`; rapper parses the
# N-Quads and rdflib answers "with whom does Rusland have samenwerking?" with Iran.
# When extract finds no triple this test fails: it does not skip.
fx=tests/export
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
{ "$FEIT" extract "$fx/seed-like.txt" 2>"$tmp/xerr"; echo $? >"$tmp/xrc"; } | tee "$tmp/triples.jsonl" |
    "$FEIT" export --format nquads >"$tmp/out.nq" 2>"$tmp/err"
rc=$?
xrc=$(cat "$tmp/xrc")
[ "$xrc" -eq 0 ] && echo "PASS extract-runs" || echo "FAIL extract-runs: exit $xrc: $(head -2 "$tmp/xerr" | tr '\n' ' ')"
n=$(grep -c '"predicate"' "$tmp/triples.jsonl")
[ "$n" -gt 0 ] && echo "PASS extract-gives-triples" || echo "FAIL extract-gives-triples: no triple from $fx/seed-like.txt"
[ "$rc" -eq 0 ] && echo "PASS export-of-extract" || echo "FAIL export-of-extract: exit $rc: $(head -2 "$tmp/err" | tr '\n' ' ')"
[ "$n" -gt 0 ] || exit 1
if rapper -i nquads -c "$tmp/out.nq" >"$tmp/r" 2>&1 && ! grep -qE 'Error|Warning' "$tmp/r"; then
    echo "PASS rapper-nquads-of-extract"
else
    echo "FAIL rapper-nquads-of-extract: $(grep -E 'Error|Warning' "$tmp/r" | head -2 | tr '\n' ' ')"
fi
PY=
for p in /usr/bin/python3 python3; do
    if "$p" -c 'import rdflib' 2>/dev/null; then PY=$p; break; fi
done
[ -n "$PY" ] || { echo "FAIL rdflib: no python3 with rdflib (Debian python3-rdflib)"; exit 1; }
"$PY" "$fx/check.py" extract "$tmp/out.nq" "$tmp/triples.jsonl"
exit 0
