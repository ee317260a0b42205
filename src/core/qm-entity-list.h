/* qm-entity-list.h: the speaker entities of a corpus as a GListModel of
 * QmEntityItem (name, aliases, how many quotes are attributed to them and
 * in how many documents they are mentioned), alphabetical whatever the
 * script. It follows the history: renames, merges and new links show at
 * once, and the items of entities that stay are the same objects, updated
 * in place, so a selection survives a reload. */
#pragma once

#include <gio/gio.h>
#include "qm-history.h"

G_BEGIN_DECLS

#define QM_TYPE_ENTITY_ITEM (qm_entity_item_get_type ())
G_DECLARE_FINAL_TYPE (QmEntityItem, qm_entity_item, QM, ENTITY_ITEM, GObject)

/* The record (read-only: change entities through QmHistory). */
QmEntity   *qm_entity_item_get_entity      (QmEntityItem *self);
const char *qm_entity_item_get_id          (QmEntityItem *self);
const char *qm_entity_item_get_name        (QmEntityItem *self);
/* The aliases joined with ", " for a row's subtitle ("" when none). */
const char *qm_entity_item_get_aliases_text (QmEntityItem *self);
guint       qm_entity_item_get_n_quotes    (QmEntityItem *self);
guint       qm_entity_item_get_n_documents (QmEntityItem *self);
/* Whether the name or an alias contains @folded (a qm_text_fold() result;
 * NULL or "" matches everything). */
gboolean    qm_entity_item_matches         (QmEntityItem *self,
                                            const char   *folded);

#define QM_TYPE_ENTITY_LIST (qm_entity_list_get_type ())
G_DECLARE_FINAL_TYPE (QmEntityList, qm_entity_list, QM, ENTITY_LIST, GObject)

QmEntityList *qm_entity_list_new    (QmHistory    *history);
QmHistory    *qm_entity_list_get_history (QmEntityList *self);
/* Reads the entities again; on failure the list keeps what it showed. */
gboolean      qm_entity_list_reload (QmEntityList *self,
                                     GError      **error);
/* The position of the entity with @entity_id, or G_MAXUINT. */
guint         qm_entity_list_find   (QmEntityList *self,
                                     const char   *entity_id);

/* Signals:
 * "failed" (GError *error): a reload after a change in the history could
 *   not read the corpus; the list shows what it showed before. */

G_END_DECLS
