/* test-window.c: the main window and the application around it, on a real
 * display (Xvfb), with corpora made through the core API. */
#include "config.h"

#include <math.h>
#include <string.h>
#include <adwaita.h>
#include <glib/gstdio.h>
#include "qm-application.h"
#include "qm-document-list.h"
#include "qm-document-row.h"
#include "qm-document-view.h"
#include "qm-error.h"
#include "qm-import-dialog.h"
#include "qm-inspector.h"
#include "qm-label-bar.h"
#include "qm-preferences.h"
#include "qm-store.h"
#include "qm-test-util.h"
#include "qm-window.h"

#define EN_TITLE "Talks resume in Geneva"
#define EN_TEXT  EN_TITLE "\n\n" \
                 "“We are ready to talk,” the minister said on Monday.\n" \
                 "The delegation arrived late, officials said.\n"
#define AR_TITLE "استئناف المحادثات في جنيف"
#define AR_TEXT  AR_TITLE "\n\n" \
                 "قال الوزير يوم الاثنين: «نحن مستعدون للحوار».\n" \
                 "وأضاف المتحدث أن الوفد وصل متأخرا.\n"

static QmApplication *app;

typedef gboolean (*ConditionFunc) (gpointer data);

/* Runs the main loop until @condition holds or five seconds passed. */
static gboolean
wait_for (ConditionFunc condition,
          gpointer      data)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  return TRUE;
}

static void
spin_main_loop (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
reset_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (QM_SETTINGS_SCHEMA_ID);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
  g_settings_sync ();
}

static void
add_document (QmStore    *store,
              const char *id,
              const char *title,
              const char *language,
              const char *text)
{
  g_autoptr(QmDocument) document = qm_document_new ();
  g_autoptr(GError) error = NULL;

  qm_document_set_id (document, id);
  qm_document_set_title (document, title);
  qm_document_set_language (document, language);
  qm_document_set_text (document, text);
  qm_store_add_document (store, document, &error);
  g_assert_no_error (error);
}

/* A corpus with an English and an Arabic article, in that order. */
static char *
create_corpus (gboolean with_documents)
{
  g_autofree char *dir = qm_test_make_tmpdir ();
  char *path = g_build_filename (dir, "test.quotemark", NULL);
  g_autoptr(QmStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = qm_store_open (path, QM_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  if (with_documents)
    {
      add_document (store, "en", EN_TITLE, "en", EN_TEXT);
      add_document (store, "ar", AR_TITLE, "ar", AR_TEXT);
    }
  qm_store_close (store);
  return path;
}

static QmWindow *
create_window (const char *corpus)
{
  QmWindow *window = qm_window_new (app);
  g_autoptr(GError) error = NULL;

  qm_window_set_annotator (window, "tester");
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  if (corpus != NULL)
    {
      qm_window_open_corpus (window, corpus, QM_STORE_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
    }
  spin_main_loop (50);
  return window;
}

static void
destroy_window (QmWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  spin_main_loop (20);
}

static gpointer
get_child (QmWindow   *window,
           const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (window), QM_TYPE_WINDOW, name);

  g_assert_nonnull (child);
  return child;
}

static GListModel *
get_visible_documents (QmWindow *window)
{
  GtkListView *list_view = get_child (window, "document_list_view");
  GtkSelectionModel *selection = gtk_list_view_get_model (list_view);

  g_assert_true (GTK_IS_SINGLE_SELECTION (selection));
  return gtk_single_selection_get_model (GTK_SINGLE_SELECTION (selection));
}

static QmStatus
get_status (QmWindow   *window,
            const char *document_id)
{
  g_autoptr(GError) error = NULL;
  QmStatus status;

  status = qm_store_get_status (qm_window_get_store (window), document_id, "tester", &error);
  g_assert_no_error (error);
  return status;
}

static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  if (QM_IS_DOCUMENT_ROW (widget) &&
      qm_document_row_get_document (QM_DOCUMENT_ROW (widget)) != NULL &&
      gtk_widget_get_mapped (widget))
    g_ptr_array_add (rows, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

typedef struct
{
  GtkWidget *list_view;
  guint      n_rows;
} RowsWait;

static gboolean
has_rows (gpointer data)
{
  RowsWait *wait = data;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (wait->list_view, rows);
  return rows->len == wait->n_rows;
}

/* The label texts in a widget tree, in tree order. */
static void
collect_label_texts (GtkWidget *widget,
                     GString   *texts)
{
  if (GTK_IS_LABEL (widget))
    {
      g_string_append (texts, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (texts, '\n');
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_label_texts (child, texts);
}

static void
test_opens_first_not_done (void)
{
  g_autofree char *corpus = create_corpus (TRUE);
  g_autoptr(GError) error = NULL;
  QmWindow *window;
  AdwViewSwitcherTitle *title;

  /* The English article, first in the corpus, is done already. */
  {
    g_autoptr(QmStore) store = qm_store_open (corpus, QM_STORE_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    qm_store_set_status (store, "en", "tester", QM_STATUS_DONE, &error);
    g_assert_no_error (error);
    qm_store_close (store);
  }

  reset_settings ();
  window = create_window (corpus);

  g_assert_cmpstr (qm_window_get_document_id (window), ==, "ar");
  g_assert_cmpstr (qm_document_view_get_document_id (get_child (window, "document_view")), ==, "ar");
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == get_child (window, "document_view"));

  title = get_child (window, "window_title");
  g_assert_cmpstr (adw_view_switcher_title_get_title (title), ==, AR_TITLE);
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (title), ==, "test");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (get_child (window, "main_stack")), ==, "corpus");

  /* The row of the open document is the selected one. */
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (gtk_list_view_get_model (get_child (window, "document_list_view")))), ==, 1);

  /* The corpus is remembered for the next start. */
  {
    g_autoptr(GSettings) settings = g_settings_new (QM_SETTINGS_SCHEMA_ID);
    g_autofree char *last = g_settings_get_string (settings, "last-corpus");

    g_assert_cmpstr (last, ==, corpus);
  }

  destroy_window (window);
}

static void
test_list_rows (void)
{
  g_autofree char *corpus = create_corpus (TRUE);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GString) texts = g_string_new (NULL);
  QmWindow *window;
  RowsWait wait;
  GtkWidget *ar_title = NULL;

  reset_settings ();
  window = create_window (corpus);
  wait.list_view = get_child (window, "document_list_view");
  wait.n_rows = 2;

  g_assert_cmpuint (g_list_model_get_n_items (get_visible_documents (window)), ==, 2);
  g_assert_true (wait_for (has_rows, &wait));

  collect_rows (wait.list_view, rows);
  for (guint i = 0; i < rows->len; i++)
    collect_label_texts (g_ptr_array_index (rows, i), texts);
  g_assert_nonnull (strstr (texts->str, EN_TITLE "\n"));
  g_assert_nonnull (strstr (texts->str, AR_TITLE "\n"));
  g_assert_nonnull (strstr (texts->str, "Arabic"));
  g_assert_nonnull (strstr (texts->str, "English"));

  /* The Arabic title reads right to left whatever the interface's
   * direction; the English one left to right. */
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);

      for (GtkWidget *w = gtk_widget_get_first_child (row); w != NULL; w = gtk_widget_get_next_sibling (w))
        for (GtkWidget *label = gtk_widget_get_first_child (w); label != NULL; label = gtk_widget_get_next_sibling (label))
          if (GTK_IS_LABEL (label) && g_str_equal (gtk_label_get_text (GTK_LABEL (label)), AR_TITLE))
            ar_title = label;
          else if (GTK_IS_LABEL (label) && g_str_equal (gtk_label_get_text (GTK_LABEL (label)), EN_TITLE))
            g_assert_cmpint (gtk_widget_get_direction (label), ==, GTK_TEXT_DIR_LTR);
    }
  g_assert_nonnull (ar_title);
  g_assert_cmpint (gtk_widget_get_direction (ar_title), ==, GTK_TEXT_DIR_RTL);

  destroy_window (window);
}

