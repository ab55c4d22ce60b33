#!/bin/sh
# build/bench/feit-stages, the build of feit that make bench's stage table times (src/pipeline.c
# with FEIT_STAGE_CUT): each $FEIT_STAGES must end a document's run where the table says, and
# with no cut (or the last) it must be feit, byte for byte, or the table's rows mean nothing.
. tests/patho/lib.sh
: "${BUILD:=build}"
X="$BUILD/bench/feit-stages"
ok stages-binary-built test -x "$X"
# counts "sentences entities triples" of the documents of examples/news/
counts() {
    FEIT_STAGES=$1 "$X" extract --data-dir models --emit documents --threads 1 --no-progress examples/news/ |
        python3 -c '
import json, sys
s = e = t = 0
for line in sys.stdin:
    o = json.loads(line)
    s += o["sentences"]; e += len(o["entities"]); t += len(o["triples"])
print(s, e, t)'
}
set -- $(counts 0); ok stages-0-only-reading test "$1 $2 $3" = "0 0 0"
set -- $(counts 1); ok stages-1-tokens-no-sentences test "$1 $2 $3" = "0 0 0"
set -- $(counts 2); ok stages-2-sentences-no-entities test "$1" -gt 0 -a "$2" -eq 0 -a "$3" -eq 0
set -- $(counts 3); ok stages-3-lexicon-no-entities test "$1" -gt 0 -a "$2" -eq 0 -a "$3" -eq 0
set -- $(counts 4); spans=$2; ok stages-4-spans-entities-no-triples test "$2" -gt 0 -a "$3" -eq 0
set -- $(counts 6); ok stages-6-more-entities-no-triples test "$2" -gt "$spans" -a "$3" -eq 0
set -- $(counts 7); ok stages-7-no-triples test "$2" -gt 0 -a "$3" -eq 0
set -- $(counts 8); ok stages-8-triples test "$3" -gt 0
"$FEIT" extract --data-dir models --emit documents --threads 1 --no-progress examples/news/ >"$T/feit" 2>&1
FEIT_STAGES=8 "$X" extract --data-dir models --emit documents --threads 1 --no-progress examples/news/ >"$T/all" 2>&1
"$X" extract --data-dir models --emit documents --threads 1 --no-progress examples/news/ >"$T/none" 2>&1
ok stages-all-is-feit cmp -s "$T/feit" "$T/all"
ok stages-unset-is-feit cmp -s "$T/feit" "$T/none"
