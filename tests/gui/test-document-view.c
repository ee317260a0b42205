/* test-document-view.c: the document view driven as a user would, checked against the corpus file. */
#include "config.h"

#include <string.h>
#include <gtk/gtk.h>
#include <hb.h>

#include "qm-document-view.h"
#include "qm-error.h"
#include "qm-test-util.h"
#include "qm-view-highlights.h"

/* Arabic with harakat and a shadda, English, an emoji with a skin tone
 * modifier (two code points, one grapheme). Short lines, so that each
 * paragraph is one line in the screenshot test. */
static const char text_mixed[] =
  "قالَ الوزيرُ إنَّ المفاوضاتِ ستستمرُّ.\n"
  "The minister said talks will go on.\n"
  "Fans cheered 👍🏽 loudly.\n";

#define ANNOTATOR "tester"

typedef struct
{
  char           *dir;
  char           *path;
  QmStore        *store;
  QmHistory      *history;
  GtkWidget      *window;
  QmDocumentView *view;
  char           *doc_id;
  guint           n_selection_changed;
  guint           n_applied;
  char           *applied_label;
  GError         *failed;
} Fixture;

static void
spin (guint ms)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  g_timeout_add_once (ms, (GSourceOnceFunc) g_main_loop_quit, loop);
  g_main_loop_run (loop);
}

/* Until the window is on screen and the text view has laid its text out
 * (GtkTextView validates lines in idle callbacks). */
static void
wait_for_window (Fixture *fixture)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!gtk_widget_get_mapped (GTK_WIDGET (fixture->view)) ||
         gtk_widget_get_width (GTK_WIDGET (fixture->view)) == 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      spin (20);
    }
  spin (300);
}

static char *
add_document (QmStore    *store,
              const char *id,
              const char *title,
              const char *text)
{
  g_autoptr(QmDocument) document = qm_document_new ();
  g_autoptr(GError) error = NULL;

  qm_document_set_id (document, id);
  qm_document_set_title (document, title);
  qm_document_set_text (document, text);
  qm_store_add_document (store, document, &error);
  g_assert_no_error (error);
  return g_strdup (qm_document_get_id (document));
}

static void
on_selection_changed (QmDocumentView *view,
                      Fixture        *fixture)
{
  fixture->n_selection_changed++;
}

static void
on_span_applied (QmDocumentView *view,
                 const char     *label,
                 const char     *text,
                 Fixture        *fixture)
{
  fixture->n_applied++;
  g_free (fixture->applied_label);
  fixture->applied_label = g_strdup (label);
}

static void
on_failed (QmDocumentView *view,
           const GError   *error,
           Fixture        *fixture)
{
  g_clear_error (&fixture->failed);
  fixture->failed = g_error_copy (error);
}

static void
open_view (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *scrolled;

  fixture->history = qm_history_new (fixture->store);
  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 600);
  scrolled = gtk_scrolled_window_new ();
  fixture->view = QM_DOCUMENT_VIEW (qm_document_view_new ());
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (fixture->view));
  gtk_window_set_child (GTK_WINDOW (fixture->window), scrolled);

  qm_document_view_set_history (fixture->view, fixture->history);
  qm_document_view_set_annotator (fixture->view, ANNOTATOR);
  g_signal_connect (fixture->view, "selection-changed", G_CALLBACK (on_selection_changed), fixture);
  g_signal_connect (fixture->view, "span-applied", G_CALLBACK (on_span_applied), fixture);
  g_signal_connect (fixture->view, "failed", G_CALLBACK (on_failed), fixture);
  g_assert_true (qm_document_view_load (fixture->view, fixture->doc_id, &error));
  g_assert_no_error (error);

  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_for_window (fixture);
  gtk_widget_grab_focus (GTK_WIDGET (fixture->view));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *text = data != NULL ? data : text_mixed;

  fixture->dir = qm_test_make_tmpdir ();
  fixture->path = g_build_filename (fixture->dir, "corpus.quotemark", NULL);
  fixture->store = qm_store_open (fixture->path, QM_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  fixture->doc_id = add_document (fixture->store, "doc-mixed", "Talks will go on", text);
  open_view (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->history);
  if (fixture->store != NULL)
    qm_store_close (fixture->store);
  g_clear_object (&fixture->store);
  g_clear_error (&fixture->failed);
  g_free (fixture->applied_label);
  g_free (fixture->doc_id);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* --- helpers --- */

static glong
offset_of (const char *needle)
{
  const char *at = strstr (text_mixed, needle);

  g_assert_nonnull (at);
  return g_utf8_pointer_to_offset (text_mixed, at);
}

static glong
n_chars (const char *s)
{
  return g_utf8_strlen (s, -1);
}

static GtkEventController *
find_controller (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (g_strcmp0 (gtk_event_controller_get_name (controller), name) == 0)
        return controller;   /* the widget keeps it alive */
    }
  g_assert_not_reached ();
  return NULL;
}

/* What a key press does once it reaches the view's key controller. */
static gboolean
press_key (Fixture         *fixture,
           guint            keyval,
           GdkModifierType  state)
{
  GtkEventController *keys = find_controller (GTK_WIDGET (fixture->view), "qm-document-view-keys");
  gboolean handled = FALSE;

  g_signal_emit_by_name (keys, "key-pressed", keyval, 0, state, &handled);
  return handled;
}

/* What the arrow keys, Ctrl+arrows and Home/End do (with Shift: extend). */
static void
move (Fixture         *fixture,
      GtkMovementStep  step,
      int              count,
      gboolean         extend)
{
  g_signal_emit_by_name (fixture->view, "move-cursor", step, count, extend);
}

static void
get_selection (Fixture *fixture,
               glong   *start,
               glong   *end)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (fixture->view));
  GtkTextIter s, e;

  gtk_text_buffer_get_selection_bounds (buffer, &s, &e);
  *start = gtk_text_iter_get_offset (&s);
  *end = gtk_text_iter_get_offset (&e);
}

static void
select_offsets (Fixture *fixture,
                glong    start,
                glong    end)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (fixture->view));
  GtkTextIter s, e;

  gtk_text_buffer_get_iter_at_offset (buffer, &s, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &e, end);
  gtk_text_buffer_select_range (buffer, &s, &e);
}

static GPtrArray *
stored_spans (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *spans = qm_store_list_spans (fixture->store, fixture->doc_id, NULL, &error);

  g_assert_no_error (error);
  return spans;
}

static QmSpan *
the_only_span (Fixture *fixture)
{
  g_autoptr(GPtrArray) spans = stored_spans (fixture);

  g_assert_cmpuint (spans->len, ==, 1);
  return qm_span_ref (g_ptr_array_index (spans, 0));
}

static const char *
label_for_key (Fixture    *fixture,
               const char *key)
{
  const QmLabelDef *def = qm_schema_find_label_by_key (qm_store_get_schema (fixture->store), key);

  g_assert_nonnull (def);
  return def->name;
}

