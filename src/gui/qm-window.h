/* qm-window.h: the main window: the documents of a corpus in a sidebar, the
 * open document with its label bar, and the actions around them (open,
 * import, mark done, rename, zoom, search). */
#pragma once

#include <adwaita.h>
#include "qm-application.h"
#include "qm-history.h"
#include "qm-store.h"

G_BEGIN_DECLS

#define QM_TYPE_WINDOW (qm_window_get_type ())
G_DECLARE_FINAL_TYPE (QmWindow, qm_window, QM, WINDOW, AdwApplicationWindow)

QmWindow   *qm_window_new             (QmApplication    *application);

/* Whose annotations and statuses the window shows and writes; changing it
 * reloads the list and the document. Until it is set (NULL) the corpus can
 * be read but nothing annotated. */
void        qm_window_set_annotator   (QmWindow         *self,
                                       const char       *annotator);
const char *qm_window_get_annotator   (QmWindow         *self);

/* Opens a corpus in the window (replacing the one shown) and shows its
 * first document not done yet, with the keyboard focus in it. On failure
 * the window keeps what it showed and @error says why. */
gboolean    qm_window_open_corpus     (QmWindow         *self,
                                       const char       *path,
                                       QmStoreOpenFlags  flags,
                                       GError          **error);
/* The corpus shown, or NULL. */
QmStore    *qm_window_get_store       (QmWindow         *self);
/* The undo history of the corpus shown, or NULL. */
QmHistory  *qm_window_get_history     (QmWindow         *self);

gboolean    qm_window_open_document   (QmWindow         *self,
                                       const char       *document_id,
                                       GError          **error);
/* The document shown, or NULL. */
const char *qm_window_get_document_id (QmWindow         *self);

/* Shows the Documents page with the document open and the quote selected
 * (what activating a quote on the Speakers page does). Fails when the
 * document or quote is gone, or the quote is another annotator's. */
gboolean    qm_window_show_quote      (QmWindow         *self,
                                       const char       *document_id,
                                       const char       *span_id,
                                       GError          **error);

/* Imports files or folders into the corpus shown, with the import dialog,
 * which asks for the format first (what the file chooser of Import does
 * with its answer). */
void        qm_window_import_paths    (QmWindow           *self,
                                       const char * const *paths);

/* A toast for what just happened, or a short error. */
void        qm_window_show_toast      (QmWindow         *self,
                                       const char       *text);
/* A dialog for an error the user must read (a corpus that cannot be
 * opened): @heading says what failed, the error why. */
void        qm_window_show_error      (QmWindow         *self,
                                       const char       *heading,
                                       const GError     *error);

G_END_DECLS
