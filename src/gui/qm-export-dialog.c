/* qm-export-dialog.c: the export, run in a GTask thread.
 *
 * As in the import dialog, SQLite connections belong to one thread, so the
 * worker opens its own QmStore on the corpus file, and progress reaches the
 * main thread through one pending idle at a time. The format registry
 * writes to a temporary file (or folder) beside the destination and renames
 * it into place only when complete, so a failed or cancelled export leaves
 * what was there before. The choices of an export are kept in the settings
 * when it starts, and the next dialog opens with them.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include "qm-application.h"
#include "qm-error.h"
#include "qm-export-dialog.h"
#include "qm-export-dialog-private.h"
#include "qm-format.h"

/* What the rows of the "Documents" choice stand for; the values of the
 * export-documents settings key. */
typedef enum
{
  DOCUMENTS_ALL,
  DOCUMENTS_DONE,
  DOCUMENTS_SELECTED,
} DocumentsChoice;

typedef struct
{
  char            *corpus_path;
  const QmFormat  *format;
  char            *destination;
  char            *annotator;
  gboolean         done_only;
  GStrv            document_ids;
  GStrv            labels;
  gboolean         excel;
  gboolean         nested_inner;
  QmReport        *report;
  GMainContext    *context;     /* the dialog's, where progress is shown */
  QmExportDialog  *dialog;      /* owned by the task as its source object */
  QmProgressFunc   hook;
  gpointer         hook_data;
  guint            n_documents; /* written by the worker before it returns */

  GMutex           mutex;       /* guards the fields below */
  guint            done;
  guint            total;
  gboolean         update_pending;
} ExportJob;

struct _QmExportDialog
{
  AdwWindow             parent_instance;

  QmStore              *store;
  char                 *corpus_path;
  GSettings            *settings;
  char                 *annotator;      /* the one annotating, or NULL */
  GStrv                 annotators;     /* the rows of annotator_row after "all" */
  GStrv                 document_ids;
  GArray               *documents_choices;  /* DocumentsChoice per row */
  GPtrArray            *label_checks;   /* GtkCheckButton, data "label" */

  char                 *preset_destination;
  QmProgressFunc        hook;
  gpointer              hook_data;
  GtkFileChooserNative *chooser;

  const QmFormat       *format;         /* of the export running or last run */
  char                 *destination;
  GCancellable         *cancellable;
  QmReport             *report;
  GError               *error;
  guint                 n_exported;
  gboolean              running;
  gboolean              close_when_done;

  AdwWindowTitle       *window_title;
  GtkButton            *dismiss_button;
  GtkButton            *export_button;
  GtkStack             *stack;
  AdwComboRow          *format_row;
  GtkLabel             *format_description;
  AdwPreferencesGroup  *csv_group;
  GtkSwitch            *excel_switch;
  AdwPreferencesGroup  *conll_labels_group;
  AdwPreferencesGroup  *conll_nesting_group;
  AdwComboRow          *nested_row;
  AdwComboRow          *annotator_row;
  AdwComboRow          *documents_row;
  GtkLabel             *progress_label;
  GtkProgressBar       *progress_bar;
  GtkButton            *cancel_button;
  GtkLabel             *summary_title;
  GtkLabel             *summary_label;
  GtkScrolledWindow    *warnings_scroll;
  GtkListBox           *warnings_list;
  GtkBox               *summary_buttons;
  GtkButton            *show_button;
  GtkButton            *back_button;
  GtkButton            *close_button;
};

G_DEFINE_FINAL_TYPE (QmExportDialog, qm_export_dialog, ADW_TYPE_WINDOW)

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What each format is for and what its offsets count, for the line under
 * the format choice. A format missing here is shown without one. */
static const struct
{
  const char *name;
  const char *description;
} format_descriptions[] = {
  { "jsonl", N_("Everything, without loss; Quotemark imports it back. Offsets in Unicode code points.") },
  { "csv", N_("One row per quote and stance, for spreadsheets and R. Offsets in code points.") },
  { "brat", N_("A folder with a .txt and an .ann file per document, for the brat annotation tool. Offsets in code points.") },
  { "conll", N_("One token per line with IOB2 tags, for training sequence taggers. Tokens, no offsets.") },
  { "doccano", N_("JSONL to import into doccano for sequence labelling. Offsets in code points.") },
  { "labelstudio", N_("JSON tasks with the annotations as pre-annotations, for Label Studio. Offsets in code points.") },
};

static const char *
get_format_description (const QmFormat *format)
{
  for (guint i = 0; i < G_N_ELEMENTS (format_descriptions); i++)
    if (g_str_equal (format_descriptions[i].name, format->name))
      return _(format_descriptions[i].description);
  return NULL;
}

