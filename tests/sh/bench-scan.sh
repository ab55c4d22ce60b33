#!/bin/sh
# tests/bench/scan.c, the bare hash-lookup scan make bench measures feit against (issue 17):
# it must count what it is said to count, or its floor means nothing. Compiled here as the
# bench's Makefile rule does.
. tests/patho/lib.sh
cc -O2 -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -o "$T/scan" tests/bench/scan.c 2>"$T/cc.err"
ok scan-compiles test -x "$T/scan"
mkdir "$T/gaz"
printf '# a comment line\tcity\nAa en Hunze\tcity\tcountry=NL\nNAVO\torganisation\talias=NATO|Noord-Atlantische Verdragsorganisatie\tkind=x\n' >"$T/gaz/a.tsv"
printf 'Rusland\tcountry\tadj=Russisch|Russische\tinh=Rus|Russen\n' >"$T/gaz/b.tsv"
printf 'not a list\tcity\n' >"$T/gaz/c.txt"
# words: De NAVO top in hunze AA Nato Russen ÄRTE not (the last line has no newline);
# in the lists (ASCII folded, UTF-8 bytes as they are, *.tsv only): navo hunze aa nato russen
printf 'De NAVO-top in hunze, AA.\nNato: Russen! \303\204RTE not' >"$T/text"
"$T/scan" "$T/gaz" "$T/text" >"$T/out" 2>"$T/err"
ok scan-runs test $? -eq 0
ok scan-counts-words-and-hits grep -q '^words 10, in the lists 5, scanned in [0-9.]* s$' "$T/out"
ok scan-comment-line-is-no-name sh -c "printf 'comment a' >'$T/t2'; '$T/scan' '$T/gaz' '$T/t2' | grep -q 'in the lists 0,'"
"$T/scan" "$T/gaz" "$T/missing" >/dev/null 2>"$T/err"
ok scan-missing-file-fails test $? -eq 1
ok scan-names-the-file grep -q "missing" "$T/err"
mkdir "$T/none"
"$T/scan" "$T/none" "$T/text" >/dev/null 2>"$T/err"
ok scan-no-lists-fails test $? -eq 1
