/* qm-document-list.c: the documents of a corpus as a lazily read GListModel.
 *
 * The store is asked for one page of documents (without text) the first time
 * an item of that page is wanted; a list view showing the first screen of a
 * corpus of 10,000 documents reads one page. Pages stay once read: a
 * document without its text is small, and dropping pages would make a
 * filter model see different objects for the same position.
 */
#include "config.h"

#include "qm-document-list-private.h"

#define PAGE_SIZE 200

struct _QmDocumentList
{
  GObject     parent_instance;

  QmStore    *store;
  char       *annotator;

  guint       n_documents;   /* in the store, unfiltered */
  GPtrArray  *pages;         /* of GPtrArray of QmDocument, NULL when not read */

  char       *search;        /* as given */
  GArray     *matches;       /* positions (guint) matching the search, or NULL */

  GError     *error;
  guint       n_page_loads;
};

static void qm_document_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (QmDocumentList, qm_document_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      qm_document_list_model_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_ANNOTATOR,
  PROP_SEARCH,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
remember_error (QmDocumentList *self,
                GError         *error)
{
  g_clear_error (&self->error);
  self->error = error;
}

static guint
count_pages (guint n_documents)
{
  return (n_documents + PAGE_SIZE - 1) / PAGE_SIZE;
}

static GPtrArray *
read_page (QmDocumentList *self,
           guint           page)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *documents;

  documents = qm_store_list_documents (self->store, self->annotator,
                                       page * PAGE_SIZE, PAGE_SIZE, &error);
  self->n_page_loads++;
  if (documents == NULL)
    {
      g_warning ("Could not read documents %u to %u: %s",
                 page * PAGE_SIZE, page * PAGE_SIZE + PAGE_SIZE - 1,
                 error->message);
      remember_error (self, g_steal_pointer (&error));
      /* An empty page, so a store that fails does not get asked again for
       * every row drawn; reload tries again. */
      return g_ptr_array_new_with_free_func (g_object_unref);
    }

  return documents;
}

/* The document at @position of the unfiltered corpus, borrowed. */
static QmDocument *
peek_document (QmDocumentList *self,
               guint           position)
{
  guint page = position / PAGE_SIZE;
  GPtrArray *documents;

  if (position >= self->n_documents)
    return NULL;

  documents = g_ptr_array_index (self->pages, page);
  if (documents == NULL)
    {
      documents = read_page (self, page);
      g_ptr_array_index (self->pages, page) = documents;
    }

  /* Shorter than expected when another program deleted documents since
   * the count; the next reload sets that right. */
  if (position % PAGE_SIZE >= documents->len)
    return NULL;

  return g_ptr_array_index (documents, position % PAGE_SIZE);
}

/* Pages not read yet are NULL, which g_ptr_array_unref() refuses. */
static void
free_page (gpointer page)
{
  if (page != NULL)
    g_ptr_array_unref (page);
}

static void
clear_pages (GPtrArray *pages)
{
  for (guint i = 0; i < pages->len; i++)
    g_clear_pointer (&g_ptr_array_index (pages, i), g_ptr_array_unref);
}

static void
resize_pages (QmDocumentList *self)
{
  guint n_pages = count_pages (self->n_documents);

  for (guint i = n_pages; i < self->pages->len; i++)
    g_clear_pointer (&g_ptr_array_index (self->pages, i), g_ptr_array_unref);
  g_ptr_array_set_size (self->pages, n_pages);
}

static guint
count_documents (QmDocumentList *self)
{
  g_autoptr(GError) error = NULL;
  guint n;

  n = qm_store_count_documents (self->store, &error);
  if (error != NULL)
    {
      g_warning ("Could not count the documents: %s", error->message);
      remember_error (self, g_steal_pointer (&error));
      return 0;
    }

  return n;
}

/* The positions of the matches; the store's index gives them without
 * reading any document, so the pages stay unread until shown. NULL when the
 * query has no word to look for: then nothing is filtered. */
static GArray *
find_matches (QmDocumentList *self,
              const char     *query)
{
  g_autoptr(GError) error = NULL;
  GArray *matches;
  guint n;

  matches = qm_store_search_positions (self->store, query, &error);
  if (error != NULL)
    {
      g_warning ("Could not search the documents: %s", error->message);
      remember_error (self, g_steal_pointer (&error));
      return g_array_new (FALSE, FALSE, sizeof (guint));
    }
  if (matches == NULL)
    return NULL;

  /* Another program may have added documents since the count; they show
   * after the next reload, like the rest of its changes. */
  for (n = matches->len; n > 0 && g_array_index (matches, guint, n - 1) >= self->n_documents; n--)
    ;
  g_array_set_size (matches, n);

  return matches;
}

