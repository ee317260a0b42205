/* fuzz-labelstudio.c: a Label Studio JSON export. */
#include "config.h"

#include "fuzz-common.h"
#include "qm-format.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  QmStore *store = fuzz_get_store ();
  g_autofree char *path = fuzz_write_file ("labelstudio.json", data, size);
  g_autoptr(QmReport) report = qm_report_new ();
  g_autoptr(GError) error = NULL;

  fuzz_begin (store);
  if (!qm_format_labelstudio_import (store, path, NULL, report, NULL, &error))
    g_error ("the import failed as a whole: %s", error->message);
  fuzz_end (store);
  return 0;
}
