/* qm-application.h: the Quotemark application (AdwApplication): command-line
 * options of the GUI, application actions, settings, windows. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define QM_TYPE_APPLICATION (qm_application_get_type ())
G_DECLARE_FINAL_TYPE (QmApplication, qm_application, QM, APPLICATION, AdwApplication)

QmApplication *qm_application_new  (void);
/* Runs the GUI; what main() calls when no subcommand is given. */
int            qm_application_main (int    argc,
                                    char **argv);

G_END_DECLS
