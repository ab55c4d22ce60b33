# The bundled gazetteers: the checks of their generators pass, and the lists keep the sizes the
# project promises (every ISO 3166-1 country, 20,000+ cities, 3,000+ curated organisations,
# 2,000+ curated people), with the names the seed news needs resolving to their canonical forms.
python3 scripts/gaz-geo --check >/dev/null 2>&1 && echo "PASS gazetteer-data: scripts/gaz-geo --check" || echo "FAIL gazetteer-data: scripts/gaz-geo --check"
python3 scripts/gaz-alpino-orgs --check >/dev/null 2>&1 && echo "PASS gazetteer-data: scripts/gaz-alpino-orgs --check" || echo "FAIL gazetteer-data: scripts/gaz-alpino-orgs --check"
# Wikidata ids: every kb= is backed by gazetteers/src/kb-provenance.tsv (scripts/gaz-wikidata), and
# the check catches an id typed by hand or changed by hand (on a copy of the lists).
python3 scripts/gaz-wikidata --check >/dev/null 2>&1 && echo "PASS gazetteer-data: scripts/gaz-wikidata --check" || echo "FAIL gazetteer-data: scripts/gaz-wikidata --check"
python3 scripts/gaz-org-kinds --check >/dev/null 2>&1 && echo "PASS gazetteer-data: every curated organisation has the kind of its section" || echo "FAIL gazetteer-data: scripts/gaz-org-kinds --check"
kbtmp=$(mktemp -d)
kb_mutant() { # description, list, awk program: the check must fail on the changed copy
    mkdir -p "$kbtmp/src" && cp gazetteers/*.tsv "$kbtmp/" && cp gazetteers/src/kb-*.tsv "$kbtmp/src/"
    awk -F'\t' -v OFS='\t' "$3" "gazetteers/$2" >"$kbtmp/$2"
    if cmp -s "gazetteers/$2" "$kbtmp/$2"; then echo "FAIL gazetteer-data: kb mutant ($1) changed nothing"
    elif python3 scripts/gaz-wikidata --check --gazetteers "$kbtmp" >/dev/null 2>&1; then echo "FAIL gazetteer-data: scripts/gaz-wikidata --check accepts $1"
    else echo "PASS gazetteer-data: scripts/gaz-wikidata --check rejects $1"; fi
}
kb_mutant "a hand-typed kb=" people.tsv '!d && !/^#/ && NF >= 2 && !/\tkb=/ { $2 = $2 "\tkb=Q42"; d = 1 } { print }'
kb_mutant "a changed kb=" countries.tsv '!d && /\tkb=Q/ { sub(/\tkb=Q[0-9]+/, "\tkb=Q1"); d = 1 } { print }'
kb_mutant "a changed organisation kb=" organisations.tsv '!d && /\tkb=Q/ { sub(/\tkb=Q[0-9]+/, "\tkb=Q1"); d = 1 } { print }'
# A dr5hn city id from Q20000000 up (a duplicate or district item, not the city) is refused even
# when the list and the provenance table agree on it.
cp gazetteers/*.tsv "$kbtmp/" && cp gazetteers/src/kb-*.tsv "$kbtmp/src/"
city=$(awk -F'\t' '$1 == "cities.tsv" && $5 == "csc" { print $2; exit }' gazetteers/src/kb-provenance.tsv)
awk -F'\t' -v OFS='\t' -v c="$city" '$1 == "cities.tsv" && $2 == c { $4 = "Q20000001" } { print }' \
    gazetteers/src/kb-provenance.tsv >"$kbtmp/src/kb-provenance.tsv"
awk -F'\t' -v OFS='\t' -v c="$city" '$1 == c && $2 == "city" { sub(/\tkb=Q[0-9]+/, "\tkb=Q20000001") } { print }' \
    gazetteers/cities.tsv >"$kbtmp/cities.tsv"
if [ -n "$city" ] && python3 scripts/gaz-wikidata --check --gazetteers "$kbtmp" 2>&1 | grep -q "$city: a dr5hn city id from Q20000000 up"
then echo "PASS gazetteer-data: scripts/gaz-wikidata --check rejects a dr5hn city id >= Q20000000 ($city)"
else echo "FAIL gazetteer-data: scripts/gaz-wikidata --check accepts a dr5hn city id >= Q20000000 (${city:-no csc city})"; fi
rm -rf "$kbtmp"
count() { grep -v '^#' "$1" | grep -c "	$2"; }
check_min() { # file type minimum
    n=$(count "gazetteers/$1" "$2")
    [ "$n" -ge "$3" ] && echo "PASS gazetteer-data: $1 has $n $2 rows (>= $3)" || echo "FAIL gazetteer-data: $1 has $n $2 rows, want >= $3"
}
check_min countries.tsv country 249
check_min cities.tsv city 20000
check_min organisations.tsv organisation 3000
check_min people.tsv person 2000
isos=$(grep -o 'iso=[A-Z][A-Z]' gazetteers/countries.tsv | sort -u | wc -l)
[ "$isos" -ge 249 ] && echo "PASS gazetteer-data: $isos distinct ISO codes" || echo "FAIL gazetteer-data: $isos distinct ISO codes, want >= 249"
out=$(mktemp); trap 'rm -f "$out"' EXIT
printf 'MOSKOU (ANP/AFP) - De Russische president Vladimir Poetin sprak met de VS, de EU, Oekraïne en Mexico-Stad.\n' |
    "$FEIT" extract --emit entities --input-format text - >"$out"
for want in "MOSKOU|Moskou|city" "Russische|Rusland|country" "Vladimir Poetin|Vladimir Poetin|person" "VS|Verenigde Staten|country" \
            "EU|Europese Unie|organisation" "Oekraïne|Oekraïne|country" "Mexico-Stad|Mexico-Stad|city" "AFP|AFP|organisation"; do
    text=${want%%|*}; rest=${want#*|}; canon=${rest%%|*}; type=${rest#*|}
    python3 -c '
import json, sys
t, c, ty = sys.argv[2:5]
ok = any(e["text"] == t and e["canonical"] == c and e["type"] == ty for e in map(json.loads, open(sys.argv[1])))
print(("PASS" if ok else "FAIL") + " gazetteer-data: %s -> %s (%s)" % (t, c, ty))' "$out" "$text" "$canon" "$type"
done
