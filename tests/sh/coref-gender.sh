# Pronouns and people's gender (src/discourse/gender.c, coref.c): the first-name list of the
# language data decides which person "hij" and "zij" can stand for; a bad or missing list is an
# error that names it (file:line:column), and nothing is processed.
. tests/patho/lib.sh
G="--gazetteers tests/rules/gaz"
D="$T/data"
mkdir -p "$D" && cp -r models/nl models/relations.rules models/predicates.tsv models/roles.tsv "$D"/
L="$D/nl/firstname-genders.txt"
tab=$(printf '\t')

# the pronoun's mention: its canonical name, or "none"
pron() { # text [extract options]
    text=$1; shift
    printf '%s\n' "$text" | "$FEIT" extract "$@" --emit entities - 2>"$T/err" |
        python3 -c 'import sys, json
c = [e["canonical"] for e in map(json.loads, sys.stdin) if e["form"] == "pronoun"]
print(c[0] if c else "none")'
}

S='Giorgia Meloni ontmoette dinsdag Emmanuel Macron. Hij sprak met Masoud Pezeshkian.'
ok bundled-hij-skips-woman test "$(pron "$S" $G)" = "Emmanuel Macron"
ok bundled-zij-blocked-by-man test "$(pron 'Vladimir Poetin kwam dinsdag aan. Zij sprak met Masoud Pezeshkian.' $G)" = none
ok bundled-unknown-fits test "$(pron 'Xi Jinping kwam dinsdag aan. Zij sprak met Masoud Pezeshkian.' $G)" = "Xi Jinping"

# many documents in one run: a worker keeps the genders of the gazetteer's people across its
# documents (by entry, discourse.h): each document's pronoun still goes by its own people's
# genders, the same person the same answer in every document, on one thread and on two
docs() {
    for t in 'Giorgia Meloni ontmoette dinsdag Emmanuel Macron. Hij sprak met Masoud Pezeshkian.' \
             'Emmanuel Macron ontmoette dinsdag Giorgia Meloni. Zij sprak met Masoud Pezeshkian.' \
             'Xi Jinping kwam dinsdag aan. Zij sprak met Masoud Pezeshkian.' \
             'Vladimir Poetin kwam dinsdag aan. Zij sprak met Masoud Pezeshkian.' \
             'Giorgia Meloni ontmoette dinsdag Emmanuel Macron. Hij sprak met Masoud Pezeshkian.' \
             'Xi Jinping ontmoette dinsdag Giorgia Meloni. Hij sprak met Masoud Pezeshkian.' \
             'Emmanuel Macron ontmoette dinsdag Giorgia Meloni. Zij sprak met Masoud Pezeshkian.' \
             'Vladimir Poetin ontmoette dinsdag Xi Jinping. Zij sprak met Masoud Pezeshkian.'; do
        n=$((${n:-0} + 1))
        printf '{"id":"d%d","text":"%s"}\n' "$n" "$t"
    done
}
prons() { # extract options: per document, its pronoun's canonical name or "none"
    docs | "$FEIT" extract "$@" --emit entities - 2>"$T/err" | python3 -c 'import sys, json
got = {}
for e in map(json.loads, sys.stdin):
    got.setdefault(e["doc"], "none")
    if e["form"] == "pronoun": got[e["doc"]] = e["canonical"]
print("|".join(got.get("d%d" % i, "none") for i in range(1, 9)))'
}
want="Emmanuel Macron|Giorgia Meloni|Xi Jinping|none|Emmanuel Macron|Xi Jinping|Giorgia Meloni|Xi Jinping"
ok worker-genders-one-thread test "$(prons $G --threads 1)" = "$want"
ok worker-genders-two-threads test "$(prons $G --threads 2)" = "$want"

# the list is what decides: swapped genders swap the answer
printf '# swapped\nemmanuel\tf\ngiorgia\tm\n' >"$L"
ok list-read-from-data-dir test "$(pron "$S" $G --data-dir "$D")" = "Giorgia Meloni"
# an empty list: nobody's gender is known, salience alone (the subject)
: >"$L"
ok empty-list-salience test "$(pron "$S" $G --data-dir "$D")" = "Giorgia Meloni"

