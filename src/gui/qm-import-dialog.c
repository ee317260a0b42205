/* qm-import-dialog.c: the import, run in a GTask thread.
 *
 * SQLite connections belong to one thread, so the worker opens a second
 * QmStore on the same corpus file; what it commits is visible to the
 * window's connection once the import ends. Progress is reported from the
 * worker and shown on the main thread through one pending idle at a time,
 * so a fast import of many small files does not flood the main loop.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include "qm-format.h"
#include "qm-import.h"
#include "qm-import-dialog.h"
#include "qm-store.h"

/* How much of a JSONL file is read to tell whose JSONL it is. */
#define LINE_PEEK_BYTES (1024 * 1024)

typedef struct
{
  char            *corpus_path;
  GStrv            paths;
  char            *format;
  char            *annotator; /* NULL: the names the files give */
  gboolean         add_labels;
  QmReport        *report;
  GMainContext    *context;   /* the dialog's, where progress is shown */
  QmImportDialog  *dialog;    /* owned by the task as its source object */

  GMutex           mutex;     /* guards the fields below */
  guint            done;
  guint            total;
  gboolean         update_pending;
} ImportJob;

struct _QmImportDialog
{
  AdwWindow       parent_instance;

  char           *corpus_path;
  GStrv           paths;          /* chosen, waiting for Import */
  GPtrArray      *format_names;   /* the "format" option of each row of format_row */
  char           *default_annotator;
  gboolean        annotator_edited;
  gboolean        setting_annotator;
  GCancellable   *cancellable;
  QmReport       *report;
  GError         *error;
  gboolean        running;
  gboolean        close_when_done;

  AdwWindowTitle *window_title;
  GtkButton      *dismiss_button;
  GtkButton      *import_button;
  GtkStack       *stack;
  AdwPreferencesGroup *paths_group;
  AdwComboRow    *format_row;
  GtkLabel       *format_description;
  AdwEntryRow    *annotator_row;
  AdwActionRow   *add_labels_row;
  GtkSwitch      *add_labels_switch;
  GtkLabel       *progress_label;
  GtkProgressBar *progress_bar;
  GtkButton      *cancel_button;
  GtkLabel       *summary_title;
  GtkLabel       *summary_label;
  GtkListBox     *entries_list;
  GtkButton      *close_button;
};

G_DEFINE_FINAL_TYPE (QmImportDialog, qm_import_dialog, ADW_TYPE_WINDOW)

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
import_job_free (ImportJob *job)
{
  g_free (job->corpus_path);
  g_strfreev (job->paths);
  g_free (job->format);
  g_free (job->annotator);
  g_clear_object (&job->report);
  g_main_context_unref (job->context);
  g_mutex_clear (&job->mutex);
  g_free (job);
}

