# Encodings (issue 14): byte-order marks are dropped (text, JSON Lines, JSON); UTF-16 (with a
# mark, or told by its zero bytes) is converted; a Windows-1252 or Latin-1 text is detected and
# converted, with one note per file; --encoding forces an encoding; stray invalid bytes in UTF-8
# text or in a JSON string become U+FFFD with a file:line note, and the document is processed.
. tests/patho/lib.sh
E=tests/inputs/enc
fx() { "$FEIT" extract "$@"; }
U8=$E/artikel.utf8.txt

# same_facts NAME FILE...: the triples and entities of each FILE are those of the UTF-8 text
fx --emit entities $U8 | sed 's/"doc":"[^"]*"//' >"$T/want.ent"
fx $U8 | sed 's/"doc":"[^"]*"//' >"$T/want.tri"
ok utf8-reference-has-facts test -s "$T/want.tri"
same_facts() {
    name=$1; shift
    for f in "$@"; do
        fx --emit entities "$f" 2>/dev/null | sed 's/"doc":"[^"]*"//' >"$T/got.ent"
        fx "$f" 2>/dev/null | sed 's/"doc":"[^"]*"//' >"$T/got.tri"
        if cmp -s "$T/want.ent" "$T/got.ent" && cmp -s "$T/want.tri" "$T/got.tri"; then pass "$name"; else
            fail "$name" "$f: $(diff "$T/want.ent" "$T/got.ent" | head -3 | tr '\n' '|')"; fi
    done
}

# --- Windows-1252 and Latin-1: detected, converted, one note per file, every fact kept ---
fx --emit documents --with-text $E/artikel.cp1252.txt >"$T/c.out" 2>"$T/c.err"
status cp1252-exit "$?" 0
has cp1252-note "$T/c.err" "feit extract: $E/artikel.cp1252.txt: note: not UTF-8: read as WINDOWS-1252"
ok cp1252-one-note test "$(grep -c . "$T/c.err")" -eq 1
has cp1252-text "$T/c.out" 'Oekraïense president Volodymyr Zelensky heeft in Liège met de Belgische premier gesproken. België en Oekraïne'
has cp1252-typography "$T/c.out" 'Het café “De Zon” — de ontmoetingsplek — kostte €5'
ok cp1252-no-replacement test "$(grep -c "$(printf '\357\277\275')" "$T/c.out")" -eq 0
same_facts cp1252-same-facts-as-utf8 $E/artikel.cp1252.txt
fx --emit documents --with-text $E/artikel.latin1.txt >"$T/l.out" 2>"$T/l.err"
status latin1-exit "$?" 0
has latin1-note "$T/l.err" "artikel.latin1.txt: note: not UTF-8: read as WINDOWS-1252"
has latin1-text "$T/l.out" 'in Liège met de Belgische premier gesproken. België en Oekraïne gaan samenwerken'
has latin1-fact "$T/l.out" '"predicate":"samenwerking"'
# a directory of both: one note per file, not per document or per line
mkdir -p "$T/d"; cp $E/artikel.cp1252.txt $E/artikel.latin1.txt $U8 "$T/d/"
fx --stats "$T/d" >/dev/null 2>"$T/d.err"
status dir-exit "$?" 0
ok dir-one-note-per-file test "$(grep -c ': note: ' "$T/d.err")" -eq 2

# --- byte-order marks: dropped from text, JSON Lines and JSON; offsets unchanged ---
printf '\357\273\277' | cat - $U8 >"$T/bom.txt"
same_facts bom-text $T/bom.txt
fx --emit documents --with-text "$T/bom.txt" >"$T/b.out" 2>"$T/b.err"
ok bom-no-note test ! -s "$T/b.err"
has bom-text-starts-clean "$T/b.out" '"text":"KYIV (ANP) - De Oek'
python3 -c 'import json,sys; t=open(sys.argv[1],encoding="utf-8").read(); print(json.dumps({"id":"b1","text":t}, ensure_ascii=False)); print(json.dumps({"id":"b2","text":"Rusland en Iran gaan samenwerken."}))' $U8 >"$T/plain.jsonl"
printf '\357\273\277' | cat - "$T/plain.jsonl" >"$T/bom.jsonl"
fx "$T/bom.jsonl" >"$T/bj.out" 2>"$T/bj.err"
status bom-jsonl-exit "$?" 0
ok bom-jsonl-no-report test ! -s "$T/bj.err"
has bom-jsonl-first-line "$T/bj.out" '"doc":"b1"'
has bom-jsonl-second-line "$T/bj.out" '"doc":"b2"'
printf '\357\273\277[{"id":"j1","text":"Rusland en Iran gaan samenwerken."}]' >"$T/bom.json"
fx "$T/bom.json" >"$T/bjs.out" 2>"$T/bjs.err"
status bom-json-exit "$?" 0
has bom-json-doc "$T/bjs.out" '"doc":"j1"'

# --- UTF-16 and UTF-32: with a byte-order mark, and UTF-16 without one ---
for enc in UTF-16LE UTF-16BE UTF-32LE; do
    case $enc in UTF-16LE) bom='\377\376' ;; UTF-16BE) bom='\376\377' ;; UTF-32LE) bom='\377\376\0\0' ;; esac
    { printf "$bom"; iconv -f UTF-8 -t $enc $U8; } >"$T/$enc.txt"
    fx --stats "$T/$enc.txt" >/dev/null 2>"$T/u.err"
    has "$enc-bom-note" "$T/u.err" "$enc.txt: note: $enc text (byte-order mark): converted to UTF-8"
    same_facts "$enc-bom-same-facts" "$T/$enc.txt"