static QmSpan *
add_span (Fixture    *fixture,
          const char *key,
          glong       start,
          glong       end)
{
  g_autoptr(GError) error = NULL;
  QmSpan *span = qm_span_new ();

  span->document_id = g_strdup (fixture->doc_id);
  span->label = g_strdup (label_for_key (fixture, key));
  span->start = start;
  span->end = end;
  span->annotator = g_strdup (ANNOTATOR);
  g_assert_true (qm_history_add_span (fixture->history, span, &error));
  g_assert_no_error (error);
  return span;
}

static glong
cursor_offset (Fixture *fixture)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (fixture->view));
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  return gtk_text_iter_get_offset (&iter);
}

static const char *
selected_id (Fixture *fixture)
{
  QmSpan *span = qm_document_view_get_selected_span (fixture->view);

  return span != NULL ? span->id : NULL;
}

static GdkTexture *render   (GtkWidget  *widget);
static char       *save_png (GdkTexture *texture,
                             const char *name);

/* --- tests --- */

static void
test_load (Fixture       *fixture,
           gconstpointer  data)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (fixture->view));
  g_autofree char *shown = NULL;
  g_autoptr(GError) error = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  shown = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  g_assert_cmpstr (shown, ==, text_mixed);
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==, n_chars (text_mixed));
  g_assert_cmpstr (qm_document_view_get_document_id (fixture->view), ==, fixture->doc_id);
  g_assert_nonnull (qm_document_view_get_spans (fixture->view));
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (fixture->view)));
  g_assert_true (gtk_text_view_get_cursor_visible (GTK_TEXT_VIEW (fixture->view)));
  g_assert_cmpint (gtk_text_view_get_wrap_mode (GTK_TEXT_VIEW (fixture->view)), ==, GTK_WRAP_WORD_CHAR);
  /* Screen readers name the view after the article. */
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (fixture->view),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Talks will go on");

  g_assert_false (qm_document_view_load (fixture->view, "no-such-document", &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_NOT_FOUND);
  /* A failed load leaves the document shown. */
  g_assert_cmpstr (qm_document_view_get_document_id (fixture->view), ==, fixture->doc_id);

  g_clear_error (&error);
  g_assert_true (qm_document_view_load (fixture->view, NULL, &error));
  g_assert_null (qm_document_view_get_document_id (fixture->view));
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==, 0);
  g_assert_null (qm_document_view_get_spans (fixture->view));
}

static void
test_paragraph_direction_tags (Fixture       *fixture,
                               gconstpointer  data)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (fixture->view));
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  GtkTextTag *rtl = gtk_text_tag_table_lookup (table, "qm-paragraph-rtl");
  GtkTextTag *ltr = gtk_text_tag_table_lookup (table, "qm-paragraph-ltr");
  GtkTextIter iter;
  GtkTextDirection direction;

  g_assert_nonnull (rtl);
  g_assert_nonnull (ltr);
  g_object_get (rtl, "direction", &direction, NULL);
  g_assert_cmpint (direction, ==, GTK_TEXT_DIR_RTL);

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset_of ("الوزيرُ"));
  g_assert_true (gtk_text_iter_has_tag (&iter, rtl));
  g_assert_false (gtk_text_iter_has_tag (&iter, ltr));
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset_of ("minister"));
  g_assert_true (gtk_text_iter_has_tag (&iter, ltr));
  g_assert_false (gtk_text_iter_has_tag (&iter, rtl));
  /* The emoji line starts with a Latin letter. */
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset_of ("👍🏽"));
  g_assert_true (gtk_text_iter_has_tag (&iter, ltr));
}

static void
test_keyboard_mark (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(QmSpan) span = NULL;
  glong start, end;

  qm_document_view_set_snap_words (fixture->view, FALSE);

  /* Ctrl+Home, to the end of the paragraph and one on: the start of the
   * English line. */
  move (fixture, GTK_MOVEMENT_BUFFER_ENDS, -1, FALSE);
  move (fixture, GTK_MOVEMENT_PARAGRAPH_ENDS, 1, FALSE);
  move (fixture, GTK_MOVEMENT_LOGICAL_POSITIONS, 1, FALSE);
  g_assert_cmpint (cursor_offset (fixture), ==, offset_of ("The minister"));
  /* Ctrl+Right, Right, then Shift+Ctrl+Right: "minister" selected. */
  move (fixture, GTK_MOVEMENT_WORDS, 1, FALSE);
  move (fixture, GTK_MOVEMENT_LOGICAL_POSITIONS, 1, FALSE);
  move (fixture, GTK_MOVEMENT_WORDS, 1, TRUE);
  get_selection (fixture, &start, &end);
  g_assert_cmpint (start, ==, offset_of ("minister"));
  g_assert_cmpint (end, ==, offset_of ("minister") + n_chars ("minister"));

  g_assert_true (press_key (fixture, GDK_KEY_1, 0));
  span = the_only_span (fixture);
  g_assert_cmpstr (span->label, ==, label_for_key (fixture, "1"));
  g_assert_cmpint (span->start, ==, offset_of ("minister"));
  g_assert_cmpint (span->end, ==, offset_of ("minister") + n_chars ("minister"));
  g_assert_cmpstr (span->annotator, ==, ANNOTATOR);
  g_assert_cmpstr (span->document_id, ==, fixture->doc_id);

  /* It shows, is selected, and was announced. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (qm_document_view_get_spans (fixture->view))), ==, 1);
  g_assert_cmpstr (selected_id (fixture), ==, span->id);
  g_assert_cmpuint (fixture->n_applied, ==, 1);
  g_assert_cmpstr (fixture->applied_label, ==, span->label);
  /* The selection collapsed: pressing the key again relabels, never duplicates. */
  g_assert_false (gtk_text_buffer_get_has_selection (gtk_text_view_get_buffer (GTK_TEXT_VIEW (fixture->view))));
  g_assert_true (press_key (fixture, GDK_KEY_1, 0));
  g_clear_pointer (&span, qm_span_unref);
  span = the_only_span (fixture);
}

static void
test_trim_and_words (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(QmSpan) span = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  glong minister = offset_of ("minister");

  /* " inist" with a leading space: trimmed, then grown to the word. */
  select_offsets (fixture, minister - 1, minister + 5);
  g_assert_true (press_key (fixture, GDK_KEY_1, 0));
  span = the_only_span (fixture);
  g_assert_cmpint (span->start, ==, minister);
  g_assert_cmpint (span->end, ==, minister + n_chars ("minister"));

  /* Spaces only: nothing to mark, and the user hears of it. */
  select_offsets (fixture, offset_of (" said"), offset_of (" said") + 1);
  g_assert_true (press_key (fixture, GDK_KEY_1, 0));
  g_assert_error (fixture->failed, QM_ERROR, QM_ERROR_INVALID_DATA);
  spans = stored_spans (fixture);
  g_assert_cmpuint (spans->len, ==, 1);
}

