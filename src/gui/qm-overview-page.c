/* qm-overview-page.c: the Overview page. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "qm-merge-dialog.h"
#include "qm-overview-page.h"
#include "qm-stance-chart.h"

struct _QmOverviewPage
{
  GtkWidget            parent_instance;

  QmHistory           *history;
  QmOverview          *overview;
  QmTargetList        *targets;
  /* Set when the counts changed while the page was not shown. */
  gboolean             stale;
  guint                reload_id;
  GPtrArray           *rows;           /* rows of labels_group and progress_group */
  GStrv                chart_targets;  /* ids, in the drop-down's order */
  char                *chart_target;
  /* Names, in the drop-down's order after "All annotators". */
  GStrv                chart_annotators;
  gboolean             filling_dropdown;

  /* Template children */
  AdwPreferencesGroup *labels_group;
  AdwPreferencesGroup *progress_group;
  AdwPreferencesGroup *stance_group;
  GtkDropDown         *annotator_dropdown;
  GtkDropDown         *target_dropdown;
  GtkStack            *chart_stack;
  QmStanceChart       *stance_chart;
  GtkStack            *targets_stack;
  GtkListBox          *targets_list;
};

G_DEFINE_FINAL_TYPE (QmOverviewPage, qm_overview_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_HISTORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_toast (QmOverviewPage *self,
            const char     *text,
            gboolean        undoable)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *toast;

  if (overlay == NULL)
    return;

  toast = adw_toast_new (escaped);
  if (undoable)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
    }
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

static void
show_error (QmOverviewPage *self,
            const GError   *error)
{
  if (gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY) == NULL)
    g_warning ("%s", error->message);
  show_toast (self, error->message, FALSE);
}

static char *
format_judgements (guint n)
{
  g_autofree char *count = qm_overview_format_count (n);

  /* TRANSLATORS: %s is a number of stance judgements */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s judgement", "%s judgements", n), count);
}

/* --- labels and progress --- */

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  const GdkRGBA *color = user_data;

  gdk_cairo_set_source_rgba (cr, color);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0, 0, 2 * G_PI);
  cairo_fill (cr);
}

static GtkWidget *
create_count_label (guint count)
{
  g_autofree char *text = qm_overview_format_count (count);
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "qm-count");
  return label;
}

static void
add_row (QmOverviewPage      *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
}

static void
fill_labels (QmOverviewPage *self)
{
  GPtrArray *counts = qm_overview_get_label_counts (self->overview);

  for (guint i = 0; i < counts->len; i++)
    {
      QmLabelCount *count = g_ptr_array_index (counts, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *swatch = gtk_drawing_area_new ();
      GdkRGBA color;

      if (count->color == NULL || !gdk_rgba_parse (&color, count->color))
        gdk_rgba_parse (&color, "#888888");
      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 12);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 12);
      gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch,
                                      gdk_rgba_copy (&color), (GDestroyNotify) gdk_rgba_free);
      gtk_accessible_update_property (GTK_ACCESSIBLE (swatch), GTK_ACCESSIBLE_PROPERTY_LABEL, qm_schema_display_name (count->label), -1);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), qm_schema_display_name (count->label));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), swatch);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), create_count_label (count->count));
      g_object_set_data_full (G_OBJECT (row), "qm-label", g_strdup (count->label), g_free);
      add_row (self, self->labels_group, row);
    }
}

