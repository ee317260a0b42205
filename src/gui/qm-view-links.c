/* qm-view-links.c: arcs from quotes to their speakers and cues, stance markers, linking marks. */
#include "config.h"

#include <math.h>

#include "qm-records.h"
#include "qm-span-list.h"
#include "qm-view-links.h"

#define LINE_WIDTH 1.75
#define EMPHASIS_WIDTH 3.0
#define LINK_ALPHA 0.85
#define FADED_ALPHA 0.28
/* How far an arc rises above the higher of its two ends: more for ends far
 * apart, so arcs between neighbours stay flat and long ones clear the
 * short ones they span. */
#define LIFT_MIN 12.0
#define LIFT_MAX 44.0
#define LIFT_PER_PIXEL 0.22
#define ARROW_LENGTH 7.0
#define ARROW_HALF_WIDTH 4.0
#define DOT_RADIUS 2.5
#define MARKER_RADIUS 6.0
/* Between the feet of the arcs that leave one span. */
#define FOOT_SPACING 6.0
#define DASH 5.0

/* Colours of stance markers by the value's place in the schema: the
 * libadwaita palette's green, red and grey (mid tones, which read on the
 * light and the dark background alike), then purple, orange and brown for
 * the values of other schemas. */
static const char * const stance_colors[] = {
  "#26a269", "#e01b24", "#77767b", "#9141ac", "#e66100", "#865e3c",
};

void
qm_view_links_get_anchor (GtkTextView *view,
                          glong        offset,
                          double      *x,
                          double      *y)
{
  GtkTextIter iter;
  GdkRectangle rect;

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (view), &iter, offset);
  gtk_text_view_get_iter_location (view, &iter, &rect);
  /* The width is negative for a right-to-left character; the middle is the
   * middle either way. */
  *x = rect.x + rect.width / 2.0;
  *y = rect.y;
}

static double
lift_for (double x1,
          double x2)
{
  return CLAMP (fabs (x2 - x1) * LIFT_PER_PIXEL, LIFT_MIN, LIFT_MAX);
}

/* A cubic curve that leaves (x1, y1) upwards and comes down onto (x2, y2):
 * above the text between them, whichever way the lines read. */
static void
arc_path (cairo_t *cr,
          double   x1,
          double   y1,
          double   x2,
          double   y2,
          double   top)
{
  cairo_move_to (cr, x1, y1);
  cairo_curve_to (cr, x1, top, x2, top, x2, y2);
}

static void
draw_arrow_head (cairo_t *cr,
                 double   x,
                 double   y)
{
  /* The curve ends going straight down onto the span. */
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x - ARROW_HALF_WIDTH, y - ARROW_LENGTH);
  cairo_line_to (cr, x + ARROW_HALF_WIDTH, y - ARROW_LENGTH);
  cairo_close_path (cr);
  cairo_fill (cr);
}

static gboolean
rects_meet (double              x0,
            double              y0,
            double              x1,
            double              y1,
            const GdkRectangle *visible)
{
  return x1 >= visible->x && x0 <= visible->x + visible->width &&
         y1 >= visible->y && y0 <= visible->y + visible->height;
}

/* The marker of one judgement: a disc in the value's colour with a white
 * sign: + for the first value, − for the second, = for the others. */
static void
draw_stance_marker (cairo_t       *cr,
                    double         cx,
                    double         cy,
                    const GdkRGBA *color,
                    guint          index)
{
  const double arm = MARKER_RADIUS * 0.55;

  cairo_arc (cr, cx, cy, MARKER_RADIUS, 0, 2 * G_PI);
  gdk_cairo_set_source_rgba (cr, color);
  cairo_fill (cr);

  cairo_set_source_rgb (cr, 1.0, 1.0, 1.0);
  cairo_set_line_width (cr, 1.6);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  if (index <= 1)
    {
      cairo_move_to (cr, cx - arm, cy);
      cairo_line_to (cr, cx + arm, cy);
      if (index == 0)
        {
          cairo_move_to (cr, cx, cy - arm);
          cairo_line_to (cr, cx, cy + arm);
        }
    }
  else
    {
      cairo_move_to (cr, cx - arm, cy - arm * 0.45);
      cairo_line_to (cr, cx + arm, cy - arm * 0.45);
      cairo_move_to (cr, cx - arm, cy + arm * 0.45);
      cairo_line_to (cr, cx + arm, cy + arm * 0.45);
    }
  cairo_stroke (cr);
}

