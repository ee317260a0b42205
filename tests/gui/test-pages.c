/* test-pages.c: the Speakers and Overview pages and the quotes table,
 * driven through the real window on a display (Xvfb), on a corpus built
 * with the core API: two articles, speakers with aliases, stances of two
 * annotators. With QM_TEST_SCREENSHOTS set to a folder, also saves
 * screenshots of the pages in the light and dark styles there. */
#include "config.h"

#include <string.h>
#include <adwaita.h>
#include "qm-application.h"
#include "qm-document-view.h"
#include "qm-entities-page.h"
#include "qm-error.h"
#include "qm-merge-dialog.h"
#include "qm-overview-page.h"
#include "qm-quotes-table.h"
#include "qm-stance-chart.h"
#include "qm-store.h"
#include "qm-test-util.h"
#include "qm-window.h"

#define EN_TEXT "Talks resume in Geneva\n\n" \
                "“We are ready to talk,” the minister said on Monday. " \
                "Helena Duarte added: “Sanctions must stay.” " \
                "Omar Haddad told reporters the ceasefire “is holding”.\n"
#define AR_TEXT "استئناف المحادثات\n\n" \
                "قال عمر حداد: «لن نقبل العقوبات». وأضاف الوزير أن الهدنة صامدة.\n"

static QmApplication *app;

/* The ids of what create_corpus() made. */
typedef struct
{
  char *corpus;
  char *helena;
  char *omar;
  char *duarte_ar;
  char *ceasefire;
  char *sanctions;
  char *q1;        /* tester's, en, Helena */
  char *q2;        /* tester's, en, Helena */
  char *q3;        /* tester's, en, Omar */
  char *q4;        /* tester's, ar, Omar */
  char *q5;        /* tester's, ar, the Arabic Duarte */
  char *q1_bob;    /* bob's, en, Helena */
  char *s5;        /* the mention of the Arabic Duarte */
} Corpus;

static void
corpus_free (Corpus *corpus)
{
  g_free (corpus->corpus);
  g_free (corpus->helena);
  g_free (corpus->omar);
  g_free (corpus->duarte_ar);
  g_free (corpus->ceasefire);
  g_free (corpus->sanctions);
  g_free (corpus->q1);
  g_free (corpus->q2);
  g_free (corpus->q3);
  g_free (corpus->q4);
  g_free (corpus->q5);
  g_free (corpus->q1_bob);
  g_free (corpus->s5);
  g_free (corpus);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Corpus, corpus_free)

typedef gboolean (*ConditionFunc) (gpointer data);

static void
spin_main_loop (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
reset_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (QM_SETTINGS_SCHEMA_ID);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
  g_settings_sync ();
}

/* --- the corpus --- */

static void
add_document (QmStore    *store,
              const char *id,
              const char *title,
              const char *text)
{
  g_autoptr(QmDocument) document = qm_document_new ();
  g_autoptr(GError) error = NULL;

  qm_document_set_id (document, id);
  qm_document_set_title (document, title);
  qm_document_set_text (document, text);
  qm_store_add_document (store, document, &error);
  g_assert_no_error (error);
}

static char *
add_span (QmStore    *store,
          const char *document_id,
          const char *text,
          const char *label,
          const char *covered,
          const char *annotator,
          const char *entity_id)
{
  g_autoptr(QmSpan) span = qm_span_new ();
  g_autoptr(GError) error = NULL;
  const char *at = strstr (text, covered);

  g_assert_nonnull (at);
  span->document_id = g_strdup (document_id);
  span->label = g_strdup (label);
  span->start = g_utf8_pointer_to_offset (text, at);
  span->end = span->start + g_utf8_strlen (covered, -1);
  span->annotator = g_strdup (annotator);
  span->entity_id = g_strdup (entity_id);
  qm_store_add_span (store, span, &error);
  g_assert_no_error (error);
  return g_strdup (span->id);
}

static void
link_spans (QmStore    *store,
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
  qm_store_add_relation (store, relation, &error);
  g_assert_no_error (error);
}

static void
judge (QmStore    *store,
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
  qm_store_set_stance (store, stance, &error);
  g_assert_no_error (error);
}

static char *
add_entity (QmStore    *store,
            const char *name,
            const char *alias)
{
  g_autoptr(QmEntity) entity = qm_entity_new ();
  g_autoptr(GError) error = NULL;

  entity->name = g_strdup (name);
  if (alias != NULL)
    g_ptr_array_add (entity->aliases, g_strdup (alias));
  qm_store_save_entity (store, entity, &error);
  g_assert_no_error (error);
  return g_strdup (entity->id);
}

static char *
add_target (QmStore    *store,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(QmTarget) target = qm_store_ensure_target (store, name, &error);

  g_assert_no_error (error);
  return g_strdup (target->id);
}

/* Speakers: Helena Duarte (3 quotes: two of tester's, one of bob's, in the
 * English article), Omar Haddad (2 quotes, one per article) and "دوارتي"
 * (the Arabic Duarte, 1 quote), the one to merge into Helena. */
