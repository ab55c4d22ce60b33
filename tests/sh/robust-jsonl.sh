# Pathological JSON Lines input (issue 8): malformed and truncated lines, `text` that is not a
# string, missing and duplicate ids, invalid UTF-8, truncated and corrupt .gz, stdin cut short
# or closed. Each bad line: one stderr line naming file:line and the reason; every other
# document processed; --stats counts exactly the reported skips; exit 1; output valid JSONL.
. tests/patho/lib.sh
P=tests/patho

# --- malformed.jsonl: the expected skips are listed in malformed.expect (line<TAB>reason) ---
extract --threads 2 --stats --emit documents $P/malformed.jsonl >"$T/m.out" 2>"$T/m.err"
status malformed-exit "$?" 1
jsonl_valid malformed-output "$T/m.out"
stats_match malformed-stats "$T/m.err"
want=$(grep -vc '^#' $P/malformed.expect)
got=$(skips "$T/m.err")
if [ "$got" -eq "$want" ]; then pass malformed-one-line-each; else fail malformed-one-line-each "$got stderr lines for $want bad lines"; fi
grep -v '^#' $P/malformed.expect | while IFS="$(printf '\t')" read -r n reason; do
    line=$(grep -F "feit extract: $P/malformed.jsonl:$n: " "$T/m.err")
    case "$line" in
    *"$reason"*) pass "malformed-line-$n" ;;
    *) fail "malformed-line-$n" "want '$reason' for line $n, stderr has '$line'" ;;
    esac
done
# the good documents, in input order; a missing id becomes <file>:<line>
ids=$(python3 -c 'import json,sys; print(" ".join(str(json.loads(l)["doc"]) for l in open(sys.argv[1])))' "$T/m.out")
want_ids="ok1 $P/malformed.jsonl:11 ok2 ok3 17 ok4 ok6 last"
if [ "$ids" = "$want_ids" ]; then pass malformed-good-docs; else fail malformed-good-docs "documents '$ids', want '$want_ids'"; fi
# the document with NUL bytes keeps them (escaped) and still gets its triple
python3 - "$T/m.out" <<'EOF' && pass nul-bytes-kept || fail nul-bytes-kept "ok3 lost its NUL bytes or its triple"
import json, sys
d = [json.loads(l) for l in open(sys.argv[1])]
ok3 = [x for x in d if x["doc"] == "ok3"][0]
t = ok3["triples"]
sys.exit(0 if t and "\x00" in t[0]["evidence"] and t[0]["predicate"] == "samenwerking" else 1)
EOF
# threads do not change the output
extract --threads 1 --emit documents $P/malformed.jsonl >"$T/m1.out" 2>/dev/null
ok malformed-threads-same cmp -s "$T/m.out" "$T/m1.out"
for emit in entities triples; do
    extract --emit $emit $P/malformed.jsonl >"$T/e.out" 2>/dev/null
    jsonl_valid "malformed-$emit-output" "$T/e.out"
done

# --- invalid UTF-8 inside a JSON line: no document is dropped for its bytes. Line 1 (lone
#     high bytes) reads as an 8-bit encoding, line 3 (a broken UTF-8 character) gets U+FFFD;
#     each is noted with file:line, and all three documents are processed ---
extract --stats --emit documents --with-text $P/bad-utf8.jsonl >"$T/u.out" 2>"$T/u.err"
status bad-utf8-jsonl-exit "$?" 0
has bad-utf8-jsonl-line1 "$T/u.err" "bad-utf8.jsonl:1: note: not UTF-8: read as WINDOWS-1252"
has bad-utf8-jsonl-line3 "$T/u.err" "bad-utf8.jsonl:3: note: 1 invalid UTF-8 sequence replaced by U+FFFD"
has bad-utf8-jsonl-u1 "$T/u.out" '"doc":"u1"'
has bad-utf8-jsonl-u1-text "$T/u.out" '"text":"Rusland ÿþ Iran"'
has bad-utf8-jsonl-u2 "$T/u.out" '"doc":"u2"'
has bad-utf8-jsonl-u3-text "$T/u.out" "\"text\":\"overlong $(printf '\357\277\275') slash\""
has bad-utf8-jsonl-stats "$T/u.err" "documents  3 processed, 0 skipped"

