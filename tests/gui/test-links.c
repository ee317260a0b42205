/* test-links.c: linking quotes to speakers and cues in the document view
 * (keyboard, drag), speakers suggested for new mentions, deleting with
 * undo, and the links as drawn, checked against the corpus file. */
#include "config.h"

#include <string.h>
#include <gtk/gtk.h>

#include "qm-document-view.h"
#include "qm-error.h"
#include "qm-test-util.h"
#include "qm-view-links.h"

/* One paragraph each way; the English one wraps in the window, so one of
 * its links goes from one line to the next. */
static const char text_links[] =
  "قالَ مُحَمَّد إنَّ المفاوضاتِ «ستستمرُّ حتى الصيف»، وأضاف المتحدث أنَّ «الجولة المقبلة في عمّان».\n"
  "The minister said: \"We will not retreat from the talks.\" Reporters asked why, and "
  "the spokesman of the ministry, a former diplomat who rarely speaks to the press, "
  "added that \"the schedule stands\", according to the agency.\n";

#define ANNOTATOR "tester"

typedef struct
{
  char           *dir;
  QmStore        *store;
  QmHistory      *history;
  GtkWidget      *window;
  QmDocumentView *view;
  char           *doc_id;
  GError         *failed;
  char           *notice;
  gboolean        notice_undoable;
  guint           n_notices;
  char           *choose_entity;
} Fixture;

static void
spin (guint ms)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  g_timeout_add_once (ms, (GSourceOnceFunc) g_main_loop_quit, loop);
  g_main_loop_run (loop);
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
on_notice (QmDocumentView *view,
           const char     *message,
           gboolean        undoable,
           Fixture        *fixture)
{
  g_free (fixture->notice);
  fixture->notice = g_strdup (message);
  fixture->notice_undoable = undoable;
  fixture->n_notices++;
}

static void
on_choose_entity (QmDocumentView *view,
                  const char     *span_id,
                  Fixture        *fixture)
{
  g_free (fixture->choose_entity);
  fixture->choose_entity = g_strdup (span_id);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(QmDocument) document = qm_document_new ();
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *scrolled;
  gint64 deadline;

  fixture->dir = qm_test_make_tmpdir ();
  path = g_build_filename (fixture->dir, "corpus.quotemark", NULL);
  fixture->store = qm_store_open (path, QM_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  qm_document_set_id (document, "doc-links");
  qm_document_set_title (document, "Links");
  qm_document_set_text (document, text_links);
  g_assert_true (qm_store_add_document (fixture->store, document, &error));
  g_assert_no_error (error);
  fixture->doc_id = g_strdup ("doc-links");
  fixture->history = qm_history_new (fixture->store);

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 420);
  scrolled = gtk_scrolled_window_new ();
  fixture->view = QM_DOCUMENT_VIEW (qm_document_view_new ());
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (fixture->view));
  gtk_window_set_child (GTK_WINDOW (fixture->window), scrolled);
  qm_document_view_set_history (fixture->view, fixture->history);
  qm_document_view_set_annotator (fixture->view, ANNOTATOR);
  g_signal_connect (fixture->view, "failed", G_CALLBACK (on_failed), fixture);
  g_signal_connect (fixture->view, "notice", G_CALLBACK (on_notice), fixture);
  g_signal_connect (fixture->view, "choose-entity", G_CALLBACK (on_choose_entity), fixture);
  g_assert_true (qm_document_view_load (fixture->view, fixture->doc_id, &error));
  g_assert_no_error (error);

  gtk_window_present (GTK_WINDOW (fixture->window));
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!gtk_widget_get_mapped (GTK_WIDGET (fixture->view)) ||
         gtk_widget_get_width (GTK_WIDGET (fixture->view)) == 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      spin (20);
    }
  spin (300);
  gtk_widget_grab_focus (GTK_WIDGET (fixture->view));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->history);
  qm_store_close (fixture->store);
  g_clear_object (&fixture->store);
  g_clear_error (&fixture->failed);
  g_free (fixture->notice);
  g_free (fixture->choose_entity);
  g_free (fixture->doc_id);
  g_free (fixture->dir);
}