static Corpus *
create_corpus (void)
{
  Corpus *corpus = g_new0 (Corpus, 1);
  g_autofree char *dir = qm_test_make_tmpdir ();
  g_autoptr(QmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *s1 = NULL, *s2 = NULL, *s3 = NULL, *s4 = NULL, *s1_bob = NULL;
  g_autofree char *c1 = NULL, *c2 = NULL, *c3 = NULL, *c4 = NULL;

  corpus->corpus = g_build_filename (dir, "pages.quotemark", NULL);
  store = qm_store_open (corpus->corpus, QM_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  add_document (store, "en", "Talks resume in Geneva", EN_TEXT);
  add_document (store, "ar", "استئناف المحادثات", AR_TEXT);

  corpus->helena = add_entity (store, "Helena Duarte", "the minister");
  corpus->omar = add_entity (store, "Omar Haddad", "عمر حداد");
  corpus->duarte_ar = add_entity (store, "دوارتي", NULL);
  corpus->ceasefire = add_target (store, "Ceasefire");
  corpus->sanctions = add_target (store, "Sanctions");

  corpus->q1 = add_span (store, "en", EN_TEXT, "Quote", "“We are ready to talk,”", "tester", NULL);
  s1 = add_span (store, "en", EN_TEXT, "Speaker", "the minister", "tester", corpus->helena);
  c1 = add_span (store, "en", EN_TEXT, "Cue", "said", "tester", NULL);
  corpus->q2 = add_span (store, "en", EN_TEXT, "Quote", "“Sanctions must stay.”", "tester", NULL);
  s2 = add_span (store, "en", EN_TEXT, "Speaker", "Helena Duarte", "tester", corpus->helena);
  c2 = add_span (store, "en", EN_TEXT, "Cue", "added", "tester", NULL);
  corpus->q3 = add_span (store, "en", EN_TEXT, "Quote", "“is holding”", "tester", NULL);
  s3 = add_span (store, "en", EN_TEXT, "Speaker", "Omar Haddad", "tester", corpus->omar);
  c3 = add_span (store, "en", EN_TEXT, "Cue", "told", "tester", NULL);
  link_spans (store, "attributed_to", corpus->q1, s1, "tester");
  link_spans (store, "has_cue", corpus->q1, c1, "tester");
  link_spans (store, "attributed_to", corpus->q2, s2, "tester");
  link_spans (store, "has_cue", corpus->q2, c2, "tester");
  link_spans (store, "attributed_to", corpus->q3, s3, "tester");
  link_spans (store, "has_cue", corpus->q3, c3, "tester");
  judge (store, corpus->q1, corpus->ceasefire, "favor", "tester");
  judge (store, corpus->q2, corpus->sanctions, "favor", "tester");
  judge (store, corpus->q2, corpus->ceasefire, "none", "tester");
  judge (store, corpus->q3, corpus->ceasefire, "favor", "tester");

  corpus->q1_bob = add_span (store, "en", EN_TEXT, "Quote", "“We are ready to talk,”", "bob", NULL);
  s1_bob = add_span (store, "en", EN_TEXT, "Speaker", "the minister", "bob", corpus->helena);
  link_spans (store, "attributed_to", corpus->q1_bob, s1_bob, "bob");
  judge (store, corpus->q1_bob, corpus->ceasefire, "against", "bob");

  corpus->q4 = add_span (store, "ar", AR_TEXT, "Quote", "«لن نقبل العقوبات»", "tester", NULL);
  s4 = add_span (store, "ar", AR_TEXT, "Speaker", "عمر حداد", "tester", corpus->omar);
  c4 = add_span (store, "ar", AR_TEXT, "Cue", "قال", "tester", NULL);
  corpus->q5 = add_span (store, "ar", AR_TEXT, "Quote", "أن الهدنة صامدة", "tester", NULL);
  corpus->s5 = add_span (store, "ar", AR_TEXT, "Speaker", "الوزير", "tester", corpus->duarte_ar);
  link_spans (store, "attributed_to", corpus->q4, s4, "tester");
  link_spans (store, "has_cue", corpus->q4, c4, "tester");
  link_spans (store, "attributed_to", corpus->q5, corpus->s5, "tester");
  judge (store, corpus->q4, corpus->sanctions, "against", "tester");
  judge (store, corpus->q5, corpus->ceasefire, "favor", "tester");

  qm_store_set_status (store, "en", "tester", QM_STATUS_DONE, &error);
  g_assert_no_error (error);
  qm_store_set_status (store, "ar", "tester", QM_STATUS_IN_PROGRESS, &error);
  g_assert_no_error (error);
  qm_store_set_status (store, "en", "bob", QM_STATUS_DONE, &error);
  g_assert_no_error (error);
  qm_store_set_status (store, "ar", "bob", QM_STATUS_DONE, &error);
  g_assert_no_error (error);

  qm_store_close (store);
  return corpus;
}

/* --- the window --- */

static QmWindow *
create_window (const char *corpus)
{
  QmWindow *window = qm_window_new (app);
  g_autoptr(GError) error = NULL;

  qm_window_set_annotator (window, "tester");
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  qm_window_open_corpus (window, corpus, QM_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  spin_main_loop (50);
  return window;
}

static void
destroy_window (QmWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  spin_main_loop (20);
}

static gpointer
get_child (QmWindow   *window,
           const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (window), QM_TYPE_WINDOW, name);

  g_assert_nonnull (child);
  return child;
}

static gpointer
get_page_child (gpointer    page,
                GType       type,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (page), type, name);

  g_assert_nonnull (child);
  return child;
}

static void
show_view (QmWindow   *window,
           const char *name)
{
  adw_view_stack_set_visible_child_name (get_child (window, "view_stack"), name);
  spin_main_loop (100);
}

static QmStore *
store_of (QmWindow *window)
{
  return qm_window_get_store (window);
}

static QmHistory *
history_of (QmWindow *window)
{
  return qm_entities_page_get_history (get_child (window, "entities_page"));
}

static QmEntity *
get_entity_or_null (QmWindow   *window,
                    const char *id)
{
  g_autoptr(GError) error = NULL;
  QmEntity *entity = qm_store_get_entity (store_of (window), id, &error);

  if (entity == NULL)
    g_assert_error (error, QM_ERROR, QM_ERROR_NOT_FOUND);
  return entity;
}

static void
collect_widgets (GtkWidget  *widget,
                 const char *css_class,
                 GPtrArray  *found)
{
  if (gtk_widget_has_css_class (widget, css_class) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, css_class, found);
}

/* The label texts under a widget, one per line, in tree order. */
static void
collect_label_texts (GtkWidget *widget,
                     GString   *texts)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    {
      g_string_append (texts, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (texts, '\n');
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_label_texts (child, texts);
}

static char *
label_texts (GtkWidget *widget)
{
  GString *texts = g_string_new (NULL);

  collect_label_texts (widget, texts);
  return g_string_free (texts, FALSE);
}

/* The rows the Speakers page shows, as their label texts. */
static GPtrArray *
speaker_rows (QmWindow *window)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  collect_widgets (GTK_WIDGET (get_child (window, "entities_page")), "qm-entity-row", rows);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (texts, label_texts (g_ptr_array_index (rows, i)));
  return texts;
}

static GtkWidget *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* borrowed */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) && gtk_widget_get_visible (toplevel))
        return toplevel;
    }

  return NULL;
}

