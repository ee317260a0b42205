/* qm-history.h: undo and redo of annotation changes. Every change is written
 * to the store at once; undoing writes the inverse at once, so nothing waits
 * for a Save. Commands cover creating, deleting and relabelling spans (and,
 * later, links, entities, targets and stances). */
#pragma once

#include <gio/gio.h>
#include "qm-store.h"

G_BEGIN_DECLS

#define QM_TYPE_HISTORY (qm_history_get_type ())
G_DECLARE_FINAL_TYPE (QmHistory, qm_history, QM, HISTORY, GObject)

QmHistory  *qm_history_new             (QmStore    *store);
QmStore    *qm_history_get_store       (QmHistory  *self);

/* Each applies the change to the store (committed when it returns TRUE) and
 * records it for undo. add_span sets span->id when unset. Deleting keeps the
 * span's relations and stances so undo restores them with the same ids;
 * relabelling drops the attributes, relations and stances the new label does
 * not allow, and undo brings them back. */
gboolean    qm_history_add_span        (QmHistory  *self,
                                        QmSpan     *span,
                                        GError    **error);
gboolean    qm_history_delete_span     (QmHistory  *self,
                                        const char *span_id,
                                        GError    **error);
gboolean    qm_history_relabel_span    (QmHistory  *self,
                                        const char *span_id,
                                        const char *label,
                                        GError    **error);

gboolean    qm_history_can_undo        (QmHistory  *self);
gboolean    qm_history_can_redo        (QmHistory  *self);
/* A short translated description of what undo/redo would do ("Undo Quote"). */
const char *qm_history_get_undo_label  (QmHistory  *self);
const char *qm_history_get_redo_label  (QmHistory  *self);
gboolean    qm_history_undo            (QmHistory  *self,
                                        GError    **error);
gboolean    qm_history_redo            (QmHistory  *self,
                                        GError    **error);

/* What undo/redo would touch: the document and the span of the command on
 * top of each stack (NULL when empty), so a view can follow the change. */
const char *qm_history_get_undo_document_id (QmHistory *self);
const char *qm_history_get_redo_document_id (QmHistory *self);
const char *qm_history_get_undo_span_id     (QmHistory *self);
const char *qm_history_get_redo_span_id     (QmHistory *self);
/* Forgets every command (when the corpus is closed); the store is untouched. */
void        qm_history_clear               (QmHistory *self);

/* Signals:
 * "changed" (const char *document_id): after any apply, undo or redo, so the
 *   views showing that document refresh their spans. Also notifies
 *   "can-undo" and "can-redo" properties. */

G_END_DECLS
