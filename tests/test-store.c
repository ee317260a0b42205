/* test-store.c: the corpus store keeps the user's work and refuses what is not ours. */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "qm-error.h"
#include "qm-store.h"
#include "qm-test-util.h"
#include "qm-text.h"

#define ENGLISH_TEXT "The minister said: \"We will not accept these terms.\" Critics disagreed."
/* Arabic with harakat and a mixed line: offsets are code points, not bytes. */
#define ARABIC_TEXT "قال الوزير: «لن نقبل هذه الشروط». وقالت المعارضة إن الاتفاق ضروري."
#define MIXED_TEXT "Reuters: قال المتحدث \"the talks will resume\" next week."

/* --- helpers --- */

static char *
make_corpus_path (char **dir_out)
{
  g_autofree char *dir = qm_test_make_tmpdir ();
  char *path = g_build_filename (dir, "corpus.quotemark", NULL);

  if (dir_out != NULL)
    *dir_out = g_steal_pointer (&dir);
  return path;
}

static QmStore *
create_store (char **path_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = make_corpus_path (NULL);
  QmStore *store = qm_store_open (path, QM_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  if (path_out != NULL)
    *path_out = g_steal_pointer (&path);
  return store;
}

static QmDocument *
add_document (QmStore    *store,
              const char *title,
              const char *text)
{
  g_autoptr(GError) error = NULL;
  QmDocument *document = qm_document_new ();

  qm_document_set_title (document, title);
  qm_document_set_text (document, text);
  qm_store_add_document (store, document, &error);
  g_assert_no_error (error);
  return document;
}

static QmSpan *
make_span (const char *document_id,
           const char *label,
           glong       start,
           glong       end,
           const char *annotator)
{
  QmSpan *span = qm_span_new ();

  span->document_id = g_strdup (document_id);
  span->label = g_strdup (label);
  span->start = start;
  span->end = end;
  span->annotator = g_strdup (annotator);
  return span;
}

static QmSpan *
add_span (QmStore    *store,
          const char *document_id,
          const char *label,
          glong       start,
          glong       end,
          const char *annotator)
{
  g_autoptr(GError) error = NULL;
  QmSpan *span = make_span (document_id, label, start, end, annotator);

  qm_store_add_span (store, span, &error);
  g_assert_no_error (error);
  return span;
}

static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static gint64
raw_query_int (const char *path,
               const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  return value;
}

static char *
raw_query_text (const char *path,
                const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  return value;
}

static guint32
read_header_be32 (const char *path,
                  gsize       offset)
{
  gsize len = 0;
  g_autofree guint8 *data = (guint8 *) qm_test_read_file (path, &len);

  g_assert_cmpuint (len, >=, offset + 4);
  return ((guint32) data[offset] << 24) | ((guint32) data[offset + 1] << 16) |
         ((guint32) data[offset + 2] << 8) | data[offset + 3];
}

static guint
count_dir_entries (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (handle);
  while (g_dir_read_name (handle) != NULL)
    n++;
  return n;
}

/* Opening @path must fail with @code, name the file, and leave it exactly as
 * it was with nothing created beside it. */
static void
assert_refused_untouched (const char       *dir,
                          const char       *path,
                          QmStoreOpenFlags  flags,
                          GQuark            domain,
                          int               code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmStore) store = NULL;
  gsize before_len = 0, after_len = 0;
  g_autofree char *before = qm_test_read_file (path, &before_len);
  g_autofree char *after = NULL;
  guint n_entries = count_dir_entries (dir);

  store = qm_store_open (path, flags, &error);
  g_assert_null (store);
  g_assert_error (error, domain, code);
  g_assert_nonnull (strstr (error->message, path));

  after = qm_test_read_file (path, &after_len);
  g_assert_cmpmem (before, before_len, after, after_len);
  g_assert_cmpuint (count_dir_entries (dir), ==, n_entries);
  for (guint i = 0; i < 3; i++)
    {
      static const char * const suffixes[] = { "-wal", "-shm", "-journal" };
      g_autofree char *companion = g_strconcat (path, suffixes[i], NULL);

      g_assert_false (g_file_test (companion, G_FILE_TEST_EXISTS));
    }
}

/* --- records and documents --- */

static void
test_records (void)
{
  QmStatus status = QM_STATUS_NEW;
  g_autofree char *id1 = qm_new_id ();
  g_autofree char *id2 = qm_new_id ();
  g_autoptr(QmSpan) span = qm_span_new ();
  g_autoptr(QmSpan) copy = NULL;
  g_autoptr(QmEntity) entity = qm_entity_new ();
  QmSpan *boxed;

  for (QmStatus s = QM_STATUS_NEW; s <= QM_STATUS_DONE; s++)
    {
      g_assert_true (qm_status_from_string (qm_status_to_string (s), &status));
      g_assert_cmpint (status, ==, s);
    }
  g_assert_cmpstr (qm_status_to_string (QM_STATUS_IN_PROGRESS), ==, "in_progress");
  status = QM_STATUS_DONE;
  g_assert_false (qm_status_from_string ("finished", &status));
  g_assert_false (qm_status_from_string (NULL, &status));
  g_assert_cmpint (status, ==, QM_STATUS_DONE);

  g_assert_true (g_uuid_string_is_valid (id1));
  g_assert_cmpstr (id1, !=, id2);

  span->label = g_strdup ("Quote");
  span->start = 3;
  span->end = 9;
  qm_span_set_attribute (span, "type", "direct");
  copy = qm_span_copy (span);
  qm_span_set_attribute (span, "type", "indirect");
  g_assert_cmpstr (qm_span_get_attribute (copy, "type"), ==, "direct");
  g_assert_cmpstr (copy->label, ==, "Quote");
  g_assert_cmpint (copy->end, ==, 9);
  qm_span_set_attribute (span, "type", NULL);
  g_assert_null (qm_span_get_attribute (span, "type"));

  boxed = g_boxed_copy (QM_TYPE_SPAN, copy);
  g_assert_true (boxed == copy);
  g_boxed_free (QM_TYPE_SPAN, boxed);
  g_assert_cmpstr (copy->label, ==, "Quote");

  g_assert_nonnull (entity->aliases);
  g_ptr_array_add (entity->aliases, g_strdup ("alias"));
  g_assert_cmpuint (entity->aliases->len, ==, 1);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              GHashTable *counts)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, pspec->name));

  g_hash_table_insert (counts, (gpointer) pspec->name, GUINT_TO_POINTER (n + 1));
}

static void
test_document_object (void)
{
  g_autoptr(QmDocument) document = qm_document_new ();
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *expected = g_compute_checksum_for_string (G_CHECKSUM_SHA256, ARABIC_TEXT, -1);
  char *title = NULL;

  g_assert_cmpstr (qm_document_get_metadata (document), ==, "{}");
  g_signal_connect (document, "notify", G_CALLBACK (count_notify), counts);

  qm_document_set_text (document, ARABIC_TEXT);
  g_assert_cmpstr (qm_document_get_sha256 (document), ==, expected);
  g_assert_cmpint (qm_document_get_n_chars (document), ==, g_utf8_strlen (ARABIC_TEXT, -1));
  g_assert_cmpint (qm_document_get_n_chars (document), <, (glong) strlen (ARABIC_TEXT));
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, "text")), ==, 1);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, "sha256")), ==, 1);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, "n-chars")), ==, 1);

  /* The same value again changes nothing, so nothing is notified. */
  qm_document_set_text (document, ARABIC_TEXT);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, "text")), ==, 1);

  qm_document_set_title (document, "Talks");
  qm_document_set_status (document, QM_STATUS_DONE);
  qm_document_set_n_quotes (document, 4);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, "title")), ==, 1);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, "status")), ==, 1);
  g_object_get (document, "title", &title, NULL);
  g_assert_cmpstr (title, ==, "Talks");
  g_free (title);
  g_assert_cmpint (qm_document_get_status (document), ==, QM_STATUS_DONE);
  g_assert_cmpuint (qm_document_get_n_quotes (document), ==, 4);
}

/* --- opening --- */

