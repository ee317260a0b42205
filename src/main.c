/* main.c: the quotemark binary: the command line with a subcommand, the
 * annotation window without one. */
#include "config.h"

#include <locale.h>
#include <glib/gi18n-lib.h>

#include "qm-cli.h"
#ifdef QM_WITH_GUI
# include "qm-application.h"
#endif

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc > 1 && qm_cli_is_command (argv[1]))
    return qm_cli_run (argc, argv);

#ifdef QM_WITH_GUI
  return qm_application_main (argc, argv);
#else
  g_printerr (_("quotemark: this build has no window; try “quotemark help”\n"));
  return QM_EXIT_USAGE;
#endif
}