/* --- helpers --- */

static glong
offset_of (const char *needle)
{
  const char *at = strstr (text_links, needle);

  g_assert_nonnull (at);
  return g_utf8_pointer_to_offset (text_links, at);
}

static QmSpan *
add_span (Fixture    *fixture,
          const char *label,
          const char *covered)
{
  g_autoptr(GError) error = NULL;
  QmSpan *span = qm_span_new ();

  span->document_id = g_strdup (fixture->doc_id);
  span->label = g_strdup (label);
  span->start = offset_of (covered);
  span->end = span->start + g_utf8_strlen (covered, -1);
  span->annotator = g_strdup (ANNOTATOR);
  g_assert_true (qm_history_add_span (fixture->history, span, &error));
  g_assert_no_error (error);
  return span;
}

static void
add_link (Fixture    *fixture,
          const char *type,
          QmSpan     *from,
          QmSpan     *to)
{
  g_autoptr(QmRelation) relation = qm_relation_new ();
  g_autoptr(GError) error = NULL;

  relation->type = g_strdup (type);
  relation->from_id = g_strdup (from->id);
  relation->to_id = g_strdup (to->id);
  relation->annotator = g_strdup (ANNOTATOR);
  g_assert_true (qm_history_add_relation (fixture->history, relation, &error));
  g_assert_no_error (error);
}

static void
set_stance (Fixture    *fixture,
            QmSpan     *quote,
            const char *target_name,
            const char *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmTarget) target = qm_history_create_target (fixture->history, target_name, &error);
  g_autoptr(QmStance) stance = qm_stance_new ();

  g_assert_no_error (error);
  stance->span_id = g_strdup (quote->id);
  stance->target_id = g_strdup (target->id);
  stance->value = g_strdup (value);
  stance->annotator = g_strdup (ANNOTATOR);
  g_assert_true (qm_history_set_stance (fixture->history, stance, &error));
  g_assert_no_error (error);
}

static GPtrArray *
stored_relations (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *relations = qm_store_list_relations (fixture->store, fixture->doc_id, NULL, &error);

  g_assert_no_error (error);
  return relations;
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

static const char *
selected_id (Fixture *fixture)
{
  QmSpan *span = qm_document_view_get_selected_span (fixture->view);

  return span != NULL ? span->id : NULL;
}

/* The widget coordinates of the middle of a character. */
static void
char_point (Fixture *fixture,
            glong    offset,
            double  *x,
            double  *y)
{
  GtkTextView *text_view = GTK_TEXT_VIEW (fixture->view);
  GtkTextIter iter;
  GdkRectangle rect;
  int wx, wy;

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (text_view), &iter, offset);
  gtk_text_view_get_iter_location (text_view, &iter, &rect);
  gtk_text_view_buffer_to_window_coords (text_view, GTK_TEXT_WINDOW_WIDGET,
                                         rect.x + rect.width / 2, rect.y + rect.height / 2, &wx, &wy);
  *x = wx;
  *y = wy;
}

/* --- keyboard linking --- */

