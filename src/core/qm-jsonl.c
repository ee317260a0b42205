/* qm-jsonl.c: the native JSONL format: export and lossless import. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "qm-error.h"
#include "qm-jsonl.h"
#include "qm-offsets.h"
#include "qm-segment.h"
#include "qm-text.h"

/* Deeper nesting than this is no document of ours, and would only exhaust
 * the parser's stack. */
#define MAX_JSON_DEPTH 64

/* ---------------------------------------------------------------- export */

/* Lines are written straight into a GString rather than built as a
 * JsonNode tree and then generated: the tree costs several allocations per
 * value and export speed is what a large corpus waits on. The output is what
 * JsonGenerator writes: compact, members in order, strings escaped alike
 * (tests/test-jsonl.c compares the two), except that U+001F is escaped as
 * JSON requires where JsonGenerator 1.6 leaves it raw. */

/* Bytes that cannot go into a JSON string as they are: control characters,
 * the quote and the backslash, DEL (as JsonGenerator has it), and the
 * terminating NUL, which ends the run. */
static const guchar needs_escape[256] = {
  [0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1, [0x07] = 1,
  [0x08] = 1, [0x09] = 1, [0x0a] = 1, [0x0b] = 1, [0x0c] = 1, [0x0d] = 1, [0x0e] = 1, [0x0f] = 1,
  [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1, [0x15] = 1, [0x16] = 1, [0x17] = 1,
  [0x18] = 1, [0x19] = 1, [0x1a] = 1, [0x1b] = 1, [0x1c] = 1, [0x1d] = 1, [0x1e] = 1, [0x1f] = 1,
  ['"'] = 1, ['\\'] = 1, [0x7f] = 1,
};

static void
append_string (GString    *out,
               const char *value)
{
  static const char hex[] = "0123456789abcdef";
  const guchar *p = (const guchar *) value;

  g_string_append_c (out, '"');
  for (;;)
    {
      const guchar *run = p;

      while (!needs_escape[*p])
        p++;
      g_string_append_len (out, (const char *) run, (const char *) p - (const char *) run);
      if (*p == '\0')
        break;

      switch (*p)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          g_string_append (out, "\\u00");
          g_string_append_c (out, hex[*p >> 4]);
          g_string_append_c (out, hex[*p & 0xf]);
          break;
        }
      p++;
    }
  g_string_append_c (out, '"');
}

/* ,"name": before every member but the first of an object. */
static void
append_name (GString    *out,
             const char *name)
{
  char last = out->str[out->len - 1];

  if (last != '{' && last != '[')
    g_string_append_c (out, ',');
  append_string (out, name);
  g_string_append_c (out, ':');
}

static void
append_nullable_string (GString    *out,
                        const char *name,
                        const char *value)
{
  append_name (out, name);
  if (value != NULL)
    append_string (out, value);
  else
    g_string_append (out, "null");
}

static void
append_int (GString    *out,
            const char *name,
            gint64      value)
{
  append_name (out, name);
  g_string_append_printf (out, "%" G_GINT64_FORMAT, value);
}

/* An element of an array: a comma before all but the first. */
static void
append_separator (GString *out)
{
  if (out->str[out->len - 1] != '[')
    g_string_append_c (out, ',');
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

static GPtrArray *
sorted_keys (GHashTable *table)
{
  GPtrArray *keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  if (table != NULL)
    {
      g_hash_table_iter_init (&iter, table);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_ptr_array_add (keys, key);
    }
  g_ptr_array_sort (keys, compare_strings);
  return keys;
}

/* The store lists spans by start, so one cursor walks the text once (plus
 * each span's length) instead of indexing all of it. */
static void
add_spans (GString    *out,
           GPtrArray  *spans,
           const char *document_text)
{
  QmUtf8Cursor starts;

  qm_utf8_cursor_init (&starts, document_text, -1);
  append_name (out, "spans");
  g_string_append_c (out, '[');
  for (guint i = 0; i < spans->len; i++)
    {
      QmSpan *span = g_ptr_array_index (spans, i);
      g_autoptr(GPtrArray) keys = sorted_keys (span->attributes);
      g_autofree char *text = NULL;
      QmUtf8Cursor ends;
      gsize start, end;

      start = qm_utf8_cursor_seek (&starts, span->start);
      ends = starts;
      end = qm_utf8_cursor_seek (&ends, MAX (span->start, span->end));
      text = g_strndup (document_text + start, end - start);

      append_separator (out);
      g_string_append_c (out, '{');
      append_nullable_string (out, "id", span->id);
      append_nullable_string (out, "label", span->label);
      append_int (out, "start", span->start);
      append_int (out, "end", span->end);
      append_nullable_string (out, "text", text);
      append_nullable_string (out, "annotator", span->annotator);
      append_name (out, "attributes");
      g_string_append_c (out, '{');
      for (guint k = 0; k < keys->len; k++)
        {
          const char *key = g_ptr_array_index (keys, k);

          append_nullable_string (out, key, g_hash_table_lookup (span->attributes, key));
        }
      g_string_append (out, "}}");
    }
  g_string_append_c (out, ']');
}

static void
add_relations (GString    *out,
               GPtrArray  *relations,
               GHashTable *span_ids)
{
  append_name (out, "relations");
  g_string_append_c (out, '[');
  for (guint i = 0; i < relations->len; i++)
    {
      QmRelation *relation = g_ptr_array_index (relations, i);

      /* An annotator's export holds only links between that annotator's spans. */
      if (!g_hash_table_contains (span_ids, relation->from_id)
          || !g_hash_table_contains (span_ids, relation->to_id))
        continue;

      append_separator (out);
      g_string_append_c (out, '{');
      append_nullable_string (out, "id", relation->id);
      append_nullable_string (out, "type", relation->type);
      append_nullable_string (out, "from", relation->from_id);
      append_nullable_string (out, "to", relation->to_id);
      append_nullable_string (out, "annotator", relation->annotator);
      g_string_append_c (out, '}');
    }
  g_string_append_c (out, ']');
}

static gboolean
add_entities (GString    *out,
              QmStore    *store,
              GPtrArray  *spans,
              GError    **error)
{
  g_autoptr(GHashTable) mentions = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                          (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) ids = NULL;

  for (guint i = 0; i < spans->len; i++)
    {
      QmSpan *span = g_ptr_array_index (spans, i);
      GPtrArray *list;

      if (span->entity_id == NULL)
        continue;
      list = g_hash_table_lookup (mentions, span->entity_id);
      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (mentions, span->entity_id, list);
        }
      g_ptr_array_add (list, span->id);
    }

  ids = sorted_keys (mentions);
  append_name (out, "entities");
  g_string_append_c (out, '[');
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      GPtrArray *list = g_hash_table_lookup (mentions, id);
      g_autoptr(QmEntity) entity = qm_store_get_entity (store, id, error);

      if (entity == NULL)
        return FALSE;

      append_separator (out);
      g_string_append_c (out, '{');
      append_nullable_string (out, "id", entity->id);
      append_nullable_string (out, "name", entity->name);
      append_name (out, "aliases");
      g_string_append_c (out, '[');
      for (guint k = 0; entity->aliases != NULL && k < entity->aliases->len; k++)
        {
          append_separator (out);
          append_string (out, g_ptr_array_index (entity->aliases, k));
        }
      g_string_append_c (out, ']');
      append_name (out, "mentions");
      g_string_append_c (out, '[');
      for (guint k = 0; k < list->len; k++)
        {
          append_separator (out);
          append_string (out, g_ptr_array_index (list, k));
        }
      g_string_append (out, "]}");
    }
  g_string_append_c (out, ']');
  return TRUE;
}

