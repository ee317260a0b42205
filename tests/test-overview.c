/* test-overview.c: the corpus-wide counts (labels, progress, stance per
 * speaker and target) and the list models of speakers, targets and quotes,
 * on a hand-built corpus with two annotators, merges through the history
 * and their undo. */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "qm-entity-list.h"
#include "qm-error.h"
#include "qm-history.h"
#include "qm-overview.h"
#include "qm-quote-list.h"
#include "qm-store.h"
#include "qm-target-list.h"
#include "qm-test-util.h"
#include "qm-text.h"

static const char text_d1[] =
  "Talks resume\n\n"
  "“We are ready to talk,” the minister said on Monday. "
  "Helena Duarte added: “Sanctions must stay.” "
  "Omar Haddad told reporters the ceasefire “is holding”, the envoy insisted.\n";
/* With harakat on the speaker's name, as agencies sometimes print it. */
static const char text_d2[] =
  "محادثات\n\n"
  "قال عُمَر حدّاد: «لن نقبل العقوبات». وأضاف الوزير أن الهدنة صامدة.\n";
static const char text_d3[] =
  "Elsewhere\n\n"
  "Nobody claimed it: “An orphan quote.”\n";

typedef struct
{
  QmStore   *store;
  QmHistory *history;
  /* Entities */
  char      *helena;
  char      *omar;
  char      *duarte_ar;
  /* Targets */
  char      *ceasefire;
  char      *sanctions;
  /* Quotes, by the name the comments use */
  char      *q1, *q2, *q3, *q4, *q5, *q6, *q1_bob;
  char      *s3b;
} Fixture;

static glong
offset_of (const char *text,
           const char *needle)
{
  const char *at = strstr (text, needle);

  g_assert_nonnull (at);
  return g_utf8_pointer_to_offset (text, at);
}

static void
add_document (QmStore    *store,
              const char *id,
              const char *text)
{
  g_autoptr(QmDocument) document = qm_document_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *title = qm_text_guess_title (text);

  qm_document_set_id (document, id);
  qm_document_set_title (document, title);
  qm_document_set_text (document, text);
  qm_store_add_document (store, document, &error);
  g_assert_no_error (error);
}

static char *
add_span (Fixture    *fixture,
          const char *document_id,
          const char *text,
          const char *label,
          const char *covered,
          const char *annotator,
          const char *entity_id)
{
  g_autoptr(QmSpan) span = qm_span_new ();
  g_autoptr(GError) error = NULL;

  span->document_id = g_strdup (document_id);
  span->label = g_strdup (label);
  span->start = offset_of (text, covered);
  span->end = span->start + g_utf8_strlen (covered, -1);
  span->annotator = g_strdup (annotator);
  span->entity_id = g_strdup (entity_id);
  qm_store_add_span (fixture->store, span, &error);
  g_assert_no_error (error);
  return g_strdup (span->id);
}

static void
link_spans (Fixture    *fixture,
      const char *type,
      const char *from,
      const char *to,
      const char *annotator)
{
  g_autoptr(QmRelation) relation = qm_relation_new ();
  g_autoptr(GError) error = NULL;

  relation->type = g_strdup (type);
  relation->from_id = g_strdup (from);
  relation->to_id = g_strdup (to);
  relation->annotator = g_strdup (annotator);
  qm_store_add_relation (fixture->store, relation, &error);
  g_assert_no_error (error);
}

static void
judge (Fixture    *fixture,
       const char *quote,
       const char *target_id,
       const char *value,
       const char *annotator)
{
  g_autoptr(QmStance) stance = qm_stance_new ();
  g_autoptr(GError) error = NULL;

  stance->span_id = g_strdup (quote);
  stance->target_id = g_strdup (target_id);
  stance->value = g_strdup (value);
  stance->annotator = g_strdup (annotator);
  qm_store_set_stance (fixture->store, stance, &error);
  g_assert_no_error (error);
}

static char *
add_entity (Fixture    *fixture,
            const char *name,
            const char *alias)
{
  g_autoptr(QmEntity) entity = qm_entity_new ();
  g_autoptr(GError) error = NULL;

  entity->name = g_strdup (name);
  if (alias != NULL)
    g_ptr_array_add (entity->aliases, g_strdup (alias));
  qm_store_save_entity (fixture->store, entity, &error);
  g_assert_no_error (error);
  return g_strdup (entity->id);
}

static char *
add_target (Fixture    *fixture,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmTarget) target = qm_store_ensure_target (fixture->store, name, &error);

  g_assert_no_error (error);
  return g_strdup (target->id);
}

static void
set_status (Fixture    *fixture,
            const char *document_id,
            const char *annotator,
            QmStatus    status)
{
  g_autoptr(GError) error = NULL;

  qm_store_set_status (fixture->store, document_id, annotator, status, &error);
  g_assert_no_error (error);
}

