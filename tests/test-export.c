/* test-export.c: writing an export safely: nothing at the destination until
 * the export is complete, and nothing left behind when it is not. */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include "qm-error.h"
#include "qm-export.h"
#include "qm-format.h"
#include "qm-store.h"
#include "qm-test-util.h"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The names in a folder, hidden ones included, sorted and joined by
 * spaces. */
static char *
list_folder (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static void
write_string (GOutputStream *out,
              const char    *text)
{
  g_autoptr(GError) error = NULL;

  g_output_stream_write_all (out, text, strlen (text), NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
test_output_commit (void)
{
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "out.csv", NULL);
  g_autofree char *listing = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GError) error = NULL;

  out = qm_export_open_output (path, &error);
  g_assert_no_error (error);
  write_string (out, "a,b\r\n");
  g_output_stream_flush (out, NULL, &error);
  g_assert_no_error (error);

  /* While it is written, the destination does not exist. */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  write_string (out, "1,2\r\n");
  g_assert_true (g_output_stream_close (out, NULL, &error));
  g_assert_no_error (error);

  data = qm_test_read_file (path, NULL);
  g_assert_cmpstr (data, ==, "a,b\r\n1,2\r\n");
  listing = list_folder (dir);
  g_assert_cmpstr (listing, ==, "out.csv");
}

static void
test_output_abort_new (void)
{
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "out.jsonl", NULL);
  g_autofree char *listing = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GError) error = NULL;

  out = qm_export_open_output (path, &error);
  g_assert_no_error (error);
  write_string (out, "{\"half\":");
  qm_export_abort_output (out);

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  listing = list_folder (dir);
  g_assert_cmpstr (listing, ==, "");
}

static void
test_output_abort_existing (void)
{
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *path = qm_test_write_file (dir, "out.jsonl", "old\n", -1);
  g_autofree char *listing = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GError) error = NULL;

  out = qm_export_open_output (path, &error);
  g_assert_no_error (error);
  write_string (out, "new and half");
  qm_export_abort_output (out);

  data = qm_test_read_file (path, NULL);
  g_assert_cmpstr (data, ==, "old\n");
  listing = list_folder (dir);
  g_assert_cmpstr (listing, ==, "out.jsonl");
}

static void
test_output_cancelled_close (void)
{
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "out.conll", NULL);
  g_autofree char *listing = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  out = qm_export_open_output (path, &error);
  g_assert_no_error (error);
  write_string (out, "-DOCSTART- -X- -X- O\n");
  g_cancellable_cancel (cancellable);
  g_assert_false (g_output_stream_close (out, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  listing = list_folder (dir);
  g_assert_cmpstr (listing, ==, "");
}

static void
test_output_dropped (void)
{
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "out.json", NULL);
  g_autofree char *listing = NULL;
  GOutputStream *out;
  g_autoptr(GError) error = NULL;

  out = qm_export_open_output (path, &error);
  g_assert_no_error (error);
  write_string (out, "[");
  /* Dropped without a close: not an export that finished. */
  g_object_unref (out);

  listing = list_folder (dir);
  g_assert_cmpstr (listing, ==, "");
}

static void
test_output_refused (void)
{
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *missing = g_build_filename (dir, "missing", "out.csv", NULL);
  g_autofree char *corpus = g_build_filename (dir, "c.quotemark", NULL);
  g_autoptr(QmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GOutputStream *out;

  /* A folder is not overwritten by a file. */
  out = qm_export_open_output (dir, &error);
  g_assert_null (out);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_assert_nonnull (strstr (error->message, dir));
  g_clear_error (&error);

  /* The message names the destination, not the temporary file. */
  out = qm_export_open_output (missing, &error);
  g_assert_null (out);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);

  store = qm_store_open (corpus, QM_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  qm_store_close (store);
  out = qm_export_open_output (corpus, &error);
  g_assert_null (out);
  g_assert_error (error, QM_ERROR, QM_ERROR_FAILED);
}

/* Through the registry: a cancelled export of every single-file format
 * leaves nothing where there was nothing. */
static void
test_export_cancelled (void)
{
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *corpus = g_build_filename (dir, "c.quotemark", NULL);
  g_autofree char *out_dir = qm_test_make_tmpdir ();
  g_autoptr(QmStore) store = NULL;
  g_autoptr(QmDocument) document = qm_document_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;

  store = qm_store_open (corpus, QM_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  qm_document_set_text (document, "The mayor said no.\n");
  qm_store_add_document (store, document, &error);
  g_assert_no_error (error);
  g_cancellable_cancel (cancellable);

  for (const QmFormat *const *format = qm_format_list (); *format != NULL; format++)
    {
      g_autofree char *path = g_build_filename (out_dir, (*format)->name, NULL);

      g_assert_false (qm_format_export_to_path (*format, store, NULL, path, NULL, cancellable, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
    }

  listing = list_folder (out_dir);
  g_assert_cmpstr (listing, ==, "");
  qm_store_close (store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/output/commit", test_output_commit);
  g_test_add_func ("/export/output/abort-new", test_output_abort_new);
  g_test_add_func ("/export/output/abort-existing", test_output_abort_existing);
  g_test_add_func ("/export/output/cancelled-close", test_output_cancelled_close);
  g_test_add_func ("/export/output/dropped", test_output_dropped);
  g_test_add_func ("/export/output/refused", test_output_refused);
  g_test_add_func ("/export/format/cancelled", test_export_cancelled);

  return g_test_run ();
}
