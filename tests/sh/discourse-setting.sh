# The document's country (src/discourse/setting.c): the country most of its mentions belong
# to, with at least 3 votes and 60% of them; a bare role ("Premier Jan Peters", rule role-bare)
# takes it as the country (DOC).
. tests/patho/lib.sh
obj() { # text: the objects of the premier facts, or "none"
    printf '%s\n' "$1" | "$FEIT" extract --gazetteers tests/rules/gaz - 2>"$T/err" |
        python3 -c 'import sys, json
o = [t["object"] for t in map(json.loads, sys.stdin) if t["predicate"] == "premier"]
print("|".join(o) if o else "none")'
}
P='Premier Jan Peters sprak dinsdag.'
ok three-votes test "$(obj "Frankrijk stemde. In Frankrijk regent het. Frankrijk won. $P")" = Frankrijk
ok two-votes-too-few test "$(obj "Frankrijk stemde. Frankrijk won. $P")" = none
ok majority test "$(obj "Duitsland stemde. Frankrijk stemde. In Frankrijk regent het. Frankrijk won. $P")" = Frankrijk
ok majority-later test "$(obj "Frankrijk stemde. Duitsland stemde. In Duitsland regent het. Duitsland won. $P")" = Duitsland
ok half-is-no-majority test "$(obj "Duitsland stemde. Duitsland won. Duitsland viel. Frankrijk stemde. Frankrijk won. Frankrijk viel. $P")" = none