/* The corpus every test starts from; the comments give what the tests
 * expect of it. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "corpus.quotemark", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *s1 = NULL, *s2 = NULL, *s3 = NULL, *s4 = NULL, *s5 = NULL, *s7 = NULL, *s1_bob = NULL;
  g_autofree char *c1 = NULL, *c2 = NULL, *c3 = NULL, *c4 = NULL;

  fixture->store = qm_store_open (path, QM_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  add_document (fixture->store, "d1", text_d1);
  add_document (fixture->store, "d2", text_d2);
  add_document (fixture->store, "d3", text_d3);

  fixture->helena = add_entity (fixture, "Helena Duarte", "the minister");
  fixture->omar = add_entity (fixture, "Omar Haddad", "عمر حداد");
  fixture->duarte_ar = add_entity (fixture, "دوارتي", NULL);
  fixture->ceasefire = add_target (fixture, "Ceasefire");
  fixture->sanctions = add_target (fixture, "Sanctions");

  /* d1, alice: three quotes; Q3 is linked to two mentions of Omar. */
  fixture->q1 = add_span (fixture, "d1", text_d1, "Quote", "“We are ready to talk,”", "alice", NULL);
  s1 = add_span (fixture, "d1", text_d1, "Speaker", "the minister", "alice", fixture->helena);
  c1 = add_span (fixture, "d1", text_d1, "Cue", "said", "alice", NULL);
  fixture->q2 = add_span (fixture, "d1", text_d1, "Quote", "“Sanctions must stay.”", "alice", NULL);
  s2 = add_span (fixture, "d1", text_d1, "Speaker", "Helena Duarte", "alice", fixture->helena);
  c2 = add_span (fixture, "d1", text_d1, "Cue", "added", "alice", NULL);
  fixture->q3 = add_span (fixture, "d1", text_d1, "Quote", "“is holding”", "alice", NULL);
  s3 = add_span (fixture, "d1", text_d1, "Speaker", "Omar Haddad", "alice", fixture->omar);
  fixture->s3b = add_span (fixture, "d1", text_d1, "Speaker", "the envoy", "alice", fixture->omar);
  c3 = add_span (fixture, "d1", text_d1, "Cue", "told", "alice", NULL);
  link_spans (fixture, "attributed_to", fixture->q1, s1, "alice");
  link_spans (fixture, "has_cue", fixture->q1, c1, "alice");
  link_spans (fixture, "attributed_to", fixture->q2, s2, "alice");
  link_spans (fixture, "has_cue", fixture->q2, c2, "alice");
  link_spans (fixture, "attributed_to", fixture->q3, s3, "alice");
  link_spans (fixture, "attributed_to", fixture->q3, fixture->s3b, "alice");
  link_spans (fixture, "has_cue", fixture->q3, c3, "alice");
  judge (fixture, fixture->q1, fixture->ceasefire, "favor", "alice");
  judge (fixture, fixture->q2, fixture->sanctions, "favor", "alice");
  judge (fixture, fixture->q2, fixture->ceasefire, "none", "alice");
  judge (fixture, fixture->q3, fixture->ceasefire, "favor", "alice");

  /* d1, bob: the first quote again, judged the other way. */
  fixture->q1_bob = add_span (fixture, "d1", text_d1, "Quote", "“We are ready to talk,”", "bob", NULL);
  s1_bob = add_span (fixture, "d1", text_d1, "Speaker", "the minister", "bob", fixture->helena);
  link_spans (fixture, "attributed_to", fixture->q1_bob, s1_bob, "bob");
  judge (fixture, fixture->q1_bob, fixture->ceasefire, "against", "bob");

  /* d2, alice: Omar against sanctions; the Arabic Duarte for the truce. */
  fixture->q4 = add_span (fixture, "d2", text_d2, "Quote", "«لن نقبل العقوبات»", "alice", NULL);
  s4 = add_span (fixture, "d2", text_d2, "Speaker", "عُمَر حدّاد", "alice", fixture->omar);
  c4 = add_span (fixture, "d2", text_d2, "Cue", "قال", "alice", NULL);
  fixture->q5 = add_span (fixture, "d2", text_d2, "Quote", "أن الهدنة صامدة", "alice", NULL);
  s5 = add_span (fixture, "d2", text_d2, "Speaker", "الوزير", "alice", fixture->duarte_ar);
  link_spans (fixture, "attributed_to", fixture->q4, s4, "alice");
  link_spans (fixture, "has_cue", fixture->q4, c4, "alice");
  link_spans (fixture, "attributed_to", fixture->q5, s5, "alice");
  judge (fixture, fixture->q4, fixture->sanctions, "against", "alice");
  judge (fixture, fixture->q5, fixture->ceasefire, "favor", "alice");

  /* d3, alice: a quote of a speaker who is no entity. */
  fixture->q6 = add_span (fixture, "d3", text_d3, "Quote", "“An orphan quote.”", "alice", NULL);
  s7 = add_span (fixture, "d3", text_d3, "Speaker", "Nobody", "alice", NULL);
  link_spans (fixture, "attributed_to", fixture->q6, s7, "alice");
  judge (fixture, fixture->q6, fixture->ceasefire, "against", "alice");

  set_status (fixture, "d1", "alice", QM_STATUS_DONE);
  set_status (fixture, "d2", "alice", QM_STATUS_IN_PROGRESS);
  set_status (fixture, "d1", "bob", QM_STATUS_DONE);
  set_status (fixture, "d2", "bob", QM_STATUS_DONE);
  set_status (fixture, "d3", "carol", QM_STATUS_IN_PROGRESS);

  fixture->history = qm_history_new (fixture->store);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->history);
  qm_store_close (fixture->store);
  g_clear_object (&fixture->store);
  g_free (fixture->helena);
  g_free (fixture->omar);
  g_free (fixture->duarte_ar);
  g_free (fixture->ceasefire);
  g_free (fixture->sanctions);
  g_free (fixture->q1);
  g_free (fixture->q2);
  g_free (fixture->q3);
  g_free (fixture->q4);
  g_free (fixture->q5);
  g_free (fixture->q6);
  g_free (fixture->q1_bob);
  g_free (fixture->s3b);
}

