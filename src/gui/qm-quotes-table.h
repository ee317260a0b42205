/* qm-quotes-table.h: the quotes of the document a QmDocumentView shows, as
 * a table: the quote, its speaker, its cue and a column of stance per
 * target. It follows the view (document, annotator, history) and the
 * history's changes; activating a row selects the quote in the view, and
 * selecting a quote in the view selects its row. */
#pragma once

#include <gtk/gtk.h>
#include "qm-document-view.h"
#include "qm-quote-list.h"

G_BEGIN_DECLS

#define QM_TYPE_QUOTES_TABLE (qm_quotes_table_get_type ())
G_DECLARE_FINAL_TYPE (QmQuotesTable, qm_quotes_table, QM, QUOTES_TABLE, GtkWidget)

GtkWidget      *qm_quotes_table_new        (void);
void            qm_quotes_table_set_view   (QmQuotesTable  *self,
                                            QmDocumentView *view);
QmDocumentView *qm_quotes_table_get_view   (QmQuotesTable  *self);
/* The rows' model, or NULL when the view shows no document. */
QmQuoteList    *qm_quotes_table_get_quotes (QmQuotesTable  *self);

G_END_DECLS
