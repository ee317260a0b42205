/* qm-schema.c: the label schema, its JSON form (docs/schema.md) and checks. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "qm-error.h"
#include "qm-schema.h"

#define SCHEMA_VERSION 1
#define DEFAULT_SCHEMA_RESOURCE "/io/github/quotemark/core/schema/default.json"

/* Colours handed to new labels, in order of preference. They are mid-tone
 * colours of the GNOME palette and the libadwaita accents: a translucent
 * highlight of any of them keeps dark text readable on a light background
 * and light text on a dark one. Neighbours differ in hue and lightness so
 * that the first few stay apart for colour-blind readers too. */
static const char * const palette[] = {
  "#e5a50a", /* yellow */
  "#3584e4", /* blue */
  "#e01b24", /* red */
  "#2ec27e", /* green */
  "#9141ac", /* purple */
  "#ff7800", /* orange */
  "#2190a4", /* teal */
  "#986a44", /* brown */
  "#d56199", /* pink */
  "#6f8396", /* slate */
};

/* Keys handed to new labels: digits first because they sit under the left
 * hand on every keyboard layout, then Latin letters. */
static const char key_order[] = "123456789abcdefghijklmnopqrstuvwxyz";

struct _QmSchema
{
  GObject    parent_instance;

  GPtrArray *labels;          /* of QmLabelDef */
  GPtrArray *relations;       /* of QmRelationDef */
  char      *stance_label;    /* NULL when the schema has no stances */
  GStrv      stance_values;   /* never NULL */
};

G_DEFINE_TYPE (QmSchema, qm_schema, G_TYPE_OBJECT)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
attribute_def_free (gpointer data)
{
  QmAttributeDef *attr = data;

  g_free (attr->name);
  g_strfreev (attr->values);
  g_free (attr);
}

static QmAttributeDef *
attribute_def_new (const char *name)
{
  QmAttributeDef *attr = g_new0 (QmAttributeDef, 1);

  attr->name = g_strdup (name);
  attr->values = g_new0 (char *, 1);
  return attr;
}

static void
label_def_free (gpointer data)
{
  QmLabelDef *label = data;

  g_free (label->name);
  g_free (label->key);
  g_free (label->color);
  g_ptr_array_unref (label->attributes);
  g_free (label);
}

static QmLabelDef *
label_def_new (const char *name)
{
  QmLabelDef *label = g_new0 (QmLabelDef, 1);

  label->name = g_strdup (name);
  label->attributes = g_ptr_array_new_with_free_func (attribute_def_free);
  return label;
}

static void
relation_def_free (gpointer data)
{
  QmRelationDef *relation = data;

  g_free (relation->name);
  g_free (relation->from_label);
  g_free (relation->to_label);
  g_free (relation);
}

static QmRelationDef *
relation_def_new (const char *name,
                  const char *from_label,
                  const char *to_label)
{
  QmRelationDef *relation = g_new0 (QmRelationDef, 1);

  relation->name = g_strdup (name);
  relation->from_label = g_strdup (from_label);
  relation->to_label = g_strdup (to_label);
  return relation;
}

static void
qm_schema_finalize (GObject *object)
{
  QmSchema *self = QM_SCHEMA (object);

  g_ptr_array_unref (self->labels);
  g_ptr_array_unref (self->relations);
  g_free (self->stance_label);
  g_strfreev (self->stance_values);

  G_OBJECT_CLASS (qm_schema_parent_class)->finalize (object);
}

static void
qm_schema_class_init (QmSchemaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = qm_schema_finalize;

  /**
   * QmSchema::changed:
   * @self: the schema
   *
   * Emitted once after qm_schema_add_label(), qm_schema_add_relation() or
   * qm_schema_add_attribute_value() extended the schema; not emitted when
   * what they were asked to add was already there. Definitions are only
   * appended: indices and pointers to label, attribute and relation
   * definitions stay valid, only an attribute's values array may move.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
qm_schema_init (QmSchema *self)
{
  self->labels = g_ptr_array_new_with_free_func (label_def_free);
  self->relations = g_ptr_array_new_with_free_func (relation_def_free);
  self->stance_values = g_new0 (char *, 1);
}

/* Helpers shared by parsing and extending. */

static gboolean
strv_contains (const char * const *strv,
               const char         *str)
{
  return strv != NULL && g_strv_contains (strv, str);
}

static void
strv_append (GStrv      *strv,
             const char *str)
{
  guint len = g_strv_length (*strv);

  *strv = g_renew (char *, *strv, len + 2);
  (*strv)[len] = g_strdup (str);
  (*strv)[len + 1] = NULL;
}

static gboolean
key_equal (const char *a,
           const char *b)
{
  g_autofree char *fa = NULL;
  g_autofree char *fb = NULL;

  if (a == NULL || b == NULL)
    return FALSE;

  /* A key is pressed with or without Shift: "a" and "A" are one key. */
  fa = g_utf8_casefold (a, -1);
  fb = g_utf8_casefold (b, -1);
  return g_strcmp0 (fa, fb) == 0;
}

static const QmLabelDef *
find_label_by_color (QmSchema   *self,
                     const char *color)
{
  for (guint i = 0; i < self->labels->len; i++)
    {
      const QmLabelDef *label = g_ptr_array_index (self->labels, i);

      /* While parsing, labels without a colour have none yet. */
      if (label->color != NULL && g_ascii_strcasecmp (label->color, color) == 0)
        return label;
    }
  return NULL;
}

static char *
pick_free_key (QmSchema *self)
{
  for (guint i = 0; key_order[i] != '\0'; i++)
    {
      char key[2] = { key_order[i], '\0' };

      if (qm_schema_find_label_by_key (self, key) == NULL)
        return g_strdup (key);
    }

  /* Thirty-five labels are more than anyone can annotate with; the rest
   * are applied from the label list instead of the keyboard. */
  return NULL;
}

static char *
pick_free_color (QmSchema *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (palette); i++)
    {
      if (find_label_by_color (self, palette[i]) == NULL)
        return g_strdup (palette[i]);
    }

  /* Once every colour is taken, repeat them in order rather than invent
   * new ones that may be unreadable. */
  return g_strdup (palette[self->labels->len % G_N_ELEMENTS (palette)]);
}

