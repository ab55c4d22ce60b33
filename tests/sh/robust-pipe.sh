# Output pipe closed early (issue 8): `feit extract … | head` stops quietly — no error spam on
# stderr, exit status 0 — and a full disk (/dev/full) is a write error with exit status 2.
. tests/patho/lib.sh

# 3000 documents give far more output than a pipe buffer holds
python3 - "$T/many.jsonl" <<'EOF'
import json, sys
with open(sys.argv[1], "w") as f:
    for i in range(3000):
        f.write(json.dumps({"id": "d%d" % i, "text": "Rusland en Iran gaan samenwerken, zei de Russische president Vladimir Poetin in Moskou. (%d)" % i}) + "\n")
EOF
for emit in triples entities documents; do
    for threads in 1 2; do
        name="head-$emit-t$threads"
        { extract --threads $threads --emit $emit "$T/many.jsonl" 2>"$T/err"; echo $? >"$T/rc"; } | head -n 2 >"$T/head.out"
        rc=$(cat "$T/rc")
        status "$name-exit" "$rc" 0
        if [ -s "$T/err" ]; then fail "$name-quiet" "stderr: $(head -c 300 "$T/err")"; else pass "$name-quiet"; fi
        ok "$name-two-lines" test "$(grep -c . "$T/head.out")" -eq 2
        jsonl_valid "$name-output" "$T/head.out"
    done
done
# a reader that goes away before reading anything
{ extract "$T/many.jsonl" 2>"$T/err"; echo $? >"$T/rc"; } | true
status closed-at-once-exit "$(cat "$T/rc")" 0
if [ -s "$T/err" ]; then fail closed-at-once-quiet "stderr: $(head -c 300 "$T/err")"; else pass closed-at-once-quiet; fi
# the head case with --stats: the summary still comes, and is the only thing on stderr
{ extract --stats "$T/many.jsonl" 2>"$T/err"; echo $? >"$T/rc"; } | head -n 1 >/dev/null
status head-stats-exit "$(cat "$T/rc")" 0
ok head-stats-no-feit-line test "$(grep -c '^feit' "$T/err")" -eq 0
has head-stats-summary "$T/err" "documents  "

# a full disk is an error, not a quiet stop
if [ -w /dev/full ]; then
    extract "$T/many.jsonl" >/dev/full 2>"$T/err"
    status dev-full-exit "$?" 2
    has dev-full-report "$T/err" "write error"
    ok dev-full-one-line test "$(grep -c . "$T/err")" -eq 1
fi
# -o to a path that cannot be written
extract -o "$T/no/such/dir/out.jsonl" "$T/many.jsonl" 2>"$T/err"
status bad-output-path-exit "$?" 2
has bad-output-path-report "$T/err" "out.jsonl: cannot write"
