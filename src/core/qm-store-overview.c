/* qm-store-overview.c: the corpus-wide counts the Speakers and Overview pages show. */
#include "config.h"

#include "qm-store-private.h"

/* The first relation of the schema from the stance label to a label whose
 * spans refer to entities (@to_entity) or to one whose spans do not. */
static const char *
find_quote_relation (QmStore  *self,
                     gboolean  to_entity)
{
  QmSchema *schema = self->schema;
  const char *quote_label;
  guint n;

  if (schema == NULL)
    return NULL;

  quote_label = qm_schema_get_stance_label (schema);
  n = qm_schema_get_n_relations (schema);
  for (guint i = 0; i < n; i++)
    {
      const QmRelationDef *relation = qm_schema_get_relation (schema, i);
      const QmLabelDef *to;

      if (g_strcmp0 (relation->from_label, quote_label) != 0)
        continue;

      to = qm_schema_find_label (schema, relation->to_label);
      if (to != NULL && !to->entity == !to_entity)
        return relation->name;
    }

  return NULL;
}

const char *
qm_store_get_attribution_type (QmStore *self)
{
  g_return_val_if_fail (QM_IS_STORE (self), NULL);

  return find_quote_relation (self, TRUE);
}

const char *
qm_store_get_cue_type (QmStore *self)
{
  g_return_val_if_fail (QM_IS_STORE (self), NULL);

  return find_quote_relation (self, FALSE);
}

/* Reads (text, count) rows into a new table of text -> GUINT_TO_POINTER. */
static GHashTable *
collect_counts (QmStore  *self,
                QmStmt   *stmt,
                GError  **error)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (counts, qm_stmt_dup_text (stmt, 0),
                         GUINT_TO_POINTER ((guint) sqlite3_column_int64 (stmt, 1)));

  if (rc != SQLITE_DONE)
    {
      qm_store_fail (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&counts);
}

gboolean
qm_store_count_entity_usage (QmStore     *self,
                             const char  *annotator,
                             GHashTable **n_quotes,
                             GHashTable **n_documents,
                             GError     **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  g_autoptr(GHashTable) quotes = NULL;
  g_autoptr(GHashTable) documents = NULL;

  g_return_val_if_fail (QM_IS_STORE (self), FALSE);
  g_return_val_if_fail (n_quotes != NULL, FALSE);
  g_return_val_if_fail (n_documents != NULL, FALSE);

  /* A quote attributed to two mentions of one speaker (by two annotators,
   * or twice in one text) is still one quote of theirs. */
  stmt = qm_store_prepare (self,
                           "SELECT e.id, count(DISTINCT q.rowid) FROM relations r "
                           "JOIN spans q ON q.rowid = r.from_span "
                           "JOIN spans s ON s.rowid = r.to_span "
                           "JOIN entities e ON e.rowid = s.entity "
                           "WHERE r.type = ?1 AND (?2 IS NULL OR r.annotator = ?2) "
                           "GROUP BY e.rowid",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, qm_store_get_attribution_type (self), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, annotator, -1, SQLITE_TRANSIENT);
  quotes = collect_counts (self, stmt, error);
  if (quotes == NULL)
    return FALSE;
  g_clear_pointer (&stmt, qm_stmt_release);

  stmt = qm_store_prepare (self,
                           "SELECT e.id, count(DISTINCT s.document) FROM spans s "
                           "JOIN entities e ON e.rowid = s.entity "
                           "WHERE ?1 IS NULL OR s.annotator = ?1 "
                           "GROUP BY e.rowid",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, annotator, -1, SQLITE_TRANSIENT);
  documents = collect_counts (self, stmt, error);
  if (documents == NULL)
    return FALSE;

  *n_quotes = g_steal_pointer (&quotes);
  *n_documents = g_steal_pointer (&documents);
  return TRUE;
}

gboolean
qm_store_find_entity_quotes (QmStore     *self,
                             const char  *entity_id,
                             GPtrArray  **document_ids,
                             GHashTable **span_ids,
                             GError     **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GHashTable) spans = NULL;
  g_autofree char *last_document = NULL;
  int rc;

  g_return_val_if_fail (QM_IS_STORE (self), FALSE);
  g_return_val_if_fail (entity_id != NULL, FALSE);
  g_return_val_if_fail (document_ids != NULL, FALSE);
  g_return_val_if_fail (span_ids != NULL, FALSE);

  stmt = qm_store_prepare (self,
                           "SELECT DISTINCT d.id, q.id, d.rowid, q.start FROM relations r "
                           "JOIN spans q ON q.rowid = r.from_span "
                           "JOIN spans s ON s.rowid = r.to_span "
                           "JOIN entities e ON e.rowid = s.entity "
                           "JOIN documents d ON d.rowid = q.document "
                           "WHERE r.type = ?1 AND e.id = ?2 "
                           "ORDER BY d.rowid, q.start, q.id",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, qm_store_get_attribution_type (self), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, entity_id, -1, SQLITE_TRANSIENT);

  documents = g_ptr_array_new_with_free_func (g_free);
  spans = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *document_id = (const char *) sqlite3_column_text (stmt, 0);

      /* Rows come grouped by document. */
      if (g_strcmp0 (document_id, last_document) != 0)
        {
          g_free (last_document);
          last_document = g_strdup (document_id);
          g_ptr_array_add (documents, g_strdup (document_id));
        }
      g_hash_table_add (spans, qm_stmt_dup_text (stmt, 1));
    }

  if (rc != SQLITE_DONE)
    return qm_store_fail (self, rc, error);

  *document_ids = g_steal_pointer (&documents);
  *span_ids = g_steal_pointer (&spans);
  return TRUE;
}

