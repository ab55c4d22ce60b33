# Valgrind (memcheck) on feit extract: no invalid read/write, no use of uninitialised memory, no
# definite or indirect leak — on a seed-like article, pathological text and JSON Lines, with
# threads, with the bundled and the fixture gazetteers, and when the output pipe closes early.
# Skipped (no check run) when valgrind is missing or the binary is sanitized (make check-asan
# runs the same inputs under ASan/UBSan instead).
. tests/patho/lib.sh
P=tests/patho
command -v valgrind >/dev/null 2>&1 || { echo "valgrind not installed: nothing checked" >&2; exit 0; }
if nm "$FEIT" 2>/dev/null | grep -q __asan_ || ldd "$FEIT" 2>/dev/null | grep -q libasan; then
    echo "sanitized binary: valgrind not applicable" >&2
    exit 0
fi
vg() { # NAME EXPECTED-STATUS feit-args...
    name=$1 want=$2; shift 2
    valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
        --show-leak-kinds=definite,indirect "$FEIT" "$@" >"$T/vg.out" 2>"$T/vg.err"
    rc=$?
    if [ "$rc" -eq 99 ] || grep -q '^==[0-9]*== ' "$T/vg.err"; then
        fail "valgrind-$name" "$(grep '^==[0-9]*== ' "$T/vg.err" | head -n 6 | tr '\n' ' ')"
    elif [ "$rc" -ne "$want" ]; then
        fail "valgrind-$name" "exit status $rc, want $want"
    else
        pass "valgrind-$name"
    fi
}
vg seed-bundled 0 extract --threads 2 --emit documents tests/fuzz/corpus/pipeline/news.txt
vg seed-fixture 0 extract --threads 2 --gazetteers "$GAZ" --emit documents tests/fuzz/corpus/pipeline/news.txt
vg patho-text 0 extract --threads 2 --gazetteers "$GAZ" --emit entities $P/bad-utf8.txt $P/nul.txt $P/html.txt
vg patho-jsonl 1 extract --threads 2 --gazetteers "$GAZ" --stats --emit documents $P/malformed.jsonl \
    $P/bad-utf8.jsonl $P/truncated.jsonl.gz $P/corrupt.jsonl.gz $P/truncated.txt.gz
vg bad-rules 2 extract --gazetteers "$GAZ" --rules $P/rules-bad/open-group.rules $P/nul.txt
vg bad-gazetteer 2 extract --gazetteers $P/gaz-bad/badtype $P/nul.txt
# the document's date read from its meta for each triple: a date, only "published", a date that
# is no string, neither (a meta of other fields), a nested meta (read through jansson)
python3 -c '
import json
t = "Rusland en Iran gaan samenwerken, zei Vladimir Poetin in Moskou."
for i, meta in enumerate([{"date": "2020-01-02T10:00"}, {"published": "2019-12-31"}, {"date": 20200102},
                          {"source": "ANP"}, {"source": {"name": "ANP"}, "date": "2021-05-06"}, {}]):
    print(json.dumps(dict(meta, id=i, text=t)))' >"$T/meta.jsonl"
vg meta-dates 0 extract --threads 1 --gazetteers "$GAZ" "$T/meta.jsonl"
# output pipe closed after one line
python3 -c '
import json
for i in range(2000):
    print(json.dumps({"id": i, "text": "Rusland en Iran gaan samenwerken, zei Vladimir Poetin in Moskou."}))' >"$T/many.jsonl"
{ valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
    --show-leak-kinds=definite,indirect "$FEIT" extract --threads 2 --gazetteers "$GAZ" "$T/many.jsonl" 2>"$T/vg.err"; echo $? >"$T/rc"; } | head -n 1 >/dev/null
if [ "$(cat "$T/rc")" -eq 0 ] && ! grep -q '^==[0-9]*== ' "$T/vg.err"; then pass valgrind-closed-pipe; else fail valgrind-closed-pipe "status $(cat "$T/rc"): $(head -c 300 "$T/vg.err")"; fi
