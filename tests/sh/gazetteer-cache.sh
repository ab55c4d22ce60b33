# User lists read as text are compiled once into a cache keyed by their content
# ($XDG_CACHE_HOME/feit, else ~/.cache/feit) and reused: made on the first run, reused unchanged
# on the next, rebuilt (the old file removed) after a list is edited; a cache directory that
# cannot be written changes nothing but speed; concurrent first runs all succeed.
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
mkdir "$out/mine"
printf 'Jan Pietersma\tperson\tcountry=NL\trole=premier\trole_of=Nederland\n' >"$out/mine/people.tsv"
printf 'Zuiderhaven Holding\torganisation\tcountry=NL\talias=ZHH\n' >"$out/mine/orgs.tsv"
echo "Premier Jan Pietersma bezocht Moskou. ZHH neemt een belang in Shell. Kees Wolters sprak." >"$out/in.txt"
run() { # cache home, output file
    XDG_CACHE_HOME=$1 "$FEIT" extract --emit entities --gazetteers default --gazetteers "$out/mine" "$out/in.txt" >"$2" 2>"$out/err"
}
check() { [ "$1" = 0 ] && echo "PASS gazetteer-cache: $2" || { echo "FAIL gazetteer-cache: $2"; cat "$out/err"; }; }
files() { ls "$1" 2>/dev/null | grep -c '^gaz-.*\.bin$'; }

run "$out/cache" "$out/1.jsonl"; check $? "first run exits 0"
[ "$(files "$out/cache/feit")" = 1 ]; check $? "the first run made one cache file under \$XDG_CACHE_HOME/feit"
grep -q '"canonical":"Zuiderhaven Holding"' "$out/1.jsonl" && grep -q '"canonical":"Moskou"' "$out/1.jsonl"; check $? "user and bundled names found on the first run"
before=$(stat -c '%i %Y %s' "$out"/cache/feit/gaz-*.bin)
run "$out/cache" "$out/2.jsonl"; check $? "second run exits 0"
[ "$(stat -c '%i %Y %s' "$out"/cache/feit/gaz-*.bin)" = "$before" ]; check $? "the second run reused the cache file (same inode, time and size)"
cmp -s "$out/1.jsonl" "$out/2.jsonl"; check $? "output from the cache is the output of the lists read as text"

# an edit of a list: a new key, a new file, the old one removed, the new name found
printf 'Kees Wolters\tperson\tcountry=NL\n' >>"$out/mine/people.tsv"
run "$out/cache" "$out/3.jsonl"; check $? "run after an edit exits 0"
[ "$(files "$out/cache/feit")" = 1 ] && [ "$(stat -c '%i %Y %s' "$out"/cache/feit/gaz-*.bin)" != "$before" ]; check $? "an edited list rebuilt the cache file and removed the old one"
grep '"canonical":"Kees Wolters"' "$out/3.jsonl" | grep -q '"source":"gazetteer"'; check $? "the name added by the edit is found from the gazetteer"
run "$out/cache" "$out/4.jsonl"; cmp -s "$out/3.jsonl" "$out/4.jsonl"; check $? "the rebuilt cache gives the same output"

# no cache: a cache home that cannot be made (under a file) is no error
: >"$out/plainfile"
run "$out/plainfile/sub" "$out/5.jsonl"; check $? "an unwritable cache directory still works (exit 0)"
cmp -s "$out/3.jsonl" "$out/5.jsonl"; check $? "the same output without a cache"
[ ! -s "$out/err" ]; check $? "no message about the cache when it cannot be written"

# no XDG_CACHE_HOME: ~/.cache/feit
mkdir "$out/home"
env -u XDG_CACHE_HOME HOME="$out/home" "$FEIT" extract --emit entities --gazetteers default --gazetteers "$out/mine" "$out/in.txt" >"$out/6.jsonl" 2>"$out/err"
check $? "HOME fallback run exits 0"
[ "$(files "$out/home/.cache/feit")" = 1 ]; check $? "without XDG_CACHE_HOME the cache is ~/.cache/feit"

