/* qm-entities-page.c: the Speakers page. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "qm-entities-page.h"
#include "qm-merge-dialog.h"
#include "qm-overview.h"
#include "qm-quote-list.h"
#include "qm-text.h"

struct _QmEntitiesPage
{
  GtkWidget           parent_instance;

  QmHistory          *history;
  QmEntityList       *entities;
  GtkFilterListModel *filter_model;
  GtkCustomFilter    *filter;
  GtkSingleSelection *selection;
  char               *search;         /* folded, or NULL */

  QmEntityItem       *shown;          /* the item in the detail pane */
  QmQuoteList        *quotes;
  GPtrArray          *alias_rows;
  char               *shown_aliases;  /* what the rows show, one a line */
  AdwEntryRow        *add_alias_row;  /* owned: moved to the end on rebuilds */

  /* Template children */
  AdwLeaflet         *leaflet;
  GtkSearchEntry     *search_entry;
  GtkStack           *list_stack;
  GtkListView        *entity_list_view;
  GtkStack           *detail_stack;
  GtkButton          *back_button;
  GtkLabel           *name_label;
  GtkLabel           *summary_label;
  GtkButton          *merge_button;
  AdwEntryRow        *name_row;
  AdwPreferencesGroup *aliases_group;
  GtkStack           *quotes_stack;
  GtkListBox         *quotes_list;
};

G_DEFINE_FINAL_TYPE (QmEntitiesPage, qm_entities_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_HISTORY,
  N_PROPS
};

enum {
  QUOTE_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* --- toasts --- */

/* The window's overlay is an ancestor: the page needs no reference to it. */
static void
show_toast (QmEntitiesPage *self,
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
show_error (QmEntitiesPage *self,
            const GError   *error)
{
  if (gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY) == NULL)
    g_warning ("%s", error->message);
  show_toast (self, error->message, FALSE);
}

/* --- counts in words --- */

static char *
format_quotes_and_documents (guint n_quotes,
                             guint n_documents)
{
  g_autofree char *quotes = qm_overview_format_count (n_quotes);
  g_autofree char *documents = qm_overview_format_count (n_documents);
  g_autofree char *quotes_text = NULL;
  g_autofree char *documents_text = NULL;

  /* TRANSLATORS: %s is a number, "3 quotes" */
  quotes_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s quote", "%s quotes", n_quotes), quotes);
  /* TRANSLATORS: %s is a number; documents the speaker is mentioned in */
  documents_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s document", "%s documents", n_documents),
                                    documents);
  /* TRANSLATORS: "3 quotes · 2 documents" */
  return g_strdup_printf (_("%s · %s"), quotes_text, documents_text);
}

/* --- the list --- */

typedef struct
{
  GtkLabel *name;
  GtkLabel *aliases;
  GtkLabel *counts;
} RowLabels;

static void
update_row (QmEntityItem *item,
            GParamSpec   *pspec,
            GtkWidget    *row)
{
  RowLabels *labels = g_object_get_data (G_OBJECT (row), "qm-labels");
  const char *aliases = qm_entity_item_get_aliases_text (item);
  g_autofree char *counts = format_quotes_and_documents (qm_entity_item_get_n_quotes (item),
                                                         qm_entity_item_get_n_documents (item));

  gtk_label_set_text (labels->name, qm_entity_item_get_name (item));
  gtk_label_set_text (labels->aliases, aliases != NULL ? aliases : "");
  gtk_widget_set_visible (GTK_WIDGET (labels->aliases), aliases != NULL && *aliases != '\0');
  gtk_label_set_text (labels->counts, counts);
}

static GtkLabel *
create_row_label (GtkWidget  *box,
                  const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (GTK_BOX (box), label);
  return GTK_LABEL (label);
}

