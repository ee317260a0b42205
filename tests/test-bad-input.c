/* test-bad-input.c: the catalogue of bad input: each case the error it must
 * give (domain, code, and the file, line or byte it names), that nothing
 * committed before is lost, and that `quotemark check` still passes. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "qm-error.h"
#include "qm-import.h"
#include "qm-jsonl.h"
#include "qm-store.h"
/* For the full-disk and busy cases: PRAGMA max_page_count and the busy
 * timeout on the corpus connection. */
#include "qm-store-private.h"
#include "qm-test-util.h"

#define ARTICLE_EN "Talks resume\n\n“We are ready,” the minister said on Monday.\n"
#define ARTICLE_AR "استئناف المحادثات\n\nقال الوزير: «نحن مستعدون».\n"

typedef struct
{
  char      *dir;
  char      *corpus;
  QmStore   *store;        /* open while a case provokes its error */
  GPtrArray *documents;    /* ids of what was committed, which must stay */
  GPtrArray *spans;
  guint      n_added;      /* articles a case imported beside the bad input */
} Fixture;

typedef struct _BadInput BadInput;
struct _BadInput
{
  const char *path;
  /* Feeds the bad input to Quotemark and returns the error it gave. */
  void      (*provoke) (Fixture *fixture, const BadInput *bad, GError **error);
  GQuark    (*domain)  (void);   /* NULL: no error is expected */
  int         code;
  const char *place;             /* part of the message: file, line, byte */
  gboolean    as_nobody;         /* root would not see the error */
};

/* --- the corpus and its committed work --- */

