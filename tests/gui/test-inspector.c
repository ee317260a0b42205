/* test-inspector.c: the annotation inspector driven through its controls as
 * a keyboard user would (choosing in drop-downs, activating rows and
 * buttons), checked against the corpus file. */
#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "qm-error.h"
#include "qm-inspector.h"
#include "qm-span-list.h"
#include "qm-test-util.h"

static const char text_inspector[] =
  "The minister said: \"We will not retreat.\" Her spokesman, Omar Haddad, agreed.\n"
  "قالَ مُحَمَّد إنَّ «المفاوضات ستستمر».\n";

#define ANNOTATOR "tester"

typedef struct
{
  char        *dir;
  QmStore     *store;
  QmHistory   *history;
  QmSpanList  *spans;
  GtkWidget   *window;
  QmInspector *inspector;
  char        *doc_id;
  GError      *failed;
  char        *notice;
  gboolean     notice_undoable;
  char        *activated;
} Fixture;

static void
spin (guint ms)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  g_timeout_add_once (ms, (GSourceOnceFunc) g_main_loop_quit, loop);
  g_main_loop_run (loop);
}

static void
on_failed (QmInspector  *inspector,
           const GError *error,
           Fixture      *fixture)
{
  g_clear_error (&fixture->failed);
  fixture->failed = g_error_copy (error);
}

static void
on_notice (QmInspector *inspector,
           const char  *message,
           gboolean     undoable,
           Fixture     *fixture)
{
  g_free (fixture->notice);
  fixture->notice = g_strdup (message);
  fixture->notice_undoable = undoable;
}

static void
on_span_activated (QmInspector *inspector,
                   const char  *span_id,
                   Fixture     *fixture)
{
  g_free (fixture->activated);
  fixture->activated = g_strdup (span_id);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(QmDocument) document = qm_document_new ();
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = qm_test_make_tmpdir ();
  path = g_build_filename (fixture->dir, "corpus.quotemark", NULL);
  fixture->store = qm_store_open (path, QM_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  qm_document_set_id (document, "doc-inspector");
  qm_document_set_title (document, "Inspector");
  qm_document_set_text (document, text_inspector);
  g_assert_true (qm_store_add_document (fixture->store, document, &error));
  fixture->doc_id = g_strdup ("doc-inspector");
  fixture->history = qm_history_new (fixture->store);
  fixture->spans = qm_span_list_new (fixture->history, fixture->doc_id, ANNOTATOR);

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 420, 900);
  fixture->inspector = QM_INSPECTOR (qm_inspector_new ());
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->inspector));
  qm_inspector_set_history (fixture->inspector, fixture->history);
  qm_inspector_set_annotator (fixture->inspector, ANNOTATOR);
  qm_inspector_set_spans (fixture->inspector, fixture->spans);
  g_signal_connect (fixture->inspector, "failed", G_CALLBACK (on_failed), fixture);
  g_signal_connect (fixture->inspector, "notice", G_CALLBACK (on_notice), fixture);
  g_signal_connect (fixture->inspector, "span-activated", G_CALLBACK (on_span_activated), fixture);
  gtk_window_present (GTK_WINDOW (fixture->window));
  spin (200);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->spans);
  g_clear_object (&fixture->history);
  qm_store_close (fixture->store);
  g_clear_object (&fixture->store);
  g_clear_error (&fixture->failed);
  g_free (fixture->notice);
  g_free (fixture->activated);
  g_free (fixture->doc_id);
  g_free (fixture->dir);
}

/* --- helpers --- */

static QmSpan *
add_span (Fixture    *fixture,
          const char *label,
          const char *covered)
{
  g_autoptr(GError) error = NULL;
  const char *at = strstr (text_inspector, covered);
  QmSpan *span = qm_span_new ();

  g_assert_nonnull (at);
  span->document_id = g_strdup (fixture->doc_id);
  span->label = g_strdup (label);
  span->start = g_utf8_pointer_to_offset (text_inspector, at);
  span->end = span->start + g_utf8_strlen (covered, -1);
  span->annotator = g_strdup (ANNOTATOR);
  g_assert_true (qm_history_add_span (fixture->history, span, &error));
  g_assert_no_error (error);
  return span;
}

