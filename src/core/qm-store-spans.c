/* qm-store-spans.c: annotated spans of text and the links between them. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "qm-error.h"
#include "qm-store-private.h"

#define SPAN_SELECT \
  "SELECT s.id, d.id, s.label, s.start, s.\"end\", s.annotator, s.attributes, e.id, s.created, s.modified " \
  "FROM spans s JOIN documents d ON d.rowid = s.document LEFT JOIN entities e ON e.rowid = s.entity "

static int
compare_names (const void *a,
               const void *b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Sorted keys, so that the same attributes are always the same bytes in the
 * file and in exports. */
static char *
attributes_to_json (GHashTable *attributes)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  if (attributes != NULL)
    {
      guint n_names = 0;
      g_autofree gpointer *names = g_hash_table_get_keys_as_array (attributes, &n_names);

      qsort (names, n_names, sizeof (gpointer), compare_names);
      for (guint i = 0; i < n_names; i++)
        {
          json_builder_set_member_name (builder, names[i]);
          json_builder_add_string_value (builder, g_hash_table_lookup (attributes, names[i]));
        }
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

static gboolean
set_damaged_attributes_error (QmStore     *self,
                              const char  *span_id,
                              GError     **error)
{
  g_set_error (error, QM_ERROR, QM_ERROR_CORRUPT,
               _("The attributes of span “%s” in “%s” are damaged. Open a backup copy of the corpus instead."),
               span_id, qm_store_get_display_name (self));
  return FALSE;
}

static gboolean
read_attributes (QmStore     *self,
                 const char  *span_id,
                 const char  *json,
                 GHashTable  *attributes,
                 GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GList) members = NULL;
  JsonNode *root;
  JsonObject *object;

  /* Most spans have none, and a parser for nothing costs more than the
   * rest of reading the span. */
  if (json != NULL && strcmp (json, "{}") == 0)
    return TRUE;
  parser = json_parser_new ();
  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL))
    return set_damaged_attributes_error (self, span_id, error);

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return set_damaged_attributes_error (self, span_id, error);

  object = json_node_get_object (root);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (object, l->data);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return set_damaged_attributes_error (self, span_id, error);

      g_hash_table_insert (attributes, g_strdup (l->data), g_strdup (json_node_get_string (node)));
    }

  return TRUE;
}

/* Reads the columns of SPAN_SELECT. */
static QmSpan *
span_from_row (QmStore  *self,
               QmStmt   *stmt,
               GError  **error)
{
  g_autoptr(QmSpan) span = qm_span_new ();

  span->id = qm_stmt_dup_text (stmt, 0);
  span->document_id = qm_stmt_dup_text (stmt, 1);
  span->label = qm_stmt_dup_text (stmt, 2);
  span->start = sqlite3_column_int64 (stmt, 3);
  span->end = sqlite3_column_int64 (stmt, 4);
  span->annotator = qm_stmt_dup_text (stmt, 5);
  span->entity_id = qm_stmt_dup_text (stmt, 7);
  span->created = sqlite3_column_int64 (stmt, 8);
  span->modified = sqlite3_column_int64 (stmt, 9);

  if (!read_attributes (self, span->id, (const char *) sqlite3_column_text (stmt, 6),
                        span->attributes, error))
    return NULL;

  return g_steal_pointer (&span);
}

