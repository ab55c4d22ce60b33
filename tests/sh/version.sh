# `feit --version`: the version of src/feit.h (its one place), then the code's licence and one
# line for each credit of COPYING.data.md's table (the credit and its licence, as written there).
. tests/patho/lib.sh
version=$(sed -n 's/^#define FEIT_VERSION "\(.*\)"/\1/p' src/feit.h)
"$FEIT" --version >"$T/v" 2>"$T/e"; rc=$?
status version-exit-0 "$rc" 0
ok "version-first-line (feit $version)" test "$(head -1 "$T/v")" = "feit $version"
ok version-code-mit grep -qx 'code: MIT (LICENSE)' "$T/v"
# the rows of "## Credits to keep": | credit | licence | used for |
sed -n '/^## Credits to keep/,/^## /p' COPYING.data.md | grep '^| [^-c]' | while IFS='|' read -r _ credit licence _; do
    credit=$(echo "$credit" | sed 's/^ *//; s/ *$//'); licence=$(echo "$licence" | sed 's/^ *//; s/ *$//')
    word=${credit%% *}; word=${word%,}
    if grep '^data: ' "$T/v" | grep -F -- "$word" | grep -qF -- ": $licence"; then
        pass "version-names ($word: $licence)"
    else
        fail "version-names" "no 'data:' line with '$word' and ': $licence' in: $(tr '\n' '|' <"$T/v")"
    fi
done
n=$(sed -n '/^## Credits to keep/,/^## /p' COPYING.data.md | grep -c '^| [^-c]')
ok "version-one-line-per-credit ($n)" test "$(grep -c '^data: ' "$T/v")" -eq "$n"