static void
test_status_filter (void)
{
  g_autofree char *corpus = create_corpus (TRUE);
  g_autoptr(GSettings) settings = g_settings_new (QM_SETTINGS_SCHEMA_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(QmDocument) shown = NULL;
  g_autofree char *value = NULL;
  QmWindow *window;
  GListModel *visible;

  {
    g_autoptr(QmStore) store = qm_store_open (corpus, QM_STORE_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    qm_store_set_status (store, "en", "tester", QM_STATUS_DONE, &error);
    g_assert_no_error (error);
    qm_store_close (store);
  }

  reset_settings ();
  window = create_window (corpus);
  visible = get_visible_documents (window);
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 2);

  g_settings_set_string (settings, "status-filter", "done");
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 1);
  shown = g_list_model_get_item (visible, 0);
  g_assert_cmpstr (qm_document_get_id (shown), ==, "en");
  g_assert_cmpuint (gtk_drop_down_get_selected (get_child (window, "status_dropdown")), ==, 3);

  g_settings_set_string (settings, "status-filter", "new");
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 1);
  g_clear_object (&shown);
  shown = g_list_model_get_item (visible, 0);
  g_assert_cmpstr (qm_document_get_id (shown), ==, "ar");

  g_settings_set_string (settings, "status-filter", "in_progress");
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (get_child (window, "sidebar_stack")), ==, "no-results");

  g_settings_set_string (settings, "status-filter", "all");
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 2);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (get_child (window, "sidebar_stack")), ==, "list");

  /* The drop-down writes the setting, which the list follows. */
  gtk_drop_down_set_selected (get_child (window, "status_dropdown"), 3);
  value = g_settings_get_string (settings, "status-filter");
  g_assert_cmpstr (value, ==, "done");
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 1);

  destroy_window (window);
}

static void
test_mark_done (void)
{
  g_autofree char *corpus = create_corpus (TRUE);
  g_autoptr(QmDocument) first = NULL;
  QmWindow *window;

  reset_settings ();
  window = create_window (corpus);
  g_assert_cmpstr (qm_window_get_document_id (window), ==, "en");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.mark-done", NULL));

  g_assert_cmpint (get_status (window, "en"), ==, QM_STATUS_DONE);
  g_assert_cmpint (get_status (window, "ar"), ==, QM_STATUS_NEW);
  g_assert_cmpstr (qm_window_get_document_id (window), ==, "ar");
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == get_child (window, "document_view"));

  /* The list shows the new status. */
  first = g_list_model_get_item (get_visible_documents (window), 0);
  g_assert_cmpstr (qm_document_get_id (first), ==, "en");
  g_assert_cmpint (qm_document_get_status (first), ==, QM_STATUS_DONE);
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (gtk_list_view_get_model (get_child (window, "document_list_view")))), ==, 1);

  /* The last one: it is marked, and stays open as there is no next. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.mark-done", NULL));
  g_assert_cmpint (get_status (window, "ar"), ==, QM_STATUS_DONE);
  g_assert_cmpstr (qm_window_get_document_id (window), ==, "ar");

  destroy_window (window);
}

static void
test_first_span_marks_in_progress (void)
{
  g_autofree char *corpus = create_corpus (TRUE);
  g_autoptr(QmDocument) first = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GError) error = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  QmWindow *window;

  reset_settings ();
  window = create_window (corpus);
  g_assert_cmpstr (qm_window_get_document_id (window), ==, "en");
  g_assert_cmpint (get_status (window, "en"), ==, QM_STATUS_NEW);

  /* "Talks", then the label bar's first button. */
  buffer = gtk_text_view_get_buffer (get_child (window, "document_view"));
  gtk_text_buffer_get_iter_at_offset (buffer, &start, 0);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, 5);
  gtk_text_buffer_select_range (buffer, &start, &end);
  g_signal_emit_by_name (get_child (window, "label_bar"), "label-activated", "1");

  spans = qm_store_list_spans (qm_window_get_store (window), "en", "tester", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, 1);
  g_assert_cmpint (get_status (window, "en"), ==, QM_STATUS_IN_PROGRESS);
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == get_child (window, "document_view"));

  /* The row shows it, and the document stays selected. */
  first = g_list_model_get_item (get_visible_documents (window), 0);
  g_assert_cmpint (qm_document_get_status (first), ==, QM_STATUS_IN_PROGRESS);
  g_assert_cmpuint (qm_document_get_n_quotes (first), ==, 1);
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (gtk_list_view_get_model (get_child (window, "document_list_view")))), ==, 0);
  g_clear_object (&first);

  /* A second quote, and its undo: the row's count follows both. */
  /* "minister" */
  gtk_text_buffer_get_iter_at_offset (buffer, &start, 52);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, 60);
  gtk_text_buffer_select_range (buffer, &start, &end);
  g_signal_emit_by_name (get_child (window, "label_bar"), "label-activated", "1");
  first = g_list_model_get_item (get_visible_documents (window), 0);
  g_assert_cmpuint (qm_document_get_n_quotes (first), ==, 2);
  g_clear_object (&first);
  g_assert_true (qm_history_undo (qm_window_get_history (window), &error));
  g_assert_no_error (error);
  first = g_list_model_get_item (get_visible_documents (window), 0);
  g_assert_cmpuint (qm_document_get_n_quotes (first), ==, 1);
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (gtk_list_view_get_model (get_child (window, "document_list_view")))), ==, 0);

  destroy_window (window);
}

/* The annotation panel shows while an annotation is selected and the
 * header button (F9) is on; a new speaker mention that matches several
 * speakers opens it on the speaker chooser. */
static void
test_inspector_panel (void)
{
  g_autofree char *corpus = create_corpus (TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(QmEntity) one = qm_entity_new ();
  g_autoptr(QmEntity) two = qm_entity_new ();
  GtkRevealer *revealer;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  QmWindow *window;
  QmSpan *selected;
  GtkWidget *inspector;
  GtkWidget *focus;
  char *text;

  reset_settings ();
  window = create_window (corpus);
  revealer = get_child (window, "inspector_revealer");
  inspector = get_child (window, "inspector");
  g_assert_false (gtk_revealer_get_reveal_child (revealer));

  /* "the minister" as a Speaker: no speaker has that name, so one is
   * made and the panel shows the new span. */
  buffer = gtk_text_view_get_buffer (get_child (window, "document_view"));
  gtk_text_buffer_get_iter_at_offset (buffer, &start, 48);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, 60);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (text, ==, "the minister");
  g_clear_pointer (&text, g_free);
  gtk_text_buffer_select_range (buffer, &start, &end);
  g_signal_emit_by_name (get_child (window, "label_bar"), "label-activated", "2");
  selected = qm_document_view_get_selected_span (get_child (window, "document_view"));
  g_assert_nonnull (selected);
  g_assert_nonnull (selected->entity_id);
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  g_assert_cmpstr (qm_inspector_get_span_id (QM_INSPECTOR (inspector)), ==, selected->id);

  /* F9 hides it, F9 shows it again with the focus in it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-inspector", NULL));
  g_assert_false (gtk_revealer_get_reveal_child (revealer));
  g_assert_false (gtk_toggle_button_get_active (get_child (window, "inspector_button")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-inspector", NULL));
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  spin_main_loop (50);
  focus = gtk_window_get_focus (GTK_WINDOW (window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, inspector));

  /* Escape in the panel gives the keyboard back to the text. */
  g_assert_true (gtk_widget_activate_action (inspector, "inspector.leave", NULL));
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == get_child (window, "document_view"));

  /* Nothing selected: nothing to show. */
  qm_document_view_select_span (get_child (window, "document_view"), NULL);
  g_assert_false (gtk_revealer_get_reveal_child (revealer));

  /* Two speakers called "the delegation": the panel opens on the chooser. */
  one->name = g_strdup ("The delegation");
  two->name = g_strdup ("the Delegation");
  g_assert_true (qm_store_save_entity (qm_window_get_store (window), one, &error));
  g_assert_true (qm_store_save_entity (qm_window_get_store (window), two, &error));
  g_assert_no_error (error);
  gtk_toggle_button_set_active (get_child (window, "inspector_button"), FALSE);
  gtk_text_buffer_get_iter_at_offset (buffer, &start, 77);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, 91);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (text, ==, "The delegation");
  g_clear_pointer (&text, g_free);
  gtk_text_buffer_select_range (buffer, &start, &end);
  g_signal_emit_by_name (get_child (window, "label_bar"), "label-activated", "2");
  selected = qm_document_view_get_selected_span (get_child (window, "document_view"));
  g_assert_nonnull (selected);
  g_assert_null (selected->entity_id);
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  focus = gtk_window_get_focus (GTK_WINDOW (window));
  g_assert_true (GTK_IS_DROP_DOWN (focus) || gtk_widget_get_ancestor (focus, GTK_TYPE_DROP_DOWN) != NULL);

  destroy_window (window);
}

