/*
 * gazcache.h — gazetteer lists read as text (`--gazetteers DIR`, and the user's lists added to
 * the bundled ones) compiled once into a cache and reused, so that a user's lists cost the
 * start-up of a compiled gazetteer, not a parse of every list on every run.
 *
 * The cache file is keyed by the content of the lists (every *.tsv and firstnames.txt of each
 * directory, in load order, with their names), the word list's size and time, the language
 * data's stamp, the compiled format's version and the build of feit that reads it: any edit of
 * a list gives a new key, so a stale file is never read. It is an ordinary compiled gazetteer
 * (gazbin.c: header, checksums, read lazily a checked chunk at a time) named
 * `gaz-<directories>-<key>.bin`, written to a temporary file and renamed into place (concurrent
 * runs each write a whole file; the last rename wins, and both are the same), after which the
 * files of older keys for the same directories are removed. A cache directory that cannot be
 * made or written is no error: the lists are then loaded from text, as without a cache.
 */
#ifndef FEIT_GAZCACHE_H
#define FEIT_GAZCACHE_H

#include "core/lang.h"
#include "entities/gazetteer.h"
#include "feit.h"

#include <stddef.h>
#include <sys/types.h>

/* What gazcache_load did (for tests and --stats; may be NULL). */
typedef enum { GAZCACHE_NONE, GAZCACHE_HIT, GAZCACHE_BUILT } gazcache_status;

/* The cache directory for cache_dir as feit_options gives it: cache_dir itself when set and
 * not empty; NULL → $XDG_CACHE_HOME/feit (an absolute XDG_CACHE_HOME only), else
 * $HOME/.cache/feit; "" → no cache. Writes it into buf; 0 when there is one, -1 when none. */
int gazcache_dir(const char *cache_dir, char *buf, size_t cap);

/* mkdir -p dir, private to the user (XDG: 0700); 0 when dir then exists as a directory, -1
 * when not. (The rules cache, relations/rules_cache.c, shares the directory.) */
int gazcache_mkdir(const char *dir);

/* The most the compiled caches of the directory (gaz-*.bin, rules-*.bin) may come to after a
 * new one is written: beyond it the least recently used others are removed. */
#define GAZCACHE_MAX_BYTES ((off_t)256 << 20)

/* Removes the files of dir named prefix*.bin other than keep: the caches of older keys of the
 * same lists ("gaz-<id>-*.bin") or rule file ("rules-<id>-*.bin"); then, while the caches of
 * the directory come to more than GAZCACHE_MAX_BYTES, the least recently used others. Called
 * after keep is written. */
void gazcache_remove_old(const char *dir, const char *prefix, const char *keep);

/* As gazetteer_load(dirs, ndirs, lang, words_file, err) — same index, same errors — but
 * opened from the cache in cache_dir (as gazcache_dir resolves it) when the lists are
 * unchanged, and compiled into it when not. *status (may be NULL) says which. The returned
 * gazetteer is owned (gazetteer_free). */
feit_gazetteer *gazcache_load(const char *const *dirs, size_t ndirs, const feit_lang *lang, const char *words_file,
                              const char *cache_dir, gazcache_status *status, feit_error *err);

#endif