static const QmFormat *
get_selected_format (QmExportDialog *self)
{
  const QmFormat *const *formats = qm_format_list ();
  guint selected = adw_combo_row_get_selected (self->format_row);

  for (guint i = 0; formats[i] != NULL; i++)
    if (i == selected)
      return formats[i];
  return formats[0];
}

static DocumentsChoice
get_documents_choice (QmExportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->documents_row);

  if (selected >= self->documents_choices->len)
    return DOCUMENTS_ALL;
  return g_array_index (self->documents_choices, DocumentsChoice, selected);
}

/* NULL for every annotator. */
static const char *
get_selected_annotator (QmExportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->annotator_row);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION ||
      selected > g_strv_length (self->annotators))
    return NULL;
  return self->annotators[selected - 1];
}

/* The labels checked, or NULL when all are (which the exporter reads as
 * "every label of the schema", also those added later). */
static GStrv
get_checked_labels (QmExportDialog *self,
                    guint          *n_checked)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = 0;

  for (guint i = 0; i < self->label_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->label_checks, i);

      if (gtk_check_button_get_active (check))
        {
          g_strv_builder_add (builder, g_object_get_data (G_OBJECT (check), "label"));
          n++;
        }
    }

  if (n_checked != NULL)
    *n_checked = n;
  if (n == self->label_checks->len)
    return NULL;
  return g_strv_builder_end (builder);
}

static void
update_export_button (QmExportDialog *self)
{
  const QmFormat *format = get_selected_format (self);
  gboolean can_export = TRUE;

  if (g_str_equal (format->name, "conll"))
    {
      g_auto(GStrv) labels = NULL;
      guint n_checked = 0;

      labels = get_checked_labels (self, &n_checked);
      can_export = n_checked > 0;
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), can_export);
}

static void
format_row_selected_cb (QmExportDialog *self)
{
  const QmFormat *format;

  /* Also called while the template is built, before the model is set. */
  if (self->label_checks == NULL)
    return;

  format = get_selected_format (self);
  gtk_label_set_text (self->format_description, get_format_description (format));
  gtk_widget_set_visible (GTK_WIDGET (self->format_description), get_format_description (format) != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->csv_group), g_str_equal (format->name, "csv"));
  gtk_widget_set_visible (GTK_WIDGET (self->conll_labels_group), g_str_equal (format->name, "conll"));
  gtk_widget_set_visible (GTK_WIDGET (self->conll_nesting_group), g_str_equal (format->name, "conll"));
  update_export_button (self);
}

static void
populate_formats (QmExportDialog *self)
{
  const QmFormat *const *formats = qm_format_list ();
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  for (guint i = 0; formats[i] != NULL; i++)
    gtk_string_list_append (names, qm_format_get_display_name (formats[i]));
  adw_combo_row_set_model (self->format_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->format_row, 0);
  format_row_selected_cb (self);
}

static void
populate_labels (QmExportDialog *self)
{
  QmSchema *schema = qm_store_get_schema (self->store);
  guint n = qm_schema_get_n_labels (schema);

  for (guint i = 0; i < n; i++)
    {
      const QmLabelDef *label = qm_schema_get_label (schema, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), qm_schema_display_name (label->name));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (check), "label", g_strdup (label->name), g_free);
      g_signal_connect_swapped (check, "notify::active", G_CALLBACK (update_export_button), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (self->conll_labels_group, row);
      g_ptr_array_add (self->label_checks, check);
    }
}

static void
populate_annotators (QmExportDialog *self,
                     const char     *current)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  guint selected = 0;

  self->annotators = qm_store_list_annotators (self->store, &error);
  if (self->annotators == NULL)
    {
      /* The export can still run for everyone; the reason is shown where
       * the names would have been. */
      self->annotators = g_new0 (char *, 1);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->annotator_row), error->message);
    }

  gtk_string_list_append (names, _("All annotators"));
  for (guint i = 0; self->annotators[i] != NULL; i++)
    {
      gtk_string_list_append (names, self->annotators[i]);
      if (g_strcmp0 (self->annotators[i], current) == 0)
        selected = i + 1;
    }
  adw_combo_row_set_model (self->annotator_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->annotator_row, selected);
}

static void
add_documents_choice (QmExportDialog  *self,
                      GtkStringList   *names,
                      DocumentsChoice  choice,
                      const char      *name)
{
  gtk_string_list_append (names, name);
  g_array_append_val (self->documents_choices, choice);
}

static void
populate_documents (QmExportDialog *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint n_selected = self->document_ids != NULL ? g_strv_length (self->document_ids) : 0;

  add_documents_choice (self, names, DOCUMENTS_ALL, _("All documents"));
  add_documents_choice (self, names, DOCUMENTS_DONE, _("Documents marked done"));
  if (n_selected > 0)
    add_documents_choice (self, names, DOCUMENTS_SELECTED,
                          g_dngettext (GETTEXT_PACKAGE, "The selected document", "The selected documents", n_selected));
  adw_combo_row_set_model (self->documents_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->documents_row, 0);
}

