/* qm-target-list.h: the stance targets of a corpus as a GListModel of
 * QmTargetItem (name and number of judgements), by name. It follows the
 * history like QmEntityList: items of targets that stay are updated in
 * place. */
#pragma once

#include <gio/gio.h>
#include "qm-history.h"

G_BEGIN_DECLS

#define QM_TYPE_TARGET_ITEM (qm_target_item_get_type ())
G_DECLARE_FINAL_TYPE (QmTargetItem, qm_target_item, QM, TARGET_ITEM, GObject)

const char *qm_target_item_get_id         (QmTargetItem *self);
const char *qm_target_item_get_name       (QmTargetItem *self);
guint       qm_target_item_get_n_stances  (QmTargetItem *self);

#define QM_TYPE_TARGET_LIST (qm_target_list_get_type ())
G_DECLARE_FINAL_TYPE (QmTargetList, qm_target_list, QM, TARGET_LIST, GObject)

QmTargetList *qm_target_list_new    (QmHistory    *history);
gboolean      qm_target_list_reload (QmTargetList *self,
                                     GError      **error);
/* The position of the target with @target_id, or G_MAXUINT. */
guint         qm_target_list_find   (QmTargetList *self,
                                     const char   *target_id);

/* Signals:
 * "failed" (GError *error): a reload after a change in the history failed;
 *   the list shows what it showed before. */

G_END_DECLS