static void
add_document (Fixture    *fixture,
              const char *id,
              const char *text)
{
  g_autoptr(QmDocument) document = qm_document_new ();
  g_autoptr(QmSpan) span = qm_span_new ();
  g_autoptr(GError) error = NULL;

  qm_document_set_id (document, id);
  qm_document_set_text (document, text);
  qm_store_add_document (fixture->store, document, &error);
  g_assert_no_error (error);
  g_ptr_array_add (fixture->documents, g_strdup (id));

  span->document_id = g_strdup (id);
  span->label = g_strdup ("Quote");
  span->start = 14;
  span->end = 24;
  span->annotator = g_strdup ("ana");
  qm_store_add_span (fixture->store, span, &error);
  g_assert_no_error (error);
  g_ptr_array_add (fixture->spans, g_strdup (span->id));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = qm_test_make_tmpdir ();
  fixture->corpus = g_build_filename (fixture->dir, "corpus.quotemark", NULL);
  fixture->documents = g_ptr_array_new_with_free_func (g_free);
  fixture->spans = g_ptr_array_new_with_free_func (g_free);
  fixture->store = qm_store_open (fixture->corpus, QM_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  add_document (fixture, "en", ARTICLE_EN);
  add_document (fixture, "ar", ARTICLE_AR);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_ptr_array_unref (fixture->documents);
  g_ptr_array_unref (fixture->spans);
  g_free (fixture->corpus);
  g_free (fixture->dir);
}

static char *
write_file (Fixture    *fixture,
            const char *name,
            const char *data,
            gssize      len)
{
  return qm_test_write_file (fixture->dir, name, data, len);
}

/* A good article next to the bad input: it goes in, bad input or not. */
static char *
write_good_article (Fixture    *fixture,
                    const char *name)
{
  g_autofree char *text = g_strdup_printf ("A good article\n\nIt is called %s and nothing is wrong with it.\n", name);

  return write_file (fixture, name, text, -1);
}

/* Imports @paths as the command line would and turns the one report entry
 * that is not an import into @error, which must carry the domain and code
 * of what went wrong. */
static void
import_expecting (Fixture            *fixture,
                  const char * const *paths,
                  QmReportKind        kind,
                  GError            **error)
{
  g_autoptr(QmReport) report = qm_report_new ();
  g_autoptr(GError) local_error = NULL;
  const QmReportEntry *found = NULL;

  g_assert_true (qm_import_paths (fixture->store, paths, NULL, report, NULL, &local_error));
  g_assert_no_error (local_error);

  for (guint i = 0; i < qm_report_get_n_entries (report); i++)
    {
      const QmReportEntry *entry = qm_report_get_entry (report, i);

      if (entry->kind == QM_REPORT_IMPORTED)
        {
          fixture->n_added++;
          continue;
        }
      g_assert_null (found);
      found = entry;
    }
  g_assert_nonnull (found);
  g_assert_cmpint (found->kind, ==, kind);
  g_assert_cmpuint (found->domain, !=, 0);
  g_set_error_literal (error, found->domain, found->code, found->message);
}

static void
import_file_expecting (Fixture      *fixture,
                       const char   *bad_path,
                       QmReportKind  kind,
                       GError      **error)
{
  g_autofree char *good = write_good_article (fixture, "good.txt");
  const char *paths[] = { bad_path, good, NULL };

  import_expecting (fixture, paths, kind, error);
  g_assert_cmpuint (fixture->n_added, ==, 1);
}

/* JSONL whose first line is good and whose last line is @bad_line. */
static void
import_jsonl_expecting (Fixture    *fixture,
                        const char *name,
                        const char *bad_line,
                        GError    **error)
{
  g_autofree char *data = g_strconcat ("{\"id\": \"fine\", \"text\": \"A good line of its own.\"}\n",
                                       bad_line, "\n", NULL);
  g_autofree char *path = write_file (fixture, name, data, -1);
  const char *paths[] = { path, NULL };

  import_expecting (fixture, paths, QM_REPORT_REJECTED, error);
  g_assert_cmpuint (fixture->n_added, ==, 1);
}

/* --- the cases --- */

static void
provoke_invalid_utf8 (Fixture        *fixture,
                      const BadInput *bad,
                      GError        **error)
{
  g_autofree char *path = write_file (fixture, "invalid-utf8.txt", "Headline\n\nAbc \xff def\n", -1);

  import_file_expecting (fixture, path, QM_REPORT_REJECTED, error);
}

static void
provoke_nul_bytes (Fixture        *fixture,
                   const BadInput *bad,
                   GError        **error)
{
  g_autofree char *path = write_file (fixture, "nul.txt", "Headline\n\nA\0B\n", 14);

  import_file_expecting (fixture, path, QM_REPORT_REJECTED, error);
}

static void
provoke_empty_file (Fixture        *fixture,
                    const BadInput *bad,
                    GError        **error)
{
  g_autofree char *path = write_file (fixture, "empty.txt", "", 0);

  import_file_expecting (fixture, path, QM_REPORT_REJECTED, error);
}

/* 200 MB that take no room: a sparse file. */
static void
provoke_huge_file (Fixture        *fixture,
                   const BadInput *bad,
                   GError        **error)
{
  g_autofree char *path = g_build_filename (fixture->dir, "huge.txt", NULL);
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, "Headline\n\n", 10), ==, 10);
  g_assert_cmpint (ftruncate (fd, (off_t) 200 * 1024 * 1024), ==, 0);
  close (fd);

  import_file_expecting (fixture, path, QM_REPORT_REJECTED, error);
}

static void
provoke_symlink_loop (Fixture        *fixture,
                      const BadInput *bad,
                      GError        **error)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "folder", NULL);
  g_autofree char *sub = g_build_filename (folder, "sub", NULL);
  g_autofree char *back = g_build_filename (sub, "back", NULL);
  g_autofree char *good = NULL;
  const char *paths[] = { folder, NULL };

  g_assert_cmpint (g_mkdir_with_parents (sub, 0700), ==, 0);
  g_assert_cmpint (symlink ("..", back), ==, 0);
  good = qm_test_write_file (sub, "article.txt", ARTICLE_EN "A line of its own.\n", -1);

  import_expecting (fixture, paths, QM_REPORT_SKIPPED, error);
  g_assert_cmpuint (fixture->n_added, ==, 1);
}

static void
provoke_unreadable_file (Fixture        *fixture,
                         const BadInput *bad,
                         GError        **error)
{
  g_autofree char *path = write_file (fixture, "unreadable.txt", ARTICLE_EN, -1);

  g_assert_cmpint (g_chmod (path, 0), ==, 0);
  import_file_expecting (fixture, path, QM_REPORT_REJECTED, error);
}

static void
provoke_truncated_jsonl (Fixture        *fixture,
                         const BadInput *bad,
                         GError        **error)
{
  import_jsonl_expecting (fixture, "truncated.jsonl", "{\"id\": \"cut\", \"text\": \"Half a li", error);
}