/* --- the Speakers page --- */

static void
test_speakers_list (void)
{
  g_autoptr(Corpus) corpus = create_corpus ();
  QmWindow *window;
  QmEntitiesPage *page;
  g_autoptr(GPtrArray) rows = NULL;
  GtkListBox *quotes;
  guint n_quotes = 0;

  reset_settings ();
  window = create_window (corpus->corpus);
  show_view (window, "speakers");
  page = get_child (window, "entities_page");
  /* The page is about the corpus, not the open document. */
  g_assert_cmpstr (adw_view_switcher_title_get_title (get_child (window, "window_title")), ==, "pages");

  /* Each speaker with aliases and counts, alphabetical. */
  rows = speaker_rows (window);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (rows, 0), ==, "Helena Duarte\nthe minister\n3 quotes · 1 document\n");
  g_assert_cmpstr (g_ptr_array_index (rows, 1), ==, "Omar Haddad\nعمر حداد\n2 quotes · 2 documents\n");
  g_assert_cmpstr (g_ptr_array_index (rows, 2), ==, "دوارتي\n1 quote · 1 document\n");

  /* The first is shown, with all her quotes across the corpus. */
  g_assert_cmpstr (qm_entities_page_get_selected_id (page), ==, corpus->helena);
  g_assert_cmpstr (gtk_label_get_text (get_page_child (page, QM_TYPE_ENTITIES_PAGE, "name_label")), ==, "Helena Duarte");
  g_assert_cmpstr (gtk_editable_get_text (get_page_child (page, QM_TYPE_ENTITIES_PAGE, "name_row")), ==, "Helena Duarte");
  quotes = get_page_child (page, QM_TYPE_ENTITIES_PAGE, "quotes_list");
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (quotes)); row != NULL; row = gtk_widget_get_next_sibling (row))
    n_quotes++;
  g_assert_cmpuint (n_quotes, ==, 3);
  {
    g_autofree char *texts = label_texts (GTK_WIDGET (quotes));

    /* The same words marked by two annotators are two quotes, told apart. */
    g_assert_nonnull (strstr (texts, "“We are ready to talk,”\nTalks resume in Geneva · marked by tester\n"));
    g_assert_nonnull (strstr (texts, "“We are ready to talk,”\nTalks resume in Geneva · marked by bob\n"));
  }

  /* Searching by an alias, in another script. */
  gtk_editable_set_text (get_page_child (page, QM_TYPE_ENTITIES_PAGE, "search_entry"), "عمر");
  spin_main_loop (400);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = speaker_rows (window);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (rows, 0), "Omar Haddad\n"));
  g_assert_cmpstr (qm_entities_page_get_selected_id (page), ==, corpus->omar);

  destroy_window (window);
}

static void
test_rename_speaker (void)
{
  g_autoptr(Corpus) corpus = create_corpus ();
  g_autoptr(QmEntity) renamed = NULL;
  g_autoptr(QmEntity) restored = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  QmWindow *window;
  QmEntitiesPage *page;
  GtkEditable *name_row;

  reset_settings ();
  window = create_window (corpus->corpus);
  show_view (window, "speakers");
  page = get_child (window, "entities_page");
  g_assert_true (qm_entities_page_select_entity (page, corpus->omar));
  spin_main_loop (50);

  name_row = get_page_child (page, QM_TYPE_ENTITIES_PAGE, "name_row");
  gtk_editable_set_text (name_row, "  Omar al-Haddad ");
  g_signal_emit_by_name (name_row, "apply");
  spin_main_loop (50);

  /* The store has it, and so do the list and the detail pane. */
  renamed = get_entity_or_null (window, corpus->omar);
  g_assert_cmpstr (renamed->name, ==, "Omar al-Haddad");
  g_assert_cmpuint (renamed->aliases->len, ==, 1);
  rows = speaker_rows (window);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (rows, 1), "Omar al-Haddad\n"));
  g_assert_cmpstr (gtk_label_get_text (get_page_child (page, QM_TYPE_ENTITIES_PAGE, "name_label")), ==, "Omar al-Haddad");

  /* Undoable like any change. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  spin_main_loop (50);
  restored = get_entity_or_null (window, corpus->omar);
  g_assert_cmpstr (restored->name, ==, "Omar Haddad");
  g_assert_cmpstr (gtk_editable_get_text (name_row), ==, "Omar Haddad");

  /* An empty name is refused, and the row shows the name again. */
  gtk_editable_set_text (name_row, "   ");
  g_signal_emit_by_name (name_row, "apply");
  spin_main_loop (50);
  g_clear_pointer (&restored, qm_entity_unref);
  restored = get_entity_or_null (window, corpus->omar);
  g_assert_cmpstr (restored->name, ==, "Omar Haddad");
  g_assert_cmpstr (gtk_editable_get_text (name_row), ==, "Omar Haddad");

  destroy_window (window);
}

