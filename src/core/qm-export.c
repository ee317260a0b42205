/* qm-export.c: TODO */
#include "config.h"
