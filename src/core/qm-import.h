/* qm-import.h: bringing articles into a corpus: plain text files, folders of
 * them (recursively, symlink loops detected) and native JSONL. */
#pragma once

#include <gio/gio.h>
#include "qm-report.h"
#include "qm-store.h"

G_BEGIN_DECLS

typedef struct
{
  const char     *format;       /* "auto", "txt", "jsonl", and what qm-format registers */
  const char     *annotator;    /* annotations imported are credited to this name; NULL keeps theirs */
  gboolean        add_labels;   /* unknown labels extend the schema instead of being rejected */
  QmProgressFunc  progress;
  gpointer        progress_data;
} QmImportOptions;

/* Imports every path (files or folders). Bad files are reported in @report
 * and the rest still imports; returns FALSE with @error only when the work
 * itself failed (corpus not writable, disk full, cancelled). Each file goes
 * in whole or not at all. */
gboolean  qm_import_paths          (QmStore                *store,
                                    const char * const     *paths,
                                    const QmImportOptions  *options,
                                    QmReport               *report,
                                    GCancellable           *cancellable,
                                    GError                **error);

/* One plain text file's bytes. Returns the new document id, or NULL with
 * @error (QM_ERROR_INVALID_TEXT, QM_ERROR_DUPLICATE for a known text). */
char     *qm_import_text           (QmStore                *store,
                                    const char             *data,
                                    gsize                   len,
                                    const char             *name,
                                    GError                **error);

/* The files a list of paths stands for, walked recursively in sorted order;
 * unreadable folders and symlink loops are reported and skipped. */
GPtrArray *qm_import_collect_files (const char * const     *paths,
                                    QmReport               *report,
                                    GCancellable           *cancellable);

G_END_DECLS