static guint
stance_index (QmSchema   *schema,
              const char *value)
{
  const char * const *values = schema != NULL ? qm_schema_get_stance_values (schema) : NULL;

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    if (g_strcmp0 (values[i], value) == 0)
      return i;
  return 2;
}

void
qm_view_links_get_stance_color (QmSchema   *schema,
                                const char *value,
                                GdkRGBA    *color)
{
  guint index = stance_index (schema, value);

  gdk_rgba_parse (color, stance_colors[MIN (index, G_N_ELEMENTS (stance_colors) - 1)]);
}

/* Before the start of the quote, on the top of its line, one disc per
 * judgement going outwards: clear of the arcs, which leave from the middle
 * of the first character. */
static void
draw_stances (GtkTextView        *view,
              cairo_t            *cr,
              QmSchema           *schema,
              GHashTable         *by_id,
              GPtrArray          *stances,
              const GdkRectangle *visible)
{
  GHashTable *counts = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; stances != NULL && i < stances->len; i++)
    {
      QmStance *stance = g_ptr_array_index (stances, i);
      QmSpan *span = g_hash_table_lookup (by_id, stance->span_id);
      guint nth = GPOINTER_TO_UINT (g_hash_table_lookup (counts, stance->span_id));
      GtkTextIter iter;
      GdkRectangle rect;
      GdkRGBA color;
      double direction, cx, cy;

      if (span == NULL)
        continue;
      g_hash_table_insert (counts, stance->span_id, GUINT_TO_POINTER (nth + 1));

      gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (view), &iter, span->start);
      gtk_text_view_get_iter_location (view, &iter, &rect);
      direction = rect.width >= 0 ? 1.0 : -1.0;
      cx = rect.x - direction * (MARKER_RADIUS + 1 + nth * (2 * MARKER_RADIUS + 2));
      cy = rect.y - 1;
      if (!rects_meet (cx - MARKER_RADIUS, cy - MARKER_RADIUS, cx + MARKER_RADIUS, cy + MARKER_RADIUS, visible))
        continue;

      qm_view_links_get_stance_color (schema, stance->value, &color);
      draw_stance_marker (cr, cx, cy, &color, stance_index (schema, stance->value));
    }
  g_hash_table_unref (counts);
}

