/* qm-window.c: the main window.
 *
 * The window owns the open corpus (one QmStore on the main thread), the
 * QmHistory that all annotation changes go through, and the list models of
 * the sidebar: QmDocumentList (read page by page) -> GtkFilterListModel
 * (status) -> GtkSingleSelection. It never reads the corpus file itself.
 */
#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>
#include "qm-document-list.h"
#include "qm-document-row.h"
#include "qm-document-row-menu.h"
#include "qm-document-view.h"
#include "qm-entities-page.h"
#include "qm-error.h"
#include "qm-export-dialog.h"
#include "qm-history.h"
#include "qm-import-dialog.h"
#include "qm-inspector.h"
#include "qm-label-bar.h"
#include "qm-overview-page.h"
#include "qm-quotes-table.h"
#include "qm-text.h"
#include "qm-window.h"

#define ZOOM_MIN  0.5
#define ZOOM_MAX  3.0
#define ZOOM_STEP 0.1

/* The items of the status drop-down, in order. */
static const char *status_filters[] = { "all", "new", "in_progress", "done" };

typedef enum
{
  CHOOSE_OPEN_CORPUS,
  CHOOSE_NEW_CORPUS,
  CHOOSE_IMPORT_FILES,
  CHOOSE_IMPORT_FOLDER,
} ChooseKind;

struct _QmWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  char                 *annotator;

  QmStore              *store;
  QmHistory            *history;
  QmDocumentList       *documents;
  GtkFilterListModel   *filter_model;
  GtkSingleSelection   *selection;
  GtkFilter            *status_filter;
  int                   status_filter_value;   /* a QmStatus, or -1 for all */

  char                 *document_id;
  /* Set while the window changes the selection itself, so the handler does
   * not open the document a second time. */
  gboolean              selecting;

  QmDocumentRowMenu    *row_menu;

  /* Template children */
  GtkWidget            *content_box;
  AdwViewSwitcherTitle *window_title;
  GtkToggleButton      *sidebar_button;
  GtkMenuButton        *menu_button;
  GtkButton            *done_button;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  GtkPaned             *paned;
  GtkSearchEntry       *search_entry;
  GtkDropDown          *status_dropdown;
  GtkStack             *sidebar_stack;
  GtkListView          *document_list_view;
  QmLabelBar           *label_bar;
  GtkRevealer          *annotator_revealer;
  GtkRevealer          *banner_revealer;
  GtkLabel             *banner_label;
  GtkStack             *content_stack;
  GtkScrolledWindow    *document_scroll;
  QmDocumentView       *document_view;
  AdwViewStack         *view_stack;
  GtkToggleButton      *quotes_button;
  QmQuotesTable        *quotes_table;
  QmEntitiesPage       *entities_page;
  QmOverviewPage       *overview_page;

  /* The annotation panel: shown while an annotation is selected and the
   * header button (F9) is on. */
  GtkToggleButton      *inspector_button;
  GtkRevealer          *inspector_revealer;
  QmInspector          *inspector;
  /* The last "… applied" toast and the last notice (deleted, linked):
   * a newer notice replaces them rather than queue behind them, since its
   * Undo button is about the latest change. */
  AdwToast             *applied_toast;
  AdwToast             *notice_toast;
};

G_DEFINE_FINAL_TYPE (QmWindow, qm_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_ANNOTATOR,
  PROP_STORE,
  PROP_DOCUMENT_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
add_toast (QmWindow   *self,
           const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

static void
show_error_toast (QmWindow     *self,
                  const GError *error)
{
  add_toast (self, error->message);
}

/* --- the annotation panel --- */

/* Keeps @slot pointing at @toast while the overlay holds it. */
static void
track_toast (AdwToast **slot,
             AdwToast  *toast)
{
  if (*slot != NULL)
    g_object_remove_weak_pointer (G_OBJECT (*slot), (gpointer *) slot);
  *slot = toast;
  if (toast != NULL)
    g_object_add_weak_pointer (G_OBJECT (toast), (gpointer *) slot);
}

static void
update_inspector (QmWindow *self)
{
  QmSpan *span = qm_document_view_get_selected_span (self->document_view);

  qm_inspector_set_span_id (self->inspector, span != NULL ? span->id : NULL);
  gtk_revealer_set_reveal_child (self->inspector_revealer,
                                 gtk_toggle_button_get_active (self->inspector_button) && span != NULL);
}

static void
inspector_button_toggled_cb (QmWindow *self)
{
  update_inspector (self);
  /* Turned off with the focus in it: the focus goes back to the text. */
  if (!gtk_toggle_button_get_active (self->inspector_button) &&
      gtk_widget_get_focus_child (GTK_WIDGET (self->inspector)) != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->document_view));
}

static void
toggle_inspector_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  QmWindow *self = QM_WINDOW (widget);
  gboolean active = !gtk_toggle_button_get_active (self->inspector_button);

  gtk_toggle_button_set_active (self->inspector_button, active);
  /* From the keyboard, showing the panel is to work in it. */
  if (active)
    qm_inspector_focus_first (self->inspector);
}

static void
document_view_selection_changed_cb (QmDocumentView *view,
                                    QmWindow       *self)
{
  update_inspector (self);
}

/* A new speaker mention matches several speakers: the panel opens on the
 * speaker chooser. */
static void
document_view_choose_entity_cb (QmDocumentView *view,
                                const char     *span_id,
                                QmWindow       *self)
{
  gtk_toggle_button_set_active (self->inspector_button, TRUE);
  update_inspector (self);
  qm_inspector_focus_entity (self->inspector);
}

/* What a change did, from the view or the panel; Undo on the toast when
 * undo takes it back. */
static void
notice_cb (GtkWidget  *source,
           const char *message,
           gboolean    undoable,
           QmWindow   *self)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  if (undoable)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
    }
  if (self->applied_toast != NULL)
    adw_toast_dismiss (self->applied_toast);
  if (self->notice_toast != NULL)
    adw_toast_dismiss (self->notice_toast);
  track_toast (&self->notice_toast, toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
inspector_failed_cb (QmInspector  *inspector,
                     const GError *error,
                     QmWindow     *self)
{
  show_error_toast (self, error);
}

static void
inspector_span_activated_cb (QmInspector *inspector,
                             const char  *span_id,
                             QmWindow    *self)
{
  qm_document_view_select_span (self->document_view, span_id);
}

static void
inspector_leave_cb (QmInspector *inspector,
                    QmWindow    *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->document_view));
}

/* --- the sidebar models --- */

static gboolean
document_matches_status (QmWindow   *self,
                         QmDocument *document)
{
  return self->status_filter_value < 0 ||
         (int) qm_document_get_status (document) == self->status_filter_value;
}

static gboolean
status_filter_func (gpointer item,
                    gpointer user_data)
{
  return document_matches_status (user_data, item);
}

/* The buttons of the Documents page show on it only; the pages need a
 * corpus with documents. */