static void
test_keyboard_linking (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(QmSpan) minister = add_span (fixture, "Speaker", "The minister");
  g_autoptr(QmSpan) said = add_span (fixture, "Cue", "said");
  g_autoptr(QmSpan) quote = add_span (fixture, "Quote", "We will not retreat from the talks.");
  g_autoptr(QmSpan) spokesman = add_span (fixture, "Speaker", "the spokesman");
  g_autoptr(GPtrArray) relations = NULL;
  QmRelation *relation;

  /* Nothing selected: A is not linking, and says why. */
  g_assert_false (qm_document_view_start_linking (fixture->view, NULL));
  qm_document_view_select_span (fixture->view, quote->id);
  g_assert_cmpstr (selected_id (fixture), ==, quote->id);

  g_assert_true (press_key (fixture, GDK_KEY_a, 0));
  g_assert_true (qm_document_view_get_linking (fixture->view));
  g_assert_null (fixture->failed);
  /* Nearest first: "said" ends 3 characters before the quote, "The
   * minister" 9, "the spokesman" far after it. */
  g_assert_cmpstr (qm_document_view_get_link_candidate (fixture->view), ==, said->id);
  g_assert_nonnull (strstr (qm_document_view_get_link_status (fixture->view), "said"));
  g_assert_nonnull (strstr (qm_document_view_get_link_status (fixture->view), "1 of 3"));

  g_assert_true (press_key (fixture, GDK_KEY_Tab, 0));
  g_assert_cmpstr (qm_document_view_get_link_candidate (fixture->view), ==, minister->id);
  g_assert_true (press_key (fixture, GDK_KEY_Tab, 0));
  g_assert_cmpstr (qm_document_view_get_link_candidate (fixture->view), ==, spokesman->id);
  /* Round, and back. */
  g_assert_true (press_key (fixture, GDK_KEY_Tab, 0));
  g_assert_cmpstr (qm_document_view_get_link_candidate (fixture->view), ==, said->id);
  g_assert_true (press_key (fixture, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));
  g_assert_cmpstr (qm_document_view_get_link_candidate (fixture->view), ==, spokesman->id);
  g_assert_true (press_key (fixture, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));
  g_assert_cmpstr (qm_document_view_get_link_candidate (fixture->view), ==, minister->id);
  /* Linking does not move the annotation selection. */
  g_assert_cmpstr (selected_id (fixture), ==, quote->id);

  g_assert_true (press_key (fixture, GDK_KEY_Return, 0));
  g_assert_false (qm_document_view_get_linking (fixture->view));
  g_assert_null (qm_document_view_get_link_status (fixture->view));
  relations = stored_relations (fixture);
  g_assert_cmpuint (relations->len, ==, 1);
  relation = g_ptr_array_index (relations, 0);
  g_assert_cmpstr (relation->type, ==, "attributed_to");
  g_assert_cmpstr (relation->from_id, ==, quote->id);
  g_assert_cmpstr (relation->to_id, ==, minister->id);
  g_assert_cmpstr (relation->annotator, ==, ANNOTATOR);
  g_assert_nonnull (strstr (fixture->notice, "The minister"));
  g_assert_true (fixture->notice_undoable);
  g_assert_cmpstr (selected_id (fixture), ==, quote->id);
  g_clear_pointer (&relations, g_ptr_array_unref);

  /* Again: the minister is linked already, so the cue comes first and
   * only two are left; Return links the cue with has_cue. */
  g_assert_true (press_key (fixture, GDK_KEY_A, GDK_SHIFT_MASK));
  g_assert_cmpstr (qm_document_view_get_link_candidate (fixture->view), ==, said->id);
  g_assert_nonnull (strstr (qm_document_view_get_link_status (fixture->view), "1 of 2"));
  g_assert_true (press_key (fixture, GDK_KEY_KP_Enter, 0));
  relations = stored_relations (fixture);
  g_assert_cmpuint (relations->len, ==, 2);
  relation = g_ptr_array_index (relations, 0);
  if (g_strcmp0 (relation->to_id, said->id) != 0)
    relation = g_ptr_array_index (relations, 1);
  g_assert_cmpstr (relation->type, ==, "has_cue");
  g_assert_cmpstr (relation->from_id, ==, quote->id);
  g_assert_cmpstr (relation->to_id, ==, said->id);
  g_clear_pointer (&relations, g_ptr_array_unref);

  /* Escape cancels without linking. */
  g_assert_true (press_key (fixture, GDK_KEY_a, 0));
  g_assert_cmpstr (qm_document_view_get_link_candidate (fixture->view), ==, spokesman->id);
  g_assert_true (press_key (fixture, GDK_KEY_Escape, 0));
  g_assert_false (qm_document_view_get_linking (fixture->view));
  relations = stored_relations (fixture);
  g_assert_cmpuint (relations->len, ==, 2);
  g_clear_pointer (&relations, g_ptr_array_unref);
  /* The quote stays selected after Escape ends linking. */
  g_assert_cmpstr (selected_id (fixture), ==, quote->id);

  /* Ctrl+Z takes the last link back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "view.undo", NULL));
  relations = stored_relations (fixture);
  g_assert_cmpuint (relations->len, ==, 1);
  g_clear_pointer (&relations, g_ptr_array_unref);

  /* A speaker cannot be linked from: the key falls through to nothing
   * and an explanation. */
  qm_document_view_select_span (fixture->view, spokesman->id);
  g_clear_error (&fixture->failed);
  g_assert_false (qm_document_view_start_linking (fixture->view, NULL));
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "view.link", NULL);
  g_assert_nonnull (fixture->failed);
  g_assert_false (qm_document_view_get_linking (fixture->view));
}

