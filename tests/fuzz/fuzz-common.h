/* fuzz-common.h: what every fuzz target shares: one scratch corpus per
 * process, inputs written to files for the importers that read files, and
 * an import that is rolled back so each input starts from the same corpus. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "qm-store.h"

G_BEGIN_DECLS

/* The libFuzzer entry point each target defines; the replay test calls it
 * too. */
int       LLVMFuzzerTestOneInput   (const uint8_t *data,
                                    size_t         size);

/* The scratch corpus, created on first use, removed at exit. */
QmStore  *fuzz_get_store           (void);
/* @data written to a file called @name in the scratch folder; returns its path. */
char     *fuzz_write_file          (const char    *name,
                                    const void    *data,
                                    gsize          size);
/* Opens a transaction on the scratch corpus; fuzz_end() exports what the
 * input put in, which must work, then rolls it all back. */
void      fuzz_begin               (QmStore       *store);
void      fuzz_end                 (QmStore       *store);

G_END_DECLS
