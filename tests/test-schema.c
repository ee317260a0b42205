/* test-schema.c: the label schema: default contents, JSON round trip,
 * validation messages, extension and checks. */
#include "config.h"

#include <string.h>
#include <glib.h>

#include "qm-error.h"
#include "qm-records.h"
#include "qm-schema.h"
#include "qm-test-util.h"

static const char *minimal_json =
  "{\"version\": 1, \"labels\": [{\"name\": \"Quote\"}]}";

static void
count_changed (QmSchema *schema,
               guint    *count)
{
  (*count)++;
}

static void
assert_strv_equal (const char * const *strv,
                   const char         *joined)
{
  g_autofree char *got = g_strjoinv ("|", (char **) strv);

  g_assert_cmpstr (got, ==, joined);
}

static void
test_default_contents (void)
{
  g_autoptr(QmSchema) schema = qm_schema_new_default ();
  const QmLabelDef *quote, *speaker, *cue;
  const QmAttributeDef *attr;
  const QmRelationDef *relation;

  g_assert_cmpuint (qm_schema_get_n_labels (schema), ==, 3);

  quote = qm_schema_get_label (schema, 0);
  speaker = qm_schema_get_label (schema, 1);
  cue = qm_schema_get_label (schema, 2);
  g_assert_cmpstr (quote->name, ==, "Quote");
  g_assert_cmpstr (speaker->name, ==, "Speaker");
  g_assert_cmpstr (cue->name, ==, "Cue");
  g_assert_cmpstr (quote->key, ==, "1");
  g_assert_cmpstr (speaker->key, ==, "2");
  g_assert_cmpstr (cue->key, ==, "3");
  g_assert_false (quote->entity);
  g_assert_true (speaker->entity);
  g_assert_false (cue->entity);

  /* Distinct colours, all of the form #rrggbb in lower case. */
  g_assert_true (g_regex_match_simple ("^#[0-9a-f]{6}$", quote->color, 0, 0));
  g_assert_true (g_regex_match_simple ("^#[0-9a-f]{6}$", speaker->color, 0, 0));
  g_assert_true (g_regex_match_simple ("^#[0-9a-f]{6}$", cue->color, 0, 0));
  g_assert_cmpstr (quote->color, !=, speaker->color);
  g_assert_cmpstr (quote->color, !=, cue->color);
  g_assert_cmpstr (speaker->color, !=, cue->color);

  g_assert_cmpuint (quote->attributes->len, ==, 1);
  attr = qm_label_def_find_attribute (quote, "type");
  g_assert_nonnull (attr);
  assert_strv_equal ((const char * const *) attr->values, "direct|indirect|mixed");
  attr = qm_label_def_find_attribute (speaker, "mention");
  g_assert_nonnull (attr);
  assert_strv_equal ((const char * const *) attr->values, "name|nominal|pronoun");
  g_assert_cmpuint (cue->attributes->len, ==, 0);
  g_assert_null (qm_label_def_find_attribute (cue, "type"));

  g_assert_cmpuint (qm_schema_get_n_relations (schema), ==, 2);
  relation = qm_schema_find_relation (schema, "attributed_to");
  g_assert_nonnull (relation);
  g_assert_cmpstr (relation->from_label, ==, "Quote");
  g_assert_cmpstr (relation->to_label, ==, "Speaker");
  relation = qm_schema_get_relation (schema, 1);
  g_assert_cmpstr (relation->name, ==, "has_cue");
  g_assert_cmpstr (relation->from_label, ==, "Quote");
  g_assert_cmpstr (relation->to_label, ==, "Cue");
  g_assert_null (qm_schema_find_relation (schema, "said"));

  g_assert_cmpstr (qm_schema_get_stance_label (schema), ==, "Quote");
  assert_strv_equal (qm_schema_get_stance_values (schema), "favor|against|none");

  g_assert_true (qm_schema_find_label (schema, "Speaker") == speaker);
  g_assert_null (qm_schema_find_label (schema, "speaker"));
  g_assert_true (qm_schema_find_label_by_key (schema, "3") == cue);
  g_assert_null (qm_schema_find_label_by_key (schema, "4"));
}

/* The shipped file is kept in canonical form, so that a corpus created with
 * the default schema stores exactly the text in data/schema/. */
