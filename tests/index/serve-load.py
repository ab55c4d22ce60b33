#!/usr/bin/env python3
"""serve-load.py BASE [--slow-query PATH] [--header-timeout S] -- attacks a running `feit serve`
(issue 18) and prints one "PASS name (figures)" or "FAIL name: why" line per check.

  idle      64 sockets that connect and say nothing; a normal request must still be answered
            (client timeout 5 s; the latency is printed)
  trickle   8 sockets sending a request's headers a byte every half second; a normal request
            must still be answered; with --header-timeout S the server must close them within
            S + 3 seconds
  slow      the query PATH (expensive on the index being served) in 3 threads at once, and a
            normal request meanwhile: the normal one must be answered; each slow one is
            answered 200, or 503 when the server cut it off
  words     a search of 333 words is refused (400) at once
Times are printed, never compared with a fixed figure, except the client timeouts that tell a
server that answers from one that does not.
"""
import socket
import sys
import threading
import time
import urllib.error
import urllib.request

args = sys.argv[1:]
base = args[0]
slow_path = args[args.index("--slow-query") + 1] if "--slow-query" in args else None
header_timeout = float(args[args.index("--header-timeout") + 1]) if "--header-timeout" in args else None
host, port = base.split("//")[1].rstrip("/").split(":")
port = int(port)


def fetch(path, timeout=5.0):
    """(status, seconds) of GET base+path; status None when no answer came in time"""
    t0 = time.monotonic()
    try:
        r = urllib.request.urlopen(base + path, timeout=timeout)
        r.read()
        status = r.status
    except urllib.error.HTTPError as e:
        status = e.code
    except Exception:
        status = None
    return status, time.monotonic() - t0


def report(name, ok, detail):
    print(("PASS %s (%s)" if ok else "FAIL %s: %s") % (name, detail), flush=True)


# ---- idle sockets ----------------------------------------------------------------------
idle = []
for _ in range(64):
    s = socket.create_connection((host, port), timeout=5)
    idle.append(s)
time.sleep(0.3)
status, dt = fetch("/?q=Poetin")
report("idle-64-sockets-normal-request", status == 200, "status %s in %.3f s with 64 idle sockets open" % (status, dt))
for s in idle:
    s.close()

# ---- trickled headers ------------------------------------------------------------------
stop = threading.Event()
closed_at = {}


def trickle(i):
    s = socket.create_connection((host, port), timeout=5)
    t0 = time.monotonic()
    data = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 1000
    k = 0
    s.settimeout(0.5)
    while not stop.is_set() and k < len(data):
        try:
            s.sendall(data[k:k + 1])
        except OSError:
            closed_at[i] = time.monotonic() - t0
            return
        k += 1
        try:
            if s.recv(1) == b"":
                closed_at[i] = time.monotonic() - t0
                return
        except socket.timeout:
            pass
        except OSError:
            closed_at[i] = time.monotonic() - t0
            return
    s.close()


ts = [threading.Thread(target=trickle, args=(i,), daemon=True) for i in range(8)]
for t in ts:
    t.start()
time.sleep(1.0)
status, dt = fetch("/?q=Poetin")
report("trickle-8-sockets-normal-request", status == 200, "status %s in %.3f s while 8 clients trickle headers" % (status, dt))
if header_timeout is not None:
    deadline = time.monotonic() + header_timeout + 3
    while time.monotonic() < deadline and len(closed_at) < 8:
        time.sleep(0.2)
    worst = max(closed_at.values()) if closed_at else None
    report("trickle-closed-by-header-timeout", len(closed_at) == 8,
           "%d of 8 trickling connections closed by the server, the last after %s s (header timeout %s s)"
           % (len(closed_at), "%.1f" % worst if worst else "-", header_timeout))
stop.set()
for t in ts:
    t.join(timeout=2)

# ---- slow queries and a normal request ---------------------------------------------------
if slow_path:
    results = []

    def slow():
        results.append(fetch(slow_path, timeout=60))

    sts = [threading.Thread(target=slow) for _ in range(3)]
    for t in sts:
        t.start()
    time.sleep(0.1)
    status, dt = fetch("/?q=Poetin")
    for t in sts:
        t.join()
    slowest = max(r[1] for r in results)
    report("slow-queries-normal-request", status == 200,
           "status %s in %.3f s while 3 slow queries run (they took up to %.2f s, answered %s)"
           % (status, dt, slowest, sorted(set(r[0] for r in results))))
    report("slow-queries-answered", all(r[0] in (200, 503) for r in results),
           "statuses %s" % [r[0] for r in results])

# ---- too many words ----------------------------------------------------------------------
status, dt = fetch("/api/search?text=" + "+".join(["de"] * 333))
report("333-words-refused", status == 400, "status %s in %.3f s" % (status, dt))