static gboolean
is_blank (const char *str)
{
  for (const char *p = str; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_valid_key (const char *key)
{
  gunichar c;

  if (key[0] == '\0')
    return FALSE;
  c = g_utf8_get_char (key);
  return *g_utf8_next_char (key) == '\0' && g_unichar_isalnum (c);
}

static gboolean
is_valid_color (const char *color)
{
  if (strlen (color) != 7 || color[0] != '#')
    return FALSE;
  for (guint i = 1; i < 7; i++)
    {
      if (!g_ascii_isxdigit (color[i]))
        return FALSE;
    }
  return TRUE;
}

static char *
join_strv (const char * const *strv)
{
  return g_strjoinv (", ", (char **) strv);
}

/* Parsing. Every message starts with @source ("schema" or a file name) and
 * says where in the schema the problem is, by position and name, because
 * json-glib keeps no line numbers once the document is parsed. */

typedef struct
{
  const char *source;
} ParseContext;

static gboolean
check_members (ParseContext        *ctx,
               JsonObject          *object,
               const char          *where,
               const char * const  *allowed,
               GError             **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (const GList *l = members; l != NULL; l = l->next)
    {
      if (!g_strv_contains (allowed, l->data))
        {
          g_autofree char *expected = join_strv (allowed);

          g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                       _("%s: %s has an unknown member “%s” (expected: %s)"),
                       ctx->source, where, (const char *) l->data, expected);
          return FALSE;
        }
    }
  return TRUE;
}

/* Reads a string member. A missing member leaves *out NULL and is an error
 * only when @required; an empty or blank string is always an error. */
static gboolean
get_string (ParseContext  *ctx,
            JsonObject    *object,
            const char    *member,
            const char    *where,
            gboolean       required,
            const char   **out,
            GError       **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (!required)
        return TRUE;
      if (g_str_equal (member, "name"))
        g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                     _("%s: %s has no name"), ctx->source, where);
      else
        g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                     _("%s: %s has no “%s”"), ctx->source, where, member);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                   _("%s: “%s” of %s must be a string in quotes"),
                   ctx->source, member, where);
      return FALSE;
    }
  if (is_blank (json_node_get_string (node)))
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                   _("%s: %s has an empty “%s”"), ctx->source, where, member);
      return FALSE;
    }
  *out = json_node_get_string (node);
  return TRUE;
}

/* Reads a non-empty list of distinct, non-blank strings. */
static GStrv
get_values (ParseContext  *ctx,
            JsonObject    *object,
            const char    *where,
            GError       **error)
{
  JsonNode *node = json_object_get_member (object, "values");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node)
      || json_array_get_length (json_node_get_array (node)) == 0)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                   _("%s: %s needs “values”, a list of at least one allowed value"),
                   ctx->source, where);
      return NULL;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *value;

      if (!JSON_NODE_HOLDS_VALUE (element)
          || json_node_get_value_type (element) != G_TYPE_STRING
          || is_blank (json_node_get_string (element)))
        {
          g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                       _("%s: value %u of %s is not a non-empty string"),
                       ctx->source, i + 1, where);
          return NULL;
        }
      value = json_node_get_string (element);
      for (guint j = 0; j < seen->len; j++)
        {
          if (g_str_equal (g_ptr_array_index (seen, j), value))
            {
              g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                           _("%s: value “%s” appears twice in %s"),
                           ctx->source, value, where);
              return NULL;
            }
        }
      g_ptr_array_add (seen, (gpointer) value);
      g_strv_builder_add (builder, value);
    }

  return g_strv_builder_end (builder);
}

static gboolean
parse_attribute (ParseContext  *ctx,
                 QmLabelDef    *label,
                 JsonNode      *node,
                 guint          index,
                 GError       **error)
{
  static const char * const allowed[] = { "name", "values", NULL };
  g_autofree char *where = NULL;
  g_autofree char *named = NULL;
  JsonObject *object;
  const char *name;
  QmAttributeDef *attr;
  GStrv values;

  where = g_strdup_printf (_("attribute %u of label “%s”"), index + 1, label->name);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                   _("%s: %s must be an object like {\"name\": …, \"values\": […]}"),
                   ctx->source, where);
      return FALSE;
    }
  object = json_node_get_object (node);
  if (!check_members (ctx, object, where, allowed, error)
      || !get_string (ctx, object, "name", where, TRUE, &name, error))
    return FALSE;

  if (qm_label_def_find_attribute (label, name) != NULL)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                   _("%s: label “%s” defines the attribute “%s” twice"),
                   ctx->source, label->name, name);
      return FALSE;
    }

  named = g_strdup_printf (_("attribute “%s” of label “%s”"), name, label->name);
  values = get_values (ctx, object, named, error);
  if (values == NULL)
    return FALSE;

  attr = attribute_def_new (name);
  g_strfreev (attr->values);
  attr->values = values;
  g_ptr_array_add (label->attributes, attr);
  return TRUE;
}