static void
update_view_buttons (QmWindow *self)
{
  gboolean corpus = self->store != NULL &&
                    g_str_equal (gtk_stack_get_visible_child_name (self->main_stack), "corpus");
  gboolean documents = corpus &&
                       g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "documents") == 0;

  adw_view_switcher_title_set_view_switcher_enabled (self->window_title, corpus);
  gtk_widget_set_visible (GTK_WIDGET (self->sidebar_button), documents);
  gtk_widget_set_visible (GTK_WIDGET (self->done_button), documents || self->store == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->quotes_button), documents && self->document_id != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->inspector_button), documents || self->store == NULL);
}

static void
update_pages (QmWindow *self)
{
  guint n_documents, n_visible;

  if (self->store == NULL)
    {
      gtk_stack_set_visible_child_name (self->main_stack, "no-corpus");
      gtk_widget_set_visible (GTK_WIDGET (self->sidebar_button), FALSE);
      update_view_buttons (self);
      return;
    }

  n_documents = g_list_model_get_n_items (G_LIST_MODEL (self->documents));
  n_visible = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));

  /* An empty search result is not an empty corpus. */
  if (n_documents == 0 && qm_document_list_get_search (self->documents) == NULL)
    gtk_stack_set_visible_child_name (self->main_stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->main_stack, "corpus");
  /* The sidebar toggle means nothing on the status pages. */
  gtk_widget_set_visible (GTK_WIDGET (self->sidebar_button),
                          g_str_equal (gtk_stack_get_visible_child_name (self->main_stack), "corpus"));
  update_view_buttons (self);

  gtk_stack_set_visible_child_name (self->sidebar_stack, n_visible > 0 ? "list" : "no-results");
  gtk_stack_set_visible_child_name (self->content_stack,
                                    self->document_id != NULL ? "document" : "no-document");
}

static void
update_actions (QmWindow *self)
{
  gboolean writable = self->store != NULL && !qm_store_is_read_only (self->store);
  gboolean has_document = self->document_id != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-folder", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.mark-done",
                                 writable && has_document && self->annotator != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.rename-document", writable && has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next-document", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.previous-document", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 self->history != NULL && qm_history_can_undo (self->history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 self->history != NULL && qm_history_can_redo (self->history));
}

/* Every annotation and status records whose it is: without a name the
 * label bar and Done wait, and the banner says how to give one. The view
 * and the panel refuse changes by themselves. */
static void
update_annotating (QmWindow *self)
{
  gboolean can_annotate = self->annotator != NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->label_bar), can_annotate);
  gtk_revealer_set_reveal_child (self->annotator_revealer, self->store != NULL && !can_annotate);
  update_actions (self);
}

static void
models_changed_cb (GListModel *model,
                   guint       position,
                   guint       removed,
                   guint       added,
                   QmWindow   *self)
{
  update_pages (self);
}

/* The position of a document among the items the sidebar shows, or
 * G_MAXUINT. */
static guint
find_visible_position (QmWindow   *self,
                       const char *document_id)
{
  guint n;

  if (self->filter_model == NULL || document_id == NULL)
    return G_MAXUINT;

  /* Without a status filter the positions are the document list's, which
   * finds a document without creating an object per item. */
  if (gtk_filter_list_model_get_filter (self->filter_model) == NULL)
    return qm_document_list_find (self->documents, document_id);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(QmDocument) document = g_list_model_get_item (G_LIST_MODEL (self->filter_model), i);

      if (g_strcmp0 (qm_document_get_id (document), document_id) == 0)
        return i;
    }

  return G_MAXUINT;
}

static void
select_document_in_list (QmWindow   *self,
                         const char *document_id)
{
  guint position = find_visible_position (self, document_id);

  self->selecting = TRUE;
  if (position == G_MAXUINT)
    {
      gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
    }
  else
    {
      gtk_single_selection_set_selected (self->selection, position);
      gtk_widget_activate_action (GTK_WIDGET (self->document_list_view),
                                  "list.scroll-to-item", "u", position);
    }
  self->selecting = FALSE;
}

static void
selection_changed_cb (GtkSingleSelection *selection,
                      GParamSpec         *pspec,
                      QmWindow           *self)
{
  QmDocument *document;
  g_autoptr(GError) error = NULL;

  if (self->selecting)
    return;

  /* Nothing selected happens when a reload replaced the selected row; the
   * document stays open. */
  document = gtk_single_selection_get_selected_item (selection);
  if (document == NULL ||
      g_strcmp0 (qm_document_get_id (document), self->document_id) == 0)
    return;

  if (!qm_window_open_document (self, qm_document_get_id (document), &error))
    show_error_toast (self, error);
}

static void
apply_status_filter (QmWindow *self)
{
  g_autofree char *value = g_settings_get_string (self->settings, "status-filter");
  QmStatus status;

  if (qm_status_from_string (value, &status))
    self->status_filter_value = status;
  else
    self->status_filter_value = -1;

  if (self->filter_model == NULL)
    return;

  /* No filter at all for "all": the filter model then passes items through
   * without reading every page of a large corpus. */
  if (self->status_filter_value < 0)
    {
      gtk_filter_list_model_set_filter (self->filter_model, NULL);
    }
  else
    {
      gtk_filter_list_model_set_filter (self->filter_model, self->status_filter);
      gtk_filter_changed (self->status_filter, GTK_FILTER_CHANGE_DIFFERENT);
    }

  select_document_in_list (self, self->document_id);
  update_pages (self);
}

static void
clear_models (QmWindow *self)
{
  if (self->documents != NULL)
    g_signal_handlers_disconnect_by_data (self->documents, self);
  if (self->filter_model != NULL)
    g_signal_handlers_disconnect_by_data (self->filter_model, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);

  if (self->document_list_view != NULL)
    gtk_list_view_set_model (self->document_list_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->documents);
}

static void
create_models (QmWindow *self)
{
  clear_models (self);

  self->documents = qm_document_list_new (self->store, self->annotator);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->documents)), NULL);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filter_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);

  g_signal_connect (self->documents, "items-changed", G_CALLBACK (models_changed_cb), self);
  g_signal_connect (self->filter_model, "items-changed", G_CALLBACK (models_changed_cb), self);
  g_signal_connect (self->selection, "notify::selected-item", G_CALLBACK (selection_changed_cb), self);

  gtk_list_view_set_model (self->document_list_view, GTK_SELECTION_MODEL (self->selection));
  apply_status_filter (self);

  /* The search stays when the annotator changes. */
  if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    qm_document_list_set_search (self->documents, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
row_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              QmWindow                 *self)
{
  gtk_list_item_set_child (item, qm_document_row_new ());
}

static void
row_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             QmWindow                 *self)
{
  qm_document_row_set_document (QM_DOCUMENT_ROW (gtk_list_item_get_child (item)),
                                gtk_list_item_get_item (item));
}

static void
row_unbind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               QmWindow                 *self)
{
  qm_document_row_set_document (QM_DOCUMENT_ROW (gtk_list_item_get_child (item)), NULL);
}

/* A row's menu holds the actions on the open document: its row becomes
 * the selected one first, which opens it as a click on it does. */
