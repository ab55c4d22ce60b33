# Issue 18: a corrupt compiled gazetteer is refused, never a crash, a hang or wrong names. The
# fixture lists (tests/fuzz/gaz) are compiled into a data directory of their own and the file is
# damaged the ways it was attacked (tests/patho/gazbin.py): each run must end with status 2 and
# one message naming the file and `feit compile` as the fix, within a timeout, and write nothing
# (-o FILE left as it was). Attacks ending in -sealed carry fresh checksums, as a crafted file
# would: the check of every reference stops those. (Before: SIGSEGV at gazetteer.c:116,
# match.c:208, gazetteer.c:587, pipeline.c:198; an endless loop in gazetteer_find; rc 0 after
# 17.7 s with unrelated text as names; SIGBUS when the file was cut under a running process.)
. tests/patho/lib.sh
D=$T/data
mkdir -p "$D/models" "$D/gazetteers"
cp "$GAZ"/*.tsv "$D/gazetteers/"
cp -r models/nl models/relations.rules models/predicates.tsv models/roles.tsv "$D/models/"
"$FEIT" compile --data-dir "$D/models" 2>"$T/err" || { fail model-compile "$(cat "$T/err")"; exit 0; }
cp "$D/models/gazetteer.bin" "$T/good.bin"
# a text with names of the fixture lists all over (so that many chunks are read)
python3 - "$D/gazetteers" >"$T/names.txt" <<'EOF'
import glob, sys
names = []
for f in glob.glob(sys.argv[1] + "/*.tsv"):
    for line in open(f, encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            names.append(line.split("\t")[0])
print(" ".join("%s en %s gaan samenwerken." % (names[i], names[(i + 7) % len(names)]) for i in range(len(names))))
print("Dat zei de Russische president Vladimir Poetin in Moskou.")
EOF
"$FEIT" extract --data-dir "$D/models" "$T/names.txt" >"$T/good.out" 2>"$T/err"
status model-good-exit "$?" 0
ok model-good-output test -s "$T/good.out"

echo old >"$T/old"
# refused: status 2, one message naming the file and the fix, -o FILE as it was. A damage the
# text never reads (the file is read lazily) may instead give exactly the undamaged output:
# "either" accepts that, never anything else.
for attack in "flips 200" block huge-offset-sealed self-chain-sealed bad-slots-sealed no-nuls-sealed counts-sealed "cut 1000000" \
    "cut 100" longer "either flips 5" "either pool-end-sealed"; do
    either=0
    case "$attack" in either*) either=1 attack=${attack#either } ;; esac
    name=model-$(echo "$attack" | tr ' ' '-')
    cp "$T/good.bin" "$D/models/gazetteer.bin"
    python3 tests/patho/gazbin.py "$D/models/gazetteer.bin" $attack
    cp "$T/old" "$T/o.out"
    timeout 60 "$FEIT" extract --data-dir "$D/models" -o "$T/o.out" "$T/names.txt" 2>"$T/err"
    rc=$?
    if [ "$either" -eq 1 ] && [ "$rc" -eq 0 ]; then
        if cmp -s "$T/o.out" "$T/good.out"; then pass "$name-unread-output-right"; else fail "$name-unread-output-right" "exit 0 with other output"; fi
        continue
    fi
    status "$name-exit" "$rc" 2
    n=$(grep -c . "$T/err")
    case "$(cat "$T/err")" in
    "feit extract: $D/models/gazetteer.bin: "*"feit compile"*) [ "$n" -eq 1 ] && pass "$name-message" || fail "$name-message" "$n lines: $(head -c 300 "$T/err")" ;;
    *) fail "$name-message" "$(head -c 300 "$T/err")" ;;
    esac
    if cmp -s "$T/o.out" "$T/old"; then pass "$name-nothing-written"; else fail "$name-nothing-written" "-o FILE changed"; fi
done
# two workers reading chunks at once (each chunk under one of several locks): the same output
# as one, and a damaged file still ends the run with one message
cp "$T/good.bin" "$D/models/gazetteer.bin"
python3 - "$T/names.txt" >"$T/names.jsonl" <<'EOF'
import json, sys
text = open(sys.argv[1], encoding="utf-8").read().split(". ")
for i in range(0, len(text), 4):
    print(json.dumps({"id": "d%d" % i, "text": ". ".join(text[i:i + 4])}))
EOF
"$FEIT" extract --data-dir "$D/models" --threads 1 "$T/names.jsonl" >"$T/one.out" 2>"$T/err"
"$FEIT" extract --data-dir "$D/models" --threads 2 "$T/names.jsonl" >"$T/two.out" 2>"$T/err"
status model-two-threads-exit "$?" 0
if [ -s "$T/one.out" ] && cmp -s "$T/two.out" "$T/one.out"; then pass model-two-threads-output; else fail model-two-threads-output "differs from one thread"; fi
python3 tests/patho/gazbin.py "$D/models/gazetteer.bin" flips 200
timeout 60 "$FEIT" extract --data-dir "$D/models" --threads 2 "$T/names.jsonl" >/dev/null 2>"$T/err"
status model-two-threads-flips-exit "$?" 2
n=$(grep -c . "$T/err")
case "$(cat "$T/err")" in
"feit extract: $D/models/gazetteer.bin: corrupt ("*"feit compile"*) [ "$n" -eq 1 ] && pass model-two-threads-flips-message || fail model-two-threads-flips-message "$n lines" ;;
*) fail model-two-threads-flips-message "$(head -c 300 "$T/err")" ;;
esac
# the whole file checked at once, as `feit lint` does: every damage is found, read or not
cp "$T/good.bin" "$D/models/gazetteer.bin"
"$FEIT" lint "$D/models" >"$T/lint" 2>&1
status model-lint-good "$?" 0
for attack in "flips 5" pool-end-sealed bad-slots-sealed; do
    name=model-lint-$(echo "$attack" | tr ' ' '-')
    cp "$T/good.bin" "$D/models/gazetteer.bin"
    python3 tests/patho/gazbin.py "$D/models/gazetteer.bin" $attack
    "$FEIT" lint "$D/models/gazetteer.bin" >"$T/lint" 2>&1
    status "$name-exit" "$?" 1
    has "$name-report" "$T/lint" "gazetteer.bin: corrupt ("
done
# every slot filled (checksums fresh): probes are bounded by the longest probe the file declares,
# so this ends (before: an endless loop); what it finds is what the damaged file says
cp "$T/good.bin" "$D/models/gazetteer.bin"
python3 tests/patho/gazbin.py "$D/models/gazetteer.bin" full-slots-sealed
timeout 60 "$FEIT" extract --data-dir "$D/models" "$T/names.txt" >"$T/full.out" 2>"$T/err"
rc=$?
if [ "$rc" -le 2 ]; then pass model-full-slots-ends; else fail model-full-slots-ends "exit status $rc"; fi
jsonl_valid model-full-slots-output "$T/full.out"

# cut while a run reads it: the run (reading stdin) has read its first document, then the file
# is cut to 100 KB; the next documents need chunks beyond: status 2 and the message, no SIGBUS,
# and the first document's records are whole. The first document has no word: a read takes
# the chunks of a group of GAZ_READ_RUN (64) around the one needed, and one of names would have
# read most of this small file before the cut.
cp "$T/good.bin" "$D/models/gazetteer.bin"
rc=$(python3 - "$FEIT" "$D/models" "$T/names.txt" "$T/cut.out" "$T/cut.err" <<'EOF'
import os, subprocess, sys, time
feit, data, names, out, err = sys.argv[1:]
p = subprocess.Popen([feit, "extract", "--data-dir", data, "--threads", "1", "--input-format", "jsonl", "-"],
                     stdin=subprocess.PIPE, stdout=open(out, "wb"), stderr=open(err, "wb"))
p.stdin.write(b'{"id": "first", "text": "."}\n')
p.stdin.flush()
time.sleep(1.0)  # it has read and done the first document (a pipe's documents go as they come)
os.truncate(data + "/gazetteer.bin", 100000)
text = open(names, encoding="utf-8").read().replace('"', "'").replace("\n", " ")
try:
    for i in range(300):
        p.stdin.write(('{"id": "d%d", "text": "%s"}\n' % (i, text)).encode())
    p.stdin.close()
except BrokenPipeError:
    pass  # the run ended at the first document that needed the cut part, before the rest was sent
print(p.wait())
EOF
)
status model-cut-while-running-exit "$rc" 2
has model-cut-while-running-message "$T/cut.err" "gazetteer.bin: corrupt (cut short: the file changed or was truncated while in use"
jsonl_valid model-cut-while-running-output "$T/cut.out"
