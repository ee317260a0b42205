/* qm-target-list.c: the stance targets with their counts, as a list model that follows the history. */
#include "config.h"

#include "qm-target-list.h"

/* --- QmTargetItem --- */

struct _QmTargetItem
{
  GObject  parent_instance;

  char    *id;
  char    *name;
  guint    n_stances;
};

G_DEFINE_FINAL_TYPE (QmTargetItem, qm_target_item, G_TYPE_OBJECT)

enum {
  ITEM_PROP_0,
  ITEM_PROP_ID,
  ITEM_PROP_NAME,
  ITEM_PROP_N_STANCES,
  ITEM_N_PROPS
};

static GParamSpec *item_properties[ITEM_N_PROPS];

static void
qm_target_item_finalize (GObject *object)
{
  QmTargetItem *self = QM_TARGET_ITEM (object);

  g_free (self->id);
  g_free (self->name);

  G_OBJECT_CLASS (qm_target_item_parent_class)->finalize (object);
}

static void
qm_target_item_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  QmTargetItem *self = QM_TARGET_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case ITEM_PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case ITEM_PROP_N_STANCES:
      g_value_set_uint (value, self->n_stances);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qm_target_item_class_init (QmTargetItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = qm_target_item_finalize;
  object_class->get_property = qm_target_item_get_property;

  item_properties[ITEM_PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_N_STANCES] =
    g_param_spec_uint ("n-stances", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_properties);
}

static void
qm_target_item_init (QmTargetItem *self)
{
}