static void
provoke_span_beyond_text (Fixture        *fixture,
                          const BadInput *bad,
                          GError        **error)
{
  import_jsonl_expecting (fixture, "beyond.jsonl",
                          "{\"text\": \"Twenty characters ok\", \"spans\": "
                          "[{\"label\": \"Quote\", \"start\": 0, \"end\": 500}]}",
                          error);
}

static void
provoke_negative_offsets (Fixture        *fixture,
                          const BadInput *bad,
                          GError        **error)
{
  import_jsonl_expecting (fixture, "negative.jsonl",
                          "{\"text\": \"Twenty characters ok\", \"spans\": "
                          "[{\"label\": \"Quote\", \"start\": -3, \"end\": 4}]}",
                          error);
}

static void
provoke_unknown_label (Fixture        *fixture,
                       const BadInput *bad,
                       GError        **error)
{
  import_jsonl_expecting (fixture, "unknown-label.jsonl",
                          "{\"text\": \"Twenty characters ok\", \"spans\": "
                          "[{\"label\": \"Rumour\", \"start\": 0, \"end\": 6}]}",
                          error);
}

static void
provoke_missing_span (Fixture        *fixture,
                      const BadInput *bad,
                      GError        **error)
{
  import_jsonl_expecting (fixture, "missing-span.jsonl",
                          "{\"text\": \"Twenty characters ok\", "
                          "\"spans\": [{\"id\": \"s1\", \"label\": \"Quote\", \"start\": 0, \"end\": 6}], "
                          "\"relations\": [{\"type\": \"attributed_to\", \"from\": \"s1\", \"to\": \"ghost\"}]}",
                          error);
}

static void
provoke_duplicate_ids (Fixture        *fixture,
                       const BadInput *bad,
                       GError        **error)
{
  import_jsonl_expecting (fixture, "duplicate.jsonl",
                          "{\"text\": \"Twenty characters ok\", \"spans\": ["
                          "{\"id\": \"s1\", \"label\": \"Quote\", \"start\": 0, \"end\": 6}, "
                          "{\"id\": \"s1\", \"label\": \"Cue\", \"start\": 7, \"end\": 17}]}",
                          error);
}

/* Ten thousand levels: a parser that recursed on them would run out of
 * stack. */
static void
provoke_deep_nesting (Fixture        *fixture,
                      const BadInput *bad,
                      GError        **error)
{
  GString *line = g_string_new ("{\"text\": \"Twenty characters ok\", \"metadata\": {\"deep\": ");
  g_autofree char *data = NULL;

  for (guint i = 0; i < 10000; i++)
    g_string_append_c (line, '[');
  for (guint i = 0; i < 10000; i++)
    g_string_append_c (line, ']');
  g_string_append (line, "}}");
  data = g_string_free (line, FALSE);
  import_jsonl_expecting (fixture, "deep.jsonl", data, error);
}

static char *
file_checksum (const char *path)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  data = qm_test_read_file (path, &len);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
}

/* A copy of the corpus claiming a later format: refused, and left as it
 * was, by the library and by `quotemark check` alike. */
