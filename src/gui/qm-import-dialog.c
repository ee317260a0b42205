/* qm-import-dialog.c: the import, run in a GTask thread.
 *
 * SQLite connections belong to one thread, so the worker opens a second
 * QmStore on the same corpus file; what it commits is visible to the
 * window's connection once the import ends. Progress is reported from the
 * worker and shown on the main thread through one pending idle at a time,
 * so a fast import of many small files does not flood the main loop.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "qm-import.h"
#include "qm-import-dialog.h"
#include "qm-store.h"

typedef struct
{
  char            *corpus_path;
  GStrv            paths;
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
  GCancellable   *cancellable;
  QmReport       *report;
  GError         *error;
  gboolean        running;
  gboolean        close_when_done;

  AdwWindowTitle *window_title;
  GtkStack       *stack;
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
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u file", "%u of %u files", total),
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
    .format = "auto",
    .annotator = NULL,
    .add_labels = FALSE,
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
  gtk_widget_class_bind_template_child (widget_class, QmImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, QmImportDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, QmImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, QmImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, QmImportDialog, summary_title);
  gtk_widget_class_bind_template_child (widget_class, QmImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, QmImportDialog, entries_list);
  gtk_widget_class_bind_template_child (widget_class, QmImportDialog, close_button);
  gtk_widget_class_bind_template_callback (widget_class, cancel_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, close_button_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
qm_import_dialog_init (QmImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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
  job->report = qm_report_new ();
  job->context = g_main_context_ref_thread_default ();
  job->dialog = self;
  g_mutex_init (&job->mutex);

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