static void
qm_target_item_update (QmTargetItem *self,
                       QmTarget     *target,
                       guint         n_stances)
{
  g_object_freeze_notify (G_OBJECT (self));

  if (self->id == NULL)
    {
      self->id = g_strdup (target->id);
      g_object_notify_by_pspec (G_OBJECT (self), item_properties[ITEM_PROP_ID]);
    }
  if (g_strcmp0 (self->name, target->name) != 0)
    {
      g_free (self->name);
      self->name = g_strdup (target->name);
      g_object_notify_by_pspec (G_OBJECT (self), item_properties[ITEM_PROP_NAME]);
    }
  if (self->n_stances != n_stances)
    {
      self->n_stances = n_stances;
      g_object_notify_by_pspec (G_OBJECT (self), item_properties[ITEM_PROP_N_STANCES]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

const char *
qm_target_item_get_id (QmTargetItem *self)
{
  g_return_val_if_fail (QM_IS_TARGET_ITEM (self), NULL);

  return self->id;
}

const char *
qm_target_item_get_name (QmTargetItem *self)
{
  g_return_val_if_fail (QM_IS_TARGET_ITEM (self), NULL);

  return self->name;
}

guint
qm_target_item_get_n_stances (QmTargetItem *self)
{
  g_return_val_if_fail (QM_IS_TARGET_ITEM (self), 0);

  return self->n_stances;
}

/* --- QmTargetList --- */

struct _QmTargetList
{
  GObject     parent_instance;

  QmHistory  *history;
  GPtrArray  *items;        /* of QmTargetItem, by name */
};

static void qm_target_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (QmTargetList, qm_target_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, qm_target_list_model_init))

enum {
  PROP_0,
  PROP_HISTORY,
  PROP_N_ITEMS,
  N_PROPS
};

enum {
  FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GType
qm_target_list_get_item_type (GListModel *model)
{
  return QM_TYPE_TARGET_ITEM;
}

static guint
qm_target_list_get_n_items (GListModel *model)
{
  return QM_TARGET_LIST (model)->items->len;
}

static gpointer
qm_target_list_get_item (GListModel *model,
                         guint       position)
{
  QmTargetList *self = QM_TARGET_LIST (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
qm_target_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = qm_target_list_get_item_type;
  iface->get_n_items = qm_target_list_get_n_items;
  iface->get_item = qm_target_list_get_item;
}

static void
reload_after_change (QmTargetList *self)
{
  g_autoptr(GError) error = NULL;

  if (!qm_target_list_reload (self, &error))
    g_signal_emit (self, signals[FAILED], 0, error);
}

/* Judgement counts change with every stance set or removed. */
static void
on_history_changed (QmHistory    *history,
                    const char   *document_id,
                    QmTargetList *self)
{
  reload_after_change (self);
}

static void
on_corpus_changed (QmHistory    *history,
                   QmTargetList *self)
{
  reload_after_change (self);
}

static void
qm_target_list_constructed (GObject *object)
{
  QmTargetList *self = QM_TARGET_LIST (object);

  G_OBJECT_CLASS (qm_target_list_parent_class)->constructed (object);

  g_return_if_fail (self->history != NULL);

  g_signal_connect_object (self->history, "changed", G_CALLBACK (on_history_changed), self, 0);
  g_signal_connect_object (self->history, "corpus-changed", G_CALLBACK (on_corpus_changed), self, 0);
}

static void
qm_target_list_dispose (GObject *object)
{
  QmTargetList *self = QM_TARGET_LIST (object);

  g_clear_object (&self->history);

  G_OBJECT_CLASS (qm_target_list_parent_class)->dispose (object);
}

static void
qm_target_list_finalize (GObject *object)
{
  QmTargetList *self = QM_TARGET_LIST (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (qm_target_list_parent_class)->finalize (object);
}

static void
qm_target_list_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  QmTargetList *self = QM_TARGET_LIST (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qm_target_list_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  QmTargetList *self = QM_TARGET_LIST (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      self->history = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qm_target_list_class_init (QmTargetListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = qm_target_list_constructed;
  object_class->dispose = qm_target_list_dispose;
  object_class->finalize = qm_target_list_finalize;
  object_class->get_property = qm_target_list_get_property;
  object_class->set_property = qm_target_list_set_property;

  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL,
                         QM_TYPE_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * QmTargetList::failed:
   * @self: the list
   * @error: why the targets could not be read
   *
   * Emitted when reading the targets again after a change in the history
   * failed, since no caller is there to receive the error.
   */
  signals[FAILED] =
    g_signal_new ("failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
qm_target_list_init (QmTargetList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

QmTargetList *
qm_target_list_new (QmHistory *history)
{
  QmTargetList *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (QM_IS_HISTORY (history), NULL);

  self = g_object_new (QM_TYPE_TARGET_LIST, "history", history, NULL);
  /* Nobody listens yet: an empty list it is, and the next change retries. */
  if (!qm_target_list_reload (self, &error))
    g_warning ("Could not read the stance targets: %s", error->message);
  return self;
}

gboolean
qm_target_list_reload (QmTargetList  *self,
                       GError       **error)
{
  QmStore *store;
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GHashTable) n_stances = NULL;
  g_autoptr(GHashTable) old_items = NULL;
  g_autoptr(GPtrArray) items = NULL;
  guint old_n, new_n, prefix, suffix;

  g_return_val_if_fail (QM_IS_TARGET_LIST (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  store = qm_history_get_store (self->history);
  targets = qm_store_list_targets (store, error);
  if (targets == NULL)
    return FALSE;
  n_stances = qm_store_count_target_stances (store, error);
  if (n_stances == NULL)
    return FALSE;

  old_items = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < self->items->len; i++)
    {
      QmTargetItem *item = g_ptr_array_index (self->items, i);

      g_hash_table_insert (old_items, item->id, item);
    }

  items = g_ptr_array_new_full (targets->len, g_object_unref);
  for (guint i = 0; i < targets->len; i++)
    {
      QmTarget *target = g_ptr_array_index (targets, i);
      QmTargetItem *item = g_hash_table_lookup (old_items, target->id);

      item = item != NULL ? g_object_ref (item) : g_object_new (QM_TYPE_TARGET_ITEM, NULL);
      qm_target_item_update (item, target,
                             GPOINTER_TO_UINT (g_hash_table_lookup (n_stances, target->id)));
      g_ptr_array_add (items, item);
    }

  old_n = self->items->len;
  new_n = items->len;
  for (prefix = 0; prefix < old_n && prefix < new_n; prefix++)
    if (g_ptr_array_index (self->items, prefix) != g_ptr_array_index (items, prefix))
      break;
  for (suffix = 0; suffix < old_n - prefix && suffix < new_n - prefix; suffix++)
    if (g_ptr_array_index (self->items, old_n - 1 - suffix) != g_ptr_array_index (items, new_n - 1 - suffix))
      break;

  g_ptr_array_unref (self->items);
  self->items = g_steal_pointer (&items);

  if (old_n != new_n || prefix < old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix,
                                old_n - prefix - suffix, new_n - prefix - suffix);
  if (old_n != new_n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);

  return TRUE;
}

guint
qm_target_list_find (QmTargetList *self,
                     const char   *target_id)
{
  g_return_val_if_fail (QM_IS_TARGET_LIST (self), G_MAXUINT);

  for (guint i = 0; target_id != NULL && i < self->items->len; i++)
    {
      QmTargetItem *item = g_ptr_array_index (self->items, i);

      if (g_str_equal (item->id, target_id))
        return i;
    }

  return G_MAXUINT;
}