/* Lets the panel rebuild after a change, as the main loop would. */
static void
settle (void)
{
  spin (50);
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0 && gtk_widget_get_mapped (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
get_named (Fixture    *fixture,
           const char *name)
{
  GtkWidget *widget = find_named (GTK_WIDGET (fixture->inspector), name);

  if (widget == NULL)
    g_error ("No visible widget named %s in the inspector", name);
  return widget;
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *action_name)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, action_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GListModel *
model_of (GtkWidget *widget)
{
  if (GTK_IS_DROP_DOWN (widget))
    return gtk_drop_down_get_model (GTK_DROP_DOWN (widget));
  return adw_combo_row_get_model (ADW_COMBO_ROW (widget));
}

static guint
item_position (GtkWidget  *widget,
               const char *text)
{
  GListModel *model = model_of (widget);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), text) == 0)
        return i;
    }
  g_error ("No item “%s”", text);
  return G_MAXUINT;
}

static const char *
item_text (GtkWidget *widget,
           guint      position)
{
  g_autoptr(GtkStringObject) item = g_list_model_get_item (model_of (widget), position);

  g_assert_nonnull (item);
  /* The list model keeps the string alive. */
  return gtk_string_object_get_string (item);
}

/* What choosing an item with the keyboard (Space, arrows, Return) does. */
static void
choose (Fixture    *fixture,
        const char *widget_name,
        const char *text)
{
  GtkWidget *widget = get_named (fixture, widget_name);

  if (GTK_IS_DROP_DOWN (widget))
    gtk_drop_down_set_selected (GTK_DROP_DOWN (widget), item_position (widget, text));
  else
    adw_combo_row_set_selected (ADW_COMBO_ROW (widget), item_position (widget, text));
  settle ();
}

static GPtrArray *
stored_relations (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *relations = qm_store_list_relations (fixture->store, fixture->doc_id, NULL, &error);

  g_assert_no_error (error);
  return relations;
}

static char *
stance_value (Fixture    *fixture,
              const char *span_id,
              const char *target_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stances = qm_store_list_stances (fixture->store, fixture->doc_id, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < stances->len; i++)
    {
      QmStance *stance = g_ptr_array_index (stances, i);

      if (g_strcmp0 (stance->span_id, span_id) == 0 && g_strcmp0 (stance->target_id, target_id) == 0)
        {
          g_assert_cmpstr (stance->annotator, ==, ANNOTATOR);
          return g_strdup (stance->value);
        }
    }
  return NULL;
}

/* --- tests --- */

static void
test_placeholder (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(QmSpan) quote = add_span (fixture, "Quote", "We will not retreat.");
  g_autoptr(QmSpan) still = NULL;

  g_assert_null (find_named (GTK_WIDGET (fixture->inspector), "qm-label"));
  /* Nothing to delete. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->inspector), "inspector.delete", NULL);
  g_assert_null (fixture->notice);
  still = qm_store_get_span (fixture->store, quote->id, NULL);
  g_assert_nonnull (still);

  qm_inspector_set_span_id (fixture->inspector, quote->id);
  g_assert_nonnull (get_named (fixture, "qm-label"));
  /* A quote has attributes, links and stances, no speaker. */
  g_assert_nonnull (get_named (fixture, "qm-attribute-type"));
  g_assert_nonnull (get_named (fixture, "qm-stance-add-target"));
  g_assert_null (find_named (GTK_WIDGET (fixture->inspector), "qm-entity"));
  g_assert_true (qm_inspector_focus_first (fixture->inspector));

  qm_inspector_set_span_id (fixture->inspector, NULL);
  g_assert_null (find_named (GTK_WIDGET (fixture->inspector), "qm-label"));
  g_assert_false (qm_inspector_focus_first (fixture->inspector));
}

