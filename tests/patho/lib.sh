# Helpers for tests/sh/robust-*.sh, rules-*.sh and others (sourced, POSIX sh). Needs FEIT (the binary) and python3.
# Each check prints one line: "PASS name" or "FAIL name: reason".

: "${FEIT:=bin/feit}"
T=$(mktemp -d "${TMPDIR:-/tmp}/feit-robust.XXXXXX") || exit 2
trap 'chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; }

# ok NAME CONDITION-COMMAND... : PASS when the command succeeds.
ok() {
    name=$1; shift
    if "$@"; then pass "$name"; else fail "$name" "check failed: $*"; fi
}

# jsonl_valid NAME FILE: every line is one JSON object, compact (no trailing blank), and the
# file is empty or ends with a newline.
jsonl_valid() {
    if r=$(python3 - "$2" <<'EOF'
import json, sys
data = open(sys.argv[1], "rb").read()
if data and not data.endswith(b"\n"):
    sys.exit("last line has no newline")
for i, line in enumerate(data.split(b"\n")[:-1], 1):
    try:
        o = json.loads(line.decode("utf-8"))
    except Exception as e:
        sys.exit("line %d: %s" % (i, e))
    if not isinstance(o, dict):
        sys.exit("line %d: not an object" % i)
    if line != line.strip():
        sys.exit("line %d: leading or trailing blank" % i)
EOF
    ); then pass "$1"; else fail "$1" "output is not valid JSON Lines: $r"; fi
}

# skips STDERR-FILE: the skip reports of `feit extract` ("feit extract: file:line: reason"; notes,
# "feit extract: file: note: ...", are about documents that were read, and do not count)
skips() { grep '^feit extract: ' "$1" | grep -vc ': note: '; }

# stats_match NAME STDERR-FILE: the skips `--stats` counts equal the skip lines reported, and
# the per-reason rows add up to the same number.
stats_match() {
    reported=$(skips "$2")
    counted=$(sed -n 's/^documents  *[0-9][0-9]* processed, \([0-9][0-9]*\) skipped$/\1/p' "$2")
    rows=$(awk '/^  skipped  [0-9]+  / { s += $2 } END { print s + 0 }' "$2")
    if [ -n "$counted" ] && [ "$counted" -eq "$reported" ] && [ "$rows" -eq "$reported" ]; then
        pass "$1"
    else
        fail "$1" "reported $reported skips on stderr, --stats says '${counted:-nothing}', reason rows sum to $rows"
    fi
}

# processed FILE: the "documents N processed" figure of a --stats stderr.
processed() { sed -n 's/^documents  *\([0-9][0-9]*\) processed.*/\1/p' "$1"; }

# status NAME GOT WANT
status() {
    if [ "$2" -eq "$3" ]; then pass "$1"; else fail "$1" "exit status $2, want $3"; fi
}

# has NAME FILE PATTERN (fixed string, one line)
has() {
    if grep -qF -- "$3" "$2"; then pass "$1"; else fail "$1" "no line with '$3' in $(basename "$2"): $(head -c 300 "$2")"; fi
}

# lines FILE PATTERN: number of lines holding the fixed string
lines() { grep -cF -- "$2" "$1"; }

# feit extract with the small fixture gazetteer (fast, and independent of the bundled lists);
# rules are the bundled models/relations.rules.
GAZ=tests/fuzz/gaz
extract() { "$FEIT" extract --gazetteers "$GAZ" "$@"; }

# triple_keys FILE SEP KEY [KEEP]: the triples of FILE (feit's JSON Lines) that KEEP keeps (a
# Python expression of the triple t; default all), each as KEY (an expression of t), sorted and
# joined by SEP: a run's triples as one line to compare with the line a test wants.
triple_keys() {
    python3 - "$@" <<'EOF'
import json, sys
path, sep, key = sys.argv[1:4]
key_of = eval("lambda t: " + key)
keeps = eval("lambda t: " + (sys.argv[4] if len(sys.argv) > 4 else "True"))
print(sep.join(sorted(key_of(t) for t in map(json.loads, open(path, encoding="utf-8")) if keeps(t))))
EOF
}
