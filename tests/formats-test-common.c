/* formats-test-common.c: corpora, exports and comparisons the format tests
 * share. */
#include "config.h"

#include <string.h>

#include "formats-test-common.h"
#include "qm-jsonl.h"
#include "qm-test-util.h"

QmStore *
fmt_new_corpus (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "corpus.quotemark", NULL);
  QmStore *store = qm_store_open (path, QM_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  return store;
}

QmStore *
fmt_round_trip_corpus (void)
{
  g_autofree char *path = qm_test_fixture_path ("round-trip.jsonl");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(QmReport) report = qm_report_new ();
  g_autoptr(GError) error = NULL;
  QmStore *store = fmt_new_corpus ();

  in = g_file_read (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (qm_jsonl_import (store, G_INPUT_STREAM (in), path, NULL, report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (qm_report_count (report, QM_REPORT_IMPORTED), ==, 3);
  return store;
}

char *
fmt_export (QmStore               *store,
            const char            *format,
            const QmExportOptions *options,
            QmReport              *report,
            gsize                 *len)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  const QmFormat *f = qm_format_find (format);
  gsize size;

  g_assert_nonnull (f);
  g_assert_true (qm_format_export_to_stream (f, store, options, out, report, NULL, &error));
  g_assert_no_error (error);
  size = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out));
  g_assert_true (g_output_stream_write_all (out, "", 1, NULL, NULL, &error));
  g_output_stream_close (out, NULL, NULL);
  if (len != NULL)
    *len = size;
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

QmReport *
fmt_import (QmStore    *store,
            const char *format,
            const char *path,
            const char *annotator,
            gboolean    add_labels)
{
  const char *paths[] = { path, NULL };
  QmImportOptions options = { format, annotator, add_labels, NULL, NULL };
  g_autoptr(GError) error = NULL;
  QmReport *report = qm_report_new ();

  gboolean ok = qm_import_paths (store, paths, &options, report, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
  return report;
}

char *
fmt_fixture (const char *name)
{
  g_autofree char *formats = g_build_filename ("formats", name, NULL);

  return qm_test_fixture_path (formats);
}

char *
fmt_slice (const char *text,
           glong       start,
           glong       end)
{
  const char *p = text;
  const char *from = NULL;

  for (glong i = 0; i <= end; i++)
    {
      if (i == start)
        from = p;
      if (i == end)
        return g_strndup (from, p - from);
      g_assert_cmpint (*p, !=, '\0');
      p = g_utf8_next_char (p);
    }
  g_assert_not_reached ();
}

gboolean
fmt_report_has (QmReport     *report,
                QmReportKind  kind,
                ...)
{
  for (guint i = 0; i < qm_report_get_n_entries (report); i++)
    {
      const QmReportEntry *entry = qm_report_get_entry (report, i);
      gboolean all = entry->kind == kind;
      const char *needle;
      va_list args;

      va_start (args, kind);
      while (all && (needle = va_arg (args, const char *)) != NULL)
        all = strstr (entry->message, needle) != NULL;
      va_end (args);
      if (all)
        return TRUE;
    }
  for (guint i = 0; i < qm_report_get_n_entries (report); i++)
    g_test_message ("report: %d %s", qm_report_get_entry (report, i)->kind, qm_report_get_entry (report, i)->message);
  return FALSE;
}

static glong
nfc_offset (const char *text,
            glong       offset)
{
  g_autofree char *prefix = fmt_slice (text, 0, offset);
  g_autofree char *composed = g_utf8_normalize (prefix, -1, G_NORMALIZE_NFC);

  return g_utf8_strlen (composed, -1);
}

static char *
describe_span (QmStore    *store,
               const char *text,
               QmSpan     *span,
               gboolean    attributes,
               gboolean    to_nfc)
{
  GString *s = g_string_new (NULL);
  g_autofree char *slice = fmt_slice (text, span->start, span->end);
  g_autofree char *composed = g_utf8_normalize (slice, -1, G_NORMALIZE_NFC);
  glong start = to_nfc ? nfc_offset (text, span->start) : span->start;
  glong end = to_nfc ? nfc_offset (text, span->end) : span->end;

  g_string_append_printf (s, "%s %ld-%ld “%s”", span->label, start, end, to_nfc ? composed : slice);
  if (attributes)
    {
      g_autoptr(GList) keys = g_list_sort (g_hash_table_get_keys (span->attributes), (GCompareFunc) strcmp);

      for (GList *k = keys; k != NULL; k = k->next)
        g_string_append_printf (s, " %s=%s", (char *) k->data,
                                (char *) g_hash_table_lookup (span->attributes, k->data));
      if (span->entity_id != NULL)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(QmEntity) entity = qm_store_get_entity (store, span->entity_id, &error);

          g_assert_no_error (error);
          g_string_append_printf (s, " speaker=%s", entity->name);
        }
    }
  return g_string_free (s, FALSE);
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

GPtrArray *
fmt_describe (QmStore    *store,
              const char *document_id,
              gboolean    attributes,
              gboolean    to_nfc)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmDocument) document = qm_store_get_document (store, document_id, &error);
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GPtrArray) stances = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  const char *text;

  g_assert_no_error (error);
  text = qm_document_get_text (document);
  spans = qm_store_list_spans (store, document_id, NULL, &error);
  g_assert_no_error (error);
  relations = qm_store_list_relations (store, document_id, NULL, &error);
  g_assert_no_error (error);
  stances = qm_store_list_stances (store, document_id, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < spans->len; i++)
    {
      QmSpan *span = g_ptr_array_index (spans, i);
      char *line = describe_span (store, text, span, attributes, to_nfc);

      g_hash_table_insert (by_id, span->id, describe_span (store, text, span, FALSE, to_nfc));
      g_ptr_array_add (lines, g_strconcat ("span ", line, NULL));
      g_free (line);
    }
  for (guint i = 0; i < relations->len; i++)
    {
      QmRelation *relation = g_ptr_array_index (relations, i);

      g_ptr_array_add (lines, g_strdup_printf ("relation %s [%s] -> [%s]", relation->type,
                                               (char *) g_hash_table_lookup (by_id, relation->from_id),
                                               (char *) g_hash_table_lookup (by_id, relation->to_id)));
    }
  if (attributes)
    for (guint i = 0; i < stances->len; i++)
      {
        QmStance *stance = g_ptr_array_index (stances, i);

        g_ptr_array_add (lines, g_strdup_printf ("stance [%s] %s=%s",
                                                 (char *) g_hash_table_lookup (by_id, stance->span_id),
                                                 stance->target_name, stance->value));
      }
  g_ptr_array_sort (lines, compare_lines);
  return lines;
}

void
fmt_assert_same_lines (GPtrArray *expected,
                       GPtrArray *got)
{
  for (guint i = 0; i < MAX (expected->len, got->len); i++)
    g_assert_cmpstr (i < expected->len ? g_ptr_array_index (expected, i) : NULL, ==,
                     i < got->len ? g_ptr_array_index (got, i) : NULL);
}

void
fmt_assert_files_equal (const char *expected_path,
                        const char *got_path)
{
  gsize expected_len = 0, got_len = 0;
  g_autofree char *expected = qm_test_read_file (expected_path, &expected_len);
  g_autofree char *got = qm_test_read_file (got_path, &got_len);

  g_assert_cmpstr (got, ==, expected);
  g_assert_cmpmem (got, got_len, expected, expected_len);
}
