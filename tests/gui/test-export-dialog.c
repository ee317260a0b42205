/* test-export-dialog.c: the export dialog and the options of the import
 * dialog, driven through their widgets on a real display (Xvfb), with the
 * destination given directly instead of through a file chooser. */
#include "config.h"

#include <string.h>
#include <unistd.h>
#include <adwaita.h>
#include <glib/gstdio.h>
#include "qm-application.h"
#include "qm-error.h"
#include "qm-export-dialog.h"
#include "qm-export-dialog-private.h"
#include "qm-format.h"
#include "qm-import-dialog.h"
#include "qm-store.h"
#include "qm-test-util.h"

#define EN_TEXT "Talks resume in Geneva\n\n" \
                "“We are ready to talk,” the minister said on Monday.\n" \
                "The delegation arrived late, officials said.\n"
#define AR_TEXT "استئناف المحادثات في جنيف\n\n" \
                "قال الوزير يوم الاثنين: «نحن مستعدون للحوار».\n"
#define MIXED_TEXT "Press review 👍🏽\n\n" \
                   "The envoy said «لا تعليق» and left.\n"

typedef gboolean (*ConditionFunc) (gpointer data);

/* Runs the main loop until @condition holds or ten seconds passed. */
static gboolean
wait_for (ConditionFunc condition,
          gpointer      data)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

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

/* The dialog opens with the choices of the export before; each test
 * starts from none. */
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
}

/* --- corpora --- */

static void
add_document (QmStore    *store,
              const char *id,
              const char *text)
{
  g_autoptr(QmDocument) document = qm_document_new ();
  g_autoptr(GError) error = NULL;

  qm_document_set_id (document, id);
  qm_document_set_title (document, id);
  qm_document_set_text (document, text);
  qm_store_add_document (store, document, &error);
  g_assert_no_error (error);
}

/* A span over the first occurrence of @what in @text. */
static void
add_span (QmStore    *store,
          const char *document_id,
          const char *text,
          const char *what,
          const char *label,
          const char *annotator)
{
  g_autoptr(QmSpan) span = qm_span_new ();
  g_autoptr(GError) error = NULL;
  const char *at = strstr (text, what);

  g_assert_nonnull (at);
  span->document_id = g_strdup (document_id);
  span->label = g_strdup (label);
  span->start = g_utf8_pointer_to_offset (text, at);
  span->end = span->start + g_utf8_strlen (what, -1);
  span->annotator = g_strdup (annotator);
  qm_store_add_span (store, span, &error);
  g_assert_no_error (error);
}

/* Three documents (English, Arabic, mixed) annotated by "ana" and "ben";
 * "en" is marked done by ana. */
