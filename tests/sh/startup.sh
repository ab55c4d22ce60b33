# What every start of feit loads: not libmicrohttpd and the TLS libraries it pulls in (gnutls
# and eight more; a third of start-up), which `feit serve` loads when it starts (src/cli/mhd.c;
# tests/sh/serve-*.sh run the server).
check() { [ "$1" = 0 ] && echo "PASS startup: $2" || echo "FAIL startup: $2"; }
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
ldd "$FEIT" >"$T/ldd" 2>&1; check $? "ldd reads bin/feit"
grep -q libjansson "$T/ldd"; check $? "bin/feit links the libraries the library calls (libjansson)"
! grep -q -e libmicrohttpd -e libgnutls "$T/ldd"; check $? "bin/feit does not load libmicrohttpd or libgnutls at start"
# SQLite, gumbo, uchardet (and the C++ runtime under it) and libmagic are linked into bin/feit
# (the Makefile's STATIC_LIBS): the loader maps and binds none of them at a start
! grep -q -e libsqlite3 -e libgumbo -e libuchardet -e libmagic -e liblzma "$T/ldd"; check $? "bin/feit carries its own SQLite, gumbo, uchardet and libmagic"
# serve loads it: --help needs nothing, a missing index is reported after the library loaded
"$FEIT" serve -d "$T/none.db" --port 0 >"$T/out" 2>&1; rc=$?
[ "$rc" = 2 ] && ! grep -q "cannot load libmicrohttpd" "$T/out"; check $? "feit serve loads libmicrohttpd (a missing index is the error, status 2)"