static void
row_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              QmEntitiesPage           *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  RowLabels *labels = g_new0 (RowLabels, 1);

  gtk_widget_add_css_class (box, "qm-entity-row");
  labels->name = create_row_label (box, "heading");
  labels->aliases = create_row_label (box, "caption");
  labels->counts = create_row_label (box, "caption");
  gtk_widget_add_css_class (GTK_WIDGET (labels->aliases), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (labels->counts), "dim-label");
  g_object_set_data_full (G_OBJECT (box), "qm-labels", labels, g_free);
  gtk_list_item_set_child (list_item, box);
}

static void
row_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             QmEntitiesPage           *self)
{
  QmEntityItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *row = gtk_list_item_get_child (list_item);

  update_row (item, NULL, row);
  /* Renames and new counts update the item in place. */
  g_signal_connect_object (item, "notify", G_CALLBACK (update_row), row, 0);
}

static void
row_unbind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               QmEntitiesPage           *self)
{
  QmEntityItem *item = gtk_list_item_get_item (list_item);

  g_signal_handlers_disconnect_by_func (item, update_row, gtk_list_item_get_child (list_item));
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  QmEntitiesPage *self = user_data;

  return qm_entity_item_matches (item, self->search);
}

static void
update_list_stack (QmEntitiesPage *self)
{
  guint n_all = self->entities != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->entities)) : 0;
  guint n_shown = self->filter_model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) : 0;

  if (n_all == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "empty");
  else if (n_shown == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "no-results");
  else
    gtk_stack_set_visible_child_name (self->list_stack, "list");
}

static void
search_changed_cb (GtkSearchEntry *entry,
                   QmEntitiesPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  g_clear_pointer (&self->search, g_free);
  if (*text != '\0')
    self->search = qm_text_fold (text, NULL);

  if (self->filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_list_stack (self);
}

/* --- the detail pane --- */

static void show_item (QmEntitiesPage *self, QmEntityItem *item);

static GtkWidget *
create_quote_row (gpointer item,
                  gpointer user_data)
{
  QmQuoteItem *quote = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), qm_quote_item_get_snippet (quote));
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
  /* Several annotators may have marked the same words. */
  /* TRANSLATORS: under a quote: the title of its document and who marked
   * it, "Talks resume in Geneva · marked by bob" */
  subtitle = g_strdup_printf (_("%s · marked by %s"), qm_quote_item_get_document_title (quote),
                              qm_quote_item_get_annotator (quote));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, _("Show in the Document"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (arrow), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Show in the Document"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  g_object_set_data_full (G_OBJECT (row), "qm-quote", g_object_ref (quote), g_object_unref);
  return row;
}

static void
update_quotes_stack (QmEntitiesPage *self)
{
  gboolean any = self->quotes != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->quotes)) > 0;

  gtk_stack_set_visible_child_name (self->quotes_stack, any ? "list" : "empty");
}

static void
quotes_items_changed_cb (GListModel     *model,
                         guint           position,
                         guint           removed,
                         guint           added,
                         QmEntitiesPage *self)
{
  update_quotes_stack (self);
}

static void
model_failed_cb (GObject        *model,
                 const GError   *error,
                 QmEntitiesPage *self)
{
  show_error (self, error);
}

static void
quotes_list_row_activated_cb (GtkListBox     *list_box,
                              GtkListBoxRow  *row,
                              QmEntitiesPage *self)
{
  QmQuoteItem *quote = g_object_get_data (G_OBJECT (row), "qm-quote");

  if (quote != NULL)
    g_signal_emit (self, signals[QUOTE_ACTIVATED], 0,
                   qm_quote_item_get_document_id (quote), qm_quote_item_get_span_id (quote));
}

/* A copy to change and save: the item's record is shared. */
static QmEntity *
copy_entity (QmEntity *entity)
{
  QmEntity *copy = qm_entity_new ();

  copy->id = g_strdup (entity->id);
  copy->name = g_strdup (entity->name);
  for (guint i = 0; entity->aliases != NULL && i < entity->aliases->len; i++)
    g_ptr_array_add (copy->aliases, g_strdup (g_ptr_array_index (entity->aliases, i)));
  return copy;
}

