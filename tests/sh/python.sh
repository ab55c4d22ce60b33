# The Python binding (python/feit) over this build's libfeit.so: its unittest tests
# (python/tests, one PASS/FAIL line each), and `pip install --no-build-isolation` of python/
# offline (no index), imported from where pip put it.
. tests/patho/lib.sh
: "${BUILD:=build}"
version=$(sed -n 's/^#define FEIT_VERSION "\(.*\)"/\1/p' src/feit.h)
so="$BUILD/libfeit.so.${version%%.*}"
if [ ! -f "$so" ]; then
    echo "python: $so not built here (BUILD=$BUILD); nothing to check" >&2
    exit 0
fi
FEIT_LIBRARY=$(pwd)/$so PYTHONPATH=$(pwd)/python python3 -B python/tests/run.py 2>"$T/unittest.err"
rc=$?
[ "$rc" -eq 0 ] || { fail python-unittest "exit $rc: $(tail -5 "$T/unittest.err" | tr '\n' ' ')"; }

# pip, offline, with the setuptools and wheel already here (Debian python3-setuptools,
# python3-wheel); in a copy of the tree's python/ (pip builds in place) with the header it
# reads the version from
pip_py=""
for py in python3 /usr/bin/python3; do
    if "$py" -W ignore -c "import setuptools, wheel, pip" 2>/dev/null; then pip_py=$py; break; fi
done
if [ -z "$pip_py" ]; then
    fail pip-interpreter "no python3 here has pip, setuptools and wheel (Debian: python3-pip python3-setuptools python3-wheel)"
    exit 0
fi
mkdir -p "$T/tree/src"
cp -r python "$T/tree/python" && cp src/feit.h "$T/tree/src/"
rm -rf "$T/tree/python/build" "$T/tree/python"/*.egg-info
PIP_NO_INDEX=1 PIP_DISABLE_PIP_VERSION_CHECK=1 "$pip_py" -m pip install -q --no-build-isolation --target "$T/site" "$T/tree/python" >"$T/pip.log" 2>&1; rc=$?
if [ "$rc" -eq 0 ]; then pass "pip-install-offline ($pip_py)"; else fail pip-install-offline "exit $rc: $(grep -v WARNING "$T/pip.log" | tail -3 | tr '\n' ' ')"; fi
ok pip-installed-metadata-version test -d "$T/site/feit-$version.dist-info"
(cd / && FEIT_LIBRARY=$OLDPWD/$so PYTHONPATH="$T/site" "$pip_py" -c "import feit, sys; print(feit.__file__); print(feit.extract('Rusland en Iran gaan nauwer samenwerken.')['triples'][0]['predicate'])") >"$T/pip.out" 2>&1
ok pip-installed-package-imported test "$(sed -n 1p "$T/pip.out")" = "$T/site/feit/__init__.py"
ok pip-installed-package-extracts test "$(sed -n 2p "$T/pip.out")" = samenwerking
