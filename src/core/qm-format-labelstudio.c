/* qm-format-labelstudio.c: Label Studio's JSON: an array of tasks whose
 * annotations (and predictions) hold labelled regions and relations. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "qm-error.h"
#include "qm-format.h"
#include "qm-formats-private.h"

/* The names of the labelling configuration the export is made for
 * (docs/formats.md): <Text name="text">, <Labels name="label">, per-region
 * <Choices> named after each attribute, and per-region <TextArea>s. */
#define TEXT_NAME   "text"
#define LABELS_NAME "label"
#define ENTITY_NAME "entity"
#define STANCE_NAME "stance"

/* ================================================================ export */

static void
begin_region (JsonBuilder  *builder,
              const QmSpan *span,
              const char   *from_name,
              const char   *type)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, span->id);
  json_builder_set_member_name (builder, "from_name");
  json_builder_add_string_value (builder, from_name);
  json_builder_set_member_name (builder, "to_name");
  json_builder_add_string_value (builder, TEXT_NAME);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, type);
  json_builder_set_member_name (builder, "value");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "start");
  json_builder_add_int_value (builder, span->start);
  json_builder_set_member_name (builder, "end");
  json_builder_add_int_value (builder, span->end);
}

static void
end_region (JsonBuilder *builder)
{
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

static void
add_annotation (JsonBuilder *builder,
                QmFormatDoc *doc,
                const char  *annotator,
                guint        id)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, id);
  /* Label Studio's "completed_by" is a user number of its own database;
   * the name travels beside it. */
  json_builder_set_member_name (builder, "annotator");
  json_builder_add_string_value (builder, annotator);
  json_builder_set_member_name (builder, "result");
  json_builder_begin_array (builder);

  for (guint i = 0; i < doc->spans->len; i++)
    {
      QmSpan *span = g_ptr_array_index (doc->spans, i);
      g_autofree char *text = NULL;
      g_autoptr(GPtrArray) keys = NULL;
      g_autoptr(GPtrArray) stances = NULL;
      const char *entity;

      if (g_strcmp0 (span->annotator, annotator) != 0)
        continue;

      text = qm_offsets_slice (doc->offsets, span->start, span->end);
      begin_region (builder, span, LABELS_NAME, "labels");
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, text);
      json_builder_set_member_name (builder, "labels");
      json_builder_begin_array (builder);
      json_builder_add_string_value (builder, span->label);
      json_builder_end_array (builder);
      end_region (builder);

      /* Per-region results share the region's id. */
      keys = qm_format_sorted_keys (span->attributes);
      for (guint k = 0; k < keys->len; k++)
        {
          const char *key = g_ptr_array_index (keys, k);

          begin_region (builder, span, key, "choices");
          json_builder_set_member_name (builder, "choices");
          json_builder_begin_array (builder);
          json_builder_add_string_value (builder, g_hash_table_lookup (span->attributes, key));
          json_builder_end_array (builder);
          end_region (builder);
        }

      if ((entity = qm_format_doc_entity_name (doc, span)) != NULL)
        {
          begin_region (builder, span, ENTITY_NAME, "textarea");
          json_builder_set_member_name (builder, "text");
          json_builder_begin_array (builder);
          json_builder_add_string_value (builder, entity);
          json_builder_end_array (builder);
          end_region (builder);
        }

      stances = qm_format_doc_stances_of (doc, span->id);
      if (stances->len > 0)
        {
          begin_region (builder, span, STANCE_NAME, "textarea");
          json_builder_set_member_name (builder, "text");
          json_builder_begin_array (builder);
          for (guint k = 0; k < stances->len; k++)
            {
              QmStance *stance = g_ptr_array_index (stances, k);
              g_autofree char *line = g_strdup_printf ("%s=%s", stance->target_name, stance->value);

              json_builder_add_string_value (builder, line);
            }
          json_builder_end_array (builder);
          end_region (builder);
        }
    }

  for (guint i = 0; i < doc->relations->len; i++)
    {
      QmRelation *relation = g_ptr_array_index (doc->relations, i);
      QmSpan *from = g_hash_table_lookup (doc->span_by_id, relation->from_id);

      if (g_strcmp0 (from->annotator, annotator) != 0)
        continue;
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "from_id");
      json_builder_add_string_value (builder, relation->from_id);
      json_builder_set_member_name (builder, "to_id");
      json_builder_add_string_value (builder, relation->to_id);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, "relation");
      json_builder_set_member_name (builder, "direction");
      json_builder_add_string_value (builder, "right");
      json_builder_set_member_name (builder, "labels");
      json_builder_begin_array (builder);
      json_builder_add_string_value (builder, relation->type);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