static void
show_progress (QmImportDialog *self,
               guint           done,
               guint           total)
{
  g_autofree char *text = NULL;

  if (self->progress_bar == NULL)
    return;

  if (total == 0)
    {
      gtk_progress_bar_pulse (self->progress_bar);
      return;
    }

  gtk_progress_bar_set_fraction (self->progress_bar, (double) done / total);
  /* TRANSLATORS: import progress, "12 of 40 files" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u of %'u file", "%'u of %'u files", total),
                          done, total);
  gtk_progress_bar_set_text (self->progress_bar, text);
  gtk_label_set_text (self->progress_label, _("Importing…"));
}

/* Runs on the dialog's main context. */
static gboolean
show_job_progress_cb (gpointer user_data)
{
  GTask *task = user_data;
  ImportJob *job = g_task_get_task_data (task);
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
import_progress_cb (guint    done,
                    guint    total,
                    gpointer user_data)
{
  GTask *task = user_data;
  ImportJob *job = g_task_get_task_data (task);
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
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(QmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  QmImportOptions options = {
    .format = job->format,
    .annotator = job->annotator,
    .add_labels = job->add_labels,
    .progress = import_progress_cb,
    .progress_data = task,
  };

  store = qm_store_open (job->corpus_path, QM_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!qm_import_paths (store, (const char * const *) job->paths, &options,
                        job->report, cancellable, &error))
    {
      qm_store_close (store);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  qm_store_close (store);
  g_task_return_boolean (task, TRUE);
}

static const char *
get_entry_icon (QmReportKind kind)
{
  switch (kind)
    {
    case QM_REPORT_IMPORTED:
      return "emblem-ok-symbolic";
    case QM_REPORT_SKIPPED:
      return "edit-copy-symbolic";
    case QM_REPORT_REJECTED:
      return "dialog-error-symbolic";
    case QM_REPORT_WARNING:
      return "dialog-warning-symbolic";
    default:
      g_return_val_if_reached (NULL);
    }
}

static const char *
get_entry_kind_name (QmReportKind kind)
{
  switch (kind)
    {
    case QM_REPORT_IMPORTED:
      return _("Imported");
    case QM_REPORT_SKIPPED:
      return _("Skipped");
    case QM_REPORT_REJECTED:
      return _("Rejected");
    case QM_REPORT_WARNING:
      return _("Warning");
    default:
      g_return_val_if_reached (NULL);
    }
}

static GtkWidget *
create_entry_row (const QmReportEntry *entry)
{
  GtkWidget *box, *icon, *label;
  g_autofree char *line = NULL;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);

  icon = gtk_image_new_from_icon_name (get_entry_icon (entry->kind));
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (icon, get_entry_kind_name (entry->kind));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, get_entry_kind_name (entry->kind),
                                  -1);
  if (entry->kind == QM_REPORT_REJECTED)
    gtk_widget_add_css_class (icon, "error");
  else if (entry->kind == QM_REPORT_WARNING)
    gtk_widget_add_css_class (icon, "warning");
  else if (entry->kind == QM_REPORT_IMPORTED)
    gtk_widget_add_css_class (icon, "success");

  if (entry->line > 0)
    /* TRANSLATORS: a report line about one line of a file: "message (line 12)" */
    line = g_strdup_printf (_("%s (line %u)"), entry->message, entry->line);
  else
    line = g_strdup (entry->message);

  label = gtk_label_new (line);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);

  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

static void
show_summary (QmImportDialog *self)
{
  g_autofree char *summary = NULL;
  guint n_entries = 0;

  if (self->report != NULL)
    {
      summary = qm_report_summary (self->report);
      n_entries = qm_report_get_n_entries (self->report);
    }

  if (self->error == NULL)
    gtk_label_set_text (self->summary_title, _("Import Finished"));
  else if (g_error_matches (self->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    gtk_label_set_text (self->summary_title, _("Import Cancelled"));
  else
    gtk_label_set_text (self->summary_title, _("Import Failed"));

  if (self->error != NULL && !g_error_matches (self->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *text = NULL;

      /* TRANSLATORS: "<why the import stopped>\n<3 imported, 1 rejected>";
       * files imported before it stopped stay in the corpus. */
      text = g_strdup_printf (_("%s\nFiles imported before this stay in the corpus: %s."),
                              self->error->message, summary != NULL ? summary : "");
      gtk_label_set_text (self->summary_label, text);
    }
  else
    {
      gtk_label_set_text (self->summary_label, summary != NULL ? summary : "");
    }

  for (guint i = 0; i < n_entries; i++)
    gtk_list_box_append (self->entries_list,
                         create_entry_row (qm_report_get_entry (self->report, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->entries_list), n_entries > 0);

  adw_window_title_set_title (self->window_title, _("Import Summary"));
  gtk_stack_set_visible_child_name (self->stack, "summary");
  gtk_widget_grab_focus (GTK_WIDGET (self->close_button));
}

static void
import_finished_cb (GObject      *source_object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  QmImportDialog *self = QM_IMPORT_DIALOG (source_object);
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);

  self->running = FALSE;
  self->report = g_object_ref (job->report);
  g_clear_error (&self->error);
  self->error = g_steal_pointer (&error);

  /* The summary may be gone with the window, but the corpus changed all
   * the same: the window reloads its list on "finished". */
  if (!gtk_widget_in_destruction (GTK_WIDGET (self)))
    show_summary (self);
  g_signal_emit (self, signals[FINISHED], 0);

  if (self->close_when_done)
    gtk_window_destroy (GTK_WINDOW (self));
}

/* --- the options --- */

/* What each choice of format reads, for the line under the choice. */
static const struct
{
  const char *name;
  const char *description;
} format_descriptions[] = {
  { "auto", N_("By extension: text files (.txt) and Quotemark JSONL (.jsonl); folders are searched for both.") },
  { "txt", N_("UTF-8 text files, one article each, whatever their extension.") },
  { "jsonl", N_("Quotemark’s own JSONL, with annotations, speakers and stances.") },
  { "brat", N_("brat standoff: folders of .txt and .ann files, or single .ann files with their .txt beside them.") },
  { "doccano", N_("JSONL exported from doccano for sequence labelling; it names no annotators.") },
  { "labelstudio", N_("A JSON export of Label Studio tasks, with annotations and predictions.") },
};

/* Formats whose files do not say who annotated them: their annotations are
 * credited to the user unless they say otherwise. */
static const char *anonymous_formats[] = { "brat", "doccano", NULL };

static const char *
get_selected_format (QmImportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->format_row);

  if (self->format_names == NULL || selected >= self->format_names->len)
    return "auto";
  return g_ptr_array_index (self->format_names, selected);
}

static void
set_annotator_text (QmImportDialog *self,
                    const char     *text)
{
  self->setting_annotator = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->annotator_row), text != NULL ? text : "");
  self->setting_annotator = FALSE;
}

static void
annotator_row_changed_cb (QmImportDialog *self)
{
  if (!self->setting_annotator)
    self->annotator_edited = TRUE;
}

static void
format_row_selected_cb (QmImportDialog *self)
{
  const char *format;
  gboolean annotated;

  /* Also called while the template is built, before the model is set. */
  if (self->format_names == NULL)
    return;

  format = get_selected_format (self);
  gtk_label_set_text (self->format_description, "");
  for (guint i = 0; i < G_N_ELEMENTS (format_descriptions); i++)
    if (g_str_equal (format_descriptions[i].name, format))
      gtk_label_set_text (self->format_description, _(format_descriptions[i].description));

  /* Plain text has no annotations to credit or labels to add. */
  annotated = !g_str_equal (format, "txt");
  gtk_widget_set_sensitive (GTK_WIDGET (self->annotator_row), annotated);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_labels_row), annotated);

  if (!self->annotator_edited)
    set_annotator_text (self, g_strv_contains (anonymous_formats, format) ? self->default_annotator : NULL);
}

