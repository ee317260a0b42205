/* test-rtl.c: the window in Arabic: GTK mirrors it right to left, our
 * strings come from the build's translation, numbers follow the locale,
 * and a screenshot of it is left in the build folder to look at. */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include "qm-application.h"
#include "qm-document-row.h"
#include "qm-overview.h"
#include "qm-report.h"
#include "qm-store.h"
#include "qm-test-util.h"
#include "qm-window.h"

#define AR_TITLE "استئناف المحادثات في جنيف"
#define AR_TEXT  AR_TITLE "\n\n" \
                 "قال الوزير يوم الاثنين: «نحن مستعدون للحوار».\n" \
                 "وأضاف المتحدث أن الوفد وصل متأخرا.\n"
#define EN_TITLE "Talks resume in Geneva"
#define EN_TEXT  EN_TITLE "\n\n" \
                 "“We are ready to talk,” the minister said on Monday.\n"

static QmApplication *app;
/* Why the tests cannot run here, or NULL when they can. */
static char *skip_reason;

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

static gboolean
skip_if_unavailable (void)
{
  if (skip_reason == NULL)
    return FALSE;
  g_test_skip (skip_reason);
  return TRUE;
}

static void
add_document (QmStore    *store,
              const char *id,
              const char *title,
              const char *language,
              const char *text)
{
  g_autoptr(QmDocument) document = qm_document_new ();
  g_autoptr(GError) error = NULL;

  qm_document_set_id (document, id);
  qm_document_set_title (document, title);
  qm_document_set_language (document, language);
  qm_document_set_text (document, text);
  qm_store_add_document (store, document, &error);
  g_assert_no_error (error);
}

static char *
create_corpus (void)
{
  g_autofree char *dir = qm_test_make_tmpdir ();
  char *path = g_build_filename (dir, "rtl.quotemark", NULL);
  g_autoptr(QmStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = qm_store_open (path, QM_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  add_document (store, "ar", AR_TITLE, "ar", AR_TEXT);
  add_document (store, "en", EN_TITLE, "en", EN_TEXT);
  qm_store_close (store);
  return path;
}

static QmWindow *
create_window (const char *corpus)
{
  QmWindow *window = qm_window_new (app);
  g_autoptr(GError) error = NULL;

  qm_window_set_annotator (window, "tester");
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));
  qm_window_open_corpus (window, corpus, QM_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  spin_main_loop (300);
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

static void
collect_label_texts (GtkWidget *widget,
                     GPtrArray *texts)
{
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (texts, (gpointer) gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_label_texts (child, texts);
}

static gboolean
has_text (GPtrArray  *texts,
          const char *text)
{
  for (guint i = 0; i < texts->len; i++)
    if (g_strcmp0 (g_ptr_array_index (texts, i), text) == 0)
      return TRUE;
  return FALSE;
}

/* GTK takes the direction from its own Arabic translation, at startup. */
static void
test_default_direction (void)
{
  if (skip_if_unavailable ())
    return;

  g_assert_cmpint (gtk_widget_get_default_direction (), ==, GTK_TEXT_DIR_RTL);
}

static void
test_strings_translated (void)
{
  g_autofree char *corpus = NULL;
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  QmWindow *window;
  GListModel *statuses;

  if (skip_if_unavailable ())
    return;

  corpus = create_corpus ();
  window = create_window (corpus);

  /* Our catalogue, not GTK's: a menu item and the default schema's labels
   * as the label bar shows them (the corpus keeps "Quote"). */
  g_assert_cmpstr (_("_Preferences"), ==, "التف_ضيلات");
  collect_label_texts (GTK_WIDGET (get_child (window, "label_bar")), texts);
  g_assert_true (has_text (texts, "اقتباس"));
  g_assert_true (has_text (texts, "قائل"));
  g_assert_true (has_text (texts, "مؤشر قول"));
  g_assert_false (has_text (texts, "Quote"));

  statuses = gtk_drop_down_get_model (get_child (window, "status_dropdown"));
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (statuses), 0), ==, "كل المستندات");

  destroy_window (window);
}

/* The sidebar is the start child of the paned: on the right in Arabic. */
static void
test_sidebar_on_the_right (void)
{
  g_autofree char *corpus = NULL;
  graphene_rect_t sidebar, content;
  QmWindow *window;
  GtkPaned *paned;

  if (skip_if_unavailable ())
    return;

  corpus = create_corpus ();
  window = create_window (corpus);
  paned = get_child (window, "paned");

  g_assert_true (gtk_widget_get_mapped (gtk_paned_get_start_child (paned)));
  g_assert_true (gtk_widget_compute_bounds (gtk_paned_get_start_child (paned), GTK_WIDGET (window), &sidebar));
  g_assert_true (gtk_widget_compute_bounds (gtk_paned_get_end_child (paned), GTK_WIDGET (window), &content));
  g_assert_cmpfloat (sidebar.size.width, >, 0);
  g_assert_cmpfloat (content.size.width, >, 0);
  g_assert_cmpfloat (sidebar.origin.x, >, content.origin.x);
  g_assert_cmpfloat (sidebar.origin.x, >=, content.origin.x + content.size.width);

  destroy_window (window);
}

/* Counts are grouped as the locale writes them, and the plural forms and
 * the list separator are the catalogue's. */
static void
test_numbers_follow_locale (void)
{
  g_autoptr(QmReport) report = qm_report_new ();
  g_autofree char *count = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *summary = NULL;
  const char *separator;

  if (skip_if_unavailable ())
    return;

  separator = localeconv ()->thousands_sep;
  g_assert_nonnull (separator);
  g_assert_cmpstr (separator, !=, "");

  count = qm_overview_format_count (1234567);
  expected = g_strdup_printf ("1%s234%s567", separator, separator);
  g_assert_cmpstr (count, ==, expected);

  for (guint i = 0; i < 1234; i++)
    qm_report_add (report, QM_REPORT_IMPORTED, "article.txt", 0, "imported");
  qm_report_add (report, QM_REPORT_SKIPPED, "copy.txt", 0, "skipped");
  qm_report_add (report, QM_REPORT_WARNING, "article.txt", 3, "widened");
  qm_report_add (report, QM_REPORT_WARNING, "article.txt", 4, "widened");
  summary = qm_report_summary (report);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("استُورد 1%s234، تُخطِّي واحد، لم يُرفض شيء، تحذيران", separator);
  g_assert_cmpstr (summary, ==, expected);
}

static void
test_screenshot (void)
{
  g_autofree char *corpus = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkTexture) saved = NULL;
  g_autoptr(GError) error = NULL;
  QmWindow *window;
  int width, height;

  if (skip_if_unavailable ())
    return;

  corpus = create_corpus ();
  window = create_window (corpus);
  /* Past the cross-fade from the "no corpus" page. */
  spin_main_loop (1000);
  width = gtk_widget_get_width (GTK_WIDGET (window));
  height = gtk_widget_get_height (GTK_WIDGET (window));
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));

  path = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "rtl-window.png", NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);

  saved = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (saved), ==, gdk_texture_get_width (texture));
  g_assert_cmpint (gdk_texture_get_height (saved), ==, gdk_texture_get_height (texture));

  destroy_window (window);
}

