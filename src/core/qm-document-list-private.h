/* qm-document-list-private.h: what the tests look at inside a QmDocumentList. */
#pragma once

#include "qm-document-list.h"

G_BEGIN_DECLS

/* How many pages were read from the store since creation (reloads count
 * again), so a test can check that the list reads only what is asked for. */
guint qm_document_list_get_n_page_loads (QmDocumentList *self);
/* Documents per page. */
guint qm_document_list_get_page_size    (QmDocumentList *self);

G_END_DECLS
