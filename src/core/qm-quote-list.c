/* qm-quote-list.c: quotes with their speaker, cue and stances, as a list model that follows the history. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "qm-quote-list.h"

#define SNIPPET_CHARS 120

/* --- QmQuoteItem --- */

struct _QmQuoteItem
{
  GObject    parent_instance;

  QmSpan    *span;
  char      *document_title;
  char      *text;
  char      *snippet;
  char      *speaker;
  char      *entity_id;
  char      *cue;
  GPtrArray *stances;       /* of QmStance */
};

G_DEFINE_FINAL_TYPE (QmQuoteItem, qm_quote_item, G_TYPE_OBJECT)

enum {
  ITEM_PROP_0,
  ITEM_PROP_SPAN_ID,
  ITEM_PROP_DOCUMENT_ID,
  ITEM_PROP_DOCUMENT_TITLE,
  ITEM_PROP_TEXT,
  ITEM_PROP_SNIPPET,
  ITEM_PROP_SPEAKER,
  ITEM_PROP_CUE,
  ITEM_N_PROPS
};

static GParamSpec *item_properties[ITEM_N_PROPS];

static void
qm_quote_item_finalize (GObject *object)
{
  QmQuoteItem *self = QM_QUOTE_ITEM (object);

  g_clear_pointer (&self->span, qm_span_unref);
  g_free (self->document_title);
  g_free (self->text);
  g_free (self->snippet);
  g_free (self->speaker);
  g_free (self->entity_id);
  g_free (self->cue);
  g_clear_pointer (&self->stances, g_ptr_array_unref);

  G_OBJECT_CLASS (qm_quote_item_parent_class)->finalize (object);
}

