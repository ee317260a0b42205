/* qm-document-view.c: the read-only article view where spans are marked by keyboard or mouse. */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "qm-document-view.h"
#include "qm-error.h"
#include "qm-offsets.h"
#include "qm-segment.h"
#include "qm-text.h"
#include "qm-view-highlights.h"
#include "qm-view-links.h"

/* Arabic needs a font made for it: Noto Sans has no Arabic letters, so the
 * list falls through to an Arabic face that matches it, then to any. */
#define FONT_FAMILIES "Noto Sans,Noto Sans Arabic,Noto Naskh Arabic,DejaVu Sans,Sans"
/* How far the pointer goes from the selected span before a press becomes
 * the drag of a link rather than a click. */
#define DRAG_THRESHOLD 6.0
/* Span text quoted in messages is cut at this many characters. */
#define QUOTED_CHARS 40

/* Reading size relative to the interface font at zoom 1.0. */
#define BASE_SCALE 1.15
/* Lines longer than this many average characters are hard to follow. */
#define MAX_LINE_CHARS 75
#define MIN_SIDE_MARGIN 24
#define ZOOM_MIN 0.5
#define ZOOM_MAX 3.0

#define BASE_TAG "qm-base"
#define LTR_TAG "qm-paragraph-ltr"
#define RTL_TAG "qm-paragraph-rtl"

struct _QmDocumentView
{
  GtkTextView       parent_instance;

  QmHistory        *history;
  char             *annotator;
  QmDocument       *document;
  QmSpanList       *spans;
  QmSegmenter      *segmenter;
  QmViewHighlights *highlights;
  GtkTextTag       *base_tag;
  GtkTextTag       *ltr_tag;
  GtkTextTag       *rtl_tag;
  /* Tagging paragraph directions, which for a long article goes on in idle
   * time after the first screens: where it got to. */
  guint             directions_source;
  gsize             directions_byte;
  int               directions_line;
  int               directions_run_start;
  GtkTextTag       *directions_previous;

  char             *selected_id;
  gboolean          snap_words;
  double            zoom;
  int               side_margin;
  int               allocated_width;

  char             *search;
  guint             n_matches;
  char             *folded;       /* the text as qm_text_fold() makes it, for search */
  GArray           *fold_map;
  QmOffsets        *fold_offsets;

  /* Clicking twice at one character walks through the spans over it. */
  double            press_x;
  double            press_y;
  glong             last_click_offset;

  /* The links and stances of the document (the annotator's, as the spans),
   * drawn over the text. */
  GPtrArray        *relations;
  GPtrArray        *stances;
  char             *hover_id;

  /* Linking from the keyboard: the spans the selected one can be linked
   * to, nearest first, and the one Return would link. */
  gboolean          linking;
  GPtrArray        *candidates;   /* of char *, span ids */
  guint             candidate;
  char             *link_status;

  /* Linking by dragging from the selected span onto another. */
  char             *drag_source_id;
  gboolean          dragging;
  double            drag_start_x; /* widget coordinates of the press */
  double            drag_start_y;
  double            drag_x;       /* buffer coordinates of the pointer */
  double            drag_y;
};

G_DEFINE_FINAL_TYPE (QmDocumentView, qm_document_view, GTK_TYPE_TEXT_VIEW)

enum {
  PROP_0,
  PROP_HISTORY,
  PROP_ANNOTATOR,
  PROP_DOCUMENT_ID,
  PROP_SPANS,
  PROP_SNAP_WORDS,
  PROP_ZOOM,
  PROP_LINKING,
  PROP_LINK_STATUS,
  N_PROPS
};

enum {
  SELECTION_CHANGED,
  SPAN_APPLIED,
  FAILED,
  NOTICE,
  CHOOSE_ENTITY,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
report_error (QmDocumentView *self,
              const GError   *error)
{
  gtk_widget_error_bell (GTK_WIDGET (self));
  g_signal_emit (self, signals[FAILED], 0, error);
}

/* Tells the user what a change did; @undoable when undo would take it back. */
static void
notice (QmDocumentView *self,
        const char     *message,
        gboolean        undoable)
{
  g_signal_emit (self, signals[NOTICE], 0, message, undoable);
}

/* Every annotation records whose it is, so without a name nothing may be
 * added, and nobody else's may be changed or deleted in its place. */
static gboolean
check_annotator (QmDocumentView  *self,
                 GError         **error)
{
  if (self->annotator != NULL)
    return TRUE;

  g_set_error_literal (error, QM_ERROR, QM_ERROR_FAILED,
                       _("No annotator name is set; set yours in Preferences"));
  return FALSE;
}

static GtkTextBuffer *
get_buffer (QmDocumentView *self)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
}

static QmStore *
get_store (QmDocumentView *self)
{
  return self->history != NULL ? qm_history_get_store (self->history) : NULL;
}

static QmSpan *
find_span (QmDocumentView *self,
           const char     *span_id)
{
  g_autoptr(QmSpanItem) item = NULL;
  guint position;

  if (self->spans == NULL || span_id == NULL)
    return NULL;
  position = qm_span_list_find (self->spans, span_id);
  if (position == G_MAXUINT)
    return NULL;
  item = g_list_model_get_item (G_LIST_MODEL (self->spans), position);
  /* The list holds the item, so the span outlives this reference. */
  return qm_span_item_get_span (item);
}

static void
place_cursor (QmDocumentView *self,
              glong           offset)
{
  GtkTextBuffer *buffer = get_buffer (self);
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
  gtk_text_buffer_place_cursor (buffer, &iter);
  gtk_text_view_scroll_mark_onscreen (GTK_TEXT_VIEW (self), gtk_text_buffer_get_insert (buffer));
}

static void stop_linking (QmDocumentView *self);

/* Selects @span_id (NULL: none) without moving the caret. */
static void
set_selected (QmDocumentView *self,
              const char     *span_id)
{
  if (g_strcmp0 (self->selected_id, span_id) == 0)
    return;
  /* Linking is from the selected span; another one ends it. */
  stop_linking (self);
  g_free (self->selected_id);
  self->selected_id = g_strdup (span_id);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

/* --- layout --- */

static PangoFontDescription *
get_font_description (QmDocumentView *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  PangoFontDescription *desc = pango_font_description_copy (pango_context_get_font_description (context));
  int size = pango_font_description_get_size (desc);

  if (size <= 0)
    size = 11 * PANGO_SCALE;
  pango_font_description_set_family (desc, FONT_FAMILIES);
  pango_font_description_set_size (desc, (int) (size * BASE_SCALE * self->zoom));
  return desc;
}

static PangoLanguage *
get_language (QmDocumentView *self)
{
  const char *language = self->document != NULL ? qm_document_get_language (self->document) : NULL;

  /* "mixed" and "und" are ours, not BCP 47 tags Pango could use. */
  if (language == NULL || strlen (language) < 2 || strlen (language) > 3)
    return pango_language_get_default ();
  return pango_language_from_string (language);
}

/* Keeps lines at a readable length by growing the side margins on wide
 * windows, rather than letting a maximised window stretch lines across. */
static void
update_margins (QmDocumentView *self,
                int             width)
{
  g_autoptr(PangoFontDescription) desc = NULL;
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  PangoFontMetrics *metrics;
  int char_width, max_text, margin;

  /* Allocation runs often (every resize step); the metrics only matter
   * when the width, zoom or document changed (those reset side_margin). */
  if (width == self->allocated_width && self->side_margin >= 0)
    return;
  self->allocated_width = width;

  desc = get_font_description (self);
  metrics = pango_context_get_metrics (context, desc, get_language (self));
  char_width = pango_font_metrics_get_approximate_char_width (metrics) / PANGO_SCALE;
  pango_font_metrics_unref (metrics);

  max_text = MAX_LINE_CHARS * MAX (char_width, 1);
  margin = MAX (MIN_SIDE_MARGIN, (width - max_text) / 2);
  if (margin == self->side_margin)
    return;
  self->side_margin = margin;
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self), margin);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (self), margin);
}

/* GtkTextView already takes a paragraph's direction from its first strong
 * character; the tags make that explicit and give paragraphs without one
 * (numbers, punctuation) a direction too. Justification stays "left",
 * which GTK reads as "start of the paragraph's direction", so RTL
 * paragraphs end up flush right. */
/* Bytes of text whose paragraphs are tagged before the first frame: far
 * more than a screen shows. The rest follow in idle time, this much at a
 * time. */
#define DIRECTIONS_AT_ONCE   (64 * 1024)
#define DIRECTIONS_PER_IDLE  (128 * 1024)

/* Tags the paragraphs from where the last call stopped, at least @budget
 * bytes of them; TRUE when the text is done. */