static void
provoke_newer_version (Fixture        *fixture,
                       const BadInput *bad,
                       GError        **error)
{
  g_autofree char *newer = g_build_filename (fixture->dir, "newer.quotemark", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *err = NULL;
  g_autofree char *wal = g_strconcat (newer, "-wal", NULL);
  g_autoptr(GError) copy_error = NULL;
  g_autoptr(GFile) from = g_file_new_for_path (fixture->corpus);
  g_autoptr(GFile) to = g_file_new_for_path (newer);
  const char *argv[] = { g_getenv ("QUOTEMARK_BIN"), "check", newer, NULL };
  sqlite3 *db = NULL;
  int status = 0;
  QmStore *store;

  /* Closing the last connection folds the WAL into the file. */
  g_clear_object (&fixture->store);
  g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &copy_error);
  g_assert_no_error (copy_error);
  g_assert_cmpint (sqlite3_open (newer, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = file_checksum (newer);

  store = qm_store_open (newer, QM_STORE_OPEN_DEFAULT, error);
  g_assert_null (store);

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, &err, &status, &copy_error);
  g_assert_no_error (copy_error);
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (err, "newer version"));

  after = file_checksum (newer);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

/* A corpus file nobody may write: opening it for work says so rather than
 * falling back to read-only without a word. */
static void
provoke_read_only_file (Fixture        *fixture,
                        const BadInput *bad,
                        GError        **error)
{
  QmStore *store;

  g_clear_object (&fixture->store);
  g_assert_cmpint (g_chmod (fixture->corpus, 0444), ==, 0);
  store = qm_store_open (fixture->corpus, QM_STORE_OPEN_DEFAULT, error);
  g_assert_null (store);
  g_assert_cmpint (g_chmod (fixture->corpus, 0644), ==, 0);
}

static void
provoke_opened_read_only (Fixture        *fixture,
                          const BadInput *bad,
                          GError        **error)
{
  g_autoptr(QmStore) store = NULL;
  g_autoptr(QmDocument) document = qm_document_new ();
  g_autoptr(GError) open_error = NULL;

  g_clear_object (&fixture->store);
  store = qm_store_open (fixture->corpus, QM_STORE_OPEN_READ_ONLY, &open_error);
  g_assert_no_error (open_error);
  qm_document_set_text (document, ARTICLE_EN "More.\n");
  g_assert_false (qm_store_add_document (store, document, error));
}

/* The corpus may not grow by more than a few pages: what SQLite reports
 * when the disk is full. */
static void
provoke_disk_full (Fixture        *fixture,
                   const BadInput *bad,
                   GError        **error)
{
  g_autoptr(QmReport) report = qm_report_new ();
  g_autoptr(GError) pragma_error = NULL;
  g_autofree char *good = write_good_article (fixture, "a-small.txt");
  g_autofree char *big_text = NULL;
  g_autofree char *big = NULL;
  const char *paths[] = { good, NULL, NULL };
  GString *text = g_string_new ("A long article\n\n");
  sqlite3_stmt *stmt = NULL;
  gint64 pages;

  while (text->len < 400 * 1024)
    g_string_append (text, "Paragraph after paragraph of a long article, said the editor. ");
  big_text = g_string_free (text, FALSE);
  big = write_file (fixture, "b-big.txt", big_text, -1);
  paths[1] = big;

  g_assert_cmpint (sqlite3_prepare_v2 (fixture->store->db, "PRAGMA page_count", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  pages = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  {
    g_autofree char *sql = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT, pages + 8);

    g_assert_true (qm_store_exec (fixture->store, sql, &pragma_error));
    g_assert_no_error (pragma_error);
  }

  g_assert_false (qm_import_paths (fixture->store, paths, NULL, report, NULL, error));
  /* The small one was in the batch the full disk rolled back, and says so;
   * the error is about the big one. */
  g_assert_cmpuint (qm_report_count (report, QM_REPORT_IMPORTED), ==, 0);
  g_assert_cmpuint (qm_report_count (report, QM_REPORT_REJECTED), ==, 1);
  g_assert_false (qm_store_in_transaction (fixture->store));
}

/* Another window holds the write lock longer than we wait. */
static void
provoke_busy (Fixture        *fixture,
              const BadInput *bad,
              GError        **error)
{
  g_autoptr(QmStore) other = NULL;
  g_autoptr(QmDocument) document = qm_document_new ();
  g_autoptr(GError) local_error = NULL;

  other = qm_store_open (fixture->corpus, QM_STORE_OPEN_DEFAULT, &local_error);
  g_assert_no_error (local_error);
  g_assert_true (qm_store_begin (other, &local_error));

  /* Five seconds is what a user waits; a test need not. */
  sqlite3_busy_timeout (fixture->store->db, 100);
  qm_document_set_text (document, ARTICLE_EN "Later.\n");
  g_assert_false (qm_store_add_document (fixture->store, document, error));

  /* Once the other is done, the same change goes in. */
  qm_store_rollback (other);
  g_assert_true (qm_store_add_document (fixture->store, document, &local_error));
  g_assert_no_error (local_error);
  fixture->n_added++;
}

/* Two command lines importing into one corpus at once: both finish and
 * nothing of either is lost. */
static void
provoke_two_writers (Fixture        *fixture,
                     const BadInput *bad,
                     GError        **error)
{
  const char *bin = g_getenv ("QUOTEMARK_BIN");
  GPid pids[2];

  g_clear_object (&fixture->store);
  for (guint p = 0; p < 2; p++)
    {
      g_autofree char *name = g_strdup_printf ("batch-%u", p);
      g_autofree char *folder = g_build_filename (fixture->dir, name, NULL);
      const char *argv[] = { bin, "import", fixture->corpus, folder, NULL };
      g_autoptr(GError) spawn_error = NULL;

      g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
      for (guint i = 0; i < 40; i++)
        {
          g_autofree char *file = g_strdup_printf ("article-%u.txt", i);
          g_autofree char *text = g_strdup_printf ("Article %u of batch %u\n\nSaid nothing of note.\n", i, p);

          g_free (qm_test_write_file (folder, file, text, -1));
        }
      g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, &pids[p], &spawn_error);
      g_assert_no_error (spawn_error);
    }

  for (guint p = 0; p < 2; p++)
    {
      int status = 0;

      g_assert_cmpint (waitpid (pids[p], &status, 0), ==, pids[p]);
      g_spawn_check_wait_status (status, error);
      if (*error != NULL)
        return;
    }
  fixture->n_added = 80;
}

static const BadInput catalogue[] = {
  { "/bad-input/invalid-utf8", provoke_invalid_utf8, qm_error_quark, QM_ERROR_INVALID_TEXT,
    "invalid-utf8.txt: not valid UTF-8 at byte 14" },
  { "/bad-input/nul-bytes", provoke_nul_bytes, qm_error_quark, QM_ERROR_INVALID_TEXT,
    "nul.txt: NUL byte at byte 11" },
  { "/bad-input/empty-file", provoke_empty_file, qm_error_quark, QM_ERROR_INVALID_TEXT,
    "empty.txt: the text is empty" },
  { "/bad-input/huge-file", provoke_huge_file, qm_error_quark, QM_ERROR_INVALID_TEXT,
    "huge.txt: too large for an article (200 MB" },
  { "/bad-input/symlink-loop", provoke_symlink_loop, g_io_error_quark, G_IO_ERROR_TOO_MANY_LINKS,
    "sub/back: symbolic link loop" },
  { "/bad-input/unreadable-file", provoke_unreadable_file, g_file_error_quark, G_FILE_ERROR_ACCES,
    "unreadable.txt", TRUE },
  { "/bad-input/truncated-jsonl", provoke_truncated_jsonl, qm_error_quark, QM_ERROR_INVALID_DATA,
    "truncated.jsonl:2: not valid JSON" },
  { "/bad-input/span-beyond-text", provoke_span_beyond_text, qm_error_quark, QM_ERROR_INVALID_DATA,
    "beyond.jsonl:2: span 1: offsets 0–500 are not a span of the text (20 characters)" },
  { "/bad-input/negative-offsets", provoke_negative_offsets, qm_error_quark, QM_ERROR_INVALID_DATA,
    "negative.jsonl:2: span 1: offsets -3–4" },
  { "/bad-input/unknown-label", provoke_unknown_label, qm_error_quark, QM_ERROR_UNKNOWN_LABEL,
    "unknown-label.jsonl:2: span 1 has the label “Rumour”" },
  { "/bad-input/relation-to-missing-span", provoke_missing_span, qm_error_quark, QM_ERROR_INVALID_DATA,
    "missing-span.jsonl:2: relation 1 links span “ghost”" },
  { "/bad-input/duplicate-ids", provoke_duplicate_ids, qm_error_quark, QM_ERROR_INVALID_DATA,
    "duplicate.jsonl:2: span 2: the id “s1” is used twice" },
  { "/bad-input/deep-nesting", provoke_deep_nesting, qm_error_quark, QM_ERROR_INVALID_DATA,
    "deep.jsonl:2: nested deeper than 64 levels at byte" },
  { "/bad-input/newer-version", provoke_newer_version, qm_error_quark, QM_ERROR_NEWER_VERSION,
    "newer.quotemark” was written by a newer version of Quotemark (corpus format 99" },
  { "/bad-input/read-only-file", provoke_read_only_file, qm_error_quark, QM_ERROR_READ_ONLY,
    "corpus.quotemark” cannot be changed: you may not write to it", TRUE },
  { "/bad-input/opened-read-only", provoke_opened_read_only, qm_error_quark, QM_ERROR_READ_ONLY,
    "corpus.quotemark” was opened read-only" },
  { "/bad-input/disk-full", provoke_disk_full, qm_error_quark, QM_ERROR_DISK_FULL,
    "The disk holding “" },
  { "/bad-input/busy", provoke_busy, qm_error_quark, QM_ERROR_BUSY,
    "corpus.quotemark” is being changed by another program" },
  { "/bad-input/two-writers", provoke_two_writers, NULL, 0, NULL },
};

/* --- after each case --- */

/* Everything committed before the bad input is still there, and both the
 * library and the real command line find nothing wrong. */
static void
check_nothing_lost (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmStore) store = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { g_getenv ("QUOTEMARK_BIN"), "check", fixture->corpus, NULL };
  int status = 0;

  g_clear_object (&fixture->store);
  store = qm_store_open (fixture->corpus, QM_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < fixture->documents->len; i++)
    {
      g_autoptr(QmDocument) document = qm_store_get_document (store, g_ptr_array_index (fixture->documents, i), &error);

      g_assert_no_error (error);
      g_assert_nonnull (document);
    }
  for (guint i = 0; i < fixture->spans->len; i++)
    {
      g_autoptr(QmSpan) span = qm_store_get_span (store, g_ptr_array_index (fixture->spans, i), &error);

      g_assert_no_error (error);
      g_assert_nonnull (span);
    }
  g_assert_cmpuint (qm_store_count_documents (store, &error), ==, fixture->documents->len + fixture->n_added);
  g_assert_true (qm_store_check (store, &problems, &error));
  g_assert_no_error (error);
  qm_store_close (store);

  g_assert_nonnull (argv[0]);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("quotemark check failed: %s", err);
  g_assert_nonnull (strstr (out, "no problems found"));
}

