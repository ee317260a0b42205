/* qm-inspector.h: the side panel that shows the selected annotation and
 * changes it: label, attributes, links to speakers and cues, the speaker a
 * mention refers to, stances, deletion. Every change is one QmHistory
 * command, written at once and undoable. */
#pragma once

#include <gtk/gtk.h>
#include "qm-history.h"
#include "qm-span-list.h"

G_BEGIN_DECLS

#define QM_TYPE_INSPECTOR (qm_inspector_get_type ())
G_DECLARE_FINAL_TYPE (QmInspector, qm_inspector, QM, INSPECTOR, GtkWidget)

GtkWidget  *qm_inspector_new           (void);

void        qm_inspector_set_history   (QmInspector *self,
                                        QmHistory   *history);
QmHistory  *qm_inspector_get_history   (QmInspector *self);
/* Whose links and stances are shown and written. */
void        qm_inspector_set_annotator (QmInspector *self,
                                        const char  *annotator);
const char *qm_inspector_get_annotator (QmInspector *self);
/* The spans of the document shown (the view's list), among which the
 * inspected span and its link candidates are. */
void        qm_inspector_set_spans     (QmInspector *self,
                                        QmSpanList  *spans);
QmSpanList *qm_inspector_get_spans     (QmInspector *self);
/* The span shown; NULL shows a placeholder. */
void        qm_inspector_set_span_id   (QmInspector *self,
                                        const char  *span_id);
const char *qm_inspector_get_span_id   (QmInspector *self);

/* Moves the keyboard focus into the panel: to the speaker chooser (a new
 * mention that matches several speakers), or to the first control. */
void        qm_inspector_focus_entity  (QmInspector *self);
gboolean    qm_inspector_focus_first   (QmInspector *self);

/* Properties: "history", "annotator", "spans", "span-id".
 *
 * Signals:
 * "notice" (const char *message, gboolean undoable): what a change did
 *   that the panel no longer shows (the annotation deleted), for a toast.
 * "failed" (GError *error): a change could not be made; show it.
 * "span-activated" (const char *span_id): a linked span was activated;
 *   the view should select it.
 * "leave" (): Escape in the panel; the view should take the focus back.
 *
 * Actions (all on "inspector."): delete; set-label "s";
 * set-attribute "(ss)" (an empty value removes it); add-link "s" (the span
 * to link to); remove-link "s" (a relation id); set-entity "s" (an entity
 * id, empty for none); new-entity (a speaker named after the text);
 * set-stance "(ss)" (target id, value); retarget-stance "(ss)" (old and
 * new target id); remove-stance "s" (a target id); new-target "s" (a name,
 * for the row that asked for it); select-span "s"; leave (Escape). */

G_END_DECLS