# a person found by rules (a known first name and a surname), a double first name by its first part
mkdir -p "$T/gaz" && cp tests/rules/gaz/*.tsv "$T/gaz"/ && printf 'Anna\nJan\nMarie\n' >"$T/gaz/firstnames.txt"
printf 'anna\tf\njan\tm\nmarie\tf\n' >"$L"
ok rule-found-hij test "$(pron 'Anna de Boer sprak dinsdag met Jan Peters. Hij wil een nieuwe wet.' --gazetteers "$T/gaz" --data-dir "$D")" = "Jan Peters"
ok rule-found-zij test "$(pron 'Jan Peters sprak dinsdag met Anna de Boer. Zij wil een nieuwe wet.' --gazetteers "$T/gaz" --data-dir "$D")" = "Anna de Boer"
ok double-first-name test "$(pron 'Marie-Louise Peters sprak dinsdag met Jan de Boer. Hij wil een nieuwe wet.' --gazetteers "$T/gaz" --data-dir "$D")" = "Jan de Boer"

# the same people named again and again (coref looks a canonical name's gender up once per
# document, and an anaphor takes its antecedent's): every pronoun still by its person's gender
printf 'anna\tf\njan\tm\nmarie\tf\n' >"$L"
S='Anna de Boer sprak dinsdag met Jan Peters. Hij wil een nieuwe wet. Jan Peters sprak woensdag met Anna de Boer. Zij wil een andere wet. Anna de Boer en Jan Peters kwamen donderdag. Hij zei niets. Zij zei veel. Jan Peters belde Anna de Boer. Zij wil geen wet.'
got=$(printf '%s\n' "$S" | "$FEIT" extract --gazetteers "$T/gaz" --data-dir "$D" --emit entities - 2>"$T/err" |
    python3 -c 'import sys, json
print("|".join(e["canonical"] for e in map(json.loads, sys.stdin) if e["form"] == "pronoun"))')
ok repeated-names-genders test "$got" = "Jan Peters|Anna de Boer|Jan Peters|Anna de Boer|Anna de Boer"

# bad lists: exit 2, one error line naming the place, no output
bad() { # name content place message
    printf "$2" >"$L"
    echo 'Jan Peters kwam.' | "$FEIT" extract $G --data-dir "$D" -o "$T/out" - 2>"$T/err"; rc=$?
    line=$(cat "$T/err")
    if [ "$rc" -ne 2 ]; then fail "$1" "exit status $rc, want 2 ($line)"
    else case "$line" in
        *"$L$3: "*"$4"*) pass "$1" ;;
        *) fail "$1" "want '$L$3: ...$4...', got '$line'" ;;
    esac; fi
    if [ -s "$T/out" ]; then fail "$1-no-output" "output written"; else pass "$1-no-output"; fi
    rm -f "$T/out"
}
bad no-tab '# x\nanna f\n' ':2:1' "expected 'name<TAB>m|f'"
bad bad-gender 'anna\tx\n' ':1:6' 'expected the gender m or f'
bad text-after 'anna\tf extra\n' ':1:8' 'unexpected text after the gender'
bad blank-in-name 'anna marie\tf\n' ':1:5' 'one word'
bad twice 'anna\tf\nanna\tm\n' ':2:1' 'listed twice'
bad order 'jan\tm\nanna\tf\n' ':2:1' 'out of order'
bad capital 'Anna\tf\n' ':1:1' 'folded'
bad capital-accent '\303\211lodie\tf\n' ':1:1' 'folded'
bad invalid-utf8 'anna\tf\n\377\tm\n' ':2:1' 'invalid UTF-8'
rm -f "$L"
echo 'Jan Peters kwam.' | "$FEIT" extract $G --data-dir "$D" - >/dev/null 2>"$T/err"; rc=$?
ok missing-exit-2 test "$rc" -eq 2
ok missing-names-file grep -q "$L: cannot open" "$T/err"

# feit lint checks the list with the language data
printf 'jan\tm\nanna\tf\n' >"$L"
"$FEIT" lint "$D/nl" >"$T/lint" 2>&1; rc=$?
ok lint-exit-1 test "$rc" -eq 1
ok lint-names-place grep -q "$L:2:1: 'anna' is out of order" "$T/lint"
"$FEIT" lint models/nl >"$T/lint2" 2>&1; ok lint-bundled-clean test $? -eq 0