static void
test_aliases (void)
{
  g_autoptr(Corpus) corpus = create_corpus ();
  g_autoptr(QmEntity) added = NULL;
  g_autoptr(QmEntity) removed = NULL;
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  QmWindow *window;
  QmEntitiesPage *page;
  GtkWidget *add_row = NULL;
  AdwPreferencesGroup *group;

  reset_settings ();
  window = create_window (corpus->corpus);
  show_view (window, "speakers");
  page = get_child (window, "entities_page");
  g_assert_true (qm_entities_page_select_entity (page, corpus->helena));
  spin_main_loop (50);

  /* The last row of the Aliases group adds one. */
  group = get_page_child (page, QM_TYPE_ENTITIES_PAGE, "aliases_group");
  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();

    collect_widgets (GTK_WIDGET (group), "entry", rows);
    for (guint i = 0; i < rows->len; i++)
      if (ADW_IS_ENTRY_ROW (g_ptr_array_index (rows, i)))
        add_row = g_ptr_array_index (rows, i);
  }
  g_assert_nonnull (add_row);
  gtk_editable_set_text (GTK_EDITABLE (add_row), "هيلينا دوارتي");
  g_signal_emit_by_name (add_row, "apply");
  spin_main_loop (50);

  added = get_entity_or_null (window, corpus->helena);
  g_assert_cmpuint (added->aliases->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (added->aliases, 1), ==, "هيلينا دوارتي");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (add_row)), ==, "");

  /* Each alias row has a button that removes it. */
  collect_widgets (GTK_WIDGET (group), "flat", buttons);
  g_assert_cmpuint (buttons->len, ==, 2);
  /* A button activated from the keyboard clicks after its animation. */
  gtk_widget_activate (g_ptr_array_index (buttons, 0));
  spin_main_loop (400);
  removed = get_entity_or_null (window, corpus->helena);
  g_assert_cmpuint (removed->aliases->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (removed->aliases, 0), ==, "هيلينا دوارتي");

  destroy_window (window);
}

static void
test_merge_speakers (void)
{
  g_autoptr(Corpus) corpus = create_corpus ();
  g_autoptr(QmEntity) gone = NULL;
  g_autoptr(QmEntity) back = NULL;
  g_autoptr(QmEntity) into = NULL;
  g_autoptr(QmSpan) mention = NULL;
  g_autoptr(QmSpan) restored_mention = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  QmWindow *window;
  QmEntitiesPage *page;
  QmMergeDialog *dialog;

  reset_settings ();
  window = create_window (corpus->corpus);
  show_view (window, "speakers");
  page = get_child (window, "entities_page");
  g_assert_true (qm_entities_page_select_entity (page, corpus->helena));
  spin_main_loop (50);

  /* Merge… asks which other speaker is the same person. */
  gtk_widget_activate (get_page_child (page, QM_TYPE_ENTITIES_PAGE, "merge_button"));
  spin_main_loop (400);
  dialog = QM_MERGE_DIALOG (find_toplevel (QM_TYPE_MERGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpuint (qm_merge_dialog_get_n_candidates (dialog), ==, 2);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "merge"));
  qm_merge_dialog_set_chosen_id (dialog, corpus->duarte_ar);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "merge"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "merge");
  spin_main_loop (100);

  /* The Arabic Duarte is gone; her mention follows, her name is an alias. */
  gone = get_entity_or_null (window, corpus->duarte_ar);
  g_assert_null (gone);
  mention = qm_store_get_span (store_of (window), corpus->s5, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mention->entity_id, ==, corpus->helena);
  into = get_entity_or_null (window, corpus->helena);
  g_assert_cmpuint (into->aliases->len, ==, 2);

  rows = speaker_rows (window);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (rows, 0), ==, "Helena Duarte\nthe minister, دوارتي\n4 quotes · 2 documents\n");
  g_assert_cmpstr (qm_entities_page_get_selected_id (page), ==, corpus->helena);

  /* Undo brings both back as they were. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  spin_main_loop (100);
  back = get_entity_or_null (window, corpus->duarte_ar);
  g_assert_nonnull (back);
  restored_mention = qm_store_get_span (store_of (window), corpus->s5, &error);
  g_assert_cmpstr (restored_mention->entity_id, ==, corpus->duarte_ar);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = speaker_rows (window);
  g_assert_cmpuint (rows->len, ==, 3);

  destroy_window (window);
}

static void
test_activate_quote (void)
{
  g_autoptr(Corpus) corpus = create_corpus ();
  g_autoptr(GError) error = NULL;
  QmWindow *window;
  QmEntitiesPage *page;
  GtkListBox *quotes;
  GtkListBoxRow *row = NULL;
  QmDocumentView *view;
  QmSpan *selected;

  reset_settings ();
  window = create_window (corpus->corpus);
  view = get_child (window, "document_view");
  show_view (window, "speakers");
  page = get_child (window, "entities_page");
  g_assert_true (qm_entities_page_select_entity (page, corpus->omar));
  spin_main_loop (50);

  /* Omar's second quote is in the Arabic article. */
  quotes = get_page_child (page, QM_TYPE_ENTITIES_PAGE, "quotes_list");
  row = gtk_list_box_get_row_at_index (quotes, 1);
  g_assert_nonnull (row);
  {
    g_autofree char *texts = label_texts (GTK_WIDGET (row));

    g_assert_nonnull (strstr (texts, "«لن نقبل العقوبات»"));
    g_assert_nonnull (strstr (texts, "استئناف المحادثات"));
  }
  g_signal_emit_by_name (quotes, "row-activated", row);
  spin_main_loop (100);

  g_assert_cmpstr (adw_view_stack_get_visible_child_name (get_child (window, "view_stack")), ==, "documents");
  g_assert_cmpstr (qm_window_get_document_id (window), ==, "ar");
  g_assert_cmpstr (adw_view_switcher_title_get_title (get_child (window, "window_title")), ==, "استئناف المحادثات");
  selected = qm_document_view_get_selected_span (view);
  g_assert_nonnull (selected);
  g_assert_cmpstr (selected->id, ==, corpus->q4);

  /* Someone else's quote cannot be shown in the tester's view: the window
   * says so instead of showing the wrong thing. */
  g_assert_false (qm_window_show_quote (window, "en", corpus->q1_bob, &error));
  g_assert_error (error, QM_ERROR, QM_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "bob"));

  destroy_window (window);
}

