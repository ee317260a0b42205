/* qm-view-links.h: the links between spans (quote to speaker, quote to cue)
 * drawn over the document view as arcs, the stance markers of quotes, and
 * the marks of linking in progress (the candidate, a link being dragged). */
#pragma once

#include <gtk/gtk.h>
#include "qm-schema.h"
#include "qm-view-highlights.h"

G_BEGIN_DECLS

/* Where an arc leaves or reaches a span (buffer coordinates): the middle
 * of the top of its first character, whichever the direction of its line. */
void qm_view_links_get_anchor          (GtkTextView      *view,
                                        glong             offset,
                                        double           *x,
                                        double           *y);

/* Draws, in buffer coordinates, an arc above the lines for each relation
 * of @relations (QmRelation) whose two spans are in @spans (QmSpanItem)
 * and whose arc crosses the visible part of the view, coloured as the
 * label of its target span, with an arrow head on that end; and a marker at
 * the start of each quote with a stance in @stances (QmStance). The links
 * of @emphasis_id (NULL: none) are drawn thicker and the others faded. */
void qm_view_links_snapshot            (GtkTextView      *view,
                                        GtkSnapshot      *snapshot,
                                        QmSchema         *schema,
                                        QmViewHighlights *highlights,
                                        GListModel       *spans,
                                        GPtrArray        *relations,
                                        GPtrArray        *stances,
                                        const char       *emphasis_id);

/* A dashed outline around the characters [start, end): the span a link
 * would go to. */
void qm_view_links_snapshot_candidate  (GtkTextView      *view,
                                        GtkSnapshot      *snapshot,
                                        glong             start,
                                        glong             end,
                                        const GdkRGBA    *color);

/* A dashed arc from the start of a span to a point (buffer coordinates),
 * while a link is dragged. */
void qm_view_links_snapshot_pending    (GtkTextView      *view,
                                        GtkSnapshot      *snapshot,
                                        glong             from,
                                        double            x,
                                        double            y,
                                        const GdkRGBA    *color);

/* The colour of a stance value's marker: by its place in the schema's
 * list (favor, against, none in the default schema). */
void qm_view_links_get_stance_color    (QmSchema         *schema,
                                        const char       *value,
                                        GdkRGBA          *color);

G_END_DECLS