static gboolean
row_menu_select_cb (QmDocument *document,
                    gpointer    user_data)
{
  QmWindow *self = user_data;
  const char *document_id = qm_document_get_id (document);
  guint position = find_visible_position (self, document_id);

  if (position == G_MAXUINT)
    return FALSE;

  gtk_single_selection_set_selected (self->selection, position);
  return g_strcmp0 (self->document_id, document_id) == 0;
}

/* --- documents --- */

/* The next document after @after (a position in the document list, or
 * G_MAXUINT to start at the top) that is not done and passes the status
 * filter, wrapping around; NULL when there is none. */
static QmDocument *
find_next_not_done (QmWindow *self,
                    guint     after)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->documents));
  guint start = after == G_MAXUINT ? 0 : after + 1;

  for (guint k = 0; k < n; k++)
    {
      guint i = (start + k) % n;
      g_autoptr(QmDocument) document = g_list_model_get_item (G_LIST_MODEL (self->documents), i);

      if (document == NULL || i == after)
        continue;
      if (qm_document_get_status (document) != QM_STATUS_DONE &&
          document_matches_status (self, document))
        return g_steal_pointer (&document);
    }

  return NULL;
}

static void
open_first_document (QmWindow *self)
{
  g_autoptr(QmDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  document = find_next_not_done (self, G_MAXUINT);
  /* Everything done: show the first document the list shows anyway. */
  if (document == NULL && g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) > 0)
    document = g_list_model_get_item (G_LIST_MODEL (self->filter_model), 0);
  if (document == NULL)
    return;

  if (!qm_window_open_document (self, qm_document_get_id (document), &error))
    show_error_toast (self, error);
}

static void
update_banner (QmWindow *self)
{
  g_auto(GStrv) scripts = NULL;
  g_autofree char *names = NULL;
  g_autofree char *text = NULL;

  if (self->document_id != NULL)
    scripts = qm_document_view_get_missing_scripts (self->document_view);

  if (scripts == NULL || scripts[0] == NULL)
    {
      gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
      return;
    }

  /* TRANSLATORS: between the names of scripts, "Ethiopic, Tibetan" */
  names = g_strjoinv (_(", "), scripts);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* TRANSLATORS: %s names a script, "Ethiopic" */
                                       "No installed font covers the %s script, so some of this document shows as boxes. Install a font for it to read them.",
                                       "No installed font covers these scripts: %s. Some of this document shows as boxes. Install fonts for them to read them.",
                                       g_strv_length (scripts)),
                          names);
  gtk_label_set_text (self->banner_label, text);
  gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
}

/* Shows @title, that of the open document (NULL: untitled), over the name
 * of the corpus; without @document_title, the corpus name alone. */
static void
show_title (QmWindow   *self,
            gboolean    document_title,
            const char *title)
{
  g_autofree char *corpus = NULL;

  if (self->store != NULL)
    {
      g_autofree char *basename = g_path_get_basename (qm_store_get_path (self->store));
      const char *dot = g_strrstr (basename, ".quotemark");

      corpus = dot != NULL ? g_strndup (basename, dot - basename) : g_strdup (basename);
    }

  if (document_title)
    {
      adw_view_switcher_title_set_title (self->window_title,
                                         title != NULL && *title != '\0' ? title : _("Untitled"));
      adw_view_switcher_title_set_subtitle (self->window_title, corpus != NULL ? corpus : "");
    }
  else
    {
      adw_view_switcher_title_set_title (self->window_title, corpus != NULL ? corpus : _("Quotemark"));
      adw_view_switcher_title_set_subtitle (self->window_title, "");
    }
}

static void
update_title (QmWindow   *self,
              QmDocument *document)
{
  show_title (self, document != NULL, document != NULL ? qm_document_get_title (document) : NULL);
}

/* The document's title belongs to the Documents page; the others are
 * about the whole corpus. */
static void
update_page_title (QmWindow *self)
{
  g_autoptr(QmDocument) document = NULL;

  if (self->documents != NULL && self->document_id != NULL &&
      g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "documents") == 0)
    {
      guint position = qm_document_list_find (self->documents, self->document_id);

      if (position != G_MAXUINT)
        document = g_list_model_get_item (G_LIST_MODEL (self->documents), position);
    }
  update_title (self, document);
}

static void
set_document_id (QmWindow   *self,
                 const char *document_id)
{
  if (g_strcmp0 (self->document_id, document_id) == 0)
    return;

  g_free (self->document_id);
  self->document_id = g_strdup (document_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT_ID]);
}

static void
close_document (QmWindow *self)
{
  qm_document_view_load (self->document_view, NULL, NULL);
  set_document_id (self, NULL);
  update_title (self, NULL);
  update_banner (self);
  update_pages (self);
  update_actions (self);
}

/* --- opening and creating corpora --- */

static void
history_changed_cb (QmWindow *self)
{
  update_actions (self);
}

/* Spans came or went (or were undone): the list's quote counts follow. */
static void
history_document_changed_cb (QmHistory  *history,
                             const char *document_id,
                             QmWindow   *self)
{
  if (self->documents == NULL)
    return;

  qm_document_list_reload (self->documents);
  if (self->document_id != NULL)
    select_document_in_list (self, self->document_id);
}

/* A new title (or the old one back): its row and, for the open document,
 * the window title show it; the rest of the list stays as it is. */
static void
history_document_renamed_cb (QmHistory  *history,
                             const char *document_id,
                             const char *title,
                             QmWindow   *self)
{
  QmDocument *selected;

  if (self->documents == NULL)
    return;

  qm_document_list_refresh_document (self->documents, document_id);
  if (self->document_id == NULL)
    return;

  /* The selection goes with the object the row showed, which the list
   * replaced. */
  selected = gtk_single_selection_get_selected_item (self->selection);
  if (selected == NULL || g_strcmp0 (qm_document_get_id (selected), self->document_id) != 0)
    select_document_in_list (self, self->document_id);
  /* From the signal: a search may hide the open document from the list. */
  if (g_strcmp0 (document_id, self->document_id) == 0 &&
      g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "documents") == 0)
    show_title (self, TRUE, title);
}

static void
close_corpus (QmWindow *self)
{
  if (self->document_view != NULL)
    {
      qm_document_view_load (self->document_view, NULL, NULL);
      qm_document_view_set_history (self->document_view, NULL);
    }
  if (self->inspector != NULL)
    qm_inspector_set_history (self->inspector, NULL);
  set_document_id (self, NULL);
  clear_models (self);
  if (self->entities_page != NULL)
    qm_entities_page_set_history (self->entities_page, NULL);
  if (self->overview_page != NULL)
    qm_overview_page_set_history (self->overview_page, NULL);
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  g_clear_object (&self->history);
  if (self->store != NULL)
    qm_store_close (self->store);
  g_clear_object (&self->store);
}

/* --- file choosers --- */

static void open_corpus_chosen   (QmWindow *self, const char *path);
static void new_corpus_chosen    (QmWindow *self, const char *path);