static QmOverview *
load_overview (Fixture    *fixture,
               const char *annotator)
{
  QmOverview *overview = qm_overview_new (fixture->store);
  g_autoptr(GError) error = NULL;

  qm_overview_set_annotator (overview, annotator);
  g_assert_true (qm_overview_reload (overview, &error));
  g_assert_no_error (error);
  return overview;
}

/* "favor/against/none" counts of @entity_id's row toward @target_id, as
 * "1/1/1", or NULL when there is no row. */
static char *
row_counts (QmOverview *overview,
            const char *target_id,
            const char *entity_id)
{
  GPtrArray *rows = qm_overview_get_stance_rows (overview, target_id);

  for (guint i = 0; i < rows->len; i++)
    {
      QmStanceRow *row = g_ptr_array_index (rows, i);

      if (g_str_equal (row->entity_id, entity_id))
        {
          g_assert_cmpuint (row->n_values, ==, 3);
          g_assert_cmpuint (row->total, ==, row->counts[0] + row->counts[1] + row->counts[2]);
          return g_strdup_printf ("%u/%u/%u", row->counts[0], row->counts[1], row->counts[2]);
        }
    }

  return NULL;
}

/* --- the overview --- */

static void
test_label_counts (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(QmOverview) overview = load_overview (fixture, NULL);
  GPtrArray *counts = qm_overview_get_label_counts (overview);
  QmLabelCount *count;

  /* The schema's labels in its order, with their colours. */
  g_assert_cmpuint (counts->len, ==, 3);
  count = g_ptr_array_index (counts, 0);
  g_assert_cmpstr (count->label, ==, "Quote");
  g_assert_cmpstr (count->color, ==, "#e5a50a");
  g_assert_cmpuint (count->count, ==, 7);
  count = g_ptr_array_index (counts, 1);
  g_assert_cmpstr (count->label, ==, "Speaker");
  g_assert_cmpuint (count->count, ==, 8);
  count = g_ptr_array_index (counts, 2);
  g_assert_cmpstr (count->label, ==, "Cue");
  g_assert_cmpuint (count->count, ==, 4);

  g_assert_cmpuint (qm_overview_get_n_documents (overview), ==, 3);
}

static void
test_progress (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(QmOverview) overview = load_overview (fixture, NULL);
  GPtrArray *progress = qm_overview_get_progress (overview);
  QmAnnotatorProgress *p;
  guint n_changed = 0;
  g_autoptr(GError) error = NULL;

  /* Everyone with work or a status, by name. */
  g_assert_cmpuint (progress->len, ==, 3);
  p = g_ptr_array_index (progress, 0);
  g_assert_cmpstr (p->annotator, ==, "alice");
  g_assert_cmpuint (p->n_done, ==, 1);
  g_assert_cmpuint (p->n_in_progress, ==, 1);
  g_assert_cmpuint (p->n_documents, ==, 3);
  p = g_ptr_array_index (progress, 1);
  g_assert_cmpstr (p->annotator, ==, "bob");
  g_assert_cmpuint (p->n_done, ==, 2);
  g_assert_cmpuint (p->n_in_progress, ==, 0);
  p = g_ptr_array_index (progress, 2);
  g_assert_cmpstr (p->annotator, ==, "carol");
  g_assert_cmpuint (p->n_done, ==, 0);
  g_assert_cmpuint (p->n_in_progress, ==, 1);

  /* A reload reads the new status and says so. */
  g_signal_connect_swapped (overview, "changed", G_CALLBACK (g_atomic_int_inc), &n_changed);
  set_status (fixture, "d3", "alice", QM_STATUS_DONE);
  g_assert_true (qm_overview_reload (overview, &error));
  g_assert_cmpuint (n_changed, ==, 1);
  p = g_ptr_array_index (qm_overview_get_progress (overview), 0);
  g_assert_cmpuint (p->n_done, ==, 2);
}

