# Issue 18: whole lines or nothing. SIGINT, SIGTERM and SIGHUP stop `feit extract` after the
# documents under way: their records are written whole, the run says how far it got and exits
# 130, 143 or 129. `-o FILE` is written beside FILE and renamed at the end, so a run that fails
# (status 2, or a second signal) leaves FILE as it was. A write error never leaves a partial
# last line. (Before: no signal handling, `-o FILE` ended in a cut JSON line of up to 6.7 KB;
# a file size limit killed the run mid-record.)
. tests/patho/lib.sh

python3 - "$T/docs.jsonl" <<'EOF'
import json, sys
with open(sys.argv[1], "w") as f:
    for i in range(3000):
        f.write(json.dumps({"id": "d%d" % i, "text": "Rusland en Iran gaan samenwerken, zei de Russische president Vladimir Poetin in Moskou. " * 40}) + "\n")
EOF

# interrupt SIG WATCH OUT ERR -- command: starts the command with the signals' default actions
# (a shell running this in the background would have SIGINT ignored, one under nohup SIGHUP),
# waits until WATCH (a file, or a glob of one) has output, sends SIG (twice with SIG2), prints
# the exit status
interrupt() {
    python3 - "$@" <<'EOF'
import glob, os, signal, subprocess, sys, time
sig, watch, out, err = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
cmd = sys.argv[6:]
def defaults():
    for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(s, signal.SIG_DFL)
p = subprocess.Popen(cmd, stdout=open(out, "ab"), stderr=open(err, "wb"), preexec_fn=defaults)
deadline = time.time() + 60
while time.time() < deadline and p.poll() is None:
    if any(os.path.getsize(f) > 0 for f in glob.glob(watch) if os.path.isfile(f)):
        break
    time.sleep(0.02)
twice = sig.endswith("2")
s = getattr(signal, sig.rstrip("2"))
p.send_signal(s)
if twice:
    p.send_signal(s)
print(p.wait())
EOF
}

# whole JSONL records, of documents d0 .. d(N-1) in order, N as the report says
check_whole() { # name file err
    python3 - "$2" "$3" <<'EOF'
import json, re, sys
data = open(sys.argv[1], "rb").read()
if data and not data.endswith(b"\n"):
    sys.exit("the last line is cut")
docs = []
for l in data.splitlines():  # (triples: several lines per document)
    d = json.loads(l)["doc"]
    if not docs or docs[-1] != d:
        docs.append(d)
if docs != ["d%d" % i for i in range(len(docs))]:
    sys.exit("not the first documents in order: %s ..." % docs[:3])
m = re.search(r"stopped by SIG[A-Z]+: (\d+) documents done(, the last '([^']*)')?, every record whole", open(sys.argv[2]).read())
if not m:
    sys.exit("no report: %s" % open(sys.argv[2]).read())
if int(m.group(1)) != len(docs) or (docs and m.group(3) != docs[-1]):
    sys.exit("report says %s/%s, output has %d up to %s" % (m.group(1), m.group(3), len(docs), docs[-1] if docs else None))
if len(docs) >= 3000:
    sys.exit("the run was not stopped")
EOF
    r=$?
    if [ "$r" -eq 0 ]; then pass "$1"; else fail "$1" "output or report wrong"; fi
}

