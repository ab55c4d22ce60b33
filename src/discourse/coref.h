/*
 * coref.h — descriptions and pronouns that stand for an entity named before them: "het land",
 * "de club", "de Britse bank", "de Amerikaanse president", "de trainer", "hij", "zij". Each
 * resolved one becomes a mention (source "coref", form "description" or "pronoun") with the
 * antecedent's canonical name, id and type, and `antecedent`: the byte offset where that
 * entity is named. Relation rules then see it like any mention.
 *
 * What may be the antecedent: an earlier mention in the same sentence or up to
 * COREF_WINDOW sentences before, of the type the head noun names (models/nl/descriptions.txt)
 * and, for organisations, of a kind it fits (gazetteer attribute kind=: a club for "de club");
 * for a role noun (models/roles.tsv: "de premier", "de oefenmeester") a person known in that
 * role (the gazetteer, or a role word before their name in the document); an adjective in
 * the description ("de Britse bank") must be the antecedent's country. Among those: the
 * nearest sentence first, then the subject (the first mention of its sentence), then the
 * nearest. A pronoun asks for a person of its gender (models/nl/pronouns.txt): "hij" never
 * stands for a known woman, "zij"/"ze" never for a known man, where a person's gender is that of
 * the first name of their canonical name (gender.h; "Anna de Boer": f; past a title: "Koning
 * Charles": m); a person whose first name is unknown or unisex fits either. A pronoun the
 * language lists as also plural ("ze", "zij") is a group, and not resolved, when its verb is
 * plural (models/nl/function-words.txt: "ze hebben", "willen zij", "dat ze ... willen") or an
 * earlier one of its sentence was; after a comma, "zij het" is no pronoun. A pronoun inside a
 * quotation is not its speaker ('"...", zegt X', 'X: "..."'). Earlier anaphors are antecedents
 * too (a chain of "ze"), and a pronoun before the first name of its sentence is its subject.
 * An organisation glued to a role noun ("de PVV-leider", "de Ajax-trainer") asks for a person
 * tied to it (gazetteer role_of, or the text: "PVV-leider X", "VVD'er X", "X (PVV)", or the
 * role in a sentence naming it), the one in that role first, ORG_WINDOW sentences back. A
 * description followed by "van"/"bij" and a name names its own referent ("de premier van
 * België"); without a name after it, it is still a description.
 * A person is described by a noun of descriptions.txt typed person ("de acteur", "de spits":
 * with `norole` never someone in a role; with m/f of that gender), by an age ("de 32-jarige
 * spits", "de 32-jarige" before a verb or punctuation), "oud-"/"ex-" before such a noun, or by
 * one inhabitant of a country ("de Deen"; "de Denen", whose plural form this is, no) of a
 * person of that country or whose country is not known; such a description resolves only when
 * no other person that fits is named in the antecedent's sentence, unless the antecedent is its
 * subject, and not before a clause ("de enige spits die scoorde"). A description set beside a
 * mention ("X, de trainer,") stands for it or for nothing; "uit X" after it asks for an entity
 * of X's country (a person's may be unknown), one whose name holds X's name first. "ze" as an
 * object (after a preposition, after a subject of its clause, or after a name opening the
 * clause and one verb: function-words.txt `preposition`, `subject`) and a pronoun after an
 * `indefinite` of its sentence ("iemand ... hij") are not resolved. Where nothing is compatible,
 * or two entities are equally good, nothing is emitted. Each anaphor looks only at the
 * mentions of its window, found by binary search.
 */
#ifndef FEIT_COREF_H
#define FEIT_COREF_H

#include "core/doc.h"
#include "discourse/discourse.h"
#include "discourse/gender.h"
#include "entities/gazetteer.h"

#define COREF_WINDOW 3

/* Resolves the descriptions and pronouns of d (after mentions_finish: mentions sorted), adds
 * their mentions and sorts again. genders (borrowed; NULL: no gender known) gives people's
 * gender by first name. dt: the tokens of d that the lexicon listed (borrowed; the pronouns,
 * the words a description may end in, quote marks and paragraph starts: with the articles
 * just before those words, the only tokens this stage walks) and the
 * worker's table of the genders of gazetteer people, which this stage fills and asks first
 * (discourse.h; one worker's dt is for one g, genders and language). Returns 0 or FEIT_ENOMEM. */
int coref_doc(const feit_gazetteer *g, const discourse_hook *hook, const gender_names *genders, discourse_tokens *dt,
              feit_doc *d);

#endif