static void
test_next_previous (void)
{
  g_autofree char *corpus = create_corpus (TRUE);
  QmWindow *window;

  reset_settings ();
  window = create_window (corpus);
  g_assert_cmpstr (qm_window_get_document_id (window), ==, "en");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.next-document", NULL);
  g_assert_cmpstr (qm_window_get_document_id (window), ==, "ar");
  /* No wrapping at the end. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.next-document", NULL);
  g_assert_cmpstr (qm_window_get_document_id (window), ==, "ar");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-document", NULL);
  g_assert_cmpstr (qm_window_get_document_id (window), ==, "en");
  /* Opening does not change the status: annotating does. */
  g_assert_cmpint (get_status (window, "en"), ==, QM_STATUS_NEW);

  destroy_window (window);
}

static void
test_empty_corpus (void)
{
  g_autofree char *corpus = create_corpus (FALSE);
  QmWindow *window;

  reset_settings ();
  window = create_window (corpus);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (get_child (window, "main_stack")), ==, "empty");
  g_assert_null (qm_window_get_document_id (window));
  /* Nothing to mark done. */
  g_assert_false (gtk_widget_get_sensitive (get_child (window, "done_button")));

  destroy_window (window);
}

static void
test_no_corpus (void)
{
  QmWindow *window;

  reset_settings ();
  window = create_window (NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (get_child (window, "main_stack")), ==, "no-corpus");
  g_assert_null (qm_window_get_store (window));
  destroy_window (window);
}

static void
test_open_not_a_corpus (void)
{
  g_autofree char *corpus = create_corpus (TRUE);
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *text = qm_test_write_file (dir, "notes.quotemark", "Just some notes, not a corpus.\n", -1);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  QmWindow *window;

  reset_settings ();
  window = create_window (corpus);

  g_assert_false (qm_window_open_corpus (window, text, QM_STORE_OPEN_DEFAULT, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_NOT_A_CORPUS);
  /* The window still shows the corpus it had, and the file is untouched. */
  g_assert_cmpstr (qm_store_get_path (qm_window_get_store (window)), ==, corpus);
  g_assert_cmpstr (qm_window_get_document_id (window), ==, "en");
  after = qm_test_read_file (text, NULL);
  g_assert_cmpstr (after, ==, "Just some notes, not a corpus.\n");

  /* The dialog a user sees says the same. */
  qm_window_show_error (window, "Could Not Open the Corpus", error);
  spin_main_loop (20);
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    gboolean found = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

        if (ADW_IS_MESSAGE_DIALOG (toplevel))
          {
            g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (toplevel)), ==, error->message);
            gtk_window_destroy (GTK_WINDOW (toplevel));
            found = TRUE;
            break;
          }
      }
    g_assert_true (found);
  }

  destroy_window (window);
}

static void
test_zoom (void)
{
  g_autofree char *corpus = create_corpus (TRUE);
  g_autoptr(GSettings) settings = g_settings_new (QM_SETTINGS_SCHEMA_ID);
  QmDocumentView *view;
  QmWindow *window;

  reset_settings ();
  window = create_window (corpus);
  view = get_child (window, "document_view");
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "zoom"), 1.0, 1e-9);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-in", NULL);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "zoom"), 1.1, 1e-9);
  g_assert_cmpfloat_with_epsilon (qm_document_view_get_zoom (view), 1.1, 1e-9);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-out", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-out", NULL);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "zoom"), 0.9, 1e-9);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-reset", NULL);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "zoom"), 1.0, 1e-9);

  /* Never beyond the limits. */
  for (guint i = 0; i < 40; i++)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-in", NULL);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "zoom"), 3.0, 1e-9);

  /* A change made elsewhere (Preferences) reaches the view too. */
  g_settings_set_double (settings, "zoom", 1.5);
  g_assert_cmpfloat_with_epsilon (qm_document_view_get_zoom (view), 1.5, 1e-9);

  destroy_window (window);
}

static void
test_label_bar (void)
{
  g_autofree char *corpus = create_corpus (TRUE);
  g_autoptr(GString) texts = g_string_new (NULL);
  QmLabelBar *bar;
  QmSchema *schema;
  QmWindow *window;

  reset_settings ();
  window = create_window (corpus);
  bar = get_child (window, "label_bar");
  schema = qm_label_bar_get_schema (bar);

  g_assert_true (schema == qm_store_get_schema (qm_window_get_store (window)));
  collect_label_texts (GTK_WIDGET (bar), texts);
  for (guint i = 0; i < qm_schema_get_n_labels (schema); i++)
    {
      const QmLabelDef *label = qm_schema_get_label (schema, i);
      g_autofree char *line = g_strdup_printf ("%s\n%s\n", label->name, label->key);

      g_assert_nonnull (strstr (texts->str, line));
    }
  g_assert_cmpuint (qm_schema_get_n_labels (schema), >=, 3);

  destroy_window (window);
}

static void
test_search (void)
{
  g_autofree char *corpus = create_corpus (TRUE);
  GtkEditable *entry;
  GListModel *visible;
  g_autoptr(QmDocument) match = NULL;
  QmWindow *window;

  reset_settings ();
  window = create_window (corpus);
  visible = get_visible_documents (window);
  entry = get_child (window, "search_entry");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (window)), GTK_WIDGET (entry)) ||
                 gtk_window_get_focus (GTK_WINDOW (window)) == GTK_WIDGET (entry));

  /* Without harakat, matching the text rather than the title. */
  gtk_editable_set_text (entry, "مستعدون");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 1);
  match = g_list_model_get_item (visible, 0);
  g_assert_cmpstr (qm_document_get_id (match), ==, "ar");

  gtk_editable_set_text (entry, "nothing like this");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 0);
  /* An empty result is not an empty corpus. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (get_child (window, "main_stack")), ==, "corpus");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (get_child (window, "sidebar_stack")), ==, "no-results");

  gtk_editable_set_text (entry, "");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 2);

  destroy_window (window);
}

static gboolean
import_done (gpointer data)
{
  return !qm_import_dialog_is_running (data);
}

static QmImportDialog *
find_import_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (QM_IS_IMPORT_DIALOG (toplevel))
        return QM_IMPORT_DIALOG (toplevel);
    }

  return NULL;
}

static void
test_import (void)
{
  g_autofree char *corpus = create_corpus (FALSE);
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *good = qm_test_write_file (dir, "good.txt", "A new article\n\nThe spokesman said nothing.\n", -1);
  g_autofree char *bad = qm_test_write_file (dir, "bad.txt", "\xff\xfe\x00\x01 binary", 9);
  const char *paths[] = { dir, NULL };
  QmImportDialog *dialog;
  QmReport *report;
  QmWindow *window;

  reset_settings ();
  window = create_window (corpus);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (get_child (window, "main_stack")), ==, "empty");

  dialog = qm_import_dialog_new (GTK_WINDOW (window), corpus);
  gtk_window_present (GTK_WINDOW (dialog));
  qm_import_dialog_start (dialog, paths);
  g_assert_true (qm_import_dialog_is_running (dialog));
  g_assert_true (wait_for (import_done, dialog));

  report = qm_import_dialog_get_report (dialog);
  g_assert_nonnull (report);
  g_assert_null (qm_import_dialog_get_error (dialog));
  g_assert_cmpuint (qm_report_count (report, QM_REPORT_IMPORTED), ==, 1);
  g_assert_cmpuint (qm_report_count (report, QM_REPORT_REJECTED), ==, 1);

  gtk_window_destroy (GTK_WINDOW (dialog));
  destroy_window (window);
}

static void
test_import_updates_window (void)
{
  g_autofree char *corpus = create_corpus (FALSE);
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *good = qm_test_write_file (dir, "good.txt", "A new article\n\nThe spokesman said nothing.\n", -1);
  QmImportDialog *dialog;
  QmWindow *window;

  reset_settings ();
  window = create_window (corpus);

  /* Through the window, as the file chooser hands over the paths. */
  qm_window_import_paths (window, (const char *[]) { good, NULL });
  dialog = find_import_dialog ();
  g_assert_nonnull (dialog);
  g_assert_false (qm_import_dialog_is_running (dialog));
  g_signal_emit_by_name (gtk_widget_get_template_child (GTK_WIDGET (dialog), QM_TYPE_IMPORT_DIALOG, "import_button"), "clicked");
  g_assert_true (qm_import_dialog_is_running (dialog));
  g_assert_true (wait_for (import_done, dialog));
  spin_main_loop (20);

  g_assert_cmpuint (g_list_model_get_n_items (get_visible_documents (window)), ==, 1);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (get_child (window, "main_stack")), ==, "corpus");
  g_assert_nonnull (qm_window_get_document_id (window));

  gtk_window_destroy (GTK_WINDOW (dialog));
  destroy_window (window);
}