/* Mouse: a drag from the selected quote dropped on a speaker links them. */
static void
test_drag_linking (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(QmSpan) speaker = add_span (fixture, "Speaker", "مُحَمَّد");
  g_autoptr(QmSpan) quote = add_span (fixture, "Quote", "ستستمرُّ حتى الصيف");
  g_autoptr(GPtrArray) relations = NULL;
  GtkEventController *drag = find_controller (GTK_WIDGET (fixture->view), "qm-document-view-drag");
  double x0, y0, x1, y1;

  qm_document_view_select_span (fixture->view, quote->id);
  char_point (fixture, quote->start + 2, &x0, &y0);
  char_point (fixture, speaker->start + 2, &x1, &y1);
  /* Right to left: the speaker is to the right of the quote. */
  g_assert_cmpfloat (x1, >, x0);

  g_signal_emit_by_name (drag, "drag-begin", x0, y0);
  g_signal_emit_by_name (drag, "drag-update", (x1 - x0) / 2, (y1 - y0) / 2);
  g_signal_emit_by_name (drag, "drag-update", x1 - x0, y1 - y0);
  g_signal_emit_by_name (drag, "drag-end", x1 - x0, y1 - y0);
  relations = stored_relations (fixture);
  g_assert_cmpuint (relations->len, ==, 1);
  g_assert_cmpstr (((QmRelation *) relations->pdata[0])->type, ==, "attributed_to");
  g_assert_cmpstr (((QmRelation *) relations->pdata[0])->from_id, ==, quote->id);
  g_assert_cmpstr (((QmRelation *) relations->pdata[0])->to_id, ==, speaker->id);
  g_assert_cmpstr (selected_id (fixture), ==, quote->id);
  g_clear_pointer (&relations, g_ptr_array_unref);

  /* Dropped on plain text: nothing, and a message saying where to drop. */
  g_clear_error (&fixture->failed);
  char_point (fixture, offset_of ("المفاوضاتِ") + 2, &x1, &y1);
  g_signal_emit_by_name (drag, "drag-begin", x0, y0);
  g_signal_emit_by_name (drag, "drag-update", x1 - x0, y1 - y0);
  g_signal_emit_by_name (drag, "drag-end", x1 - x0, y1 - y0);
  g_assert_nonnull (fixture->failed);
  relations = stored_relations (fixture);
  g_assert_cmpuint (relations->len, ==, 1);
  g_clear_pointer (&relations, g_ptr_array_unref);

  /* A drag that does not start on the selected quote is the text view's. */
  char_point (fixture, offset_of ("المتحدث") + 1, &x0, &y0);
  g_signal_emit_by_name (drag, "drag-begin", x0, y0);
  g_signal_emit_by_name (drag, "drag-update", x1 - x0, y1 - y0);
  g_signal_emit_by_name (drag, "drag-end", x1 - x0, y1 - y0);
  relations = stored_relations (fixture);
  g_assert_cmpuint (relations->len, ==, 1);
}

/* --- speakers for new mentions --- */

static QmEntity *
create_entity (Fixture    *fixture,
               const char *name)
{
  g_autoptr(GError) error = NULL;
  QmEntity *entity = qm_entity_new ();

  entity->name = g_strdup (name);
  g_assert_true (qm_store_save_entity (fixture->store, entity, &error));
  g_assert_no_error (error);
  return entity;
}

