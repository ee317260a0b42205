/* formats-test-common.h: what the format tests share: corpora made from the
 * fixtures, exports into memory and comparisons made without the code under
 * test (code points walked with plain GLib). */
#pragma once

#include "qm-export.h"
#include "qm-format.h"
#include "qm-import.h"
#include "qm-report.h"
#include "qm-store.h"

G_BEGIN_DECLS

QmStore   *fmt_new_corpus          (void);
/* A corpus holding tests/fixtures/round-trip.jsonl: three documents
 * (Arabic with harakat; English with an emoji with skin tone and decomposed
 * accents; mixed), imported as they are. */
QmStore   *fmt_round_trip_corpus   (void);
/* The export as one NUL-terminated string; @len gets its length. */
char      *fmt_export              (QmStore               *store,
                                    const char            *format,
                                    const QmExportOptions *options,
                                    QmReport              *report,
                                    gsize                 *len);
/* Imports through qm_import_paths() with options.format = @format. */
QmReport  *fmt_import              (QmStore               *store,
                                    const char            *format,
                                    const char            *path,
                                    const char            *annotator,
                                    gboolean               add_labels);
char      *fmt_fixture             (const char            *name);
/* text[start:end] in code points, walked with g_utf8_next_char(). */
char      *fmt_slice               (const char            *text,
                                    glong                  start,
                                    glong                  end);
/* TRUE when an entry of @kind holds every one of the NULL-terminated
 * strings (and prints the report otherwise, to see why). */
gboolean   fmt_report_has          (QmReport              *report,
                                    QmReportKind           kind,
                                    ...) G_GNUC_NULL_TERMINATED;
/* Everything of a document a format can hold, one sorted line each:
 * spans (label, offsets, text, attributes, speaker), relations and stances;
 * no ids and no annotators. With @to_nfc the offsets are those the same
 * text has after NFC. */
GPtrArray *fmt_describe            (QmStore               *store,
                                    const char            *document_id,
                                    gboolean               attributes,
                                    gboolean               to_nfc);
void       fmt_assert_same_lines   (GPtrArray             *expected,
                                    GPtrArray             *got);
void       fmt_assert_files_equal  (const char            *expected_path,
                                    const char            *got_path);

/* The brat tests, in test-format-brat.c. */
void       fmt_add_brat_tests      (void);

G_END_DECLS
