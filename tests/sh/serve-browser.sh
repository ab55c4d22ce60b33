# serve-browser.sh — end to end in a real browser: headless Chromium (Debian `chromium`) opens
# the search page for "Poetin" (the GET form URL; the page needs no JavaScript), sees the facts,
# follows the entity link it finds in the DOM, and the entity page is rendered with its SVG
# neighbourhood. Screenshots go to tests/out/serve-search.png and tests/out/serve-entity.png.
# Time status: the index also holds `feit extract` of tests/index/time-article.jsonl; the
# search page shows a badge ("voormalig", "beoogd") next to a former or designate fact, seen
# in the DOM and in the pixels of a screenshot, and the time filter of the form narrows it.
# Without chromium this test FAILs: it is a listed dependency (scripts/debian-packages.txt).
serve_time=1
. tests/index/serve-lib.sh

ok() { echo "PASS $1"; }
check() { name=$1; shift; if "$@"; then ok "$name"; else echo "FAIL $name: check failed: $*"; fi; }
has() { grep -qF -- "$2" "$1"; }

browser=$(command -v chromium || command -v chromium-browser)
if [ -z "$browser" ]; then
    echo "FAIL serve-browser: chromium is not installed (apt-get install chromium)"
    exit 1
fi
mkdir -p tests/out
# chrome URL ARGS...: one headless Chromium run with a throw-away profile, no network but ours
chrome() {
    url=$1; shift
    timeout 90 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --disable-extensions --no-default-browser-check --hide-scrollbars \
        --user-data-dir="$t/profile" --window-size=1200,1100 "$@" "$url" 2>>"$t/chrome.log"
}

# ---- search ------------------------------------------------------------------------------
chrome "$base/?q=Poetin" --dump-dom >"$t/search.html"
check "browser: search page loaded" has "$t/search.html" "Feiten over"
check "browser: entity found" has "$t/search.html" ">Vladimir Poetin</a>"
check "browser: fact president -> Rusland shown" python3 - "$t/search.html" <<'EOF'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
rows = re.findall(r"<tr>(.*?)</tr>", html, re.S)
cells = [re.findall(r"<td[^>]*>(.*?)</td>", r, re.S) for r in rows]
text = [[re.sub(r"<[^>]+>", "", c) for c in r] for r in cells if r]
assert ["Vladimir Poetin", "president", "Rusland"] in [r[:3] for r in text], text
assert ["Vladimir Poetin", "overleg", "Masoud Pezeshkian"] in [r[:3] for r in text], text
EOF
chrome "$base/?q=Poetin" --screenshot="$PWD/tests/out/serve-search.png" >/dev/null

# ---- follow the link to the entity page ------------------------------------------------------
href=$(grep -o 'href="/entity?id=[0-9]*">Vladimir Poetin</a>' "$t/search.html" | head -n 1 | sed 's/^href="\([^"]*\)".*/\1/')
check "browser: entity link in the DOM" [ -n "$href" ]
chrome "$base$href" --dump-dom >"$t/entity.html"
check "browser: entity page title" has "$t/entity.html" "<h1>Vladimir Poetin"
check "browser: names seen" has "$t/entity.html" "Ook geschreven als: Poetin"
check "browser: neighbourhood drawn" python3 - "$t/entity.html" <<'EOF'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
svg = re.search(r'<svg[^>]*id="buurt".*?</svg>', html, re.S).group(0)
nodes = re.findall(r'<a href="/entity\?id=\d+" class="node"><title>([^<(]*) \(', svg)
assert sorted(n.strip() for n in nodes) == ["Masoud Pezeshkian", "Rusland", "Teheran"], nodes
assert len(re.findall(r"<line ", svg)) == 3
EOF
check "browser: facts grouped by predicate" python3 - "$t/entity.html" <<'EOF'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
assert re.findall(r'<h2 class="pred"[^>]*><a [^>]*>([^<]*)</a>', html) == ["bezoek", "overleg", "president"]
assert "anp-2024-10-11-poetin" in html and "zonder-datum-1" in html
EOF
rm -f tests/out/serve-entity.png
chrome "$base$href" --screenshot="$PWD/tests/out/serve-entity.png" >/dev/null
check "browser: screenshot of the entity page written" python3 - tests/out/serve-entity.png <<'EOF'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
w, h = struct.unpack(">II", data[16:24])
assert (w, h) == (1200, 1100), (w, h)
# decode enough to see that the page is not blank: many distinct byte values in the pixels
pos, idat = 8, b""
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    if kind == b"IDAT":
        idat += data[pos + 8:pos + 8 + n]
    pos += 12 + n