static void
test_label_and_attribute (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(QmSpan) quote = add_span (fixture, "Quote", "We will not retreat.");
  g_autoptr(QmSpan) stored = NULL;
  g_autoptr(GError) error = NULL;

  qm_inspector_set_span_id (fixture->inspector, quote->id);
  choose (fixture, "qm-attribute-type", "direct");
  stored = qm_store_get_span (fixture->store, quote->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (qm_span_get_attribute (stored, "type"), ==, "direct");
  g_clear_pointer (&stored, qm_span_unref);

  /* "—" takes it away. */
  choose (fixture, "qm-attribute-type", "—");
  stored = qm_store_get_span (fixture->store, quote->id, &error);
  g_assert_null (qm_span_get_attribute (stored, "type"));
  g_clear_pointer (&stored, qm_span_unref);

  choose (fixture, "qm-label", "Cue");
  stored = qm_store_get_span (fixture->store, quote->id, &error);
  g_assert_cmpstr (stored->label, ==, "Cue");
  /* A cue has no attributes and no stances. */
  g_assert_null (find_named (GTK_WIDGET (fixture->inspector), "qm-attribute-type"));
  g_assert_null (find_named (GTK_WIDGET (fixture->inspector), "qm-stance-add-target"));

  g_assert_true (qm_history_undo (fixture->history, &error));
  settle ();
  g_assert_nonnull (get_named (fixture, "qm-attribute-type"));
}

/* Speakers and cues offered nearest first; choosing one links it; the
 * link's row selects the other end and its button removes it. */
static void
test_links (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(QmSpan) minister = add_span (fixture, "Speaker", "The minister");
  g_autoptr(QmSpan) said = add_span (fixture, "Cue", "said");
  g_autoptr(QmSpan) quote = add_span (fixture, "Quote", "We will not retreat.");
  g_autoptr(QmSpan) omar = add_span (fixture, "Speaker", "Omar Haddad");
  g_autoptr(QmSpan) spokesman = add_span (fixture, "Speaker", "Her spokesman");
  g_autoptr(GPtrArray) relations = NULL;
  g_autofree char *row_name = NULL;
  GtkWidget *add_speaker, *row;

  qm_inspector_set_span_id (fixture->inspector, quote->id);
  add_speaker = get_named (fixture, "qm-link-add-attributed_to");
  /* None, then by distance: "Her spokesman" 1 character after the quote,
   * "The minister" 7 before it, "Omar Haddad" further after. */
  g_assert_cmpuint (g_list_model_get_n_items (model_of (add_speaker)), ==, 4);
  g_assert_cmpstr (item_text (add_speaker, 0), ==, "None");
  g_assert_cmpstr (item_text (add_speaker, 1), ==, "“Her spokesman”");
  g_assert_cmpstr (item_text (add_speaker, 2), ==, "“The minister”");
  g_assert_cmpstr (item_text (add_speaker, 3), ==, "“Omar Haddad”");
  g_assert_cmpuint (g_list_model_get_n_items (model_of (get_named (fixture, "qm-link-add-has_cue"))), ==, 2);

  choose (fixture, "qm-link-add-attributed_to", "“The minister”");
  choose (fixture, "qm-link-add-has_cue", "“said”");
  /* Several speakers are allowed. */
  choose (fixture, "qm-link-add-attributed_to", "“Her spokesman”");
  g_assert_null (fixture->failed);

  relations = stored_relations (fixture);
  g_assert_cmpuint (relations->len, ==, 3);
  for (guint i = 0; i < relations->len; i++)
    {
      QmRelation *relation = g_ptr_array_index (relations, i);

      g_assert_cmpstr (relation->from_id, ==, quote->id);
      g_assert_cmpstr (relation->annotator, ==, ANNOTATOR);
      if (g_strcmp0 (relation->to_id, said->id) == 0)
        g_assert_cmpstr (relation->type, ==, "has_cue");
      else
        {
          g_assert_cmpstr (relation->type, ==, "attributed_to");
          g_assert_true (g_strcmp0 (relation->to_id, minister->id) == 0 ||
                         g_strcmp0 (relation->to_id, spokesman->id) == 0);
          if (g_strcmp0 (relation->to_id, minister->id) == 0)
            row_name = g_strconcat ("qm-link-", relation->id, NULL);
        }
    }
  /* Only the speaker not linked yet is left to add. */
  add_speaker = get_named (fixture, "qm-link-add-attributed_to");
  g_assert_cmpuint (g_list_model_get_n_items (model_of (add_speaker)), ==, 2);
  g_assert_cmpstr (item_text (add_speaker, 1), ==, "“Omar Haddad”");

  /* Activating the link's row asks the view to select the minister. */
  row = get_named (fixture, row_name);
  g_signal_emit_by_name (row, "activate");
  settle ();
  g_assert_cmpstr (fixture->activated, ==, minister->id);

  /* Its remove button. */
  g_signal_emit_by_name (find_button (row, "inspector.remove-link"), "clicked");
  settle ();
  g_clear_pointer (&relations, g_ptr_array_unref);
  relations = stored_relations (fixture);
  g_assert_cmpuint (relations->len, ==, 2);
  for (guint i = 0; i < relations->len; i++)
    g_assert_cmpstr (((QmRelation *) relations->pdata[i])->to_id, !=, minister->id);

  /* From the speaker's side: the quote it is linked to. */
  qm_inspector_set_span_id (fixture->inspector, spokesman->id);
  g_assert_nonnull (get_named (fixture, "qm-entity"));
  g_assert_null (find_named (GTK_WIDGET (fixture->inspector), "qm-link-add-attributed_to"));
  for (guint i = 0; i < relations->len; i++)
    {
      QmRelation *relation = g_ptr_array_index (relations, i);
      g_autofree char *name = g_strconcat ("qm-link-", relation->id, NULL);

      if (g_strcmp0 (relation->to_id, spokesman->id) == 0)
        g_assert_nonnull (get_named (fixture, name));
      else
        g_assert_null (find_named (GTK_WIDGET (fixture->inspector), name));
    }
}

/* Stances through the drop-downs: the row that adds one (a target, then a
 * value), a judgement's value changed, a new target named inline. */
static void
test_stances (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(QmSpan) quote = add_span (fixture, "Quote", "We will not retreat.");
  g_autoptr(QmTarget) ceasefire = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value_name = NULL;
  QmTarget *withdrawal = NULL;
  GtkWidget *entry;
  char *value;

  ceasefire = qm_history_create_target (fixture->history, "Ceasefire", &error);
  g_assert_no_error (error);
  qm_inspector_set_span_id (fixture->inspector, quote->id);

  choose (fixture, "qm-stance-add-target", "Ceasefire");
  value = stance_value (fixture, quote->id, ceasefire->id);
  g_assert_null (value);
  choose (fixture, "qm-stance-add-value", "Against");
  value = stance_value (fixture, quote->id, ceasefire->id);
  g_assert_cmpstr (value, ==, "against");
  g_free (value);

  /* The judgement has a row of its own now; the add row is empty again and
   * no longer offers the target judged. */
  value_name = g_strconcat ("qm-stance-value-", ceasefire->id, NULL);
  g_assert_cmpstr (item_text (get_named (fixture, value_name),
                              gtk_drop_down_get_selected (GTK_DROP_DOWN (get_named (fixture, value_name)))),
                   ==, "Against");
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (get_named (fixture, "qm-stance-add-target"))), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model_of (get_named (fixture, "qm-stance-add-target"))), ==, 2);

  choose (fixture, value_name, "Favor");
  value = stance_value (fixture, quote->id, ceasefire->id);
  g_assert_cmpstr (value, ==, "favor");
  g_free (value);

  g_assert_true (qm_history_undo (fixture->history, &error));
  settle ();
  value = stance_value (fixture, quote->id, ceasefire->id);
  g_assert_cmpstr (value, ==, "against");
  g_free (value);

  /* A target that does not exist yet: "New target…", a name, Enter. */
  choose (fixture, "qm-stance-add-value", "None");
  choose (fixture, "qm-stance-add-target", "New target…");
  entry = get_named (fixture, "qm-new-target");
  gtk_editable_set_text (GTK_EDITABLE (entry), "  Troop withdrawal ");
  /* What Enter does in the entry. */
  g_signal_emit_by_name (entry, "apply");
  settle ();
  g_assert_null (fixture->failed);
  g_assert_null (find_named (GTK_WIDGET (fixture->inspector), "qm-new-target"));

  targets = qm_store_list_targets (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (targets->len, ==, 2);
  for (guint i = 0; i < targets->len; i++)
    if (g_strcmp0 (((QmTarget *) targets->pdata[i])->name, "Troop withdrawal") == 0)
      withdrawal = targets->pdata[i];
  g_assert_nonnull (withdrawal);
  value = stance_value (fixture, quote->id, withdrawal->id);
  g_assert_cmpstr (value, ==, "none");
  g_free (value);

  /* Removing a judgement. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->inspector), "inspector.remove-stance",
                                             "s", ceasefire->id));
  settle ();
  value = stance_value (fixture, quote->id, ceasefire->id);
  g_assert_null (value);
  g_assert_null (find_named (GTK_WIDGET (fixture->inspector), value_name));

  /* Another target in a judgement's row: the same value, moved; one undo
   * moves it back. */
  {
    g_autoptr(QmTarget) sanctions = qm_history_create_target (fixture->history, "Sanctions", &error);
    g_autofree char *target_name = g_strconcat ("qm-stance-target-", withdrawal->id, NULL);

    g_assert_no_error (error);
    settle ();
    choose (fixture, target_name, "Sanctions");
    g_assert_null (fixture->failed);
    value = stance_value (fixture, quote->id, withdrawal->id);
    g_assert_null (value);
    value = stance_value (fixture, quote->id, sanctions->id);
    g_assert_cmpstr (value, ==, "none");
    g_free (value);

    g_assert_true (qm_history_undo (fixture->history, &error));
    g_assert_no_error (error);
    value = stance_value (fixture, quote->id, withdrawal->id);
    g_assert_cmpstr (value, ==, "none");
    g_free (value);
    value = stance_value (fixture, quote->id, sanctions->id);
    g_assert_null (value);
  }

  /* By keyboard: a target named first keeps the focus in the add row, on
   * the value it still needs, rather than sending it back to the top. */
  {
    GtkWidget *value_dropdown;
    GtkWidget *focus;

    choose (fixture, "qm-stance-add-target", "New target…");
    entry = get_named (fixture, "qm-new-target");
    gtk_widget_grab_focus (entry);
    gtk_editable_set_text (GTK_EDITABLE (entry), "Sanctions relief");
    g_signal_emit_by_name (entry, "apply");
    settle ();
    g_assert_null (fixture->failed);
    value_dropdown = get_named (fixture, "qm-stance-add-value");
    focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (fixture->inspector)));
    g_assert_nonnull (focus);
    g_assert_true (focus == value_dropdown || gtk_widget_is_ancestor (focus, value_dropdown));
  }
}

