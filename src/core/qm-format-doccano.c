/* qm-format-doccano.c: doccano's JSONL for sequence labelling with
 * relations: one document per line with "text", "entities" and "relations". */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "qm-error.h"
#include "qm-format.h"
#include "qm-formats-private.h"

/* ================================================================ export */

typedef struct
{
  guint       from;
  guint       to;
  const char *type;
} NumberedRelation;

static int
compare_numbered (gconstpointer a,
                  gconstpointer b)
{
  const NumberedRelation *x = a;
  const NumberedRelation *y = b;

  if (x->from != y->from)
    return x->from < y->from ? -1 : 1;
  if (x->to != y->to)
    return x->to < y->to ? -1 : 1;
  return g_strcmp0 (x->type, y->type);
}

static char *
document_line (QmFormatDoc *doc,
               guint        index,
               guint       *next_entity,
               guint       *next_relation)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) number = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) relations = g_array_new (FALSE, FALSE, sizeof (NumberedRelation));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, index);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, doc->text);

  /* doccano's ids are integers, unique in the export like its database's. */
  json_builder_set_member_name (builder, "entities");
  json_builder_begin_array (builder);
  for (guint i = 0; i < doc->spans->len; i++)
    {
      QmSpan *span = g_ptr_array_index (doc->spans, i);
      guint id = (*next_entity)++;

      g_hash_table_insert (number, span->id, GUINT_TO_POINTER (id));
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, id);
      json_builder_set_member_name (builder, "start_offset");
      json_builder_add_int_value (builder, span->start);
      json_builder_set_member_name (builder, "end_offset");
      json_builder_add_int_value (builder, span->end);
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, span->label);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  for (guint i = 0; i < doc->relations->len; i++)
    {
      QmRelation *relation = g_ptr_array_index (doc->relations, i);
      NumberedRelation numbered = {
        GPOINTER_TO_UINT (g_hash_table_lookup (number, relation->from_id)),
        GPOINTER_TO_UINT (g_hash_table_lookup (number, relation->to_id)),
        relation->type,
      };

      g_array_append_val (relations, numbered);
    }
  /* By position, not by id: the same annotations give the same file. */
  g_array_sort (relations, compare_numbered);
  json_builder_set_member_name (builder, "relations");
  json_builder_begin_array (builder);
  for (guint i = 0; i < relations->len; i++)
    {
      NumberedRelation *numbered = &g_array_index (relations, NumberedRelation, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, (*next_relation)++);
      json_builder_set_member_name (builder, "from_id");
      json_builder_add_int_value (builder, numbered->from);
      json_builder_set_member_name (builder, "to_id");
      json_builder_add_int_value (builder, numbered->to);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, numbered->type);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  /* doccano keeps other members of an imported line as the example's
   * metadata and writes them back on export. */
  json_builder_set_member_name (builder, "document_id");
  json_builder_add_string_value (builder, doc->id);
  json_builder_set_member_name (builder, "title");
  if (qm_document_get_title (doc->document) != NULL)
    json_builder_add_string_value (builder, qm_document_get_title (doc->document));
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

gboolean
qm_format_doccano_export (QmStore                *store,
                          const QmExportOptions  *options,
                          GOutputStream          *out,
                          QmReport               *report,
                          GCancellable           *cancellable,
                          GError                **error)
{
  g_autoptr(GPtrArray) ids = NULL;
  const char *annotator = options != NULL ? options->annotator : NULL;
  guint next_entity = 1, next_relation = 1;

  ids = qm_export_select_documents (store, options, error);
  if (ids == NULL)
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(QmFormatDoc) doc = NULL;
      g_autofree char *line = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      doc = qm_format_doc_load (store, g_ptr_array_index (ids, i), annotator, error);
      if (doc == NULL)
        return FALSE;
      line = document_line (doc, i + 1, &next_entity, &next_relation);
      if (!qm_format_write (out, line, -1, cancellable, error)
          || !qm_format_write (out, "\n", 1, cancellable, error))
        return FALSE;
      qm_format_progress (options, i + 1, ids->len);
    }
  return TRUE;
}

/* ================================================================ import */

typedef struct
{
  JsonObject *object;
  guint       line;
} DoccanoLine;

