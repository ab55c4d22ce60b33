# serve-security.sh — `feit serve` over HTTP (python3's urllib as the client): pages and JSON
# answer, user input comes back HTML-escaped, quotes and SQL/FTS syntax in a query change
# nothing, bad ids and bytes are refused, and the server stops cleanly on SIGINT.
. tests/index/serve-lib.sh

ok() { echo "PASS $1"; }
check() { name=$1; shift; if "$@"; then ok "$name"; else echo "FAIL $name: check failed: $*"; fi; }
status() { [ "$(cat "$1.status")" = "$2" ]; }
has() { grep -qF -- "$2" "$1"; }
hasn() { ! grep -qF -- "$2" "$1"; }
# json FILE PYTHON-EXPR: the expression, with the parsed body as j, must be true
json() { python3 -c "import json,sys; j=json.load(open(sys.argv[1],encoding='utf-8')); sys.exit(0 if ($2) else 1)" "$1"; }

check "binds to loopback by default" grep -q "on http://127.0.0.1:" "$t/serve.log"

# ---- ordinary answers ------------------------------------------------------------------
get "/" "$t/home"
check "home page 200" status "$t/home" 200
check "home page shows the index size" has "$t/home" "De index bevat 5 documenten"
check "pages carry a strict Content-Security-Policy" grep -qi "^content-security-policy: default-src 'none'" "$t/home.hdr"

get "/?q=Poetin" "$t/s1"
check "search page 200" status "$t/s1" 200
check "search page is HTML" grep -qi "^content-type: text/html; charset=utf-8" "$t/s1.hdr"
check "search page lists the entity" has "$t/s1" '>Vladimir Poetin</a> <span class="tag t-person">person</span>'
check "search page lists its facts" has "$t/s1" '<td class="pred">president</td>'
check "search page shows evidence" has "$t/s1" "MOSKOU (ANP) - De Russische president Vladimir Poetin heeft vrijdag"

get "/api/search?q=Poetin" "$t/a1"
check "api/search is JSON" grep -qi "^content-type: application/json" "$t/a1.hdr"
check "api/search finds Vladimir Poetin and his 4 facts" json "$t/a1" \
    "j['mode']=='entity' and [e['canonical'] for e in j['entities']]==['Vladimir Poetin'] and len(j['facts'])==4 and {'subject','predicate','object','evidence','doc','confidence','count'} <= set(j['facts'][0])"
get "/api/search?q=gas" "$t/a2"
check "api/search falls back to the evidence text" json "$t/a2" \
    "j['mode']=='text' and sorted(f['predicate'] for f in j['facts'])==['levering','overeenkomst','samenwerking']"
get "/?q=krijgsgevangenen" "$t/h2"
check "text search page marks the matched word" has "$t/h2" "uitwisseling van <mark>krijgsgevangenen</mark>."
get "/?q=%3Cb%3Egas" "$t/h3"
check "text search of markup: escaped, no rows" sh -c "grep -q 'Zinnen met “&lt;b&gt;gas”' '$t/h3' && ! grep -q '<b>gas' '$t/h3'"
get "/api/search?q=Rusland&predicate=sancties&from=2024-01-01&to=2024-12-31" "$t/a3"
check "api/search with predicate and dates" json "$t/a3" \
    "[(f['subject'],f['object']) for f in j['facts']]==[('Europese Unie','Rusland')]"

eid=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['entities'][0]['id'])" "$t/a1")
get "/api/entity?id=$eid" "$t/e1"
check "api/entity: names, connections, facts" json "$t/e1" \
    "j['entity']['canonical']=='Vladimir Poetin' and {'text':'Poetin','times':3} in j['names'] and {c['canonical'] for c in j['connections']}=={'Masoud Pezeshkian','Rusland','Teheran'} and len(j['facts'])==4"
get "/entity?id=$eid" "$t/e2"
check "entity page 200" status "$t/e2" 200
check "entity page draws an inline SVG" has "$t/e2" '<svg xmlns="http://www.w3.org/2000/svg" id="buurt"'
check "entity page groups facts by predicate" python3 - "$t/e2" <<'EOF'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
heads = re.findall(r'<h2 class="pred" id="p-\d+"><a [^>]*>([^<]*)</a></h2>', html)
assert heads == ["bezoek", "overleg", "president"], heads
EOF