for s in SIGINT:130 SIGTERM:143 SIGHUP:129; do
    sig=${s%%:*} want=${s##*:}
    # -o FILE: an old FILE is replaced by the whole records of the documents done
    echo old >"$T/$sig.out"
    rc=$(interrupt "$sig" "$T/.$sig.out.part-*" /dev/null "$T/$sig.err" -- "$FEIT" extract --threads 2 -o "$T/$sig.out" "$T/docs.jsonl")
    status "$sig-o-exit" "$rc" "$want"
    check_whole "$sig-o-whole" "$T/$sig.out" "$T/$sig.err"
    ok "$sig-o-no-part-left" test -z "$(ls -A "$T" | grep part-)"
    # stdout
    : >"$T/$sig.std"
    rc=$(interrupt "$sig" "$T/$sig.std" "$T/$sig.std" "$T/$sig.err" -- "$FEIT" extract --threads 2 "$T/docs.jsonl")
    status "$sig-stdout-exit" "$rc" "$want"
    check_whole "$sig-stdout-whole" "$T/$sig.std" "$T/$sig.err"
done

# a signal ignored when the run starts (nohup: SIGHUP) stays ignored: SIGHUP then SIGTERM stop
# the run as SIGTERM alone does (were SIGHUP taken, it would be the first stop and SIGTERM the
# second, which ends the run at once without the report)
rc=$(python3 - "$FEIT" "$T" <<'EOF2'
import os, signal, subprocess, sys, time
feit, t = sys.argv[1], sys.argv[2]
def nohup():
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
p = subprocess.Popen([feit, "extract", "--threads", "2", t + "/docs.jsonl"], stdout=open(t + "/nohup.std", "wb"),
                     stderr=open(t + "/nohup.err", "wb"), preexec_fn=nohup)
deadline = time.time() + 60
while time.time() < deadline and p.poll() is None and os.path.getsize(t + "/nohup.std") == 0:
    time.sleep(0.02)
p.send_signal(signal.SIGHUP)
time.sleep(0.02)
p.send_signal(signal.SIGTERM)
print(p.wait())
EOF2
)
status nohup-exit "$rc" 143
check_whole nohup-whole "$T/nohup.std" "$T/nohup.err"
has nohup-stopped-by-term "$T/nohup.err" "stopped by SIGTERM"

# a second signal ends the run at once: FILE stays as it was, the temporary file goes. One long
# document (28 MB) keeps the run busy between the two signals: the first is sent once the run has
# read the whole document (its file's offset in /proc/PID/fdinfo) and used 0.1 s more of cpu time (at least 0.2 s in all;
# parsing the document takes far less, so it is being processed; a first signal while it was
# still being read, as happened on a loaded machine with 0.2 s of cpu time alone, stops the run
# before it and leaves FILE empty), the second 0.05 s later, while at least 0.4 s of cpu time of
# work is left on any machine.
python3 -c "import json; print(json.dumps({'id': 'long', 'text': 'Rusland en Iran gaan samenwerken, zei Poetin. ' * 600000}))" >"$T/long.jsonl"
echo old >"$T/old"
cp "$T/old" "$T/twice.out"
rc=$(python3 - "$FEIT" "$T" <<'EOF2'
import os, signal, subprocess, sys, time
feit, t = sys.argv[1], sys.argv[2]
p = subprocess.Popen([feit, "extract", "--emit", "documents", "-o", t + "/twice.out", t + "/long.jsonl"],
                     stderr=open(t + "/twice.err", "wb"), preexec_fn=lambda: signal.signal(signal.SIGTERM, signal.SIG_DFL))
def cpu():
    try:
        f = open("/proc/%d/stat" % p.pid).read().rsplit(")", 1)[1].split()
        return (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0
path = os.path.realpath(t + "/long.jsonl")
size = os.path.getsize(path)
def input_pos():
    """How far the run has read the document (its open file's offset), None when it has not
    the file open, -1 when /proc does not tell."""
    try:
        fds = os.listdir("/proc/%d/fd" % p.pid)
    except OSError:
        return -1
    for fd in fds:
        try:
            if os.readlink("/proc/%d/fd/%s" % (p.pid, fd)) == path:
                return int(open("/proc/%d/fdinfo/%s" % (p.pid, fd)).read().split()[1])
        except (OSError, IndexError, ValueError):
            pass
    return None
# the whole document read (the file at its end, or closed after it was open), then 0.1 s more
# of cpu time
deadline = time.time() + 60
seen = False
while time.time() < deadline and p.poll() is None:
    pos = input_pos()
    if pos == -1 or (pos is None and seen) or (pos is not None and pos >= size):
        break
    seen = seen or pos is not None
    time.sleep(0.005)
c0 = cpu()
while time.time() < deadline and p.poll() is None and cpu() < max(c0 + 0.1, 0.2):
    time.sleep(0.01)
p.send_signal(signal.SIGTERM)
time.sleep(0.05)
p.send_signal(signal.SIGTERM)
print(p.wait())
EOF2
)
status twice-exit "$rc" 143
if cmp -s "$T/twice.out" "$T/old"; then pass twice-file-untouched; else fail twice-file-untouched "FILE changed ($(wc -c <"$T/twice.out") bytes)"; fi
ok twice-no-part-left test -z "$(ls -A "$T" | grep part-)"

# a write error (a file size limit of 1000 KB: EFBIG) ends the run with status 2: stdout, a
# regular file, is cut back to the last whole record; -o FILE is left as it was
( ulimit -f 2000 2>/dev/null; "$FEIT" extract --emit documents "$T/docs.jsonl" >"$T/big.std" 2>"$T/big.err" ); rc=$?
status size-limit-exit "$rc" 2
has size-limit-report "$T/big.err" "write error"
jsonl_valid size-limit-whole-lines "$T/big.std"
ok size-limit-some-written test -s "$T/big.std"
echo old >"$T/big.out"
( ulimit -f 2000 2>/dev/null; "$FEIT" extract --emit documents -o "$T/big.out" "$T/docs.jsonl" 2>"$T/big.err" ); rc=$?
status size-limit-o-exit "$rc" 2
if cmp -s "$T/big.out" "$T/old"; then pass size-limit-o-untouched; else fail size-limit-o-untouched "FILE changed"; fi
ok size-limit-o-no-part-left test -z "$(ls -A "$T" | grep part-)"
# appending (>>) to a file: a failed write cuts back to our first record, not to 0
printf 'kept\n' >"$T/app.std"
( ulimit -f 2000 2>/dev/null; "$FEIT" extract --emit documents "$T/docs.jsonl" >>"$T/app.std" 2>/dev/null )
ok append-keeps-old-lines test "$(head -n 1 "$T/app.std")" = kept
ok append-whole-lines test "$(tail -c 1 "$T/app.std" | od -An -c | tr -d ' ')" = '\n'

# -o FILE: the file keeps its mode; a symbolic link keeps pointing at the file, which is
# replaced; a device is written to as it is
printf 'Rusland en Iran gaan samenwerken.\n' >"$T/one.txt"
echo old >"$T/mode.out" && chmod 640 "$T/mode.out"
extract -o "$T/mode.out" "$T/one.txt"
ok mode-kept test "$(stat -c %a "$T/mode.out")" = 640
has mode-written "$T/mode.out" '"predicate":"samenwerking"'
echo old >"$T/target.out" && ln -s target.out "$T/link.out"
extract -o "$T/link.out" "$T/one.txt"
ok link-kept test -L "$T/link.out"
has link-target-written "$T/target.out" '"predicate":"samenwerking"'
extract -o /dev/null "$T/one.txt"
status dev-null-exit "$?" 0

# -o FILE inside the directory being read: neither the file nor its temporary twin (hidden,
# ".name.part-XXXXXX") is read as an article
mkdir -p "$T/walk"
for i in 1 2 3; do printf 'Rusland en Iran gaan samenwerken (%s).\n' "$i" >"$T/walk/a$i.txt"; done
extract --emit documents -o "$T/walk/out.jsonl" "$T/walk"
ok output-in-input-dir-three-docs test "$(wc -l <"$T/walk/out.jsonl")" -eq 3
ok output-in-input-dir-no-part test -z "$(grep part- "$T/walk/out.jsonl")"