/* --- the choices of the last export --- */

static guint
find_format_position (const char *name)
{
  const QmFormat *const *formats = qm_format_list ();

  for (guint i = 0; formats[i] != NULL; i++)
    if (g_strcmp0 (formats[i]->name, name) == 0)
      return i;

  /* Empty before the first export; unknown when a later version wrote a
   * format this one lacks. */
  return 0;
}

/* Labels the schema lacks are left out; with none left, all are tagged,
 * as a CoNLL export without labels cannot run. */
static void
restore_labels (QmExportDialog     *self,
                const char * const *labels)
{
  gboolean any = FALSE;

  for (guint i = 0; i < self->label_checks->len; i++)
    if (g_strv_contains (labels, g_object_get_data (g_ptr_array_index (self->label_checks, i), "label")))
      any = TRUE;

  for (guint i = 0; i < self->label_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->label_checks, i);

      gtk_check_button_set_active (check, !any || g_strv_contains (labels, g_object_get_data (G_OBJECT (check), "label")));
    }
}

/* Names are the corpus's: one it lacks leaves the one annotating chosen. */
static void
restore_annotator (QmExportDialog *self)
{
  g_autofree char *name = NULL;

  if (g_settings_get_boolean (self->settings, "export-all-annotators"))
    {
      adw_combo_row_set_selected (self->annotator_row, 0);
      return;
    }

  name = g_settings_get_string (self->settings, "export-annotator");
  for (guint i = 0; self->annotators[i] != NULL; i++)
    if (*name != '\0' && g_str_equal (self->annotators[i], name))
      adw_combo_row_set_selected (self->annotator_row, i + 1);
}

static void
restore_choices (QmExportDialog *self)
{
  g_autofree char *format = g_settings_get_string (self->settings, "export-format");
  g_auto(GStrv) labels = g_settings_get_strv (self->settings, "export-conll-labels");
  DocumentsChoice documents = g_settings_get_enum (self->settings, "export-documents");

  adw_combo_row_set_selected (self->format_row, find_format_position (format));
  gtk_switch_set_active (self->excel_switch, g_settings_get_boolean (self->settings, "export-excel"));
  /* The rows are in the order of the key's values: outer, inner. */
  adw_combo_row_set_selected (self->nested_row, g_settings_get_enum (self->settings, "export-nested-spans"));
  restore_labels (self, (const char * const *) labels);
  restore_annotator (self);

  /* "The selected documents" is offered only when the window has some. */
  for (guint i = 0; i < self->documents_choices->len; i++)
    if (g_array_index (self->documents_choices, DocumentsChoice, i) == documents)
      adw_combo_row_set_selected (self->documents_row, i);
}

static void
save_choices (QmExportDialog *self)
{
  const char *annotator = get_selected_annotator (self);
  g_auto(GStrv) labels = get_checked_labels (self, NULL);

  g_settings_delay (self->settings);
  g_settings_set_string (self->settings, "export-format", get_selected_format (self)->name);
  g_settings_set_boolean (self->settings, "export-excel", gtk_switch_get_active (self->excel_switch));
  g_settings_set_enum (self->settings, "export-nested-spans", adw_combo_row_get_selected (self->nested_row) == 1 ? 1 : 0);
  /* NULL, all checked, is stored empty: every label, also those a schema
   * adds later. */
  g_settings_set_strv (self->settings, "export-conll-labels", (const char * const *) labels);
  g_settings_set_boolean (self->settings, "export-all-annotators", annotator == NULL);
  /* Exporting one's own work is remembered as such, so that it follows
   * whoever annotates next time. */
  g_settings_set_string (self->settings, "export-annotator",
                         annotator != NULL && g_strcmp0 (annotator, self->annotator) != 0 ? annotator : "");
  g_settings_set_enum (self->settings, "export-documents", get_documents_choice (self));
  g_settings_apply (self->settings);
}

/* --- the worker --- */

static void
export_job_free (ExportJob *job)
{
  g_free (job->corpus_path);
  g_free (job->destination);
  g_free (job->annotator);
  g_strfreev (job->document_ids);
  g_strfreev (job->labels);
  g_clear_object (&job->report);
  g_main_context_unref (job->context);
  g_mutex_clear (&job->mutex);
  g_free (job);
}

