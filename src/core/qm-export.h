/* qm-export.h: what to export, and writing an export safely: to a temporary
 * file beside the destination, renamed into place only when complete. */
#pragma once

#include <gio/gio.h>
#include "qm-report.h"
#include "qm-store.h"

G_BEGIN_DECLS

typedef struct
{
  const char          *annotator;     /* NULL: every annotator's annotations */
  gboolean             done_only;     /* only documents marked done (by @annotator, or anyone) */
  const char * const  *document_ids;  /* NULL: all documents */
  QmProgressFunc       progress;
  gpointer             progress_data;
} QmExportOptions;

/* The ids of the documents @options selects, in corpus order. */
GPtrArray     *qm_export_select_documents (QmStore               *store,
                                           const QmExportOptions *options,
                                           GError               **error);

/* Opens @path for an atomic replace. Refuses (QM_ERROR_FAILED) to overwrite
 * a file that looks like a corpus or any SQLite database. */
GOutputStream *qm_export_open_output      (const char            *path,
                                           GError               **error);
/* Gives up an output from qm_export_open_output(): the temporary file goes,
 * the destination stays as it was. */
void           qm_export_abort_output     (GOutputStream         *out);

G_END_DECLS
