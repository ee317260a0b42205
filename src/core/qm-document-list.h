/* qm-document-list.h: the documents of a corpus as a GListModel of
 * QmDocument (without text), loaded page by page as the list scrolls, so a
 * corpus of 10,000 documents opens at once. Filter by status; full-text
 * search arrives with the search index. */
#pragma once

#include <gio/gio.h>
#include "qm-store.h"

G_BEGIN_DECLS

#define QM_TYPE_DOCUMENT_LIST (qm_document_list_get_type ())
G_DECLARE_FINAL_TYPE (QmDocumentList, qm_document_list, QM, DOCUMENT_LIST, GObject)

QmDocumentList *qm_document_list_new         (QmStore        *store,
                                              const char     *annotator);
/* Re-reads counts and statuses (after an import or a status change). */
void            qm_document_list_reload      (QmDocumentList *self);
/* The position of a document, or G_MAXUINT. */
guint           qm_document_list_find        (QmDocumentList *self,
                                              const char     *document_id);

/* Restricts the list to documents whose title or text contains @query after
 * qm_text_fold() on both sides (NULL or "" lists every document again).
 * Until the store has a search index this reads the text of every document,
 * which takes a while on a large corpus. */
void            qm_document_list_set_search  (QmDocumentList *self,
                                              const char     *query);
const char     *qm_document_list_get_search  (QmDocumentList *self);

/* The error of the last read that failed (the list shows fewer documents
 * then), or NULL. */
const GError   *qm_document_list_get_error   (QmDocumentList *self);

G_END_DECLS