static void
test_open_create (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = make_corpus_path (&dir);
  g_autoptr(QmStore) store = NULL;
  g_autoptr(QmDocument) document = NULL;
  g_autoptr(QmDocument) reread = NULL;

  /* Without CREATE a missing corpus is an error, and none appears. */
  store = qm_store_open (path, QM_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  store = qm_store_open (path, QM_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpstr (qm_store_get_path (store), ==, path);
  g_assert_false (qm_store_is_read_only (store));
  g_assert_nonnull (qm_store_get_schema (store));
  g_assert_nonnull (qm_schema_find_label (qm_store_get_schema (store), "Quote"));
  document = add_document (store, "English", ENGLISH_TEXT);
  g_clear_object (&store);

  g_assert_cmphex (read_header_be32 (path, 68), ==, QM_STORE_APPLICATION_ID);
  g_assert_cmpuint (read_header_be32 (path, 60), ==, QM_STORE_SCHEMA_VERSION);

  /* Reopening, with or without CREATE, finds what was saved. */
  store = qm_store_open (path, QM_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  reread = qm_store_get_document (store, qm_document_get_id (document), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (qm_document_get_text (reread), ==, ENGLISH_TEXT);
  g_clear_object (&store);

  store = qm_store_open (path, QM_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (qm_store_count_documents (store, &error), ==, 1);
  g_assert_no_error (error);
  qm_store_close (store);
  qm_store_close (store);

  /* Closing checkpoints the WAL: the corpus is one file again. */
  g_assert_cmpuint (count_dir_entries (dir), ==, 1);
}

static void
test_open_pragmas (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = make_corpus_path (&dir);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *journal_mode = NULL;
  g_autoptr(QmStore) store = NULL;
  g_autoptr(QmDocument) document = NULL;
  g_autoptr(QmSpan) span = NULL;
  g_autoptr(QmSpan) other = NULL;
  gsize len = 0;
  g_autofree guint8 *header = NULL;

  store = qm_store_open (path, QM_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  document = add_document (store, "English", ENGLISH_TEXT);
  span = add_span (store, qm_document_get_id (document), "Quote", 19, 53, "ana");
  other = add_span (store, qm_document_get_id (document), "Speaker", 4, 12, "ana");

  /* A write while open goes to the WAL beside the file. */
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  journal_mode = raw_query_text (path, "PRAGMA journal_mode");
  g_assert_cmpstr (journal_mode, ==, "wal");

  /* With foreign keys on, deleting the document takes its spans along;
   * with them off, the rows would stay behind. */
  qm_store_delete_document (store, qm_document_get_id (document), &error);
  g_assert_no_error (error);
  g_assert_cmpint (raw_query_int (path, "SELECT count(*) FROM spans"), ==, 0);
  g_assert_null (qm_store_get_span (store, span->id, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_NOT_FOUND);
  g_clear_object (&store);

  /* The file format says WAL (18 and 19 are the write and read versions). */
  header = (guint8 *) qm_test_read_file (path, &len);
  g_assert_cmpuint (len, >=, 100);
  g_assert_cmpuint (header[18], ==, 2);
  g_assert_cmpuint (header[19], ==, 2);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_open_not_sqlite (void)
{
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *text = qm_test_write_file (dir, "notes.quotemark", "These are my notes, not a corpus.\n", -1);
  g_autofree char *empty = NULL;

  assert_refused_untouched (dir, text, QM_STORE_OPEN_DEFAULT, QM_ERROR, QM_ERROR_NOT_A_CORPUS);
  /* CREATE must not take an existing file as permission to overwrite it. */
  assert_refused_untouched (dir, text, QM_STORE_OPEN_CREATE, QM_ERROR, QM_ERROR_NOT_A_CORPUS);
  assert_refused_untouched (dir, text, QM_STORE_OPEN_READ_ONLY, QM_ERROR, QM_ERROR_NOT_A_CORPUS);

  empty = qm_test_write_file (dir, "empty.quotemark", "", 0);
  assert_refused_untouched (dir, empty, QM_STORE_OPEN_CREATE, QM_ERROR, QM_ERROR_NOT_A_CORPUS);
}

static void
test_open_other_application (void)
{
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *plain = g_build_filename (dir, "plain.db", NULL);
  g_autofree char *tagged = g_build_filename (dir, "tagged.db", NULL);
  g_autofree char *wal = g_build_filename (dir, "wal.db", NULL);

  raw_exec (plain, "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('hello');");
  raw_exec (tagged, "PRAGMA application_id = 305419896; CREATE TABLE documents (x);");
  raw_exec (wal, "PRAGMA journal_mode = WAL; CREATE TABLE spans (y); INSERT INTO spans VALUES (1);");

  assert_refused_untouched (dir, plain, QM_STORE_OPEN_DEFAULT, QM_ERROR, QM_ERROR_NOT_A_CORPUS);
  assert_refused_untouched (dir, tagged, QM_STORE_OPEN_CREATE, QM_ERROR, QM_ERROR_NOT_A_CORPUS);
  assert_refused_untouched (dir, wal, QM_STORE_OPEN_DEFAULT, QM_ERROR, QM_ERROR_NOT_A_CORPUS);
  assert_refused_untouched (dir, wal, QM_STORE_OPEN_READ_ONLY, QM_ERROR, QM_ERROR_NOT_A_CORPUS);
}

static void
fill_corpus (QmStore *store,
             guint    n_documents)
{
  g_autoptr(GError) error = NULL;

  qm_store_begin (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n_documents; i++)
    {
      g_autofree char *text = g_strdup_printf ("Article %u. %s %s", i, ENGLISH_TEXT, ARABIC_TEXT);
      g_autoptr(QmDocument) document = add_document (store, "Article", text);
    }
  qm_store_commit (store, &error);
  g_assert_no_error (error);
}

static void
test_open_corrupt (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = make_corpus_path (&dir);
  g_autoptr(QmStore) store = NULL;
  g_autofree char *data = NULL;
  g_autofree char *truncated = NULL;
  g_autofree char *damaged = NULL;
  g_autofree char *stub = NULL;
  gsize len = 0;

  store = qm_store_open (path, QM_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  fill_corpus (store, 40);
  g_clear_object (&store);

  data = qm_test_read_file (path, &len);
  g_assert_cmpuint (len, >, 8192);
  g_unlink (path);

  /* Cut off, as by an interrupted copy. */
  truncated = qm_test_write_file (dir, "truncated.quotemark", data, len / 2);
  assert_refused_untouched (dir, truncated, QM_STORE_OPEN_DEFAULT, QM_ERROR, QM_ERROR_CORRUPT);

  /* A header whose page size is not a power of two. */
  data[16] = 0x03;
  data[17] = 0x00;
  damaged = qm_test_write_file (dir, "damaged.quotemark", data, len);
  assert_refused_untouched (dir, damaged, QM_STORE_OPEN_CREATE, QM_ERROR, QM_ERROR_CORRUPT);

  /* Ends inside the header. */
  stub = qm_test_write_file (dir, "stub.quotemark", data, 60);
  assert_refused_untouched (dir, stub, QM_STORE_OPEN_DEFAULT, QM_ERROR, QM_ERROR_CORRUPT);
}

static void
test_open_newer_version (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = make_corpus_path (&dir);
  g_autoptr(QmStore) store = NULL;
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", QM_STORE_SCHEMA_VERSION + 1);

  store = qm_store_open (path, QM_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  raw_exec (path, sql);
  g_assert_cmpuint (read_header_be32 (path, 60), ==, QM_STORE_SCHEMA_VERSION + 1);
  g_assert_cmpuint (count_dir_entries (dir), ==, 1);

  assert_refused_untouched (dir, path, QM_STORE_OPEN_DEFAULT, QM_ERROR, QM_ERROR_NEWER_VERSION);
  assert_refused_untouched (dir, path, QM_STORE_OPEN_READ_ONLY, QM_ERROR, QM_ERROR_NEWER_VERSION);
}

static void
test_open_read_only (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(QmStore) store = create_store (&path);
  g_autoptr(QmDocument) document = add_document (store, "English", ENGLISH_TEXT);
  g_autoptr(QmDocument) other = qm_document_new ();
  g_autoptr(QmDocument) reread = NULL;
  g_autofree char *missing = NULL;

  g_clear_object (&store);

  /* Asked for read-only: reading works, every write is refused. */
  store = qm_store_open (path, QM_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (qm_store_is_read_only (store));
  reread = qm_store_get_document (store, qm_document_get_id (document), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (qm_document_get_title (reread), ==, "English");

  qm_document_set_text (other, ARABIC_TEXT);
  g_assert_false (qm_store_add_document (store, other, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);
  g_assert_false (qm_store_begin (store, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_clear_object (&store);

  missing = g_strconcat (path, ".missing", NULL);
  g_assert_null (qm_store_open (missing, QM_STORE_OPEN_READ_ONLY | QM_STORE_OPEN_CREATE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* A file the user may not write: opening it for writing must say so
   * rather than let every later save fail. Root writes anyway. */
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  if (geteuid () == 0)
    {
      g_test_skip ("root may write to any file");
      return;
    }

  store = qm_store_open (path, QM_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, QM_ERROR, QM_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  store = qm_store_open (path, QM_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (qm_store_count_documents (store, &error), ==, 1);
  g_assert_no_error (error);
}

/* --- migrations --- */

static void
test_migrate_from_zero (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = make_corpus_path (NULL);
  g_autofree char *sql = g_strdup_printf ("PRAGMA application_id = %d", QM_STORE_APPLICATION_ID);
  g_autoptr(QmStore) store = NULL;
  g_autoptr(QmDocument) document = NULL;
  g_autoptr(QmSpan) span = NULL;

  /* An empty corpus marked as ours, at version 0. */
  raw_exec (path, sql);
  g_assert_cmphex (read_header_be32 (path, 68), ==, QM_STORE_APPLICATION_ID);
  g_assert_cmpuint (read_header_be32 (path, 60), ==, 0);

  store = qm_store_open (path, QM_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (qm_schema_find_label (qm_store_get_schema (store), "Speaker"));
  document = add_document (store, "Arabic", ARABIC_TEXT);
  span = add_span (store, qm_document_get_id (document), "Quote", 13, 31, "ana");
  g_clear_object (&store);

  g_assert_cmpint (raw_query_int (path, "PRAGMA user_version"), ==, QM_STORE_SCHEMA_VERSION);
  g_assert_cmpint (raw_query_int (path, "PRAGMA application_id"), ==, QM_STORE_APPLICATION_ID);
  g_assert_cmpint (raw_query_int (path, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN "
                                        "('meta', 'documents', 'spans', 'relations', 'entities', "
                                        "'entity_aliases', 'targets', 'stances', 'statuses')"), ==, 9);
  g_assert_cmpint (raw_query_int (path, "SELECT count(*) FROM meta WHERE key = 'schema'"), ==, 1);
  g_assert_cmpint (raw_query_int (path, "SELECT count(*) FROM spans"), ==, 1);
}

static void
test_migrate_atomic (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = make_corpus_path (NULL);
  g_autofree char *sql =
    g_strdup_printf ("PRAGMA application_id = %d; CREATE TABLE spans (leftover TEXT);", QM_STORE_APPLICATION_ID);
  g_autoptr(QmStore) store = NULL;

  /* A table in the way makes the migration fail half-way: nothing of it
   * may remain, and the version must not move. */
  raw_exec (path, sql);
  store = qm_store_open (path, QM_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, path));

  g_assert_cmpint (raw_query_int (path, "PRAGMA user_version"), ==, 0);
  g_assert_cmpint (raw_query_int (path, "SELECT count(*) FROM sqlite_master WHERE name IN ('meta', 'documents')"), ==, 0);
  g_assert_cmpint (raw_query_int (path, "SELECT count(*) FROM sqlite_master WHERE name = 'spans'"), ==, 1);
}

/* --- documents --- */

static void
test_documents (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(QmStore) store = create_store (&path);
  g_autoptr(QmDocument) english = qm_document_new ();
  g_autoptr(QmDocument) arabic = NULL;
  g_autoptr(QmDocument) copy = qm_document_new ();
  g_autoptr(QmDocument) same_id = qm_document_new ();
  g_autoptr(QmDocument) empty = qm_document_new ();
  g_autoptr(QmDocument) bad_metadata = qm_document_new ();
  g_autoptr(QmDocument) reread = NULL;
  g_autofree char *sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, ENGLISH_TEXT, -1);
  g_autofree char *expected_id = g_strdup_printf ("doc-%.16s", sha256);
  g_autofree char *found = NULL;

  qm_document_set_title (english, "Minister rejects terms");
  qm_document_set_language (english, "en");
  qm_document_set_source (english, "Wire");
  qm_document_set_url (english, "https://example.org/a");
  qm_document_set_date (english, "2024-05-01");
  qm_document_set_metadata (english, "{\"section\": \"world\"}");
  qm_document_set_text (english, ENGLISH_TEXT);
  qm_store_add_document (store, english, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (qm_document_get_id (english), ==, expected_id);
  g_assert_cmpint (qm_document_get_imported (english), >, 0);

  arabic = add_document (store, "تصريح الوزير", ARABIC_TEXT);
  g_assert_cmpuint (qm_store_count_documents (store, &error), ==, 2);
  g_assert_no_error (error);

  reread = qm_store_get_document (store, expected_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (qm_document_get_text (reread), ==, ENGLISH_TEXT);
  g_assert_cmpstr (qm_document_get_title (reread), ==, "Minister rejects terms");
  g_assert_cmpstr (qm_document_get_language (reread), ==, "en");
  g_assert_cmpstr (qm_document_get_source (reread), ==, "Wire");
  g_assert_cmpstr (qm_document_get_url (reread), ==, "https://example.org/a");
  g_assert_cmpstr (qm_document_get_date (reread), ==, "2024-05-01");
  g_assert_cmpstr (qm_document_get_metadata (reread), ==, "{\"section\": \"world\"}");
  g_assert_cmpstr (qm_document_get_sha256 (reread), ==, sha256);
  g_assert_cmpint (qm_document_get_n_chars (reread), ==, g_utf8_strlen (ENGLISH_TEXT, -1));
  g_assert_cmpint (qm_document_get_imported (reread), ==, qm_document_get_imported (english));
  g_clear_object (&reread);

  reread = qm_store_get_document (store, qm_document_get_id (arabic), &error);
  g_assert_no_error (error);
  g_assert_cmpint (qm_document_get_n_chars (reread), ==, g_utf8_strlen (ARABIC_TEXT, -1));

  found = qm_store_find_document_by_sha256 (store, sha256, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, expected_id);
  g_clear_pointer (&found, g_free);
  found = qm_store_find_document_by_sha256 (store, "0000", &error);
  g_assert_no_error (error);
  g_assert_null (found);

  /* The same text again, under another title: refused, naming both. */
  qm_document_set_title (copy, "Copy of the article");
  qm_document_set_text (copy, ENGLISH_TEXT);
  g_assert_false (qm_store_add_document (store, copy, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "Copy of the article"));
  g_assert_nonnull (strstr (error->message, "Minister rejects terms"));
  g_assert_nonnull (strstr (error->message, path));
  g_assert_null (qm_document_get_id (copy));
  g_clear_error (&error);

  qm_document_set_id (same_id, expected_id);
  qm_document_set_text (same_id, MIXED_TEXT);
  g_assert_false (qm_store_add_document (store, same_id, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, expected_id));
  g_clear_error (&error);

  g_assert_false (qm_store_add_document (store, empty, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_INVALID_TEXT);
  g_clear_error (&error);

  qm_document_set_text (bad_metadata, MIXED_TEXT);
  qm_document_set_metadata (bad_metadata, "[1, 2]");
  g_assert_false (qm_store_add_document (store, bad_metadata, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_INVALID_DATA);
  g_clear_error (&error);

  g_assert_cmpuint (qm_store_count_documents (store, &error), ==, 2);

  g_assert_null (qm_store_get_document (store, "doc-missing", &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "doc-missing"));
  g_clear_error (&error);

  qm_store_delete_document (store, qm_document_get_id (arabic), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (qm_store_count_documents (store, &error), ==, 1);
  g_assert_false (qm_store_delete_document (store, qm_document_get_id (arabic), &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_NOT_FOUND);
}

static void
test_documents_list (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmStore) store = create_store (NULL);
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GPtrArray) beyond = NULL;
  g_autoptr(GPtrArray) for_ana = NULL;
  g_autoptr(GPtrArray) for_anyone = NULL;
  const char *third;

  for (guint i = 0; i < 25; i++)
    {
      /* Titles in reverse, so sorting by title would show. */
      g_autofree char *title = g_strdup_printf ("Article %02u", 25 - i);
      g_autofree char *text = g_strdup_printf ("%s (%u)", MIXED_TEXT, i);

      g_ptr_array_add (added, add_document (store, title, text));
    }

  third = qm_document_get_id (g_ptr_array_index (added, 2));
  qm_span_unref (add_span (store, third, "Quote", 0, 7, "ana"));
  qm_span_unref (add_span (store, third, "Quote", 9, 20, "ana"));
  qm_span_unref (add_span (store, third, "Quote", 9, 20, "ben"));
  qm_span_unref (add_span (store, third, "Speaker", 0, 7, "ana"));
  qm_store_set_status (store, third, "ana", QM_STATUS_DONE, &error);
  g_assert_no_error (error);

  all = qm_store_list_documents (store, NULL, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 25);
  for (guint i = 0; i < all->len; i++)
    {
      QmDocument *listed = g_ptr_array_index (all, i);

      g_assert_cmpstr (qm_document_get_id (listed), ==, qm_document_get_id (g_ptr_array_index (added, i)));
      g_assert_null (qm_document_get_text (listed));
      g_assert_nonnull (qm_document_get_sha256 (listed));
      g_assert_cmpint (qm_document_get_status (listed), ==, QM_STATUS_NEW);
    }

  page = qm_store_list_documents (store, NULL, 10, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 10);
  g_assert_cmpstr (qm_document_get_id (g_ptr_array_index (page, 0)), ==,
                   qm_document_get_id (g_ptr_array_index (added, 10)));
  g_assert_cmpstr (qm_document_get_id (g_ptr_array_index (page, 9)), ==,
                   qm_document_get_id (g_ptr_array_index (added, 19)));

  beyond = qm_store_list_documents (store, NULL, 30, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (beyond->len, ==, 0);

  for_anyone = qm_store_list_documents (store, NULL, 2, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (qm_document_get_n_quotes (g_ptr_array_index (for_anyone, 0)), ==, 3);

  for_ana = qm_store_list_documents (store, "ana", 2, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (for_ana->len, ==, 2);
  g_assert_cmpuint (qm_document_get_n_quotes (g_ptr_array_index (for_ana, 0)), ==, 2);
  g_assert_cmpint (qm_document_get_status (g_ptr_array_index (for_ana, 0)), ==, QM_STATUS_DONE);
  g_assert_cmpuint (qm_document_get_n_quotes (g_ptr_array_index (for_ana, 1)), ==, 0);
  g_assert_cmpint (qm_document_get_status (g_ptr_array_index (for_ana, 1)), ==, QM_STATUS_NEW);
}

static void
test_documents_many (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmStore) store = create_store (NULL);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) last_page = NULL;
  g_autoptr(GTimer) timer = NULL;
  g_autofree char *long_text = NULL;
  GString *text = g_string_new (NULL);

  /* Long texts, so a listing that read them would be slow. */
  for (guint i = 0; i < 200; i++)
    g_string_append (text, ENGLISH_TEXT " ");
  long_text = g_string_free (text, FALSE);

  qm_store_begin (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 10000; i++)
    {
      g_autoptr(QmDocument) document = qm_document_new ();
      g_autofree char *body = g_strdup_printf ("%u %s", i, long_text);

      qm_document_set_text (document, body);
      qm_store_add_document (store, document, &error);
      g_assert_no_error (error);
    }
  qm_store_commit (store, &error);
  g_assert_no_error (error);

  timer = g_timer_new ();
  all = qm_store_list_documents (store, "ana", 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 10000);
  last_page = qm_store_list_documents (store, NULL, 9950, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (last_page->len, ==, 50);
  g_assert_cmpuint (qm_store_count_documents (store, &error), ==, 10000);
  g_test_message ("listing 10,000 documents took %.3f s", g_timer_elapsed (timer, NULL));
  /* What a listing leaves out, rather than how long it took (speed is the
   * benchmark's): the rows carry no text, which only opening reads. */
  for (guint i = 0; i < all->len; i++)
    g_assert_null (qm_document_get_text (g_ptr_array_index (all, i)));
  for (guint i = 0; i < last_page->len; i++)
    g_assert_null (qm_document_get_text (g_ptr_array_index (last_page, i)));
  g_assert_nonnull (qm_document_get_id (g_ptr_array_index (last_page, 49)));
}

/* --- spans and relations --- */

static void
assert_span_refused (QmStore    *store,
                     QmSpan     *span,
                     int         code,
                     const char *needle)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (qm_store_add_span (store, span, &error));
  g_assert_error (error, QM_ERROR, code);
  if (needle != NULL)
    g_assert_nonnull (strstr (error->message, needle));
  g_assert_null (span->id);
}

static void
test_spans (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(QmStore) store = create_store (&path);
  g_autoptr(QmDocument) document = add_document (store, "Arabic", ARABIC_TEXT);
  const char *doc_id = qm_document_get_id (document);
  glong n_chars = g_utf8_strlen (ARABIC_TEXT, -1);
  g_autoptr(QmSpan) quote = make_span (doc_id, "Quote", 13, 31, "ana");
  g_autoptr(QmSpan) whole = NULL;
  g_autoptr(QmSpan) reread = NULL;
  g_autoptr(QmSpan) bad = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autofree char *end_text = NULL;
  g_autofree char *attributes = NULL;
  gint64 modified;

  qm_span_set_attribute (quote, "type", "direct");
  qm_store_add_span (store, quote, &error);
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (quote->id));
  g_assert_cmpint (quote->created, >, 0);
  g_assert_cmpint (quote->modified, ==, quote->created);

  /* The whole text is a valid span: the end is n_chars in code points. */
  whole = add_span (store, doc_id, "Cue", 0, n_chars, "ana");

  reread = qm_store_get_span (store, quote->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reread->document_id, ==, doc_id);
  g_assert_cmpstr (reread->label, ==, "Quote");
  g_assert_cmpint (reread->start, ==, 13);
  g_assert_cmpint (reread->end, ==, 31);
  g_assert_cmpstr (reread->annotator, ==, "ana");
  g_assert_cmpstr (qm_span_get_attribute (reread, "type"), ==, "direct");
  g_assert_cmpint (reread->created, ==, quote->created);
  g_clear_pointer (&reread, qm_span_unref);

  /* Every kind of bad span is refused and leaves nothing behind. */
  bad = make_span (doc_id, "Opinion", 0, 5, "ana");
  assert_span_refused (store, bad, QM_ERROR_UNKNOWN_LABEL, "Opinion");
  g_clear_pointer (&bad, qm_span_unref);

  end_text = g_strdup_printf ("%ld", n_chars + 1);
  bad = make_span (doc_id, "Quote", 3, n_chars + 1, "ana");
  assert_span_refused (store, bad, QM_ERROR_INVALID_DATA, end_text);
  g_clear_pointer (&bad, qm_span_unref);

  bad = make_span (doc_id, "Quote", -1, 4, "ana");
  assert_span_refused (store, bad, QM_ERROR_INVALID_DATA, "-1");
  g_clear_pointer (&bad, qm_span_unref);

  bad = make_span (doc_id, "Quote", 8, 8, "ana");
  assert_span_refused (store, bad, QM_ERROR_INVALID_DATA, path);
  g_clear_pointer (&bad, qm_span_unref);

  bad = make_span (doc_id, "Quote", 9, 4, "ana");
  assert_span_refused (store, bad, QM_ERROR_INVALID_DATA, NULL);
  g_clear_pointer (&bad, qm_span_unref);

  bad = make_span (doc_id, "Quote", 0, 4, "ana");
  qm_span_set_attribute (bad, "type", "shouted");
  assert_span_refused (store, bad, QM_ERROR_UNKNOWN_LABEL, NULL);
  g_clear_pointer (&bad, qm_span_unref);

  bad = make_span ("doc-nowhere", "Quote", 0, 4, "ana");
  assert_span_refused (store, bad, QM_ERROR_NOT_FOUND, "doc-nowhere");
  g_clear_pointer (&bad, qm_span_unref);

  bad = make_span (doc_id, "Quote", 0, 4, "ana");
  bad->entity_id = g_strdup ("someone");
  assert_span_refused (store, bad, QM_ERROR_INVALID_DATA, NULL);
  g_clear_pointer (&bad, qm_span_unref);

  bad = make_span (doc_id, "Speaker", 0, 4, "ana");
  bad->entity_id = g_strdup ("nobody-known");
  assert_span_refused (store, bad, QM_ERROR_NOT_FOUND, "nobody-known");
  g_clear_pointer (&bad, qm_span_unref);

  bad = make_span (doc_id, "Quote", 0, 4, "ana");
  bad->id = g_strdup (quote->id);
  g_assert_false (qm_store_add_span (store, bad, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_clear_pointer (&bad, qm_span_unref);

  g_assert_cmpint (raw_query_int (path, "SELECT count(*) FROM spans"), ==, 2);

  /* Update: label and attributes change, offsets stay. */
  modified = quote->modified;
  g_usleep (2000);
  qm_span_set_attribute (quote, "type", "indirect");
  quote->start = 0;
  qm_store_update_span (store, quote, &error);
  g_assert_no_error (error);
  g_assert_cmpint (quote->modified, >, modified);
  reread = qm_store_get_span (store, quote->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (qm_span_get_attribute (reread, "type"), ==, "indirect");
  g_assert_cmpint (reread->start, ==, 13);
  g_assert_cmpint (reread->modified, ==, quote->modified);
  g_clear_pointer (&reread, qm_span_unref);

  qm_span_set_attribute (quote, "type", "loud");
  g_assert_false (qm_store_update_span (store, quote, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_UNKNOWN_LABEL);
  g_clear_error (&error);
  attributes = raw_query_text (path, "SELECT attributes FROM spans WHERE start = 13");
  g_assert_cmpstr (attributes, ==, "{\"type\":\"indirect\"}");

  /* Listing: by start, longer first, then id; filtered by annotator. */
  qm_span_unref (add_span (store, doc_id, "Speaker", 0, 4, "ben"));
  qm_span_unref (add_span (store, doc_id, "Quote", 13, 20, "ben"));
  spans = qm_store_list_spans (store, doc_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, 4);
  for (guint i = 1; i < spans->len; i++)
    {
      QmSpan *a = g_ptr_array_index (spans, i - 1);
      QmSpan *b = g_ptr_array_index (spans, i);

      g_assert_true (a->start < b->start || (a->start == b->start && a->end >= b->end));
    }
  g_assert_cmpint (((QmSpan *) g_ptr_array_index (spans, 0))->end, ==, n_chars);
  g_clear_pointer (&spans, g_ptr_array_unref);

  spans = qm_store_list_spans (store, doc_id, "ben", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, 2);
  g_assert_cmpstr (((QmSpan *) g_ptr_array_index (spans, 0))->label, ==, "Speaker");
  g_clear_pointer (&spans, g_ptr_array_unref);

  g_assert_null (qm_store_list_spans (store, "doc-nowhere", NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  qm_store_delete_span (store, whole->id, &error);
  g_assert_no_error (error);
  g_assert_false (qm_store_delete_span (store, whole->id, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_NOT_FOUND);
}

static void
test_span_attributes_sorted (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(QmStore) store = create_store (&path);
  g_autofree char *json = qm_schema_to_json (qm_store_get_schema (store));
  g_autoptr(QmSchema) schema = qm_schema_new_from_json (json, -1, &error);
  g_autoptr(QmDocument) document = add_document (store, "English", ENGLISH_TEXT);
  g_autoptr(QmSpan) quote = make_span (qm_document_get_id (document), "Quote", 19, 53, "ana");
  g_autoptr(QmSpan) reread = NULL;
  g_autofree char *stored = NULL;

  g_assert_no_error (error);
  qm_schema_add_attribute_value (schema, "Quote", "channel", "tv");
  qm_store_set_schema (store, schema, &error);
  g_assert_no_error (error);

  /* Inserted in the opposite order of the sorted one. */
  qm_span_set_attribute (quote, "type", "direct");
  qm_span_set_attribute (quote, "channel", "tv");
  qm_store_add_span (store, quote, &error);
  g_assert_no_error (error);

  stored = raw_query_text (path, "SELECT attributes FROM spans");
  g_assert_cmpstr (stored, ==, "{\"channel\":\"tv\",\"type\":\"direct\"}");

  reread = qm_store_get_span (store, quote->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (reread->attributes), ==, 2);
  g_assert_cmpstr (qm_span_get_attribute (reread, "channel"), ==, "tv");
}

static void
assert_relation_refused (QmStore    *store,
                         const char *type,
                         const char *from_id,
                         const char *to_id,
                         int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmRelation) relation = qm_relation_new ();

  relation->type = g_strdup (type);
  relation->from_id = g_strdup (from_id);
  relation->to_id = g_strdup (to_id);
  relation->annotator = g_strdup ("ana");
  g_assert_false (qm_store_add_relation (store, relation, &error));
  g_assert_error (error, QM_ERROR, code);
  g_assert_nonnull (strstr (error->message, qm_store_get_path (store)));
  g_assert_null (relation->id);
}

static QmRelation *
add_relation (QmStore    *store,
              const char *type,
              const char *from_id,
              const char *to_id,
              const char *annotator)
{
  g_autoptr(GError) error = NULL;
  QmRelation *relation = qm_relation_new ();

  relation->type = g_strdup (type);
  relation->from_id = g_strdup (from_id);
  relation->to_id = g_strdup (to_id);
  relation->annotator = g_strdup (annotator);
  qm_store_add_relation (store, relation, &error);
  g_assert_no_error (error);
  g_assert_nonnull (relation->id);
  return relation;
}

static void
test_relations (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(QmStore) store = create_store (&path);
  g_autoptr(QmDocument) document = add_document (store, "English", ENGLISH_TEXT);
  g_autoptr(QmDocument) other = add_document (store, "Mixed", MIXED_TEXT);
  const char *doc_id = qm_document_get_id (document);
  g_autoptr(QmSpan) speaker = add_span (store, doc_id, "Speaker", 0, 12, "ana");
  g_autoptr(QmSpan) cue = add_span (store, doc_id, "Cue", 13, 17, "ana");
  g_autoptr(QmSpan) quote = add_span (store, doc_id, "Quote", 19, 53, "ana");
  g_autoptr(QmSpan) elsewhere = add_span (store, qm_document_get_id (other), "Quote", 0, 7, "ana");
  g_autoptr(QmRelation) attributed = NULL;
  g_autoptr(QmRelation) has_cue = NULL;
  g_autoptr(QmRelation) by_ben = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(QmSpan) reread = NULL;

  attributed = add_relation (store, "attributed_to", quote->id, speaker->id, "ana");
  has_cue = add_relation (store, "has_cue", quote->id, cue->id, "ana");
  by_ben = add_relation (store, "attributed_to", quote->id, speaker->id, "ben");

  assert_relation_refused (store, "attributed_to", speaker->id, quote->id, QM_ERROR_UNKNOWN_LABEL);
  assert_relation_refused (store, "contradicts", quote->id, speaker->id, QM_ERROR_UNKNOWN_LABEL);
  assert_relation_refused (store, "attributed_to", elsewhere->id, speaker->id, QM_ERROR_INVALID_DATA);
  assert_relation_refused (store, "attributed_to", quote->id, "span-gone", QM_ERROR_NOT_FOUND);
  g_assert_cmpint (raw_query_int (path, "SELECT count(*) FROM relations"), ==, 3);

  relations = qm_store_list_relations (store, doc_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (relations->len, ==, 3);
  for (guint i = 1; i < relations->len; i++)
    g_assert_cmpint (strcmp (((QmRelation *) g_ptr_array_index (relations, i - 1))->id,
                             ((QmRelation *) g_ptr_array_index (relations, i))->id), <, 0);
  g_clear_pointer (&relations, g_ptr_array_unref);

  relations = qm_store_list_relations (store, doc_id, "ben", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (relations->len, ==, 1);
  g_assert_cmpstr (((QmRelation *) g_ptr_array_index (relations, 0))->id, ==, by_ben->id);
  g_assert_cmpstr (((QmRelation *) g_ptr_array_index (relations, 0))->from_id, ==, quote->id);
  g_assert_cmpstr (((QmRelation *) g_ptr_array_index (relations, 0))->to_id, ==, speaker->id);
  g_assert_cmpstr (((QmRelation *) g_ptr_array_index (relations, 0))->type, ==, "attributed_to");
  g_clear_pointer (&relations, g_ptr_array_unref);

  /* Relabelling the speaker as a cue would break attributed_to. */
  g_free (speaker->label);
  speaker->label = g_strdup ("Cue");
  g_assert_false (qm_store_update_span (store, speaker, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_UNKNOWN_LABEL);
  g_clear_error (&error);
  reread = qm_store_get_span (store, speaker->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reread->label, ==, "Speaker");

  qm_store_delete_relation (store, has_cue->id, &error);
  g_assert_no_error (error);
  g_assert_false (qm_store_delete_relation (store, has_cue->id, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Deleting a span takes its links along. */
  qm_store_delete_span (store, speaker->id, &error);
  g_assert_no_error (error);
  relations = qm_store_list_relations (store, doc_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (relations->len, ==, 0);
  g_assert_cmpint (raw_query_int (path, "SELECT count(*) FROM relations"), ==, 0);
}

/* --- entities --- */

static QmEntity *
make_entity (const char *name,
             ...)
{
  QmEntity *entity = qm_entity_new ();
  const char *alias;
  va_list args;

  entity->name = g_strdup (name);
  va_start (args, name);
  while ((alias = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (entity->aliases, g_strdup (alias));
  va_end (args);
  return entity;
}

static void
assert_found (QmStore    *store,
              const char *name,
              const char *expected_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = qm_store_find_entities (store, name, &error);

  g_assert_no_error (error);
  if (expected_id == NULL)
    {
      g_assert_cmpuint (found->len, ==, 0);
      return;
    }
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((QmEntity *) g_ptr_array_index (found, 0))->id, ==, expected_id);
}

static void
test_entities (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmStore) store = create_store (NULL);
  g_autoptr(QmDocument) document = add_document (store, "Arabic", ARABIC_TEXT);
  const char *doc_id = qm_document_get_id (document);
  g_autoptr(QmEntity) abbas = make_entity ("Mahmoud Abbas", "مَحْمُود عَبَّاس", "Abu Mazen", "Abu Mazen", "Mahmoud Abbas", NULL);
  g_autoptr(QmEntity) president = make_entity ("President Abbas", "الرئيس عباس", NULL);
  g_autoptr(QmEntity) ahmed = make_entity ("Ahmed", NULL);
  g_autoptr(QmEntity) nameless = make_entity ("  ", NULL);
  g_autoptr(QmEntity) reread = NULL;
  g_autoptr(QmSpan) first = make_span (doc_id, "Speaker", 0, 3, "ana");
  g_autoptr(QmSpan) second = make_span (doc_id, "Speaker", 4, 10, "ana");
  g_autoptr(QmSpan) span = NULL;
  g_autoptr(GPtrArray) all = NULL;

  qm_store_save_entity (store, abbas, &error);
  g_assert_no_error (error);
  g_assert_nonnull (abbas->id);
  qm_store_save_entity (store, president, &error);
  g_assert_no_error (error);
  qm_store_save_entity (store, ahmed, &error);
  g_assert_no_error (error);
  g_assert_false (qm_store_save_entity (store, nameless, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_INVALID_DATA);
  g_clear_error (&error);

  /* Aliases in the order given, without repeats or the name itself. */
  reread = qm_store_get_entity (store, abbas->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reread->name, ==, "Mahmoud Abbas");
  g_assert_cmpuint (reread->aliases->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (reread->aliases, 0), ==, "مَحْمُود عَبَّاس");
  g_assert_cmpstr (g_ptr_array_index (reread->aliases, 1), ==, "Abu Mazen");
  g_clear_pointer (&reread, qm_entity_unref);

  /* An alias written with harakat is found by its bare form, and case
   * does not matter. */
  assert_found (store, "محمود عباس", abbas->id);
  assert_found (store, "ABU MAZEN", abbas->id);
  assert_found (store, "mahmoud abbas", abbas->id);
  assert_found (store, "Someone Else", NULL);

  all = qm_store_list_entities (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);
  g_assert_cmpstr (((QmEntity *) g_ptr_array_index (all, 0))->name, ==, "Ahmed");
  g_assert_cmpstr (((QmEntity *) g_ptr_array_index (all, 1))->name, ==, "Mahmoud Abbas");
  g_assert_cmpstr (((QmEntity *) g_ptr_array_index (all, 2))->name, ==, "President Abbas");
  g_clear_pointer (&all, g_ptr_array_unref);

  first->entity_id = g_strdup (abbas->id);
  qm_store_add_span (store, first, &error);
  g_assert_no_error (error);
  second->entity_id = g_strdup (president->id);
  qm_store_add_span (store, second, &error);
  g_assert_no_error (error);

  /* Saving again replaces the aliases. */
  g_ptr_array_set_size (abbas->aliases, 0);
  g_ptr_array_add (abbas->aliases, g_strdup ("Abu Mazen"));
  qm_store_save_entity (store, abbas, &error);
  g_assert_no_error (error);
  assert_found (store, "محمود عباس", NULL);
  assert_found (store, "abu mazen", abbas->id);

  /* Merging moves the mentions and keeps the names as aliases. */
  qm_store_merge_entities (store, abbas->id, president->id, &error);
  g_assert_no_error (error);
  span = qm_store_get_span (store, second->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (span->entity_id, ==, abbas->id);
  g_clear_pointer (&span, qm_span_unref);
  g_assert_null (qm_store_get_entity (store, president->id, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  reread = qm_store_get_entity (store, abbas->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reread->aliases->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (reread->aliases, 0), ==, "Abu Mazen");
  g_assert_cmpstr (g_ptr_array_index (reread->aliases, 1), ==, "President Abbas");
  g_assert_cmpstr (g_ptr_array_index (reread->aliases, 2), ==, "الرئيس عباس");
  g_clear_pointer (&reread, qm_entity_unref);
  assert_found (store, "president abbas", abbas->id);
  assert_found (store, "الرئيس عباس", abbas->id);

  g_assert_false (qm_store_merge_entities (store, abbas->id, abbas->id, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_false (qm_store_merge_entities (store, abbas->id, president->id, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Deleting a speaker keeps its mentions, without a speaker. */
  qm_store_delete_entity (store, abbas->id, &error);
  g_assert_no_error (error);
  span = qm_store_get_span (store, first->id, &error);
  g_assert_no_error (error);
  g_assert_null (span->entity_id);
  g_clear_pointer (&span, qm_span_unref);
  g_assert_false (qm_store_delete_entity (store, abbas->id, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  assert_found (store, "abu mazen", NULL);

  all = qm_store_list_entities (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1);
}

/* --- stance targets and judgements --- */

static QmStance *
make_stance (const char *span_id,
             const char *target_id,
             const char *value,
             const char *annotator)
{
  QmStance *stance = qm_stance_new ();

  stance->span_id = g_strdup (span_id);
  stance->target_id = g_strdup (target_id);
  stance->value = g_strdup (value);
  stance->annotator = g_strdup (annotator);
  return stance;
}

static void
set_stance (QmStore    *store,
            const char *span_id,
            const char *target_id,
            const char *value,
            const char *annotator)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmStance) stance = make_stance (span_id, target_id, value, annotator);

  qm_store_set_stance (store, stance, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stance->target_name);
}

static QmStance *
find_stance (GPtrArray  *stances,
             const char *span_id,
             const char *annotator)
{
  for (guint i = 0; i < stances->len; i++)
    {
      QmStance *stance = g_ptr_array_index (stances, i);

      if (g_str_equal (stance->span_id, span_id) && g_str_equal (stance->annotator, annotator))
        return stance;
    }
  return NULL;
}

static void
test_targets_stances (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(QmStore) store = create_store (&path);
  g_autoptr(QmDocument) document = add_document (store, "English", ENGLISH_TEXT);
  const char *doc_id = qm_document_get_id (document);
  g_autoptr(QmSpan) q1 = add_span (store, doc_id, "Quote", 19, 53, "ana");
  g_autoptr(QmSpan) q2 = add_span (store, doc_id, "Quote", 54, 70, "ana");
  g_autoptr(QmSpan) speaker = add_span (store, doc_id, "Speaker", 0, 12, "ana");
  g_autoptr(QmTarget) us = NULL;
  g_autoptr(QmTarget) us_again = NULL;
  g_autoptr(QmTarget) iran = NULL;
  g_autoptr(QmStance) stance = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GPtrArray) stances = NULL;

  us = qm_store_ensure_target (store, "United States", &error);
  g_assert_no_error (error);
  us_again = qm_store_ensure_target (store, "  United States ", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (us_again->id, ==, us->id);
  iran = qm_store_ensure_target (store, "Iran", &error);
  g_assert_no_error (error);
  g_assert_null (qm_store_ensure_target (store, " ", &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_INVALID_DATA);
  g_clear_error (&error);

  targets = qm_store_list_targets (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (targets->len, ==, 2);
  g_assert_cmpstr (((QmTarget *) g_ptr_array_index (targets, 0))->name, ==, "Iran");
  g_assert_cmpstr (((QmTarget *) g_ptr_array_index (targets, 1))->name, ==, "United States");
  g_clear_pointer (&targets, g_ptr_array_unref);

  /* Setting again replaces the judgement. */
  stance = make_stance (q1->id, us->id, "favor", "ana");
  qm_store_set_stance (store, stance, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stance->target_name, ==, "United States");
  set_stance (store, q1->id, us->id, "against", "ana");
  stances = qm_store_list_stances (store, doc_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stances->len, ==, 1);
  g_assert_cmpstr (((QmStance *) g_ptr_array_index (stances, 0))->value, ==, "against");
  g_assert_cmpstr (((QmStance *) g_ptr_array_index (stances, 0))->target_name, ==, "United States");
  g_clear_pointer (&stances, g_ptr_array_unref);
  g_clear_pointer (&stance, qm_stance_unref);

  stance = make_stance (q1->id, us->id, "maybe", "ana");
  g_assert_false (qm_store_set_stance (store, stance, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_UNKNOWN_LABEL);
  g_assert_nonnull (strstr (error->message, "favor"));
  g_clear_error (&error);
  g_clear_pointer (&stance, qm_stance_unref);

  stance = make_stance (speaker->id, us->id, "favor", "ana");
  g_assert_false (qm_store_set_stance (store, stance, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_clear_pointer (&stance, qm_stance_unref);

  stance = make_stance (q1->id, "target-gone", "favor", "ana");
  g_assert_false (qm_store_set_stance (store, stance, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  set_stance (store, q1->id, iran->id, "none", "ana");
  set_stance (store, q2->id, iran->id, "favor", "ana");
  set_stance (store, q2->id, us->id, "favor", "ben");

  stances = qm_store_list_stances (store, doc_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stances->len, ==, 4);
  for (guint i = 1; i < stances->len; i++)
    {
      QmStance *a = g_ptr_array_index (stances, i - 1);
      QmStance *b = g_ptr_array_index (stances, i);
      int by_span = strcmp (a->span_id, b->span_id);

      g_assert_true (by_span < 0 || (by_span == 0 && strcmp (a->target_name, b->target_name) <= 0));
    }
  g_clear_pointer (&stances, g_ptr_array_unref);

  stances = qm_store_list_stances (store, doc_id, "ben", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stances->len, ==, 1);
  g_clear_pointer (&stances, g_ptr_array_unref);

  /* Renaming shows in the stances; a name already taken is refused. */
  qm_store_rename_target (store, iran->id, "Islamic Republic of Iran", &error);
  g_assert_no_error (error);
  g_assert_false (qm_store_rename_target (store, iran->id, "United States", &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_false (qm_store_rename_target (store, "target-gone", "Elsewhere", &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  stances = qm_store_list_stances (store, doc_id, "ana", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (find_stance (stances, q2->id, "ana")->target_name, ==, "Islamic Republic of Iran");
  g_clear_pointer (&stances, g_ptr_array_unref);

  /* Merging Iran into the United States: q1 was judged on both by ana,
   * and the judgement on the United States stays. */
  qm_store_merge_targets (store, us->id, iran->id, &error);
  g_assert_no_error (error);
  targets = qm_store_list_targets (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (targets->len, ==, 1);
  stances = qm_store_list_stances (store, doc_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stances->len, ==, 3);
  g_assert_cmpstr (find_stance (stances, q1->id, "ana")->value, ==, "against");
  g_assert_cmpstr (find_stance (stances, q2->id, "ana")->value, ==, "favor");
  g_assert_cmpstr (find_stance (stances, q2->id, "ana")->target_id, ==, us->id);
  g_assert_cmpstr (find_stance (stances, q2->id, "ben")->value, ==, "favor");
  g_clear_pointer (&stances, g_ptr_array_unref);

  qm_store_delete_stance (store, q2->id, us->id, "ben", &error);
  g_assert_no_error (error);
  g_assert_false (qm_store_delete_stance (store, q2->id, us->id, "ben", &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Relabelling a quote that has stances would orphan them. */
  g_free (q1->label);
  q1->label = g_strdup ("Cue");
  g_assert_false (qm_store_update_span (store, q1, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_INVALID_DATA);
  g_clear_error (&error);

  /* Deleting a quote takes its stances along. */
  qm_store_delete_span (store, q1->id, &error);
  g_assert_no_error (error);
  stances = qm_store_list_stances (store, doc_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stances->len, ==, 1);
  g_assert_cmpint (raw_query_int (path, "SELECT count(*) FROM stances"), ==, 1);
}

/* --- statuses and statistics --- */

static void
test_statuses (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmStore) store = create_store (NULL);
  g_autoptr(QmDocument) document = add_document (store, "English", ENGLISH_TEXT);
  const char *doc_id = qm_document_get_id (document);
  g_autoptr(GHashTable) statuses = NULL;
  g_autoptr(GHashTable) counts = NULL;
  g_auto(GStrv) annotators = NULL;

  g_assert_cmpint (qm_store_get_status (store, doc_id, "ana", &error), ==, QM_STATUS_NEW);
  g_assert_no_error (error);

  qm_store_set_status (store, doc_id, "ana", QM_STATUS_IN_PROGRESS, &error);
  g_assert_no_error (error);
  qm_store_set_status (store, doc_id, "ben", QM_STATUS_DONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (qm_store_get_status (store, doc_id, "ana", &error), ==, QM_STATUS_IN_PROGRESS);
  qm_store_set_status (store, doc_id, "ana", QM_STATUS_DONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (qm_store_get_status (store, doc_id, "ana", &error), ==, QM_STATUS_DONE);

  statuses = qm_store_get_statuses (store, doc_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (statuses), ==, 2);
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (statuses, "ana")), ==, QM_STATUS_DONE);
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (statuses, "ben")), ==, QM_STATUS_DONE);

  g_assert_false (qm_store_set_status (store, "doc-gone", "ana", QM_STATUS_DONE, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (qm_store_set_status (store, doc_id, "", QM_STATUS_DONE, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_INVALID_DATA);
  g_clear_error (&error);
  qm_store_get_status (store, "doc-gone", "ana", &error);
  g_assert_error (error, QM_ERROR, QM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  qm_span_unref (add_span (store, doc_id, "Quote", 19, 53, "carl"));
  qm_span_unref (add_span (store, doc_id, "Quote", 54, 70, "ana"));
  qm_span_unref (add_span (store, doc_id, "Speaker", 0, 12, "ana"));

  annotators = qm_store_list_annotators (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (annotators), ==, 3);
  g_assert_cmpstr (annotators[0], ==, "ana");
  g_assert_cmpstr (annotators[1], ==, "ben");
  g_assert_cmpstr (annotators[2], ==, "carl");

  counts = qm_store_count_labels (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (counts), ==, 2);
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (counts, "Quote")), ==, 2);
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (counts, "Speaker")), ==, 1);
}

/* --- checking --- */

static void
fill_annotations (QmStore    *store,
                  QmDocument *document)
{
  g_autoptr(GError) error = NULL;
  const char *doc_id = qm_document_get_id (document);
  g_autoptr(QmSpan) quote = add_span (store, doc_id, "Quote", 19, 53, "ana");
  g_autoptr(QmSpan) speaker = add_span (store, doc_id, "Speaker", 0, 12, "ana");
  g_autoptr(QmRelation) relation = add_relation (store, "attributed_to", quote->id, speaker->id, "ana");
  g_autoptr(QmTarget) target = qm_store_ensure_target (store, "United States", &error);

  g_assert_no_error (error);
  set_stance (store, quote->id, target->id, "against", "ana");
}

static void
test_check_healthy (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmStore) store = create_store (NULL);
  g_autoptr(QmDocument) document = add_document (store, "English", ENGLISH_TEXT);
  g_autoptr(GPtrArray) problems = NULL;

  fill_annotations (store, document);
  g_assert_true (qm_store_check (store, &problems, &error));
  g_assert_no_error (error);
  g_assert_nonnull (problems);
  g_assert_cmpuint (problems->len, ==, 0);
}

static gboolean
problems_mention (GPtrArray  *problems,
                  const char *needle,
                  const char *other)
{
  for (guint i = 0; i < problems->len; i++)
    {
      const char *line = g_ptr_array_index (problems, i);

      if (strstr (line, needle) != NULL && (other == NULL || strstr (line, other) != NULL))
        return TRUE;
    }
  return FALSE;
}

static void
test_check_damaged (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(QmStore) store = create_store (&path);
  g_autoptr(QmDocument) document = add_document (store, "English", ENGLISH_TEXT);
  g_autoptr(GPtrArray) problems = NULL;

  fill_annotations (store, document);
  g_clear_object (&store);

  /* What a buggy tool writing behind our back could leave. */
  raw_exec (path,
            "PRAGMA foreign_keys = OFF;"
            "INSERT INTO spans (id, document, label, start, \"end\", annotator, created, modified) "
            "  VALUES ('span-too-long', (SELECT rowid FROM documents), 'Quote', 5, 5000, 'ana', 0, 0);"
            "INSERT INTO spans (id, document, label, start, \"end\", annotator, created, modified) "
            "  VALUES ('span-orphan', 999, 'Quote', 0, 3, 'ana', 0, 0);"
            "INSERT INTO spans (id, document, label, start, \"end\", annotator, created, modified) "
            "  VALUES ('span-bogus', (SELECT rowid FROM documents), 'Bogus', 0, 3, 'ana', 0, 0);");

  store = qm_store_open (path, QM_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_false (qm_store_check (store, &problems, &error));
  g_assert_no_error (error);
  g_assert_nonnull (problems);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", (const char *) g_ptr_array_index (problems, i));
  g_assert_true (problems_mention (problems, "span-too-long", "5000"));
  g_assert_true (problems_mention (problems, "spans", "documents"));
  g_assert_true (problems_mention (problems, "Bogus", NULL));
  g_assert_false (problems_mention (problems, "span-orphan", "5000"));
}

/* --- concurrency --- */

typedef struct
{
  QmStore *store;
  gboolean ok;
  GError *error;
  gint64 waited;
  gint done;
} Writer;

static gpointer
write_from_thread (gpointer data)
{
  Writer *writer = data;
  g_autoptr(QmDocument) document = qm_document_new ();
  gint64 start = g_get_monotonic_time ();

  qm_document_set_text (document, "Written by a second window while the first one saved a batch.");
  writer->ok = qm_store_add_document (writer->store, document, &writer->error);
  writer->waited = g_get_monotonic_time () - start;
  g_atomic_int_set (&writer->done, 1);
  return NULL;
}

static void
test_two_writers_wait (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(QmStore) first = create_store (&path);
  g_autoptr(QmStore) second = NULL;
  g_autoptr(QmStore) third = NULL;
  g_autoptr(QmDocument) one = NULL;
  g_autoptr(QmDocument) two = NULL;
  g_autoptr(GTimer) timer = NULL;
  Writer writer = { 0 };
  GThread *thread;

  qm_store_begin (first, &error);
  g_assert_no_error (error);
  one = add_document (first, "Batch 1", ENGLISH_TEXT);

  /* Opening needs no write lock: a second window opens at once while the
   * first one is in the middle of a batch, and does not see it yet. */
  timer = g_timer_new ();
  second = qm_store_open (path, QM_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 1.0);
  g_assert_cmpuint (qm_store_count_documents (second, &error), ==, 0);
  g_assert_no_error (error);
  writer.store = second;

  thread = g_thread_new ("second-writer", write_from_thread, &writer);
  g_usleep (600 * G_TIME_SPAN_MILLISECOND);
  /* Still waiting for the lock the first store holds. */
  g_assert_cmpint (g_atomic_int_get (&writer.done), ==, 0);

  two = add_document (first, "Batch 2", ARABIC_TEXT);
  qm_store_commit (first, &error);
  g_assert_no_error (error);
  g_thread_join (thread);

  g_assert_no_error (writer.error);
  g_assert_true (writer.ok);
  g_assert_cmpint (writer.waited, >=, 500 * G_TIME_SPAN_MILLISECOND);

  g_assert_cmpuint (qm_store_count_documents (first, &error), ==, 3);
  g_assert_cmpuint (qm_store_count_documents (second, &error), ==, 3);
  g_clear_object (&first);
  g_clear_object (&second);

  third = qm_store_open (path, QM_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (qm_store_count_documents (third, &error), ==, 3);
}

static void
test_two_writers_busy (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(QmStore) first = create_store (&path);
  g_autoptr(QmStore) second = qm_store_open (path, QM_STORE_OPEN_DEFAULT, &error);
  g_autoptr(QmDocument) held = NULL;
  g_autoptr(QmDocument) later = NULL;
  Writer writer = { 0 };
  GThread *thread;

  g_assert_no_error (error);
  writer.store = second;

  /* The first store holds the lock longer than the busy timeout. */
  qm_store_begin (first, &error);
  g_assert_no_error (error);
  held = add_document (first, "Held", ENGLISH_TEXT);

  thread = g_thread_new ("second-writer", write_from_thread, &writer);
  g_thread_join (thread);

  g_assert_false (writer.ok);
  g_assert_error (writer.error, QM_ERROR, QM_ERROR_BUSY);
  g_assert_nonnull (strstr (writer.error->message, path));
  g_assert_cmpint (writer.waited, >=, 4 * G_TIME_SPAN_SECOND);
  g_clear_error (&writer.error);

  qm_store_commit (first, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (qm_store_count_documents (second, &error), ==, 1);

  /* The failed writer works again once the lock is free. */
  later = add_document (second, "Later", ARABIC_TEXT);
  g_assert_cmpuint (qm_store_count_documents (first, &error), ==, 2);
}

/* --- transactions --- */

static void
test_transactions (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(QmStore) store = create_store (&path);
  g_autoptr(QmStore) other = NULL;
  g_autoptr(QmDocument) d1 = NULL;
  g_autoptr(QmDocument) d2 = NULL;
  g_autoptr(QmDocument) d3 = NULL;
  g_autoptr(QmDocument) d4 = NULL;
  g_autoptr(QmDocument) d5 = NULL;
  g_autoptr(QmDocument) reread = NULL;
  g_autoptr(QmSpan) bad = NULL;
  g_autoptr(QmSpan) good = NULL;
  g_autoptr(GPtrArray) spans = NULL;

  /* Rollback discards everything since begin. */
  g_assert_false (qm_store_in_transaction (store));
  qm_store_begin (store, &error);
  g_assert_no_error (error);
  g_assert_true (qm_store_in_transaction (store));
  d1 = add_document (store, "One", ENGLISH_TEXT);
  d2 = add_document (store, "Two", ARABIC_TEXT);
  g_assert_cmpuint (qm_store_count_documents (store, &error), ==, 2);
  g_assert_false (qm_store_begin (store, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_FAILED);
  g_clear_error (&error);
  qm_store_rollback (store);
  g_assert_false (qm_store_in_transaction (store));
  g_assert_cmpuint (qm_store_count_documents (store, &error), ==, 0);
  g_clear_object (&d1);
  g_clear_object (&d2);

  g_assert_false (qm_store_commit (store, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (qm_store_savepoint (store, "outside", &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_FAILED);
  g_clear_error (&error);

  /* Rolling back to a savepoint discards only what followed it. */
  qm_store_begin (store, &error);
  g_assert_no_error (error);
  d1 = add_document (store, "One", ENGLISH_TEXT);
  qm_store_savepoint (store, "document \"2\"", &error);
  g_assert_no_error (error);
  d2 = add_document (store, "Two", ARABIC_TEXT);
  qm_span_unref (add_span (store, qm_document_get_id (d2), "Quote", 0, 5, "ana"));
  qm_store_rollback_to (store, "document \"2\"");
  g_assert_true (qm_store_in_transaction (store));
  qm_store_savepoint (store, "document 3", &error);
  g_assert_no_error (error);
  d3 = add_document (store, "Three", MIXED_TEXT);
  qm_store_release (store, "document 3", &error);
  g_assert_no_error (error);
  qm_store_commit (store, &error);
  g_assert_no_error (error);
  g_assert_false (qm_store_in_transaction (store));

  g_assert_cmpuint (qm_store_count_documents (store, &error), ==, 2);
  g_assert_null (qm_store_get_document (store, qm_document_get_id (d2), &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  reread = qm_store_get_document (store, qm_document_get_id (d3), &error);
  g_assert_no_error (error);
  g_assert_cmpint (raw_query_int (path, "SELECT count(*) FROM spans"), ==, 0);

  /* A failing call inside a transaction leaves nothing of itself and the
   * transaction goes on. */
  qm_store_begin (store, &error);
  g_assert_no_error (error);
  d4 = add_document (store, "Four", "A fourth, short article.");
  bad = make_span (qm_document_get_id (d4), "Quote", 0, 500, "ana");
  g_assert_false (qm_store_add_span (store, bad, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_true (qm_store_in_transaction (store));
  good = add_span (store, qm_document_get_id (d4), "Quote", 0, 8, "ana");
  qm_store_commit (store, &error);
  g_assert_no_error (error);

  /* Committed work is visible to another connection. */
  other = qm_store_open (path, QM_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (qm_store_count_documents (other, &error), ==, 3);
  spans = qm_store_list_spans (other, qm_document_get_id (d4), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, 1);
  g_assert_cmpstr (((QmSpan *) g_ptr_array_index (spans, 0))->id, ==, good->id);

  /* Closing with a transaction open saves nothing of it. */
  qm_store_begin (store, &error);
  g_assert_no_error (error);
  d5 = add_document (store, "Five", "A fifth article, never committed.");
  qm_store_close (store);
  g_assert_cmpuint (qm_store_count_documents (other, &error), ==, 3);
  g_assert_no_error (error);
}

/* --- schema --- */

static void
count_schema_notify (GObject    *object,
                     GParamSpec *pspec,
                     guint      *count)
{
  (*count)++;
}

static void
test_schema (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(QmStore) store = create_store (&path);
  g_autoptr(QmDocument) document = add_document (store, "English", ENGLISH_TEXT);
  g_autofree char *json = qm_schema_to_json (qm_store_get_schema (store));
  g_autoptr(QmSchema) extended = qm_schema_new_from_json (json, -1, &error);
  g_autoptr(QmSchema) plain = qm_schema_new_default ();
  g_autoptr(QmSpan) claim = NULL;
  guint notified = 0;

  g_assert_no_error (error);
  g_signal_connect (store, "notify::schema", G_CALLBACK (count_schema_notify), &notified);

  qm_schema_add_label (extended, "Claim");
  qm_store_set_schema (store, extended, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_nonnull (qm_schema_find_label (qm_store_get_schema (store), "Claim"));
  claim = add_span (store, qm_document_get_id (document), "Claim", 0, 12, "ana");
  g_clear_object (&store);

  store = qm_store_open (path, QM_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (qm_schema_find_label (qm_store_get_schema (store), "Claim"));

  /* A schema without a label in use is refused; the old one stays. */
  g_assert_false (qm_store_set_schema (store, plain, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "Claim"));
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);
  g_assert_nonnull (qm_schema_find_label (qm_store_get_schema (store), "Claim"));
  g_clear_object (&store);

  store = qm_store_open (path, QM_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (qm_schema_find_label (qm_store_get_schema (store), "Claim"));
}

/* --- search --- */

/* Searches @query and checks that exactly the documents @... (ids, then
 * NULL) are found, in that order; and that the positions agree with them. */
static void
assert_search (QmStore    *store,
               const char *query,
               ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = qm_store_search_documents (store, query, &error);
  g_autoptr(GArray) positions = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  g_autoptr(GString) found_list = g_string_new (NULL);
  g_autoptr(GString) expected_list = g_string_new (NULL);
  const char *id;
  va_list args;

  g_assert_no_error (error);
  g_assert_nonnull (found);

  va_start (args, query);
  while ((id = va_arg (args, const char *)) != NULL)
    {
      g_ptr_array_add (expected, (gpointer) id);
      g_string_append_printf (expected_list, "%s ", id);
    }
  va_end (args);

  for (guint i = 0; i < found->len; i++)
    g_string_append_printf (found_list, "%s ", (const char *) g_ptr_array_index (found, i));
  if (g_strcmp0 (found_list->str, expected_list->str) != 0)
    g_test_message ("searching «%s»", query);
  g_assert_cmpstr (found_list->str, ==, expected_list->str);

  positions = qm_store_search_positions (store, query, &error);
  g_assert_no_error (error);
  g_assert_nonnull (positions);
  all = qm_store_list_documents (store, NULL, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (positions->len, ==, found->len);
  for (guint i = 0; i < positions->len; i++)
    {
      guint position = g_array_index (positions, guint, i);

      g_assert_cmpuint (position, <, all->len);
      g_assert_cmpstr (qm_document_get_id (g_ptr_array_index (all, position)), ==, g_ptr_array_index (found, i));
    }
}

static void
assert_no_filter (QmStore    *store,
                  const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = qm_store_search_documents (store, query, &error);
  g_autoptr(GArray) positions = NULL;

  g_assert_no_error (error);
  g_assert_null (found);
  positions = qm_store_search_positions (store, query, &error);
  g_assert_no_error (error);
  g_assert_null (positions);
}

static QmDocument *
add_document_with_id (QmStore    *store,
                      const char *id,
                      const char *title,
                      const char *text)
{
  g_autoptr(GError) error = NULL;
  QmDocument *document = qm_document_new ();

  qm_document_set_id (document, id);
  qm_document_set_title (document, title);
  qm_document_set_text (document, text);
  qm_store_add_document (store, document, &error);
  g_assert_no_error (error);
  return document;
}

static void
test_search_arabic (void)
{
  g_autoptr(QmStore) store = create_store (NULL);
  g_autoptr(QmDocument) vocalised = add_document_with_id (store, "vocalised", NULL,
                                                          "قال مُحَمَّد إن المحادثات ستستأنف.");
  g_autoptr(QmDocument) stretched = add_document_with_id (store, "stretched", NULL,
                                                          "وصل محـــمد إلى جنيف.");
  g_autoptr(QmDocument) bare = add_document_with_id (store, "bare", NULL, "غادر محمد القاهرة.");
  g_autoptr(QmDocument) other = add_document_with_id (store, "other", NULL, "قال أحمد إن الوفد وصل.");

  /* Harakat and tatweel count on neither side. */
  assert_search (store, "محمد", "vocalised", "stretched", "bare", NULL);
  assert_search (store, "مُحَمَّد", "vocalised", "stretched", "bare", NULL);
  assert_search (store, "مـحـمـد", "vocalised", "stretched", "bare", NULL);
  assert_search (store, "مُحـمد", "vocalised", "stretched", "bare", NULL);
  /* A hamza is part of its letter, not a mark to drop: أحمد is not احمد. */
  assert_search (store, "أحمد", "other", NULL);
  assert_search (store, "احمد", NULL);
  /* Harakat between two words do not join or split them. */
  assert_search (store, "قَالَ", "vocalised", "other", NULL);
}

static void
test_search_clitics (void)
{
  g_autoptr(QmStore) store = create_store (NULL);
  g_autoptr(QmDocument) article = add_document_with_id (store, "article", NULL, "وصل الرئيس إلى جنيف.");
  g_autoptr(QmDocument) and_article = add_document_with_id (store, "and-article", NULL, "وقال والرئيس أيضا.");
  g_autoptr(QmDocument) with_article = add_document_with_id (store, "with-article", NULL, "رحب بالرئيس الجديد.");
  g_autoptr(QmDocument) for_article = add_document_with_id (store, "for-article", NULL, "قدم الشكر للرئيس.");
  g_autoptr(QmDocument) bare = add_document_with_id (store, "bare", NULL, "انتخب رئيس جديد.");
  g_autoptr(QmDocument) future = add_document_with_id (store, "future", NULL, "وسيقول الوزير كلمته غدا.");

  /* The word without the article is in every one of them. */
  assert_search (store, "رئيس", "article", "and-article", "with-article", "for-article", "bare", NULL);
  /* With the article, only where it is written: للرئيس has lost its alef,
   * and the document view could not highlight الرئيس in it. */
  assert_search (store, "الرئيس", "article", "and-article", "with-article", NULL);
  assert_search (store, "والرئيس", "and-article", NULL);
  assert_search (store, "يقول", "future", NULL);
  assert_search (store, "سيقول", "future", NULL);
  /* Nothing is taken off the end or the middle of a word. */
  assert_search (store, "ئيس", NULL);
}

static void
test_search_english (void)
{
  g_autoptr(QmStore) store = create_store (NULL);
  g_autoptr(QmDocument) talks = add_document_with_id (store, "talks", "Talks in Geneva",
                                                      "The MINISTER said the talks would resume.");
  g_autoptr(QmDocument) ministry = add_document_with_id (store, "ministry", "Statement",
                                                         "A ministry spokesman in Cairo declined to comment.");
  g_autoptr(QmDocument) weather = add_document_with_id (store, "weather", "Weather in Geneva",
                                                        "Rain tomorrow, then sun.");
  g_autoptr(QmDocument) mixed = add_document_with_id (store, "mixed", NULL, MIXED_TEXT);

  /* Case does not matter, either way. */
  assert_search (store, "minister", "talks", NULL);
  assert_search (store, "Minister", "talks", NULL);
  assert_search (store, "TALKS", "talks", "mixed", NULL);
  /* Titles are searched as well as texts. */
  assert_search (store, "geneva", "talks", "weather", NULL);
  /* A word is a prefix of the words it finds... */
  assert_search (store, "minist", "talks", "ministry", NULL);
  assert_search (store, "m", "talks", "ministry", NULL);
  /* ...not any other part of them. */
  assert_search (store, "inister", NULL);
  /* Every word must be found, in any order and anywhere. */
  assert_search (store, "geneva minister", "talks", NULL);
  assert_search (store, "minister   geneva", "talks", NULL);
  assert_search (store, "geneva rain", "weather", NULL);
  assert_search (store, "geneva cairo", NULL);
  /* Punctuation separates words, like spaces. */
  assert_search (store, "geneva,minister.", "talks", NULL);
  /* Arabic and English in one query. */
  assert_search (store, "reuters المتحدث", "mixed", NULL);
  assert_search (store, "nothing", NULL);
}

static void
test_search_syntax (void)
{
  g_autoptr(QmStore) store = create_store (NULL);
  g_autoptr(QmDocument) both = add_document_with_id (store, "both", NULL,
                                                     "The minister and the envoy spoke near the border.");
  g_autoptr(QmDocument) one = add_document_with_id (store, "one", NULL, "The minister spoke.");
  g_autoptr(QmDocument) quoted = add_document_with_id (store, "quoted", NULL,
                                                       "He said \"not now\" (again) text: minister-level.");

  /* What would be FTS5 syntax is searched as words: "AND" is the word
   * "and", "NOT" the word "not", "NEAR" the word "near". */
  assert_search (store, "minister AND envoy", "both", NULL);
  assert_search (store, "minister NOT envoy", NULL);
  assert_search (store, "minister NOT", "quoted", NULL);
  assert_search (store, "minister OR nobody", NULL);
  assert_search (store, "NEAR(minister envoy)", "both", NULL);
  assert_search (store, "NEAR", "both", NULL);
  assert_search (store, "text:minister", "quoted", NULL);
  assert_search (store, "-minister", "both", "one", "quoted", NULL);
  assert_search (store, "minister -envoy", "both", NULL);
  assert_search (store, "^minister", "both", "one", "quoted", NULL);
  assert_search (store, "\"not now\"", "quoted", NULL);
  assert_search (store, "\"not", "quoted", NULL);
  assert_search (store, "minister\" OR \"x", NULL);
  assert_search (store, "(again)", "quoted", NULL);
  assert_search (store, "spok*", "both", "one", NULL);
  assert_search (store, "{minister envoy} : ( + ", "both", NULL);

  /* Nothing to look for: no filter, and no error. */
  assert_no_filter (store, NULL);
  assert_no_filter (store, "");
  assert_no_filter (store, "   \n\t");
  assert_no_filter (store, "\"");
  assert_no_filter (store, "*");
  assert_no_filter (store, "\"*():-^+{}");
  assert_no_filter (store, "«» ، ؟ — …");
  /* Harakat or a tatweel alone fold to nothing. */
  assert_no_filter (store, "ـــ َ");
}

static void
test_search_delete (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(QmStore) store = create_store (&path);
  g_autoptr(QmDocument) first = add_document_with_id (store, "first", NULL, "Talks resumed in Geneva.");
  g_autoptr(QmDocument) second = add_document_with_id (store, "second", NULL, "Talks stalled in Cairo. قال الوزير");
  g_autoptr(QmDocument) last = add_document_with_id (store, "last", NULL, "Zebras escaped from the zoo.");
  g_autoptr(QmDocument) reused = NULL;
  g_autoptr(QmDocument) again = NULL;
  g_autoptr(QmDocument) rolled_back = NULL;

  assert_search (store, "talks", "first", "second", NULL);
  qm_store_delete_document (store, "first", &error);
  g_assert_no_error (error);
  assert_search (store, "talks", "second", NULL);
  assert_search (store, "geneva", NULL);

  /* The last rowid is given again to the next document: the words of the
   * deleted one must not come back with it. */
  qm_store_delete_document (store, "last", &error);
  g_assert_no_error (error);
  reused = add_document_with_id (store, "reused", NULL, "Elephants crossed the road.");
  assert_search (store, "zebras", NULL);
  assert_search (store, "zoo", NULL);
  assert_search (store, "elephants", "reused", NULL);

  /* The same text added again is found again. */
  again = add_document_with_id (store, "again", NULL, "Talks resumed in Geneva.");
  assert_search (store, "geneva", "again", NULL);
  assert_search (store, "talks", "second", "again", NULL);

  /* A document rolled back with its transaction leaves nothing behind. */
  qm_store_begin (store, &error);
  g_assert_no_error (error);
  rolled_back = add_document_with_id (store, "rolled-back", NULL, "Giraffes too.");
  assert_search (store, "giraffes", "rolled-back", NULL);
  qm_store_rollback (store);
  assert_search (store, "giraffes", NULL);

  qm_store_delete_document (store, "second", &error);
  g_assert_no_error (error);
  assert_search (store, "talks", "again", NULL);
  assert_search (store, "الوزير", NULL);

  /* FTS5's own check of its index agrees. */
  raw_exec (path, "INSERT INTO document_words (document_words) VALUES ('integrity-check')");
  g_assert_cmpint (raw_query_int (path, "SELECT count(*) FROM document_words_docsize"), ==, 2);
}

static void
assert_title (QmStore    *store,
              const char *id,
              const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmDocument) document = qm_store_get_document (store, id, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (qm_document_get_title (document), ==, expected);
}

/* A refused title leaves the document as it was, and says why, naming the
 * document and the corpus. */
static void
assert_title_refused (QmStore    *store,
                      const char *id,
                      const char *title,
                      int         code,
                      const char *reason)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmDocument) before = qm_store_get_document (store, id, NULL);

  g_assert_false (qm_store_set_document_title (store, id, title, &error));
  g_assert_error (error, QM_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, id));
  g_assert_nonnull (strstr (error->message, "corpus.quotemark"));
  g_assert_nonnull (strstr (error->message, reason));
  if (before != NULL)
    assert_title (store, id, qm_document_get_title (before));
}

static void
test_set_title (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(QmStore) store = create_store (&path);
  g_autoptr(QmDocument) talks = add_document_with_id (store, "talks", "Get News Fast",
                                                      "The minister spoke in Geneva on Monday.");
  g_autoptr(QmDocument) weather = add_document_with_id (store, "weather", "Weather in Cairo", "Rain.");
  g_autoptr(QmDocument) added = NULL;
  g_autoptr(GString) longest = g_string_new (NULL);
  g_autofree char *too_long = NULL;

  assert_search (store, "fast", "talks", NULL);

  /* Stored as one line, and found by its words instead of the old ones;
   * the text is still found as before. */
  g_assert_true (qm_store_set_document_title (store, "talks", "  Ministers\n meet\tin   Lisbon ", &error));
  g_assert_no_error (error);
  assert_title (store, "talks", "Ministers meet in Lisbon");
  assert_search (store, "lisbon", "talks", NULL);
  assert_search (store, "fast", NULL);
  assert_search (store, "news", NULL);
  assert_search (store, "geneva", "talks", NULL);
  assert_search (store, "minister", "talks", NULL);
  assert_search (store, "cairo", "weather", NULL);

  /* Arabic titles are searched like Arabic text, clitics and all. */
  g_assert_true (qm_store_set_document_title (store, "weather", "أمطار غزيرة في القاهرة", &error));
  g_assert_no_error (error);
  assert_search (store, "القاهرة", "weather", NULL);
  assert_search (store, "قاهرة", "weather", NULL);
  assert_search (store, "cairo", NULL);

  assert_title_refused (store, "talks", "", QM_ERROR_INVALID_DATA, "empty");
  assert_title_refused (store, "talks", " \n\t ", QM_ERROR_INVALID_DATA, "empty");
  assert_title_refused (store, "talks", "ab\xFF" "cd", QM_ERROR_INVALID_TEXT, "UTF-8");
  assert_title_refused (store, "nowhere", "A title", QM_ERROR_NOT_FOUND, "There is no document");
  assert_search (store, "lisbon", "talks", NULL);

  /* As long as a guessed title may be, and not a character more. */
  for (guint i = 0; i < 50; i++)
    g_string_append (longest, "قال ");
  g_string_truncate (longest, longest->len - 1);
  g_assert_cmpint (g_utf8_strlen (longest->str, -1), ==, QM_TEXT_TITLE_MAX_CHARS - 1);
  g_string_append (longest, "x");
  g_assert_true (qm_store_set_document_title (store, "talks", longest->str, &error));
  g_assert_no_error (error);
  assert_title (store, "talks", longest->str);
  too_long = g_strconcat (longest->str, "y", NULL);
  assert_title_refused (store, "talks", too_long, QM_ERROR_INVALID_DATA, "200");

  /* In an explicit transaction: a document added in it is indexed at the
   * commit under its new title, and a rollback restores the old one with
   * its words. */
  g_assert_true (qm_store_set_document_title (store, "talks", "Ministers meet in Lisbon", &error));
  g_assert_no_error (error);
  qm_store_begin (store, &error);
  g_assert_no_error (error);
  added = add_document_with_id (store, "added", "Old headline", "Giraffes crossed the road.");
  g_assert_true (qm_store_set_document_title (store, "added", "Giraffes on the loose", &error));
  g_assert_no_error (error);
  qm_store_commit (store, &error);
  g_assert_no_error (error);
  assert_search (store, "loose", "added", NULL);
  assert_search (store, "headline", NULL);

  qm_store_begin (store, &error);
  g_assert_no_error (error);
  g_assert_true (qm_store_set_document_title (store, "talks", "Something else", &error));
  g_assert_no_error (error);
  assert_search (store, "something", "talks", NULL);
  qm_store_rollback (store);
  assert_title (store, "talks", "Ministers meet in Lisbon");
  assert_search (store, "something", NULL);
  assert_search (store, "lisbon", "talks", NULL);

  /* FTS5's own check of its index agrees, and the title is in the file. */
  raw_exec (path, "INSERT INTO document_words (document_words) VALUES ('integrity-check')");
  g_clear_object (&store);
  store = qm_store_open (path, QM_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  assert_title (store, "talks", "Ministers meet in Lisbon");
  g_assert_false (qm_store_set_document_title (store, "talks", "Read only", &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_READ_ONLY);
  assert_title (store, "talks", "Ministers meet in Lisbon");
}

static void
test_search_order (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmStore) store = create_store (NULL);
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);

  /* Ids that sort the other way, and later documents that mention the word
   * more often, so that neither id nor relevance can pass for import order. */
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *id = g_strdup_printf ("doc-%02u", 99 - i);
      g_autoptr(GString) text = g_string_new (NULL);

      g_string_append_printf (text, "Article %u.", i);
      for (guint k = 0; k <= i; k++)
        g_string_append (text, i % 3 == 0 ? " Ceasefire talks." : " Weather.");
      g_ptr_array_add (documents, add_document_with_id (store, id, NULL, text->str));
    }

  assert_search (store, "ceasefire",
                 "doc-99", "doc-96", "doc-93", "doc-90", "doc-87",
                 "doc-84", "doc-81", "doc-78", "doc-75", "doc-72", NULL);

  /* Positions follow deletions: doc-96 is third in the corpus, then second. */
  qm_store_delete_document (store, "doc-98", &error);
  g_assert_no_error (error);
  assert_search (store, "ceasefire talks",
                 "doc-99", "doc-96", "doc-93", "doc-90", "doc-87",
                 "doc-84", "doc-81", "doc-78", "doc-75", "doc-72", NULL);
}

static void
test_search_read_only (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(QmStore) store = create_store (&path);
  g_autoptr(QmDocument) document = add_document_with_id (store, "talks", NULL, ENGLISH_TEXT);

  g_clear_object (&store);
  store = qm_store_open (path, QM_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  assert_search (store, "critics", "talks", NULL);
}

static void
test_migrate_search_index (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(QmStore) store = create_store (&path);
  g_autoptr(QmDocument) english = add_document_with_id (store, "english", "Minister rejects terms", ENGLISH_TEXT);
  g_autoptr(QmDocument) arabic = add_document_with_id (store, "arabic", "تصريح الوزير", ARABIC_TEXT);
  g_autoptr(QmDocument) mixed = add_document_with_id (store, "mixed", NULL, MIXED_TEXT);
  g_autofree char *v1 = NULL;

  g_clear_object (&store);

  /* A corpus as version 1 left it: version 2 only added the index. */
  raw_exec (path, "DROP TABLE document_words; PRAGMA user_version = 1;");
  g_assert_cmpint (raw_query_int (path, "SELECT count(*) FROM sqlite_master WHERE name LIKE 'document_words%'"), ==, 0);
  v1 = qm_test_read_file (path, NULL);

  /* Read-only, it cannot be brought up to date. */
  store = qm_store_open (path, QM_STORE_OPEN_READ_ONLY, &error);
  g_assert_null (store);
  g_assert_error (error, QM_ERROR, QM_ERROR_READ_ONLY);
  g_clear_error (&error);

  store = qm_store_open (path, QM_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (raw_query_int (path, "PRAGMA user_version"), ==, 2);

  /* Every document that was there is in the index. */
  assert_search (store, "minister", "english", NULL);
  assert_search (store, "الوزير", "arabic", NULL);
  assert_search (store, "وزير", "arabic", NULL);
  assert_search (store, "قال", "arabic", "mixed", NULL);
  assert_search (store, "rejects", "english", NULL);

  /* ...with the words that deleting gives again. */
  qm_store_delete_document (store, "arabic", &error);
  g_assert_no_error (error);
  assert_search (store, "قال", "mixed", NULL);
  raw_exec (path, "INSERT INTO document_words (document_words) VALUES ('integrity-check')");
}

static void
test_migrate_search_atomic (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(QmStore) store = create_store (&path);
  g_autoptr(QmDocument) english = add_document_with_id (store, "english", NULL, ENGLISH_TEXT);

  g_clear_object (&store);

  /* A table in the way of the index makes the migration fail: the corpus
   * stays at version 1, untouched. */
  raw_exec (path, "DROP TABLE document_words; PRAGMA user_version = 1; "
                  "CREATE TABLE document_words_data (x);");
  store = qm_store_open (path, QM_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_cmpint (raw_query_int (path, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (raw_query_int (path, "SELECT count(*) FROM sqlite_master WHERE name = 'document_words'"), ==, 0);
  g_assert_cmpint (raw_query_int (path, "SELECT count(*) FROM documents"), ==, 1);
}

/* What the undo history needs to bring things back as they were: a link
 * read by id, the mentions of a speaker, a target inserted with its own id
 * and deleted with its judgements, and every judgement on a target. */
static void
test_undo_support (void)
{
  g_autoptr(QmStore) store = create_store (NULL);
  g_autoptr(QmDocument) document = add_document (store, "Arabic", ARABIC_TEXT);
  const char *doc_id = qm_document_get_id (document);
  g_autoptr(QmSpan) quote = add_span (store, doc_id, "Quote", 13, 32, "amina");
  g_autoptr(QmSpan) speaker = add_span (store, doc_id, "Speaker", 4, 10, "amina");
  g_autoptr(QmRelation) relation = qm_relation_new ();
  g_autoptr(QmRelation) read = NULL;
  g_autoptr(QmEntity) entity = qm_entity_new ();
  g_autoptr(QmTarget) target = qm_target_new ();
  g_autoptr(QmTarget) twin = qm_target_new ();
  g_autoptr(QmStance) stance = qm_stance_new ();
  g_autoptr(GPtrArray) mentions = NULL;
  g_autoptr(GPtrArray) stances = NULL;
  g_autoptr(GError) error = NULL;

  relation->type = g_strdup ("attributed_to");
  relation->from_id = g_strdup (quote->id);
  relation->to_id = g_strdup (speaker->id);
  relation->annotator = g_strdup ("amina");
  g_assert_true (qm_store_add_relation (store, relation, &error));
  g_assert_no_error (error);
  read = qm_store_get_relation (store, relation->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read->type, ==, "attributed_to");
  g_assert_cmpstr (read->from_id, ==, quote->id);
  g_assert_cmpstr (read->to_id, ==, speaker->id);
  g_assert_cmpstr (read->annotator, ==, "amina");
  g_assert_null (qm_store_get_relation (store, "no-such-link", &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  entity->name = g_strdup ("الوزير");
  g_assert_true (qm_store_save_entity (store, entity, &error));
  g_free (speaker->entity_id);
  speaker->entity_id = g_strdup (entity->id);
  g_assert_true (qm_store_update_span (store, speaker, &error));
  g_assert_no_error (error);
  mentions = qm_store_list_mentions (store, entity->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mentions->len, ==, 1);
  g_assert_cmpstr (((QmSpan *) mentions->pdata[0])->id, ==, speaker->id);
  g_assert_null (qm_store_list_mentions (store, "no-such-speaker", &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  target->id = g_strdup ("target-1");
  target->name = g_strdup (" الاتفاق ");
  g_assert_true (qm_store_add_target (store, target, &error));
  g_assert_no_error (error);
  twin->id = g_strdup ("target-2");
  twin->name = g_strdup ("الاتفاق");
  g_assert_false (qm_store_add_target (store, twin, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_DUPLICATE);
  g_clear_error (&error);

  stance->span_id = g_strdup (quote->id);
  stance->target_id = g_strdup ("target-1");
  stance->value = g_strdup ("against");
  stance->annotator = g_strdup ("amina");
  g_assert_true (qm_store_set_stance (store, stance, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (stance->target_name, ==, "الاتفاق");
  stances = qm_store_list_target_stances (store, "target-1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stances->len, ==, 1);
  g_assert_cmpstr (((QmStance *) stances->pdata[0])->span_id, ==, quote->id);
  g_assert_cmpstr (((QmStance *) stances->pdata[0])->value, ==, "against");
  g_clear_pointer (&stances, g_ptr_array_unref);

  g_assert_true (qm_store_delete_target (store, "target-1", &error));
  g_assert_no_error (error);
  stances = qm_store_list_stances (store, doc_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stances->len, ==, 0);
  g_assert_false (qm_store_delete_target (store, "target-1", &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_NOT_FOUND);
}

/* In an explicit transaction (an import batch) documents are indexed for
 * search at the commit, all at once; savepoints rolled back, rowids used
 * again and documents deleted before the commit must all come out right. */
static void
test_search_index_at_commit (void)
{
  g_autoptr(QmStore) store = create_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(QmDocument) kept = NULL;
  g_autoptr(QmDocument) undone = NULL;
  g_autoptr(QmDocument) reused = NULL;
  g_autoptr(QmDocument) deleted = NULL;
  g_autoptr(QmDocument) failed = NULL;
  g_autoptr(QmDocument) later = NULL;

  g_assert_true (qm_store_begin (store, &error));
  kept = add_document_with_id (store, "kept", NULL, "Kept lions.");
  g_assert_true (qm_store_savepoint (store, "one", &error));
  undone = add_document_with_id (store, "undone", NULL, "Undone tigers.");
  qm_store_rollback_to (store, "one");
  /* Likely the rowid the rolled back document had. */
  reused = add_document_with_id (store, "reused", NULL, "Reused bears.");
  deleted = add_document_with_id (store, "deleted", NULL, "Deleted wolves.");
  g_assert_true (qm_store_delete_document (store, "deleted", &error));
  g_assert_no_error (error);
  g_assert_true (qm_store_commit (store, &error));
  g_assert_no_error (error);

  assert_search (store, "lions", "kept", NULL);
  assert_search (store, "tigers", NULL);
  assert_search (store, "bears", "reused", NULL);
  assert_search (store, "wolves", NULL);

  /* A transaction rolled back leaves nothing to index. */
  g_assert_true (qm_store_begin (store, &error));
  failed = add_document_with_id (store, "failed", NULL, "Failed foxes.");
  qm_store_rollback (store);
  later = add_document_with_id (store, "later", NULL, "Later hares.");
  assert_search (store, "foxes", NULL);
  assert_search (store, "hares", "later", NULL);

  /* Deleting what was indexed at a commit takes it out again. */
  g_assert_true (qm_store_delete_document (store, "kept", &error));
  assert_search (store, "lions", NULL);
  g_assert_true (qm_store_check (store, &problems, &error));
  g_assert_no_error (error);
}

/* Spans listed in reading order: by start, the longer first, then by id,
 * as SQL's ORDER BY start, "end" DESC, id has it, ties and all. */
static void
test_list_spans_order (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(QmStore) store = create_store (&path);
  g_autoptr(QmDocument) document = add_document (store, "English", ENGLISH_TEXT);
  g_autoptr(GRand) rand = g_rand_new_with_seed (8);
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GString) listed = g_string_new (NULL);
  g_autoptr(GString) expected = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  for (guint i = 0; i < 200; i++)
    {
      /* Few places, so that starts and ends repeat. */
      glong start = g_rand_int_range (rand, 0, 5);
      g_autoptr(QmSpan) span = make_span (qm_document_get_id (document), "Cue", start,
                                          start + g_rand_int_range (rand, 1, 4), "ana");

      span->id = g_strdup_printf ("%c%u", 'a' + g_rand_int_range (rand, 0, 26), g_rand_int (rand));
      qm_store_add_span (store, span, &error);
      g_assert_no_error (error);
    }

  spans = qm_store_list_spans (store, qm_document_get_id (document), NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < spans->len; i++)
    g_string_append_printf (listed, "%s ", ((QmSpan *) g_ptr_array_index (spans, i))->id);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id FROM spans ORDER BY start, \"end\" DESC, id", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (expected, "%s ", (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  g_assert_cmpstr (listed->str, ==, expected->str);
}

/* A document's links are listed by id, its stances by quote, target and
 * annotator, as SQL's ORDER BY has them. */
static void
test_list_links_and_stances_order (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(QmStore) store = create_store (&path);
  g_autoptr(QmDocument) document = add_document (store, "English", ENGLISH_TEXT);
  const char *doc_id = qm_document_get_id (document);
  g_autoptr(GRand) rand = g_rand_new_with_seed (12);
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GPtrArray) stances = NULL;
  g_autoptr(GString) listed = g_string_new (NULL);
  g_autoptr(GString) expected = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  for (guint i = 0; i < 40; i++)
    {
      g_autoptr(QmSpan) quote = add_span (store, doc_id, "Quote", i, i + 5, "ana");
      g_autoptr(QmSpan) speaker = add_span (store, doc_id, "Speaker", i + 6, i + 9, "ana");
      g_autoptr(QmRelation) relation = qm_relation_new ();

      relation->id = g_strdup_printf ("%c%u", 'a' + g_rand_int_range (rand, 0, 26), g_rand_int (rand));
      relation->type = g_strdup ("attributed_to");
      relation->from_id = g_strdup (quote->id);
      relation->to_id = g_strdup (speaker->id);
      relation->annotator = g_strdup ("ana");
      qm_store_add_relation (store, relation, &error);
      g_assert_no_error (error);

      for (guint k = 0; k < 3; k++)
        {
          g_autofree char *name = g_strdup_printf ("Target %c", 'A' + g_rand_int_range (rand, 0, 4));
          g_autoptr(QmTarget) target = qm_store_ensure_target (store, name, &error);
          g_autoptr(QmStance) stance = qm_stance_new ();

          g_assert_no_error (error);
          stance->span_id = g_strdup (quote->id);
          stance->target_id = g_strdup (target->id);
          stance->value = g_strdup ("favor");
          stance->annotator = g_strdup (k % 2 == 0 ? "ana" : "ben");
          qm_store_set_stance (store, stance, &error);
          g_assert_no_error (error);
        }
    }

  relations = qm_store_list_relations (store, doc_id, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < relations->len; i++)
    g_string_append_printf (listed, "%s ", ((QmRelation *) g_ptr_array_index (relations, i))->id);
  stances = qm_store_list_stances (store, doc_id, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < stances->len; i++)
    {
      QmStance *stance = g_ptr_array_index (stances, i);

      g_string_append_printf (listed, "%s/%s/%s ", stance->span_id, stance->target_name, stance->annotator);
    }

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id FROM relations ORDER BY id", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (expected, "%s ", (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT s.id, t.name, st.annotator FROM stances st "
                                       "JOIN spans s ON s.rowid = st.span JOIN targets t ON t.rowid = st.target "
                                       "ORDER BY s.id, t.name, st.annotator",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (expected, "%s/%s/%s ", (const char *) sqlite3_column_text (stmt, 0),
                            (const char *) sqlite3_column_text (stmt, 1), (const char *) sqlite3_column_text (stmt, 2));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  g_assert_cmpuint (relations->len, ==, 40);
  g_assert_cmpuint (stances->len, >, 40);
  g_assert_cmpstr (listed->str, ==, expected->str);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/records", test_records);
  g_test_add_func ("/store/document-object", test_document_object);
  g_test_add_func ("/store/open/create", test_open_create);
  g_test_add_func ("/store/open/pragmas", test_open_pragmas);
  g_test_add_func ("/store/open/not-sqlite", test_open_not_sqlite);
  g_test_add_func ("/store/open/other-application", test_open_other_application);
  g_test_add_func ("/store/open/corrupt", test_open_corrupt);
  g_test_add_func ("/store/open/newer-version", test_open_newer_version);
  g_test_add_func ("/store/open/read-only", test_open_read_only);
  g_test_add_func ("/store/migrations/from-zero", test_migrate_from_zero);
  g_test_add_func ("/store/migrations/atomic", test_migrate_atomic);
  g_test_add_func ("/store/documents/basic", test_documents);
  g_test_add_func ("/store/documents/list", test_documents_list);
  g_test_add_func ("/store/documents/many", test_documents_many);
  g_test_add_func ("/store/spans/basic", test_spans);
  g_test_add_func ("/store/spans/attributes-sorted", test_span_attributes_sorted);
  g_test_add_func ("/store/relations", test_relations);
  g_test_add_func ("/store/entities", test_entities);
  g_test_add_func ("/store/targets-stances", test_targets_stances);
  g_test_add_func ("/store/undo-support", test_undo_support);
  g_test_add_func ("/store/statuses", test_statuses);
  g_test_add_func ("/store/check/healthy", test_check_healthy);
  g_test_add_func ("/store/check/damaged", test_check_damaged);
  g_test_add_func ("/store/concurrency/wait", test_two_writers_wait);
  g_test_add_func ("/store/concurrency/busy", test_two_writers_busy);
  g_test_add_func ("/store/transactions", test_transactions);
  g_test_add_func ("/store/schema", test_schema);
  g_test_add_func ("/store/search/arabic", test_search_arabic);
  g_test_add_func ("/store/search/clitics", test_search_clitics);
  g_test_add_func ("/store/search/english", test_search_english);
  g_test_add_func ("/store/search/syntax", test_search_syntax);
  g_test_add_func ("/store/search/delete", test_search_delete);
  g_test_add_func ("/store/search/order", test_search_order);
  g_test_add_func ("/store/documents/set-title", test_set_title);
  g_test_add_func ("/store/search/read-only", test_search_read_only);
  g_test_add_func ("/store/migrations/search-index", test_migrate_search_index);
  g_test_add_func ("/store/migrations/search-index-atomic", test_migrate_search_atomic);
  g_test_add_func ("/store/search/index-at-commit", test_search_index_at_commit);
  g_test_add_func ("/store/spans/list-order", test_list_spans_order);
  g_test_add_func ("/store/spans/links-and-stances-order", test_list_links_and_stances_order);

  return g_test_run ();
}
