/* qm-export.c: choosing what to export and writing it safely. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "qm-error.h"
#include "qm-export.h"

static gboolean
is_done_by (GHashTable *statuses,
            const char *annotator)
{
  GHashTableIter iter;
  gpointer key, value;

  if (annotator != NULL)
    return GPOINTER_TO_INT (g_hash_table_lookup (statuses, annotator)) == QM_STATUS_DONE;

  g_hash_table_iter_init (&iter, statuses);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_INT (value) == QM_STATUS_DONE)
      return TRUE;
  return FALSE;
}

GPtrArray *
qm_export_select_documents (QmStore               *store,
                            const QmExportOptions *options,
                            GError               **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) documents = NULL;

  g_return_val_if_fail (QM_IS_STORE (store), NULL);

  documents = qm_store_list_documents (store, options ? options->annotator : NULL, 0, 0, error);
  if (documents == NULL)
    return NULL;

  for (guint i = 0; i < documents->len; i++)
    {
      QmDocument *document = g_ptr_array_index (documents, i);
      const char *id = qm_document_get_id (document);

      if (options != NULL && options->document_ids != NULL
          && !g_strv_contains (options->document_ids, id))
        continue;

      if (options != NULL && options->done_only)
        {
          g_autoptr(GHashTable) statuses = qm_store_get_statuses (store, id, error);

          if (statuses == NULL)
            return NULL;
          if (!is_done_by (statuses, options->annotator))
            continue;
        }

      g_ptr_array_add (ids, g_strdup (id));
    }

  return g_steal_pointer (&ids);
}

static gboolean
looks_like_database (const char *path)
{
  static const char sqlite_magic[16] = "SQLite format 3";
  char header[16] = { 0 };
  FILE *f = fopen (path, "rb");
  gsize n;

  if (f == NULL)
    return FALSE;
  n = fread (header, 1, sizeof header, f);
  fclose (f);
  return n == sizeof header && memcmp (header, sqlite_magic, sizeof header) == 0;
}

GOutputStream *
qm_export_open_output (const char  *path,
                       GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GFileOutputStream *out;

  if (looks_like_database (path))
    {
      g_set_error (error, QM_ERROR, QM_ERROR_FAILED,
                   _("%s is a database (perhaps a corpus); an export will not overwrite it"), path);
      return NULL;
    }

  /* g_file_replace() writes to a temporary file beside the destination and
   * renames it into place on close, so a failed export leaves the old file. */
  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error);
  if (out == NULL)
    return NULL;
  return G_OUTPUT_STREAM (out);
}

void
qm_export_abort_output (GOutputStream *out)
{
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();

  /* Closing with a cancelled cancellable removes the temporary file and
   * leaves the destination untouched. */
  g_cancellable_cancel (cancelled);
  g_output_stream_close (out, cancelled, NULL);
}
