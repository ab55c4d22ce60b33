# The discourse stages on sentences written for these tests, with a fixture gazetteer
# (tests/discourse/gaz): known people by surname (src/discourse/people.c) and descriptions and
# pronouns (src/discourse/coref.c), each with cases where nothing may be resolved.
# Each case: a text, then the expected "mention text -> canonical name (form)" lines of the
# mentions the discourse stages made, or "-" for none.
. tests/patho/lib.sh
check() { # name, text, expected lines (| separated)
    printf '%s\n' "$2" | "$FEIT" extract --gazetteers tests/discourse/gaz --emit entities - 2>"$T/err" |
        python3 -c '
import json, sys
for l in sys.stdin:
    e = json.loads(l)
    if e["form"] in ("partial", "description", "pronoun"):
        print("%s -> %s (%s)" % (e["text"], e["canonical"], e["form"]))' >"$T/got"
    printf '%s\n' "$3" | tr '|' '\n' | sed 's/^ *//; s/ *$//' | grep -v '^-$' >"$T/want"
    if cmp -s "$T/got" "$T/want"; then pass "$1"; else fail "$1" "want [$(tr '\n' ';' <"$T/want")] got [$(tr '\n' ';' <"$T/got")]"; fi
}
# --- surnames
check surname-role-decides 'Premier Dekkers opende de vergadering.' 'Dekkers -> Karel Dekkers (partial)'
check surname-prominent-namesake 'Later sprak Dekkers met de pers.' 'Dekkers -> Karel Dekkers (partial)'
check surname-party-decides 'De Groene Unie groeit. Volgens Van Loon is dat goed.' 'Van Loon -> Pieter van Loon (partial)'
check surname-role-picks-other 'Bondscoach Van Loon koos haar selectie.' 'Van Loon -> Anna van Loon (partial)'
check surname-club-decides 'FC Polder won. Trainer Stam was tevreden.' 'Stam -> Joris Stam (partial)'
check surname-two-trainers-no-club 'Trainer Stam was tevreden.' '-'
check surname-full-name-first 'Sanne Dekkers opende een winkel. Dekkers is blij.' 'Dekkers -> Sanne Dekkers (partial)'
check surname-first-name-no 'Daarna kwam Karel binnen.' '-'
# a town named like a listed person's surname is the person only after a role or title, or
# when the document named the person in full before
check surname-town-alone 'De fabriek staat in Claes bij Hasselt.' '-'
check surname-town-role 'Premier Claes sprak.' 'Claes -> Élisabeth Claes (partial)'
check surname-town-full-name-first 'Élisabeth Claes sprak. Later zweeg Claes.' 'Claes -> Élisabeth Claes (partial)'
# the surname of an alias (a transliteration, a shorter married name) and a double surname
check surname-of-alias 'Daarna sprak Kustenko met de pers.' 'Kustenko -> Marta Koestenko (partial)'
check surname-double 'Daarna sprak Roodhart-Veldkamp met de pers.' 'Roodhart-Veldkamp -> Ilse Roodhart-Veldkamp (partial)'
check surname-double-first-part 'Daarna sprak Roodhart met de pers.' 'Roodhart -> Ilse Roodhart-Veldkamp (partial)'
# (a free capitalised word with no key, genitive or particle is passed first: a short surname
# with hits and a particle before a name are not)
check surname-short 'Later sprak Vos met de pers.' 'Vos -> Mila Vos (partial)'
check surname-particle-short 'Later sprak De Wit met de pers.' 'De Wit -> Lotte de Wit (partial)'
check surname-genitive 'Het plan van Dekkers is klaar. Dekkers plan werkt.' 'Dekkers -> Karel Dekkers (partial)|Dekkers -> Karel Dekkers (partial)'
# (a word with no hits of its own is looked at as a genitive only when its record says it is
# the genitive of a key: gaz_word.opens)
check surname-genitive-s 'Later werd Kustenkos plan besproken.' 'Kustenkos -> Marta Koestenko (partial)'
check surname-genitive-apostrophe "Daarna werd Vos's plan besproken." "Vos's -> Mila Vos (partial)"
# the capitalised words the stage walks (and firstname after it): the last word of a text,
# after a quote, after a dateline, two names in a row
check surname-text-end 'Later sprak de pers met Dekkers' 'Dekkers -> Karel Dekkers (partial)'
check surname-after-quote '"Dekkers komt niet", zei de woordvoerder.' 'Dekkers -> Karel Dekkers (partial)'
check surname-after-dateline 'DEN HAAG (ANP) - Dekkers komt niet.' 'Dekkers -> Karel Dekkers (partial)'
check surname-two-in-a-row 'De Groene Unie groeit. Volgens Van Loon en Dekkers is dat goed.' 'Van Loon -> Pieter van Loon (partial)|Dekkers -> Karel Dekkers (partial)'
# --- descriptions
check desc-land 'Frankrijk stemde tegen. Het land wil meer tijd.' 'Het land -> Frankrijk (description)'
check desc-club 'FC Polder verloor zondag. De club zoekt een nieuwe spits.' 'De club -> FC Polder (description)'
check desc-ploeg 'SC Dijk won met 3-0. De ploeg staat nu bovenaan.' 'De ploeg -> SC Dijk (description)'
check desc-party-not-club 'FC Polder won. De Rode Partij verloor zetels. De partij is teleurgesteld.' 'De partij -> Rode Partij (description)'
check desc-bank 'De Polderbank maakte winst. De bank verhoogt het dividend.' 'De bank -> Polderbank (description)'
check desc-bank-adjective 'De Polderbank en de Londen Bank praten. De Britse bank wil fuseren.' 'De Britse bank -> Londen Bank (description)'
# (an article before plain words, with up to two adjectives, is passed by the walk: an
# adjective before the head, two of them, and a third word that is the head)
check desc-club-adjective 'FC Polder verloor zondag. De sterke club zoekt een nieuwe spits.' 'De sterke club -> FC Polder (description)'
check desc-club-two-adjectives 'FC Polder verloor zondag. De grote sterke club zoekt een spits.' 'De grote sterke club -> FC Polder (description)'
check desc-adjectives-plain 'FC Polder verloor zondag. De grote sterke ploegen zoeken een spits.' '-'
check desc-bedrijf 'Dijkgroep opende een fabriek. Het bedrijf zoekt personeel.' 'Het bedrijf -> Dijkgroep (description)'
check desc-role-premier 'Premier Erik van den Berg kwam aan. De premier sprak kort.' 'De premier -> Erik van den Berg (description)'
check desc-role-trainer 'Joris Stam tekende bij FC Polder. De trainer blijft tot 2027.' 'De trainer -> Joris Stam (description)'
check desc-nothing-compatible 'Frankrijk stemde tegen. De club is boos.' '-'
check desc-same-sentence-not 'FC Polder versloeg de ploeg uit Dijk.' '-'
check desc-apposition-not 'De club FC Polder won opnieuw.' '-'
check desc-role-of-not 'Karel Dekkers sprak. De premier van België zweeg.' '-'
check desc-bank-is-no-club 'De Polderbank maakte winst. De club groeit.' '-'
# --- pronouns
check pron-hij 'Karel Dekkers kwam dinsdag aan. Hij sprak met de pers.' 'Hij -> Karel Dekkers (pronoun)'
check pron-subject-first 'Joris Stam belde met Karel Dekkers. Hij was tevreden.' 'Hij -> Joris Stam (pronoun)'
check pron-same-sentence 'Lotte de Wit zei dat ze moe was.' 'ze -> Lotte de Wit (pronoun)'
check pron-nothing-before 'Hij sprak met de pers.' '-'
check pron-no-person 'Frankrijk stemde tegen. Hij is boos.' '-'
# --- descriptions: "van" + a name says whose (issue 12)
check desc-van-nothing-named 'FC Polder verloor zondag. De club van de eeuw zoekt een spits.' 'De club -> FC Polder (description)'
check desc-van-country-named 'FC Polder verloor zondag. De club van Frankrijk won.' '-'
# --- descriptions: an organisation glued to a role noun ("de PVV-leider")
check desc-org-role-gazetteer 'Mila Vos en Karel Dekkers debatteerden. De PvdK-leider won.' 'De PvdK-leider -> Mila Vos (description)'
check desc-org-role-in-text 'Bram Stam is trainer bij Polderboys. De Polderboys-trainer was blij.' 'De Polderboys-trainer -> Bram Stam (description)'
check desc-org-role-far 'Mila Vos sprak. Het regende. Het waaide. Het sneeuwde. Het vroor. De PvdK-leider zweeg.' 'De PvdK-leider -> Mila Vos (description)'
check desc-org-role-nobody-tied 'Karel Dekkers sprak. De PvdK-leider zweeg.' '-'
check desc-org-role-apposition 'Karel Dekkers sprak. De PvdK-leider Mila Vos zweeg.' '-'
# --- pronouns: number ("ze hebben" is a group), window, chains
check pron-plural-verb-after 'Lotte de Wit en Sanne Dekkers kwamen aan. Ze hebben een plan.' '-'
check pron-plural-inversion 'Lotte de Wit sprak met de pers. Daarna willen zij naar huis.' '-'
check pron-plural-subordinate 'Lotte de Wit las de brief. Ze zegt dat ze niet willen stoppen.' 'Ze -> Lotte de Wit (pronoun)'
check pron-singular-subordinate 'Lotte de Wit las de brief. Ze zegt dat ze niet wil stoppen.' 'Ze -> Lotte de Wit (pronoun)|ze -> Lotte de Wit (pronoun)'
check pron-plural-same-sentence 'Lotte de Wit zwaaide. Ze hebben honger, dus eten ze snel.' '-'
check pron-singular-verb 'Lotte de Wit kwam aan. Ze heeft een plan.' 'Ze -> Lotte de Wit (pronoun)'
check pron-zij-het 'Lotte de Wit won, zij het nipt.' '-'
check pron-zij-het-no-comma 'Lotte de Wit zei dat zij het wist.' 'zij -> Lotte de Wit (pronoun)'
check pron-window-ends 'Lotte de Wit kwam aan. Het regende. Het waaide. Het sneeuwde. Ze was moe.' '-'
check pron-chain 'Lotte de Wit kwam aan. Het regende. Het waaide. Ze was moe. Ze ging slapen.' 'Ze -> Lotte de Wit (pronoun)|Ze -> Lotte de Wit (pronoun)'
check pron-subject-pronoun 'Karel Dekkers bleef weg. Als hij niet komt, vraagt Joris Stam om hem te halen.' 'hij -> Karel Dekkers (pronoun)|hem -> Karel Dekkers (pronoun)'
# --- pronouns in quotations: not the speaker
check pron-quote-not-speaker 'Lotte de Wit kwam niet. "Het gaat slecht", zegt Sanne Dekkers. "Ze is ziek."' 'Ze -> Lotte de Wit (pronoun)'
check pron-quote-colon-speaker 'Lotte de Wit kwam niet. Sanne Dekkers zei: "Ze is ziek."' 'Ze -> Lotte de Wit (pronoun)'
check pron-quote-only-speaker '"Het gaat slecht", zegt Sanne Dekkers. "Ze is ziek."' '-'
check pron-no-quote-speaker-ok 'Lotte de Wit kwam niet. Sanne Dekkers zei dat ze ziek is.' 'ze -> Sanne Dekkers (pronoun)'
# the stage walks only the tokens that may open an anaphor (and the quote marks): one at the
# text's start, at its end, a plural sentence before a singular one
check pron-text-start 'Ze zegt het zelf.' '-'
check pron-text-end 'Lotte de Wit kwam. Daarna sprak ze' 'ze -> Lotte de Wit (pronoun)'
check desc-text-end 'Frankrijk stemde tegen. Dat wil het land' 'het land -> Frankrijk (description)'
check pron-plural-then-singular 'Lotte de Wit kwam. Ze lachen. Ze is blij.' 'Ze -> Lotte de Wit (pronoun)'
# the quotation is followed along the walk: still open two sentences on, closed by its mark or
# by a paragraph (then the pronoun may be the speaker)
check pron-quote-still-open 'Lotte de Wit kwam niet. Sanne Dekkers zei: "Het gaat slecht. Ze is ziek.' 'Ze -> Lotte de Wit (pronoun)'
check pron-quote-closed 'Lotte de Wit kwam niet. Sanne Dekkers zei: "Het gaat slecht." Ze is ziek.' 'Ze -> Sanne Dekkers (pronoun)'
check pron-quote-para-ends 'Lotte de Wit kwam niet. Sanne Dekkers zei: "Het gaat slecht.

