/* qm-view-highlights.c: label tags, span edge marks and the selection outline of the document view. */
#include "config.h"

#include "qm-span-list.h"
#include "qm-view-highlights.h"

/* Translucent enough that black or white text stays readable on it in the
 * light and the dark style alike, strong enough to tell labels apart. */
#define BACKGROUND_ALPHA 0.30
/* Colour of spans whose label the schema does not know (yet). */
#define UNKNOWN_COLOR "#8a8a8a"
#define UNDERLINE_SHADE 0.65f
#define UNDERLINE_WIDTH 2.0f
#define BAR_WIDTH 2.0f
#define TICK_LENGTH 5.0f
#define OUTLINE_WIDTH 2.0f

typedef struct
{
  GdkRGBA     color;
  GtkTextTag *background;   /* the label's translucent background */
  GtkTextTag *nested;       /* marks text inside a span of this label that an inner span colours */
} LabelStyle;

/* A stretch of text between two span edges and the tags it has. */
typedef struct
{
  glong       from;
  glong       to;
  GtkTextTag *background;   /* of the innermost span over it */
  GtkTextTag *nested;       /* of the span just outside that one, or NULL */
} Segment;

struct _QmViewHighlights
{
  GtkTextBuffer *buffer;
  GHashTable    *labels;      /* name -> LabelStyle */
  GtkTextTag    *search_tag;
  /* The segments the buffer is tagged with, so that a change re-tags only
   * what differs; NULL when the text changed since. */
  GArray        *segments;
  /* Of a long article only the beginning, which the first frame shows, is
   * tagged at once; segments from @n_applied on follow in idle time. */
  guint          n_applied;
  guint          apply_source;
};

static void
label_style_free (LabelStyle *style)
{
  g_clear_object (&style->background);
  g_clear_object (&style->nested);
  g_free (style);
}

/* New text has no tags: the next update tags all of it. */
static void
forget_segments (QmViewHighlights *self)
{
  g_clear_handle_id (&self->apply_source, g_source_remove);
  g_clear_pointer (&self->segments, g_array_unref);
}

QmViewHighlights *
qm_view_highlights_new (GtkTextBuffer *buffer)
{
  QmViewHighlights *self;
  GdkRGBA search_color = { 1.0f, 0.72f, 0.0f, 0.55f };

  g_return_val_if_fail (GTK_IS_TEXT_BUFFER (buffer), NULL);

  self = g_new0 (QmViewHighlights, 1);
  self->buffer = g_object_ref (buffer);
  self->labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) label_style_free);
  self->search_tag = g_object_ref (gtk_text_buffer_create_tag (buffer, QM_VIEW_SEARCH_TAG,
                                                               "background-rgba", &search_color,
                                                               NULL));
  g_signal_connect_swapped (buffer, "changed", G_CALLBACK (forget_segments), self);
  return self;
}

void
qm_view_highlights_free (QmViewHighlights *self)
{
  if (self == NULL)
    return;
  g_signal_handlers_disconnect_by_func (self->buffer, forget_segments, self);
  forget_segments (self);
  g_clear_pointer (&self->labels, g_hash_table_unref);
  g_clear_object (&self->search_tag);
  g_clear_object (&self->buffer);
  g_free (self);
}

/* Search matches must show above any label colour. */
static void
raise_search_tag (QmViewHighlights *self)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (self->buffer);

  gtk_text_tag_set_priority (self->search_tag, gtk_text_tag_table_get_size (table) - 1);
}

static void
style_set_color (LabelStyle    *style,
                 const GdkRGBA *color)
{
  GdkRGBA background = *color;

  style->color = *color;
  background.alpha = BACKGROUND_ALPHA;
  g_object_set (style->background, "background-rgba", &background, NULL);
}