# three first runs at once: all succeed with the same output, one whole file, no temporary left
for i in 1 2 3; do run "$out/par" "$out/p$i.jsonl" & done; wait
cmp -s "$out/p1.jsonl" "$out/3.jsonl" && cmp -s "$out/p2.jsonl" "$out/3.jsonl" && cmp -s "$out/p3.jsonl" "$out/3.jsonl"; check $? "concurrent first runs give the same output"
[ "$(files "$out/par/feit")" = 1 ] && [ "$(ls "$out/par/feit" | grep -c tmp)" = 0 ]; check $? "concurrent first runs leave one cache file and no temporary"
run "$out/par" "$out/p4.jsonl" && cmp -s "$out/p4.jsonl" "$out/3.jsonl"; check $? "the file left by concurrent runs is sound"

# a damaged cache file is not used: its header's checksum fails and the lists are read again
f=$(ls "$out"/par/feit/gaz-*.bin)
printf 'XXXXXXXX' | dd of="$f" bs=1 seek=64 conv=notrunc 2>/dev/null
run "$out/par" "$out/p5.jsonl"; check $? "a damaged cache file: exit 0"
cmp -s "$out/p5.jsonl" "$out/3.jsonl"; check $? "a damaged cache file is replaced, same output"

# a cache file whose body was damaged after it was written (its header still sound): the run
# stops with status 2 and a message that names the file and says to delete it, not `feit
# compile`; once deleted, the next run rebuilds it
f=$(ls "$out"/par/feit/gaz-*.bin)
dd if=/dev/zero of="$f" bs=1M seek=1 count=40 conv=notrunc 2>/dev/null
run "$out/par" "$out/p6.jsonl"; rc=$?
[ "$rc" = 2 ]; check $? "a damaged cache file's body: exit 2 (got $rc)"
grep -q "$f: corrupt (.*delete this cache file" "$out/err"; check $? "the message names the cache file and says to delete it"
rm -f "$f"
run "$out/par" "$out/p7.jsonl" && cmp -s "$out/p7.jsonl" "$out/3.jsonl"; check $? "after deleting it the next run rebuilds the cache"

# a FIFO among the lists: hashing them for the key must not block on it; the lists are then
# loaded from text, which reports it (status 2)
mkdir "$out/fifo" && cp "$out/mine"/*.tsv "$out/fifo/" && mkfifo "$out/fifo/zz.tsv"
XDG_CACHE_HOME="$out/cache" timeout 20 "$FEIT" extract --gazetteers default --gazetteers "$out/fifo" "$out/in.txt" >/dev/null 2>"$out/err"
rc=$?; [ "$rc" = 2 ]; check $? "a FIFO among the lists: no hang, exit 2 (got $rc)"
grep -q "zz.tsv: not a regular file" "$out/err"; check $? "a FIFO among the lists is reported"

# the cache directory is bounded: once a cache is written, the least recently used other caches
# are removed while the caches come to more than 256 MiB (sparse files stand in for old ones);
# a file that is no cache is left alone
t="$out/trim/feit"; mkdir -p "$t"
old_gaz="$t/gaz-00000000000000aa-0000000000000001.bin" old_rules="$t/rules-00000000000000bb-0000000000000002.bin"
truncate -s 200M "$old_gaz" && touch -d '2 days ago' "$old_gaz"
truncate -s 100M "$old_rules" && touch -d '3 days ago' "$old_rules"
truncate -s 300M "$t/notes.txt"
run "$out/trim" "$out/t1.jsonl"; check $? "a run with a full cache directory exits 0"
cmp -s "$out/t1.jsonl" "$out/3.jsonl"; check $? "the same output with a full cache directory"
[ ! -e "$old_rules" ]; check $? "the least recently used cache was removed (over 256 MiB)"
[ -e "$old_gaz" ] && [ "$(files "$t")" = 2 ]; check $? "the next one is kept once the caches are under 256 MiB, with the new one"
[ -e "$t/notes.txt" ]; check $? "a file that is no cache is left alone"
