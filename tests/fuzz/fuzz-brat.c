/* fuzz-brat.c: a brat document: the input is the .txt, a NUL byte, then
 * the .ann (no NUL: a .txt alone). */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "fuzz-common.h"
#include "qm-format.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  QmStore *store = fuzz_get_store ();
  const uint8_t *nul = memchr (data, '\0', size);
  gsize txt_size = nul != NULL ? (gsize) (nul - data) : size;
  g_autofree char *txt = fuzz_write_file ("doc.txt", data, txt_size);
  g_autofree char *ann = NULL;
  g_autoptr(QmReport) report = qm_report_new ();
  g_autoptr(GError) error = NULL;

  if (nul != NULL)
    ann = fuzz_write_file ("doc.ann", nul + 1, size - txt_size - 1);
  else
    {
      ann = fuzz_write_file ("doc.ann", "", 0);
      g_remove (ann);
    }

  fuzz_begin (store);
  if (!qm_format_brat_import (store, txt, NULL, report, NULL, &error))
    g_error ("the import failed as a whole: %s", error->message);
  fuzz_end (store);
  return 0;
}