static LabelStyle *
ensure_style (QmViewHighlights *self,
              const char       *label,
              const char       *color_spec)
{
  LabelStyle *style = g_hash_table_lookup (self->labels, label);
  GdkRGBA color;

  if (color_spec == NULL || !gdk_rgba_parse (&color, color_spec))
    gdk_rgba_parse (&color, UNKNOWN_COLOR);
  color.alpha = 1.0f;

  if (style == NULL)
    {
      GtkTextTagTable *table = gtk_text_buffer_get_tag_table (self->buffer);
      g_autofree char *background_name = g_strconcat (QM_VIEW_LABEL_TAG_PREFIX, label, NULL);
      g_autofree char *nested_name = g_strconcat (QM_VIEW_NESTED_TAG_PREFIX, label, NULL);

      style = g_new0 (LabelStyle, 1);
      style->background = gtk_text_tag_new (background_name);
      style->nested = gtk_text_tag_new (nested_name);
      gtk_text_tag_table_add (table, style->background);
      gtk_text_tag_table_add (table, style->nested);
      g_hash_table_insert (self->labels, g_strdup (label), style);
      raise_search_tag (self);
      style_set_color (style, &color);
    }
  else if (color_spec != NULL && !gdk_rgba_equal (&color, &style->color))
    style_set_color (style, &color);

  return style;
}

void
qm_view_highlights_set_schema (QmViewHighlights *self,
                               QmSchema         *schema)
{
  g_return_if_fail (self != NULL);

  if (schema == NULL)
    return;
  for (guint i = 0; i < qm_schema_get_n_labels (schema); i++)
    {
      const QmLabelDef *def = qm_schema_get_label (schema, i);

      ensure_style (self, def->name, def->color);
    }
}

GtkTextTag *
qm_view_highlights_get_label_tag (QmViewHighlights *self,
                                  const char       *label)
{
  LabelStyle *style = g_hash_table_lookup (self->labels, label);

  return style != NULL ? style->background : NULL;
}

GtkTextTag *
qm_view_highlights_get_nested_tag (QmViewHighlights *self,
                                   const char       *label)
{
  LabelStyle *style = g_hash_table_lookup (self->labels, label);

  return style != NULL ? style->nested : NULL;
}

void
qm_view_highlights_get_color (QmViewHighlights *self,
                              const char       *label,
                              GdkRGBA          *color)
{
  LabelStyle *style = g_hash_table_lookup (self->labels, label);

  if (style != NULL)
    *color = style->color;
  else
    gdk_rgba_parse (color, UNKNOWN_COLOR);
}

static int
compare_glong (gconstpointer a,
               gconstpointer b)
{
  glong x = *(const glong *) a;
  glong y = *(const glong *) b;

  return (x > y) - (x < y);
}

static void
apply_tag (GtkTextBuffer *buffer,
           GtkTextTag    *tag,
           glong          start,
           glong          end)
{
  GtkTextIter start_iter, end_iter;

  gtk_text_buffer_get_iter_at_offset (buffer, &start_iter, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &end_iter, end);
  gtk_text_buffer_apply_tag (buffer, tag, &start_iter, &end_iter);
}

static gboolean
segment_equal (const Segment *a,
               const Segment *b)
{
  return a->from == b->from && a->to == b->to && a->background == b->background && a->nested == b->nested;
}

static void
remove_label_tags (QmViewHighlights *self,
                   glong             from,
                   glong             to)
{
  GtkTextIter start, end;
  GHashTableIter iter;
  LabelStyle *style;

  gtk_text_buffer_get_iter_at_offset (self->buffer, &start, from);
  if (to < 0)
    gtk_text_buffer_get_end_iter (self->buffer, &end);
  else
    gtk_text_buffer_get_iter_at_offset (self->buffer, &end, to);
  g_hash_table_iter_init (&iter, self->labels);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &style))
    {
      gtk_text_buffer_remove_tag (self->buffer, style->background, &start, &end);
      gtk_text_buffer_remove_tag (self->buffer, style->nested, &start, &end);
    }
}

