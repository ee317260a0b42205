/* qm-store-stances.c: stance targets and each annotator's stance judgements on quotes. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "qm-error.h"
#include "qm-store-private.h"

/* Target names are compared exactly, but surrounding blanks would only make
 * two targets that look the same. */
static char *
clean_target_name (QmStore     *self,
                   const char  *name,
                   GError     **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (name));

  if (*clean == '\0')
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                   _("A stance target in “%s” needs a name."), qm_store_get_display_name (self));
      return NULL;
    }

  return g_steal_pointer (&clean);
}

static gboolean
find_target_by_name (QmStore     *self,
                     const char  *name,
                     QmTarget   **target,
                     GError     **error)
{
  g_autoptr(QmStmt) stmt = qm_store_prepare (self, "SELECT id, name FROM targets WHERE name = ?1", error);
  int rc;

  *target = NULL;
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *target = qm_target_new ();
      (*target)->id = qm_stmt_dup_text (stmt, 0);
      (*target)->name = qm_stmt_dup_text (stmt, 1);
    }
  else if (rc != SQLITE_DONE)
    return qm_store_fail (self, rc, error);

  return TRUE;
}

static gboolean
insert_target (QmStore     *self,
               const char  *name,
               QmTarget   **target,
               GError     **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  g_autofree char *id = NULL;

  /* Another process may have added it since we looked. */
  if (!find_target_by_name (self, name, target, error))
    return FALSE;
  if (*target != NULL)
    return TRUE;

  stmt = qm_store_prepare (self, "INSERT INTO targets (id, name) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;

  id = qm_new_id ();
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  if (!qm_store_step_done (self, stmt, error))
    return FALSE;

  *target = qm_target_new ();
  (*target)->id = g_steal_pointer (&id);
  (*target)->name = g_strdup (name);
  return TRUE;
}

QmTarget *
qm_store_ensure_target (QmStore     *self,
                        const char  *name,
                        GError     **error)
{
  g_autofree char *clean = NULL;
  g_autoptr(QmTarget) target = NULL;
  gboolean ok;

  g_return_val_if_fail (QM_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  clean = clean_target_name (self, name, error);
  if (clean == NULL)
    return NULL;

  /* Looking first lets a read-only corpus answer for existing targets. */
  if (!find_target_by_name (self, clean, &target, error))
    return NULL;
  if (target != NULL)
    return g_steal_pointer (&target);

  if (!qm_store_write_begin (self, error))
    return NULL;

  ok = insert_target (self, clean, &target, error);
  if (!qm_store_write_end (self, ok, error))
    {
      g_clear_pointer (&target, qm_target_unref);
      return NULL;
    }

  return g_steal_pointer (&target);
}

GPtrArray *
qm_store_list_targets (QmStore  *self,
                       GError  **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  int rc;

  g_return_val_if_fail (QM_IS_STORE (self), NULL);

  stmt = qm_store_prepare (self, "SELECT id, name FROM targets ORDER BY name, id", error);
  if (stmt == NULL)
    return NULL;

  targets = g_ptr_array_new_with_free_func ((GDestroyNotify) qm_target_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      QmTarget *target = qm_target_new ();

      target->id = qm_stmt_dup_text (stmt, 0);
      target->name = qm_stmt_dup_text (stmt, 1);
      g_ptr_array_add (targets, target);
    }

  if (rc != SQLITE_DONE)
    {
      qm_store_fail (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&targets);
}

static gboolean
rename_target (QmStore     *self,
               const char  *target_id,
               const char  *name,
               GError     **error)
{
  g_autoptr(QmTarget) existing = NULL;
  g_autoptr(QmStmt) stmt = NULL;
  gint64 rowid;

  if (!qm_store_find_rowid (self, "targets", target_id, &rowid, error))
    return FALSE;
  if (rowid == 0)
    return qm_store_target_not_found (self, target_id, error);

  if (!find_target_by_name (self, name, &existing, error))
    return FALSE;
  if (existing != NULL && g_strcmp0 (existing->id, target_id) != 0)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_DUPLICATE,
                   _("There is already a stance target “%s” in “%s”. Merge the two targets instead."),
                   name, qm_store_get_display_name (self));
      return FALSE;
    }

  stmt = qm_store_prepare (self, "UPDATE targets SET name = ?1 WHERE rowid = ?2", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, rowid);

  return qm_store_step_done (self, stmt, error);
}

gboolean
qm_store_rename_target (QmStore     *self,
                        const char  *target_id,
                        const char  *name,
                        GError     **error)
{
  g_autofree char *clean = NULL;

  g_return_val_if_fail (QM_IS_STORE (self), FALSE);
  g_return_val_if_fail (target_id != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  clean = clean_target_name (self, name, error);
  if (clean == NULL)
    return FALSE;

  if (!qm_store_write_begin (self, error))
    return FALSE;

  return qm_store_write_end (self, rename_target (self, target_id, clean, error), error);
}

static gboolean
run_with_rowids (QmStore     *self,
                 const char  *sql,
                 gint64       into,
                 gint64       from,
                 GError     **error)
{
  g_autoptr(QmStmt) stmt = qm_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, into);
  sqlite3_bind_int64 (stmt, 2, from);

  return qm_store_step_done (self, stmt, error);
}

static gboolean
merge_targets (QmStore     *self,
               const char  *into_id,
               const char  *from_id,
               GError     **error)
{
  gint64 into, from;

  if (!qm_store_find_rowid (self, "targets", into_id, &into, error))
    return FALSE;
  if (into == 0)
    return qm_store_target_not_found (self, into_id, error);

  if (!qm_store_find_rowid (self, "targets", from_id, &from, error))
    return FALSE;
  if (from == 0)
    return qm_store_target_not_found (self, from_id, error);

  /* Where an annotator judged the same quote on both targets, the
   * judgement on @into is kept: OR IGNORE leaves that row on @from, and it
   * goes with @from. */
  return run_with_rowids (self, "UPDATE OR IGNORE stances SET target = ?1 WHERE target = ?2",
                          into, from, error) &&
         run_with_rowids (self, "DELETE FROM targets WHERE rowid = ?2",
                          into, from, error);
}

gboolean
qm_store_merge_targets (QmStore     *self,
                        const char  *into_id,
                        const char  *from_id,
                        GError     **error)
{
  g_return_val_if_fail (QM_IS_STORE (self), FALSE);
  g_return_val_if_fail (into_id != NULL, FALSE);
  g_return_val_if_fail (from_id != NULL, FALSE);

  if (g_strcmp0 (into_id, from_id) == 0)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                   _("Cannot merge stance target “%s” with itself in “%s”."),
                   into_id, qm_store_get_display_name (self));
      return FALSE;
    }

  if (!qm_store_write_begin (self, error))
    return FALSE;

  return qm_store_write_end (self, merge_targets (self, into_id, from_id, error), error);
}

