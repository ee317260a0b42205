/* test-format-brat.c: the brat standoff folder: the export against a golden
 * folder, folders replaced safely, imports of our own exports, of CR LF
 * texts, of a corpus made elsewhere, and of bad files. */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "formats-test-common.h"
#include "qm-error.h"
#include "qm-test-util.h"

static const char *golden_files[] = {
  "annotation.conf", "visual.conf",
  "doc-ar.txt", "doc-ar.ann", "doc-en.txt", "doc-en.ann", "doc-mixed.txt", "doc-mixed.ann",
};

static char *
export_folder (QmStore               *store,
               const QmExportOptions *options,
               QmReport              *report)
{
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autoptr(GError) error = NULL;
  char *folder = g_build_filename (dir, "brat", NULL);

  g_assert_true (qm_format_export_to_path (qm_format_find ("brat"), store, options, folder, report, NULL, &error));
  g_assert_no_error (error);
  return folder;
}

static guint
count_entries (const char *folder)
{
  GDir *dir = g_dir_open (folder, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  g_dir_close (dir);
  return n;
}

/* Every T line's fragments slice its text, joined by spaces as brat does;
 * no T line text holds a line break. */
static guint
check_t_lines (const char *folder,
               const char *stem)
{
  g_autofree char *txt_path = g_strdup_printf ("%s/%s.txt", folder, stem);
  g_autofree char *ann_path = g_strdup_printf ("%s/%s.ann", folder, stem);
  g_autofree char *text = qm_test_read_file (txt_path, NULL);
  g_autofree char *ann = qm_test_read_file (ann_path, NULL);
  g_auto(GStrv) lines = g_strsplit (ann, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      g_auto(GStrv) ranges = NULL;
      g_autoptr(GString) expected = g_string_new (NULL);

      if (lines[i][0] != 'T')
        continue;
      fields = g_strsplit (lines[i], "\t", -1);
      g_assert_cmpuint (g_strv_length (fields), ==, 3);
      ranges = g_strsplit (strchr (fields[1], ' ') + 1, ";", -1);
      for (guint k = 0; ranges[k] != NULL; k++)
        {
          glong start = 0, end = 0;
          g_autofree char *piece = NULL;

          g_assert_cmpint (sscanf (ranges[k], "%ld %ld", &start, &end), ==, 2);
          piece = fmt_slice (text, start, end);
          g_assert_null (strchr (piece, '\n'));
          if (k > 0)
            g_string_append_c (expected, ' ');
          g_string_append (expected, piece);
        }
      g_assert_cmpstr (fields[2], ==, expected->str);
      n++;
    }
  return n;
}

static void
test_brat_golden (void)
{
  g_autoptr(QmStore) store = fmt_round_trip_corpus ();
  g_autoptr(QmReport) report = qm_report_new ();
  g_autofree char *folder = export_folder (store, NULL, report);
  g_autofree char *golden = fmt_fixture ("golden-brat");

  for (guint i = 0; i < G_N_ELEMENTS (golden_files); i++)
    {
      g_autofree char *expected = g_build_filename (golden, golden_files[i], NULL);
      g_autofree char *got = g_build_filename (folder, golden_files[i], NULL);

      fmt_assert_files_equal (expected, got);
    }
  g_assert_cmpuint (count_entries (folder), ==, G_N_ELEMENTS (golden_files));
  g_assert_cmpuint (check_t_lines (folder, "doc-ar"), ==, 3);
  g_assert_cmpuint (check_t_lines (folder, "doc-en"), ==, 6);
  g_assert_cmpuint (check_t_lines (folder, "doc-mixed"), ==, 6);
  g_assert_cmpuint (qm_report_get_n_entries (report), ==, 0);
}

static void
test_brat_annotator_filter (void)
{
  g_autoptr(QmStore) store = fmt_round_trip_corpus ();
  QmExportOptions options = { .annotator = "ben" };
  g_autofree char *folder = export_folder (store, &options, NULL);
  g_autofree char *ar = g_build_filename (folder, "doc-ar.ann", NULL);
  g_autofree char *en = g_build_filename (folder, "doc-en.ann", NULL);
  g_autofree char *ar_ann = qm_test_read_file (ar, NULL);
  g_autofree char *en_ann = qm_test_read_file (en, NULL);

  /* ana's document is there, without annotations; ben's has them all. */
  g_assert_cmpstr (ar_ann, ==, "");
  g_assert_nonnull (strstr (en_ann, "T6\tQuote 75 97"));
}

static void
test_brat_destination (void)
{
  g_autoptr(QmStore) store = fmt_round_trip_corpus ();
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *foreign = g_build_filename (dir, "mine", NULL);
  g_autofree char *notes = NULL;
  g_autofree char *file = qm_test_write_file (dir, "a-file", "keep me\n", -1);
  g_autofree char *empty = g_build_filename (dir, "empty", NULL);
  g_autofree char *previous = g_build_filename (dir, "previous", NULL);
  g_autofree char *stale = NULL;
  g_autofree char *after = NULL;
  const QmFormat *brat = qm_format_find ("brat");
  g_autoptr(GError) error = NULL;

  /* A folder with the user's own files is never written to. */
  g_assert_cmpint (g_mkdir (foreign, 0700), ==, 0);
  notes = qm_test_write_file (foreign, "notes.txt", "my notes\n", -1);
  g_assert_false (qm_format_export_to_path (brat, store, NULL, foreign, NULL, NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "mine"));
  g_clear_error (&error);
  g_assert_cmpuint (count_entries (foreign), ==, 1);
  after = qm_test_read_file (notes, NULL);
  g_assert_cmpstr (after, ==, "my notes\n");

  /* Nor is a file replaced by a folder. */
  g_assert_false (qm_format_export_to_path (brat, store, NULL, file, NULL, NULL, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_FAILED);
  g_clear_error (&error);
  g_clear_pointer (&after, g_free);
  after = qm_test_read_file (file, NULL);
  g_assert_cmpstr (after, ==, "keep me\n");

  /* An empty folder takes the export. */
  g_assert_cmpint (g_mkdir (empty, 0700), ==, 0);
  g_assert_true (qm_format_export_to_path (brat, store, NULL, empty, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_entries (empty), ==, G_N_ELEMENTS (golden_files));

  /* An earlier export is replaced whole: what it had and the new one
   * lacks is gone. */
  g_assert_true (qm_format_export_to_path (brat, store, NULL, previous, NULL, NULL, &error));
  g_assert_no_error (error);
  stale = qm_test_write_file (previous, "gone.ann", "", -1);
  g_assert_true (qm_format_export_to_path (brat, store, NULL, previous, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_entries (previous), ==, G_N_ELEMENTS (golden_files));
  /* No temporary folder is left beside it. */
  g_assert_cmpuint (count_entries (dir), ==, 4);
}

/* brat → Quotemark → brat gives the same files. */
static void
test_brat_round_trip (void)
{
  g_autoptr(QmStore) store = fmt_new_corpus ();
  g_autofree char *source = fmt_fixture ("brat-roundtrip");
  g_autoptr(QmReport) report = fmt_import (store, "brat", source, "ana", FALSE);
  g_autofree char *folder = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  static const char *files[] = {
    "annotation.conf", "visual.conf", "news-1.txt", "news-1.ann", "news-2.txt", "news-2.ann",
  };

  g_assert_cmpuint (qm_report_count (report, QM_REPORT_IMPORTED), ==, 2);
  g_assert_cmpuint (qm_report_count (report, QM_REPORT_REJECTED), ==, 0);
  g_assert_cmpuint (qm_report_count (report, QM_REPORT_WARNING), ==, 0);

  /* The quote across the line break is one span again. */
  spans = qm_store_list_spans (store, "news-1", "ana", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, 6);
  g_assert_cmpint (((QmSpan *) g_ptr_array_index (spans, 0))->start, ==, 17);
  g_assert_cmpint (((QmSpan *) g_ptr_array_index (spans, 0))->end, ==, 44);

  folder = export_folder (store, NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *expected = g_build_filename (source, files[i], NULL);
      g_autofree char *got = g_build_filename (folder, files[i], NULL);

      fmt_assert_files_equal (expected, got);
    }

  /* Importing the same again adds nothing. */
  {
    g_autoptr(QmReport) again = fmt_import (store, "brat", source, "ana", FALSE);

    g_assert_cmpuint (qm_report_count (again, QM_REPORT_SKIPPED), ==, 2);
    g_assert_cmpuint (qm_report_count (again, QM_REPORT_IMPORTED), ==, 0);
  }
}

/* Quotemark → brat → Quotemark: the same spans, relations, attributes,
 * speakers and stances; the text of doc-en comes back in NFC, as every
 * imported text file does, and the offsets follow. */
static void
test_brat_import_of_export (void)
{
  g_autoptr(QmStore) store = fmt_round_trip_corpus ();
  g_autoptr(QmStore) fresh = fmt_new_corpus ();
  g_autofree char *golden = fmt_fixture ("golden-brat");
  g_autoptr(QmReport) report = fmt_import (fresh, "brat", golden, "someone", FALSE);
  static const char *ids[] = { "doc-ar", "doc-en", "doc-mixed" };

  g_assert_cmpuint (qm_report_count (report, QM_REPORT_IMPORTED), ==, 3);
  g_assert_cmpuint (qm_report_count (report, QM_REPORT_REJECTED), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(GPtrArray) expected = fmt_describe (store, ids[i], TRUE, TRUE);
      g_autoptr(GPtrArray) got = fmt_describe (fresh, ids[i], TRUE, FALSE);

      fmt_assert_same_lines (expected, got);
    }

  /* Into the corpus it came from: the texts are found as they are stored,
   * and the annotations, credited to their annotator, are there already. */
  {
    g_autoptr(QmReport) same = fmt_import (store, "brat", golden, "ana", FALSE);
    g_autoptr(GPtrArray) expected = fmt_describe (store, "doc-ar", TRUE, FALSE);

    g_assert_cmpuint (qm_report_count (same, QM_REPORT_REJECTED), ==, 0);
    g_assert_true (fmt_report_has (same, QM_REPORT_SKIPPED, "doc-ar", NULL));
    g_assert_cmpuint (expected->len, ==, 3 + 2 + 1);
  }
}

static void
test_brat_crlf (void)
{
  g_autoptr(QmStore) store = fmt_new_corpus ();
  g_autofree char *source = fmt_fixture ("brat-crlf");
  g_autoptr(QmReport) report = fmt_import (store, "brat", source, "ana", FALSE);
  g_autoptr(GPtrArray) cr = NULL;
  g_autoptr(GPtrArray) lf = NULL;
  g_autoptr(QmDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (qm_report_count (report, QM_REPORT_IMPORTED), ==, 2);
  g_assert_cmpuint (qm_report_count (report, QM_REPORT_REJECTED), ==, 0);

  /* The text is stored with LF line ends... */
  document = qm_store_get_document (store, "counts-cr", &error);
  g_assert_no_error (error);
  g_assert_null (strchr (qm_document_get_text (document), '\r'));

  /* ...and offsets counting the CR land on the same words, */
  cr = fmt_describe (store, "counts-cr", FALSE, FALSE);
  g_assert_cmpuint (cr->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (cr, 1), ==, "span Cue 22-26 “said”");
  g_assert_cmpstr (g_ptr_array_index (cr, 2), ==, "span Quote 27-42 ““We are ready.””");
  g_assert_cmpstr (g_ptr_array_index (cr, 3), ==, "span Speaker 12-21 “The mayor”");

  /* as do offsets that count CR LF as one character, as brat itself does. */
  lf = fmt_describe (store, "counts-lf", FALSE, FALSE);
  g_assert_cmpuint (lf->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (lf, 0), ==, "span Quote 32-42 ““Not yet.””");
  g_assert_cmpstr (g_ptr_array_index (lf, 1), ==, "span Speaker 14-26 “The governor”");
  g_assert_true (fmt_report_has (report, QM_REPORT_WARNING, "counts-lf.ann", "as brat itself does", NULL));
}

/* A corpus made with another schema, in the shape of brat's NCBI-disease
 * sample: labels and attributes come in only with add_labels. */
static void
test_brat_foreign_corpus (void)
{
  g_autoptr(QmStore) store = fmt_new_corpus ();
  g_autofree char *source = fmt_fixture ("brat-ncbi");
  g_autoptr(QmReport) refused = fmt_import (store, "brat", source, "ana", FALSE);
  g_autoptr(QmReport) added = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) error = NULL;
  QmSchema *schema;
  const QmAttributeDef *category;

  g_assert_cmpuint (qm_report_count (refused, QM_REPORT_REJECTED), ==, 1);
  g_assert_true (fmt_report_has (refused, QM_REPORT_REJECTED, "PMID-0000001.ann:1", "“Disease”", "--add-labels", NULL));
  g_assert_cmpuint (qm_store_count_documents (store, &error), ==, 0);
  g_assert_null (qm_schema_find_label (qm_store_get_schema (store), "Disease"));

  added = fmt_import (store, "brat", source, "ana", TRUE);
  g_assert_cmpuint (qm_report_count (added, QM_REPORT_IMPORTED), ==, 1);
  g_assert_cmpuint (qm_report_count (added, QM_REPORT_REJECTED), ==, 0);
  g_assert_true (fmt_report_has (added, QM_REPORT_WARNING, "label “Disease” added", NULL));
  schema = qm_store_get_schema (store);
  g_assert_nonnull (qm_schema_find_label (schema, "Disease"));
  category = qm_label_def_find_attribute (qm_schema_find_label (schema, "Disease"), "Category");
  g_assert_nonnull (category);
  g_assert_true (g_strv_contains ((const char * const *) category->values, "CompositeMention"));

  lines = fmt_describe (store, "PMID-0000001", TRUE, FALSE);
  g_assert_cmpuint (lines->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (lines, 0), ==, "span Disease 0-29 “Hereditary spastic paraplegia” Category=SpecificDisease");
  g_assert_cmpstr (g_ptr_array_index (lines, 1), ==, "span Disease 53-56 “HSP” Category=Modifier");
  g_assert_cmpstr (g_ptr_array_index (lines, 2), ==, "span Disease 66-91 “breast or ovarian cancers” Category=CompositeMention");
}

static QmReport *
import_one (QmStore    *store,
            const char *dir,
            const char *txt,
            const char *ann)
{
  g_autofree char *txt_path = txt != NULL ? qm_test_write_file (dir, "doc.txt", txt, -1) : NULL;
  g_autofree char *ann_path = qm_test_write_file (dir, "doc.ann", ann, -1);

  return fmt_import (store, "brat", dir, "ana", FALSE);
}

static void
test_brat_bad_input (void)
{
  static const struct
  {
    const char *ann;
    const char *needles[3];
  } cases[] = {
    { "T1\tQuote 0 4\tThe \nT2\tQuote 10 99\tno\n", { "doc.ann:2", "T2", "past the end" } },
    { "T1\tQuote 0 3\tThe\nT2\tQuote 4 9\twrong\n", { "doc.ann:2", "“wrong”", "“quote”" } },
    { "T1\tQuote 0 3\tThe\nT2\tTopic 4 9\tquote\n", { "doc.ann:2", "“Topic”", "--add-labels" } },
    { "T1\tQuote 0 3\tThe\nR1\tsupports Arg1:T1 Arg2:T1\n", { "doc.ann:2", "“supports”", "relation type" } },
    { "T1\tQuote 0 3\tThe\nA1\ttype T1 sarcastic\n", { "doc.ann:2", "“sarcastic”", "type" } },
    { "T1\tQuote 0 3\tThe\nthis is no annotation\n", { "doc.ann:2", "not a brat annotation line", NULL } },
    { "T1\tQuote zero 3\tThe\n", { "doc.ann:1", "“zero 3”", NULL } },
    { "T1\tQuote 0 3\tThe\nT2\tQuote \tquote\n", { "doc.ann:2", "T2", "TYPE START END" } },
    { "T1\tQuote 0 3\tThe\nR1\tattributed_to Arg1:T1 Arg2:T7\n", { "doc.ann:2", "T7", NULL } },
    { "T1\tQuote 0 3\tThe\nT1\tQuote 4 9\tquote\n", { "doc.ann:2", "T1", "twice" } },
    { "T1\tQuote 0 3\tThe\nX1\tQuote 4 9\tquote\n", { "doc.ann:2", "“X1”", NULL } },
  };
  const char *text = "The quote was long.\n";

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(QmStore) store = fmt_new_corpus ();
      g_autofree char *dir = qm_test_make_tmpdir ();
      g_autoptr(QmReport) report = import_one (store, dir, text, cases[i].ann);
      g_autoptr(GError) error = NULL;

      g_test_message ("case %u", i);
      g_assert_cmpuint (qm_report_count (report, QM_REPORT_REJECTED), ==, 1);
      g_assert_true (fmt_report_has (report, QM_REPORT_REJECTED,
                                     cases[i].needles[0], cases[i].needles[1], cases[i].needles[2], NULL));
      /* Nothing of a rejected document stays, nor a label added for it. */
      g_assert_cmpuint (qm_store_count_documents (store, &error), ==, 0);
    }

  /* An .ann without its .txt. */
  {
    g_autoptr(QmStore) store = fmt_new_corpus ();
    g_autofree char *dir = qm_test_make_tmpdir ();
    g_autoptr(QmReport) report = import_one (store, dir, NULL, "T1\tQuote 0 3\tThe\n");

    g_assert_true (fmt_report_has (report, QM_REPORT_REJECTED, "doc.ann", "doc.txt", NULL));
  }
}

static void
test_brat_discontinuous (void)
{
  g_autoptr(QmStore) store = fmt_new_corpus ();
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *txt = qm_test_write_file (dir, "d.txt", "New and old York said “fine”.\n", -1);
  g_autofree char *ann = qm_test_write_file (dir, "d.ann",
                                             "T1\tSpeaker 0 3;12 16\tNew York\n"
                                             "T2\tQuote 22 28\t“fine”\n"
                                             "R1\tattributed_to Arg1:T2 Arg2:T1\n"
                                             "#1\tAnnotatorNotes T1\tentity: New York\n"
                                             "#2\tAnnotatorNotes T2\ta remark of the annotator\n"
                                             "E1\tQuote:T2\n", -1);
  g_autoptr(QmReport) report = fmt_import (store, "brat", dir, "ana", FALSE);
  g_autoptr(GPtrArray) lines = fmt_describe (store, "d", TRUE, FALSE);

  /* Fragments with words between them stay apart, each with what the
   * annotation had; what has no place in Quotemark is reported. */
  g_assert_cmpuint (qm_report_count (report, QM_REPORT_IMPORTED), ==, 1);
  g_assert_true (fmt_report_has (report, QM_REPORT_WARNING, "d.ann:1", "T1", "2 separate spans", NULL));
  g_assert_true (fmt_report_has (report, QM_REPORT_WARNING, "d.ann:5", "1 note", NULL));
  g_assert_true (fmt_report_has (report, QM_REPORT_WARNING, "d.ann:6", "events", NULL));
  g_assert_cmpuint (lines->len, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (lines, 0), ==, "relation attributed_to [Quote 22-28 ““fine””] -> [Speaker 0-3 “New”]");
  g_assert_cmpstr (g_ptr_array_index (lines, 1), ==, "relation attributed_to [Quote 22-28 ““fine””] -> [Speaker 12-16 “York”]");
  g_assert_cmpstr (g_ptr_array_index (lines, 3), ==, "span Speaker 0-3 “New” speaker=New York");
  g_assert_cmpstr (g_ptr_array_index (lines, 4), ==, "span Speaker 12-16 “York” speaker=New York");
}

void
fmt_add_brat_tests (void)
{
  g_test_add_func ("/formats/brat/golden", test_brat_golden);
  g_test_add_func ("/formats/brat/annotator-filter", test_brat_annotator_filter);
  g_test_add_func ("/formats/brat/destination", test_brat_destination);
  g_test_add_func ("/formats/brat/round-trip", test_brat_round_trip);
  g_test_add_func ("/formats/brat/import-of-export", test_brat_import_of_export);
  g_test_add_func ("/formats/brat/crlf", test_brat_crlf);
  g_test_add_func ("/formats/brat/foreign-corpus", test_brat_foreign_corpus);
  g_test_add_func ("/formats/brat/bad-input", test_brat_bad_input);
  g_test_add_func ("/formats/brat/discontinuous", test_brat_discontinuous);
}
