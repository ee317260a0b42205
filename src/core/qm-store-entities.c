/* qm-store-entities.c: the speakers that Speaker spans refer to, with their aliases. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "qm-error.h"
#include "qm-store-private.h"
#include "qm-text.h"

/* Aliases come back in the order they were saved, which is the order the
 * user typed them in. */
static gboolean
load_aliases (QmStore   *self,
              gint64     rowid,
              QmEntity  *entity,
              GError   **error)
{
  g_autoptr(QmStmt) stmt =
    qm_store_prepare (self, "SELECT alias FROM entity_aliases WHERE entity = ?1 ORDER BY rowid", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, rowid);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entity->aliases, qm_stmt_dup_text (stmt, 0));

  if (rc != SQLITE_DONE)
    return qm_store_fail (self, rc, error);

  return TRUE;
}

static gboolean
is_blank (const char *str)
{
  for (; str != NULL && *str != '\0'; str = g_utf8_next_char (str))
    {
      if (!g_unichar_isspace (g_utf8_get_char (str)))
        return FALSE;
    }

  return TRUE;
}

/* Runs a statement whose rows are (rowid, id, name) with @name bound to ?1
 * when given, and loads the aliases of each entity. */
static GPtrArray *
collect_entities (QmStore     *self,
                  const char  *sql,
                  const char  *bound,
                  GError     **error)
{
  g_autoptr(GPtrArray) entities = g_ptr_array_new_with_free_func ((GDestroyNotify) qm_entity_unref);
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(QmStmt) stmt = qm_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;

  if (bound != NULL)
    sqlite3_bind_text (stmt, 1, bound, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      QmEntity *entity = qm_entity_new ();
      gint64 rowid = sqlite3_column_int64 (stmt, 0);

      entity->id = qm_stmt_dup_text (stmt, 1);
      entity->name = qm_stmt_dup_text (stmt, 2);
      g_ptr_array_add (entities, entity);
      g_array_append_val (rowids, rowid);
    }

  if (rc != SQLITE_DONE)
    {
      qm_store_fail (self, rc, error);
      return NULL;
    }
  g_clear_pointer (&stmt, qm_stmt_release);

  for (guint i = 0; i < entities->len; i++)
    {
      if (!load_aliases (self, g_array_index (rowids, gint64, i), g_ptr_array_index (entities, i), error))
        return NULL;
    }

  return g_steal_pointer (&entities);
}

static gboolean
write_entity (QmStore     *self,
              QmEntity    *entity,
              const char  *id,
              GError     **error)
{
  g_autoptr(QmStmt) stmt = NULL;
  g_autofree char *folded = qm_text_fold (entity->name, NULL);
  gint64 rowid;

  if (!qm_store_find_rowid (self, "entities", id, &rowid, error))
    return FALSE;

  if (rowid == 0)
    {
      stmt = qm_store_prepare (self,
                               "INSERT INTO entities (id, name, folded, created) VALUES (?1, ?2, ?3, ?4)",
                               error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, entity->name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, folded, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 4, g_get_real_time ());
      if (!qm_store_step_done (self, stmt, error))
        return FALSE;

      rowid = sqlite3_last_insert_rowid (self->db);
    }
  else
    {
      stmt = qm_store_prepare (self, "UPDATE entities SET name = ?1, folded = ?2 WHERE rowid = ?3", error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_text (stmt, 1, entity->name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, folded, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, rowid);
      if (!qm_store_step_done (self, stmt, error))
        return FALSE;
      g_clear_pointer (&stmt, qm_stmt_release);

      stmt = qm_store_prepare (self, "DELETE FROM entity_aliases WHERE entity = ?1", error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, rowid);
      if (!qm_store_step_done (self, stmt, error))
        return FALSE;
    }
  g_clear_pointer (&stmt, qm_stmt_release);

  if (entity->aliases == NULL)
    return TRUE;

  stmt = qm_store_prepare (self,
                           "INSERT OR IGNORE INTO entity_aliases (entity, alias, folded) VALUES (?1, ?2, ?3)",
                           error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < entity->aliases->len; i++)
    {
      const char *alias = g_ptr_array_index (entity->aliases, i);
      g_autofree char *folded_alias = NULL;

      /* The name already matches itself; storing it again would only show
       * up as a duplicate alias. */
      if (is_blank (alias) || g_strcmp0 (alias, entity->name) == 0)
        continue;

      folded_alias = qm_text_fold (alias, NULL);
      sqlite3_bind_int64 (stmt, 1, rowid);
      sqlite3_bind_text (stmt, 2, alias, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, folded_alias, -1, SQLITE_TRANSIENT);
      if (!qm_store_step_done (self, stmt, error))
        return FALSE;
      sqlite3_reset (stmt);
    }

  return TRUE;
}

gboolean
qm_store_save_entity (QmStore   *self,
                      QmEntity  *entity,
                      GError   **error)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (QM_IS_STORE (self), FALSE);
  g_return_val_if_fail (entity != NULL, FALSE);

  if (is_blank (entity->name))
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                   _("Cannot save a speaker without a name in “%s”."),
                   qm_store_get_display_name (self));
      return FALSE;
    }

  id = entity->id != NULL ? g_strdup (entity->id) : qm_new_id ();

  if (!qm_store_write_begin (self, error))
    return FALSE;
  if (!qm_store_write_end (self, write_entity (self, entity, id, error), error))
    return FALSE;

  if (entity->id == NULL)
    entity->id = g_steal_pointer (&id);

  return TRUE;
}