static gboolean
tag_directions_step (QmDocumentView *self,
                     gsize           budget)
{
  GtkTextBuffer *buffer = get_buffer (self);
  const char *text = qm_document_get_text (self->document);
  const char *end_of_text;
  const char *p;
  const char *stop;
  GtkTextIter start, end;

  /* The document's own text, not copies out of the buffer, and one tag
   * for each run of paragraphs of one direction: a long article has
   * thousands of paragraphs, and each tag applied costs. Paragraphs end
   * where GtkTextBuffer's lines do (pango_find_paragraph_boundary()). */
  if (text == NULL)
    text = "";
  end_of_text = text + strlen (text);
  p = text + self->directions_byte;
  stop = p + MIN (budget, (gsize) (end_of_text - p));
  for (;; self->directions_line++)
    {
      int delimiter = 0, next = 0;
      PangoDirection direction;
      GtkTextTag *tag;

      /* With the length: -1 would measure the rest of the text each time. */
      pango_find_paragraph_boundary (p, end_of_text - p, &delimiter, &next);
      /* Deprecated since Pango 1.44 without a replacement in Pango; it still
       * implements the first-strong-character rule GtkTextView uses. */
      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      direction = pango_find_base_dir (p, delimiter);
      G_GNUC_END_IGNORE_DEPRECATIONS
      if (direction == PANGO_DIRECTION_RTL)
        tag = self->rtl_tag;
      else if (direction == PANGO_DIRECTION_LTR)
        tag = self->ltr_tag;
      else
        tag = self->directions_previous != NULL ? self->directions_previous : self->ltr_tag;

      if (self->directions_previous != NULL && tag != self->directions_previous)
        {
          /* Through the line end, so the paragraph's every character has it. */
          gtk_text_buffer_get_iter_at_line (buffer, &start, self->directions_run_start);
          gtk_text_buffer_get_iter_at_line (buffer, &end, self->directions_line);
          gtk_text_buffer_apply_tag (buffer, self->directions_previous, &start, &end);
          self->directions_run_start = self->directions_line;
        }
      self->directions_previous = tag;

      if (delimiter == next)
        break;
      p += next;
      if (p >= stop)
        {
          self->directions_line++;
          self->directions_byte = p - text;
          return FALSE;
        }
    }

  gtk_text_buffer_get_iter_at_line (buffer, &start, self->directions_run_start);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_apply_tag (buffer, self->directions_previous, &start, &end);
  return TRUE;
}

static gboolean
tag_directions_idle (gpointer data)
{
  QmDocumentView *self = data;

  if (!tag_directions_step (self, DIRECTIONS_PER_IDLE))
    return G_SOURCE_CONTINUE;
  self->directions_source = 0;
  return G_SOURCE_REMOVE;
}

static void
tag_paragraph_directions (QmDocumentView *self)
{
  g_clear_handle_id (&self->directions_source, g_source_remove);
  self->directions_byte = 0;
  self->directions_line = 0;
  self->directions_run_start = 0;
  self->directions_previous = NULL;
  if (!tag_directions_step (self, DIRECTIONS_AT_ONCE))
    self->directions_source = g_idle_add (tag_directions_idle, self);
}

/* --- spans --- */

static void
on_spans_changed (GListModel     *model,
                  guint           position,
                  guint           removed,
                  guint           added,
                  QmDocumentView *self)
{
  QmStore *store = get_store (self);

  if (store != NULL)
    qm_view_highlights_set_schema (self->highlights, qm_store_get_schema (store));
  qm_view_highlights_update (self->highlights, model);

  if (self->selected_id != NULL && find_span (self, self->selected_id) == NULL)
    set_selected (self, NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
clear_document (QmDocumentView *self)
{
  g_clear_handle_id (&self->directions_source, g_source_remove);
  stop_linking (self);
  g_clear_pointer (&self->relations, g_ptr_array_unref);
  g_clear_pointer (&self->stances, g_ptr_array_unref);
  g_clear_pointer (&self->hover_id, g_free);
  g_clear_pointer (&self->drag_source_id, g_free);
  self->dragging = FALSE;
  if (self->spans != NULL)
    g_signal_handlers_disconnect_by_func (self->spans, on_spans_changed, self);
  g_clear_object (&self->spans);
  g_clear_object (&self->document);
  g_clear_pointer (&self->segmenter, qm_segmenter_unref);
  /* The index points into the folded text: it goes first. */
  g_clear_pointer (&self->fold_offsets, qm_offsets_unref);
  g_clear_pointer (&self->fold_map, g_array_unref);
  g_clear_pointer (&self->folded, g_free);
  self->n_matches = 0;
  self->last_click_offset = -1;
}

static void reload_links (QmDocumentView *self);

static void
open_span_list (QmDocumentView *self)
{
  if (self->spans != NULL)
    g_signal_handlers_disconnect_by_func (self->spans, on_spans_changed, self);
  g_clear_object (&self->spans);

  if (self->document != NULL && self->history != NULL)
    {
      self->spans = qm_span_list_new (self->history, qm_document_get_id (self->document), self->annotator);
      g_signal_connect (self->spans, "items-changed", G_CALLBACK (on_spans_changed), self);
    }
  on_spans_changed (G_LIST_MODEL (self->spans), 0, 0, 0, self);
  reload_links (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPANS]);
}

/* --- search --- */

static void
update_search (QmDocumentView *self)
{
  g_autoptr(GArray) matches = NULL;
  g_autofree char *query = NULL;
  g_auto(GStrv) words = NULL;
  const char *at;

  self->n_matches = 0;
  if (self->search == NULL || *self->search == '\0' || self->document == NULL)
    {
      qm_view_highlights_set_matches (self->highlights, NULL);
      return;
    }

  /* Folding drops harakat and tatweel and case, on both sides alike; the
   * map leads back from the folded text to the characters shown. */
  if (self->folded == NULL)
    {
      self->folded = qm_text_fold (qm_document_get_text (self->document), &self->fold_map);
      self->fold_offsets = qm_offsets_new (self->folded, -1);
    }
  query = qm_text_fold (self->search, NULL);
  /* The corpus search wants every word somewhere, so each word is shown
   * wherever it occurs. */
  words = g_strsplit_set (query, " \t\n", -1);
  matches = g_array_new (FALSE, FALSE, sizeof (glong));

  for (guint w = 0; words[w] != NULL; w++)
    {
      const char *word = words[w];
      gsize word_len = strlen (word);

      for (at = word_len > 0 ? strstr (self->folded, word) : NULL;
           at != NULL;
           at = strstr (at + word_len, word))
        {
          gsize byte_start = at - self->folded;
          glong start = qm_offsets_byte_to_char (self->fold_offsets, byte_start);
          glong end = qm_offsets_byte_to_char (self->fold_offsets, byte_start + word_len);

          start = g_array_index (self->fold_map, glong, start);
          end = g_array_index (self->fold_map, glong, end);
          /* A match on a base letter takes its marks along. */
          if (self->segmenter != NULL)
            qm_segmenter_snap (self->segmenter, QM_SNAP_GRAPHEMES, &start, &end);
          g_array_append_val (matches, start);
          g_array_append_val (matches, end);
          self->n_matches++;
        }
    }
  qm_view_highlights_set_matches (self->highlights, matches);
}

/* --- commands --- */

static void
select_and_reveal (QmDocumentView *self,
                   const char     *span_id)
{
  QmSpan *span = find_span (self, span_id);

  set_selected (self, span != NULL ? span_id : NULL);
  if (span != NULL)
    place_cursor (self, span->start);
}

static gboolean
move_annotation (QmDocumentView *self,
                 int             step)
{
  GtkTextBuffer *buffer = get_buffer (self);
  g_autoptr(QmSpanItem) item = NULL;
  guint n, position;

  n = self->spans != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->spans)) : 0;
  if (n == 0)
    return FALSE;

  position = self->selected_id != NULL ? qm_span_list_find (self->spans, self->selected_id) : G_MAXUINT;
  if (position != G_MAXUINT)
    position = (position + n + step) % n;
  else
    {
      /* From the caret: the first span starting at or after it, or the last
       * one before it when going backwards. */
      GtkTextIter cursor;
      glong offset;

      gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
      offset = gtk_text_iter_get_offset (&cursor);
      position = step > 0 ? 0 : n - 1;
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(QmSpanItem) candidate = g_list_model_get_item (G_LIST_MODEL (self->spans), i);
          glong start = qm_span_item_get_span (candidate)->start;

          if (step > 0 && start >= offset)
            {
              position = i;
              break;
            }
          if (step < 0 && start < offset)
            position = i;
        }
    }

  item = g_list_model_get_item (G_LIST_MODEL (self->spans), position);
  select_and_reveal (self, qm_span_item_get_span (item)->id);
  return TRUE;
}

static gboolean
delete_selected (QmDocumentView *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *span_id = g_strdup (self->selected_id);
  g_autofree char *message = NULL;
  QmSpan *span = find_span (self, span_id);
  glong start;

  if (span == NULL || self->history == NULL)
    return FALSE;
  if (!check_annotator (self, &error))
    {
      report_error (self, error);
      return TRUE;
    }

  start = span->start;
  /* Translators: a toast with an Undo button: "Quote deleted" */
  message = g_strdup_printf (_("%s deleted"), qm_schema_display_name (span->label));
  if (!qm_history_delete_span (self->history, span_id, &error))
    {
      report_error (self, error);
      return TRUE;
    }
  set_selected (self, NULL);
  place_cursor (self, start);
  /* Its links and stances went with it; undo brings them all back. */
  notice (self, message, TRUE);
  return TRUE;
}