static void
apply_segments (QmViewHighlights *self,
                GArray           *segments,
                guint             first,
                guint             last)
{
  for (guint i = first; i < last; i++)
    {
      const Segment *segment = &g_array_index (segments, Segment, i);

      apply_tag (self->buffer, segment->background, segment->from, segment->to);
      if (segment->nested != NULL)
        apply_tag (self->buffer, segment->nested, segment->from, segment->to);
    }
}

/* Segments tagged at once when a long article is tagged from scratch:
 * enough for many screens, however short the spans. The rest follow in
 * idle time, this many at a time, so that input and drawing go on. */
#define SEGMENTS_AT_ONCE  500
#define SEGMENTS_PER_IDLE 500

static gboolean
apply_more (gpointer data)
{
  QmViewHighlights *self = data;
  guint last = MIN (self->n_applied + SEGMENTS_PER_IDLE, self->segments->len);

  apply_segments (self, self->segments, self->n_applied, last);
  self->n_applied = last;
  if (self->n_applied < self->segments->len)
    return G_SOURCE_CONTINUE;

  self->apply_source = 0;
  return G_SOURCE_REMOVE;
}

/* Tags the buffer with @segments, touching only the stretch where they
 * differ from the segments it has: adding one span to an article of
 * thousands re-tags a few words, not the whole text (whose layout GTK
 * would then compute again). */
static void
retag (QmViewHighlights *self,
       GArray           *segments)
{
  GArray *old = self->segments;
  guint first = 0, old_end, new_end;
  glong from, to;

  /* A change while the article is still being tagged: finish first, so
   * that the buffer has all of @old. */
  if (self->apply_source != 0)
    {
      g_clear_handle_id (&self->apply_source, g_source_remove);
      apply_segments (self, old, self->n_applied, old->len);
    }

  if (old == NULL)
    {
      remove_label_tags (self, 0, -1);
      self->segments = segments;
      self->n_applied = MIN (segments->len, SEGMENTS_AT_ONCE);
      apply_segments (self, segments, 0, self->n_applied);
      if (self->n_applied < segments->len)
        self->apply_source = g_idle_add (apply_more, self);
      return;
    }

  while (first < old->len && first < segments->len
         && segment_equal (&g_array_index (old, Segment, first), &g_array_index (segments, Segment, first)))
    first++;
  old_end = old->len;
  new_end = segments->len;
  while (old_end > first && new_end > first
         && segment_equal (&g_array_index (old, Segment, old_end - 1),
                           &g_array_index (segments, Segment, new_end - 1)))
    {
      old_end--;
      new_end--;
    }

  if (old_end > first || new_end > first)
    {
      /* Segments are in order and apart, so everything before @first ends
       * before @from and everything after the differing ones starts at
       * @to or later. */
      from = G_MAXLONG;
      to = 0;
      if (old_end > first)
        {
          from = MIN (from, g_array_index (old, Segment, first).from);
          to = MAX (to, g_array_index (old, Segment, old_end - 1).to);
        }
      if (new_end > first)
        {
          from = MIN (from, g_array_index (segments, Segment, first).from);
          to = MAX (to, g_array_index (segments, Segment, new_end - 1).to);
        }
      remove_label_tags (self, from, to);
      apply_segments (self, segments, first, new_end);
    }

  g_array_unref (old);
  self->segments = segments;
  self->n_applied = segments->len;
}

