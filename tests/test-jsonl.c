/* test-jsonl.c: the native JSONL format: byte-identical round trip, offsets
 * that slice the text, and line-numbered rejection of bad documents. */
#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "qm-error.h"
#include "qm-export.h"
#include "qm-jsonl.h"
#include "qm-store.h"
#include "qm-test-util.h"

static QmStore *
new_corpus (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "corpus.quotemark", NULL);
  QmStore *store = qm_store_open (path, QM_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  return store;
}

static QmReport *
import_data (QmStore               *store,
             const char            *data,
             const QmImportOptions *options)
{
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_data (g_strdup (data), -1, g_free);
  g_autoptr(GError) error = NULL;
  QmReport *report = qm_report_new ();

  g_assert_true (qm_jsonl_import (store, in, "test.jsonl", options, report, NULL, &error));
  g_assert_no_error (error);
  return report;
}

static char *
export_data (QmStore               *store,
             const QmExportOptions *options)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (qm_jsonl_export (store, options, out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (out, "", 1, NULL, NULL, &error));
  g_output_stream_close (out, NULL, NULL);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

/* Checks text[start:end] == span.text with plain GLib code point walking,
 * independently of the exporter's own offset index. */
static guint
check_spans_slice (const char *jsonl)
{
  g_auto(GStrv) lines = g_strsplit (jsonl, "\n", -1);
  guint n_spans = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonObject *document;
      JsonArray *spans;
      const char *text;

      if (*lines[i] == '\0')
        continue;
      json_parser_load_from_data (parser, lines[i], -1, &error);
      g_assert_no_error (error);
      document = json_node_get_object (json_parser_get_root (parser));
      text = json_object_get_string_member (document, "text");
      spans = json_object_get_array_member (document, "spans");
      for (guint k = 0; k < json_array_get_length (spans); k++)
        {
          JsonObject *span = json_array_get_object_element (spans, k);
          gint64 start = json_object_get_int_member (span, "start");
          gint64 end = json_object_get_int_member (span, "end");
          const char *from = g_utf8_offset_to_pointer (text, start);
          const char *to = g_utf8_offset_to_pointer (text, end);
          g_autofree char *slice = g_strndup (from, to - from);

          g_assert_cmpstr (slice, ==, json_object_get_string_member (span, "text"));
          n_spans++;
        }
    }
  return n_spans;
}

static void
test_jsonl_round_trip (void)
{
  g_autofree char *path = qm_test_fixture_path ("round-trip.jsonl");
  g_autofree char *fixture = qm_test_read_file (path, NULL);
  g_autoptr(QmStore) store = new_corpus ();
  g_autoptr(QmStore) again = new_corpus ();
  g_autoptr(QmReport) report = NULL;
  g_autoptr(QmReport) report_again = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *exported_again = NULL;

  report = import_data (store, fixture, NULL);
  g_assert_cmpuint (qm_report_count (report, QM_REPORT_IMPORTED), ==, 3);
  g_assert_cmpuint (qm_report_count (report, QM_REPORT_REJECTED), ==, 0);
  g_assert_cmpuint (qm_report_count (report, QM_REPORT_WARNING), ==, 0);

  /* Export gives back the file we imported, to the byte. */
  exported = export_data (store, NULL);
  g_assert_cmpstr (exported, ==, fixture);
  g_assert_cmpuint (check_spans_slice (exported), ==, 15);

  /* And into a new corpus and out again, the same once more. */
  report_again = import_data (again, exported, NULL);
  g_assert_cmpuint (qm_report_count (report_again, QM_REPORT_IMPORTED), ==, 3);
  exported_again = export_data (again, NULL);
  g_assert_cmpstr (exported_again, ==, exported);
}

