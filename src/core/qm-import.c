/* qm-import.c: bringing files and folders of articles into a corpus. */
#include "config.h"

#include <errno.h>
#include <sys/stat.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "qm-error.h"
#include "qm-format.h"
#include "qm-import.h"
#include "qm-jsonl.h"
#include "qm-text.h"

/* One article larger than this is surely not an article (and would make the
 * view crawl); the limit is stated in the rejection message. */
#define MAX_TEXT_BYTES (64 * 1024 * 1024)
/* Files committed per transaction: few enough that a crash loses little,
 * many enough that synchronous=FULL costs little per file. */
#define BATCH_FILES 250

typedef struct
{
  dev_t dev;
  ino_t ino;
} DirId;

static gboolean
is_importable_name (const char *name)
{
  const char *dot = strrchr (name, '.');

  if (dot == NULL)
    return TRUE;
  return g_ascii_strcasecmp (dot, ".txt") == 0
      || g_ascii_strcasecmp (dot, ".text") == 0
      || g_ascii_strcasecmp (dot, ".jsonl") == 0;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char **) a, *(const char **) b);
}

static void
walk_folder (const char   *path,
             GArray       *ancestors,
             GPtrArray    *files,
             QmReport     *report,
             GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GStatBuf st;
  GDir *dir;
  const char *name;
  DirId id;

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;

      g_set_error (&error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("%s: cannot read the folder: %s"), path, g_strerror (saved_errno));
      qm_report_add_error (report, QM_REPORT_REJECTED, path, 0, error);
      return;
    }

  /* A folder already on the way down here means a symbolic link loops back. */
  for (guint i = 0; i < ancestors->len; i++)
    {
      DirId *a = &g_array_index (ancestors, DirId, i);

      if (a->dev == st.st_dev && a->ino == st.st_ino)
        {
          g_set_error (&error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_LINKS,
                       _("%s: symbolic link loop, not followed"), path);
          qm_report_add_error (report, QM_REPORT_SKIPPED, path, 0, error);
          return;
        }
    }

  dir = g_dir_open (path, 0, &error);
  if (dir == NULL)
    {
      g_autoptr(GError) folder_error = NULL;

      g_set_error (&folder_error, error->domain, error->code,
                   _("%s: cannot read the folder: %s"), path, error->message);
      qm_report_add_error (report, QM_REPORT_REJECTED, path, 0, folder_error);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_dir_close (dir);
  g_ptr_array_sort (names, compare_names);

  id.dev = st.st_dev;
  id.ino = st.st_ino;
  g_array_append_val (ancestors, id);

  for (guint i = 0; i < names->len; i++)
    {
      const char *child_name = g_ptr_array_index (names, i);
      g_autofree char *child = g_build_filename (path, child_name, NULL);

      if (g_cancellable_is_cancelled (cancellable))
        break;

      g_autoptr(GError) child_error = NULL;

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        walk_folder (child, ancestors, files, report, cancellable);
      else if (!g_file_test (child, G_FILE_TEST_EXISTS))
        {
          g_set_error (&child_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("%s: broken symbolic link"), child);
          qm_report_add_error (report, QM_REPORT_REJECTED, child, 0, child_error);
        }
      else if (!g_file_test (child, G_FILE_TEST_IS_REGULAR))
        {
          g_set_error (&child_error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                       _("%s: not a regular file"), child);
          qm_report_add_error (report, QM_REPORT_SKIPPED, child, 0, child_error);
        }
      else if (!is_importable_name (child_name))
        {
          g_set_error (&child_error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("%s: not a text or JSONL file"), child);
          qm_report_add_error (report, QM_REPORT_SKIPPED, child, 0, child_error);
        }
      else
        g_ptr_array_add (files, g_steal_pointer (&child));
    }

  g_array_set_size (ancestors, ancestors->len - 1);
}