static void
test_stance_rows (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(QmOverview) overview = load_overview (fixture, NULL);
  GPtrArray *targets = qm_overview_get_targets (overview);
  GPtrArray *rows;
  const char * const *values = qm_overview_get_stance_values (overview);
  g_autofree char *helena = NULL;
  g_autofree char *omar = NULL;
  g_autofree char *duarte = NULL;
  g_autofree char *helena_sanctions = NULL;
  g_autofree char *omar_sanctions = NULL;

  g_assert_cmpstr (values[0], ==, "favor");
  g_assert_cmpstr (values[1], ==, "against");
  g_assert_cmpstr (values[2], ==, "none");
  g_assert_null (values[3]);

  g_assert_cmpuint (targets->len, ==, 2);
  g_assert_cmpstr (((QmTarget *) g_ptr_array_index (targets, 0))->name, ==, "Ceasefire");
  g_assert_cmpstr (((QmTarget *) g_ptr_array_index (targets, 1))->name, ==, "Sanctions");

  /* Ceasefire: Helena by alice (favor, none) and bob (against); Omar once
   * although his quote is linked to two of his mentions; the quote of a
   * speaker without an entity is in no row. Most judgements first, then
   * by name, Latin before Arabic. */
  rows = qm_overview_get_stance_rows (overview, fixture->ceasefire);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpstr (((QmStanceRow *) g_ptr_array_index (rows, 0))->entity_name, ==, "Helena Duarte");
  g_assert_cmpstr (((QmStanceRow *) g_ptr_array_index (rows, 1))->entity_name, ==, "Omar Haddad");
  g_assert_cmpstr (((QmStanceRow *) g_ptr_array_index (rows, 2))->entity_name, ==, "دوارتي");
  helena = row_counts (overview, fixture->ceasefire, fixture->helena);
  omar = row_counts (overview, fixture->ceasefire, fixture->omar);
  duarte = row_counts (overview, fixture->ceasefire, fixture->duarte_ar);
  g_assert_cmpstr (helena, ==, "1/1/1");
  g_assert_cmpstr (omar, ==, "1/0/0");
  g_assert_cmpstr (duarte, ==, "1/0/0");
  g_assert_cmpuint (((QmStanceRow *) g_ptr_array_index (rows, 0))->total, ==, 3);

  helena_sanctions = row_counts (overview, fixture->sanctions, fixture->helena);
  omar_sanctions = row_counts (overview, fixture->sanctions, fixture->omar);
  g_assert_cmpstr (helena_sanctions, ==, "1/0/0");
  g_assert_cmpstr (omar_sanctions, ==, "0/1/0");

  /* An unknown target has no rows, but a list all the same. */
  g_assert_cmpuint (qm_overview_get_stance_rows (overview, "no-such-target")->len, ==, 0);
}

static void
test_stance_rows_of_one_annotator (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(QmOverview) overview = load_overview (fixture, "bob");
  GPtrArray *targets = qm_overview_get_targets (overview);
  g_autofree char *helena = NULL;

  g_assert_cmpstr (qm_overview_get_annotator (overview), ==, "bob");
  /* Bob judged one quote, on one target. */
  g_assert_cmpuint (targets->len, ==, 1);
  g_assert_cmpstr (((QmTarget *) g_ptr_array_index (targets, 0))->id, ==, fixture->ceasefire);
  g_assert_cmpuint (qm_overview_get_stance_rows (overview, fixture->ceasefire)->len, ==, 1);
  helena = row_counts (overview, fixture->ceasefire, fixture->helena);
  g_assert_cmpstr (helena, ==, "0/1/0");
  g_assert_cmpuint (qm_overview_get_stance_rows (overview, fixture->sanctions)->len, ==, 0);
}

static void
test_stances_follow_merge (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(QmOverview) overview = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *merged = NULL;
  g_autofree char *restored = NULL;
  g_autofree char *gone = NULL;

  g_assert_true (qm_history_merge_entities (fixture->history, fixture->helena, fixture->duarte_ar, &error));
  g_assert_no_error (error);

  overview = load_overview (fixture, NULL);
  merged = row_counts (overview, fixture->ceasefire, fixture->helena);
  gone = row_counts (overview, fixture->ceasefire, fixture->duarte_ar);
  g_assert_cmpstr (merged, ==, "2/1/1");
  g_assert_null (gone);
  g_assert_cmpuint (qm_overview_get_stance_rows (overview, fixture->ceasefire)->len, ==, 2);

  g_assert_true (qm_history_undo (fixture->history, &error));
  g_assert_true (qm_overview_reload (overview, &error));
  g_assert_no_error (error);
  restored = row_counts (overview, fixture->ceasefire, fixture->helena);
  g_assert_cmpstr (restored, ==, "1/1/1");
  g_assert_cmpuint (qm_overview_get_stance_rows (overview, fixture->ceasefire)->len, ==, 3);
}

static void
test_stance_value_labels (void)
{
  g_assert_cmpstr (qm_overview_stance_value_label ("favor"), ==, "Favor");
  g_assert_cmpstr (qm_overview_stance_value_label ("against"), ==, "Against");
  g_assert_cmpstr (qm_overview_stance_value_label ("none"), ==, "None");
  /* A schema's own value is shown as it is. */
  g_assert_cmpstr (qm_overview_stance_value_label ("neutral-ish"), ==, "neutral-ish");
}

static void
test_format_count (void)
{
  g_autofree char *plain = NULL;
  char *previous = g_strdup (setlocale (LC_NUMERIC, NULL));

  /* No grouping in the C locale: no separator is made up. */
  setlocale (LC_NUMERIC, "C");
  plain = qm_overview_format_count (1234567);
  g_assert_cmpstr (plain, ==, "1234567");

  /* The locale's own grouping where one is installed. */
  if (setlocale (LC_NUMERIC, "en_US.UTF-8") != NULL)
    {
      g_autofree char *grouped = qm_overview_format_count (1234567);

      g_assert_cmpstr (grouped, ==, "1,234,567");
    }
  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") != NULL)
    {
      g_autofree char *grouped = qm_overview_format_count (1234567);

      g_assert_cmpstr (grouped, ==, "1.234.567");
    }

  setlocale (LC_NUMERIC, previous);
  g_free (previous);
}

/* --- the store queries --- */

