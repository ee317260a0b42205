/* test-import.c: importing plain text files and folders. */
#include "config.h"

#include <unistd.h>
#include <glib/gstdio.h>

#include "qm-error.h"
#include "qm-import.h"
#include "qm-store.h"
#include "qm-test-util.h"

static QmStore *
new_corpus (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "corpus.quotemark", NULL);
  QmStore *store = qm_store_open (path, QM_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static QmReport *
import_paths (QmStore            *store,
              const char * const *paths)
{
  g_autoptr(GError) error = NULL;
  QmReport *report = qm_report_new ();

  g_assert_true (qm_import_paths (store, paths, NULL, report, NULL, &error));
  g_assert_no_error (error);
  return report;
}

/* The message of the only entry of @kind about a file ending in @name. */
static const char *
find_entry (QmReport     *report,
            QmReportKind  kind,
            const char   *name)
{
  const char *found = NULL;

  for (guint i = 0; i < qm_report_get_n_entries (report); i++)
    {
      const QmReportEntry *entry = qm_report_get_entry (report, i);

      if (entry->kind == kind && entry->path != NULL && g_str_has_suffix (entry->path, name))
        {
          g_assert_null (found);
          found = entry->message;
        }
    }
  return found;
}

static QmDocument *
document_from (QmStore  *store,
               QmReport *report,
               const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = qm_store_list_documents (store, NULL, 0, 0, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < documents->len; i++)
    {
      QmDocument *listed = g_ptr_array_index (documents, i);

      if (g_strcmp0 (qm_document_get_source (listed), name) == 0)
        {
          QmDocument *document = qm_store_get_document (store, qm_document_get_id (listed), &error);

          g_assert_no_error (error);
          return document;
        }
    }
  g_assert_not_reached ();
  return NULL;
}

static void
test_import_folder (void)
{
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *articles = g_build_filename (dir, "articles", NULL);
  g_autofree char *nested = g_build_filename (articles, "2024", NULL);
  g_autoptr(QmStore) store = new_corpus (dir);
  g_autoptr(QmReport) report = NULL;
  g_autoptr(QmDocument) en = NULL;
  g_autoptr(QmDocument) ar = NULL;
  g_autoptr(QmDocument) mixed = NULL;
  g_autofree char *p1 = NULL, *p2 = NULL, *p3 = NULL, *p4 = NULL;
  const char *paths[] = { articles, NULL };

  g_assert_cmpint (g_mkdir_with_parents (nested, 0700), ==, 0);
  p1 = qm_test_write_file (articles, "en.txt",
                           "  Ministers meet in Beijing  \n\nThe minister said the talks went well.\n", -1);
  /* A BOM, CRLF line ends and a lone CR, as Windows tools write them. */
  p2 = qm_test_write_file (nested, "ar.txt",
                           "\xEF\xBB\xBF" "الصين وروسيا\r\n\r\nقال المتحدث إن التعاون مستمر.\rانتهى\r\n", -1);
  p3 = qm_test_write_file (articles, "mixed",
                           "Press review\nThe spokesman said «الصين وروسيا شريكان في الأمن والسلام» on Monday.\n", -1);
  p4 = qm_test_write_file (articles, "photo.jpg", "\xFF\xD8\xFF\xE0", 4);

  report = import_paths (store, paths);
  g_assert_cmpuint (qm_report_count (report, QM_REPORT_IMPORTED), ==, 3);
  g_assert_cmpuint (qm_report_count (report, QM_REPORT_REJECTED), ==, 0);
  /* Files of other kinds found in a folder are passed over, and said so. */
  g_assert_nonnull (find_entry (report, QM_REPORT_SKIPPED, "photo.jpg"));

  en = document_from (store, report, "en.txt");
  g_assert_cmpstr (qm_document_get_title (en), ==, "Ministers meet in Beijing");
  g_assert_cmpstr (qm_document_get_language (en), ==, "en");

  ar = document_from (store, report, "ar.txt");
  g_assert_cmpstr (qm_document_get_text (ar), ==,
                   "الصين وروسيا\n\nقال المتحدث إن التعاون مستمر.\nانتهى\n");
  g_assert_cmpstr (qm_document_get_title (ar), ==, "الصين وروسيا");
  g_assert_cmpstr (qm_document_get_language (ar), ==, "ar");
  g_assert_cmpint (qm_document_get_n_chars (ar), ==, g_utf8_strlen (qm_document_get_text (ar), -1));

  mixed = document_from (store, report, "mixed");
  g_assert_cmpstr (qm_document_get_language (mixed), ==, "mixed");
}

static void
test_import_normalises_nfc (void)
{
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autoptr(QmStore) store = new_corpus (dir);
  g_autoptr(QmReport) report = NULL;
  g_autoptr(QmDocument) document = NULL;
  g_autofree char *path = NULL;
  const char *paths[2] = { NULL, NULL };

  /* "Café" with e + COMBINING ACUTE ACCENT becomes one code point. */
  path = qm_test_write_file (dir, "cafe.txt", "Cafe\xCC\x81 society\n", -1);
  paths[0] = path;
  report = import_paths (store, paths);
  g_assert_cmpuint (qm_report_count (report, QM_REPORT_IMPORTED), ==, 1);
  document = document_from (store, report, "cafe.txt");
  g_assert_cmpstr (qm_document_get_text (document), ==, "Caf\xC3\xA9 society\n");
  g_assert_cmpint (qm_document_get_n_chars (document), ==, 13);
}

typedef struct
{
  const char *name;
  const char *data;
  gssize      len;
  const char *expected;   /* part of the message */
} BadFile;

static void
test_import_rejects_bad_files (void)
{
  static const BadFile bad[] = {
    { "latin1.txt", "Caf\xE9 au lait\n", -1, "byte 3" },
    { "nul.txt", "abc\0def\n", 8, "byte 3" },
    { "empty.txt", "", 0, "empty" },
    { "blank.txt", "  \n\t\r\n  ", -1, "white space" },
    { "image.txt", "\x89PNG\r\n\x1A\n\x01\x02\x03\x04\x05\x06\x07\x08\x0E\x0F\x10\x11", 20, NULL },
  };
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autoptr(QmStore) store = new_corpus (dir);
  g_autoptr(QmReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_ptr_array_add (paths, qm_test_write_file (dir, bad[i].name, bad[i].data, bad[i].len));
  g_ptr_array_add (paths, qm_test_write_file (dir, "good.txt", "A good article\nIt has words.\n", -1));
  g_ptr_array_add (paths, NULL);

  report = import_paths (store, (const char * const *) paths->pdata);
  /* The rest of the batch still imports. */
  g_assert_cmpuint (qm_report_count (report, QM_REPORT_IMPORTED), ==, 1);
  g_assert_cmpuint (qm_report_count (report, QM_REPORT_REJECTED), ==, G_N_ELEMENTS (bad));
  g_assert_cmpuint (qm_store_count_documents (store, &error), ==, 1);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      const char *message = find_entry (report, QM_REPORT_REJECTED, bad[i].name);

      g_assert_nonnull (message);
      /* Every message names the file. */
      g_assert_nonnull (strstr (message, bad[i].name));
      if (bad[i].expected != NULL)
        g_assert_nonnull (strstr (message, bad[i].expected));
    }
}

static void
test_import_skips_duplicates (void)
{
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autoptr(QmStore) store = new_corpus (dir);
  g_autoptr(QmReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *a = qm_test_write_file (dir, "a.txt", "Same story\nwith the same words\n", -1);
  /* Equal after normalisation: CRLF and a BOM change nothing of the text. */
  g_autofree char *b = qm_test_write_file (dir, "b.txt", "\xEF\xBB\xBFSame story\r\nwith the same words\r\n", -1);
  const char *paths[] = { a, b, NULL };
  const char *message;

  report = import_paths (store, paths);
  g_assert_cmpuint (qm_report_count (report, QM_REPORT_IMPORTED), ==, 1);
  g_assert_cmpuint (qm_report_count (report, QM_REPORT_SKIPPED), ==, 1);
  message = find_entry (report, QM_REPORT_SKIPPED, "b.txt");
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "already"));
  g_assert_cmpuint (qm_store_count_documents (store, &error), ==, 1);
}

