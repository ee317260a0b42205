/* test-formats.c: the format registry and the single-file formats (CSV,
 * CoNLL, doccano, Label Studio; brat's tests are in test-format-brat.c):
 * golden files, round trips, offsets that slice their text, and bad input
 * reported with file and line. */
#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "formats-test-common.h"
#include "qm-test-util.h"
#include "qm-text.h"

/* ------------------------------------------------------------ registry */

static void
test_registry (void)
{
  const QmFormat *const *list = qm_format_list ();
  static const char *names[] = { "jsonl", "csv", "brat", "conll", "doccano", "labelstudio" };
  static const gboolean imports[] = { TRUE, FALSE, TRUE, FALSE, TRUE, TRUE };
  g_autofree char *exporting = qm_format_list_names (FALSE);
  g_autofree char *importing = qm_format_list_names (TRUE);
  guint n = 0;

  while (list[n] != NULL)
    n++;
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const QmFormat *format = qm_format_find (names[i]);

      g_assert_nonnull (format);
      g_assert_true (format == list[i]);
      g_assert_cmpstr (format->name, ==, names[i]);
      g_assert_cmpstr (qm_format_get_display_name (format), !=, "");
      g_assert_cmpint (qm_format_can_import (format), ==, imports[i]);
      /* A folder format has a folder exporter; a file format a stream one
       * and an extension. */
      g_assert_cmpint (qm_format_is_folder (format), ==, strcmp (names[i], "brat") == 0);
      g_assert_true (qm_format_is_folder (format) ? format->export_folder != NULL && format->extension == NULL
                                                  : format->export_stream != NULL && format->extension != NULL);
    }
  g_assert_null (qm_format_find ("xml"));
  g_assert_null (qm_format_find (NULL));
  g_assert_true (qm_format_find ("BRAT") == qm_format_find ("brat"));
  g_assert_cmpstr (exporting, ==, "jsonl, csv, brat, conll, doccano, labelstudio");
  g_assert_cmpstr (importing, ==, "jsonl, brat, doccano, labelstudio");
}

static void
count_progress (guint    done,
                guint    total,
                gpointer data)
{
  guint *calls = data;

  g_assert_cmpuint (total, ==, 3);
  g_assert_cmpuint (done, ==, ++(*calls));
}