static char *
create_corpus (void)
{
  g_autofree char *dir = qm_test_make_tmpdir ();
  char *path = g_build_filename (dir, "news.quotemark", NULL);
  g_autoptr(QmStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = qm_store_open (path, QM_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  add_document (store, "en", EN_TEXT);
  add_document (store, "ar", AR_TEXT);
  add_document (store, "mixed", MIXED_TEXT);
  add_span (store, "en", EN_TEXT, "“We are ready to talk,”", "Quote", "ana");
  add_span (store, "en", EN_TEXT, "the minister", "Speaker", "ana");
  add_span (store, "en", EN_TEXT, "said", "Cue", "ben");
  add_span (store, "ar", AR_TEXT, "«نحن مستعدون للحوار»", "Quote", "ana");
  add_span (store, "ar", AR_TEXT, "الوزير", "Speaker", "ben");
  add_span (store, "mixed", MIXED_TEXT, "«لا تعليق»", "Quote", "ben");
  qm_store_set_status (store, "en", "ana", QM_STATUS_DONE, &error);
  g_assert_no_error (error);
  qm_store_close (store);
  return path;
}

static QmStore *
open_corpus (const char *path)
{
  g_autoptr(GError) error = NULL;
  QmStore *store = qm_store_open (path, QM_STORE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  return store;
}

/* What the registry writes for these options, to compare the dialog's
 * export with. */
static char *
export_reference (const char            *corpus,
                  const char            *format_name,
                  const QmExportOptions *options)
{
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autoptr(QmStore) store = open_corpus (corpus);
  g_autoptr(GError) error = NULL;
  const QmFormat *format = qm_format_find (format_name);
  char *path = g_build_filename (dir, "reference", NULL);

  g_assert_nonnull (format);
  qm_format_export_to_path (format, store, options, path, NULL, NULL, &error);
  g_assert_no_error (error);
  qm_store_close (store);
  return path;
}

static void
assert_same_file (const char *path,
                  const char *expected_path)
{
  gsize len = 0, expected_len = 0;
  g_autofree char *data = qm_test_read_file (path, &len);
  g_autofree char *expected = qm_test_read_file (expected_path, &expected_len);

  g_assert_cmpuint (len, >, 0);
  g_assert_cmpmem (data, len, expected, expected_len);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The names in a folder, sorted, joined by spaces. */
static char *
list_folder (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

/* --- driving the dialog --- */

static gpointer
get_child (gpointer    dialog,
           GType       type,
           const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (dialog), type, name);

  g_assert_nonnull (child);
  return child;
}

/* As a click does; gtk_widget_activate() would emit "clicked" only after
 * the button's press animation. */
static void
click (gpointer button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

#define EXPORT_CHILD(dialog, name) get_child ((dialog), QM_TYPE_EXPORT_DIALOG, (name))
#define IMPORT_CHILD(dialog, name) get_child ((dialog), QM_TYPE_IMPORT_DIALOG, (name))

/* Selects the row of a combo row whose text is @text. */
static void
select_row (AdwComboRow *row,
            const char  *text)
{
  GListModel *model = adw_combo_row_get_model (row);

  g_assert_true (GTK_IS_STRING_LIST (model));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), text) == 0)
      {
        adw_combo_row_set_selected (row, i);
        return;
      }
  g_error ("no row “%s”", text);
}

static const char *
get_selected_text (AdwComboRow *row)
{
  GListModel *model = adw_combo_row_get_model (row);

  return gtk_string_list_get_string (GTK_STRING_LIST (model), adw_combo_row_get_selected (row));
}

static void
select_format (QmExportDialog *dialog,
               const char     *name)
{
  select_row (EXPORT_CHILD (dialog, "format_row"), qm_format_get_display_name (qm_format_find (name)));
}

static QmExportDialog *
create_dialog (QmStore            *store,
               const char         *annotator,
               const char * const *document_ids)
{
  QmExportDialog *dialog = qm_export_dialog_new (NULL, store, annotator, document_ids);

  /* The dialog may close itself; the test looks at it afterwards. */
  g_object_ref (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  spin_main_loop (20);
  return dialog;
}

static void
destroy_dialog (QmExportDialog *dialog)
{
  if (!gtk_widget_in_destruction (GTK_WIDGET (dialog)))
    gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  spin_main_loop (20);
}

static gboolean
export_done (gpointer data)
{
  return !qm_export_dialog_is_running (data);
}

static void
finished_cb (QmExportDialog *dialog,
             guint          *n_finished)
{
  (*n_finished)++;
}

/* Exports to @destination as the Export button does, and waits for the
 * end; returns how many times "finished" was emitted. */
static guint
run_export (QmExportDialog *dialog,
            const char     *destination)
{
  guint n_finished = 0;
  gulong id;

  id = g_signal_connect (dialog, "finished", G_CALLBACK (finished_cb), &n_finished);
  qm_export_dialog_set_destination (dialog, destination);
  click (EXPORT_CHILD (dialog, "export_button"));
  g_assert_true (qm_export_dialog_is_running (dialog));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (EXPORT_CHILD (dialog, "stack")), ==, "progress");
  g_assert_true (wait_for (export_done, dialog));
  g_signal_handler_disconnect (dialog, id);
  return n_finished;
}

/* --- tests --- */

static void
test_export_jsonl (void)
{
  g_autofree char *corpus = create_corpus ();
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *destination = g_build_filename (dir, "out.jsonl", NULL);
  g_autofree char *reference = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(QmStore) store = open_corpus (corpus);
  g_autoptr(AdwToast) toast = NULL;
  QmExportOptions options = { 0 };
  QmExportDialog *dialog;

  reset_settings ();
  dialog = create_dialog (store, NULL, NULL);
  g_assert_cmpstr (get_selected_text (EXPORT_CHILD (dialog, "annotator_row")), ==, "All annotators");
  g_assert_cmpstr (get_selected_text (EXPORT_CHILD (dialog, "documents_row")), ==, "All documents");
  select_format (dialog, "jsonl");
  /* The description says what the offsets count. */
  g_assert_nonnull (strstr (gtk_label_get_text (EXPORT_CHILD (dialog, "format_description")), "code points"));
  g_assert_false (gtk_widget_get_visible (EXPORT_CHILD (dialog, "csv_group")));
  g_assert_false (gtk_widget_get_visible (EXPORT_CHILD (dialog, "conll_labels_group")));

  g_assert_cmpuint (run_export (dialog, destination), ==, 1);
  g_assert_null (qm_export_dialog_get_error (dialog));
  g_assert_cmpuint (qm_export_dialog_get_n_exported (dialog), ==, 3);
  g_assert_cmpstr (qm_export_dialog_get_destination (dialog), ==, destination);
  /* Done without warnings: the dialog closed itself. */
  g_assert_true (gtk_widget_in_destruction (GTK_WIDGET (dialog)) || !gtk_widget_get_visible (GTK_WIDGET (dialog)));

  reference = export_reference (corpus, "jsonl", &options);
  assert_same_file (destination, reference);
  /* Nothing else was left beside it (no temporary file). */
  listing = list_folder (dir);
  g_assert_cmpstr (listing, ==, "out.jsonl");

  toast = qm_export_dialog_create_toast (dialog);
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Exported 3 documents");
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Show in Files");

  destroy_dialog (dialog);
  qm_store_close (store);
}

static void
test_export_csv_bom (void)
{
  g_autofree char *corpus = create_corpus ();
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *destination = g_build_filename (dir, "quotes.csv", NULL);
  g_autofree char *reference = NULL;
  g_autofree char *data = NULL;
  g_autoptr(QmStore) store = open_corpus (corpus);
  QmExportOptions options = { .excel = TRUE };
  QmExportDialog *dialog;
  gsize len = 0;

  reset_settings ();
  dialog = create_dialog (store, NULL, NULL);
  select_format (dialog, "csv");
  g_assert_true (gtk_widget_get_visible (EXPORT_CHILD (dialog, "csv_group")));
  g_assert_false (gtk_widget_get_visible (EXPORT_CHILD (dialog, "conll_labels_group")));
  gtk_switch_set_active (EXPORT_CHILD (dialog, "excel_switch"), TRUE);

  run_export (dialog, destination);
  g_assert_null (qm_export_dialog_get_error (dialog));

  data = qm_test_read_file (destination, &len);
  g_assert_cmpuint (len, >, 3);
  g_assert_cmpmem (data, 3, "\xEF\xBB\xBF", 3);
  g_assert_true (g_str_has_prefix (data + 3, "document_id,"));
  reference = export_reference (corpus, "csv", &options);
  assert_same_file (destination, reference);

  destroy_dialog (dialog);
  qm_store_close (store);
}

static void
assert_same_folder (const char *path,
                    const char *expected_path)
{
  g_autofree char *listing = list_folder (path);
  g_autofree char *expected_listing = list_folder (expected_path);
  g_auto(GStrv) names = g_strsplit (listing, " ", -1);

  g_assert_cmpstr (listing, ==, expected_listing);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *file = g_build_filename (path, names[i], NULL);
      g_autofree char *expected = g_build_filename (expected_path, names[i], NULL);

      assert_same_file (file, expected);
    }
}

static void
test_export_brat (void)
{
  g_autofree char *corpus = create_corpus ();
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *destination = g_build_filename (dir, "brat", NULL);
  g_autofree char *reference = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *beside = NULL;
  g_autoptr(QmStore) store = open_corpus (corpus);
  QmExportOptions options = { 0 };
  QmExportDialog *dialog;

  reset_settings ();
  dialog = create_dialog (store, NULL, NULL);
  select_format (dialog, "brat");
  g_assert_nonnull (strstr (gtk_label_get_text (EXPORT_CHILD (dialog, "format_description")), "brat"));

  run_export (dialog, destination);
  g_assert_null (qm_export_dialog_get_error (dialog));
  g_assert_cmpuint (qm_export_dialog_get_n_exported (dialog), ==, 3);

  g_assert_true (g_file_test (destination, G_FILE_TEST_IS_DIR));
  listing = list_folder (destination);
  g_assert_cmpstr (listing, ==, "annotation.conf ar.ann ar.txt en.ann en.txt mixed.ann mixed.txt visual.conf");
  reference = export_reference (corpus, "brat", &options);
  assert_same_folder (destination, reference);
  /* The staging folder went. */
  beside = list_folder (dir);
  g_assert_cmpstr (beside, ==, "brat");

  destroy_dialog (dialog);
  qm_store_close (store);
}

static void
test_export_annotator_selected (void)
{
  g_autofree char *corpus = create_corpus ();
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *destination = g_build_filename (dir, "ana.jsonl", NULL);
  g_autofree char *reference = NULL;
  g_autoptr(QmStore) store = open_corpus (corpus);
  const char *selected[] = { "ar", NULL };
  QmExportOptions options = { .annotator = "ana", .document_ids = selected };
  QmExportDialog *dialog;
  GListModel *annotators;

  reset_settings ();
  dialog = create_dialog (store, "ana", selected);
  /* Every annotator of the corpus is offered, the current one chosen. */
  annotators = adw_combo_row_get_model (EXPORT_CHILD (dialog, "annotator_row"));
  g_assert_cmpuint (g_list_model_get_n_items (annotators), ==, 3);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (annotators), 2), ==, "ben");
  g_assert_cmpstr (get_selected_text (EXPORT_CHILD (dialog, "annotator_row")), ==, "ana");
  select_format (dialog, "jsonl");
  select_row (EXPORT_CHILD (dialog, "documents_row"), "The selected document");

  run_export (dialog, destination);
  g_assert_null (qm_export_dialog_get_error (dialog));
  g_assert_cmpuint (qm_export_dialog_get_n_exported (dialog), ==, 1);
  reference = export_reference (corpus, "jsonl", &options);
  assert_same_file (destination, reference);

  destroy_dialog (dialog);
  qm_store_close (store);
}

