/* qm-inspector.c: the selected annotation's label, attributes, links, speaker and stances. */
#include "config.h"

#include <string.h>
#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "qm-error.h"
#include "qm-inspector.h"
#include "qm-overview.h"
#include "qm-text.h"

/* Span text in rows and drop-down items is cut at this many characters. */
#define QUOTED_CHARS 48
/* The id an entity drop-down item stands for when it creates a speaker. */
#define NEW_ENTITY "\001new"
/* The id of the "New target…" item of a target drop-down. */
#define NEW_TARGET "\001new"

struct _QmInspector
{
  GtkWidget            parent_instance;

  QmHistory           *history;
  char                *annotator;
  QmSpanList          *spans;
  char                *span_id;
  /* The document of @spans and its text, for the text of spans. */
  char                *document_id;
  char                *text;

  guint                rebuild_id;
  /* Set while the panel fills its widgets, whose change signals are then
   * not the user's. */
  gboolean             updating;
  /* Rows made for the span shown, removed when it changes. */
  GPtrArray           *rows;

  /* "New target…" was chosen: in the judgement on this target, or "" in the
   * row that adds one; NULL otherwise. */
  char                *new_target_for;
  /* What the row that adds a judgement holds so far. */
  char                *add_target_id;
  char                *add_value;

  /* Template children */
  GtkStack            *stack;
  AdwComboRow         *label_row;
  AdwActionRow        *annotator_row;
  GtkLabel            *text_label;
  AdwPreferencesGroup *attributes_group;
  AdwPreferencesGroup *entity_group;
  AdwActionRow        *entity_row;
  GtkDropDown         *entity_dropdown;
  AdwPreferencesGroup *links_group;
  AdwPreferencesGroup *stances_group;
  GtkButton           *delete_button;
};

G_DEFINE_FINAL_TYPE (QmInspector, qm_inspector, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_HISTORY,
  PROP_ANNOTATOR,
  PROP_SPANS,
  PROP_SPAN_ID,
  N_PROPS
};

enum {
  NOTICE,
  FAILED,
  SPAN_ACTIVATED,
  LEAVE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void rebuild            (QmInspector *self);
static void schedule_rebuild   (QmInspector *self);

static QmStore *
get_store (QmInspector *self)
{
  return self->history != NULL ? qm_history_get_store (self->history) : NULL;
}

static QmSchema *
get_schema (QmInspector *self)
{
  QmStore *store = get_store (self);

  return store != NULL ? qm_store_get_schema (store) : NULL;
}

static void
report_error (QmInspector  *self,
              const GError *error)
{
  gtk_widget_error_bell (GTK_WIDGET (self));
  g_signal_emit (self, signals[FAILED], 0, error);
}

/* The span with this id in the document's list; owned by the list. */
static QmSpan *
find_span (QmInspector *self,
           const char  *span_id)
{
  g_autoptr(QmSpanItem) item = NULL;
  guint position;

  if (self->spans == NULL || span_id == NULL)
    return NULL;
  position = qm_span_list_find (self->spans, span_id);
  if (position == G_MAXUINT)
    return NULL;
  item = g_list_model_get_item (G_LIST_MODEL (self->spans), position);
  return qm_span_item_get_span (item);
}

static char *
span_text (QmInspector *self,
           QmSpan      *span)
{
  const char *start, *end;
  glong n_chars;

  if (self->text == NULL)
    return g_strdup ("");
  n_chars = g_utf8_strlen (self->text, -1);
  start = g_utf8_offset_to_pointer (self->text, MIN (span->start, n_chars));
  end = g_utf8_offset_to_pointer (self->text, MIN (span->end, n_chars));
  return g_strndup (start, end - start);
}

/* One line, cut short: for rows and drop-down items. */
static char *
short_text (QmInspector *self,
            QmSpan      *span)
{
  g_autofree char *text = span_text (self, span);

  g_strdelimit (text, "\n\t", ' ');
  if (g_utf8_strlen (text, -1) > QUOTED_CHARS)
    {
      g_autofree char *cut = g_utf8_substring (text, 0, QUOTED_CHARS);

      return g_strconcat (cut, "…", NULL);
    }
  return g_steal_pointer (&text);
}

/* --- changes --- */

static gboolean
check_ready (QmInspector  *self,
             QmSpan      **span,
             GError      **error)
{
  *span = find_span (self, self->span_id);
  if (self->history == NULL || *span == NULL)
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_FAILED, _("Select an annotation first"));
      return FALSE;
    }
  if (self->annotator == NULL)
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_FAILED,
                           _("No annotator name is set; set yours in Preferences"));
      return FALSE;
    }
  return TRUE;
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  QmInspector *self = QM_INSPECTOR (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *span_id = NULL;
  QmSpan *span;

  if (!check_ready (self, &span, &error))
    {
      report_error (self, error);
      return;
    }
  span_id = g_strdup (span->id);
  /* Translators: a toast with an Undo button: "Quote deleted" */
  message = g_strdup_printf (_("%s deleted"), qm_schema_display_name (span->label));
  if (!qm_history_delete_span (self->history, span_id, &error))
    {
      report_error (self, error);
      return;
    }
  g_signal_emit (self, signals[NOTICE], 0, message, TRUE);
}

static void
set_label_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  QmInspector *self = QM_INSPECTOR (widget);
  g_autoptr(GError) error = NULL;
  const char *label = g_variant_get_string (parameter, NULL);
  QmSpan *span;

  if (!check_ready (self, &span, &error) ||
      (g_strcmp0 (span->label, label) != 0 &&
       !qm_history_relabel_span (self->history, span->id, label, &error)))
    report_error (self, error);
}

static void
set_attribute_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  QmInspector *self = QM_INSPECTOR (widget);
  g_autoptr(GError) error = NULL;
  const char *name, *value;
  QmSpan *span;

  g_variant_get (parameter, "(&s&s)", &name, &value);
  if (!check_ready (self, &span, &error) ||
      !qm_history_set_attribute (self->history, span->id, name, *value != '\0' ? value : NULL, &error))
    report_error (self, error);
}

static void
add_link_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  QmInspector *self = QM_INSPECTOR (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(QmRelation) relation = NULL;
  const QmRelationDef *def;
  QmSpan *span, *target;

  if (!check_ready (self, &span, &error))
    {
      report_error (self, error);
      return;
    }
  target = find_span (self, g_variant_get_string (parameter, NULL));
  def = target != NULL ? qm_schema_find_relation_between (get_schema (self), span->label, target->label) : NULL;
  if (def == NULL)
    {
      g_set_error_literal (&error, QM_ERROR, QM_ERROR_INVALID_DATA,
                           _("This annotation cannot be linked to that one"));
      report_error (self, error);
      return;
    }

  relation = qm_relation_new ();
  relation->type = g_strdup (def->name);
  relation->from_id = g_strdup (span->id);
  relation->to_id = g_strdup (target->id);
  relation->annotator = g_strdup (self->annotator);
  if (!qm_history_add_relation (self->history, relation, &error))
    report_error (self, error);
}

