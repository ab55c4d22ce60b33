# libfeit.so exports exactly what the public headers declare: the list the compiler reads from
# src/feit.h, src/feit_export.h and src/feit_index.h (gcc -aux-info) against the dynamic symbols
# of the shared library (nm -D). Internal helpers named feit_* (feit_error_set, ...) must stay
# inside; the soname is libfeit.so.MAJOR of FEIT_VERSION.
. tests/patho/lib.sh
: "${BUILD:=build}"
version=$(sed -n 's/^#define FEIT_VERSION "\(.*\)"/\1/p' src/feit.h)
major=${version%%.*}
so="$BUILD/libfeit.so.$version"
if [ ! -f "$so" ]; then
    echo "shared-lib: $so not built here (BUILD=$BUILD); nothing to check" >&2
    exit 0
fi

# what the public headers declare, as the compiler sees it
printf '#include "feit.h"\n#include "feit_export.h"\n#include "feit_index.h"\n' >"$T/all.c"
if cc -std=c11 -D_GNU_SOURCE -Isrc $(pkg-config --cflags jansson) -aux-info "$T/aux" -c "$T/all.c" -o "$T/all.o" 2>"$T/cc.err"; then
    pass headers-compile
else
    fail headers-compile "$(head -c 400 "$T/cc.err")"
fi
# a line: /* src/feit.h:49:NC */ extern const char *feit_version (void);  -> the first "name ("
python3 -c '
import re, sys
for line in open(sys.argv[1]):
    m = re.match(r"/\* src/feit(_export|_index)?\.h:\d+:\w+ \*/ (.*)", line)
    if m:
        print(re.search(r"([A-Za-z_]\w*) \(", m.group(2)).group(1))
' "$T/aux" | sort -u >"$T/declared"
n=$(wc -l <"$T/declared")
ok "public-declarations-found ($n)" test "$n" -ge 40
bad=$(grep -v '^feit_' "$T/declared" | tr '\n' ' ')
ok "public-names-all-feit_ ${bad:+($bad)}" test -z "$bad"

nm -D --defined-only "$so" | awk '$2 ~ /^[TDBRVWi]$/ { print $3 }' | sort -u >"$T/exported"
missing=$(comm -23 "$T/declared" "$T/exported" | tr '\n' ' ')
extra=$(comm -13 "$T/declared" "$T/exported" | tr '\n' ' ')
if [ -z "$missing" ]; then pass every-public-function-exported; else fail every-public-function-exported "declared but not exported: $missing"; fi
if [ -z "$extra" ]; then pass nothing-else-exported; else fail nothing-else-exported "exported but not in a public header: $extra"; fi

# the internal feit_* helpers exist (in the static library) and are not exported
nm -g --defined-only "$BUILD/libfeit.a" 2>/dev/null | awk '$2 ~ /^[TDBR]$/ && $3 ~ /^feit_/ { print $3 }' | sort -u >"$T/all-feit"
comm -23 "$T/all-feit" "$T/declared" >"$T/internal"
ok "internal-feit-helpers-present ($(wc -l <"$T/internal"), e.g. $(head -3 "$T/internal" | tr '\n' ' '))" grep -qx feit_error_set "$T/internal"
leak=$(comm -12 "$T/internal" "$T/exported" | tr '\n' ' ')
ok "internal-helpers-hidden ${leak:+($leak)}" test -z "$leak"

soname=$(objdump -p "$so" | awk '$1 == "SONAME" { print $2 }')
ok "soname-is-libfeit.so.$major ($soname)" test "$soname" = "libfeit.so.$major"
ok so-link-chain test "$(readlink "$BUILD/libfeit.so")" = "libfeit.so.$major" -a "$(readlink "$BUILD/libfeit.so.$major")" = "libfeit.so.$version"
# linked with what it needs (built with --no-undefined): a program needs only -lfeit
needed=$(objdump -p "$so" | awk '$1 == "NEEDED" { print $2 }' | tr '\n' ' ')
case "$needed" in *libjansson*libstemmer* | *libstemmer*libjansson*) pass "needs-its-libraries ($needed)" ;; *) fail needs-its-libraries "NEEDED: $needed" ;; esac