GPtrArray *
qm_import_collect_files (const char * const *paths,
                         QmReport           *report,
                         GCancellable       *cancellable)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) ancestors = g_array_new (FALSE, FALSE, sizeof (DirId));

  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    {
      const char *path = paths[i];

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        walk_folder (path, ancestors, files, report, cancellable);
      else if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_autoptr(GError) error = NULL;

          g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("%s: no such file or folder"), path);
          qm_report_add_error (report, QM_REPORT_REJECTED, path, 0, error);
        }
      else
        g_ptr_array_add (files, g_strdup (path));
    }

  return files;
}

char *
qm_import_text (QmStore    *store,
                const char *data,
                gsize       len,
                const char *name,
                GError    **error)
{
  g_autoptr(QmDocument) document = NULL;
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  g_autofree char *language = NULL;
  g_autofree char *existing = NULL;
  g_autofree char *basename = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!qm_text_validate (data, len, name, error))
    return NULL;

  /* The document hashes its text; hashing it here too cost an import a
   * tenth of its time. */
  text = qm_text_normalize (data, len);
  document = qm_document_new ();
  qm_document_set_text (document, text);
  existing = qm_store_find_document_by_sha256 (store, qm_document_get_sha256 (document), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (existing != NULL)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_DUPLICATE,
                   _("%s: the same text is already in the corpus (document %s)"),
                   name, existing);
      return NULL;
    }

  title = qm_text_guess_title (text);
  language = qm_text_guess_language (text);
  basename = g_path_get_basename (name);

  qm_document_set_title (document, title);
  qm_document_set_language (document, language);
  qm_document_set_source (document, basename);
  qm_document_set_imported (document, g_get_real_time ());

  if (!qm_store_add_document (store, document, error))
    return NULL;

  return g_strdup (qm_document_get_id (document));
}

static gboolean
read_text_file (const char  *path,
                char       **data,
                gsize       *len,
                GError     **error)
{
  GStatBuf st;

  if (g_stat (path, &st) == 0 && st.st_size > MAX_TEXT_BYTES)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID_TEXT,
                   _("%s: too large for an article (%ld MB; the limit is %d MB)"),
                   path, (glong) (st.st_size / (1024 * 1024)), MAX_TEXT_BYTES / (1024 * 1024));
      return FALSE;
    }
  if (!g_file_get_contents (path, data, len, error))
    return FALSE;
  return TRUE;
}

static gboolean
is_jsonl (const char *path,
          const char *format)
{
  if (g_strcmp0 (format, "jsonl") == 0)
    return TRUE;
  if (format != NULL && g_strcmp0 (format, "auto") != 0)
    return FALSE;
  return g_str_has_suffix (path, ".jsonl") || g_str_has_suffix (path, ".JSONL");
}

/* Errors that stop the whole import rather than one file: the corpus
 * itself cannot take more. */
