/* test-cli.c: the quotemark command line, run as a user runs it: exit
 * statuses, messages on stderr, data on stdout, files left alone. */
#include "config.h"

#include <string.h>
#include <sys/wait.h>
#include <json-glib/json-glib.h>

#include "qm-test-util.h"

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_quotemark (Run        *run,
               const char *first,
               ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *bin = g_getenv ("QUOTEMARK_BIN");
  const char *arg;
  va_list args;
  int wait_status = 0;

  g_assert_nonnull (bin);
  g_ptr_array_add (argv, (char *) bin);
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

static char *
make_articles (const char *dir)
{
  g_autofree char *articles = g_build_filename (dir, "articles", NULL);

  g_assert_cmpint (g_mkdir_with_parents (articles, 0700), ==, 0);
  g_free (qm_test_write_file (articles, "en.txt", "Talks\nThe minister said the talks went well.\n", -1));
  g_free (qm_test_write_file (articles, "ar.txt", "محادثات\nقال الوزير إن المحادثات كانت جيدة.\n", -1));
  return g_steal_pointer (&articles);
}

static void
test_cli_import_export (void)
{
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *articles = make_articles (dir);
  g_autofree char *corpus = g_build_filename (dir, "c.quotemark", NULL);
  g_autofree char *output = g_build_filename (dir, "out.jsonl", NULL);
  g_autofree char *written = NULL;
  g_auto(Run) import = { 0 };
  g_auto(Run) to_stdout = { 0 };
  g_auto(Run) to_file = { 0 };

  run_quotemark (&import, "import", corpus, articles, "--annotator", "ana", NULL);
  g_assert_cmpint (import.status, ==, 0);
  g_assert_nonnull (strstr (import.err, "2 imported"));
  g_assert_true (g_file_test (corpus, G_FILE_TEST_IS_REGULAR));

  run_quotemark (&to_stdout, "export", corpus, "--format", "jsonl", NULL);
  g_assert_cmpint (to_stdout.status, ==, 0);
  g_assert_nonnull (strstr (to_stdout.out, "محادثات"));

  run_quotemark (&to_file, "export", corpus, "--format", "jsonl", "--output", output, NULL);
  g_assert_cmpint (to_file.status, ==, 0);
  written = qm_test_read_file (output, NULL);
  /* The file holds what standard output held. */
  g_assert_cmpstr (written, ==, to_stdout.out);
}

static void
test_cli_import_failures (void)
{
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *corpus = g_build_filename (dir, "c.quotemark", NULL);
  g_autofree char *good = qm_test_write_file (dir, "good.txt", "Fine\ntext here\n", -1);
  g_autofree char *bad = qm_test_write_file (dir, "bad.txt", "ab\xFF" "cd\n", -1);
  g_auto(Run) run = { 0 };
  g_auto(Run) list = { 0 };

  run_quotemark (&run, "import", corpus, good, bad, NULL);
  /* Something was rejected: non-zero, and the message names file and byte. */
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "bad.txt"));
  g_assert_nonnull (strstr (run.err, "byte 2"));

  run_quotemark (&list, "list", corpus, NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_nonnull (strstr (list.out, "Fine"));
}

static void
test_cli_list_json (void)
{
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *articles = make_articles (dir);
  g_autofree char *corpus = g_build_filename (dir, "c.quotemark", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Run) import = { 0 };
  g_auto(Run) list = { 0 };
  g_auto(Run) stats = { 0 };
  JsonArray *documents;

  run_quotemark (&import, "import", corpus, articles, NULL);
  g_assert_cmpint (import.status, ==, 0);
  run_quotemark (&list, "list", corpus, "--json", NULL);
  g_assert_cmpint (list.status, ==, 0);
  json_parser_load_from_data (parser, list.out, -1, &error);
  g_assert_no_error (error);
  documents = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (documents), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *document = json_array_get_object_element (documents, i);

      g_assert_true (json_object_has_member (document, "id"));
      g_assert_cmpint (json_object_get_int_member (document, "length"), >, 0);
    }

  run_quotemark (&stats, "stats", corpus, "--json", NULL);
  g_assert_cmpint (stats.status, ==, 0);
  g_assert_nonnull (strstr (stats.out, "\"documents\" : 2"));
}