/* --- links --- */

static char *span_text (QmDocumentView *self,
                        glong           start,
                        glong           end);

/* The text of a span for a message, cut short when long. */
static char *
quoted_text (QmDocumentView *self,
             QmSpan         *span)
{
  g_autofree char *text = span_text (self, span->start, span->end);
  char *newline;

  /* A quote may run over paragraphs; the first line says which it is. */
  if ((newline = strchr (text, '\n')) != NULL)
    *newline = '\0';
  if (g_utf8_strlen (text, -1) > QUOTED_CHARS)
    {
      g_autofree char *cut = g_utf8_substring (text, 0, QUOTED_CHARS);

      return g_strconcat (cut, "…", NULL);
    }
  return g_steal_pointer (&text);
}

static void
reload_links (QmDocumentView *self)
{
  g_autoptr(GError) error = NULL;
  QmStore *store = get_store (self);
  const char *document_id;

  g_clear_pointer (&self->relations, g_ptr_array_unref);
  g_clear_pointer (&self->stances, g_ptr_array_unref);
  if (store == NULL || self->document == NULL)
    return;

  document_id = qm_document_get_id (self->document);
  self->relations = qm_store_list_relations (store, document_id, self->annotator, &error);
  if (self->relations != NULL)
    self->stances = qm_store_list_stances (store, document_id, self->annotator, &error);
  if (error != NULL)
    report_error (self, error);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
has_links (QmDocumentView *self,
           const char     *span_id)
{
  for (guint i = 0; span_id != NULL && self->relations != NULL && i < self->relations->len; i++)
    {
      QmRelation *relation = g_ptr_array_index (self->relations, i);

      if (g_strcmp0 (relation->from_id, span_id) == 0 || g_strcmp0 (relation->to_id, span_id) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_linked (QmDocumentView *self,
           const char     *type,
           const char     *from_id,
           const char     *to_id)
{
  for (guint i = 0; self->relations != NULL && i < self->relations->len; i++)
    {
      QmRelation *relation = g_ptr_array_index (self->relations, i);

      if (g_strcmp0 (relation->type, type) == 0 &&
          g_strcmp0 (relation->from_id, from_id) == 0 &&
          g_strcmp0 (relation->to_id, to_id) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Whether the schema lets spans of this label be linked to anything. */
static gboolean
can_link_from (QmDocumentView *self,
               QmSpan         *span)
{
  QmStore *store = get_store (self);
  QmSchema *schema;

  if (span == NULL || store == NULL)
    return FALSE;
  schema = qm_store_get_schema (store);
  for (guint i = 0; i < qm_schema_get_n_relations (schema); i++)
    if (g_strcmp0 (qm_schema_get_relation (schema, i)->from_label, span->label) == 0)
      return TRUE;
  return FALSE;
}

typedef struct
{
  QmSpan *span;
  glong   distance;
} Candidate;

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *x = a;
  const Candidate *y = b;

  if (x->distance != y->distance)
    return x->distance < y->distance ? -1 : 1;
  return (x->span->start > y->span->start) - (x->span->start < y->span->start);
}

/* The spans @source may be linked to and is not yet, nearest first. */
static GPtrArray *
find_candidates (QmDocumentView *self,
                 QmSpan         *source)
{
  QmSchema *schema = qm_store_get_schema (get_store (self));
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (Candidate));
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->spans));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(QmSpanItem) item = g_list_model_get_item (G_LIST_MODEL (self->spans), i);
      QmSpan *span = qm_span_item_get_span (item);
      const QmRelationDef *def = qm_schema_find_relation_between (schema, source->label, span->label);
      Candidate candidate;

      if (def == NULL || g_strcmp0 (span->id, source->id) == 0 ||
          is_linked (self, def->name, source->id, span->id))
        continue;
      candidate.span = span;
      candidate.distance = qm_span_distance (source, span);
      g_array_append_val (found, candidate);
    }
  g_array_sort (found, compare_candidates);
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_add (ids, g_strdup (g_array_index (found, Candidate, i).span->id));
  return ids;
}

static void
update_link_status (QmDocumentView *self)
{
  g_autofree char *status = NULL;
  QmSpan *candidate;

  candidate = self->linking ? find_span (self, g_ptr_array_index (self->candidates, self->candidate)) : NULL;
  if (candidate != NULL)
    {
      g_autofree char *text = quoted_text (self, candidate);

      /* Translators: the status line while linking with the keyboard:
       * "Link to Speaker “the minister” (1 of 3): Tab for the next…" */
      status = g_strdup_printf (_("Link to %s “%s” (%u of %u): Tab for the next, Return to link, Esc to cancel"),
                                qm_schema_display_name (candidate->label), text, self->candidate + 1, self->candidates->len);
    }
  if (g_strcmp0 (status, self->link_status) == 0)
    return;
  g_free (self->link_status);
  self->link_status = g_steal_pointer (&status);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINK_STATUS]);
}

static void
stop_linking (QmDocumentView *self)
{
  if (!self->linking)
    return;
  self->linking = FALSE;
  g_clear_pointer (&self->candidates, g_ptr_array_unref);
  self->candidate = 0;
  update_link_status (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINKING]);
}

static void
reveal_candidate (QmDocumentView *self)
{
  QmSpan *candidate = find_span (self, g_ptr_array_index (self->candidates, self->candidate));
  GtkTextIter iter;

  if (candidate == NULL)
    return;
  gtk_text_buffer_get_iter_at_offset (get_buffer (self), &iter, candidate->start);
  gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self), &iter, 0.1, FALSE, 0, 0);
}

static gboolean
start_linking (QmDocumentView  *self,
               GError         **error)
{
  QmSpan *source = find_span (self, self->selected_id);
  g_autoptr(GPtrArray) candidates = NULL;

  if (source == NULL || self->spans == NULL)
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_FAILED,
                           _("Select a quote first, then press A to link it"));
      return FALSE;
    }
  if (!check_annotator (self, error))
    return FALSE;
  if (!can_link_from (self, source))
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                   _("The schema has no links from a %s; select a quote to link it"), qm_schema_display_name (source->label));
      return FALSE;
    }

  candidates = find_candidates (self, source);
  if (candidates->len == 0)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_NOT_FOUND,
                   _("Nothing in this article can be linked to this %s yet: mark its speaker or cue first"),
                   qm_schema_display_name (source->label));
      return FALSE;
    }

  stop_linking (self);
  self->linking = TRUE;
  self->candidates = g_steal_pointer (&candidates);
  self->candidate = 0;
  update_link_status (self);
  reveal_candidate (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINKING]);
  return TRUE;
}

static void
move_candidate (QmDocumentView *self,
                int             step)
{
  guint n = self->candidates->len;

  self->candidate = (self->candidate + n + step) % n;
  update_link_status (self);
  reveal_candidate (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Links @source to @target with the schema's relation between their
 * labels, and says so. */
static gboolean
link_spans (QmDocumentView  *self,
            QmSpan          *source,
            QmSpan          *target,
            GError         **error)
{
  QmSchema *schema = qm_store_get_schema (get_store (self));
  const QmRelationDef *def = qm_schema_find_relation_between (schema, source->label, target->label);
  g_autoptr(QmRelation) relation = NULL;
  g_autofree char *text = NULL;
  g_autofree char *message = NULL;

  if (def == NULL)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                   _("A %s cannot be linked to a %s"), qm_schema_display_name (source->label), qm_schema_display_name (target->label));
      return FALSE;
    }
  if (!check_annotator (self, error))
    return FALSE;

  relation = qm_relation_new ();
  relation->type = g_strdup (def->name);
  relation->from_id = g_strdup (source->id);
  relation->to_id = g_strdup (target->id);
  relation->annotator = g_strdup (self->annotator);
  /* Read before the change: the span list re-reads the store after it. */
  text = quoted_text (self, target);
  message = g_strdup_printf (_("Linked to %s “%s”"), qm_schema_display_name (target->label), text);
  if (!qm_history_add_relation (self->history, relation, error))
    return FALSE;
  notice (self, message, TRUE);
  return TRUE;
}

static void
finish_linking (QmDocumentView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmSpan) source = NULL;
  g_autoptr(QmSpan) target = NULL;
  QmSpan *found;

  if ((found = find_span (self, self->selected_id)) != NULL)
    source = qm_span_ref (found);
  if ((found = find_span (self, g_ptr_array_index (self->candidates, self->candidate))) != NULL)
    target = qm_span_ref (found);
  stop_linking (self);
  if (source == NULL || target == NULL)
    return;

  if (!link_spans (self, source, target, &error))
    report_error (self, error);
}

/* The innermost span at a point of the widget, among those @source could
 * be linked to when given. */