static void
test_default_canonical (void)
{
  g_autoptr(QmSchema) schema = qm_schema_new_default ();
  g_autoptr(QmSchema) from_file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "schema",
                                                 "default.json", NULL);
  g_autofree char *contents = qm_test_read_file (path, NULL);
  g_autofree char *json = qm_schema_to_json (schema);
  g_autofree char *json2 = NULL;

  g_assert_cmpstr (json, ==, contents);

  from_file = qm_schema_new_from_file (path, &error);
  g_assert_no_error (error);
  json2 = qm_schema_to_json (from_file);
  g_assert_cmpstr (json2, ==, json);
}

static void
test_round_trip (void)
{
  /* Members out of order, a colour in upper case, keys and colours left
   * out, strings that need escaping, a type joining two pairs. */
  const char *input =
    "{\"stance\": {\"values\": [\"pro\", \"con\"], \"label\": \"Claim\"},"
    " \"relations\": [{\"to\": \"Source\", \"from\": \"Claim\", \"name\": \"by\"},"
    "                 {\"name\": \"by\", \"from\": \"Cue \\\"verb\\\"\", \"to\": \"Source\"}],"
    " \"labels\": ["
    "   {\"color\": \"#ABCDEF\", \"name\": \"Claim\","
    "    \"attributes\": [{\"values\": [\"a\\\\b\", \"نعم\"], \"name\": \"tone\"}]},"
    "   {\"name\": \"Source\", \"entity\": true, \"key\": \"s\"},"
    "   {\"name\": \"Cue \\\"verb\\\"\", \"entity\": false}"
    " ],"
    " \"version\": 1}";
  g_autoptr(GError) error = NULL;
  g_autoptr(QmSchema) schema = qm_schema_new_from_json (input, -1, &error);
  g_autoptr(QmSchema) again = NULL;
  g_autoptr(QmSchema) copy = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json2 = NULL;
  g_autofree char *json3 = NULL;
  const QmLabelDef *label;

  g_assert_no_error (error);
  g_assert_nonnull (schema);

  label = qm_schema_find_label (schema, "Claim");
  g_assert_cmpstr (label->color, ==, "#abcdef");
  /* "s" is claimed by Source, so Claim and Cue get the first free digits. */
  g_assert_cmpstr (label->key, ==, "1");
  g_assert_cmpstr (qm_schema_find_label (schema, "Source")->key, ==, "s");
  g_assert_cmpstr (qm_schema_find_label (schema, "Cue \"verb\"")->key, ==, "2");
  g_assert_nonnull (qm_schema_find_label_by_key (schema, "S"));

  json = qm_schema_to_json (schema);
  g_assert_true (g_str_has_prefix (json, "{\n  \"version\": 1,\n  \"labels\": [\n"));
  g_assert_true (g_str_has_suffix (json, "\n}\n"));
  g_assert_nonnull (strstr (json, "\"values\": [\"a\\\\b\", \"نعم\"]"));
  g_assert_nonnull (strstr (json, "\"Cue \\\"verb\\\"\""));
  g_assert_null (strstr (json, "\"entity\": false"));

  again = qm_schema_new_from_json (json, -1, &error);
  g_assert_no_error (error);
  json2 = qm_schema_to_json (again);
  g_assert_cmpstr (json2, ==, json);

  copy = qm_schema_copy (schema);
  json3 = qm_schema_to_json (copy);
  g_assert_cmpstr (json3, ==, json);

  /* The copy is independent of the original. */
  qm_schema_add_attribute_value (copy, "Claim", "tone", "maybe");
  g_assert_true (qm_schema_check_attribute (copy, "Claim", "tone", "maybe", NULL));
  g_assert_false (qm_schema_check_attribute (schema, "Claim", "tone", "maybe", NULL));
}

