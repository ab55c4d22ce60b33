# JSON in its shapes (issue 14): a .json file holding an array of objects (streamed: an array
# larger than memory would allow is read element by element), of strings, one object, or JSON
# Lines; --text-field and --id-field with dotted paths; "id": null gets the default id.
. tests/patho/lib.sh
J=tests/inputs/json
fx() { "$FEIT" extract "$@"; }
ids() { python3 -c 'import json,sys; print(" ".join(json.loads(l)["doc"] for l in open(sys.argv[1])))' "$1"; }
# rec FILE DOC PYTHON: PYTHON with d = the documents record of DOC
rec() {
    python3 - "$1" "$2" "$3" <<'PY'
import json, sys
for l in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(l)
    if d["doc"] == sys.argv[2]:
        assert eval(sys.argv[3]), (sys.argv[3], d.get("meta"), d.get("text"))
        sys.exit(0)
sys.exit("no document %s" % sys.argv[2])
PY
}

# --- an array: objects and strings are documents, other elements are reported ---
fx --stats --emit documents --with-text $J/array.json >"$T/a.out" 2>"$T/a.err"
status array-exit "$?" 1
jsonl_valid array-output "$T/a.out"
got=$(ids "$T/a.out")
want="a1 $J/array.json#2 $J/array.json#3 $J/array.json#4 42 a7"
if [ "$got" = "$want" ]; then pass array-ids; else fail array-ids "got '$got', want '$want'"; fi
has array-no-text-reported "$T/a.err" "feit extract: $J/array.json:7: no \"text\" field"
has array-number-reported "$T/a.err" "feit extract: $J/array.json:8: neither a JSON object nor a string"
stats_match array-stats "$T/a.err"
ok array-meta-kept rec "$T/a.out" a1 'd["meta"] == {"date": "2024-06-13"}'
ok array-meta-other rec "$T/a.out" "$J/array.json#2" 'd["meta"] == {"bron": "ANP"}'
ok array-string-doc rec "$T/a.out" "$J/array.json#3" 'd["text"].startswith("Nederland en België") and d["meta"] == {} and d["triples"]'
ok array-id-null-default rec "$T/a.out" "$J/array.json#4" 'd["meta"] == {} and d["triples"]'
has array-date-on-triple "$T/a.out" '"doc":"a1"'
# the same array on one line, and gzip-compressed: the same documents
python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))))' $J/array.json >"$T/oneline.json"
fx --emit documents "$T/oneline.json" 2>/dev/null | sed 's/"doc":"[^"]*#/"doc":"#/g' >"$T/o1"
fx --emit documents $J/array.json 2>/dev/null | sed 's/"doc":"[^"]*#/"doc":"#/g' >"$T/o2"
ok array-one-line-same cmp -s "$T/o1" "$T/o2"
gzip -c $J/array.json >"$T/array.json.gz"
fx --emit documents "$T/array.json.gz" 2>/dev/null | sed 's/"doc":"[^"]*#/"doc":"#/g' >"$T/o3"
ok array-gz-same cmp -s "$T/o3" "$T/o2"

# --- one object: one document, its id the file; --text-field/--id-field as dotted paths ---
fx --emit documents --with-text --text-field content.body --id-field meta.uuid $J/nested.json >"$T/n.out" 2>"$T/n.err"
status nested-exit "$?" 0
ok nested-id rec "$T/n.out" n-1 'd["text"] == "Rusland en Iran gaan nauwer samenwerken." and d["triples"]'
ok nested-meta-rest rec "$T/n.out" n-1 'd["meta"] == {"content": {"lang": "nl"}, "meta": {"source": "archief"}, "published": "2024-06-13"}'
fx --emit documents --text-field content.body $J/nested.json >"$T/n.out" 2>/dev/null
ok one-object-id-is-file rec "$T/n.out" "$J/nested.json" 'True'
fx $J/nested.json >"$T/n.out" 2>"$T/n.err"
status nested-default-field-exit "$?" 1
has nested-default-field-report "$T/n.err" "nested.json:1: no \"text\" field"
fx --emit documents --text-field content.body --id-field meta.uuid $J/export.json >"$T/x.out" 2>"$T/x.err"
status export-exit "$?" 1
got=$(ids "$T/x.out")
if [ "$got" = "x-1 x-2" ]; then pass export-ids; else fail export-ids "got '$got'"; fi
has export-missing-body "$T/x.err" "export.json:3: no \"content.body\" field"
ok export-meta rec "$T/x.out" x-1 'd["meta"] == {"content": {"kop": "Samenwerking"}}'
fx --text-field 'a..b' $J/export.json >/dev/null 2>"$T/x.err"
status bad-field-path-exit "$?" 2
has bad-field-path-message "$T/x.err" "feit extract: bad field path 'a..b'"