static void
remove_link_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  QmInspector *self = QM_INSPECTOR (widget);
  g_autoptr(GError) error = NULL;
  QmSpan *span;

  if (!check_ready (self, &span, &error) ||
      !qm_history_delete_relation (self->history, g_variant_get_string (parameter, NULL), &error))
    report_error (self, error);
}

static void
set_entity_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  QmInspector *self = QM_INSPECTOR (widget);
  g_autoptr(GError) error = NULL;
  const char *entity_id = g_variant_get_string (parameter, NULL);
  QmSpan *span;

  if (!check_ready (self, &span, &error))
    {
      report_error (self, error);
      return;
    }
  if (*entity_id == '\0')
    entity_id = NULL;
  if (g_strcmp0 (span->entity_id, entity_id) != 0 &&
      !qm_history_set_entity (self->history, span->id, entity_id, &error))
    report_error (self, error);
}

/* A speaker named after the mention, and the mention pointed at it: one
 * step of undo. */
static void
new_entity_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  QmInspector *self = QM_INSPECTOR (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(QmEntity) entity = NULL;
  g_autofree char *span_id = NULL;
  QmSpan *span;
  gboolean ok;

  if (!check_ready (self, &span, &error))
    {
      report_error (self, error);
      return;
    }
  span_id = g_strdup (span->id);
  entity = qm_entity_new ();
  entity->name = g_strstrip (span_text (self, span));

  qm_history_begin_group (self->history);
  ok = qm_history_create_entity (self->history, entity, &error) &&
       qm_history_set_entity (self->history, span_id, entity->id, &error);
  qm_history_end_group (self->history);
  if (!ok)
    report_error (self, error);
}

/* The annotator's judgement of the span shown on @target_id; NULL with
 * @error unset when there is none. */
static QmStance *
find_judgement (QmInspector  *self,
                const char   *target_id,
                GError      **error)
{
  g_autoptr(GPtrArray) stances = NULL;
  QmStore *store = get_store (self);

  if (store == NULL || self->document_id == NULL)
    return NULL;
  stances = qm_store_list_stances (store, self->document_id, self->annotator, error);
  for (guint i = 0; stances != NULL && i < stances->len; i++)
    {
      QmStance *stance = g_ptr_array_index (stances, i);

      if (g_strcmp0 (stance->span_id, self->span_id) == 0 &&
          g_strcmp0 (stance->target_id, target_id) == 0)
        return qm_stance_ref (stance);
    }
  return NULL;
}

static gboolean
set_stance (QmInspector  *self,
            const char   *target_id,
            const char   *value,
            GError      **error)
{
  g_autoptr(QmStance) stance = qm_stance_new ();
  QmSpan *span;

  if (!check_ready (self, &span, error))
    return FALSE;
  stance->span_id = g_strdup (span->id);
  stance->target_id = g_strdup (target_id);
  stance->value = g_strdup (value);
  stance->annotator = g_strdup (self->annotator);
  return qm_history_set_stance (self->history, stance, error);
}

static void
set_stance_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  QmInspector *self = QM_INSPECTOR (widget);
  g_autoptr(GError) error = NULL;
  const char *target_id, *value;

  g_variant_get (parameter, "(&s&s)", &target_id, &value);
  if (!set_stance (self, target_id, value, &error))
    report_error (self, error);
}

/* The same judgement on another target: one step of undo. */
static gboolean
retarget_stance (QmInspector  *self,
                 const char   *old_target_id,
                 const char   *new_target_id,
                 GError      **error)
{
  g_autoptr(QmStance) old = NULL;
  g_autoptr(QmStance) clash = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  old = find_judgement (self, old_target_id, &local_error);
  if (local_error == NULL)
    clash = find_judgement (self, new_target_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (old == NULL)
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_NOT_FOUND,
                           _("This stance no longer exists; it may have been removed"));
      return FALSE;
    }
  if (clash != NULL)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_DUPLICATE,
                   _("This quote already has a stance on “%s”; change that one instead"),
                   clash->target_name);
      return FALSE;
    }

  qm_history_begin_group (self->history);
  ok = qm_history_delete_stance (self->history, old->span_id, old_target_id, self->annotator, error) &&
       set_stance (self, new_target_id, old->value, error);
  qm_history_end_group (self->history);
  return ok;
}

static void
retarget_stance_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  QmInspector *self = QM_INSPECTOR (widget);
  g_autoptr(GError) error = NULL;
  const char *old_target_id, *new_target_id;
  QmSpan *span;

  g_variant_get (parameter, "(&s&s)", &old_target_id, &new_target_id);
  if (!check_ready (self, &span, &error) ||
      !retarget_stance (self, old_target_id, new_target_id, &error))
    report_error (self, error);
}

static void
remove_stance_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  QmInspector *self = QM_INSPECTOR (widget);
  g_autoptr(GError) error = NULL;
  QmSpan *span;

  if (!check_ready (self, &span, &error) ||
      !qm_history_delete_stance (self->history, span->id, g_variant_get_string (parameter, NULL),
                                 self->annotator, &error))
    report_error (self, error);
}

/* Once the add row has a target and a value, the judgement is made. */
static void
commit_add_row (QmInspector *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *target_id = NULL;
  g_autofree char *value = NULL;

  if (self->add_target_id == NULL || self->add_value == NULL)
    return;
  target_id = g_steal_pointer (&self->add_target_id);
  value = g_steal_pointer (&self->add_value);
  if (!set_stance (self, target_id, value, &error))
    report_error (self, error);
}

static void
new_target_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  QmInspector *self = QM_INSPECTOR (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(QmTarget) target = NULL;
  g_autofree char *name = g_strstrip (g_variant_dup_string (parameter, NULL));
  g_autofree char *for_target = NULL;
  QmSpan *span;

  if (!check_ready (self, &span, &error))
    {
      report_error (self, error);
      return;
    }
  if (*name == '\0')
    {
      g_set_error_literal (&error, QM_ERROR, QM_ERROR_INVALID_DATA,
                           _("Type a name for the new target, such as “Ceasefire”"));
      report_error (self, error);
      return;
    }

  target = qm_history_create_target (self->history, name, &error);
  if (target == NULL)
    {
      report_error (self, error);
      return;
    }

  for_target = g_steal_pointer (&self->new_target_for);
  if (for_target != NULL && *for_target != '\0')
    {
      if (!retarget_stance (self, for_target, target->id, &error))
        report_error (self, error);
    }
  else
    {
      g_free (self->add_target_id);
      self->add_target_id = g_strdup (target->id);
      commit_add_row (self);
    }
  schedule_rebuild (self);
}

