/* fuzz-text.c: plain text as a file brings it: checked, normalised,
 * described and imported. */
#include "config.h"

#include "fuzz-common.h"
#include "qm-import.h"
#include "qm-offsets.h"
#include "qm-text.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  QmStore *store = fuzz_get_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  g_autofree char *language = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GArray) map = NULL;
  g_autoptr(QmOffsets) offsets = NULL;

  if (!qm_text_validate ((const char *) data, size, "fuzz.txt", &error))
    {
      /* Rejected text must be rejected by the import too, alike. */
      g_autoptr(GError) import_error = NULL;

      fuzz_begin (store);
      id = qm_import_text (store, (const char *) data, size, "fuzz.txt", &import_error);
      if (id != NULL || !g_error_matches (import_error, error->domain, error->code))
        g_error ("qm_text_validate() refused the text but the import did not");
      fuzz_end (store);
      return 0;
    }

  text = qm_text_normalize ((const char *) data, size);
  if (!g_utf8_validate (text, -1, NULL))
    g_error ("normalised text is not UTF-8");
  title = qm_text_guess_title (text);
  language = qm_text_guess_language (text);
  folded = qm_text_fold (text, &map);
  offsets = qm_offsets_new (text, -1);
  if (map->len != (guint) g_utf8_strlen (folded, -1) + 1
      || g_array_index (map, glong, map->len - 1) != qm_offsets_get_n_chars (offsets))
    g_error ("the fold map does not span the text");

  fuzz_begin (store);
  /* The corpus is empty again after each input: no duplicates. */
  id = qm_import_text (store, (const char *) data, size, "fuzz.txt", &error);
  if (id == NULL)
    g_error ("valid text was not imported: %s", error->message);
  fuzz_end (store);
  return 0;
}
