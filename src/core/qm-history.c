/* qm-history.c: TODO */
#include "config.h"