static const char *
optional_string (JsonObject *object,
                 const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Reads one entity, either {"id", "start_offset", "end_offset", "label"}
 * or [start, end, "label"]. */
static gboolean
read_entity (QmFormatImport  *ctx,
             guint            line,
             JsonNode        *node,
             guint            index,
             gint64          *id,
             gboolean        *has_id,
             gint64          *start,
             gint64          *end,
             const char     **label,
             GError         **error)
{
  *has_id = FALSE;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      JsonNode *third;

      if (json_array_get_length (array) < 3
          || !qm_format_json_int (json_array_get_element (array, 0), start)
          || !qm_format_json_int (json_array_get_element (array, 1), end)
          || !JSON_NODE_HOLDS_VALUE ((third = json_array_get_element (array, 2)))
          || json_node_get_value_type (third) != G_TYPE_STRING)
        return qm_format_fail (ctx, line, error,
                               _("entity %u must be [start, end, \"label\"]"), index + 1);
      *label = json_node_get_string (third);
      return TRUE;
    }
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);

      if (!qm_format_json_int (json_object_get_member (object, "start_offset"), start)
          || !qm_format_json_int (json_object_get_member (object, "end_offset"), end))
        return qm_format_fail (ctx, line, error,
                               _("entity %u needs whole-number “start_offset” and “end_offset”"), index + 1);
      if ((*label = optional_string (object, "label")) == NULL)
        return qm_format_fail (ctx, line, error, _("entity %u has no “label”"), index + 1);
      if (json_object_has_member (object, "id"))
        {
          if (!qm_format_json_int (json_object_get_member (object, "id"), id))
            return qm_format_fail (ctx, line, error, _("the “id” of entity %u must be a whole number"), index + 1);
          *has_id = TRUE;
        }
      return TRUE;
    }
  return qm_format_fail (ctx, line, error, _("entity %u is neither an object nor an array"), index + 1);
}

static gboolean
has_astral (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) > 0xFFFF)
      return TRUE;
  return FALSE;
}

static gboolean
import_line (QmFormatImport  *ctx,
             gpointer         data,
             GError         **error)
{
  DoccanoLine *l = data;
  JsonObject *object = l->object;
  const char *text = optional_string (object, "text");
  const char *id = optional_string (object, "document_id");
  const char *title = optional_string (object, "title");
  JsonNode *entities_node = json_object_get_member (object, "entities");
  JsonNode *labels_node = json_object_get_member (object, "label");
  JsonNode *relations_node = json_object_get_member (object, "relations");
  g_autoptr(QmDocument) document = NULL;
  g_autoptr(QmFormatTarget) target = NULL;
  g_autoptr(GHashTable) span_of = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *source = g_path_get_basename (ctx->path);
  JsonArray *entities = NULL;
  gboolean existing = FALSE;

  if (text == NULL)
    return qm_format_fail (ctx, l->line, error, _("the line has no “text” string"));

  /* Which variant: "entities" (objects or arrays) or "label" (arrays);
   * "label" of strings is a text classification, which has no spans. */
  if (entities_node != NULL && JSON_NODE_HOLDS_ARRAY (entities_node))
    entities = json_node_get_array (entities_node);
  else if (entities_node != NULL && !JSON_NODE_HOLDS_NULL (entities_node))
    return qm_format_fail (ctx, l->line, error, _("“entities” must be an array"));
  else if (labels_node != NULL && JSON_NODE_HOLDS_ARRAY (labels_node))
    {
      JsonArray *labels = json_node_get_array (labels_node);

      if (json_array_get_length (labels) > 0 && JSON_NODE_HOLDS_VALUE (json_array_get_element (labels, 0)))
        qm_format_warn (ctx, l->line, _("“label” holds categories of the whole text, which are not imported"));
      else
        entities = labels;
    }
  if (relations_node != NULL && !JSON_NODE_HOLDS_NULL (relations_node) && !JSON_NODE_HOLDS_ARRAY (relations_node))
    return qm_format_fail (ctx, l->line, error, _("“relations” must be an array"));

  /* The text is kept as it is, like the native JSONL: the offsets point
   * into exactly this string. */
  document = qm_format_find_or_add_document (ctx, text, id, title, source, &existing, &local_error);
  if (document == NULL)
    return qm_format_fail_with (ctx, l->line, error, g_steal_pointer (&local_error));
  target = qm_format_target_new (ctx, document, error);
  if (target == NULL)
    return FALSE;

  for (guint i = 0; entities != NULL && i < json_array_get_length (entities); i++)
    {
      g_autofree char *what = g_strdup_printf (_("entity %u"), i + 1);
      const char *label = NULL, *span_id;
      gint64 entity_id = 0, start, end;
      gboolean has_id;
      glong n_chars = qm_offsets_get_n_chars (target->offsets);

      if (!read_entity (ctx, l->line, json_array_get_element (entities, i), i,
                        &entity_id, &has_id, &start, &end, &label, error))
        return FALSE;
      if ((start < 0 || end > n_chars || start >= end)
          && end <= qm_offsets_get_n_utf16 (target->offsets) && has_astral (text))
        /* doccano's editor counts UTF-16 code units (its issue #2290). */
        return qm_format_fail (ctx, l->line, error,
                               _("%s: offsets %ld–%ld are not a span of the text (%ld characters); "
                                 "they may count UTF-16 code units, as doccano's editor does, instead of characters"),
                               what, (glong) start, (glong) end, n_chars);
      span_id = qm_format_target_add_span (target, l->line, what, NULL, label, start, end, NULL, NULL, NULL, error);
      if (span_id == NULL)
        return FALSE;
      if (has_id)
        {
          gint64 *key = g_new (gint64, 1);

          *key = entity_id;
          if (g_hash_table_contains (span_of, key))
            {
              g_free (key);
              return qm_format_fail (ctx, l->line, error, _("%s: the id %ld is used twice"),
                                     what, (glong) entity_id);
            }
          g_hash_table_insert (span_of, key, (gpointer) span_id);
        }
    }

  for (guint i = 0; relations_node != NULL && JSON_NODE_HOLDS_ARRAY (relations_node)
                    && i < json_array_get_length (json_node_get_array (relations_node)); i++)
    {
      JsonNode *node = json_array_get_element (json_node_get_array (relations_node), i);
      JsonObject *relation;
      const char *type, *from, *to;
      gint64 from_id, to_id;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return qm_format_fail (ctx, l->line, error, _("relation %u is not an object"), i + 1);
      relation = json_node_get_object (node);
      if (!qm_format_json_int (json_object_get_member (relation, "from_id"), &from_id)
          || !qm_format_json_int (json_object_get_member (relation, "to_id"), &to_id))
        return qm_format_fail (ctx, l->line, error, _("relation %u needs whole-number “from_id” and “to_id”"), i + 1);
      if ((type = optional_string (relation, "type")) == NULL)
        return qm_format_fail (ctx, l->line, error, _("relation %u has no “type”"), i + 1);
      from = g_hash_table_lookup (span_of, &from_id);
      to = g_hash_table_lookup (span_of, &to_id);
      if (from == NULL || to == NULL)
        return qm_format_fail (ctx, l->line, error, _("relation %u links entity %ld, which this line does not have"),
                               i + 1, (glong) (from == NULL ? from_id : to_id));
      if (!qm_format_target_add_relation (target, l->line, type, from, to, NULL, error))
        return FALSE;
    }

  qm_format_target_report (target, l->line, existing);
  return TRUE;
}