static void
add_task (JsonBuilder *builder,
          QmFormatDoc *doc,
          guint        index,
          guint       *next_annotation)
{
  g_autoptr(GPtrArray) annotators = g_ptr_array_new ();

  for (guint i = 0; i < doc->spans->len; i++)
    {
      QmSpan *span = g_ptr_array_index (doc->spans, i);
      gboolean seen = FALSE;

      for (guint k = 0; k < annotators->len && !seen; k++)
        seen = g_strcmp0 (g_ptr_array_index (annotators, k), span->annotator) == 0;
      if (!seen)
        g_ptr_array_add (annotators, span->annotator);
    }
  g_ptr_array_sort (annotators, compare_strings);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, index);
  json_builder_set_member_name (builder, "data");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, doc->text);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, doc->id);
  json_builder_set_member_name (builder, "title");
  if (qm_document_get_title (doc->document) != NULL)
    json_builder_add_string_value (builder, qm_document_get_title (doc->document));
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  /* One annotation per annotator, as Label Studio keeps one per user. */
  json_builder_set_member_name (builder, "annotations");
  json_builder_begin_array (builder);
  for (guint i = 0; i < annotators->len; i++)
    add_annotation (builder, doc, g_ptr_array_index (annotators, i), (*next_annotation)++);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "predictions");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

gboolean
qm_format_labelstudio_export (QmStore                *store,
                              const QmExportOptions  *options,
                              GOutputStream          *out,
                              QmReport               *report,
                              GCancellable           *cancellable,
                              GError                **error)
{
  g_autoptr(GPtrArray) ids = NULL;
  const char *annotator = options != NULL ? options->annotator : NULL;
  guint next_annotation = 1;

  ids = qm_export_select_documents (store, options, error);
  if (ids == NULL)
    return FALSE;

  /* Task by task, so that a large corpus is never one tree in memory. */
  if (!qm_format_write (out, "[", 1, cancellable, error))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(QmFormatDoc) doc = NULL;
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *task = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      doc = qm_format_doc_load (store, g_ptr_array_index (ids, i), annotator, error);
      if (doc == NULL)
        return FALSE;
      add_task (builder, doc, i + 1, &next_annotation);
      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      task = json_generator_to_data (generator, NULL);
      if (!qm_format_write (out, i > 0 ? ",\n" : "\n", -1, cancellable, error)
          || !qm_format_write (out, task, -1, cancellable, error))
        return FALSE;
      qm_format_progress (options, i + 1, ids->len);
    }
  return qm_format_write (out, "\n]\n", -1, cancellable, error);
}

/* ================================================================ import */

/* json-glib gives no positions of nodes; the parser's signals tell the line
 * each object starts on while it reads. */
typedef struct
{
  JsonParser *parser;
  GArray     *open;     /* lines of the objects being read */
  GHashTable *line_of;  /* JsonObject -> starting line */
} LineTracker;

static void
on_object_start (JsonParser *parser,
                 gpointer    data)
{
  LineTracker *tracker = data;
  guint line = json_parser_get_current_line (parser);

  g_array_append_val (tracker->open, line);
}

static void
on_object_end (JsonParser *parser,
               JsonObject *object,
               gpointer    data)
{
  LineTracker *tracker = data;
  guint line;

  if (tracker->open->len == 0)
    return;
  line = g_array_index (tracker->open, guint, tracker->open->len - 1);
  g_array_set_size (tracker->open, tracker->open->len - 1);
  g_hash_table_insert (tracker->line_of, json_object_ref (object), GUINT_TO_POINTER (line));
}

static guint
line_of (GHashTable *lines,
         JsonObject *object)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (lines, object));
}

