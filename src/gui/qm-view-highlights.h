/* qm-view-highlights.h: how spans, the selected span and search matches look in the document view. */
#pragma once

#include <gtk/gtk.h>
#include "qm-schema.h"

G_BEGIN_DECLS

typedef struct _QmViewHighlights QmViewHighlights;

/* Tag names, so tests and the window can find them in the tag table. */
#define QM_VIEW_SEARCH_TAG "qm-search-match"
#define QM_VIEW_LABEL_TAG_PREFIX "qm-label-"
#define QM_VIEW_NESTED_TAG_PREFIX "qm-nested-"

QmViewHighlights *qm_view_highlights_new          (GtkTextBuffer    *buffer);
void              qm_view_highlights_free         (QmViewHighlights *self);

/* Creates or recolours one background tag and one nested tag per label. */
void              qm_view_highlights_set_schema   (QmViewHighlights *self,
                                                   QmSchema         *schema);
/* Re-tags the whole buffer from @spans (QmSpanItem in reading order): each
 * stretch of text gets the background tag of the innermost span over it,
 * and where spans nest or overlap, the nested tag of the span just outside
 * it (drawn as an underline in that label's colour by the snapshot). */
void              qm_view_highlights_update       (QmViewHighlights *self,
                                                   GListModel       *spans);
GtkTextTag       *qm_view_highlights_get_label_tag  (QmViewHighlights *self,
                                                     const char       *label);
GtkTextTag       *qm_view_highlights_get_nested_tag (QmViewHighlights *self,
                                                     const char       *label);
/* The colour spans of @label are drawn in (opaque). */
void              qm_view_highlights_get_color    (QmViewHighlights *self,
                                                   const char       *label,
                                                   GdkRGBA          *color);

/* Tags the [start, end) ranges in @matches (pairs of glong) as search matches. */
void              qm_view_highlights_set_matches  (QmViewHighlights *self,
                                                   GArray           *matches);

/* Draws, in buffer coordinates, the underlines of nested text, bracket
 * marks at the edges of every visible span (so two overlapping spans of one
 * label stay apart) and an outline in
 * @outline_color (the label's colour when NULL) around @selected_id.
 * For GtkTextViewClass.snapshot_layer. */
void              qm_view_highlights_snapshot     (QmViewHighlights *self,
                                                   GtkTextView      *view,
                                                   GtkSnapshot      *snapshot,
                                                   GListModel       *spans,
                                                   const char       *selected_id,
                                                   const GdkRGBA    *outline_color);

/* The rectangles (buffer coordinates) the characters [start, end) cover,
 * merged into one per visual run: a logical range of bidi text may be two
 * runs on one line. Returns an array of GdkRectangle. */
GArray           *qm_view_get_range_rects         (GtkTextView      *view,
                                                   glong             start,
                                                   glong             end);

G_END_DECLS