static void
test_snap_arabic (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *word = "المفاوضاتِ";
  g_autoptr(QmSpan) span = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  glong start, end;

  /* Ctrl+Home, three words on (Ctrl+Left: in a right-to-left paragraph
   * left is forward), then into the fourth word and select three letters
   * inside it (the caret moves by whole letters with their marks). */
  move (fixture, GTK_MOVEMENT_BUFFER_ENDS, -1, FALSE);
  move (fixture, GTK_MOVEMENT_WORDS, -3, FALSE);
  g_assert_cmpint (cursor_offset (fixture), ==, offset_of (" المفاوضاتِ"));
  move (fixture, GTK_MOVEMENT_LOGICAL_POSITIONS, 3, FALSE);
  move (fixture, GTK_MOVEMENT_LOGICAL_POSITIONS, 3, TRUE);
  get_selection (fixture, &start, &end);
  g_assert_cmpint (start, >, offset_of (word));
  g_assert_cmpint (end, <, offset_of (word) + n_chars (word));

  id = qm_document_view_apply_label_key (fixture->view, "1", &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  span = the_only_span (fixture);
  g_assert_cmpstr (span->id, ==, id);
  /* The whole word, its final kasra included. */
  g_assert_cmpint (span->start, ==, offset_of (word));
  g_assert_cmpint (span->end, ==, offset_of (word) + n_chars (word));
}

static void
test_snap_graphemes (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *emoji_id = NULL;
  g_autofree char *shadda_id = NULL;
  glong emoji = offset_of ("👍🏽");
  glong shadda = offset_of ("رُّ.");

  qm_document_view_set_snap_words (fixture->view, FALSE);
  g_assert_cmpint (n_chars ("👍🏽"), ==, 2);

  /* Only the thumb, not its skin tone: the span takes both. */
  select_offsets (fixture, emoji, emoji + 1);
  emoji_id = qm_document_view_apply_label_key (fixture->view, "1", &error);
  g_assert_no_error (error);

  /* A selection ending between a letter and its marks. */
  select_offsets (fixture, shadda, shadda + 1);
  shadda_id = qm_document_view_apply_label_key (fixture->view, "1", &error);
  g_assert_no_error (error);

  spans = stored_spans (fixture);
  g_assert_cmpuint (spans->len, ==, 2);
  for (guint i = 0; i < spans->len; i++)
    {
      QmSpan *span = g_ptr_array_index (spans, i);

      if (g_strcmp0 (span->id, emoji_id) == 0)
        {
          g_assert_cmpint (span->start, ==, emoji);
          g_assert_cmpint (span->end, ==, emoji + 2);
        }
      else
        {
          g_assert_cmpstr (span->id, ==, shadda_id);
          /* ر with its damma and shadda */
          g_assert_cmpint (span->start, ==, shadda);
          g_assert_cmpint (span->end, ==, shadda + 3);
        }
    }

  /* With words on, keyboard selection of the emoji keeps it whole. */
  qm_document_view_set_snap_words (fixture->view, TRUE);
  g_assert_true (qm_history_undo (fixture->history, &error));
  g_assert_true (qm_history_undo (fixture->history, &error));
  /* Ctrl+End, Left, Home: the start of the last line. */
  move (fixture, GTK_MOVEMENT_BUFFER_ENDS, 1, FALSE);
  move (fixture, GTK_MOVEMENT_LOGICAL_POSITIONS, -1, FALSE);
  move (fixture, GTK_MOVEMENT_PARAGRAPH_ENDS, -1, FALSE);
  g_assert_cmpint (cursor_offset (fixture), ==, offset_of ("Fans"));
  move (fixture, GTK_MOVEMENT_WORDS, 2, FALSE);
  move (fixture, GTK_MOVEMENT_LOGICAL_POSITIONS, 1, FALSE);
  move (fixture, GTK_MOVEMENT_LOGICAL_POSITIONS, 1, TRUE);
  {
    glong start, end;

    get_selection (fixture, &start, &end);
    g_assert_cmpint (start, ==, emoji);
    g_assert_cmpint (end, ==, emoji + 2);
  }
  g_assert_true (press_key (fixture, GDK_KEY_1, 0));
  g_clear_pointer (&spans, g_ptr_array_unref);
  spans = stored_spans (fixture);
  g_assert_cmpuint (spans->len, ==, 1);
  g_assert_cmpint (((QmSpan *) g_ptr_array_index (spans, 0))->start, <=, emoji);
  g_assert_cmpint (((QmSpan *) g_ptr_array_index (spans, 0))->end, >=, emoji + 2);
}

static void
test_undo_redo (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(QmSpan) span = NULL;
  g_autoptr(QmSpan) again = NULL;
  g_autoptr(GPtrArray) none = NULL;
  glong talks = offset_of ("talks");
  GtkWidget *undo_button, *redo_button;

  /* Buttons bound to the actions, as a toolbar would be: they show
   * whether the actions are enabled. */
  undo_button = gtk_button_new_with_label ("Undo");
  redo_button = gtk_button_new_with_label ("Redo");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (undo_button), "view.undo");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (redo_button), "view.redo");
  gtk_text_view_add_overlay (GTK_TEXT_VIEW (fixture->view), undo_button, 0, 0);
  gtk_text_view_add_overlay (GTK_TEXT_VIEW (fixture->view), redo_button, 0, 40);
  spin (50);
  g_assert_false (gtk_widget_get_sensitive (undo_button));
  g_assert_false (gtk_widget_get_sensitive (redo_button));

  select_offsets (fixture, talks, talks + n_chars ("talks"));
  g_assert_true (press_key (fixture, GDK_KEY_1, 0));
  span = the_only_span (fixture);
  g_assert_true (gtk_widget_get_sensitive (undo_button));

  /* Ctrl+Z */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "view.undo", NULL));
  none = stored_spans (fixture);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (qm_document_view_get_spans (fixture->view))), ==, 0);
  g_assert_null (qm_document_view_get_selected_span (fixture->view));
  g_assert_cmpint (cursor_offset (fixture), ==, talks);
  g_assert_false (gtk_widget_get_sensitive (undo_button));
  g_assert_true (gtk_widget_get_sensitive (redo_button));

  /* Ctrl+Shift+Z: the same span comes back, selected. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "view.redo", NULL));
  again = the_only_span (fixture);
  g_assert_cmpstr (again->id, ==, span->id);
  g_assert_cmpint (again->start, ==, span->start);
  g_assert_cmpint (again->end, ==, span->end);
  g_assert_cmpstr (selected_id (fixture), ==, span->id);
  g_assert_cmpint (cursor_offset (fixture), ==, talks);

  /* Nothing left to redo: the action is off. */
  g_assert_false (gtk_widget_get_sensitive (redo_button));
  g_assert_true (gtk_widget_get_sensitive (undo_button));
}