static void
test_round_trip_minimal (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmSchema) schema = qm_schema_new_from_json (minimal_json, -1, &error);
  g_autoptr(QmSchema) again = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json2 = NULL;

  g_assert_no_error (error);
  g_assert_null (qm_schema_get_stance_label (schema));
  g_assert_nonnull (qm_schema_get_stance_values (schema));
  g_assert_null (qm_schema_get_stance_values (schema)[0]);
  g_assert_cmpuint (qm_schema_get_n_relations (schema), ==, 0);

  json = qm_schema_to_json (schema);
  g_assert_cmpstr (json, ==,
                   "{\n"
                   "  \"version\": 1,\n"
                   "  \"labels\": [\n"
                   "    {\n"
                   "      \"name\": \"Quote\",\n"
                   "      \"key\": \"1\",\n"
                   "      \"color\": \"#e5a50a\"\n"
                   "    }\n"
                   "  ]\n"
                   "}\n");

  again = qm_schema_new_from_json (json, strlen (json), &error);
  g_assert_no_error (error);
  json2 = qm_schema_to_json (again);
  g_assert_cmpstr (json2, ==, json);
}

typedef struct
{
  const char *json;
  const char *message;
} InvalidCase;

static const InvalidCase invalid_cases[] = {
  { "", "schema: the schema is empty" },
  { "{\"version\": 1,\n \"labels\": [\n  {\"name\": Quote}]}",
    "schema: line 3, column *: not valid JSON: *" },
  { "[1, 2]", "schema: a schema is a JSON object *" },
  { "{\"labels\": [{\"name\": \"Quote\"}]}", "schema: the schema has no “version” (use \"version\": 1)" },
  { "{\"version\": \"1\", \"labels\": [{\"name\": \"Quote\"}]}",
    "schema: “version” must be a whole number (use \"version\": 1)" },
  { "{\"version\": 2, \"labels\": [{\"name\": \"Quote\"}]}",
    "schema: unknown schema version 2 (this version of Quotemark reads version 1)" },
  { "{\"version\": 1, \"label\": [{\"name\": \"Quote\"}]}",
    "schema: the schema has an unknown member “label” (expected: version, labels, relations, stance)" },
  { "{\"version\": 1}", "schema: the schema needs “labels”, a list of at least one label" },
  { "{\"version\": 1, \"labels\": []}", "schema: the schema needs “labels”, a list of at least one label" },
  { "{\"version\": 1, \"labels\": {\"name\": \"Quote\"}}",
    "schema: the schema needs “labels”, a list of at least one label" },
  { "{\"version\": 1, \"labels\": [\"Quote\"]}", "schema: label 1 must be an object like *" },
  { "{\"version\": 1, \"labels\": [{\"name\": \"Quote\"}, {\"key\": \"2\"}]}",
    "schema: label 2 has no name" },
  { "{\"version\": 1, \"labels\": [{\"name\": \"  \"}]}", "schema: label 1 has an empty “name”" },
  { "{\"version\": 1, \"labels\": [{\"name\": 7}]}",
    "schema: “name” of label 1 must be a string in quotes" },
  { "{\"version\": 1, \"labels\": [{\"name\": \"Quote\", \"colour\": \"#ffffff\"}]}",
    "schema: label 1 has an unknown member “colour” (expected: name, key, color, entity, attributes)" },
  { "{\"version\": 1, \"labels\": [{\"name\": \"Quote\"}, {\"name\": \"quote\"}]}",
    "schema: labels 1 and 2 are both named “quote”" },
  { "{\"version\": 1, \"labels\": [{\"name\": \"Quote\", \"key\": \"1\"},"
    " {\"name\": \"Speaker\", \"key\": \"2\"}, {\"name\": \"Cue\", \"key\": \"1\"}]}",
    "schema: duplicate key 1 for labels “Quote” and “Cue”" },
  { "{\"version\": 1, \"labels\": [{\"name\": \"Quote\", \"key\": \"a\"}, {\"name\": \"Cue\", \"key\": \"A\"}]}",
    "schema: duplicate key A for labels “Quote” and “Cue”" },
  { "{\"version\": 1, \"labels\": [{\"name\": \"Quote\", \"key\": \"12\"}]}",
    "schema: the key “12” of label 1 (“Quote”) is not a single letter or digit" },
  { "{\"version\": 1, \"labels\": [{\"name\": \"Quote\", \"key\": \"+\"}]}",
    "schema: the key “+” of label 1 (“Quote”) is not a single letter or digit" },
  { "{\"version\": 1, \"labels\": [{\"name\": \"Quote\", \"color\": \"yellow\"}]}",
    "schema: the colour “yellow” of label 1 (“Quote”) is not of the form #rrggbb" },
  { "{\"version\": 1, \"labels\": [{\"name\": \"Quote\", \"color\": \"#12345g\"}]}",
    "schema: the colour “#12345g” of label 1 (“Quote”) is not of the form #rrggbb" },
  { "{\"version\": 1, \"labels\": [{\"name\": \"Quote\", \"color\": \"#fff\"}]}",
    "schema: the colour “#fff” of label 1 (“Quote”) is not of the form #rrggbb" },
  { "{\"version\": 1, \"labels\": [{\"name\": \"Speaker\", \"entity\": \"yes\"}]}",
    "schema: “entity” of label 1 (“Speaker”) must be true or false" },
  { "{\"version\": 1, \"labels\": [{\"name\": \"Quote\", \"attributes\": {\"type\": []}}]}",
    "schema: “attributes” of label 1 (“Quote”) must be a list" },
  { "{\"version\": 1, \"labels\": [{\"name\": \"Quote\", \"attributes\": [{\"values\": [\"a\"]}]}]}",
    "schema: attribute 1 of label “Quote” has no name" },
  { "{\"version\": 1, \"labels\": [{\"name\": \"Quote\", \"attributes\": [{\"name\": \"type\"}]}]}",
    "schema: attribute “type” of label “Quote” needs “values”, a list of at least one allowed value" },
  { "{\"version\": 1, \"labels\": [{\"name\": \"Quote\", \"attributes\": [{\"name\": \"type\", \"values\": []}]}]}",
    "schema: attribute “type” of label “Quote” needs “values”, a list of at least one allowed value" },
  { "{\"version\": 1, \"labels\": [{\"name\": \"Quote\", \"attributes\": [{\"name\": \"type\", \"values\": [\"a\", 3]}]}]}",
    "schema: value 2 of attribute “type” of label “Quote” is not a non-empty string" },
  { "{\"version\": 1, \"labels\": [{\"name\": \"Quote\", \"attributes\": [{\"name\": \"type\", \"values\": [\"a\", \"b\", \"a\"]}]}]}",
    "schema: value “a” appears twice in attribute “type” of label “Quote”" },
  { "{\"version\": 1, \"labels\": [{\"name\": \"Quote\", \"attributes\": ["
    "{\"name\": \"type\", \"values\": [\"a\"]}, {\"name\": \"type\", \"values\": [\"b\"]}]}]}",
    "schema: label “Quote” defines the attribute “type” twice" },
  { "{\"version\": 1, \"labels\": [{\"name\": \"Quote\"}], \"relations\": {}}",
    "schema: “relations” must be a list" },
  { "{\"version\": 1, \"labels\": [{\"name\": \"Quote\"}], \"relations\": [{\"from\": \"Quote\", \"to\": \"Quote\"}]}",
    "schema: relation 1 has no name" },
  { "{\"version\": 1, \"labels\": [{\"name\": \"Quote\"}], \"relations\": [{\"name\": \"r\", \"to\": \"Quote\"}]}",
    "schema: relation “r” has no “from”" },
  { "{\"version\": 1, \"labels\": [{\"name\": \"Quote\"}, {\"name\": \"Speaker\"}],"
    " \"relations\": [{\"name\": \"attributed_to\", \"from\": \"Quote\", \"to\": \"Speakr\"}]}",
    "schema: relation “attributed_to” refers to the unknown label “Speakr”" },
  { "{\"version\": 1, \"labels\": [{\"name\": \"Quote\"}, {\"name\": \"Speaker\"}],"
    " \"relations\": [{\"name\": \"attributed_to\", \"from\": \"Qoute\", \"to\": \"Speaker\"}]}",
    "schema: relation “attributed_to” refers to the unknown label “Qoute”" },
  { "{\"version\": 1, \"labels\": [{\"name\": \"Quote\"}, {\"name\": \"Speaker\"}],"
    " \"relations\": [{\"name\": \"by\", \"from\": \"Quote\", \"to\": \"Speaker\"},"
    " {\"name\": \"by\", \"from\": \"Quote\", \"to\": \"Speaker\"}]}",
    "schema: relation “by” from “Quote” to “Speaker” is defined twice" },
  { "{\"version\": 1, \"labels\": [{\"name\": \"Quote\"}], \"stance\": [\"favor\"]}",
    "schema: “stance” must be an object like *" },
  { "{\"version\": 1, \"labels\": [{\"name\": \"Quote\"}], \"stance\": {\"values\": [\"favor\"]}}",
    "schema: the stance has no “label”" },
  { "{\"version\": 1, \"labels\": [{\"name\": \"Quote\"}], \"stance\": {\"label\": \"Claim\", \"values\": [\"favor\"]}}",
    "schema: the stance label “Claim” is not one of the labels" },
  { "{\"version\": 1, \"labels\": [{\"name\": \"Quote\"}], \"stance\": {\"label\": \"Quote\"}}",
    "schema: the stance needs “values”, a list of at least one allowed value" },
  { "{\"version\": 1, \"labels\": [{\"name\": \"Quote\"}], \"stance\": {\"label\": \"Quote\", \"values\": [\"x\", \"x\"]}}",
    "schema: value “x” appears twice in the stance" },
};