static QmWindow *
find_app_window (void)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (QM_IS_WINDOW (l->data))
      return l->data;

  return NULL;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel))
        return ADW_MESSAGE_DIALOG (toplevel);
    }

  return NULL;
}

/* The title the sidebar row of @document_id shows. */
static char *
row_title (QmWindow   *window,
           const char *document_id)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (get_child (window, "document_list_view"), rows);
  for (guint i = 0; i < rows->len; i++)
    {
      QmDocumentRow *row = g_ptr_array_index (rows, i);
      g_autoptr(GString) texts = g_string_new (NULL);

      if (g_strcmp0 (qm_document_get_id (qm_document_row_get_document (row)), document_id) != 0)
        continue;
      /* The title is the row's first label. */
      collect_label_texts (GTK_WIDGET (row), texts);
      return g_strndup (texts->str, strcspn (texts->str, "\n"));
    }
  return NULL;
}

static char *
stored_title (QmWindow   *window,
              const char *document_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmDocument) document = qm_store_get_document (qm_window_get_store (window), document_id, &error);

  g_assert_no_error (error);
  return g_strdup (qm_document_get_title (document));
}

#define assert_titles(window, id, expected) \
  G_STMT_START { \
    g_autofree char *stored_ = stored_title (window, id); \
    g_autofree char *row_ = NULL; \
    spin_main_loop (20); \
    row_ = row_title (window, id); \
    g_assert_cmpstr (stored_, ==, expected); \
    g_assert_cmpstr (row_, ==, expected); \
  } G_STMT_END

/* Checks what the rename dialog, just opened, offers. */
static AdwMessageDialog *
assert_rename_dialog (QmWindow   *window,
                      const char *current)
{
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  GtkWidget *focus;
  int start = -1, end = -1;

  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  entry = adw_message_dialog_get_extra_child (dialog);
  g_assert_true (GTK_IS_ENTRY (entry));

  /* The title as it is, selected, with the focus in it. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, current);
  g_assert_true (gtk_editable_get_selection_bounds (GTK_EDITABLE (entry), &start, &end));
  g_assert_cmpint (start, ==, 0);
  g_assert_cmpint (end, ==, g_utf8_strlen (current, -1));
  focus = gtk_window_get_focus (GTK_WINDOW (dialog));
  g_assert_true (focus == entry || gtk_widget_is_ancestor (focus, entry));
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "rename"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "rename");
  g_assert_cmpstr (adw_message_dialog_get_close_response (dialog), ==, "cancel");
  return dialog;
}

/* Opens the rename dialog (F2) and checks what it offers. */
static AdwMessageDialog *
open_rename_dialog (QmWindow   *window,
                    const char *current)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.rename-document", NULL));
  spin_main_loop (20);
  return assert_rename_dialog (window, current);
}

/* What a click on a response button does: the response, then the dialog
 * closes (adw_message_dialog_response() alone leaves it open). */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin_main_loop (20);
  g_assert_null (find_message_dialog ());
}

static void
test_rename_document (void)
{
  g_autofree char *corpus = create_corpus (TRUE);
  AdwViewSwitcherTitle *title;
  AdwMessageDialog *dialog;
  GtkSingleSelection *selection;
  GtkEditable *entry;
  GtkEditable *search;
  QmWindow *window;
  RowsWait wait;

  reset_settings ();
  window = create_window (corpus);
  title = get_child (window, "window_title");
  selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (get_child (window, "document_list_view")));
  wait.list_view = get_child (window, "document_list_view");
  wait.n_rows = 2;
  g_assert_true (wait_for (has_rows, &wait));
  g_assert_cmpstr (qm_window_get_document_id (window), ==, "en");

  /* Rename waits for a title that is more than spaces. */
  dialog = open_rename_dialog (window, EN_TITLE);
  entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  gtk_editable_set_text (entry, "");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "rename"));
  gtk_editable_set_text (entry, "  \t ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "rename"));
  gtk_editable_set_text (entry, "  Ministers   meet in Lisbon ");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "rename"));
  respond (dialog, "rename");

  /* The store, the row and the window title have it at once, and the row
   * stays selected. */
  assert_titles (window, "en", "Ministers meet in Lisbon");
  assert_titles (window, "ar", AR_TITLE);
  g_assert_cmpstr (adw_view_switcher_title_get_title (title), ==, "Ministers meet in Lisbon");
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 0);
  g_assert_cmpstr (qm_window_get_document_id (window), ==, "en");

  /* Undo puts the old title back everywhere, redo the new one. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  assert_titles (window, "en", EN_TITLE);
  g_assert_cmpstr (adw_view_switcher_title_get_title (title), ==, EN_TITLE);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  assert_titles (window, "en", "Ministers meet in Lisbon");
  g_assert_cmpstr (adw_view_switcher_title_get_title (title), ==, "Ministers meet in Lisbon");

  /* Cancel changes nothing. */
  dialog = open_rename_dialog (window, "Ministers meet in Lisbon");
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "Something else");
  respond (dialog, "cancel");
  assert_titles (window, "en", "Ministers meet in Lisbon");

  /* An Arabic title, on the Arabic document. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (qm_window_open_document (window, "ar", &error));
    g_assert_no_error (error);
  }
  dialog = open_rename_dialog (window, AR_TITLE);
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "وزير الدفاع يبحث التعاون في جنيف");
  respond (dialog, "rename");
  assert_titles (window, "ar", "وزير الدفاع يبحث التعاون في جنيف");
  assert_titles (window, "en", "Ministers meet in Lisbon");
  g_assert_cmpstr (adw_view_switcher_title_get_title (title), ==, "وزير الدفاع يبحث التعاون في جنيف");
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 1);

  /* Under a search for a word of the new title only, undo takes the
   * document out of the list, and redo brings it back, selected. */
  search = get_child (window, "search_entry");
  gtk_editable_set_text (search, "الدفاع");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (get_visible_documents (window)), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  spin_main_loop (20);
  g_assert_cmpuint (g_list_model_get_n_items (get_visible_documents (window)), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (get_child (window, "sidebar_stack")), ==, "no-results");
  g_assert_cmpstr (adw_view_switcher_title_get_title (title), ==, AR_TITLE);
  /* Hidden from the list, the open document still offers its title. */
  dialog = open_rename_dialog (window, AR_TITLE);
  respond (dialog, "cancel");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  spin_main_loop (20);
  g_assert_cmpuint (g_list_model_get_n_items (get_visible_documents (window)), ==, 1);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (get_child (window, "sidebar_stack")), ==, "list");
  assert_titles (window, "ar", "وزير الدفاع يبحث التعاون في جنيف");
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 0);
  gtk_editable_set_text (search, "");
  g_signal_emit_by_name (search, "search-changed");
  assert_titles (window, "en", "Ministers meet in Lisbon");

  /* Without an open document there is nothing to rename. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (qm_window_open_document (window, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.rename-document", NULL) &&
                  find_message_dialog () != NULL);

  destroy_window (window);
}

static GtkButton *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return GTK_BUTTON (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkButton *found = find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Answers the dialog as a click on its button does (which also closes it). */
static void
click_response (AdwMessageDialog *dialog,
                const char       *label)
{
  GtkButton *button = find_button (GTK_WIDGET (dialog), label);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (button)));
  g_signal_emit_by_name (button, "clicked");
  spin_main_loop (20);
}