/* --- the quotes table --- */

static void
test_quotes_table (void)
{
  g_autoptr(Corpus) corpus = create_corpus ();
  g_autoptr(GError) error = NULL;
  g_autoptr(QmStance) stance = qm_stance_new ();
  QmWindow *window;
  QmQuotesTable *table;
  GtkColumnView *column_view;
  GListModel *columns;
  GtkSelectionModel *selection;
  QmDocumentView *view;
  QmSpan *selected;

  reset_settings ();
  window = create_window (corpus->corpus);
  view = get_child (window, "document_view");
  table = get_child (window, "quotes_table");
  column_view = get_page_child (table, QM_TYPE_QUOTES_TABLE, "column_view");
  g_assert_cmpstr (qm_window_get_document_id (window), ==, "ar");

  /* Shown with the toggle in the header bar. */
  g_assert_true (gtk_widget_get_visible (get_child (window, "quotes_button")));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_ancestor (GTK_WIDGET (table), GTK_TYPE_REVEALER))));
  gtk_toggle_button_set_active (get_child (window, "quotes_button"), TRUE);
  spin_main_loop (300);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (column_view)));

  /* The open document's quotes (the tester's), with a column per target. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (qm_quotes_table_get_quotes (table))), ==, 2);
  columns = gtk_column_view_get_columns (column_view);
  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, 5);
  {
    g_autoptr(GtkColumnViewColumn) speaker = g_list_model_get_item (columns, 1);
    g_autoptr(GtkColumnViewColumn) first_target = g_list_model_get_item (columns, 3);
    g_autoptr(GtkColumnViewColumn) second_target = g_list_model_get_item (columns, 4);
    g_autofree char *cells = label_texts (GTK_WIDGET (column_view));

    g_assert_cmpstr (gtk_column_view_column_get_title (speaker), ==, "Speaker");
    g_assert_cmpstr (gtk_column_view_column_get_title (first_target), ==, "Sanctions");
    g_assert_cmpstr (gtk_column_view_column_get_title (second_target), ==, "Ceasefire");
    g_assert_nonnull (strstr (cells, "«لن نقبل العقوبات»\nOmar Haddad\nقال\nAgainst\n"));
    g_assert_nonnull (strstr (cells, "أن الهدنة صامدة\nدوارتي\n\n\nFavor\n"));
  }

  /* Activating a row selects the quote in the text. */
  g_signal_emit_by_name (column_view, "activate", 1);
  spin_main_loop (50);
  selected = qm_document_view_get_selected_span (view);
  g_assert_nonnull (selected);
  g_assert_cmpstr (selected->id, ==, corpus->q5);

  /* Selecting a quote in the text selects its row. */
  qm_document_view_select_span (view, corpus->q4);
  spin_main_loop (50);
  selection = gtk_column_view_get_model (column_view);
  g_assert_true (gtk_selection_model_is_selected (selection, 0));
  g_assert_false (gtk_selection_model_is_selected (selection, 1));

  /* A change through the history shows at once. */
  stance->span_id = g_strdup (corpus->q5);
  stance->target_id = g_strdup (corpus->sanctions);
  stance->value = g_strdup ("none");
  stance->annotator = g_strdup ("tester");
  g_assert_true (qm_history_set_stance (history_of (window), stance, &error));
  g_assert_no_error (error);
  spin_main_loop (100);
  {
    g_autofree char *cells = label_texts (GTK_WIDGET (column_view));

    g_assert_nonnull (strstr (cells, "أن الهدنة صامدة\nدوارتي\n\nNone\nFavor\n"));
  }

  /* Another document, other quotes. */
  g_assert_true (qm_window_open_document (window, "en", &error));
  spin_main_loop (100);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (qm_quotes_table_get_quotes (table))), ==, 3);

  destroy_window (window);
}

/* --- the Overview page --- */

static const char *
count_of_row (GtkWidget  *group,
              const char *key,
              const char *value)
{
  g_autoptr(GPtrArray) counts = g_ptr_array_new ();

  collect_widgets (group, "qm-count", counts);
  for (guint i = 0; i < counts->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (counts, i);
      GtkWidget *row = gtk_widget_get_ancestor (label, ADW_TYPE_ACTION_ROW);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (row), key), value) == 0)
        return gtk_label_get_text (GTK_LABEL (label));
    }

  return NULL;
}