static void
add_format_choice (QmImportDialog *self,
                   GtkStringList  *names,
                   const char     *format,
                   const char     *name)
{
  gtk_string_list_append (names, name);
  g_ptr_array_add (self->format_names, g_strdup (format));
}

static void
populate_formats (QmImportDialog *self)
{
  const QmFormat *const *formats = qm_format_list ();
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  self->format_names = g_ptr_array_new_with_free_func (g_free);
  add_format_choice (self, names, "auto", _("Automatic"));
  add_format_choice (self, names, "txt", _("Plain text"));
  for (guint i = 0; formats[i] != NULL; i++)
    if (qm_format_can_import (formats[i]))
      add_format_choice (self, names, formats[i]->name, qm_format_get_display_name (formats[i]));

  adw_combo_row_set_model (self->format_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->format_row, 0);
  format_row_selected_cb (self);
}

static gboolean
folder_looks_like_brat (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  g_autofree char *conf = g_build_filename (path, "annotation.conf", NULL);
  const char *name;

  if (g_file_test (conf, G_FILE_TEST_EXISTS))
    return TRUE;

  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".ann"))
      return TRUE;
  return FALSE;
}

/* doccano's JSONL shares the extension with ours; its lines have
 * "entities" of offsets (objects with start_offset, or [start, end, label]
 * arrays) or a "label" list, where ours have speaker entities with names. */
static gboolean
jsonl_looks_like_doccano (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *head = g_malloc (LINE_PEEK_BYTES + 1);
  JsonObject *object;
  JsonArray *entities;
  FILE *f;
  gsize n;
  char *end;

  f = fopen (path, "rb");
  if (f == NULL)
    return FALSE;
  n = fread (head, 1, LINE_PEEK_BYTES, f);
  fclose (f);
  head[n] = '\0';

  /* A first line longer than that is left to the user's choice. */
  end = strchr (head, '\n');
  if (end == NULL)
    return FALSE;
  *end = '\0';

  if (!json_parser_load_from_data (parser, head, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return FALSE;
  object = json_node_get_object (json_parser_get_root (parser));

  if (json_object_has_member (object, "label") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "label")))
    return TRUE;
  if (!json_object_has_member (object, "entities") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "entities")))
    return FALSE;
  entities = json_object_get_array_member (object, "entities");
  if (json_array_get_length (entities) == 0)
    return FALSE;
  if (JSON_NODE_HOLDS_ARRAY (json_array_get_element (entities, 0)))
    return TRUE;
  return JSON_NODE_HOLDS_OBJECT (json_array_get_element (entities, 0)) &&
         json_object_has_member (json_array_get_object_element (entities, 0), "start_offset");
}

/* The format the paths look like, where the extension of "auto" would read
 * them wrongly: a brat folder has text files the annotations of which
 * would be left out, doccano's JSONL is not ours, and .json is no
 * article. */