# --- truncated and corrupt .gz: one report each, everything before the cut processed ---
extract --stats $P/truncated.jsonl.gz $P/truncated.txt.gz $P/corrupt.jsonl.gz $P/malformed.jsonl >"$T/g.out" 2>"$T/g.err"
status gz-exit "$?" 1
has gz-truncated-jsonl "$T/g.err" "truncated.jsonl.gz:35: unexpected end of file"
has gz-truncated-text "$T/g.err" "truncated.txt.gz: unexpected end of file"
has gz-corrupt "$T/g.err" "corrupt.jsonl.gz:1: incorrect data check"
n=$(grep -c '^feit extract: .*\.gz' "$T/g.err")
if [ "$n" -eq 3 ]; then pass gz-one-report-each; else fail gz-one-report-each "$n reports for 3 bad .gz files"; fi
docs=$(python3 -c 'import json,sys; print(len({json.loads(l)["doc"] for l in open(sys.argv[1]) if json.loads(l)["doc"].startswith("gz")}))' "$T/g.out")
if [ "$docs" -eq 34 ]; then pass gz-lines-before-cut; else fail gz-lines-before-cut "$docs documents from truncated.jsonl.gz, want the 34 complete lines"; fi
has gz-next-file-read "$T/g.out" '"doc":"last"'
stats_match gz-stats "$T/g.err"
jsonl_valid gz-output "$T/g.out"

# --- stdin: cut in the middle of a line, empty, closed ---
printf '{"id":"a","text":"Rusland en Iran werken samen."}\n{"id":"b","text":"Rusland en Ir' |
    extract --stats - >"$T/s.out" 2>"$T/s.err"
status stdin-cut-exit "$?" 1
has stdin-cut-report "$T/s.err" "feit extract: -:2: invalid JSON"
has stdin-cut-first-doc "$T/s.out" '"doc":"a"'
stats_match stdin-cut-stats "$T/s.err"
extract --stats - </dev/null >"$T/s.out" 2>"$T/s.err"
status stdin-empty-exit "$?" 1
has stdin-empty-report "$T/s.err" "feit extract: -: empty file"
ok stdin-empty-no-output test ! -s "$T/s.out"
extract --input-format jsonl - <&- >"$T/s.out" 2>"$T/s.err"
status stdin-closed-exit "$?" 1
has stdin-closed-report "$T/s.err" "feit extract: -: cannot read standard input"
# the same stdin, once as JSONL by sniffing (auto) and once forced
printf '\n  {"id":"x","text":"Iran en Rusland werken samen."}\n' | extract - >"$T/s.out" 2>"$T/s.err"
status stdin-sniff-exit "$?" 0
has stdin-sniff-jsonl "$T/s.out" '"doc":"x"'

# --- a JSON line longer than --max-doc-bytes, and a text field over it ---
python3 - "$T/big.jsonl" <<'EOF'
import json, sys
with open(sys.argv[1], "w") as f:
    f.write(json.dumps({"id": "small1", "text": "Rusland en Iran werken samen."}) + "\n")
    f.write(json.dumps({"id": "huge-line", "text": "Rusland " * 200000}) + "\n")
    f.write(json.dumps({"id": "escaped", "text": "\u00e9" * 3000}) + "\n")
    f.write(json.dumps({"id": "small2", "text": "Iran en Rusland werken samen."}) + "\n")
EOF
extract --stats --max-doc-bytes 4096 "$T/big.jsonl" >"$T/b.out" 2>"$T/b.err"
status maxdoc-jsonl-exit "$?" 1
has maxdoc-jsonl-line2 "$T/b.err" "big.jsonl:2: line longer than the maximum document size"
has maxdoc-jsonl-line3 "$T/b.err" "big.jsonl:3: document larger than the maximum of 4096 bytes"
has maxdoc-jsonl-small1 "$T/b.out" '"doc":"small1"'
has maxdoc-jsonl-small2 "$T/b.out" '"doc":"small2"'
stats_match maxdoc-jsonl-stats "$T/b.err"

