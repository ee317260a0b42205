/* qm-cli.c: the subcommands of the quotemark binary: import, export, list,
 * rename, stats, check, schema, demo. Messages go to stderr, data to stdout. */
#include "config.h"

#include <stdio.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <gio/gunixoutputstream.h>
#include <json-glib/json-glib.h>

#include "qm-cli.h"
#include "qm-demo.h"
#include "qm-error.h"
#include "qm-export.h"
#include "qm-format.h"
#include "qm-import.h"
#include "qm-jsonl.h"
#include "qm-store.h"

typedef int (*CommandFunc) (int argc, char **argv);

typedef struct
{
  const char  *name;
  CommandFunc  run;
  const char  *args;     /* parameter string for --help */
  const char  *summary;
} Command;

static int run_import (int argc, char **argv);
static int run_export (int argc, char **argv);
static int run_list   (int argc, char **argv);
static int run_rename (int argc, char **argv);
static int run_stats  (int argc, char **argv);
static int run_check  (int argc, char **argv);
static int run_schema (int argc, char **argv);
static int run_demo   (int argc, char **argv);
static int run_help   (int argc, char **argv);

static const Command commands[] = {
  { "import", run_import, N_("CORPUS PATH…"), N_("Import text files, folders or JSONL into a corpus (created when missing)") },
  { "export", run_export, N_("CORPUS"), N_("Export the annotations of a corpus") },
  { "list",   run_list,   N_("CORPUS"), N_("List the documents of a corpus") },
  { "rename", run_rename, N_("CORPUS DOCUMENT-ID TITLE"), N_("Give a document a new title") },
  { "stats",  run_stats,  N_("CORPUS"), N_("Count documents and annotations") },
  { "check",  run_check,  N_("CORPUS"), N_("Check a corpus for damage") },
  { "schema", run_schema, N_("CORPUS"), N_("Show the label schema of a corpus, or load another") },
  { "demo",   run_demo,   N_("CORPUS"), N_("Create the demo corpus from the sample articles") },
  { "help",   run_help,   "",           N_("Show the subcommands") },
};

gboolean
qm_cli_is_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (name, commands[i].name) == 0)
      return TRUE;
  return FALSE;
}

static void
print_error (const char *format,
             ...) G_GNUC_PRINTF (1, 2);

static void
print_error (const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("quotemark: %s\n", message);
}

/* Parses the options of a subcommand; on error prints it with a hint. */
static gboolean
parse_options (const Command  *command,
               GOptionEntry   *entries,
               int            *argc,
               char         ***argv)
{
  g_autofree char *prgname = g_strdup_printf ("quotemark %s", command->name);
  g_autoptr(GOptionContext) context = g_option_context_new (_(command->args));
  g_autoptr(GError) error = NULL;

  /* The usage line then reads "quotemark export [OPTION…] CORPUS". */
  g_set_prgname (prgname);

  g_option_context_set_summary (context, _(command->summary));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      print_error ("%s", error->message);
      g_printerr (_("Try “quotemark %s --help”.\n"), command->name);
      return FALSE;
    }
  return TRUE;
}

static const Command *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (name, commands[i].name) == 0)
      return &commands[i];
  return NULL;
}

static gboolean
expect_args (const Command *command,
             int            argc,
             int            min,
             int            max)
{
  /* argv[0] is the subcommand itself. */
  if (argc - 1 < min || (max >= 0 && argc - 1 > max))
    {
      print_error (_("“%s” expects %s"), command->name, _(command->args));
      g_printerr (_("Try “quotemark %s --help”.\n"), command->name);
      return FALSE;
    }
  return TRUE;
}

static QmStore *
open_corpus (const char       *path,
             QmStoreOpenFlags  flags)
{
  g_autoptr(GError) error = NULL;
  QmStore *store = qm_store_open (path, flags, &error);

  if (store == NULL)
    print_error ("%s", error->message);
  return store;
}

/* ---------------------------------------------------------------- import */

typedef struct
{
  gboolean tty;
  gint64   last;
} Progress;

static void
show_progress (guint    done,
               guint    total,
               gpointer user_data)
{
  Progress *progress = user_data;
  gint64 now = g_get_monotonic_time ();

  /* A few updates a second are enough for a person to watch. */
  if (done < total && now - progress->last < G_USEC_PER_SEC / 8)
    return;
  progress->last = now;
  g_printerr ("\r%s", "");
  g_printerr (_("Importing… %u of %u files"), done, total);
  if (done == total)
    g_printerr ("\n");
}