# --- JSON Lines in a .json file, and on stdin: read line by line ---
fx --emit documents $J/lines.json >"$T/l.out" 2>"$T/l.err"
status lines-exit "$?" 0
got=$(ids "$T/l.out")
if [ "$got" = "l1 l2 l3" ]; then pass lines-ids; else fail lines-ids "got '$got'"; fi
fx --emit documents - <$J/array.json >"$T/s.out" 2>/dev/null
got=$(ids "$T/s.out")
if [ "$got" = "a1 -#2 -#3 -#4 42 a7" ]; then pass stdin-array; else fail stdin-array "got '$got'"; fi
fx --input-format json --emit documents - <$J/lines.json >"$T/s.out" 2>/dev/null
ok stdin-forced-json-lines test "$(ids "$T/s.out")" = "l1 l2 l3"
# JSON Lines: "id": null is the default id too
printf '{"id":null,"text":"Rusland en Iran gaan samenwerken."}\n' >"$T/null.jsonl"
fx --emit documents "$T/null.jsonl" >"$T/nl.out" 2>"$T/nl.err"
status jsonl-id-null-exit "$?" 0
ok jsonl-id-null-default test "$(ids "$T/nl.out")" = "$T/null.jsonl:1"

# --- broken arrays: an element too long, a missing comma, a cut file, data after the end ---
printf '[{"id":"g1","text":"Rusland en Iran gaan samenwerken."},{"id":"long","text":"%s"},{"id":"g2","text":"Iran en Rusland werken samen."}]' "$(head -c 9000 /dev/zero | tr '\0' x)" >"$T/long.json"
fx --stats --max-doc-bytes 2K "$T/long.json" >"$T/g.out" 2>"$T/g.err"
has long-element-reported "$T/g.err" "long.json:1: document larger than the maximum of 2048 bytes (--max-doc-bytes): skipped"
has long-element-next "$T/g.out" '"doc":"g2"'
stats_match long-element-stats "$T/g.err"
# an element larger than the read buffer is let go while it is scanned, not held
printf '[{"id":"h1","text":"Rusland en Iran gaan samenwerken."},\n{"id":"huge","text":"%s"},{"id":"h2","text":"Iran en Rusland werken samen."}]' "$(head -c 3000000 /dev/zero | tr '\0' x)" >"$T/huge.json"
fx --stats --max-doc-bytes 2K "$T/huge.json" >"$T/g.out" 2>"$T/g.err"
has huge-element-reported "$T/g.err" "huge.json:2: value 2 longer than the maximum document size (--max-doc-bytes): skipped"
has huge-element-next "$T/g.out" '"doc":"h2"'
stats_match huge-element-stats "$T/g.err"
printf '[{"id":"c1","text":"Rusland en Iran gaan samenwerken."}\n{"id":"c2","text":"x"}]' >"$T/comma.json"
fx "$T/comma.json" >"$T/g.out" 2>"$T/g.err"
status missing-comma-exit "$?" 1
has missing-comma-first-kept "$T/g.out" '"doc":"c1"'
has missing-comma-reported "$T/g.err" "comma.json:2: not JSON: '{' after value 1 where ',' or ']' should be: rest of the file skipped"
printf '[{"id":"t1","text":"Rusland en Iran gaan samenwerken."},\n{"id":"t2","text":"Iran en' >"$T/cut.json"
fx "$T/cut.json" >"$T/g.out" 2>"$T/g.err"
has cut-first-kept "$T/g.out" '"doc":"t1"'
has cut-reported "$T/g.err" "cut.json:2: value 2 is cut off by the end of the file (truncated?): skipped"
printf '[{"id":"e1","text":"Rusland en Iran gaan samenwerken."}] extra' >"$T/after.json"
fx "$T/after.json" >"$T/g.out" 2>"$T/g.err"
has after-array-kept "$T/g.out" '"doc":"e1"'
has after-array-reported "$T/g.err" "after.json:1: data after the end of the array: ignored"
: >"$T/empty.json"
fx "$T/empty.json" >/dev/null 2>"$T/g.err"
has empty-json-reported "$T/g.err" "empty.json: empty file: skipped"

# --- streamed: a 100 MB array is read one element at a time (peak memory well below it) ---
python3 - "$T/big.json" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    f.write("[")
    for i in range(2000):
        f.write(("," if i else "") + json.dumps({"id": "e%d" % i, "text": "Rusland en Iran gaan samenwerken.", "pad": "x" * 50000}))
    f.write("]")
PY
if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%M' -o "$T/rss" "$FEIT" extract --gazetteers "$GAZ" --stats "$T/big.json" >"$T/b.out" 2>"$T/b.err"
    status big-array-exit "$?" 0
    has big-array-all "$T/b.err" "documents  2000 processed, 0 skipped"
    rss=$(tail -n 1 "$T/rss")
    # (AddressSanitizer's shadow memory and quarantine make RSS meaningless: `make check-asan`)
    if [ -z "$ASAN_OPTIONS" ]; then
        if [ "$rss" -lt 90000 ]; then pass big-array-streamed; else fail big-array-streamed "peak RSS $rss KB for a 100 MB array"; fi
    fi
fi
rm -f "$T/big.json"
# JSON Lines in a .json file whose first line is broken inside its brackets: still read line by
# line (the scanner would have taken the lines after it into the broken object)
printf '{"id":"k1","x":[1,2}\n{"id":"k2","text":"Rusland en Iran gaan samenwerken."}\n' >"$T/broken-first.json"
fx "$T/broken-first.json" >"$T/k.out" 2>"$T/k.err"
has broken-first-line-reported "$T/k.err" "broken-first.json:1: invalid JSON at column 20"
has broken-first-line-next-read "$T/k.out" '"doc":"k2"'