static void
qm_quote_item_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  QmQuoteItem *self = QM_QUOTE_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_SPAN_ID:
      g_value_set_string (value, self->span->id);
      break;
    case ITEM_PROP_DOCUMENT_ID:
      g_value_set_string (value, self->span->document_id);
      break;
    case ITEM_PROP_DOCUMENT_TITLE:
      g_value_set_string (value, self->document_title);
      break;
    case ITEM_PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case ITEM_PROP_SNIPPET:
      g_value_set_string (value, self->snippet);
      break;
    case ITEM_PROP_SPEAKER:
      g_value_set_string (value, self->speaker);
      break;
    case ITEM_PROP_CUE:
      g_value_set_string (value, self->cue);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qm_quote_item_class_init (QmQuoteItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = qm_quote_item_finalize;
  object_class->get_property = qm_quote_item_get_property;

  /* The fields as properties, for rows bound with expressions. An item
   * never changes: a changed quote comes as a new item. */
  item_properties[ITEM_PROP_SPAN_ID] =
    g_param_spec_string ("span-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_DOCUMENT_ID] =
    g_param_spec_string ("document-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_DOCUMENT_TITLE] =
    g_param_spec_string ("document-title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_SNIPPET] =
    g_param_spec_string ("snippet", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_SPEAKER] =
    g_param_spec_string ("speaker", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_CUE] =
    g_param_spec_string ("cue", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_properties);
}

static void
qm_quote_item_init (QmQuoteItem *self)
{
}

const char *
qm_quote_item_get_span_id (QmQuoteItem *self)
{
  g_return_val_if_fail (QM_IS_QUOTE_ITEM (self), NULL);

  return self->span->id;
}

const char *
qm_quote_item_get_document_id (QmQuoteItem *self)
{
  g_return_val_if_fail (QM_IS_QUOTE_ITEM (self), NULL);

  return self->span->document_id;
}

const char *
qm_quote_item_get_document_title (QmQuoteItem *self)
{
  g_return_val_if_fail (QM_IS_QUOTE_ITEM (self), NULL);

  return self->document_title;
}

glong
qm_quote_item_get_start (QmQuoteItem *self)
{
  g_return_val_if_fail (QM_IS_QUOTE_ITEM (self), 0);

  return self->span->start;
}

glong
qm_quote_item_get_end (QmQuoteItem *self)
{
  g_return_val_if_fail (QM_IS_QUOTE_ITEM (self), 0);

  return self->span->end;
}

const char *
qm_quote_item_get_annotator (QmQuoteItem *self)
{
  g_return_val_if_fail (QM_IS_QUOTE_ITEM (self), NULL);

  return self->span->annotator;
}

const char *
qm_quote_item_get_text (QmQuoteItem *self)
{
  g_return_val_if_fail (QM_IS_QUOTE_ITEM (self), NULL);

  return self->text;
}

const char *
qm_quote_item_get_snippet (QmQuoteItem *self)
{
  g_return_val_if_fail (QM_IS_QUOTE_ITEM (self), NULL);

  return self->snippet;
}

const char *
qm_quote_item_get_speaker (QmQuoteItem *self)
{
  g_return_val_if_fail (QM_IS_QUOTE_ITEM (self), NULL);

  return self->speaker;
}

const char *
qm_quote_item_get_entity_id (QmQuoteItem *self)
{
  g_return_val_if_fail (QM_IS_QUOTE_ITEM (self), NULL);

  return self->entity_id;
}

const char *
qm_quote_item_get_cue (QmQuoteItem *self)
{
  g_return_val_if_fail (QM_IS_QUOTE_ITEM (self), NULL);

  return self->cue;
}

GPtrArray *
qm_quote_item_get_stances (QmQuoteItem *self)
{
  g_return_val_if_fail (QM_IS_QUOTE_ITEM (self), NULL);

  return self->stances;
}

const char *
qm_quote_item_get_stance (QmQuoteItem *self,
                          const char  *target_id)
{
  g_return_val_if_fail (QM_IS_QUOTE_ITEM (self), NULL);

  for (guint i = 0; target_id != NULL && i < self->stances->len; i++)
    {
      QmStance *stance = g_ptr_array_index (self->stances, i);

      if (g_strcmp0 (stance->target_id, target_id) == 0)
        return stance->value;
    }

  return NULL;
}

static gboolean
stances_equal (GPtrArray *a,
               GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    {
      QmStance *x = g_ptr_array_index (a, i);
      QmStance *y = g_ptr_array_index (b, i);

      if (g_strcmp0 (x->target_id, y->target_id) != 0 ||
          g_strcmp0 (x->target_name, y->target_name) != 0 ||
          g_strcmp0 (x->value, y->value) != 0 ||
          g_strcmp0 (x->annotator, y->annotator) != 0)
        return FALSE;
    }

  return TRUE;
}

/* Whether a row showing @a may stay as it is for @b. */
static gboolean
quote_item_equal (QmQuoteItem *a,
                  QmQuoteItem *b)
{
  return g_strcmp0 (a->span->id, b->span->id) == 0 &&
         a->span->start == b->span->start &&
         a->span->end == b->span->end &&
         a->span->modified == b->span->modified &&
         g_strcmp0 (a->document_title, b->document_title) == 0 &&
         g_strcmp0 (a->speaker, b->speaker) == 0 &&
         g_strcmp0 (a->entity_id, b->entity_id) == 0 &&
         g_strcmp0 (a->cue, b->cue) == 0 &&
         stances_equal (a->stances, b->stances);
}

/* --- building items --- */

/* The text of [start, end) in code points; NULL outside the text. */
static char *
substring (const char *text,
           glong       n_chars,
           glong       start,
           glong       end)
{
  const char *from, *to;

  if (start < 0 || end < start || end > n_chars)
    return NULL;

  from = g_utf8_offset_to_pointer (text, start);
  to = g_utf8_offset_to_pointer (from, end - start);
  return g_strndup (from, to - from);
}

/* One line, at most SNIPPET_CHARS characters, never ending between a
 * letter and its marks. */
static char *
make_snippet (const char *text)
{
  GString *snippet = g_string_new (NULL);
  gboolean space = FALSE;
  guint n = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = snippet->len > 0;
          continue;
        }

      if (n >= SNIPPET_CHARS && !g_unichar_ismark (c))
        {
          g_string_append (snippet, "…");
          break;
        }

      if (space)
        {
          g_string_append_c (snippet, ' ');
          n++;
          space = FALSE;
        }
      g_string_append_unichar (snippet, c);
      n++;
    }

  return g_string_free (snippet, FALSE);
}

static int
compare_stances (gconstpointer a,
                 gconstpointer b)
{
  const QmStance *x = *(QmStance * const *) a;
  const QmStance *y = *(QmStance * const *) b;
  int cmp = g_utf8_collate (x->target_name != NULL ? x->target_name : "",
                            y->target_name != NULL ? y->target_name : "");

  return cmp != 0 ? cmp : g_strcmp0 (x->annotator, y->annotator);
}

typedef struct
{
  QmStore    *store;
  const char *attribution;
  const char *cue;
  GHashTable *entity_names;  /* entity id -> name, read once per reload */
} Builder;

static const char *
lookup_entity_name (Builder     *builder,
                    const char  *entity_id,
                    GError     **error)
{
  const char *name = g_hash_table_lookup (builder->entity_names, entity_id);
  g_autoptr(QmEntity) entity = NULL;

  if (name != NULL)
    return name;

  entity = qm_store_get_entity (builder->store, entity_id, error);
  if (entity == NULL)
    return NULL;

  name = g_strdup (entity->name);
  g_hash_table_insert (builder->entity_names, g_strdup (entity_id), (char *) name);
  return name;
}

static void
append_joined (GString    *string,
               const char *text)
{
  if (string->len > 0)
    g_string_append (string, ", ");
  g_string_append (string, text);
}

/* Adds an item for each quote of @document_id (among @quote_ids when not
 * NULL) to @items. */
static gboolean
add_document_quotes (Builder     *builder,
                     const char  *document_id,
                     const char  *annotator,
                     GHashTable  *quote_ids,
                     GPtrArray   *items,
                     GError     **error)
{
  const char *stance_label = qm_schema_get_stance_label (qm_store_get_schema (builder->store));
  g_autoptr(QmDocument) document = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GPtrArray) stances = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  const char *title;
  const char *text;
  glong n_chars;

  document = qm_store_get_document (builder->store, document_id, error);
  if (document == NULL)
    return FALSE;
  spans = qm_store_list_spans (builder->store, document_id, annotator, error);
  if (spans == NULL)
    return FALSE;
  relations = qm_store_list_relations (builder->store, document_id, annotator, error);
  if (relations == NULL)
    return FALSE;
  stances = qm_store_list_stances (builder->store, document_id, annotator, error);
  if (stances == NULL)
    return FALSE;

  title = qm_document_get_title (document);
  if (title == NULL || *title == '\0')
    title = _("Untitled");
  text = qm_document_get_text (document);
  n_chars = g_utf8_strlen (text, -1);

  by_id = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < spans->len; i++)
    {
      QmSpan *span = g_ptr_array_index (spans, i);

      g_hash_table_insert (by_id, span->id, span);
    }

  for (guint i = 0; i < spans->len; i++)
    {
      QmSpan *span = g_ptr_array_index (spans, i);
      g_autoptr(QmQuoteItem) item = NULL;
      g_autoptr(GString) speaker = NULL;
      g_autoptr(GString) cue = NULL;
      g_autoptr(GHashTable) seen = NULL;

      if (g_strcmp0 (span->label, stance_label) != 0)
        continue;
      if (quote_ids != NULL && !g_hash_table_contains (quote_ids, span->id))
        continue;

      item = g_object_new (QM_TYPE_QUOTE_ITEM, NULL);
      item->span = qm_span_ref (span);
      item->document_title = g_strdup (title);
      item->text = substring (text, n_chars, span->start, span->end);
      if (item->text == NULL)
        item->text = g_strdup ("");
      item->snippet = make_snippet (item->text);
      item->stances = g_ptr_array_new_with_free_func ((GDestroyNotify) qm_stance_unref);

      speaker = g_string_new (NULL);
      cue = g_string_new (NULL);
      seen = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint j = 0; j < relations->len; j++)
        {
          QmRelation *relation = g_ptr_array_index (relations, j);
          QmSpan *to;

          if (g_strcmp0 (relation->from_id, span->id) != 0)
            continue;
          to = g_hash_table_lookup (by_id, relation->to_id);
          if (to == NULL)
            continue;

          if (g_strcmp0 (relation->type, builder->attribution) == 0)
            {
              g_autofree char *mention = NULL;

              if (to->entity_id != NULL)
                {
                  const char *name = lookup_entity_name (builder, to->entity_id, error);

                  if (name == NULL)
                    return FALSE;
                  /* The same speaker linked twice is named once. */
                  if (!g_hash_table_add (seen, to->entity_id))
                    continue;
                  if (item->entity_id == NULL)
                    item->entity_id = g_strdup (to->entity_id);
                  append_joined (speaker, name);
                  continue;
                }

              mention = substring (text, n_chars, to->start, to->end);
              if (mention != NULL)
                append_joined (speaker, mention);
            }
          else if (g_strcmp0 (relation->type, builder->cue) == 0)
            {
              g_autofree char *cue_text = substring (text, n_chars, to->start, to->end);

              if (cue_text != NULL)
                append_joined (cue, cue_text);
            }
        }
      item->speaker = g_string_free (g_steal_pointer (&speaker), FALSE);
      item->cue = g_string_free (g_steal_pointer (&cue), FALSE);

      for (guint j = 0; j < stances->len; j++)
        {
          QmStance *stance = g_ptr_array_index (stances, j);

          if (g_strcmp0 (stance->span_id, span->id) == 0)
            g_ptr_array_add (item->stances, qm_stance_ref (stance));
        }
      g_ptr_array_sort (item->stances, compare_stances);

      g_ptr_array_add (items, g_steal_pointer (&item));
    }

  return TRUE;
}