done
iconv -f UTF-8 -t UTF-16LE $U8 >"$T/nobom16.txt"
fx "$T/nobom16.txt" >/dev/null 2>"$T/u.err"
has utf16-nobom-note "$T/u.err" "nobom16.txt: note: UTF-16LE text (detected, no byte-order mark): converted to UTF-8"
same_facts utf16-nobom-same-facts "$T/nobom16.txt"
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$T/plain.jsonl"; } >"$T/u16.jsonl"
fx "$T/u16.jsonl" >"$T/u16.out" 2>/dev/null
status utf16-jsonl-exit "$?" 0
ok utf16-jsonl-both-docs test "$(grep -c '"doc":"b[12]"' "$T/u16.out")" -ge 2

# --- --encoding forces it; an unknown name is a usage error ---
printf 'De Oekra\357ense ambassadeur in Li\350ge.\n' >"$T/forced.txt" # ï è in ISO-8859-15
fx --encoding ISO-8859-15 --emit documents --with-text "$T/forced.txt" >"$T/f.out" 2>"$T/f.err"
has forced-decoded "$T/f.out" '"text":"De Oekraïense ambassadeur in Liège.\n"'
ok forced-no-note test ! -s "$T/f.err"
fx --encoding UTF-8 --emit documents --with-text $E/artikel.cp1252.txt >"$T/f.out" 2>"$T/f.err"
has forced-utf8-replaces "$T/f.out" "Oekra$(printf '\357\277\275')ense"
has forced-utf8-note "$T/f.err" "artikel.cp1252.txt:1: note: "
fx --encoding NOPE-42 $U8 >"$T/f.out" 2>"$T/f.err"
status unknown-encoding-exit "$?" 2
has unknown-encoding-message "$T/f.err" "feit extract: unknown encoding 'NOPE-42'"

# --- stray invalid bytes in UTF-8 text: U+FFFD, a note with file:line, the document kept ---
{ head -c 60 $U8; printf '\377'; tail -c +61 $U8; } >"$T/stray.txt"
fx --stats --emit documents --with-text "$T/stray.txt" >"$T/s.out" 2>"$T/s.err"
status stray-exit "$?" 0
has stray-note "$T/s.err" "stray.txt:1: note: 1 invalid UTF-8 sequence replaced by U+FFFD"
has stray-processed "$T/s.err" "documents  1 processed, 0 skipped"
has stray-replaced "$T/s.out" "$(printf '\357\277\275')"
has stray-rest-kept "$T/s.out" "België en Oekraïne gaan samenwerken"
printf 'Eerste regel.\nTweede regel.\nDerde \300\257 regel met Rusland en Iran die gaan samenwerken.\n' >"$T/line3.txt"
fx "$T/line3.txt" >/dev/null 2>"$T/s.err"
has stray-names-its-line "$T/s.err" "line3.txt:3: note: 1 invalid UTF-8 sequence replaced by U+FFFD"

# --- invalid bytes inside a JSON string: the document is processed, never dropped ---
printf '{"id":"s1","text":"Rusland en Iran gaan \300\257 samenwerken."}\n{"id":"s2","text":"Iran en Rusland werken samen."}\n{"id":"s3","te\377xt":"x","text":"Rusland en Iran gaan samenwerken."}\n' >"$T/bad.jsonl"
fx --stats "$T/bad.jsonl" >"$T/j.out" 2>"$T/j.err"
status json-string-exit "$?" 0
has json-string-note-1 "$T/j.err" "bad.jsonl:1: note: 1 invalid UTF-8 sequence replaced by U+FFFD"
has json-string-note-3 "$T/j.err" "bad.jsonl:3: note:"
has json-string-all-processed "$T/j.err" "documents  3 processed, 0 skipped"
has json-string-fact "$T/j.out" '"doc":"s1","evidence":"Rusland en Iran gaan '
printf '[{"id":"a1","text":"Rusland en Iran gaan \355\240\200 samenwerken."}]' >"$T/bad.json"
fx --stats "$T/bad.json" >"$T/j.out" 2>"$T/j.err"
has json-array-string-processed "$T/j.err" "documents  1 processed, 0 skipped"
has json-array-string-note "$T/j.err" "bad.json:1: note: 1 invalid UTF-8 sequence replaced by U+FFFD"
# a JSON Lines archive in Windows-1252: one note for the file, every line read
iconv -f UTF-8 -t WINDOWS-1252 "$T/plain.jsonl" >"$T/cp.jsonl"
fx --stats --emit documents --with-text "$T/cp.jsonl" >"$T/cj.out" 2>"$T/cj.err"
status jsonl-cp1252-exit "$?" 0
ok jsonl-cp1252-one-note test "$(grep -c ': note: ' "$T/cj.err")" -eq 1
has jsonl-cp1252-decoded "$T/cj.out" 'in Liège met de Belgische premier gesproken. België en Oekraïne'
# --max-doc-bytes holds for the text as processed: repaired bytes (U+FFFD is 3 bytes) count
printf 'Rusland \377\377\377\377\n' >"$T/grow.txt" # 13 bytes, 21 once repaired
extract --max-doc-bytes 16 "$T/grow.txt" >/dev/null 2>"$T/g.err"
status maxdoc-after-repair-exit "$?" 1
has maxdoc-after-repair-report "$T/g.err" "grow.txt: document larger than the maximum of 16 bytes (--max-doc-bytes) once in UTF-8: skipped"