static void
add_stances (GString    *out,
             GPtrArray  *stances,
             GHashTable *span_ids)
{
  append_name (out, "stances");
  g_string_append_c (out, '[');
  for (guint i = 0; i < stances->len; i++)
    {
      QmStance *stance = g_ptr_array_index (stances, i);

      if (!g_hash_table_contains (span_ids, stance->span_id))
        continue;

      append_separator (out);
      g_string_append_c (out, '{');
      append_nullable_string (out, "quote", stance->span_id);
      append_nullable_string (out, "target", stance->target_name);
      append_nullable_string (out, "value", stance->value);
      append_nullable_string (out, "annotator", stance->annotator);
      g_string_append_c (out, '}');
    }
  g_string_append_c (out, ']');
}

/* Metadata is stored as JSON and written back through json-glib, which
 * decides how numbers look; most documents have none. */
static gboolean
add_metadata (GString     *out,
              QmDocument  *document,
              GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *json = NULL;
  const char *metadata = qm_document_get_metadata (document);

  append_name (out, "metadata");
  if (metadata == NULL || *metadata == '\0' || strcmp (metadata, "{}") == 0)
    {
      g_string_append (out, "{}");
      return TRUE;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, metadata, -1, error))
    return FALSE;
  json = json_to_string (json_parser_get_root (parser), FALSE);
  g_string_append (out, json);
  return TRUE;
}

static void
add_statuses (GString    *out,
              GHashTable *statuses,
              const char *annotator)
{
  g_autoptr(GPtrArray) keys = sorted_keys (statuses);

  append_name (out, "status");
  g_string_append_c (out, '{');
  for (guint i = 0; i < keys->len; i++)
    {
      const char *who = g_ptr_array_index (keys, i);

      if (annotator != NULL && g_strcmp0 (who, annotator) != 0)
        continue;
      append_nullable_string (out, who,
                              qm_status_to_string (GPOINTER_TO_INT (g_hash_table_lookup (statuses, who))));
    }
  g_string_append_c (out, '}');
}