static void
test_entity_usage (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GHashTable) n_quotes = NULL;
  g_autoptr(GHashTable) n_documents = NULL;
  g_autoptr(GHashTable) bob_quotes = NULL;
  g_autoptr(GHashTable) bob_documents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (qm_store_count_entity_usage (fixture->store, NULL, &n_quotes, &n_documents, &error));
  g_assert_no_error (error);
  /* Helena: Q1, Q2 and bob's Q1, in d1. Omar: Q3 (two links, one quote)
   * and Q4, in d1 and d2. */
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (n_quotes, fixture->helena)), ==, 3);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (n_documents, fixture->helena)), ==, 1);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (n_quotes, fixture->omar)), ==, 2);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (n_documents, fixture->omar)), ==, 2);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (n_quotes, fixture->duarte_ar)), ==, 1);
  g_assert_cmpuint (g_hash_table_size (n_quotes), ==, 3);

  g_assert_true (qm_store_count_entity_usage (fixture->store, "bob", &bob_quotes, &bob_documents, &error));
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (bob_quotes, fixture->helena)), ==, 1);
  g_assert_false (g_hash_table_contains (bob_quotes, fixture->omar));
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (bob_documents, fixture->helena)), ==, 1);
}

static void
test_relation_types (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(QmSchema) schema = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "other.quotemark", NULL);
  g_autoptr(QmStore) other = NULL;

  g_assert_cmpstr (qm_store_get_attribution_type (fixture->store), ==, "attributed_to");
  g_assert_cmpstr (qm_store_get_cue_type (fixture->store), ==, "has_cue");

  /* A schema's own names are found by what they link. */
  schema = qm_schema_new_from_json ("{\"version\": 1,"
                                    " \"labels\": [{\"name\": \"Q\"}, {\"name\": \"Who\", \"entity\": true},"
                                    "              {\"name\": \"Verb\"}],"
                                    " \"relations\": [{\"name\": \"via\", \"from\": \"Q\", \"to\": \"Verb\"},"
                                    "                 {\"name\": \"by\", \"from\": \"Q\", \"to\": \"Who\"}],"
                                    " \"stance\": {\"label\": \"Q\", \"values\": [\"pro\", \"con\"]}}",
                                    -1, &error);
  g_assert_no_error (error);
  other = qm_store_open (path, QM_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (qm_store_set_schema (other, schema, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (qm_store_get_attribution_type (other), ==, "by");
  g_assert_cmpstr (qm_store_get_cue_type (other), ==, "via");
  qm_store_close (other);
}

/* --- the speaker list --- */

static QmEntity *
copy_entity (QmEntity *entity)
{
  QmEntity *copy = qm_entity_new ();

  copy->id = g_strdup (entity->id);
  copy->name = g_strdup (entity->name);
  for (guint i = 0; i < entity->aliases->len; i++)
    g_ptr_array_add (copy->aliases, g_strdup (g_ptr_array_index (entity->aliases, i)));
  return copy;
}

static QmEntityItem *
entity_item (QmEntityList *list,
             guint         position)
{
  QmEntityItem *item = g_list_model_get_item (G_LIST_MODEL (list), position);

  g_assert_nonnull (item);
  g_object_unref (item);  /* the list holds it */
  return item;
}

typedef struct
{
  guint n;
  guint position, removed, added;
} ItemsChanged;

static void
count_items_changed (GListModel   *model,
                     guint         position,
                     guint         removed,
                     guint         added,
                     ItemsChanged *changed)
{
  changed->n++;
  changed->position = position;
  changed->removed = removed;
  changed->added = added;
}

static void
test_entity_list (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(QmEntityList) list = qm_entity_list_new (fixture->history);
  QmEntityItem *item;
  g_autofree char *folded_alias = qm_text_fold ("عُمَر", NULL);

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == QM_TYPE_ENTITY_ITEM);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 3));

  item = entity_item (list, 0);
  g_assert_cmpstr (qm_entity_item_get_name (item), ==, "Helena Duarte");
  g_assert_cmpstr (qm_entity_item_get_aliases_text (item), ==, "the minister");
  g_assert_cmpuint (qm_entity_item_get_n_quotes (item), ==, 3);
  g_assert_cmpuint (qm_entity_item_get_n_documents (item), ==, 1);
  g_assert_cmpstr (qm_entity_item_get_entity (item)->id, ==, fixture->helena);

  item = entity_item (list, 1);
  g_assert_cmpstr (qm_entity_item_get_id (item), ==, fixture->omar);
  g_assert_cmpuint (qm_entity_item_get_n_quotes (item), ==, 2);
  g_assert_cmpuint (qm_entity_item_get_n_documents (item), ==, 2);
  /* Found by an alias in Arabic, whatever the harakat of the query. */
  g_assert_true (qm_entity_item_matches (item, folded_alias));
  g_assert_true (qm_entity_item_matches (item, "haddad"));
  g_assert_true (qm_entity_item_matches (item, NULL));
  g_assert_false (qm_entity_item_matches (item, "helena"));

  g_assert_cmpuint (qm_entity_list_find (list, fixture->duarte_ar), ==, 2);
  g_assert_cmpuint (qm_entity_list_find (list, "nobody"), ==, G_MAXUINT);
}