/* The row showing @document_id, once it has its place in the list. */
static GtkWidget *
find_row (GtkWidget  *list_view,
          const char *document_id)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      for (GtkWidget *item = gtk_widget_get_first_child (list_view);
           item != NULL;
           item = gtk_widget_get_next_sibling (item))
        {
          GtkWidget *row = gtk_widget_get_first_child (item);
          QmDocument *document;

          if (row == NULL || !QM_IS_DOCUMENT_ROW (row))
            continue;
          document = qm_document_row_get_document (QM_DOCUMENT_ROW (row));
          if (document != NULL && g_strcmp0 (qm_document_get_id (document), document_id) == 0 &&
              gtk_widget_get_width (row) > 0 && gtk_widget_get_height (row) > 0)
            return row;
        }
      spin_main_loop (10);
    }
  g_assert_not_reached ();
  return NULL;
}

/* A right click on a row opens its menu with a corner at the pointer and
 * the rest on its left, the side Arabic reads towards, in Arabic. */
static void
test_row_menu_opens_leftwards (void)
{
  g_autofree char *corpus = NULL;
  g_autoptr(GListModel) controllers = NULL;
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  GtkWidget *list_view;
  GtkWidget *menu = NULL;
  GtkEventController *click = NULL;
  GdkSurface *surface;
  graphene_rect_t bounds;
  double x, y, window_x, window_y, offset_x, offset_y;
  int menu_x, menu_width;
  QmWindow *window;

  if (skip_if_unavailable ())
    return;

  corpus = create_corpus ();
  window = create_window (corpus);
  list_view = get_child (window, "document_list_view");

  controllers = gtk_widget_observe_controllers (list_view);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (g_strcmp0 (gtk_event_controller_get_name (controller), "qm-document-row-menu-click") == 0)
        click = controller;
    }
  g_assert_nonnull (click);

  g_assert_true (gtk_widget_compute_bounds (find_row (list_view, "en"), list_view, &bounds));
  x = bounds.origin.x + bounds.size.width / 2;
  y = bounds.origin.y + bounds.size.height / 2;
  g_signal_emit_by_name (click, "pressed", 1, x, y);
  spin_main_loop (50);
  g_assert_cmpstr (qm_window_get_document_id (window), ==, "en");

  for (GtkWidget *child = gtk_widget_get_first_child (get_child (window, "content_box"));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER_MENU (child))
      menu = child;
  g_assert_nonnull (menu);
  g_assert_true (gtk_widget_get_visible (menu));
  g_assert_cmpint (gtk_popover_get_position (GTK_POPOVER (menu)), ==, GTK_POS_LEFT);
  collect_label_texts (menu, texts);
  g_assert_true (has_text (texts, "أعد تسمية المستند…"));

  /* On the screen: the menu's surface is placed in the window's, whose
   * origin is that of the window's shadow; the menu's own shadow goes a
   * little past the pointer. */
  g_assert_true (gtk_widget_translate_coordinates (list_view, GTK_WIDGET (window), x, y,
                                                   &window_x, &window_y));
  gtk_native_get_surface_transform (GTK_NATIVE (window), &offset_x, &offset_y);
  window_x += offset_x;
  surface = gtk_native_get_surface (GTK_NATIVE (menu));
  menu_x = gdk_popup_get_position_x (GDK_POPUP (surface));
  menu_width = gdk_surface_get_width (surface);
  g_assert_cmpint (menu_x + menu_width, >=, (int) window_x);
  g_assert_cmpint (menu_x + menu_width / 2, <, (int) window_x);

  /* Closed for longer than GTK 4.8's tooltip timeout, which the menu
   * started and which fails on a surface destroyed before it runs. */
  gtk_popover_popdown (GTK_POPOVER (menu));
  spin_main_loop (600);
  destroy_window (window);
}

