# A title written into a listed person's name ("koning Filip" in the list) is not part of the
# mention: the mention is "Filip" at its own offsets, its canonical name the list's. A title
# that is no part of a listed name (premier) was never inside one; a listed name without a
# title keeps its whole span.
out=$(printf 'De Belgische koning Filip opende een brug. Premier Dick Schoof keek toe.\n' |
    "$FEIT" extract --gazetteers tests/rules/gaz --emit entities - 2>&1 |
    python3 -c 'import json,sys; print("; ".join("%s@%d-%d=%s" % (e["text"], e["start"], e["end"], e.get("canonical")) for l in sys.stdin for e in [json.loads(l)] if e["type"] == "person"))' 2>&1)
want="Filip@20-25=Koning Filip; Dick Schoof@51-62=Dick Schoof"
if [ "$out" = "$want" ]; then echo "PASS entities-titles: $out"; else echo "FAIL entities-titles: got '$out', want '$want'"; fi