/* What can be checked without the database: required fields and the schema. */
static gboolean
check_span (QmStore   *self,
            QmSpan    *span,
            gboolean   is_new,
            GError   **error)
{
  const QmLabelDef *label_def;
  g_autofree gpointer *names = NULL;
  guint n_names = 0;

  if (span->label == NULL || span->annotator == NULL || *span->annotator == '\0' ||
      (is_new && span->document_id == NULL))
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                   _("Cannot save a span in “%s” without a label, an annotator and a document."),
                   qm_store_get_display_name (self));
      return FALSE;
    }

  if (!is_new && span->id == NULL)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                   _("Cannot change a span in “%s” that has no id."),
                   qm_store_get_display_name (self));
      return FALSE;
    }

  label_def = qm_schema_find_label (self->schema, span->label);
  if (label_def == NULL)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_UNKNOWN_LABEL,
                   _("The label “%s” is not in the schema of “%s”. Add it to the schema first."),
                   span->label, qm_store_get_display_name (self));
      return FALSE;
    }

  if (span->attributes != NULL)
    {
      /* Sorted so the same span always reports the same first problem. */
      names = g_hash_table_get_keys_as_array (span->attributes, &n_names);
      qsort (names, n_names, sizeof (gpointer), compare_names);
    }

  for (guint i = 0; i < n_names; i++)
    {
      g_autoptr(GError) local_error = NULL;

      if (!qm_schema_check_attribute (self->schema, span->label, names[i],
                                      g_hash_table_lookup (span->attributes, names[i]),
                                      &local_error))
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                      _("Cannot save the span in “%s”: "),
                                      qm_store_get_display_name (self));
          return FALSE;
        }
    }

  if (span->entity_id != NULL && !label_def->entity)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                   _("A span labelled “%s” cannot refer to a speaker in “%s”: the schema does not mark that label as a speaker label."),
                   span->label, qm_store_get_display_name (self));
      return FALSE;
    }

  return TRUE;
}

static gboolean
find_entity (QmStore     *self,
             const char  *entity_id,
             gint64      *entity,
             GError     **error)
{
  *entity = 0;
  if (entity_id == NULL)
    return TRUE;

  if (!qm_store_find_rowid (self, "entities", entity_id, entity, error))
    return FALSE;
  if (*entity == 0)
    return qm_store_entity_not_found (self, entity_id, error);

  return TRUE;
}

static void
bind_entity (QmStmt *stmt,
             int     index,
             gint64  entity)
{
  if (entity == 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, entity);
}

static gboolean
find_document_length (QmStore     *self,
                      const char  *document_id,
                      gint64      *document,
                      gint64      *n_chars,
                      GError     **error)
{
  g_autoptr(QmStmt) stmt =
    qm_store_prepare (self, "SELECT rowid, n_chars FROM documents WHERE id = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, document_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return qm_store_document_not_found (self, document_id, error);
  if (rc != SQLITE_ROW)
    return qm_store_fail (self, rc, error);

  *document = sqlite3_column_int64 (stmt, 0);
  *n_chars = sqlite3_column_int64 (stmt, 1);
  return TRUE;
}

static gboolean
insert_span (QmStore     *self,
             QmSpan      *span,
             const char  *id,
             gint64       created,
             gint64       modified,
             GError     **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  g_autofree char *attributes = NULL;
  gint64 document = 0, n_chars = 0, existing = 0, entity = 0;

  if (!find_document_length (self, span->document_id, &document, &n_chars, error))
    return FALSE;

  if (span->start < 0 || span->end <= span->start || span->end > n_chars)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                   _("Cannot save the span %ld–%ld in “%s”: document “%s” has %ld characters, and a span must start at 0 or later and end after its start, at %ld at most."),
                   span->start, span->end, qm_store_get_display_name (self),
                   span->document_id, (glong) n_chars, (glong) n_chars);
      return FALSE;
    }

  if (!qm_store_find_rowid (self, "spans", id, &existing, error))
    return FALSE;
  if (existing != 0)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_DUPLICATE,
                   _("There is already a span “%s” in “%s”."), id, qm_store_get_display_name (self));
      return FALSE;
    }

  if (!find_entity (self, span->entity_id, &entity, error))
    return FALSE;

  stmt = qm_store_prepare (self,
                           "INSERT INTO spans (id, document, label, start, \"end\", annotator, "
                           "attributes, entity, created, modified) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                           error);
  if (stmt == NULL)
    return FALSE;

  attributes = attributes_to_json (span->attributes);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, document);
  sqlite3_bind_text (stmt, 3, span->label, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, span->start);
  sqlite3_bind_int64 (stmt, 5, span->end);
  sqlite3_bind_text (stmt, 6, span->annotator, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, attributes, -1, SQLITE_TRANSIENT);
  bind_entity (stmt, 8, entity);
  sqlite3_bind_int64 (stmt, 9, created);
  sqlite3_bind_int64 (stmt, 10, modified);

  return qm_store_step_done (self, stmt, error);
}

