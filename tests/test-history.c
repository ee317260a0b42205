/* test-history.c: undo/redo of span, link, attribute, speaker, target,
 * stance and title changes against a real corpus file, and the span list. */
#include "config.h"

#include <string.h>

#include "qm-error.h"
#include "qm-history.h"
#include "qm-span-list.h"
#include "qm-store.h"
#include "qm-test-util.h"

static const char text_en[] =
  "The minister said: \"We will not retreat.\" Reporters asked why.\n";
/* With harakat, as agencies sometimes print quotes. */
static const char text_ar[] =
  "قالَ الوزيرُ: «لَنْ نتراجعَ أبداً» أمامَ الصحفيين.\n";

typedef struct
{
  QmStore   *store;
  QmHistory *history;
  char      *doc_en;
  char      *doc_ar;
  guint      n_changed;
  char      *last_changed;
  guint      n_corpus_changed;
} Fixture;

static char *
add_document (QmStore    *store,
              const char *id,
              const char *text)
{
  g_autoptr(QmDocument) document = qm_document_new ();
  g_autoptr(GError) error = NULL;

  qm_document_set_id (document, id);
  qm_document_set_title (document, id);
  qm_document_set_text (document, text);
  qm_store_add_document (store, document, &error);
  g_assert_no_error (error);
  return g_strdup (qm_document_get_id (document));
}

static void
on_changed (QmHistory  *history,
            const char *document_id,
            Fixture    *fixture)
{
  fixture->n_changed++;
  g_free (fixture->last_changed);
  fixture->last_changed = g_strdup (document_id);
}

static void
on_corpus_changed (QmHistory *history,
                   Fixture   *fixture)
{
  fixture->n_corpus_changed++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "corpus.quotemark", NULL);
  g_autoptr(GError) error = NULL;

  fixture->store = qm_store_open (path, QM_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);
  fixture->doc_en = add_document (fixture->store, "doc-en", text_en);
  fixture->doc_ar = add_document (fixture->store, "doc-ar", text_ar);
  fixture->history = qm_history_new (fixture->store);
  g_signal_connect (fixture->history, "changed", G_CALLBACK (on_changed), fixture);
  g_signal_connect (fixture->history, "corpus-changed", G_CALLBACK (on_corpus_changed), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->history);
  qm_store_close (fixture->store);
  g_clear_object (&fixture->store);
  g_free (fixture->doc_en);
  g_free (fixture->doc_ar);
  g_free (fixture->last_changed);
}

/* The name of the schema label that has the @index-th key, so the tests
 * follow the default schema instead of repeating it. */
static const char *
label_name (Fixture    *fixture,
            const char *key)
{
  const QmLabelDef *def = qm_schema_find_label_by_key (qm_store_get_schema (fixture->store), key);

  g_assert_nonnull (def);
  return def->name;
}

static glong
char_offset_of (const char *text,
                const char *needle)
{
  const char *at = strstr (text, needle);

  g_assert_nonnull (at);
  return g_utf8_pointer_to_offset (text, at);
}

static QmSpan *
make_span (const char *document_id,
           const char *label,
           const char *text,
           const char *covered,
           const char *annotator)
{
  QmSpan *span = qm_span_new ();

  span->document_id = g_strdup (document_id);
  span->label = g_strdup (label);
  span->start = char_offset_of (text, covered);
  span->end = span->start + g_utf8_strlen (covered, -1);
  span->annotator = g_strdup (annotator);
  return span;
}

static QmSpan *
get_span_or_null (QmStore    *store,
                  const char *id)
{
  g_autoptr(GError) error = NULL;
  QmSpan *span = qm_store_get_span (store, id, &error);

  if (span == NULL)
    g_assert_error (error, QM_ERROR, QM_ERROR_NOT_FOUND);
  else
    g_assert_no_error (error);
  return span;
}

static guint
count_spans (QmStore    *store,
             const char *document_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spans = qm_store_list_spans (store, document_id, NULL, &error);

  g_assert_no_error (error);
  return spans->len;
}