/* Reads label number @index + 1; keys and colours left out are filled in
 * later, once every label has claimed the ones it names. */
static gboolean
parse_label (ParseContext  *ctx,
             QmSchema      *self,
             JsonNode      *node,
             guint          index,
             GError       **error)
{
  static const char * const allowed[] = { "name", "key", "color", "entity", "attributes", NULL };
  g_autofree char *where = g_strdup_printf (_("label %u"), index + 1);
  g_autofree char *named = NULL;
  JsonObject *object;
  JsonNode *member;
  const char *name, *key, *color;
  QmLabelDef *label;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                   _("%s: %s must be an object like {\"name\": \"Quote\", \"key\": \"1\"}"),
                   ctx->source, where);
      return FALSE;
    }
  object = json_node_get_object (node);
  if (!check_members (ctx, object, where, allowed, error)
      || !get_string (ctx, object, "name", where, TRUE, &name, error))
    return FALSE;

  named = g_strdup_printf (_("label %u (“%s”)"), index + 1, name);
  for (guint i = 0; i < self->labels->len; i++)
    {
      const QmLabelDef *other = g_ptr_array_index (self->labels, i);

      /* Names differing only in case would look like one label in exports. */
      if (key_equal (other->name, name))
        {
          g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                       _("%s: labels %u and %u are both named “%s”"),
                       ctx->source, i + 1, index + 1, name);
          return FALSE;
        }
    }

  if (!get_string (ctx, object, "key", named, FALSE, &key, error)
      || !get_string (ctx, object, "color", named, FALSE, &color, error))
    return FALSE;

  if (key != NULL)
    {
      const QmLabelDef *other;

      if (!is_valid_key (key))
        {
          g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                       _("%s: the key “%s” of %s is not a single letter or digit"),
                       ctx->source, key, named);
          return FALSE;
        }
      other = qm_schema_find_label_by_key (self, key);
      if (other != NULL)
        {
          g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                       _("%s: duplicate key %s for labels “%s” and “%s”"),
                       ctx->source, key, other->name, name);
          return FALSE;
        }
    }

  if (color != NULL && !is_valid_color (color))
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                   _("%s: the colour “%s” of %s is not of the form #rrggbb"),
                   ctx->source, color, named);
      return FALSE;
    }

  member = json_object_get_member (object, "entity");
  if (member != NULL
      && (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_BOOLEAN))
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                   _("%s: “entity” of %s must be true or false"),
                   ctx->source, named);
      return FALSE;
    }

  label = label_def_new (name);
  label->key = g_strdup (key);
  label->color = color != NULL ? g_ascii_strdown (color, -1) : NULL;
  label->entity = member != NULL && json_node_get_boolean (member);
  g_ptr_array_add (self->labels, label);

  member = json_object_get_member (object, "attributes");
  if (member != NULL)
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (member))
        {
          g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                       _("%s: “attributes” of %s must be a list"),
                       ctx->source, named);
          return FALSE;
        }
      array = json_node_get_array (member);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          if (!parse_attribute (ctx, label, json_array_get_element (array, i), i, error))
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
parse_relation (ParseContext  *ctx,
                QmSchema      *self,
                JsonNode      *node,
                guint          index,
                GError       **error)
{
  static const char * const allowed[] = { "name", "from", "to", NULL };
  g_autofree char *where = g_strdup_printf (_("relation %u"), index + 1);
  g_autofree char *named = NULL;
  JsonObject *object;
  const char *name, *from, *to;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                   _("%s: %s must be an object like {\"name\": …, \"from\": …, \"to\": …}"),
                   ctx->source, where);
      return FALSE;
    }
  object = json_node_get_object (node);
  if (!check_members (ctx, object, where, allowed, error)
      || !get_string (ctx, object, "name", where, TRUE, &name, error))
    return FALSE;

  named = g_strdup_printf (_("relation “%s”"), name);
  if (!get_string (ctx, object, "from", named, TRUE, &from, error)
      || !get_string (ctx, object, "to", named, TRUE, &to, error))
    return FALSE;

  if (qm_schema_find_label (self, from) == NULL
      || qm_schema_find_label (self, to) == NULL)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                   _("%s: relation “%s” refers to the unknown label “%s”"),
                   ctx->source, name,
                   qm_schema_find_label (self, from) == NULL ? from : to);
      return FALSE;
    }

  for (guint i = 0; i < self->relations->len; i++)
    {
      const QmRelationDef *other = g_ptr_array_index (self->relations, i);

      if (g_str_equal (other->name, name)
          && g_str_equal (other->from_label, from)
          && g_str_equal (other->to_label, to))
        {
          g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                       _("%s: relation “%s” from “%s” to “%s” is defined twice"),
                       ctx->source, name, from, to);
          return FALSE;
        }
    }

  g_ptr_array_add (self->relations, relation_def_new (name, from, to));
  return TRUE;
}

