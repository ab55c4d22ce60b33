# The first-name gender list (models/nl/firstname-genders.txt, 35,000 lines) is checked line by
# line once per content: a sound list leaves a stamp in the cache directory
# ($XDG_CACHE_HOME/feit/genders-*.ok, src/discourse/gender.c) and the next run with the same
# content skips the check. An edit gives a new key, so a bad line is reported as ever; a damaged
# stamp or an unwritable cache directory only means the check runs; feit lint always checks.
. tests/patho/lib.sh
G="--gazetteers tests/rules/gaz"
D="$T/data"
mkdir -p "$D" && cp -r models/nl models/relations.rules models/predicates.tsv models/roles.tsv "$D"/
L="$D/nl/firstname-genders.txt"
S='Giorgia Meloni ontmoette dinsdag Emmanuel Macron. Hij sprak met Masoud Pezeshkian.'
pron() { # cache home
    printf '%s\n' "$S" | XDG_CACHE_HOME=$1 "$FEIT" extract $G --data-dir "$D" --emit entities - 2>"$T/err" |
        python3 -c 'import sys, json
c = [e["canonical"] for e in map(json.loads, sys.stdin) if e["form"] == "pronoun"]
print(c[0] if c else "none")'
}
stamps() { ls "$1" 2>/dev/null | grep -c '^genders-.*\.ok$'; }
stat_of() { stat -c '%i %Y %s' "$1"/genders-*.ok 2>/dev/null; }
C=$T/cache/feit
: >"$T/plainfile"

ok no-cache-answer test "$(pron "$T/plainfile/sub")" = "Emmanuel Macron"
ok first-run-answer test "$(pron "$T/cache")" = "Emmanuel Macron"
ok first-run-one-stamp test "$(stamps "$C")" = 1
before=$(stat_of "$C")
ok second-run-answer test "$(pron "$T/cache")" = "Emmanuel Macron"
ok second-run-reuses-stamp test "$(stat_of "$C")" = "$before"

# an edit of the same length that breaks the list (a capital): reported with its place although
# a stamp of the list before exists
grep -q "^emmanuel$(printf '\t')m\$" "$L" && sed -i "s/^emmanuel$(printf '\t')m\$/Emmanuel$(printf '\t')m/" "$L"
printf '%s\n' "$S" | XDG_CACHE_HOME="$T/cache" "$FEIT" extract $G --data-dir "$D" - >/dev/null 2>"$T/err"; rc=$?
ok same-length-edit-exit-2 test "$rc" = 2
ok same-length-edit-place grep -q "firstname-genders.txt:[0-9]*:1: write the name folded" "$T/err"
sed -i "s/^Emmanuel$(printf '\t')m\$/emmanuel$(printf '\t')m/" "$L"
ok restored-reuses-stamp sh -c "test \"\$(stat -c '%i %Y %s' '$C'/genders-*.ok)\" = '$before' && test \"\$(printf '%s\n' '$S' | XDG_CACHE_HOME='$T/cache' '$FEIT' extract $G --data-dir '$D' - 2>&1 >/dev/null)\" = ''"

# an edit that breaks the list: reported with its place although a stamp exists
printf 'aaron\tm\n' >>"$L"
printf '%s\n' "$S" | XDG_CACHE_HOME="$T/cache" "$FEIT" extract $G --data-dir "$D" - >/dev/null 2>"$T/err"; rc=$?
ok edited-bad-list-exit-2 test "$rc" = 2
ok edited-bad-list-place grep -q "firstname-genders.txt:[0-9]*:1: 'aaron' is out of order" "$T/err"

# a new sound content: a new stamp replaces the old, and the list's answer is used
printf '# swapped\nemmanuel\tf\ngiorgia\tm\n' >"$L"
ok new-content-answer test "$(pron "$T/cache")" = "Giorgia Meloni"
ok new-content-one-stamp test "$(stamps "$C")" = 1
ok new-content-new-stamp test "$(stat_of "$C")" != "$before"
ok new-content-again test "$(pron "$T/cache")" = "Giorgia Meloni"

# a damaged stamp: not used, the list is checked, same answer, the stamp written anew
f=$(ls "$C"/genders-*.ok)
printf 'XXXXXXXX' | dd of="$f" bs=1 seek=16 conv=notrunc 2>/dev/null
cp "$f" "$T/damaged"
ok damaged-stamp-answer test "$(pron "$T/cache")" = "Giorgia Meloni"
ok damaged-stamp-rewritten sh -c "! cmp -s '$f' '$T/damaged'"
# a stamp cut short, and one whose counts were changed (its checksum no longer fits)
head -c 20 "$T/damaged" >"$f"
ok cut-stamp-answer test "$(pron "$T/cache")" = "Giorgia Meloni"
ok unwritable-answer test "$(pron "$T/plainfile/sub")" = "Giorgia Meloni"
ok unwritable-no-message test ! -s "$T/err"

# feit lint checks the list whatever the stamps say, and writes none
printf 'zeta\tf\nanna\tf\n' >"$L"
XDG_CACHE_HOME="$T/lintcache" "$FEIT" lint "$D" >"$T/lint" 2>&1
ok lint-reports-bad-list grep -q "firstname-genders.txt:2:1: 'anna' is out of order" "$T/lint"
ok lint-writes-no-stamp test "$(stamps "$T/lintcache/feit")" = 0