/* Root reads and writes whatever the permissions say, so the cases about
 * permissions run as nobody, in a child process that hands the corpus to
 * nobody first. FALSE (and the test skipped) when that is impossible. */
static gboolean
become_nobody (Fixture *fixture)
{
  struct passwd *nobody = getpwnam ("nobody");
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (nobody == NULL)
    return FALSE;

  if (chown (fixture->dir, nobody->pw_uid, nobody->pw_gid) != 0)
    return FALSE;
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      if (lchown (path, nobody->pw_uid, nobody->pw_gid) != 0)
        return FALSE;
    }

  return setgroups (0, NULL) == 0
      && setgid (nobody->pw_gid) == 0
      && setuid (nobody->pw_uid) == 0
      && geteuid () == nobody->pw_uid;
}

/* Whether a child of this process may switch to nobody (a container may
 * not allow setuid even to root). */
static gboolean
can_become_nobody (void)
{
  struct passwd *nobody = getpwnam ("nobody");
  int status = 0;
  pid_t pid;

  if (nobody == NULL)
    return FALSE;
  pid = fork ();
  if (pid == 0)
    _exit (setgroups (0, NULL) == 0 && setgid (nobody->pw_gid) == 0 && setuid (nobody->pw_uid) == 0 ? 0 : 1);
  return pid > 0 && waitpid (pid, &status, 0) == pid && WIFEXITED (status) && WEXITSTATUS (status) == 0;
}

