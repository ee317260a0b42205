/* qm-export.c: choosing what to export and writing it safely. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gio/gunixoutputstream.h>

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

/* A file written under a temporary name beside its destination and renamed
 * over it by a successful close. GLib's g_file_replace() does this only when
 * the destination already exists; a new file it writes in place, where a
 * cancelled or failed export would leave half a file. */
#define QM_TYPE_ATOMIC_OUTPUT (qm_atomic_output_get_type ())
G_DECLARE_FINAL_TYPE (QmAtomicOutput, qm_atomic_output, QM, ATOMIC_OUTPUT, GFilterOutputStream)

struct _QmAtomicOutput
{
  GFilterOutputStream  parent_instance;
  char                *path;
  char                *temp_path;
  gboolean             aborted;
};

G_DEFINE_FINAL_TYPE (QmAtomicOutput, qm_atomic_output, G_TYPE_FILTER_OUTPUT_STREAM)

static gboolean
qm_atomic_output_close (GOutputStream  *stream,
                        GCancellable   *cancellable,
                        GError        **error)
{
  QmAtomicOutput *self = QM_ATOMIC_OUTPUT (stream);
  GOutputStream *base = g_filter_output_stream_get_base_stream (G_FILTER_OUTPUT_STREAM (self));
  g_autoptr(GError) local_error = NULL;

  /* The temporary file is closed whatever happens, so that it can go. */
  if (!g_output_stream_close (base, NULL, &local_error))
    {
      g_unlink (self->temp_path);
      g_set_error (error, local_error->domain, local_error->code,
                   _("Cannot write %s: %s"), self->path, local_error->message);
      return FALSE;
    }

  if (self->aborted || g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_unlink (self->temp_path);
      return self->aborted;
    }

  if (g_rename (self->temp_path, self->path) != 0)
    {
      int saved = errno;

      g_unlink (self->temp_path);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot write %s: %s"), self->path, g_strerror (saved));
      return FALSE;
    }

  return TRUE;
}

static void
qm_atomic_output_dispose (GObject *object)
{
  QmAtomicOutput *self = QM_ATOMIC_OUTPUT (object);

  /* Dropped without a close: the export did not finish. */
  if (!g_output_stream_is_closed (G_OUTPUT_STREAM (self)))
    self->aborted = TRUE;

  G_OBJECT_CLASS (qm_atomic_output_parent_class)->dispose (object);
}

static void
qm_atomic_output_finalize (GObject *object)
{
  QmAtomicOutput *self = QM_ATOMIC_OUTPUT (object);

  g_free (self->path);
  g_free (self->temp_path);

  G_OBJECT_CLASS (qm_atomic_output_parent_class)->finalize (object);
}

static void
qm_atomic_output_class_init (QmAtomicOutputClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GOutputStreamClass *stream_class = G_OUTPUT_STREAM_CLASS (klass);

  object_class->dispose = qm_atomic_output_dispose;
  object_class->finalize = qm_atomic_output_finalize;
  stream_class->close_fn = qm_atomic_output_close;
}

static void
qm_atomic_output_init (QmAtomicOutput *self)
{
}

GOutputStream *
qm_export_open_output (const char  *path,
                       GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *temp_path = NULL;
  g_autoptr(GOutputStream) fd_stream = NULL;
  QmAtomicOutput *out;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  if (looks_like_database (path))
    {
      g_set_error (error, QM_ERROR, QM_ERROR_FAILED,
                   _("%s is a database (perhaps a corpus); an export will not overwrite it"), path);
      return NULL;
    }
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("%s is a folder; give the name of a file to write"), path);
      return NULL;
    }

  /* Beside the destination, so that the rename stays on one file system;
   * hidden, so that file managers do not show it while it grows. */
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  temp_path = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
  fd = g_mkstemp_full (temp_path, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot write %s: %s"), path, g_strerror (saved));
      return NULL;
    }

  fd_stream = g_unix_output_stream_new (fd, TRUE);
  out = g_object_new (QM_TYPE_ATOMIC_OUTPUT,
                      "base-stream", fd_stream,
                      "close-base-stream", FALSE,
                      NULL);
  out->path = g_strdup (path);
  out->temp_path = g_steal_pointer (&temp_path);
  return G_OUTPUT_STREAM (out);
}

void
qm_export_abort_output (GOutputStream *out)
{
  g_return_if_fail (G_IS_OUTPUT_STREAM (out));

  /* Closing an aborted output removes the temporary file and leaves the
   * destination untouched. */
  if (QM_IS_ATOMIC_OUTPUT (out))
    QM_ATOMIC_OUTPUT (out)->aborted = TRUE;
  g_output_stream_close (out, NULL, NULL);
}
