# The rule set is parsed once and kept compiled in a cache beside the gazetteer cache
# ($XDG_CACHE_HOME/feit/rules-*.bin, relations/rules_cache.c): made on the first run, reused
# unchanged on the next, rebuilt when the rule file or a file it names (roles.tsv) changes;
# a damaged or cut file is not used (the rules are parsed again, same output); a cache
# directory that cannot be written changes nothing but speed; `feit lint` always parses.
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
top=$(pwd)
mkdir "$out/m" "$out/m/nl"
cp models/relations.rules models/predicates.tsv models/roles.tsv "$out/m/"
cp models/nl/word-ranks.txt "$out/m/nl/" # (named by the rules: 'word-ranks')
# invented sentences: a verb no bundled rule knows, a role word the bundled lexicon lacks
printf 'Mark Rutte omhelsde Olaf Scholz in Berlijn.\n\nAjax-balmeester Erik ten Hag was tevreden na de wedstrijd.\n' >"$out/in.txt"
run() { # cache home, output file
    XDG_CACHE_HOME=$1 "$FEIT" extract --rules "$out/m/relations.rules" "$out/in.txt" >"$2" 2>"$out/err"
}
check() { [ "$1" = 0 ] && echo "PASS rules-cache: $2" || { echo "FAIL rules-cache: $2"; cat "$out/err"; }; }
files() { ls "$1" 2>/dev/null | grep -c '^rules-.*\.bin$'; }
stamp() { stat -c '%i %Y %s' "$1"/rules-*.bin 2>/dev/null; }
C=$out/cache/feit

# the reference: no cache at all (a cache home under a file cannot be made)
: >"$out/plainfile"
run "$out/plainfile/sub" "$out/ref0.jsonl"; check $? "without a cache: exit 0"
[ ! -s "$out/err" ]; check $? "no message about a cache that cannot be written"

run "$out/cache" "$out/1.jsonl"; check $? "first run exits 0"
[ "$(files "$C")" = 1 ]; check $? "the first run made one rules cache file under \$XDG_CACHE_HOME/feit"
[ "$(ls "$C" | grep -c tmp)" = 0 ]; check $? "no temporary file left"
cmp -s "$out/1.jsonl" "$out/ref0.jsonl"; check $? "the first run (rules parsed) gives the output without a cache"
before=$(stamp "$C")
run "$out/cache" "$out/2.jsonl"; check $? "second run exits 0"
[ "$(stamp "$C")" = "$before" ]; check $? "the second run reused the cache file (same inode, time and size)"
cmp -s "$out/2.jsonl" "$out/ref0.jsonl"; check $? "output from the cache is the output of the rules parsed from text"

# the bundled rules over an invented text: the same from the cache as parsed
XDG_CACHE_HOME="$out/bcache" "$FEIT" extract --emit documents examples/news/ >"$out/b1.jsonl" 2>/dev/null
XDG_CACHE_HOME="$out/bcache" "$FEIT" extract --emit documents examples/news/ >"$out/b2.jsonl" 2>/dev/null
[ "$(files "$out/bcache/feit")" = 1 ]; check $? "bundled rules: one cache file"
XDG_CACHE_HOME="$out/plainfile/sub" "$FEIT" extract --emit documents examples/news/ >"$out/b0.jsonl" 2>/dev/null
[ -s "$out/b0.jsonl" ] && cmp -s "$out/b1.jsonl" "$out/b0.jsonl" && cmp -s "$out/b2.jsonl" "$out/b0.jsonl"
check $? "bundled rules: examples/news the same built, from the cache and without one"

# an edit of the rule file: a new key, a new file, the old one removed, the new rule applied
! grep -q '"rule":"test-omhelzen"' "$out/2.jsonl"; check $? "before the edit no triple of the new rule"
printf '\nrule test-omhelzen 0.9\n    A:PERSON omhelsde B:PERSON\n    -> A overleg B\n' >>"$out/m/relations.rules"
run "$out/cache" "$out/3.jsonl"; check $? "run after an edit of the rule file exits 0"
[ "$(files "$C")" = 1 ] && [ "$(stamp "$C")" != "$before" ]; check $? "the edit rebuilt the cache file and removed the old one"
grep '"rule":"test-omhelzen"' "$out/3.jsonl" | grep -q '"subject":"Mark Rutte"'; check $? "the rule added by the edit applies"
before=$(stamp "$C")
run "$out/cache" "$out/4.jsonl"; cmp -s "$out/3.jsonl" "$out/4.jsonl" && [ "$(stamp "$C")" = "$before" ]
check $? "the rebuilt cache is reused with the same output"

# an edit of a file the rules name (roles.tsv): the cache file is rebuilt, the new role found
! grep -q '"predicate":"trainer"' "$out/4.jsonl"; check $? "before the edit of roles.tsv no trainer triple"
printf 'balmeester\ttrainer\n' >>"$out/m/roles.tsv"
run "$out/cache" "$out/5.jsonl"; check $? "run after an edit of roles.tsv exits 0"
[ "$(files "$C")" = 1 ] && [ "$(stamp "$C")" != "$before" ]; check $? "the edit of roles.tsv rebuilt the cache file"
grep '"predicate":"trainer"' "$out/5.jsonl" | grep -q '"subject":"Erik ten Hag"'; check $? "the role added to roles.tsv is found"
run "$out/plainfile/sub" "$out/ref5.jsonl"; cmp -s "$out/5.jsonl" "$out/ref5.jsonl"; check $? "after the edits: the same output as without a cache"