static const char *
string_member (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonObject *
object_member (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
array_member (JsonObject *object,
              const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* The strings of an array member; NULL when it is no array of strings. */
static GPtrArray *
strings_member (JsonObject *object,
                const char *member)
{
  JsonArray *array = array_member (object, member);
  GPtrArray *strings;

  if (array == NULL)
    return NULL;
  strings = g_ptr_array_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          g_ptr_array_unref (strings);
          return NULL;
        }
      g_ptr_array_add (strings, (gpointer) json_node_get_string (node));
    }
  return strings;
}

typedef struct
{
  JsonObject *task;
  guint       line;
  GHashTable *lines;
} Task;

typedef struct
{
  char       *id;          /* the region's id in the file */
  GHashTable *attributes;  /* name -> value */
  char       *entity;
  GPtrArray  *stances;     /* "target=value" */
  guint       stance_line;
  GPtrArray  *span_ids;    /* one per label, borrowed from the target */
} Region;

static void
region_free (Region *r)
{
  g_free (r->id);
  g_hash_table_unref (r->attributes);
  g_free (r->entity);
  g_ptr_array_unref (r->stances);
  g_ptr_array_unref (r->span_ids);
  g_free (r);
}

static Region *
region_for (GHashTable *regions,
            const char *id)
{
  Region *r = g_hash_table_lookup (regions, id);

  if (r == NULL)
    {
      r = g_new0 (Region, 1);
      r->id = g_strdup (id);
      r->attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      r->stances = g_ptr_array_new_with_free_func (g_free);
      r->span_ids = g_ptr_array_new ();
      g_hash_table_insert (regions, r->id, r);
    }
  return r;
}

/* Offsets as Label Studio counts them (code points), or, for files from
 * the versions that counted UTF-16 code units, converted when only that
 * reading gives the region's text. */
static gboolean
region_offsets (QmFormatImport  *ctx,
                QmFormatTarget  *target,
                guint            line,
                const char      *what,
                JsonObject      *value,
                glong           *start,
                glong           *end,
                GError         **error)
{
  const char *text = string_member (value, "text");
  gint64 s, e;

  if (!qm_format_json_int (json_object_get_member (value, "start"), &s)
      || !qm_format_json_int (json_object_get_member (value, "end"), &e))
    return qm_format_fail (ctx, line, error, _("%s needs whole-number “start” and “end”"), what);
  *start = s;
  *end = e;

  if (text != NULL)
    {
      glong n_chars = qm_offsets_get_n_chars (target->offsets);
      g_autofree char *slice = NULL;

      if (s >= 0 && e <= n_chars && s < e)
        {
          slice = qm_offsets_slice (target->offsets, s, e);
          if (strcmp (slice, text) == 0)
            return TRUE;
        }
      if (s >= 0 && e <= qm_offsets_get_n_utf16 (target->offsets) && s < e)
        {
          glong cs = qm_offsets_utf16_to_char (target->offsets, s);
          glong ce = qm_offsets_utf16_to_char (target->offsets, e);
          g_autofree char *utf16_slice = NULL;

          if (cs >= 0 && ce >= 0 && cs < ce)
            utf16_slice = qm_offsets_slice (target->offsets, cs, ce);
          if (utf16_slice != NULL && strcmp (utf16_slice, text) == 0)
            {
              qm_format_warn (ctx, line, _("%s counts UTF-16 code units (%ld–%ld), as older Label Studio versions did; read as characters %ld–%ld"),
                              what, (glong) s, (glong) e, cs, ce);
              *start = cs;
              *end = ce;
              return TRUE;
            }
        }
      if (slice != NULL)
        return qm_format_fail (ctx, line, error, _("%s: its text “%s” is not what the task's text holds at %ld–%ld (“%s”)"),
                               what, text, (glong) s, (glong) e, slice);
    }
  return TRUE;
}

static gboolean
import_results (QmFormatImport  *ctx,
                QmFormatTarget  *target,
                Task            *t,
                JsonArray       *results,
                const char      *annotator,
                GError         **error)
{
  g_autoptr(GHashTable) regions = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) region_free);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  guint first_unknown_type = 0;

  /* First everything about each region, then the regions, then relations. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < json_array_get_length (results); i++)
      {
        JsonNode *node = json_array_get_element (results, i);
        JsonObject *result, *value;
        const char *type, *id, *from_name;
        guint line;
        g_autofree char *what = NULL;
        Region *region;

        if (!JSON_NODE_HOLDS_OBJECT (node))
          return qm_format_fail (ctx, t->line, error, _("result %u is not an object"), i + 1);
        result = json_node_get_object (node);
        line = line_of (t->lines, result);
        type = string_member (result, "type");
        id = string_member (result, "id");
        from_name = string_member (result, "from_name");
        value = object_member (result, "value");
        what = g_strdup_printf (_("region %s"), id != NULL ? id : "?");

        if (type == NULL)
          return qm_format_fail (ctx, line, error, _("result %u has no “type”"), i + 1);
        if (g_strcmp0 (type, "relation") == 0)
          continue;
        if (id == NULL || value == NULL)
          return qm_format_fail (ctx, line, error, _("result %u needs an “id” and a “value”"), i + 1);

        if (pass == 0 && g_strcmp0 (type, "labels") != 0)
          {
            g_autoptr(GPtrArray) strings = NULL;

            region = region_for (regions, id);
            if (g_strcmp0 (type, "choices") == 0 && from_name != NULL)
              {
                strings = strings_member (value, "choices");
                if (strings == NULL || strings->len == 0)
                  return qm_format_fail (ctx, line, error, _("%s: “choices” must be an array of strings"), what);
                if (strings->len > 1)
                  qm_format_warn (ctx, line, _("%s: attribute “%s” has %u values; only the first is kept"),
                                  what, from_name, strings->len);
                g_hash_table_insert (region->attributes, g_strdup (from_name), g_strdup (g_ptr_array_index (strings, 0)));
              }
            else if (g_strcmp0 (type, "textarea") == 0 && g_strcmp0 (from_name, ENTITY_NAME) == 0)
              {
                strings = strings_member (value, "text");
                if (strings == NULL || strings->len != 1)
                  return qm_format_fail (ctx, line, error, _("%s: the speaker entity must be one name"), what);
                g_free (region->entity);
                region->entity = g_strdup (g_ptr_array_index (strings, 0));
              }
            else if (g_strcmp0 (type, "textarea") == 0 && g_strcmp0 (from_name, STANCE_NAME) == 0)
              {
                strings = strings_member (value, "text");
                if (strings == NULL)
                  return qm_format_fail (ctx, line, error, _("%s: stances must be an array of “TARGET=VALUE” strings"), what);
                for (guint k = 0; k < strings->len; k++)
                  g_ptr_array_add (region->stances, g_strdup (g_ptr_array_index (strings, k)));
                region->stance_line = line;
              }
            else if (first_unknown_type == 0)
              first_unknown_type = line;
          }
        else if (pass == 1 && g_strcmp0 (type, "labels") == 0)
          {
            g_autoptr(GPtrArray) labels = strings_member (value, "labels");
            glong start = 0, end = 0;

            if (labels == NULL || labels->len == 0)
              return qm_format_fail (ctx, line, error, _("%s: “labels” must be an array of label names"), what);
            if (!region_offsets (ctx, target, line, what, value, &start, &end, error))
              return FALSE;
            region = region_for (regions, id);
            if (region->span_ids->len == 0)
              g_ptr_array_add (order, region);
            for (guint k = 0; k < labels->len; k++)
              {
                const char *span_id = qm_format_target_add_span (target, line, what, k == 0 ? id : NULL,
                                                                 g_ptr_array_index (labels, k),
                                                                 start, end, annotator, region->attributes,
                                                                 region->entity, error);

                if (span_id == NULL)
                  return FALSE;
                g_ptr_array_add (region->span_ids, (gpointer) span_id);
              }
          }
      }

  if (first_unknown_type > 0)
    qm_format_warn (ctx, first_unknown_type, _("results other than labels, relations, choices and the “entity” and “stance” text areas are not imported"));

  for (guint i = 0; i < order->len; i++)
    {
      Region *region = g_ptr_array_index (order, i);

      for (guint k = 0; k < region->stances->len; k++)
        {
          const char *stance = g_ptr_array_index (region->stances, k);
          const char *eq = strrchr (stance, '=');
          g_autofree char *target_name = NULL;

          if (eq == NULL || eq == stance || eq[1] == '\0')
            return qm_format_fail (ctx, region->stance_line, error,
                                   _("region %s: a stance reads “TARGET=VALUE”, found “%s”"), region->id, stance);
          target_name = g_strndup (stance, eq - stance);
          for (guint s = 0; s < region->span_ids->len; s++)
            if (!qm_format_target_set_stance (target, region->stance_line, g_ptr_array_index (region->span_ids, s),
                                              target_name, eq + 1, annotator, error))
              return FALSE;
        }
    }

  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonObject *result = json_array_get_object_element (results, i);
      guint line = line_of (t->lines, result);
      g_autoptr(GPtrArray) labels = NULL;
      const char *from_id, *to_id, *direction;
      Region *from, *to;

      if (g_strcmp0 (string_member (result, "type"), "relation") != 0)
        continue;
      from_id = string_member (result, "from_id");
      to_id = string_member (result, "to_id");
      direction = string_member (result, "direction");
      labels = strings_member (result, "labels");
      if (from_id == NULL || to_id == NULL)
        return qm_format_fail (ctx, line, error, _("relation %u needs “from_id” and “to_id”"), i + 1);
      from = g_hash_table_lookup (regions, from_id);
      to = g_hash_table_lookup (regions, to_id);
      if (from == NULL || to == NULL || from->span_ids->len == 0 || to->span_ids->len == 0)
        return qm_format_fail (ctx, line, error, _("relation %u links region %s, which this annotation does not label"),
                               i + 1, from == NULL || from->span_ids->len == 0 ? from_id : to_id);
      /* "left" points the other way; "bi" has no direction to keep. */
      if (g_strcmp0 (direction, "left") == 0)
        {
          Region *swap = from;

          from = to;
          to = swap;
        }
      if (labels == NULL || labels->len == 0)
        return qm_format_fail (ctx, line, error, _("relation %u has no label, so its type is unknown"), i + 1);
      for (guint k = 0; k < labels->len; k++)
        if (!qm_format_target_add_relation (target, line, g_ptr_array_index (labels, k),
                                            g_ptr_array_index (from->span_ids, 0),
                                            g_ptr_array_index (to->span_ids, 0),
                                            annotator, error))
          return FALSE;
    }
  return TRUE;
}