static AdwActionRow *
progress_row (GtkWidget  *group,
              const char *annotator)
{
  g_autoptr(GPtrArray) bars = g_ptr_array_new ();

  collect_widgets (group, "horizontal", bars);
  for (guint i = 0; i < bars->len; i++)
    {
      GtkWidget *bar = g_ptr_array_index (bars, i);
      GtkWidget *row;

      if (!GTK_IS_PROGRESS_BAR (bar))
        continue;
      row = gtk_widget_get_ancestor (bar, ADW_TYPE_ACTION_ROW);
      if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "qm-annotator"), annotator) == 0)
        return ADW_ACTION_ROW (row);
    }

  return NULL;
}

static void
test_overview (void)
{
  g_autoptr(Corpus) corpus = create_corpus ();
  g_autoptr(GError) error = NULL;
  g_autoptr(QmStance) stance = qm_stance_new ();
  QmWindow *window;
  QmOverviewPage *page;
  GtkWidget *labels, *progress;
  QmStanceChart *chart;
  AdwActionRow *row;
  GtkProgressBar *bar;
  const char *description;
  char *accessible;

  reset_settings ();
  window = create_window (corpus->corpus);
  show_view (window, "overview");
  page = get_child (window, "overview_page");

  /* Annotations per label, everyone's. */
  labels = get_page_child (page, QM_TYPE_OVERVIEW_PAGE, "labels_group");
  g_assert_cmpstr (count_of_row (labels, "qm-label", "Quote"), ==, "6");
  g_assert_cmpstr (count_of_row (labels, "qm-label", "Speaker"), ==, "6");
  g_assert_cmpstr (count_of_row (labels, "qm-label", "Cue"), ==, "4");

  /* Progress per annotator. */
  progress = get_page_child (page, QM_TYPE_OVERVIEW_PAGE, "progress_group");
  row = progress_row (progress, "tester");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "1 of 2 done, 1 in progress");
  bar = g_object_get_data (G_OBJECT (row), "qm-progress-bar");
  g_assert_cmpfloat_with_epsilon (gtk_progress_bar_get_fraction (bar), 0.5, 0.001);
  row = progress_row (progress, "bob");
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "2 of 2 done");
  bar = g_object_get_data (G_OBJECT (row), "qm-progress-bar");
  g_assert_cmpfloat_with_epsilon (gtk_progress_bar_get_fraction (bar), 1.0, 0.001);

  /* The chart shows the first target, its numbers in its description. */
  chart = get_page_child (page, QM_TYPE_OVERVIEW_PAGE, "stance_chart");
  g_assert_cmpstr (qm_overview_page_get_chart_target (page), ==, corpus->ceasefire);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (chart)));
  g_assert_cmpuint (qm_stance_chart_get_n_rows (chart), ==, 3);
  description = qm_stance_chart_get_description (chart);
  g_assert_cmpstr (description, ==,
                   "Judgements per speaker: Favor, Against, None.\n"
                   "Helena Duarte: Favor 1, Against 1, None 1 (3 in all).\n"
                   "Omar Haddad: Favor 1, Against 0, None 0 (1 in all).\n"
                   "دوارتي: Favor 1, Against 0, None 0 (1 in all).");
  /* What screen readers get is that text. */
  accessible = gtk_test_accessible_check_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description);
  g_assert_null (accessible);
  g_assert_true (gtk_test_accessible_has_role (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_ROLE_IMG));

  /* Another target. */
  g_assert_true (qm_overview_page_set_chart_target (page, corpus->sanctions));
  g_assert_cmpuint (gtk_drop_down_get_selected (get_page_child (page, QM_TYPE_OVERVIEW_PAGE, "target_dropdown")), ==, 1);
  g_assert_cmpstr (qm_stance_chart_get_description (chart), ==,
                   "Judgements per speaker: Favor, Against, None.\n"
                   "Helena Duarte: Favor 1, Against 0, None 0 (1 in all).\n"
                   "Omar Haddad: Favor 0, Against 1, None 0 (1 in all).");

  /* A new judgement through the history shows once the page read it. */
  stance->span_id = g_strdup (corpus->q3);
  stance->target_id = g_strdup (corpus->sanctions);
  stance->value = g_strdup ("against");
  stance->annotator = g_strdup ("tester");
  g_assert_true (qm_history_set_stance (history_of (window), stance, &error));
  g_assert_no_error (error);
  spin_main_loop (200);
  g_assert_cmpstr (qm_overview_page_get_chart_target (page), ==, corpus->sanctions);
  g_assert_nonnull (strstr (qm_stance_chart_get_description (chart), "Omar Haddad: Favor 0, Against 2, None 0 (2 in all)."));

  /* A merge of speakers changes the rows. */
  g_assert_true (qm_history_merge_entities (history_of (window), corpus->omar, corpus->duarte_ar, &error));
  g_assert_no_error (error);
  spin_main_loop (200);
  g_assert_true (qm_overview_page_set_chart_target (page, corpus->ceasefire));
  g_assert_cmpuint (qm_stance_chart_get_n_rows (chart), ==, 2);
  g_assert_nonnull (strstr (qm_stance_chart_get_description (chart), "Omar Haddad: Favor 2, Against 0, None 0 (2 in all)."));

  destroy_window (window);
}

/* The names a drop-down of strings offers, joined by " | ". */
static char *
dropdown_items (GtkDropDown *dropdown)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);
  g_autoptr(GString) items = g_string_new (NULL);

  g_assert_true (GTK_IS_STRING_LIST (model));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      if (i > 0)
        g_string_append (items, " | ");
      g_string_append (items, gtk_string_list_get_string (GTK_STRING_LIST (model), i));
    }
  return g_strdup (items->str);
}

/* The chart shows everyone's judgements, or the chosen annotator's; the
 * choices follow the corpus. */