# damaged: a byte changed in the middle, then a file cut short, then garbage; each time the
# rules are parsed again (same output, exit 0, no message) and the file written anew
f=$(ls "$C"/rules-*.bin)
size=$(stat -c %s "$f")
printf 'X' | dd of="$f" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
cp "$f" "$out/damaged"
run "$out/cache" "$out/6.jsonl"; check $? "a damaged cache file: exit 0"
cmp -s "$out/6.jsonl" "$out/ref5.jsonl" && [ ! -s "$out/err" ]; check $? "a damaged cache file: rules parsed, same output, no message"
! cmp -s "$f" "$out/damaged" && [ "$(stat -c %s "$f")" = "$size" ]; check $? "a damaged cache file is written anew"
head -c $((size / 3)) "$f" >"$out/cut" && cat "$out/cut" >"$f"
run "$out/cache" "$out/7.jsonl"; check $? "a cut cache file: exit 0"
cmp -s "$out/7.jsonl" "$out/ref5.jsonl" && [ ! -s "$out/err" ]; check $? "a cut cache file: rules parsed, same output"
[ "$(stat -c %s "$f")" = "$size" ]; check $? "a cut cache file is written anew, whole"
head -c 100000 /dev/urandom >"$f"
run "$out/cache" "$out/8.jsonl"; cmp -s "$out/8.jsonl" "$out/ref5.jsonl"; check $? "a cache file of garbage: same output"
: >"$f"
run "$out/cache" "$out/9.jsonl"; cmp -s "$out/9.jsonl" "$out/ref5.jsonl"; check $? "an empty cache file: same output"

# a cache file from another build (its key names the build: another feit's file is another
# name): copied over this name with a different header, it is not used
run "$out/cache" "$out/10.jsonl"
printf 'FEITRUL\000\002' | dd of="$f" bs=1 seek=0 conv=notrunc 2>/dev/null
run "$out/cache" "$out/11.jsonl"; cmp -s "$out/11.jsonl" "$out/ref5.jsonl"; check $? "a cache file of another format: same output"

# a cache directory that exists but cannot be written: works, same output (root writes anyway,
# so the directory is made unwritable by being a file in the path above)
run "$out/plainfile/sub" "$out/12.jsonl"; check $? "unwritable cache directory: exit 0"
cmp -s "$out/12.jsonl" "$out/ref5.jsonl" && [ ! -s "$out/err" ]; check $? "unwritable cache directory: same output, no message"

# a rule file with an error: the same message as ever, and no cache file for it
mkdir "$out/bad" && cp "$out/m/predicates.tsv" "$out/m/roles.tsv" "$out/bad/"
printf 'predicates predicates.tsv\nroles roles.tsv\nrule broken 0.9\n    A:PERSON (wat\n    -> A overleg A\n' >"$out/bad/relations.rules"
XDG_CACHE_HOME="$out/badcache" "$FEIT" extract --rules "$out/bad/relations.rules" "$out/in.txt" >/dev/null 2>"$out/err"
rc=$?; [ "$rc" = 2 ]; check $? "a bad rule file: exit 2 (got $rc)"
grep -q "bad/relations.rules:4" "$out/err"; check $? "a bad rule file: the message names file and line"
[ "$(files "$out/badcache/feit")" = 0 ]; check $? "a bad rule file leaves no cache file"

# feit lint parses the rules (it reports every error) and writes no cache
XDG_CACHE_HOME="$out/lintcache" "$FEIT" lint "$top/models/" >"$out/lint" 2>&1; rc=$?
[ "$rc" = 0 ]; check $? "feit lint models/ exits 0 (got $rc)"
[ "$(files "$out/lintcache/feit")" = 0 ]; check $? "feit lint writes no rules cache"
XDG_CACHE_HOME="$out/lintcache" "$FEIT" lint "$out/bad/relations.rules" >"$out/lint" 2>&1
grep -q "relations.rules:4" "$out/lint"; check $? "feit lint still reports the bad rule file's line"

# writing and reading the cache file under valgrind: every byte written is defined (the
# padding of the rule structs too: rules_grow zeroes), nothing read out of bounds, no leak
if command -v valgrind >/dev/null 2>&1 && ! nm "$FEIT" 2>/dev/null | grep -q __asan_; then
    for i in 1 2; do
        XDG_CACHE_HOME="$out/vgcache" valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
            "$FEIT" extract --rules "$out/m/relations.rules" "$out/in.txt" >"$out/vg$i.jsonl" 2>"$out/err"
        rc=$?; [ "$rc" = 0 ] && ! grep -q '^==[0-9]*== ' "$out/err"; check $? "valgrind: run $i (the cache $( [ $i = 1 ] && echo written || echo read)) is clean (status $rc)"
    done
    cmp -s "$out/vg2.jsonl" "$out/ref5.jsonl"; check $? "valgrind: the same output"
fi