static gboolean
save_entity (QmEntitiesPage *self,
             QmEntity       *entity,
             const char     *done_message)
{
  g_autoptr(GError) error = NULL;

  if (!qm_history_save_entity (self->history, entity, &error))
    {
      show_error (self, error);
      return FALSE;
    }

  show_toast (self, done_message, TRUE);
  return TRUE;
}

static void
remove_alias_clicked_cb (GtkButton      *button,
                         QmEntitiesPage *self)
{
  const char *alias = g_object_get_data (G_OBJECT (button), "qm-alias");
  g_autoptr(QmEntity) entity = NULL;
  g_autofree char *message = NULL;
  g_autofree char *removed = g_strdup (alias);

  if (self->shown == NULL || alias == NULL)
    return;

  entity = copy_entity (qm_entity_item_get_entity (self->shown));
  for (guint i = 0; i < entity->aliases->len; i++)
    if (g_strcmp0 (g_ptr_array_index (entity->aliases, i), alias) == 0)
      {
        g_ptr_array_remove_index (entity->aliases, i);
        break;
      }

  /* TRANSLATORS: a toast; %s is an alias of a speaker */
  message = g_strdup_printf (_("Alias “%s” removed"), removed);
  save_entity (self, entity, message);
}

static void
rebuild_alias_rows (QmEntitiesPage *self,
                    QmEntity       *entity)
{
  g_autoptr(GString) aliases = g_string_new (NULL);

  /* Rows that stay keep their focus: only a change of aliases rebuilds. */
  for (guint i = 0; entity != NULL && i < entity->aliases->len; i++)
    {
      g_string_append (aliases, g_ptr_array_index (entity->aliases, i));
      g_string_append_c (aliases, '\n');
    }
  if (self->shown_aliases != NULL && g_str_equal (aliases->str, self->shown_aliases))
    return;
  g_free (self->shown_aliases);
  self->shown_aliases = g_string_free (g_steal_pointer (&aliases), FALSE);

  for (guint i = 0; i < self->alias_rows->len; i++)
    adw_preferences_group_remove (self->aliases_group, g_ptr_array_index (self->alias_rows, i));
  g_ptr_array_set_size (self->alias_rows, 0);
  if (gtk_widget_get_parent (GTK_WIDGET (self->add_alias_row)) != NULL)
    adw_preferences_group_remove (self->aliases_group, GTK_WIDGET (self->add_alias_row));

  for (guint i = 0; entity != NULL && entity->aliases != NULL && i < entity->aliases->len; i++)
    {
      const char *alias = g_ptr_array_index (entity->aliases, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *label = NULL;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), alias);

      /* TRANSLATORS: the remove button of an alias; %s is the alias */
      label = g_strdup_printf (_("Remove Alias “%s”"), alias);
      gtk_widget_set_tooltip_text (button, _("Remove Alias"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      g_object_set_data_full (G_OBJECT (button), "qm-alias", g_strdup (alias), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (remove_alias_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

      adw_preferences_group_add (self->aliases_group, row);
      g_ptr_array_add (self->alias_rows, row);
    }

  adw_preferences_group_add (self->aliases_group, GTK_WIDGET (self->add_alias_row));
}

static void
update_detail (QmEntitiesPage *self)
{
  QmEntity *entity;
  g_autofree char *summary = NULL;

  if (self->shown == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      rebuild_alias_rows (self, NULL);
      return;
    }

  entity = qm_entity_item_get_entity (self->shown);
  gtk_label_set_text (self->name_label, entity->name);
  summary = format_quotes_and_documents (qm_entity_item_get_n_quotes (self->shown),
                                         qm_entity_item_get_n_documents (self->shown));
  gtk_label_set_text (self->summary_label, summary);

  /* Not while the user is typing a new name in it. */
  if (!(gtk_widget_get_state_flags (GTK_WIDGET (self->name_row)) & GTK_STATE_FLAG_FOCUS_WITHIN) ||
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->name_row)), entity->name) == 0)
    gtk_editable_set_text (GTK_EDITABLE (self->name_row), entity->name);

  rebuild_alias_rows (self, entity);
  gtk_widget_set_sensitive (GTK_WIDGET (self->merge_button),
                            self->entities != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->entities)) > 1);
  gtk_stack_set_visible_child_name (self->detail_stack, "entity");
}