static void
select_span_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_signal_emit (widget, signals[SPAN_ACTIVATED], 0, g_variant_get_string (parameter, NULL));
}

static void
leave_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_signal_emit (widget, signals[LEAVE], 0);
}

/* --- building the rows --- */

/* Drop-downs keep the id each item stands for (NULL for none). */
static GPtrArray *
get_ids (gpointer widget)
{
  return g_object_get_data (G_OBJECT (widget), "qm-ids");
}

static const char *
selected_id (gpointer widget,
             guint    position)
{
  GPtrArray *ids = get_ids (widget);

  return ids != NULL && position < ids->len ? g_ptr_array_index (ids, position) : NULL;
}

static guint
position_of (GPtrArray  *ids,
             const char *id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (ids, i), id) == 0)
      return i;
  return 0;
}

static void
item_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  max_chars)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (max_chars) > 0)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), GPOINTER_TO_INT (max_chars));
    }
  gtk_list_item_set_child (item, label);
}

static void
item_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  max_chars)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (string));
}

/* The button of a drop-down shows its choice cut short, so that a long
 * speaker or target name leaves room for the row's title; the list shows
 * names whole. */
static void
set_factories (GtkDropDown *dropdown,
               int          max_chars)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) list_factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (item_setup_cb), GINT_TO_POINTER (max_chars));
  g_signal_connect (factory, "bind", G_CALLBACK (item_bind_cb), NULL);
  g_signal_connect (list_factory, "setup", G_CALLBACK (item_setup_cb), GINT_TO_POINTER (0));
  g_signal_connect (list_factory, "bind", G_CALLBACK (item_bind_cb), NULL);
  gtk_drop_down_set_factory (dropdown, factory);
  gtk_drop_down_set_list_factory (dropdown, list_factory);
}

/* A drop-down over @names whose items stand for @ids, searchable by name. */
static GtkWidget *
create_dropdown (GtkStringList *names,
                 GPtrArray     *ids,
                 const char    *selected,
                 const char    *accessible_label)
{
  GtkExpression *expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  /* Both are taken over by the drop-down. */
  GtkWidget *dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), expression);

  g_object_set_data_full (G_OBJECT (dropdown), "qm-ids", g_ptr_array_ref (ids),
                          (GDestroyNotify) g_ptr_array_unref);
  set_factories (GTK_DROP_DOWN (dropdown), 14);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), position_of (ids, selected));
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  -1);
  return dropdown;
}

static void
add_row (QmInspector         *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  g_object_set_data (G_OBJECT (row), "qm-group", group);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
}

static void
clear_rows (QmInspector *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      adw_preferences_group_remove (g_object_get_data (G_OBJECT (row), "qm-group"), row);
    }
  g_ptr_array_set_size (self->rows, 0);
}

static GtkWidget *
create_remove_button (const char *action,
                      const char *target,
                      const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("list-remove-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", target);
  return button;
}

static void
label_row_selected_cb (AdwComboRow *row,
                       GParamSpec  *pspec,
                       QmInspector *self)
{
  QmSchema *schema = get_schema (self);
  guint position = adw_combo_row_get_selected (row);

  if (self->updating || schema == NULL || position >= qm_schema_get_n_labels (schema))
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "inspector.set-label", "s",
                              qm_schema_get_label (schema, position)->name);
}

static void
fill_label_row (QmInspector *self,
                QmSpan      *span)
{
  QmSchema *schema = get_schema (self);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0;

  for (guint i = 0; i < qm_schema_get_n_labels (schema); i++)
    {
      const QmLabelDef *def = qm_schema_get_label (schema, i);

      gtk_string_list_append (names, qm_schema_display_name (def->name));
      if (g_strcmp0 (def->name, span->label) == 0)
        selected = i;
    }
  adw_combo_row_set_model (self->label_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->label_row, selected);
}

static void
attribute_selected_cb (AdwComboRow *row,
                       GParamSpec  *pspec,
                       QmInspector *self)
{
  const char *value;

  if (self->updating)
    return;
  value = selected_id (row, adw_combo_row_get_selected (row));
  gtk_widget_activate_action (GTK_WIDGET (self), "inspector.set-attribute", "(ss)",
                              g_object_get_data (G_OBJECT (row), "qm-name"),
                              value != NULL ? value : "");
}

/* One row per attribute of the label, with "—" for none. */
static void
fill_attributes (QmInspector      *self,
                 QmSpan           *span,
                 const QmLabelDef *def)
{
  for (guint i = 0; def->attributes != NULL && i < def->attributes->len; i++)
    {
      const QmAttributeDef *attribute = g_ptr_array_index (def->attributes, i);
      g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
      g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *widget_name = g_strconcat ("qm-attribute-", attribute->name, NULL);
      GtkWidget *row = adw_combo_row_new ();

      gtk_string_list_append (names, "—");
      g_ptr_array_add (ids, NULL);
      for (guint j = 0; attribute->values != NULL && attribute->values[j] != NULL; j++)
        {
          gtk_string_list_append (names, qm_schema_display_name (attribute->values[j]));
          g_ptr_array_add (ids, g_strdup (attribute->values[j]));
        }

      gtk_widget_set_name (row, widget_name);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), qm_schema_display_name (attribute->name));
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (names));
      g_object_set_data_full (G_OBJECT (row), "qm-ids", g_ptr_array_ref (ids), (GDestroyNotify) g_ptr_array_unref);
      g_object_set_data_full (G_OBJECT (row), "qm-name", g_strdup (attribute->name), g_free);
      adw_combo_row_set_selected (ADW_COMBO_ROW (row),
                                  position_of (ids, qm_span_get_attribute (span, attribute->name)));
      g_signal_connect (row, "notify::selected", G_CALLBACK (attribute_selected_cb), self);
      add_row (self, self->attributes_group, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->attributes_group),
                          def->attributes != NULL && def->attributes->len > 0);
}

static gboolean
contains_id (GPtrArray  *ids,
             const char *id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (ids, i), id) == 0)
      return TRUE;
  return FALSE;
}