static void
test_jsonl_holds_everything (void)
{
  g_autofree char *path = qm_test_fixture_path ("round-trip.jsonl");
  g_autofree char *fixture = qm_test_read_file (path, NULL);
  g_autoptr(QmStore) store = new_corpus ();
  g_autoptr(QmReport) report = import_data (store, fixture, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spans = qm_store_list_spans (store, "doc-en", NULL, &error);
  g_autoptr(GPtrArray) relations = qm_store_list_relations (store, "doc-en", NULL, &error);
  g_autoptr(GPtrArray) stances = qm_store_list_stances (store, "doc-en", NULL, &error);
  g_autoptr(QmEntity) entity = qm_store_get_entity (store, "e-minister", &error);
  QmSpan *quote = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, 6);
  g_assert_cmpuint (relations->len, ==, 4);
  g_assert_cmpuint (stances->len, ==, 3);
  for (guint i = 0; i < spans->len; i++)
    if (g_strcmp0 (((QmSpan *) g_ptr_array_index (spans, i))->id, "b1") == 0)
      quote = g_ptr_array_index (spans, i);
  g_assert_nonnull (quote);
  /* “We are ready 👍🏽,”: the emoji and its modifier are two code points. */
  g_assert_cmpint (quote->start, ==, 17);
  g_assert_cmpint (quote->end, ==, 35);
  g_assert_cmpstr (qm_span_get_attribute (quote, "type"), ==, "direct");
  g_assert_cmpstr (quote->annotator, ==, "ben");

  g_assert_cmpstr (entity->name, ==, "وزير الدفاع");
  g_assert_cmpuint (entity->aliases->len, ==, 2);
  g_assert_cmpint (qm_store_get_status (store, "doc-ar", "ana", &error), ==, QM_STATUS_DONE);
}

static void
test_jsonl_annotator_override (void)
{
  g_autofree char *path = qm_test_fixture_path ("round-trip.jsonl");
  g_autofree char *fixture = qm_test_read_file (path, NULL);
  g_autoptr(QmStore) store = new_corpus ();
  QmImportOptions options = { "jsonl", "model-v2", FALSE, NULL, NULL };
  g_autoptr(QmReport) report = import_data (store, fixture, &options);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spans = qm_store_list_spans (store, "doc-ar", "model-v2", &error);
  g_autoptr(GPtrArray) others = qm_store_list_spans (store, "doc-ar", "ana", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, 3);
  g_assert_cmpuint (others->len, ==, 0);
}

static void
test_jsonl_export_filters (void)
{
  g_autofree char *path = qm_test_fixture_path ("round-trip.jsonl");
  g_autofree char *fixture = qm_test_read_file (path, NULL);
  g_autoptr(QmStore) store = new_corpus ();
  g_autoptr(QmReport) report = import_data (store, fixture, NULL);
  QmExportOptions by_ben = { "ben", FALSE, NULL, NULL, NULL };
  QmExportOptions done = { NULL, TRUE, NULL, NULL, NULL };
  const char *ids[] = { "doc-mixed", NULL };
  QmExportOptions selection = { NULL, FALSE, ids, NULL, NULL };
  g_autofree char *ben = export_data (store, &by_ben);
  g_autofree char *done_only = export_data (store, &done);
  g_autofree char *selected = export_data (store, &selection);

  /* Every document, but only ben's annotations. */
  g_assert_nonnull (strstr (ben, "\"id\":\"doc-ar\""));
  g_assert_null (strstr (ben, "\"annotator\":\"ana\""));
  g_assert_cmpuint (check_spans_slice (ben), ==, 6);

  /* Only doc-ar is marked done. */
  g_assert_nonnull (strstr (done_only, "\"id\":\"doc-ar\""));
  g_assert_null (strstr (done_only, "\"id\":\"doc-en\""));
  g_assert_null (strstr (done_only, "\"id\":\"doc-mixed\""));

  /* One line: the selected document. */
  g_assert_true (g_str_has_prefix (selected, "{\"id\":\"doc-mixed\""));
  g_assert_cmpstr (strchr (selected, '\n'), ==, "\n");
}

typedef struct
{
  const char *line;
  const char *expected;  /* part of the message */
} BadLine;

