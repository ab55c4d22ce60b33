# The bundled gazetteers: the checks of their generators pass, and the lists keep the sizes the
# project promises (every ISO 3166-1 country, 20,000+ cities, 3,000+ curated organisations,
# 2,000+ curated people), with the names the seed news needs resolving to their canonical forms.
python3 scripts/gaz-geo --check >/dev/null 2>&1 && echo "PASS gazetteer-data: scripts/gaz-geo --check" || echo "FAIL gazetteer-data: scripts/gaz-geo --check"
python3 scripts/gaz-alpino-orgs --check >/dev/null 2>&1 && echo "PASS gazetteer-data: scripts/gaz-alpino-orgs --check" || echo "FAIL gazetteer-data: scripts/gaz-alpino-orgs --check"
# Wikidata ids: every kb= is backed by gazetteers/src/kb-provenance.tsv (scripts/gaz-wikidata), and
# the check catches an id typed by hand or changed by hand (on a copy of the lists).
python3 scripts/gaz-wikidata --check >/dev/null 2>&1 && echo "PASS gazetteer-data: scripts/gaz-wikidata --check" || echo "FAIL gazetteer-data: scripts/gaz-wikidata --check"
python3 scripts/gaz-org-kinds --check >/dev/null 2>&1 && echo "PASS gazetteer-data: every curated organisation has the kind of its section" || echo "FAIL gazetteer-data: scripts/gaz-org-kinds --check"
# A company named with a group or legal suffix also goes by its short name where that is safe
# (scripts/gaz-org-aliases); the check sees a short name taken away again (on a copy).
python3 scripts/gaz-org-aliases --check >/dev/null 2>&1 && echo "PASS gazetteer-data: scripts/gaz-org-aliases --check" || echo "FAIL gazetteer-data: scripts/gaz-org-aliases --check"
oatmp=$(mktemp -d) && cp gazetteers/*.tsv gazetteers/firstnames.txt "$oatmp/"
sed 's/^\(Louis Delhaize Group\t.*\)alias=Louis Delhaize\t/\1/' gazetteers/organisations.tsv >"$oatmp/organisations.tsv"
if cmp -s gazetteers/organisations.tsv "$oatmp/organisations.tsv"; then echo "FAIL gazetteer-data: org-aliases mutant changed nothing"
elif python3 scripts/gaz-org-aliases --check --gazetteers "$oatmp" | grep -q "Louis Delhaize Group: alias Louis Delhaize missing"
then echo "PASS gazetteer-data: scripts/gaz-org-aliases --check sees a missing short name"
else echo "FAIL gazetteer-data: scripts/gaz-org-aliases --check misses a missing short name"; fi
rm -rf "$oatmp"
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
# The curated lists know the organisations, people and places news writes about in every domain:
# a few entries of each category, in sentences the team wrote, with their canonical name and type.
cat >"$out.txt" <<'TXT'
Het ministerie van Buitenlandse Zaken bevestigde dat Fortuna Düsseldorf en KV Oostende in de Challenger Pro League en de 2. Bundesliga spelen.
In de Jupiler Pro League won RAAL La Louvière van Club Brugge, terwijl Hannover 96 in de Eredivisie-discussie opdook.
Team Picnic PostNL en Decathlon AG2R La Mondiale reden met Uno-X Mobility mee; Scuderia Ferrari en MP Motorsport testten.
HC Den Bosch, Heroes Den Bosch en Greenyard Maaseik wonnen; Achilles Bocholt verloor van THW Kiel.
Hart van Nederland, Ketnet en Play4 zonden het uit, Dag Allemaal en The Athletic schreven erover, Agerpres en Jiji Press meldden het.
Tony's Chocolonely, Hunkemöller en Brouwerij Het Anker groeiden; Nagelmackers, CVC Capital Partners en Permira investeerden.
Provinciale Staten van Gelderland en de Vlaamse Belastingdienst overlegden met de Kansspelautoriteit en Chatham House.
Bart Verhaeghe, Thomas Frank en burgemeester Ton Heerts spraken met Walid Regragui en Thibau Nys.
TXT
"$FEIT" extract --emit entities --input-format text "$out.txt" >"$out"
for want in "ministerie van Buitenlandse Zaken|Ministerie van Buitenlandse Zaken|organisation" \
            "Fortuna Düsseldorf|Fortuna Düsseldorf|organisation" "KV Oostende|KV Oostende|organisation" \
            "Challenger Pro League|Challenger Pro League|organisation" "Jupiler Pro League|Pro League|organisation" \
            "RAAL La Louvière|RAAL La Louvière|organisation" "Hannover 96|Hannover 96|organisation" \
            "Team Picnic PostNL|Team Picnic PostNL|organisation" "Decathlon AG2R La Mondiale|Decathlon AG2R La Mondiale|organisation" \
            "Uno-X Mobility|Uno-X Mobility|organisation" "Scuderia Ferrari|Scuderia Ferrari|organisation" "MP Motorsport|MP Motorsport|organisation" \
            "HC Den Bosch|HC Den Bosch|organisation" "Heroes Den Bosch|Heroes Den Bosch|organisation" "Greenyard Maaseik|Greenyard Maaseik|organisation" \
            "Achilles Bocholt|Achilles Bocholt|organisation" "THW Kiel|THW Kiel|organisation" \
            "Hart van Nederland|Hart van Nederland|organisation" "Ketnet|Ketnet|organisation" "Play4|Play4|organisation" \
            "Dag Allemaal|Dag Allemaal|organisation" "The Athletic|The Athletic|organisation" "Agerpres|Agerpres|organisation" "Jiji Press|Jiji Press|organisation" \
            "Tony's Chocolonely|Tony's Chocolonely|organisation" "Hunkemöller|Hunkemöller|organisation" "Brouwerij Het Anker|Brouwerij Het Anker|organisation" \
            "Nagelmackers|Nagelmackers|organisation" "CVC Capital Partners|CVC Capital Partners|organisation" "Permira|Permira|organisation" \
            "Provinciale Staten van Gelderland|Provinciale Staten van Gelderland|organisation" "Vlaamse Belastingdienst|Vlaamse Belastingdienst|organisation" \
            "Kansspelautoriteit|Kansspelautoriteit|organisation" "Chatham House|Chatham House|organisation" \
            "Bart Verhaeghe|Bart Verhaeghe|person" "Thomas Frank|Thomas Frank|person" "Ton Heerts|Ton Heerts|person" \
            "Walid Regragui|Walid Regragui|person" "Thibau Nys|Thibau Nys|person"; do
    text=${want%%|*}; rest=${want#*|}; canon=${rest%%|*}; type=${rest#*|}
    python3 -c '
import json, sys
t, c, ty = sys.argv[2:5]
ok = any(e["text"] == t and e["canonical"] == c and e["type"] == ty and e["source"] == "gazetteer" for e in map(json.loads, open(sys.argv[1])))
print(("PASS" if ok else "FAIL") + " gazetteer-data: %s -> %s (%s, from the gazetteer)" % (t, c, ty))' "$out" "$text" "$canon" "$type"
done
# the kinds their sections give: leagues are federations, teams clubs, publishers media, investors banks
for want in "Challenger Pro League|federation" "Pro League|federation" "Team Picnic PostNL|club" "HC Den Bosch|club" "Fortuna Düsseldorf|club" \
            "Ketnet|media" "Agerpres|media" "Permira|bank" "Nagelmackers|bank" "Hunkemöller|company" "Provinciale Staten van Gelderland|government" \
            "Chatham House|international"; do
    name=${want%%|*}; kind=${want#*|}
    if awk -F'\t' -v n="$name" -v k="kind=$kind" '$1 == n && $2 == "organisation" { for (i = 3; i <= NF; i++) if ($i == k) f = 1 } END { exit !f }' gazetteers/organisations.tsv
    then echo "PASS gazetteer-data: $name has kind=$kind"; else echo "FAIL gazetteer-data: $name lacks kind=$kind"; fi
done
rm -f "$out.txt"