static void
show_progress (QmExportDialog *self,
               guint           done,
               guint           total)
{
  g_autofree char *text = NULL;

  if (self->progress_bar == NULL || total == 0)
    return;

  gtk_progress_bar_set_fraction (self->progress_bar, (double) done / total);
  /* TRANSLATORS: export progress, "12 of 40 documents" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u of %'u document", "%'u of %'u documents", total),
                          done, total);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

/* Runs on the dialog's main context. */
static gboolean
show_job_progress_cb (gpointer user_data)
{
  GTask *task = user_data;
  ExportJob *job = g_task_get_task_data (task);
  guint done, total;

  g_mutex_lock (&job->mutex);
  done = job->done;
  total = job->total;
  job->update_pending = FALSE;
  g_mutex_unlock (&job->mutex);

  show_progress (job->dialog, done, total);

  return G_SOURCE_REMOVE;
}

/* Runs on the worker thread. */
static void
export_progress_cb (guint    done,
                    guint    total,
                    gpointer user_data)
{
  GTask *task = user_data;
  ExportJob *job = g_task_get_task_data (task);
  gboolean schedule;

  g_mutex_lock (&job->mutex);
  job->done = done;
  job->total = total;
  schedule = !job->update_pending;
  job->update_pending = TRUE;
  g_mutex_unlock (&job->mutex);

  if (schedule)
    g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT,
                                show_job_progress_cb,
                                g_object_ref (task), g_object_unref);

  if (job->hook != NULL)
    job->hook (done, total, job->hook_data);
}

/* An export only reads, so a corpus the user may not change (opened
 * read-only by the window) still exports. */
static QmStore *
open_store (const char  *path,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  QmStore *store;

  store = qm_store_open (path, QM_STORE_OPEN_DEFAULT, &local_error);
  if (store == NULL && g_error_matches (local_error, QM_ERROR, QM_ERROR_READ_ONLY))
    {
      g_clear_error (&local_error);
      store = qm_store_open (path, QM_STORE_OPEN_READ_ONLY, &local_error);
    }
  if (store == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return store;
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(QmStore) store = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  QmExportOptions options = {
    .annotator = job->annotator,
    .done_only = job->done_only,
    .document_ids = (const char * const *) job->document_ids,
    .progress = export_progress_cb,
    .progress_data = task,
    .excel = job->excel,
    .labels = (const char * const *) job->labels,
    .nested_inner = job->nested_inner,
  };
  gboolean ok;

  store = open_store (job->corpus_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* An empty file helps nobody; saying why nothing matched does. */
  ids = qm_export_select_documents (store, &options, &error);
  if (ids != NULL && ids->len == 0)
    {
      if (job->done_only && job->annotator != NULL)
        g_set_error (&error, QM_ERROR, QM_ERROR_NOT_FOUND,
                     _("Nothing was exported: %s has marked no document done."), job->annotator);
      else if (job->done_only)
        g_set_error_literal (&error, QM_ERROR, QM_ERROR_NOT_FOUND,
                             _("Nothing was exported: no document is marked done."));
      else
        g_set_error_literal (&error, QM_ERROR, QM_ERROR_NOT_FOUND,
                             _("Nothing was exported: the corpus has no such document."));
    }
  if (error != NULL)
    {
      qm_store_close (store);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  job->n_documents = ids->len;

  ok = qm_format_export_to_path (job->format, store, &options, job->destination,
                                 job->report, cancellable, &error);
  qm_store_close (store);
  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* --- the end --- */

static GtkWidget *
create_warning_row (const QmReportEntry *entry)
{
  GtkWidget *box, *icon, *label;
  g_autofree char *text = NULL;
  const char *kind = entry->kind == QM_REPORT_REJECTED ? _("Left out") : _("Warning");

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);

  icon = gtk_image_new_from_icon_name (entry->kind == QM_REPORT_REJECTED
                                       ? "dialog-error-symbolic" : "dialog-warning-symbolic");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (icon, kind);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, kind, -1);
  gtk_widget_add_css_class (icon, entry->kind == QM_REPORT_REJECTED ? "error" : "warning");

  if (entry->line > 0)
    /* TRANSLATORS: a report line about one line of a file: "message (line 12)" */
    text = g_strdup_printf (_("%s (line %u)"), entry->message, entry->line);
  else
    text = g_strdup (entry->message);

  label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);

  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

static char *
format_exported (guint       n_documents,
                 const char *destination)
{
  g_autofree char *display = g_filename_display_name (destination);

  /* TRANSLATORS: "Exported 3 documents to “/home/ana/news.csv”." */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Exported %'u document to “%s”.",
                                       "Exported %'u documents to “%s”.", n_documents),
                          n_documents, display);
}