static guint
get_n_visible (QmDocumentList *self)
{
  return self->matches != NULL ? self->matches->len : self->n_documents;
}

static GType
qm_document_list_get_item_type (GListModel *model)
{
  return QM_TYPE_DOCUMENT;
}

static guint
qm_document_list_get_n_items (GListModel *model)
{
  return get_n_visible (QM_DOCUMENT_LIST (model));
}

static gpointer
qm_document_list_get_item (GListModel *model,
                           guint       position)
{
  QmDocumentList *self = QM_DOCUMENT_LIST (model);
  QmDocument *document;

  if (self->matches != NULL)
    {
      if (position >= self->matches->len)
        return NULL;
      position = g_array_index (self->matches, guint, position);
    }

  document = peek_document (self, position);
  return document != NULL ? g_object_ref (document) : NULL;
}

static void
qm_document_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = qm_document_list_get_item_type;
  iface->get_n_items = qm_document_list_get_n_items;
  iface->get_item = qm_document_list_get_item;
}

static void
qm_document_list_constructed (GObject *object)
{
  QmDocumentList *self = QM_DOCUMENT_LIST (object);

  G_OBJECT_CLASS (qm_document_list_parent_class)->constructed (object);

  g_return_if_fail (QM_IS_STORE (self->store));

  /* Counting is one cheap query; the documents wait until asked for. */
  self->n_documents = count_documents (self);
  resize_pages (self);
}