static void
test_invalid (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(QmSchema) schema = NULL;

      g_test_message ("case %u: %s", i, invalid_cases[i].json);
      schema = qm_schema_new_from_json (invalid_cases[i].json, -1, &error);
      g_assert_null (schema);
      g_assert_error (error, QM_ERROR, QM_ERROR_INVALID_DATA);
      if (!g_pattern_match_simple (invalid_cases[i].message, error->message))
        g_error ("case %u: got “%s”, expected “%s”", i, error->message, invalid_cases[i].message);
    }
}

static void
test_from_file (void)
{
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *missing = g_build_filename (dir, "missing.json", NULL);
  g_autofree char *bad = NULL;
  g_autofree char *broken = NULL;
  g_autofree char *good = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(QmSchema) schema = NULL;

  schema = qm_schema_new_from_file (missing, &error);
  g_assert_null (schema);
  g_assert_error (error, QM_ERROR, QM_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "missing.json"));
  g_clear_error (&error);

  /* Messages name the file instead of "schema". */
  bad = qm_test_write_file (dir, "bad.json",
                            "{\"version\": 1, \"labels\": [{\"name\": \"Quote\", \"color\": \"red\"}]}", -1);
  schema = qm_schema_new_from_file (bad, &error);
  g_assert_null (schema);
  g_assert_error (error, QM_ERROR, QM_ERROR_INVALID_DATA);
  expected = g_strdup_printf ("%s: the colour “red” of label 1 (“Quote”) is not of the form #rrggbb", bad);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);
  g_clear_pointer (&expected, g_free);

  broken = qm_test_write_file (dir, "broken.json",
                               "{\n  \"version\": 1,\n  \"labels\": [\n    {\"name\": \"Quote\",}\n  ]\n}\n", -1);
  schema = qm_schema_new_from_file (broken, &error);
  g_assert_null (schema);
  g_assert_error (error, QM_ERROR, QM_ERROR_INVALID_DATA);
  expected = g_strdup_printf ("%s: line 4, column *: not valid JSON: *", broken);
  if (!g_pattern_match_simple (expected, error->message))
    g_error ("got “%s”, expected “%s”", error->message, expected);
  g_clear_error (&error);

  good = qm_test_write_file (dir, "good.json", minimal_json, -1);
  schema = qm_schema_new_from_file (good, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (qm_schema_get_n_labels (schema), ==, 1);
}

