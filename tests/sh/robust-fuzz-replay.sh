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
for h in pipeline reader loaders html; do
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