static void
test_overview_annotator_filter (void)
{
  g_autoptr(Corpus) corpus = create_corpus ();
  g_autoptr(GError) error = NULL;
  g_autoptr(QmStance) stance = qm_stance_new ();
  g_autofree char *items = NULL;
  QmWindow *window;
  QmOverviewPage *page;
  GtkDropDown *annotators, *targets;
  QmStanceChart *chart;

  reset_settings ();
  window = create_window (corpus->corpus);
  show_view (window, "overview");
  page = get_child (window, "overview_page");
  annotators = get_page_child (page, QM_TYPE_OVERVIEW_PAGE, "annotator_dropdown");
  targets = get_page_child (page, QM_TYPE_OVERVIEW_PAGE, "target_dropdown");
  chart = get_page_child (page, QM_TYPE_OVERVIEW_PAGE, "stance_chart");

  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (annotators)));
  items = dropdown_items (annotators);
  g_assert_cmpstr (items, ==, "All annotators | bob | tester");
  g_assert_cmpuint (gtk_drop_down_get_selected (annotators), ==, 0);
  g_assert_cmpstr (qm_overview_page_get_chart_target (page), ==, corpus->ceasefire);
  g_assert_cmpuint (qm_stance_chart_get_n_rows (chart), ==, 3);
  g_assert_nonnull (strstr (qm_stance_chart_get_description (chart), "Helena Duarte: Favor 1, Against 1, None 1 (3 in all)."));

  /* bob judged one quote, on the ceasefire, the only target offered. */
  gtk_drop_down_set_selected (annotators, 1);
  g_assert_cmpstr (qm_stance_chart_get_description (chart), ==,
                   "Judgements per speaker: Favor, Against, None.\n"
                   "Helena Duarte: Favor 0, Against 1, None 0 (1 in all).");
  g_free (items);
  items = dropdown_items (targets);
  g_assert_cmpstr (items, ==, "Ceasefire");

  /* tester's: all but bob's. */
  gtk_drop_down_set_selected (annotators, 2);
  g_assert_cmpstr (qm_overview_page_get_chart_target (page), ==, corpus->ceasefire);
  g_assert_cmpstr (qm_stance_chart_get_description (chart), ==,
                   "Judgements per speaker: Favor, Against, None.\n"
                   "Helena Duarte: Favor 1, Against 0, None 1 (2 in all).\n"
                   "Omar Haddad: Favor 1, Against 0, None 0 (1 in all).\n"
                   "دوارتي: Favor 1, Against 0, None 0 (1 in all).");
  g_free (items);
  items = dropdown_items (targets);
  g_assert_cmpstr (items, ==, "Ceasefire | Sanctions");

  /* A new annotator comes into the list; the choice stays. */
  stance->span_id = g_strdup (corpus->q3);
  stance->target_id = g_strdup (corpus->sanctions);
  stance->value = g_strdup ("against");
  stance->annotator = g_strdup ("Ayşe");
  g_assert_true (qm_history_set_stance (history_of (window), stance, &error));
  g_assert_no_error (error);
  spin_main_loop (200);
  g_free (items);
  items = dropdown_items (annotators);
  g_assert_cmpstr (items, ==, "All annotators | Ayşe | bob | tester");
  g_assert_cmpuint (gtk_drop_down_get_selected (annotators), ==, 3);
  g_assert_cmpuint (qm_stance_chart_get_n_rows (chart), ==, 3);

  /* Once the chosen annotator is gone, everyone's again. */
  gtk_drop_down_set_selected (annotators, 1);
  g_assert_cmpstr (qm_overview_get_annotator (qm_overview_page_get_overview (page)), ==, "Ayşe");
  g_assert_true (qm_history_undo (history_of (window), &error));
  g_assert_no_error (error);
  spin_main_loop (200);
  g_free (items);
  items = dropdown_items (annotators);
  g_assert_cmpstr (items, ==, "All annotators | bob | tester");
  g_assert_cmpuint (gtk_drop_down_get_selected (annotators), ==, 0);
  g_assert_null (qm_overview_get_annotator (qm_overview_page_get_overview (page)));
  g_assert_true (qm_overview_page_set_chart_target (page, corpus->ceasefire));
  g_assert_nonnull (strstr (qm_stance_chart_get_description (chart), "Helena Duarte: Favor 1, Against 1, None 1 (3 in all)."));

  destroy_window (window);
}

static AdwEntryRow *
target_row (QmOverviewPage *page,
            const char     *name)
{
  GtkListBox *list = get_page_child (page, QM_TYPE_OVERVIEW_PAGE, "targets_list");

  for (int i = 0; ; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, i);

      if (row == NULL)
        return NULL;
      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), name) == 0)
        return ADW_ENTRY_ROW (row);
    }
}