static void
test_add_label (void)
{
  g_autoptr(QmSchema) schema = qm_schema_new_default ();
  const QmLabelDef *label, *again;
  guint changed = 0;

  g_signal_connect (schema, "changed", G_CALLBACK (count_changed), &changed);

  label = qm_schema_add_label (schema, "Target");
  g_assert_nonnull (label);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (qm_schema_get_n_labels (schema), ==, 4);
  g_assert_cmpstr (label->name, ==, "Target");
  g_assert_cmpstr (label->key, ==, "4");
  /* Yellow, blue and red are taken by the default labels. */
  g_assert_cmpstr (label->color, ==, "#2ec27e");
  g_assert_false (label->entity);
  g_assert_cmpuint (label->attributes->len, ==, 0);
  g_assert_true (qm_schema_find_label_by_key (schema, "4") == label);

  /* Adding an existing label changes nothing. */
  again = qm_schema_add_label (schema, "Target");
  g_assert_true (again == label);
  again = qm_schema_add_label (schema, "Quote");
  g_assert_true (again == qm_schema_get_label (schema, 0));
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (qm_schema_get_n_labels (schema), ==, 4);

  label = qm_schema_add_label (schema, "Source");
  g_assert_cmpstr (label->key, ==, "5");
  g_assert_cmpstr (label->color, ==, "#9141ac");
  g_assert_cmpuint (changed, ==, 2);
}

