# feit.dask against a running scheduler, the "beyond one machine" form of the README: a
# `dask scheduler` and a `dask worker` with two worker processes, started here on loopback (in
# another directory, as on another host), and `python3 -m feit.dask --scheduler ADDRESS` over
# three shards given by absolute path: each output is what `feit extract` writes for that path.
. tests/patho/lib.sh
top=$(pwd)
version=$(sed -n 's/^#define FEIT_VERSION "\(.*\)"/\1/p' src/feit.h)
FEIT_LIBRARY="$top/${BUILD:-build}/libfeit.so.${version%%.*}"
if [ ! -f "$FEIT_LIBRARY" ]; then
    echo "dask-scheduler: $FEIT_LIBRARY not built here; nothing to check" >&2
    exit 0
fi
export FEIT_LIBRARY
dpy=""
for py in python3 /usr/bin/python3; do
    if "$py" -c "import distributed" 2>/dev/null; then dpy=$py; break; fi
done
if [ -z "$dpy" ] || ! command -v dask >/dev/null 2>&1; then
    fail dask-scheduler-tools "no python3 with distributed, or no dask command (Debian: python3-distributed)"
    exit 0
fi
spid=""; wpid=""
stop() {
    [ -n "$wpid" ] && kill -TERM "$wpid" 2>/dev/null && wait "$wpid" 2>/dev/null
    [ -n "$spid" ] && kill -TERM "$spid" 2>/dev/null && wait "$spid" 2>/dev/null
    rm -rf "$T"
}
trap stop EXIT
port=$("$dpy" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
addr="tcp://127.0.0.1:$port"
mkdir -p "$T/worker"
(cd "$T/worker" && exec dask scheduler --host 127.0.0.1 --port "$port" --no-dashboard) >"$T/scheduler.log" 2>&1 &
spid=$!
(cd "$T/worker" && PYTHONPATH="$top/python" exec dask worker "$addr" --nworkers 2 --nthreads 1 --no-dashboard \
    --host 127.0.0.1 --local-directory "$T/worker") >"$T/worker.log" 2>&1 &
wpid=$!
if "$dpy" -c "
from distributed import Client
c = Client('$addr', timeout=60)
c.wait_for_workers(2, timeout=60)
print(len(c.scheduler_info()['workers']))" >"$T/n" 2>"$T/wait.err"; then
    pass "dask-scheduler-and-2-workers-up ($(cat "$T/n"))"
else
    fail dask-scheduler-and-2-workers-up "$(tail -3 "$T/wait.err" "$T/scheduler.log" "$T/worker.log" | tr '\n' ' ')"
    exit 0
fi

mkdir -p "$T/shards"
python3 - "$T/shards" examples/news <<'PY'
import gzip, json, os, sys
out, src = sys.argv[1], sys.argv[2]
texts = []
for name in sorted(os.listdir(src)):
    texts += [l.strip() for l in open(os.path.join(src, name), encoding="utf-8") if len(l.strip()) > 20]
def lines(k):
    return "".join(json.dumps(dict({"text": t}, **({"id": "d%d" % i} if i % 2 else {})), ensure_ascii=False) + "\n"
                   for i, t in enumerate(texts) if i % 3 == k)
for k, name in enumerate(["p1.jsonl", "p2.jsonl.gz", "p3.jsonl"]):
    op = gzip.open if name.endswith(".gz") else open
    with op(os.path.join(out, name), "wt", encoding="utf-8") as f:
        f.write(lines(k))
PY
S="$T/shards"
PYTHONPATH="$top/python" "$dpy" -m feit.dask --scheduler "$addr" -o "$T/out" "$S/p1.jsonl" "$S/p2.jsonl.gz" "$S/p3.jsonl" \
    >"$T/dask.out" 2>"$T/dask.err"; rc=$?
status dask-scheduler-exit-0 "$rc" 0
for s in p1.jsonl p2.jsonl.gz p3.jsonl; do
    "$FEIT" extract "$S/$s" >"$T/ref-$s"
    case $s in
    *.gz) ok "dask-scheduler-$s-as-feit-extract" sh -c "zcat '$T/out/$s' | cmp -s - '$T/ref-$s'" ;;
    *) ok "dask-scheduler-$s-as-feit-extract" cmp -s "$T/out/$s" "$T/ref-$s" ;;
    esac
done
ok dask-scheduler-found-triples test "$(cat "$T"/ref-* | grep -c predicate)" -gt 5
has dask-scheduler-summary "$T/dask.err" "feit.dask: 3 shards on 2 workers"
