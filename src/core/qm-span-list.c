/* qm-span-list.c: the spans of one document as a list model that follows the history. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "qm-span-list.h"

/* --- QmSpanItem --- */

struct _QmSpanItem
{
  GObject  parent_instance;

  QmSpan  *span;
};

G_DEFINE_FINAL_TYPE (QmSpanItem, qm_span_item, G_TYPE_OBJECT)

enum {
  ITEM_PROP_0,
  ITEM_PROP_SPAN,
  ITEM_PROP_ID,
  ITEM_PROP_LABEL,
  ITEM_PROP_START,
  ITEM_PROP_END,
  ITEM_N_PROPS
};

static GParamSpec *item_properties[ITEM_N_PROPS];

static void
qm_span_item_finalize (GObject *object)
{
  QmSpanItem *self = QM_SPAN_ITEM (object);

  g_clear_pointer (&self->span, qm_span_unref);

  G_OBJECT_CLASS (qm_span_item_parent_class)->finalize (object);
}

static void
qm_span_item_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  QmSpanItem *self = QM_SPAN_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_SPAN:
      g_value_set_boxed (value, self->span);
      break;
    case ITEM_PROP_ID:
      g_value_set_string (value, self->span->id);
      break;
    case ITEM_PROP_LABEL:
      g_value_set_string (value, self->span->label);
      break;
    case ITEM_PROP_START:
      g_value_set_long (value, self->span->start);
      break;
    case ITEM_PROP_END:
      g_value_set_long (value, self->span->end);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qm_span_item_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  QmSpanItem *self = QM_SPAN_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_SPAN:
      self->span = g_value_dup_boxed (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qm_span_item_class_init (QmSpanItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = qm_span_item_finalize;
  object_class->get_property = qm_span_item_get_property;
  object_class->set_property = qm_span_item_set_property;

  item_properties[ITEM_PROP_SPAN] =
    g_param_spec_boxed ("span", NULL, NULL,
                        QM_TYPE_SPAN,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                        G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The fields as properties, for list rows bound with expressions. */
  item_properties[ITEM_PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_START] =
    g_param_spec_long ("start", NULL, NULL, 0, G_MAXLONG, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_END] =
    g_param_spec_long ("end", NULL, NULL, 0, G_MAXLONG, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_properties);
}

static void
qm_span_item_init (QmSpanItem *self)
{
}

static QmSpanItem *
qm_span_item_new (QmSpan *span)
{
  return g_object_new (QM_TYPE_SPAN_ITEM, "span", span, NULL);
}

QmSpan *
qm_span_item_get_span (QmSpanItem *self)
{
  g_return_val_if_fail (QM_IS_SPAN_ITEM (self), NULL);

  return self->span;
}

/* --- QmSpanList --- */

struct _QmSpanList
{
  GObject     parent_instance;

  QmHistory  *history;
  char       *document_id;
  char       *annotator;
  GPtrArray  *items;        /* of QmSpanItem, in the store's reading order */
};

static void qm_span_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (QmSpanList, qm_span_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, qm_span_list_model_init))

enum {
  PROP_0,
  PROP_HISTORY,
  PROP_DOCUMENT_ID,
  PROP_ANNOTATOR,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
qm_span_list_get_item_type (GListModel *model)
{
  return QM_TYPE_SPAN_ITEM;
}

static guint
qm_span_list_get_n_items (GListModel *model)
{
  QmSpanList *self = QM_SPAN_LIST (model);

  return self->items->len;
}

static gpointer
qm_span_list_get_item (GListModel *model,
                       guint       position)
{
  QmSpanList *self = QM_SPAN_LIST (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
qm_span_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = qm_span_list_get_item_type;
  iface->get_n_items = qm_span_list_get_n_items;
  iface->get_item = qm_span_list_get_item;
}

static gboolean
attributes_equal (GHashTable *a,
                  GHashTable *b)
{
  GHashTableIter iter;
  gpointer name, value;
  guint n_a = a != NULL ? g_hash_table_size (a) : 0;
  guint n_b = b != NULL ? g_hash_table_size (b) : 0;

  if (n_a != n_b)
    return FALSE;
  if (n_a == 0)
    return TRUE;

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &name, &value))
    if (g_strcmp0 (value, g_hash_table_lookup (b, name)) != 0)
      return FALSE;
  return TRUE;
}

/* Whether a row showing @a may stay as it is for @b. */
static gboolean
span_equal (const QmSpan *a,
            const QmSpan *b)
{
  return g_strcmp0 (a->id, b->id) == 0 &&
         g_strcmp0 (a->label, b->label) == 0 &&
         a->start == b->start &&
         a->end == b->end &&
         g_strcmp0 (a->annotator, b->annotator) == 0 &&
         g_strcmp0 (a->entity_id, b->entity_id) == 0 &&
         a->modified == b->modified &&
         attributes_equal (a->attributes, b->attributes);
}

static void
on_history_changed (QmHistory  *history,
                    const char *document_id,
                    QmSpanList *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (document_id, self->document_id) != 0)
    return;
  /* No caller to hand the error to: the list keeps what it showed. */
  if (!qm_span_list_reload (self, &error))
    g_warning ("Could not re-read the spans of document %s: %s",
               self->document_id, error->message);
}

static void
qm_span_list_constructed (GObject *object)
{
  QmSpanList *self = QM_SPAN_LIST (object);
  g_autoptr(GError) error = NULL;

  G_OBJECT_CLASS (qm_span_list_parent_class)->constructed (object);

  g_return_if_fail (self->history != NULL);

  g_signal_connect_object (self->history, "changed",
                           G_CALLBACK (on_history_changed), self, 0);
  if (self->document_id != NULL && !qm_span_list_reload (self, &error))
    g_warning ("Could not read the spans of document %s: %s",
               self->document_id, error->message);
}