static void
test_add_label_skips_taken (void)
{
  const char *json =
    "{\"version\": 1, \"labels\": ["
    " {\"name\": \"A\", \"key\": \"1\", \"color\": \"#3584E4\"},"
    " {\"name\": \"B\", \"key\": \"3\", \"color\": \"#e5a50a\"},"
    " {\"name\": \"C\", \"key\": \"b\", \"color\": \"#123456\"}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(QmSchema) schema = qm_schema_new_from_json (json, -1, &error);
  g_autoptr(GHashTable) colors = g_hash_table_new (g_str_hash, g_str_equal);
  const QmLabelDef *label;
  g_autofree char *out = NULL;
  g_autoptr(QmSchema) again = NULL;
  g_autofree char *out2 = NULL;

  g_assert_no_error (error);

  label = qm_schema_add_label (schema, "D");
  g_assert_cmpstr (label->key, ==, "2");
  g_assert_cmpstr (label->color, ==, "#e01b24");
  label = qm_schema_add_label (schema, "E");
  g_assert_cmpstr (label->key, ==, "4");
  g_assert_cmpstr (label->color, ==, "#2ec27e");

  /* Fill the digits: letters come next, and "b" is taken. */
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("L%u", i);

      label = qm_schema_add_label (schema, name);
    }
  g_assert_cmpstr (label->key, ==, "9");
  label = qm_schema_add_label (schema, "M");
  g_assert_cmpstr (label->key, ==, "a");
  label = qm_schema_add_label (schema, "N");
  g_assert_cmpstr (label->key, ==, "c");

  /* No two of the first ten labels given colours share one. */
  for (guint i = 0; i < 10; i++)
    {
      label = qm_schema_get_label (schema, i);
      if (i == 2)
        continue; /* C brought its own colour */
      g_assert_false (g_hash_table_contains (colors, label->color));
      g_hash_table_add (colors, label->color);
    }

  /* Once 1-9 and a-z are taken, new labels have no key and still round trip. */
  for (guint i = 0; qm_schema_find_label_by_key (schema, "z") == NULL; i++)
    {
      g_autofree char *name = g_strdup_printf ("X%u", i);

      qm_schema_add_label (schema, name);
    }
  g_assert_cmpuint (qm_schema_get_n_labels (schema), ==, 35);
  label = qm_schema_add_label (schema, "Last");
  g_assert_null (label->key);
  g_assert_nonnull (label->color);

  out = qm_schema_to_json (schema);
  again = qm_schema_new_from_json (out, -1, &error);
  g_assert_no_error (error);
  g_assert_null (qm_schema_find_label (again, "Last")->key);
  out2 = qm_schema_to_json (again);
  g_assert_cmpstr (out2, ==, out);
}

static void
test_add_relation (void)
{
  g_autoptr(QmSchema) schema = qm_schema_new_default ();
  g_autoptr(GError) error = NULL;
  guint changed = 0;

  g_signal_connect (schema, "changed", G_CALLBACK (count_changed), &changed);

  qm_schema_add_relation (schema, "attributed_to", "Quote", "Speaker");
  g_assert_cmpuint (changed, ==, 0);
  g_assert_cmpuint (qm_schema_get_n_relations (schema), ==, 2);

  /* A second pair for an existing type. */
  qm_schema_add_relation (schema, "attributed_to", "Cue", "Speaker");
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (qm_schema_get_n_relations (schema), ==, 3);
  g_assert_true (qm_schema_check_relation (schema, "attributed_to", "Cue", "Speaker", &error));
  g_assert_no_error (error);

  /* Missing labels come along, with one signal for the whole call. */
  qm_schema_add_relation (schema, "about", "Quote", "Topic");
  g_assert_cmpuint (changed, ==, 2);
  g_assert_nonnull (qm_schema_find_label (schema, "Topic"));
  g_assert_cmpstr (qm_schema_find_label (schema, "Topic")->key, ==, "4");
  g_assert_true (qm_schema_check_relation (schema, "about", "Quote", "Topic", &error));
  g_assert_no_error (error);
}