static void
entity_selected_cb (GtkDropDown *dropdown,
                    GParamSpec  *pspec,
                    QmInspector *self)
{
  const char *id;

  if (self->updating)
    return;
  id = selected_id (dropdown, gtk_drop_down_get_selected (dropdown));
  if (g_strcmp0 (id, NEW_ENTITY) == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "inspector.new-entity", NULL);
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "inspector.set-entity", "s", id != NULL ? id : "");
}

/* The speakers to offer for a mention, most likely first: those whose name
 * or alias is its text (folded: case, harakat and tatweel aside), then the
 * speakers of the article's other mentions (for "he", "the spokesman",
 * "المتحدث"), then a new one named after it, then every other. */
static void
fill_entities (QmInspector *self,
               QmSpan      *span)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  g_autofree char *text = g_strstrip (span_text (self, span));
  g_autoptr(GtkExpression) expression = NULL;
  QmStore *store = get_store (self);
  guint n;

  gtk_string_list_append (names, _("None"));
  g_ptr_array_add (ids, NULL);

  matches = qm_store_find_entities (store, text, &error);
  all = matches != NULL ? qm_store_list_entities (store, &error) : NULL;
  if (all == NULL)
    {
      report_error (self, error);
      return;
    }
  by_id = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < all->len; i++)
    {
      QmEntity *entity = g_ptr_array_index (all, i);

      g_hash_table_insert (by_id, entity->id, entity);
    }

  /* The speaker the mention has now, where the eye looks first. */
  if (span->entity_id != NULL && g_hash_table_contains (by_id, span->entity_id))
    {
      QmEntity *entity = g_hash_table_lookup (by_id, span->entity_id);

      gtk_string_list_append (names, entity->name);
      g_ptr_array_add (ids, g_strdup (entity->id));
    }
  for (guint i = 0; i < matches->len; i++)
    {
      QmEntity *entity = g_ptr_array_index (matches, i);

      if (contains_id (ids, entity->id))
        continue;
      gtk_string_list_append (names, entity->name);
      g_ptr_array_add (ids, g_strdup (entity->id));
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->spans));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(QmSpanItem) item = g_list_model_get_item (G_LIST_MODEL (self->spans), i);
      QmSpan *other = qm_span_item_get_span (item);
      QmEntity *entity = other->entity_id != NULL ? g_hash_table_lookup (by_id, other->entity_id) : NULL;
      g_autofree char *item_name = NULL;

      if (entity == NULL || contains_id (ids, entity->id))
        continue;
      /* Translators: a speaker offered for a mention: "Helena Duarte (in this article)" */
      item_name = g_strdup_printf (_("%s (in this article)"), entity->name);
      gtk_string_list_append (names, item_name);
      g_ptr_array_add (ids, g_strdup (entity->id));
    }

  if (matches->len == 0 && *text != '\0')
    {
      g_autofree char *item_name = g_strdup_printf (_("New speaker “%s”"), text);

      gtk_string_list_append (names, item_name);
      g_ptr_array_add (ids, g_strdup (NEW_ENTITY));
    }

  for (guint i = 0; i < all->len; i++)
    {
      QmEntity *entity = g_ptr_array_index (all, i);

      if (contains_id (ids, entity->id))
        continue;
      gtk_string_list_append (names, entity->name);
      g_ptr_array_add (ids, g_strdup (entity->id));
    }

  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->entity_dropdown, expression);
  g_object_set_data_full (G_OBJECT (self->entity_dropdown), "qm-ids", g_ptr_array_ref (ids),
                          (GDestroyNotify) g_ptr_array_unref);
  gtk_drop_down_set_model (self->entity_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->entity_dropdown, position_of (ids, span->entity_id));
}

static void
link_candidate_selected_cb (AdwComboRow *row,
                            GParamSpec  *pspec,
                            QmInspector *self)
{
  const char *id;

  if (self->updating)
    return;
  id = selected_id (row, adw_combo_row_get_selected (row));
  if (id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "inspector.add-link", "s", id);
}

typedef struct
{
  QmSpan *span;
  glong   distance;
} Candidate;

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *x = a;
  const Candidate *y = b;

  if (x->distance != y->distance)
    return x->distance < y->distance ? -1 : 1;
  return (x->span->start > y->span->start) - (x->span->start < y->span->start);
}

static gboolean
is_linked (GPtrArray  *relations,
           const char *type,
           const char *from_id,
           const char *to_id)
{
  for (guint i = 0; i < relations->len; i++)
    {
      QmRelation *relation = g_ptr_array_index (relations, i);

      if (g_strcmp0 (relation->type, type) == 0 && g_strcmp0 (relation->from_id, from_id) == 0 &&
          g_strcmp0 (relation->to_id, to_id) == 0)
        return TRUE;
    }
  return FALSE;
}

/* For each link the schema allows from the span: a row per existing link
 * (activating it selects the other end; a button removes it), then a row
 * to add one, its drop-down holding the spans that fit, nearest first. */
