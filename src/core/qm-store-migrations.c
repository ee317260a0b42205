/* qm-store-migrations.c: the corpus file format, one migration per version. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "qm-error.h"
#include "qm-store-private.h"

/* A migration brings a corpus from version N - 1 to N. It runs inside the
 * transaction that also records N as user_version, so a corpus is always
 * at exactly one version, never between two. To change the format, add a
 * function to the table and raise QM_STORE_SCHEMA_VERSION; never edit a
 * migration that has been released, since corpora exist in that shape. */
typedef gboolean (*QmMigrationFunc) (QmStore  *self,
                                     GError  **error);

static gboolean
insert_meta (QmStore     *self,
             const char  *key,
             const char  *value,
             GError     **error)
{
  g_autoptr(QmStmt) stmt =
    qm_store_prepare (self, "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  return qm_store_step_done (self, stmt, error);
}

/* Offsets are code points; every foreign key that points at a span or a
 * document cascades, so deleting one never leaves dangling annotations. */
static gboolean
migrate_to_1 (QmStore  *self,
              GError  **error)
{
  static const char sql[] =
    "CREATE TABLE meta ("
    "  key TEXT PRIMARY KEY,"
    "  value TEXT NOT NULL"
    ");"
    "CREATE TABLE documents ("
    "  rowid INTEGER PRIMARY KEY,"
    "  id TEXT UNIQUE NOT NULL,"
    "  title TEXT,"
    "  language TEXT,"
    "  source TEXT,"
    "  url TEXT,"
    "  date TEXT,"
    "  imported INTEGER NOT NULL,"
    "  text TEXT NOT NULL,"
    "  sha256 TEXT UNIQUE NOT NULL,"
    "  n_chars INTEGER NOT NULL CHECK (n_chars >= 0),"
    "  metadata TEXT NOT NULL DEFAULT '{}'"
    ");"
    "CREATE TABLE entities ("
    "  rowid INTEGER PRIMARY KEY,"
    "  id TEXT UNIQUE NOT NULL,"
    "  name TEXT NOT NULL,"
    "  folded TEXT NOT NULL,"
    "  created INTEGER NOT NULL"
    ");"
    "CREATE INDEX entities_folded ON entities (folded);"
    "CREATE TABLE entity_aliases ("
    "  entity INTEGER NOT NULL REFERENCES entities (rowid) ON DELETE CASCADE,"
    "  alias TEXT NOT NULL,"
    "  folded TEXT NOT NULL,"
    "  UNIQUE (entity, alias)"
    ");"
    "CREATE INDEX entity_aliases_folded ON entity_aliases (folded);"
    "CREATE TABLE spans ("
    "  rowid INTEGER PRIMARY KEY,"
    "  id TEXT UNIQUE NOT NULL,"
    "  document INTEGER NOT NULL REFERENCES documents (rowid) ON DELETE CASCADE,"
    "  label TEXT NOT NULL,"
    "  start INTEGER NOT NULL,"
    "  \"end\" INTEGER NOT NULL,"
    "  annotator TEXT NOT NULL,"
    "  attributes TEXT NOT NULL DEFAULT '{}',"
    "  entity INTEGER REFERENCES entities (rowid) ON DELETE SET NULL,"
    "  created INTEGER NOT NULL,"
    "  modified INTEGER NOT NULL,"
    "  CHECK (start >= 0 AND \"end\" > start)"
    ");"
    "CREATE INDEX spans_document ON spans (document, start);"
    "CREATE INDEX spans_entity ON spans (entity);"
    "CREATE TABLE relations ("
    "  rowid INTEGER PRIMARY KEY,"
    "  id TEXT UNIQUE NOT NULL,"
    "  type TEXT NOT NULL,"
    "  from_span INTEGER NOT NULL REFERENCES spans (rowid) ON DELETE CASCADE,"
    "  to_span INTEGER NOT NULL REFERENCES spans (rowid) ON DELETE CASCADE,"
    "  annotator TEXT NOT NULL,"
    "  created INTEGER NOT NULL"
    ");"
    "CREATE INDEX relations_from_span ON relations (from_span);"
    "CREATE INDEX relations_to_span ON relations (to_span);"
    "CREATE TABLE targets ("
    "  rowid INTEGER PRIMARY KEY,"
    "  id TEXT UNIQUE NOT NULL,"
    "  name TEXT UNIQUE NOT NULL"
    ");"
    "CREATE TABLE stances ("
    "  span INTEGER NOT NULL REFERENCES spans (rowid) ON DELETE CASCADE,"
    "  target INTEGER NOT NULL REFERENCES targets (rowid) ON DELETE CASCADE,"
    "  value TEXT NOT NULL,"
    "  annotator TEXT NOT NULL,"
    "  created INTEGER NOT NULL,"
    "  PRIMARY KEY (span, target, annotator)"
    ");"
    "CREATE INDEX stances_target ON stances (target);"
    "CREATE TABLE statuses ("
    "  document INTEGER NOT NULL REFERENCES documents (rowid) ON DELETE CASCADE,"
    "  annotator TEXT NOT NULL,"
    "  status TEXT NOT NULL CHECK (status IN ('new', 'in_progress', 'done')),"
    "  modified INTEGER NOT NULL,"
    "  PRIMARY KEY (document, annotator)"
    ");";
  g_autoptr(QmSchema) schema = NULL;
  g_autofree char *schema_json = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format_iso8601 (now);

  if (!qm_store_exec (self, sql, error))
    return FALSE;

  schema = qm_schema_new_default ();
  schema_json = qm_schema_to_json (schema);

  return insert_meta (self, "schema", schema_json, error) &&
         insert_meta (self, "created", created, error) &&
         insert_meta (self, "created_by", "Quotemark " PACKAGE_VERSION, error);
}

/* The search index: for each document (same rowid), the words of its folded
 * title and text as qm-store-documents.c cuts them, Arabic words also without
 * their leading clitics. The words are cut in C and joined with spaces, so
 * the ascii tokenizer (which splits at ASCII punctuation and spaces only, and
 * takes every other byte as part of a word) sees exactly our words whatever
 * Unicode tables the SQLite library has. Measured on 10,000 articles of
 * 3 KB (41 MB of documents): contentless, because the text is in documents
 * already (storing the words too would add 40 MB); detail=none, because a
 * query is a set of word prefixes that must all occur, and positions would
 * make the index four times larger; prefixes of 1 to 3 letters indexed too,
 * because searching as the user types starts with those, and on a large
 * vocabulary "وال" took 30 ms without them and 4 ms with them, for a
 * 10 MB index instead of 8 MB. (The trigram tokenizer would find any
 * substring, but its index was 73 MB and slower to fill.) Being contentless,
 * the index can only drop a document given the same words it was given, so
 * a change to how words are made (or to qm_text_fold()) needs a migration
 * that rebuilds it. */
static gboolean
migrate_to_2 (QmStore  *self,
              GError  **error)
{
  static const char sql[] =
    "CREATE VIRTUAL TABLE document_words USING fts5 ("
    "  words,"
    "  tokenize = 'ascii',"
    "  content = '',"
    "  detail = none,"
    "  prefix = '1 2 3'"
    ")";

  return qm_store_exec (self, sql, error) &&
         qm_store_index_all_documents (self, error);
}

/* Index N holds the migration to version N. */
static const QmMigrationFunc migrations[] = {
  NULL,
  migrate_to_1,
  migrate_to_2,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == QM_STORE_SCHEMA_VERSION + 1);

static gboolean
read_user_version (QmStore  *self,
                   int      *version,
                   GError  **error)
{
  g_autoptr(QmStmt) stmt = qm_store_prepare (self, "PRAGMA user_version", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return qm_store_fail (self, rc, error);

  *version = sqlite3_column_int (stmt, 0);
  return TRUE;
}

static gboolean
run_migration (QmStore  *self,
               int       version,
               GError  **error)
{
  g_autofree char *pragmas = NULL;
  int current = 0;

  /* Another process may have upgraded the file while we waited for the
   * write lock; the version is read again under it. */
  if (!read_user_version (self, &current, error))
    return FALSE;
  if (current >= version)
    return TRUE;

  if (!migrations[version] (self, error))
    return FALSE;

  pragmas = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d",
                             QM_STORE_APPLICATION_ID, version);
  return qm_store_exec (self, pragmas, error);
}

gboolean
qm_store_migrate (QmStore  *self,
                  int       from_version,
                  GError  **error)
{
  g_return_val_if_fail (from_version >= 0, FALSE);

  for (int version = from_version + 1; version <= QM_STORE_SCHEMA_VERSION; version++)
    {
      g_autoptr(GError) local_error = NULL;

      if (!qm_store_write_begin (self, error))
        return FALSE;

      if (!qm_store_write_end (self, run_migration (self, version, &local_error), &local_error))
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                      _("Cannot update “%s” to corpus format %d: "),
                                      qm_store_get_display_name (self), version);
          return FALSE;
        }
    }

  return TRUE;
}
