# scripts/gaz-wikidata's organisation joins on small invented sources (plain directories, no
# network). reep: of several teams with one name in one country, the only one with a UEFA club
# id gets the row (else the only one with a Soccerway id); two with one, or none: no id.
# Wiki Media Cred's US newspapers: a US media row by its name = an article title (without the
# disambiguation in parentheses); a namesake abroad and a name with two items get none.
t=$(mktemp -d)
mkdir -p "$t/reep/data" "$t/wmc/data"
cat >"$t/reep/data/teams.csv" <<'EOF'
reep_id,key_wikidata,name,country,key_uefa,key_soccerway
r1,Q910001,FC Proefstad,Netherlands,5001,77
r2,Q910002,FC Proefstad,Netherlands,,
r3,Q910003,Sporting Testdorp,Netherlands,,88
r4,Q910004,Sporting Testdorp,Netherlands,,
r5,Q910005,Voorbeeld United,Netherlands,,91
r6,Q910006,Voorbeeld United,Netherlands,,92
r7,Q910007,Enkel SC,Netherlands,,
EOF
cat >"$t/wmc/data/wikipedia-us-newspapers.tsv" <<'EOF'
WP-title	state	pageid	path	qid
The Springfield Sentinel	Ohio	101	/wiki/The_Springfield_Sentinel	Q920001
The Maple Courier (newspaper)	Vermont	102	/wiki/The_Maple_Courier_(newspaper)	Q920002
Twin Gazette	Iowa	103	/wiki/Twin_Gazette	Q920003
Twin Gazette (Nevada)	Nevada	104	/wiki/Twin_Gazette_(Nevada)	Q920004
EOF
cat >"$t/organisations.tsv" <<'EOF'
# organisations (invented)

# Football: Netherlands
FC Proefstad	organisation	country=NL	kind=club
Sporting Testdorp	organisation	country=NL	kind=club
Voorbeeld United	organisation	country=NL	kind=club
Enkel SC	organisation	country=NL	kind=club
# Newspapers and magazines: world
The Springfield Sentinel	organisation	country=US	kind=media
The Maple Courier	organisation	country=US	kind=media
Twin Gazette	organisation	country=US	kind=media
The Springfield Sentinel Weekly	organisation	country=GB	kind=media	alias=The Springfield Sentinel
EOF
out=$(cd "$t" && python3 - "$OLDPWD/scripts/gaz-wikidata" <<'EOF' 2>&1
import collections, sys
from importlib.machinery import SourceFileLoader
g = SourceFileLoader("gazwikidata", sys.argv[1]).load_module()
csc = {"countries": {"NL": (None, None, ["Netherlands"])}}
reep = g.load_reep(g.Repo("reep"), csc)
papers = g.load_wmc_papers(g.Repo("wmc"))
lines, rows = g.read_list("organisations.tsv")
stats = collections.defaultdict(list)
ror, pf = {}, {"full": {}, "short": {}}
for (name, _), (q, src, rec) in sorted(g.join_organisations(rows, lines, ror, pf, reep, stats,
                                                             None, frozenset(), papers).items()):
    print("%s=%s %s %s" % (name, q, src, rec))
EOF
)
check() { # description, yes/no, pattern
    if printf '%s\n' "$out" | grep -q -- "$3"; then found=yes; else found=no; fi
    if [ "$found" = "$2" ]; then echo "PASS gaz-wikidata-orgs: $1"; else echo "FAIL gaz-wikidata-orgs: $1"; printf '%s\n' "$out" | sed 's/^/    /'; fi
}
check "reep: the only team with a UEFA id" yes '^FC Proefstad=Q910001 reep data/teams.csv#r1 (the only one with key_uefa)$'
check "reep: the only team with a Soccerway id" yes '^Sporting Testdorp=Q910003 reep .*key_soccerway'
check "reep: two teams with a Soccerway id, no UEFA id: no id" no '^Voorbeeld United='
check "reep: one team only" yes '^Enkel SC=Q910007 reep data/teams.csv#r7$'
check "US newspaper by its article title" yes '^The Springfield Sentinel=Q920001 wmc data/wikipedia-us-newspapers.tsv#101$'
check "US newspaper by a title with a disambiguation" yes '^The Maple Courier=Q920002 wmc '
check "two newspapers of one title: no id" no '^Twin Gazette='
check "a namesake outside the US: no id" no '^The Springfield Sentinel Weekly='
rm -rf "$t"