static void
shown_item_notify_cb (QmEntityItem   *item,
                      GParamSpec     *pspec,
                      QmEntitiesPage *self)
{
  update_detail (self);
}

static void
unbind_quotes (QmEntitiesPage *self)
{
  if (self->quotes != NULL)
    g_signal_handlers_disconnect_by_data (self->quotes, self);
  if (self->quotes_list != NULL)
    gtk_list_box_bind_model (self->quotes_list, NULL, NULL, NULL, NULL);
  g_clear_object (&self->quotes);
}

/* The quotes of a speaker may be in every document, and the list reads
 * them again after each change: it exists only while the page is shown. */
static void
bind_quotes (QmEntitiesPage *self)
{
  unbind_quotes (self);

  if (self->shown != NULL && self->history != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->quotes = qm_quote_list_new_for_entity (self->history, qm_entity_item_get_id (self->shown));
      g_signal_connect (self->quotes, "items-changed", G_CALLBACK (quotes_items_changed_cb), self);
      g_signal_connect (self->quotes, "failed", G_CALLBACK (model_failed_cb), self);
      gtk_list_box_bind_model (self->quotes_list, G_LIST_MODEL (self->quotes), create_quote_row, self, NULL);
    }

  update_quotes_stack (self);
}

static void
show_item (QmEntitiesPage *self,
           QmEntityItem   *item)
{
  if (self->shown == item)
    return;

  if (self->shown != NULL)
    g_signal_handlers_disconnect_by_data (self->shown, self);
  g_set_object (&self->shown, item);

  if (item != NULL)
    {
      g_signal_connect (item, "notify", G_CALLBACK (shown_item_notify_cb), self);
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), qm_entity_item_get_name (item));
      gtk_editable_set_text (GTK_EDITABLE (self->add_alias_row), "");
    }

  bind_quotes (self);
  update_detail (self);
}

static void
selection_changed_cb (GtkSingleSelection *selection,
                      GParamSpec         *pspec,
                      QmEntitiesPage     *self)
{
  QmEntityItem *item = gtk_single_selection_get_selected_item (selection);
  GtkStateFlags flags = gtk_widget_get_state_flags (GTK_WIDGET (self->entity_list_view));

  show_item (self, item);

  /* On a narrow window a click in the list opens the speaker; a selection
   * the list made itself (after a reload) does not. */
  if (item != NULL && adw_leaflet_get_folded (self->leaflet) && (flags & GTK_STATE_FLAG_FOCUS_WITHIN))
    adw_leaflet_set_visible_child_name (self->leaflet, "detail");
}

static void
filter_items_changed_cb (GListModel     *model,
                         guint           position,
                         guint           removed,
                         guint           added,
                         QmEntitiesPage *self)
{
  update_list_stack (self);
  /* Merge needs another speaker. */
  if (self->shown != NULL)
    gtk_widget_set_sensitive (GTK_WIDGET (self->merge_button),
                              g_list_model_get_n_items (G_LIST_MODEL (self->entities)) > 1);
}

static void
entity_list_view_activate_cb (GtkListView    *list_view,
                              guint           position,
                              QmEntitiesPage *self)
{
  gtk_single_selection_set_selected (self->selection, position);
  adw_leaflet_set_visible_child_name (self->leaflet, "detail");
}

static void
back_button_clicked_cb (GtkButton      *button,
                        QmEntitiesPage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
leaflet_folded_cb (AdwLeaflet     *leaflet,
                   GParamSpec     *pspec,
                   QmEntitiesPage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), adw_leaflet_get_folded (leaflet));
}

