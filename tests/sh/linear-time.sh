# Issue 18: the time of a document grows linearly with its size. A document four times as
# long must finish within ten times the time of the short one (plus a second): linear work
# takes about four, quadratic work sixteen. No time is asserted for its own sake: the short
# document is the yardstick, measured on this machine just before, and a run that misses is
# tried once more (a busy machine can slow one run; a quadratic loop stays quadratic).
#   describe rules: "De Russische president zei iets." over and over. Each description looked
#   for its person among all mentions of the document (1.3 MB 5.2 s, 5.3 MB 70 s, 16 MiB some
#   12 minutes); now among those of its sentence window.
. tests/patho/lib.sh

now() { date +%s.%N; }

# linear NAME TEXT-PATTERN REPEATS: the short document (REPEATS) and the long one (4 x REPEATS)
linear() {
    name=$1
    python3 -c "import sys; open(sys.argv[1], 'w').write(sys.argv[3] * int(sys.argv[2]))" "$T/$name-1.txt" "$2" "$3"
    python3 -c "import sys; open(sys.argv[1], 'w').write(sys.argv[3] * int(sys.argv[2]) * 4)" "$T/$name-4.txt" "$2" "$3"
    for try in 1 2; do
        t0=$(now)
        "$FEIT" extract --threads 1 --emit documents "$T/$name-1.txt" >"$T/$name-1.out" 2>"$T/err" || { fail "$name" "short document: $(head -c 300 "$T/err")"; return; }
        t1=$(now)
        limit=$(python3 -c "print('%.1f' % (10 * ($t1 - $t0) + 1))")
        if timeout "$limit" "$FEIT" extract --threads 1 --emit documents "$T/$name-4.txt" >"$T/$name-4.out" 2>"$T/err"; then
            pass "$name-linear"
            # the long document says four times what the short one says
            n1=$(python3 -c "import json,sys; r=json.loads(open(sys.argv[1]).readline()); print(len(r['entities']), len(r['triples']), r['sentences'])" "$T/$name-1.out")
            n4=$(python3 -c "import json,sys; r=json.loads(open(sys.argv[1]).readline()); print(len(r['entities']), len(r['triples']), r['sentences'])" "$T/$name-4.out")
            ok "$name-same-work" python3 -c "import sys; a = sys.argv[1].split(); b = sys.argv[2].split(); sys.exit(not (int(b[0]) == 4 * int(a[0]) and int(b[2]) == 4 * int(a[2]) and int(a[2]) > 0))" "$n1" "$n4"
            return
        fi
    done
    fail "$name-linear" "4x the text took more than 10x the time of the short one (limit ${limit} s): a quadratic loop?"
}

linear describe 40000 "De Russische president zei iets. "
# the same with a person the description can stand for, within the window of each
linear describe-person 10000 "Vladimir Poetin sprak. De Russische president zei iets. Hij ging. Het regende. "
# DOC in a rule with no mention naming the country: each fact looked for the country among all
# the document's mentions (20k sentences 2.1 s, 80k 30 s); now among the countries it names
linear doc-country 20000 "Premier Dick Schoof sprak met Vladimir Poetin. "
