# Document ids of text input: relative to the one directory given; with several inputs the
# directory stays in front, so two files of the same name are two documents, not duplicates.
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