/* --- editing --- */

static void
name_row_apply_cb (AdwEntryRow    *row,
                   QmEntitiesPage *self)
{
  g_autoptr(QmEntity) entity = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (self->shown == NULL)
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  entity = copy_entity (qm_entity_item_get_entity (self->shown));
  if (g_strcmp0 (entity->name, name) == 0)
    return;

  g_free (entity->name);
  entity->name = g_strdup (name);
  /* TRANSLATORS: a toast; %s is the new name of a speaker */
  message = g_strdup_printf (_("Renamed to “%s”"), name);
  if (!save_entity (self, entity, message))
    gtk_editable_set_text (GTK_EDITABLE (row), qm_entity_item_get_name (self->shown));
}

static void
add_alias_row_apply_cb (AdwEntryRow    *row,
                        QmEntitiesPage *self)
{
  g_autoptr(QmEntity) entity = NULL;
  g_autofree char *alias = NULL;
  g_autofree char *message = NULL;

  if (self->shown == NULL)
    return;

  alias = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  if (*alias == '\0')
    return;

  entity = copy_entity (qm_entity_item_get_entity (self->shown));
  for (guint i = 0; i < entity->aliases->len; i++)
    if (g_strcmp0 (g_ptr_array_index (entity->aliases, i), alias) == 0)
      {
        gtk_editable_set_text (GTK_EDITABLE (row), "");
        return;
      }

  g_ptr_array_add (entity->aliases, g_strdup (alias));
  /* TRANSLATORS: a toast; %s is a new alias of a speaker */
  message = g_strdup_printf (_("Alias “%s” added"), alias);
  if (save_entity (self, entity, message))
    gtk_editable_set_text (GTK_EDITABLE (row), "");
}

static void
merge_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   QmEntitiesPage   *self)
{
  const char *from_id = qm_merge_dialog_get_chosen_id (QM_MERGE_DIALOG (dialog));
  g_autoptr(GError) error = NULL;
  g_autofree char *into_id = NULL;
  g_autofree char *from_name = NULL;
  g_autofree char *message = NULL;
  guint position;

  if (!g_str_equal (response, "merge") || from_id == NULL || self->shown == NULL || self->history == NULL)
    return;

  into_id = g_strdup (qm_entity_item_get_id (self->shown));
  position = qm_entity_list_find (self->entities, from_id);
  if (position != G_MAXUINT)
    {
      g_autoptr(QmEntityItem) from = g_list_model_get_item (G_LIST_MODEL (self->entities), position);

      from_name = g_strdup (qm_entity_item_get_name (from));
    }

  if (!qm_history_merge_entities (self->history, into_id, from_id, &error))
    {
      show_error (self, error);
      return;
    }

  /* TRANSLATORS: a toast; the first %s is the speaker merged away, the
   * second the one that remains */
  message = g_strdup_printf (_("“%s” merged into “%s”"), from_name != NULL ? from_name : from_id,
                             qm_entity_item_get_name (self->shown));
  show_toast (self, message, TRUE);
}