static gboolean
is_fatal (const GError *error)
{
  return g_error_matches (error, QM_ERROR, QM_ERROR_DISK_FULL)
      || g_error_matches (error, QM_ERROR, QM_ERROR_READ_ONLY)
      || g_error_matches (error, QM_ERROR, QM_ERROR_BUSY)
      || g_error_matches (error, QM_ERROR, QM_ERROR_CORRUPT)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static gboolean
import_one_text (QmStore    *store,
                 const char *path,
                 QmReport   *report,
                 GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *id = NULL;
  gsize len = 0;

  if (!read_text_file (path, &data, &len, &local_error))
    {
      qm_report_add_error (report, QM_REPORT_REJECTED, path, 0, local_error);
      return TRUE;
    }

  if (!qm_store_savepoint (store, "text_file", error))
    return FALSE;

  id = qm_import_text (store, data, len, path, &local_error);
  if (id == NULL)
    {
      /* Rolling back to a savepoint also releases it. */
      qm_store_rollback_to (store, "text_file");
      if (is_fatal (local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      qm_report_add_error (report,
                           g_error_matches (local_error, QM_ERROR, QM_ERROR_DUPLICATE)
                             ? QM_REPORT_SKIPPED : QM_REPORT_REJECTED,
                           path, 0, local_error);
      return TRUE;
    }

  if (!qm_store_release (store, "text_file", error))
    return FALSE;
  qm_report_add (report, QM_REPORT_IMPORTED, path, 0, _("%s: imported as document %s"), path, id);
  return TRUE;
}

static gboolean
import_one_jsonl (QmStore               *store,
                  const char            *path,
                  const QmImportOptions *options,
                  QmReport              *report,
                  GCancellable          *cancellable,
                  GError               **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GError) local_error = NULL;

  in = g_file_read (file, cancellable, &local_error);
  if (in == NULL)
    {
      g_autoptr(GError) read_error = NULL;

      g_set_error (&read_error, local_error->domain, local_error->code,
                   _("%s: cannot read: %s"), path, local_error->message);
      qm_report_add_error (report, QM_REPORT_REJECTED, path, 0, read_error);
      return TRUE;
    }
  return qm_jsonl_import (store, G_INPUT_STREAM (in), path, options, report, cancellable, error);
}

gboolean
qm_import_paths (QmStore                *store,
                 const char * const     *paths,
                 const QmImportOptions  *options,
                 QmReport               *report,
                 GCancellable           *cancellable,
                 GError                **error)
{
  static const QmImportOptions defaults = { "auto", NULL, FALSE, NULL, NULL };
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(QmReport) batch = NULL;
  g_autoptr(GError) local_error = NULL;
  guint in_batch = 0;

  g_return_val_if_fail (QM_IS_STORE (store), FALSE);
  g_return_val_if_fail (QM_IS_REPORT (report), FALSE);

  if (options == NULL)
    options = &defaults;

  if (options->format != NULL
      && g_strcmp0 (options->format, "auto") != 0
      && g_strcmp0 (options->format, "txt") != 0
      && g_strcmp0 (options->format, "jsonl") != 0)
    {
      const QmFormat *format = qm_format_find (options->format);

      if (format == NULL || !qm_format_can_import (format))
        {
          g_autofree char *names = qm_format_list_names (TRUE);

          g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                       _("Unknown import format “%s” (known: auto, txt, %s)"), options->format, names);
          return FALSE;
        }
      /* The dataset formats read their paths themselves (a brat path is a
       * folder), each in one transaction, a document at a time. */
      for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (!g_file_test (paths[i], G_FILE_TEST_EXISTS))
            {
              qm_report_add (report, QM_REPORT_REJECTED, paths[i], 0,
                             _("%s: no such file or folder"), paths[i]);
              continue;
            }
          if (!format->import (store, paths[i], options, report, cancellable, error))
            return FALSE;
        }
      return TRUE;
    }

  files = qm_import_collect_files (paths, report, cancellable);
  batch = qm_report_new ();

  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      gboolean ok;

      if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
        goto failed;

      if (in_batch == 0 && !qm_store_begin (store, &local_error))
        goto failed;

      if (is_jsonl (path, options->format))
        ok = import_one_jsonl (store, path, options, batch, cancellable, &local_error);
      else
        ok = import_one_text (store, path, batch, &local_error);
      if (!ok)
        goto failed;

      if (++in_batch == BATCH_FILES || i + 1 == files->len)
        {
          if (!qm_store_commit (store, &local_error))
            goto failed;
          /* Only now is "imported" true. */
          qm_report_take_batch (report, batch, TRUE, NULL);
          in_batch = 0;
        }

      if (options->progress != NULL)
        options->progress (i + 1, files->len, options->progress_data);
    }

  return TRUE;

failed:
  /* What earlier batches committed stays; this batch goes. */
  if (qm_store_in_transaction (store))
    qm_store_rollback (store);
  qm_report_take_batch (report, batch, FALSE, local_error->message);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}