static gboolean
parse_stance (ParseContext  *ctx,
              QmSchema      *self,
              JsonNode      *node,
              GError       **error)
{
  static const char * const allowed[] = { "label", "values", NULL };
  const char *where = _("the stance");
  JsonObject *object;
  const char *label;
  GStrv values;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                   _("%s: “stance” must be an object like {\"label\": \"Quote\", \"values\": […]}"),
                   ctx->source);
      return FALSE;
    }
  object = json_node_get_object (node);
  if (!check_members (ctx, object, where, allowed, error)
      || !get_string (ctx, object, "label", where, TRUE, &label, error))
    return FALSE;

  if (qm_schema_find_label (self, label) == NULL)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                   _("%s: the stance label “%s” is not one of the labels"),
                   ctx->source, label);
      return FALSE;
    }

  values = get_values (ctx, object, where, error);
  if (values == NULL)
    return FALSE;

  self->stance_label = g_strdup (label);
  g_strfreev (self->stance_values);
  self->stance_values = values;
  return TRUE;
}

static gboolean
parse_root (ParseContext  *ctx,
            QmSchema      *self,
            JsonNode      *root,
            GError       **error)
{
  static const char * const allowed[] = { "version", "labels", "relations", "stance", NULL };
  JsonObject *object;
  JsonNode *member;
  JsonArray *array;
  gint64 version;

  if (root == NULL)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                   _("%s: the schema is empty"), ctx->source);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                   _("%s: a schema is a JSON object {\"version\": 1, \"labels\": […]}"),
                   ctx->source);
      return FALSE;
    }
  object = json_node_get_object (root);

  /* The version comes first: a newer schema may have members this one
   * does not know, and "unknown version" is the useful message then. */
  member = json_object_get_member (object, "version");
  if (member == NULL)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                   _("%s: the schema has no “version” (use \"version\": %d)"),
                   ctx->source, SCHEMA_VERSION);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_INT64)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                   _("%s: “version” must be a whole number (use \"version\": %d)"),
                   ctx->source, SCHEMA_VERSION);
      return FALSE;
    }
  version = json_node_get_int (member);
  if (version != SCHEMA_VERSION)
    {
      /* Formatted apart: xgettext cannot read G_GINT64_FORMAT in a msgid. */
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, version);

      g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                   _("%s: unknown schema version %s (this version of Quotemark reads version %d)"),
                   ctx->source, number, SCHEMA_VERSION);
      return FALSE;
    }

  if (!check_members (ctx, object, _("the schema"), allowed, error))
    return FALSE;

  member = json_object_get_member (object, "labels");
  if (member == NULL || !JSON_NODE_HOLDS_ARRAY (member)
      || json_array_get_length (json_node_get_array (member)) == 0)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                   _("%s: the schema needs “labels”, a list of at least one label"),
                   ctx->source);
      return FALSE;
    }
  array = json_node_get_array (member);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      if (!parse_label (ctx, self, json_array_get_element (array, i), i, error))
        return FALSE;
    }

  /* Only now are all the keys and colours the file names known. */
  for (guint i = 0; i < self->labels->len; i++)
    {
      QmLabelDef *label = g_ptr_array_index (self->labels, i);

      if (label->key == NULL)
        label->key = pick_free_key (self);
      if (label->color == NULL)
        label->color = pick_free_color (self);
    }

  member = json_object_get_member (object, "relations");
  if (member != NULL)
    {
      if (!JSON_NODE_HOLDS_ARRAY (member))
        {
          g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                       _("%s: “relations” must be a list"), ctx->source);
          return FALSE;
        }
      array = json_node_get_array (member);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          if (!parse_relation (ctx, self, json_array_get_element (array, i), i, error))
            return FALSE;
        }
    }

  member = json_object_get_member (object, "stance");
  if (member != NULL && !parse_stance (ctx, self, member, error))
    return FALSE;

  return TRUE;
}