static void
test_jsonl_rejects_bad_lines (void)
{
  static const BadLine bad[] = {
    { "{\"id\":\"x1\",\"text\":\"Hello world\"", "not valid JSON" },
    { "[1,2,3]", "one JSON object" },
    { "{\"id\":\"x2\"}", "“text”" },
    { "{\"id\":\"x3\",\"text\":\"Hello world\",\"spans\":[{\"id\":\"s\",\"label\":\"Quote\",\"start\":6,\"end\":40}]}", "6–40" },
    { "{\"id\":\"x4\",\"text\":\"Hello world\",\"spans\":[{\"id\":\"s\",\"label\":\"Quote\",\"start\":-1,\"end\":4}]}", "-1–4" },
    { "{\"id\":\"x5\",\"text\":\"Hello world\",\"spans\":[{\"id\":\"s\",\"label\":\"Rumour\",\"start\":0,\"end\":5}]}", "Rumour" },
    { "{\"id\":\"x6\",\"text\":\"Hello world\",\"spans\":[{\"id\":\"s\",\"label\":\"Quote\",\"start\":0,\"end\":5}],"
      "\"relations\":[{\"id\":\"r\",\"type\":\"attributed_to\",\"from\":\"s\",\"to\":\"ghost\"}]}", "ghost" },
    { "{\"id\":\"x7\",\"text\":\"Hello world\",\"spans\":[{\"id\":\"s\",\"label\":\"Quote\",\"start\":0,\"end\":5},"
      "{\"id\":\"s\",\"label\":\"Cue\",\"start\":6,\"end\":11}]}", "used twice" },
    { "{\"id\":\"x8\",\"text\":\"Hello world\",\"spans\":[{\"id\":\"s\",\"label\":\"Quote\",\"start\":0,\"end\":5,\"text\":\"Hallo\"}]}", "Hallo" },
    { "{\"id\":\"x9\",\"text\":\"Hello world\",\"sha256\":\"00\"}", "sha256" },
    { "{\"id\":\"x10\",\"text\":\"Hello world\",\"spans\":[{\"id\":\"s\",\"label\":\"Quote\",\"start\":\"0\",\"end\":5}]}", "whole number" },
    { "{\"id\":\"x11\",\"text\":\"Hello world\",\"spans\":[{\"id\":\"s\",\"label\":\"Quote\",\"start\":0,\"end\":5,"
      "\"attributes\":{\"type\":\"rumoured\"}}]}", "rumoured" },
  };
  g_autoptr(QmStore) store = new_corpus ();
  g_autoptr(GString) data = g_string_new (NULL);
  g_autoptr(GString) deep = g_string_new ("{\"id\":\"deep\",\"text\":\"Deep\",\"metadata\":");
  g_autoptr(QmReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spans = NULL;

  for (guint i = 0; i < 10000; i++)
    g_string_append (deep, "{\"a\":");
  g_string_append (deep, "1");
  for (guint i = 0; i < 10000; i++)
    g_string_append_c (deep, '}');
  g_string_append (deep, "}");

  g_string_append (data, "{\"id\":\"good\",\"text\":\"A good line\",\"spans\":[{\"id\":\"g\",\"label\":\"Quote\",\"start\":2,\"end\":6}]}\n");
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_string_append_printf (data, "%s\n", bad[i].line);
  g_string_append_printf (data, "%s\n", deep->str);

  report = import_data (store, data->str, NULL);
  g_assert_cmpuint (qm_report_count (report, QM_REPORT_IMPORTED), ==, 1);
  g_assert_cmpuint (qm_report_count (report, QM_REPORT_REJECTED), ==, G_N_ELEMENTS (bad) + 1);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *place = g_strdup_printf ("test.jsonl:%u:", i + 2);
      const QmReportEntry *entry = NULL;

      for (guint k = 0; k < qm_report_get_n_entries (report); k++)
        if (qm_report_get_entry (report, k)->line == i + 2)
          entry = qm_report_get_entry (report, k);
      g_assert_nonnull (entry);
      g_assert_cmpint (entry->kind, ==, QM_REPORT_REJECTED);
      if (!g_str_has_prefix (entry->message, place) || strstr (entry->message, bad[i].expected) == NULL)
        g_error ("line %u: unexpected message “%s” (wanted “%s” and “%s”)",
                 i + 2, entry->message, place, bad[i].expected);
    }

  /* Nothing of a rejected document was half imported. */
  g_assert_cmpuint (qm_store_count_documents (store, &error), ==, 1);
  spans = qm_store_list_spans (store, "good", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, 1);
}

static void
test_jsonl_add_labels (void)
{
  g_autoptr(QmStore) store = new_corpus ();
  QmImportOptions options = { "jsonl", NULL, TRUE, NULL, NULL };
  g_autoptr(QmReport) report = import_data (store,
    "{\"id\":\"d\",\"text\":\"Rumour has it\",\"spans\":[{\"id\":\"s\",\"label\":\"Rumour\",\"start\":0,\"end\":6,\"annotator\":\"ana\"}]}\n",
    &options);

  g_assert_cmpuint (qm_report_count (report, QM_REPORT_IMPORTED), ==, 1);
  g_assert_cmpuint (qm_report_count (report, QM_REPORT_WARNING), ==, 1);
  g_assert_nonnull (qm_schema_find_label (qm_store_get_schema (store), "Rumour"));
}