/* The line for one document, appended to @out (no newline). */
static gboolean
append_document_line (GString     *out,
                      QmStore     *store,
                      const char  *document_id,
                      const char  *annotator,
                      GError     **error)
{
  g_autoptr(QmDocument) document = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GPtrArray) stances = NULL;
  g_autoptr(GHashTable) statuses = NULL;
  g_autoptr(GHashTable) span_ids = g_hash_table_new (g_str_hash, g_str_equal);

  document = qm_store_get_document (store, document_id, error);
  if (document == NULL)
    return FALSE;
  if (!(spans = qm_store_list_spans (store, document_id, annotator, error))
      || !(relations = qm_store_list_relations (store, document_id, annotator, error))
      || !(stances = qm_store_list_stances (store, document_id, annotator, error))
      || !(statuses = qm_store_get_statuses (store, document_id, error)))
    return FALSE;

  for (guint i = 0; i < spans->len; i++)
    g_hash_table_add (span_ids, ((QmSpan *) g_ptr_array_index (spans, i))->id);

  g_string_append_c (out, '{');
  append_nullable_string (out, "id", qm_document_get_id (document));
  append_nullable_string (out, "title", qm_document_get_title (document));
  append_nullable_string (out, "language", qm_document_get_language (document));
  append_nullable_string (out, "source", qm_document_get_source (document));
  append_nullable_string (out, "url", qm_document_get_url (document));
  append_nullable_string (out, "date", qm_document_get_date (document));
  append_nullable_string (out, "text", qm_document_get_text (document));
  append_nullable_string (out, "sha256", qm_document_get_sha256 (document));
  add_spans (out, spans, qm_document_get_text (document));
  add_relations (out, relations, span_ids);
  if (!add_entities (out, store, spans, error))
    return FALSE;
  add_stances (out, stances, span_ids);
  if (!add_metadata (out, document, error))
    return FALSE;
  add_statuses (out, statuses, annotator);
  g_string_append_c (out, '}');
  return TRUE;
}

char *
qm_jsonl_document_line (QmStore    *store,
                        const char *document_id,
                        const char *annotator,
                        GError    **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (!append_document_line (out, store, document_id, annotator, error))
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
qm_jsonl_export (QmStore                *store,
                 const QmExportOptions  *options,
                 GOutputStream          *out,
                 GCancellable           *cancellable,
                 GError                **error)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GString) line = g_string_sized_new (16 * 1024);
  const char *annotator = options ? options->annotator : NULL;

  gboolean ok = TRUE;

  /* The export is one snapshot of the corpus, whatever another window
   * writes meanwhile, and SQLite locks the file once instead of for each of
   * the many small reads a document takes. */
  if (!qm_store_begin_read (store, error))
    return FALSE;

  ids = qm_export_select_documents (store, options, error);
  if (ids == NULL)
    ok = FALSE;

  for (guint i = 0; ok && i < ids->len; i++)
    {
      /* One buffer for every line, and one write per line. */
      g_string_truncate (line, 0);
      ok = !g_cancellable_set_error_if_cancelled (cancellable, error)
        && append_document_line (line, store, g_ptr_array_index (ids, i), annotator, error);
      if (ok)
        {
          g_string_append_c (line, '\n');
          ok = g_output_stream_write_all (out, line->str, line->len, NULL, cancellable, error);
        }

      if (ok && options != NULL && options->progress != NULL)
        options->progress (i + 1, ids->len, options->progress_data);
    }

  qm_store_end_read (store);
  return ok;
}

/* ---------------------------------------------------------------- import */

typedef struct
{
  QmStore               *store;
  const QmImportOptions *options;
  const char            *name;     /* the file, for messages */
  guint                  line;
  QmReport              *report;
} ImportContext;

static gboolean G_GNUC_PRINTF (3, 4)
fail (ImportContext *ctx,
      GError       **error,
      const char    *format,
      ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA, "%s:%u: %s", ctx->name, ctx->line, detail);
  return FALSE;
}

/* Prefixes an error from the store with the place in the file. */
static gboolean
fail_with (ImportContext *ctx,
           GError       **error,
           GError        *cause)
{
  g_propagate_prefixed_error (error, cause, "%s:%u: ", ctx->name, ctx->line);
  return FALSE;
}

