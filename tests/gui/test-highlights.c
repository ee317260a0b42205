/* test-highlights.c: the label tags of the document view, after any
 * series of changes, are exactly what the spans call for, although an
 * update re-tags only what changed. */
#include "config.h"

#include <gtk/gtk.h>

#include "qm-history.h"
#include "qm-span-list.h"
#include "qm-store.h"
#include "qm-test-util.h"
#include "qm-view-highlights.h"

static const char *const labels[] = { "Quote", "Speaker", "Cue" };

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Which label tags each character has, as "Quote/Cue;…", by tag name. */
static char *
describe_tags (GtkTextBuffer *buffer)
{
  GString *s = g_string_new (NULL);
  GtkTextIter iter;

  gtk_text_buffer_get_start_iter (buffer, &iter);
  while (!gtk_text_iter_is_end (&iter))
    {
      GSList *tags = gtk_text_iter_get_tags (&iter);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

      for (GSList *l = tags; l != NULL; l = l->next)
        {
          g_autofree char *name = NULL;

          g_object_get (l->data, "name", &name, NULL);
          if (name != NULL && !g_str_equal (name, QM_VIEW_SEARCH_TAG))
            g_ptr_array_add (names, g_steal_pointer (&name));
        }
      g_slist_free (tags);
      g_ptr_array_sort (names, compare_names);
      for (guint i = 0; i < names->len; i++)
        g_string_append_printf (s, "%s%s", i > 0 ? "/" : "", (const char *) g_ptr_array_index (names, i));
      g_string_append_c (s, ';');
      gtk_text_iter_forward_char (&iter);
    }
  return g_string_free (s, FALSE);
}

/* What the tags must be, from the definition: over each character, the
 * last span over it in reading order has its label's background, the one
 * before it its label's nested mark. */
static char *
describe_expected (GListModel *spans,
                   glong       n_chars)
{
  GString *s = g_string_new (NULL);
  guint n = g_list_model_get_n_items (spans);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (spans, i));

  for (glong c = 0; c < n_chars; c++)
    {
      QmSpan *inner = NULL, *outer = NULL;
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < n; i++)
        {
          QmSpan *span = qm_span_item_get_span (g_ptr_array_index (items, i));

          /* In reading order: none after this one starts before @c. */
          if (span->start > c)
            break;
          if (c < span->end)
            {
              outer = inner;
              inner = span;
            }
        }
      if (inner != NULL)
        g_ptr_array_add (names, g_strconcat (QM_VIEW_LABEL_TAG_PREFIX, inner->label, NULL));
      if (outer != NULL)
        g_ptr_array_add (names, g_strconcat (QM_VIEW_NESTED_TAG_PREFIX, outer->label, NULL));
      g_ptr_array_sort (names, compare_names);
      for (guint i = 0; i < names->len; i++)
        g_string_append_printf (s, "%s%s", i > 0 ? "/" : "", (const char *) g_ptr_array_index (names, i));
      g_string_append_c (s, ';');
    }
  return g_string_free (s, FALSE);
}