static const char *
annotator_of (JsonObject *annotation)
{
  JsonNode *node;
  JsonObject *user;

  if (string_member (annotation, "annotator") != NULL)
    return string_member (annotation, "annotator");
  if (string_member (annotation, "model_version") != NULL)
    return string_member (annotation, "model_version");
  node = json_object_get_member (annotation, "completed_by");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node)
      && (user = json_node_get_object (node)) != NULL
      && string_member (user, "email") != NULL)
    return string_member (user, "email");
  return NULL;
}

static gboolean
import_task (QmFormatImport  *ctx,
             gpointer         data,
             GError         **error)
{
  Task *t = data;
  JsonObject *task_data = object_member (t->task, "data");
  const char *text = task_data != NULL ? string_member (task_data, "text") : NULL;
  g_autoptr(QmDocument) document = NULL;
  g_autoptr(QmFormatTarget) target = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *source = g_path_get_basename (ctx->path);
  static const char *lists[] = { "annotations", "predictions", "completions" };
  gboolean existing = FALSE;

  if (text == NULL)
    return qm_format_fail (ctx, t->line, error, _("the task has no “data” object with a “text” string"));

  document = qm_format_find_or_add_document (ctx, text, string_member (task_data, "id"),
                                             string_member (task_data, "title"), source,
                                             &existing, &local_error);
  if (document == NULL)
    return qm_format_fail_with (ctx, t->line, error, g_steal_pointer (&local_error));
  target = qm_format_target_new (ctx, document, error);
  if (target == NULL)
    return FALSE;

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      JsonNode *node = json_object_get_member (t->task, lists[l]);
      JsonArray *annotations;

      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        continue;
      if (!JSON_NODE_HOLDS_ARRAY (node))
        return qm_format_fail (ctx, t->line, error, _("“%s” must be an array"), lists[l]);
      annotations = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (annotations); i++)
        {
          JsonNode *element = json_array_get_element (annotations, i);
          JsonObject *annotation;
          JsonArray *results;

          if (!JSON_NODE_HOLDS_OBJECT (element)
              || (results = array_member ((annotation = json_node_get_object (element)), "result")) == NULL)
            return qm_format_fail (ctx, t->line, error, _("%s %u has no “result” array"), lists[l], i + 1);
          if (!import_results (ctx, target, t, results, qm_format_credited (ctx, annotator_of (annotation)), error))
            return FALSE;
        }
    }

  qm_format_target_report (target, t->line, existing);
  return TRUE;
}

