/* qm-document-row.h: one document in the sidebar list: its title in the
 * title's own direction, language, number of quotes and status. */
#pragma once

#include <gtk/gtk.h>
#include "qm-document.h"

G_BEGIN_DECLS

#define QM_TYPE_DOCUMENT_ROW (qm_document_row_get_type ())
G_DECLARE_FINAL_TYPE (QmDocumentRow, qm_document_row, QM, DOCUMENT_ROW, GtkWidget)

GtkWidget  *qm_document_row_new          (void);
/* NULL clears the row (list items being recycled). */
void        qm_document_row_set_document (QmDocumentRow *self,
                                          QmDocument    *document);
QmDocument *qm_document_row_get_document (QmDocumentRow *self);

/* A translated name of a language code ("ar" -> "Arabic"). */
const char *qm_language_get_display_name (const char    *code);
/* A translated name of a status ("Done"). */
const char *qm_status_get_display_name   (QmStatus       status);

G_END_DECLS
