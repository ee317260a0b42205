/* qm-export-dialog-private.h: what the widget tests need to drive the export
 * dialog without a file chooser (which they cannot answer) and to stop an
 * export at a known point. */
#pragma once

#include "qm-export-dialog.h"

G_BEGIN_DECLS

/* The destination the Export button then uses instead of asking. */
void        qm_export_dialog_set_destination   (QmExportDialog *self,
                                                const char     *path);
/* Called on the worker thread after each document written, after the
 * progress shown is updated. */
void        qm_export_dialog_set_progress_hook (QmExportDialog *self,
                                                QmProgressFunc  hook,
                                                gpointer        user_data);
/* Opens the folder of @path in the file manager, @path selected where the
 * file manager can; failures are shown in a dialog on @parent. */
void        qm_export_dialog_show_in_files     (GtkWindow      *parent,
                                                const char     *path);

G_END_DECLS