static gboolean
check_stance_value (QmStore     *self,
                    const char  *value,
                    GError     **error)
{
  const char * const *values = qm_schema_get_stance_values (self->schema);
  g_autofree char *allowed = NULL;

  if (values != NULL && g_strv_contains (values, value))
    return TRUE;

  allowed = values != NULL ? g_strjoinv (", ", (char **) values) : g_strdup ("");
  g_set_error (error, QM_ERROR, QM_ERROR_UNKNOWN_LABEL,
               _("“%s” is not a stance value of the schema of “%s”; use one of: %s."),
               value, qm_store_get_display_name (self), allowed);
  return FALSE;
}

static gboolean
find_quote (QmStore     *self,
            const char  *span_id,
            gint64      *rowid,
            GError     **error)
{
  g_autoptr(QmStmt) stmt = qm_store_prepare (self, "SELECT rowid, label FROM spans WHERE id = ?1", error);
  const char *stance_label = qm_schema_get_stance_label (self->schema);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, span_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return qm_store_span_not_found (self, span_id, error);
  if (rc != SQLITE_ROW)
    return qm_store_fail (self, rc, error);

  if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), stance_label) != 0)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                   _("Only spans labelled “%s” can have a stance, but span “%s” in “%s” is labelled “%s”."),
                   stance_label, span_id, qm_store_get_display_name (self),
                   (const char *) sqlite3_column_text (stmt, 1));
      return FALSE;
    }

  *rowid = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static gboolean
