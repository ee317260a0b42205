/* qm-quotes-table.c: the table of the quotes of the open document. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "qm-overview.h"
#include "qm-quotes-table.h"

typedef enum
{
  COLUMN_QUOTE,
  COLUMN_SPEAKER,
  COLUMN_CUE,
  COLUMN_STANCE,
} ColumnKind;

struct _QmQuotesTable
{
  GtkWidget           parent_instance;

  QmDocumentView     *view;
  QmQuoteList        *quotes;
  GtkSingleSelection *selection;
  /* The targets that have a column, in column order. */
  GStrv               target_ids;

  GtkStack           *stack;
  GtkColumnView      *column_view;
};

G_DEFINE_FINAL_TYPE (QmQuotesTable, qm_quotes_table, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_error (QmQuotesTable *self,
            const GError  *error)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (escaped));
  else
    g_warning ("%s", error->message);
}

/* --- cells --- */

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_list_item_set_child (list_item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  ColumnKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "qm-kind"));
  QmQuoteItem *item = gtk_list_item_get_item (list_item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));
  const char *text = NULL;

  switch (kind)
    {
    case COLUMN_QUOTE:
      text = qm_quote_item_get_snippet (item);
      gtk_widget_set_tooltip_text (GTK_WIDGET (label), qm_quote_item_get_text (item));
      break;
    case COLUMN_SPEAKER:
      text = qm_quote_item_get_speaker (item);
      break;
    case COLUMN_CUE:
      text = qm_quote_item_get_cue (item);
      break;
    case COLUMN_STANCE:
      {
        const char *value = qm_quote_item_get_stance (item, g_object_get_data (G_OBJECT (factory), "qm-target-id"));

        text = value != NULL ? qm_overview_stance_value_label (value) : NULL;
      }
      break;
    default:
      g_assert_not_reached ();
    }

  gtk_label_set_text (label, text != NULL ? text : "");
}

static GtkColumnViewColumn *
create_column (const char *title,
               ColumnKind  kind,
               const char *target_id)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_object_set_data (G_OBJECT (factory), "qm-kind", GINT_TO_POINTER (kind));
  g_object_set_data_full (G_OBJECT (factory), "qm-target-id", g_strdup (target_id), g_free);
  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), NULL);

  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_expand (column, kind == COLUMN_QUOTE);
  return column;
}

/* A column per target judged on a quote of the document, by name. */
static void
update_stance_columns (QmQuotesTable *self)
{
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) targets = g_ptr_array_new ();
  g_auto(GStrv) target_ids = NULL;
  GListModel *columns;
  guint n_items = self->quotes != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->quotes)) : 0;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(QmQuoteItem) item = g_list_model_get_item (G_LIST_MODEL (self->quotes), i);
      GPtrArray *stances = qm_quote_item_get_stances (item);

      for (guint j = 0; j < stances->len; j++)
        {
          QmStance *stance = g_ptr_array_index (stances, j);

          if (g_hash_table_add (seen, stance->target_id))
            g_ptr_array_add (targets, stance);
        }
    }

  for (guint i = 0; i < targets->len; i++)
    g_strv_builder_add (ids, ((QmStance *) g_ptr_array_index (targets, i))->target_id);
  target_ids = g_strv_builder_end (ids);

  /* Renames show in the titles; the columns stay when the targets do. */
  columns = gtk_column_view_get_columns (self->column_view);
  if (self->target_ids != NULL && g_strv_equal ((const char * const *) self->target_ids,
                                                (const char * const *) target_ids))
    {
      for (guint i = 0; i < targets->len; i++)
        {
          g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 3 + i);
          QmStance *stance = g_ptr_array_index (targets, i);

          gtk_column_view_column_set_title (column, stance->target_name);
        }
      return;
    }

  while (g_list_model_get_n_items (columns) > 3)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 3);

      gtk_column_view_remove_column (self->column_view, column);
    }

  for (guint i = 0; i < targets->len; i++)
    {
      QmStance *stance = g_ptr_array_index (targets, i);
      g_autoptr(GtkColumnViewColumn) column = create_column (stance->target_name, COLUMN_STANCE, stance->target_id);

      gtk_column_view_append_column (self->column_view, column);
    }

  g_strfreev (self->target_ids);
  self->target_ids = g_steal_pointer (&target_ids);
}

/* --- following the view --- */

static void
select_row_of_view_selection (QmQuotesTable *self)
{
  QmSpan *span = self->view != NULL ? qm_document_view_get_selected_span (self->view) : NULL;
  guint position = span != NULL && self->quotes != NULL ? qm_quote_list_find (self->quotes, span->id) : G_MAXUINT;

  if (self->selection == NULL)
    return;

  if (position == G_MAXUINT)
    gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  else
    gtk_single_selection_set_selected (self->selection, position);
}

static void
quotes_items_changed_cb (GListModel    *model,
                         guint          position,
                         guint          removed,
                         guint          added,
                         QmQuotesTable *self)
{
  update_stance_columns (self);
  gtk_stack_set_visible_child_name (self->stack, g_list_model_get_n_items (model) > 0 ? "table" : "empty");
}

static void
quotes_failed_cb (QmQuoteList   *quotes,
                  const GError  *error,
                  QmQuotesTable *self)
{
  show_error (self, error);
}

static void
clear_quotes (QmQuotesTable *self)
{
  if (self->quotes != NULL)
    g_signal_handlers_disconnect_by_data (self->quotes, self);
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->quotes);
}