static void
test_export_to_path (void)
{
  g_autoptr(QmStore) store = fmt_round_trip_corpus ();
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "quotes.csv", NULL);
  g_autofree char *golden = fmt_fixture ("golden.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint calls = 0;
  QmExportOptions options = { 0 };

  g_assert_true (qm_format_export_to_path (qm_format_find ("csv"), store, NULL, path, NULL, NULL, &error));
  g_assert_no_error (error);
  fmt_assert_files_equal (golden, path);

  /* A cancelled export leaves the earlier file as it was. */
  before = qm_test_read_file (path, NULL);
  g_cancellable_cancel (cancelled);
  g_assert_false (qm_format_export_to_path (qm_format_find ("doccano"), store, NULL, path, NULL, cancelled, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  after = qm_test_read_file (path, NULL);
  g_assert_cmpstr (after, ==, before);

  /* Progress: one call per document, the last one complete. */
  options.progress = count_progress;
  options.progress_data = &calls;
  g_assert_true (qm_format_export_to_path (qm_format_find ("labelstudio"), store, &options, path, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (calls, ==, 3);
}

/* ----------------------------------------------------------------- CSV */

/* RFC 4180 read back: fields, quoted or not, rows ending in CRLF. */
static GPtrArray *
parse_csv (const char *data)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  const char *p = data;

  while (*p != '\0')
    {
      if (*p == '"')
        {
          for (p++;; p++)
            {
              g_assert_cmpint (*p, !=, '\0');
              if (*p == '"' && p[1] == '"')
                g_string_append_c (field, *p++);
              else if (*p == '"')
                break;
              else
                g_string_append_c (field, *p);
            }
          p++;
          g_assert_true (*p == ',' || *p == '\r');
        }
      else
        while (*p != ',' && *p != '\r' && *p != '\0')
          {
            g_assert_cmpint (*p, !=, '\n');
            g_string_append_c (field, *p++);
          }
      g_ptr_array_add (row, g_string_free (field, FALSE));
      field = g_string_new (NULL);
      if (*p == ',')
        p++;
      else
        {
          g_assert_cmpint (p[0], ==, '\r');
          g_assert_cmpint (p[1], ==, '\n');
          p += 2;
          g_ptr_array_add (rows, row);
          row = g_ptr_array_new_with_free_func (g_free);
        }
    }
  g_string_free (field, TRUE);
  g_ptr_array_unref (row);
  return rows;
}

static void
test_csv_golden (void)
{
  g_autoptr(QmStore) store = fmt_round_trip_corpus ();
  g_autofree char *golden_path = fmt_fixture ("golden.csv");
  g_autofree char *golden = qm_test_read_file (golden_path, NULL);
  g_autofree char *csv = fmt_export (store, "csv", NULL, NULL, NULL);
  g_autoptr(GPtrArray) rows = parse_csv (csv);

  g_assert_cmpstr (csv, ==, golden);
  /* A header and a row per quote and stance: b1 has two stances, c4 none. */
  g_assert_cmpuint (rows->len, ==, 1 + 6);
  for (guint i = 1; i < rows->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (rows, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(QmDocument) document = NULL;
      g_autofree char *slice = NULL;

      g_assert_cmpuint (row->len, ==, 13);
      document = qm_store_get_document (store, g_ptr_array_index (row, 0), &error);
      g_assert_no_error (error);
      slice = fmt_slice (qm_document_get_text (document),
                         atol (g_ptr_array_index (row, 5)), atol (g_ptr_array_index (row, 6)));
      g_assert_cmpstr (slice, ==, g_ptr_array_index (row, 3));
    }
  /* Quoting: a comma inside, and inner quotes doubled. */
  g_assert_cmpstr (g_ptr_array_index ((GPtrArray *) g_ptr_array_index (rows, 2), 3), ==, "“We are ready 👍🏽,”");
  g_assert_cmpstr (g_ptr_array_index ((GPtrArray *) g_ptr_array_index (rows, 6), 3), ==, "\"the partnership is strong\"");
  g_assert_nonnull (strstr (csv, ",\"\"\"the partnership is strong\"\"\","));
  /* Several speakers share a cell; the entity is the canonical name. */
  g_assert_cmpstr (g_ptr_array_index ((GPtrArray *) g_ptr_array_index (rows, 4), 7), ==, "He");
  g_assert_cmpstr (g_ptr_array_index ((GPtrArray *) g_ptr_array_index (rows, 4), 8), ==, "José Martí");
  g_assert_cmpstr (g_ptr_array_index ((GPtrArray *) g_ptr_array_index (rows, 6), 10), ==, "");
}

static void
test_csv_excel_and_filters (void)
{
  g_autoptr(QmStore) store = fmt_round_trip_corpus ();
  QmExportOptions excel = { .excel = TRUE };
  QmExportOptions ben = { .annotator = "ben" };
  QmExportOptions done = { .done_only = TRUE };
  g_autofree char *with_bom = fmt_export (store, "csv", &excel, NULL, NULL);
  g_autofree char *plain = fmt_export (store, "csv", NULL, NULL, NULL);
  g_autofree char *bens = fmt_export (store, "csv", &ben, NULL, NULL);
  g_autofree char *done_only = fmt_export (store, "csv", &done, NULL, NULL);
  g_autoptr(GPtrArray) ben_rows = parse_csv (bens);
  g_autoptr(GPtrArray) done_rows = parse_csv (done_only);
  g_autoptr(QmSpan) span = qm_span_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *with_newline = NULL;

  g_assert_true (g_str_has_prefix (with_bom, "\xEF\xBB\xBF" "document_id,"));
  g_assert_cmpstr (with_bom + 3, ==, plain);
  g_assert_true (g_str_has_prefix (plain, "document_id,"));

  g_assert_cmpuint (ben_rows->len, ==, 1 + 3);
  for (guint i = 1; i < ben_rows->len; i++)
    g_assert_cmpstr (g_ptr_array_index ((GPtrArray *) g_ptr_array_index (ben_rows, i), 12), ==, "ben");
  /* Only doc-ar is marked done. */
  g_assert_cmpuint (done_rows->len, ==, 1 + 1);
  g_assert_cmpstr (g_ptr_array_index ((GPtrArray *) g_ptr_array_index (done_rows, 1), 0), ==, "doc-ar");

  /* A quote across a line break is one quoted field. */
  {
    const char *text = "Head\n\n\"One,\nand two\" he said.\n";

    id = qm_import_text (store, text, strlen (text), "n.txt", &error);
  }
  g_assert_no_error (error);
  span->document_id = g_strdup (id);
  span->label = g_strdup ("Quote");
  span->start = 6;
  span->end = 20;
  span->annotator = g_strdup ("zoe");
  g_assert_true (qm_store_add_span (store, span, &error));
  g_assert_no_error (error);
  {
    QmExportOptions zoe = { .annotator = "zoe" };
    g_autoptr(GPtrArray) rows = NULL;

    with_newline = fmt_export (store, "csv", &zoe, NULL, NULL);
    rows = parse_csv (with_newline);
    g_assert_cmpuint (rows->len, ==, 2);
    g_assert_cmpstr (g_ptr_array_index ((GPtrArray *) g_ptr_array_index (rows, 1), 3), ==, "\"One,\nand two\"");
  }
}

/* --------------------------------------------------------------- CoNLL */

/* conlleval's rules of acceptance: every non-blank line has the same number
 * of fields (at least two) split by single spaces; tags are O, B-X or I-X;
 * in IOB2 an I-X follows a B-X or I-X of the same type in its sentence.
 * Returns the number of chunks (B- tags). */
static guint
validate_conll (const char *data)
{
  g_auto(GStrv) lines = g_strsplit (data, "\n", -1);
  g_autofree char *previous = g_strdup ("O");
  int n_fields = -1;
  guint chunks = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      const char *tag;

      if (*lines[i] == '\0')
        {
          g_free (previous);
          previous = g_strdup ("O");
          continue;
        }
      fields = g_strsplit (lines[i], " ", -1);
      if (n_fields < 0)
        n_fields = g_strv_length (fields);
      g_assert_cmpint (g_strv_length (fields), ==, n_fields);
      g_assert_cmpint (n_fields, >=, 2);
      for (int k = 0; k < n_fields; k++)
        g_assert_cmpstr (fields[k], !=, "");
      tag = fields[n_fields - 1];
      if (strcmp (tag, "O") != 0)
        {
          g_assert_true (g_str_has_prefix (tag, "B-") || g_str_has_prefix (tag, "I-"));
          g_assert_cmpuint (strlen (tag), >, 2);
          if (tag[0] == 'I')
            g_assert_cmpstr (previous + (previous[0] == 'O' ? 0 : 2), ==, tag + 2);
          else
            chunks++;
        }
      g_free (previous);
      previous = g_strdup (tag);
    }
  return chunks;
}

static char *
find_conlleval (void)
{
  const char *given = g_getenv ("QM_CONLLEVAL");

  if (given != NULL && g_file_test (given, G_FILE_TEST_IS_REGULAR))
    return g_strdup (given);
  if (given == NULL)
    {
      char *found = g_find_program_in_path ("conlleval");

      if (found == NULL)
        found = g_find_program_in_path ("conlleval.pl");
      return found;
    }
  return NULL;
}

static void
test_conll_golden (void)
{
  g_autoptr(QmStore) store = fmt_round_trip_corpus ();
  g_autoptr(QmReport) report = qm_report_new ();
  g_autofree char *golden_path = fmt_fixture ("golden.conll");
  g_autofree char *golden = qm_test_read_file (golden_path, NULL);
  g_autofree char *conll = fmt_export (store, "conll", NULL, report, NULL);

  g_assert_cmpstr (conll, ==, golden);
  /* 15 spans, none nested, each one chunk. */
  g_assert_cmpuint (validate_conll (conll), ==, 15);
  g_assert_cmpuint (qm_report_count (report, QM_REPORT_WARNING), ==, 0);
  g_assert_true (g_str_has_prefix (conll, "-DOCSTART- -X- -X- O\n\n"));
  /* The emoji with its skin tone is one token, in the quote. */
  g_assert_nonnull (strstr (conll, "\n👍🏽 _ _ I-Quote\n"));
}

static void
test_conll_conlleval (void)
{
  g_autoptr(QmStore) store = fmt_round_trip_corpus ();
  g_autofree char *conll = fmt_export (store, "conll", NULL, NULL, NULL);
  g_autofree char *script = find_conlleval ();
  g_autofree char *perl = g_find_program_in_path ("perl");
  g_auto(GStrv) lines = g_strsplit (conll, "\n", -1);
  g_autoptr(GString) input = g_string_new (NULL);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  guint chunks = validate_conll (conll);
  g_autofree char *expected = NULL;

  if (script == NULL || perl == NULL)
    {
      g_test_skip ("conlleval is not installed (set QM_CONLLEVAL to the script to run it); "
                   "its acceptance rules are checked by the other CoNLL tests");
      return;
    }

  /* conlleval compares the last two columns: the gold tags given twice
   * must score every chunk correct. */
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *last = strrchr (lines[i], ' ');

      if (*lines[i] == '\0')
        g_string_append_c (input, '\n');
      else
        g_string_append_printf (input, "%s%s\n", lines[i], last);
    }
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                              &error, perl, script, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input->str, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_test_message ("conlleval: %s %s", out, err);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  expected = g_strdup_printf ("with %u phrases; found: %u phrases; correct: %u.", chunks, chunks, chunks);
  g_assert_nonnull (strstr (out, expected));
  g_assert_nonnull (strstr (out, "accuracy: 100.00%"));
}

static char *
add_document (QmStore    *store,
              const char *text)
{
  g_autoptr(GError) error = NULL;
  char *id = qm_import_text (store, text, strlen (text), "t.txt", &error);

  g_assert_no_error (error);
  return id;
}

static void
add_span (QmStore    *store,
          const char *document_id,
          const char *label,
          glong       start,
          glong       end)
{
  g_autoptr(QmSpan) span = qm_span_new ();
  g_autoptr(GError) error = NULL;

  span->document_id = g_strdup (document_id);
  span->label = g_strdup (label);
  span->start = start;
  span->end = end;
  span->annotator = g_strdup ("ana");
  g_assert_true (qm_store_add_span (store, span, &error));
  g_assert_no_error (error);
}

/* The token column of an export, one token per element. */
static GPtrArray *
tokens_of (const char *conll)
{
  g_auto(GStrv) lines = g_strsplit (conll, "\n", -1);
  GPtrArray *tokens = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0' && !g_str_has_prefix (lines[i], "-DOCSTART- "))
      {
        g_autofree char *token = g_strndup (lines[i], strchr (lines[i], ' ') - lines[i]);

        g_ptr_array_add (tokens, g_strdup_printf ("%s/%s", token, strrchr (lines[i], ' ') + 1));
      }
  return tokens;
}

static void
test_conll_tokens (void)
{
  g_autoptr(QmStore) store = fmt_new_corpus ();
  /* An Arabic decimal number, a typographic and an ASCII apostrophe. */
  g_autofree char *id = add_document (store, "It costs ٣٫٥ دينار. We won’t go, don't ask.\n");
  g_autofree char *conll = NULL;
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(QmReport) report = qm_report_new ();
  static const char *expected[] = {
    "It/O", "costs/O", "٣٫٥/B-Cue", "دينار/O", "./O",
    "We/O", "won’t/O", "go/O", ",/O", "don't/O", "ask/O", "./O",
  };

  add_span (store, id, "Cue", 9, 12);
  conll = fmt_export (store, "conll", NULL, report, NULL);
  tokens = tokens_of (conll);
  for (guint i = 0; i < MAX (tokens->len, G_N_ELEMENTS (expected)); i++)
    g_assert_cmpstr (i < tokens->len ? g_ptr_array_index (tokens, i) : NULL, ==,
                     i < G_N_ELEMENTS (expected) ? expected[i] : NULL);
  /* Two sentences. */
  g_assert_nonnull (strstr (conll, ". _ _ O\n\nWe _ _ O\n"));
  g_assert_cmpuint (qm_report_count (report, QM_REPORT_WARNING), ==, 0);
  validate_conll (conll);
}

static void
test_conll_layers (void)
{
  g_autoptr(QmStore) store = fmt_new_corpus ();
  g_autofree char *id = add_document (store, "He said “Ali is here. He stays” and left.\n");
  g_autoptr(QmReport) outer_report = qm_report_new ();
  g_autoptr(QmReport) inner_report = qm_report_new ();
  g_autoptr(QmReport) speakers_report = qm_report_new ();
  QmExportOptions inner = { .nested_inner = TRUE };
  const char *speaker_only[] = { "Speaker", NULL };
  QmExportOptions speakers = { .labels = speaker_only };
  g_autofree char *outer_conll = NULL;
  g_autofree char *inner_conll = NULL;
  g_autofree char *speakers_conll = NULL;

  /* A quote of two sentences holding a speaker, and a cue that cuts a
   * word ("sai"), widened to the token. */
  add_span (store, id, "Quote", 8, 31);
  add_span (store, id, "Speaker", 9, 12);
  add_span (store, id, "Cue", 3, 6);

  outer_conll = fmt_export (store, "conll", NULL, outer_report, NULL);
  g_assert_nonnull (strstr (outer_conll, "said _ _ B-Cue\n“ _ _ B-Quote\nAli _ _ I-Quote\n"));
  /* No sentence break inside the tagged quote. */
  g_assert_nonnull (strstr (outer_conll, ". _ _ I-Quote\nHe _ _ I-Quote\n"));
  g_assert_true (fmt_report_has (outer_report, QM_REPORT_WARNING, "1 span did not start or end on a token boundary", NULL));
  g_assert_true (fmt_report_has (outer_report, QM_REPORT_WARNING, "1 span overlapped", NULL));
  g_assert_cmpuint (validate_conll (outer_conll), ==, 2);

  inner_conll = fmt_export (store, "conll", &inner, inner_report, NULL);
  g_assert_nonnull (strstr (inner_conll, "“ _ _ O\nAli _ _ B-Speaker\nis _ _ O\n"));
  g_assert_cmpuint (validate_conll (inner_conll), ==, 2);

  speakers_conll = fmt_export (store, "conll", &speakers, speakers_report, NULL);
  g_assert_nonnull (strstr (speakers_conll, "Ali _ _ B-Speaker\n"));
  g_assert_null (strstr (speakers_conll, "Quote"));
  g_assert_null (strstr (speakers_conll, "Cue"));
  g_assert_cmpuint (qm_report_count (speakers_report, QM_REPORT_WARNING), ==, 0);
}

/* ------------------------------------------------------------- doccano */

static void
check_doccano_slices (const char *jsonl,
                      QmStore    *store)
{
  g_auto(GStrv) lines = g_strsplit (jsonl, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) spans = NULL;
      JsonObject *object;
      JsonArray *entities;
      const char *text;

      if (*lines[i] == '\0')
        continue;
      json_parser_load_from_data (parser, lines[i], -1, &error);
      g_assert_no_error (error);
      object = json_node_get_object (json_parser_get_root (parser));
      text = json_object_get_string_member (object, "text");
      entities = json_object_get_array_member (object, "entities");
      spans = qm_store_list_spans (store, json_object_get_string_member (object, "document_id"), NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (json_array_get_length (entities), ==, spans->len);
      for (guint k = 0; k < json_array_get_length (entities); k++)
        {
          JsonObject *entity = json_array_get_object_element (entities, k);
          glong start = json_object_get_int_member (entity, "start_offset");
          glong end = json_object_get_int_member (entity, "end_offset");
          g_autofree char *slice = fmt_slice (text, start, end);
          gboolean found = FALSE;

          for (guint s = 0; s < spans->len && !found; s++)
            {
              QmSpan *span = g_ptr_array_index (spans, s);
              g_autofree char *expected = fmt_slice (text, span->start, span->end);

              found = span->start == start && span->end == end
                   && strcmp (span->label, json_object_get_string_member (entity, "label")) == 0
                   && strcmp (expected, slice) == 0;
            }
          g_assert_true (found);
        }
    }
}

static void
test_doccano_golden_and_round_trip (void)
{
  g_autoptr(QmStore) store = fmt_round_trip_corpus ();
  g_autoptr(QmStore) fresh = fmt_new_corpus ();
  g_autofree char *golden_path = fmt_fixture ("golden-doccano.jsonl");
  g_autofree char *golden = qm_test_read_file (golden_path, NULL);
  g_autofree char *exported = fmt_export (store, "doccano", NULL, NULL, NULL);
  g_autoptr(QmReport) report = NULL;
  g_autofree char *again = NULL;
  static const char *ids[] = { "doc-ar", "doc-en", "doc-mixed" };

  g_assert_cmpstr (exported, ==, golden);
  check_doccano_slices (exported, store);

  /* doccano → Quotemark → doccano: the same file. */
  report = fmt_import (fresh, "doccano", golden_path, "ana", FALSE);
  g_assert_cmpuint (qm_report_count (report, QM_REPORT_IMPORTED), ==, 3);
  g_assert_cmpuint (qm_report_count (report, QM_REPORT_REJECTED), ==, 0);
  again = fmt_export (fresh, "doccano", NULL, NULL, NULL);
  g_assert_cmpstr (again, ==, golden);

  /* The same spans and relations as the source, at the same offsets: the
   * text is kept as it is. */
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(GPtrArray) expected = fmt_describe (store, ids[i], FALSE, FALSE);
      g_autoptr(GPtrArray) got = fmt_describe (fresh, ids[i], FALSE, FALSE);

      fmt_assert_same_lines (expected, got);
    }
}

static void
test_doccano_label_variant (void)
{
  g_autoptr(QmStore) store = fmt_new_corpus ();
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *path = qm_test_write_file (dir, "spans.jsonl",
    "{\"text\": \"Omar said “yes” today 👍🏽 and “no” later.\", \"label\": [[0, 4, \"Speaker\"], [10, 15, \"Quote\"], [29, 33, \"Quote\"]]}\n"
    "{\"text\": \"Just a category.\", \"label\": [\"positive\"]}\n", -1);
  g_autoptr(QmReport) report = fmt_import (store, "doccano", path, "ana", FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = qm_store_list_documents (store, NULL, 0, 0, &error);
  g_autoptr(GPtrArray) lines = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (qm_report_count (report, QM_REPORT_IMPORTED), ==, 2);
  g_assert_true (fmt_report_has (report, QM_REPORT_WARNING, "spans.jsonl:2", "categories", NULL));
  lines = fmt_describe (store, qm_document_get_id (g_ptr_array_index (documents, 0)), FALSE, FALSE);
  g_assert_cmpuint (lines->len, ==, 3);
  /* Offsets after the emoji count code points, as Python does. */
  g_assert_cmpstr (g_ptr_array_index (lines, 0), ==, "span Quote 10-15 ““yes””");
  g_assert_cmpstr (g_ptr_array_index (lines, 1), ==, "span Quote 29-33 ““no””");
  g_assert_cmpstr (g_ptr_array_index (lines, 2), ==, "span Speaker 0-4 “Omar”");
}

static void
test_doccano_bad_input (void)
{
  g_autoptr(QmStore) store = fmt_new_corpus ();
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *path = qm_test_write_file (dir, "bad.jsonl",
    "{\"text\": \"Fine line.\", \"entities\": [{\"id\": 1, \"start_offset\": 0, \"end_offset\": 4, \"label\": \"Cue\"}]}\n"
    "{\"text\": \"Broken\", \"entities\": [\n"
    "{\"text\": \"Too far.\", \"entities\": [{\"id\": 1, \"start_offset\": 2, \"end_offset\": 40, \"label\": \"Cue\"}]}\n"
    "{\"text\": \"Odd label.\", \"entities\": [{\"id\": 1, \"start_offset\": 0, \"end_offset\": 3, \"label\": \"Topic\"}]}\n"
    "{\"text\": \"Lost link.\", \"entities\": [{\"id\": 1, \"start_offset\": 0, \"end_offset\": 4, \"label\": \"Quote\"}], \"relations\": [{\"id\": 1, \"from_id\": 1, \"to_id\": 9, \"type\": \"attributed_to\"}]}\n"
    "{\"entities\": []}\n"
    "{\"text\": \"👍🏽 wide\", \"entities\": [{\"id\": 1, \"start_offset\": 5, \"end_offset\": 9, \"label\": \"Cue\"}]}\n", -1);
  g_autoptr(QmReport) report = fmt_import (store, "doccano", path, "ana", FALSE);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (qm_report_count (report, QM_REPORT_IMPORTED), ==, 1);
  g_assert_cmpuint (qm_report_count (report, QM_REPORT_REJECTED), ==, 6);
  g_assert_true (fmt_report_has (report, QM_REPORT_REJECTED, "bad.jsonl:2", "not valid JSON", NULL));
  g_assert_true (fmt_report_has (report, QM_REPORT_REJECTED, "bad.jsonl:3", "2–40", "8 characters", NULL));
  g_assert_true (fmt_report_has (report, QM_REPORT_REJECTED, "bad.jsonl:4", "“Topic”", "--add-labels", NULL));
  g_assert_true (fmt_report_has (report, QM_REPORT_REJECTED, "bad.jsonl:5", "entity 9", NULL));
  g_assert_true (fmt_report_has (report, QM_REPORT_REJECTED, "bad.jsonl:6", "“text”", NULL));
  g_assert_true (fmt_report_has (report, QM_REPORT_REJECTED, "bad.jsonl:7", "UTF-16", NULL));
  /* Only the good line's document is in the corpus. */
  g_assert_cmpuint (qm_store_count_documents (store, &error), ==, 1);
}

/* -------------------------------------------------------- Label Studio */

static void
test_labelstudio_golden_and_round_trip (void)
{
  g_autoptr(QmStore) store = fmt_round_trip_corpus ();
  g_autoptr(QmStore) fresh = fmt_new_corpus ();
  g_autofree char *golden_path = fmt_fixture ("golden-labelstudio.json");
  g_autofree char *golden = qm_test_read_file (golden_path, NULL);
  g_autofree char *exported = fmt_export (store, "labelstudio", NULL, NULL, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(QmReport) report = NULL;
  g_autofree char *again = NULL;
  JsonArray *tasks;
  guint n_regions = 0;
  static const char *ids[] = { "doc-ar", "doc-en", "doc-mixed" };

  g_assert_cmpstr (exported, ==, golden);

  /* Valid JSON whose regions slice the task's text. */
  json_parser_load_from_data (parser, exported, -1, &error);
  g_assert_no_error (error);
  tasks = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (tasks), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *task = json_array_get_object_element (tasks, i);
      const char *text = json_object_get_string_member (json_object_get_object_member (task, "data"), "text");
      JsonArray *annotations = json_object_get_array_member (task, "annotations");

      for (guint a = 0; a < json_array_get_length (annotations); a++)
        {
          JsonArray *results = json_object_get_array_member (json_array_get_object_element (annotations, a), "result");

          for (guint r = 0; r < json_array_get_length (results); r++)
            {
              JsonObject *result = json_array_get_object_element (results, r);
              JsonObject *value;
              g_autofree char *slice = NULL;

              if (strcmp (json_object_get_string_member (result, "type"), "labels") != 0)
                continue;
              value = json_object_get_object_member (result, "value");
              slice = fmt_slice (text, json_object_get_int_member (value, "start"), json_object_get_int_member (value, "end"));
              g_assert_cmpstr (slice, ==, json_object_get_string_member (value, "text"));
              n_regions++;
            }
        }
    }
  g_assert_cmpuint (n_regions, ==, 15);

  /* Label Studio → Quotemark → Label Studio: the same file, annotators,
   * region ids, attributes, speakers and stances included. */
  report = fmt_import (fresh, "labelstudio", golden_path, NULL, FALSE);
  g_assert_cmpuint (qm_report_count (report, QM_REPORT_IMPORTED), ==, 3);
  g_assert_cmpuint (qm_report_count (report, QM_REPORT_REJECTED), ==, 0);
  again = fmt_export (fresh, "labelstudio", NULL, NULL, NULL);
  g_assert_cmpstr (again, ==, golden);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(GPtrArray) expected = fmt_describe (store, ids[i], TRUE, FALSE);
      g_autoptr(GPtrArray) got = fmt_describe (fresh, ids[i], TRUE, FALSE);

      fmt_assert_same_lines (expected, got);
    }
}

static void
test_labelstudio_predictions (void)
{
  g_autoptr(QmStore) store = fmt_new_corpus ();
  g_autofree char *path = fmt_fixture ("labelstudio-predictions.json");
  g_autoptr(QmReport) report = fmt_import (store, "labelstudio", path, NULL, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spans = qm_store_list_spans (store, "ls-1", NULL, &error);
  g_autoptr(GPtrArray) lines = fmt_describe (store, "ls-1", TRUE, FALSE);

  g_assert_no_error (error);
  g_assert_cmpuint (qm_report_count (report, QM_REPORT_IMPORTED), ==, 1);
  g_assert_cmpuint (qm_report_count (report, QM_REPORT_REJECTED), ==, 0);
  /* The prediction's offsets count UTF-16 code units (older Label Studio);
   * its region text tells, and the span lands on the same words. */
  g_assert_true (fmt_report_has (report, QM_REPORT_WARNING, "labelstudio-predictions.json:", "UTF-16", NULL));
  g_assert_cmpuint (lines->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (lines, 0), ==, "relation attributed_to [Quote 11-24 ““Good news 🎉””] -> [Speaker 0-4 “Lina”]");
  g_assert_cmpstr (g_ptr_array_index (lines, 1), ==, "span Quote 11-24 ““Good news 🎉”” type=direct");
  g_assert_cmpstr (g_ptr_array_index (lines, 2), ==, "span Speaker 0-4 “Lina” speaker=Lina Haddad");
  g_assert_cmpstr (g_ptr_array_index (lines, 3), ==, "span Speaker 29-33 “Lina”");
  /* Each list is credited to its source: the annotation's annotator and
   * the prediction's model. */
  for (guint i = 0; i < spans->len; i++)
    {
      QmSpan *span = g_ptr_array_index (spans, i);

      g_assert_cmpstr (span->annotator, ==, span->start == 29 ? "tagger-v2" : "lina");
    }
}

static void
test_labelstudio_bad_input (void)
{
  g_autoptr(QmStore) store = fmt_new_corpus ();
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *path = qm_test_write_file (dir, "tasks.json",
    "[\n"
    "  {\"data\": {\"text\": \"No label here.\"},\n"
    "   \"annotations\": [{\"result\": [\n"
    "     {\"id\": \"r1\", \"from_name\": \"label\", \"to_name\": \"text\", \"type\": \"labels\",\n"
    "      \"value\": {\"start\": 0, \"end\": 2, \"labels\": [\"Topic\"]}}]}]},\n"
    "  {\"data\": {\"text\": \"Wrong text.\"},\n"
    "   \"annotations\": [{\"result\": [\n"
    "     {\"id\": \"r1\", \"from_name\": \"label\", \"to_name\": \"text\", \"type\": \"labels\",\n"
    "      \"value\": {\"start\": 0, \"end\": 5, \"text\": \"Right\", \"labels\": [\"Quote\"]}}]}]},\n"
    "  {\"data\": {\"body\": \"No text member.\"}},\n"
    "  {\"data\": {\"text\": \"Fine.\"}, \"annotations\": [{\"result\": [\n"
    "     {\"from_id\": \"x\", \"to_id\": \"y\", \"type\": \"relation\", \"labels\": [\"attributed_to\"]}]}]}\n"
    "]\n", -1);
  g_autofree char *broken = qm_test_write_file (dir, "broken.json", "[\n  {\"data\": {\"text\": \"a\"}},\n  {oops}\n]\n", -1);
  g_autoptr(QmReport) report = fmt_import (store, "labelstudio", path, "ana", FALSE);
  g_autoptr(QmReport) broken_report = fmt_import (store, "labelstudio", broken, "ana", FALSE);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (qm_report_count (report, QM_REPORT_REJECTED), ==, 4);
  g_assert_true (fmt_report_has (report, QM_REPORT_REJECTED, "tasks.json:4", "“Topic”", NULL));
  g_assert_true (fmt_report_has (report, QM_REPORT_REJECTED, "tasks.json:8", "“Right”", "“Wrong”", NULL));
  g_assert_true (fmt_report_has (report, QM_REPORT_REJECTED, "tasks.json:10", "“text”", NULL));
  g_assert_true (fmt_report_has (report, QM_REPORT_REJECTED, "tasks.json:12", "region x", NULL));
  g_assert_true (fmt_report_has (broken_report, QM_REPORT_REJECTED, "broken.json", "3", "not valid JSON", NULL));
  g_assert_cmpuint (qm_store_count_documents (store, &error), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/formats/registry", test_registry);
  g_test_add_func ("/formats/export-to-path", test_export_to_path);
  g_test_add_func ("/formats/csv/golden", test_csv_golden);
  g_test_add_func ("/formats/csv/excel-and-filters", test_csv_excel_and_filters);
  g_test_add_func ("/formats/conll/golden", test_conll_golden);
  g_test_add_func ("/formats/conll/conlleval", test_conll_conlleval);
  g_test_add_func ("/formats/conll/tokens", test_conll_tokens);
  g_test_add_func ("/formats/conll/layers", test_conll_layers);
  g_test_add_func ("/formats/doccano/golden-and-round-trip", test_doccano_golden_and_round_trip);
  g_test_add_func ("/formats/doccano/label-variant", test_doccano_label_variant);
  g_test_add_func ("/formats/doccano/bad-input", test_doccano_bad_input);
  g_test_add_func ("/formats/labelstudio/golden-and-round-trip", test_labelstudio_golden_and_round_trip);
  g_test_add_func ("/formats/labelstudio/predictions", test_labelstudio_predictions);
  g_test_add_func ("/formats/labelstudio/bad-input", test_labelstudio_bad_input);
  fmt_add_brat_tests ();

  return g_test_run ();
}