static void
test_bad_input (Fixture       *fixture,
                gconstpointer  data)
{
  const BadInput *bad = data;
  g_autoptr(GError) error = NULL;

  if (bad->as_nobody && geteuid () == 0)
    {
      if (!g_test_subprocess ())
        {
          if (!can_become_nobody ())
            {
              g_test_skip ("running as root, and this process cannot switch to the user nobody");
              return;
            }
          /* The child does the case and its checks; its corpus is its own. */
          g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
          g_test_trap_assert_passed ();
          return;
        }
      /* Permissions of the kernel, not of this process, decide here. */
      g_clear_object (&fixture->store);
      if (!become_nobody (fixture))
        g_error ("cannot switch to the user nobody: %s", g_strerror (errno));
      fixture->store = qm_store_open (fixture->corpus, QM_STORE_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
    }

  bad->provoke (fixture, bad, &error);

  if (bad->domain == NULL)
    g_assert_no_error (error);
  else
    {
      g_assert_error (error, bad->domain (), bad->code);
      if (strstr (error->message, bad->place) == NULL)
        g_error ("“%s” does not name “%s”", error->message, bad->place);
      g_test_message ("%s: %s", bad->path, error->message);
    }

  check_nothing_lost (fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (catalogue); i++)
    g_test_add (catalogue[i].path, Fixture, &catalogue[i],
                fixture_set_up, test_bad_input, fixture_tear_down);

  return g_test_run ();
}