static void
paths_chosen (QmWindow   *self,
              ChooseKind  kind,
              GPtrArray  *paths)
{
  if (paths->len == 0)
    return;

  switch (kind)
    {
    case CHOOSE_OPEN_CORPUS:
      open_corpus_chosen (self, g_ptr_array_index (paths, 0));
      break;
    case CHOOSE_NEW_CORPUS:
      new_corpus_chosen (self, g_ptr_array_index (paths, 0));
      break;
    case CHOOSE_IMPORT_FILES:
    case CHOOSE_IMPORT_FOLDER:
      g_ptr_array_add (paths, NULL);
      qm_window_import_paths (self, (const char * const *) paths->pdata);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
add_file_path (GPtrArray *paths,
               GFile     *file)
{
  char *path = g_file_get_path (file);

  /* Files without a local path (some portals' URIs) cannot be opened by
   * SQLite or read by the importer. */
  if (path != NULL)
    g_ptr_array_add (paths, path);
}

static GtkFileFilter *
create_corpus_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Quotemark Corpora"));
  gtk_file_filter_add_pattern (filter, "*.quotemark");
  return filter;
}

static GtkFileFilter *
create_import_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Articles (text or JSONL)"));
  gtk_file_filter_add_pattern (filter, "*.txt");
  gtk_file_filter_add_pattern (filter, "*.jsonl");
  gtk_file_filter_add_mime_type (filter, "text/plain");
  return filter;
}

static GtkFileFilter *
create_all_files_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("All Files"));
  gtk_file_filter_add_pattern (filter, "*");
  return filter;
}

typedef struct
{
  QmWindow   *self;
  ChooseKind  kind;
} ChooseData;

static void
choose_data_free (ChooseData *data)
{
  g_object_unref (data->self);
  g_free (data);
}

#if GTK_CHECK_VERSION (4, 10, 0)

G_GNUC_BEGIN_IGNORE_DEPRECATIONS

static void
file_dialog_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  ChooseData *data = user_data;
  GtkFileDialog *dialog = GTK_FILE_DIALOG (source);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  switch (data->kind)
    {
    case CHOOSE_IMPORT_FILES:
      {
        g_autoptr(GListModel) files = gtk_file_dialog_open_multiple_finish (dialog, result, &error);

        for (guint i = 0; files != NULL && i < g_list_model_get_n_items (files); i++)
          {
            g_autoptr(GFile) file = g_list_model_get_item (files, i);

            add_file_path (paths, file);
          }
      }
      break;
    case CHOOSE_IMPORT_FOLDER:
      {
        g_autoptr(GFile) file = gtk_file_dialog_select_folder_finish (dialog, result, &error);

        if (file != NULL)
          add_file_path (paths, file);
      }
      break;
    case CHOOSE_OPEN_CORPUS:
      {
        g_autoptr(GFile) file = gtk_file_dialog_open_finish (dialog, result, &error);

        if (file != NULL)
          add_file_path (paths, file);
      }
      break;
    case CHOOSE_NEW_CORPUS:
      {
        g_autoptr(GFile) file = gtk_file_dialog_save_finish (dialog, result, &error);

        if (file != NULL)
          add_file_path (paths, file);
      }
      break;
    default:
      g_assert_not_reached ();
    }

  if (error != NULL &&
      !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED) &&
      !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_CANCELLED))
    show_error_toast (data->self, error);
  else
    paths_chosen (data->self, data->kind, paths);

  choose_data_free (data);
}

static void
choose_paths (QmWindow   *self,
              ChooseKind  kind)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) corpus_filter = create_corpus_filter ();
  g_autoptr(GtkFileFilter) import_filter = create_import_filter ();
  g_autoptr(GtkFileFilter) all_filter = create_all_files_filter ();
  ChooseData *data = g_new0 (ChooseData, 1);

  data->self = g_object_ref (self);
  data->kind = kind;
  gtk_file_dialog_set_modal (dialog, TRUE);

  switch (kind)
    {
    case CHOOSE_OPEN_CORPUS:
      g_list_store_append (filters, corpus_filter);
      g_list_store_append (filters, all_filter);
      gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
      gtk_file_dialog_set_title (dialog, _("Open Corpus"));
      gtk_file_dialog_set_accept_label (dialog, _("_Open"));
      gtk_file_dialog_open (dialog, GTK_WINDOW (self), NULL, file_dialog_done_cb, data);
      break;
    case CHOOSE_NEW_CORPUS:
      g_list_store_append (filters, corpus_filter);
      gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
      gtk_file_dialog_set_title (dialog, _("New Corpus"));
      gtk_file_dialog_set_accept_label (dialog, _("_Create"));
      gtk_file_dialog_set_initial_name (dialog, _("Untitled.quotemark"));
      gtk_file_dialog_save (dialog, GTK_WINDOW (self), NULL, file_dialog_done_cb, data);
      break;
    case CHOOSE_IMPORT_FILES:
      g_list_store_append (filters, import_filter);
      g_list_store_append (filters, all_filter);
      gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
      gtk_file_dialog_set_title (dialog, _("Import Files"));
      gtk_file_dialog_set_accept_label (dialog, _("_Import"));
      gtk_file_dialog_open_multiple (dialog, GTK_WINDOW (self), NULL, file_dialog_done_cb, data);
      break;
    case CHOOSE_IMPORT_FOLDER:
      gtk_file_dialog_set_title (dialog, _("Import a Folder"));
      gtk_file_dialog_set_accept_label (dialog, _("_Import"));
      gtk_file_dialog_select_folder (dialog, GTK_WINDOW (self), NULL, file_dialog_done_cb, data);
      break;
    default:
      g_assert_not_reached ();
    }
}

G_GNUC_END_IGNORE_DEPRECATIONS

#else /* GTK 4.8 */

static void
file_chooser_response_cb (GtkNativeDialog *native,
                          int              response,
                          gpointer         user_data)
{
  ChooseData *data = user_data;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          add_file_path (paths, file);
        }
    }

  gtk_native_dialog_destroy (native);
  paths_chosen (data->self, data->kind, paths);
  choose_data_free (data);
  g_object_unref (native);
}

