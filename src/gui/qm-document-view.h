/* qm-document-view.h: the read-only view of one article where spans are
 * marked. Each paragraph takes its direction from its first strong letter;
 * labels show as one highlight tag per label; the caret moves by keyboard;
 * label keys create spans through the QmHistory, committed before they show. */
#pragma once

#include <gtk/gtk.h>
#include "qm-history.h"
#include "qm-span-list.h"

G_BEGIN_DECLS

#define QM_TYPE_DOCUMENT_VIEW (qm_document_view_get_type ())
G_DECLARE_FINAL_TYPE (QmDocumentView, qm_document_view, QM, DOCUMENT_VIEW, GtkTextView)

GtkWidget  *qm_document_view_new               (void);

/* The history (and through it the store) the view writes to. */
void        qm_document_view_set_history       (QmDocumentView *self,
                                                QmHistory      *history);
/* Whose spans the view shows and writes; NULL shows everyone's and
 * changes nothing (each change fails, saying a name is needed). */
void        qm_document_view_set_annotator     (QmDocumentView *self,
                                                const char     *annotator);
QmHistory  *qm_document_view_get_history       (QmDocumentView *self);
const char *qm_document_view_get_annotator     (QmDocumentView *self);
/* Shows a document (NULL clears the view). */
gboolean    qm_document_view_load              (QmDocumentView *self,
                                                const char     *document_id,
                                                GError        **error);
const char *qm_document_view_get_document_id   (QmDocumentView *self);
/* The title of the document shown, following renames; NULL for none. */
const char *qm_document_view_get_title         (QmDocumentView *self);
QmSpanList *qm_document_view_get_spans         (QmDocumentView *self);

/* Snapping to words (a preference; graphemes always). */
void        qm_document_view_set_snap_words    (QmDocumentView *self,
                                                gboolean        snap);
gboolean    qm_document_view_get_snap_words    (QmDocumentView *self);
/* Applies the label with @key (schema key, "1") to the selection, or
 * relabels the selected annotation. Returns the new span id or NULL. */
char       *qm_document_view_apply_label_key   (QmDocumentView *self,
                                                const char     *key,
                                                GError        **error);
/* The selected annotation, or NULL. Owned by the view's span list: valid
 * until its next change; qm_span_ref() it to keep it. */
QmSpan     *qm_document_view_get_selected_span (QmDocumentView *self);
void        qm_document_view_select_span       (QmDocumentView *self,
                                                const char     *span_id);
/* Linking the selected span (what the A key does): the spans it can be
 * linked to become candidates, nearest first; Tab moves among them, Return
 * links, Escape cancels. Fails when nothing is selected, the selected span
 * cannot be linked or nothing can be linked to it. */
gboolean    qm_document_view_start_linking     (QmDocumentView *self,
                                                GError        **error);
gboolean    qm_document_view_get_linking       (QmDocumentView *self);
/* While linking: the status line text, and the span Return would link to. */
const char *qm_document_view_get_link_status   (QmDocumentView *self);
const char *qm_document_view_get_link_candidate (QmDocumentView *self);
/* Zoom: 1.0 is the default font size. */
void        qm_document_view_set_zoom          (QmDocumentView *self,
                                                double          zoom);
double      qm_document_view_get_zoom          (QmDocumentView *self);
/* The font the text is shown in (family list and size, zoom included). */
PangoFontDescription *qm_document_view_get_font_description (QmDocumentView *self);
/* Highlights matches of a folded search query (NULL clears). */
void        qm_document_view_set_search        (QmDocumentView *self,
                                                const char     *query);
guint       qm_document_view_get_n_search_matches (QmDocumentView *self);
/* The scripts of the text no installed font covers (empty when all are
 * covered); the window shows a banner naming them. */
GStrv       qm_document_view_get_missing_scripts (QmDocumentView *self);

/* Signals:
 * "selection-changed" (): the selected annotation changed.
 * "span-applied" (const char *label, const char *text): a label was applied,
 *   for the announcement and the toast.
 * "failed" (GError *error): a change asked for by a key or an action could
 *   not be made (read-only corpus, nothing selected...); show it.
 * "notice" (const char *message, gboolean undoable): what a change did
 *   (deleted with its links, linked, speaker chosen), for a toast.
 * "choose-entity" (const char *span_id): a new speaker mention matches
 *   several speakers; let the user choose.
 *
 * Properties "linking" and "link-status" follow linking by keyboard.
 *
 * Actions: view.undo (Ctrl+Z), view.redo (Ctrl+Shift+Z, Ctrl+Y),
 * view.next-annotation / view.previous-annotation (Tab / Shift+Tab),
 * view.delete-annotation (Delete), view.apply-label ("s": a schema key),
 * view.link (A: link the selected quote). Links are drawn over the text;
 * a drag from the selected quote onto a speaker or cue links them. */

G_END_DECLS