static void
fill_outgoing (QmInspector *self,
               QmSpan      *span,
               GPtrArray   *relations)
{
  QmSchema *schema = get_schema (self);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->spans));

  for (guint r = 0; r < qm_schema_get_n_relations (schema); r++)
    {
      const QmRelationDef *def = qm_schema_get_relation (schema, r);
      g_autoptr(GtkStringList) names = NULL;
      g_autoptr(GPtrArray) ids = NULL;
      g_autoptr(GArray) candidates = NULL;
      g_autofree char *widget_name = NULL;
      g_autofree char *title = NULL;
      gboolean any = FALSE;
      GtkWidget *row;

      if (g_strcmp0 (def->from_label, span->label) != 0)
        continue;

      for (guint i = 0; i < relations->len; i++)
        {
          QmRelation *relation = g_ptr_array_index (relations, i);
          QmSpan *to = find_span (self, relation->to_id);
          g_autofree char *text = NULL;
          g_autofree char *row_name = NULL;
          g_autofree char *tooltip = NULL;

          if (to == NULL || g_strcmp0 (relation->from_id, span->id) != 0 ||
              g_strcmp0 (relation->type, def->name) != 0)
            continue;
          any = TRUE;
          text = short_text (self, to);
          row_name = g_strconcat ("qm-link-", relation->id, NULL);
          /* Translators: the tooltip of a button in a link row: "Remove the Link to the Speaker" */
          tooltip = g_strdup_printf (_("Remove the Link to the %s"), qm_schema_display_name (to->label));
          row = adw_action_row_new ();
          gtk_widget_set_name (row, row_name);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), qm_schema_display_name (to->label));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     create_remove_button ("inspector.remove-link", relation->id, tooltip));
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "inspector.select-span");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", to->id);
          add_row (self, self->links_group, row);
        }

      names = gtk_string_list_new (NULL);
      ids = g_ptr_array_new_with_free_func (g_free);
      candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
      gtk_string_list_append (names, _("None"));
      g_ptr_array_add (ids, NULL);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(QmSpanItem) item = g_list_model_get_item (G_LIST_MODEL (self->spans), i);
          QmSpan *other = qm_span_item_get_span (item);
          Candidate candidate;

          if (g_strcmp0 (other->label, def->to_label) != 0 || g_strcmp0 (other->id, span->id) == 0 ||
              is_linked (relations, def->name, span->id, other->id))
            continue;
          candidate.span = other;
          candidate.distance = qm_span_distance (span, other);
          g_array_append_val (candidates, candidate);
        }
      g_array_sort (candidates, compare_candidates);
      for (guint i = 0; i < candidates->len; i++)
        {
          QmSpan *other = g_array_index (candidates, Candidate, i).span;
          g_autofree char *text = short_text (self, other);
          g_autofree char *item_name = g_strdup_printf ("“%s”", text);

          gtk_string_list_append (names, item_name);
          g_ptr_array_add (ids, g_strdup (other->id));
        }

      /* Translators: the row that links a quote to one more span: "Add Speaker" */
      title = any ? g_strdup_printf (_("Add %s"), qm_schema_display_name (def->to_label)) : g_strdup (qm_schema_display_name (def->to_label));
      widget_name = g_strconcat ("qm-link-add-", def->name, NULL);
      row = adw_combo_row_new ();
      gtk_widget_set_name (row, widget_name);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (names));
      g_object_set_data_full (G_OBJECT (row), "qm-ids", g_ptr_array_ref (ids), (GDestroyNotify) g_ptr_array_unref);
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), 0);
      if (candidates->len == 0)
        {
          g_autofree char *subtitle = g_strdup_printf (_("No %s to link in this article"), qm_schema_display_name (def->to_label));

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
          gtk_widget_set_sensitive (row, FALSE);
        }
      g_signal_connect (row, "notify::selected", G_CALLBACK (link_candidate_selected_cb), self);
      add_row (self, self->links_group, row);
    }
}

/* The links that reach the span (the quotes a speaker said). */
static gboolean
fill_incoming (QmInspector *self,
               QmSpan      *span,
               GPtrArray   *relations)
{
  gboolean any = FALSE;

  for (guint i = 0; i < relations->len; i++)
    {
      QmRelation *relation = g_ptr_array_index (relations, i);
      QmSpan *from = find_span (self, relation->from_id);
      g_autofree char *text = NULL;
      g_autofree char *row_name = NULL;
      g_autofree char *tooltip = NULL;
      GtkWidget *row;

      if (from == NULL || g_strcmp0 (relation->to_id, span->id) != 0)
        continue;
      any = TRUE;
      text = short_text (self, from);
      row_name = g_strconcat ("qm-link-", relation->id, NULL);
      tooltip = g_strdup_printf (_("Remove the Link from the %s"), qm_schema_display_name (from->label));
      row = adw_action_row_new ();
      gtk_widget_set_name (row, row_name);
      /* Translators: a row for a quote linked to the selected speaker: "Quote" */
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), qm_schema_display_name (from->label));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 create_remove_button ("inspector.remove-link", relation->id, tooltip));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "inspector.select-span");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", from->id);
      add_row (self, self->links_group, row);
    }
  return any;
}

static void
fill_links (QmInspector *self,
            QmSpan      *span)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  guint before = self->rows->len;

  relations = qm_store_list_relations (get_store (self), self->document_id, self->annotator, &error);
  if (relations == NULL)
    {
      report_error (self, error);
      return;
    }
  fill_outgoing (self, span, relations);
  if (!fill_incoming (self, span, relations) && get_schema (self) != NULL &&
      qm_schema_find_label (get_schema (self), span->label) != NULL &&
      qm_schema_find_label (get_schema (self), span->label)->entity)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Not linked to any quote yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Select a quote and press A to link it"));
      gtk_widget_add_css_class (row, "dim-label");
      add_row (self, self->links_group, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->links_group), self->rows->len > before);
}

static void
stance_target_selected_cb (GtkDropDown *dropdown,
                           GParamSpec  *pspec,
                           QmInspector *self)
{
  const char *old_target = g_object_get_data (G_OBJECT (dropdown), "qm-target");
  const char *id;

  if (self->updating)
    return;
  id = selected_id (dropdown, gtk_drop_down_get_selected (dropdown));
  if (g_strcmp0 (id, NEW_TARGET) == 0)
    {
      /* The entry shows up under the rows; the name typed there decides. */
      g_free (self->new_target_for);
      self->new_target_for = g_strdup (old_target != NULL ? old_target : "");
      schedule_rebuild (self);
      return;
    }
  if (old_target == NULL)
    {
      g_free (self->add_target_id);
      self->add_target_id = g_strdup (id);
      commit_add_row (self);
      return;
    }
  if (id != NULL && g_strcmp0 (id, old_target) != 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "inspector.retarget-stance", "(ss)", old_target, id);
}

static void
stance_value_selected_cb (GtkDropDown *dropdown,
                          GParamSpec  *pspec,
                          QmInspector *self)
{
  const char *target = g_object_get_data (G_OBJECT (dropdown), "qm-target");
  const char *value;

  if (self->updating)
    return;
  value = selected_id (dropdown, gtk_drop_down_get_selected (dropdown));
  if (target == NULL)
    {
      g_free (self->add_value);
      self->add_value = g_strdup (value);
      commit_add_row (self);
      return;
    }
  if (value != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "inspector.set-stance", "(ss)", target, value);
}

/* A target drop-down: the corpus targets (without those judged already,
 * but with @current), then "New target…"; @placeholder first when given. */
static GtkWidget *
create_target_dropdown (GPtrArray  *targets,
                        GPtrArray  *judged,
                        const char *current,
                        const char *placeholder)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  if (placeholder != NULL)
    {
      gtk_string_list_append (names, placeholder);
      g_ptr_array_add (ids, NULL);
    }
  for (guint i = 0; i < targets->len; i++)
    {
      QmTarget *target = g_ptr_array_index (targets, i);

      if (g_strcmp0 (target->id, current) != 0 && contains_id (judged, target->id))
        continue;
      gtk_string_list_append (names, target->name);
      g_ptr_array_add (ids, g_strdup (target->id));
    }
  gtk_string_list_append (names, _("New target…"));
  g_ptr_array_add (ids, g_strdup (NEW_TARGET));

  return create_dropdown (names, ids, current, _("Target"));
}