static void
test_add_attribute_value (void)
{
  g_autoptr(QmSchema) schema = qm_schema_new_default ();
  g_autoptr(GError) error = NULL;
  const QmAttributeDef *attr;
  guint changed = 0;

  g_signal_connect (schema, "changed", G_CALLBACK (count_changed), &changed);

  qm_schema_add_attribute_value (schema, "Quote", "type", "direct");
  g_assert_cmpuint (changed, ==, 0);

  qm_schema_add_attribute_value (schema, "Quote", "type", "partial");
  g_assert_cmpuint (changed, ==, 1);
  attr = qm_label_def_find_attribute (qm_schema_find_label (schema, "Quote"), "type");
  assert_strv_equal ((const char * const *) attr->values, "direct|indirect|mixed|partial");

  qm_schema_add_attribute_value (schema, "Cue", "tense", "past");
  g_assert_cmpuint (changed, ==, 2);
  g_assert_true (qm_schema_check_attribute (schema, "Cue", "tense", "past", &error));
  g_assert_no_error (error);

  qm_schema_add_attribute_value (schema, "Claim", "strength", "high");
  g_assert_cmpuint (changed, ==, 3);
  g_assert_cmpuint (qm_schema_get_n_labels (schema), ==, 4);
  g_assert_true (qm_schema_check_attribute (schema, "Claim", "strength", "high", &error));
  g_assert_no_error (error);
}