static gboolean
check_depth (ImportContext *ctx,
             const char    *line,
             gsize          len,
             GError       **error)
{
  gboolean in_string = FALSE;
  int depth = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = line[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          if (++depth > MAX_JSON_DEPTH)
            return fail (ctx, error, _("nested deeper than %d levels at byte %lu"),
                         MAX_JSON_DEPTH, (gulong) i);
        }
      else if (c == '}' || c == ']')
        depth--;
    }
  return TRUE;
}

/* Reads an optional string member: absent or null gives NULL. */
static gboolean
get_string (ImportContext *ctx,
            JsonObject    *object,
            const char    *what,
            const char    *member,
            gboolean       required,
            const char   **value,
            GError       **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        return fail (ctx, error, _("%s has no “%s”"), what, member);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fail (ctx, error, _("“%s” of %s must be a string"), member, what);
  *value = json_node_get_string (node);
  return TRUE;
}

static gboolean
get_offset (ImportContext *ctx,
            JsonObject    *object,
            const char    *what,
            const char    *member,
            gint64        *value,
            GError       **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    return fail (ctx, error, _("%s has no “%s”"), what, member);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return fail (ctx, error, _("“%s” of %s must be a whole number"), member, what);
  *value = json_node_get_int (node);
  return TRUE;
}

static gboolean
get_array (ImportContext *ctx,
           JsonObject    *object,
           const char    *what,
           const char    *member,
           JsonArray    **value,
           GError       **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (ctx, error, _("“%s” of %s must be an array"), member, what);
  *value = json_node_get_array (node);
  return TRUE;
}

static gboolean
get_object (ImportContext *ctx,
            JsonArray     *array,
            guint          index,
            const char    *what,
            JsonObject   **value,
            GError       **error)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (ctx, error, _("%s %u is not an object"), what, index + 1);
  *value = json_node_get_object (node);
  return TRUE;
}

static const char *
credited (ImportContext *ctx,
          const char    *annotator)
{
  if (ctx->options != NULL && ctx->options->annotator != NULL)
    return ctx->options->annotator;
  return annotator != NULL ? annotator : "unknown";
}

static gboolean
read_document (ImportContext *ctx,
               JsonObject    *object,
               QmDocument   **out,
               GError       **error)
{
  g_autoptr(QmDocument) document = qm_document_new ();
  const char *id, *title, *language, *source, *url, *date, *text, *sha256;
  JsonNode *metadata = json_object_get_member (object, "metadata");
  const char *what = _("the document");

  if (!get_string (ctx, object, what, "id", FALSE, &id, error)
      || !get_string (ctx, object, what, "title", FALSE, &title, error)
      || !get_string (ctx, object, what, "language", FALSE, &language, error)
      || !get_string (ctx, object, what, "source", FALSE, &source, error)
      || !get_string (ctx, object, what, "url", FALSE, &url, error)
      || !get_string (ctx, object, what, "date", FALSE, &date, error)
      || !get_string (ctx, object, what, "text", TRUE, &text, error)
      || !get_string (ctx, object, what, "sha256", FALSE, &sha256, error))
    return FALSE;

  if (*text == '\0')
    return fail (ctx, error, _("the text is empty"));
  if (memchr (text, '\0', strlen (text) + 1) != text + strlen (text))
    return fail (ctx, error, _("the text contains a NUL character"));

  qm_document_set_text (document, text);
  if (sha256 != NULL && g_ascii_strcasecmp (sha256, qm_document_get_sha256 (document)) != 0)
    return fail (ctx, error, _("“sha256” does not match the text (expected %s)"),
                 qm_document_get_sha256 (document));

  if (id != NULL)
    qm_document_set_id (document, id);
  qm_document_set_title (document, title);
  qm_document_set_language (document, language);
  qm_document_set_source (document, source);
  qm_document_set_url (document, url);
  qm_document_set_date (document, date);
  qm_document_set_imported (document, g_get_real_time ());

  if (metadata != NULL && !JSON_NODE_HOLDS_NULL (metadata))
    {
      g_autofree char *json = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (metadata))
        return fail (ctx, error, _("“metadata” must be an object"));
      json = json_to_string (metadata, FALSE);
      qm_document_set_metadata (document, json);
    }

  *out = g_steal_pointer (&document);
  return TRUE;
}

static gboolean
ensure_label (ImportContext *ctx,
              const char    *label,
              const char    *what,
              GError       **error)
{
  QmSchema *schema = qm_store_get_schema (ctx->store);

  if (qm_schema_find_label (schema, label) != NULL)
    return TRUE;
  if (ctx->options == NULL || !ctx->options->add_labels)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_UNKNOWN_LABEL,
                   _("%s:%u: %s has the label “%s”, which the corpus schema does not define (import with --add-labels to add it)"),
                   ctx->name, ctx->line, what, label);
      return FALSE;
    }
  qm_schema_add_label (schema, label);
  if (!qm_store_set_schema (ctx->store, schema, error))
    return FALSE;
  qm_report_add (ctx->report, QM_REPORT_WARNING, ctx->name, ctx->line,
                 _("%s:%u: label “%s” added to the schema"), ctx->name, ctx->line, label);
  return TRUE;
}

