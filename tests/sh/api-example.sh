# The usage example at the top of src/feit.h, compiled and run exactly as written (wrapped in a
# main with one text): what an embedder copies from the header must build and find the triple.
. tests/patho/lib.sh
: "${BUILD:=build}"
PKGS="jansson libutf8proc zlib sqlite3 libmicrohttpd gumbo uchardet libmagic"
sed -n '/Typical use/,/A context is immutable/p' src/feit.h | sed '1d;$d' | sed 's/^ \*     //' >"$T/body.c"
ok example-found test -s "$T/body.c"
{
    printf '#include "feit.h"\n#include <stdio.h>\n#include <string.h>\nint main(void)\n{\n'
    printf '    const char *text = "Rusland en Iran gaan nauwer samenwerken, ook bij defensie.";\n'
    cat "$T/body.c"
    printf '    return 0;\n}\n'
} >"$T/example.c"
flags="-std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Isrc"
if nm "$BUILD/libfeit.a" 2>/dev/null | grep -q __asan_; then
    flags="$flags -fsanitize=address,undefined -fno-omit-frame-pointer"
fi
if cc $flags -o "$T/example" "$T/example.c" "$BUILD/libfeit.a" $(pkg-config --libs $PKGS) -lstemmer -lpthread -lm 2>"$T/cc.err"; then
    pass example-compiles
else
    fail example-compiles "$(head -c 600 "$T/cc.err")"
fi
FEIT_DATA=models "$T/example" >"$T/out" 2>"$T/err"; rc=$?
ok example-runs test "$rc" -eq 0
ok example-prints-the-triple grep -qx "Rusland samenwerking Iran" "$T/out"
ok example-writes-json-lines grep -q '"predicate":"samenwerking"' "$T/out"