GtkWidget *
qm_entities_page_show_merge_dialog (QmEntitiesPage *self)
{
  QmMergeDialog *dialog;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  const char *name;
  guint n;

  g_return_val_if_fail (QM_IS_ENTITIES_PAGE (self), NULL);

  if (self->shown == NULL)
    return NULL;

  name = qm_entity_item_get_name (self->shown);
  /* TRANSLATORS: the heading of the merge dialog; %s is a speaker */
  heading = g_strdup_printf (_("Merge Into “%s”"), name);
  /* TRANSLATORS: %s is a speaker */
  body = g_strdup_printf (_("Choose the speaker who is the same person as “%s”. Their mentions and quotes will be attributed to “%s”, and their names kept as aliases."),
                          name, name);
  dialog = qm_merge_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading, body);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->entities));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(QmEntityItem) item = g_list_model_get_item (G_LIST_MODEL (self->entities), i);
      g_autofree char *detail = NULL;

      if (item == self->shown)
        continue;
      detail = format_quotes_and_documents (qm_entity_item_get_n_quotes (item),
                                            qm_entity_item_get_n_documents (item));
      qm_merge_dialog_add_candidate (dialog, qm_entity_item_get_id (item), qm_entity_item_get_name (item), detail);
    }

  g_signal_connect_object (dialog, "response", G_CALLBACK (merge_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WIDGET (dialog);
}

static void
merge_button_clicked_cb (GtkButton      *button,
                         QmEntitiesPage *self)
{
  qm_entities_page_show_merge_dialog (self);
}

/* --- GtkWidget and GObject --- */

static void
qm_entities_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (qm_entities_page_parent_class)->map (widget);

  bind_quotes (QM_ENTITIES_PAGE (widget));
}

static void
qm_entities_page_unmap (GtkWidget *widget)
{
  unbind_quotes (QM_ENTITIES_PAGE (widget));

  GTK_WIDGET_CLASS (qm_entities_page_parent_class)->unmap (widget);
}

static void
clear_models (QmEntitiesPage *self)
{
  show_item (self, NULL);

  if (self->entities != NULL)
    g_signal_handlers_disconnect_by_data (self->entities, self);
  if (self->filter_model != NULL)
    g_signal_handlers_disconnect_by_data (self->filter_model, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->entity_list_view != NULL)
    gtk_list_view_set_model (self->entity_list_view, NULL);

  g_clear_object (&self->selection);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->entities);
}

static void
qm_entities_page_dispose (GObject *object)
{
  QmEntitiesPage *self = QM_ENTITIES_PAGE (object);
  GtkWidget *child;

  clear_models (self);
  g_clear_object (&self->history);
  gtk_widget_dispose_template (GTK_WIDGET (self), QM_TYPE_ENTITIES_PAGE);
  /* Template children without an id are not cleared by the above. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->add_alias_row);
  g_clear_object (&self->filter);

  G_OBJECT_CLASS (qm_entities_page_parent_class)->dispose (object);
}

static void
qm_entities_page_finalize (GObject *object)
{
  QmEntitiesPage *self = QM_ENTITIES_PAGE (object);

  g_free (self->search);
  g_free (self->shown_aliases);
  g_ptr_array_unref (self->alias_rows);

  G_OBJECT_CLASS (qm_entities_page_parent_class)->finalize (object);
}

static void
qm_entities_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  QmEntitiesPage *self = QM_ENTITIES_PAGE (object);

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
qm_entities_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  QmEntitiesPage *self = QM_ENTITIES_PAGE (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      qm_entities_page_set_history (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qm_entities_page_class_init (QmEntitiesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qm_entities_page_dispose;
  object_class->finalize = qm_entities_page_finalize;
  object_class->get_property = qm_entities_page_get_property;
  object_class->set_property = qm_entities_page_set_property;
  widget_class->map = qm_entities_page_map;
  widget_class->unmap = qm_entities_page_unmap;

  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL,
                         QM_TYPE_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * QmEntitiesPage::quote-activated:
   * @self: the page
   * @document_id: the document of the quote
   * @span_id: the quote
   *
   * A quote in the list of the selected speaker was activated; the window
   * shows it in its document.
   */
  signals[QUOTE_ACTIVATED] =
    g_signal_new ("quote-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/quotemark/Quotemark/qm-entities-page.ui");
  gtk_widget_class_bind_template_child (widget_class, QmEntitiesPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, QmEntitiesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, QmEntitiesPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, QmEntitiesPage, entity_list_view);
  gtk_widget_class_bind_template_child (widget_class, QmEntitiesPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, QmEntitiesPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, QmEntitiesPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, QmEntitiesPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, QmEntitiesPage, merge_button);
  gtk_widget_class_bind_template_child (widget_class, QmEntitiesPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, QmEntitiesPage, aliases_group);
  gtk_widget_class_bind_template_child (widget_class, QmEntitiesPage, quotes_stack);
  gtk_widget_class_bind_template_child (widget_class, QmEntitiesPage, quotes_list);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entity_list_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, merge_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, name_row_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, quotes_list_row_activated_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
qm_entities_page_init (QmEntitiesPage *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->alias_rows = g_ptr_array_new ();
  self->add_alias_row = g_object_ref_sink (ADW_ENTRY_ROW (adw_entry_row_new ()));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->add_alias_row), _("Add an Alias"));
  adw_entry_row_set_show_apply_button (self->add_alias_row, TRUE);
  g_signal_connect (self->add_alias_row, "apply", G_CALLBACK (add_alias_row_apply_cb), self);
  adw_preferences_group_add (self->aliases_group, GTK_WIDGET (self->add_alias_row));

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (row_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (row_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (row_unbind_cb), self);
  gtk_list_view_set_factory (self->entity_list_view, factory);

  leaflet_folded_cb (self->leaflet, NULL, self);
  update_list_stack (self);
  update_detail (self);
}

