/* qm-formats-private.h: what the format modules share: one document loaded
 * for export, and the bookkeeping of an import (messages with file and line,
 * unknown labels, entities and stances). */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include "qm-export.h"
#include "qm-import.h"
#include "qm-offsets.h"
#include "qm-report.h"
#include "qm-store.h"

G_BEGIN_DECLS

/* ---------------------------------------------------------------- export */

typedef struct
{
  QmDocument *document;
  const char *id;
  const char *text;
  QmOffsets  *offsets;
  GPtrArray  *spans;       /* QmSpan of the chosen annotator, in store order */
  GPtrArray  *relations;   /* QmRelation between those spans */
  GPtrArray  *stances;     /* QmStance on those spans */
  GHashTable *span_by_id;  /* id -> QmSpan, borrowed from @spans */
  GHashTable *entities;    /* entity id -> QmEntity of the spans that refer to one */
} QmFormatDoc;

QmFormatDoc *qm_format_doc_load        (QmStore               *store,
                                        const char            *document_id,
                                        const char            *annotator,
                                        GError               **error);
void         qm_format_doc_free        (QmFormatDoc           *doc);
/* The canonical name of the entity @span refers to, or NULL. */
const char  *qm_format_doc_entity_name (QmFormatDoc           *doc,
                                        const QmSpan          *span);
/* The stances on @span_id, sorted by target then annotator (borrowed). */
GPtrArray   *qm_format_doc_stances_of  (QmFormatDoc           *doc,
                                        const char            *span_id);
/* A's attribute names, sorted. */
GPtrArray   *qm_format_sorted_keys     (GHashTable            *table);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QmFormatDoc, qm_format_doc_free)

gboolean     qm_format_write           (GOutputStream         *out,
                                        const char            *data,
                                        gssize                 len,
                                        GCancellable          *cancellable,
                                        GError               **error);
void         qm_format_progress        (const QmExportOptions *options,
                                        guint                  done,
                                        guint                  total);

/* ---------------------------------------------------------------- import */

typedef struct
{
  QmStore               *store;
  const QmImportOptions *options;
  QmReport              *report;
  const char            *path;       /* the file messages name */
  const char            *fallback;   /* annotator when neither the user nor the file names one */
  guint                  n_added;    /* annotations added to the current document */
} QmFormatImport;

/* QM_ERROR_INVALID_DATA "PATH:LINE: message" (or "PATH: message" for line 0). */
gboolean     qm_format_fail            (QmFormatImport        *ctx,
                                        guint                  line,
                                        GError               **error,
                                        const char            *format,
                                        ...) G_GNUC_PRINTF (4, 5);
/* Prefixes @cause (taken) with the place in the file. */
gboolean     qm_format_fail_with       (QmFormatImport        *ctx,
                                        guint                  line,
                                        GError               **error,
                                        GError                *cause);
void         qm_format_warn            (QmFormatImport        *ctx,
                                        guint                  line,
                                        const char            *format,
                                        ...) G_GNUC_PRINTF (3, 4);
/* Errors that stop an import rather than one document. */
gboolean     qm_format_is_fatal        (const GError          *error);

/* The annotator imported annotations are credited to. */
const char  *qm_format_credited        (QmFormatImport        *ctx,
                                        const char            *theirs);

/* Unknown names are added to the schema with add_labels, else
 * QM_ERROR_UNKNOWN_LABEL naming the file, line and name. */
gboolean     qm_format_ensure_label    (QmFormatImport        *ctx,
                                        guint                  line,
                                        const char            *label,
                                        GError               **error);
gboolean     qm_format_ensure_relation (QmFormatImport        *ctx,
                                        guint                  line,
                                        const char            *type,
                                        const char            *from_label,
                                        const char            *to_label,
                                        GError               **error);
gboolean     qm_format_ensure_attribute (QmFormatImport       *ctx,
                                        guint                  line,
                                        const char            *label,
                                        const char            *name,
                                        const char            *value,
                                        GError               **error);

/* The document holding exactly @text, added (with @id when that is free,
 * @title or a guessed one) when the corpus has none. */
QmDocument  *qm_format_find_or_add_document (QmFormatImport   *ctx,
                                        const char            *text,
                                        const char            *id,
                                        const char            *title,
                                        const char            *source,
                                        gboolean              *existing,
                                        GError               **error);

/* State of one document being imported: the spans it already had, so that
 * importing the same annotations twice adds nothing. */
typedef struct
{
  QmFormatImport *ctx;
  QmDocument     *document;
  QmOffsets      *offsets;
  GPtrArray      *spans;       /* QmSpan already in the corpus, then added ones */
  GPtrArray      *relations;   /* QmRelation already in the corpus, then added ones */
  gpointer        segmenter;   /* QmSegmenter, made when first needed */
} QmFormatTarget;

QmFormatTarget *qm_format_target_new   (QmFormatImport        *ctx,
                                        QmDocument            *document,
                                        GError               **error);
void         qm_format_target_free     (QmFormatTarget        *target);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QmFormatTarget, qm_format_target_free)

/* Checks offsets and label, widens a span that splits a character (with a
 * warning) and adds it unless the document has the same one, under
 * @preferred_id when no span of the corpus has it. Returns the id
 * that stands for it (borrowed from the target), or NULL with @error. */
const char  *qm_format_target_add_span (QmFormatTarget        *target,
                                        guint                  line,
                                        const char            *what,
                                        const char            *preferred_id,
                                        const char            *label,
                                        glong                  start,
                                        glong                  end,
                                        const char            *annotator,
                                        GHashTable            *attributes,
                                        const char            *entity_name,
                                        GError               **error);
gboolean     qm_format_target_add_relation (QmFormatTarget    *target,
                                        guint                  line,
                                        const char            *type,
                                        const char            *from_id,
                                        const char            *to_id,
                                        const char            *annotator,
                                        GError               **error);
gboolean     qm_format_target_set_stance (QmFormatTarget      *target,
                                        guint                  line,
                                        const char            *span_id,
                                        const char            *target_name,
                                        const char            *value,
                                        const char            *annotator,
                                        GError               **error);
/* Records the outcome of a document in the report, as the JSONL import does. */
void         qm_format_target_report   (QmFormatTarget        *target,
                                        guint                  line,
                                        gboolean               existing);

/* Runs @func inside a savepoint: all of one document or nothing. A bad
 * document is reported as rejected and FALSE is returned only for fatal
 * errors. */
typedef gboolean (*QmFormatDocumentFunc) (QmFormatImport *ctx,
                                          gpointer        data,
                                          GError        **error);
gboolean     qm_format_import_document (QmFormatImport        *ctx,
                                        guint                  line,
                                        QmFormatDocumentFunc   func,
                                        gpointer               data,
                                        GError               **error);

/* Reads a JSON number that must be a whole number. */
gboolean     qm_format_json_int        (JsonNode              *node,
                                        gint64                *value);

G_END_DECLS