/* Selects the first @n_chars characters of the open document. */
static void
select_start (QmWindow *window,
              int       n_chars)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (get_child (window, "document_view"));
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_offset (buffer, &start, 0);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, n_chars);
  gtk_text_buffer_select_range (buffer, &start, &end);
}

/* What a key press does once it reaches the document view's key
 * controller. */
static gboolean
press_view_key (QmWindow *window,
                guint     keyval)
{
  GtkWidget *view = get_child (window, "document_view");
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (view);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (g_strcmp0 (gtk_event_controller_get_name (controller), "qm-document-view-keys") == 0)
        {
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
          return handled;
        }
    }
  g_assert_not_reached ();
  return FALSE;
}

/* Whoever annotated anything in the corpus, or set a status. */
static guint
count_annotators (QmWindow *window)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) annotators = qm_store_list_annotators (qm_window_get_store (window), &error);

  g_assert_no_error (error);
  return g_strv_length (annotators);
}

/* Everything that could write before the name is known: a label key on a
 * selection, the label bar, Done. None may. */
static void
assert_annotating_off (QmWindow *window)
{
  g_assert_null (qm_window_get_annotator (window));
  g_assert_true (gtk_revealer_get_reveal_child (get_child (window, "annotator_revealer")));
  g_assert_false (gtk_widget_get_sensitive (get_child (window, "label_bar")));
  g_assert_false (gtk_widget_get_sensitive (get_child (window, "done_button")));

  select_start (window, 5);
  press_view_key (window, GDK_KEY_1);
  select_start (window, 5);
  g_signal_emit_by_name (get_child (window, "label_bar"), "label-activated", "1");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.mark-done", NULL);
  spin_main_loop (20);

  g_assert_cmpuint (count_annotators (window), ==, 0);
  g_assert_cmpstr (qm_window_get_document_id (window), ==, "en");
}

/* After the name: the label key marks "Talks" under it. */
static void
assert_annotating_as (QmWindow   *window,
                      const char *name)
{
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GError) error = NULL;
  QmSpan *span;

  g_assert_cmpstr (qm_window_get_annotator (window), ==, name);
  g_assert_false (gtk_revealer_get_reveal_child (get_child (window, "annotator_revealer")));
  g_assert_true (gtk_widget_get_sensitive (get_child (window, "label_bar")));
  g_assert_true (gtk_widget_get_sensitive (get_child (window, "done_button")));

  select_start (window, 5);
  g_assert_true (press_view_key (window, GDK_KEY_1));
  spans = qm_store_list_spans (qm_window_get_store (window), "en", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, 1);
  span = g_ptr_array_index (spans, 0);
  g_assert_cmpstr (span->annotator, ==, name);
  g_assert_cmpint (span->start, ==, 0);
  g_assert_cmpint (span->end, ==, 5);
}

/* The first run opens the corpus at once and asks for the name over its
 * first document; nothing can be annotated until the name is given. */
static void
test_first_run_asks_annotator (void)
{
  g_autofree char *corpus = create_corpus (TRUE);
  g_autoptr(GSettings) settings = g_settings_new (QM_SETTINGS_SCHEMA_ID);
  g_autofree char *stored = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  QmWindow *window;

  reset_settings ();
  g_settings_set_string (settings, "last-corpus", corpus);
  qm_application_set_annotator_override (app, NULL);

  g_application_activate (G_APPLICATION (app));
  spin_main_loop (50);
  window = find_app_window ();
  g_assert_nonnull (window);

  /* The question, over the corpus opened last, its first document shown. */
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_nonnull (qm_window_get_store (window));
  g_assert_cmpstr (qm_store_get_path (qm_window_get_store (window)), ==, corpus);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (get_child (window, "main_stack")), ==, "corpus");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (get_child (window, "content_stack")), ==, "document");
  g_assert_cmpstr (qm_window_get_document_id (window), ==, "en");

  assert_annotating_off (window);

  entry = adw_message_dialog_get_extra_child (dialog);
  g_assert_true (GTK_IS_EDITABLE (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "continue"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "  Nadia  ");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "continue"));
  click_response (dialog, "_Continue");

  stored = g_settings_get_string (settings, "annotator");
  g_assert_cmpstr (stored, ==, "Nadia");
  g_assert_null (find_message_dialog ());
  /* The same document, now with the focus to annotate it. */
  g_assert_cmpstr (qm_window_get_document_id (window), ==, "en");
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == get_child (window, "document_view"));
  assert_annotating_as (window, "Nadia");

  destroy_window (window);
}

/* "Not now" (or Escape) leaves the corpus to read, annotation off and the
 * banner's button to ask again; a corpus given on the command line opens
 * the same way. */
static void
test_first_run_not_now (void)
{
  g_autofree char *corpus = create_corpus (TRUE);
  g_autoptr(GSettings) settings = g_settings_new (QM_SETTINGS_SCHEMA_ID);
  g_autoptr(GFile) file = g_file_new_for_path (corpus);
  g_autofree char *stored = NULL;
  AdwMessageDialog *dialog;
  QmWindow *window;

  reset_settings ();
  qm_application_set_annotator_override (app, NULL);

  g_application_open (G_APPLICATION (app), &file, 1, "");
  spin_main_loop (50);
  window = find_app_window ();
  g_assert_nonnull (window);
  g_assert_cmpstr (qm_store_get_path (qm_window_get_store (window)), ==, corpus);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);

  /* A name typed but not confirmed is not taken, with the button or with
   * Escape (which closes the dialog). */
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "Unconfirmed");
  click_response (dialog, "_Not Now");
  g_assert_null (find_message_dialog ());
  stored = g_settings_get_string (settings, "annotator");
  g_assert_cmpstr (stored, ==, "");
  assert_annotating_off (window);

  g_action_group_activate_action (G_ACTION_GROUP (app), "ask-annotator", NULL);
  spin_main_loop (20);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "Unconfirmed");
  gtk_window_close (GTK_WINDOW (dialog));
  spin_main_loop (20);
  g_assert_null (find_message_dialog ());
  assert_annotating_off (window);

  /* The banner's button asks again. */
  gtk_widget_activate_action (GTK_WIDGET (window), "app.ask-annotator", NULL);
  spin_main_loop (20);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "Omar");
  click_response (dialog, "_Continue");
  g_assert_null (find_message_dialog ());
  assert_annotating_as (window, "Omar");

  destroy_window (window);
}