GtkWidget *
qm_entities_page_new (void)
{
  return g_object_new (QM_TYPE_ENTITIES_PAGE, NULL);
}

void
qm_entities_page_set_history (QmEntitiesPage *self,
                              QmHistory      *history)
{
  g_return_if_fail (QM_IS_ENTITIES_PAGE (self));
  g_return_if_fail (history == NULL || QM_IS_HISTORY (history));

  if (self->history == history)
    return;

  clear_models (self);
  g_set_object (&self->history, history);

  if (history != NULL)
    {
      self->entities = qm_entity_list_new (history);
      self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->entities)),
                                                      g_object_ref (GTK_FILTER (self->filter)));
      self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filter_model)));
      gtk_single_selection_set_autoselect (self->selection, TRUE);

      g_signal_connect (self->entities, "failed", G_CALLBACK (model_failed_cb), self);
      g_signal_connect (self->filter_model, "items-changed", G_CALLBACK (filter_items_changed_cb), self);
      g_signal_connect (self->selection, "notify::selected-item", G_CALLBACK (selection_changed_cb), self);
      gtk_list_view_set_model (self->entity_list_view, GTK_SELECTION_MODEL (self->selection));
      show_item (self, gtk_single_selection_get_selected_item (self->selection));
    }

  update_list_stack (self);
  update_detail (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

QmHistory *
qm_entities_page_get_history (QmEntitiesPage *self)
{
  g_return_val_if_fail (QM_IS_ENTITIES_PAGE (self), NULL);

  return self->history;
}

QmEntityList *
qm_entities_page_get_entities (QmEntitiesPage *self)
{
  g_return_val_if_fail (QM_IS_ENTITIES_PAGE (self), NULL);

  return self->entities;
}

gboolean
qm_entities_page_select_entity (QmEntitiesPage *self,
                                const char     *entity_id)
{
  guint n;

  g_return_val_if_fail (QM_IS_ENTITIES_PAGE (self), FALSE);

  if (self->entities == NULL || qm_entity_list_find (self->entities, entity_id) == G_MAXUINT)
    return FALSE;

  /* A search that hides it gives way. */
  for (int attempt = 0; attempt < 2; attempt++)
    {
      n = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(QmEntityItem) item = g_list_model_get_item (G_LIST_MODEL (self->filter_model), i);

          if (g_str_equal (qm_entity_item_get_id (item), entity_id))
            {
              gtk_single_selection_set_selected (self->selection, i);
              return TRUE;
            }
        }
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      search_changed_cb (self->search_entry, self);
    }

  return FALSE;
}

const char *
qm_entities_page_get_selected_id (QmEntitiesPage *self)
{
  g_return_val_if_fail (QM_IS_ENTITIES_PAGE (self), NULL);

  return self->shown != NULL ? qm_entity_item_get_id (self->shown) : NULL;
}
