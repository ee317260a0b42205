/* qm-schema.c: TODO */
#include "config.h"
