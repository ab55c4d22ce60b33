# The meta members of a JSON Lines record come out byte for byte as jansson writes them
# (compact, keys sorted), whether the reader writes them itself (plain values in key order) or
# hands them to jansson (anything else): the two paths may not differ in a single byte.
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
cat >"$out/in.jsonl" <<'JL'
{"a": "x", "b": 1, "c": true, "d": null, "e": false, "text": "Rusland en Iran."}
{"z": 1, "a": "x", "text": "Rusland en Iran."}
{"ab": 1, "a": 2, "text": "Rusland en Iran."}
{"a": 2, "ab": 1, "text": "Rusland en Iran."}
{"n": -12, "m": 0, "o": -0, "text": "Rusland en Iran."}
{"big": 123456789012345678, "text": "Rusland en Iran."}
{"f": 1.0, "g": 2.5e3, "text": "Rusland en Iran."}
{"s": "caf\u00e9 \"q\" \\ /", "t": "café", "text": "Rusland en Iran."}
{"nest": {"b": 1, "a": [1, 2]}, "text": "Rusland en Iran."}
{"a": "x", "a": "y", "text": "Rusland en Iran."}
{"text": "Rusland en Iran.", "zz": "last", "aa": "first"}
JL
"$FEIT" extract --emit documents --input-format jsonl "$out/in.jsonl" >"$out/docs.jsonl" 2>"$out/err"
python3 - "$out/in.jsonl" "$out/docs.jsonl" <<'PY'
import json, sys
src = open(sys.argv[1], encoding="utf-8").read().splitlines()
got = open(sys.argv[2], encoding="utf-8").read().splitlines()
def check(ok, what):
    print(("PASS " if ok else "FAIL ") + "reader-meta: " + what)
check(len(got) == len(src), f"{len(src)} documents in, {len(got)} out")
# what jansson writes for these values (json_dumps, JSON_COMPACT | JSON_SORT_KEYS): Python's
# compact sorted dump, but floats as %.17g with a ".0" when integral, and the last of a
# repeated key
def dump(v):
    if isinstance(v, float):
        s = "%.17g" % v
        return s if any(c in s for c in ".eE") else s + ".0"
    if isinstance(v, dict):
        return "{" + ",".join(json.dumps(k, ensure_ascii=False) + ":" + dump(v[k]) for k in sorted(v)) + "}"
    if isinstance(v, list):
        return "[" + ",".join(dump(x) for x in v) + "]"
    return json.dumps(v, ensure_ascii=False)
for n, (line, out) in enumerate(zip(src, got), 1):
    meta = {k: v for k, v in json.loads(line).items() if k not in ("id", "text")}
    want = dump(meta)
    have = None  # the balanced object after "meta":
    i = out.find('"meta":')
    if i >= 0:
        depth, j = 0, i + 7
        for k in range(j, len(out)):
            depth += out[k] == "{"
            depth -= out[k] == "}"
            if depth == 0:
                have = out[j:k + 1]
                break
    check(have == want, f"line {n}: meta {have} == {want}")
PY