static void
test_add_undo_redo (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(QmSpan) span = NULL;
  g_autoptr(QmSpan) stored = NULL;
  g_autoptr(QmSpan) gone = NULL;
  g_autoptr(QmSpan) back = NULL;
  g_autoptr(GError) error = NULL;
  const char *quote = label_name (fixture, "1");
  g_autofree char *id = NULL;
  glong start;

  g_assert_false (qm_history_can_undo (fixture->history));
  g_assert_false (qm_history_can_redo (fixture->history));
  g_assert_null (qm_history_get_undo_label (fixture->history));

  span = make_span (fixture->doc_ar, quote, text_ar, "لَنْ نتراجعَ أبداً", "amina");
  start = span->start;
  g_assert_true (qm_history_add_span (fixture->history, span, &error));
  g_assert_no_error (error);
  g_assert_nonnull (span->id);
  id = g_strdup (span->id);

  /* Committed when the call returns: a second connection would see it, and
   * so does the store. */
  stored = get_span_or_null (fixture->store, id);
  g_assert_nonnull (stored);
  g_assert_cmpstr (stored->label, ==, quote);
  g_assert_cmpint (stored->start, ==, start);
  g_assert_cmpint (stored->end, ==, start + g_utf8_strlen ("لَنْ نتراجعَ أبداً", -1));
  g_assert_cmpstr (stored->annotator, ==, "amina");
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_cmpstr (fixture->last_changed, ==, fixture->doc_ar);
  g_assert_true (qm_history_can_undo (fixture->history));
  g_assert_false (qm_history_can_redo (fixture->history));
  g_assert_nonnull (qm_history_get_undo_label (fixture->history));
  g_assert_nonnull (strstr (qm_history_get_undo_label (fixture->history), quote));
  g_assert_cmpstr (qm_history_get_undo_span_id (fixture->history), ==, id);
  g_assert_cmpstr (qm_history_get_undo_document_id (fixture->history), ==, fixture->doc_ar);

  g_assert_true (qm_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  gone = get_span_or_null (fixture->store, id);
  g_assert_null (gone);
  g_assert_cmpuint (count_spans (fixture->store, fixture->doc_ar), ==, 0);
  g_assert_cmpuint (fixture->n_changed, ==, 2);
  g_assert_false (qm_history_can_undo (fixture->history));
  g_assert_true (qm_history_can_redo (fixture->history));
  g_assert_nonnull (strstr (qm_history_get_redo_label (fixture->history), quote));

  g_assert_true (qm_history_redo (fixture->history, &error));
  g_assert_no_error (error);
  back = get_span_or_null (fixture->store, id);
  g_assert_nonnull (back);
  g_assert_cmpstr (back->label, ==, quote);
  g_assert_cmpint (back->start, ==, stored->start);
  g_assert_cmpint (back->end, ==, stored->end);
  g_assert_cmpint (back->created, ==, stored->created);
  g_assert_cmpuint (count_spans (fixture->store, fixture->doc_ar), ==, 1);
  g_assert_cmpuint (fixture->n_changed, ==, 3);
  g_assert_true (qm_history_can_undo (fixture->history));
  g_assert_false (qm_history_can_redo (fixture->history));
}

static void
test_nothing_to_undo (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (qm_history_undo (fixture->history, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (qm_history_redo (fixture->history, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_FAILED);
  g_assert_cmpuint (fixture->n_changed, ==, 0);
}

static void
test_failed_add_records_nothing (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(QmSpan) span = make_span (fixture->doc_en, "NoSuchLabel", text_en, "retreat", "amina");
  g_autoptr(QmSpan) outside = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (qm_history_add_span (fixture->history, span, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_UNKNOWN_LABEL);
  g_clear_error (&error);

  outside = make_span (fixture->doc_en, label_name (fixture, "1"), text_en, "why", "amina");
  outside->end = g_utf8_strlen (text_en, -1) + 5;
  g_assert_false (qm_history_add_span (fixture->history, outside, &error));
  g_assert_nonnull (error);

  g_assert_false (qm_history_can_undo (fixture->history));
  g_assert_cmpuint (fixture->n_changed, ==, 0);
  g_assert_cmpuint (count_spans (fixture->store, fixture->doc_en), ==, 0);
}

/* A quote attributed to a speaker, with a stance: deleting the quote takes
 * the link and the stance with it, undo must bring all three back. */
typedef struct
{
  char *quote_id;
  char *speaker_id;
  char *relation_id;
  char *target_id;
  char *value;
} Annotated;

static void
annotated_clear (Annotated *a)
{
  g_free (a->quote_id);
  g_free (a->speaker_id);
  g_free (a->relation_id);
  g_free (a->target_id);
  g_free (a->value);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Annotated, annotated_clear)

static void
annotate (Fixture   *fixture,
          Annotated *out)
{
  QmSchema *schema = qm_store_get_schema (fixture->store);
  const char *stance_label = qm_schema_get_stance_label (schema);
  const char * const *values = qm_schema_get_stance_values (schema);
  const QmRelationDef *relation_def;
  g_autoptr(QmSpan) quote = NULL;
  g_autoptr(QmSpan) speaker = NULL;
  g_autoptr(QmRelation) relation = qm_relation_new ();
  g_autoptr(QmTarget) target = NULL;
  g_autoptr(QmStance) stance = qm_stance_new ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (qm_schema_get_n_relations (schema), >, 0);
  relation_def = qm_schema_get_relation (schema, 0);
  g_assert_nonnull (values);
  g_assert_nonnull (values[0]);

  quote = make_span (fixture->doc_en, relation_def->from_label, text_en, "We will not retreat.", "amina");
  g_assert_cmpstr (relation_def->from_label, ==, stance_label);
  qm_store_add_span (fixture->store, quote, &error);
  g_assert_no_error (error);
  speaker = make_span (fixture->doc_en, relation_def->to_label, text_en, "The minister", "amina");
  qm_store_add_span (fixture->store, speaker, &error);
  g_assert_no_error (error);

  relation->type = g_strdup (relation_def->name);
  relation->from_id = g_strdup (quote->id);
  relation->to_id = g_strdup (speaker->id);
  relation->annotator = g_strdup ("amina");
  qm_store_add_relation (fixture->store, relation, &error);
  g_assert_no_error (error);
  g_assert_nonnull (relation->id);

  target = qm_store_ensure_target (fixture->store, "Withdrawal", &error);
  g_assert_no_error (error);
  stance->span_id = g_strdup (quote->id);
  stance->target_id = g_strdup (target->id);
  stance->value = g_strdup (values[g_strv_length ((char **) values) - 1]);
  stance->annotator = g_strdup ("amina");
  qm_store_set_stance (fixture->store, stance, &error);
  g_assert_no_error (error);

  out->quote_id = g_strdup (quote->id);
  out->speaker_id = g_strdup (speaker->id);
  out->relation_id = g_strdup (relation->id);
  out->target_id = g_strdup (target->id);
  out->value = g_strdup (stance->value);
}

static void
assert_links (Fixture   *fixture,
              Annotated *a,
              gboolean   present)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) relations = qm_store_list_relations (fixture->store, fixture->doc_en, NULL, &error);
  g_autoptr(GPtrArray) stances = NULL;
  gboolean found_relation = FALSE, found_stance = FALSE;

  g_assert_no_error (error);
  stances = qm_store_list_stances (fixture->store, fixture->doc_en, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < relations->len; i++)
    {
      QmRelation *r = g_ptr_array_index (relations, i);

      if (g_strcmp0 (r->id, a->relation_id) == 0)
        {
          g_assert_cmpstr (r->from_id, ==, a->quote_id);
          g_assert_cmpstr (r->to_id, ==, a->speaker_id);
          found_relation = TRUE;
        }
    }
  for (guint i = 0; i < stances->len; i++)
    {
      QmStance *s = g_ptr_array_index (stances, i);

      if (g_strcmp0 (s->span_id, a->quote_id) == 0 &&
          g_strcmp0 (s->target_id, a->target_id) == 0)
        {
          g_assert_cmpstr (s->value, ==, a->value);
          g_assert_cmpstr (s->annotator, ==, "amina");
          found_stance = TRUE;
        }
    }
  g_assert_cmpint (found_relation, ==, present);
  g_assert_cmpint (found_stance, ==, present);
  g_assert_cmpuint (relations->len, ==, present ? 1 : 0);
  g_assert_cmpuint (stances->len, ==, present ? 1 : 0);
}

static void
test_delete_restores_links (Fixture       *fixture,
                            gconstpointer  data)
{
  g_auto(Annotated) a = { 0, };
  g_autoptr(QmSpan) before = NULL;
  g_autoptr(QmSpan) gone = NULL;
  g_autoptr(QmSpan) restored = NULL;
  g_autoptr(QmSpan) redeleted = NULL;
  g_autoptr(GError) error = NULL;

  annotate (fixture, &a);
  before = get_span_or_null (fixture->store, a.quote_id);
  assert_links (fixture, &a, TRUE);

  g_assert_true (qm_history_delete_span (fixture->history, a.quote_id, &error));
  g_assert_no_error (error);
  gone = get_span_or_null (fixture->store, a.quote_id);
  g_assert_null (gone);
  assert_links (fixture, &a, FALSE);
  g_assert_cmpuint (count_spans (fixture->store, fixture->doc_en), ==, 1);
  g_assert_cmpstr (fixture->last_changed, ==, fixture->doc_en);

  g_assert_true (qm_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  restored = get_span_or_null (fixture->store, a.quote_id);
  g_assert_nonnull (restored);
  g_assert_cmpstr (restored->label, ==, before->label);
  g_assert_cmpint (restored->start, ==, before->start);
  g_assert_cmpint (restored->end, ==, before->end);
  g_assert_cmpint (restored->created, ==, before->created);
  g_assert_cmpstr (restored->annotator, ==, before->annotator);
  assert_links (fixture, &a, TRUE);

  g_assert_true (qm_history_redo (fixture->history, &error));
  g_assert_no_error (error);
  redeleted = get_span_or_null (fixture->store, a.quote_id);
  g_assert_null (redeleted);
  assert_links (fixture, &a, FALSE);

  g_assert_true (qm_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  assert_links (fixture, &a, TRUE);
}

static void
test_relabel (Fixture       *fixture,
              gconstpointer  data)
{
  g_auto(Annotated) a = { 0, };
  QmSchema *schema = qm_store_get_schema (fixture->store);
  const char *quote_label;
  const char *other = NULL;
  g_autoptr(QmSpan) relabelled = NULL;
  g_autoptr(QmSpan) undone = NULL;
  g_autoptr(QmSpan) redone = NULL;
  g_autoptr(GError) error = NULL;

  annotate (fixture, &a);
  quote_label = qm_schema_get_stance_label (schema);
  /* A label that is neither the quote's nor a relation's source, so the
   * link and the stance cannot stay. */
  for (guint i = 0; i < qm_schema_get_n_labels (schema) && other == NULL; i++)
    {
      const QmLabelDef *def = qm_schema_get_label (schema, i);
      gboolean is_source = FALSE;

      for (guint j = 0; j < qm_schema_get_n_relations (schema); j++)
        if (g_strcmp0 (qm_schema_get_relation (schema, j)->from_label, def->name) == 0)
          is_source = TRUE;
      if (!is_source && g_strcmp0 (def->name, quote_label) != 0 && !def->entity)
        other = def->name;
    }
  g_assert_nonnull (other);

  g_assert_true (qm_history_relabel_span (fixture->history, a.quote_id, other, &error));
  g_assert_no_error (error);
  relabelled = get_span_or_null (fixture->store, a.quote_id);
  g_assert_cmpstr (relabelled->label, ==, other);
  assert_links (fixture, &a, FALSE);
  g_assert_nonnull (strstr (qm_history_get_undo_label (fixture->history), other));

  g_assert_true (qm_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  undone = get_span_or_null (fixture->store, a.quote_id);
  g_assert_cmpstr (undone->label, ==, quote_label);
  g_assert_cmpint (undone->start, ==, relabelled->start);
  assert_links (fixture, &a, TRUE);

  g_assert_true (qm_history_redo (fixture->history, &error));
  g_assert_no_error (error);
  redone = get_span_or_null (fixture->store, a.quote_id);
  g_assert_cmpstr (redone->label, ==, other);
  assert_links (fixture, &a, FALSE);

  g_assert_false (qm_history_relabel_span (fixture->history, a.quote_id, "NoSuchLabel", &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_UNKNOWN_LABEL);
}

static void
test_new_command_clears_redo (Fixture       *fixture,
                              gconstpointer  data)
{
  const char *quote = label_name (fixture, "1");
  g_autoptr(QmSpan) first = make_span (fixture->doc_en, quote, text_en, "We will not retreat.", "amina");
  g_autoptr(QmSpan) second = make_span (fixture->doc_en, quote, text_en, "Reporters asked why.", "amina");
  g_autoptr(GError) error = NULL;

  g_assert_true (qm_history_add_span (fixture->history, first, &error));
  g_assert_true (qm_history_undo (fixture->history, &error));
  g_assert_true (qm_history_can_redo (fixture->history));

  g_assert_true (qm_history_add_span (fixture->history, second, &error));
  g_assert_no_error (error);
  g_assert_false (qm_history_can_redo (fixture->history));
  g_assert_false (qm_history_redo (fixture->history, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_FAILED);
  g_clear_error (&error);

  /* Only the second span ever comes back. */
  g_assert_cmpuint (count_spans (fixture->store, fixture->doc_en), ==, 1);
  g_assert_true (qm_history_undo (fixture->history, &error));
  g_assert_cmpuint (count_spans (fixture->store, fixture->doc_en), ==, 0);
  g_assert_false (qm_history_can_undo (fixture->history));
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           GString    *log)
{
  g_string_append_printf (log, "%s;", pspec->name);
}

static void
test_notify (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(QmSpan) span = make_span (fixture->doc_en, label_name (fixture, "1"), text_en, "retreat", "amina");
  g_autoptr(GError) error = NULL;

  g_signal_connect (fixture->history, "notify", G_CALLBACK (on_notify), log);
  g_assert_true (qm_history_add_span (fixture->history, span, &error));
  g_assert_cmpstr (log->str, ==, "can-undo;");
  g_string_truncate (log, 0);
  g_assert_true (qm_history_undo (fixture->history, &error));
  g_assert_cmpstr (log->str, ==, "can-undo;can-redo;");
  g_string_truncate (log, 0);
  g_assert_true (qm_history_redo (fixture->history, &error));
  g_assert_cmpstr (log->str, ==, "can-undo;can-redo;");
}

/* --- links, attributes, speakers, stances and targets --- */

static QmSpan *
add_plain_span (Fixture    *fixture,
                const char *document_id,
                const char *text,
                const char *label,
                const char *covered)
{
  g_autoptr(GError) error = NULL;
  QmSpan *span = make_span (document_id, label, text, covered, "amina");

  qm_store_add_span (fixture->store, span, &error);
  g_assert_no_error (error);
  return span;
}

static GPtrArray *
list_relations (Fixture    *fixture,
                const char *document_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *relations = qm_store_list_relations (fixture->store, document_id, NULL, &error);

  g_assert_no_error (error);
  return relations;
}

/* The value of one judgement, NULL when there is none. */
static char *
stance_value (Fixture    *fixture,
              const char *span_id,
              const char *target_id,
              const char *annotator)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stances = qm_store_list_stances (fixture->store, fixture->doc_en, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < stances->len; i++)
    {
      QmStance *s = g_ptr_array_index (stances, i);

      if (g_strcmp0 (s->span_id, span_id) == 0 &&
          g_strcmp0 (s->target_id, target_id) == 0 &&
          g_strcmp0 (s->annotator, annotator) == 0)
        return g_strdup (s->value);
    }
  return NULL;
}

static QmEntity *
get_entity_or_null (QmStore    *store,
                    const char *id)
{
  g_autoptr(GError) error = NULL;
  QmEntity *entity = qm_store_get_entity (store, id, &error);

  if (entity == NULL)
    g_assert_error (error, QM_ERROR, QM_ERROR_NOT_FOUND);
  else
    g_assert_no_error (error);
  return entity;
}

static char *
span_entity (Fixture    *fixture,
             const char *span_id)
{
  g_autoptr(QmSpan) span = get_span_or_null (fixture->store, span_id);

  g_assert_nonnull (span);
  return g_strdup (span->entity_id);
}

static char *
target_name (Fixture    *fixture,
             const char *target_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) targets = qm_store_list_targets (fixture->store, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < targets->len; i++)
    {
      QmTarget *t = g_ptr_array_index (targets, i);

      if (g_strcmp0 (t->id, target_id) == 0)
        return g_strdup (t->name);
    }
  return NULL;
}

static gboolean
has_alias (QmEntity   *entity,
           const char *alias)
{
  for (guint i = 0; i < entity->aliases->len; i++)
    if (g_strcmp0 (g_ptr_array_index (entity->aliases, i), alias) == 0)
      return TRUE;
  return FALSE;
}

static void
test_relation (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(QmSpan) quote = add_plain_span (fixture, fixture->doc_en, text_en, "Quote", "We will not retreat.");
  g_autoptr(QmSpan) speaker = add_plain_span (fixture, fixture->doc_en, text_en, "Speaker", "The minister");
  g_autoptr(QmSpan) cue = add_plain_span (fixture, fixture->doc_en, text_en, "Cue", "said");
  g_autoptr(QmRelation) relation = qm_relation_new ();
  g_autoptr(QmRelation) wrong = qm_relation_new ();
  g_autoptr(QmRelation) again = qm_relation_new ();
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  relation->type = g_strdup ("attributed_to");
  relation->from_id = g_strdup (quote->id);
  relation->to_id = g_strdup (speaker->id);
  relation->annotator = g_strdup ("amina");
  g_assert_true (qm_history_add_relation (fixture->history, relation, &error));
  g_assert_no_error (error);
  g_assert_nonnull (relation->id);
  id = g_strdup (relation->id);
  g_assert_cmpstr (fixture->last_changed, ==, fixture->doc_en);
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_cmpuint (fixture->n_corpus_changed, ==, 0);
  g_assert_cmpstr (qm_history_get_undo_span_id (fixture->history), ==, quote->id);
  g_assert_cmpstr (qm_history_get_undo_label (fixture->history), ==, "Undo Link");

  relations = list_relations (fixture, fixture->doc_en);
  g_assert_cmpuint (relations->len, ==, 1);
  g_assert_cmpstr (((QmRelation *) relations->pdata[0])->id, ==, id);
  g_assert_cmpstr (((QmRelation *) relations->pdata[0])->type, ==, "attributed_to");
  g_assert_cmpstr (((QmRelation *) relations->pdata[0])->from_id, ==, quote->id);
  g_assert_cmpstr (((QmRelation *) relations->pdata[0])->to_id, ==, speaker->id);
  g_clear_pointer (&relations, g_ptr_array_unref);

  /* The same link twice is refused and records nothing. */
  again->type = g_strdup ("attributed_to");
  again->from_id = g_strdup (quote->id);
  again->to_id = g_strdup (speaker->id);
  again->annotator = g_strdup ("amina");
  g_assert_false (qm_history_add_relation (fixture->history, again, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_DUPLICATE);
  g_clear_error (&error);

  /* So is a link the schema does not allow (a quote attributed to a cue). */
  wrong->type = g_strdup ("attributed_to");
  wrong->from_id = g_strdup (quote->id);
  wrong->to_id = g_strdup (cue->id);
  wrong->annotator = g_strdup ("amina");
  g_assert_false (qm_history_add_relation (fixture->history, wrong, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  relations = list_relations (fixture, fixture->doc_en);
  g_assert_cmpuint (relations->len, ==, 1);
  g_clear_pointer (&relations, g_ptr_array_unref);

  g_assert_true (qm_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  relations = list_relations (fixture, fixture->doc_en);
  g_assert_cmpuint (relations->len, ==, 0);
  g_clear_pointer (&relations, g_ptr_array_unref);

  g_assert_true (qm_history_redo (fixture->history, &error));
  g_assert_no_error (error);
  relations = list_relations (fixture, fixture->doc_en);
  g_assert_cmpuint (relations->len, ==, 1);
  g_assert_cmpstr (((QmRelation *) relations->pdata[0])->id, ==, id);
  g_clear_pointer (&relations, g_ptr_array_unref);

  /* Deleting it, and back. */
  g_assert_true (qm_history_delete_relation (fixture->history, id, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (qm_history_get_undo_label (fixture->history), ==, "Undo Remove Link");
  relations = list_relations (fixture, fixture->doc_en);
  g_assert_cmpuint (relations->len, ==, 0);
  g_clear_pointer (&relations, g_ptr_array_unref);
  /* Both spans are still there. */
  g_assert_cmpuint (count_spans (fixture->store, fixture->doc_en), ==, 3);

  g_assert_true (qm_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  relations = list_relations (fixture, fixture->doc_en);
  g_assert_cmpuint (relations->len, ==, 1);
  g_assert_cmpstr (((QmRelation *) relations->pdata[0])->id, ==, id);
  g_assert_cmpstr (((QmRelation *) relations->pdata[0])->to_id, ==, speaker->id);
  g_clear_pointer (&relations, g_ptr_array_unref);

  g_assert_true (qm_history_redo (fixture->history, &error));
  g_assert_no_error (error);
  relations = list_relations (fixture, fixture->doc_en);
  g_assert_cmpuint (relations->len, ==, 0);
  g_clear_pointer (&relations, g_ptr_array_unref);

  g_assert_false (qm_history_delete_relation (fixture->history, id, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_NOT_FOUND);
}

/* Deleting the span at the other end of a link (the speaker) takes the
 * link too; undo brings it back, pointing at the same quote. */
static void
test_delete_target_span_restores_links (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_auto(Annotated) a = { 0, };
  g_autoptr(GError) error = NULL;

  annotate (fixture, &a);
  g_assert_true (qm_history_delete_span (fixture->history, a.speaker_id, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) relations = list_relations (fixture, fixture->doc_en);
    g_autofree char *value = stance_value (fixture, a.quote_id, a.target_id, "amina");

    g_assert_cmpuint (relations->len, ==, 0);
    /* The quote keeps its stance: only what hangs off the speaker went. */
    g_assert_cmpstr (value, ==, a.value);
  }

  g_assert_true (qm_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  assert_links (fixture, &a, TRUE);

  g_assert_true (qm_history_redo (fixture->history, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) relations = list_relations (fixture, fixture->doc_en);

    g_assert_cmpuint (relations->len, ==, 0);
  }
  g_assert_true (qm_history_undo (fixture->history, &error));
  assert_links (fixture, &a, TRUE);
}

static void
test_attribute (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(QmSpan) quote = add_plain_span (fixture, fixture->doc_ar, text_ar, "Quote", "لَنْ نتراجعَ أبداً");
  g_autoptr(GError) error = NULL;

  g_assert_true (qm_history_set_attribute (fixture->history, quote->id, "type", "direct", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (fixture->last_changed, ==, fixture->doc_ar);
  g_assert_cmpstr (qm_history_get_undo_label (fixture->history), ==, "Undo Set type");
  {
    g_autoptr(QmSpan) span = get_span_or_null (fixture->store, quote->id);
    g_assert_cmpstr (qm_span_get_attribute (span, "type"), ==, "direct");
  }

  g_assert_true (qm_history_set_attribute (fixture->history, quote->id, "type", "mixed", &error));
  g_assert_no_error (error);
  {
    g_autoptr(QmSpan) span = get_span_or_null (fixture->store, quote->id);
    g_assert_cmpstr (qm_span_get_attribute (span, "type"), ==, "mixed");
  }

  /* A value the schema does not have: an error, nothing recorded. */
  g_assert_false (qm_history_set_attribute (fixture->history, quote->id, "type", "sarcastic", &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_UNKNOWN_LABEL);
  g_clear_error (&error);
  {
    g_autoptr(QmSpan) span = get_span_or_null (fixture->store, quote->id);
    g_assert_cmpstr (qm_span_get_attribute (span, "type"), ==, "mixed");
  }

  /* Removing it ("—" in the inspector). */
  g_assert_true (qm_history_set_attribute (fixture->history, quote->id, "type", NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(QmSpan) span = get_span_or_null (fixture->store, quote->id);
    g_assert_null (qm_span_get_attribute (span, "type"));
  }

  g_assert_true (qm_history_undo (fixture->history, &error));
  {
    g_autoptr(QmSpan) span = get_span_or_null (fixture->store, quote->id);
    g_assert_cmpstr (qm_span_get_attribute (span, "type"), ==, "mixed");
  }
  g_assert_true (qm_history_undo (fixture->history, &error));
  {
    g_autoptr(QmSpan) span = get_span_or_null (fixture->store, quote->id);
    g_assert_cmpstr (qm_span_get_attribute (span, "type"), ==, "direct");
  }
  g_assert_true (qm_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  {
    g_autoptr(QmSpan) span = get_span_or_null (fixture->store, quote->id);
    g_assert_null (qm_span_get_attribute (span, "type"));
  }
  g_assert_false (qm_history_can_undo (fixture->history));

  g_assert_true (qm_history_redo (fixture->history, &error));
  g_assert_no_error (error);
  {
    g_autoptr(QmSpan) span = get_span_or_null (fixture->store, quote->id);
    g_assert_cmpstr (qm_span_get_attribute (span, "type"), ==, "direct");
  }
}

static void
test_entity (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(QmSpan) speaker = add_plain_span (fixture, fixture->doc_en, text_en, "Speaker", "The minister");
  g_autoptr(QmSpan) quote = add_plain_span (fixture, fixture->doc_en, text_en, "Quote", "We will not retreat.");
  g_autoptr(QmEntity) entity = qm_entity_new ();
  g_autoptr(QmEntity) renamed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  entity->name = g_strdup ("Helena Duarte");
  g_ptr_array_add (entity->aliases, g_strdup ("the minister"));
  g_assert_true (qm_history_create_entity (fixture->history, entity, &error));
  g_assert_no_error (error);
  g_assert_nonnull (entity->id);
  id = g_strdup (entity->id);
  g_assert_cmpuint (fixture->n_corpus_changed, ==, 1);
  g_assert_cmpuint (fixture->n_changed, ==, 0);
  g_assert_null (qm_history_get_undo_document_id (fixture->history));
  g_assert_cmpstr (qm_history_get_undo_label (fixture->history), ==, "Undo New Speaker");
  {
    g_autoptr(QmEntity) stored = get_entity_or_null (fixture->store, id);
    g_assert_cmpstr (stored->name, ==, "Helena Duarte");
    g_assert_true (has_alias (stored, "the minister"));
  }

  /* The same id again is not a new speaker. */
  g_assert_false (qm_history_create_entity (fixture->history, entity, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_DUPLICATE);
  g_clear_error (&error);

  g_assert_true (qm_history_set_entity (fixture->history, speaker->id, id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_cmpstr (fixture->last_changed, ==, fixture->doc_en);
  {
    g_autofree char *linked = span_entity (fixture, speaker->id);
    g_assert_cmpstr (linked, ==, id);
  }
  /* Only speaker labels refer to entities. */
  g_assert_false (qm_history_set_entity (fixture->history, quote->id, id, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_INVALID_DATA);
  g_clear_error (&error);

  /* Rename, with other aliases. */
  renamed = qm_entity_new ();
  renamed->id = g_strdup (id);
  renamed->name = g_strdup ("Adm. Helena Duarte");
  g_ptr_array_add (renamed->aliases, g_strdup ("Duarte"));
  g_assert_true (qm_history_save_entity (fixture->history, renamed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_corpus_changed, ==, 2);
  {
    g_autoptr(QmEntity) stored = get_entity_or_null (fixture->store, id);
    g_assert_cmpstr (stored->name, ==, "Adm. Helena Duarte");
    g_assert_true (has_alias (stored, "Duarte"));
    g_assert_false (has_alias (stored, "the minister"));
  }

  g_assert_true (qm_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_corpus_changed, ==, 3);
  {
    g_autoptr(QmEntity) stored = get_entity_or_null (fixture->store, id);
    g_assert_cmpstr (stored->name, ==, "Helena Duarte");
    g_assert_true (has_alias (stored, "the minister"));
    g_assert_false (has_alias (stored, "Duarte"));
  }

  g_assert_true (qm_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  {
    g_autofree char *linked = span_entity (fixture, speaker->id);
    g_assert_null (linked);
  }

  g_assert_true (qm_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  {
    g_autoptr(QmEntity) gone = get_entity_or_null (fixture->store, id);
    g_assert_null (gone);
  }
  g_assert_false (qm_history_can_undo (fixture->history));

  /* Redo all three: the same entity, linked, renamed. */
  g_assert_true (qm_history_redo (fixture->history, &error));
  g_assert_true (qm_history_redo (fixture->history, &error));
  g_assert_true (qm_history_redo (fixture->history, &error));
  g_assert_no_error (error);
  {
    g_autoptr(QmEntity) stored = get_entity_or_null (fixture->store, id);
    g_autofree char *linked = span_entity (fixture, speaker->id);

    g_assert_cmpstr (stored->name, ==, "Adm. Helena Duarte");
    g_assert_cmpstr (linked, ==, id);
  }

  /* Clearing the link. */
  g_assert_true (qm_history_set_entity (fixture->history, speaker->id, NULL, &error));
  g_assert_no_error (error);
  {
    g_autofree char *linked = span_entity (fixture, speaker->id);
    g_assert_null (linked);
  }
}

static void
test_merge_entities (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(QmSpan) en = add_plain_span (fixture, fixture->doc_en, text_en, "Speaker", "The minister");
  g_autoptr(QmSpan) ar = add_plain_span (fixture, fixture->doc_ar, text_ar, "Speaker", "الوزيرُ");
  g_autoptr(QmSpan) other = add_plain_span (fixture, fixture->doc_en, text_en, "Speaker", "Reporters");
  g_autoptr(QmEntity) into = qm_entity_new ();
  g_autoptr(QmEntity) from = qm_entity_new ();
  g_autoptr(QmEntity) reporters = qm_entity_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_free);
  guint changed_before;

  into->name = g_strdup ("Helena Duarte");
  g_ptr_array_add (into->aliases, g_strdup ("the minister"));
  from->name = g_strdup ("وزير الدفاع");
  g_ptr_array_add (from->aliases, g_strdup ("الوزير"));
  reporters->name = g_strdup ("Reporters");
  g_assert_true (qm_history_create_entity (fixture->history, into, &error));
  g_assert_true (qm_history_create_entity (fixture->history, from, &error));
  g_assert_true (qm_history_create_entity (fixture->history, reporters, &error));
  g_assert_true (qm_history_set_entity (fixture->history, en->id, into->id, &error));
  g_assert_true (qm_history_set_entity (fixture->history, ar->id, from->id, &error));
  g_assert_true (qm_history_set_entity (fixture->history, other->id, reporters->id, &error));
  g_assert_no_error (error);

  fixture->n_corpus_changed = 0;
  changed_before = fixture->n_changed;
  g_assert_true (qm_history_merge_entities (fixture->history, into->id, from->id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_corpus_changed, ==, 1);
  /* One "changed" for the one document whose spans moved. */
  g_assert_cmpuint (fixture->n_changed, ==, changed_before + 1);
  g_assert_cmpstr (fixture->last_changed, ==, fixture->doc_ar);
  g_assert_cmpstr (qm_history_get_undo_label (fixture->history), ==, "Undo Merge Speakers");
  {
    g_autoptr(QmEntity) merged = get_entity_or_null (fixture->store, into->id);
    g_autoptr(QmEntity) gone = get_entity_or_null (fixture->store, from->id);
    g_autofree char *ar_entity = span_entity (fixture, ar->id);
    g_autofree char *en_entity = span_entity (fixture, en->id);

    g_assert_null (gone);
    g_assert_cmpstr (merged->name, ==, "Helena Duarte");
    g_assert_true (has_alias (merged, "the minister"));
    g_assert_true (has_alias (merged, "وزير الدفاع"));
    g_assert_true (has_alias (merged, "الوزير"));
    g_assert_cmpstr (ar_entity, ==, into->id);
    g_assert_cmpstr (en_entity, ==, into->id);
  }

  g_assert_true (qm_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_corpus_changed, ==, 2);
  {
    g_autoptr(QmEntity) restored_into = get_entity_or_null (fixture->store, into->id);
    g_autoptr(QmEntity) restored_from = get_entity_or_null (fixture->store, from->id);
    g_autoptr(GPtrArray) found = NULL;
    g_autofree char *ar_entity = span_entity (fixture, ar->id);
    g_autofree char *en_entity = span_entity (fixture, en->id);
    g_autofree char *other_entity = span_entity (fixture, other->id);

    g_assert_nonnull (restored_from);
    g_assert_cmpstr (restored_from->name, ==, "وزير الدفاع");
    g_assert_cmpuint (restored_from->aliases->len, ==, 1);
    g_assert_true (has_alias (restored_from, "الوزير"));
    g_assert_cmpuint (restored_into->aliases->len, ==, 1);
    g_assert_true (has_alias (restored_into, "the minister"));
    g_assert_false (has_alias (restored_into, "الوزير"));
    g_assert_cmpstr (ar_entity, ==, from->id);
    g_assert_cmpstr (en_entity, ==, into->id);
    g_assert_cmpstr (other_entity, ==, reporters->id);

    /* The folded lookup finds the restored alias again. */
    found = qm_store_find_entities (fixture->store, "الوزيرُ", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (found->len, ==, 1);
    g_assert_cmpstr (((QmEntity *) found->pdata[0])->id, ==, from->id);
  }

  g_assert_true (qm_history_redo (fixture->history, &error));
  g_assert_no_error (error);
  {
    g_autoptr(QmEntity) gone = get_entity_or_null (fixture->store, from->id);
    g_autofree char *ar_entity = span_entity (fixture, ar->id);

    g_assert_null (gone);
    g_assert_cmpstr (ar_entity, ==, into->id);
  }

  g_assert_false (qm_history_merge_entities (fixture->history, into->id, from->id, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_NOT_FOUND);
}

static void
test_stance (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(QmSpan) quote = add_plain_span (fixture, fixture->doc_en, text_en, "Quote", "We will not retreat.");
  g_autoptr(QmSpan) speaker = add_plain_span (fixture, fixture->doc_en, text_en, "Speaker", "The minister");
  g_autoptr(QmTarget) target = NULL;
  g_autoptr(QmStance) stance = qm_stance_new ();
  g_autoptr(GError) error = NULL;
  char *value;

  target = qm_history_create_target (fixture->history, "Withdrawal", &error);
  g_assert_no_error (error);
  g_assert_nonnull (target);

  stance->span_id = g_strdup (quote->id);
  stance->target_id = g_strdup (target->id);
  stance->value = g_strdup ("against");
  stance->annotator = g_strdup ("amina");
  g_assert_true (qm_history_set_stance (fixture->history, stance, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (fixture->last_changed, ==, fixture->doc_en);
  g_assert_cmpstr (qm_history_get_undo_span_id (fixture->history), ==, quote->id);
  value = stance_value (fixture, quote->id, target->id, "amina");
  g_assert_cmpstr (value, ==, "against");
  g_free (value);

  /* Setting again replaces the judgement. */
  g_free (stance->value);
  stance->value = g_strdup ("none");
  g_assert_true (qm_history_set_stance (fixture->history, stance, &error));
  g_assert_no_error (error);
  value = stance_value (fixture, quote->id, target->id, "amina");
  g_assert_cmpstr (value, ==, "none");
  g_free (value);

  /* Not a value of the schema; not a quote. */
  g_free (stance->value);
  stance->value = g_strdup ("maybe");
  g_assert_false (qm_history_set_stance (fixture->history, stance, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_UNKNOWN_LABEL);
  g_clear_error (&error);
  g_free (stance->value);
  stance->value = g_strdup ("favor");
  g_free (stance->span_id);
  stance->span_id = g_strdup (speaker->id);
  g_assert_false (qm_history_set_stance (fixture->history, stance, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_INVALID_DATA);
  g_clear_error (&error);
  value = stance_value (fixture, quote->id, target->id, "amina");
  g_assert_cmpstr (value, ==, "none");
  g_free (value);

  g_assert_true (qm_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  value = stance_value (fixture, quote->id, target->id, "amina");
  g_assert_cmpstr (value, ==, "against");
  g_free (value);

  g_assert_true (qm_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  value = stance_value (fixture, quote->id, target->id, "amina");
  g_assert_null (value);

  g_assert_true (qm_history_redo (fixture->history, &error));
  g_assert_true (qm_history_redo (fixture->history, &error));
  g_assert_no_error (error);
  value = stance_value (fixture, quote->id, target->id, "amina");
  g_assert_cmpstr (value, ==, "none");
  g_free (value);

  g_assert_true (qm_history_delete_stance (fixture->history, quote->id, target->id, "amina", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (qm_history_get_undo_label (fixture->history), ==, "Undo Remove Stance");
  value = stance_value (fixture, quote->id, target->id, "amina");
  g_assert_null (value);
  g_assert_false (qm_history_delete_stance (fixture->history, quote->id, target->id, "amina", &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (qm_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  value = stance_value (fixture, quote->id, target->id, "amina");
  g_assert_cmpstr (value, ==, "none");
  g_free (value);

  g_assert_true (qm_history_redo (fixture->history, &error));
  value = stance_value (fixture, quote->id, target->id, "amina");
  g_assert_null (value);
}

static void
test_targets (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(QmSpan) quote = add_plain_span (fixture, fixture->doc_en, text_en, "Quote", "We will not retreat.");
  g_autoptr(QmSpan) other = add_plain_span (fixture, fixture->doc_en, text_en, "Quote", "Reporters asked why.");
  g_autoptr(QmTarget) into = NULL;
  g_autoptr(QmTarget) from = NULL;
  g_autoptr(QmTarget) same = NULL;
  g_autoptr(GError) error = NULL;
  char *name;
  char *value;

  into = qm_history_create_target (fixture->history, "Withdrawal", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_corpus_changed, ==, 1);
  g_assert_cmpstr (qm_history_get_undo_label (fixture->history), ==, "Undo New Target");
  /* An existing name gives the existing target and records nothing. */
  same = qm_history_create_target (fixture->history, "  Withdrawal ", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (same->id, ==, into->id);
  g_assert_cmpuint (fixture->n_corpus_changed, ==, 1);

  g_assert_true (qm_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  name = target_name (fixture, into->id);
  g_assert_null (name);
  g_assert_true (qm_history_redo (fixture->history, &error));
  g_assert_no_error (error);
  name = target_name (fixture, into->id);
  g_assert_cmpstr (name, ==, "Withdrawal");
  g_free (name);

  g_assert_true (qm_history_rename_target (fixture->history, into->id, "Troop withdrawal", &error));
  g_assert_no_error (error);
  name = target_name (fixture, into->id);
  g_assert_cmpstr (name, ==, "Troop withdrawal");
  g_free (name);
  g_assert_true (qm_history_undo (fixture->history, &error));
  name = target_name (fixture, into->id);
  g_assert_cmpstr (name, ==, "Withdrawal");
  g_free (name);
  g_assert_true (qm_history_redo (fixture->history, &error));
  name = target_name (fixture, into->id);
  g_assert_cmpstr (name, ==, "Troop withdrawal");
  g_free (name);

  /* Merge: @quote was judged on both targets (the judgement on @into wins),
   * @other only on @from (it moves). */
  from = qm_history_create_target (fixture->history, "Retreat", &error);
  g_assert_no_error (error);
  {
    const struct { QmSpan *span; QmTarget *target; const char *value; } judgements[] = {
      { quote, into, "against" },
      { quote, from, "favor" },
      { other, from, "none" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (judgements); i++)
      {
        g_autoptr(QmStance) stance = qm_stance_new ();

        stance->span_id = g_strdup (judgements[i].span->id);
        stance->target_id = g_strdup (judgements[i].target->id);
        stance->value = g_strdup (judgements[i].value);
        stance->annotator = g_strdup ("amina");
        g_assert_true (qm_history_set_stance (fixture->history, stance, &error));
        g_assert_no_error (error);
      }
  }

  fixture->n_corpus_changed = 0;
  g_assert_true (qm_history_merge_targets (fixture->history, into->id, from->id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_corpus_changed, ==, 1);
  g_assert_cmpstr (fixture->last_changed, ==, fixture->doc_en);
  name = target_name (fixture, from->id);
  g_assert_null (name);
  value = stance_value (fixture, quote->id, into->id, "amina");
  g_assert_cmpstr (value, ==, "against");
  g_free (value);
  value = stance_value (fixture, other->id, into->id, "amina");
  g_assert_cmpstr (value, ==, "none");
  g_free (value);

  g_assert_true (qm_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  name = target_name (fixture, from->id);
  g_assert_cmpstr (name, ==, "Retreat");
  g_free (name);
  value = stance_value (fixture, quote->id, into->id, "amina");
  g_assert_cmpstr (value, ==, "against");
  g_free (value);
  value = stance_value (fixture, quote->id, from->id, "amina");
  g_assert_cmpstr (value, ==, "favor");
  g_free (value);
  value = stance_value (fixture, other->id, from->id, "amina");
  g_assert_cmpstr (value, ==, "none");
  g_free (value);
  /* The judgement that had moved is no longer on @into. */
  value = stance_value (fixture, other->id, into->id, "amina");
  g_assert_null (value);

  g_assert_true (qm_history_redo (fixture->history, &error));
  g_assert_no_error (error);
  value = stance_value (fixture, other->id, into->id, "amina");
  g_assert_cmpstr (value, ==, "none");
  g_free (value);
  value = stance_value (fixture, quote->id, from->id, "amina");
  g_assert_null (value);

  g_assert_false (qm_history_rename_target (fixture->history, from->id, "Anything", &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_NOT_FOUND);
}

/* A speaker created for a mention and set on it are one step. */
static void
test_group (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(QmSpan) speaker = add_plain_span (fixture, fixture->doc_ar, text_ar, "Speaker", "الوزيرُ");
  g_autoptr(QmEntity) entity = qm_entity_new ();
  g_autoptr(GError) error = NULL;

  /* An empty group records nothing. */
  qm_history_begin_group (fixture->history);
  qm_history_end_group (fixture->history);
  g_assert_false (qm_history_can_undo (fixture->history));

  entity->name = g_strdup ("الوزير");
  qm_history_begin_group (fixture->history);
  g_assert_true (qm_history_create_entity (fixture->history, entity, &error));
  g_assert_true (qm_history_set_entity (fixture->history, speaker->id, entity->id, &error));
  g_assert_no_error (error);
  /* Written as they ran, announced, but not on the stack yet. */
  g_assert_cmpuint (fixture->n_corpus_changed, ==, 1);
  g_assert_cmpstr (fixture->last_changed, ==, fixture->doc_ar);
  g_assert_false (qm_history_can_undo (fixture->history));
  qm_history_end_group (fixture->history);

  g_assert_true (qm_history_can_undo (fixture->history));
  g_assert_cmpstr (qm_history_get_undo_label (fixture->history), ==, "Undo Set Speaker");
  g_assert_cmpstr (qm_history_get_undo_document_id (fixture->history), ==, fixture->doc_ar);
  g_assert_cmpstr (qm_history_get_undo_span_id (fixture->history), ==, speaker->id);

  g_assert_true (qm_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  g_assert_false (qm_history_can_undo (fixture->history));
  {
    g_autoptr(QmEntity) gone = get_entity_or_null (fixture->store, entity->id);
    g_autofree char *linked = span_entity (fixture, speaker->id);

    g_assert_null (gone);
    g_assert_null (linked);
  }
  g_assert_cmpuint (fixture->n_corpus_changed, ==, 2);

  g_assert_true (qm_history_redo (fixture->history, &error));
  g_assert_no_error (error);
  {
    g_autoptr(QmEntity) back = get_entity_or_null (fixture->store, entity->id);
    g_autofree char *linked = span_entity (fixture, speaker->id);

    g_assert_nonnull (back);
    g_assert_cmpstr (linked, ==, entity->id);
  }
  g_assert_false (qm_history_can_redo (fixture->history));
}

/* --- QmSpanList --- */

typedef struct
{
  guint position, removed, added, count;
} Changes;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
  changes->count++;
}

static QmSpan *
item_span (GListModel *model,
           guint       position)
{
  g_autoptr(QmSpanItem) item = g_list_model_get_item (model, position);

  g_assert_nonnull (item);
  return qm_span_item_get_span (item);
}

static void
assert_reading_order (GListModel *model)
{
  for (guint i = 1; i < g_list_model_get_n_items (model); i++)
    {
      QmSpan *a = item_span (model, i - 1);
      QmSpan *b = item_span (model, i);

      g_assert_true (a->start < b->start || (a->start == b->start && a->end >= b->end));
    }
}

static void
test_span_list (Fixture       *fixture,
                gconstpointer  data)
{
  const char *quote = label_name (fixture, "1");
  const char *second_label = label_name (fixture, "2");
  g_autoptr(QmSpanList) list = NULL;
  g_autoptr(QmSpanList) other_doc = NULL;
  g_autoptr(QmSpan) outer = make_span (fixture->doc_en, quote, text_en, "\"We will not retreat.\"", "amina");
  g_autoptr(QmSpan) inner = make_span (fixture->doc_en, quote, text_en, "not retreat", "amina");
  g_autoptr(QmSpan) last = make_span (fixture->doc_en, quote, text_en, "asked why", "amina");
  g_autoptr(QmSpan) foreign = make_span (fixture->doc_en, quote, text_en, "Reporters", "omar");
  g_autoptr(GPtrArray) at = NULL;
  g_autoptr(GError) error = NULL;
  Changes changes = { 0, };
  Changes other_changes = { 0, };
  GListModel *model;

  list = qm_span_list_new (fixture->history, fixture->doc_en, "amina");
  model = G_LIST_MODEL (list);
  g_assert_true (g_list_model_get_item_type (model) == QM_TYPE_SPAN_ITEM);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &changes);
  other_doc = qm_span_list_new (fixture->history, fixture->doc_ar, "amina");
  g_signal_connect (other_doc, "items-changed", G_CALLBACK (on_items_changed), &other_changes);

  g_assert_true (qm_history_add_span (fixture->history, last, &error));
  g_assert_cmpuint (changes.count, ==, 1);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_cmpuint (changes.added, ==, 1);

  g_assert_true (qm_history_add_span (fixture->history, inner, &error));
  g_assert_cmpuint (changes.count, ==, 2);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.added, ==, 1);

  /* Same region, longer: goes before the span it contains. */
  g_assert_true (qm_history_add_span (fixture->history, outer, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.count, ==, 3);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_cmpuint (changes.added, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_cmpstr (item_span (model, 0)->id, ==, outer->id);
  g_assert_cmpstr (item_span (model, 1)->id, ==, inner->id);
  g_assert_cmpstr (item_span (model, 2)->id, ==, last->id);
  assert_reading_order (model);
  g_assert_cmpuint (qm_span_list_find (list, inner->id), ==, 1);
  g_assert_cmpuint (qm_span_list_find (list, "no-such-id"), ==, G_MAXUINT);

  /* Another annotator's span is not this list's business (but the store
   * write is real, and a reload must not report it). */
  qm_store_add_span (fixture->store, foreign, &error);
  g_assert_no_error (error);
  g_assert_true (qm_span_list_reload (list, &error));
  g_assert_cmpuint (changes.count, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);

  at = qm_span_list_at_offset (list, char_offset_of (text_en, "retreat"));
  g_assert_cmpuint (at->len, ==, 2);
  g_assert_cmpstr (qm_span_item_get_span (g_ptr_array_index (at, 0))->id, ==, outer->id);
  g_assert_cmpstr (qm_span_item_get_span (g_ptr_array_index (at, 1))->id, ==, inner->id);
  g_clear_pointer (&at, g_ptr_array_unref);
  /* End-exclusive: the offset just past a span is outside it. */
  at = qm_span_list_at_offset (list, inner->end);
  g_assert_cmpuint (at->len, ==, 1);
  g_clear_pointer (&at, g_ptr_array_unref);
  at = qm_span_list_at_offset (list, 0);
  g_assert_cmpuint (at->len, ==, 0);
  g_clear_pointer (&at, g_ptr_array_unref);

  /* Relabel: one row replaced in place. */
  g_assert_true (qm_history_relabel_span (fixture->history, inner->id, second_label, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.count, ==, 4);
  g_assert_cmpuint (changes.position, ==, 1);
  g_assert_cmpuint (changes.removed, ==, 1);
  g_assert_cmpuint (changes.added, ==, 1);
  g_assert_cmpstr (item_span (model, 1)->label, ==, second_label);

  /* Delete the last one, then bring it back. */
  g_assert_true (qm_history_delete_span (fixture->history, last->id, &error));
  g_assert_cmpuint (changes.count, ==, 5);
  g_assert_cmpuint (changes.position, ==, 2);
  g_assert_cmpuint (changes.removed, ==, 1);
  g_assert_cmpuint (changes.added, ==, 0);
  g_assert_true (qm_history_undo (fixture->history, &error));
  g_assert_cmpuint (changes.count, ==, 6);
  g_assert_cmpuint (changes.position, ==, 2);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_cmpuint (changes.added, ==, 1);
  g_assert_cmpstr (item_span (model, 2)->id, ==, last->id);
  g_assert_no_error (error);

  /* Nothing of this touched the other document's list. */
  g_assert_cmpuint (other_changes.count, ==, 0);
}

static void
test_span_list_all_annotators (Fixture       *fixture,
                               gconstpointer  data)
{
  const char *quote = label_name (fixture, "1");
  g_autoptr(QmSpan) mine = make_span (fixture->doc_ar, quote, text_ar, "لَنْ نتراجعَ", "amina");
  g_autoptr(QmSpan) theirs = make_span (fixture->doc_ar, quote, text_ar, "الوزيرُ", "omar");
  g_autoptr(QmSpanList) all = NULL;
  g_autoptr(QmSpanList) only_mine = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (qm_history_add_span (fixture->history, mine, &error));
  g_assert_true (qm_history_add_span (fixture->history, theirs, &error));
  g_assert_no_error (error);

  all = qm_span_list_new (fixture->history, fixture->doc_ar, NULL);
  only_mine = qm_span_list_new (fixture->history, fixture->doc_ar, "amina");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (all)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (only_mine)), ==, 1);
  g_assert_cmpstr (item_span (G_LIST_MODEL (only_mine), 0)->id, ==, mine->id);
  /* "الوزيرُ" comes first in the text. */
  g_assert_cmpstr (item_span (G_LIST_MODEL (all), 0)->id, ==, theirs->id);
  g_assert_null (qm_span_list_get_annotator (all));
  g_assert_cmpstr (qm_span_list_get_document_id (all), ==, fixture->doc_ar);
}

typedef struct
{
  guint  n_renamed;
  char  *document_id;
  char  *title;
} Renames;

static void
on_document_renamed (QmHistory  *history,
                     const char *document_id,
                     const char *title,
                     Renames    *renames)
{
  renames->n_renamed++;
  g_free (renames->document_id);
  g_free (renames->title);
  renames->document_id = g_strdup (document_id);
  renames->title = g_strdup (title);
}

static char *
document_title (Fixture    *fixture,
                const char *document_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmDocument) document = qm_store_get_document (fixture->store, document_id, &error);

  g_assert_no_error (error);
  return g_strdup (qm_document_get_title (document));
}

/* The ids of the documents a search finds, separated by spaces. */
static char *
search_ids (Fixture    *fixture,
            const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = qm_store_search_documents (fixture->store, query, &error);
  g_autoptr(GString) ids = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; found != NULL && i < found->len; i++)
    g_string_append_printf (ids, "%s%s", i > 0 ? " " : "", (const char *) g_ptr_array_index (found, i));
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

#define assert_document_title(fixture, id, expected) \
  G_STMT_START { \
    g_autofree char *actual_ = document_title (fixture, id); \
    g_assert_cmpstr (actual_, ==, expected); \
  } G_STMT_END

#define assert_search_finds(fixture, query, expected) \
  G_STMT_START { \
    g_autofree char *found_ = search_ids (fixture, query); \
    g_assert_cmpstr (found_, ==, expected); \
  } G_STMT_END

static void
test_rename_document (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmSpan) span = make_span (fixture->doc_en, label_name (fixture, "1"), text_en,
                                      "\"We will not retreat.\"", "amina");
  Renames renames = { 0 };
  guint n_changed;

  g_signal_connect (fixture->history, "document-renamed", G_CALLBACK (on_document_renamed), &renames);
  g_assert_true (qm_history_add_span (fixture->history, span, &error));
  g_assert_no_error (error);
  n_changed = fixture->n_changed;

  g_assert_true (qm_history_rename_document (fixture->history, fixture->doc_en,
                                             "  Minister in Lisbon\nwill not retreat ", &error));
  g_assert_no_error (error);
  assert_document_title (fixture, fixture->doc_en, "Minister in Lisbon will not retreat");
  assert_search_finds (fixture, "lisbon", "doc-en");
  g_assert_cmpstr (qm_history_get_undo_label (fixture->history), ==, "Undo Rename Document");
  g_assert_cmpstr (qm_history_get_undo_document_id (fixture->history), ==, fixture->doc_en);
  g_assert_null (qm_history_get_undo_span_id (fixture->history));
  /* The views hear of the title, and the spans are left alone. */
  g_assert_cmpuint (renames.n_renamed, ==, 1);
  g_assert_cmpstr (renames.document_id, ==, fixture->doc_en);
  g_assert_cmpstr (renames.title, ==, "Minister in Lisbon will not retreat");
  g_assert_cmpuint (fixture->n_changed, ==, n_changed);
  g_assert_cmpuint (fixture->n_corpus_changed, ==, 0);

  g_assert_true (qm_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  assert_document_title (fixture, fixture->doc_en, "doc-en");
  assert_search_finds (fixture, "lisbon", "");
  assert_search_finds (fixture, "doc", "doc-en doc-ar");
  g_assert_cmpuint (renames.n_renamed, ==, 2);
  g_assert_cmpstr (renames.title, ==, "doc-en");
  g_assert_cmpstr (qm_history_get_redo_label (fixture->history), ==, "Redo Rename Document");
  g_assert_cmpstr (qm_history_get_undo_label (fixture->history), ==, "Undo Quote");

  g_assert_true (qm_history_redo (fixture->history, &error));
  g_assert_no_error (error);
  assert_document_title (fixture, fixture->doc_en, "Minister in Lisbon will not retreat");
  assert_search_finds (fixture, "lisbon", "doc-en");
  assert_search_finds (fixture, "doc", "doc-ar");
  g_assert_cmpuint (renames.n_renamed, ==, 3);
  g_assert_cmpstr (renames.title, ==, "Minister in Lisbon will not retreat");
  g_assert_cmpuint (fixture->n_changed, ==, n_changed);

  /* The same title, however spaced, is no change and no step to undo. */
  g_assert_true (qm_history_rename_document (fixture->history, fixture->doc_en,
                                             "Minister in  Lisbon will not retreat\n", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (renames.n_renamed, ==, 3);
  g_assert_true (qm_history_undo (fixture->history, &error));
  assert_document_title (fixture, fixture->doc_en, "doc-en");
  g_assert_true (qm_history_redo (fixture->history, &error));

  /* Refused titles record nothing and change nothing. */
  g_assert_false (qm_history_rename_document (fixture->history, fixture->doc_en, " \t ", &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_false (qm_history_rename_document (fixture->history, "doc-none", "Anything", &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "doc-none"));
  g_clear_error (&error);
  assert_document_title (fixture, fixture->doc_en, "Minister in Lisbon will not retreat");
  g_assert_cmpstr (qm_history_get_undo_label (fixture->history), ==, "Undo Rename Document");
  g_assert_false (qm_history_can_redo (fixture->history));

  /* Undo rolls back past the rename to the span before it. */
  g_assert_true (qm_history_undo (fixture->history, &error));
  g_assert_true (qm_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  g_assert_false (qm_history_can_undo (fixture->history));
  assert_document_title (fixture, fixture->doc_en, "doc-en");

  g_free (renames.document_id);
  g_free (renames.title);
}

/* Undo gives back the title a document had, even none, or one longer than
 * a rename may give (an import takes titles as they come). */
static void
test_rename_document_restores (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmDocument) untitled = qm_document_new ();
  g_autoptr(QmDocument) long_title = qm_document_new ();
  g_autoptr(GString) title = g_string_new (NULL);

  for (guint i = 0; i < 30; i++)
    g_string_append (title, "Lengthy  words ");
  qm_document_set_id (untitled, "untitled");
  qm_document_set_text (untitled, "Nobody gave this a title.");
  qm_store_add_document (fixture->store, untitled, &error);
  g_assert_no_error (error);
  qm_document_set_id (long_title, "long");
  qm_document_set_title (long_title, title->str);
  qm_document_set_text (long_title, "An import gave this a long title.");
  qm_store_add_document (fixture->store, long_title, &error);
  g_assert_no_error (error);

  g_assert_true (qm_history_rename_document (fixture->history, "untitled", "Named at last", &error));
  g_assert_no_error (error);
  assert_document_title (fixture, "untitled", "Named at last");
  g_assert_true (qm_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  assert_document_title (fixture, "untitled", NULL);
  assert_search_finds (fixture, "named", "");

  g_assert_true (qm_history_rename_document (fixture->history, "long", "Short", &error));
  g_assert_no_error (error);
  g_assert_true (qm_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  assert_document_title (fixture, "long", title->str);
  assert_search_finds (fixture, "lengthy", "long");
  assert_search_finds (fixture, "short", "");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/history/add-undo-redo", test_add_undo_redo);
  ADD ("/history/nothing-to-undo", test_nothing_to_undo);
  ADD ("/history/failed-add-records-nothing", test_failed_add_records_nothing);
  ADD ("/history/delete-restores-links", test_delete_restores_links);
  ADD ("/history/relabel", test_relabel);
  ADD ("/history/new-command-clears-redo", test_new_command_clears_redo);
  ADD ("/history/notify", test_notify);
  ADD ("/history/relation", test_relation);
  ADD ("/history/delete-target-span-restores-links", test_delete_target_span_restores_links);
  ADD ("/history/attribute", test_attribute);
  ADD ("/history/entity", test_entity);
  ADD ("/history/merge-entities", test_merge_entities);
  ADD ("/history/stance", test_stance);
  ADD ("/history/targets", test_targets);
  ADD ("/history/group", test_group);
  ADD ("/history/rename-document", test_rename_document);
  ADD ("/history/rename-document-restores", test_rename_document_restores);
  ADD ("/span-list/items-changed", test_span_list);
  ADD ("/span-list/annotators", test_span_list_all_annotators);

#undef ADD

  return g_test_run ();
}
