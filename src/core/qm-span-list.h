/* qm-span-list.h: the spans of one document, for one annotator (or all), as
 * a GListModel of QmSpanItem in reading order (start, longer first). It
 * reloads itself when the history reports a change of its document. */
#pragma once

#include <gio/gio.h>
#include "qm-history.h"
#include "qm-store.h"

G_BEGIN_DECLS

#define QM_TYPE_SPAN_ITEM (qm_span_item_get_type ())
G_DECLARE_FINAL_TYPE (QmSpanItem, qm_span_item, QM, SPAN_ITEM, GObject)

/* The record it wraps (read-only: change spans through QmHistory). */
QmSpan     *qm_span_item_get_span     (QmSpanItem *self);

#define QM_TYPE_SPAN_LIST (qm_span_list_get_type ())
G_DECLARE_FINAL_TYPE (QmSpanList, qm_span_list, QM, SPAN_LIST, GObject)

QmSpanList *qm_span_list_new          (QmHistory  *history,
                                       const char *document_id,
                                       const char *annotator);
gboolean    qm_span_list_reload       (QmSpanList *self,
                                       GError    **error);
/* The position of the span with @span_id, or G_MAXUINT. */
guint       qm_span_list_find         (QmSpanList *self,
                                       const char *span_id);
/* Items covering @offset, innermost last. */
GPtrArray  *qm_span_list_at_offset    (QmSpanList *self,
                                       glong       offset);
const char *qm_span_list_get_document_id (QmSpanList *self);
/* NULL when the list shows every annotator's spans. */
const char *qm_span_list_get_annotator   (QmSpanList *self);

G_END_DECLS
