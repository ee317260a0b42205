/* qm-demo.c: the demo corpus, from the sample articles in the resources. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "qm-demo.h"
#include "qm-import.h"
#include "qm-store.h"

#define SAMPLES "/io/github/quotemark/core/samples"

static int
compare_names (const void *a,
               const void *b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static void
remove_corpus_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

gboolean
qm_demo_create (const char  *path,
                GError     **error)
{
  g_autoptr(QmStore) store = NULL;
  g_autofree char *dir = NULL;
  g_auto(GStrv) names = NULL;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot create the folder %s: %s"), dir, g_strerror (saved));
      return FALSE;
    }

  names = g_resources_enumerate_children (SAMPLES, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (names == NULL)
    return FALSE;
  /* Resource listings come in hash order; the demo should not. */
  qsort (names, g_strv_length (names), sizeof (char *), compare_names);

  store = qm_store_open (path, QM_STORE_OPEN_CREATE, error);
  if (store == NULL)
    return FALSE;

  if (!qm_store_begin (store, error))
    return FALSE;
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *resource = g_strconcat (SAMPLES "/", names[i], NULL);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
      g_autofree char *id = NULL;
      gsize len;
      const char *data;

      if (bytes == NULL)
        goto failed;
      data = g_bytes_get_data (bytes, &len);
      id = qm_import_text (store, data, len, names[i], error);
      if (id == NULL)
        goto failed;
    }
  if (!qm_store_commit (store, error))
    goto failed;
  return TRUE;

failed:
  qm_store_rollback (store);
  qm_store_close (store);
  /* Only a demo we just created is removed. */
  remove_corpus_files (path);
  return FALSE;
}
