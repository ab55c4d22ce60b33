# serve-lib.sh — sourced by tests/sh/serve-*.sh: builds an index of tests/index/docs.jsonl in
# $t, starts `$FEIT serve` on a free loopback port (--port 0: the server prints the port it
# got) and stops it when the test ends, whatever happens. Sets $t, $db, $base, $srv_pid.
t=$(mktemp -d)
srv_pid=
stop_server() {
    if [ -n "$srv_pid" ]; then kill "$srv_pid" 2>/dev/null; wait "$srv_pid" 2>/dev/null; srv_pid=; fi
}
trap 'stop_server; rm -rf "$t"' EXIT
trap 'exit 1' INT TERM HUP
db=$t/facts.db
if ! "$FEIT" index -q -d "$db" tests/index/docs.jsonl; then
    echo "FAIL serve setup: feit index failed"; exit 1
fi
# serve_time=1 (set before sourcing): also `$FEIT extract` of tests/index/time-article.jsonl
# (former, designate and current facts) into the index; its triples are in $t/time-triples.jsonl
if [ -n "${serve_time:-}" ]; then
    if ! "$FEIT" extract --emit documents tests/index/time-article.jsonl >"$t/time-docs.jsonl" 2>"$t/time.err" ||
        ! "$FEIT" extract tests/index/time-article.jsonl >"$t/time-triples.jsonl" 2>>"$t/time.err" ||
        ! "$FEIT" index -q -d "$db" "$t/time-docs.jsonl" 2>>"$t/time.err"; then
        echo "FAIL serve setup: extract or index of time-article.jsonl failed: $(cat "$t/time.err")"; exit 1
    fi
fi
: >"$t/serve.log"
"$FEIT" serve -d "$db" --port 0 2>"$t/serve.log" &
srv_pid=$!
base=
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
    base=$(sed -n 's|^feit serve: serving .* on \(http://127\.0\.0\.1:[0-9]*\)/ .*|\1|p' "$t/serve.log")
    [ -n "$base" ] && break
    kill -0 "$srv_pid" 2>/dev/null || break
    sleep 0.25
done
if [ -z "$base" ]; then
    echo "FAIL serve setup: server did not start: $(cat "$t/serve.log")"; exit 1
fi

# get PATH OUT: fetches $base$PATH (PATH already URL-encoded) with python3's urllib; writes
# the body to OUT, the status code to OUT.status and the headers to OUT.hdr.
get() {
    python3 - "$base$1" "$2" <<'PY'
import sys, urllib.request, urllib.error
url, out = sys.argv[1], sys.argv[2]
try:
    r = urllib.request.urlopen(url, timeout=10)
    status, body, hdr = r.status, r.read(), r.headers
except urllib.error.HTTPError as e:
    status, body, hdr = e.code, e.read(), e.headers
open(out, "wb").write(body)
open(out + ".status", "w").write(str(status))
open(out + ".hdr", "w").write("".join(f"{k}: {v}\n" for k, v in hdr.items()))
PY
}