static void
test_targets (void)
{
  g_autoptr(Corpus) corpus = create_corpus ();
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GPtrArray) merged = NULL;
  g_autoptr(GError) error = NULL;
  QmWindow *window;
  QmOverviewPage *page;
  AdwEntryRow *row;
  QmMergeDialog *dialog;
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  reset_settings ();
  window = create_window (corpus->corpus);
  show_view (window, "overview");
  page = get_child (window, "overview_page");

  /* Each target with its number of judgements. */
  row = target_row (page, "Ceasefire");
  g_assert_nonnull (row);
  {
    g_autofree char *texts = label_texts (GTK_WIDGET (row));

    g_assert_nonnull (strstr (texts, "5 judgements"));
  }

  /* Renamed through the page. */
  gtk_editable_set_text (GTK_EDITABLE (row), "Truce");
  g_signal_emit_by_name (row, "apply");
  spin_main_loop (200);
  targets = qm_store_list_targets (store_of (window), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (targets->len, ==, 2);
  g_assert_cmpstr (((QmTarget *) g_ptr_array_index (targets, 1))->name, ==, "Truce");
  g_assert_nonnull (target_row (page, "Truce"));

  /* Merged through the dialog of a row's Merge button. */
  row = target_row (page, "Truce");
  collect_widgets (GTK_WIDGET (row), "flat", buttons);
  g_assert_cmpuint (buttons->len, ==, 1);
  gtk_widget_activate (g_ptr_array_index (buttons, 0));
  spin_main_loop (400);
  dialog = QM_MERGE_DIALOG (find_toplevel (QM_TYPE_MERGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpuint (qm_merge_dialog_get_n_candidates (dialog), ==, 1);
  qm_merge_dialog_set_chosen_id (dialog, corpus->sanctions);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "merge");
  spin_main_loop (200);

  merged = qm_store_list_targets (store_of (window), &error);
  g_assert_cmpuint (merged->len, ==, 1);
  g_assert_cmpstr (((QmTarget *) g_ptr_array_index (merged, 0))->id, ==, corpus->ceasefire);
  g_assert_null (target_row (page, "Sanctions"));
  /* Q2 was judged toward both: its Ceasefire judgement stays; Q4's moves. */
  {
    g_autofree char *texts = label_texts (GTK_WIDGET (target_row (page, "Truce")));

    g_assert_nonnull (strstr (texts, "6 judgements"));
  }

  destroy_window (window);
}

/* --- screenshots --- */

static void
save_screenshot (QmWindow   *window,
                 const char *dir,
                 const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  int width = gtk_widget_get_width (GTK_WIDGET (window));
  int height = gtk_widget_get_height (GTK_WIDGET (window));

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Saved %s", path);
}

static void
test_screenshots (void)
{
  g_autoptr(Corpus) corpus = create_corpus ();
  const char *dir = g_getenv ("QM_TEST_SCREENSHOTS");
  AdwStyleManager *style = adw_style_manager_get_default ();
  QmWindow *window;

  reset_settings ();
  window = create_window (corpus->corpus);
  gtk_toggle_button_set_active (get_child (window, "quotes_button"), TRUE);
  spin_main_loop (400);
  save_screenshot (window, dir, "documents-light.png");

  for (int dark = 0; dark < 2; dark++)
    {
      const char *suffix = dark ? "dark" : "light";
      g_autofree char *speakers = g_strdup_printf ("speakers-%s.png", suffix);
      g_autofree char *overview = g_strdup_printf ("overview-%s.png", suffix);

      adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
      show_view (window, "speakers");
      spin_main_loop (400);
      save_screenshot (window, dir, speakers);
      show_view (window, "overview");
      spin_main_loop (400);
      save_screenshot (window, dir, overview);
    }

  /* The targets, at the bottom of the Overview. */
  {
    GtkWidget *scrolled = gtk_widget_get_first_child (GTK_WIDGET (get_child (window, "overview_page")));
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    spin_main_loop (300);
    save_screenshot (window, dir, "overview-targets-dark.png");
  }

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  /* A narrow window shows one pane of the Speakers page at a time. */
  gtk_window_set_default_size (GTK_WINDOW (window), 420, 700);
  show_view (window, "speakers");
  spin_main_loop (600);
  save_screenshot (window, dir, "speakers-narrow.png");
  destroy_window (window);

  /* Right to left, as in an Arabic locale: the chart mirrors. */
  gtk_widget_set_default_direction (GTK_TEXT_DIR_RTL);
  window = create_window (corpus->corpus);
  show_view (window, "overview");
  spin_main_loop (400);
  save_screenshot (window, dir, "overview-rtl.png");
  destroy_window (window);
  gtk_widget_set_default_direction (GTK_TEXT_DIR_LTR);
}

/* GTK warns when there is no session bus (xvfb-run without
 * dbus-run-session); that says nothing about the code under test. */
static gboolean
is_session_bus_warning (const char *message)
{
  return message != NULL && strstr (message, "Unable to acquire session bus") != NULL;
}

static GLogWriterOutput
log_writer (GLogLevelFlags   log_level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0 &&
        is_session_bus_warning (fields[i].value))
      return G_LOG_WRITER_HANDLED;

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static gboolean
fatal_log_handler (const char     *log_domain,
                   GLogLevelFlags  log_level,
                   const char     *message,
                   gpointer        user_data)
{
  return !is_session_bus_warning (message);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_log_set_writer_func (log_writer, NULL, NULL);
  g_test_init (&argc, &argv, NULL);
  g_test_log_set_fatal_handler (fatal_log_handler, NULL);

  app = qm_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/pages/speakers/list", test_speakers_list);
  g_test_add_func ("/pages/speakers/rename", test_rename_speaker);
  g_test_add_func ("/pages/speakers/aliases", test_aliases);
  g_test_add_func ("/pages/speakers/merge", test_merge_speakers);
  g_test_add_func ("/pages/speakers/activate-quote", test_activate_quote);
  g_test_add_func ("/pages/quotes-table", test_quotes_table);
  g_test_add_func ("/pages/overview/counts-and-chart", test_overview);
  g_test_add_func ("/pages/overview/targets", test_targets);
  g_test_add_func ("/pages/overview/annotator-filter", test_overview_annotator_filter);
  /* Only on request: pictures to look at, not a check. */
  if (g_getenv ("QM_TEST_SCREENSHOTS") != NULL)
    g_test_add_func ("/pages/screenshots", test_screenshots);

  status = g_test_run ();
  g_object_unref (app);
  return status;
}