static int
run_import (int    argc,
            char **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *annotator = NULL;
  gboolean add_labels = FALSE;
  gboolean quiet = FALSE;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("auto (by extension), txt, jsonl, brat, doccano or labelstudio"), N_("FORMAT") },
    { "annotator", 'a', 0, G_OPTION_ARG_STRING, &annotator, N_("Credit imported annotations to NAME"), N_("NAME") },
    { "add-labels", 0, 0, G_OPTION_ARG_NONE, &add_labels, N_("Add unknown labels, relation types and attribute values to the schema"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Print only problems"), NULL },
    { NULL }
  };
  const Command *command = find_command ("import");
  g_autoptr(QmStore) store = NULL;
  g_autoptr(QmReport) report = qm_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  Progress progress = { isatty (STDERR_FILENO), 0 };
  QmImportOptions options = { 0 };
  gboolean ok;

  if (!parse_options (command, entries, &argc, &argv) || !expect_args (command, argc, 2, -1))
    return QM_EXIT_USAGE;

  store = open_corpus (argv[1], QM_STORE_OPEN_CREATE);
  if (store == NULL)
    return QM_EXIT_FAILED;

  options.format = format != NULL ? format : "auto";
  options.annotator = annotator;
  options.add_labels = add_labels;
  if (progress.tty && !quiet)
    {
      options.progress = show_progress;
      options.progress_data = &progress;
    }

  ok = qm_import_paths (store, (const char * const *) &argv[2], &options, report, NULL, &error);

  for (guint i = 0; i < qm_report_get_n_entries (report); i++)
    {
      const QmReportEntry *entry = qm_report_get_entry (report, i);

      if (entry->kind == QM_REPORT_REJECTED || entry->kind == QM_REPORT_WARNING)
        g_printerr ("%s\n", entry->message);
      else if (!quiet)
        g_printerr ("%s\n", entry->message);
    }

  summary = qm_report_summary (report);
  if (!quiet)
    g_printerr ("%s\n", summary);

  if (!ok)
    {
      print_error ("%s", error->message);
      return QM_EXIT_FAILED;
    }
  return qm_report_count (report, QM_REPORT_REJECTED) > 0 ? QM_EXIT_FAILED : QM_EXIT_OK;
}

/* ---------------------------------------------------------------- export */

static void
print_warnings (QmReport *report)
{
  for (guint i = 0; i < qm_report_get_n_entries (report); i++)
    {
      const QmReportEntry *entry = qm_report_get_entry (report, i);

      if (entry->kind == QM_REPORT_WARNING || entry->kind == QM_REPORT_REJECTED)
        g_printerr ("%s\n", entry->message);
    }
}