static void
test_import_symlink_loop (void)
{
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *root = g_build_filename (dir, "root", NULL);
  g_autofree char *sub = g_build_filename (root, "sub", NULL);
  g_autofree char *loop = g_build_filename (sub, "back", NULL);
  g_autofree char *file = NULL;
  g_autoptr(QmStore) store = new_corpus (dir);
  g_autoptr(QmReport) report = NULL;
  const char *paths[] = { root, NULL };

  g_assert_cmpint (g_mkdir_with_parents (sub, 0700), ==, 0);
  file = qm_test_write_file (sub, "story.txt", "A story\nin a folder with a loop\n", -1);
  g_assert_cmpint (symlink ("..", loop), ==, 0);

  report = import_paths (store, paths);
  g_assert_cmpuint (qm_report_count (report, QM_REPORT_IMPORTED), ==, 1);
  g_assert_nonnull (find_entry (report, QM_REPORT_SKIPPED, "back"));
  g_assert_nonnull (strstr (find_entry (report, QM_REPORT_SKIPPED, "back"), "loop"));
}

static void
test_import_unreadable (void)
{
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autoptr(QmStore) store = new_corpus (dir);
  g_autoptr(QmReport) report = NULL;
  g_autofree char *path = qm_test_write_file (dir, "secret.txt", "Locked away\n", -1);
  const char *paths[] = { path, NULL };

  if (geteuid () == 0)
    {
      g_test_skip ("root reads every file");
      return;
    }
  g_assert_cmpint (g_chmod (path, 0), ==, 0);
  report = import_paths (store, paths);
  g_assert_cmpuint (qm_report_count (report, QM_REPORT_REJECTED), ==, 1);
  g_assert_nonnull (find_entry (report, QM_REPORT_REJECTED, "secret.txt"));
}

