/* qm-report.h: what an import or export did, file by file, for the summary a
 * user reads at the end (and the command line prints). */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  QM_REPORT_IMPORTED,
  QM_REPORT_SKIPPED,   /* nothing wrong, nothing to do (duplicate text) */
  QM_REPORT_REJECTED,  /* bad input: nothing of it was imported */
  QM_REPORT_WARNING,   /* imported, with something the user should know */
} QmReportKind;

typedef struct
{
  QmReportKind kind;
  char        *path;     /* file it is about, or NULL */
  guint        line;     /* 1-based line, 0 when it does not apply */
  char        *message;  /* complete, translated sentence naming the file */
  GQuark       domain;   /* of the error behind the entry, 0 when none */
  int          code;
} QmReportEntry;

#define QM_TYPE_REPORT (qm_report_get_type ())
G_DECLARE_FINAL_TYPE (QmReport, qm_report, QM, REPORT, GObject)

QmReport            *qm_report_new         (void);
/* Takes the message as printf format. */
void                 qm_report_add         (QmReport     *self,
                                            QmReportKind  kind,
                                            const char   *path,
                                            guint         line,
                                            const char   *format,
                                            ...) G_GNUC_PRINTF (5, 6);
/* An entry for @error: its message, domain and code. */
void                 qm_report_add_error   (QmReport     *self,
                                            QmReportKind  kind,
                                            const char   *path,
                                            guint         line,
                                            const GError *error);
guint                qm_report_count       (QmReport     *self,
                                            QmReportKind  kind);
guint                qm_report_get_n_entries (QmReport   *self);
/* Only while nothing is being added to the report. */
const QmReportEntry *qm_report_get_entry   (QmReport     *self,
                                            guint         index);
/* Moves every entry of @batch to the end of @self. With @committed FALSE
 * the batch's work was rolled back: "imported" entries become rejections
 * saying why (@reason). */
void                 qm_report_take_batch  (QmReport     *self,
                                            QmReport     *batch,
                                            gboolean      committed,
                                            const char   *reason);
/* "3 imported, 1 skipped, 2 rejected" */
char                *qm_report_summary     (QmReport     *self);

/* Progress of long work: @done of @total units (files, documents). Called on
 * the thread doing the work. */
typedef void (*QmProgressFunc) (guint    done,
                                guint    total,
                                gpointer user_data);

G_END_DECLS
