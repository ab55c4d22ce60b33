# feit explain: tokens, mentions (with a description's antecedent), the rules that fired with
# their bindings, the triples, and for a named predicate the nearest rules that did not fire
# with the element where each stopped; an unknown predicate is an error; stdin is read.
. tests/patho/lib.sh
G="--gazetteers tests/rules/gaz"
"$FEIT" explain $G --predicate samenwerking 'Rusland zit klem. Het land gaat samenwerken met Iran. Rusland werkt met China.' >"$T/o" 2>"$T/e"; rc=$?
ok explain-exit-0 test "$rc" -eq 0
ok explain-sentences grep -q '^sentence 2: Rusland werkt met China.' "$T/o"
ok explain-tokens grep -q '^  tokens: Het land gaat samenwerken met Iran .' "$T/o"
ok explain-description-antecedent grep -q '"Het land" country description coref -> Rusland (Q159), named at byte 0' "$T/o"
ok explain-fired-with-bindings grep -q 'samenwerken-met on "Het land gaat samenwerken met Iran" A="Het land" = Rusland B="Iran" = Iran' "$T/o"
ok explain-triple grep -q '(Rusland, samenwerking, Iran) current, confidence 0.72, rule samenwerken-met' "$T/o"
# the third sentence states no cooperation ("werkt met" without "samen"): the nearest misses
ok explain-misses-heading grep -q "rules for 'samenwerking' that did not fire here" "$T/o"
ok explain-miss-element grep -q 'werkt-met-samen: matched "Rusland werkt met China.*stopped at element' "$T/o"
"$FEIT" explain $G --predicate bogus 'Rusland en Iran.' >"$T/o2" 2>&1; rc=$?
ok explain-unknown-predicate-exit-2 test "$rc" -eq 2
ok explain-unknown-predicate-says-so grep -q "no predicate 'bogus'" "$T/o2"
echo 'Rusland en Iran gaan samenwerken.' | "$FEIT" explain $G - >"$T/o3" 2>&1
ok explain-stdin grep -q 'coord-samenwerken on "Rusland en Iran gaan samenwerken"' "$T/o3"
"$FEIT" explain --bogus >/dev/null 2>&1; ok explain-bad-option-exit-2 test $? -eq 2