static void
test_tab_and_delete (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(QmSpan) arabic = add_span (fixture, "1", offset_of ("الوزيرُ"), offset_of ("الوزيرُ") + n_chars ("الوزيرُ"));
  g_autoptr(QmSpan) english = add_span (fixture, "1", offset_of ("talks"), offset_of ("talks") + n_chars ("talks will go on"));
  g_autoptr(QmSpan) emoji = add_span (fixture, "2", offset_of ("Fans"), offset_of ("Fans") + n_chars ("Fans"));
  g_autoptr(QmSpan) restored = NULL;
  g_autoptr(GPtrArray) left = NULL;
  guint changes;

  move (fixture, GTK_MOVEMENT_BUFFER_ENDS, -1, FALSE);
  g_assert_null (qm_document_view_get_selected_span (fixture->view));

  /* Tab, Tab, Tab wraps, Shift+Tab goes back. */
  g_assert_true (press_key (fixture, GDK_KEY_Tab, 0));
  g_assert_cmpstr (selected_id (fixture), ==, arabic->id);
  g_assert_cmpint (cursor_offset (fixture), ==, arabic->start);
  g_assert_true (press_key (fixture, GDK_KEY_Tab, 0));
  g_assert_cmpstr (selected_id (fixture), ==, english->id);
  g_assert_true (press_key (fixture, GDK_KEY_Tab, 0));
  g_assert_cmpstr (selected_id (fixture), ==, emoji->id);
  g_assert_true (press_key (fixture, GDK_KEY_Tab, 0));
  g_assert_cmpstr (selected_id (fixture), ==, arabic->id);
  g_assert_true (press_key (fixture, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));
  g_assert_cmpstr (selected_id (fixture), ==, emoji->id);
  g_assert_true (press_key (fixture, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));
  g_assert_cmpstr (selected_id (fixture), ==, english->id);

  /* Ctrl+Tab is for leaving the view: not ours. */
  g_assert_false (press_key (fixture, GDK_KEY_Tab, GDK_CONTROL_MASK));
  g_assert_cmpstr (selected_id (fixture), ==, english->id);

  /* Escape lets go of the annotation; a second Escape is not ours. */
  changes = fixture->n_selection_changed;
  g_assert_true (press_key (fixture, GDK_KEY_Escape, 0));
  g_assert_null (qm_document_view_get_selected_span (fixture->view));
  g_assert_cmpuint (fixture->n_selection_changed, ==, changes + 1);
  g_assert_false (press_key (fixture, GDK_KEY_Escape, 0));

  /* Delete with nothing selected does nothing. */
  g_assert_false (press_key (fixture, GDK_KEY_Delete, 0));
  left = stored_spans (fixture);
  g_assert_cmpuint (left->len, ==, 3);
  g_clear_pointer (&left, g_ptr_array_unref);

  qm_document_view_select_span (fixture->view, english->id);
  g_assert_cmpstr (selected_id (fixture), ==, english->id);
  g_assert_true (press_key (fixture, GDK_KEY_Delete, 0));
  left = stored_spans (fixture);
  g_assert_cmpuint (left->len, ==, 2);
  for (guint i = 0; i < left->len; i++)
    g_assert_cmpstr (((QmSpan *) g_ptr_array_index (left, i))->id, !=, english->id);
  g_assert_null (qm_document_view_get_selected_span (fixture->view));

  /* Undo brings it back under its own id. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "view.undo", NULL));
  restored = qm_store_get_span (fixture->store, english->id, NULL);
  g_assert_nonnull (restored);
  g_assert_cmpint (restored->start, ==, english->start);
  g_assert_cmpstr (selected_id (fixture), ==, english->id);

  /* BackSpace deletes too. */
  g_assert_true (press_key (fixture, GDK_KEY_BackSpace, 0));
  g_clear_pointer (&left, g_ptr_array_unref);
  left = stored_spans (fixture);
  g_assert_cmpuint (left->len, ==, 2);
}

static void
test_relabel_and_modifiers (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(QmSpan) span = add_span (fixture, "1", offset_of ("minister"), offset_of ("minister") + n_chars ("minister"));
  g_autoptr(QmSpan) relabelled = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *none = NULL;

  /* Nothing selected at all: the key is ours but there is nothing to do. */
  move (fixture, GTK_MOVEMENT_BUFFER_ENDS, -1, FALSE);
  none = qm_document_view_apply_label_key (fixture->view, "2", &error);
  g_assert_null (none);
  g_assert_error (error, QM_ERROR, QM_ERROR_FAILED);
  g_clear_error (&error);

  qm_document_view_select_span (fixture->view, span->id);
  /* Ctrl+2 and Alt+2 belong to the window. */
  g_assert_false (press_key (fixture, GDK_KEY_2, GDK_CONTROL_MASK));
  g_assert_false (press_key (fixture, GDK_KEY_2, GDK_ALT_MASK));
  relabelled = qm_store_get_span (fixture->store, span->id, &error);
  g_assert_cmpstr (relabelled->label, ==, label_for_key (fixture, "1"));
  g_clear_pointer (&relabelled, qm_span_unref);

  g_assert_true (press_key (fixture, GDK_KEY_2, 0));
  relabelled = qm_store_get_span (fixture->store, span->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (relabelled->label, ==, label_for_key (fixture, "2"));
  g_assert_cmpint (relabelled->start, ==, span->start);
  g_assert_cmpstr (selected_id (fixture), ==, span->id);
  g_assert_cmpstr (fixture->applied_label, ==, label_for_key (fixture, "2"));
  spans = stored_spans (fixture);
  g_assert_cmpuint (spans->len, ==, 1);

  /* A key no label has is not ours either. */
  g_assert_false (press_key (fixture, GDK_KEY_x, 0));
  none = qm_document_view_apply_label_key (fixture->view, "x", &error);
  g_assert_error (error, QM_ERROR, QM_ERROR_UNKNOWN_LABEL);
}

static void
test_arabic_digit_key (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(QmSpan) span = NULL;
  glong word = offset_of ("الوزيرُ");

  /* The "1" key of an Arabic layout types ١ (U+0661). */
  select_offsets (fixture, word, word + n_chars ("الوزيرُ"));
  g_assert_true (press_key (fixture, gdk_unicode_to_keyval (0x0661), 0));
  span = the_only_span (fixture);
  g_assert_cmpstr (span->label, ==, label_for_key (fixture, "1"));
}

/* The point (widget coordinates) in the middle of the character at @offset. */
static void
char_center (Fixture *fixture,
             glong    offset,
             double  *x,
             double  *y)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (fixture->view));
  GtkTextIter iter;
  GdkRectangle rect;
  int wx, wy;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (fixture->view), &iter, &rect);
  gtk_text_view_buffer_to_window_coords (GTK_TEXT_VIEW (fixture->view), GTK_TEXT_WINDOW_WIDGET,
                                         rect.x + rect.width / 2, rect.y + rect.height / 2, &wx, &wy);
  *x = wx;
  *y = wy;
}

static void
click (Fixture *fixture,
       double   x,
       double   y)
{
  GtkEventController *gesture = find_controller (GTK_WIDGET (fixture->view), "qm-document-view-click");

  g_signal_emit_by_name (gesture, "pressed", 1, x, y);
  g_signal_emit_by_name (gesture, "released", 1, x, y);
}