static void
test_cli_check_and_foreign_files (void)
{
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *articles = make_articles (dir);
  g_autofree char *corpus = g_build_filename (dir, "c.quotemark", NULL);
  g_autofree char *notes = qm_test_write_file (dir, "notes.txt", "my notes, not a corpus\n", -1);
  g_autofree char *wal = g_strconcat (notes, "-wal", NULL);
  g_autofree char *after = NULL;
  g_auto(Run) import = { 0 };
  g_auto(Run) check = { 0 };
  g_auto(Run) foreign = { 0 };
  g_auto(Run) overwrite = { 0 };
  g_auto(Run) export_over_corpus = { 0 };

  run_quotemark (&import, "import", corpus, articles, NULL);
  run_quotemark (&check, "check", corpus, NULL);
  g_assert_cmpint (check.status, ==, 0);

  run_quotemark (&foreign, "check", notes, NULL);
  g_assert_cmpint (foreign.status, ==, 1);
  g_assert_nonnull (strstr (foreign.err, "notes.txt"));

  /* Importing into a file that is not ours never writes to it. */
  run_quotemark (&overwrite, "import", notes, articles, NULL);
  g_assert_cmpint (overwrite.status, ==, 1);
  after = qm_test_read_file (notes, NULL);
  g_assert_cmpstr (after, ==, "my notes, not a corpus\n");
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* Nor does an export overwrite a corpus. */
  run_quotemark (&export_over_corpus, "export", corpus, "--format", "jsonl", "--output", corpus, NULL);
  g_assert_cmpint (export_over_corpus.status, ==, 1);
  g_assert_nonnull (strstr (export_over_corpus.err, "will not overwrite"));
}