static void
fill_progress (QmOverviewPage *self)
{
  GPtrArray *progress = qm_overview_get_progress (self->overview);
  guint n_documents = qm_overview_get_n_documents (self->overview);
  g_autofree char *documents = qm_overview_format_count (n_documents);
  g_autofree char *description = NULL;

  /* TRANSLATORS: %s is the number of documents in the corpus */
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Documents each annotator marked done, of %s in the corpus.",
                                              "Documents each annotator marked done, of %s in the corpus.",
                                              n_documents),
                                 documents);
  adw_preferences_group_set_description (self->progress_group, description);

  if (progress->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nobody has annotated yet"));
      add_row (self, self->progress_group, row);
      return;
    }

  for (guint i = 0; i < progress->len; i++)
    {
      QmAnnotatorProgress *annotator = g_ptr_array_index (progress, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *bar = gtk_progress_bar_new ();
      g_autofree char *done = qm_overview_format_count (annotator->n_done);
      g_autofree char *total = qm_overview_format_count (annotator->n_documents);
      g_autofree char *in_progress = qm_overview_format_count (annotator->n_in_progress);
      g_autofree char *subtitle = NULL;
      double fraction = annotator->n_documents > 0 ? (double) annotator->n_done / annotator->n_documents : 0;

      if (annotator->n_in_progress > 0)
        /* TRANSLATORS: an annotator's progress, "2 of 5 done, 1 in progress" */
        subtitle = g_strdup_printf (_("%s of %s done, %s in progress"), done, total, in_progress);
      else
        /* TRANSLATORS: an annotator's progress, "2 of 5 done" */
        subtitle = g_strdup_printf (_("%s of %s done"), done, total);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), annotator->annotator);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

      gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (bar), fraction);
      gtk_widget_set_size_request (bar, 160, -1);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, annotator->annotator,
                                      GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, subtitle,
                                      -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar);
      g_object_set_data_full (G_OBJECT (row), "qm-annotator", g_strdup (annotator->annotator), g_free);
      g_object_set_data (G_OBJECT (row), "qm-progress-bar", bar);
      add_row (self, self->progress_group, row);
    }
}

/* --- the chart --- */

static void
update_chart (QmOverviewPage *self)
{
  GPtrArray *rows = NULL;

  if (self->overview != NULL && self->chart_target != NULL)
    rows = qm_overview_get_stance_rows (self->overview, self->chart_target);

  qm_stance_chart_set_data (self->stance_chart,
                            self->overview != NULL ? qm_overview_get_stance_values (self->overview) : NULL,
                            rows);
  gtk_stack_set_visible_child_name (self->chart_stack, rows != NULL && rows->len > 0 ? "chart" : "empty");
}

/* The targets with judgements on attributed quotes; the chosen one stays
 * chosen while it has any. */
static void
fill_targets_dropdown (QmOverviewPage *self)
{
  GPtrArray *targets = qm_overview_get_targets (self->overview);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  guint selected = 0;

  for (guint i = 0; i < targets->len; i++)
    {
      QmTarget *target = g_ptr_array_index (targets, i);

      gtk_string_list_append (names, target->name);
      g_strv_builder_add (ids, target->id);
      if (g_strcmp0 (target->id, self->chart_target) == 0)
        selected = i;
    }

  g_strfreev (self->chart_targets);
  self->chart_targets = g_strv_builder_end (ids);
  g_free (self->chart_target);
  self->chart_target = g_strdup (targets->len > 0 ? self->chart_targets[selected] : NULL);

  self->filling_dropdown = TRUE;
  gtk_drop_down_set_model (self->target_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->target_dropdown, targets->len > 0 ? selected : GTK_INVALID_LIST_POSITION);
  self->filling_dropdown = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->target_dropdown), targets->len > 0);
}

static void
target_dropdown_selected_cb (GtkDropDown    *dropdown,
                             GParamSpec     *pspec,
                             QmOverviewPage *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->filling_dropdown || self->chart_targets == NULL)
    return;
  if (selected >= g_strv_length (self->chart_targets))
    return;

  g_free (self->chart_target);
  self->chart_target = g_strdup (self->chart_targets[selected]);
  update_chart (self);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

static void queue_reload (QmOverviewPage *self);

/* Everyone with an annotation or a status, in the order of the language.
 * The one chosen stays chosen while the corpus has them; once gone (their
 * last judgement undone, say) the chart is everyone's again. */
