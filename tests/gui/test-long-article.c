/* test-long-article.c: a long article in the document view: its first
 * screens are ready at once, the rest of its paragraph directions and
 * highlights follow in idle time, and in the end every paragraph and span
 * is tagged as in a short article. */
#include "config.h"

#include <gtk/gtk.h>

#include "qm-document-view.h"
#include "qm-history.h"
#include "qm-store.h"
#include "qm-test-util.h"
#include "qm-view-highlights.h"

#define EN "The minister said the talks would resume on Monday in Geneva."
#define AR "قال الوزير إن المحادثات ستستأنف يوم الاثنين في جنيف."
/* Digits only: no strong character, so the paragraph before decides. */
#define NEUTRAL "2024 — 17:30"

static gboolean
has_tag_named (GtkTextBuffer *buffer,
               int            line,
               const char    *name)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), name);
  GtkTextIter iter;

  g_assert_nonnull (tag);
  gtk_text_buffer_get_iter_at_line (buffer, &iter, line);
  return gtk_text_iter_has_tag (&iter, tag);
}

/* The direction paragraph @line must have: the article alternates English,
 * Arabic and a neutral line that follows the one before. */
static const char *
expected_direction (int line)
{
  switch (line % 3)
    {
    case 0: return "qm-paragraph-ltr";
    case 1: return "qm-paragraph-rtl";
    default: return "qm-paragraph-rtl";
    }
}

static void
test_directions_and_highlights (void)
{
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "corpus.quotemark", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(QmStore) store = qm_store_open (path, QM_STORE_OPEN_CREATE, &error);
  g_autoptr(QmDocument) document = qm_document_new ();
  g_autoptr(QmHistory) history = NULL;
  GString *text = g_string_new (NULL);
  GtkTextBuffer *buffer;
  GtkWidget *view;
  GtkTextIter last;
  int n_lines = 0;
  glong n_chars;

  g_assert_no_error (error);
  /* Several hundred kilobytes: more than is tagged before the first frame. */
  while (text->len < 200 * 1024)
    {
      g_string_append_printf (text, "%s\n%s\n%s\n", EN, AR, NEUTRAL);
      n_lines += 3;
    }
  qm_document_set_text (document, text->str);
  qm_store_add_document (store, document, &error);
  g_assert_no_error (error);
  n_chars = qm_document_get_n_chars (document);

  /* A span near the very end, among thousands before it. */
  g_assert_true (qm_store_begin (store, &error));
  for (glong start = 0; start + 60 < n_chars; start += 60)
    {
      g_autoptr(QmSpan) span = qm_span_new ();

      span->document_id = g_strdup (qm_document_get_id (document));
      span->label = g_strdup ("Quote");
      span->start = start;
      span->end = start + 10;
      span->annotator = g_strdup ("tester");
      qm_store_add_span (store, span, &error);
      g_assert_no_error (error);
    }
  g_assert_true (qm_store_commit (store, &error));

  history = qm_history_new (store);
  view = g_object_ref_sink (qm_document_view_new ());
  qm_document_view_set_history (QM_DOCUMENT_VIEW (view), history);
  qm_document_view_set_annotator (QM_DOCUMENT_VIEW (view), "tester");
  g_assert_true (qm_document_view_load (QM_DOCUMENT_VIEW (view), qm_document_get_id (document), &error));
  g_assert_no_error (error);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

  /* The beginning at once. */
  for (int line = 0; line < 30; line++)
    g_assert_true (has_tag_named (buffer, line, expected_direction (line)));
  g_assert_true (has_tag_named (buffer, 0, QM_VIEW_LABEL_TAG_PREFIX "Quote"));

  while (g_main_context_iteration (NULL, FALSE))
    ;

  /* Everything after the idle work: each paragraph one direction, the
   * right one, and the last span highlighted. */
  for (int line = 0; line < n_lines; line++)
    {
      const char *expected = expected_direction (line);
      const char *other = g_str_equal (expected, "qm-paragraph-ltr") ? "qm-paragraph-rtl" : "qm-paragraph-ltr";

      if (!has_tag_named (buffer, line, expected) || has_tag_named (buffer, line, other))
        g_error ("paragraph %d is not tagged %s alone", line, expected);
    }
  gtk_text_buffer_get_iter_at_offset (buffer, &last, ((n_chars - 61) / 60) * 60 + 1);
  g_assert_true (gtk_text_iter_has_tag (&last, gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer),
                                                                          QM_VIEW_LABEL_TAG_PREFIX "Quote")));

  /* Loading another document stops what was left to do. */
  g_assert_true (qm_document_view_load (QM_DOCUMENT_VIEW (view), NULL, &error));
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_object_unref (view);
  g_string_free (text, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/long-article/directions-and-highlights", test_directions_and_highlights);

  return g_test_run ();
}
