/* qm-store-stances.c: TODO */
#include "config.h"