/* The first Arabic UTF-8 locale this system has, or NULL. */
static const char *
find_arabic_locale (void)
{
  static const char * const candidates[] = {
    "ar_EG.UTF-8", "ar_SA.UTF-8", "ar_AE.UTF-8", "ar_JO.UTF-8", "ar_LB.UTF-8",
    "ar_MA.UTF-8", "ar_TN.UTF-8", "ar_DZ.UTF-8", "ar_IQ.UTF-8", "ar_SY.UTF-8",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (setlocale (LC_ALL, candidates[i]) != NULL)
      return candidates[i];
  return NULL;
}

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
  g_autofree char *catalogue = NULL;
  const char *localedir = g_getenv ("QM_TEST_LOCALEDIR");
  const char *locale;
  int status;

  g_log_set_writer_func (log_writer, NULL, NULL);
  g_test_init (&argc, &argv, NULL);
  g_test_log_set_fatal_handler (fatal_log_handler, NULL);

  /* Before GTK starts: it reads the locale and its direction then. */
  locale = find_arabic_locale ();
  if (locale == NULL)
    skip_reason = g_strdup ("no Arabic UTF-8 locale is installed "
                            "(Debian: enable ar_EG.UTF-8 in /etc/locale.gen and run locale-gen; "
                            "build-aux/dev deps does it)");
  g_setenv ("LC_ALL", locale != NULL ? locale : "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "ar", TRUE);
  setlocale (LC_ALL, "");

  /* The catalogue the build makes, not an installed one. */
  g_assert_nonnull (localedir);
  catalogue = g_build_filename (localedir, "ar", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  g_assert_true (g_file_test (catalogue, G_FILE_TEST_IS_REGULAR));
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = qm_application_new ();
  /* No D-Bus name: tests may run side by side and without a session bus. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  if (skip_reason == NULL && g_str_equal (g_dgettext ("gtk40", "default:LTR"), "default:LTR"))
    skip_reason = g_strdup ("GTK's Arabic translation (gtk40.mo) is not installed, "
                            "so GTK cannot know that Arabic reads right to left");

  g_test_add_func ("/rtl/default-direction", test_default_direction);
  g_test_add_func ("/rtl/strings-translated", test_strings_translated);
  g_test_add_func ("/rtl/sidebar-on-the-right", test_sidebar_on_the_right);
  g_test_add_func ("/rtl/numbers-follow-locale", test_numbers_follow_locale);
  g_test_add_func ("/rtl/row-menu-opens-leftwards", test_row_menu_opens_leftwards);
  g_test_add_func ("/rtl/screenshot", test_screenshot);

  status = g_test_run ();
  g_clear_object (&app);
  g_free (skip_reason);
  return status;
}