static void
fill_annotators_dropdown (QmOverviewPage *self)
{
  GPtrArray *progress = qm_overview_get_progress (self->overview);
  const char *chosen = qm_overview_get_annotator (self->overview);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  guint selected = 0;

  for (guint i = 0; i < progress->len; i++)
    g_ptr_array_add (sorted, ((QmAnnotatorProgress *) g_ptr_array_index (progress, i))->annotator);
  g_ptr_array_sort (sorted, compare_names);
  g_ptr_array_add (sorted, NULL);
  for (guint i = 0; sorted->pdata[i] != NULL; i++)
    if (g_strcmp0 (sorted->pdata[i], chosen) == 0)
      selected = i + 1;

  self->filling_dropdown = TRUE;
  /* The same names keep the model: this runs after every change, also
   * while the drop-down reports the choice that caused it. */
  if (self->chart_annotators == NULL ||
      !g_strv_equal ((const char * const *) self->chart_annotators, (const char * const *) sorted->pdata))
    {
      g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

      g_strfreev (self->chart_annotators);
      self->chart_annotators = g_strdupv ((char **) sorted->pdata);
      gtk_string_list_append (names, _("All annotators"));
      gtk_string_list_splice (names, 1, 0, (const char * const *) self->chart_annotators);
      gtk_drop_down_set_model (self->annotator_dropdown, G_LIST_MODEL (names));
    }
  if (gtk_drop_down_get_selected (self->annotator_dropdown) != selected)
    gtk_drop_down_set_selected (self->annotator_dropdown, selected);
  self->filling_dropdown = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->annotator_dropdown), progress->len > 0);

  if (chosen != NULL && selected == 0)
    {
      qm_overview_set_annotator (self->overview, NULL);
      queue_reload (self);
    }
}

/* --- reading the counts --- */

static void
rebuild (QmOverviewPage *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP)),
                                    row);
    }
  g_ptr_array_set_size (self->rows, 0);

  if (self->overview == NULL)
    {
      update_chart (self);
      return;
    }

  fill_labels (self);
  fill_progress (self);
  fill_annotators_dropdown (self);
  fill_targets_dropdown (self);
  update_chart (self);
}

static void
reload (QmOverviewPage *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->reload_id, g_source_remove);
  self->stale = FALSE;
  if (self->overview == NULL)
    return;

  /* On failure the page keeps what it showed. */
  if (!qm_overview_reload (self->overview, &error))
    show_error (self, error);
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  QmOverviewPage *self = user_data;

  self->reload_id = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

/* A merge emits a signal per document it touched: one reload for all,
 * before the next frame is drawn. */
static void
queue_reload (QmOverviewPage *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }

  if (self->reload_id == 0)
    self->reload_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, reload_idle_cb, self, NULL);
}

static void
history_changed_cb (QmHistory      *history,
                    const char     *document_id,
                    QmOverviewPage *self)
{
  queue_reload (self);
}

static void
corpus_changed_cb (QmHistory      *history,
                   QmOverviewPage *self)
{
  queue_reload (self);
}

static void
overview_changed_cb (QmOverview     *overview,
                     QmOverviewPage *self)
{
  rebuild (self);
}

/* Only the stance chart and its targets are per annotator; the counts
 * above it are the corpus's. */
static void
annotator_dropdown_selected_cb (GtkDropDown    *dropdown,
                                GParamSpec     *pspec,
                                QmOverviewPage *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  const char *annotator = NULL;

  if (self->filling_dropdown || self->overview == NULL || self->chart_annotators == NULL)
    return;
  if (selected > 0 && selected <= g_strv_length (self->chart_annotators))
    annotator = self->chart_annotators[selected - 1];
  if (g_strcmp0 (annotator, qm_overview_get_annotator (self->overview)) == 0)
    return;

  qm_overview_set_annotator (self->overview, annotator);
  reload (self);
}

/* --- stance targets --- */

static void
rename_target (QmOverviewPage *self,
               AdwEntryRow    *row)
{
  QmTargetItem *item = g_object_get_data (G_OBJECT (row), "qm-target");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;

  if (self->history == NULL || item == NULL || g_strcmp0 (name, qm_target_item_get_name (item)) == 0)
    return;

  if (!qm_history_rename_target (self->history, qm_target_item_get_id (item), name, &error))
    {
      show_error (self, error);
      gtk_editable_set_text (GTK_EDITABLE (row), qm_target_item_get_name (item));
      return;
    }

  /* TRANSLATORS: a toast; %s is the new name of a stance target */
  message = g_strdup_printf (_("Target renamed to “%s”"), name);
  show_toast (self, message, TRUE);
}

static void
target_row_apply_cb (AdwEntryRow    *row,
                     QmOverviewPage *self)
{
  rename_target (self, row);
}

