# Bad gazetteer and rules files (issue 8): the loader names file:line:column and the reason on
# one stderr line, feit exits 2, and nothing is half-loaded: no document is processed, no output
# written (the good lines before the bad one do not make a partial run).
. tests/patho/lib.sh
P=tests/patho

tab=$(printf '\t')
grep -v '^#' $P/loaders.expect | while IFS="$tab" read -r kind path place msg; do
    name="$kind-$(basename "$path" .rules)"
    if [ "$kind" = gaz ]; then
        "$FEIT" extract --gazetteers "$P/$path" -o "$T/out" $P/nul.txt 2>"$T/err"
    else
        extract --rules "$P/$path" -o "$T/out" $P/nul.txt 2>"$T/err"
    fi
    rc=$?
    line=$(cat "$T/err")
    n=$(grep -c . "$T/err")
    if [ "$rc" -ne 2 ]; then
        fail "$name" "exit status $rc, want 2"
    elif [ "$n" -ne 1 ]; then
        fail "$name" "$n stderr lines, want 1: $line"
    else
        case "$line" in
        "feit extract: $P/$place: "*"$msg"*) pass "$name" ;;
        *) fail "$name" "want 'feit extract: $P/$place: ...$msg...', got '$line'" ;;
        esac
    fi
    if [ -s "$T/out" ]; then fail "$name-no-output" "output written: $(head -c 200 "$T/out")"; else pass "$name-no-output"; fi
    rm -f "$T/out"
done

# missing files and directories: named, exit 2
extract --rules $P/rules-bad/none.rules $P/nul.txt >"$T/out" 2>"$T/err"
status missing-rules-exit "$?" 2
has missing-rules-report "$T/err" "none.rules: cannot open"
printf 'predicates nothere.tsv\n' >"$T/p.rules"
extract --rules "$T/p.rules" $P/nul.txt >"$T/out" 2>"$T/err"
status missing-predicates-exit "$?" 2
has missing-predicates-report "$T/err" "nothere.tsv: cannot open"
"$FEIT" extract --gazetteers "$T/none" $P/nul.txt >"$T/out" 2>"$T/err"
status missing-gazetteers-exit "$?" 2
has missing-gazetteers-report "$T/err" "none: cannot open"

# pathological but valid: 200k nested groups are refused with a place, not a stack overflow
python3 - "$T/deep.rules" <<'EOF'
import os, sys
models = os.path.abspath("models")
with open(sys.argv[1], "w") as f:
    f.write("predicates %s/predicates.tsv\nrule x 0.9\n    A:ANY %s en %s B:ANY\n    -> A samenwerking B\n"
            % (models, "( " * 200000, " )" * 200000))
EOF
extract --rules "$T/deep.rules" $P/nul.txt >"$T/out" 2>"$T/err"
status deep-groups-exit "$?" 2
has deep-groups-report "$T/err" "deep.rules:3:"
# a gazetteer line of 1 MB, and one name of 5000 tokens: loaded, and the run still works
python3 - "$T/biggaz" <<'EOF'
import os, sys
os.makedirs(sys.argv[1])
with open(os.path.join(sys.argv[1], "big.tsv"), "w") as f:
    f.write("Rusland\tcountry\tkb=Q159\tiso=RU\n")
    f.write("Iran\tcountry\tkb=Q794\talias=" + "|".join("Iran%d" % i for i in range(100000)) + "\n")
    f.write(" ".join(["Lange"] * 5000) + "\torganisation\n")
EOF
"$FEIT" extract --gazetteers "$T/biggaz" --emit entities $P/nul.txt >"$T/out" 2>"$T/err"
status big-gazetteer-exit "$?" 0
has big-gazetteer-works "$T/out" '"canonical":"Iran"'

# Issue 18: loaders refuse what would hang them or be read wrong.
# a FIFO named as a list (in a --gazetteers directory) or as the predicates file: refused at
# once, not a run blocked on open (timeout: the hang this guards against)
mkdir "$T/fifogaz" && cp "$GAZ"/* "$T/fifogaz/" && mkfifo "$T/fifogaz/zz.tsv" "$T/fifo.tsv"
timeout 20 "$FEIT" extract --gazetteers "$T/fifogaz" $P/nul.txt >"$T/out" 2>"$T/err"
status fifo-list-exit "$?" 2
has fifo-list-report "$T/err" "fifogaz/zz.tsv: not a regular file"
printf 'predicates %s\n' "$T/fifo.tsv" >"$T/fifo.rules"
timeout 20 "$FEIT" extract --gazetteers "$GAZ" --rules "$T/fifo.rules" $P/nul.txt >"$T/out" 2>"$T/err"
status fifo-predicates-exit "$?" 2
has fifo-predicates-report "$T/err" "fifo.tsv: not a regular file"
# a list line over the 1 MiB limit is an error at its line (it was read whole, or taken for
# the end of the file when memory ran out): nothing processed
mkdir "$T/longgaz" && cp "$GAZ"/* "$T/longgaz/"
python3 -c "
import sys
open(sys.argv[1], 'w').write('Rusland\tcountry\tkb=Q159\n' + 'X' * (3 << 20) + '\torganisation\nIran\tcountry\n')" "$T/longgaz/zz.tsv"
"$FEIT" extract --gazetteers "$T/longgaz" $P/nul.txt >"$T/out" 2>"$T/err"
status long-list-line-exit "$?" 2
has long-list-line-report "$T/err" "longgaz/zz.tsv:2: line too long"
if [ -s "$T/out" ]; then fail long-list-line-no-output "output written"; else pass long-list-line-no-output; fi
python3 -c "
import sys, os
open(sys.argv[1], 'w').write('predicates %s/models/predicates.tsv\n# %s\n' % (os.getcwd(), 'x' * (3 << 20)))" "$T/long.rules"
extract --rules "$T/long.rules" $P/nul.txt >"$T/out" 2>"$T/err"
status long-rules-line-exit "$?" 2
has long-rules-line-report "$T/err" "long.rules:2:1: line too long"
# 200k rules: the duplicate-id check is a hash, not a scan of the rules so far (that was
# quadratic: 100k rules took 53 s to load, now 1 s); the timeout is ten times the linear
# cost, far below the quadratic one; a duplicate among them is still found, at its place
python3 - "$T/many.rules" 200000 <<'PY'
import os, sys
m = os.path.abspath("models")
with open(sys.argv[1], "w") as f:
    f.write("predicates %s/predicates.tsv\nroles %s/roles.tsv\n" % (m, m))
    for i in range(int(sys.argv[2])):
        f.write("rule r%d 0.9\n    A:ANY en B:ANY werken samen\n    -> A samenwerking B\n" % i)
    f.write("rule r123456 0.9\n    A:ANY met B:ANY\n    -> A samenwerking B\n")
PY
timeout 60 "$FEIT" extract --gazetteers "$GAZ" --rules "$T/many.rules" $P/nul.txt >"$T/out" 2>"$T/err"
status many-rules-dup-exit "$?" 2
has many-rules-dup-report "$T/err" "many.rules:600003:6: rule id 'r123456' used twice"
sed -i '$d' "$T/many.rules"; sed -i '$d' "$T/many.rules"; sed -i '$d' "$T/many.rules"
timeout 60 "$FEIT" extract --gazetteers "$GAZ" --rules "$T/many.rules" $P/nul.txt >"$T/out" 2>"$T/err"
status many-rules-load "$?" 0