static void
test_cli_usage_errors (void)
{
  g_auto(Run) no_format = { 0 };
  g_auto(Run) bad_format = { 0 };
  g_auto(Run) no_corpus = { 0 };
  g_auto(Run) bad_option = { 0 };
  g_auto(Run) help = { 0 };
  g_auto(Run) import_help = { 0 };
  g_auto(Run) missing = { 0 };

  run_quotemark (&no_format, "export", "x.quotemark", NULL);
  g_assert_cmpint (no_format.status, ==, 2);
  g_assert_nonnull (strstr (no_format.err, "--format"));

  run_quotemark (&bad_format, "export", "x.quotemark", "--format", "xml", NULL);
  g_assert_cmpint (bad_format.status, ==, 2);
  g_assert_nonnull (strstr (bad_format.err, "xml"));

  run_quotemark (&no_corpus, "list", NULL);
  g_assert_cmpint (no_corpus.status, ==, 2);

  run_quotemark (&bad_option, "list", "x.quotemark", "--frobnicate", NULL);
  g_assert_cmpint (bad_option.status, ==, 2);

  run_quotemark (&help, "help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "import"));

  run_quotemark (&import_help, "import", "--help", NULL);
  g_assert_cmpint (import_help.status, ==, 0);
  g_assert_nonnull (strstr (import_help.out, "--annotator"));

  /* A corpus that does not exist is not created by reading commands. */
  run_quotemark (&missing, "list", "/nonexistent/folder/x.quotemark", NULL);
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_nonnull (strstr (missing.err, "x.quotemark"));
}

static void
test_cli_rename (void)
{
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *corpus = g_build_filename (dir, "c.quotemark", NULL);
  g_autofree char *missing_corpus = g_build_filename (dir, "missing.quotemark", NULL);
  g_autofree char *article = qm_test_write_file (dir, "en.txt",
                                                 "Get News Fast\nTalks resume\nThe minister said the talks went well.\n", -1);
  g_autofree char *id = NULL;
  g_autofree char *quoted_id = NULL;
  g_auto(Run) import = { 0 };
  g_auto(Run) ids = { 0 };
  g_auto(Run) rename = { 0 };
  g_auto(Run) dashed = { 0 };
  g_auto(Run) list = { 0 };
  g_auto(Run) unknown = { 0 };
  g_auto(Run) empty = { 0 };
  g_auto(Run) too_few = { 0 };
  g_auto(Run) help = { 0 };
  g_auto(Run) missing = { 0 };
  g_auto(Run) check = { 0 };

  run_quotemark (&import, "import", corpus, article, "--quiet", NULL);
  g_assert_cmpint (import.status, ==, 0);
  run_quotemark (&ids, "list", corpus, NULL);
  g_assert_cmpint (ids.status, ==, 0);
  g_assert_nonnull (strchr (ids.out, '\t'));
  id = g_strndup (ids.out, strchr (ids.out, '\t') - ids.out);
  quoted_id = g_strdup_printf ("“%s”", id);

  run_quotemark (&rename, "rename", corpus, id, "  وزير الدفاع   يبحث التعاون ", NULL);
  g_assert_cmpint (rename.status, ==, 0);
  g_assert_nonnull (strstr (rename.out, "“وزير الدفاع يبحث التعاون”"));
  /* After "--", a title may start with a dash. */
  run_quotemark (&dashed, "rename", corpus, id, "--", "-5% in trade with Moscow", NULL);
  g_assert_cmpint (dashed.status, ==, 0);
  run_quotemark (&list, "list", corpus, NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_true (g_str_has_prefix (list.out, id));
  g_assert_true (g_str_has_suffix (list.out, "\t-5% in trade with Moscow\n"));

  /* Errors name the corpus and the document. */
  run_quotemark (&unknown, "rename", corpus, "doc-none", "A title", NULL);
  g_assert_cmpint (unknown.status, ==, 1);
  g_assert_nonnull (strstr (unknown.err, "c.quotemark"));
  g_assert_nonnull (strstr (unknown.err, "“doc-none”"));
  run_quotemark (&empty, "rename", corpus, id, " \t ", NULL);
  g_assert_cmpint (empty.status, ==, 1);
  g_assert_nonnull (strstr (empty.err, "c.quotemark"));
  g_assert_nonnull (strstr (empty.err, quoted_id));
  g_assert_nonnull (strstr (empty.err, "empty"));

  run_quotemark (&too_few, "rename", corpus, id, NULL);
  g_assert_cmpint (too_few.status, ==, 2);
  g_assert_nonnull (strstr (too_few.err, "TITLE"));
  run_quotemark (&help, "help", NULL);
  g_assert_nonnull (strstr (help.out, "rename   CORPUS DOCUMENT-ID TITLE"));

  /* A missing corpus is not created to rename something in it. */
  run_quotemark (&missing, "rename", missing_corpus, id, "A title", NULL);
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_nonnull (strstr (missing.err, "missing.quotemark"));
  g_assert_false (g_file_test (missing_corpus, G_FILE_TEST_EXISTS));

  run_quotemark (&check, "check", corpus, NULL);
  g_assert_cmpint (check.status, ==, 0);
}

static void
test_cli_demo (void)
{
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *corpus = g_build_filename (dir, "sub", "demo.quotemark", NULL);
  g_auto(Run) demo = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) list = { 0 };

  run_quotemark (&demo, "demo", corpus, NULL);
  g_assert_cmpint (demo.status, ==, 0);
  run_quotemark (&again, "demo", corpus, NULL);
  g_assert_cmpint (again.status, ==, 0);
  run_quotemark (&list, "list", corpus, NULL);
  g_assert_cmpint (list.status, ==, 0);
  /* Three sample articles: English, Arabic and mixed. */
  g_assert_nonnull (strstr (list.out, "\ten\t"));
  g_assert_nonnull (strstr (list.out, "\tar\t"));
  g_assert_nonnull (strstr (list.out, "\tmixed\t"));
}

static void
test_cli_formats_export (void)
{
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *corpus = g_build_filename (dir, "c.quotemark", NULL);
  g_autofree char *fixture = qm_test_fixture_path ("round-trip.jsonl");
  g_autofree char *folder = g_build_filename (dir, "brat", NULL);
  g_autofree char *ann = g_build_filename (folder, "doc-en.ann", NULL);
  g_autofree char *again = g_build_filename (dir, "again.quotemark", NULL);
  g_auto(Run) import = { 0 };
  g_auto(Run) csv = { 0 };
  g_auto(Run) conll = { 0 };
  g_auto(Run) no_folder = { 0 };
  g_auto(Run) brat = { 0 };
  g_auto(Run) bad_label = { 0 };
  g_auto(Run) brat_import = { 0 };
  g_auto(Run) list = { 0 };

  run_quotemark (&import, "import", corpus, fixture, NULL);
  g_assert_cmpint (import.status, ==, 0);

  run_quotemark (&csv, "export", corpus, "--format", "csv", "--excel", NULL);
  g_assert_cmpint (csv.status, ==, 0);
  g_assert_true (g_str_has_prefix (csv.out, "\xEF\xBB\xBF" "document_id,title,quote_id,"));
  g_assert_nonnull (strstr (csv.out, "\r\ndoc-en,Talks in Moscow,b5,"));

  run_quotemark (&conll, "export", corpus, "--format", "conll", "--labels", "Speaker", "--annotator", "ben", NULL);
  g_assert_cmpint (conll.status, ==, 0);
  g_assert_nonnull (strstr (conll.out, "He _ _ B-Speaker\n"));
  g_assert_null (strstr (conll.out, "Quote"));
  g_assert_null (strstr (conll.out, "وزيرُ _ _ B-Speaker"));

  /* brat writes a folder: it has to be named. */
  run_quotemark (&no_folder, "export", corpus, "--format", "brat", NULL);
  g_assert_cmpint (no_folder.status, ==, 2);
  g_assert_nonnull (strstr (no_folder.err, "--output"));

  run_quotemark (&bad_label, "export", corpus, "--format", "conll", "--labels", "Topic", NULL);
  g_assert_cmpint (bad_label.status, ==, 2);
  g_assert_nonnull (strstr (bad_label.err, "Topic"));

  run_quotemark (&brat, "export", corpus, "--format", "brat", "--output", folder, NULL);
  g_assert_cmpint (brat.status, ==, 0);
  g_assert_true (g_file_test (ann, G_FILE_TEST_IS_REGULAR));

  /* And back into a new corpus. */
  run_quotemark (&brat_import, "import", again, folder, "--format", "brat", "--annotator", "eve", NULL);
  g_assert_cmpint (brat_import.status, ==, 0);
  g_assert_nonnull (strstr (brat_import.err, "3 imported"));
  run_quotemark (&list, "list", again, NULL);
  g_assert_nonnull (strstr (list.out, "doc-mixed\t"));
}

static void
test_cli_formats_import_errors (void)
{
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *corpus = g_build_filename (dir, "c.quotemark", NULL);
  g_autofree char *tasks = qm_test_write_file (dir, "tasks.json",
    "[{\"data\": {\"text\": \"Hello there.\"},\n"
    "  \"annotations\": [{\"result\": [{\"id\": \"a\", \"type\": \"labels\", \"from_name\": \"label\", \"to_name\": \"text\",\n"
    "     \"value\": {\"start\": 0, \"end\": 5, \"labels\": [\"Greeting\"]}}]}]}]\n", -1);
  g_auto(Run) refused = { 0 };
  g_auto(Run) added = { 0 };
  g_auto(Run) unknown = { 0 };

  run_quotemark (&refused, "import", corpus, tasks, "--format", "labelstudio", "--annotator", "ana", NULL);
  g_assert_cmpint (refused.status, ==, 1);
  g_assert_nonnull (strstr (refused.err, "tasks.json:2"));
  g_assert_nonnull (strstr (refused.err, "Greeting"));

  run_quotemark (&added, "import", corpus, tasks, "--format", "labelstudio", "--annotator", "ana", "--add-labels", NULL);
  g_assert_cmpint (added.status, ==, 0);
  g_assert_nonnull (strstr (added.err, "1 imported"));

  run_quotemark (&unknown, "import", corpus, tasks, "--format", "xml", NULL);
  g_assert_cmpint (unknown.status, ==, 1);
  g_assert_nonnull (strstr (unknown.err, "brat, doccano, labelstudio"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/import-export", test_cli_import_export);
  g_test_add_func ("/cli/import-failures", test_cli_import_failures);
  g_test_add_func ("/cli/list-json", test_cli_list_json);
  g_test_add_func ("/cli/check-and-foreign-files", test_cli_check_and_foreign_files);
  g_test_add_func ("/cli/usage-errors", test_cli_usage_errors);
  g_test_add_func ("/cli/demo", test_cli_demo);
  g_test_add_func ("/cli/rename", test_cli_rename);
  g_test_add_func ("/cli/formats-export", test_cli_formats_export);
  g_test_add_func ("/cli/formats-import-errors", test_cli_formats_import_errors);

  return g_test_run ();
}
