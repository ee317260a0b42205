/* test-lists.c: QmDocumentList, the lazily read list of a corpus' documents. */
#include "config.h"

#include <string.h>
#include "qm-document-list-private.h"
#include "qm-store.h"
#include "qm-test-util.h"

#define N_LARGE 10000

typedef struct
{
  guint position;
  guint removed;
  guint added;
} Change;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GArray     *changes)
{
  Change change = { position, removed, added };

  g_array_append_val (changes, change);
}

static QmStore *
create_store (void)
{
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "test.quotemark", NULL);
  g_autoptr(GError) error = NULL;
  QmStore *store;

  store = qm_store_open (path, QM_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static void
add_document (QmStore    *store,
              const char *id,
              const char *title,
              const char *language,
              const char *text)
{
  g_autoptr(QmDocument) document = qm_document_new ();
  g_autoptr(GError) error = NULL;

  qm_document_set_id (document, id);
  qm_document_set_title (document, title);
  qm_document_set_language (document, language);
  qm_document_set_text (document, text);
  qm_store_add_document (store, document, &error);
  g_assert_no_error (error);
}

/* One store of 10,000 documents for the tests that need many: creating it
 * is the slow part. */
static QmStore *
get_large_store (void)
{
  static QmStore *store;
  g_autoptr(GError) error = NULL;

  if (store != NULL)
    return store;

  store = create_store ();
  qm_store_begin (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_LARGE; i++)
    {
      g_autofree char *id = g_strdup_printf ("doc-%05u", i);
      g_autofree char *title = g_strdup_printf ("Document %u", i);
      g_autofree char *text = g_strdup_printf ("Document %u\n\nThe minister said the talks were number %u.", i, i);

      add_document (store, id, title, "en", text);
    }
  qm_store_commit (store, &error);
  g_assert_no_error (error);
  return store;
}

static void
test_large_count_is_lazy (void)
{
  QmStore *store = get_large_store ();
  g_autoptr(QmDocumentList) list = qm_document_list_new (store, "alice");
  guint page_size = qm_document_list_get_page_size (list);
  g_autoptr(QmDocument) first = NULL;
  g_autoptr(QmDocument) same_page = NULL;
  g_autoptr(QmDocument) last = NULL;
  g_autoptr(QmDocument) again = NULL;
  g_autofree char *same_page_id = NULL;

  g_assert_cmpuint (page_size, <, N_LARGE);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == QM_TYPE_DOCUMENT);

  /* Opening reads no document, only the count. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_LARGE);
  g_assert_cmpuint (qm_document_list_get_n_page_loads (list), ==, 0);

  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (qm_document_get_title (first), ==, "Document 0");
  g_assert_null (qm_document_get_text (first));
  g_assert_cmpuint (qm_document_list_get_n_page_loads (list), ==, 1);

  same_page = g_list_model_get_item (G_LIST_MODEL (list), page_size - 1);
  g_assert_cmpuint (qm_document_list_get_n_page_loads (list), ==, 1);
  same_page_id = g_strdup_printf ("doc-%05u", page_size - 1);
  g_assert_cmpstr (qm_document_get_id (same_page), ==, same_page_id);

  last = g_list_model_get_item (G_LIST_MODEL (list), N_LARGE - 1);
  g_assert_cmpstr (qm_document_get_title (last), ==, "Document 9999");
  g_assert_cmpuint (qm_document_list_get_n_page_loads (list), ==, 2);

  /* A page read once is not read again, and yields the same objects. */
  again = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_true (again == first);
  g_assert_cmpuint (qm_document_list_get_n_page_loads (list), ==, 2);

  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), N_LARGE));
  g_assert_null (qm_document_list_get_error (list));
}

static void
test_large_find (void)
{
  QmStore *store = get_large_store ();
  g_autoptr(QmDocumentList) list = qm_document_list_new (store, NULL);

  g_assert_cmpuint (qm_document_list_find (list, "doc-04321"), ==, 4321);
  g_assert_cmpuint (qm_document_list_find (list, "doc-00007"), ==, 7);
  g_assert_cmpuint (qm_document_list_find (list, "no-such-document"), ==, G_MAXUINT);
}

static void
test_large_reload_unread_pages (void)
{
  QmStore *store = get_large_store ();
  g_autoptr(QmDocumentList) list = qm_document_list_new (store, NULL);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(QmDocument) first = NULL;
  g_autoptr(QmDocument) again = NULL;

  /* Most pages were never read; reloading reads again only the one that
   * was, and sends no change when nothing changed. */
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), changes);
  qm_document_list_reload (list);
  g_assert_cmpuint (qm_document_list_get_n_page_loads (list), ==, 2);
  g_assert_cmpuint (changes->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_LARGE);
  again = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (qm_document_get_id (again), ==, qm_document_get_id (first));
  g_assert_null (qm_document_list_get_error (list));
}

