/* fuzz-common.c: the scratch corpus and files of the fuzz targets. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <glib/gstdio.h>

#include "fuzz-common.h"
#include "qm-jsonl.h"

static char *scratch_dir;
static QmStore *scratch_store;

static void
remove_scratch (void)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&scratch_store);
  if (scratch_dir == NULL)
    return;
  dir = g_dir_open (scratch_dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (scratch_dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (scratch_dir);
  g_clear_pointer (&scratch_dir, g_free);
}

static void
ensure_scratch (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *corpus = NULL;

  if (scratch_dir != NULL)
    return;

  /* A warning or a critical from the library is a bug that bad input
   * reached: it must stop the run like a crash. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  scratch_dir = g_dir_make_tmp ("quotemark-fuzz-XXXXXX", &error);
  if (scratch_dir == NULL)
    g_error ("cannot make a scratch folder: %s", error->message);
  atexit (remove_scratch);

  corpus = g_build_filename (scratch_dir, "scratch.quotemark", NULL);
  scratch_store = qm_store_open (corpus, QM_STORE_OPEN_CREATE, &error);
  if (scratch_store == NULL)
    g_error ("cannot create the scratch corpus: %s", error->message);
}

QmStore *
fuzz_get_store (void)
{
  ensure_scratch ();
  return scratch_store;
}

char *
fuzz_write_file (const char *name,
                 const void *data,
                 gsize       size)
{
  g_autoptr(GError) error = NULL;
  char *path;

  ensure_scratch ();
  path = g_build_filename (scratch_dir, name, NULL);
  /* A scratch file needs no fsync and rename; those took a tenth of a
   * run's time. */
  if (!g_file_set_contents_full (path, data, size, G_FILE_SET_CONTENTS_NONE, 0600, &error))
    g_error ("cannot write %s: %s", path, error->message);
  return path;
}

void
fuzz_begin (QmStore *store)
{
  g_autoptr(GError) error = NULL;

  if (!qm_store_begin (store, &error))
    g_error ("cannot begin: %s", error->message);
}

void
fuzz_end (QmStore *store)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  /* Whatever an importer accepted, the exporter must be able to write. */
  if (!qm_jsonl_export (store, NULL, out, NULL, &error))
    g_error ("exporting what was imported failed: %s", error->message);
  qm_store_rollback (store);
}