Ze is ziek.' 'Ze -> Sanne Dekkers (pronoun)'
# --- pronouns: gender past a title and without accents
check pron-title-gender-hij 'Prins Floris kwam aan. Hij sprak.' 'Hij -> Prins Floris (pronoun)'
check pron-title-gender-zij 'Prins Floris kwam aan. Zij sprak.' '-'
check pron-accent-gender 'Élisabeth Claes kwam aan. Hij sprak.' '-'
check pron-plural-past-dashes 'Lotte de Wit sprak. De kans is klein dat zij op de – geheime – lijst staan.' '-'
# --- a first name alone: the person named in full before (src/discourse/firstname.c)
check fn-alone 'Lotte de Wit kwam aan. Lotte was moe.' 'Lotte -> Lotte de Wit (partial)'
check fn-in-quote 'Joris Stam won de rit. "Joris was sterk", zei Sanne Dekkers.' 'Joris -> Joris Stam (partial)'
check fn-genitive 'Lotte de Wit sprak. Lotte'"'"'s plan werkt.' "Lotte's -> Lotte de Wit (partial)"
# (the stage passes a word by a filter of the first names' folds: the genitive with "’" too, and
# a first name it cannot fold so lets every word through)
check fn-genitive-curly 'Lotte de Wit sprak. Lotte’s plan werkt.' 'Lotte’s -> Lotte de Wit (partial)'
check fn-accent 'Élisabeth Claes sprak. Later zweeg Élisabeth.' 'Élisabeth -> Élisabeth Claes (partial)'
check fn-past-title 'Prins Floris kwam aan. Floris zwaaide.' 'Floris -> Prins Floris (partial)'
check fn-then-pronoun 'Lotte de Wit kwam aan. Het regende. Het waaide. Het sneeuwde. Lotte was moe. Ze sliep.' 'Lotte -> Lotte de Wit (partial)|Ze -> Lotte de Wit (pronoun)'
check fn-two-people 'Karel Dekkers en Karel Stam kwamen. Karel zweeg.' '-'
check fn-only-after 'Lotte kwam. Lotte de Wit sprak.' '-'
check fn-other-surname 'Lotte de Wit sprak. Lotte Jansen zweeg.' '-'
check fn-compound 'Lotte de Wit sprak. Het Lotte-effect werkt.' '-'
check fn-list 'Lotte de Wit sprak. Lotte, Anna, Bram en Jan kwamen.' '-'
check fn-no-person 'Frankrijk stemde tegen. Lotte was boos.' '-'
# (several people: each first name by its own length and first letter; "Lotta" is none of them)
check fn-several-people 'Bram Holm en Lotte de Wit kwamen aan. Lotte was moe. Bram sliep. Lotta lachte.' 'Lotte -> Lotte de Wit (partial)|Bram -> Bram Holm (partial)'
check fn-later-person 'Lotte de Wit kwam aan. Karel Dekkers ook. Karel was moe. Lotte sliep.' 'Karel -> Karel Dekkers (partial)|Lotte -> Lotte de Wit (partial)'
check fn-text-end 'Joris Stam won de rit. Daarna sprak Joris' 'Joris -> Joris Stam (partial)'
check fn-after-quote 'Joris Stam won de rit. "Joris was sterk."' 'Joris -> Joris Stam (partial)'
# --- descriptions of a person: age, position, trade, inhabitant, "de man uit X", apposition
check desc-age-position 'FC Polder haalde Jens Holm. De 24-jarige middenvelder komt over van SC Dijk.' 'De 24-jarige middenvelder -> Jens Holm (description)'
# (the article is asked because of a word at most three tokens after it: the age word here, the
# head six tokens on)
check desc-age-two-adjectives 'FC Polder haalde Jens Holm. De 24-jarige snelle sterke middenvelder tekende.' 'De 24-jarige snelle sterke middenvelder -> Jens Holm (description)'
check desc-age-alone 'FC Polder haalde Jens Holm. De 24-jarige komt over van SC Dijk.' 'De 24-jarige -> Jens Holm (description)'
check desc-oud-prefix 'FC Polder haalde Jens Holm. De oud-international tekende.' 'De oud-international -> Jens Holm (description)'
check desc-inhabitant 'FC Polder haalde Jens Holm. De Deen tekende.' 'De Deen -> Jens Holm (description)'
check desc-inhabitant-unknown-country 'FC Polder haalde Jan Zwart. De Belg tekende.' 'De Belg -> Jan Zwart (description)'
check desc-inhabitant-other-country 'FC Polder haalde Karel Dekkers. De Deen tekende.' '-'
check desc-inhabitant-group 'FC Polder haalde Jens Holm. De Denen waren blij.' '-'
check desc-person-two-fit 'FC Polder haalde Jens Holm en Jan Zwart. De 24-jarige middenvelder tekende.' '-'
check desc-position-not-trainer 'Trainer Joris Stam sprak. De spits was fit.' '-'
check desc-age-no-person 'Jens Holm sprak. De 40-jarige geschiedenis van de club telt.' '-'
check desc-man-uit 'Karel Dekkers sprak. De man uit Polderstad zweeg.' 'De man -> Karel Dekkers (description)'
check desc-man-uit-other-country 'Jens Holm sprak. De man uit Polderstad zweeg.' '-'
check desc-vrouw-not-man 'Joris Stam sprak. De vrouw zweeg.' '-'
check desc-apposition 'Jens Holm, de 24-jarige middenvelder, tekende.' 'de 24-jarige middenvelder -> Jens Holm (description)'
check desc-apposition-misfit 'Lotte de Wit sprak. Joris Stam, de vrouw, zweeg.' '-'
check desc-uit-town-named 'FC Polder verloor van SC Dijk. De club uit Dijk staat bovenaan.' 'De club -> SC Dijk (description)'
check desc-uit-other-country 'FC Polder won. De club uit Frankrijk verloor.' '-'
# --- pronouns: "ze" as an object is "them"; "iemand ... hij" is that one
check pron-object-after-het 'Lotte de Wit kwam aan. Ik hoop dat het ze goed gaat.' '-'
check pron-object-after-subject 'Lotte de Wit kwam aan. Hij heeft ze gezien.' '-'
check pron-object-preposition 'Lotte de Wit kwam aan. Hij sprak met ze.' '-'
check pron-object-name-verb 'Lotte de Wit kwam aan. Karel Dekkers belde ze op.' '-'
check pron-subject-inversion 'Lotte de Wit kwam aan. Gisteren heeft ze gegeten.' 'ze -> Lotte de Wit (pronoun)'
check pron-subject-after-article 'Lotte de Wit kwam aan. In het Polderhuis zei ze niets.' 'ze -> Lotte de Wit (pronoun)'
check pron-subject-clause 'Lotte de Wit kwam aan. Hij zegt dat ze komt.' 'ze -> Lotte de Wit (pronoun)'
check pron-indefinite 'Karel Dekkers sprak. Als iemand dat doet, moet hij stoppen.' '-'
check pron-indefinite-after 'Karel Dekkers sprak. Hij zei dat iemand loog.' 'Hij -> Karel Dekkers (pronoun)'
# (coref's walk notes the indefinites the lexicon lists: one capitalised, "iedereen", one in a
# quotation; one in the sentence before stands for no later pronoun)
check pron-indefinite-capitalised 'Karel Dekkers sprak. Iemand zei dat hij loog.' '-'
check pron-indefinite-iedereen 'Karel Dekkers sprak. Volgens iedereen moet hij stoppen.' '-'
check pron-indefinite-quoted 'Karel Dekkers sprak. "Als iemand dat doet", zei hij.' '-'
check pron-indefinite-sentence-before 'Karel Dekkers sprak. Iemand loog. Hij zweeg.' 'Hij -> Karel Dekkers (pronoun)'
check desc-person-relative-clause 'Jens Holm sprak. De enige spits die scoorde was Jan Zwart.' '-'
check pron-plural-ending-opening 'Lotte de Wit sprak. Ze lachen niet mee.' '-'
check pron-singular-ending-opening 'Lotte de Wit sprak. Ze lacht niet mee.' 'Ze -> Lotte de Wit (pronoun)'
check pron-plural-ending-not-opening 'Lotte de Wit sprak. Gisteren wist ze alleen dat.' 'ze -> Lotte de Wit (pronoun)'
check pron-singular-past-een 'Lotte de Wit sprak. Ze verdween daarna.' 'Ze -> Lotte de Wit (pronoun)'
check pron-subject-after-names-pp 'Lotte de Wit sprak. Dankzij Bram Stam en Joris Stam kon ze een plan maken.' 'ze -> Lotte de Wit (pronoun)'
check pron-elke-no-indefinite 'Lotte de Wit sprak. Elke stap die ze zet telt.' 'ze -> Lotte de Wit (pronoun)'
check pron-plural-ending-parenthesis 'Lotte de Wit sprak. Haar critici (ze schreeuwen hard) zwijgen.' '-'
# --- a possessive only before a successor noun ("zijn voorganger X"): the person named before
check pron-possessive-successor 'Karel Dekkers stopt. Zijn opvolger Joris Stam begint.' 'Zijn -> Karel Dekkers (pronoun)'
check pron-possessive-same-sentence 'Karel Dekkers stopt, zijn voorganger Joris Stam bleef langer.' 'zijn -> Karel Dekkers (pronoun)'
check pron-possessive-other-noun 'Karel Dekkers stopt. Zijn vriend Joris Stam begint.' '-'
check pron-possessive-gender 'Joris Stam stopt. Haar opvolgster Karel Dekkers begint.' '-'
# --- an object pronoun ("hem") is never a person named in its own clause; in another clause it may be
check pron-object-not-own-list 'Karel Dekkers won. Joris Stam, Bram Stam en Erik van den Berg gingen hem voor.' 'hem -> Karel Dekkers (pronoun)'
check pron-object-not-own-subject 'Karel Dekkers won. Joris Stam zag hem.' 'hem -> Karel Dekkers (pronoun)'
check pron-object-other-clause 'Karel Dekkers won. Toen Joris Stam binnenkwam, zag Erik van den Berg hem.' 'hem -> Joris Stam (pronoun)'
check pron-object-subordinate 'Joris Stam zei dat Erik van den Berg hem had gebeld.' 'hem -> Joris Stam (pronoun)'
check pron-object-nobody-else 'Joris Stam zag hem.' '-'
# --- a role description ("de premier") stands for the person who holds the role in the text, also
# through a pronoun that stands for that person ("Premier X ... Hij ... zijn ambtgenoot Y ... De premier")
check desc-role-through-pronoun 'Premier Sanne Dekkers is in Polderstad. Ze spreekt er met haar ambtgenoot Erik van den Berg. De premier opende daarna een school.' 'Ze -> Sanne Dekkers (pronoun)|De premier -> Sanne Dekkers (description)'
# --- after "maar", "want", "en" a clause opens: the verb right after "ze" says its number
check pron-plural-after-maar 'Karel Dekkers kwam. Joris Stam en twee vrienden mochten niet, maar ze waagden het erop.' '-'
check pron-singular-after-maar 'Lotte de Wit sprak, maar ze lacht niet mee.' 'ze -> Lotte de Wit (pronoun)'
# --- a long document: the stages walk the lists of its tokens people.c builds (discourse.h);
# names and pronouns far into the text, after a quote and as the last word of the text are
# still found
F=$(python3 -c "print('De kat zat op de mat en at een vis. ' * 40)")
check long-document-lists "Sanne Dekkers opende een winkel. $F Later sprak Dekkers met de pers. $F \"Ik ben blij\", zei Dekkers. $F Sanne Dekkers kwam binnen. Zij lachte. $F Toen sprak Dekkers" 'Dekkers -> Sanne Dekkers (partial)|Dekkers -> Sanne Dekkers (partial)|Zij -> Sanne Dekkers (pronoun)|Dekkers -> Sanne Dekkers (partial)'
# people.c lists the tokens in blocks of 256 (room for a block made first): a surname alone
# and a pronoun as the last token of a block (255), the first of the next, the one after
for k in 255 256 257; do
    J=$(python3 -c "print(' '.join(['ja'] * ($k - 3)))")
    check "block-edge-surname-$k" "Het begon. $J Dekkers lacht." 'Dekkers -> Karel Dekkers (partial)'
    J=$(python3 -c "print(' '.join(['ja'] * ($k - 6)))")
    check "block-edge-pronoun-$k" "Sanne Dekkers opende een winkel. $J Zij lacht." 'Zij -> Sanne Dekkers (pronoun)'