find_target (QmStore     *self,
             const char  *target_id,
             gint64      *rowid,
             char       **name,
             GError     **error)
{
  g_autoptr(QmStmt) stmt = qm_store_prepare (self, "SELECT rowid, name FROM targets WHERE id = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, target_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return qm_store_target_not_found (self, target_id, error);
  if (rc != SQLITE_ROW)
    return qm_store_fail (self, rc, error);

  *rowid = sqlite3_column_int64 (stmt, 0);
  if (name != NULL)
    *name = qm_stmt_dup_text (stmt, 1);
  return TRUE;
}

static gboolean
write_stance (QmStore   *self,
              QmStance  *stance,
              char     **target_name,
              GError   **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  gint64 span = 0, target = 0;

  if (!find_quote (self, stance->span_id, &span, error) ||
      !find_target (self, stance->target_id, &target, target_name, error))
    return FALSE;

  stmt = qm_store_prepare (self,
                           "INSERT INTO stances (span, target, value, annotator, created) "
                           "VALUES (?1, ?2, ?3, ?4, ?5) "
                           "ON CONFLICT (span, target, annotator) DO UPDATE "
                           "SET value = excluded.value, created = excluded.created",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, span);
  sqlite3_bind_int64 (stmt, 2, target);
  sqlite3_bind_text (stmt, 3, stance->value, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, stance->annotator, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, g_get_real_time ());

  return qm_store_step_done (self, stmt, error);
}

gboolean
qm_store_set_stance (QmStore   *self,
                     QmStance  *stance,
                     GError   **error)
{
  g_autofree char *target_name = NULL;
  gboolean ok;

  g_return_val_if_fail (QM_IS_STORE (self), FALSE);
  g_return_val_if_fail (stance != NULL, FALSE);

  if (stance->span_id == NULL || stance->target_id == NULL || stance->value == NULL ||
      stance->annotator == NULL || *stance->annotator == '\0')
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                   _("Cannot save a stance in “%s” without a quote, a target, a value and an annotator."),
                   qm_store_get_display_name (self));
      return FALSE;
    }

  if (!check_stance_value (self, stance->value, error))
    return FALSE;

  if (!qm_store_write_begin (self, error))
    return FALSE;

  ok = write_stance (self, stance, &target_name, error);
  if (!qm_store_write_end (self, ok, error))
    return FALSE;

  g_free (stance->target_name);
  stance->target_name = g_steal_pointer (&target_name);
  return TRUE;
}

static gboolean
delete_stance (QmStore     *self,
               const char  *span_id,
               const char  *target_id,
               const char  *annotator,
               GError     **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  gint64 span = 0, target = 0;

  if (!qm_store_find_rowid (self, "spans", span_id, &span, error))
    return FALSE;
  if (span == 0)
    return qm_store_span_not_found (self, span_id, error);

  if (!find_target (self, target_id, &target, NULL, error))
    return FALSE;

  stmt = qm_store_prepare (self,
                           "DELETE FROM stances WHERE span = ?1 AND target = ?2 AND annotator = ?3",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, span);
  sqlite3_bind_int64 (stmt, 2, target);
  sqlite3_bind_text (stmt, 3, annotator, -1, SQLITE_TRANSIENT);
  if (!qm_store_step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_NOT_FOUND,
                   _("%s has no stance on target “%s” for span “%s” in “%s”."),
                   annotator, target_id, span_id, qm_store_get_display_name (self));
      return FALSE;
    }

  return TRUE;
}

gboolean
qm_store_delete_stance (QmStore     *self,
                        const char  *span_id,
                        const char  *target_id,
                        const char  *annotator,
                        GError     **error)
{
  g_return_val_if_fail (QM_IS_STORE (self), FALSE);
  g_return_val_if_fail (span_id != NULL, FALSE);
  g_return_val_if_fail (target_id != NULL, FALSE);
  g_return_val_if_fail (annotator != NULL, FALSE);

  if (!qm_store_write_begin (self, error))
    return FALSE;

  return qm_store_write_end (self, delete_stance (self, span_id, target_id, annotator, error), error);
}

/* ORDER BY span id, target name, annotator; TEXT compares bytewise in
 * SQLite as in strcmp(). */
static int
compare_stances (gconstpointer a,
                 gconstpointer b)
{
  const QmStance *x = *(const QmStance * const *) a;
  const QmStance *y = *(const QmStance * const *) b;
  int result = strcmp (x->span_id, y->span_id);

  if (result == 0)
    result = strcmp (x->target_name, y->target_name);
  if (result == 0)
    result = strcmp (x->annotator, y->annotator);
  return result;
}