void
qm_view_links_snapshot (GtkTextView      *view,
                        GtkSnapshot      *snapshot,
                        QmSchema         *schema,
                        QmViewHighlights *highlights,
                        GListModel       *spans,
                        GPtrArray        *relations,
                        GPtrArray        *stances,
                        const char       *emphasis_id)
{
  g_autoptr(GHashTable) by_id = NULL;
  g_autoptr(GHashTable) n_from = NULL;
  g_autoptr(GHashTable) nth_from = NULL;
  g_autoptr(GPtrArray) items = NULL;
  GdkRectangle visible;
  cairo_t *cr;
  guint n;

  g_return_if_fail (GTK_IS_TEXT_VIEW (view));

  if (spans == NULL || ((relations == NULL || relations->len == 0) && (stances == NULL || stances->len == 0)))
    return;

  n = g_list_model_get_n_items (spans);
  items = g_ptr_array_new_full (n, g_object_unref);
  by_id = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n; i++)
    {
      QmSpanItem *item = g_list_model_get_item (spans, i);
      QmSpan *span = qm_span_item_get_span (item);

      g_ptr_array_add (items, item);
      g_hash_table_insert (by_id, span->id, span);
    }

  /* A quote with several links (speakers, a cue) would have them all
   * leave from one point, the last drawn hiding the others' feet. */
  n_from = g_hash_table_new (g_str_hash, g_str_equal);
  nth_from = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; relations != NULL && i < relations->len; i++)
    {
      QmRelation *relation = g_ptr_array_index (relations, i);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (n_from, relation->from_id));

      g_hash_table_insert (n_from, relation->from_id, GUINT_TO_POINTER (count + 1));
    }

  gtk_text_view_get_visible_rect (view, &visible);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (visible.x, visible.y,
                                                                visible.width, visible.height));

  for (guint i = 0; relations != NULL && i < relations->len; i++)
    {
      QmRelation *relation = g_ptr_array_index (relations, i);
      QmSpan *from = g_hash_table_lookup (by_id, relation->from_id);
      QmSpan *to = g_hash_table_lookup (by_id, relation->to_id);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (n_from, relation->from_id));
      guint nth = GPOINTER_TO_UINT (g_hash_table_lookup (nth_from, relation->from_id));
      gboolean emphasised;
      double x1, y1, x2, y2, top;
      GdkRGBA color;

      g_hash_table_insert (nth_from, relation->from_id, GUINT_TO_POINTER (nth + 1));
      if (from == NULL || to == NULL)
        continue;

      qm_view_links_get_anchor (view, from->start, &x1, &y1);
      x1 += (nth - (count - 1) / 2.0) * FOOT_SPACING;
      qm_view_links_get_anchor (view, to->start, &x2, &y2);
      top = MIN (y1, y2) - lift_for (x1, x2);
      /* Only arcs whose box meets the visible part: a long article has
       * many links off screen. */
      if (!rects_meet (MIN (x1, x2) - ARROW_HALF_WIDTH, top, MAX (x1, x2) + ARROW_HALF_WIDTH,
                       MAX (y1, y2), &visible))
        continue;

      /* The colour of the span it points to: in the default schema, one
       * colour per relation type (attributed_to blue, has_cue red). */
      qm_view_highlights_get_color (highlights, to->label, &color);
      emphasised = emphasis_id != NULL &&
                   (g_strcmp0 (emphasis_id, from->id) == 0 || g_strcmp0 (emphasis_id, to->id) == 0);
      if (emphasis_id == NULL)
        color.alpha = LINK_ALPHA;
      else
        color.alpha = emphasised ? 1.0f : FADED_ALPHA;

      gdk_cairo_set_source_rgba (cr, &color);
      cairo_set_line_width (cr, emphasised ? EMPHASIS_WIDTH : LINE_WIDTH);
      arc_path (cr, x1, y1, x2, y2 - ARROW_LENGTH + 1, top);
      cairo_stroke (cr);
      draw_arrow_head (cr, x2, y2);
      cairo_arc (cr, x1, y1, emphasised ? DOT_RADIUS + 0.5 : DOT_RADIUS, 0, 2 * G_PI);
      cairo_fill (cr);
    }

  draw_stances (view, cr, schema, by_id, stances, &visible);
  cairo_destroy (cr);
}

void
qm_view_links_snapshot_candidate (GtkTextView   *view,
                                  GtkSnapshot   *snapshot,
                                  glong          start,
                                  glong          end,
                                  const GdkRGBA *color)
{
  g_autoptr(GArray) rects = NULL;
  const double dashes[] = { DASH, DASH * 0.6 };
  GdkRectangle visible;
  cairo_t *cr;

  g_return_if_fail (GTK_IS_TEXT_VIEW (view));

  rects = qm_view_get_range_rects (view, start, end);
  gtk_text_view_get_visible_rect (view, &visible);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (visible.x, visible.y,
                                                                visible.width, visible.height));
  gdk_cairo_set_source_rgba (cr, color);
  cairo_set_line_width (cr, 2.0);
  cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
  for (guint i = 0; i < rects->len; i++)
    {
      GdkRectangle *rect = &g_array_index (rects, GdkRectangle, i);

      /* Outside the solid outline of the selected span, were they to meet. */
      cairo_rectangle (cr, rect->x - 4.5, rect->y - 3.5, rect->width + 9, rect->height + 7);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
}

void
qm_view_links_snapshot_pending (GtkTextView   *view,
                                GtkSnapshot   *snapshot,
                                glong          from,
                                double         x,
                                double         y,
                                const GdkRGBA *color)
{
  const double dashes[] = { DASH, DASH * 0.6 };
  GdkRectangle visible;
  double x1, y1;
  cairo_t *cr;

  g_return_if_fail (GTK_IS_TEXT_VIEW (view));

  qm_view_links_get_anchor (view, from, &x1, &y1);
  gtk_text_view_get_visible_rect (view, &visible);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (visible.x, visible.y,
                                                                visible.width, visible.height));
  gdk_cairo_set_source_rgba (cr, color);
  cairo_set_line_width (cr, 2.0);
  cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
  arc_path (cr, x1, y1, x, y, MIN (y1, y) - lift_for (x1, x));
  cairo_stroke (cr);
  cairo_destroy (cr);
}
