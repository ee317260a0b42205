/* test-crash.c: an import and an annotating process killed with SIGKILL at
 * random moments, again and again; after each kill the corpus must open
 * as it is, pass its checks, and hold everything the processes had
 * reported as committed. */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "qm-store.h"
#include "qm-test-util.h"

/* Files each round's import gets, new ones every round: a few thousand in
 * all, and enough that the import is usually killed before it is done. */
#define FILES_PER_ROUND 300
/* Rounds go on until this many kills (the import may finish before its
 * kill). The test is in the default run: after TIME_BUDGET_S it stops as
 * soon as it has MIN_KILLS, MIN_IMPORT_KILLS of them imports (under
 * valgrind that takes minutes); HARD_LIMIT_S stops it in any case, within
 * meson's timeout. */
#define WANTED_KILLS  70
#define MIN_KILLS     50
#define TIME_BUDGET_S 20
#define MIN_IMPORT_KILLS 10
#define HARD_LIMIT_S  (TIME_BUDGET_S * 4)

typedef struct
{
  GPid     pid;
  int      out;       /* its standard output, or -1 once at its end */
  GString *buffer;
} Writer;

typedef struct
{
  GHashTable *documents;   /* sha256 */
  GHashTable *spans;       /* id */
  GHashTable *relations;   /* id -> document id */
  GHashTable *stances;     /* "span target" -> document id */
  GPtrArray  *recent;      /* Item, reported since the last check */
} Committed;

typedef enum
{
  ITEM_DOCUMENT,
  ITEM_SPAN,
  ITEM_RELATION,
  ITEM_STANCE,
} ItemKind;

typedef struct
{
  ItemKind  kind;
  char     *key;
  char     *document_id;
} Item;

static void
item_free (Item *item)
{
  g_free (item->key);
  g_free (item->document_id);
  g_free (item);
}

static void
add_item (Committed  *committed,
          ItemKind    kind,
          const char *key,
          const char *document_id)
{
  GHashTable *tables[] = { committed->documents, committed->spans, committed->relations, committed->stances };
  Item *item = g_new0 (Item, 1);

  item->kind = kind;
  item->key = g_strdup (key);
  item->document_id = g_strdup (document_id);
  g_hash_table_insert (tables[kind], g_strdup (key), g_strdup (document_id));
  g_ptr_array_add (committed->recent, item);
}

static void
write_articles (const char *folder,
                guint       round)
{
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  for (guint i = 0; i < FILES_PER_ROUND; i++)
    {
      g_autofree char *name = g_strdup_printf ("article-%04u.txt", i);
      g_autofree char *text = NULL;

      /* Arabic and English, each article its own. */
      text = g_strdup_printf ("Article %u of round %u\n\n“Nothing changes,” the spokesperson said.\n"
                              "قال المتحدث: «لا شيء يتغير» (%u).\n", i, round, i * 13);
      g_free (qm_test_write_file (folder, name, text, -1));
    }
}

static Writer *
writer_start (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  Writer *writer = g_new0 (Writer, 1);

  g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &writer->pid, NULL, &writer->out, NULL, &error);
  g_assert_no_error (error);
  writer->buffer = g_string_new (NULL);
  return writer;
}

/* Reads what is there without waiting; FALSE at the end of the output. */
static gboolean
writer_read (Writer *writer)
{
  char chunk[4096];
  gssize n;

  if (writer->out < 0)
    return FALSE;
  n = read (writer->out, chunk, sizeof chunk);
  if (n > 0)
    {
      g_string_append_len (writer->buffer, chunk, n);
      return TRUE;
    }
  if (n < 0 && errno == EINTR)
    return TRUE;
  g_assert_cmpint (n, ==, 0);
  close (writer->out);
  writer->out = -1;
  return FALSE;
}

/* Keeps the pipes drained for @ms so that no writer waits on a full pipe. */
static void
drain_for (Writer **writers,
           guint    n,
           guint    ms)
{
  gint64 deadline = g_get_monotonic_time () + ms * 1000;
  gint64 now;

  while ((now = g_get_monotonic_time ()) < deadline)
    {
      struct pollfd fds[2];
      guint n_fds = 0;

      for (guint i = 0; i < n; i++)
        if (writers[i]->out >= 0)
          {
            fds[n_fds].fd = writers[i]->out;
            fds[n_fds].events = POLLIN;
            n_fds++;
          }
      if (n_fds == 0)
        {
          g_usleep (deadline - now);
          break;
        }
      if (poll (fds, n_fds, (int) ((deadline - now) / 1000) + 1) > 0)
        for (guint i = 0; i < n; i++)
          if (writers[i]->out >= 0)
            {
              struct pollfd one = { writers[i]->out, POLLIN, 0 };

              if (poll (&one, 1, 0) > 0)
                writer_read (writers[i]);
            }
    }
}