static QmSpan *
mark (Fixture    *fixture,
      const char *covered,
      guint       keyval)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (fixture->view));
  GtkEventController *keys = find_controller (GTK_WIDGET (fixture->view), "qm-document-view-keys");
  g_autoptr(GError) error = NULL;
  GtkTextIter start, end;
  gboolean handled = FALSE;
  QmSpan *span;

  gtk_text_buffer_get_iter_at_offset (buffer, &start, offset_of (covered));
  gtk_text_buffer_get_iter_at_offset (buffer, &end, offset_of (covered) + g_utf8_strlen (covered, -1));
  gtk_text_buffer_select_range (buffer, &start, &end);
  g_signal_emit_by_name (keys, "key-pressed", keyval, 0, 0, &handled);
  g_assert_true (handled);
  g_assert_nonnull (selected_id (fixture));
  span = qm_store_get_span (fixture->store, selected_id (fixture), &error);
  g_assert_no_error (error);
  return span;
}

/* "مُحَمَّد" with harakat is the speaker "محمد": linked at once, said in
 * a toast with Undo, and one Ctrl+Z takes back only the link. */
static void
test_entity_suggestion (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(QmEntity) muhammad = create_entity (fixture, "محمد");
  g_autoptr(QmEntity) other = create_entity (fixture, "The minister");
  g_autoptr(QmSpan) span = NULL;
  g_autoptr(QmSpan) after_undo = NULL;
  g_autoptr(GError) error = NULL;

  span = mark (fixture, "مُحَمَّد", GDK_KEY_2);
  g_assert_cmpstr (span->label, ==, "Speaker");
  g_assert_cmpstr (span->entity_id, ==, muhammad->id);
  g_assert_nonnull (fixture->notice);
  g_assert_nonnull (strstr (fixture->notice, "محمد"));
  g_assert_true (fixture->notice_undoable);
  g_assert_null (fixture->choose_entity);

  g_assert_true (qm_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  after_undo = qm_store_get_span (fixture->store, span->id, &error);
  g_assert_no_error (error);
  g_assert_null (after_undo->entity_id);
  g_assert_true (qm_history_undo (fixture->history, &error));
  g_assert_null (qm_store_get_span (fixture->store, span->id, NULL));
}

/* No speaker has the name: one is created after it, and the creation and
 * the link are undone together. */
static void
test_entity_created (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(QmSpan) span = NULL;
  g_autoptr(QmSpan) unlinked = NULL;
  g_autoptr(QmEntity) entity = NULL;
  g_autoptr(GPtrArray) entities = NULL;
  g_autoptr(GError) error = NULL;

  span = mark (fixture, "the spokesman", GDK_KEY_2);
  g_assert_nonnull (span->entity_id);
  entity = qm_store_get_entity (fixture->store, span->entity_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (entity->name, ==, "the spokesman");
  g_assert_nonnull (strstr (fixture->notice, "the spokesman"));

  g_assert_true (qm_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  unlinked = qm_store_get_span (fixture->store, span->id, &error);
  g_assert_no_error (error);
  g_assert_null (unlinked->entity_id);
  entities = qm_store_list_entities (fixture->store, &error);
  g_assert_cmpuint (entities->len, ==, 0);
}

/* An article that already names a speaker: a mention matching no name
 * ("the spokesman") is most likely that speaker described, so the user
 * chooses instead of getting a new speaker called "the spokesman". */
static void
test_entity_description_asks (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(QmEntity) minister = create_entity (fixture, "The minister");
  g_autoptr(QmSpan) named = mark (fixture, "The minister", GDK_KEY_2);
  g_autoptr(QmSpan) described = NULL;
  g_autoptr(GPtrArray) entities = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (named->entity_id, ==, minister->id);
  g_clear_pointer (&fixture->choose_entity, g_free);

  described = mark (fixture, "the spokesman", GDK_KEY_2);
  g_assert_null (described->entity_id);
  g_assert_cmpstr (fixture->choose_entity, ==, described->id);
  g_assert_false (fixture->notice_undoable);
  entities = qm_store_list_entities (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entities->len, ==, 1);
}

/* Two speakers of that name: the user chooses. */
static void
test_entity_ambiguous (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(QmEntity) one = create_entity (fixture, "المتحدث");
  g_autoptr(QmEntity) two = create_entity (fixture, "المُتحدِّث");
  g_autoptr(QmSpan) span = mark (fixture, "المتحدث", GDK_KEY_2);

  g_assert_null (span->entity_id);
  g_assert_cmpstr (fixture->choose_entity, ==, span->id);
  g_assert_false (fixture->notice_undoable);
}

/* --- deleting --- */

static void
test_delete_notice_and_undo (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(QmSpan) speaker = add_span (fixture, "Speaker", "The minister");
  g_autoptr(QmSpan) quote = add_span (fixture, "Quote", "We will not retreat from the talks.");
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GPtrArray) stances = NULL;
  g_autoptr(GError) error = NULL;

  add_link (fixture, "attributed_to", quote, speaker);
  set_stance (fixture, quote, "Withdrawal", "against");

  qm_document_view_select_span (fixture->view, quote->id);
  g_assert_true (press_key (fixture, GDK_KEY_Delete, 0));
  g_assert_cmpstr (fixture->notice, ==, "Quote deleted");
  g_assert_true (fixture->notice_undoable);
  relations = stored_relations (fixture);
  g_assert_cmpuint (relations->len, ==, 0);
  g_clear_pointer (&relations, g_ptr_array_unref);

  /* What the toast's Undo button does. */
  g_assert_true (qm_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  relations = stored_relations (fixture);
  g_assert_cmpuint (relations->len, ==, 1);
  g_assert_cmpstr (((QmRelation *) relations->pdata[0])->from_id, ==, quote->id);
  g_assert_cmpstr (((QmRelation *) relations->pdata[0])->to_id, ==, speaker->id);
  stances = qm_store_list_stances (fixture->store, fixture->doc_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stances->len, ==, 1);
  g_assert_cmpstr (((QmStance *) stances->pdata[0])->value, ==, "against");
}

/* --- drawing --- */

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

typedef struct
{
  guchar *pixels;
  gsize   stride;
  int     width;
  int     height;
} Image;

static void
image_clear (Image *image)
{
  g_free (image->pixels);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Image, image_clear)

static void
take_screenshot (Fixture    *fixture,
                 const char *name,
                 Image      *image)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);

  spin (200);
  texture = render (GTK_WIDGET (fixture->view));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Saved %s", path);
  image->width = gdk_texture_get_width (texture);
  image->height = gdk_texture_get_height (texture);
  image->stride = image->width * 4;
  image->pixels = g_malloc (image->stride * image->height);
  gdk_texture_download (texture, image->pixels, image->stride);
}

/* Whether a pixel of the colour of the link (strongly blue for Speaker,
 * strongly red for Cue: not the pale tint of a highlight, nor text) lies in
 * the box. */
static gboolean
has_link_pixel (Image      *image,
                const char *label,
                int         x0,
                int         y0,
                int         x1,
                int         y1)
{
  for (int y = MAX (y0, 0); y <= MIN (y1, image->height - 1); y++)
    for (int x = MAX (x0, 0); x <= MIN (x1, image->width - 1); x++)
      {
        const guchar *p = image->pixels + y * image->stride + x * 4;
        int r = p[2], g = p[1], b = p[0];

        if (g_str_equal (label, "Speaker") && b - r > 90 && b - g > 40)
          return TRUE;
        if (g_str_equal (label, "Cue") && r - g > 100 && r - b > 100)
          return TRUE;
      }
  return FALSE;
}

static void
anchor_in_widget (Fixture *fixture,
                  QmSpan  *span,
                  int     *x,
                  int     *y)
{
  double bx, by;

  qm_view_links_get_anchor (GTK_TEXT_VIEW (fixture->view), span->start, &bx, &by);
  gtk_text_view_buffer_to_window_coords (GTK_TEXT_VIEW (fixture->view), GTK_TEXT_WINDOW_WIDGET,
                                         (int) bx, (int) by, x, y);
}

/* An arc of the colour of @to's label comes down onto the start of @to
 * (the arrow head), leaves the start of @from, and passes above the
 * higher of the two halfway between them. */
static void
assert_arc (Fixture *fixture,
            Image   *image,
            QmSpan  *from,
            QmSpan  *to)
{
  int fx, fy, tx, ty, mx, top;

  anchor_in_widget (fixture, from, &fx, &fy);
  anchor_in_widget (fixture, to, &tx, &ty);
  g_test_message ("%s at %d,%d -> %s at %d,%d", from->label, fx, fy, to->label, tx, ty);
  g_assert_true (has_link_pixel (image, to->label, tx - 2, ty - 6, tx + 2, ty - 1));
  /* The feet of several arcs from one quote are side by side. */
  g_assert_true (has_link_pixel (image, to->label, fx - 8, fy - 4, fx + 8, fy + 2));
  mx = (fx + tx) / 2;
  top = MIN (fy, ty);
  /* ± a dash, for the dashed arc of a link being made. */
  g_assert_true (has_link_pixel (image, to->label, mx - 4, top - 50, mx + 4, top - 3));
  /* Nothing of it below the line tops there, where the text is. */
  if (ABS (fy - ty) < 4)
    g_assert_false (has_link_pixel (image, to->label, mx - 1, top + 2, mx + 1, top + 12));
}

static void
stance_pixel (Fixture    *fixture,
              Image      *image,
              QmSpan     *quote,
              const char *value)
{
  QmSchema *schema = qm_store_get_schema (fixture->store);
  GtkTextIter iter;
  GdkRectangle rect;
  GdkRGBA color;
  int wx, wy, cx;
  gboolean found = FALSE;

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (GTK_TEXT_VIEW (fixture->view)), &iter, quote->start);
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (fixture->view), &iter, &rect);
  gtk_text_view_buffer_to_window_coords (GTK_TEXT_VIEW (fixture->view), GTK_TEXT_WINDOW_WIDGET,
                                         rect.x, rect.y, &wx, &wy);
  qm_view_links_get_stance_color (schema, value, &color);
  /* Just before the leading edge: left of it in English, right in Arabic. */
  cx = rect.width >= 0 ? wx - 7 : wx + 7;
  for (int y = wy - 6; y <= wy + 4 && !found; y++)
    for (int x = cx - 5; x <= cx + 5 && !found; x++)
      {
        const guchar *p = image->pixels + y * image->stride + x * 4;

        found = ABS (p[2] - (int) (color.red * 255)) < 20 &&
                ABS (p[1] - (int) (color.green * 255)) < 20 &&
                ABS (p[0] - (int) (color.blue * 255)) < 20;
      }
  g_assert_true (found);
}