static void
test_click_cycles (Fixture       *fixture,
                   gconstpointer  data)
{
  glong talks = offset_of ("talks");
  g_autoptr(QmSpan) outer = add_span (fixture, "1", offset_of ("The minister"), offset_of ("on.") + 3);
  g_autoptr(QmSpan) inner = add_span (fixture, "2", talks, talks + n_chars ("talks"));
  double x, y, ox, oy;

  char_center (fixture, talks + 1, &x, &y);
  click (fixture, x, y);
  g_assert_cmpstr (selected_id (fixture), ==, inner->id);
  click (fixture, x, y);
  g_assert_cmpstr (selected_id (fixture), ==, outer->id);
  click (fixture, x, y);
  g_assert_cmpstr (selected_id (fixture), ==, inner->id);

  /* Elsewhere in the outer span only: the outer one. */
  char_center (fixture, offset_of ("minister"), &ox, &oy);
  click (fixture, ox, oy);
  g_assert_cmpstr (selected_id (fixture), ==, outer->id);

  /* On text no span covers: nothing. */
  char_center (fixture, offset_of ("loudly"), &ox, &oy);
  click (fixture, ox, oy);
  g_assert_null (qm_document_view_get_selected_span (fixture->view));
}

static void
test_highlight_tags (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (fixture->view));
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  const char *quote = label_for_key (fixture, "1");
  const char *speaker = label_for_key (fixture, "2");
  g_autofree char *quote_tag_name = g_strconcat (QM_VIEW_LABEL_TAG_PREFIX, quote, NULL);
  g_autofree char *speaker_tag_name = g_strconcat (QM_VIEW_LABEL_TAG_PREFIX, speaker, NULL);
  g_autofree char *nested_quote_name = g_strconcat (QM_VIEW_NESTED_TAG_PREFIX, quote, NULL);
  GtkTextTag *quote_tag, *speaker_tag, *nested_quote;
  glong talks = offset_of ("talks");
  g_autoptr(QmSpan) outer = NULL;
  g_autoptr(QmSpan) inner = NULL;
  GtkTextIter iter;
  GdkRGBA *background = NULL;

  quote_tag = gtk_text_tag_table_lookup (table, quote_tag_name);
  speaker_tag = gtk_text_tag_table_lookup (table, speaker_tag_name);
  nested_quote = gtk_text_tag_table_lookup (table, nested_quote_name);
  g_assert_nonnull (quote_tag);
  g_assert_nonnull (speaker_tag);
  g_assert_nonnull (nested_quote);
  /* Translucent, so the text stays readable in either style. */
  g_object_get (quote_tag, "background-rgba", &background, NULL);
  g_assert_cmpfloat (background->alpha, >, 0.05);
  g_assert_cmpfloat (background->alpha, <, 0.6);
  gdk_rgba_free (background);

  outer = add_span (fixture, "1", offset_of ("minister"), offset_of ("on.") + 2);
  inner = add_span (fixture, "2", talks, talks + n_chars ("talks"));

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset_of ("minister"));
  g_assert_true (gtk_text_iter_has_tag (&iter, quote_tag));
  g_assert_false (gtk_text_iter_has_tag (&iter, nested_quote));
  /* Inside the nested span: its colour, and the outer one's underline. */
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, talks + 2);
  g_assert_true (gtk_text_iter_has_tag (&iter, speaker_tag));
  g_assert_false (gtk_text_iter_has_tag (&iter, quote_tag));
  g_assert_true (gtk_text_iter_has_tag (&iter, nested_quote));
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset_of ("The"));
  g_assert_false (gtk_text_iter_has_tag (&iter, quote_tag));
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset_of ("on.") + 2);
  g_assert_false (gtk_text_iter_has_tag (&iter, quote_tag));

  /* Undo removes the inner highlight. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "view.undo", NULL));
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, talks + 2);
  g_assert_false (gtk_text_iter_has_tag (&iter, speaker_tag));
  g_assert_false (gtk_text_iter_has_tag (&iter, nested_quote));
  g_assert_true (gtk_text_iter_has_tag (&iter, quote_tag));
}

static void
test_overlap_rects (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GArray) english = NULL;
  g_autoptr(GArray) arabic = NULL;
  g_autoptr(GArray) both = NULL;
  GdkRectangle *r;

  english = qm_view_get_range_rects (GTK_TEXT_VIEW (fixture->view),
                                     offset_of ("minister"), offset_of ("minister") + n_chars ("minister said"));
  g_assert_cmpuint (english->len, ==, 1);
  r = &g_array_index (english, GdkRectangle, 0);
  g_assert_cmpint (r->width, >, 0);
  g_assert_cmpint (r->height, >, 0);

  /* Two words of an RTL line: one run, right of where it would be in LTR. */
  arabic = qm_view_get_range_rects (GTK_TEXT_VIEW (fixture->view),
                                    offset_of ("قالَ"), offset_of ("إنَّ"));
  g_assert_cmpuint (arabic->len, ==, 1);
  g_assert_cmpint (g_array_index (arabic, GdkRectangle, 0).x, >,
                   r->x + r->width);

  /* Across the line break: one rectangle per line. */
  both = qm_view_get_range_rects (GTK_TEXT_VIEW (fixture->view),
                                  offset_of ("on."), offset_of ("Fans") + 4);
  g_assert_cmpuint (both->len, ==, 2);
  g_assert_cmpint (g_array_index (both, GdkRectangle, 0).y, !=,
                   g_array_index (both, GdkRectangle, 1).y);
}

/* One long Arabic paragraph, so that it wraps. */
static const char text_long_arabic[] =
  "قالَ الوزيرُ إنَّ المفاوضاتِ ستستمرُّ، وإنَّ الوفدينِ اتفقا على برنامجِ تدريبٍ "
  "سنويٍّ يبدأُ في الربيعِ المقبلِ ويشملُ وحداتِ الإنقاذِ البحريِّ، وأضافَ أنَّ "
  "الجانبينِ لم يناقشا أيَّ صفقاتِ سلاحٍ في هذه المرحلةِ، مشيراً إلى أنَّ الأولويةَ "
  "الآنَ هي تبادلُ الخبراتِ بين الضباطِ.\n";

