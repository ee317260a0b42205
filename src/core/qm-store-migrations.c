/* qm-store-migrations.c: TODO */
#include "config.h"
