# Issue 18: running out of memory on a document is reported as out of memory, and a line never
# goes to jansson's parser after an allocation failed (its out-of-memory handling is broken
# upstream: a run under a memory limit crashed, or called good lines invalid JSON). The failure
# is made deterministic with tests/patho/failmalloc.c (LD_PRELOAD): allocations of 6 MB or more
# fail, except the first FEIT_FAIL_MALLOC_SKIP (the reader's line buffer may grow). The limit sits
# above what start-up needs in one piece (the compiled rules: 3.7 MB with the rules of 2026-12)
# and below the big document's text (6.8 MB), so the failures fall on the document.
. tests/patho/lib.sh
if nm "$FEIT" 2>/dev/null | grep -q __asan_; then
    exit 0 # the sanitizer's allocator must come first: no LD_PRELOAD under make check-asan
fi
if ! ${CC:-cc} -shared -fPIC -O1 -o "$T/failmalloc.so" tests/patho/failmalloc.c 2>"$T/cc.err"; then
    fail build-failmalloc "$(head -c 300 "$T/cc.err")"
    exit 0
fi
python3 - "$T/big.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    f.write(json.dumps({"id": "a", "text": "Rusland en Iran gaan samenwerken."}) + "\n")
    f.write(json.dumps({"id": "b", "text": "Rusland en Iran gaan samenwerken. " * 200000}) + "\n")
    f.write(json.dumps({"id": "c", "text": "Poetin in Moskou."}) + "\n")
PY
# every place a big allocation can fail, in turn (skip 0..5: the reader's buffer, the text's
# copy, the pipeline's arrays ...): never a crash or "invalid JSON", always the first document;
# and one of them is the JSON fast path's copy of the text, which ends the run as out of memory
# (before: SIGSEGV in jansson's parser)
for threads in 1 2; do
    fast=0
    for skip in 0 1 2 3 4 5; do
        n="t$threads-skip$skip"
        FEIT_FAIL_MALLOC_ABOVE=6000000 FEIT_FAIL_MALLOC_SKIP=$skip LD_PRELOAD="$T/failmalloc.so" \
            "$FEIT" extract --gazetteers "$GAZ" --threads $threads --max-doc-bytes 100000000 "$T/big.jsonl" >"$T/out" 2>"$T/err"
        rc=$?
        if [ "$rc" -eq 1 ] || [ "$rc" -eq 2 ]; then pass "oom-$n-exit"; else fail "oom-$n-exit" "exit status $rc: $(head -c 300 "$T/err")"; fi
        if grep -q "invalid JSON" "$T/err"; then fail "oom-$n-not-invalid" "$(cat "$T/err")"; else pass "oom-$n-not-invalid"; fi
        ok "oom-$n-first-doc" grep -q '"doc":"a"' "$T/out"
        jsonl_valid "oom-$n-output" "$T/out"
        if [ "$rc" -eq 2 ] && [ "$(cat "$T/err")" = "feit extract: out of memory" ]; then fast=1; fi
    done
    ok "oom-t$threads-fast-path-reports-oom" test "$fast" -eq 1
done
# without the failure the same input goes through
"$FEIT" extract --gazetteers "$GAZ" --max-doc-bytes 100000000 "$T/big.jsonl" >"$T/out" 2>"$T/err"
status no-oom-exit "$?" 0
