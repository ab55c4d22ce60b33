# The architecture (docs/architecture.md) as checks: the layers and circles of the call graph
# (scripts/check-layers on this build, and on made-up trees it must reject), no Dutch word list
# left in src/ (the language is models/nl), and loading that never writes: a missing or stale
# compiled gazetteer is an error that names the fix.
. tests/patho/lib.sh
: "${BUILD:=build}"

out=$(scripts/check-layers "$BUILD" 2>&1); rc=$?
if [ "$rc" -eq 0 ]; then pass layers-clean; else fail layers-clean "$(echo "$out" | grep -v '^layer' | head -5)"; fi
largest=$(echo "$out" | sed -n 's/.*largest circle \([0-9]*\).*/\1/p')
ok layers-largest-circle-at-most-3 test "${largest:-99}" -le 3

# the checker must see a call up the layers, a circle of four and an internal header in the CLI
mk() { # file under $T/tree/src, C source
    mkdir -p "$(dirname "$T/tree/src/$1")"
    printf '%s\n' "$2" >"$T/tree/src/$1"
}
mk core/a.c 'void b(void); void a(void) { b(); }'
mk relations/b.c 'void b(void) {}'
for f in core/a relations/b; do mkdir -p "$T/tree/build/$(dirname $f)"; cc -c "$T/tree/src/$f.c" -o "$T/tree/build/$f.o"; done
bad=$(scripts/check-layers --src "$T/tree/src" "$T/tree/build" 2>&1); rc=$?
ok layers-rejects-call-up test "$rc" -eq 1
case "$bad" in *"call up the layers: src/core/a.c (core) -> src/relations/b.c"*) pass layers-names-the-call ;; *) fail layers-names-the-call "$bad" ;; esac
rm -rf "$T/tree"
mk text/w.c 'void x(void); void w(void) { x(); }'
mk text/x.c 'void y(void); void x(void) { y(); }'
mk text/y.c 'void z(void); void y(void) { z(); }'
mk text/z.c 'void w(void); void z(void) { w(); }'
for f in w x y z; do mkdir -p "$T/tree/build/text"; cc -c "$T/tree/src/text/$f.c" -o "$T/tree/build/text/$f.o"; done
bad=$(scripts/check-layers --src "$T/tree/src" "$T/tree/build" 2>&1); rc=$?
ok layers-rejects-circle-of-4 test "$rc" -eq 1
case "$bad" in *"circle of 4 files"*) pass layers-names-the-circle ;; *) fail layers-names-the-circle "$bad" ;; esac
rm -rf "$T/tree"
mk cli/c.c '#include "store/s.h"'
mk store/s.h '/* internal */'
mk store/s.c 'int s;'
mkdir -p "$T/tree/build/cli" "$T/tree/build/store"
cc -I"$T/tree/src" -c "$T/tree/src/cli/c.c" -o "$T/tree/build/cli/c.o" && cc -c "$T/tree/src/store/s.c" -o "$T/tree/build/store/s.o"
bad=$(scripts/check-layers --src "$T/tree/src" "$T/tree/build" 2>&1); rc=$?
case "$bad" in *"the CLI uses an internal header: src/cli/c.c includes src/store/s.h"*) pass layers-cli-public-only ;; *) fail layers-cli-public-only "$bad" ;; esac

# no word of the language data is spelled as a string in the C sources (comments aside)
if r=$(python3 - 2>&1 <<'PY'
import glob, re, sys
words = set()
for f in glob.glob("models/nl/*.txt"):
    if f.endswith("firstname-genders.txt"):
        continue  # names (Meta, Rosa), not words of the language
    if f.endswith("word-ranks.txt"):
        continue  # every common word of subtitles, borrowed ones too (help, type, auto)
    for line in open(f, encoding="utf-8"):
        line = line.split("#")[0] if not line.startswith("#") else ""
        ws = line.split()
        # the words of each file: function words after their role; descriptions and pronouns
        # the first column only (the rest is types and kinds); settings none
        if f.endswith("function-words.txt"):
            ws = ws[1:]
        elif f.endswith(("descriptions.txt", "pronouns.txt", "abbreviations.txt")):
            ws = ws[:1]
        for w in ws:
            if w != "end" and len(w) > 1:
                words.add(w.lower())
words -= {d.split("/")[1] for d in glob.glob("models/*/settings")}  # language codes (nl)
hits = []
for f in glob.glob("src/**/*.[ch]", recursive=True):
    if f == "src/core/types.h":
        continue  # the project's own vocabulary of types, forms and sources ("city", "Country")
    code = open(f, encoding="utf-8").read()
    code = re.sub(r"/\*.*?\*/", " ", code, flags=re.S)
    code = re.sub(r"//[^\n]*", " ", code)
    for lit in re.findall(r'"((?:[^"\\\n]|\\.)*)"', code):
        parts = [w for w in lit.lower().split("|") if w]
        # a word on its own ("van") or a list of them ("|van|de|der|")
        if (len(parts) == 1 and parts[0] in words and "|" not in lit) or sum(p in words for p in parts) >= 2:
            hits.append(f"{f}: \"{lit[:40]}\"")
if hits:
    sys.exit("; ".join(sorted(set(hits))[:8]))
print(len(words))
PY
); then pass "no-language-words-in-src ($r words of models/nl checked)"; else fail no-language-words-in-src "$r"; fi