static int
run_export (int    argc,
            char **argv)
{
  g_autofree char *format_name = NULL;
  g_autofree char *output = NULL;
  g_autofree char *annotator = NULL;
  g_autofree char *status = NULL;
  g_autofree char *labels = NULL;
  g_autofree char *nested = NULL;
  g_autofree char *names = qm_format_list_names (FALSE);
  g_autofree char *format_help = g_strdup_printf (_("The format: %s"), names);
  gboolean excel = FALSE;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name, format_help, N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE, or the folder for brat (standard output without it)"), N_("PATH") },
    { "annotator", 'a', 0, G_OPTION_ARG_STRING, &annotator, N_("Only the annotations of NAME"), N_("NAME") },
    { "status", 's', 0, G_OPTION_ARG_STRING, &status, N_("“done”: only documents marked done"), N_("STATUS") },
    { "excel", 0, 0, G_OPTION_ARG_NONE, &excel, N_("csv: start with a byte order mark, for spreadsheet programs"), NULL },
    { "labels", 'l', 0, G_OPTION_ARG_STRING, &labels, N_("conll: tag only these labels (comma-separated; default all)"), N_("LABEL,…") },
    { "nested", 0, 0, G_OPTION_ARG_STRING, &nested, N_("conll: of nested spans tag the “outer” (default) or the “inner”"), N_("WHICH") },
    { NULL }
  };
  const Command *command = find_command ("export");
  const QmFormat *format;
  g_autoptr(QmStore) store = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(QmReport) report = qm_report_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) label_list = NULL;
  QmExportOptions options = { 0 };
  gboolean ok;

  if (!parse_options (command, entries, &argc, &argv) || !expect_args (command, argc, 1, 1))
    return QM_EXIT_USAGE;
  if (format_name == NULL)
    {
      print_error (_("Say which format to export with --format (%s)"), names);
      return QM_EXIT_USAGE;
    }
  format = qm_format_find (format_name);
  if (format == NULL)
    {
      print_error (_("Unknown export format “%s” (known: %s)"), format_name, names);
      return QM_EXIT_USAGE;
    }
  if (qm_format_is_folder (format) && output == NULL)
    {
      print_error (_("The %s format writes a folder: give it with --output"), format->name);
      return QM_EXIT_USAGE;
    }
  if (status != NULL && g_strcmp0 (status, "done") != 0)
    {
      print_error (_("--status takes only “done”"));
      return QM_EXIT_USAGE;
    }
  if (nested != NULL && g_strcmp0 (nested, "outer") != 0 && g_strcmp0 (nested, "inner") != 0)
    {
      print_error (_("--nested takes “outer” or “inner”"));
      return QM_EXIT_USAGE;
    }

  store = open_corpus (argv[1], QM_STORE_OPEN_DEFAULT);
  if (store == NULL)
    return QM_EXIT_FAILED;

  options.annotator = annotator;
  options.done_only = status != NULL;
  options.excel = excel;
  options.nested_inner = g_strcmp0 (nested, "inner") == 0;
  if (labels != NULL)
    {
      label_list = g_strsplit (labels, ",", -1);
      for (guint i = 0; label_list[i] != NULL; i++)
        {
          g_strstrip (label_list[i]);
          if (qm_schema_find_label (qm_store_get_schema (store), label_list[i]) == NULL)
            {
              print_error (_("%s has no label “%s”"), argv[1], label_list[i]);
              return QM_EXIT_USAGE;
            }
        }
      options.labels = (const char * const *) label_list;
    }

  if (output != NULL)
    ok = qm_format_export_to_path (format, store, &options, output, report, NULL, &error);
  else
    {
      out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
      ok = qm_format_export_to_stream (format, store, &options, out, report, NULL, &error)
        && g_output_stream_close (out, NULL, &error);
    }
  print_warnings (report);
  if (!ok)
    {
      print_error ("%s", error->message);
      return QM_EXIT_FAILED;
    }
  return QM_EXIT_OK;
}

/* ------------------------------------------------------------ list, stats */

static void
print_json (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *data = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  data = json_generator_to_data (generator, NULL);
  g_print ("%s\n", data);
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static int
run_list (int    argc,
          char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("A JSON array, one object per document"), NULL },
    { NULL }
  };
  const Command *command = find_command ("list");
  g_autoptr(QmStore) store = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GError) error = NULL;

  if (!parse_options (command, entries, &argc, &argv) || !expect_args (command, argc, 1, 1))
    return QM_EXIT_USAGE;

  store = open_corpus (argv[1], QM_STORE_OPEN_DEFAULT);
  if (store == NULL)
    return QM_EXIT_FAILED;

  documents = qm_store_list_documents (store, NULL, 0, 0, &error);
  if (documents == NULL)
    {
      print_error ("%s", error->message);
      return QM_EXIT_FAILED;
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < documents->len; i++)
        {
          QmDocument *document = g_ptr_array_index (documents, i);

          json_builder_begin_object (builder);
          add_string_member (builder, "id", qm_document_get_id (document));
          add_string_member (builder, "title", qm_document_get_title (document));
          add_string_member (builder, "language", qm_document_get_language (document));
          add_string_member (builder, "source", qm_document_get_source (document));
          add_string_member (builder, "url", qm_document_get_url (document));
          add_string_member (builder, "date", qm_document_get_date (document));
          add_string_member (builder, "sha256", qm_document_get_sha256 (document));
          json_builder_set_member_name (builder, "length");
          json_builder_add_int_value (builder, qm_document_get_n_chars (document));
          json_builder_set_member_name (builder, "quotes");
          json_builder_add_int_value (builder, qm_document_get_n_quotes (document));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      print_json (root);
      return QM_EXIT_OK;
    }

  for (guint i = 0; i < documents->len; i++)
    {
      QmDocument *document = g_ptr_array_index (documents, i);

      g_print ("%s\t%s\t%ld\t%u\t%s\n",
               qm_document_get_id (document),
               qm_document_get_language (document) ? qm_document_get_language (document) : "und",
               qm_document_get_n_chars (document),
               qm_document_get_n_quotes (document),
               qm_document_get_title (document) ? qm_document_get_title (document) : "");
    }
  return QM_EXIT_OK;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