static void
show_summary (QmExportDialog *self)
{
  gboolean cancelled = g_error_matches (self->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  gboolean has_rows;
  GtkWidget *child;
  guint n_entries = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->warnings_list))) != NULL)
    gtk_list_box_remove (self->warnings_list, child);

  if (self->error == NULL)
    {
      g_autofree char *text = format_exported (self->n_exported, self->destination);

      gtk_label_set_text (self->summary_title, _("Export Finished"));
      gtk_label_set_text (self->summary_label, text);
      n_entries = qm_report_get_n_entries (self->report);
      for (guint i = 0; i < n_entries; i++)
        {
          const QmReportEntry *entry = qm_report_get_entry (self->report, i);

          if (entry->kind == QM_REPORT_WARNING || entry->kind == QM_REPORT_REJECTED)
            gtk_list_box_append (self->warnings_list, create_warning_row (entry));
        }
    }
  else if (cancelled)
    {
      gtk_label_set_text (self->summary_title, _("Export Cancelled"));
      gtk_label_set_text (self->summary_label, _("Nothing was written."));
    }
  else
    {
      /* The registry's messages name the file; nothing was written in
       * its place either way. */
      g_autofree char *text = g_strdup_printf (_("%s\n\nNothing was written."), self->error->message);

      gtk_label_set_text (self->summary_title, _("Export Failed"));
      gtk_label_set_text (self->summary_label, text);
    }

  has_rows = gtk_widget_get_first_child (GTK_WIDGET (self->warnings_list)) != NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_scroll), has_rows);
  /* The buttons stay at the bottom without the list above them. */
  gtk_widget_set_vexpand (GTK_WIDGET (self->summary_buttons), !has_rows);
  gtk_widget_set_visible (GTK_WIDGET (self->dismiss_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->export_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->show_button), self->error == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), self->error != NULL);

  adw_window_title_set_title (self->window_title, _("Export"));
  gtk_stack_set_visible_child_name (self->stack, "summary");
  gtk_widget_grab_focus (GTK_WIDGET (self->close_button));
}

static gboolean
has_warnings (QmReport *report)
{
  return qm_report_count (report, QM_REPORT_WARNING) > 0 ||
         qm_report_count (report, QM_REPORT_REJECTED) > 0;
}

static void
export_finished_cb (GObject      *source_object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  QmExportDialog *self = QM_EXPORT_DIALOG (source_object);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);

  self->running = FALSE;
  g_clear_object (&self->report);
  self->report = g_object_ref (job->report);
  g_clear_error (&self->error);
  self->error = g_steal_pointer (&error);
  self->n_exported = self->error == NULL ? job->n_documents : 0;
  g_clear_object (&self->cancellable);

  g_object_ref (self);
  if (!gtk_widget_in_destruction (GTK_WIDGET (self)))
    show_summary (self);
  g_signal_emit (self, signals[FINISHED], 0);

  /* A clean export needs no more of the dialog: the window's toast says
   * where the file went. */
  if (self->close_when_done || (self->error == NULL && !has_warnings (self->report)))
    gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}

static void
start_export (QmExportDialog *self,
              const char     *destination)
{
  g_autoptr(GTask) task = NULL;
  DocumentsChoice documents = get_documents_choice (self);
  ExportJob *job;

  g_return_if_fail (!self->running);

  save_choices (self);
  self->format = get_selected_format (self);
  g_free (self->destination);
  self->destination = g_strdup (destination);
  g_clear_object (&self->report);
  g_clear_error (&self->error);
  self->n_exported = 0;
  self->cancellable = g_cancellable_new ();
  self->running = TRUE;

  job = g_new0 (ExportJob, 1);
  job->corpus_path = g_strdup (self->corpus_path);
  job->format = self->format;
  job->destination = g_strdup (destination);
  job->annotator = g_strdup (get_selected_annotator (self));
  job->done_only = documents == DOCUMENTS_DONE;
  if (documents == DOCUMENTS_SELECTED)
    job->document_ids = g_strdupv (self->document_ids);
  if (g_str_equal (self->format->name, "conll"))
    {
      job->labels = get_checked_labels (self, NULL);
      job->nested_inner = adw_combo_row_get_selected (self->nested_row) == 1;
    }
  job->excel = g_str_equal (self->format->name, "csv") && gtk_switch_get_active (self->excel_switch);
  job->report = qm_report_new ();
  job->context = g_main_context_ref_thread_default ();
  job->dialog = self;
  job->hook = self->hook;
  job->hook_data = self->hook_data;
  g_mutex_init (&job->mutex);

  gtk_widget_set_visible (GTK_WIDGET (self->dismiss_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->export_button), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), TRUE);
  gtk_label_set_text (self->progress_label, _("Exporting…"));
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, NULL);
  gtk_stack_set_visible_child_name (self->stack, "progress");
  gtk_widget_grab_focus (GTK_WIDGET (self->cancel_button));

  task = g_task_new (self, self->cancellable, export_finished_cb, NULL);
  g_task_set_source_tag (task, start_export);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
}