static void
test_export_done_only (void)
{
  g_autofree char *corpus = create_corpus ();
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *destination = g_build_filename (dir, "done.jsonl", NULL);
  g_autofree char *nothing = g_build_filename (dir, "nothing.jsonl", NULL);
  g_autofree char *reference = NULL;
  g_autoptr(QmStore) store = open_corpus (corpus);
  QmExportOptions options = { .annotator = "ana", .done_only = TRUE };
  QmExportDialog *dialog;
  const GError *error;

  reset_settings ();
  /* ana marked "en" done. */
  dialog = create_dialog (store, "ana", NULL);
  select_format (dialog, "doccano");
  select_row (EXPORT_CHILD (dialog, "documents_row"), "Documents marked done");
  run_export (dialog, destination);
  g_assert_null (qm_export_dialog_get_error (dialog));
  g_assert_cmpuint (qm_export_dialog_get_n_exported (dialog), ==, 1);
  reference = export_reference (corpus, "doccano", &options);
  assert_same_file (destination, reference);
  destroy_dialog (dialog);

  /* ben marked nothing done: no empty file, and the user is told why. */
  dialog = create_dialog (store, "ben", NULL);
  select_row (EXPORT_CHILD (dialog, "documents_row"), "Documents marked done");
  run_export (dialog, nothing);
  error = qm_export_dialog_get_error (dialog);
  g_assert_error (error, QM_ERROR, QM_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "ben"));
  g_assert_false (g_file_test (nothing, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (EXPORT_CHILD (dialog, "stack")), ==, "summary");
  g_assert_nonnull (strstr (gtk_label_get_text (EXPORT_CHILD (dialog, "summary_label")), error->message));
  g_assert_null (qm_export_dialog_create_toast (dialog));
  destroy_dialog (dialog);

  qm_store_close (store);
}