void
qm_view_highlights_update (QmViewHighlights *self,
                           GListModel       *spans)
{
  g_autoptr(GArray) bounds = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GArray) active = NULL;
  GArray *segments;
  guint n, next = 0;

  g_return_if_fail (self != NULL);

  segments = g_array_new (FALSE, FALSE, sizeof (Segment));
  if (spans == NULL)
    {
      retag (self, segments);
      return;
    }

  n = g_list_model_get_n_items (spans);
  items = g_ptr_array_new_full (n, g_object_unref);
  bounds = g_array_sized_new (FALSE, FALSE, sizeof (glong), 2 * n);
  for (guint i = 0; i < n; i++)
    {
      QmSpanItem *item = g_list_model_get_item (spans, i);
      QmSpan *span = qm_span_item_get_span (item);

      g_ptr_array_add (items, item);
      g_array_append_val (bounds, span->start);
      g_array_append_val (bounds, span->end);
      ensure_style (self, span->label, NULL);
    }
  g_array_sort (bounds, compare_glong);

  /* Between two consecutive span edges the set of spans over the text is
   * constant: the last of them in reading order is the innermost. GtkTextView
   * draws one background per character, so the innermost span's colour
   * wins, and the span just outside it is marked with its label's nested
   * tag, which the snapshot underlines in that colour: nesting and overlap
   * stay visible without a tag per span.
   *
   * The spans come in reading order (by start), so one sweep keeps the ones
   * over the current stretch, in that order, in @active: those that started
   * and have not ended yet. */
  active = g_array_new (FALSE, FALSE, sizeof (QmSpan *));
  for (guint b = 0; b + 1 < bounds->len; b++)
    {
      glong from = g_array_index (bounds, glong, b);
      glong to = g_array_index (bounds, glong, b + 1);
      QmSpan *inner, *outer;
      Segment segment;
      guint kept = 0;

      if (from == to)
        continue;
      while (next < items->len && qm_span_item_get_span (g_ptr_array_index (items, next))->start <= from)
        {
          QmSpan *span = qm_span_item_get_span (g_ptr_array_index (items, next++));

          g_array_append_val (active, span);
        }
      /* A span ending at @from or before is over; one ending later covers
       * all of [from, to), @to being the next edge. */
      for (guint i = 0; i < active->len; i++)
        if (g_array_index (active, QmSpan *, i)->end > from)
          g_array_index (active, QmSpan *, kept++) = g_array_index (active, QmSpan *, i);
      g_array_set_size (active, kept);
      if (active->len == 0)
        continue;

      inner = g_array_index (active, QmSpan *, active->len - 1);
      outer = active->len > 1 ? g_array_index (active, QmSpan *, active->len - 2) : NULL;
      segment.from = from;
      segment.to = to;
      segment.background = ((LabelStyle *) g_hash_table_lookup (self->labels, inner->label))->background;
      segment.nested = outer != NULL ? ((LabelStyle *) g_hash_table_lookup (self->labels, outer->label))->nested : NULL;
      g_array_append_val (segments, segment);
    }

  retag (self, segments);
}

void
qm_view_highlights_set_matches (QmViewHighlights *self,
                                GArray           *matches)
{
  GtkTextIter start, end;

  g_return_if_fail (self != NULL);

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  gtk_text_buffer_remove_tag (self->buffer, self->search_tag, &start, &end);
  if (matches == NULL)
    return;
  for (guint i = 0; i + 1 < matches->len; i += 2)
    apply_tag (self->buffer, self->search_tag,
               g_array_index (matches, glong, i),
               g_array_index (matches, glong, i + 1));
}

/* The leading and trailing edges of a character: Pango gives a negative
 * width for right-to-left characters, whose leading edge is on the right. */
static void
char_edges (GtkTextView       *view,
            const GtkTextIter *iter,
            GdkRectangle      *rect,
            int               *leading,
            int               *trailing)
{
  gtk_text_view_get_iter_location (view, iter, rect);
  *leading = rect->x;
  *trailing = rect->x + rect->width;
}

/* Pango gives each run its own height (an emoji font is taller than the
 * text font), so rectangles of one visual line only overlap vertically;
 * lines, even wrapped ones, never do. */
static gboolean
rects_touch (const GdkRectangle *a,
             const GdkRectangle *b)
{
  return b->y < a->y + a->height && a->y < b->y + b->height &&
         b->x <= a->x + a->width + 1 && a->x <= b->x + b->width + 1;
}