static gboolean
read_spans (ImportContext *ctx,
            JsonArray     *array,
            QmDocument    *document,
            GHashTable    *mention_of,  /* span id -> entity id */
            GHashTable    *spans,       /* span id -> QmSpan, filled */
            GPtrArray     *order,       /* the same spans in file order */
            GError       **error)
{
  glong n_chars = qm_document_get_n_chars (document);
  g_autoptr(QmOffsets) offsets = qm_offsets_new (qm_document_get_text (document), -1);
  g_autoptr(QmSegmenter) segmenter = NULL;
  QmSchema *schema = qm_store_get_schema (ctx->store);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autoptr(QmSpan) span = qm_span_new ();
      g_autofree char *what = g_strdup_printf (_("span %u"), i + 1);
      JsonObject *object;
      JsonNode *attributes;
      const char *id, *label, *text, *annotator;
      gint64 start, end;

      if (!get_object (ctx, array, i, _("span"), &object, error)
          || !get_string (ctx, object, what, "id", FALSE, &id, error)
          || !get_string (ctx, object, what, "label", TRUE, &label, error)
          || !get_offset (ctx, object, what, "start", &start, error)
          || !get_offset (ctx, object, what, "end", &end, error)
          || !get_string (ctx, object, what, "text", FALSE, &text, error)
          || !get_string (ctx, object, what, "annotator", FALSE, &annotator, error))
        return FALSE;

      if (start < 0 || end > n_chars || start >= end)
        return fail (ctx, error, _("%s: offsets %ld–%ld are not a span of the text (%ld characters)"),
                     what, (glong) start, (glong) end, n_chars);
      if (id != NULL && g_hash_table_contains (spans, id))
        return fail (ctx, error, _("%s: the id “%s” is used twice"), what, id);

      if (text != NULL)
        {
          g_autofree char *slice = qm_offsets_slice (offsets, start, end);

          if (strcmp (slice, text) != 0)
            return fail (ctx, error, _("%s: “text” is “%s” but the text at %ld–%ld is “%s”"),
                         what, text, (glong) start, (glong) end, slice);
        }

      if (!ensure_label (ctx, label, what, error))
        return FALSE;

      span->id = id != NULL ? g_strdup (id) : qm_new_id ();
      span->label = g_strdup (label);
      span->start = start;
      span->end = end;
      span->annotator = g_strdup (credited (ctx, annotator));

      attributes = json_object_get_member (object, "attributes");
      if (attributes != NULL && !JSON_NODE_HOLDS_NULL (attributes))
        {
          JsonObjectIter iter;
          const char *key;
          JsonNode *value;

          if (!JSON_NODE_HOLDS_OBJECT (attributes))
            return fail (ctx, error, _("%s: “attributes” must be an object"), what);
          json_object_iter_init (&iter, json_node_get_object (attributes));
          while (json_object_iter_next (&iter, &key, &value))
            {
              g_autoptr(GError) local_error = NULL;

              if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
                return fail (ctx, error, _("%s: attribute “%s” must be a string"), what, key);
              if (!qm_schema_check_attribute (schema, label, key, json_node_get_string (value), &local_error))
                {
                  if (ctx->options == NULL || !ctx->options->add_labels)
                    return fail_with (ctx, error, g_steal_pointer (&local_error));
                  qm_schema_add_attribute_value (schema, label, key, json_node_get_string (value));
                  if (!qm_store_set_schema (ctx->store, schema, error))
                    return FALSE;
                }
              qm_span_set_attribute (span, key, json_node_get_string (value));
            }
        }

      /* Spans from elsewhere may cut a letter from its marks; ours never do. */
      if (segmenter == NULL)
        segmenter = qm_segmenter_new (qm_document_get_text (document), -1);
      if (!qm_segmenter_is_grapheme_boundary (segmenter, span->start)
          || !qm_segmenter_is_grapheme_boundary (segmenter, span->end))
        {
          glong s = span->start, e = span->end;

          qm_segmenter_snap (segmenter, QM_SNAP_GRAPHEMES, &s, &e);
          qm_report_add (ctx->report, QM_REPORT_WARNING, ctx->name, ctx->line,
                         _("%s:%u: %s split a character; widened from %ld–%ld to %ld–%ld"),
                         ctx->name, ctx->line, what, span->start, span->end, s, e);
          span->start = s;
          span->end = e;
        }

      g_free (span->document_id);
      span->document_id = g_strdup (qm_document_get_id (document));
      span->entity_id = g_strdup (g_hash_table_lookup (mention_of, span->id));
      g_hash_table_insert (spans, span->id, qm_span_ref (span));
      g_ptr_array_add (order, span);
    }
  return TRUE;
}