static QmSchema *
schema_parse (const char  *source,
              const char  *json,
              gssize       len,
              GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(QmSchema) self = NULL;
  g_autoptr(GError) local_error = NULL;
  ParseContext ctx = { source };

  if (!json_parser_load_from_data (parser, json, len, &local_error))
    {
      int line, column, consumed = 0;

      /* json-glib says "<data>:LINE:COL: Parse error: …"; name our source
       * instead so that the user knows which file to open. */
      if (sscanf (local_error->message, "<data>:%d:%d: %n", &line, &column, &consumed) == 2
          && consumed > 0)
        g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                     _("%s: line %d, column %d: not valid JSON: %s"),
                     source, line, column, local_error->message + consumed);
      else
        g_set_error (error, QM_ERROR, QM_ERROR_INVALID_DATA,
                     _("%s: not valid JSON: %s"), source, local_error->message);
      return NULL;
    }

  self = g_object_new (QM_TYPE_SCHEMA, NULL);
  if (!parse_root (&ctx, self, json_parser_get_root (parser), error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * qm_schema_new_default:
 *
 * The schema new corpora start with: Quote, Speaker and Cue, attribution
 * relations and stances on quotes (data/schema/default.json).
 *
 * Returns: (transfer full): a new schema
 */
QmSchema *
qm_schema_new_default (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  QmSchema *self;
  gsize len;
  const char *data;

  bytes = g_resources_lookup_data (DEFAULT_SCHEMA_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  /* The resource is compiled into the library and checked by the tests, so
   * failing here means a broken build, not something a user can fix. */
  if (bytes == NULL)
    g_error ("The default schema is missing from the resources: %s", error->message);

  data = g_bytes_get_data (bytes, &len);
  self = schema_parse ("default.json", data, len, &error);
  if (self == NULL)
    g_error ("The default schema is invalid: %s", error->message);

  return self;
}

/**
 * qm_schema_new_from_json:
 * @json: the schema as JSON (docs/schema.md)
 * @len: length of @json in bytes, or -1 when NUL-terminated
 * @error: return location for a #GError
 *
 * Parses and validates a schema. Labels without a key or colour get the
 * next free ones, as qm_schema_add_label() would choose.
 *
 * Returns: (transfer full) (nullable): the schema, or %NULL with
 *   %QM_ERROR_INVALID_DATA saying what is wrong and where
 */
QmSchema *
qm_schema_new_from_json (const char  *json,
                         gssize       len,
                         GError     **error)
{
  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return schema_parse (_("schema"), json, len, error);
}

/**
 * qm_schema_new_from_file:
 * @path: a schema file
 * @error: return location for a #GError
 *
 * Like qm_schema_new_from_json(); messages start with the file name.
 *
 * Returns: (transfer full) (nullable): the schema, or %NULL with
 *   %QM_ERROR_NOT_FOUND, %QM_ERROR_FAILED (cannot read) or
 *   %QM_ERROR_INVALID_DATA
 */
QmSchema *
qm_schema_new_from_file (const char  *path,
                         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *display = NULL;
  gsize len;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_get_contents (path, &contents, &len, &local_error))
    {
      /* GLib's message already names the file and the reason. */
      g_set_error_literal (error, QM_ERROR,
                           g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT)
                             ? QM_ERROR_NOT_FOUND : QM_ERROR_FAILED,
                           local_error->message);
      return NULL;
    }

  display = g_filename_display_name (path);
  return schema_parse (display, contents, len, error);
}

/* Writing. The layout is fixed by hand rather than by JsonGenerator so that
 * short lists stay on one line and a schema reads well in a diff; strings
 * are still escaped by json-glib. */

static void
append_string (GString    *out,
               const char *str)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
  g_autofree char *quoted = NULL;

  json_node_set_string (node, str);
  quoted = json_to_string (node, FALSE);
  g_string_append (out, quoted);
}

static void
append_member (GString    *out,
               const char *indent,
               const char *name,
               const char *value,
               gboolean    last)
{
  g_string_append_printf (out, "%s\"%s\": ", indent, name);
  append_string (out, value);
  g_string_append (out, last ? "\n" : ",\n");
}

