/* fuzz-jsonl.c: Quotemark JSONL, line by line, into the scratch corpus. */
#include "config.h"

#include "fuzz-common.h"
#include "qm-jsonl.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  QmStore *store = fuzz_get_store ();
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_data (data, size, NULL);
  g_autoptr(QmReport) report = qm_report_new ();
  g_autoptr(GError) error = NULL;

  fuzz_begin (store);
  /* Bad lines are reported, never an error of the whole import. */
  if (!qm_jsonl_import (store, in, "fuzz.jsonl", NULL, report, NULL, &error))
    g_error ("the import failed as a whole: %s", error->message);
  fuzz_end (store);
  return 0;
}
