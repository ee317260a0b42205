/* qm-store.c: TODO */
#include "config.h"