gboolean
qm_store_add_span (QmStore  *self,
                   QmSpan   *span,
                   GError  **error)
{
  g_autofree char *id = NULL;
  gint64 now = g_get_real_time ();
  gint64 created, modified;

  g_return_val_if_fail (QM_IS_STORE (self), FALSE);
  g_return_val_if_fail (span != NULL, FALSE);

  if (!check_span (self, span, TRUE, error))
    return FALSE;

  id = span->id != NULL ? g_strdup (span->id) : qm_new_id ();
  created = span->created != 0 ? span->created : now;
  modified = span->modified != 0 ? span->modified : created;

  if (!qm_store_write_begin (self, error))
    return FALSE;
  if (!qm_store_write_end (self, insert_span (self, span, id, created, modified, error), error))
    return FALSE;

  if (span->id == NULL)
    span->id = g_steal_pointer (&id);
  span->created = created;
  span->modified = modified;

  return TRUE;
}

/* Stances and links were checked against the old label; a new one must
 * still allow them, or they would silently become invalid. */
static gboolean
check_relabel (QmStore     *self,
               gint64       rowid,
               const char  *label,
               GError     **error)
{
  g_autoptr(QmStmt) stances = NULL;
  g_autoptr(QmStmt) links = NULL;
  int rc;

  if (g_strcmp0 (label, qm_schema_get_stance_label (self->schema)) != 0)
    {
      stances = qm_store_prepare (self, "SELECT count(*) FROM stances WHERE span = ?1", error);
      if (stances == NULL)
        return FALSE;

      sqlite3_bind_int64 (stances, 1, rowid);
      rc = sqlite3_step (stances);
      if (rc != SQLITE_ROW)
        return qm_store_fail (self, rc, error);

      if (sqlite3_column_int64 (stances, 0) > 0)
        {
          g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                       _("Cannot relabel the span as “%s” in “%s”: it has stances, which only spans labelled “%s” can have. Remove its stances first."),
                       label, qm_store_get_display_name (self),
                       qm_schema_get_stance_label (self->schema));
          return FALSE;
        }
    }

  links = qm_store_prepare (self,
                            "SELECT r.type, r.from_span = ?1, r.to_span = ?1, a.label, b.label "
                            "FROM relations r JOIN spans a ON a.rowid = r.from_span "
                            "JOIN spans b ON b.rowid = r.to_span "
                            "WHERE r.from_span = ?1 OR r.to_span = ?1 ORDER BY r.id",
                            error);
  if (links == NULL)
    return FALSE;

  sqlite3_bind_int64 (links, 1, rowid);
  while ((rc = sqlite3_step (links)) == SQLITE_ROW)
    {
      g_autoptr(GError) local_error = NULL;
      const char *from_label = sqlite3_column_int (links, 1) ? label : (const char *) sqlite3_column_text (links, 3);
      const char *to_label = sqlite3_column_int (links, 2) ? label : (const char *) sqlite3_column_text (links, 4);

      if (!qm_schema_check_relation (self->schema, (const char *) sqlite3_column_text (links, 0),
                                     from_label, to_label, &local_error))
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                      _("Cannot relabel the span as “%s” in “%s”; remove its links first: "),
                                      label, qm_store_get_display_name (self));
          return FALSE;
        }
    }

  if (rc != SQLITE_DONE)
    return qm_store_fail (self, rc, error);

  return TRUE;
}