static void
append_values (GString            *out,
               const char * const *values)
{
  g_string_append_c (out, '[');
  for (guint i = 0; values[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      append_string (out, values[i]);
    }
  g_string_append_c (out, ']');
}

static void
append_label (GString          *out,
              const QmLabelDef *label,
              gboolean          last)
{
  gboolean has_attributes = label->attributes->len > 0;

  g_string_append (out, "    {\n");
  append_member (out, "      ", "name", label->name, FALSE);
  if (label->key != NULL)
    append_member (out, "      ", "key", label->key, FALSE);
  append_member (out, "      ", "color", label->color, !label->entity && !has_attributes);
  if (label->entity)
    g_string_append_printf (out, "      \"entity\": true%s\n", has_attributes ? "," : "");
  if (has_attributes)
    {
      g_string_append (out, "      \"attributes\": [\n");
      for (guint i = 0; i < label->attributes->len; i++)
        {
          const QmAttributeDef *attr = g_ptr_array_index (label->attributes, i);

          g_string_append (out, "        {\"name\": ");
          append_string (out, attr->name);
          g_string_append (out, ", \"values\": ");
          append_values (out, (const char * const *) attr->values);
          g_string_append (out, i + 1 < label->attributes->len ? "},\n" : "}\n");
        }
      g_string_append (out, "      ]\n");
    }
  g_string_append (out, last ? "    }\n" : "    },\n");
}

/**
 * qm_schema_to_json:
 * @self: a schema
 *
 * The canonical form: members in a fixed order, two-space indentation, a
 * final newline; "entity" and "attributes" only when set. Parsing it gives
 * a schema whose canonical form is the same text.
 *
 * Returns: (transfer full): the JSON text
 */
char *
qm_schema_to_json (QmSchema *self)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean has_relations, has_stance;

  g_return_val_if_fail (QM_IS_SCHEMA (self), NULL);

  has_relations = self->relations->len > 0;
  has_stance = self->stance_label != NULL;

  g_string_append_printf (out, "{\n  \"version\": %d,\n  \"labels\": [\n", SCHEMA_VERSION);
  for (guint i = 0; i < self->labels->len; i++)
    append_label (out, g_ptr_array_index (self->labels, i), i + 1 == self->labels->len);
  g_string_append (out, has_relations || has_stance ? "  ],\n" : "  ]\n");

  if (has_relations)
    {
      g_string_append (out, "  \"relations\": [\n");
      for (guint i = 0; i < self->relations->len; i++)
        {
          const QmRelationDef *relation = g_ptr_array_index (self->relations, i);

          g_string_append (out, "    {\"name\": ");
          append_string (out, relation->name);
          g_string_append (out, ", \"from\": ");
          append_string (out, relation->from_label);
          g_string_append (out, ", \"to\": ");
          append_string (out, relation->to_label);
          g_string_append (out, i + 1 < self->relations->len ? "},\n" : "}\n");
        }
      g_string_append (out, has_stance ? "  ],\n" : "  ]\n");
    }

  if (has_stance)
    {
      g_string_append (out, "  \"stance\": {\n");
      append_member (out, "    ", "label", self->stance_label, FALSE);
      g_string_append (out, "    \"values\": ");
      append_values (out, (const char * const *) self->stance_values);
      g_string_append (out, "\n  }\n");
    }

  g_string_append (out, "}\n");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * qm_schema_copy:
 * @self: a schema
 *
 * Returns: (transfer full): an independent copy, without signal handlers
 */
QmSchema *
qm_schema_copy (QmSchema *self)
{
  QmSchema *copy;

  g_return_val_if_fail (QM_IS_SCHEMA (self), NULL);

  copy = g_object_new (QM_TYPE_SCHEMA, NULL);
  for (guint i = 0; i < self->labels->len; i++)
    {
      const QmLabelDef *label = g_ptr_array_index (self->labels, i);
      QmLabelDef *dup = label_def_new (label->name);

      dup->key = g_strdup (label->key);
      dup->color = g_strdup (label->color);
      dup->entity = label->entity;
      for (guint j = 0; j < label->attributes->len; j++)
        {
          const QmAttributeDef *attr = g_ptr_array_index (label->attributes, j);
          QmAttributeDef *attr_dup = attribute_def_new (attr->name);

          g_strfreev (attr_dup->values);
          attr_dup->values = g_strdupv (attr->values);
          g_ptr_array_add (dup->attributes, attr_dup);
        }
      g_ptr_array_add (copy->labels, dup);
    }

  for (guint i = 0; i < self->relations->len; i++)
    {
      const QmRelationDef *relation = g_ptr_array_index (self->relations, i);

      g_ptr_array_add (copy->relations,
                       relation_def_new (relation->name, relation->from_label, relation->to_label));
    }

  copy->stance_label = g_strdup (self->stance_label);
  g_strfreev (copy->stance_values);
  copy->stance_values = g_strdupv (self->stance_values);

  return copy;
}

guint
qm_schema_get_n_labels (QmSchema *self)
{
  g_return_val_if_fail (QM_IS_SCHEMA (self), 0);

  return self->labels->len;
}

const QmLabelDef *
qm_schema_get_label (QmSchema *self,
                     guint     index)
{
  g_return_val_if_fail (QM_IS_SCHEMA (self), NULL);
  g_return_val_if_fail (index < self->labels->len, NULL);

  return g_ptr_array_index (self->labels, index);
}

/**
 * qm_schema_find_label:
 * @self: a schema
 * @name: a label name, compared exactly
 *
 * Returns: (nullable): the label, or %NULL
 */
const QmLabelDef *
qm_schema_find_label (QmSchema   *self,
                      const char *name)
{
  g_return_val_if_fail (QM_IS_SCHEMA (self), NULL);

  if (name == NULL)
    return NULL;

  for (guint i = 0; i < self->labels->len; i++)
    {
      const QmLabelDef *label = g_ptr_array_index (self->labels, i);

      if (g_str_equal (label->name, name))
        return label;
    }
  return NULL;
}

/**
 * qm_schema_find_label_by_key:
 * @self: a schema
 * @key: a key, compared without regard to case
 *
 * Returns: (nullable): the label @key applies, or %NULL
 */
const QmLabelDef *
qm_schema_find_label_by_key (QmSchema   *self,
                             const char *key)
{
  g_return_val_if_fail (QM_IS_SCHEMA (self), NULL);

  for (guint i = 0; i < self->labels->len; i++)
    {
      const QmLabelDef *label = g_ptr_array_index (self->labels, i);

      if (key_equal (label->key, key))
        return label;
    }
  return NULL;
}

const QmAttributeDef *
qm_label_def_find_attribute (const QmLabelDef *label,
                             const char       *name)
{
  g_return_val_if_fail (label != NULL, NULL);

  if (name == NULL)
    return NULL;

  for (guint i = 0; i < label->attributes->len; i++)
    {
      const QmAttributeDef *attr = g_ptr_array_index (label->attributes, i);

      if (g_str_equal (attr->name, name))
        return attr;
    }
  return NULL;
}

guint
qm_schema_get_n_relations (QmSchema *self)
{
  g_return_val_if_fail (QM_IS_SCHEMA (self), 0);

  return self->relations->len;
}

const QmRelationDef *
qm_schema_get_relation (QmSchema *self,
                        guint     index)
{
  g_return_val_if_fail (QM_IS_SCHEMA (self), NULL);
  g_return_val_if_fail (index < self->relations->len, NULL);

  return g_ptr_array_index (self->relations, index);
}

/**
 * qm_schema_find_relation:
 * @self: a schema
 * @name: a relation type
 *
 * A type may join more than one pair of labels; this is its first
 * definition. Use qm_schema_check_relation() to check a pair.
 *
 * Returns: (nullable): the relation, or %NULL
 */
const QmRelationDef *
qm_schema_find_relation (QmSchema   *self,
                         const char *name)
{
  g_return_val_if_fail (QM_IS_SCHEMA (self), NULL);

  if (name == NULL)
    return NULL;

  for (guint i = 0; i < self->relations->len; i++)
    {
      const QmRelationDef *relation = g_ptr_array_index (self->relations, i);

      if (g_str_equal (relation->name, name))
        return relation;
    }
  return NULL;
}

/**
 * qm_schema_find_relation_between:
 * @self: a schema
 * @from_label: the label of the span a link would leave
 * @to_label: the label of the span it would reach
 *
 * What linking two spans means: the first relation type the schema defines
 * between these labels (attributed_to from a Quote to a Speaker).
 *
 * Returns: (nullable): the relation, or %NULL when they cannot be linked
 */
const QmRelationDef *
qm_schema_find_relation_between (QmSchema   *self,
                                 const char *from_label,
                                 const char *to_label)
{
  g_return_val_if_fail (QM_IS_SCHEMA (self), NULL);

  for (guint i = 0; i < self->relations->len; i++)
    {
      const QmRelationDef *relation = g_ptr_array_index (self->relations, i);

      if (g_strcmp0 (relation->from_label, from_label) == 0 &&
          g_strcmp0 (relation->to_label, to_label) == 0)
        return relation;
    }
  return NULL;
}

/**
 * qm_schema_get_stance_label:
 * @self: a schema
 *
 * Returns: (nullable): the label stances attach to, or %NULL when the
 *   schema has no stances
 */
const char *
qm_schema_get_stance_label (QmSchema *self)
{
  g_return_val_if_fail (QM_IS_SCHEMA (self), NULL);

  return self->stance_label;
}

/**
 * qm_schema_get_stance_values:
 * @self: a schema
 *
 * Returns: (transfer none): the allowed stance values, empty (not %NULL)
 *   when the schema has no stances
 */
const char * const *
qm_schema_get_stance_values (QmSchema *self)
{
  g_return_val_if_fail (QM_IS_SCHEMA (self), NULL);

  return (const char * const *) self->stance_values;
}

static const QmLabelDef *
require_label (QmSchema    *self,
               const char  *name,
               GError     **error)
{
  const QmLabelDef *label = qm_schema_find_label (self, name);

  if (label == NULL)
    g_set_error (error, QM_ERROR, QM_ERROR_UNKNOWN_LABEL,
                 _("label “%s” is not defined in the schema"), name);
  return label;
}

gboolean
qm_schema_check_attribute (QmSchema    *self,
                           const char  *label,
                           const char  *name,
                           const char  *value,
                           GError     **error)
{
  const QmLabelDef *def;
  const QmAttributeDef *attr;

  g_return_val_if_fail (QM_IS_SCHEMA (self), FALSE);
  g_return_val_if_fail (label != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  def = require_label (self, label, error);
  if (def == NULL)
    return FALSE;

  attr = qm_label_def_find_attribute (def, name);
  if (attr == NULL)
    {
      g_set_error (error, QM_ERROR, QM_ERROR_UNKNOWN_LABEL,
                   _("attribute “%s” is not defined for label “%s”"), name, label);
      return FALSE;
    }

  if (!strv_contains ((const char * const *) attr->values, value))
    {
      g_autofree char *allowed = join_strv ((const char * const *) attr->values);

      g_set_error (error, QM_ERROR, QM_ERROR_UNKNOWN_LABEL,
                   _("value “%s” is not allowed for attribute “%s” of “%s” (allowed: %s)"),
                   value, name, label, allowed);
      return FALSE;
    }

  return TRUE;
}

gboolean
qm_schema_check_relation (QmSchema    *self,
                          const char  *type,
                          const char  *from_label,
                          const char  *to_label,
                          GError     **error)
{
  g_autoptr(GString) pairs = NULL;

  g_return_val_if_fail (QM_IS_SCHEMA (self), FALSE);
  g_return_val_if_fail (type != NULL, FALSE);
  g_return_val_if_fail (from_label != NULL, FALSE);
  g_return_val_if_fail (to_label != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (qm_schema_find_relation (self, type) == NULL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) names = NULL;
      g_autofree char *defined = NULL;

      for (guint i = 0; i < self->relations->len; i++)
        {
          const QmRelationDef *relation = g_ptr_array_index (self->relations, i);

          /* A type joining several pairs is named once. */
          if (qm_schema_find_relation (self, relation->name) == relation)
            g_strv_builder_add (builder, relation->name);
        }
      names = g_strv_builder_end (builder);
      defined = join_strv ((const char * const *) names);
      g_set_error (error, QM_ERROR, QM_ERROR_UNKNOWN_LABEL,
                   _("relation “%s” is not defined in the schema (defined: %s)"),
                   type, names[0] != NULL ? defined : _("none"));
      return FALSE;
    }

  if (require_label (self, from_label, error) == NULL
      || require_label (self, to_label, error) == NULL)
    return FALSE;

  pairs = g_string_new (NULL);
  for (guint i = 0; i < self->relations->len; i++)
    {
      const QmRelationDef *relation = g_ptr_array_index (self->relations, i);

      if (!g_str_equal (relation->name, type))
        continue;
      if (g_str_equal (relation->from_label, from_label)
          && g_str_equal (relation->to_label, to_label))
        return TRUE;

      if (pairs->len > 0)
        g_string_append (pairs, ", ");
      g_string_append_printf (pairs, "%s → %s", relation->from_label, relation->to_label);
    }

  g_set_error (error, QM_ERROR, QM_ERROR_UNKNOWN_LABEL,
               _("relation “%s” cannot go from “%s” to “%s” (allowed: %s)"),
               type, from_label, to_label, pairs->str);
  return FALSE;
}

static const QmLabelDef *
add_label (QmSchema   *self,
           const char *name,
           gboolean   *changed)
{
  const QmLabelDef *existing = qm_schema_find_label (self, name);
  QmLabelDef *label;

  if (existing != NULL)
    return existing;

  label = label_def_new (name);
  label->key = pick_free_key (self);
  label->color = pick_free_color (self);
  g_ptr_array_add (self->labels, label);
  *changed = TRUE;
  return label;
}

/**
 * qm_schema_add_label:
 * @self: a schema
 * @name: the new label
 *
 * Adds a label with the first free key (1 to 9, then a to z; none after
 * that) and the first palette colour no other label has. Emits
 * #QmSchema::changed unless the label was there already.
 *
 * Returns: (transfer none): the label named @name
 */
const QmLabelDef *
qm_schema_add_label (QmSchema   *self,
                     const char *name)
{
  const QmLabelDef *label;
  gboolean changed = FALSE;

  g_return_val_if_fail (QM_IS_SCHEMA (self), NULL);
  g_return_val_if_fail (name != NULL && !is_blank (name), NULL);

  label = add_label (self, name, &changed);
  if (changed)
    g_signal_emit (self, signals[CHANGED], 0);
  return label;
}

/**
 * qm_schema_add_relation:
 * @self: a schema
 * @name: a relation type
 * @from_label: the label of the source spans
 * @to_label: the label of the target spans
 *
 * Allows relations of type @name from @from_label to @to_label, adding the
 * labels too when they are missing. Emits #QmSchema::changed when anything
 * was added.
 */
void
qm_schema_add_relation (QmSchema   *self,
                        const char *name,
                        const char *from_label,
                        const char *to_label)
{
  gboolean changed = FALSE;
  gboolean found = FALSE;

  g_return_if_fail (QM_IS_SCHEMA (self));
  g_return_if_fail (name != NULL && !is_blank (name));
  g_return_if_fail (from_label != NULL && !is_blank (from_label));
  g_return_if_fail (to_label != NULL && !is_blank (to_label));

  add_label (self, from_label, &changed);
  add_label (self, to_label, &changed);

  for (guint i = 0; i < self->relations->len && !found; i++)
    {
      const QmRelationDef *relation = g_ptr_array_index (self->relations, i);

      found = g_str_equal (relation->name, name)
              && g_str_equal (relation->from_label, from_label)
              && g_str_equal (relation->to_label, to_label);
    }
  if (!found)
    {
      g_ptr_array_add (self->relations, relation_def_new (name, from_label, to_label));
      changed = TRUE;
    }

  if (changed)
    g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * qm_schema_add_attribute_value:
 * @self: a schema
 * @label: a label name
 * @name: an attribute name
 * @value: a value
 *
 * Allows @value for attribute @name of @label, adding the label and the
 * attribute when they are missing. Emits #QmSchema::changed when anything
 * was added.
 */
void
qm_schema_add_attribute_value (QmSchema   *self,
                               const char *label,
                               const char *name,
                               const char *value)
{
  gboolean changed = FALSE;
  QmLabelDef *def;
  QmAttributeDef *attr;

  g_return_if_fail (QM_IS_SCHEMA (self));
  g_return_if_fail (label != NULL && !is_blank (label));
  g_return_if_fail (name != NULL && !is_blank (name));
  g_return_if_fail (value != NULL && !is_blank (value));

  /* Only this file hands out the definitions, so dropping const is safe. */
  def = (QmLabelDef *) add_label (self, label, &changed);
  attr = (QmAttributeDef *) qm_label_def_find_attribute (def, name);
  if (attr == NULL)
    {
      attr = attribute_def_new (name);
      g_ptr_array_add (def->attributes, attr);
      changed = TRUE;
    }
  if (!strv_contains ((const char * const *) attr->values, value))
    {
      strv_append (&attr->values, value);
      changed = TRUE;
    }

  if (changed)
    g_signal_emit (self, signals[CHANGED], 0);
}

/* The names the default schema uses: they are what a corpus stores and
 * exports carry, so only their display is translated. */
static const char * const default_schema_names[] = {
  /* TRANSLATORS: the names of the labels, relations, attributes and values
   * of the default schema, as the window shows them. Corpora and exports
   * keep the English names. */
  NC_("schema", "Quote"),
  NC_("schema", "Speaker"),
  NC_("schema", "Cue"),
  NC_("schema", "attributed_to"),
  NC_("schema", "has_cue"),
  NC_("schema", "type"),
  NC_("schema", "direct"),
  NC_("schema", "indirect"),
  NC_("schema", "mixed"),
  NC_("schema", "mention"),
  NC_("schema", "name"),
  NC_("schema", "nominal"),
  NC_("schema", "pronoun"),
};

/**
 * qm_schema_display_name:
 * @name: the name of a label, relation, attribute or value
 *
 * Stance values have their own, qm_overview_stance_value_label().
 *
 * Returns: @name as the window shows it: translated when it is a name of
 *   the default schema, as it is otherwise (a schema of the user's own
 *   speaks the user's language already)
 */
const char *
qm_schema_display_name (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (default_schema_names); i++)
    {
      if (strcmp (name, default_schema_names[i]) == 0)
        return g_dpgettext2 (GETTEXT_PACKAGE, "schema", default_schema_names[i]);
    }

  return name;
}