GHashTable *
qm_store_count_target_stances (QmStore  *self,
                               GError  **error)
{
  g_autoptr(QmStmt) stmt = NULL;

  g_return_val_if_fail (QM_IS_STORE (self), NULL);

  stmt = qm_store_prepare (self,
                           "SELECT t.id, count(*) FROM stances st JOIN targets t ON t.rowid = st.target "
                           "GROUP BY t.rowid",
                           error);
  if (stmt == NULL)
    return NULL;

  return collect_counts (self, stmt, error);
}

gboolean
qm_store_count_statuses (QmStore     *self,
                         GHashTable **n_done,
                         GHashTable **n_in_progress,
                         GError     **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  g_autoptr(GHashTable) done = NULL;
  g_autoptr(GHashTable) in_progress = NULL;

  g_return_val_if_fail (QM_IS_STORE (self), FALSE);
  g_return_val_if_fail (n_done != NULL, FALSE);
  g_return_val_if_fail (n_in_progress != NULL, FALSE);

  stmt = qm_store_prepare (self,
                           "SELECT annotator, count(*) FROM statuses WHERE status = ?1 GROUP BY annotator",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, qm_status_to_string (QM_STATUS_DONE), -1, SQLITE_STATIC);
  done = collect_counts (self, stmt, error);
  if (done == NULL)
    return FALSE;

  /* The cached statement is the same one: reset, bind again. */
  sqlite3_reset (stmt);
  sqlite3_bind_text (stmt, 1, qm_status_to_string (QM_STATUS_IN_PROGRESS), -1, SQLITE_STATIC);
  in_progress = collect_counts (self, stmt, error);
  if (in_progress == NULL)
    return FALSE;

  *n_done = g_steal_pointer (&done);
  *n_in_progress = g_steal_pointer (&in_progress);
  return TRUE;
}

void
qm_stance_tally_free (QmStanceTally *tally)
{
  if (tally == NULL)
    return;

  g_free (tally->entity_id);
  g_free (tally->entity_name);
  g_free (tally->target_id);
  g_free (tally->target_name);
  g_free (tally->value);
  g_free (tally);
}

GPtrArray *
qm_store_count_stances_by_entity (QmStore     *self,
                                  const char  *annotator,
                                  GError     **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  g_autoptr(GPtrArray) tallies = NULL;
  int rc;

  g_return_val_if_fail (QM_IS_STORE (self), NULL);

  /* DISTINCT first: a judgement counts once for an entity even when its
   * quote is linked to several mentions of that entity. */
  stmt = qm_store_prepare (self,
                           "SELECT e.id, e.name, t.id, t.name, j.value, count(*) FROM ("
                           "  SELECT DISTINCT s.entity AS entity, st.target AS target, st.value AS value,"
                           "    st.span AS span, st.annotator AS annotator"
                           "  FROM stances st "
                           "  JOIN relations r ON r.from_span = st.span AND r.type = ?1 "
                           "  JOIN spans s ON s.rowid = r.to_span "
                           "  WHERE s.entity IS NOT NULL"
                           "    AND (?2 IS NULL OR (st.annotator = ?2 AND r.annotator = ?2))"
                           ") j "
                           "JOIN entities e ON e.rowid = j.entity "
                           "JOIN targets t ON t.rowid = j.target "
                           "GROUP BY j.entity, j.target, j.value "
                           "ORDER BY e.folded, e.id, t.name, j.value",
                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, qm_store_get_attribution_type (self), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, annotator, -1, SQLITE_TRANSIENT);

  tallies = g_ptr_array_new_with_free_func ((GDestroyNotify) qm_stance_tally_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      QmStanceTally *tally = g_new0 (QmStanceTally, 1);

      tally->entity_id = qm_stmt_dup_text (stmt, 0);
      tally->entity_name = qm_stmt_dup_text (stmt, 1);
      tally->target_id = qm_stmt_dup_text (stmt, 2);
      tally->target_name = qm_stmt_dup_text (stmt, 3);
      tally->value = qm_stmt_dup_text (stmt, 4);
      tally->count = (guint) sqlite3_column_int64 (stmt, 5);
      g_ptr_array_add (tallies, tally);
    }

  if (rc != SQLITE_DONE)
    {
      qm_store_fail (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&tallies);
}