static void
test_export_conll_options (void)
{
  g_autofree char *corpus = create_corpus ();
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *destination = g_build_filename (dir, "quotes.conll", NULL);
  g_autofree char *reference = NULL;
  g_autoptr(QmStore) store = open_corpus (corpus);
  g_autoptr(AdwToast) toast = NULL;
  const char *labels[] = { "Speaker", NULL };
  QmExportOptions options = { .labels = labels, .nested_inner = TRUE };
  AdwPreferencesGroup *group;
  GtkWidget *export_button;
  GtkListBox *warnings;
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();
  QmExportDialog *dialog;

  reset_settings ();
  /* A speaker that starts inside a word, which CoNLL widens to the whole
   * token and warns about. */
  add_span (store, "en", EN_TEXT, "inister", "Speaker", "ben");

  dialog = create_dialog (store, NULL, NULL);
  select_format (dialog, "conll");
  group = EXPORT_CHILD (dialog, "conll_labels_group");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (group)));
  g_assert_true (gtk_widget_get_visible (EXPORT_CHILD (dialog, "conll_nesting_group")));
  g_assert_false (gtk_widget_get_visible (EXPORT_CHILD (dialog, "csv_group")));
  g_assert_nonnull (strstr (gtk_label_get_text (EXPORT_CHILD (dialog, "format_description")), "no offsets"));

  /* One check button per label of the schema, all checked. */
  for (GtkWidget *w = GTK_WIDGET (group); w != NULL; )
    {
      if (GTK_IS_CHECK_BUTTON (w))
        g_ptr_array_add (checks, w);
      /* Depth-first walk of the group. */
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != GTK_WIDGET (group) && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = w == GTK_WIDGET (group) ? NULL : gtk_widget_get_next_sibling (w);
        }
    }
  g_assert_cmpuint (checks->len, ==, 3);
  export_button = EXPORT_CHILD (dialog, "export_button");
  for (guint i = 0; i < checks->len; i++)
    {
      g_assert_true (gtk_check_button_get_active (g_ptr_array_index (checks, i)));
      gtk_check_button_set_active (g_ptr_array_index (checks, i), FALSE);
    }
  /* No label, no layer of tags to write. */
  g_assert_false (gtk_widget_get_sensitive (export_button));
  gtk_check_button_set_active (g_ptr_array_index (checks, 1), TRUE);
  g_assert_true (gtk_widget_get_sensitive (export_button));
  select_row (EXPORT_CHILD (dialog, "nested_row"), "The inner span");

  run_export (dialog, destination);
  g_assert_null (qm_export_dialog_get_error (dialog));
  reference = export_reference (corpus, "conll", &options);
  assert_same_file (destination, reference);

  /* The warning keeps the dialog open and is listed. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (EXPORT_CHILD (dialog, "stack")), ==, "summary");
  g_assert_cmpuint (qm_report_count (qm_export_dialog_get_report (dialog), QM_REPORT_WARNING), >, 0);
  warnings = EXPORT_CHILD (dialog, "warnings_list");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (warnings)));
  g_assert_nonnull (gtk_list_box_get_row_at_index (warnings, 0));
  g_assert_true (gtk_widget_get_visible (EXPORT_CHILD (dialog, "show_button")));
  toast = qm_export_dialog_create_toast (dialog);
  g_assert_nonnull (toast);

  destroy_dialog (dialog);
  qm_store_close (store);
}

/* The check buttons of the CoNLL labels, in the schema's order. */
static GPtrArray *
get_label_checks (QmExportDialog *dialog)
{
  GtkWidget *group = EXPORT_CHILD (dialog, "conll_labels_group");
  GPtrArray *checks = g_ptr_array_new ();

  for (GtkWidget *w = group; w != NULL; )
    {
      if (GTK_IS_CHECK_BUTTON (w))
        g_ptr_array_add (checks, w);
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != group && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = w == group ? NULL : gtk_widget_get_next_sibling (w);
        }
    }
  return checks;
}

/* Which labels are checked, as "Quote Speaker". */
static char *
checked_labels (QmExportDialog *dialog)
{
  g_autoptr(GPtrArray) checks = get_label_checks (dialog);
  g_autoptr(GString) names = g_string_new (NULL);

  g_assert_cmpuint (checks->len, ==, 3);
  for (guint i = 0; i < checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (checks, i)))
      {
        AdwPreferencesRow *row = ADW_PREFERENCES_ROW (gtk_widget_get_ancestor (g_ptr_array_index (checks, i), ADW_TYPE_PREFERENCES_ROW));

        if (names->len > 0)
          g_string_append_c (names, ' ');
        g_string_append (names, adw_preferences_row_get_title (row));
      }
  return g_strdup (names->str);
}