static void
test_screenshot_arabic (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(QmSpan) cue = add_span (fixture, "Cue", "قالَ");
  g_autoptr(QmSpan) muhammad = add_span (fixture, "Speaker", "مُحَمَّد");
  g_autoptr(QmSpan) quote = add_span (fixture, "Quote", "ستستمرُّ حتى الصيف");
  g_autoptr(QmSpan) spokesman = add_span (fixture, "Speaker", "المتحدث");
  g_autoptr(QmSpan) quote2 = add_span (fixture, "Quote", "الجولة المقبلة في عمّان");
  g_auto(Image) image = { 0, };
  int qx, qy, sx, sy;

  add_link (fixture, "attributed_to", quote, muhammad);
  add_link (fixture, "has_cue", quote, cue);
  add_link (fixture, "attributed_to", quote2, spokesman);
  set_stance (fixture, quote, "Talks", "favor");
  set_stance (fixture, quote2, "Talks", "against");

  take_screenshot (fixture, "links-arabic.png", &image);
  /* Right to left: each speaker is to the right of its quote. */
  anchor_in_widget (fixture, quote, &qx, &qy);
  anchor_in_widget (fixture, muhammad, &sx, &sy);
  g_assert_cmpint (sx, >, qx);
  assert_arc (fixture, &image, quote, muhammad);
  assert_arc (fixture, &image, quote, cue);
  assert_arc (fixture, &image, quote2, spokesman);
  stance_pixel (fixture, &image, quote, "favor");
  stance_pixel (fixture, &image, quote2, "against");
  g_clear_pointer (&image.pixels, g_free);

  /* Selecting the second quote makes its link stand out and the others
   * fade; still drawn, and in the same place. */
  qm_document_view_select_span (fixture->view, quote2->id);
  take_screenshot (fixture, "links-arabic-selected.png", &image);
  assert_arc (fixture, &image, quote2, spokesman);
}

