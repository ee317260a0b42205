/* qm-format-csv.c: a table of quotes for spreadsheets and statistics
 * packages: one row per quote and stance, RFC 4180. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "qm-format.h"
#include "qm-formats-private.h"

static const char *columns[] = {
  "document_id", "title", "quote_id", "quote_text", "quote_type", "start", "end",
  "speaker_text", "speaker_entity", "cue_text", "stance_target", "stance_value", "annotator",
};

/* RFC 4180: a field with a comma, a quote or a line break is quoted, with
 * its quotes doubled. */
static void
append_field (GString    *row,
              const char *value,
              gboolean    first)
{
  if (!first)
    g_string_append_c (row, ',');
  if (value == NULL)
    return;
  if (strpbrk (value, ",\"\r\n") == NULL)
    {
      g_string_append (row, value);
      return;
    }
  g_string_append_c (row, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (row, '"');
      g_string_append_c (row, *p);
    }
  g_string_append_c (row, '"');
}

static void
append_joined (GString    *joined,
               const char *value)
{
  if (value == NULL)
    return;
  /* The same speaker named twice is one speaker. */
  for (const char *p = joined->str; joined->len > 0;)
    {
      const char *sep = strstr (p, " | ");
      gsize n = sep != NULL ? (gsize) (sep - p) : strlen (p);

      if (n == strlen (value) && strncmp (p, value, n) == 0)
        return;
      if (sep == NULL)
        break;
      p = sep + 3;
    }
  if (joined->len > 0)
    g_string_append (joined, " | ");
  g_string_append (joined, value);
}

static void
append_quote_rows (GString     *out,
                   QmFormatDoc *doc,
                   QmSchema    *schema,
                   QmSpan      *quote)
{
  g_autoptr(GString) speakers = g_string_new (NULL);
  g_autoptr(GString) entities = g_string_new (NULL);
  g_autoptr(GString) cues = g_string_new (NULL);
  g_autoptr(GPtrArray) stances = qm_format_doc_stances_of (doc, quote->id);
  g_autofree char *quote_text = qm_offsets_slice (doc->offsets, quote->start, quote->end);
  g_autofree char *start = g_strdup_printf ("%ld", quote->start);
  g_autofree char *end = g_strdup_printf ("%ld", quote->end);

  /* What the quote points to: mentions of speakers (labels that refer to
   * an entity) and, of other labels, its cues. */
  for (guint i = 0; i < doc->relations->len; i++)
    {
      QmRelation *relation = g_ptr_array_index (doc->relations, i);
      QmSpan *to;
      const QmLabelDef *def;
      g_autofree char *to_text = NULL;

      if (g_strcmp0 (relation->from_id, quote->id) != 0)
        continue;
      to = g_hash_table_lookup (doc->span_by_id, relation->to_id);
      def = qm_schema_find_label (schema, to->label);
      to_text = qm_offsets_slice (doc->offsets, to->start, to->end);
      if (def != NULL && def->entity)
        {
          append_joined (speakers, to_text);
          append_joined (entities, qm_format_doc_entity_name (doc, to));
        }
      else
        append_joined (cues, to_text);
    }

  for (guint i = 0; i < MAX (stances->len, 1); i++)
    {
      QmStance *stance = i < stances->len ? g_ptr_array_index (stances, i) : NULL;

      append_field (out, doc->id, TRUE);
      append_field (out, qm_document_get_title (doc->document), FALSE);
      append_field (out, quote->id, FALSE);
      append_field (out, quote_text, FALSE);
      append_field (out, qm_span_get_attribute (quote, "type"), FALSE);
      append_field (out, start, FALSE);
      append_field (out, end, FALSE);
      append_field (out, speakers->str, FALSE);
      append_field (out, entities->str, FALSE);
      append_field (out, cues->str, FALSE);
      append_field (out, stance != NULL ? stance->target_name : NULL, FALSE);
      append_field (out, stance != NULL ? stance->value : NULL, FALSE);
      append_field (out, stance != NULL ? stance->annotator : quote->annotator, FALSE);
      g_string_append (out, "\r\n");
    }
}

gboolean
qm_format_csv_export (QmStore                *store,
                      const QmExportOptions  *options,
                      GOutputStream          *out,
                      QmReport               *report,
                      GCancellable           *cancellable,
                      GError                **error)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GString) header = g_string_new (NULL);
  QmSchema *schema = qm_store_get_schema (store);
  const char *quote_label = qm_schema_get_stance_label (schema);
  const char *annotator = options != NULL ? options->annotator : NULL;

  ids = qm_export_select_documents (store, options, error);
  if (ids == NULL)
    return FALSE;

  /* Spreadsheet programs take a file without a byte order mark for the
   * local 8-bit encoding. */
  if (options != NULL && options->excel)
    g_string_append (header, "\xEF\xBB\xBF");
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    append_field (header, columns[i], i == 0);
  g_string_append (header, "\r\n");
  if (!qm_format_write (out, header->str, header->len, cancellable, error))
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(QmFormatDoc) doc = NULL;
      g_autoptr(GString) rows = g_string_new (NULL);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      doc = qm_format_doc_load (store, g_ptr_array_index (ids, i), annotator, error);
      if (doc == NULL)
        return FALSE;

      for (guint k = 0; k < doc->spans->len; k++)
        {
          QmSpan *span = g_ptr_array_index (doc->spans, k);

          if (g_strcmp0 (span->label, quote_label) == 0)
            append_quote_rows (rows, doc, schema, span);
        }
      if (!qm_format_write (out, rows->str, rows->len, cancellable, error))
        return FALSE;
      qm_format_progress (options, i + 1, ids->len);
    }
  return TRUE;
}