/* The dialog opens with the format and options of the export before. */
static void
test_export_remembers_choices (void)
{
  g_autofree char *corpus = create_corpus ();
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *conll = g_build_filename (dir, "quotes.conll", NULL);
  g_autofree char *csv = g_build_filename (dir, "quotes.csv", NULL);
  g_autofree char *labels = NULL;
  g_autoptr(QmStore) store = open_corpus (corpus);
  g_autoptr(GSettings) settings = g_settings_new (QM_SETTINGS_SCHEMA_ID);
  g_autoptr(GPtrArray) checks = NULL;
  const char *ar[] = { "ar", NULL };
  const char *en[] = { "en", NULL };
  QmExportDialog *dialog;

  reset_settings ();

  /* The first time: the first format, everything as it comes. */
  dialog = create_dialog (store, "ana", ar);
  g_assert_cmpuint (adw_combo_row_get_selected (EXPORT_CHILD (dialog, "format_row")), ==, 0);
  g_assert_cmpstr (get_selected_text (EXPORT_CHILD (dialog, "annotator_row")), ==, "ana");
  g_assert_cmpstr (get_selected_text (EXPORT_CHILD (dialog, "documents_row")), ==, "All documents");

  /* CoNLL, of ben's speakers only, inner spans, the selected document. */
  select_format (dialog, "conll");
  checks = get_label_checks (dialog);
  gtk_check_button_set_active (g_ptr_array_index (checks, 0), FALSE);
  gtk_check_button_set_active (g_ptr_array_index (checks, 2), FALSE);
  g_clear_pointer (&checks, g_ptr_array_unref);
  select_row (EXPORT_CHILD (dialog, "nested_row"), "The inner span");
  select_row (EXPORT_CHILD (dialog, "annotator_row"), "ben");
  select_row (EXPORT_CHILD (dialog, "documents_row"), "The selected document");
  run_export (dialog, conll);
  g_assert_null (qm_export_dialog_get_error (dialog));
  g_assert_true (g_file_test (conll, G_FILE_TEST_IS_REGULAR));
  destroy_dialog (dialog);

  dialog = create_dialog (store, "ana", en);
  g_assert_cmpstr (get_selected_text (EXPORT_CHILD (dialog, "format_row")), ==,
                   qm_format_get_display_name (qm_format_find ("conll")));
  g_assert_true (gtk_widget_get_visible (EXPORT_CHILD (dialog, "conll_labels_group")));
  labels = checked_labels (dialog);
  g_assert_cmpstr (labels, ==, "Speaker");
  g_assert_cmpstr (get_selected_text (EXPORT_CHILD (dialog, "nested_row")), ==, "The inner span");
  g_assert_cmpstr (get_selected_text (EXPORT_CHILD (dialog, "annotator_row")), ==, "ben");
  g_assert_cmpstr (get_selected_text (EXPORT_CHILD (dialog, "documents_row")), ==, "The selected document");
  destroy_dialog (dialog);

  /* Without a document selected in the window, all of them. */
  dialog = create_dialog (store, "ana", NULL);
  g_assert_cmpstr (get_selected_text (EXPORT_CHILD (dialog, "documents_row")), ==, "All documents");

  /* CSV for Excel, of one's own annotations: next time, of whoever
   * annotates then. */
  select_format (dialog, "csv");
  gtk_switch_set_active (EXPORT_CHILD (dialog, "excel_switch"), TRUE);
  select_row (EXPORT_CHILD (dialog, "annotator_row"), "ana");
  run_export (dialog, csv);
  g_assert_null (qm_export_dialog_get_error (dialog));
  destroy_dialog (dialog);

  dialog = create_dialog (store, "ben", NULL);
  g_assert_cmpstr (get_selected_text (EXPORT_CHILD (dialog, "format_row")), ==,
                   qm_format_get_display_name (qm_format_find ("csv")));
  g_assert_true (gtk_switch_get_active (EXPORT_CHILD (dialog, "excel_switch")));
  g_assert_cmpstr (get_selected_text (EXPORT_CHILD (dialog, "annotator_row")), ==, "ben");
  /* The CoNLL labels stay as they were; a CSV export does not use them. */
  g_free (labels);
  labels = checked_labels (dialog);
  g_assert_cmpstr (labels, ==, "Speaker");
  destroy_dialog (dialog);

  /* A format this version does not know, and labels the schema lacks. */
  g_settings_set_string (settings, "export-format", "no-such-format");
  g_settings_set_strv (settings, "export-conll-labels", (const char * const[]) { "Rumour", NULL });
  g_settings_set_boolean (settings, "export-all-annotators", TRUE);
  dialog = create_dialog (store, "ben", NULL);
  g_assert_cmpuint (adw_combo_row_get_selected (EXPORT_CHILD (dialog, "format_row")), ==, 0);
  g_free (labels);
  labels = checked_labels (dialog);
  g_assert_cmpstr (labels, ==, "Quote Speaker Cue");
  g_assert_cmpstr (get_selected_text (EXPORT_CHILD (dialog, "annotator_row")), ==, "All annotators");
  destroy_dialog (dialog);

  qm_store_close (store);
}

/* The worker waits in its progress hook, after the first document, until
 * the test has pressed Cancel. */
typedef struct
{
  gint reached;
  gint released;
} Gate;

static void
gate_hook (guint    done,
           guint    total,
           gpointer user_data)
{
  Gate *gate = user_data;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  if (done != 1)
    return;
  g_atomic_int_set (&gate->reached, 1);
  while (!g_atomic_int_get (&gate->released) && g_get_monotonic_time () < deadline)
    g_usleep (1000);
}

static gboolean
gate_reached (gpointer data)
{
  Gate *gate = data;

  return g_atomic_int_get (&gate->reached);
}

static void
test_export_cancel (void)
{
  g_autofree char *corpus = create_corpus ();
  g_autoptr(QmStore) store = open_corpus (corpus);
  const char *formats[] = { "jsonl", "labelstudio", "brat" };

  reset_settings ();
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *dir = qm_test_make_tmpdir ();
      g_autofree char *destination = g_build_filename (dir, "out", NULL);
      g_autofree char *listing = NULL;
      Gate gate = { 0, 0 };
      QmExportDialog *dialog;
      const GError *error;

      dialog = create_dialog (store, NULL, NULL);
      select_format (dialog, formats[i]);
      qm_export_dialog_set_progress_hook (dialog, gate_hook, &gate);
      qm_export_dialog_set_destination (dialog, destination);
      click (EXPORT_CHILD (dialog, "export_button"));
      g_assert_true (wait_for (gate_reached, &gate));

      /* Half written: one document of three. */
      click (EXPORT_CHILD (dialog, "cancel_button"));
      g_assert_false (gtk_widget_get_sensitive (EXPORT_CHILD (dialog, "cancel_button")));
      g_atomic_int_set (&gate.released, 1);
      g_assert_true (wait_for (export_done, dialog));

      error = qm_export_dialog_get_error (dialog);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_cmpstr (gtk_label_get_text (EXPORT_CHILD (dialog, "summary_title")), ==, "Export Cancelled");
      g_assert_null (qm_export_dialog_create_toast (dialog));
      /* Neither the file nor a temporary one beside it. */
      g_assert_false (g_file_test (destination, G_FILE_TEST_EXISTS));
      listing = list_folder (dir);
      g_assert_cmpstr (listing, ==, "");

      destroy_dialog (dialog);
    }

  qm_store_close (store);
}