static void
test_jsonl_widens_split_graphemes (void)
{
  g_autoptr(QmStore) store = new_corpus ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(QmReport) report = NULL;
  QmSpan *span;

  /* "ok 👍🏽 yes": a span ending between the thumb and its skin tone. */
  report = import_data (store,
    "{\"id\":\"d\",\"text\":\"ok \xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD yes\",\"spans\":[{\"id\":\"s\",\"label\":\"Cue\",\"start\":3,\"end\":4}]}\n",
    NULL);
  g_assert_cmpuint (qm_report_count (report, QM_REPORT_WARNING), ==, 1);
  spans = qm_store_list_spans (store, "d", NULL, &error);
  g_assert_no_error (error);
  span = g_ptr_array_index (spans, 0);
  g_assert_cmpint (span->start, ==, 3);
  g_assert_cmpint (span->end, ==, 5);
}

static void
test_jsonl_adds_to_existing_document (void)
{
  g_autoptr(QmStore) store = new_corpus ();
  g_autoptr(QmReport) first = NULL;
  g_autoptr(QmReport) second = NULL;
  g_autoptr(QmReport) third = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spans = NULL;

  first = import_data (store,
    "{\"id\":\"d\",\"text\":\"He said no\",\"spans\":[{\"id\":\"s1\",\"label\":\"Cue\",\"start\":3,\"end\":7,\"annotator\":\"ana\"}]}\n", NULL);
  /* Same text, other id, another annotator's span: it joins the document. */
  second = import_data (store,
    "{\"id\":\"other\",\"text\":\"He said no\",\"spans\":[{\"id\":\"s2\",\"label\":\"Speaker\",\"start\":0,\"end\":2,\"annotator\":\"ben\"}]}\n", NULL);
  third = import_data (store,
    "{\"id\":\"d\",\"text\":\"He said no\",\"spans\":[{\"id\":\"s1\",\"label\":\"Cue\",\"start\":3,\"end\":7,\"annotator\":\"ana\"}]}\n", NULL);

  g_assert_cmpuint (qm_report_count (second, QM_REPORT_IMPORTED), ==, 1);
  g_assert_cmpuint (qm_report_count (third, QM_REPORT_SKIPPED), ==, 1);
  g_assert_cmpuint (qm_store_count_documents (store, &error), ==, 1);
  spans = qm_store_list_spans (store, "d", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, 2);
}

/* A string of random characters, control characters and JSON's special
 * ones included (not U+001F: see test_jsonl_escapes_unit_separator). */
static char *
random_string (GRand *rand,
               guint  max_chars)
{
  static const gunichar specials[] = {
    '"', '\\', '/', '\b', '\f', '\n', '\r', '\t', 0x01, 0x1e, 0x7f, 0x80,
    0x9f, 0xad, 0x627, 0x64e, 0x200f, 0x2028, 0x2029, 0xfeff, 0x1f44d, 0x1f3fd,
  };
  GString *s = g_string_new (NULL);
  guint n = g_rand_int_range (rand, 1, max_chars + 1);

  for (guint i = 0; i < n; i++)
    {
      gunichar c;

      if (g_rand_boolean (rand))
        c = specials[g_rand_int_range (rand, 0, G_N_ELEMENTS (specials))];
      else
        c = g_rand_int_range (rand, 0x20, 0x7f);
      g_string_append_unichar (s, c);
    }
  return g_string_free (s, FALSE);
}

/* The exporter writes lines itself for speed; they must be byte for byte
 * what JsonGenerator makes of the same values, as exports made before it
 * were. */
static void
test_jsonl_writer_matches_generator (void)
{
  g_autoptr(QmStore) store = new_corpus ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(QmDocument) document = qm_document_new ();
      g_autoptr(QmSpan) span = qm_span_new ();
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *text = random_string (rand, 60);
      g_autofree char *title = random_string (rand, 10);
      g_autofree char *annotator = random_string (rand, 8);
      g_autofree char *line = NULL;
      g_autofree char *generated = NULL;

      qm_document_set_text (document, text);
      qm_document_set_title (document, title);
      qm_store_add_document (store, document, &error);
      g_assert_no_error (error);

      span->document_id = g_strdup (qm_document_get_id (document));
      span->label = g_strdup ("Quote");
      span->start = 0;
      span->end = qm_document_get_n_chars (document);
      span->annotator = g_strdup (annotator);
      qm_span_set_attribute (span, "type", "direct");
      qm_store_add_span (store, span, &error);
      g_assert_no_error (error);

      line = qm_jsonl_document_line (store, qm_document_get_id (document), NULL, &error);
      g_assert_no_error (error);
      g_assert_true (json_parser_load_from_data (parser, line, -1, &error));
      g_assert_no_error (error);
      generated = json_to_string (json_parser_get_root (parser), FALSE);
      g_assert_cmpstr (line, ==, generated);
    }
}