static void
test_wrapped_outline (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkTextView *text_view = GTK_TEXT_VIEW (fixture->view);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
  glong n = g_utf8_strlen (text_long_arabic, -1) - 1;
  g_autoptr(QmSpan) span = NULL;
  g_autoptr(GArray) rects = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GtkTextIter iter;
  guint n_lines = 1;
  int right = 0;

  gtk_text_buffer_get_start_iter (buffer, &iter);
  while (gtk_text_view_forward_display_line (text_view, &iter) && gtk_text_iter_get_offset (&iter) < n)
    n_lines++;
  g_assert_cmpuint (n_lines, >=, 2);

  /* From inside the first display line to the end of the paragraph. */
  span = add_span (fixture, "1", 5, n);
  qm_document_view_select_span (fixture->view, span->id);
  rects = qm_view_get_range_rects (text_view, span->start, span->end);
  g_assert_cmpuint (rects->len, ==, n_lines);
  for (guint i = 0; i < rects->len; i++)
    {
      GdkRectangle *rect = &g_array_index (rects, GdkRectangle, i);

      if (i > 0)
        g_assert_cmpint (rect->y, >, g_array_index (rects, GdkRectangle, i - 1).y);
      /* Right-to-left: the span's middle lines run from the right edge. */
      if (i == 1)
        right = rect->x + rect->width;
    }
  /* The first line's part ends (on its left) where the text does and
   * starts a few letters in from the right; the next line fills from the
   * right edge like the first. */
  g_assert_cmpint (g_array_index (rects, GdkRectangle, 0).x + g_array_index (rects, GdkRectangle, 0).width,
                   <, right);

  move (fixture, GTK_MOVEMENT_BUFFER_ENDS, 1, FALSE);
  spin (100);
  texture = render (GTK_WIDGET (fixture->view));
  path = save_png (texture, "document-view-wrapped.png");
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (fixture->view));
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), QM_VIEW_SEARCH_TAG);
  const char *word = "المفاوضاتِ";
  GtkTextIter iter;

  g_assert_nonnull (tag);
  /* Typed without harakat, found with them. */
  qm_document_view_set_search (fixture->view, "المفاوضات");
  g_assert_cmpuint (qm_document_view_get_n_search_matches (fixture->view), ==, 1);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset_of (word));
  g_assert_true (gtk_text_iter_starts_tag (&iter, tag));
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset_of (word) + n_chars (word));
  g_assert_true (gtk_text_iter_ends_tag (&iter, tag));
  g_assert_false (gtk_text_iter_has_tag (&iter, tag));

  /* Case folded: "The"; "go", "on", "loudly". */
  qm_document_view_set_search (fixture->view, "THE");
  g_assert_cmpuint (qm_document_view_get_n_search_matches (fixture->view), ==, 1);
  qm_document_view_set_search (fixture->view, "O");
  g_assert_cmpuint (qm_document_view_get_n_search_matches (fixture->view), ==, 3);
  /* Several words: each is shown wherever it is, as the corpus search
   * finds documents holding all of them. */
  qm_document_view_set_search (fixture->view, "the  المفاوضات");
  g_assert_cmpuint (qm_document_view_get_n_search_matches (fixture->view), ==, 2);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset_of (word));
  g_assert_true (gtk_text_iter_starts_tag (&iter, tag));

  qm_document_view_set_search (fixture->view, NULL);
  g_assert_cmpuint (qm_document_view_get_n_search_matches (fixture->view), ==, 0);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset_of (word));
  g_assert_false (gtk_text_iter_has_tag (&iter, tag));
}

static void
test_missing_scripts (Fixture       *fixture,
                      gconstpointer  data)
{
  g_auto(GStrv) none = NULL;
  g_auto(GStrv) missing = NULL;
  g_autofree char *toto_id = NULL;
  g_autoptr(GError) error = NULL;

  /* Latin and Arabic: the fonts the app depends on cover them. */
  none = qm_document_view_get_missing_scripts (fixture->view);
  g_assert_nonnull (none);
  g_assert_cmpuint (g_strv_length (none), ==, 0);

  /* Toto (Unicode 14) has no font in the Noto and DejaVu packages. */
  toto_id = add_document (fixture->store, "doc-toto", "Toto", "Toto: \U0001E290\U0001E291\U0001E292, and Arabic: سلام\n");
  g_assert_true (qm_document_view_load (fixture->view, toto_id, &error));
  g_assert_no_error (error);
  missing = qm_document_view_get_missing_scripts (fixture->view);
  g_assert_cmpuint (g_strv_length (missing), ==, 1);
  g_assert_cmpstr (missing[0], ==, "Toto");
}

static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  glong talks = offset_of ("talks");

  /* The same corpus, opened read-only. */
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->history);
  qm_store_close (fixture->store);
  g_clear_object (&fixture->store);
  fixture->store = qm_store_open (fixture->path, QM_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  open_view (fixture);

  select_offsets (fixture, talks, talks + 5);
  g_assert_true (press_key (fixture, GDK_KEY_1, 0));
  g_assert_error (fixture->failed, QM_ERROR, QM_ERROR_READ_ONLY);
  spans = stored_spans (fixture);
  g_assert_cmpuint (spans->len, ==, 0);
  g_assert_cmpuint (fixture->n_applied, ==, 0);
}

/* Without an annotator name the view shows every annotator's spans but
 * changes none: no new span, no relabelling, no deleting, no linking. */
static void
test_no_annotator (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(QmSpan) quote = add_span (fixture, "1", offset_of ("talks"), offset_of ("talks") + n_chars ("talks will go on"));
  g_autoptr(QmSpan) speaker = add_span (fixture, "2", offset_of ("The minister"), offset_of ("The minister") + n_chars ("The minister"));
  g_autoptr(QmSpan) kept = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  glong fans = offset_of ("Fans");

  qm_document_view_set_annotator (fixture->view, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (qm_document_view_get_spans (fixture->view))), ==, 2);

  qm_document_view_select_span (fixture->view, quote->id);
  g_assert_cmpstr (selected_id (fixture), ==, quote->id);
  g_assert_true (press_key (fixture, GDK_KEY_3, 0));
  g_assert_cmpstr (selected_id (fixture), ==, quote->id);
  g_assert_error (fixture->failed, QM_ERROR, QM_ERROR_FAILED);
  g_clear_error (&fixture->failed);
  g_assert_true (press_key (fixture, GDK_KEY_a, 0));
  g_assert_error (fixture->failed, QM_ERROR, QM_ERROR_FAILED);
  g_clear_error (&fixture->failed);
  g_assert_false (qm_document_view_get_linking (fixture->view));
  g_assert_true (press_key (fixture, GDK_KEY_Delete, 0));
  g_assert_error (fixture->failed, QM_ERROR, QM_ERROR_FAILED);
  g_clear_error (&fixture->failed);

  select_offsets (fixture, fans, fans + 4);
  g_assert_true (press_key (fixture, GDK_KEY_1, 0));
  g_assert_error (fixture->failed, QM_ERROR, QM_ERROR_FAILED);

  spans = stored_spans (fixture);
  g_assert_cmpuint (spans->len, ==, 2);
  kept = qm_store_get_span (fixture->store, quote->id, NULL);
  g_assert_nonnull (kept);
  g_assert_cmpstr (kept->label, ==, quote->label);
  g_assert_cmpuint (fixture->n_applied, ==, 0);
  g_assert_cmpstr (qm_history_get_undo_span_id (fixture->history), ==, speaker->id);

  /* With the name, the same key deletes. */
  qm_document_view_set_annotator (fixture->view, ANNOTATOR);
  move (fixture, GTK_MOVEMENT_BUFFER_ENDS, -1, FALSE);
  qm_document_view_select_span (fixture->view, quote->id);
  g_assert_true (press_key (fixture, GDK_KEY_Delete, 0));
  g_clear_pointer (&spans, g_ptr_array_unref);
  spans = stored_spans (fixture);
  g_assert_cmpuint (spans->len, ==, 1);
}