static void
test_screenshot_english (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(QmSpan) minister = add_span (fixture, "Speaker", "The minister");
  g_autoptr(QmSpan) said = add_span (fixture, "Cue", "said");
  g_autoptr(QmSpan) quote = add_span (fixture, "Quote", "We will not retreat from the talks.");
  g_autoptr(QmSpan) spokesman = add_span (fixture, "Speaker", "the spokesman");
  g_autoptr(QmSpan) added = add_span (fixture, "Cue", "added");
  g_autoptr(QmSpan) quote2 = add_span (fixture, "Quote", "the schedule stands");
  g_auto(Image) image = { 0, };
  int qx, qy, sx, sy;

  add_link (fixture, "attributed_to", quote, minister);
  add_link (fixture, "has_cue", quote, said);
  add_link (fixture, "attributed_to", quote2, spokesman);
  add_link (fixture, "has_cue", quote2, added);
  /* Nested: a quote inside the quote, attributed to the same speaker. */
  {
    g_autoptr(QmSpan) inner = add_span (fixture, "Quote", "not retreat");

    add_link (fixture, "attributed_to", inner, minister);
  }
  set_stance (fixture, quote, "Talks", "none");

  take_screenshot (fixture, "links-english.png", &image);
  /* Left to right: the speaker before the quote is to its left. */
  anchor_in_widget (fixture, quote, &qx, &qy);
  anchor_in_widget (fixture, minister, &sx, &sy);
  g_assert_cmpint (sx, <, qx);
  assert_arc (fixture, &image, quote, minister);
  assert_arc (fixture, &image, quote, said);
  assert_arc (fixture, &image, quote2, added);
  stance_pixel (fixture, &image, quote, "none");
  /* The spokesman is on the line before the second quote: the arc goes
   * across lines. */
  anchor_in_widget (fixture, spokesman, &sx, &sy);
  anchor_in_widget (fixture, quote2, &qx, &qy);
  g_test_message ("spokesman line %d, second quote line %d", sy, qy);
  g_assert_cmpint (qy, >, sy);
  assert_arc (fixture, &image, quote2, spokesman);
}

