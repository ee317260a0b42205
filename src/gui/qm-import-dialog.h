/* qm-import-dialog.h: imports files or folders into a corpus: the format to
 * read them as and who to credit, then the import off the main thread, with
 * progress, Cancel, and a summary of what happened to each file at the end. */
#pragma once

#include <adwaita.h>
#include "qm-report.h"

G_BEGIN_DECLS

#define QM_TYPE_IMPORT_DIALOG (qm_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (QmImportDialog, qm_import_dialog, QM, IMPORT_DIALOG, AdwWindow)

/* @corpus_path: the corpus to import into; the import opens its own
 * connection to it on the worker thread. */
QmImportDialog *qm_import_dialog_new          (GtkWindow          *parent,
                                               const char         *corpus_path);
/* Shows the options for importing @paths (files or folders), with the
 * format they look like chosen; the Import button starts. */
void            qm_import_dialog_set_paths    (QmImportDialog     *self,
                                               const char * const *paths);
/* Who annotations are credited to when the format names nobody (brat,
 * doccano) and the user did not type a name: the window's annotator. */
void            qm_import_dialog_set_annotator (QmImportDialog    *self,
                                                const char        *annotator);
/* Starts importing @paths (files or folders) with the options shown;
 * call once. */
void            qm_import_dialog_start        (QmImportDialog     *self,
                                               const char * const *paths);
void            qm_import_dialog_cancel       (QmImportDialog     *self);
gboolean        qm_import_dialog_is_running   (QmImportDialog     *self);
/* What the import did, once finished; NULL before. */
QmReport       *qm_import_dialog_get_report   (QmImportDialog     *self);
/* Why the import as a whole stopped (cancelled, corpus not writable), once
 * finished; NULL when it ran to the end. */
const GError   *qm_import_dialog_get_error    (QmImportDialog     *self);

/* Signals:
 * "finished" (): the import ended (completed, failed or cancelled) and the
 *   corpus holds whatever it committed; the summary is showing. */

G_END_DECLS
