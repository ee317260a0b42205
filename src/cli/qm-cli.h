/* qm-cli.h: the command line: `quotemark SUBCOMMAND ...`. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses of every subcommand. */
enum
{
  QM_EXIT_OK      = 0,
  QM_EXIT_FAILED  = 1,  /* the work failed, or some input was rejected */
  QM_EXIT_USAGE   = 2,  /* the command line itself is wrong */
};

/* TRUE when @name is a subcommand (then main() hands over to qm_cli_run). */
gboolean qm_cli_is_command (const char *name);
int      qm_cli_run        (int         argc,
                            char      **argv);

G_END_DECLS
