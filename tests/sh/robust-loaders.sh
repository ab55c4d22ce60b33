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
