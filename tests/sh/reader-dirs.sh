# Document ids of text input: relative to the one directory given; with several inputs the
# directory stays in front, so two files of the same name are two documents, not duplicates.
FEIT=$(cd "$(dirname "$FEIT")" && pwd)/$(basename "$FEIT")
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
mkdir -p "$out/a/sub" "$out/b"
echo "Rusland en Iran gaan nauwer samenwerken." >"$out/a/x.txt"
echo "Nederland en België gaan samenwerken." >"$out/a/sub/y.txt"
cp "$out/a/x.txt" "$out/b/x.txt"
ids() { "$FEIT" extract --emit documents "$@" 2>"$out/err" | python3 -c 'import json,sys; print(" ".join(json.loads(l)["doc"] for l in sys.stdin))'; }
got=$(cd "$out" && ids a/)
[ "$got" = "sub/y.txt x.txt" ] && echo "PASS reader-dirs: one directory: ids relative to it ($got)" || echo "FAIL reader-dirs: one directory: got '$got'"
got=$(cd "$out" && ids a/ b)
[ "$got" = "a/sub/y.txt a/x.txt b/x.txt" ] && echo "PASS reader-dirs: two directories: ids keep the directory ($got)" || echo "FAIL reader-dirs: two directories: got '$got'"
[ ! -s "$out/err" ] && echo "PASS reader-dirs: no duplicate reported" || { echo "FAIL reader-dirs: stderr"; cat "$out/err"; }
# A large text file (read whole into a buffer that the reader gives back when it closes the
# file) between small ones: every file is its own document, the large one whole.
mkdir -p "$out/big"
echo "Rusland en Iran gaan nauwer samenwerken." >"$out/big/a.txt"
python3 -c 'import sys; open(sys.argv[1], "w").write("Nederland en België gaan samenwerken. " * 160000)' "$out/big/b.txt"
echo "Duitsland en Frankrijk gaan samenwerken." >"$out/big/c.txt"
got=$("$FEIT" extract --threads 1 --emit documents "$out/big" 2>"$out/err" | python3 -c 'import json,sys; print(" ".join("%s:%d" % (r["doc"], r["sentences"]) for r in map(json.loads, sys.stdin)))')
[ "$got" = "a.txt:1 b.txt:160000 c.txt:1" ] && echo "PASS reader-dirs: a 6 MB file between small ones ($got)" || { echo "FAIL reader-dirs: a 6 MB file between small ones: got '$got'"; head -3 "$out/err"; }
