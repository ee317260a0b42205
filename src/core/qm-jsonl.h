/* qm-jsonl.h: the native JSONL format, one document per line with its spans,
 * relations, speaker entities and stances (docs/formats.md). Export then
 * import then export gives the same bytes. */
#pragma once

#include <gio/gio.h>
#include "qm-export.h"
#include "qm-import.h"

G_BEGIN_DECLS

gboolean qm_jsonl_export        (QmStore                *store,
                                 const QmExportOptions  *options,
                                 GOutputStream          *out,
                                 GCancellable           *cancellable,
                                 GError                **error);

/* One document as one line (no newline). */
char    *qm_jsonl_document_line (QmStore                *store,
                                 const char             *document_id,
                                 const char             *annotator,
                                 GError                **error);

/* Every line is a document; a bad line is reported with its number and
 * nothing of that document is imported. */
gboolean qm_jsonl_import        (QmStore                *store,
                                 GInputStream           *in,
                                 const char             *name,
                                 const QmImportOptions  *options,
                                 QmReport               *report,
                                 GCancellable           *cancellable,
                                 GError                **error);

G_END_DECLS
