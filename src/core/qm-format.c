/* qm-format.c: the table of dataset formats and exporting through it. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "qm-error.h"
#include "qm-format.h"
#include "qm-jsonl.h"

static gboolean
jsonl_export (QmStore                *store,
              const QmExportOptions  *options,
              GOutputStream          *out,
              QmReport               *report,
              GCancellable           *cancellable,
              GError                **error)
{
  return qm_jsonl_export (store, options, out, cancellable, error);
}

static gboolean
jsonl_import (QmStore                *store,
              const char             *path,
              const QmImportOptions  *options,
              QmReport               *report,
              GCancellable           *cancellable,
              GError                **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GError) local_error = NULL;

  in = g_file_read (file, cancellable, &local_error);
  if (in == NULL)
    {
      qm_report_add (report, QM_REPORT_REJECTED, path, 0, _("%s: cannot read: %s"), path, local_error->message);
      return TRUE;
    }
  return qm_jsonl_import (store, G_INPUT_STREAM (in), path, options, report, cancellable, error);
}

static const QmFormat formats[] = {
  { "jsonl", N_("Quotemark JSONL"), ".jsonl", "application/jsonl",
    QM_FORMAT_NONE, jsonl_export, NULL, jsonl_import },
  { "csv", N_("CSV table of quotes"), ".csv", "text/csv",
    QM_FORMAT_NONE, qm_format_csv_export, NULL, NULL },
  { "brat", N_("brat standoff folder"), NULL, NULL,
    QM_FORMAT_FOLDER, NULL, qm_format_brat_export, qm_format_brat_import },
  { "conll", N_("CoNLL-2003 (IOB2 tags)"), ".conll", "text/plain",
    QM_FORMAT_NONE, qm_format_conll_export, NULL, NULL },
  { "doccano", N_("doccano JSONL"), ".jsonl", "application/jsonl",
    QM_FORMAT_NONE, qm_format_doccano_export, NULL, qm_format_doccano_import },
  { "labelstudio", N_("Label Studio JSON"), ".json", "application/json",
    QM_FORMAT_NONE, qm_format_labelstudio_export, NULL, qm_format_labelstudio_import },
};

static const QmFormat *format_list[G_N_ELEMENTS (formats) + 1];

const QmFormat *const *
qm_format_list (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
        format_list[i] = &formats[i];
      format_list[G_N_ELEMENTS (formats)] = NULL;
      g_once_init_leave (&initialized, 1);
    }
  return format_list;
}

const QmFormat *
qm_format_find (const char *name)
{
  if (name == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_ascii_strcasecmp (formats[i].name, name) == 0)
      return &formats[i];
  return NULL;
}

char *
qm_format_list_names (gboolean importing)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      if (importing && formats[i].import == NULL)
        continue;
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, formats[i].name);
    }
  return g_string_free (names, FALSE);
}

const char *
qm_format_get_display_name (const QmFormat *format)
{
  g_return_val_if_fail (format != NULL, NULL);
  return _(format->display_name);
}

gboolean
qm_format_is_folder (const QmFormat *format)
{
  g_return_val_if_fail (format != NULL, FALSE);
  return (format->flags & QM_FORMAT_FOLDER) != 0;
}

gboolean
qm_format_can_import (const QmFormat *format)
{
  g_return_val_if_fail (format != NULL, FALSE);
  return format->import != NULL;
}

gboolean
qm_format_export_to_stream (const QmFormat         *format,
                            QmStore                *store,
                            const QmExportOptions  *options,
                            GOutputStream          *out,
                            QmReport               *report,
                            GCancellable           *cancellable,
                            GError                **error)
{
  g_return_val_if_fail (format != NULL, FALSE);
  g_return_val_if_fail (QM_IS_STORE (store), FALSE);

  if (format->export_stream == NULL)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_FAILED,
                   _("The %s format writes a folder; give the folder to write"), format->name);
      return FALSE;
    }
  return format->export_stream (store, options, out, report, cancellable, error);
}

gboolean
qm_format_export_to_path (const QmFormat         *format,
                          QmStore                *store,
                          const QmExportOptions  *options,
                          const char             *path,
                          QmReport               *report,
                          GCancellable           *cancellable,
                          GError                **error)
{
  g_autoptr(GOutputStream) out = NULL;

  g_return_val_if_fail (format != NULL, FALSE);
  g_return_val_if_fail (QM_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (format->export_folder != NULL)
    return format->export_folder (store, options, path, report, cancellable, error);

  out = qm_export_open_output (path, error);
  if (out == NULL)
    return FALSE;
  if (!format->export_stream (store, options, out, report, cancellable, error))
    {
      qm_export_abort_output (out);
      return FALSE;
    }
  return g_output_stream_close (out, cancellable, error);
}