/* Kills the writer, reads what it printed up to then and adds each
 * complete line to @committed. Returns whether it was still running (a
 * writer that stopped by itself must have succeeded). */
static gboolean
writer_kill (Writer    *writer,
             Committed *committed)
{
  g_auto(GStrv) lines = NULL;
  gboolean killed;
  int status = 0;
  char *end;

  killed = kill (writer->pid, SIGKILL) == 0;
  while (writer_read (writer))
    ;
  g_assert_cmpint (waitpid (writer->pid, &status, 0), ==, writer->pid);
  g_spawn_close_pid (writer->pid);
  if (WIFEXITED (status))
    {
      g_assert_cmpint (WEXITSTATUS (status), ==, 0);
      killed = FALSE;
    }
  else
    g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);

  /* A line cut off by the kill was never fully reported. */
  end = strrchr (writer->buffer->str, '\n');
  if (end != NULL)
    *end = '\0';
  else
    g_string_truncate (writer->buffer, 0);
  lines = g_strsplit (writer->buffer->str, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit (lines[i], " ", -1);
      guint n = g_strv_length (words);

      if (n == 0 || *lines[i] == '\0')
        continue;
      if (g_str_equal (words[0], "document") && n == 2)
        add_item (committed, ITEM_DOCUMENT, words[1], NULL);
      else if (g_str_equal (words[0], "span") && n == 2)
        add_item (committed, ITEM_SPAN, words[1], NULL);
      else if (g_str_equal (words[0], "relation") && n == 3)
        add_item (committed, ITEM_RELATION, words[1], words[2]);
      else if (g_str_equal (words[0], "stance") && n == 4)
        {
          g_autofree char *key = g_strdup_printf ("%s %s", words[1], words[2]);

          add_item (committed, ITEM_STANCE, key, words[3]);
        }
      else
        g_error ("the writer printed “%s”", lines[i]);
    }

  g_string_free (writer->buffer, TRUE);
  g_free (writer);
  return killed;
}

static gboolean
has_relation (QmStore    *store,
              const char *id,
              const char *document_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) relations = qm_store_list_relations (store, document_id, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < relations->len; i++)
    if (g_str_equal (((QmRelation *) g_ptr_array_index (relations, i))->id, id))
      return TRUE;
  return FALSE;
}

static gboolean
has_stance (QmStore    *store,
            const char *span_and_target,
            const char *document_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stances = qm_store_list_stances (store, document_id, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < stances->len; i++)
    {
      QmStance *stance = g_ptr_array_index (stances, i);
      g_autofree char *key = g_strdup_printf ("%s %s", stance->span_id, stance->target_id);

      if (g_str_equal (key, span_and_target))
        return TRUE;
    }
  return FALSE;
}

static void
check_item (QmStore    *store,
            ItemKind    kind,
            const char *key,
            const char *document_id)
{
  g_autoptr(GError) error = NULL;

  switch (kind)
    {
    case ITEM_DOCUMENT:
      {
        g_autofree char *id = qm_store_find_document_by_sha256 (store, key, &error);

        g_assert_no_error (error);
        if (id == NULL)
          g_error ("a committed document (sha256 %s) is missing", key);
      }
      break;
    case ITEM_SPAN:
      {
        g_autoptr(QmSpan) span = qm_store_get_span (store, key, &error);

        g_assert_no_error (error);
        g_assert_nonnull (span);
      }
      break;
    case ITEM_RELATION:
      if (!has_relation (store, key, document_id))
        g_error ("the committed link %s is missing", key);
      break;
    case ITEM_STANCE:
      if (!has_stance (store, key, document_id))
        g_error ("the committed stance %s is missing", key);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* The corpus opens as it is (SQLite replays its WAL; nothing of ours has
 * to repair it), passes every check, and holds what was reported: after a
 * kill, all that was reported since the last check and a random sample of
 * the rest (reading back thousands every time would be most of the test);
 * with @everything, all of it. */
static void
check_corpus (const char *corpus,
              Committed  *committed,
              GRand      *rand,
              gboolean    everything)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmStore) store = qm_store_open (corpus, QM_STORE_OPEN_DEFAULT, &error);
  g_autoptr(GPtrArray) problems = NULL;
  GHashTable *tables[] = { committed->documents, committed->spans, committed->relations, committed->stances };

  g_assert_no_error (error);
  if (!qm_store_check (store, &problems, &error))
    {
      g_assert_no_error (error);
      g_error ("after a kill: %s", (const char *) g_ptr_array_index (problems, 0));
    }

  for (guint i = 0; i < committed->recent->len; i++)
    {
      Item *item = g_ptr_array_index (committed->recent, i);

      check_item (store, item->kind, item->key, item->document_id);
    }
  g_ptr_array_set_size (committed->recent, 0);

  for (ItemKind kind = ITEM_DOCUMENT; kind <= ITEM_STANCE; kind++)
    {
      guint n = 0;
      g_autofree gpointer *keys = g_hash_table_get_keys_as_array (tables[kind], &n);

      for (guint i = 0; i < (everything ? n : MIN (n, 50)); i++)
        {
          const char *key = keys[everything ? i : (guint) g_rand_int_range (rand, 0, n)];

          check_item (store, kind, key, g_hash_table_lookup (tables[kind], key));
        }
    }
}