/* --- choosing the destination --- */

/* "news.csv" for a corpus "news.quotemark"; a format sharing its extension
 * with one before it in the list adds its name ("news-doccano.jsonl"), so
 * that the suggestion does not replace the other export. */
static char *
suggest_name (QmExportDialog *self,
              const QmFormat *format)
{
  const QmFormat *const *formats = qm_format_list ();
  g_autofree char *base = g_path_get_basename (self->corpus_path);
  char *dot = strrchr (base, '.');
  gboolean shared = FALSE;

  if (dot != NULL && dot != base)
    *dot = '\0';

  for (guint i = 0; formats[i] != NULL && formats[i] != format; i++)
    if (g_strcmp0 (formats[i]->extension, format->extension) == 0)
      shared = TRUE;

  if (shared)
    return g_strdup_printf ("%s-%s%s", base, format->name, format->extension);
  return g_strconcat (base, format->extension, NULL);
}

static void
chooser_response_cb (GtkNativeDialog *native,
                     int              response,
                     gpointer         user_data)
{
  QmExportDialog *self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  if (file != NULL)
    path = g_file_get_path (file);

  gtk_native_dialog_destroy (native);
  g_clear_object (&self->chooser);

  if (file != NULL && path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      /* Some portals hand over locations without a local path, which the
       * exporters cannot write to. */
      g_set_error (&self->error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” is not a local file; choose a folder on this computer."), uri);
      g_clear_object (&self->report);
      show_summary (self);
    }
  else if (path != NULL)
    {
      start_export (self, path);
    }
}

static void
choose_destination (QmExportDialog *self)
{
  const QmFormat *format = get_selected_format (self);
  GtkFileChooser *chooser;

  /* A folder format writes into a new or empty folder, which the folder
   * chooser can create. */
  if (qm_format_is_folder (format))
    {
      self->chooser = gtk_file_chooser_native_new (_("Export to a Folder"), GTK_WINDOW (self),
                                                   GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                                   _("_Export"), _("_Cancel"));
      chooser = GTK_FILE_CHOOSER (self->chooser);
    }
  else
    {
      /* The chooser takes a reference of its own to each filter. */
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
      g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
      g_autofree char *pattern = g_strconcat ("*", format->extension, NULL);
      g_autofree char *name = suggest_name (self, format);

      self->chooser = gtk_file_chooser_native_new (_("Export"), GTK_WINDOW (self),
                                                   GTK_FILE_CHOOSER_ACTION_SAVE,
                                                   _("_Export"), _("_Cancel"));
      chooser = GTK_FILE_CHOOSER (self->chooser);
      gtk_file_filter_set_name (filter, qm_format_get_display_name (format));
      gtk_file_filter_add_pattern (filter, pattern);
      gtk_file_filter_set_name (all, _("All Files"));
      gtk_file_filter_add_pattern (all, "*");
      gtk_file_chooser_add_filter (chooser, filter);
      gtk_file_chooser_add_filter (chooser, all);
      gtk_file_chooser_set_current_name (chooser, name);
    }

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  /* No reference: dispose destroys the chooser, disconnected first. */
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
export_button_clicked_cb (QmExportDialog *self)
{
  if (self->running || self->chooser != NULL)
    return;

  if (self->preset_destination != NULL)
    start_export (self, self->preset_destination);
  else
    choose_destination (self);
}

static void
cancel_button_clicked_cb (QmExportDialog *self)
{
  qm_export_dialog_cancel (self);
}

static void
back_button_clicked_cb (QmExportDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->dismiss_button), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->export_button), TRUE);
  gtk_stack_set_visible_child_name (self->stack, "options");
  gtk_widget_grab_focus (GTK_WIDGET (self->export_button));
}

/* --- Show in Files --- */

typedef struct
{
  GWeakRef  parent;
  char     *path;
} ShowData;

static void
show_data_free (ShowData *data)
{
  g_weak_ref_clear (&data->parent);
  g_free (data->path);
  g_free (data);
}

static void
show_error (ShowData     *data,
            const GError *error)
{
  g_autoptr(GtkWindow) parent = g_weak_ref_get (&data->parent);
  g_autofree char *display = g_filename_display_name (data->path);
  g_autofree char *body = g_strdup_printf (_("The folder of “%s” could not be opened: %s"), display, error->message);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (parent, _("Could Not Show the Export"), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
launch_folder_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  ShowData *data = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    show_error (data, error);
  show_data_free (data);
}

/* Without a file manager on the bus (or in a sandbox that may not talk to
 * one) the folder opens in whatever handles folders, through the portal
 * when sandboxed. */
static void
open_containing_folder (ShowData *data)
{
  g_autoptr(GtkWindow) parent = g_weak_ref_get (&data->parent);
  g_autoptr(GFile) file = g_file_new_for_path (data->path);
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autoptr(GAppLaunchContext) context = NULL;
  g_autofree char *uri = NULL;

  if (folder == NULL)
    folder = g_object_ref (file);
  uri = g_file_get_uri (folder);
  if (parent != NULL)
    context = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (parent))));
  g_app_info_launch_default_for_uri_async (uri, context, NULL, launch_folder_cb, data);
}

