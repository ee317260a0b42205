/* qm-application.h: the Quotemark application (AdwApplication): command-line
 * options of the GUI, application actions, settings, windows. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The settings schema; the same for the development build, whose app id
 * differs, so both share the user's preferences. */
#define QM_SETTINGS_SCHEMA_ID "io.github.quotemark.Quotemark"

#define QM_TYPE_APPLICATION (qm_application_get_type ())
G_DECLARE_FINAL_TYPE (QmApplication, qm_application, QM, APPLICATION, AdwApplication)

QmApplication *qm_application_new  (void);
/* Runs the GUI; what main() calls when no subcommand is given. */
int            qm_application_main (int    argc,
                                    char **argv);

/* The name given with --annotator for this run, or NULL. */
const char    *qm_application_get_annotator_override (QmApplication *self);
void           qm_application_set_annotator_override (QmApplication *self,
                                                      const char    *annotator);
/* Where the demo corpus lives: $XDG_DATA_HOME/quotemark/demo.quotemark. */
char          *qm_application_get_demo_path          (void);

G_END_DECLS
