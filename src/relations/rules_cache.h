/*
 * rules_cache.h — a rule set parsed once and kept compiled in a cache, so that start-up does
 * not parse models/relations.rules (some 2,750 lines, word sets stemmed one by one: 60% of
 * start-up) on every run.
 *
 * The cache file sits in the directory of the gazetteer cache (gazcache_dir: $XDG_CACHE_HOME/feit,
 * else ~/.cache/feit), named `rules-<which file>-<key>.bin`: <which file> is a hash of the rule
 * file's real path, <key> one of its content, the stemmer's name, the cache format, the build of
 * feit (its file's size and time) and the libraries that fold and stem words. Inside: the files
 * the rule file names (predicates.tsv, roles.tsv) with a hash of their content, checked on every
 * run; the flat image of the feit_rules (rules.h: arrays indexed by int, strings as offsets
 * into one pool) and a checksum of all of it. A file that is missing, short, damaged, from
 * another build, or whose named files changed is not used: the rules are parsed from text and
 * the file written again (to a temporary name, renamed into place; files of older keys of the
 * same rule file removed). A cache directory that cannot be made or written is no error, only
 * slower. `feit lint` always parses (rules_load).
 */
#ifndef FEIT_RULES_CACHE_H
#define FEIT_RULES_CACHE_H

#include "relations/rules.h"

/* What rules_cache_load did (for tests; may be NULL). */
typedef enum { RULES_CACHE_NONE, RULES_CACHE_HIT, RULES_CACHE_BUILT } rules_cache_status;

/* As rules_load(path, stemmer, err) — the same rules, the same errors — but read from the cache
 * in cache_dir (as gazcache_dir resolves it: NULL the default, "" none) when it holds this rule
 * set, and written into it when not. The result is owned (rules_free). */
feit_rules *rules_cache_load(const char *path, const char *stemmer, const char *cache_dir, rules_cache_status *status,
                             feit_error *err);

#endif