static void
test_killed_writers (void)
{
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *corpus = g_build_filename (dir, "corpus.quotemark", NULL);
  g_autofree char *writer_bin = g_test_build_filename (G_TEST_BUILT, "qm-crash-writer", NULL);
  g_autoptr(GRand) rand = g_rand_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(QmStore) store = NULL;
  Committed committed = {
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
    g_ptr_array_new_with_free_func ((GDestroyNotify) item_free),
  };
  gint64 start = g_get_monotonic_time ();
  guint killed[2] = { 0, 0 };   /* imports, annotators */
  guint rounds = 0;
  /* Milliseconds within which the first writer is killed. */
  guint window = 60;
  guint n_reported, last_reported = 0;

  store = qm_store_open (corpus, QM_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  qm_store_close (store);

  for (;;)
    {
      g_autofree char *seed = g_strdup_printf ("%u", g_rand_int (rand));
      g_autofree char *name = g_strdup_printf ("round-%02u", rounds);
      g_autofree char *folder = g_build_filename (dir, name, NULL);
      const char *import_argv[] = { writer_bin, "import", corpus, folder, seed, NULL };
      const char *annotate_argv[] = { writer_bin, "annotate", corpus, seed, NULL };
      gint64 elapsed = (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
      guint kills = killed[0] + killed[1];
      Writer *writers[2];
      gboolean was_killed[2];
      guint first;

      /* Enough kills of both kinds; past the hard limit the assertions
       * below say what was missing. */
      if (killed[0] >= MIN_IMPORT_KILLS
          && (kills >= WANTED_KILLS || (kills >= MIN_KILLS && elapsed >= TIME_BUDGET_S)))
        break;
      if (elapsed >= HARD_LIMIT_S)
        break;

      write_articles (folder, rounds);
      writers[0] = writer_start (import_argv);
      writers[1] = writer_start (annotate_argv);

      /* Each dies at its own random moment: opening, mid-transaction,
       * during the commit's fsync, between two calls. */
      first = g_rand_int_range (rand, 0, 2);
      drain_for (writers, 2, g_rand_int_range (rand, 2, window));
      was_killed[first] = writer_kill (writers[first], &committed);
      drain_for (writers + (1 - first), 1, g_rand_int_range (rand, 0, window * 2 / 3));
      was_killed[1 - first] = writer_kill (writers[1 - first], &committed);
      killed[0] += was_killed[0];
      killed[1] += was_killed[1];

      /* A slow machine (or a sanitizer build) may need longer before
       * anything is committed: widen the window until something is. An
       * import that finished before its kill asks for a narrower one. */
      n_reported = g_hash_table_size (committed.documents) + g_hash_table_size (committed.spans);
      if (n_reported == last_reported && window < 2000)
        window *= 2;
      else if (!was_killed[0] && window > 20)
        window /= 2;
      last_reported = n_reported;
      rounds++;

      check_corpus (corpus, &committed, rand, FALSE);
    }

  g_test_message ("%u rounds, %u imports and %u annotators killed; "
                  "%u documents, %u spans, %u links and %u stances reported and found",
                  rounds, killed[0], killed[1],
                  g_hash_table_size (committed.documents), g_hash_table_size (committed.spans),
                  g_hash_table_size (committed.relations), g_hash_table_size (committed.stances));
  g_assert_cmpuint (killed[0] + killed[1], >=, MIN_KILLS);
  g_assert_cmpuint (killed[0], >=, MIN_IMPORT_KILLS);
  /* Both made progress, or the kills came too early to prove anything. */
  g_assert_cmpuint (g_hash_table_size (committed.documents), >, 100);
  g_assert_cmpuint (g_hash_table_size (committed.stances), >, 0);

  /* In the end every single thing reported is there. */
  check_corpus (corpus, &committed, rand, TRUE);

  g_ptr_array_unref (committed.recent);
  g_hash_table_unref (committed.documents);
  g_hash_table_unref (committed.spans);
  g_hash_table_unref (committed.relations);
  g_hash_table_unref (committed.stances);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crash/killed-writers", test_killed_writers);

  return g_test_run ();
}