static void
test_zoom_and_margins (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkTextView *text_view = GTK_TEXT_VIEW (fixture->view);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
  GtkTextIter iter;
  int y, height, zoomed_height, margin, wider, width;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset_of ("The"));
  gtk_text_view_get_line_yrange (text_view, &iter, &y, &height);
  margin = gtk_text_view_get_left_margin (text_view);
  g_assert_cmpint (margin, >=, 24);
  g_assert_cmpint (margin, ==, gtk_text_view_get_right_margin (text_view));

  qm_document_view_set_zoom (fixture->view, 2.0);
  g_assert_cmpfloat (qm_document_view_get_zoom (fixture->view), ==, 2.0);
  spin (300);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset_of ("The"));
  gtk_text_view_get_line_yrange (text_view, &iter, &y, &zoomed_height);
  g_assert_cmpint (zoomed_height, >, height * 4 / 3);
  /* Larger letters, fewer of them fit: the margins shrink. */
  g_assert_cmpint (gtk_text_view_get_left_margin (text_view), <=, margin);

  qm_document_view_set_zoom (fixture->view, 100.0);
  g_assert_cmpfloat (qm_document_view_get_zoom (fixture->view), <=, 4.0);

  /* A wider window keeps the same line length: the margins take the
   * extra width. */
  qm_document_view_set_zoom (fixture->view, 1.0);
  spin (300);
  margin = gtk_text_view_get_left_margin (text_view);
  width = gtk_widget_get_width (GTK_WIDGET (fixture->view));
  gtk_widget_set_size_request (gtk_widget_get_parent (GTK_WIDGET (fixture->view)), width + 300, -1);
  spin (500);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->view)), >=, width + 300);
  wider = gtk_text_view_get_left_margin (text_view);
  g_assert_cmpint (wider, >=, margin + 150 - 2);
  g_assert_cmpint (wider, <=, margin + (gtk_widget_get_width (GTK_WIDGET (fixture->view)) - width) / 2 + 2);
}

/* --- rendering --- */

static GdkTexture *
render (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

static char *
save_png (GdkTexture *texture,
          const char *name)
{
  char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);

  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Saved %s", path);
  return path;
}

typedef struct
{
  int left;
  int right;
  int n;
} Ink;

/* The horizontal extent of dark pixels within rows [y0, y1). */
static Ink
find_ink (const guchar *pixels,
          gsize         stride,
          int           width,
          int           y0,
          int           y1)
{
  Ink ink = { G_MAXINT, -1, 0 };

  for (int y = MAX (y0, 0); y < y1; y++)
    for (int x = 0; x < width; x++)
      {
        const guchar *p = pixels + y * stride + x * 4;
        /* BGRA (premultiplied, opaque here): dark means text. */
        int luma = (p[2] * 30 + p[1] * 59 + p[0] * 11) / 100;

        if (luma < 110)
          {
            ink.left = MIN (ink.left, x);
            ink.right = MAX (ink.right, x);
            ink.n++;
          }
      }
  return ink;
}

static void
line_band (Fixture *fixture,
           glong    offset,
           int     *y0,
           int     *y1)
{
  GtkTextView *text_view = GTK_TEXT_VIEW (fixture->view);
  GtkTextIter iter;
  int y, height, wx;

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (text_view), &iter, offset);
  gtk_text_view_get_line_yrange (text_view, &iter, &y, &height);
  gtk_text_view_buffer_to_window_coords (text_view, GTK_TEXT_WINDOW_WIDGET, 0, y, &wx, y0);
  *y1 = *y0 + height;
}

static void
test_screenshot_alignment (Fixture       *fixture,
                           gconstpointer  data)
{
  GtkWidget *widget = GTK_WIDGET (fixture->view);
  GtkTextView *text_view = GTK_TEXT_VIEW (fixture->view);
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  g_autofree char *path = NULL;
  int width, height, margin, ay0, ay1, ey0, ey1;
  gsize stride;
  Ink arabic, english;

  /* Caret away from both lines, so only text is dark. */
  move (fixture, GTK_MOVEMENT_BUFFER_ENDS, 1, FALSE);
  spin (100);

  texture = render (widget);
  path = save_png (texture, "document-view-alignment.png");
  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  stride = width * 4;
  pixels = g_malloc (stride * height);
  gdk_texture_download (texture, pixels, stride);

  margin = gtk_text_view_get_left_margin (text_view);
  line_band (fixture, offset_of ("قالَ"), &ay0, &ay1);
  line_band (fixture, offset_of ("The minister"), &ey0, &ey1);
  g_assert_cmpint (ay1, <=, ey0);
  arabic = find_ink (pixels, stride, width, ay0, ay1);
  english = find_ink (pixels, stride, width, ey0, ey1);
  g_test_message ("width %d margin %d; Arabic ink %d..%d, English ink %d..%d",
                  width, margin, arabic.left, arabic.right, english.left, english.right);
  g_assert_cmpint (arabic.n, >, 50);
  g_assert_cmpint (english.n, >, 50);

  /* Arabic: flush with the right margin, far from the left one. */
  g_assert_cmpint (arabic.right, >=, width - margin - 12);
  g_assert_cmpint (arabic.right, <=, width - margin + 4);
  g_assert_cmpint (arabic.left, >, margin + (width - 2 * margin) / 3);
  /* English: the other way round. */
  g_assert_cmpint (english.left, >=, margin - 2);
  g_assert_cmpint (english.left, <=, margin + 12);
  g_assert_cmpint (english.right, <, width - margin - (width - 2 * margin) / 3);
}

