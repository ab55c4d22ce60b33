# scripts/sample-coref: draws coreference resolutions from `feit extract --emit documents
# --with-text` records for judging by hand. On texts written for this test with the fixture
# gazetteer of tests/discourse/gaz: what it prints for one resolution (the sentence with the
# mention marked, the antecedent's sentence), that a seed fixes the sample, the form filter, and
# the messages for records it cannot use.
. tests/patho/lib.sh
G="--gazetteers tests/discourse/gaz"
S=scripts/sample-coref

# one document, one pronoun and one description, the antecedents in earlier sentences
printf '%s\n' '{"id":"a","text":"Karel Dekkers kwam dinsdag aan. Hij sprak met de pers. FC Polder verloor. De club zoekt een spits."}' |
    "$FEIT" extract $G --emit documents --with-text - >"$T/one.jsonl" 2>"$T/err"
"$S" --all "$T/one.jsonl" >"$T/all" 2>"$T/err"; rc=$?
ok all-exit-0 test "$rc" -eq 0
ok all-count grep -qx '# 2 resolutions (forms description,pronoun)' "$T/all"
ok pronoun-line grep -qF "[1] doc a  pronoun 'Hij' -> Karel Dekkers (person)" "$T/all"
ok pronoun-antecedent grep -qxF '  antecedent: <<Karel Dekkers>> kwam dinsdag aan.' "$T/all"
ok pronoun-mention grep -qxF '  mention:    [[Hij]] sprak met de pers.' "$T/all"
ok description-line grep -qF "[2] doc a  description 'De club' -> FC Polder (organisation)" "$T/all"
ok description-mention grep -qxF '  mention:    [[De club]] zoekt een spits.' "$T/all"
"$S" --all --forms pronoun "$T/one.jsonl" >"$T/pron"
ok forms-filter grep -qx '# 1 resolutions (forms pronoun)' "$T/pron"
ok forms-filter-no-description sh -c "! grep -q description '$T/pron'"

# many documents: the same seed draws the same sample, read from a file or from stdin; another
# seed another one; -n is how many
python3 -c '
import json
for i in range(30):
    print(json.dumps({"id": "d%02d" % i, "text": "Lotte de Wit kwam aan. Ze was moe. Karel Dekkers bleef. Hij sprak."}))' |
    "$FEIT" extract $G --emit documents --with-text - >"$T/many.jsonl" 2>"$T/err"
"$S" --seed 7 -n 5 "$T/many.jsonl" >"$T/s7a"
"$S" --seed 7 -n 5 <"$T/many.jsonl" >"$T/s7b"
"$S" --seed 8 -n 5 "$T/many.jsonl" >"$T/s8"
ok seed-header grep -qx '# sample: seed 7, n 5' "$T/s7a"
ok seed-n test "$(grep -c '^\[' "$T/s7a")" -eq 5
ok seed-same cmp -s "$T/s7a" "$T/s7b"
ok seed-other sh -c "! cmp -s '$T/s7a' '$T/s8'"
ok n-larger-than-all test "$("$S" -n 500 "$T/many.jsonl" | grep -c '^\[')" -eq 60

# records it cannot use: a clear message and a non-zero exit
printf '%s\n' 'Karel Dekkers kwam. Hij sprak.' | "$FEIT" extract $G --emit documents - >"$T/notext.jsonl" 2>"$T/err"
"$S" "$T/notext.jsonl" >/dev/null 2>"$T/msg"; rc=$?
ok no-text-fails test "$rc" -ne 0
ok no-text-message grep -q 'run feit extract with --with-text' "$T/msg"
printf '%s\n' 'Karel Dekkers kwam. Hij sprak.' | "$FEIT" extract $G --emit entities - >"$T/ents.jsonl" 2>"$T/err"
"$S" "$T/ents.jsonl" >/dev/null 2>"$T/msg"; rc=$?
ok entities-fails test "$rc" -ne 0
ok entities-message grep -q 'not a documents record' "$T/msg"
