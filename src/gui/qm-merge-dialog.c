/* qm-merge-dialog.c: choosing the speaker or target to merge into another. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "qm-merge-dialog.h"
#include "qm-text.h"

struct _QmMergeDialog
{
  AdwMessageDialog  parent_instance;

  GtkSearchEntry   *search_entry;
  GtkListBox       *list_box;
};

G_DEFINE_FINAL_TYPE (QmMergeDialog, qm_merge_dialog, ADW_TYPE_MESSAGE_DIALOG)

static const char *
row_get_id (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), "qm-id");
}

static gboolean
filter_func (GtkListBoxRow *row,
             gpointer       user_data)
{
  QmMergeDialog *self = user_data;
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *folded = NULL;

  if (*query == '\0')
    return TRUE;

  folded = qm_text_fold (query, NULL);
  return strstr (g_object_get_data (G_OBJECT (row), "qm-folded"), folded) != NULL;
}

static void
search_changed_cb (GtkSearchEntry *entry,
                   QmMergeDialog  *self)
{
  gtk_list_box_invalidate_filter (self->list_box);
}

static void
selected_rows_changed_cb (GtkListBox    *list_box,
                          QmMergeDialog *self)
{
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "merge",
                                           gtk_list_box_get_selected_row (list_box) != NULL);
}

static void
qm_merge_dialog_dispose (GObject *object)
{
  QmMergeDialog *self = QM_MERGE_DIALOG (object);

  /* The rows go after the dialog's responses: no more updates of them. */
  if (self->list_box != NULL)
    g_signal_handlers_disconnect_by_data (self->list_box, self);
  gtk_widget_dispose_template (GTK_WIDGET (object), QM_TYPE_MERGE_DIALOG);

  G_OBJECT_CLASS (qm_merge_dialog_parent_class)->dispose (object);
}

static void
qm_merge_dialog_class_init (QmMergeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qm_merge_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/quotemark/Quotemark/qm-merge-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, QmMergeDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, QmMergeDialog, list_box);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, selected_rows_changed_cb);
}

static void
qm_merge_dialog_init (QmMergeDialog *self)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);

  gtk_widget_init_template (GTK_WIDGET (self));

  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, "merge", _("_Merge"));
  adw_message_dialog_set_response_appearance (dialog, "merge", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (dialog, "merge", FALSE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");

  gtk_list_box_set_filter_func (self->list_box, filter_func, self, NULL);
}

QmMergeDialog *
qm_merge_dialog_new (GtkWindow  *parent,
                     const char *heading,
                     const char *body)
{
  return g_object_new (QM_TYPE_MERGE_DIALOG,
                       "transient-for", parent,
                       "heading", heading,
                       "body", body,
                       NULL);
}

void
qm_merge_dialog_add_candidate (QmMergeDialog *self,
                               const char    *id,
                               const char    *name,
                               const char    *detail)
{
  GtkWidget *row;

  g_return_if_fail (QM_IS_MERGE_DIALOG (self));
  g_return_if_fail (id != NULL);
  g_return_if_fail (name != NULL);

  /* Names are the user's text, never markup. */
  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  if (detail != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), detail);
  g_object_set_data_full (G_OBJECT (row), "qm-id", g_strdup (id), g_free);
  g_object_set_data_full (G_OBJECT (row), "qm-folded", qm_text_fold (name, NULL), g_free);
  gtk_list_box_append (self->list_box, row);
}

guint
qm_merge_dialog_get_n_candidates (QmMergeDialog *self)
{
  guint n = 0;

  g_return_val_if_fail (QM_IS_MERGE_DIALOG (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child))
      n++;

  return n;
}

void
qm_merge_dialog_set_chosen_id (QmMergeDialog *self,
                               const char    *id)
{
  g_return_if_fail (QM_IS_MERGE_DIALOG (self));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_BOX_ROW (child) && g_strcmp0 (row_get_id (GTK_LIST_BOX_ROW (child)), id) == 0)
        {
          gtk_list_box_select_row (self->list_box, GTK_LIST_BOX_ROW (child));
          return;
        }
    }

  gtk_list_box_unselect_all (self->list_box);
}

const char *
qm_merge_dialog_get_chosen_id (QmMergeDialog *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (QM_IS_MERGE_DIALOG (self), NULL);

  row = gtk_list_box_get_selected_row (self->list_box);
  return row != NULL ? row_get_id (row) : NULL;
}