static int
run_stats (int    argc,
           char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("One JSON object"), NULL },
    { NULL }
  };
  const Command *command = find_command ("stats");
  g_autoptr(QmStore) store = NULL;
  g_autoptr(GHashTable) labels = NULL;
  g_autoptr(GPtrArray) entities = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GPtrArray) label_names = g_ptr_array_new ();
  g_auto(GStrv) annotators = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key;
  guint n_documents;

  if (!parse_options (command, entries, &argc, &argv) || !expect_args (command, argc, 1, 1))
    return QM_EXIT_USAGE;

  store = open_corpus (argv[1], QM_STORE_OPEN_DEFAULT);
  if (store == NULL)
    return QM_EXIT_FAILED;

  n_documents = qm_store_count_documents (store, &error);
  if (error == NULL)
    labels = qm_store_count_labels (store, &error);
  if (error == NULL)
    entities = qm_store_list_entities (store, &error);
  if (error == NULL)
    targets = qm_store_list_targets (store, &error);
  if (error == NULL)
    annotators = qm_store_list_annotators (store, &error);
  if (error != NULL)
    {
      print_error ("%s", error->message);
      return QM_EXIT_FAILED;
    }

  g_hash_table_iter_init (&iter, labels);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (label_names, key);
  g_ptr_array_sort (label_names, compare_strings);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "documents");
      json_builder_add_int_value (builder, n_documents);
      json_builder_set_member_name (builder, "labels");
      json_builder_begin_object (builder);
      for (guint i = 0; i < label_names->len; i++)
        {
          const char *name = g_ptr_array_index (label_names, i);

          json_builder_set_member_name (builder, name);
          json_builder_add_int_value (builder, GPOINTER_TO_INT (g_hash_table_lookup (labels, name)));
        }
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "entities");
      json_builder_add_int_value (builder, entities->len);
      json_builder_set_member_name (builder, "targets");
      json_builder_add_int_value (builder, targets->len);
      json_builder_set_member_name (builder, "annotators");
      json_builder_begin_array (builder);
      for (guint i = 0; annotators[i] != NULL; i++)
        json_builder_add_string_value (builder, annotators[i]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      print_json (root);
      return QM_EXIT_OK;
    }

  g_print (_("Documents: %u\n"), n_documents);
  for (guint i = 0; i < label_names->len; i++)
    {
      const char *name = g_ptr_array_index (label_names, i);

      g_print ("%s: %d\n", name, GPOINTER_TO_INT (g_hash_table_lookup (labels, name)));
    }
  g_print (_("Speaker entities: %u\n"), entities->len);
  g_print (_("Stance targets: %u\n"), targets->len);
  if (annotators[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", annotators);

      g_print (_("Annotators: %s\n"), joined);
    }
  return QM_EXIT_OK;
}

/* ---------------------------------------------------------------- rename */

static int
run_rename (int    argc,
            char **argv)
{
  g_auto(GStrv) args = NULL;
  /* The arguments as GOption gives them: in UTF-8 whatever the locale, and
   * after "--" a title may start with "-". */
  GOptionEntry entries[] = {
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &args, NULL, NULL },
    { NULL }
  };
  const Command *command = find_command ("rename");
  g_autoptr(QmStore) store = NULL;
  g_autoptr(QmDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  if (!parse_options (command, entries, &argc, &argv) ||
      !expect_args (command, 1 + (args != NULL ? g_strv_length (args) : 0), 3, 3))
    return QM_EXIT_USAGE;

  store = open_corpus (args[0], QM_STORE_OPEN_DEFAULT);
  if (store == NULL)
    return QM_EXIT_FAILED;

  /* The store's messages name the corpus and the document. */
  if (!qm_store_set_document_title (store, args[1], args[2], &error))
    {
      print_error ("%s", error->message);
      return QM_EXIT_FAILED;
    }

  /* The title as stored, white space collapsed, which may not be quite
   * what was typed. */
  document = qm_store_get_document (store, args[1], &error);
  if (document == NULL)
    {
      print_error ("%s", error->message);
      return QM_EXIT_FAILED;
    }
  g_print (_("%s: document %s is now titled “%s”\n"),
           args[0], args[1], qm_document_get_title (document));
  return QM_EXIT_OK;
}

/* ------------------------------------------------------ check, schema, demo */