/* While linking, the candidate is outlined with dashes. */
static void
test_screenshot_candidate (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(QmSpan) minister = add_span (fixture, "Speaker", "The minister");
  g_autoptr(QmSpan) quote = add_span (fixture, "Quote", "We will not retreat from the talks.");
  g_auto(Image) image = { 0, };

  qm_document_view_select_span (fixture->view, quote->id);
  g_assert_true (press_key (fixture, GDK_KEY_a, 0));
  g_assert_cmpstr (qm_document_view_get_link_candidate (fixture->view), ==, minister->id);
  take_screenshot (fixture, "links-candidate.png", &image);
  /* The pending link to the candidate is drawn in its colour. */
  assert_arc (fixture, &image, quote, minister);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/links/keyboard", test_keyboard_linking);
  ADD ("/links/drag", test_drag_linking);
  ADD ("/links/entity-suggestion", test_entity_suggestion);
  ADD ("/links/entity-created", test_entity_created);
  ADD ("/links/entity-ambiguous", test_entity_ambiguous);
  ADD ("/links/entity-description-asks", test_entity_description_asks);
  ADD ("/links/delete-notice-and-undo", test_delete_notice_and_undo);
  ADD ("/links/screenshot-arabic", test_screenshot_arabic);
  ADD ("/links/screenshot-english", test_screenshot_english);
  ADD ("/links/screenshot-candidate", test_screenshot_candidate);

#undef ADD

  return g_test_run ();
}
