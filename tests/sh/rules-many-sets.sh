# Word sets are bitsets of as many 64-bit words as the rule file needs (rules.h: set_words), up
# to RULES_INDEX_SETS (4096) sets; with more, relate.c goes rule by rule and stem by stem. A
# word's sets reach the matcher three ways: as bits in the token (64 sets or fewer), as a short
# list of set numbers in the token (more sets; numbers below 1024, at most 6 sets a word), or
# found by the matcher itself (memo: a word in more sets, or in a set numbered 1024 or more).
# 1. The bundled rules plus 64, 1100 or 4100 unused word sets give the same triples, byte for
#    byte, as the bundled rules on the relation test cases and the example articles.
# 2. Rules using sets numbered 64 and up (after 64 or 1100 unused sets, and past the index)
#    fire where their sets' words are, and nowhere else.
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
python3 - >"$out/in.jsonl" <<'PY'
import glob, json, os
n = 0
for f in sorted(glob.glob("tests/rules/*.test")):
    for line in open(f, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.strip() and not line.startswith("#") and "|" not in line and line.strip() not in ("-", "+"):
            n += 1
            print(json.dumps({"id": "case-%d" % n, "text": line}, ensure_ascii=False))
for f in sorted(os.listdir("examples/news")):
    print(json.dumps({"id": f, "text": open(os.path.join("examples/news", f), encoding="utf-8").read()}, ensure_ascii=False))
PY
# rules with n unused sets appended: dir $out/rN
pad() {
    mkdir -p "$out/r$1/nl"
    cp models/relations.rules models/predicates.tsv models/roles.tsv "$out/r$1/"
    cp models/nl/word-ranks.txt "$out/r$1/nl/" # (named by the rules: 'word-ranks')
    i=1; while [ $i -le "$1" ]; do echo "words unused$i = zzqx${i}a zzqx${i}b"; i=$((i + 1)); done >>"$out/r$1/relations.rules"
}
for n in 64 1100 4100; do
    pad $n
    for g in tests/rules/gaz default; do
        ga=""; [ "$g" = default ] || ga="--gazetteers $g"
        b="$out/bits-$(basename $g).jsonl"
        [ -f "$b" ] || "$FEIT" extract $ga --input-format jsonl "$out/in.jsonl" >"$b"
        "$FEIT" extract $ga --rules "$out/r$n/relations.rules" --input-format jsonl "$out/in.jsonl" >"$out/many.jsonl" 2>"$out/err"
        k=$(wc -l <"$b")
        if [ "$k" -gt 20 ] && cmp -s "$b" "$out/many.jsonl"; then
            echo "PASS rules-many-sets: $n more word sets give the same $k triples ($g gazetteers)"
        else
            echo "FAIL rules-many-sets: $k triples with the bundled rules, $(wc -l <"$out/many.jsonl") with $n more sets ($g gazetteers)"
            diff "$b" "$out/many.jsonl" | head -4; head -3 "$out/err"
        fi
    done
done

# 2. rules of sets past the 64th: 'prijs' (a plain set), seven sets that hold the same word
# (bejubel1..7: more sets than a token's list holds), and a rule whose first element is a group
# of a set and a word (the first-token test)
cat >"$out/in2.jsonl" <<'EOF'
{"id":"fire-plain","text":"Jan Jansen prijst Piet Pietersen."}
{"id":"fire-past","text":"Jan Jansen prees Piet Pietersen."}
{"id":"fire-seven","text":"Jan Jansen bejubelt Piet Pietersen."}
{"id":"fire-first","text":"Hulde aan Piet Pietersen door Jan Jansen."}
{"id":"fire-first-lit","text":"Hommage aan Piet Pietersen door Jan Jansen."}
{"id":"not-other","text":"Jan Jansen bedankt Piet Pietersen."}
{"id":"not-apart","text":"Jan Jansen prijst de plannen van Piet Pietersen."}
{"id":"not-unused","text":"Jan Jansen zzqx5a Piet Pietersen. Jan Jansen zzqx1099b Piet Pietersen."}
{"id":"not-first","text":"Dank aan Piet Pietersen door Jan Jansen."}
EOF
cat >"$out/extra.rules" <<'EOF'
words prijs = prijzen prijst prees prezen geprezen
words bejubel1 = bejubelt
words bejubel2 = bejubelt
words bejubel3 = bejubelt
words bejubel4 = bejubelt
words bejubel5 = bejubelt
words bejubel6 = bejubelt
words bejubel7 = bejubelt bejubelen bejubelde
words hulde = hulde eerbetoon
rule many-prijs 0.5
    A:PERSON @prijs B:PERSON
    -> A steun B
rule many-bejubel 0.5
    A:PERSON @bejubel7 B:PERSON
    -> A steun B
rule many-first 0.5
    (@hulde | hommage) aan A:PERSON door B:PERSON
    -> B steun A
EOF
want='fire-first many-first Jan Jansen Piet Pietersen
fire-first-lit many-first Jan Jansen Piet Pietersen
fire-past many-prijs Jan Jansen Piet Pietersen
fire-plain many-prijs Jan Jansen Piet Pietersen
fire-seven many-bejubel Jan Jansen Piet Pietersen'
for n in 64 1100 4100; do
    cat "$out/extra.rules" >>"$out/r$n/relations.rules"
    "$FEIT" extract --rules "$out/r$n/relations.rules" --input-format jsonl "$out/in2.jsonl" >"$out/fired.jsonl" 2>"$out/err"
    got=$(python3 -c '
import json, sys
for l in open(sys.argv[1], encoding="utf-8"):
    t = json.loads(l)
    if t["rule"].startswith("many-"):
        print(t["doc"], t["rule"], t["subject"], t["object"])' "$out/fired.jsonl" | sort)
    sets=$(grep -c '^words' "$out/r$n/relations.rules")
    if [ "$got" = "$want" ]; then
        echo "PASS rules-many-sets: rules of sets 64 and up fire where they should and nowhere else ($sets sets)"
    else
        echo "FAIL rules-many-sets: with $sets sets the rules of the sets past 64 give:"; echo "$got"; head -3 "$out/err"
    fi
done

# 3. A long document: the matcher remembers the sets of the tokens it asks about in a window of
# 8192 tokens (relate_match.h: MEMO_SLOTS), so far-apart tokens share a place in it. 3000
# sentences (some 20000 tokens) of two people and 'bejubelt' (seven sets: found by the matcher
# itself) or 'bedankt' (none) give, as one document, the triples they give as 30 documents of
# 100 sentences each, and each 'bejubelt' pair its triple.
python3 - "$out/long.txt" "$out/short.jsonl" "$out/want-long" <<'PY'
import json, random, sys
random.seed(17)
first = ["Jan", "Piet", "Kees", "Anna", "Els", "Bram", "Joost", "Sanne"]
last = ["Bakker", "Visser", "Smit", "Meijer", "Mulder", "Bos", "Vos", "Peters", "Hendriks", "Dekker"]
people = [f + " " + l for f in first for l in last]
sents, want = [], set()
for i in range(3000):
    a, b = random.sample(people, 2)
    verb = random.choice(["bejubelt", "bedankt"])
    # (sentences of more than one length: else the verbs of a fixed stride never share a place)
    sents.append(random.choice(["%s %s %s.", "Ook %s %s %s.", "%s %s %s opnieuw."]) % (a, verb, b))
    if verb == "bejubelt":
        want.add((a, b))
open(sys.argv[1], "w").write(" ".join(sents) + "\n")
with open(sys.argv[2], "w") as f:
    for k in range(0, len(sents), 100):
        f.write(json.dumps({"id": "part-%d" % k, "text": " ".join(sents[k:k + 100])}) + "\n")
open(sys.argv[3], "w").write("".join("%s|%s\n" % p for p in sorted(want)))
PY
pairs() { python3 -c '
import json, sys
print("".join(sorted(set("%s|%s\n" % (t["subject"], t["object"]) for t in map(json.loads, open(sys.argv[1], encoding="utf-8")) if t["rule"] == "many-bejubel"))), end="")' "$1"; }
"$FEIT" extract --threads 1 --rules "$out/r1100/relations.rules" "$out/long.txt" >"$out/long.out" 2>"$out/err"
"$FEIT" extract --threads 1 --rules "$out/r1100/relations.rules" "$out/short.jsonl" >"$out/short.out" 2>>"$out/err"
pairs "$out/long.out" >"$out/got-long"
pairs "$out/short.out" >"$out/got-short"
if [ "$(wc -l <"$out/want-long")" -gt 500 ] && cmp -s "$out/got-long" "$out/got-short" && cmp -s "$out/got-long" "$out/want-long"; then
    echo "PASS rules-many-sets: one long document gives the triples of its parts ($(wc -l <"$out/got-long") pairs)"
else
    echo "FAIL rules-many-sets: long document $(wc -l <"$out/got-long") pairs, its parts $(wc -l <"$out/got-short"), want $(wc -l <"$out/want-long")"
    diff "$out/got-long" "$out/want-long" | head -4; head -3 "$out/err"
fi

# ... and lint warns where the index switches off (past 4096 sets), not before
mkdir -p "$out/r4100/nl" "$out/r1100/nl" && cp models/nl/* "$out/r4100/nl/" && cp models/nl/* "$out/r1100/nl/"
"$FEIT" lint "$out/r4100/relations.rules" >"$out/lint" 2>&1
if grep -q "word sets: more than 4096 switch the word-set index off" "$out/lint"; then
    echo "PASS rules-many-sets: lint warns of more than 4096 word sets"
else
    echo "FAIL rules-many-sets: lint does not warn: $(head -c 300 "$out/lint")"
fi
"$FEIT" lint "$out/r1100/relations.rules" >"$out/lint" 2>&1
if grep -q "word sets" "$out/lint"; then
    echo "FAIL rules-many-sets: lint warns of 1100 word sets: $(head -c 300 "$out/lint")"
else
    echo "PASS rules-many-sets: lint says nothing of 1100 word sets"
fi