done
# coref's scratch is sized by what can be there: a gender per mention and per anaphor (one at
# most per listed opener), a name per person: a document where every opener is an anaphor
# (nothing else listed), and one of many people, each a pronoun (build-asan catches a bound
# that is short)
P=$(python3 -c "print(' '.join(['Hij lachte.'] * 40))")
W=$(python3 -c "print('|'.join(['Hij -> Karel Dekkers (pronoun)'] * 40))")
check dense-anaphors "Karel Dekkers kwam. $P" "$W"
P=$(python3 -c "print(' '.join(['Karel Dekkers kwam. Hij lachte. Sanne Dekkers kwam. Zij lachte. Joris Stam kwam. Hij zweeg.'] * 12))")
W=$(python3 -c "print('|'.join(['Hij -> Karel Dekkers (pronoun)|Zij -> Sanne Dekkers (pronoun)|Hij -> Joris Stam (pronoun)'] * 12))")
check many-people-pronouns "$P" "$W"
# a surname that is also a first name (Roos) is the person's only after a role: people asks
# for the role only of a word with candidates, and skips the first name without one
check surname-first-name-after-role 'Later sprak minister Roos met de pers.' 'Roos -> Eva Roos (partial)'
check surname-first-name-alone 'Later sprak Roos met de pers.' '-'
# the worker keeps what it found of a gazetteer person's first name (firstname.c, by entry) for
# its next documents: a document naming only the first name takes nothing from an earlier one,
# and a later one naming the person in full finds the first name as the first did
printf '%s\n' '{"id":"a","text":"Sanne Dekkers opende een winkel. Sanne was blij. Lotte de Wit kwam."}' \
    '{"id":"b","text":"Later lachte Sanne. Lotte zwaaide."}' \
    '{"id":"c","text":"Sanne Dekkers sprak. Daarna lachte Sanne. Lotte de Wit kwam aan. Lotte zwaaide."}' |
    "$FEIT" extract --threads 1 --gazetteers tests/discourse/gaz --emit entities - 2>"$T/err" |
    python3 -c '