static GtkWidget *
create_value_dropdown (QmSchema   *schema,
                       const char *current,
                       gboolean    with_none)
{
  const char * const *values = qm_schema_get_stance_values (schema);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  if (with_none)
    {
      gtk_string_list_append (names, "—");
      g_ptr_array_add (ids, NULL);
    }
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      gtk_string_list_append (names, qm_overview_stance_value_label (values[i]));
      g_ptr_array_add (ids, g_strdup (values[i]));
    }
  return create_dropdown (names, ids, current, _("Stance"));
}

static void
new_target_apply_cb (AdwEntryRow *row,
                     QmInspector *self)
{
  g_autofree char *name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  gtk_widget_activate_action (GTK_WIDGET (self), "inspector.new-target", "s", name);
}

/* One row per judgement of the annotator (target, value, remove), a row to
 * add one, and the entry that names a new target when asked for. */
static void
fill_stances (QmInspector *self,
              QmSpan      *span)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stances = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GPtrArray) judged = g_ptr_array_new_with_free_func (g_free);
  QmSchema *schema = get_schema (self);
  GtkWidget *row, *target_dropdown, *value_dropdown, *remove_button;

  stances = qm_store_list_stances (get_store (self), self->document_id, self->annotator, &error);
  targets = stances != NULL ? qm_store_list_targets (get_store (self), &error) : NULL;
  if (targets == NULL)
    {
      report_error (self, error);
      return;
    }
  for (guint i = 0; i < stances->len; i++)
    {
      QmStance *stance = g_ptr_array_index (stances, i);

      if (g_strcmp0 (stance->span_id, span->id) == 0)
        g_ptr_array_add (judged, g_strdup (stance->target_id));
    }

  for (guint i = 0; i < stances->len; i++)
    {
      QmStance *stance = g_ptr_array_index (stances, i);
      g_autofree char *target_name = NULL;
      g_autofree char *value_name = NULL;
      g_autofree char *remove_name = NULL;
      g_autofree char *tooltip = NULL;

      if (g_strcmp0 (stance->span_id, span->id) != 0)
        continue;

      target_name = g_strconcat ("qm-stance-target-", stance->target_id, NULL);
      value_name = g_strconcat ("qm-stance-value-", stance->target_id, NULL);
      remove_name = g_strconcat ("qm-stance-remove-", stance->target_id, NULL);
      /* Translators: tooltip: "Remove the Stance on Ceasefire" */
      tooltip = g_strdup_printf (_("Remove the Stance on %s"), stance->target_name);

      row = adw_action_row_new ();
      target_dropdown = create_target_dropdown (targets, judged, stance->target_id, NULL);
      gtk_widget_set_name (target_dropdown, target_name);
      gtk_widget_set_hexpand (target_dropdown, TRUE);
      g_object_set_data_full (G_OBJECT (target_dropdown), "qm-target", g_strdup (stance->target_id), g_free);
      g_signal_connect (target_dropdown, "notify::selected", G_CALLBACK (stance_target_selected_cb), self);
      value_dropdown = create_value_dropdown (schema, stance->value, FALSE);
      gtk_widget_set_name (value_dropdown, value_name);
      g_object_set_data_full (G_OBJECT (value_dropdown), "qm-target", g_strdup (stance->target_id), g_free);
      g_signal_connect (value_dropdown, "notify::selected", G_CALLBACK (stance_value_selected_cb), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), target_dropdown);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), value_dropdown);
      remove_button = create_remove_button ("inspector.remove-stance", stance->target_id, tooltip);
      gtk_widget_set_name (remove_button, remove_name);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove_button);
      add_row (self, self->stances_group, row);
    }

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Add a stance"));
  target_dropdown = create_target_dropdown (targets, judged, self->add_target_id, _("Target…"));
  gtk_widget_set_name (target_dropdown, "qm-stance-add-target");
  g_signal_connect (target_dropdown, "notify::selected", G_CALLBACK (stance_target_selected_cb), self);
  value_dropdown = create_value_dropdown (schema, self->add_value, TRUE);
  gtk_widget_set_name (value_dropdown, "qm-stance-add-value");
  g_signal_connect (value_dropdown, "notify::selected", G_CALLBACK (stance_value_selected_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), target_dropdown);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), value_dropdown);
  add_row (self, self->stances_group, row);

  if (self->new_target_for != NULL)
    {
      row = adw_entry_row_new ();
      gtk_widget_set_name (row, "qm-new-target");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("New Target Name"));
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      /* Enter applies too (and would emit "entry-activated" as well). */
      g_signal_connect (row, "apply", G_CALLBACK (new_target_apply_cb), self);
      add_row (self, self->stances_group, row);
    }
}

/* --- keeping the focus across a rebuild --- */

/* The name of the widget that has the focus, or of its nearest named
 * ancestor in the panel: rows are made again after each change, and the
 * focus must not fall out of the panel when the widget it was on goes. */