static gboolean
update_span (QmStore  *self,
             QmSpan   *span,
             gint64    modified,
             GError  **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  g_autofree char *attributes = NULL;
  g_autofree char *old_label = NULL;
  gint64 rowid = 0, entity;
  int rc;

  stmt = qm_store_prepare (self, "SELECT rowid, label FROM spans WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, span->id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      rowid = sqlite3_column_int64 (stmt, 0);
      old_label = qm_stmt_dup_text (stmt, 1);
    }
  else if (rc != SQLITE_DONE)
    return qm_store_fail (self, rc, error);
  g_clear_pointer (&stmt, qm_stmt_release);

  if (rowid == 0)
    return qm_store_span_not_found (self, span->id, error);

  if (g_strcmp0 (old_label, span->label) != 0 && !check_relabel (self, rowid, span->label, error))
    return FALSE;

  if (!find_entity (self, span->entity_id, &entity, error))
    return FALSE;

  stmt = qm_store_prepare (self,
                           "UPDATE spans SET label = ?1, attributes = ?2, entity = ?3, modified = ?4 "
                           "WHERE rowid = ?5",
                           error);
  if (stmt == NULL)
    return FALSE;

  attributes = attributes_to_json (span->attributes);
  sqlite3_bind_text (stmt, 1, span->label, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, attributes, -1, SQLITE_TRANSIENT);
  bind_entity (stmt, 3, entity);
  sqlite3_bind_int64 (stmt, 4, modified);
  sqlite3_bind_int64 (stmt, 5, rowid);

  return qm_store_step_done (self, stmt, error);
}

gboolean
qm_store_update_span (QmStore  *self,
                      QmSpan   *span,
                      GError  **error)
{
  gint64 modified = g_get_real_time ();

  g_return_val_if_fail (QM_IS_STORE (self), FALSE);
  g_return_val_if_fail (span != NULL, FALSE);

  if (!check_span (self, span, FALSE, error))
    return FALSE;

  if (!qm_store_write_begin (self, error))
    return FALSE;
  if (!qm_store_write_end (self, update_span (self, span, modified, error), error))
    return FALSE;

  span->modified = modified;
  return TRUE;
}

