/* qm-store-documents.c: the articles of a corpus and each annotator's progress on them. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "qm-error.h"
#include "qm-store-private.h"

#define DOCUMENT_COLUMNS \
  "d.id, d.title, d.language, d.source, d.url, d.date, d.imported, d.sha256, d.n_chars, d.metadata"

/* Fills @document from the columns of DOCUMENT_COLUMNS, starting at 0. */
static void
fill_document (QmDocument *document,
               QmStmt     *stmt)
{
  qm_document_set_id (document, (const char *) sqlite3_column_text (stmt, 0));
  qm_document_set_title (document, (const char *) sqlite3_column_text (stmt, 1));
  qm_document_set_language (document, (const char *) sqlite3_column_text (stmt, 2));
  qm_document_set_source (document, (const char *) sqlite3_column_text (stmt, 3));
  qm_document_set_url (document, (const char *) sqlite3_column_text (stmt, 4));
  qm_document_set_date (document, (const char *) sqlite3_column_text (stmt, 5));
  qm_document_set_imported (document, sqlite3_column_int64 (stmt, 6));
  qm_document_set_sha256 (document, (const char *) sqlite3_column_text (stmt, 7));
  qm_document_set_n_chars (document, sqlite3_column_int64 (stmt, 8));
  qm_document_set_metadata (document, (const char *) sqlite3_column_text (stmt, 9));
}

static const char *
describe_document (QmDocument *document)
{
  const char *title = qm_document_get_title (document);

  if (title != NULL && *title != '\0')
    return title;
  if (qm_document_get_id (document) != NULL)
    return qm_document_get_id (document);

  return _("(untitled)");
}

static gboolean
check_metadata (QmStore     *self,
                QmDocument  *document,
                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, qm_document_get_metadata (document), -1, &local_error))
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                   _("Cannot add “%s” to “%s”: its metadata is not valid JSON (%s)."),
                   describe_document (document), qm_store_get_display_name (self), local_error->message);
      return FALSE;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                   _("Cannot add “%s” to “%s”: its metadata must be a JSON object."),
                   describe_document (document), qm_store_get_display_name (self));
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_not_duplicate (QmStore     *self,
                     QmDocument  *document,
                     const char  *id,
                     const char  *sha256,
                     GError     **error)
{
  g_autoptr(QmStmt) stmt =
    qm_store_prepare (self,
                      "SELECT id, coalesce(title, id), sha256 = ?1 FROM documents "
                      "WHERE sha256 = ?1 OR id = ?2 ORDER BY sha256 = ?1 DESC LIMIT 1",
                      error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return qm_store_fail (self, rc, error);

  if (sqlite3_column_int (stmt, 2))
    g_set_error (error, QM_ERROR, QM_ERROR_DUPLICATE,
                 _("“%s” is already in “%s”: document “%s” (%s) has the same text."),
                 describe_document (document), qm_store_get_display_name (self),
                 (const char *) sqlite3_column_text (stmt, 1),
                 (const char *) sqlite3_column_text (stmt, 0));
  else
    g_set_error (error, QM_ERROR, QM_ERROR_DUPLICATE,
                 _("Cannot add “%s” to “%s”: its id %s is already used by document “%s”."),
                 describe_document (document), qm_store_get_display_name (self), id,
                 (const char *) sqlite3_column_text (stmt, 1));

  return FALSE;
}

static gboolean
insert_document (QmStore     *self,
                 QmDocument  *document,
                 const char  *id,
                 const char  *sha256,
                 glong        n_chars,
                 gint64       imported,
                 GError     **error)
{
  g_autoptr(QmStmt) stmt = NULL;

  if (!check_not_duplicate (self, document, id, sha256, error))
    return FALSE;

  stmt = qm_store_prepare (self,
                           "INSERT INTO documents (id, title, language, source, url, date, imported, "
                           "text, sha256, n_chars, metadata) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, qm_document_get_title (document), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, qm_document_get_language (document), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, qm_document_get_source (document), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, qm_document_get_url (document), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, qm_document_get_date (document), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, imported);
  sqlite3_bind_text (stmt, 8, qm_document_get_text (document), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, sha256, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 10, n_chars);
  sqlite3_bind_text (stmt, 11, qm_document_get_metadata (document), -1, SQLITE_TRANSIENT);

  return qm_store_step_done (self, stmt, error);
}

gboolean
qm_store_add_document (QmStore     *self,
                       QmDocument  *document,
                       GError     **error)
{
  const char *text;
  g_autofree char *sha256 = NULL;
  g_autofree char *id = NULL;
  glong n_chars;
  gint64 imported;

  g_return_val_if_fail (QM_IS_STORE (self), FALSE);
  g_return_val_if_fail (QM_IS_DOCUMENT (document), FALSE);

  text = qm_document_get_text (document);
  if (text == NULL || *text == '\0')
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID_TEXT,
                   _("Cannot add “%s” to “%s”: it has no text."),
                   describe_document (document), qm_store_get_display_name (self));
      return FALSE;
    }
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID_TEXT,
                   _("Cannot add “%s” to “%s”: its text is not valid UTF-8."),
                   describe_document (document), qm_store_get_display_name (self));
      return FALSE;
    }
  if (!check_metadata (self, document, error))
    return FALSE;

  /* Computed here rather than trusted from the object: annotations and
   * duplicate detection depend on them matching the stored text. */
  sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  n_chars = g_utf8_strlen (text, -1);

  id = g_strdup (qm_document_get_id (document));
  if (id == NULL || *id == '\0')
    {
      g_free (id);
      id = g_strdup_printf ("doc-%.16s", sha256);
    }

  imported = qm_document_get_imported (document);
  if (imported == 0)
    imported = g_get_real_time ();

  if (!qm_store_write_begin (self, error))
    return FALSE;
  if (!qm_store_write_end (self, insert_document (self, document, id, sha256, n_chars, imported, error), error))
    return FALSE;

  g_object_freeze_notify (G_OBJECT (document));
  qm_document_set_id (document, id);
  qm_document_set_sha256 (document, sha256);
  qm_document_set_n_chars (document, n_chars);
  qm_document_set_imported (document, imported);
  g_object_thaw_notify (G_OBJECT (document));

  return TRUE;
}