/* A name given in Preferences turns annotation on as the question does. */
static void
test_annotator_from_preferences (void)
{
  g_autofree char *corpus = create_corpus (TRUE);
  g_autoptr(GSettings) settings = g_settings_new (QM_SETTINGS_SCHEMA_ID);
  QmWindow *window = qm_window_new (app);
  g_autoptr(GError) error = NULL;
  GtkWidget *preferences;
  GtkEditable *name;

  reset_settings ();
  gtk_window_present (GTK_WINDOW (window));
  qm_window_open_corpus (window, corpus, QM_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  spin_main_loop (50);
  assert_annotating_off (window);

  preferences = qm_preferences_new (GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (preferences));
  name = GTK_EDITABLE (gtk_widget_get_template_child (preferences, QM_TYPE_PREFERENCES, "annotator_row"));
  gtk_editable_set_text (name, "Leila");
  g_signal_emit_by_name (name, "apply");
  gtk_window_destroy (GTK_WINDOW (preferences));
  spin_main_loop (20);
  assert_annotating_as (window, "Leila");

  destroy_window (window);
}

static void
test_annotator_override (void)
{
  g_autofree char *corpus = create_corpus (TRUE);
  g_autoptr(GSettings) settings = g_settings_new (QM_SETTINGS_SCHEMA_ID);
  g_autoptr(GFile) file = g_file_new_for_path (corpus);
  g_autofree char *stored = NULL;
  QmWindow *window;

  reset_settings ();
  g_settings_set_string (settings, "annotator", "Stored Name");
  qm_application_set_annotator_override (app, "From Command Line");

  g_application_open (G_APPLICATION (app), &file, 1, "");
  spin_main_loop (20);
  window = find_app_window ();
  g_assert_nonnull (window);
  g_assert_null (find_message_dialog ());

  g_assert_cmpstr (qm_window_get_annotator (window), ==, "From Command Line");
  g_assert_cmpstr (qm_store_get_path (qm_window_get_store (window)), ==, corpus);
  /* The option is for this run only. */
  stored = g_settings_get_string (settings, "annotator");
  g_assert_cmpstr (stored, ==, "Stored Name");

  /* A second launch with --annotator while this one runs asks the running
   * instance, through this action, to take the name. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "set-annotator",
                                  g_variant_new_string ("Second Launch"));
  spin_main_loop (5);
  g_assert_cmpstr (qm_window_get_annotator (window), ==, "Second Launch");

  qm_application_set_annotator_override (app, NULL);
  destroy_window (window);
}

static void
test_window_size_remembered (void)
{
  g_autoptr(GSettings) settings = g_settings_new (QM_SETTINGS_SCHEMA_ID);
  QmWindow *window;
  int width, height;

  reset_settings ();
  window = qm_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 812, 604);
  gtk_window_present (GTK_WINDOW (window));
  spin_main_loop (50);
  gtk_window_close (GTK_WINDOW (window));
  spin_main_loop (20);

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 812);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 604);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  window = qm_window_new (app);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 812);
  g_assert_cmpint (height, ==, 604);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* GTK warns when there is no session bus (xvfb-run without
 * dbus-run-session); that says nothing about the code under test, so it is
 * the one warning that does not fail the tests. */
static gboolean
is_session_bus_warning (const char *message)
{
  return message != NULL && strstr (message, "Unable to acquire session bus") != NULL;
}

static GLogWriterOutput
log_writer (GLogLevelFlags   log_level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0 &&
        is_session_bus_warning (fields[i].value))
      return G_LOG_WRITER_HANDLED;

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static gboolean
fatal_log_handler (const char     *log_domain,
                   GLogLevelFlags  log_level,
                   const char     *message,
                   gpointer        user_data)
{
  return !is_session_bus_warning (message);
}

static void
test_preferences (void)
{
  g_autoptr(GSettings) settings = g_settings_new (QM_SETTINGS_SCHEMA_ID);
  g_autofree char *annotator = NULL;
  GtkWidget *preferences;
  GtkSwitch *snap;
  GtkSpinButton *zoom;
  GtkEditable *name;

  reset_settings ();
  g_settings_set_string (settings, "annotator", "First");
  preferences = qm_preferences_new (NULL);
  gtk_window_present (GTK_WINDOW (preferences));
  snap = GTK_SWITCH (gtk_widget_get_template_child (preferences, QM_TYPE_PREFERENCES, "snap_switch"));
  zoom = GTK_SPIN_BUTTON (gtk_widget_get_template_child (preferences, QM_TYPE_PREFERENCES, "zoom_spin"));
  name = GTK_EDITABLE (gtk_widget_get_template_child (preferences, QM_TYPE_PREFERENCES, "annotator_row"));

  g_assert_true (gtk_switch_get_active (snap));
  gtk_switch_set_active (snap, FALSE);
  g_assert_false (g_settings_get_boolean (settings, "snap-to-words"));

  /* The spin button shows percent, the setting a factor. */
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (zoom), 100.0, 1e-9);
  gtk_spin_button_set_value (zoom, 150.0);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "zoom"), 1.5, 1e-9);
  g_settings_set_double (settings, "zoom", 0.8);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (zoom), 80.0, 1e-9);

  /* The name is stored when applied, and never empty. */
  g_assert_cmpstr (gtk_editable_get_text (name), ==, "First");
  gtk_editable_set_text (name, "  Second ");
  annotator = g_settings_get_string (settings, "annotator");
  g_assert_cmpstr (annotator, ==, "First");
  g_signal_emit_by_name (name, "apply");
  g_free (annotator);
  annotator = g_settings_get_string (settings, "annotator");
  g_assert_cmpstr (annotator, ==, "Second");

  gtk_editable_set_text (name, "   ");
  g_signal_emit_by_name (name, "apply");
  g_free (annotator);
  annotator = g_settings_get_string (settings, "annotator");
  g_assert_cmpstr (annotator, ==, "Second");
  g_assert_cmpstr (gtk_editable_get_text (name), ==, "Second");

  gtk_window_destroy (GTK_WINDOW (preferences));
  spin_main_loop (20);
}

static void
test_annotator_change_follows_settings (void)
{
  g_autofree char *corpus = create_corpus (TRUE);
  g_autoptr(GSettings) settings = g_settings_new (QM_SETTINGS_SCHEMA_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(QmDocument) first = NULL;
  QmWindow *window;

  {
    g_autoptr(QmStore) store = qm_store_open (corpus, QM_STORE_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    qm_store_set_status (store, "en", "other", QM_STATUS_DONE, &error);
    g_assert_no_error (error);
    qm_store_close (store);
  }

  reset_settings ();
  window = create_window (corpus);
  g_assert_cmpstr (qm_window_get_document_id (window), ==, "en");

  /* Statuses in the list are the new annotator's. */
  g_settings_set_string (settings, "annotator", "other");
  g_assert_cmpstr (qm_window_get_annotator (window), ==, "other");
  g_assert_cmpstr (qm_document_view_get_annotator (get_child (window, "document_view")), ==, "other");
  first = g_list_model_get_item (get_visible_documents (window), 0);
  g_assert_cmpint (qm_document_get_status (first), ==, QM_STATUS_DONE);

  destroy_window (window);
}

/* --- the menu of the document list's rows --- */

static GtkEventController *
find_controller (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (g_strcmp0 (gtk_event_controller_get_name (controller), name) == 0)
        return controller;
    }
  g_assert_not_reached ();
  return NULL;
}

static GtkWidget *
find_row (QmWindow   *window,
          const char *document_id)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (get_child (window, "document_list_view"), rows);
  for (guint i = 0; i < rows->len; i++)
    {
      QmDocumentRow *row = g_ptr_array_index (rows, i);

      if (g_strcmp0 (qm_document_get_id (qm_document_row_get_document (row)), document_id) == 0)
        return GTK_WIDGET (row);
    }
  g_assert_not_reached ();
  return NULL;
}

static GtkPopover *
find_row_menu (QmWindow *window)
{
  for (GtkWidget *child = gtk_widget_get_first_child (get_child (window, "content_box"));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER_MENU (child))
      return GTK_POPOVER (child);

  g_assert_not_reached ();
  return NULL;
}

static gboolean
row_menu_is_shown (QmWindow *window)
{
  return gtk_widget_get_visible (GTK_WIDGET (find_row_menu (window)));
}

/* Destroys a window whose row menu was shown. The menu appearing and
 * going under the pointer starts GTK 4.8's tooltip timeout (500 ms),
 * which asks the surface it started on where the pointer is: destroyed
 * first, the surface is gone and GTK fails a check. */
static void
destroy_window_after_menu (QmWindow *window)
{
  gtk_popover_popdown (find_row_menu (window));
  spin_main_loop (600);
  destroy_window (window);
}