/* The speaker a mention refers to: the entity whose name is the mention's
 * text without its harakat is offered first. */
static void
test_entity (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(QmSpan) muhammad = add_span (fixture, "Speaker", "مُحَمَّد");
  g_autoptr(QmSpan) minister = add_span (fixture, "Speaker", "The minister");
  g_autoptr(QmSpan) spokesman = add_span (fixture, "Speaker", "Her spokesman");
  g_autoptr(QmEntity) entity = qm_entity_new ();
  g_autoptr(QmEntity) other = qm_entity_new ();
  g_autoptr(QmSpan) stored = NULL;
  g_autoptr(GPtrArray) entities = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *dropdown;

  entity->name = g_strdup ("محمد");
  other->name = g_strdup ("Helena Duarte");
  g_assert_true (qm_history_create_entity (fixture->history, entity, &error));
  g_assert_true (qm_history_create_entity (fixture->history, other, &error));
  g_assert_no_error (error);

  qm_inspector_set_span_id (fixture->inspector, muhammad->id);
  dropdown = get_named (fixture, "qm-entity");
  g_assert_cmpstr (item_text (dropdown, 0), ==, "None");
  g_assert_cmpstr (item_text (dropdown, 1), ==, "محمد");
  choose (fixture, "qm-entity", "محمد");
  stored = qm_store_get_span (fixture->store, muhammad->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->entity_id, ==, entity->id);
  g_clear_pointer (&stored, qm_span_unref);

  /* "the minister" matches nobody: after None, the article's speakers in
   * reading order, then a new one named after the text. */
  g_assert_true (qm_history_set_entity (fixture->history, spokesman->id, other->id, &error));
  qm_inspector_set_span_id (fixture->inspector, minister->id);
  dropdown = get_named (fixture, "qm-entity");
  g_assert_cmpstr (item_text (dropdown, 1), ==, "Helena Duarte (in this article)");
  g_assert_cmpstr (item_text (dropdown, 2), ==, "محمد (in this article)");
  g_assert_cmpstr (item_text (dropdown, 3), ==, "New speaker “The minister”");
  choose (fixture, "qm-entity", "Helena Duarte (in this article)");
  stored = qm_store_get_span (fixture->store, minister->id, &error);
  g_assert_cmpstr (stored->entity_id, ==, other->id);
  g_clear_pointer (&stored, qm_span_unref);

  choose (fixture, "qm-entity", "New speaker “The minister”");
  stored = qm_store_get_span (fixture->store, minister->id, &error);
  g_assert_nonnull (stored->entity_id);
  g_assert_cmpstr (stored->entity_id, !=, other->id);
  entities = qm_store_list_entities (fixture->store, &error);
  g_assert_cmpuint (entities->len, ==, 3);
  g_clear_pointer (&stored, qm_span_unref);

  /* One undo takes back both the new speaker and the choice. */
  g_assert_true (qm_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  g_clear_pointer (&entities, g_ptr_array_unref);
  entities = qm_store_list_entities (fixture->store, &error);
  g_assert_cmpuint (entities->len, ==, 2);
  stored = qm_store_get_span (fixture->store, minister->id, &error);
  g_assert_cmpstr (stored->entity_id, ==, other->id);
  g_clear_pointer (&stored, qm_span_unref);

  choose (fixture, "qm-entity", "None");
  stored = qm_store_get_span (fixture->store, minister->id, &error);
  g_assert_null (stored->entity_id);
}

static void
test_delete (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(QmSpan) minister = add_span (fixture, "Speaker", "The minister");
  g_autoptr(QmSpan) quote = add_span (fixture, "Quote", "We will not retreat.");
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GError) error = NULL;

  qm_inspector_set_span_id (fixture->inspector, quote->id);
  choose (fixture, "qm-link-add-attributed_to", "“The minister”");
  g_signal_emit_by_name (get_named (fixture, "qm-delete"), "clicked");
  settle ();
  g_assert_cmpstr (fixture->notice, ==, "Quote deleted");
  g_assert_true (fixture->notice_undoable);
  g_assert_null (qm_store_get_span (fixture->store, quote->id, NULL));
  relations = stored_relations (fixture);
  g_assert_cmpuint (relations->len, ==, 0);
  g_clear_pointer (&relations, g_ptr_array_unref);
  g_assert_null (find_named (GTK_WIDGET (fixture->inspector), "qm-label"));

  g_assert_true (qm_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  settle ();
  relations = stored_relations (fixture);
  g_assert_cmpuint (relations->len, ==, 1);
  g_assert_cmpstr (((QmRelation *) relations->pdata[0])->to_id, ==, minister->id);
  /* The same id: the panel shows it again. */
  g_assert_nonnull (get_named (fixture, "qm-label"));
}

/* For looking at: the panel for a quote with links and stances. */
static void
test_screenshot (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(QmSpan) minister = add_span (fixture, "Speaker", "The minister");
  g_autoptr(QmSpan) said = add_span (fixture, "Cue", "said");
  g_autoptr(QmSpan) quote = add_span (fixture, "Quote", "We will not retreat.");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "inspector-quote.png", NULL);
  /* The whole window: the panel has no background of its own. */
  GtkWidget *widget = fixture->window;
  g_autoptr(GError) error = NULL;
  g_autoptr(QmTarget) target = qm_history_create_target (fixture->history, "Ceasefire", &error);

  qm_inspector_set_span_id (fixture->inspector, quote->id);
  choose (fixture, "qm-link-add-attributed_to", "“The minister”");
  choose (fixture, "qm-link-add-has_cue", "“said”");
  choose (fixture, "qm-attribute-type", "direct");
  choose (fixture, "qm-stance-add-target", "Ceasefire");
  choose (fixture, "qm-stance-add-value", "Against");
  spin (300);

  paintable = gtk_widget_paintable_new (widget);
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                              gtk_widget_get_height (widget)));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Saved %s", path);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/inspector/placeholder", test_placeholder);
  ADD ("/inspector/label-and-attribute", test_label_and_attribute);
  ADD ("/inspector/links", test_links);
  ADD ("/inspector/stances", test_stances);
  ADD ("/inspector/entity", test_entity);
  ADD ("/inspector/delete", test_delete);
  ADD ("/inspector/screenshot", test_screenshot);

#undef ADD

  return g_test_run ();
}