static gboolean
read_entities (ImportContext *ctx,
               JsonArray     *array,
               GPtrArray     *entities,    /* QmEntity, filled */
               GHashTable    *mention_of,  /* span id -> entity id, filled */
               GError       **error)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autoptr(QmEntity) entity = qm_entity_new ();
      g_autofree char *what = g_strdup_printf (_("entity %u"), i + 1);
      JsonObject *object;
      JsonArray *aliases, *mentions;
      const char *id, *name;

      if (!get_object (ctx, array, i, _("entity"), &object, error)
          || !get_string (ctx, object, what, "id", FALSE, &id, error)
          || !get_string (ctx, object, what, "name", TRUE, &name, error)
          || !get_array (ctx, object, what, "aliases", &aliases, error)
          || !get_array (ctx, object, what, "mentions", &mentions, error))
        return FALSE;

      entity->id = id != NULL ? g_strdup (id) : qm_new_id ();
      entity->name = g_strdup (name);
      for (guint k = 0; aliases != NULL && k < json_array_get_length (aliases); k++)
        {
          JsonNode *alias = json_array_get_element (aliases, k);

          if (!JSON_NODE_HOLDS_VALUE (alias) || json_node_get_value_type (alias) != G_TYPE_STRING)
            return fail (ctx, error, _("%s: aliases must be strings"), what);
          g_ptr_array_add (entity->aliases, g_strdup (json_node_get_string (alias)));
        }
      for (guint k = 0; mentions != NULL && k < json_array_get_length (mentions); k++)
        {
          JsonNode *mention = json_array_get_element (mentions, k);

          if (!JSON_NODE_HOLDS_VALUE (mention) || json_node_get_value_type (mention) != G_TYPE_STRING)
            return fail (ctx, error, _("%s: mentions must be span ids"), what);
          g_hash_table_insert (mention_of, g_strdup (json_node_get_string (mention)), g_strdup (entity->id));
        }
      g_ptr_array_add (entities, g_steal_pointer (&entity));
    }
  return TRUE;
}

/* Adds an imported entity, or folds its names into the one the corpus has. */
static gboolean
save_entity (ImportContext *ctx,
             QmEntity      *entity,
             GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(QmEntity) existing = qm_store_get_entity (ctx->store, entity->id, &local_error);

  if (existing == NULL)
    {
      if (!g_error_matches (local_error, QM_ERROR, QM_ERROR_NOT_FOUND))
        return fail_with (ctx, error, g_steal_pointer (&local_error));
      return qm_store_save_entity (ctx->store, entity, error);
    }

  for (guint i = 0; i <= entity->aliases->len; i++)
    {
      const char *name = i < entity->aliases->len ? g_ptr_array_index (entity->aliases, i) : entity->name;
      gboolean known = g_strcmp0 (name, existing->name) == 0;

      for (guint k = 0; !known && k < existing->aliases->len; k++)
        known = g_strcmp0 (name, g_ptr_array_index (existing->aliases, k)) == 0;
      if (!known)
        g_ptr_array_add (existing->aliases, g_strdup (name));
    }
  return qm_store_save_entity (ctx->store, existing, error);
}

