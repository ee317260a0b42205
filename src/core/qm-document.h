/* qm-document.h: one article of a corpus. Listings carry everything but the
 * text (which qm_store_get_document() loads); the text never changes once
 * imported, since annotations point into it. */
#pragma once

#include <glib-object.h>
#include "qm-records.h"

G_BEGIN_DECLS

#define QM_TYPE_DOCUMENT (qm_document_get_type ())
G_DECLARE_FINAL_TYPE (QmDocument, qm_document, QM, DOCUMENT, GObject)

QmDocument *qm_document_new              (void);

const char *qm_document_get_id           (QmDocument *self);
void        qm_document_set_id           (QmDocument *self, const char *id);
const char *qm_document_get_title        (QmDocument *self);
void        qm_document_set_title        (QmDocument *self, const char *title);
const char *qm_document_get_language     (QmDocument *self);
void        qm_document_set_language     (QmDocument *self, const char *language);
const char *qm_document_get_source       (QmDocument *self);
void        qm_document_set_source       (QmDocument *self, const char *source);
const char *qm_document_get_url          (QmDocument *self);
void        qm_document_set_url          (QmDocument *self, const char *url);
const char *qm_document_get_date         (QmDocument *self);   /* publication date as given, ISO 8601 preferred */
void        qm_document_set_date         (QmDocument *self, const char *date);
gint64      qm_document_get_imported     (QmDocument *self);   /* µs since the epoch */
void        qm_document_set_imported     (QmDocument *self, gint64 imported);
/* NULL in listings. Setting it also sets sha256 and n-chars. */
const char *qm_document_get_text         (QmDocument *self);
void        qm_document_set_text         (QmDocument *self, const char *text);
/* For the store, reading a document: the text without hashing it again, the
 * hash and length set before (the ones recorded with it) staying. */
void        qm_document_set_stored_text  (QmDocument *self, const char *text);
const char *qm_document_get_sha256       (QmDocument *self);
void        qm_document_set_sha256       (QmDocument *self, const char *sha256);
glong       qm_document_get_n_chars      (QmDocument *self);
void        qm_document_set_n_chars      (QmDocument *self, glong n_chars);
/* Free metadata: a JSON object as text, "{}" when none. */
const char *qm_document_get_metadata     (QmDocument *self);
void        qm_document_set_metadata     (QmDocument *self, const char *json);
/* Filled in listings: spans with the schema's stance label, and the status of
 * the annotator the listing was made for. */
guint       qm_document_get_n_quotes     (QmDocument *self);
void        qm_document_set_n_quotes     (QmDocument *self, guint n);
QmStatus    qm_document_get_status       (QmDocument *self);
void        qm_document_set_status       (QmDocument *self, QmStatus status);

G_END_DECLS
