/* qm-offsets.c: TODO */
#include "config.h"