static QmSpan *
span_at_point (QmDocumentView *self,
               double          x,
               double          y,
               QmSpan         *source)
{
  g_autoptr(GPtrArray) covering = NULL;
  QmSchema *schema;
  GtkTextIter iter;
  int buffer_x, buffer_y;

  if (self->spans == NULL || get_store (self) == NULL)
    return NULL;
  gtk_text_view_window_to_buffer_coords (GTK_TEXT_VIEW (self), GTK_TEXT_WINDOW_WIDGET,
                                         (int) x, (int) y, &buffer_x, &buffer_y);
  if (!gtk_text_view_get_iter_at_location (GTK_TEXT_VIEW (self), &iter, buffer_x, buffer_y))
    return NULL;

  schema = qm_store_get_schema (get_store (self));
  covering = qm_span_list_at_offset (self->spans, gtk_text_iter_get_offset (&iter));
  for (guint i = covering->len; i > 0; i--)
    {
      QmSpan *span = qm_span_item_get_span (g_ptr_array_index (covering, i - 1));

      if (source == NULL ||
          (g_strcmp0 (span->id, source->id) != 0 &&
           qm_schema_find_relation_between (schema, source->label, span->label) != NULL))
        return span;
    }
  return NULL;
}

static void
on_history_changed (QmHistory      *history,
                    const char     *document_id,
                    QmDocumentView *self)
{
  if (self->document == NULL || g_strcmp0 (document_id, qm_document_get_id (self->document)) != 0)
    return;
  /* The candidates were chosen from what the store held before. */
  stop_linking (self);
  reload_links (self);
}

/* A screen reader names the view after the document's title. */
static void
on_history_document_renamed (QmHistory      *history,
                             const char     *document_id,
                             const char     *title,
                             QmDocumentView *self)
{
  if (self->document == NULL || g_strcmp0 (document_id, qm_document_get_id (self->document)) != 0)
    return;

  qm_document_set_title (self->document, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title != NULL && *title != '\0' ? title : _("Document"),
                                  -1);
}

/* --- entities --- */

/* Whether another mention in this document already refers to a speaker. */
static gboolean
has_other_speakers (QmDocumentView *self,
                    const char     *span_id)
{
  guint n = self->spans != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->spans)) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(QmSpanItem) item = g_list_model_get_item (G_LIST_MODEL (self->spans), i);
      QmSpan *span = qm_span_item_get_span (item);

      if (span->entity_id != NULL && g_strcmp0 (span->id, span_id) != 0)
        return TRUE;
    }
  return FALSE;
}

/* A new mention of a speaker: link it to the entity whose name or alias it
 * is, when there is exactly one; ask when there are several. When none
 * matches and the article already has speakers, the mention is most likely
 * a pronoun or a description ("He", "the spokesman", «المتحدث») of one of
 * them, so ask too; otherwise create one named after it. This is a step of
 * its own after the span (a group of two when it creates the entity), so
 * the first Ctrl+Z takes back the guess and keeps the span. */
static void
suggest_entity (QmDocumentView *self,
                const char     *span_id,
                const char     *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) matches = NULL;
  g_autofree char *message = NULL;

  matches = qm_store_find_entities (get_store (self), text, &error);
  if (matches == NULL)
    {
      report_error (self, error);
      return;
    }

  if (matches->len == 1)
    {
      QmEntity *entity = g_ptr_array_index (matches, 0);

      if (!qm_history_set_entity (self->history, span_id, entity->id, &error))
        {
          report_error (self, error);
          return;
        }
      /* Translators: a toast after a speaker mention was marked */
      message = g_strdup_printf (_("Linked to the speaker “%s”"), entity->name);
      notice (self, message, TRUE);
    }
  else if (matches->len > 1)
    {
      message = g_strdup_printf (_("Several speakers are called “%s”: choose one"), text);
      notice (self, message, FALSE);
      g_signal_emit (self, signals[CHOOSE_ENTITY], 0, span_id);
    }
  else if (has_other_speakers (self, span_id))
    {
      /* Translators: a toast after marking "He" in an article that names speakers */
      message = g_strdup_printf (_("Who is “%s”? Choose a speaker of this article, or a new one"), text);
      notice (self, message, FALSE);
      g_signal_emit (self, signals[CHOOSE_ENTITY], 0, span_id);
    }
  else
    {
      g_autoptr(QmEntity) entity = qm_entity_new ();
      gboolean ok;

      entity->name = g_strdup (text);
      qm_history_begin_group (self->history);
      ok = qm_history_create_entity (self->history, entity, &error) &&
           qm_history_set_entity (self->history, span_id, entity->id, &error);
      qm_history_end_group (self->history);
      if (!ok)
        {
          report_error (self, error);
          return;
        }
      message = g_strdup_printf (_("New speaker “%s”"), entity->name);
      notice (self, message, TRUE);
    }
}

/* After undo or redo, select the span the command touched when it still
 * exists, or put the caret where it was. */
static void
follow_history (QmDocumentView *self,
                const char     *span_id,
                glong           old_start)
{
  /* A change of the whole document (its title) leaves the selection be. */
  if (span_id == NULL)
    return;
  if (find_span (self, span_id) != NULL)
    select_and_reveal (self, span_id);
  else
    {
      set_selected (self, NULL);
      if (old_start >= 0)
        place_cursor (self, old_start);
    }
}

static void
step_history (QmDocumentView *self,
              gboolean        undo)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *span_id = NULL;
  g_autofree char *document_id = NULL;
  QmSpan *span;
  glong old_start;
  gboolean ok;

  if (self->history == NULL)
    return;

  span_id = g_strdup (undo ? qm_history_get_undo_span_id (self->history)
                           : qm_history_get_redo_span_id (self->history));
  document_id = g_strdup (undo ? qm_history_get_undo_document_id (self->history)
                               : qm_history_get_redo_document_id (self->history));
  span = find_span (self, span_id);
  old_start = span != NULL ? span->start : -1;

  ok = undo ? qm_history_undo (self->history, &error) : qm_history_redo (self->history, &error);
  if (!ok)
    {
      report_error (self, error);
      return;
    }
  if (self->document != NULL && g_strcmp0 (document_id, qm_document_get_id (self->document)) == 0)
    follow_history (self, span_id, old_start);
}

static void
undo_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  step_history (QM_DOCUMENT_VIEW (widget), TRUE);
}

static void
redo_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  step_history (QM_DOCUMENT_VIEW (widget), FALSE);
}

static void
link_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  QmDocumentView *self = QM_DOCUMENT_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (!start_linking (self, &error))
    report_error (self, error);
}

static void
next_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  move_annotation (QM_DOCUMENT_VIEW (widget), 1);
}

static void
previous_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  move_annotation (QM_DOCUMENT_VIEW (widget), -1);
}

static void
delete_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  delete_selected (QM_DOCUMENT_VIEW (widget));
}

static void
apply_label_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  QmDocumentView *self = QM_DOCUMENT_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *span_id = NULL;

  span_id = qm_document_view_apply_label_key (self, g_variant_get_string (parameter, NULL), &error);
  if (span_id == NULL)
    report_error (self, error);
}

static void
update_history_actions (QmDocumentView *self)
{
  gboolean can_undo = self->history != NULL && qm_history_can_undo (self->history);
  gboolean can_redo = self->history != NULL && qm_history_can_redo (self->history);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.undo", can_undo);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.redo", can_redo);
}

static void
on_history_notify (QmHistory      *history,
                   GParamSpec     *pspec,
                   QmDocumentView *self)
{
  update_history_actions (self);
}

/* --- input --- */

/* The schema key a key press stands for: the character it types, with
 * Arabic-Indic and other digits read as the ASCII digit, so label keys
 * "1", "2"... work under an Arabic keyboard layout too. */
static char *
key_string (guint keyval)
{
  gunichar c = gdk_keyval_to_unicode (keyval);
  char buf[8] = { 0, };
  int digit;

  if (c == 0 || g_unichar_iscntrl (c) || g_unichar_isspace (c))
    return NULL;
  digit = g_unichar_digit_value (c);
  if (digit >= 0)
    c = '0' + digit;
  g_unichar_to_utf8 (c, buf);
  return g_strdup (buf);
}

static gboolean
is_modifier_keyval (guint keyval)
{
  return (keyval >= GDK_KEY_Shift_L && keyval <= GDK_KEY_Hyper_R) ||
         keyval == GDK_KEY_ISO_Level3_Shift || keyval == GDK_KEY_ISO_Level5_Shift ||
         keyval == GDK_KEY_Mode_switch || keyval == GDK_KEY_ISO_Group_Shift;
}

/* The A key starts linking. Under an Arabic layout the same key types ش;
 * GDK matches it against the first layout too, as it does for shortcuts. */
static gboolean
is_link_key (GtkEventControllerKey *controller,
             guint                  keyval)
{
  GdkEvent *event;

  if (keyval == GDK_KEY_a || keyval == GDK_KEY_A)
    return TRUE;
  event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));
  return event != NULL && gdk_event_get_event_type (event) == GDK_KEY_PRESS &&
         (gdk_key_event_matches (event, GDK_KEY_a, 0) != GDK_KEY_MATCH_NONE ||
          gdk_key_event_matches (event, GDK_KEY_a, GDK_SHIFT_MASK) != GDK_KEY_MATCH_NONE);
}

/* While linking, Tab and Shift+Tab go through the candidates, Return links
 * and Escape cancels; any other key ends linking and does what it does. */
