/* qm-application.c: the Quotemark application.
 *
 * `quotemark [--annotator NAME] [CORPUS]` opens CORPUS, else the corpus
 * opened last, else the demo corpus (created from the shipped samples the
 * first time). The annotator comes from --annotator, else the settings;
 * the first run opens the corpus and then asks for it, and nothing can be
 * annotated until it is given.
 */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include "qm-application.h"
#include "qm-demo.h"
#include "qm-preferences.h"
#include "qm-window.h"

struct _QmApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  char           *annotator_override;
  /* The "Who is annotating?" question while it is shown: one for all
   * windows, since the name it asks for is the same. */
  GtkWidget      *annotator_dialog;
};

G_DEFINE_FINAL_TYPE (QmApplication, qm_application, ADW_TYPE_APPLICATION)

static void
open_startup_corpus (QmApplication *self,
                     QmWindow      *window,
                     const char    *path)
{
  g_autofree char *last = NULL;
  g_autofree char *demo = NULL;
  g_autoptr(GError) error = NULL;

  if (path != NULL)
    {
      if (!qm_window_open_corpus (window, path, QM_STORE_OPEN_DEFAULT, &error))
        qm_window_show_error (window, _("Could Not Open the Corpus"), error);
      return;
    }

  last = g_settings_get_string (self->settings, "last-corpus");
  if (*last != '\0' && g_file_test (last, G_FILE_TEST_EXISTS))
    {
      if (qm_window_open_corpus (window, last, QM_STORE_OPEN_DEFAULT, &error))
        return;

      /* The demo corpus opens instead, and the user learns why. */
      qm_window_show_toast (window, error->message);
      g_clear_error (&error);
    }

  demo = qm_application_get_demo_path ();
  if (!g_file_test (demo, G_FILE_TEST_EXISTS))
    {
      g_autofree char *dir = g_path_get_dirname (demo);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;
          g_autofree char *display = g_filename_display_name (dir);

          g_set_error (&error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not create the folder “%s”: %s"),
                       display, g_strerror (saved_errno));
          qm_window_show_error (window, _("Could Not Create the Demo Corpus"), error);
          return;
        }

      if (!qm_demo_create (demo, &error))
        {
          qm_window_show_error (window, _("Could Not Create the Demo Corpus"), error);
          return;
        }
    }

  if (!qm_window_open_corpus (window, demo, QM_STORE_OPEN_DEFAULT, &error))
    qm_window_show_error (window, _("Could Not Open the Demo Corpus"), error);
}

/* The windows still without a name take the one given; those with one
 * (from --annotator) keep theirs. */
static void
annotator_dialog_response_cb (AdwMessageDialog *dialog,
                              const char       *response,
                              QmApplication    *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  /* Not now: the corpus stays open to read, and the window's banner asks
   * again when the user wants to annotate. */
  if (!g_str_equal (response, "continue") || *name == '\0')
    return;

  g_settings_set_string (self->settings, "annotator", name);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (QM_IS_WINDOW (l->data) && qm_window_get_annotator (l->data) == NULL)
      qm_window_set_annotator (l->data, name);
}

static void
annotator_entry_changed_cb (GtkEditable      *entry,
                            AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "continue", *name != '\0');
}

static void
ask_annotator (QmApplication *self,
               GtkWindow     *window)
{
  GtkWidget *dialog, *entry;
  const char *real_name = g_get_real_name ();

  if (self->annotator_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->annotator_dialog));
      return;
    }

  dialog = adw_message_dialog_new (window,
                                   _("Who Is Annotating?"),
                                   _("Annotations and document statuses are recorded under this name. You can change it later in Preferences."));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "later", _("_Not Now"));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "continue", _("_Continue"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "continue",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "continue");
  /* Escape is "not now", never a name nobody confirmed. */
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "later");

  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Your name"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Annotator name"),
                                  -1);
  if (real_name != NULL && g_strcmp0 (real_name, "Unknown") != 0)
    gtk_editable_set_text (GTK_EDITABLE (entry), real_name);
  g_signal_connect (entry, "changed", G_CALLBACK (annotator_entry_changed_cb), dialog);
  annotator_entry_changed_cb (GTK_EDITABLE (entry), ADW_MESSAGE_DIALOG (dialog));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);

  g_signal_connect_object (dialog, "response", G_CALLBACK (annotator_dialog_response_cb), self, 0);
  self->annotator_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->annotator_dialog);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* Shows @window and opens @path (NULL: the startup corpus) in it. Without
 * an annotator name the corpus opens all the same, to read, and the
 * question comes over it. */