static void
test_updates_match_spans (void)
{
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "corpus.quotemark", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(QmStore) store = qm_store_open (path, QM_STORE_OPEN_CREATE, &error);
  g_autoptr(QmDocument) document = qm_document_new ();
  g_autoptr(QmHistory) history = NULL;
  g_autoptr(QmSpanList) spans = NULL;
  g_autoptr(GtkTextBuffer) buffer = gtk_text_buffer_new (NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (4711);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  GString *text = g_string_new (NULL);
  QmViewHighlights *highlights;
  glong n_chars;

  g_assert_no_error (error);
  while (text->len < 400)
    g_string_append (text, "The minister said «نحن مستعدون» on Monday. ");
  qm_document_set_text (document, text->str);
  qm_store_add_document (store, document, &error);
  g_assert_no_error (error);
  n_chars = qm_document_get_n_chars (document);

  history = qm_history_new (store);
  spans = qm_span_list_new (history, qm_document_get_id (document), NULL);
  gtk_text_buffer_set_text (buffer, text->str, -1);
  highlights = qm_view_highlights_new (buffer);
  qm_view_highlights_set_schema (highlights, qm_store_get_schema (store));

  for (guint step = 0; step < 300; step++)
    {
      g_autofree char *incremental = NULL;
      g_autofree char *expected = NULL;

      /* Mostly new spans, nested and overlapping, sometimes one deleted. */
      if (ids->len > 0 && g_rand_int_range (rand, 0, 4) == 0)
        {
          guint k = g_rand_int_range (rand, 0, ids->len);

          g_assert_true (qm_history_delete_span (history, g_ptr_array_index (ids, k), &error));
          g_assert_no_error (error);
          g_ptr_array_remove_index (ids, k);
        }
      else
        {
          g_autoptr(QmSpan) span = qm_span_new ();
          glong start = g_rand_int_range (rand, 0, n_chars - 1);
          glong length = g_rand_int_range (rand, 1, 40);

          span->document_id = g_strdup (qm_document_get_id (document));
          span->label = g_strdup (labels[g_rand_int_range (rand, 0, G_N_ELEMENTS (labels))]);
          span->start = start;
          span->end = MIN (n_chars, start + length);
          span->annotator = g_strdup ("tester");
          qm_history_add_span (history, span, &error);
          g_assert_no_error (error);
          g_ptr_array_add (ids, g_strdup (span->id));
        }

      qm_view_highlights_update (highlights, G_LIST_MODEL (spans));
      incremental = describe_tags (buffer);
      expected = describe_expected (G_LIST_MODEL (spans), n_chars);
      g_assert_cmpstr (incremental, ==, expected);
    }

  /* New text: everything is tagged again, nothing of the old stays. */
  gtk_text_buffer_set_text (buffer, text->str, -1);
  qm_view_highlights_update (highlights, G_LIST_MODEL (spans));
  {
    g_autofree char *again = describe_tags (buffer);
    g_autofree char *expected = describe_expected (G_LIST_MODEL (spans), n_chars);

    g_assert_cmpstr (again, ==, expected);
  }

  qm_view_highlights_free (highlights);
  g_string_free (text, TRUE);
}

static void
wait_idle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* A long article is tagged from its beginning at once and in idle time
 * after; a change in between still ends with the right tags. */
static void
test_long_article (void)
{
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "corpus.quotemark", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(QmStore) store = qm_store_open (path, QM_STORE_OPEN_CREATE, &error);
  g_autoptr(QmDocument) document = qm_document_new ();
  g_autoptr(QmHistory) history = NULL;
  g_autoptr(QmSpanList) spans = NULL;
  g_autoptr(GtkTextBuffer) buffer = gtk_text_buffer_new (NULL);
  g_autofree char *expected = NULL;
  g_autofree char *tagged = NULL;
  g_autoptr(QmSpan) late = qm_span_new ();
  GString *text = g_string_new (NULL);
  QmViewHighlights *highlights;
  glong n_chars;

  g_assert_no_error (error);
  while (text->len < 60000)
    g_string_append (text, "He said «نعم» twice.\n");
  qm_document_set_text (document, text->str);
  qm_store_add_document (store, document, &error);
  g_assert_no_error (error);
  n_chars = qm_document_get_n_chars (document);

  g_assert_true (qm_store_begin (store, &error));
  for (glong start = 0; start + 12 < n_chars; start += 12)
    {
      g_autoptr(QmSpan) span = qm_span_new ();

      span->document_id = g_strdup (qm_document_get_id (document));
      span->label = g_strdup (labels[(start / 12) % G_N_ELEMENTS (labels)]);
      span->start = start;
      span->end = start + 5 + (start / 12) % 20;
      span->annotator = g_strdup ("tester");
      qm_store_add_span (store, span, &error);
      g_assert_no_error (error);
    }
  g_assert_true (qm_store_commit (store, &error));

  history = qm_history_new (store);
  spans = qm_span_list_new (history, qm_document_get_id (document), NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (spans)), >, 4000);
  gtk_text_buffer_set_text (buffer, text->str, -1);
  highlights = qm_view_highlights_new (buffer);
  qm_view_highlights_set_schema (highlights, qm_store_get_schema (store));

  /* A change before the idle tagging is done. */
  qm_view_highlights_update (highlights, G_LIST_MODEL (spans));
  late->document_id = g_strdup (qm_document_get_id (document));
  late->label = g_strdup ("Cue");
  late->start = n_chars - 30;
  late->end = n_chars - 2;
  late->annotator = g_strdup ("tester");
  qm_history_add_span (history, late, &error);
  g_assert_no_error (error);
  qm_view_highlights_update (highlights, G_LIST_MODEL (spans));
  expected = describe_expected (G_LIST_MODEL (spans), n_chars);
  tagged = describe_tags (buffer);
  g_assert_cmpstr (tagged, ==, expected);
  g_clear_pointer (&tagged, g_free);

  /* Loaded again: the end is tagged once the idle work is done (and not
   * before, or this test would not be testing that). */
  gtk_text_buffer_set_text (buffer, text->str, -1);
  qm_view_highlights_update (highlights, G_LIST_MODEL (spans));
  {
    GtkTextIter last;
    GSList *tags;

    gtk_text_buffer_get_iter_at_offset (buffer, &last, n_chars - 3);
    tags = gtk_text_iter_get_tags (&last);
    g_assert_null (tags);
  }
  wait_idle ();
  tagged = describe_tags (buffer);
  g_assert_cmpstr (tagged, ==, expected);

  qm_view_highlights_free (highlights);
  g_string_free (text, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/highlights/updates-match-spans", test_updates_match_spans);
  g_test_add_func ("/highlights/long-article", test_long_article);

  return g_test_run ();
}
