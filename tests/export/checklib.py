"""What the export checks (check.py, check_csv.py) share: one PASS/FAIL line per check, the
JSON Lines fixture reader, and a runner that turns an exception into a failed check (a parser
error is a failed check, not a crash without a FAIL line) and sets the exit status."""
import json
import sys

failed = 0


def check(name, ok, why=""):
    global failed
    if ok:
        print("PASS " + name)
    else:
        failed += 1
        print("FAIL %s: %s" % (name, why.replace("\n", "\\n")))


def records(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def run(name, cmd, args):
    """Runs cmd(*args); an exception becomes the failed check NAME-loads. Exits 1 on a failure."""
    try:
        cmd(*args)
    except Exception as e:
        check("%s-loads" % name, False, "%s: %s" % (type(e).__name__, e))
    sys.exit(1 if failed else 0)
