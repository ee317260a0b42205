/* qm-store-private.h: what the qm-store-*.c files share and nothing else sees. */
#pragma once

#include <sqlite3.h>

#include "qm-store.h"

G_BEGIN_DECLS

struct _QmStore
{
  GObject parent_instance;

  char *path;
  char *display_name;
  sqlite3 *db;
  gboolean read_only;
  QmSchema *schema;
  /* SQL text -> sqlite3_stmt, prepared once per connection */
  GHashTable *statements;
  /* Between qm_store_begin() and qm_store_commit()/qm_store_rollback() */
  gboolean in_transaction;
  /* Between qm_store_begin_read() and qm_store_end_read(), when it began one */
  gboolean in_read;
  /* Rowids (gint64) of documents added in the explicit transaction, indexed
   * for search at its commit: FTS5 writes out what it holds at every
   * savepoint, which per document made imports several times slower. */
  GArray *unindexed;
};

/* Statements belong to the store's cache; leaving scope only resets one so
 * it holds no lock and can be used again. */
typedef sqlite3_stmt QmStmt;
void        qm_stmt_release              (QmStmt      *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QmStmt, qm_stmt_release)

QmStmt     *qm_store_prepare             (QmStore     *self,
                                          const char  *sql,
                                          GError     **error);
/* Steps a statement that returns no rows. */
gboolean    qm_store_step_done           (QmStore     *self,
                                          QmStmt      *stmt,
                                          GError     **error);
/* Runs SQL that may hold several statements and returns no rows. */
gboolean    qm_store_exec                (QmStore     *self,
                                          const char  *sql,
                                          GError     **error);
/* Sets @error from SQLite's result code @rc; always returns FALSE. */
gboolean    qm_store_fail                (QmStore     *self,
                                          int          rc,
                                          GError     **error);
/* The corpus file name for messages. */
const char *qm_store_get_display_name    (QmStore     *self);

/* Every write call is wrapped in these: its own BEGIN IMMEDIATE ... COMMIT,
 * or a savepoint inside an explicit transaction, so a failing call leaves
 * nothing behind either way. */
gboolean    qm_store_write_begin         (QmStore     *self,
                                          GError     **error);
gboolean    qm_store_write_end           (QmStore     *self,
                                          gboolean     ok,
                                          GError     **error);

/* The rowid of the row of @table ("documents", "spans", "entities",
 * "targets") with this id, 0 when there is none. */
gboolean    qm_store_find_rowid          (QmStore     *self,
                                          const char  *table,
                                          const char  *id,
                                          gint64      *rowid,
                                          GError     **error);
/* Helpers that set QM_ERROR_NOT_FOUND with a message naming the corpus. */
gboolean    qm_store_document_not_found  (QmStore     *self,
                                          const char  *id,
                                          GError     **error);
gboolean    qm_store_span_not_found      (QmStore     *self,
                                          const char  *id,
                                          GError     **error);
gboolean    qm_store_entity_not_found    (QmStore     *self,
                                          const char  *id,
                                          GError     **error);
gboolean    qm_store_target_not_found    (QmStore     *self,
                                          const char  *id,
                                          GError     **error);

char       *qm_stmt_dup_text             (QmStmt      *stmt,
                                          int          column);
/* For messages: xgettext cannot see through G_GINT64_FORMAT, so
 * translatable strings print numbers with %ld. */
static inline glong
qm_stmt_get_long (QmStmt *stmt,
                  int     column)
{
  return (glong) sqlite3_column_int64 (stmt, column);
}

/* Puts every document into the search index (qm-store-documents.c); for
 * the migration that creates the index, and for any later one that must
 * rebuild it because the indexed form of a text changed. */
gboolean    qm_store_index_all_documents (QmStore     *self,
                                          GError     **error);

/* Indexes the documents of @unindexed that still exist (qm-store-documents.c). */
gboolean    qm_store_index_pending       (QmStore     *self,
                                          GError     **error);

/* Brings the open database to QM_STORE_SCHEMA_VERSION (qm-store-migrations.c). */
gboolean    qm_store_migrate             (QmStore     *self,
                                          int          from_version,
                                          GError     **error);

G_END_DECLS