static gboolean
import_annotations (ImportContext *ctx,
                    JsonObject    *object,
                    QmDocument    *document,
                    gboolean       existing,
                    guint         *n_added,
                    GError       **error)
{
  g_autoptr(GHashTable) mention_of = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) spans = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) qm_span_unref);
  g_autoptr(GHashTable) known = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) entities = g_ptr_array_new_with_free_func ((GDestroyNotify) qm_entity_unref);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  JsonArray *span_array, *relations, *entity_array, *stances;
  JsonNode *status;
  QmSchema *schema = qm_store_get_schema (ctx->store);
  const char *doc_id = qm_document_get_id (document);

  if (!get_array (ctx, object, _("the document"), "spans", &span_array, error)
      || !get_array (ctx, object, _("the document"), "relations", &relations, error)
      || !get_array (ctx, object, _("the document"), "entities", &entity_array, error)
      || !get_array (ctx, object, _("the document"), "stances", &stances, error)
      || !read_entities (ctx, entity_array, entities, mention_of, error)
      || !read_spans (ctx, span_array, document, mention_of, spans, order, error))
    return FALSE;

  for (guint i = 0; i < entities->len; i++)
    if (!save_entity (ctx, g_ptr_array_index (entities, i), error))
      return FALSE;

  for (guint i = 0; i < order->len; i++)
    {
      QmSpan *span = g_ptr_array_index (order, i);
      g_autoptr(GError) local_error = NULL;

      if (existing)
        {
          g_autoptr(QmSpan) there = qm_store_get_span (ctx->store, span->id, NULL);

          if (there != NULL && g_strcmp0 (there->document_id, doc_id) == 0)
            {
              g_hash_table_add (known, span->id);
              continue;
            }
        }
      if (!qm_store_add_span (ctx->store, span, &local_error))
        {
          if (g_error_matches (local_error, QM_ERROR, QM_ERROR_DUPLICATE))
            return fail (ctx, error, _("span “%s” already exists in another document of the corpus"), span->id);
          return fail_with (ctx, error, g_steal_pointer (&local_error));
        }
      (*n_added)++;
    }

  for (guint i = 0; relations != NULL && i < json_array_get_length (relations); i++)
    {
      g_autoptr(QmRelation) relation = qm_relation_new ();
      g_autoptr(GError) local_error = NULL;
      g_autofree char *what = g_strdup_printf (_("relation %u"), i + 1);
      JsonObject *rel;
      const char *id, *type, *from, *to, *annotator;
      QmSpan *from_span, *to_span;

      if (!get_object (ctx, relations, i, _("relation"), &rel, error)
          || !get_string (ctx, rel, what, "id", FALSE, &id, error)
          || !get_string (ctx, rel, what, "type", TRUE, &type, error)
          || !get_string (ctx, rel, what, "from", TRUE, &from, error)
          || !get_string (ctx, rel, what, "to", TRUE, &to, error)
          || !get_string (ctx, rel, what, "annotator", FALSE, &annotator, error))
        return FALSE;

      from_span = g_hash_table_lookup (spans, from);
      to_span = g_hash_table_lookup (spans, to);
      if (from_span == NULL || to_span == NULL)
        return fail (ctx, error, _("%s links span “%s”, which this document does not have"),
                     what, from_span == NULL ? from : to);
      if (g_hash_table_contains (known, from) && g_hash_table_contains (known, to))
        continue;

      if (qm_schema_find_relation (schema, type) == NULL && ctx->options != NULL && ctx->options->add_labels)
        {
          qm_schema_add_relation (schema, type, from_span->label, to_span->label);
          if (!qm_store_set_schema (ctx->store, schema, error))
            return FALSE;
        }

      relation->id = id != NULL ? g_strdup (id) : qm_new_id ();
      relation->type = g_strdup (type);
      relation->from_id = g_strdup (from);
      relation->to_id = g_strdup (to);
      relation->annotator = g_strdup (credited (ctx, annotator));
      if (!qm_store_add_relation (ctx->store, relation, &local_error))
        return fail_with (ctx, error, g_steal_pointer (&local_error));
      (*n_added)++;
    }

  for (guint i = 0; stances != NULL && i < json_array_get_length (stances); i++)
    {
      g_autoptr(QmStance) stance = qm_stance_new ();
      g_autoptr(QmTarget) target = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *what = g_strdup_printf (_("stance %u"), i + 1);
      JsonObject *st;
      const char *quote, *target_name, *value, *annotator;

      if (!get_object (ctx, stances, i, _("stance"), &st, error)
          || !get_string (ctx, st, what, "quote", TRUE, &quote, error)
          || !get_string (ctx, st, what, "target", TRUE, &target_name, error)
          || !get_string (ctx, st, what, "value", TRUE, &value, error)
          || !get_string (ctx, st, what, "annotator", FALSE, &annotator, error))
        return FALSE;

      if (!g_hash_table_contains (spans, quote))
        return fail (ctx, error, _("%s is on span “%s”, which this document does not have"), what, quote);

      target = qm_store_ensure_target (ctx->store, target_name, &local_error);
      if (target == NULL)
        return fail_with (ctx, error, g_steal_pointer (&local_error));

      stance->span_id = g_strdup (quote);
      stance->target_id = g_strdup (target->id);
      stance->value = g_strdup (value);
      stance->annotator = g_strdup (credited (ctx, annotator));
      if (!qm_store_set_stance (ctx->store, stance, &local_error))
        return fail_with (ctx, error, g_steal_pointer (&local_error));
    }

  status = json_object_get_member (object, "status");
  if (status != NULL && !JSON_NODE_HOLDS_NULL (status))
    {
      JsonObjectIter iter;
      const char *who;
      JsonNode *value;

      if (!JSON_NODE_HOLDS_OBJECT (status))
        return fail (ctx, error, _("“status” must be an object of annotator names and statuses"));
      json_object_iter_init (&iter, json_node_get_object (status));
      while (json_object_iter_next (&iter, &who, &value))
        {
          QmStatus st;

          if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING
              || !qm_status_from_string (json_node_get_string (value), &st))
            return fail (ctx, error, _("the status of “%s” must be “new”, “in_progress” or “done”"), who);
          if (!qm_store_set_status (ctx->store, doc_id, credited (ctx, who), st, error))
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
import_line (ImportContext *ctx,
             const char    *line,
             gsize          len,
             GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(QmDocument) document = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *existing = NULL;
  const char *end = NULL;
  JsonNode *root;
  guint n_added = 0;

  if (!g_utf8_validate (line, len, &end))
    return fail (ctx, error, _("not valid UTF-8 at byte %lu of the line"), (gulong) (end - line));
  if (!check_depth (ctx, line, len, error))
    return FALSE;
  if (!json_parser_load_from_data (parser, line, len, &local_error))
    return fail (ctx, error, _("not valid JSON: %s"), local_error->message);

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return fail (ctx, error, _("a line must hold one JSON object (a document)"));

  if (!read_document (ctx, json_node_get_object (root), &document, error))
    return FALSE;

  existing = qm_store_find_document_by_sha256 (ctx->store, qm_document_get_sha256 (document), &local_error);
  if (local_error != NULL)
    return fail_with (ctx, error, g_steal_pointer (&local_error));

  if (existing != NULL)
    {
      g_clear_object (&document);
      document = qm_store_get_document (ctx->store, existing, error);
      if (document == NULL)
        return FALSE;
    }
  else if (!qm_store_add_document (ctx->store, document, &local_error))
    return fail_with (ctx, error, g_steal_pointer (&local_error));

  if (!import_annotations (ctx, json_node_get_object (root), document, existing != NULL, &n_added, error))
    return FALSE;

  if (existing == NULL)
    qm_report_add (ctx->report, QM_REPORT_IMPORTED, ctx->name, ctx->line,
                   _("%s:%u: imported as document %s"), ctx->name, ctx->line, qm_document_get_id (document));
  else if (n_added > 0)
    qm_report_add (ctx->report, QM_REPORT_IMPORTED, ctx->name, ctx->line,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s:%u: the text is already document %s; %u annotation added to it",
                                "%s:%u: the text is already document %s; %u annotations added to it", n_added),
                   ctx->name, ctx->line, existing, n_added);
  else
    qm_report_add (ctx->report, QM_REPORT_SKIPPED, ctx->name, ctx->line,
                   _("%s:%u: already in the corpus as document %s"), ctx->name, ctx->line, existing);
  return TRUE;
}

