/* qm-document-list.h: the documents of a corpus as a GListModel of
 * QmDocument (without text), loaded page by page as the list scrolls, so a
 * corpus of 10,000 documents opens at once; a full-text search narrows it. */
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
/* Re-reads one document after its title changed: items-changed for its
 * row alone (and, with a search, for rows that start or stop matching). */
void            qm_document_list_refresh_document (QmDocumentList *self,
                                                   const char     *document_id);
/* The position of a document, or G_MAXUINT. */
guint           qm_document_list_find        (QmDocumentList *self,
                                              const char     *document_id);

/* Restricts the list to the documents that qm_store_search_documents()
 * finds for @query: each word of it begins a word of the title or text,
 * after qm_text_fold() on both sides (see there for Arabic clitics). NULL,
 * "" or a query without any word lists every document again. The search
 * reads only the store's index; pages are read as before, when shown. */
void            qm_document_list_set_search  (QmDocumentList *self,
                                              const char     *query);
const char     *qm_document_list_get_search  (QmDocumentList *self);

/* The error of the last read that failed (the list shows fewer documents
 * then), or NULL. */
const GError   *qm_document_list_get_error   (QmDocumentList *self);

G_END_DECLS