gboolean
qm_format_labelstudio_import (QmStore                *store,
                              const char             *path,
                              const QmImportOptions  *options,
                              QmReport               *report,
                              GCancellable           *cancellable,
                              GError                **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) lines = g_hash_table_new_full (NULL, NULL, (GDestroyNotify) json_object_unref, NULL);
  g_autoptr(GArray) open = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  LineTracker tracker = { parser, open, lines };
  QmFormatImport ctx = { store, options, report, path, "labelstudio", 0 };
  gboolean own_transaction = !qm_store_in_transaction (store);
  JsonNode *root;
  JsonArray *tasks = NULL;
  gsize len = 0;
  const char *bad = NULL;

  g_return_val_if_fail (QM_IS_STORE (store), FALSE);

  if (!g_file_get_contents (path, &data, &len, &local_error))
    {
      qm_report_add (report, QM_REPORT_REJECTED, path, 0, "%s", local_error->message);
      return TRUE;
    }
  if (!g_utf8_validate (data, len, &bad))
    {
      guint line = 1;

      for (const char *p = data; p < bad; p++)
        if (*p == '\n')
          line++;
      qm_report_add (report, QM_REPORT_REJECTED, path, line, _("%s:%u: not valid UTF-8"), path, line);
      return TRUE;
    }

  g_signal_connect (parser, "object-start", G_CALLBACK (on_object_start), &tracker);
  g_signal_connect (parser, "object-end", G_CALLBACK (on_object_end), &tracker);
  if (!json_parser_load_from_data (parser, data, len, &local_error))
    {
      /* json-glib's message starts with the line and column. */
      qm_report_add (report, QM_REPORT_REJECTED, path, 0, _("%s: not valid JSON: %s"), path, local_error->message);
      return TRUE;
    }

  root = json_parser_get_root (parser);
  if (root != NULL && JSON_NODE_HOLDS_ARRAY (root))
    tasks = json_array_ref (json_node_get_array (root));
  else if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      /* A single task, as Label Studio's import also takes. */
      tasks = json_array_new ();
      json_array_add_element (tasks, json_node_copy (root));
      g_hash_table_insert (lines, json_object_ref (json_array_get_object_element (tasks, 0)), GUINT_TO_POINTER (1));
    }
  else
    {
      qm_report_add (report, QM_REPORT_REJECTED, path, 0,
                     _("%s: a Label Studio export is an array of tasks"), path);
      return TRUE;
    }

  if (own_transaction && !qm_store_begin (store, error))
    {
      json_array_unref (tasks);
      return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (tasks); i++)
    {
      JsonNode *node = json_array_get_element (tasks, i);
      Task t = { NULL, 0, lines };

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto failed;
      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          qm_report_add (report, QM_REPORT_REJECTED, path, 0, _("%s: task %u is not an object"), path, i + 1);
          continue;
        }
      t.task = json_node_get_object (node);
      t.line = line_of (lines, t.task);
      if (!qm_format_import_document (&ctx, t.line, import_task, &t, error))
        goto failed;
      if (options != NULL && options->progress != NULL)
        options->progress (i + 1, json_array_get_length (tasks), options->progress_data);
    }

  json_array_unref (tasks);
  if (own_transaction && !qm_store_commit (store, error))
    {
      qm_store_rollback (store);
      return FALSE;
    }
  return TRUE;

failed:
  json_array_unref (tasks);
  if (own_transaction)
    qm_store_rollback (store);
  return FALSE;
}