static gboolean
is_blank (const char *line,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isspace (line[i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_fatal (const GError *error)
{
  return g_error_matches (error, QM_ERROR, QM_ERROR_DISK_FULL)
      || g_error_matches (error, QM_ERROR, QM_ERROR_READ_ONLY)
      || g_error_matches (error, QM_ERROR, QM_ERROR_BUSY)
      || g_error_matches (error, QM_ERROR, QM_ERROR_CORRUPT);
}

gboolean
qm_jsonl_import (QmStore                *store,
                 GInputStream           *in,
                 const char             *name,
                 const QmImportOptions  *options,
                 QmReport               *report,
                 GCancellable           *cancellable,
                 GError                **error)
{
  g_autoptr(GDataInputStream) data = g_data_input_stream_new (in);
  ImportContext ctx = { store, options, name, 0, report };
  gboolean own_transaction = !qm_store_in_transaction (store);

  g_data_input_stream_set_newline_type (data, G_DATA_STREAM_NEWLINE_TYPE_LF);
  if (own_transaction && !qm_store_begin (store, error))
    return FALSE;

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *line = NULL;
      gsize len = 0;

      line = g_data_input_stream_read_line (data, &len, cancellable, &local_error);
      if (line == NULL)
        {
          if (local_error != NULL)
            {
              g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", name);
              goto failed;
            }
          break;
        }
      ctx.line++;
      if (len > 0 && line[len - 1] == '\r')
        line[--len] = '\0';
      if (is_blank (line, len))
        continue;

      if (!qm_store_savepoint (store, "jsonl_document", error))
        goto failed;
      if (!import_line (&ctx, line, len, &local_error))
        {
          /* Rolling back to a savepoint also releases it. */
          qm_store_rollback_to (store, "jsonl_document");
          if (is_fatal (local_error))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              goto failed;
            }
          qm_report_add_error (report, QM_REPORT_REJECTED, name, ctx.line, local_error);
          continue;
        }
      if (!qm_store_release (store, "jsonl_document", error))
        goto failed;
    }

  if (own_transaction && !qm_store_commit (store, error))
    goto failed;
  return TRUE;

failed:
  if (own_transaction)
    qm_store_rollback (store);
  return FALSE;
}