GArray *
qm_view_get_range_rects (GtkTextView *view,
                         glong        start,
                         glong        end)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GArray *rects = g_array_new (FALSE, FALSE, sizeof (GdkRectangle));
  GtkTextIter iter;
  gboolean merged;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, start);
  while (gtk_text_iter_get_offset (&iter) < end && !gtk_text_iter_is_end (&iter))
    {
      GdkRectangle rect;
      guint i;

      if (!gtk_text_iter_ends_line (&iter))
        {
          gtk_text_view_get_iter_location (view, &iter, &rect);
          if (rect.width < 0)
            {
              rect.x += rect.width;
              rect.width = -rect.width;
            }
          for (i = 0; i < rects->len; i++)
            {
              GdkRectangle *other = &g_array_index (rects, GdkRectangle, i);

              if (rects_touch (other, &rect))
                {
                  gdk_rectangle_union (other, &rect, other);
                  break;
                }
            }
          if (i == rects->len)
            g_array_append_val (rects, rect);
        }
      /* By character: a grapheme split over two fonts has two rectangles. */
      if (!gtk_text_iter_forward_char (&iter))
        break;
    }

  /* Pieces of one visual run met in logical order may only touch once the
   * characters between them were added. */
  do
    {
      merged = FALSE;
      for (guint i = 0; i < rects->len && !merged; i++)
        for (guint j = i + 1; j < rects->len && !merged; j++)
          {
            GdkRectangle *a = &g_array_index (rects, GdkRectangle, i);
            GdkRectangle *b = &g_array_index (rects, GdkRectangle, j);

            if (rects_touch (a, b))
              {
                gdk_rectangle_union (a, b, a);
                g_array_remove_index (rects, j);
                merged = TRUE;
              }
          }
    }
  while (merged);

  return rects;
}

static void
append_rect (GtkSnapshot   *snapshot,
             const GdkRGBA *color,
             float          x,
             float          y,
             float          width,
             float          height)
{
  graphene_rect_t bounds;

  if (width < 0)
    {
      x += width;
      width = -width;
    }
  graphene_rect_init (&bounds, x, y, width, height);
  gtk_snapshot_append_color (snapshot, color, &bounds);
}

/* A start mark is a bar just before the leading edge of the first
 * character with a tick at the top pointing into the span; an end mark a
 * bar just after the trailing edge of the last character with a tick at
 * the bottom pointing back. Characters, not graphemes: without a colour
 * emoji font an emoji and its skin tone modifier are drawn apart. */
static void
snapshot_edges (GtkTextView   *view,
                GtkSnapshot   *snapshot,
                QmSpan        *span,
                const GdkRGBA *color)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter iter;
  GdkRectangle rect;
  int leading, trailing;
  float direction;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, span->start);
  char_edges (view, &iter, &rect, &leading, &trailing);
  direction = trailing >= leading ? 1.0f : -1.0f;
  append_rect (snapshot, color, leading, rect.y, -direction * BAR_WIDTH, rect.height);
  append_rect (snapshot, color, leading, rect.y, direction * TICK_LENGTH, BAR_WIDTH);

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, span->end);
  gtk_text_iter_backward_char (&iter);
  char_edges (view, &iter, &rect, &leading, &trailing);
  direction = trailing >= leading ? 1.0f : -1.0f;
  append_rect (snapshot, color, trailing, rect.y, direction * BAR_WIDTH, rect.height);
  append_rect (snapshot, color, trailing, rect.y + rect.height - BAR_WIDTH, -direction * TICK_LENGTH, BAR_WIDTH);
}

/* Where a span lies inside (or across) another, a bar along the bottom of
 * the line in the outer span's colour, darker than its tint so that it
 * shows over that same tint (two overlapping quotes). Drawn here rather
 * than as a Pango underline: that sits on the baseline, where Arabic
 * letters join, and disappears into them. */