static void
test_export_cancel_keeps_old_file (void)
{
  g_autofree char *corpus = create_corpus ();
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *destination = qm_test_write_file (dir, "out.csv", "earlier export\r\n", -1);
  g_autofree char *data = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(QmStore) store = open_corpus (corpus);
  Gate gate = { 0, 0 };
  QmExportDialog *dialog;

  reset_settings ();
  dialog = create_dialog (store, NULL, NULL);
  select_format (dialog, "csv");
  qm_export_dialog_set_progress_hook (dialog, gate_hook, &gate);
  qm_export_dialog_set_destination (dialog, destination);
  click (EXPORT_CHILD (dialog, "export_button"));
  g_assert_true (wait_for (gate_reached, &gate));
  /* Closing the window while it runs cancels too. */
  gtk_window_close (GTK_WINDOW (dialog));
  g_atomic_int_set (&gate.released, 1);
  g_assert_true (wait_for (export_done, dialog));
  spin_main_loop (20);

  g_assert_error (qm_export_dialog_get_error (dialog), G_IO_ERROR, G_IO_ERROR_CANCELLED);
  data = qm_test_read_file (destination, NULL);
  g_assert_cmpstr (data, ==, "earlier export\r\n");
  listing = list_folder (dir);
  g_assert_cmpstr (listing, ==, "out.csv");

  destroy_dialog (dialog);
  qm_store_close (store);
}

static void
test_export_unwritable (void)
{
  g_autofree char *corpus = create_corpus ();
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *blocker = qm_test_write_file (dir, "not-a-folder", "x", -1);
  g_autofree char *missing = g_build_filename (dir, "missing", "out.jsonl", NULL);
  g_autofree char *under_file = g_build_filename (blocker, "out.jsonl", NULL);
  g_autofree char *locked = g_build_filename (dir, "locked", NULL);
  g_autofree char *in_locked = g_build_filename (locked, "out.jsonl", NULL);
  g_autoptr(QmStore) store = open_corpus (corpus);
  g_autoptr(GPtrArray) destinations = g_ptr_array_new ();

  reset_settings ();
  g_ptr_array_add (destinations, missing);
  g_ptr_array_add (destinations, under_file);
  /* Permissions do not stop root. */
  if (getuid () != 0)
    {
      g_assert_cmpint (g_mkdir (locked, 0555), ==, 0);
      g_ptr_array_add (destinations, in_locked);
    }
  /* The corpus itself is never overwritten. */
  g_ptr_array_add (destinations, corpus);

  for (guint i = 0; i < destinations->len; i++)
    {
      const char *destination = g_ptr_array_index (destinations, i);
      g_autofree char *display = g_filename_display_name (destination);
      QmExportDialog *dialog;
      const GError *error;
      const char *summary;

      dialog = create_dialog (store, NULL, NULL);
      select_format (dialog, "jsonl");
      run_export (dialog, destination);

      error = qm_export_dialog_get_error (dialog);
      g_assert_nonnull (error);
      g_test_message ("%s: %s", destination, error->message);
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
      g_assert_cmpstr (gtk_stack_get_visible_child_name (EXPORT_CHILD (dialog, "stack")), ==, "summary");
      g_assert_cmpstr (gtk_label_get_text (EXPORT_CHILD (dialog, "summary_title")), ==, "Export Failed");
      /* The message names the file. */
      summary = gtk_label_get_text (EXPORT_CHILD (dialog, "summary_label"));
      g_assert_nonnull (strstr (summary, error->message));
      g_assert_true (strstr (summary, destination) != NULL || strstr (summary, display) != NULL);
      if (destination != corpus)
        g_assert_false (g_file_test (destination, G_FILE_TEST_EXISTS));

      /* Back to the options to choose another place. */
      g_assert_true (gtk_widget_get_visible (EXPORT_CHILD (dialog, "back_button")));
      click (EXPORT_CHILD (dialog, "back_button"));
      g_assert_cmpstr (gtk_stack_get_visible_child_name (EXPORT_CHILD (dialog, "stack")), ==, "options");
      g_assert_true (gtk_widget_get_visible (EXPORT_CHILD (dialog, "export_button")));

      destroy_dialog (dialog);
    }

  /* The corpus survived the attempt. */
  {
    g_autoptr(QmStore) again = open_corpus (corpus);

    g_assert_cmpuint (qm_store_count_documents (again, NULL), ==, 3);
    qm_store_close (again);
  }
  qm_store_close (store);
}

/* A file manager on the session bus that records what it was asked to
 * show. */
typedef struct
{
  char     *shown;
  gboolean  acquired;
  gboolean  lost;
} FileManager;

