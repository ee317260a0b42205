/* qm-import-dialog.c: TODO */
#include "config.h"
