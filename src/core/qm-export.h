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
  /* Format options; formats that have no use for one ignore it. */
  gboolean             excel;         /* csv: a byte order mark, which spreadsheet programs need to read UTF-8 */
  const char * const  *labels;        /* conll: the labels tagged; NULL: every label of the schema */
  gboolean             nested_inner;  /* conll: of nested spans the innermost is tagged, not the outermost */
} QmExportOptions;

/* The ids of the documents @options selects, in corpus order. */
GPtrArray     *qm_export_select_documents (QmStore               *store,
                                           const QmExportOptions *options,
                                           GError               **error);

/* Opens @path for an atomic replace: the data goes to a hidden temporary
 * file beside it, renamed over @path by g_output_stream_close(); until
 * then @path stays as it was (absent, or the old file). Refuses
 * (QM_ERROR_FAILED) to overwrite a file that looks like a corpus or any
 * SQLite database, and a folder. */
GOutputStream *qm_export_open_output      (const char            *path,
                                           GError               **error);
/* Gives up an output from qm_export_open_output(): the temporary file goes,
 * the destination stays as it was. */
void           qm_export_abort_output     (GOutputStream         *out);

G_END_DECLS