static void
start_window (QmApplication *self,
              QmWindow      *window,
              const char    *path)
{
  g_autofree char *annotator = NULL;

  if (self->annotator_override != NULL)
    annotator = g_strdup (self->annotator_override);
  else
    annotator = g_settings_get_string (self->settings, "annotator");

  if (*annotator != '\0')
    qm_window_set_annotator (window, annotator);
  gtk_window_present (GTK_WINDOW (window));
  open_startup_corpus (self, window, path);

  if (*annotator == '\0')
    ask_annotator (self, GTK_WINDOW (window));
}

static void
ask_annotator_action_cb (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  QmApplication *self = QM_APPLICATION (user_data);

  ask_annotator (self, gtk_application_get_active_window (GTK_APPLICATION (self)));
}

static void
preferences_action_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);

  gtk_window_present (GTK_WINDOW (qm_preferences_new (gtk_application_get_active_window (app))));
}

static void
about_action_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  const char *developers[] = { _("The Quotemark developers"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", _("Quotemark"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Quotemark developers"),
                        "developers", developers,
                        "comments", _("Annotate quotations, their speakers and cues in news articles in English, Arabic and more"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
show_guide_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error) && QM_IS_WINDOW (source))
    qm_window_show_toast (QM_WINDOW (source), error->message);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

/* The guide is the installed Markdown file, shown by whatever the desktop
 * opens text with. */
static void
help_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  g_autofree char *path = g_build_filename (PKGDATADIR, "user-guide.md", NULL);
  g_autofree char *uri = NULL;

  if (window == NULL)
    return;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_name (path);
      g_autofree char *message = g_strdup_printf (_("The user guide is not installed: “%s” is missing"), display);

      if (QM_IS_WINDOW (window))
        qm_window_show_toast (QM_WINDOW (window), message);
      return;
    }

  uri = g_filename_to_uri (path, NULL, NULL);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_show_uri_full (window, uri, GDK_CURRENT_TIME, NULL, show_guide_done_cb, NULL);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

/* Closing each window, rather than quitting at once, lets each save its
 * size; the application ends with its last window. */
static void
quit_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GList *windows = g_list_copy (gtk_application_get_windows (app));

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);
}

/* "--annotator NAME" given to a second launch while Quotemark runs: the
 * running instance takes the name for its windows. */
static void
set_annotator_action_cb (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  QmApplication *self = QM_APPLICATION (user_data);
  const char *name = g_variant_get_string (parameter, NULL);

  qm_application_set_annotator_override (self, name);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (QM_IS_WINDOW (l->data))
      qm_window_set_annotator (l->data, name);
  /* The question of the first run is answered. */
  if (self->annotator_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->annotator_dialog));
}

static const GActionEntry app_actions[] = {
  { .name = "set-annotator", .activate = set_annotator_action_cb, .parameter_type = "s" },
  { .name = "ask-annotator", .activate = ask_annotator_action_cb },
  { .name = "preferences", .activate = preferences_action_cb },
  { .name = "about", .activate = about_action_cb },
  { .name = "help", .activate = help_action_cb },
  { .name = "quit", .activate = quit_action_cb },
};

static const struct {
  const char *action;
  const char *accels[3];
} app_accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "app.help", { "F1", NULL } },
  { "win.new-corpus", { "<Control>n", NULL } },
  { "win.open-corpus", { "<Control>o", NULL } },
  { "win.import", { "<Control>i", NULL } },
  { "win.import-folder", { "<Control><Shift>i", NULL } },
  { "win.export", { "<Control>e", NULL } },
  { "win.rename-document", { "F2", NULL } },
};