static void
qm_document_list_finalize (GObject *object)
{
  QmDocumentList *self = QM_DOCUMENT_LIST (object);

  clear_pages (self->pages);
  g_ptr_array_unref (self->pages);
  g_clear_pointer (&self->matches, g_array_unref);
  g_clear_object (&self->store);
  g_clear_pointer (&self->annotator, g_free);
  g_clear_pointer (&self->search, g_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (qm_document_list_parent_class)->finalize (object);
}

static void
qm_document_list_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  QmDocumentList *self = QM_DOCUMENT_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_ANNOTATOR:
      g_value_set_string (value, self->annotator);
      break;
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, get_n_visible (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qm_document_list_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  QmDocumentList *self = QM_DOCUMENT_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_ANNOTATOR:
      self->annotator = g_value_dup_string (value);
      break;
    case PROP_SEARCH:
      qm_document_list_set_search (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qm_document_list_class_init (QmDocumentListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = qm_document_list_constructed;
  object_class->finalize = qm_document_list_finalize;
  object_class->get_property = qm_document_list_get_property;
  object_class->set_property = qm_document_list_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         QM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Whose statuses the documents carry; NULL: every document is "new". */
  properties[PROP_ANNOTATOR] =
    g_param_spec_string ("annotator", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
qm_document_list_init (QmDocumentList *self)
{
  self->pages = g_ptr_array_new ();
}

/**
 * qm_document_list_new:
 * @store: the corpus
 * @annotator: (nullable): whose status and quote counts the items carry
 *
 * Returns: (transfer full): a list of the documents of @store in import order
 */
QmDocumentList *
qm_document_list_new (QmStore    *store,
                      const char *annotator)
{
  g_return_val_if_fail (QM_IS_STORE (store), NULL);

  return g_object_new (QM_TYPE_DOCUMENT_LIST,
                       "store", store,
                       "annotator", annotator,
                       NULL);
}

static gboolean
document_changed (QmDocument *before,
                  QmDocument *after)
{
  return qm_document_get_status (before) != qm_document_get_status (after) ||
         qm_document_get_n_quotes (before) != qm_document_get_n_quotes (after) ||
         g_strcmp0 (qm_document_get_title (before), qm_document_get_title (after)) != 0 ||
         g_strcmp0 (qm_document_get_language (before), qm_document_get_language (after)) != 0;
}

static void
emit_changed_ranges (QmDocumentList *self,
                     GArray         *changed)
{
  guint i = 0;

  /* Consecutive positions go out as one range, so a view rebinds only the
   * rows that changed and keeps its scroll position and selection
   * elsewhere. */
  while (i < changed->len)
    {
      guint first = g_array_index (changed, guint, i);
      guint n = 1;

      while (i + n < changed->len && g_array_index (changed, guint, i + n) == first + n)
        n++;
      g_list_model_items_changed (G_LIST_MODEL (self), first, n, n);
      i += n;
    }
}

/**
 * qm_document_list_reload:
 * @self: the list
 *
 * Reads the count again and the pages read so far. Documents whose status,
 * quote count or title changed are replaced by new objects (items-changed
 * for just those positions); new documents at the end are added. When the
 * order changed, or a search is active, every item is replaced.
 */
void
qm_document_list_reload (QmDocumentList *self)
{
  g_autoptr(GPtrArray) old_pages = NULL;
  g_autoptr(GArray) changed = NULL;
  guint old_n_documents, old_n_visible, n_common;
  gboolean reordered = FALSE;

  g_return_if_fail (QM_IS_DOCUMENT_LIST (self));

  g_clear_error (&self->error);
  old_n_documents = self->n_documents;
  old_n_visible = get_n_visible (self);

  old_pages = g_steal_pointer (&self->pages);
  g_ptr_array_set_free_func (old_pages, free_page);
  self->pages = g_ptr_array_new ();
  self->n_documents = count_documents (self);
  resize_pages (self);

  /* Read again the pages that were read: their documents are the ones
   * a view or filter has seen. */
  for (guint page = 0; page < old_pages->len && page < self->pages->len; page++)
    if (g_ptr_array_index (old_pages, page) != NULL)
      g_ptr_array_index (self->pages, page) = read_page (self, page);

  if (self->search != NULL && *self->search != '\0')
    {
      g_clear_pointer (&self->matches, g_array_unref);
      self->matches = find_matches (self, self->search);
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_visible, get_n_visible (self));
      if (old_n_visible != get_n_visible (self))
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
      return;
    }

  changed = g_array_new (FALSE, FALSE, sizeof (guint));
  n_common = MIN (old_n_documents, self->n_documents);
  for (guint page = 0; page < old_pages->len && page < self->pages->len && !reordered; page++)
    {
      GPtrArray *before = g_ptr_array_index (old_pages, page);
      GPtrArray *after = g_ptr_array_index (self->pages, page);

      if (before == NULL)
        continue;

      for (guint i = 0; i < before->len; i++)
        {
          guint position = page * PAGE_SIZE + i;
          QmDocument *a, *b;

          if (position >= n_common)
            break;
          if (i >= after->len)
            {
              reordered = TRUE;
              break;
            }

          a = g_ptr_array_index (before, i);
          b = g_ptr_array_index (after, i);
          if (g_strcmp0 (qm_document_get_id (a), qm_document_get_id (b)) != 0)
            {
              reordered = TRUE;
              break;
            }
          if (document_changed (a, b))
            g_array_append_val (changed, position);
        }
    }

  if (reordered)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_documents, self->n_documents);
    }
  else
    {
      emit_changed_ranges (self, changed);
      if (self->n_documents > old_n_documents)
        g_list_model_items_changed (G_LIST_MODEL (self), old_n_documents, 0,
                                    self->n_documents - old_n_documents);
      else if (self->n_documents < old_n_documents)
        g_list_model_items_changed (G_LIST_MODEL (self), self->n_documents,
                                    old_n_documents - self->n_documents, 0);
    }

  if (old_n_documents != self->n_documents)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* Matches are raw positions in ascending order. */
static gint
compare_positions (gconstpointer a,
                   gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* The index in @matches of the raw position @position, or G_MAXUINT. */
static guint
find_match (GArray *matches,
            guint   position)
{
  guint index;

  return g_array_binary_search (matches, &position, compare_positions, &index) ? index : G_MAXUINT;
}

/**
 * qm_document_list_refresh_document:
 * @self: the list
 * @document_id: the id of a document whose title changed
 *
 * Reads that one document again when its page was read, and emits
 * items-changed for its position only; with a search, the matches are
 * looked for again (the title is searched), and a document that starts or
 * stops matching comes or goes. When the corpus changed otherwise (another
 * program deleted documents), everything is read again as by
 * qm_document_list_reload().
 */
void
qm_document_list_refresh_document (QmDocumentList *self,
                                   const char     *document_id)
{
  g_autoptr(GArray) old_matches = NULL;
  g_autoptr(GError) error = NULL;
  guint position = G_MAXUINT;
  guint visible = G_MAXUINT;
  guint same_start = 0, same_end = 0;
  guint old_n_visible;

  g_return_if_fail (QM_IS_DOCUMENT_LIST (self));
  g_return_if_fail (document_id != NULL);

  /* Only a page that was read holds an object to replace; the others will
   * be read with the new title when shown. */
  for (guint page = 0; page < self->pages->len && position == G_MAXUINT; page++)
    {
      GPtrArray *documents = g_ptr_array_index (self->pages, page);

      for (guint i = 0; documents != NULL && i < documents->len; i++)
        if (g_strcmp0 (qm_document_get_id (g_ptr_array_index (documents, i)), document_id) == 0)
          {
            position = page * PAGE_SIZE + i;
            break;
          }
    }

  if (position != G_MAXUINT)
    {
      g_autoptr(GPtrArray) fresh = NULL;
      GPtrArray *documents = g_ptr_array_index (self->pages, position / PAGE_SIZE);

      fresh = qm_store_list_documents (self->store, self->annotator, position, 1, &error);
      if (fresh == NULL || fresh->len != 1 ||
          g_strcmp0 (qm_document_get_id (g_ptr_array_index (fresh, 0)), document_id) != 0)
        {
          if (error != NULL)
            g_debug ("Could not read document %s again: %s", document_id, error->message);
          qm_document_list_reload (self);
          return;
        }
      g_object_unref (g_ptr_array_index (documents, position % PAGE_SIZE));
      g_ptr_array_index (documents, position % PAGE_SIZE) = g_object_ref (g_ptr_array_index (fresh, 0));
    }

  if (self->matches == NULL)
    {
      if (position != G_MAXUINT)
        g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
      return;
    }

  /* The document may match the search now, or no longer: what changed
   * between the old and the new matches is replaced, which leaves the
   * other rows (and a view's selection of them) alone. */
  old_n_visible = get_n_visible (self);
  old_matches = g_steal_pointer (&self->matches);
  self->matches = find_matches (self, self->search);
  if (self->matches == NULL)
    self->matches = g_array_new (FALSE, FALSE, sizeof (guint));

  while (same_start < old_matches->len && same_start < self->matches->len &&
         g_array_index (old_matches, guint, same_start) == g_array_index (self->matches, guint, same_start))
    same_start++;
  while (same_end < old_matches->len - same_start && same_end < self->matches->len - same_start &&
         g_array_index (old_matches, guint, old_matches->len - 1 - same_end) ==
         g_array_index (self->matches, guint, self->matches->len - 1 - same_end))
    same_end++;

  if (same_start + same_end < MAX (old_matches->len, self->matches->len))
    g_list_model_items_changed (G_LIST_MODEL (self), same_start,
                                old_matches->len - same_start - same_end,
                                self->matches->len - same_start - same_end);

  /* Still matching where it was: its row shows the new title. */
  if (position != G_MAXUINT)
    visible = find_match (self->matches, position);
  if (visible != G_MAXUINT && (visible < same_start || visible >= self->matches->len - same_end))
    g_list_model_items_changed (G_LIST_MODEL (self), visible, 1, 1);

  if (old_n_visible != get_n_visible (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/**
 * qm_document_list_find:
 * @self: the list
 * @document_id: the id of a document
 *
 * Reads pages until the document is found.
 *
 * Returns: its position among the items (after the search), or G_MAXUINT
 */
guint
qm_document_list_find (QmDocumentList *self,
                       const char     *document_id)
{
  guint n;

  g_return_val_if_fail (QM_IS_DOCUMENT_LIST (self), G_MAXUINT);
  g_return_val_if_fail (document_id != NULL, G_MAXUINT);

  n = get_n_visible (self);
  for (guint i = 0; i < n; i++)
    {
      guint position = self->matches != NULL ? g_array_index (self->matches, guint, i) : i;
      QmDocument *document = peek_document (self, position);

      if (document != NULL && g_strcmp0 (qm_document_get_id (document), document_id) == 0)
        return i;
    }

  return G_MAXUINT;
}

void
qm_document_list_set_search (QmDocumentList *self,
                             const char     *query)
{
  guint old_n_visible;

  g_return_if_fail (QM_IS_DOCUMENT_LIST (self));

  if (query != NULL && *query == '\0')
    query = NULL;
  if (g_strcmp0 (self->search, query) == 0)
    return;

  old_n_visible = get_n_visible (self);
  g_free (self->search);
  self->search = g_strdup (query);
  g_clear_pointer (&self->matches, g_array_unref);
  if (query != NULL)
    self->matches = find_matches (self, query);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_visible, get_n_visible (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
  if (old_n_visible != get_n_visible (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

const char *
qm_document_list_get_search (QmDocumentList *self)
{
  g_return_val_if_fail (QM_IS_DOCUMENT_LIST (self), NULL);

  return self->search;
}

const GError *
qm_document_list_get_error (QmDocumentList *self)
{
  g_return_val_if_fail (QM_IS_DOCUMENT_LIST (self), NULL);

  return self->error;
}

guint
qm_document_list_get_n_page_loads (QmDocumentList *self)
{
  g_return_val_if_fail (QM_IS_DOCUMENT_LIST (self), 0);

  return self->n_page_loads;
}

guint
qm_document_list_get_page_size (QmDocumentList *self)
{
  return PAGE_SIZE;
}