static void
choose_paths (QmWindow   *self,
              ChooseKind  kind)
{
  /* The chooser takes a reference of its own to each filter. */
  g_autoptr(GtkFileFilter) corpus_filter = create_corpus_filter ();
  g_autoptr(GtkFileFilter) import_filter = create_import_filter ();
  g_autoptr(GtkFileFilter) all_filter = create_all_files_filter ();
  GtkFileChooserNative *native = NULL;
  GtkFileChooser *chooser;
  ChooseData *data;

  switch (kind)
    {
    case CHOOSE_OPEN_CORPUS:
      native = gtk_file_chooser_native_new (_("Open Corpus"), GTK_WINDOW (self),
                                            GTK_FILE_CHOOSER_ACTION_OPEN,
                                            _("_Open"), _("_Cancel"));
      chooser = GTK_FILE_CHOOSER (native);
      gtk_file_chooser_add_filter (chooser, corpus_filter);
      gtk_file_chooser_add_filter (chooser, all_filter);
      break;
    case CHOOSE_NEW_CORPUS:
      native = gtk_file_chooser_native_new (_("New Corpus"), GTK_WINDOW (self),
                                            GTK_FILE_CHOOSER_ACTION_SAVE,
                                            _("_Create"), _("_Cancel"));
      chooser = GTK_FILE_CHOOSER (native);
      gtk_file_chooser_add_filter (chooser, corpus_filter);
      gtk_file_chooser_set_current_name (chooser, _("Untitled.quotemark"));
      break;
    case CHOOSE_IMPORT_FILES:
      native = gtk_file_chooser_native_new (_("Import Files"), GTK_WINDOW (self),
                                            GTK_FILE_CHOOSER_ACTION_OPEN,
                                            _("_Import"), _("_Cancel"));
      chooser = GTK_FILE_CHOOSER (native);
      gtk_file_chooser_set_select_multiple (chooser, TRUE);
      gtk_file_chooser_add_filter (chooser, import_filter);
      gtk_file_chooser_add_filter (chooser, all_filter);
      break;
    case CHOOSE_IMPORT_FOLDER:
      native = gtk_file_chooser_native_new (_("Import a Folder"), GTK_WINDOW (self),
                                            GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                            _("_Import"), _("_Cancel"));
      break;
    default:
      g_assert_not_reached ();
    }

  data = g_new0 (ChooseData, 1);
  data->self = g_object_ref (self);
  data->kind = kind;

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (file_chooser_response_cb), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

#endif

static void
open_corpus_chosen (QmWindow   *self,
                    const char *path)
{
  g_autoptr(GError) error = NULL;

  if (!qm_window_open_corpus (self, path, QM_STORE_OPEN_DEFAULT, &error))
    qm_window_show_error (self, _("Could Not Open the Corpus"), error);
}

static void
new_corpus_chosen (QmWindow   *self,
                   const char *chosen)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (g_str_has_suffix (chosen, ".quotemark"))
    path = g_strdup (chosen);
  else
    path = g_strconcat (chosen, ".quotemark", NULL);

  /* A corpus is never created over an existing file, even when the file
   * chooser asked whether to replace it: the file may be someone's work. */
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("“%s” already exists. Choose another name for the new corpus, or open it with Open Corpus."),
                   display);
      qm_window_show_error (self, _("Could Not Create the Corpus"), error);
      return;
    }

  if (!qm_window_open_corpus (self, path, QM_STORE_OPEN_CREATE, &error))
    qm_window_show_error (self, _("Could Not Create the Corpus"), error);
}

/* --- import --- */

static void
import_finished_cb (QmImportDialog *dialog,
                    QmWindow       *self)
{
  QmReport *report = qm_import_dialog_get_report (dialog);

  if (self->documents == NULL)
    return;

  qm_document_list_reload (self->documents);
  update_pages (self);

  if (report != NULL && qm_report_count (report, QM_REPORT_IMPORTED) > 0)
    {
      g_autofree char *summary = qm_report_summary (report);

      add_toast (self, summary);
    }

  if (self->document_id == NULL)
    open_first_document (self);
  else
    select_document_in_list (self, self->document_id);
}

void
qm_window_import_paths (QmWindow           *self,
                        const char * const *paths)
{
  QmImportDialog *dialog;

  g_return_if_fail (QM_IS_WINDOW (self));
  g_return_if_fail (paths != NULL);

  if (self->store == NULL)
    return;

  dialog = qm_import_dialog_new (GTK_WINDOW (self), qm_store_get_path (self->store));
  g_signal_connect_object (dialog, "finished", G_CALLBACK (import_finished_cb), self, 0);
  qm_import_dialog_set_annotator (dialog, self->annotator);
  qm_import_dialog_set_paths (dialog, paths);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- export --- */

static void
export_finished_cb (QmExportDialog *dialog,
                    QmWindow       *self)
{
  AdwToast *toast = qm_export_dialog_create_toast (dialog);

  if (toast != NULL)
    adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  QmWindow *self = QM_WINDOW (widget);
  const char *selected[] = { self->document_id, NULL };
  QmExportDialog *dialog;

  if (self->store == NULL)
    return;

  dialog = qm_export_dialog_new (GTK_WINDOW (self), self->store, self->annotator, selected);
  g_signal_connect_object (dialog, "finished", G_CALLBACK (export_finished_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- actions --- */

static void
new_corpus_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  choose_paths (QM_WINDOW (widget), CHOOSE_NEW_CORPUS);
}

static void
open_corpus_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  choose_paths (QM_WINDOW (widget), CHOOSE_OPEN_CORPUS);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  choose_paths (QM_WINDOW (widget), CHOOSE_IMPORT_FILES);
}

static void
import_folder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  choose_paths (QM_WINDOW (widget), CHOOSE_IMPORT_FOLDER);
}

static void
mark_done_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  QmWindow *self = QM_WINDOW (widget);
  g_autoptr(QmDocument) next = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *done_id = NULL;
  guint position;

  if (self->document_id == NULL || self->store == NULL)
    return;

  done_id = g_strdup (self->document_id);
  if (!qm_store_set_status (self->store, done_id, self->annotator, QM_STATUS_DONE, &error))
    {
      show_error_toast (self, error);
      return;
    }

  position = qm_document_list_find (self->documents, done_id);
  qm_document_list_reload (self->documents);

  next = find_next_not_done (self, position);
  if (next == NULL)
    {
      add_toast (self, _("Every document is done"));
      select_document_in_list (self, done_id);
      return;
    }

  if (!qm_window_open_document (self, qm_document_get_id (next), &error))
    show_error_toast (self, error);
}

typedef struct
{
  QmWindow    *self;
  char        *document_id;
  GtkEditable *entry;
} RenameData;

static void
rename_data_free (gpointer  data,
                  GClosure *closure)
{
  RenameData *rename = data;

  g_object_unref (rename->self);
  g_free (rename->document_id);
  g_free (rename);
}

/* A title of nothing but spaces is no title: Rename waits for one. */
static void
rename_entry_changed_cb (GtkEditable      *entry,
                         AdwMessageDialog *dialog)
{
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "rename", *title != '\0');
}

static void
rename_dialog_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           RenameData       *rename)
{
  QmWindow *self = rename->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *message = NULL;

  if (g_strcmp0 (response, "rename") != 0 || self->history == NULL)
    return;

  /* Confirmed as it was: nothing to write, undo or announce. The dialog
   * is modal: the document shown is the one it renames. */
  clean = qm_text_clean_title (gtk_editable_get_text (rename->entry), NULL);
  if (g_strcmp0 (qm_document_view_get_document_id (self->document_view), rename->document_id) == 0 &&
      g_strcmp0 (clean, qm_document_view_get_title (self->document_view)) == 0)
    return;

  if (!qm_history_rename_document (self->history, rename->document_id,
                                   gtk_editable_get_text (rename->entry), &error))
    {
      show_error_toast (self, error);
      return;
    }

  /* TRANSLATORS: a toast after a document was renamed; %s is its new title */
  message = g_strdup_printf (_("Renamed to “%s”"), clean);
  notice_cb (NULL, message, TRUE, self);
}