static void
qm_application_startup (GApplication *app)
{
  G_APPLICATION_CLASS (qm_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (app_accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app),
                                           app_accels[i].action,
                                           app_accels[i].accels);
}

static void
qm_application_activate (GApplication *app)
{
  QmApplication *self = QM_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  start_window (self, qm_window_new (self), NULL);
}

static void
qm_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  QmApplication *self = QM_APPLICATION (app);

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);
      GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (app));
      QmWindow *window;

      if (path == NULL)
        {
          g_autofree char *uri = g_file_get_uri (files[i]);

          g_warning ("Cannot open %s: only local files can be corpora", uri);
          continue;
        }

      /* A window with no corpus (the demo corpus could not be made, say)
       * takes the file; otherwise each corpus gets its own window. */
      if (QM_IS_WINDOW (active) && qm_window_get_store (QM_WINDOW (active)) == NULL)
        window = QM_WINDOW (active);
      else
        window = qm_window_new (self);

      start_window (self, window, path);
    }
}

static int
qm_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  QmApplication *self = QM_APPLICATION (app);
  const char *annotator = NULL;

  if (g_variant_dict_lookup (options, "annotator", "&s", &annotator))
    {
      g_autofree char *name = g_strstrip (g_strdup (annotator));

      if (*name == '\0')
        {
          g_printerr ("%s\n", _("The annotator name given with --annotator is empty."));
          return 2;
        }
      qm_application_set_annotator_override (self, name);

      /* An instance already running opens what this launch asks for, so it
       * must be told the name too. */
      if (g_application_register (app, NULL, NULL) && g_application_get_is_remote (app))
        g_action_group_activate_action (G_ACTION_GROUP (app), "set-annotator",
                                        g_variant_new_string (name));
    }

  /* -1: go on with the default handling (activate or open). */
  return -1;
}

static void
qm_application_finalize (GObject *object)
{
  QmApplication *self = QM_APPLICATION (object);

  g_clear_weak_pointer (&self->annotator_dialog);
  g_clear_object (&self->settings);
  g_free (self->annotator_override);

  G_OBJECT_CLASS (qm_application_parent_class)->finalize (object);
}

static void
qm_application_class_init (QmApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = qm_application_finalize;
  app_class->startup = qm_application_startup;
  app_class->activate = qm_application_activate;
  app_class->open = qm_application_open;
  app_class->handle_local_options = qm_application_handle_local_options;
}

static void
qm_application_init (QmApplication *self)
{
  static const GOptionEntry options[] = {
    { "annotator", 'a', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
      N_("Record annotations under NAME for this run"), N_("NAME") },
    { NULL }
  };

  self->settings = g_settings_new (QM_SETTINGS_SCHEMA_ID);

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[CORPUS]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Annotate quotations in news articles. Without CORPUS, the corpus opened last opens, or the demo corpus."));
}

QmApplication *
qm_application_new (void)
{
  return g_object_new (QM_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       /* The same resources for the development build, whose
                        * app id differs: gtk/help-overlay.ui, style.css. */
                       "resource-base-path", "/io/github/quotemark/Quotemark",
                       NULL);
}

int
qm_application_main (int    argc,
                     char **argv)
{
  g_autoptr(QmApplication) app = NULL;

  /* Before the options are parsed, so --help is translated. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = qm_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}

const char *
qm_application_get_annotator_override (QmApplication *self)
{
  g_return_val_if_fail (QM_IS_APPLICATION (self), NULL);

  return self->annotator_override;
}

void
qm_application_set_annotator_override (QmApplication *self,
                                       const char    *annotator)
{
  g_return_if_fail (QM_IS_APPLICATION (self));

  if (annotator == self->annotator_override)
    return;

  g_free (self->annotator_override);
  self->annotator_override = g_strdup (annotator);
}

char *
qm_application_get_demo_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "quotemark", "demo.quotemark", NULL);
}