/* JsonGenerator 1.6 writes U+001F raw, which JSON does not allow; the
 * exporter escapes it, and the import reads it back. */
static void
test_jsonl_escapes_unit_separator (void)
{
  g_autoptr(QmStore) store = new_corpus ();
  g_autoptr(QmStore) again = new_corpus ();
  g_autoptr(QmDocument) document = qm_document_new ();
  g_autoptr(QmReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *reexported = NULL;

  qm_document_set_text (document, "fields\x1f" "apart");
  g_assert_true (qm_store_add_document (store, document, &error));
  g_assert_no_error (error);
  line = qm_jsonl_document_line (store, qm_document_get_id (document), NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (line, "\"fields\\u001fapart\""));
  g_assert_null (strchr (line, 0x1f));

  exported = export_data (store, NULL);
  report = import_data (again, exported, NULL);
  g_assert_cmpuint (qm_report_count (report, QM_REPORT_IMPORTED), ==, 1);
  reexported = export_data (again, NULL);
  g_assert_cmpstr (reexported, ==, exported);
}

/* An export is one snapshot: what another connection commits meanwhile
 * is not half in it. */
static void
test_jsonl_export_is_a_snapshot (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "corpus.quotemark", NULL);
  g_autoptr(QmStore) reader = qm_store_open (path, QM_STORE_OPEN_CREATE, &error);
  g_autoptr(QmStore) writer = NULL;
  g_autoptr(QmDocument) first = qm_document_new ();
  g_autoptr(QmDocument) second = qm_document_new ();
  g_autoptr(QmDocument) third = qm_document_new ();

  g_assert_no_error (error);
  writer = qm_store_open (path, QM_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  qm_document_set_text (first, "The first article.");
  g_assert_true (qm_store_add_document (writer, first, &error));
  g_assert_no_error (error);

  g_assert_true (qm_store_begin_read (reader, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (qm_store_count_documents (reader, &error), ==, 1);

  /* Other connections still write while the read goes on... */
  qm_document_set_text (second, "The second article.");
  g_assert_true (qm_store_add_document (writer, second, &error));
  g_assert_no_error (error);
  /* ...but the reader sees the corpus as it was, and may not write. */
  g_assert_cmpuint (qm_store_count_documents (reader, &error), ==, 1);
  qm_document_set_text (third, "The third article.");
  g_assert_false (qm_store_add_document (reader, third, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (qm_store_begin (reader, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_FAILED);
  g_clear_error (&error);

  qm_store_end_read (reader);
  g_assert_cmpuint (qm_store_count_documents (reader, &error), ==, 2);
  g_assert_true (qm_store_add_document (reader, third, &error));
  g_assert_no_error (error);

  /* Inside a write transaction there is nothing to begin. */
  g_assert_true (qm_store_begin (reader, &error));
  g_assert_true (qm_store_begin_read (reader, &error));
  g_assert_no_error (error);
  qm_store_end_read (reader);
  g_assert_true (qm_store_in_transaction (reader));
  qm_store_rollback (reader);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/jsonl/round-trip", test_jsonl_round_trip);
  g_test_add_func ("/jsonl/holds-everything", test_jsonl_holds_everything);
  g_test_add_func ("/jsonl/annotator-override", test_jsonl_annotator_override);
  g_test_add_func ("/jsonl/export-filters", test_jsonl_export_filters);
  g_test_add_func ("/jsonl/rejects-bad-lines", test_jsonl_rejects_bad_lines);
  g_test_add_func ("/jsonl/add-labels", test_jsonl_add_labels);
  g_test_add_func ("/jsonl/widens-split-graphemes", test_jsonl_widens_split_graphemes);
  g_test_add_func ("/jsonl/adds-to-existing-document", test_jsonl_adds_to_existing_document);
  g_test_add_func ("/jsonl/writer-matches-generator", test_jsonl_writer_matches_generator);
  g_test_add_func ("/jsonl/escapes-unit-separator", test_jsonl_escapes_unit_separator);
  g_test_add_func ("/jsonl/export-is-a-snapshot", test_jsonl_export_is_a_snapshot);

  return g_test_run ();
}