/* --- QmQuoteList --- */

struct _QmQuoteList
{
  GObject     parent_instance;

  QmHistory  *history;
  char       *document_id;  /* one of the two */
  char       *entity_id;
  char       *annotator;
  GPtrArray  *items;        /* of QmQuoteItem */
};

static void qm_quote_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (QmQuoteList, qm_quote_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, qm_quote_list_model_init))

enum {
  PROP_0,
  PROP_HISTORY,
  PROP_DOCUMENT_ID,
  PROP_ENTITY_ID,
  PROP_ANNOTATOR,
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
qm_quote_list_get_item_type (GListModel *model)
{
  return QM_TYPE_QUOTE_ITEM;
}

static guint
qm_quote_list_get_n_items (GListModel *model)
{
  return QM_QUOTE_LIST (model)->items->len;
}

static gpointer
qm_quote_list_get_item (GListModel *model,
                        guint       position)
{
  QmQuoteList *self = QM_QUOTE_LIST (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
qm_quote_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = qm_quote_list_get_item_type;
  iface->get_n_items = qm_quote_list_get_n_items;
  iface->get_item = qm_quote_list_get_item;
}

static void
reload_after_change (QmQuoteList *self)
{
  g_autoptr(GError) error = NULL;

  if (!qm_quote_list_reload (self, &error))
    g_signal_emit (self, signals[FAILED], 0, error);
}

static void
on_history_changed (QmHistory   *history,
                    const char  *document_id,
                    QmQuoteList *self)
{
  /* An entity's quotes may be in any document. */
  if (self->document_id != NULL && g_strcmp0 (document_id, self->document_id) != 0)
    return;

  reload_after_change (self);
}

/* Renamed speakers and targets show in every row. */
static void
on_corpus_changed (QmHistory   *history,
                   QmQuoteList *self)
{
  reload_after_change (self);
}

/* Each row shows the title of its document. */
static void
on_document_renamed (QmHistory   *history,
                     const char  *document_id,
                     const char  *title,
                     QmQuoteList *self)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      QmQuoteItem *item = g_ptr_array_index (self->items, i);

      if (g_strcmp0 (item->span->document_id, document_id) == 0)
        {
          reload_after_change (self);
          return;
        }
    }
}

