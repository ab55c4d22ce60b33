# scripts/gaz-wikidata's EveryPolitician join on a small invented snapshot (a plain directory, no
# network): a member known only from the legislature's Wikidata table (sources/morph/wikidata.csv)
# gets that id, under a label in any language; two members of one country with the same name get
# none; a member of another country's legislature gives no id to a namesake here.
t=$(mktemp -d)
mkdir -p "$t/ep/data/Testland/House/sources/morph" "$t/ep/data/Otherland/House/sources/morph"
cat >"$t/ep/countries.json" <<'EOF'
[{"code": "NL", "legislatures": [{"popolo": "data/Testland/House/ep-popolo-v1.0.json"}]},
 {"code": "BE", "legislatures": [{"popolo": "data/Otherland/House/ep-popolo-v1.0.json"}]}]
EOF
cat >"$t/ep/data/Testland/House/ep-popolo-v1.0.json" <<'EOF'
{"persons": [{"id": "person/anna", "name": "Anna Verbruggen-Test",
  "identifiers": [{"scheme": "wikidata", "identifier": "Q900001"}]},
 {"id": "person/kees", "name": "Kees Zonderid"}]}
EOF
cat >"$t/ep/data/Testland/House/sources/morph/wikidata.csv" <<'EOF'
id,name,name__nl,name__en,gender
Q900002,Kees Zonderid,Kees Zonderid,,male
Q900003,Pieter Tweemaal,,,male
Q900004,Pieter Tweemaal,,,male
Q900005,Johanna de Vries-Proef,Jo de Vries-Proef,Johanna de Vries-Proef,female
EOF
printf '{"persons": []}\n' >"$t/ep/data/Otherland/House/ep-popolo-v1.0.json"
printf 'id,name\nQ900006,Lode Elders\n' >"$t/ep/data/Otherland/House/sources/morph/wikidata.csv"
cat >"$t/people.tsv" <<'EOF'
Anna Verbruggen-Test	person	country=NL
Kees Zonderid	person	country=NL
Jo de Vries-Proef	person	country=NL
Pieter Tweemaal	person	country=NL
Lode Elders	person	country=NL
EOF
out=$(cd "$t" && python3 - "$OLDPWD/scripts/gaz-wikidata" <<'EOF' 2>&1
import collections, sys
from importlib.machinery import SourceFileLoader
g = SourceFileLoader("gazwikidata", sys.argv[1]).load_module()
ep, old = g.load_ep(g.Repo("ep"))
_, rows = g.read_list("people.tsv")
stats = collections.defaultdict(list)
for (name, _), (q, src, rec) in sorted(g.join_people(rows, [("ep", ep)], stats).items()):
    print("%s=%s %s %s" % (name, q, src, rec))
for why, names in sorted(stats.items()):
    print("%s: %s" % (why, ", ".join(names)))
EOF
)
check() { # description, pattern that must (yes) or must not (no) be in the output
    if printf '%s\n' "$out" | grep -q -- "$3"; then found=yes; else found=no; fi
    if [ "$found" = "$2" ]; then echo "PASS gaz-wikidata-ep: $1"; else echo "FAIL gaz-wikidata-ep: $1"; printf '%s\n' "$out" | sed 's/^/    /'; fi
}
check "a Popolo person's id" yes '^Anna Verbruggen-Test=Q900001 ep data/Testland/House/ep-popolo-v1.0.json#person/anna$'
check "a member without an id in the Popolo file gets it from the Wikidata table" yes '^Kees Zonderid=Q900002 ep data/Testland/House/sources/morph/wikidata.csv#Q900002$'
check "a label in another language joins" yes '^Jo de Vries-Proef=Q900005 '
check "two members with one name: no id" no '^Pieter Tweemaal='
check "two members with one name are reported" yes 'several ep persons: .*Pieter Tweemaal'
check "another country's member gives no id" no '^Lode Elders='
rm -rf "$t"