static void
test_reload_status (void)
{
  g_autoptr(QmStore) store = create_store ();
  g_autoptr(QmDocumentList) list = NULL;
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(QmDocument) before = NULL;
  g_autoptr(QmDocument) after = NULL;
  g_autoptr(QmDocument) untouched_before = NULL;
  g_autoptr(QmDocument) untouched_after = NULL;
  g_autoptr(GError) error = NULL;
  Change *change;

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *id = g_strdup_printf ("d%u", i);
      g_autofree char *text = g_strdup_printf ("Article %u about the talks.", i);

      add_document (store, id, id, "en", text);
    }

  list = qm_document_list_new (store, "alice");
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), changes);

  before = g_list_model_get_item (G_LIST_MODEL (list), 3);
  untouched_before = g_list_model_get_item (G_LIST_MODEL (list), 1);
  g_assert_cmpint (qm_document_get_status (before), ==, QM_STATUS_NEW);

  qm_store_set_status (store, "d3", "alice", QM_STATUS_DONE, &error);
  g_assert_no_error (error);
  /* Another annotator's status does not show in alice's list. */
  qm_store_set_status (store, "d1", "bob", QM_STATUS_DONE, &error);
  g_assert_no_error (error);

  qm_document_list_reload (list);

  /* Only the document whose status changed is replaced. */
  g_assert_cmpuint (changes->len, ==, 1);
  change = &g_array_index (changes, Change, 0);
  g_assert_cmpuint (change->position, ==, 3);
  g_assert_cmpuint (change->removed, ==, 1);
  g_assert_cmpuint (change->added, ==, 1);

  after = g_list_model_get_item (G_LIST_MODEL (list), 3);
  g_assert_true (after != before);
  g_assert_cmpint (qm_document_get_status (after), ==, QM_STATUS_DONE);
  untouched_after = g_list_model_get_item (G_LIST_MODEL (list), 1);
  g_assert_cmpint (qm_document_get_status (untouched_after), ==, QM_STATUS_NEW);

  /* A new document appears at the end. */
  g_array_set_size (changes, 0);
  add_document (store, "d5", "d5", "en", "A sixth article.");
  qm_document_list_reload (list);
  g_assert_cmpuint (changes->len, ==, 1);
  change = &g_array_index (changes, Change, 0);
  g_assert_cmpuint (change->position, ==, 5);
  g_assert_cmpuint (change->removed, ==, 0);
  g_assert_cmpuint (change->added, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 6);

  /* Nothing changed: no signal. */
  g_array_set_size (changes, 0);
  qm_document_list_reload (list);
  g_assert_cmpuint (changes->len, ==, 0);
}

static void
test_reload_delete (void)
{
  g_autoptr(QmStore) store = create_store ();
  g_autoptr(QmDocumentList) list = NULL;
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(QmDocument) first = NULL;
  g_autoptr(GError) error = NULL;
  guint removed = 0, added = 0;

  add_document (store, "a", "First", "en", "The first article.");
  add_document (store, "b", "Second", "en", "The second article.");
  add_document (store, "c", "Third", "en", "The third article.");
  list = qm_document_list_new (store, NULL);
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), changes);

  qm_store_delete_document (store, "a", &error);
  g_assert_no_error (error);
  qm_document_list_reload (list);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_cmpuint (changes->len, >, 0);
  for (guint i = 0; i < changes->len; i++)
    {
      removed += g_array_index (changes, Change, i).removed;
      added += g_array_index (changes, Change, i).added;
    }
  /* Whatever ranges were sent, they add up to one document less. */
  g_assert_cmpint ((int) added - (int) removed, ==, -1);
  g_assert_cmpuint (qm_document_list_find (list, "b"), ==, 0);
  g_assert_cmpuint (qm_document_list_find (list, "a"), ==, G_MAXUINT);
}

static Change *
last_change (GArray *changes)
{
  g_assert_cmpuint (changes->len, >, 0);
  return &g_array_index (changes, Change, changes->len - 1);
}

