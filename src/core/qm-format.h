/* qm-format.h: the dataset formats Quotemark exports and imports, in one
 * table that the command line and the window both read. */
#pragma once

#include <gio/gio.h>
#include "qm-export.h"
#include "qm-import.h"
#include "qm-report.h"
#include "qm-store.h"

G_BEGIN_DECLS

typedef enum
{
  QM_FORMAT_NONE   = 0,
  QM_FORMAT_FOLDER = 1 << 0, /* exports to a folder of files, not one file */
} QmFormatFlags;

/* Writes the documents @options selects to @out. Warnings (spans widened,
 * spans left out) go to @report, which may be NULL. */
typedef gboolean (*QmFormatExportStreamFunc) (QmStore                *store,
                                              const QmExportOptions  *options,
                                              GOutputStream          *out,
                                              QmReport               *report,
                                              GCancellable           *cancellable,
                                              GError                **error);

/* Writes the documents @options selects into the folder @path, replacing it
 * only when the export is complete. */
typedef gboolean (*QmFormatExportFolderFunc) (QmStore                *store,
                                              const QmExportOptions  *options,
                                              const char             *path,
                                              QmReport               *report,
                                              GCancellable           *cancellable,
                                              GError                **error);

/* Imports @path (a file, or a folder for folder formats). Bad documents are
 * reported in @report and the rest still imports; FALSE with @error only
 * when the work itself failed (corpus not writable, cancelled). */
typedef gboolean (*QmFormatImportFunc)       (QmStore                *store,
                                              const char             *path,
                                              const QmImportOptions  *options,
                                              QmReport               *report,
                                              GCancellable           *cancellable,
                                              GError                **error);

typedef struct
{
  const char               *name;          /* "brat": what --format takes */
  const char               *display_name;  /* untranslated; see qm_format_get_display_name() */
  const char               *extension;     /* ".csv"; NULL for folder formats */
  const char               *mime_type;     /* for file choosers; NULL for folders */
  QmFormatFlags             flags;
  QmFormatExportStreamFunc  export_stream; /* single-file formats */
  QmFormatExportFolderFunc  export_folder; /* QM_FORMAT_FOLDER formats */
  QmFormatImportFunc        import;        /* NULL when the format only exports */
} QmFormat;

/* NULL when no format has this name. */
const QmFormat      *qm_format_find             (const char             *name);
/* Every format, NULL-terminated, in the order a menu shows them. */
const QmFormat *const *qm_format_list           (void);
/* "jsonl, csv, brat, ..." of the formats that export, or that import. */
char                *qm_format_list_names       (gboolean                importing);

const char          *qm_format_get_display_name (const QmFormat         *format);
gboolean             qm_format_is_folder        (const QmFormat         *format);
gboolean             qm_format_can_import       (const QmFormat         *format);

/* Exports to @path: a file written to a temporary name and renamed into place
 * when complete, or for folder formats a folder. */
gboolean             qm_format_export_to_path   (const QmFormat         *format,
                                                 QmStore                *store,
                                                 const QmExportOptions  *options,
                                                 const char             *path,
                                                 QmReport               *report,
                                                 GCancellable           *cancellable,
                                                 GError                **error);
/* Exports a single-file format to a stream (standard output). */
gboolean             qm_format_export_to_stream (const QmFormat         *format,
                                                 QmStore                *store,
                                                 const QmExportOptions  *options,
                                                 GOutputStream          *out,
                                                 QmReport               *report,
                                                 GCancellable           *cancellable,
                                                 GError                **error);

/* The exporters and importers the table points to. */
gboolean qm_format_csv_export          (QmStore *store, const QmExportOptions *options, GOutputStream *out,
                                        QmReport *report, GCancellable *cancellable, GError **error);
gboolean qm_format_conll_export        (QmStore *store, const QmExportOptions *options, GOutputStream *out,
                                        QmReport *report, GCancellable *cancellable, GError **error);
gboolean qm_format_doccano_export      (QmStore *store, const QmExportOptions *options, GOutputStream *out,
                                        QmReport *report, GCancellable *cancellable, GError **error);
gboolean qm_format_labelstudio_export  (QmStore *store, const QmExportOptions *options, GOutputStream *out,
                                        QmReport *report, GCancellable *cancellable, GError **error);
gboolean qm_format_brat_export         (QmStore *store, const QmExportOptions *options, const char *path,
                                        QmReport *report, GCancellable *cancellable, GError **error);

gboolean qm_format_brat_import         (QmStore *store, const char *path, const QmImportOptions *options,
                                        QmReport *report, GCancellable *cancellable, GError **error);
gboolean qm_format_doccano_import      (QmStore *store, const char *path, const QmImportOptions *options,
                                        QmReport *report, GCancellable *cancellable, GError **error);
gboolean qm_format_labelstudio_import  (QmStore *store, const char *path, const QmImportOptions *options,
                                        QmReport *report, GCancellable *cancellable, GError **error);

G_END_DECLS