static void
reload (QmQuotesTable *self)
{
  QmHistory *history = NULL;
  const char *document_id = NULL;

  clear_quotes (self);

  if (self->view != NULL)
    {
      history = qm_document_view_get_history (self->view);
      document_id = qm_document_view_get_document_id (self->view);
    }

  if (history != NULL && document_id != NULL)
    {
      self->quotes = qm_quote_list_new_for_document (history, document_id,
                                                     qm_document_view_get_annotator (self->view));
      g_signal_connect (self->quotes, "items-changed", G_CALLBACK (quotes_items_changed_cb), self);
      g_signal_connect (self->quotes, "failed", G_CALLBACK (quotes_failed_cb), self);

      self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->quotes)));
      gtk_single_selection_set_autoselect (self->selection, FALSE);
      gtk_single_selection_set_can_unselect (self->selection, TRUE);
      gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
    }

  update_stance_columns (self);
  gtk_stack_set_visible_child_name (self->stack,
                                    self->quotes != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->quotes)) > 0 ?
                                    "table" : "empty");
  select_row_of_view_selection (self);
}

static void
view_changed_cb (QmDocumentView *view,
                 GParamSpec     *pspec,
                 QmQuotesTable  *self)
{
  reload (self);
}

static void
view_selection_changed_cb (QmDocumentView *view,
                           QmQuotesTable  *self)
{
  select_row_of_view_selection (self);
}

static void
column_view_activate_cb (GtkColumnView *column_view,
                         guint          position,
                         QmQuotesTable *self)
{
  g_autoptr(QmQuoteItem) item = NULL;

  if (self->quotes == NULL || self->view == NULL)
    return;

  item = g_list_model_get_item (G_LIST_MODEL (self->quotes), position);
  if (item != NULL)
    qm_document_view_select_span (self->view, qm_quote_item_get_span_id (item));
}

/* --- GObject --- */

static void
qm_quotes_table_dispose (GObject *object)
{
  QmQuotesTable *self = QM_QUOTES_TABLE (object);
  GtkWidget *child;

  qm_quotes_table_set_view (self, NULL);
  clear_quotes (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), QM_TYPE_QUOTES_TABLE);
  /* Template children without an id are not cleared by the above. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (qm_quotes_table_parent_class)->dispose (object);
}

static void
qm_quotes_table_finalize (GObject *object)
{
  QmQuotesTable *self = QM_QUOTES_TABLE (object);

  g_strfreev (self->target_ids);

  G_OBJECT_CLASS (qm_quotes_table_parent_class)->finalize (object);
}

static void
qm_quotes_table_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  QmQuotesTable *self = QM_QUOTES_TABLE (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      g_value_set_object (value, self->view);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qm_quotes_table_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  QmQuotesTable *self = QM_QUOTES_TABLE (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      qm_quotes_table_set_view (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qm_quotes_table_class_init (QmQuotesTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qm_quotes_table_dispose;
  object_class->finalize = qm_quotes_table_finalize;
  object_class->get_property = qm_quotes_table_get_property;
  object_class->set_property = qm_quotes_table_set_property;

  properties[PROP_VIEW] =
    g_param_spec_object ("view", NULL, NULL,
                         QM_TYPE_DOCUMENT_VIEW,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/quotemark/Quotemark/qm-quotes-table.ui");
  gtk_widget_class_bind_template_child (widget_class, QmQuotesTable, stack);
  gtk_widget_class_bind_template_child (widget_class, QmQuotesTable, column_view);
  gtk_widget_class_bind_template_callback (widget_class, column_view_activate_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "quotestable");
}

static void
qm_quotes_table_init (QmQuotesTable *self)
{
  g_autoptr(GtkColumnViewColumn) quote = NULL;
  g_autoptr(GtkColumnViewColumn) speaker = NULL;
  g_autoptr(GtkColumnViewColumn) cue = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  quote = create_column (_("Quote"), COLUMN_QUOTE, NULL);
  speaker = create_column (_("Speaker"), COLUMN_SPEAKER, NULL);
  cue = create_column (_("Cue"), COLUMN_CUE, NULL);
  gtk_column_view_append_column (self->column_view, quote);
  gtk_column_view_append_column (self->column_view, speaker);
  gtk_column_view_append_column (self->column_view, cue);
}

GtkWidget *
qm_quotes_table_new (void)
{
  return g_object_new (QM_TYPE_QUOTES_TABLE, NULL);
}

void
qm_quotes_table_set_view (QmQuotesTable  *self,
                          QmDocumentView *view)
{
  g_return_if_fail (QM_IS_QUOTES_TABLE (self));
  g_return_if_fail (view == NULL || QM_IS_DOCUMENT_VIEW (view));

  if (self->view == view)
    return;

  if (self->view != NULL)
    g_signal_handlers_disconnect_by_data (self->view, self);
  g_set_object (&self->view, view);
  if (view != NULL)
    {
      g_signal_connect (view, "notify::document-id", G_CALLBACK (view_changed_cb), self);
      g_signal_connect (view, "notify::annotator", G_CALLBACK (view_changed_cb), self);
      g_signal_connect (view, "notify::history", G_CALLBACK (view_changed_cb), self);
      g_signal_connect (view, "selection-changed", G_CALLBACK (view_selection_changed_cb), self);
    }

  /* In dispose the template children are gone already. */
  if (self->column_view != NULL)
    reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

QmDocumentView *
qm_quotes_table_get_view (QmQuotesTable *self)
{
  g_return_val_if_fail (QM_IS_QUOTES_TABLE (self), NULL);

  return self->view;
}

QmQuoteList *
qm_quotes_table_get_quotes (QmQuotesTable *self)
{
  g_return_val_if_fail (QM_IS_QUOTES_TABLE (self), NULL);

  return self->quotes;
}