/* The items of a menu, as the buttons GtkPopoverMenu makes of them. */
static void
collect_menu_items (GtkWidget *widget,
                    GPtrArray *items)
{
  if (g_strcmp0 (G_OBJECT_TYPE_NAME (widget), "GtkModelButton") == 0)
    g_ptr_array_add (items, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_menu_items (child, items);
}

/* "label:1" per item, 1 when it can be used, 0 when it is greyed out. */
static char *
describe_row_menu (QmWindow *window)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  GString *description = g_string_new (NULL);

  collect_menu_items (GTK_WIDGET (find_row_menu (window)), items);
  for (guint i = 0; i < items->len; i++)
    {
      GtkWidget *item = g_ptr_array_index (items, i);
      g_autofree char *text = NULL;

      g_object_get (item, "text", &text, NULL);
      g_string_append_printf (description, "%s%s:%d", i > 0 ? "\n" : "",
                              text, gtk_widget_is_sensitive (item));
    }
  return g_string_free (description, FALSE);
}

/* What a click on a menu item does. */
static void
click_menu_item (QmWindow   *window,
                 const char *text)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();

  collect_menu_items (GTK_WIDGET (find_row_menu (window)), items);
  for (guint i = 0; i < items->len; i++)
    {
      GtkWidget *item = g_ptr_array_index (items, i);
      g_autofree char *item_text = NULL;
      g_autoptr(GListModel) controllers = NULL;

      g_object_get (item, "text", &item_text, NULL);
      if (g_strcmp0 (item_text, text) != 0)
        continue;

      g_assert_true (gtk_widget_is_sensitive (item));
      controllers = gtk_widget_observe_controllers (item);
      for (guint j = 0; j < g_list_model_get_n_items (controllers); j++)
        {
          g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, j);

          if (GTK_IS_GESTURE_CLICK (controller))
            {
              g_signal_emit_by_name (controller, "released", 1, 1.0, 1.0);
              spin_main_loop (20);
              return;
            }
        }
    }
  g_assert_not_reached ();
}

/* A press of the right button (or a long press, @gesture_name says which
 * gesture) at @x, @y of the list view; returns the point in the
 * coordinates of the window's content, where the menu hangs. */
static graphene_point_t
press_list (QmWindow   *window,
            const char *gesture_name,
            double      x,
            double      y)
{
  GtkWidget *list_view = get_child (window, "document_list_view");
  graphene_point_t point;
  double host_x, host_y;

  if (g_str_equal (gesture_name, "qm-document-row-menu-click"))
    g_signal_emit_by_name (find_controller (list_view, gesture_name), "pressed", 1, x, y);
  else
    g_signal_emit_by_name (find_controller (list_view, gesture_name), "pressed", x, y);
  spin_main_loop (20);

  g_assert_true (gtk_widget_translate_coordinates (list_view, get_child (window, "content_box"),
                                                   x, y, &host_x, &host_y));
  graphene_point_init (&point, host_x, host_y);
  return point;
}

/* Mapped, a row may still wait for its place in the list. */
static gboolean
is_allocated (gpointer data)
{
  return gtk_widget_get_width (data) > 0 && gtk_widget_get_height (data) > 0;
}

/* Presses on the middle of the row of @document_id, near its end. */
static graphene_point_t
press_row (QmWindow   *window,
           const char *gesture_name,
           const char *document_id)
{
  GtkWidget *row = find_row (window, document_id);
  graphene_rect_t bounds;

  g_assert_true (wait_for (is_allocated, row));
  g_assert_true (gtk_widget_compute_bounds (row, get_child (window, "document_list_view"), &bounds));
  return press_list (window, gesture_name,
                     bounds.origin.x + bounds.size.width * 0.75,
                     bounds.origin.y + bounds.size.height / 2);
}

/* The menu has a corner at @point, and the rest of it on the right, the
 * side English reads towards. */
static void
assert_menu_points_at (QmWindow               *window,
                       const graphene_point_t *point)
{
  GtkPopover *menu = find_row_menu (window);
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (menu));
  GdkRectangle rect;
  double x, y, offset_x, offset_y;
  int menu_x;

  g_assert_true (gtk_popover_get_pointing_to (menu, &rect));
  g_assert_cmpint (rect.x, ==, (int) floor (point->x));
  g_assert_cmpint (rect.y, ==, (int) floor (point->y));
  g_assert_cmpint (gtk_popover_get_position (menu), ==, GTK_POS_RIGHT);

  /* On the screen: the menu's surface is placed in the window's, whose
   * origin is that of the window's shadow. The surface has a shadow too,
   * so it starts a little before the pointer. */
  g_assert_true (gtk_widget_translate_coordinates (get_child (window, "content_box"), GTK_WIDGET (window),
                                                   point->x, point->y, &x, &y));
  gtk_native_get_surface_transform (GTK_NATIVE (window), &offset_x, &offset_y);
  x += offset_x;
  menu_x = gdk_popup_get_position_x (GDK_POPUP (surface));
  g_assert_cmpint (menu_x, <=, (int) x);
  g_assert_cmpint (menu_x + gdk_surface_get_width (surface) / 2, >, (int) x);
}

static void
assert_row_menu (QmWindow   *window,
                 const char *expected)
{
  g_autofree char *description = describe_row_menu (window);

  g_assert_true (row_menu_is_shown (window));
  g_assert_cmpstr (description, ==, expected);
}

static guint
get_selected_position (QmWindow *window)
{
  GtkListView *list_view = get_child (window, "document_list_view");

  return gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (gtk_list_view_get_model (list_view)));
}

#define ROW_MENU_ENABLED "Rename Document…:1\nMark Done and Open the Next Document:1"

static void
test_row_menu_right_click (void)
{
  g_autofree char *corpus = create_corpus (TRUE);
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  graphene_point_t point;
  AdwMessageDialog *dialog;
  GtkWidget *focus;
  gboolean handled = FALSE;
  QmWindow *window;
  RowsWait wait;

  reset_settings ();
  window = create_window (corpus);
  wait.list_view = get_child (window, "document_list_view");
  wait.n_rows = 2;
  g_assert_true (wait_for (has_rows, &wait));
  g_assert_cmpstr (qm_window_get_document_id (window), ==, "en");
  g_assert_false (row_menu_is_shown (window));

  /* The second row: selected, its document open, and the menu where the
   * pointer is. */
  point = press_row (window, "qm-document-row-menu-click", "ar");
  g_assert_cmpstr (qm_window_get_document_id (window), ==, "ar");
  g_assert_cmpstr (qm_document_view_get_document_id (get_child (window, "document_view")), ==, "ar");
  g_assert_cmpuint (get_selected_position (window), ==, 1);
  assert_row_menu (window, ROW_MENU_ENABLED);
  assert_menu_points_at (window, &point);

  /* Rename… asks for the title of that document. */
  click_menu_item (window, "Rename Document…");
  g_assert_false (row_menu_is_shown (window));
  dialog = assert_rename_dialog (window, AR_TITLE);
  respond (dialog, "cancel");

  /* The row of the open document: nothing is opened again, so the
   * selection in its text stays. */
  select_start (window, 5);
  point = press_row (window, "qm-document-row-menu-click", "ar");
  assert_row_menu (window, ROW_MENU_ENABLED);
  assert_menu_points_at (window, &point);
  buffer = gtk_text_view_get_buffer (get_child (window, "document_view"));
  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
  g_assert_cmpint (gtk_text_iter_get_offset (&start), ==, 0);
  g_assert_cmpint (gtk_text_iter_get_offset (&end), ==, 5);
  gtk_popover_popdown (find_row_menu (window));
  g_assert_false (row_menu_is_shown (window));

  /* The focus the menu took goes back to the text, and F6 to the sidebar
   * rather than to the hidden menu. */
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == get_child (window, "document_view"));
  g_signal_emit_by_name (get_child (window, "paned"), "cycle-child-focus", FALSE, &handled);
  focus = gtk_window_get_focus (GTK_WINDOW (window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, get_child (window, "paned")));
  g_assert_false (gtk_widget_is_ancestor (focus, GTK_WIDGET (find_row_menu (window))));

  /* Below the last row there is no row and no menu. */
  press_list (window, "qm-document-row-menu-click", 20, gtk_widget_get_height (wait.list_view) - 2);
  g_assert_false (row_menu_is_shown (window));
  g_assert_cmpstr (qm_window_get_document_id (window), ==, "ar");

  /* A long press on a touch screen does what the right button does;
   * marking done from the menu marks the row's document. */
  point = press_row (window, "qm-document-row-menu-long-press", "en");
  g_assert_cmpstr (qm_window_get_document_id (window), ==, "en");
  g_assert_cmpuint (get_selected_position (window), ==, 0);
  assert_row_menu (window, ROW_MENU_ENABLED);
  assert_menu_points_at (window, &point);
  click_menu_item (window, "Mark Done and Open the Next Document");
  g_assert_false (row_menu_is_shown (window));
  g_assert_cmpint (get_status (window, "en"), ==, QM_STATUS_DONE);
  g_assert_cmpint (get_status (window, "ar"), ==, QM_STATUS_NEW);
  g_assert_cmpstr (qm_window_get_document_id (window), ==, "ar");

  destroy_window_after_menu (window);
}

