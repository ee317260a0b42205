/* qm-test-util.h: small helpers shared by the test programs. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A fresh temporary folder, removed with its contents at exit. */
char *qm_test_make_tmpdir   (void);
/* Writes @len bytes (-1: NUL-terminated) to @dir/@name; returns the path. */
char *qm_test_write_file    (const char *dir,
                             const char *name,
                             const char *data,
                             gssize      len);
/* The path of a fixture in tests/fixtures/. */
char *qm_test_fixture_path  (const char *name);
/* Reads a whole file; fails the test when it cannot. */
char *qm_test_read_file     (const char *path,
                             gsize      *len);

G_END_DECLS