QmEntity *
qm_store_get_entity (QmStore     *self,
                     const char  *entity_id,
                     GError     **error)
{
  g_autoptr(GPtrArray) entities = NULL;

  g_return_val_if_fail (QM_IS_STORE (self), NULL);
  g_return_val_if_fail (entity_id != NULL, NULL);

  entities = collect_entities (self, "SELECT rowid, id, name FROM entities WHERE id = ?1", entity_id, error);
  if (entities == NULL)
    return NULL;

  if (entities->len == 0)
    {
      qm_store_entity_not_found (self, entity_id, error);
      return NULL;
    }

  return qm_entity_ref (g_ptr_array_index (entities, 0));
}

/* Ordered by the folded name, so a list reads alphabetically whatever the
 * case or harakat of each name, then by id so equal names keep an order. */
GPtrArray *
qm_store_list_entities (QmStore  *self,
                        GError  **error)
{
  g_return_val_if_fail (QM_IS_STORE (self), NULL);

  return collect_entities (self, "SELECT rowid, id, name FROM entities ORDER BY folded, id", NULL, error);
}

GPtrArray *
qm_store_find_entities (QmStore     *self,
                        const char  *name,
                        GError     **error)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (QM_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  folded = qm_text_fold (name, NULL);

  return collect_entities (self,
                           "SELECT rowid, id, name FROM entities "
                           "WHERE folded = ?1 OR rowid IN (SELECT entity FROM entity_aliases WHERE folded = ?1) "
                           "ORDER BY folded, id",
                           folded, error);
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
  if (sqlite3_bind_parameter_count (stmt) >= 3)
    sqlite3_bind_int64 (stmt, 3, g_get_real_time ());

  return qm_store_step_done (self, stmt, error);
}

static gboolean
merge_entities (QmStore     *self,
                const char  *into_id,
                const char  *from_id,
                GError     **error)
{
  gint64 into, from;

  if (!qm_store_find_rowid (self, "entities", into_id, &into, error))
    return FALSE;
  if (into == 0)
    return qm_store_entity_not_found (self, into_id, error);

  if (!qm_store_find_rowid (self, "entities", from_id, &from, error))
    return FALSE;
  if (from == 0)
    return qm_store_entity_not_found (self, from_id, error);

  /* Names of @from first, then its aliases in their order; any that equal
   * the name of @into or one of its aliases are dropped. */
  return run_with_rowids (self,
                          "UPDATE spans SET entity = ?1, modified = ?3 WHERE entity = ?2",
                          into, from, error) &&
         run_with_rowids (self,
                          "INSERT OR IGNORE INTO entity_aliases (entity, alias, folded) "
                          "SELECT ?1, name, folded FROM entities WHERE rowid = ?2 "
                          "AND name != (SELECT name FROM entities WHERE rowid = ?1)",
                          into, from, error) &&
         run_with_rowids (self,
                          "INSERT OR IGNORE INTO entity_aliases (entity, alias, folded) "
                          "SELECT ?1, alias, folded FROM entity_aliases WHERE entity = ?2 "
                          "AND alias != (SELECT name FROM entities WHERE rowid = ?1) ORDER BY rowid",
                          into, from, error) &&
         run_with_rowids (self,
                          "DELETE FROM entities WHERE rowid = ?2",
                          into, from, error);
}

gboolean
qm_store_merge_entities (QmStore     *self,
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
                   _("Cannot merge speaker “%s” with itself in “%s”."),
                   into_id, qm_store_get_display_name (self));
      return FALSE;
    }

  if (!qm_store_write_begin (self, error))
    return FALSE;

  return qm_store_write_end (self, merge_entities (self, into_id, from_id, error), error);
}

static gboolean
delete_entity (QmStore     *self,
               const char  *entity_id,
               GError     **error)
{
  g_autoptr(QmStmt) stmt = qm_store_prepare (self, "DELETE FROM entities WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, entity_id, -1, SQLITE_TRANSIENT);
  if (!qm_store_step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    return qm_store_entity_not_found (self, entity_id, error);

  return TRUE;
}

/* Speaker spans that referred to the entity stay, without an entity. */
gboolean
qm_store_delete_entity (QmStore     *self,
                        const char  *entity_id,
                        GError     **error)
{
  g_return_val_if_fail (QM_IS_STORE (self), FALSE);
  g_return_val_if_fail (entity_id != NULL, FALSE);

  if (!qm_store_write_begin (self, error))
    return FALSE;

  return qm_store_write_end (self, delete_entity (self, entity_id, error), error);
}