static void
qm_quote_list_constructed (GObject *object)
{
  QmQuoteList *self = QM_QUOTE_LIST (object);

  G_OBJECT_CLASS (qm_quote_list_parent_class)->constructed (object);

  g_return_if_fail (self->history != NULL);

  g_signal_connect_object (self->history, "changed", G_CALLBACK (on_history_changed), self, 0);
  g_signal_connect_object (self->history, "corpus-changed", G_CALLBACK (on_corpus_changed), self, 0);
  g_signal_connect_object (self->history, "document-renamed", G_CALLBACK (on_document_renamed), self, 0);
}

static void
qm_quote_list_dispose (GObject *object)
{
  QmQuoteList *self = QM_QUOTE_LIST (object);

  g_clear_object (&self->history);

  G_OBJECT_CLASS (qm_quote_list_parent_class)->dispose (object);
}

static void
qm_quote_list_finalize (GObject *object)
{
  QmQuoteList *self = QM_QUOTE_LIST (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_free (self->document_id);
  g_free (self->entity_id);
  g_free (self->annotator);

  G_OBJECT_CLASS (qm_quote_list_parent_class)->finalize (object);
}

static void
qm_quote_list_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  QmQuoteList *self = QM_QUOTE_LIST (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_DOCUMENT_ID:
      g_value_set_string (value, self->document_id);
      break;
    case PROP_ENTITY_ID:
      g_value_set_string (value, self->entity_id);
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
qm_quote_list_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  QmQuoteList *self = QM_QUOTE_LIST (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      self->history = g_value_dup_object (value);
      break;
    case PROP_DOCUMENT_ID:
      self->document_id = g_value_dup_string (value);
      break;
    case PROP_ENTITY_ID:
      self->entity_id = g_value_dup_string (value);
      break;
    case PROP_ANNOTATOR:
      self->annotator = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qm_quote_list_class_init (QmQuoteListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = qm_quote_list_constructed;
  object_class->dispose = qm_quote_list_dispose;
  object_class->finalize = qm_quote_list_finalize;
  object_class->get_property = qm_quote_list_get_property;
  object_class->set_property = qm_quote_list_set_property;

  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL,
                         QM_TYPE_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOCUMENT_ID] =
    g_param_spec_string ("document-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENTITY_ID] =
    g_param_spec_string ("entity-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* NULL: every annotator's quotes. */
  properties[PROP_ANNOTATOR] =
    g_param_spec_string ("annotator", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * QmQuoteList::failed:
   * @self: the list
   * @error: why the quotes could not be read
   *
   * Emitted when reading the quotes again after a change in the history
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
qm_quote_list_init (QmQuoteList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

static QmQuoteList *
quote_list_new (QmQuoteList *self)
{
  g_autoptr(GError) error = NULL;

  /* Nobody listens yet: an empty list it is, and the next change retries. */
  if (!qm_quote_list_reload (self, &error))
    g_warning ("Could not read the quotes: %s", error->message);
  return self;
}

QmQuoteList *
qm_quote_list_new_for_document (QmHistory  *history,
                                const char *document_id,
                                const char *annotator)
{
  g_return_val_if_fail (QM_IS_HISTORY (history), NULL);
  g_return_val_if_fail (document_id != NULL, NULL);

  return quote_list_new (g_object_new (QM_TYPE_QUOTE_LIST,
                                       "history", history,
                                       "document-id", document_id,
                                       "annotator", annotator,
                                       NULL));
}

QmQuoteList *
qm_quote_list_new_for_entity (QmHistory  *history,
                              const char *entity_id)
{
  g_return_val_if_fail (QM_IS_HISTORY (history), NULL);
  g_return_val_if_fail (entity_id != NULL, NULL);

  return quote_list_new (g_object_new (QM_TYPE_QUOTE_LIST,
                                       "history", history,
                                       "entity-id", entity_id,
                                       NULL));
}

static gboolean
read_items (QmQuoteList  *self,
            GPtrArray    *items,
            GError      **error)
{
  g_autoptr(GHashTable) entity_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) document_ids = NULL;
  g_autoptr(GHashTable) quote_ids = NULL;
  Builder builder;

  builder.store = qm_history_get_store (self->history);
  builder.attribution = qm_store_get_attribution_type (builder.store);
  builder.cue = qm_store_get_cue_type (builder.store);
  builder.entity_names = entity_names;

  if (self->document_id != NULL)
    return add_document_quotes (&builder, self->document_id, self->annotator, NULL, items, error);

  if (!qm_store_find_entity_quotes (builder.store, self->entity_id, &document_ids, &quote_ids, error))
    return FALSE;

  for (guint i = 0; i < document_ids->len; i++)
    if (!add_document_quotes (&builder, g_ptr_array_index (document_ids, i), NULL, quote_ids, items, error))
      return FALSE;

  return TRUE;
}

gboolean
qm_quote_list_reload (QmQuoteList  *self,
                      GError      **error)
{
  g_autoptr(GPtrArray) items = NULL;
  guint old_n, new_n, prefix, suffix;

  g_return_val_if_fail (QM_IS_QUOTE_LIST (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  items = g_ptr_array_new_with_free_func (g_object_unref);
  if (!read_items (self, items, error))
    return FALSE;

  old_n = self->items->len;
  new_n = items->len;
  for (prefix = 0; prefix < old_n && prefix < new_n; prefix++)
    if (!quote_item_equal (g_ptr_array_index (self->items, prefix), g_ptr_array_index (items, prefix)))
      break;
  for (suffix = 0; suffix < old_n - prefix && suffix < new_n - prefix; suffix++)
    if (!quote_item_equal (g_ptr_array_index (self->items, old_n - 1 - suffix),
                           g_ptr_array_index (items, new_n - 1 - suffix)))
      break;

  if (prefix == old_n && old_n == new_n)
    return TRUE;

  /* The unchanged items at both ends stay the same objects. */
  for (guint i = 0; i < prefix + suffix; i++)
    {
      guint new_i = i < prefix ? i : new_n - 1 - (i - prefix);
      guint old_i = i < prefix ? i : old_n - 1 - (i - prefix);

      g_object_unref (items->pdata[new_i]);
      items->pdata[new_i] = g_object_ref (g_ptr_array_index (self->items, old_i));
    }

  g_ptr_array_unref (self->items);
  self->items = g_steal_pointer (&items);

  g_list_model_items_changed (G_LIST_MODEL (self), prefix,
                              old_n - prefix - suffix, new_n - prefix - suffix);
  if (old_n != new_n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);

  return TRUE;
}

guint
qm_quote_list_find (QmQuoteList *self,
                    const char  *span_id)
{
  g_return_val_if_fail (QM_IS_QUOTE_LIST (self), G_MAXUINT);

  for (guint i = 0; span_id != NULL && i < self->items->len; i++)
    {
      QmQuoteItem *item = g_ptr_array_index (self->items, i);

      if (g_str_equal (item->span->id, span_id))
        return i;
    }

  return G_MAXUINT;
}

const char *
qm_quote_list_get_document_id (QmQuoteList *self)
{
  g_return_val_if_fail (QM_IS_QUOTE_LIST (self), NULL);

  return self->document_id;
}

const char *
qm_quote_list_get_entity_id (QmQuoteList *self)
{
  g_return_val_if_fail (QM_IS_QUOTE_LIST (self), NULL);

  return self->entity_id;
}