import json, sys
for l in sys.stdin:
    e = json.loads(l)
    if e["form"] == "partial" and e["source"] == "coref":
        print("%s %s -> %s" % (e["doc"], e["text"], e["canonical"]))' >"$T/got"
printf '%s\n' 'a Sanne -> Sanne Dekkers' 'c Sanne -> Sanne Dekkers' 'c Lotte -> Lotte de Wit' >"$T/want"
if cmp -s "$T/got" "$T/want"; then pass fn-across-documents; else fail fn-across-documents "got [$(tr '\n' ';' <"$T/got")]"; fi
# the worker keeps whether an inhabitant noun of a country names one person (coref.c, by the
# word and the entry) for its next documents: "de Denen" after "de Deen" is still a group, and
# "de Deen" after it still one person
printf '%s\n' '{"id":"a","text":"FC Polder haalde Jens Holm. De Deen tekende."}' \
    '{"id":"b","text":"FC Polder haalde Jens Holm. De Denen waren blij."}' \
    '{"id":"c","text":"FC Polder haalde Jens Holm. De Deen tekende."}' |
    "$FEIT" extract --threads 1 --gazetteers tests/discourse/gaz --emit entities - 2>"$T/err" |
    python3 -c '
import json, sys
for l in sys.stdin:
    e = json.loads(l)
    if e["form"] == "description":
        print("%s %s -> %s" % (e["doc"], e["text"], e["canonical"]))' >"$T/got"
printf '%s\n' 'a De Deen -> Jens Holm' 'c De Deen -> Jens Holm' >"$T/want"
if cmp -s "$T/got" "$T/want"; then pass inhabitant-across-documents; else fail inhabitant-across-documents "got [$(tr '\n' ';' <"$T/got")]"; fi