static void
file_manager_method_cb (GDBusConnection       *connection,
                        const char            *sender,
                        const char            *object_path,
                        const char            *interface_name,
                        const char            *method_name,
                        GVariant              *parameters,
                        GDBusMethodInvocation *invocation,
                        gpointer               user_data)
{
  FileManager *manager = user_data;
  g_autofree const char **uris = NULL;
  const char *startup_id;

  g_assert_cmpstr (method_name, ==, "ShowItems");
  g_variant_get (parameters, "(^a&s&s)", &uris, &startup_id);
  g_assert_cmpuint (g_strv_length ((char **) uris), ==, 1);
  g_free (manager->shown);
  manager->shown = g_strdup (uris[0]);
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
name_acquired_cb (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  ((FileManager *) user_data)->acquired = TRUE;
}

static void
name_lost_cb (GDBusConnection *connection,
              const char      *name,
              gpointer         user_data)
{
  ((FileManager *) user_data)->lost = TRUE;
}

static gboolean
name_settled (gpointer data)
{
  FileManager *manager = data;

  return manager->acquired || manager->lost;
}

static gboolean
item_shown (gpointer data)
{
  return ((FileManager *) data)->shown != NULL;
}

static void
test_show_in_files (void)
{
  static const char introspection[] =
    "<node><interface name='org.freedesktop.FileManager1'>"
    "<method name='ShowItems'><arg type='as' direction='in'/><arg type='s' direction='in'/></method>"
    "</interface></node>";
  static const GDBusInterfaceVTable vtable = { file_manager_method_cb, NULL, NULL, { 0 } };
  g_autofree char *corpus = create_corpus ();
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *destination = g_build_filename (dir, "out.jsonl", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (destination);
  g_autofree char *uri = g_file_get_uri (file);
  g_autoptr(QmStore) store = open_corpus (corpus);
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GDBusNodeInfo) node = NULL;
  g_autoptr(AdwToast) toast = NULL;
  g_autoptr(GError) error = NULL;
  FileManager manager = { NULL, FALSE, FALSE };
  QmExportDialog *dialog;
  guint registration, owner;

  reset_settings ();
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (bus == NULL)
    {
      g_test_skip ("no session bus");
      return;
    }
  node = g_dbus_node_info_new_for_xml (introspection, &error);
  g_assert_no_error (error);
  registration = g_dbus_connection_register_object (bus, "/org/freedesktop/FileManager1",
                                                    node->interfaces[0], &vtable,
                                                    &manager, NULL, &error);
  g_assert_no_error (error);
  owner = g_bus_own_name_on_connection (bus, "org.freedesktop.FileManager1",
                                        G_BUS_NAME_OWNER_FLAGS_DO_NOT_QUEUE,
                                        name_acquired_cb, name_lost_cb, &manager, NULL);
  g_assert_true (wait_for (name_settled, &manager));
  if (!manager.acquired)
    {
      g_bus_unown_name (owner);
      g_dbus_connection_unregister_object (bus, registration);
      g_test_skip ("a file manager owns org.freedesktop.FileManager1");
      return;
    }

  dialog = create_dialog (store, NULL, NULL);
  run_export (dialog, destination);
  g_assert_null (qm_export_dialog_get_error (dialog));
  toast = qm_export_dialog_create_toast (dialog);
  destroy_dialog (dialog);

  /* The toast works after the dialog is gone. */
  g_signal_emit_by_name (toast, "button-clicked");
  g_assert_true (wait_for (item_shown, &manager));
  g_assert_cmpstr (manager.shown, ==, uri);

  g_free (manager.shown);
  g_bus_unown_name (owner);
  g_dbus_connection_unregister_object (bus, registration);
  qm_store_close (store);
}

/* --- the import dialog's options --- */

static gboolean
import_done (gpointer data)
{
  return !qm_import_dialog_is_running (data);
}

static void
test_import_doccano (void)
{
  g_autofree char *corpus = create_corpus ();
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *path = qm_test_write_file (dir, "project.jsonl",
    "{\"text\":\"The mayor said: “Roads first.”\",\"entities\":["
    "{\"id\":1,\"start_offset\":4,\"end_offset\":9,\"label\":\"Speaker\"},"
    "{\"id\":2,\"start_offset\":16,\"end_offset\":30,\"label\":\"Quote\"},"
    "{\"id\":3,\"start_offset\":10,\"end_offset\":14,\"label\":\"Verb\"}],"
    "\"relations\":[{\"id\":1,\"from_id\":2,\"to_id\":1,\"type\":\"attributed_to\"}]}\n", -1);
  const char *paths[] = { path, NULL };
  g_autoptr(QmStore) store = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GError) error = NULL;
  QmImportDialog *dialog;
  AdwComboRow *format_row;
  GtkEditable *annotator_row;
  QmReport *report;
  const char *id = NULL;

  dialog = qm_import_dialog_new (NULL, corpus);
  g_object_ref (dialog);
  qm_import_dialog_set_annotator (dialog, "tester");
  qm_import_dialog_set_paths (dialog, paths);
  gtk_window_present (GTK_WINDOW (dialog));
  spin_main_loop (20);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (IMPORT_CHILD (dialog, "stack")), ==, "options");
  g_assert_false (qm_import_dialog_is_running (dialog));
  format_row = IMPORT_CHILD (dialog, "format_row");
  annotator_row = IMPORT_CHILD (dialog, "annotator_row");
  /* Told from Quotemark's own JSONL by its first line; doccano names no
   * annotator, so the user is credited unless they type another name. */
  g_assert_cmpstr (get_selected_text (format_row), ==, qm_format_get_display_name (qm_format_find ("doccano")));
  g_assert_cmpstr (gtk_editable_get_text (annotator_row), ==, "tester");
  g_assert_nonnull (strstr (gtk_label_get_text (IMPORT_CHILD (dialog, "format_description")), "doccano"));
  select_row (format_row, "Automatic");
  g_assert_cmpstr (gtk_editable_get_text (annotator_row), ==, "");

  /* Every format the registry imports is offered. */
  for (const QmFormat *const *f = qm_format_list (); *f != NULL; f++)
    if (qm_format_can_import (*f))
      {
        select_row (format_row, qm_format_get_display_name (*f));
        g_assert_cmpstr (get_selected_text (format_row), ==, qm_format_get_display_name (*f));
      }
  select_row (format_row, "Plain text");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (annotator_row)));

  select_row (format_row, qm_format_get_display_name (qm_format_find ("doccano")));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (annotator_row)));
  g_assert_cmpstr (gtk_editable_get_text (annotator_row), ==, "tester");
  gtk_editable_set_text (annotator_row, "coder");
  gtk_switch_set_active (IMPORT_CHILD (dialog, "add_labels_switch"), TRUE);

  click (IMPORT_CHILD (dialog, "import_button"));
  g_assert_true (qm_import_dialog_is_running (dialog));
  g_assert_true (wait_for (import_done, dialog));

  report = qm_import_dialog_get_report (dialog);
  g_assert_null (qm_import_dialog_get_error (dialog));
  g_assert_cmpuint (qm_report_count (report, QM_REPORT_IMPORTED), ==, 1);
  g_assert_cmpuint (qm_report_count (report, QM_REPORT_REJECTED), ==, 0);

  store = open_corpus (corpus);
  documents = qm_store_list_documents (store, NULL, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 4);
  id = qm_document_get_id (g_ptr_array_index (documents, 3));
  spans = qm_store_list_spans (store, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, 3);
  for (guint i = 0; i < spans->len; i++)
    g_assert_cmpstr (((QmSpan *) g_ptr_array_index (spans, i))->annotator, ==, "coder");
  /* The unknown label went into the schema. */
  g_assert_nonnull (qm_schema_find_label (qm_store_get_schema (store), "Verb"));
  qm_store_close (store);

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  spin_main_loop (20);
}

