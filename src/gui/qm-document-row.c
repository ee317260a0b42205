/* qm-document-row.c: TODO */
#include "config.h"