static char *
focused_name (QmInspector *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *widget = root != NULL ? gtk_root_get_focus (root) : NULL;

  for (; widget != NULL && widget != GTK_WIDGET (self); widget = gtk_widget_get_parent (widget))
    if (g_str_has_prefix (gtk_widget_get_name (widget), "qm-"))
      return g_strdup (gtk_widget_get_name (widget));
  return NULL;
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0 && gtk_widget_is_visible (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
restore_focus (QmInspector *self,
               const char  *name)
{
  GtkWidget *widget;

  if (name == NULL)
    return;
  widget = find_named (GTK_WIDGET (self), name);
  /* A target just named: its judgement still wants a value, so the value
   * drop-down of the row that adds one is next. */
  if (widget == NULL && g_str_equal (name, "qm-new-target"))
    widget = find_named (GTK_WIDGET (self),
                         self->add_target_id != NULL ? "qm-stance-add-value" : "qm-stance-add-target");
  /* A removed link or stance: the row that adds one is next at hand. */
  if (widget == NULL && g_str_has_prefix (name, "qm-stance-"))
    widget = find_named (GTK_WIDGET (self), "qm-stance-add-target");
  /* The first enabled row of the links. */
  for (guint i = 0; widget == NULL && g_str_has_prefix (name, "qm-link-") && i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      if (g_object_get_data (G_OBJECT (row), "qm-group") == self->links_group &&
          gtk_widget_is_sensitive (row))
        widget = row;
    }
  if (widget == NULL)
    widget = GTK_WIDGET (self->label_row);
  gtk_widget_grab_focus (widget);
}

/* --- rebuild --- */

static void
rebuild (QmInspector *self)
{
  g_autofree char *focus = NULL;
  g_autofree char *text = NULL;
  const QmLabelDef *def;
  GtkWidget *focus_widget;
  QmSchema *schema;
  GtkRoot *root;
  QmSpan *span;

  g_clear_handle_id (&self->rebuild_id, g_source_remove);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus_widget = root != NULL ? gtk_root_get_focus (root) : NULL;
  if (focus_widget != NULL && gtk_widget_is_ancestor (focus_widget, GTK_WIDGET (self)))
    focus = focused_name (self);

  self->updating = TRUE;
  clear_rows (self);

  span = find_span (self, self->span_id);
  schema = get_schema (self);
  def = span != NULL && schema != NULL ? qm_schema_find_label (schema, span->label) : NULL;
  if (span == NULL || def == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspector.delete", FALSE);
      self->updating = FALSE;
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, "span");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspector.delete", TRUE);
  fill_label_row (self, span);
  adw_action_row_set_subtitle (self->annotator_row, span->annotator);
  text = span_text (self, span);
  gtk_label_set_text (self->text_label, text);
  fill_attributes (self, span, def);

  gtk_widget_set_visible (GTK_WIDGET (self->entity_group), def->entity);
  if (def->entity)
    fill_entities (self, span);

  fill_links (self, span);

  gtk_widget_set_visible (GTK_WIDGET (self->stances_group),
                          g_strcmp0 (span->label, qm_schema_get_stance_label (schema)) == 0);
  if (gtk_widget_get_visible (GTK_WIDGET (self->stances_group)))
    fill_stances (self, span);

  self->updating = FALSE;

  if (self->new_target_for != NULL)
    restore_focus (self, "qm-new-target");
  else
    restore_focus (self, focus);
}

static gboolean
rebuild_idle (gpointer data)
{
  QmInspector *self = data;

  self->rebuild_id = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

/* After a change made from a widget of the panel: that widget is still in
 * its signal handler, so it is replaced once the handler has returned.
 * Before the next frame is laid out and drawn (which have lower
 * priorities), so the panel never shows what was there before, and an
 * animation running elsewhere cannot hold it back. */
static void
schedule_rebuild (QmInspector *self)
{
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, rebuild_idle, self, NULL);
}

static void
on_history_changed (QmHistory   *history,
                    const char  *document_id,
                    QmInspector *self)
{
  if (g_strcmp0 (document_id, self->document_id) == 0)
    schedule_rebuild (self);
}

static void
on_corpus_changed (QmHistory   *history,
                   QmInspector *self)
{
  schedule_rebuild (self);
}

static void
read_document (QmInspector *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmDocument) document = NULL;
  const char *document_id = self->spans != NULL ? qm_span_list_get_document_id (self->spans) : NULL;

  if (g_strcmp0 (document_id, self->document_id) == 0 && (document_id == NULL || self->text != NULL))
    return;
  g_clear_pointer (&self->document_id, g_free);
  g_clear_pointer (&self->text, g_free);
  if (document_id == NULL || get_store (self) == NULL)
    return;

  document = qm_store_get_document (get_store (self), document_id, &error);
  if (document == NULL)
    {
      report_error (self, error);
      return;
    }
  self->document_id = g_strdup (document_id);
  self->text = g_strdup (qm_document_get_text (document));
}

/* --- GObject --- */

static void
qm_inspector_dispose (GObject *object)
{
  QmInspector *self = QM_INSPECTOR (object);

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  g_clear_object (&self->history);
  g_clear_object (&self->spans);
  gtk_widget_dispose_template (GTK_WIDGET (self), QM_TYPE_INSPECTOR);

  G_OBJECT_CLASS (qm_inspector_parent_class)->dispose (object);
}

static void
qm_inspector_finalize (GObject *object)
{
  QmInspector *self = QM_INSPECTOR (object);

  g_ptr_array_unref (self->rows);
  g_free (self->annotator);
  g_free (self->span_id);
  g_free (self->document_id);
  g_free (self->text);
  g_free (self->new_target_for);
  g_free (self->add_target_id);
  g_free (self->add_value);

  G_OBJECT_CLASS (qm_inspector_parent_class)->finalize (object);
}

static void
qm_inspector_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  QmInspector *self = QM_INSPECTOR (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_ANNOTATOR:
      g_value_set_string (value, self->annotator);
      break;
    case PROP_SPANS:
      g_value_set_object (value, self->spans);
      break;
    case PROP_SPAN_ID:
      g_value_set_string (value, self->span_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qm_inspector_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  QmInspector *self = QM_INSPECTOR (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      qm_inspector_set_history (self, g_value_get_object (value));
      break;
    case PROP_ANNOTATOR:
      qm_inspector_set_annotator (self, g_value_get_string (value));
      break;
    case PROP_SPANS:
      qm_inspector_set_spans (self, g_value_get_object (value));
      break;
    case PROP_SPAN_ID:
      qm_inspector_set_span_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qm_inspector_class_init (QmInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qm_inspector_dispose;
  object_class->finalize = qm_inspector_finalize;
  object_class->get_property = qm_inspector_get_property;
  object_class->set_property = qm_inspector_set_property;

  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL,
                         QM_TYPE_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANNOTATOR] =
    g_param_spec_string ("annotator", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SPANS] =
    g_param_spec_object ("spans", NULL, NULL,
                         QM_TYPE_SPAN_LIST,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SPAN_ID] =
    g_param_spec_string ("span-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * QmInspector::notice:
   * @self: the inspector
   * @message: what happened, for a toast
   * @undoable: whether undo takes it back
   *
   * A change whose result the panel no longer shows (the annotation it
   * showed was deleted).
   */
  signals[NOTICE] =
    g_signal_new ("notice",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);

  /**
   * QmInspector::failed:
   * @self: the inspector
   * @error: what went wrong, for the user
   *
   * A change asked for in the panel could not be made.
   */
  signals[FAILED] =
    g_signal_new ("failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);

  /**
   * QmInspector::span-activated:
   * @self: the inspector
   * @span_id: the span at the other end of a link
   *
   * A link row was activated; the view selects that span.
   */
  signals[SPAN_ACTIVATED] =
    g_signal_new ("span-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * QmInspector::leave:
   * @self: the inspector
   *
   * Escape was pressed in the panel: the keyboard goes back to the text.
   */
  signals[LEAVE] =
    g_signal_new ("leave",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/quotemark/Quotemark/qm-inspector.ui");
  gtk_widget_class_bind_template_child (widget_class, QmInspector, stack);
  gtk_widget_class_bind_template_child (widget_class, QmInspector, label_row);
  gtk_widget_class_bind_template_child (widget_class, QmInspector, annotator_row);
  gtk_widget_class_bind_template_child (widget_class, QmInspector, text_label);
  gtk_widget_class_bind_template_child (widget_class, QmInspector, attributes_group);
  gtk_widget_class_bind_template_child (widget_class, QmInspector, entity_group);
  gtk_widget_class_bind_template_child (widget_class, QmInspector, entity_row);
  gtk_widget_class_bind_template_child (widget_class, QmInspector, entity_dropdown);
  gtk_widget_class_bind_template_child (widget_class, QmInspector, links_group);
  gtk_widget_class_bind_template_child (widget_class, QmInspector, stances_group);
  gtk_widget_class_bind_template_child (widget_class, QmInspector, delete_button);

  gtk_widget_class_install_action (widget_class, "inspector.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "inspector.set-label", "s", set_label_action);
  gtk_widget_class_install_action (widget_class, "inspector.set-attribute", "(ss)", set_attribute_action);
  gtk_widget_class_install_action (widget_class, "inspector.add-link", "s", add_link_action);
  gtk_widget_class_install_action (widget_class, "inspector.remove-link", "s", remove_link_action);
  gtk_widget_class_install_action (widget_class, "inspector.set-entity", "s", set_entity_action);
  gtk_widget_class_install_action (widget_class, "inspector.new-entity", NULL, new_entity_action);
  gtk_widget_class_install_action (widget_class, "inspector.set-stance", "(ss)", set_stance_action);
  gtk_widget_class_install_action (widget_class, "inspector.retarget-stance", "(ss)", retarget_stance_action);
  gtk_widget_class_install_action (widget_class, "inspector.remove-stance", "s", remove_stance_action);
  gtk_widget_class_install_action (widget_class, "inspector.new-target", "s", new_target_action);
  gtk_widget_class_install_action (widget_class, "inspector.select-span", "s", select_span_action);
  gtk_widget_class_install_action (widget_class, "inspector.leave", NULL, leave_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "inspector.leave", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
qm_inspector_init (QmInspector *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new ();
  g_signal_connect (self->label_row, "notify::selected", G_CALLBACK (label_row_selected_cb), self);
  g_signal_connect (self->entity_dropdown, "notify::selected", G_CALLBACK (entity_selected_cb), self);
  set_factories (self->entity_dropdown, 20);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Annotation"), -1);
  rebuild (self);
}

GtkWidget *
qm_inspector_new (void)
{
  return g_object_new (QM_TYPE_INSPECTOR, NULL);
}

void
qm_inspector_set_history (QmInspector *self,
                          QmHistory   *history)
{
  g_return_if_fail (QM_IS_INSPECTOR (self));
  g_return_if_fail (history == NULL || QM_IS_HISTORY (history));

  if (self->history == history)
    return;
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  g_set_object (&self->history, history);
  if (history != NULL)
    {
      g_signal_connect (history, "changed", G_CALLBACK (on_history_changed), self);
      g_signal_connect (history, "corpus-changed", G_CALLBACK (on_corpus_changed), self);
    }
  g_clear_pointer (&self->document_id, g_free);
  g_clear_pointer (&self->text, g_free);
  read_document (self);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

QmHistory *
qm_inspector_get_history (QmInspector *self)
{
  g_return_val_if_fail (QM_IS_INSPECTOR (self), NULL);

  return self->history;
}

void
qm_inspector_set_annotator (QmInspector *self,
                            const char  *annotator)
{
  g_return_if_fail (QM_IS_INSPECTOR (self));

  if (g_strcmp0 (self->annotator, annotator) == 0)
    return;
  g_free (self->annotator);
  self->annotator = g_strdup (annotator);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANNOTATOR]);
}

const char *
qm_inspector_get_annotator (QmInspector *self)
{
  g_return_val_if_fail (QM_IS_INSPECTOR (self), NULL);

  return self->annotator;
}

static void
on_spans_changed (GListModel  *model,
                  guint        position,
                  guint        removed,
                  guint        added,
                  QmInspector *self)
{
  schedule_rebuild (self);
}

void
qm_inspector_set_spans (QmInspector *self,
                        QmSpanList  *spans)
{
  g_return_if_fail (QM_IS_INSPECTOR (self));
  g_return_if_fail (spans == NULL || QM_IS_SPAN_LIST (spans));

  if (self->spans == spans)
    return;
  if (self->spans != NULL)
    g_signal_handlers_disconnect_by_func (self->spans, on_spans_changed, self);
  g_set_object (&self->spans, spans);
  if (spans != NULL)
    g_signal_connect (spans, "items-changed", G_CALLBACK (on_spans_changed), self);
  /* Choices half made belong to the span they were made for. */
  g_clear_pointer (&self->new_target_for, g_free);
  g_clear_pointer (&self->add_target_id, g_free);
  g_clear_pointer (&self->add_value, g_free);
  read_document (self);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPANS]);
}

QmSpanList *
qm_inspector_get_spans (QmInspector *self)
{
  g_return_val_if_fail (QM_IS_INSPECTOR (self), NULL);

  return self->spans;
}

void
qm_inspector_set_span_id (QmInspector *self,
                          const char  *span_id)
{
  g_return_if_fail (QM_IS_INSPECTOR (self));

  if (g_strcmp0 (self->span_id, span_id) == 0)
    return;
  g_free (self->span_id);
  self->span_id = g_strdup (span_id);
  g_clear_pointer (&self->new_target_for, g_free);
  g_clear_pointer (&self->add_target_id, g_free);
  g_clear_pointer (&self->add_value, g_free);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPAN_ID]);
}

const char *
qm_inspector_get_span_id (QmInspector *self)
{
  g_return_val_if_fail (QM_IS_INSPECTOR (self), NULL);

  return self->span_id;
}

void
qm_inspector_focus_entity (QmInspector *self)
{
  g_return_if_fail (QM_IS_INSPECTOR (self));

  if (self->rebuild_id != 0)
    rebuild (self);
  if (gtk_widget_get_visible (GTK_WIDGET (self->entity_group)))
    gtk_widget_grab_focus (GTK_WIDGET (self->entity_dropdown));
}

gboolean
qm_inspector_focus_first (QmInspector *self)
{
  g_return_val_if_fail (QM_IS_INSPECTOR (self), FALSE);

  if (self->rebuild_id != 0)
    rebuild (self);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "span") != 0)
    return FALSE;
  return gtk_widget_grab_focus (GTK_WIDGET (self->label_row));
}
