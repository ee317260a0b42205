/* qm-report.c: the file-by-file account of an import or export. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "qm-report.h"

struct _QmReport
{
  GObject  parent_instance;
  GArray  *entries;   /* of QmReportEntry */
  guint    counts[QM_REPORT_WARNING + 1];
  GMutex   mutex;     /* imports fill it on a worker thread */
};

G_DEFINE_FINAL_TYPE (QmReport, qm_report, G_TYPE_OBJECT)

static void
clear_entry (gpointer data)
{
  QmReportEntry *entry = data;

  g_clear_pointer (&entry->path, g_free);
  g_clear_pointer (&entry->message, g_free);
}

static void
qm_report_finalize (GObject *object)
{
  QmReport *self = QM_REPORT (object);

  g_clear_pointer (&self->entries, g_array_unref);
  g_mutex_clear (&self->mutex);
  G_OBJECT_CLASS (qm_report_parent_class)->finalize (object);
}

static void
qm_report_class_init (QmReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = qm_report_finalize;
}

static void
qm_report_init (QmReport *self)
{
  self->entries = g_array_new (FALSE, TRUE, sizeof (QmReportEntry));
  g_array_set_clear_func (self->entries, clear_entry);
  g_mutex_init (&self->mutex);
}

QmReport *
qm_report_new (void)
{
  return g_object_new (QM_TYPE_REPORT, NULL);
}

static void
append_entry (QmReport      *self,
              QmReportEntry *entry)
{
  g_mutex_lock (&self->mutex);
  g_array_append_val (self->entries, *entry);
  self->counts[entry->kind]++;
  g_mutex_unlock (&self->mutex);
}

void
qm_report_add (QmReport     *self,
               QmReportKind  kind,
               const char   *path,
               guint         line,
               const char   *format,
               ...)
{
  QmReportEntry entry = { kind, g_strdup (path), line, NULL, 0, 0 };
  va_list args;

  g_return_if_fail (QM_IS_REPORT (self));
  g_return_if_fail (kind <= QM_REPORT_WARNING);

  va_start (args, format);
  entry.message = g_strdup_vprintf (format, args);
  va_end (args);

  append_entry (self, &entry);
}

/* The domain and code go along so that a caller can tell a disk that is
 * full from a file that is bad without reading the message. */
void
qm_report_add_error (QmReport     *self,
                     QmReportKind  kind,
                     const char   *path,
                     guint         line,
                     const GError *error)
{
  QmReportEntry entry = { kind, g_strdup (path), line, NULL, 0, 0 };

  g_return_if_fail (QM_IS_REPORT (self));
  g_return_if_fail (kind <= QM_REPORT_WARNING);
  g_return_if_fail (error != NULL);

  entry.message = g_strdup (error->message);
  entry.domain = error->domain;
  entry.code = error->code;
  append_entry (self, &entry);
}

guint
qm_report_count (QmReport     *self,
                 QmReportKind  kind)
{
  guint n;

  g_return_val_if_fail (QM_IS_REPORT (self), 0);
  g_return_val_if_fail (kind <= QM_REPORT_WARNING, 0);

  g_mutex_lock (&self->mutex);
  n = self->counts[kind];
  g_mutex_unlock (&self->mutex);
  return n;
}

guint
qm_report_get_n_entries (QmReport *self)
{
  guint n;

  g_return_val_if_fail (QM_IS_REPORT (self), 0);

  g_mutex_lock (&self->mutex);
  n = self->entries->len;
  g_mutex_unlock (&self->mutex);
  return n;
}

const QmReportEntry *
qm_report_get_entry (QmReport *self,
                     guint     index)
{
  const QmReportEntry *entry;

  g_return_val_if_fail (QM_IS_REPORT (self), NULL);

  g_mutex_lock (&self->mutex);
  entry = index < self->entries->len ? &g_array_index (self->entries, QmReportEntry, index) : NULL;
  g_mutex_unlock (&self->mutex);
  return entry;
}

void
qm_report_take_batch (QmReport   *self,
                      QmReport   *batch,
                      gboolean    committed,
                      const char *reason)
{
  g_return_if_fail (QM_IS_REPORT (self));
  g_return_if_fail (QM_IS_REPORT (batch));

  for (guint i = 0; i < batch->entries->len; i++)
    {
      QmReportEntry *entry = &g_array_index (batch->entries, QmReportEntry, i);

      if (!committed && entry->kind == QM_REPORT_IMPORTED)
        qm_report_add (self, QM_REPORT_REJECTED, entry->path, entry->line,
                       _("%s: not imported: %s"), entry->path, reason);
      else
        {
          QmReportEntry moved = *entry;

          /* The strings change hands; the batch forgets them below. */
          entry->path = NULL;
          entry->message = NULL;
          append_entry (self, &moved);
        }
    }
  g_array_set_size (batch->entries, 0);
  memset (batch->counts, 0, sizeof batch->counts);
}

char *
qm_report_summary (QmReport *self)
{
  GString *out = g_string_new (NULL);
  guint imported = qm_report_count (self, QM_REPORT_IMPORTED);
  guint skipped = qm_report_count (self, QM_REPORT_SKIPPED);
  guint rejected = qm_report_count (self, QM_REPORT_REJECTED);
  guint warnings = qm_report_count (self, QM_REPORT_WARNING);
  /* TRANSLATORS: between the counts of an import summary, "3 imported, 1 skipped" */
  const char *separator = _(", ");

  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%'u imported", "%'u imported", imported), imported);
  g_string_append (out, separator);
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%'u skipped", "%'u skipped", skipped), skipped);
  g_string_append (out, separator);
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%'u rejected", "%'u rejected", rejected), rejected);
  if (warnings > 0)
    {
      g_string_append (out, separator);
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%'u warning", "%'u warnings", warnings), warnings);
    }
  return g_string_free (out, FALSE);
}