static void
snapshot_nesting (QmViewHighlights *self,
                  GtkTextView      *view,
                  GtkSnapshot      *snapshot,
                  glong             visible_start,
                  glong             visible_end)
{
  GHashTableIter styles;
  LabelStyle *style;

  g_hash_table_iter_init (&styles, self->labels);
  while (g_hash_table_iter_next (&styles, NULL, (gpointer *) &style))
    {
      GdkRGBA color = style->color;
      GtkTextIter iter;

      color.red *= UNDERLINE_SHADE;
      color.green *= UNDERLINE_SHADE;
      color.blue *= UNDERLINE_SHADE;

      gtk_text_buffer_get_iter_at_offset (self->buffer, &iter, visible_start);
      while (gtk_text_iter_get_offset (&iter) < visible_end)
        {
          g_autoptr(GArray) rects = NULL;
          GtkTextIter end;

          if (!gtk_text_iter_has_tag (&iter, style->nested))
            {
              if (!gtk_text_iter_forward_to_tag_toggle (&iter, style->nested))
                break;
              continue;
            }
          end = iter;
          gtk_text_iter_forward_to_tag_toggle (&end, style->nested);
          rects = qm_view_get_range_rects (view, gtk_text_iter_get_offset (&iter),
                                           gtk_text_iter_get_offset (&end));
          for (guint i = 0; i < rects->len; i++)
            {
              GdkRectangle *rect = &g_array_index (rects, GdkRectangle, i);

              append_rect (snapshot, &color, rect->x, rect->y + rect->height - UNDERLINE_WIDTH,
                           rect->width, UNDERLINE_WIDTH);
            }
          iter = end;
        }
    }
}

static void
snapshot_outline (GtkTextView   *view,
                  GtkSnapshot   *snapshot,
                  QmSpan        *span,
                  const GdkRGBA *color)
{
  g_autoptr(GArray) rects = qm_view_get_range_rects (view, span->start, span->end);
  const float widths[4] = { OUTLINE_WIDTH, OUTLINE_WIDTH, OUTLINE_WIDTH, OUTLINE_WIDTH };
  const GdkRGBA colors[4] = { *color, *color, *color, *color };

  for (guint i = 0; i < rects->len; i++)
    {
      GdkRectangle *rect = &g_array_index (rects, GdkRectangle, i);
      GskRoundedRect outline;
      graphene_rect_t bounds;

      /* Clear of the nesting underline at the bottom of the line. */
      graphene_rect_init (&bounds, rect->x - 3, rect->y - 2, rect->width + 6, rect->height + 5);
      gsk_rounded_rect_init_from_rect (&outline, &bounds, 3);
      gtk_snapshot_append_border (snapshot, &outline, widths, colors);
    }
}

void
qm_view_highlights_snapshot (QmViewHighlights *self,
                             GtkTextView      *view,
                             GtkSnapshot      *snapshot,
                             GListModel       *spans,
                             const char       *selected_id,
                             const GdkRGBA    *outline_color)
{
  GdkRectangle visible;
  GtkTextIter first, last;
  glong visible_start, visible_end;
  guint n;

  g_return_if_fail (self != NULL);

  if (spans == NULL)
    return;

  gtk_text_view_get_visible_rect (view, &visible);
  gtk_text_view_get_line_at_y (view, &first, visible.y, NULL);
  gtk_text_view_get_line_at_y (view, &last, visible.y + visible.height, NULL);
  gtk_text_iter_forward_to_line_end (&last);
  visible_start = gtk_text_iter_get_offset (&first);
  visible_end = gtk_text_iter_get_offset (&last);

  snapshot_nesting (self, view, snapshot, visible_start, visible_end);

  n = g_list_model_get_n_items (spans);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(QmSpanItem) item = g_list_model_get_item (spans, i);
      QmSpan *span = qm_span_item_get_span (item);
      GdkRGBA color;

      if (span->start > visible_end)
        break;
      if (span->end < visible_start || span->end <= span->start)
        continue;

      qm_view_highlights_get_color (self, span->label, &color);
      snapshot_edges (view, snapshot, span, &color);
      if (g_strcmp0 (span->id, selected_id) == 0)
        snapshot_outline (view, snapshot, span, outline_color != NULL ? outline_color : &color);
    }
}