static void
assert_guessed_format (const char *corpus,
                       const char *path,
                       const char *expected)
{
  const char *paths[] = { path, NULL };
  QmImportDialog *dialog = qm_import_dialog_new (NULL, corpus);

  qm_import_dialog_set_annotator (dialog, "tester");
  qm_import_dialog_set_paths (dialog, paths);
  g_assert_cmpstr (get_selected_text (IMPORT_CHILD (dialog, "format_row")), ==, expected);
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin_main_loop (10);
}

static void
test_import_guesses_format (void)
{
  g_autofree char *corpus = create_corpus ();
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *brat = g_build_filename (dir, "brat", NULL);
  g_autofree char *txt = NULL;
  g_autofree char *ann = NULL;
  g_autofree char *native = qm_test_fixture_path ("round-trip.jsonl");
  g_autofree char *doccano_arrays = qm_test_write_file (dir, "arrays.jsonl",
    "{\"text\":\"The mayor said no.\",\"entities\":[[4,9,\"Speaker\"]]}\n", -1);
  g_autofree char *labelstudio = qm_test_write_file (dir, "tasks.json", "[]\n", -1);
  g_autofree char *text = qm_test_write_file (dir, "a.txt", "The mayor said no.\n", -1);

  g_assert_cmpint (g_mkdir (brat, 0755), ==, 0);
  txt = qm_test_write_file (brat, "a.txt", "The mayor said no.\n", -1);
  ann = qm_test_write_file (brat, "a.ann", "T1\tSpeaker 4 9\tmayor\n", -1);

  assert_guessed_format (corpus, brat, qm_format_get_display_name (qm_format_find ("brat")));
  assert_guessed_format (corpus, ann, qm_format_get_display_name (qm_format_find ("brat")));
  assert_guessed_format (corpus, doccano_arrays, qm_format_get_display_name (qm_format_find ("doccano")));
  assert_guessed_format (corpus, labelstudio, qm_format_get_display_name (qm_format_find ("labelstudio")));
  /* Ours, and plain text, go by their extension. */
  assert_guessed_format (corpus, native, "Automatic");
  assert_guessed_format (corpus, text, "Automatic");
  assert_guessed_format (corpus, dir, "Automatic");
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

int
main (int   argc,
      char *argv[])
{
  g_log_set_writer_func (log_writer, NULL, NULL);
  g_test_init (&argc, &argv, NULL);
  g_test_log_set_fatal_handler (fatal_log_handler, NULL);
  gtk_init ();
  adw_init ();

  g_test_add_func ("/export-dialog/jsonl", test_export_jsonl);
  g_test_add_func ("/export-dialog/csv-bom", test_export_csv_bom);
  g_test_add_func ("/export-dialog/brat-folder", test_export_brat);
  g_test_add_func ("/export-dialog/annotator-and-selected", test_export_annotator_selected);
  g_test_add_func ("/export-dialog/done-only", test_export_done_only);
  g_test_add_func ("/export-dialog/conll-options-and-warnings", test_export_conll_options);
  g_test_add_func ("/export-dialog/remembers-choices", test_export_remembers_choices);
  g_test_add_func ("/export-dialog/cancel-leaves-nothing", test_export_cancel);
  g_test_add_func ("/export-dialog/cancel-keeps-old-file", test_export_cancel_keeps_old_file);
  g_test_add_func ("/export-dialog/unwritable-destination", test_export_unwritable);
  g_test_add_func ("/export-dialog/show-in-files", test_show_in_files);
  g_test_add_func ("/import-dialog/doccano-format-and-annotator", test_import_doccano);
  g_test_add_func ("/import-dialog/guesses-format", test_import_guesses_format);

  return g_test_run ();
}