/* The highlights as a user sees them; the PNG is for looking at. */
static void
test_screenshot_highlights (Fixture       *fixture,
                            gconstpointer  data)
{
  glong talks = offset_of ("talks");
  glong word = offset_of ("المفاوضاتِ");
  g_autoptr(QmSpan) outer = add_span (fixture, "1", offset_of ("minister"), offset_of ("on.") + 2);
  g_autoptr(QmSpan) inner = add_span (fixture, "2", talks, talks + n_chars ("talks"));
  g_autoptr(QmSpan) a1 = add_span (fixture, "1", offset_of ("الوزيرُ"), word + n_chars ("المفاوضاتِ"));
  g_autoptr(QmSpan) a2 = add_span (fixture, "1", offset_of ("إنَّ"), offset_of ("ستستمرُّ") + n_chars ("ستستمرُّ"));
  g_autoptr(QmSpan) emoji = add_span (fixture, "3", offset_of ("👍🏽"), offset_of ("👍🏽") + 2);
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  g_autofree char *path = NULL;
  GdkRGBA color;
  int width, height, x, y, wx, wy;
  gsize stride;
  GtkTextIter iter;
  GdkRectangle rect;
  const guchar *p;

  qm_document_view_select_span (fixture->view, a2->id);
  move (fixture, GTK_MOVEMENT_BUFFER_ENDS, 1, FALSE);
  spin (200);

  texture = render (GTK_WIDGET (fixture->view));
  path = save_png (texture, "document-view-highlights.png");
  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  stride = width * 4;
  pixels = g_malloc (stride * height);
  gdk_texture_download (texture, pixels, stride);

  /* The start mark of the outer English quote is drawn in its colour just
   * before the leading (left) edge of "minister". */
  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (GTK_TEXT_VIEW (fixture->view)),
                                      &iter, outer->start);
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (fixture->view), &iter, &rect);
  gtk_text_view_buffer_to_window_coords (GTK_TEXT_VIEW (fixture->view), GTK_TEXT_WINDOW_WIDGET,
                                         rect.x, rect.y + rect.height / 2, &wx, &wy);
  gdk_rgba_parse (&color, qm_schema_find_label (qm_store_get_schema (fixture->store), outer->label)->color);
  x = wx - 1;
  y = wy;
  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, <, height);
  p = pixels + y * stride + x * 4;
  g_test_message ("mark pixel %d,%d = %d %d %d, label colour %.0f %.0f %.0f", x, y,
                  p[2], p[1], p[0], color.red * 255, color.green * 255, color.blue * 255);
  g_assert_cmpint (ABS (p[2] - (int) (color.red * 255)), <=, 40);
  g_assert_cmpint (ABS (p[1] - (int) (color.green * 255)), <=, 40);
  g_assert_cmpint (ABS (p[0] - (int) (color.blue * 255)), <=, 40);

  /* Under the nested "talks", a bar in a darker shade of the outer
   * quote's colour runs along the bottom of the line. */
  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (GTK_TEXT_VIEW (fixture->view)),
                                      &iter, inner->start + 2);
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (fixture->view), &iter, &rect);
  gtk_text_view_buffer_to_window_coords (GTK_TEXT_VIEW (fixture->view), GTK_TEXT_WINDOW_WIDGET,
                                         rect.x, rect.y + rect.height - 1, &wx, &wy);
  p = pixels + wy * stride + wx * 4;
  g_test_message ("nesting pixel %d,%d = %d %d %d", wx, wy, p[2], p[1], p[0]);
  g_assert_cmpint (ABS (p[2] - (int) (color.red * 255 * 0.65)), <=, 30);
  g_assert_cmpint (ABS (p[1] - (int) (color.green * 255 * 0.65)), <=, 30);
  g_assert_cmpint (ABS (p[0] - (int) (color.blue * 255 * 0.65)), <=, 30);
  /* Outside any nesting, the bottom of the line is the quote's tint. */
  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (GTK_TEXT_VIEW (fixture->view)),
                                      &iter, outer->start + 2);
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (fixture->view), &iter, &rect);
  gtk_text_view_buffer_to_window_coords (GTK_TEXT_VIEW (fixture->view), GTK_TEXT_WINDOW_WIDGET,
                                         rect.x, rect.y + rect.height - 1, &wx, &wy);
  p = pixels + wy * stride + wx * 4;
  g_assert_cmpint (p[1], >, (int) (color.green * 255));
}

static void
test_arabic_shaping (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *word = "سلام";
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (fixture->view));
  g_autoptr(PangoFontDescription) desc = qm_document_view_get_font_description (fixture->view);
  PangoFontset *fontset;
  g_autoptr(PangoFont) font = NULL;
  hb_font_t *hb_font;
  hb_buffer_t *buffer;
  hb_glyph_info_t *glyphs;
  unsigned int n_glyphs;
  hb_codepoint_t isolated[4];
  hb_codepoint_t seen_initial = 0;
  guint i = 0;

  /* The font the view draws Arabic letters with. */
  fontset = pango_context_load_fontset (context, desc, pango_language_from_string ("ar"));
  g_assert_nonnull (fontset);
  font = pango_fontset_get_font (fontset, g_utf8_get_char (word));
  g_object_unref (fontset);
  g_assert_true (pango_font_has_char (font, g_utf8_get_char (word)));
  hb_font = pango_font_get_hb_font (font);
  g_assert_nonnull (hb_font);

  /* Each letter alone: its isolated form. */
  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p), i++)
    {
      buffer = hb_buffer_create ();
      hb_buffer_add_utf8 (buffer, p, g_utf8_next_char (p) - p, 0, -1);
      hb_buffer_guess_segment_properties (buffer);
      hb_shape (hb_font, buffer, NULL, 0);
      glyphs = hb_buffer_get_glyph_infos (buffer, &n_glyphs);
      g_assert_cmpuint (n_glyphs, ==, 1);
      g_assert_cmpuint (glyphs[0].codepoint, !=, 0);
      isolated[i] = glyphs[0].codepoint;
      hb_buffer_destroy (buffer);
    }

  /* The word: joined, so at least the first letter takes another form
   * (and lam-alef may even become one glyph). */
  buffer = hb_buffer_create ();
  hb_buffer_add_utf8 (buffer, word, -1, 0, -1);
  hb_buffer_guess_segment_properties (buffer);
  g_assert_cmpint (hb_buffer_get_direction (buffer), ==, HB_DIRECTION_RTL);
  hb_shape (hb_font, buffer, NULL, 0);
  glyphs = hb_buffer_get_glyph_infos (buffer, &n_glyphs);
  g_assert_cmpuint (n_glyphs, >=, 3);
  for (unsigned int g = 0; g < n_glyphs; g++)
    {
      g_assert_cmpuint (glyphs[g].codepoint, !=, 0);
      if (glyphs[g].cluster == 0)
        seen_initial = glyphs[g].codepoint;
    }
  g_assert_cmpuint (seen_initial, !=, 0);
  g_assert_cmpuint (seen_initial, !=, isolated[0]);
  g_test_message ("س isolated glyph %u, initial glyph %u; %u glyphs for 4 letters",
                  isolated[0], seen_initial, n_glyphs);
  hb_buffer_destroy (buffer);
}

int
main (int    argc,
      char **argv)
{
  /* GTK's test accessibility backend: no session bus needed, and the
   * accessible properties can be checked. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/document-view/load", test_load);
  ADD ("/document-view/paragraph-direction-tags", test_paragraph_direction_tags);
  ADD ("/document-view/keyboard-mark", test_keyboard_mark);
  ADD ("/document-view/trim-and-words", test_trim_and_words);
  ADD ("/document-view/snap-arabic", test_snap_arabic);
  ADD ("/document-view/snap-graphemes", test_snap_graphemes);
  ADD ("/document-view/undo-redo", test_undo_redo);
  ADD ("/document-view/tab-and-delete", test_tab_and_delete);
  ADD ("/document-view/relabel-and-modifiers", test_relabel_and_modifiers);
  ADD ("/document-view/arabic-digit-key", test_arabic_digit_key);
  ADD ("/document-view/click-cycles", test_click_cycles);
  ADD ("/document-view/highlight-tags", test_highlight_tags);
  ADD ("/document-view/range-rects", test_overlap_rects);
  g_test_add ("/document-view/wrapped-outline", Fixture, text_long_arabic,
              fixture_set_up, test_wrapped_outline, fixture_tear_down);
  ADD ("/document-view/search", test_search);
  ADD ("/document-view/missing-scripts", test_missing_scripts);
  ADD ("/document-view/read-only", test_read_only);
  ADD ("/document-view/no-annotator", test_no_annotator);
  ADD ("/document-view/zoom-and-margins", test_zoom_and_margins);
  ADD ("/document-view/screenshot-alignment", test_screenshot_alignment);
  ADD ("/document-view/screenshot-highlights", test_screenshot_highlights);
  ADD ("/document-view/arabic-shaping", test_arabic_shaping);

#undef ADD

  return g_test_run ();
}