QmDocument *
qm_store_get_document (QmStore     *self,
                       const char  *id,
                       GError     **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  QmDocument *document;
  int rc;

  g_return_val_if_fail (QM_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = qm_store_prepare (self,
                           "SELECT " DOCUMENT_COLUMNS ", d.text FROM documents d WHERE d.id = ?1",
                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      qm_store_document_not_found (self, id, error);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      qm_store_fail (self, rc, error);
      return NULL;
    }

  document = qm_document_new ();
  /* The stored hash and length, which the annotations were checked
   * against, are the document's; qm_store_check() reports a length that
   * disagrees with the text. */
  fill_document (document, stmt);
  qm_document_set_stored_text (document, (const char *) sqlite3_column_text (stmt, 10));

  return document;
}

char *
qm_store_find_document_by_sha256 (QmStore     *self,
                                  const char  *sha256,
                                  GError     **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (QM_IS_STORE (self), NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);

  stmt = qm_store_prepare (self, "SELECT id FROM documents WHERE sha256 = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return qm_stmt_dup_text (stmt, 0);
  if (rc != SQLITE_DONE)
    qm_store_fail (self, rc, error);

  return NULL;
}

guint
qm_store_count_documents (QmStore  *self,
                          GError  **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (QM_IS_STORE (self), 0);

  stmt = qm_store_prepare (self, "SELECT count(*) FROM documents", error);
  if (stmt == NULL)
    return 0;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      qm_store_fail (self, rc, error);
      return 0;
    }

  return sqlite3_column_int64 (stmt, 0);
}

/* One statement, so a page is a consistent snapshot even while another
 * process writes; the text column is never read. */
GPtrArray *
qm_store_list_documents (QmStore     *self,
                         const char  *annotator,
                         guint        offset,
                         guint        limit,
                         GError     **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  int rc;

  g_return_val_if_fail (QM_IS_STORE (self), NULL);

  stmt = qm_store_prepare (self,
                           "SELECT " DOCUMENT_COLUMNS ", "
                           "(SELECT count(*) FROM spans s WHERE s.document = d.rowid AND s.label = ?1 "
                           "   AND (?2 IS NULL OR s.annotator = ?2)), "
                           "(SELECT st.status FROM statuses st WHERE st.document = d.rowid AND st.annotator = ?2) "
                           "FROM documents d ORDER BY d.rowid LIMIT ?3 OFFSET ?4",
                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, qm_schema_get_stance_label (self->schema), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, annotator, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, limit == 0 ? -1 : (gint64) limit);
  sqlite3_bind_int64 (stmt, 4, offset);

  documents = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      QmDocument *document = qm_document_new ();
      QmStatus status = QM_STATUS_NEW;

      fill_document (document, stmt);
      qm_document_set_n_quotes (document, sqlite3_column_int64 (stmt, 10));
      if (!qm_status_from_string ((const char *) sqlite3_column_text (stmt, 11), &status))
        status = QM_STATUS_NEW;
      qm_document_set_status (document, status);

      g_ptr_array_add (documents, document);
    }

  if (rc != SQLITE_DONE)
    {
      qm_store_fail (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&documents);
}

static gboolean
delete_document (QmStore     *self,
                 const char  *id,
                 GError     **error)
{
  g_autoptr(QmStmt) stmt = qm_store_prepare (self, "DELETE FROM documents WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (!qm_store_step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    return qm_store_document_not_found (self, id, error);

  return TRUE;
}

gboolean
qm_store_delete_document (QmStore     *self,
                          const char  *id,
                          GError     **error)
{
  g_return_val_if_fail (QM_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!qm_store_write_begin (self, error))
    return FALSE;

  return qm_store_write_end (self, delete_document (self, id, error), error);
}

static gboolean
check_annotator (QmStore     *self,
                 const char  *annotator,
                 GError     **error)
{
  if (annotator != NULL && *annotator != '\0')
    return TRUE;

  g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
               _("Cannot save a status in “%s” without an annotator name."),
               qm_store_get_display_name (self));
  return FALSE;
}

static gboolean
write_status (QmStore     *self,
              const char  *document_id,
              const char  *annotator,
              QmStatus     status,
              GError     **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  gint64 document;

  if (!qm_store_find_rowid (self, "documents", document_id, &document, error))
    return FALSE;
  if (document == 0)
    return qm_store_document_not_found (self, document_id, error);

  stmt = qm_store_prepare (self,
                           "INSERT INTO statuses (document, annotator, status, modified) "
                           "VALUES (?1, ?2, ?3, ?4) "
                           "ON CONFLICT (document, annotator) DO UPDATE "
                           "SET status = excluded.status, modified = excluded.modified",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, document);
  sqlite3_bind_text (stmt, 2, annotator, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, qm_status_to_string (status), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time ());

  return qm_store_step_done (self, stmt, error);
}

gboolean
qm_store_set_status (QmStore     *self,
                     const char  *document_id,
                     const char  *annotator,
                     QmStatus     status,
                     GError     **error)
{
  g_return_val_if_fail (QM_IS_STORE (self), FALSE);
  g_return_val_if_fail (document_id != NULL, FALSE);
  g_return_val_if_fail (status <= QM_STATUS_DONE, FALSE);

  if (!check_annotator (self, annotator, error))
    return FALSE;

  if (!qm_store_write_begin (self, error))
    return FALSE;

  return qm_store_write_end (self, write_status (self, document_id, annotator, status, error), error);
}

QmStatus
qm_store_get_status (QmStore     *self,
                     const char  *document_id,
                     const char  *annotator,
                     GError     **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  QmStatus status = QM_STATUS_NEW;
  gint64 document;
  int rc;

  g_return_val_if_fail (QM_IS_STORE (self), QM_STATUS_NEW);
  g_return_val_if_fail (document_id != NULL, QM_STATUS_NEW);

  if (!qm_store_find_rowid (self, "documents", document_id, &document, error))
    return QM_STATUS_NEW;
  if (document == 0)
    {
      qm_store_document_not_found (self, document_id, error);
      return QM_STATUS_NEW;
    }

  stmt = qm_store_prepare (self,
                           "SELECT status FROM statuses WHERE document = ?1 AND annotator = ?2",
                           error);
  if (stmt == NULL)
    return QM_STATUS_NEW;

  sqlite3_bind_int64 (stmt, 1, document);
  sqlite3_bind_text (stmt, 2, annotator, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    qm_status_from_string ((const char *) sqlite3_column_text (stmt, 0), &status);
  else if (rc != SQLITE_DONE)
    qm_store_fail (self, rc, error);

  return status;
}

GHashTable *
qm_store_get_statuses (QmStore     *self,
                       const char  *document_id,
                       GError     **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  g_autoptr(GHashTable) statuses = NULL;
  gint64 document;
  int rc;

  g_return_val_if_fail (QM_IS_STORE (self), NULL);
  g_return_val_if_fail (document_id != NULL, NULL);

  if (!qm_store_find_rowid (self, "documents", document_id, &document, error))
    return NULL;
  if (document == 0)
    {
      qm_store_document_not_found (self, document_id, error);
      return NULL;
    }

  stmt = qm_store_prepare (self,
                           "SELECT annotator, status FROM statuses WHERE document = ?1 ORDER BY annotator",
                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, document);

  statuses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      QmStatus status = QM_STATUS_NEW;

      qm_status_from_string ((const char *) sqlite3_column_text (stmt, 1), &status);
      g_hash_table_insert (statuses, qm_stmt_dup_text (stmt, 0), GINT_TO_POINTER (status));
    }

  if (rc != SQLITE_DONE)
    {
      qm_store_fail (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&statuses);
}
