# Replays the fuzz harnesses (tests/fuzz/fuzz_*.c) on their seed corpus and on every saved
# crash input (tests/fuzz/regressions/<harness>/), with the ordinary compiler and
# tests/fuzz/replay.c as main(), linked to $BUILD/libfeit.a (sanitized under make check-asan).
# One PASS/FAIL line per input.
. tests/patho/lib.sh
: "${BUILD:=build}"
PKGS="jansson libutf8proc zlib sqlite3 libmicrohttpd gumbo uchardet libmagic"
CC=${CC:-cc}
flags="-std=c11 -D_GNU_SOURCE -g -O1 -Isrc"
# a sanitized library needs a sanitized driver
if nm "$BUILD/libfeit.a" 2>/dev/null | grep -q __asan_; then
    flags="$flags -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
fi
harnesses="pipeline reader loaders html model"
# every harness has its corpus and its regressions folder in git (a folder git does not keep
# made `make fuzz` fail on a fresh clone), and make fuzz runs them all by default
if git rev-parse --git-dir >/dev/null 2>&1; then
    for h in $harnesses; do
        if [ -n "$(git ls-files "tests/fuzz/regressions/$h")" ]; then pass "regressions-folder-$h"; else fail "regressions-folder-$h" "tests/fuzz/regressions/$h holds no file git keeps"; fi
        if [ -n "$(git ls-files "tests/fuzz/corpus/$h")" ]; then pass "corpus-folder-$h"; else fail "corpus-folder-$h" "tests/fuzz/corpus/$h holds no file git keeps"; fi
    done
fi
case "$(sed -n 's/^targets=\${FUZZ_TARGETS:-"\(.*\)"}$/\1/p' scripts/fuzz)" in
"$harnesses") pass fuzz-default-targets ;;
*) fail fuzz-default-targets "scripts/fuzz does not run: $harnesses" ;;
esac
for h in $harnesses; do
    bin="$T/replay-$h"
    if ! $CC $flags $(pkg-config --cflags $PKGS) -o "$bin" tests/fuzz/replay.c tests/fuzz/fuzz_$h.c \
        "$BUILD/libfeit.a" $(pkg-config --libs $PKGS) -lstemmer -lpthread -lm 2>"$T/cc.err"; then
        fail "build-replay-$h" "$(head -c 500 "$T/cc.err")"
        continue
    fi
    pass "build-replay-$h"
    for f in tests/fuzz/corpus/$h/* tests/fuzz/regressions/$h/*; do
        [ -f "$f" ] || continue
        if FEIT_FUZZ_ROOT=. "$bin" "$f" >"$T/out" 2>"$T/err"; then
            pass "replay-$h-$(basename "$f")"
        else
            fail "replay-$h-$(basename "$f")" "$(grep -E 'fuzz check|ERROR|runtime error' "$T/err" | head -n 2 | tr '\n' ' ')"
        fi
    done
done
