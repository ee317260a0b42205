/* fuzz-replay.c: runs a fuzz target on its seed corpus and on every input
 * that ever crashed it (tests/fuzz/regressions/TARGET/), as a normal test
 * of the default run, without libFuzzer. */
#include "config.h"

#include "fuzz-common.h"

/* The paths the test cases read, freed after the run. */
static GPtrArray *inputs;

static void
replay (gconstpointer data)
{
  const char *path = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize size = 0;

  g_file_get_contents (path, &contents, &size, &error);
  g_assert_no_error (error);
  /* A crash, a sanitizer report or a fatal warning ends the program and
   * fails the test; returning is passing. */
  g_assert_cmpint (LLVMFuzzerTestOneInput ((const uint8_t *) contents, size), ==, 0);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static guint
add_folder (const char *kind)
{
  g_autofree char *folder = g_test_build_filename (G_TEST_DIST, "fuzz", kind, FUZZ_TARGET, NULL);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *test_path = g_strdup_printf ("/fuzz/%s/%s/%s", FUZZ_TARGET, kind, file);
      char *path = g_build_filename (folder, file, NULL);

      g_ptr_array_add (inputs, path);
      g_test_add_data_func (test_path, path, replay);
    }
  return names->len;
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  inputs = g_ptr_array_new_with_free_func (g_free);

  /* A target without seeds would test nothing. */
  if (add_folder ("corpus") == 0)
    g_error ("no seed inputs for the fuzz target %s", FUZZ_TARGET);
  add_folder ("regressions");

  status = g_test_run ();
  g_ptr_array_unref (inputs);
  return status;
}
