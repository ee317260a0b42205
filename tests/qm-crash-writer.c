/* qm-crash-writer.c: writes to a corpus until it is killed, for
 * test-crash.c, printing each thing it wrote only once the call that wrote
 * it has returned (committed):
 *
 *   qm-crash-writer import CORPUS FOLDER SEED
 *     imports the files of FOLDER, 25 at a time from a random place on,
 *     printing "document SHA256" for each file a batch committed;
 *   qm-crash-writer annotate CORPUS SEED
 *     adds spans, links and stances to random documents, printing
 *     "span ID", "relation ID DOCUMENT" and "stance SPAN TARGET DOCUMENT".
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "qm-import.h"
#include "qm-store.h"
#include "qm-text.h"

#define CHUNK 25

static void G_GNUC_NORETURN
fail (const char   *what,
      const GError *error)
{
  fprintf (stderr, "qm-crash-writer: %s: %s\n", what, error != NULL ? error->message : "failed");
  exit (1);
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

static int
run_import (QmStore    *store,
            const char *folder,
            GRand      *rand)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, &error);
  const char *name;
  guint first;

  if (dir == NULL)
    fail ("reading the folder", error);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (files, g_build_filename (folder, name, NULL));
  g_ptr_array_sort (files, compare_paths);
  if (files->len == 0)
    fail ("reading the folder", NULL);

  /* Each run starts elsewhere, so that later runs still find new files. */
  first = g_rand_int_range (rand, 0, files->len);
  for (guint done = 0; done < files->len; done += CHUNK)
    {
      g_autoptr(QmReport) report = qm_report_new ();
      const char *chunk[CHUNK + 1] = { NULL, };

      for (guint i = 0; i < CHUNK && done + i < files->len; i++)
        chunk[i] = g_ptr_array_index (files, (first + done + i) % files->len);

      if (!qm_import_paths (store, chunk, NULL, report, NULL, &error))
        fail ("importing", error);

      /* qm_import_paths() returned: the batch is committed. */
      for (guint i = 0; i < qm_report_get_n_entries (report); i++)
        {
          const QmReportEntry *entry = qm_report_get_entry (report, i);
          g_autofree char *data = NULL;
          g_autofree char *text = NULL;
          g_autofree char *sha256 = NULL;
          gsize len;

          if (entry->kind != QM_REPORT_IMPORTED)
            continue;
          if (!g_file_get_contents (entry->path, &data, &len, &error))
            fail ("reading a file again", error);
          text = qm_text_normalize (data, len);
          sha256 = qm_text_sha256 (text, -1);
          printf ("document %s\n", sha256);
        }
      fflush (stdout);
    }
  return 0;
}

static QmDocument *
random_document (QmStore *store,
                 GRand   *rand)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  guint n = qm_store_count_documents (store, &error);

  if (error != NULL)
    fail ("counting documents", error);
  if (n == 0)
    {
      g_autoptr(QmDocument) document = qm_document_new ();

      qm_document_set_text (document, "A first article\n\n“We annotate,” the annotator said.\n");
      if (!qm_store_add_document (store, document, &error))
        fail ("adding a document", error);
      printf ("document %s\n", qm_document_get_sha256 (document));
      fflush (stdout);
      n = 1;
    }

  documents = qm_store_list_documents (store, NULL, g_rand_int_range (rand, 0, n), 1, &error);
  if (documents == NULL || documents->len == 0)
    fail ("listing documents", error);
  return g_object_ref (g_ptr_array_index (documents, 0));
}

static QmSpan *
add_span (QmStore    *store,
          QmDocument *document,
          const char *label,
          GRand      *rand)
{
  g_autoptr(GError) error = NULL;
  QmSpan *span = qm_span_new ();
  glong n_chars = qm_document_get_n_chars (document);

  span->document_id = g_strdup (qm_document_get_id (document));
  span->label = g_strdup (label);
  span->start = g_rand_int_range (rand, 0, n_chars - 1);
  span->end = g_rand_int_range (rand, span->start + 1, n_chars + 1);
  span->annotator = g_strdup ("writer");
  if (!qm_store_add_span (store, span, &error))
    fail ("adding a span", error);
  printf ("span %s\n", span->id);
  fflush (stdout);
  return span;
}

static int
run_annotate (QmStore *store,
              GRand   *rand)
{
  for (guint round = 0; ; round++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(QmDocument) document = random_document (store, rand);
      g_autoptr(QmSpan) quote = add_span (store, document, "Quote", rand);
      g_autoptr(QmSpan) speaker = add_span (store, document, "Speaker", rand);
      g_autoptr(QmRelation) relation = qm_relation_new ();
      g_autoptr(QmTarget) target = NULL;
      g_autoptr(QmStance) stance = qm_stance_new ();
      g_autofree char *target_name = g_strdup_printf ("Target %u", round % 7);

      relation->type = g_strdup ("attributed_to");
      relation->from_id = g_strdup (quote->id);
      relation->to_id = g_strdup (speaker->id);
      relation->annotator = g_strdup ("writer");
      if (!qm_store_add_relation (store, relation, &error))
        fail ("adding a link", error);
      printf ("relation %s %s\n", relation->id, qm_document_get_id (document));
      fflush (stdout);

      target = qm_store_ensure_target (store, target_name, &error);
      if (target == NULL)
        fail ("adding a stance target", error);
      stance->span_id = g_strdup (quote->id);
      stance->target_id = g_strdup (target->id);
      stance->value = g_strdup ("favor");
      stance->annotator = g_strdup ("writer");
      if (!qm_store_set_stance (store, stance, &error))
        fail ("setting a stance", error);
      printf ("stance %s %s %s\n", quote->id, target->id, qm_document_get_id (document));
      fflush (stdout);
    }
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmStore) store = NULL;
  g_autoptr(GRand) rand = NULL;
  gboolean import;

  import = argc == 5 && g_str_equal (argv[1], "import");
  if (!import && !(argc == 4 && g_str_equal (argv[1], "annotate")))
    {
      fprintf (stderr, "usage: qm-crash-writer import CORPUS FOLDER SEED | annotate CORPUS SEED\n");
      return 2;
    }

  rand = g_rand_new_with_seed (atoi (argv[argc - 1]));
  store = qm_store_open (argv[2], QM_STORE_OPEN_CREATE, &error);
  if (store == NULL)
    fail ("opening the corpus", error);

  return import ? run_import (store, argv[3], rand) : run_annotate (store, rand);
}
