# A user's own lists next to the bundled ones, without recompiling anything:
# `--gazetteers default --gazetteers DIR`. A name only the user's list knows is found from the
# gazetteer, and the bundled names still are.
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
mkdir "$out/mine"
printf 'Jan Pietersma\tperson\tcountry=NL\trole=premier\trole_of=Nederland\n' >"$out/mine/people.tsv"
printf 'Zuiderhaven Holding\torganisation\tcountry=NL\talias=ZHH\n' >"$out/mine/orgs.tsv"
echo "Premier Jan Pietersma bezocht Moskou. ZHH neemt een belang in Shell." >"$out/in.txt"
"$FEIT" extract --emit entities --gazetteers default --gazetteers "$out/mine" "$out/in.txt" >"$out/e.jsonl" 2>"$out/err"
rc=$?
[ "$rc" -eq 0 ] && echo "PASS user-gazetteers: exit 0" || { echo "FAIL user-gazetteers: exit $rc"; cat "$out/err"; }
python3 - "$out/e.jsonl" <<'PY'
import json, sys
ents = [json.loads(l) for l in open(sys.argv[1])]
got = {(e["text"], e["canonical"], e["type"], e["source"]) for e in ents}
for want in [("Jan Pietersma", "Jan Pietersma", "person", "gazetteer"),
             ("ZHH", "Zuiderhaven Holding", "organisation", "gazetteer"),
             ("Moskou", "Moskou", "city", "gazetteer"),
             ("Shell", "Shell", "organisation", "gazetteer")]:
    print(("PASS" if want in got else "FAIL") + " user-gazetteers: %s -> %s (%s, %s)" % want)
PY
# without `default` the user's lists replace the bundled ones
"$FEIT" extract --emit entities --gazetteers "$out/mine" "$out/in.txt" >"$out/only.jsonl" 2>/dev/null
grep -q '"canonical":"Moskou"' "$out/only.jsonl" && echo "FAIL user-gazetteers: bundled names used without 'default'" || echo "PASS user-gazetteers: --gazetteers DIR alone replaces the bundled lists"