static gboolean
delete_span (QmStore     *self,
             const char  *span_id,
             GError     **error)
{
  g_autoptr(QmStmt) stmt = qm_store_prepare (self, "DELETE FROM spans WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, span_id, -1, SQLITE_TRANSIENT);
  if (!qm_store_step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    return qm_store_span_not_found (self, span_id, error);

  return TRUE;
}

gboolean
qm_store_delete_span (QmStore     *self,
                      const char  *span_id,
                      GError     **error)
{
  g_return_val_if_fail (QM_IS_STORE (self), FALSE);
  g_return_val_if_fail (span_id != NULL, FALSE);

  if (!qm_store_write_begin (self, error))
    return FALSE;

  return qm_store_write_end (self, delete_span (self, span_id, error), error);
}

QmSpan *
qm_store_get_span (QmStore     *self,
                   const char  *span_id,
                   GError     **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (QM_IS_STORE (self), NULL);
  g_return_val_if_fail (span_id != NULL, NULL);

  stmt = qm_store_prepare (self, SPAN_SELECT "WHERE s.id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, span_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return span_from_row (self, stmt, error);

  if (rc == SQLITE_DONE)
    qm_store_span_not_found (self, span_id, error);
  else
    qm_store_fail (self, rc, error);

  return NULL;
}

GPtrArray *
qm_store_list_spans (QmStore     *self,
                     const char  *document_id,
                     const char  *annotator,
                     GError     **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  g_autoptr(GPtrArray) spans = NULL;
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
                           SPAN_SELECT
                           "WHERE s.document = ?1 AND (?2 IS NULL OR s.annotator = ?2) "
                           "ORDER BY s.start, s.\"end\" DESC, s.id",
                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, document);
  sqlite3_bind_text (stmt, 2, annotator, -1, SQLITE_TRANSIENT);

  spans = g_ptr_array_new_with_free_func ((GDestroyNotify) qm_span_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      QmSpan *span = span_from_row (self, stmt, error);

      if (span == NULL)
        return NULL;
      g_ptr_array_add (spans, span);
    }

  if (rc != SQLITE_DONE)
    {
      qm_store_fail (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&spans);
}

GHashTable *
qm_store_count_labels (QmStore  *self,
                       GError  **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  g_autoptr(GHashTable) counts = NULL;
  int rc;

  g_return_val_if_fail (QM_IS_STORE (self), NULL);

  stmt = qm_store_prepare (self, "SELECT label, count(*) FROM spans GROUP BY label", error);
  if (stmt == NULL)
    return NULL;

  counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (counts, qm_stmt_dup_text (stmt, 0),
                         GINT_TO_POINTER (sqlite3_column_int (stmt, 1)));

  if (rc != SQLITE_DONE)
    {
      qm_store_fail (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&counts);
}

/* --- relations --- */

typedef struct
{
  gint64 rowid;
  gint64 document;
  char *label;
} SpanInfo;

static void
span_info_clear (SpanInfo *info)
{
  g_clear_pointer (&info->label, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SpanInfo, span_info_clear)

static gboolean
find_span_info (QmStore     *self,
                const char  *span_id,
                SpanInfo    *info,
                GError     **error)
{
  g_autoptr(QmStmt) stmt =
    qm_store_prepare (self, "SELECT rowid, document, label FROM spans WHERE id = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, span_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return qm_store_span_not_found (self, span_id, error);
  if (rc != SQLITE_ROW)
    return qm_store_fail (self, rc, error);

  info->rowid = sqlite3_column_int64 (stmt, 0);
  info->document = sqlite3_column_int64 (stmt, 1);
  info->label = qm_stmt_dup_text (stmt, 2);
  return TRUE;
}

static gboolean
check_relation_id_free (QmStore     *self,
                        const char  *id,
                        GError     **error)
{
  g_autoptr(QmStmt) stmt = qm_store_prepare (self, "SELECT 1 FROM relations WHERE id = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return qm_store_fail (self, rc, error);

  g_set_error (error, QM_ERROR, QM_ERROR_DUPLICATE,
               _("There is already a link “%s” in “%s”."), id, qm_store_get_display_name (self));
  return FALSE;
}

static gboolean
insert_relation (QmStore     *self,
                 QmRelation  *relation,
                 const char  *id,
                 GError     **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(SpanInfo) from = { 0 };
  g_auto(SpanInfo) to = { 0 };

  if (!find_span_info (self, relation->from_id, &from, error) ||
      !find_span_info (self, relation->to_id, &to, error))
    return FALSE;

  if (from.document != to.document)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                   _("Cannot link span “%s” to span “%s” in “%s”: they are in different documents."),
                   relation->from_id, relation->to_id, qm_store_get_display_name (self));
      return FALSE;
    }

  if (!qm_schema_check_relation (self->schema, relation->type, from.label, to.label, &local_error))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  _("Cannot save the link in “%s”: "),
                                  qm_store_get_display_name (self));
      return FALSE;
    }

  if (!check_relation_id_free (self, id, error))
    return FALSE;

  stmt = qm_store_prepare (self,
                           "INSERT INTO relations (id, type, from_span, to_span, annotator, created) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, relation->type, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, from.rowid);
  sqlite3_bind_int64 (stmt, 4, to.rowid);
  sqlite3_bind_text (stmt, 5, relation->annotator, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, g_get_real_time ());

  return qm_store_step_done (self, stmt, error);
}

gboolean
qm_store_add_relation (QmStore     *self,
                       QmRelation  *relation,
                       GError     **error)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (QM_IS_STORE (self), FALSE);
  g_return_val_if_fail (relation != NULL, FALSE);

  if (relation->type == NULL || relation->from_id == NULL || relation->to_id == NULL ||
      relation->annotator == NULL || *relation->annotator == '\0')
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                   _("Cannot save a link in “%s” without a type, two spans and an annotator."),
                   qm_store_get_display_name (self));
      return FALSE;
    }

  id = relation->id != NULL ? g_strdup (relation->id) : qm_new_id ();

  if (!qm_store_write_begin (self, error))
    return FALSE;
  if (!qm_store_write_end (self, insert_relation (self, relation, id, error), error))
    return FALSE;

  if (relation->id == NULL)
    relation->id = g_steal_pointer (&id);

  return TRUE;
}

static gboolean
delete_relation (QmStore     *self,
                 const char  *relation_id,
                 GError     **error)
{
  g_autoptr(QmStmt) stmt = qm_store_prepare (self, "DELETE FROM relations WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, relation_id, -1, SQLITE_TRANSIENT);
  if (!qm_store_step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_NOT_FOUND,
                   _("There is no link “%s” in “%s”; it may have been deleted."),
                   relation_id, qm_store_get_display_name (self));
      return FALSE;
    }

  return TRUE;
}

gboolean
qm_store_delete_relation (QmStore     *self,
                          const char  *relation_id,
                          GError     **error)
{
  g_return_val_if_fail (QM_IS_STORE (self), FALSE);
  g_return_val_if_fail (relation_id != NULL, FALSE);

  if (!qm_store_write_begin (self, error))
    return FALSE;

  return qm_store_write_end (self, delete_relation (self, relation_id, error), error);
}

GPtrArray *
qm_store_list_relations (QmStore     *self,
                         const char  *document_id,
                         const char  *annotator,
                         GError     **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  g_autoptr(GPtrArray) relations = NULL;
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
                           "SELECT r.id, r.type, a.id, b.id, r.annotator FROM relations r "
                           "JOIN spans a ON a.rowid = r.from_span JOIN spans b ON b.rowid = r.to_span "
                           "WHERE a.document = ?1 AND (?2 IS NULL OR r.annotator = ?2) ORDER BY r.id",
                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, document);
  sqlite3_bind_text (stmt, 2, annotator, -1, SQLITE_TRANSIENT);

  relations = g_ptr_array_new_with_free_func ((GDestroyNotify) qm_relation_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      QmRelation *relation = qm_relation_new ();

      relation->id = qm_stmt_dup_text (stmt, 0);
      relation->type = qm_stmt_dup_text (stmt, 1);
      relation->from_id = qm_stmt_dup_text (stmt, 2);
      relation->to_id = qm_stmt_dup_text (stmt, 3);
      relation->annotator = qm_stmt_dup_text (stmt, 4);
      g_ptr_array_add (relations, relation);
    }

  if (rc != SQLITE_DONE)
    {
      qm_store_fail (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&relations);
}

QmRelation *
qm_store_get_relation (QmStore     *self,
                       const char  *relation_id,
                       GError     **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  QmRelation *relation;
  int rc;

  g_return_val_if_fail (QM_IS_STORE (self), NULL);
  g_return_val_if_fail (relation_id != NULL, NULL);

  stmt = qm_store_prepare (self,
                           "SELECT r.id, r.type, a.id, b.id, r.annotator FROM relations r "
                           "JOIN spans a ON a.rowid = r.from_span JOIN spans b ON b.rowid = r.to_span "
                           "WHERE r.id = ?1",
                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, relation_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_NOT_FOUND,
                   _("There is no link “%s” in “%s”; it may have been deleted."),
                   relation_id, qm_store_get_display_name (self));
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      qm_store_fail (self, rc, error);
      return NULL;
    }

  relation = qm_relation_new ();
  relation->id = qm_stmt_dup_text (stmt, 0);
  relation->type = qm_stmt_dup_text (stmt, 1);
  relation->from_id = qm_stmt_dup_text (stmt, 2);
  relation->to_id = qm_stmt_dup_text (stmt, 3);
  relation->annotator = qm_stmt_dup_text (stmt, 4);
  return relation;
}

/* Lives here rather than with the entities because it reads spans. */
GPtrArray *
qm_store_list_mentions (QmStore     *self,
                        const char  *entity_id,
                        GError     **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  gint64 entity;
  int rc;

  g_return_val_if_fail (QM_IS_STORE (self), NULL);
  g_return_val_if_fail (entity_id != NULL, NULL);

  if (!qm_store_find_rowid (self, "entities", entity_id, &entity, error))
    return NULL;
  if (entity == 0)
    {
      qm_store_entity_not_found (self, entity_id, error);
      return NULL;
    }

  stmt = qm_store_prepare (self,
                           SPAN_SELECT
                           "WHERE s.entity = ?1 ORDER BY s.document, s.start, s.id",
                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, entity);

  spans = g_ptr_array_new_with_free_func ((GDestroyNotify) qm_span_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      QmSpan *span = span_from_row (self, stmt, error);

      if (span == NULL)
        return NULL;
      g_ptr_array_add (spans, span);
    }

  if (rc != SQLITE_DONE)
    {
      qm_store_fail (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&spans);
}
