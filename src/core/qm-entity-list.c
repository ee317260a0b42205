/* qm-entity-list.c: the speaker entities with their counts, as a list model that follows the history. */
#include "config.h"

#include <string.h>

#include "qm-entity-list.h"
#include "qm-text.h"

/* --- QmEntityItem --- */

struct _QmEntityItem
{
  GObject   parent_instance;

  QmEntity *entity;
  char     *aliases_text;
  /* The name and aliases folded, for searching without folding per key. */
  GStrv     folded;
  guint     n_quotes;
  guint     n_documents;
};

G_DEFINE_FINAL_TYPE (QmEntityItem, qm_entity_item, G_TYPE_OBJECT)

enum {
  ITEM_PROP_0,
  ITEM_PROP_ENTITY,
  ITEM_PROP_ID,
  ITEM_PROP_NAME,
  ITEM_PROP_ALIASES_TEXT,
  ITEM_PROP_N_QUOTES,
  ITEM_PROP_N_DOCUMENTS,
  ITEM_N_PROPS
};

static GParamSpec *item_properties[ITEM_N_PROPS];

static void
qm_entity_item_finalize (GObject *object)
{
  QmEntityItem *self = QM_ENTITY_ITEM (object);

  g_clear_pointer (&self->entity, qm_entity_unref);
  g_free (self->aliases_text);
  g_strfreev (self->folded);

  G_OBJECT_CLASS (qm_entity_item_parent_class)->finalize (object);
}