static void
test_entity_list_follows_history (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(QmEntityList) list = qm_entity_list_new (fixture->history);
  g_autoptr(QmEntity) renamed = NULL;
  g_autoptr(GError) error = NULL;
  ItemsChanged changed = { 0 };
  QmEntityItem *helena = entity_item (list, 0);
  QmEntityItem *omar = entity_item (list, 1);
  guint n_name_notify = 0;

  g_signal_connect (list, "items-changed", G_CALLBACK (count_items_changed), &changed);
  g_signal_connect_swapped (helena, "notify::name", G_CALLBACK (g_atomic_int_inc), &n_name_notify);

  /* A rename that keeps the order updates the item in place. */
  renamed = copy_entity (qm_entity_item_get_entity (helena));
  g_free (renamed->name);
  renamed->name = g_strdup ("Helena M. Duarte");
  g_assert_true (qm_history_save_entity (fixture->history, renamed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_name_notify, ==, 1);
  g_assert_cmpuint (changed.n, ==, 0);
  g_assert_true (entity_item (list, 0) == helena);
  g_assert_cmpstr (qm_entity_item_get_name (helena), ==, "Helena M. Duarte");

  /* Merging the Arabic Duarte into Helena: one item goes, Helena's counts
   * take its quote and document, the other items stay the same objects. */
  g_assert_true (qm_history_merge_entities (fixture->history, fixture->helena, fixture->duarte_ar, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_cmpuint (changed.position, ==, 2);
  g_assert_cmpuint (changed.removed, ==, 1);
  g_assert_cmpuint (changed.added, ==, 0);
  g_assert_true (entity_item (list, 0) == helena);
  g_assert_true (entity_item (list, 1) == omar);
  g_assert_cmpuint (qm_entity_item_get_n_quotes (helena), ==, 4);
  g_assert_cmpuint (qm_entity_item_get_n_documents (helena), ==, 2);
  /* The merged name is an alias now. */
  g_assert_nonnull (strstr (qm_entity_item_get_aliases_text (helena), "دوارتي"));

  /* Undo brings it back with its own counts. */
  g_assert_true (qm_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  g_assert_cmpuint (qm_entity_item_get_n_quotes (helena), ==, 3);
  g_assert_cmpuint (qm_entity_item_get_n_quotes (entity_item (list, 2)), ==, 1);
  g_assert_cmpstr (qm_entity_item_get_id (entity_item (list, 2)), ==, fixture->duarte_ar);

  /* A rename that changes the order moves the item. */
  g_assert_true (qm_history_undo (fixture->history, &error));
  renamed->name = (g_free (renamed->name), g_strdup ("Zeta"));
  g_assert_true (qm_history_save_entity (fixture->history, renamed, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (qm_entity_item_get_name (entity_item (list, 0)), ==, "Omar Haddad");
  g_assert_true (entity_item (list, 1) == helena);
}

/* --- the target list --- */

static void
test_target_list (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(QmTargetList) list = qm_target_list_new (fixture->history);
  g_autoptr(QmTarget) truce = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(QmTargetItem) ceasefire = NULL;
  g_autoptr(QmTargetItem) sanctions = NULL;
  guint position;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  ceasefire = g_list_model_get_item (G_LIST_MODEL (list), 0);
  sanctions = g_list_model_get_item (G_LIST_MODEL (list), 1);
  g_assert_cmpstr (qm_target_item_get_name (ceasefire), ==, "Ceasefire");
  /* Every judgement counts here, attributed or not, anyone's. */
  g_assert_cmpuint (qm_target_item_get_n_stances (ceasefire), ==, 6);
  g_assert_cmpuint (qm_target_item_get_n_stances (sanctions), ==, 2);

  /* A new target through the history shows, judged once on Q3. */
  truce = qm_history_create_target (fixture->history, "Truce", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  {
    g_autoptr(QmStance) stance = qm_stance_new ();

    stance->span_id = g_strdup (fixture->q3);
    stance->target_id = g_strdup (truce->id);
    stance->value = g_strdup ("favor");
    stance->annotator = g_strdup ("alice");
    g_assert_true (qm_history_set_stance (fixture->history, stance, &error));
    g_assert_no_error (error);
  }
  position = qm_target_list_find (list, truce->id);
  g_assert_cmpuint (position, ==, 2);
  {
    g_autoptr(QmTargetItem) item = g_list_model_get_item (G_LIST_MODEL (list), position);

    g_assert_cmpuint (qm_target_item_get_n_stances (item), ==, 1);
  }

  /* Renamed in place. */
  g_assert_true (qm_history_rename_target (fixture->history, fixture->sanctions, "Sanctions relief", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (qm_target_item_get_name (sanctions), ==, "Sanctions relief");

  /* Merged: alice judged Q3 toward both, so Ceasefire keeps its own. */
  g_assert_true (qm_history_merge_targets (fixture->history, fixture->ceasefire, truce->id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_cmpuint (qm_target_list_find (list, truce->id), ==, G_MAXUINT);
  g_assert_cmpuint (qm_target_item_get_n_stances (ceasefire), ==, 6);

  g_assert_true (qm_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (qm_target_list_find (list, truce->id), ==, 2);
}

/* --- the quote lists --- */

static QmQuoteItem *
quote_item (QmQuoteList *list,
            guint        position)
{
  QmQuoteItem *item = g_list_model_get_item (G_LIST_MODEL (list), position);

  g_assert_nonnull (item);
  g_object_unref (item);
  return item;
}

static void
test_document_quotes (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(QmQuoteList) alice = qm_quote_list_new_for_document (fixture->history, "d1", "alice");
  g_autoptr(QmQuoteList) bob = qm_quote_list_new_for_document (fixture->history, "d1", "bob");
  g_autoptr(QmQuoteList) everyone = qm_quote_list_new_for_document (fixture->history, "d1", NULL);
  g_autoptr(QmQuoteList) orphan = qm_quote_list_new_for_document (fixture->history, "d3", "alice");
  g_autoptr(QmQuoteList) arabic = qm_quote_list_new_for_document (fixture->history, "d2", "alice");
  QmQuoteItem *item;
  GPtrArray *stances;

  g_assert_cmpstr (qm_quote_list_get_document_id (alice), ==, "d1");
  g_assert_null (qm_quote_list_get_entity_id (alice));

  /* In reading order, with speaker, cue and stances. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (alice)), ==, 3);
  item = quote_item (alice, 0);
  g_assert_cmpstr (qm_quote_item_get_span_id (item), ==, fixture->q1);
  g_assert_cmpstr (qm_quote_item_get_document_id (item), ==, "d1");
  g_assert_cmpstr (qm_quote_item_get_document_title (item), ==, "Talks resume");
  g_assert_cmpstr (qm_quote_item_get_text (item), ==, "“We are ready to talk,”");
  g_assert_cmpstr (qm_quote_item_get_speaker (item), ==, "Helena Duarte");
  g_assert_cmpstr (qm_quote_item_get_entity_id (item), ==, fixture->helena);
  g_assert_cmpstr (qm_quote_item_get_cue (item), ==, "said");
  g_assert_cmpstr (qm_quote_item_get_stance (item, fixture->ceasefire), ==, "favor");
  g_assert_null (qm_quote_item_get_stance (item, fixture->sanctions));

  item = quote_item (alice, 1);
  g_assert_cmpstr (qm_quote_item_get_cue (item), ==, "added");
  stances = qm_quote_item_get_stances (item);
  g_assert_cmpuint (stances->len, ==, 2);
  g_assert_cmpstr (((QmStance *) g_ptr_array_index (stances, 0))->target_name, ==, "Ceasefire");
  g_assert_cmpstr (((QmStance *) g_ptr_array_index (stances, 1))->target_name, ==, "Sanctions");

  /* Two mentions of one speaker name them once. */
  item = quote_item (alice, 2);
  g_assert_cmpstr (qm_quote_item_get_speaker (item), ==, "Omar Haddad");
  g_assert_cmpstr (qm_quote_item_get_cue (item), ==, "told");
  g_assert_cmpint (qm_quote_item_get_end (item) - qm_quote_item_get_start (item), ==,
                   g_utf8_strlen ("“is holding”", -1));

  /* One annotator's, or everyone's. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (bob)), ==, 1);
  item = quote_item (bob, 0);
  g_assert_cmpstr (qm_quote_item_get_span_id (item), ==, fixture->q1_bob);
  g_assert_cmpstr (qm_quote_item_get_annotator (item), ==, "bob");
  g_assert_cmpstr (qm_quote_item_get_stance (item, fixture->ceasefire), ==, "against");
  g_assert_cmpstr (qm_quote_item_get_cue (item), ==, "");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (everyone)), ==, 4);

  /* A speaker without an entity is named by the text of the mention. */
  item = quote_item (orphan, 0);
  g_assert_cmpstr (qm_quote_item_get_speaker (item), ==, "Nobody");
  g_assert_null (qm_quote_item_get_entity_id (item));

  /* Arabic text comes out as it is in the document, harakat included. */
  item = quote_item (arabic, 0);
  g_assert_cmpstr (qm_quote_item_get_text (item), ==, "«لن نقبل العقوبات»");
  g_assert_cmpstr (qm_quote_item_get_speaker (item), ==, "Omar Haddad");
  g_assert_cmpstr (qm_quote_item_get_cue (item), ==, "قال");
  item = quote_item (arabic, 1);
  g_assert_cmpstr (qm_quote_item_get_speaker (item), ==, "دوارتي");
}

static void
test_document_quotes_follow_history (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(QmQuoteList) list = qm_quote_list_new_for_document (fixture->history, "d1", "alice");
  g_autoptr(QmStance) stance = qm_stance_new ();
  g_autoptr(GError) error = NULL;
  ItemsChanged changed = { 0 };
  QmQuoteItem *first = quote_item (list, 0);
  QmQuoteItem *last = quote_item (list, 2);

  g_signal_connect (list, "items-changed", G_CALLBACK (count_items_changed), &changed);

  /* A new judgement on the middle quote replaces that row only. */
  stance->span_id = g_strdup (fixture->q2);
  stance->target_id = g_strdup (fixture->ceasefire);
  stance->value = g_strdup ("against");
  stance->annotator = g_strdup ("alice");
  g_assert_true (qm_history_set_stance (fixture->history, stance, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed.n, ==, 1);
  g_assert_cmpuint (changed.position, ==, 1);
  g_assert_cmpuint (changed.removed, ==, 1);
  g_assert_cmpuint (changed.added, ==, 1);
  g_assert_true (quote_item (list, 0) == first);
  g_assert_true (quote_item (list, 2) == last);
  g_assert_cmpstr (qm_quote_item_get_stance (quote_item (list, 1), fixture->ceasefire), ==, "against");

  /* A change in another document is none of its business. */
  g_assert_true (qm_history_delete_span (fixture->history, fixture->q5, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed.n, ==, 1);

  /* Removing a quote here removes its row. */
  g_assert_true (qm_history_delete_span (fixture->history, fixture->q1, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_cmpuint (changed.n, ==, 2);
  g_assert_true (quote_item (list, 1) == last);
}

static void
test_entity_quotes (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(QmQuoteList) helena = qm_quote_list_new_for_entity (fixture->history, fixture->helena);
  g_autoptr(QmQuoteList) duarte = qm_quote_list_new_for_entity (fixture->history, fixture->duarte_ar);
  g_autoptr(QmQuoteList) omar = qm_quote_list_new_for_entity (fixture->history, fixture->omar);
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (qm_quote_list_get_entity_id (helena), ==, fixture->helena);
  /* Everyone's quotes of hers, by document and position. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (helena)), ==, 3);
  g_assert_cmpuint (qm_quote_list_find (helena, fixture->q1), !=, G_MAXUINT);
  g_assert_cmpuint (qm_quote_list_find (helena, fixture->q1_bob), !=, G_MAXUINT);
  g_assert_cmpstr (qm_quote_item_get_span_id (quote_item (helena, 2)), ==, fixture->q2);
  g_assert_cmpuint (qm_quote_list_find (helena, fixture->q3), ==, G_MAXUINT);

  /* Across documents, each once. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (omar)), ==, 2);
  g_assert_cmpstr (qm_quote_item_get_document_id (quote_item (omar, 0)), ==, "d1");
  g_assert_cmpstr (qm_quote_item_get_document_id (quote_item (omar, 1)), ==, "d2");
  g_assert_cmpstr (qm_quote_item_get_document_title (quote_item (omar, 1)), ==, "محادثات");

  /* The quotes follow a merge, and come back with undo. */
  g_assert_true (qm_history_merge_entities (fixture->history, fixture->helena, fixture->duarte_ar, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (helena)), ==, 4);
  g_assert_cmpstr (qm_quote_item_get_span_id (quote_item (helena, 3)), ==, fixture->q5);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (duarte)), ==, 0);

  g_assert_true (qm_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (helena)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (duarte)), ==, 1);

  /* Unlinking a mention takes its quote away. */
  g_assert_true (qm_history_set_entity (fixture->history, fixture->s3b, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (omar)), ==, 2);

  /* The rows show a document's new title, and the old one after undo. */
  g_assert_true (qm_history_rename_document (fixture->history, "d2", "محادثات الهدنة في الدوحة", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (qm_quote_item_get_document_title (quote_item (omar, 1)), ==, "محادثات الهدنة في الدوحة");
  g_assert_cmpstr (qm_quote_item_get_document_title (quote_item (omar, 0)), ==, "Talks resume");
  g_assert_true (qm_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (qm_quote_item_get_document_title (quote_item (omar, 1)), ==, "محادثات");
}

static void
test_snippet (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("Long\n\n“");
  g_autoptr(QmQuoteList) list = NULL;
  g_autofree char *quote = NULL;
  QmQuoteItem *item;
  const char *snippet;
  glong n;

  /* 130 characters over two lines, an accent written as a separate mark
   * right where the snippet is cut. */
  for (guint i = 0; i < 118; i++)
    g_string_append_c (text, i == 60 ? '\n' : 'a');
  g_string_append (text, "e\xcc\x81");   /* e + COMBINING ACUTE ACCENT */
  g_string_append (text, "tail of the quote”\n");
  add_document (fixture->store, "long", text->str);
  quote = g_strndup (strstr (text->str, "“"), strlen (strstr (text->str, "“")) - 1);
  g_free (add_span (fixture, "long", text->str, "Quote", quote, "alice", NULL));

  list = qm_quote_list_new_for_document (fixture->history, "long", "alice");
  item = quote_item (list, 0);
  g_assert_cmpstr (qm_quote_item_get_text (item), ==, quote);
  snippet = qm_quote_item_get_snippet (item);
  /* One line, cut with an ellipsis, the accent kept with its letter. */
  g_assert_null (strchr (snippet, '\n'));
  g_assert_true (g_str_has_suffix (snippet, "e\xcc\x81…"));
  n = g_utf8_strlen (snippet, -1);
  g_assert_cmpint (n, ==, 122);
  g_assert_cmpstr (qm_quote_item_get_speaker (item), ==, "");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/overview/label-counts", test_label_counts);
  ADD ("/overview/progress", test_progress);
  ADD ("/overview/stance-rows", test_stance_rows);
  ADD ("/overview/stance-rows-of-one-annotator", test_stance_rows_of_one_annotator);
  ADD ("/overview/stances-follow-merge", test_stances_follow_merge);
  g_test_add_func ("/overview/stance-value-labels", test_stance_value_labels);
  g_test_add_func ("/overview/format-count", test_format_count);
  ADD ("/store/entity-usage", test_entity_usage);
  ADD ("/store/relation-types", test_relation_types);
  ADD ("/entity-list/items", test_entity_list);
  ADD ("/entity-list/follows-history", test_entity_list_follows_history);
  ADD ("/target-list/follows-history", test_target_list);
  ADD ("/quote-list/document", test_document_quotes);
  ADD ("/quote-list/document-follows-history", test_document_quotes_follow_history);
  ADD ("/quote-list/entity", test_entity_quotes);
  ADD ("/quote-list/snippet", test_snippet);

#undef ADD

  return g_test_run ();
}