raw = zlib.decompress(idat)
assert len(set(raw)) > 100, len(set(raw))
EOF

# ---- time status: badges next to the facts, and the filter -----------------------------------
# has_row PAGE JSON: the page has this fact row (tests/index/page_check.py rows); rows_are PAGE
# LIST: its rows' subject"relation"object, each followed by |
has_row() { python3 tests/index/page_check.py rows "$1" | grep -xF -- "$2" >/dev/null; }
rows_are() { [ "$(python3 tests/index/page_check.py rows "$1" | cut -d'"' -f2,4,6 | tr '\n' '|')" = "$2" ]; }
# rows_lack PAGE WORD: the page has fact rows, and none of them holds WORD
rows_lack() { python3 tests/index/page_check.py rows "$1" >"$1.rows" && [ -s "$1.rows" ] && ! grep -qF -- "$2" "$1.rows"; }
# "oud" is no entity: the sentences with the word, "Oud-trainer ..." and "Oud-premier ..."
chrome "$base/?q=oud" --dump-dom >"$t/oud.html"
check "browser: former fact has a 'voormalig' badge next to the relation" has_row "$t/oud.html" \
    '["Jan Peters", "trainer voormalig", "FC Groningen", [["former", "voormalig"]], "fact-former"]'
check "browser: designate fact has a 'beoogd' badge next to the relation" has_row "$t/oud.html" \
    '["Mark Rutte", "secretaris-generaal beoogd", "NAVO", [["designate", "beoogd"]], "fact-designate"]'
# the form as the browser submits it: every field, the empty ones empty
chrome "$base/?q=Rutte&predicate=&from=&to=&time=designate" --dump-dom >"$t/rutte-d.html"
check "browser: time filter 'beoogd' keeps only the designate fact" rows_are "$t/rutte-d.html" \
    'Mark Rutte"secretaris-generaal beoogd"NAVO|'
check "browser: the filter stays chosen in the form" grep -Eq '<option value="designate" selected(="")?>beoogd</option>' "$t/rutte-d.html"
chrome "$base/?q=Rutte&time=current" --dump-dom >"$t/rutte-c.html"
# (every row current, the designate one gone; which current facts there are follows the rules)
check "browser: time filter 'huidig' drops the designate fact" rows_lack "$t/rutte-c.html" 'beoogd'
check "browser: a current fact has no badge" has_row "$t/rutte-c.html" \
    '["Mark Rutte", "premier", "Nederland", [], ""]'
# entity page: the relation is the heading, the badge goes next to the subject
href=$(grep -o 'href="/entity?id=[0-9]*">Mark Rutte</a>' "$t/rutte-d.html" | head -n 1 | sed 's/^href="\([^"]*\)".*/\1/')
chrome "$base$href" --dump-dom >"$t/rutte-e.html"
check "browser: entity page marks the designate fact" grep -q 'Mark Rutte</a> <span class="tijd tijd-designate"[^>]*>beoogd</span>' "$t/rutte-e.html"
# at a glance: the badge's colour (#1d6fb8, used for nothing else) is on the rendered page, and
# not on the page filtered to current facts
chrome "$base/?q=Rutte" --screenshot="$PWD/tests/out/serve-time.png" >/dev/null
chrome "$base/?q=Rutte&time=current" --screenshot="$t/current.png" >/dev/null
shown=$(python3 tests/index/page_check.py pixels tests/out/serve-time.png 1d6fb8)
check "browser: the 'beoogd' badge is visible in the screenshot ($shown pixels)" sh -c "[ '${shown:-0}' -gt 150 ] && [ '${shown:-0}' -lt 5000 ]"
none=$(python3 tests/index/page_check.py pixels "$t/current.png" 1d6fb8)
check "browser: no badge colour when filtered to current ($none pixels)" [ "${none:-1}" -eq 0 ]
exit 0