/* After a rename the list replaces the one row, and nothing else is read. */
static void
test_refresh_document (void)
{
  QmStore *store = get_large_store ();
  g_autoptr(QmDocumentList) list = qm_document_list_new (store, "alice");
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(QmDocument) before = NULL;
  g_autoptr(QmDocument) after = NULL;
  g_autoptr(QmDocument) neighbour = NULL;
  g_autoptr(QmDocument) unread = NULL;
  g_autoptr(GError) error = NULL;
  Change *change;
  guint loads;

  before = g_list_model_get_item (G_LIST_MODEL (list), 5);
  neighbour = g_list_model_get_item (G_LIST_MODEL (list), 6);
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), changes);

  qm_store_set_document_title (store, "doc-00005", "Renamed five", &error);
  g_assert_no_error (error);
  loads = qm_document_list_get_n_page_loads (list);
  qm_document_list_refresh_document (list, "doc-00005");
  g_assert_cmpuint (changes->len, ==, 1);
  change = last_change (changes);
  g_assert_cmpuint (change->position, ==, 5);
  g_assert_cmpuint (change->removed, ==, 1);
  g_assert_cmpuint (change->added, ==, 1);
  /* No page was read again for it. */
  g_assert_cmpuint (qm_document_list_get_n_page_loads (list), ==, loads);
  after = g_list_model_get_item (G_LIST_MODEL (list), 5);
  g_assert_true (after != before);
  g_assert_cmpstr (qm_document_get_title (after), ==, "Renamed five");
  g_clear_object (&after);
  after = g_list_model_get_item (G_LIST_MODEL (list), 6);
  g_assert_true (after == neighbour);

  /* A document on a page never read: nothing to tell, nothing read; the
   * page has the new title when it is read. */
  g_array_set_size (changes, 0);
  qm_store_set_document_title (store, "doc-09000", "Renamed nine thousand", &error);
  g_assert_no_error (error);
  qm_document_list_refresh_document (list, "doc-09000");
  g_assert_cmpuint (changes->len, ==, 0);
  g_assert_cmpuint (qm_document_list_get_n_page_loads (list), ==, loads);
  unread = g_list_model_get_item (G_LIST_MODEL (list), 9000);
  g_assert_cmpstr (qm_document_get_title (unread), ==, "Renamed nine thousand");

  /* With a search: the document leaves the matches when its title no
   * longer matches, comes back when it does, and only its row changes. */
  qm_document_list_set_search (list, "renamed");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_array_set_size (changes, 0);
  qm_store_set_document_title (store, "doc-00005", "Document 5", &error);
  g_assert_no_error (error);
  qm_document_list_refresh_document (list, "doc-00005");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpuint (changes->len, ==, 1);
  change = last_change (changes);
  g_assert_cmpuint (change->position, ==, 0);
  g_assert_cmpuint (change->removed, ==, 1);
  g_assert_cmpuint (change->added, ==, 0);

  qm_store_set_document_title (store, "doc-00005", "Renamed again", &error);
  g_assert_no_error (error);
  qm_document_list_refresh_document (list, "doc-00005");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  change = last_change (changes);
  g_assert_cmpuint (change->position, ==, 0);
  g_assert_cmpuint (change->removed, ==, 0);
  g_assert_cmpuint (change->added, ==, 1);

  /* Still matching: the row is replaced where it is. */
  g_array_set_size (changes, 0);
  qm_store_set_document_title (store, "doc-09000", "Renamed nine thousand and one", &error);
  g_assert_no_error (error);
  qm_document_list_refresh_document (list, "doc-09000");
  g_assert_cmpuint (changes->len, ==, 1);
  change = last_change (changes);
  g_assert_cmpuint (change->position, ==, 1);
  g_assert_cmpuint (change->removed, ==, 1);
  g_assert_cmpuint (change->added, ==, 1);
  g_clear_object (&unread);
  unread = g_list_model_get_item (G_LIST_MODEL (list), 1);
  g_assert_cmpstr (qm_document_get_title (unread), ==, "Renamed nine thousand and one");

  /* The shared store goes back as it was for the other tests. */
  qm_store_set_document_title (store, "doc-00005", "Document 5", &error);
  g_assert_no_error (error);
  qm_store_set_document_title (store, "doc-09000", "Document 9000", &error);
  g_assert_no_error (error);
  g_assert_null (qm_document_list_get_error (list));
}

