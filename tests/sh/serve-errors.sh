# feit serve when the index itself fails: a 500 (web.h's promise), never a "not found" that
# would tell a journalist the entity does not exist. The index is broken under the running
# server by renaming its entities table.
. tests/index/serve-lib.sh
pass() { echo "PASS serve-errors: $1"; }
fail() { echo "FAIL serve-errors: $1"; }
get "/entity?id=1" "$t/ok"
[ "$(cat "$t/ok.status")" = 200 ] && pass "entity page before: 200" || fail "entity page before: $(cat "$t/ok.status")"
python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute("ALTER TABLE entities RENAME TO entities_gone"); c.commit()' "$db"
get "/entity?id=1" "$t/html"
[ "$(cat "$t/html.status")" = 500 ] && pass "entity page on a broken index: 500" || fail "entity page on a broken index: $(cat "$t/html.status")"
get "/api/entity?id=1" "$t/api"
[ "$(cat "$t/api.status")" = 500 ] && pass "entity API on a broken index: 500" || fail "entity API on a broken index: $(cat "$t/api.status")"
exit 0