static void
target_merge_clicked_cb (GtkButton      *button,
                         QmOverviewPage *self)
{
  QmTargetItem *item = g_object_get_data (G_OBJECT (button), "qm-target");

  if (item != NULL)
    qm_overview_page_show_merge_dialog (self, qm_target_item_get_id (item));
}

static void
update_target_row (QmTargetItem *item,
                   GParamSpec   *pspec,
                   AdwEntryRow  *row)
{
  GtkLabel *count = g_object_get_data (G_OBJECT (row), "qm-count-label");
  g_autofree char *judgements = format_judgements (qm_target_item_get_n_stances (item));

  gtk_label_set_text (count, judgements);
  /* A rename from elsewhere (undo) shows, unless the user is typing. */
  if (!(gtk_widget_get_state_flags (GTK_WIDGET (row)) & GTK_STATE_FLAG_FOCUS_WITHIN))
    gtk_editable_set_text (GTK_EDITABLE (row), qm_target_item_get_name (item));
}

static GtkWidget *
create_target_row (gpointer item,
                   gpointer user_data)
{
  QmOverviewPage *self = user_data;
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *count = gtk_label_new (NULL);
  GtkWidget *merge = gtk_button_new_with_mnemonic (_("_Merge…"));
  g_autofree char *merge_label = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Target"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "qm-target", g_object_ref (item), g_object_unref);
  g_signal_connect (row, "apply", G_CALLBACK (target_row_apply_cb), self);

  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), count);
  g_object_set_data (G_OBJECT (row), "qm-count-label", count);

  /* TRANSLATORS: %s is a stance target */
  merge_label = g_strdup_printf (_("Merge Another Target Into “%s”"), qm_target_item_get_name (item));
  gtk_widget_set_tooltip_text (merge, merge_label);
  gtk_widget_set_valign (merge, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (merge, "flat");
  g_object_set_data_full (G_OBJECT (merge), "qm-target", g_object_ref (item), g_object_unref);
  g_signal_connect (merge, "clicked", G_CALLBACK (target_merge_clicked_cb), self);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), merge);

  update_target_row (item, NULL, ADW_ENTRY_ROW (row));
  g_signal_connect_object (item, "notify", G_CALLBACK (update_target_row), row, 0);
  return row;
}

static void
targets_items_changed_cb (GListModel     *model,
                          guint           position,
                          guint           removed,
                          guint           added,
                          QmOverviewPage *self)
{
  gtk_stack_set_visible_child_name (self->targets_stack, g_list_model_get_n_items (model) > 0 ? "list" : "empty");
}

static void
targets_failed_cb (QmTargetList   *targets,
                   const GError   *error,
                   QmOverviewPage *self)
{
  show_error (self, error);
}

static void
merge_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   QmOverviewPage   *self)
{
  const char *into_id = g_object_get_data (G_OBJECT (dialog), "qm-into");
  const char *from_id = qm_merge_dialog_get_chosen_id (QM_MERGE_DIALOG (dialog));
  g_autoptr(GError) error = NULL;
  g_autofree char *from_name = NULL;
  g_autofree char *into_name = NULL;
  g_autofree char *message = NULL;
  guint position;

  if (!g_str_equal (response, "merge") || from_id == NULL || into_id == NULL || self->history == NULL)
    return;

  position = qm_target_list_find (self->targets, from_id);
  if (position != G_MAXUINT)
    {
      g_autoptr(QmTargetItem) from = g_list_model_get_item (G_LIST_MODEL (self->targets), position);

      from_name = g_strdup (qm_target_item_get_name (from));
    }
  position = qm_target_list_find (self->targets, into_id);
  if (position != G_MAXUINT)
    {
      g_autoptr(QmTargetItem) into = g_list_model_get_item (G_LIST_MODEL (self->targets), position);

      into_name = g_strdup (qm_target_item_get_name (into));
    }

  if (!qm_history_merge_targets (self->history, into_id, from_id, &error))
    {
      show_error (self, error);
      return;
    }

  /* TRANSLATORS: a toast; the first %s is the target merged away, the
   * second the one that remains */
  message = g_strdup_printf (_("Target “%s” merged into “%s”"),
                             from_name != NULL ? from_name : from_id,
                             into_name != NULL ? into_name : into_id);
  show_toast (self, message, TRUE);
}