static const char *
guess_format (const char * const *paths)
{
  gboolean all_ann = TRUE, all_json = TRUE, all_doccano = TRUE;

  for (guint i = 0; paths[i] != NULL; i++)
    {
      if (g_file_test (paths[i], G_FILE_TEST_IS_DIR))
        {
          if (folder_looks_like_brat (paths[i]))
            return "brat";
          all_ann = all_json = all_doccano = FALSE;
          continue;
        }
      all_ann = all_ann && g_str_has_suffix (paths[i], ".ann");
      all_json = all_json && g_str_has_suffix (paths[i], ".json");
      all_doccano = all_doccano && g_str_has_suffix (paths[i], ".jsonl") && jsonl_looks_like_doccano (paths[i]);
    }

  if (paths[0] != NULL && all_ann)
    return "brat";
  if (paths[0] != NULL && all_doccano)
    return "doccano";
  if (paths[0] != NULL && all_json)
    return "labelstudio";
  return "auto";
}

static void
select_format (QmImportDialog *self,
               const char     *format)
{
  for (guint i = 0; i < self->format_names->len; i++)
    if (g_str_equal (g_ptr_array_index (self->format_names, i), format))
      adw_combo_row_set_selected (self->format_row, i);
}

static void
import_button_clicked_cb (QmImportDialog *self)
{
  g_auto(GStrv) paths = NULL;

  if (self->paths == NULL || self->running || self->report != NULL)
    return;

  paths = g_steal_pointer (&self->paths);
  qm_import_dialog_start (self, (const char * const *) paths);
}

static void
cancel_button_clicked_cb (QmImportDialog *self)
{
  qm_import_dialog_cancel (self);
}

static void
close_button_clicked_cb (QmImportDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

/* Closing a running import cancels it; the window goes once the worker
 * has stopped, so the worker never outlives its summary unseen. */
static gboolean
qm_import_dialog_close_request (GtkWindow *window)
{
  QmImportDialog *self = QM_IMPORT_DIALOG (window);

  if (self->running)
    {
      self->close_when_done = TRUE;
      qm_import_dialog_cancel (self);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (qm_import_dialog_parent_class)->close_request (window);
}

static void
qm_import_dialog_dispose (GObject *object)
{
  QmImportDialog *self = QM_IMPORT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), QM_TYPE_IMPORT_DIALOG);
  self->progress_bar = NULL;
  g_clear_object (&self->cancellable);
  g_clear_object (&self->report);

  G_OBJECT_CLASS (qm_import_dialog_parent_class)->dispose (object);
}

static void
qm_import_dialog_finalize (GObject *object)
{
  QmImportDialog *self = QM_IMPORT_DIALOG (object);

  g_free (self->corpus_path);
  g_strfreev (self->paths);
  g_clear_pointer (&self->format_names, g_ptr_array_unref);
  g_free (self->default_annotator);
  g_clear_object (&self->report);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (qm_import_dialog_parent_class)->finalize (object);
}

