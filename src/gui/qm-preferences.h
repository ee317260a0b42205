/* qm-preferences.h: the Preferences window (annotator name, text size,
 * snapping to words), bound to the application's settings. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define QM_TYPE_PREFERENCES (qm_preferences_get_type ())
G_DECLARE_FINAL_TYPE (QmPreferences, qm_preferences, QM, PREFERENCES, AdwPreferencesWindow)

GtkWidget *qm_preferences_new (GtkWindow *parent);

G_END_DECLS
