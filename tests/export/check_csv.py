"""Checks the flat CSV of `feit export --format csv` with Python's csv reader (RFC 4180 quoting):
every input record comes back field for field. Prints one PASS/FAIL line per check.

    python3 check_csv.py FILE.csv FIXTURE.jsonl
"""
import csv
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from checklib import check, records, run  # noqa: E402


def cmd_csv(path, fixture):
    recs = records(fixture)
    with open(path, encoding="utf-8", newline="") as f:
        raw = f.read()
    check("csv-crlf-records", raw.startswith("subject,") and "\r\n" in raw, "no CRLF header line")
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    check("csv-row-count", len(rows) == len(recs), "%d rows for %d records" % (len(rows), len(recs)))
    for i, (row, r) in enumerate(zip(rows, recs)):
        problems = []
        for k in ("subject", "subject_type", "predicate", "object", "object_type", "evidence", "doc", "rule"):
            if row[k] != r[k]:
                problems.append("%s %r != %r" % (k, row[k], r[k]))
        for k in ("subject_kb", "object_kb", "wikidata", "qualifier"):
            if row[k] != r.get(k, ""):
                problems.append("%s %r" % (k, row[k]))
        if int(row["sentence"]) != r["sentence"] or abs(float(row["confidence"]) - r["confidence"]) > 1e-6:
            problems.append("numbers %r %r" % (row["sentence"], row["confidence"]))
        if (int(row["count"]) if row["count"] else 0) != r.get("count", 0):
            problems.append("count %r" % row["count"])
        check("csv-row-%d" % i, not problems, ", ".join(problems))


if __name__ == "__main__":
    run("csv", cmd_csv, sys.argv[1:])