# loading never writes: a data directory without its compiled gazetteer ...
cp -r models "$T/data"
rm -f "$T/data/gazetteer.bin"
echo "Rusland en Iran gaan samenwerken." | FEIT_DATA="$T/data" "$FEIT" extract - >"$T/o" 2>"$T/e"; rc=$?
ok missing-compiled-exit-2 test "$rc" -eq 2
ok missing-compiled-names-the-fix grep -q "gazetteer.bin: missing: run \`feit compile\`" "$T/e"
ok missing-compiled-not-written test ! -e "$T/data/gazetteer.bin"
# ... is made by `feit compile`, from the lists beside it (a source tree: models/ + gazetteers/)
mkdir -p "$T/tree"
cp -r models "$T/tree/models"; rm -f "$T/tree/models/gazetteer.bin"
cp -r tests/rules/gaz "$T/tree/gazetteers"
ok compile-builds "$FEIT" compile --data-dir "$T/tree/models"
echo "Rusland en Iran gaan samenwerken." | "$FEIT" extract --data-dir "$T/tree/models" - >"$T/o" 2>"$T/e"; rc=$?
ok compiled-used test "$rc" -eq 0 -a -s "$T/o"
# ... and when a list changes it is stale: an error, the compiled file left as it was
sum1=$(md5sum <"$T/tree/models/gazetteer.bin")
f=$(ls "$T/tree/gazetteers"/*.tsv | head -n 1)
printf 'Nieuwstad\tcity\tcountry=NL\n' >>"$f"
echo "Rusland en Iran." | "$FEIT" extract --data-dir "$T/tree/models" - >"$T/o" 2>"$T/e"; rc=$?
ok stale-exit-2 test "$rc" -eq 2
ok stale-names-the-fix grep -q "stale: the gazetteer lists .*changed.*run \`feit compile\`" "$T/e"
ok stale-not-rewritten test "$(md5sum <"$T/tree/models/gazetteer.bin")" = "$sum1"
# ... as when the language data changes
"$FEIT" compile --data-dir "$T/tree/models" && echo "minister" >>"$T/tree/models/nl/titles.txt"
echo "Rusland en Iran." | "$FEIT" extract --data-dir "$T/tree/models" - >"$T/o" 2>"$T/e"; rc=$?
ok lang-stale-exit-2 test "$rc" -eq 2
ok lang-stale-message grep -q "stale: the language data changed" "$T/e"
# an installed copy (no lists beside it) is used as it is
mkdir -p "$T/share"; cp -r models "$T/share/feit"
echo "Rusland en Iran gaan samenwerken." | FEIT_DATA="$T/share/feit" "$FEIT" extract - >"$T/o" 2>"$T/e"; rc=$?
ok installed-copy-works test "$rc" -eq 0 -a -s "$T/o"
# a broken language data file is reported with its place
printf 'stemmer dutch\nbogus value\n' >"$T/tree/models/nl/settings"
echo "x" | "$FEIT" extract --data-dir "$T/tree/models" - >"$T/o" 2>"$T/e"; rc=$?
ok lang-error-exit-2 test "$rc" -eq 2
ok lang-error-place grep -q "nl/settings:2:1: unknown setting 'bogus'" "$T/e"
"$FEIT" lint "$T/tree/models/nl" >"$T/l" 2>&1
ok lint-lang-data grep -q "nl/settings:2:1: unknown setting 'bogus'" "$T/l"
