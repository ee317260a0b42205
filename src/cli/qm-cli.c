#include <glib.h>
int qm_cli_run (int argc, char **argv);
int qm_cli_run (int argc, char **argv) { return 0; }