/* Sends the shortcut @keyval with @modifiers to the list, as a key press
 * with the focus in it does. */
static void
press_list_key (QmWindow        *window,
                guint            keyval,
                GdkModifierType  modifiers)
{
  GtkWidget *list_view = get_child (window, "document_list_view");
  GtkEventController *keys = find_controller (list_view, "qm-document-row-menu-keys");
  g_autoptr(GtkShortcutTrigger) trigger = gtk_keyval_trigger_new (keyval, modifiers);
  GListModel *shortcuts = G_LIST_MODEL (keys);

  for (guint i = 0; i < g_list_model_get_n_items (shortcuts); i++)
    {
      g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (shortcuts, i);

      if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), trigger))
        {
          g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                       GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                                       list_view, NULL));
          spin_main_loop (20);
          return;
        }
    }
  g_assert_not_reached ();
}

static void
test_row_menu_keyboard (void)
{
  g_autofree char *corpus = create_corpus (TRUE);
  GtkWidget *list_view;
  GtkWidget *ar_item;
  GdkRectangle rect;
  graphene_rect_t bounds;
  QmWindow *window;
  RowsWait wait;

  reset_settings ();
  window = create_window (corpus);
  list_view = get_child (window, "document_list_view");
  wait.list_view = list_view;
  wait.n_rows = 2;
  g_assert_true (wait_for (has_rows, &wait));
  g_assert_cmpstr (qm_window_get_document_id (window), ==, "en");

  /* The focus on the second row (Ctrl+Down moves it without selecting). */
  g_assert_true (wait_for (is_allocated, find_row (window, "ar")));
  ar_item = gtk_widget_get_parent (find_row (window, "ar"));
  g_assert_true (gtk_widget_grab_focus (ar_item));
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == ar_item);

  /* Shift+F10 opens that row's document and its menu, pointing at the
   * whole row. */
  press_list_key (window, GDK_KEY_F10, GDK_SHIFT_MASK);
  g_assert_cmpstr (qm_window_get_document_id (window), ==, "ar");
  g_assert_cmpuint (get_selected_position (window), ==, 1);
  assert_row_menu (window, ROW_MENU_ENABLED);
  g_assert_true (gtk_popover_get_pointing_to (find_row_menu (window), &rect));
  g_assert_true (gtk_widget_compute_bounds (find_row (window, "ar"), get_child (window, "content_box"),
                                            &bounds));
  g_assert_cmpint (rect.x, ==, (int) floor (bounds.origin.x));
  g_assert_cmpint (rect.y, ==, (int) floor (bounds.origin.y));
  g_assert_cmpint (rect.height, ==, (int) ceil (bounds.size.height));
  g_assert_cmpint (gtk_popover_get_position (find_row_menu (window)), ==, GTK_POS_BOTTOM);
  g_assert_true (gtk_popover_get_has_arrow (find_row_menu (window)));

  /* Escape closes it, and the focus is back on the row although opening
   * the document took it to the text. */
  gtk_popover_popdown (find_row_menu (window));
  g_assert_false (row_menu_is_shown (window));
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == ar_item);

  /* The Menu key does the same; from the keyboard, Rename… asks for the
   * title of the row's document. */
  press_list_key (window, GDK_KEY_Menu, 0);
  assert_row_menu (window, ROW_MENU_ENABLED);
  click_menu_item (window, "Rename Document…");
  respond (assert_rename_dialog (window, AR_TITLE), "cancel");
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == ar_item);

  destroy_window_after_menu (window);
}

/* The items are greyed out exactly when their actions are. */
static void
test_row_menu_disabled (void)
{
  g_autofree char *corpus = create_corpus (TRUE);
  g_autoptr(GError) error = NULL;
  QmWindow *window;
  RowsWait wait;

  /* No name to record the status under: the title can still change. */
  reset_settings ();
  window = create_window (corpus);
  qm_window_set_annotator (window, NULL);
  wait.list_view = get_child (window, "document_list_view");
  wait.n_rows = 2;
  g_assert_true (wait_for (has_rows, &wait));
  press_row (window, "qm-document-row-menu-click", "ar");
  g_assert_cmpstr (qm_window_get_document_id (window), ==, "ar");
  assert_row_menu (window, "Rename Document…:1\nMark Done and Open the Next Document:0");
  gtk_popover_popdown (find_row_menu (window));

  /* A read-only corpus: the menu opens, with nothing to do in it. */
  g_assert_true (qm_window_open_corpus (window, corpus, QM_STORE_OPEN_READ_ONLY, &error));
  g_assert_no_error (error);
  qm_window_set_annotator (window, "tester");
  g_assert_true (wait_for (has_rows, &wait));
  press_row (window, "qm-document-row-menu-click", "ar");
  g_assert_cmpstr (qm_window_get_document_id (window), ==, "ar");
  assert_row_menu (window, "Rename Document…:0\nMark Done and Open the Next Document:0");
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.rename-document", NULL) &&
                  find_message_dialog () != NULL);

  destroy_window_after_menu (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_log_set_writer_func (log_writer, NULL, NULL);
  g_test_init (&argc, &argv, NULL);
  g_test_log_set_fatal_handler (fatal_log_handler, NULL);

  app = qm_application_new ();
  /* No D-Bus name: tests may run side by side and without a session bus. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/window/opens-first-not-done", test_opens_first_not_done);
  g_test_add_func ("/window/list-rows", test_list_rows);
  g_test_add_func ("/window/status-filter", test_status_filter);
  g_test_add_func ("/window/mark-done", test_mark_done);
  g_test_add_func ("/window/first-span-marks-in-progress", test_first_span_marks_in_progress);
  g_test_add_func ("/window/next-previous", test_next_previous);
  g_test_add_func ("/window/inspector-panel", test_inspector_panel);
  g_test_add_func ("/window/empty-corpus", test_empty_corpus);
  g_test_add_func ("/window/no-corpus", test_no_corpus);
  g_test_add_func ("/window/open-not-a-corpus", test_open_not_a_corpus);
  g_test_add_func ("/window/zoom", test_zoom);
  g_test_add_func ("/window/label-bar", test_label_bar);
  g_test_add_func ("/window/search", test_search);
  g_test_add_func ("/window/rename-document", test_rename_document);
  g_test_add_func ("/window/row-menu/right-click", test_row_menu_right_click);
  g_test_add_func ("/window/row-menu/keyboard", test_row_menu_keyboard);
  g_test_add_func ("/window/row-menu/disabled", test_row_menu_disabled);
  g_test_add_func ("/window/size-remembered", test_window_size_remembered);
  g_test_add_func ("/window/annotator-follows-settings", test_annotator_change_follows_settings);
  g_test_add_func ("/preferences/bound-to-settings", test_preferences);
  g_test_add_func ("/import-dialog/report", test_import);
  g_test_add_func ("/import-dialog/updates-window", test_import_updates_window);
  g_test_add_func ("/application/first-run-asks-annotator", test_first_run_asks_annotator);
  g_test_add_func ("/application/first-run-not-now", test_first_run_not_now);
  g_test_add_func ("/application/annotator-from-preferences", test_annotator_from_preferences);
  g_test_add_func ("/application/annotator-override", test_annotator_override);

  status = g_test_run ();
  g_object_unref (app);
  return status;
}