static void
show_items_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  ShowData *data = user_data;
  g_autoptr(GVariant) reply = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, NULL);
  if (reply == NULL)
    {
      open_containing_folder (data);
      return;
    }
  show_data_free (data);
}

void
qm_export_dialog_show_in_files (GtkWindow  *parent,
                                const char *path)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;
  const char *uris[2] = { NULL, NULL };
  ShowData *data;

  g_return_if_fail (path != NULL);

  data = g_new0 (ShowData, 1);
  g_weak_ref_init (&data->parent, parent);
  data->path = g_strdup (path);

  /* The file manager's ShowItems opens the folder with the export
   * selected, which a plain folder URI cannot ask for. */
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (bus == NULL)
    {
      open_containing_folder (data);
      return;
    }

  file = g_file_new_for_path (path);
  uri = g_file_get_uri (file);
  uris[0] = uri;
  g_dbus_connection_call (bus,
                          "org.freedesktop.FileManager1",
                          "/org/freedesktop/FileManager1",
                          "org.freedesktop.FileManager1",
                          "ShowItems",
                          g_variant_new ("(^ass)", uris, ""),
                          NULL,
                          G_DBUS_CALL_FLAGS_NONE,
                          -1,
                          NULL,
                          show_items_cb,
                          data);
}

static void
show_button_clicked_cb (QmExportDialog *self)
{
  if (self->destination != NULL)
    qm_export_dialog_show_in_files (GTK_WINDOW (self), self->destination);
}

static void
toast_data_free (gpointer  user_data,
                 GClosure *closure)
{
  show_data_free (user_data);
}

static void
toast_button_clicked_cb (AdwToast *toast,
                         ShowData *data)
{
  g_autoptr(GtkWindow) parent = g_weak_ref_get (&data->parent);

  qm_export_dialog_show_in_files (parent, data->path);
}

/* --- the widget --- */

/* Closing a running export cancels it; the window goes once the worker
 * has stopped, so that the temporary file is gone by then. */
static gboolean
qm_export_dialog_close_request (GtkWindow *window)
{
  QmExportDialog *self = QM_EXPORT_DIALOG (window);

  if (self->running)
    {
      self->close_when_done = TRUE;
      qm_export_dialog_cancel (self);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (qm_export_dialog_parent_class)->close_request (window);
}

static void
qm_export_dialog_dispose (GObject *object)
{
  QmExportDialog *self = QM_EXPORT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
    }
  g_clear_object (&self->chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), QM_TYPE_EXPORT_DIALOG);
  /* A progress update may still be on its way from the worker. */
  self->progress_bar = NULL;
  g_clear_pointer (&self->label_checks, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (qm_export_dialog_parent_class)->dispose (object);
}

static void
qm_export_dialog_finalize (GObject *object)
{
  QmExportDialog *self = QM_EXPORT_DIALOG (object);

  g_free (self->corpus_path);
  g_free (self->annotator);
  g_strfreev (self->annotators);
  g_strfreev (self->document_ids);
  g_clear_pointer (&self->documents_choices, g_array_unref);
  g_free (self->preset_destination);
  g_free (self->destination);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->report);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (qm_export_dialog_parent_class)->finalize (object);
}