static void
test_check_attribute (void)
{
  g_autoptr(QmSchema) schema = qm_schema_new_default ();
  g_autoptr(GError) error = NULL;

  g_assert_true (qm_schema_check_attribute (schema, "Quote", "type", "indirect", &error));
  g_assert_no_error (error);
  g_assert_true (qm_schema_check_attribute (schema, "Speaker", "mention", "pronoun", &error));
  g_assert_no_error (error);

  g_assert_false (qm_schema_check_attribute (schema, "Quote", "tone", "angry", &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_UNKNOWN_LABEL);
  g_assert_cmpstr (error->message, ==, "attribute “tone” is not defined for label “Quote”");
  g_clear_error (&error);

  g_assert_false (qm_schema_check_attribute (schema, "Quote", "type", "x", &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_UNKNOWN_LABEL);
  g_assert_cmpstr (error->message, ==,
                   "value “x” is not allowed for attribute “type” of “Quote” "
                   "(allowed: direct, indirect, mixed)");
  g_clear_error (&error);

  /* An attribute of another label is not allowed here. */
  g_assert_false (qm_schema_check_attribute (schema, "Cue", "mention", "name", &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_UNKNOWN_LABEL);
  g_assert_cmpstr (error->message, ==, "attribute “mention” is not defined for label “Cue”");
  g_clear_error (&error);

  g_assert_false (qm_schema_check_attribute (schema, "Claim", "type", "direct", &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_UNKNOWN_LABEL);
  g_assert_cmpstr (error->message, ==, "label “Claim” is not defined in the schema");
  g_clear_error (&error);

  /* Works without an error location. */
  g_assert_false (qm_schema_check_attribute (schema, "Quote", "type", "Direct", NULL));
}

static void
test_check_relation (void)
{
  g_autoptr(QmSchema) schema = qm_schema_new_default ();
  g_autoptr(QmSchema) bare = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (qm_schema_check_relation (schema, "attributed_to", "Quote", "Speaker", &error));
  g_assert_no_error (error);
  g_assert_true (qm_schema_check_relation (schema, "has_cue", "Quote", "Cue", &error));
  g_assert_no_error (error);

  g_assert_false (qm_schema_check_relation (schema, "said_by", "Quote", "Speaker", &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_UNKNOWN_LABEL);
  g_assert_cmpstr (error->message, ==,
                   "relation “said_by” is not defined in the schema (defined: attributed_to, has_cue)");
  g_clear_error (&error);

  /* Reversed direction. */
  g_assert_false (qm_schema_check_relation (schema, "attributed_to", "Speaker", "Quote", &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_UNKNOWN_LABEL);
  g_assert_cmpstr (error->message, ==,
                   "relation “attributed_to” cannot go from “Speaker” to “Quote” "
                   "(allowed: Quote → Speaker)");
  g_clear_error (&error);

  g_assert_false (qm_schema_check_relation (schema, "has_cue", "Quote", "Verb", &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_UNKNOWN_LABEL);
  g_assert_cmpstr (error->message, ==, "label “Verb” is not defined in the schema");
  g_clear_error (&error);

  qm_schema_add_relation (schema, "attributed_to", "Cue", "Speaker");
  g_assert_false (qm_schema_check_relation (schema, "attributed_to", "Cue", "Quote", &error));
  g_assert_cmpstr (error->message, ==,
                   "relation “attributed_to” cannot go from “Cue” to “Quote” "
                   "(allowed: Quote → Speaker, Cue → Speaker)");
  g_clear_error (&error);

  bare = qm_schema_new_from_json (minimal_json, -1, &error);
  g_assert_no_error (error);
  g_assert_false (qm_schema_check_relation (bare, "attributed_to", "Quote", "Quote", &error));
  g_assert_cmpstr (error->message, ==,
                   "relation “attributed_to” is not defined in the schema (defined: none)");
}

/* Linking a quote to a span means the relation whose labels fit. */
static void
test_relation_between (void)
{
  g_autoptr(QmSchema) schema = qm_schema_new_default ();
  const QmRelationDef *def;

  def = qm_schema_find_relation_between (schema, "Quote", "Speaker");
  g_assert_nonnull (def);
  g_assert_cmpstr (def->name, ==, "attributed_to");
  def = qm_schema_find_relation_between (schema, "Quote", "Cue");
  g_assert_nonnull (def);
  g_assert_cmpstr (def->name, ==, "has_cue");
  /* Links have a direction. */
  g_assert_null (qm_schema_find_relation_between (schema, "Speaker", "Quote"));
  g_assert_null (qm_schema_find_relation_between (schema, "Quote", "Quote"));
  g_assert_null (qm_schema_find_relation_between (schema, "Quote", NULL));
}

static void
test_span_distance (void)
{
  g_autoptr(QmSpan) quote = qm_span_new ();
  g_autoptr(QmSpan) before = qm_span_new ();
  g_autoptr(QmSpan) after = qm_span_new ();
  g_autoptr(QmSpan) inside = qm_span_new ();

  quote->start = 10;
  quote->end = 20;
  before->start = 2;
  before->end = 6;
  after->start = 25;
  after->end = 30;
  inside->start = 12;
  inside->end = 14;
  g_assert_cmpint (qm_span_distance (quote, before), ==, 4);
  g_assert_cmpint (qm_span_distance (before, quote), ==, 4);
  g_assert_cmpint (qm_span_distance (quote, after), ==, 5);
  g_assert_cmpint (qm_span_distance (quote, inside), ==, 0);
  after->start = 20;
  g_assert_cmpint (qm_span_distance (quote, after), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/schema/default/contents", test_default_contents);
  g_test_add_func ("/schema/default/canonical", test_default_canonical);
  g_test_add_func ("/schema/relation-between", test_relation_between);
  g_test_add_func ("/schema/span-distance", test_span_distance);
  g_test_add_func ("/schema/json/round-trip", test_round_trip);
  g_test_add_func ("/schema/json/round-trip-minimal", test_round_trip_minimal);
  g_test_add_func ("/schema/json/invalid", test_invalid);
  g_test_add_func ("/schema/json/from-file", test_from_file);
  g_test_add_func ("/schema/add/label", test_add_label);
  g_test_add_func ("/schema/add/label-skips-taken", test_add_label_skips_taken);
  g_test_add_func ("/schema/add/relation", test_add_relation);
  g_test_add_func ("/schema/add/attribute-value", test_add_attribute_value);
  g_test_add_func ("/schema/check/attribute", test_check_attribute);
  g_test_add_func ("/schema/check/relation", test_check_relation);

  return g_test_run ();
}