gboolean
qm_format_doccano_import (QmStore                *store,
                          const char             *path,
                          const QmImportOptions  *options,
                          QmReport               *report,
                          GCancellable           *cancellable,
                          GError                **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  g_autoptr(GError) local_error = NULL;
  QmFormatImport ctx = { store, options, report, path, "doccano", 0 };
  gboolean own_transaction = !qm_store_in_transaction (store);
  guint line = 0;

  g_return_val_if_fail (QM_IS_STORE (store), FALSE);

  stream = g_file_read (file, cancellable, &local_error);
  if (stream == NULL)
    {
      qm_report_add (report, QM_REPORT_REJECTED, path, 0, _("%s: cannot read: %s"), path, local_error->message);
      return TRUE;
    }
  in = g_data_input_stream_new (G_INPUT_STREAM (stream));
  g_data_input_stream_set_newline_type (in, G_DATA_STREAM_NEWLINE_TYPE_LF);

  if (own_transaction && !qm_store_begin (store, error))
    return FALSE;

  for (;;)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *text = NULL;
      const char *bad = NULL;
      DoccanoLine l;
      JsonNode *root;
      gsize len = 0;

      text = g_data_input_stream_read_line (in, &len, cancellable, &local_error);
      if (text == NULL)
        {
          if (local_error != NULL)
            {
              g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", path);
              goto failed;
            }
          break;
        }
      line++;
      if (len > 0 && text[len - 1] == '\r')
        text[--len] = '\0';
      if (strspn (text, " \t") == len)
        continue;

      if (!g_utf8_validate (text, len, &bad))
        {
          qm_report_add (report, QM_REPORT_REJECTED, path, line,
                         _("%s:%u: not valid UTF-8 at byte %lu of the line"),
                         path, line, (gulong) (bad - text));
          continue;
        }
      if (!json_parser_load_from_data (parser, text, len, &local_error))
        {
          qm_report_add (report, QM_REPORT_REJECTED, path, line,
                         _("%s:%u: not valid JSON: %s"), path, line, local_error->message);
          g_clear_error (&local_error);
          continue;
        }
      root = json_parser_get_root (parser);
      if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
        {
          qm_report_add (report, QM_REPORT_REJECTED, path, line,
                         _("%s:%u: a line must hold one JSON object (a document)"), path, line);
          continue;
        }

      l.object = json_node_get_object (root);
      l.line = line;
      if (!qm_format_import_document (&ctx, line, import_line, &l, error))
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