static void
qm_export_dialog_class_init (QmExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = qm_export_dialog_dispose;
  object_class->finalize = qm_export_dialog_finalize;
  window_class->close_request = qm_export_dialog_close_request;

  /**
   * QmExportDialog::finished:
   * @self: the dialog
   *
   * Emitted on the main thread when the export ended, whether it
   * completed, failed or was cancelled.
   */
  signals[FINISHED] =
    g_signal_new ("finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/quotemark/Quotemark/qm-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, QmExportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, QmExportDialog, dismiss_button);
  gtk_widget_class_bind_template_child (widget_class, QmExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, QmExportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, QmExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, QmExportDialog, format_description);
  gtk_widget_class_bind_template_child (widget_class, QmExportDialog, csv_group);
  gtk_widget_class_bind_template_child (widget_class, QmExportDialog, excel_switch);
  gtk_widget_class_bind_template_child (widget_class, QmExportDialog, conll_labels_group);
  gtk_widget_class_bind_template_child (widget_class, QmExportDialog, conll_nesting_group);
  gtk_widget_class_bind_template_child (widget_class, QmExportDialog, nested_row);
  gtk_widget_class_bind_template_child (widget_class, QmExportDialog, annotator_row);
  gtk_widget_class_bind_template_child (widget_class, QmExportDialog, documents_row);
  gtk_widget_class_bind_template_child (widget_class, QmExportDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, QmExportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, QmExportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, QmExportDialog, summary_title);
  gtk_widget_class_bind_template_child (widget_class, QmExportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, QmExportDialog, warnings_scroll);
  gtk_widget_class_bind_template_child (widget_class, QmExportDialog, warnings_list);
  gtk_widget_class_bind_template_child (widget_class, QmExportDialog, summary_buttons);
  gtk_widget_class_bind_template_child (widget_class, QmExportDialog, show_button);
  gtk_widget_class_bind_template_child (widget_class, QmExportDialog, back_button);
  gtk_widget_class_bind_template_child (widget_class, QmExportDialog, close_button);
  gtk_widget_class_bind_template_callback (widget_class, format_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_button_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
qm_export_dialog_init (QmExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->documents_choices = g_array_new (FALSE, FALSE, sizeof (DocumentsChoice));
  self->label_checks = g_ptr_array_new ();
  self->settings = g_settings_new (QM_SETTINGS_SCHEMA_ID);
}

QmExportDialog *
qm_export_dialog_new (GtkWindow          *parent,
                      QmStore            *store,
                      const char         *annotator,
                      const char * const *document_ids)
{
  QmExportDialog *self;

  g_return_val_if_fail (QM_IS_STORE (store), NULL);

  self = g_object_new (QM_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  self->corpus_path = g_strdup (qm_store_get_path (store));
  self->annotator = g_strdup (annotator);
  if (document_ids != NULL && document_ids[0] != NULL)
    self->document_ids = g_strdupv ((char **) document_ids);

  populate_labels (self);
  populate_annotators (self, annotator);
  populate_documents (self);
  populate_formats (self);
  restore_choices (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->export_button));
  return self;
}

void
qm_export_dialog_cancel (QmExportDialog *self)
{
  g_return_if_fail (QM_IS_EXPORT_DIALOG (self));

  if (!self->running)
    return;

  g_cancellable_cancel (self->cancellable);
  gtk_label_set_text (self->progress_label, _("Cancelling…"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), FALSE);
}

gboolean
qm_export_dialog_is_running (QmExportDialog *self)
{
  g_return_val_if_fail (QM_IS_EXPORT_DIALOG (self), FALSE);

  return self->running;
}

const char *
qm_export_dialog_get_destination (QmExportDialog *self)
{
  g_return_val_if_fail (QM_IS_EXPORT_DIALOG (self), NULL);

  return self->destination;
}

QmReport *
qm_export_dialog_get_report (QmExportDialog *self)
{
  g_return_val_if_fail (QM_IS_EXPORT_DIALOG (self), NULL);

  return self->running ? NULL : self->report;
}

const GError *
qm_export_dialog_get_error (QmExportDialog *self)
{
  g_return_val_if_fail (QM_IS_EXPORT_DIALOG (self), NULL);

  return self->error;
}

guint
qm_export_dialog_get_n_exported (QmExportDialog *self)
{
  g_return_val_if_fail (QM_IS_EXPORT_DIALOG (self), 0);

  return self->n_exported;
}

AdwToast *
qm_export_dialog_create_toast (QmExportDialog *self)
{
  g_autofree char *title = NULL;
  GtkWindow *parent;
  ShowData *data;
  AdwToast *toast;

  g_return_val_if_fail (QM_IS_EXPORT_DIALOG (self), NULL);

  if (self->running || self->error != NULL || self->destination == NULL || self->report == NULL)
    return NULL;

  /* TRANSLATORS: a toast after an export */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %'u document", "Exported %'u documents",
                                        self->n_exported),
                           self->n_exported);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Show in Files"));

  /* The toast outlives the dialog: it keeps the path and the window that
   * shows it. */
  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  data = g_new0 (ShowData, 1);
  g_weak_ref_init (&data->parent, parent);
  data->path = g_strdup (self->destination);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (toast_button_clicked_cb),
                         data, toast_data_free, 0);
  return toast;
}

void
qm_export_dialog_set_destination (QmExportDialog *self,
                                  const char     *path)
{
  g_return_if_fail (QM_IS_EXPORT_DIALOG (self));

  g_free (self->preset_destination);
  self->preset_destination = g_strdup (path);
}

void
qm_export_dialog_set_progress_hook (QmExportDialog *self,
                                    QmProgressFunc  hook,
                                    gpointer        user_data)
{
  g_return_if_fail (QM_IS_EXPORT_DIALOG (self));

  self->hook = hook;
  self->hook_data = user_data;
}