static void
rename_document_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  QmWindow *self = QM_WINDOW (widget);
  const char *title;
  GtkWidget *dialog, *entry;
  RenameData *rename;

  if (self->document_id == NULL || self->history == NULL)
    return;

  /* From the view: a search may hide the document from the list. */
  title = qm_document_view_get_title (self->document_view);
  if (title == NULL)
    title = "";
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Rename Document"),
                                   _("The title shows in the document list and in exports. The text stays as it is."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "rename", _("_Rename"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Document title"),
                                  -1);
  /* An import may have given a longer title than a rename allows: it is
   * shown whole rather than cut; kept as it is, nothing is written, and
   * an edit that leaves it too long gets the store's error. */
  gtk_entry_set_max_length (GTK_ENTRY (entry),
                            MAX (QM_TEXT_TITLE_MAX_CHARS, g_utf8_strlen (title, -1)));
  gtk_editable_set_text (GTK_EDITABLE (entry), title);
  g_signal_connect (entry, "changed", G_CALLBACK (rename_entry_changed_cb), dialog);
  rename_entry_changed_cb (GTK_EDITABLE (entry), ADW_MESSAGE_DIALOG (dialog));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);

  rename = g_new0 (RenameData, 1);
  rename->self = g_object_ref (self);
  rename->document_id = g_strdup (self->document_id);
  rename->entry = GTK_EDITABLE (entry);
  g_signal_connect_data (dialog, "response", G_CALLBACK (rename_dialog_response_cb),
                         rename, rename_data_free, 0);

  gtk_window_present (GTK_WINDOW (dialog));
  /* Selected, so typing replaces it and an arrow key keeps it to edit;
   * the cursor at the start, so a long title shows its beginning. */
  gtk_widget_grab_focus (entry);
  gtk_editable_select_region (GTK_EDITABLE (entry), -1, 0);
}

static void
step_document (QmWindow *self,
               int       step)
{
  guint position = find_visible_position (self, self->document_id);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  g_autoptr(QmDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  if (n == 0)
    return;
  if (position == G_MAXUINT)
    position = 0;
  else if ((step < 0 && position == 0) || (step > 0 && position + 1 >= n))
    return;
  else
    position += step;

  document = g_list_model_get_item (G_LIST_MODEL (self->filter_model), position);
  if (document != NULL && !qm_window_open_document (self, qm_document_get_id (document), &error))
    show_error_toast (self, error);
}

static void
next_document_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  step_document (QM_WINDOW (widget), 1);
}

static void
previous_document_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  step_document (QM_WINDOW (widget), -1);
}

static void
set_zoom (QmWindow *self,
          double    zoom)
{
  /* Rounded to whole steps, so zooming in and out again returns to 1.0. */
  zoom = CLAMP (round (zoom * 10.0) / 10.0, ZOOM_MIN, ZOOM_MAX);
  g_settings_set_double (self->settings, "zoom", zoom);
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  QmWindow *self = QM_WINDOW (widget);

  set_zoom (self, g_settings_get_double (self->settings, "zoom") + ZOOM_STEP);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  QmWindow *self = QM_WINDOW (widget);

  set_zoom (self, g_settings_get_double (self->settings, "zoom") - ZOOM_STEP);
}

static void
zoom_reset_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  set_zoom (QM_WINDOW (widget), 1.0);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  QmWindow *self = QM_WINDOW (widget);

  gtk_toggle_button_set_active (self->sidebar_button, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  QmWindow *self = QM_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  /* Through the view when a document is open (the Undo of a toast), so
   * that it selects what comes back. */
  if (self->document_id != NULL &&
      gtk_widget_activate_action (GTK_WIDGET (self->document_view), "view.undo", NULL))
    return;
  if (self->history != NULL && !qm_history_undo (self->history, &error))
    show_error_toast (self, error);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  QmWindow *self = QM_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->history != NULL && !qm_history_redo (self->history, &error))
    show_error_toast (self, error);
}

/* --- signal handlers --- */

static void
search_entry_search_changed_cb (GtkSearchEntry *entry,
                                QmWindow       *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *folded = NULL;

  if (self->documents == NULL)
    return;

  qm_document_list_set_search (self->documents, query);
  if (*query != '\0')
    folded = qm_text_fold (query, NULL);
  qm_document_view_set_search (self->document_view, folded);

  select_document_in_list (self, self->document_id);
  update_pages (self);
}

/* Return in the search entry opens the first match. */
static void
search_entry_activate_cb (GtkSearchEntry *entry,
                          QmWindow       *self)
{
  g_autoptr(QmDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  if (self->filter_model == NULL)
    return;

  document = g_list_model_get_item (G_LIST_MODEL (self->filter_model), 0);
  if (document != NULL && !qm_window_open_document (self, qm_document_get_id (document), &error))
    show_error_toast (self, error);
}

static void
search_entry_stop_search_cb (GtkSearchEntry *entry,
                             QmWindow       *self)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  if (self->document_id != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->document_view));
}

static void
label_bar_label_activated_cb (QmLabelBar *bar,
                              const char *key,
                              QmWindow   *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *span_id = NULL;

  if (self->document_id == NULL)
    return;

  span_id = qm_document_view_apply_label_key (self->document_view, key, &error);
  if (span_id == NULL && error != NULL)
    show_error_toast (self, error);
  /* Unless the panel took the focus to ask which speaker this is. */
  if (gtk_widget_get_focus_child (GTK_WIDGET (self->inspector)) == NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->document_view));
}

/* A document becomes "in progress" with its first annotation rather than
 * when it is opened: opening one to look at it is not starting work. */
static void
mark_in_progress (QmWindow *self)
{
  g_autoptr(GError) error = NULL;
  QmStatus status;

  status = qm_store_get_status (self->store, self->document_id, self->annotator, &error);
  if (error != NULL)
    {
      show_error_toast (self, error);
      return;
    }
  if (status != QM_STATUS_NEW)
    return;

  if (!qm_store_set_status (self->store, self->document_id, self->annotator,
                            QM_STATUS_IN_PROGRESS, &error))
    {
      show_error_toast (self, error);
      return;
    }

  qm_document_list_reload (self->documents);
  select_document_in_list (self, self->document_id);
}

static void
document_view_span_applied_cb (QmDocumentView *view,
                               const char     *label,
                               const char     *text,
                               QmWindow       *self)
{
  g_autofree char *message = NULL;
  g_autofree char *escaped = NULL;

  if (self->store == NULL || self->document_id == NULL)
    return;

  /* TRANSLATORS: a toast after a label was applied: "Quote applied" */
  message = g_strdup_printf (_("%s applied"), qm_schema_display_name (label));
  escaped = g_markup_escape_text (message, -1);
  track_toast (&self->applied_toast, adw_toast_new (escaped));
  adw_toast_overlay_add_toast (self->toast_overlay, self->applied_toast);
  mark_in_progress (self);
}

/* A key pressed in the view asked for a change that could not be made. */
static void
document_view_failed_cb (QmDocumentView *view,
                         const GError   *error,
                         QmWindow       *self)
{
  show_error_toast (self, error);
}

static void
view_stack_visible_child_cb (AdwViewStack *stack,
                             GParamSpec   *pspec,
                             QmWindow     *self)
{
  update_page_title (self);
  update_pages (self);
}