static gboolean
linking_key (QmDocumentView  *self,
             guint            keyval,
             GdkModifierType  modifiers)
{
  switch (keyval)
    {
    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
    case GDK_KEY_ISO_Left_Tab:
      if ((modifiers & ~GDK_SHIFT_MASK) != 0)
        break;
      move_candidate (self, (modifiers & GDK_SHIFT_MASK) ? -1 : 1);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (modifiers != 0)
        break;
      finish_linking (self);
      return TRUE;
    case GDK_KEY_Escape:
      stop_linking (self);
      return TRUE;
    default:
      break;
    }
  if (!is_modifier_keyval (keyval))
    stop_linking (self);
  return FALSE;
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                QmDocumentView        *self)
{
  GdkModifierType modifiers = state & gtk_accelerator_get_default_mod_mask ();
  g_autofree char *key = NULL;
  QmStore *store;

  if (self->linking && linking_key (self, keyval, modifiers))
    return TRUE;

  /* Tab walks through the annotations, since a read-only view has no use
   * for it; Ctrl+Tab (and F6) still leave the view. */
  if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab || keyval == GDK_KEY_ISO_Left_Tab)
    {
      if ((modifiers & ~GDK_SHIFT_MASK) != 0)
        return FALSE;
      return move_annotation (self, (modifiers & GDK_SHIFT_MASK) ? -1 : 1);
    }

  /* Label keys are plain keys: Ctrl+1 or Alt+1 belong to the window. */
  if ((modifiers & ~GDK_SHIFT_MASK) != 0)
    return FALSE;

  /* Before the label keys: a schema may give "a" to a label, but with a
   * quote selected A means linking it. */
  if (is_link_key (controller, keyval) && can_link_from (self, find_span (self, self->selected_id)))
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "view.link", NULL);
      return TRUE;
    }

  switch (keyval)
    {
    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
    case GDK_KEY_BackSpace:
      return delete_selected (self);
    case GDK_KEY_Escape:
      if (self->selected_id == NULL)
        return FALSE;
      set_selected (self, NULL);
      return TRUE;
    default:
      break;
    }

  store = get_store (self);
  key = key_string (keyval);
  if (store == NULL || key == NULL || self->document == NULL)
    return FALSE;
  if (qm_schema_find_label_by_key (qm_store_get_schema (store), key) == NULL)
    return FALSE;

  gtk_widget_activate_action (GTK_WIDGET (self), "view.apply-label", "s", key);
  return TRUE;
}

static void
on_click_pressed (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  QmDocumentView  *self)
{
  self->press_x = x;
  self->press_y = y;
}

/* A click (not a drag) on annotated text selects the innermost span there;
 * clicking the same character again selects the next span out, and so on
 * round. */
static void
on_click_released (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   QmDocumentView  *self)
{
  g_autoptr(GPtrArray) covering = NULL;
  GtkTextIter iter;
  const char *chosen = NULL;
  int buffer_x, buffer_y;
  glong offset;

  if (n_press != 1 || self->spans == NULL ||
      fabs (x - self->press_x) > 4 || fabs (y - self->press_y) > 4 ||
      gtk_text_buffer_get_has_selection (get_buffer (self)))
    return;

  gtk_text_view_window_to_buffer_coords (GTK_TEXT_VIEW (self), GTK_TEXT_WINDOW_WIDGET,
                                         (int) x, (int) y, &buffer_x, &buffer_y);
  if (!gtk_text_view_get_iter_at_location (GTK_TEXT_VIEW (self), &iter, buffer_x, buffer_y))
    {
      set_selected (self, NULL);
      self->last_click_offset = -1;
      return;
    }

  offset = gtk_text_iter_get_offset (&iter);
  covering = qm_span_list_at_offset (self->spans, offset);
  if (covering->len > 0)
    {
      guint chosen_index = covering->len - 1;

      if (offset == self->last_click_offset && self->selected_id != NULL)
        for (guint i = 0; i < covering->len; i++)
          if (g_strcmp0 (qm_span_item_get_span (g_ptr_array_index (covering, i))->id,
                         self->selected_id) == 0)
            chosen_index = (i + covering->len - 1) % covering->len;
      chosen = qm_span_item_get_span (g_ptr_array_index (covering, chosen_index))->id;
    }
  self->last_click_offset = offset;
  set_selected (self, chosen);
}

/* Making a new text selection means the user is about to mark text, so the
 * annotation selection (which a label key would relabel) lets go. */
static void
on_mark_set (GtkTextBuffer  *buffer,
             GtkTextIter    *location,
             GtkTextMark    *mark,
             QmDocumentView *self)
{
  /* A press on the selected span may become the drag of a link, which
   * must not let go of the span it starts from. */
  if (self->drag_source_id != NULL)
    return;
  /* Shift+arrows move the insert mark, a drag both. */
  if ((mark == gtk_text_buffer_get_selection_bound (buffer) ||
       mark == gtk_text_buffer_get_insert (buffer)) &&
      gtk_text_buffer_get_has_selection (buffer))
    set_selected (self, NULL);
}

static void
set_hover (QmDocumentView *self,
           const char     *span_id)
{
  if (g_strcmp0 (self->hover_id, span_id) == 0)
    return;
  g_free (self->hover_id);
  self->hover_id = g_strdup (span_id);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The links of the span under the pointer stand out. */
static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           QmDocumentView           *self)
{
  QmSpan *span = span_at_point (self, x, y, NULL);

  set_hover (self, span != NULL ? span->id : NULL);
}

static void
on_motion_leave (GtkEventControllerMotion *controller,
                 QmDocumentView           *self)
{
  set_hover (self, NULL);
}

static void
end_drag (QmDocumentView *self)
{
  g_clear_pointer (&self->drag_source_id, g_free);
  if (self->dragging)
    {
      self->dragging = FALSE;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

/* A drag that starts on the selected span, when it can be linked, draws a
 * link to the pointer and makes it on release over a span that fits.
 * Elsewhere the press is left to the text view (selecting text). */
static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               QmDocumentView *self)
{
  QmSpan *source = find_span (self, self->selected_id);
  g_autoptr(GPtrArray) covering = NULL;
  GtkTextIter iter;
  int buffer_x, buffer_y;
  glong offset;

  end_drag (self);
  if (!can_link_from (self, source) || self->linking)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_text_view_window_to_buffer_coords (GTK_TEXT_VIEW (self), GTK_TEXT_WINDOW_WIDGET,
                                         (int) x, (int) y, &buffer_x, &buffer_y);
  if (!gtk_text_view_get_iter_at_location (GTK_TEXT_VIEW (self), &iter, buffer_x, buffer_y))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  offset = gtk_text_iter_get_offset (&iter);
  if (offset < source->start || offset >= source->end)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  self->drag_source_id = g_strdup (source->id);
  self->drag_start_x = x;
  self->drag_start_y = y;
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          offset_x,
                double          offset_y,
                QmDocumentView *self)
{
  int buffer_x, buffer_y;

  if (self->drag_source_id == NULL)
    return;
  if (!self->dragging)
    {
      GtkTextBuffer *buffer = get_buffer (self);
      GtkTextIter insert;

      if (hypot (offset_x, offset_y) < DRAG_THRESHOLD)
        return;
      /* From here on the press is a link being drawn, not a text selection. */
      self->dragging = TRUE;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      gtk_text_buffer_get_iter_at_mark (buffer, &insert, gtk_text_buffer_get_insert (buffer));
      gtk_text_buffer_select_range (buffer, &insert, &insert);
    }
  gtk_text_view_window_to_buffer_coords (GTK_TEXT_VIEW (self), GTK_TEXT_WINDOW_WIDGET,
                                         (int) (self->drag_start_x + offset_x),
                                         (int) (self->drag_start_y + offset_y),
                                         &buffer_x, &buffer_y);
  self->drag_x = buffer_x;
  self->drag_y = buffer_y;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_drag_end (GtkGestureDrag *gesture,
             double          offset_x,
             double          offset_y,
             QmDocumentView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmSpan) source = NULL;
  QmSpan *found, *target;
  double x, y;

  if (self->drag_source_id == NULL || !self->dragging)
    {
      end_drag (self);
      return;
    }
  if ((found = find_span (self, self->drag_source_id)) != NULL)
    source = qm_span_ref (found);
  x = self->drag_start_x + offset_x;
  y = self->drag_start_y + offset_y;
  end_drag (self);
  if (source == NULL)
    return;

  target = span_at_point (self, x, y, source);
  if (target == NULL)
    {
      g_set_error (&error, QM_ERROR, QM_ERROR_INVALID_DATA,
                   _("Drop the link on a span this %s can be linked to, such as its speaker or cue"),
                   qm_schema_display_name (source->label));
      report_error (self, error);
      return;
    }
  if (!link_spans (self, source, target, &error))
    report_error (self, error);
}

static void
on_drag_cancel (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                QmDocumentView   *self)
{
  /* Denied or taken by another gesture: nothing was drawn that stays. */
  if (!self->dragging)
    end_drag (self);
}

/* --- GtkWidget / GtkTextView --- */

static void
qm_document_view_snapshot_layer (GtkTextView      *text_view,
                                 GtkTextViewLayer  layer,
                                 GtkSnapshot      *snapshot)
{
  QmDocumentView *self = QM_DOCUMENT_VIEW (text_view);
  const char *emphasis;
  QmSpan *source;
  QmStore *store;
  GdkRGBA outline;

  if (layer != GTK_TEXT_VIEW_LAYER_ABOVE_TEXT || self->spans == NULL)
    return;

  /* The text colour: distinct from every label colour, in both styles. */
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &outline);
  qm_view_highlights_snapshot (self->highlights, text_view, snapshot,
                               G_LIST_MODEL (self->spans), self->selected_id, &outline);

  /* The hovered span's links stand out, else the selected one's; a span
   * without links leaves the others as they are. */
  emphasis = has_links (self, self->hover_id) ? self->hover_id
           : has_links (self, self->selected_id) ? self->selected_id : NULL;
  store = get_store (self);
  qm_view_links_snapshot (text_view, snapshot, store != NULL ? qm_store_get_schema (store) : NULL,
                          self->highlights, G_LIST_MODEL (self->spans),
                          self->relations, self->stances, emphasis);

  source = find_span (self, self->selected_id);
  if (self->linking && source != NULL)
    {
      QmSpan *candidate = find_span (self, g_ptr_array_index (self->candidates, self->candidate));

      if (candidate != NULL)
        {
          double x, y;
          GdkRGBA color;

          qm_view_highlights_get_color (self->highlights, candidate->label, &color);
          qm_view_links_get_anchor (text_view, candidate->start, &x, &y);
          qm_view_links_snapshot_pending (text_view, snapshot, source->start, x, y, &color);
          qm_view_links_snapshot_candidate (text_view, snapshot, candidate->start, candidate->end, &outline);
        }
    }
  if (self->dragging && (source = find_span (self, self->drag_source_id)) != NULL)
    qm_view_links_snapshot_pending (text_view, snapshot, source->start,
                                    self->drag_x, self->drag_y, &outline);
}