# --- an empty .jsonl is no document and no error; a gzip bomb (200 MB of one line from a
#     200 KB file) is one report, read in bounded memory; 100k-deep nesting in a field ---
: >"$T/empty.jsonl"
extract --stats "$T/empty.jsonl" >"$T/e.out" 2>"$T/e.err"
status empty-jsonl-exit "$?" 0
has empty-jsonl-stats "$T/e.err" "documents  0 processed, 0 skipped"
python3 - "$T/bomb.jsonl.gz" "$T/deep.jsonl" <<'EOF2'
import gzip, json, sys
with gzip.open(sys.argv[1], "wb", compresslevel=9) as f:
    f.write(b'{"id":"before","text":"Rusland en Iran werken samen."}\n')
    f.write(b'{"id":"bomb","text":"')
    chunk = b"x" * (1 << 20)
    for _ in range(200):
        f.write(chunk)
    f.write(b'"}\n{"id":"after","text":"Iran en Rusland werken samen."}\n')
with open(sys.argv[2], "w") as f:
    f.write('{"id":"deep","text":"Rusland en Iran.","meta":' + "[" * 100000 + "]" * 100000 + "}\n")
    f.write('{"id":"deep2","text":"Rusland en Iran.","meta":' + '{"a":' * 100000 + "1" + "}" * 100000 + "}\n")
    f.write(json.dumps({"id": "flat", "text": "Iran en Rusland werken samen.", "meta": [[1, [2]]]}) + "\n")
EOF2
# peak memory measured by GNU time when it is there (Debian package "time")
if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%M' -o "$T/rss" "$FEIT" extract --gazetteers "$GAZ" --stats "$T/bomb.jsonl.gz" >"$T/b.out" 2>"$T/b.err"
else
    extract --stats "$T/bomb.jsonl.gz" >"$T/b.out" 2>"$T/b.err"
fi
status gzip-bomb-exit "$?" 1
has gzip-bomb-report "$T/b.err" "bomb.jsonl.gz:2: line longer than the maximum document size"
has gzip-bomb-before "$T/b.out" '"doc":"before"'
has gzip-bomb-after "$T/b.out" '"doc":"after"'
stats_match gzip-bomb-stats "$T/b.err"
if [ -s "$T/rss" ]; then
    rss=$(tail -n 1 "$T/rss")
    if [ "$rss" -lt 400000 ]; then pass gzip-bomb-memory; else fail gzip-bomb-memory "peak RSS $rss KB for a 200 MB line"; fi
fi
extract --stats "$T/deep.jsonl" >"$T/d.out" 2>"$T/d.err"
status deep-nesting-exit "$?" 1
has deep-nesting-line1 "$T/d.err" "deep.jsonl:1: invalid JSON"
has deep-nesting-line2 "$T/d.err" "deep.jsonl:2: invalid JSON"
has deep-nesting-flat "$T/d.out" '"doc":"flat"'
stats_match deep-nesting-stats "$T/d.err"

# --- duplicate ids among many: the id set grows many times (1024 slots up, by half, 7/8 full);
# exactly the repeated ids are reported, no other id is taken for one ---
python3 - "$T/many.jsonl" <<'PYEOF'
import sys
with open(sys.argv[1], "w") as f:
    for i in range(30000):
        f.write('{"id":"doc-%d","text":"x"}\n' % i)
        if i in (900, 7000, 29999):  # each again, later (the last one right after)
            f.write('{"id":"doc-%d","text":"x"}\n' % (i // 2 if i != 29999 else i))
PYEOF
extract --threads 1 --stats "$T/many.jsonl" >"$T/many.out" 2>"$T/many.err"
status many-ids-exit "$?" 1
ok many-ids-three-skips test "$(skips "$T/many.err")" -eq 3
has many-ids-450 "$T/many.err" "many.jsonl:902: duplicate id 'doc-450'"
has many-ids-3500 "$T/many.err" "many.jsonl:7003: duplicate id 'doc-3500'"
has many-ids-29999 "$T/many.err" "many.jsonl:30003: duplicate id 'doc-29999'"
stats_match many-ids-stats "$T/many.err"