GtkWidget *
qm_overview_page_show_merge_dialog (QmOverviewPage *self,
                                    const char     *target_id)
{
  g_autoptr(QmTargetItem) into = NULL;
  QmMergeDialog *dialog;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  guint position, n;

  g_return_val_if_fail (QM_IS_OVERVIEW_PAGE (self), NULL);

  if (self->targets == NULL || (position = qm_target_list_find (self->targets, target_id)) == G_MAXUINT)
    return NULL;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->targets));
  if (n < 2)
    {
      show_toast (self, _("There is no other stance target to merge"), FALSE);
      return NULL;
    }

  into = g_list_model_get_item (G_LIST_MODEL (self->targets), position);
  /* TRANSLATORS: the heading of the merge dialog; %s is a stance target */
  heading = g_strdup_printf (_("Merge Into “%s”"), qm_target_item_get_name (into));
  /* TRANSLATORS: %s is a stance target */
  body = g_strdup_printf (_("Choose the target that means the same as “%s”. Its judgements will be toward “%s”; where a quote was judged toward both, the judgement toward “%s” is kept."),
                          qm_target_item_get_name (into), qm_target_item_get_name (into),
                          qm_target_item_get_name (into));
  dialog = qm_merge_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading, body);
  g_object_set_data_full (G_OBJECT (dialog), "qm-into", g_strdup (target_id), g_free);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(QmTargetItem) item = g_list_model_get_item (G_LIST_MODEL (self->targets), i);
      g_autofree char *detail = NULL;

      if (item == into)
        continue;
      detail = format_judgements (qm_target_item_get_n_stances (item));
      qm_merge_dialog_add_candidate (dialog, qm_target_item_get_id (item), qm_target_item_get_name (item), detail);
    }

  g_signal_connect_object (dialog, "response", G_CALLBACK (merge_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WIDGET (dialog);
}

/* --- GtkWidget and GObject --- */

static void
qm_overview_page_map (GtkWidget *widget)
{
  QmOverviewPage *self = QM_OVERVIEW_PAGE (widget);

  GTK_WIDGET_CLASS (qm_overview_page_parent_class)->map (widget);

  if (self->stale)
    reload (self);
}

static void
clear_models (QmOverviewPage *self)
{
  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  if (self->overview != NULL)
    g_signal_handlers_disconnect_by_data (self->overview, self);
  if (self->targets != NULL)
    g_signal_handlers_disconnect_by_data (self->targets, self);
  if (self->targets_list != NULL)
    gtk_list_box_bind_model (self->targets_list, NULL, NULL, NULL, NULL);
  g_clear_object (&self->overview);
  g_clear_object (&self->targets);
  g_clear_pointer (&self->chart_target, g_free);
}

static void
qm_overview_page_dispose (GObject *object)
{
  QmOverviewPage *self = QM_OVERVIEW_PAGE (object);
  GtkWidget *child;

  clear_models (self);
  g_clear_object (&self->history);
  gtk_widget_dispose_template (GTK_WIDGET (self), QM_TYPE_OVERVIEW_PAGE);
  /* Template children without an id are not cleared by the above. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (qm_overview_page_parent_class)->dispose (object);
}

static void
qm_overview_page_finalize (GObject *object)
{
  QmOverviewPage *self = QM_OVERVIEW_PAGE (object);

  g_ptr_array_unref (self->rows);
  g_strfreev (self->chart_annotators);
  g_strfreev (self->chart_targets);
  g_free (self->chart_target);

  G_OBJECT_CLASS (qm_overview_page_parent_class)->finalize (object);
}

static void
qm_overview_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  QmOverviewPage *self = QM_OVERVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qm_overview_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  QmOverviewPage *self = QM_OVERVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      qm_overview_page_set_history (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qm_overview_page_class_init (QmOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qm_overview_page_dispose;
  object_class->finalize = qm_overview_page_finalize;
  object_class->get_property = qm_overview_page_get_property;
  object_class->set_property = qm_overview_page_set_property;
  widget_class->map = qm_overview_page_map;

  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL,
                         QM_TYPE_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (QM_TYPE_STANCE_CHART);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/quotemark/Quotemark/qm-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, QmOverviewPage, labels_group);
  gtk_widget_class_bind_template_child (widget_class, QmOverviewPage, progress_group);
  gtk_widget_class_bind_template_child (widget_class, QmOverviewPage, stance_group);
  gtk_widget_class_bind_template_child (widget_class, QmOverviewPage, annotator_dropdown);
  gtk_widget_class_bind_template_child (widget_class, QmOverviewPage, target_dropdown);
  gtk_widget_class_bind_template_child (widget_class, QmOverviewPage, chart_stack);
  gtk_widget_class_bind_template_child (widget_class, QmOverviewPage, stance_chart);
  gtk_widget_class_bind_template_child (widget_class, QmOverviewPage, targets_stack);
  gtk_widget_class_bind_template_child (widget_class, QmOverviewPage, targets_list);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
qm_overview_page_init (QmOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new ();
  g_signal_connect (self->annotator_dropdown, "notify::selected", G_CALLBACK (annotator_dropdown_selected_cb), self);
  g_signal_connect (self->target_dropdown, "notify::selected", G_CALLBACK (target_dropdown_selected_cb), self);
  gtk_widget_set_visible (GTK_WIDGET (self->annotator_dropdown), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->target_dropdown), FALSE);
  gtk_stack_set_visible_child_name (self->targets_stack, "empty");
  update_chart (self);
}

GtkWidget *
qm_overview_page_new (void)
{
  return g_object_new (QM_TYPE_OVERVIEW_PAGE, NULL);
}

void
qm_overview_page_set_history (QmOverviewPage *self,
                              QmHistory      *history)
{
  g_return_if_fail (QM_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (history == NULL || QM_IS_HISTORY (history));

  if (self->history == history)
    return;

  clear_models (self);
  g_set_object (&self->history, history);

  if (history != NULL)
    {
      self->overview = qm_overview_new (qm_history_get_store (history));
      g_signal_connect (self->overview, "changed", G_CALLBACK (overview_changed_cb), self);
      g_signal_connect (history, "changed", G_CALLBACK (history_changed_cb), self);
      g_signal_connect (history, "corpus-changed", G_CALLBACK (corpus_changed_cb), self);

      self->targets = qm_target_list_new (history);
      g_signal_connect (self->targets, "items-changed", G_CALLBACK (targets_items_changed_cb), self);
      g_signal_connect (self->targets, "failed", G_CALLBACK (targets_failed_cb), self);
      gtk_list_box_bind_model (self->targets_list, G_LIST_MODEL (self->targets), create_target_row, self, NULL);
      gtk_stack_set_visible_child_name (self->targets_stack,
                                        g_list_model_get_n_items (G_LIST_MODEL (self->targets)) > 0 ? "list" : "empty");
    }

  /* Read now, not at the first change: the counts are worth showing. */
  self->stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload (self);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

QmHistory *
qm_overview_page_get_history (QmOverviewPage *self)
{
  g_return_val_if_fail (QM_IS_OVERVIEW_PAGE (self), NULL);

  return self->history;
}

QmOverview *
qm_overview_page_get_overview (QmOverviewPage *self)
{
  g_return_val_if_fail (QM_IS_OVERVIEW_PAGE (self), NULL);

  return self->overview;
}

QmTargetList *
qm_overview_page_get_targets (QmOverviewPage *self)
{
  g_return_val_if_fail (QM_IS_OVERVIEW_PAGE (self), NULL);

  return self->targets;
}

const char *
qm_overview_page_get_chart_target (QmOverviewPage *self)
{
  g_return_val_if_fail (QM_IS_OVERVIEW_PAGE (self), NULL);

  return self->chart_target;
}

gboolean
qm_overview_page_set_chart_target (QmOverviewPage *self,
                                   const char     *target_id)
{
  g_return_val_if_fail (QM_IS_OVERVIEW_PAGE (self), FALSE);

  for (guint i = 0; self->chart_targets != NULL && self->chart_targets[i] != NULL; i++)
    if (g_str_equal (self->chart_targets[i], target_id))
      {
        gtk_drop_down_set_selected (self->target_dropdown, i);
        return TRUE;
      }

  return FALSE;
}