static void
qm_span_list_dispose (GObject *object)
{
  QmSpanList *self = QM_SPAN_LIST (object);

  g_clear_object (&self->history);

  G_OBJECT_CLASS (qm_span_list_parent_class)->dispose (object);
}

static void
qm_span_list_finalize (GObject *object)
{
  QmSpanList *self = QM_SPAN_LIST (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_free (self->document_id);
  g_free (self->annotator);

  G_OBJECT_CLASS (qm_span_list_parent_class)->finalize (object);
}

static void
qm_span_list_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  QmSpanList *self = QM_SPAN_LIST (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_DOCUMENT_ID:
      g_value_set_string (value, self->document_id);
      break;
    case PROP_ANNOTATOR:
      g_value_set_string (value, self->annotator);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qm_span_list_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  QmSpanList *self = QM_SPAN_LIST (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      self->history = g_value_dup_object (value);
      break;
    case PROP_DOCUMENT_ID:
      self->document_id = g_value_dup_string (value);
      break;
    case PROP_ANNOTATOR:
      self->annotator = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qm_span_list_class_init (QmSpanListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = qm_span_list_constructed;
  object_class->dispose = qm_span_list_dispose;
  object_class->finalize = qm_span_list_finalize;
  object_class->get_property = qm_span_list_get_property;
  object_class->set_property = qm_span_list_set_property;

  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL,
                         QM_TYPE_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOCUMENT_ID] =
    g_param_spec_string ("document-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* NULL: the spans of every annotator. */
  properties[PROP_ANNOTATOR] =
    g_param_spec_string ("annotator", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
qm_span_list_init (QmSpanList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

QmSpanList *
qm_span_list_new (QmHistory  *history,
                  const char *document_id,
                  const char *annotator)
{
  g_return_val_if_fail (QM_IS_HISTORY (history), NULL);
  g_return_val_if_fail (document_id != NULL, NULL);

  return g_object_new (QM_TYPE_SPAN_LIST,
                       "history", history,
                       "document-id", document_id,
                       "annotator", annotator,
                       NULL);
}

/* Re-reads the spans and reports only the run that differs: the store's
 * order is stable, so one change shows as one small items-changed and the
 * rows around it (and their widgets) stay. */
gboolean
qm_span_list_reload (QmSpanList  *self,
                     GError     **error)
{
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GPtrArray) items = NULL;
  guint old_n, new_n, prefix, suffix;

  g_return_val_if_fail (QM_IS_SPAN_LIST (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  spans = qm_store_list_spans (qm_history_get_store (self->history),
                               self->document_id, self->annotator, error);
  if (spans == NULL)
    return FALSE;

  old_n = self->items->len;
  new_n = spans->len;

  for (prefix = 0; prefix < old_n && prefix < new_n; prefix++)
    {
      QmSpanItem *item = g_ptr_array_index (self->items, prefix);

      if (!span_equal (item->span, g_ptr_array_index (spans, prefix)))
        break;
    }
  for (suffix = 0; suffix < old_n - prefix && suffix < new_n - prefix; suffix++)
    {
      QmSpanItem *item = g_ptr_array_index (self->items, old_n - 1 - suffix);

      if (!span_equal (item->span, g_ptr_array_index (spans, new_n - 1 - suffix)))
        break;
    }

  if (prefix == old_n && prefix == new_n)
    return TRUE;

  items = g_ptr_array_new_full (new_n, g_object_unref);
  for (guint i = 0; i < prefix; i++)
    g_ptr_array_add (items, g_object_ref (g_ptr_array_index (self->items, i)));
  for (guint i = prefix; i < new_n - suffix; i++)
    g_ptr_array_add (items, qm_span_item_new (g_ptr_array_index (spans, i)));
  for (guint i = old_n - suffix; i < old_n; i++)
    g_ptr_array_add (items, g_object_ref (g_ptr_array_index (self->items, i)));

  g_ptr_array_unref (self->items);
  self->items = g_steal_pointer (&items);

  g_list_model_items_changed (G_LIST_MODEL (self), prefix,
                              old_n - prefix - suffix, new_n - prefix - suffix);
  if (old_n != new_n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  return TRUE;
}

guint
qm_span_list_find (QmSpanList *self,
                   const char *span_id)
{
  g_return_val_if_fail (QM_IS_SPAN_LIST (self), G_MAXUINT);

  for (guint i = 0; i < self->items->len; i++)
    {
      QmSpanItem *item = g_ptr_array_index (self->items, i);

      if (g_strcmp0 (item->span->id, span_id) == 0)
        return i;
    }
  return G_MAXUINT;
}

GPtrArray *
qm_span_list_at_offset (QmSpanList *self,
                        glong       offset)
{
  GPtrArray *found;

  g_return_val_if_fail (QM_IS_SPAN_LIST (self), NULL);

  found = g_ptr_array_new_with_free_func (g_object_unref);
  /* Reading order puts a span before the spans nested in it (same start:
   * longer first), so the innermost comes last. */
  for (guint i = 0; i < self->items->len; i++)
    {
      QmSpanItem *item = g_ptr_array_index (self->items, i);

      if (item->span->start > offset)
        break;
      if (offset < item->span->end)
        g_ptr_array_add (found, g_object_ref (item));
    }
  return found;
}

const char *
qm_span_list_get_document_id (QmSpanList *self)
{
  g_return_val_if_fail (QM_IS_SPAN_LIST (self), NULL);

  return self->document_id;
}

const char *
qm_span_list_get_annotator (QmSpanList *self)
{
  g_return_val_if_fail (QM_IS_SPAN_LIST (self), NULL);

  return self->annotator;
}