static void
qm_entity_item_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  QmEntityItem *self = QM_ENTITY_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_ENTITY:
      g_value_set_boxed (value, self->entity);
      break;
    case ITEM_PROP_ID:
      g_value_set_string (value, self->entity->id);
      break;
    case ITEM_PROP_NAME:
      g_value_set_string (value, self->entity->name);
      break;
    case ITEM_PROP_ALIASES_TEXT:
      g_value_set_string (value, self->aliases_text);
      break;
    case ITEM_PROP_N_QUOTES:
      g_value_set_uint (value, self->n_quotes);
      break;
    case ITEM_PROP_N_DOCUMENTS:
      g_value_set_uint (value, self->n_documents);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qm_entity_item_class_init (QmEntityItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = qm_entity_item_finalize;
  object_class->get_property = qm_entity_item_get_property;

  /* Read-only: the list updates its items and notifies what changed, so
   * rows bound to these properties follow. */
  item_properties[ITEM_PROP_ENTITY] =
    g_param_spec_boxed ("entity", NULL, NULL,
                        QM_TYPE_ENTITY,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_ALIASES_TEXT] =
    g_param_spec_string ("aliases-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_N_QUOTES] =
    g_param_spec_uint ("n-quotes", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_N_DOCUMENTS] =
    g_param_spec_uint ("n-documents", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_properties);
}

static void
qm_entity_item_init (QmEntityItem *self)
{
}

/* Takes @entity and the counts, notifying only what differs. */
static void
qm_entity_item_update (QmEntityItem *self,
                       QmEntity     *entity,
                       guint         n_quotes,
                       guint         n_documents)
{
  gboolean name_changed = self->entity == NULL || g_strcmp0 (self->entity->name, entity->name) != 0;
  g_autoptr(GStrvBuilder) folded = g_strv_builder_new ();
  g_autoptr(GString) aliases = g_string_new (NULL);
  gboolean aliases_changed;

  for (guint i = 0; entity->aliases != NULL && i < entity->aliases->len; i++)
    {
      const char *alias = g_ptr_array_index (entity->aliases, i);
      g_autofree char *folded_alias = qm_text_fold (alias, NULL);

      if (aliases->len > 0)
        g_string_append (aliases, ", ");
      g_string_append (aliases, alias);
      g_strv_builder_add (folded, folded_alias);
    }
  {
    g_autofree char *folded_name = qm_text_fold (entity->name, NULL);

    g_strv_builder_add (folded, folded_name);
  }

  aliases_changed = g_strcmp0 (self->aliases_text, aliases->str) != 0;

  g_object_freeze_notify (G_OBJECT (self));

  g_clear_pointer (&self->entity, qm_entity_unref);
  self->entity = qm_entity_ref (entity);
  g_strfreev (self->folded);
  self->folded = g_strv_builder_end (folded);
  g_object_notify_by_pspec (G_OBJECT (self), item_properties[ITEM_PROP_ENTITY]);

  if (name_changed)
    g_object_notify_by_pspec (G_OBJECT (self), item_properties[ITEM_PROP_NAME]);
  if (aliases_changed)
    {
      g_free (self->aliases_text);
      self->aliases_text = g_string_free (g_steal_pointer (&aliases), FALSE);
      g_object_notify_by_pspec (G_OBJECT (self), item_properties[ITEM_PROP_ALIASES_TEXT]);
    }
  if (self->n_quotes != n_quotes)
    {
      self->n_quotes = n_quotes;
      g_object_notify_by_pspec (G_OBJECT (self), item_properties[ITEM_PROP_N_QUOTES]);
    }
  if (self->n_documents != n_documents)
    {
      self->n_documents = n_documents;
      g_object_notify_by_pspec (G_OBJECT (self), item_properties[ITEM_PROP_N_DOCUMENTS]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

QmEntity *
qm_entity_item_get_entity (QmEntityItem *self)
{
  g_return_val_if_fail (QM_IS_ENTITY_ITEM (self), NULL);

  return self->entity;
}

const char *
qm_entity_item_get_id (QmEntityItem *self)
{
  g_return_val_if_fail (QM_IS_ENTITY_ITEM (self), NULL);

  return self->entity->id;
}

const char *
qm_entity_item_get_name (QmEntityItem *self)
{
  g_return_val_if_fail (QM_IS_ENTITY_ITEM (self), NULL);

  return self->entity->name;
}

const char *
qm_entity_item_get_aliases_text (QmEntityItem *self)
{
  g_return_val_if_fail (QM_IS_ENTITY_ITEM (self), NULL);

  return self->aliases_text;
}

guint
qm_entity_item_get_n_quotes (QmEntityItem *self)
{
  g_return_val_if_fail (QM_IS_ENTITY_ITEM (self), 0);

  return self->n_quotes;
}

guint
qm_entity_item_get_n_documents (QmEntityItem *self)
{
  g_return_val_if_fail (QM_IS_ENTITY_ITEM (self), 0);

  return self->n_documents;
}

gboolean
qm_entity_item_matches (QmEntityItem *self,
                        const char   *folded)
{
  g_return_val_if_fail (QM_IS_ENTITY_ITEM (self), FALSE);

  if (folded == NULL || *folded == '\0')
    return TRUE;

  for (guint i = 0; self->folded != NULL && self->folded[i] != NULL; i++)
    if (strstr (self->folded[i], folded) != NULL)
      return TRUE;

  return FALSE;
}

/* --- QmEntityList --- */

struct _QmEntityList
{
  GObject     parent_instance;

  QmHistory  *history;
  GPtrArray  *items;        /* of QmEntityItem, in the store's order */
};

static void qm_entity_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (QmEntityList, qm_entity_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, qm_entity_list_model_init))

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
qm_entity_list_get_item_type (GListModel *model)
{
  return QM_TYPE_ENTITY_ITEM;
}

static guint
qm_entity_list_get_n_items (GListModel *model)
{
  return QM_ENTITY_LIST (model)->items->len;
}

static gpointer
qm_entity_list_get_item (GListModel *model,
                         guint       position)
{
  QmEntityList *self = QM_ENTITY_LIST (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
qm_entity_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = qm_entity_list_get_item_type;
  iface->get_n_items = qm_entity_list_get_n_items;
  iface->get_item = qm_entity_list_get_item;
}

static void
reload_after_change (QmEntityList *self)
{
  g_autoptr(GError) error = NULL;

  if (!qm_entity_list_reload (self, &error))
    g_signal_emit (self, signals[FAILED], 0, error);
}

/* Quote counts change with every link, so any change may concern us. */
static void
on_history_changed (QmHistory    *history,
                    const char   *document_id,
                    QmEntityList *self)
{
  reload_after_change (self);
}

static void
on_corpus_changed (QmHistory    *history,
                   QmEntityList *self)
{
  reload_after_change (self);
}

static void
qm_entity_list_constructed (GObject *object)
{
  QmEntityList *self = QM_ENTITY_LIST (object);

  G_OBJECT_CLASS (qm_entity_list_parent_class)->constructed (object);

  g_return_if_fail (self->history != NULL);

  g_signal_connect_object (self->history, "changed", G_CALLBACK (on_history_changed), self, 0);
  g_signal_connect_object (self->history, "corpus-changed", G_CALLBACK (on_corpus_changed), self, 0);
}

static void
qm_entity_list_dispose (GObject *object)
{
  QmEntityList *self = QM_ENTITY_LIST (object);

  g_clear_object (&self->history);

  G_OBJECT_CLASS (qm_entity_list_parent_class)->dispose (object);
}

static void
qm_entity_list_finalize (GObject *object)
{
  QmEntityList *self = QM_ENTITY_LIST (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (qm_entity_list_parent_class)->finalize (object);
}

static void
qm_entity_list_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  QmEntityList *self = QM_ENTITY_LIST (object);

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
qm_entity_list_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  QmEntityList *self = QM_ENTITY_LIST (object);

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
qm_entity_list_class_init (QmEntityListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = qm_entity_list_constructed;
  object_class->dispose = qm_entity_list_dispose;
  object_class->finalize = qm_entity_list_finalize;
  object_class->get_property = qm_entity_list_get_property;
  object_class->set_property = qm_entity_list_set_property;

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
   * QmEntityList::failed:
   * @self: the list
   * @error: why the entities could not be read
   *
   * Emitted when reading the entities again after a change in the
   * history failed, since no caller is there to receive the error.
   */
  signals[FAILED] =
    g_signal_new ("failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
qm_entity_list_init (QmEntityList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

QmEntityList *
qm_entity_list_new (QmHistory *history)
{
  QmEntityList *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (QM_IS_HISTORY (history), NULL);

  self = g_object_new (QM_TYPE_ENTITY_LIST, "history", history, NULL);
  /* Nobody listens yet: an empty list it is, and the next change retries. */
  if (!qm_entity_list_reload (self, &error))
    g_warning ("Could not read the speakers: %s", error->message);
  return self;
}

QmHistory *
qm_entity_list_get_history (QmEntityList *self)
{
  g_return_val_if_fail (QM_IS_ENTITY_LIST (self), NULL);

  return self->history;
}

gboolean
qm_entity_list_reload (QmEntityList  *self,
                       GError       **error)
{
  QmStore *store;
  g_autoptr(GPtrArray) entities = NULL;
  g_autoptr(GHashTable) n_quotes = NULL;
  g_autoptr(GHashTable) n_documents = NULL;
  g_autoptr(GHashTable) old_items = NULL;
  g_autoptr(GPtrArray) items = NULL;
  guint old_n, new_n, prefix, suffix;

  g_return_val_if_fail (QM_IS_ENTITY_LIST (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  store = qm_history_get_store (self->history);
  entities = qm_store_list_entities (store, error);
  if (entities == NULL)
    return FALSE;
  if (!qm_store_count_entity_usage (store, NULL, &n_quotes, &n_documents, error))
    return FALSE;

  /* An entity that stays keeps its item, so rows and selections bound to
   * it stay too. */
  old_items = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < self->items->len; i++)
    {
      QmEntityItem *item = g_ptr_array_index (self->items, i);

      g_hash_table_insert (old_items, item->entity->id, item);
    }

  items = g_ptr_array_new_full (entities->len, g_object_unref);
  for (guint i = 0; i < entities->len; i++)
    {
      QmEntity *entity = g_ptr_array_index (entities, i);
      QmEntityItem *item = g_hash_table_lookup (old_items, entity->id);

      item = item != NULL ? g_object_ref (item) : g_object_new (QM_TYPE_ENTITY_ITEM, NULL);
      qm_entity_item_update (item, entity,
                             GPOINTER_TO_UINT (g_hash_table_lookup (n_quotes, entity->id)),
                             GPOINTER_TO_UINT (g_hash_table_lookup (n_documents, entity->id)));
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
qm_entity_list_find (QmEntityList *self,
                     const char   *entity_id)
{
  g_return_val_if_fail (QM_IS_ENTITY_LIST (self), G_MAXUINT);

  for (guint i = 0; entity_id != NULL && i < self->items->len; i++)
    {
      QmEntityItem *item = g_ptr_array_index (self->items, i);

      if (g_str_equal (item->entity->id, entity_id))
        return i;
    }

  return G_MAXUINT;
}