# ---- everything echoed is escaped ------------------------------------------------------
get "/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E" "$t/x1"
check "script in q: page 200" status "$t/x1" 200
check "script in q: never raw" hasn "$t/x1" "<script>alert(1)</script>"
check "script in q: shown escaped" has "$t/x1" "&lt;script&gt;alert(1)&lt;/script&gt;"
check "script in q: escaped in the form value" has "$t/x1" 'value="&lt;script&gt;alert(1)&lt;/script&gt;"'
get "/?q=x&predicate=%22%3E%3Cscript%3Ealert(2)%3C%2Fscript%3E&from=%27%3E%3Cb%3E" "$t/x2"
check "quotes cannot leave an attribute" hasn "$t/x2" '"><script>'
check "quotes cannot leave an attribute (single)" hasn "$t/x2" "'><b>"
check "attribute values escaped" has "$t/x2" 'value="&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"'
get "/nope%3Cscript%3Ealert(3)%3C%2Fscript%3E" "$t/x3"
check "unknown path: 404" status "$t/x3" 404
check "unknown path: echoed escaped" hasn "$t/x3" "<script>alert(3)"

# ---- quotes and SQL/FTS syntax change nothing -------------------------------------------
for q in "Poetin%27%20OR%201%3D1%20--" "%22" "Poetin%22%20OR%20%221%22%3D%221" "%27%3B%20DROP%20TABLE%20facts%3B%20--" "NEAR(gas" "*" "gas%20OR%20iran"; do
    get "/api/search?q=$q" "$t/i"
    check "q=$q: 200, no entities, no rows" sh -c "[ \"\$(cat '$t/i.status')\" = 200 ]" && \
        check "q=$q: nothing found" json "$t/i" "j['entities']==[] and j['facts']==[]"
    get "/?q=$q" "$t/ih"
    check "q=$q: page renders" status "$t/ih" 200
done
get "/api/search?q=Rusland&predicate=x%27%20OR%20%271%27%3D%271" "$t/i2"
check "predicate injection: no rows" json "$t/i2" "j['facts']==[]"
get "/api/search?q=Poetin" "$t/a4"
check "index intact after the attempts" json "$t/a4" "len(j['facts'])==4"

# ---- refused input ----------------------------------------------------------------------
get "/entity?id=1%20OR%201%3D1" "$t/b1"
check "id with SQL: 400" status "$t/b1" 400
get "/api/entity?id=999999" "$t/b2"
check "unknown id: 404" status "$t/b2" 404
get "/api/search?q=%FF%FE" "$t/b3"
check "q not UTF-8: 400" status "$t/b3" 400
get "/?q=Poetin&from=2024-13" "$t/b4"
check "bad date: notice, still 200" sh -c "grep -q 'ongeldige datum' '$t/b4' && [ \"\$(cat '$t/b4.status')\" = 200 ]"
python3 - "$base/" "$t/post" <<'EOF'
import sys, urllib.request, urllib.error
try:
    urllib.request.urlopen(urllib.request.Request(sys.argv[1], data=b"x=1"), timeout=10); s = 200
except urllib.error.HTTPError as e:
    s = e.code
open(sys.argv[2], "w").write(str(s))
EOF
check "POST refused: 405" [ "$(cat "$t/post")" = 405 ]

# ---- stops cleanly on SIGINT ----------------------------------------------------------------
kill -INT "$srv_pid"; wait "$srv_pid"; rc=$?; srv_pid=
check "SIGINT: exit 0" [ "$rc" -eq 0 ]
check "SIGINT: says it stopped" grep -q "feit serve: stopped (SIGINT)" "$t/serve.log"

# ---- usage errors ------------------------------------------------------------------------
"$FEIT" serve -d "$db" --port 99999 >/dev/null 2>&1; rc=$?
check "bad port: exit 2" [ "$rc" -eq 2 ]
"$FEIT" serve -d "$db" --bind localhost.invalid >/dev/null 2>&1; rc=$?
check "bad bind address: exit 2" [ "$rc" -eq 2 ]
"$FEIT" serve --port 0 >/dev/null 2>&1; rc=$?
check "no -d: exit 2" [ "$rc" -eq 2 ]
exit 0