static int
run_check (int    argc,
           char **argv)
{
  const Command *command = find_command ("check");
  g_autoptr(QmStore) store = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  if (!parse_options (command, NULL, &argc, &argv) || !expect_args (command, argc, 1, 1))
    return QM_EXIT_USAGE;

  store = open_corpus (argv[1], QM_STORE_OPEN_DEFAULT);
  if (store == NULL)
    return QM_EXIT_FAILED;

  if (!qm_store_check (store, &problems, &error))
    {
      if (error != NULL)
        {
          print_error ("%s", error->message);
          return QM_EXIT_FAILED;
        }
      for (guint i = 0; problems != NULL && i < problems->len; i++)
        g_printerr ("%s: %s\n", argv[1], (const char *) g_ptr_array_index (problems, i));
      return QM_EXIT_FAILED;
    }
  g_print (_("%s: no problems found\n"), argv[1]);
  return QM_EXIT_OK;
}

static int
run_schema (int    argc,
            char **argv)
{
  g_autofree char *load = NULL;
  GOptionEntry entries[] = {
    { "load", 'l', 0, G_OPTION_ARG_FILENAME, &load, N_("Replace the schema by the one in FILE (docs/schema.md)"), N_("FILE") },
    { NULL }
  };
  const Command *command = find_command ("schema");
  g_autoptr(QmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  if (!parse_options (command, entries, &argc, &argv) || !expect_args (command, argc, 1, 1))
    return QM_EXIT_USAGE;

  store = open_corpus (argv[1], QM_STORE_OPEN_DEFAULT);
  if (store == NULL)
    return QM_EXIT_FAILED;

  if (load != NULL)
    {
      g_autoptr(QmSchema) schema = qm_schema_new_from_file (load, &error);
      g_autoptr(GHashTable) in_use = NULL;
      GHashTableIter iter;
      gpointer label;

      if (schema == NULL)
        {
          print_error ("%s", error->message);
          return QM_EXIT_FAILED;
        }
      /* A schema that drops a label still in use would orphan annotations. */
      in_use = qm_store_count_labels (store, &error);
      if (in_use == NULL)
        {
          print_error ("%s", error->message);
          return QM_EXIT_FAILED;
        }
      g_hash_table_iter_init (&iter, in_use);
      while (g_hash_table_iter_next (&iter, &label, NULL))
        if (qm_schema_find_label (schema, label) == NULL)
          {
            print_error (_("%s does not define the label “%s”, which annotations in %s use"),
                         load, (const char *) label, argv[1]);
            return QM_EXIT_FAILED;
          }
      if (!qm_store_set_schema (store, schema, &error))
        {
          print_error ("%s", error->message);
          return QM_EXIT_FAILED;
        }
    }

  json = qm_schema_to_json (qm_store_get_schema (store));
  g_print ("%s\n", json);
  return QM_EXIT_OK;
}

static int
run_demo (int    argc,
          char **argv)
{
  const Command *command = find_command ("demo");
  g_autoptr(GError) error = NULL;

  if (!parse_options (command, NULL, &argc, &argv) || !expect_args (command, argc, 1, 1))
    return QM_EXIT_USAGE;

  if (!qm_demo_create (argv[1], &error))
    {
      print_error ("%s", error->message);
      return QM_EXIT_FAILED;
    }
  return QM_EXIT_OK;
}

static int
run_help (int    argc,
          char **argv)
{
  glong width = 0;

  g_print (_("Usage: quotemark [--annotator NAME] [CORPUS]   open the annotation window\n"
             "       quotemark COMMAND [OPTION…]\n\n"
             "Commands:\n"));
  /* Padded by characters, not bytes: translations need not be ASCII. */
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    width = MAX (width, g_utf8_strlen (_(commands[i].args), -1));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      const char *args = _(commands[i].args);

      g_print ("  %-8s %s%*s %s\n", commands[i].name, args,
               (int) (width - g_utf8_strlen (args, -1)), "", _(commands[i].summary));
    }
  g_print (_("\n“quotemark COMMAND --help” tells more about each.\n"));
  return QM_EXIT_OK;
}

int
qm_cli_run (int    argc,
            char **argv)
{
  const Command *command;

  g_return_val_if_fail (argc >= 2, QM_EXIT_USAGE);

  command = find_command (argv[1]);
  if (command == NULL)
    {
      print_error (_("Unknown command “%s”"), argv[1]);
      return QM_EXIT_USAGE;
    }
  /* The subcommand becomes argv[0] of its own option parsing. */
  return command->run (argc - 1, argv + 1);
}
