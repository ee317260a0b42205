/* qm-preferences.c: the Preferences window. Every control is bound to a
 * settings key; the windows follow the keys, so changes apply at once. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include "qm-application.h"
#include "qm-preferences.h"

struct _QmPreferences
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  AdwEntryRow          *annotator_row;
  GtkSwitch            *snap_switch;
  GtkSpinButton        *zoom_spin;
};

G_DEFINE_FINAL_TYPE (QmPreferences, qm_preferences, ADW_TYPE_PREFERENCES_WINDOW)

/* The key holds a factor (1.0), the spin button a percentage. */
static gboolean
zoom_get_mapping (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_double (variant) * 100.0);
  return TRUE;
}

static GVariant *
zoom_set_mapping (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  return g_variant_new_double (g_value_get_double (value) / 100.0);
}

static void
show_annotator (QmPreferences *self)
{
  g_autofree char *annotator = g_settings_get_string (self->settings, "annotator");

  gtk_editable_set_text (GTK_EDITABLE (self->annotator_row), annotator);
}

/* The name is stored when applied, not on every key press: statuses are
 * recorded under it, and "J", "Jo", "Jon" are not annotators. */
static void
annotator_row_apply_cb (AdwEntryRow   *row,
                        QmPreferences *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (*name == '\0')
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("The annotator name cannot be empty")));
      show_annotator (self);
      return;
    }

  g_settings_set_string (self->settings, "annotator", name);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_("Annotator name changed")));
}

static void
qm_preferences_dispose (GObject *object)
{
  QmPreferences *self = QM_PREFERENCES (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), QM_TYPE_PREFERENCES);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (qm_preferences_parent_class)->dispose (object);
}

static void
qm_preferences_class_init (QmPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qm_preferences_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/quotemark/Quotemark/qm-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, QmPreferences, annotator_row);
  gtk_widget_class_bind_template_child (widget_class, QmPreferences, snap_switch);
  gtk_widget_class_bind_template_child (widget_class, QmPreferences, zoom_spin);
  gtk_widget_class_bind_template_callback (widget_class, annotator_row_apply_cb);
}

static void
qm_preferences_init (QmPreferences *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (QM_SETTINGS_SCHEMA_ID);
  show_annotator (self);
  g_signal_connect_object (self->settings, "changed::annotator",
                           G_CALLBACK (show_annotator), self, G_CONNECT_SWAPPED);
  g_settings_bind (self->settings, "snap-to-words",
                   self->snap_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "zoom",
                                gtk_spin_button_get_adjustment (self->zoom_spin), "value",
                                G_SETTINGS_BIND_DEFAULT,
                                zoom_get_mapping, zoom_set_mapping,
                                NULL, NULL);
}

GtkWidget *
qm_preferences_new (GtkWindow *parent)
{
  return g_object_new (QM_TYPE_PREFERENCES,
                       "transient-for", parent,
                       NULL);
}
