# An idle input pipe (issue: `producer | feit extract -` with the producer open and silent).
# A document whose line is whole is processed and written at once, not when 128 KiB or the end
# have come; a first SIGTERM, SIGINT or SIGHUP ends the wait: the run exits with 143, 130 or
# 129 and the records of the documents read are whole. Before, the run sat in zlib's read
# until more input came, signal or not. Real processes: each check waits on output or on the
# exit (with a deadline far above what it takes), never on a sleep.
. tests/patho/lib.sh

python3 - "$FEIT" "$T" <<'EOF'
import json, os, select, signal, subprocess, sys, time, zlib
feit, tmp = sys.argv[1], sys.argv[2]
DEADLINE = 30  # seconds: a check that takes this long has failed (it takes well under 1 s)

def result(name, ok, why=""):
    print("PASS %s" % name if ok else "FAIL %s: %s" % (name, why))

def doc(i):
    text = "Rusland en Iran gaan samenwerken, zei de Russische president Vladimir Poetin in Moskou. (%d)" % i
    return (json.dumps({"id": "d%d" % i, "text": text}) + "\n").encode()

def defaults():
    for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(s, signal.SIG_DFL)

def start(args, stdin):
    return subprocess.Popen([feit, "extract", "--no-progress"] + args, stdin=stdin, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, preexec_fn=defaults)

def read_until(p, want_docs, buf):
    """Reads p's stdout until the records of want_docs documents ("doc" ids) are in buf. The
    ids seen, or None when the deadline passed."""
    end = time.time() + DEADLINE
    while True:
        ids = [json.loads(l)["doc"] for l in buf[0].splitlines()] if buf[0].endswith(b"\n") else []
        if len(set(ids)) >= want_docs:
            return ids
        left = end - time.time()
        if left <= 0 or not select.select([p.stdout], [], [], left)[0]:
            return None
        chunk = os.read(p.stdout.fileno(), 65536)
        if not chunk:
            return None
        buf[0] += chunk

def finish(p, buf):
    """Waits for the exit, the writer still open (the output is far less than a pipe holds):
    (status, stdout, stderr), status None when it did not come."""
    try:
        status = p.wait(timeout=DEADLINE)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
        status = None
    return status, buf[0] + p.stdout.read(), p.stderr.read().decode()

def whole(out, ids):
    """Every line a JSON object, of the documents ids, in order."""
    if out and not out.endswith(b"\n"):
        return False
    seen = []
    for l in out.splitlines():
        d = json.loads(l)["doc"]
        if not seen or seen[-1] != d:
            seen.append(d)
    return seen == ids

# name, extract arguments, how the input comes (stdin pipe, FIFO, gzip on a pipe), threads,
# signal, expected status
cases = [("pipe-term", [], "pipe", 1, signal.SIGTERM, 143),
         ("pipe-int-t2", [], "pipe", 2, signal.SIGINT, 130),
         ("fifo-hup", [], "fifo", 2, signal.SIGHUP, 129),
         ("gzip-pipe-term", [], "gzip", 2, signal.SIGTERM, 143)]
for name, args, how, threads, sig, want in cases:
    args = args + ["--threads", str(threads)]
    z = zlib.compressobj(wbits=31) if how == "gzip" else None
    def send(w, data):
        # gzip: flushed at the document's end, as a producer that compresses as it goes does
        w.write(z.compress(data) + z.flush(zlib.Z_SYNC_FLUSH) if z else data)
        w.flush()
    if how == "fifo":
        fifo = os.path.join(tmp, name + ".jsonl")
        os.mkfifo(fifo)
        p = start(args + [fifo], subprocess.DEVNULL)
        w = open(fifo, "wb")  # (opens once feit has it open for reading)
    else:
        p = start(args + ["-"], subprocess.PIPE)
        w = p.stdin
    buf = [b""]
    # one document, then a line cut in two: the first comes out on its own, the second once
    # its line is whole; the writer stays open and silent
    send(w, doc(0))
    ids = read_until(p, 1, buf)
    result(name + "-first-doc-out-before-eof", ids == ["d0"] * len(ids or [0]) and ids is not None, "output: %r" % buf[0][:200])
    d1 = doc(1)
    send(w, d1[:30])
    send(w, d1[30:])
    ids = read_until(p, 2, buf)
    result(name + "-cut-line-out-once-whole", ids is not None, "output: %r" % buf[0][-200:])
    p.send_signal(sig)
    status, out, err = finish(p, buf)
    result(name + "-exit", status == want, "status %s, want %d (stderr: %s)" % (status, want, err[-300:]))
    result(name + "-records-whole", whole(out, ["d0", "d1"]), "output: %r" % out[-300:])
    result(name + "-report", "2 documents done, the last 'd1', every record whole" in err, "stderr: %s" % err[-300:])
    try:
        w.close()
    except BrokenPipeError:
        pass

# a stop before any byte came: nothing to write, the usual report
p = start(["-"], subprocess.PIPE)
# (the handlers are in place once feit has read its models: its stdin pipe is then being
# waited on; poll the process state until it sleeps in that wait)
end = time.time() + DEADLINE
while time.time() < end:
    try:
        wchan = open("/proc/%d/wchan" % p.pid).read()
    except OSError:
        wchan = ""
    if "poll" in wchan or "select" in wchan:
        break
    time.sleep(0.01)
p.send_signal(signal.SIGTERM)
status, out, err = finish(p, [b""])
result("silent-from-start-exit", status == 143, "status %s (stderr: %s)" % (status, err[-300:]))
result("silent-from-start-report", "stopped by SIGTERM: 0 documents done, every record whole" in err and out == b"",
       "stderr: %s, output %r" % (err[-300:], out[:100]))
p.stdin.close()

# the writer closes: the run ends as for a file (status 0, every document)
p = start(["--threads", "2", "-"], subprocess.PIPE)
p.stdin.write(doc(0) + doc(1))
p.stdin.close()
status, out, err = finish(p, [b""])
result("eof-exit", status == 0, "status %s (stderr: %s)" % (status, err[-300:]))
result("eof-records", whole(out, ["d0", "d1"]), "output: %r" % out[-300:])
EOF