GPtrArray *
qm_store_list_stances (QmStore     *self,
                       const char  *document_id,
                       const char  *annotator,
                       GError     **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  g_autoptr(GPtrArray) stances = NULL;
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
                           "SELECT s.id, t.id, t.name, st.value, st.annotator FROM stances st "
                           "JOIN spans s ON s.rowid = st.span JOIN targets t ON t.rowid = st.target "
                           "WHERE s.document = ?1 AND (?2 IS NULL OR st.annotator = ?2)",
                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, document);
  sqlite3_bind_text (stmt, 2, annotator, -1, SQLITE_TRANSIENT);

  stances = g_ptr_array_new_with_free_func ((GDestroyNotify) qm_stance_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      QmStance *stance = qm_stance_new ();

      stance->span_id = qm_stmt_dup_text (stmt, 0);
      stance->target_id = qm_stmt_dup_text (stmt, 1);
      stance->target_name = qm_stmt_dup_text (stmt, 2);
      stance->value = qm_stmt_dup_text (stmt, 3);
      stance->annotator = qm_stmt_dup_text (stmt, 4);
      g_ptr_array_add (stances, stance);
    }

  if (rc != SQLITE_DONE)
    {
      qm_store_fail (self, rc, error);
      return NULL;
    }

  /* Sorted here: SQLite's sorter costs more to set up than a document's
   * few stances take to sort, and an export lists every document's. */
  g_ptr_array_sort (stances, compare_stances);
  return g_steal_pointer (&stances);
}

static gboolean
add_target (QmStore     *self,
            const char  *id,
            const char  *name,
            GError     **error)
{
  g_autoptr(QmTarget) existing = NULL;
  g_autoptr(QmStmt) stmt = NULL;
  gint64 rowid;

  if (!qm_store_find_rowid (self, "targets", id, &rowid, error))
    return FALSE;
  if (!find_target_by_name (self, name, &existing, error))
    return FALSE;
  if (rowid != 0 || existing != NULL)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_DUPLICATE,
                   _("There is already a stance target “%s” in “%s”."),
                   existing != NULL ? existing->name : id, qm_store_get_display_name (self));
      return FALSE;
    }

  stmt = qm_store_prepare (self, "INSERT INTO targets (id, name) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);

  return qm_store_step_done (self, stmt, error);
}

gboolean
qm_store_add_target (QmStore   *self,
                     QmTarget  *target,
                     GError   **error)
{
  g_autofree char *clean = NULL;

  g_return_val_if_fail (QM_IS_STORE (self), FALSE);
  g_return_val_if_fail (target != NULL, FALSE);
  g_return_val_if_fail (target->id != NULL, FALSE);
  g_return_val_if_fail (target->name != NULL, FALSE);

  clean = clean_target_name (self, target->name, error);
  if (clean == NULL)
    return FALSE;

  if (!qm_store_write_begin (self, error))
    return FALSE;

  return qm_store_write_end (self, add_target (self, target->id, clean, error), error);
}

static gboolean
delete_target (QmStore     *self,
               const char  *target_id,
               GError     **error)
{
  g_autoptr(QmStmt) stmt = qm_store_prepare (self, "DELETE FROM targets WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, target_id, -1, SQLITE_TRANSIENT);
  if (!qm_store_step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    return qm_store_target_not_found (self, target_id, error);

  return TRUE;
}

gboolean
qm_store_delete_target (QmStore     *self,
                        const char  *target_id,
                        GError     **error)
{
  g_return_val_if_fail (QM_IS_STORE (self), FALSE);
  g_return_val_if_fail (target_id != NULL, FALSE);

  if (!qm_store_write_begin (self, error))
    return FALSE;

  return qm_store_write_end (self, delete_target (self, target_id, error), error);
}

GPtrArray *
qm_store_list_target_stances (QmStore     *self,
                              const char  *target_id,
                              GError     **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  g_autoptr(GPtrArray) stances = NULL;
  g_autofree char *name = NULL;
  gint64 target;
  int rc;

  g_return_val_if_fail (QM_IS_STORE (self), NULL);
  g_return_val_if_fail (target_id != NULL, NULL);

  if (!find_target (self, target_id, &target, &name, error))
    return NULL;

  stmt = qm_store_prepare (self,
                           "SELECT s.id, st.value, st.annotator FROM stances st "
                           "JOIN spans s ON s.rowid = st.span "
                           "WHERE st.target = ?1 ORDER BY s.id, st.annotator",
                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, target);

  stances = g_ptr_array_new_with_free_func ((GDestroyNotify) qm_stance_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      QmStance *stance = qm_stance_new ();

      stance->span_id = qm_stmt_dup_text (stmt, 0);
      stance->target_id = g_strdup (target_id);
      stance->target_name = g_strdup (name);
      stance->value = qm_stmt_dup_text (stmt, 1);
      stance->annotator = qm_stmt_dup_text (stmt, 2);
      g_ptr_array_add (stances, stance);
    }

  if (rc != SQLITE_DONE)
    {
      qm_store_fail (self, rc, error);
      return NULL;
    }

  /* Sorted here: SQLite's sorter costs more to set up than a document's
   * few stances take to sort, and an export lists every document's. */
  g_ptr_array_sort (stances, compare_stances);
  return g_steal_pointer (&stances);
}