static void
entities_page_quote_activated_cb (QmEntitiesPage *page,
                                  const char     *document_id,
                                  const char     *span_id,
                                  QmWindow       *self)
{
  g_autoptr(GError) error = NULL;

  if (!qm_window_show_quote (self, document_id, span_id, &error))
    show_error_toast (self, error);
}

static void
settings_changed_cb (GSettings  *settings,
                     const char *key,
                     QmWindow   *self)
{
  if (g_str_equal (key, "zoom"))
    {
      qm_document_view_set_zoom (self->document_view, g_settings_get_double (settings, "zoom"));
    }
  else if (g_str_equal (key, "snap-to-words"))
    {
      qm_document_view_set_snap_words (self->document_view, g_settings_get_boolean (settings, "snap-to-words"));
    }
  else if (g_str_equal (key, "status-filter"))
    {
      apply_status_filter (self);
    }
  else if (g_str_equal (key, "annotator"))
    {
      g_autofree char *annotator = g_settings_get_string (settings, "annotator");

      if (*annotator != '\0')
        qm_window_set_annotator (self, annotator);
    }
}

static gboolean
status_filter_get_mapping (GValue   *value,
                           GVariant *variant,
                           gpointer  user_data)
{
  const char *filter = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (status_filters); i++)
    if (g_str_equal (status_filters[i], filter))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  return FALSE;
}

static GVariant *
status_filter_set_mapping (const GValue       *value,
                           const GVariantType *expected_type,
                           gpointer            user_data)
{
  guint i = g_value_get_uint (value);

  if (i >= G_N_ELEMENTS (status_filters))
    return NULL;

  return g_variant_new_string (status_filters[i]);
}

/* --- GObject and GtkWidget --- */