static void
qm_document_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  update_margins (QM_DOCUMENT_VIEW (widget), width);

  GTK_WIDGET_CLASS (qm_document_view_parent_class)->size_allocate (widget, width, height, baseline);
}

static void
qm_document_view_dispose (GObject *object)
{
  QmDocumentView *self = QM_DOCUMENT_VIEW (object);

  clear_document (self);
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  g_clear_object (&self->history);
  g_clear_pointer (&self->highlights, qm_view_highlights_free);

  G_OBJECT_CLASS (qm_document_view_parent_class)->dispose (object);
}

static void
qm_document_view_finalize (GObject *object)
{
  QmDocumentView *self = QM_DOCUMENT_VIEW (object);

  g_free (self->annotator);
  g_free (self->selected_id);
  g_free (self->search);
  g_free (self->link_status);

  G_OBJECT_CLASS (qm_document_view_parent_class)->finalize (object);
}

static void
qm_document_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  QmDocumentView *self = QM_DOCUMENT_VIEW (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_ANNOTATOR:
      g_value_set_string (value, self->annotator);
      break;
    case PROP_DOCUMENT_ID:
      g_value_set_string (value, qm_document_view_get_document_id (self));
      break;
    case PROP_SPANS:
      g_value_set_object (value, self->spans);
      break;
    case PROP_SNAP_WORDS:
      g_value_set_boolean (value, self->snap_words);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_LINKING:
      g_value_set_boolean (value, self->linking);
      break;
    case PROP_LINK_STATUS:
      g_value_set_string (value, self->link_status);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qm_document_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  QmDocumentView *self = QM_DOCUMENT_VIEW (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      qm_document_view_set_history (self, g_value_get_object (value));
      break;
    case PROP_ANNOTATOR:
      qm_document_view_set_annotator (self, g_value_get_string (value));
      break;
    case PROP_SNAP_WORDS:
      qm_document_view_set_snap_words (self, g_value_get_boolean (value));
      break;
    case PROP_ZOOM:
      qm_document_view_set_zoom (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qm_document_view_class_init (QmDocumentViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkTextViewClass *text_view_class = GTK_TEXT_VIEW_CLASS (klass);

  object_class->dispose = qm_document_view_dispose;
  object_class->finalize = qm_document_view_finalize;
  object_class->get_property = qm_document_view_get_property;
  object_class->set_property = qm_document_view_set_property;
  widget_class->size_allocate = qm_document_view_size_allocate;
  text_view_class->snapshot_layer = qm_document_view_snapshot_layer;

  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL,
                         QM_TYPE_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANNOTATOR] =
    g_param_spec_string ("annotator", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOCUMENT_ID] =
    g_param_spec_string ("document-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SPANS] =
    g_param_spec_object ("spans", NULL, NULL,
                         QM_TYPE_SPAN_LIST,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SNAP_WORDS] =
    g_param_spec_boolean ("snap-words", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL,
                         ZOOM_MIN, ZOOM_MAX, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether A started linking the selected span and it is not over yet. */
  properties[PROP_LINKING] =
    g_param_spec_boolean ("linking", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* While linking, what Return would do and which keys do what, for a
   * status line; NULL otherwise. */
  properties[PROP_LINK_STATUS] =
    g_param_spec_string ("link-status", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * QmDocumentView::selection-changed:
   * @self: the view
   *
   * The selected annotation changed (see
   * qm_document_view_get_selected_span()), by click, Tab, undo or deletion.
   */
  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * QmDocumentView::span-applied:
   * @self: the view
   * @label: the label name
   * @text: the text the span covers
   *
   * A label was applied (a span created or relabelled) and committed, so
   * the window can show a toast and screen readers hear of it.
   */
  signals[SPAN_APPLIED] =
    g_signal_new ("span-applied",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  /**
   * QmDocumentView::failed:
   * @self: the view
   * @error: what went wrong
   *
   * A change asked for from the keyboard or an action could not be made
   * (a read-only corpus, a selection of spaces only...); the window tells
   * the user. Calls that take a GError report there instead.
   */
  signals[FAILED] =
    g_signal_new ("failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);

  /**
   * QmDocumentView::notice:
   * @self: the view
   * @message: what happened, for a toast
   * @undoable: whether undo takes it back (the toast offers Undo)
   *
   * A change made from the keyboard or the mouse that the text alone does
   * not show: an annotation deleted with its links, a link made, a speaker
   * chosen for a new mention.
   */
  signals[NOTICE] =
    g_signal_new ("notice",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);

  /**
   * QmDocumentView::choose-entity:
   * @self: the view
   * @span_id: the new speaker mention
   *
   * The text of a new speaker mention is the name of several speakers:
   * the window lets the user choose (the inspector's speaker chooser).
   */
  signals[CHOOSE_ENTITY] =
    g_signal_new ("choose-entity",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "view.undo", NULL, undo_activated);
  gtk_widget_class_install_action (widget_class, "view.link", NULL, link_activated);
  gtk_widget_class_install_action (widget_class, "view.redo", NULL, redo_activated);
  gtk_widget_class_install_action (widget_class, "view.next-annotation", NULL, next_activated);
  gtk_widget_class_install_action (widget_class, "view.previous-annotation", NULL, previous_activated);
  gtk_widget_class_install_action (widget_class, "view.delete-annotation", NULL, delete_activated);
  gtk_widget_class_install_action (widget_class, "view.apply-label", "s", apply_label_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "view.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "view.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_y, GDK_CONTROL_MASK, "view.redo", NULL);
}

static void
qm_document_view_init (QmDocumentView *self)
{
  GtkTextView *text_view = GTK_TEXT_VIEW (self);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
  GtkEventController *keys;
  GtkEventController *motion;
  GtkGesture *click;
  GtkGesture *drag;

  self->zoom = 1.0;
  self->snap_words = TRUE;
  self->last_click_offset = -1;

  /* Caret browsing: the text cannot change, but the caret moves with the
   * arrows, Ctrl+arrows, Home/End and selects with Shift, as in an editor. */
  gtk_text_view_set_editable (text_view, FALSE);
  gtk_text_view_set_cursor_visible (text_view, TRUE);
  gtk_text_view_set_wrap_mode (text_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_pixels_above_lines (text_view, 6);
  gtk_text_view_set_pixels_below_lines (text_view, 6);
  /* Room for harakat above and below Arabic letters on wrapped lines. */
  gtk_text_view_set_pixels_inside_wrap (text_view, 4);
  gtk_text_view_set_top_margin (text_view, 24);
  gtk_text_view_set_bottom_margin (text_view, 24);
  gtk_widget_add_css_class (GTK_WIDGET (self), "qm-document-view");

  /* The text never changes, so nothing is there to undo in the buffer;
   * Ctrl+Z is the annotation history's. */
  gtk_text_buffer_set_enable_undo (buffer, FALSE);

  self->base_tag = gtk_text_buffer_create_tag (buffer, BASE_TAG,
                                               "family", FONT_FAMILIES,
                                               "scale", BASE_SCALE,
                                               NULL);
  self->ltr_tag = gtk_text_buffer_create_tag (buffer, LTR_TAG,
                                              "direction", GTK_TEXT_DIR_LTR,
                                              "justification", GTK_JUSTIFY_LEFT,
                                              NULL);
  self->rtl_tag = gtk_text_buffer_create_tag (buffer, RTL_TAG,
                                              "direction", GTK_TEXT_DIR_RTL,
                                              "justification", GTK_JUSTIFY_LEFT,
                                              NULL);
  self->highlights = qm_view_highlights_new (buffer);
  g_signal_connect (buffer, "mark-set", G_CALLBACK (on_mark_set), self);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_name (keys, "qm-document-view-keys");
  /* Before GtkTextView's own handling, which would let Tab leave the view. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  click = gtk_gesture_click_new ();
  gtk_event_controller_set_name (GTK_EVENT_CONTROLLER (click), "qm-document-view-click");
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  /* Capture: GtkTextView claims the press for its own selection handling. */
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (on_click_pressed), self);
  g_signal_connect (click, "released", G_CALLBACK (on_click_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  drag = gtk_gesture_drag_new ();
  gtk_event_controller_set_name (GTK_EVENT_CONTROLLER (drag), "qm-document-view-drag");
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  /* Capture, to claim the press before GtkTextView starts a selection. */
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (drag), GTK_PHASE_CAPTURE);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  g_signal_connect (drag, "cancel", G_CALLBACK (on_drag_cancel), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  motion = gtk_event_controller_motion_new ();
  gtk_event_controller_set_name (motion, "qm-document-view-motion");
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_motion_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  update_history_actions (self);
}

GtkWidget *
qm_document_view_new (void)
{
  return g_object_new (QM_TYPE_DOCUMENT_VIEW, NULL);
}

void
qm_document_view_set_history (QmDocumentView *self,
                              QmHistory      *history)
{
  g_return_if_fail (QM_IS_DOCUMENT_VIEW (self));
  g_return_if_fail (history == NULL || QM_IS_HISTORY (history));

  if (self->history == history)
    return;

  /* The document came from the old store; it means nothing in the new one. */
  qm_document_view_load (self, NULL, NULL);
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  g_set_object (&self->history, history);
  if (history != NULL)
    {
      g_signal_connect (history, "notify::can-undo", G_CALLBACK (on_history_notify), self);
      g_signal_connect (history, "notify::can-redo", G_CALLBACK (on_history_notify), self);
      g_signal_connect (history, "changed", G_CALLBACK (on_history_changed), self);
      g_signal_connect (history, "document-renamed", G_CALLBACK (on_history_document_renamed), self);
      qm_view_highlights_set_schema (self->highlights, qm_store_get_schema (qm_history_get_store (history)));
    }
  update_history_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

QmHistory *
qm_document_view_get_history (QmDocumentView *self)
{
  g_return_val_if_fail (QM_IS_DOCUMENT_VIEW (self), NULL);

  return self->history;
}

void
qm_document_view_set_annotator (QmDocumentView *self,
                                const char     *annotator)
{
  g_return_if_fail (QM_IS_DOCUMENT_VIEW (self));

  if (g_strcmp0 (self->annotator, annotator) == 0)
    return;
  g_free (self->annotator);
  self->annotator = g_strdup (annotator);
  /* The spans shown are the annotator's own. */
  if (self->document != NULL)
    {
      set_selected (self, NULL);
      open_span_list (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANNOTATOR]);
}

const char *
qm_document_view_get_annotator (QmDocumentView *self)
{
  g_return_val_if_fail (QM_IS_DOCUMENT_VIEW (self), NULL);

  return self->annotator;
}

gboolean
qm_document_view_load (QmDocumentView  *self,
                       const char      *document_id,
                       GError         **error)
{
  GtkTextBuffer *buffer;
  g_autoptr(QmDocument) document = NULL;
  GtkTextIter start, end;
  const char *previous_id;

  g_return_val_if_fail (QM_IS_DOCUMENT_VIEW (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  buffer = get_buffer (self);
  previous_id = qm_document_view_get_document_id (self);

  if (document_id != NULL)
    {
      if (self->history == NULL)
        {
          g_set_error_literal (error, QM_ERROR, QM_ERROR_FAILED,
                               _("No corpus is open"));
          return FALSE;
        }
      document = qm_store_get_document (get_store (self), document_id, error);
      if (document == NULL)
        return FALSE;
    }
  else if (previous_id == NULL)
    return TRUE;

  set_selected (self, NULL);
  clear_document (self);
  self->document = g_steal_pointer (&document);

  if (self->document != NULL)
    {
      const char *text = qm_document_get_text (self->document);
      const char *title = qm_document_get_title (self->document);

      gtk_text_buffer_set_text (buffer, text != NULL ? text : "", -1);
      self->segmenter = qm_segmenter_new (text != NULL ? text : "", -1);
      gtk_text_buffer_get_bounds (buffer, &start, &end);
      gtk_text_buffer_apply_tag (buffer, self->base_tag, &start, &end);
      tag_paragraph_directions (self);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      title != NULL && *title != '\0' ? title : _("Document"),
                                      -1);
    }
  else
    {
      gtk_text_buffer_set_text (buffer, "", -1);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
    }

  open_span_list (self);
  update_search (self);
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
  /* Metrics depend on the document's language. */
  self->side_margin = -1;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT_ID]);
  return TRUE;
}

const char *
qm_document_view_get_document_id (QmDocumentView *self)
{
  g_return_val_if_fail (QM_IS_DOCUMENT_VIEW (self), NULL);

  return self->document != NULL ? qm_document_get_id (self->document) : NULL;
}

const char *
qm_document_view_get_title (QmDocumentView *self)
{
  g_return_val_if_fail (QM_IS_DOCUMENT_VIEW (self), NULL);

  return self->document != NULL ? qm_document_get_title (self->document) : NULL;
}

QmSpanList *
qm_document_view_get_spans (QmDocumentView *self)
{
  g_return_val_if_fail (QM_IS_DOCUMENT_VIEW (self), NULL);

  return self->spans;
}

void
qm_document_view_set_snap_words (QmDocumentView *self,
                                 gboolean        snap)
{
  g_return_if_fail (QM_IS_DOCUMENT_VIEW (self));

  snap = !!snap;
  if (self->snap_words == snap)
    return;
  self->snap_words = snap;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SNAP_WORDS]);
}

gboolean
qm_document_view_get_snap_words (QmDocumentView *self)
{
  g_return_val_if_fail (QM_IS_DOCUMENT_VIEW (self), FALSE);

  return self->snap_words;
}

static void
announce (QmDocumentView *self,
          const char     *label,
          const char     *text)
{
#if GTK_CHECK_VERSION (4, 14, 0)
  g_autofree char *message = NULL;

  /* Translators: announced to screen readers; %s is a label name */
  message = g_strdup_printf (_("Marked as %s"), qm_schema_display_name (label));
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_accessible_announce (GTK_ACCESSIBLE (self), message,
                           GTK_ACCESSIBLE_ANNOUNCEMENT_PRIORITY_MEDIUM);
  G_GNUC_END_IGNORE_DEPRECATIONS
#endif
  g_signal_emit (self, signals[SPAN_APPLIED], 0, label, text);
}

static char *
span_text (QmDocumentView *self,
           glong           start,
           glong           end)
{
  GtkTextBuffer *buffer = get_buffer (self);
  GtkTextIter start_iter, end_iter;

  gtk_text_buffer_get_iter_at_offset (buffer, &start_iter, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &end_iter, end);
  return gtk_text_buffer_get_text (buffer, &start_iter, &end_iter, TRUE);
}

char *
qm_document_view_apply_label_key (QmDocumentView  *self,
                                  const char      *key,
                                  GError         **error)
{
  GtkTextBuffer *buffer;
  const QmLabelDef *def;
  GtkTextIter start_iter, end_iter;
  QmSpan *selected;
  glong start, end;

  g_return_val_if_fail (QM_IS_DOCUMENT_VIEW (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  buffer = get_buffer (self);
  if (self->document == NULL || self->history == NULL)
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_FAILED, _("No document is open"));
      return NULL;
    }
  def = qm_schema_find_label_by_key (qm_store_get_schema (get_store (self)), key);
  if (def == NULL)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_UNKNOWN_LABEL,
                   _("No label has the key “%s”"), key);
      return NULL;
    }
  if (!check_annotator (self, error))
    return NULL;

  if (gtk_text_buffer_get_selection_bounds (buffer, &start_iter, &end_iter))
    {
      g_autoptr(QmSpan) span = NULL;
      g_autofree char *text = NULL;
      QmSnapFlags flags = QM_SNAP_GRAPHEMES | QM_SNAP_TRIM;
      guint n;

      start = gtk_text_iter_get_offset (&start_iter);
      end = gtk_text_iter_get_offset (&end_iter);
      if (self->snap_words)
        flags |= QM_SNAP_WORDS;
      if (!qm_segmenter_snap (self->segmenter, flags, &start, &end))
        {
          g_set_error_literal (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                               _("The selection holds no text to mark"));
          return NULL;
        }

      /* The same label on the same text twice is a slip of the finger. */
      n = g_list_model_get_n_items (G_LIST_MODEL (self->spans));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(QmSpanItem) item = g_list_model_get_item (G_LIST_MODEL (self->spans), i);
          QmSpan *existing = qm_span_item_get_span (item);

          if (existing->start == start && existing->end == end &&
              g_strcmp0 (existing->label, def->name) == 0 &&
              g_strcmp0 (existing->annotator, self->annotator) == 0)
            {
              place_cursor (self, end);
              set_selected (self, existing->id);
              return g_strdup (existing->id);
            }
        }

      span = qm_span_new ();
      span->document_id = g_strdup (qm_document_get_id (self->document));
      span->label = g_strdup (def->name);
      span->start = start;
      span->end = end;
      span->annotator = g_strdup (self->annotator);

      /* Committed before anything shows: the highlight appears when the
       * span list re-reads the store after the history's "changed". */
      if (!qm_history_add_span (self->history, span, error))
        return NULL;

      /* Collapse the selection so the next key press does not mark it again. */
      place_cursor (self, end);
      set_selected (self, span->id);
      text = span_text (self, start, end);
      announce (self, def->name, text);
      if (def->entity)
        suggest_entity (self, span->id, text);
      return g_strdup (span->id);
    }

  selected = find_span (self, self->selected_id);
  if (selected != NULL)
    {
      g_autofree char *span_id = g_strdup (selected->id);
      g_autofree char *text = span_text (self, selected->start, selected->end);

      if (g_strcmp0 (selected->label, def->name) != 0 &&
          !qm_history_relabel_span (self->history, span_id, def->name, error))
        return NULL;
      /* Same id, new label: the selection stays, but what the window shows
       * about it changed. */
      gtk_widget_queue_draw (GTK_WIDGET (self));
      g_signal_emit (self, signals[SELECTION_CHANGED], 0);
      announce (self, def->name, text);
      return g_steal_pointer (&span_id);
    }

  g_set_error_literal (error, QM_ERROR, QM_ERROR_FAILED,
                       _("Select some text or an annotation first"));
  return NULL;
}

QmSpan *
qm_document_view_get_selected_span (QmDocumentView *self)
{
  g_return_val_if_fail (QM_IS_DOCUMENT_VIEW (self), NULL);

  return find_span (self, self->selected_id);
}

void
qm_document_view_select_span (QmDocumentView *self,
                              const char     *span_id)
{
  g_return_if_fail (QM_IS_DOCUMENT_VIEW (self));

  select_and_reveal (self, span_id);
}

void
qm_document_view_set_zoom (QmDocumentView *self,
                           double          zoom)
{
  g_return_if_fail (QM_IS_DOCUMENT_VIEW (self));

  zoom = CLAMP (zoom, ZOOM_MIN, ZOOM_MAX);
  if (G_APPROX_VALUE (self->zoom, zoom, 0.001))
    return;
  self->zoom = zoom;
  g_object_set (self->base_tag, "scale", BASE_SCALE * zoom, NULL);
  self->side_margin = -1;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

double
qm_document_view_get_zoom (QmDocumentView *self)
{
  g_return_val_if_fail (QM_IS_DOCUMENT_VIEW (self), 1.0);

  return self->zoom;
}

void
qm_document_view_set_search (QmDocumentView *self,
                             const char     *query)
{
  g_return_if_fail (QM_IS_DOCUMENT_VIEW (self));

  if (g_strcmp0 (self->search, query) == 0)
    return;
  g_free (self->search);
  self->search = g_strdup (query);
  update_search (self);
}

guint
qm_document_view_get_n_search_matches (QmDocumentView *self)
{
  g_return_val_if_fail (QM_IS_DOCUMENT_VIEW (self), 0);

  return self->n_matches;
}

PangoFontDescription *
qm_document_view_get_font_description (QmDocumentView *self)
{
  g_return_val_if_fail (QM_IS_DOCUMENT_VIEW (self), NULL);

  return get_font_description (self);
}

/* Names for the scripts an article is likely to be in; any other is named
 * by its ISO 15924 code. */
static const struct {
  GUnicodeScript  script;
  const char     *name;
} script_names[] = {
  { G_UNICODE_SCRIPT_ARABIC, N_("Arabic") },
  { G_UNICODE_SCRIPT_ARMENIAN, N_("Armenian") },
  { G_UNICODE_SCRIPT_BENGALI, N_("Bengali") },
  { G_UNICODE_SCRIPT_CYRILLIC, N_("Cyrillic") },
  { G_UNICODE_SCRIPT_DEVANAGARI, N_("Devanagari") },
  { G_UNICODE_SCRIPT_ETHIOPIC, N_("Ethiopic") },
  { G_UNICODE_SCRIPT_GEORGIAN, N_("Georgian") },
  { G_UNICODE_SCRIPT_GREEK, N_("Greek") },
  { G_UNICODE_SCRIPT_GUJARATI, N_("Gujarati") },
  { G_UNICODE_SCRIPT_GURMUKHI, N_("Gurmukhi") },
  { G_UNICODE_SCRIPT_HAN, N_("Chinese characters") },
  { G_UNICODE_SCRIPT_HANGUL, N_("Hangul") },
  { G_UNICODE_SCRIPT_HEBREW, N_("Hebrew") },
  { G_UNICODE_SCRIPT_HIRAGANA, N_("Hiragana") },
  { G_UNICODE_SCRIPT_KATAKANA, N_("Katakana") },
  { G_UNICODE_SCRIPT_KHMER, N_("Khmer") },
  { G_UNICODE_SCRIPT_LATIN, N_("Latin") },
  { G_UNICODE_SCRIPT_SYRIAC, N_("Syriac") },
  { G_UNICODE_SCRIPT_TAMIL, N_("Tamil") },
  { G_UNICODE_SCRIPT_THAANA, N_("Thaana") },
  { G_UNICODE_SCRIPT_THAI, N_("Thai") },
  { G_UNICODE_SCRIPT_TIFINAGH, N_("Tifinagh") },
};

static char *
script_name (GUnicodeScript script)
{
  guint32 code;

  for (guint i = 0; i < G_N_ELEMENTS (script_names); i++)
    if (script_names[i].script == script)
      return g_strdup (_(script_names[i].name));

  code = g_unicode_script_to_iso15924 (script);
  return g_strdup_printf ("%c%c%c%c", (code >> 24) & 0xff, (code >> 16) & 0xff,
                          (code >> 8) & 0xff, code & 0xff);
}

GStrv
qm_document_view_get_missing_scripts (QmDocumentView *self)
{
  g_autoptr(GStrvBuilder) missing = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(PangoFontDescription) desc = NULL;
  PangoFontset *fontset;
  const char *text;

  g_return_val_if_fail (QM_IS_DOCUMENT_VIEW (self), NULL);

  text = self->document != NULL ? qm_document_get_text (self->document) : NULL;
  if (text == NULL)
    return g_strv_builder_end (missing);

  desc = get_font_description (self);
  /* The fontset is the family list followed by fontconfig's fallbacks: if
   * none of its fonts has a letter, no installed font can show it. */
  fontset = pango_context_load_fontset (gtk_widget_get_pango_context (GTK_WIDGET (self)),
                                        desc, get_language (self));
  seen = g_hash_table_new (NULL, NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeScript script;
      g_autoptr(PangoFont) font = NULL;

      if (!g_unichar_isalpha (c))
        continue;
      script = g_unichar_get_script (c);
      if (script == G_UNICODE_SCRIPT_COMMON || script == G_UNICODE_SCRIPT_INHERITED ||
          script == G_UNICODE_SCRIPT_UNKNOWN ||
          g_hash_table_contains (seen, GINT_TO_POINTER (script)))
        continue;
      /* One letter stands for its script: fonts cover scripts whole. */
      g_hash_table_add (seen, GINT_TO_POINTER (script));

      font = fontset != NULL ? pango_fontset_get_font (fontset, c) : NULL;
      if (font == NULL || !pango_font_has_char (font, c))
        {
          g_autofree char *name = script_name (script);

          g_strv_builder_add (missing, name);
        }
    }
  g_clear_object (&fontset);

  return g_strv_builder_end (missing);
}

gboolean
qm_document_view_start_linking (QmDocumentView  *self,
                                GError         **error)
{
  g_return_val_if_fail (QM_IS_DOCUMENT_VIEW (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return start_linking (self, error);
}

gboolean
qm_document_view_get_linking (QmDocumentView *self)
{
  g_return_val_if_fail (QM_IS_DOCUMENT_VIEW (self), FALSE);

  return self->linking;
}

const char *
qm_document_view_get_link_status (QmDocumentView *self)
{
  g_return_val_if_fail (QM_IS_DOCUMENT_VIEW (self), NULL);

  return self->link_status;
}

const char *
qm_document_view_get_link_candidate (QmDocumentView *self)
{
  g_return_val_if_fail (QM_IS_DOCUMENT_VIEW (self), NULL);

  return self->linking ? g_ptr_array_index (self->candidates, self->candidate) : NULL;
}