static void
test_import_too_large (void)
{
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autoptr(QmStore) store = new_corpus (dir);
  g_autoptr(QmReport) report = NULL;
  g_autofree char *path = qm_test_write_file (dir, "huge.txt", "x", 1);
  const char *paths[] = { path, NULL };
  const char *message;

  /* A sparse 200 MB file: the size alone must turn it away, unread. */
  g_assert_cmpint (truncate (path, (off_t) 200 * 1024 * 1024), ==, 0);
  report = import_paths (store, paths);
  g_assert_cmpuint (qm_report_count (report, QM_REPORT_REJECTED), ==, 1);
  message = find_entry (report, QM_REPORT_REJECTED, "huge.txt");
  g_assert_nonnull (strstr (message, "too large"));
}

static void
test_import_missing_path (void)
{
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autoptr(QmStore) store = new_corpus (dir);
  g_autoptr(QmReport) report = NULL;
  g_autofree char *path = g_build_filename (dir, "nowhere.txt", NULL);
  const char *paths[] = { path, NULL };

  report = import_paths (store, paths);
  g_assert_cmpuint (qm_report_count (report, QM_REPORT_REJECTED), ==, 1);
  g_assert_nonnull (strstr (find_entry (report, QM_REPORT_REJECTED, "nowhere.txt"), "no such"));
}

static void
count_progress (guint    done,
                guint    total,
                gpointer user_data)
{
  guint *calls = user_data;

  g_assert_cmpuint (done, <=, total);
  g_assert_cmpuint (total, ==, 3);
  calls[0]++;
  calls[1] = done;
}

static void
test_import_progress_and_cancel (void)
{
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autoptr(QmStore) store = new_corpus (dir);
  g_autoptr(QmReport) report = qm_report_new ();
  g_autoptr(QmReport) cancelled_report = qm_report_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *a = qm_test_write_file (dir, "1.txt", "One\nfirst\n", -1);
  g_autofree char *b = qm_test_write_file (dir, "2.txt", "Two\nsecond\n", -1);
  g_autofree char *c = qm_test_write_file (dir, "3.txt", "Three\nthird\n", -1);
  const char *paths[] = { a, b, c, NULL };
  guint calls[2] = { 0, 0 };
  QmImportOptions options = { "auto", NULL, FALSE, count_progress, calls };

  g_cancellable_cancel (cancellable);
  g_assert_false (qm_import_paths (store, paths, &options, cancelled_report, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (qm_store_count_documents (store, NULL), ==, 0);
  g_assert_cmpuint (calls[0], ==, 0);

  g_assert_true (qm_import_paths (store, paths, &options, report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (calls[0], ==, 3);
  g_assert_cmpuint (calls[1], ==, 3);
  g_assert_cmpuint (qm_store_count_documents (store, NULL), ==, 3);
}

static void
test_import_unknown_format (void)
{
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autoptr(QmStore) store = new_corpus (dir);
  g_autoptr(QmReport) report = qm_report_new ();
  g_autoptr(GError) error = NULL;
  const char *paths[] = { dir, NULL };
  QmImportOptions options = { "docx", NULL, FALSE, NULL, NULL };

  g_assert_false (qm_import_paths (store, paths, &options, report, NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "docx"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/folder", test_import_folder);
  g_test_add_func ("/import/nfc", test_import_normalises_nfc);
  g_test_add_func ("/import/rejects-bad-files", test_import_rejects_bad_files);
  g_test_add_func ("/import/duplicates", test_import_skips_duplicates);
  g_test_add_func ("/import/symlink-loop", test_import_symlink_loop);
  g_test_add_func ("/import/unreadable", test_import_unreadable);
  g_test_add_func ("/import/too-large", test_import_too_large);
  g_test_add_func ("/import/missing-path", test_import_missing_path);
  g_test_add_func ("/import/progress-and-cancel", test_import_progress_and_cancel);
  g_test_add_func ("/import/unknown-format", test_import_unknown_format);

  return g_test_run ();
}