static gboolean
qm_window_close_request (GtkWindow *window)
{
  QmWindow *self = QM_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  /* The size before maximizing is what to restore. */
  if (!gtk_window_is_maximized (window) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (qm_window_parent_class)->close_request (window);
}

static void
qm_window_constructed (GObject *object)
{
  QmWindow *self = QM_WINDOW (object);

  G_OBJECT_CLASS (qm_window_parent_class)->constructed (object);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
qm_window_dispose (GObject *object)
{
  QmWindow *self = QM_WINDOW (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  close_corpus (self);
  g_clear_object (&self->row_menu);
  track_toast (&self->applied_toast, NULL);
  track_toast (&self->notice_toast, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), QM_TYPE_WINDOW);
  g_clear_object (&self->status_filter);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (qm_window_parent_class)->dispose (object);
}

static void
qm_window_finalize (GObject *object)
{
  QmWindow *self = QM_WINDOW (object);

  g_free (self->annotator);
  g_free (self->document_id);

  G_OBJECT_CLASS (qm_window_parent_class)->finalize (object);
}

static void
qm_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  QmWindow *self = QM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_ANNOTATOR:
      g_value_set_string (value, self->annotator);
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_DOCUMENT_ID:
      g_value_set_string (value, self->document_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qm_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  QmWindow *self = QM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_ANNOTATOR:
      qm_window_set_annotator (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qm_window_class_init (QmWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = qm_window_constructed;
  object_class->dispose = qm_window_dispose;
  object_class->finalize = qm_window_finalize;
  object_class->get_property = qm_window_get_property;
  object_class->set_property = qm_window_set_property;
  window_class->close_request = qm_window_close_request;

  properties[PROP_ANNOTATOR] =
    g_param_spec_string ("annotator", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         QM_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOCUMENT_ID] =
    g_param_spec_string ("document-id", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (QM_TYPE_DOCUMENT_VIEW);
  g_type_ensure (QM_TYPE_LABEL_BAR);
  g_type_ensure (QM_TYPE_QUOTES_TABLE);
  g_type_ensure (QM_TYPE_ENTITIES_PAGE);
  g_type_ensure (QM_TYPE_OVERVIEW_PAGE);
  g_type_ensure (QM_TYPE_INSPECTOR);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/quotemark/Quotemark/qm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, QmWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, QmWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, QmWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, QmWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, QmWindow, done_button);
  gtk_widget_class_bind_template_child (widget_class, QmWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, QmWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, QmWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, QmWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, QmWindow, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, QmWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, QmWindow, document_list_view);
  gtk_widget_class_bind_template_child (widget_class, QmWindow, label_bar);
  gtk_widget_class_bind_template_child (widget_class, QmWindow, annotator_revealer);
  gtk_widget_class_bind_template_child (widget_class, QmWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, QmWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, QmWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, QmWindow, document_scroll);
  gtk_widget_class_bind_template_child (widget_class, QmWindow, document_view);
  gtk_widget_class_bind_template_child (widget_class, QmWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, QmWindow, quotes_button);
  gtk_widget_class_bind_template_child (widget_class, QmWindow, quotes_table);
  gtk_widget_class_bind_template_child (widget_class, QmWindow, entities_page);
  gtk_widget_class_bind_template_child (widget_class, QmWindow, overview_page);
  gtk_widget_class_bind_template_child (widget_class, QmWindow, inspector_button);
  gtk_widget_class_bind_template_child (widget_class, QmWindow, inspector_revealer);
  gtk_widget_class_bind_template_child (widget_class, QmWindow, inspector);
  gtk_widget_class_bind_template_callback (widget_class, notice_cb);
  gtk_widget_class_bind_template_callback (widget_class, inspector_failed_cb);
  gtk_widget_class_bind_template_callback (widget_class, inspector_span_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, inspector_leave_cb);
  gtk_widget_class_bind_template_callback (widget_class, document_view_selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, document_view_choose_entity_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_entry_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, label_bar_label_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, document_view_span_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, document_view_failed_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_stack_visible_child_cb);
  gtk_widget_class_bind_template_callback (widget_class, entities_page_quote_activated_cb);

  gtk_widget_class_install_action (widget_class, "win.new-corpus", NULL, new_corpus_action);
  gtk_widget_class_install_action (widget_class, "win.open-corpus", NULL, open_corpus_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.import-folder", NULL, import_folder_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.mark-done", NULL, mark_done_action);
  gtk_widget_class_install_action (widget_class, "win.rename-document", NULL, rename_document_action);
  gtk_widget_class_install_action (widget_class, "win.next-document", NULL, next_document_action);
  gtk_widget_class_install_action (widget_class, "win.previous-document", NULL, previous_document_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, zoom_reset_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-inspector", NULL, toggle_inspector_action);

  /* Shortcuts that the focused widget may want first (a text entry's own
   * Ctrl+Z) are bindings of the window, reached after the focus widget
   * passed on the key; the menu items' shortcuts are the application's
   * (see qm-application.c). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "win.mark-done", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "win.mark-done", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "win.next-document", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "win.previous-document", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "win.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "win.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_y, GDK_CONTROL_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-inspector", NULL);
}

static void
qm_window_init (QmWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (QM_SETTINGS_SCHEMA_ID);
  self->status_filter = GTK_FILTER (gtk_custom_filter_new (status_filter_func, self, NULL));
  self->status_filter_value = -1;

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (row_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (row_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (row_unbind_cb), self);
  gtk_list_view_set_factory (self->document_list_view, factory);
  /* Hung from the whole content: a popover needs a parent with a layout
   * manager, and one outside the paned. */
  self->row_menu = qm_document_row_menu_new (self->document_list_view, self->content_box,
                                             row_menu_select_cb, self);

  g_settings_bind_with_mapping (self->settings, "status-filter",
                                self->status_dropdown, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                status_filter_get_mapping, status_filter_set_mapping,
                                NULL, NULL);
  g_signal_connect (self->settings, "changed", G_CALLBACK (settings_changed_cb), self);

  g_object_bind_property (self->document_view, "spans", self->inspector, "spans", G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (self->inspector_button, "toggled", G_CALLBACK (inspector_button_toggled_cb), self);

  qm_document_view_set_zoom (self->document_view, g_settings_get_double (self->settings, "zoom"));
  qm_document_view_set_snap_words (self->document_view, g_settings_get_boolean (self->settings, "snap-to-words"));

  update_pages (self);
  update_annotating (self);
}

QmWindow *
qm_window_new (QmApplication *application)
{
  return g_object_new (QM_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

void
qm_window_set_annotator (QmWindow   *self,
                         const char *annotator)
{
  g_return_if_fail (QM_IS_WINDOW (self));

  if (g_strcmp0 (self->annotator, annotator) == 0)
    return;

  g_free (self->annotator);
  self->annotator = g_strdup (annotator);
  qm_document_view_set_annotator (self->document_view, annotator);
  qm_inspector_set_annotator (self->inspector, annotator);

  /* Statuses and quote counts are the annotator's: the list is read again
   * and the document shows the new annotator's spans. */
  if (self->store != NULL)
    {
      g_autofree char *document_id = g_strdup (self->document_id);
      g_autoptr(GError) error = NULL;

      create_models (self);
      set_document_id (self, NULL);
      if (document_id == NULL || !qm_window_open_document (self, document_id, &error))
        open_first_document (self);
      update_pages (self);
    }
  update_annotating (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANNOTATOR]);
}

const char *
qm_window_get_annotator (QmWindow *self)
{
  g_return_val_if_fail (QM_IS_WINDOW (self), NULL);

  return self->annotator;
}

gboolean
qm_window_open_corpus (QmWindow          *self,
                       const char        *path,
                       QmStoreOpenFlags   flags,
                       GError           **error)
{
  g_autoptr(QmStore) store = NULL;
  g_autofree char *absolute = NULL;

  g_return_val_if_fail (QM_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  absolute = g_canonicalize_filename (path, NULL);
  store = qm_store_open (absolute, flags, error);
  if (store == NULL)
    return FALSE;

  close_corpus (self);
  self->store = g_steal_pointer (&store);
  self->history = qm_history_new (self->store);
  g_signal_connect_swapped (self->history, "notify::can-undo", G_CALLBACK (history_changed_cb), self);
  g_signal_connect_swapped (self->history, "notify::can-redo", G_CALLBACK (history_changed_cb), self);
  g_signal_connect_object (self->history, "changed", G_CALLBACK (history_document_changed_cb), self, 0);
  g_signal_connect_object (self->history, "document-renamed", G_CALLBACK (history_document_renamed_cb), self, 0);

  qm_document_view_set_history (self->document_view, self->history);
  qm_document_view_set_annotator (self->document_view, self->annotator);
  qm_entities_page_set_history (self->entities_page, self->history);
  qm_overview_page_set_history (self->overview_page, self->history);
  qm_inspector_set_history (self->inspector, self->history);
  qm_inspector_set_annotator (self->inspector, self->annotator);
  qm_label_bar_set_schema (self->label_bar, qm_store_get_schema (self->store));

  create_models (self);
  g_settings_set_string (self->settings, "last-corpus", absolute);

  update_title (self, NULL);
  update_pages (self);
  update_annotating (self);
  open_first_document (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  return TRUE;
}

QmStore *
qm_window_get_store (QmWindow *self)
{
  g_return_val_if_fail (QM_IS_WINDOW (self), NULL);

  return self->store;
}

QmHistory *
qm_window_get_history (QmWindow *self)
{
  g_return_val_if_fail (QM_IS_WINDOW (self), NULL);

  return self->history;
}

gboolean
qm_window_open_document (QmWindow    *self,
                         const char  *document_id,
                         GError     **error)
{
  g_autoptr(QmDocument) document = NULL;
  guint position;

  g_return_val_if_fail (QM_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (document_id == NULL)
    {
      close_document (self);
      return TRUE;
    }

  if (self->store == NULL)
    {
      g_set_error_literal (error, QM_ERROR, QM_ERROR_NOT_FOUND, _("No corpus is open"));
      return FALSE;
    }

  if (!qm_document_view_load (self->document_view, document_id, error))
    return FALSE;

  set_document_id (self, document_id);
  position = qm_document_list_find (self->documents, document_id);
  if (position != G_MAXUINT)
    document = g_list_model_get_item (G_LIST_MODEL (self->documents), position);

  update_title (self, document);
  update_banner (self);
  select_document_in_list (self, document_id);
  update_pages (self);
  update_actions (self);

  gtk_widget_grab_focus (GTK_WIDGET (self->document_view));
  return TRUE;
}

const char *
qm_window_get_document_id (QmWindow *self)
{
  g_return_val_if_fail (QM_IS_WINDOW (self), NULL);

  return self->document_id;
}

void
qm_window_show_toast (QmWindow   *self,
                      const char *text)
{
  g_return_if_fail (QM_IS_WINDOW (self));

  add_toast (self, text);
}

void
qm_window_show_error (QmWindow     *self,
                      const char   *heading,
                      const GError *error)
{
  GtkWidget *dialog;

  g_return_if_fail (QM_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
qm_window_show_quote (QmWindow    *self,
                      const char  *document_id,
                      const char  *span_id,
                      GError     **error)
{
  g_autoptr(QmSpan) span = NULL;

  g_return_val_if_fail (QM_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (document_id != NULL, FALSE);
  g_return_val_if_fail (span_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  adw_view_stack_set_visible_child_name (self->view_stack, "documents");
  if (g_strcmp0 (self->document_id, document_id) != 0 &&
      !qm_window_open_document (self, document_id, error))
    return FALSE;

  /* The view shows the annotator's own spans; someone else's quote is
   * there in the corpus but not on screen. */
  if (qm_span_list_find (qm_document_view_get_spans (self->document_view), span_id) == G_MAXUINT)
    {
      span = qm_store_get_span (self->store, span_id, error);
      if (span == NULL)
        return FALSE;

      g_set_error (error, QM_ERROR, QM_ERROR_NOT_FOUND,
                   _("This quote was marked by %s, and the document shows the annotations of %s. Set your name to %s in Preferences to see it."),
                   span->annotator, self->annotator != NULL ? self->annotator : "", span->annotator);
      return FALSE;
    }

  qm_document_view_select_span (self->document_view, span_id);
  gtk_widget_grab_focus (GTK_WIDGET (self->document_view));
  return TRUE;
}