static void
test_search (void)
{
  g_autoptr(QmStore) store = create_store ();
  g_autoptr(QmDocumentList) list = NULL;
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(QmDocument) match = NULL;

  add_document (store, "en", "Talks in Geneva", "en",
                "Talks in Geneva\n\nThe MINISTER said the talks would resume.");
  /* "the ministry of defence said" with harakat on the first word. */
  add_document (store, "ar", "محادثات في جنيف", "ar",
                "محادثات في جنيف\n\nقَالَتْ وزارة الدفاع إن المحادثات ستستأنف.");
  add_document (store, "other", "Weather", "en", "Rain tomorrow.");
  list = qm_document_list_new (store, NULL);
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), changes);

  /* Case folded, in the text rather than the title. */
  qm_document_list_set_search (list, "minister");
  g_assert_cmpstr (qm_document_list_get_search (list), ==, "minister");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  match = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (qm_document_get_id (match), ==, "en");
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpuint (g_array_index (changes, Change, 0).removed, ==, 3);
  g_assert_cmpuint (g_array_index (changes, Change, 0).added, ==, 1);

  /* Harakat in the text do not stop a bare query from matching. */
  qm_document_list_set_search (list, "قالت");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_clear_object (&match);
  match = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (qm_document_get_id (match), ==, "ar");
  g_assert_cmpuint (qm_document_list_find (list, "ar"), ==, 0);
  g_assert_cmpuint (qm_document_list_find (list, "en"), ==, G_MAXUINT);

  /* Titles match too. */
  qm_document_list_set_search (list, "GENEVA");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);

  /* Every word, as the beginning of a word, in the title or the text. */
  qm_document_list_set_search (list, "genev minist");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  qm_document_list_set_search (list, "geneva rain");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

  qm_document_list_set_search (list, "no such words");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 0));

  /* Nothing but punctuation or FTS5 syntax filters nothing, and is no error. */
  qm_document_list_set_search (list, "\"*(-:");
  g_assert_cmpstr (qm_document_list_get_search (list), ==, "\"*(-:");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  g_assert_null (qm_document_list_get_error (list));

  qm_document_list_set_search (list, "");
  g_assert_null (qm_document_list_get_search (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
}

static void
test_search_reload (void)
{
  g_autoptr(QmStore) store = create_store ();
  g_autoptr(QmDocumentList) list = NULL;
  g_autoptr(QmDocument) match = NULL;
  g_autoptr(GError) error = NULL;

  add_document (store, "a", "First", "en", "The talks resumed.");
  add_document (store, "b", "Second", "en", "Rain tomorrow.");
  add_document (store, "c", "Third", "en", "The talks stalled.");
  list = qm_document_list_new (store, NULL);
  qm_document_list_set_search (list, "talks");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);

  /* A deleted match goes, and the others are found at their new places. */
  qm_store_delete_document (store, "a", &error);
  g_assert_no_error (error);
  add_document (store, "d", "Fourth", "en", "More talks.");
  qm_document_list_reload (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  match = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (qm_document_get_id (match), ==, "c");
  g_clear_object (&match);
  match = g_list_model_get_item (G_LIST_MODEL (list), 1);
  g_assert_cmpstr (qm_document_get_id (match), ==, "d");
  g_assert_cmpuint (qm_document_list_find (list, "d"), ==, 1);
  g_assert_cmpuint (qm_document_list_find (list, "a"), ==, G_MAXUINT);
}

static void
test_large_search_is_lazy (void)
{
  QmStore *store = get_large_store ();
  g_autoptr(QmDocumentList) list = qm_document_list_new (store, NULL);
  guint page_size = qm_document_list_get_page_size (list);
  g_autoptr(QmDocument) first = NULL;
  g_autoptr(QmDocument) last = NULL;

  /* Numbers are words: 123 and 1230 to 1239 begin with "123". */
  qm_document_list_set_search (list, "minister 123");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 11);
  /* The index gives the positions: no page was read to find them. */
  g_assert_cmpuint (qm_document_list_get_n_page_loads (list), ==, 0);

  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (qm_document_get_id (first), ==, "doc-00123");
  g_assert_cmpuint (qm_document_list_get_n_page_loads (list), ==, 1);
  g_assert_cmpuint (1239 / page_size, !=, 123 / page_size);
  last = g_list_model_get_item (G_LIST_MODEL (list), 10);
  g_assert_cmpstr (qm_document_get_id (last), ==, "doc-01239");
  g_assert_cmpuint (qm_document_list_get_n_page_loads (list), ==, 2);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 11));
  g_assert_cmpuint (qm_document_list_find (list, "doc-01235"), ==, 6);

  qm_document_list_set_search (list, "number");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_LARGE);
  qm_document_list_set_search (list, "9999");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_null (qm_document_list_get_error (list));
}

static void
test_empty (void)
{
  g_autoptr(QmStore) store = create_store ();
  g_autoptr(QmDocumentList) list = qm_document_list_new (store, "alice");

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 0));
  g_assert_cmpuint (qm_document_list_find (list, "x"), ==, G_MAXUINT);
  g_assert_cmpuint (qm_document_list_get_n_page_loads (list), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/document-list/empty", test_empty);
  g_test_add_func ("/document-list/reload-status", test_reload_status);
  g_test_add_func ("/document-list/reload-delete", test_reload_delete);
  g_test_add_func ("/document-list/search", test_search);
  g_test_add_func ("/document-list/search-reload", test_search_reload);
  g_test_add_func ("/document-list/large-count-is-lazy", test_large_count_is_lazy);
  g_test_add_func ("/document-list/large-find", test_large_find);
  g_test_add_func ("/document-list/large-reload-unread-pages", test_large_reload_unread_pages);
  g_test_add_func ("/document-list/large-search-is-lazy", test_large_search_is_lazy);
  g_test_add_func ("/document-list/refresh-document", test_refresh_document);

  return g_test_run ();
}