static void
qm_import_dialog_class_init (QmImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = qm_import_dialog_dispose;
  object_class->finalize = qm_import_dialog_finalize;
  window_class->close_request = qm_import_dialog_close_request;

  /**
   * QmImportDialog::finished:
   * @self: the dialog
   *
   * Emitted on the main thread when the import ended, whether it
   * completed, failed or was cancelled; the corpus holds what it committed.
   */
  signals[FINISHED] =
    g_signal_new ("finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/quotemark/Quotemark/qm-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, QmImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, QmImportDialog, dismiss_button);
  gtk_widget_class_bind_template_child (widget_class, QmImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, QmImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, QmImportDialog, paths_group);
  gtk_widget_class_bind_template_child (widget_class, QmImportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, QmImportDialog, format_description);
  gtk_widget_class_bind_template_child (widget_class, QmImportDialog, annotator_row);
  gtk_widget_class_bind_template_child (widget_class, QmImportDialog, add_labels_row);
  gtk_widget_class_bind_template_child (widget_class, QmImportDialog, add_labels_switch);
  gtk_widget_class_bind_template_child (widget_class, QmImportDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, QmImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, QmImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, QmImportDialog, summary_title);
  gtk_widget_class_bind_template_child (widget_class, QmImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, QmImportDialog, entries_list);
  gtk_widget_class_bind_template_child (widget_class, QmImportDialog, close_button);
  gtk_widget_class_bind_template_callback (widget_class, format_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, annotator_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, import_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, close_button_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
qm_import_dialog_init (QmImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  populate_formats (self);
}

QmImportDialog *
qm_import_dialog_new (GtkWindow  *parent,
                      const char *corpus_path)
{
  QmImportDialog *self;

  g_return_val_if_fail (corpus_path != NULL, NULL);

  self = g_object_new (QM_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->corpus_path = g_strdup (corpus_path);
  return self;
}

void
qm_import_dialog_set_paths (QmImportDialog     *self,
                            const char * const *paths)
{
  g_autofree char *text = NULL;
  guint n = 0;

  g_return_if_fail (QM_IS_IMPORT_DIALOG (self));
  g_return_if_fail (paths != NULL && paths[0] != NULL);
  g_return_if_fail (!self->running && self->report == NULL);

  g_strfreev (self->paths);
  self->paths = g_strdupv ((char **) paths);
  n = g_strv_length (self->paths);

  if (n == 1)
    {
      g_autofree char *base = g_path_get_basename (paths[0]);
      g_autofree char *display = g_filename_display_name (base);

      /* TRANSLATORS: what the import dialog is about to import */
      text = g_strdup_printf (_("Importing “%s”"), display);
    }
  else
    {
      /* TRANSLATORS: what the import dialog is about to import */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Importing %'u file or folder",
                                           "Importing %'u files and folders", n), n);
    }
  adw_preferences_group_set_title (self->paths_group, text);

  select_format (self, guess_format (paths));
  gtk_stack_set_visible_child_name (self->stack, "options");
  gtk_widget_grab_focus (GTK_WIDGET (self->import_button));
}

void
qm_import_dialog_set_annotator (QmImportDialog *self,
                                const char     *annotator)
{
  g_return_if_fail (QM_IS_IMPORT_DIALOG (self));

  g_free (self->default_annotator);
  self->default_annotator = g_strdup (annotator);
  format_row_selected_cb (self);
}

void
qm_import_dialog_start (QmImportDialog     *self,
                        const char * const *paths)
{
  g_autoptr(GTask) task = NULL;
  ImportJob *job;

  g_return_if_fail (QM_IS_IMPORT_DIALOG (self));
  g_return_if_fail (paths != NULL);
  g_return_if_fail (!self->running && self->report == NULL);

  self->cancellable = g_cancellable_new ();
  self->running = TRUE;

  job = g_new0 (ImportJob, 1);
  job->corpus_path = g_strdup (self->corpus_path);
  job->paths = g_strdupv ((char **) paths);
  job->format = g_strdup (get_selected_format (self));
  if (!g_str_equal (job->format, "txt"))
    {
      g_autofree char *annotator = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->annotator_row))));

      /* An empty name keeps the annotators the files give. */
      if (*annotator != '\0')
        job->annotator = g_steal_pointer (&annotator);
      job->add_labels = gtk_switch_get_active (self->add_labels_switch);
    }
  job->report = qm_report_new ();
  job->context = g_main_context_ref_thread_default ();
  job->dialog = self;
  g_mutex_init (&job->mutex);

  gtk_widget_set_visible (GTK_WIDGET (self->dismiss_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), FALSE);
  gtk_stack_set_visible_child_name (self->stack, "progress");
  gtk_widget_grab_focus (GTK_WIDGET (self->cancel_button));
  gtk_progress_bar_set_pulse_step (self->progress_bar, 0.1);
  gtk_progress_bar_pulse (self->progress_bar);

  task = g_task_new (self, self->cancellable, import_finished_cb, NULL);
  g_task_set_source_tag (task, qm_import_dialog_start);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  g_task_run_in_thread (task, import_thread);
}

void
qm_import_dialog_cancel (QmImportDialog *self)
{
  g_return_if_fail (QM_IS_IMPORT_DIALOG (self));

  if (!self->running)
    return;

  g_cancellable_cancel (self->cancellable);
  gtk_label_set_text (self->progress_label, _("Cancelling…"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), FALSE);
}

gboolean
qm_import_dialog_is_running (QmImportDialog *self)
{
  g_return_val_if_fail (QM_IS_IMPORT_DIALOG (self), FALSE);

  return self->running;
}

QmReport *
qm_import_dialog_get_report (QmImportDialog *self)
{
  g_return_val_if_fail (QM_IS_IMPORT_DIALOG (self), NULL);

  return self->report;
}

const GError *
qm_import_dialog_get_error (QmImportDialog *self)
{
  g_return_val_if_fail (QM_IS_IMPORT_DIALOG (self), NULL);

  return self->error;
}
