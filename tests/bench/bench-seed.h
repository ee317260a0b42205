/* bench-seed.h: invented news articles in Arabic, English and both, made
 * reproducibly from a seed, for the benchmark. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Place names, one per article, so that a search for one of them has a
 * known share of matches; NULL-terminated. */
extern const char * const bench_places[];

/* A title line, a blank line and paragraphs until the text holds at least
 * @min_bytes bytes. @number makes the text unique in a corpus. */
char *bench_make_article (GRand *rand,
                          guint  number,
                          gsize  min_bytes);

G_END_DECLS
