/* qm-export-dialog.h: exports a corpus to one of the dataset formats: the
 * format and its options, whose annotations and which documents, then the
 * destination through the file chooser, and the export off the main thread
 * with progress and Cancel. */
#pragma once

#include <adwaita.h>
#include "qm-report.h"
#include "qm-store.h"

G_BEGIN_DECLS

#define QM_TYPE_EXPORT_DIALOG (qm_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (QmExportDialog, qm_export_dialog, QM, EXPORT_DIALOG, AdwWindow)

/* @store: the window's corpus, read on the main thread for the annotators
 * and labels the dialog offers; the export itself opens its own connection
 * to the same file on the worker thread. @annotator: the one annotating
 * (NULL when unknown), chosen at first unless the last export, whose
 * choices the dialog opens with, chose another or all. @document_ids: the
 * documents selected in the window, offered as a choice; NULL or empty when
 * none is. */
QmExportDialog *qm_export_dialog_new             (GtkWindow          *parent,
                                                  QmStore            *store,
                                                  const char         *annotator,
                                                  const char * const *document_ids);
void            qm_export_dialog_cancel          (QmExportDialog     *self);
gboolean        qm_export_dialog_is_running      (QmExportDialog     *self);
/* The file or folder written to, once the export started; NULL before. */
const char     *qm_export_dialog_get_destination (QmExportDialog     *self);
/* What the export warned about, once finished; NULL before. */
QmReport       *qm_export_dialog_get_report      (QmExportDialog     *self);
/* Why the export failed or that it was cancelled, once finished; NULL when
 * it completed. */
const GError   *qm_export_dialog_get_error       (QmExportDialog     *self);
/* The number of documents written by a completed export. */
guint           qm_export_dialog_get_n_exported  (QmExportDialog     *self);
/* "Exported N documents" with a "Show in Files" button, for the window's
 * toast overlay; NULL unless the export completed. */
AdwToast       *qm_export_dialog_create_toast    (QmExportDialog     *self);

/* Signals:
 * "finished" (): the export ended (completed, failed or cancelled). A
 *   completed export without warnings closes the dialog; otherwise the
 *   dialog shows what happened. */

G_END_DECLS
